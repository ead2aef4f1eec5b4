"""Ralph (PyPI `ralph-malph[cli,lrs,backend-fs]`), a real LRS, on 127.0.0.1 for the tests.

Ralph implements the xAPI statements resource only (no State or Profile documents), so the
TestLMS forwards statements to it (store.RalphStatements) and keeps documents itself.

    with RalphServer(tmp_path).start() as ralph:
        lms = TestLMS(ralph.store()).start()

Setup: a Basic-auth user in Ralph's auth file (RALPH_AUTH_FILE), statements in a
file-system backend under the work folder, the server run by ralph_main.py (see there
why not `ralph runserver`). The auth file holds what `ralph auth -u U -p P -s all -M
mailto:... -w` writes (checked with ralph-malph 5.1.0), written here with a cheap bcrypt
cost: that CLI costs a second Python start and bcrypt cost 12, ~2 s of CPU on a
2-core machine. Ralph validates the file itself; `start` waits until /whoami accepts it.
"""
from __future__ import annotations

import base64
import importlib.metadata
import importlib.util
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .store import RalphStatements

HERE = Path(__file__).resolve().parent
MAIN = HERE / "ralph_main.py"
NEEDED = ("ralph", "uvicorn", "fastapi", "bcrypt", "requests")  # requests: see ralph_missing


def ralph_missing() -> str | None:
    """Why Ralph cannot run here, or None.

    `requests` is listed because ralph-malph 5.1.0's `lrs` extra omits it although
    ralph.api.auth.oidc imports it (it comes only with the `backend-ldp` extra).
    """
    absent = [m for m in NEEDED if importlib.util.find_spec(m) is None]
    if absent:
        return (f"missing Python modules {absent}: pip install "
                "'ralph-malph[cli,lrs,backend-fs]' requests")
    return None


def ralph_version() -> str:
    return importlib.metadata.version("ralph-malph")


class RalphServer:
    """A Ralph LRS process on 127.0.0.1:<free port>, data and config under `workdir`."""

    def __init__(self, workdir: Path, username: str = "scormbuild-lrs") -> None:
        self.workdir = Path(workdir)
        self.username, self.password = username, secrets.token_urlsafe(12)
        self.port = 0
        self.log = self.workdir / "ralph.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def data_file(self) -> Path:
        """Where Ralph's fs backend keeps the statements (one JSON per line)."""
        return self.workdir / "data" / "fs_lrs.jsonl"

    def store(self) -> RalphStatements:
        """A StatementStore for TestLMS that forwards to this Ralph."""
        return RalphStatements(self.url, self.username, self.password)

    def start(self, timeout: float = 30.0) -> RalphServer:
        """Write the auth file and start the server; wait until it answers authenticated."""
        (self.workdir / "data").mkdir(parents=True, exist_ok=True)
        self._write_auth_file()
        self._spawn(self._env())
        self._wait_ready(time.monotonic() + timeout)
        return self

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> RalphServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def statements(self, **query: str) -> list[dict[str, Any]]:
        """GET /xAPI/statements on Ralph directly (what the real LRS has stored)."""
        reply = self.store().get({"limit": "0", **query} if "statementId" not in query else query)
        assert reply.status == 200, f"Ralph GET: {reply.status} {reply.body!r}"
        value = reply.value()
        return [value] if "statementId" in query else value["statements"]

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
        env.update({
            "RALPH_APP_DIR": str(self.workdir / "app"),
            "RALPH_AUTH_FILE": str(self.workdir / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",  # the CLI also loads the backend: default is es
            "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.workdir / "data"),
        })
        return env

    def _write_auth_file(self) -> None:
        import bcrypt  # a dependency of ralph-malph[lrs]

        digest = bcrypt.hashpw(self.password.encode(), bcrypt.gensalt(rounds=4)).decode()
        # Ralph's email validator refuses reserved domains such as .test in an mbox.
        user = {"agent": {"mbox": "mailto:lms@example.com", "objectType": "Agent"},
                "scopes": ["all"], "hash": digest, "username": self.username}
        (self.workdir / "auth.json").write_text(json.dumps([user], indent=2))

    def _spawn(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-P", str(MAIN), "--host", "127.0.0.1", "--port", str(self.port)],
                env=env, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT)

    def _wait_ready(self, deadline: float) -> None:
        headers = {"Authorization": "Basic " + base64.b64encode(
            f"{self.username}:{self.password}".encode()).decode()}
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                raise RuntimeError(f"Ralph exited; its log:\n{self._log_tail()}")
            if _answers(f"{self.url}/whoami", headers):  # also warms Ralph's auth cache
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within the timeout; its log:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


def _answers(url: str, headers: dict[str, str]) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return bool(r.status == 200 and "scopes" in json.loads(r.read()))
    except (OSError, ValueError):
        return False


def _free_port() -> int:
    """A port free right now on 127.0.0.1 (Ralph binds it a moment later)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
