"""Snapchat "My Data" JSON files -> records. Section names vary by version: handlers look up
keys case-insensitively and report the sections they do not know."""

from __future__ import annotations

from typing import Any

import orjson

from privacyscope.model import (
    ActivityEvent,
    AdItem,
    DeviceIdentifier,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    OtherRecord,
    ProfileField,
    Unrecognized,
)
from privacyscope.sources.base import ReadResult
from privacyscope.sources.snapchat.values import entry_latlng, s, snap_time

_FAILED = ("fail", "denied", "blocked", "unsuccessful")


def _get(d: dict[str, Any], *names: str) -> Any:
    low = {k.lower(): v for k, v in d.items()}
    for n in names:
        if n.lower() in low:
            return low[n.lower()]
    return None


def _list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _unknown(result: ReadResult, path: str, data: dict[str, Any], known: set[str]) -> None:
    for key in data:
        if key.lower() not in known:
            v = data[key]
            result.unrecognized.append(
                Unrecognized(
                    path=f"{path}.{key}", kind="key", records=len(v) if isinstance(v, list) else 1
                )
            )


def account(data: dict[str, Any], path: str, result: ReadResult) -> None:
    rs = result.records
    basic = _get(data, "Basic Information")
    if isinstance(basic, dict):
        cats = {
            "username": "username",
            "name": "name",
            "creation date": "other",
            "country": "region",
            "registration ip": "other",
        }
        for k, v in basic.items():
            rs.add(
                ProfileField(
                    ref=f"{path}.Basic Information.{k}",
                    key=k,
                    value=s(v),
                    category=cats.get(k.lower(), "other"),
                )
            )
        reg_ip = _get(basic, "Registration IP")
        if reg_ip:
            rs.add(
                Login(
                    ref=f"{path}.Basic Information.Registration IP",
                    kind="ip_activity",
                    ip=s(reg_ip),
                    time=snap_time(_get(basic, "Creation Date")),
                )
            )
    for i, e in enumerate(_list(_get(data, "Login History"))):
        status = (s(_get(e, "Status")) or "").lower()
        kind = "ip_activity" if any(w in status for w in _FAILED) else "login"
        rs.add(
            Login(
                ref=f"{path}.Login History[{i}]",
                kind=kind,
                ip=s(_get(e, "IP")),
                time=snap_time(_get(e, "Created")),
                device_model=s(_get(e, "Device")),
            )
        )
    for i, e in enumerate(_list(_get(data, "Device History"))):
        rs.add(
            DeviceIdentifier(
                ref=f"{path}.Device History[{i}]",
                id_type="device",
                value=None,
                device=" ".join(x for x in (s(_get(e, "Make")), s(_get(e, "Model"))) if x) or None,
                time=snap_time(_get(e, "Start Time")),
            )
        )
    result.present.update({"logins", "profile"})
    _unknown(
        result,
        path,
        data,
        {
            "basic information",
            "device information",
            "device history",
            "login history",
            "privacy policy and terms of service acceptance history",
            "email change history",
            "display name change",
            "custom creative tools terms",
            "connected applications",
        },
    )


FRIEND_KINDS = {
    "friends": "friend",
    "friend requests sent": "friend_request",
    "blocked users": "block",
    "deleted friends": "deleted_friend",
    "hidden friend suggestions": "hidden_suggestion",
    "ignored snapchatters": "ignored",
    "pending requests": "pending_request",
    "shortcuts": "shortcut",
}


def friends(data: dict[str, Any], path: str, result: ReadResult) -> None:
    for key, value in data.items():
        kind = FRIEND_KINDS.get(key.lower())
        if kind is None:
            continue
        for i, e in enumerate(_list(value)):
            result.records.add(
                ActivityEvent(
                    ref=f"{path}.{key}[{i}]",
                    kind=kind,
                    value=s(_get(e, "Username")),
                    title=s(_get(e, "Display Name")),
                    time=snap_time(_get(e, "Creation Timestamp")),
                    method=s(_get(e, "Source")),
                )
            )
    result.present.add("activity")
    _unknown(result, path, data, set(FRIEND_KINDS))


def _message(e: dict[str, Any], ref: str, chat: str | None, kind: str | None) -> Message:
    title = s(_get(e, "Conversation Title"))
    return Message(
        ref=ref,
        kind=kind or ("group" if title else "direct"),
        chat=title or chat,
        sender=s(_get(e, "From")) or ("me" if _get(e, "IsSender") is True else None),
        content=s(_get(e, "Content", "Text")),
        time=snap_time(_get(e, "Created")),
    )


def chat_history(
    data: dict[str, Any], path: str, result: ReadResult, kind: str | None = None
) -> None:
    """Legacy: "Received/Sent Saved Chat History" lists; 2022+: one list per conversation."""
    for key, value in data.items():
        for i, e in enumerate(_list(value)):
            legacy = "history" in key.lower()
            chat = s(_get(e, "From", "To")) if legacy else key
            result.records.add(_message(e, f"{path}.{key}[{i}]", chat, kind))
    result.present.add("messages")


def snap_history(data: dict[str, Any], path: str, result: ReadResult) -> None:
    chat_history(data, path, result, kind="snap")


LOCATION_KINDS = (
    ("frequent", "frequent"),
    ("latest", "recent"),
    ("home", "home_work"),
    ("business", "visit"),
    ("public place", "visit"),
    ("visited", "visit"),
    ("history", "history"),
    ("areas you may have visited", "visit"),
)


def _location_kind(section: str) -> str | None:
    low = section.lower()
    return next((kind for word, kind in LOCATION_KINDS if word in low), None)


def location_history(data: dict[str, Any], path: str, result: ReadResult) -> None:
    """Lenient: every section holding entries becomes Location records; the kind comes from the
    section name (unknown section names are reported and kept as kind "other")."""
    for key, value in data.items():
        kind = _location_kind(key)
        if kind is None:
            result.unrecognized.append(
                Unrecognized(path=f"{path}.{key}", kind="key", records=len(_list(value)))
            )
            kind = "other"
        for i, e in enumerate(_list(value)):
            lat, lng = entry_latlng(e)
            place = s(_get(e, "City", "Name", "Place", "Business", "Location", "Region"))
            if lat is not None and place and any(c.isdigit() for c in place):
                place = None
            result.records.add(
                Location(
                    ref=f"{path}.{key}[{i}]",
                    kind=kind,
                    latitude=lat,
                    longitude=lng,
                    time=snap_time(_get(e, "Time", "Date", "Timestamp", "Created")),
                    place=place,
                    region=s(_get(e, "Region", "Country")),
                )
            )
    result.present.add("locations")


def user_profile(data: dict[str, Any], path: str, result: ReadResult) -> None:
    rs = result.records
    for i, name in enumerate(_get(data, "Interest Categories") or []):
        rs.add(AdItem(ref=f"{path}.Interest Categories[{i}]", kind="interest", name=s(name)))
    for i, name in enumerate(_get(data, "Content Categories") or []):
        rs.add(AdItem(ref=f"{path}.Content Categories[{i}]", kind="interest", name=s(name)))
    inter = _get(data, "Interactions")
    if isinstance(inter, dict):
        for key, values in inter.items():
            for i, v in enumerate(values if isinstance(values, list) else []):
                rs.add(
                    OffPlatformEvent(ref=f"{path}.Interactions.{key}[{i}]", source=s(v), event=key)
                )
    for i, v in enumerate(_get(data, "Off-Platform Sharing") or []):
        rs.add(
            AdItem(
                ref=f"{path}.Off-Platform Sharing[{i}]",
                kind="partner",
                name=s(v if not isinstance(v, dict) else orjson.dumps(v).decode()),
            )
        )
    for i, v in enumerate(_list(_get(data, "Ads You Interacted With"))):
        rs.add(
            AdItem(
                ref=f"{path}.Ads You Interacted With[{i}]",
                kind="engagement",
                name=s(_get(v, "Ad Title", "Title", "Name")),
                time=snap_time(_get(v, "Date", "Time")),
            )
        )
    demo = _get(data, "Demographics")
    if isinstance(demo, dict):
        for k, v in demo.items():
            rs.add(ProfileField(ref=f"{path}.Demographics.{k}", key=k, value=s(v)))
    result.present.update({"ads", "off_platform_events"})
    _unknown(
        result,
        path,
        data,
        {
            "app profile",
            "demographics",
            "subscriptions",
            "engagement",
            "discover channels viewed",
            "interest categories",
            "content categories",
            "geographic information",
            "interactions",
            "off-platform sharing",
            "ads you interacted with",
            "breakdown of time spent on app",
            "snap inc. advertising preferences",
        },
    )


def memories(data: dict[str, Any], path: str, result: ReadResult) -> None:
    for key, value in data.items():
        for i, e in enumerate(_list(value)):
            lat, lng = entry_latlng(e)
            if lat is not None:
                result.records.add(
                    Location(
                        ref=f"{path}.{key}[{i}]",
                        kind="memory",
                        latitude=lat,
                        longitude=lng,
                        time=snap_time(_get(e, "Date")),
                    )
                )


def generic(section: str) -> Any:
    def handler(data: dict[str, Any], path: str, result: ReadResult) -> None:
        for key, value in data.items():
            for i, e in enumerate(_list(value)):
                result.records.add(
                    OtherRecord(
                        ref=f"{path}.{key}[{i}]", section=section, data=orjson.dumps(e).decode()
                    )
                )

    return handler


HANDLERS = {
    "account.json": account,
    "account_history.json": generic("account_history"),
    "friends.json": friends,
    "chat_history.json": chat_history,
    "snap_history.json": snap_history,
    "location_history.json": location_history,
    "user_profile.json": user_profile,
    "memories_history.json": memories,
}
