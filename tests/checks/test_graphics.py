"""checks/graphics.py: a labelled graphic's markers sit on the image (0–100 %)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import diagnostics as problems
from tests.conftest import edit

GRAPHIC = "course/modules/01-showcase/04-graphic.md"


def test_a_marker_off_the_image(blocks: Path) -> None:
    edit(blocks / "modules/01-showcase/04-graphic.md", "  - x: 85\n    y: 12\n", "  - x: 120\n    y: -5\n")
    [d] = problems(blocks)
    assert (d.code, str(d.location), d.message) == (
        "graphic.marker-outside", f"{GRAPHIC}:13:5", "marker 2 ('Journal') is off the image: x is 120, y is -5")


def test_markers_on_the_edges_are_on_the_image(blocks: Path) -> None:
    edit(blocks / "modules/01-showcase/04-graphic.md", "  - x: 85\n    y: 12\n", "  - x: 100\n    y: 0\n")
    assert problems(blocks) == []


def test_a_marker_needs_numbers(blocks: Path) -> None:
    edit(blocks / "modules/01-showcase/04-graphic.md", "  - x: 85\n", "  - x: right\n")
    assert [(d.code, d.location.line) for d in problems(blocks)] == [("key.type", 13)]
