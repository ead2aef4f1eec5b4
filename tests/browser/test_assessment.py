"""Issue 12: assessment a coordinator can trust — module 13 in Chromium inside scorm-again.

(a) leaving after some checks leaves the LMS with incomplete and no score, and every try
recorded; (b) wrong, "Try again", right on every check → passed with the counted score, one
interaction per try; (c) tries used up → failed, "Retake the checks" → passed; (d) a reload
in the middle of a retry resumes it. Throughout, the CMI data the LMS held at every commit
is replayed from scorm-again's call log: a score or passed/failed never reached it before
the module's result was final.
"""
from __future__ import annotations

from typing import Any

import pytest

from .learner import Learner, Plan, check_lessons
from .test_scorm12 import api_log, cmi, launch, resume_data

pytestmark = pytest.mark.browser

VERDICTS = ("passed", "failed", "completed")


def committed(log: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The SCO's core data as the LMS held it at each LMSCommit/LMSFinish (replayed)."""
    held: dict[str, str] = {}
    seen = []
    for entry in log:
        if entry["fn"] == "LMSSetValue" and entry["ret"] == "true":
            held[entry["args"][0]] = entry["args"][1]
        elif entry["fn"] in ("LMSCommit", "LMSFinish"):
            seen.append(dict(held))
    return seen


def assert_never_graded_early(log: list[dict[str, Any]]) -> None:
    """No commit carried a score without a final status, nor a status the module had not reached."""
    for held in committed(log):
        status, raw = held.get("cmi.core.lesson_status", ""), held.get("cmi.core.score.raw", "")
        assert raw == "" or status in VERDICTS, held


def interactions(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [data["interactions"][str(n)] for n in range(len(data["interactions"]))]


def test_a_leaving_after_some_checks_leaves_incomplete_and_no_score(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    checks = module13.checks
    # The case: the first three checks right, the fourth tried once, wrong (a try
    # left); the learner leaves after lesson 10 of 24. Before issue 12: passed, 75.
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(reflection_chars=40))
    last = checks[-1]
    learner.answer_wrong_once(last)
    assert frame.is_visible(f'#sb-q-{last.id} [data-action="retry"]')
    assert "1 try left" in frame.inner_text(f"#sb-q-{last.id} .sb-feedback")
    page.evaluate("document.querySelector('iframe').remove()")  # the learner closes the activity

    data = cmi(page)
    core = data["core"]
    assert core["lesson_status"] == "incomplete"
    assert core["score"]["raw"] == ""
    assert core["exit"] == "suspend"
    # No try lost: one interaction per submission, the last one wrong.
    assert [i["id"] for i in interactions(data)] == [c.id for c in checks]
    assert [i["result"] for i in interactions(data)] == ["correct"] * 3 + ["wrong"]
    assert_never_graded_early(api_log(page))
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    page.close()


def test_a_every_check_final_but_lessons_left_still_no_score(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package)
    Learner(frame, course, module13, Plan(reflection_chars=40)).play(upto=check_lessons(module13)[-1] + 2)
    page.evaluate("document.querySelector('iframe').remove()")
    core = cmi(page)["core"]
    assert (core["lesson_status"], core["score"]["raw"], core["exit"]) == ("incomplete", "", "suspend")
    assert_never_graded_early(api_log(page))
    page.close()


def test_b_try_again_then_right_everywhere_passes_with_every_try_recorded(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    checks = module13.checks
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(then_right={c.id for c in checks}, reflection_chars=40))
    learner.play()
    learner.next()
    assert frame.inner_text(".sb-status").endswith("Passed")
    assert not frame.locator('[data-action="retake"]').count()  # passed: nothing to retake
    learner.exit()

    data = cmi(page)
    # The counted answer of each check is its last, final one: all right.
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"]) == ("passed", "100")
    recs = interactions(data)
    assert [r["id"] for r in recs] == [c.id for c in checks for _ in (1, 2)]
    assert [r["result"] for r in recs] == ["wrong", "correct"] * len(checks)
    assert learner.tries == {c.id: 2 for c in checks}
    assert_never_graded_early(api_log(page))
    page.close()


def test_c_tries_used_up_fail_then_retake_passes(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    checks = module13.checks
    missed = {checks[0].id, checks[1].id}  # 2 of 4 right: 50 %, under the 75 % pass mark
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(wrong=missed, reflection_chars=40))
    learner.play()
    # Out of tries, the check is final: locked, no "Try again", the right answer shown.
    first = checks[0]
    assert frame.locator(f'#sb-q-{first.id} [data-action="retry"]').is_hidden()
    assert frame.locator(f"#sb-q-{first.id} input:not([disabled])").count() == 0
    right = first.correct_ids[0]
    assert "correct answer" in frame.inner_text(f'#sb-q-{first.id} [data-choice="{right}"]')
    learner.next()
    assert frame.inner_text(".sb-status").endswith("Not passed")
    stored = cmi(page)["core"]
    assert (stored["lesson_status"], stored["score"]["raw"]) == ("failed", "50")

    # Keyboard only: focus the retake control and press Enter.
    frame.focus('[data-action="retake"]')
    frame.page.keyboard.press("Enter")
    assert learner.view() == check_lessons(module13)[0]
    stored = cmi(page)["core"]
    # A new attempt is under way: no grade until it is final (the old 50 is blanked).
    assert (stored["lesson_status"], stored["score"]["raw"]) == ("incomplete", "")
    # The learner's own words stay through a retake: on the page and in the saved state.
    shown = frame.evaluate("""() => Object.fromEntries([...document.querySelectorAll('textarea[data-prompt]')]
        .filter(t => t.value).map(t => [t.dataset.prompt, t.value]))""")
    assert shown == {k: v for k, v in learner.written.items() if "." in k}
    saved = frame.evaluate("d => SB.codec.decode(d).reflections", cmi(page)["suspend_data"])
    assert saved == shown
    learner.plan = Plan(reflection_chars=40)  # this time every answer right
    learner.play_rest()
    assert frame.inner_text(".sb-status").endswith("Passed")
    learner.exit()

    data = cmi(page)
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"], data["core"]["exit"]) == ("passed", "100", "")
    # Every try of both attempts: 2 × 2 wrong + 2 right, then 4 right.
    assert len(interactions(data)) == 2 * 2 + 2 + len(checks)
    state = frame.evaluate("d => SB.codec.decode(d)", data["suspend_data"])
    assert state["retakes"] == 1 and state["best"] == 50
    assert_never_graded_early(api_log(page))
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    page.close()


def test_d_reload_in_the_middle_of_a_retry_resumes_it(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    check = module13.checks[0]
    at = check_lessons(module13)[0]
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(reflection_chars=40))
    wrong = learner.answer_wrong_once(check)
    page.evaluate("document.querySelector('iframe').remove()")
    first = cmi(page)
    assert len(first["interactions"]) == 1

    page2, frame2 = launch(context, site, package, initial=resume_data(first))
    assert frame2.evaluate("SB.player.view") == at
    form = f"#sb-q-{check.id}"
    # The retry is where it was: the wrong answer shown, one try left, "Try again" offered.
    assert frame2.is_checked(f"{form}-{wrong}")
    assert "1 try left" in frame2.inner_text(f"{form} .sb-feedback")
    assert frame2.is_visible(f'{form} [data-action="retry"]')
    frame2.focus(f'{form} [data-action="retry"]')
    frame2.page.keyboard.press("Enter")
    assert frame2.evaluate("document.activeElement.id") == f"sb-q-{check.id}-{check.choices[0].id}"
    frame2.check(f"{form}-{check.correct_ids[0]}")
    frame2.click(f"{form} button[type=submit]")
    assert frame2.is_hidden(f'{form} [data-action="retry"]')
    resumed = Learner(frame2, course, module13, Plan(reflection_chars=40))
    resumed.play_rest()
    resumed.exit()
    data = cmi(page2)
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"]) == ("passed", "100")
    state = frame2.evaluate("d => SB.codec.decode(d)", data["suspend_data"])
    assert state["tries"] == {check.id: 2}
    assert_never_graded_early(api_log(page2))
    page2.close()
    page.close()


# Inside the page: every part revealed, every check answered wrong once (its "Try again"
# and tries-left feedback showing); `final` then uses up the tries of every check.
ANSWER_WRONG = """final => {
  const P = SB.player;
  document.querySelectorAll('[data-action="continue"]').forEach(b => b.click());
  const wrongOnce = c => {
    const form = document.getElementById('sb-q-' + c.id);
    const selects = form.querySelectorAll('select');  // matching: every row to the first target, wrong
    if (selects.length) selects.forEach(s => { s.selectedIndex = 1; });
    else form.querySelector('input[value="' + c.choices.find(x => !c.correct.includes(x)) + '"]').checked = true;
    form.requestSubmit();
    return form;
  };
  P.cfg.checks.forEach(c => {
    const form = wrongOnce(c);
    if (final) { form.querySelector('[data-action="retry"]').click(); wrongOnce(c); }
  });
  P.cfg.lessons.forEach(l => { if (!P.state.visited.includes(l.id)) P.state.visited.push(l.id); });
  P.renderSummary();
  return [document.querySelectorAll('.sb-check [data-action="retry"]:not([hidden])').length,
          document.querySelectorAll('[data-action="retake"]').length];
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_retry_and_retake_states_pass_axe(context, site, package, width) -> None:  # type: ignore[no-untyped-def]
    from .test_accessibility import ALL_VIEWS, axe, describe

    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.package_url(package))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    page.add_style_tag(content=ALL_VIEWS)
    checks = page.evaluate("SB.player.cfg.checks.length")
    assert page.evaluate(ANSWER_WRONG, False) == [checks, 0]  # every check offers "Try again"
    found = {"retry": axe(page)}
    assert page.evaluate(ANSWER_WRONG, True) == [0, 1]  # all final, all wrong: failed, retake offered
    found["retake"] = axe(page)
    assert not any(found.values()), describe(found)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


# The runtime's own rules (SB.summarize) on module 13's config: 2 of 4 right.
SUMMARY = """([counts, best]) => {
  const cfg = Object.assign({}, SB.player.cfg, {counts: counts});
  const state = SB.emptyState();
  state.visited = cfg.lessons.map(l => l.id);
  cfg.checks.forEach((c, i) => { state.answers[c.id] = i < 2 ? c.correct.join(',') : 'zz'; state.tries[c.id] = 2; });
  state.best = best;
  const s = SB.summarize(cfg, state, 75);
  return [s.status, s.score, s.own];
}"""


def test_counts_last_or_best_decides_the_score_after_a_retake(context, site, package) -> None:  # type: ignore[no-untyped-def]
    """course `counts`: "last" reports the last complete attempt's score, "best" the best one."""
    page = context.new_page()
    page.goto(site.package_url(package))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    assert page.evaluate(SUMMARY, ["last", 100]) == ["failed", 50, 50]
    assert page.evaluate(SUMMARY, ["best", 100]) == ["passed", 100, 50]
    assert page.evaluate(SUMMARY, ["best", 25]) == ["failed", 50, 50]
    page.close()


def test_review_mode_shows_a_failed_result_but_offers_no_retry_or_retake(context, site, package,  # type: ignore[no-untyped-def]
                                                                                 course, module13):
    """RTE 3.4.4 lesson_mode "review": the saved answers and result are shown; no "Try
    again", no "Retake the checks", nothing written."""
    checks = module13.checks
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(wrong={checks[0].id, checks[1].id}, reflection_chars=40))
    learner.play()
    learner.next()
    assert frame.is_visible('[data-action="retake"]')
    learner.exit()
    failed = cmi(page)
    page.close()

    before = resume_data(failed)
    before["core"].update(lesson_mode="review", entry="")
    page2, frame2 = launch(context, site, package, initial=before)
    assert frame2.evaluate("SB.player.mode") == "review"
    frame2.evaluate("SB.player.show('end')")
    assert frame2.inner_text(".sb-status").endswith("Not passed")
    assert not frame2.locator('[data-action="retake"]').count()
    assert frame2.evaluate("[...document.querySelectorAll('.sb-check [data-action=retry]')].every(b => b.hidden)")
    assert frame2.evaluate("[...document.querySelectorAll('.sb-check select, .sb-check input')].every(i => i.disabled)")
    frame2.click('.sb-tools [data-action="exit"]')
    written = {e["args"][0] for e in api_log(page2) if e["fn"] == "LMSSetValue"}
    assert not written & {"cmi.core.lesson_status", "cmi.core.score.raw"}
    page2.close()
