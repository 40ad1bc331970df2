"""Where each finding is fixed in the Snapchat app (menus as of 2026)."""

from __future__ import annotations

_S = "Profile > Settings (⚙)"
_P = f"{_S} > Privacy Controls"

REMEDIATION: dict[str, str] = {
    "exposure.public_account": (
        f"{_P} > 'View My Story' > My Friends; 'See My Location' > Ghost Mode; turn off "
        "'See me in Quick Add'; remove a Public Profile if you created one."
    ),
    "exposure.personalized_ads": (
        f"{_S} > Privacy Controls > Ad Preferences (or Additional Services > Manage > Ad "
        "Preferences) > turn off 'Activity-Based' and 'Audience-Based'."
    ),
    "exposure.messages_everyone": f"{_P} > 'Contact Me' > My Friends.",
    "tracking.off_platform": (
        f"{_S} > Ad Preferences > turn off 'Third-Party Ad Activity' / 'Audience-Based' "
        f"(advertisers' lists); {_P} > 'Clear Data' for Snap Kit connected apps > Connected "
        "Apps: remove the apps you do not use."
    ),
    "identifiers.device_ids": (
        "iPhone: Settings > Privacy & Security > Tracking > turn off 'Allow Apps to Request to "
        "Track'. Android: Settings > Google > Ads > 'Delete advertising ID'. "
        f"{_S} > Devices: remove old devices."
    ),
    "logins.ip_trail": (
        f"{_S} > Two-Factor Authentication > turn on; {_S} > Devices > log out the ones you do "
        "not recognise. The login IP history itself cannot be switched off."
    ),
    "location.data_held": (
        f"{_P} > 'See My Location' > Ghost Mode on; {_S} > 'Location' (Snap Map / Location "
        "sharing) > turn off; phone settings: Snapchat location permission 'Never'; Memories: "
        "remove location data from saved Snaps."
    ),
    "profile.personal_data": (
        f"{_S} > Mobile Number / Email: remove what you do not need; {_P} > Contact Syncing > "
        "off and 'Delete contact data'."
    ),
    "messages.retained": (
        "Chat > press and hold a message > Delete; Chat settings > 'Delete Chats...' > After "
        f"Viewing; {_P} > 'Clear Data' > Clear Conversations."
    ),
    "ads.profile": (
        f"{_S} > Ad Preferences > Lifestyle & Interests: untick the categories; turn off "
        "'Activity-Based' ads."
    ),
}
