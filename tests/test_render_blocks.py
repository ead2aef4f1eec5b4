"""Issue 15: how each content block renders (semantic HTML first, the APG pattern's roles and
states), and that its style and script ship only with the modules that use them."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lhtml

from scormbuild.builders.base import module_page, module_parts
from scormbuild.load import load_course
from scormbuild.pipeline import build
from scormbuild.render import player_static
from tests.conftest import ROOTS


@pytest.fixture(scope="module")
def page() -> Any:
    course, diags = load_course(ROOTS / "blocks")
    assert course is not None and diags == []
    return lhtml.fromstring(module_page(course, course.modules[0], "scorm12"))


def lesson(page: Any, lesson_id: str) -> Any:
    [section] = page.xpath(f'//section[@id="sb-l-{lesson_id}"]')
    return section


def test_tabs_are_a_tablist_of_tabs_each_controlling_its_panel(page: Any) -> None:
    box = lesson(page, "tabs")
    [tablist] = box.xpath('.//*[@role="tablist"]')
    assert tablist.get("aria-labelledby") == box.xpath('.//h2[@class="sb-block-title"]')[0].get("id")
    tabs = tablist.xpath('./button[@role="tab"]')
    assert [(t.text, t.get("aria-selected"), t.get("tabindex")) for t in tabs] == [
        ("Autonomy", "true", None), ("Competence", "false", "-1"), ("Relatedness", "false", "-1")]
    for tab in tabs:
        [panel] = box.xpath(f'.//*[@id="{tab.get("aria-controls")}"]')
        assert (panel.get("role"), panel.get("aria-labelledby"), panel.get("tabindex")) == (
            "tabpanel", tab.get("id"), "0")
        assert panel.xpath("./h3")[0].text == tab.text  # the panel's own heading, for no-JS and print


def test_flashcards_are_disclosures_with_both_sides_in_the_page(page: Any) -> None:
    cards = lesson(page, "cards").xpath('.//li[@class="sb-card"]')
    assert len(cards) == 3
    button = cards[0].xpath(".//h3/button")[0]
    assert (button.text_content(), button.get("aria-expanded")) == ("Autonomy", "false")
    [back] = cards[0].xpath(f'.//*[@id="{button.get("aria-controls")}"]')
    assert back.text_content().strip() == "Acting from your own choice." and back.get("hidden") is None


def test_process_steps_are_labelled_groups_with_step_n_of_m(page: Any) -> None:
    box = lesson(page, "process")
    steps = box.xpath('.//*[@class="sb-pstep"]')
    assert [s.get("role") for s in steps] == ["group"] * 4
    labels = [" ".join(box.xpath(f'.//*[@id="{i}"]')[0].text_content() for i in s.get("aria-labelledby").split())
              for s in steps]
    assert labels[0] == "Step 1 of 4 What keeps me well" and labels[3] == "Step 4 of 4 Who to call"
    assert [b.text for b in box.xpath('.//*[@class="sb-pstep-nav"]/button')] == ["Previous step", "Next step"]


def test_labelled_graphic_markers_over_the_image_and_notes_as_a_list(page: Any) -> None:
    box = lesson(page, "graphic")
    markers = box.xpath('.//button[@class="sb-marker"]')
    assert [(b.text_content(), b.get("aria-label"), b.get("style")) for b in markers] == [
        ("1", "1: Contents", "left: 10.0%; top: 12.0%"), ("2", "2: Journal", "left: 85.0%; top: 12.0%"),
        ("3", "3: Pager", "left: 50.0%; top: 90.0%")]
    notes = box.xpath('.//ol[@class="sb-notes"]/li')
    assert [n.get("id") for n in notes] == [b.get("aria-controls") for b in markers]
    assert [n.get("value") for n in notes] == ["1", "2", "3"]  # the open note keeps its number
    assert box.xpath(".//img")[0].get("alt") == "The course screen with four numbered areas."


def test_timeline_is_an_ordered_list_of_dated_events(page: Any) -> None:
    events = lesson(page, "timeline").xpath('.//ol[@class="sb-events"]/li')
    assert [(e.xpath("./p")[0].text, e.xpath("./h3")[0].text) for e in events] == [
        ("Week 1", "Welcome"), ("Week 4", "Goal planning"), ("Week 8", "Graduation")]


def test_gallery_is_an_apg_carousel_of_labelled_slides(page: Any) -> None:
    [box] = lesson(page, "gallery").xpath('.//section[@data-gallery]')
    assert (box.get("aria-roledescription"), box.get("aria-label")) == ("carousel", "Pictures")
    slides = box.xpath('.//*[@class="sb-slide"]')
    assert [(s.get("role"), s.get("aria-roledescription"), s.get("aria-label")) for s in slides] == [
        ("group", "slide", f"Image {n} of 3") for n in (1, 2, 3)]
    assert [s.xpath(".//img")[0].get("src") for s in slides][1] == "assets/modules/01-showcase/files/wheel.svg"
    [where] = box.xpath('.//*[@class="sb-slide-where"]')
    assert (where.text, where.get("aria-live")) == ("Image 1 of 3", "polite")


def test_table_has_caption_scoped_headers_and_a_labelled_scroll_region(page: Any) -> None:
    [region] = lesson(page, "table").xpath('.//*[@role="region"]')
    assert region.get("tabindex") == "0"
    [caption] = region.xpath(".//caption")
    assert (caption.get("id"), caption.text) == (region.get("aria-labelledby"), "My recovery plan")
    assert [th.get("scope") for th in region.xpath(".//thead//th")] == ["col"] * 4
    assert [row.xpath("./*")[0].tag for row in region.xpath(".//tbody/tr")] == ["th", "th"]


def test_button_links_open_a_new_tab_or_download(page: Any) -> None:
    download, web = lesson(page, "process").xpath('.//a[@class="sb-cta"]')
    assert (download.get("href"), download.get("download")) == ("assets/modules/01-showcase/files/plan.txt", "")
    assert (web.get("target"), web.get("rel")) == ("_blank", "noopener")
    assert web.xpath('.//*[@class="sb-vh"]')[0].text == " (opens in a new tab)"


def test_image_size_align_and_code(page: Any) -> None:
    [figure] = lesson(page, "tabs").xpath(".//figure")
    assert figure.get("class") == "sb-block sb-image sb-image--small sb-image--right"
    assert figure.xpath("./figcaption")[0].text_content() == "A small image floated right."
    [code] = lesson(page, "tabs").xpath(".//pre/code")
    assert code.get("class") == "language-python" and "def hope()" in code.text


def test_block_parts_ship_only_with_modules_that_use_them(tmp_path: Path) -> None:
    course, _ = load_course(ROOTS / "blocks")
    assert course is not None and module_parts(course.modules[0]) == ("blocks.css", "blocks.js")
    for root, parts in (("blocks", {"blocks.css", "blocks.js"}), ("minimal", set())):
        [package] = build(ROOTS / root, tmp_path / root, formats=("scorm12",)).built
        with zipfile.ZipFile(package.path) as zf:
            names = {n.split("/")[-1] for n in zf.namelist() if n.startswith("player/")}
            index = zf.read("index.html").decode()
        assert names & {"blocks.css", "blocks.js"} == parts, root
        assert ('player/blocks.css"' in index, 'player/blocks.js"' in index) == ("blocks.css" in parts,) * 2


def test_block_classes_do_not_restyle_the_players_own() -> None:
    """blocks.css adds classes; none may already mean something in player.css (a process
    step once took the reflection's uppercase "1 of 3" style through .sb-step)."""
    import re

    from scormbuild.resources import templates_dir

    static = templates_dir() / "player" / "static"
    classes = {name: set(re.findall(r"\.(sb-[a-z0-9-]+)", (static / name).read_text(encoding="utf-8")))
               for name in ("player.css", "blocks.css")}
    shared = {"sb-nojs", "sb-js", "sb-block", "sb-block-title", "sb-btn", "sb-image", "sb-vh", "sb-view"}
    assert classes["blocks.css"] & classes["player.css"] <= shared


def test_nothing_in_the_block_script_moves_by_itself() -> None:
    """The gallery never advances on its own (APG Carousel without rotation; WCAG 2.2.2):
    the block script starts no timer at all."""
    js = player_static("scorm12", ["blocks.js"])["player/blocks.js"].decode()
    assert "setInterval" not in js and "setTimeout" not in js and "requestAnimationFrame" not in js


def test_block_code_is_small_and_the_core_runtime_keeps_its_budget() -> None:
    core = sum(len(v) for k, v in player_static("scorm12").items() if k.endswith((".js", ".css")))
    shipped = player_static("scorm12", ["blocks.css", "blocks.js"])
    blocks = len(shipped["player/blocks.css"]) + len(shipped["player/blocks.js"])
    assert core < 60 * 1024 and blocks < 8 * 1024, (core, blocks)


def test_the_blocks_package_is_byte_identical_between_builds(tmp_path: Path) -> None:
    first = build(ROOTS / "blocks", tmp_path / "a", formats=("scorm12",)).built[0].path.read_bytes()
    second = build(ROOTS / "blocks", tmp_path / "b", formats=("scorm12",)).built[0].path.read_bytes()
    assert first == second


def test_seed_module_13_with_its_new_blocks_is_byte_identical_between_builds(tmp_path: Path) -> None:
    from tests.conftest import REPO

    def once(out: str) -> bytes:
        [package] = build(REPO / "course", tmp_path / out, formats=("scorm12",), modules=("goal-planning",)).built
        return package.path.read_bytes()

    first = once("a")
    assert first == once("b")
    with zipfile.ZipFile(tmp_path / "a" / "where-we-are-at-13-goal-planning-scorm12.zip") as zf:
        assert {"player/blocks.css", "player/blocks.js"} <= set(zf.namelist())
