"""Cutting a lesson into blocks: fences, prose and their lines."""
from __future__ import annotations

from pathlib import Path

from scormbuild import model as m
from scormbuild.diagnostics import Diagnostic
from scormbuild.load.lesson import id_from_filename, load_lesson


def lesson(tmp_path: Path, body: str) -> tuple[m.Lesson, list[Diagnostic]]:
    path = tmp_path / "03-a-lesson.md"
    path.write_text("---\ntitle: A lesson\n---\n" + body, encoding="utf-8")
    diags: list[Diagnostic] = []
    return load_lesson(path, "l.md", diags), diags


def kinds(lesson_: m.Lesson) -> list[tuple[str, int]]:
    return [(b.kind, b.loc.line) for b in lesson_.blocks]


def test_prose_and_blocks_keep_their_lines(tmp_path: Path) -> None:
    found, diags = lesson(tmp_path, "Intro.\n\n```continue\n```\n\nMore.\n\n~~~callout\ntext: Hi\n~~~\n")
    assert diags == []
    assert kinds(found) == [("text", 4), ("continue", 6), ("text", 9), ("callout", 11)]
    assert found.blocks[2].markdown == "More.\n"


def test_code_samples_stay_prose(tmp_path: Path) -> None:
    found, diags = lesson(tmp_path, "```python\nprint('hi')\n```\n")
    assert diags == [] and kinds(found) == [("text", 4)]
    assert "print('hi')" in found.blocks[0].markdown


def test_longer_fence_holds_a_shorter_one(tmp_path: Path) -> None:
    found, _ = lesson(tmp_path, "````callout\ntext: |\n  ```\n  not a fence\n  ```\n````\n")
    assert kinds(found) == [("callout", 4)]
    assert "not a fence" in found.blocks[0].markdown


def test_indented_by_four_is_code_not_a_block(tmp_path: Path) -> None:
    found, _ = lesson(tmp_path, "    ```continue\n    ```\n")
    assert kinds(found) == [("text", 4)]


def test_yaml_lines_are_file_lines(tmp_path: Path) -> None:
    _, diags = lesson(tmp_path, "Text\n\n```check\nid: x\nprompt: [oops\n```\n")
    assert [(d.code, d.location.line) for d in diags] == [("yaml.syntax", 9)]


def test_ids_come_from_file_names() -> None:
    assert id_from_filename(Path("03-about-this-training.md")) == "about-this-training"
    assert id_from_filename(Path("11b-find-the-goal.md")) == "find-the-goal"
