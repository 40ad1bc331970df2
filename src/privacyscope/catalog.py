"""The findings and claims catalogue, generated from the rule metadata.

``python -m privacyscope.catalog > docs/findings.md``; a test keeps the file in sync.
"""

from __future__ import annotations

from privacyscope.claims import registry as claim_registry
from privacyscope.findings import platform_remediation
from privacyscope.findings import registry as finding_registry
from privacyscope.sources import all_sources


def render_markdown() -> str:
    lines = [
        "# Findings and claims catalogue",
        "",
        "Generated from the rule metadata by `python -m privacyscope.catalog`; "
        "`tests/test_docs.py` fails when this file is out of date.",
        "",
        "Status of a finding: `present` (the export shows it), `absent` (the export shows it is "
        "not the case), `not_in_export` (the data needed is missing or unreadable: never read "
        'as "no problem").',
        "",
        "## Findings",
        "",
    ]
    platforms = sorted(all_sources())
    for rule, _ in finding_registry().values():
        lines += [
            f"### `{rule.id}`: {rule.title}",
            "",
            f"- severity: **{rule.severity}** (may rise with the evidence); category: "
            f"{rule.category}; platforms: "
            + (", ".join(rule.platforms) if "*" not in rule.platforms else "all whose data allows"),
            f"- {rule.description}",
        ]
        for platform in platforms:
            fix = platform_remediation(platform).get(rule.id) or rule.remediation.get(platform)
            if fix:
                lines.append(f"- fix on {platform}: {fix}")
        lines.append("")
    lines += ["## Claims", ""]
    for claim, _ in claim_registry().values():
        lines += [f'- `{claim.id}`: "{claim.claim}" (platforms: {", ".join(claim.platforms)})']
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
