"""The merge tests run on SQLite and PostgreSQL with the store tests' fixtures, on articles written for
them (``articles/``, labelled in ``gold.yaml``) read once through the real pipeline."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from marsad.api import extract
from marsad.document import Document
from marsad.store.database import Store
from tests.store.conftest import db_url, store  # noqa: F401 - the store tests' fixtures, reused

ARTICLES = Path(__file__).resolve().parent / "articles"
GOLD: dict[str, str] = yaml.safe_load((ARTICLES.parent / "gold.yaml").read_text(encoding="utf-8"))

StoreFactory = Callable[[], Store]


def article_name(origin: str) -> str:
    """``ariha-strike-1.en`` for ``…/articles/ariha-strike-1.en.txt``."""
    return Path(origin).name.removesuffix(".txt")


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    """Every test article through the real pipeline, once per session, by name."""
    return {article_name(str(path)): extract(str(path)) for path in sorted(ARTICLES.glob("*.txt"))}


@pytest.fixture
def new_store(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StoreFactory]:  # noqa: F811
    """Fresh empty stores on the same back end as ``db_url``, as many as a test needs."""
    opened: list[Store] = []
    counter = itertools.count()

    def make() -> Store:
        if db_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'extra-{next(counter)}.sqlite'}"
        else:
            url = str(request.getfixturevalue("postgres_cluster").url())
        opened.append(Store(url))
        return opened[-1]

    yield make
    for each in opened:
        each.close()
