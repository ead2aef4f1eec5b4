"""One builder per standard; they share rendering (render.py) and module pages (base.py).

Which standards have a builder, and which class it is, is scormbuild.standards' table:
this package only loads the one asked for, so building one standard imports only its
builder.
"""
from __future__ import annotations

from .. import standards
from .base import Builder, Package


def get_builder(name: str) -> Builder:
    """A new builder for the standard `name` (KeyError when scormbuild does not build it)."""
    return standards.get(name).load_builder()


def available() -> tuple[str, ...]:
    """The standards `build` can produce, in `--format all` order."""
    return standards.buildable()


__all__ = ["Builder", "Package", "available", "get_builder"]
