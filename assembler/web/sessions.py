"""Interview sessions, kept in memory only, each under a random id, gone after a quiet hour.

A session holds the profile draft (the same shape as a profile file), the person's language, the
dates they said they don't know, and its CSRF token. Nothing here is ever written to disk.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

COOKIE = "relief_session"
IDLE_SECONDS = 60 * 60
MAX_SESSIONS = 2000


def empty_draft() -> dict:
    return {"petitioner": {}, "status": {}, "cases": [], "facts": {}}


@dataclass
class Session:
    id: str
    csrf: str
    touched: float
    lang: str = "en"
    draft: dict = field(default_factory=empty_draft)
    unknown: set[str] = field(default_factory=set)  # field paths answered "I don't know"
    followed_up: set[str] = field(default_factory=set)  # field paths answered on the follow-up page
    dropped: list[str] = field(default_factory=list)  # parts of an uploaded file that could not be read
    typed: dict[str, dict] = field(default_factory=dict)  # a step's unsaved answers across a language switch
    sheet: Any = None  # what a RAP sheet upload read (web/sheet_read.SheetRead); the sheet itself is not kept

    def reset(self) -> None:
        self.draft = empty_draft()
        self.unknown = set()
        self.followed_up = set()
        self.dropped = []
        self.sheet = None


class SessionStore:
    def __init__(self, idle_seconds: float = IDLE_SECONDS, clock: Callable[[], float] = time.monotonic,
                 max_sessions: int = MAX_SESSIONS):
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.max_sessions = max_sessions

    def get(self, session_id: str | None) -> Session | None:
        with self._lock:
            self._expire()
            session = self._sessions.get(session_id or "")
            if session is not None:
                session.touched = self.clock()
            return session

    def create(self, lang: str = "en") -> Session:
        with self._lock:
            self._expire()
            if len(self._sessions) >= self.max_sessions:  # memory stays bounded
                del self._sessions[self._least_needed().id]
            session = Session(id=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), touched=self.clock(),
                              lang=lang)
            self._sessions[session.id] = session
            return session

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._sessions)

    def _least_needed(self) -> Session:
        """The oldest session with nothing typed into it; only when every session holds answers, the oldest
        of those. Requests without a cookie (any local page can send thousands) make only empty sessions,
        so they can never push out a person's interview."""
        empty = [s for s in self._sessions.values() if s.draft == empty_draft()]
        return min(empty or self._sessions.values(), key=lambda s: s.touched)

    def _expire(self) -> None:
        cutoff = self.clock() - self.idle_seconds
        for sid in [sid for sid, s in self._sessions.items() if s.touched < cutoff]:
            del self._sessions[sid]
