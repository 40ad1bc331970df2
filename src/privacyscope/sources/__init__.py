"""Platform sources, discovered from the sub-packages of this package.

Adding a platform is one sub-package exposing ``SOURCE`` (see :mod:`privacyscope.sources.base`).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from privacyscope.errors import InputError
from privacyscope.inputs import ExportInput
from privacyscope.sources.base import Detection, Source


@cache
def all_sources() -> dict[str, Source]:
    found: dict[str, Source] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        source = getattr(module, "SOURCE", None)
        if source is None:
            continue
        if source.platform in found:
            raise RuntimeError(f"duplicate source for platform {source.platform!r}")
        found[source.platform] = source
    return found


def detect(inp: ExportInput, platform: str | None = None) -> tuple[Source, Detection]:
    """Pick the source whose detection scores highest; InputError when none recognises it."""
    sources = all_sources()
    if platform is not None:
        if platform not in sources:
            raise InputError(f"unknown platform {platform!r} (known: {', '.join(sorted(sources))})")
        candidates = {platform: sources[platform]}
    else:
        candidates = sources
    best: tuple[Source, Detection] | None = None
    for source in candidates.values():
        det = source.detect(inp)
        if det is not None and (best is None or det.score > best[1].score):
            best = (source, det)
    if best is None:
        what = f"a {platform} export" if platform else "an export of a supported platform"
        names = ", ".join(f.name for f in inp.files[:3])
        more = f" and {len(inp.files) - 3} more" if len(inp.files) > 3 else ""
        raise InputError(f"not {what} (found {names}{more})", str(inp.path))
    return best
