"""A shallow exception tree rooted in click's, so the CLI edge prints a message and an
exit code and never a traceback."""
from __future__ import annotations

import click


class ScormbuildError(click.ClickException):
    """Something the user must fix; shown as 'error: …', exit 1."""

    exit_code = 1

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"error: {self.format_message()}", err=True)


class InputError(ScormbuildError):
    """The input cannot be read at all (exit 2, like a usage error)."""

    exit_code = 2
