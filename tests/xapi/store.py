"""Where the test LMS keeps what an LRS keeps: statements and documents.

Statements live behind one small interface, `StatementStore`, with two implementations:

- `MemoryStatements`: the statement semantics of xAPI 1.0.3 implemented here, for runs
  without Ralph (and as a cross-check of the forwarding path);
- `RalphStatements`: every statement request forwarded to a real LRS (Ralph), whose
  answer decides; a few known deviations of Ralph are translated back to the spec.

Documents (State, Agent Profile, Activity Profile resources) always stay here: Ralph has
no document APIs. References are to xAPI 1.0.3 "Part Three: Data Processing, Validation,
and Security" (xAPI-Communication.md), "Comm" below, and Part Two (xAPI-Data.md), "Data".
"""
from __future__ import annotations

import base64
import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any, Protocol

XAPI_VERSION = "1.0.3"
JSON_TYPE = "application/json"
# Data 2.4.2.1: an Agent is identified by exactly one Inverse Functional Identifier.
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
# Data 2.4.9/2.4.10 and Comm 2.1.3: properties the LRS sets, ignored when comparing.
LRS_SET_PROPERTIES = frozenset({"stored", "authority", "version"})


@dataclass
class Reply:
    """An HTTP answer before it is written: status, body, extra headers."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, value: Any, **headers: str) -> Reply:
        body = json.dumps(value, separators=(",", ":")).encode()
        return cls(status, body, {"Content-Type": JSON_TYPE, **headers})

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        return cls.json(status, {"error": True, "message": message})

    def value(self) -> Any:
        return json.loads(self.body) if self.body else None


def now_iso() -> str:
    """An xAPI timestamp in UTC with milliseconds (Data 4.5)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def agent_key(agent: Mapping[str, Any]) -> str:
    """A canonical key for an Agent: its one IFI (Data 2.4.2.1); ValueError if not exactly one."""
    ifis = [k for k in IFI_KEYS if k in agent]
    if len(ifis) != 1:
        raise ValueError(f"an Agent needs exactly one inverse functional identifier, has {ifis}")
    value = agent[ifis[0]]
    if ifis[0] == "account":
        value = {"homePage": value.get("homePage"), "name": value.get("name")}
    return json.dumps({ifis[0]: value}, sort_keys=True)


def equivalent(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Comm 2.1.3 / Data 2.3: same statement, ignoring what the LRS set on storing it."""
    keys = (a.keys() | b.keys()) - LRS_SET_PROPERTIES - {"timestamp"}
    if any(a.get(k) != b.get(k) for k in keys):
        return False
    # The LRS fills in a missing timestamp, so compare it only when both have one.
    return "timestamp" not in a or "timestamp" not in b or a["timestamp"] == b["timestamp"]


class StatementStore(Protocol):
    """The statements resource (Comm 2.1) as the test LMS uses it, after auth and headers.

    `put` receives a statement whose id equals statement_id; `post` receives statements
    that all have ids (the LMS assigns missing ones, Comm 2.1.2). Both answer as the LRS
    would: PUT 204 / 409, POST 200 with the id list / 409 / 400.
    """

    name: str

    def put(self, statement_id: str, statement: dict[str, Any]) -> Reply: ...

    def post(self, statements: list[dict[str, Any]]) -> Reply: ...

    def get(self, query: Mapping[str, str]) -> Reply: ...


class MemoryStatements:
    """Statements kept in a dict, with the xAPI 1.0.3 semantics of Comm 2.1."""

    name = "memory"

    def __init__(self, authority: Mapping[str, Any]) -> None:
        self.authority = dict(authority)
        self._by_id: dict[str, dict[str, Any]] = {}

    def put(self, statement_id: str, statement: dict[str, Any]) -> Reply:
        # Comm 2.1.1: same id and same statement → 204 (no change); different → 409.
        old = self._by_id.get(statement_id)
        if old is not None:
            return Reply(204) if equivalent(old, statement) else Reply.error(409, "conflict")
        problem = self._malformed(statement)
        if problem:
            return Reply.error(400, problem)
        self._store(statement)
        return Reply(204)

    def post(self, statements: list[dict[str, Any]]) -> Reply:
        # Comm 2.1.2: the batch is stored whole or not at all.
        for st in statements:
            old = self._by_id.get(st["id"])
            if old is not None and not equivalent(old, st):
                return Reply.error(409, f"a different statement {st['id']} exists")
            problem = self._malformed(st)
            if problem:
                return Reply.error(400, problem)
        for st in statements:
            if st["id"] not in self._by_id:
                self._store(st)
        return Reply.json(200, [st["id"] for st in statements])

    def get(self, query: Mapping[str, str]) -> Reply:
        # Comm 2.1.3: statementId → that statement; otherwise a StatementResult.
        if "statementId" in query:
            one = self._by_id.get(query["statementId"])
            return Reply.json(200, one) if one else Reply.error(404, "no such statement")
        if "voidedStatementId" in query:
            return Reply.error(404, "no voided statements here")
        found = [st for st in self._by_id.values() if _matches(st, query)]
        if query.get("ascending", "false") != "true":
            found.reverse()  # Comm 2.1.3: most recent stored first by default
        limit = int(query.get("limit", "0") or 0)
        return Reply.json(200, {"statements": found[:limit] if limit else found, "more": ""})

    def _store(self, statement: dict[str, Any]) -> None:
        stored = {**statement, "stored": now_iso(), "authority": self.authority}
        stored.setdefault("timestamp", stored["stored"])  # Data 2.4.8
        stored.setdefault("version", "1.0.0")  # Data 2.4.10
        self._by_id[statement["id"]] = stored

    @staticmethod
    def _malformed(statement: Mapping[str, Any]) -> str | None:
        # Only the shape needed to store it; full validation is validate.py's job.
        missing = [k for k in ("actor", "verb", "object") if k not in statement]
        return f"statement {statement.get('id')} lacks {missing}" if missing else None


def _matches(st: Mapping[str, Any], query: Mapping[str, str]) -> bool:
    """The simple filters of Comm 2.1.3 (agent, verb, activity, registration, since/until)."""
    context = st.get("context", {})
    checks: dict[str, Callable[[str], bool]] = {
        "verb": lambda v: st["verb"].get("id") == v,
        "activity": lambda v: st["object"].get("id") == v,
        "registration": lambda v: context.get("registration") == v,
        "agent": lambda v: _same_agent(st.get("actor", {}), json.loads(v)),
        "since": lambda v: st["stored"] > v,
        "until": lambda v: st["stored"] <= v,
    }
    return all(check(query[k]) for k, check in checks.items() if k in query)


def _same_agent(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    try:
        return agent_key(a) == agent_key(b)
    except ValueError:
        return False


class RalphStatements:
    """Statements forwarded to a running Ralph LRS (see ralph_lrs.py); Ralph's answer decides."""

    name = "ralph"

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.url = base_url.rstrip("/") + "/xAPI/statements"
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self._headers = {"Authorization": f"Basic {token}", "Content-Type": JSON_TYPE,
                         "X-Experience-API-Version": XAPI_VERSION}

    def put(self, statement_id: str, statement: dict[str, Any]) -> Reply:
        query = urllib.parse.urlencode({"statementId": statement_id})
        return self._send("PUT", f"{self.url}?{query}", statement)

    def post(self, statements: list[dict[str, Any]]) -> Reply:
        reply = self._send("POST", self.url, statements)
        # Comm 2.1.2 wants 200 and every id of the batch; Ralph answers 204 when all of
        # them were already stored and otherwise lists only the new ones.
        if reply.status in (200, 204):
            return Reply.json(200, [st["id"] for st in statements])
        return reply

    def get(self, query: Mapping[str, str]) -> Reply:
        reply = self._send("GET", f"{self.url}?{urllib.parse.urlencode(query)}", None)
        if "statementId" in query and reply.status == 200:
            # Comm 2.1.3: a single Statement, where Ralph wraps it in a StatementResult.
            found = (reply.value() or {}).get("statements", [])
            return Reply.json(200, found[0]) if found else Reply.error(404, "no such statement")
        return reply

    def _send(self, method: str, url: str, payload: Any) -> Reply:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(url, data, self._headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return _reply_of(response.status, response.read(), response.headers)
        except urllib.error.HTTPError as error:
            return _reply_of(error.code, error.read(), error.headers)
        except OSError as error:  # Ralph itself unreachable: the LRS is down
            return Reply.error(502, f"Ralph at {self.url} unreachable: {error}")


def _reply_of(status: int, body: bytes, headers: Any) -> Reply:
    ctype = headers.get("Content-Type", JSON_TYPE) if headers else JSON_TYPE
    return Reply(status, body, {"Content-Type": ctype} if body else {})


@dataclass
class Document:
    """One stored document of the State or a Profile resource (Comm 2.3-2.7)."""

    content: bytes
    content_type: str
    updated: str = field(default_factory=now_iso)

    @property
    def etag(self) -> str:
        # Comm 3.1: the ETag is the SHA-1 of the content, quoted.
        return '"' + hashlib.sha1(self.content).hexdigest() + '"'

    def as_json(self) -> Any:
        return json.loads(self.content)

    def reply(self) -> Reply:
        last = formatdate(datetime.fromisoformat(self.updated.replace("Z", "+00:00")).timestamp(),
                          usegmt=True)
        return Reply(200, self.content, {"Content-Type": self.content_type,
                                         "ETag": self.etag, "Last-Modified": last})


Scope = tuple[str, ...]


class Documents:
    """Documents by scope (resource + activity/agent/registration) and id (stateId/profileId).

    `concurrency` turns on the If-Match / If-None-Match rules of Comm 3.1, which xAPI
    1.0.3 requires for the Agent and Activity Profile resources but not for State.
    """

    def __init__(self) -> None:
        self._docs: dict[Scope, dict[str, Document]] = {}

    def read(self, scope: Scope, doc_id: str) -> Document | None:
        return self._docs.get(scope, {}).get(doc_id)

    def write(self, scope: Scope, doc_id: str, value: Any) -> None:
        """Store a JSON document directly (what the LMS does before a launch)."""
        self._docs.setdefault(scope, {})[doc_id] = Document(json.dumps(value).encode(), JSON_TYPE)

    def get(self, scope: Scope, doc_id: str | None, since: str | None = None) -> Reply:
        if doc_id is None:  # Comm 2.3: no id → the list of ids
            docs = self._docs.get(scope, {})
            return Reply.json(200, [k for k, d in docs.items() if not since or d.updated > since])
        doc = self.read(scope, doc_id)
        return doc.reply() if doc else Reply.error(404, f"no document {doc_id!r}")

    def put(self, scope: Scope, doc_id: str, new: Document, headers: Mapping[str, str],
            concurrency: bool) -> Reply:
        refused = self._precondition(scope, doc_id, headers, concurrency, put=True)
        if refused:
            return refused
        self._docs.setdefault(scope, {})[doc_id] = new
        return Reply(204)

    def post(self, scope: Scope, doc_id: str, new: Document, headers: Mapping[str, str],
             concurrency: bool) -> Reply:
        refused = self._precondition(scope, doc_id, headers, concurrency, put=False)
        if refused:
            return refused
        old = self.read(scope, doc_id)
        if old is not None:
            merged = _merge_json(old, new)  # Comm 2.2 "JSON Procedure with Requirements"
            if merged is None:
                return Reply.error(400, "POST merges JSON objects only (xAPI Comm 2.2)")
            new = merged
        self._docs.setdefault(scope, {})[doc_id] = new
        return Reply(204)

    def delete(self, scope: Scope, doc_id: str | None, headers: Mapping[str, str],
               concurrency: bool) -> Reply:
        if doc_id is None:  # Comm 2.3: DELETE without stateId clears the scope
            self._docs.pop(scope, None)
            return Reply(204)
        refused = self._precondition(scope, doc_id, headers, concurrency, put=False)
        if refused:
            return refused
        self._docs.get(scope, {}).pop(doc_id, None)
        return Reply(204)

    def _precondition(self, scope: Scope, doc_id: str, headers: Mapping[str, str],
                      concurrency: bool, put: bool) -> Reply | None:
        if not concurrency:
            return None
        doc = self.read(scope, doc_id)
        if_match, if_none = headers.get("if-match"), headers.get("if-none-match")
        if if_match is not None and (doc is None or if_match not in (doc.etag, "*")):
            return Reply.error(412, "If-Match does not match the current ETag (Comm 3.1)")
        if if_none == "*" and doc is not None:
            return Reply.error(412, "If-None-Match: * but the document exists (Comm 3.1)")
        if put and doc is not None and if_match is None and if_none is None:
            return Reply.error(409, "PUT over an existing document needs If-Match (Comm 3.1)")
        return None


def _merge_json(old: Document, new: Document) -> Document | None:
    """Top-level merge of two JSON objects, or None when either is not one."""
    try:
        a, b = old.as_json(), new.as_json()
    except ValueError:
        return None
    json_types = old.content_type.startswith(JSON_TYPE) and new.content_type.startswith(JSON_TYPE)
    if not (json_types and isinstance(a, dict) and isinstance(b, dict)):
        return None
    return Document(json.dumps({**a, **b}).encode(), JSON_TYPE)


def assign_ids(statements: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Comm 2.1.2: the LRS gives an id to each statement of a POST that lacks one."""
    return [st if "id" in st else {**st, "id": str(uuid.uuid4())} for st in statements]
