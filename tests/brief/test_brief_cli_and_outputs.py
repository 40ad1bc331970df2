"""CLI, HTML safety (offline, escaped), PDF rendering, user overrides, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest
import yaml

from .conftest import AS_OF, Runner, audit_doc, scan_doc, statements_in, write_json


def _remote_loads(html: str) -> list[str]:
    """Anything that would make a browser fetch a resource (links for the reader are fine)."""
    bad = re.findall(
        r"<(?:script|link|img|iframe|object|embed|audio|video|source)\b[^>]*>", html, re.I
    )
    bad += re.findall(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    bad += re.findall(r"@import", html, re.I)
    bad += re.findall(r"\bsrc\s*=", html, re.I)
    return bad


def test_cli_html_json_with_inputs(tmp_path: Path, run: Runner) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    write_json(evidence / "scan.json", scan_doc())
    audit = write_json(tmp_path / "audit.json", audit_doc())
    out, js = tmp_path / "brief.html", tmp_path / "brief.json"
    code, stdout, err = run(
        "brief",
        "tiktok",
        "--compare",
        "instagram,facebook,youtube,linkedin,twitter,snapchat",
        "--scan",
        str(evidence),
        "--audit",
        str(audit),
        "--out",
        str(out),
        "--json",
        str(js),
        "--as-of",
        AS_OF,
    )
    assert code == 0, err
    assert "newest source 2026-04-30" in stdout
    html = out.read_text(encoding="utf-8")
    assert _remote_loads(html) == []
    assert "Newest source in this brief" in html and "2026-04-30" in html
    assert "possibly stale" in html and 'href="#fact-reg-06"' in html
    assert 'href="https://www.cnil.fr/en/cookies-cnil-fines-tiktok-5-million-euros"' in html
    assert "Measured on your account" in html and "TikTok Pixel before any consent choice" in html
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["peers"] == ["instagram", "facebook", "youtube", "linkedin", "x", "snapchat"]
    assert doc["inputs"]["scan"].endswith("scan.json")
    for section in doc["sections"]:
        for st in statements_in(section):
            assert set(st) >= {"text", "fact_ids", "sources", "date", "confidence", "stale"}


def test_scan_json_path_accepted(tmp_path: Path, run: Runner) -> None:
    scan = write_json(tmp_path / "scan.json", scan_doc())
    code, _, err = run("brief", "tiktok", "--scan", str(scan), "--json", str(tmp_path / "b.json"))
    assert code == 0, err


def test_user_override_is_marked_and_escaped(tmp_path: Path, run: Runner) -> None:
    facts = {
        "facts": [
            {
                "id": "reg-03",
                "platform": "tiktok",
                "topic": "regulatory",
                "date": "2026-10-01",
                "confidence": "primary",
                "statement": "Legal note <script>alert(1)</script> on the CNIL cookie fine.",
                "sources": ["javascript:alert(1)", "https://example.org/memo"],
                "tags": ["cookies"],
                "action": {
                    "authority": "CNIL (France)",
                    "kind": "fine",
                    "status": "decided",
                    "amounts": [{"platform": "tiktok", "value": 5000000, "currency": "EUR"}],
                },
            },
        ]
    }
    path = tmp_path / "legal.yaml"
    path.write_text(yaml.safe_dump(facts), encoding="utf-8")
    out, js = tmp_path / "b.html", tmp_path / "b.json"
    code, _, err = run(
        "brief",
        "tiktok",
        "--facts-file",
        str(path),
        "--out",
        str(out),
        "--json",
        str(js),
        "--as-of",
        AS_OF,
    )
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert (
        "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    )
    assert 'href="javascript:' not in html and "user facts file" in html
    assert "overrides built-in" in html
    doc = json.loads(js.read_text(encoding="utf-8"))
    marked = [s for s in statements_in(doc["sections"]) if "reg-03" in s["fact_ids"]]
    assert marked and all(s["overridden"] for s in marked)
    assert doc["knowledge_base"]["overridden"] == ["reg-03"]


@pytest.mark.slow
def test_pdf_renders_with_extractable_text(tmp_path: Path, run: Runner) -> None:
    pdf = tmp_path / "brief.pdf"
    code, _, err = run("brief", "linkedin", "--compare", "x", "--pdf", str(pdf), "--as-of", AS_OF)
    assert code == 0, err
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) > 0
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Irish DPC fined LinkedIn EUR 310M" in text
    assert "Newest source in this brief" in text


BAD = [
    (["brief", "myspace", "--json", "{tmp}/b.json"], "unknown platform"),
    (["brief", "tiktok", "--compare", "meta", "--json", "{tmp}/b.json"], "facebook or instagram"),
    (["brief", "tiktok", "--scan", "{tmp}/missing", "--json", "{tmp}/b.json"], "not found"),
    (
        ["brief", "tiktok", "--scan", "{tmp}/broken.json", "--json", "{tmp}/b.json"],
        "not valid JSON",
    ),
    (["brief", "tiktok", "--audit", "{tmp}/list.json", "--json", "{tmp}/b.json"], "JSON object"),
    (
        ["brief", "tiktok", "--facts-file", "{tmp}/bad.yaml", "--json", "{tmp}/b.json"],
        "'confidence'",
    ),
    (["brief", "tiktok"], "at least one of"),
    (["brief", "tiktok", "--as-of", "soon", "--json", "{tmp}/b.json"], "--as-of"),
]


@pytest.mark.parametrize(("argv", "message"), BAD)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, run: Runner, argv: list[str], message: str
) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "facts:\n- {id: u-1, platform: tiktok, topic: research, date: '2026', "
        "confidence: maybe, statement: s, sources: [x]}\n",
        encoding="utf-8",
    )
    code, _, err = run(*[a.format(tmp=tmp_path) for a in argv])
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
