"""Large synthetic TikTok exports for the benchmark (G4 JSON layout, sizes selectable).

The small sections come from :mod:`privacyscope.sources.tiktok.synth`; the four huge lists (watch
history, logins, off-TikTok events, messages) are streamed to disk item by item, so a 1 GB export
is written with little memory. Proportions follow the issue's 1 GB heavy user: per MB of target
size 3,400 watch entries, 1,000 logins, 1,000 off-TikTok events and 800 messages (G4 lists the
off-TikTok events twice, as real G4 exports do).

    python -m bench.gen --mb 100 --out /tmp/tiktok_100mb.json
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from privacyscope.sources.tiktok import synth

PER_MB = {"watch": 3400, "logins": 1000, "off": 1000, "messages": 800}
_START = 1_700_000_000
_DEVICES = [("iPhone15,2", "iOS 17.4"), ("SM-S918B", "Android 14"), ("Pixel 8", "Android 14")]
_SOURCES = [f"Advertiser {i:03d} BV" for i in range(300)] + [str(10**9 + i) for i in range(200)]
_EVENTS = ["Pageview", "ViewContent", "AddToCart", "Checkout", "Purchase", "LaunchAPP"]


@dataclass(frozen=True)
class Counts:
    watch: int
    logins: int
    off: int
    messages: int

    @classmethod
    def for_mb(cls, mb: float) -> Counts:
        return cls(**{k: max(1, int(v * mb)) for k, v in PER_MB.items()})

    @property
    def records(self) -> int:
        return self.watch + self.logins + 2 * self.off + self.messages


class _Clock:
    """Fast ``YYYY-MM-DD HH:MM:SS`` strings for a decreasing sequence of epochs."""

    def __init__(self) -> None:
        self._days: dict[int, str] = {}

    def fmt(self, t: int) -> str:
        import datetime as dt

        day, rest = divmod(t, 86400)
        d = self._days.get(day)
        if d is None:
            d = self._days[day] = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()
        h, rest = divmod(rest, 3600)
        m, s = divmod(rest, 60)
        return f"{d} {h:02d}:{m:02d}:{s:02d}"


def _items(kind: str, n: int, r: random.Random, pad: str) -> Iterator[str]:
    clock = _Clock()
    t = _START
    ips = [f"203.0.113.{i}" for i in range(1, 200)] + [f"198.51.100.{i}" for i in range(1, 60)]
    ips += [f"2001:db8::{i:x}" for i in range(1, 40)] + ["8.8.8.8", "1.1.1.1", "9.9.9.9"]
    q = pad + "  "
    for i in range(n):
        t -= r.randint(8, 90) if kind == "watch" else r.randint(20, 120)
        date = clock.fmt(t)
        if kind == "watch":
            link = f"https://www.tiktokv.com/share/video/{7 * 10**18 + r.getrandbits(59)}/"
            body = f'{q}"Date": "{date}",\n{q}"Link": "{link}"'
        elif kind == "logins":
            model, system = _DEVICES[i % 3 if i % 7 else 0]
            body = (
                f'{q}"Date": "{date}",\n{q}"IP": "{r.choice(ips)}",\n'
                f'{q}"DeviceModel": "{model}",\n{q}"DeviceSystem": "{system}",\n'
                f'{q}"NetworkType": "{"Wi-Fi" if i % 3 else "4G"}",\n{q}"Carrier": ""'
            )
        elif kind == "off":
            body = (
                f'{q}"TimeStamp": "{date}",\n{q}"Source": "{r.choice(_SOURCES)}",\n'
                f'{q}"Event": "{r.choice(_EVENTS)}"'
            )
        else:
            sender = "me_example" if i % 2 else "friend"
            body = (
                f'{q}"Date": "{date}",\n{q}"From": "{sender}",\n'
                f'{q}"Content": "message {i} about the weekend"'
            )
        yield f"{pad}{{\n{body}\n{pad}}}"


def _write_list(out: IO[str], kind: str, n: int, r: random.Random, pad: str) -> None:
    first = True
    buf: list[str] = []
    for item in _items(kind, n, r, pad):
        buf.append(item if first else ",\n" + item)
        first = False
        if len(buf) >= 4096:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def generate(path: Path, mb: float, seed: int = 0) -> Counts:
    """Write a G4 ``user_data_tiktok.json`` of about ``mb`` megabytes; returns the counts."""
    counts = Counts.for_mb(mb)
    d = synth.build_data(seed)
    top = synth.build_json(d, "g4")
    act = top["Your Activity"]
    act["Watch History"]["VideoList"] = "@@watch@@"
    act["Login History"]["LoginHistoryList"] = "@@logins@@"
    act["Off TikTok Activity"]["OffTikTokActivityDataList"] = "@@off@@"
    top["Profile And Settings"]["Off TikTok Activity"]["OffTikTokActivityDataList"] = "@@off2@@"
    n_chats = max(3, counts.messages // 400)
    per_chat, rest = divmod(counts.messages, n_chats)
    top["Direct Message"]["Direct Messages"]["ChatHistory"] = {
        f"Chat History with friend_{c:05d}:": f"@@chat{c}@@" for c in range(n_chats)
    }
    text = json.dumps(top, ensure_ascii=False, indent=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        pos = 0
        while True:
            start = text.find('"@@', pos)
            if start < 0:
                out.write(text[pos:])
                break
            end = text.index('@@"', start) + 3
            tag = text[start + 3 : end - 3]
            line_start = text.rfind("\n", 0, start) + 1
            indent = len(text[line_start:start]) - len(text[line_start:start].lstrip())
            out.write(text[pos:start] + "[\n")
            kind = (
                "off" if tag.startswith("off") else ("messages" if tag.startswith("chat") else tag)
            )
            if kind == "messages":
                c = int(tag[4:])
                n = per_chat + (1 if c < rest else 0)
            else:
                n = getattr(counts, kind)
            rnd = random.Random(f"{seed}-{tag.rstrip('2')}")  # off2 repeats off, as in G4
            _write_list(out, kind, n, rnd, " " * (indent + 2))
            out.write("\n" + " " * indent + "]")
            pos = end
    tmp.replace(path)
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    c = generate(args.out, args.mb, args.seed)
    size = args.out.stat().st_size
    print(f"{args.out}: {size / 1e6:.1f} MB, {c.records:,} records of the big lists ({c})")


if __name__ == "__main__":
    main()
