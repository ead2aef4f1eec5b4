"""tables — every row of a table block has one cell per column. A row with fewer cells
leaves the last columns empty and one with more has cells under no header, so what a
screen reader announces for a cell (its column header, WCAG 1.3.1) would be wrong.

Fails::

    columns: [Area, What keeps me well, What helps]
    rows:
      - [Sleep, Going to bed by eleven]          # table.cell-count

Passes::

    columns: [Area, What keeps me well, What helps]
    rows:
      - [Sleep, Going to bed by eleven, A walk in the evening]
      - [Friends, Seeing a friend each week, ""]  # an empty cell is written as ""
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "tables"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for block in module.blocks_of(m.Table):
            yield from _rows(block)


def _rows(table: m.Table) -> Iterator[Diagnostic]:
    width = len(table.columns)
    for number, (row, loc) in enumerate(zip(table.rows, table.row_locs, strict=True), start=1):
        if len(row) != width:
            yield error("table.cell-count", loc, f"row {number} has {len(row)} cells, the table has {width} columns",
                        f"give every row {width} cells, in column order; write \"\" for an empty cell")
