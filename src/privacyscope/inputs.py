"""Open an export (zip, folder, single file) as a read-only set of files, safely.

Nothing is ever extracted to disk: zip members are read in memory through ``zipfile`` with
bounds on member count, declared and actual sizes and compression ratio, so zip bombs,
``../`` paths, absolute paths, symlink members and encrypted members cannot hurt. Nested zips
(Google Takeout split archives inside a zip, for example) are opened one level deep.
The input is opened read-only and never modified.
"""

from __future__ import annotations

import io
import lzma
import mmap
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

from privacyscope.errors import InputError

#: limits that keep hostile archives bounded (overridable for tests / huge exports)
MAX_MEMBERS = 200_000
MAX_TOTAL_UNCOMPRESSED = 64 * 1024**3
MAX_MEMBER_SIZE = 16 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed for members over 1 MiB
MAX_NESTED_ZIP_SIZE = 4 * 1024**3
#: files at least this big are memory-mapped, not read (``ExportFile.map_bytes``)
MMAP_MIN_BYTES = 64 * 1024**2


@dataclass
class ExportFile:
    """One file of an export. ``name`` is the POSIX path inside the export."""

    name: str
    size: int
    _opener: object = field(repr=False)
    origin: str = ""  # path of the archive or folder for messages
    #: reads the bytes through a handle of its own (a member of a zip on disk: the archive
    #: opened again), so a forked child can read it while the parent reads others
    _detached: object = field(default=None, repr=False)

    @property
    def basename(self) -> str:
        return PurePosixPath(self.name).name

    @property
    def display(self) -> str:
        return (
            f"{self.origin}:{self.name}" if self.origin and self.origin != self.name else self.name
        )

    def open(self) -> io.BufferedIOBase:
        opener = self._opener
        assert callable(opener)
        fh: io.BufferedIOBase = opener()
        return fh

    def map_bytes(self) -> bytes | mmap.mmap:
        """The whole file: a big regular file on disk is memory-mapped read-only instead of
        copied (its pages stay in the page cache, shared with a forked reader; ADR 0007);
        anything else (zip members, small files, no mmap) is read."""
        if self.size >= MMAP_MIN_BYTES:
            with self.open() as fh:
                try:
                    fd = fh.fileno()
                    if stat.S_ISREG(os.fstat(fd).st_mode):
                        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
                except (OSError, ValueError, io.UnsupportedOperation, AttributeError):
                    pass
        return self.read_bytes()

    @property
    def detachable(self) -> bool:
        """Whether :meth:`read_detached` can read it."""
        return callable(self._detached)

    def read_detached(self) -> bytes | None:
        """The whole file read through a file handle of its own, with the same bounds as
        :meth:`open`; None when there is no such way (not a zip member, a nested zip's)."""
        reader = self._detached
        return reader() if callable(reader) else None

    def read_bytes(self, limit: int | None = None) -> bytes:
        with self.open() as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
        if limit is not None and len(data) > limit:
            raise InputError(f"file larger than {limit} bytes", self.display)
        return data


@dataclass
class ExportInput:
    """A read-only view over an export's files."""

    path: Path
    kind: str  # "zip" | "folder" | "file"
    files: list[ExportFile]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (member, reason)
    _closers: list[object] = field(default_factory=list, repr=False)

    def close(self) -> None:
        for c in self._closers:
            c.close()  # type: ignore[attr-defined]
        self._closers.clear()

    def __enter__(self) -> ExportInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def by_suffix(self, *suffixes: str) -> list[ExportFile]:
        low = tuple(s.lower() for s in suffixes)
        return [f for f in self.files if f.name.lower().endswith(low)]

    def total_size(self) -> int:
        return sum(f.size for f in self.files)


def open_export(path: str | os.PathLike[str]) -> ExportInput:
    """Open a zip, a folder or a single file. Raises :class:`InputError` on bad input."""
    p = Path(path)
    shown = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file or folder", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", shown) from None
    if stat.S_ISDIR(st.st_mode):
        return _open_folder(p, shown)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file or folder", shown)
    if st.st_size == 0:
        raise InputError("empty file: not an export", shown)
    with open(p, "rb") as fh:
        head = fh.read(4)
    if head[:2] == b"PK":
        return _open_zip(p, shown)
    if p.suffix.lower() == ".zip":
        raise InputError("not a zip archive (the file does not start with a zip header)", shown)
    f = ExportFile(name=p.name, size=st.st_size, _opener=_file_opener(p), origin=shown)
    return ExportInput(path=p, kind="file", files=[f])


def _open_folder(root: Path, shown: str) -> ExportInput:
    files: list[ExportFile] = []
    skipped: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for fn in sorted(filenames):
            full = Path(dirpath) / fn
            rel = full.relative_to(root).as_posix()
            try:
                st = full.lstat()
            except OSError as exc:
                skipped.append((rel, f"unreadable: {exc.strerror}"))
                continue
            if stat.S_ISLNK(st.st_mode):
                skipped.append((rel, "symbolic link not followed"))
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            if fn.startswith(".") or fn in ("Thumbs.db", "desktop.ini"):
                continue
            files.append(
                ExportFile(name=rel, size=st.st_size, _opener=_file_opener(full), origin=shown)
            )
            if len(files) > MAX_MEMBERS:
                raise InputError(f"more than {MAX_MEMBERS} files: refusing", shown)
    if not files:
        raise InputError("empty folder: not an export", shown)
    return ExportInput(path=root, kind="folder", files=files, skipped=skipped)


def _file_opener(full: Path) -> object:
    return lambda: open(full, "rb")


def _open_zip(p: Path, shown: str) -> ExportInput:
    try:
        zf = zipfile.ZipFile(p)
    except zipfile.BadZipFile as exc:
        raise InputError(f"broken zip archive: {exc}", shown) from None
    except Exception as exc:  # hostile archives make zipfile raise IndexError, struct.error...
        raise InputError(f"unreadable zip archive: {type(exc).__name__}: {exc}", shown) from None
    inp = ExportInput(path=p, kind="zip", files=[], _closers=[zf])
    try:
        _add_zip_members(inp, zf, prefix="", shown=shown, depth=0, archive=p)
    except InputError:
        zf.close()
        raise
    if not inp.files:
        zf.close()
        reasons = "; ".join(f"{m}: {r}" for m, r in inp.skipped[:3])
        raise InputError(
            "empty zip: no readable files" + (f" ({reasons})" if reasons else ""), shown
        )
    return inp


def _safe_member_name(name: str) -> str | None:
    """Normalise a member name; None for names that try to escape (``..``, absolute paths)."""
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":"):
        return None
    parts = [x for x in n.split("/") if x not in ("", ".")]
    if any(x == ".." for x in parts):
        return None
    return "/".join(parts)


def _add_zip_members(
    inp: ExportInput,
    zf: zipfile.ZipFile,
    prefix: str,
    shown: str,
    depth: int,
    archive: Path | None = None,
) -> None:
    try:
        infos = zf.infolist()
    except Exception as exc:  # pragma: no cover - zipfile raises several types here
        raise InputError(f"unreadable zip directory: {exc}", shown) from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"zip has {len(infos)} members (limit {MAX_MEMBERS}): refusing", shown)
    total = 0
    for info in infos:
        raw = info.filename
        if not raw:
            inp.skipped.append((prefix + "<no name>", "zip member without a name: not read"))
            continue
        if info.is_dir():
            continue
        name = _safe_member_name(raw)
        if name is None:
            inp.skipped.append((prefix + raw, "unsafe path (absolute or '..'): not read"))
            continue
        mode = (info.external_attr >> 16) & 0o170000
        if mode == stat.S_IFLNK:
            inp.skipped.append((prefix + raw, "symbolic link member: not followed"))
            continue
        if info.flag_bits & 0x1:
            inp.skipped.append((prefix + raw, "encrypted member: cannot be read"))
            continue
        base = PurePosixPath(name).name
        if base.startswith(".") or name.startswith("__MACOSX/"):
            continue
        if info.file_size > MAX_MEMBER_SIZE:
            inp.skipped.append((prefix + raw, f"declared size {info.file_size} bytes is too large"))
            continue
        if info.compress_size and info.file_size > 1 << 20:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                inp.skipped.append(
                    (prefix + raw, f"compression ratio {ratio:.0f}:1 looks like a zip bomb")
                )
                continue
        total += info.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise InputError("zip expands beyond the size limit: refusing (zip bomb?)", shown)
        if name.lower().endswith(".zip") and depth == 0:
            if info.file_size > MAX_NESTED_ZIP_SIZE:
                inp.skipped.append((prefix + raw, "nested zip too large"))
                continue
            try:
                data = _bounded_read(zf, info)
                inner = zipfile.ZipFile(io.BytesIO(data))
                _add_zip_members(inp, inner, prefix=name + "/", shown=shown, depth=1)
                inp._closers.append(inner)
            except _NESTED_UNREADABLE as exc:
                inp.skipped.append((prefix + raw, f"nested zip unreadable: {exc}"))
            continue
        if name.lower().endswith(".zip"):
            inp.skipped.append((prefix + raw, "zip nested more than one level: not read"))
            continue
        inp.files.append(
            ExportFile(
                name=prefix + name,
                size=info.file_size,
                _opener=_zip_opener(zf, info),
                origin=shown,
                _detached=partial(_read_again, archive, info) if archive else None,
            )
        )


#: what zipfile and its decompressors raise on damaged data
_CORRUPT: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
)


_UNREADABLE: tuple[type[BaseException], ...] = (*_CORRUPT, RuntimeError, NotImplementedError)
_NESTED_UNREADABLE: tuple[type[BaseException], ...] = (Exception,)  # any damage: skip it


class _BoundedReader(io.RawIOBase):
    """Reads a zip member, failing if it yields more bytes than declared (lying headers)."""

    def __init__(self, raw: IO[bytes], limit: int, label: str) -> None:
        self._raw = raw
        self._left = limit
        self._label = label

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        try:
            n = self._raw.readinto(b)  # type: ignore[attr-defined,unused-ignore]
        except _CORRUPT as exc:
            raise InputError(f"truncated or corrupt zip member: {exc}", self._label) from None
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
            raise InputError(f"unreadable zip member: {exc}", self._label) from None
        self._left -= n
        if self._left < 0:
            raise InputError("zip member larger than its declared size", self._label)
        return int(n)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _zip_opener(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> object:
    def opener() -> io.BufferedIOBase:
        try:
            raw = zf.open(info)
        except _UNREADABLE as exc:
            raise InputError(f"cannot open zip member: {exc}", info.filename) from None
        bounded = _BoundedReader(raw, info.file_size, info.filename)
        return io.BufferedReader(bounded, 1 << 20)  # type: ignore[type-var,unused-ignore]

    return opener


def _bounded_read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    opener = _zip_opener(zf, info)
    assert callable(opener)
    with opener() as fh:
        return bytes(fh.read())


def _read_again(archive: Path, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes through the archive opened again (a file handle of its own: a forked
    child must not move the parent's); ``info`` is the entry checked when it was listed."""
    try:
        zf = zipfile.ZipFile(archive)
    except Exception as exc:  # changed since it was listed: the caller reads it as usual
        raise InputError(f"cannot open the archive again: {exc}", str(archive)) from None
    with zf:
        return _bounded_read(zf, info)


def iter_text_lines(f: ExportFile) -> Iterator[str]:
    """Lines of a text file, decoded leniently (UTF-8 with BOM, UTF-16 by BOM)."""
    from privacyscope.textdecode import decode_text

    yield from decode_text(f.read_bytes(), f.display).splitlines()
