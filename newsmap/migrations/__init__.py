"""Alembic migrations of the store's schema; ``newsmap.store.migrate`` runs them, no alembic.ini needed."""
