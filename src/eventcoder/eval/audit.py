"""``eventcoder eval audit``: event precision, recall and field accuracy on the hand-coded audit set.

The audit set (``eval/audit/*.jsonl``, coded by ``docs/audit-coding-guide.md``) holds whole
articles with every event a careful ACLED coder would write for them, and negatives that report
none. eventcoder codes each article as ``eventcoder extract`` would (the full pipeline, with the
gold's publication date); its events are matched one to one, per article, to the gold events:

- a pair can match when the event types are equal and, when both have coordinates, the places
  are within 100 km (``MATCH_KM``);
- among such pairs, the matching maximises the number of matches, then the agreement of
  sub-event type, date and place (greedy on a pair score, which is optimal for the handful of
  events an article has in all but contrived cases).

Precision is matched / written, recall matched / gold. Field accuracy is over matched pairs.
A reliability table shows, by confidence, the share of written events that match a gold event:
what ``confidence`` is meant to say.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import click

from ..dedup.cross import same_name
from ..geo.resolve import haversine_km
from ..schema import Event
from .gold import GoldArticle, GoldError, GoldEvent, read_gold

MATCH_KM = 100.0
PLACE_KM = 25.0
FIELDS = ("sub_event_type", "actor1", "actor2", "event_date", "date_within_3d", "fatalities",
          "country", "admin1", "place_25km")


# -- comparisons -----------------------------------------------------------------------------
_DROP = re.compile(r"\s*\((?:\d{4}-(?:\d{4})?|[A-Z][A-Z-]{1,7})\)")


@cache
def _actors() -> Any:
    from ..extract.actors import ActorDictionary

    return ActorDictionary()


def actor_key(name: str | None) -> str:
    """A loose key of an ACLED actor name: the actor dictionary's canonical name for a group
    written another way ("Houthis" = "Houthi Movement"), case folded, year ranges and acronyms
    in brackets dropped ("Military Forces of Iraq (2014-)" = "military forces of iraq";
    "Islamic State (IS)" = "islamic state"), but "Civilians (Iraq)" keeps its country."""
    if not name:
        return ""
    s = _DROP.sub("", _actors().canonical(name)).strip()
    s = re.sub(r"^the\s+|(?<=\bof )the\s+", "", s, flags=re.IGNORECASE)
    return " ".join(s.lower().replace("-", " ").split())


def admin_key(name: str | None) -> str:
    from .corpora import admin_key as _ak

    return _ak(name) if name else ""


def distance_km(g: GoldEvent, e: Event) -> float | None:
    if g.latitude is None or e.latitude is None or e.longitude is None or g.longitude is None:
        return None
    return haversine_km(g.latitude, g.longitude, e.latitude, e.longitude)


def compatible(g: GoldEvent, e: Event) -> bool:
    if g.event_type != e.event_type:
        return False
    d = distance_km(g, e)
    return d is None or d <= MATCH_KM


def evidence_overlap(g: GoldEvent, e: Event, article_id: str | None = None) -> float:
    """The share of the event's sentences (those of ``article_id``, when given: a stored
    event cites several articles) that lies in the gold event's spans: which of two events of
    one type and place in one report a row was read from."""
    sentences = [v for v in e.evidence if v.field == "sentence"
                 and (article_id is None or v.article_id == article_id)]
    total = sum(v.end - v.start for v in sentences)
    if not total or not g.spans:
        return 0.0
    inside = sum(max(0, min(v.end, b) - max(v.start, a))
                 for v in sentences for a, b in g.spans)
    return min(1.0, inside / total)


def pair_score(g: GoldEvent, e: Event, article_id: str | None = None) -> float:
    s = 1.0
    # the sentences it was read from first: fields tie between two events of one kind
    s += 0.4 * evidence_overlap(g, e, article_id)
    s += 0.5 * (g.sub_event_type == e.sub_event_type)
    if g.event_date is not None and e.event_date is not None:
        s += 0.3 * max(0.0, 1 - abs((g.event_date - e.event_date).days) / 7)
    d = distance_km(g, e)
    if d is not None:
        s += 0.3 * max(0.0, 1 - d / MATCH_KM)
    # the place's name too: two rows at one point (a village the gazetteer lacks stands at the
    # point of the town near it) are told apart by the names they carry
    s += 0.2 * (bool(g.location) and bool(e.location) and same_name(g.location, e.location))
    s += 0.1 * (actor_key(g.actor1) == actor_key(e.actor1))
    s += 0.05 * (g.fatalities == e.fatalities)
    return s


def match(gold: Sequence[GoldEvent], system: Sequence[Event],
          article_id: str | None = None) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of one article's gold events and system
    events (``article_id``: the article, when the events may cite others too)."""
    cands = [(pair_score(g, e, article_id), i, j) for i, g in enumerate(gold)
             for j, e in enumerate(system) if compatible(g, e)]
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def field_hits(g: GoldEvent, e: Event) -> dict[str, bool | None]:
    """Per field: right (True), wrong (False) or not comparable (None)."""
    out: dict[str, bool | None] = {}
    out["sub_event_type"] = g.sub_event_type == e.sub_event_type
    out["actor1"] = actor_key(g.actor1) == actor_key(e.actor1)
    out["actor2"] = actor_key(g.actor2) == actor_key(e.actor2)
    if g.event_date is None:
        out["event_date"] = out["date_within_3d"] = None
    else:
        out["event_date"] = e.event_date == g.event_date
        out["date_within_3d"] = e.event_date is not None and abs(
            (e.event_date - g.event_date).days) <= 3
    out["fatalities"] = g.fatalities == e.fatalities
    out["country"] = None if not g.country else (g.country or "").lower() == (
        e.country or "").lower()
    out["admin1"] = None if not g.admin1 else admin_key(g.admin1) == admin_key(e.admin1)
    d = distance_km(g, e)
    out["place_25km"] = None if g.latitude is None else (d is not None and d <= PLACE_KM)
    return out


# -- scoring ---------------------------------------------------------------------------------
@dataclass
class ArticleScore:
    gold: GoldArticle
    events: list[Event]
    pairs: list[tuple[int, int]]

    @property
    def tp(self) -> int:
        return len(self.pairs)

    @property
    def fp(self) -> int:
        return len(self.events) - len(self.pairs)

    @property
    def fn(self) -> int:
        return len(self.gold.events) - len(self.pairs)


@dataclass
class AuditResult:
    articles: list[ArticleScore] = field(default_factory=list)

    def totals(self, subset: Iterable[ArticleScore] | None = None) -> dict[str, Any]:
        arts = list(self.articles if subset is None else subset)
        tp = sum(a.tp for a in arts)
        fp = sum(a.fp for a in arts)
        fn = sum(a.fn for a in arts)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        neg = [a for a in arts if a.gold.kind == "negative"]
        return {"articles": len(arts), "gold_events": tp + fn, "written": tp + fp,
                "matched": tp, "precision": round(p, 3), "recall": round(r, 3),
                "f1": round(f, 3), "negatives": len(neg),
                "negatives_clean": round(sum(1 for a in neg if not a.events) / len(neg), 3)
                if neg else None,
                "events_per_article": round((tp + fp) / len(arts), 2) if arts else 0.0,
                "gold_per_article": round((tp + fn) / len(arts), 2) if arts else 0.0}

    def fields(self) -> dict[str, dict[str, Any]]:
        right: Counter[str] = Counter()
        of: Counter[str] = Counter()
        for a in self.articles:
            for i, j in a.pairs:
                for k, v in field_hits(a.gold.events[i], a.events[j]).items():
                    if v is not None:
                        of[k] += 1
                        right[k] += bool(v)
        return {k: {"accuracy": round(right[k] / of[k], 3) if of[k] else None, "of": of[k]}
                for k in FIELDS}

    def reliability(self, bins: Sequence[float] = (0.0, 0.3, 0.5, 0.7, 0.85, 1.0001)
                    ) -> list[dict[str, Any]]:
        rows = []
        pts = [(e.confidence, any(j == k for _, j in a.pairs))
               for a in self.articles for k, e in enumerate(a.events)]
        for lo, hi in zip(bins, bins[1:], strict=False):
            inside = [t for c, t in pts if lo <= c < hi]
            rows.append({"from": lo, "to": min(hi, 1.0), "events": len(inside),
                         "true": round(sum(inside) / len(inside), 3) if inside else None})
        return rows

    def by(self, key: Callable[[ArticleScore], Iterable[str]]) -> dict[str, dict[str, Any]]:
        groups: dict[str, list[ArticleScore]] = defaultdict(list)
        for a in self.articles:
            for k in key(a):
                groups[k].append(a)
        return {k: self.totals(v) for k, v in sorted(groups.items())}

    def as_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "fields": self.fields(),
                "reliability": self.reliability(),
                "by_corpus": self.by(lambda a: [a.gold.corpus]),
                "by_kind": self.by(lambda a: [a.gold.kind])}


def score(gold: Sequence[GoldArticle], events: Sequence[Sequence[Event]],
          min_confidence: float = 0.0) -> AuditResult:
    """Match each article's events (aligned with ``gold``) to its gold events."""
    res = AuditResult()
    for g, evs in zip(gold, events, strict=True):
        kept = [e for e in evs if e.confidence >= min_confidence]
        res.articles.append(ArticleScore(g, kept, match(g.events, kept)))
    return res


def code_articles(gold: Sequence[GoldArticle], pipeline: Any, progress: bool = True
                  ) -> list[list[Event]]:
    """Code every gold article with ``pipeline`` (an :class:`eventcoder.pipeline.Pipeline`)."""
    return [evs for evs, _ in code_with_features(gold, pipeline, progress)]


def code_with_features(gold: Sequence[GoldArticle], pipeline: Any, progress: bool = True
                       ) -> list[tuple[list[Event], list[Any]]]:
    """Each article's events and, aligned, their truth-model feature vectors."""
    from ..schema import Article

    arts = [Article.from_text(g.text, id=g.id, published=g.published) for g in gold]
    out: list[tuple[list[Event], list[Any]]] = []
    with click.progressbar(length=len(arts), label="coding", file=sys.stderr,
                           hidden=not progress) as bar:
        for r in pipeline.process_many(arts):
            out.append((list(r.events), [r.features[e.event_id] for e in r.events]))
            bar.update(1)
    return out


def fold_of(article_id: str, k: int) -> int:
    """The cross-validation fold of an article: a hash of its id (or of its group, see
    :attr:`GoldArticle.group`), so folds are stable."""
    import zlib

    return zlib.crc32(article_id.encode("utf-8")) % k


def labels(gold: Sequence[GoldArticle], events: Sequence[Sequence[Event]]) -> list[list[int]]:
    """1 for each written event that matches a gold event (all events considered), else 0."""
    out = []
    for g, evs in zip(gold, events, strict=True):
        matched = {j for _, j in match(g.events, evs)}
        out.append([int(j in matched) for j in range(len(evs))])
    return out


def cross_validate(gold: Sequence[GoldArticle], coded: Sequence[tuple[list[Event], list[Any]]],
                   k: int = 5, l2: float = 1.0) -> list[list[Event]]:
    """Events with the confidence of a truth model fit on the other folds' articles only."""
    import numpy as np

    from ..extract.truth import TruthModel

    events = [evs for evs, _ in coded]
    ys = labels(gold, events)
    out: list[list[Event]] = [list(evs) for evs in events]
    for fold in range(k):
        X, y = [], []
        for i, g in enumerate(gold):
            if fold_of(g.group or g.id, k) != fold:
                X += coded[i][1]
                y += ys[i]
        if not X or len(set(y)) < 2:
            continue
        model = TruthModel.fit(np.vstack(X), np.array(y), l2=l2)
        for i, g in enumerate(gold):
            if fold_of(g.group or g.id, k) == fold and coded[i][1]:
                p = model.predict(np.vstack(coded[i][1]))
                out[i] = [e.model_copy(update={"confidence": round(float(q), 3)})
                          for e, q in zip(events[i], p, strict=True)]
    return out


def fit_truth_model(gold: Sequence[GoldArticle], coded: Sequence[tuple[list[Event], list[Any]]],
              l2: float = 1.0, threshold: float = 0.5) -> Any:
    import numpy as np

    from ..extract.truth import TruthModel

    events = [evs for evs, _ in coded]
    ys = labels(gold, events)
    X = [x for _, xs in coded for x in xs]
    y = [v for row in ys for v in row]
    model = TruthModel.fit(np.vstack(X), np.array(y), l2=l2, threshold=threshold)
    model.meta = {"articles": len(gold), "events": len(y), "true": int(sum(y)), "l2": l2,
                  "trained_on": sorted(g.id for g in gold)}
    return model


THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def print_thresholds(gold: Sequence[GoldArticle], events: Sequence[Sequence[Event]]) -> None:
    click.echo("min-confidence   P      R      F1    written")
    for t in THRESHOLDS:
        tot = score(gold, events, t).totals()
        click.echo(f"  {t:.2f}        {tot['precision']:.3f}  {tot['recall']:.3f}  "
                   f"{tot['f1']:.3f}  {tot['written']}")


# -- printing --------------------------------------------------------------------------------
def _describe(e: Event | GoldEvent) -> str:
    date = e.event_date.isoformat() if e.event_date else "?"
    return (f"{e.sub_event_type} | {e.actor1 or '-'} v {e.actor2 or '-'} | {date} | "
            f"{e.location or e.admin1 or e.country or '-'} | {e.fatalities} killed")


def print_result(res: AuditResult, verbose: bool = False) -> None:
    t = res.totals()
    click.echo(f"articles {t['articles']} ({t['negatives']} negatives), gold events "
               f"{t['gold_events']}, written {t['written']}, matched {t['matched']}")
    click.echo(f"event precision {t['precision']:.3f}   recall {t['recall']:.3f}   "
               f"F1 {t['f1']:.3f}   (one-to-one per article: same event type, place within "
               f"{MATCH_KM:.0f} km when both have one)")
    click.echo(f"events per article: written {t['events_per_article']}, gold "
               f"{t['gold_per_article']}; negatives with no event written: "
               f"{t['negatives_clean']}")
    click.echo("\nfield accuracy among matched events")
    for k, v in res.fields().items():
        acc = "  -  " if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        click.echo(f"  {k:<16} {acc}  (of {v['of']})")
    click.echo("\nby corpus            P      R      F1   articles")
    for k, v in res.by(lambda a: [a.gold.corpus]).items():
        click.echo(f"  {k:<16} {v['precision']:.3f}  {v['recall']:.3f}  {v['f1']:.3f}  "
                   f"{v['articles']}")
    click.echo("\nreliability (confidence -> share of written events that are true)")
    for row in res.reliability():
        true = "  -  " if row["true"] is None else f"{row['true']:.3f}"
        click.echo(f"  [{row['from']:.2f}, {row['to']:.2f})  {row['events']:4d} events  "
                   f"true {true}")
    if verbose:
        for a in res.articles:
            if not a.fp and not a.fn:
                continue
            click.echo(f"\n== {a.gold.id} ({a.gold.kind}) tp {a.tp} fp {a.fp} fn {a.fn}")
            matched_g = {i for i, _ in a.pairs}
            matched_s = {j for _, j in a.pairs}
            for i, g in enumerate(a.gold.events):
                if i not in matched_g:
                    click.echo(f"  missed:  {_describe(g)}")
            for j, e in enumerate(a.events):
                if j not in matched_s:
                    ev = e.evidence_for("sentence")
                    trig = e.evidence_for("sub_event_type")
                    where = (f" @{ev[0].start}" if ev else "") + (
                        f" {trig[0].text!r}" if trig else "")
                    click.echo(f"  extra:   {_describe(e)}  conf {e.confidence:.2f}{where}")


@click.command("audit")
@click.argument("gold", nargs=-1, type=click.Path(path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline (default: the configured one).")
@click.option("--gazetteer", type=click.Path(path_type=Path), default=None,
              help="Gazetteer built by 'eventcoder gazetteer build' (default: the configured "
                   "one, else the bundled one).")
@click.option("--min-confidence", type=float, default=None,
              help="Score only written events at or above this confidence [default: the "
                   "product's default, 0.4].")
@click.option("--cv", type=click.IntRange(2, 20), default=None,
              help="Cross-validate the truth model: fit it on K-1 folds of articles, score the "
                   "held-out fold, pool the folds (the honest figure).")
@click.option("--fit-truth", type=click.Path(path_type=Path), default=None,
              help="Fit the truth model on every gold article and write it here (e.g. "
                   "src/eventcoder/data/extract/truth.json).")
@click.option("--threshold", type=float, default=0.5, show_default=True,
              help="With --fit-truth: the min-confidence stored with the model.")
@click.option("--no-truth", is_flag=True, help="Keep the rule scores (no truth model).")
@click.option("--verbose", "-v", is_flag=True, help="List each article's missed and extra events.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
# the environment is read here, at the command line's edge, not by eval.sources: where the
# evaluation corpora live is the evaluator's business, not a run setting of Config
@click.option("--shared-data", type=click.Path(file_okay=False, path_type=Path), default=None,
              envvar="EVENTCODER_SHARED_DATA", show_envvar=True, metavar="DIR",
              help="The public evaluation corpora [default: ../shared/data beside the "
                   "checkout or the working directory].")
def command(gold: tuple[Path, ...], model: str | None, gazetteer: Path | None, min_confidence: float,
            cv: int | None, fit_truth: Path | None, threshold: float, no_truth: bool,
            verbose: bool, as_json: bool, shared_data: Path | None) -> None:
    """Score eventcoder on the hand-coded audit set: event precision, recall, F1 and field
    accuracy among matched events (see docs/audit-coding-guide.md).

    GOLD is one or more .jsonl files or folders of them (default eval/audit). Articles of
    shared corpora are read from --shared-data DIR (or $EVENTCODER_SHARED_DATA), else
    ../shared/data. The duplicate test set's files (eval/dedup) are gold too; their articles
    share a cross-validation fold by story.

    Example:

        eventcoder eval audit eval/audit -v

        eventcoder eval audit eval/audit eval/dedup/dd1.jsonl --cv 5
    """
    from ..cli.common import load_config
    from ..pipeline import Pipeline
    from .sources import shared_data_dir

    paths = list(gold or (Path("eval/audit"),))
    for path in paths:
        if not path.exists():
            raise click.ClickException(f"no such file or folder: {path}")
    try:
        arts = read_gold(paths, data_dir=shared_data_dir(shared_data))
    except (GoldError, FileNotFoundError, KeyError) as err:
        raise click.ClickException(str(err)) from None
    from ..config import DEFAULT_MIN_CONFIDENCE

    if min_confidence is None:
        min_confidence = DEFAULT_MIN_CONFIDENCE
    learn = cv is not None or fit_truth is not None
    # every event is coded; the threshold is applied when scoring, so the table below can
    # show the other thresholds too
    config = load_config(model=model, gazetteer=gazetteer).with_(min_confidence=0.0)
    pipeline = Pipeline(config,
                        **({"truth": None} if learn or no_truth else {}))
    coded = code_with_features(arts, pipeline)
    events = [evs for evs, _ in coded]
    if fit_truth is not None:
        m = fit_truth_model(arts, coded, threshold=threshold)
        m.save(fit_truth)
        click.echo(f"truth model fit on {m.meta['events']} events of {len(arts)} articles "
                   f"written to {fit_truth}", err=True)
    if cv is not None:
        events = cross_validate(arts, coded, cv)
        click.echo(f"{cv}-fold cross-validation by article: each article's confidences come "
                   "from a truth model fit on the other folds")
    elif pipeline.truth is not None and not no_truth:
        seen = set(pipeline.truth.meta.get("trained_on") or [])
        both = sum(a.id in seen for a in arts)
        if both:
            click.echo(f"note: {both} of these {len(arts)} articles were used to fit the shipped "
                       "truth model: those are scored in sample (use --cv K for held-out "
                       "figures)")
        else:
            click.echo("none of these articles was used to fit the shipped truth model")
    res = score(arts, events, min_confidence)
    if as_json:
        click.echo(json.dumps(res.as_dict(), indent=1))
    else:
        print_result(res, verbose)
        click.echo("")
        print_thresholds(arts, events)
