"""``junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure, CircleCI).

One ``testsuite`` named ``newslint``; each linted file is a ``testcase``
(clean files pass), and each finding in a file is a ``failure`` in it.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from .base import ReportEnv, by_file, context_label

# XML 1.0 cannot carry most control characters, and scraped text has them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(f) -> str:
    where = f.path if f.line is None else f"{f.path}:{f.line}:{f.column or 1}"
    extra = context_label(f)
    return f"{where}: {f.code} [{f.name}] {f.message}" + (f" ({extra})" if extra else "")


def junit_tree(report) -> ET.Element:
    groups = dict(by_file(report.findings))
    paths = sorted(set(getattr(report, "paths", None) or ()) | set(groups))
    suite = ET.Element("testsuite", {
        "name": "newslint",
        "tests": str(len(paths)),
        "failures": str(len(groups)),
        "errors": "0",
        "skipped": "0",
    })
    for path in paths:
        case = ET.SubElement(suite, "testcase", {"name": _clean(path), "classname": _clean(path)})
        for f in groups.get(path, ()):
            failure = ET.SubElement(case, "failure", {
                "message": _clean(f"{f.code} [{f.name}] {f.message}"),
                "type": f.code,
            })
            failure.text = _clean(_failure_text(f))
    root = ET.Element("testsuites", {
        "name": "newslint",
        "tests": suite.get("tests", "0"),
        "failures": suite.get("failures", "0"),
        "errors": "0",
    })
    root.append(suite)
    return root


def write_junit(report, out: TextIO, env: ReportEnv) -> None:
    root = junit_tree(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
