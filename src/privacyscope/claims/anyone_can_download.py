from privacyscope.claims.base import Claim, Verdict
from privacyscope.context import AuditContext

CLAIM = Claim(
    id="anyone_can_download",
    claim="Anyone can download your TikTok videos.",
)


def check(ctx: AuditContext) -> Verdict:
    dl = ctx.setting("downloads")
    if dl is None:
        return Verdict("not observable in this export", "The export has no download setting.")
    priv = ctx.setting("account_private")
    ev = {dl.key: dl.value} | ({priv.key: priv.value} if priv else {})
    refs = [dl.ref] + ([priv.ref] if priv else [])
    if dl.normalized == "everyone":
        if priv is not None and priv.normalized == "on":
            return Verdict(
                "partly",
                f"'{dl.key}' is {dl.value}, but the account is private: only approved "
                "followers can see, and so download, the videos.",
                ev,
                refs,
            )
        return Verdict(
            "supported",
            f"'{dl.key}' is {dl.value} and the account is public: anyone can download its videos.",
            ev,
            refs,
        )
    if dl.normalized in ("off", "friends"):
        return Verdict(
            "contradicted",
            f"'{dl.key}' is {dl.value}: downloads are not open to everyone for this account.",
            ev,
            refs,
        )
    return Verdict(
        "not observable in this export",
        f"'{dl.key}' is {dl.value!r}, a value privacyscope cannot interpret.",
        ev,
        refs,
    )
