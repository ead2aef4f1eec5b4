"""Changes in the course folder, found by polling modification times.

Polling, not inotify: a course is tens of files, a scan takes well under a millisecond,
and it works the same on every OS, network drive and container mount with no new
dependency (watchfiles would add a compiled wheel for no gain at this size).
"""
from __future__ import annotations

import os
from pathlib import Path

Stamp = tuple[int, int]  # (mtime_ns, size): size too, for file systems with coarse mtimes
Snapshot = dict[str, Stamp]

# Editors' swap, backup and lock files are not course files: saving in vim or emacs must
# not rebuild three times.
_IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~")


def snapshot(root: Path) -> Snapshot:
    """Every course file under `root` with its stamp (hidden files and folders skipped)."""
    found: Snapshot = {}
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # removed while scanning: the next poll sees the new state
            continue
        for entry in entries:
            if _ignored(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file():
                    st = entry.stat()
                    found[entry.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return found


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed or modified, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES)
