"""``newslint fix``: apply the edits rules attach to findings, file format by file format.

A fix is a set of :class:`~newslint.model.Edit` s, each an offset range in the
*decoded* text of one field (``/body``, ``/images/0/credit``), so it knows
nothing of JSON escapes, front matter or CRLF. This module maps edits back
onto the file and changes only the bytes it must:

* JSON / JSONL: the edited string literal is patched in place (its other
  escapes kept), a new field is inserted with the file's own indentation and
  separators, a removed list item or key takes its comma with it. Key order,
  indentation, ``ensure_ascii`` style and everything else stay byte for byte.
  JSONL is rewritten streaming, one line at a time, through a temp file.
* Markdown: body edits land after the front matter; YAML front matter takes
  scalar edits, new keys in block mappings and removals. TOML front matter
  and shapes we cannot edit safely are skipped with a message.
* Text: the body is the file.

Encoding (UTF-8, with its BOM if it had one) and line endings (CRLF kept) are
preserved, writes are atomic, and the lint → fix loop repeats until a pass
changes nothing (at most ``MAX_PASSES``), so a second run changes nothing.
Fixes whose edits overlap one already taken wait for the next pass, as ruff
does.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Edit, Finding

if TYPE_CHECKING:
    from .engine import Report
    from .rules.base import Registry
    from .settings import Settings

MAX_PASSES = 10
_BOM = "\ufeff"


class Unfixable(Exception):
    """An edit this file's shape does not allow; ``pointer`` names it (None: the whole record)."""

    def __init__(self, pointer: str | None, reason: str) -> None:
        super().__init__(reason)
        self.pointer = pointer
        self.reason = reason


Splice = tuple[int, int, str]


def _apply_splices(text: str, splices: list[Splice]) -> str:
    ordered = sorted(set(splices), key=lambda s: (s[0], s[1]))
    for (s1, e1, _), (s2, e2, _) in zip(ordered, ordered[1:]):
        if s2 < e1 or (s1 == s2 and (s1 == e1 or s2 == e2)):
            raise Unfixable(None, "edits overlap")
    out, pos = [], 0
    for s, e, rep in ordered:
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _edit_string(value: str, edits: list[Edit]) -> str:
    splices = [(e.start, e.end, e.replacement or "") for e in edits]
    for s, e, _ in splices:
        if not 0 <= s <= e <= len(value):
            raise Unfixable(edits[0].pointer, f"edit {s}..{e} is outside the field")
    return _apply_splices(value, splices)


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]] if pointer else []


def _join(parts: list[str]) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


# ====================================================================== JSON

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_WS = re.compile(r"[ \t\r\n]*")
_SCALAR = re.compile(r"[^,\]\}\s]+")
_ESCAPED_NON_ASCII = re.compile(r"\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})")


@dataclass
class _JNode:
    start: int
    end: int = 0
    member: int = 0  # where the member starts (its key, in an object)
    key_end: int = 0  # just after the key string
    kind: str = "scalar"  # object, array, string, scalar
    children: list[str] = field(default_factory=list)


def _scan(text: str) -> dict[str, _JNode]:
    out: dict[str, _JNode] = {}
    pos = _WS.match(text).end()
    _scan_value(text, pos, "", out, pos, pos)
    return out


def _scan_value(text: str, pos: int, pointer: str, out: dict[str, _JNode], member: int, key_end: int) -> int:
    node = _JNode(start=pos, member=member, key_end=key_end)
    out[pointer] = node
    ch = text[pos : pos + 1]
    if ch in "{[" and ch:
        node.kind = "object" if ch == "{" else "array"
        close = "}" if ch == "{" else "]"
        pos = _WS.match(text, pos + 1).end()
        index = 0
        while text[pos : pos + 1] not in (close, ""):
            child_member = pos
            if node.kind == "object":
                m = _STRING.match(text, pos)
                if not m:
                    raise Unfixable(None, "cannot parse the JSON")
                key = json.loads(m.group())
                k_end = m.end()
                pos = _WS.match(text, m.end()).end() + 1  # past ':'
                pos = _WS.match(text, pos).end()
                child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            else:
                k_end = pos
                child = f"{pointer}/{index}"
            node.children.append(child)
            pos = _scan_value(text, pos, child, out, child_member, k_end)
            index += 1
            pos = _WS.match(text, pos).end()
            if text[pos : pos + 1] == ",":
                pos = _WS.match(text, pos + 1).end()
        node.end = pos + 1
    elif ch == '"':
        node.kind = "string"
        m = _STRING.match(text, pos)
        node.end = m.end() if m else len(text)
    else:
        m = _SCALAR.match(text, pos)
        node.end = m.end() if m else pos + 1
    return node.end


def _delete_children(spans: list[tuple[int, int]], gone: set[int], inner: tuple[int, int]) -> list[Splice]:
    """Remove items ``gone`` of a container with their commas (items as (member start, end))."""
    kept = [i for i in range(len(spans)) if i not in gone]
    if not kept:
        return [(inner[0], inner[1], "")]
    out = []
    for i in sorted(gone):
        if i < kept[-1]:
            out.append((spans[i][0], spans[i + 1][0], ""))
        else:
            out.append((spans[i - 1][1], spans[i][1], ""))
    return out


class _JsonStyle:
    """How this file writes JSON, learned from the file itself."""

    def __init__(self, text: str, nodes: dict[str, _JNode]) -> None:
        # raw non-ASCII wins; \u escapes of non-ASCII alone mean ensure_ascii was on
        self.ascii = not any(ord(c) > 127 for c in text) and bool(_ESCAPED_NON_ASCII.search(text))
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.key_sep = ": "
        self.item_sep = ", " if re.search(r",[ ]", text) or "," not in text else ","
        self.indent: str | None = None  # None: the file is written on one line
        root = nodes.get("")
        if root is not None and root.kind == "object" and root.children:
            first = nodes[root.children[0]]
            sep = text[first.key_end : first.start]
            if "\n" not in sep and ":" in sep:
                self.key_sep = sep
            lead = text[root.start + 1 : first.member]
            if "\n" in lead:
                self.indent = lead[lead.rfind("\n") + 1 :]
            elif len(root.children) > 1:
                self.item_sep = text[first.end : nodes[root.children[1]].member]

    def dumps(self, value: Any, indent: str | None = None) -> str:
        if indent is not None and self.indent is not None:
            raw = json.dumps(value, ensure_ascii=self.ascii, indent=self.indent, separators=(",", self.key_sep))
            return raw.replace("\n", self.newline + indent)
        inline = ", " if self.item_sep.startswith(", ") else ","
        return json.dumps(value, ensure_ascii=self.ascii, separators=(inline, self.key_sep))


def edit_json(text: str, ops: dict[str, list[Edit]]) -> str:
    """Apply edits (grouped by source pointer) to one JSON document, changing only what they touch."""
    nodes = _scan(text)
    style = _JsonStyle(text, nodes)
    splices: list[Splice] = []
    deletions: dict[str, set[int]] = defaultdict(set)
    for pointer, edits in ops.items():
        node = nodes.get(pointer)
        if any(e.replacement is None for e in edits):
            if node is not None and pointer:
                parent = pointer.rsplit("/", 1)[0]
                deletions[parent].add(nodes[parent].children.index(pointer))
            continue
        if node is not None and node.kind == "string":
            from .readers.jsonpos import raw_offset

            value = json.loads(text[node.start : node.end])
            _edit_string(value, edits)  # bounds check
            for e in edits:
                enc = json.dumps(e.replacement, ensure_ascii=style.ascii)[1:-1]
                splices.append((raw_offset(text, node.start, e.start), raw_offset(text, node.start, e.end), enc))
            continue
        if len(edits) != 1 or edits[0].start or edits[0].end:
            raise Unfixable(pointer, f"{pointer} is not a string in the file")
        value: Any = edits[0].replacement
        if node is not None:  # null or another scalar: the new string takes its place
            if node.kind != "scalar":
                raise Unfixable(pointer, f"{pointer} holds a {node.kind}, not text")
            splices.append((node.start, node.end, style.dumps(value)))
            continue
        splices.append(_json_insertion(text, nodes, style, pointer, value))
    for parent, gone in deletions.items():
        container = nodes[parent]
        spans = [(nodes[c].member, nodes[c].end) for c in container.children]
        inner_end = container.end - 1
        splices += _delete_children(spans, gone, (container.start + 1, inner_end))
    return _apply_splices(text, splices)


def _json_insertion(text: str, nodes: dict[str, _JNode], style: _JsonStyle, pointer: str, value: Any) -> Splice:
    parts = _parts(pointer)
    depth = len(parts)
    while depth > 0 and _join(parts[:depth]) not in nodes:
        depth -= 1
    parent_ptr = _join(parts[:depth])
    parent = nodes[parent_ptr]
    missing = parts[depth:]
    for part in reversed(missing[1:]):
        if part.isdigit():
            if part != "0":
                raise Unfixable(pointer, f"cannot create {pointer}: list index {part} is past the end")
            value = [value]
        else:
            value = {part: value}
    first = missing[0]
    if parent.kind == "array":
        if first != str(len(parent.children)):
            raise Unfixable(pointer, f"cannot create {pointer}: index {first} is not the next list item")
        key_text = ""
    elif parent.kind == "object":
        key_text = json.dumps(first, ensure_ascii=style.ascii) + style.key_sep
    else:
        raise Unfixable(pointer, f"cannot create {pointer}: {parent_ptr or 'the document'} is not an object")
    if not parent.children:
        return (parent.start + 1, parent.end - 1, key_text + style.dumps(value))
    first_child = nodes[parent.children[0]]
    last_child = nodes[parent.children[-1]]
    lead = text[parent.start + 1 : first_child.member]
    if "\n" in lead:
        indent = lead[lead.rfind("\n") + 1 :]
        return (last_child.end, last_child.end, "," + style.newline + indent + key_text + style.dumps(value, indent))
    if len(parent.children) > 1:
        sep = text[first_child.end : nodes[parent.children[1]].member]
    else:
        sep = style.item_sep if "\n" not in style.item_sep else ", "
    return (last_child.end, last_child.end, sep + key_text + style.dumps(value))


# ====================================================================== YAML front matter


def _yaml_node(root: Any, pointer: str) -> tuple[Any, Any, Any]:
    """(node, parent node, key node or index) for a pointer; node None when missing."""
    import yaml

    node, parent, key = root, None, None
    for part in _parts(pointer):
        parent = node
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == part:
                    node, key = v, k
                    break
            else:
                return None, parent, part
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node, key = node.value[int(part)], int(part)
        else:
            return None, parent, part
    return node, parent, key


def _yaml_scalar(value: str) -> str:
    import yaml

    if value and value == value.strip() and "\n" not in value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    for ascii_ in (False, True):
        quoted = json.dumps(value, ensure_ascii=ascii_)
        try:
            if yaml.safe_load(f"k: {quoted}") == {"k": value}:
                return quoted
        except yaml.YAMLError:
            continue
    raise Unfixable(None, "cannot write the value as YAML")


def _yaml_emit(value: str, style: str | None) -> str:
    """The value as a YAML scalar, in the style it had when that style can hold it."""
    import yaml

    if style == "'" and "\n" not in value:
        quoted = "'" + value.replace("'", "''") + "'"
        if yaml.safe_load(f"k: {quoted}") == {"k": value}:
            return quoted
    if style == '"':
        for ascii_ in (False, True):
            quoted = json.dumps(value, ensure_ascii=ascii_)
            if yaml.safe_load(f"k: {quoted}") == {"k": value}:
                return quoted
    return _yaml_scalar(value)


def edit_yaml(front: str, ops: dict[str, list[Edit]]) -> str:
    """Apply edits to YAML front matter text; only shapes that can be edited exactly."""
    import yaml

    try:
        root = yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise Unfixable(None, "front matter is not valid YAML") from None
    splices: list[Splice] = []
    deletions: dict[int, tuple[Any, set[int]]] = {}
    for pointer, edits in ops.items():
        if root is None and not front.strip():
            if any(e.replacement is None for e in edits) or len(_parts(pointer)) != 1:
                raise Unfixable(pointer, f"cannot create {pointer} in empty front matter")
            line = f"{_yaml_scalar(_parts(pointer)[0])}: {_yaml_scalar(edits[0].replacement or '')}"
            splices.append((0, len(front), line + ("\n" if not front else "")))
            continue
        node, parent, key = _yaml_node(root, pointer)
        if any(e.replacement is None for e in edits):
            if node is None:
                continue
            if isinstance(parent, yaml.SequenceNode) and parent.flow_style:
                deletions.setdefault(id(parent), (parent, set()))[1].add(key)
            elif isinstance(parent, (yaml.SequenceNode, yaml.MappingNode)) and not parent.flow_style:
                splices.append(_yaml_block_removal(front, parent, node, key, pointer))
            else:
                raise Unfixable(pointer, f"cannot remove {pointer} from this front matter")
            continue
        if node is not None:
            if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
                if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
                        and len(edits) == 1 and edits[0].start == edits[0].end == 0):
                    raise Unfixable(pointer, f"{pointer} in the front matter is not text")
                new = edits[0].replacement or ""
            else:
                new = _edit_string(node.value, edits)
            try:
                text = _yaml_emit(new, node.style)
            except Unfixable:
                raise Unfixable(pointer, f"cannot write {pointer} as YAML") from None
            end = node.end_mark.index
            if node.style in ("|", ">") and front[end - 1 : end] == "\n":
                text += "\n"  # a block scalar's span ends with its line
            splices.append((node.start_mark.index, end, text))
            continue
        if len(edits) != 1 or edits[0].start or edits[0].end:
            raise Unfixable(pointer, f"{pointer} is not in the front matter")
        if not isinstance(parent, yaml.MappingNode) or parent.flow_style or not parent.value \
                or _join(_parts(pointer)[:-1]) != _parent_pointer_of(root, parent, pointer):
            raise Unfixable(pointer, f"cannot add {pointer} to the front matter here; add it by hand")
        splices.append(_yaml_block_insertion(front, parent, str(key), edits[0].replacement or ""))
    for parent, gone in deletions.values():
        spans = [(n.start_mark.index, n.end_mark.index) for n in parent.value]
        splices += _delete_children(spans, gone, (parent.start_mark.index + 1, parent.end_mark.index - 1))
    new_front = _apply_splices(front, splices)
    try:
        loaded = yaml.safe_load(new_front)
    except yaml.YAMLError:
        raise Unfixable(None, "the fixed front matter would not parse") from None
    if loaded is not None and not isinstance(loaded, dict):
        raise Unfixable(None, "the fixed front matter would not be a mapping")
    return new_front


def _parent_pointer_of(root: Any, parent: Any, pointer: str) -> str:
    # the parent found must be the direct parent of the missing key (one level only)
    node, _, _ = _yaml_node(root, _join(_parts(pointer)[:-1]))
    return _join(_parts(pointer)[:-1]) if node is parent else "<deeper>"


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    if end > 0 and text[end - 1] == "\n":
        return ls, end
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le + 1)


def _yaml_block_removal(front: str, parent: Any, node: Any, key: Any, pointer: str) -> Splice:
    import yaml

    start = node.start_mark.index
    if isinstance(parent, yaml.MappingNode):
        start = next(k for k, v in parent.value if v is node).start_mark.index
    ls, le = _line_bounds(front, start, node.end_mark.index)
    lead = front[ls:start]
    if lead.strip() not in ("", "-"):
        raise Unfixable(pointer, f"cannot remove {pointer}: it shares a line with other YAML")
    if le == len(front) and not front.endswith("\n") and ls > 0:
        return (ls - 1, le, "")
    return (ls, le, "")


def _yaml_block_insertion(front: str, parent: Any, key: str, value: str) -> Splice:
    first_key = parent.value[0][0]
    indent = " " * first_key.start_mark.column
    end = parent.value[-1][1].end_mark.index
    line = f"{indent}{_yaml_scalar(key)}: {_yaml_scalar(value)}"
    if end > 0 and front[end - 1] == "\n":
        return (end, end, line + "\n")
    le = front.find("\n", end)
    le = len(front) if le < 0 else le
    return (le, le, "\n" + line)


# ====================================================================== files


class _Newlines:
    """Offsets in LF-normalised text ↔ the file's own text (CRLF kept)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.crlf = raw.count("\r\n") > raw.count("\n") - raw.count("\r\n")
        self._cr: list[int] = []
        removed = 0
        for m in re.finditer("\r\n", raw):
            self._cr.append(m.start() - removed)
            removed += 1
        self.norm = raw.replace("\r\n", "\n") if self._cr else raw

    def to_raw(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._cr, offset)

    def apply(self, splices: list[Splice]) -> str:
        nl = "\r\n" if self.crlf else "\n"
        mapped = [(self.to_raw(s), self.to_raw(e), rep.replace("\n", nl) if nl != "\n" else rep)
                  for s, e, rep in splices]
        return _apply_splices(self.raw, mapped)


def _decode(data: bytes) -> tuple[str, bool]:
    text = data.decode("utf-8")
    if text.startswith(_BOM):
        return text[1:], True
    return text, False


def _encode(text: str, bom: bool) -> bytes:
    return ((_BOM if bom else "") + text).encode("utf-8")


def _group(edits: list[Edit]) -> dict[str, list[Edit]]:
    ops: dict[str, list[Edit]] = defaultdict(list)
    for e in edits:
        if e not in ops[e.pointer]:
            ops[e.pointer].append(e)
    return ops


def edit_text_file(text: str, edits: list[Edit]) -> str:
    lines = _Newlines(text)
    splices = []
    for pointer, group in _group(edits).items():
        if pointer != "/body" or any(e.replacement is None for e in group):
            raise Unfixable(pointer, f"a .txt file has only a body, not {pointer}")
        _edit_string(lines.norm, group)
        splices += [(e.start, e.end, e.replacement or "") for e in group]
    return lines.apply(splices)


def edit_markdown_file(text: str, edits: list[Edit], path: str = "") -> str:
    from .readers.markdown_reader import front_matter_start, split_front_matter

    lines = _Newlines(text)
    split = split_front_matter(lines.norm, path)
    if not isinstance(split, tuple):
        raise Unfixable(None, "unterminated front matter")
    kind, front, body, _ = split
    body_off = len(lines.norm) - len(body)
    front_off = front_matter_start(lines.norm)
    splices: list[Splice] = []
    front_ops: dict[str, list[Edit]] = {}
    for pointer, group in _group(edits).items():
        if pointer == "/body":
            _edit_string(body, group)
            splices += [(body_off + e.start, body_off + e.end, e.replacement or "") for e in group]
        else:
            front_ops[pointer] = group
    if front_ops:
        if kind != "yaml":
            first = next(iter(front_ops))
            what = "TOML front matter" if kind == "toml" else "a file without front matter"
            raise Unfixable(first, f"fixes to {first} in {what} are not supported; edit it by hand")
        try:
            new_front = edit_yaml(front, front_ops)
        except Unfixable as exc:
            raise Unfixable(exc.pointer or next(iter(front_ops)), exc.reason) from None
        splices.append((front_off, front_off + len(front), new_front))
    return lines.apply(splices)


def edit_json_file(text: str, edits: list[Edit]) -> str:
    new = edit_json(text, _group(edits))
    try:
        json.loads(new)
    except ValueError:
        raise Unfixable(None, "the fixed JSON would not parse") from None
    return new


# ====================================================================== planning


@dataclass
class _Planned:
    finding: Finding
    edits: tuple[Edit, ...]


def _ancestor(a: str, b: str) -> bool:
    return b.startswith(a + "/") or a.startswith(b + "/") or a == "" or b == ""


def _conflicts(a: Edit, b: Edit) -> bool:
    if a == b:
        return False
    if a.pointer != b.pointer:
        return _ancestor(a.pointer, b.pointer)  # editing a value and its container
    if a.replacement is None or b.replacement is None:
        return True
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def plan_fixes(findings: list[Finding], unsafe: bool) -> dict[str, dict[int | None, list[_Planned]]]:
    """Pick, per file and record, the fixes whose edits do not overlap (first come, first taken)."""
    plans: dict[str, dict[int | None, list[_Planned]]] = defaultdict(lambda: defaultdict(list))
    for f in sorted(findings, key=Finding.sort_key):
        if f.fix is None or not f.fix.edits or (f.fix.applicability == "unsafe" and not unsafe):
            continue
        taken = plans[f.path][f.record]
        if any(_conflicts(e, t) for p in taken for t in p.edits for e in f.fix.edits):
            continue
        taken.append(_Planned(f, f.fix.edits))
    return plans


def _apply_record(text: str, fixes: list[_Planned], editor: Callable[[str, list[Edit]], str],
                  where: str, messages: list[str]) -> tuple[str, int]:
    """Apply what can be applied; drop the fixes an edit of which this file cannot take."""
    active = list(fixes)
    while active:
        try:
            new = editor(text, [e for p in active for e in p.edits])
            return new, len(active)
        except Unfixable as exc:
            dropped = [p for p in active if exc.pointer is None or any(e.pointer == exc.pointer for e in p.edits)]
            for p in dropped:
                messages.append(f"{where}: {p.finding.code} not fixed: {exc.reason}")
            active = [p for p in active if p not in dropped]
    return text, 0


_EDITORS: dict[str, Callable[[str, list[Edit]], str]] = {
    "text": edit_text_file,
    "markdown": edit_markdown_file,
    "json": edit_json_file,
}


def fix_bytes(data: bytes, fmt: str, records: dict[int | None, list[_Planned]], path: str,
              messages: list[str]) -> tuple[bytes, int]:
    """Apply planned fixes to a whole file held in memory."""
    if fmt == "jsonl":
        import io

        out = io.BytesIO()
        applied = _rewrite_jsonl(io.BytesIO(data), out, records, path, messages)
        return out.getvalue(), applied
    try:
        text, bom = _decode(data)
    except UnicodeDecodeError:
        messages.append(f"{path}: not fixed: not UTF-8")
        return data, 0
    new, applied = _apply_record(text, records.get(None, []), _EDITORS[fmt], path, messages)
    return (_encode(new, bom) if new != text else data), applied


def _rewrite_jsonl(src, dst, records: dict[int | None, list[_Planned]], path: str, messages: list[str]) -> int:
    applied = 0
    for number, raw in enumerate(src, start=1):
        fixes = records.get(number)
        if not fixes:
            dst.write(raw)
            continue
        body = raw.rstrip(b"\r\n")
        ending = raw[len(body):]
        bom = number == 1 and body.startswith(b"\xef\xbb\xbf")
        try:
            text = body[3:].decode("utf-8") if bom else body.decode("utf-8")
        except UnicodeDecodeError:
            dst.write(raw)
            continue
        new, n = _apply_record(text, fixes, edit_json_file, f"{path}:{number}", messages)
        if "\n" in new or "\r" in new:
            messages.append(f"{path}:{number}: not fixed: the record would span lines")
            dst.write(raw)
            continue
        applied += n
        dst.write((b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8") + ending)
    return applied


def fix_jsonl_on_disk(fs_path: str, records: dict[int | None, list[_Planned]], path: str,
                      messages: list[str]) -> int:
    """Rewrite a JSONL file line by line through a temp file, then rename over it
    (untouched when no fix applied)."""
    import gzip

    from .atomic import atomic_writer

    writer = atomic_writer(fs_path)
    with writer as raw_out:
        opener = gzip.open if fs_path.endswith(".gz") else open
        with opener(fs_path, "rb") as src:
            if fs_path.endswith(".gz"):
                with gzip.GzipFile(fileobj=raw_out, mode="wb", filename="", mtime=0) as dst:
                    applied = _rewrite_jsonl(src, dst, records, path, messages)
            else:
                applied = _rewrite_jsonl(src, raw_out, records, path, messages)
        if not applied:
            writer.discard()
    return applied


# ====================================================================== the loop


@dataclass
class FixResult:
    """What ``newslint fix`` did."""

    applied: int = 0
    #: display path → (original bytes, fixed bytes); kept in memory (--diff, stdin) mode only
    changes: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    changed_files: set[str] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)
    passes: int = 0
    settled: bool = True
    unsafe_left: int = 0
    report: "Report | None" = None


def fix(
    paths: list[str],
    settings: "Settings",
    registry: "Registry",
    *,
    unsafe: bool = False,
    write: bool = True,
    stdin: tuple[bytes, str] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Lint, apply fixes, and repeat until a pass changes nothing.

    ``write=False`` keeps every change in memory (``--diff``); stdin is always
    fixed in memory.
    """
    from .engine import run
    from .readers import format_of

    result = FixResult()
    overlay: dict[str, bytes] = {}
    originals: dict[str, bytes] = {}
    current_stdin = stdin
    for number in range(1, max_passes + 1):
        report = run(paths, settings, registry, stdin=current_stdin, overlay=None if write else overlay)
        result.report = report
        result.passes = number
        plans = plan_fixes(report.findings, unsafe)
        applied = 0
        for path, records in sorted(plans.items()):
            fmt = format_of(path) or "text"
            if current_stdin is not None and path == current_stdin[1]:
                data = current_stdin[0]
                originals.setdefault(path, data)
                new, n = fix_bytes(data, fmt, records, path, result.messages)
                current_stdin = (new, path)
            elif write and fmt == "jsonl":
                n = fix_jsonl_on_disk(path, records, path, result.messages)
                new = b""
            else:
                key = os.path.abspath(path)
                try:
                    data = overlay[key] if key in overlay else _read_plain(path)
                except OSError as exc:
                    result.messages.append(f"{path}: not fixed: {exc.strerror or exc}")
                    continue
                originals.setdefault(path, data)
                new, n = fix_bytes(data, fmt, records, path, result.messages)
                if n and write:
                    from .atomic import atomic_write_bytes

                    atomic_write_bytes(path, new)
                elif n:
                    overlay[key] = new
            if n:
                applied += n
                result.changed_files.add(path)
                if not write or (current_stdin is not None and path == current_stdin[1]):
                    result.changes[path] = (originals[path], new)
        result.applied += applied
        if not applied:
            break
    else:
        result.settled = False
    if result.report is not None:
        result.unsafe_left = sum(1 for f in result.report.findings
                                 if f.fix is not None and f.fix.applicability == "unsafe" and not unsafe)
    result.changes = {p: (a, b) for p, (a, b) in result.changes.items() if a != b}
    result.messages = list(dict.fromkeys(result.messages))  # each pass meets the same unfixables
    return result


def _read_plain(path: str) -> bytes:
    """A file's bytes; a ``.gz`` corpus decompressed (in memory, for --diff)."""
    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        import gzip

        return gzip.decompress(data)
    return data


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A unified diff of one file's fix, as ``--diff`` prints it."""
    import difflib

    a = old.decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
