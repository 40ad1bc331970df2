"""Turn captured phases into the per-vendor, per-phase summary and the verdict.

Four levels per vendor and phase: script fetched, event sent, identifier cookie set or sent,
hashed personal data sent. A request counts as sent unless it failed before reaching a server
(name not resolved, connection refused, blocked by the client).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from privacyscope.scan.canary import CanaryIndex
from privacyscope.scan.classify import Classifier
from privacyscope.scan.consent import GENERIC_CMP
from privacyscope.scan.model import PHASES, SCHEMA_VERSION, CapturedRequest, PhaseCapture
from privacyscope.scan.runner import ScanRun
from privacyscope.scan.sites import party, site_of, site_of_url
from privacyscope.scan.vendors import VENDORS, RequestView, Vendor

LEVELS = ("script_fetched", "event_sent", "identifier_cookie", "hashed_pii")
LEVEL_TEXT = {
    0: "nothing observed",
    1: "script fetched (visitor IP address and browser details exposed)",
    2: "events sent",
    3: "identifier cookie set or sent",
    4: "hashed personal data sent",
}
_NOT_SENT = (
    "ERR_NAME_NOT_RESOLVED",
    "ERR_CONNECTION_REFUSED",
    "ERR_BLOCKED_BY_CLIENT",
    "ERR_ADDRESS_UNREACHABLE",
    "ERR_NAME_RESOLUTION_FAILED",
    "ERR_CERT",
    "ERR_SSL",
    "ERR_BLOCKED_BY_ADMINISTRATOR",
    "ERR_INTERNET_DISCONNECTED",
)


def reached_server(req: CapturedRequest) -> bool:
    if req.status is not None:
        return True
    failure = req.failure or ""
    return not any(code in failure for code in _NOT_SENT)


def _view(req: CapturedRequest) -> RequestView:
    body = None
    if req.post_data is not None:
        try:
            body = req.post_data.encode("utf-8")
        except UnicodeEncodeError:
            body = req.post_data.encode("latin-1", errors="replace")
    return RequestView(url=req.url, method=req.method, body=body)


def _empty_cell() -> dict[str, Any]:
    return {
        "script_fetched": False,
        "event_sent": False,
        "identifier_cookie": False,
        "hashed_pii": False,
        "details": {
            "scripts": [],
            "events": [],
            "pixel_ids": [],
            "page_urls": [],
            "consent_signals": [],
            "payload_identifiers": [],
            "cookies": [],
            "blocked_cookies": [],
            "identifier_fields": [],
            "canary_matches": [],
            "requests": 0,
            "failed_requests": 0,
            "before_consent_action": False,
        },
    }


def _add(lst: list[Any], item: Any, limit: int = 50) -> None:
    if item not in lst and len(lst) < limit:
        lst.append(item)


def vendor_cell(
    vendor: Vendor, capture: PhaseCapture, page_site: str, canaries: CanaryIndex
) -> dict[str, Any]:
    cell = _empty_cell()
    d = cell["details"]
    consent_t = None if capture.consent.t is None else capture.consent.t
    for req in capture.requests:
        host = (urlsplit(req.url).hostname or "").lower()
        if not vendor.owns_host(host):
            continue
        d["requests"] += 1
        if not reached_server(req):
            d["failed_requests"] += 1
            continue
        before = consent_t is None or req.t < consent_t
        view = _view(req)
        if vendor.is_script(view):
            cell["script_fetched"] = True
            _add(d["scripts"], req.url.split("?")[0])
            pid = vendor.script_pixel_id(view)
            if pid:
                _add(d["pixel_ids"], pid)
            d["before_consent_action"] |= before
        events = vendor.events(view)
        for ev in events:
            cell["event_sent"] = True
            d["before_consent_action"] |= before
            _add(d["events"], ev.event)
            if ev.pixel_id:
                _add(d["pixel_ids"], ev.pixel_id)
            if ev.page_url:
                _add(d["page_urls"], ev.page_url)
            for key, value in ev.consent.items():
                _add(d["consent_signals"], f"{key}={value}")
            for key in ev.identifiers:
                _add(d["payload_identifiers"], key)
            for key in ev.pii:
                cell["hashed_pii"] = True
                _add(d["identifier_fields"], key)
        for match in canaries.search(req.url, req.post_data):
            cell["hashed_pii"] = True
            _add(d["identifier_fields"], match.field)
            _add(
                d["canary_matches"],
                {
                    "field": match.field,
                    "encoding": match.encoding,
                    "where": match.where,
                    "url": req.url[:200],
                },
            )
    for obs in capture.cookies:
        sig = vendor.cookie(obs.name)
        if sig is None:
            continue
        domain = obs.domain or (urlsplit(obs.url).hostname or "")
        if not domain:
            continue
        cookie_party = party(domain, page_site)
        # a first-party-style name on the site's domain, or any vendor cookie on vendor hosts
        if not (
            vendor.owns_host(domain.lstrip(".")) or (sig.first_party and cookie_party == "first")
        ):
            continue
        row: dict[str, Any] = {
            "name": obs.name,
            "domain": domain,
            "party": cookie_party,
            "source": obs.source,
            "expires": obs.expires,
        }
        if obs.source.startswith("blocked"):
            row["blocked_reasons"] = obs.blocked_reasons
            _add(d["blocked_cookies"], row)
            continue
        cell["identifier_cookie"] = True
        _add(d["cookies"], row)
    return cell


def cell_level(cell: dict[str, Any]) -> int:
    level = 0
    for i, key in enumerate(LEVELS, start=1):
        if cell[key]:
            level = i
    return level


def consent_platform(phases: list[PhaseCapture]) -> str | None:
    names = [p.consent.cmp for p in phases if p.consent.cmp]
    for name in names:
        if name != GENERIC_CMP:
            return name
    return names[0] if names else None


def verdict(vendors: dict[str, dict[str, dict[str, Any]]], platform: str | None) -> dict[str, Any]:
    """Worst behaviour without consent, per vendor and overall.

    Without a banner nothing can be consented to, so every phase counts as pre-consent.
    """
    pre = ["no-interaction", "reject"] + ([] if platform else ["accept"])
    per_vendor: dict[str, Any] = {}
    worst = 0
    for vid, cells in vendors.items():
        level, where = 0, None
        for phase in pre:
            cell = cells.get(phase)
            if cell is None:
                continue
            lv = cell_level(cell)
            if lv > level:
                level, where = lv, phase
        after = max((cell_level(c) for ph, c in cells.items() if ph == "accept"), default=0)
        per_vendor[vid] = {
            "level": level,
            "text": LEVEL_TEXT[level],
            "phase": where,
            "after_accept_level": after,
        }
        worst = max(worst, level)
    offenders = [vid for vid, v in per_vendor.items() if v["level"] == worst and worst > 0]
    if worst == 0:
        summary = "No tracking by the known vendors without consent."
    else:
        phase_note = (
            "before any consent"
            if not platform
            else "without consent (no interaction or after reject)"
        )
        summary = f"{', '.join(offenders)}: {LEVEL_TEXT[worst]} {phase_note}."
    return {
        "level": worst,
        "text": LEVEL_TEXT[worst],
        "summary": summary,
        "vendors": per_vendor,
        "pre_consent_phases": pre,
    }


def summarise(run: ScanRun, classifier: Classifier) -> dict[str, Any]:
    """The machine-readable summary (also the top level of scan.json)."""
    settings = run.settings
    page_site = site_of_url(settings.url)
    canaries = CanaryIndex.build(run.canary)
    vendors: dict[str, dict[str, Any]] = {}
    for vendor in VENDORS:
        vendors[vendor.id] = {
            cap.phase: vendor_cell(vendor, cap, page_site, canaries) for cap in run.phases
        }
    platform = consent_platform(run.phases)
    pages = []
    for cap in run.phases:
        for visit in cap.pages:
            pages.append(
                {
                    "phase": cap.phase,
                    "index": visit.index,
                    "url": visit.url,
                    "status": visit.status,
                    "detail": visit.detail,
                    "final_url": visit.final_url,
                    "http_status": visit.http_status,
                    "network_idle": visit.network_idle,
                    "seconds": visit.load_seconds,
                    "forms_filled": visit.forms_filled,
                    "screenshot": visit.screenshot,
                }
            )
    trackers = {}
    other_pii = {}
    for cap in run.phases:
        rows = classifier.classify(
            (
                (r.url, r.frame_url or settings.url, r.resource_type)
                for r in cap.requests
                if reached_server(r)
            ),
            page_site,
        )
        trackers[cap.phase] = [
            {
                "host": r.host,
                "site": r.site,
                "category": r.category,
                "rule": r.rule,
                "list": r.list_name,
                "requests": r.requests,
                "example_url": r.example_url[:300],
            }
            for r in rows
        ]
        leaks: list[dict[str, str]] = []
        for req in cap.requests:
            host = (urlsplit(req.url).hostname or "").lower()
            if site_of(host) == page_site or any(v.owns_host(host) for v in VENDORS):
                continue
            for m in canaries.search(req.url, req.post_data):
                _add(
                    leaks,
                    {"host": host, "field": m.field, "encoding": m.encoding, "where": m.where},
                )
        other_pii[cap.phase] = leaks
    return {
        "schema_version": SCHEMA_VERSION,
        "url": settings.url,
        "cookie_policy": settings.cookie_policy,
        "consent_platform": platform,
        "vendors": vendors,
        "pages": pages,
        "verdict": verdict(vendors, platform),
        "phases": [p for p in PHASES if p in settings.phases],
        "other_third_parties": trackers,
        "other_pii_leaks": other_pii,
        "filter_lists": classifier.loaded,
    }
