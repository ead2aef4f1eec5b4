"""A scripted learner: drives the player page the way a person would (clicks, typing).

Selectors are the player's stable ids (templates/player/blocks/*.html.j2): checks are
`#sb-q-<check>-<choice>`, reflections `#sb-r-<reflection>-<prompt>`, core values
`#sb-cv-<assessment>-<value>` and `#sb-cv-<assessment>-text`, worksheet fields `#sb-w-<field>`.
Expected values come from the course model, so the learner follows whatever the course says,
and what the learner writes is human English (tests/writing.py), never made-up text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scormbuild import model as m
from tests.writing import Pen


@dataclass
class Plan:
    """What the learner will do: which checks to get wrong, how long to write.

    A check in `wrong` is answered wrong at every try, so it ends final and wrong once
    the tries run out; one in `then_right` is answered wrong, then right after "Try again".
    """

    wrong: set[str] = field(default_factory=set)
    then_right: set[str] = field(default_factory=set)
    reflection_chars: int = 300
    values_picked: int = 2
    worksheet_chars: int | None = None  # None: as long as a reflection; 0: left blank


def answer_for(check: m.KnowledgeCheck, wrong: bool) -> list[str]:
    if not wrong:
        return list(check.correct_ids)
    for choice in check.choices:
        if not choice.correct:
            return [choice.id]
    raise AssertionError(f"check {check.id} has no wrong choice")


def check_lessons(module: m.Module) -> list[int]:
    """The indexes of the module's lessons that hold a knowledge check."""
    return sorted({i for i, lesson in enumerate(module.lessons)
                   for b in lesson.blocks if isinstance(b, m.KnowledgeCheck)})


def worksheet_key(field_id: str) -> str:
    return f"worksheet:{field_id}"


def worksheet_written(written: dict[str, str]) -> dict[str, str]:
    """The worksheet part of Learner.written, keyed by field id (as in state.worksheet)."""
    return {k.split(":", 1)[1]: v for k, v in written.items() if k.startswith("worksheet:")}


class Learner:
    def __init__(self, frame, course: m.Course, module: m.Module, plan: Plan | None = None) -> None:  # type: ignore[no-untyped-def]
        self.f = frame
        self.course = course
        self.module = module
        self.plan = plan or Plan()
        self.written: dict[str, str] = {}
        self.tries: dict[str, int] = {}  # check id → answers submitted by this learner
        self.pen = Pen()  # human English, a fresh slice for every answer

    # --- state of the page

    def wait_ready(self) -> None:
        self.f.wait_for_function("() => window.SB && SB.player && SB.player.started === true")

    def view(self) -> object:
        return self.f.evaluate("SB.player.view")

    def tracker(self) -> str:
        return self.f.evaluate("SB.player.trackerName")

    # --- moves

    def next(self) -> None:
        self.f.click('.sb-pager [data-action="next"]')

    def go_to_lesson(self, index: int) -> None:
        self.f.evaluate("i => SB.player.show(i)", index)

    def reveal_all(self) -> int:
        """Click every continue divider of the current lesson, in order."""
        clicked = 0
        button = ".sb-view.is-current .sb-continue:not([hidden]) button"
        while self.f.locator(button).count():
            self.f.locator(button).first.click()
            clicked += 1
        return clicked

    def is_final(self, check: m.KnowledgeCheck) -> bool:
        """Answered, and no "Try again" offered: the answer counts."""
        form = f"#sb-q-{check.id}"
        return bool(self.f.locator(f"{form}.is-answered").count()) and self.f.locator(
            f'{form} [data-action="retry"]').is_hidden()

    def answer(self, check: m.KnowledgeCheck) -> list[str]:
        """Choose and submit, trying again while the plan and the check allow; a check whose
        answer became final in an earlier session stays as it was. Returns the last choice;
        `tries` counts the submissions made here."""
        chosen: list[str] = []
        form = f"#sb-q-{check.id}"
        while not self.is_final(check):
            if self.f.locator(f"{form}.is-answered").count():
                self.f.click(f'{form} [data-action="retry"]')
            first_try = self.tries.get(check.id, 0) == 0
            wrong = check.id in self.plan.wrong or (check.id in self.plan.then_right and first_try)
            chosen = self.give(check, wrong)
            self.f.click(f"{form} button[type=submit]")
            self.tries[check.id] = self.tries.get(check.id, 0) + 1
        return chosen

    def give(self, check: m.KnowledgeCheck, wrong: bool) -> list[str]:
        """Fill the check's controls with a right or a wrong answer (not submitted)."""
        form = f"#sb-q-{check.id}"
        if check.type == "matching":  # wrong: every source to the first target
            for pair in check.pairs:
                text = check.targets[0][1] if wrong else pair.target
                self.f.select_option(f"{form}-{pair.id}", value=check.target_id(text))
            return [f"{p.id}.{check.target_id(p.target)}" for p in check.pairs]
        if check.type == "ordering":  # wrong: the first two swapped
            items = list(check.choices)
            if wrong:
                items[0], items[1] = items[1], items[0]
            for n, item in enumerate(items, start=1):
                self.f.select_option(f"{form}-{n}", value=item.id)
            return [i.id for i in items]
        if check.type in ("fill-in", "numeric"):
            text = ("no" if wrong else check.accept[0]) if check.type == "fill-in" else \
                str((check.high or 0) + 1000 if wrong else check.low)
            self.f.fill(f"{form}-text", text)
            return [text]
        chosen = answer_for(check, wrong) if check.scored else [check.choices[0].id]
        for choice_id in chosen:
            self.f.check(f"{form}-{choice_id}")
        return chosen

    def write(self, reflection: m.Reflection) -> None:
        for prompt in reflection.prompts:
            key = f"{reflection.id}.{prompt.id}"
            text = self.pen.take(self.plan.reflection_chars)
            self.f.fill(f"#sb-r-{reflection.id}-{prompt.id}", text)
            self.written[key] = text

    def assess_values(self, block: m.CoreValuesAssessment) -> list[str]:
        picked = [v.id for v in self.course.core_values[: self.plan.values_picked]]
        for value_id in picked:
            self.f.check(f"#sb-cv-{block.id}-{value_id}")
        text = self.pen.take(self.plan.reflection_chars)
        self.f.fill(f"#sb-cv-{block.id}-text", text)
        self.written[block.id] = text
        return picked

    def fill(self, entry: m.WorksheetEntry) -> None:
        """A worksheet field; its text is in `written` as "worksheet:<field>"."""
        chars = self.plan.reflection_chars if self.plan.worksheet_chars is None else self.plan.worksheet_chars
        if not chars:
            return
        key = worksheet_key(entry.field)
        text = self.pen.take(chars)
        self.f.fill(f"#sb-w-{entry.field}", text)
        self.written[key] = text

    def do_lesson(self, lesson: m.Lesson) -> None:
        self.reveal_all()
        for block in lesson.blocks:
            if isinstance(block, m.KnowledgeCheck):
                self.answer(block)
            elif isinstance(block, m.Reflection):
                self.write(block)
            elif isinstance(block, m.CoreValuesAssessment):
                self.assess_values(block)
            elif isinstance(block, m.WorksheetEntry):
                self.fill(block)

    def answer_wrong_once(self, check: m.KnowledgeCheck) -> str:
        """From the title page: every lesson before the check's, done as planned; then the
        check's lesson, every part shown, and one wrong answer submitted, so a try is left
        and "Try again" is offered. Returns the wrong choice's id."""
        self.play(upto=next(i for i, lesson in enumerate(self.module.lessons)
                          if any(getattr(b, "id", None) == check.id for b in lesson.blocks)))
        self.next()
        self.reveal_all()
        [wrong] = answer_for(check, wrong=True)
        self.f.check(f"#sb-q-{check.id}-{wrong}")
        self.f.click(f"#sb-q-{check.id} button[type=submit]")
        self.tries[check.id] = self.tries.get(check.id, 0) + 1
        return wrong

    def play_rest(self) -> None:
        """From the lesson shown (after a retake or a resume): it and every lesson after it,
        doing everything in them as planned, then the end summary."""
        at = self.view()
        assert isinstance(at, int), f"expected a lesson, the player shows {at}"
        self.do_lesson(self.module.lessons[at])
        for index in range(at + 1, len(self.module.lessons)):
            self.next()
            self.do_lesson(self.module.lessons[index])
        self.next()
        assert self.view() == "end"

    def play(self, upto: int | None = None) -> None:
        """From the title page: every lesson (or the first `upto`), doing everything in it."""
        lessons = self.module.lessons if upto is None else self.module.lessons[:upto]
        for index, lesson in enumerate(lessons):
            self.next()
            assert self.view() == index, f"expected lesson {index}, the player shows {self.view()}"
            self.do_lesson(lesson)

    def exit(self) -> None:
        self.f.click('.sb-tools [data-action="exit"]')
        self.f.wait_for_function("() => SB.player.view === 'exited'")
