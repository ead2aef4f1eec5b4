"""`scormbuild play PACKAGE`: launch any package in headless Chromium inside an LMS page and
report what the LMS recorded.

Exit status (as `validate`): 0 the run completed with no problem; 1 problems found (API
errors, console errors, external requests, accessibility violations, suspend_data over the
standard's limit, a failed resume); 2 unusable input (not a package, an unsafe zip, nothing
to launch), a missing tool (Playwright, Chromium, scorm-again, axe-core), or a run that broke
off (the content never loaded): nothing could be judged.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from ..preview.scorm_again import find_dist, missing_message
from .report import Report, render
from .session import Failed, Observer, Options, Unavailable, chromium_path, require_playwright, run
from .unpack import SCORM, Refused, unpack

STANDARDS = ("scorm12", "scorm2004", "cmi5", "tincan")


@click.command("play")
@click.argument("package", type=click.Path(path_type=Path))
@click.option("-s", "--standard", type=click.Choice(STANDARDS), default=None,
              help="Play as this standard (SCORM 1.2 or 2004 for an imsmanifest.xml) instead of detecting it.")
@click.option("--launch", "launch_id", metavar="ID",
              help="The item (SCORM), AU (cmi5) or activity (Tin Can) to launch; default: the first (SCO).")
@click.option("--answers", type=click.Choice(["first", "correct", "wrong"]), default="first", show_default=True,
              help="Which answer the learner chooses (correct/wrong where the package says which is right).")
@click.option("--resume", is_flag=True, help="Relaunch with the stored data and check the content resumes.")
@click.option("--axe", is_flag=True, help="Check the content for WCAG 2.1 A/AA violations (axe-core).")
@click.option("--width", type=click.IntRange(240, 4000), default=1280, show_default=True,
              help="Viewport width in pixels.")
@click.option("--max-steps", type=click.IntRange(1, 10_000), default=200, show_default=True,
              help="At most this many learner actions.")
@click.option("--timeout", "seconds", type=click.FloatRange(1, 3600), default=120, show_default=True,
              help="At most this many seconds of walking.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True, help="text for people, json and junit for machines.")
def play(package: Path, standard: str | None, launch_id: str | None, answers: str, resume: bool, axe: bool,
         width: int, max_steps: int, seconds: float, output_format: str) -> None:
    """Play a package in headless Chromium inside an LMS page and report what the LMS recorded."""
    options = Options(answers, resume, axe, width, max_steps, seconds)
    report = play_package(package, standard, launch_id, options)
    click.echo(render(output_format, report), nl=False)
    sys.exit(report.exit_code())


def play_package(package: Path, standard: str | None, launch_id: str | None, options: Options,
                 observe: Observer | None = None) -> Report:
    """The whole run, as a Report; an unusable input or missing tool is a Report with
    `error` set (exit 2), never an exception."""
    label = str(package)
    with tempfile.TemporaryDirectory(prefix="scormbuild-play-") as work:
        site = Path(work) / "site"
        try:
            unpacked = unpack(package, site / "g1" / "pkg", standard, launch_id)
            dist = find_dist(Path.cwd())
            if dist is None and unpacked.standard in SCORM:
                raise Unavailable(missing_message(command="play"))
            require_playwright()
            chromium_path()
            return run(unpacked, site, dist, options, label, observe)
        except (Refused, Unavailable, Failed) as exc:
            return Report(label, error=str(exc))
