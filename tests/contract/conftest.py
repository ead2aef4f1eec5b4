"""The Python↔JavaScript contract: the shipped player runtime, run in node.

`runtime` is the player code of a package built from tests/roots/minimal (statecodec.js
and player.js exactly as shipped) loaded into node by codec.js; `codec(calls)` runs a
batch of codec calls in it and returns their results.
"""
from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scormbuild.builders import get_builder
from scormbuild.model import Course
from scormbuild.pipeline import load_and_check
from scormbuild.player_config import state_keys
from scormbuild.state import Keys
from tests.conftest import ROOTS

HARNESS = Path(__file__).with_name("codec.js")
Codec = Callable[..., list[Any]]


@pytest.fixture(scope="session")
def minimal() -> Course:
    course, _ = load_and_check(ROOTS / "minimal")
    assert course is not None
    return course


@pytest.fixture(scope="session")
def keys(minimal: Course) -> Keys:
    return state_keys(minimal, minimal.modules[0])


@pytest.fixture(scope="session")
def runtime(minimal: Course, tmp_path_factory: pytest.TempPathFactory, node: str) -> list[Path]:
    """statecodec.js and player.js from a built package, in the order the page loads them."""
    [package] = get_builder("scorm12").packages(minimal, bundle=False)
    folder = tmp_path_factory.mktemp("runtime")
    paths = []
    for name in ("player/statecodec.js", "player/player.js"):
        paths.append(folder / Path(name).name)
        paths[-1].write_bytes(package.files[name])
    return paths


@pytest.fixture(scope="session")
def codec(runtime: list[Path], keys: Keys) -> Codec:
    def run(*calls: list[Any], tables: Keys | None = keys) -> list[Any]:
        done = subprocess.run(["node", str(HARNESS), *map(str, runtime)], capture_output=True, text=True,
                              input=json.dumps({"keys": tables, "calls": list(calls)}), timeout=60)
        assert done.returncode == 0, done.stderr
        result: list[Any] = json.loads(done.stdout)
        return result

    return run
