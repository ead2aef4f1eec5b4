"""One problem type for every stage: loading, checking, building and validating.

A Diagnostic is what an author or a CI pipeline reads: where (file:line:col), how bad,
a stable code, what is wrong and how to fix it. Every stage yields them; nothing raises
to the user.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.col:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    location: Location
    message: str
    hint: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message} [{self.code}]"
        return f"{text} — {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity >= Severity.ERROR


def error(code: str, loc: Location, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, loc, message, hint)


def warning(code: str, loc: Location, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, loc, message, hint)


def count(diags: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for d in diags if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diags if d.severity is Severity.WARNING)
    return errors, warnings


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.location.path, d.location.line, d.location.col, d.code)
