"""Issue 15 item 4: the interactive content blocks, operated by keyboard only in real
Chromium, each following its WAI-ARIA Authoring Practices pattern, and axe-core clean
(WCAG 2.1 A/AA) at 375 and 1280 px with no sideways scrolling of the page.

The course is tests/roots/blocks: one lesson per block. Going to a lesson uses the player's
own `show` (the pager is tested elsewhere); inside the lesson only keys are pressed.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROOTS

from .conftest import Site, build_module
from .test_accessibility import at_width, axe, describe

pytestmark = pytest.mark.browser

COURSE = ROOTS / "blocks"
LESSONS = ["tabs", "cards", "process", "graphic", "timeline", "gallery", "table"]
ACTIVE = "() => { const e = document.activeElement; return e ? (e.id || e.className || e.tagName) : ''; }"


@pytest.fixture(scope="module")
def package(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("blocks", build_module(COURSE, "showcase", tmp_path_factory.mktemp("blocks")))
    return "blocks"


def open_lesson(context: Any, site: Site, package: str, lesson: str, width: int = 1280) -> Any:
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    at_width(page, width)
    page.goto(site.package_url(package))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    page.evaluate("i => SB.player.show(i)", LESSONS.index(lesson))
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id",
                           arg=f"sb-l-{lesson}-h")  # the player puts focus on the lesson's heading
    return page


def tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches `selector` (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def visible(page: Any, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.offsetParent !== null)")


def test_tabs_follow_the_apg_tabs_pattern(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "tabs")
    tab_to(page, '[role="tab"]')
    panels = ".sb-view.is-current .sb-tabpanel"
    assert page.evaluate("document.activeElement.textContent") == "Autonomy"
    assert visible(page, panels) == [True, False, False]
    assert visible(page, ".sb-view.is-current .sb-tabpanel-h") == [False, False, False]  # the tab names it
    page.keyboard.press("ArrowRight")
    assert page.evaluate("[document.activeElement.textContent, document.activeElement.getAttribute('aria-selected')]") \
        == ["Competence", "true"]
    assert visible(page, panels) == [False, True, False]
    page.keyboard.press("End")
    assert visible(page, panels) == [False, False, True]
    page.keyboard.press("ArrowRight")  # wraps to the first
    assert visible(page, panels) == [True, False, False]
    page.keyboard.press("ArrowLeft")  # and back to the last
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.textContent") == "Autonomy"
    # Roving tabindex: only the selected tab is a Tab stop; the next stop is its panel.
    assert page.eval_on_selector_all('.sb-view.is-current [role="tab"]', "ts => ts.map(t => t.tabIndex)") == [0, -1, -1]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "tabpanel"
    assert page.errors == []


def test_flashcards_turn_over_and_back(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "cards")
    backs = ".sb-view.is-current .sb-card-back"
    assert visible(page, backs) == [False, False, False]
    # The accessible name is the front alone: the turn-over cue (CSS ::after) is not read.
    assert page.get_by_role("button", name="Autonomy", exact=True).count() == 1
    tab_to(page, ".sb-card-flip")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    assert visible(page, backs) == [True, False, False]
    tab_to(page, ".sb-card-flip")
    page.keyboard.press("Space")
    assert visible(page, backs) == [True, True, False]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert visible(page, backs) == [False, True, False]
    assert page.errors == []


def test_process_shows_one_step_and_moves_focus_to_it(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "process")
    steps = ".sb-view.is-current .sb-pstep"
    assert visible(page, steps) == [True, False, False, False]
    assert page.is_disabled('.sb-view.is-current [data-step="-1"]')
    tab_to(page, '[data-step="1"]')
    page.keyboard.press("Enter")
    assert visible(page, steps) == [False, True, False, False]
    assert page.evaluate(ACTIVE).endswith("-s1")  # focus on the step shown
    name = page.evaluate("""() => document.activeElement.getAttribute('aria-labelledby').split(' ')
                             .map(id => document.getElementById(id).textContent).join(' ')""")
    assert name == "Step 2 of 4 What I notice"
    for _ in range(2):
        tab_to(page, '[data-step="1"]')
        page.keyboard.press("Enter")
    assert visible(page, steps) == [False, False, False, True]
    assert page.is_disabled('.sb-view.is-current [data-step="1"]')
    tab_to(page, '[data-step="-1"]')
    page.keyboard.press("Enter")
    assert visible(page, steps) == [False, False, True, False]
    assert page.errors == []


def test_labelled_graphic_markers_open_their_notes(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "graphic")
    notes = ".sb-view.is-current .sb-note"
    assert visible(page, notes) == [False, False, False]
    tab_to(page, ".sb-marker")
    assert page.evaluate("document.activeElement.textContent") == "1"
    assert page.get_by_role("button", name="1: Contents", exact=True).get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert visible(page, notes) == [True, False, False]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert visible(page, notes) == [False, True, False]  # one note open at a time
    page.keyboard.press("Escape")
    assert visible(page, notes) == [False, False, False]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "2: Journal"
    # Each marker sits over the image where the author put it (x, y in percent).
    spots = page.eval_on_selector_all(".sb-view.is-current .sb-marker", """ms => ms.map(m => {
        const img = m.parentNode.querySelector('img').getBoundingClientRect(), r = m.getBoundingClientRect();
        return [Math.round((r.left + r.width / 2 - img.left) / img.width * 100),
                Math.round((r.top + r.height / 2 - img.top) / img.height * 100)]; })""")
    assert spots == [[10, 12], [85, 12], [50, 90]]
    assert page.errors == []


def test_gallery_moves_by_buttons_and_says_where_it_is(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "gallery")
    slides, where = ".sb-view.is-current .sb-slide", ".sb-view.is-current .sb-slide-where"
    assert visible(page, slides) == [True, False, False]
    assert page.inner_text(where) == "Image 1 of 3"
    tab_to(page, '[data-slide="1"]')
    page.keyboard.press("Enter")
    assert visible(page, slides) == [False, True, False] and page.inner_text(where) == "Image 2 of 3"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # from the first, previous wraps to the last
    assert visible(page, slides) == [False, False, True] and page.inner_text(where) == "Image 3 of 3"
    assert page.get_attribute(where, "aria-live") == "polite"
    assert page.errors == []


def test_a_wide_table_scrolls_in_its_own_focusable_region_on_a_phone(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "table", width=375)
    tab_to(page, ".sb-table-scroll")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    region = page.evaluate("() => { const e = document.activeElement; return [e.scrollWidth > e.clientWidth, "
                           "document.getElementById(e.getAttribute('aria-labelledby')).textContent]; }")
    assert region == [True, "My recovery plan"]
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    scopes = page.eval_on_selector_all(".sb-view.is-current th", "ths => ths.map(t => t.scope)")
    assert scopes == ["col"] * 4 + ["row"] * 2


def test_buttons_download_or_open_a_new_tab(context, site, package) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "process")
    links = page.eval_on_selector_all(".sb-view.is-current .sb-cta", """ls => ls.map(l =>
        [l.getAttribute('href'), l.hasAttribute('download'), l.target, l.rel, l.textContent])""")
    assert links == [["assets/modules/01-showcase/files/plan.txt", True, "", "",
                      "Download the plan template (Download)"],
                     ["https://selfdeterminationtheory.org/", False, "_blank", "noopener",
                      "Read the theory↗ (opens in a new tab)"]]
    tab_to(page, ".sb-cta")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "plan.txt"


# Puts every block in its "used" state (a second tab selected, cards turned, a later step,
# a marker open, the second image) through the blocks' own controls, for axe to see both.
USE_EVERYTHING = """() => {
  document.querySelectorAll('[data-tabs] [role="tab"]:nth-child(2)').forEach(t => t.click());
  document.querySelectorAll('.sb-card-flip, [data-graphic] .sb-marker:first-of-type').forEach(b => b.click());
  document.querySelectorAll('[data-step="1"], [data-slide="1"]').forEach(b => b.click());
}"""
ALL_VIEWS = "html.sb-js .sb-view { display: block !important; }"


@pytest.mark.parametrize("width", [375, 1280])
def test_every_block_passes_axe_as_opened_and_used(context, site, package, width, artifacts) -> None:  # type: ignore[no-untyped-def]
    page = open_lesson(context, site, package, "tabs", width)
    found = {}
    for lesson in LESSONS:
        page.evaluate("i => SB.player.show(i)", LESSONS.index(lesson))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, lesson  # reflow (WCAG 1.4.10)
        page.screenshot(path=str(artifacts / f"blocks-{lesson}-{width}.png"), full_page=True)
    page.add_style_tag(content=ALL_VIEWS)
    found["as opened"] = axe(page)
    page.evaluate(USE_EVERYTHING)
    found["used"] = axe(page)
    found = {state: vs for state, vs in found.items() if vs}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
    assert page.errors == []


def test_without_script_every_panel_step_note_and_image_reads_in_order(context, site, package) -> None:  # type: ignore[no-untyped-def]
    """The page as printed or read without JavaScript: nothing hidden, no dead controls."""
    page = context.new_page()
    page.route("**/player/*.js", lambda route: route.abort())
    page.goto(site.package_url(package))
    assert page.evaluate("document.documentElement.className") == "sb-nojs"
    for selector, count in ((".sb-tabpanel", 3), (".sb-tabpanel-h", 3), (".sb-card-back", 3), (".sb-pstep", 4),
                            (".sb-note", 3), (".sb-slide", 3)):
        assert visible(page, selector) == [True] * count, selector
    for selector in (".sb-tablist", ".sb-pstep-nav", ".sb-gallery-nav", ".sb-marker"):
        assert not any(visible(page, selector)), selector


def test_printed_every_panel_step_note_card_and_image_shows(context, site, package) -> None:  # type: ignore[no-untyped-def]
    """Print (the player's @media print): what the script hid is on paper, its controls are not."""
    page = open_lesson(context, site, package, "tabs")
    page.add_style_tag(content=ALL_VIEWS)
    page.emulate_media(media="print")
    shown = """s => [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display !== 'none')"""
    for selector, count in ((".sb-tabpanel", 3), (".sb-card-back", 3), (".sb-pstep", 4), (".sb-note", 3),
                            (".sb-slide", 3)):
        assert page.evaluate(shown, selector) == [True] * count, selector
    for selector in (".sb-tablist", ".sb-pstep-nav", ".sb-gallery-nav", ".sb-marker"):
        assert not any(page.evaluate(shown, selector)), selector


@pytest.mark.parametrize(("width", "floated"), [(1280, True), (375, False)])
def test_a_small_right_image_floats_on_a_wide_screen_and_is_full_width_on_a_phone(  # type: ignore[no-untyped-def]
        context, site, package, width, floated) -> None:
    page = open_lesson(context, site, package, "tabs", width)
    box = page.eval_on_selector(".sb-view.is-current .sb-image--small", """f => {
        const r = f.getBoundingClientRect(), p = f.parentNode.getBoundingClientRect();
        return {float: getComputedStyle(f).float, width: Math.round(r.width), right: Math.round(p.right - r.right),
                parent: Math.round(p.width)}; }""")
    if floated:
        assert box["float"] == "right" and box["width"] <= 16 * 16 and box["right"] == 0, box
    else:
        assert box["float"] == "none" and box["width"] == box["parent"], box
