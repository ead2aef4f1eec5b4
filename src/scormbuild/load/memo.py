"""Parsed lessons kept between runs, keyed by each file's bytes (issue 14: a rebuild after
editing one lesson re-parses that lesson, not the course).

Loading stays complete: every lesson file is still read, and a lesson whose bytes are
unchanged gets back the model *and the diagnostics* its parse gave, so no author error is
hidden. The key also holds the file's path, the path shown in messages and scormbuild's
own code, templates and schemas (`cache.tool_digest`), so any change there re-parses.

Where: `$XDG_CACHE_HOME/scormbuild/lessons/` (default `~/.cache/...`), one file per course
folder, never inside the course. It is a pickle, read only from the user's own cache
folder, the trust jinja2's compiled-template cache beside it already asks for. No usable
folder (a read-only home, a CI sandbox) or an unreadable file simply means no memo.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .. import model as m
from ..cache import tool_digest, user_cache_folder
from ..diagnostics import Diagnostic
from .lesson import load_lesson

Parsed = tuple[m.Lesson, list[Diagnostic]]


class LessonMemo:
    """The lessons parsed in an earlier run of this course folder, and those parsed now."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        folder = user_cache_folder("lessons") if enabled else None
        name = hashlib.blake2b(str(root).encode(), digest_size=10).hexdigest()
        self.path = folder / f"{name}.pickle" if folder is not None else None
        self.known: dict[str, Parsed] = _read(self.path) if self.path is not None else {}
        self.used: dict[str, Parsed] = {}

    def load(self, path: Path, rel: str, diags: list[Diagnostic]) -> m.Lesson:
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
        if self.path is None or self.used.keys() == self.known.keys():
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)


def _key(path: Path, rel: str, data: bytes) -> str:
    digest = hashlib.blake2b(f"{tool_digest()}\0{path}\0{rel}\0".encode(), digest_size=20)
    digest.update(data)
    return digest.hexdigest()


def _text(data: bytes) -> str:
    """What `Path.read_text(encoding="utf-8-sig")` gives: no byte order mark, universal newlines."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _read(path: Path) -> dict[str, Parsed]:
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign file is an empty memo
        return {}
    return data if isinstance(data, dict) else {}
