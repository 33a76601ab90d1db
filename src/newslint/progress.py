"""A progress bar on stderr for long runs, and only where a person is watching.

The bar shows files (or JSONL chunks) done, articles per second and an ETA.
It is drawn on stderr only, so it never mixes into a report on stdout, and
only when stderr is a terminal, ``CI`` is unset and the run is not
``--quiet``. It appears once the run has taken ``delay`` seconds, so quick
runs never flash a bar. Once every file is read, the label says the corpus
rules are comparing articles, which on a large corpus takes a while too.
The engine calls ``start(total, unit)`` once with the number of tasks and
``advance(articles)`` after each task.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

DELAY = 1.0  # seconds before the bar appears


def wanted(stream: TextIO, quiet: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a bar belongs on ``stream``: a terminal, not CI, not quiet, not dumb."""
    if quiet or environ.get("CI"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts tasks and articles; draws with rich once the run proves long."""

    def __init__(self, stream: TextIO, delay: float = DELAY, clock=time.monotonic):
        self._stream = stream
        self._delay = delay
        self._clock = clock
        self._began = clock()
        self._total: int | None = None
        self._unit = "files"
        self.tasks = 0
        self.articles = 0
        self._bar = None
        self._task_id = None

    # -- engine hooks -------------------------------------------------------

    def start(self, total: int, unit: str = "files") -> None:
        """``total`` tasks to come: files, or parts of files when JSONL is split."""
        self._total = total
        self._unit = unit
        self._began = self._clock()

    def advance(self, articles: int) -> None:
        self.tasks += 1
        self.articles += articles
        if self._bar is None:
            if self._clock() - self._began < self._delay or self.tasks >= (self._total or 0):
                return  # still quick, or already done: no bar
            self._show()
        done = self._total is not None and self.tasks >= self._total
        self._bar.update(self._task_id, completed=self.tasks, articles=self.articles, rate=self._rate(),
                         description="comparing articles" if done else "newslint")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def shown(self) -> bool:
        return self._bar is not None

    # -- drawing ------------------------------------------------------------

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        console = Console(file=self._stream, stderr=self._stream is sys.stderr)
        self._bar = RichProgress(
            TextColumn("[bold]{task.description}[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TextColumn("{task.fields[articles]:,} articles"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            refresh_per_second=8,
        )
        self._task_id = self._bar.add_task("newslint", total=self._total, articles=0, rate="", unit=self._unit)
        self._bar.start()
        self._bar.update(self._task_id, completed=self.tasks)

    def _rate(self) -> str:
        elapsed = self._clock() - self._began
        return f"{self.articles / elapsed:,.0f} articles/s" if elapsed > 0 else ""


def progress_for(stream: TextIO | None = None, quiet: bool = False,
                 environ: Mapping[str, str] = os.environ) -> Progress | None:
    """A :class:`Progress` for ``stream`` (stderr) when a bar is wanted there, else None."""
    stream = sys.stderr if stream is None else stream
    return Progress(stream) if wanted(stream, quiet, environ) else None
