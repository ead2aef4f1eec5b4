"""Issue 15 item 8: where focus goes after Submit, by keyboard only, in real Chromium.

A wrong answer with a try left: focus on "Try again" (the control that replaces Submit). A
final answer (right, out of tries, or an opinion): Submit is hidden and there is no "Try
again", so focus moves to the check's feedback (tabindex="-1"), which holds the verdict —
never to <body> (WCAG 2.4.3 Focus Order). Focus on the feedback is announced by focus alone:
the feedback is not a live region at that moment (aria-live="off"), so a screen reader does
not read it twice. The focus ring is the player's blue one, and axe stays clean.

Every question type (tests/roots/questions: matching, ordering, fill-in, numeric, likert, a
shuffled single choice) and, on module 13 after "Retake the checks", single, matching and
multiple choice.
"""
from __future__ import annotations

from typing import Any

import pytest

from scormbuild import model as m
from scormbuild.load import load_course

from .conftest import ROOT, Site, build_module
from .test_accessibility import axe, describe
from .test_assessment import ANSWER_WRONG, check_lessons
from .test_keyboard import KeyboardLearner
from .test_questions import ANSWERS, keyboard_answer, kinds  # noqa: F401

pytestmark = pytest.mark.browser

# The focused element, as the learner meets it: which check's feedback (if any), its text,
# whether it is a live region now, and whether its focus ring is the player's --sb-focus.
FOCUSED = """() => {
  const el = document.activeElement;
  const probe = document.createElement('i');
  probe.style.color = 'var(--sb-focus)';
  document.body.append(probe);
  const blue = getComputedStyle(probe).color;
  probe.remove();
  const st = getComputedStyle(el);
  return {
    feedback: el.matches('.sb-feedback') ? el.closest('form').dataset.check : null,
    action: el.dataset ? el.dataset.action || null : null,
    tag: el.tagName,
    text: el.innerText,
    live: el.getAttribute('aria-live'),
    ring: el.matches(':focus-visible') && st.outlineStyle === 'solid' && parseFloat(st.outlineWidth) >= 2
          && st.outlineColor === blue,
  };
}"""


def focused(frame: Any) -> dict[str, Any]:
    return frame.evaluate(FOCUSED)


def open_page(context: Any, site: Site, package: str) -> Any:
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(site.package_url(package))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    return page


def assert_on_feedback(frame: Any, check_id: str, verdict: str) -> None:
    got = focused(frame)
    assert got["feedback"] == check_id, f"after the final answer to {check_id} focus is on {got}"
    assert got["text"].startswith(verdict), got
    assert got["live"] == "off", "a focused feedback that is also a live region is read twice"
    assert got["ring"], f"no blue focus ring on the feedback of {check_id}: {got}"


def assert_on_try_again(frame: Any, check_id: str) -> None:
    got = focused(frame)
    assert got["action"] == "retry", f"after a wrong answer to {check_id} focus is on {got}"
    fb = frame.locator(f"#sb-q-{check_id} .sb-feedback")
    assert "1 try left" in fb.inner_text()
    assert fb.get_attribute("aria-live") == "polite"  # focus is elsewhere: the live region says it


@pytest.fixture(scope="module")
def questions(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    from .test_questions import COURSE, MODULE

    site.add_package("fb-questions", build_module(COURSE, MODULE, tmp_path_factory.mktemp("fbq")))
    return "fb-questions"


def test_every_type_final_answer_focuses_its_feedback(context, site, questions, kinds) -> None:  # type: ignore[no-untyped-def]
    page = open_page(context, site, questions)
    frame = page.main_frame
    frame.focus('.sb-pager [data-action="next"]')
    page.keyboard.press("Enter")
    for check in kinds.checks:
        wrong, right = ANSWERS[check.id]
        if wrong is not None:
            keyboard_answer(frame, check, wrong)
            assert_on_try_again(frame, check.id)
            page.keyboard.press("Enter")  # "Try again"
        keyboard_answer(frame, check, right)
        assert_on_feedback(frame, check.id, "Thank you" if check.scored is False else "Correct.")
    found = {"final, feedback focused": axe(page)}
    assert not any(found.values()), describe(found)
    assert page.errors == []
    page.close()


def test_out_of_tries_focuses_the_feedback_with_the_verdict(context, site, questions, kinds,  # type: ignore[no-untyped-def]
                                                            artifacts) -> None:
    page = open_page(context, site, questions)
    frame = page.main_frame
    frame.focus('.sb-pager [data-action="next"]')
    page.keyboard.press("Enter")
    check = next(c for c in kinds.checks if c.type == "single")
    keyboard_answer(frame, check, ANSWERS[check.id][0])
    assert_on_try_again(frame, check.id)
    page.keyboard.press("Enter")
    keyboard_answer(frame, check, ANSWERS[check.id][0])  # wrong again: no try left
    assert_on_feedback(frame, check.id, "Incorrect.")
    frame.locator(f"#sb-q-{check.id}").screenshot(path=str(artifacts / "feedback-focus.png"))  # the blue ring
    # Tab goes on from the feedback to what follows the check, as reading order does.
    page.keyboard.press("Tab")
    assert focused(frame)["feedback"] is None
    assert page.errors == []
    page.close()


@pytest.fixture(scope="module")
def module13() -> m.Module:
    course, diags = load_course(ROOT / "course")
    assert course is not None, diags
    return next(mod for mod in course.modules if mod.id == "goal-planning")


@pytest.fixture(scope="module")
def assessment(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("fb-assessment", build_module(ROOT / "course", "goal-planning", tmp_path_factory.mktemp("fba")))
    return "fb-assessment"


def choose_wrong_by_keyboard(kb: KeyboardLearner, check: m.KnowledgeCheck) -> None:
    """Focus is on the check's first radio: pick the first wrong choice, submit from the button."""
    order = kb.f.eval_on_selector_all(f"#sb-q-{check.id} input", "is => is.map(i => i.value)")
    wrong = next(c.id for c in check.choices if not c.correct)
    kb.press("Space")
    for _ in range(order.index(wrong)):
        kb.press("ArrowDown")
    assert kb.tab()[1] == "BUTTON"
    kb.press("Enter")


def test_after_a_retake_final_answers_focus_their_feedback(context, site, assessment, module13) -> None:  # type: ignore[no-untyped-def]
    page = open_page(context, site, assessment)
    frame = page.main_frame
    assert page.evaluate(ANSWER_WRONG, True)[1] == 1  # every check final and wrong: failed, retake offered
    frame.evaluate("SB.player.show('end')")
    frame.focus('[data-action="retake"]')
    page.keyboard.press("Enter")
    assert frame.evaluate("SB.player.view") == check_lessons(module13)[0]
    # Every check open again, its feedback a live region again (for "choose an answer first").
    assert frame.eval_on_selector_all(".sb-feedback", "fs => [...new Set(fs.map(f => f.getAttribute('aria-live')))]") \
        == ["polite"]
    kb = KeyboardLearner(page, frame, module13)
    first = module13.checks[0]
    assert first.type == "single"
    frame.focus(f"#sb-q-{first.id} input")
    choose_wrong_by_keyboard(kb, first)
    assert_on_try_again(frame, first.id)
    kb.press("Enter")  # "Try again": focus back on the first choice
    kb.answer(first)
    assert_on_feedback(frame, first.id, "Correct.")
    assert {c.type for c in module13.checks} >= {"single", "matching", "multiple"}
    for check in module13.checks[1:]:
        frame.evaluate("i => SB.player.show(i)", next(
            i for i, lesson in enumerate(module13.lessons) if check in lesson.blocks))
        frame.focus(f"#sb-q-{check.id} input, #sb-q-{check.id} select")
        kb.answer(check)
        assert_on_feedback(frame, check.id, "Correct.")
    found = {"retaken, feedback focused": axe(page)}
    assert not any(found.values()), describe(found)
    assert page.errors == []
    page.close()
