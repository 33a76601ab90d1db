"""Where a JSON value stands in its file, found only when a finding needs it.

orjson parses the article (fast, C); this module re-scans the raw text only
for articles that have findings, recording where each value starts, and maps
a character offset inside a decoded string back through its escapes
(``\\n``, ``\\u00a0``, surrogate pairs) to the raw column. Strings are skipped
with one regex match each, so a 10 MB body costs one C-speed scan.
"""

from __future__ import annotations

import bisect
import re

_WS = re.compile(r"[ \t\r\n]*")
_SCALAR = re.compile(r"[^,\]\}\s]+")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)


def _string_end(text: str, pos: int) -> int | None:
    """Offset just past the string literal opening at ``pos``, None if there is none.

    ``str.find`` hops from quote to quote and counts the backslashes before
    each: a 3.5 KB body is crossed in well under a microsecond, where a regex
    walking it character by character took ~80 µs.
    """
    if text[pos : pos + 1] != '"':
        return None
    find = text.find
    q = pos
    while True:
        q = find('"', q + 1)
        if q < 0:
            return None
        b = q
        while text[b - 1] == "\\":
            b -= 1
        if (q - b) % 2 == 0:
            return q + 1


def _escape_pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def scan_positions(text: str, start: int = 0) -> dict[str, int]:
    """Map every JSON pointer in ``text`` to the offset where its value starts."""
    out: dict[str, int] = {}
    pos = _WS.match(text, start).end()
    _value(text, pos, "", out)
    return out


def _value(text: str, pos: int, pointer: str, out: dict[str, int]) -> int:
    out[pointer] = pos
    ch = text[pos : pos + 1]
    if ch == "{":
        pos = _WS.match(text, pos + 1).end()
        if text[pos : pos + 1] == "}":
            return pos + 1
        while True:
            end = _string_end(text, pos)
            if end is None:
                return len(text)
            key = _decode_key(text[pos:end])
            pos = _WS.match(text, end).end()
            pos = _WS.match(text, pos + 1).end()  # past ':'
            pos = _value(text, pos, f"{pointer}/{_escape_pointer(key)}", out)
            pos = _WS.match(text, pos).end()
            if text[pos : pos + 1] == ",":
                pos = _WS.match(text, pos + 1).end()
                continue
            return pos + 1
    if ch == "[":
        pos = _WS.match(text, pos + 1).end()
        if text[pos : pos + 1] == "]":
            return pos + 1
        index = 0
        while True:
            pos = _value(text, pos, f"{pointer}/{index}", out)
            index += 1
            pos = _WS.match(text, pos).end()
            if text[pos : pos + 1] == ",":
                pos = _WS.match(text, pos + 1).end()
                continue
            return pos + 1
    if ch == '"':
        end = _string_end(text, pos)
        return len(text) if end is None else end
    m = _SCALAR.match(text, pos)
    return m.end() if m else pos + 1


def _decode_key(literal: str) -> str:
    if "\\" not in literal:
        return literal[1:-1]
    import json

    return json.loads(literal)


def raw_offset(text: str, literal_start: int, decoded_offset: int) -> int:
    """Offset in ``text`` of decoded character ``decoded_offset`` of a string literal."""
    pos = literal_start + 1
    remaining = decoded_offset
    while remaining > 0:
        m = _ESCAPE.search(text, pos)
        plain = (m.start() if m else len(text)) - pos
        if m is None or remaining <= plain:
            return pos + remaining
        remaining -= plain + 1  # the escape decodes to one character
        pos = m.end()
        esc = m.group(1)
        # a surrogate pair (\\ud83d\\ude00) decodes to one character, not two
        if esc[0] == "u" and 0xD800 <= int(esc[1:], 16) <= 0xDBFF:
            nxt = _ESCAPE.match(text, pos)
            if nxt and nxt.group(1)[0] == "u" and 0xDC00 <= int(nxt.group(1)[1:], 16) <= 0xDFFF:
                pos = nxt.end()
    return pos


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def _skip_value(text: str, pos: int) -> int:
    """End offset of the value starting at ``pos``: strings and containers
    are skipped with C-speed regex scans, not walked value by value."""
    ch = text[pos : pos + 1]
    if ch == '"':
        end = _string_end(text, pos)
        return len(text) if end is None else end
    if ch in ("[", "{"):
        depth = 0
        for m in _TOKEN.finditer(text, pos):
            t = m.group()[0]
            if t in "[{":
                depth += 1
            elif t in "]}":
                depth -= 1
                if depth == 0:
                    return m.end()
        return len(text)
    m = _SCALAR.match(text, pos)
    return m.end() if m else pos + 1


def find_value(text: str, pointer: str) -> int | None:
    """Offset where the value at ``pointer`` starts, or None if it is absent.

    Walks only the path to the value and skips everything beside it, so
    locating ``/body`` in a record with long image and related lists costs a
    few regex scans, not a full position map.
    """
    ws = _WS.match
    pos = ws(text, 0).end()
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]] if pointer else []
    for part in parts:
        ch = text[pos : pos + 1]
        if ch == "{":
            pos = ws(text, pos + 1).end()
            while True:
                end = _string_end(text, pos)
                if end is None:
                    return None
                key = _decode_key(text[pos:end])
                pos = ws(text, end).end()
                pos = ws(text, pos + 1).end()  # past ':'
                if key == part:
                    break
                pos = ws(text, _skip_value(text, pos)).end()
                if text[pos : pos + 1] != ",":
                    return None
                pos = ws(text, pos + 1).end()
        elif ch == "[" and part.isdigit():
            pos = ws(text, pos + 1).end()
            for _ in range(int(part)):
                if text[pos : pos + 1] == "]":
                    return None
                pos = ws(text, _skip_value(text, pos)).end()
                if text[pos : pos + 1] != ",":
                    return None
                pos = ws(text, pos + 1).end()
            if text[pos : pos + 1] in ("]", ""):
                return None
        else:
            return None
    return pos


def _escape_index(text: str, literal_start: int) -> tuple[list[int], list[int]]:
    """Decoded offset of each escape in a string literal, and the raw
    characters gained (width - 1) up to and including it."""
    stop = _string_end(text, literal_start)
    stop = len(text) if stop is None else stop - 1
    spans = [m.span() for m in _ESCAPE.finditer(text, literal_start + 1, stop)]
    if "\\u" in text[literal_start:stop]:
        spans = _join_surrogate_pairs(text, spans)
    base = literal_start + 1
    decoded: list[int] = []
    extra: list[int] = []
    gained = 0
    for start, end in spans:
        decoded.append(start - base - gained)
        gained += end - start - 1
        extra.append(gained)
    return decoded, extra


def _join_surrogate_pairs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A surrogate pair (\\ud83d\\ude00) decodes to one character: one span for both."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        if (i + 1 < len(spans) and spans[i + 1][0] == end and end - start == 6 and text[start + 1] in "uU"
                and 0xD800 <= int(text[start + 2 : end], 16) <= 0xDBFF):
            n_start, n_end = spans[i + 1]
            if n_end - n_start == 6 and text[n_start + 1] in "uU" and 0xDC00 <= int(text[n_start + 2 : n_end], 16) <= 0xDFFF:
                out.append((start, n_end))
                i += 2
                continue
        out.append((start, end))
        i += 1
    return out


class JsonLocator:
    """Locator for a JSON document (a file, or one JSONL record's line)."""

    def __init__(self, text: str, base_line: int = 1, pointer_map: dict[str, str] | None = None):
        self._text = text
        self._base_line = base_line
        self._found: dict[str, int | None] = {}
        self._escapes: dict[int, tuple[list[int], list[int]]] = {}
        self._newlines: list[int] | None = None
        self._pointer_map = pointer_map or {}

    def _line_col(self, offset: int) -> tuple[int, int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        n = bisect.bisect_left(self._newlines, offset)
        col = offset + 1 if n == 0 else offset - self._newlines[n - 1]
        return self._base_line + n, col

    def _find(self, pointer: str) -> int | None:
        if pointer not in self._found:
            self._found[pointer] = find_value(self._text, pointer)
        return self._found[pointer]

    def value_offset(self, pointer: str) -> int | None:
        return self._find(_map_pointer(pointer, self._pointer_map))

    def locate(self, pointer: str, offset: int | None) -> tuple[int, int]:
        source = _map_pointer(pointer, self._pointer_map)
        probe = source
        start = self._find(probe)
        while start is None and probe:
            probe = probe.rsplit("/", 1)[0]
            start = self._find(probe)
        start = start or 0
        if probe == source and offset is not None and self._text[start : start + 1] == '"':
            start = self._raw_offset(start, offset)
        return self._line_col(start)

    def _raw_offset(self, literal_start: int, decoded_offset: int) -> int:
        """Like :func:`raw_offset`, by bisecting an index of the literal's escapes.

        A JSONL body escapes every newline, so walking the escapes for each
        finding cost O(body) per finding; the index is built once per field.
        """
        if literal_start not in self._escapes:
            self._escapes[literal_start] = _escape_index(self._text, literal_start)
        decoded, extra = self._escapes[literal_start]
        k = bisect.bisect_left(decoded, decoded_offset)
        return literal_start + 1 + decoded_offset + (extra[k - 1] if k else 0)


def _map_pointer(pointer: str, pointer_map: dict[str, str]) -> str:
    probe = pointer
    while True:
        if probe in pointer_map:
            return pointer_map[probe] + pointer[len(probe):]
        if not probe:
            return pointer
        probe = probe.rsplit("/", 1)[0]
