from privacyscope.claims.base import Claim, Verdict
from privacyscope.context import AuditContext

CLAIM = Claim(
    id="personalised_ads_forced",
    claim="Personalised ads are forced on; you cannot turn them off.",
)


def check(ctx: AuditContext) -> Verdict:
    s = ctx.setting("personalized_ads")
    if s is None:
        return Verdict(
            "not observable in this export",
            "The export has no 'Personalized Ads' setting (it is missing in some regions' "
            "exports), so it shows neither a choice nor its absence.",
        )
    ev = {"setting": s.key, "value": s.value}
    if s.normalized == "off":
        return Verdict(
            "contradicted",
            f"'{s.key}' is {s.value}: this account has personalised ads switched off.",
            ev,
            [s.ref],
        )
    return Verdict(
        "contradicted" if s.normalized == "on" else "partly",
        f"'{s.key}' is {s.value}. The export lists it as a setting, so it is a choice; it is "
        "on for this account and can be changed.",
        ev,
        [s.ref],
    )
