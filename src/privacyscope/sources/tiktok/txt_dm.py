"""Direct messages of a TXT export, read column-wise with numpy.

``Direct Messages.txt`` is a header line per chat (``>>> Chat History with <name>::``) followed
by one line per message, ``YYYY-MM-DD HH:MM:SS UTC <sender>: <text>``. The reference reader
(``txt_reference.read_dm_file``) matches ``_DM_LINE`` on every line in Python. Here the lines of
a piece of text are found and checked with numpy on its bytes: a line is a *plain* message if
its first 19 bytes are an ASCII date, then `` UTC `` (or one space without it), and a ``": "``
follows at least one byte later. Those lines are cut into date, sender and text by rewriting
the separators to "\\n" and dropping the rest (one ``bytes.decode`` and one ``str.split`` per
piece). Every other line (headers, blank lines, continued text, anything unusual) is handled
one by one exactly as the reference does, including ``_DM_LINE`` itself, so the chats are the
reference's:

* ``(?: UTC)? (.+?): (.*)$`` takes the first ``": "`` at least one character into the sender;
  a ``": "`` cannot start inside a multi-byte UTF-8 character, so bytes give the same place;
  when the only ``": "`` comes right after `` UTC `` the regex backtracks: not plain;
* ``\\d`` also matches non-ASCII digits: such lines are not plain, the regex decides.
"""

from __future__ import annotations

import numpy as np

from privacyscope.sources.tiktok.txt_specs import _DM_HEADER, _DM_LINE

#: bytes of text handled at once (cut after a line end)
PIECE = 1 << 20
#: the date: 1 = digit, else the byte itself
_DATE = np.frombuffer(b"\x01\x01\x01\x01-\x01\x01-\x01\x01 \x01\x01:\x01\x01:\x01\x01", np.uint8)
_UTC = np.frombuffer(b" UTC ", np.uint8)
_DIGIT = _DATE == 1
#: line breaks of ``str.splitlines`` other than "\n" (the reference splits there too)
BREAKS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")
BREAKS_NON_ASCII = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")

Chat = tuple[list[str], list[str], list[str]]


def chats(body: bytes) -> dict[str, Chat] | None:
    """Chats (dates, senders, texts) keyed ``Chat History with <name>:``, in the order the
    reference builds them; None if the text holds line breaks other than "\\n" / "\\r\\n"."""
    if b"\r" in body:
        body = body.replace(b"\r\n", b"\n")
    if any(b in body for b in BREAKS):
        return None
    if not body.isascii() and any(b in body for b in BREAKS_NON_ASCII):
        return None
    if not body.endswith(b"\n"):
        body += b"\n"
    out: dict[str, Chat] = {}
    state: list[Chat | None] = [None]
    pos, n = 0, len(body)
    while pos < n:
        cut = body.find(b"\n", pos + PIECE)
        end = n if cut < 0 else cut + 1
        _piece(body[pos:end], out, state)
        pos = end
    return out


def _piece(piece: bytes, out: dict[str, Chat], state: list[Chat | None]) -> None:
    """Add the messages of ``piece`` (whole lines) to ``out``; ``state[0]``: the current chat."""
    arr = np.frombuffer(piece, np.uint8)
    ends = np.flatnonzero(arr == 10)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    lens = ends - starts
    # the first 24 bytes of each line (date, then " UTC " or " "; past its end: length-checked)
    padded = np.concatenate((arr, np.zeros(24, np.uint8)))
    g = np.lib.stride_tricks.sliding_window_view(padded, 24)[starts]
    digits = (g[:, :19] - 48 < 10)[:, _DIGIT].all(axis=1)
    seps = (g[:, :19] == _DATE)[:, ~_DIGIT].all(axis=1)
    utc = (g[:, 19:24] == _UTC).all(axis=1) & (lens >= 24)
    plain = digits & seps & (lens >= 19) & (g[:, 19] == 32) & (lens >= 20)
    rest = starts + np.where(utc, 24, 20)
    # the first ": " at least one byte into the sender, before the line end
    colon = np.append(np.flatnonzero((arr[:-1] == 58) & (arr[1:] == 32)), len(arr))
    at = colon[np.minimum(np.searchsorted(colon, rest + 1), len(colon) - 1)]  # none: len(arr)
    plain &= at < ends
    # plain lines -> "date\nsender\ntext\n"; other lines are dropped (handled one by one)
    keep = np.repeat(plain, lens + 1)
    p = np.flatnonzero(plain)
    ps, pa = starts[p], at[p]
    buf = arr.copy()
    buf[ps + 19] = 10
    buf[pa] = 10
    keep[pa + 1] = False
    u = ps[utc[p]]
    for j in range(20, 24):
        keep[u + j] = False
    tokens = buf[keep].tobytes().decode("utf-8").split("\n")
    dates, senders, texts = tokens[0:-1:3], tokens[1:-1:3], tokens[2:-1:3]
    # walk the other lines in order; plain lines between them go to the current chat
    others = np.flatnonzero(~plain).tolist()
    done = 0  # plain lines taken
    prev = 0  # line after the previous other line
    current = state[0]
    for i in [*others, len(lens)]:
        m = i - prev  # plain lines before line i
        if m and current is not None:
            current[0].extend(dates[done : done + m])
            current[1].extend(senders[done : done + m])
            current[2].extend(texts[done : done + m])
        done += m
        prev = i + 1
        if i == len(lens):
            break
        line = piece[starts[i] : ends[i]].decode("utf-8")
        current = _other_line(line, current, out)
    state[0] = current


def _other_line(line: str, current: Chat | None, out: dict[str, Chat]) -> Chat | None:
    """One line as ``txt_reference.read_dm_file`` reads it; returns the current chat."""
    h = _DM_HEADER.match(line.strip())
    if h:
        return out.setdefault(f"Chat History with {h.group(1)}:", ([], [], []))
    if current is None:
        return None
    m = _DM_LINE.match(line)
    if m:
        current[0].append(m.group(1))
        current[1].append(m.group(2))
        current[2].append(m.group(3))
    elif line.strip() and current[2]:
        current[2][-1] = f"{current[2][-1]}\n{line}"
    return current
