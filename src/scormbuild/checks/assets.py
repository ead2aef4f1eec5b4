"""assets — every image and download a lesson names exists inside the course folder.

Paths are relative to the lesson file. A file outside the course folder would not be
in the package (and a package must carry every file it uses: SCORM 1.2 CAM 2.3.5).

Fails::

    src: files/missing.png        # asset.missing
    file: ../../../secret.txt     # asset.outside

Passes::

    file: ../../assets/reflection-journal.html
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from .. import model as m
from ..diagnostics import Diagnostic, Location, error

ID = "assets"


def check(course: m.Course) -> Iterator[Diagnostic]:
    root = course.root.resolve()
    for module in course.modules:
        for lesson in module.lessons:
            for block in lesson.blocks:
                ref = m.asset_ref(block)
                if ref:
                    yield from missing(m.asset_path(course, lesson, ref), block.loc, ref, root)


def missing(path: Path, loc: Location, ref: str, root: Path) -> Iterator[Diagnostic]:
    """Problems of one file reference: outside the course, or not there."""
    if not path.is_relative_to(root):
        yield error("asset.outside", loc, f"'{ref}' is outside the course folder",
                    "move the file into the course folder (e.g. assets/) and point to it there")
    elif not path.is_file():
        siblings = sorted(p.name for p in path.parent.glob("*")) if path.parent.is_dir() else []
        near = difflib.get_close_matches(path.name, siblings, n=1)
        hint = f"did you mean '{near[0]}'?" if near else "check the path: it is relative to the lesson file"
        yield error("asset.missing", loc, f"file '{ref}' does not exist", hint)
