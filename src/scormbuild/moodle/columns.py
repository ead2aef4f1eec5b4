"""course.yaml words → the numbers Moodle stores in its `scorm` table.

Constants from mod/scorm/lib.php (SCORM_TOC_*, SCORM_NAV_*, scorm_status_options: the
completion statuses are bits, 2 passed and 4 completed, any one set bit satisfies) and
mod/scorm/locallib.php (GRADE*, *ATTEMPT, SCORM_FORCEATTEMPT_*, SCORM_SKIPVIEW_*).
"""
from __future__ import annotations

from .. import model as m

GRADE_METHOD = {"learning-objects": 0, "highest": 1, "average": 2, "sum": 3}  # GRADESCOES…GRADESUM
WHAT_GRADE = {"highest": 0, "average": 1, "first": 2, "last": 3}  # HIGHESTATTEMPT…LASTATTEMPT
FORCE_NEW = {"never": 0, "when-complete": 1, "always": 2}  # SCORM_FORCEATTEMPT_NO/ONCOMPLETE/ALWAYS
SKIP_VIEW = {"never": 0, "first": 1, "always": 2}  # SCORM_SKIPVIEW_NEVER/FIRST/ALWAYS
TOC = {"side": 0, "hidden": 1, "popup": 2, "disabled": 3}  # SCORM_TOC_SIDE/HIDDEN/POPUP/DISABLED
NAV = {"disabled": 0, "under-content": 1, "floating": 2}  # SCORM_NAV_DISABLED/UNDER_CONTENT/FLOATING
STATUS_BIT = {"passed": 2, "completed": 4}  # scorm_status_options()
# The new-window features Moodle's form stores in `options` (scorm_option2text); Moodle's defaults.
POPUP_OPTIONS = "scrollbars=0,directories=0,location=0,menubar=0,toolbar=0,status=0"
# navpositionleft / navpositiontop: Moodle's column defaults (used only by floating navigation).
NAV_POSITION = -100
NULL = None  # written as Moodle's null marker, $@NULL@$ (backup/util/xml/output/xml_writer)


def statuses(course: m.Course, module: m.Module) -> tuple[str, ...]:
    """The statuses that complete the module's activity (empty: no status rule)."""
    chosen = course.moodle.completion_status
    if chosen is not None:
        return chosen
    return ("passed",) if m.mastery_for(course, module) is not None else ("completed",)


def scorm_columns(course: m.Course, module: m.Module) -> dict[str, int | str | None]:
    """The activity settings columns of scorm.xml for one module (the rest are the package's)."""
    s = course.moodle
    bits = sum(STATUS_BIT[w] for w in statuses(course, module))
    return {
        "maxgrade": s.maximum_grade, "grademethod": GRADE_METHOD[s.grading_method],
        "whatgrade": WHAT_GRADE[s.attempt_grade], "maxattempt": s.attempts,
        "forcecompleted": int(s.force_completed), "forcenewattempt": FORCE_NEW[s.force_new_attempt],
        "lastattemptlock": int(s.lock_after_final_attempt), "masteryoverride": int(s.mastery_overrides_status),
        "displayattemptstatus": 1, "displaycoursestructure": 0, "updatefreq": 0,
        "skipview": SKIP_VIEW[s.skip_entry_page], "hidebrowse": int(s.hide_preview),
        "hidetoc": TOC[s.table_of_contents],
        "nav": NAV[s.navigation], "navpositionleft": NAV_POSITION, "navpositiontop": NAV_POSITION,
        "auto": int(s.auto_continue), "popup": int(s.window == "new"),
        "options": POPUP_OPTIONS if s.window == "new" else "",
        "width": s.width, "height": s.height, "timeopen": s.open_at or 0, "timeclose": s.close_at or 0,
        "completionstatusrequired": bits or NULL, "completionscorerequired": s.completion_minimum_score,
        "completionstatusallscos": int(s.completion_all_scos), "autocommit": int(s.auto_commit),
    }


def has_completion_rule(columns: dict[str, int | str | None]) -> bool:
    """Moodle tracks completion automatically (course_modules.completion = 2) only with a rule."""
    return columns["completionstatusrequired"] is not None or columns["completionscorerequired"] is not None
