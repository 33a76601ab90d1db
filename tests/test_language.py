"""NL7xx beyond the YAML cases: the detection service, sampling, logging, laziness."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from newslint.langid import Guess, base_lang, detect
from newslint.rules import language as L
from newslint.testing import lint_case

SPANISH = (
    "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público en la ciudad. "
    "Según el alcalde, los autobuses pasarán con más frecuencia y las tarifas bajarán para los "
    "estudiantes y los jubilados."
)
ENGLISH = (
    "The city council approved a new plan yesterday to improve public transport across the city. "
    "According to the mayor, buses will run more often and fares will fall for students and pensioners."
)


@pytest.mark.parametrize(("tag", "base"), [("zh-TW", "zh"), ("zh-cn", "zh"), ("en_GB", "en"),
                                           ("iw", "he"), ("", ""), (None, "")])
def test_base_lang(tag, base):
    assert base_lang(tag) == base


def test_detect_names_the_language():
    guess = detect(SPANISH)
    assert isinstance(guess, Guess) and guess.base == "es" and guess.prob > 0.9


def test_detect_without_features_is_none():
    assert detect("12345 !!! 678") is None


def test_detection_is_deterministic_across_processes():
    # A short, mixed text is where langdetect's random sampling shows: the
    # seeded factory must give the same probabilities in a fresh process.
    text = "Hola amigos, the meeting es mañana at the plaza, bring comida."
    here = detect(text)
    code = ("from newslint.langid import detect; g = detect(%r); print(g.lang, repr(g.prob))" % text)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [here.lang, repr(here.prob)]
    assert detect(text) == here


def test_langdetect_is_imported_only_when_needed():
    code = ("import sys, newslint.rules, newslint.cli, newslint.langid; "
            "print('langdetect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_profiles_load_once():
    from newslint.langid import _factory

    detect(ENGLISH)
    detect(SPANISH)
    assert _factory.cache_info().currsize == 1
    assert _factory() is _factory()


def test_sample_spreads_windows_over_the_body():
    texts = [f"line{i} " + "word " * 30 for i in range(30)]
    picked = L.sample(texts, budget=300, windows=3)
    assert "line0 " in picked and "line10 " in picked and "line20 " in picked
    assert len(picked) <= 300 + 3
    assert L.sample(["short text"], budget=300, windows=3) == "short text"


def test_function_word_share_counts_cjk_characters_as_words():
    words = frozenset({"the", "for"})
    assert L.function_word_share("the cat sat on the mat for a while today", words) == pytest.approx(0.3)
    # A Japanese sentence with an English product name is not English.
    ja = "Kindle for PCをインストールすると自動でホットキーが設定され、立ち上がるようになります。"
    assert L.function_word_share(ja, words) < 0.05


def test_prose_lines_skip_menus_and_urls():
    case = {"format": "text", "body": "Home\nNews\nhttps://example.com/a/very/long/url/that/is/not/prose/at/all/really\n"
                                      + ENGLISH}
    from newslint.readers.textview import plain_view

    class Doc:
        lines = plain_view(case["body"])[1]

    assert L.prose_lines(Doc, 60) == [ENGLISH]


def test_too_short_is_logged_at_debug_level(caplog):
    case = {"format": "json", "article": {"title": "T", "lang": "en"}, "body": "Hola, ¿qué tal?"}
    with caplog.at_level(logging.DEBUG, logger="newslint.rules.language"):
        report = lint_case(case, select=["NL701"])
    assert report.findings == []
    assert any("too short" in r.getMessage() and r.levelno == logging.DEBUG for r in caplog.records)


def test_spanish_declared_en_fires_and_german_declared_de_does_not():
    spanish = {"format": "json", "article": {"title": "T", "lang": "en"}, "body": SPANISH}
    german = {"format": "json", "article": {"title": "T", "lang": "de"},
              "body": "Der Stadtrat hat gestern einen neuen Plan zur Verbesserung des öffentlichen "
                      "Nahverkehrs beschlossen. Nach Angaben des Bürgermeisters sollen die Busse häufiger "
                      "fahren und die Preise für Studenten und Rentner sinken."}
    assert [f.code for f in lint_case(spanish, select=["NL7"]).findings] == ["NL701"]
    assert lint_case(german, select=["NL7"]).findings == []


def test_cheap_test_skips_langdetect_for_ordinary_articles(monkeypatch):
    """English text declared en is settled by function words alone."""
    from newslint.context import Services

    calls = []
    monkeypatch.setattr(Services, "detect_language", property(lambda self: lambda t: calls.append(t)))
    case = {"format": "json", "article": {"title": "T", "lang": "en"}, "body": ENGLISH}
    assert lint_case(case, select=["NL7"]).findings == []
    assert calls == []


def test_options_are_validated():
    from newslint.settings import ConfigError

    case = {"format": "json", "article": {"title": "T", "lang": "en"}, "body": ENGLISH,
            "settings": {"rules": {"NL701": {"min_chars": 5}}}}
    with pytest.raises(ConfigError, match="min_chars"):
        lint_case(case, select=["NL7"])
