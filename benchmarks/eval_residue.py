"""Line-level precision and recall of residue findings (NL2xx + NL3xx) against labels.

    .venv/bin/python benchmarks/eval_residue.py [--labels DIR] [--select NL2 NL3]
                                                [--examples 25] [--missed] [--summary]
                                                [--rules-json FILE] [--json FILE]

Reads the labeled files of ``../shared/corpus/labels`` (or ``--labels``):
``extractor-lines.jsonl`` (articles as four real extractors stored them) and
``page-lines.jsonl`` (whole visible page text). Each line has ``label`` 1
(residue), 0 (article text) or ``null`` (partly both: skipped); lines of
``kind == "title"`` are skipped too. Per the labels README, each extractor's
articles are linted as a corpus of their own (so the four views of one page
never meet and look like site boilerplate), and the pages as one corpus.

Two scopes are scored from the same run, because the labels say "this line is
or is not article text", and only some rules make that claim:

- ``line residue``: findings that say a whole line is not article text — the
  line and block rules (NL201–NL212, NL220) and, when the finding covers the
  line (at least 80 % of its characters), the rules that may also flag a span
  inside prose (NL223 HTML, NL303–NL306 credits);
- ``all``: every selected finding, including the in-line defects (stray
  NBSP, zero-width characters, entities, mojibake, glued words) that point at
  a flaw inside article text and so count as "false positives" here although
  they are right about the text.

A line counts as flagged when a finding on ``/body`` covers it (block
findings cover every line of their span). Printed per view and scope:
precision, recall and F1, per extractor, and per rule (lines flagged, of
them residue, false positives, precision, and residue lines only that rule
found), the C4 line heuristic on the same lines for reference, false-positive
examples of the line-residue scope, and with ``--missed`` the most common
missed residue lines. ``--summary`` prints only the Markdown table meant for
an issue note. A measurement, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = ROOT.parent / "shared" / "corpus" / "labels"

#: rules whose every finding says "these lines are not article text"
LINE_RULES = frozenset({f"NL{n}" for n in range(201, 221)})
#: rules that flag a span; the finding is a line claim when it covers the line
WHOLE_LINE_RULES = frozenset({"NL223", "NL303", "NL304", "NL305", "NL306"})
#: share of a line's characters (stripped) a span must cover to claim the line
WHOLE_LINE_SHARE = 0.8
SCOPES = ("line residue", "all")


def _lint(articles: list[dict], select: list[str], rule_options: dict) -> list:
    """Lint articles as one JSONL corpus; findings of the selected rules."""
    import newslint
    from newslint.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for art in articles:
                fh.write(json.dumps(art, ensure_ascii=False) + "\n")
        settings = Settings(select=select, cache=False, jobs=1, rules=rule_options, links="off")
        report = newslint.lint([str(path)], settings)
    return report.findings


def _line_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each line's stripped text."""
    spans, pos = [], 0
    for line in body.split("\n"):
        lead = len(line) - len(line.lstrip())
        spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def _flagged_lines(findings, bodies: list[str]) -> dict[tuple[int, int], dict[str, bool]]:
    """(article index, body line index) → {code: the finding claims the whole line}."""
    spans = [_line_spans(body) for body in bodies]
    starts = [[s for s, _ in sp] for sp in spans]
    out: dict[tuple[int, int], dict[str, bool]] = defaultdict(dict)
    for f in findings:
        if f.record is None or f.pointer != "/body" or f.start is None:
            continue
        art = f.record - 1
        end = f.end if f.end is not None and f.end > f.start else f.start + 1
        first = max(0, bisect.bisect_right(starts[art], f.start) - 1)
        last = max(first, bisect.bisect_right(starts[art], end - 1) - 1)
        for line in range(first, last + 1):
            lo, hi = spans[art][line]
            covered = max(0, min(hi, end) - max(lo, f.start))
            whole = f.code in LINE_RULES or (f.code in WHOLE_LINE_RULES and
                                             covered >= WHOLE_LINE_SHARE * max(1, hi - lo))
            out[(art, line)][f.code] = out[(art, line)].get(f.code, False) or whole
    return out


_C4_BAD = ("javascript", "cookie", "privacy policy", "terms of use", "lorem ipsum", "{")


def _c4_residue(text: str) -> bool:
    """The C4 line filter: a line is dropped unless it ends in terminal punctuation,
    has at least 3 words and names no javascript/cookie/policy boilerplate."""
    s = text.strip()
    low = s.lower()
    if any(b in low for b in _C4_BAD):
        return True
    if not s.endswith((".", "!", "?", '"', "”", "’", "'")):
        return True
    return len(s.split()) < 3


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, predicted: bool, label: int) -> None:
        if predicted and label:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif label:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        return (f"{name:<30} P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, lines {self.tp + self.fp + self.fn + self.tn})")

    def numbers(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


class ScopeResult:
    """Scores of one scope (line residue / all) over one labeled file."""

    def __init__(self) -> None:
        self.total = Score()
        self.per_group: dict[str, Score] = defaultdict(Score)
        self.per_rule: dict[str, Counter] = defaultdict(Counter)
        self.fps: list[tuple[str, str, str]] = []
        self.fns: Counter = Counter()

    def add(self, group: str, art_id: str, text: str, codes: set[str], label: int) -> None:
        self.total.add(bool(codes), label)
        self.per_group[group].add(bool(codes), label)
        for code in codes:
            rule = self.per_rule[code]
            rule["flagged"] += 1
            rule["residue"] += label
            if len(codes) == 1:
                rule["only"] += label
        if codes and not label:
            self.fps.append((",".join(sorted(codes)), art_id, text))
        if label and not codes:
            self.fns[text[:80]] += 1


def evaluate(groups: dict[str, list[dict]], select: list[str], rule_options: dict):
    """Score each group (a corpus of its own) in both scopes; also the C4 reference."""
    scopes = {name: ScopeResult() for name in SCOPES}
    c4 = Score()
    for name, rows in groups.items():
        articles = [r["article"] for r in rows]
        flagged = _flagged_lines(_lint(articles, select, rule_options), [a["body"] for a in articles])
        for ai, row in enumerate(rows):
            for line in row["lines"]:
                label = line["label"]
                if label is None or line.get("kind") == "title":
                    continue
                claims = flagged.get((ai, line["i"]), {})
                c4.add(_c4_residue(line["text"]), label)
                scopes["all"].add(name, row["id"], line["text"], set(claims), label)
                scopes["line residue"].add(name, row["id"], line["text"],
                                           {code for code, whole in claims.items() if whole}, label)
    return scopes, c4


def _print_view(title: str, scopes: dict[str, ScopeResult], c4: Score, examples: int, show_fn: bool) -> None:
    print(f"\n== {title}")
    for scope in SCOPES:
        print(scopes[scope].total.row(f"newslint: {scope}"))
    print(c4.row("C4 line heuristic (ref.)"))
    groups = sorted(scopes["all"].per_group)
    if len(groups) > 1:
        for scope in SCOPES:
            print(f"  per extractor, {scope}:")
            for name in groups:
                print("    " + scopes[scope].per_group[name].row(name))
    print("  per rule (all findings): lines flagged / residue / false positives / precision / found by it alone;"
          " then the same for its whole-line claims")
    everything, lines = scopes["all"].per_rule, scopes["line residue"].per_rule
    for code in sorted(everything):
        c = everything[code]
        row = f"    {code}  {c['flagged']:5d} {c['residue']:5d} {c['flagged'] - c['residue']:4d}  " \
              f"{c['residue'] / c['flagged'] if c['flagged'] else 0:5.3f} {c['only']:5d}"
        if code in lines:
            w = lines[code]
            row += f"   | {w['flagged']:5d} {w['residue']:5d} {w['flagged'] - w['residue']:4d}  " \
                   f"{w['residue'] / w['flagged'] if w['flagged'] else 0:5.3f}"
        else:
            row += "   | (in-line defects: no line claim)"
        print(row)
    fps = scopes["line residue"].fps
    if examples and fps:
        print(f"  line-residue false positives (first {min(examples, len(fps))} of {len(fps)}):")
        for codes, art, text in fps[:examples]:
            print(f"    {codes:<12} {art:<34} {text[:110]!r}")
    fns = scopes["line residue"].fns
    if show_fn and fns:
        print(f"  most common missed residue lines (of {sum(fns.values())}):")
        for text, count in fns.most_common(examples):
            print(f"    {count:3d} {text!r}")


def summary_table(results: dict[str, tuple[dict[str, ScopeResult], Score]], label: str) -> str:
    """A Markdown table for an issue note: both views, both scopes, per extractor, C4."""
    out = ["| view | scope | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|---|"]

    def row(view: str, scope: str, s: Score) -> None:
        out.append(f"| {view} | {scope} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |")

    for view, (scopes, c4) in results.items():
        for scope in SCOPES:
            row(view, f"{scope} ({label})" if scope == "all" else scope, scopes[scope].total)
        row(view, "C4 line heuristic", c4)
        groups = sorted(scopes["all"].per_group)
        if len(groups) > 1:
            for name in groups:
                row(view, f"line residue: {name}", scopes["line residue"].per_group[name])
    out.append("")
    out.append("| rule | extractor: flagged / fp | page: flagged / fp |")
    out.append("|---|---|---|")
    codes = sorted({c for scopes, _ in results.values() for c in scopes["all"].per_rule})
    for code in codes:
        cells = []
        for view in ("extractor-lines", "page-lines"):
            if view not in results:
                cells.append("–")
                continue
            c = results[view][0]["all"].per_rule.get(code)
            cell = f"{c['flagged']} / {c['flagged'] - c['residue']}" if c else "0 / 0"
            w = results[view][0]["line residue"].per_rule.get(code)
            if code in WHOLE_LINE_RULES:
                cell += f" (whole line: {w['flagged']} / {w['flagged'] - w['residue']})" if w else " (whole line: 0 / 0)"
            cells.append(cell)
        kind = "" if code in LINE_RULES else (" (line residue only when whole-line)"
                                              if code in WHOLE_LINE_RULES else " (in-line defect)")
        out.append(f"| {code}{kind} | {cells[0]} | {cells[1]} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="folder with the labeled JSONL files")
    parser.add_argument("--select", nargs="+", default=["NL2", "NL3"], help="rule selectors to score")
    parser.add_argument("--examples", type=int, default=25, help="examples to print per view")
    parser.add_argument("--missed", action="store_true", help="also print the most common missed residue lines")
    parser.add_argument("--summary", action="store_true", help="print only the Markdown summary table")
    parser.add_argument("--rules-json", type=Path, help="per-rule options as JSON ({\"NL204\": {...}})")
    parser.add_argument("--json", type=Path, help="write the numbers to this file")
    args = parser.parse_args(argv)
    rule_options = json.loads(args.rules_json.read_text("utf-8")) if args.rules_json else {}
    label = "+".join(args.select)

    results: dict[str, tuple[dict[str, ScopeResult], Score]] = {}
    extractor_file = args.labels / "extractor-lines.jsonl"
    page_file = args.labels / "page-lines.jsonl"
    if extractor_file.is_file():
        groups: dict[str, list[dict]] = defaultdict(list)
        for raw in extractor_file.open(encoding="utf-8"):
            row = json.loads(raw)
            groups[row.get("extractor") or "all"].append(row)
        results["extractor-lines"] = evaluate(dict(groups), args.select, rule_options)
    if page_file.is_file():
        rows = [json.loads(raw) for raw in page_file.open(encoding="utf-8")]
        results["page-lines"] = evaluate({"pages": rows}, args.select, rule_options)
    if not results:
        print(f"no labeled files in {args.labels}", file=sys.stderr)
        return 2
    if not args.summary:
        titles = {"extractor-lines": "extractor-lines.jsonl (each extractor a corpus of its own)",
                  "page-lines": "page-lines.jsonl (whole pages, one corpus)"}
        for view, (scopes, c4) in results.items():
            _print_view(titles[view], scopes, c4, args.examples, args.missed)
        print()
    print(summary_table(results, label))
    if args.json:
        numbers = {}
        for view, (scopes, c4) in results.items():
            numbers[view] = {scope: scopes[scope].total.numbers() for scope in SCOPES}
            numbers[view]["c4"] = c4.numbers()
            numbers[view]["per_group"] = {name: {scope: scopes[scope].per_group[name].numbers() for scope in SCOPES}
                                          for name in sorted(scopes["all"].per_group)}
            numbers[view]["per_rule"] = {code: {"flagged": c["flagged"], "residue": c["residue"],
                                                "fp": c["flagged"] - c["residue"], "only": c["only"]}
                                         for code, c in sorted(scopes["all"].per_rule.items())}
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
