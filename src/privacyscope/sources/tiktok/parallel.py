"""Read the biggest lists of a JSON export on two cores (see docs/adr/0007-two-cores.md).

msgspec holds the GIL, so threads cannot decode two lists at once. Before the walk, the
reader plans the sections worth it (watch history, logins, off-platform events, chats: each
a pure function from JSON text to column runs), hands the biggest share to a forked child
(which shares the export's bytes copy-on-write and sends its runs back pickled through a
pipe) and computes the rest itself. The walk then takes the prepared runs in export order,
so the records, refs and notes are exactly those of a one-core read.

Anything unusual (no ``fork``, one core, ``PRIVACYSCOPE_WORKERS=1``, a child that dies or
sends garbage) just leaves jobs uncomputed; the walk computes them as before.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

#: sections smaller than this are not worth a process
MIN_JOB_BYTES = 4 << 20
#: ``PRIVACYSCOPE_WORKERS=1`` reads on one core
ENV = "PRIVACYSCOPE_WORKERS"


@dataclass
class Job:
    key: str
    size: int
    run: Callable[[], Any]


def workers() -> int:
    """How many processes may read at once (1 or 2)."""
    if not hasattr(os, "fork") or threading.current_thread() is not threading.main_thread():
        return 1  # no fork from a server's worker thread: other threads may hold locks
    try:
        wanted = int(os.environ.get(ENV, "2"))
    except ValueError:
        wanted = 2
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return 2 if wanted >= 2 and cores >= 2 else 1


def partition(jobs: list[Job], child_extra: int = 0) -> tuple[list[Job], list[Job]]:
    """(ours, the child's): biggest first, each to the lighter side, the child first
    (``child_extra``: the child's work besides its jobs, in the unit of ``Job.size``)."""
    ours: list[Job] = []
    theirs: list[Job] = []
    load = [0, child_extra]  # ours, theirs
    for job in sorted(jobs, key=lambda j: -j.size):
        side = 1 if load[1] <= load[0] else 0
        (theirs if side else ours).append(job)
        load[side] += job.size
    return ours, theirs


def run_jobs(jobs: list[Job], child_extra: int = 0) -> dict[str, Any]:
    """The results of the jobs by key; {} when two cores would not help (the caller then
    computes lazily). A job that raises gives no result, so the caller meets the same error.
    ``child_extra``: see ``partition``."""
    if len(jobs) < 2 or sum(j.size for j in jobs) < 2 * MIN_JOB_BYTES or workers() < 2:
        return {}
    ours, theirs = partition(jobs, child_extra)
    read_end, write_end = os.pipe()
    _widen(write_end)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
        _child(partial(_run, theirs), read_end, write_end)
    os.close(write_end)
    try:
        results = _run(ours)
        with os.fdopen(read_end, "rb") as fh:
            data = fh.read()
        read_end = -1
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        if read_end >= 0:
            os.close(read_end)
        os.waitpid(pid, 0)
    try:
        sent = pickle.loads(data)
    except Exception:  # the child died (OOM, signal): its jobs are computed by the walk
        sent = {}
    if isinstance(sent, dict):
        results.update(sent)
    return results


def _widen(fd: int) -> None:
    """A 1 MB pipe where the system allows it (Linux): fewer round trips than 64 KB."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass


def _run(jobs: list[Job]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for job in jobs:
        try:
            out[job.key] = job.run()
        except Exception:  # the walk recomputes it and handles the error as usual
            continue
    return out


def _child(compute: Callable[[], Any], read_end: int, write_end: int) -> None:  # pragma: no cover
    code = 1
    try:
        gc.disable()  # a collection would touch (and so copy) every shared object
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.close(read_end)
        results = compute()
        with os.fdopen(write_end, "wb") as fh:
            pickle.dump(results, fh, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


class Background:
    """``compute()`` in a forked child while the caller goes on (``with Background(f) as b:
    ... b.result()``); without a second core, or if the child fails, ``result()`` computes it
    in the caller. Leaving the block without ``result()`` kills and reaps the child."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self.compute = compute
        self.pid = 0
        self.fd = -1

    def __enter__(self) -> Background:
        if workers() >= 2:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child
                _child(self.compute, read_end, write_end)
            os.close(write_end)
            self.pid, self.fd = pid, read_end
        return self

    def result(self) -> Any:
        if not self.pid:
            return self.compute()
        try:
            with os.fdopen(self.fd, "rb") as fh:
                self.fd = -1
                data = fh.read()
        finally:
            self._reap(kill=False)
        try:
            return pickle.loads(data)
        except Exception:  # the child died (OOM, signal): compute here
            return self.compute()

    def _reap(self, kill: bool) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.pid:
            if kill:
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0

    def __exit__(self, *exc: object) -> None:
        self._reap(kill=True)
