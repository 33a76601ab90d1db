"""Throughput of the lint path: articles/second and peak memory.

    .venv/bin/python benchmarks/bench_lint.py [--articles 5000] [--jobs 1]

Builds a JSONL corpus from the real articles in ../shared/corpus (bodies cut
to about 3.5 KB, ids made unique) and lints it in a fresh process per rule
selection, so imports and pattern compilation are counted once, as in a real
run. Prints one line per selection. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real-extracted.jsonl"

# (select, ignore). The corpus repeats the 184 source articles, so the
# rules that compare articles (duplicate ids/urls, site boilerplate,
# near-duplicates) would flag the copies: they are measured apart, on the
# last line, and their findings there are the copies, not defects.
_CORPUS = ["NL102", "NL103", "NL210", "NL510", "NL511", "NL604", "NL605", "NL606"]
SELECTIONS = {
    "parse+schema (NL1)": (["NL1"], _CORPUS),
    # DESIGN's basic path: parse, validate, one lexicon scan, paragraph hashes
    "basic path: NL1+NL201/202+NL501": (["NL1", "NL201", "NL202", "NL501"], _CORPUS),
    "basic: NL1+NL2 residue": (["NL1", "NL2"], _CORPUS),
    "NL3 credits": (["NL1", "NL3"], _CORPUS),
    "NL4 dated": (["NL1", "NL4"], _CORPUS),
    "NL5 in-article duplication": (["NL1", "NL5"], _CORPUS),
    "NL6 links (offline)": (["NL1", "NL6"], _CORPUS),
    "NL7 language": (["NL1", "NL7"], _CORPUS),
    "all per-article rules": (["ALL"], _CORPUS),
    "all rules, corpus ones too": (["ALL"], []),
}


def build_corpus(n: int, folder: Path) -> Path:
    sources = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    out = folder / "bench.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            art = dict(sources[i % len(sources)])
            art["id"] = f"{art['id']}-{i}"
            if art.get("url"):
                art["url"] = f"{art['url']}?copy={i}"
            art["body"] = art["body"][:3500]
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    return out


def child(path: str, select: list[str], ignore: list[str], jobs: int) -> None:
    from newslint import lint
    from newslint.settings import Settings

    # warm-up on one article: imports and pattern compilation are start-up
    # (measured by `newslint check one.md`), not per-article cost
    warm = Path(path).with_name("warm.jsonl")
    warm.write_text(Path(path).open(encoding="utf-8").readline(), encoding="utf-8")
    lint([str(warm)], Settings(select=select, ignore=ignore, jobs=1, cache=False))
    t0 = time.perf_counter()
    report = lint([path], Settings(select=select, ignore=ignore, jobs=jobs, cache=False))
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": dt, "articles": report.articles, "findings": len(report.findings), "peak_mb": peak}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--only", help="run one selection, e.g. NL2")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1].split(","), [c for c in args.child[2].split(",") if c], args.jobs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = build_corpus(args.articles, Path(tmp))
        size = path.stat().st_size
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB, jobs={args.jobs}")
        for label, (select, ignore) in SELECTIONS.items():
            if args.only and args.only not in label:
                continue
            proc = subprocess.run(
                [sys.executable, __file__, "--jobs", str(args.jobs), "--child", str(path), ",".join(select), ",".join(ignore)],
                capture_output=True, text=True, cwd=tmp, env={**os.environ, "PYTHONHASHSEED": "0"},
            )
            if proc.returncode != 0:
                print(f"{label:<32} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            rate = r["articles"] / r["seconds"]
            print(f"{label:<32} {rate:9.0f} articles/s  {1e6 / rate:8.0f} µs/article  "
                  f"peak {r['peak_mb']:6.0f} MB  ({r['findings']} findings)")


if __name__ == "__main__":
    main()
