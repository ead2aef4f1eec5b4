"""The xAPI test infrastructure tested on its own: LMS/LRS semantics over real HTTP on
127.0.0.1, Ralph storing statements, xapi-validation, and every cmi5 rule failing once."""
from __future__ import annotations

import copy
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.polling import until

from .cmi5_rules import (
    CATEGORY_CMI5,
    CATEGORY_MOVEON,
    EXT_MASTERY,
    EXT_PROGRESS,
    EXT_SESSION,
    VERBS,
    Session,
    check,
)
from .launch import Cmi5Launch
from .lms import TestLMS
from .ralph_lrs import RalphServer

PUBLISHER = "https://courses.scormbuild.test/seed/m13"
AU_FILE = "index.html"


@dataclass
class Resp:
    status: int
    body: bytes
    headers: Any

    def json(self) -> Any:
        return json.loads(self.body)


def call(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None,
         raw: bytes | None = None) -> Resp:
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url, data, headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return Resp(r.status, r.read(), r.headers)
    except urllib.error.HTTPError as error:
        return Resp(error.code, error.read(), error.headers)


def xapi_headers(auth: str) -> dict[str, str]:
    return {"Authorization": auth, "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json"}


def launch_of(lms: TestLMS, **options: Any) -> Cmi5Launch:
    return lms.cmi5_launch(f"{lms.base_url}/pkg/{AU_FILE}", publisher_id=PUBLISHER, **options)


def token_of(lms: TestLMS, launch: Cmi5Launch) -> str:
    return "Basic " + str(call("POST", launch.fetch).json()["auth-token"])


def statement(launch: Cmi5Launch, verb: str = "initialized", **extra: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "actor": launch.actor, "verb": {"id": VERBS[verb]},
            "object": {"id": launch.activity_id, "objectType": "Activity"},
            "timestamp": "2026-05-04T10:00:00.000Z",
            "context": {"registration": launch.registration}, **extra}


def in_session(launch: Cmi5Launch) -> dict[str, Any]:
    """The context a statement of this launch's session carries (cmi5 10 contextTemplate)."""
    return {"context": {"registration": launch.registration,
                        "extensions": {EXT_SESSION: launch.session_id}}}


def qs(**params: str) -> str:
    return urllib.parse.urlencode(params)


@pytest.fixture(params=["memory", "ralph"])
def any_lms(request: pytest.FixtureRequest) -> TestLMS:
    """The statement semantics must hold with either backing store."""
    name = "memory_lms" if request.param == "memory" else "lms"
    if request.param == "ralph":
        request.getfixturevalue("ralph")  # skip when Ralph is not installed
    server: TestLMS = request.getfixturevalue(name)
    assert server.statement_store.name == request.param
    return server


# -- the LMS / LRS over HTTP -----------------------------------------------------------

def test_version_header_required_and_returned(memory_lms: TestLMS) -> None:
    url = memory_lms.endpoint + "statements"
    no_version = call("GET", url, headers={"Authorization": memory_lms.basic_auth})
    assert no_version.status == 400
    assert no_version.headers["X-Experience-API-Version"] == "1.0.3"
    wrong = call("GET", url, headers={**xapi_headers(memory_lms.basic_auth),
                                      "X-Experience-API-Version": "0.95"})
    assert wrong.status == 400
    ok = call("GET", url, headers=xapi_headers(memory_lms.basic_auth))
    assert ok.status == 200 and ok.json()["statements"] == []
    assert ok.headers["X-Experience-API-Version"] == "1.0.3"
    assert "X-Experience-API-Consistent-Through" in ok.headers
    assert call("GET", memory_lms.endpoint + "about").json()["version"][0] == "1.0.3"


def test_fetch_url_gives_one_token_per_launch(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms)
    first = call("POST", launch.fetch)
    assert first.status == 200 and first.headers["Content-Type"] == "application/json"
    token = first.json()["auth-token"]
    again = call("POST", launch.fetch)  # cmi5 8.2.3.1: 200 with an error JSON
    assert again.status == 200 and again.json()["error-code"] == "1"
    assert call("GET", launch.fetch).status == 405
    assert call("POST", memory_lms.base_url + "/lms/fetch/nope").json()["error-code"] == "2"
    assert memory_lms.fetch_count(launch) == 2
    url = memory_lms.endpoint + "statements"
    assert call("GET", url, headers=xapi_headers("Basic " + token)).status == 200
    memory_lms.end_session(launch)  # cmi5 8.2.1: the token lives as long as the session
    assert call("GET", url, headers=xapi_headers("Basic " + token)).status == 401


def test_auth_required(memory_lms: TestLMS) -> None:
    url = memory_lms.endpoint + "statements"
    assert call("GET", url, headers=xapi_headers("")).status == 401
    assert call("GET", url, headers=xapi_headers("Basic Zm9vOmJhcg==")).status == 401
    assert call("GET", url, headers=xapi_headers(memory_lms.basic_auth)).status == 200


def test_put_statement_204_then_409_on_a_different_one(any_lms: TestLMS) -> None:
    launch = launch_of(any_lms)  # the LRS semantics: the LMS's own credentials, no session
    headers, st = xapi_headers(any_lms.basic_auth), statement(launch)
    url = any_lms.endpoint + "statements?" + qs(statementId=st["id"])
    assert call("PUT", url, st, headers).status == 204
    assert call("PUT", url, st, headers).status == 204  # same again: accepted, stored once
    changed = {**st, "verb": {"id": VERBS["terminated"]}}
    assert call("PUT", url, changed, headers).status == 409
    other = any_lms.endpoint + "statements?" + qs(statementId=str(uuid.uuid4()))
    assert call("PUT", other, st, headers).status == 400  # body id ≠ statementId
    assert call("PUT", any_lms.endpoint + "statements", st, headers).status == 400
    got = call("GET", url, headers=headers)
    assert got.status == 200 and got.json()["verb"]["id"] == VERBS["initialized"]
    assert [s["id"] for s in any_lms.statements_for(launch.registration)][1:] == [st["id"]]


def test_post_batch_returns_ids_atomically(any_lms: TestLMS) -> None:
    launch = launch_of(any_lms)
    headers, url = xapi_headers(any_lms.basic_auth), any_lms.endpoint + "statements"
    a, b = statement(launch), statement(launch, "terminated")
    no_id = {k: v for k, v in statement(launch).items() if k != "id"}
    posted = call("POST", url, [a, b, no_id], headers)
    assert posted.status == 200
    ids = posted.json()
    assert ids[:2] == [a["id"], b["id"]] and len(ids) == 3 and uuid.UUID(ids[2])
    assert call("POST", url, [a], headers).json() == [a["id"]]  # already stored: fine
    assert call("POST", url, [a, a], headers).status == 400  # Comm 2.1.2: repeated id
    conflict = {**a, "verb": {"id": VERBS["failed"]}}
    fresh = statement(launch)
    assert call("POST", url, [fresh, conflict], headers).status == 409
    stored = [s["id"] for s in any_lms.statements_for(launch.registration)]
    assert stored[1:] == ids and fresh["id"] not in stored  # the 409 batch stored nothing


def test_get_statements_filters(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms)
    headers = xapi_headers(memory_lms.basic_auth)
    st = statement(launch)
    call("PUT", memory_lms.endpoint + "statements?" + qs(statementId=st["id"]), st, headers)
    query = qs(registration=launch.registration, verb=VERBS["initialized"])
    found = call("GET", memory_lms.endpoint + "statements?" + query, headers=headers).json()
    assert [s["id"] for s in found["statements"]] == [st["id"]]
    assert found["statements"][0]["stored"] and found["statements"][0]["authority"]
    assert memory_lms.lrs_statements(agent=json.dumps(launch.actor))[0]["id"] == st["id"]


def test_state_round_trip(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms)
    headers = xapi_headers(token_of(memory_lms, launch))
    scope = {"activityId": launch.activity_id, "agent": json.dumps(launch.actor),
             "registration": launch.registration}
    url = memory_lms.endpoint + "activities/state?"
    bookmark = url + qs(**scope, stateId="bookmark")
    assert call("GET", bookmark, headers=headers).status == 404
    assert call("PUT", bookmark, {"lesson": 2}, headers).status == 204
    got = call("GET", bookmark, headers=headers)
    assert got.json() == {"lesson": 2} and got.headers["ETag"].startswith('"')
    assert call("POST", bookmark, {"block": 5}, headers).status == 204  # Comm 2.2 merge
    assert call("GET", bookmark, headers=headers).json() == {"lesson": 2, "block": 5}
    assert sorted(call("GET", url + qs(**scope), headers=headers).json()) == [
        "LMS.LaunchData", "bookmark"]
    assert memory_lms.state(launch.activity_id, launch.actor, "bookmark",
                            launch.registration) == {"lesson": 2, "block": 5}
    assert call("DELETE", bookmark, headers=headers).status == 204
    assert call("GET", bookmark, headers=headers).status == 404
    no_reg = url + qs(activityId=launch.activity_id, agent=json.dumps(launch.actor),
                      stateId="bookmark")
    assert call("GET", no_reg, headers=headers).status == 404  # registration is part of the key
    assert call("PUT", url + qs(stateId="x"), {}, headers).status == 400


def test_launch_data_seeded_readable_and_protected(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms, launch_mode="Browse", move_on="Passed", mastery_score=0.8)
    headers = xapi_headers(token_of(memory_lms, launch))
    url = memory_lms.endpoint + "activities/state?" + qs(
        activityId=launch.activity_id, agent=json.dumps(launch.actor),
        registration=launch.registration, stateId="LMS.LaunchData")
    data = call("GET", url, headers=headers).json()
    assert data["launchMode"] == "Browse" and data["moveOn"] == "Passed"
    assert data["masteryScore"] == 0.8 and data["returnURL"].endswith(launch.key)
    template = data["contextTemplate"]
    assert template["extensions"][EXT_SESSION] == launch.session_id
    grouping = template["contextActivities"]["grouping"]
    assert grouping == [{"objectType": "Activity", "id": PUBLISHER}]
    assert launch.activity_id != PUBLISHER  # cmi5 8.1
    assert call("PUT", url, {"launchMode": "Normal"}, headers).status == 403  # cmi5 10
    assert call("DELETE", url, headers=headers).status == 403


def test_learner_preferences_and_profile_concurrency(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms, preferences={"languagePreference": "fr-FR,en-US",
                                                "audioPreference": "off"})
    headers = xapi_headers(token_of(memory_lms, launch))
    url = memory_lms.endpoint + "agents/profile?" + qs(
        agent=json.dumps(launch.actor), profileId="cmi5LearnerPreferences")
    got = call("GET", url, headers=headers)
    assert got.json() == {"languagePreference": "fr-FR,en-US", "audioPreference": "off"}
    new = {"languagePreference": "en-US", "audioPreference": "on"}
    assert call("PUT", url, new, headers).status == 409  # Comm 3.1: no If-Match
    assert call("PUT", url, new, {**headers, "If-Match": '"stale"'}).status == 412
    assert call("PUT", url, new, {**headers, "If-Match": got.headers["ETag"]}).status == 204
    assert memory_lms.agent_profile(launch.actor) == new


def test_cors_for_a_page_on_another_origin(memory_lms: TestLMS) -> None:
    origin = {"Origin": "http://127.0.0.1:1"}
    pre = call("OPTIONS", memory_lms.endpoint + "statements", headers={
        **origin, "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version"})
    assert pre.status == 204 and pre.headers["Access-Control-Allow-Origin"] == origin["Origin"]
    assert "X-Experience-API-Version" in pre.headers["Access-Control-Allow-Headers"]
    assert "PUT" in pre.headers["Access-Control-Allow-Methods"]
    got = call("GET", memory_lms.endpoint + "statements",
               headers={**xapi_headers(memory_lms.basic_auth), **origin})
    assert got.headers["Access-Control-Allow-Origin"] == origin["Origin"]
    assert "ETag" in got.headers["Access-Control-Expose-Headers"]


def test_outage_503_for_a_time_window(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms)
    headers, st = xapi_headers(memory_lms.basic_auth), statement(launch)
    url = memory_lms.endpoint + "statements?" + qs(statementId=st["id"])
    memory_lms.go_down("503", seconds=0.5)
    down = call("PUT", url, st, headers)
    assert down.status == 503 and down.headers["Access-Control-Allow-Origin"] == "*"
    assert call("POST", launch.fetch).status == 200  # the LMS side stays up
    until(lambda: memory_lms.outage is None, timeout=5, what="the LRS back up after its 0.5 s outage")
    assert call("PUT", url, st, headers).status == 204
    assert [r.status for r in memory_lms.requests_to("statements", "PUT")] == [503, 204]


def test_outage_refuse_closes_the_port_then_reopens_it(memory_lms: TestLMS) -> None:
    url = memory_lms.endpoint + "about"
    port = memory_lms.port
    with memory_lms.outage_window("refuse"), pytest.raises(urllib.error.URLError):
        call("GET", url)
    assert memory_lms.port == port and call("GET", url).status == 200


def test_alternate_request_syntax(memory_lms: TestLMS) -> None:
    """xAPI Comm 1.3: what navigator.sendBeacon can send (no custom headers)."""
    launch = launch_of(memory_lms)
    st = statement(launch)
    form = urllib.parse.urlencode({
        "Authorization": memory_lms.basic_auth, "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json", "statementId": st["id"], "content": json.dumps(st)})
    sent = call("POST", memory_lms.endpoint + "statements?method=PUT", raw=form.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert sent.status == 204 and st["id"] in [s["id"] for s in memory_lms.statements]
    recorded = memory_lms.requests_to("statements")[-1]
    assert recorded.alternate and recorded.method == "PUT" and recorded.json()["id"] == st["id"]
    bad = call("POST", memory_lms.endpoint + "statements?method=PUT&x=1", raw=form.encode())
    assert bad.status == 400


def test_session_token_rules_as_a_real_cmi5_lms(memory_lms: TestLMS) -> None:
    """What ADL's CATAPULT enforces on requests made with a session's token: nothing before
    initialized (cmi5 7.1.1) or after terminated (9.3.8), the token for its own session only
    (8.2.1), the launch actor exactly (8.1.3) on statements and documents."""
    lms = memory_lms
    launch = launch_of(lms)
    headers, url = xapi_headers(token_of(lms, launch)), lms.endpoint + "statements"

    def st(verb: str, **extra: Any) -> dict[str, Any]:
        return {**statement(launch, verb), **in_session(launch), **extra}

    assert call("POST", url, [st("completed")], headers).status == 403  # before initialized
    other = {**st("initialized"), "context": {"registration": launch.registration,
                                              "extensions": {EXT_SESSION: str(uuid.uuid4())}}}
    assert call("POST", url, [other], headers).status == 403  # another session's statement
    renamed = st("initialized", actor={**launch.actor, "name": "Someone Else"})
    assert call("POST", url, [renamed], headers).status == 403  # not exactly the launch actor
    first, end = st("initialized"), st("terminated")
    assert call("POST", url, [first, st("passed"), end], headers).status == 200
    assert call("POST", url, [st("completed")], headers).status == 403  # after terminated
    assert call("POST", url, [first, end], headers).status == 200  # a repeat stores nothing
    session = lms.session(launch)
    assert session.initialized and session.terminated and not session.abandoned
    assert len(session.refused) == 4 and "after terminated" in session.refused[-1]
    doc = lms.endpoint + "activities/state?" + qs(
        activityId=launch.activity_id, registration=launch.registration, stateId="LMS.LaunchData",
        agent=json.dumps({**launch.actor, "name": "Someone Else"}))
    assert call("GET", doc, headers=headers).status == 403
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in lms.statements_for(launch.registration)] == [
        "launched", "initialized", "passed", "terminated"]


def test_a_session_left_without_terminated_is_abandoned_at_the_next_launch(memory_lms: TestLMS) -> None:
    """cmi5 9.3.6: the LMS records "abandoned" (never the AU) and accepts nothing more for
    that session; a stale statement of it sent with the new session's token is refused."""
    lms = memory_lms
    first = launch_of(lms)
    old_token = token_of(lms, first)
    url = lms.endpoint + "statements"
    began = {**statement(first, "initialized"), **in_session(first)}
    assert call("POST", url, [began], xapi_headers(old_token)).status == 200
    again = launch_of(lms, registration=first.registration, actor=first.actor)
    assert lms.session(first).abandoned and not lms.session(again).abandoned
    abandoned = lms.wait_for_verb("abandoned", registration=first.registration)
    assert abandoned["context"]["extensions"][EXT_SESSION] == first.session_id
    assert abandoned["result"]["duration"].startswith("PT")
    late = {**statement(first, "terminated"), **in_session(first)}
    assert call("POST", url, [late], xapi_headers(old_token)).status == 401  # token dead
    new_headers = xapi_headers(token_of(lms, again))
    assert call("POST", url, [late], new_headers).status == 403  # not this token's session
    fresh = {**statement(again, "initialized"), **in_session(again)}
    assert call("POST", url, [fresh], new_headers).status == 200
    assert not lms.session(again).terminated  # the stale terminated ended nothing
    def unterminated() -> list[str | None]:
        every, sessions = lms.statements_for(first.registration), [first.session, again.session]
        return [v.statement_id for v in check(every, sessions) if v.rule == "terminated-last"]

    assert unterminated() == [fresh["id"]]  # the rules accept an abandoned session only
    third = launch_of(lms, registration=first.registration, actor=first.actor)
    assert lms.session(again).abandoned and not lms.session(third).abandoned
    assert unterminated() == []


def test_cmi5_launch_url_and_launched_statement(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms, mastery_score=0.7)
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(launch.url).query))
    assert params == {"endpoint": memory_lms.endpoint, "fetch": launch.fetch,
                      "actor": json.dumps(launch.actor, separators=(",", ":")),
                      "registration": launch.registration, "activityId": launch.activity_id}
    assert "+" not in launch.url and " " not in launch.url
    launched = memory_lms.wait_for_verb("launched", registration=launch.registration)
    assert launched["context"]["extensions"][EXT_MASTERY] == 0.7
    assert launch.session.mastery_score == 0.7 and launch.session.launch_mode == "Normal"
    relaunch = launch_of(memory_lms, registration=launch.registration, actor=launch.actor)
    assert relaunch.activity_id == launch.activity_id  # 8.1: same activityId every launch
    assert relaunch.session_id != launch.session_id


def test_tincan_launch_url(memory_lms: TestLMS) -> None:
    launch = memory_lms.tincan_launch("http://127.0.0.1:1/pkg/index.html?lang=en",
                                      "https://courses.scormbuild.test/seed")
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(launch.url).query))
    assert params["lang"] == "en" and params["auth"] == memory_lms.basic_auth
    assert params["endpoint"] == memory_lms.endpoint and params["activity_id"] == launch.activity_id
    assert json.loads(params["actor"]) == launch.actor and uuid.UUID(params["registration"])
    ok = call("GET", memory_lms.endpoint + "statements", headers=xapi_headers(params["auth"]))
    assert ok.status == 200


def test_mount_return_page_and_request_log(memory_lms: TestLMS, tmp_path: Path) -> None:
    (tmp_path / AU_FILE).write_text("<!doctype html><title>AU</title>")
    base = memory_lms.mount("pkg", tmp_path)
    page = call("GET", base + AU_FILE)
    assert page.status == 200 and page.headers["Content-Type"] == "text/html"
    assert call("GET", base + "../secret").status == 404
    launch = launch_of(memory_lms)
    assert call("GET", launch.launch_data["returnURL"]).status == 200
    assert memory_lms.returned(launch)
    assert [r.path for r in memory_lms.requests][:1] == ["/pkg/" + AU_FILE]


def test_wait_for_verb_sees_statements_arriving(memory_lms: TestLMS) -> None:
    launch = launch_of(memory_lms)
    st = statement(launch, "terminated")
    url = memory_lms.endpoint + "statements?" + qs(statementId=st["id"])
    threading.Timer(0.2, call, ("PUT", url, st, xapi_headers(memory_lms.basic_auth))).start()
    assert memory_lms.wait_for_verb("terminated", timeout=5)["id"] == st["id"]
    with pytest.raises(TimeoutError, match="launched"):
        memory_lms.wait_for_verb("passed", timeout=0.2)


def test_ralph_stores_what_the_lms_accepts(lms: TestLMS, ralph: RalphServer) -> None:
    launch = launch_of(lms)
    st = statement(launch)
    url = lms.endpoint + "statements?" + qs(statementId=st["id"])
    assert call("PUT", url, {**st, **in_session(launch)}, xapi_headers(token_of(lms, launch))).status == 204
    stored = ralph.statements(statementId=st["id"])[0]
    assert stored["verb"] == st["verb"] and stored["stored"]  # Ralph's own record
    assert st["id"] in ralph.data_file.read_text()
    found = lms.lrs_statements(registration=launch.registration)
    in_ralph = {s["verb"]["id"]: s["id"] for s in found}
    assert in_ralph == {VERBS["launched"]: lms.statements[0]["id"], VERBS["initialized"]: st["id"]}
    assert lms.statement_store.name == "ralph"


# -- the independent validator ---------------------------------------------------------

def test_validator_accepts_good_statements(xapi_validator: Callable[..., list[Any]]) -> None:
    statements = good_session()
    with TestLMS() as server:  # the LMS's own launched statement must be valid too
        launch_of(server)
        statements += server.statements
    assert xapi_validator(statements) == []


def test_validator_reports_malformed_statements(xapi_validator: Callable[..., list[Any]]) -> None:
    good, bad = good_session()[0], copy.deepcopy(good_session()[1])
    bad.update(id="not-a-uuid", timestamp="yesterday")
    bad["actor"] = {"mbox": "learner@example.com"}  # no mailto:
    bad["result"] = {"duration": "90 seconds", "score": {"scaled": 1.5}}
    problems = xapi_validator([good, bad])
    assert {p.index for p in problems} == {1}
    assert {p.path for p in problems} >= {"statement.id", "statement.timestamp",
                                          "statement.actor.mbox", "statement.result.duration",
                                          "statement.result.score.scaled"}
    first = "statement #1 not-a-uuid: statement.id: expected"
    assert any(str(p).startswith(first) for p in problems)


# -- the cmi5 rules --------------------------------------------------------------------

REG, SID = "7c1c34c9-7d2b-4c8f-9a57-1f4e8d8a1c11", "session-1"
AU = "https://lms.scormbuild.test/au/m13"
ACTOR = {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1/lms", "name": "l1"}}
TEMPLATE = {"contextActivities": {"grouping": [{"objectType": "Activity", "id": PUBLISHER}]},
            "extensions": {EXT_SESSION: SID}}
SESSION = Session(SID, AU, REG, "Normal", "CompletedAndPassed", 0.8, TEMPLATE, ACTOR)


def _st(verb: str, second: int, *, defined: bool = True, session: str = SID,
        result: dict[str, Any] | None = None, obj: str = AU) -> dict[str, Any]:
    category = [{"objectType": "Activity", "id": CATEGORY_CMI5}] if defined else []
    if result and ("success" in result or "completion" in result):
        category.append({"objectType": "Activity", "id": CATEGORY_MOVEON})
    context: dict[str, Any] = {"registration": REG, "contextActivities": {
        "grouping": [{"objectType": "Activity", "id": PUBLISHER}]},
        "extensions": {EXT_SESSION: session}}
    if category:
        context["contextActivities"]["category"] = category
    st = {"id": str(uuid.uuid4()), "actor": ACTOR,
          "verb": {"id": VERBS.get(verb, f"http://adlnet.gov/expapi/verbs/{verb}"),
                   "display": {"en-US": verb}},
          "object": {"objectType": "Activity", "id": obj},
          "context": context, "timestamp": f"2026-05-04T10:00:{second:02d}.000Z"}
    if result:
        st["result"] = result
    return st


def good_session(session: str = SID, start: int = 0) -> list[dict[str, Any]]:
    """initialized → experienced → answered → completed → passed → terminated."""
    passed = _st("passed", start + 5, session=session, result={
        "score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}, "success": True,
        "duration": "PT4M"})
    passed["context"]["extensions"][EXT_MASTERY] = 0.8
    answered = _st("answered", start + 2, defined=False, session=session, obj=AU + "/q1",
                   result={"response": "b", "success": True})
    answered["object"]["definition"] = {
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction", "interactionType": "choice",
        "correctResponsesPattern": ["b"], "choices": [
            {"id": "a", "description": {"en-US": "A"}}, {"id": "b", "description": {"en-US": "B"}}]}
    answered["context"]["contextActivities"].pop("category")
    return [_st("initialized", start, session=session),
            _st("experienced", start + 1, defined=False, session=session, obj=AU + "/lesson-1"),
            answered,
            _st("completed", start + 3, session=session,
                result={"completion": True, "duration": "PT3M20.5S"}),
            passed,
            _st("terminated", start + 6, session=session, result={"duration": "PT5M"})]


def rules(problems: list[Any]) -> set[str]:
    return {p.rule for p in problems}


def test_good_sequences_conform() -> None:
    assert check(good_session(), SESSION, expect_satisfied=True) == []
    browse = Session(SID, AU, REG, "Browse", "CompletedAndPassed", 0.8, TEMPLATE, ACTOR)
    seq = good_session()
    assert check([seq[0], seq[1], seq[-1]], browse, expect_satisfied=False) == []
    launched = {**_st("launched", 0), "id": str(uuid.uuid4())}
    assert check([launched, *good_session()], SESSION) == []  # the LMS's statement is skipped


def _set(index: int, path: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    """A mutation: set statements[index].<dotted path> = value (None deletes)."""
    def mutate(seq: list[dict[str, Any]]) -> None:
        *parents, last = path.split("|")
        node = seq[index]
        for key in parents:
            node = node[key]
        if value is None:
            node.pop(last)
        else:
            node[last] = value
    return mutate


def _append(make: Callable[[], dict[str, Any]]) -> Callable[[list[dict[str, Any]]], None]:
    return lambda seq: seq.append(make())


def _second_session(seq: list[dict[str, Any]], keep: tuple[str, ...]) -> None:
    seq += [st for st in good_session("session-2", 10) if st["verb"]["display"]["en-US"] in keep]


MUTATIONS: dict[str, Callable[[list[dict[str, Any]]], None]] = {
    "id-uuid": _set(0, "id", "not-a-uuid"),
    "id-unique": lambda seq: seq[1].update(id=seq[0]["id"]),
    "timestamp": _set(1, "timestamp", "2026-05-04T10:00:01"),
    "session-id": _set(1, f"context|extensions|{EXT_SESSION}", "someone-else"),
    "registration": _set(3, "context|registration", str(uuid.uuid4())),
    "context-template": _set(1, "context|contextActivities|grouping", []),
    "cmi5-category": lambda seq: seq[3]["context"]["contextActivities"]["category"].pop(0),
    "allowed-category": _set(1, "context|contextActivities|category",
                             [{"id": CATEGORY_CMI5}]),
    "moveon-category": lambda seq: seq[4]["context"]["contextActivities"]["category"].pop(),
    "object-id": _set(3, "object|id", AU + "/elsewhere"),
    "actor": _set(0, "actor", {"objectType": "Agent", "mbox": "mailto:l1@example.com"}),
    "score": _set(3, "result|score", {"scaled": 1.0}),
    "success": _set(4, "result|success", False),
    "completion": _set(3, "result|completion", False),
    "duration-required": _set(5, "result|duration", None),
    "duration-format": _set(5, "result|duration", "5 minutes"),
    "progress": _set(3, "result|extensions", {EXT_PROGRESS: 150}),
    "mastery": _set(4, "result|score", {"scaled": 0.5}),
    "initialized-first": _set(0, "timestamp", "2026-05-04T10:00:01.500Z"),
    "terminated-last": _set(1, "timestamp", "2026-05-04T10:00:07.000Z"),
    "after-terminated": lambda seq: seq.append({**copy.deepcopy(seq[1]), "id": str(uuid.uuid4())}),
    "verb-duplicate": lambda seq: seq.insert(4, {**copy.deepcopy(seq[3]), "id": str(uuid.uuid4())}),
    "passed-and-failed": lambda seq: seq.insert(5, _st("failed", 5, result={
        "score": {"scaled": 0.1}, "success": False, "duration": "PT1S"})),
    "completed-once": lambda seq: _second_session(seq, ("initialized", "completed", "terminated")),
    "passed-once": lambda seq: _second_session(seq, ("initialized", "passed", "terminated")),
    "failed-after-passed": lambda seq: _second_session_failed(seq),
}


def _second_session_failed(seq: list[dict[str, Any]]) -> None:
    failed = _st("failed", 13, session="session-2", result={
        "score": {"scaled": 0.2}, "success": False, "duration": "PT1S"})
    failed["context"]["extensions"][EXT_MASTERY] = 0.8
    _second_session(seq, ("initialized", "terminated"))
    seq.insert(-1, failed)


@pytest.mark.parametrize("rule", sorted(MUTATIONS))
def test_each_rule_fails_on_a_broken_sequence(rule: str) -> None:
    seq = good_session()
    MUTATIONS[rule](seq)
    second = Session("session-2", AU, REG, "Normal", "CompletedAndPassed", 0.8,
                     {**TEMPLATE, "extensions": {EXT_SESSION: "session-2"}}, ACTOR)
    problems = check(seq, [SESSION, second])
    assert rule in rules(problems), problems
    assert all(str(p).startswith(f"[{p.rule}] cmi5 ") for p in problems)


def test_mode_and_move_on_rules_fail() -> None:
    review = Session(SID, AU, REG, "Review", "CompletedAndPassed", 0.8, TEMPLATE, ACTOR)
    assert rules(check(good_session(), review)) == {"launch-mode"}
    not_passed = [st for st in good_session() if st["verb"]["display"]["en-US"] != "passed"]
    assert rules(check(not_passed, SESSION, expect_satisfied=True)) == {"move-on"}
    assert rules(check(good_session(), SESSION, expect_satisfied=False)) == {"move-on"}
    failed_high = good_session()
    failed_high[4] = _st("failed", 5, result={"score": {"scaled": 0.95}, "success": False,
                                              "duration": "PT1S"})
    failed_high[4]["context"]["extensions"][EXT_MASTERY] = 0.8
    assert "mastery" in rules(check(failed_high, SESSION))
    no_ext = good_session()
    del no_ext[4]["context"]["extensions"][EXT_MASTERY]
    assert rules(check(no_ext, SESSION)) == {"mastery"}
    utc = good_session()
    utc[2]["timestamp"] = "2026-05-04T12:00:02.000+02:00"
    assert rules(check(utc, SESSION)) == {"timestamp"}
