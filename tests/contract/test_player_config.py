"""The page config: every page scormbuild builds embeds a config the schema accepts.

schemas/player-config.schema.json is the contract between player_config.py (which writes
the config) and the runtime (which reads it): every key, versioned by CONFIG_VERSION.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scormbuild import standards
from scormbuild.builders import get_builder
from scormbuild.pipeline import load_and_check
from scormbuild.player_config import CONFIG_VERSION, player_config
from tests.conftest import REPO, ROOTS

SCHEMA = json.loads((REPO / "schemas" / "player-config.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CONFIG = re.compile(r'<script type="application/json" id="sb-config">(.*?)</script>', re.S)
COURSES = [REPO / "course", *sorted(p for p in ROOTS.iterdir() if (p / "course.yaml").is_file())]
PLAYER = REPO / "templates" / "player"
# The player core names the page config `cfg` or `config`; trackers get it as `ctx.config`
# (their own `this.cfg` is something else, e.g. the SCORM 2004 tracker's objectives).
READS = [(path, r"\b(?:cfg|config)\.(\w+)") for path in (PLAYER / "runtime").glob("*.js")] + [
    (path, r"\bconfig\.(\w+)") for path in (PLAYER / "static").glob("*.js")]


def built_configs(course_dir: Path, standard: str) -> list[tuple[str, dict[str, Any]]]:
    """(page, config) for every page of every package the builder makes, bundled or not,
    read back from the HTML."""
    course, _ = load_and_check(course_dir)
    assert course is not None
    found = []
    builder = get_builder(standard)
    for package in [*builder.packages(course, bundle=False), *builder.packages(course, bundle=True)]:
        for name, data in package.files.items():
            match = CONFIG.search(data.decode("utf-8")) if name.endswith(".html") else None
            if match:
                found.append((f"{package.name}!{name}", json.loads(html.unescape(match.group(1)))))
    return found


# Standards whose packages carry player pages (a Moodle backup holds scorm12 zips).
PAGED = [s.name for s in standards.STANDARDS if s.builds and s.tracker]


@pytest.mark.parametrize("standard", PAGED)
@pytest.mark.parametrize("course_dir", COURSES, ids=lambda p: p.name)
def test_every_built_page_config_matches_the_schema(course_dir: Path, standard: str) -> None:
    configs = built_configs(course_dir, standard)
    assert configs, "no page with a config"
    for page, config in configs:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(config)]
        assert errors == [], page
        assert ("xapi" in config) == standards.get(standard).xapi, page


def test_the_schema_versions_the_config() -> None:
    assert [ref["$ref"] for ref in SCHEMA["oneOf"]][-1] == f"#/$defs/v{CONFIG_VERSION}"
    assert SCHEMA["$defs"][f"v{CONFIG_VERSION}"]["properties"]["version"] == {"const": CONFIG_VERSION}


def test_the_schema_names_every_key_the_builder_writes() -> None:
    """additionalProperties is false: a key added to player_config must be added here too."""
    course, _ = load_and_check(ROOTS / "minimal")
    assert course is not None
    config = player_config(course, course.modules[0], "cmi5")
    assert VALIDATOR.is_valid(config)
    assert not VALIDATOR.is_valid({**config, "newKey": 1})
    assert not VALIDATOR.is_valid({k: v for k, v in config.items() if k != "stateKeys"})
    assert not VALIDATOR.is_valid({**config, "version": CONFIG_VERSION + 1})


def test_every_key_the_runtime_reads_is_in_the_schema() -> None:
    """`cfg.x` / `config.x` in the runtime and trackers: x must be a key the schema pins."""
    keys = set(SCHEMA["$defs"][f"v{CONFIG_VERSION}"]["properties"])
    read = {m.group(1) for path, pattern in READS for m in re.finditer(pattern, path.read_text(encoding="utf-8"))}
    assert read and read <= keys, read - keys
