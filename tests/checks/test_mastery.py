"""checks/mastery.py: a mastery score needs knowledge checks to be scored from."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import MODULE, edit, messages


def test_a_mastery_score_without_checks(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "duration: 5", "duration: 5\nmastery_score: 75")
    edit(course / "modules/01-basics/module.yaml", "  - 02-check.md\n", "")
    assert messages(course) == [
        f"{MODULE}:1:1: error: module 'basics' has a mastery score but no knowledge check [mastery.no-checks] — "
        "add knowledge checks, or remove 'mastery_score' from module.yaml"]


def test_a_mastery_score_with_checks(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "duration: 5", "duration: 5\nmastery_score: 75")
    assert messages(course) == []
