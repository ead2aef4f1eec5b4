"""checks/ids.py: ids are well formed and unique where they must be."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import CHECK, edit
from tests.conftest import diagnostics as problems


def test_bad_id_characters(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "id: eye-contact", "id: Eye Contact")
    [d] = problems(course)
    assert (d.code, str(d.location), d.hint) == (
        "id.invalid", f"{CHECK}:18:1", "use lowercase letters, digits and hyphens, e.g. 'eye-contact'")


def test_duplicate_activity_id(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "id: eye-contact", "id: listening")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("id.duplicate", f"{CHECK}:18:1")
    assert d.message == f"check id 'listening' is already used at {CHECK}:4:1"
