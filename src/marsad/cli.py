"""The ``marsad`` command: a thin layer over :mod:`marsad.api`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad import __version__
from marsad.api import IngestSummary, extract, ingest
from marsad.errors import MarsadError
from marsad.read.convert import ReadOptions
from marsad.read.fetch import FetchPolicy
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
) -> None:
    """Read sources into the store, skipping articles it already has.

    Example: marsad ingest examples/ ~/news/2024-11.warc.gz
    """
    try:
        store = Store.open(db, data_dir)
    except MarsadError as exc:
        raise _fail(exc) from None
    options = ReadOptions(reference_date=_date(reference_date))
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} read"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def show(summary: IngestSummary) -> None:
            progress.update(task, completed=summary.read, description=f"new {summary.new}")

        summary = ingest(
            sources,
            store,
            options=options,
            lang=None if lang == "auto" else lang,
            fetch_policy=FetchPolicy(allow_private=allow_private),
            follow_feed_links=follow_links,
            on_progress=show,
        )
    for rejected in summary.rejections:
        err.print(f"[yellow]quarantined[/yellow] {rejected.origin}: {rejected.reason}", markup=False)
    typer.echo(
        f"read {summary.read}, new {summary.new}, duplicates {summary.duplicates}, "
        f"quarantined {summary.quarantined}  (store: {store.url})"
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


@app.command("serve")
def serve_command(
    data_dir: DataDir = None,
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web UI and API, and print its address."""
    import uvicorn

    from marsad.serve.app import create_app

    store = Store.open(db, data_dir)
    typer.echo(
        f"Marsad is serving {store.count_articles()} articles at http://{host}:{port}/  (Ctrl-C stops)"
    )
    uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
