"""Keyboard-only completion of module 13 (issue 4 item 5), in the test LMS (scorm-again).

No clicks and no programmatic navigation: the learner Tabs from the LMS page into the
course, activates the start button, every "continue" and the pager with Enter, ticks
checkboxes with Space, and submits each check from its button. Every Tab stop must show a
visible focus indicator (WCAG 2.4.7) and focus must never land in a hidden view.

The one exception to "Tab, Shift+Tab, Enter, Space": a native radio group is a single Tab
stop (HTML's radio button group behaviour), so choosing its second or third option takes
the arrow keys, exactly as for any keyboard user. Arrow keys are pressed only while a radio
has focus; without them a learner could only ever pick a group's first or last option. The
same goes for a matching check's rows (issue 12): each is a native <select>, whose option
the arrow keys change while it has focus.
"""
from __future__ import annotations

from collections import Counter

import pytest

from scormbuild import model as m

from .test_scorm12 import CMI_TIMESPAN, api_log, cmi, launch

pytestmark = pytest.mark.browser

# What has focus, as the walker needs it: a kind, whether the focus is visible, and a name.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return ['body', true, ''];
  const st = getComputedStyle(el), visible = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2;
  const view = el.closest('.sb-view'), name = el.id || el.getAttribute('data-action') || el.tagName;
  if (view && !view.classList.contains('is-current')) return ['hidden-view', visible, name];
  if (el.matches('.sb-skip')) return ['skip', visible && el.getBoundingClientRect().top >= 0, name];
  if (el.matches('[data-action="continue"]')) return ['continue', visible, name];
  const open = '.sb-check:not(.is-answered) input, .sb-check:not(.is-answered) select';
  if (el.matches(open)) return ['check', visible, el.closest('form').dataset.check];
  if (el.matches('.sb-pager [data-action="next"], [data-action="begin"]')) return ['next', visible, el.textContent];
  if (el.matches('.sb-end [data-action="exit"]')) return ['exit', visible, name];
  return ['other', visible, name];
}"""
ALLOWED = {"Tab", "Shift+Tab", "Enter", "Space"}
RADIO_KEYS = {"ArrowDown"}


class KeyboardLearner:
    def __init__(self, page, frame, module: m.Module) -> None:  # type: ignore[no-untyped-def]
        self.page, self.f, self.module = page, frame, module
        self.keys: Counter[str] = Counter()
        self.no_focus_ring: list[str] = []
        self.checks = {c.id: c for c in module.checks}

    def press(self, key: str) -> None:
        if key in RADIO_KEYS:
            assert self.f.evaluate("document.activeElement.type") in ("radio", "select-one"), \
                f"{key} outside a radio group or a select"
        else:
            assert key in ALLOWED, key
        self.page.keyboard.press(key)
        self.keys[key] += 1

    def tab(self) -> list:
        self.press("Tab")
        kind, visible, name = self.f.evaluate(FOCUS)
        assert kind != "hidden-view", f"Tab reached {name} in a hidden view"
        if not visible and kind != "body":
            self.no_focus_ring.append(f"{kind} {name}")
        return [kind, name]

    def tab_until(self, *kinds: str, limit: int = 200) -> list:
        for _ in range(limit):
            got = self.tab()
            if got[0] in kinds:
                return got
        raise AssertionError(f"no {kinds} within {limit} Tab presses")

    def answer(self, check: m.KnowledgeCheck) -> None:
        """Focus is on the check's first input: choose the right answer(s), submit from the button."""
        ids = [c.id for c in check.choices]
        if check.type == "matching":  # a <select> per row: arrows to the right target, Tab on
            for n, pair in enumerate(check.pairs):
                target = [t for t, _ in check.targets].index(check.target_id(pair.target))
                for _ in range(target + 1):  # option 0 is "Choose…"
                    self.press("ArrowDown")
                if n < len(check.pairs) - 1:
                    self.tab()
        elif check.type == "multiple":
            for n, choice_id in enumerate(ids):
                if choice_id in check.correct_ids:
                    self.press("Space")
                if n < len(ids) - 1:
                    self.tab()
        else:  # a radio group: one Tab stop, the arrow keys move the choice
            for _ in range(ids.index(check.correct_ids[0])):
                self.press("ArrowDown")
            if self.f.evaluate("document.activeElement.checked") is False:
                self.press("Space")
        assert self.tab()[1] == "BUTTON"  # the check's submit button
        self.press("Enter")
        answered = "id => document.getElementById('sb-q-' + id).classList.contains('is-answered')"
        assert self.f.evaluate(answered, check.id)

    def lesson(self) -> None:
        """From the lesson heading: every continue, every check, then the pager's Next."""
        while True:
            kind, name = self.tab_until("continue", "check", "next")
            if kind == "continue":
                self.press("Enter")
            elif kind == "check":
                self.answer(self.checks[name])
            else:
                self.press("Enter")
                return


def test_keyboard_only_completes_module_13(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package)
    kb = KeyboardLearner(page, frame, module13)
    assert kb.tab() == ["skip", "A"]  # from the LMS page, the first stop is the skip link, shown
    _, label = kb.tab_until("next")  # the title page's Start
    assert label == "Start"
    kb.press("Enter")
    for index in range(len(module13.lessons)):
        assert frame.evaluate("SB.player.view") == index
        assert frame.evaluate("document.activeElement.tagName") == "H1"  # focus moved to the new lesson
        kb.lesson()
    assert frame.evaluate("SB.player.view") == "end"
    assert frame.inner_text(".sb-status") == "Status: Passed"
    kb.tab_until("exit")
    kb.press("Enter")
    frame.wait_for_function("() => SB.player.view === 'exited'")

    core = cmi(page)["core"]
    assert (core["lesson_status"], core["score"]["raw"], core["exit"]) == ("passed", "100", "")
    assert CMI_TIMESPAN.match(core["session_time"])
    assert len(cmi(page)["interactions"]) == len(module13.checks)
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    assert kb.no_focus_ring == [], f"Tab stops without a visible focus indicator: {kb.no_focus_ring}"
    assert set(kb.keys) <= ALLOWED | RADIO_KEYS and kb.keys["Tab"] > 0
    assert page.errors == []
    page.close()
