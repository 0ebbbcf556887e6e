"""Helpers the commands share: the as-of date, loading a profile, and failing cleanly.

The command modules import the pipeline inside the commands, not at the top: `relief --help` and a
command's help then start without loading pydantic models, the rules or the PDF stack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from assembler.profile.model import Profile

EXIT_BAD_INPUT = 2


def parse_as_of(text: str | None) -> date:
    """`--as-of` or today. Today is read here, at the front door, never inside a rule."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--as-of: '{text}' is not a date; fix: write it as YYYY-MM-DD")


def read_profile(path: Path, as_of: date) -> Profile:
    from assembler.profile.load import ProfileError, load_profile  # not needed for --help

    try:
        return load_profile(path, as_of)
    except ProfileError as exc:
        fail(str(exc))


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)
