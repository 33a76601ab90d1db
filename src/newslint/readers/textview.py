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
    # Template blocks whose content is code or raw markup, not prose:
    # Liquid {% highlight %}/{% raw %}/{% comment %}, Hugo {{< highlight >}}
    re.compile(r"\{%-?\s*(highlight|raw|comment|capture)\b.*?\{%-?\s*end\1\s*-?%\}", re.DOTALL),
    re.compile(r"\{\{[<%]\s*(highlight|code|raw)\b.*?\{\{[<%]\s*/\1\s*[>%]\}\}", re.DOTALL),
    re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL),  # HTML comments (incl. unterminated)
    re.compile(r"\{%.*?%\}", re.DOTALL),  # Liquid tags
    re.compile(r"\{\{.*?\}\}", re.DOTALL),  # Liquid output, Hugo shortcodes {{< >}} {{% %}}
    re.compile(r"(?m)^[ \t]*(?:import|export)\s.*$"),  # MDX ESM lines
    re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL),  # inline code spans
    re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"),  # HTML/JSX tags (text between stays)
    re.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"),  # link destinations
    re.compile(r"(?m)^[ \t]{0,3}\[[^\]]+\]:\s+\S.*$"),  # reference definitions
    re.compile(r"<(?:https?|mailto):[^>\s]+>"),  # autolinks
]
_BLOCK_MARKER = re.compile(r"^([ \t]*(?:>[ \t]?)*)(#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def markdown_view(body: str) -> tuple[str, tuple[Line, ...]]:
    """Prose view and line kinds of a Markdown body."""
    raw_lines = body.split("\n")
    kinds = ["text"] * len(raw_lines)
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
