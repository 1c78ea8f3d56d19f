"""Dask batch runs (eventcoder.cluster): batches go to the workers and come back in input
order with a bounded number in flight; each worker process keeps one pipeline per config; a
missing dask is a one-line error; and ``extract --dask local --workers 2`` stores the events a
run without Dask stores (e2e: it starts and stops its own LocalCluster on 127.0.0.1)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from ec_testutils import run_cli
from eventcoder.cluster import dask_results, require_dask
from eventcoder.config import Config
from eventcoder.errors import ConfigError
from eventcoder.pipeline import code_batch, worker_pipeline
from eventcoder.schema import Article

REPORTS = Path(__file__).resolve().parent / "data" / "wire" / "reports.jsonl"


class _Done:
    def __init__(self, value, client) -> None:
        self.value, self.client, self.cancelled = value, client, False

    def result(self):
        self.client.in_flight -= 1
        return self.value

    def cancel(self) -> None:
        self.cancelled = True


class FakeClient:
    """Runs nothing: a submitted batch's 'result' is its article ids; counts what is in
    flight (submitted, result not taken)."""

    def __init__(self) -> None:
        self.in_flight = self.most = 0
        self.futures: list[_Done] = []

    def submit(self, func, config, batch, slim=False, pure=True):
        assert func is code_batch and pure is False
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        self.futures.append(_Done([a.id for a in batch], self))
        return self.futures[-1]


def _batches(n: int):
    for i in range(n):
        yield [Article.from_text(f"text {i} {j}", id=f"a{i}-{j}") for j in range(3)]


def test_batches_come_back_in_input_order_with_a_bounded_window() -> None:
    client = FakeClient()
    out = list(dask_results(Config(), _batches(20), client, in_flight=4))
    assert out == [[f"a{i}-{j}" for j in range(3)] for i in range(20)]
    assert client.most == 4 and client.in_flight == 0


def test_a_stopped_run_cancels_the_batches_in_flight() -> None:
    client = FakeClient()
    gen = dask_results(Config(), _batches(20), client, in_flight=4)
    next(gen)
    gen.close()
    assert [f.cancelled for f in client.futures] == [False] + [True] * 3


def test_each_process_keeps_one_pipeline_per_config() -> None:
    a, b = Config(batch_size=7), Config(batch_size=7)
    assert worker_pipeline(a) is worker_pipeline(b)
    assert worker_pipeline(a) is not worker_pipeline(Config(batch_size=8))


def test_the_dask_setting() -> None:
    assert Config.load(env={}, dask="LOCAL").dask == "local"
    assert Config.load(env={"EVENTCODER_DASK": "tcp://10.0.0.5:8786"}).dask == \
        "tcp://10.0.0.5:8786"
    with pytest.raises(ConfigError, match="'local' or a Dask scheduler address"):
        Config.load(env={}, dask="nowhere")


def test_a_missing_dask_is_a_one_line_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ConfigError, match=r"pip install 'eventcoder\[dask\]'"):
        require_dask()
    src = tmp_path / "a.txt"
    src.write_text("Gunmen killed two policemen in Mosul on Monday.", encoding="utf-8")
    result = run_cli("extract", str(src), "--db", f"sqlite:///{tmp_path / 'e.db'}", "--dask",
                     "local")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: --dask needs dask and distributed (distributed is not installed): "
        "pip install 'eventcoder[dask]'"]
    assert not (tmp_path / "e.db").exists()  # stopped before any work


@pytest.mark.e2e
def test_dask_local_stores_the_events_of_a_plain_run(tmp_path) -> None:
    """A few wire reports (two of them one event, merged across articles), coded by a
    2-worker LocalCluster and in this process: the same events, ids and fields, and merges."""
    import psutil

    from eventcoder.store import Store

    lines = REPORTS.read_text(encoding="utf-8").splitlines(keepends=True)
    picked = lines[:10] + [line for line in lines if json.loads(line)["id"] == "x003"]
    random.Random(3).shuffle(picked)
    src = tmp_path / "few.jsonl"
    src.write_text("".join(picked), encoding="utf-8")

    def run(name: str, *extra: str) -> list[dict]:
        db = f"sqlite:///{tmp_path / name}"
        result = run_cli("extract", str(src), "--db", db, "--batch-size", "2", "--format",
                         "jsonl", *extra)
        assert result.exit_code == 0, result.output
        with Store(db) as store:
            return sorted((e.model_dump() for e in store.query_events(status="all")),
                          key=lambda e: e["event_id"])

    def children() -> set[int]:
        """This process's children, less multiprocessing's resource tracker (started once
        with the first spawned process, it lives as long as this one)."""
        return {p.pid for p in psutil.Process().children(recursive=True)
                if not any("resource_tracker" in part for part in p.cmdline())}

    children_before = children()
    with_dask = run("dask.db", "--dask", "local", "--workers", "2")
    plain = run("plain.db")
    assert with_dask == plain
    assert any(len(e["article_ids"]) == 2 for e in plain)  # the merged report pair
    # the run stopped its cluster: no worker or nanny process is left
    left = children() - children_before
    assert not left, [psutil.Process(p).cmdline() for p in left]


def _worker_settings() -> tuple[bool, str | None]:
    import os

    import dask

    return (bool(dask.config.get("distributed.worker.profile.enabled")),
            os.environ.get("MALLOC_TRIM_THRESHOLD_"))


@pytest.mark.e2e
def test_a_local_clusters_workers_code_as_fast_as_a_plain_process() -> None:
    """Dask's defaults cost coding about a quarter more CPU per article (docs/throughput.md):
    a trim threshold that hands freed memory back at once, and the profiler sampling deep
    spaCy stacks every 10 ms. The local cluster's workers run without either, and this
    process's own dask settings are left as they were."""
    pytest.importorskip("distributed", reason="needs the dask extra")
    import dask

    from eventcoder.cluster import dask_client

    before = dask.config.get("distributed.worker.profile.enabled")
    with dask_client("local", 1) as client:
        assert set(client.run(_worker_settings).values()) == {(False, None)}
    assert dask.config.get("distributed.worker.profile.enabled") == before
