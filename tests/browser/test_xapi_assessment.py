"""Issue 12 for cmi5: the same flows as test_assessment.py, against the project's test LMS
and a real LRS (tests/xapi), every statement checked by xapi-validation and the cmi5 rules.

cmi5 §9.3: in one session at most one of passed/failed; in a registration at most one
passed and no failed after it. So a failed a retake may still turn around waits for the
end of the session, and a learner who fails, leaves and comes back to retake sends failed
in the first session and passed in the second.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.browser.learner import Learner, Plan, check_lessons
from tests.browser.test_xapi import course, exit_to_lms, launch_cmi5, module13, packages, verbs  # noqa: F401
from tests.xapi import cmi5_rules
from tests.xapi.cmi5_rules import has_verb
from tests.xapi.fixtures import lms, ralph, ralph_or_reason, xapi_validator  # noqa: F401
from tests.xapi.lms import TestLMS

pytestmark = pytest.mark.browser
MASTERY = 0.75


def graded(stmts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [st for st in stmts if has_verb(st, "passed") or has_verb(st, "failed")]


def with_score(stmts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [st for st in stmts if "score" in st.get("result", {})]


def open_au(context: Any, lms: TestLMS, packages: Any, **options: Any) -> tuple[Any, Any]:
    launch = launch_cmi5(lms, packages, mastery_score=MASTERY, move_on="CompletedAndPassed", **options)
    page = context.new_page()
    page.goto(launch.url)
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    return launch, page


def test_a_leaving_early_sends_no_verdict_and_no_score(lms: TestLMS, xapi_validator, packages, context,
                                                      course, module13) -> None:
    launch, page = open_au(context, lms, packages)
    last = module13.checks[-1]
    learner = Learner(page, course, module13, Plan(reflection_chars=40))
    learner.answer_wrong_once(last)  # three checks right, then the last wrong: a try left
    exit_to_lms(page, lms, launch)
    stmts = lms.statements_for(launch.registration)
    assert xapi_validator(stmts) == []
    assert cmi5_rules.check(stmts, launch.session) == []
    said = Counter(verbs(stmts))
    assert said["answered"] == len(module13.checks)  # every try, none lost
    assert said["completed"] == 0 and graded(stmts) == [] and with_score(stmts) == []


def test_b_try_again_then_right_passes_with_one_answered_per_try(lms: TestLMS, xapi_validator, packages,
                                                                context, course, module13) -> None:
    launch, page = open_au(context, lms, packages)
    learner = Learner(page, course, module13, Plan(then_right={c.id for c in module13.checks}, reflection_chars=40))
    learner.play()
    exit_to_lms(page, lms, launch)
    stmts = lms.statements_for(launch.registration)
    assert xapi_validator(stmts) == []
    assert cmi5_rules.check(stmts, launch.session, expect_satisfied=True) == []
    answered = [st for st in stmts if has_verb(st, "answered")]
    assert [st["result"]["success"] for st in answered] == [False, True] * len(module13.checks)
    assert [v for v in verbs(stmts) if v in ("passed", "failed")] == ["passed"]
    assert graded(stmts)[0]["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}


def test_c_failed_then_retake_in_a_later_session_passes(lms: TestLMS, xapi_validator, packages, context,
                                                        course, module13) -> None:
    checks = module13.checks
    first, page = open_au(context, lms, packages)
    learner = Learner(page, course, module13, Plan(wrong={checks[0].id, checks[1].id}, reflection_chars=40))
    learner.play()
    learner.next()
    assert page.is_visible('[data-action="retake"]')
    exit_to_lms(page, lms, first)  # leaves failed: the failed goes with the session's end
    page.close()
    failed = graded(lms.statements_for(first.registration))
    assert [has_verb(st, "failed") for st in failed] == [True]
    assert failed[0]["result"]["score"]["raw"] == 50 and failed[0]["result"]["success"] is False

    again, page2 = open_au(context, lms, packages, registration=first.registration, actor=first.actor)
    back = Learner(page2, course, module13, Plan(reflection_chars=40))
    page2.evaluate("SB.player.show('end')")
    page2.focus('[data-action="retake"]')
    page2.keyboard.press("Enter")
    assert back.view() == check_lessons(module13)[0]
    back.play_rest()
    exit_to_lms(page2, lms, again)
    stmts = lms.statements_for(first.registration)
    assert xapi_validator(stmts) == []
    assert cmi5_rules.check(stmts, [first.session, again.session], expect_satisfied=True) == []
    assert [v for v in verbs(stmts) if v in ("passed", "failed", "completed")] == ["completed", "failed", "passed"]
    passed = graded(stmts)[-1]
    assert passed["result"]["score"]["raw"] == 100
    assert passed["context"]["registration"] == first.registration
    # every try of both attempts: 2 × 2 wrong + 2 right, then 4 right
    assert Counter(verbs(stmts))["answered"] == 2 * 2 + 2 + len(checks)


def test_c_failed_retake_and_pass_in_one_session_sends_only_passed(lms: TestLMS, xapi_validator, packages,
                                                                   context, course, module13) -> None:
    checks = module13.checks
    launch, page = open_au(context, lms, packages)
    learner = Learner(page, course, module13, Plan(wrong={checks[0].id, checks[1].id}, reflection_chars=40))
    learner.play()
    learner.next()
    page.click('[data-action="retake"]')
    learner.plan = Plan(reflection_chars=40)
    learner.play_rest()
    exit_to_lms(page, lms, launch)
    stmts = lms.statements_for(launch.registration)
    assert xapi_validator(stmts) == []
    # cmi5 §9.3: one of passed/failed per session — the failed a retake turned around is not sent.
    assert cmi5_rules.check(stmts, launch.session, expect_satisfied=True) == []
    assert [v for v in verbs(stmts) if v in ("passed", "failed")] == ["passed"]


def test_d_relaunch_in_the_middle_of_a_retry_resumes_it(lms: TestLMS, xapi_validator, packages, context,
                                                        course, module13) -> None:
    check = module13.checks[0]
    at = check_lessons(module13)[0]
    first, page = open_au(context, lms, packages)
    learner = Learner(page, course, module13, Plan(reflection_chars=40))
    wrong = learner.answer_wrong_once(check)
    exit_to_lms(page, lms, first)
    page.close()

    fresh = context.browser.new_context()  # another browser: only the LRS remembers
    again = launch_cmi5(lms, packages, mastery_score=MASTERY, move_on="CompletedAndPassed",
                        registration=first.registration, actor=first.actor)
    page2 = fresh.new_page()
    page2.goto(again.url)
    back = Learner(page2, course, module13, Plan(reflection_chars=40))
    back.wait_ready()
    form = f"#sb-q-{check.id}"
    assert back.view() == at
    assert page2.is_checked(f"{form}-{wrong}") and page2.is_visible(f'{form} [data-action="retry"]')
    assert "1 try left" in page2.inner_text(f"{form} .sb-feedback")
    back.play_rest()  # "Try again", then right
    exit_to_lms(page2, lms, again)
    fresh.close()
    stmts = lms.statements_for(first.registration)
    assert xapi_validator(stmts) == []
    assert cmi5_rules.check(stmts, [first.session, again.session], expect_satisfied=True) == []
    answered = [st["result"]["success"] for st in stmts if has_verb(st, "answered")]
    assert answered == [False] + [True] * len(module13.checks)
    assert graded(stmts)[0]["result"]["score"]["raw"] == 100
