"""A small in-memory LRS and cmi5 LMS for the preview: what the player needs, no more.

    /lrs/statements                 xAPI Comm 2.1: POST one or a batch, PUT one, GET
    /lrs/activities/state           xAPI Comm 2.3 (the player's saved state, LMS.LaunchData)
    /lrs/agents/profile             xAPI Comm 2.6 (cmi5 learner preferences)
    /lrs/activities/profile         xAPI Comm 2.7
    POST /lms/fetch/<session>?…     cmi5 8.2: the auth token; the query (set by the page when it
                                    launches) says which AU: the LMS writes its LMS.LaunchData
                                    (cmi5 10) and the "launched" statement (cmi5 9.3.1)
    GET  /lms/returned              the returnURL page (cmi5 10)
    GET  /lms/inspect?after=n       for the inspector: statements after the n-th, every document

It is a preview, not a conformance test bed (tests/xapi/ is): no authentication (the
server listens on 127.0.0.1 only), no statement validation, nothing kept after Ctrl-C.
"""
from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

XAPI_VERSION = "1.0.3"
LAUNCH_DATA = "LMS.LaunchData"  # cmi5 10 stateId
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"  # cmi5 9.6.2.1
EXT = "https://w3id.org/xapi/cmi5/context/extensions/"  # cmi5 9.6.3
LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
# Document resources and the parameter naming a document in each (Comm 2.3, 2.6, 2.7).
DOCUMENTS = {"activities/state": ("stateId", ("activityId", "agent", "registration")),
             "agents/profile": ("profileId", ("agent",)),
             "activities/profile": ("profileId", ("activityId",))}
DocKey = tuple[str, ...]


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, value: object) -> Reply:
        return cls(status, json.dumps(value).encode(), {"Content-Type": "application/json"})


class MemoryLRS:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.statements: list[dict[str, Any]] = []
        self._ids: dict[str, dict[str, Any]] = {}
        self.documents: dict[DocKey, bytes] = {}
        self.errors: list[str] = []  # requests answered 4xx/5xx: the inspector's "API errors"

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: bytes) -> Reply:
        reply = self._route(method, path, query, body)
        if reply.status >= 400 and not _no_document_yet(method, path, reply.status):
            with self._lock:
                self.errors.append(f"{method} {path} → {reply.status} {reply.body[:300].decode('utf-8', 'replace')}")
        reply.headers["X-Experience-API-Version"] = XAPI_VERSION  # Comm 3.3: on every response
        return reply

    def _route(self, method: str, path: str, query: dict[str, str], body: bytes) -> Reply:
        if method == "OPTIONS":
            return Reply(204)
        if path.startswith("/lms/fetch/") and method == "POST":
            return self._fetch(path.rsplit("/", 1)[1], query)
        if path == "/lms/returned":
            return Reply(200, RETURNED, {"Content-Type": "text/html"})
        if path == "/lms/inspect":
            return Reply.json(200, self.inspect(int(query.get("after", "0") or 0)))
        resource = path.removeprefix("/lrs/").strip("/")
        if resource == "about":
            return Reply.json(200, {"version": [XAPI_VERSION]})
        if resource == "statements":
            return self._statements(method, query, body)
        if resource in DOCUMENTS:
            return self._document(method, resource, query, body)
        return Reply.json(404, {"error": f"no resource {path}"})

    # --- statements (Comm 2.1) -----------------------------------------------------------

    def _statements(self, method: str, query: dict[str, str], body: bytes) -> Reply:
        if method in ("GET", "HEAD"):
            with self._lock:
                if "statementId" in query:
                    found = self._ids.get(query["statementId"])
                    return Reply.json(200, found) if found else Reply.json(404, {"error": "no such statement"})
                return Reply.json(200, {"statements": self.statements[::-1], "more": ""})
        try:
            got = json.loads(body or b"null")
        except ValueError:
            return Reply.json(400, {"error": "the body is not JSON"})
        if method == "PUT" and isinstance(got, dict):
            got.setdefault("id", query.get("statementId"))
            return Reply(204) if self.store([got]) is not None else Reply.json(409, {"error": "id taken"})
        batch = got if isinstance(got, list) else [got]
        if method != "POST" or not all(isinstance(s, dict) for s in batch):
            return Reply.json(400, {"error": "POST a statement or a list of statements"})
        ids = self.store(batch)
        return Reply.json(200, ids) if ids is not None else Reply.json(409, {"error": "an id is taken"})

    def store(self, batch: list[dict[str, Any]]) -> list[str] | None:
        """Store new statements; an id already stored with the same statement is no error
        (the player re-sends after a lost answer), with another statement it is (Comm 2.1.3)."""
        stamp = _now()
        with self._lock:
            for st in batch:
                old = self._ids.get(str(st.get("id")))
                if old is not None and _core(old) != _core(st):
                    return None
            for st in batch:
                st.setdefault("id", str(uuid.uuid4()))
                if st["id"] in self._ids:
                    continue
                st.setdefault("timestamp", stamp)
                st["stored"] = stamp
                self._ids[st["id"]] = st
                self.statements.append(st)
            return [str(st["id"]) for st in batch]

    # --- documents (Comm 2.3, 2.6, 2.7) --------------------------------------------------

    def _document(self, method: str, resource: str, query: dict[str, str], body: bytes) -> Reply:
        id_name, scope_names = DOCUMENTS[resource]
        scope = (resource, *(_canonical(query.get(n, "")) for n in scope_names))
        key = (*scope, query.get(id_name, ""))
        with self._lock:
            if method in ("GET", "HEAD"):
                if not key[-1]:  # no id: the list of ids (Comm 2.3.2)
                    return Reply.json(200, [k[-1] for k in self.documents if k[:-1] == scope])
                doc = self.documents.get(key)
                return Reply(200, doc, {"Content-Type": "application/json"}) if doc is not None else Reply(404)
            if method == "DELETE":
                for k in [k for k in self.documents if k == key or (not key[-1] and k[:-1] == scope)]:
                    del self.documents[k]
                return Reply(204)
            if method == "POST" and key in self.documents:
                body = _merged(self.documents[key], body)
            self.documents[key] = body
            return Reply(204)

    # --- cmi5 LMS ---------------------------------------------------------------------------

    def _fetch(self, session: str, query: dict[str, str]) -> Reply:
        """cmi5 8.2 fetch: the token; and the launch the page described, made real."""
        activity, registration = query.get("activityId", ""), query.get("registration", "")
        actor = query.get("actor", "")
        data = launch_data(session, query)
        key = ("activities/state", activity, _canonical(actor), registration, LAUNCH_DATA)
        with self._lock:
            self.documents[key] = json.dumps(data).encode()
        self.store([launched(session, json.loads(actor or "{}"), activity, registration, data)])
        return Reply.json(200, {"auth-token": session})

    def inspect(self, after: int) -> dict[str, Any]:
        with self._lock:
            docs = [{"resource": k[0], "id": k[-1], "body": v.decode("utf-8", "replace")}
                    for k, v in self.documents.items()]
            return {"total": len(self.statements), "statements": self.statements[after:], "documents": docs,
                    "errors": list(self.errors)}


RETURNED = (b"<!doctype html><meta charset='utf-8'><title>Returned</title><body style='font:16px system-ui;"
            b"padding:2rem'><p>The course returned to the LMS (cmi5 returnURL). Choose the module again, or "
            b"save a file, to launch it again.</p>")


def launch_data(session: str, query: dict[str, str]) -> dict[str, Any]:
    """LMS.LaunchData (cmi5 10): the session id and publisher id in the context template."""
    data: dict[str, Any] = {
        "contextTemplate": {"contextActivities": {"grouping": [{"objectType": "Activity",
                                                                "id": query.get("publisherId", "")}]},
                            "extensions": {EXT + "sessionid": session}},
        "launchMode": "Normal", "moveOn": query.get("moveOn") or "NotApplicable",
        "returnURL": query.get("returnURL", "")}
    if query.get("masteryScore"):
        data["masteryScore"] = float(query["masteryScore"])
    return data


def launched(session: str, actor: dict[str, Any], activity: str, registration: str,
             data: dict[str, Any]) -> dict[str, Any]:
    """The LMS's "launched" statement (cmi5 9.3.1)."""
    extensions = {EXT + "sessionid": session, EXT + "launchmode": data["launchMode"],
                  EXT + "launchurl": "", EXT + "moveon": data["moveOn"]}
    return {"id": str(uuid.uuid4()), "actor": actor,
            "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": activity},
            "context": {"registration": registration, "extensions": extensions,
                        "contextActivities": {**data["contextTemplate"]["contextActivities"],
                                              "category": [{"objectType": "Activity", "id": CMI5_CATEGORY}]}}}


def _no_document_yet(method: str, path: str, status: int) -> bool:
    """A 404 for a document never written is an answer, not an error (Comm 2.3.2)."""
    return status == 404 and method in ("GET", "HEAD") and path.removeprefix("/lrs/").strip("/") in DOCUMENTS


def _canonical(value: str) -> str:
    """The same agent written with keys in another order is the same agent."""
    try:
        return json.dumps(json.loads(value), sort_keys=True) if value.startswith("{") else value
    except ValueError:
        return value


def _merged(old: bytes, new: bytes) -> bytes:
    """Comm 2.3.3: POST to a JSON document merges its top-level properties."""
    try:
        a, b = json.loads(old), json.loads(new)
    except ValueError:
        return new
    return json.dumps({**a, **b}).encode() if isinstance(a, dict) and isinstance(b, dict) else new


def _core(st: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in st.items() if k not in ("stored", "timestamp", "authority", "version")}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
