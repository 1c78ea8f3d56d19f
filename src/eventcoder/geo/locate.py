"""Event geolocation: which of a document's places is where an event mention happened.

Order of evidence, geo_precision lowered at each step (ACLED: 1 town or exact spot, 2 near a
town or part of a region, 3 region or province level):

1. the place the extractor attached to the trigger (``mention.place_span``);
2. a place syntactically attached to the trigger ("in", "near", "on the road to");
3. a place in the mention's sentence, then in its paragraph (nearest first);
4. the document's focus (the most mentioned literal place, else its country).

Whichever step chose it, a country gives way to a place inside it that the text names (its
possessive "Libya's Misrata", else the most specific one in the sentence, paragraph or
document), since ACLED codes the most specific place a report supports. A place qualifying an
actor ("Kabul-based", "Iran-backed", "Damascus-bound") is never the event's place, nor is an
actor's origin ("troops from Chad") the extractor's choice, nor a place where the report was
given ("police in Kaduna said") attached to the event; a town with "near", "outskirts",
"countryside" around it is precision 2, and a name the text calls a province ("the province of
Sirnak") keeps province precision when it resolved to its town.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..nlp import doc_text
from ..schema import EventMention, Location, Place, Span
from .resolve import km_apart
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

    from .gazetteer import Gazetteer

NEAR_WORDS = frozenset({"near", "outside", "around", "outskirts", "north", "south", "east", "west",
                        "northeast", "northwest", "southeast", "southwest", "km", "kilometres",
                        "kilometers", "miles", "road", "highway", "between", "toward",
                        "towards", "en", "route", "edge", "vicinity", "countryside",
                        "suburbs", "suburb", "environs", "periphery", "nearby", "area", "areas",
                        "rural"})

#: A hyphenated word after a place that makes it qualify an actor or a destination
#: ("Kabul-based", "Iran-backed", "Saudi-led", "Damascus-bound"), not the event's place.
QUALIFIER_AFTER = re.compile(
    r"[ \t]*[-\u2010-\u2013][ \t]*(?:based|backed|led|born|funded|supported|allied|aligned|"
    r"affiliated|linked|trained|sponsored|registered|owned|flagged|made|bound|headquartered)\b",
    re.IGNORECASE)

#: Nouns a demonym can make a place of ("the Afghan west province", "a Syrian border town",
#: "in the Afghan south").
PLACE_NOUNS = frozenset({"province", "provinces", "state", "region", "district", "town",
                         "city", "village", "villages", "capital", "territory", "soil",
                         "countryside", "side", "port", "county", "governorate", "island",
                         "coast", "mainland"})

#: The same in the text, for parses that attach the noun elsewhere: a demonym, perhaps a
#: direction or "border", a place noun, then the end of the noun phrase.
DEMONYM_PLACE_AFTER = re.compile(
    r"[ \t]+(?:(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Cc]entral)[a-z]*[ \t]+|border[ \t]+|"
    r"restive[ \t]+)?(?:province|state|region|district|town|city|village|capital|countryside|"
    r"territory|soil|side|(?:north|south)(?:-?(?:east|west))?|east|west)"
    r"(?=[ \t]*(?:$|[.,;:!?)\-\u2013\u2014]|(?:of|in|on|near|where|after|"
    r"when|as)\b))")

#: Admin words a place's span may leave out before a possessive ("Zamfara state's Anka").
ADMIN_TAILS = frozenset({"state", "province", "region", "governorate", "district", "county",
                         "prefecture", "oblast"})

#: Roles of the noun a place modifies that make it an actor's attribute ("Uganda LRA rebels
#: kill ..."): a place attached that way loses to one attached by a preposition.
ACTOR_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "appos", "compound"})


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


#: the words between a town and the area it is the main town of ("Djibo, the main town of
#: Burkina Faso's northern Soum province"; "Bunia, the capital of Ituri")
_MAIN_TOWN_OF = re.compile(r",\s*(?:the\s+)?(?:main|chief|largest|administrative|provincial|"
                           r"regional)?\s*(?:town|city|capital|seat)\s+of\s+"
                           r"(?:[\w'\u2019-]+\s+){0,4}?", re.IGNORECASE)


def _town_within(text: str, area: Place, places: Sequence[Place]) -> Place | None:
    """A town (or a district: "the municipality of Apatzingan, Michoacan") named just before
    an admin area and inside it ("the town of X in Y province", "X, Y"): the more precise
    place of the same phrase."""
    if base_precision(area) == 1:
        return None
    best = None
    for p in places:
        if base_precision(p) >= base_precision(area) or p.end > area.start or \
                area.start - p.end > 70:
            continue
        between = text[p.end:area.start].strip().lower()
        if between not in ("in", ",", "of", "in the", ", in", "province of", "in eastern",
                           "in western", "in northern", "in southern") and (
                len(between) > 12 or area.start - p.end > 40) and \
                not _MAIN_TOWN_OF.fullmatch(text, p.end, area.start):
            continue
        same_area = (p.country_code == area.country_code
                     and (area.feature_code in ("PCLI", "PCL", "PCLD", "PCLF", "PCLS")
                          or (area.admin1 and p.admin1 == area.admin1)))
        if is_region(area):  # "the town of X in the Sinai", "Djibo in the Sahel"
            same_area = not area.country_code or p.country_code == area.country_code
        if same_area and (best is None or p.end > best.end):
            best = p
    return best


#: the words between a locality and the unit around it ("in Dareye, in the Ouallam
#: department", "the village of Koira Tegui, in the commune of Ouallam", "X, Y district")
#: nouns of the unit around a locality ("the Ouallam department", "the commune of Ouallam")
_UNIT = (r"(?:commune|department|district|municipality|county|territory|prefecture|"
         r"sub-?prefecture|locality|sector|chiefdom)")
_UNIT_BETWEEN = re.compile(r"(?:\s+(?:town|village|hamlet|locality|area))?"
                           r",?\s*(?:in|of|within)?\s*(?:the\s+)?(?:(?:rural\s+|urban\s+)?"
                           + _UNIT + r"\s+of\s*)?", re.IGNORECASE)
_AREA_AFTER = re.compile(r"\s+(?:countryside|outskirts|suburbs|rural\s+areas?|area)\b",
                         re.IGNORECASE)
_UNIT_BEFORE = re.compile(_UNIT + r"\s+of\s+$", re.IGNORECASE)
#: a unit's noun after the rest of its name ("in Mamove, in the Beni-Mbau chiefdom")
_UNIT_AFTER = re.compile(r"(?:-?[A-Z][\w'-]*)?\s+(?i:" + _UNIT + r")\b")


#: the words between a locality and a unit around it told in brackets after it: " (" and
#: maybe another unit first ("Dogondoutchi department, ")
_IN_BRACKET = re.compile(r"\s*\([^()]*")


def _locality_before_bracket(text: str, unit: Place, places: Sequence[Place]) -> Place | None:
    """A locality the gazetteer lacks with the units around it told in brackets after it
    ("the market of Matankari (Dogondoutchi department, Dosso region)"): the event's place is
    the locality, not the unit."""
    for q in places:
        if q.feature_class is None and q.end <= unit.start and unit.start - q.end <= 60 and \
                _IN_BRACKET.fullmatch(text, q.end, unit.start):
            return q
    return None


#: the words between a place and the town it lies at the edge of ("in the municipality of
#: Cacuaco, on the northern edge of Luanda")
_EDGE_OF = re.compile(r",\s+(?:on|in|at)\s+the\s+(?:[a-z-]+\s+)?(?:edge|outskirts|fringes?|"
                      r"side)\s+of\s+(?:the\s+)?(?:city\s+of\s+|capital\s+)?$")


def _place_on_edge_of(text: str, town: Place, places: Sequence[Place]) -> Place | None:
    """The place told just before "..., on the northern edge of ``town``": the event's."""
    for q in places:
        if q.end <= town.start and town.start - q.end <= 60 and \
                _EDGE_OF.fullmatch(text, q.end, town.start):
            return q
    return None


def _province(place: Place) -> bool:
    """A first-order admin area (a province, a state, a governorate)."""
    return place.feature_class == "A" and place.feature_code == "ADM1"


def _finer_in_sentence(doc: Doc, mention: EventMention, area: Place,
                       places: Sequence[Place]) -> Place | None:
    """The one town or district inside ``area`` (a province) that the event's sentence also
    names ("In Diyala governorate, a group attacked a position in the orchards of Muqdadiyah
    district"; "in Mocimboa da Praia district, in Mozambique's northern province of Cabo
    Delgado"): the event's more precise place. None when the sentence names two such places
    (which of them is the event's is not known) or the place is where someone came from."""
    s0, s1 = mention.sentence.start, mention.sentence.end
    inside: dict[tuple, Place] = {}
    for q in places:  # (the first telling of each: its name, not "the town" after it)
        if s0 <= q.start and q.end <= s1 and q is not area and base_precision(q) < 3 \
                and q.feature_class in ("P", "A") and q.country_code == area.country_code \
                and q.admin1 == (area.admin1 or area.name) and not _origin(doc, q):
            inside.setdefault((q.name, q.latitude, q.longitude), q)
    return next(iter(inside.values())) if len(inside) == 1 else None


def _locality_within(doc: Doc, unit: Place, places: Sequence[Place]) -> Place | None:
    """A locality named just before the unit around it, a town's commune or department
    ("in Dareye, in the Ouallam department"; "the village of Koira Tegui, in the commune of
    Ouallam"; "in Oicha, Beni territory"): the event's place is the locality, not the town.
    The locality is one the gazetteer lacks, or a town it has within
    :data:`UNIT_TOWN_KM` of the unit's town."""
    text = doc_text(doc)
    if base_precision(unit) != 1 or not (
            _admin_phrase(doc, unit) or _UNIT_BEFORE.search(text[max(0, unit.start - 30):
                                                                  unit.start])
            or _AREA_AFTER.match(text, unit.end) or _UNIT_AFTER.match(text, unit.end)):
        return None
    for q in places:
        if q.end <= unit.start and unit.start - q.end <= 40 and \
                _UNIT_BETWEEN.fullmatch(text, q.end, unit.start) and (
                    q.feature_class is None or (
                        q.feature_class == "P" and q.country_code == unit.country_code
                        and (km := km_apart(q, unit)) is not None and km <= UNIT_TOWN_KM)):
            return q
    return None


#: how far from the town a unit is named after a town of that unit may lie ("Oicha, Beni
#: territory": 25 km; a Congolese territory or a Nigerian local government area spans some
#: 100 km)
UNIT_TOWN_KM = 100.0


def is_qualifier(text: str, place: Place) -> bool:
    """Whether ``place`` qualifies an actor or a destination ("Kabul-based journalist",
    "Iran-backed militia", "a Damascus-bound convoy", "pro-Kiev forces") rather than naming
    a location."""
    before = text[max(0, place.start - 5):place.start].lower()
    return (QUALIFIER_AFTER.match(text, place.end) is not None
            or before.endswith(("pro-", "anti-", "pro\u2010", "anti\u2010")))


def _demonym_of_place(doc: Doc | None, place: Place) -> bool:
    """An associative demonym that makes a place of the noun it modifies ("in the Afghan
    west province", "a Syrian border town"), so the country is a literal place."""
    if doc is None or not place.country_code:
        return False
    if DEMONYM_PLACE_AFTER.match(doc_text(doc), place.end):
        return True
    span = _tokens(doc, place)
    if span is None:
        return False
    head = span.root.head
    for _ in range(2):  # "Syrian border town": border is itself a compound of town
        if head.lower_ in PLACE_NOUNS and head.dep_ != "compound":
            return head.i > span.root.i
        if head.dep_ != "compound" or head.head.i == head.i:
            return False
        head = head.head
    return False


def _tokens(doc: Doc, item: Place | Span) -> DocSpan | None:
    """The tokens of a place or a text span (``start``/``end`` characters), widened to token
    boundaries; None if they fall outside the document."""
    return doc.char_span(item.start, item.end, alignment_mode="expand")


#: what a reference point follows: "on the outskirts of Oicha, about 25 km north of Beni" (the
#: event is at Oicha, told by its distance from Beni)
REFERENCE_BEFORE = re.compile(
    r"(?:\b\d+(?:\.\d+)?\s*(?:km|kilomet(?:re|er)s?|miles?)\s+(?:\([^()]{1,20}\)\s+)?"
    r"(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?:of|from)\s+(?:the\s+)?(?:(?:city|town|village|provincial\s+capital|capital)\s+"
    r"(?:of\s+)?)?"
    # or the country across a border: "in Mozogo, in Cameroon's Far North, near the border
    # with Nigeria"
    r"|\b(?:border|frontier)\s+with\s+(?:neighbou?ring\s+)?)$", re.IGNORECASE)


def is_reference_point(text: str, place: Place, places: Sequence[Place]) -> bool:
    """``place`` is told as the point another place of its sentence is measured from (that
    place named just before it)."""
    if not REFERENCE_BEFORE.search(text, max(0, place.start - 70), place.start):
        return False
    return any(q.end <= place.start and place.start - q.end <= 120 and q.latitude is not None
               and "\n" not in text[q.end:place.start] and "." not in text[q.end:place.start]
               for q in places if q is not place)


#: what a destination follows ("buses to Bahir Dar", "a convoy heading for Gao", "fled to X")
DESTINATION_BEFORE = re.compile(
    r"\b(?:bus(?:es)?|coaches|trains?|flights?|boats?|ferr(?:y|ies)|travell?ers|passengers|"
    r"bound|head(?:ing|ed)|travell?(?:ing|ed)|fled|fleeing|evacuated|returning|going|"
    r"withdr[ae]w(?:ing)?|withdrawn|retreat(?:ing|ed)|"
    r"deported|transferred)\s+(?:[\w'-]+\s+){0,2}?(?:to|for|towards)\s+(?:the\s+)?$",
    re.IGNORECASE)


def _usable(places: Sequence[Place], doc: Doc | None = None) -> list[Place]:
    text = doc_text(doc) if doc is not None else ""
    out = []
    for p in places:
        if p.latitude is None or p.feature_code == "CONT" or is_qualifier(text, p) or (
                text and DESTINATION_BEFORE.search(text, max(0, p.start - 60), p.start)):
            continue  # (nor where people were going: "waiting for buses to Bahir Dar")
        if p.role == "literal":
            out.append(p)
        elif p.role == "associative" and p.feature_code and p.feature_code.startswith("PCL") \
                and _demonym_of_place(doc, p):
            out.append(p.model_copy(update={"role": "literal"}))
    return out


def is_country(place: Place) -> bool:
    """A country, dependency or territory (GeoNames A.PCL*, A.TERR)."""
    return place.feature_class == "A" and (place.feature_code or "").startswith(("PCL", "TERR"))


def _spot_precision(doc: Doc, place: Place) -> int:
    """The place's base precision, 2 for a town qualified as approximate ("near X")."""
    prec = base_precision(place)
    return 2 if prec == 1 and _near_words(doc, place) else prec


#: Admin nouns that make a name in their phrase an area ("the province of Sirnak", "Ghazni
#: province"), by the ACLED precision of that area.
ADMIN_NOUN_LEVEL = {"province": 3, "governorate": 3, "state": 3, "region": 3, "oblast": 3,
                    "prefecture": 3, "department": 3, "district": 2, "municipality": 2,
                    "county": 2, "territory": 2}


def _admin_phrase(doc: Doc, place: Place) -> int:
    """The precision an admin noun gives the place's phrase when the place resolved to a town
    ("the southeastern province of Sirnak", "Uruzgan province" read as a town): 3 for a
    province, 2 for a district; 0 when there is none. The noun must follow the name or govern
    it through "of", outside the place's own span."""
    if base_precision(place) != 1:
        return 0
    span = _tokens(doc, place)
    if span is None:
        return 0
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_NOUN_LEVEL and (
            span.end + 1 >= len(doc) or doc[span.end + 1].lower_ != "'s"):
        return ADMIN_NOUN_LEVEL[doc[span.end].lower_]
    head = span.root.head
    if head.lower_ == "of" and head.head.lower_ in ADMIN_NOUN_LEVEL and head.head.i < span.start:
        return ADMIN_NOUN_LEVEL[head.head.lower_]
    return 0


#: Verbs and nouns of reporting: a place hanging from one says where it was told ("police
#: in Kaduna said", "told reporters in Abuja", "in a statement in Kabul"), not where it happened.
REPORTING_VERBS = frozenset({"say", "tell", "announce", "report", "add", "confirm", "claim",
                             "state", "accord", "quote", "brief", "deny", "speak", "cite"})
REPORTING_NOUNS = frozenset({"statement", "reporters", "journalists", "conference",
                             "interview", "briefing", "broadcast", "spokesman", "spokeswoman",
                             "spokesperson"})


def _reporting(doc: Doc, mention: EventMention, place: Place) -> bool:
    """Whether the place hangs from a verb or noun of reporting before it reaches the
    trigger ("Gunmen killed five, police in Kaduna said")."""
    span = _tokens(doc, place)
    if span is None:
        return False
    tok = span.root
    for _ in range(6):
        head = tok.head
        if head.i == tok.i or mention.trigger.start <= head.idx < mention.trigger.end:
            return False
        if head.lower_ in REPORTING_NOUNS and tok.dep_ != "compound" and not (
                mention.trigger.start <= head.head.idx < mention.trigger.end):
            return True  # not "killed two reporters in Kabul"
        if head.pos_ in ("VERB", "AUX"):
            # (not what the report says after its colon: "residents said: seven in Kucheri")
            return head.lemma_.lower() in REPORTING_VERBS and not (
                head.idx < place.start and ":" in doc_text(doc)[head.idx:place.start])
        tok = head
    return False


def _origin(doc: Doc, place: Place) -> bool:
    """Whether the place is where an actor comes from ("troops from Chad", "gunmen from
    Zamfara"): "from" attached to a noun, not to a verb of movement or the event."""
    span = _tokens(doc, place)
    if span is None:
        return False
    prep = span.root.head
    return (prep.lower_ == "from" and prep.dep_ == "prep" and prep.head.i != prep.i
            and prep.head.pos_ in ("NOUN", "PROPN", "PRON"))


def _near_words(doc: Doc, place: Place) -> bool:
    """Whether the place is qualified as an approximate spot: a "near", "outside",
    "outskirts", "countryside", "north of" ... on its way up the parse (three steps, not past
    a verb), or "near"/"outside" just before it."""
    span = _tokens(doc, place)
    if span is None:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in ("near", "outside", "nearby", "around",
                                                         "rural"):
        return True
    tok = span.root
    for _ in range(3):
        head = tok.head
        if head.i == tok.i or head.pos_ in ("VERB", "AUX"):
            return False
        if head.lower_ in NEAR_WORDS and not (span.start <= head.i < span.end):
            return True
        tok = head
    return False


def _possessed(doc: Doc, country: Place, places: Sequence[Place]) -> Place | None:
    """The place a country's (or an area's) possessive names ("Libya's Misrata", "Nigeria's
    Benue state", "Syria's northern city of Aleppo", "Zamfara state's Anka"), when it lies
    in that country (a smaller place in that area)."""
    span = _tokens(doc, country)
    if span is None:
        return None
    last = span.root
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_TAILS:  # "Zamfara state's"
        last = doc[span.end]
    if last.i + 1 >= len(doc) or doc[last.i + 1].lower_ not in ("'s", "’s"):
        return None
    owner = last.head  # the possessed noun
    for q in places:
        if q is country or is_country(q) or q.country_code != country.country_code:
            continue
        if not is_country(country) and (base_precision(q) >= base_precision(country) or (
                country.feature_code == "ADM1" and q.admin1 != country.admin1)):
            continue  # "Zamfara state's Anka": a smaller place of the same area only
        qs = _tokens(doc, q)
        if qs is None or qs.start < span.end:
            continue
        root = qs.root
        if (qs.start <= owner.i < qs.end or root.i == owner.i or root.head.i == owner.i
                or (root.head.lower_ == "of" and root.head.head.i == owner.i)):
            return q
    return None


def _refine_country(doc: Doc, mention: EventMention, country: Place, usable: Sequence[Place],
                    gazetteer: Gazetteer | None, why: str) -> Location | None:
    """A place inside the chosen country that the text names: its possessive, else one
    attached to the trigger, else the most specific (then nearest) one of the trigger's
    sentence, its paragraph, then the document (only if the document's places there lie in
    one first-order area)."""
    inside = [q for q in usable if not is_country(q) and q.country_code == country.country_code
              and base_precision(q) <= 3 and not _reporting(doc, mention, q)]
    if not inside:
        return None
    owned = _possessed(doc, country, inside)
    if owned is not None:
        finer = _finer_in_sentence(doc, mention, owned, usable) if _province(owned) else None
        if finer is not None:  # "in Qoryooley, in southern Somalia's Lower Shabelle region"
            return _location(gazetteer, finer, _spot_precision(doc, finer),
                             f"{finer.text!r} lies in {owned.text!r}, the place of "
                             f"{country.text!r} ({why})")
        return _location(gazetteer, owned, _spot_precision(doc, owned),
                         f"{owned.text!r}: the place of {country.text!r} ({why})")
    hit = _syntactic(doc, mention, inside)  # "clashes in Iraq, in the city of Mosul"
    if hit is not None:
        q, near = hit
        inner = _locality_within(doc, q, inside)
        if inner is not None:  # "civilians in Oicha, Beni territory, North Kivu"
            return _location(gazetteer, inner, base_precision(inner),
                             f"{inner.text!r} lies in {q.text!r}, in {country.text!r} "
                             f"({why}), attached to the trigger {mention.trigger.text!r}")
        prec = 2 if near and base_precision(q) == 1 else base_precision(q)
        return _location(gazetteer, q, prec, f"{q.text!r}, in {country.text!r} ({why}), is "
                         f"attached to the trigger {mention.trigger.text!r}")
    mid = (mention.trigger.start + mention.trigger.end) / 2
    s0, s1 = mention.sentence.start, mention.sentence.end
    trig = _tokens(doc, mention.trigger)
    if trig is not None:  # the trigger's own sentence (a mention's may span two)
        s0, s1 = trig.sent.start_char, trig.sent.end_char
    p0, p1 = _paragraph_bounds(doc_text(doc), mention.trigger.start, mention.trigger.end)
    for scope, lo, hi in (("sentence", s0, s1), ("paragraph", p0, p1),
                          ("document", 0, len(doc_text(doc)))):
        pool = [q for q in inside if lo <= q.start and q.end <= hi]
        if scope == "document" and len({q.admin1 or q.name for q in pool}) > 1:
            return None  # places all over the country: the article may tell several events
        if pool:
            q = min(pool, key=lambda x: (base_precision(x), abs(x.start - mid)))
            return _location(gazetteer, q, max(base_precision(q), 2),
                             f"{q.text!r}, in {country.text!r} ({why}), is the most specific "
                             f"place of the event's {scope}")
    return None


#: where the wounded were treated, not where they were hit ("died in hospital in nearby Kirkuk")
#: (not the hospital hit: "a military jet bombed the general hospital in Mrauk-U")
_CARED_FOR_IN = re.compile(r"\b(?:died|treated|taken|rushed|admitted|evacuated|succumbed)\s+"
                           r"(?:[\w-]+\s+){0,3}?(?:hospital|clinic|morgue|mortuary)\s+(?:of|in|at)"
                           r"\s+(?:the\s+)?(?:(?:nearby|neighbou?ring)\s+)?$", re.IGNORECASE)


def _cared_for_in(text: str, p: Place) -> bool:
    """The place is where the wounded were treated (:data:`_CARED_FOR_IN`)."""
    before = text[max(0, p.start - 60):p.start]
    low = before.lower()
    return ("hospital" in low or "clinic" in low or "morgue" in low or "mortuary" in low) and \
        _CARED_FOR_IN.search(before) is not None


def _syntactic(doc: Doc, mention: EventMention, places: Sequence[Place]) -> tuple[Place, bool] | None:
    """A place in the trigger's syntactic neighbourhood, and whether a "near" word intervenes."""
    trig = _tokens(doc, mention.trigger)
    if trig is None:
        return None
    heads = {t.i for t in trig} | {trig.root.head.i}
    best: tuple[tuple[bool, bool, int, bool, int], Place, bool] | None = None
    for p in places:
        span = _tokens(doc, p)
        if span is None or span.sent.start != trig.sent.start or _reporting(doc, mention, p) \
                or is_reference_point(doc_text(doc), p, places) or _cared_for_in(doc_text(doc), p):
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
            root = span.root
            modifier = (root.dep_ in ("compound", "amod", "nmod", "poss")
                        and root.head.lower_ not in PLACE_NOUNS | NEAR_WORDS
                        and root.head.dep_ in ACTOR_ROLES
                        and not any(doc[i].pos_ == "ADP" for i in _path_ids(root, heads))
                        ) or _origin(doc, p)
            # the most precise attached place first; an actor's attribute last
            rank = (endpoint, modifier, base_precision(p), not p.country_code, steps)
            if best is None or rank < best[0]:
                best = (rank, p, near)
    return (best[1], best[2]) if best else None


def _path_ids(tok: object, heads: set[int]) -> list[int]:
    """Token indices from ``tok`` up to (not including) the first of ``heads``."""
    out = []
    for _ in range(6):
        if tok.i in heads or tok.head.i == tok.i:  # type: ignore[attr-defined]
            break
        out.append(tok.i)  # type: ignore[attr-defined]
        tok = tok.head  # type: ignore[attr-defined]
    return out


def _location(gz: Gazetteer | None, place: Place, precision: int, reason: str) -> Location:
    country = iso3 = None
    if gz is not None and place.country_code:
        info = gz.countries.get(place.country_code)
        if info is not None:
            country, iso3 = info.name, info.iso3 or None
    code = place.feature_code or ""
    whole_country = is_country(place)
    admin1 = None if whole_country else place.admin1
    if code == "ADM1" and not admin1:
        admin1 = place.name
    admin2 = place.admin2 if code != "ADM1" and not whole_country else None
    if code == "ADM2" and not admin2:
        admin2 = place.name
    if place.feature_class is None and place.geonames_id is None and place.name and \
            place.latitude is not None and place.name == fold(place.text):
        reason = f"{reason}; {NAMED_ONLY}"  # a village the gazetteer lacks (LOCALITY_NOTE)
    return Location(place=place, country=country, iso3=iso3, admin1=admin1, admin2=admin2,
                    location=place.name or place.text, latitude=place.latitude,
                    longitude=place.longitude, geo_precision=precision,
                    geonames_id=place.geonames_id, reason=reason)


#: said of an event's place the gazetteer lacks, put at the point of the place near it: the
#: name is the article's, the point is not its own (cross-article merging reads it)
NAMED_ONLY = "known by name only, at the point of the place near it"


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    # a sentence span may end with its paragraph's blank line: search from its last character
    end = start + len(text[start:end].rstrip())
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end)
    return (0 if a < 0 else a, len(text) if b < 0 else b)


def is_dateline(text: str, place: Place) -> bool:
    """The place is the dateline of a report ("PESHAWAR, Pakistan, April 8 (Wire) -"): where
    it was filed from, which is the event's place only when nothing else in the text says."""
    from .recognize import _DATELINE, _DATELINE_RE, _WIRE_DATELINE_RE

    # (all three have the place as their first group; _DATELINE: "Kinshasa, 15 September")
    for rx in (_DATELINE_RE, _WIRE_DATELINE_RE, _DATELINE):
        for m in rx.finditer(text, 0, min(len(text), place.end + 60)):
            if m.start(1) <= place.start < m.end(1):
                return True
    return False


def locate(doc: Doc, mention: EventMention, places: Sequence[Place],
           gazetteer: Gazetteer | None = None) -> Location:
    """Where ``mention`` happened (see the module docstring for the order of evidence).

    A dateline's town is set aside: it is where the report was filed. It stands for the
    event's place only when no other place of the document does."""
    usable = _usable(places, doc)
    if not usable:
        return Location(reason="no literal place in the document")
    n_usable = len(usable)
    text = doc_text(doc)
    filed = [p for p in usable if p.start < 300 and is_dateline(text, p)]
    if filed and len(filed) < len(usable):
        # the dateline's country ("PESHAWAR, Pakistan, ...") is set aside with it
        rest = [p for p in usable if p not in filed and not (
            is_country(p) and p.start < filed[-1].end + 40)]
        usable = rest or [p for p in usable if p not in filed]
    loc = _choose(doc, mention, usable, gazetteer)
    if filed and loc.place is not None and loc.place in filed:
        loc = loc.model_copy(update={"reason": f"{loc.reason} (the dateline: no other place)"})
    elif filed and len(filed) < n_usable and (
            loc.place is None or not loc.reason.startswith(("place attached", "nearest place in "
                                                            "the event's sentence"))
            and "attached to the trigger" not in loc.reason and "syntactically" not in
            loc.reason) and mention.sentence.start <= filed[0].end:
        # a lead that names no place of its own: a wire report's event is in its dateline town
        # (only the sentence the dateline opens: a later sentence without a place retells an
        # event told before, or happened somewhere the dateline does not say)
        p = filed[0]
        loc = _location(gazetteer, p, base_precision(p),
                        f"the dateline {p.text!r}: the lead names no other place")
    if loc.place is not None and is_country(loc.place):
        better = _refine_country(doc, mention, loc.place, usable, gazetteer,
                                 loc.reason.split(":")[0])
        if better is not None:
            loc = better
    elif loc.place is not None and base_precision(loc.place) >= 2:
        owned = _possessed(doc, loc.place, usable)
        if owned is not None:
            loc = _location(gazetteer, owned, _spot_precision(doc, owned),
                            f"{owned.text!r}: the place of {loc.place.text!r} "
                            f"({loc.reason.split(':')[0]})")
    if loc.place is not None and loc.geo_precision < 3:
        level = _admin_phrase(doc, loc.place)
        if level > loc.geo_precision:  # "the province of Sirnak" resolved to its town
            loc = loc.model_copy(update={
                "geo_precision": level,
                "reason": f"{loc.reason}; the text names the "
                          f"{'province' if level == 3 else 'district'}, not the town"})
    return loc


def _choose(doc: Doc, mention: EventMention, usable: Sequence[Place],
            gazetteer: Gazetteer | None) -> Location:
    """Steps 1-4 of the module docstring over the usable places."""
    # 1. the extractor's place span
    if mention.place_span is not None:
        ps = mention.place_span
        s0, s1 = mention.sentence.start, mention.sentence.end
        for p in usable:
            if p.country_code is None and p.feature_class in ("L", "H", "T") and any(
                    q.country_code and s0 <= q.start < s1 for q in usable):
                continue  # "... one of the most violent in Latin America": a macro-region
                # beside a place of a country in the sentence is not where it happened
            if (p.start < ps.end and ps.start < p.end and not _origin(doc, p)
                    and not _reporting(doc, mention, p)
                    and not is_reference_point(doc_text(doc), p, usable)):
                town = _locality_before_bracket(doc_text(doc), p, usable) or \
                    _town_within(doc_text(doc), p, usable) or _locality_within(doc, p, usable) \
                    or _place_on_edge_of(doc_text(doc), p, usable)
                finer = _finer_in_sentence(doc, mention, p, usable) \
                    if town is None and _province(p) else None
                if finer is not None:  # ("the orchards of Muqdadiyah district": near words too)
                    town = finer
                if town is not None:
                    prec = _spot_precision(doc, town) if town is finer else base_precision(town)
                    return _location(gazetteer, town, prec,
                                     f"{town.text!r} lies in {p.text!r}, the place the "
                                     "extractor attached to the trigger")
                if is_region(p):  # "off Hodeidah in the Red Sea": the town, if attached
                    hit = _syntactic(doc, mention, usable)
                    if hit is not None and (base_precision(hit[0]) < base_precision(p) or (
                            hit[0].country_code and not p.country_code)):  # "... in Syria"
                        q, near = hit
                        prec = 2 if near and base_precision(q) == 1 else base_precision(q)
                        return _location(gazetteer, q, prec,
                                         f"{q.text!r} is attached to the trigger "
                                         f"{mention.trigger.text!r}, rather than the "
                                         f"region {p.text!r} the extractor gave")
                prec = base_precision(p)
                if prec == 1 and _near_words(doc, p):  # "near Kano", "Homs countryside"
                    return _location(gazetteer, p, 2, "place attached to the trigger by the "
                                     f"extractor: near {p.text!r}")
                return _location(gazetteer, p, prec,
                                 f"place attached to the trigger by the extractor: {p.text!r}")
    # 2. syntactic attachment
    hit = _syntactic(doc, mention, usable)
    if hit is not None:
        p, near = hit
        inner = _locality_before_bracket(doc_text(doc), p, usable) or \
            _locality_within(doc, p, usable) or (
                _finer_in_sentence(doc, mention, p, usable) if _province(p) else None)
        if inner is not None:  # "at the entrance of Hajeen town in the Deir ez-Zor countryside"
            return _location(gazetteer, inner, base_precision(inner),
                             f"{inner.text!r} lies in {p.text!r}, the place attached to the "
                             f"trigger {mention.trigger.text!r}")
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
        # admin areas and countries last; a feature of no country ("the Euphrates") after them
        p = min(in_sent, key=lambda q: (base_precision(q) == 3, not q.country_code,
                                        abs(q.start - mid)))
        return _location(gazetteer, p, max(base_precision(p), 2),
                         f"nearest place in the event's sentence: {p.text!r}")
    p0, p1 = _paragraph_bounds(doc_text(doc), s0, s1)
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


#: a place told as the one before ("in the same forest area", "at the same village")
SAME_PLACE = re.compile(r"\b(?:in|at|near|from)\s+the\s+same\s+(?:[\w-]+\s+)?(?:area|village|town|"
                        r"district|locality|place|spot|forest|region|neighbou?rhood|county|"
                        r"commune|site)\b", re.IGNORECASE)
#: location reasons that rest on no place of the event's own sentence
_WEAK = ("the dateline", "document focus", "nearest place in the event's paragraph",
         "no literal place")


def same_place_as_before(text: str, mentions: Sequence[EventMention],
                         locations: Sequence[Location]) -> list[Location]:
    """``locations`` with the place of the event told before given to a mention whose sentence
    says it happened "in the same area" and that has no place of its own sentence ("an IED
    went off during the search operation in the same forest area": not the dateline's town)."""
    out = list(locations)
    for i, m in enumerate(mentions):
        if i == 0 or not out[i].reason.startswith(_WEAK):
            continue
        if not SAME_PLACE.search(text, m.sentence.start, m.sentence.end):
            told = _spot_told_before(text, mentions, out, i)
            if told is not None:
                out[i] = told
            continue
        before = next((loc for j, loc in reversed(list(enumerate(out[:i])))
                       if loc.place is not None and mentions[j].sentence.start < m.sentence.start
                       and not loc.reason.startswith(_WEAK)), None)
        if before is not None:
            out[i] = before.model_copy(update={
                "reason": f"the same place as the event told before ({before.reason})"})
    return out


def _spot_told_before(text: str, mentions: Sequence[EventMention],
                      locations: Sequence[Location], i: int) -> Location | None:
    """The place of an earlier event whose sentence named the spot the mention ``i`` is at,
    a name the gazetteer does not know ("gunmen killed 17 villagers in Tse-Mker, Katsina-Ala
    LGA ... troops clashed with the attackers near Tse-Mker": Katsina-Ala, not the town the
    paragraph named last)."""
    ps, sent = mentions[i].place_span, mentions[i].sentence
    spots = [ps.text] if ps is not None else [
        x.group(1) for x in _SPOT_AFTER.finditer(text, sent.start, sent.end)]
    for spot in spots:
        if len(spot) < 3 or not spot[:1].isupper():
            continue
        name = re.compile(r"(?<![\w-])" + re.escape(spot) + r"(?![\w-])")
        for j in range(i - 1, -1, -1):
            m, loc = mentions[j], locations[j]
            if loc.place is None or loc.reason.startswith(_WEAK) or \
                    m.sentence.start >= sent.start:
                continue
            if name.search(text, m.sentence.start, m.sentence.end):
                return loc.model_copy(update={
                    "reason": f"{spot!r}, told before with the event at {m.sentence.start} "
                              f"({loc.reason})"})
    return None


#: a name after a preposition of place ("near Tse-Anyom"), where the model tagged none
_SPOT_AFTER = re.compile(r"\b(?:in|near|at|outside)\s+([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+){0,2})")
