"""``.txt``: a raw scrape, body only, no metadata (schema rules skip it)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, TextLocator
from ..settings import FieldMapping
from .common import ReadProblem, build_document, decode


def read_text(data: bytes, path: str, mapping: FieldMapping) -> Iterator[Document | ReadProblem]:
    text = decode(data, path)
    if isinstance(text, ReadProblem):
        yield text
        return
    if not text.strip():
        yield ReadProblem(path, "empty file: no article text", 1, 1)
        return
    body = text.replace("\r\n", "\n")
    yield build_document(
        path=path, fmt="text", raw=None, mapping=mapping, body_override=body,
        locator_factory=lambda pm: TextLocator(body),
    )
