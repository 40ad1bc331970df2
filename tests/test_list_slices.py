"""Long lists are decoded in slices cut at ``}, {`` (``sections._slices``); a cut inside a
string or a nested value must never change the records, only fall back to exact splitting."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope.audit import run_audit
from privacyscope.model import to_builtins
from privacyscope.report import jsonreport
from privacyscope.sources.tiktok import sections, synth
from privacyscope.sources.tiktok.sections import ListHandler, handler_for

TRICKY = st.text(alphabet=st.sampled_from([*'ab},{ "\\\n:[]', "é", "😀"]), max_size=12)
LOGIN = st.fixed_dictionaries(
    {"Date": st.sampled_from(["2023-11-14 22:13:04", "N/A", ""]), "IP": TRICKY},
    optional={"DeviceModel": TRICKY, "NetworkType": st.sampled_from(["4G", "Wi-Fi"])},
)


def _login_handler() -> ListHandler:
    found = handler_for("Your Activity", "Login History")
    assert found is not None and isinstance(found[0], ListHandler)
    return found[0]


def _records(runs: list) -> list:  # type: ignore[type-arg]
    return [to_builtins(r.record(i)) for r in runs for i in range(r.n)]


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(LOGIN, max_size=40), indent=st.sampled_from([None, 2]), chunk=st.integers(0, 90)
)
def test_sliced_decode_equals_whole_decode(
    items: list[dict[str, str]], indent: int | None, chunk: int
) -> None:
    h = _login_handler()
    raw = msgspec.Raw(json.dumps(items, indent=indent, ensure_ascii=False).encode())
    whole = h.runs(raw, "x/LoginHistoryList", True)  # default CHUNK_BYTES: one piece
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sections, "CHUNK_BYTES", chunk)
        mp.setattr(sections, "CHUNK", 3)
        sliced = h.runs(raw, "x/LoginHistoryList", True)
    assert _records(sliced) == _records(whole)
    assert [r.ref(i) for r in sliced for i in range(r.n)] == [
        f"x/LoginHistoryList[{i}]" for i in range(len(items))
    ]


def test_a_cut_inside_a_string_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [{"Date": "2023-11-14 22:13:04", "IP": '1.2.3.4"}, {"Date": "x'} for _ in range(5)]
    items += [{"Date": "2023-11-14 22:13:05", "IP": "}, {"} for _ in range(5)]
    raw = msgspec.Raw(json.dumps(items).encode())
    monkeypatch.setattr(sections, "CHUNK_BYTES", 1)
    runs = _login_handler().runs(raw, "p", False)
    assert sum(r.n for r in runs) == 10
    assert [r.record(0).ip for r in runs if r.n][:1] == ['1.2.3.4"}, {"Date": "x']


def test_non_list_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections, "CHUNK_BYTES", 0)
    with pytest.raises(msgspec.ValidationError):
        _login_handler().runs(msgspec.Raw(b"null"), "p", False)
    with pytest.raises(msgspec.ValidationError):
        _login_handler().runs(
            msgspec.Raw(b'[{"Date": "x", "Unknown": "y"}, {"Date": "z"}]'), "p", False
        )


# -- one-list sections read from their first and last bytes (``sections._one_list``) ----------
def _two_list_handler() -> ListHandler:
    login = _login_handler()
    return ListHandler(("A", "B"), login.known, login.build)


SECTION = st.lists(
    st.tuples(st.sampled_from(["A", "B", "App", 'A"\\']), st.lists(LOGIN, max_size=4)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=200, deadline=None)
@given(keys_lists=SECTION, indent=st.sampled_from([None, 1, "\t"]))
def test_one_list_shortcut_equals_exact_split(
    keys_lists: list[tuple[str, list[dict[str, str]]]], indent: int | str | None
) -> None:
    """Whatever the keys (several lists, a wrapper key after the list, an escaped key), the
    shortcut gives exactly what the exact split gives, or falls back to it."""
    h = _two_list_handler()
    section = {k: ({"x": 1} if k == "App" else v) for k, v in keys_lists}
    raw = msgspec.Raw(json.dumps(section, indent=indent).encode())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sections, "_ONE_LIST_MIN", 1 << 62)
        exact = h.section_runs(raw, "s", True)
        mp.setattr(sections, "_ONE_LIST_MIN", 0)
        short = h.section_runs(raw, "s", True)
    assert (exact is None) == (short is None)
    if exact is not None and short is not None:
        assert [(k, _records(r)) for k, r in short] == [(k, _records(r)) for k, r in exact]


def test_one_list_found_without_a_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections, "_ONE_LIST_MIN", 0)
    items = [{"Date": "2023-11-14 22:13:04", "IP": "1.2.3.4"}] * 3
    raw = msgspec.Raw(b' {\n "A" : ' + json.dumps(items).encode() + b"\n} \n")
    one = sections._one_list(raw)
    assert one is not None and one[0] == "A" and json.loads(bytes(one[1])) == items
    for not_one in (b'{"A": 1}', b'["A"]', b'{"A": [1], "B": 2}', b'{"A": [1]'):
        assert sections._one_list(msgspec.Raw(not_one)) is None


@pytest.mark.parametrize("layout", ["g1", "g2", "us", "g3", "g4"])
def test_one_list_shortcut_whole_audit(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every layout (G4 repeats its off-TikTok lists: the de-duplicating path) audits the
    same with every section taking the shortcut as with none."""
    path = synth.generate(tmp_path, layout=layout)
    monkeypatch.setattr(sections, "CHUNK_BYTES", 0)
    got = []
    for threshold in (1 << 62, 0):
        monkeypatch.setattr(sections, "_ONE_LIST_MIN", threshold)
        result = run_audit(path)
        report = jsonreport.to_dict(result)
        report.pop("generated_at")
        records = {
            t.__name__: [to_builtins(x) for x in rs] for t, rs in result.read.records.types()
        }
        got.append((report, records, result.read.notes, result.read.sections))
    assert got[0] == got[1]
