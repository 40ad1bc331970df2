"""What the platform export generators share: option checks, export names, zip/folder writing.

Every generator (``privacyscope.sources.<platform>.synth``) takes its values from
:mod:`privacyscope.synth.persona`, offers ``LAYOUTS``, ``LANGS`` and ``VARIANTS`` (adversarial
variants such as ``empty`` or ``broken``), and ``generate(out, *, layout, lang, seed, variant,
as_zip)``, which builds the files in memory as ``{path inside the export: content}``, writes
them with :func:`write_export` and returns the zip or folder path. Its ``expected_counts`` gives
the exact counts a reader must find in what ``generate`` wrote.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

#: file content: the bytes, or a function that streams them into an open binary file
Payload = bytes | Callable[[BinaryIO], None]
ZipDate = tuple[int, int, int, int, int, int]


def check_options(
    layout: str,
    lang: str,
    variant: str | None,
    *,
    layouts: Sequence[str],
    langs: Sequence[str],
    variants: Sequence[str | None],
) -> None:
    """Raise ``ValueError`` for an unknown layout, language or variant (``None``: no variant)."""
    if layout not in layouts:
        raise ValueError(f"unknown layout {layout!r} (known: {', '.join(layouts)})")
    if lang not in langs:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(langs)})")
    if variant is not None and variant not in variants:
        known = ", ".join(v for v in variants if v is not None)
        raise ValueError(f"unknown variant {variant!r} (known: {known})")


def export_name(stem: str, variant: str | None, as_zip: bool) -> str:
    """``stem``, then ``-<variant>`` when there is one, then ``.zip`` for a zip."""
    name = stem + (f"-{variant}" if variant else "")
    return f"{name}.zip" if as_zip else name


def named_target(out: Path, stem: str, variant: str | None, as_zip: bool) -> Path:
    """A named export inside the folder ``out`` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    return out / export_name(stem, variant, as_zip)


def target_path(
    out: Path, platform: str, layout: str, lang: str, seed: int, variant: str | None, as_zip: bool
) -> Path:
    """``out`` itself, or a named export under it when ``out`` is an existing folder (an empty
    one is used as it is for a folder export)."""
    empty_folder_target = not as_zip and out.is_dir() and not any(out.iterdir())
    if out.is_dir() and not empty_folder_target:
        return out / export_name(f"{platform}-{layout}-{lang}-{seed}", variant, as_zip)
    return out


def write_zip(
    target: Path, files: Mapping[str, bytes], *, date_time: ZipDate | None = None
) -> Path:
    """Write ``files`` (in their order) as a deflated zip at ``target``.

    With ``date_time`` every member carries that fixed date, so the same files give the same
    zip bytes; without it members are dated now (``ZipFile.writestr`` defaults)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            if date_time is None:
                zf.writestr(name, data)
            else:
                info = zipfile.ZipInfo(name, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
    return target


def write_folder(target: Path, files: Mapping[str, Payload]) -> Path:
    """Write ``files`` under the folder ``target``, creating sub-folders as needed."""
    target.mkdir(parents=True, exist_ok=True)
    for name, payload in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(payload, bytes):
            path.write_bytes(payload)
        else:
            with open(path, "wb") as fh:
                payload(fh)
    return target


def write_export(
    target: Path, files: Mapping[str, bytes], as_zip: bool, *, date_time: ZipDate | None = None
) -> Path:
    """Write ``files`` as a zip or a folder at ``target``; returns ``target``."""
    if as_zip:
        return write_zip(target, files, date_time=date_time)
    return write_folder(target, files)
