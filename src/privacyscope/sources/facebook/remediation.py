"""Facebook's own remediation steps per finding id (menus as of 2025-26; Meta renames menus
often, so steps name the Accounts Center page too)."""

from __future__ import annotations

REMEDIATION: dict[str, str] = {
    "exposure.public_account": (
        "Settings & privacy > Settings > Audience and visibility > Posts > 'Who can see your "
        "future posts?': Friends; and 'Limit who can see past posts'. Review Profile > Edit "
        "profile details for each item's audience."
    ),
    "exposure.personalized_ads": (
        "Settings & privacy > Settings > Accounts Center > Ad preferences > Manage info > "
        "'Activity information from ad partners': turn off its use for ads; in the EU/EEA and "
        "Switzerland, Accounts Center > Ad preferences > Ad personalization (or Subscription) "
        "offers less personalised ads."
    ),
    "exposure.suggested_to_others": (
        "Settings & privacy > Settings > Audience and visibility > How people find and contact "
        "you: set 'Who can look you up using the email address / phone number you provided?' "
        "to Only me and answer No to 'Do you want search engines outside of Facebook to link "
        "to your profile?'; Accounts Center > Your information and permissions > Upload "
        "contacts: off."
    ),
    "exposure.messages_everyone": (
        "Messenger: Settings & privacy > Settings > Audience and visibility > How people find "
        "and contact you > Message delivery: send 'Others on Facebook' and 'Others on "
        "Instagram' to Don't receive requests."
    ),
    "exposure.comments_everyone": (
        "Settings & privacy > Settings > Audience and visibility > Followers and public content "
        "> 'Who can comment on your public posts?': Friends (or Friends of friends)."
    ),
    "tracking.off_platform": (
        "Settings & privacy > Settings > Accounts Center > Your information and permissions > "
        "Your activity off Meta technologies > Disconnect specific activity (or Clear previous "
        "activity) / Manage future activity > Disconnect future activity."
    ),
    "identifiers.device_ids": (
        "Settings & privacy > Settings > Accounts Center > Password and security > Where "
        "you're logged in: log out devices you do not recognise; reset the phone's advertising "
        "ID (iOS: Settings > Privacy & Security > Tracking; Android: Settings > Privacy > Ads > "
        "Delete advertising ID)."
    ),
    "logins.ip_trail": (
        "Settings & privacy > Settings > Accounts Center > Password and security > Where "
        "you're logged in and Login alerts; turn on Two-factor authentication; Security "
        "Checkup."
    ),
    "location.data_held": (
        "Settings & privacy > Settings > Location (under Permissions): turn Location services "
        "off for Facebook, and in the phone's settings set Facebook's location permission to "
        "Never; where Location History is still offered, turn it off and delete it there."
    ),
    "profile.personal_data": (
        "Settings & privacy > Settings > Accounts Center > Personal details (contact info, "
        "birthday); Profile > Edit profile details: remove items or set them to Only me."
    ),
    "messages.retained": (
        "Messenger: open the chat > tap the name > Delete chat (removes only your copy); "
        "Settings & privacy > Settings > Privacy & safety > End-to-end encrypted chats > "
        "Message storage: review or turn off secure storage."
    ),
    "ads.profile": (
        "Settings & privacy > Settings > Accounts Center > Ad preferences > Ad topics, and "
        "Manage info > Categories used to reach you: remove categories; Advertisers you've "
        "seen: hide ads from an advertiser."
    ),
}
