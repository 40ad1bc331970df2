"""Instagram security and login files: logins, logouts, profile activity, sign-up, devices,
last known location. Also the legacy (G1) ``account_history.json`` and ``devices.json``."""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import DeviceIdentifier, Location, Login, OtherRecord, ProfileField
from privacyscope.sources.meta_common import (
    MetaContext,
    Rec,
    as_dict,
    as_float,
    as_list,
    as_str,
    as_time,
    dumps,
    each_record,
)


def _login_time(rec: Rec) -> str | None:
    return rec.when("Time") or rec.time or as_time(rec.title)


def _login(ctx: MetaContext, section: str, kind: str, ref: str, rec: Rec) -> None:
    ctx.add(
        section,
        Login(
            time=_login_time(rec),
            ip=rec.text("IP Address"),
            device_model=rec.text("User Agent"),
            kind=kind,
            ref=ref,
        ),
    )


def read_login_activity(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``account_history_login_history``: one Login(kind="login") per entry."""
    ctx.touch("logins")
    for ref, rec in each_record(ctx, f, data, ("account_history_login_history",)):
        _login(ctx, "logins", "login", ref, rec)


def read_logout_activity(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("logouts")
    for ref, rec in each_record(ctx, f, data, ("account_history_logout_history",)):
        _login(ctx, "logouts", "logout", ref, rec)


def read_profile_activity(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """G4 ``profile_activity.json`` (label_values): Login(kind="session"), plus the device id."""
    ctx.touch("profile_activity")
    for ref, rec in each_record(ctx, f, data, ("account_history_profile_activity",)):
        ip = rec.text("IP Address")
        port = rec.text("Port number")
        ctx.add(
            "profile_activity",
            Login(
                time=_login_time(rec),
                ip=ip,
                device_model=rec.text("User Agent") or rec.text("App"),
                network_type=None if port is None else f"port {port}",
                kind="session",
                ref=ref,
            ),
        )
        dev = rec.text("Device ID")
        if dev:
            ctx.add(
                "devices",
                DeviceIdentifier(
                    id_type="Device ID",
                    value=dev,
                    device=rec.text("User Agent"),
                    time=_login_time(rec),
                    ref=ref,
                ),
            )


_PROFILE_CATEGORY = {
    "Username": "username",
    "Email": "email",
    "Phone Number": "phone",
    "Name": "name",
    "Date of birth": "birth_date",
    "Gender": "gender",
    "Bio": "bio",
    "City Name": "region",
}


def read_signup(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Sign-up details: profile fields (the registration IP is a profile field, not a login)."""
    for ref, rec in each_record(ctx, f, data, ("account_history_registration_info",)):
        for canon, entry in rec.fields.items():
            ctx.add(
                "registration",
                ProfileField(
                    key=rec.raw_labels.get(canon, canon),
                    value=entry.text if entry.text is not None else entry.time,
                    category=_PROFILE_CATEGORY.get(canon, "other"),
                    ref=ref,
                ),
            )


def read_password_changes(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    for ref, rec in each_record(ctx, f, data, ("account_history_password_change_history",)):
        ctx.add(
            "password_changes",
            OtherRecord(
                section="password_changes",
                time=_login_time(rec),
                ref=ref,
            ),
        )


def _first_float(*values: str | None) -> float | None:
    for v in values:
        f = as_float(v)
        if f is not None:
            return f
    return None


def read_last_known_location(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``account_history_imprecise_last_known_location``: Location(kind="recent")."""
    ctx.touch("last_known_location")
    for ref, rec in each_record(ctx, f, data, ("account_history_imprecise_last_known_location",)):
        lat = _first_float(rec.text("Precise Latitude"), rec.text("Imprecise Latitude"))
        lon = _first_float(rec.text("Precise Longitude"), rec.text("Imprecise Longitude"))
        ctx.add(
            "last_known_location",
            Location(
                kind="recent",
                time=rec.when("GPS Time Uploaded") or rec.time,
                latitude=lat,
                longitude=lon,
                raw=dumps({k: e.text for k, e in rec.fields.items()}),
                ref=ref,
            ),
        )


def read_devices(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """G2+ ``devices_devices`` (User Agent, Last Login): Login(kind="session") without an IP;
    G1 ``devices`` (device_id, last_login, user_agent): DeviceIdentifier."""
    if isinstance(data, dict) and "devices" in data:
        ctx.touch("devices")
        for i, raw in enumerate(as_list(data["devices"], f.name + ":devices")):
            ref = f"{f.name}[{i}]"
            d = as_dict(raw, ref)
            ctx.check_keys(f.name, d, ("device_id", "last_login", "user_agent"))
            ctx.add(
                "devices",
                DeviceIdentifier(
                    id_type="Device ID",
                    value=as_str(d.get("device_id"), ref),
                    device=as_str(d.get("user_agent"), ref),
                    time=as_time(d.get("last_login")),
                    ref=ref,
                ),
            )
        ctx.check_keys(f.name, data, ("devices",))
        return
    # a user agent is not an identifier: each device is its last session instead
    ctx.touch("device_sessions")
    for ref, rec in each_record(ctx, f, data, ("devices_devices",)):
        ctx.add(
            "device_sessions",
            Login(
                time=rec.when("Last Login"),
                device_model=rec.text("User Agent"),
                kind="session",
                ref=ref,
            ),
        )


def read_camera_information(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    for ref, rec in each_record(ctx, f, data, ("devices_camera",)):
        ctx.add(
            "devices",
            DeviceIdentifier(
                id_type="Device ID",
                value=rec.text("Device ID"),
                time=rec.time,
                ref=ref,
            ),
        )


def read_account_history_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Legacy ``account_history.json``: login_history, registration_info, password changes."""
    d = as_dict(data, f.name)
    ctx.check_keys(
        f.name,
        d,
        (
            "login_history",
            "logout_history",
            "registration_info",
            "password_change_history",
        ),
    )
    ctx.touch("logins")
    login_keys = (
        "cookie_name",
        "ip_address",
        "language_code",
        "timestamp",
        "user_agent",
        "device_id",
    )
    for key, kind, section in (
        ("login_history", "login", "logins"),
        ("logout_history", "logout", "logouts"),
    ):
        for i, raw in enumerate(as_list(d.get(key), f"{f.name}:{key}")):
            ref = f"{f.name}:{key}[{i}]"
            r = as_dict(raw, ref)
            ctx.check_keys(f"{f.name}:{key}", r, login_keys)
            ctx.add(
                section,
                Login(
                    time=as_time(r.get("timestamp")),
                    ip=as_str(r.get("ip_address"), ref),
                    device_model=as_str(r.get("user_agent"), ref),
                    kind=kind,
                    ref=ref,
                ),
            )
    reg_keys = {
        "registration_username": "username",
        "ip_address": "other",
        "registration_timestamp": "other",
        "registration_email": "email",
        "registration_phone_number": "phone",
        "device_name": "other",
    }
    reg = as_dict(d.get("registration_info"), f.name + ":registration_info")
    ctx.check_keys(f.name + ":registration_info", reg, reg_keys)
    for k, cat in reg_keys.items():
        if k in reg:
            ctx.add(
                "registration",
                ProfileField(
                    key=k,
                    value=as_str(reg[k], k),
                    category=cat,
                    ref=f"{f.name}:registration_info",
                ),
            )
    for i, raw in enumerate(as_list(d.get("password_change_history"), f.name)):
        ref = f"{f.name}:password_change_history[{i}]"
        r = as_dict(raw, ref)
        ctx.check_keys(f.name + ":password_change_history", r, ("timestamp",))
        ctx.add(
            "password_changes",
            OtherRecord(
                section="password_changes",
                time=as_time(r.get("timestamp")),
                ref=ref,
            ),
        )
