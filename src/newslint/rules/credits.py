"""NL3xx — photo credits: in the image metadata, not in the prose.

Two checks. ``ImageMetadataCheck`` reads ``images[]``: every image needs a
credit (NL301) and, where a newsroom requires it, a licence (NL302, off by
default). ``BodyCreditCheck`` finds credits in the body in one RE2 pass over
the prose view and gives each exactly one finding, the most specific that
applies: it repeats the image metadata (NL305), it is glued to the words
around it (NL304), it names someone the metadata does not (NL306), or it
simply sits in the body (NL303).

Credit *shapes* are code (below); the words they are made of — labels
("Photo", "Image credit"), agencies ("AP", "Getty Images") and stock sites
("Unsplash") — are data in ``rules/credits.<lang>.yaml``. Labels match as
written, in Title Case and in UPPER CASE, never in lower case; agency names
match case-sensitively and as whole words. So "Photographs show the damage",
"a photo by the river was staged" and "Chapter 3 of the Report" stay quiet.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

import re2

from ..langid import base_lang
from ..model import Edit, Fix, Severity
from .base import Check, CorpusCheck, Hit, Rule

# ------------------------------------------------------------------ rules

NO_CREDIT = Rule(
    code="NL301",
    name="image-without-credit",
    severity=Severity.WARNING,
    summary="An image in the article metadata has no credit.",
    why=(
        "Publishing a photo without naming its author or agency breaches most licences "
        "(Unsplash asks for attribution, wire and agency contracts require it) and leaves "
        "nobody able to answer a takedown request. A credit that exists only in the body "
        "text is lost as soon as the image is shown on its own, in a feed card, a social "
        "preview or a search result. The message says when the caption or the body holds "
        "a credit that belongs in the field. Only images given as objects are asked for a "
        "credit: an image listed as a bare path (Hugo's `images = [\"cover.png\"]`, a "
        "theme's social card) has no place to write one."
    ),
    fires='"images": [{"url": "https://example.com/a.jpg"}]',
    quiet='"images": [{"url": "https://example.com/a.jpg", "credit": "Jane Doe/Reuters"}]',
)

NO_LICENSE = Rule(
    code="NL302",
    name="image-without-license",
    severity=Severity.WARNING,
    summary="A credited image has no licence (off by default; select NL302 to require licences).",
    why=(
        "A credit says who made a photo; a licence says whether you may use it, where and "
        "until when. Syndication, archives and dataset releases need the licence to decide "
        "whether an image can travel with the text. Many sites do not record licences, so "
        "the rule only runs where configuration selects it (extend-select = [\"NL302\"])."
    ),
    fires='"images": [{"url": "https://example.com/a.jpg", "credit": "Jane Doe/Reuters"}]',
    quiet='"images": [{"url": "https://example.com/a.jpg", "credit": "Jane Doe/Reuters", '
          '"license": "Reuters editorial"}]',
    default_enabled=False,
)

IN_BODY = Rule(
    code="NL303",
    name="credit-in-body",
    severity=Severity.WARNING,
    summary="A photo credit sits in the body text instead of the image metadata.",
    why=(
        "A scraper that keeps the text of a figure leaves its credit between paragraphs "
        "(\"Photo by Hanny Naibaho on Unsplash\", \"Photo: Ringo H.W. Chiu, AP\", \"Getty "
        "Images\"). Readers of the text alone see a credit with no photo, text-to-speech "
        "reads it out, and search snippets and training data pick it up as prose. The "
        "credit belongs in images[i].credit, where it stays attached to the photo."
    ),
    fires="The minister spoke on Monday.\nPhoto: Ringo H.W. Chiu, AP\nShe said the plan would pass.",
    quiet="A photo by the river was staged for the campaign, AP reported.",
    fix=(
        "Moves the credit into images[i].credit when exactly one image lacks a credit and the "
        "body holds one credit (safe); otherwise deletes it from the body (unsafe)."
    ),
)

GLUED = Rule(
    code="NL304",
    name="credit-glued-to-text",
    severity=Severity.WARNING,
    summary="A photo credit is glued to the prose before or after it, with no space or break.",
    why=(
        "When an extractor flattens a figure it often drops the line break around its "
        "caption, and the credit fuses with the next sentence: \"on UnsplashReducing costs\", "
        "\"blockchain.Photo by Richard Horvath on UnsplashYouth's\". The sentence is now "
        "wrong for every reader, tokenizer and search index, and the credit is no longer "
        "attached to anything."
    ),
    fires="payments.Photo by Shutter Speed on UnsplashReducing costs matters.",
    quiet="Photo by Shutter Speed on Unsplash\n\nReducing costs matters.",
    fix=(
        "Cuts the credit out, leaving a space where both sides were glued; moves it into "
        "images[i].credit when exactly one image lacks a credit (safe), else unsafe."
    ),
)

DUPLICATE = Rule(
    code="NL305",
    name="body-credit-duplicates-image",
    severity=Severity.WARNING,
    summary="A credit in the body repeats what the image metadata already says.",
    why=(
        "The image is already credited in images[i].credit (or its caption); the copy in "
        "the body is leftover figure text. It reads as a stray line in the article and "
        "adds nothing, so it can go."
    ),
    fires='body "...\\nPhoto by Hanny Naibaho on Unsplash\\n..." and images[0].credit '
          '"Photo by Hanny Naibaho on Unsplash"',
    quiet='body without a credit line, images[0].credit "Photo by Hanny Naibaho on Unsplash"',
    fix="Deletes the credit from the body; the metadata keeps it (safe).",
)

DISAGREES = Rule(
    code="NL306",
    name="body-credit-disagrees-with-image",
    severity=Severity.WARNING,
    summary="A credit in the body names someone no image of the article is credited to.",
    why=(
        "Every image has a credit, yet the body credits someone else: either the metadata "
        "is wrong (a default credit, a credit copied from another story) or the body credit "
        "belongs to a photo that is not there (a pasted teaser). Either way one of the two "
        "misattributes a photo, which is what credit rules exist to prevent."
    ),
    fires='body "Photo: Jane Doe/AP" and images[0].credit "John Roe/Reuters"',
    quiet='body "Photo: Jane Doe/AP" and images[0].credit "Jane Doe/AP"',
    fix="Deletes the credit from the body (unsafe: someone must decide which credit is right).",
)

# ------------------------------------------------------------------ shapes

# Spaces inside a credit: NBSP and thin spaces are common in CMS output.
_S = r"[ \t\x{a0}\x{2009}\x{202f}]"
# Decoration a credit line may carry: bullets, brackets, emphasis markers, dashes.
_DECOR = r"[ \t\x{a0}\pP\p{Sm}\p{Sk}•▶►▸|]*"
# A personal or organisation name: capitalised words, with the usual particles.
_TOKEN = r"\p{Lu}[\pL\pN'’.&\-]*"
_PARTICLE = r"(?:de|da|di|do|du|dos|van|von|der|den|del|la|le|bin|al|el|y|and|&)"
_NAME = rf"{_TOKEN}(?:{_S}+(?:{_TOKEN}|{_PARTICLE}))*"
_SEP = rf"{_S}*(?:/|,|\||–|—|-|\\){_S}*"


def _words(phrases: tuple[str, ...], variants: bool = False) -> str:
    """An RE2 alternation of literal phrases, longest first."""
    forms: set[str] = set()
    for p in phrases:
        forms.add(p)
        if variants:  # as written, Capitalised, Title Case, UPPER CASE; never lower case
            forms.add(p[:1].upper() + p[1:])
            forms.add(" ".join(w[:1].upper() + w[1:] for w in p.split(" ")))
            forms.add(p.upper())
    return "|".join(re2.escape(p) for p in sorted(forms, key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True)
class Words:
    """The lexicon phrases a credit matcher is built from (hashable: the cache key)."""

    labels: tuple[str, ...]
    by_labels: tuple[str, ...]
    by: tuple[str, ...]
    on: tuple[str, ...]
    copyright: tuple[str, ...]
    source: tuple[str, ...]
    agencies: tuple[str, ...]
    standalone: tuple[str, ...]
    sites: tuple[str, ...]


#: Groups of the credit program, in the order they are tried at one position.
_KINDS = ("line", "site", "paren", "endagency", "tail", "gluedsite")


@lru_cache(maxsize=16)
def matcher(words: Words):
    """Compile the credit program for one set of words (once per language per process)."""
    label = _words(words.labels, True)
    by_label = _words(words.by_labels, True)
    by = _words(words.by)
    on = _words(words.on)
    copyright_ = _words(words.copyright, True)
    source = _words(words.source, True)
    ag = _words(words.agencies)
    alone = _words(words.standalone)
    site = _words(words.sites)
    colon = rf"(?:{label})[*_]*{_S}*[:：]"
    agency_suffix = rf"(?:{_S}+(?:Photo|Photos|file|File|Images|Creative|Pool|via{_S}+Getty{_S}+Images))?"
    whole = "|".join([
        # Photo: Ringo H.W. Chiu, AP  /  Image:  /  Credit: TNG Collaboration
        rf"{colon}[^\n]*",
        # Photo by John Smith  /  Image via Getty Images  /  Images by Getty Images and US Presswire
        rf"(?:{by_label}){_S}+(?:{by}){_S}+{_NAME}(?:{_SEP}{_NAME})*(?:{_S}+(?:for|and){_S}+{_NAME})?",
        # Image copyright Getty Images
        rf"(?:{copyright_}){_S}+[^\n]+",
        # © TNG Collaboration  /  © Reuters / David Mercado (not "© 2019 ...": a page footer)
        rf"©{_S}*{_NAME}(?:{_SEP}{_NAME})*",
        # Source: Getty Images
        rf"(?:{source}){_S}*:{_S}*(?:{ag}|{site})(?:{_SEP}{_NAME})?",
        # Getty Images  /  AP  /  AFP via Getty Images
        rf"(?:{alone}){agency_suffix}",
        # Michael Conroy, AP  /  Leonhard Foeger / Reuters file  /  Name/AFP via Getty Images
        rf"{_NAME}{_SEP}(?:{ag}){agency_suffix}",
        # ChinaFotoPress/ChinaFotoPress via Getty Images
        rf"{_NAME}(?:{_SEP}{_NAME})*{_S}+via{_S}+(?:{ag})",
        # AP Photo/John Smith  /  Reuters/Jane Doe
        rf"(?:{ag})(?:{_S}+Photo)?{_S}*/{_S}*{_NAME}",
    ])
    inline_paren = "|".join([
        rf"{colon}{_S}*[^()\n]+",
        rf"(?:{by_label}){_S}+(?:{by}){_S}+[^()\n]+",
        rf"©{_S}*[^()\n\d][^()\n]*",
        rf"(?:{ag})(?:{_S}+Photo)?{_S}*/{_S}*[^()\n]+",
        rf"{_NAME}{_SEP}(?:{ag})(?:{_S}+(?:file|Photo))?",
    ])
    tail = "|".join([
        rf"(?:©{_S}*)?(?:{_NAME}{_S}*/{_S}*(?:{ag})(?:{_S}+file)?|(?:{ag}){_S}*/{_S}*{_NAME})",
        rf"{colon}{_S}*[^\n]+",
        rf"(?:{by_label}){_S}+(?:{by}){_S}+{_NAME}(?:{_SEP}{_NAME})*",
    ])
    source_text = "|".join([
        rf"(?m)^{_DECOR}(?P<line>{whole}){_DECOR}$",
        # Photo by Dave Kim on Unsplash — anywhere, glued or not
        rf"(?P<site>(?:{by_label}){_S}+(?:{by}){_S}+[^\n()]+?{_S}+(?:{on}){_S}*(?:{site}))",
        # (Photo: AP Photo/John Smith)  (Image credit: Future plc)  (AP Photo/Evan Vucci)
        rf"(?P<paren>\((?:{inline_paren})\))",
        # a caption ending "... in Nogales, Ariz. (AP)" — not the "(AP) —" of a dateline
        rf"(?P<endagency>\((?:{ag})\))[ \t]*$",
        # a caption ending in a credit: "...Austria.Leonhard Foeger / Reuters file",
        # ". © Reuters / David Mercado", "... | Foto: Reuters", ". Photograph by Robyn Beck/AFP"
        rf"(?:[.!?’”\")]|{_S}[|–—]){_S}*(?P<tail>{tail}){_S}*$",
        # "UnsplashReducing costs": a site name glued to the next word
        rf"(?:^|[^\pL\pN])(?P<gluedsite>{site})\p{{Lu}}\p{{Ll}}",
    ])
    opts = re2.Options()
    opts.max_mem = 64 << 20
    opts.log_errors = False
    # Every shape contains one of these literals: a cheap first pass finds
    # the few lines worth running the full program on.
    literals = (*words.labels, *words.by_labels, *words.copyright, *words.source,
                *words.agencies, *words.standalone, *words.sites)
    trigger = re2.compile(_words(literals, True) + "|©", opts)
    label_prefix = re2.compile(
        rf"^(?:{colon}|(?:{copyright_}){_S}+|(?:{source}){_S}*:){_S}*", opts)
    return Matcher(source_text, trigger, label_prefix)


@dataclass(frozen=True)
class Matcher:
    """The credit program behind a cheap literal trigger.

    The full program (~35 ms of RE2 compilation: names are Unicode classes)
    is compiled only when the trigger first finds a label, agency or "©",
    so a run over articles without credits never pays for it.
    """

    source: str
    trigger: object
    label_prefix: object

    @cached_property
    def _compiled(self) -> tuple[object, tuple[int, ...]]:
        opts = re2.Options()
        opts.max_mem = 64 << 20
        opts.log_errors = False
        program = re2.compile(self.source, opts)
        return program, tuple(program.groupindex[k] for k in _KINDS)

    def value(self, text: str, kind: str) -> str:
        """A found credit as it would read in images[i].credit: no brackets, no label."""
        text = text.strip().strip("()").strip(" *_")
        if kind != "site":
            m = self.label_prefix.search(text)
            if m and m.end() < len(text):
                text = text[m.end():]
        return text.strip(" *_").strip()

    def spans(self, data: bytes) -> Iterator[tuple[str, int, int]]:
        """``(kind, start, end)`` byte spans of credits in UTF-8 ``data``, in order."""
        pos = 0
        size = len(data)
        while pos < size:
            hit = self.trigger.search(data, pos)
            if hit is None:
                return
            at = hit.start()
            line_start = data.rfind(b"\n", 0, at) + 1
            line_end = data.find(b"\n", at)
            if line_end < 0:
                line_end = size
            program, groups = self._compiled
            for m in program.finditer(data, line_start, line_end):
                for kind, g in zip(_KINDS, groups):
                    s, e = m.span(g)
                    if s >= 0:
                        yield kind, s, e
                        break
            pos = line_end + 1


#: (id of the loaded packs, language) → (packs, compiled matcher)
_PROGRAMS: dict[tuple[int, str], tuple[object, "Matcher"]] = {}


def program_for(ctx, lang: str | None):
    """The credit program for an article language: built once per process and language."""
    base = base_lang(lang) or "en"
    packs = ctx.packs
    key = (id(packs), base)
    cached = _PROGRAMS.get(key)
    if cached is None or cached[0] is not packs:
        cached = _PROGRAMS[key] = (packs, matcher(words_for(ctx, base)))
    return cached[1]


def words_for(ctx, lang: str | None) -> Words:
    """The article language's credit words, plus the English ones.

    English credits ("Photo by X on Unsplash") appear on sites in every
    language, so English words always apply; a language pack adds its own.
    """
    def ph(name: str) -> tuple[str, ...]:
        words = ctx.lexicon(name, lang).phrases
        if lang and not lang.lower().startswith("en"):
            extra = [w for w in ctx.lexicon(name, "en").phrases if w not in words]
            return tuple(words) + tuple(extra)
        return tuple(words)

    return Words(
        labels=ph("credit-labels"), by_labels=ph("credit-by-labels"), by=ph("credit-by"),
        on=ph("credit-on"), copyright=ph("credit-copyright"), source=ph("credit-source"),
        agencies=ph("credit-agencies"), standalone=ph("credit-standalone"), sites=ph("credit-sites"),
    )


# ------------------------------------------------------------------ found credits

_OPENERS = "([{«“‘\"'"
#: longest credit believed (a caption line with a label may be long, a credit is not)
_MAX_CREDIT = 250
_MAX_SITE_CREDIT = 100
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*$")
_TOKENS = re.compile(r"[^\W_]+")
#: words that say "this is a credit", not whose credit it is
_NOISE = frozenset("""photo photos photograph photographs photography image images picture pictures
    credit credits copyright courtesy source via by on from at for of the file illustration
    header featured cover top lead main hero and c""".split())


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit found in the body (offsets into the body)."""

    start: int
    end: int
    text: str
    kind: str
    whole_line: bool
    glued_before: bool
    glued_after: bool
    line_index: int
    #: the credit as it would read in images[i].credit ("Photo: X, AP" → "X, AP")
    value: str

    @property
    def glued(self) -> bool:
        return self.glued_before or self.glued_after


def credit_tokens(text: str) -> frozenset[str]:
    """The words that identify a credit: names, agencies (label words dropped)."""
    return frozenset(t for t in _TOKENS.findall(text.casefold()) if t not in _NOISE)


def _is_sentence(rest: str) -> bool:
    """A "Credit: ..." line that reads as a sentence is prose, not a credit."""
    return len(rest.split()) >= 8 and bool(_SENTENCE_END.search(rest.rstrip()))


def find_credits(doc, ctx) -> list[Credit]:
    """Every credit in the body, in order."""
    prose = doc.prose
    if not prose.strip():
        return []
    match = program_for(ctx, doc.article.lang)
    lines = doc.lines
    starts = [ln.start for ln in lines]
    found: list[Credit] = []
    footer = None
    # RE2 on bytes skips the wrapper's per-call offset conversion (twice as fast);
    # the few matches are mapped back to character offsets here.
    data = prose.encode("utf-8")
    ascii_only = len(data) == len(prose)
    for kind, bs, be in match.spans(data):
        s, e = bs, be
        if not ascii_only:
            s = len(data[:bs].decode("utf-8"))
            e = s + len(data[bs:be].decode("utf-8"))
        li = bisect.bisect_right(starts, s) - 1
        line = lines[li]
        if kind == "line":
            e = s + _balanced_length(prose[s:e])
        text = prose[s:e]
        if len(text) > _MAX_CREDIT or (kind == "site" and len(text) > _MAX_SITE_CREDIT):
            continue  # a label word and an agency far apart in prose, not a credit
        if kind == "line":
            rest = text.split(":", 1)[1] if ":" in text[:40] else ""
            if rest and _is_sentence(rest):
                continue
            if len(text) <= 4 and _in_short_run(lines, li):
                continue  # "AP" in a list of state codes, not a credit
        if text.startswith("©") or (kind == "tail" and "©" in text):
            footer = footer or ctx.lexicon("credit-footer", doc.article.lang)
            if footer.search(text):
                continue  # "© 2019 Example Media, Inc. All rights reserved": a page footer
        before = prose[line.start:s]
        after = prose[e:line.end]
        whole = kind == "line" or (_only_decor(before) and _only_decor(after))
        glued_before = glued_after = False
        if not whole:
            prev = prose[s - 1] if s > line.start else ""
            glued_before = bool(prev) and not prev.isspace() and prev not in "([{" and not (
                prev in _OPENERS and (s - 2 < line.start or prose[s - 2].isspace()))
            nxt = prose[e] if e < line.end else ""
            glued_after = nxt.isalnum()
        found.append(Credit(s, e, text, kind, whole, glued_before, glued_after, li,
                            match.value(text, kind)))
    return found


def _balanced_length(text: str) -> int:
    """Length of ``text`` without a closing bracket it does not open ("Credit: X)")."""
    text = text.rstrip()
    while text and text[-1] in ")]" and text.count("(") + text.count("[") < text.count(")") + text.count("]"):
        text = text[:-1].rstrip()
    return len(text)


def _in_short_run(lines, index: int) -> bool:
    """Whether a neighbouring non-blank line is also a short token (a list of codes)."""
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(lines) and lines[j].is_blank:
            j += step
        if 0 <= j < len(lines) and len(lines[j].text.strip()) <= 4:
            return True
    return False


_DECOR_RE = re.compile(r"^[\s\W_]*$")


def _only_decor(text: str) -> bool:
    return not text or bool(_DECOR_RE.match(text))


# ------------------------------------------------------------------ checks


def _has_credit(value: str | None) -> bool:
    return bool(value and value.strip())


def path_only(doc, index: int) -> bool:
    """Was ``images[index]`` given as a bare path string, with no room for a credit?

    The mapping turns ``images: [a.png]`` into image objects and records that
    the URL *is* the item in the user's file.
    """
    return doc.source_pointer(f"/images/{index}/url") == doc.source_pointer(f"/images/{index}")


class ImageMetadataCheck(Check):
    """NL301/NL302: every image carries a credit (and a licence, where required)."""

    rules = (NO_CREDIT, NO_LICENSE)

    def check(self, doc, ctx) -> Iterator[Hit]:
        images = doc.article.images
        if not images or doc.data is None:
            return
        for i, image in enumerate(images):
            pointer = f"/images/{i}"
            if not _has_credit(image.credit):
                if path_only(doc, i):
                    continue  # "images: [cover.png]": nowhere to write a credit
                hint = ""
                if image.caption and ctx.is_enabled("NL301"):
                    data = image.caption.encode("utf-8")
                    for _, s, e in program_for(ctx, doc.article.lang).spans(data):
                        hint = f"; its caption holds one: {data[s:e].decode('utf-8', 'replace').strip()!r}"
                        break
                yield Hit("NL301", f"images[{i}] ({_short(image.url)}) has no credit{hint}",
                          pointer=pointer, evidence=f"{image.url}|no-credit")
            elif not _has_credit(image.license):
                yield Hit("NL302", f"images[{i}] ({_short(image.url)}) is credited to "
                                   f"{image.credit.strip()!r} but has no licence",
                          pointer=pointer, evidence=f"{image.url}|no-license")


def _short(url: str | None, width: int = 60) -> str:
    if not url:
        return "no url"
    return url if len(url) <= width else url[: width - 1] + "…"


class BodyCreditCheck(Check):
    """NL303–NL306: credits in the body, each reported once by its most specific rule."""

    rules = (IN_BODY, GLUED, DUPLICATE, DISAGREES)

    def check(self, doc, ctx) -> Iterator[Hit]:
        credits = find_credits(doc, ctx)
        if not credits:
            return
        images = doc.article.images if doc.data is not None else []
        known = [(i, credit_tokens(img.credit or ""), credit_tokens(img.caption or ""))
                 for i, img in enumerate(images)]
        # a credit can only be moved into an image object, not into a bare path
        uncredited = [i for i, img in enumerate(images) if not _has_credit(img.credit)]
        if uncredited and doc.pointer_map:
            uncredited = [i for i in uncredited if not path_only(doc, i)]
        judged = [(c, self._judge(c, known, images)) for c in credits]
        # A bare site name ("UnsplashReducing") is too little to be an image's credit.
        movable = [c for c, (code, _) in judged if code in ("NL303", "NL304") and c.kind != "gluedsite"]
        target = uncredited[0] if len(uncredited) == 1 and len(movable) == 1 else None
        for credit, (code, detail) in judged:
            yield self._hit(doc, credit, code, detail, target)

    @staticmethod
    def _judge(credit: Credit, known, images) -> tuple[str, str]:
        tokens = credit_tokens(credit.value)
        for i, cred, cap in known:
            if tokens and ((cred and tokens <= cred) or (cap and tokens <= cap)):
                field = "credit" if cred and tokens <= cred else "caption"
                return "NL305", f"images[{i}].{field}"
        if credit.glued:
            return "NL304", ""
        if images and all(_has_credit(img.credit) for img in images):
            listed = ", ".join(repr(img.credit.strip()) for img in images[:3])
            return "NL306", listed + (" …" if len(images) > 3 else "")
        return "NL303", ""

    def _hit(self, doc, credit: Credit, code: str, detail: str, target: int | None) -> Hit:
        shown = " ".join(credit.text.split())
        noun = "photo credit"
        if credit.kind == "line" and ":" in shown[:30] and len(credit.value.split()) >= 6:
            noun = "photo caption"  # "Image: Jose Mourinho has agreed a deal ..."
        if code == "NL305":
            message = f"{noun} {shown!r} in the body repeats {detail}"
        elif code == "NL304":
            sides = " and ".join(s for s, on in (("the text before", credit.glued_before),
                                                 ("the text after", credit.glued_after)) if on)
            message = f"{noun} {shown!r} is glued to {sides}"
        elif code == "NL306":
            message = f"{noun} {shown!r} in the body matches no image credit ({detail})"
        else:
            message = f"{noun} {shown!r} sits in the body"
        start, end, replacement = _deletion(doc, credit)
        edits = [Edit(pointer="/body", start=start, end=end, replacement=replacement)]
        if code == "NL305":
            fix = Fix(message="Delete the credit from the body (the image metadata has it)",
                      applicability="safe", edits=tuple(edits))
        elif target is not None and code in ("NL303", "NL304") and credit.kind != "gluedsite":
            edits.append(Edit(pointer=f"/images/{target}/credit", start=0, end=0, replacement=credit.value))
            fix = Fix(message=f"Move the credit into images[{target}].credit",
                      applicability="safe", edits=tuple(edits))
            message += f"; move it to images[{target}].credit"
        else:
            fix = Fix(message="Delete the credit from the body", applicability="unsafe", edits=tuple(edits))
        return Hit(code, message, start=credit.start, end=credit.end, fix=fix, evidence=shown)


def _deletion(doc, credit: Credit) -> tuple[int, int, str]:
    """The body span to delete for ``credit`` and what to put in its place.

    A credit that is its own line goes with its line break (and one blank
    line, when it stood as a paragraph of its own). A glued credit leaves a
    space where both sides were glued; an inline one takes one adjacent space.
    """
    body = doc.body
    line = doc.lines[credit.line_index]
    raw = body[line.start:line.end]
    if credit.whole_line and _only_decor(raw.replace(body[credit.start:credit.end], "", 1)):
        start, end = line.start, line.end
        if end < len(body):  # take the line break after it
            end += 1
            nxt = credit.line_index + 1
            prev = credit.line_index - 1
            if (nxt < len(doc.lines) and doc.lines[nxt].is_blank and not body[doc.lines[nxt].start:doc.lines[nxt].end]
                    and (prev < 0 or doc.lines[prev].is_blank) and doc.lines[nxt].end < len(body)):
                end = doc.lines[nxt].end + 1
        elif start > 0:  # last line: take the line break before it
            start -= 1
        return start, end, ""
    start, end = credit.start, credit.end
    if credit.glued_before and credit.glued_after:
        return start, end, " "
    if credit.glued:
        return start, end, ""
    if start > line.start and body[start - 1] == " ":
        return start - 1, end, ""
    if end < line.end and body[end] == " ":
        return start, end + 1, ""
    return start, end, ""


CHECKS: list[Check] = [ImageMetadataCheck(), BodyCreditCheck()]
CORPUS_CHECKS: list[CorpusCheck] = []
