"""NL2xx — residue: the web page around the story, left in the text by scrapers.

The family is split by what the checks read:
- ``residue_lines.py``: whole lines and runs of lines (UI chrome, navigation
  runs, leaked bylines/dates/URLs, pasted teaser blocks) — NL201–NL219;
- ``residue_text.py``: characters inside lines (whitespace, NBSP, zero-width,
  HTML leaks, mojibake, glued words) — NL220–NL239;
- ``residue_boilerplate.py``: site-wide boilerplate across the corpus.
"""

from __future__ import annotations

from . import residue_boilerplate, residue_lines, residue_text
from .base import Check, CorpusCheck

CHECKS: list[Check] = [*residue_lines.CHECKS, *residue_text.CHECKS]
CORPUS_CHECKS: list[CorpusCheck] = [*residue_boilerplate.CORPUS_CHECKS]
