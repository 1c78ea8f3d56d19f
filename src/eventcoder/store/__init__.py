"""Storage behind one interface: SQLAlchemy 2 (SQLite by default, PostgreSQL by URL), Alembic
migrations. Only this package imports a database driver.

Public interface: ``Store(url)`` with ``known_hashes``, ``save_batch``, ``query_events``,
``count_events``, ``count_articles``, ``get_article``, ``close``; the HTTP API's queries
``page_events``, ``map_points``, ``event_stats``, ``article_infos`` and ``data_version``
over an ``EventFilter``, and its background jobs (``create_job``, ``update_job``,
``heartbeat_jobs``, ``get_job``, ``list_jobs``: ``JobRecord``); see :mod:`eventcoder.store.store` and ``docs/storage.md``.
"""

from .store import (
    INTERVALS,
    MAP_COLUMNS,
    SORTS,
    ArticleInfo,
    EventFilter,
    EventStats,
    JobRecord,
    MapPoints,
    PageKey,
    StatsRow,
    Store,
    StoreError,
    normalize_url,
)

__all__ = ["INTERVALS", "MAP_COLUMNS", "SORTS", "ArticleInfo", "EventFilter", "EventStats",
           "JobRecord", "MapPoints", "PageKey", "StatsRow", "Store", "StoreError", "normalize_url"]
