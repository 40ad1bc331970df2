"""One handler per X archive data type: items (already JSON) -> records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import orjson

from privacyscope.model import (
    ActivityEvent,
    AdItem,
    Contact,
    DeviceIdentifier,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    OtherRecord,
    Post,
    ProfileField,
    Setting,
    Unrecognized,
)
from privacyscope.sources.base import ReadResult
from privacyscope.sources.x.ytd import lst, obj, s, x_time

#: single keys that are content, not a wrapper (unwrapped ad items in older archives)
NOT_WRAPPERS = frozenset({"adsUserData"})
Handler = Callable[[list[Any], str, ReadResult], None]


def _items(
    items: list[Any], path: str, result: ReadResult, *keys: str
) -> list[tuple[str, dict[str, Any]]]:
    """(ref, item) pairs, unwrapping ``{"<type>": {...}}``; unexpected wrappers are reported."""
    out: list[tuple[str, dict[str, Any]]] = []
    odd: Counter[str] = Counter()
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            continue
        if len(it) == 1:
            ((k, v),) = it.items()
            if isinstance(v, dict) and k not in NOT_WRAPPERS:
                if k not in keys:
                    odd[k] += 1
                out.append((f"{path}[{i}]", v))
                continue
        out.append((f"{path}[{i}]", it))
    for k, n in sorted(odd.items()):
        result.unrecognized.append(Unrecognized(path=f"{path}.{k}", kind="key", records=n))
    return out


def account(items: list[Any], path: str, result: ReadResult) -> None:
    cats = {
        "email": "email",
        "username": "username",
        "accountDisplayName": "name",
        "createdAt": "other",
        "createdVia": "other",
        "accountId": "other",
    }
    for ref, a in _items(items, path, result, "account"):
        for key, cat in cats.items():
            if key in a:
                result.records.add(
                    ProfileField(ref=f"{ref}.{key}", key=key, value=s(a[key]), category=cat)
                )
    result.present.add("profile")


def ip_audit(items: list[Any], path: str, result: ReadResult) -> None:
    for ref, a in _items(items, path, result, "ipAudit"):
        result.records.add(
            Login(ref=ref, kind="login", ip=s(a.get("loginIp")), time=x_time(a.get("createdAt")))
        )
    result.present.add("logins")


def creation_ip(items: list[Any], path: str, result: ReadResult) -> None:
    for ref, a in _items(items, path, result, "accountCreationIp"):
        result.records.add(Login(ref=ref, kind="ip_activity", ip=s(a.get("userCreationIp"))))
    result.present.add("logins")


def device_token(items: list[Any], path: str, result: ReadResult) -> None:
    for ref, a in _items(items, path, result, "deviceToken"):
        result.records.add(
            DeviceIdentifier(
                ref=ref,
                id_type="X device token",
                value=s(a.get("token")),
                device=s(a.get("clientApplicationName")),
                time=x_time(a.get("createdAt")),
            )
        )
    result.present.add("device_identifiers")


def ni_devices(items: list[Any], path: str, result: ReadResult) -> None:
    for ref, a in _items(items, path, result, "niDeviceResponse"):
        msg, push = obj(a, "messagingDevice"), obj(a, "pushDevice")
        if msg:
            result.records.add(
                ProfileField(
                    ref=f"{ref}.messagingDevice",
                    key="phoneNumber",
                    value=s(msg.get("phoneNumber")),
                    category="phone",
                )
            )
        if push:
            result.records.add(
                DeviceIdentifier(
                    ref=f"{ref}.pushDevice",
                    id_type="push device",
                    value=s(push.get("udid")),
                    device=s(push.get("deviceType")),
                    time=x_time(push.get("createdDate")),
                )
            )


def _ads(
    items: list[Any], path: str, result: ReadResult, container: str, list_key: str, kind: str
) -> None:
    for ref, a in _items(items, path, result, "ad"):
        entries = lst(obj(obj(a, "adsUserData"), container), list_key)
        for j, e in enumerate(entries):
            attrs = obj(e, "impressionAttributes") or e
            eref = f"{ref}.{list_key}[{j}]"
            time = x_time(attrs.get("impressionTime"))
            adv = obj(attrs, "advertiserInfo")
            result.records.add(
                AdItem(ref=eref, kind=kind, name=s(adv.get("advertiserName")), time=time)
            )
            for k, c in enumerate(lst(attrs, "matchedTargetingCriteria")):
                if isinstance(c, dict):
                    ttype, value = s(c.get("targetingType")), s(c.get("targetingValue"))
                    name = f"{ttype}: {value}" if value else ttype
                    result.records.add(
                        AdItem(
                            ref=f"{eref}.matchedTargetingCriteria[{k}]",
                            kind="targeting",
                            name=name,
                            time=time,
                        )
                    )
            dev = obj(attrs, "deviceInfo")
            if dev.get("deviceId"):
                result.records.add(
                    DeviceIdentifier(
                        ref=f"{eref}.deviceInfo",
                        id_type="ad deviceId",
                        value=s(dev.get("deviceId")),
                        device=s(dev.get("osType")),
                        time=time,
                    )
                )
    result.present.add("ads")


def ad_engagements(items: list[Any], path: str, result: ReadResult) -> None:
    _ads(items, path, result, "adEngagements", "engagements", "engagement")


def ad_impressions(items: list[Any], path: str, result: ReadResult) -> None:
    _ads(items, path, result, "adImpressions", "impressions", "impression")


def conversions(items: list[Any], path: str, result: ReadResult) -> None:
    """Every ``adsUserData.<anything>.conversions[]`` entry is one off-platform event."""
    for ref, a in _items(items, path, result, "ad"):
        for container, block in obj(a, "adsUserData").items():
            for j, c in enumerate(lst(block, "conversions")):
                if not isinstance(c, dict):
                    continue
                adv = obj(c, "advertiserInfo")
                source = (
                    s(adv.get("advertiserName"))
                    or s(c.get("applicationName"))
                    or s(c.get("conversionUrl"))
                )
                result.records.add(
                    OffPlatformEvent(
                        ref=f"{ref}.{container}.conversions[{j}]",
                        source=source,
                        event=s(c.get("eventType") or c.get("conversionEvent")),
                        time=x_time(c.get("conversionTime")),
                    )
                )
    result.present.add("off_platform_events")


def personalization(items: list[Any], path: str, result: ReadResult) -> None:
    rs = result.records
    advertisers: set[str] = set()
    for ref, a in _items(items, path, result, "p13nData"):
        interests = obj(a, "interests")
        for j, it in enumerate(lst(interests, "interests")):
            if isinstance(it, dict):
                rs.add(
                    AdItem(
                        ref=f"{ref}.interests.interests[{j}]",
                        kind="interest",
                        name=s(it.get("name")),
                    )
                )
        for j, it in enumerate(lst(interests, "partnerInterests")):
            rs.add(
                AdItem(
                    ref=f"{ref}.interests.partnerInterests[{j}]",
                    kind="partner",
                    name=s(it.get("name") if isinstance(it, dict) else it),
                )
            )
        aud = obj(interests, "audienceAndAdvertisers")
        for key, kind in (("advertisers", "advertiser"), ("lookalikeAdvertisers", "lookalike")):
            for j, name in enumerate(lst(aud, key)):
                rs.add(
                    AdItem(
                        ref=f"{ref}.interests.audienceAndAdvertisers.{key}[{j}]",
                        kind=kind,
                        name=s(name),
                    )
                )
                if kind == "advertiser" and name:
                    advertisers.add(str(name))
        for j, place in enumerate(lst(a, "locationHistory")):
            rs.add(Location(ref=f"{ref}.locationHistory[{j}]", kind="region", place=s(place)))
        demo = obj(a, "demographics")
        for j, lang in enumerate(lst(demo, "languages")):
            name = lang.get("language") if isinstance(lang, dict) else lang
            rs.add(
                ProfileField(
                    ref=f"{ref}.demographics.languages[{j}]",
                    key="language",
                    value=s(name),
                    category="other",
                )
            )
        gender = obj(demo, "genderInfo").get("gender")
        if gender is not None:
            rs.add(
                ProfileField(
                    ref=f"{ref}.demographics.genderInfo",
                    key="gender",
                    value=s(gender),
                    category="gender",
                )
            )
        age = obj(a, "inferredAgeInfo")
        if age:
            rs.add(
                ProfileField(
                    ref=f"{ref}.inferredAgeInfo",
                    key="inferredAge",
                    value=s(age.get("age")),
                    category="other",
                )
            )
    result.extra_counts["advertisers"] = result.extra_counts.get("advertisers", 0) + len(
        advertisers
    )
    result.present.add("ads")


def _dms(items: list[Any], path: str, result: ReadResult, kind: str) -> None:
    for ref, conv in _items(items, path, result, "dmConversation"):
        cid = s(conv.get("conversationId"))
        for j, m in enumerate(lst(conv, "messages")):
            mc = m.get("messageCreate") if isinstance(m, dict) else None
            if not isinstance(mc, dict):
                continue  # joins, leaves, renames: thread events, not messages
            result.records.add(
                Message(
                    ref=f"{ref}.messages[{j}]",
                    kind=kind,
                    chat=cid,
                    sender=s(mc.get("senderId")),
                    content=s(mc.get("text")),
                    time=x_time(mc.get("createdAt")),
                )
            )
    result.present.add("messages")


def direct_messages(items: list[Any], path: str, result: ReadResult) -> None:
    _dms(items, path, result, "direct")


def group_messages(items: list[Any], path: str, result: ReadResult) -> None:
    _dms(items, path, result, "group")


def headers(items: list[Any], path: str, result: ReadResult) -> None:
    """Thread header files repeat message metadata: recognised, not counted."""
    result.present.add("messages")


def _tweets(items: list[Any], path: str, result: ReadResult, deleted: bool) -> None:
    for ref, t in _items(items, path, result, "tweet"):
        tid = s(t.get("id_str") or t.get("id"))
        result.records.add(
            Post(
                ref=ref,
                time=x_time(t.get("created_at")),
                title=s(t.get("full_text") or t.get("text")),
                link=f"https://x.com/i/status/{tid}" if tid else None,
                deleted=deleted,
                deleted_time=x_time(t.get("deleted_at")) if deleted else None,
                likes=int(t["favorite_count"])
                if str(t.get("favorite_count", "")).isdigit()
                else None,
            )
        )
    result.present.add("posts")


def tweets(items: list[Any], path: str, result: ReadResult) -> None:
    _tweets(items, path, result, deleted=False)


def deleted_tweets(items: list[Any], path: str, result: ReadResult) -> None:
    _tweets(items, path, result, deleted=True)


def _activity(kind: str, wrapper: str, value_key: str, title_key: str | None = None) -> Handler:
    def handler(items: list[Any], path: str, result: ReadResult) -> None:
        for ref, a in _items(items, path, result, wrapper):
            result.records.add(
                ActivityEvent(
                    ref=ref,
                    kind=kind,
                    value=s(a.get(value_key)),
                    title=s(a.get(title_key)) if title_key else None,
                    time=x_time(a.get("createdAt")),
                )
            )
        result.present.add("activity")

    return handler


def protected_history(items: list[Any], path: str, result: ReadResult) -> None:
    entries = _items(items, path, result, "protectedHistory")
    for ref, a in entries:
        action = s(a.get("action"))
        norm = {"protect": "on", "unprotect": "off"}.get((action or "").lower())
        result.records.add(
            Setting(
                ref=ref,
                key="protectedHistory.action",
                value=action,
                meaning="account_private" if ref == entries[-1][0] else None,
                normalized=norm if ref == entries[-1][0] else None,
            )
        )
    if entries:
        result.settings["protectedHistory.action"] = entries[-1][1].get("action")
        result.settings["protectedHistory.protectedAt"] = entries[-1][1].get("protectedAt")
    result.present.add("settings")


def account_timezone(items: list[Any], path: str, result: ReadResult) -> None:
    for ref, a in _items(items, path, result, "accountTimezone"):
        result.settings["accountTimezone.timeZone"] = a.get("timeZone")
        result.records.add(
            Setting(ref=ref, key="accountTimezone.timeZone", value=s(a.get("timeZone")))
        )


def contact(items: list[Any], path: str, result: ReadResult) -> None:
    for ref, a in _items(items, path, result, "contact"):
        detail = ", ".join(str(x) for x in lst(a, "emails") + lst(a, "phoneNumbers"))
        result.records.add(Contact(ref=ref, name=s(a.get("id")), detail=detail or None))


def _profile(wrapper: str, key: str, field: str, category: str) -> Handler:
    def handler(items: list[Any], path: str, result: ReadResult) -> None:
        for ref, a in _items(items, path, result, wrapper):
            value = a.get(key)
            if isinstance(value, dict):
                value = value.get(field)
            result.records.add(
                ProfileField(ref=ref, key=f"{wrapper}.{key}", value=s(value), category=category)
            )
        result.present.add("profile")

    return handler


def other(section: str) -> Handler:
    def handler(items: list[Any], path: str, result: ReadResult) -> None:
        for i, it in enumerate(items):
            result.records.add(
                OtherRecord(ref=f"{path}[{i}]", section=section, data=orjson.dumps(it).decode())
            )

    return handler


HANDLERS: dict[str, Handler] = {
    "account": account,
    "ip-audit": ip_audit,
    "account-creation-ip": creation_ip,
    "device-token": device_token,
    "ni-devices": ni_devices,
    "ad-engagements": ad_engagements,
    "ad-impressions": ad_impressions,
    "ad-online-conversions-attributed": conversions,
    "ad-online-conversions-unattributed": conversions,
    "ad-mobile-conversions-attributed": conversions,
    "ad-mobile-conversions-unattributed": conversions,
    "personalization": personalization,
    "direct-messages": direct_messages,
    "direct-messages-group": group_messages,
    "direct-message-headers": headers,
    "direct-message-group-headers": headers,
    "tweets": tweets,
    "tweet": tweets,
    "deleted-tweets": deleted_tweets,
    "deleted-tweet": deleted_tweets,
    "like": _activity("like", "like", "expandedUrl", "fullText"),
    "follower": _activity("follower", "follower", "userLink"),
    "following": _activity("following", "following", "userLink"),
    "block": _activity("block", "blocking", "userLink"),
    "mute": _activity("mute", "muting", "userLink"),
    "saved-search": _activity("saved_search", "savedSearch", "query"),
    "protected-history": protected_history,
    "account-timezone": account_timezone,
    "contact": contact,
    "phone-number": _profile("device", "phoneNumber", "phoneNumber", "phone"),
    "email-address-change": _profile("emailAddressChange", "emailChange", "changedTo", "email"),
    "screen-name-change": _profile("screenNameChange", "screenNameChange", "changedTo", "username"),
    "ageinfo": _profile("ageMeta", "ageInfo", "birthDate", "birth_date"),
    "connected-application": other("connected_application"),
    "app": other("app"),
}
