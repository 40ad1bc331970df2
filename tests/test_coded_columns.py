"""Dictionary-coded string columns (the JSON fast path's default) answer every query exactly as
the plain lists they replace: count_by, distinct (with and without kinds), present_mask."""

from __future__ import annotations

from array import array
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope.compact import compact_strings
from privacyscope.model import (
    NO_TIME,
    Columns,
    Message,
    RecordList,
    count_by,
    distinct,
    present_mask,
    values,
)
from privacyscope.sources.tiktok.columnar import Fields

_value = st.sampled_from(["a", "b", "", None, "N/A", " c ", "😂"])
_kind = st.sampled_from(["direct", "group", "ai_chat"])


def _col(vals: list[Any], coded: bool) -> Any:
    return compact_strings(vals) if coded else vals


def _runs(rows: list[tuple[str, Any, Any]], coded: bool, cut: int) -> RecordList[Message]:
    """Messages as a run with a kind column, a run of group messages (kind a constant, as
    real chat runs have it) and a plain list of one record."""
    first, rest = rows[:cut], [r for r in rows[cut:] if r[0] == "group"]
    runs: list[Any] = []
    for i, part in enumerate((first, rest)):
        cols: dict[str, Any] = {
            "time": array("q", [NO_TIME] * len(part)),
            "chat": _col([r[1] for r in part], coded),
            "sender": _col([r[2] for r in part], coded),
        }
        if i == 0:
            cols["kind"] = _col([r[0] for r in part], coded)
        runs.append(Columns(Message, f"m{i}", len(part), {} if i == 0 else {"kind": "group"}, cols))
    runs.append([Message(ref="x", chat="solo", sender=None, kind="ai_chat")])
    return RecordList(runs)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_kind, _value, _value), max_size=40), st.integers(0, 40))
def test_coded_and_plain_columns_agree(rows: list[tuple[str, Any, Any]], cut: int) -> None:
    plain, coded = _runs(rows, False, cut), _runs(rows, True, cut)
    for field in ("chat", "sender", "kind"):
        assert list(count_by(coded, field).items()) == list(count_by(plain, field).items())
        assert distinct(coded, field) == distinct(plain, field) == set(values(plain, field))
        assert (present_mask(coded, field) == present_mask(plain, field)).all()
        assert list(present_mask(plain, field)) == [bool(v) for v in values(plain, field)]
    people = frozenset({"direct", "group"})
    expected = {
        c for k, c in zip(values(plain, "kind"), values(plain, "chat"), strict=True) if k in people
    }
    assert distinct(coded, "chat", people) == distinct(plain, "chat", people) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_value, _value), max_size=30))
def test_fields_columns_codes_equal_generic_records(rows: list[tuple[Any, Any]]) -> None:
    """The fast path's coded columns build the records the generic path builds."""
    import msgspec

    fields = Fields(
        Message,
        ("Date",),
        {"chat": ("clean", ("Chat",)), "sender": ("strip", ("From", "Sender"))},
    )
    dicts = []
    for chat, sender in rows:
        d: dict[str, Any] = {"Date": "2024-01-02 03:04:05"}
        if chat is not None:
            d["Chat"] = chat
        if sender is not None:
            d["From"] = sender
        dicts.append(d)
    known = frozenset({"Date", "Chat", "From", "Sender"})
    items = msgspec.json.decode(msgspec.json.encode(dicts), type=list[fields.item_type(known)])
    run = fields.columns(items, known, "m", True)
    built = [run.record(i) for i in range(run.n)]
    assert built == [fields(d, f"m[{i}]") for i, d in enumerate(dicts)]
