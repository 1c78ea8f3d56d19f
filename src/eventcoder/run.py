"""The run path: code a stream of articles into a store, resumably.

``eventcoder extract``, the HTTP server, the Python API and batch runs all need the same
"code these articles into this store" loop, so it lives here once, free of any user interface:
:func:`code_articles` reads, skips what the store already holds, codes in batches (in this
process, a local process pool or on a Dask cluster: :mod:`eventcoder.cluster`) and saves each
batch, with the cross-article merges of its events, in one transaction. Callers show progress,
skips and explanations through callbacks and get a :class:`RunStats` back.

Resumability is the store's: an article whose text (content hash) is stored is never coded
again, and a batch is saved and merged whole or not at all, so a killed run loses at most one
batch and re-running it stores nothing new: the two end with the events of one uninterrupted
run. Runs may share a store: a text another run stored while this one coded it counts as
already stored.

Near-duplicates: after the content-hash check, an article whose MinHash signature
(:mod:`eventcoder.dedup.near`) is at least ``config.near_duplicate_threshold`` similar to a
stored article, or to one earlier in this run, is a copy: it is stored with ``copy_of`` and
added to the original's events as a source (:meth:`Store.link_copies`), not coded.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from .config import Config
from .dedup import cross, near
from .errors import ConfigError
from .ingest import Skipped
from .pipeline import ArticleResult, Pipeline, run_parallel
from .schema import Article
from .store import Store

Stage = Literal["reading", "lookup", "coding", "saving", "merging"]
Status = Literal["coded", "already_stored", "copy", "skipped"]


@dataclass(frozen=True)
class Skip:
    """An input that was not coded, and why.

    stage: ``"reading"`` for input that gave no article (an :class:`eventcoder.ingest.Skipped`:
        binary file, invalid JSON, empty text), ``"coding"`` for an article the pipeline refuses
        (:meth:`Pipeline.check`: empty or too long text, a language not processed). Such an
        article is not stored, so a re-run reads and skips it again.
    """

    origin: str
    reason: str
    stage: Literal["reading", "coding"]

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class StageTimes:
    """Seconds spent per stage, each counted once (a stage that runs inside another, as reading
    does while a worker pool waits for input, is not also counted in the outer one)."""

    reading: float = 0.0  #: taking items from the input (file reading, decoding, language)
    #: asking the store which texts it already holds; near-duplicate signatures and candidates
    lookup: float = 0.0
    coding: float = 0.0  #: NLP and extraction; with workers, waiting for the pool
    saving: float = 0.0  #: ``Store.save_batch`` transactions
    merging: float = 0.0  #: cross-article merging of the saved events (eventcoder.dedup.cross)
    #: inside ``coding``: seconds per coding stage (:data:`eventcoder.pipeline.CODING_STAGES`)
    #: summed over the coded articles; with workers these are the workers' own seconds, so
    #: they can add up to more than ``coding``
    coding_stages: dict[str, float] = field(default_factory=dict)


@dataclass
class RunStats:
    """What a run did. Every input item ends in exactly one of coded, already_stored, copies
    and skipped, so ``read == coded + already_stored + copies + len(skipped)``.

    read: input items taken, articles and unusable input (:class:`Skipped`) alike.
    already_stored: articles whose text the store held, or that repeat an earlier text of
        this input; their events are in the store already.
    skipped: inputs not coded, in the order met, with why.
    coded: articles coded and stored by this run.
    copies: near-duplicate copies of a stored article (or of one coded earlier in this run)
        stored with ``copy_of`` and linked to that article's events as a source, not coded.
    new_events: events whose id the store did not hold before this run (tentative ones
        included).
    tentative: events of this run stored as tentative (under ``min_confidence``) and still
        tentative once its merges were made: hidden from reads, exports and counts until
        another report of the same event is merged with them (docs/storage.md).
    merged: events of this run merged with another stored event by cross-article dedup
        (:mod:`eventcoder.dedup.cross`; the absorbed id resolves to the survivor through
        :meth:`Store.resolve_id` and :meth:`Store.get_event`).
    events_in_run: ids of the events coded in this run (new or updated, including those a
        copy was linked to), first-seen order,
        less those a human has rejected (stored status "rejected": a coding merged into a
        rejected event leaves it rejected).
    content_hashes: the content hash of every article read, once each, in input order: pass
        them to :meth:`Store.events_for_hashes` for everything these inputs report, coded now
        or in an earlier run (rejected events left out, as there).
    timings: seconds per stage.
    """

    read: int = 0
    already_stored: int = 0
    skipped: list[Skip] = field(default_factory=list)
    coded: int = 0
    copies: int = 0
    new_events: int = 0
    tentative: int = 0
    merged: int = 0
    events_in_run: list[str] = field(default_factory=list)
    content_hashes: list[str] = field(default_factory=list)
    timings: StageTimes = field(default_factory=StageTimes)

    @property
    def articles_read(self) -> int:
        """Input items that were articles (``read`` less the unusable input)."""
        return self.read - sum(s.stage == "reading" for s in self.skipped)


@dataclass(frozen=True)
class ArticleDone:
    """Progress: the fate of one input item is settled (reported once per item).

    Items settle out of input order: a repeat or an unusable input when it is read, a stored
    text when its batch is looked up, a coded or refused article when its batch is saved, a
    copy (status ``"copy"``) when it is linked: at lookup when its original is stored, else
    when the original's batch is saved.
    article: None for unusable input. event_ids: the events a coded article gave, or a copy
    was linked to, less the rejected ones (as in :attr:`RunStats.events_in_run`).
    stats: the run's totals so far (the live object: read it, do not keep it).
    """

    origin: str
    status: Status
    article: Article | None
    stats: RunStats
    event_ids: tuple[str, ...] = ()


ProgressCallback = Callable[[ArticleDone], None]


def code_articles(articles: Iterable[Article | Skipped], store: Store,
                  pipeline: Pipeline | Config | None = None, *, batch_size: int | None = None,
                  workers: int | None = None, dask: str | None = None,
                  progress: ProgressCallback | None = None,
                  on_result: Callable[[ArticleResult], None] | None = None,
                  on_skip: Callable[[Skip], None] | None = None,
                  on_warning: Callable[[Article, str], None] | None = None,
                  stats: RunStats | None = None) -> RunStats:
    """Code ``articles`` and save their events in ``store``, batch by batch.

    articles: articles and, as :func:`eventcoder.ingest.iter_articles` yields them, unusable
        inputs (:class:`Skipped`), which are counted and reported. Read lazily, once.
    pipeline: the components to code with, or a Config to build them from (default
        :meth:`Config.load`: eventcoder.toml and the ``EVENTCODER_*`` variables). With
        ``workers > 1`` each worker builds ``Pipeline(pipeline.config)``,
        so components injected into a Pipeline are used only in this process.
    batch_size: articles per transaction (default: the config's); a killed run loses at most
        one batch, and re-running adds nothing that is stored.
    workers: processes that code in parallel (default: the config's); results and saves keep
        input order, so the stored events are the same for any number of workers.
    dask: code the batches on a Dask cluster (default: the config's, normally none):
        ``"local"`` starts a ``distributed.LocalCluster`` of ``workers`` processes for the run,
        a scheduler address (``tcp://host:8786``) uses a running one (:mod:`eventcoder.cluster`).
        Only the coding moves: reading, the stored-text checks and the saves stay here, in
        input order, so the stored events are those of a run without Dask.
    progress: called once per input item when its fate is settled (:class:`ArticleDone`).
    on_result: called with each coded article's result after its batch is saved (for
        ``--explain``: the result's candidates say why each sentence was or was not coded).
    on_skip: called with each input not coded. on_warning: called with an article and each
        warning the pipeline raised for it (e.g. an unresolvable date), before it is saved.
    stats: a :class:`RunStats` to count in (default: a new one), so that a caller still has
        the counts of a run that fails part way (a database gone: its saved batches stay
        saved, and the command line reports them before the error).
    RETURNS: the run's :class:`RunStats`.

    Example:
        >>> from eventcoder.ingest import iter_articles
        >>> with Store("sqlite:///events.db") as store:
        ...     stats = code_articles(iter_articles(["news/"]), store, workers=2)
    """
    if not isinstance(pipeline, Pipeline):
        pipeline = Pipeline(pipeline)
    batch_size = pipeline.config.batch_size if batch_size is None else batch_size
    workers = pipeline.config.workers if workers is None else workers
    dask = pipeline.config.dask if dask is None else dask
    if batch_size < 1 or workers < 1:
        raise ConfigError(f"batch_size and workers must be at least 1, got {batch_size} "
                         f"and {workers}")
    if dask is not None:
        from .cluster import require_dask

        require_dask()  # before any input is read
    run = _Run(store, pipeline, progress=progress, on_result=on_result, on_skip=on_skip,
               on_warning=on_warning, stats=stats)
    for results in run.results(run.unknown_batches(articles, batch_size), workers, dask):
        run.save(results)
    return run.stats


class _Clock:
    """Exclusive time per stage: entering a stage pauses the one it runs inside."""

    def __init__(self, times: StageTimes) -> None:
        self.times = times
        self._stack: list[Stage] = []
        self._mark = time.perf_counter()

    def _charge(self) -> None:
        now = time.perf_counter()
        if self._stack:
            stage = self._stack[-1]
            setattr(self.times, stage, getattr(self.times, stage) + now - self._mark)
        self._mark = now

    @contextmanager
    def stage(self, name: Stage) -> Iterator[None]:
        self._charge()
        self._stack.append(name)
        try:
            yield
        finally:
            self._charge()
            self._stack.pop()


class _Run:
    """One call of :func:`code_articles`: its counters, clock and callbacks."""

    def __init__(self, store: Store, pipeline: Pipeline, *, progress: ProgressCallback | None,
                 on_result: Callable[[ArticleResult], None] | None,
                 on_skip: Callable[[Skip], None] | None,
                 on_warning: Callable[[Article, str], None] | None,
                 stats: RunStats | None = None) -> None:
        self.store = store
        self.pipeline = pipeline
        self.stats = RunStats() if stats is None else stats
        self.clock = _Clock(self.stats.timings)
        self._progress = progress
        self._on_result = on_result
        self._on_skip = on_skip
        self._on_warning = on_warning
        self._event_ids: set[str] = set()
        threshold = pipeline.config.near_duplicate_threshold
        #: near-duplicate check on (a threshold of 0 or 1 turns it off)
        self._threshold = threshold if 0 < threshold < 1 else None
        #: cross-article merging of the saved events (eventcoder.dedup.cross)
        self._merge = pipeline.config.merge
        #: signatures and band keys of this run's articles sent to coding and not yet saved,
        #: by content hash (saved ones are found in the store)
        self._pending = near.BandIndex()
        #: copies of a pending article (by its content hash), linked once it is saved
        self._waiting: dict[str, list[tuple[Article, bytes]]] = {}

    def _done(self, origin: str, status: Status, article: Article | None,
              event_ids: tuple[str, ...] = ()) -> None:
        if self._progress:
            self._progress(ArticleDone(origin, status, article, self.stats, event_ids))

    def _skip(self, skip: Skip, article: Article | None) -> None:
        self.stats.skipped.append(skip)
        if self._on_skip:
            self._on_skip(skip)
        self._done(skip.origin, "skipped", article)

    def _already_stored(self, article: Article) -> None:
        self.stats.already_stored += 1
        self._done(article.origin or article.id, "already_stored", article)

    def _rejected(self, event_ids: list[str]) -> set[str]:
        """Those of ``event_ids`` a human has rejected (stored status "rejected")."""
        statuses = self.store.event_statuses(event_ids) if event_ids else {}
        return {i for i, status in statuses.items() if status == "rejected"}

    def _add_events(self, event_ids: Iterable[str], rejected: set[str]) -> tuple[str, ...]:
        """Record events of this run (less the rejected ones), first-seen order; RETURNS them."""
        kept = tuple(e for e in event_ids if e not in rejected)
        for e in kept:
            if e not in self._event_ids:
                self._event_ids.add(e)
                self.stats.events_in_run.append(e)
        return kept

    def without_copies(self, batch: list[Article]) -> list[Article]:
        """The articles of ``batch`` that are no near-duplicate copy (see
        :mod:`eventcoder.dedup.near`). A copy of a stored article is linked to it now; a copy
        of an article of this run not yet saved waits for that article's batch to be saved.
        The others are indexed here until their batch is saved."""
        assert self._threshold is not None
        sigs: dict[str, bytes] = {}
        for a in batch:  # an article the pipeline refuses is neither an original nor a copy
            if self.pipeline.check(a) is None:
                sig = near.signature(a.text)
                if sig is not None:
                    sigs[a.content_hash] = sig
        stored = self.store.near_candidates(sigs) if sigs else {}
        keep: list[Article] = []
        link: list[tuple[Article, str]] = []
        for a in batch:
            sig = sigs.get(a.content_hash)
            if sig is None:
                keep.append(a)
                continue
            found = stored.get(a.content_hash, [])
            roots = {c.article_id: c.copy_of or c.article_id for c in found}
            in_store = near.best_match(sig, [(c.article_id, c.signature) for c in found],
                                       self._threshold)
            in_run = near.best_match(sig, self._pending.candidates(sig), self._threshold)
            if in_store is not None and (in_run is None
                                         or in_store.similarity >= in_run.similarity):
                link.append((a, roots[in_store.key]))
            elif in_run is not None:
                self._waiting.setdefault(in_run.key, []).append((a, sig))
            else:
                self._pending.add(a.content_hash, sig)
                keep.append(a)
        if link:
            self._link(link, sigs)
        return keep

    def _link(self, copies: list[tuple[Article, str]], sigs: dict[str, bytes]) -> None:
        """Store ``copies`` (copy, id of the stored original), linked to the originals'
        events, and report them."""
        with self.clock.stage("saving"):
            linked = self.store.link_copies(copies, sigs)
            rejected = self._rejected([e for _, evs in linked for e in evs])
        for (a, _), (_, event_ids) in zip(copies, linked, strict=True):
            self.stats.copies += 1
            self._done(a.origin or a.id, "copy", a, self._add_events(event_ids, rejected))

    def fresh(self, items: Iterable[Article | Skipped]) -> Iterator[Article]:
        """The articles of ``items`` whose text is new to this input."""
        it = iter(items)
        seen: set[str] = set()
        while True:
            with self.clock.stage("reading"):
                item = next(it, None)
            if item is None:
                return
            self.stats.read += 1
            if isinstance(item, Skipped):
                self._skip(Skip(item.origin, item.reason, "reading"), None)
            elif item.content_hash in seen:
                self._already_stored(item)
            else:
                seen.add(item.content_hash)
                self.stats.content_hashes.append(item.content_hash)
                yield item

    def unknown_batches(self, items: Iterable[Article | Skipped], size: int
                        ) -> Iterator[list[Article]]:
        """Batches of up to ``size`` new articles, less those whose text is stored."""
        for batch in _batches(self.fresh(items), size):
            with self.clock.stage("lookup"):
                known = self.store.known_hashes(a.content_hash for a in batch)
            for a in batch:
                if a.content_hash in known:
                    self._already_stored(a)
            fresh = [a for a in batch if a.content_hash not in known]
            if fresh and self._threshold is not None:
                with self.clock.stage("lookup"):
                    fresh = self.without_copies(fresh)
            if fresh:
                yield fresh

    def results(self, batches: Iterator[list[Article]], workers: int, dask: str | None = None
                ) -> Iterator[list[ArticleResult]]:
        """Each batch's results, in order, coded here, in a pool of ``workers`` processes or on
        the Dask cluster ``dask`` names (each by :func:`eventcoder.pipeline.code_batch`'s
        pipeline, built from the config)."""
        coded: Iterator[list[ArticleResult]]
        slim = self._on_result is None  # nobody reads the places, mentions or features
        if dask is not None:
            from .cluster import run_dask

            coded = run_dask(self.pipeline.config, batches, dask, workers, slim)
        elif workers > 1:
            coded = run_parallel(self.pipeline.config, batches, workers, slim)
        else:
            coded = _streamed(self.pipeline, batches)
        try:
            while True:
                with self.clock.stage("coding"):
                    results = next(coded, None)
                if results is None:
                    return
                yield results
        finally:
            if isinstance(coded, Generator):
                coded.close()  # a failed run shuts the pool down now, not at garbage collection

    def save(self, results: list[ArticleResult]) -> None:
        """Report a batch's refusals and warnings, save the rest in one transaction."""
        done = [r for r in results if r.skipped is None]
        for r in results:
            if r.skipped:
                self._skip(Skip(r.article.origin or r.article.id, r.skipped, "coding"),
                           r.article)
            for w in r.warnings:
                if self._on_warning:
                    self._on_warning(r.article, w)
        stages = self.stats.timings.coding_stages
        for r in done:
            for stage, seconds in r.seconds.items():
                stages[stage] = stages.get(stage, 0.0) + seconds
        # one transaction: the batch is saved and merged whole or not at all, so a killed run
        # never leaves stored articles whose events a re-run (which skips them) would not merge
        with self.clock.stage("saving"), self.store.transaction():
            # another writer (a second run on the same store) may have stored some of these
            # texts since the lookup: they are its, with their events and merges, as if this
            # run had found them stored
            raced = self.store.known_hashes(r.article.content_hash for r in done)
            if raced:
                done = [r for r in done if r.article.content_hash not in raced]
            events = [e for r in done for e in r.events]
            # tentative events are stored too (hidden until a merge shows them), in the order
            # the article gave them, after the article's shown events
            saved_events = [e for r in done for e in (*r.events, *r.tentative)]
            sigs = {r.article.content_hash: self._pending.signatures[r.article.content_hash]
                    for r in done if r.article.content_hash in self._pending.signatures}
            new_events = self.store.save_batch(
                [r.article for r in done], saved_events,
                [c for r in done for c in r.candidates], signatures=sigs)
            # a human's "rejected" survives a new coding of the event (merge policy): such an
            # event is stored, but not reported as an event of this run
            rejected = self._rejected([e.event_id for e in events])
            merged = 0
            if saved_events and self._merge.enabled:
                with self.clock.stage("merging"):
                    # the batch's events as stored (an updated article's events were saved
                    # under ids of their own), in reading order, tentative ones included,
                    # less the rejected ones
                    saved = self.store.events_for_hashes(
                        [r.article.content_hash for r in done],
                        status=("auto", "tentative", "reviewed"))
                    merged = len(cross.merge_stored(
                        self.store, [e.event_id for e in saved], self._merge))
            hidden = [e.event_id for r in done for e in r.tentative]
            still = sum(st == "tentative" for st in
                        self.store.event_statuses(hidden).values()) if hidden else 0
        # committed: only now are they counted (a failed commit saved none of them)
        self.stats.new_events += new_events
        self.stats.tentative += still
        self.stats.merged += merged
        for r in results:
            if r.skipped is None and r.article.content_hash in raced:
                self._already_stored(r.article)
        self.stats.coded += len(done)
        self._add_events((e.event_id for e in events), rejected)
        for r in done:
            if self._on_result:
                self._on_result(r)
            self._done(r.article.origin or r.article.id, "coded", r.article,
                       tuple(e.event_id for e in r.events if e.event_id not in rejected))
        for r in results:  # saved: from now on the store finds them
            self._pending.remove(r.article.content_hash)
        self._link_waiting(results)

    def _link_waiting(self, results: list[ArticleResult]) -> None:
        """Link the copies waiting for the articles of a saved batch."""
        waiting = {r.article.content_hash: self._waiting.pop(r.article.content_hash)
                   for r in results if r.article.content_hash in self._waiting}
        if not waiting:
            return
        with self.clock.stage("lookup"):
            ids = self.store.article_ids_for_hashes(waiting)
        copies: list[tuple[Article, str]] = []
        sigs: dict[str, bytes] = {}
        for h, group in waiting.items():
            for a, sig in group:
                if h not in ids:  # the pipeline refused the original: nothing to link to
                    self._skip(Skip(a.origin or a.id, "near-duplicate of an article that was "
                                    "not coded", "coding"), a)
                    continue
                copies.append((a, ids[h]))
                sigs[a.content_hash] = sig
        if copies:
            self._link(copies, sigs)


def _streamed(pipeline: Pipeline, batches: Iterator[list[Article]]
              ) -> Iterator[list[ArticleResult]]:
    """Each batch's results, coded in this process by one :meth:`Pipeline.process_many` over
    all the batches' articles, so that spaCy parses in full ``nlp.pipe`` batches across the
    store batches' boundaries (a store batch of 50 parsed alone makes one full batch of 32 and
    one of 18). It reads up to one parse batch ahead: the next store batch may be looked up
    before this one is saved, as with workers (its copies of this batch's articles then wait
    for this batch to be saved, :meth:`_Run.without_copies`)."""
    sizes: deque[int] = deque()

    def articles() -> Iterator[Article]:
        for batch in batches:
            sizes.append(len(batch))
            yield from batch

    out: list[ArticleResult] = []
    for result in pipeline.process_many(articles()):
        out.append(result)
        if len(out) == sizes[0]:
            sizes.popleft()
            yield out
            out = []


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
