"""Moodle course backup: one .mbz per course, a section and a SCORM activity per module.

Each activity holds exactly the zip `--format scorm12` builds for its module (the same
builder, the same zip writer, so the same bytes), with the activity settings declared
in course.yaml `moodle:`. The backup format is in scormbuild.moodle.
"""
from __future__ import annotations

import io
import zipfile
from typing import ClassVar

from .. import model as m
from ..archive import zip_bytes
from ..moodle.backup import backup_files
from .base import Builder, Package
from .scorm12 import Scorm12Builder


def backup_name(course: m.Course) -> str:
    return f"{course.id}-moodle.mbz"


class MoodleBuilder(Builder):
    name: ClassVar[str] = "moodle"

    def packages(self, course: m.Course, bundle: bool, only: tuple[str, ...] = ()) -> list[Package]:
        # A backup is always the whole course; --bundle changes nothing here.
        singles = Scorm12Builder().packages(course, bundle=False)
        zips = [(module, pkg.name, *_zipped(pkg.files)) for module, pkg in zip(course.modules, singles, strict=True)]
        name = backup_name(course)
        return [Package(name=name, standard=self.name, files=backup_files(course, zips, name),
                        title=course.title, container="tgz")]


def _zipped(files: dict[str, bytes]) -> tuple[bytes, dict[str, bytes]]:
    """The package's zip, and its files as an LMS unzipping it sees them (read back from
    that zip itself; zipping once, not once for each)."""
    data = zip_bytes(files)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return data, {name: zf.read(name) for name in sorted(zf.namelist())}
