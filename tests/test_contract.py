"""`marsad extract --json` honours the output contract on every shipped example."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@cache
def schema() -> dict[str, Any]:
    text = resources.files("marsad.schema").joinpath("output.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def test_shipped_schema_equals_shared(shared: Path) -> None:
    shipped = resources.files("marsad.schema").joinpath("output.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(
        (shared / "spec" / "output.schema.json").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    "example", sorted(p for p in EXAMPLES.rglob("*") if p.is_file()), ids=lambda p: p.name
)
def test_every_example_validates(example: Path) -> None:
    result = runner.invoke(app, ["extract", "--json", "--reference-date", "2024-11-30", str(example)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, schema(), format_checker=jsonschema.FormatChecker())
    text = out["article"]["text"]
    for key in ("entities", "places", "claims", "events"):
        for item in out[key]:
            for span in item.get("mentions", []) + item.get("evidence", []):
                assert text[span["start"] : span["end"]] == span["text"]


def test_extract_reads_stdin() -> None:
    result = runner.invoke(
        app, ["extract", "--json", "-"], input="A headline for the test\n\nThe body of the story is here.\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["title"] == "A headline for the test"


def test_extract_names_a_missing_file() -> None:
    result = runner.invoke(app, ["extract", "--json", "/nonexistent/article.txt"])
    assert result.exit_code == 2
    assert "/nonexistent/article.txt" in result.output


def test_bad_reference_date_says_the_format() -> None:
    result = runner.invoke(app, ["extract", "--reference-date", "30/11/2024", "-"], input="x\n")
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def test_help_has_arabic_example() -> None:
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    assert "حلب" in result.output
