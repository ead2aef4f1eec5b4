"""The bundle as one course (issue 15 item 7): at the end of a module of a SCORM 2004
bundle, "Go to the next module" (reached with the keyboard) asks the LMS to continue
(adl.nav.request, RTE 4.4) and scorm-again delivers the next module's SCO."""
from __future__ import annotations

import pytest

from .learner import Learner, Plan
from .test_accessibility import axe, describe
from .test_scorm2004 import bundle, launch_bundle, nav_request, next_sco

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def flowing(site, tmp_path_factory):  # type: ignore[no-untyped-def]
    return bundle(site, tmp_path_factory, "flow2004", "")


def test_the_next_module_step_continues_to_it_by_keyboard(context, site, flowing, course) -> None:  # type: ignore[no-untyped-def]
    first, second = course.modules
    page, frame = launch_bundle(context, site, flowing)
    Learner(frame, course, first, Plan(reflection_chars=100)).play()
    frame.click('.sb-pager [data-action="next"]')
    frame.wait_for_function("SB.player.view === 'end'")
    end = frame.locator(".sb-end")
    assert end.locator(".sb-next-title").inner_text() == f"Module {second.number}: {second.title}"
    violations = axe(frame)
    assert not violations, describe({"end view": violations})
    button = end.locator('.sb-actions [data-action="exit"]')
    assert button.inner_text() == "Go to the next module"
    for _ in range(40):  # Tab to it, as a keyboard user does
        page.keyboard.press("Tab")
        if frame.evaluate("document.activeElement && document.activeElement.textContent") == "Go to the next module":
            break
    else:
        raise AssertionError("'Go to the next module' is not reachable with Tab")
    page.keyboard.press("Enter")
    assert nav_request(page) == "continue"
    next_sco(page, second.id)
    page.close()
