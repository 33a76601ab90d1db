"""Placeholder: checks of this part of the residue family are listed here when written."""

from __future__ import annotations

from .base import Check, CorpusCheck

CHECKS: list[Check] = []
CORPUS_CHECKS: list[CorpusCheck] = []
