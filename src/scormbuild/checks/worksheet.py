"""worksheet — worksheet blocks name fields the module's worksheet defines.

Fails::

    ```worksheet
    field: visoin                 # worksheet.unknown-field (did you mean 'vision'?)
    ```

Passes: `field: vision` with `worksheet: {fields: [{id: vision, label: My vision}]}` in
module.yaml.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "worksheet"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        if module.partial:
            continue  # its module.yaml could not be read: its worksheet is unknown, not absent
        known = [f.id for f in module.worksheet.fields] if module.worksheet else []
        for lesson in module.lessons:
            for block in lesson.blocks:
                if isinstance(block, m.WorksheetEntry) and block.field not in known:
                    yield _unknown(block, known)


def _unknown(block: m.WorksheetEntry, known: list[str]) -> Diagnostic:
    if not known:
        return error("worksheet.unknown-field", block.loc,
                     f"worksheet field '{block.field}' but the module has no worksheet",
                     "define it in module.yaml: worksheet: {title: ..., fields: [{id: ..., label: ...}]}")
    near = difflib.get_close_matches(block.field, known, n=1)
    hint = f"did you mean '{near[0]}'?" if near else f"fields of this module: {', '.join(known)}"
    return error("worksheet.unknown-field", block.loc, f"the worksheet has no field '{block.field}'", hint)
