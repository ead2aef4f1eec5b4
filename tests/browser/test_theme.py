"""A themed course in real Chromium (issue 15 item 6): the theme's colours, logo, cover and
font are used, the focus ring has the accent colour, and axe-core finds no WCAG 2.1 A/AA
violation at 375 and 1280 px."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Site, build_module
from .test_accessibility import at_width, axe, describe

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "roots" / "theme"


@pytest.fixture
def page(context, site: Site, tmp_path: Path):  # type: ignore[no-untyped-def]
    site.add_package("theme", build_module(COURSE, "basics", tmp_path))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    page.goto(site.package_url("theme"))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    yield page
    assert page.errors == []
    page.close()


def test_the_theme_is_applied_and_nothing_leaves_the_package(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("document.fonts.check('16px \"Test Sans\"') && document.fonts.status === 'loaded'")
    styles = page.evaluate("""() => {
      const s = e => getComputedStyle(document.querySelector(e));
      return {primary: s('.sb-pager .sb-btn--primary').backgroundColor, font: s('body').fontFamily,
              logo: document.querySelector('.sb-logo').naturalWidth,
              cover: document.querySelector('.sb-cover').naturalWidth};
    }""")
    assert styles["primary"] == "rgb(91, 42, 134)"  # #5b2a86
    assert styles["font"].startswith('"Test Sans"')
    assert styles["logo"] > 0 and styles["cover"] > 0  # both loaded from the package
    assert all(url.startswith(site.url) for url in page.requests), page.requests


def test_the_focus_ring_has_the_accent_colour(page) -> None:  # type: ignore[no-untyped-def]
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-action')") == "begin":
            break
    ring = page.evaluate("[getComputedStyle(document.activeElement).outlineColor, "
                         "getComputedStyle(document.activeElement).outlineStyle]")
    assert ring == ["rgb(180, 83, 9)", "solid"]  # #b45309, 3:1 or more on every background


def test_themed_views_have_no_wcag_violation(page, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for view in ("start", 0, 1):
        page.evaluate("v => SB.player.show(v)", view)
        page.evaluate("document.querySelectorAll('[data-action=\"continue\"]').forEach(b => b.click())")
        for width in (375, 1280):
            at_width(page, width)
            found[f"{view} at {width} px"] = axe(page)
            page.screenshot(path=str(artifacts / f"theme-{view}-{width}.png"))
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")  # WCAG 1.4.10
    found = {state: vs for state, vs in found.items() if vs}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
