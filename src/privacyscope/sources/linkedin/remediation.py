"""Where each finding is fixed on LinkedIn (web menus as of 2026)."""

from __future__ import annotations

_S = "Me > Settings & Privacy"

REMEDIATION: dict[str, str] = {
    "exposure.public_account": (
        f"{_S} > Visibility > 'Edit your public profile' > turn off 'Your profile's public "
        "visibility'; Visibility > 'Who can see or download your email address' > Only you."
    ),
    "exposure.personalized_ads": (
        f"{_S} > Advertising data > turn off the profile and activity items (e.g. 'Connections', "
        "'Location', 'Demographics', 'Interests and traits', 'Job information')."
    ),
    "exposure.messages_everyone": (
        f"{_S} > Communications > 'Who can reach you' > Messages > turn off 'Allow others to send "
        "you Sponsored Messages'; Invitations to connect > 'Only people who know your email'."
    ),
    "tracking.off_platform": (
        f"{_S} > Advertising data > 'Data from others' > turn off 'Ads beyond LinkedIn' and "
        "'Interactions with businesses' (advertiser lists and website / Insight Tag data)."
    ),
    "identifiers.device_ids": (
        "iPhone: Settings > Privacy & Security > Tracking > turn off 'Allow Apps to Request to "
        "Track'. Android: Settings > Google > Ads > 'Delete advertising ID'."
    ),
    "logins.ip_trail": (
        f"{_S} > Sign in & security > 'Where you're signed in': sign out sessions you do not "
        "recognise; turn on Two-step verification. Login history cannot be switched off."
    ),
    "location.data_held": (
        f"{_S} > Advertising data > Profile data > turn off 'Location'; edit Profile > "
        "Location to a region only."
    ),
    "profile.personal_data": (
        f"{_S} > Account preferences / Sign in & security > Email addresses / Phone numbers: "
        f"remove what you do not need; {_S} > Data privacy > 'Sync contacts' > remove imported "
        "contacts."
    ),
    "messages.retained": (
        "Messaging > open a conversation > ... > 'Delete conversation' (deletes your copy only)."
    ),
    "ads.profile": (
        f"{_S} > Advertising data > review 'Profile data' and 'Activity and inferred data' "
        "(inferred interests and traits) and turn off the categories you do not want used."
    ),
}
