"""Writes that never leave a half-written file: temp file in the same folder, then rename.

:class:`atomic_writer` is the one place that does it; whole-buffer writes
(:func:`atomic_write_bytes`) and streamed rewrites (a JSONL corpus fixed
record by record, never held in memory) both go through it::

    writer = atomic_writer(path)
    with writer as out:          # a binary file on a temp file beside ``path``
        for line in lines:
            out.write(line)
        if nothing_changed:
            writer.discard()     # leave ``path`` untouched
    # on leaving without an exception: flushed, fsynced, renamed over ``path``
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file (0o666 less the umask); mkstemp's is 0o600."""
    try:  # Linux: read the umask without changing it, even for a moment
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


class atomic_writer:  # noqa: N801 - used like open()
    """Context manager: a binary file on a temp file next to ``path``.

    On a clean exit the data is flushed and fsynced and the temp file is
    renamed over ``path``, keeping the permissions of the file it replaces
    (a new file gets the usual ``0o666`` less the umask). On an exception, or
    after :meth:`discard`, the temp file is removed and ``path`` is left as
    it was. Either way no reader ever sees a partly written ``path``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._tmp: str | None = None
        self._file: BinaryIO | None = None
        self._discarded = False

    def discard(self) -> None:
        """Keep the original file: the temp file is removed on exit."""
        self._discarded = True

    def __enter__(self) -> BinaryIO:
        folder = self.path.parent if str(self.path.parent) else Path(".")
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        self._file = os.fdopen(fd, "wb")
        return self._file

    def __exit__(self, exc_type, exc, tb) -> None:
        tmp, fh = self._tmp, self._file
        assert tmp is not None and fh is not None, "atomic_writer used outside 'with'"
        replaced = False
        try:
            if exc_type is None and not self._discarded:
                fh.flush()
                os.fsync(fh.fileno())
                fh.close()
                try:
                    mode = os.stat(self.path).st_mode & 0o7777
                except OSError:
                    mode = _new_file_mode()
                try:
                    os.chmod(tmp, mode)
                except OSError:
                    pass
                os.replace(tmp, self.path)
                replaced = True
        finally:
            if not fh.closed:
                fh.close()
            if not replaced:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_writer(path) as fh:
        fh.write(data)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))
