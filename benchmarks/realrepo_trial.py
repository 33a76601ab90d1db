"""Run newslint over checkouts of real content repositories, as a new user would.

    .venv/bin/python benchmarks/realrepo_trial.py ROOT [--newslint PATH]

ROOT holds one folder per site checkout (Hugo, Zola, Jekyll, Astro, Next.js …).
In each, newslint runs where a ``newslint.toml`` is (the folder itself, or the
first one found below it), or at the folder with no config at all (then the site
is recognised from its own config, as on a first run). Each is linted with
``--jobs 1`` and ``--jobs 2``; the script prints per folder the exit codes,
time, files, articles, findings by severity and by code, whether a traceback
appeared, and whether the two job counts gave identical findings. Nothing of
the sites is kept: their content is theirs. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def site_root(folder: Path) -> Path:
    if (folder / "newslint.toml").is_file():
        return folder
    found = sorted(folder.rglob("newslint.toml"), key=lambda p: len(p.parts))
    return found[0].parent if found else folder


def run(newslint: str, cwd: Path, jobs: int) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    proc = subprocess.run([newslint, "check", ".", "--format", "json", "--no-cache", "--jobs", str(jobs)],
                          cwd=cwd, capture_output=True, text=True)
    return proc, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--newslint", default=str(Path(sys.executable).with_name("newslint")))
    args = ap.parse_args()
    codes: collections.Counter[str] = collections.Counter()
    severities: collections.Counter[str] = collections.Counter()
    files = 0
    for folder in sorted(p for p in args.root.iterdir() if p.is_dir()):
        cwd = site_root(folder)
        one, seconds = run(args.newslint, cwd, 1)
        two, _ = run(args.newslint, cwd, 2)
        traceback = "Traceback" in one.stderr or "Traceback" in two.stderr
        try:
            report, report2 = json.loads(one.stdout), json.loads(two.stdout)
        except ValueError:
            print(f"{folder.name}: no JSON (exit {one.returncode}): {one.stderr.strip()[:200]}")
            continue
        found = report["findings"]
        by_code = collections.Counter(f["code"] for f in found)
        by_severity = collections.Counter(f["severity"] for f in found)
        codes.update(by_code)
        severities.update(by_severity)
        files += report["summary"].get("files", 0)
        print(f"{folder.name}: exit {one.returncode}/{two.returncode}, {seconds:.1f} s, "
              f"{report['summary'].get('files')} files, {report['summary'].get('articles')} articles, "
              f"{len(found)} findings {dict(by_severity)}, traceback={traceback}, "
              f"jobs 1 = jobs 2: {found == report2['findings']}")
        print("   ", dict(sorted(by_code.items())))
    print(f"all: {files} files, {sum(codes.values())} findings {dict(severities)}")
    print("   ", dict(sorted(codes.items())))


if __name__ == "__main__":
    main()
