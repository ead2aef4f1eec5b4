"""checks/worksheet.py: worksheet blocks name fields the module's worksheet defines."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import INTRO, edit
from tests.conftest import diagnostics as problems


def test_worksheet_block_names_a_defined_field(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "```worksheet\nfield: vision\n", "```worksheet\nfield: visoin\n")
    [d] = problems(course)
    assert (d.code, str(d.location), d.hint) == ("worksheet.unknown-field", f"{INTRO}:51:1", "did you mean 'vision'?")
    assert d.message == "the worksheet has no field 'visoin'"


def test_worksheet_block_without_a_worksheet(course: Path) -> None:
    text = (course / "modules/01-basics/module.yaml").read_text(encoding="utf-8")
    (course / "modules/01-basics/module.yaml").write_text(text[: text.index("worksheet:")], encoding="utf-8")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("worksheet.unknown-field", f"{INTRO}:51:1")
    assert d.message == "worksheet field 'vision' but the module has no worksheet"
