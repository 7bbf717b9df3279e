"""Alembic migrations of the store, run by :func:`marsad.store.migrate.upgrade` at every open."""
