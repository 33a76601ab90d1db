"""Rule documentation rendered from rule metadata: one source for explain, SARIF, docs."""

from __future__ import annotations

import textwrap

DOCS_URL = "https://newslint.dev/rules/{code}"


def rule_url(rule) -> str:
    return DOCS_URL.format(code=rule.code)


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
    parts += [f"Docs: {rule_url(rule)}", ""]
    return "\n".join(parts)
