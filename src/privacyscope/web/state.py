"""Per-app state shared by the handlers: the store, the job manager and small caches of
immutable per-audit data (an audit's files never change once it is done)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import Request

from privacyscope.web.config import WebConfig
from privacyscope.web.jobs import JobManager
from privacyscope.web.store import AuditStore

T = TypeVar("T")


class LRU:
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                value: T = self._data[key]
                return value
        made = make()
        with self._lock:
            self._data[key] = made
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return made

    def drop(self, match: Callable[[Any], bool]) -> None:
        with self._lock:
            for key in [k for k in self._data if match(k)]:
                del self._data[key]


@dataclass
class WebState:
    config: WebConfig
    store: AuditStore
    jobs: JobManager
    cache: LRU = field(default_factory=LRU)

    def meta(self, audit_id: str) -> dict[str, Any]:
        try:
            meta = self.store.get(audit_id)
        except KeyError:
            meta = None
        if meta is None:
            raise HTTPException(404, "No such audit (it may have been deleted).")
        return meta

    def summary(self, audit_id: str) -> dict[str, Any]:
        path = self.store.folder(audit_id) / "dashboard.json"
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            raise HTTPException(404, "This audit has no results.") from None
        return self.cache.get(("summary", audit_id, mtime), lambda: orjson.loads(path.read_bytes()))

    def forget(self, audit_id: str) -> None:
        self.cache.drop(lambda k: isinstance(k, tuple) and len(k) > 1 and k[1] == audit_id)
        self.jobs.forget(audit_id)


def web(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state
