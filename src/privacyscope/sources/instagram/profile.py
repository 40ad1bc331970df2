"""Instagram personal information, settings, inferred location and synced contacts."""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import Contact, Location, OtherRecord, ProfileField
from privacyscope.sources.meta_common import (
    SETTING_LABELS,
    MetaContext,
    as_dict,
    as_list,
    as_str,
    as_time,
    each_record,
    read_label_settings,
)

read_settings_file = read_label_settings

CATEGORY = {
    "Username": "username",
    "Email": "email",
    "Phone Number": "phone",
    "Name": "name",
    "Date of birth": "birth_date",
    "Gender": "gender",
    "Bio": "bio",
    "URL": "link",
}


def read_personal_information(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``profile_user`` string map: profile fields; "Private Account" also a setting."""
    ctx.touch("profile")
    for ref, rec in each_record(ctx, f, data, ("profile_user",)):
        for canon, entry in rec.fields.items():
            raw_label = rec.raw_labels.get(canon, canon)
            if canon in SETTING_LABELS:
                ctx.setting(raw_label, entry.text, ref)
                continue
            ctx.add(
                "profile",
                ProfileField(
                    key=raw_label,
                    value=entry.text,
                    category=CATEGORY.get(canon, "other"),
                    ref=ref,
                ),
            )


def read_privacy_changes(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    keys = ("account_history_account_privacy_history", "account_history_profile_privacy_history")
    for ref, rec in each_record(ctx, f, data, keys):
        ctx.add(
            "privacy_changes",
            OtherRecord(
                section="privacy_changes",
                time=rec.when("Time") or rec.time,
                data=rec.title,
                ref=ref,
            ),
        )


def read_based_in(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``inferred_data_primary_location`` "City Name": Location(kind="region")."""
    for ref, rec in each_record(ctx, f, data, ("inferred_data_primary_location",)):
        ctx.add("inferred_location", Location(kind="region", place=rec.text("City Name"), ref=ref))


def read_synced_contacts(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("contacts")
    for ref, rec in each_record(ctx, f, data, ("contacts_contact_info",)):
        name = " ".join(x for x in (rec.text("First name"), rec.text("Surname")) if x) or None
        ctx.add("contacts", Contact(name=name, detail=rec.text("Contact information"), ref=ref))


# -- legacy (G1) ----------------------------------------------------------------------------

_G1_PROFILE = {
    "biography": "bio",
    "date_joined": "other",
    "email": "email",
    "gender": "gender",
    "is_business_account": "other",
    "name": "name",
    "phone_number": "phone",
    "profile_pic_url": "photo",
    "username": "username",
    "date_of_birth": "birth_date",
    "website": "link",
}
_G1_SETTINGS = {
    "private_account": "Private Account",
    "allow_comments_from": "Comments Allowed From",
    "show_activity_status": "Active Status",
}


def read_profile_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    d = as_dict(data, f.name)
    ctx.check_keys(f.name, d, (*_G1_PROFILE, *_G1_SETTINGS))
    ctx.touch("profile")
    for k, v in d.items():
        if k in _G1_SETTINGS:
            ctx.setting(k, v, f"{f.name}:{k}", canon=_G1_SETTINGS[k])
        elif k in _G1_PROFILE:
            ctx.add(
                "profile",
                ProfileField(
                    key=k,
                    value=as_str(v, k),
                    category=_G1_PROFILE[k],
                    ref=f"{f.name}:{k}",
                ),
            )


def read_settings_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    d = as_dict(data, f.name)
    lists = ("filtered_keywords", "hide_stories_from", "blocked_commenters")
    ctx.check_keys(f.name, d, (*_G1_SETTINGS, *lists))
    for k, v in d.items():
        if k in _G1_SETTINGS:
            ctx.setting(k, v, f"{f.name}:{k}", canon=_G1_SETTINGS[k])
        elif k in lists:
            ctx.setting(k, as_list(v, f"{f.name}:{k}"), f"{f.name}:{k}")


def read_contacts_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    ctx.touch("contacts")
    for i, raw in enumerate(as_list(data, f.name)):
        ref = f"{f.name}[{i}]"
        r = as_dict(raw, ref)
        ctx.check_keys(f.name, r, ("first_name", "last_name", "contact"))
        name = (
            " ".join(
                x for x in (as_str(r.get("first_name"), ref), as_str(r.get("last_name"), ref)) if x
            )
            or None
        )
        ctx.add("contacts", Contact(name=name, detail=as_str(r.get("contact"), ref), ref=ref))


def read_information_about_you_g1(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    d = as_dict(data, f.name)
    ctx.check_keys(f.name, d, ("primary_location",))
    loc = as_dict(d.get("primary_location"), f.name + ":primary_location")
    ctx.check_keys(f.name + ":primary_location", loc, ("city_name", "time"))
    if loc:
        ctx.add(
            "inferred_location",
            Location(
                kind="region",
                place=as_str(loc.get("city_name"), f.name),
                time=as_time(loc.get("time")),
                ref=f"{f.name}:primary_location",
            ),
        )
