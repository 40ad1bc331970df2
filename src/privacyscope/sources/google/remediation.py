"""Where each finding is fixed for a Google account (web paths as of 2026)."""

from __future__ import annotations

_MA = "myactivity.google.com"
_ACC = "myaccount.google.com"

REMEDIATION: dict[str, str] = {
    "exposure.public_account": (
        f"{_ACC} > Personal info > 'Choose what others see' (About me): set each field to "
        "'Only you'; YouTube: Studio > Settings > Permissions / channel, and "
        "youtube.com > Settings > Privacy > 'Keep all my subscriptions private'."
    ),
    "exposure.personalized_ads": (
        "myadcenter.google.com > 'Personalized ads' > turn off; also "
        f"{_ACC} > Data & privacy > 'Personalized ads' (My Ad Center)."
    ),
    "exposure.messages_everyone": (
        "Google Chat: chat.google.com > Settings > 'Who can message you' / block unknown "
        "senders; YouTube has no direct messages since 2019."
    ),
    "tracking.off_platform": (
        f"{_MA} > Web & App Activity > untick 'Include Chrome history and activity from sites, "
        "apps, and devices that use Google services'; myadcenter.google.com > turn off "
        "'Personalized ads' (ads on partner sites use the same setting)."
    ),
    "identifiers.device_ids": (
        "Android: Settings > Google > All services > Ads > 'Delete advertising ID'. iPhone: "
        "Settings > Privacy & Security > Tracking > turn off 'Allow Apps to Request to Track'. "
        "Location History device tags go when Timeline data is deleted (below)."
    ),
    "logins.ip_trail": (
        f"{_ACC} > Security > 'Your devices' > Manage all devices: sign out devices you do not "
        "recognise; Security > 'Recent security activity'; turn on 2-Step Verification. The "
        "access log itself cannot be switched off."
    ),
    "location.data_held": (
        f"{_MA} > Timeline (Location History) > Turn off, then 'Delete activity' / set "
        "Auto-delete to 3 months; on the phone: Google Maps > your profile > Your Timeline > "
        "... > Location & privacy settings > delete Timeline. Also "
        f"{_MA} > Web & App Activity > Auto-delete (places searched in Maps)."
    ),
    "profile.personal_data": (
        f"{_ACC} > Personal info: remove the phone number, birthday, addresses and other "
        "emails you do not need; 'Choose what others see' > Only you."
    ),
    "messages.retained": (
        "Google Chat / Messages: delete conversations you no longer need; Chat > a "
        "conversation > 'Turn history off'."
    ),
    "ads.profile": (
        "myadcenter.google.com > 'Customize ads' / 'Manage privacy': review the topics and "
        "brands, or turn off 'Personalized ads'."
    ),
    "activity.watch_time": (
        f"{_MA} > YouTube History > Turn off (watch and search history) and Auto-delete; "
        "youtube.com > You > History > 'Clear all watch history'."
    ),
    "location.google_density": (
        f"{_MA} > Timeline (Location History) > Turn off, then delete the Timeline data "
        "(Maps app > Your Timeline > Location & privacy settings > Delete all Timeline); set "
        "Auto-delete for Web & App Activity to 3 months."
    ),
}
