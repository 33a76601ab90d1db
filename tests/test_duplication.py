"""NL5xx beyond the YAML cases: the MinHash machinery, signature size, the
examples corpus, real extractor outputs, Markdown folders and ``--jobs``."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from newslint import lint
from newslint.minhash import (
    NUM_SLOTS,
    Tokens,
    banding,
    candidate_pairs,
    pair_similarity,
    similarity,
    similar_pairs,
    sketch,
)
from newslint.rules.duplication_corpus import CorpusDuplicateCheck, SentenceSpanHit
from newslint.rules.duplication_text import sentence_spans
from newslint.settings import build_settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared" / "corpus" / "real-extracted.jsonl"

STORY = (
    "The harbour authority has chosen a local builder to replace the ferry pier at Northcove, "
    "ending two years of delays over the cost of the project. Work will start in March and the "
    "old pier will close for six weeks while divers remove the rotten piles, the authority said. "
    "Ferries will use a temporary landing stage at the fish quay during the closure. The new pier "
    "will be longer and wider than the old one, so two boats can berth at the same time, and it "
    "will have a covered waiting area with seats for forty people. The project is expected to "
    "cost 4.2 million euros, most of it paid by the regional development fund."
)


def _settings(**data):
    settings, _ = build_settings(data, {}, "test")
    return settings


def _lint(paths, **data):
    return lint([str(p) for p in paths], _settings(**data))


# ------------------------------------------------------------------ tokens and hashes


def test_tokens_cut_glued_headings_and_cjk_characters():
    text = "Hello, World! settlement timeThe JD.com founder 中文句子 iPhone McDonald"
    tok = Tokens(text)
    words = [text[s:e] for s, e in zip(tok.starts, tok.ends)]
    assert words == ["Hello", "World", "settlement", "time", "The", "JD", "com", "founder",
                     "中", "文", "句", "子", "iPhone", "McDonald"]
    assert len(Tokens("")) == 0 and len(Tokens(" -- 😀 ")) == 0


def test_span_hash_ignores_case_punctuation_and_spacing():
    a = Tokens("The quick, brown fox jumps over it")
    b = Tokens("the QUICK brown — fox   jumps over it!!")
    i, j = np.array([0, 1]), np.array([7, 6])
    assert (a.span_hash(i, j) == b.span_hash(i, j)).all()
    assert a.span_hash(np.array([0]), np.array([7]))[0] != a.span_hash(np.array([1]), np.array([7]))[0]


def test_sketch_is_128_bytes_and_identical_texts_match():
    s = sketch(Tokens(STORY).shingles())
    assert len(s) == NUM_SLOTS == 128
    assert similarity(s, sketch(Tokens(STORY.upper()).shingles())) == 1.0
    assert sketch(Tokens("").shingles()) is None
    short = sketch(Tokens("just three words").shingles())  # one shingle, densified
    assert len(short) == 128


def _mutate(text: str, rate: float, rnd: random.Random) -> str:
    out = []
    for w in text.split():
        r = rnd.random()
        if r < rate / 2:
            continue
        out.append(f"x{rnd.randint(0, 10**6)}" if r < rate else w)
    return " ".join(out)


def test_estimate_tracks_true_jaccard():
    rnd = random.Random(7)
    base = " ".join([STORY] * 4)  # ~400 words, ~400 shingles
    errors = []
    for k in range(60):
        other = _mutate(base, rnd.choice([0.01, 0.03, 0.06, 0.1]), rnd)
        a, b = set(Tokens(base).shingles().tolist()), set(Tokens(other).shingles().tolist())
        true = len(a & b) / len(a | b)
        est = similarity(sketch(Tokens(base).shingles()), sketch(Tokens(other).shingles()))
        errors.append(est - true)
    errors = np.array(errors)
    assert abs(errors.mean()) < 0.02
    assert errors.std() < 0.05  # b-bit OPH with 128 slots: ~0.035 expected


def test_banding_is_built_below_the_threshold():
    for threshold in (0.6, 0.7, 0.8, 0.9):
        b, r = banding(threshold)
        assert b * r <= NUM_SLOTS
        assert 1 - (1 - threshold**r) ** b >= 0.995  # a pair *at* the threshold is found
        if threshold >= 0.8:  # dissimilar pairs rarely become candidates
            assert 1 - (1 - 0.4**r) ** b < 0.1


def test_candidate_pairs_find_planted_duplicates_among_noise():
    rnd = np.random.default_rng(3)
    sigs = rnd.integers(0, 256, size=(2000, NUM_SLOTS), dtype=np.uint8)
    for a, b, keep in ((10, 1500, 0.9), (20, 30, 0.85), (700, 701, 1.0)):
        mask = rnd.random(NUM_SLOTS) < keep
        sigs[b] = np.where(mask, sigs[a], rnd.integers(0, 256, NUM_SLOTS, dtype=np.uint8))
    pairs = candidate_pairs(sigs, *banding(0.8))
    sim = pair_similarity(sigs, pairs[:, 0], pairs[:, 1])
    found = {tuple(p) for p, s in zip(pairs.tolist(), sim.tolist()) if s >= 0.8}
    assert found == {(10, 1500), (20, 30), (700, 701)}
    verified, _ = similar_pairs(sigs, 0.8)  # verified band by band
    assert {tuple(p) for p in verified.tolist()} == found


def test_large_buckets_stay_linear():
    sigs = np.zeros((500, NUM_SLOTS), dtype=np.uint8)  # 500 copies of one text
    pairs = candidate_pairs(sigs, *banding(0.8))
    assert len(pairs) < 2000  # chained and starred, not 124,750 pairs


def test_sentences_do_not_end_at_abbreviations():
    text = "He met Mr. Smith in the U.S. Senate. Then he left. it was 3 p.m. Ok? 中文句子。第二句。"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He met Mr. Smith in the U.S. Senate.", "Then he left. it was 3 p.m. Ok?", "中文句子。", "第二句。"]
    glued = "payments.\"Photo by Ann on UnsplashReducing costs & settlement timeThe ‘Big Blur’The end"
    assert [glued[s:e] for s, e in sentence_spans(glued)] == [
        'payments."', "Photo by Ann on UnsplashReducing costs & settlement timeThe ‘Big Blur’The end"]
    cuts = Tokens(glued).cuts.tolist()
    assert [glued[s:e] for s, e in sentence_spans(glued, cuts)] == [
        'payments."', "Photo by Ann on Unsplash", "Reducing costs & settlement time", "The ‘Big Blur’", "The end"]


# ------------------------------------------------------------------ signatures


def _doc(body: str, **article):
    from newslint.readers.common import build_document
    from newslint.document import TextLocator
    from newslint.settings import FieldMapping

    raw = {"title": "T", **article, "body": body}
    return build_document(path="x.json", fmt="json", raw=raw, mapping=FieldMapping(),
                          locator_factory=lambda pm: TextLocator(body))


def _ctx():
    from newslint.context import build_context
    from newslint.rules import REGISTRY

    return build_context(_settings(), REGISTRY)


def test_signature_is_small_and_holds_no_text():
    body = "\n\n".join([STORY] * 5)  # ~3.5 KB
    sig = CorpusDuplicateCheck().signature(_doc(body), _ctx())
    assert isinstance(sig, bytes)
    assert len(sig) <= 7 + 128 + 6 * 35  # header, sketch, 6 bytes per sentence (5 x 6 here)
    assert b"harbour" not in sig.lower() and "harbour".encode("utf-32-le") not in sig


def test_locate_survives_a_changed_file():
    chk, ctx = CorpusDuplicateCheck(), _ctx()
    hit = SentenceSpanHit("NL510", "m", first=50, last=60)
    located = chk.locate(hit, _doc(STORY), ctx)
    assert located.start is None and not isinstance(located, SentenceSpanHit)


# ------------------------------------------------------------------ end to end


@pytest.mark.skipif(not (EXAMPLES / "corpus.jsonl").exists(), reason="examples/ not written yet")
def test_examples_corpus_reports_the_pasted_jdcom_article():
    report = _lint([EXAMPLES / "corpus.jsonl"], select=["NL5"])
    pasted = [f for f in report.findings if f.code == "NL510"]
    assert len(pasted) == 1
    f = pasted[0]
    assert f.record == 1 and "corpus.jsonl:2" in f.message
    assert "coinness-jd-stablecoin-licenses-2025-06-19" in f.message
    body = json.loads((EXAMPLES / "corpus.jsonl").read_text("utf-8").splitlines()[0])["body"]
    assert body[f.start:].startswith("JD.com, also known as JINGDONG")
    glued = [f for f in report.findings if f.code == "NL503"]
    assert [body[f.start:f.end] for f in glued] == ["Conference in Pohang City attracts young metaverse enthusiasts"]


@pytest.mark.skipif(not (EXAMPLES / "seed.txt").exists(), reason="examples/ not written yet")
def test_seed_txt_alone_reports_only_the_glued_teaser_title():
    report = _lint([EXAMPLES / "seed.txt"], select=["NL5"])
    assert [(f.code, f.line, f.column) for f in report.findings] == [("NL503", 74, 1)]


@pytest.mark.skipif(not SHARED.exists(), reason="shared dev corpus not present")
def test_four_extractor_outputs_of_one_page(tmp_path):
    """The same page by four extractors: near-duplicates, never a 'paste' (they share the lede)."""
    views = [line for line in SHARED.read_text("utf-8").splitlines() if '"aeb-f344ca5fb36e-' in line]
    assert len(views) == 4
    corpus = tmp_path / "views.jsonl"
    corpus.write_text("\n".join(views) + "\n", encoding="utf-8")
    report = _lint([corpus], select=["NL510", "NL511"])
    codes = [f.code for f in report.findings]
    assert "NL510" not in codes
    assert codes.count("NL511") >= 2
    assert all("aeb-f344ca5fb36e-" in f.message for f in report.findings)


def test_markdown_folder_locates_the_pasted_lede(tmp_path):
    other = ("The city's night bus network will grow from four to nine routes next month, the "
             "transport department announced on Thursday, after a trial found strong demand.")
    (tmp_path / "bus.md").write_text(f"---\nid: bus\ntitle: Night buses\n---\n{other}\n\nMore text follows here.\n",
                                     encoding="utf-8")
    (tmp_path / "pier.md").write_text(
        f"---\nid: pier\ntitle: Pier\n---\n{STORY}\n\n## Related\n\n**Night buses**\n\n{other}\n", encoding="utf-8")
    report = _lint([tmp_path], select=["NL510"])
    assert [(Path(f.path).name, f.line, f.column) for f in report.findings] == [("pier.md", 11, 1)]
    assert "bus (" in report.findings[0].message and "bus.md" in report.findings[0].message


def test_jobs_do_not_change_findings(tmp_path):
    rnd = random.Random(5)
    words = STORY.split()
    lines = []
    for i in range(40):
        rnd.shuffle(words)
        body = STORY + " " + STORY.replace("forty", f"n{i}") if i % 10 == 0 else " ".join(words) + "."
        # titles without numbers: "Story 3" and "Story 4" would be a numbered series
        lines.append(json.dumps({"id": f"a{i}", "title": f"Story {chr(97 + i // 26)}{chr(97 + i % 26)}",
                                 "body": body}))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = _lint([corpus], select=["NL5"], jobs=1, cache=False)
    two = _lint([corpus], select=["NL5"], jobs=2, cache=False)
    assert [f.model_dump() for f in one.findings] == [f.model_dump() for f in two.findings]
    assert any(f.code == "NL511" for f in one.findings)


def test_a_note_deep_in_a_reference_page_is_not_its_lede(tmp_path):
    """NL510 looks for another page's lede in its opening, before its first section
    heading: a command page of short lines and headings has no lede, so a note it
    shares with a sibling page is not "text pasted from" it."""
    note = ("Note that the tool always resolves the components named in the project settings "
            "first, then a vendored folder, then the shared cache, in that order. See the "
            "modules guide for more.")
    reference = ("---\ntitle: tool mod get\n---\n## tool mod get\n\nFetches dependencies.\n\n"
                 "### Synopsis\n\nFetches dependencies.\n\nSome examples:\n\n"
                 f"{note}\n\n### Options\n\nSee the list below.\n")
    (tmp_path / "get.md").write_text(reference, encoding="utf-8")
    (tmp_path / "mod.md").write_text(
        f"---\ntitle: tool mod\n---\n{STORY}\n\n### Synopsis\n\n{note}\n", encoding="utf-8")
    assert _lint([tmp_path], select=["NL510"]).findings == []
    # the same note opening the page is its lede: a paste
    (tmp_path / "get.md").write_text(f"---\ntitle: tool mod get\n---\n## tool mod get\n\n{note}\n\n"
                                     "### Options\n\nSee the list below.\n", encoding="utf-8")
    (finding,) = _lint([tmp_path], select=["NL510"]).findings
    assert Path(finding.path).name == "mod.md" and "get.md" in finding.message
