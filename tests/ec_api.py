"""Helpers of the HTTP API tests (tests/api/): tokens, the stored events, a pipeline that
codes without models. The fixtures are in tests/api/conftest.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from eventcoder.config import Config
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.schema import Article, Candidate, Event, Evidence, Span, stable_id
from eventcoder.store import Store

TOKEN = "alice-token-0123456789abcdef"
OTHER_TOKEN = "bob-token-0123456789abcdef01"
TOKENS = {TOKEN: "alice", OTHER_TOKEN: "bob"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DAY = dt.date(2025, 3, 3)  # a Monday
#: run settings of the API tests: no near-duplicate check, no cross-article merging (each
#: fake article codes into an event of its own), small batches
CONFIG = Config(near_duplicate_threshold=0, merge_threshold=2.0, batch_size=2,
                api_max_sync_articles=5)
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def article(n: int, **kw: Any) -> Article:
    text = kw.pop("text", None) or (f"Report {n}: gunmen attacked a checkpoint near town {n}, "
                                    "police said.")
    base: dict[str, Any] = dict(id=f"a{n}", title=f"Report {n}", url=f"https://example.org/{n}",
                                source=("Wire", "Daily")[n % 2], published=DAY, language="en")
    base.update(kw)
    return Article.from_text(text, **base)


def event(n: int, **kw: Any) -> Event:
    """Event ``ev-{n:02d}`` of article ``a{n}``."""
    kinds = [("Political violence", "Battles", "Armed clash"),
             ("Political violence", "Violence against civilians", "Attack"),
             ("Demonstrations", "Protests", "Peaceful protest")]
    disorder, etype, sub = kinds[n % 3]
    base: dict[str, Any] = dict(
        event_id=f"ev-{n:02d}", article_ids=[f"a{n}"],
        event_date=DAY + dt.timedelta(days=n % 20), disorder_type=disorder, event_type=etype,
        sub_event_type=sub, actor1=("Islamic State (IS)", "Military Forces of Iraq (2014-)")[n % 2],
        country=("Iraq", "Syria")[n % 2], iso3=("IRQ", "SYR")[n % 2],
        admin1=("Kirkuk", "Aleppo", "Ninewa", "Idlib")[n % 4], admin2=f"District {n % 3}",
        location=f"Town {n}", latitude=35.0 + n / 10, longitude=40.0 + n / 10,
        geo_precision=1, fatalities=n % 5, notes=f"Gunmen attacked a checkpoint ({n}).",
        confidence=0.5 + (n % 5) / 10,
        evidence=[Evidence(article_id=f"a{n}", field="sub_event_type", start=17, end=25,
                           text="attacked")])
    base.update(kw)
    return Event(**base)


#: the stored events: 0-29 ordinary; 30 rejected; 31 undated; 32 without coordinates;
#: 33 carries XSS in its notes; 34 merged into 0 after the save
N = 35


def fill(store: Store) -> None:
    evs = [event(n) for n in range(30)]
    evs += [event(30, status="rejected"), event(31, event_date=None),
            event(32, latitude=None, longitude=None), event(33, notes=XSS, actor1=XSS),
            event(34, event_date=DAY, admin1="Kirkuk")]
    arts = [article(n) for n in range(N)]
    cands = [Candidate(article_id="a0", sentence=Span(start=0, end=20, text=""),
                       trigger=Span(start=17, end=25, text="attacked"),
                       sub_event_type="Armed clash", status="reported", event_id="ev-00"),
             Candidate(article_id="a0", sentence=Span(start=21, end=40, text=""),
                       trigger=Span(start=30, end=35, text="raids"), sub_event_type="Attack",
                       status="hypothetical", reason="planned, not done")]
    store.save_batch(arts, evs, cands)
    store.merge_events("ev-00", "ev-34", score=0.9, reasons=["text 0.9"])



class FakePipeline(Pipeline):
    """Codes each article into one event (no model loaded): id from the article id and text,
    notes the first 200 characters of the text, an evidence span on its first word; refuses
    what the real pipeline refuses (Pipeline.check)."""

    def __init__(self, config: Config = CONFIG) -> None:
        super().__init__(config)
        self.coded: list[str] = []

    def process_many(self, articles: Iterable[Article], *args: object,
                     **kwargs: object) -> Iterator[ArticleResult]:
        for a in articles:
            reason = self.check(a)
            if reason:
                yield ArticleResult(article=a, skipped=reason)
                continue
            self.coded.append(a.id)
            first = a.text.split()[0]
            yield ArticleResult(article=a, events=[Event(
                event_id=stable_id("fake", a.id, a.content_hash), article_ids=[a.id],
                event_date=a.published, disorder_type="Political violence",
                event_type="Battles", sub_event_type="Armed clash", country="Iraq",
                iso3="IRQ", admin1="Kirkuk", location="Hawija", latitude=35.3,
                longitude=43.8, geo_precision=1, notes=a.text[:200], confidence=0.9,
                evidence=[Evidence(article_id=a.id, field="notes", start=0, end=len(first),
                                   text=first)])])
