"""NL5xx at corpus scale: signature speed, signature memory, reduce time, recall.

    .venv/bin/python benchmarks/bench_duplication.py [--articles 20000] [--datasketch]

(about 30 s for 20,000 articles; ``--articles 100000`` for memory at scale, about 3 min)

Builds a synthetic corpus from the sentences of the real articles in
``../shared/corpus`` (falls back to ``examples/``): each article is 25
sentences drawn at random, with 3 % of its words replaced, so articles are
distinct like a real corpus is. Then it plants

- near-duplicates: 3 % of the articles are copies of another with 2 % of
  the words changed (true Jaccard about 0.85-0.9), and
- pasted ledes: 2 % of the articles get another article's lede appended,
  as a related-story widget would.

It runs the real check: ``CorpusDuplicateCheck.signature`` on each Document
(the map side, what a worker does) and ``reduce`` on all signatures, and
prints throughput, bytes per signature, peak Python memory (tracemalloc,
which numpy reports to) of the signatures and of the reduce, and recall of
the planted pairs. ``--datasketch`` also times datasketch's MinHash on the
same shingles, for comparison. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newslint.context import build_context  # noqa: E402
from newslint.document import DocRef, TextLocator  # noqa: E402
from newslint.readers.common import build_document  # noqa: E402
from newslint.rules import REGISTRY  # noqa: E402
from newslint.rules.duplication_corpus import CorpusDuplicateCheck  # noqa: E402
from newslint.settings import FieldMapping, build_settings  # noqa: E402

SOURCES = [ROOT.parent / "shared" / "corpus" / "real-extracted.jsonl",
           ROOT.parent / "shared" / "corpus" / "real-dirty.jsonl",
           ROOT / "examples" / "corpus.jsonl"]


def sentence_pool() -> list[str]:
    """Sentences as newslint cuts them, so a drawn sentence stays one sentence."""
    from newslint.rules.duplication_text import sentence_spans

    pool: set[str] = set()
    for path in SOURCES:
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            body = json.loads(line).get("body") or ""
            for para in body.split("\n"):
                for s, e in sentence_spans(para):
                    sent = para[s:e]
                    if 8 <= len(sent.split()) <= 60 and sent[-1] in ".!?":
                        pool.add(sent)
    return sorted(pool)


def mutate(text: str, rate: float, rnd: random.Random) -> str:
    words = text.split(" ")
    for i in range(len(words)):
        if rnd.random() < rate:
            words[i] = f"w{rnd.randrange(10**7)}"
    return " ".join(words)


def build(n: int, seed: int = 1):
    rnd = random.Random(seed)
    pool = sentence_pool()
    bodies: list[str] = []
    for _ in range(n):
        # one unique word per sentence: real articles rarely share a sentence
        sents = [mutate(rnd.choice(pool), 0.03, rnd) + f" u{rnd.randrange(10**9)}." for _ in range(25)]
        paras = [" ".join(sents[i:i + 3]) for i in range(0, 25, 3)]
        bodies.append("\n\n".join(paras))
    near: list[tuple[int, int]] = []
    pasted: list[tuple[int, int]] = []
    ids = list(range(n))
    rnd.shuffle(ids)
    k = int(n * 0.03)
    for a, b in zip(ids[:k], ids[k:2 * k]):  # b becomes a light edit of a (true J ~0.65-0.97)
        bodies[b] = mutate(bodies[a], rnd.uniform(0.003, 0.04), rnd)
        near.append((min(a, b), max(a, b)))
    m = int(n * 0.02)
    for a, b in zip(ids[2 * k:2 * k + m], ids[2 * k + m:2 * k + 2 * m]):  # a gets b's lede
        bodies[a] += "\n\nRelated\n\n" + bodies[b].split("\n\n")[0]
        pasted.append((a, b))
    return bodies, near, pasted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--datasketch", action="store_true", help="also time datasketch MinHash")
    args = ap.parse_args()

    t0 = time.perf_counter()
    bodies, near, pasted = build(args.articles)
    chars = sum(len(b) for b in bodies) / len(bodies)
    print(f"corpus: {len(bodies)} articles, {chars:.0f} chars/article on average, "
          f"{len(near)} planted near-duplicate pairs, {len(pasted)} pasted ledes "
          f"(built in {time.perf_counter() - t0:.1f} s)")

    settings, _ = build_settings({"select": ["NL5"]}, {}, "bench")
    ctx = build_context(settings, REGISTRY)
    chk = CorpusDuplicateCheck()
    mapping = FieldMapping()

    def doc(i: int):
        body = bodies[i]
        return build_document(path="bench.jsonl", fmt="jsonl", raw={"id": f"a{i}", "title": f"T{i}", "body": body},
                              mapping=mapping, locator_factory=lambda pm: TextLocator(body), record=i + 1)

    chk.signature(doc(0), ctx)  # warm up: numpy, character tables

    # map: CPU time of the signatures alone (Documents are built beforehand)
    items = []
    cpu = 0.0
    for start in range(0, len(bodies), 2000):
        docs = [doc(i) for i in range(start, min(start + 2000, len(bodies)))]
        t0 = time.process_time()
        sigs = [chk.signature(d, ctx) for d in docs]
        cpu += time.process_time() - t0
        items.extend((DocRef("bench.jsonl", "jsonl", d.ref.record, None, d.ref.article_id, d.ref.key), sig)
                     for d, sig in zip(docs, sigs))
        del docs
    n = len(items)
    print(f"map:    signature {cpu / n * 1e6:.0f} µs CPU/article = {n / cpu:,.0f} articles/s per core "
          "(reading the file and building the Document not included)")

    # reduce: CPU time, then memory in a second run under tracemalloc (which slows allocation)
    t0 = time.process_time()
    hits = list(chk.reduce(items, ctx))
    dt = time.process_time() - t0
    print(f"reduce: {dt:.2f} s CPU for {n} articles ({n / dt:,.0f} articles/s)")

    sig_bytes = sum(len(sig) for _, sig in items if sig)
    sig_objects = sum(sys.getsizeof(sig) for _, sig in items if sig)
    payload = [sig for _, sig in items]
    del items
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    held = [(DocRef("bench.jsonl", "jsonl", i + 1, None, f"a{i}", f"id:a{i}"), sig) for i, sig in enumerate(payload)]
    ref_mem = tracemalloc.get_traced_memory()[0] - base
    del payload
    gc.collect()
    peaks = []
    for part in (held[: n // 2], held):  # two sizes: the slope is the cost per article
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        list(chk.reduce(part, ctx))
        peaks.append(tracemalloc.get_traced_memory()[1] - before)
    tracemalloc.stop()
    slope = (peaks[1] - peaks[0]) / (n - n // 2)
    print(f"memory: signature payload {sig_bytes / n:.0f} B/article, as bytes objects {sig_objects / n:.0f} B; "
          f"the engine's (DocRef, sig) pair and strings {ref_mem / n:.0f} B")
    print(f"        reduce peak {peaks[1] / 2**20:.1f} MiB for {n} articles, {slope:.0f} B per extra article")
    if n < 50000:
        print("        (the reduce sorts sentences in partitions of 2**18; below ~50,000 articles the slope "
              "still includes whole-corpus temporaries: use --articles 100000 for the figure at scale)")
    print(f"        x 1,000,000 articles: {sig_objects / n * 1e6 / 2**20:,.0f} MiB of signatures held, "
          f"+{slope * 1e6 / 2**20:,.0f} MiB at the reduce peak (plus ~{ref_mem / n * 1e6 / 2**20:,.0f} MiB "
          f"of DocRefs the engine keeps for every corpus check)")

    from newslint.minhash import Tokens

    def jaccard(x: int, y: int) -> float:
        p, q = set(Tokens(bodies[x]).shingles().tolist()), set(Tokens(bodies[y]).shingles().tolist())
        return len(p & q) / len(p | q)

    threshold = ctx.opts(chk).similarity_threshold
    got_near = set()
    for ref, h in hits:
        if h.code == "NL511":
            later, other = int(ref.article_id[1:]), int(re.search(r"near-duplicate of a(\d+)", h.message).group(1))
            got_near.add((min(later, other), max(later, other)))
    true_j = {pair: jaccard(*pair) for pair in near}
    extra = {pair: jaccard(*pair) for pair in got_near - set(near)}
    print(f"NL511:  planted pairs found, by true Jaccard (threshold {threshold}):")
    edges = [0.0, threshold - 0.1, threshold - 0.05, threshold, threshold + 0.05, threshold + 0.1, 1.01]
    for lo, hi in zip(edges, edges[1:]):
        group = [p for p, j in true_j.items() if lo <= j < hi]
        if group:
            found = sum(p in got_near for p in group)
            print(f"          J in [{lo:.2f}, {min(hi, 1):.2f}): {found}/{len(group)} reported")
    print(f"        other pairs reported: {len(extra)}"
          + (f" (true J {min(extra.values()):.2f}-{max(extra.values()):.2f})" if extra else ""))
    got_paste = set()
    for ref, h in hits:
        if h.code == "NL510":
            got_paste.add((int(ref.article_id[1:]), int(re.search(r"pasted from a(\d+)", h.message).group(1))))
    print(f"NL510:  {len(got_paste & set(pasted))}/{len(pasted)} pasted ledes found, "
          f"{len(got_paste - set(pasted))} other pairs reported")

    if args.datasketch:
        from datasketch import MinHash

        from newslint.minhash import Tokens, sketch

        sample = bodies[:1000]
        shingle_sets = []
        t0 = time.perf_counter()
        for b in sample:
            shingle_sets.append(Tokens(b).shingles())
        t_sh = (time.perf_counter() - t0) / len(sample)
        t0 = time.perf_counter()
        for sh in shingle_sets:
            sketch(sh)
        t_ours = (time.perf_counter() - t0) / len(sample)
        t0 = time.perf_counter()
        for sh in shingle_sets:
            m = MinHash(num_perm=128)
            m.update_batch([int(x).to_bytes(8, "little") for x in sh])
        t_ds = (time.perf_counter() - t0) / len(sample)
        print(f"minhash: shingling {t_sh * 1e6:.0f} µs; sketch (OPH, 128 x 8 bit = 128 B) {t_ours * 1e6:.0f} µs; "
              f"datasketch MinHash(128) update_batch {t_ds * 1e6:.0f} µs and 1024 B per signature")


if __name__ == "__main__":
    main()
