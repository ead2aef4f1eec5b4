"""The editor JSON Schemas in schemas/ say what the loader accepts: keys and required keys agree."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scormbuild.pipeline import load_and_check
from tests.conftest import REPO

SCHEMAS = REPO / "schemas"


def schema(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "file", "key"), [
    ("course.schema.json", "course.yaml", "title"),
    ("module.schema.json", "modules/01-basics/module.yaml", "title"),
])
def test_every_schema_key_is_accepted_by_the_loader(course: Path, name: str, file: str, key: str) -> None:
    for prop in schema(name)["properties"]:
        text = (course / file).read_text(encoding="utf-8")
        if f"\n{prop}:" not in "\n" + text:
            (course / file).write_text(text + f"\n{prop}:\n", encoding="utf-8")  # null: read, unset
    codes = [d.code for d in load_and_check(course)[1]]
    assert "key.unknown" not in codes


@pytest.mark.parametrize(("name", "file"), [("course.schema.json", "course.yaml"),
                                            ("module.schema.json", "modules/01-basics/module.yaml")])
def test_required_keys_agree(course: Path, name: str, file: str) -> None:
    for key in schema(name)["required"]:
        text = (course / file).read_text(encoding="utf-8")
        kept = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
        (course / file).write_text("\n".join(kept) + "\n", encoding="utf-8")
        missing = [d for d in load_and_check(course)[1] if d.code in ("key.required",)]
        assert missing, f"{key} is required by {name} but the loader accepts its absence"
        (course / file).write_text(text, encoding="utf-8")
