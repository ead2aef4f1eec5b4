"""`scormbuild preview COURSE`: serve the course in an LMS page with an inspector, and
rebuild and reload it on every saved file.

Exit status: 0 stopped with Ctrl-C; 2 no course, scorm-again missing, or the port taken.
"""
from __future__ import annotations

import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from .scorm_again import find_dist, missing_message
from .watcher import Snapshot, changed, snapshot

if TYPE_CHECKING:  # the pipeline and the server are imported when preview runs, not for --help
    from .hub import Hub
    from .rebuild import Outcome, Rebuilder
    from .server import Backend, PreviewServer

STANDARDS = ("scorm12", "scorm2004", "cmi5", "tincan")
# How often the course folder is scanned, and how long a change must stay unchanged before
# the rebuild.
POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.05


@click.command("preview")
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-s", "--standard", type=click.Choice(STANDARDS), default="scorm12", show_default=True,
              help="The standard to play: SCORM in scorm-again, cmi5 and Tin Can with a built-in LRS.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--bundle", is_flag=True,
              help="Play the course as `build --bundle` packages it: SCORM opens on its course page.")
def preview(course_dir: Path, standard: str, port: int, bundle: bool) -> None:
    """Play COURSE_DIR in an LMS page with an inspector; rebuild and reload on every save."""
    if not (course_dir / "course.yaml").is_file():
        raise click.BadParameter(f"'{course_dir}' has no course.yaml", param_hint="COURSE_DIR")
    dist = find_dist(Path.cwd())
    if dist is None and standard.startswith("scorm"):
        click.echo(missing_message(), err=True)
        sys.exit(2)
    with tempfile.TemporaryDirectory(prefix="scormbuild-preview-") as work:
        _serve(course_dir, standard, port, Path(work), dist, bundle)
    click.echo("preview stopped")


def _serve(course_dir: Path, standard: str, port: int, work: Path, dist: Path | None, bundle: bool = False) -> None:
    from .hub import Hub
    from .rebuild import Rebuilder

    hub, rebuilder = Hub(standard), Rebuilder(course_dir, standard, work, bundle)
    server = _listen(port, hub, rebuilder.site, dist, _backend(standard))
    _stop_on_sigterm()
    thread = threading.Thread(target=server.serve_forever, name="preview-http", daemon=True)
    thread.start()
    try:
        click.echo(f"preview: {server.url} plays {course_dir} ({standard}); Ctrl-C stops")
        _rebuild(rebuilder, hub, [])
        _watch(course_dir, rebuilder, hub)
    except KeyboardInterrupt:
        pass  # Ctrl-C is how the author stops it: not an error
    finally:
        hub.stop()  # event streams end, so no request thread outlives the server
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _listen(port: int, hub: Hub, site: Path, dist: Path | None, lrs: Backend | None) -> PreviewServer:
    from .server import PreviewServer

    try:
        return PreviewServer(port, hub, site, dist, lrs)
    except OSError as exc:
        click.echo(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}): choose another with --port "
                   "(--port 0 picks a free one)", err=True)
        sys.exit(2)


def _backend(standard: str) -> Backend | None:
    """cmi5 and Tin Can need an LRS (and cmi5 its LMS): one in memory, in this server."""
    if standard not in ("cmi5", "tincan"):
        return None
    from .lrs import MemoryLRS

    return MemoryLRS()


def _watch(course_dir: Path, rebuilder: Rebuilder, hub: Hub) -> None:
    before = snapshot(course_dir)
    while True:
        time.sleep(POLL_SECONDS)
        now = snapshot(course_dir)
        if now == before:
            continue
        now = _settled(course_dir, now)
        edits, before = changed(before, now), now
        if edits:
            _rebuild(rebuilder, hub, edits)


def _settled(course_dir: Path, now: Snapshot) -> Snapshot:
    """The folder once it stayed the same for SETTLE_SECONDS (at most ten tries): an editor
    that writes a file in several steps is built once, from the last."""
    for _ in range(10):
        time.sleep(SETTLE_SECONDS)
        again = snapshot(course_dir)
        if again == now:
            break
        now = again
    return now


def _rebuild(rebuilder: Rebuilder, hub: Hub, edits: list[str]) -> None:
    try:
        outcome = rebuilder.run()
    except Exception as exc:
        click.echo(f"internal error while building: {type(exc).__name__}: {exc} (please report it)", err=True)
        return
    hub.publish(outcome)
    _report(outcome, edits)


def _report(outcome: Outcome, edits: list[str]) -> None:
    from ..diagnostics import count
    from ..formats import render

    text = render("text", list(outcome.diagnostics), subject="file")
    if text:
        click.echo(text, nl=False, err=True)
    errors, warnings = count(list(outcome.diagnostics))
    why = f" after {_names(edits)} changed" if edits else ""
    if outcome.ok:
        what = "unchanged, the page stays as it is" if outcome.unchanged else f"{len(outcome.scos)} to play"
        click.echo(f"built{why} in {outcome.seconds:.2f} s: {what}"
                   + (f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""))
    else:
        keeps = "the last good build keeps playing" if outcome.generation else "nothing to play yet"
        click.echo(f"not built{why}: {errors} error{'s' * (errors != 1)} ({keeps})", err=True)


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _stop_on_sigterm() -> None:
    """SIGTERM (a process manager, `kill`) stops it as Ctrl-C does: temp folder removed."""
    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)
