"""One builder per standard; they share rendering (render.py) and module pages (base.py)."""
from __future__ import annotations

from .base import Builder, Package

FORMATS = ("scorm12", "cmi5", "tincan")


def get_builder(name: str) -> Builder:
    if name == "scorm12":
        from .scorm12 import Scorm12Builder

        return Scorm12Builder()
    raise KeyError(name)


def available() -> tuple[str, ...]:
    return ("scorm12",)


__all__ = ["Builder", "Package", "FORMATS", "get_builder", "available"]
