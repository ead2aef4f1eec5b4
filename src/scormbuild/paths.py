"""Symlink-resolved paths, each folder resolved once per run.

A course's asset references are checked and packaged as resolved paths (a link out of the
course folder must be seen as leaving it). `Path.resolve()` walks every component with an
lstat: for a 16-module course that was a thousand system calls per run, for files that
sit in a handful of folders. `real_path` resolves a path's folder once and its last
component alone, which is what resolving the whole path does (os.path.realpath resolves
components left to right). `forget` starts a run afresh (cache.start_run calls it), so a
long-running preview never trusts an earlier run's view of the folders.
"""
from __future__ import annotations

import os
from pathlib import Path

_folders: dict[str, str] = {}


def forget() -> None:
    _folders.clear()


def real_path(path: Path) -> Path:
    """`path.resolve()` (non-strict), with its folder's resolution shared by its siblings."""
    text = os.fspath(path)
    folder, name = os.path.split(text)
    if name in ("", ".", "..") or not folder:
        return path.resolve()
    key = folder if os.path.isabs(folder) else os.path.join(os.getcwd(), folder)
    real = _folders.get(key)
    if real is None:
        real = _folders[key] = os.path.realpath(key)
    joined = os.path.join(real, name)
    return Path(os.path.realpath(joined) if os.path.islink(joined) else joined)
