"""Every rule is documented (a failing and a passing example) and exercised by a test."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scormbuild.verify import RULES

ID = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_documented(rule_id):
    rule = RULES[rule_id]
    assert ID.match(rule_id)
    assert "Fails:" in rule.doc and "Passes:" in rule.doc, rule_id
    assert len(rule.doc.splitlines()[0]) > 10


def test_every_rule_is_exercised_by_a_test():
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")
                    if p.name != "test_verify_registry.py")
    untested = sorted(r for r in RULES if f'"{r}"' not in tests and f"'{r}'" not in tests)
    # Shared content-packaging rules are exercised once as SCORM 1.2 and in part as 2004.
    untested = [r for r in untested if not (r.startswith("SCORM2004-") and f'"SCORM12-{r[10:]}"' in tests)]
    assert untested == []
