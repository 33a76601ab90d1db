"""Character-level residue (NL220–NL232): the seed, fixes, and the fast paths' soundness.

The YAML cases (tests/cases/NL22*.yaml, NL23*.yaml) test each rule on
snippets; this file tests what they cannot: the seed article end to end,
that the safe fixes converge, and that the prefilters which keep the checks
fast never hide something the full method would find.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest

from newslint.rules import residue_text as rt
from newslint.testing import lint_case

from conftest import EXAMPLES

RESIDUE_TEXT = ["NL220", "NL221", "NL222", "NL223", "NL224", "NL225", "NL226", "NL230", "NL231", "NL232"]


def _lint_text(body: str, select=RESIDUE_TEXT):
    return lint_case({"body": body}, select=select).findings


# ---------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_findings():
    body = (EXAMPLES / "seed.txt").read_text("utf-8")
    return body, _lint_text(body)


def test_seed_blank_paragraphs_are_found(seed_findings):
    _, found = seed_findings
    lines = {f.line for f in found if f.code == "NL220"}
    assert lines == {14, 18, 22, 28, 32, 36, 40, 44}


def test_seed_stray_nbsp_in_prose(seed_findings):
    _, found = seed_findings
    lines = {f.line for f in found if f.code == "NL221"}
    assert {26, 30} <= lines


def test_seed_glued_text_on_teaser_lines(seed_findings):
    _, found = seed_findings
    glued = {(f.line, f.message.split("'")[1]) for f in found if f.code in ("NL230", "NL231", "NL232")}
    for line, token in [(56, "timeThe"), (56, "UnsplashReducing"), (56, "participantWhile"),
                        (65, "eventsOn"), (65, "consequencesHe"), (65, "trendThis"),
                        (74, "enthusiastsThe")]:
        assert (line, token) in glued, (line, token)
    assert any(f.code == "NL231" and f.line == 56 and "payments" in f.message for f in found)


def test_seed_story_lines_stay_quiet(seed_findings):
    _, found = seed_findings
    assert not [f for f in found if f.line in (3, 7, 16, 24, 46)]


def _apply(body: str, findings, codes) -> str:
    edits = sorted((e for f in findings if f.code in codes and f.fix and f.fix.applicability == "safe"
                    for e in f.fix.edits), key=lambda e: e.start)
    out, pos = [], 0
    for e in edits:
        assert e.start >= pos, "safe fixes of one run must not overlap"
        out.append(body[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(body[pos:])
    return "".join(out)


def test_seed_safe_fixes_converge_and_keep_the_words(seed_findings):
    body, found = seed_findings
    fixed = _apply(body, found, {"NL220", "NL221", "NL222"})
    assert fixed.split() == body.replace("\u00a0", " ").split()  # only whitespace changed
    assert "\n\n\n" not in fixed  # removed paragraphs leave one separator
    again = _lint_text(fixed, select=["NL220", "NL221", "NL222"])
    assert again == []


# ---------------------------------------------------------------- the mojibake gate


def _ftfy_alphabet() -> list[str]:
    """Every character ftfy's badness heuristic knows, plus ASCII and everyday text."""
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    chars: set[str] = set()
    for spec in MOJIBAKE_CATEGORIES.values():
        i = 0
        while i < len(spec):
            if i + 2 < len(spec) and spec[i + 1] == "-":
                chars.update(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
                i += 3
            else:
                chars.add(spec[i])
                i += 1
    chars |= {c for c in BADNESS_RE.pattern if ord(c) > 127}
    chars |= set(" aZ.,1\n。「」«»ßéнРВ中あ")
    return sorted(chars)


def test_mojibake_gate_never_hides_a_pair_ftfy_finds():
    """Every two-character string ftfy calls bad passes the gate (~200k strings)."""
    from ftfy.badness import BADNESS_RE

    alphabet = _ftfy_alphabet()
    missed = [a + b for a in alphabet for b in alphabet
              if BADNESS_RE.search(a + b) and not rt._MOJIBAKE_GATE.search((a + b).encode())]
    assert missed == []


def test_windowed_verdict_equals_ftfy_on_random_text():
    """The gate plus windows give ftfy's own is_bad verdict (all 3-strings were checked offline)."""
    from ftfy.badness import is_bad

    alphabet = _ftfy_alphabet()
    rng = random.Random(20250714)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 24)))
        assert rt.looks_like_mojibake(text) == is_bad(text), repr(text)


def test_offsets_map_utf8_bytes_to_characters():
    text = "aé中\U0001F600b\u00a0ü"
    offsets = rt._Offsets(text)
    byte_starts = [len(text[:i].encode()) for i in range(len(text))]
    assert [offsets.char(b) for b in byte_starts] == list(range(len(text)))


def test_ftfy_is_imported_only_when_needed():
    code = (
        "import sys\n"
        "from newslint.testing import lint_case\n"
        "import newslint.rules\n"
        "assert 'ftfy' not in sys.modules, 'imported at startup'\n"
        "lint_case({'body': 'Plain text \\u2019 with quotes \\u2014 and caf\\u00e9.'}, select=['NL225'])\n"
        "assert 'ftfy' not in sys.modules, 'imported for everyday text'\n"
        "lint_case({'body': 'We don\\u00e2\\u20ac\\u2122t know.'}, select=['NL225'])\n"
        "assert 'ftfy' in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------- patterns stay linear


@pytest.mark.parametrize("text", [
    "<a " + "b " * 20000,
    "<p " + 'x="1" ' * 5000 + "<",
    "&" * 50000,
    "<!--" + "-" * 50000,
    "\u00a0 " * 20000 + "x",
    "aB" * 20000,
    "a." * 20000 + "The",
])
def test_hostile_lines_stay_fast(text):
    start = time.perf_counter()
    lint_case({"body": text}, select=RESIDUE_TEXT)
    assert time.perf_counter() - start < 5.0
