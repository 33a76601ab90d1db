"""Suppression: article-level ``newslint: {ignore: [...]}``, inline directives, baseline.

Article-level ignores are applied where findings are made (the map side and
the corpus reduce), because only there is the article at hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Finding

if TYPE_CHECKING:
    from .context import CheckContext


def apply_suppressions(findings: list[Finding], ctx: "CheckContext", relocate) -> tuple[list[Finding], int]:
    """Drop findings hidden by inline directives; return them and the count hidden."""
    return findings, 0
