"""`reflections: local` (issue 4 item 4): the learner's words never leave the browser.

A copy of the seed course with `reflections: local`; module 13 played to the end in
scorm-again, writing every reflection, every worksheet field and the core-values text.
No call to the LMS API may carry any of that text (cmi.suspend_data included), and a
relaunch in the same browser gets it all back from the browser's storage.
"""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import edit

from .conftest import COURSE, MODULE, build_module
from .learner import Learner, worksheet_written
from .test_scorm12 import api_log, cmi, launch, resume_data, worksheet_values

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def local_package(site, tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("local") / "course"
    shutil.copytree(COURSE, root)
    edit(root / "course.yaml", "reflections: lms\n", "reflections: local\n")
    site.add_package("local", build_module(root, MODULE, root.parent / "dist"))
    return "local"


def test_local_reflections_never_reach_the_lms_and_come_back_from_the_browser(  # type: ignore[no-untyped-def]
        context, site, local_package, course, module13):
    page, frame = launch(context, site, local_package)
    assert frame.evaluate("SB.player.cfg.reflectionsMode") == "local"
    learner = Learner(frame, course, module13)
    learner.play()
    learner.next()
    learner.exit()
    texts = learner.written
    assert len(texts) == sum(len(r.prompts) for r in module13.reflections) + len(module13.worksheet.fields) + 1

    # Nothing the learner wrote is in any argument of any LMS call, whole or in part; every
    # suspend_data ever written is decoded too (compressed text would not show as is).
    log = api_log(page)
    states = frame.evaluate("all => all.map(d => SB.codec.decode(d))",
                            [e["args"][1] for e in log
                             if e["fn"] == "LMSSetValue" and e["args"][0] == "cmi.suspend_data"])
    assert len(states) >= len(module13.lessons)  # saved along the way, not only at the end
    sent = json.dumps([[e["args"] for e in log], states], ensure_ascii=False)
    leaked = [key for key, text in texts.items() if text[:24] in sent or text[-24:] in sent]
    assert leaked == []
    data = cmi(page)
    state = frame.evaluate("d => SB.codec.decode(d)", data["suspend_data"])
    assert (state["reflections"], state["worksheet"]) == ({}, {})
    [values] = state["values"].values()
    assert values == {"s": [v.id for v in course.core_values[:2]], "t": ""}  # the choices, not the words
    assert data["core"]["lesson_status"] in ("passed", "failed") and len(data["interactions"]) == len(module13.checks)
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    page.close()

    # The same browser, a new session: the LMS gives back ids only, the browser the words.
    page, frame = launch(context, site, local_package, initial=resume_data(data))
    restored = frame.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('textarea[data-prompt]')].map(t => [t.dataset.prompt, t.value]))""")
    assert restored == {k: v for k, v in texts.items() if "." in k}
    assert worksheet_values(frame) == worksheet_written(texts)
    [assessment] = [k for k in texts if "." not in k and not k.startswith("worksheet:")]
    assert frame.input_value(f"#sb-cv-{assessment}-text") == texts[assessment]
    page.close()
