"""checks/tables.py: every row of a table block has one cell per column."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import diagnostics as problems
from tests.conftest import edit

TABLE = "course/modules/01-showcase/07-table.md"


def test_a_row_with_a_missing_cell(blocks: Path) -> None:
    edit(blocks / "modules/01-showcase/07-table.md", ", Texting one person]", "]")
    [d] = problems(blocks)
    assert (d.code, str(d.location), d.message) == (
        "table.cell-count", f"{TABLE}:10:5", "row 2 has 3 cells, the table has 4 columns")


def test_an_empty_cell_written_as_empty_text_counts(blocks: Path) -> None:
    edit(blocks / "modules/01-showcase/07-table.md", ", Texting one person]", ', ""]')
    assert problems(blocks) == []
