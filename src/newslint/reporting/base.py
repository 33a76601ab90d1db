"""What reporters share: the environment they render in, source line access."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Finding
    from ..rules.base import Registry


@dataclass
class ReportEnv:
    registry: "Registry"
    color: bool = False
    statistics: bool = False
    show_source: bool = True
    #: findings only: no summary footer (``--quiet``)
    quiet: bool = False
    sources: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, list[str] | None] = field(default_factory=dict)

    def source_line(self, path: str, line: int | None) -> str | None:
        """The file's line ``line`` (1-based), read once per file, or None."""
        if line is None:
            return None
        if path not in self._cache:
            text = self.sources.get(path)
            if text is None:
                try:
                    if path.endswith(".gz"):
                        import gzip

                        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
                            text = fh.read()
                    else:
                        with open(path, encoding="utf-8", errors="replace") as fh:
                            text = fh.read()
                except OSError:
                    text = None
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[path] = text.split("\n") if text is not None else None
        lines = self._cache[path]
        if lines is None or not (1 <= line <= len(lines)):
            return None
        return lines[line - 1].rstrip("\r")


def by_file(findings: list["Finding"]) -> Iterator[tuple[str, list["Finding"]]]:
    """Findings grouped by path; findings arrive sorted, so each path is one run."""
    for path, group in groupby(findings, key=lambda f: f.path):
        yield path, list(group)


def context_label(f: "Finding") -> str:
    """Where inside the file beyond line:col: ``record 3, /images/0/credit`` (empty for a body span of one article)."""
    parts = []
    if f.record is not None and f.path.endswith((".jsonl", ".ndjson", ".gz")):
        parts.append(f"record {f.record}")
    if f.pointer and f.pointer != "/body":
        parts.append(f.pointer)
    return ", ".join(parts)


def safe_fixable(f: "Finding") -> bool:
    return f.fix is not None and f.fix.applicability == "safe"
