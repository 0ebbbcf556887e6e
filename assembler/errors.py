"""The one error a person can act on.

Every refusal — a profile that cannot be read, a form that will not take a value, an official PDF
that is missing or altered, a batch row that is wrong — is a `ReliefError`: what is wrong (`message`),
where (`field`: a profile field, an option, a file or a form item) and how to put it right (`fix`).
The front doors (CLI, batch, web) catch this one type and show it; anything else is a bug and is
allowed to surface as one.
"""

from __future__ import annotations


class ReliefError(Exception):
    def __init__(self, message: str, *, field: str | None = None, fix: str | None = None):
        self.message = message
        self.field = field
        self.fix = fix
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        how = f"; fix: {self.fix}" if self.fix else ""
        return f"{where}{self.message}{how}"
