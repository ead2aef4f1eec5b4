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
from pathlib import Path
from typing import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "assets"


def asset_path(lesson: m.Lesson, ref: str) -> Path:
    base = lesson.path.parent if lesson.path else Path(".")
    return (base / ref).resolve()


def check(course: m.Course) -> Iterator[Diagnostic]:
    root = course.root.resolve()
    for module in course.modules:
        for lesson in module.lessons:
            for block in lesson.blocks:
                ref = block.src if isinstance(block, m.Image) else block.file if isinstance(block, m.Resource) else None
                if ref:
                    yield from _one(lesson, block, ref, root)


def _one(lesson: m.Lesson, block: m.Block, ref: str, root: Path) -> Iterator[Diagnostic]:
    path = asset_path(lesson, ref)
    if not path.is_relative_to(root):
        yield error("asset.outside", block.loc, f"'{ref}' is outside the course folder",
                    "move the file into the course folder (e.g. assets/) and point to it there")
    elif not path.is_file():
        siblings = sorted(p.name for p in path.parent.glob("*")) if path.parent.is_dir() else []
        near = difflib.get_close_matches(path.name, siblings, n=1)
        hint = f"did you mean '{near[0]}'?" if near else "check the path: it is relative to the lesson file"
        yield error("asset.missing", block.loc, f"file '{ref}' does not exist", hint)
