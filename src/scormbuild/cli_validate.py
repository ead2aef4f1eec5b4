"""``scormbuild validate PATH...``: check packages (zips or folders) for CI.

Exit status: 0 every package valid; 1 at least one invalid (``--strict``: a warning
is enough); 2 bad usage or a path that cannot be read at all. Registered in cli.py
with ``main.add_command(validate)``.

Each package lists at most 20 problems of one rule, then one line counting the others
(:data:`scormbuild.verify.MAX_PER_RULE`); the exit status counts them all.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from scormbuild import formats
from scormbuild.diagnostics import Diagnostic
from scormbuild.verify import STANDARDS, UNREADABLE_CODES, validate_path

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--standard", type=click.Choice(STANDARDS), default=None,
              help="Check as this standard instead of detecting it from the root file.")
@click.option("--format", "fmt", type=click.Choice(formats.FORMATS), default="text", show_default=True,
              help="Output: text for people, json, junit (CI test report), github (annotations).")
@click.option("--strict", is_flag=True, help="Warnings make a package invalid too.")
def validate(paths: tuple[Path, ...], standard: str | None, fmt: str, strict: bool) -> None:
    """Validate SCORM 1.2 / SCORM 2004 / cmi5 / Tin Can packages (zips or folders) and Moodle backups (.mbz)."""
    diags: list[Diagnostic] = []
    for path in paths:
        diags += validate_path(path, standard)
    labels = [str(p) for p in paths]
    colour = fmt == "text" and sys.stdout.isatty()
    click.echo(formats.render(fmt, diags, labels, strict, colour), nl=False, color=colour)
    sys.exit(exit_status(diags, strict))


def exit_status(diags: list[Diagnostic], strict: bool) -> int:
    if any(d.code in UNREADABLE_CODES for d in diags):
        return EXIT_UNREADABLE
    return EXIT_INVALID if formats.fails(diags, strict) else EXIT_VALID
