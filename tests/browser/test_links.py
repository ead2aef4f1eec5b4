"""Links in an LMS frame (issue 15): a link out opens a new tab and the SCO keeps running;
a link to another lesson moves inside the player. scorm-again is the LMS."""
from __future__ import annotations

import pytest

from tests.conftest import ROOTS

from .conftest import build_module
from .test_scorm12 import api_log, launch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def package(site, tmp_path_factory: pytest.TempPathFactory) -> str:  # type: ignore[no-untyped-def]
    site.add_package("links", build_module(ROOTS / "links", "reading", tmp_path_factory.mktemp("links")))
    return "links"


def test_a_link_out_opens_beside_the_course_and_the_sco_keeps_running(context, site, package) -> None:  # type: ignore[no-untyped-def]
    # The article is answered inside the browser: no request leaves this machine.
    context.route("https://example.org/**",
                  lambda route: route.fulfill(body="<title>article</title>", content_type="text/html"))
    page, frame = launch(context, site, package)
    frame.evaluate("SB.player.show(0)")
    sco_url = frame.url
    with context.expect_page() as opened:
        frame.get_by_role("link", name="the article (opens in a new tab)").click()
    opened.value.wait_for_load_state()
    assert opened.value.url == "https://example.org/article"
    assert opened.value.evaluate("window.opener") is None  # rel=noopener: it cannot reach the player
    opened.value.close()
    assert frame.url == sco_url and frame.evaluate("SB.player.view") == 0
    assert frame.evaluate("SB.player.finished") is False
    assert [e["fn"] for e in api_log(page) if e["fn"] == "LMSFinish"] == []
    page.close()


def test_a_link_to_a_lesson_moves_inside_the_player(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package)
    frame.evaluate("SB.player.show(0)")
    sco_url = frame.url
    frame.get_by_role("link", name="your goals").click()
    frame.wait_for_function("SB.player.view === 1")
    assert frame.url == sco_url
    assert frame.evaluate("document.activeElement.id") == "sb-l-goals-h"  # focus moved with the view
    frame.get_by_role("link", name="the sources").click()
    frame.wait_for_function("SB.player.view === 0")
    assert frame.url == sco_url
    page.close()
