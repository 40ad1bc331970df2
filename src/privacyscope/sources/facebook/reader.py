"""Facebook reader: maps each known file (by base name) to its section reader."""

from __future__ import annotations

from privacyscope.inputs import ExportInput
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.facebook import activity, ads, location, security
from privacyscope.sources.facebook.detect import LAYOUT_NAMES
from privacyscope.sources.meta_common import (
    Handler,
    MetaContext,
    dispatch,
    read_advertisers,
    read_label_settings,
    read_messages,
    read_off_meta,
    read_other_categories,
)

HANDLERS: dict[str, Handler] = {
    # security and login
    "account_activity.json": security.read_account_activity,
    "logins_and_logouts.json": security.read_logins_and_logouts,
    "ip_address_activity.json": security.read_ip_activity,
    "used_ip_addresses.json": security.read_ip_activity,
    "where_you're_logged_in.json": security.read_active_sessions,
    "active_sessions.json": security.read_active_sessions,
    "recognized_devices.json": security.read_recognized_devices,
    "mobile_devices.json": security.read_mobile_devices,
    "your_devices.json": security.read_your_devices,
    "registration_information.json": security.read_registration,
    "login_protection_data.json": security.read_other_security,
    "record_details.json": security.read_other_security,
    "browser_cookies.json": security.read_other_security,
    "your_facebook_activity_history.json": security.read_other_security,
    # location
    "location_history.json": location.read_location_history,
    "last_location.json": location.read_last_location,
    "primary_location.json": location.read_primary_location,
    "primary_public_location.json": location.read_primary_location,
    "timezone.json": location.read_timezone,
    "device_location.json": location.read_device_location,
    # off-Meta and ads
    "your_off-facebook_activity.json": read_off_meta,
    "your_activity_off_meta_technologies.json": read_off_meta,
    "advertisers_using_your_activity_or_information.json": read_advertisers,
    "advertisers_who_uploaded_a_contact_list_with_your_information.json": read_advertisers,
    "advertisers_you've_interacted_with.json": ads.read_interacted,
    "ads_interests.json": ads.read_topics,
    "your_topics.json": ads.read_topics,
    "information_you've_submitted_to_advertisers.json": ads.read_lead_gen,
    "other_categories_used_to_reach_you.json": read_other_categories,
    "ad_preferences.json": read_label_settings,
    # profile, people, activity, settings
    "profile_information.json": activity.read_profile,
    "friends.json": activity.read_friends,
    "your_friends.json": activity.read_friends,
    "who_you've_followed.json": activity.read_following,
    "who_you_follow.json": activity.read_following,
    "people_who_followed_you.json": activity.read_followers,
    "your_search_history.json": activity.read_searches,
    "your_posts_1.json": activity.read_posts,
    "your_posts__check_ins__photos_and_videos_1.json": activity.read_posts,
    "privacy_settings.json": read_label_settings,
    "login_alerts_settings.json": read_label_settings,
}


def read(inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
    ctx = MetaContext(inp, "facebook", detection.layout, progress)
    ctx.result.notes.extend(detection.notes)
    ctx.result.layout_name = LAYOUT_NAMES.get(detection.layout)
    if detection.format == "html":
        ctx.result.format = "html"
    dispatch(ctx, HANDLERS, read_messages)
    return ctx.finish()
