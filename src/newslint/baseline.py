"""The baseline: findings accepted as they are, hidden until they change.

``newslint check --write-baseline`` writes ``.newslint-baseline.json``; later
runs hide what it lists. An entry is keyed by file and *fingerprint* — rule,
article (id, url or title), field and the offending text, never a line
number — so edits that shift lines, paragraphs added elsewhere and reordered
JSONL records keep matching. Each entry counts how many findings share its
fingerprint: with 2 listed and 3 found, one is shown (the last in file
order). Entries that match less than they count are *stale* (fixed);
``--prune-baseline`` drops them. Paths are relative to the baseline's
folder, so the file works from any working directory.

The file is sorted, one entry per line, so its diffs review well::

    {"newslint-baseline": 1, "findings": [
    {"path": "content/a.md", "code": "NL201", "name": "ui-chrome-line", "count": 1, "fingerprint": "…", "message": "…"}
    ]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .model import Finding
from .settings import ConfigError

BASELINE_NAME = ".newslint-baseline.json"
_VERSION = 1


@dataclass
class Entry:
    path: str
    code: str
    name: str
    count: int
    fingerprint: str
    message: str

    @property
    def key(self) -> tuple[str, str]:
        return self.path, self.fingerprint

    def as_json(self) -> str:
        return json.dumps(
            {"path": self.path, "code": self.code, "name": self.name, "count": self.count,
             "fingerprint": self.fingerprint, "message": self.message},
            ensure_ascii=False,
        )


def find_baseline(folders: list[Path]) -> Path | None:
    """``.newslint-baseline.json`` in the first of ``folders`` that has one."""
    for folder in folders:
        candidate = folder / BASELINE_NAME
        if candidate.is_file():
            return candidate
    return None


def _rel(path: str, base: Path) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive
        return Path(path).as_posix()
    return Path(rel).as_posix()


def load(path: str | Path) -> list[Entry]:
    target = Path(path)
    try:
        data = json.loads(target.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline file not found: {target}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"{target}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{target}: not a newslint baseline (expected an object with 'findings')")
    entries = []
    for i, item in enumerate(data["findings"]):
        try:
            entries.append(Entry(
                path=str(item["path"]), code=str(item["code"]), name=str(item.get("name", "")),
                count=int(item.get("count", 1)), fingerprint=str(item["fingerprint"]),
                message=str(item.get("message", "")),
            ))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"{target}: baseline entry {i + 1} lacks path, code or fingerprint") from None
    return entries


def entries_of(findings: list[Finding], base: Path) -> list[Entry]:
    """Group findings into baseline entries: one per (file, fingerprint), with a count."""
    grouped: dict[tuple[str, str], Entry] = {}
    for f in sorted(findings, key=Finding.sort_key):
        key = (_rel(f.path, base), f.fingerprint)
        if key in grouped:
            grouped[key].count += 1
        else:
            grouped[key] = Entry(key[0], f.code, f.name, 1, f.fingerprint, f.message)
    return sorted(grouped.values(), key=lambda e: (e.path, e.code, e.fingerprint))


def dump(entries: list[Entry]) -> str:
    entries = sorted(entries, key=lambda e: (e.path, e.code, e.fingerprint))
    body = ",\n".join(e.as_json() for e in entries)
    return f'{{"newslint-baseline": {_VERSION}, "findings": [\n{body}{chr(10) if body else ""}]}}\n'


def write(path: str | Path, findings: list[Finding], files: set[str] | None = None,
          enabled: frozenset[str] | None = None) -> int:
    """Write a baseline of ``findings``; returns the number of entries.

    With ``files`` and ``enabled`` (what this run linted), entries of an
    existing baseline outside that scope are kept: writing a baseline for
    one folder or one rule family never drops the rest.
    """
    from .atomic import atomic_write_text

    target = Path(path)
    base = target.resolve().parent
    entries = entries_of(findings, base)
    if files is not None and enabled is not None and target.is_file():
        linted = {_rel(p, base) for p in files}
        entries += [e for e in load(target) if e.path not in linted or e.code not in enabled]
    atomic_write_text(target, dump(entries))
    return len(entries)


def apply_baseline(
    findings: list[Finding],
    path: str | Path,
    files: set[str],
    enabled: frozenset[str],
) -> tuple[list[Finding], int, list[dict]]:
    """Hide baselined findings; return (kept, hidden count, stale entries).

    Only entries of files linted in this run, for rules selected in this run,
    can be stale: linting one file never declares the rest of the baseline fixed.
    """
    target = Path(path)
    base = target.resolve().parent
    entries = load(target)
    budget = Counter()
    for e in entries:
        budget[e.key] += e.count
    kept: list[Finding] = []
    hidden = 0
    for f in sorted(findings, key=Finding.sort_key):
        key = (_rel(f.path, base), f.fingerprint)
        if budget.get(key, 0) > 0:
            budget[key] -= 1
            hidden += 1
        else:
            kept.append(f)
    linted = {_rel(p, base) for p in files}
    stale = []
    for e in entries:
        left = budget.get(e.key, 0)
        if left > 0 and e.path in linted and e.code in enabled:
            take = min(left, e.count)
            budget[e.key] -= take
            stale.append({"path": e.path, "code": e.code, "name": e.name, "fingerprint": e.fingerprint,
                          "message": e.message, "missing": take, "count": e.count})
    return kept, hidden, stale


def prune(path: str | Path, stale: list[dict]) -> tuple[int, int]:
    """Drop what ``stale`` says is fixed; returns (entries removed, entries left)."""
    from .atomic import atomic_write_text

    target = Path(path)
    entries = load(target)
    missing = Counter()
    for s in stale:
        missing[(s["path"], s["fingerprint"])] += s["missing"]
    out, removed = [], 0
    for e in entries:
        drop = min(missing.get(e.key, 0), e.count)
        missing[e.key] -= drop
        e.count -= drop
        if e.count > 0:
            out.append(e)
        else:
            removed += 1
    atomic_write_text(target, dump(out))
    return removed, len(out)
