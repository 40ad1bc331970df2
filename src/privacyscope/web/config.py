"""Where the dashboard keeps its audits, and its limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_UPLOAD_MB = 2048
ALLOWED_HOSTS = ("127.0.0.1", "localhost")


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/privacyscope``, else ``~/.local/share/privacyscope``."""
    base = os.environ.get("XDG_DATA_HOME")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "privacyscope"


@dataclass(frozen=True)
class WebConfig:
    data_dir: Path
    token: str
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    allowed_hosts: tuple[str, ...] = ALLOWED_HOSTS
