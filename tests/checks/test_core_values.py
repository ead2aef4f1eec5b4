"""checks/core_values.py: a core-values block needs the course's core values (issue 14)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import messages


def test_core_values_block_without_core_values(course: Path) -> None:
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.split("core_values:")[0], encoding="utf-8")
    assert messages(course) == [
        "course/modules/01-basics/02-check.md:34:1: error: core-values block 'values' but the course defines no core "
        "values [core-values.none] — list them in course.yaml under 'core_values:' (id, name, definition), "
        "or remove the block"]


def test_core_values_block_with_core_values(course: Path) -> None:
    assert messages(course) == []
