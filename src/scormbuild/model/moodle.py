"""The SCORM activity settings a Moodle course backup carries (course.yaml `moodle:`).

Each field is one column of Moodle's `scorm` table (mod/scorm/db/install.xml), written
into activities/scorm_N/scorm.xml by the `moodle` builder; the values here are the
author's words, the builder maps them to Moodle's numbers (mod/scorm/lib.php and
locallib.php constants). Defaults are chosen for scormbuild's own packages, one SCO per
module, and differ from Moodle's where Moodle's would hurt a learner's record (see
`mastery_overrides_status`, `navigation`, `table_of_contents`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..diagnostics import Location

Window = Literal["current", "new"]
Toc = Literal["side", "hidden", "popup", "disabled"]
Nav = Literal["disabled", "under-content", "floating"]
SkipView = Literal["never", "first", "always"]
GradeMethod = Literal["learning-objects", "highest", "average", "sum"]
AttemptGrade = Literal["highest", "average", "first", "last"]
ForceNew = Literal["never", "when-complete", "always"]
Status = Literal["passed", "completed"]
_NOWHERE = Location("<none>")


@dataclass(frozen=True)
class MoodleSettings:
    # Display. One SCO per package: Moodle's table of contents and its SCO navigation
    # buttons would show a single entry and buttons that go nowhere, and they take width
    # from a frame that is only ~650 px wide (LMS-NOTES), so both are off by default.
    window: Window = "current"  # popup 0 / 1
    width: int = 100  # percent of the page when ≤ 100 (Moodle's own default), else pixels
    height: int = 500  # pixels (Moodle's default frame height)
    table_of_contents: Toc = "hidden"  # hidetoc
    navigation: Nav = "disabled"  # nav
    skip_entry_page: SkipView = "first"  # skipview (Moodle's default)
    hide_preview: bool = False  # hidebrowse
    # Grading. "highest attempt" means a later, unfinished attempt never lowers the grade
    # a finished one earned; attempts are unlimited so a learner can always try again.
    grading_method: GradeMethod = "highest"  # grademethod (across SCOs; one SCO here)
    maximum_grade: int = 100  # maxgrade
    attempts: int = 0  # maxattempt, 0 = unlimited
    attempt_grade: AttemptGrade = "highest"  # whatgrade
    force_completed: bool = False  # forcecompleted
    force_new_attempt: ForceNew = "never"  # forcenewattempt
    lock_after_final_attempt: bool = False  # lastattemptlock
    # Off, unlike Moodle: with it on, a learner who leaves a scored module half-way is
    # stored "failed" at LMSFinish (LMS-NOTES: "failed, 25" after one right answer). The
    # player reports passed/failed itself once the module is finished.
    mastery_overrides_status: bool = False  # masteryoverride
    auto_continue: bool = False  # auto
    auto_commit: bool = False  # autocommit: the player commits at meaningful points itself
    # Completion. None: "passed" for a scored module, "completed" for one without checks —
    # what the player reports when a learner finishes each kind.
    completion_status: tuple[Status, ...] | None = None  # completionstatusrequired (bits)
    completion_minimum_score: int | None = None  # completionscorerequired
    completion_all_scos: bool = False  # completionstatusallscos
    # Availability, Unix seconds (restore shifts them with the course start date).
    open_at: int | None = None  # timeopen
    close_at: int | None = None  # timeclose
    loc: Location = _NOWHERE
