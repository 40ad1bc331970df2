"""User override files, $PRIVACYSCOPE_FACTS, and the facts list/show/validate commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacyscope.errors import InputError
from privacyscope.facts import load

from .conftest import Runner, good_fact, write_yaml


def test_override_replaces_and_new_id_is_added(tmp_path: Path) -> None:
    override = good_fact(id="reg-06", topic="regulatory", statement="Replaced by legal.")
    override["action"] = {"authority": "Irish DPC", "kind": "fine", "status": "appealed"}
    path = write_yaml(tmp_path / "legal.yaml", {"facts": [override, good_fact()]})
    kb = load([path], use_env=False)
    assert kb.facts["reg-06"].statement == "Replaced by legal."
    assert kb.facts["reg-06"].origin == str(path)
    assert kb.facts["reg-06"].overrides == "built-in"
    assert kb.overridden == {"reg-06"} and kb.added == {"user-01"}
    assert len(kb.facts) == 113


def test_env_var_files_are_applied_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = write_yaml(tmp_path / "env.yaml", {"facts": [good_fact(statement="from env")]})
    cli_file = write_yaml(tmp_path / "cli.yaml", {"facts": [good_fact(statement="from cli")]})
    monkeypatch.setenv("PRIVACYSCOPE_FACTS", str(env_file))
    assert load().facts["user-01"].statement == "from env"
    assert load([cli_file]).facts["user-01"].statement == "from cli"


def test_unquoted_yaml_date_and_custom_field_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "facts:\n- id: user-02\n  platform: twitter\n  topic: research\n  date: 2026-09-30\n"
        "  confidence: secondary\n  statement: s\n  sources: [https://example.org]\n"
        "  x-reviewed-by: legal\n",
        encoding="utf-8",
    )
    fact = load([path], use_env=False).facts["user-02"]
    assert fact.date == "2026-09-30" and fact.platforms == ("x",)
    assert fact.extra == {"x-reviewed-by": "legal"}


BAD_CASES = [
    (good_fact(confidence="rumour"), "confidence"),
    (good_fact(platform=["myspace"]), "platform"),
    (good_fact(topic="gossip"), "topic"),
    (good_fact(date="30/09/2026"), "date"),
    (good_fact(date="2026-02-30"), "date"),
    (good_fact(date=None), "date_text"),
    (good_fact(sources=[]), "sources"),
    (good_fact(statement=""), "statement"),
    (good_fact(statment="typo"), "statment"),
    (good_fact(topic="regulatory"), "action"),
    (good_fact(topic="bans", restriction={"country": "X", "scope": "s"}), "restriction.scope_kind"),
]


@pytest.mark.parametrize(("fact", "field"), BAD_CASES)
def test_validate_names_file_fact_and_field(
    tmp_path: Path, run: Runner, fact: dict[str, object], field: str
) -> None:
    path = write_yaml(tmp_path / "bad.yaml", {"facts": [fact]})
    code, _, err = run("facts", "validate", str(path))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert str(path) in lines[0] and "user-01" in lines[0] and f"'{field}'" in lines[0]


def test_validate_duplicate_ids_and_unknown_claim_reference(tmp_path: Path, run: Runner) -> None:
    dup = write_yaml(tmp_path / "dup.yaml", {"facts": [good_fact(), good_fact()]})
    code, _, err = run("facts", "validate", str(dup))
    assert code == 2 and "duplicate" in err
    claim = {
        "id": "claim-x",
        "platform": "tiktok",
        "claim": "c",
        "context": "c",
        "facts": ["nope-1"],
    }
    bad_ref = write_yaml(tmp_path / "ref.yaml", {"claims": [claim]})
    code, _, err = run("facts", "validate", str(bad_ref))
    assert code == 2 and "nope-1" in err and "claim-x" in err


@pytest.mark.parametrize(
    "content", ["facts: [\n", "just text", "facts: 3\n", "schema_version: 9\nfacts: []\n"]
)
def test_validate_broken_files(tmp_path: Path, run: Runner, content: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    code, _, err = run("facts", "validate", str(path))
    assert code == 2 and str(path) in err and len(err.strip().splitlines()) == 1


def test_validate_missing_file(tmp_path: Path, run: Runner) -> None:
    code, _, err = run("facts", "validate", str(tmp_path / "nope.yaml"))
    assert code == 2 and "not found" in err


def test_validate_ok(tmp_path: Path, run: Runner) -> None:
    code, out, _ = run("facts", "validate")
    assert code == 0 and "112 built-in facts" in out
    path = write_yaml(tmp_path / "ok.yaml", {"schema_version": 1, "facts": [good_fact()]})
    code, out, _ = run("facts", "validate", str(path))
    assert code == 0 and "1 added" in out


def test_list_filters_and_marks_stale(run: Runner) -> None:
    code, out, err = run("facts", "list", "--platform", "snap", "--as-of", "2026-11-29")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert "reg-34" in ids and "own-25" in ids and "reg-01" not in ids
    assert "stale?" in out and "facts; newest source 2026-04-30" in err
    code, out, _ = run("facts", "list", "--topic", "bans", "--stale", "--as-of", "2026-06-01")
    assert code == 0 and "ban-25" not in out and "ban-01" in out


def test_list_json_and_unknown_platform(run: Runner) -> None:
    code, out, _ = run("facts", "list", "--json", "--platform", "linkedin", "--as-of", "2026-11-29")
    assert code == 0 and '"reg-36"' in out and '"stale": true' in out
    code, _, err = run("facts", "list", "--platform", "myspace")
    assert code == 2 and "unknown platform" in err


def test_show(run: Runner, tmp_path: Path) -> None:
    code, out, _ = run("facts", "show", "reg-06", "--as-of", "2026-11-29")
    assert code == 0 and "EUR 530M" in out and "dataprotection" not in out.split("sources:")[0]
    assert "POSSIBLY STALE" in out
    code, _, err = run("facts", "show", "nope-9")
    assert code == 2 and "nope-9" in err
    path = write_yaml(tmp_path / "o.yaml", {"facts": [good_fact(id="def-04", topic="defaults")]})
    code, out, _ = run("facts", "show", "def-04", "--facts-file", str(path))
    assert code == 0 and "overrides built-in" in out


def test_bad_as_of(run: Runner) -> None:
    code, _, err = run("facts", "list", "--as-of", "yesterday")
    assert code == 2 and "--as-of" in err


def test_loader_raises_input_error_for_non_mapping_fact(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "x.yaml", {"facts": ["not a mapping"]})
    with pytest.raises(InputError) as info:
        load([path], use_env=False)
    assert "fact #1" in info.value.one_line()
