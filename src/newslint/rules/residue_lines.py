"""NL201–NL209 — residue lines: the page around the story, line by line.

One check reads the body once. Each line gets a class (prose, a short
non-sentence line, UI chrome, a tag label, a date strip, a byline, a bare
URL, …) from cheap shape tests and at most three RE2 calls on the union of
the residue lexicons (``rules/ui-residue.*.yaml``, ``rules/metadata-strips.*.yaml``);
long prose lines skip the lexicons altogether. A second, cheap pass over the
classes finds the blocks: pasted teasers after a related-articles heading and
runs of short lines that are navigation.

Words that are chrome only in context ("Home", "Share", "Top", "news") are
reported only next to other non-prose lines or at the edge of the body, so a
sub-heading "Privacy" between two paragraphs stays quiet. Lengths are counted
in display units (a CJK character counts two) and sentences end in any
script's full stop (。！？ too), so the block rules work without spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from ..model import Edit, Fix, Severity
from . import residue_linekit as kit
from .base import Check, Hit, Rule

# ----------------------------------------------------------------- the rules

CHROME = Rule(
    code="NL201",
    name="ui-chrome-line",
    severity=Severity.WARNING,
    summary="A line that is interface text of the web page: a button, link or widget label.",
    why=(
        "\"Top\", \"Loading\", \"View All\", \"Advertisement\" or \"Skip to content\" were "
        "buttons and links on the page, not words of the story. Left in the body they "
        "are read aloud by screen readers and text-to-speech, show up in search snippets "
        "and summaries, and teach a model trained on the corpus that articles end in "
        "\"Loading\". Generic words (\"Home\", \"Share\", \"Top\") count only next to other "
        "non-prose lines or at the start or end of the body, so a sub-heading stays quiet."
    ),
    fires="Top\n\nShanghai officials signal openness to stablecoins\n\n...\n\nLoading",
    quiet="Loading times fell by half after the upgrade.",
    fix="Delete the line (safe).",
)

PHRASE = Rule(
    code="NL202",
    name="ui-chrome-phrase",
    severity=Severity.WARNING,
    summary="A short line holds a UI prompt or banner: 'Read more: …', cookie, newsletter or copyright text.",
    why=(
        "Prompts such as \"Read more: <another headline>\", \"Story continues below "
        "advertisement\", \"Sign up for our newsletter\", \"We use cookies\" or \"© 2019 … "
        "All rights reserved\" belong to the page template. They interrupt the story, "
        "repeat across every article of a site and mislead summaries. Only specific "
        "phrases count, and only in short lines, so reporting about newsletters or "
        "cookies stays quiet."
    ),
    fires="Read more: Ten things to know about stablecoins",
    quiet="The newsletter reached 40,000 readers, the publisher said.",
    fix="Delete the line after checking it holds no story text (unsafe).",
)

TAG = Rule(
    code="NL203",
    name="lone-tag-label",
    severity=Severity.WARNING,
    summary="A section or tag label ('news', 'Politics') standing alone on a line.",
    why=(
        "Teaser cards and breadcrumbs carry a section label; when the card is scraped "
        "the label becomes a one-word paragraph. It says nothing to the reader and "
        "splits the story. Labels count only next to other non-prose lines or at the "
        "edge of the body; a line equal to the article's own section or one of its "
        "tags counts too."
    ),
    fires="...rules out its stablecoin regulation this summer.\n\nnews\nPolicy & Regulation·",
    quiet="The news spread quickly through the market.",
    fix="Delete the line (safe).",
)

NAV = Rule(
    code="NL204",
    name="navigation-run",
    severity=Severity.WARNING,
    summary="Three or more short non-sentence lines in a row: a menu, footer or link list.",
    why=(
        "Menus, footers and section lists scrape as runs of short lines that are not "
        "sentences. They are not part of the story and drown it out in search indexes "
        "and training data. A lone sub-heading between paragraphs, bulleted or numbered "
        "items, key-value lists ('England (Group A): 10th appearance') and items that "
        "follow a line ending in a colon are content and stay quiet. Lengths are counted "
        "in display units and sentence ends in any script, so CJK and Cyrillic pages work."
    ),
    fires="Home\nWorld\nBusiness\nMarkets\nTechnology\n\nThe story begins here.",
    quiet="The watch adds:\nGPS\nOver 30% larger display\nHeart-rate alerts",
    fix="Delete the run after checking it (unsafe).",
)

STRIP = Rule(
    code="NL205",
    name="leaked-date-strip",
    severity=Severity.WARNING,
    summary="A date, timestamp or section/date strip from the page header standing in the body.",
    why=(
        "'Policy & Regulation·July 14, 2025, 1:12 AM', a lone 'Jun 19, 2025' or "
        "'Updated 3:04 PM ET' are the page's metadata, scraped as text. The date belongs "
        "in published_at, where it has a time zone and can be trusted; in the body it is "
        "noise, and when it comes from a teaser card it is the date of a different article."
    ),
    fires="Policy & Regulation·July 14, 2025, 1:12 AM",
    quiet="On July 14, 2025, the regulator met in Shanghai.",
    fix="Move the date into published_at/updated_at and delete the line (unsafe).",
)

BYLINE = Rule(
    code="NL206",
    name="leaked-byline",
    severity=Severity.WARNING,
    summary="A byline ('By Jane Doe | Updated 3:04 PM ET') standing in the body.",
    why=(
        "Bylines belong in the authors field, where feeds, search and attribution can "
        "use them. In the body they break the first paragraph and, for a pasted teaser, "
        "credit the wrong writer. A line counts when it starts with a byline word and "
        "continues with a name (and perhaps a date or agency), or equals one of the "
        "article's authors."
    ),
    fires="By Jane Doe | Updated 3:04 PM ET",
    quiet="By the end of the year, prices had doubled.",
    fix="Move the name into authors and delete the line (unsafe).",
)

URL = Rule(
    code="NL207",
    name="bare-url-line",
    severity=Severity.WARNING,
    summary="A bare URL or image URL standing as a paragraph.",
    why=(
        "An image URL alone on a line is an image the scraper could not render; a bare "
        "link is a widget or an embed. Neither is text a reader can use, and image URLs "
        "should live in images[]. In Markdown only image URLs count: a bare link on its "
        "own line is how many generators embed a video or a post."
    ),
    fires="https://asset.example.com/news/b9baf585.webp",
    quiet="The report is at https://example.org/report and runs to 40 pages.",
    fix="Move image URLs into images[] and delete the line (unsafe).",
)

EMAIL = Rule(
    code="NL208",
    name="contact-line",
    severity=Severity.INFO,
    summary="An email address on its own line, or a 'Write to … at …' contact line.",
    why=(
        "Contact boxes ('Write to Jane Doe at jane@example.com') are page furniture. "
        "In a corpus they leak personal addresses into indexes and training data, and "
        "when a teaser was pasted they name the wrong reporter."
    ),
    fires="jane.doe@example.com",
    quiet="Readers can write to letters@example.com with corrections, the editor said.",
    fix="Delete the line (unsafe).",
)

TEASER = Rule(
    code="NL209",
    name="pasted-teasers",
    severity=Severity.WARNING,
    summary="Teasers of other articles pasted after a related-articles heading ('More to Read', 'Related').",
    why=(
        "A related-articles widget scraped with the page puts other stories' titles, "
        "dates and even whole bodies after the story, so the article seems to say what "
        "other articles said, and summaries, duplicate detection and language models "
        "are all misled. The block runs from the heading to the last line that still "
        "looks like a teaser; story text that resumes after it stays quiet."
    ),
    fires="...the end of the story.\n\nMore to Read\nOther headline\n\nOther body text.\n\nnews",
    quiet="Related companies reported similar results.",
    fix="Delete the block after checking it (unsafe).",
)


class LineResidueOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: short non-sentence lines in a row that make a navigation run (NL204)
    nav_min_lines: int = Field(3, ge=2)
    #: longest line, in display units (a CJK character counts two), that can be a nav item
    nav_max_units: int = Field(64, ge=8)
    #: longest line, in display units, that can be a headline in a list of links
    headline_max_units: int = Field(130, ge=20)
    #: longest line, in display units, looked up in the line lexicons
    chrome_max_units: int = Field(80, ge=8)
    #: longest line, in characters, searched for UI prompts and bylines (NL202, NL206)
    phrase_max_chars: int = Field(400, ge=20)
    #: longest line, in characters, that can be a date strip or byline (NL205, NL206)
    strip_max_chars: int = Field(160, ge=20)
    #: story-like paragraphs a teaser block may hold in a row (NL209)
    teaser_max_prose: int = Field(2, ge=0)


# ----------------------------------------------------------------- classes

BLANK, PROSE, SHORT, LIST, STRUCT, TOC = "blank", "prose", "short", "list", "struct", "toc"
#: lines with no words: symbols ("►", "|"), numbers and counts ("1", "(5)", "$139"),
#: a single lower-case word. They join a run or a block they stand in, but never
#: make one and are not reported alone ("---" may be a section break).
FILLER = "filler"
#: a long line without a sentence end (or cut short with "..."): a headline or a
#: teaser; a run of them after the story is a list of links
HEADLINE = "headline"
CHROME_C, CONTEXT_C, MARKER_C, TAG_C, TAGCTX_C = "chrome", "context", "marker", "tag", "tagctx"
PHRASE_C, META_C, BYLINE_C, URL_C, EMAIL_C = "phrase", "meta", "byline", "url", "email"

#: classes reported line by line (each has its own finding)
REPORTED = frozenset({CHROME_C, MARKER_C, TAG_C, PHRASE_C, META_C, BYLINE_C, URL_C, EMAIL_C})
_CODE = {CHROME_C: "NL201", MARKER_C: "NL201", PHRASE_C: "NL202", TAG_C: "NL203",
         META_C: "NL205", BYLINE_C: "NL206", URL_C: "NL207", EMAIL_C: "NL208"}
_SAFE = frozenset({CHROME_C, MARKER_C, TAG_C})
_LINE_CLASS = {"ui-chrome": CHROME_C, "ui-chrome-context": CONTEXT_C,
               "teaser-markers": MARKER_C, "ui-tag-labels": TAGCTX_C, "toc-headings": TOC}
_STRUCT_KINDS = frozenset({"heading", "table", "code", "html", "quote"})

_DETERMINERS = frozenset("the a an this that these those his her their our my its your all some "
                         "many most each every no any far now then".split())
_ABBREV = re.compile(r"(?:\b[A-Z]|Jr|Sr|Inc|Co|Ltd|Corp|Dr|Mr|Ms|Mrs)\.$")
_PARTICLES = frozenset("and & de del della der den van von da di du la le los las bin ibn al el "
                       "y e und et i и".split())


@dataclass(slots=True)
class Cls:
    kind: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DocLabels:
    """What the article's own metadata says a leaked line would look like."""

    authors: frozenset[str]
    labels: frozenset[str]

    @classmethod
    def of(cls, article) -> "DocLabels":
        authors = frozenset(a.strip().casefold() for a in article.authors if isinstance(a, str) and a.strip())
        labels = {t.strip().casefold() for t in article.tags if isinstance(t, str) and t.strip()}
        if article.section and article.section.strip():
            labels.add(article.section.strip().casefold())
        return cls(authors, frozenset(labels))


def classify(line, programs: kit.Programs, labels: DocLabels, opts: LineResidueOptions,
             markdown: bool, chrome_hit: bool = True, phrase_hit: bool = True) -> Cls:
    """The class of one body line. Pure; all lexicon work goes through ``programs``.

    ``chrome_hit``/``phrase_hit`` say whether the whole-body screens saw a
    line-lexicon phrase / an inline phrase on this line; without them the
    line is not looked up again.
    """
    s = line.text.strip()
    if not s or line.kind == "blank":
        return Cls(BLANK)
    if line.kind in _STRUCT_KINDS:
        return Cls(STRUCT)
    in_list = line.kind == "list"
    n = len(s)
    if " " not in s:
        if kit.URL_LINE.match(s) and not in_list:
            image = kit.IMAGE_EXT.search(s) is not None
            if image or not markdown:
                return Cls(URL_C, "image URL" if image else "URL")
        if kit.EMAIL_LINE.match(s) and not in_list:
            return Cls(EMAIL_C, "email address")
        if kit.DOMAIN_LINE.match(s) and not in_list:
            return Cls(URL_C, "site name")
    if n > opts.strip_max_chars and not (phrase_hit and n <= opts.phrase_max_chars):
        # a paragraph: only an inline phrase could make it residue
        return Cls(LIST if in_list or kit.LIST_MARKER.match(s) else PROSE)
    u = kit.units(s) if n <= opts.headline_max_units else n  # units >= characters
    if u <= opts.chrome_max_units:
        hit = programs.match_line(s) if chrome_hit else None
        if hit is not None:
            kind = _LINE_CLASS[hit[0]]
            if kind == TOC:
                return Cls(TOC, s)
            if not in_list or kind == CHROME_C:
                return Cls(kind, s)
        if not in_list:
            folded = s.casefold()
            if folded in labels.authors:
                return Cls(BYLINE_C, s)
            if folded in labels.labels:
                return Cls(TAGCTX_C, s)
    found = programs.search_inline(s) if phrase_hit else None
    if found is not None:
        name, start, end = found
        if name == "byline-leads":
            if not in_list and n <= opts.strip_max_chars and _is_byline(s, end, programs):
                return Cls(BYLINE_C, s)
        elif not _quoted(s, start):
            return Cls(PHRASE_C, s[start:end])
    if not in_list and n <= opts.strip_max_chars:
        if (n <= 60 or not kit.is_sentence(s)) and kit.DIGIT.search(s):
            strip = _strip_kind(s, programs)
            if strip:
                return Cls(META_C, strip)
        if n <= 48 and s[-1] in kit.STRIP_SEPARATORS and kit.DANGLING.match(s) and kit.units(s) <= 48:
            return Cls(META_C, "section label")
        if ("@" in s or "://" in s) and kit.CONTACT.match(s):
            return Cls(EMAIL_C, "contact line")
        if not markdown and "://" in s and kit.LABELLED_URL.match(s):
            return Cls(URL_C, "labelled link")
    if in_list or kit.LIST_MARKER.match(s):
        return Cls(LIST)
    if u > opts.headline_max_units:
        return Cls(PROSE)
    if s[-1] in "{};=" or kit.CODE_OR_TABLE.search(s):
        return Cls(LIST)  # code or a box-drawn table pasted as text
    if not (s[0].isalpha() or kit.has_letter(s)) or (" " not in s and u <= 20 and kit.starts_lower(s)):
        return Cls(FILLER)
    if kit.starts_lower(s):
        return Cls(PROSE)  # a sentence going on from the line before
    if kit.is_truncated(s):
        return Cls(HEADLINE)  # a teaser snippet cut short with "..."
    if kit.is_sentence(s) or kit.last_char(s) in kit.CONTINUATION_END:
        return Cls(PROSE)  # a sentence, or one that goes on across the line break
    if u > opts.nav_max_units:
        return Cls(HEADLINE)
    if kit.KEY_VALUE.match(s) and kit.units(s.split(":", 1)[-1].split("：", 1)[-1]) <= 40:
        return Cls(LIST)
    return Cls(SHORT)


def _quoted(s: str, start: int) -> bool:
    """The phrase is quoted in prose ("a pop-up saying 'We use cookies'")."""
    before = s[:start].rstrip()
    return bool(before) and before[-1] in "\"'“‘«„「『"


def _strip_kind(s: str, programs: kit.Programs) -> str:
    """'date strip' / 'section and date strip' if the line is one, else ''."""
    if not programs.has_anchor(s):
        return ""
    rest = []
    pos = 0
    for start, end in programs.meta_tokens(s):
        rest.append(s[pos:start])
        pos = end
    rest.append(s[pos:])
    leftover = " ".join(rest)
    separated = any(ch in leftover for ch in kit.STRIP_SEPARATORS)
    pieces = leftover.replace("|", " ").replace("·", " ").replace("•", " ").split()
    if any(ch.isdigit() for w in pieces for ch in w):
        return ""  # another number: a table row or a score, not a date strip
    words = [w for w in pieces if kit.has_letter(w)]
    if not words:
        # "Jun 19, 2025" or "09:30" is a card's date; "March 2020" alone may be a
        # timeline's sub-heading (and a run of them an archive menu, NL204)
        return "" if kit.month_only(s) else "date strip"
    if kit.is_sentence(s) and len(words) > 1:
        return ""
    if separated and len(words) <= 6:
        return "section and date strip"
    if len(words) <= 2 and all(not kit.starts_lower(w) for w in words):
        return "date strip"
    return ""


def _is_byline(s: str, lead_end: int, programs: kit.Programs) -> bool:
    """After a byline lead: a name, then nothing or a date/agency/contact tail.

    "By Jane Doe", "By Jane Doe | Updated 3:04 PM ET", "By Jane Doe on Monday,
    March 3rd, 2025", "By Jane Doe, Example News" are bylines; "By the end of
    the year, prices doubled" is not (a determiner, lower-case words).
    """
    rest = s[lead_end:].strip(" :：-–—|")
    if not rest:
        return True
    name, tail = rest, ""
    for sep in (" | ", "|", " · ", "·", " • ", "•", " / ", "／", " - ", " – ", " — "):
        if sep in rest:
            name, tail = rest.split(sep, 1)
            break
    # a date after the name ("… on Monday, March 3rd, 2025 at 11:04 a.m.")
    if programs.has_anchor(name):
        cut = programs.meta_tokens(name)[0][0]
        name, tail = name[:cut], name[cut:] + (" | " + tail if tail else "")
    words = name.replace(",", " , ").split()
    if not words or len(words) > 9:
        return False
    if words[0].casefold() in _DETERMINERS:
        return False
    end = kit.last_char(name)
    if end in kit.SENTENCE_END and not (end == "." and _ABBREV.search(name.rstrip())):
        return False  # "By then, prices had doubled." is a sentence
    names = 0
    for w in words:
        if w == "," or w.casefold() in _PARTICLES:
            continue
        if kit.EMAIL.fullmatch(w.strip("()<>")) or not kit.has_letter(w) or w.startswith("@"):
            continue  # an address, a handle or a phone number next to the name
        if kit.starts_lower(w):
            return False  # a lower-case word in a cased script: prose, not a name
        names += 1
    if names == 0:
        return False
    return not tail.strip() or not _leftover_words(tail, programs) or len(tail.split()) <= 4


def _leftover_words(text: str, programs: kit.Programs) -> list[str]:
    """Words of ``text`` that are not date, time, zone or strip-label tokens."""
    rest, pos = [], 0
    for start, end in programs.meta_tokens(text):
        rest.append(text[pos:start])
        pos = end
    rest.append(text[pos:])
    return [w for w in " ".join(rest).split() if kit.has_letter(w)]


# ----------------------------------------------------------------- the check


class LineResidueCheck(Check):
    """NL201–NL209 in one pass over ``doc.lines``."""

    rules = (CHROME, PHRASE, TAG, NAV, STRIP, BYLINE, URL, EMAIL, TEASER)
    Options = LineResidueOptions

    def __init__(self) -> None:
        self._programs = kit.ProgramCache()

    def check(self, doc, ctx) -> Iterator[Hit]:
        lines = doc.lines
        if not lines:
            return
        opts = ctx.opts(self)
        programs = self._programs.get(ctx, doc.article.lang)
        labels = DocLabels.of(doc.article)
        markdown = doc.markup == "markdown"
        chrome_lines, phrase_lines = programs.screen(lines)
        classes = [classify(line, programs, labels, opts, markdown,
                            i in chrome_lines, i in phrase_lines)
                   for i, line in enumerate(lines)]
        _resolve_context(classes)
        blocks = list(_teaser_blocks(classes, opts))
        in_block = set()
        for first, last, _ in blocks:
            in_block.update(range(first, last + 1))
        runs = list(_nav_runs(classes, lines, in_block, opts))

        for i, c in enumerate(classes):
            if c.kind in REPORTED:
                yield _line_hit(c, i, lines)
        for first, last, marker in blocks:
            count = sum(1 for j in range(first, last + 1) if classes[j].kind != BLANK)
            heading = lines[marker].text.strip()
            yield Hit("NL209",
                      f"{count} lines of other articles pasted after the related-articles heading "
                      f"{heading!r} (body line {marker + 1})",
                      start=lines[first].start, end=lines[last].end,
                      fix=Fix(message="Delete the pasted teasers", applicability="unsafe",
                              edits=(_delete_lines(lines, first, last),)))
        for first, last, count in runs:
            yield Hit("NL204",
                      f"navigation run: {count} short non-sentence lines in a row look like a menu "
                      f"or link list, not story text",
                      start=lines[first].start, end=lines[last].end,
                      fix=Fix(message="Delete the navigation run", applicability="unsafe",
                              edits=(_delete_lines(lines, first, last),)))


def _line_hit(c: Cls, i: int, lines) -> Hit:
    line = lines[i]
    text = line.text
    lead = len(text) - len(text.lstrip())
    start, end = line.start + lead, line.start + len(text.rstrip())
    code = _CODE[c.kind]
    shown = text.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if c.kind == CHROME_C:
        message = f"UI chrome line {shown!r}"
    elif c.kind == MARKER_C:
        message = f"UI chrome line {shown!r}: the heading of a related-articles widget"
    elif c.kind == TAG_C:
        message = f"lone tag label {shown!r}"
    elif c.kind == PHRASE_C:
        message = f"UI prompt in the text: {c.detail!r}"
    elif c.kind == META_C:
        message = f"leaked {c.detail} {shown!r}"
    elif c.kind == BYLINE_C:
        message = f"leaked byline {shown!r}"
    elif c.kind == URL_C:
        message = f"bare {c.detail} standing as a paragraph"
    else:
        message = f"{c.detail} {shown!r} standing in the body"
    safe = c.kind in _SAFE
    fix = Fix.model_construct(message=f"Delete the line {shown!r}",
                              applicability="safe" if safe else "unsafe",
                              edits=(_delete_lines(lines, i, i),))
    return Hit(code, message, start=start, end=end, fix=fix)


def _delete_lines(lines, first: int, last: int) -> Edit:
    """Delete lines ``first..last`` with their line break, and one blank line after
    them when they stand between blank lines (so no double gap is left)."""
    start = lines[first].start
    if last + 1 < len(lines):
        end = lines[last + 1].start
        nxt = lines[last + 1]
        prev_blank = first == 0 or not lines[first - 1].text.strip()
        if not nxt.text and prev_blank and last + 2 < len(lines):
            end = lines[last + 2].start
    elif first > 0:
        start, end = lines[first - 1].end, lines[last].end
    else:
        end = lines[last].end
    # built without validation: the values are ours and of the right types
    return Edit.model_construct(pointer="/body", start=start, end=end, replacement="")


# ----------------------------------------------------------------- context and blocks

_NONPROSE = frozenset({SHORT, HEADLINE, LIST, FILLER, CHROME_C, CONTEXT_C, MARKER_C, TAG_C, TAGCTX_C, PHRASE_C,
                       META_C, BYLINE_C, URL_C, EMAIL_C})


def _resolve_context(classes: list[Cls]) -> None:
    """Generic words count as chrome or tag labels only next to non-prose or at an edge."""
    solid = [i for i, c in enumerate(classes) if c.kind != BLANK]
    for pos, i in enumerate(solid):
        kind = classes[i].kind
        if kind not in (CONTEXT_C, TAGCTX_C):
            continue
        prev = classes[solid[pos - 1]].kind if pos > 0 else None
        nxt = classes[solid[pos + 1]].kind if pos + 1 < len(solid) else None
        if prev is None or nxt is None or prev in _NONPROSE or nxt in _NONPROSE:
            classes[i].kind = CHROME_C if kind == CONTEXT_C else TAG_C
        else:
            classes[i].kind = SHORT


_EXPLICIT = frozenset({CHROME_C, MARKER_C, TAG_C, PHRASE_C, META_C, BYLINE_C, URL_C, EMAIL_C})


def _teaser_blocks(classes: list[Cls], opts: LineResidueOptions) -> Iterator[tuple[int, int, int]]:
    """``(first, last, marker)`` of each block of teasers after a widget heading.

    After the heading, teaser-like lines (titles, dates, labels, chrome, list
    items) extend the block. Story-like paragraphs join it only when teaser
    material follows them (a title after one paragraph, or chrome, a label or a
    date after up to ``teaser_max_prose``), or when they run to the end of the
    body; a longer stretch of prose means the story has resumed.
    """
    n = len(classes)
    i = 0
    while i < n:
        if classes[i].kind != MARKER_C:
            i += 1
            continue
        marker = i
        last = marker
        pending = 0
        titled = False  # the pending prose follows a teaser title
        titles = 0  # titles in a row without a teaser text between them
        j = marker + 1
        while j < n:
            kind = classes[j].kind
            if kind == BLANK:
                pass
            elif kind in _EXPLICIT:
                last, pending, titled, titles = j, 0, False, 0
            elif kind in (SHORT, HEADLINE, LIST, FILLER):
                if pending > 1 or (pending and not titled):
                    break  # prose straight after the heading, then a sub-heading: the story
                if pending:
                    titles = 0
                last, pending, titled = j, 0, True
                titles += kind != FILLER
            elif kind == PROSE:
                if titles >= 2 and not pending:
                    break  # after a list of bare links, prose is the story resuming
                pending += 1
                if pending > opts.teaser_max_prose:
                    break
            else:  # authored structure (headings, tables, code): the story goes on
                break
            j += 1
        if j >= n and 0 < pending <= opts.teaser_max_prose:
            last = max(k for k in range(n) if classes[k].kind != BLANK)
        first = marker + 1
        # lines reported on their own are left out at both ends of the block
        while first <= last and (classes[first].kind in REPORTED or classes[first].kind == BLANK):
            first += 1
        end = last
        while end >= first and (classes[end].kind in REPORTED or classes[end].kind == BLANK):
            end -= 1
        if first <= end:
            yield first, end, marker
        i = max(last, marker) + 1


def _nav_runs(classes: list[Cls], lines, in_block: set[int],
              opts: LineResidueOptions) -> Iterator[tuple[int, int, int]]:
    """``(first, last, count)`` of runs of short non-sentence lines outside teaser blocks.

    A run before the story starts or after it ends (no prose on one side), or
    one that touches other residue (chrome, a date strip, a tag label), is
    navigation when most of its items look like menu labels (a few words, no
    comma, not a number) or like headlines of a link list. A run inside the
    story that touches no residue is a list of the story's own ("Friday /
    Saturday / Sunday", a team list that lost its bullets) and stays quiet.
    """
    n = len(classes)
    prose_upto = [0] * (n + 1)
    for k, c in enumerate(classes):
        prose_upto[k + 1] = prose_upto[k] + (c.kind == PROSE)
    i = 0
    while i < n:
        if classes[i].kind not in (SHORT, HEADLINE) or i in in_block:
            i += 1
            continue
        shorts = [i]
        near = False
        j = i + 1
        while j < n and j not in in_block:
            kind = classes[j].kind
            if kind in (SHORT, HEADLINE):
                shorts.append(j)
            elif kind in REPORTED:
                near = True
            elif kind not in (BLANK, FILLER):
                break
            j += 1
        i = j
        if len(shorts) < opts.nav_min_lines or _list_content(classes, lines, shorts):
            continue
        first, last = shorts[0], shorts[-1]
        edge = prose_upto[first] == 0 or prose_upto[n] - prose_upto[last + 1] == 0
        if not (edge or near or _neighbour_reported(classes, first, last)):
            continue  # inside the story and touching no residue: a list of the story's own
        headlines = sum(1 for k in shorts if classes[k].kind == HEADLINE)
        if headlines * 2 <= len(shorts):
            # a menu: most items are short labels
            texts = [lines[k].text.strip() for k in shorts]
            if sum(map(_label_like, texts)) * 2 < len(texts):
                continue
        yield first, last, len(shorts)


def _neighbour_reported(classes: list[Cls], first: int, last: int) -> bool:
    for k, step in ((first - 1, -1), (last + 1, 1)):
        while 0 <= k < len(classes) and classes[k].kind == BLANK:
            k += step
        if 0 <= k < len(classes) and classes[k].kind in REPORTED:
            return True
    return False


def _label_like(s: str) -> bool:
    """A menu label: a few words, no comma, not a number or a lower-case continuation."""
    if kit.month_only(s):
        return True  # an archive link: "November 2019", "2019年11月"
    if not kit.has_letter(s) or s[0].isdigit() or "," in s or kit.starts_lower(s):
        return False  # a price, a quantity, an entry of a list, a continuation
    size = kit.units(s)
    return size <= 40 and (size <= 30 or len(s.split()) <= 4)


def _list_content(classes: list[Cls], lines, shorts: list[int]) -> bool:
    """Short lines that are a list of the story: introduced by a colon or a contents heading."""
    k = shorts[0] - 1
    while k >= 0 and classes[k].kind == BLANK:
        k -= 1
    return k >= 0 and (classes[k].kind == TOC or kit.last_char(lines[k].text) in ":：")


CHECKS: list[Check] = [LineResidueCheck()]
