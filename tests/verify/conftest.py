"""Fixtures for the validator tests: sample packages built in tmp_path, never on disk elsewhere."""
from __future__ import annotations

import importlib.util
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from verify_samples import SAMPLES, Sample


def write_zip(path: Path, files: dict[str, bytes | str]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are written on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
    return path


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, bytes | str], name: str = "pkg.zip") -> Path:
        return write_zip(tmp_path / name, files)

    return make


@pytest.fixture
def sample_zip(tmp_path: Path) -> Callable[..., Path]:
    """A zip of a sample package (scorm12, cmi5, tincan, scorm2004), possibly edited."""

    def make(kind: str, edit: Callable[[Sample], Sample] | None = None, name: str = "pkg.zip") -> Path:
        sample = SAMPLES[kind]
        if edit:
            sample = edit(sample)
        return write_zip(tmp_path / name, sample.files())

    return make


@pytest.fixture(scope="session")
def oracle(conformance: Path) -> ModuleType:
    """The official-XSD oracle, check_xsd.py, imported once per session.

    Its ``check(path)`` is exactly what its command line runs (``main`` only formats the
    result); importing it saves ~150 ms of interpreter start-up per file.
    """
    script = conformance / "check_xsd.py"
    assert script.is_file(), f"{script} is missing from ../shared/conformance"
    spec = importlib.util.spec_from_file_location("check_xsd_oracle", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
