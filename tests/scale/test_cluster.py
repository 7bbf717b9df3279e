"""Dask ingest on a real local cluster (two worker processes): it must store exactly what one process stores.

Starting the cluster costs a few seconds, so one module-scoped cluster serves every test here; the client
connects to it by address, as ``marsad ingest --scheduler`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster

from marsad.api import ingest
from marsad.read.raw import RawItem, Rejected
from marsad.read.sources import iter_source
from marsad.scale.cluster import ClusterOptions, ingest_on_cluster, partitions
from marsad.store.database import Store
from tests.conftest import EXAMPLES
from tests.scale.conftest import write_news


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def contents(store: Store) -> dict[str, Any]:
    return {row.id: row.document for row in store.articles(limit=10_000)}


def on_cluster(sources: list[str], store: Store, scheduler: str, partition_size: int = 4) -> Any:
    raw = (item for source in sources for item in iter_source(source))
    options = ClusterOptions(scheduler=scheduler, partition_size=partition_size)
    return ingest_on_cluster(raw, store, options, batch_size=3)


def test_same_store_with_and_without_dask(tmp_path: Path, scheduler: str) -> None:
    sources = [str(EXAMPLES), str(write_news(tmp_path / "news", 14, copies=4))]
    alone, distributed = Store.open(data_dir=tmp_path / "one"), Store.open(data_dir=tmp_path / "dask")
    expected = ingest(sources, alone, batch_size=5)
    summary = on_cluster(sources, distributed, scheduler)
    assert (summary.read, summary.new, summary.duplicates, summary.quarantined, summary.events) == (
        expected.read,
        expected.new,
        expected.duplicates,
        expected.quarantined,
        expected.events,
    )
    assert contents(distributed) == contents(alone)
    assert any(document["events"] for document in contents(alone).values())
    assert distributed.count_events() == alone.count_events()
    assert [row.origin for row in distributed.quarantine()] == [row.origin for row in alone.quarantine()]


def test_a_dask_rerun_skips_everything_on_the_workers(tmp_path: Path, scheduler: str) -> None:
    sources = [str(write_news(tmp_path / "news", 6))]
    store = Store.open(data_dir=tmp_path / "data")
    first = on_cluster(sources, store, scheduler)
    again = on_cluster(sources, store, scheduler)
    assert (first.new, again.new, again.duplicates) == (6, 0, 6)


def test_workers_write_directly_to_postgresql(tmp_path: Path, scheduler: str, postgres_cluster: Any) -> None:
    sources = [str(write_news(tmp_path / "news", 10))]
    server = Store(str(postgres_cluster.url()))
    reference = Store.open(data_dir=tmp_path / "one")
    ingest(sources, reference)
    summary = on_cluster(sources, server, scheduler, partition_size=3)
    assert (summary.new, summary.quarantined) == (10, 2)
    assert contents(server) == contents(reference)
    server.close()


def test_the_cli_runs_on_local_workers(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    folder = write_news(tmp_path / "news", 4, copies=1)
    result = CliRunner().invoke(
        app, ["ingest", "--workers", "2", "--data-dir", str(tmp_path / "d"), str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert "read 7, new 4, duplicates 1, quarantined 2, events" in result.stdout


def test_partitions_hold_a_bounded_number_of_items_and_bytes() -> None:
    items: list[RawItem | Rejected] = [RawItem(f"page{n}", b"x" * 400, "html") for n in range(10)]
    items.insert(3, Rejected("bad", "empty", "I234"))
    assert [len(part) for part in partitions(items, 4, 10_000)] == [4, 4, 3]
    assert [len(part) for part in partitions(items, 100, 1_000)] == [3, 4, 3, 1]
    assert [item for part in partitions(items, 4, 1_000) for item in part] == items
