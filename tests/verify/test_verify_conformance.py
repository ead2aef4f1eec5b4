"""The project's schemas against the official ones (check_xsd.py, the oracle) on real
packages and real-world manifests, and the validator's verdict on the real packages."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from verify_samples import CONFORMANCE, SAMPLES

from scormbuild.verify import document_verdict, validate_path

pytestmark = pytest.mark.usefixtures("conformance")  # fails, with what is missing, without ../shared

#: Files where the project's schema verdict differs from the official XSDs, and why.
#: Each is explained in schemas/README.md, "Disagreements with the official schemas".
KNOWN_DISAGREEMENTS: dict[str, str] = {}


def real_world() -> list[Path]:
    if not CONFORMANCE.is_dir():
        # One case standing for the missing corpus: it fails (the conformance fixture says
        # why) where an empty parameter list would be skipped.
        return [CONFORMANCE / "real-world" / "missing"]
    files = []
    for folder in sorted(CONFORMANCE.glob("real-world*")):
        with open(folder / "index.tsv", encoding="utf-8") as f:
            files += [folder / row["file"] for row in csv.DictReader(f, delimiter="\t")]
    return files


def oracle_verdict(oracle, path: Path) -> tuple[str, bool]:
    result = oracle.check(path, "auto")
    return result["standard"], bool(result["valid"])


@pytest.mark.parametrize("path", real_world(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_schema_verdict_agrees_with_the_official_xsds(oracle, path):
    standard, official = oracle_verdict(oracle, path)
    mine_std, problems = document_verdict(path.read_bytes(), path.name)
    key = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    if key in KNOWN_DISAGREEMENTS:
        assert (not problems) != official, f"known disagreement is gone: {key}"
        return
    assert (not problems) == official, [str(p) for p in problems]
    if standard != "auto":  # the oracle detects after parsing; unparsable files stay "auto"
        assert mine_std == standard


PACKAGES = {  # file: (official XSD verdict, what scormbuild validate reports as errors)
    "singlescobasic.zip": (True, []),
    "singlesco_scorm12.zip": (True, []),
    "RuntimeMinimumCalls_SCORM12.zip": (True, []),
    "RuntimeBasicCalls_SCORM20043rdEdition.zip": (True, []),
    # valid by the XSD (IDREF only needs *an* ID), but the default names no organization
    "complexscorm.zip": (True, ["SCORM12-ORG-DEFAULT"]),
    # valid by the XSD; an LMS finds nothing to launch
    "singlescobasic_missingorg.zip": (True, ["SCORM12-ORG-EMPTY"]),
    "badscorm.zip": (None, ["PKG-NO-MANIFEST"]),
    "invalid.zip": (None, ["PKG-NO-MANIFEST"]),
    "validscorm.zip": (False, ["XML-MALFORMED"]),
}


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_real_packages(oracle, name):
    path = CONFORMANCE / "packages" / name
    official, expected_errors = PACKAGES[name]
    try:
        assert oracle.check(path, "auto")["valid"] == official
    except oracle.Unusable:
        assert official is None
    errors = [d.code for d in validate_path(path) if d.is_error]
    assert errors == expected_errors


def test_the_builders_manifest_shape_is_valid_for_both(oracle, sample_zip):
    path = sample_zip("scorm12")
    assert oracle.check(path, "scorm12")["valid"]
    assert validate_path(path, "scorm12") == []


def test_lom_general_order_matters_to_both(oracle, sample_zip):
    """IMS MD 1.2.1: general is title, catalogentry, language, description - in that order."""
    swapped = SAMPLES["scorm12"].replace(
        '<imsmd:language>en</imsmd:language>\n', "").replace(
        "</imsmd:description>\n", "</imsmd:description>\n        <imsmd:language>en</imsmd:language>\n")
    path = sample_zip("scorm12", lambda s: swapped)
    assert not oracle.check(path, "scorm12")["valid"]
    assert [d.code for d in validate_path(path)] == ["SCHEMA-INVALID"]


@pytest.mark.parametrize("kind", ["cmi5", "tincan", "scorm2004", "scorm2004-full"])
def test_samples_are_valid_for_the_oracle(oracle, sample_zip, kind):
    assert oracle.check(sample_zip(kind), "auto")["valid"]


def test_oracle_command_line_agrees_with_its_module(oracle, sample_zip):
    import subprocess
    import sys

    path = sample_zip("scorm12", lambda s: s.replace('identifier="ORG-goals">', 'identifier="ORG goals">'))
    run = subprocess.run([sys.executable, str(CONFORMANCE / "check_xsd.py"), "scorm12", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert oracle.check(path, "scorm12")["valid"] is False
    assert "SCHEMA-INVALID" in {d.code for d in validate_path(path)}


def test_empty_xml_lang_is_the_one_known_construction_difference(oracle, sample_zip):
    """XML 1.0 2.12 allows xml:lang=""; the oracle's 2001 xml.xsd does not (schemas/README.md)."""
    path = sample_zip("scorm12", lambda s: s.replace('<imsmd:langstring xml:lang="en">Goal',
                                                     '<imsmd:langstring xml:lang="">Goal'))
    assert validate_path(path) == []
    assert oracle.check(path, "scorm12")["valid"] is False


@pytest.mark.parametrize("path", real_world(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_every_real_world_manifest_gets_a_verdict_not_a_crash(make_zip, path):
    """Packaged alone, each real manifest yields diagnostics (missing files, mostly), never a bug."""
    root = {"cmi5": "cmi5.xml", "tincan": "tincan.xml"}.get(path.parent.name, "imsmanifest.xml")
    diags = validate_path(make_zip({root: path.read_bytes()}))
    assert "VALIDATOR-ERROR" not in {d.code for d in diags}
