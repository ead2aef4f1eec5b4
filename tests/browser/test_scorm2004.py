"""SCORM 2004 4th Edition: module 13 in real headless Chromium, inside a test LMS whose
API_1484_11 is scorm-again's Scorm2004API (tests/browser/lms/lms2004.html).

Issue 17: a scripted learner plays every lesson, answers every knowledge check and
reflection, exits; the run-time data model is asserted element by element (RTE 4.2);
a second launch with the stored data (cmi.entry = resume) returns to the bookmark with
everything restored; reflections and worksheet fields at 2,000 characters each all stay
in cmi.suspend_data (64,000 characters); no score or success before the verdict is final;
the LMS's cmi.scaled_passing_score decides passed/failed; review mode records nothing.
"""
from __future__ import annotations

import json
import re

import pytest

from scormbuild import model as m
from scormbuild.load import load_course
from tests.conftest import ROOTS

from .conftest import COURSE, MODULE, Site, build_module
from .learner import Learner, Plan, check_lessons, worksheet_written
from .sequencing import activity_tree

pytestmark = pytest.mark.browser

MINIMAL = ROOTS / "minimal"
LMS_PAGE = "lms2004.html"
# RTE 4.2.24 cmi.suspend_data: characterstring, SPM 64000.
SUSPEND_DATA_MAX = 64000
# RTE 4.1.1 timeinterval (second,10,2): an ISO 8601 duration, hundredths at most.
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$")
# RTE 4.1.1 time (second,10,0): ISO 8601 date and time.
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?(Z|[+-]\d{2}(:\d{2})?)?$")


@pytest.fixture(scope="module")
def package(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("gp2004", build_module(COURSE, MODULE, tmp_path_factory.mktemp("dist"), "scorm2004"))
    return "gp2004"


def launch(context, site: Site, package: str, initial: dict | None = None, settings: dict | None = None,  # type: ignore[no-untyped-def]
           sco: str = "index.html", **params: object):
    """Open the 2004 test LMS (optionally with stored CMI and API settings); return (page, SCO frame)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    if initial is not None:
        page.add_init_script(f"window.__SB_INITIAL_CMI = {json.dumps(initial)};")
    if settings is not None:
        page.add_init_script(f"window.__SB_SETTINGS = {json.dumps(settings)};")
    page.goto(site.lms_url(package, page=LMS_PAGE, sco=sco, **params))
    frame = page.wait_for_selector("iframe").content_frame()
    frame.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    return page, frame


def cmi(page) -> dict:  # type: ignore[no-untyped-def]
    return page.evaluate("JSON.parse(JSON.stringify(API_1484_11.renderCMIToJSONObject()))")["cmi"]


def api_log(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.evaluate("window.__lmsLog")


def lms_errors(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every API call the LMS answered with an error, except GetValue of an element the LMS
    has not initialised (403, RTE 3.1.7.6: e.g. cmi.scaled_passing_score when none is set)."""
    return [e for e in api_log(page) if e["error"] != "0" and not (e["fn"] == "GetValue" and e["error"] == "403")]


def set_values(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["args"][0] for e in api_log(page) if e["fn"] == "SetValue"]


def nav_request(page) -> str:  # type: ignore[no-untyped-def]
    """The last adl.nav.request the SCO set (the LMS consumes it at Terminate, RTE 4.4)."""
    sets = [e for e in api_log(page) if e["fn"] == "SetValue" and e["args"][0] == "adl.nav.request"]
    assert sets and sets[-1]["ret"] == "true", sets
    return str(sets[-1]["args"][1])


def listed(data: dict, kind: str) -> list[dict]:  # type: ignore[type-arg]
    return [data[kind][str(n)] for n in range(len(data[kind]))]


def objectives_by_id(data: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {o["id"]: o for o in listed(data, "objectives")}


def resume_data(stored: dict) -> dict:  # type: ignore[type-arg]
    """What an LMS hands back on the next launch after cmi.exit = suspend (RTE 4.2.7)."""
    keep = ("suspend_data", "location", "completion_status", "success_status", "score")
    return {"entry": "resume", **{k: stored[k] for k in keep}}


def response(check: m.KnowledgeCheck, ids: list[str]) -> str:
    """RTE 4.2.9.1: true-false is "true"/"false"; choice is the choice ids joined by "[,]"."""
    if check.type == "true-false" and {c.id for c in check.choices} == {"true", "false"}:
        return ids[0]
    return "[,]".join(ids)


def answered_by(check: m.KnowledgeCheck, wrong: set[str]) -> list[str]:
    right = check.id not in wrong
    return list(check.correct_ids) if right else [next(c.id for c in check.choices if not c.correct)]


# --- a full run, element by element, then a resume -----------------------------------------

def test_full_run_reports_the_2004_data_model_and_resumes(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    wrong = {module13.checks[0].id}  # 3 of 4 right: exactly the 75 % mastery
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(wrong=wrong, reflection_chars=300))
    assert learner.tracker() == "scorm2004"
    learner.play()
    learner.next()
    assert learner.view() == "end"
    learner.exit()

    data = cmi(page)
    score = round(100 * (len(module13.checks) - len(wrong)) / len(module13.checks))
    assert score == m.mastery_for(course, module13) == 75
    # RTE 4.2.4 / 4.2.22: completion and success apart.
    assert (data["completion_status"], data["success_status"]) == ("completed", "passed")
    # RTE 4.2.20: scaled in [-1, 1], raw within min..max.
    assert data["score"] == {"scaled": "0.75", "raw": "75", "min": "0", "max": "100"}
    assert data["progress_measure"] == "1"  # RTE 4.2.18
    assert data["location"] == module13.lessons[-1].id  # RTE 4.2.14
    assert data["exit"] == "normal"  # RTE 4.2.8: complete, nothing to resume
    assert DURATION.match(data["session_time"]), data["session_time"]  # RTE 4.2.23
    assert data["mode"] == "normal" and data["entry"] == "ab-initio"
    # RTE 4.4: the single SCO has no next activity, so the session ends with "exit".
    assert nav_request(page) == "exit"
    assert 0 < len(data["suspend_data"]) <= SUSPEND_DATA_MAX
    state = frame.evaluate("d => SB.codec.decode(d)", data["suspend_data"])
    assert state["reflections"] == {k: v for k, v in learner.written.items() if "." in k}

    # RTE 4.2.9: one interaction per try, in the order answered, 2004 vocabularies — the
    # check answered wrong was tried as often as it allows (the seed course's `attempts: 2`).
    interactions = listed(data, "interactions")
    tries = [c for c in module13.checks for _ in range(m.attempts_for(course, module13, c) if c.id in wrong else 1)]
    assert [i["id"] for i in interactions] == [c.id for c in tries] and len(tries) == len(module13.checks) + 1
    for check, rec in zip(tries, interactions, strict=True):
        if check.type == "matching":  # RTE 4.2.9.1 matching: source[.]target pairs joined by [,]
            want = "[,]".join(f"{p.id}[.]{check.target_id(p.target)}" for p in check.pairs)
            assert (rec["type"], rec["learner_response"], rec["correct_responses"]["0"]["pattern"]) == (
                "matching", want, want)
            assert rec["result"] == "correct" and check.id not in wrong
        else:
            assert rec["type"] == ("true-false" if check.type == "true-false" else "choice")
            assert rec["learner_response"] == response(check, answered_by(check, wrong))
            assert rec["correct_responses"]["0"]["pattern"] == response(check, list(check.correct_ids))
            assert rec["result"] == ("incorrect" if check.id in wrong else "correct")
        assert rec["weighting"] == "1"
        assert TIMESTAMP.match(rec["timestamp"]), rec["timestamp"]
        assert DURATION.match(rec["latency"]), rec["latency"]

    # RTE 4.2.17: one objective per learning objective (ids as in the manifest), sharing
    # the module's completion and verdict, and the module's "completed" objective.
    objectives = objectives_by_id(data)
    ids = list(m.objective_ids(course, module13))
    assert list(objectives) == [*ids, m.completed_objective(course, module13)]
    for oid, text in zip(ids, module13.objectives, strict=True):
        o = objectives[oid]
        assert (o["completion_status"], o["success_status"], o["description"]) == ("completed", "passed", text)
    done = objectives[m.completed_objective(course, module13)]
    assert (done["completion_status"], done["success_status"]) == ("completed", "passed")

    log = api_log(page)
    assert lms_errors(page) == []
    assert frame.evaluate("SB.trackers.scorm2004.errors") == []
    assert [e["fn"] for e in log].count("Initialize") == 1
    assert log[-1]["fn"] == "Terminate" and log[-1]["ret"] == "true"
    assert page.errors == []
    page.close()

    # Second launch with the stored data: back at the bookmark, everything restored, and
    # the record stays as it was.
    page, frame = launch(context, site, package, initial=resume_data(data))
    learner2 = Learner(frame, course, module13)
    assert learner2.view() == len(module13.lessons) - 1
    restored = frame.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('textarea[data-prompt]')].map(t => [t.dataset.prompt, t.value]))""")
    assert restored == {k: v for k, v in learner.written.items() if "." in k}
    learner2.exit()
    again = cmi(page)
    outcome = (again["completion_status"], again["success_status"], again["score"]["scaled"])
    assert outcome == ("completed", "passed", "0.75")
    assert lms_errors(page) == []
    page.close()


def test_closing_mid_module_suspends_without_a_score_and_resumes(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    first_check = next(i for i, lesson in enumerate(module13.lessons)
                       if any(isinstance(b, m.KnowledgeCheck) for b in lesson.blocks))
    stop = first_check + 2
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13)
    learner.play(upto=stop)
    page.evaluate("document.querySelector('iframe').remove()")  # the LMS tears the frame down
    data = cmi(page)
    assert len(data["interactions"]) >= 1  # a check was answered ...
    # ... but no score and no success before the verdict is final (the whole module done).
    assert data["score"] == {"scaled": "", "raw": "", "min": "", "max": ""}
    assert (data["completion_status"], data["success_status"]) == ("incomplete", "unknown")
    assert not {"cmi.score.raw", "cmi.score.scaled", "cmi.success_status"} & set(set_values(page))
    assert all(o["success_status"] == "unknown" for o in listed(data, "objectives"))
    assert 0 < float(data["progress_measure"]) < 1
    assert data["exit"] == "suspend" and data["location"] == module13.lessons[stop - 1].id
    assert nav_request(page) == "suspendAll"
    assert [e["fn"] for e in api_log(page)].count("Terminate") == 1
    assert lms_errors(page) == []
    page.close()

    page, frame = launch(context, site, package, initial=resume_data(data))
    assert frame.evaluate("SB.player.view") == stop - 1
    for key, text in learner.written.items():
        if "." in key:
            assert frame.input_value(f'textarea[data-prompt="{key}"]') == text
    page.close()


def test_long_reflections_and_worksheet_all_stay_in_the_lms(browser, site, package, course, module13):  # type: ignore[no-untyped-def]
    """2,000 characters of human English in every prompt, the core-values text and every
    worksheet field: all of it in cmi.suspend_data, read back in a browser that kept nothing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(reflection_chars=2000, worksheet_chars=2000))
    learner.play()
    learner.exit()
    assert frame.evaluate("document.querySelector('#sb-notice').dataset.kind || ''") != "overflow"
    data = cmi(page)
    texts = len(learner.written)
    assert texts == 27 + 1 + len(module13.worksheet.fields) == 35
    assert sum(len(t) for t in learner.written.values()) == 2000 * texts  # 70,000 characters ...
    assert len(data["suspend_data"]) <= SUSPEND_DATA_MAX  # ... fit in 64,000 (compressed)
    assert lms_errors(page) == []
    context.close()

    # Another browser profile (empty localStorage): only the LMS has the learner's words.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, frame = launch(context, site, package, initial=resume_data(data))
    for key, text in learner.written.items():
        if "." in key:
            assert frame.input_value(f'textarea[data-prompt="{key}"]') == text
    state = frame.evaluate("SB.player.state")
    assert state["worksheet"] == worksheet_written(learner.written)
    assert [v["t"] for v in state["values"].values()] == [learner.written[k] for k in state["values"]]
    context.close()


def test_failing_commits_are_retried_and_the_learner_is_told(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package, failCommits=2)
    learner = Learner(frame, course, module13)
    frame.wait_for_function("() => document.querySelector('#sb-notice').dataset.kind === 'lmsError'")
    learner.play(upto=2)
    frame.wait_for_function("() => document.querySelector('#sb-notice').dataset.kind === 'lmsRecovered'", timeout=10000)
    commits = [e for e in api_log(page) if e["fn"] == "Commit"]
    assert [c["ret"] for c in commits[:3]] == ["false", "false", "true"]
    assert cmi(page)["location"] == module13.lessons[1].id
    page.close()


def test_an_lms_that_throws_is_caught_and_the_learner_keeps_going(context, site, package, course, module13):  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package, throwCommits=2)
    learner = Learner(frame, course, module13)
    frame.wait_for_function("() => document.querySelector('#sb-notice').dataset.kind === 'lmsError'")
    learner.play(upto=2)
    frame.wait_for_function("() => document.querySelector('#sb-notice').dataset.kind === 'lmsRecovered'", timeout=10000)
    assert page.errors == []  # the throw never reached the page
    assert frame.evaluate("SB.trackers.scorm2004.errors.map(e => e.code)")[:2] == ["throw", "throw"]
    assert cmi(page)["location"] == module13.lessons[1].id
    page.close()


def test_tries_used_up_fail_then_retake_passes_with_every_try_recorded(context, site, package, course,  # type: ignore[no-untyped-def]
                                                                         module13):
    """Issue 12 in SCORM 2004: out of tries → failed at 50 %; "Retake the checks" opens a new
    attempt (completion incomplete again, no new score) that ends passed at 100 %, every try
    of both attempts one cmi.interactions entry (RTE 4.2.9), and nothing the LMS refused."""
    checks = module13.checks
    missed = {checks[0].id, checks[1].id}  # 2 of 4 right: 50 %, under the 75 % pass mark
    page, frame = launch(context, site, package)
    learner = Learner(frame, course, module13, Plan(wrong=missed, reflection_chars=40))
    learner.play()
    learner.next()
    data = cmi(page)
    assert (data["completion_status"], data["success_status"], data["score"]["raw"]) == ("completed", "failed", "50")

    frame.click('[data-action="retake"]')
    assert learner.view() == check_lessons(module13)[0]
    during = cmi(page)
    assert during["completion_status"] == "incomplete" and during["score"]["raw"] == "50"  # no new score yet
    learner.plan = Plan(reflection_chars=40)  # this time every answer right
    learner.play_rest()
    learner.exit()

    data = cmi(page)
    assert (data["completion_status"], data["success_status"]) == ("completed", "passed")
    assert data["score"] == {"scaled": "1", "raw": "100", "min": "0", "max": "100"}
    assert len(listed(data, "interactions")) == 2 * 2 + 2 + len(checks)
    state = frame.evaluate("d => SB.codec.decode(d)", data["suspend_data"])
    assert state["retakes"] == 1 and state["best"] == 50
    assert lms_errors(page) == []
    assert frame.evaluate("SB.trackers.scorm2004.errors") == []
    page.close()


def test_iso_8601_durations_and_timestamps(context, site, package):  # type: ignore[no-untyped-def]
    """RTE 4.1.1 timeinterval (second,10,2) and time (second,10,0), at their edges."""
    page, frame = launch(context, site, package)
    got = frame.evaluate("""() => [0, 4, 60000, 3723456, 100 * 3600000].map(SB.scorm2004.duration)""")
    assert got == ["PT0S", "PT0S", "PT1M0S", "PT1H2M3.46S", "PT100H0S"]
    assert all(DURATION.match(d) for d in got)
    stamp = frame.evaluate("() => SB.scorm2004.timestamp(new Date(Date.UTC(2026, 10, 29, 5, 6, 7, 891)))")
    assert stamp == "2026-11-29T05:06:07.89Z" and TIMESTAMP.match(stamp)
    page.close()


# --- what the LMS decides: its pass mark, review mode --------------------------------------

@pytest.fixture(scope="module")
def minimal() -> tuple[m.Course, m.Module]:
    loaded, _ = load_course(MINIMAL)
    assert loaded is not None
    return loaded, loaded.modules[0]


@pytest.fixture(scope="module")
def minimal_package(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("minimal2004", build_module(MINIMAL, "basics", tmp_path_factory.mktemp("min2004"), "scorm2004"))
    return "minimal2004"


@pytest.mark.parametrize(("passing", "success"), [(None, "passed"), ("0.8", "failed"), ("0.4", "passed")])
def test_the_lms_scaled_passing_score_decides_passed_or_failed(  # type: ignore[no-untyped-def]
        context, site, minimal_package, minimal, passing, success):
    course, module = minimal
    assert m.mastery_for(course, module) == 50  # one of two right is 50 %
    initial = {"scaled_passing_score": passing} if passing else None
    page, frame = launch(context, site, minimal_package, initial=initial)
    learner = Learner(frame, course, module, Plan(wrong={module.checks[0].id}))
    learner.play()
    learner.exit()
    data = cmi(page)
    assert (data["completion_status"], data["success_status"], data["score"]["scaled"]) == ("completed", success, "0.5")
    assert lms_errors(page) == []
    page.close()


def test_review_mode_writes_nothing(context, site, minimal_package, minimal):  # type: ignore[no-untyped-def]
    before = {"mode": "review", "entry": "", "completion_status": "completed", "success_status": "failed"}
    page, frame = launch(context, site, minimal_package, initial=before)
    _, module = minimal
    assert frame.evaluate("SB.player.mode") == "review"
    for index in range(len(module.lessons)):
        frame.evaluate("i => SB.player.show(i)", index)
    frame.click('.sb-tools [data-action="exit"]')
    data = cmi(page)
    assert (data["completion_status"], data["success_status"]) == ("completed", "failed")
    assert set_values(page) == []  # RTE 4.2.12 review: not one SetValue
    assert [e["fn"] for e in api_log(page)][-1] == "Terminate"
    assert lms_errors(page) == []
    page.close()


# --- the bundle: a SCO per module, sequenced by scorm-again from the manifest -------------

FORCED = "scorm2004:\n  sequencing:\n    forced_order: true\n"


def bundle(site: Site, tmp_path_factory: pytest.TempPathFactory, name: str, course_yaml_tail: str) -> dict:  # type: ignore[type-arg]
    """Build the seed course as one SCORM 2004 package (course.yaml extended); serve it."""
    import shutil

    from scormbuild.pipeline import build

    folder = tmp_path_factory.mktemp(name) / "course"
    shutil.copytree(COURSE, folder)
    with (folder / "course.yaml").open("a", encoding="utf-8") as f:
        f.write(course_yaml_tail)
    result = build(folder, folder.parent / "dist", formats=("scorm2004",), bundle=True)
    assert result.built, [str(d) for d in result.diagnostics]
    dest = site.add_package(name, result.built[0].path)
    manifest = (dest / "imsmanifest.xml").read_bytes()
    modules = load_course(folder)[0].modules  # type: ignore[union-attr]
    # The course page (an asset, the organization's first item: builders/course_page.py) first.
    scos = {COURSE_ITEM: f"../pkg/{name}/index.html"}
    scos.update({f"ITEM-{mod.id}": f"../pkg/{name}/{mod.id}/index.html" for mod in modules})
    return {"name": name, "settings": {"sequencing": activity_tree(manifest)}, "scos": scos, "first": modules[0].id}


COURSE_ITEM = "ITEM-COURSE"


def launch_bundle(context, site: Site, package: dict):  # type: ignore[no-untyped-def, type-arg]
    """Launch the bundle as an LMS does: a "start" request delivers the course page (an
    asset: it never calls the API), the LMS's own Continue then delivers module 1's SCO.
    Returns (page, module 1's frame)."""
    page = open_course_page(context, site, package)
    assert page.evaluate("__lmsNavigate('continue')") is True
    return page, next_sco(page, package["first"])


def open_course_page(context, site: Site, package: dict):  # type: ignore[no-untyped-def, type-arg]
    """The 2004 test LMS started on the bundle (start=1); returns the page once the course
    page the sequencer delivered first has shown every module's progress."""
    page = context.new_page()
    page.add_init_script(f"window.__SB_SCOS = {json.dumps(package['scos'])};")
    page.add_init_script(f"window.__SB_SETTINGS = {json.dumps(package['settings'])};")
    page.goto(site.lms_url(package["name"], page=LMS_PAGE, sco="index.html", start=1))
    page.wait_for_function(f"() => document.querySelector('iframe').src.includes('/{package['name']}/index.html')")
    frame = page.wait_for_selector("iframe").content_frame()
    frame.wait_for_function("() => [...document.querySelectorAll('[data-course-status]')].every(e => e.textContent)")
    return page


def choice_valid(page, item: str) -> str:  # type: ignore[no-untyped-def]
    """RTE 4.4.2 adl.nav.request_valid.choice.{target=…}: may the learner pick `item` now?"""
    return str(page.evaluate(f"API_1484_11.GetValue('adl.nav.request_valid.choice.{{target={item}}}')"))


def next_sco(page, module_id: str):  # type: ignore[no-untyped-def]
    """The frame once the LMS has delivered `module_id`'s SCO in it."""
    page.wait_for_function(f"() => document.querySelector('iframe').src.includes('/{module_id}/index.html')")
    frame = page.wait_for_selector("iframe").content_frame()
    frame.wait_for_function("() => window.SB && SB.player && SB.player.started === true"
                            f" && SB.player.cfg.module.id === '{module_id}'")
    return frame


@pytest.fixture(scope="module")
def forced_bundle(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    return bundle(site, tmp_path_factory, "forced2004", FORCED)


@pytest.fixture(scope="module")
def free_bundle(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    return bundle(site, tmp_path_factory, "free2004", "")


def test_forced_order_opens_a_module_only_after_the_one_before_and_rolls_up(context, site, forced_bundle, course):  # type: ignore[no-untyped-def]
    """SN 3.4.2 precondition on the global "completed" objective (SN 3.10), flow
    ("continue" from the SCO, RTE 4.4), and rollup of completion, success and score
    (SN 3.6-3.7) to the course, all evaluated by scorm-again's sequencer."""
    first, second = course.modules
    page, frame = launch_bundle(context, site, forced_bundle)
    assert frame.evaluate("SB.player.cfg.module.id") == first.id
    assert choice_valid(page, f"ITEM-{second.id}") == "false"  # locked until the first is completed
    assert choice_valid(page, f"ITEM-{first.id}") == "true"
    learner = Learner(frame, course, first, Plan(reflection_chars=100))
    learner.play()
    learner.next()
    frame.click('.sb-tools [data-action="exit"]')  # completed: "continue" to the next module

    frame = next_sco(page, second.id)
    assert [n["activity"] for n in page.evaluate("__navLog")] == [COURSE_ITEM, f"ITEM-{first.id}", f"ITEM-{second.id}"]
    # The LMS lists the delivered activity's manifest objectives in cmi.objectives (RTE 4.2.17).
    ids = {page.evaluate(f"API_1484_11.GetValue('cmi.objectives.{n}.id')")
           for n in range(int(page.evaluate("API_1484_11.GetValue('cmi.objectives._count')")))}
    assert set(m.objective_ids(course, second)) | {m.completed_objective(course, second)} <= ids
    wrong = {second.checks[0].id}
    learner = Learner(frame, course, second, Plan(wrong=wrong, reflection_chars=100))
    learner.play()
    learner.next()
    # The tracker wrote into the objectives the LMS listed, and added none twice.
    after = listed(cmi(page), "objectives")
    assert len(after) == len({o["id"] for o in after}) == len(ids)
    assert objectives_by_id(cmi(page))[m.completed_objective(course, second)]["success_status"] == "passed"
    frame.click('.sb-tools [data-action="exit"]')
    page.wait_for_function("() => API_1484_11.isTerminated()")
    root = page.evaluate("""() => { const r = API_1484_11._sequencing.activityTree.root;
        return {completion: r.completionStatus, satisfied: r.objectiveSatisfiedStatus,
                known: r.objectiveSatisfiedStatusKnown, measure: r.objectiveNormalizedMeasure}; }""")
    # Module 7 all right (1.0), module 13 three of four (0.75): weight 1 each.
    assert root == {"completion": "completed", "satisfied": True, "known": True, "measure": 0.875}
    assert lms_errors(page) == []
    page.close()


def test_without_forced_order_every_module_can_be_chosen(context, site, free_bundle, course):  # type: ignore[no-untyped-def]
    first, second = course.modules
    page, _ = launch_bundle(context, site, free_bundle)
    assert choice_valid(page, f"ITEM-{second.id}") == "true"
    assert choice_valid(page, f"ITEM-{first.id}") == "true"
    page.close()
