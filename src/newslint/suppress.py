"""Inline suppression: Markdown directives and the article-level ``newslint.ignore`` key.

Two halves, because a suppression must see *every* finding of its article,
corpus findings included:

* the **map side** (:func:`collect_directives`, called by the reader, and
  :func:`article_suppressions`, called by the engine per article) turns the
  directives into a small picklable :class:`ArticleSuppressions`: each code
  of each directive becomes a :class:`Unit` with the body range it covers,
  already located for reporting;
* the **filter** (:func:`apply_suppressions`, in ``engine.run``, after the
  corpus reduce) hides the findings a unit covers, counts which units were
  used, and reports the unused ones as NL107 with a fix that removes them.

Directives (Markdown, HTML comments, so they are blanked in ``doc.prose``)::

    <!-- newslint-disable NL201 ui-chrome-line -->  … <!-- newslint-enable NL201 ui-chrome-line -->
    <!-- newslint-disable-next-line NL201 -->    the next non-blank block (a paragraph may span lines)
    <!-- newslint-disable-file NL201 -->         the whole article, front matter included

JSON, JSONL and front matter: ``"newslint": {"ignore": ["NL201"]}``.

Codes (or rule names) are required: a directive without any, or with an
unknown code, suppresses nothing and is reported as NL107 itself. A code whose
rule is not selected in this run is never reported as unused — we cannot know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Edit, Finding, Fix, fingerprint

if TYPE_CHECKING:
    from .context import CheckContext
    from .document import Document, Line

CODE = "NL107"

_DIRECTIVE = re.compile(
    r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*?)-->", re.DOTALL
)
_TOKEN = re.compile(r"[^\s,]+")
_KINDS = {"disable-next-line": "next-line", "disable-file": "file", "disable": "disable", "enable": "enable"}


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression as written.

    ``kind``: ``disable``, ``enable``, ``next-line``, ``file`` (Markdown) or
    ``ignore`` (the article's ``newslint.ignore`` key). For Markdown,
    ``start``/``end`` is the comment in the body and ``tokens`` the body
    spans of its codes; for ``ignore``, ``tokens`` holds list indices.
    """

    kind: str
    codes: tuple[str, ...]
    start: int = 0
    end: int = 0
    tokens: tuple[tuple[int, int], ...] = ()
    #: Markdown: the span to delete to remove the directive (its whole line when alone on it)
    remove: tuple[int, int] = (0, 0)
    #: ignore: the value was a single string, and ``newslint`` holds nothing else
    ignore_is_string: bool = False
    ignore_only_key: bool = True
    #: how the codes are separated, kept when a fix drops some of them
    sep: str = " "


@dataclass(frozen=True, slots=True)
class Unit:
    """One code of one directive: the thing that is used, or reported unused."""

    code: str  # as written (a code or a rule name)
    directive: int  # index into ArticleSuppressions.directives
    token: int  # index of the code inside its directive
    scope: tuple[int, int] | None  # body offsets covered; None = the whole article
    pair: int | None = None  # for ``disable``: the directive index of its ``enable``
    pair_token: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleSuppressions:
    """Everything the final filter needs about one article's suppressions."""

    path: str
    record: int | None
    key: str  # article key, for fingerprints
    body_pointer: str
    directives: tuple[Directive, ...]
    units: tuple[Unit, ...]
    #: (directive index, token index or None, message) for directives wrong as written
    problems: tuple[tuple[int, int | None, str], ...]
    #: per directive: (pointer, line, column, end_line, end_column) of the NL107 finding
    places: tuple[tuple[str, int, int, int, int], ...]
    #: per directive: pointer and (line, column) of each ignore token; empty for Markdown
    token_pointers: tuple[tuple[str, ...], ...]
    token_places: tuple[tuple[tuple[int, int], ...], ...]


# ---------------------------------------------------------------- map side


def collect_directives(meta: Any, body: str, lines: "tuple[Line, ...]", markup: str) -> tuple[Directive, ...]:
    """Directives of one article: its ``newslint`` key, then Markdown comments."""
    out: list[Directive] = []
    if isinstance(meta, dict) and "ignore" in meta:
        codes = meta["ignore"]
        as_string = isinstance(codes, str)
        if as_string:
            codes = [codes]
        if isinstance(codes, list):
            out.append(Directive(
                kind="ignore",
                codes=tuple(str(c).strip() for c in codes),
                tokens=tuple((i, i) for i in range(len(codes))),
                ignore_is_string=as_string,
                ignore_only_key=len(meta) == 1,
            ))
    if markup == "markdown" and "newslint-" in body:
        out.extend(_markdown_directives(body, lines))
    return tuple(out)


def _markdown_directives(body: str, lines: "tuple[Line, ...]") -> Iterable[Directive]:
    import bisect

    starts = [ln.start for ln in lines]
    for m in _DIRECTIVE.finditer(body):
        index = bisect.bisect_right(starts, m.start()) - 1
        if lines[index].kind == "code" or body[m.start() - 1 : m.start()] == "`":
            continue  # shown as an example, not meant
        tokens = tuple((t.start() + m.start(2), t.end() + m.start(2)) for t in _TOKEN.finditer(m.group(2)))
        yield Directive(
            kind=_KINDS[m.group(1)],
            codes=tuple(body[s:e] for s, e in tokens),
            start=m.start(),
            end=m.end(),
            tokens=tokens,
            remove=_removal_span(body, m.start(), m.end()),
            sep=", " if "," in m.group(2) else " ",
        )


def _removal_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The comment with its line when it stands alone there, else with one adjacent space."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    line_end = len(body) if line_end < 0 else line_end
    if not body[line_start:start].strip() and not body[end:line_end].strip():
        if line_end < len(body):
            return line_start, line_end + 1
        return (line_start - 1 if line_start else 0), line_end
    if body[end:end + 1] in (" ", "\t"):
        return start, end + 1
    if start and body[start - 1] in (" ", "\t"):
        return start - 1, end
    return start, end


def _next_block(lines: "tuple[Line, ...]", offset: int, body_len: int) -> tuple[int, int]:
    """Body range of the first non-blank block after the line holding ``offset``."""
    i = 0
    while i < len(lines) and lines[i].end < offset:
        i += 1
    i += 1
    while i < len(lines) and lines[i].is_blank:
        i += 1
    if i >= len(lines):
        return body_len, body_len
    first = i
    if lines[first].kind != "heading":
        while i + 1 < len(lines) and not lines[i + 1].is_blank and lines[i + 1].kind != "heading":
            i += 1
    return lines[first].start, lines[i].end


def article_suppressions(doc: "Document") -> ArticleSuppressions | None:
    """The map-side signature of an article's suppressions (None when it has none)."""
    if not doc.directives:
        return None
    body_len = len(doc.body)
    units: list[Unit] = []
    problems: list[tuple[int, int | None, str]] = []
    places: list[tuple[str, int, int, int, int]] = []
    token_pointers: list[tuple[str, ...]] = []
    token_places: list[tuple[tuple[int, int], ...]] = []
    open_: dict[str, list[tuple[int, int]]] = {}  # code → stack of (directive, token)
    pending: list[tuple[int, int, int]] = []  # disables: (directive, token, start)
    closing: dict[tuple[int, int], tuple[int, int, int]] = {}
    body_pointer = doc.source_pointer("/body")  # as findings on the body carry it
    for d_index, d in enumerate(doc.directives):
        if d.kind == "ignore":
            base = "/newslint/ignore"
            pointers = tuple(base if d.ignore_is_string else f"{base}/{i}" for i, _ in d.tokens)
            line, col = doc.locator.locate(base, None)
            places.append((base, line, col, line, col))
            token_pointers.append(pointers)
            token_places.append(tuple(doc.locator.locate(p, None) for p in pointers))
        else:
            line, col = doc.locator.locate("/body", d.start)
            end_line, end_col = doc.locator.locate("/body", d.end)
            places.append(("/body", line, col, end_line, end_col))
            token_pointers.append(())
            token_places.append(())
        if not d.codes:
            problems.append((d_index, None, f"newslint-{_spelled(d.kind)} needs at least one rule code, "
                                            "e.g. NL201; a bare directive suppresses nothing"))
            continue
        for t_index, code in enumerate(d.codes):
            if d.kind in ("ignore", "file"):
                units.append(Unit(code, d_index, t_index, None))
            elif d.kind == "next-line":
                units.append(Unit(code, d_index, t_index, _next_block(doc.lines, d.end, body_len)))
            elif d.kind == "disable":
                open_.setdefault(code.upper(), []).append((d_index, t_index))
                pending.append((d_index, t_index, d.start))
            else:  # enable
                stack = open_.get(code.upper())
                if stack:
                    opener = stack.pop()
                    closing[opener] = (d_index, t_index, d.start)
                else:
                    problems.append((d_index, t_index,
                                     f"newslint-enable {code} has no newslint-disable {code} before it"))
    for d_index, t_index, start in pending:
        code = doc.directives[d_index].codes[t_index]
        if (d_index, t_index) in closing:
            e_index, e_token, e_start = closing[(d_index, t_index)]
            units.append(Unit(code, d_index, t_index, (start, e_start), e_index, e_token))
        else:
            units.append(Unit(code, d_index, t_index, (start, body_len)))
    return ArticleSuppressions(
        path=doc.path,
        record=doc.ref.record,
        key=doc.ref.key,
        body_pointer=body_pointer,
        directives=doc.directives,
        units=tuple(units),
        problems=tuple(problems),
        places=tuple(places),
        token_pointers=tuple(token_pointers),
        token_places=tuple(token_places),
    )


def _spelled(kind: str) -> str:
    return {"next-line": "disable-next-line", "file": "disable-file"}.get(kind, kind)


# ---------------------------------------------------------------- filter


def _covers(unit: Unit, sup: ArticleSuppressions, f: Finding) -> bool:
    if unit.scope is None:
        return True
    return f.pointer == sup.body_pointer and f.start is not None and unit.scope[0] <= f.start < unit.scope[1]


def apply_suppressions(
    findings: list[Finding],
    ctx: "CheckContext",
    suppressions: list[ArticleSuppressions],
) -> tuple[list[Finding], int]:
    """Hide what the directives cover; add NL107 for those that cover nothing.

    Returns the kept findings (NL107 included) and how many were hidden.
    """
    if not suppressions:
        return findings, 0
    registry = ctx.registry
    by_article = {(s.path, s.record): s for s in suppressions}
    resolved = {s_key: [_resolve(u.code, registry) for u in s.units] for s_key, s in by_article.items()}
    used: set[tuple[tuple[str, int | None], int]] = set()
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        key = (f.path, f.record)
        sup = by_article.get(key)
        if sup is None or f.code == "NL100":
            kept.append(f)
            continue
        hit = False
        for u_index, unit in enumerate(sup.units):
            if resolved[key][u_index] == f.code and _covers(unit, sup, f):
                used.add((key, u_index))
                hit = True
        if hit:
            hidden += 1
        else:
            kept.append(f)
    if CODE not in ctx.enabled:
        return kept, hidden
    for key, sup in by_article.items():
        for f in _unused_findings(sup, resolved[key], used, key, ctx):
            # NL107 itself may be silenced for the whole article (never reported as unused)
            if any(u.scope is None and code == CODE for u, code in zip(sup.units, resolved[key])):
                hidden += 1
            else:
                kept.append(f)
    return kept, hidden


def _resolve(code: str, registry) -> str | None:
    up = code.upper()
    if up in registry.by_code:
        return up
    rule = registry.by_name.get(code.lower())
    return rule.code if rule is not None else None


def _unused_findings(sup: ArticleSuppressions, resolved: list[str | None], used: set, key, ctx) -> Iterable[Finding]:
    # which (directive, token) pairs go: unused or unknown codes, stray enables, and the
    # enable paired with a removed disable; every fix of one article is computed from
    # the same set, so fixes of codes sharing a directive agree on its new text
    remove: set[tuple[int, int]] = set()
    reports: list[tuple[int, int, int | None, str]] = []  # (directive, token, pair directive, message)
    for u_index, unit in enumerate(sup.units):
        code = resolved[u_index]
        where = _describe(sup.directives[unit.directive])
        if code is None:
            message = f"unknown rule code {unit.code!r} in {where}"
        elif (key, u_index) in used or code not in ctx.enabled or code == CODE:
            continue
        else:
            message = f"unused suppression: {where} hides no {code} finding"
        remove.add((unit.directive, unit.token))
        if unit.pair is not None and unit.pair_token is not None:
            remove.add((unit.pair, unit.pair_token))
        reports.append((unit.directive, unit.token, unit.pair, message))
    for d_index, token, message in sup.problems:
        if token is not None:  # a stray enable code
            remove.add((d_index, token))
            reports.append((d_index, token, None, message))
    edits_of = {d_index: _removal_edits(sup, d_index, remove) for d_index in {d for d, _ in remove}}
    for d_index, token, pair, message in reports:
        edits = [*edits_of[d_index], *(edits_of.get(pair, []) if pair is not None else [])]
        yield _finding(sup, d_index, token, message,
                       Fix(message="Remove the unused suppression", edits=tuple(edits)), ctx)
    for d_index, token, message in sup.problems:
        if token is None:  # no codes at all: the author meant something, so removing it is unsafe
            edits = _removal_edits(sup, d_index, set(), whole=True)
            yield _finding(sup, d_index, None, message,
                           Fix(message="Remove the directive", applicability="unsafe", edits=tuple(edits)), ctx)


def _describe(d: Directive) -> str:
    if d.kind == "ignore":
        return "newslint.ignore"
    return f"<!-- newslint-{_spelled(d.kind)} -->"


def _removal_edits(sup: ArticleSuppressions, d_index: int, remove: set, whole: bool = False) -> list[Edit]:
    """Edits that drop the removed codes of one directive (or all of it)."""
    d = sup.directives[d_index]
    gone = [t for t in range(len(d.tokens)) if (d_index, t) in remove]
    keep = [t for t in range(len(d.tokens)) if (d_index, t) not in remove]
    if d.kind == "ignore":
        pointers = sup.token_pointers[d_index]
        if whole or not keep:
            target = "/newslint" if d.ignore_only_key else "/newslint/ignore"
            return [Edit(pointer=target, start=0, end=0, replacement=None)]
        return [Edit(pointer=pointers[t], start=0, end=0, replacement=None) for t in gone]
    if whole or not keep:
        start, end = d.remove
        return [Edit(pointer="/body", start=start, end=end, replacement="")]
    first, last = d.tokens[0][0], d.tokens[-1][1]
    return [Edit(pointer="/body", start=first, end=last, replacement=d.sep.join(d.codes[t] for t in keep))]


def _finding(sup: ArticleSuppressions, d_index: int, token: int | None, message: str, fix: Fix, ctx) -> Finding:
    d = sup.directives[d_index]
    pointer, line, col, end_line, end_col = sup.places[d_index]
    if d.kind == "ignore" and token is not None:
        pointer = sup.token_pointers[d_index][token]
        line, col = end_line, end_col = sup.token_places[d_index][token]
    code_text = d.codes[token] if token is not None and d.codes else ""
    rule = ctx.registry.by_code[CODE]
    return Finding(
        code=CODE,
        name=rule.name,
        severity=ctx.severity(CODE),
        message=message,
        path=sup.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        record=sup.record,
        pointer=pointer,
        start=d.start if d.kind != "ignore" else None,
        end=d.end if d.kind != "ignore" else None,
        fingerprint=fingerprint(CODE, sup.key, pointer, f"{d.kind}:{code_text}:{message}"),
        fix=fix,
    )
