"""NL510/NL511 — text shared between articles of the corpus, from small signatures.

The map side turns each article into one ``bytes`` signature, with no text:

============  ==========================  =================================
bytes         what                        used by
============  ==========================  =================================
15            header: flags, number of    both; the title hashes NL511
              body sentences, lede range,
              hashes of the title and of
              its numbers-masked template
128           MinHash sketch: 128 slots   NL511 near-duplicates
              of 8 bits (one-permutation
              hashing, ``newslint/minhash.py``)
4 per         32-bit hash of each         NL510 pasted text (sorted on)
sentence      sentence of 6+ words (body,
              then summary)
1 per         8 more bits of that hash    NL510 (checked on a match)
sentence
1 per         its word count (<= 255)     NL510 (checked, and weighed)
sentence
============  ==========================  =================================

A 3.4 KB article has about 25 such sentences: 15 + 128 + 150 = 293 bytes,
plus 33 bytes of ``bytes`` overhead, about 300 MiB for a million articles
(``benchmarks/bench_duplication.py`` measures it; the engine's
``(DocRef, signature)`` pairs add their own ~290 bytes). Sentence offsets
are not stored: when a finding is reported, the engine re-reads that one
article and :meth:`CorpusDuplicateCheck.locate` cuts it into sentences
again.

Reduce, one part at a time (the sketches, then the sentence hashes, are
copied into flat arrays; at no time are both held):

- **NL511**: LSH banding over the sketches, built below the reported
  threshold (:func:`newslint.minhash.banding`: a pair *at* the threshold is
  a candidate with probability 0.995, where classic banding finds ~63 %);
  each band's candidates are verified on the full sketch. Each article is
  reported once, against its most similar earlier article. Two articles of
  a numbered series (titles that differ only in their numbers: "Jekyll
  1.1.2 Released", "Jekyll 1.0.4 Released") are not reported.
- **NL510**: the sentence hashes are sorted in partitions as one
  ``hash << 32 | position`` array (about 10 bytes per sentence in flight);
  a hash found in 2 to ``max_articles_per_sentence`` articles links them.
  An article's lede is its first paragraph of 20 words or more in its
  opening (before its first section heading). Only links that put an
  opening sentence of B (its lede or summary) in
  A's body, outside A's own lede, make a candidate pair, so chrome shared by
  a whole site never expands into its n² pairs; each candidate is judged on
  all the sentences the two share. Two sentences match when 32 hash bits,
  8 check bits and the word count agree (about 45 bits): a million
  articles make some 5·10^13 pairs of a sentence and a lede sentence, so
  about one chance match is expected there, and it becomes a finding only
  if that one sentence is 60 % of a lede of ``min_shared_words`` words.
"""

from __future__ import annotations

import bisect
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..document import DocRef, Document
from ..model import Severity
from .base import CorpusCheck, Hit, Rule
from .duplication_text import paragraphs, sentence_spans

PASTED_ARTICLE = Rule(
    code="NL510",
    name="pasted-article",
    severity=Severity.WARNING,
    summary="The body contains the lede, summary or most of the text of another article of the corpus.",
    why=(
        "Related-article widgets, \"read more\" teasers and careless copy-paste put other "
        "stories inside an article: the scraped page of one story then carries the lede, or "
        "the whole text, of three others. Search indexes match the wrong article, summaries "
        "mix stories, and a training corpus counts the same text twice. The finding names "
        "the other article (id and path:record) and says how much of it is repeated. The "
        "other article's opening (its lede, or its whole summary) must be there and must not "
        "be this article's own opening: text shared without it is site chrome, and two "
        "articles that open alike are the same story (NL511). Sentences are compared by "
        "hash, so it scales to millions of articles; a sentence in more than "
        "`max_articles_per_sentence` (50) articles is boilerplate, and a paste must repeat "
        "`min_shared_words` (20) words."
    ),
    fires=(
        "record 1 body: \"…our story.\\n\\nJD.com, also known as JINGDONG, a NASDAQ-listed "
        "Chinese e-commerce giant, is understood to be making plans…\"; record 2 is that "
        "JD.com article"
    ),
    quiet="two articles on the same topic that share no sentence, or share only a cookie banner",
)

NEAR_DUPLICATE = Rule(
    code="NL511",
    name="near-duplicate-article",
    severity=Severity.WARNING,
    summary="The article is a near-duplicate of another article of the corpus (MinHash over word 5-grams).",
    why=(
        "The same story scraped twice, republished under a new URL, or stored by two "
        "extractors is counted twice by every downstream use: it skews search results and "
        "statistics, and duplicated training text is memorised. Articles are compared by "
        "the Jaccard similarity of their word 5-gram sets (`shingle_words`; character "
        "5-grams in scripts written without spaces), estimated from 128-slot MinHash "
        "sketches to about ±0.035, so pairs within 0.05 of `similarity_threshold` (0.8) "
        "can go either way. Candidates come from an LSH index built below the threshold "
        "and are verified on the full sketch. The later article (in path and record order) "
        "is reported, against its most similar earlier one, with the estimate. Bodies "
        "under `min_words` (50) words are not compared. Posts of a numbered series, whose "
        "titles differ only in their numbers (\"Release 1.1.2\", \"Release 1.0.4\"), are "
        "written from one template on purpose and are not reported against each other; "
        "the price is that a story republished with only a changed figure in its headline "
        "is missed too."
    ),
    fires="the same story twice, with a changed sentence and a different byline",
    quiet="two different stories about the same event",
)


class CorpusOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: NL511: report pairs whose estimated Jaccard similarity is at least this.
    similarity_threshold: float = Field(0.8, ge=0.5, le=1.0)
    #: NL511: shingle length in words (characters for scripts without spaces).
    shingle_words: int = Field(5, ge=1, le=16)
    #: NL511: bodies with fewer words are not compared (too short to judge).
    min_words: int = Field(50, ge=5)
    #: NL510: only sentences this long are hashed.
    min_sentence_words: int = Field(6, ge=3, le=255)
    #: NL510: a paste must repeat at least this many words of the other article.
    min_shared_words: int = Field(20, ge=5)
    #: NL510: a sentence found in more articles than this is boilerplate.
    max_articles_per_sentence: int = Field(50, ge=2)


_HEADER = struct.Struct("<BHHHII")  # flags, body sentences, lede first, lede end, title, template
_HAS_SKETCH = 1
_SKETCH_BYTES = 128
_LEDE_WORDS = 20  # the lede is the first paragraph with this many words
_CHUNK = 1 << 14  # signatures decoded per step
_PER_SENTENCE = 6  # bytes: hash (4), check (1), words (1)
_TITLE_WORD = re.compile(r"[^\W_]+")


def title_keys(title: str | None) -> tuple[int, int]:
    """Stable 32-bit hashes of a title and of its template (numbers masked).

    "Jekyll 1.1.2 Released" and "Jekyll 1.0.4 Released" have different
    titles and one template, ``jekyll # released``: posts of a series.
    """
    words = _TITLE_WORD.findall((title or "").casefold())
    template: list[str] = []
    for w in words:
        w = "#" if any(ch.isdigit() for ch in w) else w
        if not (w == "#" and template and template[-1] == "#"):
            template.append(w)
    return (zlib.crc32(" ".join(words).encode("utf-8")),
            zlib.crc32(" ".join(template).encode("utf-8")))


@dataclass(frozen=True, slots=True)
class SentenceSpanHit(Hit):
    """A hit that knows sentence indices only; :meth:`locate` turns them into offsets."""

    first: int = 0
    last: int = 0


@dataclass(slots=True)
class _Table:
    """The hashed sentences of one text (body, then summary)."""

    hashes: Any  # np.ndarray[uint32]
    checks: Any  # np.ndarray[uint8]: 8 more bits of each sentence's hash
    words: Any  # np.ndarray[uint8]
    spans: list[tuple[int, int]]  # body offsets of the body sentences
    lede: tuple[int, int]
    tokens: Any


def _sentences(doc: Document, min_words: int) -> _Table:
    import numpy as np

    from ..minhash import Tokens

    tok = Tokens(doc.prose)
    spans: list[tuple[int, int]] = []
    para_of: list[int] = []
    paras = paragraphs(doc)
    cuts = tok.cuts.tolist()
    for pi, p in enumerate(paras):
        lo, hi = bisect.bisect_right(cuts, p.start), bisect.bisect_left(cuts, p.end)
        for s, e in sentence_spans(p.text, [c - p.start for c in cuts[lo:hi]]):
            spans.append((p.start + s, p.start + e))
            para_of.append(pi)
    if spans:
        arr = np.asarray(spans, dtype=np.int64)
        i = np.searchsorted(tok.starts, arr[:, 0], side="left")
        j = np.searchsorted(tok.starts, arr[:, 1], side="left")
        n = j - i
        keep = n >= min_words
        hashes, checks = _split_hash(tok.span_hash(i[keep], j[keep]))
        words = np.minimum(n[keep], 255).astype(np.uint8)
        kept = np.flatnonzero(keep)
        spans = [spans[k] for k in kept.tolist()]
        para_of = [para_of[k] for k in kept.tolist()]
        # the lede: sentences of the first paragraph with enough words
        pw = np.bincount(np.asarray(para_of, dtype=np.int64), weights=words, minlength=len(paras)) \
            if para_of else np.zeros(0)
        long_paras = np.flatnonzero(pw >= _LEDE_WORDS)
        long_paras = long_paras[long_paras < _opening_end(paras)]
        lede = (0, 0)
        if long_paras.size:
            lp = int(long_paras[0])
            idx = [k for k, q in enumerate(para_of) if q == lp]
            lede = (idx[0], idx[-1] + 1)
    else:
        hashes = np.empty(0, dtype=np.uint32)
        checks = words = np.empty(0, dtype=np.uint8)
        lede = (0, 0)
    return _Table(hashes, checks, words, spans, lede, tok)


def _opening_end(paras) -> int:
    """Index of the first paragraph after the article's opening: the first
    section heading that follows some text (a heading standing first, the
    title repeated, does not end it). A lede is looked for only before it, so
    a reference page of short lines and headings has none, rather than one
    taken from a note deep inside it."""
    seen_text = False
    for i, p in enumerate(paras):
        if p.kind == "heading":
            if seen_text:
                return i
        else:
            seen_text = True
    return len(paras)


def _split_hash(full):
    """A 64-bit sentence hash → the 32 bits that are sorted on, and 8 check bits."""
    import numpy as np

    return ((full >> np.uint64(32)).astype(np.uint32),
            ((full >> np.uint64(24)) & np.uint64(0xFF)).astype(np.uint8))


def _summary(text: str, min_words: int):
    import numpy as np

    from ..minhash import Tokens

    tok = Tokens(text)
    spans = sentence_spans(text, tok.cuts.tolist())
    if not spans or not len(tok):
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint8), np.empty(0, dtype=np.uint8)
    arr = np.asarray(spans, dtype=np.int64)
    i = np.searchsorted(tok.starts, arr[:, 0], side="left")
    j = np.searchsorted(tok.starts, arr[:, 1], side="left")
    keep = (j - i) >= min_words
    hashes, checks = _split_hash(tok.span_hash(i[keep], j[keep]))
    return hashes, checks, np.minimum((j - i)[keep], 255).astype(np.uint8)


@dataclass(slots=True)
class _Corpus:
    """Every signature decoded into flat arrays (no Python object per article)."""

    body: Any  # sentences of each article's body
    lede_lo: Any
    lede_hi: Any
    first: Any  # offset of each article's sentences in ``hashes``/``words``
    count: Any
    hashes: Any  # uint32, all articles' sentences, article after article
    checks: Any  # uint8
    words: Any  # uint8
    sketch_rows: Any  # article index of each sketch row
    sketches: Any  # uint8 (rows x 128)
    titles: Any  # uint32 hash of each article's title
    templates: Any  # uint32 hash of each article's title with its numbers masked

    @classmethod
    def decode(cls, sigs: list[bytes], sketches: bool = True, sentences: bool = True) -> "_Corpus":
        """Decode in chunks: C-level joins of slices, no per-article numpy call."""
        import numpy as np

        n = len(sigs)
        head_dtype = np.dtype([("flags", "u1"), ("body", "<u2"), ("lo", "<u2"), ("hi", "<u2"),
                               ("title", "<u4"), ("template", "<u4")])
        size = np.fromiter(map(len, sigs), dtype=np.int64, count=n)
        head = np.empty(n, dtype=head_dtype)
        for c0 in range(0, n, _CHUNK):
            part = sigs[c0:c0 + _CHUNK]
            head[c0:c0 + len(part)] = np.frombuffer(b"".join([sig[:_HEADER.size] for sig in part]), head_dtype)
        has = (head["flags"] & _HAS_SKETCH).astype(bool)
        start = _HEADER.size + _SKETCH_BYTES * has  # where each article's sentences begin
        count = (size - start) // _PER_SENTENCE
        first = np.zeros(n, dtype=np.int64)
        np.cumsum(count[:-1], out=first[1:])
        rows = np.flatnonzero(has)
        sketch_matrix = np.empty((rows.size if sketches else 0, _SKETCH_BYTES), dtype=np.uint8)
        total = int(count.sum()) if sentences else 0
        hashes = np.empty(total, dtype="<u4")
        checks = np.empty(total, dtype=np.uint8)
        words = np.empty(total, dtype=np.uint8)
        row = 0
        for c0 in range(0, n, _CHUNK):
            part = sigs[c0:c0 + _CHUNK]
            if sketches:
                got = [sig[_HEADER.size:_HEADER.size + _SKETCH_BYTES]
                       for sig, h in zip(part, has[c0:c0 + _CHUNK].tolist()) if h]
                sketch_matrix[row:row + len(got)] = np.frombuffer(b"".join(got), np.uint8).reshape(-1, _SKETCH_BYTES)
                row += len(got)
            if sentences:
                st = start[c0:c0 + _CHUNK].tolist()
                ct = count[c0:c0 + _CHUNK].tolist()
                f0 = int(first[c0])
                f1 = f0 + sum(ct)
                hashes[f0:f1] = np.frombuffer(b"".join([sig[a:a + 4 * m] for sig, a, m in zip(part, st, ct)]), "<u4")
                checks[f0:f1] = np.frombuffer(
                    b"".join([sig[a + 4 * m:a + 5 * m] for sig, a, m in zip(part, st, ct)]), np.uint8)
                words[f0:f1] = np.frombuffer(
                    b"".join([sig[a + 5 * m:a + 6 * m] for sig, a, m in zip(part, st, ct)]), np.uint8)
        return cls(
            body=head["body"].astype(np.int32), lede_lo=head["lo"].astype(np.int32),
            lede_hi=head["hi"].astype(np.int32), first=first, count=count,
            hashes=hashes, checks=checks, words=words, sketch_rows=rows, sketches=sketch_matrix,
            titles=head["title"], templates=head["template"],
        )

    def words_of(self, a: int) -> list[int]:
        f = int(self.first[a])
        return self.words[f:f + int(self.count[a])].tolist()

    def keys_of(self, a: int, stop: int | None = None) -> list[int]:
        """Each sentence as one 48-bit key: hash, check bits, word count."""
        import numpy as np

        f = int(self.first[a])
        e = f + (int(self.count[a]) if stop is None else stop)
        return ((self.hashes[f:e].astype(np.int64) << 16) | (self.checks[f:e].astype(np.int64) << 8)
                | self.words[f:e]).tolist()


def _label(ref: DocRef) -> str:
    where = ref.path + (f":{ref.record}" if ref.record else "")
    return f"{ref.article_id} ({where})" if ref.article_id else where


class CorpusDuplicateCheck(CorpusCheck):
    """NL510 and NL511 from one signature per article."""

    rules = (PASTED_ARTICLE, NEAR_DUPLICATE)
    Options = CorpusOptions

    # -- map -------------------------------------------------------------------

    def signature(self, doc, ctx):
        import numpy as np

        from .. import minhash

        opts: CorpusOptions = ctx.opts(self)
        table = _sentences(doc, opts.min_sentence_words)
        sketch = None
        if ctx.is_enabled("NL511") and len(table.tokens) >= opts.min_words:
            sketch = minhash.sketch(table.tokens.shingles(opts.shingle_words))
        n_body = min(int(table.hashes.size), 0xFFFF)
        hashes, checks, words = table.hashes[:n_body], table.checks[:n_body], table.words[:n_body]
        if ctx.is_enabled("NL510") and doc.article.summary:
            sh, sc, sw = _summary(doc.article.summary, opts.min_sentence_words)
            hashes = np.concatenate((hashes, sh))
            checks = np.concatenate((checks, sc))
            words = np.concatenate((words, sw))
        if not ctx.is_enabled("NL510"):
            hashes, checks, words, n_body = hashes[:0], checks[:0], words[:0], 0
        if sketch is None and not hashes.size:
            return None
        head = _HEADER.pack(_HAS_SKETCH if sketch else 0, n_body, *table.lede, *title_keys(doc.article.title))
        return b"".join((head, sketch or b"", hashes.astype("<u4").tobytes(), checks.tobytes(), words.tobytes()))

    def locate(self, hit, doc, ctx):
        if not isinstance(hit, SentenceSpanHit):
            return hit
        opts: CorpusOptions = ctx.opts(self)
        spans = _sentences(doc, opts.min_sentence_words).spans
        if hit.last >= len(spans):  # the file changed between map and reduce
            return Hit(hit.code, hit.message, hit.pointer, evidence=hit.evidence)
        return Hit(hit.code, hit.message, hit.pointer, spans[hit.first][0], spans[hit.last][1])

    # -- reduce ----------------------------------------------------------------

    def reduce(self, items, ctx):
        if len(items) < 2:
            return
        opts: CorpusOptions = ctx.opts(self)
        refs = [ref for ref, _ in items]
        sigs = [sig for _, sig in items]
        out: list[tuple[DocRef, Hit]] = []
        # one part at a time, so the reduce never holds both copies
        if ctx.is_enabled("NL511"):
            out.extend(_near_duplicates(refs, _Corpus.decode(sigs, sentences=False), opts))
        if ctx.is_enabled("NL510"):
            out.extend(_pasted(refs, _Corpus.decode(sigs, sketches=False), opts))
        yield from out


def _near_duplicates(refs: list[DocRef], corpus: _Corpus, opts: CorpusOptions):
    from .. import minhash

    rows = corpus.sketch_rows
    if rows.size < 2:
        return
    pairs, sim = minhash.similar_pairs(corpus.sketches, opts.similarity_threshold)
    best: dict[int, tuple[float, int]] = {}
    count: dict[int, int] = {}
    titles, templates = corpus.titles.tolist(), corpus.templates.tolist()
    for (x, y), s in zip(pairs.tolist(), sim.tolist()):
        earlier, later = int(rows[x]), int(rows[y])  # x < y, and rows keep the items' order
        if titles[earlier] != titles[later] and templates[earlier] == templates[later]:
            continue  # two posts of a numbered series, written from one template
        count[later] = count.get(later, 0) + 1
        if later not in best or s > best[later][0] + 1e-12:
            best[later] = (s, earlier)
    for later in sorted(best):
        s, earlier = best[later]
        other = refs[earlier]
        more = count[later] - 1
        also = f"; {more} more near-duplicate{'s' if more > 1 else ''} earlier in the corpus" if more else ""
        yield refs[later], Hit(
            "NL511",
            f"near-duplicate of {_label(other)}: estimated similarity {s:.2f} "
            f"(word {opts.shingle_words}-gram Jaccard, threshold {opts.similarity_threshold:.2f}){also}",
            pointer="/body",
            evidence=f"near-duplicate-of:{other.key}",
        )


def _pasted(refs: list[DocRef], corpus: _Corpus, opts: CorpusOptions):
    pairs, boilerplate = _candidates(corpus, opts.max_articles_per_sentence)
    found: dict[int, list] = {}
    for ai, bi in pairs:
        cand = _judge(corpus, ai, bi, boilerplate, opts)
        if cand is not None:
            found.setdefault(ai, []).append((cand, bi))
    for ai in sorted(found):
        accepted: list[list] = []  # [first, last, shared words, description, also, other]
        for (lo, hi, shared, what), bi in sorted(found[ai], key=lambda c: (-c[0][2], c[1])):
            clash = next((acc for acc in accepted if lo <= acc[1] and acc[0] <= hi), None)
            if clash is not None:
                clash[4] += 1
                continue
            accepted.append([lo, hi, shared, what, 0, bi])
        for lo, hi, _shared_words, what, also, bi in accepted:
            more = f"; the same text is in {also} more article{'s' if also > 1 else ''}" if also else ""
            yield refs[ai], SentenceSpanHit(
                "NL510",
                f"text pasted from {_label(refs[bi])}: {what}{more}",
                pointer="/body",
                evidence=f"pasted-from:{refs[bi].key}",
                first=lo, last=hi,
            )


def _candidates(c: _Corpus, fanout: int) -> tuple[list[tuple[int, int]], set[int]]:
    """Pairs (A, B) where a sentence of A's body, outside A's lede, is one of
    B's opening sentences (lede or summary); and the hashes of sentences found
    in more than ``fanout`` articles (boilerplate).

    Memory stays near 10 bytes per sentence: each partition of the hash space
    is sorted as one ``hash << 32 | position`` array in place (no argsort
    index), only hashes seen twice are kept, and pairs are formed only from
    groups that hold an opening sentence, so chrome shared by a whole site
    never expands into its n² pairs.
    """
    import numpy as np

    hashes, first = c.hashes, c.first
    total = hashes.size
    pairs: set[tuple[int, int]] = set()
    boilerplate: set[int] = set()
    if total < 2:
        return [], boilerplate
    bits = min(10, ((total - 1) >> 18).bit_length())  # partitions of about 2**18 sentences
    part = (hashes >> np.uint32(32 - bits)).astype(np.uint8) if bits else None
    shift = np.uint64(32)
    for p in range(1 << bits):
        if bits:
            pos = np.flatnonzero(part == p)
            key = hashes[pos].astype(np.uint64)
            key <<= shift
            key |= pos.astype(np.uint64)
            del pos
        else:
            key = hashes.astype(np.uint64)
            key <<= shift
            for i in range(0, total, 1 << 18):  # positions, without a full-size temporary
                key[i:i + (1 << 18)] |= np.arange(i, min(i + (1 << 18), total), dtype=np.uint64)
        key.sort()
        twice = np.zeros(key.size, dtype=bool)  # hash equal to a neighbour's
        for i in range(0, max(key.size - 1, 0), 1 << 18):
            hi = key[i:i + (1 << 18) + 1] >> shift
            same = hi[1:] == hi[:-1]
            twice[i + 1:i + 1 + same.size] |= same
            twice[i:i + same.size] |= same
        key = key[twice]
        del twice
        if not key.size:
            continue
        h = (key >> np.uint64(32)).astype(np.uint32)
        at = (key & np.uint64(0xFFFFFFFF)).astype(np.int64)
        del key
        owner = np.searchsorted(first, at, side="right") - 1
        index = at - first[owner]
        opening = ((index >= c.lede_lo[owner]) & (index < c.lede_hi[owner])) | (index >= c.body[owner])
        usable = (index < c.body[owner]) & ~((index >= c.lede_lo[owner]) & (index < c.lede_hi[owner]))
        cut = np.flatnonzero(h[1:] != h[:-1]) + 1
        gs = np.concatenate(([0], cut))
        ge = np.concatenate((cut, [h.size]))
        has_open = np.logical_or.reduceat(opening, gs)
        for s, e in zip(gs[has_open].tolist(), ge[has_open].tolist()):
            own = owner[s:e]
            distinct = np.unique(own)
            if distinct.size > fanout:
                boilerplate.add(int(h[s]))
                continue
            if distinct.size < 2:
                continue
            for y in np.flatnonzero(opening[s:e]).tolist():
                for x in np.flatnonzero(usable[s:e] & (own != own[y])).tolist():
                    pairs.add((int(own[x]), int(own[y])))
        # boilerplate among the groups without an opening sentence matters too:
        # it must not count as shared text when a pair is judged
        sizes = ge - gs
        for s, e in zip(gs[~has_open & (sizes > fanout)].tolist(), ge[~has_open & (sizes > fanout)].tolist()):
            if np.unique(owner[s:e]).size > fanout:
                boilerplate.add(int(h[s]))
    return sorted(pairs), boilerplate


def _judge(c: _Corpus, a: int, b: int, boilerplate: set[int], opts: CorpusOptions):
    """Is (A, B) a paste of B into A? → (first, last sentence of A, shared words, description)."""
    body_a, body_b = int(c.body[a]), int(c.body[b])
    # sentences match when hash, check bits and word count all agree (~45 bits)
    ka = c.keys_of(a, body_a)
    where_b: dict[int, list[int]] = {}
    for i, k in enumerate(c.keys_of(b)):
        if k >> 16 not in boilerplate:
            where_b.setdefault(k, []).append(i)
    ma: set[int] = set()
    mb: set[int] = set()
    for i, k in enumerate(ka):
        if k in where_b:
            ma.add(i)
            mb.update(where_b[k])
    if not ma:
        return None
    wa, wb = c.words_of(a), c.words_of(b)
    total_a = sum(wa[:body_a]) or 1
    total_b = sum(wb[:body_b]) or 1
    body_mb = {i for i in mb if i < body_b}
    shared_b = sum(wb[i] for i in body_mb)
    cov_a = sum(wa[i] for i in ma) / total_a
    cov_b = shared_b / total_b
    if cov_a > 0.5:  # most of A is in B: a near-duplicate, or A is the pasted one
        return None
    # B's own opening must be there: its lede (60 % of its words at least) or
    # its whole summary. Text shared without it is site chrome (menus,
    # widgets, footers), not a pasted article.
    lede_b = range(int(c.lede_lo[b]), int(c.lede_hi[b]))
    lede_words = sum(wb[i] for i in lede_b)
    lede_shared = sum(wb[i] for i in lede_b if i in mb)
    summary_b = range(body_b, len(wb))
    summary_words = sum(wb[i] for i in summary_b)
    lede_hit = lede_shared >= opts.min_shared_words and lede_shared >= 0.6 * lede_words
    summary_hit = bool(summary_b) and summary_words >= opts.min_shared_words and set(summary_b) <= mb
    if not (lede_hit or summary_hit):
        return None
    if any(int(c.lede_lo[a]) <= i < int(c.lede_hi[a]) for i in ma):
        return None  # A's own lede is B's: the same story or the same chrome, not a paste
    if cov_b >= 0.95:
        what = f"its whole text ({len(body_mb)} sentences, {shared_b} words)"
    elif cov_b >= 0.5:
        what = f"{len(body_mb)} of its {body_b} sentences ({round(100 * cov_b)}% of its text), lede included"
    elif lede_hit:
        n = sum(1 for i in lede_b if i in mb)
        what = f"its lede ({n} sentence{'s' if n > 1 else ''}, {lede_shared} words)"
    else:
        what = f"its summary ({summary_words} words)"
    # where in A: the run of matched sentences (gaps of up to 3) with the most words
    idx = sorted(ma)
    runs: list[list[int]] = [[idx[0], idx[0], wa[idx[0]]]]
    for i in idx[1:]:
        if i - runs[-1][1] <= 3:
            runs[-1][1] = i
            runs[-1][2] += wa[i]
        else:
            runs.append([i, i, wa[i]])
    lo, hi, _ = max(runs, key=lambda r: r[2])
    return lo, hi, max(shared_b, lede_shared, summary_words), what
