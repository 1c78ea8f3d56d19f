"""Toponym resolution: rank each mention's gazetteer candidates in the context of the document.

Score of a candidate = name-match quality + feature prior (country, admin1, capital) +
population + the document's country focus + admin-hierarchy consistency ("X, Y", "X district
of Y") + closeness to the other places of the document + dateline. Two passes: the first uses
the priors alone to find the document's focus, the second adds the context.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import KIND_ALT, KIND_ASCII, KIND_NAME, KIND_OVERLAY, Candidate, Gazetteer
from .recognize import Mention

_KIND_SCORE = {KIND_OVERLAY: 3.0, KIND_NAME: 1.5, KIND_ASCII: 1.3, KIND_ALT: 0.0}


@dataclass(slots=True)
class Resolution:
    """The chosen place of one mention, with a confidence and the reason for the choice."""

    mention: Mention
    candidate: Candidate | None
    confidence: float
    reason: str


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


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


@dataclass(frozen=True, slots=True)
class ContextWeights:
    """Weights of the context features (tuned on the dev corpora; see docs/geoparser.md)."""

    country_focus: float = 6.0
    admin1_focus: float = 2.5
    container: float = 4.0
    near_50: float = 1.5
    near_200: float = 2.0
    near_600: float = 0.8


class Resolver:
    """Resolves the mentions of one document against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: ContextWeights | None = None) -> None:
        self.gz = gazetteer
        self.w = weights or ContextWeights()

    def candidates(self, m: Mention) -> list[Candidate]:
        """The gazetteer candidates of a mention (by its query, then its full text)."""
        if m.fixed_id is not None:
            c = self.gz.get(m.fixed_id)
            return [c] if c else []
        cands = list(self.gz.lookup(m.query))
        if m.query != m.text:  # "Orange County" is a name in itself, "Diyala province" is not
            seen = {c.geonames_id for c in cands}
            cands = [c for c in self.gz.lookup(m.text) if c.geonames_id not in seen] + cands
        if not cands and m.query.lower().startswith("the "):
            cands = list(self.gz.lookup(m.query[4:]))
        return cands[:300]

    def resolve(self, mentions: Sequence[Mention], text: str = "") -> list[Resolution]:
        """Choose a place for every mention (None when the gazetteer has no candidate)."""
        cand_lists = [self.candidates(m) for m in mentions]
        priors = [[prior(c, m) for c in cands] for m, cands in zip(mentions, cand_lists,
                                                                     strict=True)]
        best = [cands[max(range(len(cands)), key=ps.__getitem__)] if cands else None
                for cands, ps in zip(cand_lists, priors, strict=True)]
        dateline = self._dateline_index(mentions, text)
        scores = priors
        for _ in range(2):
            focus_cc, focus_a1 = self._focus(mentions, best, dateline)
            scores = []
            for i, (m, cands) in enumerate(zip(mentions, cand_lists, strict=True)):
                others = [b for j, b in enumerate(best) if j != i and b is not None]
                container = self._container(m)
                scores.append([priors[i][k] + self._context(c, focus_cc, focus_a1, others,
                                                             container)
                               for k, c in enumerate(cands)])
            best = [cands[max(range(len(cands)), key=ss.__getitem__)] if cands else None
                    for cands, ss in zip(cand_lists, scores, strict=True)]
        out: list[Resolution] = []
        for m, cands, ss, b in zip(mentions, cand_lists, scores, best, strict=True):
            if b is None:
                out.append(Resolution(m, None, 0.0, "no gazetteer entry"))
                continue
            top = max(ss)
            z = sum(math.exp(s - top) for s in ss)
            conf = round(min(0.99, 1.0 / z) * (1.0 if b.kind >= KIND_ASCII else 0.9), 3)
            reason = f"best of {len(cands)} candidate(s)"
            if m.fixed_id is not None:
                reason = "demonym of the country"
            out.append(Resolution(m, b, conf, reason))
        return out

    # -- context ----------------------------------------------------------------------------------
    def _dateline_index(self, mentions: Sequence[Mention], text: str) -> int | None:
        """The mention forming a dateline ("BAGHDAD, March 3 (Reuters) -"), if any."""
        if not mentions or not text:
            return None
        m = mentions[0]
        head = text[:m.start].strip()
        tail = text[m.end:m.end + 40]
        if m.start < 40 and len(head) < 25 and ("(" in tail or " - " in tail or "—" in tail
                                                or m.text.isupper()):
            return 0
        return None

    def _focus(self, mentions: Sequence[Mention], best: Sequence[Candidate | None],
               dateline: int | None) -> tuple[dict[str, float], Counter[tuple[str, str]]]:
        cc_mass: Counter[str] = Counter()
        a1: Counter[tuple[str, str]] = Counter()
        for i, (_m, b) in enumerate(zip(mentions, best, strict=True)):
            if b is None or not b.country_code:
                continue
            w = 3.0 if i == dateline else 1.0
            if b.is_country:
                w *= 1.5
            cc_mass[b.country_code] += w
            if b.admin1_code and not b.is_country:
                a1[(b.country_code, b.admin1_code)] += w
        total = sum(cc_mass.values()) or 1.0
        return {cc: v / total for cc, v in cc_mass.items()}, a1

    def _container(self, m: Mention) -> list[Candidate]:
        if not m.container:
            return []
        return [c for c in self.gz.lookup(m.container) if c.is_country or c.is_admin]

    def _context(self, c: Candidate, focus_cc: dict[str, float],
                 focus_a1: Counter[tuple[str, str]], others: Sequence[Candidate],
                 container: Sequence[Candidate]) -> float:
        w = self.w
        s = w.country_focus * focus_cc.get(c.country_code, 0.0)
        if c.admin1_code and focus_a1.get((c.country_code, c.admin1_code)):
            s += w.admin1_focus * (0.7 if c.is_admin else 1.0)
        if container:
            inside = any(
                (k.is_country and k.country_code == c.country_code)
                or (k.feature_code == "ADM1" and k.country_code == c.country_code
                    and k.admin1_code == c.admin1_code)
                or (k.feature_code == "ADM2" and k.admin2_code == c.admin2_code
                    and k.admin1_code == c.admin1_code)
                for k in container)
            s += w.container if inside else 0.0
        if others and not c.is_country and c.feature_code != "CONT":
            near = min(haversine_km(c.latitude, c.longitude, o.latitude, o.longitude)
                       for o in others if not o.is_country and o.feature_code != "CONT") \
                if any(not o.is_country and o.feature_code != "CONT" for o in others) else 1e9
            if near < 50:
                s += w.near_50
            elif near < 200:
                s += w.near_200
            elif near < 600:
                s += w.near_600
        return s
