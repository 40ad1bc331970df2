"""Offline GeoIP: country and network (ASN) of an IP address, never a network connection.

geoip2fast ships its database inside the PyPI package (countries and ASNs, no cities). Loading
it the way geoip2fast does (a pickle of Python lists) costs ~95 MB and 0.3 s. Instead, on first
use the database is converted once into sorted numpy arrays (network starts, prefix lengths,
country and ASN indexes) and written to one file in the user cache directory
(``$XDG_CACHE_HOME/privacyscope/``, else ``~/.cache/privacyscope/``), keyed by the geoip2fast
version and data file. Later runs memory-map that file: a lookup is two binary searches and
touches a few pages, IPv6 pages only for IPv6 addresses. When the cache directory is not
writable the converted arrays stay in memory for the run.

Answers are geoip2fast's, quirks included (``tests/test_geoip_compact.py`` compares them on
samples of public IPv4 and IPv6 addresses and on every network boundary of a sample).
"""

from __future__ import annotations

import bisect
import ipaddress
import itertools
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

DATA_FILE = "geoip2fast-asn-ipv6.dat.gz"
#: bumped when the layout of the cache file changes
FORMAT = 1
_MAGIC = b"PSGEOIP\0"
_V4_END = 1 << 32  # geoip2fast: values up to this are sized as IPv4 networks
_LOW64 = (1 << 64) - 1
_PRIVATE_CODES = 16  # geoip2fast: country indexes below 16 are special / private networks


@dataclass(frozen=True)
class IpInfo:
    ip: str
    version: int
    country_code: str | None
    country: str | None
    network: str | None  # ASN / organisation name
    private: bool


def lookup_ip(ip: str) -> IpInfo:
    try:
        addr = ipaddress.ip_address(ip.strip())
    except ValueError:
        return IpInfo(ip, 0, None, None, None, False)
    if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
        return IpInfo(ip, addr.version, None, None, None, True)
    cc, name, asn = _db().lookup(int(addr))
    return IpInfo(ip, addr.version, cc, name, asn, False)


# ------------------------------------------------------------------------------------------
# the converted database
# ------------------------------------------------------------------------------------------
#: keys per block; every BLOCK-th key is kept in memory (the sample), a block is read on demand
BLOCK = 256


class GeoDB:
    """geoip2fast's lookup on the converted file, read a few hundred bytes at a time.

    geoip2fast keeps network starts in sorted chunks and bisects the chunk index, then the
    chunk; since every chunk starts with its index entry, that is one ``bisect_right`` over the
    flat sorted starts. Here the starts are big-endian bytes (4 for those below 2**32, 16 for
    the others), so bytes order is number order: a bisect over the in-memory sample (every
    :data:`BLOCK`-th start) picks a block, one read and a bisect in that block find the start,
    and one read each gets its prefix length and country or ASN index. Nothing is mapped.
    """

    def __init__(self, store: _Store, meta: dict[str, Any]) -> None:
        self.store = store
        self.ipv6 = bool(meta["ipv6"])
        self.countries: list[tuple[str, str] | None] = [
            (c[0], c[1]) if c is not None else None for c in meta["countries"]
        ]
        self._samples: dict[str, list[bytes]] = {}

    def lookup(self, iplong: int) -> tuple[str | None, str | None, str | None]:
        """(country code, country name, ASN name) as ``lookup_ip`` reads geoip2fast's answer."""
        sec, i, first = self._find("c", iplong)
        size = _size(iplong <= _V4_END, self.store.item(sec + "_len", i))
        if size is None or iplong > first + size - 1:
            return None, None, None  # network not found (or geoip2fast's internal error)
        asn = self._asn(iplong)
        index = self.store.item(sec + "_id", i)
        country = self.countries[index] if index < len(self.countries) else None
        if country is None:  # geoip2fast fails on this entry: an internal error, no answer
            return None, None, None
        if index < _PRIVATE_CODES:
            return None, None, asn or None
        code, name = country
        cc = code if code and code != "--" else None
        return cc, name if cc else None, asn or None

    def _asn(self, iplong: int) -> str:
        sec, i, first = self._find("a", iplong)
        # geoip2fast sizes ASN networks as IPv6 ones whenever the database holds IPv6
        size = _size(not self.ipv6, self.store.item(sec + "_len", i))
        if size is None or iplong > first + size - 1:
            return ""
        n = self.store.item(sec + "_id", i)
        if n + 1 >= self.store.count("asn_off"):
            return ""
        start, end = self.store.item("asn_off", n), self.store.item("asn_off", n + 1)
        return self.store.read("asn_blob", start, end - start).decode()

    def _find(self, kind: str, iplong: int) -> tuple[str, int, int]:
        """(section, index, network start) of the last start <= ``iplong``; as geoip2fast
        (``bisect_right - 1``), nothing found wraps to the very last entry."""
        if iplong < _V4_END:
            found = self._bisect(kind + "4", iplong.to_bytes(4, "big"))
            return found if found is not None else self._last(kind)
        found = self._bisect(kind + "6", iplong.to_bytes(16, "big"))
        if found is not None:
            return found
        n4 = self.store.count(kind + "4")
        if n4:  # below every IPv6 start: the last IPv4 network, as geoip2fast
            return kind + "4", n4 - 1, self._key(kind + "4", n4 - 1)
        return self._last(kind)

    def _bisect(self, sec: str, key: bytes) -> tuple[str, int, int] | None:
        sample = self._samples.get(sec)
        if sample is None:
            sample = self._samples[sec] = _split(self.store.read(sec + "_sample"), len(key))
        j = bisect.bisect_right(sample, key) - 1
        if j < 0:
            return None
        lo = j * BLOCK
        n = min(BLOCK, self.store.count(sec) - lo)
        keys = _split(self.store.read(sec, lo * len(key), n * len(key)), len(key))
        k = bisect.bisect_right(keys, key) - 1
        return sec, lo + k, int.from_bytes(keys[k], "big")

    def _key(self, sec: str, i: int) -> int:
        width = self.store.itemsize(sec)
        return int.from_bytes(self.store.read(sec, i * width, width), "big")

    def _last(self, kind: str) -> tuple[str, int, int]:
        sec = kind + "6" if self.store.count(kind + "6") else kind + "4"
        i = self.store.count(sec) - 1
        return sec, i, self._key(sec, i)


def _split(data: bytes, width: int) -> list[bytes]:
    return [data[k : k + width] for k in range(0, len(data), width)]


class _Store:
    """Sections of the converted file, read with ``os.pread`` (or from memory)."""

    def __init__(self, sections: dict[str, list[int]], fd: int | None, data: bytes = b"") -> None:
        self.sections = sections  # name -> [offset, bytes, itemsize]
        self.fd = fd
        self.data = data

    def read(self, name: str, offset: int = 0, n: int | None = None) -> bytes:
        start, size, _ = self.sections[name]
        n = size - offset if n is None else n
        if self.fd is None:
            return self.data[start + offset : start + offset + n]
        return os.pread(self.fd, n, start + offset)

    def itemsize(self, name: str) -> int:
        return self.sections[name][2]

    def count(self, name: str) -> int:
        _, size, width = self.sections[name]
        return size // width

    def item(self, name: str, i: int) -> int:
        """Element ``i`` of a little-endian unsigned integer section."""
        width = self.sections[name][2]
        return int.from_bytes(self.read(name, i * width, width), "little")


class _Geoip2fast:
    """geoip2fast as it is (all of its data in memory), for data files :func:`convert` does
    not know."""

    def __init__(self, data: Path) -> None:
        from geoip2fast import GeoIP2Fast

        self.geo = GeoIP2Fast(geoip2fast_data_file=str(data), verbose=False)

    def lookup(self, iplong: int) -> tuple[str | None, str | None, str | None]:
        r = self.geo.lookup(str(ipaddress.ip_address(iplong)))
        cc = r.country_code if r.country_code and r.country_code != "--" else None
        return cc, r.country_name if cc else None, getattr(r, "asn_name", "") or None


def _size(v4: bool, netlen: int) -> int | None:
    """geoip2fast's ``numIPsv4[netlen]`` / ``numIPsv6[netlen]`` (None where it fails)."""
    top = 32 if v4 else 128
    if netlen <= top:
        return 1 << (top - netlen)
    return 0 if netlen == top + 1 else None


def _source() -> tuple[Path, str]:
    """geoip2fast's data file and version, without importing geoip2fast (nor
    ``importlib.metadata``: both cost more memory than a cached lookup)."""
    from importlib.util import find_spec

    spec = find_spec("geoip2fast")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("geoip2fast is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    dists = sorted(folder.parent.glob("geoip2fast-*.dist-info"))
    version = dists[-1].name[len("geoip2fast-") : -len(".dist-info")] if dists else "unknown"
    return folder / DATA_FILE, version


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "privacyscope"


def cache_path(data: Path, version: str) -> Path:
    st = data.stat()
    stem = data.name.split(".")[0]
    return cache_dir() / f"geoip-{version}-{stem}-{st.st_size}-{st.st_mtime_ns}-v{FORMAT}.bin"


@cache
def _db() -> GeoDB | _Geoip2fast:
    data, version = _source()
    path = cache_path(data, version)
    try:
        return _open(path)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        image = convert(data)
    except ValueError:  # a data file this conversion does not know: geoip2fast itself
        return _Geoip2fast(data)
    try:
        _write(path, image)
        return _open(path)
    except (OSError, ValueError, KeyError, TypeError):
        return _load(image)  # the cache directory is not writable: kept in memory this run


def convert(data: Path) -> bytes:
    """geoip2fast's ``.dat.gz`` (a pickle of lists) -> the bytes of the converted file."""
    import gzip
    import pickle

    with gzip.open(data, "rb") as fh:
        version, info, _total, db = pickle.load(fh)  # geoip2fast's own data file
    if version not in (120, 121) or not (info.get("country") and info.get("asn")):
        raise ValueError(f"unsupported geoip2fast data file {data.name}")
    (index, index_asn, names, asn_names, first, first_asn, ids, asn_ids, lens, asn_lens) = db
    del db
    ipv6 = bool(index[-1] > _V4_END)  # geoip2fast: ``mainIndex[-1] > numIPsv4[0]``
    sections: dict[str, bytes] = {}
    widths: dict[str, int] = {}
    for kind, roots, starts, idx, netlens, id_type in (
        ("c", index, first, ids, lens, "<u2"),
        ("a", index_asn, first_asn, asn_ids, asn_lens, "<u4"),
    ):
        # one bisect over the flat starts is geoip2fast's two only if chunks start at their
        # index entry and the starts are sorted
        if [c[0] if c else None for c in starts] != list(roots):
            raise ValueError("geoip2fast data: chunks do not match their index")
        flat = itertools.chain.from_iterable
        n = sum(map(len, starts))
        n4 = sum(1 for x in flat(starts) if x < _V4_END)
        v4 = np.fromiter(itertools.islice(flat(starts), n4), dtype=np.uint64, count=n4)
        v6 = np.empty((n - n4, 2), dtype=">u8")
        v6[:, 0] = np.fromiter(
            (x >> 64 for x in itertools.islice(flat(starts), n4, None)), np.uint64, n - n4
        )
        v6[:, 1] = np.fromiter(
            (x & _LOW64 for x in itertools.islice(flat(starts), n4, None)), np.uint64, n - n4
        )
        if not (_increasing(v4) and _increasing_pairs(v6[:, 0], v6[:, 1])):
            raise ValueError("geoip2fast data not sorted")
        ids_ = np.fromiter(flat(idx), dtype=id_type, count=n)
        lens_ = np.fromiter(flat(netlens), dtype=np.uint8, count=n)
        for fam, keys, sl in (("4", v4.astype(">u4"), slice(0, n4)), ("6", v6, slice(n4, n))):
            sec = kind + fam
            sections[sec], widths[sec] = keys.tobytes(), 4 if fam == "4" else 16
            sections[sec + "_sample"], widths[sec + "_sample"] = (
                keys[::BLOCK].tobytes(),
                widths[sec],
            )
            sections[sec + "_id"], widths[sec + "_id"] = ids_[sl].tobytes(), ids_.itemsize
            sections[sec + "_len"], widths[sec + "_len"] = lens_[sl].tobytes(), 1
        starts.clear()
        idx.clear()
        netlens.clear()
    encoded = [str(name).encode() for name in asn_names]
    sizes = np.fromiter(map(len, encoded), dtype=np.uint64, count=len(encoded))
    offsets = np.concatenate((np.zeros(1, np.uint64), np.cumsum(sizes, dtype=np.uint64)))
    sections["asn_off"], widths["asn_off"] = offsets.astype("<u8").tobytes(), 8
    sections["asn_blob"], widths["asn_blob"] = b"".join(encoded), 1
    countries: list[list[str] | None] = []
    for name in names:
        parts = str(name).split(":")
        countries.append(parts if len(parts) == 2 else None)
    return _image({"countries": countries, "ipv6": ipv6, "block": BLOCK}, sections, widths)


def _increasing(a: npt.NDArray[Any]) -> bool:
    return bool((a[1:] > a[:-1]).all())


def _increasing_pairs(hi: npt.NDArray[Any], lo: npt.NDArray[Any]) -> bool:
    return bool(((hi[1:] > hi[:-1]) | ((hi[1:] == hi[:-1]) & (lo[1:] > lo[:-1]))).all())


def _image(meta: dict[str, Any], sections: dict[str, bytes], widths: dict[str, int]) -> bytes:
    """magic, header length, JSON header (meta; per section: offset after the header, bytes,
    item size), then the sections."""
    table: dict[str, list[int]] = {}
    offset = 0
    for name, data in sections.items():
        table[name] = [offset, len(data), widths[name]]
        offset += len(data)
    head = json.dumps({"meta": meta, "sections": table}).encode()
    return b"".join([_MAGIC, len(head).to_bytes(8, "little"), head, *sections.values()])


def _write(path: Path, image: bytes) -> None:
    """Written to a temporary file and renamed, so readers never see half a file."""
    from privacyscope.report.files import atomic_write

    atomic_write(path, image)


def _header(head: bytes, size: int) -> tuple[dict[str, Any], dict[str, list[int]]]:
    if head[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a privacyscope GeoIP file")
    n = int.from_bytes(head[len(_MAGIC) : len(_MAGIC) + 8], "little")
    header = json.loads(head[len(_MAGIC) + 8 : len(_MAGIC) + 8 + n])
    sections: dict[str, list[int]] = header["sections"]
    for entry in sections.values():
        entry[0] += len(_MAGIC) + 8 + n
        if entry[0] + entry[1] > size:
            raise ValueError("GeoIP file is truncated")
    if header["meta"].get("block") != BLOCK:
        raise ValueError("GeoIP file of another layout")
    return header["meta"], sections


def _open(path: Path) -> GeoDB:
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        n = int.from_bytes(os.pread(fd, 8, len(_MAGIC)), "little")
        meta, sections = _header(os.pread(fd, len(_MAGIC) + 8 + n, 0), size)
    except BaseException:
        os.close(fd)
        raise
    return GeoDB(_Store(sections, fd), meta)


def _load(image: bytes) -> GeoDB:
    meta, sections = _header(image, len(image))
    return GeoDB(_Store(sections, None, image), meta)


__all__ = ["IpInfo", "cache_dir", "cache_path", "convert", "lookup_ip"]
