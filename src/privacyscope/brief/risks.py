"""Risk register for a marketing decision: the project's own guidance, each risk resting on facts.

A rule is a static literal: which fact tags it rests on, which measurements raise it, and the
safeguards. Scoring (documented in docs/brief.md):

- likelihood: ``high`` when your own scan/audit shows the risk (measured); ``low`` when a scan was
  given and shows the risk absent (scan-based risks only); otherwise ``medium`` when sourced facts
  about the platform itself concern the risk, ``low`` when only facts about peers do.
- impact: ``high`` when an authority has fined or ordered the platform (or, failing that, a peer)
  on this topic; ``medium`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacyscope.brief.inputs import BEFORE_CONSENT, VENDOR_NAMES, AuditInput, ScanInput
from privacyscope.brief.model import Group, Section, Statement, StatementFactory
from privacyscope.brief.money import amount_text
from privacyscope.facts import PLATFORM_NAMES, PLATFORMS
from privacyscope.facts.schema import PENDING_STATUS, Fact


@dataclass(frozen=True)
class RiskRule:
    id: str
    title: str
    tags: frozenset[str]
    safeguards: tuple[str, ...]
    scan_signal: str | None = None  # "before-consent" | "hashed-pii"
    audit_signal: bool = False  # present high/medium audit findings raise it
    pending_only: bool = False  # rests on pending/appealed regulatory cases


RULES: tuple[RiskRule, ...] = (
    RiskRule(
        "risk.pixel-consent",
        "Tracking pixel loads or fires before consent (ePrivacy / GDPR consent)",
        frozenset({"pixel", "cookies"}),
        (
            "Gate the pixel behind consent: load no vendor script before an opt-in (fetching the "
            "script alone already exposes the visitor's IP address and user agent).",
            "Make refusing as easy as accepting, and name the vendor, purposes and cookie "
            "lifetimes in the cookie notice.",
            "Re-run `privacyscope scan` after each site release; the 'no interaction' and "
            "'reject' columns must stay empty.",
            "Keep the pixel off sensitive pages (health, finance, children, account pages).",
        ),
        scan_signal="before-consent",
    ),
    RiskRule(
        "risk.advanced-matching",
        "Hashed customer e-mails / phone numbers sent to the platform "
        "(advanced matching, Events API)",
        frozenset({"advanced-matching", "events-api"}),
        (
            "No automatic advanced matching without consent; send hashed identifiers only for "
            "visitors who opted in.",
            "Put a data processing / joint controller agreement in place for the pixel and "
            "Events API, and describe the sharing in the privacy notice.",
            "Treat hashed e-mail and phone as personal data: hashing is pseudonymisation.",
            "Send only the event parameters you need (no free-text form fields, no search terms).",
        ),
        scan_signal="hashed-pii",
    ),
    RiskRule(
        "risk.transfers",
        "International transfers and access to data from third countries",
        frozenset({"transfer", "access", "government-access", "storage", "scc", "dpf"}),
        (
            "Record the platform's transfer mechanism (DPF certification or SCCs) in your records "
            "of processing and transfer impact assessment.",
            "Do not upload customer lists or CRM data without a documented legal basis and "
            "transfer assessment.",
            "Use the account for public marketing content only; keep confidential business "
            "matters out of direct messages.",
        ),
    ),
    RiskRule(
        "risk.children",
        "Children's data and content featuring minors",
        frozenset({"children", "minors"}),
        (
            "No content featuring minors.",
            "Exclude under-18s from ad targeting; no profiling-based ads to minors.",
            "Moderate comments and turn off duet/stitch/download on content showing people.",
        ),
    ),
    RiskRule(
        "risk.ads-legal-basis",
        "Legal basis for personalised advertising",
        frozenset({"ads-legal-basis", "ads-personalisation"}),
        (
            "Target EU/EEA audiences only through consent-based personalisation.",
            "Avoid targeting on sensitive categories and document each audience definition.",
        ),
    ),
    RiskRule(
        "risk.availability",
        "Platform availability: national bans, divestiture and outages",
        frozenset({"nationwide", "subnational", "us-jv"}),
        (
            "Do not make the platform your only channel to customers in any market.",
            "Keep master copies of content and audience insights outside the platform.",
            "Agree exit and notice terms with agencies and creators.",
        ),
    ),
    RiskRule(
        "risk.device-policy",
        "Company devices and clients' device restrictions",
        frozenset({"government-devices"}),
        (
            "Run the business account from a dedicated device or managed work profile, not from "
            "devices holding confidential data.",
            "Check whether public-sector clients restrict the app on devices that reach their "
            "systems.",
        ),
    ),
    RiskRule(
        "risk.account-exposure",
        "Business-account exposure (public content, downloads, in-app browser, access control)",
        frozenset({"visibility", "downloads", "in-app-browser"}),
        (
            "Review account exposure settings: downloads, duet/stitch, comments, mentions and "
            "account suggestions.",
            "Enable two-step verification; give each staff member their own role instead of "
            "sharing a password.",
            "Open external links for work in a normal browser rather than the in-app browser.",
        ),
        audit_signal=True,
    ),
    RiskRule(
        "risk.regulatory-scrutiny",
        "Ongoing regulatory scrutiny: pending cases and appeals",
        frozenset(),
        (
            "Name an owner to follow the pending cases listed here and re-generate this brief "
            "before renewing campaigns or contracts.",
            "Plan for outcomes that change data flows or features (e.g. suspension orders).",
        ),
        pending_only=True,
    ),
)


def _facts_for(rule: RiskRule, facts: list[Fact]) -> list[Fact]:
    if rule.pending_only:
        return [f for f in facts if f.action is not None and f.action.status in PENDING_STATUS]
    return [f for f in facts if rule.tags & set(f.tags)]


def _enforcement(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.action is not None and f.action.kind in ("fine", "settlement")]


def _scan_reasoning(
    sf: StatementFactory, rule: RiskRule, platform: str, scan: ScanInput, ids: list[str]
) -> tuple[str, Statement] | None:
    name = PLATFORM_NAMES[platform]
    if rule.scan_signal == "before-consent":
        hits = scan.before_consent(platform)
        what, absent = "loaded or fired before consent", "load or fire before consent"
    elif rule.scan_signal == "hashed-pii":
        hits = scan.any_level(platform, "hashed_pii")
        what, absent = "sent hashed personal data", "send hashed personal data"
    else:
        return None
    evidence = {"input": "scan", "file": scan.path, "signal": rule.scan_signal}
    if not scan.vendors_for(platform):
        text = f"Your scan did not record the {name} pixel on {scan.url or 'the site'}."
        return "low", sf.measured(text, evidence, ids)
    if hits:
        vendor = VENDOR_NAMES.get(hits[0].vendor, hits[0].vendor)
        states = ", ".join(sorted({h.state for h in hits}))
        levels = ", ".join(sorted({lv for h in hits for lv in h.levels}))
        consent = any(h.state in BEFORE_CONSENT for h in hits)
        text = (
            f"Likelihood high (measured): the {vendor} {what} on your site "
            f"(states: {states}; levels: {levels})."
        )
        return (
            "high" if consent or rule.scan_signal == "before-consent" else "medium"
        ), sf.measured(text, evidence, ids)
    text = f"Likelihood low (measured): your scan found the {name} pixel did not {absent}."
    return "low", sf.measured(text, evidence, ids)


def _audit_reasoning(
    sf: StatementFactory, platform: str, audit: AuditInput, ids: list[str]
) -> tuple[str, Statement] | None:
    if audit.platform and audit.platform != platform:
        return None
    serious = [f for f in audit.present if f.get("severity") in ("high", "medium")]
    evidence = {
        "input": "audit",
        "file": audit.path,
        "finding_ids": [str(f.get("id")) for f in serious],
    }
    if serious:
        titles = "; ".join(str(f.get("title") or f.get("id")) for f in serious[:4])
        return "high", sf.measured(
            f"Likelihood high (measured on your account): {titles}.", evidence, ids
        )
    return "low", sf.measured(
        "Likelihood low (measured): the audit found no high or medium exposure issues.",
        evidence,
        ids,
    )


def evaluate(
    sf: StatementFactory,
    rule: RiskRule,
    platform: str,
    scan: ScanInput | None,
    audit: AuditInput | None,
) -> Group | None:
    name = PLATFORM_NAMES[platform]
    own = _facts_for(rule, sf.kb.for_platform(platform))
    peers = [
        f
        for f in _facts_for(rule, list(sf.kb.facts.values()))
        if platform not in f.platforms and set(f.platforms) & set(PLATFORMS)
    ]
    basis = own or sorted(peers, key=lambda f: f.id)
    if not basis:
        return None
    ids = [f.id for f in basis]
    group = Group(rule.id, rule.title)
    likelihood = "medium" if own else "low"
    measured: tuple[str, Statement] | None = None
    if scan is not None and rule.scan_signal:
        measured = _scan_reasoning(sf, rule, platform, scan, ids)
    if measured is None and audit is not None and rule.audit_signal:
        measured = _audit_reasoning(sf, platform, audit, ids)
    if measured is not None:
        likelihood = measured[0]
        group.statements.append(measured[1])
    elif own:
        group.statements.append(
            sf.derived(
                f"Likelihood {likelihood}: {len(own)} sourced fact(s) about {name} concern this "
                f"risk ({', '.join(ids[:12])}{'...' if len(ids) > 12 else ''}); "
                "not measured on your side.",
                ids,
            )
        )
    else:
        group.statements.append(
            sf.derived(
                f"Likelihood {likelihood}: no fact about {name} itself; facts about peers "
                f"({', '.join(ids[:12])}) show the pattern.",
                ids,
            )
        )
    enforced = _enforcement(own) or _enforcement(peers)
    impact = "high" if enforced else "medium"
    if enforced:
        whom = name if _enforcement(own) else "peers"
        cases = "; ".join(
            f"{f.id} {f.action.authority if f.action else ''} {amount_text(f)}".strip()
            for f in enforced[:6]
        )
        group.statements.append(
            sf.derived(
                f"Impact high: authorities have fined or settled with {whom} on this topic: "
                f"{cases}.",
                [f.id for f in enforced],
            )
        )
    else:
        group.statements.append(
            sf.derived(
                "Impact medium: the facts record scrutiny or exposure but no fine on this topic.",
                ids,
            )
        )
    for text in rule.safeguards:
        group.statements.append(sf.guidance(f"Safeguard: {text}", ids))
    group.attrs = {"likelihood": likelihood, "impact": impact, "fact_ids": ", ".join(ids)}
    return group


def register(
    sf: StatementFactory, platform: str, scan: ScanInput | None, audit: AuditInput | None
) -> Section:
    section = Section(
        "risks",
        "Risk register for a marketing decision",
        "The project's own guidance. Each risk cites the facts it rests on; likelihood is raised "
        "by your own measurements where given.",
        layout="risks",
    )
    order = {"high": 0, "medium": 1, "low": 2}
    groups = [g for rule in RULES if (g := evaluate(sf, rule, platform, scan, audit)) is not None]
    groups.sort(key=lambda g: (order[g.attrs["likelihood"]] + order[g.attrs["impact"]], g.id))
    section.groups = groups
    return section
