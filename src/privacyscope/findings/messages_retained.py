from collections import Counter

from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import Message

RULE = Rule(
    id="messages.retained",
    title="Private messages are retained",
    severity="medium",
    category="messages",
    description=(
        "Direct messages are stored by the platform and included in the export; they are not "
        "end-to-end encrypted. Anyone who obtains the export or the account can read them."
    ),
)


def check(ctx: AuditContext) -> Outcome:
    msgs = ctx.records.of(Message)
    people = [m for m in msgs if m.kind in ("direct", "group")]
    ai = [m for m in msgs if m.kind == "ai_chat"]
    if not msgs:
        if ctx.present("messages"):
            return Outcome("absent", "The export's message sections are empty.")
        return Outcome("not_in_export", "This export has no messages section.")
    chats = Counter(m.chat for m in people)
    times = sorted(m.time for m in people if m.time)
    evidence = {
        "messages": len(people),
        "chats": len(chats),
        "group_chat_messages": sum(1 for m in people if m.kind == "group"),
        "ai_chat_messages": len(ai),
        "first": times[0] if times else None,
        "last": times[-1] if times else None,
    }
    summary = f"{len(people)} messages in {len(chats)} chat(s)"
    if ai:
        summary += f", plus {len(ai)} messages with the platform's AI chatbot"
    if times:
        summary += f", {times[0][:10]} to {times[-1][:10]}"
    return Outcome("present", summary + ".", evidence, [m.ref for m in msgs[:50]], "messages")
