from privacyscope.claims.base import Claim, Verdict
from privacyscope.context import AuditContext

CLAIM = Claim(
    id="public_by_default",
    claim="TikTok profiles are public and ads personalised by default.",
)


def check(ctx: AuditContext) -> Verdict:
    priv = ctx.setting("account_private")
    ads = ctx.setting("personalized_ads")
    if priv is None and ads is None:
        return Verdict(
            "not observable in this export",
            "The export holds neither the privacy nor the ads setting.",
        )
    ev = {s.key: s.value for s in (priv, ads) if s is not None}
    refs = [s.ref for s in (priv, ads) if s is not None]
    public = priv is not None and priv.normalized == "off"
    personalised = ads is not None and ads.normalized == "on"
    if public or personalised:
        what = " and ".join(
            x
            for x, on in (("the account is public", public), ("ads are personalised", personalised))
            if on
        )
        return Verdict(
            "partly",
            f"Today {what}. An export shows current settings, not their defaults, so it "
            "cannot tell whether this was left at the default or chosen.",
            ev,
            refs,
        )
    return Verdict(
        "not observable in this export",
        "The account is private and/or personalised ads are off now; the export does not show "
        "what the defaults were.",
        ev,
        refs,
    )
