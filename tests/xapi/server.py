"""The HTTP layer of the test LMS: parse a request, let `resources.route` answer, write it.

Kept apart from the resources so that what is HTTP plumbing (keep-alive, CORS, the xAPI
alternate request syntax, dropped connections during an outage) does not blur what is
LMS/LRS behaviour.
"""
from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .store import XAPI_VERSION, Reply

if TYPE_CHECKING:
    from .lms import TestLMS

# xAPI 1.0.3 Comm 1.3: header parameters that the alternate request syntax carries as form fields.
ALTERNATE_HEADERS = ("authorization", "x-experience-api-version", "content-type",
                     "content-length", "if-match", "if-none-match")
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, PUT, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": ("Authorization, Content-Type, X-Experience-API-Version, "
                                     "If-Match, If-None-Match"),
    "Access-Control-Expose-Headers": ("ETag, Last-Modified, Content-Type, "
                                      "X-Experience-API-Version, "
                                      "X-Experience-API-Consistent-Through"),
    "Access-Control-Max-Age": "600",
}


@dataclass
class Request:
    """One request as the LMS sees it: header names lower-cased, one value per query name."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes = b""
    alternate: bool = False  # arrived in the alternate request syntax (Comm 1.3)


def alternate_syntax(request: Request) -> Request | Reply:
    """Comm 1.3: a POST with ?method=X and the headers, content and parameters as a form."""
    if request.method != "POST" or "method" not in request.query:
        return request
    if set(request.query) != {"method"}:
        return Reply.error(400, "alternate request syntax allows only ?method= (xAPI Comm 1.3)")
    form = dict(urllib.parse.parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
    headers = {k.lower(): v for k, v in form.items() if k.lower() in ALTERNATE_HEADERS}
    query = {k: v for k, v in form.items() if k.lower() not in ALTERNATE_HEADERS and k != "content"}
    body = form.get("content", "").encode("utf-8")
    return Request(request.query["method"].upper(), request.path, query, headers, body, True)


class LMSHTTPServer(http.server.ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its TestLMS and every open connection."""

    daemon_threads = True
    allow_reuse_address = True  # come back on the same port after a "refuse" outage

    def __init__(self, port: int, lms: TestLMS) -> None:
        self.lms = lms
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), Handler)

    def drop_connections(self) -> None:
        """Reset every open (keep-alive) connection, as a crashed server would."""
        with self.connections_lock:
            for conn in list(self.connections):
                with contextlib.suppress(OSError):  # already closed by the client
                    conn.shutdown(socket.SHUT_RDWR)


class Handler(http.server.BaseHTTPRequestHandler):
    """Reads a request, asks the LMS, writes the reply with CORS and version headers."""

    protocol_version = "HTTP/1.1"  # keep-alive, as browsers use it
    server: LMSHTTPServer

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        super().finish()

    def do_GET(self) -> None:
        self._handle()

    do_HEAD = do_PUT = do_POST = do_DELETE = do_OPTIONS = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass  # the LMS keeps its own request log

    def _handle(self) -> None:
        lms = self.server.lms
        if lms.refusing:  # a "refuse" outage: answer nothing, drop the connection
            self.close_connection = True
            return
        raw = self._read()
        parsed = alternate_syntax(raw)
        record = lms.record(raw if isinstance(parsed, Reply) else parsed)
        reply = parsed if isinstance(parsed, Reply) else lms.answer(parsed)
        lms.answered(record, reply.status)
        self._write(reply)

    def _read(self) -> Request:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        return Request(self.command, urllib.parse.unquote(url.path), query, headers, body)

    def _write(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in {**self._cors(), **reply.headers}.items():
            self.send_header(name, value)
        # Comm 3.3: the LRS MUST send its version on every response.
        self.send_header("X-Experience-API-Version", XAPI_VERSION)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _cors(self) -> dict[str, str]:
        # Echo the page's origin (the package may be served from another port).
        origin = self.headers.get("Origin")
        if not origin:
            return {"Access-Control-Allow-Origin": "*", **CORS_HEADERS}
        return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true",
                "Vary": "Origin", **CORS_HEADERS}
