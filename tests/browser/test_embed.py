"""The embed block in real Chromium (issue 15 item 3), keyboard only: nothing is requested
from the provider until the learner activates "Load … content"; then the frame, with its
title, loads and has focus. axe-core finds no WCAG 2.1 A/AA violation at 375 and 1280 px,
before and after loading.

The provider is played by the test server (its url is written into a copy of
tests/roots/embed), so the test needs no network and can see every request.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOTS

from .conftest import Site, build_module
from .test_accessibility import at_width, axe, describe

pytestmark = pytest.mark.browser

PROVIDER_PAGE = "<!doctype html><html lang='en'><title>Talk</title><p>The provider's player</p></html>"


@pytest.fixture
def page(context, site: Site, tmp_path: Path):  # type: ignore[no-untyped-def]
    (site.root / "provider").mkdir(exist_ok=True)
    (site.root / "provider" / "talk.html").write_text(PROVIDER_PAGE, encoding="utf-8")
    course = tmp_path / "embed"
    shutil.copytree(ROOTS / "embed", course)
    talk = course / "modules/01-embed/01-talk.md"
    talk.write_text(talk.read_text(encoding="utf-8").replace(
        "https://www.youtube-nocookie.com/embed/abc123", f"{site.url}/provider/talk.html"), encoding="utf-8")
    site.add_package("embed", build_module(course, "embed", tmp_path / "out"))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(site.package_url("embed"))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    yield page
    assert page.errors == []
    page.close()


def provider_requests(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [u for u in page.requests if "/provider/" in u]


def tab_to(page, selector: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"no {selector} within {limit} Tab presses")


def test_the_provider_is_asked_only_when_the_learner_loads_it(page) -> None:  # type: ignore[no-untyped-def]
    tab_to(page, "[data-action=begin]")
    page.keyboard.press("Enter")
    page.wait_for_function("SB.player.view === 0")
    assert page.locator(".sb-view.is-current iframe").count() == 0 and provider_requests(page) == []
    tab_to(page, "[data-embed-load]")
    assert page.evaluate("document.activeElement.textContent").startswith("Load ")
    page.keyboard.press("Enter")
    frame = page.locator(".sb-view.is-current iframe.sb-embed-iframe")
    assert frame.get_attribute("title") == "Active listening, a talk"
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'IFRAME'")
    page.frame_locator("iframe.sb-embed-iframe").get_by_text("The provider's player").wait_for()
    assert len(provider_requests(page)) == 1


def test_embed_views_have_no_wcag_violation(page, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("SB.player.show(0)")
    found = {}
    for state in ("placeholder", "loaded"):
        if state == "loaded":
            page.click("[data-embed-load]")
            page.frame_locator("iframe.sb-embed-iframe").get_by_text("The provider's player").wait_for()
        for width in (375, 1280):
            at_width(page, width)
            found[f"{state} at {width} px"] = axe(page)
            page.screenshot(path=str(artifacts / f"embed-{state}-{width}.png"))
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")  # WCAG 1.4.10
    found = {k: v for k, v in found.items() if v}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
