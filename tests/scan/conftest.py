"""Fixtures of the website scanner tests; the code lives in scan_support.py (a unique name)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scan_support import scans, web

__all__ = ["scans", "web"]
