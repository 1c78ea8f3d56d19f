"""The geoparser: recognise toponyms, resolve them against the gazetteer, locate events.

Usage::

    from eventcoder.geo import Geoparser
    gp = Geoparser.default()              # default gazetteer + shipped overlay
    places = gp.parse(doc)                # doc: a spaCy Doc of the article text
    loc = gp.locate(doc, mention, places)

``Geoparser.load(gazetteer=..., overlay=...)`` takes a gazetteer file built with
``eventcoder gazetteer build`` and a user overlay CSV; ``Geoparser.from_config(config)`` takes
them (and the cache folder of the default gazetteer) from a :class:`~eventcoder.config.Config`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..nlp import doc_text
from ..schema import EventMention, Location, Place
from .defaults import data_file, ensure_default_gazetteer
from .gazetteer import Candidate, Gazetteer
from .locate import locate as _locate
from .nominal import NominalResolver
from .recognize import LOCALITY_NOTE, Lexicon, Mention, Recognizer
from .resolve import LinearRanker, Resolution, Resolver, haversine_km
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The curated overlay shipped with eventcoder (spellings common in conflict reporting).
SHIPPED_OVERLAY = "overlay.csv"
#: The shipped candidate ranker (scripts/train_geo_ranker.py); hand-set weights if absent.
SHIPPED_RANKER = "ranker.json"


class Geoparser:
    """Recognise and resolve toponyms; choose each event's place.

    Args:
        gazetteer: an open :class:`~eventcoder.geo.gazetteer.Gazetteer`.
        lexicon: demonyms; defaults to the shipped table.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None,
                 ranker: LinearRanker | None | str = "shipped") -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or Lexicon.load(data_file("demonyms.csv"))
        if ranker == "shipped":
            path = data_file(SHIPPED_RANKER)
            ranker = LinearRanker.load(path) if path.is_file() else None
        self.ranker = ranker if isinstance(ranker, LinearRanker) else None
        self.recognizer = Recognizer(gazetteer, self.lexicon)
        self.resolver = Resolver(gazetteer, ranker=self.ranker)
        self.nominals = NominalResolver(gazetteer)

    @classmethod
    def load(cls, gazetteer: Path | str | None = None, overlay: Path | str | None = None, *,
             ranker: Path | str | None = "shipped", config: Config | None = None) -> Geoparser:
        """A geoparser over ``gazetteer`` with the shipped overlay plus ``overlay`` on top.

        ``gazetteer`` None: the gazetteer of ``config`` (default :meth:`Config.load`: the
        config file's or ``$EVENTCODER_GAZETTEER``), else the default gazetteer in the config's
        home, built on first use.
        ``ranker``: "shipped" (the trained weights in eventcoder/data/geo/ranker.json), None
        (hand-set weights) or the path of weights written by scripts/train_geo_ranker.py."""
        if gazetteer is None:
            config = Config.load() if config is None else config
            path = config.gazetteer or ensure_default_gazetteer(config.home)
        else:
            path = Path(gazetteer)
        overlays = [Path(overlay)] if overlay is not None else []
        weights: LinearRanker | None | str = "shipped"
        if ranker is None:
            weights = None
        elif str(ranker) != "shipped":
            weights = LinearRanker.load(Path(ranker))
        return cls(Gazetteer(path, overlays, lenient_overlays=[data_file(SHIPPED_OVERLAY)]),
                   ranker=weights)

    @classmethod
    def from_config(cls, config: Config) -> Geoparser:
        """The geoparser ``config`` asks for: its gazetteer (or the default one in its home) and
        its overlay. Reads nothing else: the configuration was loaded by the caller."""
        return cls.load(config.gazetteer, config.overlay, config=config)

    @classmethod
    def default(cls) -> Geoparser:
        """The geoparser of the effective configuration (:meth:`Config.load`): the default
        gazetteer (no download needed) unless eventcoder.toml or the environment names one."""
        return cls.from_config(Config.load())

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (self.__class__, (self.gazetteer, self.lexicon, self.ranker))

    # -- parsing ----------------------------------------------------------------------------------
    def mentions(self, doc: Doc, spans: Sequence[tuple[int, int]] | None = None) -> list[Mention]:
        """The toponym mentions of ``doc`` (or exactly ``spans``), unresolved."""
        if spans is not None:
            return self.recognizer.mentions_for_spans(doc, spans)
        return self.recognizer.recognize(doc)

    def parse(self, doc: Doc, spans: Sequence[tuple[int, int]] | None = None, *,
              nominals: bool = True) -> list[Place]:
        """Toponyms of ``doc`` resolved to GeoNames places, in text order.

        Args:
            doc: a parsed spaCy ``Doc`` (NER and dependency parse used when present).
            spans: character spans to resolve; when given nothing else is recognised.
        RETURNS:
            one :class:`Place` per toponym; ``role`` is "associative" for demonyms and
            metonymic uses. A name the gazetteer lacks gets the document's focus place with a
            low confidence (``feature_code`` None) when ``spans`` were given, else is dropped.
            Without ``spans`` and with ``nominals``, nominal references ("the city", "the
            province") are added, resolved to the place they refer back to
            (:mod:`eventcoder.geo.nominal`; :func:`~eventcoder.geo.nominal.is_nominal` tells
            them apart).
        """
        mentions = self.mentions(doc, spans)
        resolutions = None
        known: dict[int, list[Candidate]] = {}  # each mention's candidates, asked once
        if spans is None and any(m.weak for m in mentions):
            mentions, strong_resolved = self._keep_supported(mentions, doc_text(doc), known)
            if len(mentions) == len(strong_resolved):
                # no weak name kept: the strong ones just resolved are all the mentions
                # (resolving is a function of the mentions and the text)
                resolutions = strong_resolved
        if resolutions is None:
            resolutions = self.resolver.resolve(mentions, doc_text(doc), known=known)
        focus = _focus_candidate(resolutions)
        places = []
        for r in resolutions:
            place = self._place(r)
            if place is None and (spans is not None or r.mention.facility):
                place = self._fallback(r.mention, _unit_after(resolutions, r.mention,
                                                              doc_text(doc))
                                       or _context_candidate(resolutions, r.mention,
                                                             doc_text(doc)) or focus)
            if place is not None:
                places.append(place)
        if spans is None:
            places = _neighbourhoods_in_town(places, doc_text(doc), self._city)
        if spans is None and nominals:
            places.extend(self.nominals.resolve(doc, places))
            places.sort(key=lambda p: p.start)
        return places

    def _keep_supported(self, mentions: list[Mention], text: str,
                        known: dict[int, list[Candidate]] | None = None
                        ) -> tuple[list[Mention], list[Resolution]]:
        """Drop weak mentions unless a candidate lies in the country the document is about
        (a third of its resolved places), is a town of 20,000+ or an admin area of a country
        the document names, or lies within 100 km of one of its resolved towns.

        known: the mentions' candidates, as :meth:`Resolver.candidates_of` keeps them.
        RETURNS: the mentions kept, and the resolutions of the strong ones (in order)."""
        strong = [m for m in mentions if not m.weak]
        strong_resolved = self.resolver.resolve(strong, text, known=known)
        resolved = [r.candidate for r in strong_resolved
                    if r.candidate is not None]  # "Iraqi forces" also says where we are
        countries = Counter(c.country_code for c in resolved if c.country_code)
        total = sum(countries.values())
        focus = {cc for cc, n in countries.items() if total and n / total >= 0.34}
        named = {c.country_code for c in resolved if c.is_country}
        towns = [c for c in resolved if c.feature_class == "P"]
        kept = []
        for m in mentions:
            if not m.weak:
                kept.append(m)
                continue
            for c in self.resolver.candidates_of(m, known):
                if c.kind < 2 or not (c.is_admin or c.population >= 1000 or c.kind == 4):
                    continue
                if c.country_code in focus or (
                        c.country_code in named and (c.is_admin or c.population >= 20_000)) or any(
                        haversine_km(c.latitude, c.longitude, t.latitude, t.longitude) < 100
                        for t in towns):
                    m.notes.append("weak name kept: resolves within the document's area")
                    kept.append(m)
                    break
        return kept, strong_resolved

    def _city(self, geonames_id: int) -> bool:
        """A city big enough to have districts that news names ("the Kyivskyi district")."""
        c = self.gazetteer.get(geonames_id)
        return c is not None and (c.population >= CITY_POPULATION
                                  or c.feature_code in ("PPLC", "PPLA"))

    def _place(self, r: Resolution) -> Place | None:
        c = r.candidate
        if c is None:
            return None
        m = r.mention
        role = m.role
        if m.notes and m.notes[0].startswith("metonymy"):
            role = "associative"
        return Place(start=m.start, end=m.end, text=m.text, name=fold(c.name),
                     geonames_id=c.geonames_id if c.geonames_id > 0 else None,
                     latitude=c.latitude, longitude=c.longitude,
                     country_code=c.country_code or None,
                     admin1=self.gazetteer.admin1_name(c.country_code, c.admin1_code)
                     if c.admin1_code else None,
                     admin2=self.gazetteer.admin2_name(c.country_code, c.admin1_code,
                                                       c.admin2_code) if c.admin2_code else None,
                     feature_class=c.feature_class or None, feature_code=c.feature_code or None,
                     role=role, confidence=r.confidence)

    def _fallback(self, m: Mention, focus: Candidate | None) -> Place:
        if focus is None:
            return Place(start=m.start, end=m.end, text=m.text, role=m.role, confidence=0.0)
        # a named spot is in the town around it; a locality keeps its own name there
        # (its name without the noun that said what it is: "Kisimba village" is Kisimba)
        name = (m.query or m.text) if LOCALITY_NOTE in m.notes else focus.name
        return Place(start=m.start, end=m.end, text=m.text, name=fold(name),
                     latitude=focus.latitude, longitude=focus.longitude,
                     country_code=focus.country_code or None,
                     admin1=self.gazetteer.admin1_name(focus.country_code, focus.admin1_code)
                     if focus.admin1_code else None, role=m.role, confidence=0.05)

    def locate(self, doc: Doc, mention: EventMention, places: Sequence[Place]) -> Location:
        """Where ``mention`` happened, with geo_precision lowered as the evidence gets wider."""
        return _locate(doc, mention, places, self.gazetteer)


#: the words between a locality and the unit told right after it ("Yargoje village in Kankara
#: Local Government Area", "Koira Tegui, in the commune of Ouallam")
_UNIT_AFTER = re.compile(r"(?:\s+(?:village|town|community|hamlet|locality|area))?,?\s+"
                         r"(?:in|of|within)\s+(?:the\s+)?(?:[A-Z][\w-]+['\u2019]s\s+)?"
                         r"(?:(?:far\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
                         r"(?:(?:commune|district|department|municipality|county|territory|"
                         r"sector|chiefdom|region|province|state)\s+of\s+)?",
                         re.IGNORECASE)


def _unit_after(resolutions: Sequence[Resolution], m: Mention, text: str) -> Candidate | None:
    """The town or district a locality the gazetteer lacks is said to lie in, right after its
    name: where its point is."""
    for r in resolutions:
        c = r.candidate
        if c is None or r.mention.start < m.end or r.mention.start - m.end > 50 or \
                c.is_country:
            continue  # (a province too: "the village of Mozogo in Cameroon's Far North")
        if r.mention.role == "literal" and _UNIT_AFTER.fullmatch(text, m.end, r.mention.start):
            return c
    return None


def _context_candidate(resolutions: Sequence[Resolution], m: Mention, text: str
                       ) -> Candidate | None:
    """The place around a named spot the gazetteer lacks: among the resolved towns of the
    document's main admin1 area (by summed confidence), the nearest one before ``m`` (else the
    most confident), a dateline's town only when there is no other; else that admin1 area
    itself. A paragraph whose places all lie in other
    countries than that area (a roundup's "PAKISTAN. Two bombings hit Quetta ... on Sariab
    Road") gives its own nearest town before ``m`` (not a dateline's)."""
    weights: Counter[tuple[str, str]] = Counter()
    admin1: dict[tuple[str, str], Candidate] = {}
    towns: list[tuple[Resolution, Candidate]] = []
    for r in resolutions:
        c = r.candidate
        if c is None or r.mention.role != "literal" or c.is_country or not c.admin1_code:
            continue
        key = (c.country_code, c.admin1_code)
        weights[key] += r.confidence  # type: ignore[assignment]  # float weights in a Counter
        if c.feature_code == "ADM1":
            admin1[key] = c
        elif c.feature_class == "P":
            towns.append((r, c))
    if not weights:
        return None
    top = weights.most_common(1)[0][0]
    p0 = text.rfind("\n", 0, m.start) + 1
    p1 = text.find("\n", m.end)
    p1 = len(text) if p1 < 0 else p1
    own = [(r, c) for r in resolutions if (c := r.candidate) is not None
           and r.mention.role == "literal" and r.mention.source != "dateline"
           and p0 <= r.mention.start < p1]
    towns_before = [(r, c) for r, c in own if c.feature_class == "P"
                    and not c.is_country and r.mention.end <= m.start
                    and not _part_of_town(text, r.mention.start, r.mention.end)]
    if towns_before and not any(c.country_code == top[0] for _, c in own):
        return towns_before[-1][1]
    pool = [(r, c) for r, c in towns if (c.country_code, c.admin1_code) == top] or towns
    # a town the report tells of before the dateline's town (where it was filed: "GOMA - ...
    # in the village of Mamove ... a village near Mangina, about 25 km to the south-west")
    pool = [(r, c) for r, c in pool if r.mention.source != "dateline"] or pool
    before = [(r, c) for r, c in pool if r.mention.end <= m.start
              and m.start - r.mention.end < 1500]
    if before:
        return before[-1][1]
    if pool:
        return max(pool, key=lambda rc: rc[0].confidence)[1]
    return admin1.get(top)


def _focus_candidate(resolutions: Sequence[Resolution]) -> Candidate | None:
    """The document's focus: the most mentioned resolved town, else admin area, else country."""
    for want in ("P", "A_sub", "A"):
        counts: Counter[int] = Counter()
        by_id: dict[int, Candidate] = {}
        for r in resolutions:
            c = r.candidate
            if c is None or r.mention.role != "literal":
                continue
            kind = "P" if c.feature_class == "P" else ("A" if c.is_country else "A_sub")
            if kind == want:
                counts[c.geonames_id] += 1
                by_id[c.geonames_id] = c
        if counts:
            return by_id[counts.most_common(1)[0][0]]
    return None


#: a part of a town named after its name ("the Al-Rawdah neighbourhood", "Bakara quarter")
_PART_OF_TOWN = re.compile(r"\s+(?:neighbou?rhoods?|quarters?|suburbs?|markets?|bazaars?|souks?|"
                           r"streets?|avenues?|roundabouts?|junctions?|checkpoints?)\b",
                           re.IGNORECASE)
#: a building named after a place: a namesake in another country is no reading of it
#: ("Madina hospital" in Mogadishu, not Medina; "Shiroro church" is in Shiroro)
_BUILDING_AFTER = re.compile(r"\s+(?:hospitals?|clinics?|mosques?|churches|church|stadiums?|"
                             r"hotels?|prisons?|universit(?:y|ies)|academ(?:y|ies))\b",
                             re.IGNORECASE)
#: a name told as a part of the city just named ("in Cajazeiras, on the other side of the
#: city"; "Valeria, in the north of the capital")
_IN_THE_CITY = re.compile(r",?\s+(?:on|at|in)\s+the\s+(?:other|far|[a-z]+ern|north|south|east|"
                          r"west)\s+(?:side|edge|end|part|outskirts)\s+of\s+the\s+(?:city|capital)"
                          r"\b|,?\s+in\s+the\s+(?:north|south|east|west|centre|center)\s+of\s+"
                          r"the\s+(?:city|capital)\b", re.IGNORECASE)
#: a name told as a part of the city by a possessive before it ("in the city's North Bank
#: area", "the capital's Hodan district")
_CITYS = re.compile(r"\bthe\s+(?:city|town|capital)['\u2019]s\s+$|"
                    # a neighbourhood by its local word: "in colonia Tierra Blanca", "the
                    # favela of Mare" (not "a neighbourhood of El Obeid": the town)
                    r"\b(?:colonias?|barrios?|bairros?|favelas?|quartiers?|comunas?)\s+"
                    r"(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
#: how far a neighbourhood's reading may lie from a town the article names
NEIGHBOURHOOD_KM = 30.0


#: a city this big has districts news names
CITY_POPULATION = 300_000


def _city_district(p: Place, text: str, towns: Sequence[Place],
                   is_city: Callable[[int], bool]) -> bool:
    """A district of the capital or provincial capital the article names, read as a town
    elsewhere ("a drone struck a building in the Kyivskyi district" of a report on Kharkiv:
    Kyivskyi is a district of Kharkiv, and a town in Donetsk); not an admin area of the country
    ("Dangam district", read as one)."""
    return p.feature_class == "P" and (bool(_DISTRICT_AFTER.match(text, p.end))
                                       or p.text.lower().endswith(" district")) and \
        text[max(0, p.start - 4):p.start].lower() == "the " and any(
            t.country_code == p.country_code and t.text != p.text
            and t.geonames_id is not None and is_city(t.geonames_id) for t in towns)


#: "the X district" (told after the name)
_DISTRICT_AFTER = re.compile(r"\s+district\b", re.IGNORECASE)


def _part_of_town(text: str, start: int, end: int) -> bool:
    """The name from ``start`` to ``end`` is told as a part of a town ("the Al-Rawdah
    neighbourhood", "on the other side of the city", "the city's Hodan district", "colonia
    Tierra Blanca")."""
    return bool(_PART_OF_TOWN.match(text, end) or _IN_THE_CITY.match(text, end)
                or _CITYS.search(text, max(0, start - 20), start))


def _neighbourhoods_in_town(places: list[Place], text: str,
                            is_city: Callable[[int], bool] = lambda gid: False) -> list[Place]:
    """A name told as a neighbourhood ("the Al-Rawdah neighbourhood") or a spot of a town
    (a market, a street, a roundabout, a checkpoint: "Bakara market") whose reading lies
    farther than :data:`NEIGHBOURHOOD_KM` from every town the article names is a part of the
    article's town, not a namesake elsewhere (ACLED codes a neighbourhood to its town): it takes
    point of the town the article names most (the first of them on a tie), with a lower
    confidence."""
    towns = [p for p in places if p.role == "literal" and p.feature_class == "P"
             and p.latitude is not None and p.longitude is not None]
    out = []
    for p in places:
        if p.role == "literal" and p.latitude is not None and p.longitude is not None \
                and (_part_of_town(text, p.start, p.end)
                     or _city_district(p, text, towns, is_city)
                     or (_BUILDING_AFTER.match(text, p.end) and p.country_code and all(
                         t.country_code != p.country_code for t in towns if t.text != p.text))):
            others = [t for t in towns if t.text != p.text]
            near = [t for t in others if haversine_km(
                p.latitude, p.longitude, t.latitude or 0.0, t.longitude or 0.0)
                <= NEIGHBOURHOOD_KM]  # (towns all have coordinates)
            if others and not near:
                named = Counter(t.geonames_id for t in others)
                town = min(others, key=lambda t: (-named[t.geonames_id], t.start))
                p0 = text.rfind("\n", 0, p.start) + 1
                told = [t for t in others if p0 <= t.start < p.start]
                if told:  # the paragraph's own town (a roundup: "MEXICO. In Culiacan, ...
                    town = told[-1]  # at a car wash in colonia Tierra Blanca")
                p = town.model_copy(update={"start": p.start, "end": p.end, "text": p.text,
                                            "confidence": round(min(p.confidence, 0.5), 3)})
        out.append(p)
    return out
