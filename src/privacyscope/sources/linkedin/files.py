"""One handler per LinkedIn CSV file: table rows -> records."""

from __future__ import annotations

from collections.abc import Callable

import orjson

from privacyscope.model import (
    ActivityEvent,
    AdItem,
    Contact,
    Login,
    Message,
    OtherRecord,
    Post,
    ProfileField,
    Unrecognized,
)
from privacyscope.sources.base import ReadResult
from privacyscope.sources.linkedin.csvread import Table, li_time

Handler = Callable[[Table, str, str, ReadResult], None]


def _v(row: dict[str, str], *names: str) -> str | None:
    for n in names:
        v = row.get(n)
        if v is not None and v.strip():
            return v.strip()
    return None


def _check_columns(t: Table, path: str, known: set[str], result: ReadResult) -> None:
    for h in dict.fromkeys(t.header):
        if h and h not in known:
            result.unrecognized.append(
                Unrecognized(path=f"{path}.{h}", kind="key", records=len(t.rows))
            )


def _login(kind: str, date_col: str, ip_col: str, known: set[str]) -> Handler:
    def handler(t: Table, path: str, base: str, result: ReadResult) -> None:
        for i, row in enumerate(t.rows):
            d = t.dict(row)
            result.records.add(
                Login(
                    ref=f"{path}[{i}]",
                    kind=kind,
                    time=li_time(d.get(date_col), base),
                    ip=_v(d, ip_col),
                    os=_v(d, "User Agent"),
                    network_type=_v(d, "Login Type", "Challenge Type"),
                )
            )
        result.present.add("logins")
        _check_columns(t, path, known, result)

    return handler


def ad_targeting(t: Table, path: str, base: str, result: ReadResult) -> None:
    """One row; every column (names may repeat) holds "; "-separated values."""
    for i, row in enumerate(t.rows):
        for j, (col, cell) in enumerate(t.pairs(row)):
            for k, value in enumerate(x.strip() for x in cell.split(";")):
                if value:
                    result.records.add(
                        AdItem(
                            ref=f"{path}[{i}].{col}#{j}[{k}]",
                            kind="targeting",
                            name=f"{col}: {value}",
                        )
                    )
    result.present.add("ads")


def inferences(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        name = ": ".join(x for x in (_v(d, "Type of inference"), _v(d, "Inference")) if x)
        result.records.add(AdItem(ref=f"{path}[{i}]", kind="inference", name=name or None))
    result.present.add("ads")
    _check_columns(t, path, {"Category", "Type of inference", "Description", "Inference"}, result)


def ads_clicked(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        result.records.add(
            AdItem(
                ref=f"{path}[{i}]",
                kind="engagement",
                name=_v(d, "Ad Title/Id", "Ad Title"),
                time=li_time(_v(d, "Ad clicked Date", "Date"), base),
            )
        )
    result.present.add("ads")


def searches(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        result.records.add(
            ActivityEvent(
                ref=f"{path}[{i}]",
                kind="search",
                time=li_time(_v(d, "Time"), base),
                value=_v(d, "Search Query"),
            )
        )
    result.present.add("activity")
    _check_columns(t, path, {"Time", "Search Query"}, result)


def messages(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        to = _v(d, "TO") or ""
        result.records.add(
            Message(
                ref=f"{path}[{i}]",
                kind="group" if "," in to else "direct",
                chat=_v(d, "CONVERSATION TITLE", "CONVERSATION ID"),
                sender=_v(d, "FROM"),
                content=_v(d, "CONTENT"),
                time=li_time(_v(d, "DATE"), base),
            )
        )
    result.present.add("messages")


def _activity(kind: str, date_col: str, value_col: str, title_col: str | None = None) -> Handler:
    def handler(t: Table, path: str, base: str, result: ReadResult) -> None:
        for i, row in enumerate(t.rows):
            d = t.dict(row)
            title = _v(d, title_col) if title_col else None
            result.records.add(
                ActivityEvent(
                    ref=f"{path}[{i}]",
                    kind=kind,
                    time=li_time(_v(d, date_col), base),
                    value=_v(d, value_col),
                    title=title,
                )
            )
        result.present.add("activity")

    return handler


def connections(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        name = " ".join(x for x in (_v(d, "First Name"), _v(d, "Last Name")) if x)
        result.records.add(
            ActivityEvent(
                ref=f"{path}[{i}]",
                kind="connection",
                time=li_time(_v(d, "Connected On"), base),
                value=_v(d, "URL"),
                title=name or None,
            )
        )
    result.present.add("activity")
    _check_columns(
        t,
        path,
        {"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"},
        result,
    )


def shares(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        result.records.add(
            Post(
                ref=f"{path}[{i}]",
                time=li_time(_v(d, "Date"), base),
                link=_v(d, "ShareLink"),
                title=_v(d, "ShareCommentary"),
                visibility=_v(d, "Visibility"),
            )
        )
    result.present.add("posts")


_PROFILE_CATEGORIES = {
    "First Name": "name",
    "Last Name": "name",
    "Maiden Name": "name",
    "Address": "address",
    "Birth Date": "birth_date",
    "Headline": "bio",
    "Summary": "bio",
    "Zip Code": "address",
    "Geo Location": "region",
    "Twitter Handles": "linked_platform",
    "Websites": "link",
    "Instant Messengers": "linked_platform",
    "Industry": "other",
}


def profile(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        for col, value in t.pairs(row):
            if value.strip():
                result.records.add(
                    ProfileField(
                        ref=f"{path}[{i}].{col}",
                        key=col,
                        value=value,
                        category=_PROFILE_CATEGORIES.get(col, "other"),
                    )
                )
    result.present.add("profile")


def _field(key_col: str, category: str) -> Handler:
    def handler(t: Table, path: str, base: str, result: ReadResult) -> None:
        for i, row in enumerate(t.rows):
            d = t.dict(row)
            result.records.add(
                ProfileField(
                    ref=f"{path}[{i}]", key=key_col, value=_v(d, key_col), category=category
                )
            )
        result.present.add("profile")

    return handler


def contacts(t: Table, path: str, base: str, result: ReadResult) -> None:
    for i, row in enumerate(t.rows):
        d = t.dict(row)
        name = " ".join(
            x for x in (_v(d, "FirstName", "First Name"), _v(d, "LastName", "Last Name")) if x
        )
        detail = ", ".join(
            x
            for x in (_v(d, "Emails", "Email Address"), _v(d, "PhoneNumbers", "Phone Numbers"))
            if x
        )
        result.records.add(
            Contact(
                ref=f"{path}[{i}]",
                name=name or None,
                detail=detail or None,
                time=li_time(_v(d, "CreatedAt", "Created At"), base),
            )
        )


def other(section: str) -> Handler:
    def handler(t: Table, path: str, base: str, result: ReadResult) -> None:
        for i, row in enumerate(t.rows):
            result.records.add(
                OtherRecord(
                    ref=f"{path}[{i}]", section=section, data=orjson.dumps(t.pairs(row)).decode()
                )
            )

    return handler


HANDLERS: dict[str, Handler] = {
    "Logins.csv": _login(
        "login",
        "Login Date",
        "IP Address",
        {"Login Date", "IP Address", "User Agent", "Login Type"},
    ),
    "Security Challenges.csv": _login(
        "ip_activity",
        "Challenge Date",
        "IP Address",
        {"Challenge Date", "IP Address", "User Agent", "Country", "Challenge Type"},
    ),
    "Registration.csv": _login(
        "ip_activity",
        "Registered At",
        "Registration Ip",
        {"Registered At", "Registration Ip", "Subscription Types"},
    ),
    "Ad_Targeting.csv": ad_targeting,
    "Inferences_about_you.csv": inferences,
    "Ads Clicked.csv": ads_clicked,
    "SearchQueries.csv": searches,
    "messages.csv": messages,
    "Connections.csv": connections,
    "Reactions.csv": _activity("like", "Date", "Link", "Type"),
    "Company Follows.csv": _activity("following", "Followed On", "Organization"),
    "Shares.csv": shares,
    "Profile.csv": profile,
    "Email Addresses.csv": _field("Email Address", "email"),
    "PhoneNumbers.csv": _field("Number", "phone"),
    "Contacts.csv": contacts,
    "ImportedContacts.csv": contacts,
    "Invitations.csv": other("invitations"),
    "Positions.csv": other("positions"),
    "Education.csv": other("education"),
    "Skills.csv": other("skills"),
    "Languages.csv": other("languages"),
    "Certifications.csv": other("certifications"),
    "Endorsement_Received_Info.csv": other("endorsements"),
    "Rich_Media.csv": other("rich_media"),
    "Learning.csv": other("learning"),
}
