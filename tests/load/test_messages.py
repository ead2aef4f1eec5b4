"""Issue 14: the loader's problems that shipped silently or were reported misleadingly.

Each test is one author slip, with the exact file:line:col and the words the author reads.
"""
from __future__ import annotations

from pathlib import Path

from tests.conftest import brief as problems
from tests.conftest import edit, messages

COURSE = "course/course.yaml"
MODULE = "course/modules/01-basics/module.yaml"
INTRO = "course/modules/01-basics/01-intro.md"
CHECK = "course/modules/01-basics/02-check.md"


def test_an_empty_course_yaml_is_an_error(course: Path) -> None:
    (course / "course.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert messages(course) == [f"{COURSE}:1:1: error: course.yaml is empty [file.empty] — "
                                "write its keys: id, title, base_iri and modules"]


def test_a_near_empty_course_yaml_names_every_missing_key(course: Path) -> None:
    (course / "course.yaml").write_text("title: Hazards\n", encoding="utf-8")
    assert problems(course) == [("key.required", COURSE, 1, 1)] * 3
    assert sorted(m.split(": error: ")[1] for m in messages(course)) == [
        "course.yaml has no 'base_iri' [key.required] — add 'base_iri: ...'",
        "course.yaml has no 'id' [key.required] — add 'id: ...'",
        "course.yaml has no 'modules' [key.required] — add 'modules: ...'"]


def test_an_empty_id_is_an_error_not_a_package_name(course: Path) -> None:
    edit(course / "course.yaml", "id: minimal", "id: ''")
    assert messages(course) == [
        f"{COURSE}:2:5: error: 'id' is empty in course.yaml [key.empty] — write a value after 'id:'"]


def test_an_empty_module_id_or_title(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "id: basics\n", "id: ' '\n")
    edit(course / "modules/01-basics/module.yaml", "title: Basics", 'title: ""')
    assert problems(course) == [("key.empty", MODULE, 1, 5), ("key.empty", MODULE, 3, 8)]


def test_a_relative_base_iri(course: Path) -> None:
    edit(course / "course.yaml", "base_iri: https://example.org/courses/minimal", "base_iri: courses/minimal")
    assert messages(course) == [
        f"{COURSE}:8:11: error: base_iri 'courses/minimal' is not an absolute IRI [key.iri] — start it with a "
        "scheme and a host you control, e.g. 'https://example.org/courses/minimal'"]


def test_an_unclosed_fence_names_the_fence_and_its_line(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "prompt: Which core values are key to listening?\n```",
         "prompt: Which core values are key to listening?\n")
    assert messages(course) == [
        f"{CHECK}:34:1: error: the fence '```core-values' opened here is never closed [fence.unclosed] — "
        "add a line with ``` after the block; everything after it is inside the block"]


def test_a_byte_order_mark_is_not_a_missing_front_matter(course: Path) -> None:
    path = course / "modules/01-basics/01-intro.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems(course) == []


def test_a_front_matter_without_its_closing_line(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "title: Introduction\n---\n", "title: Introduction\n\n")
    assert messages(course) == [
        f"{INTRO}:1:1: error: the front matter opened here has no closing '---' [lesson.front-matter-unclosed] — "
        "add a line with '---' after the front matter's last key (e.g. after 'title: ...')"]


def test_a_tab_in_yaml_is_called_a_tab(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "  - 01-intro.md", "\t- 01-intro.md")
    assert messages(course)[0] == (
        f"{MODULE}:13:1: error: a tab character indents this line; YAML allows spaces only [yaml.tab] — "
        "replace the tab with spaces (and set your editor to indent YAML with spaces)")


def test_a_tab_in_a_block(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "  - text: Waiting", "\t- text: Waiting")
    assert problems(course) == [("yaml.tab", CHECK, 9, 1)]


def test_yes_and_no_as_choice_text_suggest_quotes(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "  - text: Waiting for your turn to talk\n",
         "  - text: Yes\n  - No\n")
    assert messages(course) == [
        f"{CHECK}:9:11: error: 'text: Yes' is read by YAML as true, not as text [yaml.boolean] — "
        'put it in quotes: text: "Yes"',
        f"{CHECK}:10:5: error: 'No' is read by YAML as false, not as text [yaml.boolean] — put it in quotes: \"No\""]


def test_a_yaml_error_in_course_yaml_still_checks_every_module(course: Path) -> None:
    edit(course / "course.yaml", "title: Minimal course", "title: [Minimal course")
    edit(course / "modules/01-basics/module.yaml", "duration: 5", "duraton: 5")
    edit(course / "modules/01-basics/02-check.md", "prompt: What is good", "promt: What is good")
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.\n", "")
    assert problems(course) == [("yaml.syntax", COURSE, 4, 12), ("image.no-alt", INTRO, 6, 1),
                                ("key.required", CHECK, 4, 1), ("key.unknown", CHECK, 7, 1),
                                ("key.unknown", MODULE, 5, 1)]


def test_a_yaml_error_in_module_yaml_still_checks_its_lessons(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "title: Basics", "title: [Basics")
    edit(course / "modules/01-basics/01-intro.md", "style: tip", "styel: tip")
    edit(course / "modules/01-basics/02-check.md", "    correct: true\n    feedback: Yes.\n", "")
    # The lessons' worksheet block and the core-values block are not reported: what they
    # refer to is in the files that could not be read.
    assert problems(course) == [("key.unknown", INTRO, 13, 1), ("question.no-correct", CHECK, 4, 1),
                                ("yaml.syntax", MODULE, 4, 12)]


def test_a_partial_course_is_never_built(course: Path) -> None:
    from scormbuild.pipeline import build

    edit(course / "course.yaml", "title: Minimal course", "title: [Minimal course")
    result = build(course, Path("dist"))
    assert (result.ok, result.built, Path("dist").exists()) == (False, [], False)


def test_an_empty_block(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "text: Listening is an art.\nattribution: A listener\n", "")
    assert messages(course) == [f"{INTRO}:21:1: error: 'quote' block has no content [block.empty] — "
                                "write its keys as YAML inside the fence (see docs/format.md)"]


def test_a_number_out_of_range(course: Path) -> None:
    edit(course / "course.yaml", "mastery_score: 50", "mastery_score: 150")
    assert messages(course) == [f"{COURSE}:9:16: error: 'mastery_score' is 150, outside 0–100 [key.range] — "
                                "use a number from 0 to 100"]


def test_a_word_that_is_not_allowed(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "style: tip", "style: tpi")
    assert messages(course) == [f"{INTRO}:13:8: error: 'style' is 'tpi', not one of note, tip, important, warning "
                                "[key.value] — did you mean 'tip'?"]


def test_a_lesson_without_front_matter(course: Path) -> None:
    path = course / "modules/01-basics/01-intro.md"
    path.write_text(path.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    assert messages(course) == [f"{INTRO}:1:1: error: lesson has no front matter [lesson.no-front-matter] — "
                                "start the file with '---', a 'title: ...' line, and '---'"]


def test_a_file_that_is_not_utf8(course: Path) -> None:
    (course / "modules/01-basics/module.yaml").write_bytes("title: Café\n".encode("utf-16"))
    assert problems(course) == [("file.unreadable", MODULE, 0, 0)]


def test_a_folder_without_course_yaml(tmp_path: Path) -> None:
    from scormbuild.load import load_course

    course, diags = load_course(tmp_path, display=Path("src"))
    assert course is None
    assert [str(d) for d in diags] == ["src/course.yaml: error: no course.yaml in the course folder [course.missing] — "
                                       "run the command on the folder that holds course.yaml"]


def test_building_a_module_the_course_does_not_have(course: Path) -> None:
    from scormbuild.pipeline import build

    result = build(course, Path("dist"), modules=("99",))
    assert [str(d) for d in result.diagnostics] == [
        "course/course.yaml:1:1: error: no module '99' in the course [module.unknown] — known modules: basics"]


def test_yes_in_a_list_of_text(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "items: [Bravery, Humour, Kindness]", "items: [Bravery, No]")
    assert messages(course) == [f"{INTRO}:42:18: error: 'No' is read by YAML as false, not as text [yaml.boolean] — "
                                'put it in quotes: - "No"']


def test_an_empty_module_yaml(course: Path) -> None:
    (course / "modules/01-basics/module.yaml").write_text("\n", encoding="utf-8")
    assert messages(course)[0] == (f"{MODULE}:1:1: error: module.yaml is empty [file.empty] — "
                                   "write its keys: number, title and lessons")
