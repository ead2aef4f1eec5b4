"""What the end of a module says comes next (issue 15 item 7), per package shape."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scormbuild.pipeline import build


def end_view(tmp_path: Path, standard: str, bundle: bool, page: str) -> str:
    result = build(Path(__file__).parent / "roots" / "two-modules", tmp_path / standard, formats=(standard,),
                   bundle=bundle)
    import zipfile

    zips = {p.path.name: p.path for p in result.built}
    name = next(n for n in zips if ("02-second" not in n) or page.startswith("second"))
    html = zipfile.ZipFile(zips[name]).read(page).decode()
    end = html[html.index('id="sb-end"'):html.index('id="sb-journal"')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", end)).strip()


@pytest.mark.parametrize(("standard", "bundle", "page", "says"), [
    ("scorm2004", True, "first/index.html",
     "Next module Module 2: Second When this module is complete, “Go to the next module” opens it."),
    ("scorm12", True, "first/index.html",
     "Next module Module 2: Second Use your learning system’s menu or its Next button to open it."),
    ("scorm12", False, "index.html",
     "Next module Module 2: Second Open it from your learning system when you are ready."),
    ("cmi5", False, "first/index.html",
     "Next module Module 2: Second Open it from your learning system when you are ready."),
])
def test_the_end_of_a_module_names_the_next_and_how_to_get_there(tmp_path: Path, standard: str, bundle: bool,
                                                                 page: str, says: str) -> None:
    assert says in end_view(tmp_path, standard, bundle, page)


def test_only_a_flowing_2004_bundle_turns_exit_into_go_to_the_next_module(tmp_path: Path) -> None:
    assert "Go to the next module" in end_view(tmp_path, "scorm2004", True, "first/index.html")
    assert "Go to the next module" not in end_view(tmp_path, "scorm12", True, "first/index.html")
    assert "Go to the next module" not in end_view(tmp_path, "scorm2004", True, "second/index.html")


def test_the_last_module_says_it_is_the_last(tmp_path: Path) -> None:
    assert "This is the last module of the course." in end_view(tmp_path, "scorm12", True, "second/index.html")
