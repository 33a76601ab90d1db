"""NL201–NL209, NL211, NL212 — residue lines: the page around the story, line by line.

One check reads the body once. Each line gets a class (prose, a short
non-sentence line, UI chrome, a tag label, a date strip, a byline, a bare
URL, …) from cheap shape tests and at most three RE2 calls on the union of
the residue lexicons (``rules/ui-residue.*.yaml``, ``rules/metadata-strips.*.yaml``);
long prose lines skip the lexicons altogether. A second, cheap pass over the
classes finds the blocks: pasted teasers after a related-articles heading,
comment threads, runs of short lines that are navigation (menus, lists of
headlines, gallery counters), and short labels standing outside the story.

Words that are chrome only in context ("Home", "Share", "Top", "news") are
reported only next to other non-prose lines or at the edge of the body, so a
sub-heading "Privacy" between two paragraphs stays quiet. Lengths are counted
in display units (a CJK character counts two) and sentences end in any
script's full stop (。！？ too), so the block rules work without spaces.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from ..model import Edit, Fix, Severity, construct
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
        "non-prose lines or at the start or end of the body, so a sub-heading stays quiet. "
        "In Markdown, the last line of a hard-wrapped paragraph ('like this:'), a line "
        "that introduces a code block and a definition-list term are the author's text."
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
    summary="A section or tag label ('news', 'Politics') standing alone on a line, or a short label outside the story.",
    why=(
        "Teaser cards and breadcrumbs carry a section label; when the card is scraped "
        "the label becomes a one-word paragraph. It says nothing to the reader and "
        "splits the story. Labels count only next to other non-prose lines or at the "
        "edge of the body; a line equal to the article's own section or one of its "
        "tags counts too. A short Title Case line before the first paragraph or after "
        "the last ('Space', 'Most Read', a bare byline name) counts as well, unless it "
        "repeats the title or stands among other short lines the story keeps; between "
        "paragraphs it is a sub-heading and stays quiet."
    ),
    fires="...rules out its stablecoin regulation this summer.\n\nnews\nPolicy & Regulation·",
    quiet="The news spread quickly through the market.",
    fix="Delete the line (safe).",
)

NAV = Rule(
    code="NL204",
    name="navigation-run",
    severity=Severity.WARNING,
    summary="Navigation: three or more short non-sentence lines in a row, a one-line menu, or a list of links.",
    why=(
        "Menus, footers and section lists scrape as runs of short lines that are not "
        "sentences. They are not part of the story and drown it out in search indexes "
        "and training data. The same goes for a menu or breadcrumb in one line ('Home | "
        "News | Sport'), teaser cards between lone '-' or '•' lines, Title Case headlines "
        "listed after the story, and a gallery counter split over lines ('1', 'of', "
        "'23'). A lone sub-heading between paragraphs, bulleted or numbered items, "
        "key-value lists ('England (Group A): 10th appearance') and items that follow a "
        "line ending in a colon are content and stay quiet. In Markdown, the lines of a "
        "hard-wrapped paragraph are one paragraph, and a list under the story's own "
        "sub-heading is the story's. Lengths are counted in "
        "display units and sentence ends in any script, so CJK and Cyrillic pages work."
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
        "noise, and when it comes from a teaser card it is the date of a different article. "
        "A line whose own label names a fact of the story ('Entry deadline: 29 November', "
        "'응모 마감: …', '応募締切：…') is the story's, unless the label is a metadata word "
        "('Updated:', 'Published on:')."
    ),
    fires="Policy & Regulation·July 14, 2025, 1:12 AM",
    quiet="On July 14, 2025, the regulator met in Shanghai.",
    fix="Move the date into published_at/updated_at and delete the line (unsafe).",
)

BYLINE = Rule(
    code="NL206",
    name="leaked-byline",
    severity=Severity.WARNING,
    summary="A byline ('By Jane Doe | Updated 3:04 PM ET', 'Jane Doe, Staff Writer') or author bio in the body.",
    why=(
        "Bylines belong in the authors field, where feeds, search and attribution can "
        "use them. In the body they break the first paragraph and, for a pasted teaser, "
        "credit the wrong writer. A line counts when it starts with a byline word and "
        "continues with a name (and perhaps a date or agency); when it is a name with a "
        "role, an agency or a handle ('Jane Doe, Staff Writer', 'Tom Berg Associated "
        "Press', 'Jane Doe @janedoe'); when it lists wire contributors ('Reporting by … ; "
        "Editing by …'); when it equals one of the article's authors; or when the last "
        "paragraph is the author's bio box ('Jane Doe is a freelance writer based in …'). "
        "In Markdown a byline in bold or italics counts too ('**Authors:** Jane Doe'). When "
        "the article has no authors the line is its only credit: the message names it and "
        "no fix deletes it, and in a Markdown page, where crediting authors in the body is "
        "often the site's own convention, it is only a suggestion (info); when the byline "
        "names someone the authors do not, the message says so."
    ),
    fires="By Jane Doe | Updated 3:04 PM ET",
    quiet="By the end of the year, prices had doubled.",
    fix="Move the name into authors and delete the line (unsafe); a kramdown attribute list "
        "('{: .post-info}') that decorates the line goes with it. No fix when the article has no authors.",
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
        "when a teaser was pasted they name the wrong reporter. An address that a sentence "
        "of the story introduces ('If you have questions, write to:') is the story's."
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


CAPTION = Rule(
    code="NL211",
    name="photo-caption-line",
    severity=Severity.WARNING,
    summary="A photo caption standing in the body: a line that describes a picture and ends in its credit.",
    why=(
        "When an extractor keeps a figure's text, its caption becomes a paragraph: \"Former "
        "Gov. Deval Patrick, left, speaks with a business owner … (AP)\". Read as part of the "
        "story it repeats or contradicts the text, breaks the flow for readers and "
        "text-to-speech, and is picked up by summaries and training data as if it were "
        "reporting. A line counts when it ends in a photo credit after a description, starts "
        "with a caption lead ('Above:', 'FILE -', 'In this photo', \"An artist's "
        "illustration\"), or carries a position note ('(left)', ', left,') or an AP caption "
        "date ('Tuesday, Nov. 19, 2019'). A line that is only a credit is NL303's."
    ),
    fires="An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)",
    quiet="The ship left PortMiami on Aug. 31, the port authority said.",
    fix="Move the caption into images[i].caption and delete the line (unsafe).",
)

COMMENTS = Rule(
    code="NL212",
    name="comment-thread",
    severity=Severity.WARNING,
    summary="Reader comments scraped with the page: two or more 'jdoe says:' headers and their comments.",
    why=(
        "Comment threads sit under the story on the page and are scraped with it. They are "
        "not the publisher's text: they carry other people's opinions, names and often "
        "abuse, and a summary, a search snippet or a model trained on the corpus then "
        "attributes them to the article. The block runs from the first comment header "
        "('jdoe says:', 'Jane Doe wrote:') to the end of the last comment; one header alone "
        "('He says:' before a quotation) stays quiet."
    ),
    fires="...the end of the story.\njdoe says:\nGreat game!\nsam_r says:\nNot a chance.",
    quiet="Her coach says:\n\"We trained for this all year.\"",
    fix="Delete the thread after checking it (unsafe).",
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
    #: longest line, in characters, that can be a photo caption (NL211)
    caption_max_chars: int = Field(350, ge=40)
    #: comment headers ("jdoe says:") that make a thread (NL212)
    comment_min_headers: int = Field(2, ge=2)
    #: most lines a comment may take between two headers of one thread (NL212)
    comment_max_lines: int = Field(8, ge=1)


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
CAPTION_C, MENU_C = "caption", "menu"
#: a reader comment's header ("jdoe says:"): a thread when two or more stand close (NL212)
COMMENT_C = "comment"
#: a SHORT line shaped like a label or a name ("Most Read", "Phil Helsel"): reported
#: (NL203) when it stands outside the story, before the first paragraph or after the last
LABEL_DETAIL = "label"
OUTSIDE = "outside the story"
BIO_DETAIL = "author bio"

#: classes reported line by line (each has its own finding)
REPORTED = frozenset({CHROME_C, MARKER_C, TAG_C, PHRASE_C, META_C, BYLINE_C, URL_C, EMAIL_C, CAPTION_C, MENU_C})
_CODE = {CHROME_C: "NL201", MARKER_C: "NL201", PHRASE_C: "NL202", TAG_C: "NL203",
         META_C: "NL205", BYLINE_C: "NL206", URL_C: "NL207", EMAIL_C: "NL208", CAPTION_C: "NL211",
         MENU_C: "NL204"}
_SAFE = frozenset({CHROME_C, MARKER_C, TAG_C})
_LINE_CLASS = {"ui-chrome": CHROME_C, "ui-chrome-context": CONTEXT_C,
               "teaser-markers": MARKER_C, "ui-tag-labels": TAGCTX_C, "toc-headings": TOC,
               "comment-headers": COMMENT_C}
_STRUCT_KINDS = frozenset({"heading", "table", "code", "html", "quote"})

_DETERMINERS = frozenset("the a an this that these those his her their our my its your all some "
                         "many most each every no any far now then".split())
_ABBREV = re.compile(r"(?:\b[A-Z]|Jr|Sr|Inc|Co|Ltd|Corp|Dr|Mr|Ms|Mrs)\.$")
_PARTICLES = frozenset("and & de del della der den van von da di du la le los las bin ibn al el "
                       "y e und et i и".split())


@dataclass(frozen=True, slots=True)
class Cls:
    kind: str
    detail: str = ""


# the classes most lines get, shared (a Cls is immutable)
_C_BLANK, _C_STRUCT, _C_PROSE, _C_LIST = Cls(BLANK), Cls(STRUCT), Cls(PROSE), Cls(LIST)
_C_SHORT, _C_FILLER, _C_HEADLINE = Cls(SHORT), Cls(FILLER), Cls(HEADLINE)
_C_LABEL = Cls(SHORT, LABEL_DETAIL)
_C_ADDRESS = Cls(EMAIL_C, "email address")


_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DocLabels:
    """What the article's own metadata says a leaked line would look like."""

    authors: frozenset[str]
    labels: frozenset[str]
    title: str = ""

    @classmethod
    def of(cls, article) -> "DocLabels":
        title = article.title.strip().casefold() if isinstance(article.title, str) else ""
        if not (article.authors or article.tags or article.section):
            return cls(_NONE, _NONE, title)  # most articles: nothing to compare lines with
        authors = frozenset(a.strip().casefold() for a in article.authors if isinstance(a, str) and a.strip())
        labels = {t.strip().casefold() for t in article.tags if isinstance(t, str) and t.strip()}
        if article.section and article.section.strip():
            labels.add(article.section.strip().casefold())
        return cls(authors, frozenset(labels), title)


def classify(line, programs: kit.Programs, labels: DocLabels, opts: LineResidueOptions,
             markdown: bool, chrome_hit: bool = True, phrase_hit: bool = True) -> Cls:
    """The class of one body line. Pure; all lexicon work goes through ``programs``.

    ``chrome_hit``/``phrase_hit`` say whether the whole-body screens saw a
    line-lexicon phrase or a byline role / an inline phrase on this line;
    without them the line is not looked up again.
    """
    s = line.text.strip()
    if not s or line.kind == "blank":
        return _C_BLANK
    if line.kind in _STRUCT_KINDS:
        return _C_STRUCT
    in_list = line.kind == "list"
    n = len(s)
    if n > opts.caption_max_chars and not (phrase_hit and n <= opts.phrase_max_chars) and " " in s:
        # a paragraph (most lines of a story): only an inline phrase could make it residue
        return _C_LIST if in_list or kit.list_marker(s) else _C_PROSE
    if " " not in s:
        if kit.URL_LINE.match(s) and not in_list:
            image = kit.IMAGE_EXT.search(s) is not None
            if image or not markdown:
                return Cls(URL_C, "image URL" if image else "URL")
        if kit.EMAIL_LINE.match(s) and not in_list:
            return _C_ADDRESS
        if kit.DOMAIN_LINE.match(s) and not in_list:
            return Cls(URL_C, "site name")
    last = kit.last_char(s)
    sentence = last in kit.SENTENCE_END
    if sentence and not (chrome_hit or phrase_hit) and _plain_sentence(s) and (n > 60 or not kit.has_digit(s)):
        # a sentence, and no lexicon saw anything in it: the story (most lines of a body);
        # a caption that ends in its credit does not end like a sentence ("… (AP)"), and
        # a short one with a number may still be a date strip ("Updated 3:04 PM.")
        return _C_LIST if in_list or kit.list_marker(s) else _C_PROSE
    if not in_list and n <= opts.caption_max_chars and _credit_caption(s, programs):
        return Cls(CAPTION_C, "photo caption ending in its credit")
    if n > opts.strip_max_chars and not (phrase_hit and n <= opts.phrase_max_chars):
        # a paragraph: only an inline phrase could make it residue
        return _C_LIST if in_list or kit.list_marker(s) else _C_PROSE
    u = kit.units(s) if n <= opts.headline_max_units else n  # units >= characters
    if u <= opts.chrome_max_units:
        hit = programs.match_line(s) if chrome_hit else None
        if hit is not None:
            kind = _LINE_CLASS[hit[0]]
            if kind == TOC:
                return Cls(TOC, s)
            if not in_list or kind == CHROME_C:
                return Cls(kind, s)
        elif " " in s and n <= 40 and not in_list:
            # one UI word twice ("Comments comments", "Share Share"): a label and its button
            words = s.casefold().split()
            if len(words) <= 3 and len(set(words)) == 1:
                hit = programs.match_line(s.split()[0])
                if hit is not None and _LINE_CLASS[hit[0]] in (CHROME_C, CONTEXT_C):
                    return Cls(CHROME_C, s)
        if not in_list and (labels.authors or labels.labels):
            folded = s.casefold()
            if folded in labels.authors:
                return Cls(BYLINE_C, s)
            if folded in labels.labels:
                return Cls(TAGCTX_C, s)
    found = programs.search_inline(s) if phrase_hit else None
    if found is None and phrase_hit and markdown and s[0] in "*_" and not in_list:
        name = _bold_byline(s, programs, opts)
        if name is not None:
            return Cls(BYLINE_C, name)
    caption = False
    if found is not None:
        name, start, end = found
        if name == "byline-leads":
            if not in_list and n <= opts.strip_max_chars:
                name = _byline_name(s, end, programs)
                if name is not None:
                    return Cls(BYLINE_C, name)
        elif name == "caption-marks":
            # a caption unless the line is a date strip ("Updated Tuesday, Nov. 19, 2019")
            caption = not in_list and n <= opts.caption_max_chars and len(s.split()) >= 4
        elif not _quoted(s, start) and not (name == "ui-chrome-labels" and _prose_label(s, start, end)):
            return Cls(PHRASE_C, s[start:end])
    # one search for the signs the tests below act on: most short lines hold none
    special = kit.contains_any(s, "0123456789|>/@_()", "›»·•／│┃║") or not s.isascii() and kit.has_digit(s)
    if special and not in_list and n <= opts.strip_max_chars:
        if (n <= 60 or not sentence) and kit.has_digit(s):
            strip = _strip_kind(s, programs)
            if strip:
                return Cls(META_C, strip)
        if n <= 48 and s[-1] in kit.STRIP_SEPARATORS and kit.DANGLING.match(s) and kit.units(s) <= 48:
            return Cls(META_C, "section label")
        if ("@" in s or "://" in s) and kit.CONTACT.match(s) and not _sentence_after_address(s):
            return Cls(EMAIL_C, "contact line")
        if not markdown and "://" in s and kit.LABELLED_URL.match(s):
            return Cls(URL_C, "labelled link")
    if caption:
        return Cls(CAPTION_C, "photo caption")
    if in_list or kit.list_marker(s):
        return _C_LIST
    if special and _MENU_CHAR.search(s):
        items = kit.menu_items(s)
        if items and (items >= 4 or _home(s, programs)):
            return Cls(MENU_C, f"{items} menu items in one line")
    if u > opts.headline_max_units:
        return _C_PROSE
    if s[-1] in "{};=" or special and (kit.code_or_table(s) or s.startswith("// ")):
        return _C_LIST  # code, a code comment or a box-drawn table pasted as text
    if not (s[0].isalpha() or kit.has_letter(s)) or (" " not in s and u <= 20 and kit.starts_lower(s)):
        return _C_FILLER
    if kit.starts_lower(s):
        return _C_PROSE  # a sentence going on from the line before
    if kit.is_truncated(s):
        return _C_HEADLINE  # a teaser snippet cut short with "..."
    if sentence or last in kit.CONTINUATION_END:
        return _C_PROSE  # a sentence, or one that goes on across the line break
    if (chrome_hit or "@" in s) and _byline_without_lead(s, programs):  # a byline role or a handle
        return Cls(BYLINE_C)
    if u > opts.nav_max_units:
        return _C_HEADLINE
    if (":" in s or "：" in s) and kit.KEY_VALUE.match(s) and kit.units(s.split(":", 1)[-1].split("：", 1)[-1]) <= 40:
        return _C_LIST
    return _C_LABEL if kit.title_label(s) else _C_SHORT


_MENU_CHAR = re.compile(r"[|›»>·•]| / ")
_GLUED = re.compile(r"[a-z][A-Z]")


def _plain_paragraph(text: str) -> bool:
    """A line that :func:`classify` would call prose at once: it starts with a letter
    (no list marker), ends like a sentence and holds nothing the shape tests act on."""
    s = text.strip()
    return (s[:1].isalpha() and s[1:2] not in (".", ")") and kit.last_char(s) in kit.SENTENCE_END
            and _plain_sentence(s))


def _plain_sentence(s: str) -> bool:
    """Nothing in a sentence line that the shape tests below would act on: no address
    or link (NL208/NL207), no code ("()", "x_y", a final ";"), no teaser cut short,
    no caption opening with its credit ("© Jane Doe Nurses prepare …")."""
    return (s[0] != "©" and "@" not in s and "://" not in s and "()" not in s and "_" not in s
            and s[-1] != ";" and not s.endswith(("...", "…")))


def _home(s: str, programs: kit.Programs) -> bool:
    """A breadcrumb of three starts at a chrome word ("Home › World › Europe"); three
    items alone ("Cats > Dogs > Fish") may be the story's own ranking."""
    first = kit.MENU_SPLIT.split(s.strip(), maxsplit=1)[0]
    hit = programs.match_line(first) if first else None
    return hit is not None and _LINE_CLASS[hit[0]] in (CHROME_C, CONTEXT_C)


def _credit_caption(s: str, programs: kit.Programs) -> bool:
    """A caption that ends in its photo credit ("… in Columbia, S.C. (AP)"), or opens
    with a copyright credit ("© Jane Doe Detainees at the centre in San Diego.").

    The part before the credit must describe something (three words or more), so a
    line that is only a credit ("Photo: AP", "Jane Doe / Reuters") is left to NL303.
    """
    if s[0] == "©":
        words = s.split()
        if any(_GLUED.search(w) for w in words[:4]):
            return False  # "© AmazonThe symptoms …": a credit glued to prose (NL304)
        return len(words) >= 7 and not kit.DIGIT.search(s[:12]) and "ights reserved" not in s
    last = s[s.rfind(" ") + 1:]
    if not (s[-1] == ")" or last in programs.agency_tails or "/" in s[-40:] or kit.by_credit_hint(s)):
        return False
    start = kit.credit_tail(s, programs.agencies)
    if start <= 0:
        return False
    described = s[:start].split()
    return len(described) >= 3 and not kit.CREDIT_LEAD.match(s) and not kit.list_marker(s)


def _sentence_after_address(s: str) -> bool:
    """A sentence goes on after the address: "Contact jane@example.com and we'll sort
    it out together." A contact box ends at the address, or soon after it."""
    last = max(s.rfind("@"), s.rfind("://"))
    after = s[last:].split()[1:]
    return len(after) > 4


def _prose_label(s: str, start: int, end: int) -> bool:
    """A widget label written as prose: a lower-case label starts a release note's
    component ("related: fix the index"), and a label followed by a lower-case word
    introduces a sentence or a cross-reference ("See also: [resources]"), not a
    teaser's headline."""
    label = s[start:end].rstrip()
    if kit.starts_lower(label):
        return True
    if label[-1:].isalnum():
        return False  # "Follow us", "Join our forums": a prompt whatever follows
    rest = s[end:].lstrip(" \t[(\"'“‘*_")
    return kit.starts_lower(rest[:1]) and not kit.URL_LINE.match(rest.split(" ", 1)[0])


def _quoted(s: str, start: int) -> bool:
    """The phrase is quoted in prose ("a pop-up saying 'We use cookies'")."""
    before = s[:start].rstrip()
    return bool(before) and before[-1] in "\"'“‘«„「『"


def _strip_kind(s: str, programs: kit.Programs) -> str:
    """'date strip' / 'section and date strip' if the line is one, else ''."""
    if not programs.has_anchor(s):
        return ""
    if _story_key(s, programs):
        return ""  # "Entry deadline: November 29, 2013": a fact of the story, not the page's date
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
    if any(_PATH_PIECE.search(w) for w in pieces):
        return ""  # the date is part of a URL or a path ("example.org/blog/2015/04/27/…")
    if not leftover.isascii() and _HIRAGANA.search(leftover):
        return ""  # Japanese grammar around the date ("2011年01月16日に"): running text
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


def _story_key(s: str, programs: kit.Programs) -> bool:
    """The line opens with a label of its own and a colon before the date: "Entry
    deadline: 29 Nov 2013", "Event date: …", "응모 마감: …", "応募締切：…" state a
    fact of the story (a deadline, an event). A page's strip labels its date with
    a metadata word ("Updated: …", "Published on: …", "发稿时间：…"), or with none.
    The label is the part after the last strip separator ("Jane Doe | Updated: …")."""
    colon = -1
    for k, ch in enumerate(s):
        if ch == ":" or ch == "：":
            colon = k
            break
        if ch.isdigit():
            return False  # a number before any colon: "9:45 pm", "2019-11-19: …"
    if colon <= 0:
        return False
    label = s[:colon]
    for sep in kit.STRIP_SEPARATORS:
        label = label.rsplit(sep, 1)[-1]
    label = label.strip(" *_\t")
    if not kit.has_letter(label) or not _leftover_words(label, programs):
        return False  # "Updated", "Last updated", "Date": a strip's own label
    # in a script written without spaces a label word runs on: "更新日時", "最終수정일"
    return label.isascii() or " " in label or not programs.opens_or_closes_with_token(label)


# A piece of a URL or a path left around a date: "example.org/blog/", "/archive/", "://"
_PATH_PIECE = re.compile(r"://|\.\w+/|/\w+/")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")


def _byline_name(s: str, lead_end: int, programs: kit.Programs) -> str | None:
    """After a byline lead: a name, then nothing or a date/agency/contact tail. The
    name the line credits ("" when it names none or several roles), or None if the
    line is no byline.

    "By Jane Doe", "By Jane Doe | Updated 3:04 PM ET", "By Jane Doe on Monday,
    March 3rd, 2025", "By Jane Doe, Example News", "Posted by admin" and
    "Reporting by Jane Doe in Paris; Editing by John Roe" are bylines; "By the
    end of the year, prices doubled" is not (a determiner, lower-case words).
    """
    if _CONTRIBUTORS.match(s):
        return "" if _contributor_line(s) else None
    rest = s[lead_end:].strip(" :：-–—|")
    if not rest:
        return ""
    if " " not in rest and s[:lead_end].strip().casefold() != "by" and kit.has_letter(rest):
        return rest  # "Posted by admin": a user name, any case
    name, tail = rest, ""
    for sep in (" | ", "|", " · ", "·", " • ", "•", " / ", "／", " - ", " – ", " — "):
        if sep in rest:
            name, tail = rest.split(sep, 1)
            break
    # a date after the name ("… on Monday, March 3rd, 2025 at 11:04 a.m.")
    if programs.has_anchor(name):
        cut = programs.meta_tokens(name)[0][0]
        name, tail = name[:cut], name[cut:] + (" | " + tail if tail else "")
        name = _TRAILING_LINK.sub("", name)
        if " " not in name.strip() and s[:lead_end].strip().casefold() != "by" and kit.has_letter(name):
            return name.strip()  # "Posted by admin on March 3, 2019"
    words = name.replace(",", " , ").split()
    # a label ("Authors:", "著者：") may list several names with their affiliations
    if not words or len(words) > (30 if s[:lead_end].rstrip()[-1:] in (":", "：") else 9):
        return None
    if words[0].casefold() in _DETERMINERS:
        return None
    end = kit.last_char(name)
    if end in kit.SENTENCE_END and not (end == "." and _ABBREV.search(name.rstrip())):
        return None  # "By then, prices had doubled." is a sentence
    if not _names(words):
        return None
    if not tail.strip() or not _leftover_words(tail, programs) or len(tail.split()) <= 4:
        return name.strip(" ,")
    return None


def _bold_byline(s: str, programs: kit.Programs, opts: LineResidueOptions) -> str | None:
    """The name a Markdown byline in bold or italics credits ("**Authors:** Jane Doe",
    "**Autor**: Jane Doe", "*By Jane Doe*"), or None. Only the byline lead is read
    through the markers: a bold sub-heading stays what it was."""
    plain = kit.unemphasized(s)
    if plain is None or len(plain) > opts.strip_max_chars:
        return None
    found = programs.search_inline(plain)
    if found is None or found[0] != "byline-leads":
        return None
    return _byline_name(plain, found[2], programs)


_TRAILING_LINK = re.compile(r"[\s,]+(?:on|at|in)?[\s,]*$")


def _names(words: list[str], joiners: frozenset[str] = frozenset()) -> int:
    """How many name words ``words`` hold; 0 if one of them is a lower-case word of
    a cased script (prose, not a name). Particles, commas, addresses and handles are
    skipped; ``joiners`` are other lower-case words allowed ("in" before a place)."""
    names = 0
    for w in words:
        if w == "," or w.casefold() in _PARTICLES or w in joiners:
            continue
        if kit.EMAIL.fullmatch(w.strip("()<>")) or not kit.has_letter(w) or w.startswith("@"):
            continue  # an address, a handle or a phone number next to the name
        if kit.starts_lower(w):
            return 0
        names += 1
    return names


# Contributor lines of wire copy: "Reporting by Jane Doe in Paris; Editing by John Roe".
_CONTRIBUTORS = re.compile(r"^\(?\s?(?:(?:Additional|Further|Contributing)\s)?(?:reporting|writing|editing|research|"
                           r"compiled|graphics|photography|fact-checking|translation|translated) by\s", re.IGNORECASE)
_ROLE_BY = re.compile(r"(?:\b(?:with|and)\s+)?(?:(?:additional|further|contributing)\s+)?(?:reporting|writing|editing|"
                      r"research|compiled|graphics|photography|fact-checking|translation|translated|produced)\s+by\s",
                      re.IGNORECASE)
_JOINERS = frozenset({"in", "from", "with", "at", "for"})


def _contributor_line(s: str) -> bool:
    """Roles and the names after them ("Reporting by A in Paris; Editing by B",
    "(Reporting by A, B, with reporting by C, editing by D.)"), and nothing else: a
    lower-case word other than "and", "in", "from" makes it a sentence ("Reporting by
    ProPublica found that …")."""
    body = s.strip().lstrip("(").rstrip(").").strip()
    names = _ROLE_BY.sub(" , ", body).replace(";", " , ").replace("；", " , ").replace(",", " , ")
    words = names.split()
    if not words or len(words) > 40 or any(kit.last_char(w) in "!?" for w in words):
        return False
    return _names(words, _JOINERS) > 0


def _byline_without_lead(s: str, programs: kit.Programs) -> bool:
    """A byline with no "By": a name and a role, an agency or a handle.

    "Jane Doe, Staff Writer", "Jane Doe | Associated Press", "Tom Berg Reuters",
    "Jane Doe @janedoe", "Detroit News wire services". The name is two or more
    capitalised words; a sub-heading ("Letters to the Editor", "The Hollywood
    Reporter") does not start with one.
    """
    words = s.split()
    if not 2 <= len(words) <= 10 or not s[0].isupper():
        return False
    if "@" in s and any(w.startswith("@") and len(w) > 2 for w in words):
        rest = [w for w in words if not w.startswith("@") and w not in "|·•-–—/"]
        return 2 <= _names(rest) <= 5 and len(rest) <= 5
    span = programs.role_span(s)
    if span is None:
        return False
    before = s[:span[0]].strip(" ,|-–—·/:")
    after = s[span[1]:].strip(" ,|-–—·/.")
    role = s[span[0]:span[1]].casefold()
    if after and (len(after.split()) > 5 or _leftover_words(after, programs) and not _names(after.split(), _JOINERS)):
        return False
    name_words = before.replace(",", " , ").replace("&", " and ").split()
    if "wire" in role or "report" in role or role.startswith("news service"):
        # "Detroit News wire services", "From staff and wire reports"
        return len(name_words) <= 5 and (not name_words or _names(name_words) >= 1)
    if not name_words:
        return False
    if name_words[0].casefold() in _DETERMINERS or len(name_words) > 7:
        return False
    return _names(name_words) >= 2


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
    """NL201–NL209, NL211, NL212 in one pass over ``doc.lines``.

    Only the work the enabled codes need is done. When every enabled code is one
    whose finding a line earns on its own (chrome, prompts, date strips, URLs,
    addresses: :data:`_LOCAL`), only the lines that can earn one are classified
    (and the neighbours of a context word), and the block rules do not run; the
    findings are those of the full pass, for those codes.
    """

    rules = (CHROME, PHRASE, TAG, NAV, STRIP, BYLINE, URL, EMAIL, TEASER, CAPTION, COMMENTS)
    Options = LineResidueOptions

    def __init__(self) -> None:
        self._programs = kit.ProgramCache()

    def check(self, doc, ctx) -> Iterator[Hit]:
        lines = doc.lines
        want = self.codes & ctx.enabled
        if not lines or not want:
            return
        opts = ctx.opts(self)
        programs = self._programs.get(ctx, doc.article.lang)
        labels = DocLabels.of(doc.article)
        markdown = doc.markup == "markdown"
        # a line may be indented (a Markdown marker blanked in the prose view), so the
        # screens take a little more than the limits; classify checks them exactly
        chrome_lines, phrase_lines = programs.screen(lines, opts.chrome_max_units + 16,
                                                     opts.phrase_max_chars + 16, doc.prose)
        if markdown:
            phrase_lines = _screen_emphasis(lines, programs, phrase_lines, opts.phrase_max_chars + 16)
        # what the fixes and messages need: the Markdown source (a kramdown attribute
        # list goes with the line it decorates) and whether a byline is the only credit
        where = _Where(doc.body if markdown else None, not doc.article.authors and doc.data is not None,
                       tuple(a.strip() for a in doc.article.authors if isinstance(a, str) and a.strip()))

        def line_class(i: int) -> Cls:
            line = lines[i]
            text = line.text
            if len(text) > 64 and line.kind == "text" and i not in phrase_lines and i not in chrome_lines \
                    and _plain_paragraph(text):
                return _C_PROSE  # most lines of a story, without the full classification
            return classify(line, programs, labels, opts, markdown, i in chrome_lines, i in phrase_lines)

        if want <= _LOCAL:
            found = _local_classes(lines, doc.body, markdown, want, line_class, chrome_lines, phrase_lines)
            for i in sorted(found):
                c = found[i]
                if c.kind in REPORTED and _CODE[c.kind] in want:
                    yield _line_hit(c, i, lines, where)
            return

        classes = []
        append = classes.append
        for i, line in enumerate(lines):  # line_class, inlined: most lines take the first branch
            text = line.text
            if len(text) > 64 and line.kind == "text" and i not in phrase_lines and i not in chrome_lines \
                    and _plain_paragraph(text):
                append(_C_PROSE)
            else:
                append(classify(line, programs, labels, opts, markdown, i in chrome_lines, i in phrase_lines))
        kinds = {c.kind for c in classes}
        if markdown and not kinds <= _SETTLED:
            # a short line may be one line of a wrapped paragraph or a definition term
            for i, c in _markdown_blocks(lines, doc.body).items():
                if classes[i].kind not in _SETTLED:
                    classes[i] = c
            kinds = {c.kind for c in classes}
        if EMAIL_C in kinds and _story_addresses(classes, lines, range(len(classes))):
            kinds = {c.kind for c in classes}
        if not kinds.isdisjoint(_CONTEXT_KINDS):
            _resolve_context(classes)
        # the blocks, the runs and the edges, as far as the enabled codes need them:
        # blocks and threads take lines from the runs, and both from the edge labels
        blocks = list(_teaser_blocks(classes, opts)) \
            if MARKER_C in kinds and not want.isdisjoint(_NEEDS_BLOCKS) else []
        threads = list(_comment_threads(classes, lines, opts)) \
            if COMMENT_C in kinds and not want.isdisjoint(_NEEDS_THREADS) else []
        taken: set[int] = set()
        for first, last, _ in blocks + threads:
            taken.update(range(first, last + 1))
        runs = []
        if not want.isdisjoint(_NEEDS_RUNS):
            if SHORT in kinds or HEADLINE in kinds:
                runs = [(first, last, f"navigation run: {count} short non-sentence lines in a row look like a "
                                      f"menu or link list, not story text")
                        for first, last, count in _nav_runs(classes, lines, taken, opts)]
            if FILLER in kinds:
                runs += _counter_runs(classes, lines, taken | _covered(runs))
                runs += _card_lists(classes, lines, taken | _covered(runs))
            if LIST in kinds:
                runs += _trailing_headlines(classes, lines, taken | _covered(runs))
        edged = False
        if not want.isdisjoint(_NEEDS_EDGES):
            edged = _resolve_edges(classes, lines, labels, programs, taken | _covered(runs) if runs else taken,
                                   SHORT in kinds and "NL203" in want, doc.body if markdown else None)

        if edged or not kinds.isdisjoint(_MAY_REPORT):
            for i, c in enumerate(classes):
                if c.kind in REPORTED and _CODE[c.kind] in want:
                    yield _line_hit(c, i, lines, where)
        if "NL209" in want:
            for first, last, marker in blocks:
                count = sum(1 for j in range(first, last + 1) if classes[j].kind != BLANK)
                heading = lines[marker].text.strip()
                yield Hit("NL209",
                          f"{count} lines of other articles pasted after the related-articles heading "
                          f"{heading!r} (body line {marker + 1})",
                          start=lines[first].start, end=lines[last].end,
                          fix=_delete_fix("Delete the pasted teasers", lines, first, last, where.body))
        if "NL212" in want:
            for first, last, headers in threads:
                yield Hit("NL212",
                          f"comment thread: {headers} reader comments (from body line {first + 1}) "
                          f"scraped with the page, not story text",
                          start=lines[first].start, end=lines[last].end,
                          fix=_delete_fix("Delete the comment thread", lines, first, last, where.body))
        if "NL204" in want:
            for first, last, message in sorted(runs):
                yield Hit("NL204", message, start=lines[first].start, end=lines[last].end,
                          fix=_delete_fix("Delete the navigation run", lines, first, last, where.body))


#: codes a line earns by its own class alone (NL201 also by a context word's
#: neighbours): with only these enabled, most lines need no classification
_LOCAL = frozenset({"NL201", "NL202", "NL205", "NL207", "NL208"})
#: codes that need the teaser blocks, and the comment threads (the runs and the
#: edge labels leave their lines out)
_NEEDS_BLOCKS = frozenset({"NL203", "NL204", "NL209"})
_NEEDS_THREADS = frozenset({"NL203", "NL204", "NL212"})
#: codes that need the navigation runs (the edge labels leave their lines out)
_NEEDS_RUNS = frozenset({"NL203", "NL204"})
#: codes that need the edges of the story: labels outside it (NL203), the bio box (NL206)
_NEEDS_EDGES = frozenset({"NL203", "NL206"})


def _doubled_word(text: str) -> bool:
    """One word twice or thrice ("Share Share"): :func:`classify` looks its first word up."""
    if len(text) > 40 and len(text.strip()) > 40 or " " not in text:
        return False
    words = text.casefold().split()
    return 1 < len(words) <= 3 and len(set(words)) == 1


def _may_strip(text: str) -> bool:
    end = text.rstrip()[-1:]
    return kit.has_digit(text) or bool(end) and end in kit.STRIP_SEPARATORS


def _may_url(text: str) -> bool:
    return "://" in text or " " not in text.strip()


def _may_contact(text: str) -> bool:
    return "@" in text or "://" in text


#: for the codes of :data:`_LOCAL` that no screen marks, a cheap test that a line may
#: earn it: what :func:`classify` needs before it can give that class (a superset).
#: NL201 lines are the line screen's (and a word twice, "Share Share"), NL202 the inline one's.
_MAY_EARN = {"NL201": _doubled_word, "NL205": _may_strip, "NL207": _may_url, "NL208": _may_contact}


def _local_classes(lines, body: str, markdown: bool, want: frozenset[str], line_class,
                   chrome_lines: set[int], phrase_lines: set[int]) -> dict[int, Cls]:
    """The final class of each line that may earn one of the ``want`` codes (all of
    :data:`_LOCAL`), as the full pass would give it: the Markdown blocks, and the
    neighbours of a context word ("Share" counts next to non-prose) are read as there."""
    candidates = set(chrome_lines) if "NL201" in want else set()
    if "NL202" in want:
        candidates |= phrase_lines
    tests = [_MAY_EARN[code] for code in sorted(want) if code in _MAY_EARN]
    if tests == [_doubled_word]:  # the basic path, NL201 (and NL202): only short lines can be one
        candidates.update(i for i, line in enumerate(lines)
                          if " " in line.text and i not in candidates and _doubled_word(line.text))
    elif tests:
        for i, line in enumerate(lines):
            if i not in candidates and line.kind != "blank":
                text = line.text
                for test in tests:
                    if test(text):
                        candidates.add(i)
                        break
    found: dict[int, Cls] = {}
    for i in sorted(candidates):
        text = lines[i].text
        if text and not text.isspace():
            found[i] = line_class(i)
    if not found:
        return found
    blocks = None
    if markdown and any(c.kind not in _SETTLED for c in found.values()):
        blocks = _markdown_blocks(lines, body)
        _settle(found, blocks)
    _story_addresses(found, lines, list(found))
    context = [i for i, c in found.items() if c.kind is CONTEXT_C]
    if context and "NL201" in want:
        near: dict[int, Cls] = {}
        for i in context:
            for k in (_solid_neighbour(lines, i, -1), _solid_neighbour(lines, i, 1)):
                if k is not None and k not in found and k not in near:
                    near[k] = line_class(k)
        if blocks is None and markdown and any(c.kind not in _SETTLED for c in near.values()):
            blocks = _markdown_blocks(lines, body)
        if blocks is not None:
            _settle(near, blocks)
        merged = {**near, **found}
        for i in context:
            before, after = _solid_neighbour(lines, i, -1), _solid_neighbour(lines, i, 1)
            prev = merged[before].kind if before is not None else None
            nxt = merged[after].kind if after is not None else None
            if prev is None or nxt is None or prev in _NONPROSE or nxt in _NONPROSE:
                found[i] = Cls(CHROME_C, found[i].detail)
            else:
                found[i] = _C_SHORT
    return found


def _settle(classes: dict[int, Cls], blocks: dict[int, Cls]) -> None:
    """Give the lines whose class the Markdown blocks decide their block class."""
    for i, c in classes.items():
        if c.kind not in _SETTLED and i in blocks:
            classes[i] = blocks[i]


def _solid_neighbour(lines, i: int, step: int) -> int | None:
    """The nearest line before (``step`` -1) or after (1) ``i`` that is not blank."""
    k = i + step
    while 0 <= k < len(lines):
        line = lines[k]
        if line.kind != "blank" and line.text and not line.text.isspace():
            return k
        k += step
    return None


#: classes that the block structure of Markdown does not change
_SETTLED = frozenset({BLANK, PROSE, STRUCT, LIST})
_STORY_BLOCKS = frozenset({"code", "table"})
# A Markdown list item's first line: "- item", "* item", "1. item", "2) item".
_ITEM_START = re.compile(r"[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# A definition of a definition list (kramdown, Goldmark, PHP Markdown Extra): ": text".
_DEFINITION = re.compile(r"(?m)^[ \t]{0,3}:[ \t]")
#: shortest line (display units) that a hard wrap leaves before a continuation
_WRAP_MIN_UNITS = 30
#: a Markdown body has paragraphs when it has a blank line per this many other lines
_PARAGRAPH_LINES = 8


def _markdown_blocks(lines, body: str) -> dict[int, Cls]:
    """Lines of a Markdown body whose class its block structure decides.

    Markdown source lines are not what a reader sees: the lines of one paragraph
    render as one line, so a line of a hard-wrapped paragraph ("… in the build
    command,\nlike this:") is prose, not a label. A line that continues a long
    line mid-sentence in lower case is such a line, and when a paragraph of long
    lines has one, all its lines are. Two more shapes of authored Markdown: a
    definition list ("Permalink\n: The absolute URL …"), whose terms are short
    lines, and a line ending in a colon that introduces a code block or a table
    ("Create a data file with the\nfollowing:"). Scraped text pasted into
    Markdown keeps one short line per block and has none of these shapes.
    """
    out: dict[int, Cls] = {}
    # Paragraphs are told apart by blank lines; a page pasted one block a line, with
    # no blank lines, renders as one paragraph although its lines are the page's blocks.
    blank = sum(1 for line in lines if line.kind == "blank")
    paragraphs = blank * _PARAGRAPH_LINES >= len(lines) - blank
    run: list[int] = []  # the lines of the current paragraph (or list item)
    mid: list[int] = []  # its lines that go on with the sentence of the line before

    def close() -> None:
        if all(kit.units(lines[k].text.strip()) >= _WRAP_MIN_UNITS for k in run[:-1]):
            out.update((k, _C_PROSE) for k in run)  # one hard-wrapped paragraph
        else:
            out.update((k, _C_PROSE) for k in mid)

    for i, line in enumerate(lines):
        kind = line.kind
        if kind == "text" or kind == "list":
            if run and (kind != lines[run[-1]].kind or kind == "list" and _ITEM_START.match(body, line.start, line.end)):
                if mid:
                    close()
                    mid = []
                run = []
            if run and paragraphs and line.text.lstrip()[:1].islower() and _continues(lines[run[-1]].text, line.text):
                mid.append(i)
            run.append(i)
            continue
        if mid:
            close()
            mid = []
        run = []
        if (kind == "code" or kind == "table") and i and lines[i - 1].kind != kind:
            _introduced(lines, i, out)
    if mid:
        close()
    if ":" in body:
        # definition lists ("Permalink\n: The absolute URL …"): the term and its definition
        starts = [line.start for line in lines]
        for m in _DEFINITION.finditer(body):
            i = bisect.bisect_right(starts, m.start()) - 1
            if lines[i].text.strip():
                out[i] = _C_LIST
            if i and lines[i - 1].kind in ("text", "list"):
                out[i - 1] = _C_LIST
    return out


def _continues(prev: str, text: str) -> bool:
    """``text`` goes on with the sentence of the long line ``prev`` (a hard wrap)."""
    return (kit.starts_lower(text) and kit.last_char(prev) not in kit.SENTENCE_END
            and kit.units(prev.strip()) >= _WRAP_MIN_UNITS)


def _introduced(lines, i: int, out: dict[int, Cls]) -> None:
    """The paragraph line before the code block or table at ``i`` introduces it when it
    ends in a colon: "… with the following:", "Like this:". It is prose, not chrome."""
    k = i - 1
    if k >= 0 and not lines[k].text.strip():
        k -= 1  # one blank line between
    if k >= 0 and lines[k].kind in ("text", "list") and kit.last_char(lines[k].text) in ":：":
        out[k] = _C_PROSE


def _covered(spans) -> set[int]:
    out: set[int] = set()
    for first, last, _ in spans:
        out.update(range(first, last + 1))
    return out


@dataclass(frozen=True, slots=True)
class _Where:
    """What the hits of one document need to know about it."""

    #: the Markdown body (a kramdown attribute list goes with the line it decorates)
    body: str | None
    #: the article has metadata but no authors: a byline in the body is its only credit
    uncredited: bool
    #: the article's authors
    authors: tuple[str, ...]


def _line_hit(c: Cls, i: int, lines, where: _Where) -> Hit:
    line = lines[i]
    text = line.text
    lead = len(text) - len(text.lstrip())
    start, end = line.start + lead, line.start + len(text.rstrip())
    code = _CODE[c.kind]
    shown = text.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    fix: Fix | None = construct(Fix, message=f"Delete the line {shown!r}",
                                applicability="safe" if c.kind in _SAFE else "unsafe",
                                edits=(_delete_lines(lines, i, i, where.body),))
    if c.kind == CHROME_C:
        message = f"UI chrome line {shown!r}"
    elif c.kind == MARKER_C:
        message = f"UI chrome line {shown!r}: the heading of a related-articles widget"
    elif c.kind == TAG_C and not c.detail.startswith(OUTSIDE):
        message = f"lone tag label {shown!r}"
    elif c.kind == PHRASE_C:
        message = f"UI prompt in the text: {c.detail!r}"
    elif c.kind == TAG_C:
        message = f"lone label {shown!r} {c.detail}"
    elif c.kind == META_C:
        message = f"leaked {c.detail} {shown!r}"
    elif c.kind == BYLINE_C and c.detail == BIO_DETAIL:
        message = f"leaked author bio {shown!r}"
    elif c.kind == BYLINE_C:
        message = f"leaked byline {shown!r}"
        if where.uncredited:
            # deleting the line would lose the article's only credit: no fix, say where it goes
            who = repr(c.detail) if c.detail else "the name"
            message += f"; the article has no authors: move {who} into authors, then delete the line"
            fix = None
            if where.body is not None:
                # authored Markdown that credits its authors in the body (the Kubernetes blog's
                # "**Author:** …" on every post) does so on purpose: a suggestion, not a defect
                return Hit(code, message, start=start, end=end, fix=None, severity=Severity.INFO)
        elif c.detail and where.authors and not any(a.casefold() in c.detail.casefold() for a in where.authors):
            named = ", ".join(where.authors)
            message += f"; it credits {c.detail!r}, the article's authors are {named!r}"
    elif c.kind == CAPTION_C:
        message = f"{c.detail} {shown!r} standing in the body"
    elif c.kind == MENU_C:
        message = f"navigation line: {c.detail} {shown!r}"
    elif c.kind == URL_C:
        message = f"bare {c.detail} standing as a paragraph"
    else:
        message = f"{c.detail} {shown!r} standing in the body"
    return Hit(code, message, start=start, end=end, fix=fix)


def _delete_fix(message: str, lines, first: int, last: int, body: str | None) -> Fix:
    return construct(Fix, message=message, applicability="unsafe", edits=(_delete_lines(lines, first, last, body),))


# A kramdown block attribute list: "{: .post-info}", "{:#intro .lead}"
_IAL = re.compile(r"[ \t]{0,3}\{:[^}\n]*\}[ \t]*")


def _delete_lines(lines, first: int, last: int, body: str | None = None) -> Edit:
    """Delete lines ``first..last`` with their line break, and one blank line after
    them when they stand between blank lines (so no double gap is left). In Markdown,
    a kramdown attribute list right after a block that the lines make up whole
    ("Posted by …\n{: .post-info}") goes too: left alone it would decorate the next block."""
    prev_blank = first == 0 or not lines[first - 1].text.strip()
    if body is not None and prev_blank and last + 1 < len(lines) \
            and _IAL.fullmatch(body, lines[last + 1].start, lines[last + 1].end):
        last += 1
    start = lines[first].start
    if last + 1 < len(lines):
        end = lines[last + 1].start
        nxt = lines[last + 1]
        if not nxt.text and prev_blank and last + 2 < len(lines):
            end = lines[last + 2].start
    elif first > 0:
        start, end = lines[first - 1].end, lines[last].end
    else:
        end = lines[last].end
    # built without validation: the values are ours and of the right types
    return construct(Edit, pointer="/body", start=start, end=end, replacement="")


def _story_addresses(classes, lines, indices) -> bool:
    """An address alone on its line after a sentence of the story that ends in a
    colon ("If you have questions, write to:") is one the story gives, not a contact
    box: it becomes a list entry. True if one did."""
    changed = False
    for i in indices:
        if classes[i] is _C_ADDRESS:
            k = _solid_neighbour(lines, i, -1)
            if k is not None and lines[k].kind in ("text", "list", "quote"):
                intro = lines[k].text.strip()
                if kit.last_char(intro) in ":：" and (len(intro.split()) >= 4 or
                                                       not intro.isascii() and kit.units(intro) >= 30):
                    classes[i] = _C_LIST
                    changed = True
    return changed


def _screen_emphasis(lines, programs: kit.Programs, phrase_lines: set[int], limit: int) -> set[int]:
    """The inline screen, again, for Markdown lines that open in bold or italics: the
    markers hide a phrase that opens the line ("**Authors:** Jane Doe", "*By Jane Doe*")."""
    index, texts = [], []
    for i, line in enumerate(lines):
        text = line.text
        if i not in phrase_lines and len(text) <= limit and text.lstrip()[:1] in _EMPHASIS:
            plain = kit.unemphasized(text.strip())
            if plain is not None:
                index.append(i)
                texts.append(plain)
    if not texts:
        return phrase_lines
    return phrase_lines | {index[k] for k in programs.screen_inline(texts)}


_EMPHASIS = ("*", "_")


# ----------------------------------------------------------------- context and blocks

_NONPROSE = frozenset({SHORT, HEADLINE, LIST, FILLER, CHROME_C, CONTEXT_C, MARKER_C, TAG_C, TAGCTX_C, PHRASE_C,
                       META_C, BYLINE_C, URL_C, EMAIL_C, CAPTION_C, MENU_C, COMMENT_C})


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
            classes[i] = Cls(CHROME_C if kind == CONTEXT_C else TAG_C, classes[i].detail)
        else:
            classes[i] = _C_SHORT


_CONTEXT_KINDS = frozenset({CONTEXT_C, TAGCTX_C})
_MAY_REPORT = REPORTED | _CONTEXT_KINDS
_EXPLICIT = frozenset({CHROME_C, MARKER_C, TAG_C, PHRASE_C, META_C, BYLINE_C, URL_C, EMAIL_C, CAPTION_C, MENU_C})


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
    if sum(1 for c in classes if c.kind is SHORT or c.kind is HEADLINE) < opts.nav_min_lines:
        return  # a sub-heading or two: no run
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
        first, last = shorts[0], shorts[-1]
        if len(shorts) < opts.nav_min_lines:
            continue
        if _list_content(classes, lines, shorts):
            continue  # the story's own list
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


_PRONOUNS = _DETERMINERS | frozenset("he she it they we i you one who".split())


def _comment_header(classes: list[Cls], lines, k: int) -> bool:
    """A comment header names a commenter ("jdoe says:", "Jane Doe wrote:"); "The coach
    says:" or "She said:" before a quotation introduces a quote of the story."""
    if classes[k].kind != COMMENT_C or lines[k].text.split()[0].casefold() in _PRONOUNS:
        return False
    j = k + 1
    while j < len(classes) and classes[j].kind == BLANK:
        j += 1
    return j >= len(classes) or lines[j].text.lstrip()[:1] not in "\"“„«'‘「"


def _comment_threads(classes: list[Cls], lines, opts: LineResidueOptions) -> Iterator[tuple[int, int, int]]:
    """``(first, last, headers)`` of each thread: comment headers ("jdoe says:") at most
    ``comment_max_lines`` lines apart, from the first header to the end of the last
    comment (the lines after it, up to ``comment_max_lines``, until a heading or the
    next block). Lines reported on their own are left out at the end."""
    headers = [i for i in range(len(classes)) if _comment_header(classes, lines, i)]
    groups: list[list[int]] = []
    for h in headers:
        between = sum(1 for k in range(groups[-1][-1] + 1, h) if classes[k].kind != BLANK) if groups else 0
        if groups and between <= opts.comment_max_lines:
            groups[-1].append(h)
        else:
            groups.append([h])
    for group in groups:
        if len(group) < opts.comment_min_headers:
            continue
        last, seen = group[-1], 0
        for k in range(group[-1] + 1, len(classes)):
            kind = classes[k].kind
            if kind == BLANK:
                continue
            if kind in (STRUCT, MARKER_C, TOC, COMMENT_C) or seen >= opts.comment_max_lines:
                break
            seen += 1
            last = k
        while last > group[-1] and (classes[last].kind in REPORTED or classes[last].kind == BLANK):
            last -= 1
        yield group[0], last, len(group)


def _counter_runs(classes: list[Cls], lines, taken: set[int]) -> Iterator[tuple[int, int, str]]:
    """Three or more one-token lines with a number and a word or sign among them: a
    gallery counter split over lines ("1", "of", "23") or a pager ("1", "2", "›").
    Numbers alone ("1", "2", "3") may be the story's own list that lost its text."""
    run: list[int] = []
    for k in range(len(classes) + 1):
        kind = classes[k].kind if k < len(classes) else None
        if kind == BLANK:
            continue
        if kind == FILLER and k not in taken and len(lines[k].text.strip()) <= 5:
            run.append(k)
            continue
        if len(run) >= 3 and any(kit.DIGIT.search(lines[j].text) for j in run) and \
                not all(lines[j].text.strip().isdigit() for j in run):
            shown = " ".join(lines[j].text.strip() for j in run[:6])
            yield run[0], run[-1], f"gallery counter or pager split over {len(run)} lines ({shown!r}), not story text"
        run = []


_SEPARATOR_CHARS = frozenset("-–—―•·∙●○◦▪■□*~_=|/")


def _separator(text: str) -> bool:
    """A lone separator line between cards: "-", "•", "***" (not a bracket of code)."""
    s = text.strip()
    return 0 < len(s) <= 3 and _SEPARATOR_CHARS.issuperset(s)


def _card_lists(classes: list[Cls], lines, taken: set[int]) -> Iterator[tuple[int, int, str]]:
    """Cards of a teaser list: lone separator lines ("-", "•") every one to three lines,
    three times or more. The items before the first and after the last separator
    belong to the list too (as many lines as the cards around them hold)."""
    solid = [k for k, c in enumerate(classes) if c.kind != BLANK]
    seps = [pos for pos, k in enumerate(solid) if classes[k].kind == FILLER and _separator(lines[k].text)]
    groups: list[list[int]] = []
    for pos in seps:
        if groups and 2 <= pos - groups[-1][-1] <= 4 and \
                lines[solid[pos]].text.strip() == lines[solid[groups[-1][-1]]].text.strip():
            groups[-1].append(pos)
        else:
            groups.append([pos])
    for group in groups:
        if len(group) < 3:
            continue
        cards = [solid[a + 1:b] for a, b in zip(group, group[1:])]
        if any(classes[k].kind in (STRUCT, TOC) or len(lines[k].text) > 250 for card in cards for k in card):
            continue
        if any(all(classes[k].kind == PROSE for k in card) for card in cards):
            continue  # a card has a title; one-paragraph sections between "*" breaks are the story
        sep = lines[solid[group[0]]].text.strip()
        if len(sep) > 1 and any(lines[k].text.lstrip().startswith(sep) for card in cards for k in card):
            continue  # "//" lines between "// text" lines: comments of a code sample
        lead, trail = group[1] - group[0] - 1, group[-1] - group[-2] - 1
        first_pos = group[0]
        while first_pos > 0 and group[0] - first_pos < lead and _card_line(classes, lines, solid[first_pos - 1]) \
                and classes[solid[first_pos - 1]].kind != PROSE:
            first_pos -= 1  # a card before the first separator has a title, not only a paragraph
        last_pos = group[-1]
        while last_pos + 1 < len(solid) and last_pos - group[-1] < trail and \
                _card_line(classes, lines, solid[last_pos + 1]):
            last_pos += 1
        first, last = solid[first_pos], solid[last_pos]
        if taken.intersection(range(first, last + 1)):
            continue
        yield first, last, (f"list of {len(group) + 1} teaser cards separated by {sep!r} lines: "
                            f"links to other articles, not story text")


def _card_line(classes: list[Cls], lines, k: int) -> bool:
    """A line that can belong to a card next to the separators: not a heading or a
    bulleted item of the story's own list."""
    return classes[k].kind not in (STRUCT, TOC, MARKER_C, LIST) and len(lines[k].text) <= 250


def _trailing_headlines(classes: list[Cls], lines, taken: set[int]) -> Iterator[tuple[int, int, str]]:
    """Three or more list items after the story's last paragraph, most of them Title
    Case headlines: a list of links to other articles ("- 15 Amazing Images of Stars")."""
    items: list[int] = []
    k = len(classes) - 1
    while k >= 0:
        kind = classes[k].kind
        if kind == BLANK or (kind in REPORTED and not items):
            k -= 1
            continue
        if kind != LIST or k in taken or not (lines[k].kind == "list" or kit.LIST_MARKER.match(lines[k].text)):
            break
        items.append(k)
        k -= 1
    if len(items) < 3:
        return
    while k >= 0 and classes[k].kind == BLANK:
        k -= 1
    if k >= 0 and (classes[k].kind in (TOC, SHORT) or lines[k].kind == "heading"
                   or kit.last_char(lines[k].text) in ":："):
        return  # the story introduces its own list, with a colon or a (Markdown) sub-heading
    texts = [kit.LIST_MARKER.sub("", lines[j].text, count=1).strip() for j in items]
    if sum(map(kit.headline_like, texts)) * 3 < len(texts) * 2:
        return
    yield items[-1], items[0], f"list of {len(items)} headlines after the story: links to other articles"


def _unreported_short(classes: list[Cls], k: int, taken: set[int]) -> bool:
    return classes[k].kind in (SHORT, HEADLINE, LIST, FILLER, TOC) and k not in taken


def _resolve_edges(classes: list[Cls], lines, labels: DocLabels, programs: kit.Programs,
                   taken: set[int], labels_possible: bool = True, markdown_body: str | None = None) -> bool:
    """Labels and author bios outside the story; True if a line became residue.

    A short Title Case line ("Most Read", "Space", "Phil Helsel") before the first
    paragraph or after the last one is a section label, a widget title or a byline
    name (NL203), unless it repeats the title or stands among other short lines the
    story keeps. The last paragraph, when it opens "Jane Doe is a staff writer …" and
    only short lines follow it, is the author's bio box (NL206).
    """
    changed = False
    seen = 0
    for k in range(len(classes) - 1, -1, -1):  # the last three lines that are not blank
        kind = classes[k].kind
        if kind is BLANK:
            continue
        if kind is PROSE:
            if len(lines[k].text) <= 600 and programs.is_bio(lines[k].text.strip()):
                classes[k] = Cls(BYLINE_C, BIO_DETAIL)
                changed = True
            break  # only the last paragraph can be the bio
        seen += 1
        if seen == 3:
            break
    if not labels_possible:
        return changed
    solid = [k for k, c in enumerate(classes) if c.kind is not BLANK]
    candidates = [pos for pos, k in enumerate(solid) if classes[k].detail is LABEL_DETAIL and k not in taken]
    if not candidates:
        return changed
    if markdown_body is None:
        prose = [k for k in solid if classes[k].kind is PROSE]
    else:  # in Markdown, code blocks and tables are the story's too
        prose = [k for k in solid if classes[k].kind is PROSE or lines[k].kind in _STORY_BLOCKS]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (-1, -1)
    for pos in candidates:
        k = solid[pos]
        if first_prose != -1 and first_prose < k < last_prose:
            continue  # between paragraphs: a sub-heading
        text = lines[k].text.strip()
        if text.casefold() == labels.title:
            continue
        if markdown_body is not None and not markdown_body[lines[k].start:lines[k].end].rstrip().endswith(text):
            continue  # a link or code after it was blanked: "Created from <https://…>" is no bare label
        if any(_unreported_short(classes, solid[j], taken) for j in (pos - 1, pos + 1) if 0 <= j < len(solid)):
            continue  # one of a group of short lines the story keeps (a list that lost its bullets)
        where = "before the story" if first_prose == -1 or k < first_prose else "after the story"
        classes[k] = Cls(TAG_C, f"{OUTSIDE} ({where}): a section label, widget title or byline name")
        changed = True
    return changed

CHECKS: list[Check] = [LineResidueCheck()]
