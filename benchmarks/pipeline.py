"""End-to-end ingest throughput, where the time goes, memory, and the Dask speed-up.

    .venv/bin/python benchmarks/pipeline.py [--corpus DIR] [--quick] [--skip-dask] [--skip-stream]

Needs the corpus of ``benchmarks/corpus.py`` (built into ``--corpus``, default ``/tmp/marsad-corpus``,
when missing, which needs ``../shared``). Every run ingests into a fresh SQLite store in a temporary
folder through the code of ``marsad ingest``: :func:`marsad.scale.batch.ingest_items`, or
:func:`marsad.scale.cluster.ingest_on_cluster`.

* **Single process**, per input kind (text files, HTML pages, JSON Lines, WARC): articles per second
  (inputs read / wall time, with the models already loaded; also per CPU-second, which other jobs on
  the machine do not change) and each part's share of the time: reading
  (container + conversion, HTML extraction included), each pipeline stage (wrapped in a timer), the
  store (every transaction: duplicate checks, writes, commits), and the rest (batching, copies).
* **Dask**: the text and HTML inputs on a local cluster of 1 and 2 worker processes, against the single
  process; the rate counts from the moment the workers have loaded their models (start-up is shown apart).
  Peak RSS is given per worker. On a machine shared with other work the speed-up understates.
* **Streaming**: ``stream/stream.jsonl`` (100,000 articles; 2,000 with ``--quick``) in one process;
  the resident set is sampled as it goes, at 10% steps: it must stay flat.

``--quick`` takes 300 inputs per kind and a 2,000-article stream, for development.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster

from marsad.api import default_pipeline, read
from marsad.document import Document
from marsad.pipeline import Pipeline, Stage
from marsad.read.raw import Rejected
from marsad.read.sources import iter_source
from marsad.scale.batch import IngestSummary, ingest_items
from marsad.scale.cluster import PLUGIN_NAME, ClusterOptions, PipelinePlugin, ingest_on_cluster, warm_up
from marsad.store.database import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # the corpus builder beside this file

KINDS = {"text": "text", "html": "html", "jsonl": "jsonl", "warc": "warc"}
TARGETS = {"text": 100.0, "html": 40.0}
"""Articles per second wanted end to end on a 2-core machine, one process."""
RSS_LIMIT_MB = 1500
SPEEDUP_TARGET = 1.7


class Timers:
    """Seconds spent per part of the ingest."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def timing(self, part: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[part] += time.perf_counter() - started


class TimedStage:
    """A stage with a stopwatch: same name, version and fields, so the pipeline's checks still hold."""

    def __init__(self, stage: Stage, timers: Timers) -> None:
        self.stage = stage
        self.timers = timers
        self.name, self.version = stage.name, stage.version
        self.requires, self.assigns = stage.requires, stage.assigns

    def __call__(self, doc: Document) -> Document:
        with self.timers.timing(f"stage {self.name}"):
            return self.stage(doc)


class TimedStore:
    """The store, with every transaction timed (duplicate checks, inserts, commit)."""

    def __init__(self, store: Store, timers: Timers) -> None:
        self.store = store
        self.timers = timers

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    @contextmanager
    def session(self) -> Iterator[Any]:
        with self.timers.timing("store"), self.store.session() as session:
            yield session


def timed_reading(items: Iterable[Document | Rejected], timers: Timers) -> Iterator[Document | Rejected]:
    iterator = iter(items)
    while True:
        with timers.timing("read"):
            item = next(iterator, None)
        if item is None:
            return
        yield item


def rss_mb() -> float:
    """Current resident set of this process (not the peak)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(slots=True)
class Run:
    label: str
    summary: IngestSummary
    shares: dict[str, float] = field(default_factory=dict)
    startup: float = 0.0
    worker_rss: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    """CPU time of this process during the run: its rate does not depend on what else the machine runs."""
    worker_cpu: list[float] = field(default_factory=list)

    @property
    def cpu_rate(self) -> float:
        """Articles per CPU-second of one process. On a cluster, the rate its CPU time allows on this
        machine's cores if nothing else ran: bound by the busiest worker, or by all its processes (client
        included) sharing the cores."""
        if self.worker_cpu:
            cores = os.cpu_count() or 1
            busy = max(max(self.worker_cpu), (sum(self.worker_cpu) + self.cpu_seconds) / cores)
            return self.summary.read / busy
        return self.summary.read / self.cpu_seconds if self.cpu_seconds else 0.0


def inputs(corpus_dir: Path, kind: str, limit: int | None) -> list[str]:
    """The inputs of one kind: files in name order (languages interleaved), or the one container file."""
    folder = corpus_dir / KINDS[kind]
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.name)
    if kind in ("text", "html"):
        return [str(p) for p in files[:limit]]
    return [str(p) for p in files]


def limited(items: Iterable[Any], limit: int | None) -> Iterator[Any]:
    for number, item in enumerate(items):
        if limit is not None and number >= limit:
            return
        yield item


def single_process(label: str, sources: list[str], limit: int | None, pipeline: Pipeline) -> Run:
    timers = Timers()
    timed = Pipeline([TimedStage(stage, timers) for stage in pipeline.stages])
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:
        store = Store.open(data_dir=Path(folder))
        documents = limited((d for source in sources for d in read(source)), limit)
        started, cpu = time.perf_counter(), time.process_time()
        summary = ingest_items(timed_reading(documents, timers), TimedStore(store, timers), timed)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        store.close()
    shares = {part: seconds / wall for part, seconds in timers.seconds.items()}
    shares["other"] = 1 - sum(shares.values())
    return Run(label, summary, shares, cpu_seconds=cpu)


def on_dask(label: str, sources: list[str], limit: int | None, workers: int) -> Run:
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
        tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder,
    ):
        store = Store.open(data_dir=Path(folder))
        client.register_plugin(PipelinePlugin(None, store.url), name=PLUGIN_NAME)  # models loaded now
        raw = limited((item for source in sources for item in iter_source(source)), limit)
        options = ClusterOptions(scheduler=cluster.scheduler_address)
        workers_cpu, client_cpu = client.run(time.process_time), time.process_time()
        summary = ingest_on_cluster(raw, store, options)
        client_cpu = time.process_time() - client_cpu
        workers_cpu = {w: cpu - workers_cpu[w] for w, cpu in client.run(time.process_time).items()}
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        store.close()
    startup = time.perf_counter() - started - summary.seconds
    run = Run(label, summary, startup=startup, worker_rss=sorted(rss.values()), cpu_seconds=client_cpu)
    run.worker_cpu = sorted(workers_cpu.values())
    return run


def streaming(path: Path, count: int, pipeline: Pipeline) -> list[tuple[int, float]]:
    """Ingest ``count`` streamed articles, sampling the resident set at every tenth of the way."""
    samples: list[tuple[int, float]] = []
    step = max(count // 10, 1)

    def sample(summary: IngestSummary) -> None:
        if summary.read // step > len(samples) - 1 or summary.read >= count:
            samples.append((summary.read, rss_mb()))
            print(
                f"    {summary.read:>7,} read  {summary.rate:6.1f}/s  RSS {samples[-1][1]:6.0f} MB",
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:
        store = Store.open(data_dir=Path(folder))
        samples.append((0, rss_mb()))
        ingest_items(limited(read(str(path)), count), store, pipeline, on_progress=sample)
        store.close()
    return samples


def print_run(run: Run) -> None:
    s = run.summary
    line = (
        f"  {run.label:<28} {s.read:>6} read {s.new:>6} new {s.duplicates:>4} dup {s.quarantined:>3} quar "
        f"{s.events:>6} events  {s.seconds:7.1f} s  {s.rate:6.1f} articles/s"
    )
    if run.worker_cpu:
        cpu = ", ".join(f"{seconds:.0f}" for seconds in run.worker_cpu)
        worker_rss = ", ".join(f"{rss:.0f}" for rss in run.worker_rss)
        line += (
            f"\n      start-up {run.startup:.1f} s; CPU s: workers {cpu}, client {run.cpu_seconds:.0f} "
            f"→ {run.cpu_rate:.1f} articles/s on free cores; worker peak RSS {worker_rss} MB"
        )
    elif run.cpu_seconds:
        line += f"  ({run.cpu_rate:.1f} per CPU-second)"
    print(line)
    if run.shares:
        parts = sorted(run.shares.items(), key=lambda item: -item[1])
        print("      " + "  ".join(f"{part} {share:.0%}" for part, share in parts))


def ensure_corpus(path: Path, stream: int) -> None:
    if not (path / "manifest.json").is_file():
        print(f"building the corpus in {path} …", flush=True)
        corpus.main([str(path)])
    stream_file = path / "stream" / "stream.jsonl"
    if stream and (not stream_file.is_file() or _lines(stream_file) < stream):
        print(f"writing a stream of {stream:,} articles …", flush=True)
        corpus.write_stream(path, stream, 7, lambda n: print(f"  {n:,}", flush=True))


def _lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/marsad-corpus"))
    parser.add_argument("--quick", action="store_true", help="300 inputs per kind, a 2,000-article stream")
    parser.add_argument("--limit", type=int, help="inputs per kind (default: all, or 300 with --quick)")
    parser.add_argument("--stream", type=int, help="articles in the streaming run (default 100,000)")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-stream", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    logging.disable(
        logging.ERROR
    )  # stage failures are quarantined and counted; their tracebacks are noise here
    limit = args.limit or (300 if args.quick else None)
    stream_count = 0 if args.skip_stream else args.stream or (2_000 if args.quick else 100_000)
    if not (args.corpus / "manifest.json").is_file() and not corpus.ANERCORP.is_dir():
        print(f"skipped: no corpus in {args.corpus} and {corpus.SHARED} is missing to build one")
        return 0
    ensure_corpus(args.corpus, stream_count)
    pipeline = default_pipeline()
    warm_up(pipeline)
    print(f"models loaded; peak RSS {peak_rss_mb():.0f} MB")
    results: dict[str, Any] = {}
    if not args.skip_single:
        results |= single_section(args.corpus, limit, pipeline)
    if not args.skip_dask:
        results["dask"] = dask_section(args.corpus, limit, results)
    if stream_count:
        print(f"\nstreaming {stream_count:,} articles from JSON Lines, one process:")
        samples = streaming(args.corpus / "stream" / "stream.jsonl", stream_count, pipeline)
        results["stream_rss_mb"] = samples
        tenth = next(rss for n, rss in samples if n >= stream_count // 10)
        print(
            f"  RSS at {stream_count // 10:,}: {tenth:.0f} MB; at {samples[-1][0]:,}: {samples[-1][1]:.0f} MB"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def single_section(corpus_dir: Path, limit: int | None, pipeline: Pipeline) -> dict[str, Any]:
    print("\nsingle process (SQLite store):")
    results: dict[str, Any] = {}
    for kind in KINDS:
        run = single_process(kind, inputs(corpus_dir, kind, limit), limit, pipeline)
        print_run(run)
        results[kind] = {
            "articles_per_s": run.summary.rate,
            "articles_per_cpu_s": run.cpu_rate,
            "shares": run.shares,
            "read": run.summary.read,
        }
    results["peak_rss_mb"] = peak_rss_mb()
    print(f"  peak RSS {results['peak_rss_mb']:.0f} MB (limit {RSS_LIMIT_MB})")
    for kind, target in TARGETS.items():
        rate = results[kind]["articles_per_s"]
        print(
            f"  {kind}: {rate:.1f} articles/s, target {target:.0f}: {'met' if rate >= target else 'NOT met'}"
        )
    return results


def dask_section(corpus_dir: Path, limit: int | None, results: dict[str, Any]) -> dict[str, Any]:
    print("\nDask, local cluster (text then HTML inputs):")
    figures: dict[str, Any] = {}
    for kind in ("text", "html"):
        sources = inputs(corpus_dir, kind, limit)
        rates = {"1 process": results[kind]["articles_per_s"]} if kind in results else {}
        for workers in (1, 2):
            run = on_dask(f"{kind}, {workers} worker(s)", sources, limit, workers)
            print_run(run)
            rates[f"{workers} workers"] = run.summary.rate
            rates[f"{workers} workers, free cores"] = run.cpu_rate
        ratios = [
            f"{rates['2 workers'] / rates[one]:.2f}× {one}"
            for one in ("1 process", "1 workers")
            if one in rates
        ]
        free = rates["2 workers, free cores"] / rates["1 workers, free cores"]
        print(
            f"  {kind}: 2 workers = {', '.join(ratios)}; on free cores {free:.2f}× (target {SPEEDUP_TARGET}×)"
        )
        figures[kind] = rates
    return figures


if __name__ == "__main__":
    sys.exit(main())
