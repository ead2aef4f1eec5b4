"""The course page of a SCORM bundle (issue 15 item 7) in real headless Chromium: the first
item an LMS launches lists the modules with the progress this browser recorded (the real
player records it), calls no LMS API, works offline and with the keyboard, is axe-clean at
375 and 1280 px; in scorm-again's SCORM 2004 sequencer the bundle starts on it and its
flow, choice and forced order still lead through the modules."""
from __future__ import annotations

import shutil

import pytest

from scormbuild.pipeline import build
from tests.conftest import ROOTS

from .conftest import Site
from .test_accessibility import at_width, axe, describe
from .test_scorm2004 import COURSE_ITEM, FORCED, bundle, choice_valid, next_sco, open_course_page

pytestmark = pytest.mark.browser

STARTED = "() => window.SB && SB.player && SB.player.started === true"
FILLED = "() => [...document.querySelectorAll('[data-course-status]')].every(e => e.textContent)"
THEME = """description: Two short modules, one after the other.
theme:
  logo: assets/brand/logo.svg
  logo_alt: Two modules training team
  cover: assets/brand/cover.svg
  colors:
    primary: "#5b2a86"
    accent: "#b45309"
"""


@pytest.fixture(scope="module")
def cp12(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    """two-modules, themed, as one SCORM 1.2 bundle served under pkg/cp12."""
    folder = tmp_path_factory.mktemp("cp12") / "course"
    shutil.copytree(ROOTS / "two-modules", folder)
    shutil.copytree(ROOTS / "theme" / "assets" / "brand", folder / "assets" / "brand")
    (folder / "course.yaml").write_text((folder / "course.yaml").read_text() + THEME)
    result = build(folder, folder.parent / "dist", formats=("scorm12",), bundle=True)
    assert result.ok, [str(d) for d in result.diagnostics]
    site.add_package("cp12", result.built[0].path)
    return "cp12"


def statuses(frame) -> list[str]:  # type: ignore[no-untyped-def]
    return frame.evaluate("[...document.querySelectorAll('[data-course-status]')].map(e => e.textContent)")


def bars(frame) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Each card's status state and its bar's drawn width, in % of the track."""
    return [tuple(pair) for pair in frame.evaluate("""[...document.querySelectorAll('[data-course-status]')].map(e => {
        const bar = e.parentElement.querySelector('[data-course-bar]');
        const track = bar.parentElement.getBoundingClientRect().width - 2;
        return [e.dataset.state, Math.round(100 * bar.getBoundingClientRect().width / track)];
    })""")]


def shown(page, url: str):  # type: ignore[no-untyped-def]
    """The test LMS's frame once it shows `url` (lms.open tears the old frame down)."""
    page.wait_for_function(f"() => (document.querySelector('iframe') || {{}}).src === new URL({url!r}, location).href")
    return page.wait_for_selector("iframe").content_frame()


def test_the_lms_opens_the_course_page_which_shows_each_modules_progress(context, site, cp12) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start, first = f"../pkg/{cp12}/index.html", f"../pkg/{cp12}/first/index.html"
    page.goto(site.lms_url(cp12))  # the first item of the organization: the course page
    frame = shown(page, start)
    frame.wait_for_function(FILLED)
    assert frame.locator("h1").inner_text() == "Two modules"
    # One card per module: its number, title, lesson count, status and a bar of its lessons visited.
    assert frame.locator(".sb-course-num").all_inner_texts() == ["MODULE 1", "MODULE 2"]
    assert frame.locator(".sb-course-module").all_inner_texts() == ["First", "Second"]
    assert frame.locator(".sb-course-meta").all_inner_texts() == ["Lessons: 1", "Lessons: 1"]
    assert statuses(frame) == ["Not started in this browser", "Not started in this browser"]
    assert bars(frame) == [("new", 0), ("new", 0)]
    assert "Progress as recorded in this browser" in frame.locator(".sb-course-note").inner_text()

    page.evaluate(f"lms.open({first!r})")  # the LMS's menu: module 1, played by the real player
    module = shown(page, first)
    module.wait_for_function(STARTED)
    module.click('[data-action="begin"]')
    module.wait_for_function("SB.player.view === 0")

    page.evaluate(f"lms.open({start!r})")  # back to the course page
    frame = shown(page, start)
    frame.wait_for_function(FILLED)
    done, rest = statuses(frame)
    assert done.endswith(" — 1 of 1 lessons visited") and done.split(" — ")[0] in ("In progress", "Completed")
    assert rest == "Not started in this browser"
    state, width = bars(frame)[0]
    assert (state, width) in (("incomplete", 100), ("completed", 100)) and bars(frame)[1] == ("new", 0)
    # The page is an asset: every API call came from module 1's SCO, none from the page.
    assert {call["sco"] for call in page.evaluate("__lmsLog")} == {first}
    assert errors == []
    page.close()


def test_the_course_page_works_offline_by_keyboard_and_passes_axe(context, site, cp12, artifacts) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    elsewhere: list[str] = []

    def only_this_site(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(site.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.goto(f"{site.url}/pkg/{cp12}/index.html")  # no LMS around it: it needs none
    page.wait_for_function(FILLED)
    assert statuses(page) == ["Not started in this browser", "Not started in this browser"]
    assert page.evaluate("typeof window.SB.player") == "undefined"  # no player, no tracker
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "sb-main"
    found = {}
    for width in (375, 1280):
        at_width(page, width)
        # WCAG 1.4.10 reflow: nothing scrolls sideways at 375 px.
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        found[f"{width} px"] = axe(page)
        page.screenshot(path=str(artifacts / f"course-page-{width}.png"), full_page=True)
    found = {k: v for k, v in found.items() if v}
    assert not found, describe(found)
    assert elsewhere == []
    page.close()


@pytest.fixture(scope="module")
def forced(site, tmp_path_factory):  # type: ignore[no-untyped-def]
    return bundle(site, tmp_path_factory, "cpforced2004", FORCED)


@pytest.fixture(scope="module")
def free(site, tmp_path_factory):  # type: ignore[no-untyped-def]
    return bundle(site, tmp_path_factory, "cpfree2004", "")


def test_scorm2004_starts_on_the_course_page_and_continues_to_module_1(context, site, forced, course) -> None:  # type: ignore[no-untyped-def]
    first, second = course.modules
    page = open_course_page(context, site, forced)
    frame = page.wait_for_selector("iframe").content_frame()
    assert frame.locator(".sb-course-module").all_inner_texts() == [
        mod.title for mod in course.modules]
    assert page.evaluate("__lmsLog") == []  # an asset: the API is not used
    assert [n["activity"] for n in page.evaluate("__navLog")] == [COURSE_ITEM]
    assert page.evaluate("__lmsNavigate('continue')") is True  # the LMS's Continue (flow)
    module = next_sco(page, first.id)
    module.wait_for_function("SB.player.cfg.module.id === " + repr(first.id))
    # Forced order (SN 3.4.2) as before: module 2 stays locked until module 1 is completed.
    assert choice_valid(page, f"ITEM-{second.id}") == "false"
    assert [n["activity"] for n in page.evaluate("__navLog")] == [COURSE_ITEM, f"ITEM-{first.id}"]
    tree = page.evaluate("""() => { const r = API_1484_11._sequencing.activityTree.root, p = r.children[0];
        return {id: p.id, completion: p.completionStatus, root: r.completionStatus,
                rollup: [p.sequencingControls.rollupObjectiveSatisfied, p.sequencingControls.rollupProgressCompletion,
                         p.sequencingControls.objectiveMeasureWeight]}; }""")
    # The page's attempt ended when the learner continued; the course is not complete for it.
    assert tree["id"] == COURSE_ITEM and tree["rollup"] == [False, False, 0]
    assert tree["root"] != "completed"
    page.close()


def test_scorm2004_without_forced_order_the_course_page_leads_to_any_module(context, site, free, course) -> None:  # type: ignore[no-untyped-def]
    first, second = course.modules
    page = open_course_page(context, site, free)
    assert page.evaluate(f"__lmsNavigate('choice', 'ITEM-{second.id}')") is True  # the LMS's menu
    next_sco(page, second.id)
    assert [n["activity"] for n in page.evaluate("__navLog")] == [COURSE_ITEM, f"ITEM-{second.id}"]
    assert choice_valid(page, f"ITEM-{first.id}") == "true"
    assert choice_valid(page, COURSE_ITEM) == "true"  # and back to the course page
    page.close()
