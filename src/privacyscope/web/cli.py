"""``privacyscope serve``: the local dashboard on 127.0.0.1 with a per-start access token."""

from __future__ import annotations

import secrets
import socket
import threading
import webbrowser
from pathlib import Path

import click

from privacyscope.web.config import DEFAULT_MAX_UPLOAD_MB, default_data_dir

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """Bind 127.0.0.1:port (0 = any free port) or fail with one clear line."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where audits are kept [default: $XDG_DATA_HOME/privacyscope or "
    "~/.local/share/privacyscope].",
)
@click.option(
    "--max-upload-mb",
    type=click.IntRange(1, 1024 * 1024),
    default=DEFAULT_MAX_UPLOAD_MB,
    show_default=True,
    help="Largest export accepted, in MB.",
)
def serve(port: int, no_browser: bool, data_dir: Path | None, max_upload_mb: int) -> None:
    """Open the local dashboard: drop an export in the browser and explore the audit.

    Listens on 127.0.0.1 only. The printed address carries a random access token; without it
    every request is refused.
    """
    import uvicorn

    from privacyscope.web.app import create_app

    sock = bind(port)
    data = (data_dir or default_data_dir()).expanduser().resolve()
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(24)
    app = create_app(data, token, max_upload_mb * 1024 * 1024)
    url = f"http://{HOST}:{sock.getsockname()[1]}/?token={token}"
    click.echo(f"privacyscope dashboard: {url}")
    click.echo(f"audits are kept in {data}; press Ctrl+C to stop.")
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, server_header=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    if not no_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
