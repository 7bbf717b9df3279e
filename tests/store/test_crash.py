"""A real ``marsad ingest`` killed by SIGKILL mid-run loses only work in flight; a re-run completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from marsad.store.database import Store
from marsad.store.models import ArticleRow
from marsad.store.normalise import VERSION
from tests.store.documents import text_file

ARTICLES = 240
_INGEST = "from marsad.cli import app; app()"


def _stored(engine: sa.Engine) -> int:
    """Articles committed so far; 0 while the ingest is still creating the tables."""
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.text("SELECT count(*) FROM articles")).scalar_one())
    except sa.exc.DBAPIError:
        return 0


def _ingest(url: str, folder: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", _INGEST, "ingest", "--db", url, "--lang", "en", str(folder)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_after_first_commit(process: subprocess.Popen[bytes], url: str) -> int:
    engine = sa.create_engine(url)
    deadline = time.monotonic() + 120
    try:
        while (stored := _stored(engine)) == 0:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the ingest stored nothing in two minutes"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return stored
    finally:
        engine.dispose()


def test_sigkill_mid_batch_then_rerun_stores_every_article_once(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:04d}.txt").write_text(text_file(n), encoding="utf-8")
    Store(db_url).close()  # the schema first, so the kill cannot land in a migration
    seen = _kill_after_first_commit(_ingest(db_url, folder), db_url)
    assert 0 < seen < ARTICLES, "the kill must land mid-run"
    engine = sa.create_engine(db_url)
    with engine.connect() as connection:
        after_kill = connection.scalar(sa.select(sa.func.count()).select_from(ArticleRow.__table__))
        unfinished = sa.select(sa.func.count()).where(ArticleRow.normalised.is_distinct_from(VERSION))
        assert connection.scalar(unfinished) == 0, "every committed article has all its rows"
    engine.dispose()
    assert after_kill is not None and after_kill >= seen

    rerun = _ingest(db_url, folder)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert f"new {ARTICLES - after_kill}, duplicates {after_kill}" in out.decode()
    engine = sa.create_engine(db_url)
    with engine.connect() as connection:
        origins = connection.execute(sa.text("SELECT origin FROM articles")).scalars().all()
    engine.dispose()
    assert len(origins) == len(set(origins)) == ARTICLES
    assert {Path(o).name for o in origins} == {f"{n:04d}.txt" for n in range(ARTICLES)}
