"""MinHash sketches and LSH banding in numpy, sized for millions of articles.

Why not datasketch: its ``MinHash`` applies 128 permutations to every
shingle (n x 128 multiply-mods) and keeps 128 x 64-bit values, 1 KB per
article; its ``MinHashLSH`` keeps a Python dict entry per band per article.
At a million articles that is gigabytes. Here (measured in
``benchmarks/bench_duplication.py``):

- **Shingles** are word 5-grams of the casefolded text (characters for
  scripts written without spaces, see ``rules/duplication_text.py``). Each
  shingle is hashed with a polynomial rolling hash over the code points,
  computed for all shingles at once from prefix sums (the k-th shingle hash
  is ``(H[end] - H[start]) * P^-start`` mod 2^64), then mixed with the
  splitmix64 finaliser. No Python loop per word.
- **One-permutation hashing** (Li, Owen & Zhang 2012): one hash per shingle,
  its top 7 bits pick one of 128 bins, and each bin keeps its minimum. Empty
  bins (short texts) borrow from the next non-empty bin to the right
  ("rotation" densification, Shrivastava & Li 2014), so every sketch has 128
  comparable slots.
- **b-bit minwise hashing** (Li & König 2010): each slot keeps only the low
  8 bits of its minimum. Two slots agree with probability
  ``J + (1 - J) / 256``, which :func:`estimate` inverts. A sketch is 128
  bytes.
- **Banding** at reduce time: ``b`` bands of ``r`` slots, each band packed
  into one integer; articles whose band keys are equal are candidates,
  found by sorting one band at a time (8 bytes per article per band in
  flight, no dict).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

NUM_SLOTS = 128
_SLOT_BITS = 7  # 2**7 == NUM_SLOTS
_P = 0x100000001B3  # odd, so invertible mod 2**64
_P_INV = pow(_P, -1, 1 << 64)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_ROTATE = 0x9E  # added per step of densification, so borrowed slots differ from their donor


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a weak hash over all 64 bits."""
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def _powers(base: int, n: int) -> np.ndarray:
    out = np.empty(n + 1, dtype=np.uint64)
    out[0] = 1
    if n:
        out[1:] = np.cumprod(np.full(n, base, dtype=np.uint64))  # wraps mod 2**64
    return out


_POWERS: list[np.ndarray] = []  # [P**i, P**-i] for i < len, grown on demand


def _power_tables(m: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**i`` and ``P**-i`` (mod 2**64) for ``i <= m``; a per-process cache."""
    if not _POWERS or _POWERS[0].size <= m:
        size = max(m + 1, 1 << 16, 2 * (_POWERS[0].size if _POWERS else 0))
        _POWERS[:] = [_powers(_P, size - 1), _powers(_P_INV, size - 1)]
        for arr in _POWERS:
            arr.setflags(write=False)
    return _POWERS[0], _POWERS[1]


# Character classes of the tokenizer, per BMP code point.
_SEP, _LOWER, _UPPER, _OTHER, _SINGLE = 0, 1, 2, 3, 4
_CLOSE_QUOTES = np.array([0x22, 0x29, 0x2019, 0x201D], dtype=np.uint32)
_NOSPACE_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF),
                   (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xAC00, 0xD7AF))


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """(class, lowercase) of every BMP code point; built once per process (~20 ms)."""
    import unicodedata

    cls = np.zeros(0x10000, dtype=np.uint8)
    low = np.arange(0x10000, dtype=np.uint32)
    for c in range(0x10000):
        ch = chr(c)
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            cls[c] = _LOWER if cat == "Ll" else _UPPER if cat in ("Lu", "Lt") else _OTHER
            lo = ch.lower()
            if len(lo) == 1:
                low[c] = ord(lo)
        elif cat[0] == "N" or cat == "Mn" or cat == "Mc":
            cls[c] = _OTHER
    for lo_, hi in _NOSPACE_RANGES:
        cls[lo_:hi + 1][cls[lo_:hi + 1] != _SEP] = _SINGLE
    cls.setflags(write=False)
    low.setflags(write=False)
    return cls, low


class Tokens:
    """The words of a text, with a hash of any run of consecutive words.

    Words are runs of letters and digits, casefolded; in scripts written
    without spaces every character is a word; a lowercase run glued to a
    capitalised word (``settlement timeThe``) is cut in two, as a scraper
    that dropped a line break would have it. ``starts``/``ends`` are
    character offsets in the text. :meth:`span_hash` hashes words
    ``[i, j)`` independently of the punctuation and spacing around them.
    """

    def __init__(self, text: str) -> None:
        cls_table, low_table = _tables()
        cp = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
        bmp = cp < 0x10000
        if bmp.all():
            cls = cls_table[cp]
            low = low_table[cp]
        else:  # beyond the BMP: CJK extensions are words, the rest (emoji) separators
            idx = np.where(bmp, cp, 0)
            cls = np.where(bmp, cls_table[idx], np.where((cp >= 0x20000) & (cp < 0x40000), _SINGLE, _SEP))
            low = np.where(bmp, low_table[idx], cp)
        n = cp.size
        word = cls != _SEP
        single = cls == _SINGLE
        lower = cls == _LOWER
        joins = word & ~single  # letters and digits that continue a word
        glued = np.zeros(n, dtype=bool)  # the capital of a glued ``timeThe``
        quoted = np.zeros(n, dtype=bool)  # or of ``‘Big Blur’The``
        if n > 3:
            upper = (cls[2:-1] == _UPPER) & lower[3:]
            glued[2:-1] = upper & lower[1:-2] & lower[:-3]
            quoted[2:-1] = upper & lower[:-3] & np.isin(cp[1:-2], _CLOSE_QUOTES)
        #: offsets where a glued heading ends: sentence cuts for ``sentence_spans``
        self.cuts = np.flatnonzero(glued | quoted)
        inner = joins.copy()  # a character that continues the word before it
        inner[:1] = False
        inner[1:] &= joins[:-1]
        inner &= ~glued
        start_mask = word & ~inner
        end_mask = word.copy()
        end_mask[:-1] &= ~inner[1:]
        self.starts = np.flatnonzero(start_mask)
        self.ends = np.flatnonzero(end_mask) + 1
        # the compressed stream: word characters lowercased, a run of separators
        # as one space; positions in it are counted by ``keep``
        keep = word.copy()
        keep[1:] |= word[:-1]
        before = np.cumsum(keep, dtype=np.int64) - keep
        self._cs = before[self.starts]
        self._ce = before[self.ends - 1] + 1
        stream = np.where(word, low, 32)[keep].astype(np.uint64)
        m = stream.size
        pw, self._inv = _power_tables(m)
        self._prefix = np.zeros(m + 1, dtype=np.uint64)
        np.cumsum(stream * pw[:m], out=self._prefix[1:])

    def __len__(self) -> int:
        return int(self.starts.size)

    def span_hash(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """64-bit hashes of words ``[i[x], j[x])`` (``j > i``)."""
        s = self._cs[i]
        e = self._ce[j - 1]
        h = (self._prefix[e] - self._prefix[s]) * self._inv[s]
        return _mix(h ^ (e - s).astype(np.uint64))

    def shingles(self, k: int = 5) -> np.ndarray:
        """Distinct hashes of the word k-grams (one shingle if fewer than k words)."""
        n = len(self)
        if n == 0:
            return np.empty(0, dtype=np.uint64)
        k = min(k, n)
        i = np.arange(n - k + 1)
        h = np.sort(self.span_hash(i, i + k))
        return h[np.concatenate(([True], h[1:] != h[:-1]))]

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[i, j)`` of the words inside characters ``[start, end)``."""
        return (int(np.searchsorted(self.starts, start, side="left")),
                int(np.searchsorted(self.starts, end, side="left")))


def shingle_hashes(stream: str, k: int = 5) -> np.ndarray:
    """Distinct shingle hashes of a text (see :class:`Tokens`)."""
    return Tokens(stream).shingles(k)


def sketch(hashes: np.ndarray) -> bytes | None:
    """The 128-byte sketch of a set of shingle hashes (``None`` for an empty set)."""
    if hashes.size == 0:
        return None
    hs = np.sort(hashes)  # sorted by bin (top bits), then by value
    bins = (hs >> np.uint64(64 - _SLOT_BITS)).astype(np.int64)
    first = np.searchsorted(bins, np.arange(NUM_SLOTS), side="left")
    filled = np.zeros(NUM_SLOTS, dtype=bool)
    ok = first < hs.size
    filled[ok] = bins[first[ok]] == np.arange(NUM_SLOTS)[ok]
    values = np.zeros(NUM_SLOTS, dtype=np.int64)
    values[filled] = (hs[first[filled]] & np.uint64(0xFF)).astype(np.int64)
    if not filled.all():
        # rotation: an empty slot takes the next filled slot to its right
        idx = np.flatnonzero(filled)
        pos = np.arange(NUM_SLOTS)
        nxt = np.searchsorted(idx, pos, side="left")
        wrap = nxt == idx.size
        donor = idx[np.where(wrap, 0, nxt)]
        dist = np.where(wrap, donor + NUM_SLOTS - pos, donor - pos)
        values = (values[donor] + _ROTATE * dist) & 0xFF
    return values.astype(np.uint8).tobytes()


def estimate(matches: np.ndarray | float) -> np.ndarray | float:
    """Jaccard similarity from the fraction of equal 8-bit slots."""
    j = (matches - 1 / 256) / (1 - 1 / 256)
    return np.clip(j, 0.0, 1.0)


def similarity(a: bytes, b: bytes) -> float:
    x = np.frombuffer(a, dtype=np.uint8)
    y = np.frombuffer(b, dtype=np.uint8)
    return float(estimate(np.count_nonzero(x == y) / NUM_SLOTS))


def pair_similarity(sigs: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Estimated Jaccard for each pair ``(left[i], right[i])`` of rows of ``sigs``."""
    out = np.empty(left.size, dtype=np.float64)
    step = 65536  # bound the temporary (step x 128 bytes)
    for i in range(0, left.size, step):
        eq = sigs[left[i:i + step]] == sigs[right[i:i + step]]
        out[i:i + step] = eq.mean(axis=1)
    return estimate(out)


def banding(threshold: float, recall: float = 0.995) -> tuple[int, int]:
    """Bands ``b`` and rows ``r`` for an index that finds pairs at ``threshold``.

    The probability that a pair of similarity ``s`` shares a band is
    ``1 - (1 - s**r)**b``; exactly at the classic threshold ``(1/b)**(1/r)``
    it is only ~0.63. So the index is built lower: the widest ``r`` (fewest
    false candidates) that still finds a pair *at* ``threshold`` with
    probability ``recall``. Candidates are verified on the full sketch.
    """
    best = (NUM_SLOTS, 1)
    for r in range(1, 9):
        b = NUM_SLOTS // r
        if 1 - (1 - threshold**r) ** b >= recall:
            best = (b, r)
    return best


def _band_pairs(sigs: np.ndarray, packed: np.ndarray, band: int, rows: int, max_bucket: int) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of rows whose slots of one band are equal."""
    n = sigs.shape[0]
    packed[:, :rows] = sigs[:, band * rows:(band + 1) * rows]
    keys = packed.view("<u8").ravel()  # the band's slots as one integer
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    cut = np.flatnonzero(np.diff(k)) + 1
    starts = np.concatenate(([0], cut))
    sizes = np.diff(np.concatenate((starts, [n])))
    found: list[np.ndarray] = []
    two = starts[sizes == 2]
    if two.size:  # the common case, vectorised
        found.append(np.stack((order[two], order[two + 1]), axis=1))
    for st, sz in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
        members = order[st:st + sz]
        if sz <= max_bucket:
            ii, jj = np.triu_indices(sz, 1)
            found.append(np.stack((members[ii], members[jj]), axis=1))
        else:
            members = np.sort(members)
            chain = np.stack((members[:-1], members[1:]), axis=1)
            star = np.stack((np.full(sz - 1, members[0]), members[1:]), axis=1)
            found.append(np.concatenate((chain, star)))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    return np.sort(np.concatenate(found), axis=1)


def candidate_pairs(sigs: np.ndarray, bands: int, rows: int, max_bucket: int = 64) -> np.ndarray:
    """Distinct pairs ``(i, j)``, ``i < j``, of rows sharing at least one band.

    A bucket of ``s`` equal band keys yields all its pairs when
    ``s <= max_bucket``; a larger one (many copies of one text) yields each
    member paired with its neighbours in index order and with the bucket's
    first member, which keeps the work linear and still connects the copies.
    """
    if sigs.shape[0] < 2:
        return np.empty((0, 2), dtype=np.int64)
    if rows > 8:
        raise ValueError("a band is packed into 8 bytes")
    packed = np.zeros((sigs.shape[0], 8), dtype=np.uint8)
    found = [_band_pairs(sigs, packed, b, rows, max_bucket) for b in range(bands)]
    return np.unique(np.concatenate(found), axis=0)


def similar_pairs(sigs: np.ndarray, threshold: float, max_bucket: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)``, ``i < j``, with estimated similarity >= ``threshold``, and the estimates.

    Banded as :func:`banding` says; each band's candidates are verified on
    the full sketches before the next band is looked at, so memory holds one
    band's candidates and the verified pairs, never every candidate (pages
    of one site that share menus and footers make many candidates).
    """
    empty = np.empty((0, 2), dtype=np.int64), np.empty(0)
    if sigs.shape[0] < 2:
        return empty
    bands, rows = banding(threshold)
    packed = np.zeros((sigs.shape[0], 8), dtype=np.uint8)
    kept: list[np.ndarray] = []
    for b in range(bands):
        cand = _band_pairs(sigs, packed, b, rows, max_bucket)
        if cand.size:
            sim = pair_similarity(sigs, cand[:, 0], cand[:, 1])
            kept.append(cand[sim >= threshold - 1e-9])
    if not kept:
        return empty
    pairs = np.unique(np.concatenate(kept), axis=0)
    if not pairs.size:
        return empty
    return pairs, pair_similarity(sigs, pairs[:, 0], pairs[:, 1])
