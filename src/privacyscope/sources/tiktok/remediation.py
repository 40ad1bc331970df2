"""Where each finding is fixed in the TikTok app (menu paths as of 2026; web paths differ)."""

from __future__ import annotations

_S = "Profile > Menu (☰) > Settings and privacy"

REMEDIATION: dict[str, str] = {
    "exposure.public_account": f"{_S} > Privacy > turn on 'Private account'.",
    "exposure.personalized_ads": (
        f"{_S} > Ads > turn off 'Personalized ads' (where offered) and 'Use of off-TikTok "
        "activity for ad targeting'."
    ),
    "exposure.downloads_everyone": f"{_S} > Privacy > Downloads > turn off 'Video downloads'.",
    "exposure.duet_everyone": f"{_S} > Privacy > Duet > choose 'Only you' (or 'Friends').",
    "exposure.stitch_everyone": f"{_S} > Privacy > Stitch > choose 'Only you' (or 'Friends').",
    "exposure.comments_everyone": f"{_S} > Privacy > Comments > choose 'Friends' or 'No one'.",
    "exposure.messages_everyone": (
        f"{_S} > Privacy > Direct messages > choose 'Friends' or 'No one'."
    ),
    "exposure.suggested_to_others": (
        f"{_S} > Privacy > Suggest your account to others > turn off 'Contacts', 'Facebook "
        "friends', 'People with mutual connections' and 'People who open or send links to you'; "
        "also Privacy > Sync contacts and Facebook friends > off, and remove synced contacts."
    ),
    "exposure.liked_videos_public": f"{_S} > Privacy > Liked videos > choose 'Only me'.",
    "exposure.public_posts_with_location": (
        "Open each listed post > ... > Privacy settings > 'Who can watch this video' > Friends "
        f"or Only you, or edit the post and remove the location tag; {_S} > Location > turn off "
        "'Location services' so new posts are not tagged."
    ),
    "tracking.off_platform": (
        f"{_S} > Ads > 'Activity from ad partners' (also called off-TikTok activity) > "
        "'Disconnect activity' and turn off 'Use of off-TikTok activity for ad targeting'. "
        "Future collection by the advertisers themselves is not switched off by this: block "
        "third-party cookies and trackers in your browser."
    ),
    "identifiers.device_ids": (
        "iPhone: Settings > Privacy & Security > Tracking > turn off 'Allow Apps to Request to "
        "Track' (sets the IDFA to zeros). Android: Settings > Google > Ads > 'Delete advertising "
        "ID'. The TikTok-internal device ids cannot be switched off; uninstalling the app stops "
        "new records."
    ),
    "logins.ip_trail": (
        f"{_S} > Security and permissions > Manage devices: log out devices you do not "
        "recognise; turn on 2-step verification. The login IP trail itself cannot be switched "
        "off; a trusted VPN changes which IP TikTok sees."
    ),
    "location.data_held": (
        f"{_S} > Location > turn off 'Location services'; in the phone's settings set TikTok's "
        "location permission to 'Never'. Delete location reviews under Profile > Location "
        "reviews."
    ),
    "profile.personal_data": (
        f"{_S} > Account > Account information: remove the phone number or email you do not "
        f"need; {_S} > Ads (or Privacy) > Autofill: turn off and delete saved contact and "
        "payment details; Account > unlink Facebook / Google logins you do not use."
    ),
    "messages.retained": (
        "Inbox > long-press a chat > Delete (this deletes your copy only); "
        f"{_S} > Privacy > Direct messages > limit who can message you."
    ),
    "ads.profile": (
        f"{_S} > Ads > review 'Ad interests' / 'Manage topics' and turn off 'Personalized ads' "
        "where offered."
    ),
    "activity.watch_time": (
        f"{_S} > Time and wellbeing > Daily screen time: set a limit; Activity center > Watch "
        "history: clear it."
    ),
}
