"""A course whose language is French gets a French player (issue 4 item 5): tests/roots/french.

Exact French strings are asserted here (not read back from the catalogue), so a broken or
missing translation fails; then no English UI string may be left anywhere on the page.
"""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOTS

from .conftest import build_module

pytestmark = pytest.mark.browser

I18N = ROOTS.parents[1] / "templates" / "player" / "i18n"

TEXTS = """sel => [...document.querySelectorAll(sel)].map(e => e.textContent.trim())"""
# The page's words, without the embedded config (which also holds the strings as data).
PAGE_TEXT = """() => { const b = document.body.cloneNode(true);
  b.querySelectorAll('script').forEach(s => s.remove()); return b.textContent; }"""


@pytest.fixture(scope="module")
def french(site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("francais", build_module(ROOTS / "french", "ecoute", tmp_path_factory.mktemp("fr")))
    return site.package_url("francais")


def test_the_player_speaks_the_course_language(context, french: str) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(french)
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.evaluate(TEXTS, ".sb-skip, .sb-tools button") == ["Aller au contenu", "Sommaire", "Mon journal", "Quitter"]
    assert page.evaluate(TEXTS, ".sb-pager button, #sb-where") == ["Précédent", "Présentation", "Commencer"]
    assert page.evaluate("document.querySelector('.sb-pager').getAttribute('aria-label')") == "Leçons"
    assert page.inner_text("#sb-notice p") == ("Pas de connexion à une plateforme de formation : votre progression "
                                             "est enregistrée dans ce navigateur seulement.")
    assert page.evaluate(TEXTS, ".sb-start h2, .sb-start .sb-duration, .sb-start [data-action=begin]") == [
        "Environ 5 minutes", "Objectifs d'apprentissage", "Leçons", "Commencer"]

    page.click("[data-action=begin]")
    lesson = ".sb-view.is-current "
    assert page.evaluate(TEXTS, lesson + ".sb-kicker, " + lesson + "[data-action=continue]") == ["Leçon 1 sur 1", "Continuer"]
    assert page.evaluate(TEXTS, ".sb-pager button, #sb-where") == ["Précédent", "Leçon 1 sur 1", "Terminer"]
    page.click(lesson + "[data-action=continue]")
    assert page.evaluate(TEXTS, lesson + ".sb-check-label, " + lesson + ".sb-check .sb-hint, " + lesson + ".sb-choice label, "
                         + lesson + ".sb-check button") == ["Question", "Choisissez une réponse.", "Vrai", "Faux", "Valider", "Réessayer"]
    page.click(lesson + ".sb-check button")
    assert page.inner_text(lesson + ".sb-feedback") == "Choisissez d'abord une réponse."
    page.check("#sb-q-contact-visuel-false")
    page.click(lesson + ".sb-check button")
    assert page.evaluate(TEXTS, lesson + ".sb-fb-verdict") == ["Bonne réponse."]
    assert page.evaluate(TEXTS, lesson + ".sb-choice-mark") == ["", "(votre choix, bonne réponse)"]
    assert page.evaluate(TEXTS, lesson + ".sb-reflection h2, " + lesson + ".sb-worksheet-title, "
                         + lesson + ".sb-worksheet label, " + lesson + "[data-action=worksheet]") == [
        "Question de réflexion", "Mon plan", "Ma vision", "Voir toute ma fiche"]
    page.fill("#sb-r-remarque-1", "J'ai remarqué le silence.")

    page.click(".sb-pager [data-action=next]")
    assert page.evaluate(TEXTS, ".sb-end h1, .sb-status, #sb-summary p") == [
        "Fin du module", "État : Réussi", "Score : 100 % (seuil de réussite 50 %)", "1 leçons vues sur 1"]
    page.click(".sb-end [data-action=journal]")
    assert page.evaluate(TEXTS, ".sb-journal h1, .sb-journal-entry h2, .sb-journal-answer, .sb-ws-answer .sb-journal-empty, "
                         ".sb-journal .sb-actions button") == [
        "Mon journal", "Question de réflexion", "J'ai remarqué le silence.", "(pas encore de réponse)",
        "Retour", "Imprimer", "Télécharger"]

    english = json.loads((I18N / "en.json").read_text(encoding="utf-8"))
    french_ = json.loads((I18N / "fr.json").read_text(encoding="utf-8"))
    text = page.evaluate(PAGE_TEXT)
    left = [value for key, value in english.items()
            if value != french_[key] and "{" not in value and len(value) > 3
            and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text)]
    assert left == [], f"English UI strings on a French page: {left}"
    page.close()


def localised(site, tmp_path, tag: str, extra: str = "") -> str:  # type: ignore[no-untyped-def]
    """The French test course with another language (and `strings:` overrides)."""
    import shutil

    course = tmp_path / tag
    shutil.copytree(ROOTS / "french", course)
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("language: fr", f"language: {tag}{extra}"),
                    encoding="utf-8")
    site.add_package(f"lang-{tag}", build_module(course, "ecoute", tmp_path / "out"))
    return site.package_url(f"lang-{tag}")  # type: ignore[no-any-return]


@pytest.mark.parametrize(("tag", "chrome", "pager"), [
    ("de", ["Zum Inhalt springen", "Inhalt", "Mein Lerntagebuch", "Beenden"], ["Zurück", "Überblick", "Beginnen"]),
    ("es", ["Ir al contenido", "Contenido", "Mein Lerntagebuch", "Salir"], ["Anterior", "Presentación", "Empezar"]),
])
def test_german_and_spanish_players_with_a_course_override(context, site, tmp_path, tag, chrome, pager) -> None:  # type: ignore[no-untyped-def]
    from .test_accessibility import at_width, axe, describe

    url = localised(site, tmp_path, tag, "\nstrings:\n  journal: Mein Lerntagebuch")
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    assert page.evaluate("document.documentElement.lang") == tag
    assert page.evaluate(TEXTS, ".sb-skip, .sb-tools button") == chrome  # the override wins over the catalogue
    assert page.evaluate(TEXTS, ".sb-pager button, #sb-where") == pager
    english = json.loads((I18N / "en.json").read_text(encoding="utf-8"))
    own = json.loads((I18N / f"{tag}.json").read_text(encoding="utf-8"))
    page.click("[data-action=begin]")
    text = page.evaluate(PAGE_TEXT)
    left = [value for key, value in english.items()
            if value != own[key] and "{" not in value and len(value) > 3
            and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text)]
    assert left == [], f"English UI strings on a {tag} page: {left}"
    found = {}
    for width in (375, 1280):
        at_width(page, width)
        found[f"{tag} at {width} px"] = axe(page)
    found = {k: v for k, v in found.items() if v}
    assert not found, describe(found)
    page.close()
