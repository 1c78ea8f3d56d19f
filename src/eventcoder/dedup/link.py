"""Within one article: group the mentions that tell the same real event.

A report tells its event once and then retells it: "the attack", "the blast", a quote, the toll
rising, the claim, the funerals. Each retelling that the extractor reads as a mention must join
the event it retells, or the dataset counts one event several times. Two events of one type in
one article (strikes on two towns, an attack and the retaliation, the same group attacking on
two days) must stay two.

:func:`link_mentions` is a pure function of the article's text, its mentions and their
locations. A later mention joins an earlier group when nothing in it says "another event":

- its type is compatible: the same sub-event type, or a generic telling ("the attack", "killed",
  "bodies found") of a violent event of another sub-type, or a specific weapon ("a suicide
  bomber") that a generic lead ("an attack killed 12") did not name;
- its date agrees (no explicit dates more than a day apart, nor two calendar days told each by
  its date, nor two times of one day: "In the morning ... Around midday");
- its place agrees (no two precise places more than ``PLACE_KM`` apart, no two different
  first-order areas both named);
- its actors agree (no two different named initiators, unless they are the same pair of sides
  told the other way round);
- and it has no cue of a new event ("another", "a second", "separately", "elsewhere", "in
  retaliation", "also attacked").

It joins the nearest such group before it. A mention that has a definite anaphor ("the
attack", "the explosion", "the incident") may join a group of another violent type; without
one, only the same sub-event type, or a generic outcome, joins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..extract import lexicon as L
from ..extract.dates import DAY_TIMES
from ..extract.numbers import parse_number
from ..extract.rows import build_event
from ..extract.segments import AFTER_CLAUSE
from ..geo.resolve import haversine_km
from ..geo.text import alike_names
from ..nlp import MONTH_NAME
from ..schema import ActorMention, Article, Event, EventMention, Evidence, Location
from ..taxonomy import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    SUB_EVENT_TYPES,
    SUB_EVENTS,
    VAC,
    sub_events_where,
)

#: Two precise places further apart than this are two events.
PLACE_KM = 50.0

VIOLENT = frozenset({BATTLES, EXPLOSIONS, VAC})

#: Trigger words that tell a violent event without saying how ("the attack", "killed").
GENERIC_TRIGGER = re.compile(
    r"(?:attack\w*|assault\w*|kill\w*|dead|died|deaths?|(?:(?:found|discovered|recovered)\s+"
    r"(?:\w+\s+){0,3})?bod(?:y|ies)\b.*|violence|incident|"
    r"shot|shoot\w*|gunfire|massacre\w*|raid\w*|murder\w*|slain|wound\w*|injur\w*|"
    r"explosions?|blasts?|exploded|bombings?|operation)",
    re.IGNORECASE)
#: A definite reference to an event already told.
ANAPHOR = re.compile(
    r"\b(?:the|this|that|these|those|its|their|saturday's|sunday's|monday's|tuesday's|"
    r"wednesday's|thursday's|friday's|yesterday's|today's|last\s+\w+'s)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE)
#: Cues that the mention is a new event, not a retelling.
NEW_EVENT = L.NEW_EVENT


@dataclass
class _Group:
    members: list[int]
    sub_event_type: str
    event_type: str
    generic: bool
    date: object | None  # dt.date when a member gave an explicit date
    lat: float | None
    lon: float | None
    precision: int
    admin1: str | None
    actors: set[str]
    initiator: str | None
    actor1_raw: str | None
    headline: bool = False
    attached_id: int | None = None  # GeoNames id of a place attached to a member
    tolls: set[int] = field(default_factory=set)  # death tolls its members give
    places: set[str] = field(default_factory=set)  # names of places attached to members
    date_text: str = ""  # the words of the explicit date
    state_namesake: bool = False  # placed at a town named as its state is (Katsina)
    times: set[str] = field(default_factory=set)  # times of day its members were told at
    told_times: set[str] = field(default_factory=set)  # ... or their sentences tell
    gunfire: bool = False  # a member tells it as a shooting ("gunmen shot dead a teacher")
    filed: bool = False  # placed only at the dateline's town (where the report was filed)


def _named(name: str | None) -> str | None:
    """An initiator that identifies a side (not "Unidentified Armed Group", not civilians)."""
    if not name:
        return None
    low = name.lower()
    if low.startswith(("unidentified", "civilians", "protesters", "rioters")):
        return None
    return low


def is_generic(text: str, mention: EventMention) -> bool:
    """Whether the mention's trigger tells a violent event without its specific kind."""
    trig = text[mention.trigger.start:mention.trigger.end]
    words = trig.split()
    return bool(GENERIC_TRIGGER.fullmatch(words[0] if words else "")
                or GENERIC_TRIGGER.fullmatch(trig))


#: a paper's name and date line above the title ("PESHAWAR HERALD | Sunday, November 9, 2025")
MASTHEAD = re.compile(r"[^\n.]{0,60}(?:\||\u2014|-)\s*(?:\w+day,?\s+)?(?:" + MONTH_NAME +
                      r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + MONTH_NAME + r"\s+\d{4})")


def is_headline(text: str, mention: EventMention) -> bool:
    """The mention is in the article's title line (first line, no final full stop; "Eastern
    Congo: ADF kills 29 near Oicha", which the parser may cut in two sentences, too)."""
    lead = text[:mention.sentence.start]
    if lead.strip() and not lead.rstrip().endswith(":") and MASTHEAD.fullmatch(lead.strip()):
        # (under the paper's name and date line)
        return _opens_on_title(text[mention.sentence.start:])
    if lead.strip() and ("\n" in lead.strip() or not lead.rstrip().endswith(":")):
        return False
    return _opens_on_title(text[len(lead) - len(lead.lstrip()):])


def _opens_on_title(text: str) -> bool:
    """``text``'s first line is a title: no final full stop, not a paragraph's length."""
    first = text.strip().split("\n")[0]
    return not first.endswith((".", "!", "?", '"', "\u201d")) and len(first) < 200


def is_anaphoric(text: str, mention: EventMention) -> bool:
    before = text[max(mention.sentence.start, mention.trigger.start - 40):mention.trigger.start]
    return bool(ANAPHOR.search(before))


#: a clause that tells an earlier event before the trigger ("The shelling came a day after a
#: man was killed")
AFTER_BEFORE_TRIGGER = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|\d{1,2})\s+"
                                  r"(?:days?|weeks?)\s+after\b|\bthe\s+same\s+day\s+as\b|"
                                  r"\b(?:hours|minutes)\s+after\b|"
                                  # ("These operations follow the cowardly massacre of 31")
                                  r"\b(?:follow|follows|followed)\s+(?:the|a|an)\b", re.IGNORECASE)


def new_event_cue(text: str, mention: EventMention) -> bool:
    """A cue of another event in the mention's clause: its sentence up to a clause that
    tells more after the trigger ("A roadside bomb killed two police officers on Monday, and
    hours later gunmen shot dead a teacher": the cue is the teacher's, not the bomb's)."""
    return bool(NEW_EVENT.search(text[_clause_start(text, mention):_clause_end(text, mention)]))


def _clause_start(text: str, mention: EventMention) -> int:
    """Where the clause of the mention's trigger begins: its sentence's start, or after the
    last clause the sentence told before the trigger ("a second convoy was attacked west of
    Diema; three soldiers were killed": "second" is the convoy's cue, not the toll's)."""
    start = mention.sentence.start
    for m in CLAUSE_AFTER.finditer(text, start, mention.trigger.start):
        start = m.end()
    return start


def _clause_end(text: str, mention: EventMention) -> int:
    """Where the clause of the mention's trigger ends: its sentence's end, or the first clause
    the sentence goes on to after the trigger."""
    after = CLAUSE_AFTER.search(text, mention.trigger.end, mention.sentence.end)
    return after.start() if after else mention.sentence.end


#: where a sentence goes on to another clause
CLAUSE_AFTER = re.compile(r",\s+(?:and|while|whereas|but)\s|;")


def told_from_another(text: str, mention: EventMention) -> bool:
    """The event is told as dated from another one ("a day after a man was killed", "on the
    same day as the assault on the camp"): another event, even when told with "the"."""
    return bool(AFTER_BEFORE_TRIGGER.search(
        text, max(mention.sentence.start, mention.trigger.start - 60), mention.trigger.start))


#: Strategic developments that, told beside a violent event, are part of it (ACLED codes the
#: attack; the houses burnt, the weapons taken, the reinforcements sent are its details).
ABSORBED = sub_events_where("absorbed_by_violence")
#: Fire from the air or from afar told within fighting ("helicopter gunships joined the
#: battle", "as a drone arrived overhead"): the clash keeps its type.
SUPPORT_FIRE = sub_events_where("fired_from_afar")
#: Territory told beside an attack ("the gunmen entered the camp") does not retype it.
TERRITORY = sub_events_where("takes_territory")
#: A suicide bombing is also the explosive device it set off.
ONE_BLAST = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})
#: A demonstration is one event whatever it turned into; these are told in one report.
DEMONSTRATION = frozenset({PROTESTS, RIOTS})
#: the events a detail (:data:`ABSORBED`: looting, burning, an abduction) is part of: violence
#: and riots ("a clash between supporters of two parties ... Several shops were set on fire")
ABSORBING = VIOLENT | {RIOTS}


def _compatible_type(g: _Group, m: EventMention, generic: bool, anaphor: bool,
                     participant: bool = False, latest: bool = True) -> bool:
    et = SUB_EVENTS[m.sub_event_type].event_type
    if m.sub_event_type == g.sub_event_type:
        return True
    if {m.sub_event_type, g.sub_event_type} == ONE_BLAST:
        # "a suicide car bomber struck ... the driver detonated it": one bomb told two ways
        return True
    if g.event_type in ABSORBING and m.sub_event_type in ABSORBED:
        return True
    if g.headline and et in VIOLENT and g.event_type in VIOLENT:
        # the headline tells the lead event in few words ("Drone attack kills 5 in X"); the
        # body then tells it with its weapon and toll
        return True
    if g.headline and m.sub_event_type == "Mob violence" and g.sub_event_type == "Armed clash":
        # "One killed in BNP-Jamaat clash": the headline's clash, which the body tells as a
        # fight of party supporters
        return True
    if et in DEMONSTRATION and g.event_type in DEMONSTRATION:
        # a march told as peaceful, then with tear gas, then as a riot: one demonstration
        # (another city or day is told apart by the place and date checks)
        return True
    if et not in VIOLENT or g.event_type not in VIOLENT:
        return et == g.event_type and anaphor
    if et == EXPLOSIONS and g.gunfire and g.event_type != EXPLOSIONS:
        # a blast does not retell a shooting ("hours later gunmen shot dead a teacher ... The
        # device went off under a police truck" tells the bomb told before)
        return False
    if anaphor and (generic or g.generic):
        return True
    if participant and latest:
        # "The bomber walked up to the gate and detonated his vest", "The attackers opened
        # fire": the people of the event just told, telling it with other words
        return True
    if generic:
        # "Twelve people were killed", "the dead included two children": an outcome of the
        # violent event told before (a new perpetrator or place is checked apart)
        return True
    # "an attack killed 12 ... a suicide bomber blew himself up": the lead was generic (and
    # is the event told last: a weapon named after other events were told is another event)
    # and "an explosion ripped through a mosque ... IS said one of its members had detonated
    # an explosive vest": a blast told first as a blast, then with its weapon
    return latest and g.generic and (g.sub_event_type == "Attack" or (
        g.event_type == EXPLOSIONS and et == EXPLOSIONS)) and (
        m.actor1 is None or g.actor1_raw is None or m.actor1.name == g.actor1_raw)


#: a trigger that tells a shooting
GUNFIRE = re.compile(r"shot|shoot\w*|gunned|gunfire|opened\s+fire", re.IGNORECASE)


def _gunfire(m: EventMention) -> bool:
    return bool(GUNFIRE.match(m.trigger.text))


def _two_weapons(g: _Group, m: EventMention, generic: bool) -> bool:
    """The group and the mention each name a weapon, and not the same one."""
    return not generic and not g.generic and m.sub_event_type != g.sub_event_type and \
        {m.sub_event_type, g.sub_event_type} != ONE_BLAST


def attached(loc: Location) -> bool:
    """The location was read from a place attached to the mention, not from its
    surroundings (nearest place, paragraph, document focus, dateline)."""
    r = loc.reason or ""
    return "attached" in r or r.startswith("place attached")


#: Two different named places, each attached to its mention, further apart than this are two
#: events even within ``PLACE_KM`` ("Near Ar Raqqah, five strikes ... Near Ayn Isa, three
#: strikes ...": ACLED codes each location).
NAMED_PLACES_KM = 10.0


def _placed_by_paragraph(loc: Location) -> bool:
    """The location is the paragraph's (or the document's) place, none of the sentence's."""
    return (loc.reason or "").startswith(("nearest place in the event's paragraph",
                                          "document focus", "the dateline"))


def _compatible_place(g: _Group, loc: Location, generic: bool = False) -> bool:
    if loc.latitude is None or g.lat is None:
        return True
    if generic and not attached(loc):
        return True  # "four people had been killed, a spokesman said": no place of its own
    if g.headline and len(g.members) == 1 and loc.admin1 and loc.admin1 == g.admin1 and \
            g.state_namesake:
        # the headline names the event's state in few words ("Bandits abduct 20 in Katsina
        # community", read as the state's capital), the body its village and district: one
        # event, however far the points
        return True
    if g.headline and g.filed and len(g.members) == 1:
        # a headline placed only where the report was filed ("Rebels kill 31 at wake in
        # eastern Congo" under "GOMA -"): the body's village, however far from that town
        return True
    if loc.geo_precision <= 2 and g.precision <= 2 and loc.longitude is not None and \
            g.lon is not None:
        km = haversine_km(g.lat, g.lon, loc.latitude, loc.longitude)
        if km > PLACE_KM:
            return False
        if km > NAMED_PLACES_KM and attached(loc) and loc.geonames_id is not None and \
                g.attached_id is not None and loc.geonames_id != g.attached_id and not any(
                    alike_names(loc.location or "", p) for p in g.places):
            return False  # (a town and the district named after it are one place told)
    if loc.admin1 and g.admin1 and loc.admin1 != g.admin1:
        return False
    return True


#: A date told as a day of the calendar ("12 November", "Nov. 13"), not relative to another.
CALENDAR_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_NAME + r"(?!\w)|\b"
                          + MONTH_NAME + r"\s+\d{1,2}\b")
#: A sentence telling one event across midnight ("late on 12 November and into the 13th").
ACROSS_NIGHT = re.compile(r"\b(?:night|overnight|midnight|into\s+the\s+(?:early|morning|"
                          r"\d))", re.IGNORECASE)

#: a possessive after a date ("Thursday's attack")
POSSESSIVE_AFTER = re.compile(r"['\u2019]s\b")
#: A sentence that updates the toll of an event told before: its date is the update's.
TOLL_UPDATE = re.compile(r"\b(?:death\s+)?toll\b|died\s+(?:of|from)\s+(?:their|his|her)\s+"
                         r"(?:wounds|injuries)|died\s+in\s+hospital|succumbed", re.IGNORECASE)


def _time_of_day(m: EventMention) -> set[str]:
    """The time of day the mention is told at ("in the morning" -> {"morning"}), if any, as
    a part of the day: dawn and daybreak are the morning's, dusk and nightfall the evening's
    and noon is midday ("on Tuesday morning ... at dawn" is one time)."""
    if m.date_span is None:
        return set()
    return _parts_of_day(m.date_span.text)


def _parts_of_day(text: str) -> set[str]:
    """The parts of the day ``text`` names in words, as :func:`_time_of_day` counts them."""
    return {_PART_OF_DAY.get(w.lower(), w.lower()) for w in TIME_WORD.findall(text)}


def _told_time(m: EventMention) -> set[str]:
    """The one part of the day the mention's sentence tells, in words or as a clock time
    ("on the afternoon of the same day", "at approximately 21:00"), if only one."""
    words = _time_of_day(m)
    if words:
        return words
    for c in CLOCK.finditer(m.sentence.text):
        if int(c.group(1)) < 24 and int(c.group(2) or 0) < 60:
            half = (c.group(3) or c.group(4) or "").lower()
            h = int(c.group(1)) % 12 + (12 if half == "p" else 0) if half else int(c.group(1))
            words.add("morning" if 5 <= h < 12 else "midday" if 12 <= h < 14 else
                      "afternoon" if 14 <= h < 18 else "evening" if 18 <= h < 22 else "night")
    words |= _parts_of_day(m.sentence.text)
    return words if len(words) == 1 else set()


#: a clock time: "21:00", "9.30 pm", "10am", "7 p.m." (hour, minutes, a/p)
CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2})(?:\s*([ap])\.?m\b\.?)?|\s*([ap])\.?m\b\.?)",
                   re.IGNORECASE)


_PART_OF_DAY = {"dawn": "morning", "daybreak": "morning", "dusk": "evening",
                "nightfall": "evening", "noon": "midday"}


#: a time of day
TIME_WORD = re.compile(rf"\b{DAY_TIMES}\b", re.IGNORECASE)


def _compatible_date(g: _Group, m: EventMention, text: str = "",
                     place: Location | None = None) -> bool:
    # "In the morning, the army shelled the town ... Around midday, a drone struck the bus
    # station": two times of one day, two events
    times = _time_of_day(m)
    another_time = bool(times and g.times and not times & g.times)
    if m.date_span is None or g.date is None or m.event_date is None:
        return not another_time
    if text and TOLL_UPDATE.search(text, m.sentence.start, _clause_end(text, m)):
        # (in the trigger's clause: "...; a woman died of her injuries" is not), unless it
        # tells another time of the day ("the person wounded in the events at a car wash on
        # the afternoon of the same day died ... the victims rise to five", not the shooting
        # at 21:00)
        # (a later day's time is the update's: "The death toll rose to nine from five on
        # Tuesday morning after four of the wounded died" after Monday evening's bombing)
        told = _told_time(m) if m.event_date == g.date else set()
        if told and g.told_times and not told & g.told_times:
            return False
        # the toll of an attack dated as another day's ("The toll from Thursday's attack rose
        # to nine" after Saturday's killings): that day's event
        return not (m.event_date != g.date and POSSESSIVE_AFTER.match(text, m.date_span.end))
    if another_time:
        return False
    days = abs((m.event_date - g.date).days)  # type: ignore[operator]
    if days == 1 and SUB_EVENTS[m.sub_event_type].event_type != g.event_type:
        # another day and another kind of violence: another event ("fighters stormed the base
        # on Monday ... On Tuesday, the air force struck their columns")
        return False
    if days == 1 and m.fatalities and g.tolls and m.fatalities not in g.tolls:
        return False  # another day and other dead: another event ("On Sunday, IS killed 50")
    if days == 1 and CALENDAR_DAY.search(g.date_text) and CALENDAR_DAY.search(
            m.date_span.text) and not (text and ACROSS_NIGHT.search(text, m.sentence.start,
                                                                   m.sentence.end)):
        # two days each told by its date ("On 12 November, fighters raided Mucojo ... On 13
        # November, they clashed with the army near Quiterajo"): two events
        return False
    if days == 1 and place is not None and attached(place) and place.location and g.places \
            and not any(alike_names(place.location, p) for p in g.places):
        # another day and another village, each named at its event: "Today ... stormed the
        # village of Al-Hureiba ... Yesterday, Sunday, the same militia attacked Wad Al-Bashir"
        return False
    return days <= 1


def _compatible_actors(g: _Group, m: EventMention) -> bool:
    a1 = _named(m.actor1.name if m.actor1 else None)
    if a1 is None or g.initiator is None or a1 == g.initiator:
        return True
    # the same two sides told the other way round ("X attacked Y" / "Y clashed with X")
    a2 = _named(m.actor2.name if m.actor2 else None)
    return a2 is not None and {a1, a2} <= g.actors


def link_mentions(text: str, mentions: Sequence[EventMention],
                  locations: Sequence[Location]) -> list[list[int]]:
    """Groups of mention indexes that tell one event each, in text order of their first
    member. ``locations`` align with ``mentions``."""
    if len(mentions) != len(locations):
        raise ValueError("E011 link_mentions needs one location per mention")
    groups: list[_Group] = []
    listed = _list_items(mentions)
    for i, (m, loc) in enumerate(zip(mentions, locations, strict=True)):
        generic = is_generic(text, m)
        anaphor = is_anaphoric(text, m)
        participant = bool(L.DEFINITE_PARTICIPANT.match(
            text, m.sentence.start, m.sentence.end))
        target = None
        headline = is_headline(text, m)
        # (told as dated from another event: a new one, even when told with "the")
        if (not new_event_cue(text, m) or anaphor) and not told_from_another(text, m):
            # the nearest group: the one told most recently, not the one begun last
            fits = [g for k, g in enumerate(sorted(groups, key=lambda g: -g.members[-1]))
                    if not _listed_apart(mentions, g, m) and
                    (anaphor or not _another_part(text, mentions, g, m)) and
                    _compatible_type(g, m, generic, anaphor, participant, k == 0) and
                    _compatible_date(g, m, text, loc) and
                    # ("Three of the attackers were killed in the exchange of fire": the event
                    # told before, wherever the paragraph's last place lies)
                    _compatible_place(g, loc, generic or (anaphor and _placed_by_paragraph(loc)))
                    and
                    not (m.date_span is None and _dated_from_another(g) and
                         SUB_EVENTS[m.sub_event_type].event_type != g.event_type) and (
                        generic or m.sub_event_type in ABSORBED or g.headline or
                        _compatible_actors(g, m))]
            if m.date_span is None:
                # an undated telling goes on with the story's event, not with the earlier one
                # a clause dated it from ("Fresh fighting erupted on Wednesday ..., a day
                # after militants stormed a base ... The militants attacked a checkpoint")
                # (the same kind of event: "The car bomb in the Guasmo neighbourhood" goes on
                # with the car bomb "hours after" dates, not with the shooting)
                main = {g.sub_event_type for g in fits if not _dated_from_another(g)}
                fits.sort(key=lambda g: _dated_from_another(g) and g.sub_event_type in main)
            elif m.event_date is not None:
                # a dated telling goes with an event of its day before one of the day next to
                # it ("The toll from Tuesday's assault on the base rose to nine")
                fits.sort(key=lambda g: g.date is not None and g.date != m.event_date)
            # a headline clause naming another weapon: never for another headline clause
            # ("Toll from car bomb rises to 11; mortars hit market"), and for the body only
            # when nothing else fits ("... the suicide car bombing")
            own = [g for g in fits if not (g.headline and _two_weapons(g, m, generic))]
            if headline:
                # (a headline's clauses are two events: "five killed at family party, shootout
                # with soldiers in the south of the city")
                fits = own = [g for g in own if not g.headline]
            # the nearest group that fits, unless another one has the same victims ("15
            # civilians were killed ... IS fighters had killed 15 civilians in Safina")
            same_toll = [g for g in fits if m.fatalities > 1 and m.fatalities in g.tolls]
            # or, among the items of a list of places (eventcoder.extract.listing), the one
            # at the place this sentence names ("attacked bases in Wanla Weyn and in
            # Garbaharey ... Elders in Wanla Weyn said eight soldiers were killed")
            at_place = [g for g in own if _item_at(g, loc, listed)]
            target = next(iter(same_toll or at_place or own or fits), None)
        elif attached(loc) and loc.location:
            # told as another event ("At almost the same time, another group attacked the
            # base in Marte"), but a list of places told before already holds it ("attacks
            # on military formations in Dikwa and Marte"): that item
            target = next((g for g in sorted(groups, key=lambda g: -g.members[-1])
                           if _item_at(g, loc, listed) and not _listed_apart(mentions, g, m)
                           and _compatible_type(g, m, generic, anaphor, participant, False)
                           and _compatible_date(g, m, text, loc)), None)
        if target is None and not headline:
            # told as another event than the one just told ("Earlier on Sunday, a military
            # patrol was attacked"), but the headline's own clause may be it ("five killed at
            # family party, shootout with soldiers"): a headline clause no telling joined yet
            target = next((g for g in groups if g.headline and len(g.members) == 1 and
                           g.sub_event_type == m.sub_event_type and
                           _compatible_date(g, m, text, loc) and _compatible_place(g, loc, generic)
                           and _compatible_actors(g, m)), None)
        if target is None:
            groups.append(_new_group(i, m, loc, generic))
            groups[-1].headline = headline
        else:
            _add(target, i, m, loc, generic)
    return [g.members for g in groups]


#: how far after a count of events (:data:`eventcoder.extract.lexicon.COUNTED_SERIES`) its
#: parts may be told
COUNTED_CHARS = 1200
#: a telling of an event apart from those told before it: not a part of a count
SEPARATE = re.compile(r"\bseparate(?:ly)?\b(?!\s+(?:statements?|reports?|releases?|"
                      r"communiqu\w+|briefings?|interviews?|posts?|messages?))|\belsewhere\b",
                      re.IGNORECASE)  # (not "the office said in a separate statement")


def counted_summaries(text: str, mentions: Sequence[EventMention],
                      locations: Sequence[Location], groups: list[list[int]]
                      ) -> tuple[list[list[int]], list[Location], dict[int, str]]:
    """Take counts of events told one by one after them out of the events they joined.

    "Two roadside bombs exploded in the town of Afgoye on Thursday, killing five. The first
    blast struck a military truck on the bridge, killing three soldiers ... Hours later a
    second device exploded near the market, killing two": ACLED codes the two blasts, not the
    count. Linking puts the count and the first part in one group (with the count's toll, the
    sum, and its sentence); this takes the count out of that group when the later mentions of
    its kind of violence (an explosion of its own kind; within :data:`COUNTED_CHARS`, not told
    as separate) fall in at least as many groups as it counts, its own group among them (the
    count is then told again part by part, not only retold: "The blasts also wounded 30").
    The parts that are placed only from their surroundings (no place attached) take the
    count's place when it has one attached ("in the town of Afgoye").

    RETURNS the groups (none empty), the locations, and the reason of each mention taken out,
    by index.
    """
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    out: dict[int, str] = {}
    locs = list(locations)
    for i, m in enumerate(mentions):
        kind = SUB_EVENTS[m.sub_event_type].event_type
        if kind not in VIOLENT or len(groups[group_of[i]]) < 2:
            continue
        count = _series_count(text, m)
        if count < 2:
            continue
        parts: list[int] = []
        for j in range(i + 1, len(mentions)):
            e = mentions[j]
            if e.sentence.start - m.sentence.end > COUNTED_CHARS:
                break
            if e.sentence.start >= _own_sentence_end(text, m) and e.trigger != m.trigger and \
                    _series_count(text, e) >= 2 and not alike_names(
                        locations[i].location or "", locations[j].location or "") and \
                    locations[i].location and locations[j].location:
                break  # another count elsewhere begins another series ("MEXICO. In Culiacan,
                # eight people were killed in two attacks": not the parts of Guayaquil's
                # two; "ADF rebels kill 24 in two attacks in Beni ... 24 civilians were
                # killed in two separate attacks ... in Beni territory" is the same count)
            e_kind = SUB_EVENTS[e.sub_event_type].event_type
            if e.sentence.start < _own_sentence_end(text, m) or j in out or \
                    e_kind not in VIOLENT or (
                    kind == EXPLOSIONS and e.sub_event_type != m.sub_event_type
                    and {e.sub_event_type, m.sub_event_type} - ONE_BLAST) or (
                    (kind == EXPLOSIONS) != (e_kind == EXPLOSIONS)) or \
                    SEPARATE.search(text, e.sentence.start, e.sentence.end):
                continue  # (two bombs are not told by "1,500 air strikes since the coup")
            parts.append(j)
        told_in = {group_of[j] for j in parts}
        if len(told_in) < count or (group_of[i] not in told_in and not is_headline(
                text, mentions[groups[group_of[i]][0]])):
            # (the count's own group among them, or a headline's that names the places one
            # by one: "Boko Haram kills nine in night raids on Mozogo and Koza")
            continue
        out[i] = f"a count of {count} events told one by one after it"
        if attached(locations[i]):
            for j in parts:
                if not attached(locs[j]) and \
                        locs[j].geo_precision >= locations[i].geo_precision:
                    locs[j] = locations[i]
    if not out:
        return groups, locs, out
    tolls = {mentions[i].fatalities for i in out if mentions[i].fatalities > 1}
    by_trigger: dict[tuple[int, int], int] = {}
    for i in out:  # (a count read as a list's items: "martyred in two attacks in A and B")
        t = (mentions[i].trigger.start, mentions[i].trigger.end)
        by_trigger[t] = by_trigger.get(t, 0) + mentions[i].fatalities
    tolls |= {n for n in by_trigger.values() if n > 1}
    for i, m in enumerate(mentions):
        if i not in out and m.fatalities in tolls and is_headline(text, m):
            # the headline gives the count's toll ("ADF kills 29 near Oicha and Beni" over
            # "killed 29 in two attacks"): it sums up the same events
            out[i] = "a headline with the toll of a count of events told one by one"
    return [kept for g in groups if (kept := [i for i in g if i not in out])], locs, out


def count_parts(text: str, mentions: Sequence[EventMention], groups: Sequence[Sequence[int]],
                counted: dict[int, str]) -> set[int]:
    """The groups (by index) holding the parts of a count of events taken out of them
    (:func:`counted_summaries`): two events, even where they look alike ("Two armed attacks
    ... left seven dead. At around 3:30 pm, armed men opened fire ... That night, a commando
    burst into a party ... three people died", both in Culiacan that day)."""
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    out: set[int] = set()
    for i, why in counted.items():
        if not why.startswith("a count of"):
            continue
        m = mentions[i]
        kind = SUB_EVENTS[m.sub_event_type].event_type
        end = _own_sentence_end(text, m)
        told = {group_of[j] for j, e in enumerate(mentions) if j in group_of
                and 0 <= e.sentence.start - end <= COUNTED_CHARS
                and SUB_EVENTS[e.sub_event_type].event_type == kind}
        if len(told) > 1:
            out |= told
    return out


def _series_count(text: str, m: EventMention) -> int:
    """How many events the count in the mention's sentence that holds its trigger counts
    (:data:`eventcoder.extract.lexicon.COUNTED_SERIES`: "two roadside bomb attacks"), else 0."""
    match = L.count_holding(L.COUNTED_SERIES, text, (m.sentence.start, m.sentence.end),
                            (m.trigger.start, m.trigger.end))
    return L.series_count(match) if match else 0


_SENTENCE_STOP = re.compile(r"[.!?](?=\s)")


def _own_sentence_end(text: str, m: EventMention) -> int:
    """Where the sentence of the mention's trigger ends (a list's item is read from a span of
    sentences: "Two armed attacks ... left seven dead. At around 3:30 pm, ... in colonia
    Tierra Blanca")."""
    stop = _SENTENCE_STOP.search(text, m.trigger.end, m.sentence.end)
    return stop.end() if stop else m.sentence.end


def _another_part(text: str, mentions: Sequence[EventMention], g: _Group,
                  m: EventMention) -> bool:
    """``g`` holds a count of events ("Two bombings hit Quetta on 14 October") and a part
    told after it ("A motorcycle bomb ... killed five"); ``m``, of the count's kind and told
    in a later sentence still (not as "the blast"), is another of its parts ("In the evening,
    a remote-controlled device exploded near a checkpoint")."""
    kind = SUB_EVENTS[m.sub_event_type].event_type
    for j in g.members:
        c = mentions[j]
        end = _own_sentence_end(text, c)
        if SUB_EVENTS[c.sub_event_type].event_type != kind or \
                not 0 < m.sentence.start - end <= COUNTED_CHARS:
            continue
        if _series_count(text, c) < 2:
            continue
        if any(end <= mentions[k].sentence.start < m.sentence.start and not (
                c.fatalities > 1 and mentions[k].fatalities == c.fatalities)
               and SUB_EVENTS[mentions[k].sub_event_type].event_type == kind
               and not _series_count(text, mentions[k])
               for k in g.members):  # (not the whole told again: "Twin suicide bombings
            return True  # kill 14 ... Two suicide bombers blew themselves up, killing 14")
    return False


def _dated_from_another(g: _Group) -> bool:
    """``g`` is an event told as dated from another ("..., the day after the killing of
    seven civilians at Letele"): an earlier event, which a later undated telling of another
    kind of violence (the main story's "the FACA attacked a 3R base") does not go on with."""
    return bool(g.date_text and AFTER_CLAUSE.match(g.date_text))


def _list_items(mentions: Sequence[EventMention]) -> set[int]:
    """The mentions that are items of a list of places (``eventcoder.extract.listing``: one
    trigger, several parts)."""
    split = {(m.trigger.start, m.trigger.end) for m in mentions if m.part}
    return {i for i, m in enumerate(mentions) if (m.trigger.start, m.trigger.end) in split}


def _item_at(g: _Group, loc: Location, listed: set[int]) -> bool:
    """``g`` holds an item of a list of places (``listed``: :func:`_list_items`) at the place
    ``loc`` names."""
    return bool(loc.location) and any(j in listed for j in g.members) and \
        any(alike_names(loc.location or "", p) for p in g.places)


def _listed_apart(mentions: Sequence[EventMention], g: _Group, m: EventMention) -> bool:
    """``m`` is a further place of a list whose other item is in ``g`` (one trigger, two
    parts: ``eventcoder.extract.listing``): two events."""
    return any(mentions[j].trigger == m.trigger and mentions[j].part != m.part
               for j in g.members)


def _new_group(i: int, m: EventMention, loc: Location, generic: bool) -> _Group:
    a1 = _named(m.actor1.name if m.actor1 else None)
    a2 = _named(m.actor2.name if m.actor2 else None)
    return _Group(members=[i], sub_event_type=m.sub_event_type,
                  event_type=SUB_EVENTS[m.sub_event_type].event_type, generic=generic,
                  date=m.event_date if m.date_span is not None else None,
                  date_text=m.date_span.text if m.date_span is not None else "",
                  lat=loc.latitude, lon=loc.longitude, precision=loc.geo_precision,
                  admin1=loc.admin1, actors={a for a in (a1, a2) if a}, initiator=a1,
                  actor1_raw=m.actor1.name if m.actor1 else None,
                  attached_id=loc.geonames_id if attached(loc) else None,
                  tolls={m.fatalities} if m.fatalities else set(),
                  places={loc.location} if attached(loc) and loc.location else set(),
                  state_namesake=_state_namesake(loc), times=_time_of_day(m),
                  told_times=_told_time(m),
                  gunfire=_gunfire(m), filed=(loc.reason or "").startswith("the dateline"))


def _add(g: _Group, i: int, m: EventMention, loc: Location, generic: bool) -> None:
    g.members.append(i)
    if m.fatalities:
        g.tolls.add(m.fatalities)
    if m.sub_event_type in ABSORBED and g.event_type in ABSORBING:
        return  # a detail of the violent event: it keeps its type, place and actors
    if g.headline and len(g.members) == 2:
        # the body's first telling says more than the headline: its type leads
        g.sub_event_type, g.generic = m.sub_event_type, generic
        g.event_type = SUB_EVENTS[m.sub_event_type].event_type
    if g.generic and not generic and m.sub_event_type not in TERRITORY:
        g.sub_event_type, g.generic = m.sub_event_type, False
        g.event_type = SUB_EVENTS[m.sub_event_type].event_type
    if g.date is None and m.date_span is not None:
        g.date, g.date_text = m.event_date, m.date_span.text
    g.times |= _time_of_day(m)
    g.told_times |= _told_time(m)
    g.gunfire = g.gunfire or _gunfire(m)
    if g.attached_id is None and attached(loc):
        g.attached_id = loc.geonames_id
    if attached(loc) and loc.location:
        g.places.add(loc.location)
    here = not (loc.reason or "").startswith("the dateline")
    if loc.latitude is not None and (g.lat is None or loc.geo_precision < g.precision
                                     or (g.filed and here)):
        g.lat, g.lon, g.precision = loc.latitude, loc.longitude, loc.geo_precision
        g.admin1 = loc.admin1 or g.admin1
        g.filed = g.filed and not here
    a1 = _named(m.actor1.name if m.actor1 else None)
    a2 = _named(m.actor2.name if m.actor2 else None)
    g.actors |= {a for a in (a1, a2) if a}
    if g.initiator is None:
        g.initiator = a1
    if g.actor1_raw is None and m.actor1 is not None:
        g.actor1_raw = m.actor1.name


#: Demonstration sub-types from the mildest to the most severe (``SubEventType.demo_severity``).
DEMO_SEVERITY = {s.name: s.demo_severity for s in SUB_EVENT_TYPES if s.demo_severity is not None}


def _body_says_which(headline: Location, body: Sequence[Location]) -> bool:
    """A body's place, attached to its trigger and within a district, tells which place in
    the same state the headline's name meant: the headline's town named as its state
    ("Katsina"), or a name the body gives to another point ("Kupwara", town or district)."""
    return any(q.admin1 == headline.admin1 and q.geo_precision <= 2 and attached(q)
               and (q.latitude, q.longitude) != (headline.latitude, headline.longitude)
               and (_state_namesake(headline)
                    or alike_names(q.location or "", headline.location or ""))
               for q in body)


def _toll_share(m: EventMention) -> bool:
    """``m``'s toll is its share of a total told for several places
    (:func:`eventcoder.extract.listing.split_toll`): its span gives another figure."""
    return m.fatalities_span is not None and \
        parse_number(m.fatalities_span.text) not in (None, m.fatalities)


def _state_namesake(loc: Location) -> bool:
    """A town named as its first-order area is (Katsina in Katsina State)."""
    return bool(loc.location and loc.admin1 and alike_names(loc.location, loc.admin1))


#: the dead a communiqué tells ("on our side, six martyrs"): no kind of event of their own
MARTYRS = re.compile(r"martyr", re.IGNORECASE)
#: blasts that type the attack they are told in
BLASTS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
#: a trigger that says only that there was an attack ("the attack", "terrorist attack")
BARE_ATTACK = re.compile(r"(?:[\w-]+\s+)?(?:attacks?|assaults?)", re.IGNORECASE)


def combine_mentions(article: Article, mentions: Sequence[EventMention],
                     locations: Sequence[Location]) -> tuple[EventMention, Location]:
    """One mention and location that stand for a group of mentions of one event.

    The lead mention (the first) gives the event its id; the other fields come from the member
    that says most: the specific sub-event type ("suicide bomb" over "the attack"), the most
    precise explicit date, the most precise place, a named initiator over an unidentified one,
    and the highest death toll the report gives (a toll that rises in a later sentence).
    """
    lead, lead_loc = mentions[0], locations[0]
    if len(mentions) == 1:
        return lead, lead_loc
    text = article.text
    pairs = list(zip(mentions, locations, strict=True))
    core = [m for m in mentions if m.sub_event_type not in ABSORBED] or list(mentions)
    head = is_headline(text, lead)
    if head and len(core) > 1 and core[0] is lead:
        core = core[1:] + [lead]  # the body tells the headline's event more precisely
    typed = next((m for m in core if not is_generic(text, m) and not MARTYRS.match(
        m.trigger.text) and (
        m.sub_event_type not in TERRITORY or core[0].sub_event_type in TERRITORY) and not (
        core[0].sub_event_type == "Armed clash" and m.sub_event_type in SUPPORT_FIRE)), core[0])
    if typed.sub_event_type == "Abduction/forced disappearance":
        # "11 civilians were killed ... others were abducted": ACLED codes the killing (as
        # the extractor does for a killing told with looting)
        typed = next((m for m in core if m.sub_event_type == "Attack" and m.fatalities > 0),
                     typed)
    if typed.sub_event_type in ("Armed clash", "Attack") and (BARE_ATTACK.fullmatch(
            typed.trigger.text) or is_generic(text, typed)):
        # "the terrorist attack carried out at a checkpoint ... The vehicle exploded": the
        # attack was a blast (ACLED codes the means: explosions/remote violence)
        typed = next((m for m in core if m.sub_event_type in BLASTS), typed)
    demos = [m for m in core if m.sub_event_type in DEMO_SEVERITY]
    if len(demos) == len(core) and len(demos) > 1:
        # one demonstration told several ways: ACLED codes its most severe form; force against
        # a crowd that rioted is a violent demonstration ("the strike descended into rioting
        # and looting ... Police fired tear gas and live rounds"), not force against peaceful
        # protesters
        rioted = any(m.sub_event_type == "Violent demonstration" for m in demos)
        typed = max(demos, key=lambda m: (
            DEMO_SEVERITY[m.sub_event_type]
            if not (rioted and m.sub_event_type == "Excessive force against protesters") else -1,
            m.sub_event_type == "Violent demonstration"))
    # (a day told of the event before the day someone spoke: "Gunmen killed nine ..., police
    # said on Tuesday. The attackers arrived shortly before midnight on Monday")
    dated = sorted((m for m in mentions if m.date_span is not None),
                   key=lambda m: (m.time_precision, _said_day(text, m)))
    # the most precise place; a dateline's town (where the report was filed) only when no
    # telling names a place of its own; of two as precise, one attached to its trigger
    # (and a headline's town after the body's place in its state when the body says which
    # place the name meant: "Bandits abduct 20 in Katsina community" may mean the state, where
    # the body names the village and its district; "Kupwara" the town or the district)
    body = [loc for m, loc in pairs if m is not lead]
    placed = sorted((p for p in pairs if p[1].latitude is not None),
                    key=lambda p: ((p[1].reason or "").startswith("the dateline"),
                                   head and p[0] is lead and _body_says_which(p[1], body),
                                   p[1].geo_precision, not attached(p[1])))
    loc = placed[0][1] if placed else lead_loc

    def named(a: object) -> bool:
        return a is not None and not str(getattr(a, "name", "")).startswith("Unidentified")

    # (not "paid tribute to the martyrs": the police who died are no initiator)
    sides = [m for m in core if not MARTYRS.match(m.trigger.text)] or core
    actor_src = next((m for m in sides if named(m.actor1)), None) or next(
        (m for m in sides if m.actor1 is not None), lead)
    target_src = next((m for m in sides if m.actor2 is not None and (
        actor_src.actor1 is None or m.actor2.name != actor_src.actor1.name)), actor_src)
    # (a member's own figure over a share of a total told for several places: "ten killed
    # in attacks on Dikwa and Marte ... in Marte, killing two soldiers and a CJTF member")
    own_tolls = [m for m in mentions if m.fatalities and not _toll_share(m)] or list(mentions)
    toll = max(own_tolls, key=lambda m: (m.fatalities, m.fatalities_span is not None))
    update: dict[str, object] = {
        "sub_event_type": typed.sub_event_type,
        "actor1": actor_src.actor1, "assoc_actor_1": actor_src.assoc_actor_1,
        "actor2": target_src.actor2 if target_src.actor2 is not None else lead.actor2,
        "assoc_actor_2": target_src.assoc_actor_2,
        "civilian_targeting": any(m.civilian_targeting for m in mentions),
        "fatalities": toll.fatalities, "fatalities_span": toll.fatalities_span,
        "confidence": max(m.confidence for m in mentions),
    }
    a1, a2 = update["actor1"], update["actor2"]
    if isinstance(a1, ActorMention) and isinstance(a2, ActorMention) and \
            a1.name == a2.name and len(mentions) > 1:
        # the initiator of one telling is the target of another: a side does not fight itself
        other = next((m for m in core if m.actor2 is not None and m.actor2.name != a1.name),
                     None)
        update["actor2"] = other.actor2 if other is not None else None
        update["assoc_actor_2"] = other.assoc_actor_2 if other is not None else []
        a2 = update["actor2"]
    if update["sub_event_type"] == "Armed clash" and a2 is not None and \
            getattr(a2, "inter", None) == 7 and not any(
                L.CLASH_WORD.match(m.trigger.text) for m in mentions
                if m.sub_event_type == "Armed clash"):
        update["sub_event_type"] = "Attack"  # the only side hit is civilians: an attack
    elif update["sub_event_type"] == "Non-state actor overtakes territory" and \
            toll.fatalities > 0 and (hit := [m.actor2.inter for m in mentions if m.actor2]) \
            and set(hit) == {7}:
        # "the forces stormed the village of Al-Hureiba, where the toll rose to 17 ... the
        # attackers looted property and forced families to flee": a village stormed and its
        # people killed is an attack on civilians, not a battle for territory
        update["sub_event_type"] = "Attack"
    if dated:
        d = dated[0]
        update.update(event_date=d.event_date, time_precision=d.time_precision,
                      date_span=d.date_span)
    if typed is not lead:
        update["trigger"] = typed.trigger
    return lead.model_copy(update=update), loc


#: the words before a day that is when something was said ("officials said on Tuesday")
SAID_ON = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|reported|announced|confirmed|"
                     r"added|stated)\s+(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)


def _said_day(text: str, m: EventMention) -> bool:
    """The mention's date is the day someone spoke ("police said on Tuesday")."""
    span = m.date_span
    return span is not None and bool(SAID_ON.search(text, max(0, span.start - 40), span.start))


def build_event_group(article: Article, mentions: Sequence[EventMention],
                      locations: Sequence[Location]) -> Event:
    """One event from the mentions (and their locations) that tell it, every mention's
    sentence and trigger in its evidence."""
    m, loc = combine_mentions(article, mentions, locations)
    event = build_event(article, m, loc)
    if len(mentions) == 1:
        return event
    ev = list(event.evidence)
    seen = {(e.field, e.start, e.end) for e in ev}
    for other in mentions[1:]:
        for fld, span in (("sentence", other.sentence), ("sub_event_type", other.trigger)):
            if (fld, span.start, span.end) not in seen:
                seen.add((fld, span.start, span.end))
                ev.append(Evidence(article_id=article.id, field=fld, start=span.start,
                                   end=span.end, text=span.text))
    return event.model_copy(update={"evidence": ev})
