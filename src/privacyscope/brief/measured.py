"""Claims section and the user's own measurements (website scan, business-account audit)."""

from __future__ import annotations

import re
from typing import Any

from privacyscope.brief.inputs import (
    BEFORE_CONSENT,
    LEVEL_NAMES,
    VENDOR_NAMES,
    AuditInput,
    ScanInput,
    text_of,
)
from privacyscope.brief.model import Group, Section, Statement, StatementFactory
from privacyscope.facts import PLATFORM_NAMES
from privacyscope.facts.schema import Claim

#: keyword in an audit claim id -> knowledge-base claim id
CLAIM_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("location", "claim-location-30s"),
    ("tracker", "claim-browser-trackers"),
    ("browser", "claim-browser-trackers"),
    ("personali", "claim-personalised-ads-forced"),
    ("ads", "claim-personalised-ads-forced"),
    ("public", "claim-public-by-default"),
    ("download", "claim-downloadable"),
    ("china", "claim-china-access"),
    ("ban", "claim-bans"),
)
#: fact tags that explain what a vendor's pixel sends (used to tie measurements to facts)
PIXEL_TAGS = frozenset({"pixel", "events-api", "advanced-matching", "cookies"})


def match_claim(audit_claim_id: str, known: set[str]) -> str | None:
    key = audit_claim_id.strip().lower()
    norm = re.sub(r"^claims?[-._]", "", key)
    for cid in known:
        if norm == cid.removeprefix("claim-") or key == cid:
            return cid
    for word, cid in CLAIM_KEYWORDS:
        if word in norm and cid in known:
            return cid
    return None


def _audit_claim_statement(
    sf: StatementFactory, audit: AuditInput, raw: dict[str, Any]
) -> Statement:
    verdict = text_of(raw.get("verdict"), 60) or "no verdict"
    text = f"Measured on your account: {verdict}."
    explanation = text_of(raw.get("explanation"), 400)
    if explanation:
        text += f" {explanation}"
    return sf.measured(
        text,
        {"input": "audit", "file": audit.path, "claim_id": text_of(raw.get("id"), 80)},
        fields={"verdict": verdict},
    )


def claims(sf: StatementFactory, platform: str, audit: AuditInput | None) -> Section | None:
    known: list[Claim] = sf.kb.claims_for(platform)
    if not known:
        return None
    section = Section(
        "claims",
        "The popular claims: what the sources say today",
        "Each claim with the facts that bear on it"
        + (" and, where the audit checked it, what your own account shows." if audit else "."),
    )
    by_id: dict[str, Group] = {}
    for claim in known:
        group = Group(claim.id, f"“{claim.claim}”")
        group.statements.append(
            sf.derived(f"What the sources say: {claim.context}", list(claim.facts))
        )
        section.groups.append(group)
        by_id[claim.id] = group
    if audit is not None and audit.platform in ("", platform):
        for raw in audit.claims:
            target = match_claim(text_of(raw.get("id"), 80), set(by_id))
            if target is not None:
                by_id[target].statements.append(_audit_claim_statement(sf, audit, raw))
    return section


def _pixel_fact_ids(sf: StatementFactory, platform: str) -> list[str]:
    return [f.id for f in sf.kb.for_platform(platform, "defaults") if PIXEL_TAGS & set(f.tags)]


def scan_group(sf: StatementFactory, platform: str, scan: ScanInput) -> Group:
    group = Group(
        "scan",
        "Your website scan",
        attrs={
            "url": scan.url,
            "cookie_policy": scan.cookie_policy,
            "consent_platform": scan.consent_platform or "none detected",
        },
    )
    if not scan.observations:
        group.statements.append(
            sf.measured(
                "The scan recorded no known advertising pixel.",
                {"input": "scan", "file": scan.path},
            )
        )
        return group
    vendors = sorted(
        {o.vendor for o in scan.observations}, key=lambda v: (v not in VENDOR_NAMES, v)
    )
    for vendor in vendors:
        name = VENDOR_NAMES.get(vendor, vendor)
        fact_ids = _pixel_fact_ids(sf, "tiktok") if vendor == "tiktok" else []
        for obs in scan.for_vendor(vendor):
            if obs.levels:
                levels = "; ".join(LEVEL_NAMES[level] for level in obs.levels)
                when = {
                    "no-interaction": "before any consent choice",
                    "reject": "after the visitor rejected consent",
                    "accept": "after the visitor accepted",
                }[obs.state]
                text = f"{name} {when}: {levels}."
            else:
                text = f"{name} ({obs.state}): nothing observed at any of the four levels."
            details = text_of(obs.details, 400) if obs.details else ""
            group.statements.append(
                sf.measured(
                    text,
                    {"input": "scan", "file": scan.path, "vendor": vendor, "state": obs.state},
                    fact_ids,
                    fields={
                        "vendor": name,
                        "state": obs.state,
                        "before_consent": "yes"
                        if obs.state in BEFORE_CONSENT and obs.levels
                        else "no",
                        "levels": ", ".join(obs.levels) or "none",
                        "details": details,
                    },
                )
            )
    return group


def audit_group(sf: StatementFactory, platform: str, audit: AuditInput) -> Group:
    title = "Your business-account audit"
    if audit.platform and audit.platform != platform:
        title += f" (export of {PLATFORM_NAMES.get(audit.platform, audit.platform)})"
    period = audit.period
    group = Group(
        "audit",
        title,
        attrs={
            "period": f"{period.get('first', '?')} to {period.get('last', '?')}" if period else ""
        },
    )
    present = audit.present
    if not present:
        group.statements.append(
            sf.measured(
                f"The audit reported no present findings ({len(audit.findings)} checked).",
                {"input": "audit", "file": audit.path},
            )
        )
    for raw in present:
        severity = text_of(raw.get("severity"), 10) or "info"
        title_text = text_of(raw.get("title"), 200) or text_of(raw.get("id"), 80)
        remediation = text_of(raw.get("remediation"), 600)
        group.statements.append(
            sf.measured(
                f"Measured on your account: {title_text}.",
                {"input": "audit", "file": audit.path, "finding_id": text_of(raw.get("id"), 80)},
                fields={"severity": severity, "remediation": remediation},
            )
        )
    return group


def measured(
    sf: StatementFactory, platform: str, scan: ScanInput | None, audit: AuditInput | None
) -> Section | None:
    if scan is None and audit is None:
        return None
    section = Section(
        "measured",
        "Measured on your own site and account",
        "Results of `privacyscope scan` and `privacyscope audit` supplied with this brief.",
    )
    if scan is not None:
        section.groups.append(scan_group(sf, platform, scan))
    if audit is not None:
        section.groups.append(audit_group(sf, platform, audit))
    return section
