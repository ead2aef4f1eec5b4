"""checks/lessons.py: every lesson has something to show."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import CHECK, brief


def test_empty_lesson(course: Path) -> None:
    (course / "modules/01-basics/02-check.md").write_text("---\ntitle: Nothing here\n---\n\n", encoding="utf-8")
    assert brief(course) == [("lesson.empty", CHECK, 1, 1)]
