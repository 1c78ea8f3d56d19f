"""Coding on a Dask cluster: the run path's batches, coded by Dask workers.

:func:`eventcoder.run.code_articles` with ``dask="local"`` or a scheduler address (``eventcoder
extract --dask local --workers 4``, ``--dask tcp://scheduler:8786``) hands each batch of new
articles to :func:`dask_results` instead of coding it in this process or the local pool.
Everything else stays where it is, in the process that runs ``code_articles``: reading and
batching the input, the stored-text and near-duplicate checks, and saving each batch (with
its cross-article merges) in input order through the one store. So the stored events are
those of a single-process run on the same input, and a killed run resumes as any other.

A batch is coded on a worker by :func:`eventcoder.pipeline.code_batch`, the same function the
local process pool runs; each worker process keeps one pipeline per configuration
(:func:`eventcoder.pipeline.worker_pipeline`), so it loads the spaCy model and the gazetteer
once, on its first batch. The workers need eventcoder, the model and the gazetteer the
configuration names (the default one is built in each worker machine's home on first use):
see docs/scaling.md.

At most :func:`window` batches are in flight (sent and not yet saved): memory stays bounded
whatever the input's size, and results are taken in input order as they are saved.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from .config import Config
from .errors import ConfigError
from .pipeline import ArticleResult, code_batch, join_batches, split_batches
from .schema import Article

if TYPE_CHECKING:
    from distributed import Client

#: ``Config.dask`` value (``--dask local``) that starts a cluster on this machine for the run.
LOCAL = "local"
#: How to install what ``--dask`` needs.
INSTALL_HINT = "pip install 'eventcoder[dask]'"


class _Future(Protocol):
    def result(self) -> Any: ...

    def cancel(self) -> Any: ...


class _Submitter(Protocol):
    """What :func:`dask_results` needs of a ``distributed.Client``."""

    def submit(self, func: Any, *args: Any, **kwargs: Any) -> _Future: ...


def require_dask() -> None:
    """RAISES ConfigError: when dask or distributed is not installed, naming the extra."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        missing = getattr(exc, "name", None) or "dask"
        raise ConfigError(f"--dask needs dask and distributed ({missing} is not installed): "
                          f"{INSTALL_HINT}") from None


#: Dask settings of the workers of a local cluster (:func:`dask_client`). Measured on 50
#: articles (docs/throughput.md), a worker with Dask's defaults spent about a quarter more CPU
#: coding them than a plain process, for two reasons, both turned off here:
#:
#: - the nanny starts each worker with ``MALLOC_TRIM_THRESHOLD_=65536``, which makes glibc
#:   give freed memory back to the system at once; spaCy allocates and frees many arrays per
#:   document, so the worker kept asking for it again (about 20 %);
#: - the worker's statistical profiler samples the running task's deep spaCy stack every
#:   10 ms, holding the GIL.
#:
#: For the workers of a running cluster, set the same in their environment (docs/scaling.md).
WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def dask_client(address: str, workers: int) -> Iterator[Client]:
    """A client of the cluster ``address`` names, closed after the block.

    address: :data:`LOCAL` starts a ``distributed.LocalCluster`` for the block and stops it
        after: ``workers`` worker processes of one thread each, listening on 127.0.0.1 only,
        no dashboard. Any other value is a running scheduler's address (``tcp://host:8786``).
    RAISES ConfigError: without dask (:func:`require_dask`), or when the scheduler cannot be
        reached.
    """
    require_dask()
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if address == LOCAL:
            import dask

            with dask.config.set(WORKER_CONFIG):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                       processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            try:
                client = Client(address, timeout="30s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {address}: "
                                  f"{' '.join(str(exc).split())}") from None
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _threads(client: Any) -> int:
    """The worker threads of the client's cluster now (0 when it cannot tell)."""
    try:
        return int(sum(client.nthreads().values()))
    except (AttributeError, OSError, TimeoutError):
        return 0


def window(client: Any, workers: int, threads: int | None = None) -> int:
    """Chunks in flight: two per worker thread of the cluster (so none waits for work while
    the client saves), at least two per ``workers``. ``threads``: the cluster's, when already
    asked (else asked here)."""
    return max(2 * (_threads(client) if threads is None else threads), 2 * workers, 2)


def dask_results(config: Config, batches: Iterable[list[Article]], client: _Submitter,
                 in_flight: int, slim: bool = False) -> Iterator[list[ArticleResult]]:
    """Each batch's results, coded on the cluster by :func:`~eventcoder.pipeline.code_batch`,
    yielded in input order, with at most ``in_flight`` batches sent and not yet yielded.
    A batch that fails on a worker raises its error here; the batches still in flight are
    cancelled when the caller stops (an error, or closing the generator). slim: as
    :func:`~eventcoder.pipeline.code_batch`."""
    futures: deque[_Future] = deque()
    try:
        for batch in batches:
            # pure=False: two batches with equal content are two tasks (dask would otherwise
            # key them by content and hand back the first one's future)
            futures.append(client.submit(code_batch, config, batch, slim, pure=False))
            if len(futures) >= in_flight:
                yield futures.popleft().result()
        while futures:
            yield futures.popleft().result()
    finally:
        for f in futures:
            f.cancel()


def run_dask(config: Config, batches: Iterable[list[Article]], address: str, workers: int,
             slim: bool = False) -> Iterator[list[ArticleResult]]:
    """:func:`dask_results` on the cluster ``address`` names (:func:`dask_client`), which is
    started (``"local"``) or connected to when the first batch is asked for and released when
    the generator ends or is closed."""
    with dask_client(address, workers) as client:
        # each batch in as many chunks as the cluster has worker threads, coded at once
        threads = _threads(client)
        parts: deque[int] = deque()
        chunks = split_batches(batches, threads or workers, parts)
        yield from join_batches(dask_results(config, chunks, client,
                                             window(client, workers, threads), slim), parts)
