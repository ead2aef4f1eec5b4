"""graphics — every marker of a labelled graphic sits on its image: x and y are percentages
of the image's width and height, from 0 (left, top) to 100 (right, bottom). A marker
outside would be drawn off the image, where the learner cannot see or reach it.

Fails::

    markers:
      - x: 120                    # graphic.marker-outside
        y: 40
        title: Contents

Passes::

    markers:
      - x: 12
        y: 40
        title: Contents
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "graphics"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for block in module.blocks_of(m.LabelledGraphic):
            yield from _markers(block)


def _markers(graphic: m.LabelledGraphic) -> Iterator[Diagnostic]:
    for number, marker in enumerate(graphic.markers, start=1):
        outside = [f"{axis} is {value:g}" for axis, value in (("x", marker.x), ("y", marker.y))
                   if not 0 <= value <= 100]
        if outside:
            yield error("graphic.marker-outside", marker.loc,
                        f"marker {number} ('{marker.title}') is off the image: {', '.join(outside)}",
                        "x and y are percentages of the image's width and height: use numbers from 0 to 100")
