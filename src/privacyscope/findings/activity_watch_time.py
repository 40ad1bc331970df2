from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule

RULE = Rule(
    id="activity.watch_time",
    title="Viewing history reveals how much time is spent watching",
    severity="info",
    category="activity",
    description=(
        "Every video watched is logged with its time. The platform could infer daily routines, "
        "sleep times and interests from it. The time spent is an estimate (see the assumption)."
    ),
)


def check(ctx: AuditContext) -> Outcome:
    w = ctx.watch
    if not w.videos:
        if ctx.counts.get("watch_history", 0) == 0 and ctx.present("activity"):
            return Outcome("not_in_export", "The export's watch history is empty or missing.")
        return Outcome("not_in_export", "This export has no watch history.")
    evidence = {
        "videos": w.videos,
        "videos_with_time": w.timed_videos,
        "sessions": w.sessions,
        "estimated_hours": w.hours,
        "days_with_viewing": w.days,
        "minutes_per_viewing_day": w.per_day_minutes,
        "session_gap_minutes": w.session_gap_minutes,
        "assumption": w.assumption,
    }
    summary = (
        f"{w.videos} videos watched in {w.sessions} sessions: about {w.hours:g} hours "
        f"({w.per_day_minutes:g} min per viewing day), estimated."
    )
    return Outcome("present", summary, evidence, [], "activity")
