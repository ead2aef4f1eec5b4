"""What an LMS prepares for a launch: the launch URL, LMS.LaunchData, the launched statement.

Pure functions and records, no I/O; TestLMS (lms.py) stores and serves what they build.
Clauses are those of cmi5 (Quartz) and of the Tin Can launch document by Rustici.
"""
from __future__ import annotations

import hashlib
import json
import urllib.parse
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import cmi5_rules as cmi5
from .store import now_iso


@dataclass
class Cmi5Launch:
    """A cmi5 launch prepared by the LMS (8.1): open `url` in the browser."""

    url: str
    endpoint: str
    fetch: str
    actor: dict[str, Any]
    registration: str
    activity_id: str
    publisher_id: str
    session_id: str
    launch_data: dict[str, Any]
    key: str  # the fetch URL's last segment; names this launch in the LMS

    @property
    def session(self) -> cmi5.Session:
        """What cmi5_rules.check needs to know about this launch."""
        return cmi5.Session.from_launch_data(self.launch_data, self.activity_id,
                                             self.registration, self.actor)


@dataclass
class TinCanLaunch:
    """A Tin Can launch (Rustici "Tin Can Launch" doc): open `url` in the browser."""

    url: str
    endpoint: str
    auth: str
    actor: dict[str, Any]
    registration: str
    activity_id: str


def default_actor(base_url: str, name: str = "learner-1") -> dict[str, Any]:
    """A cmi5 actor: objectType Agent with an account (cmi5 9.2), no PII."""
    return {"objectType": "Agent", "name": "Test Learner",
            "account": {"homePage": f"{base_url}/lms", "name": name}}


def generated_activity_id(publisher_id: str) -> str:
    """cmi5 8.1: an LMS activityId for the AU, never the publisher id, same every launch."""
    digest = hashlib.sha1(publisher_id.encode()).hexdigest()[:16]
    return f"https://lms.scormbuild.test/au/{digest}"


def launch_data(session_id: str, publisher_id: str, registration: str, *,
                launch_mode: str = "Normal", move_on: str = "CompletedOrPassed",
                mastery_score: float | None = None, return_url: str | None = None,
                launch_parameters: str | None = None,
                entitlement_key: Mapping[str, str] | None = None,
                template_registration: bool = False) -> dict[str, Any]:
    """The LMS.LaunchData State document (cmi5 10).

    contextTemplate holds the session id extension (9.6.3.1) and the publisher id in
    contextActivities.grouping (9.6.2.3). The registration is left out by default, as
    the spec does, so that an AU must take it from the launch URL (9.6.1);
    `template_registration=True` puts it in too.
    """
    template: dict[str, Any] = {
        "contextActivities": {"grouping": [{"objectType": "Activity", "id": publisher_id}]},
        "extensions": {cmi5.EXT_SESSION: session_id},
    }
    if template_registration:
        template["registration"] = registration
    data: dict[str, Any] = {"contextTemplate": template, "launchMode": launch_mode,
                            "moveOn": move_on}
    optional = {"masteryScore": mastery_score, "returnURL": return_url,
                "launchParameters": launch_parameters, "entitlementKey": entitlement_key}
    data.update({k: v for k, v in optional.items() if v is not None})
    return data


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def with_query(url: str, params: Mapping[str, str]) -> str:
    """Append URL-encoded launch parameters (cmi5 8.1: every value URL-encoded)."""
    query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    return url + ("&" if "?" in url else "?") + query


def launched_statement(launch: Cmi5Launch, au_url: str) -> tuple[str, dict[str, Any]]:
    """The LMS's "launched" statement (cmi5 9.3.1) with the 9.6.3.x context extensions."""
    data = launch.launch_data
    extensions = {cmi5.EXT_SESSION: launch.session_id, cmi5.EXT_LAUNCH_MODE: data["launchMode"],
                  cmi5.EXT_LAUNCH_URL: au_url, cmi5.EXT_MOVE_ON: data["moveOn"]}
    if "masteryScore" in data:
        extensions[cmi5.EXT_MASTERY] = data["masteryScore"]
    if "launchParameters" in data:
        extensions[cmi5.EXT_LAUNCH_PARAMETERS] = data["launchParameters"]
    statement_id = str(uuid.uuid4())
    return statement_id, {
        "id": statement_id, "timestamp": now_iso(), "actor": launch.actor,
        "verb": {"id": cmi5.VERBS["launched"], "display": {"en-US": "Launched"}},
        "object": {"objectType": "Activity", "id": launch.activity_id},
        "context": {"registration": launch.registration,
                    "contextActivities": {
                        "category": [{"objectType": "Activity", "id": cmi5.CATEGORY_CMI5}],
                        "grouping": [{"objectType": "Activity", "id": launch.publisher_id}]},
                    "extensions": extensions},
    }


def abandoned_statement(launch: Cmi5Launch, launched_at: float, last_at: float) -> dict[str, Any]:
    """The LMS's "abandoned" statement (cmi5 9.3.6) for a session that never terminated;
    its duration runs from "launched" to the AU's last statement (9.5.4.2)."""
    return {
        "id": str(uuid.uuid4()), "timestamp": now_iso(), "actor": launch.actor,
        "verb": {"id": cmi5.VERBS["abandoned"], "display": {"en-US": "Abandoned"}},
        "object": {"objectType": "Activity", "id": launch.activity_id},
        "result": {"duration": f"PT{max(0.0, last_at - launched_at):.2f}S"},
        "context": {"registration": launch.registration,
                    "contextActivities": {
                        "category": [{"objectType": "Activity", "id": cmi5.CATEGORY_CMI5}],
                        "grouping": [{"objectType": "Activity", "id": launch.publisher_id}]},
                    "extensions": {cmi5.EXT_SESSION: launch.session_id}},
    }
