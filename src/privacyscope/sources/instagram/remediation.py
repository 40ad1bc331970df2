"""Instagram's own remediation steps per finding id (app menus as of 2025-26; Meta renames
menus often, so each step names the Accounts Center page as well)."""

from __future__ import annotations

REMEDIATION: dict[str, str] = {
    "exposure.public_account": (
        "Instagram app: Profile > Menu (Settings and activity) > Account privacy > turn on "
        "Private account."
    ),
    "exposure.personalized_ads": (
        "Settings and activity > Accounts Center > Ad preferences > Manage info: review "
        "'Activity information from ad partners' and turn off its use for ads; in the EU/EEA "
        "and Switzerland, Accounts Center > Ad preferences > Ad personalization lets you choose "
        "less personalised ads."
    ),
    "exposure.suggested_to_others": (
        "Profile > Edit profile > turn off 'Show account suggestions on profiles'; "
        "Settings and activity > Accounts Center > Your information and permissions > "
        "Upload contacts: turn off contact syncing."
    ),
    "exposure.messages_everyone": (
        "Settings and activity > Messages and story replies > Message requests: set "
        "'Others on Instagram' and 'Others on Facebook' to 'Don't receive requests'."
    ),
    "exposure.comments_everyone": (
        "Settings and activity > Comments > Allow comments from: choose 'People you follow' or "
        "'Your followers'."
    ),
    "tracking.off_platform": (
        "Settings and activity > Accounts Center > Your information and permissions > Your "
        "activity off Meta technologies > Disconnect specific activity (or Clear previous "
        "activity) and Manage future activity > Disconnect future activity."
    ),
    "identifiers.device_ids": (
        "Settings and activity > Accounts Center > Password and security > Where you're "
        "logged in: log out of devices you do not recognise; reset your phone's advertising ID "
        "(iOS: Settings > Privacy & Security > Tracking; Android: Settings > Privacy > Ads > "
        "Delete advertising ID)."
    ),
    "logins.ip_trail": (
        "Settings and activity > Accounts Center > Password and security > Where you're "
        "logged in (end unknown sessions) and Login alerts; turn on Two-factor authentication."
    ),
    "location.data_held": (
        "Instagram has no location-history switch: in the phone's settings set Instagram's "
        "location permission to Never (iOS: Settings > Privacy & Security > Location Services > "
        "Instagram; Android: Settings > Location > App location permissions > Instagram), and "
        "remove locations from posts with Edit."
    ),
    "profile.personal_data": (
        "Settings and activity > Accounts Center > Personal details: review contact info and "
        "birthday; Profile > Edit profile for name, bio and links."
    ),
    "messages.retained": (
        "Open a chat > tap the name > Delete chat (removes only your copy); for new chats use "
        "end-to-end encrypted chats or disappearing messages."
    ),
    "ads.profile": (
        "Settings and activity > Accounts Center > Ad preferences > Ad topics, and Manage info "
        "> Categories used to reach you: remove categories; Advertisers: hide advertisers."
    ),
}
