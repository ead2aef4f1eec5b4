"""Every author error the loader and the checks report: exact code, file:line:col, message, fix."""
from __future__ import annotations

from pathlib import Path

from scormbuild.diagnostics import Diagnostic
from scormbuild.pipeline import build, load_and_check
from tests.conftest import edit

MODULE = "course/modules/01-basics/module.yaml"
INTRO = "course/modules/01-basics/01-intro.md"
CHECK = "course/modules/01-basics/02-check.md"


def problems(course: Path) -> list[Diagnostic]:
    return load_and_check(course, display=course)[1]


def brief(course: Path) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.location.path, d.location.line, d.location.col) for d in problems(course)]


def test_minimal_course_has_no_problems(course: Path) -> None:
    assert problems(course) == []


def test_unknown_key_suggests_the_near_one(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "duration: 5", "duraton: 5")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("key.unknown", f"{MODULE}:5:1")
    assert d.message == "unknown key 'duraton' in module.yaml"
    assert d.hint == "did you mean 'duration'?"


def test_unknown_key_inside_a_block(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "prompt: What is good", "promt: What is good")
    found = problems(course)
    assert [(d.code, str(d.location), d.hint) for d in found] == [
        ("key.required", f"{CHECK}:4:1", "add 'prompt: ...'"),
        ("key.unknown", f"{CHECK}:7:1", "did you mean 'prompt'?"),
    ]


def test_duplicate_yaml_key(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "number: 1\n", "number: 1\nnumber: 2\n")
    assert brief(course) == [("yaml.duplicate-key", MODULE, 3, 1)]


def test_missing_lesson_file(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "- 02-check.md", "- 02-chek.md")
    [d] = problems(course)
    assert (d.code, str(d.location), d.hint) == ("file.missing", f"{MODULE}:14:5", "did you mean '02-check.md'?")
    assert d.message == "lesson file '02-chek.md' does not exist"


def test_missing_module_folder(course: Path) -> None:
    edit(course / "course.yaml", "- modules/01-basics", "- modules/01-basic")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("file.missing", "course/course.yaml:11:5")


def test_yaml_syntax_error_in_a_block(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "prompt: What is good listening?", "prompt: [What is good")
    [d] = problems(course)
    assert d.code == "yaml.syntax"
    assert d.location.path == CHECK and d.location.line in (8, 9)


def test_item_with_a_colon_explains_the_quoting(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", '- "Someone, A. (2020). *A book: with a subtitle*."',
         "- Someone, A. (2020). *A book: with a subtitle*.")
    [d] = problems(course)
    assert (d.code, d.location.line, d.hint) == ("key.type", 9, "put the whole item in double quotes")


def test_misspelt_block_type_is_a_warning(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "```reflection", "```reflecton")
    assert brief(course) == [("block.unknown", CHECK, 25, 1)]


def test_all_errors_are_reported_at_once(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "duration: 5", "duraton: 5")
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "")
    edit(course / "modules/01-basics/02-check.md", "id: eye-contact", "id: listening")
    assert [code for code, *_ in brief(course)] == ["image.no-alt", "id.duplicate", "key.unknown"]


def test_no_package_is_written_when_there_are_errors(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "")
    result = build(course, Path("out"))
    assert not result.ok and result.built == []
    assert not Path("out").exists() or list(Path("out").iterdir()) == []
