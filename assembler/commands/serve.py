"""`relief serve`: the web interview on this computer (localhost unless told otherwise).

Nothing is written to disk: answers live in memory for the session and are gone when it expires,
when the person starts over, or (with `--workshop`) as soon as the packet is downloaded. The access
log is off, so no address with personal data in it reaches a log.
"""

from __future__ import annotations

import ipaddress

import typer

LOOPBACK_NAMES = {"localhost"}


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; keep 127.0.0.1 unless you must share it"),
    port: int = typer.Option(8000, "--port", help="Port to listen on"),
    workshop: bool = typer.Option(False, "--workshop",
                                  help="Shared computer: a 'start over' on every page, nothing kept after the download"),
) -> None:
    """Run the web interview for petitioners and workshop volunteers."""
    import uvicorn

    from assembler.web.app import create_app

    if not is_loopback(host):
        typer.echo(f"warning: listening on {host}, not only this computer. Anyone who can reach this address "
                   "can use the interview; answers hold personal data. Use 127.0.0.1 unless you must share it.",
                   err=True)
    typer.echo(f"ca-relief interview: http://{_display(host)}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(create_app(workshop=workshop), host=host, port=port, access_log=False, log_level="warning",
                server_header=False)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _display(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
