"""Migration 0003 (``reports.pinned``, ``events.disputed``) on a store that already has linked events."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from marsad.store import migrate
from marsad.store.database import Store
from tests.store.documents import article


def test_down_to_0002_and_back_keeps_the_links_and_finds_the_disputes(store: Store) -> None:
    with store.session() as session:
        store.add_document(session, article(1, army_count=12, monitor_count=None))
        store.add_document(session, article(2, army_count=15, monitor_count=None))
    with store.engine.begin() as connection:
        config = migrate.alembic_config(connection)
        command.downgrade(config, "0002")
        command.upgrade(config, "head")
        links = connection.execute(sa.text("SELECT event_id, pinned FROM reports ORDER BY id")).all()
        events = connection.execute(sa.text("SELECT id, disputed FROM events")).all()
    assert len(events) == 1 and bool(events[0][1]), "12 and 15 dead: disputed"
    assert [(event_id, bool(pinned)) for event_id, pinned in links] == [(events[0][0], False)] * 2
