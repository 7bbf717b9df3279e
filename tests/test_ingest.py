"""Ingest streams sources into a real SQLite store.

It skips what it already has and quarantines what it cannot read.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from marsad.api import ingest
from marsad.cli import app
from marsad.store.database import Store
from tests.conftest import EXAMPLES


def test_reingesting_creates_nothing_new(store: Store) -> None:
    first = ingest([str(EXAMPLES)], store)
    assert first.new >= 1 and first.quarantined == 0
    again = ingest([str(EXAMPLES)], store)
    assert again.new == 0 and again.duplicates == first.new


def test_same_text_in_another_file_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    body = "Headline of a story here\n\nThe army said on Monday that it had repelled an attack.\n"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body.replace("\n\n", "\n\n\n"), encoding="utf-8")
    summary = ingest([str(tmp_path)], store)
    assert (summary.new, summary.duplicates) == (1, 1)


def test_cli_ingest_summary_and_quarantine(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "A headline for a story\n\nIt said that talks went on.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 10)
    runner = CliRunner()
    data = str(tmp_path / "data")
    result = runner.invoke(app, ["ingest", "--data-dir", data, str(folder)])
    assert result.exit_code == 0, result.output
    assert "read 3, new 1, duplicates 0, quarantined 2" in result.stdout
    listing = runner.invoke(app, ["quarantine", "--data-dir", data, "--json"])
    assert listing.stdout.count("\n") == 2
    assert "empty" in listing.stdout
