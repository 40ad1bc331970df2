from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import Message, count_by, distinct, time_range

PEOPLE = frozenset({"direct", "group"})

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
    kinds = count_by(msgs, "kind")
    people = kinds["direct"] + kinds["group"]
    ai = kinds["ai_chat"]
    if not msgs:
        if ctx.present("messages"):
            return Outcome("absent", "The export's message sections are empty.")
        return Outcome("not_in_export", "This export has no messages section.")
    # column-wise: an export may hold millions of messages (docs/adr/0006-performance.md)
    chats = distinct(msgs, "chat", PEOPLE)
    first, last = time_range(msgs, PEOPLE)
    evidence = {
        "messages": people,
        "chats": len(chats),
        "group_chat_messages": kinds["group"],
        "ai_chat_messages": ai,
        "first": first,
        "last": last,
    }
    summary = f"{people} messages in {len(chats)} chat(s)"
    if ai:
        summary += f", plus {ai} messages with the platform's AI chatbot"
    if first and last:
        summary += f", {first[:10]} to {last[:10]}"
    return Outcome("present", summary + ".", evidence, [m.ref for m in msgs[:50]], "messages")
