"""The command line: flags → settings → run → report → exit code. Nothing else.

Exit codes (ruff's contract): 0 nothing at or above ``--fail-on``; 1 findings;
2 usage, config or internal error — always as one line on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="newslint",
    help="Lint news and blog article corpora: schema, residue, credits, dated claims, duplication, links, language.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FORMATS = ["text", "full", "concise", "json", "jsonl"]


def _fail(message: str) -> "typer.Exit":
    sys.stderr.write(f"newslint: error: {message}\n")
    return typer.Exit(2)


def _split(values: Optional[list[str]]) -> Optional[list[str]]:
    if values is None:
        return None
    out = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def load_settings(config: Optional[Path], cli_values: dict, isolated: bool = False):
    """Find and merge the config; returns (settings, origins, config path)."""
    from .settings import build_settings, find_config, load_config_file

    file_data, origin, where = None, "config", None
    if config is not None:
        if not config.is_file():
            raise _fail(f"config file not found: {config}")
        file_data, where = load_config_file(config), config
    elif not isolated:
        found = find_config(Path.cwd())
        if found:
            where, file_data = found
    if where is not None:
        origin = str(where)
    settings, origins = build_settings(file_data, cli_values, origin)
    if where is not None and settings.schema_path and not os.path.isabs(settings.schema_path) \
            and origins.get("schema_path", origins.get("schema")) == origin:
        settings = settings.model_copy(update={"schema_path": str(Path(where).parent / settings.schema_path)})
    return settings, origins, where


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to lint; - reads stdin.")] = None,  # type: ignore[assignment]
    output_format: Annotated[str, typer.Option("--format", help=f"Output format: {', '.join(FORMATS)}.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to run (ALL).")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(help="Add to the selected rules.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    fail_on: Annotated[Optional[str], typer.Option(help="Exit 1 at or above: error, warning, info, never.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Config file (default: found upward).")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore config files.")] = False,
    schema: Annotated[Optional[str], typer.Option(help="JSON Schema for articles.")] = None,
    preset: Annotated[Optional[str], typer.Option(help="Field mapping preset: jekyll, hugo, zola, astro, nextjs.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (0 = one per core).")] = None,
    as_of: Annotated[Optional[str], typer.Option(help="Age present-tense claims as of this date (YYYY-MM-DD).")] = None,
    links: Annotated[Optional[str], typer.Option(help="Link checks: off, offline, online.")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Name (and so format) of stdin.")] = None,
    statistics: Annotated[bool, typer.Option(help="Print a count per rule.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only, no summary.")] = False,
    no_source: Annotated[bool, typer.Option("--no-source", help="Do not show source lines.")] = False,
) -> None:
    """Lint article files and folders."""
    from .settings import ConfigError

    if output_format not in FORMATS:
        raise _fail(f"unknown --format {output_format!r} (choose from {', '.join(FORMATS)})")
    paths = paths or ["."]
    cli_values = {
        "select": _split(select),
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
        "fail_on": fail_on,
        "schema": schema,
        "preset": preset,
        "jobs": jobs,
        "as_of": as_of,
        "links": links,
    }
    try:
        settings, _, _ = load_settings(config, cli_values, isolated)
        stdin = None
        if "-" in paths:
            if not stdin_filename:
                raise _fail("reading stdin (-) needs --stdin-filename to know the format")
            stdin = (sys.stdin.buffer.read(), stdin_filename)
        from . import lint
        from .engine import UsageError

        report = lint([p for p in paths if p != "-"] if stdin else paths, settings, stdin=stdin)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract: one line, exit 2, never a traceback
        from .engine import UsageError

        if isinstance(exc, UsageError):
            raise _fail(str(exc)) from None
        if os.environ.get("NEWSLINT_DEBUG"):
            raise
        raise _fail(f"internal error: {type(exc).__name__}: {exc} (set NEWSLINT_DEBUG=1 for a traceback)") from None

    _emit(report, output_format, output, statistics, quiet, no_source)
    raise typer.Exit(1 if report.fails(settings.fail_on) else 0)


def _emit(report, output_format: str, output: Optional[Path], statistics: bool, quiet: bool, no_source: bool) -> None:
    from .reporting import ReportEnv, get_reporter
    from .rules import REGISTRY

    to_file = output is not None
    env = ReportEnv(
        registry=REGISTRY,
        color=not to_file and sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
        statistics=statistics,
        show_source=not no_source,
        sources=report.sources,
    )
    writer = get_reporter(output_format)
    if quiet and output_format in ("text", "full", "concise"):
        writer = get_reporter("concise")
        report_copy = report
        for f in report_copy.findings:
            sys.stdout.write(f"{f.path}:{f.line or 1}:{f.column or 1}: {f.code} [{f.name}] {f.message}\n")
        return
    if to_file:
        from .atomic import atomic_write_text
        import io

        buf = io.StringIO()
        writer(report, buf, env)
        try:
            atomic_write_text(output, buf.getvalue())
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        writer(report, sys.stdout, env)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """List every rule: code, name, default severity, summary."""
    from .rules import REGISTRY

    if output_format == "json":
        import orjson

        data = [
            {"code": r.code, "name": r.name, "family": r.family_name, "severity": r.severity.value,
             "summary": r.summary, "fixable": r.fix is not None, "default_enabled": r.default_enabled}
            for r in REGISTRY.rules
        ]
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    family = None
    for r in REGISTRY.rules:
        if r.family != family:
            family = r.family
            sys.stdout.write(f"\n{family}xx  {r.family_name}\n")
        flag = "*" if r.fix else " "
        sys.stdout.write(f"  {r.code} {flag} {r.name:<34} {r.severity.value:<8} {r.summary}\n")
    sys.stdout.write("\n* has a fix (newslint fix)\n")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code or name, e.g. NL201.")]) -> None:
    """Print a rule's documentation."""
    from .docs import render_rule
    from .rules import REGISTRY

    rule = REGISTRY.by_code.get(code.upper()) or REGISTRY.by_name.get(code)
    if rule is None:
        raise _fail(f"unknown rule {code!r} (see `newslint rules`)")
    sys.stdout.write(render_rule(rule))


@app.command()
def init(
    force: Annotated[bool, typer.Option(help="Overwrite an existing newslint.toml.")] = False,
    preset: Annotated[Optional[str], typer.Option(help="jekyll, hugo, zola, astro or nextjs.")] = None,
) -> None:
    """Write a starter newslint.toml in the current folder."""
    from .atomic import atomic_write_text
    from .presets import PRESETS

    target = Path("newslint.toml")
    if target.exists() and not force:
        raise _fail("newslint.toml already exists (use --force to overwrite)")
    if preset is not None and preset not in PRESETS:
        raise _fail(f"unknown preset {preset!r} (known: {', '.join(sorted(PRESETS))})")
    lines = [
        "# newslint configuration: https://newslint.dev/config",
        "# Rules are selected by code (NL201), prefix (NL2) or name (ui-chrome-line).",
        'select = ["ALL"]',
        "ignore = []",
        'fail-on = "warning"',
    ]
    if preset:
        lines.append(f'preset = "{preset}"')
    lines += [
        "",
        "# Map your field names onto newslint's (dotted keys reach nested values).",
        "[fields]",
        '# body = "content"',
        '# section = "extra.team"',
        "",
        "# Per-rule severity.",
        "[severity]",
        '# NL401 = "info"',
        "",
    ]
    atomic_write_text(target, "\n".join(lines))
    sys.stdout.write(f"wrote {target}\n")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
