"""Video and audio blocks in real Chromium (issue 15 item 2), keyboard only.

The learner Tabs to the video and plays it with Space (the browser's native controls),
opens the transcript with Enter; the lesson counts as done only once the required video
played to its end, and that is kept across a reload. axe-core finds no WCAG 2.1 A/AA
violation at 375 and 1280 px, with the transcripts open.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Site, build_module
from .test_accessibility import WCAG_TAGS, at_width, axe, describe  # noqa: F401  (WCAG_TAGS: what axe runs)

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "roots" / "media"
ACTIVE = "() => [document.activeElement.tagName, document.activeElement.id || document.activeElement.textContent]"


@pytest.fixture
def page(context, site: Site, tmp_path: Path):  # type: ignore[no-untyped-def]
    site.add_package("media", build_module(COURSE, "media", tmp_path))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(site.package_url("media"))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    yield page
    assert page.errors == []
    page.close()


def tab_to(page, tag: str, limit: int = 30) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE)[0] == tag:
            return
    raise AssertionError(f"no {tag} within {limit} Tab presses")


def begin(page) -> None:  # type: ignore[no-untyped-def]
    """From the start page to the first lesson, with the keyboard."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-action')") == "begin":
            page.keyboard.press("Enter")
            page.wait_for_function("SB.player.view === 0")
            return
    raise AssertionError("no Start button within 30 Tab presses")


def todo(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("SB.player.summary().todo.map(t => t.kind)")  # type: ignore[no-any-return]


def test_a_required_video_is_played_to_its_end_with_the_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    begin(page)
    video = page.locator("video")
    assert video.evaluate("v => v.paused && !v.autoplay && v.textTracks[0].mode") == "showing"  # captions on
    assert "media" in todo(page)
    tab_to(page, "VIDEO")
    page.keyboard.press("Space")  # Chromium's native controls: Space plays the focused video
    page.wait_for_function("document.querySelector('video').ended")
    page.wait_for_function("SB.player.state.media.indexOf('clip') >= 0")
    assert page.locator("[data-media-status]").text_content() == "Played to the end."
    assert "media" not in todo(page)

    page.reload()  # kept in the saved state ("m"), not only in memory
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    assert page.evaluate("SB.player.state.media") == ["clip"]
    assert page.locator(".sb-media.is-done [data-media-status]").text_content() == "Played to the end."


def test_the_transcript_opens_with_the_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    begin(page)
    transcript = page.locator(".sb-view.is-current details.sb-transcript")
    assert transcript.evaluate("d => d.open") is False
    tab_to(page, "SUMMARY")
    page.keyboard.press("Enter")
    assert transcript.evaluate("d => d.open") is True
    assert "one second" in transcript.inner_text()


def test_a_module_with_an_unplayed_required_video_is_not_complete(page) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("SB.player.show(0); SB.player.show(1); SB.player.show('end')")
    assert page.evaluate("SB.player.summary().status") == "incomplete"
    assert "Play the video or audio to the end in: Watch" in page.locator("#sb-summary").inner_text()


def test_media_views_have_no_wcag_violation(page, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for view in (0, 1):
        page.evaluate("v => { SB.player.show(v); document.querySelectorAll('details').forEach(d => d.open = true); }",
                      view)
        for width in (375, 1280):
            at_width(page, width)
            found[f"lesson {view + 1} at {width} px"] = axe(page)
            page.screenshot(path=str(artifacts / f"media-{view + 1}-{width}.png"), full_page=True)
            # The player fits the width (WCAG 1.4.10 reflow): no horizontal scrolling.
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    found = {state: vs for state, vs in found.items() if vs}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
