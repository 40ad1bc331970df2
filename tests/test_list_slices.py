"""Long lists are decoded in slices cut at ``}, {`` (``sections._slices``); a cut inside a
string or a nested value must never change the records, only fall back to exact splitting."""

from __future__ import annotations

import json

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope.model import to_builtins
from privacyscope.sources.tiktok import sections
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
