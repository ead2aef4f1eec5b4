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


def test_duplicate_activity_id(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "id: eye-contact", "id: listening")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("id.duplicate", f"{CHECK}:18:1")
    assert d.message == f"check id 'listening' is already used at {CHECK}:4:1"


def test_duplicate_yaml_key(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "number: 1\n", "number: 1\nnumber: 2\n")
    assert brief(course) == [("yaml.duplicate-key", MODULE, 3, 1)]


def test_check_with_no_correct_answer(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "    correct: true\n    feedback: Yes.\n", "")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message, d.hint) == (
        "question.no-correct", f"{CHECK}:4:1", "knowledge check 'listening' has no correct answer",
        'mark one choice with "correct: true"')


def test_single_choice_with_two_correct(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "  - text: Waiting for your turn to talk\n",
         "  - text: Waiting for your turn to talk\n    correct: true\n")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("question.many-correct", f"{CHECK}:11:5")
    assert d.message == "single check 'listening' has 2 correct choices"


def test_missing_lesson_file(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "- 02-check.md", "- 02-chek.md")
    [d] = problems(course)
    assert (d.code, str(d.location), d.hint) == ("file.missing", f"{MODULE}:14:5", "did you mean '02-check.md'?")
    assert d.message == "lesson file '02-chek.md' does not exist"


def test_missing_module_folder(course: Path) -> None:
    edit(course / "course.yaml", "- modules/01-basics", "- modules/01-basic")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("file.missing", "course/course.yaml:11:5")


def test_missing_asset(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "src: files/dot.svg", "src: files/dott.svg")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message, d.hint) == (
        "asset.missing", f"{INTRO}:6:1", "file 'files/dott.svg' does not exist", "did you mean 'dot.svg'?")


def test_asset_outside_the_course(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "file: ../../assets/journal.html", "file: ../../../secret.txt")
    assert brief(course) == [("asset.outside", INTRO, 45, 1)]


def test_image_without_alt_text(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message) == ("image.no-alt", f"{INTRO}:6:1",
                                                    "image 'files/dot.svg' has no alt text")


def test_decorative_image_needs_no_alt(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "decorative: true\n")
    assert problems(course) == []


def test_empty_lesson(course: Path) -> None:
    (course / "modules/01-basics/02-check.md").write_text("---\ntitle: Nothing here\n---\n\n", encoding="utf-8")
    assert brief(course) == [("lesson.empty", CHECK, 1, 1)]


def test_bad_id_characters(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "id: eye-contact", "id: Eye Contact")
    [d] = problems(course)
    assert (d.code, str(d.location), d.hint) == (
        "id.invalid", f"{CHECK}:18:1", "use lowercase letters, digits and hyphens, e.g. 'eye-contact'")


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


def test_worksheet_block_names_a_defined_field(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "```worksheet\nfield: vision\n", "```worksheet\nfield: visoin\n")
    [d] = problems(course)
    assert (d.code, str(d.location), d.hint) == ("worksheet.unknown-field", f"{INTRO}:51:1", "did you mean 'vision'?")
    assert d.message == "the worksheet has no field 'visoin'"


def test_worksheet_block_without_a_worksheet(course: Path) -> None:
    text = (course / "modules/01-basics/module.yaml").read_text(encoding="utf-8")
    (course / "modules/01-basics/module.yaml").write_text(text[: text.index("worksheet:")], encoding="utf-8")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("worksheet.unknown-field", f"{INTRO}:51:1")
    assert d.message == "worksheet field 'vision' but the module has no worksheet"
