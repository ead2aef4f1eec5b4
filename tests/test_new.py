"""`scormbuild new DIR` and `scormbuild schema` (issue 14 part 1): the starter course
builds in every standard and validates strictly at once, and shows every block."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import pytest
from click.testing import CliRunner, Result

from scormbuild import model as m
from scormbuild.cli import main
from scormbuild.load import load_course
from scormbuild.load.blocks import READERS
from scormbuild.scaffold import schema_files
from tests.conftest import oracle


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def starter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = run("new", "my-course")
    assert result.exit_code == 0, result.output
    written = sum(1 for p in Path("my-course").rglob("*") if p.is_file())
    assert result.output.splitlines() == [f"created my-course ({written} files). Next:",
                                          "  scormbuild check my-course", "  scormbuild build my-course -s all -o dist"]
    return Path("my-course")


def test_new_then_build_all_then_validate_strict(starter: Path) -> None:
    checked = run("check", "my-course", "--strict")
    assert (checked.exit_code, checked.output) == (0, "0 errors, 0 warnings\n")
    built = run("build", "my-course", "-s", "all", "-o", "dist", "--strict")
    assert built.exit_code == 0, built.output
    zips = sorted(str(p) for p in Path("dist").glob("*.zip"))
    assert [Path(z).name for z in zips] == ["my-course-01-getting-started-scorm12.zip",
                                            "my-course-01-getting-started-scorm2004.zip",
                                            "my-course-01-getting-started-tincan.zip", "my-course-cmi5.zip"]
    assert [p.name for p in Path("dist").glob("*.mbz")] == ["my-course-moodle.mbz"]
    validated = run("validate", "--strict", *zips, "dist/my-course-moodle.mbz")
    assert validated.exit_code == 0, validated.output
    assert all(oracle(Path(z), "auto")[0] == 0 for z in zips)


def test_the_starter_uses_every_block_and_question_type(starter: Path) -> None:
    course, diags = load_course(starter)
    assert course is not None and diags == []
    blocks = [b for mod in course.modules for lesson in mod.lessons for b in lesson.blocks]
    # Every block but embed: a starter plays offline and passes check --strict, which an
    # embed's offline.embed warning would fail (docs/format.md "Embeds" shows one).
    assert {b.kind for b in blocks} == {"text", *READERS} - {"embed"}
    assert {b.type for b in blocks if isinstance(b, m.KnowledgeCheck)} == set(get_args(m.QuestionType))
    assert any("![" in b.markdown for b in blocks if isinstance(b, m.Text))


# Issue 12's keys: the starter shows each one with a comment saying what it does.
ASSESSMENT_KEYS = ("attempts", "show_correct", "retake", "counts", "shuffle", "pairs", "accept", "case_sensitive",
                   "spacing", "min", "max")


def test_the_starter_comments_every_assessment_key(starter: Path) -> None:
    lines = [line for p in starter.rglob("*") if p.suffix in (".yaml", ".md") for line in
             p.read_text(encoding="utf-8").splitlines()]
    commented = {line.split(":")[0].strip() for line in lines if re.match(r"^\s*[a-z_]+:.*\s#\s\S", line)}
    assert set(ASSESSMENT_KEYS) <= commented, set(ASSESSMENT_KEYS) - commented
    types = {line.split("#")[0].split(":")[1].strip() for line in lines if re.match(r"^type: \S+ +# \S", line)}
    assert types == set(get_args(m.QuestionType))


def test_every_yaml_file_names_its_schema(starter: Path) -> None:
    for path, schema in [("course.yaml", "schemas/course.schema.json"),
                         ("modules/01-getting-started/module.yaml", "../../schemas/module.schema.json")]:
        first = (starter / path).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema}"
        assert (starter / path).parent.joinpath(schema).resolve().is_file()


def test_new_refuses_a_folder_with_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("taken").mkdir()
    Path("taken/notes.txt").write_text("mine")
    result = run("new", "taken")
    assert result.exit_code == 2 and "'taken' is not empty; choose a new folder" in result.output
    assert sorted(p.name for p in Path("taken").iterdir()) == ["notes.txt"]


def test_the_course_id_comes_from_the_folder_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("new", "Safety Basics 2").exit_code == 0
    course, _ = load_course(Path("Safety Basics 2"))
    assert course is not None
    assert (course.id, course.base_iri) == ("safety-basics-2", "https://example.org/courses/safety-basics-2")


def test_schema_prints_where_the_schemas_are_and_writes_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shown = run("schema")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines() == [str(p) for p in schema_files()]
    written = run("schema", "--write", "out")
    assert written.exit_code == 0
    assert sorted(p.name for p in Path("out").iterdir()) == [p.name for p in schema_files()]
    for p in Path("out").iterdir():
        json.loads(p.read_text(encoding="utf-8"))


def test_an_unwritable_place_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a-file").write_text("not a folder")
    result = run("new", "a-file/course")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write the course into 'a-file/course': ")
    assert "Traceback" not in result.output
    assert run("schema", "--write", "a-file/schemas").exit_code == 1
