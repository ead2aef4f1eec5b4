"""The goal-planning worksheet of module 13 (issue 4 item 4) in real Chromium + scorm-again.

The learner fills the fields where the lessons ask for them, leaves one blank, closes the
activity, comes back: every field is restored (from the LMS's suspend_data, not only the
browser), the journal view shows the whole worksheet in worksheet order, and the downloaded
journal is one standalone page with the journal and the worksheet.
"""
from __future__ import annotations

import pytest

from scormbuild import model as m

from .learner import Learner, worksheet_key, worksheet_written
from .test_accessibility import axe
from .test_scorm12 import cmi, launch, resume_data, worksheet_values

pytestmark = pytest.mark.browser

# The seed's worksheet (course/assets/goal-planning-worksheet.html), in the module's order.
FIELDS = ["vision", "strengths", "feel", "goal", "toolbox", "community", "resistance"]
LABELS = ["My vision", "My strengths", "How I want to feel", "My goal", "My toolbox: resources",
          "My community: my support network", "Overcoming resistance"]
# Where the seed says "In the worksheet: ..." (lesson file → field).
FILLED_IN = {"13-personal-mission-statement.md": "vision", "14-identifying-strengths.md": "strengths",
             "15-how-do-you-want-to-feel.md": "feel", "16-find-the-goal.md": "goal", "17-my-toolbox.md": "toolbox",
             "18-my-community-support-network.md": "community", "19-barriers-and-resistance.md": "resistance"}
BLANK = "feel"
NO_ANSWER = "(not answered yet)"

ROWS_JS = """sel => [...document.querySelectorAll(sel + ' .sb-ws-field')].map(f => [
    f.querySelector('h3').textContent,
    [...f.querySelectorAll('.sb-ws-answer p')].map(p => p.textContent).join(' | ')])"""


def test_the_seed_worksheet_is_in_module_13(module13: m.Module) -> None:
    sheet = module13.worksheet
    assert sheet is not None and sheet.title == "My goal-planning worksheet"
    assert [(f.id, f.label) for f in sheet.fields] == list(zip(FIELDS, LABELS, strict=True))
    placed = {lesson.path.name: b.field for lesson in module13.lessons for b in lesson.blocks
              if isinstance(b, m.WorksheetEntry)}
    assert placed == FILLED_IN


def test_worksheet_is_filled_resumed_viewed_and_downloaded(context, site, package, course, module13, tmp_path):  # type: ignore[no-untyped-def]
    lessons = [i for i, lesson in enumerate(module13.lessons) if lesson.path.name in FILLED_IN]
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13)
    for i in lessons:
        learner.go_to_lesson(i)
        learner.do_lesson(module13.lessons[i])  # reflections and the worksheet field of the lesson
        if FILLED_IN[module13.lessons[i].path.name] == BLANK:
            frame.fill(f"#sb-w-{BLANK}", "")  # written, then cleared: blank again
            learner.written[worksheet_key(BLANK)] = ""
    answers = worksheet_written(learner.written)
    assert worksheet_values(frame) == answers
    # The learner closes the activity mid-module: the LMS tears the frame down.
    page.evaluate("document.querySelector('iframe').remove()")
    data = cmi(page)
    assert (data["core"]["exit"], data["core"]["lesson_location"]) == ("suspend", module13.lessons[lessons[-1]].id)
    page.close()

    page, frame = launch(context, site, package, initial=resume_data(data))
    in_lms = frame.evaluate("d => SB.codec.decode(d).worksheet", data["suspend_data"])
    assert in_lms == {k: v for k, v in answers.items() if v}  # in the LMS, not only in this browser
    assert worksheet_values(frame) == answers

    # "See my whole worksheet" from a lesson: the journal view, at the worksheet heading.
    frame.click('.sb-view.is-current [data-action="worksheet"]')
    assert frame.evaluate("[SB.player.view, document.activeElement.id]") == ["journal", "sb-worksheet-h"]
    rows = frame.evaluate(ROWS_JS, "#sb-worksheet")
    blank_lesson = next(lesson.title for lesson in module13.lessons
                        if lesson.path.name == "15-how-do-you-want-to-feel.md")
    assert rows == [[label, answers[f] if answers[f] else f"{NO_ANSWER} | Open lesson: {blank_lesson}"]
                    for f, label in zip(FIELDS, LABELS, strict=True)]

    # Print: the journal view without the player chrome, the worksheet on its own page.
    frame.page.emulate_media(media="print")
    shown = frame.evaluate("""() => ['.sb-header', '.sb-pager', '.sb-journal .sb-actions', '#sb-worksheet',
        '.sb-ws-answer a'].map(s => getComputedStyle(document.querySelector(s)).display !== 'none')""")
    assert shown == [False, False, False, True, False]
    assert frame.evaluate("getComputedStyle(document.querySelector('#sb-worksheet')).breakBefore") == "page"
    frame.page.emulate_media(media="screen")

    with page.expect_download() as got:
        frame.click('.sb-journal [data-action="download"]')
    assert got.value.suggested_filename == "journal-goal-planning.html"
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and "data-go" not in html  # a clean, standalone page
    page.close()

    saved = context.new_page()
    saved.goto(path.as_uri())
    assert saved.evaluate("document.documentElement.lang") == "en"
    assert saved.title() == "My journal — Goal planning"
    rows = [[label, answers[f] or NO_ANSWER] for f, label in zip(FIELDS, LABELS, strict=True)]
    assert saved.evaluate(ROWS_JS, "#sb-worksheet") == rows
    journal = saved.evaluate("[...document.querySelectorAll('.sb-journal-answer')].map(p => p.innerText)")
    reflections = [text for key, text in learner.written.items() if "." in key]
    assert reflections and set(reflections) <= set(journal)
    # The journal comes first, then the worksheet.
    assert saved.evaluate("""() => document.querySelector('.sb-journal-entry')
        .compareDocumentPosition(document.querySelector('#sb-worksheet')) & Node.DOCUMENT_POSITION_FOLLOWING""") > 0
    assert axe(saved) == []  # the downloaded page is accessible too (WCAG 2.1 AA)
    saved.close()
