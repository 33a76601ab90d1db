"""Map, then reduce: discover → read → per-article checks → corpus checks → filter.

The map side is pure (one article in, findings and small signatures out), so
it runs the same in one process or in a pool; the reduce side sees only
signatures. Findings are sorted at the end, so output does not depend on
``--jobs`` or on the order workers finish in.
"""

from __future__ import annotations

import fnmatch
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import Cache
from .context import CheckContext, build_context
from .document import DocRef, Document, Format
from .model import Finding, Fix, Severity, construct, fingerprint
from .readers import ReadProblem, format_of, read_bytes, read_file, split_ranges
from .rules.base import Hit, Registry
from .settings import ConfigError, Settings
from .suppress import apply_suppressions, article_suppressions


class UsageError(Exception):
    """A path that does not exist, stdin without a format: exit 2."""


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of map work: a file, or a byte range of a JSONL file."""

    fs_path: str
    path: str
    fmt: Format
    start: int = 0
    end: int | None = None
    first_record: int = 1


@dataclass
class MapResult:
    findings: list[Finding] = field(default_factory=list)
    signatures: dict[int, list[tuple[DocRef, Any]]] = field(default_factory=dict)
    articles: int = 0
    cache_hit: bool = False
    suppressions: list = field(default_factory=list)  # suppress.ArticleSuppressions per article


@dataclass
class Report:
    """What a run found. Reporters and the CLI read this; nothing else."""

    findings: list[Finding]
    files: int = 0
    articles: int = 0
    fixed: int = 0
    suppressed: int = 0
    stats: Counter = field(default_factory=Counter)
    sources: dict[str, str] = field(default_factory=dict)  # in-memory texts (stdin)
    baseline_stale: list[dict] = field(default_factory=list)
    baselined: int = 0
    cache_hits: int = 0
    paths: list[str] = field(default_factory=list)  # every file linted, sorted (junit lists clean ones)

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


# ---------------------------------------------------------------- discovery


def _excluded(rel_parts: tuple[str, ...], patterns: list[str]) -> bool:
    for part in rel_parts:
        for pat in patterns:
            if fnmatch.fnmatch(part, pat):
                return True
    joined = "/".join(rel_parts)
    return any(fnmatch.fnmatch(joined, pat) for pat in patterns if "/" in pat)


def is_excluded(path: str, settings: Settings) -> bool:
    """Whether ``exclude`` covers a file named on the command line (``--force-exclude``)."""
    rel = os.path.relpath(path)
    parts = Path(path if rel.startswith("..") else rel).parts
    return _excluded(parts, [*settings.exclude, *settings.extend_exclude])


def discover(paths: list[str], settings: Settings) -> Iterator[tuple[str, str, Format | None]]:
    """Yield ``(fs_path, display_path, format)``; a format of None is unreadable.

    Directories are walked without following symlinks (a link loop cannot
    trap the walk); files are matched by ``include`` globs. A file named
    explicitly is read even when no glob matches, using its suffix.
    """
    excludes = [*settings.exclude, *settings.extend_exclude]
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            continue
        path = Path(raw)
        try:
            path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                yield str(path), _display(path), None
                continue
            raise UsageError(f"{raw}: no such file or directory") from None
        except OSError as exc:
            yield str(path), _display(path), None  # symlink loop, permission: a finding
            continue
        if path.is_dir():
            bundles: list[str] = []  # page-bundle folders entered so far, as walk roots
            # at a site's root, only its content folder holds pages (Hugo, Zola: content/)
            tops = [path / d for d in settings.content_dirs if (path / d).is_dir()] or [path]
            for root, dirs, files in (step for top in tops for step in os.walk(top, followlinks=False)):
                rel_root = Path(root).relative_to(path).parts
                dirs[:] = sorted(d for d in dirs if not _excluded((*rel_root, d), excludes))
                inside = settings.page_bundles and any(root.startswith(b) for b in bundles)
                is_bundle = settings.page_bundles and not inside and bool(_BUNDLE_INDEX & set(files))
                if is_bundle:
                    bundles.append(os.path.join(root, ""))
                for name in sorted(files):
                    rel = (*rel_root, name)
                    if _excluded(rel, excludes):
                        continue
                    if inside or (is_bundle and name not in _BUNDLE_INDEX):
                        continue  # a page bundle's resource, not a page
                    if not any(fnmatch.fnmatch(name.lower(), pat) for pat in settings.include):
                        continue
                    full = Path(root) / name
                    key = os.path.normpath(str(full))
                    if key in seen:
                        continue
                    seen.add(key)
                    yield str(full), _display(full), format_of(name)
        else:
            key = os.path.normpath(str(path))
            if key in seen:
                continue
            seen.add(key)
            yield str(path), _display(path), format_of(path.name) or "text"


#: the file that makes a folder one page (Hugo leaf bundle, Zola colocated assets)
_BUNDLE_INDEX = frozenset({"index.md", "index.markdown", "index.mdx"})


def _display(path: Path) -> str:
    """Paths are shown relative to the working directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    if rel.startswith(".."):
        return Path(os.path.abspath(path)).as_posix()
    return Path(rel).as_posix()


# ---------------------------------------------------------------- mapping


def _field_text(doc: Document, pointer: str) -> str | None:
    if pointer == "/body":
        return doc.body
    if doc.data is None:
        return None
    cur: Any = doc.data
    for part in pointer.lstrip("/").split("/") if pointer else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return None
    return cur if isinstance(cur, str) else None


def source_fix(fix: Fix, doc: Document) -> Fix:
    """The fix with its pointers in the user's field names (``/body`` → ``/content``).

    Markdown and text bodies are the file's body whatever the mapping says.
    """
    if not doc.pointer_map:
        return fix
    edits = []
    for e in fix.edits:
        keep = doc.format in ("markdown", "text") and e.pointer == "/body"
        pointer = e.pointer if keep else doc.source_pointer(e.pointer)
        edits.append(e if pointer == e.pointer else e.model_copy(update={"pointer": pointer}))
    return fix.model_copy(update={"edits": tuple(edits)})


def hit_to_finding(hit: Hit, doc: Document, ctx: CheckContext) -> Finding:
    rule = ctx.registry.by_code[hit.code]
    line, col = doc.locator.locate(hit.pointer, hit.start)
    if hit.end is not None:
        end_line, end_col = doc.locator.locate(hit.pointer, hit.end)
    else:
        end_line, end_col = line, col
    evidence = hit.evidence
    if evidence is None:
        text = _field_text(doc, hit.pointer)
        if text is not None and hit.start is not None and hit.end is not None:
            evidence = text[hit.start : hit.end]
        else:
            evidence = hit.message
    severity = hit.severity or ctx.severity(hit.code)
    # not validated: every value here is built by the engine with the right
    # type, and validating each of millions of findings cost ~15 µs apiece
    return construct(
        Finding,
        code=hit.code,
        name=rule.name,
        severity=severity,
        message=hit.message,
        path=doc.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        record=doc.ref.record,
        article_id=doc.ref.article_id,
        pointer=doc.source_pointer(hit.pointer),
        start=hit.start,
        end=hit.end,
        fingerprint=fingerprint(hit.code, doc.ref.key, hit.pointer, evidence),
        fix=source_fix(hit.fix, doc) if hit.fix is not None else None,
    )


def problem_to_finding(problem: ReadProblem, ctx: CheckContext) -> Finding:
    rule = ctx.registry.by_code[problem.code]
    return Finding(
        code=problem.code,
        name=rule.name,
        severity=ctx.severity(problem.code),
        message=problem.message,
        path=problem.path,
        line=problem.line,
        column=problem.column,
        end_line=problem.line,
        end_column=problem.column,
        record=problem.record,
        fingerprint=fingerprint(problem.code, f"path:{problem.path.rsplit('/', 1)[-1]}", "", problem.message),
    )


def lint_document(doc: Document, ctx: CheckContext) -> tuple[list[Finding], dict[int, Any]]:
    """All per-article checks over one article, plus its corpus signatures."""
    findings: list[Finding] = []
    for chk in ctx.registry.checks:
        if not (chk.codes & ctx.enabled):
            continue
        for hit in chk.check(doc, ctx):
            if hit.code in ctx.enabled:
                findings.append(hit_to_finding(hit, doc, ctx))
    sigs: dict[int, Any] = {}
    for i, chk in enumerate(ctx.registry.corpus_checks):
        if chk.codes & ctx.enabled and (ctx.corpus or not chk.compares_articles):
            sig = chk.signature(doc, ctx)
            if sig is not None:
                sigs[i] = sig
    return findings, sigs


def run_task(task: Task, ctx: CheckContext, data: bytes | None = None) -> MapResult:
    result = MapResult()
    if data is not None:
        items: Iterable = read_bytes(data, task.path, task.fmt, ctx.settings.fields)
    else:
        items = read_file(task.fs_path, task.path, task.fmt, ctx.settings.fields,
                          task.start, task.end, task.first_record)
    for item in items:
        if isinstance(item, ReadProblem):
            if item.code in ctx.enabled:
                result.findings.append(problem_to_finding(item, ctx))
            continue
        if ctx.settings.skip_when and _not_a_page(item, ctx.settings.skip_when):
            continue
        result.articles += 1
        findings, sigs = lint_document(item, ctx)
        result.findings.extend(findings)
        if item.directives:
            result.suppressions.append(article_suppressions(item))
        for index, sig in sigs.items():
            result.signatures.setdefault(index, []).append((item.ref, sig))
    return result


def _not_a_page(doc: Document, skip_when: dict[str, Any]) -> bool:
    """The front matter marks the file as no page of its own (Hugo ``headless: true``)."""
    data = doc.data or {}
    return any(key in data and data[key] == value for key, value in skip_when.items())


# ---------------------------------------------------------------- workers

_WORKER_CTX: CheckContext | None = None


def _init_worker(settings: Settings, registry: Registry | None = None) -> None:
    global _WORKER_CTX  # one context per worker process, built once
    from .rules import REGISTRY

    _WORKER_CTX = build_context(settings, registry or REGISTRY)


def _run_in_worker(task: Task) -> MapResult:
    assert _WORKER_CTX is not None
    return run_task(task, _WORKER_CTX)


# ---------------------------------------------------------------- reduce


class Relocator:
    """Re-reads articles that a corpus check reported on, to locate findings."""

    def __init__(self, ctx: CheckContext, memory: dict[str, bytes], fs_paths: dict[str, str]):
        self._ctx = ctx
        self._memory = memory
        self._fs_paths = fs_paths
        self._cache: dict[tuple[str, int | None], Document] = {}

    def document(self, ref: DocRef) -> Document | None:
        key = (ref.path, ref.record)
        if key in self._cache:
            return self._cache[key]
        mapping = self._ctx.settings.fields
        if ref.path in self._memory:
            items = read_bytes(self._memory[ref.path], ref.path, ref.format, mapping)
        elif ref.format == "jsonl":
            items = read_file(self._fs_paths.get(ref.path, ref.path), ref.path, "jsonl", mapping,
                              ref.offset or 0, None, ref.record or 1)
        else:
            items = read_file(self._fs_paths.get(ref.path, ref.path), ref.path, ref.format, mapping)
        for item in items:
            if isinstance(item, Document) and item.ref.record == ref.record:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = item
                return item
        return None


def reduce_corpus(
    signatures: dict[int, list[tuple[DocRef, Any]]],
    ctx: CheckContext,
    relocate: Relocator,
) -> list[Finding]:
    """Run every corpus check's reduce, then locate its hits.

    Hits are grouped by article first, so each reported article is re-read
    once however many checks and hits point at it.
    """
    pending: dict[tuple[str, int], list[tuple[Any, DocRef, Hit]]] = defaultdict(list)
    for index, chk in enumerate(ctx.registry.corpus_checks):
        if not (chk.codes & ctx.enabled):
            continue
        items = sorted(signatures.get(index, []), key=lambda it: it[0].sort_key())
        for ref, hit in chk.reduce(items, ctx):
            if hit.code in ctx.enabled:
                pending[(ref.path, ref.record or 0)].append((chk, ref, hit))
    out: list[Finding] = []
    for key in sorted(pending):
        group = pending[key]
        doc = relocate.document(group[0][1])
        if doc is None:
            continue
        for chk, _, hit in group:
            out.append(hit_to_finding(chk.locate(hit, doc, ctx), doc, ctx))
    return out


# ---------------------------------------------------------------- filter


def _path_matches(path: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch(Path(path).name, g) for g in globs)


def apply_overrides(findings: list[Finding], ctx: CheckContext) -> list[Finding]:
    """Per-path select/ignore/severity from ``[[per-path]]`` tables."""
    if not ctx.settings.per_path:
        return findings
    registry = ctx.registry
    out = []
    for f in findings:
        keep = True
        severity = f.severity
        for override in ctx.settings.per_path:
            if not _path_matches(f.path, override.files):
                continue
            if override.select is not None:
                allowed: set[str] = set()
                for sel in override.select:
                    allowed |= registry.resolve(sel)
                keep = keep and f.code in allowed
            for sel in override.ignore:
                if f.code in registry.resolve(sel):
                    keep = False
            for sel, sev in override.severity.items():
                if f.code in registry.resolve(sel):
                    severity = Severity(sev)
        if keep:
            out.append(f if severity == f.severity else f.model_copy(update={"severity": severity}))
    return out


# ---------------------------------------------------------------- run


def plan(paths: list[str], settings: Settings, jobs: int) -> tuple[list[Task], list[tuple[str, str]]]:
    """Tasks to run, and files that could not even be opened (→ NL100)."""
    tasks: list[Task] = []
    unreadable: list[tuple[str, str]] = []
    for fs_path, display, fmt in discover(paths, settings):
        if fmt is None:
            try:
                os.stat(fs_path)
                unreadable.append((display, "unsupported file type"))
            except OSError as exc:
                unreadable.append((display, f"cannot read file: {exc.strerror or exc}"))
            continue
        if fmt == "jsonl" and jobs > 1:
            try:
                ranges = split_ranges(fs_path, jobs * 4)
            except OSError as exc:
                unreadable.append((display, f"cannot read file: {exc.strerror or exc}"))
                continue
            for start, end, first in ranges:
                tasks.append(Task(fs_path, display, fmt, start, end, first))
        else:
            tasks.append(Task(fs_path, display, fmt))
    return tasks, unreadable


def run(
    paths: list[str],
    settings: Settings,
    registry: Registry,
    stdin: tuple[bytes, str] | None = None,
    progress=None,
    overlay: dict[str, bytes] | None = None,
) -> Report:
    """Lint ``paths`` (``-`` for ``stdin``: its bytes and the filename naming its format).

    ``overlay`` maps file paths to contents that replace what is on disk
    (``newslint fix --diff`` re-lints its fixes without writing them).
    """
    ctx = build_context(settings, registry)
    jobs = settings.jobs or os.cpu_count() or 1
    tasks, unreadable = plan(paths, settings, jobs)
    cache = Cache.open(settings, registry) if tasks else None
    overlay = {os.path.abspath(k): v for k, v in (overlay or {}).items()}
    if overlay:  # an in-memory file is one task, never split into byte ranges
        tasks = [Task(t.fs_path, t.path, t.fmt) if os.path.abspath(t.fs_path) in overlay else t
                 for t in tasks if t.start == 0 or os.path.abspath(t.fs_path) not in overlay]
    # one .json/.md/.txt file (pre-commit, an editor): no corpus to compare with
    ctx.corpus = len(tasks) + (stdin is not None) > 1 or any(t.fmt == "jsonl" for t in tasks)
    if not ctx.corpus and cache is not None:
        cache.salt += ":no-signatures"  # kept apart from entries a corpus run relies on
    memory: dict[str, bytes] = {}
    findings: list[Finding] = []
    signatures: dict[int, list[tuple[DocRef, Any]]] = defaultdict(list)
    report = Report(findings=[])
    files = {t.path for t in tasks}
    for display, message in unreadable:
        if "NL100" in ctx.enabled:
            findings.append(problem_to_finding(ReadProblem(display, message), ctx))
        files.add(display)

    suppressions: list = []

    def collect(res: MapResult) -> None:
        findings.extend(res.findings)
        suppressions.extend(res.suppressions)
        report.articles += res.articles
        report.cache_hits += res.cache_hit
        for index, sigs in res.signatures.items():
            signatures[index].extend(sigs)
        if progress is not None:
            progress.advance(res.articles)

    if progress is not None:
        split = len(files) < len(tasks)  # JSONL files cut into byte ranges for the pool
        progress.start(len(tasks) + (stdin is not None), "chunks" if split else "files")
    if stdin is not None:
        data, name = stdin
        fmt = format_of(name)
        if fmt is None:
            raise UsageError(f"--stdin-filename {name!r}: cannot tell the format from its suffix")
        memory[name] = data
        report.sources[name] = data.decode("utf-8", "replace")
        files.add(name)
        collect(run_task(Task(name, name, fmt), ctx, data))

    tasks_to_run = []
    for task in tasks:  # in-memory files and cache hits first; only the rest is linted
        if os.path.abspath(task.fs_path) in overlay:
            memory[task.path] = overlay[os.path.abspath(task.fs_path)]
            collect(run_task(task, ctx, memory[task.path]))
        elif cache is not None and (hit := cache.lookup(task)) is not None:
            collect(hit)
        else:
            tasks_to_run.append(task)

    def done(task: Task, res: MapResult) -> None:
        if cache is not None:
            cache.put(task, res)
        collect(res)

    if jobs > 1 and len(tasks_to_run) > 1:
        import concurrent.futures as cf
        import multiprocessing as mp

        with cf.ProcessPoolExecutor(
            max_workers=min(jobs, len(tasks_to_run)),
            mp_context=mp.get_context("spawn" if os.name == "nt" else "fork"),
            initializer=_init_worker,
            initargs=(settings, registry),
        ) as pool:
            for task, res in zip(tasks_to_run, pool.map(_run_in_worker, tasks_to_run, chunksize=1)):
                done(task, res)
    else:
        for task in tasks_to_run:
            done(task, run_task(task, ctx))
    if cache is not None:
        cache.flush()

    relocate = Relocator(ctx, memory, {t.path: t.fs_path for t in tasks})
    findings.extend(reduce_corpus(signatures, ctx, relocate))
    report.files = len(files)
    report.paths = sorted(files)
    findings, report.suppressed = apply_suppressions(findings, ctx, suppressions)
    findings = apply_overrides(findings, ctx)
    if settings.baseline:
        from .baseline import apply_baseline

        findings, report.baselined, report.baseline_stale = apply_baseline(
            findings, settings.baseline, files, ctx.enabled)
        report.suppressed += report.baselined
    findings.sort(key=Finding.sort_key)
    report.findings = findings
    report.stats = Counter(f.code for f in findings)
    return report


__all__ = ["ConfigError", "Report", "UsageError", "run"]
