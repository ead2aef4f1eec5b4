"""`scormbuild new` and `scormbuild schema`: a starter course, and the editor schemas.

The starter course is templates/new/ (shipped with the package): one module that uses
every block and question type, each key commented, that builds and validates at once.
Its YAML files start with a `yaml-language-server` header pointing at the JSON Schemas,
which `new` writes into the course's schemas/ folder so that editors complete and check
the files offline.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from .resources import schemas_dir, templates_dir

STARTER_ID = "starter-course"


def schema_files() -> list[Path]:
    """The editor JSON Schemas: course.yaml, module.yaml, lesson front matter, blocks."""
    return sorted(schemas_dir().glob("*.schema.json"))


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(src, folder / src.name)) for src in schema_files()]


def course_id(folder: Path) -> str:
    """A course id from the folder's name ('My Course' → 'my-course'), as ids must be."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")[:64]
    return slug if slug and slug[0].isalnum() else STARTER_ID


def new_course(target: Path) -> list[Path]:
    """Write the starter course into `target` (absent or empty); the files written."""
    source = templates_dir() / "new"
    shutil.copytree(source, target, dirs_exist_ok=True)
    course = target / "course.yaml"
    ident = course_id(target)
    course.write_text(course.read_text(encoding="utf-8").replace(STARTER_ID, ident), encoding="utf-8")
    write_schemas(target / "schemas")
    return sorted(p for p in target.rglob("*") if p.is_file())
