"""The database engine bound to the app, and sessions for services."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

EXTENSION = "clusterhub.db"


def normalise_url(url: str) -> str:
    """postgresql:// means the psycopg 3 driver here (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


SQLITE_BUSY_MS = 30_000  # how long a SQLite writer waits for the lock (a sync may hold it)


def make_engine(url: str) -> Engine:
    """An engine for url; SQLite gets foreign keys, WAL and a busy timeout for several workers."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": SQLITE_BUSY_MS / 1000})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        from pathlib import Path
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    app.extensions[EXTENSION] = make_engine(url)


def engine(app: Flask | None = None) -> Engine:
    return (app or current_app).extensions[EXTENSION]


@contextmanager
def session(app: Flask | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine(app), expire_on_commit=False) as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
