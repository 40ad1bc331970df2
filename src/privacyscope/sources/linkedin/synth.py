"""Synthetic LinkedIn exports: ``basic`` and ``complete`` layouts, with adversarial variants."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from privacyscope.synth import writer
from privacyscope.synth.persona import PERSONA

LAYOUTS: tuple[str, ...] = ("basic", "complete")
LANGS: tuple[str, ...] = ("en",)
VARIANTS: tuple[str, ...] = ("empty", "missing-keys", "duplicates", "ipv6", "unknown", "broken")
START = datetime(2025, 1, 6, 8, 30, 0, tzinfo=UTC)
IPV6 = ("2a02:a440:1234::1", "2a02:a440:1234::2", "2001:67c:2e8::a")
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed their connections to see or download their email address."\n\n'
)
Rows = list[list[str]]


def _csv(header: list[str], rows: Rows) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def build(seed: int, layout: str, variant: str | None) -> dict[str, tuple[list[str], Rows]]:
    r = random.Random(seed)
    t = START
    ips = [ip for ip in PERSONA.ips if ":" not in ip]
    if variant == "ipv6":
        ips = ips[:2] + list(IPV6)
    f: dict[str, tuple[list[str], Rows]] = {}
    f["Profile.csv"] = (
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
        [
            [
                PERSONA.first_name,
                PERSONA.last_name,
                "",
                PERSONA.street,
                "May 17, 1994",
                "Synthetic Engineer",
                "Invented summary",
                "Software",
                PERSONA.zip_code,
                f"{PERSONA.city}, Netherlands",
                "",
                "",
                "",
            ]
        ],
    )
    f["Email Addresses.csv"] = (
        ["Email Address", "Confirmed", "Primary", "Updated On"],
        [[PERSONA.email, "Yes", "Yes", "1/2/24, 9:08 AM"]],
    )
    f["PhoneNumbers.csv"] = (["Extension", "Number", "Type"], [["", PERSONA.phone, "Mobile"]])
    conns = []
    for i, fr in enumerate(PERSONA.friends):
        d = START - timedelta(days=40 * i)
        conns.append(
            [
                fr.split("_")[0].split(".")[0].title(),
                "Example",
                f"https://www.linkedin.com/in/{fr.replace('_', '-')}",
                "",
                "Example BV",
                "Tester",
                d.strftime("%d %b %Y"),
            ]
        )
    f["Connections.csv"] = (
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        conns,
    )
    f["Registration.csv"] = (
        ["Registered At", "Registration Ip", "Subscription Types"],
        [["3/14/16, 10:05 AM", "217.62.0.10", ""]],
    )
    msgs = []
    for i in range(9):
        t += timedelta(hours=r.randint(1, 60))
        group = i >= 7
        msgs.append(
            [
                f"2-conv{i % 3}",
                "" if not group else "Synthetic group",
                PERSONA.display_name,
                "https://www.linkedin.com/in/sam-synthetic",
                "Alex Example, Kim Fictional" if group else "Alex Example",
                "https://www.linkedin.com/in/alex-example",
                t.strftime("%Y-%m-%d %H:%M:%S UTC"),
                "",
                "synthetic message",
                "INBOX",
            ]
        )
    f["messages.csv"] = (
        [
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "FROM",
            "SENDER PROFILE URL",
            "TO",
            "RECIPIENT PROFILE URLS",
            "DATE",
            "SUBJECT",
            "CONTENT",
            "FOLDER",
        ],
        msgs,
    )
    f["Invitations.csv"] = (
        ["From", "To", "Sent At", "Message", "Direction"],
        [[PERSONA.display_name, "Eva Invented", "1/5/25, 3:00 PM", "", "OUTGOING"]],
    )
    if layout == "complete":
        logins = []
        for i in range(16):
            t += timedelta(hours=r.randint(2, 70))
            logins.append(
                [
                    t.strftime("%a %b %d %H:%M:%S UTC %Y"),
                    ips[i % len(ips)],
                    "Mozilla/5.0 (Synthetic)",
                    ("WEB", "MOBILE")[i % 2],
                ]
            )
        f["Logins.csv"] = (["Login Date", "IP Address", "User Agent", "Login Type"], logins)
        f["Security Challenges.csv"] = (
            ["Challenge Date", "IP Address", "User Agent", "Country", "Challenge Type"],
            [
                [
                    (START + timedelta(days=3)).strftime("%a %b %d %H:%M:%S UTC %Y"),
                    "89.160.20.128",
                    "Mozilla/5.0 (Synthetic)",
                    "NL",
                    "EMAIL_PIN",
                ]
            ],
        )
        f["Ad_Targeting.csv"] = (
            [
                "Member Age",
                "Company Names",
                "Degrees",
                "Member Gender",
                "Member Interests",
                "Member Interests",
                "Member Traits",
                "Profile Locations",
                "Job Titles",
                "Years of Experience",
            ],
            [
                [
                    "25 to 34",
                    "Example BV; Sample Grocer",
                    "Master",
                    "Female",
                    "Technology; Travel",
                    "Cooking",
                    "Frequent traveller",
                    "Utrecht, Netherlands",
                    "Engineer; Tester",
                    "6 to 10",
                ]
            ],
        )
        f["Inferences_about_you.csv"] = (
            ["Category", "Type of inference", "Description", "Inference"],
            [
                ["Advertising", "Interest", "Inferred interest", "Cloud computing"],
                ["Advertising", "Seniority", "Inferred seniority", "Senior"],
            ],
        )
        f["Ads Clicked.csv"] = (
            ["Ad clicked Date", "Ad Title/Id"],
            [[(START + timedelta(days=i)).strftime("%Y-%m-%d"), f"{9000 + i}"] for i in range(3)],
        )
        f["SearchQueries.csv"] = (
            ["Time", "Search Query"],
            [
                [(START + timedelta(hours=7 * i)).strftime("%Y/%m/%d %H:%M:%S UTC"), q]
                for i, q in enumerate(PERSONA.search_terms)
            ],
        )
        f["Reactions.csv"] = (
            ["Date", "Type", "Link"],
            [
                [
                    (START + timedelta(hours=5 * i)).strftime("%Y-%m-%d %H:%M:%S"),
                    "LIKE",
                    f"https://www.linkedin.com/feed/update/urn:li:activity:{i}",
                ]
                for i in range(11)
            ],
        )
        f["Shares.csv"] = (
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            [
                [
                    (START + timedelta(days=9 * i)).strftime("%Y-%m-%d %H:%M:%S"),
                    f"https://www.linkedin.com/feed/update/urn:li:share:{i}",
                    f"Synthetic post {i}",
                    "",
                    "",
                    "MEMBER_NETWORK",
                ]
                for i in range(4)
            ],
        )
        f["Company Follows.csv"] = (
            ["Organization", "Followed On"],
            [
                [a, (START - timedelta(days=i)).strftime("%a %b %d %H:%M:%S UTC %Y")]
                for i, a in enumerate(PERSONA.advertisers[:3])
            ],
        )
        f["Contacts.csv"] = (
            [
                "Source",
                "FirstName",
                "LastName",
                "Companies",
                "Title",
                "Emails",
                "PhoneNumbers",
                "CreatedAt",
                "Addresses",
                "Sites",
                "InstantMessageHandles",
                "Birthday",
                "Profiles",
            ],
            [["Phone", "Noor", "Sample", "", "", "noor@example.com", "", "", "", "", "", "", ""]],
        )
    return _apply(f, variant)


def _apply(
    f: dict[str, tuple[list[str], Rows]], variant: str | None
) -> dict[str, tuple[list[str], Rows]]:
    if variant == "empty":
        return {k: (h, []) for k, (h, _) in f.items()}
    if variant == "missing-keys":
        h, rows = f["Connections.csv"]
        f["Connections.csv"] = (h[:-1], [row[:-1] for row in rows])  # no Connected On column
        if "Logins.csv" in f:
            for i, row in enumerate(f["Logins.csv"][1]):
                if i % 4 == 1:
                    row[1] = ""
    elif variant == "duplicates":
        for k in ("messages.csv", "Logins.csv"):
            if k in f:
                h, rows = f[k]
                f[k] = (h, rows + rows[:3])
    elif variant == "unknown":
        h, rows = f["Connections.csv"]
        f["Connections.csv"] = ([*h, "Brand New Column"], [[*row, "x"] for row in rows])
    return f


def build_files(layout: str, seed: int, variant: str | None) -> dict[str, bytes]:
    tables = build(seed, layout, variant)
    files = {}
    for name, (header, rows) in tables.items():
        text = _csv(header, rows)
        if name == "Connections.csv":
            text = NOTES + text
        files[name] = text.encode("utf-8")
    if variant == "unknown":
        files["Brand New Export File.csv"] = b"A,B\n1,2\n"
    if variant == "broken":
        files["Invitations.csv"] = b"From,To\n\xff\xfe\x00broken\x00"
    return files


def generate(
    out: Path,
    *,
    layout: str = "complete",
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
) -> Path:
    writer.check_options(layout, lang, variant, layouts=LAYOUTS, langs=LANGS, variants=VARIANTS)
    files = build_files(layout, seed, variant)
    kind = "Complete" if layout == "complete" else "Basic"
    target = writer.named_target(out, f"{kind}_LinkedInDataExport_04-01-2025", variant, as_zip)
    return writer.write_export(target, files, as_zip)


def expected_counts(
    layout: str, variant: str | None = None, seed: int = 0, lang: str = "en"
) -> dict[str, int]:
    f = build(seed, layout, variant)

    def rows(name: str) -> Rows:
        return f[name][1] if name in f else []

    ips = {r[1] for r in rows("Logins.csv") + rows("Security Challenges.csv") if r[1]}
    ips |= {r[1] for r in rows("Registration.csv") if r[1]}
    return {
        "logins": len(rows("Logins.csv")),
        "ip_addresses": len(ips),
        "watch_history": 0,
        "searches": len(rows("SearchQueries.csv")),
        "location_points": 0,
        "messages": len(rows("messages.csv")),
        "off_platform_events": 0,
        "off_platform_sources": 0,
        "device_identifiers": 0,
        "likes": len(rows("Reactions.csv")),
        "following": len(rows("Company Follows.csv")),
        "posts": len(rows("Shares.csv")),
    }
