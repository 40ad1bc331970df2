"""Facebook profile, friends and follows, searches and posts."""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import ActivityEvent, Post, ProfileField
from privacyscope.sources.meta_common import (
    MetaContext,
    ShapeError,
    as_dict,
    as_list,
    as_str,
    as_time,
    dumps,
    each_flat,
    top_records,
)

#: profile_v2 keys mapped to a category; every other known key is kept as "other" (JSON value)
_PROFILE_KEYS = {
    "name": "name",
    "emails": "email",
    "birthday": "birth_date",
    "gender": "gender",
    "current_city": "region",
    "hometown": "region",
    "phone_numbers": "phone",
    "username": "username",
    "profile_uri": "link",
    "relationship": "other",
    "family_members": "other",
    "education_experiences": "other",
    "work_experiences": "other",
    "languages": "other",
    "places_lived": "address",
    "registration_timestamp": "other",
    "websites": "link",
    "intro_bio": "bio",
    "blood_info": "other",
    "pages": "other",
    "groups": "other",
    "address": "address",
    "about_me": "bio",
    "religious_view": "other",
    "political_view": "other",
    "favorite_quotes": "other",
    "previous_relationships": "other",
    "other_names": "name",
    "interested_in": "other",
    "significant_other": "other",
    "nickname": "name",
    "professional_skills": "other",
    "life_events": "other",
}


def _profile_value(key: str, v: Any, where: str) -> str | None:
    if key == "name" and isinstance(v, dict):
        return as_str(v.get("full_name"), where) or dumps(v)
    if key == "emails" and isinstance(v, dict):
        mails = [as_str(x, where) for x in as_list(v.get("emails"), where)]
        return ", ".join(m for m in mails if m) or None
    if key in ("current_city", "hometown") and isinstance(v, dict):
        return as_str(v.get("name"), where)
    if key == "gender" and isinstance(v, dict):
        return as_str(v.get("gender_option"), where) or as_str(v.get("pronoun"), where)
    if key == "birthday" and isinstance(v, dict):
        y, m, d = (v.get(k) for k in ("year", "month", "day"))
        if all(isinstance(x, int) for x in (y, m, d)):
            return f"{y:04d}-{m:02d}-{d:02d}"
        return dumps(v)
    if key == "phone_numbers" and isinstance(v, list):
        nums = [as_str(as_dict(x, where).get("phone_number"), where) for x in v]
        return ", ".join(n for n in nums if n) or None
    if key == "registration_timestamp":
        return as_time(v)
    if isinstance(v, dict | list):
        return dumps(v)
    return as_str(v, where)


def read_profile(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``profile_v2`` (G1 ``profile``): one ProfileField per profile key."""
    ctx.touch("profile")
    for i, raw in enumerate(top_records(ctx, data, f.name, ("profile_v2", "profile"))):
        ref = f"{f.name}[{i}]"
        d = as_dict(raw, ref)
        for key, value in d.items():
            if key not in _PROFILE_KEYS:
                ctx.unknown(f"{f.name}.{key}", "key", key)
                continue
            ctx.add(
                "profile",
                ProfileField(
                    key=key,
                    value=_profile_value(key, value, f"{ref}.{key}"),
                    category=_PROFILE_KEYS[key],
                    ref=f"{ref}.{key}",
                ),
            )


def _people(ctx: MetaContext, f: ExportFile, data: Any, keys: tuple[str, ...], kind: str) -> None:
    ctx.touch(kind)
    for ref, d in each_flat(ctx, f, data, keys, ("name", "timestamp", "contact_info", "uri")):
        ctx.add(
            kind,
            ActivityEvent(
                kind=kind,
                time=as_time(d.get("timestamp")),
                value=as_str(d.get("name"), ref),
                ref=ref,
            ),
        )


def read_friends(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    _people(ctx, f, data, ("friends_v2", "friends"), "friend")


def read_following(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    _people(ctx, f, data, ("following_v3", "following_v2", "following"), "following")


def read_followers(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    _people(ctx, f, data, ("followers_v3", "followers_v2", "followers"), "follower")


def _texts(v: Any, where: str) -> list[str]:
    """Every ``text`` / ``post`` in a ``data`` or ``attachments[].data`` list."""
    out: list[str] = []
    for item in as_list(v, where):
        d = as_dict(item, where)
        for k in ("text", "post"):
            s = as_str(d.get(k), where) if not isinstance(d.get(k), dict | list) else None
            if s:
                out.append(s)
        if "data" in d:
            out.extend(_texts(d["data"], where))
    return out


def read_searches(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``searches_v2`` (G1 ``searches``): ActivityEvent(kind="search")."""
    ctx.touch("searches")
    keys = ("searches_v2", "searches")
    for ref, d in each_flat(ctx, f, data, keys, ("timestamp", "attachments", "data", "title")):
        terms = _texts(d.get("data"), ref) or _texts(d.get("attachments"), ref)
        ctx.add(
            "searches",
            ActivityEvent(
                kind="search",
                time=as_time(d.get("timestamp")),
                value=terms[0] if terms else None,
                title=as_str(d.get("title"), ref),
                ref=ref,
            ),
        )


def read_posts(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``your_posts_*.json``: a list of {timestamp, data[{post}], attachments, title}."""
    ctx.touch("posts")
    if not isinstance(data, list):
        raise ShapeError("expected a list of posts")
    known = ("timestamp", "data", "attachments", "title", "tags", "event")
    for i, raw in enumerate(data):
        ref = f"{f.name}[{i}]"
        d = as_dict(raw, ref)
        ctx.check_keys(f.name, d, known)
        texts = _texts(d.get("data"), ref)
        ctx.add(
            "posts",
            Post(
                time=as_time(d.get("timestamp")),
                title=texts[0] if texts else as_str(d.get("title"), ref),
                ref=ref,
            ),
        )
