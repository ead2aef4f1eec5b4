"""The preview's HTTP server, on 127.0.0.1 only (it serves the author's files and an LRS
with no authentication: nothing outside this machine may reach it).

    /                       the LMS page with the inspector (templates/preview/)
    /preview/<file>         its script and styles
    /scorm-again/<file>     scorm-again's browser builds, from the npm package
    /pkg/g<n>/<package>/…   the packages of build n, unzipped
    /api/state              the current status (JSON)
    /api/events             the same status as Server-Sent Events, one event per build
    /lrs/…, /lms/…          the in-memory LRS and cmi5 LMS (cmi5, Tin Can)
"""
from __future__ import annotations

import http.server
import json
import mimetypes
import sys
import urllib.parse
from pathlib import Path
from typing import Protocol

from ..resources import templates_dir
from .hub import Hub, Status

# How often an idle event stream sends a comment: a closed tab is noticed (the write fails)
# and Ctrl-C is never kept waiting longer than this.
HEARTBEAT_SECONDS = 1.0
_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
          ".xsd": "application/xml", ".xml": "application/xml", ".json": "application/json"}


class Answer(Protocol):
    """What the LRS gives back: status, headers, body."""

    status: int
    headers: dict[str, str]
    body: bytes


class Backend(Protocol):
    """The in-memory LRS/LMS (see .lrs): answers /lrs/ and /lms/ requests."""

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: bytes) -> Answer: ...


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a stuck browser connection never keeps the process alive

    def __init__(self, port: int, hub: Hub, site: Path, scorm_again: Path | None, lrs: Backend | None) -> None:
        self.hub, self.site, self.scorm_again, self.lrs = hub, site, scorm_again, lrs
        self.page = templates_dir() / "preview"
        super().__init__(("127.0.0.1", port), Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A request that failed: one line, never socketserver's traceback on the author's terminal.
        A connection the browser dropped (a frame removed mid-download) is no error at all."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError):
            print(f"preview: a request failed: {type(exc).__name__}: {exc}", file=sys.stderr)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:  # the stdlib's parameter name
        pass  # the terminal is for the author: builds and errors, not requests

    def _foreign(self) -> bool:
        """A Host other than this machine's names: a DNS-rebinding page trying to read the
        course or write to the LRS through the author's browser (as Vite and webpack's dev
        servers refuse)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        if host in ("127.0.0.1", "localhost", "::1"):
            return False
        self._send(403, b"preview answers only 127.0.0.1 and localhost", "text/plain")
        return True

    def do_GET(self) -> None:
        if self._foreign():
            return
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path.startswith(("/lrs/", "/lms/")):
            return self._backend(path)
        if path == "/api/events":
            return self._events()
        if path == "/api/state":
            return self._send(200, json.dumps(self.server.hub.status()).encode(), "application/json")
        folder, rest = self._folder(path)
        if folder is None:
            return self._send(404, b"not found", "text/plain")
        self._file(folder, rest)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        if self._foreign():
            return
        self._backend(urllib.parse.unquote(urllib.parse.urlsplit(self.path).path))

    do_PUT = do_DELETE = do_OPTIONS = do_POST

    def _folder(self, path: str) -> tuple[Path | None, str]:
        if path in ("/", "/index.html"):
            return self.server.page, "index.html"
        for prefix, folder in (("/preview/", self.server.page), ("/scorm-again/", self.server.scorm_again),
                               ("/pkg/", self.server.site)):
            if path.startswith(prefix):
                return folder, path[len(prefix):]
        return None, ""

    def _file(self, folder: Path, rest: str) -> None:
        target = (folder / rest).resolve()
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            return self._send(404, b"not found", "text/plain")
        kind = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, target.read_bytes(), kind)

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # every rebuild must be fetched again
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the status now, then once per build, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        hub = self.server.hub
        status: Status | None = hub.status()
        version = 0
        try:
            while not hub.stopped:
                if status is not None:
                    self.wfile.write(b"data: " + json.dumps(status).encode() + b"\n\n")
                    version = status["version"]
                else:
                    self.wfile.write(b": idle\n\n")
                self.wfile.flush()
                status = hub.wait_newer(version, HEARTBEAT_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded

    def _backend(self, path: str) -> None:
        lrs = self.server.lrs
        if lrs is None:
            return self._send(404, b"no LRS: preview runs a SCORM standard", "text/plain")
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        got = lrs.answer(self.command, path, query, headers, body)
        extra = {k: v for k, v in got.headers.items() if k != "Content-Type"}
        self._send(got.status, got.body, got.headers.get("Content-Type", "application/json"), extra)
