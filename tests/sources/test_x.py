"""X / Twitter archive reader: layouts, split parts, variants, YTD prefix property tests."""

from __future__ import annotations

import contextlib
import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope.errors import InputError
from privacyscope.inputs import open_export
from privacyscope.model import AdItem, Login, OffPlatformEvent, Post
from privacyscope.sources.base import ReadResult
from privacyscope.sources.x import REMEDIATION, synth
from privacyscope.sources.x.ytd import data_type, parse_js, x_time

from . import support


def counts(read: ReadResult) -> dict[str, int]:
    return {
        **support.counts_of(read, support.GENERIC_COUNTS + support.SOCIAL_COUNTS),
        **read.extra_counts,
    }


audit = partial(support.read_export, platform="x")


def settings_of(read: ReadResult) -> dict[str, Any]:
    return support.settings_of(read, meaning_only=True)


@pytest.mark.parametrize("lang", synth.LANGS)
@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_layout_counts(tmp_path: Path, layout: str, lang: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, lang=lang))
    assert read.layout == layout
    assert counts(read) == synth.expected_counts(layout, lang=lang)
    assert read.unreadable == [] and read.unrecognized == []
    assert sum(1 for a in read.records.of(AdItem) if a.kind == "advertiser") == 4


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_zip_and_folder_equal(tmp_path: Path, layout: str) -> None:
    a = audit(synth.generate(tmp_path / "z", layout=layout, as_zip=True))
    b = audit(synth.generate(tmp_path / "f", layout=layout, as_zip=False))
    support.assert_same_records(a, b)
    assert a.settings == b.settings


@pytest.mark.parametrize("variant", synth.VARIANTS)
@pytest.mark.parametrize("layout", ["2022", "root-2019"])
def test_variants(tmp_path: Path, layout: str, variant: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, variant=variant))
    assert counts(read) == synth.expected_counts(layout, variant)


def test_split_parts_read_together(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="split"))
    assert "data/tweets-part1.js" in read.sections
    assert "data/direct-messages-part1.js" in read.sections
    refs = [p.ref for p in read.records.of(Post)]
    assert any(r.startswith("data/tweets-part1.js[") for r in refs)


def test_settings_raw_and_normalised(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="2022"))
    assert read.settings["protectedHistory.action"] == "Unprotect"
    assert read.settings["accountTimezone.timeZone"] == "Amsterdam"
    assert settings_of(read) == {"protectedHistory.action": ["Unprotect", "account_private", "off"]}


def test_unknown_file_and_wrapper(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="2022", variant="unknown"))
    got = {(u.path, u.kind) for u in read.unrecognized}
    assert ("data/brand-new-thing.js", "file") in got
    assert ("data/ip-audit.js.ipAuditV2", "key") in got
    assert counts(read)["logins"] == 20  # still read through the unknown wrapper


def test_broken_file_does_not_abort(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="2022", variant="broken"))
    (bad,) = read.unreadable
    assert bad.path == "data/like.js" and "JSON" in bad.reason
    assert counts(read) == synth.expected_counts("2022", "broken")


def test_record_details(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="2022"))
    login = next(x for x in read.records.of(Login) if x.kind == "login")
    assert login.time is not None and login.time.endswith("Z") and login.ip
    post = next(p for p in read.records.of(Post) if not p.deleted)
    assert post.time is not None and post.time.startswith("2025-")
    targeting = [a.name for a in read.records.of(AdItem) if a.kind == "targeting"]
    assert targeting and all(n and ": " in n for n in targeting)
    ev = read.records.of(OffPlatformEvent)[0]
    assert ev.source and ev.time and ev.event


def test_x_time_formats() -> None:
    assert x_time("Wed Oct 10 20:19:24 +0000 2018") == "2018-10-10T20:19:24Z"
    assert x_time("Wed Oct 10 22:19:24 +0200 2018") == "2018-10-10T20:19:24Z"
    assert x_time("2024-01-02 03:04:05") == "2024-01-02T03:04:05Z"
    assert x_time("garbage") is None


def test_parse_js_basic() -> None:
    assert parse_js(b"window.YTD.tweets.part3 = [1]", "f") == ("tweets", 3, [1])
    assert parse_js(b"\xef\xbb\xbf  window.YTD.ip_audit.part0 = [];\n", "f") == ("ip_audit", 0, [])
    assert parse_js(b"window.__THAR_CONFIG = {}", "f") == ("__THAR_CONFIG", 0, {})
    with pytest.raises(InputError):
        parse_js(b"[1, 2]", "f")
    with pytest.raises(InputError):
        parse_js(b"window.YTD.x.part0 = [1,", "f")
    assert data_type("tweets-part12.js") == "tweets"
    assert data_type("ip-audit.js") == "ip-audit"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_parse_js_any_bytes(data: bytes) -> None:
    with contextlib.suppress(InputError):
        parse_js(data, "f.js")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.integers(0, 99), st.text(max_size=80))
def test_parse_js_prefixed_text(name: str, part: int, body: str) -> None:
    data = f"window.YTD.{name}.part{part} = {body}".encode("utf-8", "surrogatepass")
    with contextlib.suppress(InputError):
        parse_js(data, "f.js")


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(),
        lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(), c, max_size=4),
        max_leaves=20,
    )
)
def test_parse_js_roundtrip(value: Any) -> None:
    data = ("window.YTD.any_name.part7 = " + json.dumps(value)).encode()
    assert parse_js(data, "f.js") == ("any_name", 7, value)


def test_not_claimed_by_others(tmp_path: Path) -> None:
    from privacyscope.sources.google import SOURCE as GOOGLE

    p = synth.generate(tmp_path, layout="2022")
    with open_export(p) as inp:
        assert GOOGLE.detect(inp) is None


def test_remediation_covers_findings() -> None:
    assert set(REMEDIATION) >= support.GENERIC_FAMILIES
    assert (
        "Ads preferences > turn off 'Personalized ads'" in REMEDIATION["exposure.personalized_ads"]
    )


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_golden(tmp_path: Path, layout: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout))
    snap = support.read_summary(read, counts(read), normalised=settings_of(read))
    support.assert_golden(f"x_{layout}", snap)
