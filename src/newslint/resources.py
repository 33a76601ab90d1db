"""Where the shipped ``rules/`` and ``schemas/`` folders are.

In a wheel they are packaged as ``newslint/_data/``; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    packaged = _HERE / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _HERE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"newslint data folder {name!r} is missing from the installation")


def rules_dir() -> Path:
    return data_dir("rules")


def schemas_dir() -> Path:
    return data_dir("schemas")
