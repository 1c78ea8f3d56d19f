"""Database backends by URL scheme: what the Store needs to know to open each kind of database.

The built-ins are registered in :data:`eventcoder.registry.backends` (entry-point group
``eventcoder_backends``) under the schemes users type: ``sqlite``, ``postgresql`` and its
alias ``postgres``. A plugin registers a :class:`Backend` for another SQLAlchemy dialect; the
Store then runs its portable SQL on it (the PostgreSQL-only paths, COPY and advisory locks,
key on the dialect name ``postgresql``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..registry import UnknownNameError
from ..registry import backends as _registry

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

__all__ = ["Backend", "backend_for", "sqlite_memory"]


@dataclass(frozen=True)
class Backend:
    """One kind of database, registered under the URL scheme a user types.

    dialect: the SQLAlchemy dialect the scheme stands for (``postgresql`` for ``postgres://``).
    driver: the DBAPI driver used when the URL names none (``psycopg`` turns
        ``postgresql://`` into ``postgresql+psycopg://``); None keeps SQLAlchemy's default.
    engine_options: ``(url) -> dict`` of extra ``create_engine`` keyword arguments
        (``connect_args``, ``poolclass``); may raise ``StoreError`` for a URL that cannot work.
    setup: ``(engine, url) -> None``, called once on each new engine (event listeners,
        pragmas).
    install_hint: appended to the error when the driver cannot be imported.
    """

    dialect: str
    driver: str | None = None
    engine_options: Callable[[URL], dict[str, Any]] | None = None
    setup: Callable[[Engine, URL], None] | None = None
    install_hint: str = ""


def backend_for(name: str) -> Backend:
    """The Backend for a URL scheme or SQLAlchemy dialect name (``postgres``, ``postgresql``).

    RAISES UnknownNameError (a ConfigError): when no backend is registered for it.
    """
    try:
        found = _registry.get(name)
    except UnknownNameError:
        found = next((b for b in _registry.get_all().values()
                      if isinstance(b, Backend) and b.dialect == name), None)
        if found is None:
            raise
    if not isinstance(found, Backend):
        raise UnknownNameError(f"database backend {name!r} is registered as {found!r}, "
                               "not as an eventcoder.store.backends.Backend")
    return found


def sqlite_memory(url: URL) -> bool:
    """True for an in-memory SQLite URL (``sqlite://``)."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _sqlite_options(url: URL) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"connect_args": {"timeout": 60, "check_same_thread": False}}
    if sqlite_memory(url):
        from sqlalchemy.pool import StaticPool

        kwargs["poolclass"] = StaticPool
    elif url.database and not Path(url.database).parent.exists():
        from .store import StoreError

        raise StoreError(f"cannot open database {url}: folder "
                         f"{Path(url.database).parent} does not exist")
    return kwargs


def _sqlite_setup(engine: Engine, url: URL) -> None:
    from .store import _sqlite_setup as setup

    setup(engine, memory=sqlite_memory(url))


def _postgresql_options(url: URL) -> dict[str, Any]:
    if url.get_driver_name() == "psycopg":
        # no server-side prepared statements: their generic plans for IN (...) lists of
        # varying content turn index lookups into sequential scans as tables grow
        return {"connect_args": {"prepare_threshold": None}}
    return {}


SQLITE = Backend("sqlite", engine_options=_sqlite_options, setup=_sqlite_setup)
POSTGRESQL = Backend("postgresql", driver="psycopg", engine_options=_postgresql_options,
                     install_hint="install the PostgreSQL driver: "
                                  "pip install 'eventcoder[postgres]'")

_registry.register("sqlite", func=SQLITE)
_registry.register("postgresql", func=POSTGRESQL)
_registry.register("postgres", func=POSTGRESQL)
