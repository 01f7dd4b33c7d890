"""Opening a store: its URL and engine, write transactions, migrations, and database errors as one line."""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from urllib.parse import quote
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine, make_url

from newsmap.errors import NewsmapError


MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 60


def data_dir() -> Path:
    configured = os.environ.get("NEWSMAP_DATA_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "data"


def default_url() -> str:
    return os.environ.get("NEWSMAP_DATABASE_URL") or f"sqlite:///{data_dir() / 'newsmap.db'}"


def _display(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def _one_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def create_store_engine(url: str | sa.URL) -> Engine:
    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        raise NewsmapError(f"not a database URL: {str(url)!r}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        if parsed.get_backend_name() != "postgresql":
            raise NewsmapError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as error:
        raise NewsmapError(f"cannot use database URL {_display(parsed)}: {_one_line(error)}") from None


def _read_only_url(url: sa.URL, path: Path) -> sa.URL | None:
    """A read-only URL for a database file this process may read but not write (or whose folder it
    may not write: WAL mode needs its -wal and -shm files beside it), else None."""
    folder = path.parent
    if not path.is_file() or (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return None
    wal_files = Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    # With its -wal and -shm files present (a writer has it open) the database is read through them;
    # without, "immutable" lets SQLite read it without creating them in a folder it can't write.
    mode = {"mode": "ro"} if wal_files else {"immutable": "1"}
    return url.set(database=f"file:{quote(str(path.resolve()))}", query={**mode, "uri": "true"})


def is_read_only(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and (
        engine.url.query.get("mode") == "ro" or engine.url.query.get("immutable") == "1")


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        url = _read_only_url(url, path) or url
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NewsmapError(f"cannot create the database folder {folder}: {error.strerror or error}") from None
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    read_only = is_read_only(engine)

    # pysqlite's own transaction handling delays BEGIN and commits before DDL; take it over so
    # writers can ask for BEGIN IMMEDIATE (the write lock up front) and migrations stay atomic.
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        if not read_only:
            _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(connection):
        write = connection.get_execution_options().get("newsmap_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _switch_to_wal(cursor) -> None:
    """WAL mode, waiting for other processes: switching a new file's journal needs it alone, and
    SQLite answers "database is locked" at once there rather than through the busy timeout."""
    import sqlite3
    import time

    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def _write_transaction(engine: Engine, lock: str) -> Iterator[Connection]:
    """One serialised write transaction. ``lock``: "store" (the tables exist) or "schema"."""
    with engine.connect() as connection:
        connection = connection.execution_options(newsmap_write=True)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                if lock == "schema":
                    # Per schema, so stores sharing one PostgreSQL database don't wait on each other.
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"))
                else:
                    connection.execute(sa.text("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE"))
            yield connection


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` in one transaction (a no-op when it is already there)."""
    from alembic import command
    from alembic.config import Config

    with _write_transaction(engine, lock="schema") as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _database_errors(method):
    """Operational failures (server down, disk full, lock timeout) reach the user as one line."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sa.exc.OperationalError as error:
            raise NewsmapError(f"store {self.display_url}: {_one_line(error)}") from None
        except sa.exc.DatabaseError as error:
            if type(error) is not sa.exc.DatabaseError:
                raise  # integrity and programming errors are newsmap's own bugs, not the user's to fix
            # A damaged SQLite file ("database disk image is malformed", "file is not a database").
            raise NewsmapError(f"store {self.display_url}: {_one_line(error)} (the database file is damaged; "
                               "restore it from a backup or move it away to start a new store)") from None

    return wrapper
