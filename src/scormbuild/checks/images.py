"""images — every image has a text alternative (WCAG 2.1 SC 1.1.1).

Fails::

    src: files/wheel.svg          # image.no-alt

Passes::

    src: files/wheel.svg
    alt: The recovery wheel, with eight spokes for the life areas.
    # or, for an image that only decorates:
    decorative: true
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "images"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for lesson in module.lessons:
            for block in lesson.blocks:
                if isinstance(block, m.Image) and not block.alt and not block.decorative:
                    yield error("image.no-alt", block.loc, f"image '{block.src}' has no alt text",
                                "add 'alt: <what the image shows>', or 'decorative: true' if it only decorates")
