"""`scormbuild inspect PACKAGE...`: what a package holds (text, or JSON for machines).

Exit status: 0 every package could be read, 2 one could not (no root file, not a zip,
a manifest that is not XML). Whether the package is valid is `validate`'s question.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .inspect import inspect as inspect_package
from .inspect import render_text


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for machines.")
def inspect(paths: tuple[Path, ...], output_format: str) -> None:
    """Show the standard, launch tree, mastery settings and files of zips or folders."""
    reports = [inspect_package(p) for p in paths]
    if output_format == "json":
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(render_text(r) for r in reports), nl=False)
    sys.exit(2 if any(not r.standard for r in reports) else 0)  # unreadable: as validate
