"""Summary counts by month and region: ``stats_by_region_month`` (month, country, admin1,
status), with the number of events and the sum of their fatalities, kept by triggers on
``events`` as the summaries of migration 0010 are.

``GET /api/stats`` with a date range (the dashboard's date filter) read its days from
``stats_by_day``, but ``stats_by_region`` has no dates, so the regions grouped every event of
the range: 2-3 s for a range of a year or two among a million events on SQLite, after every
commit. With this table ``Store.event_stats`` adds up the whole months inside the range
(about 1,000 rows a month for a million events over three years) and reads only the days of
the partial months at its two ends from the events (the date index).

The same design as 0010, in triggers of their own (so that each migration drops its own):
SQLite row triggers, one upsert per inserted event, a decrement and the removal of a group
left empty per deleted one, both on an update that changes the date, country, admin1,
status or fatalities; PostgreSQL statement triggers over the transition tables, one grouped
upsert per statement. The month is its first day; an undated event counts under
``month_null`` true and ``0001-01-01``, a NULL country or admin1 under ``*_null`` true and
``''``. The upgrade fills the table from the stored events; another dialect gets the table
without triggers, which ``Store.event_stats`` does not read there.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

TABLE = "stats_by_region_month"
#: the first day of the month of a date ``{d}``, per dialect (SQLite stores dates as ISO text)
MONTH = {"sqlite": "date({d}, 'start of month')",
         "postgresql": "CAST(date_trunc('month', CAST({d} AS timestamp)) AS date)"}
#: the placeholder of a NULL month in a key
NO_DAY = {"sqlite": "'0001-01-01'", "postgresql": "DATE '0001-01-01'"}
#: summary column -> its value for an events row ``{r}``, in the order of the primary key
KEY = {
    "month_null": "{r}.event_date IS NULL",
    "month": "coalesce({month}, {no_day})",
    "country_null": "{r}.country IS NULL",
    "country": "coalesce({r}.country, '')",
    "admin1_null": "{r}.admin1 IS NULL",
    "admin1": "coalesce({r}.admin1, '')",
    "status": "{r}.status",
}
#: events columns the summary depends on (the keys and the summed fatalities)
SOURCES = ["event_date", "country", "admin1", "status", "fatalities"]

SQLITE_TRIGGERS = ("trg_events_stats_month_insert", "trg_events_stats_month_delete",
                   "trg_events_stats_month_update")
PG_TRIGGERS = {  # trigger -> (event, transition tables, function)
    "trg_events_stats_month_insert": ("INSERT", "NEW TABLE AS new_rows",
                                      "eventcoder_stats_month_insert"),
    "trg_events_stats_month_delete": ("DELETE", "OLD TABLE AS old_rows",
                                      "eventcoder_stats_month_delete"),
    "trg_events_stats_month_update": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                                      "eventcoder_stats_month_update"),
}


def _key(row: str, dialect: str) -> dict[str, str]:
    month = MONTH[dialect].format(d=f"{row}.event_date")
    return {col: expr.format(r=row, month=month, no_day=NO_DAY[dialect])
            for col, expr in KEY.items()}


def _sqlite_add(row: str, sign: str) -> str:
    """Add (``sign`` "") or take away ("-") the events row ``row`` (NEW or OLD)."""
    key = _key(row, "sqlite")
    cols = [*key, "events", "fatalities"]
    values = [*key.values(), f"{sign}1", f"{sign}{row}.fatalities"]
    return (f"INSERT INTO {TABLE} ({', '.join(cols)}) VALUES ({', '.join(values)}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET events = events + excluded.events, "
            "fatalities = fatalities + excluded.fatalities;")


def _sqlite_drop_empty(row: str) -> str:
    """Delete the group of ``row`` when it has no event left."""
    where = " AND ".join(f"{col} = ({expr})" for col, expr in _key(row, "sqlite").items())
    return f"DELETE FROM {TABLE} WHERE {where} AND events = 0;"


def _sqlite_triggers() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in SOURCES)
    return [
        "CREATE TRIGGER trg_events_stats_month_insert AFTER INSERT ON events BEGIN "
        f"{_sqlite_add('NEW', '')} END",
        "CREATE TRIGGER trg_events_stats_month_delete AFTER DELETE ON events BEGIN "
        f"{_sqlite_add('OLD', '-')} {_sqlite_drop_empty('OLD')} END",
        # the new group first: a change of the fatalities alone never empties its group
        f"CREATE TRIGGER trg_events_stats_month_update AFTER UPDATE ON events WHEN {changed} "
        f"BEGIN {_sqlite_add('NEW', '')} {_sqlite_add('OLD', '-')} "
        f"{_sqlite_drop_empty('OLD')} END",
    ]


def _pg_apply(sources: list[tuple[str, str]]) -> str:
    """Upsert the net change of the transition tables ``sources`` ((name, sign)), one row per
    group."""
    key = _key("r", "postgresql")
    parts = [f"SELECT {', '.join(f'{expr} AS {col}' for col, expr in key.items())}, "
             f"{sign}1 AS n, {sign}r.fatalities AS f FROM {name} r" for name, sign in sources]
    cols = ", ".join(key)
    return (f"INSERT INTO {TABLE} AS s ({cols}, events, fatalities) "
            f"SELECT {cols}, sum(n), sum(f) FROM ({' UNION ALL '.join(parts)}) d "
            f"GROUP BY {cols} HAVING sum(n) <> 0 OR sum(f) <> 0 "
            f"ON CONFLICT ({cols}) DO UPDATE SET events = s.events + excluded.events, "
            "fatalities = s.fatalities + excluded.fatalities;")


def _pg_drop_empty() -> str:
    where = " AND ".join(f"s.{col} = ({expr})" for col, expr in _key("r", "postgresql").items())
    return f"DELETE FROM {TABLE} s USING old_rows r WHERE s.events = 0 AND {where};"


def _pg_function(name: str, sources: list[tuple[str, str]]) -> str:
    body = _pg_apply(sources)
    if any(n == "old_rows" for n, _ in sources):
        body += " " + _pg_drop_empty()
    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$")


def _backfill(dialect: str) -> str:
    key = _key("events", dialect)
    return (f"INSERT INTO {TABLE} ({', '.join(key)}, events, fatalities) "
            f"SELECT {', '.join(key.values())}, count(*), coalesce(sum(fatalities), 0) "
            f"FROM events GROUP BY {', '.join(key.values())}")


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("month_null", sa.Boolean(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("country_null", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=128), nullable=False),
        sa.Column("admin1_null", sa.Boolean(), nullable=False),
        sa.Column("admin1", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False),
        sa.Column("fatalities", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month_null", "month", "country_null", "country",
                                "admin1_null", "admin1", "status",
                                name=op.f("pk_stats_by_region_month")),
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
    else:  # a plugin's dialect: no triggers, an empty summary, which the Store never reads
        return
    op.execute(_backfill(dialect))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for trigger, (_, _, function) in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON events")
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    elif dialect == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table(TABLE)
