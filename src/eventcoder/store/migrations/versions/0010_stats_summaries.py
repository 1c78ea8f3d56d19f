"""Summary counts for the statistics: ``stats_by_day`` (day, event type, status) and
``stats_by_region`` (country, admin1, status), each with the number of events and the sum of
their fatalities, kept by triggers on ``events``.

``GET /api/stats`` without filters (the dashboard's first view) grouped a million events by
reading two covering indexes of migration 0008 in full: about 0.15 s each in SQLite, 0.54 s
a request after every commit. The summaries hold one row per (day, type, status) or (region,
status) that has events (about 20,000 and 1,000 rows for a million events over three years),
so ``Store.event_stats`` reads those instead when only the status, or for the days a date
range, filters.

Triggers, not the Store's code, keep them: every write path (save_batch, merges, edits,
splits, reviews, deletes, an operator's SQL) then keeps them exact, in the writing
transaction. SQLite has row triggers only: one upsert per inserted event and table, and on an
update or delete one more and a delete of a group left empty; the update triggers run only
when a grouped column or the fatalities change. PostgreSQL uses statement triggers over the
transition tables: a ``COPY`` of a batch's events adds one grouped upsert per table, not one
per event. A NULL date, country or admin1 is stored as ``*_null`` true and a placeholder
(``0001-01-01``, ``''``): primary keys cannot hold NULLs, and NULL and ``''`` are different
groups. The upgrade fills the summaries from the stored events. Another dialect (a plugin's
backend) gets the tables without triggers, and ``Store.event_stats`` does not read them there.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

#: summary table -> (summary column -> its value for an events row ``{r}``); the keys, in the
#: order of the table's primary key
KEYS: dict[str, dict[str, str]] = {
    "stats_by_day": {
        "day_null": "{r}.event_date IS NULL",
        "day": "coalesce({r}.event_date, {no_day})",
        "event_type": "{r}.event_type",
        "status": "{r}.status",
    },
    "stats_by_region": {
        "country_null": "{r}.country IS NULL",
        "country": "coalesce({r}.country, '')",
        "admin1_null": "{r}.admin1 IS NULL",
        "admin1": "coalesce({r}.admin1, '')",
        "status": "{r}.status",
    },
}
#: events columns a summary depends on (the keys and the summed fatalities)
SOURCES: dict[str, list[str]] = {
    "stats_by_day": ["event_date", "event_type", "status", "fatalities"],
    "stats_by_region": ["country", "admin1", "status", "fatalities"],
}
#: the placeholder of a NULL date in a key (SQLite stores dates as ISO text)
NO_DAY = {"sqlite": "'0001-01-01'", "postgresql": "DATE '0001-01-01'"}

SQLITE_TRIGGERS = ("trg_events_stats_insert", "trg_events_stats_delete",
                   "trg_events_stats_day_update", "trg_events_stats_region_update")
PG_TRIGGERS = {  # trigger -> (event, transition tables, function)
    "trg_events_stats_insert": ("INSERT", "NEW TABLE AS new_rows", "eventcoder_stats_insert"),
    "trg_events_stats_delete": ("DELETE", "OLD TABLE AS old_rows", "eventcoder_stats_delete"),
    "trg_events_stats_update": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                                "eventcoder_stats_update"),
}


def _key(table: str, row: str, no_day: str) -> dict[str, str]:
    return {col: expr.format(r=row, no_day=no_day) for col, expr in KEYS[table].items()}


def _sqlite_add(table: str, row: str, sign: str) -> str:
    """Add (``sign`` "") or take away ("-") the events row ``row`` (NEW or OLD) in ``table``."""
    key = _key(table, row, NO_DAY["sqlite"])
    cols = [*key, "events", "fatalities"]
    values = [*key.values(), f"{sign}1", f"{sign}{row}.fatalities"]
    return (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(values)}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET events = events + excluded.events, "
            "fatalities = fatalities + excluded.fatalities;")


def _sqlite_drop_empty(table: str, row: str) -> str:
    """Delete the group of ``row`` in ``table`` when it has no event left."""
    key = _key(table, row, NO_DAY["sqlite"])
    where = " AND ".join(f"{col} = ({expr})" for col, expr in key.items())
    return f"DELETE FROM {table} WHERE {where} AND events = 0;"


def _sqlite_triggers() -> list[str]:
    tables = list(KEYS)
    out = [
        "CREATE TRIGGER trg_events_stats_insert AFTER INSERT ON events BEGIN "
        + " ".join(_sqlite_add(t, "NEW", "") for t in tables) + " END",
        "CREATE TRIGGER trg_events_stats_delete AFTER DELETE ON events BEGIN "
        + " ".join(_sqlite_add(t, "OLD", "-") + " " + _sqlite_drop_empty(t, "OLD")
                   for t in tables) + " END",
    ]
    for name, table in (("trg_events_stats_day_update", "stats_by_day"),
                        ("trg_events_stats_region_update", "stats_by_region")):
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in SOURCES[table])
        # the new group first: a change of the fatalities alone never empties its group
        out.append(f"CREATE TRIGGER {name} AFTER UPDATE ON events WHEN {changed} BEGIN "
                   f"{_sqlite_add(table, 'NEW', '')} {_sqlite_add(table, 'OLD', '-')} "
                   f"{_sqlite_drop_empty(table, 'OLD')} END")
    return out


def _pg_apply(table: str, sources: list[tuple[str, str]]) -> str:
    """Upsert into ``table`` the net change of the transition tables ``sources`` ((name,
    sign)), one row per group."""
    key = _key(table, "r", NO_DAY["postgresql"])
    parts = [f"SELECT {', '.join(f'{expr} AS {col}' for col, expr in key.items())}, "
             f"{sign}1 AS n, {sign}r.fatalities AS f FROM {name} r" for name, sign in sources]
    cols = ", ".join(key)
    return (f"INSERT INTO {table} AS s ({cols}, events, fatalities) "
            f"SELECT {cols}, sum(n), sum(f) FROM ({' UNION ALL '.join(parts)}) d "
            f"GROUP BY {cols} HAVING sum(n) <> 0 OR sum(f) <> 0 "
            f"ON CONFLICT ({cols}) DO UPDATE SET events = s.events + excluded.events, "
            "fatalities = s.fatalities + excluded.fatalities;")


def _pg_drop_empty(table: str) -> str:
    key = _key(table, "r", NO_DAY["postgresql"])
    where = " AND ".join(f"s.{col} = ({expr})" for col, expr in key.items())
    return f"DELETE FROM {table} s USING old_rows r WHERE s.events = 0 AND {where};"


def _pg_function(name: str, sources: list[tuple[str, str]]) -> str:
    body = " ".join(_pg_apply(t, sources) for t in KEYS)
    if any(n == "old_rows" for n, _ in sources):
        body += " " + " ".join(_pg_drop_empty(t) for t in KEYS)
    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$")


def _backfill(table: str, dialect: str) -> str:
    key = _key(table, "events", NO_DAY[dialect])
    cols = ", ".join(key)
    return (f"INSERT INTO {table} ({cols}, events, fatalities) "
            f"SELECT {', '.join(key.values())}, count(*), coalesce(sum(fatalities), 0) "
            f"FROM events GROUP BY {', '.join(key.values())}")


def upgrade() -> None:
    op.create_table(
        "stats_by_day",
        sa.Column("day_null", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False),
        sa.Column("fatalities", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day_null", "day", "event_type", "status",
                                name=op.f("pk_stats_by_day")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "stats_by_region",
        sa.Column("country_null", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=128), nullable=False),
        sa.Column("admin1_null", sa.Boolean(), nullable=False),
        sa.Column("admin1", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False),
        sa.Column("fatalities", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("country_null", "country", "admin1_null", "admin1", "status",
                                name=op.f("pk_stats_by_region")),
        sqlite_with_rowid=False,
    )
    dialect = op.get_bind().dialect.name
    # the triggers before the counting: on PostgreSQL creating them locks out writers of
    # events until this transaction commits, so no event is counted twice or missed
    if dialect == "postgresql":
        for trigger, (when, transition, function) in PG_TRIGGERS.items():
            sources = [(n, "-" if n == "old_rows" else "")
                       for n in ("old_rows", "new_rows") if n in transition]
            op.execute(_pg_function(function, sources))
            op.execute(f"CREATE TRIGGER {trigger} AFTER {when} ON events "
                       f"REFERENCING {transition} FOR EACH STATEMENT "
                       f"EXECUTE FUNCTION {function}()")
    elif dialect == "sqlite":
        for sql in _sqlite_triggers():
            op.execute(sql)
    else:  # a plugin's dialect: no triggers, empty summaries, which the Store never reads
        return
    for table in KEYS:
        op.execute(_backfill(table, dialect))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for trigger, (_, _, function) in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON events")
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    elif dialect == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("stats_by_region")
    op.drop_table("stats_by_day")
