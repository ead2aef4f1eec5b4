"""What the preview shows, shared between the watcher thread and the page's event streams.

Each change (a build, good or failed) is a new `version`; event streams wait on a condition
for a version newer than the one they last sent.
"""
from __future__ import annotations

import threading
from typing import Any

from ..diagnostics import Diagnostic
from .rebuild import Outcome

Status = dict[str, Any]


class Hub:
    def __init__(self, standard: str) -> None:
        self.standard = standard
        self._cond = threading.Condition()
        self._status: Status = {"version": 0, "standard": standard, "generation": 0, "scos": [],
                                "errors": [], "warnings": [], "seconds": 0.0}
        self.stopped = False

    def publish(self, outcome: Outcome) -> None:
        with self._cond:
            self._status = {
                "version": self._status["version"] + 1, "standard": self.standard,
                "generation": outcome.generation, "ok": outcome.ok, "seconds": round(outcome.seconds, 3),
                "scos": [vars(s) for s in outcome.scos],
                "errors": [_problem(d) for d in outcome.diagnostics if d.is_error],
                "warnings": [_problem(d) for d in outcome.diagnostics if not d.is_error],
            }
            self._cond.notify_all()

    def status(self) -> Status:
        with self._cond:
            return self._status

    def wait_newer(self, version: int, timeout: float) -> Status | None:
        """The status once newer than `version`; None on timeout or when stopping."""
        with self._cond:
            self._cond.wait_for(lambda: self.stopped or self._status["version"] > version, timeout)
            return None if self.stopped or self._status["version"] <= version else self._status

    def stop(self) -> None:
        with self._cond:
            self.stopped = True
            self._cond.notify_all()


def _problem(d: Diagnostic) -> dict[str, Any]:
    loc = d.location
    return {"text": str(d), "file": loc.path, "line": loc.line, "col": loc.col, "code": d.code,
            "severity": str(d.severity), "message": d.message, "fix": d.hint}
