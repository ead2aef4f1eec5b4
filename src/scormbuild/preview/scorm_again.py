"""Where scorm-again's browser builds are: it is an npm package, not on PyPI, and it is
not copied into this project (its licence and its updates stay with npm)."""
from __future__ import annotations

import os
from pathlib import Path

VERSION = "3.4.3"  # the version the browser tests run against (package-lock.json)
ENV = "SCORMBUILD_SCORM_AGAIN"
RUNTIMES = ("scorm12.js", "scorm2004.js")


def find_dist(start: Path, environ: dict[str, str] | None = None) -> Path | None:
    """`$SCORMBUILD_SCORM_AGAIN`, else node_modules/scorm-again/dist in `start` or a parent."""
    env = (os.environ if environ is None else environ).get(ENV)
    if env:
        return _usable(Path(env))
    for folder in (start.resolve(), *start.resolve().parents):
        found = _usable(folder / "node_modules" / "scorm-again" / "dist")
        if found:
            return found
    return None


def missing_message(environ: dict[str, str] | None = None, command: str = "preview") -> str:
    """What to run, said exactly; a wrong $SCORMBUILD_SCORM_AGAIN is named."""
    env = (os.environ if environ is None else environ).get(ENV)
    where = (f"{ENV}={env} has no {' and '.join(RUNTIMES)}" if env
             else "scorm-again was not found in node_modules/ here or in a parent folder")
    return (f"{command} needs the npm package scorm-again (the LMS runtime for SCORM): {where}.\n"
            f"Run:  npm install scorm-again@{VERSION}\n"
            f"or point {ENV} at its dist/ folder.")


def _usable(dist: Path) -> Path | None:
    return dist if all((dist / name).is_file() for name in RUNTIMES) else None
