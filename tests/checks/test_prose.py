"""checks/prose.py: images and raw HTML in Markdown prose (issue 14)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scormbuild.pipeline import build
from tests.conftest import brief as problems
from tests.conftest import edit, messages

INTRO = "course/modules/01-basics/01-intro.md"


def test_an_image_in_prose_is_packaged_and_its_url_rewritten(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.",
         "Welcome to **the basics**.\n\nSee ![A blue dot](files/dot.svg \"dot\").")
    assert problems(course) == []
    result = build(course, Path("dist"))
    assert result.ok, result.diagnostics
    with zipfile.ZipFile(result.built[0].path) as z:
        page = z.read("index.html").decode()
        assert "assets/modules/01-basics/files/dot.svg" in z.namelist()
    assert '<img src="assets/modules/01-basics/files/dot.svg" alt="A blue dot" title="dot"' in page


def test_a_missing_image_in_prose_is_named_at_its_column(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.",
         "Welcome to **the basics**.\nSee ![A blue dot](files/dott.svg).")
    assert messages(course) == [
        f"{INTRO}:5:5: error: file 'files/dott.svg' does not exist [asset.missing] — did you mean 'dot.svg'?"]


def test_an_image_in_prose_needs_alt_text(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.", "Welcome ![](files/dot.svg)")
    assert messages(course) == [
        f"{INTRO}:4:9: error: image 'files/dot.svg' has no alt text [image.no-alt] — write what the image shows "
        "between the brackets: ![The recovery wheel](files/wheel.svg)"]


def test_a_web_image_cannot_be_shown_offline(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.",
         "Welcome.\n\n![A dot](https://example.org/dot.png)")
    assert problems(course) == [("image.external", INTRO, 6, 1)]


def test_an_image_in_a_code_span_is_not_an_image(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.", "Write `![alt](x.png)`.")
    assert problems(course) == []


def test_raw_html_is_an_error_inline_and_as_a_block(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.",
         "Welcome to <b>the basics</b>.\n\n<div class=\"x\">\nHi\n</div>")
    assert problems(course) == [("markdown.html", INTRO, 4, 12), ("markdown.html", INTRO, 4, 25),
                                ("markdown.html", INTRO, 6, 1)]
    assert messages(course)[0] == (
        f"{INTRO}:4:12: error: raw HTML '<b>' would be shown to learners as text [markdown.html] — "
        "write it in Markdown (**bold**, *italic*, lists) or use a block (callout, image, list)")


def test_an_autolink_is_not_raw_html(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "Welcome to **the basics**.", "See <https://example.org>.")
    assert problems(course) == []


def test_raw_html_in_a_block_s_markdown(course: Path) -> None:
    edit(course / "modules/01-basics/01-intro.md", "text: Take your time.", "text: Take <em>your</em> time.")
    edit(course / "modules/01-basics/01-intro.md", "    text: The second thing.", "    text: The <br> thing.")
    assert problems(course) == [("markdown.html", INTRO, 12, 1), ("markdown.html", INTRO, 12, 1),
                                ("markdown.html", INTRO, 30, 5)]


def test_an_image_in_a_block_s_markdown_is_not_packaged(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "    feedback: Yes.", "    feedback: Yes ![a dot](files/dot.svg)")
    assert messages(course) == [
        "course/modules/01-basics/02-check.md:10:5: error: image 'files/dot.svg' in a check block's text is not "
        "packaged [image.not-prose] — put it in an image block, or in the lesson's prose"]


def test_raw_html_and_images_in_module_yaml_and_core_values(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "description: Two short lessons.",
         "description: Two <i>short</i> lessons.")
    edit(course / "modules/01-basics/module.yaml", "hint: Who can help me?", "hint: Who ![a dot](files/dot.svg)")
    edit(course / "course.yaml", "definition: Both people learn", "definition: <br>Both people learn")
    assert messages(course) == [
        "course/course.yaml:18:5: error: raw HTML '<br>' would be shown to learners as text [markdown.html] — write "
        "it in Markdown (**bold**, *italic*, lists) or use a block (callout, image, list)",
        "course/modules/01-basics/module.yaml:1:1: error: image 'files/dot.svg' in a module.yaml is not packaged "
        "[image.not-prose] — put it in an image block, or in the lesson's prose",
        "course/modules/01-basics/module.yaml:1:1: error: raw HTML '<i>' would be shown to learners as text "
        "[markdown.html] — write it in Markdown (**bold**, *italic*, lists) or use a block (callout, image, list)",
        "course/modules/01-basics/module.yaml:1:1: error: raw HTML '</i>' would be shown to learners as text "
        "[markdown.html] — write it in Markdown (**bold**, *italic*, lists) or use a block (callout, image, list)"]


@pytest.mark.parametrize("text", [
    "Plain **prose** with a [link](https://example.org) and `code`.",
    "A list:\n\n- one\n- two\n",
    "Not an image: ! [x](y), and an entity: &lt;b&gt;",
])
def test_prose_without_image_or_html_is_scanned_without_the_parser(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An image needs '![' and raw HTML '<': other prose is known clean without parsing it."""
    from scormbuild import prose

    monkeypatch.setattr(prose, "_parser", lambda: pytest.fail("parsed"))
    assert prose._scan(text) == ((), ())


@pytest.mark.parametrize("text, images, html", [
    ("See ![A dot](dot.svg).", 1, 0),
    ("See ![A dot][d].\n\n[d]: dot.svg", 1, 0),
    ("Some <b>bold</b>.", 0, 2),
    ("<div>\nblock\n</div>", 0, 1),
])
def test_prose_with_an_image_or_html_is_still_parsed(text: str, images: int, html: int) -> None:
    from scormbuild import prose

    found = prose._scan(text)
    assert (len(found[0]), len(found[1])) == (images, html)
