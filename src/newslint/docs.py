"""Rule documentation rendered from rule metadata: one source for explain and SARIF.

There is no docs website: a URL to one would be a dead link in every SARIF
upload, so the full text travels with the output instead (``newslint explain``,
SARIF ``help``).
"""

from __future__ import annotations

import textwrap

def render_rule(rule) -> str:
    def para(text: str) -> str:
        return textwrap.fill(" ".join(text.split()), width=78)

    parts = [
        f"# {rule.code} {rule.name}",
        "",
        f"Family: {rule.family}xx {rule.family_name}    Default severity: {rule.severity.value}"
        + ("" if rule.default_enabled else "    (off by default: enable with --extend-select)"),
        "",
        "## What it does",
        para(rule.summary),
        "",
        "## Why is this bad?",
        para(rule.why),
        "",
        "## Example that fires",
        textwrap.indent(rule.fires.strip(), "    "),
        "",
        "## Example that stays quiet",
        textwrap.indent(rule.quiet.strip(), "    "),
        "",
    ]
    if rule.fix:
        parts += ["## Fix", para(rule.fix), ""]
    return "\n".join(parts)
