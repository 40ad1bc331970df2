"""Split Takeout archives (``takeout-<ts>-001.zip``, ``-002.zip``...) read as one export.

``open_export`` takes one path and opens zips nested one level inside a zip, but not zips lying
in a folder. This module adds the missing cases:

* a folder holding the parts: every ``takeout-*.zip`` in it is opened;
* one part given directly: its sibling parts (same name up to the part number, same folder)
  are opened too, with a note naming them.

Files of the parts keep their part name as a prefix (``takeout-...-002.zip/Takeout/...``); refs
drop it (:func:`privacyscope.sources.google.common.ref_name`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput, open_export
from privacyscope.sources.google.paths import SPLIT_ARCHIVE

_PREFIX = re.compile(r"^(takeout-.*-)\d{3}\.zip$", re.I)


@dataclasses.dataclass
class Gathered:
    files: list[ExportFile]
    parts: list[str]
    opened: list[ExportInput]
    problems: list[tuple[str, str]]

    def close(self) -> None:
        for sub in self.opened:
            sub.close()
        self.opened.clear()


def _open_part(path: Path, label: str, out: Gathered) -> None:
    try:
        sub = open_export(path)
    except InputError as exc:
        out.problems.append((label, exc.one_line()))
        return
    out.opened.append(sub)
    out.parts.append(label)
    out.files.extend(dataclasses.replace(sf, name=f"{label}/{sf.name}") for sf in sub.files)


def gather(inp: ExportInput) -> Gathered:
    """All files of the export, split parts included. Call ``close()`` when done."""
    out = Gathered(files=[], parts=[], opened=[], problems=[])
    if inp.kind == "folder":
        for f in inp.files:
            if SPLIT_ARCHIVE.match(f.basename):
                _open_part(inp.path / f.name, f.name, out)
            else:
                out.files.append(f)
        return out
    out.files.extend(inp.files)
    nested = sorted(
        {
            f.name.split("/", 1)[0]
            for f in inp.files
            if "/" in f.name and SPLIT_ARCHIVE.match(f.name.split("/", 1)[0])
        }
    )
    out.parts.extend(nested)
    m = _PREFIX.match(inp.path.name) if inp.kind == "zip" else None
    if m:
        out.parts.append(inp.path.name)
        for sib in sorted(inp.path.parent.glob("*.zip")):
            if (
                sib.name != inp.path.name
                and sib.name.lower().startswith(m.group(1).lower())
                and SPLIT_ARCHIVE.match(sib.name)
            ):
                _open_part(sib, sib.name, out)
    return out
