"""The database tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them.

Design (see ``docs/storage.md``): ``articles`` keyed by id with a UNIQUE content hash (idempotent
ingest); ``events`` with one column per scalar field of :class:`eventcoder.schema.Event` plus
bookkeeping (revision, created/updated time); ``event_articles`` links events to the articles
they were read from (ordered, provenance for cross-source dedup); ``evidence`` holds the text
spans behind each field; ``event_revisions`` keeps a JSON snapshot of every replaced version;
``article_bands`` indexes the articles' MinHash signatures for near-duplicate lookup;
``event_merges`` and ``merge_decisions`` keep cross-article merges and reviewers' splits;
``stats_by_day``, ``stats_by_region`` and ``stats_by_region_month`` are summary counts of
``events`` kept by triggers; ``api_jobs`` holds the HTTP API's background coding jobs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    func,
)

#: Ids (article, event): no length limit on PostgreSQL (ids can be long URLs; migration 0003);
#: SQLite never enforces lengths.
ID = String(255).with_variant(Text(), "postgresql")

#: Alembic's version table: present in every database a Store has created.
VERSION_TABLE = "eventcoder_alembic_version"

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

articles = Table(
    "articles", metadata,
    Column("id", ID, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("source", Text),
    Column("published", Date, index=True),
    Column("language", String(16)),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # near-duplicates (migration 0005): the article this one is a copy of (its events cite
    # both), and the MinHash signature (eventcoder.dedup.near) of articles long enough to have one
    Column("copy_of", ID, index=True),
    Column("minhash", LargeBinary),
)

#: The LSH band keys of each article's signature (migration 0005): articles sharing a
#: (band, bucket) are near-duplicate candidates, found through the index, never by a scan.
article_bands = Table(
    "article_bands", metadata,
    Column("article_id", ID, primary_key=True),
    Column("band", SmallInteger, primary_key=True),
    Column("bucket", BigInteger, nullable=False),
    Index("ix_article_bands_band_bucket", "band", "bucket"),
)

events = Table(
    "events", metadata,
    Column("event_id", ID, primary_key=True),
    Column("event_date", Date, index=True),
    Column("time_precision", SmallInteger, nullable=False),
    Column("disorder_type", String(64), nullable=False),
    Column("event_type", String(64), nullable=False, index=True),
    Column("sub_event_type", String(64), nullable=False, index=True),
    Column("plover_type", String(32)),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("inter1", SmallInteger, nullable=False),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", SmallInteger, nullable=False),
    Column("interaction", SmallInteger, nullable=False),
    Column("civilian_targeting", Boolean, nullable=False),
    Column("country", String(128), index=True),
    Column("iso3", String(3), index=True),
    Column("admin1", String(255), index=True),
    Column("admin2", String(255)),
    Column("admin3", String(255)),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", SmallInteger, nullable=False),
    Column("geonames_id", BigInteger),
    Column("fatalities", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("sources_count", Integer, nullable=False),
    Column("location_reason", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # what made this version (migration 0007): see VERSION_COLUMNS
    Column("cause", String(32)),
    Column("changed_by", Text),
    Column("comment", Text),
    Column("detail", Text),
)

event_articles = Table(
    "event_articles", metadata,
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"),
           primary_key=True),
    Column("article_id", ID, primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("article_id", ID, nullable=False, index=True),
    Column("field", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("position", Integer, nullable=False),
)

event_revisions = Table(
    "event_revisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
    Column("data", Text, nullable=False),
    Column("cause", String(32)),
    Column("changed_by", Text),
    Column("comment", Text),
    Column("detail", Text),
)

#: What made a version of an event (migration 0007), on ``events`` (the current version) and
#: ``event_revisions`` (each replaced one): ``cause`` ("coded", "source added", "copy linked",
#: "merge", "review", "edit", "split"), ``changed_by`` (a user; empty for automatic changes),
#: ``comment``, ``detail`` (JSON list of the merge policy's field changes: field, old, new,
#: articles, rule). NULL cause: a version written before 0007.
VERSION_COLUMNS = ("cause", "changed_by", "comment", "detail")

#: A reviewer's decision about a pair of events (migration 0007), the pair stored in id order:
#: "apart" (a split: later dedup passes never merge them again).
merge_decisions = Table(
    "merge_decisions", metadata,
    Column("event_a", ID, primary_key=True),
    Column("event_b", ID, primary_key=True, index=True),
    Column("decision", String(16), nullable=False),
    Column("decided_by", Text),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("comment", Text),
)

#: Every segment with an event word and what it was found to be (migration 0004): reported
#: ones point at their event; the others keep the reason they are not an event.
candidates = Table(
    "candidates", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ID, nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("sub_event_type", String(64)),
    Column("status", String(16), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("event_id", ID, index=True),
)

#: Cross-article merges (migration 0006): an event absorbed into another stays resolvable by
#: its id (absorbed -> survivor, kept flat: a survivor absorbed later moves its aliases on),
#: with the absorbed version as JSON and why the two were found to be one event.
event_merges = Table(
    "event_merges", metadata,
    Column("absorbed_id", ID, primary_key=True),
    Column("survivor_id", ID, nullable=False, index=True),
    Column("merged_at", DateTime(timezone=True), nullable=False),
    Column("score", Float, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("data", Text, nullable=False),
)

Index("ix_events_date_id", events.c.event_date, events.c.event_id)
#: Cross-article blocking (``Store.merge_candidates``, migration 0009): the types (IN), the date
#: window (a range), then the coordinates, checked in the index before a row is read.
Index("ix_events_type_date_lat_lon", events.c.sub_event_type, events.c.event_date,
      events.c.latitude, events.c.longitude)

#: Case-insensitive filters (``lower(col) = ...``) use these expression indexes (migration 0002;
#: admin2: 0008).
for _col in ("country", "iso3", "admin1", "event_type", "sub_event_type", "admin2"):
    Index(f"ix_events_lower_{_col}", func.lower(events.c[_col]))
del _col

#: The HTTP API's queries (migration 0008): a region's events in date order (one range search
#: that also gives the keyset page order), the map box, the fatalities order, and covering
#: indexes that the statistics read instead of the table (by day and event type, by region).
Index("ix_events_lower_admin1_date", func.lower(events.c.admin1), events.c.event_date,
      events.c.event_id)
Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
Index("ix_events_fatalities_id", events.c.fatalities, events.c.event_id)
Index("ix_events_stats_date_type", events.c.event_date, events.c.event_type, events.c.status,
      events.c.fatalities)
Index("ix_events_stats_admin1", events.c.country, events.c.admin1, events.c.status,
      events.c.fatalities)
#: the regions of a date range's partial months (migration 0013)
Index("ix_events_stats_date_region", events.c.status, events.c.event_date, events.c.country,
      events.c.admin1, events.c.fatalities)

#: Summary counts of ``events`` (migration 0010), kept by triggers on ``events`` (SQLite: row
#: triggers; PostgreSQL: statement triggers over the transition tables), so that every write
#: path, the Store's or anyone's SQL, keeps them exact: one row per group that has events,
#: with the number of events and the sum of their fatalities. ``Store.event_stats`` reads
#: them instead of a million index entries when only the status (and, for the days, a date
#: range) filters. The events' NULLs are keys too, which a primary key cannot hold: a NULL
#: date, country or admin1 is stored as ``*_null`` true with a placeholder (``0001-01-01``,
#: ``''``), so NULL and ``''`` stay different groups.
def _summary_table(name: str, *keys: tuple[str, Any, bool]) -> Table:
    """A summary table: its keys (name, type, whether the events' column may be NULL: then a
    ``*_null`` flag goes before it), the status, and the events and fatalities counted."""
    columns: list[Column[Any]] = []
    for key, type_, nullable in keys:
        if nullable:
            columns.append(Column(f"{key}_null", Boolean, nullable=False))
        columns.append(Column(key, type_, nullable=False))
    columns += [Column("status", String(16), nullable=False),
                Column("events", BigInteger, nullable=False),
                Column("fatalities", BigInteger, nullable=False)]
    return Table(name, metadata, *columns,
                 PrimaryKeyConstraint(*(c.name for c in columns[:-2])),
                 sqlite_with_rowid=False)


stats_by_day = _summary_table("stats_by_day", ("day", Date, True),
                              ("event_type", String(64), False))

stats_by_region = _summary_table("stats_by_region", ("country", String(128), True),
                                 ("admin1", String(255), True))

#: The regions' summary by month (migration 0011), kept the same way: one row per (first day
#: of the month, country, admin1, status) that has events (an undated event under
#: ``month_null`` true and ``0001-01-01``). ``Store.event_stats`` adds up the whole months
#: inside a date range from it and reads the partial months at the range's ends from the
#: events.
stats_by_region_month = _summary_table("stats_by_region_month", ("month", Date, True),
                                       ("country", String(128), True),
                                       ("admin1", String(255), True))

#: The HTTP API's background coding jobs (migration 0012): ``POST /api/articles`` with more
#: articles than the server codes while the client waits. In the database, not in a server
#: process's memory, so that every worker process of ``eventcoder serve --workers N`` (and a
#: restarted server) answers ``GET /api/jobs/{id}``. A job runs in the process that accepted
#: it, named by ``owner`` (``host:pid:token``), which moves ``heartbeat_at`` while the job is
#: queued or running; a reader finds a job whose owner is gone (``eventcoder.api.jobs``).
#: ``result`` is the answer of a direct request (``IngestResult`` as JSON) once done. A small
#: table: the server keeps the newest finished jobs (``KEPT_JOBS``) and the unfinished ones.
api_jobs = Table(
    "api_jobs", metadata,
    Column("id", String(64), primary_key=True),
    Column("submitted_by", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("articles", Integer, nullable=False),
    Column("settled", Integer, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
    Column("owner", String(255), nullable=False),
    Column("result", Text),
    Column("error", Text),
)
