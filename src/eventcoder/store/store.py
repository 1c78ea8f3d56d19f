"""The Store: events and articles in SQLite (default) or PostgreSQL, behind one interface.

Only this package imports database drivers. Every write is one transaction; the schema is
created and upgraded with Alembic when a Store opens. See ``docs/storage.md``.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime as dt
import json
import math
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, get_args

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Table,
    Text,
    and_,
    case,
    cast,
    create_engine,
    delete,
    event,
    exists,
    false,
    func,
    insert,
    inspect,
    literal,
    or_,
    select,
    text,
    tuple_,
    union,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)

from ..dedup.cross import REGION_PRECISION, is_area
from ..dedup.near import band_keys
from ..dedup.policy import HUMAN_STATUSES as HUMAN_STATUSES  # re-exported (was defined here)
from ..dedup.policy import FieldChange, merge_pair
from ..errors import EventcoderError, InputError, ResourceError
from ..extract.rows import compose_notes
from ..registry import UnknownNameError, backends
from ..schema import Article, Candidate, Event, Evidence, Span, Status, stable_id
from .backends import Backend, backend_for, sqlite_memory
from .tables import (
    VERSION_TABLE,
    api_jobs,
    article_bands,
    articles,
    event_articles,
    event_merges,
    event_revisions,
    events,
    evidence,
    merge_decisions,
    stats_by_day,
    stats_by_region,
    stats_by_region_month,
)
from .tables import candidates as candidates_table

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: Event fields stored as columns of ``events`` (everything but the two lists).
EVENT_SCALARS: tuple[str, ...] = tuple(
    f for f in Event.model_fields if f not in ("article_ids", "evidence"))
ARTICLE_FIELDS: tuple[str, ...] = tuple(Article.model_fields)

#: The columns of ``events`` that hold the Event's fields.
_EVENT_COLUMNS = tuple(events.c[f] for f in EVENT_SCALARS)

#: Rows per ``IN (...)`` clause: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500
#: Events per ``UNION`` of blocking queries (:meth:`Store.merge_candidates_many`): about
#: two searches of at most 13 parameters each, well under SQLite's limits (999 parameters
#: before SQLite 3.32, 500 compound terms).
BLOCKING_CHUNK = 30


@dataclass(frozen=True)
class NearCandidate:
    """A stored article sharing an LSH band with a signature (:meth:`Store.near_candidates`)."""

    article_id: str
    #: the stored article's own ``copy_of`` (None for an original)
    copy_of: str | None
    #: its MinHash signature (:func:`eventcoder.dedup.near.signature`)
    signature: bytes


@dataclass(frozen=True)
class MergeRecord:
    """One row of ``event_merges`` as :meth:`Store.merges_into` gives it."""

    absorbed_id: str
    merged_at: dt.datetime
    score: float
    reasons: list[str]


#: The states of an HTTP API job (``api_jobs.state``) that are not final.
ACTIVE_JOB_STATES: tuple[str, ...] = ("queued", "running")
#: The final ones: a job in one of them never changes again.
FINISHED_JOB_STATES: tuple[str, ...] = ("done", "failed", "cancelled")


@dataclass(frozen=True)
class JobRecord:
    """One background coding job of the HTTP API (a row of ``api_jobs``; :meth:`Store.get_job`).

    Times are timezone-aware UTC. ``owner`` names the server process that runs the job
    (``host:pid:token``, :mod:`eventcoder.api.jobs`), ``heartbeat_at`` is when it last showed
    it was alive, ``result`` the job's answer as JSON once done.
    """

    id: str
    user: str
    state: str
    articles: int
    settled: int
    submitted_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    heartbeat_at: dt.datetime
    owner: str
    result: str | None = None
    error: str | None = None


#: JobRecord field -> api_jobs column, where the names differ
_JOB_COLUMNS = {"user": "submitted_by"}


@dataclass(frozen=True)
class Change:
    """One version of an event and what made it (:meth:`Store.event_changes`)."""

    revision: int
    #: when this version was written
    at: dt.datetime
    #: "coded", "source added", "copy linked", "merge", "review", "edit", "split" (None: a
    #: version written before the store recorded causes)
    cause: str | None
    #: who made the change (None: an automatic one)
    user: str | None
    comment: str | None
    #: field -> (old value, new value), against the previous version (empty for version 1)
    changes: dict[str, tuple[Any, Any]]
    #: extra facts the writer recorded: the merge policy's rule and articles per changed
    #: field ("fields"), the absorbed event of a merge, the other event of a split, ...
    detail: dict[str, Any]
    #: the event as of this version
    event: Event


#: Event fields a reviewer may correct (:meth:`Store.edit_event`): everything but the id and
#: what the store derives (provenance, counts, confidence).
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    f for f in Event.model_fields
    if f not in ("event_id", "article_ids", "evidence", "sources_count", "confidence"))


@dataclass(frozen=True)
class ArticleInfo:
    """A stored article without its text (:meth:`Store.article_infos`): what a list of an
    event's sources shows."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    language: str | None
    #: the id of the article this one is a near-duplicate copy of (None for an original)
    copy_of: str | None
    #: the text every evidence offset indexes, when asked for (``article_infos(text=True)``)
    text: str | None = None


#: Orders of :meth:`Store.page_events`: a column ascending, or descending with ``-``; ties are
#: broken by ``event_id`` in the same direction, and undated events come last either way.
SORTS: tuple[str, ...] = ("event_date", "-event_date", "fatalities", "-fatalities")
#: Periods of :meth:`Store.event_stats`: ISO weeks (starting on Monday) or calendar months.
INTERVALS: tuple[str, ...] = ("week", "month")


@dataclass(frozen=True)
class EventFilter:
    """The filters of an event query (:meth:`Store.page_events`, :meth:`Store.count_events`,
    :meth:`Store.event_stats`); every one is optional and an event matches when it passes all
    that are given.

    since, until, country, admin1, event_type, actor, min_fatalities, min_confidence, status:
        as in :meth:`Store.query_events` (``event_type`` matches the event type or the
        sub-event type; ``status`` None leaves the rejected and tentative events out).
    admin2: second-level region, exact name, case-insensitive.
    sub_event_type: ACLED sub-event type, case-insensitive.
    bbox: (min_lon, min_lat, max_lon, max_lat) in degrees, bounds included; a min_lon above
        max_lon is a box across the antimeridian. Events without coordinates never match.
    q: case-insensitive substring of the notes or of the text of an evidence span (SQL LIKE
        with ``%`` and ``_`` taken literally; SQLite folds the case of ASCII letters only).
    located: only events with coordinates (a map's points).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    min_confidence: float | None = None
    status: str | tuple[str, ...] | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    located: bool = False

    def query_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :meth:`Store.query_events` and :meth:`Store.iter_events`
        for these filters (``located`` has none there: give a bbox instead)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "located"}

    def conditions(self) -> list[Any]:
        """The SQL conditions on ``events``. RAISES InputError: for an unknown status."""
        return _filters(**{f.name: getattr(self, f.name) for f in fields(self)})


@dataclass(frozen=True)
class PageKey:
    """Where a page of :meth:`Store.page_events` ended: the sort value of its last event (None
    for an undated event under a date order) and that event's id; the next page starts
    after it (keyset pagination: no row is repeated or lost when rows are added before it)."""

    value: dt.date | int | None
    event_id: str


@dataclass(frozen=True)
class StatsRow:
    """One group of :meth:`Store.event_stats`: its key, the number of events and the sum of
    their fatalities."""

    key: Any
    events: int
    fatalities: int


@dataclass(frozen=True)
class EventStats:
    """Counts and fatalities of the events matching a filter (:meth:`Store.event_stats`).

    by_period: key = the first day of the week or month (None for the undated events), in
        date order, undated last. by_event_type: key = event type, most events first.
    by_admin1: key = (country, admin1), most events first.
    by_period_and_type: key = (first day of the period, event type), in the order of
        by_period, then of by_event_type (a timeline stacked by type, without a query per
        type).
    """

    events: int
    fatalities: int
    interval: str
    by_period: list[StatsRow]
    by_event_type: list[StatsRow]
    by_admin1: list[StatsRow]
    by_period_and_type: list[StatsRow]


#: The columns of :class:`MapPoints`, in order.
MAP_COLUMNS: tuple[str, ...] = ("event_id", "longitude", "latitude", "event_type",
                                "fatalities")


@dataclass(frozen=True)
class MapPoints:
    """The located events matching a filter (:meth:`Store.map_points`): what a map draws
    and clusters, nothing more, as one JSON array (text) per column, the i-th element of
    each being the i-th event's.

    count: the events here. total: how many located events match (more than ``count``
    when a limit left some out). truncated: whether it did (the points are then the latest
    by date). :meth:`columns` decodes the arrays.
    """

    count: int
    total: int
    truncated: bool
    event_id: str
    longitude: str
    latitude: str
    event_type: str
    fatalities: str

    def columns(self) -> dict[str, list[Any]]:
        """Column name -> its values (the JSON arrays decoded)."""
        return {name: json.loads(getattr(self, name)) for name in MAP_COLUMNS}



#: Statuses of an event (``Event.status``): "auto" as coded, "tentative" as coded under
#: ``min_confidence`` (hidden until another report of it is merged in), or a human's decision.
STATUSES: tuple[str, ...] = get_args(Status)
#: The statuses the reading methods return unless asked otherwise: rejected events (a human
#: said they are not events) and tentative ones (a weak report no other has confirmed yet)
#: are left out of queries, exports, counts and what a run reports.
DEFAULT_STATUSES: tuple[str, ...] = ("auto", "reviewed")

#: PostgreSQL advisory lock taken by every save_batch transaction (serialises writers).
WRITE_LOCK_KEY = 0x6576636F  # "evco"


class StoreError(EventcoderError, ValueError):
    """The database URL is unusable, the database cannot be opened, or it fails under us (a
    full disk, a read-only file, a server gone); one-line message naming the database."""


def normalize_url(url: str | Path) -> URL:
    """A SQLAlchemy URL from what a user types.

    The scheme names a registered backend (:data:`eventcoder.registry.backends`: ``sqlite``,
    ``postgresql``, ``postgres`` and plugins'), which gives the dialect and the driver used
    when the URL names none: ``postgresql://`` and ``postgres://`` use the psycopg 3 driver.
    A bare file path (``events.db``) means SQLite. RAISES StoreError: for an unparseable URL
    or an unregistered scheme.
    """
    return resolve_url(url)[0]


def resolve_url(url: str | Path) -> tuple[URL, Backend]:
    """:func:`normalize_url`'s URL and the :class:`~eventcoder.store.backends.Backend`
    registered for the scheme the user typed. RAISES StoreError: as normalize_url."""
    raw = str(url).strip()
    if not raw:
        raise StoreError("empty database URL")
    shown = _hide_password(raw)
    if "://" not in raw:
        return URL.create("sqlite", database=raw), backend_for("sqlite")
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {shown!r}: {_one_line(exc)}") from None
    scheme, _, driver = parsed.drivername.partition("+")
    try:
        backend = backend_for(scheme)
    except UnknownNameError:
        raise StoreError(f"unsupported database {scheme!r} in {shown!r}: "
                         "use sqlite:///path or postgresql://user@host/db (registered: "
                         f"{', '.join(backends.names())})") from None
    driver = driver or backend.driver or ""
    drivername = backend.dialect + ("+" + driver if driver else "")
    if drivername != parsed.drivername:
        parsed = parsed.set(drivername=drivername)
    return parsed, backend


_CREATE_HINT = "'eventcoder extract INPUTS --db URL' creates one"


def _require_sqlite_file(url: URL) -> bool:
    """Check, without writing to it, that ``url`` names a SQLite file holding a store.

    RETURNS False when ``url`` is no SQLite file (nothing checked). RAISES StoreError: when
    the file does not exist, cannot be read or has no eventcoder tables. Read with the
    standard library in read-only mode, so that the engine's set-up (WAL journal mode) never
    touches another program's file.
    """
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return False
    path = Path(url.database)
    if not path.is_file():
        raise StoreError(f"no database at {url.database} ({_CREATE_HINT})")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = ?", (VERSION_TABLE,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {url.database}: {exc}") from None
    if found is None:
        raise StoreError(f"no eventcoder database at {url.database}: it has no eventcoder "
                         f"tables ({_CREATE_HINT})")
    return True


def _sqlite_hint(url: URL) -> str:
    """Why a SQLite file may not be written, when it is its file system's doing: " (the file
    is read-only)", " (its folder is read-only: SQLite makes its journal there)"; else ""."""
    import os

    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return ""
    path = Path(url.database)
    if path.parent.exists() and not os.access(path.parent, os.W_OK):
        return " (its folder is read-only: SQLite makes its journal there)"
    if path.exists() and not os.access(path, os.W_OK):
        return " (the file is read-only)"
    return ""


def _hide_password(raw: str) -> str:
    """``scheme://user:***@host/db`` for error messages."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", raw)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_lock(conn: Connection) -> None:
    """On PostgreSQL, take the transaction's advisory write lock (:data:`WRITE_LOCK_KEY`)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def _lookup_in(conn: Connection, key: Any, value: Any, keys: Iterable[str]) -> dict[str, Any]:
    """``key`` -> ``value`` (two columns of one table) for the stored ones among ``keys``,
    queried in chunks on ``conn``."""
    out: dict[str, Any] = {}
    for chunk in _chunks(sorted(set(keys))):
        for k, v in conn.execute(select(key, value).where(key.in_(chunk))):
            out[k] = v
    return out


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return " ".join(text.split())[:300]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _detail(changes: Sequence[FieldChange] = (), **extra: Any) -> str:
    """The ``detail`` JSON of a version: the merge policy's field changes and extra facts."""
    out: dict[str, Any] = dict(extra)
    if changes:
        out["fields"] = [{"field": c.field, "old": _jsonable(c.old), "new": _jsonable(c.new),
                          "articles": list(c.articles), "rule": c.rule} for c in changes]
    return json.dumps(out, sort_keys=True)


def _version_meta(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The current version's cause, changed_by, comment and detail of each stored event."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(list(ids)):
        for row in conn.execute(select(events.c.event_id, events.c.cause, events.c.changed_by,
                                       events.c.comment, events.c.detail)
                                .where(events.c.event_id.in_(chunk))):
            out[row.event_id] = {"cause": row.cause, "changed_by": row.changed_by,
                                 "comment": row.comment, "detail": row.detail}
    return out


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class Store:
    """Articles and events in a SQL database, migrated to the current schema on open.

    url: SQLAlchemy URL (``sqlite:///eventcoder.db`` by default, ``sqlite://`` in memory,
        ``postgresql://user@host:port/db``) or a plain SQLite file path.
    create: when False, open an existing store only (for reading and reviewing): a SQLite
        file that does not exist, or a database without eventcoder's tables, is a StoreError
        ("no database at PATH") and nothing is created. An existing store is still upgraded.
    RAISES StoreError (a ValueError): for a bad URL or a database that cannot be opened.

    Example::

        with Store("sqlite:///events.db") as store:
            store.save_batch(articles, events)
            rows = store.query_events(country="Iraq", since=date(2024, 1, 1))
    """

    def __init__(self, url: str = "sqlite:///eventcoder.db", *, create: bool = True) -> None:
        self.url, self.backend = resolve_url(url)
        #: the connection kept for :meth:`data_version` (SQLite), made when first asked
        self._version_conn: Any = None
        self._version_lock = threading.Lock()
        #: the connection of this thread's open :meth:`transaction`, if any
        self._local = threading.local()
        checked = create or _require_sqlite_file(self.url)
        self.engine = self._create_engine(self.url, self.backend)
        #: whether :meth:`event_stats` reads the summary tables: migration 0010 writes the
        #: triggers that keep them for SQLite and PostgreSQL only (a plugin's dialect has
        #: empty ones); the tests turn it off to compare with the grouped queries
        self._summaries = self.engine.dialect.name in ("sqlite", "postgresql")
        from alembic.util.exc import CommandError

        shown = self.url.render_as_string(hide_password=True)
        try:
            if not checked:  # another backend: ask through the engine
                self._require_schema(shown)
            self._migrate()
        except CommandError as exc:  # e.g. a revision from a newer eventcoder
            self.engine.dispose()
            raise StoreError(f"cannot migrate database {shown}: {_one_line(exc)} (was it "
                             "created by a newer eventcoder?)") from None
        except (SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open database {shown}: {_one_line(exc)}"
                             f"{_sqlite_hint(self.url)}") from None

    # ---------------------------------------------------------------------------------------
    # setup

    @staticmethod
    def _create_engine(url: URL, backend: Backend | None = None) -> Engine:
        """An engine set up as the backend (default: the one registered for the URL's dialect)
        says: engine options, setup hook."""
        if backend is None:
            backend = backend_for(url.get_backend_name())
        kwargs: dict[str, Any] = backend.engine_options(url) if backend.engine_options else {}
        try:
            engine = create_engine(url, **kwargs)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            hint = f" ({backend.install_hint})" if backend.install_hint else ""
            raise StoreError(f"cannot use database URL {url.render_as_string(hide_password=True)}"
                             f": {_one_line(exc)}{hint}") from None
        if backend.setup is not None:
            backend.setup(engine, url)
        return engine

    def _require_schema(self, shown: str) -> None:
        """RAISES StoreError: when the database holds no eventcoder tables (nothing made)."""
        with self.engine.connect() as conn:
            found = inspect(conn).has_table(VERSION_TABLE)
        if not found:
            self.engine.dispose()
            raise StoreError(f"no eventcoder database at {shown}: it has no eventcoder tables "
                             f"({_CREATE_HINT})")

    def _migrate(self) -> None:
        """Create or upgrade the schema to Alembic's head, in one transaction."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url",
                            self.url.render_as_string(hide_password=False).replace("%", "%%"))
        with self.engine.connect().execution_options(eventcoder_write=True) as conn:
            with conn.begin():
                _write_lock(conn)  # two processes opening a new database
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")

    def close(self) -> None:
        """Release every connection."""
        with self._version_lock:
            if self._version_conn is not None:
                self._version_conn.close()
                self._version_conn = None
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    # ---------------------------------------------------------------------------------------
    # transactions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every call on this store inside the block, reads and writes, ONE write
        transaction: committed when the block ends, rolled back when it raises.

        The run path saves a batch and merges its events with the stored reports of the same
        events (:func:`eventcoder.dedup.cross.merge_stored`) in one, so a killed run never
        leaves a batch saved but not merged (a re-run would skip its articles as stored and
        never merge them). The write lock is taken at the start (SQLite ``BEGIN IMMEDIATE``,
        PostgreSQL's advisory lock), so the block sees every other writer's committed work and
        no other writer commits until it ends: keep it short. Per thread; a nested call joins
        the open transaction.
        """
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with self._database_errors("write to"), \
                self.engine.connect().execution_options(eventcoder_write=True) as conn:
            with conn.begin():
                _write_lock(conn)
                self._local.conn = conn
                try:
                    yield
                finally:
                    self._local.conn = None

    @contextlib.contextmanager
    def _database_errors(self, doing: str) -> Iterator[None]:
        """The database failing under us (a full disk, a read-only file, a server gone) as a
        StoreError naming the database: "cannot write to database URL: database or disk is
        full". Errors of the statements themselves (a constraint, bad SQL) are bugs and are
        left as they are."""
        try:
            yield
        except (IntegrityError, ProgrammingError, DataError):
            raise
        except DBAPIError as exc:
            shown = self.url.render_as_string(hide_password=True)
            raise StoreError(f"cannot {doing} database {shown}: {_one_line(exc)}"
                             f"{_sqlite_hint(self.url)}") from exc

    @contextlib.contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[Connection]:
        """A connection: the open :meth:`transaction`'s, else a new one (closed after;
        ``write``: its transaction starts as a write, ``BEGIN IMMEDIATE`` on SQLite)."""
        active: Connection | None = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        with self._database_errors("write to" if write else "read from"):
            conn = self.engine.connect()
            if write:
                conn = conn.execution_options(eventcoder_write=True)
            with conn:
                yield conn

    def _begin(self, conn: Connection) -> contextlib.AbstractContextManager[Any]:
        """``conn.begin()``, or nothing inside the open :meth:`transaction` (which commits)."""
        if conn is getattr(self._local, "conn", None):
            return contextlib.nullcontext()
        return conn.begin()

    # ---------------------------------------------------------------------------------------
    # articles

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The subset of ``hashes`` (article content hashes) already stored."""
        wanted = sorted(set(hashes))
        found: set[str] = set()
        with self._connect() as conn:
            for chunk in _chunks(wanted):
                found.update(conn.scalars(
                    select(articles.c.content_hash).where(articles.c.content_hash.in_(chunk))))
        return found

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        with self._connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            return None
        return Article(**{f: getattr(row, f) for f in ARTICLE_FIELDS})

    def article_sources(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        """Article id -> source (publisher) name, for the stored ones among ``article_ids``.

        Pass it to :func:`eventcoder.export.write_events` (``sources=``) to fill ACLED's
        ``source`` column.
        """
        return self._lookup(articles.c.id, articles.c.source, article_ids)

    def article_ids_for_hashes(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """Content hash -> stored article id (which may be a renamed ``id~hash``, see
        :meth:`save_batch`), for the stored ones among ``content_hashes``."""
        return self._lookup(articles.c.content_hash, articles.c.id, content_hashes)

    def near_candidates(self, signatures: Mapping[str, bytes]
                        ) -> dict[str, list[NearCandidate]]:
        """For each key's MinHash signature, the stored articles sharing at least one of its
        LSH band keys (:func:`eventcoder.dedup.near.band_keys`), in article id order.

        Found through the ``(band, bucket)`` index of ``article_bands`` in chunked queries,
        never by a scan of the articles. The caller checks the similarity of the returned
        signatures (:func:`eventcoder.dedup.near.similarity`): sharing a band makes a
        candidate, not a copy. Keys without a candidate are left out.
        """
        wanted: dict[tuple[int, int], list[str]] = {}
        for key, sig in signatures.items():
            for bk in band_keys(sig):
                wanted.setdefault(bk, []).append(key)
        found: dict[str, dict[str, NearCandidate]] = {}
        with self._connect() as conn:
            for chunk in _chunks(sorted(wanted)):
                by_band: dict[int, list[int]] = {}
                for band, bucket in chunk:
                    by_band.setdefault(band, []).append(bucket)
                # one (band = ? AND bucket IN (...)) term per band: each is a search of the
                # (band, bucket) index on SQLite and PostgreSQL alike (SQLite scans the table
                # for a row-value IN list)
                q = (select(article_bands.c.band, article_bands.c.bucket, articles.c.id,
                            articles.c.copy_of, articles.c.minhash)
                     .join(articles, articles.c.id == article_bands.c.article_id)
                     .where(or_(*(and_(article_bands.c.band == band,
                                       article_bands.c.bucket.in_(buckets))
                                  for band, buckets in by_band.items()))))
                for row in conn.execute(q):
                    if row.minhash is None:
                        continue
                    for key in wanted.get((row.band, row.bucket), ()):
                        found.setdefault(key, {})[row.id] = NearCandidate(
                            row.id, row.copy_of, bytes(row.minhash))
        return {k: [c for _, c in sorted(cands.items())] for k, cands in found.items()}

    def count_articles(self) -> int:
        """Number of stored articles."""
        with self._connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(articles)) or 0)

    # ---------------------------------------------------------------------------------------
    # writing

    def save_batch(self, articles: Sequence[Article], events: Sequence[Event],
                   candidates: Sequence[Candidate] = (),
                   signatures: Mapping[str, bytes] | None = None) -> int:
        """Store a batch of articles and events in ONE transaction.

        Articles whose content hash is already stored are ignored. An article whose id is
        already stored for a different text (an updated article, or ids reused across files)
        is stored as ``"<id>~<first 8 hex of its content hash>"`` and this batch's events are
        rewritten to cite that id, so evidence offsets always index the right text.

        Events are upserted by ``event_id``: a new id is inserted; a known id (or one seen
        earlier in the batch) is merged with the stored event by the one merge policy,
        :func:`eventcoder.dedup.policy.merge_pair` with ``supersede=True`` (see the "Merge
        policy" section of docs/storage.md), and its previous version is kept in
        ``event_revisions``:

        - article ids and evidence are unioned (stored first, no duplicates);
          ``sources_count`` is the number of distinct article ids and never decreases;
        - a human status ("reviewed"/"rejected") is never overwritten by an automatic
          ("auto" or "tentative") event: then only article ids and evidence are merged; an
          event saved with a human status is taken as it is;
        - otherwise ``fatalities`` is the highest figure when both cite the same articles,
          the lowest non-zero one when they cite different articles; the place is the more
          precise one (lower ``geo_precision``; on a tie the stored place stays);
          ``confidence`` is the higher; the status is "auto" when either is (a tentative
          event stays tentative only while no report shows it); the other fields are the new
          event's (a newer coding); ``notes`` are recomposed when the merge changes what
          they say.

        (Until issue 10 the new event's fatalities, place, confidence and notes replaced the
        stored ones, like its other fields.) An unchanged event writes nothing.

        ``candidates`` (what each segment with an event word was found to be, see
        :class:`eventcoder.schema.Candidate`) are stored for the articles this batch inserts;
        a known article keeps the candidates it had.

        ``signatures`` (content hash -> MinHash signature, :mod:`eventcoder.dedup.near`) are
        stored with the articles this batch inserts, with their LSH band keys, so that later
        copies of them are found (:meth:`near_candidates`).

        RETURNS: the number of events whose id was not stored before.
        """
        with self._connect(write=True) as conn:
            with self._begin(conn):
                # one writer at a time: concurrent upserts of one event id cannot collide
                _write_lock(conn)
                renamed, inserted = self._insert_articles(conn, articles, signatures)
                new_ids: dict[str, str] = {}
                if renamed:
                    originals = list(events)
                    events = [_rename_articles(e, renamed) for e in originals]
                    new_ids = {old.event_id: new.event_id for old, new in
                               zip(originals, events, strict=True)
                               if old.event_id != new.event_id}
                rows = []
                for pos, c in enumerate(candidates):
                    aid = renamed.get(c.article_id, c.article_id)
                    if c.article_id not in inserted:
                        continue
                    rows.append({"article_id": aid, "position": pos, "start": c.sentence.start,
                                 "end": c.sentence.end, "trigger_start": c.trigger.start,
                                 "trigger_end": c.trigger.end, "trigger": c.trigger.text,
                                 "sub_event_type": c.sub_event_type, "status": c.status,
                                 "reason": c.reason,
                                 "event_id": new_ids.get(c.event_id or "", c.event_id)})
                _bulk_insert(conn, candidates_table, rows)
                return self._upsert_events(conn, events)

    def _insert_articles(self, conn: Connection, batch: Sequence[Article],
                         signatures: Mapping[str, bytes] | None = None
                         ) -> tuple[dict[str, str], set[str]]:
        """Insert the batch's new articles, with their signatures (by content hash) and band
        keys. RETURNS renamed ids (old -> new), see save_batch, and the (original) ids of the
        articles inserted."""
        unique: dict[str, Article] = {}
        for a in batch:
            unique.setdefault(a.content_hash, a)
        if not unique:
            return {}, set()
        known_h: set[str] = set()
        for chunk in _chunks(list(unique)):
            known_h.update(conn.scalars(
                select(articles.c.content_hash).where(articles.c.content_hash.in_(chunk))))
        fresh = [a for h, a in unique.items() if h not in known_h]
        wanted_ids = sorted({a.id for a in fresh} | {_renamed(a) for a in fresh})
        taken: set[str] = set()
        for chunk in _chunks(wanted_ids):
            taken.update(conn.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        renamed: dict[str, str] = {}
        inserted: set[str] = set()
        now = _now()
        rows = []
        band_rows: list[dict[str, Any]] = []
        signatures = signatures or {}
        for a in fresh:
            original_id = a.id
            if a.id in taken:  # same id, different text: keep both versions
                new_id = _renamed(a)
                if new_id in taken:
                    continue
                renamed[a.id] = new_id
                a = a.model_copy(update={"id": new_id})
            taken.add(a.id)
            inserted.add(original_id)
            sig = signatures.get(a.content_hash)
            rows.append({**{f: getattr(a, f) for f in ARTICLE_FIELDS}, "ingested_at": now,
                         "minhash": sig})
            if sig is not None:
                band_rows.extend({"article_id": a.id, "band": band, "bucket": bucket}
                                 for band, bucket in band_keys(sig))
        _bulk_insert(conn, articles, rows)
        _bulk_insert(conn, article_bands, band_rows)
        return renamed, inserted

    def link_copies(self, copies: Sequence[tuple[Article, str]],
                    signatures: Mapping[str, bytes] | None = None) -> list[tuple[str, list[str]]]:
        """Store near-duplicate copies, each linked to the stored article it copies, in ONE
        transaction, instead of coding them.

        copies: (copy, id of the stored original). The copy is stored with ``copy_of`` = the
            original's id (a copy already stored, by content hash, is left as it is; an id
            taken by another text is renamed as in :meth:`save_batch`), with its signature
            from ``signatures`` (content hash -> bytes) and band keys.
        Every stored event citing the original gains the copy as a source: the event is
        upserted as :meth:`save_batch` does, by the one merge policy, with an incoming event
        that cites the copy alone and is otherwise the stored one, so only the provenance
        changes (``article_ids`` gains the copy, ``sources_count`` goes up; a human status is
        kept) and the previous version goes to ``event_revisions``.
        RETURNS: for each copy, in order, its stored id and the ids of the events it was added
        to (empty for a copy already stored).
        """
        out: list[tuple[str, list[str]]] = []
        with self._connect(write=True) as conn:
            with self._begin(conn):
                _write_lock(conn)
                batch = [c.model_copy(update={"copy_of": original}) for c, original in copies]
                renamed, inserted = self._insert_articles(conn, batch, signatures)
                originals = sorted({original for _, original in copies})
                cited: dict[str, list[str]] = {}
                for chunk in _chunks(originals):
                    for row in conn.execute(
                            select(event_articles.c.article_id, event_articles.c.event_id)
                            .where(event_articles.c.article_id.in_(chunk))
                            .order_by(event_articles.c.event_id)):
                        cited.setdefault(row.article_id, []).append(row.event_id)
                stored = self._load_events(conn, sorted({e for ids in cited.values()
                                                         for e in ids}))
                incoming: list[Event] = []
                for copy, original in copies:
                    copy_id = renamed.get(copy.id, copy.id)
                    if copy.id not in inserted:
                        out.append((copy_id, []))
                        continue
                    linked = [e for e in cited.get(original, []) if e in stored]
                    for eid in linked:
                        old = stored[eid][0]
                        # a copy is no second report: it does not show a tentative event
                        incoming.append(old.model_copy(update={
                            "article_ids": [copy_id], "evidence": [], "sources_count": 1,
                            "status": "tentative" if old.status == "tentative" else "auto"}))
                    out.append((copy_id, linked))
                self._upsert_events(conn, incoming, cause="copy linked")
        return out

    def _upsert_events(self, conn: Connection, batch: Sequence[Event], *,
                       cause: str = "source added") -> int:
        """Insert the batch's new event ids (cause "coded") and merge the known ones into the
        stored events by the merge policy (``cause`` recorded on the new version, with the
        policy's field changes in ``detail``). RETURNS the number of new ids."""
        merged: dict[str, Event] = {}
        # an id absorbed by a cross-article merge is saved into its survivor
        aliases = self._survivors(conn, [ev.event_id for ev in batch])
        if aliases:
            batch = [ev.model_copy(update={"event_id": aliases[ev.event_id]})
                     if ev.event_id in aliases else ev for ev in batch]
        for ev in batch:
            if len(set(ev.article_ids)) != len(ev.article_ids):  # a link is stored once
                ev = ev.model_copy(update={"article_ids": list(dict.fromkeys(ev.article_ids))})
            prev = merged.get(ev.event_id)
            merged[ev.event_id] = ev if prev is None else _merge(prev, ev)
        if not merged:
            return 0
        existing = self._load_events(conn, list(merged))
        meta = _version_meta(conn, list(existing))
        now = _now()
        new_rows: list[dict[str, Any]] = []
        link_rows: list[dict[str, Any]] = []
        evidence_rows: list[dict[str, Any]] = []
        revision_rows: list[dict[str, Any]] = []
        replaced: list[str] = []
        for event_id, ev in merged.items():
            old_pair = existing.get(event_id)
            if old_pair is None:
                new_rows.append({**_event_row(ev), "revision": 1, "created_at": now,
                                 "updated_at": now, "cause": "coded", "changed_by": None,
                                 "comment": None, "detail": None})
                final = ev
            else:
                old, revision = old_pair
                result = merge_pair(old, ev, supersede=True)
                final = result.event
                if final == old:
                    continue
                added = [a for a in final.article_ids if a not in old.article_ids]
                revision_rows.append({"event_id": event_id, "revision": revision,
                                      "replaced_at": now, "data": old.model_dump_json(),
                                      **meta[event_id]})
                conn.execute(events.update().where(events.c.event_id == event_id).values(
                    **_event_row(final), revision=revision + 1, updated_at=now, cause=cause,
                    changed_by=None, comment=None,
                    detail=_detail(result.changes, articles=added)))
                replaced.append(event_id)
            link_rows.extend({"event_id": event_id, "article_id": a, "position": i}
                             for i, a in enumerate(final.article_ids))
            evidence_rows.extend({"event_id": event_id, "position": i, **e.model_dump()}
                                 for i, e in enumerate(final.evidence))
        for chunk in _chunks(replaced):
            conn.execute(delete(event_articles).where(event_articles.c.event_id.in_(chunk)))
            conn.execute(delete(evidence).where(evidence.c.event_id.in_(chunk)))
        _bulk_insert(conn, events, new_rows)
        _bulk_insert(conn, event_revisions, revision_rows)
        _bulk_insert(conn, event_articles, link_rows)
        _bulk_insert(conn, evidence, evidence_rows)
        return len(new_rows)

    @staticmethod
    def _survivors(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
        """Absorbed event id -> survivor id, for the absorbed ones among ``ids``."""
        return _lookup_in(conn, event_merges.c.absorbed_id, event_merges.c.survivor_id, ids)

    def resolve_id(self, event_id: str) -> str | None:
        """The id under which the event ``event_id`` is stored now: itself, or the survivor
        of the cross-article merge that absorbed it (:meth:`merge_events`); None if unknown."""
        with self._connect() as conn:
            if conn.scalar(select(events.c.event_id).where(events.c.event_id == event_id)):
                return event_id
            return self._survivors(conn, [event_id]).get(event_id)

    def merged_into(self, survivor_id: str) -> list[str]:
        """The ids of the events merged into ``survivor_id``, in id order."""
        with self._connect() as conn:
            return list(conn.scalars(select(event_merges.c.absorbed_id)
                                     .where(event_merges.c.survivor_id == survivor_id)
                                     .order_by(event_merges.c.absorbed_id)))

    def merge_candidates(self, event: Event, *, days: int, km: float,
                         sub_event_types: Sequence[str]) -> list[Event]:
        """Stored events that may be the same as ``event`` (cross-article blocking, see
        :mod:`eventcoder.dedup.cross`): dated within ``days`` of it, of one of
        ``sub_event_types``, inside a latitude/longitude box of ``km`` around it, not
        rejected, itself left out; in id order. One search of the blocking index
        ``(sub_event_type, event_date, latitude, longitude)`` (migration 0009: the types, the
        date window, the box checked in the index; never a scan of the events); an event
        without a date or coordinates has none."""
        branches = _blocking(event, days, km, sub_event_types)
        if branches is None:
            return []
        q: Any = union(*(select(events.c.event_id).where(*c) for c in branches)) \
            if len(branches) > 1 else select(events.c.event_id).where(*branches[0])
        with self._connect() as conn:
            ids = sorted(set(conn.scalars(q)))
            loaded = self._load_events(conn, ids)
        return [loaded[i][0] for i in ids if i in loaded]

    def merge_candidates_many(self, batch: Sequence[Event], *, days_for: Callable[[Event], int],
                              km: float, types_for: Callable[[Event], Sequence[str]]
                              ) -> dict[str, list[Event]]:
        """:meth:`merge_candidates` for every event of ``batch`` in a few queries: event id ->
        ``merge_candidates(event, days=days_for(event), km=km,
        sub_event_types=types_for(event))``, the same events in the same order. The blocking
        queries of up to :data:`BLOCKING_CHUNK` events go in one ``UNION`` (each branch a
        search of the blocking index, as the query of one event), and the candidates of all
        are read once (a candidate of several events is read once)."""
        wanted: dict[str, list[Any]] = {}
        out: dict[str, list[Event]] = {}
        for ev in batch:
            if ev.event_id in out:
                continue
            out[ev.event_id] = []
            branches = _blocking(ev, days_for(ev), km, types_for(ev))
            if branches is not None:
                wanted[ev.event_id] = branches
        found: list[tuple[str, str]] = []
        keys = list(wanted)
        with self._connect() as conn:
            for chunk in _chunks(keys, BLOCKING_CHUNK):
                selects = [select(literal(i).label("k"), events.c.event_id).where(*conds)
                           for i, eid in enumerate(chunk) for conds in wanted[eid]]
                if len(selects) == 1:
                    q: Any = selects[0].order_by(events.c.event_id)
                else:
                    # UNION, not UNION ALL: a candidate found by both searches of one event
                    # once
                    q = union(*selects)
                    q = q.order_by(q.selected_columns.k, q.selected_columns.event_id)
                found.extend((chunk[k], cid) for k, cid in conn.execute(q))
            loaded = self._load_events(conn, list(dict.fromkeys(c for _, c in found)))
        for eid, cid in found:
            if cid in loaded:
                out[eid].append(loaded[cid][0])
        return out

    def get_events(self, event_ids: Iterable[str]) -> dict[str, Event]:
        """:meth:`get_event` for many ids in a few queries: id -> the stored event (whatever
        its status), or its survivor for an id absorbed by a cross-article merge; unknown
        ids are left out."""
        wanted = list(dict.fromkeys(event_ids))
        with self._connect() as conn:
            found = self._load_events(conn, wanted)
            missing = [i for i in wanted if i not in found]
            aliases = self._survivors(conn, missing) if missing else {}
            more = self._load_events(conn, sorted(set(aliases.values()) - set(found)))
        out: dict[str, Event] = {}
        for i in wanted:
            pair = found.get(i) or found.get(aliases.get(i, "")) or more.get(aliases.get(i, ""))
            if pair is not None:
                out[i] = pair[0]
        return out

    def merge_events(self, survivor_id: str, absorbed_id: str, *, score: float = 1.0,
                     reasons: Sequence[str] = (), user: str | None = None,
                     cause: str = "dedup", comment: str | None = None) -> Event | None:
        """Merge the stored event ``absorbed_id`` into ``survivor_id``, in ONE transaction:
        two reports of one event found by cross-article dedup (:mod:`eventcoder.dedup.cross`,
        ``cause="dedup"``) or by a reviewer (``cause="human"``, with ``user``).

        The survivor keeps its id and becomes :func:`~eventcoder.dedup.policy.merge_pair`
        (survivor, absorbed): every article id and evidence span of both, ``sources_count``
        counting them, the lowest non-zero toll across reports, the more precise place, a
        human status kept (when the absorbed event carries the human status, its reviewed
        fields are taken); its previous version goes to ``event_revisions`` and the new one
        records cause "merge", the user, and in ``detail`` the absorbed id, who decided
        ("dedup" or "human"), the score, reasons and the policy's field changes. The absorbed
        event's row goes; ``event_merges`` records absorbed -> survivor (with the absorbed
        version, the score and reasons), events merged into the absorbed one earlier move on
        to the survivor, and stored candidates pointing at it point at the survivor, so
        :meth:`resolve_id` and :meth:`get_event` find the survivor by either id and a later
        save of the absorbed id goes into the survivor. A split (:meth:`split_event`) undoes
        it. RETURNS the merged survivor, or None when either id is not a stored event (or
        both are the same).
        """
        if survivor_id == absorbed_id:
            return None
        with self._connect(write=True) as conn:
            with self._begin(conn):
                _write_lock(conn)
                found = self._load_events(conn, [survivor_id, absorbed_id])
                if survivor_id not in found or absorbed_id not in found:
                    return None
                (keep, revision), (gone, _) = found[survivor_id], found[absorbed_id]
                result = merge_pair(keep, gone)
                final = result.event
                now = _now()
                self._replace_event(
                    conn, keep, revision, final, now, cause="merge", user=user,
                    comment=comment,
                    detail=_detail(result.changes, absorbed=absorbed_id, by=cause,
                                   score=round(float(score), 4), reasons=list(reasons),
                                   articles=[a for a in final.article_ids
                                             if a not in keep.article_ids]))
                conn.execute(event_merges.update()
                             .where(event_merges.c.survivor_id == absorbed_id)
                             .values(survivor_id=survivor_id))
                conn.execute(insert(event_merges).values(
                    absorbed_id=absorbed_id, survivor_id=survivor_id, merged_at=now,
                    score=float(score), reasons=json.dumps(list(reasons)),
                    data=gone.model_dump_json()))
                conn.execute(candidates_table.update()
                             .where(candidates_table.c.event_id == absorbed_id)
                             .values(event_id=survivor_id))
                for table in (event_articles, evidence, event_revisions):
                    conn.execute(delete(table).where(table.c.event_id == absorbed_id))
                conn.execute(delete(events).where(events.c.event_id == absorbed_id))
                return final

    def _replace_event(self, conn: Connection, old: Event, revision: int, final: Event,
                       now: dt.datetime, *, cause: str, user: str | None = None,
                       comment: str | None = None, detail: str | None = None) -> None:
        """Write ``final`` over the stored ``old`` (at ``revision``), keeping ``old`` (and what
        made it) in the revision history; the new version records ``cause``, ``user``,
        ``comment`` and ``detail``; child rows rewritten."""
        event_id = old.event_id
        meta = _version_meta(conn, [event_id]).get(event_id, {})
        conn.execute(insert(event_revisions).values(
            event_id=event_id, revision=revision, replaced_at=now, data=old.model_dump_json(),
            **meta))
        conn.execute(events.update().where(events.c.event_id == event_id).values(
            **_event_row(final), revision=revision + 1, updated_at=now, cause=cause,
            changed_by=user, comment=comment, detail=detail))
        if final.article_ids != old.article_ids or final.evidence != old.evidence:
            conn.execute(delete(event_articles).where(event_articles.c.event_id == event_id))
            conn.execute(delete(evidence).where(evidence.c.event_id == event_id))
            _bulk_insert(conn, event_articles, [{"event_id": event_id, "article_id": a,
                                                 "position": i}
                                                for i, a in enumerate(final.article_ids)])
            _bulk_insert(conn, evidence, [{"event_id": event_id, "position": i,
                                           **e.model_dump()}
                                          for i, e in enumerate(final.evidence)])

    def set_status(self, event_id: str, status: str, *, user: str | None = None,
                   comment: str | None = None) -> Event | None:
        """Record a review decision ("reviewed" or "rejected"; "auto" or "tentative" to undo
        one) for one event.

        The previous version goes to the revision history; the new one records cause
        "review", ``user`` and ``comment``. RETURNS the updated event, or None when no event
        has this id. RAISES InputError: for an unknown status.
        """
        return self.edit_event(event_id, {"status": status}, user=user, comment=comment)

    def edit_event(self, event_id: str, changes: Mapping[str, Any], *, user: str | None = None,
                   comment: str | None = None) -> Event | None:
        """A reviewer's correction of one event, in ONE transaction.

        changes: field -> new value, for fields of :data:`EDITABLE_FIELDS` (types, actors,
            place, date, fatalities, notes, status...). Values are validated as the Event
            schema's (a date as "YYYY-MM-DD"; an unknown field or a bad value is an
            InputError naming it). A correction of any field but ``status`` makes the event
            "reviewed" unless ``changes`` sets the status itself: a human-reviewed event keeps
            its fields when later runs save new codings of it (the merge policy).
        The previous version goes to the revision history; the new one records cause "edit"
        (or "review" when only the status changes), ``user`` and ``comment``. An edit that
        changes nothing writes nothing. RETURNS the updated event, or None when no event is
        stored under ``event_id`` (an absorbed id edits its survivor).
        """
        unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
        if unknown:
            raise InputError(f"cannot edit {', '.join(unknown)}: editable fields are "
                             f"{', '.join(EDITABLE_FIELDS)}")
        if "status" in changes and changes["status"] not in STATUSES:
            raise InputError(f"unknown status {changes['status']!r}: use "
                             f"{', '.join(STATUSES)}")
        update = dict(changes)
        if set(update) - {"status"} and "status" not in update:
            update["status"] = "reviewed"
        with self._connect(write=True) as conn:
            with self._begin(conn):
                _write_lock(conn)
                resolved, found = self._load_resolved(conn, event_id)
                if found is None:
                    return None
                old, revision = found
                try:
                    final = Event.model_validate({**old.model_dump(), **update})
                except ValueError as exc:
                    raise InputError(_validation_message(exc)) from None
                if final == old:
                    return old
                diff = {f: [_jsonable(getattr(old, f)), _jsonable(getattr(final, f))]
                        for f in EDITABLE_FIELDS if getattr(old, f) != getattr(final, f)}
                cause = "review" if set(diff) <= {"status"} else "edit"
                self._replace_event(conn, old, revision, final, _now(), cause=cause,
                                    user=user, comment=comment,
                                    detail=json.dumps({"edited": diff}, sort_keys=True))
                return final

    def split_event(self, event_id: str, article_ids: Sequence[str], *,
                    user: str | None = None, comment: str | None = None
                    ) -> tuple[Event, Event] | None:
        """A reviewer's split: the reports ``article_ids`` of the stored event ``event_id``
        are another event. ONE transaction.

        The split-off event is rebuilt from what those reports said: the versions absorbed by
        earlier merges (``event_merges``) whose articles all lie among ``article_ids`` are
        merged back together by the merge policy, and the event keeps the smallest of their
        ids (so splitting off exactly what a merge brought in undoes that merge: the absorbed
        id is an event of its own again); when no absorbed version lies there, the split-off
        event is the stored one restricted to those reports, under a new stable id. The kept
        event is rebuilt the same way from its own earliest version and the absorbed versions
        outside the split. Each side then cites exactly its own articles and their evidence
        spans; both keep the event's status. Both changes are recorded (cause "split", with
        ``user`` and ``comment``), the two ids are stored as a human decision "apart"
        (:meth:`kept_apart`: later dedup passes never merge them again), candidates of the
        split-off articles point at the split-off event, and absorbed ids move with the
        versions they came from.
        RETURNS (kept, split-off), or None when no event is stored under ``event_id``.
        RAISES InputError: when ``article_ids`` is empty, names an article the event does not
        cite, or names all of them.
        """
        wanted = list(dict.fromkeys(article_ids))
        if not wanted:
            raise InputError("name at least one article to split off")
        with self._connect(write=True) as conn:
            with self._begin(conn):
                _write_lock(conn)
                resolved, found = self._load_resolved(conn, event_id)
                if found is None:
                    return None
                current, revision = found
                missing = [a for a in wanted if a not in current.article_ids]
                if missing:
                    raise InputError(f"event {resolved} does not cite {', '.join(missing)}; "
                                     f"it cites {', '.join(current.article_ids)}")
                out_ids = set(wanted)
                kept_ids = [a for a in current.article_ids if a not in out_ids]
                if not kept_ids:
                    raise InputError("cannot split off every article of the event; name "
                                     "only the reports that tell another event")
                absorbed = [(r.absorbed_id, Event.model_validate_json(r.data)) for r in
                            conn.execute(select(event_merges.c.absorbed_id, event_merges.c.data)
                                         .where(event_merges.c.survivor_id == resolved)
                                         .order_by(event_merges.c.absorbed_id))]
                first = conn.scalar(select(event_revisions.c.data)
                                    .where(event_revisions.c.event_id == resolved)
                                    .order_by(event_revisions.c.revision).limit(1))
                own = Event.model_validate_json(first) if first else current
                inside = [(i, e) for i, e in absorbed if set(e.article_ids) <= out_ids]
                outside = [e for i, e in absorbed if not set(e.article_ids) <= out_ids]
                new_id = (min(i for i, _ in inside) if inside else
                          stable_id(resolved, "split", *sorted(out_ids)))
                if new_id != resolved and conn.scalar(
                        select(events.c.event_id).where(events.c.event_id == new_id)):
                    raise InputError(f"event {new_id} exists already")
                split_off = _rebuild(current, [e for _, e in inside], wanted, new_id)
                own_part = [own] if set(own.article_ids) & set(kept_ids) else []
                kept = _rebuild(current, own_part + outside, kept_ids, resolved)
                now = _now()
                self._replace_event(conn, current, revision, kept, now, cause="split",
                                    user=user, comment=comment,
                                    detail=json.dumps({"split_off": new_id,
                                                       "articles": wanted}, sort_keys=True))
                conn.execute(insert(events).values(
                    **_event_row(split_off), revision=1, created_at=now, updated_at=now,
                    cause="split", changed_by=user, comment=comment,
                    detail=json.dumps({"split_from": resolved, "articles": wanted},
                                      sort_keys=True)))
                _bulk_insert(conn, event_articles, [{"event_id": new_id, "article_id": a,
                                                     "position": i}
                                                    for i, a in enumerate(split_off.article_ids)])
                _bulk_insert(conn, evidence, [{"event_id": new_id, "position": i,
                                               **e.model_dump()}
                                              for i, e in enumerate(split_off.evidence)])
                inside_ids = [i for i, _ in inside]
                if inside_ids:
                    conn.execute(delete(event_merges)
                                 .where(event_merges.c.absorbed_id == new_id))
                    conn.execute(event_merges.update()
                                 .where(event_merges.c.absorbed_id.in_(inside_ids))
                                 .values(survivor_id=new_id))
                conn.execute(candidates_table.update()
                             .where(candidates_table.c.event_id == resolved,
                                    candidates_table.c.article_id.in_(wanted))
                             .values(event_id=new_id))
                a, b = _pair(resolved, new_id)
                conn.execute(delete(merge_decisions).where(merge_decisions.c.event_a == a,
                                                           merge_decisions.c.event_b == b))
                conn.execute(insert(merge_decisions).values(
                    event_a=a, event_b=b, decision="apart", decided_by=user, decided_at=now,
                    comment=comment))
                return kept, split_off

    def _load_resolved(self, conn: Connection, event_id: str
                       ) -> tuple[str, tuple[Event, int] | None]:
        """The id ``event_id`` is stored under now (itself or the survivor that absorbed it)
        and the stored event with its revision, or None when there is none."""
        resolved = self._survivors(conn, [event_id]).get(event_id, event_id)
        return resolved, self._load_events(conn, [resolved]).get(resolved)

    def kept_apart(self, event_ids: Iterable[str]) -> dict[str, set[str]]:
        """For each of ``event_ids``: the stored events a reviewer said are different events
        (a split), which dedup never merges it with. A decision about an event merged into
        another since holds for the survivor (on both sides). Ids with none are left out."""
        wanted = sorted(set(event_ids))
        out: dict[str, set[str]] = {}
        with self._connect() as conn:
            members: dict[str, str] = {i: i for i in wanted}
            for chunk in _chunks(wanted):
                for absorbed, survivor in conn.execute(
                        select(event_merges.c.absorbed_id, event_merges.c.survivor_id)
                        .where(event_merges.c.survivor_id.in_(chunk))):
                    members[absorbed] = survivor
            pairs: list[tuple[str, str]] = []
            for chunk in _chunks(sorted(members)):
                pairs.extend(conn.execute(
                    select(merge_decisions.c.event_a, merge_decisions.c.event_b)
                    .where(merge_decisions.c.decision == "apart",
                           or_(merge_decisions.c.event_a.in_(chunk),
                               merge_decisions.c.event_b.in_(chunk)))).all())
            others = {x for p in pairs for x in p}
            now_at = {**self._survivors(conn, sorted(others)), **members}
        for x, y in set(pairs):
            sx, sy = now_at.get(x, x), now_at.get(y, y)
            if sx == sy:
                continue
            if sx in members and members[sx] == sx:
                out.setdefault(sx, set()).add(sy)
            if sy in members and members[sy] == sy:
                out.setdefault(sy, set()).add(sx)
        return out

    # ---------------------------------------------------------------------------------------
    # reading

    def _load_events(self, conn: Connection, ids: Sequence[str]) -> dict[str, tuple[Event, int]]:
        """Stored events by id, with their revision numbers."""
        rows: dict[str, Any] = {}
        for chunk in _chunks(ids):
            for row in conn.execute(select(events).where(events.c.event_id.in_(chunk))):
                rows[row.event_id] = row
        lists = self._load_lists(conn, list(rows))
        return {eid: (_event_from_row(row, *lists.get(eid, ([], []))), row.revision)
                for eid, row in rows.items()}

    @staticmethod
    def _load_lists(conn: Connection, ids: Sequence[str], *, where: Any = None,
                    make: Callable[..., Any] = Evidence
                    ) -> dict[str, tuple[list[str], list[Any]]]:
        """Article ids and evidence of the given events, in stored order.

        where: optional subquery selecting the same event ids; then the lists are read in
            two queries instead of two per chunk of ids (large query results).
        make: what each evidence span becomes, called with the Evidence's fields as keywords
            (``dict`` for plain dicts in the Evidence's JSON shape).
        """
        out: dict[str, tuple[list[str], list[Any]]] = {eid: ([], []) for eid in ids}
        if not out:
            return out
        filters = ([event_articles.c.event_id.in_(where)], [evidence.c.event_id.in_(where)]) \
            if where is not None else None
        for chunk in ([ids] if filters else _chunks(ids)):
            link_cond, ev_cond = filters or ([event_articles.c.event_id.in_(chunk)],
                                             [evidence.c.event_id.in_(chunk)])
            # rows unpacked as tuples and Evidence built by its (compiled) validator: a third
            # of the time of attribute access and model_construct, for a page of 100 events
            for event_id, article_id in conn.execute(
                    select(event_articles.c.event_id, event_articles.c.article_id)
                    .where(*link_cond)
                    .order_by(event_articles.c.event_id, event_articles.c.position)).all():
                lists = out.get(event_id)
                if lists is not None:
                    lists[0].append(article_id)
            for event_id, article_id, field, start, end, span in conn.execute(
                    select(evidence.c.event_id, evidence.c.article_id, evidence.c.field,
                           evidence.c.start, evidence.c.end, evidence.c.text)
                    .where(*ev_cond).order_by(evidence.c.event_id, evidence.c.position)
                    ).all():  # fetchall: SQLAlchemy otherwise fetches row by row
                lists = out.get(event_id)
                if lists is not None:
                    lists[1].append(make(article_id=article_id, field=field, start=start,
                                         end=end, text=span))
        return out

    def query_events(self, *, since: dt.date | None = None, until: dt.date | None = None,
                     country: str | None = None, admin1: str | None = None,
                     event_type: str | None = None, actor: str | None = None,
                     min_fatalities: int | None = None, limit: int | None = None,
                     min_confidence: float | None = None,
                     status: str | Iterable[str] | None = None, admin2: str | None = None,
                     sub_event_type: str | None = None,
                     bbox: tuple[float, float, float, float] | None = None,
                     q: str | None = None) -> list[Event]:
        """Stored events matching every given filter, ordered by event_date then event_id.

        since/until: inclusive bounds on ``event_date`` (undated events are then excluded).
        country: country name or ISO3 code; admin1: exact name; both case-insensitive.
        event_type: matches ``event_type`` or ``sub_event_type``, case-insensitive.
        actor: case-insensitive substring of actor1, actor2 or the associated actors.
        min_fatalities: at least this many fatalities. limit: at most this many events.
        min_confidence: only events whose ``confidence`` is at least this.
        status: the review statuses wanted (:data:`STATUSES`), one or several, or ``"all"``;
            default :data:`DEFAULT_STATUSES`: every event but the rejected and tentative ones.
        admin2, sub_event_type, bbox, q: as in :class:`EventFilter`.
        Undated events sort last. RAISES InputError: for an unknown status.
        """
        conds = _filters(since=since, until=until, country=country, admin1=admin1,
                         event_type=event_type, actor=actor, min_fatalities=min_fatalities,
                         min_confidence=min_confidence, status=status, admin2=admin2,
                         sub_event_type=sub_event_type, bbox=bbox, q=q)
        stmt = select(events).where(and_(True, *conds)).order_by(
            case((events.c.event_date.is_(None), 1), else_=0), events.c.event_date,
            events.c.event_id)
        if limit is not None:
            stmt = stmt.limit(max(0, int(limit)))
        with self._connect() as conn:
            rows = list(conn.execute(stmt))
            where = None
            if len(rows) > CHUNK and limit is None:  # re-apply the filters in a subquery
                where = select(events.c.event_id).where(and_(True, *conds)).scalar_subquery()
            lists = self._load_lists(conn, [r.event_id for r in rows], where=where)
        return [_event_from_row(r, *lists[r.event_id]) for r in rows]

    def iter_events(self, *, since: dt.date | None = None, until: dt.date | None = None,
                    country: str | None = None, admin1: str | None = None,
                    event_type: str | None = None, actor: str | None = None,
                    min_fatalities: int | None = None, limit: int | None = None,
                    page_size: int = 2000, min_confidence: float | None = None,
                    status: str | Iterable[str] | None = None, admin2: str | None = None,
                    sub_event_type: str | None = None,
                    bbox: tuple[float, float, float, float] | None = None,
                    q: str | None = None) -> Iterator[Event]:
        """Like :meth:`query_events` (same filters, same order) but streamed page by page,
        so exporting millions of events needs memory for one page only. Rejected events are
        left out unless ``status`` asks for them.

        Pages are read by keyset (``event_date``, ``event_id``), each in its own short read,
        so writers are not blocked while the caller consumes the events.
        """
        conds = _filters(since=since, until=until, country=country, admin1=admin1,
                         event_type=event_type, actor=actor, min_fatalities=min_fatalities,
                         min_confidence=min_confidence, status=status, admin2=admin2,
                         sub_event_type=sub_event_type, bbox=bbox, q=q)
        remaining = None if limit is None else max(0, int(limit))
        size = max(1, int(page_size))
        for dated in (True, False):
            last: tuple[dt.date | None, str] | None = None
            while remaining is None or remaining > 0:
                n = size if remaining is None else min(size, remaining)
                page_conds = [*conds, events.c.event_date.isnot(None) if dated
                              else events.c.event_date.is_(None)]
                if last is not None:
                    page_conds.append(
                        or_(events.c.event_date > last[0],
                            and_(events.c.event_date == last[0], events.c.event_id > last[1]))
                        if dated else events.c.event_id > last[1])
                stmt = (select(events).where(and_(True, *page_conds))
                        .order_by(events.c.event_date, events.c.event_id).limit(n))
                with self._connect() as conn:
                    rows = list(conn.execute(stmt))
                    lists = self._load_lists(conn, [r.event_id for r in rows])
                for r in rows:
                    yield _event_from_row(r, *lists[r.event_id])
                if remaining is not None:
                    remaining -= len(rows)
                if len(rows) < n:
                    break
                last = (rows[-1].event_date, rows[-1].event_id)

    def events_for_articles(self, article_ids: Sequence[str], *,
                            status: str | Iterable[str] | None = None) -> list[Event]:
        """Stored events read from any of ``article_ids``, each once, in reading order.

        Ordered by the position (in ``article_ids``) of the first listed article an event was
        read from, then by where its evidence starts in that article, then by event_id.
        status: as in :meth:`query_events` (default: all but the rejected and tentative
            events).
        """
        wanted = _statuses(status)
        order: dict[str, int] = {}
        for aid in article_ids:
            order.setdefault(aid, len(order))
        if not order:
            return []
        with self._connect() as conn:
            ids: set[str] = set()
            for chunk in _chunks(list(order)):
                ids.update(conn.scalars(select(event_articles.c.event_id)
                                        .where(event_articles.c.article_id.in_(chunk))))
            loaded = self._load_events(conn, sorted(ids))
        ordered_ids = list(order)

        def key(ev: Event) -> tuple[int, int, str]:
            first = min((order[a] for a in ev.article_ids if a in order), default=len(order))
            aid = ordered_ids[first] if first < len(ordered_ids) else None
            starts = [e.start for e in ev.evidence if e.article_id == aid]
            return first, min(starts, default=2**31), ev.event_id

        return sorted((pair[0] for pair in loaded.values()
                       if wanted is None or pair[0].status in wanted), key=key)

    def events_for_hashes(self, content_hashes: Sequence[str], *,
                          status: str | Iterable[str] | None = None) -> list[Event]:
        """Like :meth:`events_for_articles`, for the stored articles with these content hashes
        (robust to articles stored under a renamed id, see :meth:`save_batch`); rejected
        and tentative events are left out unless ``status`` asks for them."""
        by_hash = self.article_ids_for_hashes(content_hashes)
        return self.events_for_articles([by_hash[h] for h in content_hashes if h in by_hash],
                                        status=status)

    def candidate_article_ids(self, *, status: str | None = None,
                              limit: int | None = None) -> list[str]:
        """Ids of the articles that have stored candidates (of ``status``), in id order."""
        q = select(candidates_table.c.article_id).distinct().order_by(
            candidates_table.c.article_id)
        if status is not None:
            q = q.where(candidates_table.c.status == status)
        if limit is not None:
            q = q.limit(max(0, int(limit)))
        with self._connect() as conn:
            return list(conn.scalars(q))

    def candidates_for_articles(self, article_ids: Sequence[str], *,
                                status: str | None = None) -> list[Candidate]:
        """The stored candidates of these articles (text order), optionally of one status."""
        out: list[tuple[str, int, Candidate]] = []
        with self._connect() as conn:
            for chunk in _chunks(list(dict.fromkeys(article_ids))):
                q = select(candidates_table).where(candidates_table.c.article_id.in_(chunk))
                if status is not None:
                    q = q.where(candidates_table.c.status == status)
                for r in conn.execute(q):
                    out.append((r.article_id, r.position, Candidate(
                        article_id=r.article_id,
                        sentence=Span(start=r.start, end=r.end, text=""),
                        trigger=Span(start=r.trigger_start, end=r.trigger_end, text=r.trigger),
                        sub_event_type=r.sub_event_type, status=r.status, reason=r.reason,
                        event_id=r.event_id)))
            texts: dict[str, str] = {}
            ids = sorted({a for a, _, _ in out})
            for chunk in _chunks(ids):
                texts.update(conn.execute(select(articles.c.id, articles.c.text).where(
                    articles.c.id.in_(chunk))).all())
        order = {a: i for i, a in enumerate(dict.fromkeys(article_ids))}
        out.sort(key=lambda t: (order.get(t[0], 0), t[1]))
        result = []
        for aid, _, c in out:
            t = texts.get(aid, "")
            s = c.sentence
            result.append(c.model_copy(update={"sentence": Span(start=s.start, end=s.end,
                                                                 text=t[s.start:s.end])}))
        return result

    def get_event(self, event_id: str) -> Event | None:
        """The stored event with this id, or None (whatever its status: asked for by id).
        The id of an event absorbed by a cross-article merge gives its survivor
        (:meth:`merge_events`)."""
        with self._connect() as conn:
            found = self._load_events(conn, [event_id])
            if event_id not in found:  # absorbed by a cross-article merge: its survivor
                survivor = self._survivors(conn, [event_id]).get(event_id)
                if survivor is not None:
                    event_id = survivor
                    found = self._load_events(conn, [event_id])
        pair = found.get(event_id)
        return pair[0] if pair else None

    def event_history(self, event_id: str) -> list[Event]:
        """Earlier versions of an event, oldest first (each replaced by a later save)."""
        with self._connect() as conn:
            data = conn.scalars(select(event_revisions.c.data)
                                .where(event_revisions.c.event_id == event_id)
                                .order_by(event_revisions.c.revision))
            return [Event.model_validate_json(d) for d in data]

    def event_versions(self, event_id: str) -> list[tuple[int, dt.datetime, Event]]:
        """Every stored version of an event, oldest first, the current one last: (revision,
        when it was written, the event). See :meth:`event_changes` for what made each."""
        return [(c.revision, c.at, c.event) for c in self.event_changes(event_id)]

    def event_changes(self, event_id: str) -> list[Change]:
        """The history of an event, oldest first, the current version last: each version
        with when it was written, its cause, user and comment, the fields it changed (old and
        new value) against the version before, and the writer's ``detail`` (for a merge: the
        absorbed id, who decided, the score, and per changed field the rule and the articles
        the new value came from). Version 1 was written at ``created_at``, version n when
        version n-1 was replaced. Empty when no event is stored under this id (an absorbed
        id is not resolved here: see :meth:`resolve_id`)."""
        with self._connect() as conn:
            row = conn.execute(select(events.c.revision, events.c.created_at, events.c.cause,
                                      events.c.changed_by, events.c.comment, events.c.detail)
                               .where(events.c.event_id == event_id)).first()
            if row is None:
                return []
            current = self._load_events(conn, [event_id])[event_id][0]
            old = conn.execute(select(event_revisions)
                               .where(event_revisions.c.event_id == event_id)
                               .order_by(event_revisions.c.revision)).all()
        out: list[Change] = []
        written = row.created_at
        prev: Event | None = None
        versions = [(r.revision, r, Event.model_validate_json(r.data)) for r in old]
        versions.append((row.revision, row, current))
        for i, (revision, meta, ev) in enumerate(versions):
            diff: dict[str, tuple[Any, Any]] = {}
            if prev is not None:
                for f in Event.model_fields:
                    a, b = getattr(prev, f), getattr(ev, f)
                    if f == "evidence":
                        a, b = len(a), len(b)
                    if a != b:
                        diff[f] = (a, b)
            out.append(Change(revision, written, meta.cause, meta.changed_by, meta.comment,
                              diff, json.loads(meta.detail) if meta.detail else {}, ev))
            if i < len(old):
                written = old[i].replaced_at
            prev = ev
        return out

    def report_times(self, event_ids: Iterable[str]
                     ) -> dict[str, tuple[dt.date | None, dt.date | None]]:
        """For each stored event of ``event_ids``: the first and last report dates, the
        earliest and latest publication date of the articles it cites (an article without
        one counts by the day it was stored). Events citing no stored article are left out."""
        out: dict[str, tuple[dt.date | None, dt.date | None]] = {}
        with self._connect() as conn:
            for chunk in _chunks(sorted(set(event_ids))):
                q = (select(event_articles.c.event_id, articles.c.published,
                            articles.c.ingested_at)
                     .join(articles, articles.c.id == event_articles.c.article_id)
                     .where(event_articles.c.event_id.in_(chunk)))
                for row in conn.execute(q):
                    day = row.published or (row.ingested_at.date() if row.ingested_at else None)
                    first, last = out.get(row.event_id, (None, None))
                    if day is not None:
                        first = day if first is None else min(first, day)
                        last = day if last is None else max(last, day)
                    out[row.event_id] = (first, last)
        return out

    def merges_into(self, survivor_id: str) -> list[MergeRecord]:
        """The cross-article (or human) merges recorded into ``survivor_id``, oldest first:
        absorbed id, when, score and reasons (``event_merges``)."""
        with self._connect() as conn:
            rows = conn.execute(select(event_merges.c.absorbed_id, event_merges.c.merged_at,
                                       event_merges.c.score, event_merges.c.reasons)
                                .where(event_merges.c.survivor_id == survivor_id)
                                .order_by(event_merges.c.merged_at,
                                          event_merges.c.absorbed_id)).all()
        return [MergeRecord(r.absorbed_id, r.merged_at, float(r.score), json.loads(r.reasons))
                for r in rows]

    def event_statuses(self, event_ids: Iterable[str]) -> dict[str, str]:
        """Event id -> review status, for the stored ones among ``event_ids``."""
        return self._lookup(events.c.event_id, events.c.status, event_ids)

    def _lookup(self, key: Any, value: Any, keys: Iterable[str]) -> dict[str, Any]:
        """``key`` -> ``value`` (two columns of one table) for the stored ones among ``keys``,
        queried in chunks."""
        with self._connect() as conn:
            return _lookup_in(conn, key, value, keys)

    def countries(self) -> list[tuple[str | None, str | None]]:
        """The distinct (country, iso3) pairs of the stored events (any status), sorted."""
        with self._connect() as conn:
            rows = [(r.country, r.iso3) for r in
                    conn.execute(select(events.c.country, events.c.iso3).distinct())]
        return sorted(rows, key=lambda r: (r[0] or "", r[1] or ""))

    def ping(self) -> None:
        """Check that the database answers (one trivial query). RAISES SQLAlchemyError."""
        with self._connect() as conn:
            conn.execute(select(literal(1)))

    def data_version(self) -> str | None:
        """A token that changes whenever a change to the database is committed, by this
        process or any other, for callers that cache what they read (the HTTP API caches
        counts and statistics); None when this database cannot tell (do not cache then).

        SQLite: ``PRAGMA data_version`` on a connection kept for it alone (the pragma changes
        when another connection commits); an in-memory database, whose one connection makes
        every change, says None. PostgreSQL: the cluster's WAL insert position, which moves
        with every write as it is made, before any commit (to any table and database: more
        changes than needed, never fewer). A few microseconds on SQLite, one round trip on
        PostgreSQL.
        """
        dialect = self.engine.dialect.name
        try:
            if dialect == "sqlite" and not sqlite_memory(self.url):
                with self._version_lock:
                    if self._version_conn is None:
                        self._version_conn = self.engine.raw_connection()
                    cur = self._version_conn.cursor()
                    try:
                        cur.execute("PRAGMA data_version")
                        row = cur.fetchone()
                    finally:
                        cur.close()
                return f"sqlite:{row[0]}" if row else None
            if dialect == "postgresql":
                with self._connect() as conn:
                    return f"pg:{conn.scalar(text('SELECT pg_current_wal_insert_lsn()'))}"
        except SQLAlchemyError:  # e.g. a read replica, which has no current WAL position
            return None
        return None

    def count_events(self, filters: EventFilter | None = None) -> int:
        """Number of stored events: all of them, whatever their status, or those matching
        ``filters`` (whose default status leaves the rejected and tentative ones out)."""
        q = select(func.count()).select_from(events)
        if filters is not None:
            q = q.where(and_(True, *filters.conditions()))
        with self._connect() as conn:
            return int(conn.scalar(q) or 0)

    def article_infos(self, article_ids: Iterable[str], *,
                      text: bool = False) -> dict[str, ArticleInfo]:
        """Article id -> :class:`ArticleInfo`, for the stored ones among ``article_ids``;
        with the article's text when ``text`` (an event's few sources: texts can be long)."""
        out: dict[str, ArticleInfo] = {}
        names = ["id", "title", "url", "source", "published", "language", "copy_of"]
        cols = [articles.c[f] for f in names + (["text"] if text else [])]
        with self._connect() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                for r in conn.execute(select(*cols).where(articles.c.id.in_(chunk))):
                    out[r.id] = ArticleInfo(r.id, r.title, r.url, r.source, r.published,
                                            r.language, r.copy_of, r.text if text else None)
        return out

    def page_events(self, filters: EventFilter | None = None, *, sort: str = "event_date",
                    limit: int = 100, after: PageKey | None = None
                    ) -> tuple[list[Event], PageKey | None]:
        """One page of the events matching ``filters``, in ``sort`` order (:data:`SORTS`),
        starting after ``after`` (None: the first page).

        Keyset pagination: each page is an index range search, whatever its depth, and
        paging through a table while rows are added or changed elsewhere repeats or skips
        none of the rows that stay. Undated events come after the dated ones in both
        directions of a date order.
        RETURNS: the events and the key to pass as ``after`` for the next page (None when
        this is the last). RAISES InputError: for an unknown sort or status.
        """
        return self._page(filters, sort, limit, after, raw=False)

    def page_event_dicts(self, filters: EventFilter | None = None, *,
                         sort: str = "event_date", limit: int = 100,
                         after: PageKey | None = None
                         ) -> tuple[list[dict[str, Any]], PageKey | None]:
        """:meth:`page_events` as plain dicts: the Event's fields in its order, evidence as
        dicts, dates as :class:`datetime.date`; exactly ``Event.model_dump()`` of each event.

        For a server that serialises the page at once: it skips building and validating a
        model per event and span (the stored values were validated when written), about half
        of the time of a page of 100 events.
        """
        return self._page(filters, sort, limit, after, raw=True)

    def _page(self, filters: EventFilter | None, sort: str, limit: int,
              after: PageKey | None, *, raw: bool) -> tuple[list[Any], PageKey | None]:
        if sort not in SORTS:
            raise InputError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        desc = sort.startswith("-")
        col = events.c[sort.lstrip("-")]
        filters = filters or EventFilter()
        conds = filters.conditions()
        limit = max(1, int(limit))
        want = limit + 1  # one more tells whether there is a next page
        rows: list[Any] = []
        ident = events.c.event_id
        # undated events come after the dated ones, in a second query, unless a date bound
        # leaves them out anyway
        undated = col.nullable and not (col is events.c.event_date
                                        and (filters.since or filters.until))
        with self._connect() as conn:
            for with_value in (True, False) if undated else (True,):
                if len(rows) >= want or (with_value and after is not None
                                         and after.value is None and col.nullable):
                    continue
                page_conds = list(conds)
                if with_value:
                    if col.nullable:
                        page_conds.append(col.isnot(None))
                    if after is not None and after.value is not None:
                        key = tuple_(col, ident)
                        bound = tuple_(literal(after.value, col.type),
                                       literal(after.event_id, ident.type))
                        page_conds.append(key < bound if desc else key > bound)
                    order: list[Any] = [col.desc(), ident.desc()] if desc else [col, ident]
                else:
                    page_conds.append(col.is_(None))
                    if after is not None and after.value is None:
                        page_conds.append(ident < after.event_id if desc
                                          else ident > after.event_id)
                    order = [ident.desc() if desc else ident]
                # the Event's columns only (no bookkeeping: its timestamps cost a parse each)
                stmt = (select(*_EVENT_COLUMNS).where(and_(True, *page_conds)).order_by(*order)
                        .limit(want - len(rows)))
                rows.extend(conn.execute(stmt).all())
            page = rows[:limit]
            lists = self._load_lists(conn, [r.event_id for r in page],
                                     make=dict if raw else Evidence)
        found: list[Any] = [(_dict_from_row if raw else _event_from_row)(r, *lists[r.event_id])
                            for r in page]
        if len(rows) <= limit:
            return found, None
        last = page[-1]
        return found, PageKey(getattr(last, col.name), last.event_id)

    def map_points(self, filters: EventFilter | None = None, *,
                   limit: int | None = None) -> MapPoints:
        """The located events matching ``filters`` as columns (event id, longitude,
        latitude, event type, fatalities), for a map to draw and cluster: one query of those
        five columns whose JSON the database writes itself (SQLite's ``json_group_array``,
        PostgreSQL's ``json_agg``; other databases: from the rows), so no Python object is
        made per event. Coordinates outside -90..90 / -180..180 (or not numbers) are left
        out with the missing ones: a map cannot place them.

        limit: the most points (None: every one); when more events match, the latest
        ``limit`` by date (undated ones last, ties by event id) and ``truncated``.
        Otherwise the order is the database's. RAISES InputError: for an unknown status.
        """
        located = dataclasses.replace(filters or EventFilter(), located=True)
        # abs(): a range no index answers (a bbox filter's does, when it is narrow)
        where = and_(True, *located.conditions(), func.abs(events.c.latitude) <= 90,
                     func.abs(events.c.longitude) <= 180)
        stmt = select(events.c.event_id, events.c.longitude, events.c.latitude,
                      events.c.event_type, events.c.fatalities).where(where)
        with self._connect() as conn:
            if limit is None:
                count, columns = self._json_columns(conn, stmt)
                return MapPoints(count, count, False, *columns)
            limit = max(0, int(limit))
            count, columns = self._json_columns(conn, stmt.limit(limit + 1))
            if count <= limit:
                return MapPoints(count, count, False, *columns)
            # more than asked for: the latest, the dated ones read backwards along the
            # (event_date, event_id) index, then the undated (one ORDER BY putting the undated
            # last would sort every row: 6 s for a million on SQLite, against 0.9 s)
            total = int(conn.scalar(select(func.count()).select_from(events).where(where))
                        or 0)
            count, columns = self._json_columns(conn, stmt.where(
                events.c.event_date.isnot(None)).order_by(
                events.c.event_date.desc(), events.c.event_id.desc()).limit(limit))
            if count < limit:
                more, undated = self._json_columns(conn, stmt.where(
                    events.c.event_date.is_(None)).order_by(
                    events.c.event_id.desc()).limit(limit - count))
                columns = [_join_arrays(a, b) for a, b in zip(columns, undated, strict=True)]
                count += more
            return MapPoints(count, total, True, *columns)

    @staticmethod
    def _json_columns(conn: Connection, stmt: Any) -> tuple[int, list[str]]:
        """The number of rows of ``stmt`` and each of its columns as a JSON array (text),
        aggregated by the database when it can."""
        sub = stmt.subquery()
        aggs: list[Any] = []
        if conn.dialect.name == "sqlite":
            aggs = [func.json_group_array(c) for c in sub.c]
        elif conn.dialect.name == "postgresql":
            aggs = [cast(func.json_agg(c), Text) for c in sub.c]
        if aggs:
            try:
                row = conn.execute(select(func.count(), *aggs).select_from(sub)).one()
                return int(row[0]), [a or "[]" for a in row[1:]]  # json_agg of none: NULL
            except OperationalError as exc:  # an SQLite built without its JSON functions
                if "no such function" not in str(exc):
                    raise
                conn.rollback()
        rows = conn.execute(stmt).all()
        columns = list(zip(*rows, strict=True)) or [()] * len(sub.c)
        return len(rows), [json.dumps(list(c), ensure_ascii=False) for c in columns]

    def event_stats(self, filters: EventFilter | None = None, *,
                    interval: str = "month") -> EventStats:
        """Counts and fatalities of the events matching ``filters``: in all, by ``interval``
        (:data:`INTERVALS`: ISO weeks from Monday, or months), by event type and by
        (country, admin1), and by period and event type together. RAISES InputError: for an
        unknown interval or status.

        Grouped in SQL by day and event type and by region; the days are folded into
        periods here. When only the status filters (the dashboard's first view), both
        groupings read the summary tables of migration 0010, counts kept by triggers as
        events are written (some 20,000 rows, not a million events). With a date range too,
        the days still come from the days' summary, and the regions from the regions'
        summary by month (migration 0011) for the whole months inside the range plus the
        events of the partial months at its ends (see :func:`_summary_regions_range`).
        Otherwise each grouping reads one of the covering indexes of migration 0008 in
        order when no narrower index applies (about 0.15 s each for a million events on
        SQLite). Both give the same answer (tests/store/test_stats_summary.py).
        """
        if interval not in INTERVALS:
            raise InputError(f"unknown interval {interval!r}: use {' or '.join(INTERVALS)}")
        filters = filters or EventFilter()
        where = and_(True, *filters.conditions())
        days_summary, regions_summary = (_summary_scope(filters) if self._summaries
                                         else (False, False))
        n, dead = func.count(), func.coalesce(func.sum(events.c.fatalities), 0)

        def grouped(conn: Connection, *keys: Any) -> list[Any]:
            return list(conn.execute(select(*keys, n, dead).where(where).group_by(*keys)))

        with self._connect() as conn:
            if days_summary:  # already folded into periods, in SQL
                day_type = _summary_days(conn, filters, interval)
            else:
                day_type = grouped(conn, events.c.event_date, events.c.event_type)
            if regions_summary:
                regions = _summary_regions(conn, filters)
            elif days_summary:  # the status and a date range
                regions = _summary_regions_range(conn, filters)
            else:
                regions = grouped(conn, events.c.country, events.c.admin1)
        periods: dict[dt.date | None, list[int]] = {}
        types: dict[str, list[int]] = {}
        both: dict[tuple[dt.date | None, str], list[int]] = {}
        period_of: dict[Any, dt.date | None] = {}  # each day's period computed once
        for day, etype, k, f in day_type:
            if day not in period_of:
                period_of[day] = _period_start(_as_date(day), interval)
            period = period_of[day]
            for acc in (periods.setdefault(period, [0, 0]), types.setdefault(etype, [0, 0]),
                        both.setdefault((period, etype), [0, 0])):
                acc[0] += int(k)
                acc[1] += int(f)
        by_period = sorted((StatsRow(p, k, f) for p, (k, f) in periods.items()),
                           key=lambda r: (r.key is None, r.key or dt.date.min))
        by_type = sorted((StatsRow(t, k, f) for t, (k, f) in types.items()),
                         key=lambda r: (-r.events, r.key))
        # a total order (a missing name before an empty one), not the order rows came in
        by_admin1 = sorted((StatsRow((c, a), int(k), int(f)) for c, a, k, f in regions),
                           key=lambda r: (-r.events, r.key[0] is not None, r.key[0] or "",
                                          r.key[1] is not None, r.key[1] or ""))
        rank = {r.key: i for i, r in enumerate(by_type)}
        by_both = sorted((StatsRow(key, k, f) for key, (k, f) in both.items()),
                         key=lambda r: (r.key[0] is None, r.key[0] or dt.date.min,
                                        rank[r.key[1]]))
        return EventStats(sum(r.events for r in by_type), sum(r.fatalities for r in by_type),
                          interval, by_period, by_type, by_admin1, by_both)


    # ---------------------------------------------------------------------------------------
    # the HTTP API's background jobs (api_jobs, migration 0012)

    def create_job(self, job: JobRecord, *, keep: int | None = None) -> None:
        """Store a new job; with ``keep``, forget the finished jobs (done, failed, cancelled)
        but the ``keep`` most recently submitted, in the same transaction.
        RAISES IntegrityError: for an id already stored."""
        row = _job_row(job)
        with self._connect(write=True) as conn, self._begin(conn):
            conn.execute(insert(api_jobs).values(row))
            if keep is not None:
                old = (select(api_jobs.c.id)
                       .where(api_jobs.c.state.in_(FINISHED_JOB_STATES))
                       .order_by(api_jobs.c.submitted_at.desc(), api_jobs.c.id.desc())
                       .offset(keep))
                ids = list(conn.scalars(old))
                for chunk in _chunks(ids):
                    conn.execute(delete(api_jobs).where(api_jobs.c.id.in_(chunk)))

    def update_job(self, job_id: str, *, owner: str | None = None,
                   states: Iterable[str] | None = None,
                   seen_heartbeat: dt.datetime | None = None, **values: Any) -> bool:
        """Set ``values`` (fields of :class:`JobRecord` but ``id``) of the job ``job_id``,
        only while it is still owned by ``owner``, in one of ``states`` and with the
        heartbeat ``seen_heartbeat`` when they are given (a compare-and-set: a reader that
        marks a job failed changes nothing its process wrote since the reader looked).
        RETURNS whether the job was changed."""
        unknown = set(values) - {f.name for f in fields(JobRecord) if f.name != "id"}
        if unknown:
            raise ValueError(f"not fields of a job: {sorted(unknown)}")
        row = {_JOB_COLUMNS.get(k, k): _utc(v) if isinstance(v, dt.datetime) else v
               for k, v in values.items()}
        stmt = api_jobs.update().where(api_jobs.c.id == job_id).values(row)
        if owner is not None:
            stmt = stmt.where(api_jobs.c.owner == owner)
        if states is not None:
            stmt = stmt.where(api_jobs.c.state.in_(list(states)))
        if seen_heartbeat is not None:
            stmt = stmt.where(api_jobs.c.heartbeat_at == _utc(seen_heartbeat))
        with self._connect(write=True) as conn, self._begin(conn):
            return bool(conn.execute(stmt).rowcount)

    def heartbeat_jobs(self, owner: str, at: dt.datetime) -> int:
        """Set ``heartbeat_at`` of the queued and running jobs of ``owner``; RETURNS how
        many there were."""
        stmt = (api_jobs.update().where(api_jobs.c.owner == owner,
                                        api_jobs.c.state.in_(ACTIVE_JOB_STATES))
                .values(heartbeat_at=_utc(at)))
        with self._connect(write=True) as conn, self._begin(conn):
            return int(conn.execute(stmt).rowcount)

    def get_job(self, job_id: str) -> JobRecord | None:
        """The job ``job_id``, or None (never stored, or forgotten)."""
        with self._connect() as conn:
            row = conn.execute(select(api_jobs).where(api_jobs.c.id == job_id)).first()
        return None if row is None else _job_record(row)

    def list_jobs(self, *, states: Iterable[str] | None = None, owner: str | None = None
                  ) -> list[JobRecord]:
        """The stored jobs, newest first: all of them, or those in ``states`` or of
        ``owner``."""
        q = select(api_jobs).order_by(api_jobs.c.submitted_at.desc(), api_jobs.c.id.desc())
        if states is not None:
            q = q.where(api_jobs.c.state.in_(list(states)))
        if owner is not None:
            q = q.where(api_jobs.c.owner == owner)
        with self._connect() as conn:
            return [_job_record(r) for r in conn.execute(q)]


# --------------------------------------------------------------------------------------------
# helpers


def _utc(value: dt.datetime) -> dt.datetime:
    """``value`` as an aware UTC time (a naive one is taken as UTC: SQLite keeps no zone)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _job_row(job: JobRecord) -> dict[str, Any]:
    return {_JOB_COLUMNS.get(f.name, f.name): _utc(v) if isinstance(v, dt.datetime) else v
            for f in fields(JobRecord) for v in [getattr(job, f.name)]}


def _job_record(row: Any) -> JobRecord:
    values: dict[str, Any] = {}
    for f in fields(JobRecord):
        value = row._mapping[_JOB_COLUMNS.get(f.name, f.name)]
        values[f.name] = _utc(value) if isinstance(value, dt.datetime) else value
    return JobRecord(**values)


def _bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` inside the current transaction: executemany on SQLite (a C loop),
    ``COPY ... FROM STDIN`` on PostgreSQL (psycopg's executemany is one round trip per row).

    The events go in as multi-row INSERTs on SQLite: a statement that fires a trigger (the
    summaries of migration 0010) keeps a statement journal, a copy of every page it changes,
    and with the events' twenty indexes that journal outgrows memory and goes to a temporary
    file: one statement per row made an insert 2.3 times as slow (65 -> 145 us an event),
    one per page of rows 1.2 times. SQLAlchemy writes the pages (its "insertmanyvalues",
    under SQLite's parameter limit) for an INSERT with RETURNING.
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql" or conn.dialect.driver != "psycopg":
        if table is events and conn.dialect.insert_executemany_returning:
            conn.execute(insert(table).returning(table.c.event_id), rows).close()
        else:
            conn.execute(insert(table), rows)
        return
    cols = list(rows[0])
    names = ", ".join('"' + c.replace('"', '""') + '"' for c in cols)
    raw = conn.connection.driver_connection
    if raw is None:
        raise ResourceError("the database connection was closed during the batch")
    with raw.cursor() as cur:
        with cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[c] for c in cols])


def _summary_days(conn: Connection, filters: EventFilter, interval: str
                  ) -> list[tuple[Any, str, int, int]]:
    """(period or None, event type, events, fatalities) of the events matching ``filters``
    (the status and a date range only, see :func:`_summary_scope`), from ``stats_by_day``
    (some 6,600 rows for three years, not a million events), the days folded into their
    ``interval`` (:data:`INTERVALS`) in SQL: the period's first day stands for each, as
    :func:`_period_start` gives it; a few hundred rows back for two years, not thousands."""
    t = stats_by_day
    conds = _status_conditions(t.c.status, filters.status)
    if filters.since is not None or filters.until is not None:
        conds.append(t.c.day_null == false())  # a date bound leaves the undated events out
    if filters.since is not None:
        conds.append(t.c.day >= filters.since)
    if filters.until is not None:
        conds.append(t.c.day <= filters.until)
    period = _period_sql(t.c.day, interval, conn.dialect.name).label("period")
    keys = (t.c.day_null, period, t.c.event_type)
    rows = conn.execute(select(*keys, func.sum(t.c.events), func.sum(t.c.fatalities))
                        .where(and_(True, *conds)).group_by(*keys)).all()
    return [(None if null else _as_date(d), etype, int(k), int(f))
            for null, d, etype, k, f in rows]


def _period_sql(day: Any, interval: str, dialect: str) -> Any:
    """SQL for the first day of ``day``'s ISO week (Monday) or month, as
    :func:`_period_start` computes it in Python: ISO text on SQLite, a date on PostgreSQL."""
    if dialect == "sqlite":
        return (func.date(day, "start of month") if interval == "month"
                else func.date(day, "-6 days", "weekday 1"))
    return cast(func.date_trunc("month" if interval == "month" else "week", day), Date)


def _summary_regions(conn: Connection, filters: EventFilter
                     ) -> list[tuple[str | None, str | None, int, int]]:
    """(country, admin1, events, fatalities) of the events matching ``filters`` (the status
    only) from ``stats_by_region``, as the grouped query over the events gives them."""
    t = stats_by_region
    keys = (t.c.country_null, t.c.country, t.c.admin1_null, t.c.admin1)
    q = (select(*keys, func.sum(t.c.events), func.sum(t.c.fatalities))
         .where(and_(True, *_status_conditions(t.c.status, filters.status))).group_by(*keys))
    return [(None if cn else c, None if an else a, int(k), int(f))
            for cn, c, an, a, k, f in conn.execute(q).all()]


def _summary_regions_range(conn: Connection, filters: EventFilter
                           ) -> list[tuple[str | None, str | None, int, int]]:
    """(country, admin1, events, fatalities) of the events matching ``filters`` (the status
    and a date range, see :func:`_summary_scope`), as the grouped query over the events gives
    them (in another order): the whole months inside the range from
    ``stats_by_region_month`` (about 1,000 rows a month for a million events over three
    years), the days of a partial month at either end from the events (the date index).

    A partial month is read from its days when they are no more than half of it, else as
    its month's summary less the events of its other days: at most half a month of events at
    each end (some 14,000 for a million events over three years, each a read of its row)."""
    since, until, status = filters.since, filters.until, filters.status
    if since is not None and until is not None and since > until:
        return []
    # the first days of the first and last whole months inside the range (None: unbounded)
    first = since if since is None or since.day == 1 else _month_after(since)
    last = until if until is None else (
        until.replace(day=1) if until == _month_end(until) else _month_before(until))
    whole = not (since is not None and first is None or until is not None and last is None
                 or first is not None and last is not None and first > last)
    # the partial months: (first day, last day) of the range in each
    if since is not None and until is not None and (since.year, since.month) == (
            until.year, until.month):
        parts = [] if whole else [(since, until)]
    else:
        parts = [(lo, hi) for lo, hi in ((since, since and _month_end(since)),
                                         (until and until.replace(day=1), until))
                 if lo is not None and hi is not None and (lo.day, hi) != (1, _month_end(hi))]
    acc: dict[tuple[str | None, str | None], list[int]] = {}

    def add(rows: Iterable[Any], sign: int = 1) -> None:
        for country, admin1, k, f in rows:
            got = acc.setdefault((country, admin1), [0, 0])
            got[0] += sign * int(k)
            got[1] += sign * int(f)

    if whole:
        add(_region_months(conn, status, first, last))
    for lo, hi in parts:
        start, end = lo.replace(day=1), _month_end(lo)
        if 2 * ((hi - lo).days + 1) <= end.day:  # its days
            add(_region_events(conn, status, lo, hi))
            continue
        add(_region_months(conn, status, start, start))  # its month less the other days
        if lo > start:
            add(_region_events(conn, status, start, lo - dt.timedelta(days=1)), -1)
        if hi < end:
            add(_region_events(conn, status, hi + dt.timedelta(days=1), end), -1)
    return [(c, a, k, f) for (c, a), (k, f) in acc.items() if k]


def _region_months(conn: Connection, status: str | tuple[str, ...] | None,
                   first: dt.date | None, last: dt.date | None) -> list[Any]:
    """(country, admin1, events, fatalities) of the dated events of ``status`` in the months
    from ``first`` to ``last`` (their first days; None: unbounded) from
    ``stats_by_region_month``."""
    t = stats_by_region_month
    conds = [*_status_conditions(t.c.status, status), t.c.month_null == false()]
    if first is not None:
        conds.append(t.c.month >= first)
    if last is not None:
        conds.append(t.c.month <= last)
    keys = (t.c.country_null, t.c.country, t.c.admin1_null, t.c.admin1)
    q = (select(*keys, func.sum(t.c.events), func.sum(t.c.fatalities))
         .where(and_(True, *conds)).group_by(*keys))
    return [(None if cn else c, None if an else a, k, f)
            for cn, c, an, a, k, f in conn.execute(q).all()]


def _region_events(conn: Connection, status: str | tuple[str, ...] | None,
                   since: dt.date | None, until: dt.date | None) -> list[Any]:
    """(country, admin1, events, fatalities) of the events of ``status`` dated from ``since``
    to ``until`` (None: unbounded), grouped from the events: from the covering index
    ``(status, event_date, country, admin1, fatalities)`` (migration 0013) alone, one date
    range per status, which the statuses named in the query (``status IN (...)``, never ``NOT
    IN``) let the planner search; every status ("all") reads the date index and the table."""
    conds = [*EventFilter(since=since, until=until, status="all").conditions(),
             *_status_conditions(events.c.status, status, named=True)]
    keys = (events.c.country, events.c.admin1)
    return list(conn.execute(select(*keys, func.count(),
                                    func.coalesce(func.sum(events.c.fatalities), 0))
                             .where(and_(True, *conds)).group_by(*keys)).all())


def _month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_after(day: dt.date) -> dt.date | None:
    """The first day of the month after ``day``'s; None after December 9999."""
    end = _month_end(day)
    return None if end == dt.date.max else end + dt.timedelta(days=1)


def _month_before(day: dt.date) -> dt.date | None:
    """The first day of the month before ``day``'s; None before January of the year 1."""
    start = day.replace(day=1)
    return None if start == dt.date.min else (start - dt.timedelta(days=1)).replace(day=1)


def _filters(*, since: dt.date | None, until: dt.date | None, country: str | None,
             admin1: str | None, event_type: str | None, actor: str | None,
             min_fatalities: int | None, min_confidence: float | None = None,
             status: str | Iterable[str] | None = None, admin2: str | None = None,
             sub_event_type: str | None = None,
             bbox: tuple[float, float, float, float] | None = None, q: str | None = None,
             located: bool = False) -> list[Any]:
    """SQL conditions for :meth:`Store.query_events`' filters (see :class:`EventFilter`)."""
    conds = _status_conditions(events.c.status, status)
    if since is not None:
        conds.append(events.c.event_date >= since)
    if until is not None:
        conds.append(events.c.event_date <= until)
    if country:
        c = country.strip().lower()
        conds.append(or_(func.lower(events.c.country) == c, func.lower(events.c.iso3) == c))
    if admin1:
        conds.append(func.lower(events.c.admin1) == admin1.strip().lower())
    if event_type:
        t = event_type.strip().lower()
        conds.append(or_(func.lower(events.c.event_type) == t,
                         func.lower(events.c.sub_event_type) == t))
    if actor:
        pattern = "%" + _escape_like(actor.strip().lower()) + "%"
        conds.append(or_(*(func.lower(col).like(pattern, escape="\\") for col in (
            events.c.actor1, events.c.actor2, events.c.assoc_actor_1, events.c.assoc_actor_2))))
    if min_fatalities is not None:
        conds.append(events.c.fatalities >= min_fatalities)
    if min_confidence is not None and min_confidence > 0:
        conds.append(events.c.confidence >= min_confidence)
    if admin2:
        conds.append(func.lower(events.c.admin2) == admin2.strip().lower())
    if sub_event_type:
        conds.append(func.lower(events.c.sub_event_type) == sub_event_type.strip().lower())
    if located or bbox is not None:
        conds += [events.c.latitude.isnot(None), events.c.longitude.isnot(None)]
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        conds.append(events.c.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            conds.append(events.c.longitude.between(min_lon, max_lon))
        else:  # a box across the antimeridian (minlon 170, maxlon -170)
            conds.append(or_(events.c.longitude >= min_lon, events.c.longitude <= max_lon))
    if q and q.strip():
        pattern = "%" + _escape_like(q.strip().lower()) + "%"
        conds.append(or_(
            func.lower(events.c.notes).like(pattern, escape="\\"),
            exists().where(evidence.c.event_id == events.c.event_id,
                           func.lower(evidence.c.text).like(pattern, escape="\\"))))
    return conds


def _join_arrays(a: str, b: str) -> str:
    """Two JSON arrays (text) as one."""
    if a.strip() == "[]":
        return b
    if b.strip() == "[]":
        return a
    return a.rstrip()[:-1] + "," + b.lstrip()[1:]


def _status_conditions(column: Any, status: str | Iterable[str] | None, *,
                       named: bool = False) -> list[Any]:
    """The condition on ``column`` (``events.status`` or a summary's) for the review statuses
    ``status`` (see :func:`_statuses`): none for "all". ``named``: always the statuses wanted
    (``IN``), for a query whose index leads with the status (migration 0013). RAISES
    InputError: for an unknown one."""
    wanted = _statuses(status)
    if wanted is None:
        return []
    left_out = sorted(set(STATUSES) - wanted)
    # the shorter of the two lists, the left-out one on a tie: the default is "status NOT IN
    # ('rejected', 'tentative')", which no planner answers with the status index (a SQLite
    # store without ANALYZE statistics would otherwise search that index for nearly every row
    # instead of the date or region index and sort them); a rare status alone ("reviewed") is
    # still searched
    return [column.not_in(left_out) if len(left_out) <= len(wanted) and not named
            else column.in_(sorted(wanted))]


def _summary_scope(filters: EventFilter) -> tuple[bool, bool]:
    """Whether the summaries (migration 0010) answer ``filters``: (by day and type, by
    region). The days when nothing but the status and the date range filters, the regions
    (which have no dates) when nothing but the status does (with a date range too, the
    regions' summary by month answers, see :func:`_summary_regions_range`). Asked of the filters' own SQL
    conditions, so a filter added later is never silently ignored: it makes a condition."""
    if replace(filters, status="all", since=None, until=None).conditions():
        return False, False
    return True, filters.since is None and filters.until is None


def _as_date(value: Any) -> dt.date | None:
    """A date from what a query gives back for one (a date, a datetime or ISO text)."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _period_start(day: dt.date | None, interval: str) -> dt.date | None:
    """The first day of ``day``'s ISO week (Monday) or month; None for None."""
    if day is None:
        return None
    if interval == "month":
        return day.replace(day=1)
    return day - dt.timedelta(days=day.weekday())


def _statuses(status: str | Iterable[str] | None) -> frozenset[str] | None:
    """The review statuses a read returns (None: all). RAISES InputError: for an unknown one.

    None (or nothing): :data:`DEFAULT_STATUSES` (rejected and tentative events left out);
    ``"all"`` (alone
    or among others): every status; else one status or several.
    """
    given = [] if status is None else [status] if isinstance(status, str) else list(status)
    unknown = [s for s in given if s not in (*STATUSES, "all")]
    if unknown:
        raise InputError(f"unknown status {unknown[0]!r}: use {', '.join(STATUSES)} or all")
    if not given:
        return frozenset(DEFAULT_STATUSES)
    return None if "all" in given else frozenset(given)


def _blocking(event: Event, days: int, km: float,
              sub_event_types: Sequence[str]) -> list[list[Any]] | None:
    """The cross-article blocking queries for ``event`` (see :meth:`Store.merge_candidates`),
    each a list of conditions, or None for an event without a date or coordinates.

    The first: the date window, the types and a latitude/longitude box of ``km`` (the blocking
    index of migration 0009). The second, for an event with an admin1: the events of its
    admin1 that may be placed only as an area (``geo_precision`` 2 or 3), or, for an event so
    placed itself (:func:`eventcoder.dedup.cross.is_area`), every event of its admin1 (the
    ``lower(admin1), event_date`` index of migration 0008): a town and the region or district
    it lies in may be one event at any distance
    (:func:`eventcoder.dedup.cross.region_contains`, :func:`~eventcoder.dedup.cross.
    district_contains`).
    """
    if event.event_date is None or event.latitude is None or event.longitude is None:
        return None
    dlat = km / 111.0
    dlon = km / (111.0 * max(math.cos(math.radians(event.latitude)), 0.01))
    span = dt.timedelta(days=days)
    common = [events.c.event_date.between(event.event_date - span, event.event_date + span),
              events.c.sub_event_type.in_(list(sub_event_types)),
              events.c.status != "rejected",
              events.c.event_id != event.event_id]
    box = [*common, events.c.latitude.between(event.latitude - dlat, event.latitude + dlat),
           events.c.longitude.between(event.longitude - dlon, event.longitude + dlon)]
    if not event.admin1 or not event.admin1.strip():
        return [box]
    region = [func.lower(events.c.admin1) == event.admin1.strip().lower(), *common,
              events.c.latitude.isnot(None), events.c.longitude.isnot(None)]
    if not is_area(event):  # the events of its admin1 placed only as an area (is_area)
        region.append(or_(events.c.geo_precision == REGION_PRECISION, and_(
            events.c.geo_precision >= 2,
            func.lower(func.trim(events.c.location)) == func.lower(func.trim(events.c.admin2)))))
    return [box, region]


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _event_row(ev: Event) -> dict[str, Any]:
    return {f: getattr(ev, f) for f in EVENT_SCALARS}


def _event_from_row(row: Any, article_ids: list[str], ev_list: list[Evidence]) -> Event:
    values = row._mapping  # a quarter of the time of getattr(row, f) per field
    data = {f: values[f] for f in EVENT_SCALARS}
    return Event(article_ids=list(article_ids), evidence=list(ev_list), **data)


def _dict_from_row(row: Any, article_ids: list[str], ev_list: list[dict[str, Any]]
                   ) -> dict[str, Any]:
    """``_event_from_row(...).model_dump()`` without the model (:meth:`Store.page_event_dicts`)."""
    values = row._mapping
    return {f: (article_ids if f == "article_ids" else ev_list if f == "evidence"
                else values[f]) for f in _MODEL_ORDER}


#: The Event's fields in its order.
_MODEL_ORDER: tuple[str, ...] = tuple(Event.model_fields)


def _renamed(a: Article) -> str:
    """The id an article gets when its own id is taken by another text."""
    return f"{a.id}~{a.content_hash[:8]}"


def _rename_articles(ev: Event, renamed: dict[str, str]) -> Event:
    """``ev`` citing renamed article ids (article_ids and evidence), under an id of its own.

    Event ids derive from the article id, so the events of an updated article (stored as
    ``id~hash``) would otherwise carry the ids of the old version's events and be merged into
    them by accident; merging is the merge policy's decision, never a collision of ids.
    """
    if not any(a in renamed for a in ev.article_ids) and \
            not any(e.article_id in renamed for e in ev.evidence):
        return ev
    return ev.model_copy(update={
        "event_id": stable_id(ev.event_id, *sorted(renamed[a] for a in ev.article_ids
                                                   if a in renamed)),
        "article_ids": [renamed.get(a, a) for a in ev.article_ids],
        "evidence": [e.model_copy(update={"article_id": renamed.get(e.article_id, e.article_id)})
                     for e in ev.evidence],
    })


def _validation_message(exc: Exception) -> str:
    """One line from a pydantic ValidationError: each bad field and why."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}"
                 for e in errors()]
        return "invalid value: " + "; ".join(parts)
    return _one_line(exc)


def _rebuild(current: Event, versions: Sequence[Event], article_ids: Sequence[str],
             event_id: str) -> Event:
    """One side of a split: ``versions`` (codings of reports on this side) merged by the
    policy, or ``current`` when there are none; then citing exactly ``article_ids`` with the
    current event's evidence from them, under ``event_id``, with ``current``'s status."""
    wanted = set(article_ids)
    if versions:
        base = versions[0]
        for v in versions[1:]:
            base = merge_pair(base, v).event
    else:
        base = current
    spans = [e for e in current.evidence if e.article_id in wanted]
    rebuilt = base.model_copy(update={
        "event_id": event_id, "article_ids": list(article_ids), "evidence": spans,
        "sources_count": len(article_ids), "status": current.status})
    notes = compose_notes(rebuilt)
    if notes != compose_notes(base):  # what the notes would say changed
        rebuilt = rebuilt.model_copy(update={"notes": notes})
    return rebuilt


def _merge(old: Event, new: Event) -> Event:
    """``new`` merged into the stored ``old`` by the one merge policy, as a newer coding of the
    event (see :meth:`Store.save_batch` and :mod:`eventcoder.dedup.policy`)."""
    return merge_pair(old, new, supersede=True).event


def _set_wal(cur: Any, wait: float = 60.0) -> None:
    """Switch the connection's database to WAL. SQLite answers "database is locked" at once,
    without calling the busy handler, when two connections change the journal mode of a new
    file at the same moment (two runs started together on one new database), so retry with
    a short growing pause, for at most ``wait`` seconds."""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def _sqlite_setup(engine: Engine, *, memory: bool) -> None:
    """WAL, foreign keys and explicit BEGIN (IMMEDIATE for writes) on every SQLite connection."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" hook emit BEGIN
        cur = dbapi_conn.cursor()
        try:
            if not memory:
                _set_wal(cur)
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("eventcoder_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

