"""Body text → the prose view and lines rules read.

Plain bodies (JSON, JSONL, .txt) are prose as they stand. Markdown bodies
are parsed with markdown-it-py; code blocks, inline code, HTML comments,
HTML tags, link destinations, template tags (Liquid, Hugo shortcodes) and
MDX import/export/JSX lines are blanked with spaces, keeping every offset.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Line

_NON_SPACE = re.compile(r"[^\n]")


def _blank(match: re.Match[str]) -> str:
    return _NON_SPACE.sub(" ", match.group())


def plain_view(body: str) -> tuple[str, tuple[Line, ...]]:
    """Lines of a plain-text body; nothing is masked."""
    lines = []
    pos = 0
    for index, raw in enumerate(body.split("\n")):
        end = pos + len(raw)
        lines.append(Line(index, pos, end, raw, "text" if raw.strip() else "blank"))
        pos = end + 1
    return body, tuple(lines)


# Inline things that are not prose, in a Markdown body.
_MASKS = [
    # Link destinations first, so one that holds a template tag ("({{ site.url }}/a)",
    # "({% link a.md %})") is blanked whole, not cut at the spaces the tag leaves
    re.compile(r"(?<=\])\((?:\{\{[^{}]*\}\}|\{%[^{}]*%\}|[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"),
    # Template blocks whose content is code or raw markup, not prose:
    # Liquid {% highlight %}/{% raw %}/{% comment %}, Hugo {{< highlight >}}
    re.compile(r"\{%-?\s*(highlight|raw|comment|capture)\b.*?\{%-?\s*end\1\s*-?%\}", re.DOTALL),
    # (also a theme's variants, {{< code-toggle >}}, and a spaced close tag, {{< / highlight >}})
    re.compile(r"\{\{[<%]\s*(highlight|code(?:[-_][\w-]+)?|raw)\b.*?\{\{[<%]\s*/\s*\1\s*[>%]\}\}", re.DOTALL),
    re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL),  # HTML comments (incl. unterminated)
    re.compile(r"\{%.*?%\}", re.DOTALL),  # Liquid tags
    re.compile(r"\{\{.*?\}\}", re.DOTALL),  # Liquid output, Hugo shortcodes {{< >}} {{% %}}
    re.compile(r"\{::comment\}.*?(?:\{:/comment\}|\Z)", re.DOTALL),  # kramdown comment blocks
    re.compile(r"\{::?[^{}\n]*\}|\{:/[^{}\n]*\}"),  # kramdown attribute lists {: .note} and extensions
    re.compile(r"\{/\*.*?\*/\}", re.DOTALL),  # MDX/JSX comments {/* ... */}
    # MDX expressions that are plainly code: {props.children}, {new Date().getFullYear()}
    re.compile(r"\{(?:new\s+)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\([^{}()\n]*\))?(?:\.[\w$]+(?:\([^{}()\n]*\))?)*\}"),
    re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL),  # inline code spans
    re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"),  # HTML/JSX tags (text between stays)
    re.compile(r"(?m)^[ \t]{0,3}\[[^\]]+\]:\s+\S.*$"),  # reference definitions
    # image alt text is not running prose: "![menu](a.jpg)" is no "Menu" line (after the
    # destinations above, which are found by the "]" this blanks)
    re.compile(r"!\[(?:[^\[\]\n]|\[[^\]\n]*\])*\](?:\[[^\]\n]*\])?"),
    re.compile(r"<(?:https?|mailto):[^>\s]+>"),  # autolinks
]
_BLOCK_MARKER = re.compile(r"^([ \t]*(?:>[ \t]?)*)(#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # only the block structure is read (token types and line maps): inline parsing,
    # a third of the cost, is skipped
    return MarkdownIt("commonmark").enable("table").disable("inline")


#: an MDX import/export statement: ``import X from "y"``, ``export const meta = {``
_ESM_START = re.compile(
    r"(?:import\s*(?:[\w$*{][^\n]*?\bfrom\s*)?['\"]|import\s*\{|"
    r"export\s+(?:const|let|var|function|async|class|default)\b|export\s*[{*])"
)


def _esm_blocks(raw_lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges of MDX ESM statements, which may span lines (``export const meta = {…}``).

    A statement starts at column 0 and runs until its brackets balance; an
    unbalanced one stops at the first blank line, as MDX does. Prose that
    happens to begin with the word "import" or "export" does not look like
    a statement and stays prose.
    """
    out = []
    i, n = 0, len(raw_lines)
    while i < n:
        line = raw_lines[i]
        if not _ESM_START.match(line):
            i += 1
            continue
        depth, j = 0, i
        while j < n:
            text = raw_lines[j]
            if j > i and not text.strip():
                j -= 1
                break
            depth += sum(text.count(c) for c in "{[(") - sum(text.count(c) for c in ")]}")
            if depth <= 0:
                break
            j += 1
        j = min(j, n - 1)
        out.append((i, j))
        i = j + 1
    return out


def markdown_view(body: str) -> tuple[str, tuple[Line, ...]]:
    """Prose view and line kinds of a Markdown body."""
    raw_lines = body.split("\n")
    kinds = ["text"] * len(raw_lines)
    if "import" in body or "export" in body:
        for first, last in _esm_blocks(raw_lines):
            for i in range(first, last + 1):
                kinds[i] = "code"
    tokens = _parser().parse(body)
    for tok in tokens:
        if tok.map is None or tok.nesting == -1:
            continue
        begin, stop = tok.map
        kind = None
        if tok.type in ("fence", "code_block"):
            kind = "code"
        elif tok.type == "html_block":
            kind = "html"
        elif tok.type == "heading_open":
            kind = "heading"
        elif tok.type in ("list_item_open",):
            kind = "list"
        elif tok.type == "blockquote_open":
            kind = "quote"
        elif tok.type == "table_open":
            kind = "table"
        if kind is None:
            continue
        for i in range(begin, min(stop, len(raw_lines))):
            # the innermost block wins, except code, which nothing overrides
            if kinds[i] != "code":
                if kind == "quote" and kinds[i] == "list":
                    continue
                kinds[i] = kind

    prose = body
    for pattern in _MASKS:
        prose = pattern.sub(_blank, prose)
    prose_lines = prose.split("\n")

    lines = []
    pos = 0
    for index, raw in enumerate(raw_lines):
        end = pos + len(raw)
        text = prose_lines[index]
        kind = kinds[index]
        if kind == "code":
            text = " " * len(raw)
        elif kind == "html" and raw.lstrip().startswith("<!--"):
            text = " " * len(text)
        else:
            # blank block markers (#, -, >, 1.) so rules see the words only
            m = _BLOCK_MARKER.match(text)
            if m and m.end():
                text = " " * m.end() + text[m.end():]
            if kind == "heading":
                text = _HEADING_CLOSE.sub(lambda mm: " " * len(mm.group()), text)
        if not text.strip():
            kind = "blank" if kind in ("text", "html") else kind
            if kind != "code":
                kind = "blank"
        lines.append(Line(index, pos, end, text, kind))  # type: ignore[arg-type]
        pos = end + 1
    prose = "\n".join(line.text for line in lines)
    return prose, tuple(lines)
