"""The package cache: a rebuild re-uses every package whose inputs have not changed (issue 14).

Where: `.scormbuild-cache/<out>.json` beside the output folder (`dist/` →
`.scormbuild-cache/dist.json`), never inside the course, and not inside the output folder
either, which holds the packages alone (what an upload or a sync of `dist/` takes).
What: for each *part* of a build (a module's package, or a whole-course package such as
a bundle, cmi5 or a Moodle backup) the key of its inputs and the packages it produced,
each with the SHA-256 of its bytes.

The key hashes everything that makes the part: course.yaml, every file of its modules'
folders, the assets they use, the templates/ and schemas/ folders and scormbuild's own
code (its version alone would not see a change in a development checkout), the standard
and --bundle. A hit re-uses a package only while its bytes still hash to what was
recorded, so a package edited or replaced in the output folder is built again. Only a
package that was built clean (no verify diagnostic) is recorded: a hit has nothing to
report. Loading and checking never use this cache: every file is still read and checked.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__
from . import model as m

CACHE_FOLDER = ".scormbuild-cache"
# What a package's bytes depend on besides the course and scormbuild's own files.
LIBRARIES = ("yaml", "markdown_it", "jinja2", "markupsafe", "lxml", "rjsmin", "rcssmin")
# Bumped when the file's layout changes: an older file is then ignored, never misread.
LAYOUT = 1


@dataclass(frozen=True)
class Entry:
    """One package a part produced, as recorded."""

    name: str
    sha256: str
    size: int
    title: str


class PackageCache:
    """The cache file of one output folder: part slot → (key, packages)."""

    def __init__(self, out_dir: Path, enabled: bool = True) -> None:
        self.out_dir = out_dir
        self.path = cache_file(out_dir)
        self.enabled = enabled
        self.slots: dict[str, dict[str, object]] = _read(self.path) if enabled else {}
        self.changed = False

    def hit(self, slot: str, key: str) -> list[Entry] | None:
        """The packages recorded for `slot` under `key`, if every one is still on disk unchanged."""
        record = self.slots.get(slot)
        if not self.enabled or record is None or record.get("key") != key:
            return None
        entries = [Entry(**e) for e in record.get("packages", [])]  # type: ignore[attr-defined]
        return entries if entries and all(_unchanged(self.out_dir / e.name, e) for e in entries) else None

    def record(self, slot: str, key: str, entries: Sequence[Entry] | None) -> None:
        """Remember what `slot` built under `key`; None forgets it (the part did not build clean)."""
        if entries is None:
            self.changed |= self.slots.pop(slot, None) is not None
            return
        self.slots[slot] = {"key": key, "packages": [asdict(e) for e in entries]}
        self.changed = True

    def save(self) -> None:
        """Write the file atomically, only when something changed and the output folder exists."""
        if not self.changed or not self.out_dir.is_dir():
            return
        self.path.parent.mkdir(exist_ok=True)
        text = json.dumps({"layout": LAYOUT, "parts": self.slots}, indent=1, sort_keys=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        os.replace(tmp, self.path)


def cache_file(out_dir: Path) -> Path:
    out = out_dir.resolve()
    return out.parent / CACHE_FOLDER / f"{out.name}.json"


def _read(path: Path) -> dict[str, dict[str, object]]:
    """The recorded parts; an unreadable, foreign or older file is an empty cache, never an error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("layout") != LAYOUT or not isinstance(data.get("parts"), dict):
        return {}
    return {k: v for k, v in data["parts"].items() if isinstance(v, dict)}


def _unchanged(path: Path, entry: Entry) -> bool:
    try:
        # The size first: a cheap refusal of most edits before reading the bytes.
        return path.stat().st_size == entry.size and file_sha256(path) == entry.sha256
    except OSError:
        return False


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entry_for(path: Path, title: str) -> Entry:
    data = path.read_bytes()
    return Entry(path.name, hashlib.sha256(data).hexdigest(), len(data), title)


def part_key(course: m.Course, modules: Iterable[m.Module], assets: Iterable[Path], standard: str,
             bundle: bool, context: str = "") -> str:
    """The hash of everything a part's packages are made of (see the module docstring);
    `context`: what they show of the rest of the course."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{tool_digest(*LIBRARIES)}\0{standard}\0{bundle}\0{context}\0".encode())
    _add_file(digest, course.root / "course.yaml", "course.yaml")
    for module in modules:
        if module.dir is not None:
            _add_tree(digest, module.dir, f"module:{module.id}")
    for path in sorted(set(assets)):
        _add_file(digest, path, f"asset:{path.as_posix()}")
    return digest.hexdigest()


@lru_cache(maxsize=8)
def tool_digest(*libraries: str) -> str:
    """scormbuild itself (its version, code, templates and schemas) and the installed
    `libraries` whose output it depends on."""
    from .resources import schemas_dir, templates_dir

    digest = hashlib.blake2b(__version__.encode(), digest_size=20)
    for name in libraries:
        digest.update(f"\0{name}={_installed(name)}".encode())
    package = Path(__file__).resolve().parent
    _add_tree(digest, package, "code", suffix=".py")
    _add_tree(digest, templates_dir(), "templates")
    _add_tree(digest, schemas_dir(), "schemas")
    return digest.hexdigest()


def _installed(name: str) -> str:
    """Which copy of a library is installed, without importing it (a check need not pay
    for markdown-it when every scan is memoised): its file's path, size and time, which
    any upgrade or reinstall changes."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "absent"
    info = os.stat(spec.origin)
    return f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


def user_cache_folder(name: str) -> Path | None:
    """`$XDG_CACHE_HOME/scormbuild/<name>` (default ~/.cache), created; None when unusable."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "scormbuild" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _add_tree(digest: hashlib.blake2b, folder: Path, label: str, suffix: str = "") -> None:
    base = os.fspath(folder)
    for name in _files(base, suffix):  # paths as strings: a Path per file was a tenth of the keys' time
        _add_file(digest, os.path.join(base, name), f"{label}:{name}")


def _files(folder: str, suffix: str) -> list[str]:
    """Every file under `folder` ending in `suffix`, as sorted relative POSIX paths
    (os.walk: several times faster than Path.rglob with a stat per entry)."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(top, folder).replace(os.sep, "/")
        found += [name if rel == "." else f"{rel}/{name}" for name in files if name.endswith(suffix)]
    return sorted(found)


# This run's file digests, by path. A rebuild's keys read each file once: a lesson the
# loader has read (`note_read`), a course asset that 16 modules' keys name, the code that
# two tool digests hash. Keyed by the bytes this run read, so a key describes what was
# built even if the file changes during the run. `start_run` empties it (load.memo's Memo
# starts every run), so a long-running preview never trusts an earlier run's reading.
_digests: dict[str, bytes] = {}


def start_run() -> None:
    from .paths import forget

    _digests.clear()
    forget()


def note_read(path: Path, data: bytes) -> None:
    """`path` was read as `data` in this run (its key will not read it again)."""
    _digests[str(path)] = _digest_of(data)


def _digest_of(data: bytes) -> bytes:
    """Length-prefixed, so that no two file sets hash alike."""
    return len(data).to_bytes(8, "little") + hashlib.blake2b(data, digest_size=20).digest()


def _file_digest(path: str) -> bytes:
    found = _digests.get(path)
    if found is None:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            data = b"\xff<unreadable>"
        found = _digests[path] = _digest_of(data)
    return found


def _add_file(digest: hashlib.blake2b, path: Path | str, label: str) -> None:
    """The file's name and the digest of its bytes."""
    digest.update(f"{label}\0".encode())
    digest.update(_file_digest(os.fspath(path)))
