"""Security headers on every response and a limit on the size of a request body.

The pages use no script at all, so the content security policy allows none; styles come only from
our own stylesheet. Nothing is cached, and no address is sent on as a referrer.
"""

from __future__ import annotations

MAX_BODY = 1024 * 1024  # 1 MB: a profile file is a few KB; a form post far less

HEADERS = {
    b"content-security-policy": (b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"base-uri 'none'; frame-ancestors 'none'"),
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"DENY",
    b"cache-control": b"no-store",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
}

TOO_LARGE = (b"<!doctype html><html lang=en><title>Too large</title><p>That was too large to send "
             b"(the limit is 1 MB, 5 MB for a RAP sheet). Check that you chose the right file. "
             b"<a href=/>Back to the start</a>")


class SecurityMiddleware:
    """ASGI middleware: adds the headers, and answers 413 when a body goes over `max_body`."""

    def __init__(self, app, max_body: int = MAX_BODY, larger: dict[str, int] | None = None):
        self.app = app
        self.max_body = max_body
        self.larger = larger or {}  # path → its own limit (a RAP sheet scan is a few MB)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(k, v) for k, v in HEADERS.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        limit = self.larger.get(scope.get("path", ""), self.max_body)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _too_large(send_with_headers)

        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await _too_large(send_with_headers)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(TOO_LARGE)).encode())]})
    await send({"type": "http.response.body", "body": TOO_LARGE})
