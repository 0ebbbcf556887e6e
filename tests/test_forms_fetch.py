"""`relief forms fetch` against a local HTTP server on 127.0.0.1 serving the files from ../shared."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading

import pytest

from assembler.render.forms.official.fetch import FetchError, fetch_all, fetch_one
from assembler.render.forms.official.fingerprint import FormRefused
from assembler.render.forms.official.sources import SOURCES, Source


@pytest.fixture
def server(official_forms_dir, tmp_path):
    """Serves the shared forms under the names courts.ca.gov uses (cr180.pdf …)."""
    site = tmp_path / "site"
    site.mkdir()
    for form_id, source in SOURCES.items():
        shutil.copy(official_forms_dir / f"{form_id}.pdf", site / source.file_name)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/documents/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        return super().translate_path(path.replace("/documents/", "/", 1))

    def log_message(self, *args):
        pass


def test_a_file_matching_its_pin_is_saved_and_recognised(server, tmp_path):
    """MC-025 in ../shared is byte-identical to the published file, so the real pin matches."""
    got = fetch_one(SOURCES["MC-025"], tmp_path / "cache", base_url=server)
    assert got.path == tmp_path / "cache" / "MC-025.pdf" and got.path.exists()
    assert got.revision == "Rev. July 1, 2009"
    assert hashlib.sha256(got.path.read_bytes()).hexdigest() == SOURCES["MC-025"].sha256


def test_a_file_not_matching_its_pin_is_refused_and_nothing_is_written(server, tmp_path):
    """The shared CR-180 is a decrypted derivative, not the published bytes: the real pin rejects it."""
    dest = tmp_path / "cache"
    with pytest.raises(FetchError, match=r"CR-180: .*cr180.pdf has sha256 a2399fc3.*not the pinned 06c1b643"):
        fetch_one(SOURCES["CR-180"], dest, base_url=server)
    assert not dest.exists() or not list(dest.iterdir())


def test_fetch_all_with_matching_pins_fills_a_usable_forms_folder(server, tmp_path, official_forms_dir):
    pins = {f: Source(f, s.file_name, hashlib.sha256((official_forms_dir / f"{f}.pdf").read_bytes()).hexdigest())
            for f, s in SOURCES.items()}
    got = fetch_all(tmp_path / "cache", base_url=server, sources=pins)
    assert sorted(g.path.name for g in got) == ["CR-180.pdf", "CR-181.pdf", "MC-025.pdf", "MC-031.pdf"]
    assert {g.revision for g in got if g.form_id.startswith("CR")} == {"Rev. January 1, 2024"}


def test_a_pinned_file_that_is_not_the_form_is_still_refused(server, tmp_path, official_forms_dir):
    """Pin right, content wrong (a 2017 file uploaded under the pin): the fingerprint still refuses it."""
    site_file = official_forms_dir / "CR-180.rev2017.pdf"
    pin = Source("CR-180", "cr180-old.pdf", hashlib.sha256(site_file.read_bytes()).hexdigest())
    shutil.copy(site_file, tmp_path / "site" / "cr180-old.pdf")
    with pytest.raises(FormRefused, match="superseded"):
        fetch_one(pin, tmp_path / "cache", base_url=server)
    assert not (tmp_path / "cache" / "CR-180.pdf").exists()


def test_an_unreachable_server_says_what_to_do(tmp_path):
    with pytest.raises(FetchError, match="download the form by hand"):
        fetch_one(SOURCES["MC-031"], tmp_path, base_url="http://127.0.0.1:9/documents/", timeout=2)


def test_the_fetch_command_saves_what_matches_and_reports_what_does_not(server, tmp_path):
    from typer.testing import CliRunner

    from assembler.cli import app
    dest = tmp_path / "cache"
    result = CliRunner().invoke(app, ["forms", "fetch", "--dest", str(dest), "--base-url", server])
    assert result.exit_code == 2  # the shared CR-180/CR-181 are decrypted copies, not the published bytes
    assert sorted(p.name for p in dest.iterdir()) == ["MC-025.pdf", "MC-031.pdf"]
    assert "MC-025: Rev. July 1, 2009" in result.output
    assert "CR-180: " in result.output and "not the pinned" in result.output
