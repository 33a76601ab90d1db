"""Language identification: accuracy and cost of the sampling NL7xx uses.

Run from the repository root::

    .venv/bin/python benchmarks/bench_language.py [--corpus ../shared/corpus] [--repeat 3]

For every article of the dev corpus (``real-dirty.jsonl``: whole pages with
their chrome; ``real-extracted.jsonl``: four extractors' output) it compares
ways of choosing the text langdetect reads:

* ``full``      the whole body (langdetect reads at most 10,000 characters);
* ``head500``   the first 500 characters of the body;
* ``sample``    the prose sample the rule uses (lines that look like prose,
                600 characters in 3 windows spread over the body);
* ``rule``      what NL701 actually does: the cheap function-word test on the
                sample, langdetect only when it cannot settle the question,
                and a wider sample to confirm a difference.

Accuracy is agreement with the declared ``lang`` (the corpus declares the
right language). Recall is measured by declaring a wrong language (``en`` for
non-English articles, ``de`` for English ones) and counting how often NL701
fires. Prints ms/article, articles/s and peak memory (RSS, and Python heap
from tracemalloc) for the rule.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newslint.context import build_context  # noqa: E402
from newslint.langid import base_lang, detect, warm  # noqa: E402
from newslint.readers import read_file  # noqa: E402
from newslint.rules import REGISTRY  # noqa: E402
from newslint.rules import language as L  # noqa: E402
from newslint.settings import FieldMapping, build_settings  # noqa: E402


def load(corpus: Path):
    docs = []
    for name in ("real-dirty.jsonl", "real-extracted.jsonl"):
        for item in read_file(str(corpus / name), name, "jsonl", FieldMapping()):
            if hasattr(item, "article"):
                docs.append((name, item))
    return docs


def prose_sample(doc, opts) -> str:
    return L._clean(L.sample(L.prose_lines(doc, opts.min_line_chars), opts.sample_chars, opts.windows))


#: English page chrome of the kind non-English sites carry (written for this benchmark).
BANNER = (
    "We use cookies and similar technologies to improve your experience on our website, to "
    "personalise content and advertising, and to analyse our traffic. You can change your settings "
    "at any time by visiting the privacy centre linked at the bottom of every page.\n"
    "By clicking accept you agree to the storing of cookies on your device to enhance site "
    "navigation, analyse site usage and assist in our marketing efforts across the web.\n"
    "Subscribe to our newsletter to get the latest news, analysis and opinion delivered to your "
    "inbox every morning, and follow us on social media for updates throughout the day.\n"
)


def with_banner(doc):
    from dataclasses import replace

    from newslint.readers.textview import plain_view

    body = BANNER + doc.body
    prose, lines = plain_view(body)
    return replace(doc, body=body, prose=prose, lines=lines)


def with_lang(doc, lang: str):
    from dataclasses import replace

    return replace(doc, article=doc.article.model_copy(update={"lang": lang}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3, help="timing repetitions (best is kept)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    warm()
    print(f"langdetect profiles loaded in {time.perf_counter() - t0:.2f} s")
    docs = load(args.corpus)
    settings, _ = build_settings({"select": ["NL701"]}, {}, "bench")
    ctx = build_context(settings, REGISTRY)
    check = L.LanguageCheck()
    opts = ctx.opts(check)
    langs = sorted({base_lang(d.article.lang) for _, d in docs})
    print(f"{len(docs)} articles ({', '.join(langs)}) from {args.corpus}\n")

    def best_time(fn) -> float:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    strategies = {
        "full": lambda d: d.body,
        "head500": lambda d: d.body[:500],
        "sample": lambda d: prose_sample(d, opts),
    }
    print(f"{'strategy':<10} {'accuracy':>9} {'errors':>7} {'ms/article':>11}  by file")
    for name, pick in strategies.items():
        texts = [pick(d) for _, d in docs]
        guesses = [detect(t) if t.strip() else None for t in texts]
        ok = [g is not None and base_lang(g.lang) == base_lang(d.article.lang) for g, (_, d) in zip(guesses, docs)]
        secs = best_time(lambda: [detect(t) for t in texts if t.strip()])
        per_file = {}
        for good, (fname, _) in zip(ok, docs):
            per_file.setdefault(fname, []).append(good)
        files = ", ".join(f"{f.split('.')[0]} {sum(v)}/{len(v)}" for f, v in per_file.items())
        print(f"{name:<10} {sum(ok) / len(ok):>9.1%} {len(ok) - sum(ok):>7} {secs / len(docs) * 1000:>11.2f}  {files}")
        for good, g, (fname, d) in zip(ok, guesses, docs):
            if not good:
                print(f"{'':<10}   miss: {d.article.id} declared {d.article.lang}, got {g}")

    # Stress: non-English articles with ~600 characters of English chrome on top.
    foreign = [with_banner(d) for _, d in docs if base_lang(d.article.lang) != "en"]
    print(f"\nwith an English cookie/newsletter banner on top of the {len(foreign)} non-English articles:")
    for name, pick in strategies.items():
        ok = 0
        for d in foreign:
            g = detect(pick(d))
            ok += g is not None and g.base == base_lang(d.article.lang)
        print(f"{name:<10} {ok / len(foreign):>9.1%} {len(foreign) - ok:>7}")
    banner_alarms = sum(1 for d in foreign for h in check.check(d, ctx) if h.code == "NL701")
    print(f"{'rule':<10} {1 - banner_alarms / len(foreign):>9.1%} {banner_alarms:>7}  (NL701 false alarms)")

    # The rule itself: false alarms on correctly declared articles, recall on wrong ones.
    def run_rule(items):
        return [list(check.check(d, ctx)) for d in items]

    right = [d for _, d in docs]
    wrong = [with_lang(d, "de" if base_lang(d.article.lang) == "en" else "en") for d in right]
    calls = {"n": 0}
    real = ctx.services.detect_language

    def counting(text):
        calls["n"] += 1
        return real(text)

    ctx.services.__dict__["detect_language"] = counting
    hits_right = run_rule(right)
    langdetect_calls = calls["n"]
    hits_wrong = run_rule(wrong)
    ctx.services.__dict__["detect_language"] = real
    false_alarms = sum(1 for h in hits_right if any(x.code == "NL701" for x in h))
    caught = sum(1 for h in hits_wrong if any(x.code == "NL701" for x in h))
    skipped = sum(1 for d in right
                  if sum(L._units(t) for t in L.prose_lines(d, opts.min_line_chars)) < opts.min_chars)

    tracemalloc.start()
    secs_right = best_time(lambda: run_rule(right))
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    secs_right = min(secs_right, best_time(lambda: run_rule(right)))
    secs_wrong = best_time(lambda: run_rule(wrong))
    per_article = [0.0] * len(right)
    for i, d in enumerate(right):
        start = time.perf_counter()
        list(check.check(d, ctx))
        per_article[i] = (time.perf_counter() - start) * 1000

    print("\nNL701 as shipped (function-word test, then langdetect on the sample, confirmed wider):")
    print(f"  correctly declared: {len(right)} articles, false alarms {false_alarms}, "
          f"too short to judge {skipped}, langdetect called {langdetect_calls} times")
    print(f"  wrongly declared:   caught {caught}/{len(wrong) - skipped} ({caught / max(1, len(wrong) - skipped):.1%})")
    print(f"  time, correct lang: {secs_right / len(right) * 1000:.3f} ms/article "
          f"(median {statistics.median(per_article):.3f}, max {max(per_article):.2f}) "
          f"= {len(right) / secs_right:,.0f} articles/s")
    print(f"  time, wrong lang:   {secs_wrong / len(wrong) * 1000:.3f} ms/article "
          f"= {len(wrong) / secs_wrong:,.0f} articles/s")

    # NL702 over the same articles: how many paragraphs are flagged.
    settings, _ = build_settings({"select": ["NL701", "NL702"]}, {}, "bench")
    ctx2 = build_context(settings, REGISTRY)
    secs_both = best_time(lambda: [list(check.check(d, ctx2)) for d in right])
    flagged = [(d, h) for d in right for h in check.check(d, ctx2) if h.code == "NL702"]
    print(f"\nNL701+NL702: {secs_both / len(right) * 1000:.3f} ms/article = {len(right) / secs_both:,.0f} articles/s; "
          f"{len(flagged)} paragraphs flagged in {len({id(d) for d, _ in flagged})} articles")
    for d, h in flagged[:12]:
        print(f"  {d.article.id} [{d.article.lang}] {h.message}: {d.body[h.start:h.end][:70]!r}")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\npeak memory: RSS {rss / 1024:.0f} MB (langdetect profiles included), "
          f"Python heap during the NL701 run {heap_peak / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
