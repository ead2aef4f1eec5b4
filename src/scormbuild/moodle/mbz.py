"""The deterministic .mbz writer: a gzip'd ustar archive, like Moodle's tgz_packer.

Moodle writes .mbz as tar.gz since 2.6 and restore accepts tar.gz or zip
(lib/filestorage/tgz_packer.php; restore tells them apart by the gzip magic). Same
input, byte-identical file: entries sorted, folders before their files, fixed mtime,
owner and modes, and a gzip header with mtime 0 and no file name. Written atomically
through archive.write_atomic, so a failed check leaves the previous backup in place.
"""
from __future__ import annotations

import gzip
import io
import posixpath
import tarfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from ..archive import write_atomic

_FILE_MODE, _DIR_MODE = 0o644, 0o755
# Moodle's tgz_packer reads ustar headers; every name a backup holds is short
# (files/ab/<sha1> is the longest kind), so the 100-byte ustar name field suffices.
_FORMAT = tarfile.USTAR_FORMAT


def write_mbz(target: Path, files: Mapping[str, bytes], check: Callable[[Path], bool] | None = None) -> bool:
    """Write `files` (path in the backup → content) to `target` atomically; see archive.write_zip."""
    return write_atomic(target, lambda raw: _write(raw, files), check)


def mbz_bytes(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    _write(buffer, files)
    return buffer.getvalue()


def _write(raw: BinaryIO, files: Mapping[str, bytes]) -> None:
    # mtime=0 and filename="" keep the gzip header free of time and path.
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="", compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=_FORMAT) as tar:
        for name in _entries(files):
            if name.endswith("/"):
                tar.addfile(_info(name.rstrip("/"), tarfile.DIRTYPE, 0, _DIR_MODE))
            else:
                data = files[name]
                tar.addfile(_info(name, tarfile.REGTYPE, len(data), _FILE_MODE), io.BytesIO(data))


def _entries(files: Mapping[str, bytes]) -> list[str]:
    """Every file and every folder above one ("dir/"), sorted so a folder precedes its files."""
    folders = {posixpath.dirname(name) for name in files}
    for folder in list(folders):
        while folder:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    folders.discard("")
    return sorted([f"{d}/" for d in folders] + list(files))


def _info(name: str, kind: bytes, size: int, mode: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mode = kind, size, mode
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
    return info
