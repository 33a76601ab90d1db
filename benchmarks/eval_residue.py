"""Line-level precision and recall of residue findings (NL2xx + NL3xx) against labels.

    .venv/bin/python benchmarks/eval_residue.py [--labels DIR] [--select NL2 NL3]
                                                [--examples 25] [--rules-json FILE]

Reads the labeled files of ``../shared/corpus/labels`` (or ``--labels``):
``extractor-lines.jsonl`` (articles as four real extractors stored them) and
``page-lines.jsonl`` (whole visible page text). Each line has ``label`` 1
(residue), 0 (article text) or ``null`` (partly both: skipped); lines of
``kind == "title"`` are skipped too. Per the labels README, each extractor's
articles are linted as a corpus of their own (so the four views of one page
never meet and look like site boilerplate), and the pages as one corpus.

A line counts as flagged when a finding on ``/body`` covers it (block
findings cover every line of their span). Printed: precision, recall and F1
per view and per extractor, each rule's contribution (lines flagged, of
them residue, precision, and lines only that rule found), the C4 line
heuristic on the same lines for reference, and false-positive examples to
tune on. A measurement, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELS = ROOT.parent / "shared" / "corpus" / "labels"


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


def _flagged_lines(findings, bodies: list[str]) -> dict[tuple[int, int], set[str]]:
    """(article index, body line index) → codes that flagged it."""
    starts: list[list[int]] = []
    for body in bodies:
        offs = [0]
        for i, ch in enumerate(body):
            if ch == "\n":
                offs.append(i + 1)
        starts.append(offs)
    out: dict[tuple[int, int], set[str]] = defaultdict(set)
    import bisect

    for f in findings:
        if f.record is None or f.pointer != "/body" or f.start is None:
            continue
        art = f.record - 1
        offs = starts[art]
        first = bisect.bisect_right(offs, f.start) - 1
        end = f.end if f.end is not None and f.end > f.start else f.start + 1
        last = bisect.bisect_right(offs, end - 1) - 1
        for line in range(first, last + 1):
            out[(art, line)].add(f.code)
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
        return (f"{name:<28} P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, lines {self.tp + self.fp + self.fn + self.tn})")


def evaluate(groups: dict[str, list[dict]], select: list[str], rule_options: dict):
    """Score each group (a corpus of its own); returns per-group scores and details."""
    total, c4 = Score(), Score()
    per_group: dict[str, Score] = {}
    per_rule: dict[str, Counter] = defaultdict(Counter)
    fps: list[tuple[str, str, str]] = []
    fns: Counter = Counter()
    for name, rows in groups.items():
        articles = [r["article"] for r in rows]
        findings = _lint(articles, select, rule_options)
        flagged = _flagged_lines(findings, [a["body"] for a in articles])
        score = Score()
        for ai, row in enumerate(rows):
            for line in row["lines"]:
                label = line["label"]
                if label is None or line.get("kind") == "title":
                    continue
                codes = flagged.get((ai, line["i"]), set())
                score.add(bool(codes), label)
                total.add(bool(codes), label)
                c4.add(_c4_residue(line["text"]), label)
                for code in codes:
                    per_rule[code]["flagged"] += 1
                    per_rule[code]["residue"] += label
                    if len(codes) == 1:
                        per_rule[code]["only"] += label
                if codes and not label:
                    fps.append((",".join(sorted(codes)), row["id"], line["text"]))
                if label and not codes:
                    fns[line["text"][:80]] += 1
        per_group[name] = score
    return total, c4, per_group, per_rule, fps, fns


def _print_view(title: str, result, examples: int, show_fn: bool, label: str) -> dict:
    total, c4, per_group, per_rule, fps, fns = result
    print(f"\n== {title}")
    print(total.row(f"newslint {label}"))
    print(c4.row("C4 line heuristic (ref.)"))
    if len(per_group) > 1:
        for name, score in sorted(per_group.items()):
            print("  " + score.row(name))
    print("  per rule: lines flagged / residue / precision / residue found by it alone")
    for code in sorted(per_rule):
        c = per_rule[code]
        prec = c["residue"] / c["flagged"] if c["flagged"] else 0.0
        print(f"    {code}  {c['flagged']:5d} {c['residue']:5d}  {prec:5.3f}  {c['only']:5d}")
    if examples and fps:
        print(f"  false positives (first {min(examples, len(fps))} of {len(fps)}):")
        for codes, art, text in fps[:examples]:
            print(f"    {codes:<12} {art:<34} {text[:110]!r}")
    if show_fn and fns:
        print(f"  most common missed residue lines (of {sum(fns.values())}):")
        for text, count in fns.most_common(examples):
            print(f"    {count:3d} {text!r}")
    return {"precision": round(total.precision, 4), "recall": round(total.recall, 4),
            "f1": round(total.f1, 4), "tp": total.tp, "fp": total.fp, "fn": total.fn,
            "c4_precision": round(c4.precision, 4), "c4_recall": round(c4.recall, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="folder with the labeled JSONL files")
    parser.add_argument("--select", nargs="+", default=["NL2", "NL3"], help="rule selectors to score")
    parser.add_argument("--examples", type=int, default=25, help="false-positive examples to print per view")
    parser.add_argument("--missed", action="store_true", help="also print the most common missed residue lines")
    parser.add_argument("--rules-json", type=Path, help="per-rule options as JSON ({\"NL204\": {...}})")
    parser.add_argument("--json", type=Path, help="write the numbers to this file")
    args = parser.parse_args(argv)
    rule_options = json.loads(args.rules_json.read_text("utf-8")) if args.rules_json else {}
    label = "+".join(args.select)

    numbers = {}
    extractor_file = args.labels / "extractor-lines.jsonl"
    page_file = args.labels / "page-lines.jsonl"
    if extractor_file.is_file():
        groups: dict[str, list[dict]] = defaultdict(list)
        for raw in extractor_file.open(encoding="utf-8"):
            row = json.loads(raw)
            groups[row.get("extractor") or "all"].append(row)
        result = evaluate(dict(groups), args.select, rule_options)
        numbers["extractor-lines"] = _print_view("extractor-lines.jsonl (each extractor a corpus of its own)",
                                                 result, args.examples, args.missed, label)
    if page_file.is_file():
        rows = [json.loads(raw) for raw in page_file.open(encoding="utf-8")]
        result = evaluate({"pages": rows}, args.select, rule_options)
        numbers["page-lines"] = _print_view("page-lines.jsonl (whole pages, one corpus)",
                                            result, args.examples, args.missed, label)
    if not numbers:
        print(f"no labeled files in {args.labels}", file=sys.stderr)
        return 2
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
