"""What `play` found: the run, what the LMS/LRS recorded, and the problems, in three renderings.

The LMS data is summarised here from what the LMS holds at the end — scorm-again's CMI
(``renderCMIToJSONObject``) and its API call log, or the in-memory LRS's statements and
documents — by pure functions, so the tests can hold them against the LMS side.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..inspect import STANDARD_NAMES

# cmi.suspend_data budgets: SCORM 1.2 RTE 3.4.4 (CMIString4096); SCORM 2004 4th Ed. RTE
# 4.2.23 (SPM 64,000 characters). xAPI's State API has no such limit.
SUSPEND_LIMITS = {"scorm12": 4096, "scorm2004": 64000}
SHOWN_INTERACTIONS = 5
SHOWN_ACTIONS = 12  # in the text rendering; json has them all
# Reads answered with these codes are answers, not faults of the content: SCORM 2004 RTE
# 3.1.7.6 error 403 "Data Model Element Value Not Initialized" (a first launch's
# cmi.location) and SCORM 1.2 RTE 3.3.3 error 401 "Not implemented error" (an optional
# element this LMS lacks, e.g. cmi.interactions._count; content must do without).
ANSWERS = {"scorm12": "401", "scorm2004": "403"}
INITIALIZE, FINISH = ("LMSInitialize", "Initialize"), ("LMSFinish", "Terminate")

Json = dict[str, Any]


@dataclass
class Resume:
    checked: bool
    ok: bool
    detail: str


@dataclass
class Report:
    package: str
    standard: str = ""
    launch: Json = field(default_factory=dict)    # identifier, title, href
    steps: int = 0
    actions: list[str] = field(default_factory=list)
    stopped: str = ""                              # why the walk ended
    lms: Json = field(default_factory=dict)       # the summary of what the LMS/LRS holds
    api_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    axe: list[Json] | None = None                  # None: not run (no --axe)
    width: int = 0
    resume: Resume | None = None
    error: str = ""                                # the run itself failed (exit 2)

    @property
    def problems(self) -> list[str]:
        found = [f"API error: {e}" for e in self.api_errors]
        found += [f"console error: {e}" for e in self.console_errors]
        found += [f"external request blocked: {e}" for e in self.external_requests]
        found += [f"accessibility: {v['id']} ({v.get('impact')}) {v.get('help')}" for v in self.axe or []]
        over = self.lms.get("suspend_data_over_limit")
        if over:
            found.append(f"suspend_data is {self.lms['suspend_data_length']:,} characters, over the "
                         f"{self.lms['suspend_data_limit']:,} the standard allows")
        if self.resume and self.resume.checked and not self.resume.ok:
            found.append(f"resume: {self.resume.detail}")
        return found

    def exit_code(self) -> int:
        if self.error:
            return 2
        return 1 if self.problems else 0

    def as_dict(self) -> Json:
        doc = asdict(self)
        doc["standard_name"] = STANDARD_NAMES.get(self.standard, "")
        doc["problems"] = self.problems
        doc["ok"] = self.exit_code() == 0
        return doc


# ---------- SCORM: scorm-again's CMI and the call log ----------

def scorm_summary(standard: str, cmi: Json, calls: Sequence[Mapping[str, Any]] = ()) -> Json:
    """Status, score, interactions, bookmark and suspend_data of a SCORM 1.2 / 2004 CMI, and
    how many times each API function was called."""
    v12 = standard == "scorm12"
    core = (cmi.get("core") or {}) if v12 else cmi
    suspend = str(cmi.get("suspend_data") or "")
    limit = SUSPEND_LIMITS[standard]
    interactions = _numbered(cmi.get("interactions"))
    out: Json = {
        "score": {k: v for k, v in (core.get("score") or {}).items() if k in ("raw", "min", "max", "scaled")
                  and v not in ("", None)},
        "interactions": len(interactions),
        "first_interactions": [_interaction(i, v12) for i in interactions[:SHOWN_INTERACTIONS]],
        "suspend_data_length": len(suspend), "suspend_data_limit": limit,
        "suspend_data_over_limit": len(suspend) > limit,
        "calls": dict(Counter(str(c.get("fn", "")) for c in calls)),
    }
    if v12:
        out |= {"lesson_status": core.get("lesson_status", ""), "location": core.get("lesson_location", ""),
                "entry": core.get("entry", ""), "exit": core.get("exit", "")}
    else:
        out |= {"completion_status": cmi.get("completion_status", ""), "success_status": cmi.get("success_status", ""),
                "location": cmi.get("location", ""), "entry": cmi.get("entry", ""), "exit": cmi.get("exit", "")}
    return out


def _numbered(value: object) -> list[Json]:
    """scorm-again renders a CMI array as {"0": {...}, "1": {...}}."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        keys = sorted((k for k in value if str(k).isdigit()), key=int)
        return [value[k] for k in keys if isinstance(value[k], dict)]
    return []


def _interaction(rec: Json, v12: bool) -> Json:
    return {"id": rec.get("id", ""), "type": rec.get("type", ""),
            "response": rec.get("student_response" if v12 else "learner_response", ""),
            "result": rec.get("result", "")}


def api_errors(calls: Sequence[Mapping[str, Any]], standard: str) -> list[str]:
    """The calls that failed (threw, or set an error code), as `Fn(args) → ret, error n: text`;
    a session opened and never ended is one more (SCORM 1.2 RTE 3.3.2.1: LMSFinish ends every
    session LMSInitialize opened; SCORM 2004: Terminate, likewise)."""
    found = []
    names = [str(c.get("fn", "")) for c in calls]
    for call in calls:
        code = str(call.get("error", "0"))
        if call.get("ret") != "throw" and code in ("0", ""):
            continue
        answered = code == ANSWERS.get(standard) and call.get("ret") != "throw"
        if answered and str(call.get("fn", "")).endswith("GetValue"):
            continue
        args = ", ".join(json.dumps(a) for a in call.get("args") or [])
        found.append(f"{call.get('fn')}({args}) → {json.dumps(call.get('ret'))}, error {code}"
                     + (f": {call['text']}" if call.get("text") else ""))
    if any(n in INITIALIZE for n in names) and not any(n in FINISH for n in names):
        found.append(f"the session was never ended: {' / '.join(FINISH)} was not called, even when the "
                     "content's frame was navigated away and closed")
    return found


# ---------- xAPI: the LRS's statements and documents ----------

def xapi_summary(statements: Sequence[Json], documents: Mapping[tuple[str, ...], bytes]) -> Json:
    """Statements by verb, the verdict they carry, and the State API documents."""
    verbs = Counter(_verb(s) for s in statements)
    completion = any(_verb(s) == "completed" or (s.get("result") or {}).get("completion") is True
                     for s in statements)
    verdicts = [_verb(s) for s in statements if _verb(s) in ("passed", "failed")]
    scored = [s["result"]["score"] for s in statements if isinstance((s.get("result") or {}).get("score"), dict)]
    docs = [{"resource": key[0], "id": key[-1], "bytes": len(body)} for key, body in documents.items()]
    success = verdicts[-1] == "passed" if verdicts else None
    return {"statements": len(statements), "verbs": dict(sorted(verbs.items())), "completion": completion,
            "success": success, "score": scored[-1] if scored else {}, "documents": docs}


def _verb(statement: Json) -> str:
    verb = statement.get("verb") or {}
    return str(verb.get("id", "")).rstrip("/").rsplit("/", 1)[-1]


# ---------- renderings ----------

def render(fmt: str, report: Report) -> str:
    if fmt == "json":
        return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "junit":
        return junit(report)
    return text(report)


def text(r: Report) -> str:
    if r.error:  # a diagnostic's text already starts with the package's path
        return (r.error if r.error.startswith(r.package) else f"{r.package}: {r.error}") + "\n"
    lines = [r.package, f"  standard:  {STANDARD_NAMES.get(r.standard, r.standard)}",
             f"  launched:  {r.launch.get('title') or '(untitled)'} [{r.launch.get('identifier')}] "
             f"→ {r.launch.get('href')}",
             f"  learner:   {r.steps} step{'s' * (r.steps != 1)}, stopped: {r.stopped}"]
    lines += [f"    - {a}" for a in r.actions[:SHOWN_ACTIONS]]
    if len(r.actions) > SHOWN_ACTIONS:
        lines.append(f"    … {len(r.actions) - SHOWN_ACTIONS} more")
    lines += ["  recorded:"] + [f"    {line}" for line in _lms_lines(r.standard, r.lms)]
    if r.resume is not None:
        lines.append(f"  resume:    {'ok' if r.resume.ok else 'FAILED'}: {r.resume.detail}")
    if r.axe is not None:
        lines.append(f"  axe:       {len(r.axe)} WCAG 2.1 A/AA violation{'s' * (len(r.axe) != 1)} at {r.width} px")
    problems = r.problems
    lines += [f"  problem:   {p}" for p in problems]
    lines.append(f"  verdict:   {'ok' if not problems else f'{len(problems)} problem' + 's' * (len(problems) != 1)}")
    return "\n".join(lines) + "\n"


def _lms_lines(standard: str, lms: Json) -> list[str]:
    if standard in SUSPEND_LIMITS:
        status = (f"lesson_status {lms.get('lesson_status') or '(not set)'}" if standard == "scorm12" else
                  f"completion_status {lms.get('completion_status') or '(not set)'}, "
                  f"success_status {lms.get('success_status') or '(not set)'}")
        score = ", ".join(f"{k} {v}" for k, v in lms.get("score", {}).items()) or "(none)"
        out = [status, f"score: {score}", f"interactions: {lms.get('interactions', 0)}"]
        out += [f"  {i['id']} ({i['type']}): {i['response']} → {i['result']}"
                for i in lms.get("first_interactions", [])]
        used, limit = lms.get("suspend_data_length", 0), lms.get("suspend_data_limit", 0)
        out += [f"location: {lms.get('location') or '(none)'}, exit: {lms.get('exit') or '(none)'}",
                f"suspend_data: {used:,} / {limit:,} characters",
                "API calls: " + (", ".join(f"{fn} {n}" for fn, n in lms.get("calls", {}).items()) or "none")]
        return out
    verbs = ", ".join(f"{k} {n}" for k, n in lms.get("verbs", {}).items()) or "(none)"
    score = ", ".join(f"{k} {v}" for k, v in lms.get("score", {}).items()) or "(none)"
    docs = ", ".join(f"{d['id']} ({d['bytes']:,} bytes)" for d in lms.get("documents", [])) or "(none)"
    success = lms.get("success")
    return [f"statements: {lms.get('statements', 0)} ({verbs})",
            f"completion: {'yes' if lms.get('completion') else 'no'}, success: "
            f"{'(none)' if success is None else 'passed' if success else 'failed'}, score: {score}",
            f"documents: {docs}"]


def junit(r: Report) -> str:
    """One test case per thing checked, failed with what was found (JUnit XML as formats.py writes it)."""
    cases: list[tuple[str, list[str]]] = [("run", [r.error] if r.error else [])]
    if not r.error:
        cases += [("api-errors", r.api_errors), ("console-errors", r.console_errors),
                  ("external-requests", r.external_requests)]
        if "suspend_data_limit" in r.lms:
            over = [p for p in r.problems if p.startswith("suspend_data")]
            cases.append(("suspend-data", over))
        if r.axe is not None:
            cases.append(("accessibility", [f"{v['id']} ({v.get('impact')}) {v.get('help')}" for v in r.axe]))
        if r.resume is not None:
            cases.append(("resume", [] if r.resume.ok else [r.resume.detail]))
    failures = sum(1 for _, found in cases if found)
    body = "".join(_case(r.package, name, found) for name, found in cases)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="scormbuild play" tests="{len(cases)}" failures="{failures}">\n'
            f'  <testsuite name={quoteattr(r.package)} tests="{len(cases)}" failures="{failures}">\n'
            f"{body}  </testsuite>\n</testsuites>\n")


def _case(package: str, name: str, found: list[str]) -> str:
    head = f"    <testcase classname={quoteattr('scormbuild play ' + package)} name={quoteattr(name)}"
    if not found:
        return head + "/>\n"
    return (head + f">\n      <failure message={quoteattr(found[0])}>{escape(chr(10).join(found))}</failure>\n"
            "    </testcase>\n")
