import itertools

import numpy as np

from privacyscope.analysis import is_real_identifier
from privacyscope.claims.base import Claim, Verdict
from privacyscope.context import AuditContext
from privacyscope.model import DeviceIdentifier, Login, present_mask, ref_of

CLAIM = Claim(
    id="data_you_cannot_switch_off",
    claim="TikTok collects data you cannot switch off.",
)


def check(ctx: AuditContext) -> Verdict:
    all_logins = ctx.records.of(Login)
    mask = present_mask(all_logins, "ip")
    n_with_ip = int(np.count_nonzero(mask))
    first_ten = list(itertools.islice(itertools.compress(itertools.count(), mask), 10))
    del mask
    ids = [
        d
        for d in ctx.records.of(DeviceIdentifier)
        if is_real_identifier(d.value) and not d.advertising
    ]
    ads = ctx.setting("personalized_ads")
    ev = {
        "login_records_with_ip": n_with_ip,
        "non_advertising_device_ids": len({d.value for d in ids}),
        "personalized_ads": ads.value if ads else None,
    }
    if not n_with_ip and not ids:
        return Verdict(
            "not observable in this export",
            "The export has no login IP trail and no device identifiers.",
            ev,
        )
    return Verdict(
        "supported",
        f"The export holds {n_with_ip} logins with IP address and "
        f"{len({d.value for d in ids})} device identifiers that no setting turns off "
        "(they are kept whatever the privacy and ads settings"
        + (f"; 'Personalized Ads' is {ads.value} here" if ads else "")
        + ").",
        ev,
        [ref_of(all_logins, i) for i in first_ten] + [d.ref for d in ids[:10]],
    )
