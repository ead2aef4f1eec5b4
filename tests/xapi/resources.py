"""What the test LMS answers: the cmi5 fetch URL, the xAPI resources, a few LMS pages.

Paths (all on http://127.0.0.1:<port>):
  POST /lms/fetch/<key>        cmi5 8.2 authorization token, once per launch
  GET  /lms/returned/<key>     the returnURL page (cmi5 10), records the visit
  GET  /xapi/about             xAPI Comm 2.8, no auth, no version header needed
  *    /xapi/statements        xAPI Comm 2.1 (PUT, POST, GET)
  *    /xapi/activities/state  xAPI Comm 2.3 (State resource)
  *    /xapi/agents/profile    xAPI Comm 2.6 (Agent Profile resource)
  *    /xapi/activities/profile xAPI Comm 2.7 (Activity Profile resource)
  GET  /<mount>/...            static files (TestLMS.mount)
"""
from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .server import Request
from .store import JSON_TYPE, Document, Reply, Scope, agent_key, assign_ids, now_iso

if TYPE_CHECKING:
    from .lms import TestLMS

XAPI_PREFIX = "/xapi/"
LAUNCH_DATA = "LMS.LaunchData"  # cmi5 10 stateId
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.I)
VERSION_RE = re.compile(r"^1\.0(\.\d+)?$")  # Comm 3.3: 1.0 and 1.0.x are 1.0.3-compatible
Who = str  # "basic" (the LMS's own credentials) or "token:<fetch key>" (cmi5 8.2)


def route(lms: TestLMS, req: Request) -> Reply:
    """The answer to one request (OPTIONS is a CORS preflight: headers only)."""
    if req.method == "OPTIONS":
        return Reply(204)
    if req.path.startswith(XAPI_PREFIX):
        return xapi(lms, req, req.path[len(XAPI_PREFIX):].strip("/"))
    if req.path.startswith("/lms/fetch/"):
        return fetch(lms, req, req.path.rsplit("/", 1)[1])
    if req.path.startswith("/lms/returned/") and req.method in ("GET", "HEAD"):
        lms.note_return(req.path.rsplit("/", 1)[1])
        return Reply(200, b"<!doctype html><title>LMS</title><p>Returned to the LMS.</p>",
                     {"Content-Type": "text/html; charset=utf-8"})
    return static(lms, req)


def fetch(lms: TestLMS, req: Request, key: str) -> Reply:
    """cmi5 8.2: POST gives {"auth-token"} once; errors are 200 with error-code (8.2.2, 8.2.3)."""
    if req.method != "POST":  # 8.2.1: GET is not allowed, to prevent caching
        return Reply.json(405, {"error-code": "3", "error-text": "the fetch URL takes POST only"},
                          Allow="POST")
    token, error = lms.issue_token(key)
    if error:
        return Reply.json(200, error)
    return Reply.json(200, {"auth-token": token}, **{"Cache-Control": "no-store"})


def xapi(lms: TestLMS, req: Request, resource: str) -> Reply:
    """Outage, version header (Comm 3.3), auth (Comm 4), then the resource."""
    if lms.outage == "503":
        return Reply.error(503, "the LRS is down (test outage)")
    if resource == "about" and req.method in ("GET", "HEAD"):
        return Reply.json(200, {"version": ["1.0.3", "1.0.0"]})
    version = req.headers.get("x-experience-api-version")
    if not version or not VERSION_RE.match(version):
        return Reply.error(400, f"X-Experience-API-Version missing or unsupported: {version!r}")
    who = lms.authorize(req.headers.get("authorization"))
    if who is None:
        return Reply.error(401, "no valid credentials (Basic, or the cmi5 fetch token)")
    handler = RESOURCES.get(resource)
    return handler(lms, req, who) if handler else Reply.error(404, f"no resource {resource!r}")


def statements(lms: TestLMS, req: Request, who: Who) -> Reply:
    """Comm 2.1: PUT one (statementId), POST one or a batch, GET by id or by filters."""
    if req.method in ("GET", "HEAD"):
        reply = lms.statement_store.get(req.query)
        reply.headers["X-Experience-API-Consistent-Through"] = now_iso()  # Comm 2.1.3
        return reply
    body, problem = _json_body(req)
    if problem:
        return Reply.error(400, problem)
    if req.method == "PUT":
        return _put_statement(lms, req.query.get("statementId"), body, who)
    if req.method == "POST":
        return _post_statements(lms, body, who)
    return Reply.error(405, f"{req.method} not allowed on statements")


def _put_statement(lms: TestLMS, statement_id: str | None, body: Any, who: Who) -> Reply:
    if not statement_id or not UUID_RE.match(statement_id):
        return Reply.error(400, "PUT needs a UUID statementId parameter (Comm 2.1.1)")
    if not isinstance(body, dict):
        return Reply.error(400, "PUT takes one statement object")
    if body.setdefault("id", statement_id) != statement_id:
        return Reply.error(400, "the statement id differs from statementId (Comm 2.1.1)")
    return lms.put_statement(statement_id, body, who)


def _post_statements(lms: TestLMS, body: Any, who: Who) -> Reply:
    batch = body if isinstance(body, list) else [body]
    if not batch or not all(isinstance(st, dict) for st in batch):
        return Reply.error(400, "POST takes a statement or a non-empty array of statements")
    ids = [st["id"] for st in batch if "id" in st]
    if len(ids) != len(set(ids)):
        return Reply.error(400, "the batch repeats a statement id (Comm 2.1.2)")
    if any(not isinstance(i, str) or not UUID_RE.match(i) for i in ids):
        return Reply.error(400, "statement ids must be UUIDs (Data 2.4.1)")
    return lms.post_statements(assign_ids(batch), who)


def state(lms: TestLMS, req: Request, who: Who) -> Reply:
    """Comm 2.3: documents by activityId + agent (+ registration) and stateId."""
    q = req.query
    scope, problem = _scope(q, "activityId", "agent")
    registration = q.get("registration", "")
    if registration and not UUID_RE.match(registration):
        problem = problem or "registration must be a UUID"
    if problem or scope is None:
        return Reply.error(400, problem or "bad parameters")
    refused = lms.check_agent(who, json.loads(q["agent"]))
    if refused:
        return refused
    state_id = q.get("stateId")
    touches_launch_data = state_id == LAUNCH_DATA or (state_id is None and req.method == "DELETE")
    if touches_launch_data and req.method in ("PUT", "POST", "DELETE") and who != "basic":
        # cmi5 10: "The AU MUST NOT modify or delete the LMS.LaunchData State document."
        return Reply.error(403, "the AU may not modify or delete LMS.LaunchData (cmi5 10)")
    return _documents(lms, req, ("state", *scope, registration), "stateId", concurrency=False)


def agent_profile(lms: TestLMS, req: Request, who: Who) -> Reply:
    """Comm 2.6: documents by agent and profileId (cmi5 11: cmi5LearnerPreferences)."""
    scope, problem = _scope(req.query, "agent")
    if problem or scope is None:
        return Reply.error(400, problem or "bad parameters")
    refused = lms.check_agent(who, json.loads(req.query["agent"]))
    if refused:
        return refused
    return _documents(lms, req, ("agentprofile", *scope), "profileId", concurrency=True)


def activity_profile(lms: TestLMS, req: Request, who: Who) -> Reply:
    """Comm 2.7: documents by activityId and profileId (cmi5 12 lets an AU use them)."""
    scope, problem = _scope(req.query, "activityId")
    if problem or scope is None:
        return Reply.error(400, problem or "bad parameters")
    return _documents(lms, req, ("activityprofile", *scope), "profileId", concurrency=True)


def _documents(lms: TestLMS, req: Request, scope: Scope, id_name: str, concurrency: bool) -> Reply:
    doc_id, docs = req.query.get(id_name), lms.documents
    if req.method in ("GET", "HEAD"):
        return docs.get(scope, doc_id, req.query.get("since"))
    if req.method == "DELETE":
        return docs.delete(scope, doc_id, req.headers, concurrency)
    if not doc_id:
        return Reply.error(400, f"{req.method} needs {id_name}")
    new = Document(req.body, req.headers.get("content-type", "application/octet-stream"))
    if req.method == "PUT":
        return docs.put(scope, doc_id, new, req.headers, concurrency)
    if req.method == "POST":
        return docs.post(scope, doc_id, new, req.headers, concurrency)
    return Reply.error(405, f"{req.method} not allowed here")


def _scope(query: dict[str, str], *names: str) -> tuple[tuple[str, ...] | None, str | None]:
    """The required parameters in order, the agent one canonicalised; or a 400 message."""
    missing = [n for n in names if not query.get(n)]
    if missing:
        return None, f"missing parameter(s) {missing}"
    try:
        return tuple(agent_key(json.loads(query[n])) if n == "agent" else query[n]
                     for n in names), None
    except (ValueError, AttributeError, TypeError) as error:
        return None, f"agent is not an xAPI Agent: {error}"


def _json_body(req: Request) -> tuple[Any, str | None]:
    ctype = req.headers.get("content-type", JSON_TYPE)
    if not ctype.startswith(JSON_TYPE):
        return None, f"statements must be {JSON_TYPE}, got {ctype!r} (attachments unsupported)"
    try:
        return json.loads(req.body or b"null"), None
    except ValueError as error:
        return None, f"body is not JSON: {error}"


def static(lms: TestLMS, req: Request) -> Reply:
    """Files of a mounted folder (a package, an LMS page); never outside that folder."""
    for prefix, folder in lms.mounts.items():
        if req.path.startswith(prefix) and req.method in ("GET", "HEAD"):
            return _file(folder, req.path[len(prefix):])
    return Reply.error(404, f"nothing at {req.path}")


def _file(folder: Path, relative: str) -> Reply:
    target = (folder / relative).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(folder.resolve()) or not target.is_file():
        return Reply.error(404, f"no file {relative!r}")
    ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return Reply(200, target.read_bytes(), {"Content-Type": ctype, "Cache-Control": "no-store"})


RESOURCES: dict[str, Callable[[TestLMS, Request, Who], Reply]] = {
    "statements": statements,
    "activities/state": state,
    "agents/profile": agent_profile,
    "activities/profile": activity_profile,
}
