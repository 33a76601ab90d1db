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

from .reporting import FORMATS, REPORTERS  # names only: each format's module loads when used

app = typer.Typer(
    name="newslint",
    help="Lint news and blog article corpora: schema, residue, credits, dated claims, duplication, links, language.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    """Find and merge the config; returns (settings, origins, config path).

    With no config file anywhere upward and no --preset, a folder that is the root
    of a Hugo, Zola, Jekyll, Astro or Next.js site is read with the preset its own
    config names (as ``newslint init`` would write it), said once on stderr by
    ``check``: a first run at a site's root then reads its front matter right.
    """
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
        elif not cli_values.get("preset"):
            from .detect import detect_site

            site = detect_site(Path.cwd())
            if site is not None:
                file_data = {"preset": site.preset, "fields": dict(site.fields)}
                origin = f"recognised from {site.origin}"
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
    output_format: Annotated[str, typer.Option("--format", help=f"Output format: {', '.join(FORMATS)} (auto: github in GitHub Actions, else text).")] = "auto",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    report_to: Annotated[Optional[list[str]], typer.Option("--report", metavar="FORMAT:PATH", help="Also write a report file, e.g. sarif:newslint.sarif (repeatable).")] = None,
    force_exclude: Annotated[bool, typer.Option(help="Apply exclude to files named on the command line too (for pre-commit).")] = False,
    corpus: Annotated[bool, typer.Option(help="Run rules that compare articles with each other; --no-corpus when only some files are passed.")] = True,
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
    baseline: Annotated[Optional[Path], typer.Option(help="Baseline file (default: .newslint-baseline.json if present).")] = None,
    write_baseline: Annotated[bool, typer.Option(help="Write every current finding to the baseline and exit 0.")] = False,
    prune_baseline: Annotated[bool, typer.Option(help="Drop baseline entries that no longer match.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write .newslint_cache.")] = False,
) -> None:
    """Lint article files and folders."""
    from .settings import ConfigError

    if output_format not in FORMATS:
        raise _fail(f"unknown --format {output_format!r} (choose from {', '.join(FORMATS)})")
    reports = _parse_reports(report_to or [])
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
        settings, origins, where = load_settings(config, cli_values, isolated)
        if where is None and origins.get("preset", "").startswith("recognised") and not quiet:
            sys.stderr.write(f"newslint: no newslint.toml: read as a {settings.preset} site "
                             f"({origins['preset']}); `newslint init` writes that down\n")
        settings = workflow_settings(settings, where, baseline, no_cache, must_exist=not write_baseline)
        baseline_file = settings.baseline
        if write_baseline:  # every current finding, none hidden by the old baseline
            settings = settings.model_copy(update={"baseline": None})
        stdin = None
        if "-" in paths:
            if not stdin_filename:
                raise _fail("reading stdin (-) needs --stdin-filename to know the format")
            stdin = (sys.stdin.buffer.read(), stdin_filename)
        from contextlib import nullcontext

        from . import lint
        from .engine import UsageError
        from .progress import progress_for

        settings, paths = _scope(settings, paths, force_exclude, corpus)
        with progress_for(sys.stderr, quiet) or nullcontext() as progress:
            report = lint([p for p in paths if p != "-"] if stdin else paths, settings, stdin=stdin,
                          progress=progress)
        if write_baseline or prune_baseline:
            if _baseline_action(report, settings, where, baseline_file, write_baseline, quiet):
                raise typer.Exit(0)
        elif report.baseline_stale and not quiet:
            n = sum(s["missing"] for s in report.baseline_stale)
            sys.stderr.write(f"newslint: {n} baselined finding{'s' if n != 1 else ''} no longer found "
                             f"(fixed?); --prune-baseline drops {'them' if n != 1 else 'it'} "
                             f"from {_shown(settings.baseline)}\n")
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

    _emit(report, output_format, output, statistics, quiet, no_source, reports)
    raise typer.Exit(1 if report.fails(settings.fail_on) else 0)


def workflow_settings(settings, where: Optional[Path], baseline: Optional[Path], no_cache: bool,
                      must_exist: bool = True):
    """Cache folder and baseline, resolved against the config's folder; the baseline auto-detected."""
    from .baseline import find_baseline

    root = Path(where).resolve().parent if where is not None else Path.cwd()
    update: dict = {}
    if no_cache:
        update["cache"] = False
    if not os.path.isabs(settings.cache_dir):
        update["cache_dir"] = str(root / settings.cache_dir)
    if baseline is not None:
        if must_exist and not baseline.is_file():
            raise _fail(f"baseline file not found: {baseline}")
        update["baseline"] = str(baseline)
    elif settings.baseline:
        update["baseline"] = str(root / settings.baseline)
    else:
        found = find_baseline([Path.cwd(), root])
        update["baseline"] = str(found) if found else None
    return settings.model_copy(update=update)


def _shown(path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def _baseline_action(report, settings, where: Optional[Path], baseline: Optional[str], write: bool,
                     quiet: bool) -> bool:
    """--write-baseline (True: done, exit 0) or --prune-baseline (False: report as usual)."""
    from . import baseline as bl
    from .context import resolve_enabled
    from .rules import REGISTRY

    if write:
        root = Path(where).resolve().parent if where is not None else Path.cwd()
        target = Path(baseline) if baseline else root / bl.BASELINE_NAME
        entries = bl.write(target, report.findings, set(report.paths), resolve_enabled(settings, REGISTRY))
        sys.stderr.write(f"newslint: wrote {entries} baseline entr{'ies' if entries != 1 else 'y'} "
                         f"({len(report.findings)} findings) to {_shown(target)}\n")
        return True
    if not settings.baseline:
        raise _fail("--prune-baseline: no baseline file (write one with --write-baseline)")
    removed, left = bl.prune(settings.baseline, report.baseline_stale)
    if not quiet:
        sys.stderr.write(f"newslint: pruned {removed} baseline entr{'ies' if removed != 1 else 'y'} "
                         f"from {_shown(settings.baseline)} ({left} left)\n")
    report.baseline_stale = []
    return False


def _parse_reports(specs: list[str]) -> list[tuple[str, Path]]:
    """``--report FORMAT:PATH`` values, checked before the run so a typo costs nothing."""
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in REPORTERS:
            raise _fail(f"--report {spec!r}: expected FORMAT:PATH with FORMAT one of {', '.join(REPORTERS)}")
        target = Path(path)
        folder = target.parent
        if target.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
            raise _fail(f"--report {spec!r}: cannot write {path}")
        out.append((fmt, target))
    return out


def _scope(settings, paths: list[str], force_exclude: bool, corpus: bool):
    """--force-exclude drops named files that ``exclude`` covers; --no-corpus skips corpus rules."""
    if force_exclude:
        from .engine import is_excluded

        paths = [p for p in paths if p == "-" or os.path.isdir(p) or not is_excluded(p, settings)]
    if not corpus:
        from .rules import REGISTRY

        codes = sorted(c for chk in REGISTRY.corpus_checks for c in chk.codes)
        settings = settings.model_copy(update={"ignore": [*settings.ignore, *codes]})
    return settings, paths


def _emit(report, output_format: str, output: Optional[Path], statistics: bool, quiet: bool, no_source: bool,
          reports: list[tuple[str, Path]] = ()) -> None:
    """The report on stdout (or --output), then each --report file; none of it changes the exit code."""
    from .reporting import HUMAN_FORMATS, ReportEnv, get_reporter, resolve_format
    from .rules import REGISTRY

    fmt = resolve_format(output_format)
    env = ReportEnv(
        registry=REGISTRY,
        color=output is None and fmt in HUMAN_FORMATS and sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
        statistics=statistics,
        show_source=not no_source,
        quiet=quiet,
        sources=report.sources,
    )
    writer = get_reporter(fmt, statistics)
    if output is None:
        writer(report, sys.stdout, env)
    else:
        _write_report(output, writer, report, env)
    for report_fmt, path in reports:
        _write_report(path, get_reporter(report_fmt), report, ReportEnv(registry=REGISTRY, sources=report.sources))


def _write_report(path: Path, writer, report, env) -> None:
    import io

    from .atomic import atomic_write_text

    buf = io.StringIO()
    writer(report, buf, env)
    try:
        atomic_write_text(path, buf.getvalue())
    except OSError as exc:
        raise _fail(f"cannot write {path}: {exc.strerror or exc}") from None


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
    preset: Annotated[Optional[str], typer.Option(
        help="jekyll, hugo, zola, astro or nextjs (default: recognised from the site's config files).")] = None,
) -> None:
    """Write a starter newslint.toml in the current folder.

    At the root of a Hugo, Zola, Jekyll, Astro or Next.js site the preset is
    recognised from the site's config, with its address, language and time
    zone for the field mapping.
    """
    from .atomic import atomic_write_text
    from .detect import detect_site
    from .presets import PRESETS

    target = Path("newslint.toml")
    if target.exists() and not force:
        raise _fail("newslint.toml already exists (use --force to overwrite)")
    if preset is not None and preset not in PRESETS:
        raise _fail(f"unknown preset {preset!r} (known: {', '.join(sorted(PRESETS))})")
    site = detect_site(Path.cwd()) if preset is None else None
    found: dict[str, str] = {}
    if site is not None:
        preset, found = site.preset, site.fields
        sys.stdout.write(f"recognised a {site.preset} site from {site.origin}\n")
    lines = [
        "# newslint configuration: every key is in the README's Configuration section.",
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
        *(f"{key.replace('_', '-')} = {_toml_string(value)}" for key, value in found.items()),
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


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


@app.command()
def fix(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to fix; - fixes stdin to stdout.")] = None,  # type: ignore[assignment]
    diff: Annotated[bool, typer.Option(help="Change nothing; print a unified diff (exit 1 if there would be changes).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option(help="Also apply fixes marked unsafe.")] = False,
    select: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to fix (ALL).")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(help="Add to the selected rules.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to leave alone.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Config file (default: found upward).")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore config files.")] = False,
    schema: Annotated[Optional[str], typer.Option(help="JSON Schema for articles.")] = None,
    preset: Annotated[Optional[str], typer.Option(help="Field mapping preset: jekyll, hugo, zola, astro, nextjs.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (0 = one per core).")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Name (and so format) of stdin.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write .newslint_cache.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Apply the fixes rules attach (safe ones unless --unsafe-fixes); atomic, idempotent writes."""
    from .settings import ConfigError

    paths = paths or ["."]
    cli_values = {"select": _split(select), "extend_select": _split(extend_select), "ignore": _split(ignore),
                  "schema": schema, "preset": preset, "jobs": jobs}
    try:
        settings, _, where = load_settings(config, cli_values, isolated)
        settings = workflow_settings(settings, where, None, no_cache)
        stdin = None
        if "-" in paths:
            if not stdin_filename:
                raise _fail("reading stdin (-) needs --stdin-filename to know the format")
            stdin = (sys.stdin.buffer.read(), stdin_filename)
        from .fixer import fix as run_fix
        from .rules import REGISTRY

        result = run_fix([p for p in paths if p != "-"], settings, REGISTRY, unsafe=unsafe_fixes,
                         write=not diff, stdin=stdin)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - one line, exit 2, never a traceback
        from .engine import UsageError

        if isinstance(exc, UsageError):
            raise _fail(str(exc)) from None
        if os.environ.get("NEWSLINT_DEBUG"):
            raise
        raise _fail(f"internal error: {type(exc).__name__}: {exc} (set NEWSLINT_DEBUG=1 for a traceback)") from None

    from .fixer import unified_diff

    if stdin is not None and not diff:
        sys.stdout.buffer.write(result.changes.get(stdin[1], (stdin[0], stdin[0]))[1])
        sys.stdout.flush()
    if diff:
        for path in sorted(result.changes):
            old, new = result.changes[path]
            sys.stdout.write(unified_diff(path, old, new))
    if not quiet:
        for message in result.messages:
            sys.stderr.write(f"newslint: {message}\n")
        files = len(result.changed_files)
        verb = "Would fix" if diff else "Fixed"
        line = (f"{verb} {result.applied} finding{'s' if result.applied != 1 else ''} in {files} "
                f"file{'s' if files != 1 else ''}." if result.applied else "No fixes to apply.")
        left = len(result.report.findings) if result.report is not None and not diff else None
        if left:
            line += f" {left} finding{'s' if left != 1 else ''} left (`newslint check` lists them)."
        if result.unsafe_left:
            line += f" {result.unsafe_left} more with --unsafe-fixes."
        if not result.settled:
            line += f" Fixes did not settle after {result.passes} passes; run again."
        sys.stderr.write(line + "\n")
    raise typer.Exit(1 if diff and result.changes else 0)


@app.command("config")
def show_config(
    config: Annotated[Optional[Path], typer.Option(help="Config file (default: found upward).")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore config files.")] = False,
    preset: Annotated[Optional[str], typer.Option(help="Field mapping preset to apply.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Show the resolved settings and where each value came from."""
    from .settings import ConfigError, Settings

    try:
        settings, origins, where = load_settings(config, {"preset": preset}, isolated)
        settings = workflow_settings(settings, where, None, False)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    values = settings.model_dump(mode="json", by_alias=False)
    rows = []
    for name, finfo in Settings.model_fields.items():
        key = finfo.alias or name
        origin = origins.get(key) or origins.get(name) or "default"
        if name == "baseline" and values[name] and origin == "default":
            origin = "found"
        rows.append((key.replace("_", "-"), values[name], origin))
    if output_format == "json":
        import orjson

        data = {"config_file": str(where) if where else None,
                "settings": {k: {"value": v, "from": o} for k, v, o in rows}}
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    import json

    sys.stdout.write(f"# config file: {where or 'none (defaults)'}\n")
    flat: list[tuple[str, object, str]] = []
    for key, value, origin in rows:
        if isinstance(value, dict) and value:
            # tables (fields, severity, rules): one line per key that is set
            set_items = [(k, v) for k, v in value.items() if v not in (None, [], {})]
            flat += [(f"{key}.{k}", v, _table_origin(key, k, origin, settings, where)) for k, v in set_items] \
                or [(key, {}, origin)]
        else:
            flat.append((key, value, origin))
    width = max(len(k) for k, _, _ in flat)
    for key, value, origin in flat:
        shown = json.dumps(value, ensure_ascii=False)
        sys.stdout.write(f"{key:<{width}} = {shown}  # {origin}\n")


def _table_origin(table: str, key: str, origin: str, settings, where: Optional[Path]) -> str:
    """A preset's [fields] entry keeps the preset as its origin unless the file sets that key."""
    from .presets import PRESETS
    from .settings import load_config_file

    preset = PRESETS.get(settings.preset or "", {}).get(table)
    if not isinstance(preset, dict) or key not in preset:
        return origin
    own = load_config_file(Path(where)).get(table, {}) if where is not None else {}
    return origin if key in own or key.replace("_", "-") in own else f"preset {settings.preset}"


@app.command()
def clean(
    config: Annotated[Optional[Path], typer.Option(help="Config file (default: found upward).")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore config files.")] = False,
) -> None:
    """Remove the result cache (.newslint_cache)."""
    from .cache import clean as remove_cache
    from .settings import ConfigError

    try:
        settings, _, where = load_settings(config, {}, isolated)
        settings = workflow_settings(settings, where, None, False)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    folder = Path(settings.cache_dir)
    if not folder.exists():
        sys.stdout.write(f"no cache at {_shown(folder)}\n")
        return
    if not remove_cache(folder):
        raise _fail(f"{_shown(folder)} is not a newslint cache (no CACHEDIR.TAG); not removing it")
    sys.stdout.write(f"removed {_shown(folder)}\n")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
