"""Regular expressions compiled the first time they are used.

Python's ``re`` spends milliseconds compiling a class of wide Unicode ranges
(CJK, Hangul, Thai): ``_optimize_charset`` walks every code point. A module
that compiles a few such patterns at import makes every ``newslint check``
start slower, though most articles are ASCII and never reach them. A
:class:`LazyPattern` compiles on first use and then gets out of the way: the
compiled pattern's methods are copied onto it, so later calls cost what a
plain ``re.Pattern`` call costs.
"""

from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split")


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)`` until first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        found = re.compile(self.pattern, self.flags)
        for name in _METHODS:
            setattr(self, name, getattr(found, name))
        self.compiled = lambda: found  # type: ignore[method-assign]
        return found

    def __getattr__(self, name: str):
        # Reached only before the first use (or for an attribute the pattern
        # has and we did not copy, such as ``groupindex``).
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return LazyPattern, (self.pattern, self.flags)
