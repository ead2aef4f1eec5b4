"""Statements checked by an independent validator: Learning Locker's npm `xapi-validation`.

One `node validate_statements.mjs` run per batch (not per statement):

    problems = validate_statements(lms.statements)
    assert problems == [], "\\n".join(map(str, problems))

`xapi-validation` checks the xAPI 1.0.3 statement data model (types, IRIs, UUIDs,
timestamps, durations, language maps, interaction definitions, ...). It does not know
cmi5; cmi5_rules.py does.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "validate_statements.mjs"
REPO = HERE.parents[1]
PACKAGE = REPO / "node_modules" / "xapi-validation"


@dataclass(frozen=True)
class Problem:
    """One finding of xapi-validation: which statement, where in it, what is wrong."""

    index: int
    statement_id: str | None
    path: str
    kind: str
    detail: str
    value: str | None = None

    def __str__(self) -> str:
        value = f" (got {self.value})" if self.value is not None else ""
        return f"statement #{self.index} {self.statement_id}: {self.path}: {self.detail}{value}"

    __repr__ = __str__


def validator_missing() -> str | None:
    """Why the validator cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    if not (PACKAGE / "package.json").exists():
        return f"{PACKAGE} is missing: run `npm install` (devDependency xapi-validation)"
    return None


def validator_version() -> str:
    return str(json.loads((PACKAGE / "package.json").read_text())["version"])


def validate_statements(statements: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """Every problem xapi-validation finds in these statements (empty = all valid)."""
    if not statements:
        return []
    reports = _run(list(statements))
    return [Problem(r["index"], r["id"], e["path"], e["kind"], e["detail"], e.get("value"))
            for r in reports for e in r["errors"]]


def assert_valid(statements: Sequence[Mapping[str, Any]]) -> None:
    """AssertionError listing every problem, if there is any."""
    problems = validate_statements(statements)
    assert not problems, "xapi-validation found:\n" + "\n".join(map(str, problems))


def _run(statements: list[Any]) -> list[dict[str, Any]]:
    missing = validator_missing()
    if missing:
        raise RuntimeError(f"cannot validate statements: {missing}")
    done = subprocess.run(["node", str(SCRIPT)], input=json.dumps(statements), text=True,
                          capture_output=True, timeout=60, cwd=REPO)
    if done.returncode != 0:
        raise RuntimeError(f"validate_statements.mjs failed ({done.returncode}): {done.stderr}")
    reports: list[dict[str, Any]] = json.loads(done.stdout)
    return reports
