"""A tampered official form is refused: added page text or an injected script (an /OpenAction JavaScript)
once passed `relief forms verify`, and `build --forms official` carried both into the filed CR-180. What the
tool fills carries no script at all."""

from __future__ import annotations

import shutil

import pikepdf
import pytest
from typer.testing import CliRunner

from pypdf import PdfReader

from assembler.cli import app
from assembler.render.forms.official.integrity import reachable_actions
from conftest import REPO

runner = CliRunner()
FORMS = ("CR-180", "CR-181", "MC-025", "MC-031")


def _copy(official_forms_dir, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    for form in FORMS:
        shutil.copy(official_forms_dir / f"{form}.pdf", folder / f"{form}.pdf")
    return folder


def _inject_open_action(path):
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        pdf.Root.OpenAction = script
        pdf.save(path)


def _add_page_text(path):
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].contents_add(pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 72 Td (Petitioner waives) Tj ET"))
        pdf.save(path)


@pytest.mark.parametrize("tamper, says", [(_inject_open_action, "scripts or actions"), (_add_page_text, "printed pages")])
def test_a_tampered_form_fails_verify_and_is_never_filled(official_forms_dir, tmp_path, tamper, says):
    folder = _copy(official_forms_dir, tmp_path)
    tamper(folder / "CR-180.pdf")
    verify = runner.invoke(app, ["forms", "verify", str(folder)])
    assert verify.exit_code == 2 and says in verify.output
    build = runner.invoke(app, ["build", str(REPO / "examples" / "dismissal-misdemeanor.yaml"), "-o",
                                str(tmp_path / "out"), "--forms", "official", "--forms-dir", str(folder),
                                "--as-of", "2026-11-01"])
    assert build.exit_code == 2 and says in build.output
    assert not (tmp_path / "out" / "CR-180_9CJ01234.pdf").exists()


def test_the_untouched_forms_verify_and_what_is_filled_carries_no_script(official_forms_dir, tmp_path):
    folder = _copy(official_forms_dir, tmp_path)
    assert runner.invoke(app, ["forms", "verify", str(folder)]).exit_code == 0
    build = runner.invoke(app, ["build", str(REPO / "examples" / "dismissal-misdemeanor.yaml"), "-o",
                                str(tmp_path / "out"), "--forms", "official", "--forms-dir", str(folder),
                                "--as-of", "2026-11-01"])
    assert build.exit_code == 0, build.output
    reader = PdfReader(tmp_path / "out" / "CR-180_9CJ01234.pdf")
    assert "/OpenAction" not in reader.trailer["/Root"]
    assert reachable_actions(reader.trailer["/Root"]) == []  # nothing a viewer could run
