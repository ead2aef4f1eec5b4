"""What earlier runs worked out from files that have not changed: parsed lessons and the
prose scans the checks make (issue 14: a rebuild after editing one lesson re-parses that
lesson, not the course).

Loading and checking stay complete: every lesson file is still read, and every check
still runs over the whole course. A lesson whose bytes are unchanged gets back its model
*and the diagnostics* its parse gave, so no author error is hidden; a scan is keyed by
the Markdown text itself. Lesson keys also hold the file's path, the path shown in
messages, and scormbuild's code, templates, schemas and parsing libraries
(`cache.tool_digest`), so any change there parses again.

Where: `$XDG_CACHE_HOME/scormbuild/lessons/` (default `~/.cache/...`), one file per course
folder, never inside the course. It is a pickle, read only from the user's own cache
folder: the trust jinja2's compiled-template cache beside it already asks for. No usable
folder (a read-only home, a CI sandbox) or an unreadable file simply means no memo.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from .. import model as m
from .. import prose
from ..cache import tool_digest, user_cache_folder
from ..diagnostics import Diagnostic
from .lesson import load_lesson

Parsed = tuple[m.Lesson, list[Diagnostic]]
# What a lesson's model depends on besides its bytes and scormbuild's own files.
LIBRARIES = ("yaml", "markdown_it")


class Memo:
    """One run's memo of one course folder: read at the start, saved after the checks."""

    def __init__(self, root: Path | None = None, enabled: bool = True) -> None:
        folder = user_cache_folder("lessons") if enabled and root is not None else None
        name = hashlib.blake2b(str(root).encode(), digest_size=10).hexdigest()
        self.path = folder / f"{name}.pickle" if folder is not None else None
        stored = _read(self.path) if self.path is not None else {}
        self.known: dict[str, Parsed] = stored.get("lessons", {})
        self.used: dict[str, Parsed] = {}
        self.known_scans: dict[str, prose.Scan] = stored.get("scans", {})
        self.scans = prose.remember(self.known_scans)

    def lesson(self, path: Path, rel: str, diags: list[Diagnostic]) -> m.Lesson:
        """The lesson at `path`, as `load_lesson` makes it; raises what reading it raises."""
        data = path.read_bytes()
        key = _key(path, rel, data)
        parsed = self.known.get(key)
        if parsed is None:
            found: list[Diagnostic] = []
            parsed = (load_lesson(path, rel, found, text=_text(data)), found)
        self.used[key] = parsed
        diags.extend(parsed[1])
        return parsed[0]

    def save(self) -> None:
        """Keep what this run used (so edited-away versions are dropped), if anything changed."""
        if self.path is None or (self.used.keys() == self.known.keys()
                                 and self.scans.keys() == self.known_scans.keys()):
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(pickle.dumps({"stamp": tool_digest(*LIBRARIES), "lessons": self.used, "scans": dict(self.scans)},
                                         protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)


def _key(path: Path, rel: str, data: bytes) -> str:
    digest = hashlib.blake2b(f"{tool_digest(*LIBRARIES)}\0{path}\0{rel}\0".encode(), digest_size=20)
    digest.update(data)
    return digest.hexdigest()


def _text(data: bytes) -> str:
    """What `Path.read_text(encoding="utf-8-sig")` gives: no byte order mark, universal newlines."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign file is an empty memo
        return {}
    # The scans are keyed by text alone, so they are only trusted with a matching stamp.
    if not isinstance(data, dict) or data.get("stamp") != tool_digest(*LIBRARIES):
        return {}
    return data
