"""links.py: links out of the package open a new tab with a cue; lesson links stay inside."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.links import cue_html
from scormbuild.render import markdown_block, markdown_inline

from .conftest import ROOTS

CUE = "opens in a new tab"
LESSONS = (("02-goals.md", "goals"),)


def test_a_link_out_opens_a_new_tab_with_a_seen_and_read_cue() -> None:
    html = markdown_inline("[the article](https://example.org/a)", CUE, LESSONS)
    assert html == f'<a href="https://example.org/a" target="_blank" rel="noopener">the article{cue_html(CUE)}</a>'
    assert '<span aria-hidden="true">\u2197</span>' in cue_html(CUE) and "sb-vh" in cue_html(CUE)


@pytest.mark.parametrize("href", ["http://example.org", "HTTPS://EXAMPLE.ORG/x", "//example.org/x"])
def test_every_web_link_leaves_by_a_new_tab(href: str) -> None:
    assert 'target="_blank" rel="noopener"' in markdown_inline(f"[x]({href})", CUE)


def test_autolinks_in_references_open_a_new_tab_too() -> None:
    html = markdown_block("See <https://example.org/good>.", CUE)
    assert '<a href="https://example.org/good" target="_blank" rel="noopener">' in html


@pytest.mark.parametrize("href", ["mailto:team@example.org", "#sb-start", "notes.md"])
def test_links_that_do_not_leave_through_the_frame_stay_as_written(href: str) -> None:
    assert markdown_inline(f"[x]({href})", CUE, LESSONS) == f'<a href="{href}">x</a>'


@pytest.mark.parametrize("href", ["02-goals.md", "./02-goals.md", "02-goals.md#part"])
def test_a_link_to_a_lesson_file_becomes_a_link_into_the_player(href: str) -> None:
    assert markdown_inline(f"[goals]({href})", CUE, LESSONS) == '<a href="#sb-l-goals">goals</a>'


def test_without_a_cue_links_render_as_written() -> None:
    """Plain-text uses (xAPI names) render Markdown with no page context."""
    assert markdown_inline("[a](https://example.org)") == '<a href="https://example.org">a</a>'


def test_built_pages_mark_every_link_out(tmp_path: Path) -> None:
    from scormbuild.pipeline import build

    result = build(ROOTS / "links", tmp_path, formats=("scorm12",))
    assert result.built, [str(d) for d in result.diagnostics]
    import zipfile

    page = zipfile.ZipFile(result.built[0].path).read("index.html").decode()
    assert page.count('target="_blank" rel="noopener"') == 2  # the article, the reference
    assert '<a href="#sb-l-goals">your goals</a>' in page
    assert '<a href="#sb-l-sources">the sources</a>' in page
    assert '<a href="mailto:team@example.org">' in page
