import numpy as np
import numpy.typing as npt

from privacyscope.analysis import positive_gaps
from privacyscope.claims.base import Claim, Verdict
from privacyscope.context import AuditContext
from privacyscope.model import NO_TIME, Login, epoch_array, present_mask

CLAIM = Claim(
    id="location_every_30_seconds",
    claim="TikTok stores your location every 30 seconds.",
)


def _median_gap(ts: npt.NDArray[np.int64]) -> float | None:
    ts.sort(kind="stable")  # in place (a fresh array); timsort: exports list times in order
    gaps = positive_gaps(ts)
    return float(np.median(gaps, overwrite_input=True)) if gaps.size else None


def check(ctx: AuditContext) -> Verdict:
    loc = ctx.locations
    logins = ctx.records.of(Login)
    times = epoch_array(logins)
    login_times = times[(times != NO_TIME) & present_mask(logins, "ip")]
    del times
    login_gap = _median_gap(login_times)
    evidence = {
        "location_records": loc["by_kind"],
        "precise_points": loc["precise_points"],
        "median_interval_precise_seconds": loc["median_interval_seconds"],
        "densest_coarse_series": "login IP addresses" if login_times.size else None,
        "login_ip_records": int(login_times.size),
        "median_interval_login_ip_seconds": login_gap,
    }
    if loc["precise_points"] >= 2 and loc["median_interval_seconds"] is not None:
        med = loc["median_interval_seconds"]
        if med <= 60:
            return Verdict(
                "supported",
                f"The export holds {loc['precise_points']} precise locations with a "
                f"median interval of {med:.0f} s.",
                evidence,
                loc["refs"],
            )
        return Verdict(
            "contradicted",
            f"The export holds precise locations, but their median interval is "
            f"{med / 3600:.1f} h, not 30 s.",
            evidence,
            loc["refs"],
        )
    coarse = ""
    if login_gap is not None:
        coarse = (
            f" The densest location-bearing records are {len(login_times)} login IP "
            f"addresses (approximate location), median {login_gap / 3600:.1f} h apart."
        )
    return Verdict(
        "not observable in this export",
        "The export holds no GPS trail: no series of precise locations at all."
        + coarse
        + " This is TikTok's own copy of your data; it does not show what the app may read "
        "on the phone without storing it.",
        evidence,
        loc["refs"],
    )
