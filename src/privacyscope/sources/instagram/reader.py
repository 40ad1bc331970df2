"""Instagram reader: maps each known file (by base name) to its section reader."""

from __future__ import annotations

from privacyscope.inputs import ExportInput
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.instagram import activity, ads, logins, profile
from privacyscope.sources.instagram.detect import LAYOUT_NAMES
from privacyscope.sources.meta_common import (
    Handler,
    MetaContext,
    dispatch,
    read_advertisers,
    read_messages,
    read_off_meta,
)

HANDLERS: dict[str, Handler] = {
    # security and login
    "login_activity.json": logins.read_login_activity,
    "logout_activity.json": logins.read_logout_activity,
    "profile_activity.json": logins.read_profile_activity,
    "signup_details.json": logins.read_signup,
    "signup_information.json": logins.read_signup,
    "password_change_activity.json": logins.read_password_changes,
    "last_known_location.json": logins.read_last_known_location,
    "devices.json": logins.read_devices,
    "camera_information.json": logins.read_camera_information,
    "account_history.json": logins.read_account_history_g1,
    # activity
    "profile_searches.json": activity.read_searches,
    "account_searches.json": activity.read_searches,
    "word_or_phrase_searches.json": activity.read_searches,
    "tag_searches.json": activity.read_searches,
    "hashtag_searches.json": activity.read_searches,
    "searches.json": activity.read_searches_g1,
    "followers_1.json": activity.read_followers,
    "followers.json": activity.read_followers,
    "following.json": activity.read_following,
    "liked_posts.json": activity.read_liked_posts,
    "link_history.json": activity.read_link_history,
    "posts_1.json": activity.read_posts,
    "stories.json": activity.read_posts,
    "connections.json": activity.read_connections_g1,
    "likes.json": activity.read_likes_g1,
    "media.json": activity.read_media_g1,
    "seen_content.json": activity.read_seen_content_g1,
    "messages.json": activity.read_messages_g1,
    # ads and off-Meta
    "ads_viewed.json": ads.read_ads_viewed,
    "ads_clicked.json": ads.read_ads_clicked,
    "ads_interests.json": ads.read_interests,
    "your_topics.json": ads.read_interests,
    "other_categories_used_to_reach_you.json": ads.read_other_categories,
    "advertisers_using_your_activity_or_information.json": read_advertisers,
    "your_activity_off_meta_technologies.json": read_off_meta,
    "your_off-facebook_activity.json": read_off_meta,
    # profile and settings
    "personal_information.json": profile.read_personal_information,
    "comments_allowed_from.json": profile.read_settings_file,
    "profile_privacy_changes.json": profile.read_privacy_changes,
    "account_privacy_changes.json": profile.read_privacy_changes,
    "profile_based_in.json": profile.read_based_in,
    "account_based_in.json": profile.read_based_in,
    "synced_contacts.json": profile.read_synced_contacts,
    "profile.json": profile.read_profile_g1,
    "settings.json": profile.read_settings_g1,
    "uploaded_contacts.json": profile.read_contacts_g1,
    "information_about_you.json": profile.read_information_about_you_g1,
}

FOLDER_HANDLERS: tuple[tuple[str, Handler], ...] = (
    ("preferences/settings", profile.read_settings_file),
)


def read(inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
    ctx = MetaContext(inp, "instagram", detection.layout, progress)
    ctx.result.notes.extend(detection.notes)
    ctx.result.layout_name = LAYOUT_NAMES.get(detection.layout)
    if detection.format == "html":
        ctx.result.format = "html"
    dispatch(ctx, HANDLERS, read_messages, FOLDER_HANDLERS)
    return ctx.finish()
