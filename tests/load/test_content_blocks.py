"""Issue 15: the content blocks' model as the loader reads it, and its shape errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild import model as m
from scormbuild.diagnostics import Diagnostic
from scormbuild.load import load_course
from scormbuild.load.lesson import load_lesson
from tests.conftest import ROOTS


def lesson(tmp_path: Path, body: str) -> tuple[m.Lesson, list[Diagnostic]]:
    path = tmp_path / "01-a-lesson.md"
    path.write_text("---\ntitle: A lesson\n---\n" + body, encoding="utf-8")
    diags: list[Diagnostic] = []
    return load_lesson(path, "l.md", diags), diags


def codes(diags: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.location.line) for d in diags]


def blocks_of(kind: type) -> list:  # type: ignore[type-arg]
    course, diags = load_course(ROOTS / "blocks")
    assert course is not None and diags == []
    return [b for lesson_ in course.modules[0].lessons for b in lesson_.blocks if isinstance(b, kind)]


def test_tabs_and_process_read_titled_panels() -> None:
    [tabs] = blocks_of(m.Tabs)
    assert tabs.title == "Basic psychological needs"
    assert [(p.title, p.loc.line) for p in tabs.items] == [("Autonomy", 9), ("Competence", 11), ("Relatedness", 13)]
    [process] = blocks_of(m.Process)
    assert (process.intro, len(process.steps), process.steps[0].title) == ("Four steps, one at a time.", 4,
                                                                          "What keeps me well")


def test_flashcards_timeline_and_gallery() -> None:
    [cards] = blocks_of(m.Flashcards)
    assert (cards.cards[0].front, cards.cards[0].back) == ("Autonomy", "Acting from your own choice.")
    [timeline] = blocks_of(m.Timeline)
    assert [(e.date, e.title, e.markdown) for e in timeline.events][1] == ("Week 4", "Goal planning", "")
    [gallery] = blocks_of(m.Gallery)
    assert [(i.src, i.alt, i.caption) for i in gallery.images][1] == ("files/wheel.svg", "A wheel with two spokes.", "")
    assert m.asset_refs(gallery) == ("files/dot.svg", "files/wheel.svg", "files/dot.svg")


def test_labelled_graphic_markers_are_percentages() -> None:
    [graphic] = blocks_of(m.LabelledGraphic)
    assert (graphic.src, graphic.alt) == ("files/wheel.svg", "The course screen with four numbered areas.")
    assert [(k.x, k.y, k.title) for k in graphic.markers] == [(10, 12, "Contents"), (85, 12, "Journal"),
                                                            (50, 90, "Pager")]
    assert m.asset_refs(graphic) == ("files/wheel.svg",)


def test_table_rows_and_button_targets() -> None:
    [table] = blocks_of(m.Table)
    assert table.columns[0] == "Area" and table.row_headers and len(table.rows) == 2
    assert table.rows[1] == ("Friends", "Seeing a friend each week", "Not answering calls", "Texting one person")
    download, web = blocks_of(m.Button)
    assert (download.file, download.url, m.asset_ref(download)) == ("files/plan.txt", "", "files/plan.txt")
    assert (web.url, web.file, m.asset_ref(web)) == ("https://selfdeterminationtheory.org/", "", None)


def test_image_size_and_align() -> None:
    [image] = blocks_of(m.Image)
    assert (image.size, image.align) == ("small", "right")


def test_image_defaults_and_a_wrong_size(tmp_path: Path) -> None:
    found, diags = lesson(tmp_path, "```image\nsrc: a.png\nalt: A.\nsize: huge\n```\n")
    assert codes(diags) == [("key.value", 7)]
    assert "did you mean" not in diags[0].hint and "small, medium, full" in diags[0].hint
    found, diags = lesson(tmp_path, "```image\nsrc: a.png\nalt: A.\n```\n")
    assert diags == [] and (found.blocks[0].size, found.blocks[0].align) == ("full", "center")  # type: ignore[union-attr]


@pytest.mark.parametrize(("body", "expected"), [
    ("```tabs\nitems:\n  - title: A\n    txt: a\n```\n", [("key.required", 6), ("key.unknown", 7)]),
    ("```flashcards\ncards:\n  - front: A\n```\n", [("key.required", 6)]),
    ("```process\nsteps: []\n```\n", [("key.required", 5)]),
    ("```labelled-graphic\nsrc: a.png\nalt: A\nmarkers:\n  - y: 3\n    title: T\n```\n", [("key.required", 8)]),
    ("```timeline\nevents:\n  - title: T\n```\n", [("key.required", 6)]),
    ("```table\ncaption: C\ncolumns: [a]\nrows:\n  - a\n```\n", [("key.type", 8)]),
    ("```button\nlabel: Go\n```\n", [("key.required", 4)]),
    ("```button\nlabel: Go\nurl: https://example.org\nfile: a.txt\n```\n", [("key.value", 4)]),
    ("```button\nlabel: Go\nurl: 05-goals.md\n```\n", [("key.value", 6)]),
    ("```button\nlabel: Write\nurl: mailto:team@example.org\n```\n", []),
    ("```gallery\nimages:\n  - src: a.png\n    alt: A\n    size: small\n```\n", [("key.unknown", 8)]),
])
def test_shape_errors_point_at_the_line(tmp_path: Path, body: str, expected: list[tuple[str, int]]) -> None:
    _, diags = lesson(tmp_path, body)
    assert codes(diags) == expected


@pytest.mark.parametrize("language", ["python", "js", "javascript", "json", "yaml", "bash", "sh", "text", "html",
                                      "css", "sql", "xml", "markdown", "console", "diff", "csv", "java", "toml"])
def test_code_fences_with_a_language_are_code_not_an_unknown_block(tmp_path: Path, language: str) -> None:
    found, diags = lesson(tmp_path, f"```{language}\nx = 1\n```\n")
    assert diags == [] and [b.kind for b in found.blocks] == ["text"]


def test_a_table_row_that_is_not_a_list(tmp_path: Path) -> None:
    found, diags = lesson(tmp_path, "```table\ncaption: C\ncolumns: [a, b]\nrows:\n  - a, b\n  - [c, d]\n```\n")
    assert [(d.code, d.location.line, d.message) for d in diags] == [
        ("key.type", 8, "row 1 of 'rows' is not a list of cells")]
    assert found.blocks[0].rows == (("c", "d"),)  # type: ignore[union-attr]


def test_a_misspelt_block_still_warns(tmp_path: Path) -> None:
    _, diags = lesson(tmp_path, "```flashcard\ncards: []\n```\n")
    assert [(d.code, d.hint) for d in diags] == [("block.unknown", "did you mean 'flashcards'?")]
