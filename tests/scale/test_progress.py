"""The input count behind the progress bar's total and ETA: known for folders of pages, else None."""

from __future__ import annotations

from pathlib import Path

from marsad.scale.progress import count_inputs
from tests.conftest import EXAMPLES
from tests.scale.conftest import write_news


def test_a_folder_of_pages_counts_its_files(news: Path) -> None:
    (news / ".hidden.txt").write_text("not read", encoding="utf-8")
    assert count_inputs([str(news)]) == 17
    assert count_inputs([str(news), str(news / "000.txt")]) == 18


def test_containers_and_streams_make_the_total_unknown(tmp_path: Path) -> None:
    assert count_inputs([str(EXAMPLES)]) is None  # a feed and a JSON Lines file
    assert count_inputs(["-"]) is None
    assert count_inputs(["https://example.org/feed.xml"]) is None
    assert count_inputs([str(tmp_path / "missing")]) is None
    folder = write_news(tmp_path / "news", 2, broken=False)
    (folder / "records.dat").write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
    assert count_inputs([str(folder)]) is None
