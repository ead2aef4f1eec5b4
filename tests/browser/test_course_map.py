"""'This course' on the start page of a bundle's modules (issue 15 item 7): every module of
the package with the progress this browser recorded (SCORM gives a SCO no way to read
another SCO's status), saying so; axe-clean at 375 and 1280 px."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.pipeline import build
from tests.conftest import ROOTS

from .conftest import Site
from .test_accessibility import at_width, axe, describe

pytestmark = pytest.mark.browser

STARTED = "() => window.SB && SB.player && SB.player.started === true"


@pytest.fixture
def bundle_url(site: Site, tmp_path: Path) -> str:
    result = build(ROOTS / "two-modules", tmp_path / "dist", formats=("scorm12",), bundle=True)
    site.add_package("map12", result.built[0].path)
    return f"{site.url}/pkg/map12"


def statuses(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("[...document.querySelectorAll('[data-course-status]')].map(e => e.textContent)")


def test_each_module_start_page_lists_the_course_with_this_browsers_progress(context, bundle_url, artifacts) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(f"{bundle_url}/first/index.html")
    page.wait_for_function(STARTED)
    assert page.locator(".sb-course-map li[aria-current=page] .sb-course-module").inner_text() == "Module 1: First"
    assert statuses(page) == ["In progress — 0 of 1 lessons visited", "Not started in this browser"]
    assert "Progress as recorded in this browser" in page.locator(".sb-course-note").inner_text()
    page.keyboard.press("Tab")  # the learner opens the first lesson with the keyboard
    for _ in range(30):
        if page.evaluate("document.activeElement.getAttribute('data-action')") == "begin":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("SB.player.view === 0")

    page.goto(f"{bundle_url}/second/index.html")
    page.wait_for_function(STARTED)
    page.wait_for_function("document.querySelector('[data-course-status=\"first\"]').textContent !== ''")
    assert statuses(page)[0].endswith("1 of 1 lessons visited")
    found = {}
    for width in (375, 1280):
        at_width(page, width)
        found[f"{width} px"] = axe(page)
        page.screenshot(path=str(artifacts / f"course-map-{width}.png"), full_page=True)
    found = {k: v for k, v in found.items() if v}
    assert not found, describe(found)
    page.close()
