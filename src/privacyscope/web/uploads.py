"""Uploaded files: path sanitising and size-limited streaming to disk under the data directory.

A browser folder upload sends each file's relative path (``webkitRelativePath``). Paths are
rebuilt under the audit's ``upload/`` folder after rejecting anything that could escape it:
absolute paths, drive letters, ``..``, empty or dot segments, control characters, over-long
names. Files are created with ``O_EXCL | O_NOFOLLOW`` so an existing entry (or a symlink) is
never written through.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import AsyncIterator
from pathlib import Path, PurePosixPath

MAX_DEPTH = 32
MAX_PART = 255
_DRIVE = re.compile(r"^[A-Za-z]:$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def safe_relpath(raw: str) -> PurePosixPath:
    """The relative path a client sent, or :class:`UploadRejected` (400) if it is unsafe."""
    if not raw or len(raw) > 4096 or _CONTROL.search(raw):
        raise UploadRejected(400, "bad file path")
    text = raw.replace("\\", "/")
    if text.startswith("/") or text.startswith("~"):
        raise UploadRejected(400, "absolute file paths are not accepted")
    parts = text.split("/")
    if len(parts) > MAX_DEPTH:
        raise UploadRejected(400, "file path too deep")
    for i, part in enumerate(parts):
        if part in ("", ".", ".."):
            raise UploadRejected(400, "file path with empty, '.' or '..' segments")
        if len(part.encode()) > MAX_PART:
            raise UploadRejected(400, "file name too long")
        if i == 0 and _DRIVE.match(part):
            raise UploadRejected(400, "absolute file paths are not accepted")
    return PurePosixPath(*parts)


def _inside(root: Path, target: Path) -> bool:
    try:
        target.relative_to(root)
    except ValueError:
        return False
    return True


def prepare_target(root: Path, rel: PurePosixPath) -> Path:
    """Create parent folders under ``root`` (never following a symlink) and return the path."""
    root = root.resolve()
    current = root
    for part in rel.parts[:-1]:
        current = current / part
        try:
            st = current.lstat()
        except FileNotFoundError:
            current.mkdir(mode=0o700)
            continue
        if not stat.S_ISDIR(st.st_mode):
            raise UploadRejected(400, "file path collides with an uploaded file")
    target = current / rel.parts[-1]
    if not _inside(root, target.parent.resolve()):
        raise UploadRejected(400, "file path escapes the upload folder")
    return target


async def write_stream(chunks: AsyncIterator[bytes], target: Path, budget: int) -> int:
    """Write ``chunks`` to a new file; stop with 413 as soon as more than ``budget`` bytes
    arrive (the partial file is removed). Returns the bytes written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, 0o600)
    except FileExistsError:
        raise UploadRejected(409, "this file was already uploaded") from None
    written = 0
    ok = False
    try:
        with os.fdopen(fd, "wb") as fh:
            async for chunk in chunks:
                written += len(chunk)
                if written > budget:
                    raise UploadRejected(413, "upload larger than the size limit")
                fh.write(chunk)
        ok = True
    finally:
        if not ok:
            target.unlink(missing_ok=True)
    return written
