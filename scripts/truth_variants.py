"""Does the truth model gain from more information? Cross-validated figures of its variants.

    python scripts/truth_variants.py [eval/audit] [--k 5]

Codes every gold article once (rules and linking, no confidence filter), then scores, with the
same article folds as ``eventcoder eval audit --cv K``, a truth model fit on the other folds
for each variant of its inputs:

- ``shipped``: the shipped features (``eventcoder.extract.truth.FEATURES``);
- ``+words``: plus the words of the event's sentences and of the article's first 600
  characters (a vocabulary of words seen in at least 3 training rows, chosen inside each
  fold; the words' penalty is 20 times the other features');
- ``+cues``: plus whether the event's sentences name a political or armed target or actor
  ("candidate", "official", "journalist", "militants", "troops"...), and crime words;
- ``+rank``: plus where the event stands in its article (the first told, the most told, the
  highest rule score, its share of the article's tellings);
- ``two-level``: P(the article reports an event) from article features, times P(the row is
  true | the article reports one) fit on event articles only, with ``+rank``;
- ``+sentence``: plus what a sentence classifier says of the event's tellings (the highest
  and the mean probability). The classifier is a logistic model over the words and word pairs
  of every candidate sentence, its trigger, rule status and reason, fit to say whether the
  sentence is one of a gold event's (its spans), on the candidates of the other folds only
  (its cross-validated AUC is printed beside the rule status's).

Prints precision, recall and F1 at the thresholds 0.3, 0.4 and 0.5. docs/extraction.md
("What the truth model was not helped by") reports the result.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from eventcoder.config import Config
from eventcoder.eval.audit import fold_of, labels, score
from eventcoder.eval.gold import GoldArticle, read_gold
from eventcoder.extract.truth import FEATURES, TruthModel
from eventcoder.pipeline import Pipeline
from eventcoder.schema import Article, Candidate, Event

FI = {k: n for n, k in enumerate(FEATURES)}
WORD = re.compile(r"[a-z][a-z'-]+")
TARGET = re.compile(
    r"\b(?:candidates?|mayors?|council(?:l?ors?)?|officials?|journalists?|reporters?|"
    r"activists?|leaders?|lawmakers?|politicians?|governors?|ministers?|judges?|elders?|"
    r"clerics?|party|opposition|soldiers?|troops|policem[ae]n|officers?|militia\w*|rebels?|"
    r"militants?|insurgents?|fighters?|protesters?|demonstrators?|displaced|aid\s+workers?)\b",
    re.IGNORECASE)
CRIME = re.compile(
    r"\b(?:robber\w*|burglar\w*|theft|stolen|drugs?|domestic|girlfriend|boyfriend|wife|husband|"
    r"sheriff|deputies|homicide|murder\w*|nightclub|argument|dispute|charged\s+with)\b",
    re.IGNORECASE)
ARTICLE = ("conflict_density", "crime_density", "crime_vs_conflict", "quote_density",
           "rejected_share", "events_in_article", "log_chars")


SENT_WORD = re.compile(r"[a-z]+|\d+")


def _sentence_features(c: Candidate, text: str) -> set[str]:
    toks = SENT_WORD.findall(c.sentence.text.lower())
    f = {"w:" + t for t in toks} | {f"b:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)}
    f |= {"st:" + c.status, "tr:" + c.trigger.text.lower(), f"sub:{c.sub_event_type}"}
    f |= {"r:" + t for t in SENT_WORD.findall(c.reason.lower())[:6]}
    f.add(f"pos:{min(int(c.sentence.start / max(len(text), 1) * 5), 4)}")
    return f


def _auc(p: np.ndarray, y: np.ndarray) -> float:
    ranks = np.empty(len(p))
    ranks[np.argsort(p, kind="stable")] = np.arange(len(p))
    n1 = y.sum()
    n0 = len(y) - n1
    return float((ranks[y == 1].sum() - n1 * (n1 - 1) / 2) / (n1 * n0))


def sentence_probabilities(gold: Sequence[GoldArticle], cands: Sequence[Sequence[Candidate]],
                           k: int) -> tuple[list[list[float]], float, float]:
    """Out-of-fold P(this candidate sentence tells a gold event), and the AUC of it and of
    the rule status ("reported" or not) over every candidate."""
    items = [(i, c, _sentence_features(c, gold[i].text),
              int(any(a < c.sentence.end and c.sentence.start < b
                      for e in gold[i].events for a, b in (e.spans or []))))
             for i in range(len(gold)) for c in cands[i]]
    probs = np.zeros(len(items))
    for fold in range(k):
        train = [n for n, it in enumerate(items) if fold_of(gold[it[0]].id, k) != fold]
        test = [n for n, it in enumerate(items) if fold_of(gold[it[0]].id, k) == fold]
        df = Counter(x for n in train for x in items[n][2])
        vocab = {x: j + 1 for j, x in enumerate(sorted(x for x, c in df.items() if c >= 3))}

        def matrix(idx: list[int], vocab: dict[str, int] = vocab) -> np.ndarray:
            m = np.zeros((len(idx), len(vocab) + 1))
            m[:, 0] = 1.0
            for r, n in enumerate(idx):
                m[r, [vocab[x] for x in items[n][2] if x in vocab]] = 1.0
            return m

        X = matrix(train)
        y = np.array([items[n][3] for n in train], dtype=np.float64)
        w = np.zeros(X.shape[1])
        g2 = np.full(X.shape[1], 1e-8)
        for _ in range(400):  # Adagrad on the L2-penalised log loss (penalty 3)
            g = X.T @ (_sigmoid(X @ w) - y) + 3.0 * np.r_[0.0, w[1:]]
            g2 += g * g
            w -= 0.5 * g / np.sqrt(g2)
        probs[test] = _sigmoid(matrix(test) @ w)
    ys = np.array([it[3] for it in items])
    status = np.array([float(it[1].status == "reported") for it in items])
    out: list[list[float]] = [[] for _ in gold]
    for n, it in enumerate(items):
        out[it[0]].append(float(probs[n]))
    return out, _auc(probs, ys), _auc(status, ys)


class Row:
    """One written event of the rules, with what the variants read of it."""

    def __init__(self, text: str, events: Sequence[Event], xs: Sequence[np.ndarray], j: int,
                 cands: Sequence[Candidate] = (), sent_probs: Sequence[float] = ()):
        self.x = xs[j]
        e = events[j]
        told = [p for c, p in zip(cands, sent_probs, strict=True) if c.event_id == e.event_id]
        self.sentence = np.array([max(told, default=0.0), float(np.mean(told)) if told else 0.0])
        sents = e.evidence_for("sentence")
        said = " ".join(text[s.start:s.end] for s in sents)
        self.words = {"s:" + w for w in WORD.findall(said.lower())} | {
            "a:" + w for w in WORD.findall(text[:600].lower())}
        self.cues = np.array([float(bool(TARGET.search(said))), float(bool(CRIME.search(said)))])
        starts = [(ev.evidence_for("sentence") or [None])[0] for ev in events]
        pos = sorted(range(len(events)), key=lambda k: starts[k].start if starts[k] else 0)
        X = np.vstack(xs)
        told = X[:, FI["mentions"]]
        self.rank = np.array([float(pos.index(j) == 0), np.log1p(pos.index(j)),
                              float(told[j] >= told.max()),
                              float(X[j, FI["rule_score"]] >= X[:, FI["rule_score"]].max()),
                              told[j] / (told.sum() or 1.0)])
        self.article = np.r_[1.0, X[0, [FI[k] for k in ARTICLE]],
                             X[:, [FI[k] for k in ("rule_score", "mentions", "has_date",
                                                   "fatalities", "actor1_named", "lead",
                                                   "main_predicate")]].max(axis=0)]


def _fit(X: np.ndarray, y: Sequence[int], l2: float = 1.0) -> np.ndarray:
    return TruthModel.fit(X, np.asarray(y), l2=l2).w


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def cross_validate(rows: list[list[Row]], ys: list[list[int]], kinds: list[str],
                   ids: list[str], variant: str, k: int) -> list[list[float]]:
    conf = [[0.0] * len(r) for r in rows]
    for fold in range(k):
        train = [(i, j) for i in range(len(rows)) if fold_of(ids[i], k) != fold
                 for j in range(len(rows[i]))]
        test = [(i, j) for i in range(len(rows)) if fold_of(ids[i], k) == fold
                for j in range(len(rows[i]))]
        vocab: dict[str, int] = {}
        if variant == "+words":
            df = Counter(w for i, j in train for w in rows[i][j].words)
            vocab = {w: n for n, w in enumerate(sorted(w for w, c in df.items() if c >= 3))}
        scale = 1 / np.sqrt(20.0)  # a feature scaled by s is penalised 1/s^2 times as much

        def feats(i: int, j: int, vocab: dict[str, int] = vocab,
                  scale: float = scale) -> np.ndarray:
            r = rows[i][j]
            if variant == "+words":
                v = np.zeros(len(vocab))
                v[[vocab[w] for w in r.words if w in vocab]] = scale
                return np.r_[r.x, v]
            if variant == "+cues":
                return np.r_[r.x, r.cues]
            if variant == "+sentence":
                return np.r_[r.x, r.sentence]
            if variant in ("+rank", "two-level"):
                return np.r_[r.x, r.rank]
            return r.x

        def matrix(pairs: list[tuple[int, int]], f: Callable[[int, int], np.ndarray]
                   ) -> np.ndarray:
            return np.vstack([f(i, j) for i, j in pairs])

        if variant == "two-level":
            arts = sorted({i for i, _ in train})
            wa = _fit(np.vstack([rows[i][0].article for i in arts]),
                      [int(kinds[i] == "event") for i in arts])
            ev_train = [(i, j) for i, j in train if kinds[i] == "event"]
            wr = _fit(matrix(ev_train, feats), [ys[i][j] for i, j in ev_train])
            for i, j in test:
                conf[i][j] = float(_sigmoid(rows[i][0].article @ wa) *
                                   _sigmoid(feats(i, j) @ wr))
        else:
            w = _fit(matrix(train, feats), [ys[i][j] for i, j in train])
            for i, j in test:
                conf[i][j] = float(_sigmoid(feats(i, j) @ w))
    return conf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", type=Path, default=Path("eval/audit"))
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()
    gold = read_gold(args.gold)
    pipe = Pipeline(Config.load(min_confidence=0.0), truth=None)
    arts = [Article.from_text(g.text, id=g.id, published=g.published) for g in gold]
    results = list(pipe.process_many(arts))
    events = [list(r.events) for r in results]
    cands = [list(r.candidates) for r in results]
    ys = labels(gold, events)
    sent, auc_model, auc_status = sentence_probabilities(gold, cands, args.k)
    rows = [[Row(g.text, r.events, [r.features[e.event_id] for e in r.events], j, cands[i],
                 sent[i]) for j in range(len(r.events))]
            for i, (g, r) in enumerate(zip(gold, results, strict=True))]
    kinds = [g.kind for g in gold]
    ids = [g.id for g in gold]
    print(f"{len(gold)} articles, {sum(map(len, rows))} rows written by the rules, "
          f"{sum(map(sum, ys))} of them true; {args.k}-fold CV by article")
    print(f"sentence classifier over {sum(map(len, cands))} candidates: CV AUC {auc_model:.3f} "
          f"(the rule status alone {auc_status:.3f})")
    print(f"{'variant':<12} " + "  ".join(f"P/R/F1 at {t}" for t in (0.3, 0.4, 0.5)))
    for variant in ("shipped", "+words", "+cues", "+rank", "two-level", "+sentence"):
        conf = cross_validate(rows, ys, kinds, ids, variant, args.k)
        cells = []
        for t in (0.3, 0.4, 0.5):
            kept = [[e for e, c in zip(evs, cs, strict=True) if c >= t]
                    for evs, cs in zip(events, conf, strict=True)]
            tot = score(gold, kept).totals()
            cells.append(f"{tot['precision']:.3f}/{tot['recall']:.3f}/{tot['f1']:.3f}")
        print(f"{variant:<12} " + "  ".join(cells))


if __name__ == "__main__":
    main()
