"""Helpers for rule tests: lint a snippet as a given format and get findings.

Used by the data-driven YAML cases (``tests/cases/*.yaml``) and by anyone
writing rule tests: it goes through the real readers and engine, so a case
tests what a user would see, locations included.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

_SUFFIX = {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}


def write_case_files(folder: Path, case: dict[str, Any]) -> list[Path]:
    """Materialise a case as files: ``body``/``article``/``articles``/``source``."""
    fmt = case.get("format", "text")
    name = case.get("filename") or ("article" + _SUFFIX[fmt])
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if "source" in case:  # the raw file text, as a user would have it
        target.write_text(case["source"], encoding="utf-8")
    elif "articles" in case:  # a corpus: one JSONL file
        target = folder / (case.get("filename") or "corpus.jsonl")
        target.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in case["articles"]),
                          encoding="utf-8")
    elif fmt == "text":
        target.write_text(case["body"], encoding="utf-8")
    elif fmt == "markdown":
        article = dict(case.get("article", {}))
        body = case.get("body", article.pop("body", ""))
        import yaml

        front = yaml.safe_dump(article, allow_unicode=True, sort_keys=False) if article else ""
        target.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    else:
        article = dict(case.get("article", {"title": "A title"}))
        if "body" in case:
            article["body"] = case["body"]
        line = json.dumps(article, ensure_ascii=False)
        target.write_text(line + "\n", encoding="utf-8")
    return [target]


def lint_case(case: dict[str, Any], select: list[str] | None = None):
    """Lint one case in a temporary folder; returns the Report."""
    import os

    from . import lint
    from .settings import build_settings

    settings_data = dict(case.get("settings", {}))
    if select is not None:
        settings_data.setdefault("select", select)
    settings, _ = build_settings(settings_data, {}, "case")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_case_files(folder, case)
        old = os.getcwd()
        os.chdir(folder)
        try:
            return lint(["."], settings)
        finally:
            os.chdir(old)
