"""Wait for a condition, not for a guessed time: a fixed sleep is either too short on a
loaded machine (a flaky failure) or too long everywhere else (a slow suite)."""
from __future__ import annotations

import time
from collections.abc import Callable


def until(condition: Callable[[], object], timeout: float = 10.0, every: float = 0.02, what: str = "") -> None:
    """Return as soon as `condition()` is true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {what or condition}")
        time.sleep(every)
