"""Facebook location files: location history, last location, primary (public) location,
time zone and the phone number's location."""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import Location, ProfileField
from privacyscope.sources.meta_common import (
    MetaContext,
    as_dict,
    as_float,
    as_list,
    as_str,
    as_time,
    dumps,
    each_flat,
    each_record,
    top_records,
)


def _coord(d: dict[str, Any], where: str) -> tuple[float | None, float | None]:
    c = as_dict(d.get("coordinate"), where + ".coordinate")
    return as_float(c.get("latitude")), as_float(c.get("longitude"))


def read_location_history(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``location_history(_v2)``: Location(kind="history") per point."""
    ctx.touch("location_history")
    keys = ("location_history_v2", "location_history")
    for ref, d in each_flat(ctx, f, data, keys, ("name", "coordinate", "creation_timestamp")):
        lat, lon = _coord(d, ref)
        ctx.add(
            "location_history",
            Location(
                kind="history",
                time=as_time(d.get("creation_timestamp")),
                place=as_str(d.get("name"), ref),
                latitude=lat,
                longitude=lon,
                ref=ref,
            ),
        )


def read_last_location(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``last_location_v2{coordinate, time}``: Location(kind="recent")."""
    ctx.touch("last_location")
    for ref, d in each_flat(
        ctx, f, data, ("last_location_v2", "last_location"), ("coordinate", "time", "name")
    ):
        lat, lon = _coord(d, ref)
        ctx.add(
            "last_location",
            Location(
                kind="recent",
                time=as_time(d.get("time")),
                place=as_str(d.get("name"), ref),
                latitude=lat,
                longitude=lon,
                ref=ref,
            ),
        )


def read_primary_location(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``primary_location_v2{city_region_pairs, zipcode}`` or G4 label_values (City, Region,
    Zip code): Location(kind="region") (an inference, not a location point)."""
    if (isinstance(data, dict) and "label_values" in data) or isinstance(data, list):
        for ref, rec in each_record(ctx, f, data, ()):
            ctx.add(
                "primary_location",
                Location(
                    kind="region",
                    place=rec.text("City"),
                    region=rec.text("Region"),
                    raw=rec.text("Zip code"),
                    ref=ref,
                ),
            )
        return
    keys = ("primary_location_v2", "primary_location", "primary_public_location_v2")
    for i, raw in enumerate(top_records(ctx, data, f.name, keys)):
        ref = f"{f.name}[{i}]"
        d = as_dict(raw, ref)
        ctx.check_keys(f.name, d, ("city_region_pairs", "zipcode", "city", "region", "country"))
        pairs = [as_list(p, ref) for p in as_list(d.get("city_region_pairs"), ref)]
        if not pairs and ("city" in d or "region" in d):
            pairs = [[d.get("city"), d.get("region")]]
        zips = (
            [as_str(z, ref) for z in as_list(d.get("zipcode"), ref)]
            if isinstance(d.get("zipcode"), list)
            else [as_str(d.get("zipcode"), ref)]
        )
        for j, pair in enumerate(pairs):
            ctx.add(
                "primary_location",
                Location(
                    kind="region",
                    place=as_str(pair[0], ref) if pair else None,
                    region=as_str(pair[1], ref) if len(pair) > 1 else None,
                    raw=dumps([z for z in zips if z]) if any(zips) else None,
                    ref=f"{ref}.city_region_pairs[{j}]",
                ),
            )


def read_timezone(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    for ref, d in [(f.name, data)]:
        value = d.get("timezone_v2", d.get("timezone")) if isinstance(d, dict) else d
        if isinstance(d, dict):
            ctx.check_keys(f.name, d, ("timezone_v2", "timezone"))
        ctx.add(
            "profile",
            ProfileField(key="timezone", value=as_str(value, ref), category="region", ref=ref),
        )


def read_device_location(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    keys = ("phone_number_location_v2", "phone_number_location")
    for ref, d in each_flat(ctx, f, data, keys, ("spn", "country_code")):
        ctx.add(
            "device_location",
            Location(
                kind="region",
                place=as_str(d.get("spn"), ref),
                region=as_str(d.get("country_code"), ref),
                ref=ref,
            ),
        )
