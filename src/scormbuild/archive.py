"""The deterministic, atomic zip writer.

Same input, byte-identical zip: entries sorted, one fixed timestamp, fixed permissions,
no extra fields. The zip is written to a temporary file beside the target and renamed
into place, so a failed build never leaves a half-written package.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

# 1980-01-01 is the earliest DOS date a zip can hold; any fixed date gives reproducibility.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644 << 16  # regular file, rw-r--r--
_STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".pdf", ".mp3", ".mp4", ".woff2")


def write_zip(target: Path, files: Mapping[str, bytes], check: Callable[[Path], bool] | None = None) -> bool:
    """Write `files` (package path → content) to `target` atomically.

    `check` sees the finished temporary zip; when it returns False the zip is removed
    and `target` is left as it was. Returns whether `target` was written.
    """
    return write_atomic(target, lambda raw: _write_zip(raw, files), check)


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """The exact bytes `write_zip` writes for `files` (a package nested in another one)."""
    buffer = io.BytesIO()
    _write_zip(buffer, files)
    return buffer.getvalue()


def write_atomic(target: Path, write: Callable[[BinaryIO], None], check: Callable[[Path], bool] | None = None) -> bool:
    """Write through `write` into a temporary file beside `target`, check it, rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            write(raw)
        if check is not None and not check(Path(tmp)):
            Path(tmp).unlink(missing_ok=True)
            return False
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a package is for sharing
        os.replace(tmp, target)
        return True
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_zip(raw: BinaryIO, files: Mapping[str, bytes]) -> None:
    with zipfile.ZipFile(raw, "w") as zf:
        for name in sorted(files):
            zf.writestr(_info(name), files[name])


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.external_attr = _FILE_MODE
    info.create_system = 3  # Unix, so the mode above is honoured
    # Already-compressed media gain nothing from deflate; storing them is faster.
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
    return info
