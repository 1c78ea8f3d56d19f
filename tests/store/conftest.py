"""Store fixtures: ``store``, a Store on ``db_url`` (tests/ec_postgres.py: a fresh SQLite file,
then a new database of the session's throwaway PostgreSQL cluster when its binaries are
installed), so every store test runs on both."""

from __future__ import annotations

import pytest


@pytest.fixture()
def store(db_url: str):
    from eventcoder.store import Store

    with Store(db_url) as s:
        yield s
