"""The command line: thin click commands that parse options, call the pipeline, print
and choose the exit code. No traceback reaches a user: author problems are
diagnostics (exit 1), unusable input is exit 2, and a bug is reported in one line.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import Diagnostic, count

OUTPUT_FORMATS = ("text", "json", "junit", "github")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scormbuild")
def main() -> None:
    """Compile a course folder into validated SCORM 1.2, cmi5 and Tin Can packages."""


@main.command()
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Folder the packages are written to.")
@click.option("-f", "--format", "formats", multiple=True, default=("scorm12",), show_default=True,
              type=click.Choice(["scorm12", "cmi5", "tincan", "all"]), help="Standard to build (repeatable).")
@click.option("--bundle", is_flag=True, help="One package for the whole course, a SCO per module.")
@click.option("-m", "--module", "modules", multiple=True, metavar="ID", help="Build only this module (id or number; repeatable).")
@click.option("--diagnostics", "report", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True,
              help="How problems are printed.")
@click.option("--strict", is_flag=True, help="Warnings fail the build.")
def build(course_dir: Path, out_dir: Path, formats: tuple[str, ...], bundle: bool, modules: tuple[str, ...],
          report: str, strict: bool) -> None:
    """Build the packages of COURSE_DIR into OUT (default: dist/)."""
    from .builders import available
    from .pipeline import build as run_build

    if not (course_dir / "course.yaml").is_file():
        raise click.BadParameter(f"'{course_dir}' has no course.yaml", param_hint="COURSE_DIR")
    wanted = available() if "all" in formats else _supported(formats, available())
    result = run_build(course_dir, out_dir, wanted, bundle=bundle, modules=modules, display=course_dir)
    _print_diagnostics(result.diagnostics, report)
    for built in result.built:
        click.echo(f"built {built.path} ({built.size / 1024:.0f} KB, {built.standard})")
    errors, warnings = count(result.diagnostics)
    if result.built or errors or warnings:
        click.echo(_summary(len(result.built), errors, warnings, result.seconds), err=bool(errors))
    sys.exit(1 if errors or (strict and warnings) else 0)


def _supported(formats: tuple[str, ...], available: tuple[str, ...]) -> tuple[str, ...]:
    missing = [f for f in formats if f not in available]
    if missing:
        raise click.BadParameter(f"{', '.join(missing)} is not built yet by this version", param_hint="--format")
    return tuple(dict.fromkeys(formats))


def _summary(built: int, errors: int, warnings: int, seconds: float) -> str:
    parts = [f"{built} package{'s' if built != 1 else ''} built"]
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{', '.join(parts)} in {seconds:.2f} s"


def _print_diagnostics(diags: list[Diagnostic], report: str) -> None:
    if not diags:
        return
    try:
        from .formats import render as render_report
    except ImportError:  # pragma: no cover - formats.py is always shipped
        render_report = None
    if render_report is not None and report != "text":
        click.echo(render_report(diags, report), nl=False)
        return
    for d in diags:
        click.echo(str(d), err=True)


def run() -> None:
    """Entry point: any unexpected exception becomes one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence at the CLI edge
        if os.environ.get("SCORMBUILD_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} "
                   "(please report it; set SCORMBUILD_DEBUG=1 for details)", err=True)
        sys.exit(3)


def _register_optional() -> None:
    try:
        from .cli_validate import validate
    except ImportError:  # pragma: no cover
        return
    main.add_command(validate)


_register_optional()
