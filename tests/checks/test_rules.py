"""The author rules are complete, documented and tested (issue 13: the validator's shape).

Every code the loader or a check can emit is declared in checks/rules.py with a failing
and a passing example; every declared code is emitted somewhere and asserted by a test;
every check module has its docstring examples and its own test module (tests mirror src/).
"""
from __future__ import annotations

import re

import pytest

from scormbuild.checks import REGISTRY
from scormbuild.checks.rules import RULES
from tests.conftest import REPO

SRC = REPO / "src" / "scormbuild"
EMITTERS = [*sorted((SRC / "load").glob("*.py")), *sorted((SRC / "checks").glob("*.py")), SRC / "pipeline.py"]
EMIT = re.compile(r"""(?:error|warning|warn|_err)\(\s*"([a-z0-9.-]+)\"""")


def emitted() -> set[str]:
    codes = {code for path in EMITTERS for code in EMIT.findall(path.read_text(encoding="utf-8"))}
    # A check whose one code is its module ID emits `warning(ID, ...)` (state-budget).
    sources = {mod.ID: (SRC / "checks" / f"{mod.__name__.rsplit('.', 1)[1]}.py").read_text()
               for mod in REGISTRY.values()}
    return codes | {rule_id for rule_id, source in sources.items() if "warning(ID" in source}


def test_every_emitted_code_is_declared_and_every_declared_code_is_emitted() -> None:
    assert emitted() == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_a_failing_and_a_passing_example(rule_id: str) -> None:
    doc = RULES[rule_id].doc
    assert re.search(r"^Fails: \S", doc, re.M) and re.search(r"^Passes: \S", doc, re.M), doc


TEST_SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("test_*.py")
                         if p.name not in ("test_rules.py", "test_schema_agreement.py"))


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_is_asserted_by_a_test(rule_id: str) -> None:
    # A test names the code as a string ('key.empty') or inside an expected message ([key.empty]).
    named = re.search(rf"""["'\[]{re.escape(rule_id)}["'\]]""", TEST_SOURCES) is not None
    assert named, f"no test asserts {rule_id}"


@pytest.mark.parametrize("name", sorted(m.__name__.rsplit(".", 1)[1] for m in REGISTRY.values()))
def test_every_check_module_is_documented_and_has_its_test_module(name: str) -> None:
    doc = (REGISTRY_BY_NAME[name].__doc__ or "")
    assert "Fails" in doc and "Passes" in doc
    assert (REPO / "tests" / "checks" / f"test_{name}.py").is_file()


REGISTRY_BY_NAME = {m.__name__.rsplit(".", 1)[1]: m for m in REGISTRY.values()}
