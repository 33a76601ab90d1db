"""``.jsonl`` / ``.ndjson`` (also ``.gz``): one article per line, streamed.

Memory holds one record at a time. A worker can read just its own byte
range (``start``/``end``, aligned to line starts by :func:`split_ranges`),
so a process pool splits one big corpus without a coordinator reading it.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from typing import BinaryIO

import orjson

from ..document import Document
from ..settings import FieldMapping
from .common import ReadProblem, build_document, sniff_binary
from .jsonpos import JsonLocator


def is_gzip(path: str) -> bool:
    return path.endswith(".gz")


def open_jsonl(fs_path: str) -> BinaryIO:
    if is_gzip(fs_path):
        return gzip.open(fs_path, "rb")  # type: ignore[return-value]
    return open(fs_path, "rb")


def read_jsonl_stream(
    fh: BinaryIO,
    path: str,
    mapping: FieldMapping,
    start: int = 0,
    end: int | None = None,
    first_record: int = 1,
) -> Iterator[Document | ReadProblem]:
    """Yield one Document (or problem) per non-blank line in ``[start, end)``."""
    if start:
        fh.seek(start)
    offset = start
    record = first_record - 1
    seen_any = False
    for raw in fh:
        if end is not None and offset >= end:
            break
        record += 1
        line_offset = offset
        offset += len(raw)
        line = raw.rstrip(b"\r\n")
        if record == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        seen_any = True
        if sniff_binary(line):
            yield ReadProblem(path, "binary data in record (NUL bytes)", record, 1, record)
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            msg = exc.msg
            if "utf-8" in msg.lower() or "surrogate" in msg.lower():
                msg = "invalid UTF-8 in record"
            yield ReadProblem(path, f"invalid JSON record: {msg}", record, exc.colno or 1, record)
            continue
        if not isinstance(value, dict):
            yield ReadProblem(path, f"record is not a JSON object (found {type(value).__name__})",
                              record, 1, record)
            continue
        text = line.decode("utf-8")
        yield build_document(
            path=path, fmt="jsonl", raw=value, mapping=mapping, record=record,
            offset=line_offset,
            locator_factory=lambda pm, text=text, record=record: JsonLocator(text, record, pm),
        )
    if not seen_any and start == 0 and end is None:
        yield ReadProblem(path, "empty file: no JSON records", 1, 1)


def split_ranges(fs_path: str, parts: int, min_size: int = 1 << 20) -> list[tuple[int, int | None, int]]:
    """Cut a JSONL file into about ``parts`` line-aligned byte ranges.

    Returns ``(start, end, first_record)`` triples. The record number of each
    range's first line is counted here with ``bytes.count`` (C speed), so
    workers report the same line numbers as a single process would.
    """
    if is_gzip(fs_path):
        return [(0, None, 1)]
    size = os.path.getsize(fs_path)
    if parts <= 1 or size < min_size:
        return [(0, None, 1)]
    step = max(size // parts, 1)
    cuts = [0]
    with open(fs_path, "rb") as fh:
        for i in range(1, parts):
            fh.seek(i * step)
            fh.readline()
            pos = fh.tell()
            if pos >= size or pos <= cuts[-1]:
                continue
            cuts.append(pos)
        ranges = []
        record = 1
        fh.seek(0)
        for i, cut in enumerate(cuts):
            nxt = cuts[i + 1] if i + 1 < len(cuts) else None
            ranges.append((cut, nxt, record))
            if nxt is not None:
                remaining = nxt - cut
                fh.seek(cut)
                while remaining > 0:
                    chunk = fh.read(min(remaining, 1 << 22))
                    if not chunk:
                        break
                    record += chunk.count(b"\n")
                    remaining -= len(chunk)
    return ranges
