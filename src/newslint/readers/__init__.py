"""One reader per input format; each yields Documents (or ReadProblems)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Format
from ..settings import FieldMapping
from .common import ReadProblem
from .json_reader import read_json
from .jsonl_reader import open_jsonl, read_jsonl_stream, split_ranges
from .markdown_reader import read_markdown
from .text_reader import read_text

__all__ = ["ReadProblem", "format_of", "read_bytes", "read_file", "split_ranges"]

_SUFFIXES: dict[str, Format] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".txt": "text",
}


def format_of(name: str) -> Format | None:
    """The format a file name implies (``.jsonl.gz`` → jsonl), or None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
        fmt = _SUFFIXES.get("." + lower.rsplit(".", 1)[-1]) if "." in lower else None
        return fmt if fmt == "jsonl" else None
    if "." not in lower:
        return None
    return _SUFFIXES.get("." + lower.rsplit(".", 1)[-1])


def read_bytes(data: bytes, path: str, fmt: Format, mapping: FieldMapping) -> Iterator[Document | ReadProblem]:
    """Read a whole document held in memory (a file, or stdin)."""
    if fmt == "json":
        yield from read_json(data, path, mapping)
    elif fmt == "markdown":
        yield from read_markdown(data, path, mapping)
    elif fmt == "text":
        yield from read_text(data, path, mapping)
    else:
        import io

        yield from read_jsonl_stream(io.BytesIO(data), path, mapping)


def read_file(
    fs_path: str,
    path: str,
    fmt: Format,
    mapping: FieldMapping,
    start: int = 0,
    end: int | None = None,
    first_record: int = 1,
) -> Iterator[Document | ReadProblem]:
    """Read a file from disk; JSONL streams, other formats are read whole."""
    try:
        if fmt == "jsonl":
            with open_jsonl(fs_path) as fh:
                yield from read_jsonl_stream(fh, path, mapping, start, end, first_record)
            return
        with open(fs_path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield ReadProblem(path, f"cannot read file: {exc.strerror or exc}")
        return
    except EOFError as exc:  # truncated .gz
        yield ReadProblem(path, f"cannot read compressed file: {exc}")
        return
    yield from read_bytes(data, path, fmt, mapping)
