"""Privacy and safety of the web interview: CSRF, body limit, headers, cookie, memory-only sessions,
no access log, localhost by default."""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assembler.commands import serve
from assembler.web.app import create_app
from assembler.web.security import MAX_BODY, SecurityMiddleware
from assembler.web.sessions import COOKIE, SessionStore

AS_OF = date(2026, 11, 1)


@pytest.fixture
def app():
    return create_app(today=lambda: AS_OF)


def _token(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def _draft(app, client):
    return app.state.store.get(client.cookies.get(COOKIE)).draft


# --- CSRF -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/about", "/cases/new", "/now", "/story", "/packet", "/start-over", "/upload"])
def test_a_post_without_the_token_is_refused(app, url):
    client = TestClient(app)
    _token(client)
    response = client.post(url, data={"legal_name": "Mallory"}, follow_redirects=False)
    assert response.status_code == 403
    assert "Please try again" in response.text
    assert _draft(app, client)["petitioner"] == {}


def test_a_post_with_another_sessions_token_is_refused(app):
    mine, theirs = TestClient(app), TestClient(app)
    _token(mine)
    response = mine.post("/about", data={"csrf": _token(theirs), "legal_name": "Mallory"}, follow_redirects=False)
    assert response.status_code == 403
    assert _draft(app, mine)["petitioner"] == {}


def test_a_post_with_no_session_at_all_is_refused(app):
    response = TestClient(app).post("/about", data={"csrf": "anything", "legal_name": "X"}, follow_redirects=False)
    assert response.status_code == 403


def test_every_form_carries_the_token(app):
    client = TestClient(app)
    token = _token(client)
    for url in ("/", "/about", "/cases/new", "/now", "/story"):
        html = client.get(url).text
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S)
        assert forms, url
        assert all(f'name="csrf" value="{token}"' in form for form in forms), url


# --- request size -----------------------------------------------------------------------------------


def test_a_body_over_one_megabyte_is_refused(app):
    client = TestClient(app)
    token = _token(client)
    big = b"x" * (MAX_BODY + 1)
    response = client.post("/upload", data={"csrf": token}, files={"answers": ("big.yaml", big, "text/yaml")})
    assert response.status_code == 413
    assert "too large" in response.text
    assert response.headers["x-frame-options"] == "DENY"


def test_a_streamed_body_over_the_limit_is_refused_without_a_length():
    seen = {}

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    chunks = [{"type": "http.request", "body": b"x" * 600_000, "more_body": True}] * 2
    chunks.append({"type": "http.request", "body": b"", "more_body": False})

    async def receive():
        return chunks.pop(0)

    async def send(message):
        if message["type"] == "http.response.start":
            seen["status"] = message["status"]

    scope = {"type": "http", "method": "POST", "path": "/upload", "headers": []}
    asyncio.run(SecurityMiddleware(app)(scope, receive, send))
    assert seen["status"] == 413


# --- headers and cookie -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/about", "/static/style.css", "/nowhere"])
def test_security_headers_on_every_response(app, url):
    response = TestClient(app).get(url)
    h = response.headers
    assert "script-src" not in h["content-security-policy"]
    assert "default-src 'none'" in h["content-security-policy"]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert h["x-frame-options"] == "DENY"
    assert h["cache-control"] == "no-store"


def test_pages_have_no_script_and_no_inline_style(app):
    client = TestClient(app)
    for url in ("/", "/about", "/cases/new", "/now", "/story", "/review"):
        html = client.get(url).text
        assert "<script" not in html and " style=" not in html and " on" + "click=" not in html


def test_the_session_cookie_is_httponly_strict_and_random(app):
    first = TestClient(app).get("/").headers["set-cookie"]
    second = TestClient(app).get("/").headers["set-cookie"]
    assert "HttpOnly" in first and "SameSite=strict" in first and "Path=/" in first
    assert "expires" not in first.lower()  # gone when the browser closes
    value = re.search(rf"{COOKIE}=([^;]+)", first).group(1)
    assert len(value) >= 40 and value != re.search(rf"{COOKIE}=([^;]+)", second).group(1)


def test_a_missing_page_is_a_plain_404(app):
    response = TestClient(app).get("/cases/99")
    assert response.status_code == 404
    assert "Page not found" in response.text


# --- sessions in memory only -----------------------------------------------------------------------


def test_sessions_expire_after_an_idle_hour():
    now = [1000.0]
    store = SessionStore(idle_seconds=3600, clock=lambda: now[0])
    session = store.create()
    now[0] += 3599
    assert store.get(session.id) is session
    now[0] += 3601
    assert store.get(session.id) is None and len(store) == 0


def test_the_store_is_bounded():
    store = SessionStore(max_sessions=3)
    first = store.create()
    for _ in range(3):
        store.create()
    assert len(store) == 3 and store.get(first.id) is None


def test_an_expired_session_gets_a_fresh_start(app):
    client = TestClient(app)
    token = _token(client)
    app.state.store.delete(client.cookies.get(COOKIE))
    response = client.post("/about", data={"csrf": token, "legal_name": "X"}, follow_redirects=False)
    assert response.status_code == 403
    assert "answers are erased after one hour" in response.text


def test_nothing_is_written_to_disk(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    client = TestClient(app)
    token = _token(client)
    client.post("/about", data={"csrf": token, "legal_name": "Maria Elena Lopez"})
    client.get("/answers.yaml")
    assert list(tmp_path.iterdir()) == []


# --- relief serve --------------------------------------------------------------------------------------


def _run_serve(monkeypatch, *args):
    calls = {}

    def fake_run(app, **kw):
        calls.update(kw)

    import uvicorn
    monkeypatch.setattr(uvicorn, "run", fake_run)
    from assembler.cli import app as cli
    result = CliRunner().invoke(cli, ["serve", *args])
    return result, calls


def test_serve_defaults_to_localhost_with_no_access_log(monkeypatch):
    result, calls = _run_serve(monkeypatch)
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8000
    assert calls["access_log"] is False
    assert "warning" not in result.output


def test_serve_warns_when_bound_beyond_this_computer(monkeypatch):
    result, calls = _run_serve(monkeypatch, "--host", "0.0.0.0", "--port", "8765", "--workshop")
    assert result.exit_code == 0
    assert calls["host"] == "0.0.0.0" and calls["port"] == 8765
    assert "warning: listening on 0.0.0.0" in result.output


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("[::1]", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("example.org", False)])
def test_which_hosts_are_this_computer_only(host, loopback):
    assert serve.is_loopback(host) is loopback


def test_requests_without_a_cookie_never_push_out_a_persons_interview(app):
    """2,000 cookie-less requests from any local page once evicted an interview in progress."""
    person = TestClient(app)
    token = re.search(r'name="csrf" value="([^"]+)"', person.get("/").text).group(1)
    person.post("/about", data={"csrf": token, "legal_name": "Maria Elena Lopez"}, follow_redirects=False)
    app.state.store.max_sessions = 50
    for _ in range(200):
        TestClient(app).get("/")
    assert "Maria Elena Lopez" in person.get("/about").text
    assert len(app.state.store) <= 50


def test_assessment_pages_run_off_the_event_loop():
    """A plain `def` endpoint runs in FastAPI's worker threads: one long assessment cannot freeze the server for
    everyone (a 5,000-case upload once blocked it 160 s; uploads are now capped at 100 cases as well)."""
    import inspect

    from assembler.web.steps.followup import followup_page
    from assembler.web.steps.results import results_page
    from assembler.web.steps.review import review_page

    assert not any(inspect.iscoroutinefunction(f) for f in (results_page, review_page, followup_page))
