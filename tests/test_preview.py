"""`scormbuild preview` without a browser: what it needs, and how it says so (the page
itself is tested in tests/browser/test_preview.py)."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from scormbuild.cli import main
from scormbuild.preview.scorm_again import ENV, find_dist
from scormbuild.preview.watcher import changed, snapshot

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "node_modules" / "scorm-again" / "dist"


def fake_dist(root: Path) -> Path:
    dist = root / "node_modules" / "scorm-again" / "dist"
    dist.mkdir(parents=True)
    for name in ("scorm12.js", "scorm2004.js"):
        (dist / name).write_text("// scorm-again\n")
    return dist


def test_scorm_again_is_found_in_a_parent_folder_or_through_the_environment(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path / "project")
    deep = tmp_path / "project" / "courses" / "a"
    deep.mkdir(parents=True)
    assert find_dist(deep, {}) == dist
    assert find_dist(tmp_path, {}) is None
    assert find_dist(tmp_path, {ENV: str(dist)}) == dist
    assert find_dist(deep, {ENV: str(tmp_path)}) is None, "a wrong variable is not silently ignored"


@pytest.mark.parametrize("env", [None, "/nowhere/dist"])
def test_without_scorm_again_it_says_what_to_run_and_exits_2(course: Path, monkeypatch: pytest.MonkeyPatch,
                                                              env: str | None) -> None:
    monkeypatch.delenv(ENV, raising=False)
    if env:
        monkeypatch.setenv(ENV, env)
    done = CliRunner().invoke(main, ["preview", "course", "--port", "0"])
    assert done.exit_code == 2, done.output
    assert "npm install scorm-again@3.4.3" in done.output
    assert (f"{ENV}=/nowhere/dist has no scorm12.js" if env else "not found in node_modules/") in done.output
    assert "Traceback" not in done.output


def test_a_port_in_use_is_exit_2_with_the_way_out(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(DIST) if DIST.is_dir() else str(fake_dist(Path.cwd())))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = CliRunner().invoke(main, ["preview", "course", "--port", str(port)])
    assert done.exit_code == 2, done.output
    assert f"cannot listen on 127.0.0.1:{port}" in done.output and "--port 0" in done.output


def test_no_course_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["preview", "nothing"])
    assert done.exit_code == 2 and "has no course.yaml" in done.output


def test_the_watcher_sees_edits_additions_removals_and_not_editor_files(course: Path) -> None:
    before = snapshot(course)
    lesson = course / "modules" / "01-basics" / "01-intro.md"
    lesson.write_text(lesson.read_text() + "\nMore.\n")
    (course / "modules" / "01-basics" / ".01-intro.md.swp").write_text("vim")
    (course / "modules" / "01-basics" / "01-intro.md~").write_text("backup")
    (course / "assets" / "journal.html").unlink()
    (course / "assets" / "new.txt").write_text("new")
    assert changed(before, snapshot(course)) == sorted([str(lesson), str(course / "assets" / "journal.html"),
                                                        str(course / "assets" / "new.txt")])


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The preview's HTTP server with its in-memory LRS, nothing built."""
    import threading

    from scormbuild.preview.hub import Hub
    from scormbuild.preview.lrs import MemoryLRS
    from scormbuild.preview.server import PreviewServer

    (tmp_path / "site").mkdir()
    (tmp_path / "secret.txt").write_text("not served")
    srv = PreviewServer(0, Hub("cmi5"), tmp_path / "site", None, MemoryLRS())
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv, method: str, path: str, body: bytes | None = None, host: str | None = None):  # type: ignore[no-untyped-def]
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", srv.server_address[1], timeout=5)
    headers = {"Host": host} if host else {}
    conn.request(method, path, body=body, headers=headers)
    got = conn.getresponse()
    return got.status, got.read()


def test_the_server_answers_only_this_machine_s_names_and_only_its_folders(server) -> None:  # type: ignore[no-untyped-def]
    assert server.server_address[0] == "127.0.0.1"  # never 0.0.0.0: the LRS has no authentication
    assert request(server, "GET", "/api/state")[0] == 200
    assert request(server, "GET", "/api/state", host=f"localhost:{server.server_address[1]}")[0] == 200
    assert request(server, "GET", "/api/state", host="attacker.example")[0] == 403  # DNS rebinding
    assert request(server, "POST", "/lrs/statements", b"[]", host="attacker.example")[0] == 403
    assert request(server, "GET", "/pkg/../secret.txt")[0] == 404
    assert request(server, "GET", "/pkg/%2e%2e/secret.txt")[0] == 404
    assert request(server, "GET", "/scorm-again/scorm12.js")[0] == 404  # none configured (cmi5)


def test_the_lrs_keeps_statements_once_and_merges_posted_documents(server) -> None:  # type: ignore[no-untyped-def]
    import json

    st = {"id": "6f1b7c2e-8d8e-4a55-9c6b-2b1f3f0d4e51", "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"}}
    stored = json.dumps([st["id"]]).encode()
    assert request(server, "POST", "/lrs/statements", json.dumps([st]).encode()) == (200, stored)
    assert request(server, "POST", "/lrs/statements", json.dumps(st).encode())[0] == 200  # re-sent: no error
    other = {**st, "verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"}}
    assert request(server, "PUT", f"/lrs/statements?statementId={st['id']}", json.dumps(other).encode())[0] == 409
    assert json.loads(request(server, "GET", "/lms/inspect")[1])["total"] == 1

    doc = "/lrs/activities/state?activityId=a&agent=%7B%22name%22%3A%22x%22%7D&stateId=s"
    assert request(server, "GET", doc)[0] == 404
    assert request(server, "PUT", doc, b'{"a": 1, "b": 1}')[0] == 204
    assert request(server, "POST", doc, b'{"b": 2}')[0] == 204
    assert json.loads(request(server, "GET", doc)[1]) == {"a": 1, "b": 2}
    errors = json.loads(request(server, "GET", "/lms/inspect")[1])["errors"]
    assert len(errors) == 1 and errors[0].startswith("PUT /lrs/statements → 409"), errors


def test_a_bundle_rebuild_offers_the_course_page_then_each_module(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """preview --bundle: the items of the one bundle package, in the organization's order."""
    from scormbuild.preview.rebuild import Rebuilder
    from tests.conftest import make_root

    course = make_root("two-modules", tmp_path, monkeypatch)
    outcome = Rebuilder(course, "scorm12", tmp_path / "work", bundle=True).run()
    assert outcome.ok, outcome.diagnostics
    assert [sco.title for sco in outcome.scos] == ["Course overview", "First", "Second"]
    assert [sco.url.split("/", 2)[2] for sco in outcome.scos] == ["index.html", "first/index.html", "second/index.html"]
    assert len({sco.url.split("/")[1] for sco in outcome.scos}) == 1  # one package
