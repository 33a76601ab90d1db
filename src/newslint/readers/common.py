"""What every reader shares: decoding, problems, building a Document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..document import DocRef, Document, Format, Locator
from ..mapping import apply_mapping
from ..model import Article
from ..settings import FieldMapping
from ..suppress import collect_directives
from .textview import markdown_view, plain_view


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A file or record that could not be read: becomes an NL100 finding."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    record: int | None = None
    code: str = "NL100"


def sniff_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode(data: bytes, path: str) -> str | ReadProblem:
    """UTF-8 (a BOM is accepted and dropped); else a problem naming the line."""
    if sniff_binary(data):
        return ReadProblem(path, "binary file: not an article (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return ReadProblem(path, f"invalid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
                           line, col)
    return text


def article_key(data: dict[str, Any] | None, path: str, record: int | None) -> str:
    if data:
        for key in ("id", "url", "title"):
            value = data.get(key)
            if isinstance(value, str) and value:
                return f"{key}:{value}"
    # the file name, not the path: a fingerprint must not change with the working directory
    return f"path:{path.rsplit('/', 1)[-1]}" + (f"#{record}" if record else "")


def _ignore_codes(data: dict[str, Any]) -> frozenset[str]:
    meta = data.pop("newslint", None)
    if isinstance(meta, dict):
        codes = meta.get("ignore")
        if isinstance(codes, str):
            codes = [codes]
        if isinstance(codes, list):
            return frozenset(str(c).strip() for c in codes)
    return frozenset()


def build_document(
    *,
    path: str,
    fmt: Format,
    raw: dict[str, Any] | None,
    mapping: FieldMapping,
    locator_factory,
    record: int | None = None,
    offset: int | None = None,
    body_override: str | None = None,
    markup: str = "plain",
) -> Document:
    """Map fields, build the article model and the body views.

    ``locator_factory(pointer_map)`` builds the locator once the mapping is
    known, so renamed fields are found under the user's own key.
    """
    problems: tuple = ()
    ignore: frozenset[str] = frozenset()
    meta: Any = None
    pointer_map: dict[str, str] = {}
    data: dict[str, Any] | None = None
    if raw is not None:
        raw = dict(raw)
        meta = raw.get("newslint")
        ignore = _ignore_codes(raw)
        mapped = apply_mapping(raw, mapping, path)
        data, pointer_map, problems = mapped.data, mapped.pointer_map, mapped.problems
        if body_override is not None:
            data["body"] = body_override
    body_value = body_override if body_override is not None else (data or {}).get("body")
    body = body_value if isinstance(body_value, str) else ""
    article = Article.lenient(data) if data is not None else Article(body=body)
    if markup == "markdown":
        prose, lines = markdown_view(body)
    else:
        prose, lines = plain_view(body)
    locator: Locator = locator_factory(pointer_map)
    ref = DocRef(
        path=path,
        format=fmt,
        record=record,
        offset=offset,
        article_id=article.id,
        key=article_key(data, path, record),
    )
    return Document(
        ref=ref,
        article=article,
        data=data,
        body=body,
        prose=prose,
        lines=lines,
        locator=locator,
        markup=markup,  # type: ignore[arg-type]
        pointer_map=pointer_map,
        ignore=ignore,
        reader_hits=problems,
        directives=collect_directives(meta, body, lines, markup),
    )
