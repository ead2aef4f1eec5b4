"""Issue 13: the player's page lifecycle, with real browser events (tests/roots/minimal).

- visibilitychange to hidden (a phone's home button, another tab): the pending work is
  committed at once, and only once however often the page hides and shows.
- pagehide ends the session (LMSFinish once); there is no unload handler, so the page can
  enter the back/forward cache, and a page restored from it says that the session ended
  instead of writing into a finished SCORM session (RTE 3.3.2.1).

Headless Chromium keeps every page "visible" (minimising or covering the window changes
nothing, Page.setWebLifecycleState does not hide a visible page), so the hidden state is
set on the SCO's document through CDP (Runtime.evaluate) and a real visibilitychange event
is dispatched to it: the player's own listener does the rest. The back/forward cache test
uses a real navigation in a Chromium started without Playwright's
--disable-back-forward-cache.
"""
from __future__ import annotations

import pytest

from scormbuild import model as m
from scormbuild.load import load_course
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOTS

from .conftest import build_module
from .learner import Learner
from .test_scorm12 import api_log, cmi, launch

pytestmark = pytest.mark.browser

MINIMAL = ROOTS / "minimal"


@pytest.fixture(scope="module")
def minimal() -> tuple[m.Course, m.Module]:
    course, _ = load_course(MINIMAL)
    assert course is not None
    return course, course.modules[0]


@pytest.fixture(scope="module")
def package(site, tmp_path_factory: pytest.TempPathFactory) -> str:  # type: ignore[no-untyped-def]
    site.add_package("lifecycle", build_module(MINIMAL, "basics", tmp_path_factory.mktemp("lifecycle")))
    return "lifecycle"


def set_visibility(frame, state: str) -> None:  # type: ignore[no-untyped-def]
    frame.evaluate("""s => { Object.defineProperty(document, 'visibilityState', {value: s, configurable: true});
                             document.dispatchEvent(new Event('visibilitychange')); }""", state)


def commits(page) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for e in api_log(page) if e["fn"] == "LMSCommit")


def test_hidden_page_commits_the_pending_work_at_once_and_once(context, site, package, minimal):  # type: ignore[no-untyped-def]
    course, module = minimal
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module)
    learner.play(upto=2)
    reflection = next(b for b in module.lessons[1].blocks if isinstance(b, m.Reflection))
    text = "Typed, then the phone went to its home screen."
    frame.fill(f"#sb-r-{reflection.id}-{reflection.prompts[0].id}", text)
    assert frame.evaluate("SB.player.autosave.pending()")  # not saved yet: the debounce waits
    before = commits(page)

    set_visibility(frame, "hidden")
    assert commits(page) == before + 1  # synchronously, in the event: no timer to survive a freeze
    assert frame.evaluate("d => SB.codec.decode(d).reflections", cmi(page)["suspend_data"])[
        f"{reflection.id}.{reflection.prompts[0].id}"] == text
    assert not frame.evaluate("SB.player.autosave.pending()")

    for state in ("visible", "hidden", "visible", "hidden"):  # nothing new: no second commit
        set_visibility(frame, state)
    assert commits(page) == before + 1
    set_visibility(frame, "visible")
    learner.next()  # the session goes on after the page is shown again
    assert learner.view() == "end"

    page.evaluate("document.querySelector('iframe').remove()")  # the LMS tears the frame down
    fns = [e["fn"] for e in api_log(page)]
    assert fns.count("LMSFinish") == 1 and fns[-1] == "LMSFinish"
    assert cmi(page)["core"]["lesson_status"] == "passed"
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    assert page.errors == []
    page.close()


@pytest.fixture(scope="module")
def bfcache_browser(browser):  # type: ignore[no-untyped-def]
    """A second Chromium, the back/forward cache on (Playwright turns it off by default)."""
    b = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                    ignore_default_args=["--disable-back-forward-cache"])
    yield b
    b.close()


def test_back_forward_cache_ends_the_session_once_and_says_so(bfcache_browser, site, package, minimal):  # type: ignore[no-untyped-def]
    course, module = minimal
    context = bfcache_browser.new_context(viewport={"width": 1280, "height": 900})
    page, frame = launch(context, site, package)
    Learner(frame, course, module).play(upto=1)

    page.goto(f"{site.url}/pkg/")  # the learner follows a link away from the LMS page
    page.go_back(wait_until="commit")  # a restore from the cache fires no load event
    # Playwright loses track of frames restored from the cache: read the SCO through its
    # LMS page (same origin), as the LMS itself could.
    sco = "document.querySelector('iframe').contentWindow"
    page.wait_for_function(f"() => {sco}.SB && {sco}.SB.player.view === 'exited'")
    # Restored, not reloaded: the same player, finished by pagehide, now telling the learner.
    assert page.evaluate(f"{sco}.SB.player.finished")
    assert page.evaluate(f"{sco}.document.querySelector('#sb-notice').dataset.kind") == "ended"
    assert page.evaluate(f"[...{sco}.document.querySelectorAll('.sb-pager button')].every(b => b.disabled)")

    log = api_log(page)
    fns = [e["fn"] for e in log]
    assert fns.count("LMSInitialize") == 1 and fns.count("LMSFinish") == 1
    assert fns[-1] == "LMSFinish"  # nothing after the end of the session, even on return
    assert cmi(page)["core"]["exit"] == "suspend"
    assert cmi(page)["core"]["lesson_location"] == module.lessons[0].id
    assert [e for e in log if e["error"] != "0"] == []
    assert page.errors == []
    context.close()
