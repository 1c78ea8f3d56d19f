"""Database fixtures shared by the store and API tests (a pytest plugin, loaded by
tests/conftest.py): ``db_url``, a fresh SQLite file per test and, when the PostgreSQL server
binaries are installed, a new database of a throwaway PostgreSQL cluster started once per
session (``pg_cluster``); ``store_url``, the same with the PostgreSQL database migrated
already (a copy of a template), for tests that need a store rather than an empty database.

PostgreSQL binaries are looked up in this order: ``$EVENTCODER_PG_BIN`` (a folder holding
``initdb`` and ``pg_ctl``), the folder of ``initdb`` on ``$PATH``, then the newest
``/usr/lib/postgresql/<version>/bin`` (Debian/Ubuntu layout). As root, the cluster runs as the
``postgres`` user through ``runuser``; PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def pg_bindir() -> Path | None:
    """The folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates: list[Path] = []
    if os.environ.get("EVENTCODER_PG_BIN"):
        candidates.append(Path(os.environ["EVENTCODER_PG_BIN"]))
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)

    def version(p: Path) -> tuple[int, ...]:
        try:
            return tuple(int(x) for x in p.parent.name.split("."))
        except ValueError:
            return (0,)

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on 127.0.0.1:<free port>."""

    def __init__(self, bindir: Path, *, durable: bool = False) -> None:
        self.bindir = bindir
        #: commits reach the server's files before they return (synchronous_commit on), so a
        #: server killed at once (halt) keeps every commit it acknowledged; fsync stays off,
        #: which only a crash of the machine itself would tell
        self.durable = durable
        self.prefix: list[str] = []
        user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and no 'postgres' user to run the server") from None
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root and 'runuser' is not available")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        # the socket folder path must stay short (unix sockets: ~100 bytes)
        self.root = Path(tempfile.mkdtemp(prefix="ecpg-", dir="/tmp" if Path("/tmp").is_dir()
                                          else None))
        if user is not None:
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.data = self.root / "data"
        self.port = _free_port()

    def _run(self, *args: str) -> None:
        proc = subprocess.run([*self.prefix, *args], capture_output=True, text=True, timeout=120,
                              check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {(proc.stderr or proc.stdout).strip()[:500]}")

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--no-sync")
        self.restart()

    def restart(self) -> None:
        """Start the server of an initialised cluster (again, after :meth:`halt`)."""
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
                "-c fsync=off -c full_page_writes=off"
                + ("" if self.durable else " -c synchronous_commit=off"))
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", opts, "-w", "-t", "60", "start")

    def halt(self) -> None:
        """Stop the server at once, as a crash or a pulled plug would (its files kept)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                  "-w", "stop")

    def stop(self) -> None:
        try:
            self.halt()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of the database ``template`` (a name)."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database of :meth:`create_database` (connections still open are ended), so
        the cluster stays small: hundreds of leftover databases made its removal at the end
        of the session take most of a minute."""
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install the "
                    "'postgresql' package or set EVENTCODER_PG_BIN")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg (PostgreSQL driver) is not installed: pip install 'psycopg[binary]'")
    try:
        cluster = PgCluster(bindir)
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"cannot set up a throwaway PostgreSQL cluster: {exc}")
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(cluster.root, ignore_errors=True)
        pytest.skip(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture()
def own_pg_cluster() -> Iterator[PgCluster]:
    """A PostgreSQL cluster of the test's own, which it may stop and start (the session's
    ``pg_cluster`` is shared by every test); durable: an acknowledged commit survives
    :meth:`PgCluster.halt`."""
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install the "
                    "'postgresql' package or set EVENTCODER_PG_BIN")
    pytest.importorskip("psycopg", reason="psycopg (PostgreSQL driver) is not installed")
    try:
        cluster = PgCluster(bindir, durable=True)
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        except RuntimeError:  # already stopped by the test
            shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, then a new PostgreSQL database (dropped
    after the test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture(scope="session")
def pg_migrated_template(pg_cluster: PgCluster) -> str:
    """The name of a database of the cluster migrated to the current schema, to copy
    (``create_database(template=...)``) where a test needs a store, not an empty database:
    a copy is made in a fraction of the time the migrations take."""
    from eventcoder.store import Store

    url = pg_cluster.create_database()
    Store(url).close()
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Like ``db_url``, but the PostgreSQL database already holds the current schema (a copy
    of ``pg_migrated_template``): for tests of what uses a store, not of the migrations."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database(template=request.getfixturevalue("pg_migrated_template"))
    yield url
    cluster.drop_database(url)
