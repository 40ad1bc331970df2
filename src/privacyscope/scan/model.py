"""Records captured by a scan (no I/O). Serialised with ``msgspec.to_builtins``."""

from __future__ import annotations

import msgspec

PHASES: tuple[str, ...] = ("no-interaction", "reject", "accept")
COOKIE_POLICIES: tuple[str, ...] = ("allow-third-party", "block-third-party")
SCHEMA_VERSION = 1


class CapturedRequest(msgspec.Struct, kw_only=True):
    id: int
    page_index: int
    url: str
    method: str
    resource_type: str
    #: seconds since the phase started
    t: float
    frame_url: str = ""
    post_data: str | None = None
    post_data_truncated: bool = False
    status: int | None = None
    failure: str | None = None
    after_consent_action: bool = False


class CookieObservation(msgspec.Struct, kw_only=True):
    """A cookie seen in the jar, in a request (sent) or in a response (set / blocked)."""

    name: str
    domain: str
    source: str  # "jar" | "sent" | "set" | "blocked-set" | "blocked-sent"
    url: str = ""
    party: str = ""  # "first" | "third"
    expires: float | None = None  # unix time, None = session cookie
    blocked_reasons: list[str] = msgspec.field(default_factory=list)
    value_sha256: str = ""


class ConsentLog(msgspec.Struct, kw_only=True):
    action: str  # "none" | "optOut" | "optIn"
    cmp: str | None = None
    method: str = ""  # "autoconsent" | "generic-text" | ""
    popup_found: bool = False
    result: bool | None = None
    page_index: int | None = None
    t: float | None = None
    messages: list[str] = msgspec.field(default_factory=list)


class PageVisit(msgspec.Struct, kw_only=True):
    index: int
    url: str
    phase: str
    status: str  # "ok" | "unreachable" | "timeout" | "error" | "skipped"
    detail: str = ""
    final_url: str = ""
    http_status: int | None = None
    network_idle: bool = False
    load_seconds: float = 0.0
    forms_filled: int = 0
    screenshot: str | None = None


class PhaseCapture(msgspec.Struct, kw_only=True):
    phase: str
    requests: list[CapturedRequest] = msgspec.field(default_factory=list)
    cookies: list[CookieObservation] = msgspec.field(default_factory=list)
    pages: list[PageVisit] = msgspec.field(default_factory=list)
    consent: ConsentLog = msgspec.field(default_factory=lambda: ConsentLog(action="none"))
    har: str | None = None
    console_errors: int = 0


class ScanSettings(msgspec.Struct, kw_only=True):
    url: str
    max_pages: int
    cookie_policy: str
    host_rules: str | None
    insecure: bool
    page_timeout: float
    scan_timeout: float
    idle_timeout: float
    consent_timeout: float
    fill_forms: bool
    screenshots: bool
    filter_lists: list[str]
    phases: list[str]
