"""PKG-NOT-OFFLINE: pages and style sheets that load from other hosts (information)."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.verify.conftest import write_zip
from verify_samples import SAMPLES

from scormbuild.diagnostics import Severity
from scormbuild.verify import validate_path
from scormbuild.verify.offline import external_hosts


def offline_infos(tmp_path: Path, page: str, extra: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    files = {**SAMPLES["scorm12"].files(), "index.html": page, **(extra or {})}
    found = validate_path(write_zip(tmp_path / "pkg.zip", files))
    return [(d.code, d.location.path, d.message) for d in found if d.code == "PKG-NOT-OFFLINE"]


def test_a_cdn_script_is_reported_with_its_host_as_information(tmp_path: Path) -> None:
    page = '<script src="https://cdn.example.com/lib.js"></script><a href="https://example.org">a link</a>'
    found = validate_path(write_zip(tmp_path / "pkg.zip", {**SAMPLES["scorm12"].files(), "index.html": page}))
    [d] = [d for d in found if d.code == "PKG-NOT-OFFLINE"]
    assert d.severity is Severity.INFO and str(d.location) == f"{tmp_path / 'pkg.zip'}!index.html"
    assert d.message == "index.html loads content from cdn.example.com: the package is not fully offline"


def test_a_self_contained_package_is_not_reported(tmp_path: Path) -> None:
    page = '<script src="player/player.js"></script><img src="a.png"><a href="https://example.org/">out</a>'
    assert offline_infos(tmp_path, page) == []


@pytest.mark.parametrize(("name", "text", "hosts"), [
    ("a.html", '<iframe title="x" src="https://player.vimeo.com/video/1"></iframe>', ["player.vimeo.com"]),
    ("a.html", "<video poster='//img.example.net/p.jpg'></video>", ["img.example.net"]),
    ("a.html", '<link rel="stylesheet" href="https://fonts.googleapis.com/css">', ["fonts.googleapis.com"]),
    ("a.html", '<figure data-embed-src="https://www.youtube-nocookie.com/embed/a">', ["www.youtube-nocookie.com"]),
    ("a.css", '@import "https://fonts.example.com/a.css"; b { background: url(https://x.example/b.png) }',
     ["fonts.example.com", "x.example"]),
    ("a.html", '<a href="https://example.org">a link is followed, not loaded</a>', []),
])
def test_what_counts_as_loading_from_another_host(name: str, text: str, hosts: list[str]) -> None:
    assert external_hosts(name, text) == hosts


def test_scormbuild_embed_packages_say_which_host(tmp_path: Path) -> None:
    from scormbuild.pipeline import build

    result = build(Path(__file__).parents[1] / "roots" / "embed", tmp_path / "out")
    infos = [d.message for d in result.diagnostics if d.code == "PKG-NOT-OFFLINE"]
    assert infos == ["index.html loads content from www.youtube-nocookie.com: the package is not fully offline"]
    assert [d.code for d in result.diagnostics if d.severity is Severity.WARNING] == ["offline.embed"]
