"""The progress line: on a terminal, only for builds past a second, erased at the end;
never a byte when stderr is not a terminal (CI logs, pipes)."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import scormbuild
from scormbuild.cli import main
from scormbuild.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def terminal() -> Iterator[tuple[io.TextIOWrapper, int]]:
    """A pseudo-terminal: (the stream a program writes to, the fd its screen reads from)."""
    screen, tty = pty.openpty()
    stream = open(tty, "w", encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below
    yield stream, screen
    stream.close()
    os.close(screen)


def shown(screen: int) -> str:
    os.set_blocking(screen, False)
    try:
        return os.read(screen, 4096).decode("utf-8")
    except BlockingIOError:
        return ""


def test_a_build_past_a_second_shows_its_progress_on_a_terminal(terminal: tuple[io.TextIOWrapper, int]) -> None:
    stream, screen = terminal
    clock = Clock()
    progress = Progress(stream, clock=clock)
    progress(1, 16, "scorm12 goal-planning-1")
    assert shown(screen) == ""  # the first second: nothing
    clock.now += 1.5
    progress(2, 16, "scorm12 goal-planning-2")
    assert shown(screen) == "\r\x1b[2Kbuilding [2/16] scorm12 goal-planning-2"
    progress.close()
    assert shown(screen) == "\r\x1b[2K"  # erased before the report is printed


def test_a_quick_build_leaves_the_terminal_untouched(terminal: tuple[io.TextIOWrapper, int]) -> None:
    stream, screen = terminal
    progress = Progress(stream, clock=Clock())
    progress(1, 1, "scorm12 basics")
    progress.close()
    assert shown(screen) == ""


def test_nothing_is_written_when_stderr_is_not_a_terminal() -> None:
    log, clock = io.StringIO(), Clock()
    progress = Progress(log, clock=clock)
    clock.now += 60
    progress(1, 2, "scorm12 first")
    progress.close()
    assert log.getvalue() == ""


def test_the_cli_prints_no_progress_into_a_log(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scormbuild.progress.SHOW_AFTER_SECONDS", 0.0)  # as if the build were long
    result = CliRunner().invoke(main, ["build", "course", "-o", "dist"])
    assert result.exit_code == 0, result.output
    assert "building [" not in result.output and "\r" not in result.output


# The CLI with stderr on a pseudo-terminal, every build counted as long.
LONG_BUILD = ("import sys, scormbuild.progress as p; p.SHOW_AFTER_SECONDS = 0.0; "
              "from scormbuild.cli import run; sys.argv[0] = 'scormbuild'; run()")


# The scormbuild under test, whatever the working directory.
ENV = {**os.environ, "PYTHONPATH": str(Path(scormbuild.__file__).parents[1])}


def test_the_cli_shows_progress_on_a_terminal_and_erases_it(course: Path) -> None:
    screen, tty = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-c", LONG_BUILD, "build", "course", "-o", "dist"],
                              check=False, stdout=subprocess.PIPE, stderr=tty, timeout=120, env=ENV)
        os.close(tty)
        seen = shown(screen)
    finally:
        os.close(screen)
    assert done.returncode == 0
    assert "\r\x1b[2Kbuilding [1/1] scorm12 basics\r\x1b[2K" in seen
    assert b"building" not in done.stdout  # the report itself is untouched
