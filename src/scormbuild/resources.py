"""Where the shipped data lives: templates/ and schemas/.

In a wheel they are package data under scormbuild/_data/ (pyproject force-include);
in a source checkout or editable install they are the repository's top-level folders.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"scormbuild is installed without its {name}/ folder")


def templates_dir() -> Path:
    return data_dir("templates")


def schemas_dir() -> Path:
    return data_dir("schemas")
