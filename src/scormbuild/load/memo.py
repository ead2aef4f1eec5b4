"""What earlier runs worked out from files that have not changed: parsed lessons, the
checks' prose scans and rendered Markdown (issue 14: a rebuild after editing one lesson
parses and renders that lesson, not the course).

Loading and checking stay complete: every lesson file is still read, and every check
still runs over the whole course. A lesson whose bytes are unchanged gets back its model
*and the diagnostics* its parse gave, so no author error is hidden. Lesson keys hold the
file's bytes, its path and the path shown in messages; scans and renders are keyed by
their arguments (the text itself). Everything is trusted only under the same scormbuild
code, templates, schemas and parsing libraries (`cache.tool_digest`): any change there
starts afresh.

Where: `$XDG_CACHE_HOME/scormbuild/lessons/` (default `~/.cache/...`), one file per course
folder, never inside the course. It is a pickle, read only from the user's own cache
folder: the trust jinja2's compiled-template cache beside it already asks for. No usable
folder (a read-only home, a CI sandbox) or an unreadable file simply means no memo.

The lessons of each folder are pickled together, as bytes inside the file: a save after one
edit pickles that folder's lessons again, not the course's (pickling a 16-module course's
384 lessons was 20 ms of a 0.3 s rebuild), and a run unpickles each folder once.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path
from typing import Any

from .. import model as m
from .. import prose, render
from ..cache import note_read, start_run, tool_digest, user_cache_folder
from ..diagnostics import Diagnostic
from ..remember import Key, Remembered
from . import yamlpos
from .lesson import load_lesson
from .yamlpos import Reuse

Parsed = tuple[m.Lesson, list[Diagnostic]]
Group = tuple[frozenset[str], bytes]  # one folder's lesson keys, and their `Parsed` pickled together
# The memo file's layout; a file of another layout is an empty memo.
LAYOUT = 4
# What the memo's contents depend on besides scormbuild's own files.
LIBRARIES = ("yaml", "markdown_it")
# Results kept between runs, by name in the memo file.
REMEMBERED: dict[str, Remembered[Any]] = {
    "scan": prose.scan, "block": render.markdown_block, "inline": render.markdown_inline,
    "prose": render._markdown_prose, "yaml": yamlpos.parse_file,
}
# A result not asked for in this many runs that gave that function something new to
# remember is dropped: a rebuild renders only the edited module, and the others' results
# must outlive it. Each function's results are pickled apart; a run that found all it
# asked for already known saves that function's bytes as they were (and ages nothing).
KEEP_RUNS = 20
Stored = dict[Key, tuple[Any, int]]  # result, and the run that last asked for it
# A course folder's memo left unused this long is deleted (a moved, removed or temporary course).
FORGET_DAYS = 30


class Memo:
    """One run's memo of one course folder: read at the start, saved at the end of the run."""

    def __init__(self, root: Path | None = None, enabled: bool = True) -> None:
        start_run()
        folder = user_cache_folder("lessons") if enabled and root is not None else None
        name = hashlib.blake2b(str(root).encode(), digest_size=10).hexdigest()
        self.path = folder / f"{name}.pickle" if folder is not None else None
        stored = _read(self.path) if self.path is not None else {}
        self.groups: dict[str, Group] = stored.get("lessons", {})  # folder → its lessons
        self.opened: dict[str, dict[str, Parsed]] = {}  # folder → its group, unpickled when first asked
        self.used: dict[str, dict[str, Parsed]] = {}  # folder → key → what this run used
        self.results: dict[str, tuple[int, bytes]] = stored.get("results", {})  # name → (run, pickled Stored)
        # lesson path → the YAML parses of its last version (yamlpos.Reuse), kept for the
        # lessons being edited: those parsed again while an earlier version was known.
        self.yaml: dict[str, bytes] = stored.get("yaml", {})
        self.yaml_used: dict[str, bytes] = {}
        self.entries: dict[str, Stored] = {}
        for name, function in REMEMBERED.items():
            _, blob = self.results.get(name, (0, b""))
            self.entries[name] = _dict(blob)
            function.start({key: value for key, (value, _) in self.entries[name].items()})

    def lesson(self, path: Path, rel: str, diags: list[Diagnostic]) -> m.Lesson:
        """The lesson at `path`, as `load_lesson` makes it; raises what reading it raises."""
        data = path.read_bytes()
        note_read(path, data)
        key = _key(path, rel, data)
        folder = str(path.parent)
        parsed = self._known(folder).get(key)
        if parsed is None:
            found: list[Diagnostic] = []
            reuse = self._reuse(path, folder)
            parsed = (load_lesson(path, rel, found, text=_text(data), reuse=reuse), found)
            if reuse is not None:
                self.yaml_used[str(path)] = pickle.dumps(reuse.made, protocol=pickle.HIGHEST_PROTOCOL)
        elif str(path) in self.yaml:
            self.yaml_used[str(path)] = self.yaml[str(path)]
        self.used.setdefault(folder, {})[key] = parsed
        diags.extend(parsed[1])
        return parsed[0]

    def _reuse(self, path: Path, folder: str) -> Reuse | None:
        """For a lesson edited since an earlier run (a version of it is known): its last
        version's YAML parses. None for a lesson seen for the first time (a first build
        parses every lesson; keeping all their YAML would only weigh on every later run)."""
        blob = self.yaml.get(str(path))
        if blob is None and not any(p.path == path for p, _ in self._known(folder).values()):
            return None
        return Reuse(_dict(blob) if blob else {})

    def _known(self, folder: str) -> dict[str, Parsed]:
        if folder not in self.opened:
            group = self.groups.get(folder)
            self.opened[folder] = _unpickled(group[1]) if group is not None else {}
        return self.opened[folder]

    def _group(self, folder: str, parsed: dict[str, Parsed]) -> Group:
        """The folder's group to save: the stored one when this run used exactly its lessons."""
        keys, old = frozenset(parsed), self.groups.get(folder)
        if old is not None and old[0] == keys:
            return old
        return keys, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)

    def _results(self, name: str, changed: bool) -> tuple[int, bytes]:
        """A function's results to save: as stored when this run added none."""
        if not changed:
            return self.results.get(name, (0, b""))
        run, kept = _aged((self.results.get(name, (0, b""))[0], self.entries[name]), REMEMBERED[name])
        return run, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Keep the lessons this run used (edited-away versions are dropped) and the results
        asked for lately, if anything changed."""
        changed = {name: f for name, f in REMEMBERED.items() if f.asked.keys() - f.known.keys()}
        if self.path is None:
            return
        groups = {folder: self._group(folder, parsed) for folder, parsed in self.used.items()}
        same = groups.keys() == self.groups.keys() and all(groups[f] is self.groups[f] for f in groups)
        if same and not changed and self.yaml_used.keys() == self.yaml.keys():
            return
        results = {name: self._results(name, name in changed) for name in REMEMBERED}
        state = {"stamp": tool_digest(*LIBRARIES), "layout": LAYOUT, "lessons": groups, "results": results,
                 "yaml": self.yaml_used}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)
        _forget_old(self.path.parent)


def _forget_old(folder: Path) -> None:
    """Delete the memos of course folders not built or checked for FORGET_DAYS."""
    limit = time.time() - FORGET_DAYS * 86400
    for path in folder.glob("*.pickle"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass  # another process's, or already gone


def _dict(blob: bytes) -> dict[Any, Any]:
    """A pickled dict; a damaged one is empty (what it held is computed again)."""
    try:
        entries = pickle.loads(blob) if blob else {}
    except Exception:
        return {}
    return entries if isinstance(entries, dict) else {}


def _aged(stored: tuple[int, Stored], function: Remembered[Any]) -> tuple[int, Stored]:
    """This run's results, and earlier ones asked for in the last KEEP_RUNS runs that asked any."""
    run, entries = stored
    if not function.asked:
        return stored  # a run that never called it (`check` renders nothing) ages nothing
    run += 1
    kept = {key: (value, last) for key, (value, last) in entries.items() if run - last < KEEP_RUNS}
    kept.update((key, (value, run)) for key, value in function.asked.items())
    return run, kept


def _unpickled(stored: bytes) -> dict[str, Parsed]:
    try:
        parsed = pickle.loads(stored)
    except Exception:  # a damaged group's lessons are parsed again
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _key(path: Path, rel: str, data: bytes) -> str:
    digest = hashlib.blake2b(f"{path}\0{rel}\0".encode(), digest_size=20)
    digest.update(data)
    return digest.hexdigest()


def _text(data: bytes) -> str:
    """What `Path.read_text(encoding="utf-8-sig")` gives: no byte order mark, universal newlines."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except Exception:  # a missing, truncated or foreign file (any unpickling error) is an empty memo
        return {}
    # Everything in it was made by one scormbuild with one set of libraries: only that one may use it.
    if not isinstance(data, dict) or data.get("stamp") != tool_digest(*LIBRARIES) or data.get("layout") != LAYOUT:
        return {}
    return data
