"""Storage behind one interface: SQLAlchemy 2 (SQLite by default, PostgreSQL by URL), Alembic
migrations. Only this package imports a database driver.

Public interface: ``Store(url)`` with ``known_hashes``, ``save_batch``, ``query_events``,
``count_events``, ``get_article``; see :mod:`eventcoder.store.store`.
"""
