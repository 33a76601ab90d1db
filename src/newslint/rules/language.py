"""NL7xx — language: does the text read in the language the article declares?

One check, one pass: pick the lines that look like prose (long enough,
worded like sentences), sample a few windows spread over the body, and ask
the language service (langdetect, deterministic) only when a cheap test
cannot settle it. The cheap test is the density of the declared language's
function words ("the", "of", "and" / "de", "que", "los"), kept as data in
``rules/language.<lang>.yaml``; in ordinary articles it settles the question
in microseconds, and langdetect's milliseconds are spent only where the text
is in doubt. Paragraphs are judged the same way, each on its own text.
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Iterator
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from ..langid import Guess, base_lang
from ..lazyre import LazyPattern
from ..model import Severity
from .base import Check, CorpusCheck, Hit, Rule

_log = logging.getLogger(__name__)

MISMATCH = Rule(
    code="NL701",
    name="language-mismatch",
    severity=Severity.WARNING,
    summary="The body is written in another language than the article's `lang` declares.",
    why=(
        "Search engines pick stemmers and stop words by `lang`, screen readers pick a voice, "
        "browsers offer translation, and corpus builders route training text by it. A Spanish "
        "story tagged `en` is indexed with English analysers, read aloud with English "
        "pronunciation and filtered into the wrong language split. The cause is usually a CMS "
        "default or a scraper that trusted a site-wide `<html lang>`. Bodies too short to "
        "judge (under `min_chars` of prose) are skipped, and the reason is logged at debug level."
    ),
    fires='{"lang": "en", "body": "El gobierno anunció ayer un nuevo plan para reducir ..."}',
    quiet='{"lang": "de", "body": "Die Regierung hat gestern einen neuen Plan vorgestellt ..."}',
)

MIXED = Rule(
    code="NL702",
    name="mixed-language-paragraph",
    severity=Severity.INFO,
    summary="A paragraph long enough to judge is in another language than the rest of the article.",
    why=(
        "A paragraph in a second language is either chrome from another edition of the site "
        "(an English cookie notice on a Japanese page), text pasted from a source, or a quote "
        "left untranslated. Each confuses readers and pollutes language-filtered corpora. "
        "Only paragraphs of at least `paragraph_min_chars` characters are judged, since "
        "language identification is unreliable on short text, and a paragraph whose words "
        "are mostly capitalised (a list of contributors, places or titles) is not judged: "
        "names carry no language. Quotes that are meant to stay in the original language "
        "can be suppressed inline."
    ),
    fires="an English article with one long paragraph in French",
    quiet="an English article quoting a short French phrase",
)

#: line kinds that can hold running prose
_PROSE_KINDS = frozenset({"text", "quote", "list"})
_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_KANA = LazyPattern(r"[\u3040-\u30ff]")
_HANGUL = LazyPattern(r"[\uac00-\ud7af]")
_HAN = LazyPattern(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"(?:https?://|www\.)\S*")
#: a CJK character carries about as much text as a short word
_CJK_WEIGHT = 3
#: function-word share that names an undeclared article's language without langdetect
_REFERENCE_SHARE = 0.2


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: prose (in characters; a CJK character counts 3) needed before the body is judged
    min_chars: int = Field(200, ge=20)
    #: prose characters sampled from the body for the article-level guess
    sample_chars: int = Field(600, ge=100)
    #: windows the sample is spread over (start, middle, end of the prose)
    windows: int = Field(3, ge=1, le=10)
    #: a line shorter than this is not counted as prose (menus, labels, captions)
    min_line_chars: int = Field(60, ge=1)
    #: a paragraph shorter than this is not judged on its own (NL702)
    paragraph_min_chars: int = Field(200, ge=50)
    #: langdetect's probability needed before a difference is reported
    min_probability: float = Field(0.9, ge=0.0, le=1.0)
    #: share of the declared language's function words above which text is accepted
    #: as that language without asking langdetect (0 disables the shortcut)
    function_word_share: float = Field(0.12, ge=0.0, le=1.0)
    #: languages that language identification cannot tell apart reliably
    equivalent: list[list[str]] = Field(
        default_factory=lambda: [["no", "nb", "nn", "da"], ["hr", "sr", "bs"], ["id", "ms"]]
    )


def _units(text: str) -> int:
    """Length in characters, a CJK character counting as ``_CJK_WEIGHT``."""
    if text.isascii():
        return len(text)
    return len(text) + (_CJK_WEIGHT - 1) * len(_CJK.findall(text))


def _looks_like_prose(text: str, min_chars: int) -> bool:
    """Long enough, and worded like a sentence rather than a URL or a menu.

    Called on every line of every article, so the common case (a Latin
    paragraph) is decided by ``len`` and ``count`` alone.
    """
    n = len(text)
    if n >= min_chars and text.count(" ") >= 5:
        return True
    if text.isascii() or n * _CJK_WEIGHT < min_chars:
        return False
    cjk = len(_CJK.findall(text))  # CJK prose has no spaces
    return cjk * 2 >= n and n + (_CJK_WEIGHT - 1) * cjk >= min_chars


#: share of capitalised words above which a paragraph is a list of names or titles
_NAMES_SHARE = 0.6


def _mostly_names(text: str) -> bool:
    """A paragraph whose words are mostly capitalised: a list of people (the
    contributors to a release), places or titles. Running prose, German
    included, writes most of its words in lower case; a name list has no
    language of its own, and langdetect guesses one from the names' origin."""
    words = _WORD.findall(text)
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if len(cased) < 8:
        return False
    return sum(1 for w in cased if w[0].isupper()) >= _NAMES_SHARE * len(cased)


def _clean(text: str) -> str:
    """The text with URLs dropped and whitespace runs folded."""
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    return " ".join(text.split())


def _fold(text: str) -> str:
    """Whitespace runs folded: the prose view blanks link targets and markup with spaces,
    and those blanks are not text to be measured."""
    return " ".join(text.split()) if "  " in text or "\t" in text else text


def prose_lines(doc, min_chars: int) -> list[str]:
    """The body's lines that look like prose (stripped, blanks folded, not yet cleaned)."""
    out = []
    for line in doc.lines:
        if line.kind in _PROSE_KINDS:
            text = _fold(line.text.strip())
            if _looks_like_prose(text, min_chars):
                out.append(text)
    return out


#: a Markdown list item's first line: each item is its own paragraph
_ITEM_START = re.compile(r"[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def paragraphs(doc, min_chars: int) -> list[tuple[int, int, str]]:
    """Prose paragraphs ``(start, end, text)`` in body offsets, each ≥ ``min_chars``.

    A plain body is one paragraph per line (scrapes put each HTML block on a
    line, often with no blank lines between); in Markdown consecutive lines
    of one block are one paragraph, and each list item is one (a list of
    names or links is not a paragraph, however long the list).
    """
    out: list[tuple[int, int, str]] = []
    group: list = []

    def flush() -> None:
        if group:
            text = _fold(" ".join(ln.text.strip() for ln in group))
            if _looks_like_prose(text, min_chars):
                text = _clean(text)
                first, last = group[0], group[-1]
                start = first.start + (len(first.text) - len(first.text.lstrip()))
                end = last.start + len(last.text.rstrip())
                out.append((start, end, text))
            group.clear()

    markdown = doc.markup == "markdown"
    for line in doc.lines:
        if line.kind not in _PROSE_KINDS or not line.text.strip():
            flush()
            continue
        if group and (not markdown or line.kind != group[-1].kind
                      or (line.kind == "list" and _ITEM_START.match(doc.body, line.start))):
            flush()
        group.append(line)
    flush()
    return out


def sample(texts: list[str], budget: int, windows: int) -> str:
    """Up to ``budget`` characters of ``texts``, in ``windows`` runs spread over them.

    Residue clusters at the top and bottom of a page and the lede is often a
    repeated headline, so one window at the start misjudges dirty pages; a few
    spread windows see the body proper at a fraction of the cost of all of it.
    """
    total = sum(len(t) for t in texts)
    if total <= budget:
        return " ".join(texts)
    per = budget // windows
    picked: list[str] = []
    n = len(texts)
    used: set[int] = set()
    for w in range(windows):
        i = (w * n) // windows
        room = per
        while room > 0 and i < n:
            if i not in used:
                used.add(i)
                t = texts[i]
                if len(t) > room:  # the last piece of this window: cut at a space
                    if room >= 40 or not picked:
                        cut = t.rfind(" ", 0, room)
                        picked.append(t[: cut if cut > room // 2 else room])
                    break
                picked.append(t)
                room -= len(t)
            i += 1
    return " ".join(picked)


@lru_cache(maxsize=64)
def _function_words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def function_word_share(text: str, words: frozenset[str]) -> float:
    """Share of ``text``'s words that are in ``words`` (a CJK character counts as a word)."""
    tokens = _WORD.findall(text.casefold())
    count = len(tokens) + (0 if text.isascii() else len(_CJK.findall(text)))
    if count < 8:
        return 0.0
    return sum(1 for t in tokens if t in words) / count


def _script_language(text: str) -> str | None:
    """A language the script alone gives away: kana → ja, hangul → ko, Han only → zh.

    Chinese, Japanese and Korean prose is full of Latin names and product
    words ("Kubernetes", "PR", "Yang Li"). A Latin word is weighed like two
    CJK characters, not letter by letter, so a Chinese paragraph naming eight
    people in Latin script still reads as Chinese.
    """
    if text.isascii():
        return None
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    han = len(_HAN.findall(text))
    cjk = kana + hangul + han
    if cjk < 4:
        return None
    latin_words = sum(1 for w in _WORD.findall(text) if not _CJK.search(w))
    if cjk < 2 * latin_words:
        return None
    if kana and kana * 10 >= kana + han:
        return "ja"
    if hangul * 2 >= cjk:
        return "ko"
    if kana == 0 and hangul == 0:
        return "zh"
    return None


_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sv": "Swedish", "sw": "Swahili", "th": "Thai", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


def language_name(code: str) -> str:
    return _NAMES.get(base_lang(code), code)


class LanguageCheck(Check):
    """NL701 and NL702: sample the prose once, judge the article, then its paragraphs."""

    rules = (MISMATCH, MIXED)
    Options = Options

    def check(self, doc, ctx) -> Iterator[Hit]:
        opts: Options = ctx.opts(self)
        declared = base_lang(doc.article.lang)
        want_mixed = ctx.is_enabled("NL702")
        if not declared and not want_mixed:
            return
        lines = prose_lines(doc, opts.min_line_chars)
        prose = sum(len(t) for t in lines)
        if prose < opts.min_chars:  # len undercounts CJK text: count it properly
            prose = sum(_units(t) for t in lines)
        if prose < opts.min_chars:
            _log.debug("%s: language not judged: %d characters of prose (min_chars %d), too short",
                       doc.path, prose, opts.min_chars)
            return
        judge = _Judge(ctx, opts)
        text = _clean(sample(lines, opts.sample_chars, opts.windows))
        reference = declared
        if declared:
            guess = judge.differs(text, declared)
            if guess is not None:
                # Confirm on more of the body before saying the declaration is wrong.
                wider = _clean(sample(lines, opts.sample_chars * 2, opts.windows * 2))
                guess = judge.differs(wider, declared) if wider != text else guess
            if guess is not None:
                reference = guess.base
                if ctx.is_enabled("NL701"):
                    yield Hit(
                        "NL701",
                        f"the body reads as {language_name(guess.lang)} ({guess.base}, "
                        f"p={guess.prob:.2f}) but lang is {doc.article.lang!r}",
                        pointer="/lang" if doc.data is not None else "/body",
                        evidence=f"{declared}->{guess.base}",
                    )
        if not want_mixed:
            return
        if not reference:
            found = judge.reference(text)
            if found is None or found.prob < opts.min_probability:
                return  # no language the paragraphs could be told apart from
            reference = found.base
        for start, end, para in paragraphs(doc, opts.paragraph_min_chars):
            # "Ana María Martínez Gómez, Benjamin Høegh, …": names have no language
            guess = judge.differs(para[: opts.sample_chars * 2], reference, unless=_mostly_names)
            if guess is not None:
                yield Hit(
                    "NL702",
                    f"paragraph reads as {language_name(guess.lang)} ({guess.base}, p={guess.prob:.2f}); "
                    f"the article is in {language_name(reference)} ({reference})",
                    start=start,
                    end=end,
                    evidence=f"{reference}->{guess.base}:{para[:80]}",
                )


_PACKED: dict[int, tuple] = {}


def _packed_languages(packs) -> tuple[str, ...]:
    """Languages with a function-word list, computed once per loaded pack set."""
    hit = _PACKED.get(id(packs))
    if hit is not None and hit[0]() is packs:
        return hit[1]
    langs = tuple(packs.languages("function-words"))
    try:
        _PACKED[id(packs)] = (weakref.ref(packs), langs)
    except TypeError:  # a pack set that cannot be weakly referenced: no cache
        pass
    return langs


class _Judge:
    """Per-article helper: the cheap test first, langdetect only when in doubt."""

    def __init__(self, ctx, opts: Options) -> None:
        self._ctx = ctx
        self._opts = opts
        self._words: dict[str, frozenset[str] | None] = {}

    def _function_words(self, lang: str) -> frozenset[str] | None:
        if lang not in self._words:
            words = None
            packs = self._ctx.packs
            if lang in _packed_languages(packs):
                words = _function_words(tuple(packs.get("function-words", lang).phrases))
            self._words[lang] = words
        return self._words[lang]

    def accepts(self, text: str, lang: str) -> bool:
        """The cheap test: function-word density, or a script only one language uses."""
        words = self._function_words(lang)
        if words and self._opts.function_word_share > 0:
            if function_word_share(text, words) >= self._opts.function_word_share:
                return True
        return _script_language(text) == lang

    def guess(self, text: str) -> Guess | None:
        """The script's answer where it gives one (kana, hangul, Han), else langdetect's.

        langdetect reads CJK text by its Latin names and numbers: a Chinese
        paragraph listing people's names came back "no" (Norwegian) at p=0.99999.
        """
        script = _script_language(text)
        if script is not None:
            return Guess(script, 1.0)
        return self._ctx.services.detect_language(text)

    def reference(self, text: str) -> Guess | None:
        """The language of an article that declares none: the cheap tests first.

        Blogs rarely declare ``lang``; asking langdetect for every article
        cost more than all other rules together. Text dense in one packed
        language's function words, and far denser than in any other pack, is
        that language. The bar is higher than for confirming a declared
        language (0.2, three times the runner-up): Italian reaches 0.12 on the
        French list, and a wrong reference makes every paragraph "differ".
        """
        if self._opts.function_word_share > 0:
            shares = []
            for lang in _packed_languages(self._ctx.packs):
                words = self._function_words(lang)
                if words:
                    shares.append((function_word_share(text, words), lang))
            shares.sort(reverse=True)
            if shares:
                best, lang = shares[0]
                second = shares[1][0] if len(shares) > 1 else 0.0
                if best >= max(_REFERENCE_SHARE, self._opts.function_word_share) and best >= 3 * second:
                    return Guess(lang, 1.0)
        return self.guess(text)

    def same(self, a: str, b: str) -> bool:
        if a == b:
            return True
        return any(a in group and b in group for group in self._opts.equivalent)

    def differs(self, text: str, lang: str, unless=None) -> Guess | None:
        """langdetect's guess when it confidently says ``text`` is not ``lang``
        (and ``unless(text)``, tried only when the cheap test fails, is false)."""
        if self.accepts(text, lang) or (unless is not None and unless(text)):
            return None
        guess = self.guess(text)
        if guess is None or guess.prob < self._opts.min_probability or self.same(guess.base, lang):
            return None
        return guess


CHECKS: list[Check] = [LanguageCheck()]
CORPUS_CHECKS: list[CorpusCheck] = []
