"""A lesson being edited has its YAML parsed once across its versions (yamlpos.Reuse):
the same model and the same problems as a parse from scratch, wherever the edit moved
the blocks, and no parse at all when only prose changed."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.load import lesson as lesson_module
from scormbuild.load import memo, yamlpos
from scormbuild.load.lesson import load_lesson

SEED = Path(__file__).resolve().parents[2] / "course" / "modules"
TEXTS = [
    "title: A\nid: a\n",
    "type: single\nquestion: Why?\nchoices:\n  - text: Yes\n    correct: true\n  - text: 'No'\n",
    "a: 1\na: 2\n",             # a duplicate key: a problem with a location
    "a: [unclosed\n",            # a syntax error
    "a:\n\tb: 1\n",              # a tab
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("offset", [0, 1, 17])
def test_a_parse_moved_down_is_the_parse_made_there(text: str, offset: int) -> None:
    assert yamlpos.shifted(yamlpos.parse(text, "l.md"), offset) == yamlpos.parse(text, "l.md", offset)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = yamlpos.parse

    def counting(text: str, path: str, line_offset: int = 0) -> yamlpos.Parsed:
        parsed.append(text)
        return real(text, path, line_offset)

    monkeypatch.setattr(yamlpos, "parse", counting)
    monkeypatch.setattr(lesson_module, "parse", counting)  # the loader's own name for it
    return parsed


@pytest.mark.parametrize("lesson", sorted(SEED.glob("*/*.md")), ids=lambda p: p.name)
def test_every_seed_lesson_edited_above_its_blocks_loads_as_from_scratch(
        lesson: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = lesson.read_text(encoding="utf-8")
    reuse = yamlpos.Reuse()
    load_lesson(lesson, "l.md", [], text=text, reuse=reuse)
    head, sep, body = text.partition("\n---\n")
    added = "An edit above every block.\n\nAnd a second paragraph.\n\n"
    edited = head + sep + added + body if sep else text + "\nMore.\n"
    fresh: list = []
    expected = load_lesson(lesson, "l.md", fresh, text=edited)
    parsed = _counted(monkeypatch)
    again: list = []
    assert load_lesson(lesson, "l.md", again, text=edited, reuse=yamlpos.Reuse(reuse.made)) == expected
    assert again == fresh
    assert parsed == []  # every front matter and block came from the earlier version


def test_a_lesson_edited_again_parses_only_the_yaml_that_changed(root_factory, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from scormbuild.pipeline import load_and_check

    course = root_factory("questions")
    lesson = sorted((course / "modules").glob("*/*.md"))[0]
    load_and_check(course)  # first sight: no YAML kept for any lesson
    state = memo.Memo(course.resolve())
    assert state.yaml == {}
    original = lesson.read_text(encoding="utf-8")
    lesson.write_text(original + "\nFirst edit.\n", encoding="utf-8")
    load_and_check(course)  # the first edit parses the lesson's YAML, and keeps it
    parsed = _counted(monkeypatch)
    lesson.write_text("\n".join(original.split("\n")[:4]) + "\n\nA new paragraph near the top.\n\n"
                      + "\n".join(original.split("\n")[4:]) + "\nSecond edit.\n", encoding="utf-8")
    first = load_and_check(course)[1]
    assert parsed == []
    monkeypatch.undo()
    assert first == load_and_check(course, cache=False)[1]  # the same problems as from scratch
