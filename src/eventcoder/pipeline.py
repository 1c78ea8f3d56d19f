"""The end-to-end pipeline: article -> nlp -> extract -> geo -> events -> dedup.

Storage is not part of it: :func:`analyse` is a pure function of (doc, article) given the
components, so the CLI, a Dask worker, the spaCy component and an API request all call the same
code. The CLI (``eventcoder extract``) adds ingest before it and the store after it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .config import Config
from .dedup import merge_events, summaries
from .dedup.link import build_event_group, count_parts, counted_summaries, link_mentions
from .extract.listing import split_listed
from .extract.rows import resolve_date
from .geo.locate import same_place_as_before
from .nlp import load_nlp, parsed_from
from .schema import Article, Candidate, Event, EventMention, Place

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .extract import EventExtractor
    from .geo import Geoparser

log = logging.getLogger(__name__)

#: The stages of coding one article, timed in :attr:`ArticleResult.seconds`: spaCy (the
#: article's share of its ``nlp.pipe`` batch), geoparsing (toponyms and each mention's place),
#: extraction (event mentions and candidates), dedup (linking mentions and merging them into
#: the article's events) and scoring (the truth model's features and confidences).
CODING_STAGES = ("spacy", "geoparsing", "extraction", "dedup", "scoring")


@dataclass
class ArticleResult:
    """Everything the pipeline learnt from one article."""

    article: Article
    places: list[Place] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: events under ``config.min_confidence`` but at or above ``config.tentative_confidence``,
    #: with status "tentative": a run stores them hidden, to be shown when another article's
    #: report of the same event is merged with them (docs/storage.md, "Tentative events")
    tentative: list[Event] = field(default_factory=list)
    #: every segment with an event word and what it was found to be (see Candidate)
    candidates: list[Candidate] = field(default_factory=list)
    #: the truth model's inputs per event id (see eventcoder.extract.truth)
    features: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None  # reason, when the article was not processed
    #: seconds spent on this article per coding stage (:data:`CODING_STAGES`); not compared
    seconds: dict[str, float] = field(default_factory=dict, compare=False, repr=False)


class Pipeline:
    """The loaded components of a run. Components load lazily, once, on first use."""

    def __init__(self, config: Config | None = None, *, nlp: Language | None = None,
                 geoparser: Geoparser | None = None,
                 extractor: EventExtractor | None = None, truth: Any = "default") -> None:
        # no config: the effective one (eventcoder.toml, EVENTCODER_* variables), read here once
        self.config = Config.load() if config is None else config
        self._nlp = nlp
        self._geoparser = geoparser
        self._extractor = extractor
        self._truth = truth  # a TruthModel, None (rule scores stay), or "default"

    @property
    def truth(self) -> Any:
        """The model that gives each event its confidence (None: the rule score is kept)."""
        if isinstance(self._truth, str):
            from .extract.truth import TruthModel

            self._truth = TruthModel.load()
        return self._truth

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.config.model)
            # a longer limit set: the parser must take what check() lets through
            self._nlp.max_length = max(self._nlp.max_length, self.config.max_article_chars + 1)
        return self._nlp

    @property
    def geoparser(self) -> Geoparser:
        if self._geoparser is None:
            from .geo import Geoparser

            self._geoparser = Geoparser.from_config(self.config)
        return self._geoparser

    @property
    def extractor(self) -> EventExtractor:
        if self._extractor is None:
            from .registry import extractors

            self._extractor = extractors.get(self.config.extractor)(self.config)
        return self._extractor

    def check(self, article: Article) -> str | None:
        """Why ``article`` cannot be processed, or None when it can."""
        if not article.text.strip():
            return "empty text"
        limit = self.config.max_article_chars
        if len(article.text) > limit:
            return (f"text too long ({len(article.text):,} chars > {limit:,}; "
                    "max_article_chars)")
        if article.language and article.language not in self.config.languages:
            return f"language {article.language!r} not processed (languages: " \
                   f"{', '.join(self.config.languages)})"
        return None

    def analyse(self, doc: Doc, article: Article) -> ArticleResult:
        """Run extract -> geo -> events -> dedup on an already parsed article."""
        result = ArticleResult(article=article)
        clock = time.perf_counter
        t0 = clock()
        result.places = self.geoparser.parse(doc)
        t1 = clock()
        result.mentions, cands = split_listed(
            article.text, *self.extractor.extract_candidates(doc, article), result.places)
        t2 = clock()
        locations = same_place_as_before(
            article.text, result.mentions,
            [self.geoparser.locate(doc, m, result.places) for m in result.mentions])
        t3 = clock()
        groups = link_mentions(article.text, result.mentions, locations)
        groups, locations, counted = counted_summaries(article.text, result.mentions,
                                                       locations, groups)
        built = [build_event_group(article, [result.mentions[i] for i in g],
                                   [locations[i] for i in g]) for g in groups]
        parts = count_parts(article.text, result.mentions, groups, counted)
        result.events = merge_events(_carry_initiators(built),
                                     apart={built[k].event_id for k in parts})
        event_of = _event_of_mention(groups, built, result.events)
        summed = summaries(result.events)
        if summed:
            result.events = [e for e in result.events if e.event_id not in summed]
        members: dict[str, list[EventMention]] = {}
        for i, eid in sorted(event_of.items()):
            members.setdefault(eid, []).append(result.mentions[i])
        t4 = clock()
        self._score_events(result, cands, members)
        t5 = clock()
        floor = self.config.min_confidence
        low = {e.event_id: e.confidence for e in result.events if e.confidence < floor}
        if low:
            keep = self.config.tentative_confidence
            result.tentative = [e.model_copy(update={"status": "tentative"})
                                for e in result.events
                                if e.event_id in low and e.confidence >= keep]
            result.events = [e for e in result.events if e.event_id not in low]
        result.candidates = _finish_candidates(
            cands, result.mentions, groups, event_of, low, floor, summed, counted,
            {e.event_id for e in result.tentative})
        told = _with_tellings([*result.events, *result.tentative], result.candidates)
        result.events, result.tentative = told[:len(result.events)], told[len(result.events):]
        for mention in result.mentions:
            warning = resolve_date(mention, article.published)[2]
            if warning and warning not in result.warnings:
                result.warnings.append(warning)
        result.seconds.update(geoparsing=t1 - t0 + t3 - t2, extraction=t2 - t1 + clock() - t5,
                              dedup=t4 - t3, scoring=t5 - t4)
        return result

    def _score_events(self, result: ArticleResult, cands: list[Candidate],
                      members: dict[str, list[EventMention]]) -> None:
        from .extract.truth import features

        art = result.article
        for e in result.events:
            ms = members.get(e.event_id, [])
            result.features[e.event_id] = features(
                art.text, e, n_mentions=max(len(ms), 1), candidates=cands,
                n_events=len(result.events), published=art.published,
                rule_score=e.confidence, mentions=ms)
        model = self.truth
        if model is None or not result.events:
            return
        import numpy as np

        probs = model.predict(np.vstack([result.features[e.event_id] for e in result.events]))
        result.events = [e.model_copy(update={"confidence": round(float(p), 3)})
                         for e, p in zip(result.events, probs, strict=True)]

    def process(self, article: Article) -> ArticleResult:
        """Parse and analyse one article."""
        reason = self.check(article)
        if reason:
            return ArticleResult(article=article, skipped=reason)
        t0 = time.perf_counter()
        doc = parsed_from(self.nlp(article.text), article.text)
        spent = time.perf_counter() - t0
        result = self.analyse(doc, article)
        result.seconds["spacy"] = spent
        return result

    def process_many(self, articles: Iterable[Article], *, batch_size: int = 32
                     ) -> Iterator[ArticleResult]:
        """Results in input order, parsing with ``nlp.pipe`` in this process."""
        pending: list[Article] = []
        for article in articles:
            reason = self.check(article)
            if reason:
                yield from self._flush(pending, batch_size)
                pending = []
                yield ArticleResult(article=article, skipped=reason)
                continue
            pending.append(article)
            if len(pending) >= batch_size:
                yield from self._flush(pending, batch_size)
                pending = []
        yield from self._flush(pending, batch_size)

    def _flush(self, articles: list[Article], batch_size: int) -> Iterator[ArticleResult]:
        if not articles:
            return
        docs = iter(self.nlp.pipe((a.text for a in articles), batch_size=batch_size))
        for article in articles:
            t0 = time.perf_counter()  # a batch is parsed when its first doc is asked for
            doc = parsed_from(next(docs), article.text)
            spent = time.perf_counter() - t0
            result = self.analyse(doc, article)
            result.seconds["spacy"] = spent
            yield result


def _event_of_mention(groups: list[list[int]], built: list[Event], merged: list[Event]
                      ) -> dict[int, str]:
    """Which stored event each mention ended in: its group's event, or the event that group's
    event was merged into (that one keeps its own id and the merged one's evidence)."""
    out: dict[int, str] = {}
    for g, ev in zip(groups, built, strict=True):
        final = next((e for e in merged if e.event_id == ev.event_id), None) or next(
            (e for e in merged if any(x.start == ev.evidence[0].start
                                      for x in e.evidence_for("sentence"))), None)
        if final is not None:
            out.update(dict.fromkeys(g, final.event_id))
    return out


def _finish_candidates(cands: list[Candidate], mentions: list[EventMention],
                       groups: list[list[int]], event_of: dict[int, str],
                       low: dict[str, float], floor: float,
                       summed: dict[str, str] | None = None,
                       counted: dict[int, str] | None = None,
                       tentative: set[str] | None = None) -> list[Candidate]:
    """Candidates with the event they ended in; a retelling says which sentence it retells,
    one whose event fell under ``floor`` says so and points at no event (or at its
    ``tentative`` event, kept hidden until another report confirms it), and one whose event
    only sums up others (:func:`eventcoder.dedup.summaries`), or that counts events told one
    by one after it (``counted``, by mention: :func:`eventcoder.dedup.link.
    counted_summaries`), is ``generic``."""
    summed = summed or {}
    counted = counted or {}
    lead_of = {i: g[0] for g in groups for i in g}
    out = []
    for c in cands:
        if c.mention is None:
            out.append(c)
            continue
        if c.mention in counted:
            out.append(c.model_copy(update={"event_id": None, "status": "generic",
                                            "reason": counted[c.mention]}))
            continue
        eid = event_of.get(c.mention)
        if eid in summed:
            out.append(c.model_copy(update={"event_id": None, "status": "generic",
                                            "reason": summed[eid]}))
            continue
        reason = c.reason
        if eid in low:
            if eid in (tentative or ()):
                reason = (f"{reason}; confidence {low[eid]:.2f} below {floor:.2f}: tentative "
                          f"(shown once another report of it is)")
            else:
                reason = f"{reason}; confidence {low[eid]:.2f} below {floor:.2f}: not written"
                eid = None
        lead = lead_of.get(c.mention, c.mention)
        if lead != c.mention and reason == "coded":
            reason = f"retold: the same event as the sentence at {mentions[lead].sentence.start}"
        out.append(c.model_copy(update={"event_id": eid, "reason": reason}))
    return out


def _carry_initiators(events: list[Event]) -> list[Event]:
    """A strike told with no initiator after strikes of the same kind told with one ("Coalition
    forces conducted 34 strikes ... Near Bayji, one strike engaged a tactical unit") is theirs,
    on their day when it has none of its own, as ACLED codes a strike report's list of
    locations."""
    from .extract.rows import compose_notes
    from .taxonomy import interaction_code, sub_events_where

    fired_from_afar = sub_events_where("fired_from_afar")
    out: list[Event] = []
    for e in events:
        if (e.actor1 is None or e.actor1.startswith("Unidentified Armed Group")) and \
                e.sub_event_type in fired_from_afar:
            prev = next((p for p in reversed(out) if p.sub_event_type == e.sub_event_type
                         and p.actor1 and p.actor1 != e.actor2), None)
            if prev is not None:
                e = e.model_copy(update={
                    "actor1": prev.actor1, "inter1": prev.inter1,
                    "interaction": interaction_code(prev.inter1, e.inter2)})
                dated = next((p for p in reversed(out) if p.sub_event_type == e.sub_event_type
                              and p.evidence_for("event_date")), None)
                if not e.evidence_for("event_date") and dated is not None:
                    # the list's items are the summary's day ("On Jan. 9, ... conducted")
                    e = e.model_copy(update={"event_date": dated.event_date,
                                             "time_precision": dated.time_precision})
                e = e.model_copy(update={"notes": compose_notes(e)})
        out.append(e)
    return out


def _with_tellings(events: list[Event], candidates: list[Candidate]) -> list[Event]:
    """Every sentence that tells an event (a candidate pointing at it) in its evidence."""
    from .schema import Evidence

    by_event: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.event_id:
            by_event.setdefault(c.event_id, []).append(c)
    out = []
    for e in events:
        extra = []
        covered = [(x.start, x.end) for x in e.evidence_for("sentence")]
        for c in by_event.get(e.event_id, []):
            s = c.sentence
            if not any(a <= s.start < b for a, b in covered):
                covered.append((s.start, s.end))
                extra.append(Evidence(article_id=c.article_id, field="sentence",
                                      start=s.start, end=s.end, text=s.text))
        out.append(e.model_copy(update={"evidence": [*e.evidence, *extra]}) if extra else e)
    return out


# --- workers: the local process pool and Dask ---------------------------------------------------
#: The pipelines of this process, by config: a worker (a process of run_parallel's pool or of a
#: Dask cluster) loads the spaCy model and the gazetteer once, on its first batch.
_PIPELINES: dict[Config, Pipeline] = {}
#: Guards _PIPELINES and the pipelines' use: a Dask worker may run tasks in several threads,
#: and one spaCy pipeline is not to be used by two threads at once (threads gain nothing on
#: this CPU-bound work anyway: run one thread per worker process).
_LOCK = threading.Lock()


def worker_pipeline(config: Config) -> Pipeline:
    """This process's :class:`Pipeline` for ``config``, built on first use and kept."""
    with _LOCK:
        found = _PIPELINES.get(config)
        if found is None:
            found = _PIPELINES[config] = Pipeline(config)
        return found


def code_batch(config: Config, articles: list[Article], slim: bool = False
               ) -> list[ArticleResult]:
    """Code one batch of articles in this process: the pure function every worker runs (a
    process of :func:`run_parallel`'s pool, a Dask worker), with this process's pipeline for
    ``config`` (:func:`worker_pipeline`). RETURNS the results, in input order.

    slim: leave out what the store does not keep (:func:`slimmed`), for a caller that only
    saves the results: less to send back from the worker and to read on the other side."""
    pipeline = worker_pipeline(config)
    with _LOCK:
        results = list(pipeline.process_many(articles))
    return [slimmed(r) for r in results] if slim else results


def slimmed(result: ArticleResult) -> ArticleResult:
    """``result`` without its places, mentions and truth-model features: what the run path
    saves (the article, events, candidates, warnings, skip reason and timings) is all there.
    Unpickling the places' and mentions' models was most of what a batch's results cost the
    process that receives them."""
    return replace(result, places=[], mentions=[], features={})


def _init_worker(config: Config) -> None:
    worker_pipeline(config)


def run_parallel(config: Config, batches: Iterable[list[Article]], workers: int,
                 slim: bool = False) -> Iterator[list[ArticleResult]]:
    """Code batches of articles in ``workers`` processes, yielding each batch's results, in
    order; each batch is coded in ``workers`` chunks at once (:func:`split_batches`). Each
    worker loads its own pipeline once. slim: as :func:`code_batch`."""
    parts: deque[int] = deque()
    yield from join_batches(_pooled(config, split_batches(batches, workers, parts), workers,
                                    slim), parts)


def _pooled(config: Config, chunks: Iterable[list[Article]], workers: int, slim: bool = False
            ) -> Iterator[list[ArticleResult]]:
    window = 2 * workers  # chunks in flight: bounded, so memory does not grow with the input
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(config,)) as pool:
        futures: deque[Future[list[ArticleResult]]] = deque()
        for chunk in chunks:
            futures.append(pool.submit(code_batch, config, chunk, slim))
            if len(futures) >= window:
                yield futures.popleft().result()
        while futures:
            yield futures.popleft().result()


def split_batches(batches: Iterable[list[Article]], n: int, parts: deque[int]
           ) -> Iterator[list[Article]]:
    """Each batch in up to ``n`` contiguous chunks of near-equal size, for ``n`` worker
    processes to code one store batch together; the number of chunks of each batch goes to
    ``parts`` (for :func:`join_batches`) as its first chunk is handed out.

    A store batch is the unit of saving; splitting it across the workers keeps every worker
    busy from the first batch to the last (with whole 50-article batches a worker took about
    7 s before the first result came back, and one finished the last batch alone;
    docs/throughput.md).
    """
    for batch in batches:
        k = max(1, min(n, len(batch)))
        parts.append(k)
        size, extra = divmod(len(batch), k)
        start = 0
        for i in range(k):
            end = start + size + (i < extra)
            yield batch[start:end]
            start = end


def join_batches(chunks: Iterator[list[ArticleResult]], parts: deque[int]
            ) -> Iterator[list[ArticleResult]]:
    """The results of :func:`split_batches`'s chunks, in order, joined back into their batches.
    Closing this closes ``chunks`` (a pool or cluster stops at once)."""
    try:
        for first in chunks:
            joined = list(first)
            for _ in range(parts.popleft() - 1):
                joined += next(chunks)
            yield joined
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()

