"""``eventcoder eval events``: score the event extractor on CASE 2021, UCDP GED or PLOVER.

- ``case2021``: each snippet's prediction is the sub-event type of its first mention (the
  news lead; none: "kept out"). Per-class precision/recall/F1 over ACLED's 25 types, accuracy on the
  ACLED snippets, macro and weighted F1, the share of non-ACLED snippets kept out, and a
  reliability table of the confidences.
- ``ucdp``: on each headline (the ";"-separated source headlines of one UCDP event, joined
  as sentences): share with an event, share whose fatalities fall within UCDP's [low, high],
  share located within 50 km of UCDP's point (the geoparser's event location of the first
  mention). A headline's fatalities are the smallest positive count among its mentions, as
  the pipeline reports them (the conservative figure across sources: UCDP counts one event,
  headlines often give totals), 0 when none; a second figure applies UCDP's inclusion floor
  (every UCDP event has at least one death, so no number read counts as 1). For reading the
  figures, the command also prints two ceilings that use the gold: the share of empty
  headlines, and the share of headlines where 1 or some number written in the headline falls
  within [low, high] (the best any reading of the headline alone could score).
- ``plover``: actor-role accuracy: a gold source (target) actor counts as found when actor1
  (actor2) of the first mention names it (span overlap by text).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..geo.resolve import haversine_km
from ..taxonomy import NON_ACLED_CASE_LABELS, SUB_EVENT_BY_CASE_LABEL, SUB_EVENT_TYPES

if TYPE_CHECKING:
    from ..extract import EventExtractor
    from ..schema import EventMention

NONE = "(none)"


@dataclass
class CaseResult:
    """Scores on CASE 2021 task 2."""

    per_class: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)
    accuracy: float = 0.0
    macro_f1: float = 0.0
    weighted_f1: float = 0.0
    kept_out: int = 0
    non_acled: int = 0
    n_acled: int = 0
    reliability: list[tuple[float, float, int, float]] = field(default_factory=list)
    pairs: list[tuple[str, str, float]] = field(default_factory=list)  # gold, pred, raw score


# -- corpora ---------------------------------------------------------------------------------
def read_case2021(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, gold label) rows of a CASE 2021 task 2 TSV."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or len(header) < 3:
            raise click.ClickException(f"{path}: expected a TSV with columns id, snippet, label")
        for row in reader:
            if len(row) >= 3:
                rows.append((row[0], row[1], row[-1].strip()))
    if not rows:
        raise click.ClickException(f"{path}: no rows")
    return rows


def read_ucdp(path: Path) -> list[dict[str, str]]:
    """Rows of a UCDP GED CSV (needs source_headline, low, high)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "source_headline" not in rows[0]:
        raise click.ClickException(f"{path}: not a UCDP GED CSV (no source_headline column)")
    return rows


def read_plover(path: Path) -> list[dict[str, Any]]:
    """PLOVER gold records (JSON array; trailing commas are stripped)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r",(\s*[\]}])", r"\1", raw)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise click.ClickException(f"{path}: not PLOVER JSON ({err})") from None
    return [r for r in data if isinstance(r, dict) and r.get("text")]


# -- scoring ---------------------------------------------------------------------------------
def _extract_all(texts: Iterable[tuple[str, dt.date | None]], extractor: EventExtractor,
                 nlp: Any, n: int, label: str) -> Iterator[list[EventMention]]:
    from ..schema import Article

    items = list(texts)
    with click.progressbar(length=n, label=label, file=sys.stderr) as bar:
        for (text, published), doc in zip(items, nlp.pipe(t for t, _ in items), strict=True):
            art = Article.from_text(text, published=published)
            yield extractor.extract(doc, art)
            bar.update(1)


def _best(ms: list[EventMention]) -> EventMention | None:
    """The mention a one-label snippet is scored by: the first one (the lead)."""
    return ms[0] if ms else None


def score_case2021(rows: list[tuple[str, str, str]], extractor: EventExtractor, nlp: Any
                   ) -> CaseResult:
    """Score typing on CASE 2021 rows; see the module docstring."""
    name = {lab: s.name for lab, s in SUB_EVENT_BY_CASE_LABEL.items()}
    pairs = []
    for (_, _, gold), ms in zip(rows, _extract_all(((r[1], None) for r in rows), extractor, nlp,
                                                   len(rows), "case2021"), strict=True):
        best = _best(ms)
        pred = best.sub_event_type if best else NONE
        pairs.append((name.get(gold, gold), pred, best.confidence if best else 0.0))
    return score_pairs(pairs)


def score_pairs(pairs: list[tuple[str, str, float]]) -> CaseResult:
    """Per-class P/R/F1 over ACLED's 25 types, accuracy, macro and weighted F1 and the kept-out
    share of (gold, predicted, confidence) triples (gold: an ACLED sub-event type name, or a
    CASE out-of-ACLED label; predicted: a type name or ``(none)``)."""
    res = CaseResult(pairs=list(pairs))
    labels = [s.name for s in SUB_EVENT_TYPES]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred, _ in res.pairs:
        acled = gold in labels
        if acled:
            res.n_acled += 1
            if pred == gold:
                tp[gold] += 1
            else:
                fn[gold] += 1
                if pred != NONE:
                    fp[pred] += 1
        else:
            res.non_acled += 1
            if pred == NONE:
                res.kept_out += 1
            else:
                fp[pred] += 1
    f1s, weights = [], []
    for lab in labels:
        support = tp[lab] + fn[lab]
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        res.per_class[lab] = (p, r, f, support)
        if support:
            f1s.append(f)
            weights.append(support)
    res.accuracy = sum(tp.values()) / res.n_acled if res.n_acled else 0.0
    res.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    res.weighted_f1 = (sum(f * w for f, w in zip(f1s, weights, strict=True)) / sum(weights)
                       if weights else 0.0)
    res.reliability = reliability(res.pairs)
    return res


def reliability(pairs: list[tuple[str, str, float]], bins: int = 10
                ) -> list[tuple[float, float, int, float]]:
    """(bin low, bin high, count, observed precision) of predictions by confidence."""
    table = []
    preds = [(conf, gold == pred) for gold, pred, conf in pairs if pred != NONE]
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [ok for c, ok in preds if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if sel:
            table.append((lo, hi, len(sel), sum(sel) / len(sel)))
    return table


def fit_calibration(pairs: list[tuple[str, str, float]], bins: int = 8) -> dict[str, Any]:
    """Isotonic (pool-adjacent-violators) map raw score -> precision, as bin means."""
    preds = sorted((conf, float(gold == pred)) for gold, pred, conf in pairs if pred != NONE)
    if not preds:
        raise click.ClickException("no predictions to calibrate on")
    # blocks of equal raw scores stay together; [upper raw score, correct, count]
    size = max(1, len(preds) // bins)
    blocks: list[list[float]] = []
    for conf, y in preds:
        if blocks and (blocks[-1][2] < size or conf == blocks[-1][0]):
            blocks[-1][0] = conf
            blocks[-1][1] += y
            blocks[-1][2] += 1
        else:
            blocks.append([conf, y, 1])
    merged: list[list[float]] = []
    for blk in blocks:
        merged.append(blk)
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] > merged[-1][1] / merged[-1][2]:
            b2 = merged.pop()
            b1 = merged.pop()
            merged.append([b2[0], b1[1] + b2[1], b1[2] + b2[2]])
    return {"mode": "step",
            "x": [round(b[0], 4) for b in merged],
            "y": [round(b[1] / b[2], 4) for b in merged],
            "n": [int(b[2]) for b in merged],
            "source": "CASE 2021 task 2 dev (eventcoder eval events --calibrate)"}


def _headline(row: dict[str, str]) -> str:
    h = row.get("source_headline") or ""
    parts = [p.strip().rstrip(".") for p in h.split(";") if len(p.strip()) > 3]
    return ". ".join(parts) + "." if parts else ""


# -- event geolocation against UCDP ------------------------------------------------------------
#: Words UCDP (and GeoNames) add to an admin area's name: "Idlib governorate", "Kandahar
#: province", "Chechnya republic". Dropped before names are compared.
ADMIN_WORDS = frozenset({
    "governorate", "province", "provincia", "state", "estado", "region", "district",
    "department", "departamento", "county", "prefecture", "oblast", "krai", "kray", "republic",
    "division", "municipality", "territory", "zone", "muhafazah", "muhafazat", "wilayah",
    "wilaya", "of", "the", "autonomous", "federal", "administrative", "special", "capital",
    "oblast'", "respublika", "governorat", "provinsi", "parish", "emirate", "ostan"})

#: UCDP's country names GeoNames spells otherwise (UCDP adds former names in brackets,
#: handled separately).
UCDP_COUNTRY_NAMES = {"dr congo": "CD", "ivory coast": "CI", "bosnia herzegovina": "BA",
                      "kingdom of eswatini": "SZ", "cambodia kampuchea": "KH",
                      "madagascar malagasy": "MG", "zimbabwe rhodesia": "ZW"}

#: UCDP where_prec -> the ACLED geo_precision that says the same (None: not comparable).
#: 1 exact place -> 1; 2 within ~25 km of a known point -> 2; 3 second-order admin area -> 2;
#: 4 first-order admin area -> 3; 6 only the country -> 3 (ACLED's widest); 5 (a line or an
#: area between admin levels) and 7 (waters, airspace) have no ACLED counterpart.
UCDP_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 6: 3}

GEO_RADII_KM = (25.0, 50.0, 100.0)


def admin_key(name: str) -> str:
    """A loose key of an admin area's name: accents folded, lower case, admin words dropped,
    Arabic articles unified ("Deir ez Zor governorate" and "Dayr az Zawr" stay apart, but
    "Şalāḩ ad Dīn province" and "Salah ad Din" meet)."""
    from ..geo.text import loose_key, name_key

    words = [w for w in name_key(name).split() if w not in ADMIN_WORDS]
    return loose_key(" ".join(words))


def ucdp_country_code(name: str, gazetteer: Any) -> str | None:
    """ISO alpha-2 code of a UCDP country name ("DR Congo (Zaire)", "Yemen (North Yemen)"),
    by the gazetteer's country names and alternate names; None when unknown."""
    from ..geo.text import name_key

    if not name or not name.strip():
        return None
    main, _, rest = name.partition("(")
    variants = [main.strip(), rest.rstrip(") ").strip(), name.strip()]
    by_name = {name_key(info.name): cc for cc, info in gazetteer.countries.items() if info.name}
    for v in filter(None, variants):
        k = name_key(v)
        if k in UCDP_COUNTRY_NAMES:
            return UCDP_COUNTRY_NAMES[k]
        if k in by_name:
            return by_name[k]
        for cand in gazetteer.lookup(v):
            if cand.is_country and cand.country_code:
                return str(cand.country_code)
    return None


def ucdp_admin1_keys(adm1: str, cc: str | None, gazetteer: Any) -> set[str]:
    """Keys under which UCDP's adm_1 may appear on our side: its own loose key, and the
    GeoNames admin1 names of the first-order areas (in UCDP's country) the gazetteer knows
    by that name ("Hilmand province" -> "Helmand")."""
    if not adm1.strip():
        return set()
    keys = {admin_key(adm1)}
    stripped = " ".join(w for w in re.split(r"\s+", adm1.strip())
                        if w.lower() not in ADMIN_WORDS)
    for query in {adm1.strip(), stripped}:
        for cand in gazetteer.lookup(query) if query else ():
            if cand.feature_code != "ADM1" or (cc and cand.country_code != cc):
                continue
            nm = gazetteer.admin1_name(cand.country_code, cand.admin1_code)
            keys.update(admin_key(x) for x in (nm, cand.name) if x)
    keys.discard("")
    return keys


def location_admin1_keys(loc: Any) -> set[str]:
    """Keys of the first-order area our location lies in (its admin1, or the place itself
    when it is one), and of its second-order area: where GeoNames' first level is a region
    of provinces (the Philippines), UCDP's adm_1 is GeoNames' admin2."""
    keys = set()
    for name in (loc.admin1, loc.admin2):
        if name:
            keys.add(admin_key(name))
    p = loc.place
    if p is not None and p.feature_code in ("ADM1", "ADM2"):
        keys.update(admin_key(x) for x in (p.name, p.text) if x)
    keys.discard("")
    return keys


def same_admin_name(ucdp_keys: set[str], our_keys: set[str]) -> bool:
    """Whether two sets of admin keys share a name, allowing a transliteration difference in
    one word of 5+ letters ("panjsher" and "panjshir"; not "north west" and "north east")."""
    if ucdp_keys & our_keys:
        return True
    for a in ucdp_keys:
        for b in our_keys:
            wa, wb = a.split(), b.split()
            if len(wa) != len(wb):
                continue
            diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
            if len(diff) == 1:
                x, y = diff[0]
                if (min(len(x), len(y)) >= 5 and x[0] == y[0]
                        and SequenceMatcher(None, x, y).ratio() >= 0.8):
                    return True
    return False


@dataclass
class GeoRow:
    """How one headline's event location compares with UCDP's (None: not comparable)."""

    located: bool = False
    distance_km: float | None = None
    country_ok: bool | None = None
    admin1_ok: bool | None = None
    precision_pair: tuple[int, int] | None = None  # (UCDP where_prec as ACLED, ours)
    ceiling_50km: bool = False
    step: str = "none"  # which step of locate chose (see locate_step)


def locate_step(reason: str) -> str:
    """Which step of :func:`eventcoder.geo.locate.locate` chose, read from its ``reason``."""
    r = reason or ""
    if not r or r.startswith("no literal place"):
        return "none"
    if "the place of" in r:
        return "possessive"
    if "is the most specific place of the event" in r or "), is attached to the trigger" in r:
        return "country refined"
    for prefix, step in (("place attached to the trigger by the extractor", "extractor"),
                         ("nearest place in the event's sentence", "sentence"),
                         ("nearest place in the event's paragraph", "paragraph"),
                         ("document focus", "focus")):
        if r.startswith(prefix):
            return step
    if "syntactically attached" in r:
        return "syntactic"
    if "the extractor" in r:  # a town within, or more precise than, the extractor's place
        return "extractor"
    return "other"


def geo_row(loc: Any, places: Iterable[Any], row: dict[str, str],
            gazetteer: Any | None) -> GeoRow:
    """Compare the :class:`~eventcoder.schema.Location` chosen for a headline's first event
    (and all the places the geoparser found in it) with the UCDP row's point, country,
    adm_1 and where_prec."""
    lat, lon = _num(row.get("latitude")), _num(row.get("longitude"))
    out = GeoRow(located=loc.latitude is not None and loc.longitude is not None,
                 step=locate_step(loc.reason))
    if lat is not None and lon is not None:
        if out.located:
            out.distance_km = haversine_km(loc.latitude, loc.longitude, lat, lon)
        out.ceiling_50km = any(
            p.role == "literal" and p.latitude is not None and p.longitude is not None
            and haversine_km(p.latitude, p.longitude, lat, lon) <= 50.0 for p in places)
    cc = ucdp_country_code(row.get("country") or "", gazetteer) if gazetteer else None
    ours_cc = loc.place.country_code if loc.place is not None else None
    if cc:
        out.country_ok = out.located and ours_cc == cc
    adm1 = row.get("adm_1") or ""
    if adm1.strip() and gazetteer is not None:
        want = ucdp_admin1_keys(adm1, cc, gazetteer)
        out.admin1_ok = bool(out.located and (cc is None or ours_cc == cc)
                             and same_admin_name(want, location_admin1_keys(loc)))
    prec = _num(row.get("where_prec"))
    acled = UCDP_PRECISION.get(int(prec)) if prec is not None else None
    if acled is not None and out.located:
        out.precision_pair = (acled, loc.geo_precision)
    return out


def geo_summary(geo_rows: list[GeoRow]) -> dict[str, Any]:
    """Shares over the headlines with an event and a UCDP point (see :func:`geo_row`)."""
    n = len(geo_rows)

    def share(k: int, of: int) -> float:
        return k / of if of else float("nan")

    located = sum(g.located for g in geo_rows)
    country = [g.country_ok for g in geo_rows if g.country_ok is not None]
    admin1 = [g.admin1_ok for g in geo_rows if g.admin1_ok is not None]
    pairs = [g.precision_pair for g in geo_rows if g.precision_pair is not None]
    ceiling = sum(g.ceiling_50km for g in geo_rows)
    within = {r: sum(g.distance_km is not None and g.distance_km <= r for g in geo_rows)
              for r in GEO_RADII_KM}
    missed = sum(g.ceiling_50km and not (g.distance_km is not None and g.distance_km <= 50.0)
                 for g in geo_rows)
    confusion = Counter(f"{a}->{b}" for a, b in pairs)
    out: dict[str, Any] = {
        "geo_headlines": n,
        "geo_located": share(located, n), "geo_located_n": located,
        "geo_country": share(sum(country), len(country)), "geo_country_of": len(country),
        "geo_admin1": share(sum(admin1), len(admin1)), "geo_admin1_of": len(admin1),
        "geo_precision_agrees": share(sum(a == b for a, b in pairs), len(pairs)),
        "geo_precision_of": len(pairs),
        "geo_precision_confusion": dict(sorted(confusion.items())),
        "geo_ceiling_50km": share(ceiling, n), "geo_ceiling_50km_n": ceiling,
        "geo_ceiling_missed": missed,
    }
    for r, k in within.items():
        out[f"geo_within_{int(r)}km"] = share(k, n)
    steps: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in geo_rows:
        steps[g.step][0] += 1
        steps[g.step][1] += g.distance_km is not None and g.distance_km <= 50.0
    out["geo_by_step"] = {k: {"n": v[0], "within_50km": share(v[1], v[0])}
                          for k, v in sorted(steps.items(), key=lambda kv: -kv[1][0])}
    return out


def print_geo_table(out: dict[str, Any]) -> None:
    """The event geolocation table of ``eval events --corpus ucdp``."""
    n = out.get("geo_headlines", 0)
    if not n:
        return
    echo = click.echo
    echo(f"event geolocation (first event of {n} headlines with an event and a UCDP point):")
    rows = [("located at all", out["geo_located"], n),
            ("in UCDP's country", out["geo_country"], out["geo_country_of"]),
            ("in UCDP's adm_1", out["geo_admin1"], out["geo_admin1_of"])]
    rows += [(f"within {int(r)} km of UCDP's point", out[f"geo_within_{int(r)}km"], n)
             for r in GEO_RADII_KM]
    rows += [("geo_precision agrees with where_prec", out["geo_precision_agrees"],
              out["geo_precision_of"]),
             ("ceiling: a literal place found within 50 km", out["geo_ceiling_50km"], n)]
    echo(f"  {'measure':44} {'share':>6} {'of':>5}")
    for label, value, of in rows:
        echo(f"  {label:44} {value:6.3f} {of:5d}")
    echo(f"  headlines where a place within 50 km was found but another was chosen: "
         f"{out['geo_ceiling_missed']}")
    by_step = out.get("geo_by_step") or {}
    if by_step:
        echo("  by locate step (headlines, share within 50 km): " + "; ".join(
            f"{k} {v['n']} {v['within_50km']:.2f}" for k, v in by_step.items()))
    conf = out.get("geo_precision_confusion") or {}
    if conf:
        echo("  precision (UCDP as ACLED -> ours): "
             + ", ".join(f"{k}: {v}" for k, v in conf.items()))


#: A headline that reports a killing (for the "a killing gives an event" measure).
KILLING_WORD = re.compile(r"\b(?:kill\w*|dead|died|dies|deaths?|slain|shot|massacre\w*|"
                          r"behead\w*|murder\w*|lynch\w*|assassinat\w+)\b", re.IGNORECASE)


def score_ucdp(rows: list[dict[str, str]], extractor: EventExtractor, nlp: Any,
               geoparser: Any | None) -> dict[str, Any]:
    """Event share, fatalities within [low, high] and event geolocation on UCDP headlines
    (see :func:`geo_row` and :func:`geo_summary` for the location figures)."""
    from ..extract.numbers import headline_numbers
    from ..schema import Article

    heads = [(_headline(r), _date(r.get("date_start"))) for r in rows]
    n = with_event = within = within_floor = empty = reachable = 0
    killing = killing_event = killing_within = 0
    geo_rows: list[GeoRow] = []
    gz = getattr(geoparser, "gazetteer", None)
    for (text, pub), row, doc in zip(heads, rows, _pipe_docs(heads, nlp, "ucdp"), strict=True):
        art = Article.from_text(text or " ", published=pub)
        ms = extractor.extract(doc, art) if text else []
        n += 1
        with_event += bool(ms)
        fat = min((m.fatalities for m in ms if m.fatalities), default=0)
        low, high = _num(row.get("low")), _num(row.get("high"))
        if low is not None and high is not None and low <= fat <= high:
            within += 1
        if low is not None and high is not None and low <= (fat or 1) <= high:
            within_floor += 1
        empty += not text
        if text and KILLING_WORD.search(text):
            killing += 1
            killing_event += bool(ms)
            killing_within += low is not None and high is not None and low <= fat <= high
        if low is not None and high is not None and any(
                low <= v <= high for v in {1, *headline_numbers(text)}):
            reachable += 1
        if geoparser is not None and ms and row.get("latitude") and row.get("longitude"):
            places = geoparser.parse(doc)
            loc = geoparser.locate(doc, ms[0], places)
            geo_rows.append(geo_row(loc, places, row, gz))
    located = sum(g.distance_km is not None and g.distance_km <= 50.0 for g in geo_rows)
    out: dict[str, Any] = {
        "headlines": n, "with_event": with_event / n if n else 0.0,
        "fatalities_within": within / n if n else 0.0,
        "fatalities_within_floor1": within_floor / n if n else 0.0,
        "located_50km": located / len(geo_rows) if geo_rows else float("nan"),
        "located_of": len(geo_rows),
        "empty_headlines": empty / n if n else 0.0,
        "ceiling_headline_numbers": reachable / n if n else 0.0,
        "killing_headlines": killing,
        "killing_with_event": killing_event / killing if killing else 0.0,
        "killing_fatalities_within": killing_within / killing if killing else 0.0}
    if geoparser is not None:
        out.update(geo_summary(geo_rows))
    return out


def _pipe_docs(items: list[tuple[str, dt.date | None]], nlp: Any, label: str) -> Iterator[Any]:
    with click.progressbar(length=len(items), label=label,
                           file=sys.stderr) as bar:
        for doc in nlp.pipe(t or " " for t, _ in items):
            bar.update(1)
            yield doc


def _num(v: str | None) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def _date(v: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v[:10]) if v else None
    except ValueError:
        return None


def _names(actors: list[dict[str, Any]] | dict[str, Any] | None) -> list[str]:
    if not actors:
        return []
    if isinstance(actors, dict):
        actors = [actors]
    return [a.get("actorText", "") for a in actors if isinstance(a, dict) and a.get("actorText")]


def _match(gold: list[str], ment: Any) -> bool:
    if ment is None:
        return False
    texts = [ment.name.lower()] + ([ment.span.text.lower()] if ment.span else [])
    for g in gold:
        g = g.lower()
        if any(g in t or (t in g and len(t) > 2) for t in texts):
            return True
    return False


def score_plover(records: list[dict[str, Any]], extractor: EventExtractor, nlp: Any
                 ) -> dict[str, float]:
    """Actor-role accuracy on PLOVER gold records."""
    items = [(r["text"], _date(r.get("date"))) for r in records]
    detected = det_roles = det_ok = 0
    seen: Counter[str] = Counter()  # gold roles, by role
    hits: Counter[str] = Counter()  # ... of which actor1/actor2 names them
    for rec, ms in zip(records, _extract_all(items, extractor, nlp, len(items), "plover"),
                       strict=True):
        m = ms[0] if ms else None
        detected += m is not None
        for gold_key, actor_attr in (("source", "actor1"), ("target", "actor2")):
            gold = _names(rec.get(gold_key))
            if not gold:
                continue
            ok = _match(gold, getattr(m, actor_attr) if m else None)
            seen[gold_key] += 1
            hits[gold_key] += ok
            if m is not None:
                det_roles += 1
                det_ok += ok
    n = len(records)
    roles, correct = sum(seen.values()), sum(hits.values())
    return {"records": n, "detected": detected / n if n else 0.0,
            "role_accuracy": correct / roles if roles else 0.0,
            "role_accuracy_detected": det_ok / det_roles if det_roles else 0.0,
            "source_accuracy": hits["source"] / seen["source"] if seen["source"] else 0.0,
            "target_accuracy": hits["target"] / seen["target"] if seen["target"] else 0.0}


# -- command ---------------------------------------------------------------------------------
def _print_case(res: CaseResult) -> None:
    echo = click.echo
    echo(f"{'sub-event type':42} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for lab, (p, r, f, n) in res.per_class.items():
        echo(f"{lab:42} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
    echo("")
    echo(f"ACLED snippets: {res.n_acled}   accuracy: {res.accuracy:.3f}   "
         f"macro F1: {res.macro_f1:.3f}   weighted F1: {res.weighted_f1:.3f}")
    share = res.kept_out / res.non_acled if res.non_acled else 0.0
    echo(f"non-ACLED snippets kept out: {res.kept_out}/{res.non_acled} ({share:.1%})")
    missed = sum(1 for g, p, _ in res.pairs if p == NONE and g not in NON_ACLED_CASE_LABELS
                 and g in {s.name for s in SUB_EVENT_TYPES})
    echo(f"ACLED snippets with no event: {missed}")
    echo("")
    echo("reliability (confidence bin, predictions, observed precision):")
    for lo, hi, n, prec in res.reliability:
        echo(f"  [{lo:.1f}, {hi:.1f})  {n:4d}  {prec:.3f}")


def run_case_cv(rows: list[tuple[str, str, str]], extractor: EventExtractor, nlp: Any, k: int,
                seed: int, *, classifier: bool, templates: Path | None,
                reject: float | None, override: float | None) -> dict[str, Any]:
    """``--cv K``: stratified K-fold figures of the rules and of rules + classifier (see
    :mod:`eventcoder.eval.case_cv`), as a dict for ``--json``; prints progress to stderr."""
    from ..extract.calibration import Calibrator
    from ..extract.extractor import DATA_DIR
    from . import case_cv

    docs = list(_pipe_docs([(r[1], None) for r in rows], nlp, "case2021"))
    items = case_cv.collect(rows, extractor, docs)
    extra: list[tuple[str, str]] = []
    if templates is not None:
        for line in templates.read_text(encoding="utf-8").splitlines():
            lab, sep, text = line.partition("\t")
            if sep and not line.startswith("#"):
                extra.append((lab.strip(), text.strip()))
    note = None
    if classifier:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            classifier = False
            note = ("classifier not cross-validated: scikit-learn is not installed "
                    "(pip install -e '.[train]')")
    try:
        folds, pooled = case_cv.cross_validate(
            items, k, seed, classifier=classifier, extra=extra, reject=reject,
            override=override, shipped=Calibrator.load(DATA_DIR / "calibration.json"))
    except ValueError as err:
        raise click.ClickException(str(err)) from None

    def figs(res: CaseResult | None) -> dict[str, float] | None:
        if res is None:
            return None
        return {"weighted_f1": res.weighted_f1, "accuracy": res.accuracy,
                "macro_f1": res.macro_f1, "kept_out": res.kept_out,
                "non_acled": res.non_acled,
                "kept_out_share": res.kept_out / res.non_acled if res.non_acled else 0.0}

    return {"folds": k, "seed": seed, "snippets": len(items), "note": note,
            "classifier": {"features": "segment n-grams + rule=<type>", "labels":
                           "25 ACLED types + NONE", "templates": str(templates) if templates
                           else None, "reject": reject,
                           "override": override if override is not None else
                           "chosen per fold by an inner CV on its training folds"},
            "per_fold": [{"n": f.n, "rules": figs(f.rules), "rules_classifier": figs(f.learned),
                          "override": f.override, "ece_fold_calibration": f.ece_fold,
                          "ece_shipped_calibration": f.ece_shipped} for f in folds],
            "pooled": {"rules": figs(pooled.rules), "rules_classifier": figs(pooled.learned),
                       "ece_fold_calibration": pooled.ece_fold,
                       "ece_shipped_calibration": pooled.ece_shipped}}


CV_CAVEAT = ("The rules were written looking at this very file, so these are development "
             "figures even under CV: only the learned parts (confidence calibration, "
             "classifier) are held out. A comparable system scored about 9 points lower on "
             "unseen snippets.")


def _print_cv(out: dict[str, Any]) -> None:
    echo = click.echo

    def cells(f: dict[str, float] | None) -> str:
        if f is None:
            return f"{'-':>6} {'-':>6} {'-':>9}"
        return (f"{f['weighted_f1']:6.3f} {f['accuracy']:6.3f} "
                f"{f['kept_out']:3d}/{f['non_acled']:<3d} {f['kept_out_share']:4.0%}")

    echo(f"CASE 2021 task 2, stratified {out['folds']}-fold CV (seed {out['seed']}, "
         f"{out['snippets']} snippets; weighted F1 over the 25 ACLED types, accuracy on the "
         f"ACLED snippets, out-of-ACLED snippets kept out)")
    echo(f"note: {CV_CAVEAT}")
    if out["note"]:
        echo(f"note: {out['note']}")
    echo(f"{'fold':>5} {'n':>4} | {'rules: wF1':>10} {'acc':>6} {'kept out':>13} | "
         f"{'+clf: wF1':>9} {'acc':>6} {'kept out':>13} | {'override':>8} | "
         f"{'ECE fold':>8} {'shipped':>7}")
    for i, f in enumerate(out["per_fold"], 1):
        thr = f["override"]
        thr_s = "-" if thr is None else ("never" if thr > 1 else f"{thr:.2f}")
        echo(f"{i:5d} {f['n']:4d} | {cells(f['rules']):>24} | {cells(f['rules_classifier']):>23}"
             f" | {thr_s:>8} | {f['ece_fold_calibration']:8.3f} "
             f"{f['ece_shipped_calibration']:7.3f}")
    p = out["pooled"]
    echo(f"{'all':>5} {out['snippets']:4d} | {cells(p['rules']):>24} | "
         f"{cells(p['rules_classifier']):>23} | {'':8} | {p['ece_fold_calibration']:8.3f} "
         f"{p['ece_shipped_calibration']:7.3f}")
    echo("rules: the rules alone (not learned: pooled over the folds, their typing equals the "
         "plain dev figure); +clf: rules + the classifier fitted on the other folds; ECE: "
         "calibration error of the rules' confidences with the calibration fitted on the "
         "other folds, and with the shipped one (fitted on all of this file).")
    if p["rules_classifier"] is not None:
        d = p["rules_classifier"]["weighted_f1"] - p["rules"]["weighted_f1"]
        echo(f"pooled weighted F1, rules + classifier minus rules: {d:+.3f}")


@click.command(name="events")
@click.option("--corpus", type=click.Choice(["case2021", "ucdp", "plover"]), required=True,
              help="Which corpus PATH is.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline (default: the configured one).")
@click.option("--actors", "actors_file", type=click.Path(path_type=Path), default=None,
              help="Extra actor dictionary that extends the shipped one.")
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--no-classifier", is_flag=True, help="Rules only (skip the linear classifier).")
@click.option("--no-geo", is_flag=True, help="ucdp: skip the location metric.")
@click.option("--calibrate", "calibrate_out", type=click.Path(path_type=Path), default=None,
              help="case2021: fit the confidence calibration on raw scores and write it here.")
@click.option("--confusion", is_flag=True, help="case2021: print the most common confusions.")
@click.option("--cv", "cv", type=int, default=None, metavar="K",
              help="case2021: stratified K-fold cross-validation: every learned part (the "
                   "calibration, the classifier) is fitted on the other folds; prints per-fold "
                   "and pooled figures, rules alone and rules + classifier.")
@click.option("--cv-seed", type=int, default=13, show_default=True,
              help="case2021 --cv: seed of the fold shuffle.")
@click.option("--cv-templates", type=click.Path(path_type=Path, exists=True), default=None,
              help="case2021 --cv: also train the classifier on these label<TAB>text examples "
                   "(e.g. training/templated.tsv).")
@click.option("--cv-reject", type=float, default=None,
              help="case2021 --cv: drop a mention whose NONE probability reaches this.")
@click.option("--cv-override", type=float, default=None,
              help="case2021 --cv: fixed override threshold (default: chosen per fold by an "
                   "inner CV on the training folds).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(corpus: str, path: Path, model: str | None, actors_file: Path | None,
            limit: int | None, no_classifier: bool, no_geo: bool, calibrate_out: Path | None,
            confusion: bool, cv: int | None, cv_seed: int, cv_templates: Path | None,
            cv_reject: float | None, cv_override: float | None, as_json: bool) -> None:
    """Score event extraction on an evaluation corpus and print a table.

    case2021: per-class P/R/F1, accuracy, macro and weighted F1 over ACLED's 25 types and the
    share of non-ACLED snippets kept out. ucdp: share of headlines with an event, fatalities
    within [low, high], location within 50 km. plover: actor-role accuracy.

    Example:

        eventcoder eval events --corpus case2021 ../shared/data/events/case2021-task2-dev.tsv

    Cross-validated (the learned parts held out; the rules were written on this file):

        eventcoder eval events --corpus case2021 --cv 5 ../shared/data/events/case2021-task2-dev.tsv
    """
    if not path.exists():
        raise click.ClickException(f"no such file: {path}")
    if actors_file is not None and not actors_file.exists():
        raise click.ClickException(f"no such actor file: {actors_file}")
    from ..cli.common import load_config
    from ..extract import EventExtractor
    from ..extract.calibration import Calibrator
    from ..nlp import ModelNotFoundError, load_nlp

    config = load_config(model=model)
    try:
        nlp = load_nlp(config.model)
    except ModelNotFoundError as err:
        raise click.ClickException(str(err)) from None
    try:
        extractor = EventExtractor(actors_file, use_classifier=not no_classifier)
    except (ValueError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from None
    if calibrate_out is not None:
        extractor.calibrator = Calibrator()  # raw scores
    if cv is not None and corpus != "case2021":
        raise click.ClickException("--cv is for --corpus case2021")
    if corpus == "case2021" and cv is not None:
        out_cv = run_case_cv(read_case2021(path)[:limit], extractor, nlp, cv, cv_seed,
                             classifier=not no_classifier, templates=cv_templates,
                             reject=cv_reject, override=cv_override)
        if as_json:
            click.echo(json.dumps({**out_cv, "caveat": CV_CAVEAT}, indent=1))
        else:
            _print_cv(out_cv)
    elif corpus == "case2021":
        rows = read_case2021(path)[:limit]
        res = score_case2021(rows, extractor, nlp)
        if calibrate_out is not None:
            table = fit_calibration(res.pairs)
            calibrate_out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
            click.echo(f"calibration written to {calibrate_out}", err=True)
        if as_json:
            click.echo(json.dumps({"accuracy": res.accuracy, "macro_f1": res.macro_f1,
                                   "weighted_f1": res.weighted_f1, "kept_out": res.kept_out,
                                   "non_acled": res.non_acled,
                                   "per_class": res.per_class}, indent=1))
        else:
            _print_case(res)
        if confusion:
            conf = Counter((g, p) for g, p, _ in res.pairs if g != p)
            by_gold: dict[str, int] = defaultdict(int)
            for (g, p), c in conf.most_common(40):
                by_gold[g] += c
                click.echo(f"  {c:3d}  {g}  ->  {p}")
    elif corpus == "ucdp":
        rows_u = read_ucdp(path)[:limit]
        geo = None
        if not no_geo:
            try:
                from ..geo import Geoparser

                geo = Geoparser.from_config(config)
            except Exception as err:  # noqa: BLE001 - geo is optional here; report and go on
                click.echo(f"location metric skipped: {err}", err=True)
        out = score_ucdp(rows_u, extractor, nlp, geo)
        if as_json:
            click.echo(json.dumps(out, indent=1))
        else:
            click.echo(f"headlines: {out['headlines']}")
            click.echo(f"with an event: {out['with_event']:.3f}")
            click.echo(f"fatalities within [low, high]: {out['fatalities_within']:.3f} "
                       f"(0 when no killing is read)")
            click.echo(f"fatalities within [low, high], UCDP floor: "
                       f"{out['fatalities_within_floor1']:.3f} (1 when no number is read: every "
                       f"UCDP event has at least one death)")
            click.echo(f"location within 50 km: {out['located_50km']:.3f} "
                       f"(of {out['located_of']} headlines with an event and a UCDP point)")
            click.echo(f"headlines with a killing word (kill, dead, died, slain, shot, ...): "
                       f"{out['killing_headlines']}; with an event "
                       f"{out['killing_with_event']:.3f}; fatalities within [low, high] "
                       f"{out['killing_fatalities_within']:.3f} (as output, no floor)")
            click.echo(f"ceilings: empty headlines {out['empty_headlines']:.3f}; 1 or a number "
                       f"written in the headline within [low, high] "
                       f"{out['ceiling_headline_numbers']:.3f}")
            print_geo_table(out)
    else:
        recs = read_plover(path)[:limit]
        out = score_plover(recs, extractor, nlp)
        if as_json:
            click.echo(json.dumps(out, indent=1))
        else:
            click.echo(f"records: {out['records']}   with an event: {out['detected']:.3f}")
            click.echo(f"actor-role accuracy: {out['role_accuracy']:.3f} (source "
                       f"{out['source_accuracy']:.3f}, target {out['target_accuracy']:.3f}; "
                       f"no event counts as wrong)")
            click.echo(f"actor-role accuracy on records with an event: "
                       f"{out['role_accuracy_detected']:.3f}")
