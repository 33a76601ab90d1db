"""NL201–NL210 line residue: the per-article cost of the line rules, on real bodies.

    .venv/bin/python benchmarks/bench_residue.py [--repeat 20] [--profile real|clean] [--select NL201 NL202]

Two article sets, built once as Documents (reading and line splitting are
shared by every rule and are not what is measured):

- ``real``: the 184 articles of ``../shared/corpus/real-extracted.jsonl``
  as four extractors stored them (mean body 3.6 KB, some residue in them);
- ``clean``: the same articles with only their article-text lines (label 0
  in ``labels/extractor-lines.jsonl``), cut to about 3.4 KB at a line
  boundary — what a linter mostly sees in a tidy content repository.

For each set it runs ``LineResidueCheck.check`` (NL201–NL209) and the map
side of NL210 (``BoilerplateCheck.signature``) ``--repeat`` times after one
warm-up pass (which compiles the lexicon programs, as a real run does once
per process) and prints articles/s, µs per article (CPU time of the process,
best of three runs, so other load on the machine counts less), µs per 3.5 KB
of body, findings per pass and peak Python memory during one pass
(tracemalloc, on a separate pass so it does not slow the timing). ``--profile SET`` prints the
top of a cProfile of that set instead. ``--select`` enables only some codes (the
line check then does only the work they need: ``--select NL201 NL202`` is the
basic path's share). A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newslint.context import build_context  # noqa: E402
from newslint.document import TextLocator  # noqa: E402
from newslint.readers.common import build_document  # noqa: E402
from newslint.rules import REGISTRY  # noqa: E402
from newslint.rules.residue_boilerplate import BoilerplateCheck  # noqa: E402
from newslint.rules.residue_lines import LineResidueCheck  # noqa: E402
from newslint.settings import FieldMapping, build_settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _document(raw: dict, i: int):
    body = raw.get("body") or ""
    return build_document(path="bench.jsonl", fmt="jsonl", raw=raw, mapping=FieldMapping(),
                          locator_factory=lambda pm, body=body: TextLocator(body), record=i + 1)


def real_articles(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "real-extracted.jsonl").open(encoding="utf-8")]


def clean_articles(corpus: Path, size: int = 3400) -> list[dict]:
    """Article-text lines only, cut to about ``size`` characters at a line boundary."""
    out = []
    for raw in (corpus / "labels" / "extractor-lines.jsonl").open(encoding="utf-8"):
        row = json.loads(raw)
        kept, total = [], 0
        for line in row["lines"]:
            if line["label"] == 0 and line.get("kind") != "title":
                kept.append(line["text"])
                total += len(line["text"]) + 1
                if total >= size:
                    break
        if total >= size * 0.8:
            out.append(dict(row["article"], body="\n".join(kept)))
    return out


def measure(name: str, docs, ctx, checks, repeat: int, profile: bool) -> None:
    line_check, boiler = checks
    chars = sum(len(d.body) for d in docs)
    for d in docs:
        d.lines  # noqa: B018 — line splitting is shared by every rule: not measured

    sign = "NL210" in ctx.enabled  # the map side of NL210, when it is selected

    def one_pass() -> int:
        n = 0
        for d in docs:
            for _ in line_check.check(d, ctx):
                n += 1
            if sign:
                boiler.signature(d, ctx)
        return n

    def lines_only() -> None:
        for d in docs:
            for _ in line_check.check(d, ctx):
                pass

    t0 = time.process_time()
    findings = one_pass()
    first = time.process_time() - t0
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for _ in range(repeat):
            one_pass()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return

    best, best_lines = float("inf"), float("inf")
    for _ in range(3):  # best of three runs of ``repeat`` passes: less noise from the machine
        t0 = time.process_time()
        for _ in range(repeat):
            one_pass()
        best = min(best, (time.process_time() - t0) / repeat)
        t0 = time.process_time()
        for _ in range(repeat):
            lines_only()
        best_lines = min(best_lines, (time.process_time() - t0) / repeat)

    tracemalloc.start()
    one_pass()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    n = len(docs)
    print(f"{name}: {n} articles, mean body {chars / n / 1000:.1f} KB, first pass {first * 1000:.0f} ms")
    codes = ",".join(sorted(ctx.enabled)) if len(ctx.enabled) < 4 else "NL201-NL210"
    print(f"  {codes}: {n / best:,.0f} articles/s, {best / n * 1e6:.1f} µs/article, "
          f"{best / chars * 3500 * 1e6:.1f} µs per 3.5 KB")
    if sign:
        print(f"  of which NL201-NL209 check: {best_lines / n * 1e6:.1f} µs/article, "
              f"NL210 signature: {(best - best_lines) / n * 1e6:.1f} µs/article")
    print(f"  findings per pass: {findings}; peak Python memory during a pass: {peak / 1024:.0f} KiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder with real-extracted.jsonl and labels/")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--profile", choices=("real", "clean"))
    ap.add_argument("--select", nargs="+", default=["NL2"], help="codes to enable (default NL2)")
    args = ap.parse_args()

    settings, _ = build_settings({"select": args.select}, {}, "bench")
    ctx = build_context(settings, REGISTRY)
    checks = (next(c for c in REGISTRY.checks if isinstance(c, LineResidueCheck)),
              next(c for c in REGISTRY.corpus_checks if isinstance(c, BoilerplateCheck)))
    sets = {"real": real_articles(args.corpus)}
    if (args.corpus / "labels" / "extractor-lines.jsonl").is_file():
        sets["clean"] = clean_articles(args.corpus)
    for name, raws in sets.items():
        if args.profile and name != args.profile:
            continue
        docs = [_document(raw, i) for i, raw in enumerate(raws)]
        measure(name, docs, ctx, checks, args.repeat, bool(args.profile))


if __name__ == "__main__":
    main()
