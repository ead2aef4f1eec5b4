"""TestLMS: a small cmi5 LMS + xAPI 1.0.3 LRS on 127.0.0.1 for the browser tests of issue 5.

It gives a launched AU what a cmi5 LMS gives it (cmi5 Quartz, AICC/CMI-5_Spec_Current):
the launch URL (8.1), the one-time fetch URL with its auth token (8.2), the LMS.LaunchData
State document (10), the cmi5LearnerPreferences Agent Profile (11), a "launched"
statement (9.3.1) and a returnURL page. It enforces, as ADL's CATAPULT player does, the
session rules on every request made with a session's token (`SessionStatus`): the token
is good for its own session only, the actor is exactly the launch actor, nothing before
"initialized" (7.1.1) or after "terminated" (7.1.2, 9.3.8), and a session left without
"terminated" is recorded "abandoned" by the LMS at the next launch of that registration
(9.3.6), after which its token is dead. The LMS's own Basic credentials are not bound to a
session. And it gives what an LRS gives (xAPI 1.0.3): statements
(PUT/POST/GET with the 204/200/409 rules), State, Agent and Activity Profile documents,
Basic auth, the X-Experience-API-Version header both ways, CORS, the alternate request
syntax. Statements go to a `StatementStore` (store.py): Ralph, a real LRS, or memory.

Everything is recorded: `requests` (every HTTP request, in arrival order) and
`statements` (every statement the LRS accepted, in arrival order, each once). An outage
(`go_down`, `outage_window`) makes the LRS answer 503 or refuse connections for a while.

    lms = TestLMS().start()
    launch = lms.cmi5_launch(package_url, publisher_id="https://example.org/course/m13")
    page.goto(launch.url)               # Playwright, or any browser
    lms.wait_for_verb("terminated", registration=launch.registration)
    assert cmi5_rules.check(lms.statements_for(launch.registration), launch.session) == []
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import cmi5_rules as cmi5
from .launch import (
    Cmi5Launch,
    TinCanLaunch,
    abandoned_statement,
    compact,
    default_actor,
    generated_activity_id,
    launch_data,
    launched_statement,
    with_query,
)
from .resources import LAUNCH_DATA, route
from .server import LMSHTTPServer, Request
from .store import Documents, MemoryStatements, Reply, StatementStore, agent_key

Outage = Literal["503", "refuse"]
PREFERENCES = "cmi5LearnerPreferences"  # cmi5 11 profileId
DEFAULT_RETURN = object()  # sentinel: "the LMS's own /lms/returned/<key> page"


@dataclass
class SessionStatus:
    """Where one cmi5 session stands, as the LMS tracks it (cmi5 9.3.2, 9.3.6, 9.3.8)."""

    launch: Cmi5Launch
    launched_at: float = field(default_factory=time.time)
    initialized: bool = False
    terminated: bool = False
    abandoned: bool = False
    last_at: float | None = None  # when the AU's last accepted statement arrived
    refused: list[str] = field(default_factory=list)  # why requests were refused, in order


@dataclass
class Recorded:
    """One HTTP request as received; one in the xAPI alternate request syntax (Comm 1.3,
    e.g. from navigator.sendBeacon) is recorded decoded, with `alternate` set."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    alternate: bool = False
    at: float = field(default_factory=time.time)
    status: int = 0  # 0 until answered (or when the connection was dropped)

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class TestLMS:
    """The LMS/LRS. Start it (or use the `lms` fixture), launch, then read what arrived."""

    __test__ = False  # not a pytest test class despite its name

    def __init__(self, statement_store: StatementStore | None = None, *,
                 username: str = "scormbuild", password: str = "lrs-test-secret") -> None:
        self.username, self.password = username, password
        self.authority = {"objectType": "Agent", "name": "scormbuild test LMS",
                          "account": {"homePage": "http://127.0.0.1/", "name": username}}
        self.statement_store = statement_store or MemoryStatements(self.authority)
        self.documents = Documents()
        self.mounts: dict[str, Path] = {}
        self.port = 0
        self.outage: Outage | None = None
        self._changed = threading.Condition(threading.RLock())
        self._requests: list[Recorded] = []
        self._stored: dict[str, dict[str, Any]] = {}  # id → statement, arrival order
        self._launches: dict[str, Cmi5Launch] = {}
        self._sessions: dict[str, SessionStatus] = {}  # launch key → its session
        self._tokens: dict[str, str] = {}  # live auth-token → launch key
        self._fetched: dict[str, int] = {}  # launch key → POSTs to its fetch URL
        self._returns: list[str] = []
        self._server: LMSHTTPServer | None = None
        self._timer: threading.Timer | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> TestLMS:
        """Listen on 127.0.0.1 (a free port the first time, the same port after that)."""
        self._server = LMSHTTPServer(self.port, self)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True, name=f"test-lms-{self.port}").start()
        return self

    def stop(self) -> None:
        """Stop listening and drop open connections."""
        if self._timer:
            self._timer.cancel()
        if self._server:
            self._server.shutdown()
            self._server.drop_connections()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> TestLMS:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        """The xAPI endpoint (with the trailing slash launchers give)."""
        return f"{self.base_url}/xapi/"

    @property
    def basic_auth(self) -> str:
        """The LMS's own credentials as an Authorization header value."""
        pair = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(pair).decode()

    # -- outages -----------------------------------------------------------------------

    def go_down(self, mode: Outage = "503", seconds: float | None = None) -> None:
        """Take the LRS down: "503" answers 503 on /xapi/ (pages and fetch still work);
        "refuse" closes the port and resets open connections (a network error in the
        browser). With `seconds`, it comes back up by itself after that long."""
        self.outage = mode
        if mode == "refuse" and self._server:
            self.stop()
        if seconds is not None:
            self._timer = threading.Timer(seconds, self.come_up)
            self._timer.daemon = True
            self._timer.start()

    def come_up(self) -> None:
        """End an outage; after "refuse" the LMS listens again on the same port."""
        was, self.outage = self.outage, None
        if was == "refuse" and self._server is None:
            self.start()

    @contextmanager
    def outage_window(self, mode: Outage = "503") -> Iterator[None]:
        """`with lms.outage_window("refuse"): ...` — down inside the block, up after it."""
        self.go_down(mode)
        try:
            yield
        finally:
            self.come_up()

    @property
    def refusing(self) -> bool:
        return self.outage == "refuse"

    # -- what the HTTP layer calls -----------------------------------------------------

    def record(self, request: Request) -> Recorded:
        rec = Recorded(request.method, request.path, dict(request.query),
                       dict(request.headers), request.body, request.alternate)
        with self._changed:
            self._requests.append(rec)
        return rec

    def answer(self, request: Request) -> Reply:
        return route(self, request)

    def answered(self, record: Recorded, status: int) -> None:
        """The request has its answer (and its effect): wake whoever waits for one."""
        with self._changed:
            record.status = status
            self._changed.notify_all()

    def authorize(self, header: str | None) -> str | None:
        """"basic" for the LMS's credentials, "token:<key>" for a live cmi5 token, else None."""
        if not header or not header.startswith("Basic "):
            return None
        credential = header[len("Basic "):].strip()
        if header == self.basic_auth:
            return "basic"
        key = self._tokens.get(credential)
        return f"token:{key}" if key else None

    def issue_token(self, key: str) -> tuple[str | None, dict[str, str] | None]:
        """cmi5 8.2: the token for the first POST of a launch's fetch URL, an error after."""
        with self._changed:
            if key not in self._launches:
                return None, {"error-code": "2", "error-text": "unknown fetch URL"}
            self._fetched[key] = self._fetched.get(key, 0) + 1
            if self._fetched[key] > 1:  # 8.2.3.1 duplicate call
                return None, {"error-code": "1",
                              "error-text": "The authorization token has already been returned."}
            token = base64.b64encode(f"{key}:{secrets.token_urlsafe(12)}".encode()).decode()
            self._tokens[token] = key
            return token, None

    def put_statement(self, statement_id: str, statement: dict[str, Any],
                      who: str = "basic") -> Reply:
        with self._changed:  # one at a time: arrival order is storage order
            refused = self._session_rules(who, [statement])
            if refused:
                return refused
            reply = self.statement_store.put(statement_id, statement)
            if reply.status == 204:
                self._accept([statement], who)
            return reply

    def post_statements(self, batch: list[dict[str, Any]], who: str = "basic") -> Reply:
        with self._changed:
            refused = self._session_rules(who, batch)
            if refused:
                return refused
            reply = self.statement_store.post(batch)
            if reply.status == 200:
                self._accept(batch, who)
            return reply

    def session_of(self, who: str) -> SessionStatus | None:
        """The session a request's credentials were issued for (None: the LMS's own)."""
        return self._sessions.get(who[len("token:"):]) if who.startswith("token:") else None

    def check_agent(self, who: str, agent: Any) -> Reply | None:
        """A document request with a session's token names exactly the launch actor (403)."""
        status = self.session_of(who)
        if status is None or agent == status.launch.actor:
            return None
        return self._refuse(status, 403, "agent is not the launch actor (cmi5 8.1.3, 10)")

    def _session_rules(self, who: str, batch: Sequence[dict[str, Any]]) -> Reply | None:
        """What CATAPULT refuses of statements sent with a session's token (the batch is
        refused whole, as a POST is stored whole or not at all, xAPI Comm 2.1.2)."""
        status = self.session_of(who)
        if status is None:
            return None
        launch, initialized, terminated = status.launch, status.initialized, status.terminated
        for st in batch:
            if self._stored.get(st.get("id", "")) is not None:
                continue  # a repeat of a stored statement stores nothing (Comm 2.1.1)
            if st.get("actor") != launch.actor:
                return self._refuse(status, 403, "actor is not the launch actor (cmi5 8.1.3)")
            session = st.get("context", {}).get("extensions", {}).get(cmi5.EXT_SESSION)
            if session != launch.session_id:  # 8.2.1: the token is limited to its session
                return self._refuse(status, 403, f"session {session!r} sent with the token of "
                                                  f"session {launch.session_id}")
            verb = cmi5.verb_name(st)
            if terminated:
                return self._refuse(status, 403, f"'{verb}' after terminated (cmi5 9.3.8)")
            if not initialized and verb != "initialized":
                return self._refuse(status, 403, f"'{verb}' before initialized (cmi5 7.1.1)")
            initialized = True
            terminated = verb == "terminated"
        return None

    def _refuse(self, status: SessionStatus, code: int, why: str) -> Reply:
        status.refused.append(why)
        return Reply.error(code, why)

    def note_return(self, key: str) -> None:
        with self._changed:
            self._returns.append(key)
            self._changed.notify_all()

    def _accept(self, batch: Sequence[dict[str, Any]], who: str = "basic") -> None:
        status = self.session_of(who)
        for st in batch:
            if st["id"] in self._stored:
                continue
            self._stored[st["id"]] = st
            if status is not None:
                status.last_at = time.time()
                verb = cmi5.verb_name(st)
                status.initialized = status.initialized or verb == "initialized"
                status.terminated = status.terminated or verb == "terminated"
        self._changed.notify_all()

    def _abandon_earlier(self, registration: str, activity_id: str) -> None:
        """cmi5 9.3.6: an earlier session of this registration and AU that never sent
        "terminated" is recorded "abandoned" by the LMS, and nothing more is accepted for it."""
        with self._changed:
            for status in self._sessions.values():
                launch = status.launch
                if (launch.registration, launch.activity_id) != (registration, activity_id):
                    continue
                if status.terminated or status.abandoned:
                    continue
                status.abandoned = True
                for token in [t for t, k in self._tokens.items() if k == launch.key]:
                    del self._tokens[token]
                statement = abandoned_statement(launch, status.launched_at,
                                                status.last_at or status.launched_at)
                if self.statement_store.put(statement["id"], statement).status == 204:
                    self._accept([statement])

    # -- what tests read ---------------------------------------------------------------

    @property
    def requests(self) -> list[Recorded]:
        """Every request received so far, in arrival order (a copy)."""
        with self._changed:
            return list(self._requests)

    @property
    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS accepted, in arrival order, each id once (a copy)."""
        with self._changed:
            return list(self._stored.values())

    def statements_for(self, registration: str | None = None,
                       session_id: str | None = None) -> list[dict[str, Any]]:
        """Accepted statements of one registration and/or cmi5 session, arrival order."""
        def keep(st: dict[str, Any]) -> bool:
            ctx = st.get("context", {})
            return ((registration is None or ctx.get("registration") == registration) and
                    (session_id is None or
                     ctx.get("extensions", {}).get(cmi5.EXT_SESSION) == session_id))
        return [st for st in self.statements if keep(st)]

    def requests_to(self, resource: str, method: str | None = None) -> list[Recorded]:
        """Requests whose path ends with `resource` (e.g. "statements", "/lms/fetch/<key>")."""
        return [r for r in self.requests
                if r.path.rstrip("/").endswith(resource) and method in (None, r.method)]

    def session(self, launch: Cmi5Launch) -> SessionStatus:
        """Where that launch's session stands (initialized, terminated, abandoned, refusals)."""
        with self._changed:
            return self._sessions[launch.key]

    def fetch_count(self, launch: Cmi5Launch) -> int:
        """How many times the AU POSTed this launch's fetch URL (cmi5 8.2: once)."""
        return self._fetched.get(launch.key, 0)

    def returned(self, launch: Cmi5Launch) -> bool:
        """Whether the browser reached this launch's returnURL page."""
        return launch.key in self._returns

    def lrs_statements(self, **query: str) -> list[dict[str, Any]]:
        """Statements as the backing LRS (Ralph, or memory) returns them for a GET query."""
        reply = self.statement_store.get({"limit": "0", **query})
        assert reply.status == 200, f"LRS GET failed: {reply.status} {reply.body!r}"
        found: list[dict[str, Any]] = reply.value()["statements"]
        return found

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Block until `condition()` holds (re-checked whenever a request has been answered);
        TimeoutError if not."""
        with self._changed:
            if not self._changed.wait_for(condition, timeout):
                verbs = [cmi5.verb_name(st) for st in self._stored.values()]
                raise TimeoutError(f"condition not met in {timeout}s; statements so far: {verbs}")

    def wait_for_verb(self, verb: str, *, registration: str | None = None,
                      timeout: float = 10.0) -> dict[str, Any]:
        """The first accepted statement with that verb (short name or IRI), waiting for it."""
        def found() -> list[dict[str, Any]]:
            return [st for st in self.statements_for(registration) if cmi5.has_verb(st, verb)]
        self.wait_until(lambda: bool(found()), timeout)
        return found()[0]

    def state(self, activity_id: str, agent: Mapping[str, Any], state_id: str,
              registration: str | None = None) -> Any:
        """A State document's JSON (None if absent): e.g. the AU's bookmark."""
        doc = self.documents.read(("state", activity_id, agent_key(agent), registration or ""),
                                  state_id)
        return doc.as_json() if doc else None

    def agent_profile(self, agent: Mapping[str, Any], profile_id: str = PREFERENCES) -> Any:
        doc = self.documents.read(("agentprofile", agent_key(agent)), profile_id)
        return doc.as_json() if doc else None

    # -- setting up launches -----------------------------------------------------------

    def mount(self, prefix: str, folder: Path) -> str:
        """Serve `folder` under /<prefix>/ on this server; returns that base URL."""
        prefix = "/" + prefix.strip("/") + "/"
        self.mounts[prefix] = Path(folder)
        return self.base_url + prefix

    def default_actor(self, name: str = "learner-1") -> dict[str, Any]:
        """A cmi5 actor: objectType Agent with an account (cmi5 9.2), no PII."""
        return default_actor(self.base_url, name)

    def cmi5_launch(self, au_url: str, *, publisher_id: str, activity_id: str | None = None,
                    actor: Mapping[str, Any] | None = None, registration: str | None = None,
                    launch_mode: str = "Normal", move_on: str = "CompletedOrPassed",
                    mastery_score: float | None = None, return_url: Any = DEFAULT_RETURN,
                    launch_parameters: str | None = None,
                    preferences: Mapping[str, str] | None = None,
                    template_registration: bool = False, record_launched: bool = True,
                    ) -> Cmi5Launch:
        """Prepare a cmi5 launch as an LMS does before opening the AU (cmi5 8.1, 9.3.1, 10).

        Seeds LMS.LaunchData, optionally the learner preferences, records the "launched"
        statement, opens a fetch URL, and returns the launch URL with endpoint, fetch,
        actor, registration and activityId. A relaunch for the same registration gets a
        new session id; pass the earlier launch's `registration` and `actor`.
        """
        actor = dict(actor or self.default_actor())
        registration = registration or str(uuid.uuid4())
        activity_id = activity_id or generated_activity_id(publisher_id)
        self._abandon_earlier(registration, activity_id)
        key, session_id = secrets.token_urlsafe(12), str(uuid.uuid4())
        if return_url is DEFAULT_RETURN:
            return_url = f"{self.base_url}/lms/returned/{key}"
        data = self.seed_launch_data(
            activity_id, actor, registration, session_id=session_id, publisher_id=publisher_id,
            launch_mode=launch_mode, move_on=move_on, mastery_score=mastery_score,
            return_url=return_url, launch_parameters=launch_parameters,
            template_registration=template_registration)
        if preferences is not None:
            self.set_learner_preferences(actor, **preferences)
        fetch = f"{self.base_url}/lms/fetch/{key}"
        params = {"endpoint": self.endpoint, "fetch": fetch, "actor": compact(actor),
                  "registration": registration, "activityId": activity_id}
        launch = Cmi5Launch(with_query(au_url, params), self.endpoint, fetch, actor,
                            registration, activity_id, publisher_id, session_id, data, key)
        with self._changed:
            self._launches[key] = launch
            self._sessions[key] = SessionStatus(launch)
        if record_launched:
            self.put_statement(*launched_statement(launch, au_url))
        return launch

    def seed_launch_data(self, activity_id: str, actor: Mapping[str, Any], registration: str, *,
                         session_id: str, publisher_id: str, **options: Any) -> dict[str, Any]:
        """Write the LMS.LaunchData State document (cmi5 10) and return it.

        `options` are those of launch.launch_data: launch_mode, move_on, mastery_score,
        return_url, launch_parameters, entitlement_key, template_registration.
        """
        data = launch_data(session_id, publisher_id, registration, **options)
        self.documents.write(("state", activity_id, agent_key(actor), registration),
                             LAUNCH_DATA, data)
        return data

    def set_learner_preferences(self, actor: Mapping[str, Any], languagePreference: str = "en-US",
                                audioPreference: str = "on") -> None:
        """Write the cmi5LearnerPreferences Agent Profile document (cmi5 11)."""
        self.documents.write(("agentprofile", agent_key(actor)), PREFERENCES,
                             {"languagePreference": languagePreference,
                              "audioPreference": audioPreference})

    def end_session(self, launch: Cmi5Launch) -> None:
        """Expire the launch's auth token (cmi5 8.2.1: limited to the session)."""
        with self._changed:
            for token in [t for t, k in self._tokens.items() if k == launch.key]:
                del self._tokens[token]

    def tincan_launch(self, launch_url: str, activity_id: str, *,
                      actor: Mapping[str, Any] | None = None,
                      registration: str | None = None) -> TinCanLaunch:
        """The Tin Can launch URL: endpoint, auth, actor, registration, activity_id.

        `auth` is this LMS's Basic credentials. The actor defaults to the same account
        Agent as cmi5; pass e.g. {"name": ["..."], "mbox": ["mailto:..."]} to try the
        0.9-style arrays some old launchers send.
        """
        actor = dict(actor or self.default_actor())
        registration = registration or str(uuid.uuid4())
        params = {"endpoint": self.endpoint, "auth": self.basic_auth, "actor": compact(actor),
                  "registration": registration, "activity_id": activity_id}
        return TinCanLaunch(with_query(launch_url, params), self.endpoint, self.basic_auth,
                            actor, registration, activity_id)
