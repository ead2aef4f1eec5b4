"""The LMS's reading of a SCORM 2004 manifest's sequencing, for scorm-again.

scorm-again implements the SCORM 2004 sequencing algorithms but, like any run-time, leaves
reading imsmanifest.xml to the LMS (its `sequencing.activityTree` setting, "extracted by
the LMS from the package's imsmanifest.xml"). This is that extraction, for the elements
scormbuild writes (SN 3: control modes, precondition rules, rollup controls, objectives
with their maps, delivery controls); an element it does not know fails loudly rather than
being dropped, so a manifest change cannot silently weaken the bundle test.
"""
from __future__ import annotations

from typing import Any

from lxml import etree

CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
SS = "{http://www.imsglobal.org/xsd/imsss}"
KNOWN = {f"{SS}{n}" for n in ("controlMode", "sequencingRules", "rollupRules", "objectives", "deliveryControls")}


def _bool(value: str | None, default: bool) -> bool:
    return default if value is None else value == "true"


def _controls(seq: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    mode = seq.find(f"{SS}controlMode")
    if mode is not None:
        out.update(choice=_bool(mode.get("choice"), True), flow=_bool(mode.get("flow"), False),
                   forwardOnly=_bool(mode.get("forwardOnly"), False))
    rollup = seq.find(f"{SS}rollupRules")
    if rollup is not None:
        out.update(rollupObjectiveSatisfied=_bool(rollup.get("rollupObjectiveSatisfied"), True),
                   rollupProgressCompletion=_bool(rollup.get("rollupProgressCompletion"), True),
                   objectiveMeasureWeight=float(rollup.get("objectiveMeasureWeight", "1")))
    delivery = seq.find(f"{SS}deliveryControls")
    if delivery is not None:
        out.update(completionSetByContent=_bool(delivery.get("completionSetByContent"), False),
                   objectiveSetByContent=_bool(delivery.get("objectiveSetByContent"), False))
    return out


def _rules(seq: etree._Element) -> dict[str, Any]:
    pre = []
    for rule in seq.iterfind(f"{SS}sequencingRules/{SS}preConditionRule"):
        conds = rule.find(f"{SS}ruleConditions")
        assert conds is not None
        pre.append({"action": rule.find(f"{SS}ruleAction").get("action"),  # type: ignore[union-attr]
                    "conditionCombination": conds.get("conditionCombination", "all"),
                    "conditions": [{"condition": c.get("condition"), "operator": c.get("operator", "noOp"),
                                    "referencedObjective": c.get("referencedObjective")}
                                   for c in conds.iterfind(f"{SS}ruleCondition")]})
    return {"preConditionRules": pre}


def _objective(node: etree._Element, fallback_id: str) -> dict[str, Any]:
    measure = node.find(f"{SS}minNormalizedMeasure")
    return {"objectiveID": node.get("objectiveID", fallback_id),
            "satisfiedByMeasure": _bool(node.get("satisfiedByMeasure"), False),
            "minNormalizedMeasure": None if measure is None else float(measure.text or "1"),
            "mapInfo": [{"targetObjectiveID": mi.get("targetObjectiveID"),
                         "readSatisfiedStatus": _bool(mi.get("readSatisfiedStatus"), True),
                         "readNormalizedMeasure": _bool(mi.get("readNormalizedMeasure"), True),
                         "writeSatisfiedStatus": _bool(mi.get("writeSatisfiedStatus"), False),
                         "writeNormalizedMeasure": _bool(mi.get("writeNormalizedMeasure"), False)}
                        for mi in node.iterfind(f"{SS}mapInfo")]}


def _activity(node: etree._Element) -> dict[str, Any]:
    ident = node.get("identifier") or ""
    activity: dict[str, Any] = {"id": ident, "title": node.findtext(f"{CP}title") or ""}
    seq = node.find(f"{SS}sequencing")
    if seq is not None:
        unknown = [child.tag for child in seq if child.tag not in KNOWN]
        assert not unknown, f"sequencing elements this test LMS does not read: {unknown}"
        activity["sequencingControls"] = _controls(seq)
        activity["sequencingRules"] = _rules(seq)
        objectives = seq.find(f"{SS}objectives")
        if objectives is not None:
            primary = objectives.find(f"{SS}primaryObjective")
            if primary is not None:
                activity["primaryObjective"] = _objective(primary, f"{ident}-primary")
            activity["objectives"] = [_objective(o, "") for o in objectives.iterfind(f"{SS}objective")]
    children = [_activity(item) for item in node.iterfind(f"{CP}item")]
    if children:
        activity["children"] = children
    return activity


def activity_tree(manifest: bytes) -> dict[str, Any]:
    """scorm-again's `sequencing` setting for the default organization of `manifest`."""
    root = etree.fromstring(manifest, etree.XMLParser(resolve_entities=False, no_network=True))
    orgs = root.find(f"{CP}organizations")
    assert orgs is not None
    org = next(o for o in orgs.iterfind(f"{CP}organization") if o.get("identifier") == orgs.get("default"))
    return {"activityTree": _activity(org)}
