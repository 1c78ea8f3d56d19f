"""Toponym recognition: spaCy entities plus gazetteer-driven matching and a few patterns.

Produces :class:`Mention` objects (character spans plus the name to look up and a role); the
resolver (:mod:`eventcoder.geo.resolve`) turns them into places.
"""

from __future__ import annotations

import csv
import itertools
import re
from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..nlp import MONTH_NAME, WEEKDAY_NAME, doc_text, tokens_lowered_as
from .gazetteer import KIND_ASCII, KIND_OVERLAY, Candidate, Gazetteer
from .text import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..schema import PlaceRole

#: Words after a name that make it an administrative area ("Diyala province").
ADMIN_SUFFIXES = frozenset({"province", "governorate", "district", "region", "state", "county",
                            "prefecture", "municipality", "subdistrict", "sub-district", "parish",
                            "oblast", "department", "emirate", "canton", "lga"})
#: Nouns after "X district" that make "district" a modifier of a service ("the Mora district
#: hospital"), not a named unit ("Fulton County jail" is still Fulton County's).
_SERVICE_NOUNS = frozenset({"hospital", "hospitals", "clinic", "office", "offices", "court",
                            "headquarters", "commissioner", "chief", "officer", "officials",
                            "administration", "administrator", "health", "education", "council",
                            "prison", "jail", "assembly"})
#: Admin words that name a second-order division (the others name a first-order one).
ADMIN2_WORDS = frozenset({"district", "county", "subdistrict", "sub-district", "parish",
                          "municipality", "lga"})
#: Words after a name that make it a populated place ("Hit town").
TOWN_SUFFIXES = frozenset({"city", "town", "village", "camp", "township"})
#: Heads of linear features between two places ("the Baghdad-Kirkuk highway").
ROAD_WORDS = ("road", "highway", "motorway", "expressway", "route", "railway", "pipeline",
              "border", "crossing", "corridor")
#: Tokens before a name that make it a place even when NER says PERSON or says nothing.
LOCATIVE = frozenset({"in", "near", "at", "outside", "from", "to", "into", "toward", "towards",
                      "around", "across", "through", "inside", "between", "of", "via", "reach",
                      "reached", "entered", "captured", "shelled", "bombed", "besieged",
                      "retook", "seized", "stormed", "liberated"})
_STRONG_LOCATIVE = LOCATIVE - {"of", "from", "to", "between"}
#: Nouns before "of" that make the next name a place: compass directions ("north of X"), the
#: parts around a town ("the outskirts of X") and sieges ("the siege of X").
PLACE_OF_NOUNS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "outskirts", "suburbs", "suburb",
    "environs", "countryside", "siege", "outskirt", "kilometres", "kilometers", "km", "miles",
    "residents", "inhabitants", "neighbourhoods", "neighborhoods", "streets"})
#: Adjectives between a locative word and a name ("in western X", "in rural X").
AREA_ADJECTIVES = frozenset({
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
    "south-western", "rural", "downtown", "greater", "upper", "lower", "coastal", "outer",
    "inner", "suburban"})
#: Nouns before "to"/"for"/"on" that make the next name a destination or an objective ("on the
#: way to X", "the road to X", "the battle for X", "the offensive on X").
PLACE_OBJECTIVE = {"to": frozenset({"way", "road", "route", "highway", "path", "advance",
                                    "approach", "approaches", "gateway", "corridor"}),
                   "for": frozenset({"battle", "fight", "fighting", "offensive", "push", "race"}),
                   "on": frozenset({"offensive", "assault", "advance", "attack", "attacks",
                                    "march", "shelling", "strike", "strikes", "airstrikes",
                                    "raid", "raids", "bombardment", "crackdown"}),
                   "towards": frozenset(), "toward": frozenset()}
_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "from", "to", "into", "toward",
                           "towards", "around", "across", "through", "inside", "via", "of"})
#: Buildings whose names stand for a government ("the White House said"): associative.
SEATS_OF_POWER = frozenset({"white house", "kremlin", "pentagon", "downing street", "elysee",
                            "elysee palace", "capitol hill", "whitehall", "zhongnanhai",
                            "blue house", "quai d orsay", "foggy bottom"})
#: Verbs whose subject, when a place name, stands for its government (metonymy).
SPEECH_VERBS = frozenset({"say", "announce", "accuse", "condemn", "warn", "urge", "demand", "deny",
                          "claim", "call", "reject", "insist", "vow", "threaten", "respond",
                          "welcome", "criticize", "criticise", "agree", "refuse", "tell",
                          "sign", "negotiate", "sanction", "recognize", "recognise", "approve",
                          "decide", "plan", "want", "believe", "hope", "blame", "protest",
                          "state", "declare", "confirm", "report", "expel", "impose", "ask",
                          "pledge", "promise", "seek", "support", "oppose", "back"})
_NAME_RE = r"[A-Z][\w'’]+(?:\s(?:al|el|ad|ar|as|az|ash|de|du)?-?[A-Z][\w'’]+){0,2}"
_ROAD_RE = re.compile(rf"\b({_NAME_RE})\s?[-–—/]\s?({_NAME_RE})\s+(?:{'|'.join(ROAD_WORDS)})s?\b")
#: Last words of named spots: streets, buildings, sites. Such a name that the gazetteer lacks
#: resolves to the place around it (its context), with a low confidence.
FACILITY_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive",
    "highway", "bridge", "square", "park", "church", "cathedral", "mosque", "temple",
    "shrine", "library", "hospital", "school", "academy", "university", "college", "airport",
    "airbase", "base", "stadium", "arena", "racecourse", "estate", "plantation", "palace",
    "house", "tower", "hotel", "inn", "market", "bazaar", "mall", "center", "centre", "camp",
    "prison", "checkpoint", "station", "port", "harbour", "harbor", "dam", "canal", "refinery",
    "field", "fields", "mountain", "mountains", "mount", "valley", "river", "lake", "island",
    "islands", "peninsula", "desert", "forest", "beach", "bay", "gulf", "sea", "ocean",
    "neighbourhood", "neighborhood", "quarter", "district", "village", "town", "city",
})
#: Facility words of streets and squares: named after other places, not inside them.
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd",
                          "lane", "drive", "square"})
_DATELINE_RE = re.compile(r"(?:^|\n)\s*([A-Z][A-Z.'’ -]{2,40}?)(?=,\s|\s*\(|\s+[-–—]\s|:\s)")
#: A dateline inside a line, known by the wire tag after it: "... statements. SAN DIEGO (AP) -",
#: "BOSTON (Reuters) -", "ALBUQUERQUE, N.M. (AP) -".
_WIRE_DATELINE_RE = re.compile(
    r"(?<![\w.’'-])([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,\s[A-Z][\w.]{1,12})?"
    r"\s\((?:[A-Z][\w.]*)(?: [A-Z][\w.]*){0,2}\)\s*[-–—:]")
#: Words of motion before "to" that make the next name a destination ("flew to X").
MOTION = frozenset({"fly", "travel", "trip", "drive", "driving", "move", "return", "flee",
                    "go", "head", "journey", "deport", "evacuate", "transfer", "relocate",
                    "sail", "march", "deploy", "flight", "flights", "route", "advance",
                    "retreat", "withdraw", "escape", "migrate", "commute", "rush", "redeploy"})
#: Nouns after a demonym that make it a literal place ("the Syrian border", "Iraqi territory").
PLACE_NOUNS = frozenset({
    "border", "borders", "territory", "territories", "soil", "city", "cities", "town", "towns",
    "village", "villages", "capital", "island", "islands", "coast", "coastline", "waters",
    "airspace", "province", "provinces", "states", "countries", "region", "regions", "side",
    "mainland", "frontier", "frontiers", "countryside", "port", "ports", "desert", "interior",
    "peninsula", "border-crossing", "highlands", "lowlands"})
#: a capitalised word before a capitalised place noun ("Spanish Town"): a town's name, maybe
_TITLED_PLACE_NOUN = re.compile(r"\b[A-Z][a-z]+ (?:" + "|".join(
    sorted(n.capitalize() for n in PLACE_NOUNS)) + r")\b")
_NOT_PLACE_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "god", "allah", "president", "minister", "general", "colonel", "mr",
    "mrs", "ms", "dr", "sheikh", "said", "police", "army", "the", "a", "an", "this", "that",
    "he", "she", "they", "we", "it", "i", "you", "but", "and", "or", "if", "when", "after",
    "before", "while", "as", "at", "in", "on", "for", "with", "by", "from", "to", "of",
    "islamic", "state", "isis", "isil", "daesh", "reuters", "ap", "afp", "cnn", "bbc"})
#: Era abbreviations that are also curated place abbreviations ("BC" = British Columbia): after
#: a number or a century word ("500 BC", "the 5th century BC") they are dates, not places.
ERA_ABBREVIATIONS = frozenset({"BC", "BCE"})
_ERA_WORDS = frozenset({"century", "centuries", "millennium", "millennia", "c", "ca", "circa"})
#: Words that are never a place by themselves, only the start of one ("Al Anbar", "New York").
_NOT_ALONE = frozenset({"al", "el", "ad", "ar", "az", "ash", "de", "la", "le", "du", "van",
                        "von", "north", "south", "east", "west", "central", "northern",
                        "southern", "eastern", "western", "centre", "center", "sr", "jr", "new", "old", "saint", "st", "san",
                        "santa", "mount", "lake", "port", "fort", "upper", "lower", "great"})


def is_region_feature(c: Candidate) -> bool:
    """A water body, relief feature, macro-region or historical state: GeoNames class H or T,
    class L other than a continent, or a historical political entity (A.PCLH)."""
    return c.feature_class in ("H", "T") or (c.feature_class == "L" and c.feature_code != "CONT") \
        or (c.feature_class == "A" and c.feature_code == "PCLH")


#: Nouns after a place name that make it a sports team ("Notre Dame coach", "Iraq striker").
TEAM_NOUNS = frozenset({"coach", "coaches", "player", "players", "star", "stars", "striker",
                        "midfielder", "defender", "goalkeeper", "keeper", "quarterback",
                        "linebacker", "pitcher", "outfielder", "winger", "fullback",
                        "teammates", "squad", "roster", "skipper", "fans", "supporters"})


def _team_use(doc: Doc, end: int) -> bool:
    """A place name followed by a team noun, also after a possessive ("Notre Dame coach",
    "Iraq's striker", "Leeds fans"): the name stands for a team."""
    i = end
    if i < len(doc) and doc[i].text in ("'s", "’s", "'", "’"):
        i += 1
    return i < len(doc) and doc[i].lower_ in TEAM_NOUNS


def _state_modifier(doc: Doc, i: int) -> bool:
    """Token ``i`` is "state" used as a modifier ("Iran state media", "Syrian state TV") or a
    capitalised "State" after a name that NER left out, not the admin word of "Katsina state"."""
    if doc[i].lower_ != "state":
        return False
    if doc[i].text != "state":
        # "Columbia State", "Ohio State": a college or a team, not an admin word; but "in
        # Katsina State", "the Bokkos area of Plateau State" is a state (as Nigerian reports
        # write it; not "the dean of Columbia State")
        k = i - 1
        while k > 0 and doc[k - 1].is_title and k > i - 3:
            k -= 1
        return not (k > 0 and (doc[k - 1].lower_ in _STRONG_LOCATIVE or _place_context(doc, k)
                               or (k > 1 and doc[k - 1].lower_ == "of"
                                   and doc[k - 2].lower_ in _UNIT_OF))
                    and not (i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")))
    return i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN", "ADJ") \
        and doc[i + 1].lower_ not in ("government", "governor", "capital")


#: nouns of a part of a state before "of X State" ("the Malumfashi Local Government Area of
#: Katsina State", "the Bokkos area of Plateau State")
_UNIT_OF = frozenset({"area", "areas", "lga", "council", "part", "parts", "axis"})


def _where_phrase(doc: Doc, start: int) -> bool:
    """Token ``start`` follows a preposition of place ("outside the White House", "at the
    Kremlin"): the building is where something happened, not the government it stands for."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in _PREPOSITIONS - {"of", "from"}


#: the word before an operation's name ("operations Shujaa")
_OPERATION_BEFORE = re.compile(r"\b[Oo]perations?\s+(?:(?:[A-Z][\w'-]*|\d+)\s+){0,3}$")
#: verbs of what hit a place ("rioting hit Sevran", "clashes rocked X")
_HIT_VERBS = frozenset({"hit", "struck", "rocked", "shook", "raided", "attacked"})
#: the words between a town's name and a site of it ("the Zvecan police station", "the Gao
#: army camp", "the Kadugli central market")
_SITE_OWNERS = frozenset({"police", "army", "military", "central", "main", "district", "city",
                          "town", "regional", "municipal"})


def _site_after(doc: Doc, ent: Span) -> bool:
    """A site's noun right after the name ("Aden Adde international airport")."""
    for t in doc[ent.end:min(len(doc), ent.end + 3)]:
        if t.lower_ in FACILITY_WORDS:
            return True
        if t.lower_ not in ("international", "national", "main", "central", "regional"):
            return False
    return False


def _place_context(doc: Doc, start: int) -> bool:
    """Words before token ``start`` that make a name there a place whatever NER says: "the
    town of X", "north of X", "the outskirts of X", "flew to X", "on the way to X", "the battle
    for X", "the offensive on X"."""
    if start < 2:
        return False
    if doc[start - 1].lower_ in AREA_ADJECTIVES:  # "in western Al-Raqqah", "in rural Daraa"
        before = start - 2 if doc[start - 2].lower_ != "the" else start - 3
        return before >= 0 and (doc[before].lower_ in _STRONG_LOCATIVE
                                or _place_context(doc, before + 1))
    prev, prev2 = doc[start - 1].lower_, doc[start - 2]
    if prev == "of":
        return prev2.lower_ in TOWN_SUFFIXES | ADMIN_SUFFIXES | PLACE_OF_NOUNS
    if prev == "to" and prev2.lemma_.lower() in MOTION:
        return True  # "flew to Saipan", "driving to Castlegar"
    nouns = PLACE_OBJECTIVE.get(prev, frozenset())
    return prev2.lower_ in nouns or prev2.lemma_.lower() in nouns  # "advanced on X"


def _coordinated_with_place(doc: Doc, ent: Span) -> bool:
    """A name joined by "and"/"or" to a place entity ("Mosul and Raqqah", "Raqqah or Aleppo"):
    coordinated names share their kind."""
    before = doc[ent.start - 2] if ent.start > 1 else None
    after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    if before is not None and doc[ent.start - 1].lower_ in ("and", "or") \
            and before.ent_type_ in ("GPE", "LOC"):
        return True
    return after is not None and doc[ent.end].lower_ in ("and", "or") \
        and after.ent_type_ in ("GPE", "LOC") and after.ent_iob_ == "B"


def _is_era(doc: Doc, span: Span) -> bool:
    """An era abbreviation used as one ("500 BC", "2,000 B.C.", "the 5th century BC")."""
    if span.text.replace(".", "").strip() not in ERA_ABBREVIATIONS or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.like_num or prev.lower_.rstrip(".") in _ERA_WORDS


@dataclass(slots=True)
class Mention:
    """A candidate toponym: a character span, the name to look up and how it is used."""

    start: int
    end: int
    text: str
    query: str
    role: PlaceRole = "literal"
    hint: str | None = None  # "admin" | "town" | None
    source: str = "ner"  # "ner" | "gazetteer" | "demonym" | "pattern" | "given"
    fixed_id: int | None = None  # demonyms resolve straight to their country
    container: str | None = None  # "X, Y" / "X district of Y": the name Y
    tokens: tuple[int, int] = (0, 0)  # token index range in the doc
    notes: list[str] = field(default_factory=list)
    admin_level: int | None = None  # with hint "admin": 1 province/governorate, 2 district
    facility: bool = False  # a named spot (street, building, site): resolves to its context
    weak: bool = False  # kept only if a candidate lies near the document's other places


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Demonyms and adjectives that name a country ("Iraqi" -> IQ) or a continent."""

    demonyms: dict[str, tuple[str, int | None]]
    #: demonyms of regions the overlay holds without a GeoNames id ("West African"): name key
    #: -> the overlay name ("West Africa"), looked up when the demonym is used
    region_demonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read ``demonyms.csv`` (columns demonym, country_code, geonames_id, place: a
        country code, a GeoNames id, or the overlay name of a region)."""
        table: dict[str, tuple[str, int | None]] = {}
        regions: dict[str, str] = {}
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                gid = int(row["geonames_id"]) if row.get("geonames_id") else None
                if (row.get("place") or "").strip() and gid is None \
                        and not row.get("country_code"):
                    regions[name_key(row["demonym"])] = row["place"].strip()
                    continue
                table[name_key(row["demonym"])] = (row.get("country_code") or "", gid)
        return cls(table, regions)

    def _get(self, key: str) -> tuple[str, int | None] | str | None:
        hit = self.demonyms.get(key)
        return hit if hit is not None else self.region_demonyms.get(key)

    def demonym(self, text: str) -> tuple[str, int | None] | str | None:
        """The country code (or continent id) a demonym names, also for plurals ("Iraqis"),
        or for a region's demonym the overlay name of the region ("West African")."""
        key = name_key(text)
        hit = self._get(key)
        if hit is None and key.endswith("s"):
            hit = self._get(key[:-1])
        return hit


def _is_initial(tok: Token) -> bool:
    """A name initial ("D." in "Gino D. Bassett")."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _is_facility(span: Span) -> bool:
    """A multi-word title-case name ending in a facility word ("Royal Street")."""
    return len(span) > 1 and span[-1].is_title and span[-1].lower_.rstrip(".") in FACILITY_WORDS


def _token_masks(doc: Doc, ent_tokens: set[int]) -> tuple[list[int], list[int]]:
    """The indexes of the tokens outside entities that are title-cased, and of those that
    may begin a name (title-cased, or upper-case and longer than one character; letters only;
    a proper noun, noun or adjective): read from the doc's arrays at once, so the loops over
    the text visit these few tokens, not every token (``Recognizer._can_start`` has the rest
    of the test)."""
    import numpy as np
    from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, POS  # type: ignore[import-not-found]
    from spacy.symbols import ADJ, NOUN, PROPN  # type: ignore[import-not-found]

    if len(doc) == 0:
        return [], []
    a = doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA, LENGTH, POS])
    outside = np.ones(len(doc), dtype=bool)
    outside[np.fromiter(ent_tokens, dtype=np.intp, count=len(ent_tokens))] = False
    title = (a[:, 0] == 1) & outside
    pos = a[:, 4]
    start = (title | ((a[:, 1] == 1) & (a[:, 3] > 1))) & (a[:, 2] == 1) & outside & (
        (pos == PROPN) | (pos == NOUN) | (pos == ADJ))
    return np.flatnonzero(title).tolist(), np.flatnonzero(start).tolist()


def _hyphen_joined(doc: Doc, i: int) -> int:
    """The end of the hyphenated name that starts at token ``i`` ("Pul-i-Khumri", five
    tokens with no space between), or ``i`` when none does."""
    j = i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ \
            and not doc[j].whitespace_ and doc[j + 1].is_alpha:
        j += 2
    return j if j > i + 1 else i


def _strip_the(span: Span) -> Span:
    """``span`` without a leading article or preposition ("Near Palmyra") or trailing 's."""
    while len(span) > 1 and (span[0].lower_ in ("the", "a") or (
            span[0].lower_ in _PREPOSITIONS and span[0].is_title)):
        span = span[1:]
    if len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _title_the(tok: Token) -> bool:
    """A capital "The" inside a sentence after a preposition or verb ("according to The",
    "told The"): the start of a title. After a noun it more likely starts a sentence the
    parser missed ("... above-average season The Atlantic hurricane season lasts ...")."""
    if tok.text != "The" or tok.is_sent_start or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "CCONJ") or prev.text in (",", "(", "\"",
                                                                               "“", "'")


def _titled(span: Span) -> bool:
    """A name with a capital "The" inside a sentence: a title ("The Atlantic" magazine), not
    the place ("the Atlantic")."""
    return _title_the(span[0])


def _is_metonymy(span: Span) -> bool:
    root = span.root
    if span.start == 0 or not 0 < root.head.i - root.i <= 4:
        return False  # datelines, and subjects far from their verb, are left literal
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS:
        return True
    # "Baghdad and Ankara agreed": the second conjunct shares the first's role
    if root.dep_ == "conj" and root.head.dep_ == "nsubj" \
            and root.head.head.lemma_.lower() in SPEECH_VERBS:
        return True
    return False


def _container_after(doc: Doc, end_tok: int) -> str | None:
    """``Y`` in "X, Y" or "X district of Y" / "X in Y" right after a mention ending at end_tok."""
    i = end_tok
    n = len(doc)
    if i < n and doc[i].text == ",":
        j = i + 1
        k = j
        while k < n and k - j < 4 and (doc[k].is_title or doc[k].text.endswith(".")
                                        and doc[k].text[:1].isupper()):
            k += 1
        if k > j:
            return doc[j:k].text
        if j + 1 < n and doc[j].lower_ == "in" and doc[j + 1].is_title:
            i = j  # "Lere, in Mali's Timbuktu region": placed as "X in Y" is
    if i < n and doc[i].lower_ in ADMIN_SUFFIXES | TOWN_SUFFIXES:
        i += 1
    if i + 1 < n and doc[i].lower_ in ("of", "in") and doc[i + 1].is_title:
        k = i + 1
        while k < n and k - i <= 3 and doc[k].is_title:
            k = max(k + 1, _hyphen_joined(doc, k))  # ("of El-Obeid": one name)
        return doc[i + 1:k].text
    return None


class Recognizer:
    """Finds toponym mentions in a parsed spaCy ``Doc``."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gz = gazetteer
        self.lexicon = lexicon

    # -- mention construction -------------------------------------------------------------------
    def _mention(self, doc: Doc, span: Span, source: str) -> Mention | None:
        span = _strip_the(span)
        text = span.text
        if not text.strip() or not any(ch.isalpha() for ch in text):
            return None
        query, hint = text, None
        words = [t.lower_ for t in span]
        if len(span) > 3 and words[-3:] == ["local", "government", "area"]:
            query, hint = doc[span.start:span.end - 3].text, "admin"  # Nigeria's LGAs
        elif len(span) > 1 and words[-1] in ADMIN_SUFFIXES:
            query, hint = doc[span.start:span.end - 1].text, "admin"
        elif len(span) > 1 and words[-1] in TOWN_SUFFIXES:
            query, hint = doc[span.start:span.end - 1].text, "town"
        elif span.end < len(doc) and doc[span.end].lower_ in ADMIN_SUFFIXES \
                and not _state_modifier(doc, span.end) and not (
                    doc[span.end].lower_ == "district" and span.end + 1 < len(doc)
                    and doc[span.end + 1].lower_ in _SERVICE_NOUNS):
            # ("the Mora district hospital": the town's hospital, no district named Mora)
            hint = "admin"
            span = doc[span.start:span.end + 1]
            text = span.text
        elif len(span) > 2 and words[0] in ("province", "governorate", "district", "city",
                                            "town", "village") and words[1] == "of":
            query, hint = doc[span.start + 2:span.end].text, "admin" if words[0] in (
                "province", "governorate", "district") else "town"
        elif span.start > 1 and doc[span.start - 1].lower_ == "of" \
                and doc[span.start - 2].lower_ in (ADMIN_SUFFIXES | TOWN_SUFFIXES) - {
                    "department"}:  # "the Police Department of Oakland" is no admin area
            # "the province of Sirnak", "the town of Hit": the word before says which
            hint = "admin" if doc[span.start - 2].lower_ in ADMIN_SUFFIXES else "town"
            if hint == "admin" and doc[span.start - 2].lower_ in ("district", "region") and \
                    span.start > 2 and (doc[span.start - 3].lower_ in ("a", "an") or
                                        doc[span.start - 3].pos_ == "ADJ"):
                hint = "town"  # "an industrial district of Zaporizhzhia": a part of the city
        m = Mention(span.start_char, span.end_char, text, query, source=source, hint=hint,
                    tokens=(span.start, span.end))
        if hint == "admin":
            word = next((t.lower_ for t in span if t.lower_ in ADMIN_SUFFIXES), "")
            m.admin_level = 2 if word in ADMIN2_WORDS else 1
        m.container = _container_after(doc, span.end)
        return m

    def recognize(self, doc: Doc) -> list[Mention]:
        """All toponym mentions of ``doc``, literal and associative, in text order."""
        full_text = doc_text(doc)
        doc_ents = doc.ents  # (spaCy builds the spans anew on each access)
        mentions: list[Mention] = []
        taken = [False] * (len(full_text) + 1)

        # words of longer person names ("Kellyanne Conway" makes a later "Conway" a person)
        # (the surname only: "Riverdale Luke Oil" does not make "Riverdale" a person)
        person_parts = {ent[-1].text for ent in doc_ents if ent.label_ == "PERSON"
                        and len(ent) > 1 and ent[-1].is_alpha and ent[-1].is_title
                        and all((t.is_alpha and t.is_title) or _is_initial(t) for t in ent)
                        and ent[0].lower_ not in _PREPOSITIONS
                        and not self.gz.lookup(ent.text)}

        def surname(m: Mention | None) -> bool:
            """A lone word of a person named in full elsewhere ("Bryant" after "Kobe
            Bryant"), unless it is a well-known place."""
            return m is not None and " " not in m.text and m.text in person_parts \
                and not self._strong_name(m.text)

        def add(m: Mention | None) -> None:
            if m is None or any(taken[m.start:m.end]):
                return
            if m.source in ("ner", "gazetteer") and m.fixed_id is None and surname(m):
                return
            if not any(ch.isupper() for ch in m.text):
                return  # place names are capitalised ("n't" is not 'Anah)
            if _agency_credit(full_text, m.start, m.end):
                return  # "Taiz, June 6 (Saba) -": the news agency of the dateline
            if _group_province(full_text, m.start, m.end):
                return  # "the Sahel Province of the Islamic State": a group, not a region
            if m.fixed_id is None and _WEAPON_AFTER.match(full_text, m.end) and not any(
                    c.is_country for c in self.gz.lookup(m.query)):
                return  # "Grad rockets", "Shahed drones": a weapon's name, not a place
            if m.fixed_id is None and "peration" in full_text[max(0, m.start - 40):m.start] \
                    and _OPERATION_BEFORE.search(full_text, max(0, m.start - 40), m.start):
                return  # "joint operations Shujaa", "Operations Sokola 1 Grand Nord"
            if m.tokens[1] > m.tokens[0] and _is_era(doc, doc[m.tokens[0]:m.tokens[1]]):
                return  # "500 BC" is a date, not British Columbia
            if m.fixed_id is None and (self._adjectival_region(doc, m)
                                       or self._titled_region(doc, m)):
                return  # "a Mediterranean diet", "Caribbean nations", "The Atlantic" magazine
            if m.fixed_id is None and m.query.strip().lower().rstrip(".") in _NOT_ALONE:
                return  # "North" of "River North", "Western" of "Western Trust"
            if m.fixed_id is None and _GENERIC_HEAD.fullmatch(m.text) and \
                    _OF_AFTER.match(full_text, m.end):
                return  # "the Valley of the Apurimac": the head of a longer name (not The
                # Valley, Anguilla); the name after "of" is found on its own
            if m.role == "literal" and name_key(m.text) in SEATS_OF_POWER \
                    and not _where_phrase(doc, m.tokens[0]):
                m.role = "associative"
                m.notes.append("metonymy: a seat of government stands for it")
            if m.role == "literal" and _team_use(doc, m.tokens[1]):
                m.role = "associative"
                m.notes.append("metonymy: a team or its players")
            if m.role == "literal" and _OUTLET_AFTER.match(full_text, m.end):
                m.role = "associative"  # "told the Mandalay Free Press"
                m.notes.append("the name of a newspaper or broadcaster")
            for i in range(m.start, m.end):
                taken[i] = True
            mentions.append(m)

        # 1. linear features between two places: "the Baghdad-Kirkuk highway"
        for match in _ROAD_RE.finditer(full_text):
            for g in (1, 2):
                name = match.group(g)
                if self.gz.lookup(name):
                    s = doc.char_span(match.start(g), match.end(g), alignment_mode="expand")
                    if s is not None:
                        add(Mention(match.start(g), match.end(g), name, name, source="pattern",
                                    tokens=(s.start, s.end)))

        # 2. an all-capitals dateline: "ST. LOUIS (Wire) -", "SAN ANTONIO -"
        for match in _DATELINE_RE.finditer(full_text):
            name = match.group(1).strip()
            if self.gz.lookup(name):
                s = doc.char_span(match.start(1), match.start(1) + len(name),
                                  alignment_mode="expand")
                if s is not None:
                    add(Mention(match.start(1), match.start(1) + len(name), name, name,
                                source="dateline", tokens=(s.start, s.end)))

        for match in _WIRE_DATELINE_RE.finditer(full_text):
            name = match.group(1).strip()
            if len(name) >= 3 and self.gz.lookup(name):
                s = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
                if s is not None:
                    add(Mention(match.start(1), match.end(1), name, name, source="dateline",
                                tokens=(s.start, s.end)))

        # 2b. a demonym and a capitalised place noun that are a town's own name ("Spanish
        #     Town"), whatever the model labels its words
        for match in _TITLED_PLACE_NOUN.finditer(full_text):
            pair = doc.char_span(match.start(), match.end())
            if pair is not None and self._demonym_town(pair):
                add(self._mention(doc, pair, "gazetteer"))

        # 3. spaCy entities
        brackets = tokens_lowered_as(doc, ("(",))
        for ent in doc_ents:
            ent = _before_bracket(ent, brackets)
            if len(ent) > 1 and ent[-1].is_space:  # "Ramganj\n\n": a headline's end
                ent = _without_space_end(ent)
            label = ent.label_
            if label in ("GPE", "LOC", "FAC"):
                ent = self._mended(doc, ent)
                m = self._mention(doc, ent, "ner")
                if m is None:
                    continue
                demonym = self.lexicon.demonym(m.text)
                if demonym is not None:
                    m = self._literal_if_place_noun(doc, ent, self._demonym_mention(ent, demonym))
                elif label in ("GPE", "FAC") and _is_metonymy(ent):
                    m.role = "associative"
                    m.notes.append("metonymy: subject of a speech or stance verb")
                elif not self.gz.lookup(m.query):
                    spot = _is_facility(ent)
                    if not (spot or self._unknown_locality(doc, ent)):
                        # "Greece Italy" (a missing comma): keep well-known parts, drop the rest;
                        # not of a site's own name ("the Aden Adde international airport" of
                        # Mogadishu is no Aden)
                        if label != "FAC" or not _site_after(doc, ent):
                            for part in self._known_parts(doc, _strip_the(ent)):
                                add(part)
                        continue
                    m = self._facility_mention(doc, ent, "ner")
                    if m is None:
                        continue
                    if spot:
                        m.notes.append(NOT_IN_GAZETTEER)
                    else:
                        _as_locality(m)
                add(m)
            elif label == "NORP" and self.lexicon.demonym(ent.text) is not None:
                add(self._literal_if_place_noun(
                    doc, ent, self._demonym_mention(
                        ent, cast("tuple[str, int | None] | str",  # not None: checked just above
                                  self.lexicon.demonym(ent.text)))))
            elif label in ("NORP", "LANGUAGE", "EVENT", "PRODUCT", "WORK_OF_ART"):
                # the small model labels some well-known places so ("Aleppo" as NORP)
                inner = _strip_the(ent)
                cut = next((t.i for t in inner if t.text == "("), None)
                if cut is not None and cut > inner.start:
                    # a name run into the bracket after it ("Sevran (Seine-Saint-Denis")
                    inner = doc[inner.start:cut]
                prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
                if self._strong_name(inner.text) or (
                        self.curated_region(inner.text) and not _titled(ent)):
                    add(self._mention(doc, inner, "ner"))
                elif len(inner) <= 3 and inner[0].is_title and (
                        (label != "NORP" and prev in _STRONG_LOCATIVE | _HIT_VERBS)
                        or _place_context(doc, ent.start) or (
                            ent.end + 1 < len(doc)
                            and doc[ent.end].lower_ in _SITE_OWNERS
                            and doc[ent.end + 1].lower_ in FACILITY_WORDS)
                ) and self.gz.lookup(inner.text):
                    # "shelled Daraa" (WORK_OF_ART); "in the city of Saravan" (NORP: a
                    # demonym-like name, a place only where the words before say so); "the
                    # Zvecan police station" (PRODUCT, NORP: the town of the station)
                    add(self._mention(doc, inner, "gazetteer"))
                elif label == "EVENT":  # "the Muscat International Film Festival"
                    add(self._leading_place(doc, inner))
            elif label in ("PERSON", "ORG"):
                prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
                nxt = doc[ent.end].lower_ if ent.end < len(doc) else ""
                prev2 = doc[ent.start - 2].lower_ if ent.start > 1 else ""
                if ent[0].is_title and ent[0].lower_ in _STRONG_LOCATIVE and len(ent) > 1:
                    prev = ent[0].lower_  # "Near Palmyra" tagged as one person
                if prev == "the" and prev2 in _STRONG_LOCATIVE:
                    prev = prev2  # "in the Samos hotspot"
                if prev in ("'s", "’s") and ent.start > 1 and \
                        doc[ent.start - 2].ent_type_ in ("GPE", "LOC"):
                    prev = "in"  # "in Lakshmipur's Ramganj": a place in the place before it
                if _place_context(doc, ent.start) or _coordinated_with_place(doc, ent):
                    prev = "in"
                if len(ent) > 1 and ent[-1].lower_ in ADMIN_SUFFIXES and ent[-1].is_upper:
                    nxt = ent[-1].lower_  # "Bokkos LGA" tagged an organisation
                if len(ent) > 3 and ent[-3:].text.lower() == "local government area":
                    nxt = "lga"  # "Malumfashi Local Government Area"
                if prev in _STRONG_LOCATIVE or nxt in ADMIN_SUFFIXES or (
                        label == "ORG" and self._strong_name(_strip_the(ent).text)):
                    m = self._mention(doc, ent, "gazetteer")
                    if m is not None and self.gz.lookup(m.query):
                        add(m)
                        continue
                inner = _strip_the(ent)
                if self.curated_region(inner.text) is not None and not _titled(ent) \
                        and not _is_metonymy(ent) and (
                        ent[0].lower_ == "the" or prev == "the" or prev in _STRONG_LOCATIVE
                        or len(inner) > 1):
                    # "the Levant" (PERSON), "the Bab al-Mandab" (ORG): a curated region
                    add(self._mention(doc, inner, "gazetteer"))
                    continue
                if _is_facility(ent):
                    add(self._facility_mention(doc, ent, "facility"))
                    continue
                if _named_locality(doc, ent) and not self.gz.lookup(inner.text):
                    # "the village of Wad Al-Bashir" (tagged a person): a locality by the
                    # words before it, which the gazetteer lacks; as for a GPE (step 3)
                    m = self._facility_mention(doc, inner, "ner")
                    if m is not None:
                        add(_as_locality(m))
                    continue
                if len(inner) <= 4 and inner[0].is_title \
                        and all(self._can_continue(t) for t in inner) \
                        and not (label == "PERSON" and inner.text in person_parts) \
                        and not (label == "PERSON" and prev in _NOT_PLACE_WORDS) \
                        and self.gz.lookup(inner.text):
                    # a village the model calls a person or an organisation: kept only if the
                    # resolver finds it in the document's country or near its places
                    m = self._mention(doc, inner, "gazetteer")
                    if m is not None:
                        m.weak = True
                        add(m)
                    continue
                if label == "ORG":  # "the Winnipeg Fire Service": where the body is
                    lead = self._leading_place(doc, inner)
                    if lead is not None:
                        add(lead)
                        continue
                if label == "ORG":  # "the Government of Iraq": the place inside is associative
                    for part in self._known_parts(doc, inner, after_of=True):
                        part.role = "associative"
                        part.notes.append("inside an organisation's name")
                        add(part)

        # 3b. "of Hajeen town", "in Mamove village": a name the model gave another label,
        #     right before a settlement noun and after a locative
        for ent in doc_ents:
            if ent.label_ not in ("NORP", "PERSON", "ORG") or any(taken[ent.start_char:
                                                                         ent.end_char]):
                continue
            if (ent.end < len(doc) and doc[ent.end].lower_ in ("town", "village", "hamlet")
                    and ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE
                    or _settlement_after(doc, ent)) \
                    and len(ent.text.split()) <= 3 and ent[0].is_title \
                    and self.lexicon.demonym(ent.text) is None:
                m = self._facility_mention(doc, ent, "ner")
                if m is not None:
                    add(m if self.gz.lookup(m.query) else _as_locality(m))

        # 3c. "in the hinterlands of Butig, Lanao del Sur" (a person and an organisation to the
        #     model): a town and the area it lies in, named one after the other
        ents = list(doc_ents)
        for e1, e2 in zip(ents, ents[1:], strict=False):
            if e2.start != e1.end + 1 or doc[e1.end].text != "," or \
                    e1.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC") or \
                    e2.label_ not in ("PERSON", "ORG", "GPE", "LOC"):
                continue
            i1, i2 = _strip_the(e1), _strip_the(e2)
            if len(i1) > 3 or len(i2) > 4 or not i1[0].is_title or not i2[0].is_title or (
                    any(taken[i1.start_char:i1.end_char])
                    and any(taken[i2.start_char:i2.end_char])):
                continue
            if self._town_in_area(i1.text, i2.text):
                for piece in (i1, i2):
                    if not any(taken[piece.start_char:piece.end_char]):
                        m = self._mention(doc, piece, "gazetteer")
                        if m is not None:
                            m.notes.append("a town and the area it lies in, one after the "
                                           "other")
                            add(m)

        # 4. gazetteer-driven: capitalised runs the model missed
        ent_tokens = {i for ent in doc_ents for i in range(ent.start, ent.end)}
        title, may_start = _token_masks(doc, ent_tokens)
        # the first token of each sentence (``tok.sent.start == tok.i``; ``tok.sent`` walks
        # the sentence to find it, for every token asked)
        sent_starts = {s.start for s in doc.sents}
        i = 0  # the next token a name may start at (past the name found last)
        for k in may_start:
            if k < i:
                continue
            i = k
            tok = doc[i]
            if not self._can_start(tok) or taken[tok.idx]:
                continue
            joined = _hyphen_joined(doc, i)
            for j in range(max(min(len(doc), i + 4), joined), i, -1):
                span = doc[i:j]
                if j != joined and not all(
                        self._can_continue(t, inner_of=0 < t.i - i < j - i - 1)
                        for t in span) or not span[-1].is_title:
                    continue  # "Gulf of Aden": "of" only inside a name
                if any(t.i in ent_tokens for t in span) and (
                        len(span) == 1 or self.curated_region(span.text) is None) and not (
                        self._holds_entity(doc, span) and self._strong_name(span.text)):
                    # a curated region may cover a part-entity ("Bab al-Mandab"), and a city's
                    # name may hold the person the model saw in it ("Dera Ismail Khan")
                    continue
                verdict = self._accept(doc, span, sent_starts)
                if verdict:
                    m = self._mention(doc, span, "gazetteer")
                    if m is not None and verdict == "weak":
                        m.weak = True
                    add(m)
                    i = j
                    break
                if len(span) > 1 and span.start in sent_starts and any(
                        c.kind >= 2 for c in self.gz.lookup(span.text)):
                    # a name of several words turned down ("Cabo Delgado Conflict Monitor"
                    # opening a bulletin): its last words are no name of their own (not
                    # "Delgado", El Salvador; not "York" of "New York")
                    i = j
                    break

        # 5. named spots the model missed: "Makeen Market Complex", "Rashid Street"
        i = 0
        for k in title:
            if k < i:
                continue
            i = k
            tok = doc[i]
            if taken[tok.idx] or i in sent_starts:
                continue
            j = i
            while j < len(doc) and j - i < 5 and doc[j].is_title and doc[j].is_alpha \
                    and j not in ent_tokens and not taken[doc[j].idx]:
                j += 1
            span = doc[i:j]
            if _is_facility(span) and span[0].lower_ not in _NOT_PLACE_WORDS:
                add(self._facility_mention(doc, span, "facility"))
            i = max(j, i + 1)
        # 5b. a dateline opening the text or its first paragraph under a headline ("TAIZ,
        #     June 6 (Saba) -", "Esmeraldas, 16 November 2026 -"): a place, whatever the
        #     tagger made of it (one-word town names are often tagged as persons)
        for dl in itertools.chain(_DATELINE.finditer(full_text[:400]),
                                  _HEADER_DATELINE.finditer(full_text[:300])):
            start, end = dl.span("place")
            if any(taken[start:end]):
                for m in mentions:
                    if m.start == start and m.end == end and m.role == "literal":
                        m.weak = False  # (a dateline's place is no weak guess)
                        m.container = None
                continue
            hit = doc.char_span(start, end)
            if hit is not None and self.gz.lookup(hit.text):
                m = self._mention(doc, hit, "gazetteer")
                if m is not None and m.text == hit.text:
                    m.container = None  # ("Taiz, June 6": the month is no container)
                    m.notes.append("the dateline's place")
                    add(m)
        # 6. one sense per article: other uses of a name taken as a literal place ("the
        #    liberation of Raqqah" after "to Raqqah"), unless inside a longer entity
        known = {m.text for m in mentions if m.role == "literal" and not m.weak
                 and not m.facility and m.fixed_id is None and m.text[:1].isupper()
                 and m.text not in person_parts}
        for m in mentions:  # ("struck Ed Damazin", tagged a person, then "in Ed Damazin")
            if m.weak and m.text in known and m.role == "literal":
                m.weak = False
                m.notes.append("the same name is a place elsewhere in the article")
        lowered = full_text.lower() if any(n.isupper() for n in known) else full_text
        for name in sorted(known):
            spans = list(_standalone(name, full_text))
            if name.isupper() and len(lowered) == len(full_text):
                # a dateline's "MAZAR-I-SHARIF" is the "Mazar-i-Sharif" of the story
                spans += [(a, b) for a, b in _standalone(name.lower(), lowered)
                          if full_text[a].isupper() and not full_text[a:b].isupper()]
            for start, end in spans:
                if any(taken[start:end]):
                    continue
                hit = doc.char_span(start, end)
                if hit is None or any(ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "EVENT",
                                                     "FAC", "LAW")
                                      and ent.start <= hit.start and hit.end <= ent.end
                                      and len(ent) > len(hit) for ent in doc_ents):
                    continue
                m = self._mention(doc, hit, "gazetteer")
                if m is not None and m.text == hit.text:
                    m.notes.append("the same name is a place elsewhere in the article")
                    if hit.end < len(doc) and doc[hit.end].lower_ in _INSTITUTION_AFTER:
                        # "the Michoacan attorney general's office said": whose office, not
                        # where something happened
                        m.role = "associative"
                        m.notes.append("names an institution's seat")
                    add(m)
        #    and of a village the gazetteer lacks, told as one elsewhere ("Soum: eight civilians
        #    killed in Barboulé" above "... in Barboulé, in the province of Soum")
        villages = {m.text for m in mentions if LOCALITY_NOTE in m.notes
                    and m.text[:1].isupper() and len(m.text) >= 4}
        for name in sorted(villages):
            for start, end in _standalone(name, full_text):
                hit = doc.char_span(start, end)
                if any(taken[start:end]) or hit is None or any(
                        ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "LAW")
                        and ent.start <= hit.start and hit.end <= ent.end
                        and sum(not t.is_space for t in ent) > len(hit) for ent in doc_ents):
                    continue
                m = self._facility_mention(doc, hit, "ner")
                if m is not None and m.text == hit.text:
                    _as_locality(m).notes.append("the same name is a place elsewhere in the "
                                                 "article")
                    add(m)
        # 7. a name that qualifies an armed group somewhere in the article ("Fano fighters",
        #    "the Fano militia") may be the group's name, not a place: each of its uses is kept
        #    only if it resolves within the article's area ("Amhara militia" in a report
        #    about Ethiopia), not to a namesake abroad (Fano, Italy)
        groups = {m.text for m in mentions if m.role == "literal" and m.fixed_id is None
                  and _GROUP_AFTER.match(full_text, m.end)}
        for m in mentions:
            if m.text in groups and not m.weak and not any(
                    c.is_country for c in self.gz.lookup(m.query)):
                m.weak = True
                m.notes.append("the name of an armed group too: kept if within the area")
        for m in mentions:
            self._fix_region(doc, m)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _mended(self, doc: Doc, ent: Span) -> Span:
        """A place entity's edges mended where the small model misplaces them: cut at a dash
        that stands alone ("Northern Samar - Two": a dateline's dash and the next word), and
        grown over the one or two capitalised words, in no entity, that complete a longer
        gazetteer name ("Las" of "in Las Navas"; the longest such name), or over the hyphens
        and words of a hyphenated one ("Mazar" of "Mazar-i-Sharif", "Mazar-e Sharif")."""
        from spacy.tokens import Span as SpacySpan

        for t in ent[1:]:
            if t.text in ("-", "\u2013", "\u2014") and doc[t.i - 1].whitespace_:
                ent = SpacySpan(doc, ent.start, t.i, label=ent.label_)
                break
        grown = ent
        for j in range(ent.end + 1, min(len(doc), ent.end + 2) + 1):
            nxt = doc[j - 1]
            if not (nxt.is_title and nxt.is_alpha and not nxt.ent_type_) or \
                    not doc[j - 2].whitespace_:
                break
            if self.gz.lookup(_strip_the(doc[ent.start:j]).text):
                grown = SpacySpan(doc, ent.start, j, label=ent.label_)
        if grown is ent:
            # a hyphenated name cut at its first hyphen ("Mazar" of "Mazar-i-Sharif")
            j, hyphen = ent.end, False
            while j < min(len(doc), ent.end + 4) and (
                    (not doc[j - 1].whitespace_ and (doc[j].is_alpha or doc[j].text == "-"))
                    or (hyphen and doc[j].is_title and doc[j].is_alpha)):
                hyphen = hyphen or doc[j].text == "-"
                j += 1
                if doc[j - 1].is_alpha and hyphen and self.gz.lookup(doc[ent.start:j].text):
                    grown = SpacySpan(doc, ent.start, j, label=ent.label_)
        return grown

    def _leading_place(self, doc: Doc, span: Span) -> Mention | None:
        """A well-known place that begins a longer name ("Winnipeg" in "Winnipeg Fire
        Paramedic Service"): a literal modifier naming where the body or event is. A
        demonym there ("the Somali Police Force") is the country the body belongs to,
        associative, not a place of that name (Ethiopia's Somali region)."""
        for j in range(min(span.end - 1, span.start + 3), span.start, -1):
            part = doc[span.start:j]
            if part[-1].is_title and (dem := self.lexicon.demonym(part.text)) is not None:
                return self._demonym_mention(part, dem)
            if part[-1].is_title and self._strong_name(part.text):
                m = self._mention(doc, part, "ner")
                if m is not None:
                    m.notes.append("place at the head of a longer name")
                return m
        return None

    def _known_parts(self, doc: Doc, span: Span, after_of: bool = False) -> list[Mention]:
        """Well-known places inside an unknown multi-word name, longest first (with
        ``after_of``, only after an "of" or "in" inside the name)."""
        out = []
        i = span.start
        if after_of:
            heads = [t.i for t in span if t.lower_ in ("of", "in")]
            if not heads:
                return []
            i = heads[0] + 1
        while i < span.end and len(span) > 1:
            for j in range(span.end, i, -1):
                part = doc[i:j]
                if j - i < len(span) and part[0].is_title and self._strong_name(part.text):
                    m = self._mention(doc, part, "ner")
                    if m is not None:
                        out.append(m)
                    i = j - 1
                    break
            i += 1
        return out

    def _facility_mention(self, doc: Doc, span: Span, source: str) -> Mention | None:
        """A named spot; if a prefix of its name is a well-known place ("Dubai World Trade
        Centre"), that place is looked up instead."""
        m = self._mention(doc, span, source)
        if m is None:
            return None
        m.facility = True
        span = _strip_the(span)
        if span[-1].lower_.rstrip(".") in STREET_WORDS:
            return m  # "Baghdad Street" is in Damascus; "Hampton Avenue" is not in Hampton
        for j in range(span.end - 1, span.start, -1):
            prefix = doc[span.start:j]
            if len(prefix) == 1 and prefix[0].lower_ in _NOT_ALONE:
                continue  # "South Kilburn Estate" is not in a region called South
            if self._strong_name(prefix.text):
                m.query = prefix.text
                m.notes.append(f"named spot inside {prefix.text!r}")
                break
        return m

    def _town_in_area(self, town: str, area: str) -> bool:
        """The gazetteer has a populated place named ``town`` inside a first- or second-level
        area named ``area`` ("Butig", "Lanao del Sur")."""
        areas = [c for c in self.gz.lookup(area) if c.feature_code in ("ADM1", "ADM2")]
        if not areas:
            return False
        return any(t.country_code == a.country_code and t.admin1_code == a.admin1_code and (
            a.feature_code == "ADM1" or t.admin2_code == a.admin2_code)
            for t in self.gz.lookup(town) if t.feature_class == "P" for a in areas)

    @staticmethod
    def _unknown_locality(doc: Doc, ent: Span) -> bool:
        """A one- or two-word GPE the gazetteer lacks after "the village of", or after
        "in"/"near"... and before ", Y" ("in Karrada, Baghdad"): a locality, resolved to the
        place around it."""
        inner = _strip_the(ent)
        if ent.label_ != "GPE" or len(inner) > 2 or not inner[0].is_title or ent.start == 0:
            return False
        if len(inner) == 2 and inner[-1].lower_ in ("village", "hamlet", "locality"):
            return True  # "the fields of Kisimba village, 8 km from Mangina"
        prev = doc[ent.start - 1].lower_
        prev2 = doc[ent.start - 2].lower_ if ent.start > 1 else ""
        if prev == "of" and prev2 in LOCALITY_HEADS | {"villages", "towns", "neighbourhood",
                                                       "neighborhood", "district", "suburb",
                                                       "market", "outskirts"}:
            return True  # (also "the livestock market of Mangaize")
        if prev in _STRONG_LOCATIVE and _DISTANCE_AFTER.match(doc_text(doc), ent.end_char):
            return True  # "in Mangaize, roughly 45 km north-west of Ouallam"
        if prev in _STRONG_LOCATIVE and ent.end + 3 < len(doc) and doc[ent.end].text == "," \
                and doc[ent.end + 1].lower_ in ("in", "within") and any(
                    t.is_title for t in doc[ent.end + 2:ent.end + 4]):
            return True  # "in Dareye, in the Ouallam department"
        if _settlement_after(doc, ent):
            return True  # "in Barboulé, in the province of Soum"; "X, a village in ..."
        return prev in _STRONG_LOCATIVE and ent.end + 1 < len(doc) and doc[ent.end].text == "," \
            and doc[ent.end + 1].is_title  # "in Karrada, Baghdad"

    def _demonym_town(self, span: Span) -> bool:
        """``span`` is a demonym and a capitalised place noun that together are a town's own
        name ("Spanish Town", Jamaica), not a demonym before a place noun."""
        return len(span) == 2 and span[1].is_title and span[1].lower_ in PLACE_NOUNS and \
            self.lexicon.demonym(span[0].text) is not None and any(
                c.kind >= KIND_ASCII and c.feature_class == "P" and c.population >= 1000
                for c in self.gz.lookup(span.text))

    @staticmethod
    def _literal_if_place_noun(doc: Doc, span: Span, m: Mention | None) -> Mention | None:
        """A demonym before a place noun names where ("the Syrian border", "Iraqi
        territory"): literal, not associative (a demonym and a place noun that are a town's
        own name, "Spanish Town", are taken whole before: step 2b of :meth:`recognize`)."""
        if m is not None and span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS:
            m.role = "literal"
            m.notes.append(f"demonym before the place noun {doc[span.end].text!r}: literal")
        return m

    def _demonym_mention(self, span: Span,
                         demonym: tuple[str, int | None] | str) -> Mention | None:
        if isinstance(demonym, str):  # a region's demonym: the overlay entry of that name
            region = self.curated_region(demonym)
            demonym = ("", region.geonames_id if region else None)
        cc, gid = demonym
        if gid is None:
            info = self.gz.countries.get(cc)
            gid = info.geonames_id if info else None
        if gid is None:
            return None
        return Mention(span.start_char, span.end_char, span.text, span.text, role="associative",
                       source="demonym", fixed_id=gid, tokens=(span.start, span.end),
                       notes=["demonym or adjective of a country"])

    def mentions_for_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Mention]:
        """Mentions for exactly the given character spans (resolve mode)."""
        out = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            text = doc_text(doc)[start:end]
            demonym = self.lexicon.demonym(text)
            if span is None:
                out.append(Mention(start, end, text, text, source="given"))
                continue
            if demonym is not None:
                m = self._demonym_mention(span, demonym)
                if m is not None:
                    m.start, m.end, m.text = start, end, text
                    out.append(m)
                    continue
            m = self._mention(doc, span, "given") or Mention(start, end, text, text)
            m.start, m.end, m.text, m.source = start, end, text, "given"
            if span.label_ == "GPE" and _is_metonymy(span):
                m.notes.append("metonymy: subject of a speech or stance verb")
            self._fix_region(doc, m)
            out.append(m)
        return out

    # -- gazetteer-driven helpers ---------------------------------------------------------------
    @staticmethod
    def _holds_entity(doc: Doc, span: Span) -> bool:
        """The entities ``span`` overlaps all lie wholly inside it, and its first word is
        outside them ("Dera" + "Ismail Khan", a person to the model)."""
        return span[0].ent_iob_ == "O" and all(
            span.start <= e.start and e.end <= span.end for e in doc.ents
            if e.start < span.end and span.start < e.end)

    def _can_start(self, tok: Token) -> bool:
        return (tok.is_title or (tok.is_upper and len(tok) > 1)) and tok.is_alpha \
            and tok.lower_ not in _NOT_PLACE_WORDS and tok.pos_ in ("PROPN", "NOUN", "ADJ")

    def _can_continue(self, tok: Token, inner_of: bool = False) -> bool:
        """A token that may continue a name; with ``inner_of`` also a lower-case "of" inside
        it ("Strait of Hormuz")."""
        return tok.is_title or tok.lower_ in ("al", "el", "ad", "as", "ar", "az", "de", "-",
                                              "ez", "ash", "es") or (
            inner_of and tok.text in ("of", "da", "do", "dos", "das", "del"))

    def curated_region(self, text: str) -> Candidate | None:
        """The curated overlay entry a name refers to when that entry is a water body, relief
        feature, macro-region or historical state ("Red Sea", "Sahel", "Soviet Union"); None
        if the name has no such entry or several different ones."""
        if not text.strip():
            return None
        hits = {c.geonames_id: c for c in self.gz.lookup(text)
                if c.kind == KIND_OVERLAY and is_region_feature(c)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _adjectival_region(self, doc: Doc, m: Mention) -> bool:
        """A one-word curated region used as an adjective before a common noun without an
        article ("a Mediterranean diet", "Caribbean nations"): not a toponym. With "the" or a
        locative before it ("the Atlantic hurricane season", "off the Caribbean coast") it is
        one."""
        start, end = m.tokens
        if end - start != 1 or end >= len(doc) or doc[end].pos_ != "NOUN":
            return False
        prev = doc[start - 1].lower_ if start > 0 else ""
        if prev == "the" or prev in _STRONG_LOCATIVE:
            return False
        return self.curated_region(m.query) is not None

    def _titled_region(self, doc: Doc, m: Mention) -> bool:
        """A curated region name after a capital "The" inside a sentence ("according to The
        Atlantic"), or after a sentence-initial "The" as the subject of a speech verb ("The
        Atlantic reported"): a title, not the place."""
        start, end = m.tokens
        if start == 0 or end <= start or doc[start - 1].text != "The":
            return False
        if doc[start - 1].is_sent_start:
            root = doc[start:end].root
            if not (root.dep_ in ("nsubj", "nsubjpass")
                    and root.head.lemma_.lower() in SPEECH_VERBS):
                return False
        elif not _title_the(doc[start - 1]):
            return False
        return self.curated_region(m.query) is not None

    def _fix_region(self, doc: Doc, m: Mention) -> None:
        """Resolve a mention of a curated water body or region straight to the overlay entry
        ("the Red Sea" is the sea, not Sudan's Red Sea state nor a village called so), unless
        the text marks it as an admin area or a town ("Red Sea state", "Atlantic, Iowa")."""
        if m.fixed_id is not None or m.hint is not None or m.facility or m.container:
            return
        end = m.tokens[1]
        if end < len(doc) and doc[end].lower_ in ADMIN_SUFFIXES | TOWN_SUFFIXES:
            return
        region = self.curated_region(m.query)
        if region is not None:
            m.fixed_id = region.geonames_id
            m.notes.append("curated water body or region: resolved to its overlay entry")

    def _strong_name(self, text: str) -> bool:
        if text.strip().lower() in _NOT_ALONE:
            return False
        return any(c.is_country or c.feature_code == "ADM1" or c.population >= 100_000
                   for c in self.gz.lookup(text) if c.kind >= 2)

    def _accept(self, doc: Doc, span: Span, sent_starts: Container[int] | None = None
                ) -> bool | str:
        """True: a toponym; "weak": one if it resolves near the document's places.
        sent_starts: the indexes of the doc's sentences' first tokens, if known."""
        if len(span) == 1 and span[0].lower_ in _NOT_ALONE:
            return False
        cands = self.gz.lookup(span.text)
        if not cands:
            return False
        if span[0].pos_ == "PROPN" and self.curated_region(span.text) is not None:
            return True  # "across the Sahel", "in the Gulf of Aden"
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        if prev == "the" and span.start > 1 and span.end < len(doc) and \
                doc[span.end].lower_ in _AREA_NOUNS:
            prev = doc[span.start - 2].lower_  # "in the Deir ez-Zor countryside"
        sentence_start = span.start == span.sent.start if sent_starts is None \
            else span.start in sent_starts
        if prev in _STRONG_LOCATIVE or _place_context(doc, span.start) or (span.end < len(doc)
                                        and doc[span.end].lower_ in ADMIN_SUFFIXES):
            return True
        if sentence_start and len(span) > 1 and span[0].pos_ == "PROPN" and any(
                (c.is_country or c.feature_code in ("ADM1", "PPLC")) and c.kind >= 2
                for c in cands):
            return True  # "Cabo Delgado Conflict Monitor": a state's name of two words
        if sentence_start or span[0].pos_ != "PROPN":
            return False
        if len(span) == 1 and all(c.feature_class == "P" for c in cands if c.kind >= 2) and (
                (prev == "the" and span[0].dep_ in _PHRASE_HEAD
                 and not any(c.name.lower().startswith("the ") for c in cands))
                or (prev == "of" and span.start > 1
                    and doc[span.start - 2].lower_ in _OFFICE_OF)):
            # "the Mission extends its condolences", "the Head of Mission": a town's name the
            # model missed, after "the" and heading its phrase or after an office's title, is
            # a title-cased word (towns take no article: "The Hague" has it in its name; "the
            # Donetsk regional administration" and "the Gori-based brigade" are names
            # qualifying a noun)
            return False
        # (a short name the model missed, "Sur" of "Guasmo Sur", is often a word or a part of
        # a longer name: a town of its size makes it only a weak guess)
        big = 50_000 if len(span.text) > 4 else 10_000_000
        if any((c.is_country or c.feature_code in ("ADM1", "CONT", "PPLC")
                or c.population >= big) and c.kind >= 2 for c in cands):
            return True
        return "weak" if any(c.kind >= 2 for c in cands) else False


#: the dependency labels of a noun heading its own phrase (not "the Donetsk regional
#: administration", "the Gori-based brigade")
_PHRASE_HEAD = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "conj", "appos",
                          "attr", "dative"})
#: titles before "of" that make a title-cased word after it an office, not a town ("the Head
#: of Mission", "the Chief of Staff")
_OFFICE_OF = frozenset({"head", "heads", "chief", "chiefs", "deputy", "director", "directors",
                        "secretary", "member", "members", "minister", "ministry"})


#: an institution a place name qualifies ("the Michoacan attorney general's office", "Kano
#: state government officials"): the name says whose, not where
_INSTITUTION_AFTER = frozenset({"attorney", "prosecutor", "prosecutors", "prosecutor's",
                                "governor", "governor's", "government", "authorities",
                                "officials", "ministry", "legislature", "assembly"})

#: the rest of an outlet's name after a place ("the Mandalay Free Press", "Kano Daily
#: Times", "Radio Okapi" is not one)
_OUTLET_AFTER = re.compile(r"(?:\s+[A-Z][a-z]+){0,2}?\s+(?:Press|Times|Post|Tribune|Herald|Gazette|"
                           r"Journal|Daily|Mirror|Observer|Chronicle|Courier|Monitor|Standard|"
                           r"Telegraph|Express|Inquirer|Reporter|Bulletin|Newspaper)\b")

#: a geographic noun alone, the head of a name told after "of" ("the Valley of the Apurimac")
_GENERIC_HEAD = re.compile(r"(?:[Tt]he\s+)?(?:Valley|Valleys|River|Rivers|Lake|Lakes|Mountains?|"
                           r"Hills|Plains?|Basin|Delta|Desert|Coast|Highlands|Lowlands)")
_OF_AFTER = re.compile(r"\s+of\s")

#: nouns of the land around a town, after its name ("the Deir ez-Zor countryside")
_AREA_NOUNS = frozenset({"countryside", "outskirts", "suburbs", "area", "region", "desert",
                         "hills", "mountains", "plains", "valley", "border", "frontier"})

#: a dateline: a capitalised place of one to three words opening the text or a paragraph,
#: then a comma and a date ("Taiz, June 6", "QUITO, Nov 15", "Niamey, 3 October 2026")
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*(?P<place>[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){0,2}),[ \t]+"
    r"(?:[A-Z][\w.]{1,12},[ \t]+)?"  # a state's abbreviation: "Chilpancingo, Gro., Oct 16"
    r"(?:" + WEEKDAY_NAME + r",?[ \t]+)?"
    r"(?:" + MONTH_NAME + r"[ \t]+\d{1,2}\b|\d{1,2}[ \t]+" + MONTH_NAME + r")")

#: a broadcaster's or bulletin's header line naming its city between dashes before the date
#: ("Radio Horn FM - Mogadishu - 5 December 2025")
_HEADER_DATELINE = re.compile(
    r"(?:^|\n)[^\n]{2,60}?[ \t][-\u2013\u2014|][ \t](?P<place>[A-Z][\w'\u2019-]+"
    r"(?:[ -][A-Z][\w'\u2019-]+){0,2})[ \t]*[-\u2013\u2014|,][ \t]+"
    r"(?:" + WEEKDAY_NAME + r",?[ \t]+)?"
    r"(?:" + MONTH_NAME + r"[ \t]+\d{1,2}\b|\d{1,2}[ \t]+" + MONTH_NAME + r")")

#: a dateline's credit: "(Saba) -", "(AFP) --", "(Reuters) —" after the place and date
#: what may follow an agency's name up to the end of a dateline: more words of the name
#: ("(Tigris Wire) -", "(Andes News Agency) -"), the bracket, a dash or a colon
_CREDIT_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w&.'\u2019-]*){0,3}\)\s*(?:-{1,2}|\u2013|\u2014|:)\s")


#: a weapon's kind after its model's name ("Grad rockets", "Iskander ballistic missiles")
_WEAPON_AFTER = re.compile(
    r"[ \t]+(?:(?:cruise|ballistic|guided|anti-tank|anti-aircraft|rocket|multiple[- ]launch|"
    r"kamikaze|attack|suicide)[ \t]+)?(?:rockets?|missiles?|launchers?|drones?|MLRS)\b")


#: the note on a village or town the gazetteer lacks: placed at the point of the place around
#: it, under its own name (docs/audit-coding-guide.md: "Places GeoNames lacks")
#: Nouns of a settlement that name it after "of" ("the village of X", "the locality of X").
LOCALITY_HEADS = TOWN_SUFFIXES | {"locality", "hamlet", "settlement"}


def _named_locality(doc: Doc, ent: Span) -> bool:
    """A short title-case name right after "the village of" (any of
    :data:`LOCALITY_HEADS`): a settlement, whatever label the model gave it ("the village of
    Wad Al-Bashir" as a person)."""
    inner = _strip_the(ent)
    if len(inner.text.split()) > 3 or not inner[0].is_title or ent.start < 2:
        return False
    return doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in LOCALITY_HEADS | {
        "market"}  # ("the weekly market of Matankari")


def _without_space_end(ent: Span) -> Span:
    """An entity the model ran into the blank lines after it ("Ramganj\\n\\n" closing a
    headline), without them."""
    from spacy.tokens import Span as SpacySpan

    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].is_space:
        end -= 1
    return SpacySpan(ent.doc, ent.start, end, label=ent.label_)


def _before_bracket(ent: Span, brackets: Sequence[int] | None = None) -> Span:
    """An entity the model ran into an opening bracket ("Matankari (Dogondoutchi department,
    Dosso region)" as one organisation): the name before the bracket. brackets: the indexes
    of the doc's "(" tokens, in order, if known (then the entity's tokens are not visited)."""
    from spacy.tokens import Span as SpacySpan

    if brackets is not None:
        k = bisect_right(brackets, ent.start)
        if k < len(brackets) and brackets[k] < ent.end:
            return SpacySpan(ent.doc, ent.start, brackets[k], label=ent.label_)
        return ent
    for t in ent[1:]:
        if t.text == "(":
            return SpacySpan(ent.doc, ent.start, t.i, label=ent.label_)
    return ent


def _settlement_after(doc: Doc, ent: Span) -> bool:
    """The name is told a settlement by the words after it: "at Ouro-Bourma, a village in the
    Kolofata district", "Baraboulé, a rural commune about thirty kilometres north-west of
    Djibo" (not "Musa Bello, a village chief"); or, after a locative, the unit around it: "in
    Barboulé, in the province of Soum"."""
    k = ent.end
    if k + 3 >= len(doc) or doc[k].text != ",":
        return False
    if ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE and \
            _UNIT_OF_AFTER.match(doc_text(doc), doc[k].idx + 1):
        return True
    if doc[k + 1].lower_ not in ("a", "an", "the"):
        return False
    j = k + 2
    if doc[j].lower_ not in _SETTLEMENT_HEADS and doc[j].is_lower and j + 2 < len(doc):
        j += 1  # "a rural commune", "a small village", "a fishing village"
    if doc[j].lower_ not in _SETTLEMENT_HEADS:
        return False
    after = doc[j + 1]
    return after.pos_ in ("ADP", "PUNCT", "NUM") or after.lower_ in (
        "north", "south", "east", "west", "some", "about", "roughly", "around")


#: nouns of a settlement told in an apposition after its name
_SETTLEMENT_HEADS = frozenset({"village", "hamlet", "town", "locality", "settlement",
                               "commune"})
#: the unit around a place told after it: " in the province of", " in the Kolofata district"
_UNIT_OF_AFTER = re.compile(r"\s+in\s+the\s+(?:province|district|department|commune|region|"
                            r"county|prefecture|municipality|governorate)\s+of\b", re.IGNORECASE)


LOCALITY_NOTE = "a locality the gazetteer lacks: its own name, the point of the place around it"
#: said of a named spot or locality resolved to the place around it
NOT_IN_GAZETTEER = "not in the gazetteer: resolved to its context"


def _as_locality(m: Mention) -> Mention:
    """``m`` noted as a locality the gazetteer lacks (its own name at the point of the place
    around it: :data:`LOCALITY_NOTE`)."""
    m.notes += [NOT_IN_GAZETTEER, LOCALITY_NOTE]
    return m
#: a distance from a known place after a name: ", roughly 45 km north-west of Ouallam"
_DISTANCE_AFTER = re.compile(r",?\s+(?:about|around|roughly|some|nearly|approximately)?\s*"
                             r"\d+\s*(?:km|kilomet(?:re|er)s|miles)\b", re.IGNORECASE)


#: a group's members after its name ("Fano fighters", "the Fano Militia")
_GROUP_AFTER = re.compile(r"[ \t]+(?:fighters|militia|militias|militiamen|militants|rebels|"
                          r"insurgents|gunmen)\b", re.IGNORECASE)


#: the Islamic State's "provinces" (wilayat) are its branches: "Islamic State West Africa
#: Province", "the Sahel Province of the Islamic State", "IS Khorasan Province"
_IS = r"(?:Islamic\s+State|IS|ISIS|ISIL|Daesh)"
_PROVINCE_BEFORE = re.compile(_IS + r"(?:['\u2019]s)?(?:\s*[-\u2013\u2014]\s*|\s+in\s+(?:the\s+)?|"
                              r"\s+)$")
_PROVINCE_AFTER = re.compile(r"(?:\s+Province)?\s+of\s+(?:the\s+)?" + _IS + r"\b")


def _group_province(text: str, start: int, end: int) -> bool:
    """The mention names a branch of the Islamic State, not a place: "Islamic State West
    Africa Province", "the Sahel Province of the Islamic State"."""
    after = text[end:end + 60]
    province = text[start:end].endswith("Province") or after.startswith(" Province")
    if not province:
        return False
    return bool(_PROVINCE_BEFORE.search(text[max(0, start - 30):start])
                or _PROVINCE_AFTER.match(after))


def _agency_credit(text: str, start: int, end: int) -> bool:
    """The mention is (the first word of) the news agency named in brackets at the end of a
    dateline, early in the text ("TAIZ, June 6 (Saba) - ...", "BASRA, Aug 19 (Tigris Wire)
    -"): a credit, not a place of the story."""
    return start < 400 and text[start - 1:start] == "(" and \
        _CREDIT_AFTER.match(text, end) is not None


def _standalone(name: str, text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``name`` in ``text`` with neither a word character nor a hyphen on either
    side: what ``re.finditer(rf"(?<![\\w-]){re.escape(name)}(?![\\w-])", text)`` finds (the
    same non-overlapping matches, left to right), without compiling a pattern per name.
    ``name`` is not empty."""
    n, size = len(name), len(text)
    i = text.find(name)
    while i >= 0:
        before = text[i - 1] if i > 0 else ""
        after = text[i + n] if i + n < size else ""
        if not _word_or_hyphen(before) and not _word_or_hyphen(after):
            yield i, i + n
            i = text.find(name, i + n)
        else:
            i = text.find(name, i + 1)


def _word_or_hyphen(ch: str) -> bool:
    """``ch`` (one character, or "" at the text's edge) matches ``[\\w-]``."""
    return ch != "" and (ch.isalnum() or ch == "_" or ch == "-")
