"""Nominal place references: "the city", "the province", "the country", "the camp".

A definite noun phrase whose head names a kind of place refers back to the last place of that
kind the article named ("Gunmen entered Tikrit ... militants attacked the town" -> Tikrit). The
reference is resolved to that place (role "literal", a lower confidence, the span of the noun
phrase), so event geolocation can use it like a name.

Levels (head word -> what it refers back to):

* city, town, village, township, hamlet -> the last populated place (feature class P);
* capital -> the last national capital (PPLC; "provincial capital" -> PPLA*); "the Syrian
  capital" -> the capital of the country the demonym names;
* province, governorate, prefecture, oblast -> the last first-order area (ADM1), else the
  province of the last town;
* district, county, municipality -> the last second-order area (ADM2), else the district of the
  last town;
* country, nation -> the last country, else the country of the last literal place;
* area, locality, vicinity -> the last literal place below country level;
* region -> the last literal area below country level and above town level (ADM1, ADM2, L);
* a facility word (camp, hospital, library, mosque...) -> the last named spot ending in that
  word ("Carnegie Library" ... "the library"); failing that, for unambiguous building words,
  a spot in the last named town within 1,500 characters (``geonames_id`` and feature class
  null, like a named spot the gazetteer lacks; event geolocation gives it precision 2).

Not references: indefinite or plural phrases ("a city", "the towns"), a head that modifies
another noun ("the city council", "the town hall"), a phrase followed by its own name ("the
city of Mosul", "the capital, Baghdad": the name is reported instead), and "there" (not
precise enough without discourse analysis). "here" is resolved only in a report opening with an
all-capital dateline town ("BAGHDAD (Wire) - ... a bomb exploded here"), to that town.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..nlp import doc_text, tokens_lowered_as
from ..schema import Place
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .gazetteer import Gazetteer

#: Head word of a nominal reference -> the level of place it refers back to.
NOMINAL_HEADS: dict[str, str] = {
    "city": "town", "town": "town", "village": "town", "township": "town", "hamlet": "town",
    "capital": "capital",
    "province": "admin1", "governorate": "admin1", "prefecture": "admin1", "oblast": "admin1",
    "district": "admin2", "county": "admin2", "municipality": "admin2",
    "country": "country", "nation": "country",
    "area": "area", "locality": "area", "vicinity": "area", "region": "region",
}
#: Heads that refer back to a named spot ending in the same word ("the camp").
FACILITY_HEADS = frozenset({
    "camp", "hospital", "library", "mosque", "church", "school", "university", "airport",
    "airbase", "base", "market", "prison", "stadium", "bridge", "dam", "refinery", "hotel",
    "checkpoint", "station", "port", "palace", "square", "shrine", "temple", "cathedral",
    "compound", "barracks", "embassy", "consulate",
})

#: The words :meth:`NominalResolver.resolve` acts on: "here" and the heads above.
_REFERRING_WORDS = ("here", *NOMINAL_HEADS, *sorted(FACILITY_HEADS))
#: Facility heads that are seldom anything but a building or site: without a named antecedent
#: "the hospital" is taken to be a spot in the last named town (as a named spot the gazetteer
#: lacks is). Ambiguous heads ("the market", "the base", "the station") are left out.
SPOT_HEADS = frozenset({"camp", "hospital", "library", "mosque", "church", "school",
                        "university", "airport", "prison", "stadium", "hotel", "checkpoint",
                        "embassy", "barracks", "refinery", "cathedral", "shrine"})
#: Characters a town may lie before a spot reference that falls back to it.
SPOT_DISTANCE = 1500
DETERMINERS = frozenset({"the", "this", "that"})
#: Confidence of a reference relative to its antecedent's, and its ceiling.
CONFIDENCE_FACTOR = 0.6
MAX_CONFIDENCE = 0.5
#: Characters an antecedent may lie before its reference.
MAX_DISTANCE = 3000


def is_nominal(place: Place) -> bool:
    """Whether ``place`` is a nominal reference ("the city", "here") rather than a name."""
    first = place.text.split(maxsplit=1)[0].lower() if place.text.strip() else ""
    return first in DETERMINERS or first == "here"


def _phrase(doc: Doc, head: Token) -> tuple[int, int] | None:
    """Token range [det, head] of a definite noun phrase ending in ``head``, or None."""
    i = head.i - 1
    adjectives = 0
    while i >= 0 and adjectives < 2 and doc[i].pos_ == "ADJ" and doc[i].lower_ not in DETERMINERS:
        adjectives += 1
        i -= 1
    if i < 0 or doc[i].lower_ not in DETERMINERS:
        return None
    return i, head.i


#: units named after "of the" before a name ("the rural area of the municipality of Tibú")
_UNIT_OF = frozenset({"municipality", "district", "department", "province", "commune",
                      "town", "city", "village", "county", "region", "governorate", "state"})


def _names_itself(doc: Doc, head: Token) -> bool:
    """"the city of Mosul", "the capital, Baghdad", "the town Hit", "the rural area of the
    municipality of Tibú": the name follows."""
    j = head.i + 1
    if j < len(doc) and doc[j].lower_ == "of" and j + 3 < len(doc) and \
            doc[j + 1].lower_ == "the" and doc[j + 2].lower_ in _UNIT_OF and \
            doc[j + 3].lower_ == "of":
        j += 3  # (skip "of the municipality")
    if j < len(doc) and doc[j].lower_ in ("of", ",") and j + 1 < len(doc):
        nxt = doc[j + 1]
        return nxt.is_title or nxt.pos_ == "PROPN"
    return j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title


def _modifies_noun(doc: Doc, head: Token) -> bool:
    """"the city council", "the town hall": the head word is a modifier, not the place."""
    j = head.i + 1
    if head.dep_ == "compound":
        return True
    return j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN") and doc[j].tag_ != "POS" \
        and head.head.i == j


def _dateline(doc: Doc, named: Sequence[Place]) -> Place | None:
    """The town of an all-capital dateline opening the article ("BAGHDAD, May 2 (Wire) -")."""
    for p in named:
        if p.start > 80:
            break
        if p.text.isupper() and len(p.text) > 2 and p.feature_class == "P" \
                and p.role == "literal" and p.geonames_id is not None:
            return p
    return None


def _is_country(p: Place) -> bool:
    return p.feature_class == "A" and (p.feature_code or "").startswith(("PCL", "TERR"))


#: a town named as an end of a road ("the Culiacan-Eldorado highway")
_ROAD_AFTER = re.compile(r"\s?[-\u2013\u2014/]\s?[A-Z][\w'-]*\s+(?:road|highway|motorway|expressway|"
                         r"route|axis)\b|\s+(?:road|highway|motorway|expressway|route|axis)\b",
                         re.IGNORECASE)


def _road_end(text: str, p: Place) -> bool:
    """The place is one end of a road named by its towns."""
    if not text:
        return False
    joined = p.start > 0 and text[p.start - 1] in "-\u2013\u2014/"
    m = _ROAD_AFTER.match(text, p.end)
    return m is not None and (joined or m.group(0).lstrip()[:1] in "-\u2013\u2014/")


class NominalResolver:
    """Resolves nominal place references of a document to its named places."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gz = gazetteer

    def resolve(self, doc: Doc, places: Sequence[Place]) -> list[Place]:
        """The nominal references of ``doc`` resolved against ``places`` (its named places,
        resolved), in text order; references without an antecedent are left out."""
        named = sorted(places, key=lambda p: p.start)
        taken = [(p.start, p.end) for p in named]
        out: list[Place] = []
        dateline = _dateline(doc, named)
        # only "here" and the heads can refer back: those tokens, found in the doc's arrays
        for i in tokens_lowered_as(doc, _REFERRING_WORDS):
            tok = doc[i]
            word = tok.lower_
            if word == "here" and dateline is not None and tok.idx > dateline.end:
                ref = self._here(doc, tok, dateline)
                if ref is not None:
                    out.append(ref)
                continue
            level = NOMINAL_HEADS.get(word) or ("facility" if word in FACILITY_HEADS else None)
            if level is None or tok.tag_ in ("NNS", "NNPS") or (tok.is_title
                                                                  and not tok.is_sent_start):
                continue  # plurals; "Mexico City", "the Old City" are names
            if level == "capital" and tok.i > 1 and doc[tok.i - 1].lower_ in ("'s", "’s") \
                    and not _names_itself(doc, tok):
                # "Libya's capital": the capital of the country named before it
                owner = next((p for p in named if p.end == doc[tok.i - 1].idx
                              and _is_country(p)), None)
                capital = self._capital(doc, owner, owner.start, tok.idx + len(tok)) \
                    if owner is not None else None
                if capital is not None:
                    out.append(capital)
                continue
            rng = _phrase(doc, tok)
            if rng is None or _names_itself(doc, tok) or _modifies_noun(doc, tok):
                continue
            start, end = doc[rng[0]].idx, tok.idx + len(tok)
            country = next((p for p in named if start <= p.start and p.end <= end
                            and _is_country(p)), None)
            if level == "capital" and country is not None:  # "the Syrian capital"
                capital = self._capital(doc, country, start, end)
                if capital is not None:
                    out.append(capital)
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            modifiers = {doc[k].lower_ for k in range(rng[0] + 1, rng[1])}
            # a dateline is where the report was filed, not the antecedent of "the village"
            candidates = [p for p in named if p is not dateline] if dateline is not None \
                and level not in ("capital", "country") else named
            antecedent, derived = self._antecedent(candidates, start, level, word, modifiers,
                                                   doc_text(doc))
            if antecedent is None:
                continue
            role = "literal"
            if level in ("country", "capital") and tok.i + 1 < len(doc) \
                    and doc[tok.i + 1].tag_ == "POS":
                role = "associative"  # "the country's president"
            conf = min(MAX_CONFIDENCE, antecedent.confidence * CONFIDENCE_FACTOR)
            if derived:
                conf *= 0.5
            out.append(antecedent.model_copy(update={
                "start": start, "end": end, "text": doc_text(doc)[start:end], "role": role,
                "confidence": round(conf, 4)}))
        return out

    @staticmethod
    def _here(doc: Doc, tok: Token, dateline: Place) -> Place | None:
        """"here" in a datelined report ("BAGHDAD (Wire) - ... a bomb exploded here"): the
        dateline's town. Not "here is", "here's", "here and there", "from here on"."""
        nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if tok.pos_ != "ADV" or nxt in ("is", "are", "'s", "’s", "and", "to") \
                or prev in ("from", "over", "right", "look"):
            return None
        return dateline.model_copy(update={
            "start": tok.idx, "end": tok.idx + len(tok), "text": tok.text, "role": "literal",
            "confidence": round(min(MAX_CONFIDENCE, dateline.confidence * CONFIDENCE_FACTOR),
                                4)})

    def _antecedent(self, named: Sequence[Place], start: int, level: str, word: str,
                    modifiers: set[str], text: str = "") -> tuple[Place | None, bool]:
        """The place a reference at ``start`` points back to, and whether it was derived
        (the province of a town) rather than named."""
        before = [p for p in reversed(named) if p.end <= start and start - p.end <= MAX_DISTANCE
                  and p.latitude is not None]
        literal = [p for p in before if p.role == "literal" and is_nominal(p) is False]
        if level == "town":
            # (not an end of a road told by its two towns: "near the Culiacan-Eldorado
            # highway, at the southern exit of the city" is Culiacan)
            hit = next((p for p in literal if p.feature_class == "P"
                        and p.geonames_id is not None and not _road_end(text, p)), None)
            return hit, False
        if level == "capital":
            codes = ("PPLA", "PPLA2") if modifiers & {"provincial", "regional", "state"} \
                else ("PPLC",)
            return next((p for p in literal if (p.feature_code or "") in codes), None), False
        if level == "facility":
            hit = next((p for p in literal if p.text.lower().rstrip(".").endswith(" " + word)),
                       None)
            if hit is not None or word not in SPOT_HEADS:
                return hit, False
            town = next((p for p in literal if p.feature_class == "P" and p.geonames_id
                         is not None and start - p.end <= SPOT_DISTANCE), None)
            if town is None:
                return None, False
            return town.model_copy(update={"geonames_id": None, "feature_class": None,
                                           "feature_code": None}), True
        if level == "region":  # an area above town level, below country level
            return next((p for p in literal if not _is_country(p) and p.feature_code != "CONT"
                         and p.feature_class in ("A", "L")), None), False
        if level == "area":
            return next((p for p in literal if not _is_country(p)
                         and p.feature_code != "CONT"), None), False
        if level == "country":
            hit = next((p for p in before if _is_country(p)), None)
            if hit is not None:
                return hit, False
            src = next((p for p in literal if p.country_code), None)
            return (self._country(src) if src else None), True
        code = "ADM1" if level == "admin1" else "ADM2"
        for p in literal:
            if p.feature_code == code:
                return p, False
            if p.feature_class == "P" and p.geonames_id is not None:
                return self._admin_of(p, level), True
        return None, False

    def _capital(self, doc: Doc, country: Place, start: int, end: int) -> Place | None:
        """The capital of the country a demonym inside the phrase names."""
        c = self.gz.capital(country.country_code or "")
        if c is None:
            return None
        return Place(start=start, end=end, text=doc_text(doc)[start:end], name=fold(c.name),
                     geonames_id=c.geonames_id if c.geonames_id > 0 else None,
                     latitude=c.latitude, longitude=c.longitude, country_code=c.country_code,
                     admin1=self.gz.admin1_name(c.country_code, c.admin1_code)
                     if c.admin1_code else None, feature_class=c.feature_class,
                     feature_code=c.feature_code, role="literal",
                     confidence=round(min(MAX_CONFIDENCE,
                                          country.confidence * CONFIDENCE_FACTOR), 4))

    def _country(self, p: Place) -> Place | None:
        info = self.gz.countries.get(p.country_code or "")
        cand = self.gz.get(info.geonames_id) if info and info.geonames_id else None
        if cand is None:
            return None
        return p.model_copy(update={
            "name": fold(cand.name), "geonames_id": cand.geonames_id, "latitude": cand.latitude,
            "longitude": cand.longitude, "admin1": None, "admin2": None,
            "feature_class": cand.feature_class or "A", "feature_code": cand.feature_code or "PCLI"})

    def _admin_of(self, p: Place, level: str) -> Place | None:
        """The province (or district) a resolved town lies in, from the gazetteer."""
        name = p.admin1 if level == "admin1" else p.admin2
        if not name:
            return None
        code = "ADM1" if level == "admin1" else "ADM2"
        for c in self.gz.lookup(name):
            if c.feature_code == code and c.country_code == p.country_code:
                return p.model_copy(update={
                    "name": fold(c.name), "geonames_id": c.geonames_id if c.geonames_id > 0 else None,
                    "latitude": c.latitude, "longitude": c.longitude,
                    "admin2": p.admin2 if level == "admin2" else None,
                    "feature_class": c.feature_class, "feature_code": c.feature_code})
        return None


__all__ = ["FACILITY_HEADS", "NOMINAL_HEADS", "NominalResolver", "is_nominal"]
