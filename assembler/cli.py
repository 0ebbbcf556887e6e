"""The `relief` command line: thin front doors over the pipeline.

Each command lives in `assembler/commands/<name>.py` and registers itself on `app`.
"""

from __future__ import annotations

import json

import typer

from assembler.commands import assess
from assembler.commands import build, forms
from assembler.commands import render as forms_render

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="California record clearance: assess cases and build court packets.")


@app.callback()
def main() -> None:
    """California record clearance: assess cases and build court packets."""


@app.command()
def schema() -> None:
    """Print the JSON Schema of a case profile."""
    from assembler.profile.model import Profile

    typer.echo(json.dumps(Profile.model_json_schema(), indent=2))


assess.register(app)
build.register(app)
forms.register(app)
forms_render.register(app)
from assembler.commands import serve; serve.register(app)  # noqa: E402  web interview
from assembler.commands import batch; batch.register(app)  # noqa: E402  clinic batches
from assembler.commands import importing; importing.register(app)  # noqa: E402  RAP sheet import
