"""Cold vs warm runs of ``newslint check`` over a tree of thousands of files.

    .venv/bin/python benchmarks/bench_cache.py [--files 3000] [--jobs 1] [--select ALL]

Builds a content folder from the real articles in ../shared/corpus (half
Markdown with YAML front matter, half JSON; bodies about 3.5 KB; ids made
unique), then times the real command in fresh processes:

* ``no cache``  ``--no-cache``: every file read and linted;
* ``cold``      an empty ``.newslint_cache``: linted, and entries written;
* ``warm``      the tree unchanged: every file hashed, results loaded;
* ``checkout``  every file's mtime changed (a fresh CI checkout): still warm,
                because the key is the content, not the mtime;
* ``one edit``  one file changed: one miss, the rest hits.

The corpus rules still see every article (their signatures are cached too),
so the findings of every run are the same; the script checks that. This is
a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real-extracted.jsonl"


def build_tree(n: int, folder: Path) -> None:
    """``n`` distinct articles: real metadata, bodies generated from the real corpus.

    Copies of the same 184 articles would make every file a near-duplicate
    of a dozen others, which no content repository looks like; prose walked
    from a word chain of the corpus keeps corpus findings as rare as they
    are in practice, while each article still carries some residue to report.
    """
    rng = random.Random(11)
    sources = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    sources = [s for s in sources if s.get("lang") == "en"]
    chain: dict[str, list[str]] = {}  # a word-level Markov chain: English-looking, never a copy
    for s in sources:
        toks = s["body"].split()
        for a, b in zip(toks, toks[1:]):
            chain.setdefault(a, []).append(b)
    starts = [w for w in chain if w[:1].isupper()]

    def prose(n_words: int) -> str:
        word, out = rng.choice(starts), []
        for _ in range(n_words):
            out.append(word)
            word = rng.choice(chain.get(word) or starts)
        return " ".join(out)

    for i in range(n):
        art = dict(sources[i % len(sources)])
        art["id"] = f"{art['id']}-{i}"
        art["url"] = f"https://news.example.com/{i // 100}/{art['id']}"
        art["title"] = prose(9)
        art.pop("related", None)
        paragraphs = [prose(rng.randint(40, 90)) for _ in range(6)]
        if i % 5 == 0:
            paragraphs.insert(0, "Top")
        if i % 7 == 0:
            paragraphs.append("Loading")
        art["body"] = "\n\n".join(paragraphs)
        sub = folder / f"section{i % 20:02d}"
        sub.mkdir(exist_ok=True)
        if i % 2:
            (sub / f"a{i}.json").write_text(json.dumps(art, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            body = art.pop("body")
            front = yaml.safe_dump(art, allow_unicode=True, sort_keys=False)
            (sub / f"a{i}.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def timed(args: list[str], cwd: Path) -> tuple[float, dict]:
    out = cwd / "report.json"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--format", "json",
                           "--output", str(out), *args, "content"], cwd=cwd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed: {proc.stderr.strip()}")
    data = json.loads(out.read_text("utf-8"))
    findings = data["findings"] if isinstance(data, dict) else data
    return dt, {"findings": findings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--select", default="ALL")
    args = ap.parse_args()
    flags = ["--jobs", str(args.jobs), "--select", args.select]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "content"
        content.mkdir()
        build_tree(args.files, content)
        size = sum(p.stat().st_size for p in content.rglob("*") if p.is_file())
        print(f"tree: {args.files} files, {size / 1e6:.1f} MB, jobs={args.jobs}, select={args.select}")
        runs = {}
        runs["no cache"] = timed([*flags, "--no-cache"], work)
        shutil.rmtree(work / ".newslint_cache", ignore_errors=True)
        runs["cold"] = timed(flags, work)
        runs["warm"] = timed(flags, work)
        now = time.time()
        for p in content.rglob("*"):
            os.utime(p, (now + 100, now + 100))
        runs["checkout"] = timed(flags, work)
        victim = next(content.rglob("*.md"))
        victim.write_text(victim.read_text("utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
        runs["one edit"] = timed(flags, work)
        cold = runs["cold"][0]
        for label, (seconds, data) in runs.items():
            print(f"{label:<10} {seconds:7.2f} s  {seconds / cold:6.1%} of cold  "
                  f"{args.files / seconds:8.0f} files/s  ({len(data['findings'])} findings)")
        same = {label: len(d[1]["findings"]) for label, d in runs.items() if label != "one edit"}
        if len(set(same.values())) != 1:
            print(f"WARNING: finding counts differ between runs: {same}")
        entries = sum(1 for _ in (work / ".newslint_cache").rglob("*") if _.is_file())
        cache_size = sum(p.stat().st_size for p in (work / ".newslint_cache").rglob("*") if p.is_file())
        print(f"cache: {entries} files, {cache_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
