"""NL3xx beyond the YAML cases: fixes that touch metadata, the seed, extension packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.testing import lint_case

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CREDIT_LINE = "Photo: Ringo H.W. Chiu, AP"
BODY = f"The minister spoke on Monday.\n{CREDIT_LINE}\nShe said the plan would pass."


def _findings(case, select=("NL3",)):
    return lint_case(case, select=list(select)).findings


def _edits(finding):
    return {e.pointer: e for e in finding.fix.edits}


@pytest.mark.parametrize("fmt", ["json", "markdown", "jsonl"])
def test_credit_moves_into_the_one_uncredited_image(fmt):
    case = {"format": fmt, "body": BODY,
            "article": {"title": "T", "images": [{"url": "https://example.com/a.jpg", "credit": "Jane Roe"},
                                                 {"url": "https://example.com/b.jpg"}]}}
    (f,) = [f for f in _findings(case) if f.code == "NL303"]
    assert f.fix.applicability == "safe"
    edits = _edits(f)
    assert set(edits) == {"/body", "/images/1/credit"}
    body = edits["/body"]
    assert BODY[: body.start] + body.replacement + BODY[body.end:] == (
        "The minister spoke on Monday.\nShe said the plan would pass.")
    meta = edits["/images/1/credit"]
    assert (meta.start, meta.end, meta.replacement) == (0, 0, "Ringo H.W. Chiu, AP")


def test_two_uncredited_images_make_the_fix_unsafe():
    case = {"format": "json", "body": BODY,
            "article": {"title": "T", "images": [{"url": "https://example.com/a.jpg"},
                                                 {"url": "https://example.com/b.jpg"}]}}
    (f,) = [f for f in _findings(case) if f.code == "NL303"]
    assert f.fix.applicability == "unsafe"
    assert list(_edits(f)) == ["/body"]


def test_a_bare_image_path_is_no_place_to_move_the_credit():
    """images: [a.jpg] has no credit field to write into: the body credit is reported,
    with the unsafe deletion only; an image object next to it takes the credit."""
    case = {"format": "markdown", "body": BODY,
            "article": {"title": "T", "images": ["https://example.com/a.jpg"]}}
    found = _findings(case)
    assert [f.code for f in found] == ["NL303"]
    assert found[0].fix.applicability == "unsafe" and list(_edits(found[0])) == ["/body"]
    case["article"]["images"].append({"url": "https://example.com/b.jpg"})
    found = {f.code: f for f in _findings(case)}
    assert sorted(found) == ["NL301", "NL303"] and found["NL301"].pointer == "/images/1"
    moved = found["NL303"]
    assert moved.fix.applicability == "safe" and set(_edits(moved)) == {"/body", "/images/1/credit"}


def test_two_body_credits_make_the_fix_unsafe():
    body = BODY + "\nGetty Images\nThe end."
    case = {"format": "json", "body": body,
            "article": {"title": "T", "images": [{"url": "https://example.com/a.jpg"}]}}
    found = [f for f in _findings(case) if f.code == "NL303"]
    assert len(found) == 2
    assert {f.fix.applicability for f in found} == {"unsafe"}


def test_raw_text_has_nowhere_to_move_the_credit():
    (f,) = _findings({"format": "text", "body": BODY})
    assert f.code == "NL303" and f.fix.applicability == "unsafe"


def test_glued_credit_moves_with_a_space_left_behind():
    body = 'payments."Photo by Shutter Speed on UnsplashReducing costs'
    case = {"format": "json", "body": body,
            "article": {"title": "T", "images": [{"url": "https://example.com/a.jpg"}]}}
    (f,) = _findings(case, select=["NL304"])
    assert f.fix.applicability == "safe"
    edits = _edits(f)
    e = edits["/body"]
    assert body[: e.start] + e.replacement + body[e.end:] == 'payments." Reducing costs'
    assert edits["/images/0/credit"].replacement == "Photo by Shutter Speed on Unsplash"


def test_a_credit_paragraph_is_removed_with_its_blank_line():
    body = "First paragraph.\n\nPhoto: Jane Doe/AP\n\nSecond paragraph."
    (f,) = _findings({"format": "text", "body": body})
    e = _edits(f)["/body"]
    assert body[: e.start] + e.replacement + body[e.end:] == "First paragraph.\n\nSecond paragraph."


def test_a_credit_on_the_last_line_takes_the_break_before_it():
    body = "First paragraph.\nGetty Images"
    (f,) = _findings({"format": "text", "body": body})
    e = _edits(f)["/body"]
    assert body[: e.start] + e.replacement + body[e.end:] == "First paragraph."


def test_each_credit_is_reported_once():
    body = "Photo: Jane Doe/AP\nA long paragraph about the harbour.\nUnsplashReducing costs"
    case = {"format": "json", "body": body,
            "article": {"title": "T", "images": [{"url": "https://example.com/a.jpg", "credit": "John Roe/Reuters"}]}}
    codes = sorted(f.code for f in _findings(case) if f.code not in ("NL301", "NL302"))
    assert codes == ["NL304", "NL306"]


@pytest.mark.parametrize("word", ["Chapter", "Report", "APR", "CAP", "RAPID", "Reutersville", "AFPX"])
def test_agency_names_need_word_boundaries(word):
    body = f"Intro.\n{word}\n{word} rose.\nThe {word}, AP said."
    assert [f for f in _findings({"format": "text", "body": body}) if f.line in (2, 3)] == []


def test_seed_credits_are_found():
    """The seed's line 10 and the credits glued into lines 56, 65 and 74."""
    case = {"format": "text", "source": (EXAMPLES / "seed.txt").read_text("utf-8"), "filename": "seed.txt"}
    found = [(f.line, f.code) for f in _findings(case)]
    assert found == [(10, "NL303"), (56, "NL304"), (65, "NL304"), (74, "NL304")]


def test_seed_json_credit_repeats_the_metadata():
    case = {"format": "json", "source": (EXAMPLES / "seed.json").read_text("utf-8"), "filename": "seed.json"}
    codes = [f.code for f in _findings(case)]
    assert codes == ["NL305", "NL304", "NL304", "NL304"]
    dup = _findings(case)[0]
    assert dup.fix.applicability == "safe"


def test_user_pack_extends_the_agencies(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "credits.any.yaml").write_text(
        "pack: my-credits\nlang: any\nlexicons:\n  credit-agencies:\n    case_sensitive: true\n"
        "    phrases: [Harbour Wire]\n", encoding="utf-8")
    body = "The ferry left.\nJane Doe / Harbour Wire\nIt returned."
    assert _findings({"format": "text", "body": body}) == []
    case = {"format": "text", "body": body, "settings": {"rule_packs": [str(packs)]}}
    assert [f.line for f in _findings(case)] == [2]


def test_languages_add_labels_and_keep_english_ones():
    body = "Der Stadtrat tagte gestern.\nFoto: Max Muster/dpa\nPhoto by Anna Berg on Unsplash\nEr beschloss den Plan."
    case = {"format": "json", "body": body, "article": {"title": "T", "lang": "de"}}
    assert [f.line for f in _findings(case)] == [1, 1]
    assert [f.start for f in _findings(case)] == [28, 49]
    # the German label is not a credit word in English articles
    case["article"]["lang"] = "en"
    assert [f.start for f in _findings(case)] == [49]


@pytest.mark.parametrize(("line", "value"), [
    ("Photo: Ringo H.W. Chiu, AP", "Ringo H.W. Chiu, AP"),
    ("Image copyright Getty Images", "Getty Images"),
    ("(Image credit: Future plc)", "Future plc"),
    ("Photo by Hanny Naibaho on Unsplash", "Photo by Hanny Naibaho on Unsplash"),
    ("Source: Getty Images", "Getty Images"),
    ("Michael Conroy, AP", "Michael Conroy, AP"),
    ("*PHOTO CREDIT: Jane Doe/Reuters*", "Jane Doe/Reuters"),
])
def test_moved_credit_loses_its_label(line, value):
    case = {"format": "json", "body": f"The ferry left.\n{line}\nIt returned.",
            "article": {"title": "T", "images": [{"url": "https://example.com/a.jpg"}]}}
    (f,) = _findings(case, select=["NL303"])
    assert _edits(f)["/images/0/credit"].replacement == value


def test_label_and_site_far_apart_in_prose_are_not_a_credit():
    body = ("Photo by photo, the archive grew over the years as volunteers scanned old prints, "
            "and today most of them are available for free on Unsplash.")
    assert _findings({"format": "text", "body": body}) == []
