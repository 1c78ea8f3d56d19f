"""Event geolocation: which of a document's places is where an event mention happened.

Order of evidence, geo_precision lowered at each step (ACLED: 1 town or exact spot, 2 near a
town or part of a region, 3 region or province level):

1. the place the extractor attached to the trigger (``mention.place_span``);
2. a place syntactically attached to the trigger ("in", "near", "on the road to");
3. a place in the mention's sentence, then in its paragraph (nearest first);
4. the document's focus (the most mentioned literal place, else its country).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..schema import EventMention, Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .gazetteer import Gazetteer

NEAR_WORDS = frozenset({"near", "outside", "around", "outskirts", "north", "south", "east", "west",
                        "northeast", "northwest", "southeast", "southwest", "km", "kilometres",
                        "kilometers", "miles", "road", "highway", "between", "toward",
                        "towards", "en", "route", "edge", "vicinity"})


#: Heads that make an attached place the end of a road rather than where something happened.
ROAD_HEADS = frozenset({"road", "highway", "motorway", "expressway", "route", "border",
                        "crossing", "corridor", "railway", "pipeline", "-"})


#: Feature codes of class L that name a small local area (district level, not a region).
LOCAL_AREA_CODES = frozenset({"AREA"})


def base_precision(place: Place) -> int:
    """geo_precision a place carries by itself: 1 town or spot, 2 district, 3 province/country.

    Water bodies, relief features and regions (GeoNames class H, T and L: "the Red Sea", "the
    Sahel", "the Qandil Mountains") are region level (3), except a small named area (L.AREA,
    "Eastern Ghouta"), which is district level (2)."""
    code = place.feature_code or ""
    if place.feature_class is None:  # a named spot resolved to the town around it
        return 2
    if place.feature_class == "A" and (code.startswith(("PCL", "TERR")) or code == "ADM1"):
        return 3
    if place.feature_class == "L" and code in LOCAL_AREA_CODES:
        return 2
    if place.feature_class in ("H", "T", "L"):
        return 3
    if place.feature_class == "A":
        return 2
    return 1


def is_region(place: Place) -> bool:
    """A water body, relief feature or region (GeoNames class H, T or L, not a continent nor
    a small named area): a valid event place, but a town attached to the trigger beats it."""
    return place.feature_class in ("H", "T", "L") and (place.feature_code or "") not in (
        "CONT", *LOCAL_AREA_CODES)


def _road_endpoint(tok: object) -> bool:
    """Whether a place token modifies a road word before any preposition ("Baghdad" in "the
    Baghdad-Kirkuk highway"), so it names an end of the road, not the spot."""
    for _ in range(4):
        head = tok.head  # type: ignore[attr-defined]
        if head.i == tok.i or head.pos_ == "ADP":  # type: ignore[attr-defined]
            return False
        if head.lower_ in ROAD_HEADS:
            return True
        tok = head
    return False


def _town_within(text: str, area: Place, places: Sequence[Place]) -> Place | None:
    """A town named just before an admin area and inside it ("the town of X in Y province",
    "X, Y"): the more precise place of the same phrase."""
    if base_precision(area) == 1:
        return None
    best = None
    for p in places:
        if base_precision(p) != 1 or p.end > area.start or area.start - p.end > 40:
            continue
        between = text[p.end:area.start].strip().lower()
        if between not in ("in", ",", "of", "in the", ", in", "province of", "in eastern",
                           "in western", "in northern", "in southern") and len(between) > 12:
            continue
        same_area = (p.country_code == area.country_code
                     and (area.feature_code in ("PCLI", "PCL", "PCLD", "PCLF", "PCLS")
                          or (area.admin1 and p.admin1 == area.admin1)))
        if is_region(area):  # "the town of X in the Sinai", "Djibo in the Sahel"
            same_area = not area.country_code or p.country_code == area.country_code
        if same_area and (best is None or p.end > best.end):
            best = p
    return best


def _usable(places: Sequence[Place]) -> list[Place]:
    return [p for p in places if p.role == "literal" and p.latitude is not None
            and p.feature_code != "CONT"]


def _syntactic(doc: Doc, mention: EventMention, places: Sequence[Place]) -> tuple[Place, bool] | None:
    """A place in the trigger's syntactic neighbourhood, and whether a "near" word intervenes."""
    trig = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    if trig is None:
        return None
    heads = {t.i for t in trig} | {trig.root.head.i}
    best: tuple[tuple[bool, int, int], Place, bool] | None = None
    for p in places:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or span.sent.start != trig.sent.start:
            continue
        tok = span.root
        path: list[str] = []
        steps = 0
        while tok.i not in heads and tok.head.i != tok.i and steps < 6:
            path.append(tok.lower_)
            tok = tok.head
            steps += 1
        if tok.i in heads:
            near = any(w in NEAR_WORDS for w in path)
            endpoint = _road_endpoint(span.root)  # "the Baghdad-Kirkuk road"
            rank = (endpoint, base_precision(p), steps)  # the most precise attached place first
            if best is None or rank < best[0]:
                best = (rank, p, near)
    return (best[1], best[2]) if best else None


def _location(gz: Gazetteer | None, place: Place, precision: int, reason: str) -> Location:
    country = iso3 = None
    if gz is not None and place.country_code:
        info = gz.countries.get(place.country_code)
        if info is not None:
            country, iso3 = info.name, info.iso3 or None
    code = place.feature_code or ""
    is_country = place.feature_class == "A" and code.startswith(("PCL", "TERR"))
    admin1 = None if is_country else place.admin1
    if code == "ADM1" and not admin1:
        admin1 = place.name
    admin2 = place.admin2 if code != "ADM1" and not is_country else None
    if code == "ADM2" and not admin2:
        admin2 = place.name
    return Location(place=place, country=country, iso3=iso3, admin1=admin1, admin2=admin2,
                    location=place.name or place.text, latitude=place.latitude,
                    longitude=place.longitude, geo_precision=precision,
                    geonames_id=place.geonames_id, reason=reason)


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end)
    return (0 if a < 0 else a, len(text) if b < 0 else b)


def locate(doc: Doc, mention: EventMention, places: Sequence[Place],
           gazetteer: Gazetteer | None = None) -> Location:
    """Where ``mention`` happened (see the module docstring for the order of evidence)."""
    usable = _usable(places)
    if not usable:
        return Location(reason="no literal place in the document")
    # 1. the extractor's place span
    if mention.place_span is not None:
        ps = mention.place_span
        for p in usable:
            if p.start < ps.end and ps.start < p.end:
                town = _town_within(doc.text, p, usable)
                if town is not None:
                    return _location(gazetteer, town, base_precision(town),
                                     f"{town.text!r} lies in {p.text!r}, the place the "
                                     "extractor attached to the trigger")
                if is_region(p):  # "off Hodeidah in the Red Sea": the town, if attached
                    hit = _syntactic(doc, mention, usable)
                    if hit is not None and base_precision(hit[0]) < base_precision(p):
                        q, near = hit
                        prec = 2 if near and base_precision(q) == 1 else base_precision(q)
                        return _location(gazetteer, q, prec,
                                         f"{q.text!r} is attached to the trigger "
                                         f"{mention.trigger.text!r}, more precisely than the "
                                         f"region {p.text!r} the extractor gave")
                return _location(gazetteer, p, base_precision(p),
                                 f"place attached to the trigger by the extractor: {p.text!r}")
    # 2. syntactic attachment
    hit = _syntactic(doc, mention, usable)
    if hit is not None:
        p, near = hit
        prec = base_precision(p)
        if near and prec == 1:
            prec = 2
        how = "near" if near else "in"
        return _location(gazetteer, p, prec,
                         f"{p.text!r} is syntactically attached to the trigger "
                         f"{mention.trigger.text!r} ({how})")
    # 3. sentence, then paragraph
    s0, s1 = mention.sentence.start, mention.sentence.end
    mid = (mention.trigger.start + mention.trigger.end) / 2
    in_sent = [p for p in usable if s0 <= p.start and p.end <= s1]
    if in_sent:
        p = min(in_sent, key=lambda q: (base_precision(q) == 3, abs(q.start - mid)))
        return _location(gazetteer, p, max(base_precision(p), 2),
                         f"nearest place in the event's sentence: {p.text!r}")
    p0, p1 = _paragraph_bounds(doc.text, s0, s1)
    in_par = [p for p in usable if p0 <= p.start and p.end <= p1]
    if in_par:
        before = [p for p in in_par if p.end <= s0]
        p = (max(before, key=lambda q: q.start) if before
             else min(in_par, key=lambda q: q.start))
        return _location(gazetteer, p, max(base_precision(p), 2),
                         f"nearest place in the event's paragraph: {p.text!r}")
    # 4. document focus
    counts = Counter(p.geonames_id for p in usable)
    top_id = counts.most_common(1)[0][0]
    p = next(q for q in usable if q.geonames_id == top_id)
    return _location(gazetteer, p, 3, f"document focus: most mentioned place {p.text!r}")
