"""Where each finding is fixed on X (x.com web and app menus as of 2026)."""

from __future__ import annotations

_S = "More (⋯) > Settings and privacy"
_P = f"{_S} > Privacy and safety"

REMEDIATION: dict[str, str] = {
    "exposure.public_account": f"{_P} > Audience, media and tagging > tick 'Protect your posts'.",
    "exposure.personalized_ads": f"{_P} > Ads preferences > turn off 'Personalized ads'.",
    "exposure.messages_everyone": (
        f"{_P} > Direct messages > 'Allow message requests from' > 'People you follow' or "
        "'Verified users' / 'No one'."
    ),
    "tracking.off_platform": (
        f"{_P} > Data sharing and personalization > 'Off-X activity' > turn off 'Allow use of "
        "where you see X content across the web' and 'Personalize based on your inferred "
        f"identity'; {_P} > Data sharing with business partners > turn off."
    ),
    "identifiers.device_ids": (
        "iPhone: Settings > Privacy & Security > Tracking > turn off 'Allow Apps to Request to "
        "Track'. Android: Settings > Google > Ads > 'Delete advertising ID'. "
        f"{_S} > Security and account access > Apps and sessions > Sessions: log out old devices."
    ),
    "logins.ip_trail": (
        f"{_S} > Security and account access > Apps and sessions > Sessions > log out the "
        "sessions you do not recognise; Security > Two-factor authentication > turn on. The "
        "login IP history itself cannot be switched off."
    ),
    "location.data_held": (
        f"{_P} > Location information > turn off 'Personalize based on places you've been' and "
        "'Add location information to your posts' (then 'Remove all location information')."
    ),
    "profile.personal_data": (
        f"{_S} > Your account > Account information: remove the phone number / email you do "
        f"not need; {_P} > Discoverability and contacts > turn off 'Let others find you by your "
        "email / phone number' and 'Remove all contacts'."
    ),
    "messages.retained": (
        "Messages > open a conversation > (i) > 'Delete conversation' (deletes your copy only)."
    ),
    "ads.profile": (
        f"{_S} > Your account > Download an archive / {_P} > Content you see > Interests: "
        f"untick the interests; {_P} > Ads preferences > 'Personalized ads' > off."
    ),
    "tracking.x_targeting_lists": (
        f"{_P} > Ads preferences > turn off 'Personalized ads' (stops list and website-activity "
        f"targeting on X); {_P} > Data sharing and personalization > Off-X activity > turn off; "
        "block third-party cookies in the browser for retargeting."
    ),
}
