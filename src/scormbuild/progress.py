"""A one-line progress display for long builds, on a terminal only (issue 14).

Shown on stderr once a build has run for more than a second (a quick rebuild stays
silent, as before), rewritten in place, and erased before the report is printed. When
stderr is not a terminal (CI logs, pipes, files) nothing is ever written: logs must not
fill with carriage returns.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

# Below this a build is quick enough that a progress line would only flicker.
SHOW_AFTER_SECONDS = 1.0
_ERASE = "\r\x1b[2K"  # carriage return, then erase the line (ECMA-48 EL 2)


class Progress:
    """`progress(done, total, what)` for pipeline.build; `close()` erases what was shown."""

    def __init__(self, stream: TextIO, after: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.clock = stream, clock
        self.after = SHOW_AFTER_SECONDS if after is None else after
        self.started = clock()
        self.live = _is_terminal(stream)
        self.shown = False

    def __call__(self, done: int, total: int, what: str) -> None:
        if not self.live or self.clock() - self.started < self.after:
            return
        self.stream.write(f"{_ERASE}building [{done}/{total}] {what}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write(_ERASE)
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream is not a terminal
        return False
