"""Cross-article deduplication: are two stored events, read from different reports, one event?

Two functions, both pure (no I/O of their own):

- :func:`candidates_for` asks the store for the events that *could* be the same as ``event``
  (blocking: :meth:`eventcoder.store.Store.merge_candidates`, an indexed query on the event
  date window, the compatible event types and a latitude/longitude box, never a scan);
- :func:`same_event` decides for one pair, with a score and the reasons.

The rules (docs/storage.md, "Cross-article deduplication"), for events ``a`` and ``b``:

1. **Hard constraints** (any failing one: not the same event, score 0):

   - both are dated, and their dates are at most ``merge_days`` apart (default 2), or more
     when either date is coarse: :data:`COARSE_DAYS` (a week for ``time_precision`` 2, a
     month for 3);
   - they cite no common article (two events of one report were kept apart by in-article
     dedup, which saw more of the text);
   - same country; both have coordinates and are at most ``merge_km`` apart (default 25 km),
     unless one place is only a first-level region (``geo_precision`` 3, e.g. "in Michoacan
     state": its point is the region's centre, so the distance says nothing) and the other
     lies in that region (:func:`region_contains`), or one place is a second-level unit
     named as such ("in Northern Samar province") and the other lies in it
     (:func:`district_contains`), or one place is a village the gazetteer lacks (at the point
     of a town near it) that the other report, placed only roughly, names
     (:func:`named_by_other`: then scored as one place); when both places are precise
     (``geo_precision`` 1) and both name an admin2 unit, the same admin2;
   - compatible sub-event types (:func:`compatible_types`): the same sub-event type, or two
     types of one group that reports of one event mix up (an armed clash, an attack on
     civilians and a take-over of a town; a protest with or without intervention). An
     explosion or remote strike is only the same as one of the same kind: an air strike and a
     shelling in one city on one day are two events;

2. **Score** in [0, 1], a weighted sum (:data:`WEIGHTS`) of

   - ``text``: cosine similarity of the two events' evidence text (the sentences they were
     read from), TF-IDF weighted with :func:`idf` (content words, no numbers);
   - ``date``: 1 on the same day, 0 on different days, 0.5 when either date is coarse
     (:func:`_date_agreement`); two dates a day apart that may tell one night from either end
     ("late on Saturday night" and "on Sunday", :func:`one_night`) count as the same day;
   - ``place``: 1 at the same point, falling to 0 at ``merge_km``; 0.5 for a place in a
     region named by the other report (it may be anywhere in it);
   - ``fatalities``: 1 when the tolls agree (or one report gives none), falling with their
     ratio (reports disagree on tolls, but 3 and 40 are rarely one event);
   - ``actors``: 1 when a named actor is common to both, 0.5 when one names none, 0 when
     their named actors differ. Actors weigh and do not decide: reports name groups
     differently and extracted actors are sometimes wrong.

3. The pair is one event when the score is at least ``merge_threshold`` (default
   :data:`DEFAULT_MERGE_THRESHOLD`), or when both are demonstrations within
   :data:`PROTEST_KM` on the same day (one of the dates a day), and, when both dates are
   precise and differ, the text similarity is at least :data:`DIFFERENT_DAY_TEXT` too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, cast

from ..config import DEFAULT_MERGE_DAYS, DEFAULT_MERGE_KM, DEFAULT_MERGE_THRESHOLD
from ..geo.locate import NAMED_ONLY
from ..geo.resolve import km_apart
from ..geo.text import alike_names, name_key, spelling_ratio
from ..schema import Event
from .link import ONE_BLAST

#: The date window for a coarse date, by ``time_precision`` (2: within a week, 3: a month).
COARSE_DAYS = {1: 0, 2: 7, 3: 31}

#: Two reports dated on different days (both precise) are one event only when their evidence
#: text is at least this similar, whatever the score: the same place a day later is as often
#: another event (a second strike on one city) as a report that dates it differently.
DIFFERENT_DAY_TEXT = 0.6

#: Event ids whose events and candidates :func:`merge_stored` reads at once (a store with
#: ``get_events`` and ``merge_candidates_many``, :class:`BatchMergeTarget`).
PREFETCH = 200

#: Weights of the score's parts (they sum to 1).
WEIGHTS = {"text": 0.35, "date": 0.2, "place": 0.15, "fatalities": 0.15, "actors": 0.15}

#: Sub-event types that reports of one event mix up: within a group any two are compatible.
TYPE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"Armed clash", "Attack", "Non-state actor overtakes territory",
               "Government regains territory"}),
    frozenset({"Peaceful protest", "Protest with intervention",
               "Excessive force against protesters", "Violent demonstration",
               "Mob violence"}),
    # a suicide bombing is also the bomb it set off: "a car bomb" in one report, "a suicide
    # car bomber" in another (as within an article)
    ONE_BLAST,
    # "an explosive device, suspected to be a hand grenade" in one report, "an explosion at the
    # police station" (a device no one named: read as an IED) in another
    frozenset({"Grenade", "Remote explosive/landmine/IED"}),
)

#: Actor names that name no one in particular: they overlap with anyone.
_UNNAMED = re.compile(r"^(unidentified|unknown)|^(civilians|protesters|rioters)\b", re.I)

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset("""
the and for with that this from was were are has have had been but not they their them its
his her who which what when where while said says say also after before into onto over than
then there these those will would could should about against between during near least more
most other some such only very just told one two three four five six seven eight nine ten
per all any our out off may can did does our you your yesterday today tonight morning
evening night monday tuesday wednesday thursday friday saturday sunday week weeks day days
people killed kill killing wounded injured dead death deaths attack attacks attacked
""".split())


@dataclass(frozen=True)
class MergeSettings:
    """The thresholds of cross-article merging (Config: ``merge_days``, ``merge_km``,
    ``merge_threshold``)."""

    days: int = DEFAULT_MERGE_DAYS
    km: float = DEFAULT_MERGE_KM
    threshold: float = DEFAULT_MERGE_THRESHOLD

    @property
    def enabled(self) -> bool:
        """Merging is on: a threshold above 1 (no score reaches it) turns it off."""
        return self.threshold <= 1 and self.days >= 0 and self.km > 0

    def window(self, *events: Event) -> int:
        """Days two events' dates may be apart: ``days``, or more for a coarse date."""
        return max(self.days, *(COARSE_DAYS.get(e.time_precision, 31) for e in events))


@dataclass(frozen=True)
class Decision:
    """:func:`same_event`'s answer for one pair."""

    same: bool
    score: float
    reasons: tuple[str, ...] = ()
    parts: dict[str, float] = field(default_factory=dict)


class CandidateSource(Protocol):
    """What :func:`candidates_for` needs of a store."""

    def merge_candidates(self, event: Event, *, days: int, km: float,
                         sub_event_types: Sequence[str]) -> list[Event]: ...


class MergeTarget(CandidateSource, Protocol):
    """What :func:`merge_stored` needs of a store (:class:`eventcoder.store.Store`)."""

    def get_event(self, event_id: str) -> Event | None: ...

    def merge_events(self, survivor_id: str, absorbed_id: str, *, score: float = 1.0,
                     reasons: Sequence[str] = ()) -> Event | None: ...

    def kept_apart(self, event_ids: Iterable[str]) -> dict[str, set[str]]: ...


class BatchMergeTarget(MergeTarget, Protocol):
    """A :class:`MergeTarget` that also reads many events and their candidates at once
    (:class:`eventcoder.store.Store` does): :func:`merge_stored` then reads the events of
    :data:`PREFETCH` ids and their candidates in a few queries instead of a few per event.
    ``get_events`` must give what ``get_event`` gives for each id, ``merge_candidates_many``
    what ``merge_candidates`` gives for each event."""

    def get_events(self, event_ids: Iterable[str]) -> dict[str, Event]: ...

    def merge_candidates_many(self, batch: Sequence[Event], *,
                              days_for: Callable[[Event], int], km: float,
                              types_for: Callable[[Event], Sequence[str]]
                              ) -> dict[str, list[Event]]: ...


@dataclass(frozen=True)
class MergeRecord:
    """One merge :func:`merge_stored` made (or, in a dry run, would make)."""

    survivor: str
    absorbed: str
    score: float
    reasons: tuple[str, ...]


def compatible_types(a: str, b: str) -> bool:
    """Two sub-event types that may be two reports' readings of one event."""
    return a == b or any(a in g and b in g for g in TYPE_GROUPS)


def compatible_with(sub_event_type: str) -> list[str]:
    """Every sub-event type compatible with ``sub_event_type`` (itself included), sorted."""
    out = {sub_event_type}
    for g in TYPE_GROUPS:
        if sub_event_type in g:
            out |= g
    return sorted(out)


def _actor_key(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip().lower()


def named_actors(e: Event) -> set[str]:
    """The event's actors that name someone (not an unidentified group, civilians or
    protesters), lower-cased, a country in brackets dropped."""
    names = (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2)
    out: set[str] = set()
    for n in names:
        for part in (n or "").split(";"):
            part = part.strip()
            if part and not _UNNAMED.search(part):
                out.add(_actor_key(part))
    return out


def km_between(a: Event, b: Event) -> float | None:
    """Great-circle distance of the two events' places (None without coordinates)."""
    return km_apart(a, b)


def words(text: str) -> list[str]:
    """The content words of ``text``: lower-cased, 3+ letters, no numbers or stop words."""
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP]


def idf(word: str) -> float:
    """A fixed inverse-document-frequency proxy, so that the score of a pair does not depend
    on what else is stored: longer (rarer) words weigh more, names and places most."""
    return math.log(1 + len(word))


def text_similarity(a: str, b: str) -> float:
    """TF-IDF cosine of the content words of two texts (sublinear term frequency)."""
    va = _vector(a)
    vb = _vector(b)
    if not va or not vb:
        return 0.0
    dot = sum(w * vb[t] for t, w in va.items() if t in vb)
    na = math.sqrt(sum(w * w for w in va.values()))
    nb = math.sqrt(sum(w * w for w in vb.values()))
    return dot / (na * nb)


def _vector(text: str) -> dict[str, float]:
    return {t: (1 + math.log(c)) * idf(t) for t, c in Counter(words(text)).items()}


def _per_article_text(e: Event) -> list[str]:
    by: dict[str, list[str]] = {}
    for ev in e.evidence:
        by.setdefault(ev.article_id, [])
        if ev.text not in by[ev.article_id]:
            by[ev.article_id].append(ev.text)
    return [" ".join(v) for v in by.values()] or [""]


def same_event(a: Event, b: Event, settings: MergeSettings | None = None) -> Decision:
    """Are ``a`` and ``b`` (two stored events) reports of one event? See the module
    docstring for the rules. RETURNS a :class:`Decision` (same, score, reasons)."""
    s = settings or MergeSettings()
    no: list[str] = []
    if a.event_id == b.event_id:
        no.append("the same event")
    if set(a.article_ids) & set(b.article_ids):
        no.append("cited by one article: in-article dedup kept them apart")
    night = False
    if a.event_date is None or b.event_date is None:
        no.append("undated")
        days = None
    else:
        days = abs((a.event_date - b.event_date).days)
        window = s.window(a, b)
        if days > window:
            no.append(f"dates {days} days apart (window {window})")
        elif days == 1 and one_night(a, b):
            night, days = True, 0
    if not compatible_types(a.sub_event_type, b.sub_event_type):
        no.append(f"types {a.sub_event_type} / {b.sub_event_type}")
    if not same_country(a, b):
        no.append("different countries")
    km = km_between(a, b)
    named = named_by_other(a, b)
    contained = region_contains(a, b) or (f"{named} named by the other report" if named else None)
    if not contained and km is not None and km > s.km:
        contained = district_contains(a, b) or one_name(a, b, km, s.km)
        # (only when the distance alone would refuse)
    if km is None:
        no.append("no coordinates")
    elif km > s.km and not contained:
        no.append(f"{km:.0f} km apart")
    if (a.geo_precision == 1 and b.geo_precision == 1 and a.admin2 and b.admin2
            and a.admin2.lower() != b.admin2.lower()):
        no.append(f"admin2 {a.admin2} / {b.admin2}")
    if (named_only(a) or named_only(b)) and not same_name(a.location, b.location):
        # a village the gazetteer lacks stands at the point of the town near it: the point
        # says nothing, the names do ("Mangaize" and "Ouallam", 45 km apart, one point),
        # unless the other report, placed only roughly, names the village too ("the attack on
        # Tizegorou", coded in the Ouallam area)
        if not named:
            no.append(f"places {a.location} / {b.location}, one known by name only")
    if no:
        return Decision(False, 0.0, tuple(no))
    assert days is not None and km is not None
    texts_b = _per_article_text(b)
    sims = [text_similarity(x, y) for x in _per_article_text(a) for y in texts_b]
    text = sum(sims) / len(sims)
    parts = {
        "text": text,
        "date": _date_agreement(days, a, b),
        "place": 1.0 if named else 0.5 if contained else max(0.0, 1 - km / s.km),
        "fatalities": _toll_agreement(a.fatalities, b.fatalities),
        "actors": _actor_agreement(a, b),
    }
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    reasons = [f"{k} {v:.2f}" for k, v in parts.items()]
    if contained:
        reasons.append(f"one place in the other's region {contained}")
    if night:
        reasons.append("one night told as two dates")
    same = score >= s.threshold
    if not same and _one_protest(a, b, days, km):
        same = True
        reasons.append("protests in one place on one day")
    if same and days > 0 and a.time_precision == 1 and b.time_precision == 1 \
            and text < DIFFERENT_DAY_TEXT:
        same = False
        reasons.append(f"different days and text below {DIFFERENT_DAY_TEXT}")
    return Decision(same, round(score, 4), tuple(reasons), parts)


def named_only(e: Event) -> bool:
    """The event's place is a name the gazetteer lacks, put at the point of the place around
    it (:data:`eventcoder.geo.locate.NAMED_ONLY` in its location reason)."""
    return NAMED_ONLY in e.location_reason and bool(e.location)


#: how far apart two points of one place name may be (a town and the district named after
#: it, "Kupwara" and "Kupwara"), in multiples of the merge distance
ONE_NAME_FACTOR = 3.0


def one_name(a: Event, b: Event, km: float, merge_km: float) -> str | None:
    """The place both events are placed at by name ("Kupwara" the town and "Kupwara" the
    district, 53 km apart), in one country and first-level region and within
    :data:`ONE_NAME_FACTOR` merge distances, one of them placed only roughly (its point is a
    unit's or a nearby town's); else None."""
    if not a.location or not b.location or km > ONE_NAME_FACTOR * merge_km or \
            max(a.geo_precision, b.geo_precision) < 2 or not same_region(a, b) or \
            not alike_names(a.location, b.location):
        return None
    return f"{a.location} named by both reports"


def named_by_other(a: Event, b: Event) -> str | None:
    """The place of one of the two events, a name the gazetteer lacks, that the other
    event's report names too (:func:`told_by_name`), both in one country and first-level
    region; else None. Its point is only the point of a place near it, so the distance
    between the two says nothing: the pair is scored as at one place."""
    if not same_region(a, b):
        return None
    return told_by_name(a, b) or told_by_name(b, a)


def told_by_name(x: Event, y: Event) -> str | None:
    """``x``'s place, a name the gazetteer lacks (:func:`named_only`), when ``y`` is placed
    only roughly (``geo_precision`` 2 or more: near a town, a district, a region) and one of
    ``y``'s sentences names it (spelled alike: "Mushere", "Mushare"), else None."""
    if not named_only(x) or y.geo_precision < 2 or not x.location:
        return None
    name = name_key(x.location).split()
    if not name or len("".join(name)) < 4:
        return None
    n, key = len(name), " ".join(name)
    for v in y.evidence:
        if v.field != "sentence":
            continue
        toks = name_key(v.text).split()
        for i in range(len(toks) - n + 1):
            window = " ".join(toks[i:i + n])
            if window == key or spelling_ratio(window, key) >= 0.75:
                return x.location
    return None


def same_name(a: str | None, b: str | None) -> bool:
    """Two place names that are one ("Mangaize", "Mangaïzé"; "Boni", "Bouni"): equal once
    folded, or alike (difflib ratio 0.75 or more)."""
    return not a or not b or alike_names(a, b)


#: ``geo_precision`` of a place known only as a first-level region (a province, a state).
REGION_PRECISION = 3


def region_contains(a: Event, b: Event) -> str | None:
    """The first-level region (admin1) one of the two events is placed in only as a whole
    (``geo_precision`` :data:`REGION_PRECISION`) and the other lies in (same country, same
    admin1, any precision), or None. Such a pair is not kept apart by distance: a region's
    point is its centre, and a town in it may be 100 km away."""
    if not (a.geo_precision == REGION_PRECISION or b.geo_precision == REGION_PRECISION):
        return None
    if not a.admin1 or not b.admin1 or not same_country(a, b):
        return None
    return a.admin1 if a.admin1.strip().lower() == b.admin1.strip().lower() else None


def same_country(a: Event, b: Event) -> bool:
    """The two events are placed in one country (by ISO code, else by name)."""
    return (a.iso3 or a.country) == (b.iso3 or b.country)


def same_region(a: Event, b: Event) -> bool:
    """The two events are placed in one country and one first-level region (by name, case
    and spaces aside; no region on either side counts as the same)."""
    return same_country(a, b) and \
        (a.admin1 or "").strip().lower() == (b.admin1 or "").strip().lower()


def _named_district(e: Event) -> bool:
    """The event is placed only as a second-level unit named as itself ("in Northern
    Samar"): ``geo_precision`` 2 or more, its place its admin2."""
    unit = (e.admin2 or "").strip().lower()
    return e.geo_precision >= 2 and bool(unit) and (e.location or "").strip().lower() == unit


def is_area(e: Event) -> bool:
    """The event is placed only as an area, a first-level region (``geo_precision``
    :data:`REGION_PRECISION`) or a second-level unit named as such: a town or a point in it
    may be one event with it at any distance."""
    return e.geo_precision == REGION_PRECISION or _named_district(e)


def district_contains(a: Event, b: Event) -> str | None:
    """The second-level unit (admin2: a district, a province of the Philippines, a Nigerian
    local government area) one of the two events is placed in only as a whole (not a town:
    ``geo_precision`` 2 or more, its place named as its admin2) and the other lies in (same
    country and admin2), or None. As :func:`region_contains`, one level down: "fighting in
    Northern Samar" and "a clash in Las Navas" (a town of it, 30 km from its centre)."""
    for x, y in ((a, b), (b, a)):
        if x.geo_precision != REGION_PRECISION and _named_district(x) and y.admin2 and \
                same_country(x, y) and (x.admin2 or "").strip().lower() == \
                y.admin2.strip().lower():
            return x.admin2
    return None


#: A date told as a night ("late on Saturday night", "overnight", "on the night of May 18"):
#: another report may date the event the next day, when the night ended.
EVENING = re.compile(r"\b(?:overnight|night|late\s+(?:on\s+)?(?:\w+\s+)?evening|"
                     r"(?:shortly\s+|just\s+)?before\s+midnight)\b", re.IGNORECASE)
#: A date told as the small hours ("in the early hours of Sunday", "before dawn on Sunday",
#: "at around 2am"): another report may date the event the day before, when the night began.
SMALL_HOURS = re.compile(r"\b(?:early\s+hours|small\s+hours|pre-?dawn|before\s+(?:dawn|"
                         r"daybreak|first\s+light)|at\s+dawn|after\s+midnight|"
                         r"[1-4](?::[0-5]\d)?\s*a\.?m\b)", re.IGNORECASE)


def night_sides(e: Event) -> set[int]:
    """How the event's dates were told: +1 when a date is a night's evening (another report
    may give the next day), -1 when it is the small hours (another may give the day before).
    Read from each ``event_date`` evidence and the words just before and after it in its
    sentence."""
    sides: set[int] = set()
    sentences = [v for v in e.evidence if v.field == "sentence"]
    for d in e.evidence:
        if d.field != "event_date":
            continue
        s = next((v for v in sentences if v.article_id == d.article_id
                  and v.start <= d.start and d.end <= v.end), None)
        ctx = d.text if s is None else \
            s.text[max(0, d.start - s.start - 40):d.end - s.start + 12]
        if SMALL_HOURS.search(ctx):
            sides.add(-1)
        elif EVENING.search(ctx):
            sides.add(1)
    return sides


def one_night(a: Event, b: Event) -> bool:
    """Two events dated a day apart whose dates may be one night told from either end: the
    earlier told as an evening or night, or the later as the small hours ("late on Saturday
    night" and "on Sunday"; "on Saturday" and "in the early hours of Sunday")."""
    if a.event_date is None or b.event_date is None or \
            abs((a.event_date - b.event_date).days) != 1:
        return False
    early, late = (a, b) if a.event_date < b.event_date else (b, a)
    return 1 in night_sides(early) or -1 in night_sides(late)


#: Protests at most this far apart on one day are one event (see :func:`_one_protest`).
PROTEST_KM = 5.0


def _one_protest(a: Event, b: Event, days: int, km: float) -> bool:
    """Two demonstrations (the protest group of :data:`TYPE_GROUPS`) in one place on one day
    are one event: ACLED codes demonstrations by location and day, and reports of one protest
    share little wording (crowd sizes, slogans and police action told differently). At least
    one date must be a day (two dates of one week or month say nothing of the day)."""
    protest = TYPE_GROUPS[1]
    return (a.sub_event_type in protest and b.sub_event_type in protest and days == 0
            and min(a.time_precision, b.time_precision) == 1 and km <= PROTEST_KM)


def _date_agreement(days: int, a: Event, b: Event) -> float:
    """1 on the same day; 0 on different days (the window lets the other parts carry such a
    pair, but the same place a day later is as often another event: "if unsure, do not
    merge"); 0.5 when either date is coarse (the day is not known)."""
    if a.time_precision > 1 or b.time_precision > 1:
        return 0.5
    return 1.0 if days == 0 else 0.0


def _actor_agreement(a: Event, b: Event) -> float:
    """1 when a named actor is common to both (a group and one of its branches count as one:
    "Islamic State" and "Islamic State Sahel Province"), 0.5 when one names none, 0 when
    their named actors differ (reports name groups differently, so this weighs, it does not
    decide)."""
    na, nb = named_actors(a), named_actors(b)
    if na & nb or any(_branch_of(x, y) or _branch_of(y, x) for x in na for y in nb):
        return 1.0
    return 0.5 if not na or not nb else 0.0


def _branch_of(name: str, group: str) -> bool:
    """``name`` is ``group`` followed by more words: one of its branches or provinces
    ("islamic state sahel province" of "islamic state"; not "...nigeria" of "...niger")."""
    return name.startswith(group + " ")


def _toll_agreement(x: int, y: int) -> float:
    if x == 0 or y == 0 or x == y:
        return 1.0
    lo, hi = sorted((x, y))
    return max(0.0, 1 - math.log(hi / lo) / math.log(10))


def candidates_for(event: Event, store: CandidateSource,
                   settings: MergeSettings | None = None) -> list[Event]:
    """The stored events that pass blocking for ``event`` (itself left out), from the
    store's indexed query: date window, compatible types, latitude/longitude box."""
    s = settings or MergeSettings()
    if event.event_date is None or event.latitude is None or event.longitude is None:
        return []
    return [c for c in store.merge_candidates(
                event, days=s.window(event, event), km=s.km,
                sub_event_types=compatible_with(event.sub_event_type))
            if c.event_id != event.event_id]


def best_match(event: Event, candidates: Iterable[Event],
               settings: MergeSettings | None = None) -> tuple[Event, Decision] | None:
    """The candidate ``event`` is most surely the same as (highest score at or above the
    threshold; ties broken by event id), or None when there is a doubt: another event that a
    report told apart from the best fits about as well (within :data:`AMBIGUITY_MARGIN`,
    even under the threshold down to :data:`RIVAL_FLOOR`), from either side, unless the place
    names settle it (:func:`_named_apart`); or the best fits only through a like type that a
    report told apart. A tentative event (coded under ``min_confidence``, no report showing it
    yet) may be the best but raises no doubt: a weak coding is no sure sign that a report told
    two events apart."""
    passing: list[tuple[Event, Decision]] = []
    siblings: list[Event] = []  # told apart from ``event`` by one of its reports
    own = set(event.article_ids)
    pool = sorted(candidates, key=lambda c: c.event_id)
    score_of: dict[str, float] = {}
    for c in pool:
        d = same_event(event, c, settings)
        score_of[c.event_id] = d.score
        if d.same:
            passing.append((c, d))
        elif own & set(c.article_ids) and c.event_id != event.event_id and \
                c.status != "tentative":
            siblings.append(c)
    passing.sort(key=lambda cd: -cd[1].score)  # (stable: ties keep the event-id order)
    if not passing:
        return None
    best = passing[0]
    rivals = [c for c in pool if c.status != "tentative"]
    for other in passing[1:]:
        if best[1].score - other[1].score >= AMBIGUITY_MARGIN:
            break
        if other[0].status == "tentative":
            continue
        if set(best[0].article_ids) & set(other[0].article_ids) and \
                not _named_apart(event, best[0], other[0]):
            # two events one report told apart ("two suicide bombers struck Gwoza: the
            # market ... the checkpoint") fit about as well: which one this report tells is
            # not known, and a wrong merge hides an event (precision first)
            return None
    if any(score_of[r.event_id] >= RIVAL_FLOOR and
           best[1].score - score_of[r.event_id] < AMBIGUITY_MARGIN and
           set(r.article_ids) & set(best[0].article_ids) and r is not best[0]
           and not _named_apart(event, best[0], r)
           for r in rivals if r.event_id != event.event_id):
        # the same when the other one falls just under the threshold: "Two bombs in Afgoye:
        # the first hit a truck on the bridge, the second a minibus at the market"; a report
        # of soldiers killed on the bridge fits the market blast (with the minibus report
        # merged in) at 0.62, the bridge blast at 0.59
        return None
    if best[0].sub_event_type != event.sub_event_type and any(
            c is not best[0] and (
                (c.sub_event_type == event.sub_event_type
                 and set(c.article_ids) & set(best[0].article_ids))
                or (c.sub_event_type == best[0].sub_event_type and set(c.article_ids) & own))
            for c in rivals):
        # the best fits only through a like type ("a suicide car bombing" for "a bomb"), and
        # a report told two events of the two types apart ("a suicide car bomber struck a
        # checkpoint ... Hours later, a bomb exploded in a market"): each is more likely the
        # one of its own type, and a wrong merge hides an event
        return None
    for sib in siblings:
        d = same_event(sib, best[0], settings)
        if d.score >= RIVAL_FLOOR and best[1].score - d.score < AMBIGUITY_MARGIN and \
                not _named_apart(best[0], event, sib):
            return None  # the same doubt seen from the other side: the best one fits a
            # sibling of this event (told apart from it by a report) about as well, if
            # not quite well enough to merge with it
    return best


def _named_apart(event: Event, best: Event, rival: Event) -> bool:
    """The place names settle a doubt between two events one report told apart: ``event``
    and ``best`` are placed under one name, ``rival`` under another ("Mamove" and "Mamove",
    not "Kasanzi"); or, at one place, the days do: ``event`` and ``best`` on one day, ``rival``
    on another, each told to the day ("insurgents killed four in Mora on Monday night ... and
    three more at its market on Tuesday")."""
    if bool(event.location and best.location and rival.location) and \
            alike_names(event.location or "", best.location or "") and \
            not alike_names(event.location or "", rival.location or ""):
        return True
    return event.event_date is not None and event.event_date == best.event_date and \
        rival.event_date != event.event_date and \
        event.time_precision == best.time_precision == rival.time_precision == 1 and \
        bool(event.evidence_for("event_date") and best.evidence_for("event_date")
             and rival.evidence_for("event_date"))


#: how much better than a rival the best candidate must score when a report told the two apart
AMBIGUITY_MARGIN = 0.1
#: how well a rival below the threshold must still fit for the doubt of
#: :data:`AMBIGUITY_MARGIN` to count
RIVAL_FLOOR = 0.45


def candidates_for_many(events: Sequence[Event], store: BatchMergeTarget,
                        settings: MergeSettings | None = None) -> dict[str, list[Event]]:
    """:func:`candidates_for` of each of ``events`` from one call of the store's
    ``merge_candidates_many``: event id -> its candidates (the same lists)."""
    s = settings or MergeSettings()
    found = store.merge_candidates_many(
        events, days_for=lambda e: s.window(e, e), km=s.km,
        types_for=lambda e: compatible_with(e.sub_event_type))
    return {eid: [c for c in cands if c.event_id != eid] for eid, cands in found.items()}


def merge_stored(store: MergeTarget, event_ids: Iterable[str],
                 settings: MergeSettings | None = None, *, dry_run: bool = False
                 ) -> list[MergeRecord]:
    """Merge each of ``event_ids`` (in order) with the stored event it is the same as, again
    while the merged event finds another (the run path after each batch; ``eventcoder dedup``
    over every stored event). The survivor is :func:`survivor_of`'s; the store merges by the
    one merge policy (:meth:`eventcoder.store.Store.merge_events`). Rejected events are left
    alone, and so are pairs a reviewer split (:meth:`eventcoder.store.Store.kept_apart`:
    a human decision sticks on later passes). dry_run: decide only, change nothing (merged events are not re-read, so a chain is
    reported pair by pair). RETURNS the merges, in the order made.

    With a :class:`BatchMergeTarget` store the events of :data:`PREFETCH` ids at a time and
    their candidates are read at once (:class:`_Prefetch`); what a merge changes is read
    again, so the merges are the same, in the same order, as one event at a time.
    """
    s = settings or MergeSettings()
    out: list[MergeRecord] = []
    if not s.enabled:
        return out
    gone: set[str] = set()
    batched = (cast(BatchMergeTarget, store) if hasattr(store, "get_events")
               and hasattr(store, "merge_candidates_many") else None)
    for chunk in _chunked(event_ids, PREFETCH):
        pre = _Prefetch(batched, [i for i in chunk if i not in gone], s) \
            if batched is not None else None
        for event_id in chunk:
            if event_id in gone:
                continue
            ev = pre.event(event_id) if pre is not None else store.get_event(event_id)
            first = True
            while ev is not None and ev.status != "rejected":
                read = pre.candidates(ev) if pre is not None and first else None
                first = False
                if read is not None:
                    candidates, apart = read
                else:
                    candidates = candidates_for(ev, store, s)
                    apart = store.kept_apart([ev.event_id]).get(ev.event_id, set()) \
                        if candidates else set()
                found = best_match(ev, [c for c in candidates if c.event_id not in gone
                                        and c.event_id not in apart], s)
                if found is None:
                    break
                keep, drop = survivor_of(ev, found[0])
                out.append(MergeRecord(keep.event_id, drop.event_id, found[1].score,
                                       found[1].reasons))
                gone.add(drop.event_id)
                if dry_run:
                    break
                ev = store.merge_events(keep.event_id, drop.event_id, score=found[1].score,
                                        reasons=found[1].reasons)
                if pre is not None:
                    pre.merged(keep.event_id, drop.event_id, ev)
    return out


def _chunked(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class _Prefetch:
    """:func:`merge_stored`'s read-ahead: the events of a chunk of ids (as ``get_event``
    gives them), the candidates of each (as :func:`candidates_for` gives them) and the events
    a reviewer split from each (``kept_apart``), read in a few queries, and forgotten where a
    merge makes them stale, so that a merge decides on what the store holds: an event that
    was merged (kept or absorbed), the candidates and splits of an event among which one was
    merged, and those of an event whose blocking window, types and box (a little wider than
    the store's) hold the merged event."""

    def __init__(self, store: BatchMergeTarget, ids: Sequence[str], s: MergeSettings) -> None:
        self.store = store
        self.settings = s
        found = store.get_events(ids)
        #: id -> get_event(id) (None: unknown); an id left out is read again
        self.events: dict[str, Event | None] = {i: found.get(i) for i in ids}
        usable = {e.event_id: e for e in found.values() if e.status != "rejected"}
        cands = candidates_for_many(list(usable.values()), store, s)
        # the reviewers' splits of the events with candidates (kept_apart)
        apart = store.kept_apart([i for i, c in cands.items() if c])
        self.cands = {eid: (usable[eid], c, apart.get(eid, set()))
                      for eid, c in cands.items()}

    def event(self, event_id: str) -> Event | None:
        """What ``get_event(event_id)`` gives now."""
        if event_id in self.events:
            return self.events[event_id]
        return self.store.get_event(event_id)

    def candidates(self, ev: Event) -> tuple[list[Event], set[str]] | None:
        """:func:`candidates_for` of ``ev`` and the events a reviewer split from it
        (``kept_apart``) as read ahead, or None when no longer known."""
        read = self.cands.get(ev.event_id)
        return (read[1], read[2]) if read is not None and read[0] is ev else None

    def merged(self, keep: str, drop: str, final: Event | None) -> None:
        """Forget what the merge of ``drop`` into ``keep`` (giving ``final``) made stale."""
        changed = {keep, drop}
        self.events = {i: e for i, e in self.events.items()
                       if e is None or e.event_id not in changed}
        self.cands = {eid: (ev, cands, apart) for eid, (ev, cands, apart) in self.cands.items()
                      if eid not in changed and not apart & changed
                      and not any(c.event_id in changed for c in cands)
                      and (final is None or not _may_block(final, ev, self.settings))}


def _may_block(c: Event, e: Event, s: MergeSettings) -> bool:
    """Could ``c`` be one of :func:`candidates_for` (``e``)? Mirrors the store's blocking (the
    window, the compatible types, the latitude/longitude box of
    :meth:`eventcoder.store.Store.merge_candidates`) with a margin: a wrong yes only costs a
    query."""
    if (c.event_date is None or c.latitude is None or c.longitude is None
            or e.event_date is None or e.latitude is None or e.longitude is None):
        return False
    if c.sub_event_type not in compatible_with(e.sub_event_type):
        return False
    if abs((c.event_date - e.event_date).days) > s.window(e, e):
        return False
    if region_contains(c, e) or district_contains(c, e):
        return True
    dlat = s.km / 111.0
    dlon = s.km / (111.0 * max(math.cos(math.radians(e.latitude)), 0.01))
    return (abs(c.latitude - e.latitude) <= dlat * 1.01 + 1e-6
            and abs(c.longitude - e.longitude) <= dlon * 1.01 + 1e-6)


def survivor_of(a: Event, b: Event) -> tuple[Event, Event]:
    """(survivor, absorbed): the event with the smaller id survives, so the same events give
    the same ids whatever order the articles came in."""
    return (a, b) if a.event_id <= b.event_id else (b, a)


__all__ = ["COARSE_DAYS", "DEFAULT_MERGE_DAYS", "DEFAULT_MERGE_KM", "DEFAULT_MERGE_THRESHOLD",
           "PREFETCH", "PROTEST_KM", "TYPE_GROUPS", "WEIGHTS", "BatchMergeTarget", "Decision",
           "MergeRecord", "MergeSettings", "best_match", "candidates_for", "candidates_for_many",
           "compatible_types", "compatible_with", "district_contains", "is_area", "km_between",
           "merge_stored", "night_sides", "one_night", "same_country", "same_event",
           "survivor_of", "text_similarity"]
