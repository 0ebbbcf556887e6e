"""CSRF: every form carries the session's token; a POST without the matching token is refused."""

from __future__ import annotations

import hmac

from assembler.web.sessions import Session

FIELD = "csrf"


def valid(session: Session | None, submitted: object) -> bool:
    if session is None or not isinstance(submitted, str) or not submitted:
        return False
    return hmac.compare_digest(session.csrf.encode(), submitted.encode())
