"""newslint: lint news and blog article corpora.

The Python API the CLI is a thin layer over::

    import newslint
    report = newslint.lint(["content/"], newslint.Settings(select=["NL2"]))
    for finding in report.findings:
        print(finding.path, finding.line, finding.code, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `import newslint` cheap: the engine loads on first use
    from .engine import Report
    from .settings import Settings


def lint(paths, settings: "Settings | None" = None, *, stdin: tuple[bytes, str] | None = None,
         progress=None) -> "Report":
    """Lint files, folders or (with ``stdin=(data, filename)``) one in-memory document.

    ``progress``, if given, gets ``start(total_tasks, unit)`` and ``advance(articles)`` calls.
    """
    from .engine import run
    from .rules import REGISTRY
    from .settings import Settings as _Settings

    return run([str(p) for p in paths], settings or _Settings(), REGISTRY, stdin=stdin, progress=progress)


def __getattr__(name: str):
    if name == "Settings":
        from .settings import Settings as _Settings

        return _Settings
    if name in ("Finding", "Article", "Severity"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)


__all__ = ["__version__", "lint"]
