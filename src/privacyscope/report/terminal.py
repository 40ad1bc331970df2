"""The terminal summary (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from privacyscope.audit import AuditResult

SEV_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
VERDICT_STYLE = {
    "supported": "bold red",
    "partly": "yellow",
    "contradicted": "green",
    "not observable in this export": "dim",
}
PLATFORM_NAMES = {
    "tiktok": "TikTok",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "google": "Google / YouTube",
    "x": "X (Twitter)",
    "snapchat": "Snapchat",
    "linkedin": "LinkedIn",
}


def render(result: AuditResult, console: Console, outputs: dict[str, str] | None = None) -> None:
    read = result.read
    name = PLATFORM_NAMES.get(read.platform, read.platform)
    first, last = result.period
    head = Text()
    head.append(f"{name} export", style="bold")
    head.append(f"  ·  layout {read.layout_name or read.layout} ({read.format})")
    head.append(f"\nperiod {first[:10] if first else '?'} to {last[:10] if last else '?'}")
    head.append(f"  ·  {len(read.records):,} records  ·  input {result.input_kind}")
    console.print(Panel(head, title="privacyscope audit", expand=False))

    if read.unreadable:
        t = Table(title="[bold red]Parts of this export could not be read[/]", show_lines=False)
        t.add_column("where")
        t.add_column("why")
        for bad in read.unreadable[:20]:
            t.add_row(Text(bad.path), Text(bad.reason))
        console.print(t)
        console.print(
            "[bold red]Findings below cover only what could be read; an unreadable "
            "part is not a clean bill of health.[/]"
        )

    present = [f for f in result.findings if f.status == "present"]
    top = present[:3]
    if top:
        console.print("\n[bold]The three most important things to change[/]")
        for i, f in enumerate(top, 1):
            console.print(
                Text.assemble(
                    (f"{i}. {f.title}", SEV_STYLE[f.severity]),
                    f"\n   {f.summary}\n   Fix: ",
                    (f.remediation, "bold"),
                )
            )

    t = Table(title="Findings", show_lines=False)
    t.add_column("severity")
    t.add_column("finding")
    t.add_column("what the export shows")
    for f in result.findings:
        if f.status == "present":
            sev = Text(f.severity, style=SEV_STYLE[f.severity])
        elif f.status == "absent":
            sev = Text("ok", style="green")
        else:
            sev = Text("n/a", style="dim")
        t.add_row(
            sev,
            Text(f.title),
            Text(
                f.summary
                if f.status == "present"
                else f"{'not in this export: ' if f.status == 'not_in_export' else ''}{f.summary}"
            ),
        )
    console.print(t)

    c = Table(title="Claims checked against this export")
    c.add_column("claim")
    c.add_column("verdict")
    c.add_column("why")
    for cl in result.claims:
        c.add_row(
            Text(cl.claim),
            Text(cl.verdict, style=VERDICT_STYLE.get(cl.verdict, "")),
            Text(cl.summary),
        )
    console.print(c)

    k = Table(title="Counts", show_header=False)
    k.add_column("what")
    k.add_column("n", justify="right")
    for key, val in result.counts.items():
        if val:
            k.add_row(key, f"{val:,}")
    console.print(k)

    if read.unrecognized:
        u = Table(title="Not recognised (kept, not dropped)")
        u.add_column("section or key")
        u.add_column("kind")
        u.add_column("records", justify="right")
        for x in read.unrecognized[:25]:
            u.add_row(Text(x.path), x.kind, str(x.records))
        if len(read.unrecognized) > 25:
            u.add_row(f"... and {len(read.unrecognized) - 25} more (see the JSON report)", "", "")
        console.print(u)
    if outputs:
        for label, path in outputs.items():
            console.print(f"[dim]{label}:[/] {path}")
