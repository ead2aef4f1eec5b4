"""checks/assets.py: every image and download a lesson names exists inside the course folder."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import INTRO, brief, edit
from tests.conftest import diagnostics as problems


def test_missing_asset(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "src: files/dot.svg", "src: files/dott.svg")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message, d.hint) == (
        "asset.missing", f"{INTRO}:6:1", "file 'files/dott.svg' does not exist", "did you mean 'dot.svg'?")


def test_asset_outside_the_course(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "file: ../../assets/journal.html", "file: ../../../secret.txt")
    assert brief(course) == [("asset.outside", INTRO, 45, 1)]
