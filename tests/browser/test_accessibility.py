"""axe-core (npm) on every view of both seed modules: zero WCAG 2.1 A/AA violations.
Screenshots at 375 px and 1280 px are kept in tests/artifacts/ for a human to look at."""
from __future__ import annotations

import pytest

from scormbuild import model as m

from .conftest import NODE, Site, build_module
from .learner import Learner, Plan
from .test_scorm12 import COURSE, course  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

AXE = NODE / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MODULES = ["goal-planning", "connection-communication"]


def axe(page) -> list[dict]:  # type: ignore[no-untyped-def]
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                               nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))""",
        WCAG_TAGS)


def describe(found: dict[str, list[dict]]) -> str:
    return "\n".join(f"{view}: {v['id']} ({v['impact']}) {v['help']} → {v['nodes']}"
                     for view, vs in found.items() for v in vs)


@pytest.mark.parametrize("module_id", MODULES)
def test_every_view_has_no_wcag_violation(context, site: Site, course, module_id, artifacts, tmp_path):  # type: ignore[no-untyped-def]
    module = next(mod for mod in course.modules if mod.id == module_id)
    site.add_package(module_id, build_module(COURSE, module_id, tmp_path))
    page = context.new_page()
    page.goto(site.package_url(module_id))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    learner = Learner(page.main_frame, course, module, Plan(wrong={c.id for c in module.checks[:1]}))
    found: dict[str, list[dict]] = {"start": axe(page)}
    shot: set[str] = set()
    for index, lesson in enumerate(module.lessons):
        learner.next()
        learner.do_lesson(lesson)
        for button in page.locator(".sb-view.is-current .sb-acc-button").all():
            button.click()  # open panels are audited too
        found[f"lesson {index + 1} {lesson.id}"] = axe(page)
        if any(isinstance(b, m.KnowledgeCheck) for b in lesson.blocks) and "check" not in shot:
            shot.add("check")
            shoot(page, artifacts, f"{module_id}-check", ".sb-view.is-current .sb-check")
    learner.next()
    found["end"] = axe(page)
    page.click('.sb-pager ~ * [data-action="journal"], .sb-end [data-action="journal"]')
    found["journal"] = axe(page)
    shoot(page, artifacts, f"{module_id}-journal")
    page.evaluate("SB.player.show('start')")
    shoot(page, artifacts, f"{module_id}-start")
    found = {view: vs for view, vs in found.items() if vs}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + describe(found)
    page.close()


def shoot(page, artifacts, name: str, scroll_to: str = "") -> None:  # type: ignore[no-untyped-def]
    """Viewport screenshots at a phone width and a desktop width."""
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 812 if width == 375 else 900})
        if scroll_to:
            page.locator(scroll_to).first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
