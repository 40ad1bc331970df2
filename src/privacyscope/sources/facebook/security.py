"""Facebook security and login files (G1 keys without ``_v2``, G2+ with ``_v2``):
account activity, logins and logouts, IP address activity, active sessions, recognised and
mobile devices, registration information (G4)."""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import DeviceIdentifier, Login, OtherRecord, ProfileField
from privacyscope.sources.meta_common import (
    MetaContext,
    as_str,
    as_time,
    dumps,
    each_flat,
    each_record,
)

#: action as exported (lower-cased) -> Login.kind; the Dutch/German words are best guesses
ACTIONS: dict[str, str] = {
    "login": "login",
    "log in": "login",
    "logged in": "login",
    "inloggen": "login",
    "aanmelden": "login",
    "anmelden": "login",
    "anmeldung": "login",
    "log out": "logout",
    "logout": "logout",
    "logged out": "logout",
    "web session terminated": "logout",
    "session terminated": "logout",
    "uitloggen": "logout",
    "afmelden": "logout",
    "abmelden": "logout",
    "abmeldung": "logout",
}


def action_kind(action: str | None, default: str = "ip_activity") -> str:
    return ACTIONS.get((action or "").strip().casefold(), default)


_ACCOUNT_ACTIVITY = (
    "action",
    "timestamp",
    "ip_address",
    "user_agent",
    "datr_cookie",
    "city",
    "region",
    "country",
    "site_name",
    "port",
)


def read_account_activity(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``account_activity(_v2)``: "Login" actions are logins, log-outs are logouts, every
    other action (session updated, password change...) is kind "ip_activity"."""
    ctx.touch("account_activity")
    keys = ("account_activity_v2", "account_activity")
    for ref, d in each_flat(ctx, f, data, keys, _ACCOUNT_ACTIVITY):
        ctx.add(
            "account_activity",
            Login(
                time=as_time(d.get("timestamp")),
                ip=as_str(d.get("ip_address"), ref),
                device_model=as_str(d.get("user_agent"), ref),
                kind=action_kind(as_str(d.get("action"), ref)),
                ref=ref,
            ),
        )


def read_logins_and_logouts(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("logins_and_logouts")
    keys = ("account_accesses_v2", "account_accesses")
    for ref, d in each_flat(ctx, f, data, keys, ("action", "timestamp", "site", "ip_address")):
        ctx.add(
            "logins_and_logouts",
            Login(
                time=as_time(d.get("timestamp")),
                ip=as_str(d.get("ip_address"), ref),
                device_model=as_str(d.get("site"), ref),
                kind=action_kind(as_str(d.get("action"), ref)),
                ref=ref,
            ),
        )


def read_ip_activity(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("ip_address_activity")
    keys = ("used_ip_address_v2", "used_ip_address", "user_ip_address")
    for ref, d in each_flat(ctx, f, data, keys, ("ip", "action", "timestamp", "user_agent")):
        ctx.add(
            "ip_address_activity",
            Login(
                time=as_time(d.get("timestamp")),
                ip=as_str(d.get("ip"), ref),
                device_model=as_str(d.get("user_agent"), ref),
                kind="ip_activity",
                ref=ref,
            ),
        )


_SESSION = (
    "created_timestamp",
    "updated_timestamp",
    "ip_address",
    "user_agent",
    "datr_cookie",
    "device",
    "location",
    "app",
    "session_type",
    "name",
)


def read_active_sessions(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``where_you're_logged_in.json``: Login(kind="session") at the session's creation."""
    ctx.touch("active_sessions")
    for ref, d in each_flat(ctx, f, data, ("active_sessions_v2", "active_sessions"), _SESSION):
        ctx.add(
            "active_sessions",
            Login(
                time=as_time(d.get("created_timestamp")),
                ip=as_str(d.get("ip_address"), ref),
                device_model=as_str(d.get("device"), ref) or as_str(d.get("user_agent"), ref),
                os=as_str(d.get("app"), ref),
                kind="session",
                ref=ref,
            ),
        )


def read_recognized_devices(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Recognised devices: one DeviceIdentifier (the ``datr`` browser cookie) per device."""
    ctx.touch("devices")
    keys = ("recognized_devices_v2", "recognized_devices")
    known = (
        "name",
        "created_timestamp",
        "updated_timestamp",
        "ip_address",
        "user_agent",
        "datr_cookie",
    )
    for ref, d in each_flat(ctx, f, data, keys, known):
        ctx.add(
            "devices",
            DeviceIdentifier(
                id_type="datr cookie",
                value=as_str(d.get("datr_cookie"), ref),
                device=as_str(d.get("name"), ref) or as_str(d.get("user_agent"), ref),
                time=as_time(d.get("created_timestamp")),
                ref=ref,
            ),
        )


def read_mobile_devices(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """G1 ``mobile_devices.json`` ``devices[{type, os, advertiser_id, ...}]``: the advertising
    id as DeviceIdentifier(advertising=True)."""
    ctx.touch("devices")
    keys = ("devices", "devices_v2")
    known = (
        "type",
        "os",
        "advertiser_id",
        "device_locale",
        "update_time",
        "family_device_id",
        "redact_tokens",
        "push_tokens",
    )
    for ref, d in each_flat(ctx, f, data, keys, known):
        ctx.add(
            "devices",
            DeviceIdentifier(
                id_type="advertiser_id",
                value=as_str(d.get("advertiser_id"), ref),
                advertising=True,
                device=" ".join(
                    x for x in (as_str(d.get("type"), ref), as_str(d.get("os"), ref)) if x
                )
                or None,
                time=as_time(d.get("update_time")),
                ref=ref,
            ),
        )


def read_your_devices(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """G4 ``your_devices.json`` (label_values): Type, Operating system, Advertiser ID."""
    ctx.touch("devices")
    for ref, rec in each_record(ctx, f, data, ("devices_v2",)):
        ctx.add(
            "devices",
            DeviceIdentifier(
                id_type="advertiser_id",
                value=rec.text("Advertiser ID"),
                advertising=True,
                device=" ".join(x for x in (rec.text("Type"), rec.text("Operating system")) if x)
                or None,
                time=rec.when("Last updated") or rec.time,
                ref=ref,
            ),
        )


def read_registration(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """G4 ``registration_information.json``: profile fields (IP kept as a profile field)."""
    for ref, rec in each_record(ctx, f, data, ("registration_information_v2",)):
        for canon, entry in rec.fields.items():
            ctx.add(
                "registration",
                ProfileField(
                    key=rec.raw_labels.get(canon, canon),
                    value=entry.text if entry.text is not None else entry.time,
                    category={"Email": "email", "Phone Number": "phone"}.get(canon, "other"),
                    ref=ref,
                ),
            )


def read_other_security(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Recognised security files the model has no type for (login protection, admin records,
    browser cookies, activity history): kept as OtherRecord rows."""
    section = f.basename.removesuffix(".json")
    for i, raw in enumerate(data if isinstance(data, list) else [data]):
        ctx.add(section, OtherRecord(section=section, data=dumps(raw), ref=f"{f.name}[{i}]"))
