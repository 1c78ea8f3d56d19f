"""``eventcoder eval dedup``: is every real event one row, and are two real events never one?

The duplicate test set (``eval/dedup/*.jsonl``, coded by ``docs/dedup-coding-guide.md``) holds
stories told by several outlets: each gold event carries the ``cluster`` of the real-world
event it reports. eventcoder codes the articles in file order through the run path
(:func:`eventcoder.run.code_articles`) into a fresh in-memory store, so that everything done
across articles (near-duplicate copies, merging) applies as in a real run. Then:

- each article's gold events are matched to the stored events that cite the article, one to
  one, as ``eventcoder eval audit`` matches them (same event type, place within 100 km);
- **pairwise**: over every pair of gold reports (article, event), a pair is *merged* when both
  matched the same stored event, and *should be merged* when both have the same cluster.
  Precision = correctly merged / merged; recall = correctly merged / should be merged (a
  report with no matching row counts as not merged);
- **B-cubed** precision, recall and F1 over the matched reports: for each report, the share of
  the reports in its stored event that share its cluster, and of its cluster's matched
  reports that share its stored event;
- **merge stage**: the pairs that should be merged whose two reports both matched a row (the
  extraction found the event in both articles), and how many of them were merged: the
  recall of the cross-article merging alone, apart from what the extraction misses;
- **detection**: the audit's event precision and recall per article, for context.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .audit import match
from .gold import GoldArticle, GoldError, read_gold


@dataclass
class DedupArticle:
    """A gold article of the duplicate set, with the cluster of each of its events."""

    gold: GoldArticle
    clusters: list[str]
    copy_of: str | None = None
    outlet: str | None = None


def read_dedup(path: Path) -> list[DedupArticle]:
    """The articles of a duplicate-set file or folder, in file order (``read_gold`` checks the
    audit fields; this adds ``cluster`` per event, ``copy_of`` and ``outlet``)."""
    golds = read_gold(path)
    raw: dict[str, dict[str, Any]] = {}
    for f in ([path] if path.is_file() else sorted(path.glob("*.jsonl"))):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                raw[rec["id"]] = rec | {"_where": f"{f}:{n}"}
    out = []
    for g in golds:
        rec = raw[g.id]
        clusters = [e.get("cluster") for e in rec.get("events", [])]
        if any(not c for c in clusters):
            raise GoldError(f"{rec['_where']}: every event needs a 'cluster'")
        out.append(DedupArticle(g, [str(c) for c in clusters], rec.get("copy_of"),
                                rec.get("outlet")))
    ids = {a.gold.id for a in out}
    for a in out:
        if a.copy_of is not None and a.copy_of not in ids:
            raise GoldError(f"{a.gold.id}: copy_of names {a.copy_of!r}, not in the set")
    return out


@dataclass
class DedupScore:
    """Pairwise and B-cubed figures of one run (see the module docstring)."""

    reports: int = 0
    matched: int = 0
    clusters: int = 0
    rows: int = 0
    pairs_gold: int = 0
    pairs_system: int = 0
    pairs_both: int = 0
    #: pairs that should be merged whose two reports both matched a row, and of them merged
    pairs_reachable: int = 0
    bcubed_p: float = 0.0
    bcubed_r: float = 0.0
    per_article: list[tuple[int, int, int]] = field(default_factory=list)  # tp, fp, fn
    #: the pairs the merge stage missed (see :func:`merge_misses`)
    misses: list[dict[str, Any]] = field(default_factory=list)
    #: the pairs of reports of two real events stored as one row (see :func:`wrong_merges`)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int | float, b: int | float) -> float:
        return a / b if b else 0.0

    def as_dict(self) -> dict[str, Any]:
        pp = self._ratio(self.pairs_both, self.pairs_system)
        pr = self._ratio(self.pairs_both, self.pairs_gold)
        bf = self._ratio(2 * self.bcubed_p * self.bcubed_r, self.bcubed_p + self.bcubed_r)
        tp = sum(t for t, _, _ in self.per_article)
        fp = sum(f for _, f, _ in self.per_article)
        fn = sum(f for _, _, f in self.per_article)
        return {"reports": self.reports, "matched_reports": self.matched,
                "clusters": self.clusters, "stored_events": self.rows,
                "pairs_should_merge": self.pairs_gold, "pairs_merged": self.pairs_system,
                "pairs_correct": self.pairs_both, "pairs_reachable": self.pairs_reachable,
                "merge_stage_recall": round(self._ratio(self.pairs_both,
                                                        self.pairs_reachable), 3),
                "pairwise_precision": round(pp, 3), "pairwise_recall": round(pr, 3),
                "bcubed_precision": round(self.bcubed_p, 3),
                "bcubed_recall": round(self.bcubed_r, 3), "bcubed_f1": round(bf, 3),
                "detection_precision": round(self._ratio(tp, tp + fp), 3),
                "detection_recall": round(self._ratio(tp, tp + fn), 3)}


def score_assignment(clusters: Sequence[str], rows: Sequence[str | None]) -> DedupScore:
    """Pairwise and B-cubed figures for gold reports with ``clusters`` and, aligned, the
    stored event each matched (None: no matching row)."""
    s = DedupScore(reports=len(clusters), clusters=len(set(clusters)))
    n = len(clusters)
    for i in range(n):
        for j in range(i + 1, n):
            same_gold = clusters[i] == clusters[j]
            same_sys = rows[i] is not None and rows[i] == rows[j]
            s.pairs_gold += same_gold
            s.pairs_system += same_sys
            s.pairs_both += same_gold and same_sys
            s.pairs_reachable += same_gold and rows[i] is not None and rows[j] is not None
    matched = [(c, r) for c, r in zip(clusters, rows, strict=True) if r is not None]
    s.matched = len(matched)
    s.rows = len({r for _, r in matched})
    by_row: dict[str, list[str]] = defaultdict(list)
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for c, r in matched:
        by_row[r].append(c)
        by_cluster[c].append(r)
    if matched:
        s.bcubed_p = sum(by_row[r].count(c) / len(by_row[r]) for c, r in matched) / len(matched)
        s.bcubed_r = sum(by_cluster[c].count(r) / len(by_cluster[c])
                         for c, r in matched) / len(matched)
    return s


def run_and_score(articles: Sequence[DedupArticle], config: Any = None) -> DedupScore:
    """Code ``articles`` in order into a fresh in-memory store and score the stored events."""
    from ..config import Config
    from ..run import code_articles
    from ..schema import Article
    from ..store import Store

    config = config or Config.load()
    with Store("sqlite://") as store:
        inputs = [Article.from_text(a.gold.text, id=a.gold.id, published=a.gold.published)
                  for a in articles]
        code_articles(inputs, store, config)
        clusters: list[str] = []
        rows: list[str | None] = []
        reports: list[tuple[str, Any]] = []  # (article id, the stored event matched or None)
        per_article = []
        for a in articles:
            stored = [e for e in store.events_for_articles([a.gold.id])
                      if a.gold.id in e.article_ids]
            pairs = match(a.gold.events, stored, a.gold.id)
            per_article.append((len(pairs), len(stored) - len(pairs),
                                len(a.gold.events) - len(pairs)))
            row_of = {i: stored[j] for i, j in pairs}
            for i, c in enumerate(a.clusters):
                clusters.append(c)
                found = row_of.get(i)
                rows.append(found.event_id if found else None)
                reports.append((a.gold.id, found))
    s = score_assignment(clusters, rows)
    s.per_article = per_article
    s.misses = merge_misses(clusters, reports, config.merge)
    s.wrong = wrong_merges(clusters, reports)
    return s


def wrong_merges(clusters: Sequence[str], reports: Sequence[tuple[str, Any]]
                 ) -> list[dict[str, Any]]:
    """The pairs of reports of two real events that matched one stored event: what lowers
    pairwise precision, to read before anything else."""
    return [{"clusters": [clusters[i], clusters[j]], "articles": [ai, aj],
             "event": ei.event_id, "type": ei.sub_event_type, "date": str(ei.event_date),
             "place": ei.location}
            for i, j, (ai, ei), (aj, _) in _disagreements(clusters, reports, one_event=False)]


def _disagreements(clusters: Sequence[str], reports: Sequence[tuple[str, Any]],
                   one_event: bool) -> Iterator[tuple[int, int, tuple[str, Any],
                                                      tuple[str, Any]]]:
    """Pairs of matched reports where the gold and the store disagree: of one real event in
    two rows (``one_event``), or of two real events in one row."""
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            ei, ej = reports[i][1], reports[j][1]
            if ei is None or ej is None:
                continue
            if (clusters[i] == clusters[j]) == one_event and \
                    (ei.event_id == ej.event_id) != one_event:
                yield i, j, reports[i], reports[j]


def merge_misses(clusters: Sequence[str], reports: Sequence[tuple[str, Any]],
                 settings: Any = None) -> list[dict[str, Any]]:
    """The pairs of reports of one real event that both matched a stored event but not the
    same one, with what :func:`eventcoder.dedup.cross.same_event` says of the two stored
    events: the merge stage's misses, to read when tuning its rules and thresholds."""
    from ..dedup.cross import same_event

    out = []
    for i, _, (ai, ei), (aj, ej) in _disagreements(clusters, reports, one_event=True):
        d = same_event(ei, ej, settings)
        out.append({"cluster": clusters[i], "articles": [ai, aj],
                    "events": [ei.event_id, ej.event_id],
                    "types": [ei.sub_event_type, ej.sub_event_type],
                    "dates": [str(ei.event_date), str(ej.event_date)],
                    "places": [ei.location, ej.location], "score": d.score,
                    "reasons": list(d.reasons)})
    return out


@click.command("dedup")
@click.argument("gold", type=click.Path(path_type=Path), default=Path("eval/dedup"))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--misses", is_flag=True,
              help="Also list the wrong merges (reports of two real events stored as one "
                   "row) and the merge stage's misses: pairs of reports of one event coded "
                   "as two events, with the rule or score that kept them apart.")
def command(gold: Path, as_json: bool, misses: bool) -> None:
    """Score cross-article deduplication on the duplicate test set: pairwise merge precision
    and recall, B-cubed F1 of the event clusters (docs/dedup-coding-guide.md).

    GOLD is a .jsonl file or a folder of them (default eval/dedup). The articles are coded in
    file order through the run path into a fresh in-memory store.

    Example:

        eventcoder eval dedup eval/dedup
    """
    from ..cli.common import load_config

    if not gold.exists():
        raise click.ClickException(f"no such file or folder: {gold}")
    try:
        articles = read_dedup(gold)
    except (GoldError, FileNotFoundError, KeyError) as err:
        raise click.ClickException(str(err)) from None
    score = run_and_score(articles, load_config())
    d = score.as_dict()
    if misses:
        d["merge_misses"] = score.misses
        d["wrong_merges"] = score.wrong
    if as_json:
        click.echo(json.dumps(d, indent=1))
        return
    click.echo(f"articles {len(articles)}, gold reports {d['reports']} of {d['clusters']} real "
               f"events; matched reports {d['matched_reports']} in {d['stored_events']} stored "
               f"events")
    click.echo(f"pairwise: precision {d['pairwise_precision']:.3f}  recall "
               f"{d['pairwise_recall']:.3f}  ({d['pairs_correct']} correct of "
               f"{d['pairs_merged']} merged; {d['pairs_should_merge']} should be merged)")
    click.echo(f"B-cubed:  precision {d['bcubed_precision']:.3f}  recall "
               f"{d['bcubed_recall']:.3f}  F1 {d['bcubed_f1']:.3f}")
    click.echo(f"merge stage: {d['pairs_correct']} of {d['pairs_reachable']} pairs merged whose "
               f"two reports were both coded as the event (recall "
               f"{d['merge_stage_recall']:.3f})")
    click.echo(f"detection (per article, as eval audit): precision "
               f"{d['detection_precision']:.3f}  recall {d['detection_recall']:.3f}")
    if misses:
        click.echo(f"\nwrong merges ({len(score.wrong)}):")
        for w in score.wrong:
            click.echo(f"  {' / '.join(w['clusters'])}: {' / '.join(w['articles'])} in "
                       f"{w['event']}  {w['type']}  {w['date']}  {w['place']}")
        click.echo(f"\nmerge stage misses ({len(score.misses)}):")
        for m in score.misses:
            click.echo(f"  {m['cluster']}: {' / '.join(m['articles'])}  "
                       f"{' | '.join(map(str, m['types']))}  {' | '.join(m['dates'])}  "
                       f"{' | '.join(map(str, m['places']))}  score {m['score']:.2f}: "
                       f"{'; '.join(m['reasons'])}")
