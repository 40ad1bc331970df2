"""Reading big sections in a forked child (``sources/tiktok/parallel.py``) gives exactly the
one-core result, and any trouble in the child falls back to the one-core read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from privacyscope import inputs
from privacyscope.audit import run_audit
from privacyscope.model import to_builtins
from privacyscope.report import jsonreport
from privacyscope.sources.tiktok import json_reader, parallel, sections, synth
from privacyscope.sources.tiktok.parallel import Job, partition, run_jobs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

CASES = [(layout, None) for layout in ("g1", "g2", "us", "g3", "g4")] + [
    ("g4", v) for v in synth.VARIANTS
]


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> dict:  # type: ignore[type-arg]
    monkeypatch.setenv(parallel.ENV, workers)
    result = run_audit(path)
    report = jsonreport.to_dict(result)
    report.pop("generated_at")
    records = {t.__name__: [to_builtins(x) for x in rs] for t, rs in result.read.records.types()}
    return {
        "report": report,
        "records": records,
        "sections": result.read.sections,
        "notes": result.read.notes,
        "unrecognized": [to_builtins(u) for u in result.read.unrecognized],
    }


@pytest.fixture
def every_section_is_a_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_JOB_BYTES", 0)
    monkeypatch.setattr(sections, "CHUNK", 7)  # long lists are decoded in chunks
    monkeypatch.setattr(sections, "CHUNK_BYTES", 0)
    monkeypatch.setattr(parallel, "workers", lambda: int(os.environ.get(parallel.ENV, "2")))


@pytest.mark.usefixtures("every_section_is_a_job")
@pytest.mark.parametrize(("layout", "variant"), CASES)
def test_two_processes_read_exactly_what_one_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, variant: str | None
) -> None:
    path = synth.generate(tmp_path, layout=layout, variant=variant, form="json")
    jobs = json_reader.plan_jobs(json_reader.split_top(path.read_bytes()) or {}, True)
    if layout == "g4" and variant is None:
        assert len(jobs) >= 3  # watch history, logins, off-TikTok activity, chats...
    assert _read(path, monkeypatch, "2") == _read(path, monkeypatch, "1")


@pytest.mark.usefixtures("every_section_is_a_job")
def test_duplicate_section_is_planned_once(tmp_path: Path) -> None:
    path = synth.generate(tmp_path, layout="g4", variant="duplicates", form="json")
    top = json_reader.split_top(path.read_bytes())
    assert top is not None
    keys = [j.key for j in json_reader.plan_jobs(top, False)]
    assert len(keys) == len(set(keys))
    assert sum("Off TikTok Activity" in k for k in keys) == 1


def _pid() -> int:
    return os.getpid()


def test_the_child_really_computes_its_share() -> None:
    jobs = [Job(f"j{i}", 100 << 20, _pid) for i in range(4)]
    if parallel.workers() < 2:
        assert run_jobs(jobs) == {}
        return
    out = run_jobs(jobs)
    assert set(out) == {"j0", "j1", "j2", "j3"}
    assert len(set(out.values())) == 2 and os.getpid() in out.values()


def _die() -> int:
    os._exit(9)


def _boom() -> int:
    raise ValueError("surprise")


def test_a_dying_child_or_failing_job_leaves_the_work_to_the_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    big = 100 << 20
    jobs = [Job("die", big, _die), Job("ours", big - 1, _pid), Job("boom", 1, _boom)]
    assert [j.key for j in partition(jobs)[1]] == ["die"]
    out = run_jobs(jobs)
    assert out == {"ours": os.getpid()}  # no result for the dead child's or the failed job


@pytest.mark.usefixtures("every_section_is_a_job")
def test_audit_survives_a_dying_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = synth.generate(tmp_path, layout="g4", form="json")
    one = _read(path, monkeypatch, "1")

    def dying_child(jobs: list[Job], read_end: int, write_end: int) -> None:
        os._exit(3)

    monkeypatch.setattr(parallel, "_child", dying_child)
    assert _read(path, monkeypatch, "2") == one


def test_partition_balances_bytes() -> None:
    sizes = [472, 228, 136, 123, 20]
    ours, theirs = partition([Job(str(s), s, _pid) for s in sizes])
    assert [j.size for j in theirs] == [472, 20]
    assert [j.size for j in ours] == [228, 136, 123]


@pytest.mark.usefixtures("every_section_is_a_job")
@pytest.mark.parametrize("layout", ["g1", "g4"])
def test_memory_mapped_export_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    path = synth.generate(tmp_path, layout=layout, form="json")
    before = path.read_bytes()
    read = _read(path, monkeypatch, "2")
    monkeypatch.setattr(inputs, "MMAP_MIN_BYTES", 0)
    assert _read(path, monkeypatch, "2") == read
    assert _read(path, monkeypatch, "1") == read
    assert path.read_bytes() == before


def _reaped(pid: int) -> bool:
    """The child ``pid`` has been waited for (no zombie, nothing left running)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_background_result_error_and_abandon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    parent = os.getpid()
    with parallel.Background(lambda: (os.getpid(), [1, 2, 3])) as job:
        assert job.pid  # a real child
        pid, value = job.result()
    assert pid != parent and value == [1, 2, 3]
    # the child fails: computed here, so the caller meets the error itself
    pids = []
    with parallel.Background(lambda: 1 / 0) as job, pytest.raises(ZeroDivisionError):
        pids.append(job.pid)
        job.result()
    with pytest.raises(KeyError), parallel.Background(lambda: os.getpid()) as job:
        pids.append(job.pid)
        raise KeyError("the caller fails before asking")  # the child is killed and reaped
    assert all(pid and _reaped(pid) for pid in pids)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    with parallel.Background(lambda: os.getpid()) as job:
        assert not job.pid and job.result() == parent


def test_check_apart_gives_json_bytes_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The UTF-8 / NUL check in a child reports exactly what ``json_bytes`` reports."""
    from privacyscope.errors import InputError

    monkeypatch.setattr(json_reader, "CHECK_APART_BYTES", 0)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    good = b'{"Activity": {"Login History": {"LoginHistoryList": []}}, "Profile": {}}'
    body, top = json_reader.split_checked(good, "x.json")
    assert body == good and top == json_reader.split_top(good)
    for bad in (good[:20] + b"\xff" + good[20:], good[:20] + b"\0" + good[20:]):
        with pytest.raises(InputError) as apart:
            json_reader.split_checked(bad, "x.json")
        monkeypatch.setattr(json_reader, "CHECK_APART_BYTES", 1 << 40)
        with pytest.raises(InputError) as inline:
            json_reader.split_checked(bad, "x.json")
        monkeypatch.setattr(json_reader, "CHECK_APART_BYTES", 0)
        assert str(apart.value) == str(inline.value)
