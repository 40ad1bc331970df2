"""Load the built-in knowledge base plus user files that add or override facts.

Built-in data lives in ``privacyscope/facts/data/*.yaml`` (one file per topic, plus ``claims.yaml``
and ``meta.yaml``). User files have the same shape (``facts:`` and/or ``claims:`` lists) and are
applied in order: first those named in ``$PRIVACYSCOPE_FACTS`` (separated by ``os.pathsep``), then
each ``--facts-file``. A fact whose id already exists replaces it and remembers what it overrode;
a new id is added.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from privacyscope.errors import InputError
from privacyscope.facts.schema import (
    PLATFORMS,
    SCHEMA_VERSION,
    Claim,
    Fact,
    canonical_platform,
    date_floor,
    parse_claim,
    parse_fact,
)

ENV_VAR = "PRIVACYSCOPE_FACTS"
BUILTIN = "built-in"
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class KnowledgeBase:
    facts: dict[str, Fact]
    claims: dict[str, Claim]
    meta: dict[str, Any]
    user_files: tuple[str, ...] = ()
    overridden: frozenset[str] = field(default_factory=frozenset)
    added: frozenset[str] = field(default_factory=frozenset)

    def get(self, fact_id: str) -> Fact | None:
        return self.facts.get(fact_id)

    def for_platform(self, platform: str, topic: str | None = None) -> list[Fact]:
        """Facts about ``platform`` (optionally one topic), oldest first, undated last."""
        found = [
            f
            for f in self.facts.values()
            if platform in f.platforms and (topic is None or f.topic == topic)
        ]
        return sorted(found, key=_sort_key)

    def claims_for(self, platform: str) -> list[Claim]:
        return [c for c in self.claims.values() if platform in c.platforms]

    def newest(self, fact_ids: Iterable[str] | None = None) -> Fact | None:
        pool = (
            self.facts.values()
            if fact_ids is None
            else [self.facts[i] for i in fact_ids if i in self.facts]
        )
        dated = [f for f in pool if f.date is not None]
        return max(dated, key=lambda f: (f.first_date() or dt.date.min, f.id), default=None)


def _sort_key(fact: Fact) -> tuple[int, dt.date, str]:
    day = fact.first_date()
    return (1, dt.date.max, fact.id) if day is None else (0, day, fact.id)


def is_stale(fact: Fact, as_of: dt.date, max_age_days: int) -> bool:
    """Undated facts are always possibly stale; dated ones when older than ``max_age_days``."""
    day = date_floor(fact.date)
    if day is None:
        return True
    return (as_of - day).days > max_age_days


def read_yaml(path: Path) -> Any:
    """Read one YAML file; any problem becomes a one-line InputError naming the file."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"file is larger than {MAX_FILE_BYTES} bytes", path=shown)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("facts file not found", path=shown) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a YAML file", path=shown) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or type(exc).__name__}", path=shown) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", path=shown, where=where) from None


def parse_document(doc: Any, path: str, origin: str) -> tuple[list[Fact], list[Claim]]:
    """Validate one file's content: a mapping with ``facts`` and/or ``claims`` (or a bare list)."""
    if isinstance(doc, list):
        doc = {"facts": doc}
    if not isinstance(doc, dict):
        raise InputError(
            "expected a mapping with a 'facts' list (and optional 'claims')", path=path
        )
    version = doc.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise InputError(
            f"schema_version {version!r} is not supported (expected {SCHEMA_VERSION})",
            path=path,
            where="schema_version",
        )
    raw_facts = doc.get("facts") or []
    raw_claims = doc.get("claims") or []
    if not isinstance(raw_facts, list):
        raise InputError("'facts' must be a list", path=path, where="facts")
    if not isinstance(raw_claims, list):
        raise InputError("'claims' must be a list", path=path, where="claims")
    if "facts" not in doc and "claims" not in doc:
        raise InputError("no 'facts' or 'claims' list found", path=path)
    facts = [parse_fact(raw, path, i, origin) for i, raw in enumerate(raw_facts)]
    claims = [parse_claim(raw, path, i, origin) for i, raw in enumerate(raw_claims)]
    _no_duplicates([f.id for f in facts], path, "fact")
    _no_duplicates([c.id for c in claims], path, "claim")
    return facts, claims


def _no_duplicates(ids: list[str], path: str, kind: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise InputError(
                f"{kind} {ident}: field 'id': duplicate id in this file",
                path=path,
                where=f"{kind}s[{i}].id",
            )
        seen.add(ident)


@lru_cache(maxsize=1)
def _builtin() -> tuple[dict[str, Fact], dict[str, Claim], dict[str, Any]]:
    data = resources.files("privacyscope.facts") / "data"
    facts: dict[str, Fact] = {}
    claims: dict[str, Claim] = {}
    meta: dict[str, Any] = {}
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        label = f"privacyscope/facts/data/{entry.name}"
        try:
            doc = yaml.safe_load(entry.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:  # a packaging bug, but still one line
            raise InputError(f"invalid YAML: {exc}", path=label) from None
        if entry.name == "meta.yaml":
            meta = dict(doc)
            continue
        new_facts, new_claims = parse_document(doc, label, BUILTIN)
        for fact in new_facts:
            if fact.id in facts:
                raise InputError(f"fact {fact.id}: field 'id': duplicate built-in id", path=label)
            facts[fact.id] = fact
        for claim in new_claims:
            claims[claim.id] = claim
    return facts, claims, meta


def env_files() -> list[str]:
    value = os.environ.get(ENV_VAR, "")
    return [part for part in value.split(os.pathsep) if part.strip()]


def load(
    extra_files: Sequence[str | os.PathLike[str]] = (), *, use_env: bool = True
) -> KnowledgeBase:
    """Built-in facts, then ``$PRIVACYSCOPE_FACTS`` files, then ``extra_files``; validated."""
    base_facts, base_claims, meta = _builtin()
    facts = dict(base_facts)
    claims = dict(base_claims)
    overridden: set[str] = set()
    added: set[str] = set()
    paths = [*(env_files() if use_env else []), *(os.fspath(p) for p in extra_files)]
    for name in paths:
        new_facts, new_claims = parse_document(read_yaml(Path(name)), name, name)
        for fact in new_facts:
            previous = facts.get(fact.id)
            if previous is not None:
                facts[fact.id] = replace(fact, overrides=previous.origin)
                overridden.add(fact.id)
            else:
                facts[fact.id] = fact
                added.add(fact.id)
        for claim in new_claims:
            claims[claim.id] = claim
    check_references(facts, claims)
    return KnowledgeBase(
        facts=facts,
        claims=claims,
        meta=meta,
        user_files=tuple(paths),
        overridden=frozenset(overridden),
        added=frozenset(added - overridden),
    )


def check_references(facts: dict[str, Fact], claims: dict[str, Claim]) -> None:
    """Every fact id a claim cites must exist."""
    for claim in claims.values():
        for fid in claim.facts:
            if fid not in facts:
                path = (
                    claim.origin
                    if claim.origin != BUILTIN
                    else "privacyscope/facts/data/claims.yaml"
                )
                raise InputError(
                    f"claim {claim.id}: field 'facts': unknown fact id '{fid}'",
                    path=path,
                    where="claims",
                )


def resolve_platform(name: str) -> str:
    """Canonical platform name for user input; InputError for unknown names."""
    canon = canonical_platform(name)
    if canon is None:
        hint = " (Meta: choose facebook or instagram)" if name.strip().lower() == "meta" else ""
        raise InputError(
            f"unknown platform '{name}'{hint}; known: {', '.join(PLATFORMS)} "
            "(aliases: twitter, google, fb, ig, snap)",
            where="platform",
        )
    return canon
