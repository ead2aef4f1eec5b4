"""Renderings of a diagnostic list: ``text`` (people), ``json``, ``junit`` (CI test
reports), ``github`` (workflow annotations), ``sarif`` (SARIF 2.1.0, for code scanning).
Pure functions: diagnostics in, a string out. The only place diagnostics are rendered.

``subject`` says what was checked. ``package`` (validate): diagnostics are grouped per
package by their ``extra`` entry ``("package", label)`` (set by :mod:`scormbuild.verify`);
without it, by the part of the location path before ``!``; ``packages`` lists every
package checked, so that clean ones are shown too. ``file`` (check, build): grouped per
source file, and named as files (issue 14: reports named lesson files "packages").
``strict`` counts warnings as failures, as ``--strict`` does for the exit status, so a
report never says valid while the command exits 1.
"""
from __future__ import annotations

import json as _json
from collections.abc import Iterable, Sequence
from typing import Literal

from scormbuild.diagnostics import Diagnostic, Severity, count, sort_key

FORMATS = ("text", "json", "junit", "github", "sarif")
Subject = Literal["package", "file"]
_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def package_of(d: Diagnostic) -> str:
    for key, value in d.extra:
        if key == "package":
            return value
    return d.location.path.split("!", 1)[0]


def grouped(diags: Iterable[Diagnostic], packages: Sequence[str] = (),
            subject: Subject = "package") -> dict[str, list[Diagnostic]]:
    """label -> its diagnostics, in the order packages were given (then first seen)."""
    groups: dict[str, list[Diagnostic]] = {p: [] for p in packages}
    for d in sorted(diags, key=sort_key):
        groups.setdefault(package_of(d) if subject == "package" else d.location.path, []).append(d)
    return groups


def fails(diags: Sequence[Diagnostic], strict: bool = False) -> bool:
    errors, warnings = count(list(diags))
    return bool(errors or (strict and warnings))


def render(fmt: str, diags: Sequence[Diagnostic], packages: Sequence[str] = (),
           strict: bool = False, colour: bool = False, subject: Subject = "package") -> str:
    if fmt == "text":
        return text(diags, packages, strict, colour) if subject == "package" else file_text(diags)
    if fmt == "github":
        return github(diags, packages, strict)
    return {"json": json, "junit": junit, "sarif": sarif}[fmt](diags, packages, strict, subject)


# ---------- text ----------

def line(d: Diagnostic, colour: bool = False) -> str:
    """The one text form of a problem, for source files and packages alike:
    `where: severity: message [code] — fix` (the severity coloured on a terminal)."""
    sev = _paint(str(d.severity), _COLOURS[d.severity], colour)
    text = f"{d.location}: {sev}: {d.message} [{d.code}]"
    return f"{text} — {d.hint}" if d.hint else text


def file_text(diags: Sequence[Diagnostic]) -> str:
    """Problems in source files: one line each, in file order."""
    return "".join(f"{line(d)}\n" for d in sorted(diags, key=sort_key))


def text(diags: Sequence[Diagnostic], packages: Sequence[str] = (), strict: bool = False,
         colour: bool = False) -> str:
    lines: list[str] = []
    groups = grouped(diags, packages)
    for label, items in groups.items():
        lines.append(_paint(f"{label}: {_verdict(items, strict)}", _BOLD, colour))
        lines.extend(f"  {line(d, colour)}" for d in items)
    lines.append(_summary(diags, groups, strict))
    return "\n".join(lines) + "\n"


def _paint(s: str, code: str, colour: bool) -> str:
    return f"{code}{s}{_RESET}" if colour else s


def _verdict(items: Sequence[Diagnostic], strict: bool) -> str:
    errors, warnings = count(list(items))
    state = "INVALID" if fails(items, strict) else "valid"
    return f"{state} ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})"


def _summary(diags: Sequence[Diagnostic], groups: dict[str, list[Diagnostic]], strict: bool) -> str:
    errors, warnings = count(list(diags))
    bad = sum(1 for items in groups.values() if fails(items, strict))
    return (f"{_plural(len(groups), 'package')} checked, {bad} invalid: "
            f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------- json ----------

def as_dict(d: Diagnostic) -> dict[str, object]:
    return {"code": d.code, "severity": str(d.severity), "path": d.location.path,
            "line": d.location.line, "column": d.location.col, "message": d.message, "hint": d.hint}


def json(diags: Sequence[Diagnostic], packages: Sequence[str] = (), strict: bool = False,
         subject: Subject = "package") -> str:
    groups = grouped(diags, packages, subject)
    errors, warnings = count(list(diags))
    doc = {"valid": not fails(diags, strict), "strict": strict,
           "errors": errors, "warnings": warnings,
           f"{subject}s": [{subject: label, "valid": not fails(items, strict),
                            "diagnostics": [as_dict(d) for d in items]} for label, items in groups.items()]}
    return _json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# ---------- junit ----------

def junit(diags: Sequence[Diagnostic], packages: Sequence[str] = (), strict: bool = False,
          subject: Subject = "package") -> str:
    """One <testsuite>; one <testcase> per package (or source file); one <failure> per failing diagnostic."""
    groups = grouped(diags, packages, subject)
    failing = sum(1 for items in groups.values() if fails(items, strict))
    command = "validate" if subject == "package" else "check"
    cases = "".join(_junit_case(label, items, strict, command) for label, items in groups.items())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites><testsuite name="scormbuild {command}" tests="{len(groups)}" '
            f'failures="{failing}" errors="0">\n{cases}</testsuite></testsuites>\n')


def _junit_case(label: str, items: Sequence[Diagnostic], strict: bool, command: str) -> str:
    # Imported here: xml.sax.saxutils pulls in urllib.request, http and email, a fifth of
    # `check`'s start-up, for a report few runs ask for.
    from xml.sax.saxutils import escape, quoteattr

    failing = [d for d in items if d.is_error or (strict and d.severity is Severity.WARNING)]
    body = "".join(f'    <failure type={quoteattr(d.code)} message={quoteattr(d.message)}>'
                   f'{escape(str(d))}</failure>\n' for d in failing)
    out = "\n".join(escape(str(d)) for d in items if d not in failing)
    body += f"    <system-out>{out}</system-out>\n" if out else ""
    return f'  <testcase classname="scormbuild.{command}" name={quoteattr(label)}>\n{body}  </testcase>\n'


# ---------- github ----------

_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diags: Sequence[Diagnostic], packages: Sequence[str] = (), strict: bool = False) -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=L,title=CODE::message``."""
    lines = [_gh_line(d, strict) for d in sorted(diags, key=sort_key)]
    return "".join(line + "\n" for line in lines)


def _gh_line(d: Diagnostic, strict: bool) -> str:
    level = "error" if strict and d.severity is Severity.WARNING else _GH_LEVEL[d.severity]
    inside_zip = "!" in d.location.path  # the line is in a zip member, not in the file
    props = [f"file={_gh_prop(d.location.path.split('!', 1)[0])}"]
    if d.location.line and not inside_zip:
        props.append(f"line={d.location.line}")
    props.append(f"title={_gh_prop(d.code)}")
    where = f"{d.location}: " if inside_zip else ""
    message = f"{where}{d.message}" + (f" — {d.hint}" if d.hint else "")
    return f"::{level} {','.join(props)}::{_gh_data(message)}"


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


# ---------- sarif ----------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(diags: Sequence[Diagnostic], packages: Sequence[str] = (), strict: bool = False,
          subject: Subject = "package") -> str:
    """SARIF 2.1.0 (OASIS): one run, a rule per code, a result per diagnostic (§3.27)."""
    from scormbuild import __version__

    ordered = sorted(diags, key=sort_key)
    rules = sorted({d.code for d in ordered})
    driver = {"name": "scormbuild", "version": __version__, "informationUri": "https://github.com/scormbuild/scormbuild",
              "rules": [_sarif_rule(code) for code in rules]}
    results = [_sarif_result(d, rules.index(d.code), strict) for d in ordered]
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
    return _json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(code: str) -> dict[str, object]:
    """A reportingDescriptor (§3.49): the rule's documentation, where the rule is documented."""
    doc = rule_doc(code)
    rule: dict[str, object] = {"id": code, "shortDescription": {"text": doc.splitlines()[0] if doc else code}}
    if doc:
        rule["fullDescription"] = {"text": doc}
    return rule


def rule_doc(code: str) -> str:
    """The documentation of an author rule, or of a validator rule when the validator is loaded."""
    import sys

    from scormbuild.checks.rules import RULES as AUTHOR_RULES

    if code in AUTHOR_RULES:
        return AUTHOR_RULES[code].doc
    registry = sys.modules.get("scormbuild.verify.registry")  # never imported just for a description
    rules = getattr(registry, "RULES", {}) if registry is not None else {}
    return str(rules[code].doc) if code in rules else ""


def _sarif_result(d: Diagnostic, index: int, strict: bool) -> dict[str, object]:
    from urllib.parse import quote

    level = "error" if strict and d.severity is Severity.WARNING else _SARIF_LEVEL[d.severity]
    file, _, member = d.location.path.partition("!")
    # A zip member has no URI of its own (SARIF §3.4: artifactLocation.uri): point at the
    # package and name the member and its line in the message.
    where = f"{d.location}: " if member else ""
    physical: dict[str, object] = {"artifactLocation": {"uri": quote(file)}}
    if d.location.line and not member:
        region = {"startLine": d.location.line}
        physical["region"] = region | ({"startColumn": d.location.col} if d.location.col else {})
    text = f"{where}{d.message}" + (f" — {d.hint}" if d.hint else "")
    return {"ruleId": d.code, "ruleIndex": index, "level": level, "message": {"text": text},
            "locations": [{"physicalLocation": physical}]}
