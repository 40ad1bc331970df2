"""One benchmark approach per process: ``python -m bench.approaches NAME FILE``.

The parent (``python -m bench``) measures wall time and the child's peak RSS (``os.wait4``);
the child prints one JSON line with what it counted, so every approach provably did the work.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import msgspec

BIG = {
    "Watch History": "VideoList",
    "Login History": "LoginHistoryList",
    "Off TikTok Activity": "OffTikTokActivityDataList",
}


def _count_tree(top: dict[str, Any]) -> int:
    n = 0
    for cat in top.values():
        if not isinstance(cat, dict):
            continue
        for name, sec in cat.items():
            if name in BIG and isinstance(sec, dict):
                n += len(sec.get(BIG[name]) or [])
            elif name == "Direct Messages" and isinstance(sec, dict):
                n += sum(len(v) for v in (sec.get("ChatHistory") or {}).values())
    return n


class Watch(msgspec.Struct, gc=False):
    Date: str = ""


class Login(msgspec.Struct, gc=False):
    Date: str = ""
    IP: str = ""
    DeviceModel: str = ""


class Off(msgspec.Struct, gc=False):
    TimeStamp: str = ""
    Source: str = ""
    Event: str = ""


class Msg(msgspec.Struct, gc=False):
    Date: str = ""
    From: str = ""


class WatchSec(msgspec.Struct, gc=False):
    VideoList: list[Watch] = []


class LoginSec(msgspec.Struct, gc=False):
    LoginHistoryList: list[Login] = []


class OffSec(msgspec.Struct, gc=False):
    OffTikTokActivityDataList: list[Off] = []


class Chats(msgspec.Struct, gc=False):
    ChatHistory: dict[str, list[Msg]] = {}


def orjson_count(path: Path) -> dict[str, Any]:
    import orjson

    top = orjson.loads(path.read_bytes())
    return {"records": _count_tree(top)}


def json_rleapp(path: Path) -> dict[str, Any]:
    """RLEAPP-style: json.loads, then one tuple per record for the report table."""
    top = json.loads(path.read_bytes())
    rows: list[tuple[Any, ...]] = []
    for cat in top.values():
        for name, sec in cat.items() if isinstance(cat, dict) else ():
            if name in BIG and isinstance(sec, dict):
                rows.extend(tuple(r.values()) for r in sec.get(BIG[name]) or [])
            elif name == "Direct Messages" and isinstance(sec, dict):
                for chat, msgs in (sec.get("ChatHistory") or {}).items():
                    rows.extend((chat, *m.values()) for m in msgs)
    return {"records": len(rows)}


def pandas_frames(path: Path) -> dict[str, Any]:
    import pandas as pd

    top = json.loads(path.read_bytes())
    n = 0
    for cat in top.values():
        for name, sec in cat.items() if isinstance(cat, dict) else ():
            if name in BIG and isinstance(sec, dict):
                n += len(pd.DataFrame(sec.get(BIG[name]) or []))
    return {"records": n}


def ijson_pass(path: Path) -> dict[str, Any]:
    import ijson

    n = 0
    with open(path, "rb") as fh:
        for _prefix, event, _value in ijson.parse(fh, buf_size=16 * 1024):
            if event == "start_map":
                n += 1
    return {"maps": n, "backend": ijson.backend}


def msgspec_structs(path: Path) -> dict[str, Any]:
    spec = {
        "Watch History": WatchSec,
        "Login History": LoginSec,
        "Off TikTok Activity": OffSec,
        "Direct Messages": Chats,
    }
    top = msgspec.json.decode(path.read_bytes(), type=dict[str, dict[str, msgspec.Raw]])
    n = 0
    for cat in top.values():
        for name, raw in cat.items():
            t = spec.get(name)
            if t is None:
                continue
            v = msgspec.json.decode(raw, type=t)
            if isinstance(v, Chats):
                n += sum(len(x) for x in v.ChatHistory.values())
            else:
                n += len(next(iter(msgspec.structs.astuple(v))))
    return {"records": n}


def audit_cli(path: Path, *extra: str) -> dict[str, Any]:
    import tempfile

    from privacyscope.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        try:
            main(["audit", str(path), "-q", "--json", str(Path(tmp) / "r.json"), *extra])
        except SystemExit as exc:
            if exc.code:
                raise
        report = json.loads((Path(tmp) / "r.json").read_bytes())
    c = report["counts"]
    return {"records": c["watch_history"] + c["logins"] + c["off_platform_events"] + c["messages"]}


def audit_db(path: Path) -> dict[str, Any]:
    """The audit with all fields, then the SQLite output alone, timed."""
    import tempfile

    from privacyscope.audit import run_audit
    from privacyscope.store import sqlite

    result = run_audit(path)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        rows = sqlite.write(result, Path(tmp) / "a.db", metadata=False)
        dt = time.perf_counter() - t
    n = sum(rows.values())
    return {"records": n, "db_seconds": round(dt, 3), "db_records_per_s": round(n / dt)}


def audit_low_memory(path: Path) -> dict[str, Any]:
    return audit_cli(path, "--low-memory")


APPROACHES = {
    "audit": audit_cli,
    "audit_lowmem": audit_low_memory,
    "audit_db": audit_db,
    "orjson": orjson_count,
    "json_rleapp": json_rleapp,
    "pandas": pandas_frames,
    "ijson": ijson_pass,
    "msgspec": msgspec_structs,
}


def main() -> None:
    name, path = sys.argv[1], Path(sys.argv[2])
    t = time.perf_counter()
    out = APPROACHES[name](path)
    out["inner_seconds"] = round(time.perf_counter() - t, 3)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
