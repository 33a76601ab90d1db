"""Language identification as a service: langdetect, deterministic, built once.

Rules never import langdetect. They get :func:`detect` through
``ctx.services.detect_language`` and hand it a text; the service returns a
:class:`Guess` or ``None`` (no usable features). langdetect is imported on
first use only, so ``newslint check one.md`` with the language rules off
never pays for it, and its 55 profiles are loaded once per process (about
0.4 s) into one factory that every call reuses.

Determinism: langdetect samples n-grams at random. The factory here carries
``seed = 0`` as an *instance* attribute (langdetect's ``Detector`` reads
``factory.seed`` and reseeds its own ``random.Random`` before every text),
and profiles are loaded in sorted file order, so the same text gives the
same answer on every run, in every worker and on every machine — without
touching langdetect's class-level state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: langdetect's codes that are not plain ISO 639-1 base subtags.
_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "nb": "no", "nn": "no"}


def base_lang(tag: str | None) -> str:
    """The primary subtag of a BCP 47 tag, lower-cased: ``zh-TW`` → ``zh``."""
    if not tag:
        return ""
    base = tag.strip().replace("_", "-").split("-")[0].lower()
    return _ALIASES.get(base, base)


@dataclass(frozen=True, slots=True)
class Guess:
    """langdetect's best language for a text (``zh-cn`` style) and its probability."""

    lang: str
    prob: float
    runner_up: str | None = None

    @property
    def base(self) -> str:
        return base_lang(self.lang)


@lru_cache(maxsize=1)
def _factory():
    """One langdetect factory per process, profiles loaded in a stable order."""
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    profiles = []
    for name in sorted(os.listdir(PROFILES_DIRECTORY)):
        if name.startswith("."):
            continue
        with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as fh:
            profiles.append(fh.read())
    factory.load_json_profile(profiles)
    factory.seed = 0  # instance attribute: Detector reseeds from it for every text
    return factory


def detect(text: str, max_chars: int = 10_000) -> Guess | None:
    """langdetect's guess for ``text``; ``None`` when it finds no features.

    ``max_chars`` caps the text langdetect reads (it is linear in length;
    callers sample rather than pass whole pages).
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.set_max_text_length(max_chars)
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None
    if not ranked:
        return None
    second = ranked[1].lang if len(ranked) > 1 else None
    return Guess(ranked[0].lang, float(ranked[0].prob), second)


def warm() -> None:
    """Load the profiles now (benchmarks and pool initialisers)."""
    _factory()


__all__ = ["Guess", "base_lang", "detect", "warm"]
