"""Every rule newslint has, listed explicitly, family by family.

Where a rule lives: ``NL1xx`` metadata.py, ``NL2xx`` residue.py, ``NL3xx``
credits.py, ``NL4xx`` dated.py, ``NL5xx`` duplication.py, ``NL6xx`` links.py,
``NL7xx`` language.py. Each module ends with ``CHECKS`` and ``CORPUS_CHECKS``.
"""

from __future__ import annotations

from . import credits, dated, duplication, language, links, metadata, residue
from .base import Check, CorpusCheck, Hit, Registry, Rule

_FAMILIES = (metadata, residue, credits, dated, duplication, links, language)

REGISTRY = Registry(
    checks=[chk for module in _FAMILIES for chk in module.CHECKS],
    corpus_checks=[chk for module in _FAMILIES for chk in module.CORPUS_CHECKS],
)

__all__ = ["REGISTRY", "Check", "CorpusCheck", "Hit", "Registry", "Rule"]
