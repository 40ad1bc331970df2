"""Instagram activity: searches, followers/following, likes, in-app browser links, posts, and the
legacy (G1) connections / likes / searches / media / seen_content / messages files."""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import ActivityEvent, AdItem, Message, OtherRecord, Post
from privacyscope.sources.meta_common import (
    MetaContext,
    as_dict,
    as_list,
    as_str,
    as_time,
    dumps,
    each_record,
)

_SEARCH_KEYS = {
    "profile_searches.json": ("searches_user", "profile"),
    "account_searches.json": ("searches_user", "profile"),
    "word_or_phrase_searches.json": ("searches_keyword", "keyword"),
    "tag_searches.json": ("searches_hashtag", "hashtag"),
    "hashtag_searches.json": ("searches_hashtag", "hashtag"),
}


def read_searches(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Profile, keyword and hashtag searches: ActivityEvent(kind="search", method=...)."""
    key, method = _SEARCH_KEYS[f.basename]
    ctx.touch("searches")
    for ref, rec in each_record(ctx, f, data, (key,)):
        term = rec.text("Search") or rec.title
        if term is None and rec.items:
            term = rec.items[0].text
        ctx.add(
            "searches",
            ActivityEvent(
                kind="search",
                time=rec.when("Time") or rec.time,
                value=term,
                method=method,
                ref=ref,
            ),
        )


def read_searches_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("searches")
    for i, raw in enumerate(as_list(data, f.name)):
        ref = f"{f.name}[{i}]"
        r = as_dict(raw, ref)
        ctx.check_keys(f.name, r, ("search_click", "time", "type"))
        ctx.add(
            "searches",
            ActivityEvent(
                kind="search",
                time=as_time(r.get("time")),
                value=as_str(r.get("search_click"), ref),
                method=as_str(r.get("type"), ref),
                ref=ref,
            ),
        )


def _relations(ctx: MetaContext, f: ExportFile, data: Any, key: str, kind: str) -> None:
    ctx.touch(kind)
    for ref, rec in each_record(ctx, f, data, (key,)):
        if rec.items:
            for j, item in enumerate(rec.items):
                ctx.add(
                    kind,
                    ActivityEvent(
                        kind=kind,
                        time=item.time or rec.time,
                        value=item.value or rec.title,
                        title=item.href,
                        ref=f"{ref}.string_list_data[{j}]",
                    ),
                )
        else:
            ctx.add(
                kind,
                ActivityEvent(
                    kind=kind,
                    time=rec.when("Time") or rec.time,
                    value=rec.text("Username") or rec.title,
                    title=rec.text("URL"),
                    ref=ref,
                ),
            )


def read_followers(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    _relations(ctx, f, data, "relationships_followers", "follower")


def read_following(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    _relations(ctx, f, data, "relationships_following", "following")


def read_liked_posts(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("likes")
    for ref, rec in each_record(ctx, f, data, ("likes_media_likes",)):
        href = rec.items[0].href if rec.items else rec.text("URL")
        when = rec.items[0].time if rec.items else rec.when("Time")
        ctx.add(
            "likes",
            ActivityEvent(
                kind="like",
                time=when or rec.time,
                value=href,
                title=rec.title or rec.text("Username"),
                ref=ref,
            ),
        )


def read_link_history(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """In-app browser history: ActivityEvent(kind="link_visit")."""
    ctx.touch("link_history")
    for ref, rec in each_record(ctx, f, data, ()):
        ctx.add(
            "link_history",
            ActivityEvent(
                kind="link_visit",
                time=rec.when("Website session start time") or rec.time,
                value=rec.text("Website link you visited"),
                title=rec.text("Title of website page you visited"),
                ref=ref,
            ),
        )


def read_posts(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``posts_1.json`` / ``stories.json``: lists of {media[{uri, creation_timestamp, title}]}."""
    kind = "story" if f.basename.startswith("stories") else "post"
    ctx.touch("posts")
    items = data.get("ig_stories", []) if isinstance(data, dict) else data
    if isinstance(data, dict):
        ctx.check_keys(f.name, data, ("ig_stories",))
    for i, raw in enumerate(as_list(items, f.name)):
        ref = f"{f.name}[{i}]"
        r = as_dict(raw, ref)
        ctx.check_keys(
            f.name,
            r,
            (
                "media",
                "title",
                "creation_timestamp",
                "uri",
                "media_metadata",
                "cross_post_source",
                "backup_uri",
            ),
        )
        media = [as_dict(m, ref) for m in as_list(r.get("media"), ref + ".media")]
        first = media[0] if media else r
        ctx.add(
            "posts",
            Post(
                time=as_time(r.get("creation_timestamp", first.get("creation_timestamp"))),
                title=as_str(r.get("title"), ref) or as_str(first.get("title"), ref),
                link=as_str(first.get("uri"), ref),
                kind=kind,
                ref=ref,
            ),
        )


def read_connections_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Legacy ``connections.json``: {followers: {name: time}, following: {...}, ...}."""
    d = as_dict(data, f.name)
    kinds = {"followers": "follower", "following": "following", "blocked_users": "block"}
    other = (
        "follow_requests_sent",
        "close_friends",
        "hide_stories_from",
        "dismissed_suggested_users",
        "following_hashtags",
        "restricted_users",
    )
    ctx.check_keys(f.name, d, (*kinds, *other))
    for key, value in d.items():
        if key not in kinds and key not in other:
            continue
        for name, when in as_dict(value, f"{f.name}:{key}").items():
            ref = f"{f.name}:{key}.{name}"
            if key in kinds:
                ctx.add(
                    kinds[key],
                    ActivityEvent(
                        kind=kinds[key],
                        time=as_time(when),
                        value=name,
                        ref=ref,
                    ),
                )
            else:
                ctx.add(key, OtherRecord(section=key, time=as_time(when), data=name, ref=ref))


def read_likes_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    d = as_dict(data, f.name)
    ctx.check_keys(f.name, d, ("media_likes", "comment_likes"))
    ctx.touch("likes")
    for key in ("media_likes", "comment_likes"):
        for i, raw in enumerate(as_list(d.get(key), f"{f.name}:{key}")):
            ref = f"{f.name}:{key}[{i}]"
            pair = as_list(raw, ref)
            ctx.add(
                "likes",
                ActivityEvent(
                    kind="like" if key == "media_likes" else "comment_like",
                    time=as_time(pair[0]) if pair else None,
                    value=as_str(pair[1], ref) if len(pair) > 1 else None,
                    ref=ref,
                ),
            )


def read_media_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    d = as_dict(data, f.name)
    ctx.check_keys(f.name, d, ("photos", "videos", "stories", "profile", "direct"))
    ctx.touch("posts")
    for key in ("photos", "videos", "stories"):
        for i, raw in enumerate(as_list(d.get(key), f"{f.name}:{key}")):
            ref = f"{f.name}:{key}[{i}]"
            r = as_dict(raw, ref)
            ctx.check_keys(f"{f.name}:{key}", r, ("caption", "taken_at", "path", "location"))
            ctx.add(
                "posts",
                Post(
                    time=as_time(r.get("taken_at")),
                    title=as_str(r.get("caption"), ref),
                    link=as_str(r.get("path"), ref),
                    location=as_str(r.get("location"), ref),
                    kind="story" if key == "stories" else "post",
                    ref=ref,
                ),
            )


def read_seen_content_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    d = as_dict(data, f.name)
    ctx.check_keys(f.name, d, ("ads_seen", "posts_seen", "videos_watched", "chaining_seen"))
    ctx.touch("ads_viewed")
    for key in ("ads_seen", "posts_seen", "videos_watched", "chaining_seen"):
        for i, raw in enumerate(as_list(d.get(key), f"{f.name}:{key}")):
            ref = f"{f.name}:{key}[{i}]"
            r = as_dict(raw, ref)
            ctx.check_keys(f"{f.name}:{key}", r, ("timestamp", "author", "username"))
            when = as_time(r.get("timestamp"))
            who = as_str(r.get("author"), ref) or as_str(r.get("username"), ref)
            if key == "ads_seen":
                ctx.add("ads_viewed", AdItem(kind="impression", name=who, time=when, ref=ref))
            elif key == "videos_watched":
                ctx.add("watch_history", ActivityEvent(kind="watch", time=when, title=who, ref=ref))
            elif key == "posts_seen":
                ctx.add("posts_seen", ActivityEvent(kind="view", time=when, title=who, ref=ref))
            else:
                ctx.add(key, OtherRecord(section=key, time=when, data=dumps(r), ref=ref))


def read_messages_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Legacy ``messages.json``: [{participants, conversation[{sender, created_at, text}]}]."""
    ctx.touch("messages")
    for ti, raw in enumerate(as_list(data, f.name)):
        tref = f"{f.name}[{ti}]"
        t = as_dict(raw, tref)
        ctx.check_keys(f.name, t, ("participants", "conversation"))
        names = [as_str(p, tref) or "" for p in as_list(t.get("participants"), tref)]
        kind = "group" if len(names) > 2 else "direct"
        for mi, mraw in enumerate(as_list(t.get("conversation"), tref + ".conversation")):
            ref = f"{tref}.conversation[{mi}]"
            m = as_dict(mraw, ref)
            ctx.check_keys(
                f.name + ".conversation",
                m,
                (
                    "sender",
                    "created_at",
                    "text",
                    "media_owner",
                    "media_share_url",
                    "likes",
                    "media",
                    "heart",
                ),
            )
            ctx.add(
                "messages",
                Message(
                    time=as_time(m.get("created_at")),
                    chat=", ".join(names) or None,
                    sender=as_str(m.get("sender"), ref),
                    content=as_str(m.get("text"), ref),
                    kind=kind,
                    ref=ref,
                ),
            )
