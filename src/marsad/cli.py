"""The ``marsad`` command: a thin layer over :mod:`marsad.api`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from marsad import __version__
from marsad.api import IngestSummary, extract, ingest
from marsad.errors import MarsadError
from marsad.merge import EventView, describe, merge_events, relink, split_report
from marsad.read.convert import ReadOptions
from marsad.read.fetch import FetchPolicy
from marsad.scale.progress import count_inputs
from marsad.store.database import Store

app = typer.Typer(
    help=(
        "Marsad (مرصد) reads Arabic and English news and builds a database of conflict events.\n\n"
        "Examples:\n\n"
        "  marsad extract --json --reference-date 2024-11-30 article.ar.txt\n\n"
        "  marsad ingest examples/ news.warc.gz https://example.org/feed.xml\n\n"
        "  marsad serve"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True)

DataDir = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads Optional at run time
    typer.Option(
        "--data-dir",
        envvar="MARSAD_DATA_DIR",
        help="Folder for the SQLite store (default ~/.local/share/marsad).",
    ),
]
Db = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--db", envvar="MARSAD_DB", help="Database URL (postgresql://…) or SQLite file; overrides --data-dir."
    ),
]
AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Let URL fetching reach loopback and private-network addresses (refused by default).",
    ),
]


def _date(value: Optional[str]) -> Optional[dt.date]:  # noqa: UP045
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-11-30"
        ) from None


def _fail(exc: MarsadError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}")
    return typer.Exit(code=2)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"marsad {__version__}")
        raise typer.Exit()


@app.command("extract")
def extract_command(
    source: Annotated[str, typer.Argument(help="A file, a URL, or - for standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the output contract's JSON.")] = False,
    reference_date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--reference-date", help="Date to resolve 'yesterday', 'يوم السبت' against (YYYY-MM-DD)."
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="ar, en or auto (detect).")] = "auto",
    allow_private: AllowPrivate = False,
) -> None:
    """Read one article and print what Marsad finds in it.

    Example: marsad extract --json --reference-date 2024-11-30 حلب.txt
    """
    if lang not in ("ar", "en", "auto"):
        raise typer.BadParameter("--lang must be ar, en or auto")
    options = ReadOptions(reference_date=_date(reference_date))
    try:
        doc = extract(
            source,
            options=options,
            lang=None if lang == "auto" else lang,
            fetch_policy=FetchPolicy(allow_private=allow_private),
        )
    except MarsadError as exc:
        raise _fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False, indent=1) + "\n")
        return
    _print_document(doc.to_json())


def _print_document(out: dict[str, object]) -> None:
    console = Console()
    article = out["article"]
    assert isinstance(article, dict)
    table = Table(show_header=False, box=None)
    for key in ("id", "title", "language", "published", "published_from", "author"):
        table.add_row(key, str(article.get(key)))
    dateline = article.get("dateline") or {}
    table.add_row("dateline", str(dateline.get("raw")) if dateline else "-")
    source = article.get("source") or {}
    table.add_row("site", str(source.get("site")))
    table.add_row("syndicated from", str(source.get("syndicated_from")))
    console.print(table)
    console.print(str(article["text"]))


@app.command("ingest")
def ingest_command(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, WARC archives, JSONL, feeds, URLs, or -.")
    ],
    data_dir: DataDir = None,
    db: Db = None,
    reference_date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--reference-date", help="Date for articles whose page gives none (YYYY-MM-DD)."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="ar, en or auto (detect).")] = "auto",
    follow_links: Annotated[
        bool,
        typer.Option("--follow-links", help="Fetch each feed item's page instead of using the item text."),
    ] = False,
    allow_private: AllowPrivate = False,
    workers: Annotated[
        int, typer.Option("--workers", help="Run the stages on N local worker processes (needs Dask).")
    ] = 0,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--scheduler", help="Run the stages on a Dask cluster: its scheduler, tcp://HOST:PORT."),
    ] = None,
) -> None:
    """Read sources into the store, skipping articles it already has.

    Ctrl-C stops after the current batch, keeping everything done; the same command resumes.

    Example: marsad ingest --workers 2 examples/ ~/news/2024-11.warc.gz
    """
    try:
        store = Store.open(db, data_dir)
    except MarsadError as exc:
        raise _fail(exc) from None
    options = ReadOptions(reference_date=_date(reference_date))
    total = _count_in_background(sources)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("starting", total=None)

        def show(summary: IngestSummary) -> None:
            known = total.result() if total.done() else None
            progress.update(task, completed=summary.read, total=known, description=_status(summary, known))

        try:
            summary = ingest(
                sources,
                store,
                options=options,
                lang=None if lang == "auto" else lang,
                fetch_policy=FetchPolicy(allow_private=allow_private),
                follow_feed_links=follow_links,
                on_progress=show,
                workers=workers,
                scheduler=scheduler,
            )
        except ModuleNotFoundError as exc:
            err.print(
                f'[red]error:[/red] {exc}; --workers and --scheduler need: pip install "dask[distributed]"'
            )
            raise typer.Exit(code=2) from None
    _print_summary(summary, store.url)
    if summary.interrupted:
        raise typer.Exit(code=130)


def _count_in_background(sources: list[str]) -> Future[int | None]:
    """The number of inputs, counted beside the ingest so a large folder does not delay its start."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marsad-count")
    counting = pool.submit(count_inputs, sources)
    pool.shutdown(wait=False)
    return counting


def _status(summary: IngestSummary, total: int | None) -> str:
    status = (
        f"read {summary.read}{f'/{total}' if total else ''} · new {summary.new} · {summary.rate:.1f} docs/s"
    )
    if total and summary.rate > 0 and total > summary.read:
        status += f" · ETA {dt.timedelta(seconds=round((total - summary.read) / summary.rate))}"
    return status


def _print_summary(summary: IngestSummary, store_url: str) -> None:
    for rejected in summary.rejections:
        err.print(Text.assemble(("quarantined ", "yellow"), f"{rejected.origin}: {rejected.reason}"))
    if summary.quarantined > len(summary.rejections):
        err.print(
            f"… and {summary.quarantined - len(summary.rejections)} more: marsad quarantine lists them all"
        )
    if summary.interrupted:
        err.print("interrupted: every finished batch is committed; run the same command again to resume")
    typer.echo(
        f"read {summary.read}, new {summary.new}, duplicates {summary.duplicates}, "
        f"quarantined {summary.quarantined}, events {summary.events} "
        f"in {summary.seconds:.1f} s ({summary.rate:.1f} docs/s)  (store: {store_url})"
    )


@app.command("quarantine")
def quarantine_command(
    data_dir: DataDir = None,
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List inputs that could not be read, with the reason and the time."""
    store = Store.open(db, data_dir)
    rows = store.quarantine()
    if as_json:
        for row in rows:
            record = {
                "origin": row.origin,
                "code": row.code,
                "reason": row.reason,
                "at": row.created_at.isoformat(),
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table("when", "code", "input", "reason")
    for row in rows:
        table.add_row(row.created_at.strftime("%Y-%m-%d %H:%M"), row.code, row.origin, row.reason)
    Console().print(table)
    if not rows:
        typer.echo("nothing quarantined")


@app.command("export")
def export_command(
    fmt: Annotated[
        str, typer.Option("--format", help="csv (ACLED columns), jsonl, geojson or parquet.")
    ] = "csv",
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="Only events on or after this date (YYYY-MM-DD)."),
    ] = None,
    until: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--until", help="Only events on or before this date (YYYY-MM-DD)."),
    ] = None,
    country: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--country", help="Only events in this country (ISO 3166-1 alpha-2, e.g. SY)."),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="File to write (default standard output; parquet needs one)."),
    ] = None,
    data_dir: DataDir = None,
    db: Db = None,
) -> None:
    """Write the event database as ACLED-style CSV, JSON Lines, GeoJSON or Parquet.

    Example: marsad export --format geojson --country SY --since 2024-11-01 -o syria.geojson
    """
    from marsad.store.export import FORMATS, EventFilter, export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet is a binary file: give it a name with --output FILE")
    filters = EventFilter(since=_date(since), until=_date(until), country=country)
    try:
        store = Store.open(db, data_dir)
        if output is None:
            summary = export(store, fmt, sys.stdout.buffer, filters)
            sys.stdout.flush()
        else:
            # Written beside the target and renamed at the end: an interrupted export leaves no half file.
            partial = output.with_name(output.name + ".partial")
            with partial.open("wb") as handle:
                summary = export(store, fmt, handle, filters)
            partial.replace(output)
    except MarsadError as exc:
        raise _fail(exc) from None
    skipped = f", {summary.skipped} without coordinates left out" if summary.skipped else ""
    err.print(f"exported {summary.written} events{skipped}", markup=False)


@app.command("serve")
def serve_command(
    data_dir: DataDir = None,
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--token",
            envvar="MARSAD_API_TOKEN",
            help="Bearer token that writes (POST /api/ingest, split, merge) need; none are allowed without.",
        ),
    ] = None,
    cors_origins: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--cors-origin", help="Let web pages from this origin call the API (repeatable; off by default)."
        ),
    ] = None,
) -> None:
    """Start the web UI and API, and print its address.

    Example: MARSAD_API_TOKEN=$(openssl rand -hex 16) marsad serve --port 8080
    """
    import uvicorn

    from marsad.serve.app import create_app
    from marsad.serve.settings import ServeSettings

    store = Store.open(db, data_dir)
    settings = ServeSettings.from_env(
        api_token=token, cors_origins=tuple(cors_origins) if cors_origins else None
    )
    writes = "writes need the API token" if settings.writes_enabled else "read-only (no --token)"
    typer.echo(
        f"Marsad is serving {store.count_articles()} articles at http://{host}:{port}/  "
        f"({writes}; Ctrl-C stops)"
    )
    uvicorn.run(create_app(store, settings=settings), host=host, port=port, log_level="warning")


def _event_store(db: Optional[str], data_dir: Optional[Path]) -> Store:  # noqa: UP045
    try:
        return Store.open(db, data_dir)
    except MarsadError as exc:
        raise _fail(exc) from None


@app.command("event")
def event_command(
    event_id: Annotated[int, typer.Argument(help="The event's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the event as JSON.")] = False,
    data_dir: DataDir = None,
    db: Db = None,
) -> None:
    """Show an event with every report behind it, and each fatality figure with who gave it.

    Example: marsad event 42
    """
    store = _event_store(db, data_dir)
    try:
        with store.session() as session:
            view = describe(session, event_id)
    except MarsadError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(json.dumps(view.to_json(), ensure_ascii=False, indent=1))
    else:
        _print_event(view)


def _print_event(view: EventView) -> None:
    toll = f"{view.fatalities_best} (range {view.fatalities_low}..{view.fatalities_high})"
    disputed = ", disputed: the sources give different figures" if view.disputed else ""
    typer.echo(f"event {view.id}: {view.type}/{view.subtype}, {view.date} ({view.date_precision})")
    typer.echo(f"where: {view.location}; actors: {view.actor1} / {view.actor2}")
    typer.echo(f"fatalities {toll}{disputed}")
    for report in view.reports:
        pinned = " [pinned]" if report.pinned else ""
        source = f"{report.language}, article {report.article_id}"
        typer.echo(f"\nreport {report.id}{pinned} ({source}): {report.title}")
        typer.echo(f"  {report.date}, {report.location}; {report.actor1 or '-'} / {report.actor2 or '-'}")
        for f in report.figures:
            count = f.count if f.count is not None else f"{f.low}..{f.high}"
            typer.echo(f"  {f.kind} {count} {f.victims or ''} ({f.qualifier}), said by {f.claimant or '?'}")


@app.command("split")
def split_command(
    event_id: Annotated[int, typer.Argument(help="The event the report was wrongly merged into.")],
    report: Annotated[int, typer.Option("--report", help="The report to move out (see marsad event).")],
    data_dir: DataDir = None,
    db: Db = None,
) -> None:
    """Move a report out of an event into an event of its own; the linker will not undo it.

    Example: marsad split 42 --report 317
    """
    store = _event_store(db, data_dir)
    try:
        with store.session() as session:
            new = split_report(session, event_id, report).id
    except MarsadError as exc:
        raise _fail(exc) from None
    typer.echo(f"report {report} is now event {new}; event {event_id} recomputed")


@app.command("merge")
def merge_command(
    event_id: Annotated[int, typer.Argument(help="The event to keep.")],
    other_event_id: Annotated[int, typer.Argument(help="The event whose reports move into it.")],
    data_dir: DataDir = None,
    db: Db = None,
) -> None:
    """Merge two events that are one: every report of the second moves into the first.

    Example: marsad merge 42 57
    """
    store = _event_store(db, data_dir)
    try:
        with store.session() as session:
            reports = len(merge_events(session, event_id, other_event_id).reports)
    except MarsadError as exc:
        raise _fail(exc) from None
    typer.echo(f"event {other_event_id} merged into event {event_id} ({reports} reports)")


@app.command("relink")
def relink_command(data_dir: DataDir = None, db: Db = None) -> None:
    """Link every report again with the current rules, keeping splits and merges made by hand.

    The grouping then depends on the reports only, not on the order they were ingested in.
    """
    store = _event_store(db, data_dir)
    with store.session() as session:
        events = relink(session)
    typer.echo(f"{events} events")
