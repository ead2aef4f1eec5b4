"""pytest fixtures for xAPI tests; tests/xapi/conftest.py imports them all.

Elsewhere (e.g. tests/browser/), add to that folder's conftest.py:
    from tests.xapi.fixtures import (  # noqa: F401
        lms, memory_lms, ralph, ralph_or_reason, xapi_validator)

- `ralph`          (session) a running RalphServer; skipped when Ralph is not installed.
                   One Ralph serves the whole session: filter its statements by
                   registration (every launch has a fresh one).
- `lms`            a started TestLMS whose statements are stored by Ralph when Ralph is
                   installed (else in memory); a fresh one per test, stopped after it.
- `memory_lms`     a started TestLMS storing statements in memory (no Ralph, fastest).
- `xapi_validator` the `validate_statements` function; fails without node/xapi-validation.

Set SCORMBUILD_XAPI_LRS=memory to make `lms` use memory even where Ralph is installed.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from .lms import TestLMS
from .ralph_lrs import RalphServer, ralph_missing
from .validate import Problem, validate_statements, validator_missing


@pytest.fixture(scope="session")
def ralph_or_reason(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RalphServer | str]:
    """A started Ralph, or the reason there is none. Installed but broken → error, not skip."""
    reason = ralph_missing()
    if reason is None and os.environ.get("SCORMBUILD_XAPI_LRS") == "memory":
        reason = "SCORMBUILD_XAPI_LRS=memory"
    if reason:
        yield reason
        return
    server = RalphServer(tmp_path_factory.mktemp("ralph")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ralph(ralph_or_reason: RalphServer | str) -> RalphServer:
    """The session's Ralph LRS (skips the test when Ralph is not installed)."""
    if isinstance(ralph_or_reason, str):
        pytest.skip(f"Ralph unavailable: {ralph_or_reason}")
    return ralph_or_reason


@pytest.fixture
def lms(ralph_or_reason: RalphServer | str) -> Iterator[TestLMS]:
    """A running TestLMS; statements stored by Ralph when available.

    `lms.statement_store.name` says which: "ralph" or "memory".
    """
    store = None if isinstance(ralph_or_reason, str) else ralph_or_reason.store()
    with TestLMS(store) as server:
        yield server


@pytest.fixture
def memory_lms() -> Iterator[TestLMS]:
    """A running TestLMS storing statements in memory."""
    with TestLMS() as server:
        yield server


@pytest.fixture(scope="session")
def xapi_validator() -> Callable[..., list[Problem]]:
    """`validate_statements(statements) -> list[Problem]` (one node run per call)."""
    reason = validator_missing()
    if reason:  # a failure, not a skip: make setup installs it, and a skip would pass unchecked
        pytest.fail(reason, pytrace=False)
    return validate_statements
