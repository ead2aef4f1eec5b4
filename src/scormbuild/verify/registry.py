"""Rule registry: every check has a stable id, a severity, a group and a docstring.

A rule is a function decorated with :func:`rule`; it receives the group's context
(a :class:`~scormbuild.verify.package.Package` for ``zip`` rules, a
:class:`~scormbuild.verify.document.Document` for manifest rules) and yields
:class:`Finding` objects. The registry turns findings into Diagnostics with the rule's
id and severity, so both are declared once. Problems found outside a rule function
(parsing, schema validation, opening the package) are :func:`declare`-d here too, so
that ``RULES`` is the complete, documented list of what ``validate`` can report.

The docstring is the user documentation: what the rule finds, the spec clause, and a
"Fails:" and a "Passes:" example.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from scormbuild.diagnostics import Diagnostic, Location
from scormbuild.diagnostics import Severity as Severity  # re-exported: rule modules declare severities from here


@dataclass(frozen=True)
class Finding:
    """What a rule function yields: where and what; the registry adds id and severity."""

    location: Location
    message: str
    hint: str = ""


Check = Callable[[Any], Iterable[Finding]]
F = TypeVar("F", bound=Check)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    group: str
    doc: str
    check: Check | None = None

    def diagnostic(self, location: Location, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(self.id, self.severity, location, message, hint)


RULES: dict[str, Rule] = {}


def register(rule_id: str, severity: Severity, group: str, doc: str,
             check: Check | None = None) -> Rule:
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} registered twice")
    RULES[rule_id] = Rule(rule_id, severity, group, doc, check)
    return RULES[rule_id]


def rule(rule_id: str, severity: Severity, group: str) -> Callable[[F], F]:
    """Register the decorated function as the check for ``rule_id``."""

    def wrap(func: F) -> F:
        register(rule_id, severity, group, _doc(func), func)
        return func

    return wrap


def declare(rule_id: str, severity: Severity, group: str, doc: str) -> Rule:
    """Register a problem reported by code other than a rule function."""
    return register(rule_id, severity, group, doc.strip())


def emit(rule_id: str, location: Location, message: str, hint: str = "") -> Diagnostic:
    return RULES[rule_id].diagnostic(location, message, hint)


def run(group: str, ctx: Any) -> list[Diagnostic]:
    """Every rule of ``group`` against ``ctx``, in registration order."""
    out: list[Diagnostic] = []
    for r in RULES.values():
        if r.group == group and r.check is not None:
            out.extend(r.diagnostic(f.location, f.message, f.hint) for f in r.check(ctx))
    return out


def _doc(func: Callable[..., Any]) -> str:
    import inspect

    return inspect.cleandoc(func.__doc__ or "")
