"""The reading of the shared sample: title, body bounds, furniture, dateline and syndication."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from marsad import extract
from marsad.read.convert import ReadOptions


def test_sample_reading(shared: Path) -> None:
    for gold_path in sorted((shared / "spec").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = extract(
            str(shared / gold["document"]),
            options=ReadOptions(reference_date=dt.date.fromisoformat(gold["reference_date"])),
        )
        assert doc.title == gold["title"]
        assert doc.language == gold["language"]
        assert doc.text.startswith(gold["body_first_words"])
        assert doc.text.endswith(gold["body_last_words"])
        for line in gold["boilerplate"]:
            assert line not in doc.text
        assert doc.source.syndicated_from == gold["syndication"]["via"]
        assert doc.dateline is not None and doc.dateline.place is not None
        assert doc.dateline.place.country == gold["dateline"]["country"]
