"""Options shared by `build`, `check` and `validate`, spelt one way everywhere (issue 14).

`--standard` / `-s` is the e-learning standard (scorm12, cmi5, …); `--output-format` is how
problems are printed (text, json, junit, github, sarif). The spellings of earlier versions
keep working for a while with a note on stderr: `build -f/--format` (standard),
`build/check --diagnostics` and `validate --format` (output format).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from .formats import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def output_format(old: str) -> Callable[[F], F]:
    """`--output-format`, and the command's old spelling `old` as a hidden, deprecated alias."""

    def wrap(func: F) -> F:
        func = click.option(old, "old_output_format", type=click.Choice(FORMATS), default=None, hidden=True,
                            callback=_deprecated("--output-format"), expose_value=True)(func)
        return click.option("--output-format", "output_format", type=click.Choice(FORMATS), default=None,
                            help="How problems are printed: text (default), json, junit (CI test report), "
                                 "github (workflow annotations), sarif (code scanning).")(func)

    return wrap


def _deprecated(new: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def note(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value not in (None, ()):
            old = "/".join(param.opts)
            click.echo(f"note: {old} is deprecated and will be removed; use {new}", err=True)
        return value

    return note


def deprecated_standard(*decls: str, multiple: bool, choices: tuple[str, ...]) -> Callable[[F], F]:
    """The old spelling of `--standard` (build's `-f/--format`), hidden."""
    return click.option(*decls, "old_standard", type=click.Choice(choices), multiple=multiple,
                        default=() if multiple else None, hidden=True, callback=_deprecated("--standard/-s"))


def pick(new: Any, old: Any, default: Any) -> Any:
    """The value given with the current spelling, else with the old one, else the default."""
    for value in (new, old):
        if value not in (None, ()):
            return value
    return default
