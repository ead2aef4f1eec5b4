"""checks/images.py: every image block has a text alternative (WCAG 2.1 SC 1.1.1)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import INTRO, edit, make_root
from tests.conftest import diagnostics as problems


def test_image_without_alt_text(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message) == (
        "image.no-alt", f"{INTRO}:6:1", "image 'files/dot.svg' has no alt text")


def test_decorative_image_needs_no_alt(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "decorative: true\n")
    assert problems(course) == []


def test_gallery_image_without_alt_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = make_root("blocks", tmp_path, monkeypatch)
    edit(blocks / "modules/01-showcase/06-gallery.md", "    alt: A wheel with two spokes.\n", "")
    [d] = problems(blocks)
    assert (d.code, str(d.location), d.message) == (
        "image.no-alt", "course/modules/01-showcase/06-gallery.md:10:5", "image 'files/wheel.svg' has no alt text")
