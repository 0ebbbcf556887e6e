"""`python -m assembler` runs the `relief` command line."""

from assembler.cli import app

app(prog_name="relief")
