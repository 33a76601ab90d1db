"""Small, fully predictable checks for the workflow tests (suppression, baseline, fix, cache).

The shipped rules change as they are tuned; these do not, so the tests of the
machinery around rules test only the machinery. Each is a real Check going
through the real engine, readers and fixer.
"""

from __future__ import annotations

from newslint.model import Edit, Fix, Severity
from newslint.rules import metadata
from newslint.rules.base import Check, Hit, Registry, Rule


def _rule(code: str, name: str, fix: str | None = None) -> Rule:
    return Rule(code=code, name=name, severity=Severity.WARNING, summary=f"test rule {name}",
                why="x" * 90, fires="x", quiet="y", fix=fix)


CHROME = _rule("NL291", "test-chrome-line", fix="drop the line")
TYPO = _rule("NL292", "test-teh", fix="teh → the")
CREDIT = _rule("NL293", "test-credit-in-body", fix="move to images[0].credit")
WIDE = _rule("NL294", "test-wide-edit")


class ChromeCheck(Check):
    """A body line that is exactly ``Top``: fix deletes the line (safe)."""

    rules = (CHROME,)

    def check(self, doc, ctx):
        for line in doc.lines:
            if line.text.strip() == "Top":
                start = line.start
                end = min(line.end + 1, len(doc.body))
                yield Hit("NL291", "chrome line 'Top'", start=line.start, end=line.end,
                          fix=Fix(message="remove", edits=(Edit(pointer="/body", start=start, end=end,
                                                                replacement=""),)))


class TypoCheck(Check):
    """``teh`` in the title or body; fix writes ``the`` (title fix is unsafe, to test the flag)."""

    rules = (TYPO,)

    def check(self, doc, ctx):
        fields = [("/body", doc.body, "safe")]
        if doc.article.title:
            fields.append(("/title", doc.article.title, "unsafe"))
        for pointer, text, applicability in fields:
            pos = text.find("teh")
            while pos >= 0:
                yield Hit("NL292", "typo 'teh'", pointer=pointer, start=pos, end=pos + 3,
                          fix=Fix(message="the", applicability=applicability,
                                  edits=(Edit(pointer=pointer, start=pos, end=pos + 3, replacement="the"),)))
                pos = text.find("teh", pos + 3)


class CreditCheck(Check):
    """A body line ``Photo by X``: fix removes it and writes X to /images/0/credit."""

    rules = (CREDIT,)

    def check(self, doc, ctx):
        if doc.data is None:
            return
        for line in doc.lines:
            text = line.text.strip()
            if text.startswith("Photo by "):
                credit = text[len("Photo by "):]
                edits = [Edit(pointer="/body", start=line.start, end=min(line.end + 1, len(doc.body)),
                              replacement="")]
                images = doc.data.get("images") or []
                if not (images and isinstance(images[0], dict) and images[0].get("credit")):
                    edits.append(Edit(pointer="/images/0/credit", start=0, end=0, replacement=credit))
                yield Hit("NL293", f"credit {credit!r} in the body", start=line.start, end=line.end,
                          fix=Fix(message="move credit", edits=tuple(edits)))


class WideCheck(Check):
    """``WIDE`` anywhere: a fix that overlaps other fixes (replaces the whole line)."""

    rules = (WIDE,)

    def check(self, doc, ctx):
        for line in doc.lines:
            if "WIDE" in line.text:
                yield Hit("NL294", "wide", start=line.start, end=line.end,
                          fix=Fix(message="wide", edits=(Edit(pointer="/body", start=line.start, end=line.end,
                                                              replacement=line.text.replace("WIDE", "narrow")),)))


def registry() -> Registry:
    return Registry(
        checks=[*metadata.CHECKS, ChromeCheck(), TypoCheck(), CreditCheck(), WideCheck()],
        corpus_checks=list(metadata.CORPUS_CHECKS),
    )


def settings(**values):
    """Settings with the shipped schema off the path: only our test rules and NL1xx."""
    from newslint.settings import Settings

    values.setdefault("select", ["NL102", "NL104", "NL107", "NL291", "NL292", "NL293", "NL294"])
    return Settings.model_validate(values)
