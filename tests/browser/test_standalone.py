"""No LMS: the package opened from a web server or a plain folder keeps progress in localStorage."""
from __future__ import annotations

import pytest

from scormbuild import model as m

from .conftest import MODULE
from .learner import Learner, Plan

pytestmark = pytest.mark.browser


def open_standalone(context, url: str):  # type: ignore[no-untyped-def]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    page.goto(url)
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    return page


def test_standalone_keeps_progress_in_the_browser(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    page = open_standalone(context, site.package_url(package))
    learner = Learner(page.main_frame, course, module13, Plan(wrong={module13.checks[0].id}))
    assert learner.tracker() == "standalone"
    assert page.inner_text("#sb-notice").startswith("Not connected to a learning system")
    stop = next(i for i, lesson in enumerate(module13.lessons)
                if any(isinstance(b, m.KnowledgeCheck) for b in lesson.blocks)) + 1
    learner.play(upto=stop)
    # No exit, the tab just closes: once the debounced autosave has run and the journal
    # backup is written (polled, not a fixed wait past their 1.5 s / 0.4 s timers).
    page.wait_for_function("() => !SB.player.autosave.pending() && !SB.player.journalBackup.pending()")
    page.close()

    page = open_standalone(context, site.package_url(package))
    learner2 = Learner(page.main_frame, course, module13)
    assert learner2.view() == stop - 1  # back at the bookmark
    for key, text in learner.written.items():
        if "." in key:
            assert page.input_value(f'textarea[data-prompt="{key}"]') == text
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('scormbuild:{course.id}:{MODULE}'))")
    assert stored["location"] == module13.lessons[stop - 1].id
    assert stored["status"] == "incomplete"
    # Finishing the module standalone reaches the same verdict as in an LMS.
    learner2.f.evaluate("SB.player.show('start')")
    learner2.play()
    learner2.next()
    score = round(100 * (len(module13.checks) - 1) / len(module13.checks))
    status = "passed" if score >= m.mastery_for(course, module13) else "failed"
    assert page.inner_text(".sb-status").endswith({"passed": "Passed", "failed": "Not passed"}[status])
    learner2.exit()
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('scormbuild:{course.id}:{MODULE}'))")
    assert (stored["status"], stored["score"]) == (status, score)
    assert page.errors == []
    page.close()


def test_opens_from_a_plain_folder(context, site, package):  # type: ignore[no-untyped-def]
    """file:// — no server, no network: the player still starts (standalone)."""
    page = open_standalone(context, (site.root / "pkg" / package / "index.html").as_uri())
    assert page.evaluate("SB.player.trackerName") == "standalone"
    page.click('.sb-pager [data-action="next"]')
    assert page.evaluate("SB.player.view") == 0
    assert page.errors == []
    page.close()


def test_the_not_connected_notice_shows_once_per_session(context, site, package):  # type: ignore[no-untyped-def]
    """Issue 15 polish: told once, not at every lesson reload of the same tab."""
    page = open_standalone(context, site.package_url(package))
    assert page.get_attribute("#sb-notice", "data-kind") == "standalone"
    page.reload()
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    assert page.get_attribute("#sb-notice", "data-kind") is None
    assert page.errors == []
    page.close()
