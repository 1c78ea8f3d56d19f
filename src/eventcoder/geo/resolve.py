"""Toponym resolution: rank each mention's gazetteer candidates in the context of the document.

Score of a candidate = name-match quality + feature prior (country, admin1, capital) +
population + the document's country focus + admin-hierarchy consistency ("X, Y", "X district
of Y") + closeness to the other places of the document + dateline. Two passes: the first uses
the priors alone to find the document's focus, the second adds the context.
"""

from __future__ import annotations

import json
import math
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from ..errors import ConfigError
from .gazetteer import KIND_ALT, KIND_ASCII, KIND_NAME, KIND_OVERLAY, Candidate, Gazetteer
from .recognize import Mention
from .text import key_variants, loose_key, name_key, spelling_ratio

_KIND_SCORE = {KIND_OVERLAY: 3.0, KIND_NAME: 1.5, KIND_ASCII: 1.3, KIND_ALT: 0.0}


@dataclass(slots=True)
class Resolution:
    """The chosen place of one mention, with a confidence and the reason for the choice."""

    mention: Mention
    candidate: Candidate | None
    confidence: float
    reason: str


#: ``2 * 6371.0088`` (the mean Earth radius): haversine_km's factor, written once
_EARTH_DIAMETER_KM = 2 * 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return _EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(a)))


class _Point(Protocol):
    latitude: float | None
    longitude: float | None


def km_apart(a: _Point, b: _Point) -> float | None:
    """Great-circle distance in kilometres of two things with a point (places, events);
    None when either has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def prior(c: Candidate, m: Mention) -> float:
    """Context-free score of candidate ``c`` for mention ``m``."""
    s = _KIND_SCORE.get(c.kind, 0.3)
    if c.is_country:
        s += 5.0
    elif c.feature_code == "CONT":
        s += 4.0
    elif c.feature_code == "ADM1":
        s += 2.5
    elif c.feature_code == "ADM2":
        s += 0.8
    elif c.feature_code == "PPLC":
        s += 1.5
    elif c.feature_code in ("PPLA", "PPLG"):
        s += 0.6
    elif c.feature_code == "PPLA2":
        s += 0.3
    if c.feature_class == "P":
        s += 0.45 * math.log10(c.population + 1)
    if m.hint == "admin":
        s += 3.0 if c.is_admin else -1.0
    elif m.hint == "town":
        s += 1.5 if c.feature_class == "P" else -0.5
    return s


#: Names of the ranker's features, in order.
FEATURES = (
    "kind_overlay", "kind_name", "kind_ascii", "kind_alt",
    "country", "continent", "adm1", "adm2", "other_admin", "pplc", "ppla", "ppla2",
    "ppl", "other_class", "log_pop", "most_populous", "hint_admin_ok", "hint_admin_bad",
    "hint_town_ok", "country_focus", "country_focus_x_country", "admin1_focus",
    "container_inside", "container_missed", "near_50", "near_200", "near_600", "log_near",
    "no_others", "log_n_candidates", "demonym",
    "admin1_share", "admin1_named", "top_in_focus_country", "ppla_x_admin1_focus",
    "support_share", "support_any", "admin1_share_gap", "country_off_focus",
)

#: Trailing words of an administrative name dropped when deciding whether two mentions are
#: the same name ("Clarke County" and "Clarke" must not vote for each other).
_ADMIN_WORDS = frozenset({"county", "co", "parish", "province", "district", "governorate",
                          "region", "borough", "township", "twp", "municipality", "prefecture"})


@lru_cache(maxsize=65_536)
def _vote_key(query: str) -> str:
    """The name key under which a mention votes for the document's context."""
    words = name_key(query).split()
    while len(words) > 1 and words[-1] in _ADMIN_WORDS:
        words.pop()
    return " ".join(words)


def _inside(c: Candidate, k: Candidate) -> bool:
    if k.is_country:
        return k.country_code == c.country_code
    if k.feature_code == "ADM1":
        return k.country_code == c.country_code and k.admin1_code == c.admin1_code
    if k.feature_code == "ADM2":
        return (k.country_code == c.country_code and k.admin1_code == c.admin1_code
                and k.admin2_code == c.admin2_code)
    return False


#: What a candidate's features owe to the candidate and its mention alone (not to the other
#: mentions' readings), computed once per resolution: features 0-18, then is-country, inside,
#: outside its container, log of the candidates' count, fixed id, top in its country, PPLA,
#: support and any support (see :func:`_row`).
_Static = tuple[list[float], float, float, float, float, float, float, bool, float, float]


#: What a mention's feature rows depend on besides the document's context (the other
#: mentions' readings): its name's vote key, hint, fixed id, container and candidates (by
#: identity: the lists scored together are alive, so their ids are theirs).
_Reading = tuple[str, str | None, int | None, str | None, tuple[int, ...]]


def _reading(key: str, m: Mention, cands: Sequence[Candidate]) -> _Reading:
    return (key, m.hint, m.fixed_id, m.container, tuple(map(id, cands)))


def _static_features(c: Candidate, m: Mention, inside: bool, has_container: bool, max_pop: int,
                     n: int, top_in_country: bool = False, support: float = 0.0) -> _Static:
    fc = c.feature_code
    is_p = c.feature_class == "P"
    admin_other = c.feature_class == "A" and not c.is_country and fc not in ("ADM1", "ADM2")
    head = [
        float(c.kind == KIND_OVERLAY), float(c.kind == KIND_NAME), float(c.kind == KIND_ASCII),
        float(c.kind == KIND_ALT),
        float(c.is_country), float(fc == "CONT"), float(fc == "ADM1"), float(fc == "ADM2"),
        float(admin_other), float(fc == "PPLC"), float(fc in ("PPLA", "PPLG")),
        float(fc in ("PPLA2", "PPLA3", "PPLA4")),
        float(is_p and fc not in ("PPLC", "PPLA", "PPLG", "PPLA2", "PPLA3", "PPLA4")),
        float(c.feature_class not in ("P", "A") and fc != "CONT"),
        math.log10(c.population + 1) / 7 if is_p else 0.0,
        float(c.population == max_pop and c.population > 0),
        float(m.hint == "admin" and c.is_admin), float(m.hint == "admin" and not c.is_admin),
        float(m.hint == "town" and is_p),
    ]
    return (head, float(c.is_country), float(inside), float(has_container and not inside),
            math.log1p(n) / 5, float(m.fixed_id is not None), float(top_in_country),
            fc in ("PPLA", "PPLG"), support, float(support > 0.0))


def _row(static: _Static, cc_share: float, a1_hit: bool, near: float | None,
         a1_share: float = 0.0, a1_named: bool = False) -> list[float]:
    """A candidate's feature vector (:data:`FEATURES` less the two gaps) from its static part
    and the context the other mentions give: ``a1_share`` is the share of their weight in the
    candidate's admin1, ``a1_named`` that one of them is that admin1 itself ("Indiana")."""
    head, is_country, inside, outside, n, fixed, top_in, ppla, support, support_any = static
    return head + [
        cc_share, cc_share * is_country, float(a1_hit),
        inside, outside,
        float(near is not None and near < 50), float(near is not None and near < 200),
        float(near is not None and near < 600),
        math.log1p(near) / 10 if near is not None else 0.0, float(near is None),
        n, fixed,
        a1_share, float(a1_named),
        cc_share * top_in,
        float(ppla and a1_hit),
        support, support_any,
    ]


@dataclass(frozen=True, slots=True)
class LinearRanker:
    """A linear candidate scorer: ``coef . features + intercept`` (logistic regression)."""

    coef: tuple[float, ...]
    intercept: float = 0.0

    def score(self, features: Sequence[float]) -> float:
        """The candidate's score (log-odds of being the right place)."""
        if len(features) != len(self.coef):
            raise ValueError(f"{len(features)} features for {len(self.coef)} weights")
        # the products summed in order, as sum(w * f for ...) would, without its generator
        return self.intercept + sum(map(operator.mul, self.coef, features))

    @classmethod
    def load(cls, path: Path) -> LinearRanker:
        """Read weights written by scripts/train_geo_ranker.py."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if list(data["features"]) != list(FEATURES):
            raise ConfigError(f"{path}: ranker features do not match this eventcoder; retrain")
        return cls(tuple(float(x) for x in data["coef"]), float(data.get("intercept", 0.0)))


@dataclass(frozen=True, slots=True)
class ContextWeights:
    """Weights of the context features (tuned on the dev corpora; see docs/geoparser.md)."""

    country_focus: float = 6.0
    admin1_focus: float = 2.5
    container: float = 4.0
    near_50: float = 1.5
    near_200: float = 2.0
    near_600: float = 0.8


def _best(cand_lists: Sequence[Sequence[Candidate]], scores: Sequence[Sequence[float]]
          ) -> tuple[list[Candidate | None], list[float]]:
    """Each mention's top candidate and its softmax probability."""
    best: list[Candidate | None] = []
    probs: list[float] = []
    for cands, ss in zip(cand_lists, scores, strict=True):
        if not cands:
            best.append(None)
            probs.append(0.0)
            continue
        k = max(range(len(cands)), key=ss.__getitem__)
        z = sum(math.exp(x - ss[k]) for x in ss)
        best.append(cands[k])
        probs.append(1.0 / z)
    return best, probs


def _prefer_city(m: Mention, cands: Sequence[Candidate], b: Candidate | None
                 ) -> Candidate | None:
    """A bare name that is both a province and its capital ("Kirkuk", "Idlib") is the city;
    "Kirkuk province" stays the province."""
    if b is None or m.hint == "admin" or b.feature_code not in ("ADM1", "ADM2"):
        return b
    floor = 10_000 if b.feature_code == "ADM1" else 0  # a district's seat may be small
    towns = [c for c in cands if c.feature_class == "P" and c.country_code == b.country_code
             and c.admin1_code == b.admin1_code and c.kind >= min(b.kind, KIND_ASCII)
             and c.population >= floor]
    return max(towns, key=lambda c: c.population) if towns else b


#: Two names support each other's readings that lie this close (km).
_SUPPORT_KM = 40.0
_CELL_DEG = 0.5


#: Readings strong enough to stand for a name in the document's focus country.
_FOCUS_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "ADM1", "ADM2"})
FOCUS_MIN_POPULATION = 5_000
#: A reading in a country nothing else points to, smaller than this, is dropped when the
#: article is clearly about another country and has no reading there.
FAR_SMALL_POPULATION = 20_000
#: A town matched only by an alternate name, in a country nothing else points to, smaller than
#: this, is dropped when the article's places are in another country.
FAR_ALT_POPULATION = 100_000


def _focus_override(mentions: Sequence[Mention], cand_lists: Sequence[Sequence[Candidate]],
                    best: list[Candidate | None], dateline: int | None = None) -> set[int]:
    """A name read in a country no other name of the document points to, when most of the
    document points to one country and the name has a city or admin reading there ("Tripoli"
    in a report about Lebanon): that reading wins. Changes ``best`` in place; returns the
    ids of the readings chosen so. The dateline's place (``dateline``: its index) counts
    as three names: where a report is filed says where its events mostly are."""
    keys = [_vote_key(m.query) for m in mentions]
    votes: dict[str, tuple[str, float]] = {}
    # (places named as places: "an Israeli drone" says whose drone, not where it struck)
    literal: set[tuple[str, str]] = set()
    for i, (k, b) in enumerate(zip(keys, best, strict=True)):
        if b is not None and b.country_code:
            w = 3.0 if i == dateline else 1.5 if b.is_country else 1.0
            if k not in votes or votes[k][1] < w:
                votes[k] = (b.country_code, w)
            if mentions[i].role == "literal":
                literal.add((k, b.country_code))
    chosen: set[int] = set()
    for i, (m, cands, b) in enumerate(zip(mentions, cand_lists, best, strict=True)):
        if b is None or b.is_country or m.fixed_id is not None:
            continue
        mass: Counter[str] = Counter()
        for k, (cc, w) in votes.items():
            if k != keys[i]:
                mass[cc] += w  # type: ignore[assignment]  # float weights in a Counter
        total = sum(mass.values())
        if total < 1.0:
            continue
        focus, fm = mass.most_common(1)[0]
        if fm / total < 0.5 or b.country_code == focus or mass.get(b.country_code):
            continue
        if b.kind == KIND_ALT and b.feature_class == "P" and \
                b.population < FAR_ALT_POPULATION and not any(
                    c.country_code == focus for c in cands) and any(
                    k != keys[i] and cc == focus for k, cc in literal):
            # only another language's or an old spelling of a town abroad ("Kooshin" is an
            # alternate name of Coxim, Brazil) in a report whose places are elsewhere
            best[i] = None
            continue
        if total < 2.0:
            continue
        alts = [c for c in cands if c.country_code == focus and (
            c.population >= FOCUS_MIN_POPULATION or c.feature_code in _FOCUS_CODES)]
        if alts:
            alt = max(alts, key=lambda c: (c.feature_code in _FOCUS_CODES, c.population))
            best[i] = alt
            chosen.add(id(alt))
        elif total >= 3.0 and b.feature_class == "P" and \
                b.population < FAR_SMALL_POPULATION:
            # a small town on another continent that nothing else in the article points to
            # ("Lido Beach", New York, in a report from Mogadishu): no reading beats a wrong one
            best[i] = None
    return chosen


@lru_cache(maxsize=65_536)
def _loose_name(name: str) -> str:
    """``loose_key(name_key(name))``: a place's own name is compared with the names asked
    for it again and again."""
    return loose_key(name_key(name))


def _alike_alternates(query: str, cands: list[Candidate]) -> list[Candidate]:
    """Among places of one country a name matches only as an alternate name, those whose own
    name looks like it, when one does: GeoNames lists "Sloviansk" among Nikopol's alternate
    names as well as Sloviansk's (spelled Slovyansk), and the two towns are of one size."""
    per_country = Counter(c.country_code for c in cands if c.kind == KIND_ALT)
    alts = [c for c in cands if c.kind == KIND_ALT and per_country[c.country_code] >= 2]
    if not alts:
        return cands  # (the rule is within a country: most names have no two such readings)
    q = _loose_name(query)
    ratio = {c.geonames_id: spelling_ratio(q, _loose_name(c.name)) for c in alts}
    alike = {c.country_code for c in alts if ratio[c.geonames_id] >= ALIKE}
    if not alike:
        return cands
    # (only within a country: "Palmyra" is an alternate name of Tadmur, Syria, and Palmira,
    # Colombia is spelled like it; context, not spelling, tells those apart)
    return [c for c in cands if c.kind != KIND_ALT or c.country_code not in alike
            or ratio[c.geonames_id] >= UNLIKE]


def _exact_over_alternates(query: str, cands: list[Candidate]) -> list[Candidate]:
    """A town of the name itself, of some size, over places the name is only another name of
    and whose own name looks otherwise: "Mora" is Mora, Cameroon (61,000), not Bilimora, India
    (an alternate name of it in GeoNames, 510,000)."""
    if not any(c.kind >= KIND_ASCII and c.feature_class == "P"
               and c.population >= EXACT_TOWN_POPULATION for c in cands):
        return cands
    q = _loose_name(query)
    return [c for c in cands if c.kind != KIND_ALT or c.feature_class != "P"
            or spelling_ratio(q, _loose_name(c.name)) >= ALIKE]


#: how far from the town it is named in a part of the town ("the X district of Y") may lie,
#: and how big that town must be for the text to be read so
TOWN_PART_KM = 30.0
CONTAINER_TOWN_POPULATION = 50_000

#: how big a town of the name itself must be to set aside the places it is only another name of
EXACT_TOWN_POPULATION = 20_000

#: an alternate-name reading whose own name is this alike (difflib ratio) vouches for itself;
#: one under UNLIKE then gives way to it
ALIKE, UNLIKE = 0.75, 0.5


def _local(c: Candidate) -> bool:
    """A place small enough for its point to say where it is (not a country or state)."""
    return (c.feature_class != "A" or c.feature_code in ("ADM2", "ADM3", "ADM4")) \
        and c.feature_code != "CONT"


_A1_SHARE = FEATURES.index("admin1_share")
_CC_SHARE = FEATURES.index("country_focus")
_IS_COUNTRY = FEATURES.index("country")


def _append_gaps(rows: list[list[float]]) -> None:
    """Append how far each candidate's admin1 share falls short of the best-supported
    reading of the same mention (0 for that reading): "Boone County" in a report that is
    mostly about Indiana, whatever the other readings' own merits."""
    top = max((f[_A1_SHARE] for f in rows), default=0.0)
    cc_top = max((f[_CC_SHARE] for f in rows), default=0.0)
    for f in rows:
        f.append(f[_A1_SHARE] - top)
        f.append((f[_CC_SHARE] - cc_top) * f[_IS_COUNTRY])


def _nearest(cands: Sequence[Candidate], others: Sequence[Candidate]) -> list[float | None]:
    """For each candidate, ``min(haversine_km(c, o) for o in others)`` (None without others),
    with each point's radians and cosine computed once: the same operations in the same order,
    so the same floats."""
    if not others or not cands:
        return [None] * len(cands)
    terms = [(o.longitude, p2, math.cos(p2)) for o in others
             for p2 in (math.radians(o.latitude),)]
    out: list[float | None] = []
    for c in cands:
        p1 = math.radians(c.latitude)
        cos_p1, lon1 = math.cos(p1), c.longitude
        out.append(min(_EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(
            math.sin((p2 - p1) / 2) ** 2
            + cos_p1 * cos_p2 * math.sin(math.radians(lon2 - lon1) / 2) ** 2)))
            for lon2, p2, cos_p2 in terms))
    return out


class _SupportGrid:
    """Every local candidate of every name on a coarse grid, to find which *other* names
    could denote a place near a candidate (two ambiguous names of one small area, "Huntsville"
    and "Walker County", support each other's readings there)."""

    def __init__(self, keys: Sequence[str], cand_lists: Sequence[Sequence[Candidate]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}
        seen: set[str] = set()
        for k, cands in zip(keys, cand_lists, strict=True):
            if k in seen:
                continue
            seen.add(k)
            for c in cands:
                if _local(c) and c.kind >= KIND_ASCII:
                    self.cells.setdefault(self._cell(c.latitude, c.longitude), []).append((k, c))

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG))

    def names_near(self, c: Candidate, own: str) -> set[str]:
        """The other names with a local candidate within ``_SUPPORT_KM`` of ``c``."""
        if not _local(c) or not self.cells:
            return set()
        y, x = self._cell(c.latitude, c.longitude)
        ry = math.ceil(_SUPPORT_KM / (111.0 * _CELL_DEG))
        rx = math.ceil(_SUPPORT_KM / (111.0 * _CELL_DEG * max(0.05, math.cos(math.radians(
            min(89.0, abs(c.latitude) + _CELL_DEG))))))
        out: set[str] = set()
        for dy in range(-ry, ry + 1):
            for dx in range(-rx, rx + 1):
                for k, o in self.cells.get((y + dy, x + dx), ()):
                    if k != own and k not in out and o.geonames_id != c.geonames_id and \
                            haversine_km(c.latitude, c.longitude, o.latitude, o.longitude) \
                            <= _SUPPORT_KM:
                        out.add(k)
        return out


class Resolver:
    """Resolves the mentions of one document against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: ContextWeights | None = None,
                 ranker: LinearRanker | None = None) -> None:
        self.gz = gazetteer
        self.w = weights or ContextWeights()
        self.ranker = ranker

    def candidates(self, m: Mention) -> list[Candidate]:
        """The gazetteer candidates of a mention (by its query, then its full text)."""
        if m.fixed_id is not None:
            c = self.gz.get(m.fixed_id)
            return [c] if c else []
        if m.query != m.text:  # "Orange County", "Mexico City" are names in themselves
            whole = list(self.gz.lookup(m.text))
            if any(c.kind >= KIND_ASCII for c in whole):
                return whole[:300]
            seen = {c.geonames_id for c in whole}
            cands = whole + [c for c in self.gz.lookup(m.query) if c.geonames_id not in seen]
        else:
            cands = list(self.gz.lookup(m.query))
        if m.hint == "admin":  # "Kirkuk province", "Dohuk governorate", "Balad Ruz district"
            cands = self._admin_candidates(m, cands)
        elif m.hint == "town" and any(c.feature_class == "P" for c in cands):
            cands = [c for c in cands if c.feature_class == "P"]
        bare = m.text.replace(".", "").strip()
        if bare.isupper() and len(bare) <= 3 and not (m.source == "dateline" and len(bare) == 3):
            # "SA", "ST": only curated abbreviations (a dateline's "JOS -", "GAO -" is a town)
            cands = [c for c in cands if c.kind == KIND_OVERLAY]
        elif len(bare) <= 3 and not bare.isupper():
            # "Guasmo Sur" is no Suriname: a country by a code or short alternate name only
            # when written in capitals ("DRC", "CAR")
            cands = [c for c in cands if not (c.is_country and c.kind == KIND_ALT)]
        if not cands and m.query.lower().startswith("the "):
            cands = list(self.gz.lookup(m.query[4:]))
        return _exact_over_alternates(m.query, _alike_alternates(m.query, cands))[:300]

    def candidates_of(self, m: Mention, known: dict[int, list[Candidate]] | None = None
                      ) -> list[Candidate]:
        """:meth:`candidates`, remembered in ``known`` by the mention (its id: the caller
        keeps the mentions, unchanged, while it keeps ``known``)."""
        if known is None:
            return self.candidates(m)
        found = known.get(id(m))
        if found is None:
            found = known[id(m)] = self.candidates(m)
        return found

    def _admin_candidates(self, m: Mention, cands: list[Candidate]) -> list[Candidate]:
        """Admin areas for "X province": those named X at the level the word says; if none,
        the province of a town named X when the province bears a like name ("Tartous
        province" -> Tartus governorate)."""
        admins = [c for c in cands if c.is_admin]
        if not admins:
            want = loose_key(name_key(m.query))[:4]
            seen: set[int] = set()
            for c in cands:
                entry = self.gz.admin1.get((c.country_code, c.admin1_code))
                if c.feature_class != "P" or entry is None or entry[1] is None \
                        or entry[1] in seen:
                    continue
                name = key_variants(loose_key(name_key(entry[0])))[-1]
                if want and name.startswith(want):
                    parent = self.gz.get(entry[1])
                    if parent is not None:
                        seen.add(entry[1])
                        admins.append(replace(parent, kind=c.kind))
        if not admins:
            return cands
        code = {1: "ADM1", 2: "ADM2"}.get(m.admin_level or 0)
        level = [c for c in admins if c.feature_code == code]
        return level or admins

    def resolve(self, mentions: Sequence[Mention], text: str = "", *,
                known: dict[int, list[Candidate]] | None = None) -> list[Resolution]:
        """Choose a place for every mention (None when the gazetteer has no candidate).

        known: the candidates of mentions already asked (:meth:`candidates_of`), for a caller
        that resolves some of the same mentions again."""
        cand_lists = [self.candidates_of(m, known) for m in mentions]
        scores = self.score(mentions, cand_lists, text)
        best = [cands[max(range(len(cands)), key=ss.__getitem__)] if cands else None
                for cands, ss in zip(cand_lists, scores, strict=True)]
        best = [_prefer_city(m, cands, b) for m, cands, b in zip(mentions, cand_lists, best,
                                                                 strict=True)]
        contained = self._container_override(mentions, cand_lists, best)
        focused = _focus_override(mentions, cand_lists, best,
                                  self._dateline_index(mentions, text))
        out: list[Resolution] = []
        for m, cands, ss, b in zip(mentions, cand_lists, scores, best, strict=True):
            if b is None:
                out.append(Resolution(m, None, 0.0, "no gazetteer entry"))
                continue
            top = max(ss)
            z = sum(math.exp(s - top) for s in ss)
            conf = round(min(0.99, 1.0 / z) * (1.0 if b.kind >= KIND_ASCII else 0.9), 3)
            reason = f"best of {len(cands)} candidate(s)"
            if id(b) in focused:
                reason = "the reading in the document's focus country, over a far homonym"
            elif id(b) in contained:
                reason = "the reading inside the area the text names with it ('X, Lebanon')"
            if m.fixed_id is not None:
                reason = "demonym of the country"
            out.append(Resolution(m, b, conf, reason))
        return out

    def score(self, mentions: Sequence[Mention], cand_lists: Sequence[Sequence[Candidate]],
              text: str = "", *, rounds: int = 2) -> list[list[float]]:
        """Scores of every candidate of every mention (higher is better)."""
        priors = [[prior(c, m) for c in cands] for m, cands in zip(mentions, cand_lists,
                                                                     strict=True)]
        scores = priors
        dateline = self._dateline_index(mentions, text)
        support = self.support(mentions, cand_lists)
        memo: dict[str, Any] = {}
        for _ in range(rounds):
            best, probs = _best(cand_lists, scores)
            rows, first = self._feature_rows(mentions, cand_lists, best, dateline, probs,
                                             support=support, memo=memo)
            # a repeated reading's rows are its first telling's (see _feature_rows): so are
            # its scores (a copy each)
            scores = []
            for i, (ps, fs) in enumerate(zip(priors, rows, strict=True)):
                if first[i] != i:
                    scores.append(list(scores[first[i]]))
                elif self.ranker is not None:
                    scores.append([self.ranker.score(f) for f in fs])
                else:
                    scores.append([p + self._heuristic_context(f)
                                   for p, f in zip(ps, fs, strict=True)])
        return scores

    def feature_rows(self, mentions: Sequence[Mention], cand_lists: Sequence[Sequence[Candidate]],
                     best: Sequence[Candidate | None], dateline: int | None,
                     probs: Sequence[float] | None = None, *,
                     support: Sequence[Sequence[float]] | None = None,
                     memo: dict[str, Any] | None = None) -> list[list[list[float]]]:
        """The ranker's feature vectors (see :data:`FEATURES`) for every candidate.

        Context comes from the other mentions' current best candidates, each distinct name
        counted once (weighted by its confidence) and never the mention's own name, so an
        ambiguous name repeated in a document cannot vote for itself.

        memo: a dict kept across the rounds of one scoring of these same mentions and
        candidates (:meth:`score`): what does not depend on the other mentions' readings is
        computed once.
        """
        rows, first = self._feature_rows(mentions, cand_lists, best, dateline, probs,
                                         support=support, memo=memo)
        return [fs if first[i] == i else [list(f) for f in fs] for i, fs in enumerate(rows)]

    def _feature_rows(self, mentions: Sequence[Mention],
                      cand_lists: Sequence[Sequence[Candidate]],
                      best: Sequence[Candidate | None], dateline: int | None,
                      probs: Sequence[float] | None = None, *,
                      support: Sequence[Sequence[float]] | None = None,
                      memo: dict[str, Any] | None = None
                      ) -> tuple[list[list[list[float]]], list[int]]:
        """:meth:`feature_rows`, and for each mention the index of the first mention whose
        rows are its rows: a name told again with the same candidates, hint, fixed id and
        container ("Baghdad" told five times) has the same features (each is a function of
        those and of the document's context), so its rows are computed once and listed again
        (the same lists)."""
        keys = [_vote_key(m.query) for m in mentions]
        contrib: dict[str, tuple[str, tuple[str, str] | None, float, Candidate]] = {}
        for i, b in enumerate(best):
            if b is None or not b.country_code or keys[i] in contrib:
                continue
            w = (3.0 if i == dateline else 1.0) * (1.5 if b.is_country else 1.0)
            w *= probs[i] if probs is not None else 1.0
            a1 = (b.country_code, b.admin1_code) if b.admin1_code and not b.is_country else None
            contrib[keys[i]] = (b.country_code, a1, w, b)
        cc_mass: Counter[str] = Counter()
        a1_mass: Counter[tuple[str, str]] = Counter()
        for cc, a1, w, _b in contrib.values():
            cc_mass[cc] += w  # type: ignore[assignment]  # float weights in a Counter
            if a1:
                a1_mass[a1] += w  # type: ignore[assignment]  # float weights in a Counter
        total = sum(cc_mass.values())
        named_a1: dict[tuple[str, str], set[str]] = {}
        for k, (_cc, a1, _w, b) in contrib.items():
            if a1 and b.feature_code == "ADM1":
                named_a1.setdefault(a1, set()).add(k)
        if support is None:
            support = self.support(mentions, cand_lists)
        statics: dict[int, list[_Static]] = {} if memo is None else memo.setdefault("static", {})
        nears: dict[tuple[tuple[int, ...], tuple[int, ...]], list[float | None]] = \
            {} if memo is None else memo.setdefault("near", {})
        rows: list[list[list[float]]] = []
        first: list[int] = []
        told: dict[_Reading, int] = {}
        for i, (m, cands) in enumerate(zip(mentions, cand_lists, strict=True)):
            reading = _reading(keys[i], m, cands)
            j0 = told.setdefault(reading, i)
            first.append(j0)
            if j0 != i:
                rows.append(rows[j0])
                continue
            own = contrib.get(keys[i])
            own_w = own[2] if own else 0.0
            denom = total - own_w
            others = [v[3] for k, v in contrib.items() if k != keys[i]
                      and not v[3].is_country and v[3].feature_code != "CONT"]
            static = statics.get(i)
            if static is None:
                container = self._container(m)
                max_pop = max((c.population for c in cands), default=0)
                top_pop: dict[str, int] = {}
                for c in cands:
                    if c.feature_class == "P":
                        top_pop[c.country_code] = max(top_pop.get(c.country_code, 0),
                                                      c.population)
                static = [_static_features(
                    c, m, bool(container) and any(_inside(c, k) for k in container),
                    bool(container), max_pop, len(cands),
                    c.feature_class == "P" and c.population > 0
                    and c.population == top_pop.get(c.country_code), support[i][j])
                    for j, c in enumerate(cands)]
                statics[i] = static
            # the distance from each candidate to the nearest other place, computed once for
            # the same candidates and the same others: an earlier round's, or another mention
            # of the same name ("Baghdad" told five times)
            same = (tuple(map(id, cands)), tuple(map(id, others)))
            if same not in nears:
                nears[same] = _nearest(cands, others)
            near_of = nears[same]
            own_a1 = own[1] if own else None
            a1_other = {a: w - (own_w if a == own_a1 else 0.0) for a, w in a1_mass.items()}
            fs = []
            for j, c in enumerate(cands):
                cc_share = 0.0
                if denom > 1e-9:
                    cc_share = (cc_mass.get(c.country_code, 0.0)
                                - (own_w if own and own[0] == c.country_code else 0.0)) / denom
                a1 = (c.country_code, c.admin1_code)
                a1_hit = bool(c.admin1_code) and (
                    a1_mass.get(a1, 0.0) - (own_w if own and own[1] == a1 else 0.0) > 1e-9)
                if c.admin1_code and not c.is_country:
                    fs.append(_row(
                        static[j], cc_share, a1_hit, near_of[j],
                        max(0.0, a1_other.get(a1, 0.0)) / denom if denom > 1e-9 else 0.0,
                        bool(named_a1.get(a1, set()) - {keys[i]})))
                else:
                    fs.append(_row(static[j], cc_share, a1_hit, near_of[j]))
            _append_gaps(fs)
            rows.append(fs)
        return rows, first

    @staticmethod
    def support(mentions: Sequence[Mention], cand_lists: Sequence[Sequence[Candidate]]
                ) -> list[list[float]]:
        """For every candidate, the share of the document's other names that could denote a
        place within ``_SUPPORT_KM`` of it (it does not depend on the chosen readings)."""
        keys = [_vote_key(m.query) for m in mentions]
        grid = _SupportGrid(keys, cand_lists)
        others = len(set(keys)) - 1
        if others < 1:
            return [[0.0] * len(cands) for cands in cand_lists]
        out: list[list[float]] = []
        done: dict[tuple[str, tuple[int, ...]], list[float]] = {}  # a name told again
        for k, cands in zip(keys, cand_lists, strict=True):
            same = (k, tuple(map(id, cands)))
            if same not in done:
                done[same] = [len(grid.names_near(c, k)) / others for c in cands]
            out.append(list(done[same]))
        return out

    def _heuristic_context(self, f: Sequence[float]) -> float:
        """The hand-set context score of a feature row (used when no ranker is loaded)."""
        w = self.w
        x = dict(zip(FEATURES, f, strict=True))
        s = w.country_focus * x["country_focus"]
        if x["admin1_focus"]:
            s += w.admin1_focus * (0.7 if x["adm1"] or x["adm2"] or x["other_admin"] else 1.0)
        s += w.container * x["container_inside"]
        if not (x["country"] or x["continent"]):
            if x["near_50"]:
                s += w.near_50
            elif x["near_200"]:
                s += w.near_200
            elif x["near_600"]:
                s += w.near_600
        return s

    # -- context ----------------------------------------------------------------------------------
    def _dateline_index(self, mentions: Sequence[Mention], text: str) -> int | None:
        """The mention forming a dateline ("BAGHDAD, March 3 (Reuters) -"), if any."""
        if not mentions or not text:
            return None
        for i, m in enumerate(mentions[:4]):
            head = text[:m.start].strip()
            tail = text[m.end:m.end + 40]
            dated = "(" in tail or " - " in tail or "—" in tail or m.text.isupper()
            if i == 0 and m.start < 40 and len(head) < 25 and dated:
                return 0
            # a dateline opening the first paragraph under a headline ("Army blames X for
            # attack\n\nESMERALDAS, Nov 16 (Reuters) -")
            if m.start < 300 and "\n" in text[:m.start] and \
                    not text[:m.start].rsplit("\n", 1)[1].strip() and dated:
                return i
        return None

    def _container_override(self, mentions: Sequence[Mention],
                            cand_lists: Sequence[Sequence[Candidate]],
                            best: list[Candidate | None]) -> set[int]:
        """A name the text places itself ("Tripoli, Lebanon's second city", "Hit, Anbar") takes
        its reading inside that country or province, and so do the document's other mentions
        of the same name that do not place themselves. Changes ``best`` in place; returns the
        ids of the readings chosen so."""
        keys = [_vote_key(m.query) for m in mentions]
        chosen: dict[str, Candidate] = {}
        for i, (m, cands, b) in enumerate(zip(mentions, cand_lists, best, strict=True)):
            if b is None or m.fixed_id is not None:
                continue
            within = self._container(m)
            if not within:
                town = self._container_town(m)
                if town is not None and haversine_km(b.latitude, b.longitude, town.latitude,
                                                     town.longitude) > TOWN_PART_KM:
                    # "the Al-Safa district of El-Obeid": a part of the town the text names,
                    # not a namesake abroad (Al Safa, Dubai); none when the gazetteer has none
                    near = [c for c in cands if haversine_km(
                        c.latitude, c.longitude, town.latitude, town.longitude) <= TOWN_PART_KM]
                    best[i] = max(near, key=lambda c: c.population) if near else None
                continue
            if any(_inside(b, k) for k in within):
                continue
            inside = [c for c in cands if any(_inside(c, k) for k in within)]
            if inside:
                pick = max(inside, key=lambda c: (c.feature_code in _FOCUS_CODES, c.population))
                best[i] = pick
                chosen.setdefault(keys[i], pick)
        for i, (m, cands, b) in enumerate(zip(mentions, cand_lists, best, strict=True)):
            c = chosen.get(keys[i])
            if c is not None and b is not c and not m.container and m.fixed_id is None and \
                    any(x.geonames_id == c.geonames_id for x in cands):
                best[i] = next(x for x in cands if x.geonames_id == c.geonames_id)
        return {id(b) for b in best if b is not None and any(
            b.geonames_id == c.geonames_id for c in chosen.values())}

    def _container_town(self, m: Mention) -> Candidate | None:
        """The town a part of a town is said to be in ("the Al-Safa district of El-Obeid"),
        when the text names one the gazetteer knows as a town of some size."""
        if not m.container or m.hint != "admin" or m.admin_level not in (None, 2):
            return None
        towns = [c for c in self.gz.lookup(m.container) if c.feature_class == "P"
                 and c.kind >= KIND_ASCII and c.population >= CONTAINER_TOWN_POPULATION]
        return max(towns, key=lambda c: c.population) if towns else None

    def _container(self, m: Mention) -> list[Candidate]:
        if not m.container:
            return []
        return [c for c in self.gz.lookup(m.container) if c.is_country or c.is_admin]
