"""Cross-article merge: ``reports.pinned`` (placed by a person) and ``events.disputed`` (figures disagree).

``pinned`` is false for every stored report: none was placed by hand before. ``disputed`` is set here for
events whose reports give different best fatality counts; claimants disagreeing inside one report are
caught the next time the event is recomputed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("reports", sa.Column("pinned", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("events", sa.Column("disputed", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute(
        "UPDATE events SET disputed = ("
        "SELECT COUNT(DISTINCT reports.fatalities_best) > 1 FROM reports WHERE reports.event_id = events.id)"
    )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch copy would drop and re-create the tables, and SQLite's
    # ON DELETE SET NULL would then unlink every report from its event.
    op.drop_column("events", "disputed")
    op.drop_column("reports", "pinned")
