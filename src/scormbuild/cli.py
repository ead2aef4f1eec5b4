"""The command line: thin click commands that parse options, call the pipeline, print
and choose the exit code. No traceback reaches a user: author problems are
diagnostics (exit 1), unusable input is exit 2, and a bug is reported in one line.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import click

from . import __version__, standards
from .cli_options import deprecated_standard, output_format, pick
from .diagnostics import Diagnostic, count

if TYPE_CHECKING:
    from .pipeline import Built


class LazyGroup(click.Group):
    """Commands whose code is imported only when run: `build` must not pay for `validate`,
    and `scormbuild --help` lists them from their one-line help here without importing
    them (validate's imports pull in lxml; tests/test_cli.py keeps this help in sync)."""

    lazy: ClassVar[dict[str, tuple[str, str, str]]] = {
        "validate": ("scormbuild.cli_validate", "validate",
                     "Validate SCORM 1.2 / SCORM 2004 / cmi5 / Tin Can packages (zips or folders) "
                     "and Moodle backups (.mbz)."),
        "new": ("scormbuild.cli_author", "new",
                "Create a starter course in DIRECTORY: every block and question type, commented."),
        "schema": ("scormbuild.cli_author", "schema",
                   "Show where the editor JSON Schemas are, or write them out with --write."),
        "inspect": ("scormbuild.cli_inspect", "inspect",
                    "Show the standard, launch tree, mastery settings and files of zips or folders."),
        "play": ("scormbuild.play.command", "play",
                 "Play a package in headless Chromium inside an LMS page and report what the LMS recorded."),
        "preview": ("scormbuild.preview.command", "preview",
                    "Play COURSE_DIR in an LMS page with an inspector; rebuild and reload on every save."),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            import importlib

            module, attr, _ = self.lazy[name]
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))  # as click.Group.format_commands
        rows = [(name, self._listed(name).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _listed(self, name: str) -> click.Command:
        """The command as the help lists it: a lazy one by its help text alone."""
        return click.Command(name, help=self.lazy[name][2]) if name in self.lazy else self.commands[name]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scormbuild")
def main() -> None:
    """Compile a course folder into validated SCORM 1.2, cmi5 and Tin Can packages."""


STANDARDS = (*standards.buildable(), "all")


@main.command()
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Folder the packages are written to.")
@click.option("-s", "--standard", "standards", multiple=True, type=click.Choice(STANDARDS),
              help="Standard to build (repeatable; default scorm12); moodle: a Moodle course backup (.mbz).")
@deprecated_standard("-f", "--format", multiple=True, choices=STANDARDS)
@click.option("--bundle", is_flag=True,
              help="One package for the whole course: a course page (SCORM), then a SCO per module.")
@click.option("-m", "--module", "modules", multiple=True, metavar="ID",
              help="Build only this module (id or number; repeatable).")
@output_format("--diagnostics")
@click.option("--strict", is_flag=True, help="Warnings fail the build; nothing is written.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Build packages in N processes (0: one per CPU); the packages are the same for any N.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Rebuild every package and re-parse every lesson instead of re-using unchanged ones.")
def build(course_dir: Path, out_dir: Path, standards: tuple[str, ...], old_standard: tuple[str, ...], bundle: bool,
          modules: tuple[str, ...], output_format: str | None, old_output_format: str | None, strict: bool,
          jobs: int, no_cache: bool) -> None:
    """Build the packages of COURSE_DIR into OUT (default: dist/).

    Packages whose inputs did not change since the last build into OUT are re-used
    (recorded in .scormbuild-cache/ beside OUT); every file is still loaded and checked.
    """
    from .builders import available
    from .pipeline import build as run_build
    from .progress import Progress

    _short_lived()
    _require_course(course_dir)
    wanted_names: tuple[str, ...] = pick(standards, old_standard, ("scorm12",))
    report: str = pick(output_format, old_output_format, "text")
    wanted = available() if "all" in wanted_names else _supported(wanted_names, available())
    progress = Progress(sys.stderr)
    try:
        result = run_build(course_dir, out_dir, wanted, bundle=bundle, modules=modules, display=course_dir,
                           strict=strict, jobs=jobs, cache=not no_cache, progress=progress)
    finally:
        progress.close()
    _print_report(result.diagnostics, report, strict)
    errors, warnings = count(result.diagnostics)
    if report == "text":
        for built in result.built:
            click.echo(f"built {built.path} ({built.size / 1024:.0f} KB, {built.standard})")
        summary = _summary(len(result.built), errors, warnings, result.seconds, strict) + _reused(result.built)
        click.echo(summary, err=_failed(errors, warnings, strict))
    sys.exit(1 if _failed(errors, warnings, strict) else 0)


@main.command()
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@output_format("--diagnostics")
@click.option("--strict", is_flag=True, help="Warnings fail the check.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Parse every lesson instead of re-using unchanged ones.")
def check(course_dir: Path, output_format: str | None, old_output_format: str | None, strict: bool,
          no_cache: bool) -> None:
    """Check COURSE_DIR for author errors without building anything."""
    from .pipeline import load_and_check

    _require_course(course_dir)
    report: str = pick(output_format, old_output_format, "text")
    _, diags = load_and_check(course_dir, display=course_dir, cache=not no_cache)
    _print_report(diags, report, strict)
    errors, warnings = count(diags)
    if report == "text":
        click.echo(_summary(None, errors, warnings, None, strict), err=_failed(errors, warnings, strict))
    sys.exit(1 if _failed(errors, warnings, strict) else 0)


def _require_course(course_dir: Path) -> None:
    if not (course_dir / "course.yaml").is_file():
        raise click.BadParameter(f"'{course_dir}' has no course.yaml", param_hint="COURSE_DIR")


def _supported(formats: tuple[str, ...], available: tuple[str, ...]) -> tuple[str, ...]:
    missing = [f for f in formats if f not in available]
    if missing:
        raise click.BadParameter(f"{', '.join(missing)} is not built yet by this version", param_hint="--format")
    return tuple(dict.fromkeys(formats))


def _summary(built: int | None, errors: int, warnings: int, seconds: float | None, strict: bool = False) -> str:
    parts = [] if built is None else [_plural(built, "package") + " built"]
    parts += [_plural(errors, "error"), _plural(warnings, "warning")]
    text = ", ".join(parts) + (f" in {seconds:.2f} s" if seconds is not None else "")
    return text + (" (--strict: warnings fail)" if strict and warnings and not errors else "")


def _reused(built: list[Built]) -> str:
    """How many packages were unchanged since the last build (re-used, not written again)."""
    reused = sum(1 for b in built if b.reused)
    return f" ({reused} unchanged)" if reused else ""


def _failed(errors: int, warnings: int, strict: bool) -> bool:
    return bool(errors or (strict and warnings))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _print_report(diags: list[Diagnostic], report: str, strict: bool) -> None:
    """Problems in source files, rendered by formats (text goes to stderr, reports to stdout)."""
    from .formats import render

    out = render(report, diags, strict=strict, subject="file")
    if out:
        click.echo(out, nl=False, err=report == "text")


# Set by `_short_lived`: the command ends the process without tearing its objects down.
_fast_exit = False


def _short_lived() -> None:
    """`build` and `check` run once and exit, and what they load lives until then.

    Python's cyclic garbage collector only re-walked the course model (thousands of
    objects, most of them unpickled from load.memo) for nothing: a tenth of a one-lesson
    rebuild and a fifth of a cold 16-module build. It stays off for the command; measured,
    the peak memory of those builds is the same either way (they make no cyclic garbage to
    speak of). And freeing every object at exit, a last full collection included, was
    another tenth of the rebuild: `run` ends these commands with os._exit once their
    output is flushed (every file they write is closed before: archive.write_atomic, the
    caches). The long-running commands (preview, play) keep both."""
    import gc

    global _fast_exit
    gc.disable()
    _fast_exit = True


def _exit_now(code: object) -> None:
    """End the process at once with SystemExit's meaning of `code` (None: 0, a message: 1)."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def run() -> None:
    """Entry point: any unexpected exception becomes one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit as exc:
        if _fast_exit:
            _exit_now(exc.code)
        raise
    except Exception as exc:
        if os.environ.get("SCORMBUILD_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} "
                   "(please report it; set SCORMBUILD_DEBUG=1 for details)", err=True)
        sys.exit(3)
