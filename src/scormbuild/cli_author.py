"""`scormbuild new DIR` and `scormbuild schema`: the author's first steps (issue 14)."""
from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from .scaffold import new_course, schema_files, write_schemas


@click.command("new")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def new(directory: Path) -> None:
    """Create a starter course in DIRECTORY: every block and question type, commented."""
    if directory.exists() and any(directory.iterdir()):
        raise click.BadParameter(f"'{directory}' is not empty; choose a new folder", param_hint="DIRECTORY")
    try:
        files = new_course(directory)
    except OSError as exc:  # a read-only place, a file where a folder should be: the user's to fix
        raise click.ClickException(f"cannot write the course into '{directory}': {exc.strerror or exc}") from None
    where = shlex.quote(str(directory))
    click.echo(f"created {directory} ({len(files)} files). Next:\n"
               f"  scormbuild check {where}\n"
               f"  scormbuild build {where} -s all -o dist")


@click.command("schema")
@click.option("--write", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Copy the schemas into this folder (e.g. your course's schemas/).")
def schema(folder: Path | None) -> None:
    """Show where the editor JSON Schemas are, or write them out with --write."""
    try:
        files = write_schemas(folder) if folder is not None else schema_files()
    except OSError as exc:
        raise click.ClickException(f"cannot write the schemas into '{folder}': {exc.strerror or exc}") from None
    for path in files:
        click.echo(str(path))
    if folder is None:
        click.echo("point an editor at them with a first line such as\n"
                   "  # yaml-language-server: $schema=schemas/course.schema.json", err=True)
    sys.exit(0)
