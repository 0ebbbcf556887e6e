"""English and Spanish: the same words exist in both, every page has both and a switch between them."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assembler.web.app import create_app
from assembler.web.i18n import Translator, messages
from rules import messages as rule_messages
from rules.engine import ORDER

REPO = Path(__file__).resolve().parents[1]
PAGES = ("/", "/about", "/cases", "/cases/new", "/now", "/story", "/review")


def _design_codes() -> list[str]:
    """The blocker, discretion and flag codes DESIGN.md lists (its public contract)."""
    text = (REPO.parent / "shared" / "DESIGN.md")
    source = text.read_text(encoding="utf-8") if text.exists() else ""
    return sorted(set(re.findall(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b", source)))


def test_both_languages_have_the_same_keys():
    assert set(messages("en")) == set(messages("es"))


def test_every_key_the_pages_use_exists():
    used = set()
    for path in [*(REPO / "templates" / "web").glob("*.html"), *(REPO / "assembler" / "web").rglob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_][\w.]*[\w])["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in messages("en"))
    assert missing == []


def test_every_remedy_and_status_has_words():
    for lang in ("en", "es"):
        words = messages(lang)
        assert [r for r in ORDER if f"remedy.{r}" not in words] == []
        assert all(f"status.{s}" in words for s in ("mandatory", "discretionary", "ineligible", "needs_review"))


def test_every_code_in_the_design_has_words():
    codes = _design_codes()
    if not codes:
        pytest.skip("shared/DESIGN.md not beside the repository")
    for lang in ("en", "es"):
        words = messages(lang)
        missing = [c for c in codes if f"blocker.{c}" not in words and f"flag.{c}" not in words]
        assert missing == [], lang


def test_spanish_dates_and_missing_keys():
    t = Translator("es")
    assert t.date(date(2026, 11, 1)) == "1 de noviembre de 2026"
    assert Translator("en").date(date(2026, 11, 1)) == "November 1, 2026"
    assert t("no.such.key") == "no.such.key"
    assert Translator("fr").lang == "en"


@pytest.mark.parametrize("url", PAGES)
def test_every_page_in_spanish_with_a_switch_back(url):
    client = TestClient(create_app())
    page = client.get(f"{url}?lang=es").text
    assert '<html lang="es">' in page
    assert _switch_to("en", "English", page)
    assert "Borrar mis respuestas" in page
    english = client.get(f"{url}?lang=en").text
    assert '<html lang="en">' in english
    assert _switch_to("es", "Español", english)


def _switch_to(lang: str, words: str, page: str) -> bool:
    """A link on a plain page; on a step, a button that submits the step's form (typed answers kept)."""
    link = re.search(rf'<a class="lang-switch" href="[^"]*lang={lang}"[^>]*>{words}</a>', page)
    button = re.search(rf'<button type="submit" form="step" formnovalidate name="_switch_lang" value="{lang}"'
                       rf'[^>]*>{words}</button>', page)
    return bool(link or button)


def test_the_language_is_kept_for_the_session():
    client = TestClient(create_app())
    client.get("/?lang=es")
    assert "Sobre usted" in client.get("/about").text


def test_a_spanish_browser_starts_in_spanish():
    client = TestClient(create_app(), headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in client.get("/").text


def test_spanish_errors_and_results():
    client = TestClient(create_app(today=lambda: date(2026, 11, 1)))
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/?lang=es").text).group(1)
    error = client.post("/about", data={"csrf": token}).text
    assert "Por favor, llene esto." in html.unescape(error)
    example = (REPO / "examples" / "dismissal-misdemeanor.yaml").read_bytes()
    client.post("/upload", data={"csrf": token}, files={"answers": ("a.yaml", example, "application/x-yaml")})
    results = html.unescape(client.get("/results").text)
    assert "Desestimar la condena después de la libertad condicional" in results
    assert "La corte tiene que concederlo" in results
    assert "no le devuelve el derecho a poseer o tener un arma de fuego" in results  # a notice, by its code
    assert "does not give back" not in results
    assert 'lang="en"' not in results.split("<main")[1]  # the reasons are in Spanish now, from their codes
    assert rule_messages.text("pc1203_4.probation_granted", "es") in results
    assert "Probation was granted" not in results
