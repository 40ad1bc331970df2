"""The converted GeoIP database answers exactly as geoip2fast does, offline, from a cache file.

geoip2fast is loaded here only as the reference (~100 MB, once for the module).
"""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from privacyscope import geoip


@pytest.fixture(scope="module")
def reference() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(geoip2fast_data_file=geoip.DATA_FILE, verbose=False)


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache directory for this test; the module's database is reopened."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    geoip._db.cache_clear()
    yield tmp_path / "cache" / "privacyscope"
    geoip._db.cache_clear()


def _expected(ref: Any, ip: str) -> geoip.IpInfo:
    """What ``lookup_ip`` answered when it called geoip2fast directly."""
    addr = ipaddress.ip_address(ip)
    if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
        return geoip.IpInfo(ip, addr.version, None, None, None, True)
    r = ref.lookup(str(addr))
    cc = r.country_code if r.country_code and r.country_code != "--" else None
    return geoip.IpInfo(
        ip, addr.version, cc, r.country_name if cc else None, r.asn_name or None, False
    )


def _sample(seed: int) -> list[str]:
    rnd = random.Random(seed)
    ips = [str(ipaddress.IPv4Address(rnd.getrandbits(32))) for _ in range(3000)]
    ips += [str(ipaddress.IPv6Address(rnd.getrandbits(128))) for _ in range(300)]
    # global unicast IPv6 (2000::/3), where the networks are
    ips += [
        str(ipaddress.IPv6Address((0x2000 + rnd.getrandbits(13)) << 112 | rnd.getrandbits(112)))
        for _ in range(3000)
    ]
    ips += ["8.8.8.8", "1.1.1.1", "9.9.9.9", "2001:4860:4860::8888", "2606:4700:4700::1111"]
    ips += ["0.0.0.1", "255.255.255.255", "::ffff:8.8.8.8", "::8.8.8.8", "64:ff9b::808:808"]
    return ips


def _boundaries(seed: int) -> list[str]:
    """First, last, one before and one after of a sample of geoip2fast's own networks."""
    import geoip2fast.geoip2fast as g

    rnd = random.Random(seed)
    out: list[str] = []
    for starts, lens in (
        (g.mainListFirstIP, g.mainListNetlength),
        (g.mainListFirstIPASN, g.mainListNetlengthASN),
    ):
        for _ in range(400):
            c = rnd.randrange(len(starts))
            i = rnd.randrange(len(starts[c]))
            first, netlen = starts[c][i], lens[c][i]
            size = 1 << ((32 if first < 2**32 else 128) - netlen)
            for x in (first - 1, first, first + size - 1, first + size):
                if 0 <= x < 2**128:
                    out.append(
                        str(ipaddress.ip_address(x) if x < 2**32 else ipaddress.IPv6Address(x))
                    )
    return out


def test_same_answers_as_geoip2fast(reference: Any, fresh_cache: Path) -> None:
    ips = _sample(3) + _boundaries(5)
    wrong = [(ip, geoip.lookup_ip(ip), _expected(reference, ip)) for ip in ips]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert not wrong[:5], f"{len(wrong)} of {len(ips)} differ"
    assert geoip.lookup_ip("8.8.8.8").network == "GOOGLE"
    assert geoip.lookup_ip("10.1.2.3").private
    assert geoip.lookup_ip("not an ip").version == 0


def test_cache_written_once_then_read(fresh_cache: Path) -> None:
    assert geoip.lookup_ip("1.1.1.1").country_code
    files = list(fresh_cache.iterdir())
    assert len(files) == 1 and files[0].name.startswith("geoip-")
    assert "asn-ipv6" in files[0].name and files[0].name.endswith(f"-v{geoip.FORMAT}.bin")
    stamp = files[0].stat().st_mtime_ns
    geoip._db.cache_clear()
    assert isinstance(geoip._db(), geoip.GeoDB)
    assert geoip.lookup_ip("1.1.1.1").country_code
    assert [f.stat().st_mtime_ns for f in fresh_cache.iterdir()] == [stamp]  # not rewritten


def test_broken_cache_file_is_rebuilt(fresh_cache: Path, reference: Any) -> None:
    geoip.lookup_ip("1.1.1.1")
    (path,) = fresh_cache.iterdir()
    path.write_bytes(path.read_bytes()[:1000])  # truncated
    geoip._db.cache_clear()
    assert geoip.lookup_ip("9.9.9.9") == _expected(reference, "9.9.9.9")
    assert path.stat().st_size > 1000
    path.write_bytes(b"garbage")
    geoip._db.cache_clear()
    assert geoip.lookup_ip("9.9.9.9") == _expected(reference, "9.9.9.9")


def test_cache_dir_that_cannot_exist_keeps_data_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Any
) -> None:
    """A cache folder under a regular file cannot be made, even by root (a read-only folder
    would not stop root)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    geoip._db.cache_clear()
    try:
        assert geoip.lookup_ip("8.8.8.8") == _expected(reference, "8.8.8.8")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
        assert blocker.read_text() == "not a folder"
    finally:
        geoip._db.cache_clear()


def test_unwritable_cache_falls_back_to_memory(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch, reference: Any
) -> None:
    def refuse(path: Path, image: bytes) -> None:
        raise PermissionError(path)

    monkeypatch.setattr(geoip, "_write", refuse)
    db = geoip._db()
    assert isinstance(db, geoip.GeoDB) and db.store.fd is None
    for ip in ("8.8.8.8", "2001:4860:4860::8888", "1.1.1.1"):
        assert geoip.lookup_ip(ip) == _expected(reference, ip)
    assert not fresh_cache.exists() or list(fresh_cache.iterdir()) == []


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert geoip.cache_dir() == tmp_path / "privacyscope"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert geoip.cache_dir() == tmp_path / ".cache" / "privacyscope"


def test_ipv4_lookups_read_no_ipv6_data(fresh_cache: Path) -> None:
    db = geoip._db()
    assert isinstance(db, geoip.GeoDB)
    geoip.lookup_ip("8.8.8.8")
    assert set(db._samples) <= {"c4", "a4"}
    geoip.lookup_ip("2001:4860:4860::8888")
    assert {"c6", "a6"} <= set(db._samples)
