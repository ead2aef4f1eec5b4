"""checks/images.py: every image block has a text alternative (WCAG 2.1 SC 1.1.1)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import INTRO, edit
from tests.conftest import diagnostics as problems


def test_image_without_alt_text(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message) == (
        "image.no-alt", f"{INTRO}:6:1", "image 'files/dot.svg' has no alt text")


def test_decorative_image_needs_no_alt(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "decorative: true\n")
    assert problems(course) == []
