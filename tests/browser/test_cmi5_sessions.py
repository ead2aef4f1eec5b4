"""cmi5 sessions a real cmi5 LMS accepts (issue #18), and launches that cannot be read (#13).

The LMS is the project's test LMS (tests/xapi/lms.py), which enforces what ADL's CATAPULT
player enforces: a token good for its own session only, the launch actor exactly, nothing
before "initialized" (cmi5 7.1.1) or after "terminated" (9.3.8), and "abandoned" recorded
by the LMS for a session left without "terminated" (9.3.6). Statements are stored by Ralph
and checked by xapi-validation and the cmi5 rules. The package is tests/roots/minimal
(two lessons, two knowledge checks), so each flow is short.

Headless Chromium never makes a page hidden (w3c/webdriver#1718, puppeteer#3700): the
"close after going hidden" flow makes document.visibilityState read "hidden" in the page
and fires visibilitychange there; every other way of leaving is a real browser event
(navigation, reload, closing the page with its unload steps).
"""
from __future__ import annotations

import json
import time
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scormbuild import model as m
from scormbuild.load import load_course
from scormbuild.pipeline import build
from tests.browser.learner import Learner
from tests.conftest import ROOTS
from tests.xapi import cmi5_rules
from tests.xapi.cmi5_rules import EXT_SESSION, verb_name
from tests.xapi.fixtures import lms, ralph, ralph_or_reason, xapi_validator  # noqa: F401
from tests.xapi.launch import Cmi5Launch
from tests.xapi.lms import TestLMS

pytestmark = pytest.mark.browser
MINIMAL = ROOTS / "minimal"
MODULE = "basics"
PUBLISHER = "https://example.org/courses/minimal/basics"
STATE_ID = "https://scormbuild.invalid/xapi/state/learner"


@pytest.fixture(scope="module")
def minimal() -> tuple[m.Course, m.Module]:
    course, _ = load_course(MINIMAL)
    assert course is not None
    return course, course.modules[0]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("sessions")
    result = build(MINIMAL, out / "zips", formats=("cmi5", "tincan"), modules=(MODULE,))
    assert result.ok, result.diagnostics
    folders = {}
    for built in result.built:
        folders[built.standard] = out / built.standard
        with zipfile.ZipFile(built.path) as zf:
            zf.extractall(folders[built.standard])
    return folders


@pytest.fixture
def errors(context: Any) -> Iterator[list[str]]:
    """Uncaught errors of every page of the context: a launch problem must not throw."""
    found: list[str] = []
    context.on("page", lambda page: page.on("pageerror", lambda e: found.append(str(e))))
    yield found


def launch(lms: TestLMS, packages: dict[str, Path], **options: Any) -> Cmi5Launch:
    base = lms.mount("cmi5", packages["cmi5"])
    return lms.cmi5_launch(f"{base}{MODULE}/index.html", publisher_id=PUBLISHER, **options)


def again(lms: TestLMS, packages: dict[str, Path], first: Cmi5Launch, **options: Any) -> Cmi5Launch:
    """The LMS launches the same registration again: a new session."""
    return launch(lms, packages, registration=first.registration, actor=first.actor, **options)


def session_verbs(lms: TestLMS, one: Cmi5Launch) -> list[str]:
    return [verb_name(st) for st in lms.statements_for(one.registration, one.session_id)
            if verb_name(st) not in cmi5_rules.LMS_VERBS]


def learner_state(lms: TestLMS, one: Cmi5Launch) -> Any:
    return lms.state(one.activity_id, one.actor, STATE_ID, one.registration)


def requests_with_token(lms: TestLMS, one: Cmi5Launch) -> list[Any]:
    """Requests made with this launch's session token."""
    return [r for r in lms.requests
            if lms.authorize(r.headers.get("authorization")) == f"token:{one.key}"]


def terminated(lms: TestLMS, one: Cmi5Launch, timeout: float = 20) -> None:
    lms.wait_until(lambda: "terminated" in session_verbs(lms, one), timeout)


def exit_to_lms(page: Any, lms: TestLMS, one: Cmi5Launch) -> None:
    page.click('.sb-tools [data-action="exit"]')
    terminated(lms, one)
    page.wait_for_url("**/lms/returned/**", timeout=20_000)
    page.wait_for_load_state("load")


def hide(page: Any) -> None:
    """The page goes out of sight (see the module docstring: headless cannot do it for real)."""
    page.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
        Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")


LEAVE = {
    "navigate": lambda page: page.goto("about:blank"),
    "reload": lambda page: page.reload(),
    "close-visible": lambda page: page.close(run_before_unload=True),
    "close-hidden": lambda page: (hide(page), page.close(run_before_unload=True)),
}


@pytest.mark.parametrize("how", list(LEAVE))
def test_leaving_the_page_ends_the_session_with_terminated_last_and_the_state_saved(
        how: str, lms: TestLMS, xapi_validator, packages, context, minimal, errors) -> None:
    one = launch(lms, packages, mastery_score=0.5)
    page = context.new_page()
    page.goto(one.url)
    learner = Learner(page, *minimal)
    learner.wait_ready()
    learner.play()
    last_lesson = minimal[1].lessons[-1].id
    LEAVE[how](page)
    terminated(lms, one)
    lms.wait_until(lambda: (learner_state(lms, one) or {}).get("location") == last_lesson, 10)

    stmts = lms.statements_for(one.registration, one.session_id)
    said = session_verbs(lms, one)
    assert said[0] == "initialized" and said[-1] == "terminated" and said.count("terminated") == 1
    assert {"completed", "passed"} <= set(said)
    assert lms.session(one).refused == []  # nothing before initialized or after terminated
    assert cmi5_rules.check(lms.statements_for(one.registration), one.session, expect_satisfied=True) == []
    assert xapi_validator(stmts) == []
    assert learner_state(lms, one)["status"] == "passed"
    if how == "reload":
        # The reloaded page belongs to a session that has ended: it shows the module and
        # says it is not recording, and sends nothing (cmi5 9.3.8).
        learner.wait_ready()
        assert learner.tracker() == "standalone"
        page.wait_for_selector('#sb-notice[data-kind="ended"]')
        learner.next()
        assert lms.session(one).refused == [] and session_verbs(lms, one) == said
    assert errors == []


# A closing page's last requests (fetch keepalive, sendBeacon) leave after page.close()
# returns, and a refused connection leaves no trace the LMS could be polled for: the network
# stays gone this long after the close, so that they meet the outage and not the LMS back up.
CLOSING_REQUESTS_SECONDS = 1.0


def close_offline(page) -> None:  # type: ignore[no-untyped-def]
    """Close the tab while the network is gone (inside an outage window), as a learner does."""
    page.close(run_before_unload=True)
    time.sleep(CLOSING_REQUESTS_SECONDS)


def test_relaunch_after_a_lost_terminated_sends_no_old_statement(
        lms: TestLMS, xapi_validator, packages, context, minimal) -> None:
    first = launch(lms, packages)
    page = context.new_page()
    page.goto(first.url)
    learner = Learner(page, *minimal)
    learner.wait_ready()
    learner.play(upto=1)
    lms.wait_until(lambda: "experienced" in session_verbs(lms, first))
    with lms.outage_window("refuse"):  # the network is gone as the learner closes the tab
        learner.next()
        close_offline(page)
    assert "terminated" not in session_verbs(lms, first)

    second = again(lms, packages, first)  # the LMS: the first session is abandoned (9.3.6)
    assert lms.session(first).abandoned
    page2 = context.new_page()  # the same browser: the first session's outbox is still there
    page2.goto(second.url)
    back = Learner(page2, *minimal)
    back.wait_ready()
    assert back.tracker() == "cmi5"
    left = page2.evaluate("""() => Object.keys(localStorage).filter(k => k.startsWith('scormbuild:outbox:'))
                             .map(k => JSON.parse(localStorage.getItem(k)))""")
    assert [box["session"] for box in left] == [second.session_id]  # the old one is gone
    back.next()
    exit_to_lms(page2, lms, second)

    # Not one request of the second session carried a statement of the first.
    for request in requests_with_token(lms, second):
        if request.path.endswith("/statements") and request.method in ("POST", "PUT"):
            body = request.json()
            for st in body if isinstance(body, list) else [body]:
                assert st["context"]["extensions"][EXT_SESSION] == second.session_id
    assert lms.session(second).refused == []
    assert session_verbs(lms, second)[0] == "initialized" and session_verbs(lms, second)[-1] == "terminated"
    assert "terminated" not in session_verbs(lms, first)
    every = lms.statements_for(first.registration)
    abandoned = [st for st in every if verb_name(st) == "abandoned"]
    assert [st["context"]["extensions"][EXT_SESSION] for st in abandoned] == [first.session_id]
    assert cmi5_rules.check(every, [first.session, second.session]) == []
    assert xapi_validator(every) == []
    # What could not be delivered is on record in the new session's state.
    record = learner_state(lms, second)["undelivered"]
    assert [r["session"] for r in record] == [first.session_id]
    assert record[0]["verbs"][-1] == "terminated" and record[0]["statements"] == len(record[0]["verbs"])


def test_review_edits_nothing(lms: TestLMS, packages, context, minimal) -> None:
    first = launch(lms, packages)
    page = context.new_page()
    page.goto(first.url)
    learner = Learner(page, *minimal)
    learner.wait_ready()
    learner.play()
    exit_to_lms(page, lms, first)
    before = learner_state(lms, first)

    review = again(lms, packages, first, launch_mode="Review")
    page.goto(review.url)
    looker = Learner(page, *minimal)
    looker.wait_ready()
    assert page.get_attribute("#sb-notice", "data-kind") == "review"
    for index in range(len(minimal[1].lessons)):
        looker.go_to_lesson(index)
        for area in page.locator(".sb-view.is-current textarea").all():
            area.click()
            page.keyboard.type(" and a change")
    page.evaluate("SB.player.show('journal')")
    for area in page.locator(".sb-view.is-current textarea").all():
        area.click()
        page.keyboard.type(" and a change")
    assert page.evaluate("[...document.querySelectorAll('textarea')].every(t => t.readOnly || t.disabled)")
    assert page.evaluate("[...document.querySelectorAll('.sb-view input')].every(i => i.disabled)")
    assert page.evaluate("[...document.querySelectorAll('textarea')].every(t => !t.value.includes('a change'))")
    exit_to_lms(page, lms, review)
    assert session_verbs(lms, review) == ["initialized", "terminated"]
    assert learner_state(lms, review) == before
    writes = [r for r in requests_with_token(lms, review)
              if r.method in ("PUT", "POST") and "/activities/state" in r.path]
    assert writes == []


def test_browse_then_normal_counts_only_work_done_in_normal(lms: TestLMS, packages, context, minimal) -> None:
    course, module = minimal
    browse = launch(lms, packages, launch_mode="Browse")
    page = context.new_page()
    page.goto(browse.url)
    tryer = Learner(page, course, module)
    tryer.wait_ready()
    tryer.play()  # every check answered, every text written: in Browse
    assert page.locator(".sb-check.is-answered").count() == len(module.checks)
    exit_to_lms(page, lms, browse)
    assert session_verbs(lms, browse) == ["initialized", "terminated"]
    assert learner_state(lms, browse) is None
    assert [r for r in requests_with_token(lms, browse)
            if r.method in ("PUT", "POST") and "/activities/state" in r.path] == []

    normal = again(lms, packages, browse)  # the same browser, the same registration
    page.goto(normal.url)
    learner = Learner(page, course, module)
    learner.wait_ready()
    assert page.locator(".sb-check.is-answered").count() == 0  # Browse work is not here
    learner.next()
    lms.wait_until(lambda: "experienced" in session_verbs(lms, normal))
    assert not {"completed", "passed"} & set(session_verbs(lms, normal))
    for index, lesson in enumerate(module.lessons):
        learner.go_to_lesson(index)
        learner.do_lesson(lesson)
    exit_to_lms(page, lms, normal)
    said = session_verbs(lms, normal)
    answered = [i for i, v in enumerate(said) if v == "answered"]
    assert len(answered) == len(module.checks)
    # completed and passed come only once the checks are answered in this Normal session
    assert said.index("completed") > answered[-1] and said.index("passed") > answered[-1]
    assert cmi5_rules.check(lms.statements_for(normal.registration), [browse.session, normal.session],
                            expect_satisfied=True) == []


BAD_ACTOR = {
    "not JSON": "{name: learner",
    "no account": json.dumps({"objectType": "Agent", "name": "Test Learner"}),
    "missing": None,
}


@pytest.mark.parametrize("actor", list(BAD_ACTOR))
def test_a_malformed_cmi5_launch_still_shows_the_module_and_says_so(
        actor: str, lms: TestLMS, packages, context, minimal, errors) -> None:
    one = launch(lms, packages)
    base, query = one.url.split("?", 1)
    params = dict(urllib.parse.parse_qsl(query))
    if BAD_ACTOR[actor] is None:
        del params["actor"]
    else:
        params["actor"] = BAD_ACTOR[actor]
    url = base + "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    page = context.new_page()
    page.goto(url)
    learner = Learner(page, *minimal)
    learner.wait_ready()
    assert learner.tracker() == "standalone"
    page.wait_for_selector('#sb-notice[data-kind="launchError"]')
    learner.play()  # the content renders and works
    assert page.locator(".sb-check.is-answered").count() == len(minimal[1].checks)
    assert lms.fetch_count(one) == 0  # the one fetch of cmi5 8.2 is not spent on a bad launch
    assert session_verbs(lms, one) == []
    assert errors == []


@pytest.mark.parametrize("actor", ["not JSON", "missing"])
def test_a_malformed_tincan_actor_still_shows_the_module(
        actor: str, lms: TestLMS, packages, context, minimal, errors) -> None:
    base = lms.mount("tincan", packages["tincan"])
    one = lms.tincan_launch(f"{base}index.html", PUBLISHER)
    page = context.new_page()
    page.goto(one.url.replace("actor=", "actor=%7Bnope" if actor == "not JSON" else "x-actor="))
    learner = Learner(page, *minimal)
    learner.wait_ready()
    assert learner.tracker() == "standalone"
    page.wait_for_selector('#sb-notice[data-kind="launchError"]')
    learner.play()
    assert lms.statements_for(one.registration) == []
    assert errors == []


@pytest.fixture(scope="module")
def module13_cmi5(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, Any]:
    """Module 13 of the seed course as cmi5: enough text to overflow a keepalive budget."""
    from tests.conftest import REPO

    course, _ = load_course(REPO / "course")
    assert course is not None
    module = next(mod for mod in course.modules if mod.id == "goal-planning")
    out = tmp_path_factory.mktemp("m13")
    result = build(REPO / "course", out / "zips", formats=("cmi5",), modules=(module.id,))
    assert result.ok, result.diagnostics
    with zipfile.ZipFile(result.built[0].path) as zf:
        zf.extractall(out / "cmi5")
    return out / "cmi5", course, module


@pytest.mark.parametrize("carrier", ["keepalive", "beacon"])
def test_closing_with_more_queued_than_keepalive_allows_still_sends_terminated_last(
        carrier: str, lms: TestLMS, module13_cmi5, context) -> None:
    """The LRS answers 503 for the whole module, so everything is still queued when the
    tab closes: more than the 64 KiB a page may have in keepalive requests (Fetch, keepalive).
    What goes out fits the budget, in order, with terminated last in its batch; the rest is
    left to the next launch's record."""
    folder, course, module = module13_cmi5
    if carrier == "beacon":  # a browser without Request.keepalive: sendBeacon, form-encoded
        context.add_init_script("delete Request.prototype.keepalive")
    base = lms.mount("m13", folder)
    one = lms.cmi5_launch(f"{base}{module.id}/index.html",
                          publisher_id="https://example.org/courses/where-we-are-at/goal-planning")
    page = context.new_page()
    page.goto(one.url)
    learner = Learner(page, course, module)
    learner.wait_ready()
    lms.wait_until(lambda: "initialized" in session_verbs(lms, one))
    lms.go_down("503")
    learner.play()
    queued = page.evaluate("() => new TextEncoder().encode(JSON.stringify(SB.player.tracker.outbox.items)).length")
    assert queued > 64 * 1024  # the premise: more than one keepalive budget is waiting
    seen = len(lms.requests)
    page.close(run_before_unload=True)
    # The state PUT and the statements POST travel side by side: wait for both.
    lms.wait_until(lambda: any(r.path.endswith("/statements") and b"/terminated" in r.body
                               for r in lms.requests[seen:]), 20)
    lms.wait_until(lambda: any(r.path.endswith("/activities/state") and r.method == "PUT"
                               for r in lms.requests[seen:]), 20)
    after = [r for r in lms.requests[seen:] if r.method in ("PUT", "POST") and r.path.startswith("/xapi/")]
    closing = next(r for r in after if r.path.endswith("/statements") and b"/terminated" in r.body)
    batch = closing.json()
    assert verb_name(batch[-1]) == "terminated"
    assert [st["timestamp"] for st in batch] == sorted(st["timestamp"] for st in batch)
    state_puts = [r for r in after if r.path.endswith("/activities/state")]
    assert all(r.alternate == (carrier == "beacon") for r in [closing, *state_puts])

    def size(r: Any) -> int:  # what the browser counts: the body as sent
        return len(urllib.parse.quote(r.body, safe="-_.!~*'()")) if r.alternate else len(r.body)

    assert size(closing) + sum(size(r) for r in state_puts) <= 64 * 1024
    assert len(batch) > 1 and state_puts  # the state and as much as fits went along
    lms.come_up()


def test_tincan_relaunch_sends_what_the_last_launch_could_not(lms: TestLMS, packages, context, minimal) -> None:
    """Tin Can has no sessions: a launch with the same credentials sends what the last one
    left queued (the network was gone as the tab closed), before its own, each once."""
    base = lms.mount("tincan", packages["tincan"])
    first = lms.tincan_launch(f"{base}index.html", PUBLISHER)
    page = context.new_page()
    page.goto(first.url)
    learner = Learner(page, *minimal)
    learner.wait_ready()
    lms.wait_for_verb("initialized", registration=first.registration)
    with lms.outage_window("refuse"):
        learner.play()
        close_offline(page)
    assert [verb_name(st) for st in lms.statements_for(first.registration)] == ["initialized"]

    second = lms.tincan_launch(f"{base}index.html", PUBLISHER, registration=first.registration,
                               actor=first.actor)
    page2 = context.new_page()
    page2.goto(second.url)
    Learner(page2, *minimal).wait_ready()
    lms.wait_until(lambda: [verb_name(st) for st in lms.statements_for(first.registration)].count("initialized") == 2)
    said = [verb_name(st) for st in lms.statements_for(first.registration)]
    assert said[said.index("terminated") + 1:] == ["initialized"]  # the old session, then the new
    assert {"experienced", "answered", "completed", "passed"} <= set(said[:said.index("terminated")])
    ids = [st["id"] for st in lms.statements_for(first.registration)]
    assert len(ids) == len(set(ids))


def test_without_fetch_keepalive_the_closing_statements_go_by_beacon(
        lms: TestLMS, xapi_validator, packages, context, minimal) -> None:
    """A browser without Request.keepalive (Firefox before 133): navigator.sendBeacon in the
    xAPI alternate request syntax (Comm 1.3), which the test LMS, like ADL's LRS, accepts."""
    context.add_init_script("delete Request.prototype.keepalive")
    one = launch(lms, packages, mastery_score=0.5)
    page = context.new_page()
    page.goto(one.url)
    learner = Learner(page, *minimal)
    learner.wait_ready()
    assert page.evaluate("!('keepalive' in Request.prototype)")
    learner.play()
    page.goto("about:blank")
    terminated(lms, one)
    beacons = [r for r in lms.requests if r.alternate]
    assert beacons and all(r.method in ("PUT", "POST") for r in beacons)
    closing = next(r for r in beacons if r.path.endswith("/statements") and b"/terminated" in r.body)
    assert verb_name(closing.json()[-1]) == "terminated"
    said = session_verbs(lms, one)
    assert said[0] == "initialized" and said[-1] == "terminated"
    assert lms.session(one).refused == []
    assert cmi5_rules.check(lms.statements_for(one.registration), one.session, expect_satisfied=True) == []
    assert xapi_validator(lms.statements_for(one.registration, one.session_id)) == []


def test_hidden_then_back_goes_on_in_the_same_session(
        lms: TestLMS, xapi_validator, packages, context, minimal) -> None:
    """Hidden may be the last moment (the player saves with reason "hidden"): the queue goes
    at once with keepalive; back in sight, the session simply goes on, nothing twice."""
    one = launch(lms, packages, mastery_score=0.5)
    page = context.new_page()
    page.goto(one.url)
    course, module = minimal
    learner = Learner(page, course, module)
    learner.wait_ready()
    learner.next()
    learner.do_lesson(module.lessons[0])
    hide(page)
    lms.wait_until(lambda: (learner_state(lms, one) or {}).get("location") == module.lessons[0].id)
    lms.wait_until(lambda: "responded" in session_verbs(lms, one))
    page.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'visible'});
        Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    learner.next()
    learner.do_lesson(module.lessons[1])
    assert page.locator('#sb-notice[data-kind="lmsError"]').count() == 0  # waiting is no failure
    exit_to_lms(page, lms, one)
    said = session_verbs(lms, one)
    assert said[0] == "initialized" and said[-1] == "terminated"
    stmts = lms.statements_for(one.registration, one.session_id)
    assert len({st["id"] for st in stmts}) == len(stmts)
    assert lms.session(one).refused == []
    assert cmi5_rules.check(lms.statements_for(one.registration), one.session, expect_satisfied=True) == []
    assert xapi_validator(stmts) == []
