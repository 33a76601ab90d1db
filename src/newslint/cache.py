"""The result cache: ``.newslint_cache/``, keyed by content, never by mtime.

A warm re-run over an unchanged tree reads each file once (to hash it) and
loads its findings *and* its corpus signatures from the cache, so corpus
rules still see every article without re-reading them. The key of a file is
the hash of its bytes (for a JSONL byte range, of that range), its display
path and range, and a *salt* that changes with anything else that could
change the result: the resolved settings, the rule packs (file contents), the
schema, newslint's own source and version, and the Python version. Nothing
depends on mtime, so a fresh CI checkout of an unchanged tree still hits.

Results live in one SQLite file, written in one transaction per run (a
crash leaves the previous state), and are read defensively: a damaged row
or database is a miss, never a crash. Rows are pickles read by a restricted
unpickler that builds only plain data, numpy arrays and newslint's own
classes, so a planted cache cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .settings import Settings

_MAGIC = b"NLC1\n"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by newslint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
#: settings that do not change what a file's findings are
_NOT_KEYED = {"jobs", "cache", "cache_dir", "baseline"}
_CHUNK = 1 << 20


def _hasher():
    return hashlib.blake2b(digest_size=20)


# ---------------------------------------------------------------- salt


@lru_cache(maxsize=1)
def _source_digest() -> str:
    """newslint's own code: a rule edited in a dev install invalidates the cache."""
    from . import __version__

    h = _hasher()
    h.update(__version__.encode())
    h.update(repr(sys.version_info[:2]).encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            pass
    return h.hexdigest()


def _files_digest(h, paths: list[Path]) -> None:
    for path in paths:
        h.update(str(path.name).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")


def settings_salt(settings: "Settings", registry: Any = None) -> str:
    """Everything besides the file itself that its findings depend on."""
    import orjson

    from .resources import rules_dir, schemas_dir

    h = _hasher()
    h.update(_source_digest().encode())
    if registry is not None:  # the checks that run (an API user may bring their own)
        for chk in [*registry.checks, *registry.corpus_checks]:
            h.update(f"{type(chk).__module__}.{type(chk).__qualname__};".encode())
    dumped = settings.model_dump(mode="json", exclude=_NOT_KEYED)
    h.update(orjson.dumps(dumped, option=orjson.OPT_SORT_KEYS))
    folders = [rules_dir(), *(Path(d) for d in settings.rule_packs)]
    for folder in folders:
        h.update(str(folder).encode())
        if folder.is_dir():
            _files_digest(h, sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")))
    schema = Path(settings.schema_path) if settings.schema_path else schemas_dir() / "article.schema.json"
    _files_digest(h, [schema])
    return h.hexdigest()


# ---------------------------------------------------------------- safe loading

_SAFE_BUILTINS = {"set", "frozenset", "tuple", "list", "dict", "str", "int", "float", "bytes",
                  "bytearray", "complex", "bool", "slice", "range"}
_SAFE_GLOBALS = {
    ("collections", "OrderedDict"), ("collections", "Counter"), ("collections", "defaultdict"),
    ("collections", "deque"),
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"), ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("array", "array"), ("array", "_array_reconstructor"), ("decimal", "Decimal"),
    ("numpy", "dtype"), ("numpy", "ndarray"),
    ("numpy._core.numeric", "_frombuffer"), ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.multiarray", "scalar"), ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "_reconstruct"),
}


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        if module == "newslint" or module.startswith("newslint."):
            found = super().find_class(module, name)
            if isinstance(found, type):  # our data classes; never a function
                return found
        raise pickle.UnpicklingError(f"cache entry refers to {module}.{name}")


# ---------------------------------------------------------------- the cache

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    salt TEXT NOT NULL, path TEXT NOT NULL, start INTEGER NOT NULL,
    digest TEXT NOT NULL, payload BLOB NOT NULL, written INTEGER NOT NULL,
    PRIMARY KEY (salt, path, start)
) WITHOUT ROWID
"""
_DB_NAME = "results.sqlite"
_MAX_AGE = 30 * 86400  # entries not rewritten for a month go at the next write


class Cache:
    """One SQLite file in the cache folder: a row per (settings salt, file, byte range).

    Only the main process reads and writes it: it hashes each task's bytes,
    serves hits, and sends only misses to the workers; their results are
    written in one transaction at the end of the run (atomic: a crash leaves
    the previous state). One row per file and range (per salt) means the
    cache does not grow with every edit. Any database trouble — locked,
    corrupt, read-only — turns the cache off for the run, never fails it.
    """

    def __init__(self, folder: str, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self._db: Any = None
        self._pending: dict[tuple[str, int], str] = {}
        self._rows: list[tuple] = []

    @classmethod
    def open(cls, settings: "Settings", registry: Any = None) -> "Cache | None":
        """The cache for these settings, or None when disabled or unusable."""
        if not settings.cache:
            return None
        folder = Path(settings.cache_dir)
        try:
            ensure_folder(folder)
        except OSError:
            return None  # a read-only checkout: run without a cache
        return cls(str(folder), settings_salt(settings, registry))

    def _connect(self):
        if self._db is None:
            import sqlite3

            path = Path(self.folder) / _DB_NAME
            for attempt in (1, 2):
                try:
                    db = sqlite3.connect(path, timeout=10)
                    db.execute(_SCHEMA)
                    db.execute("SELECT 1 FROM entries LIMIT 1").fetchall()
                    self._db = db
                    break
                except sqlite3.Error:
                    if attempt == 2:
                        self._db = False
                        break
                    try:  # a damaged database file: start over
                        path.unlink()
                    except OSError:
                        self._db = False
                        break
        return self._db or None

    def lookup(self, task) -> Any | None:
        """The cached result of ``task``, or None (the digest is kept for :meth:`put`)."""
        import sqlite3

        try:
            digest = _task_digest(task)
        except OSError:
            return None  # the reader reports the problem
        self._pending[(task.path, task.start)] = digest
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT digest, payload FROM entries WHERE salt=? AND path=? AND start=?",
                             (self.salt, task.path, task.start)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != digest:
            return None
        value = _loads(row[1])
        if value is None or type(value).__name__ != "MapResult":
            return None
        value.cache_hit = True
        return value

    def put(self, task, result: Any) -> None:
        digest = self._pending.get((task.path, task.start))
        if digest is None:
            return
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self._rows.append((self.salt, task.path, task.start, digest, payload, int(time.time())))

    def flush(self) -> None:
        """Write this run's new results in one transaction."""
        import sqlite3

        rows, self._rows = self._rows, []
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                if rows:
                    db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)", rows)
                    db.execute("DELETE FROM entries WHERE written < ?", (int(time.time()) - _MAX_AGE,))
        except sqlite3.Error:
            pass  # locked by another run, disk full: the next run computes again
        finally:
            db.close()
            self._db = None


def _loads(payload: bytes) -> Any | None:
    try:
        return _SafeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - any damage is a miss, never a crash
        return None


def _task_digest(task) -> str:
    """Hash of what a task reads: the file, or its JSONL byte range; and what it is."""
    h = _hasher()
    h.update(f"{task.fmt}\0{task.end}\0{task.first_record}\0".encode())
    if task.fmt == "jsonl":
        _range_update(h, task.fs_path, task.start, task.end)
    else:
        with open(task.fs_path, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()


def _range_update(h, fs_path: str, start: int, end: int | None) -> None:
    with open(fs_path, "rb") as fh:
        fh.seek(start)
        remaining = None if end is None else end - start
        while remaining is None or remaining > 0:
            chunk = fh.read(_CHUNK if remaining is None else min(_CHUNK, remaining))
            if not chunk:
                break
            h.update(chunk)
            if remaining is not None:
                remaining -= len(chunk)


def ensure_folder(folder: Path) -> None:
    """Create the cache folder, tagged (CACHEDIR.TAG) and git-ignored."""
    tag = folder / "CACHEDIR.TAG"
    if tag.is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# Created by newslint automatically.\n*\n", encoding="utf-8")
    tag.write_text(_TAG, encoding="utf-8")


def clean(folder: Path) -> bool:
    """Remove a cache folder; only one that carries our CACHEDIR.TAG. True if removed."""
    import shutil

    tag = folder / "CACHEDIR.TAG"
    try:
        if not tag.read_text("utf-8").startswith(_TAG.splitlines()[0]):
            return False
    except OSError:
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()
