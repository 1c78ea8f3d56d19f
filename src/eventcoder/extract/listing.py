"""One sentence, one kind of violence, several places each with its own dead: one event each.

"At least 11 civilians were killed in the village of Mamove, near Oicha, and at least eight
others in the locality of Kasanzi"; "targeted Mamove, where 13 people were killed, and Kasanzi,
where nine died"; "four VDP members killed in Diapaga on Saturday and five in Kantchari". The
extractor reads one trigger, so one mention; ACLED codes an event per place. :func:`split_listed`
adds a mention for each further place of such a list, with that place attached and its own toll.

The list is read conservatively: the places that head its items (the first place, and each
later one after an "and" since the place before it: "near Oicha" and "Mangina" are where an
item's place lies, not items) must be as many as the sentence's tolls, at least two, with
different names, and each toll must lie between the place before its own and the one after it.
A pure function of the text, the mentions, their candidates and the document's places.

A list with no toll per place is read too when its places are joined in one phrase ("armed
clashes ... in the Abu Salim neighbourhood of Tripoli and in the city of Zawiya", "broke up
marches in Istanbul and Ankara", "struck ... at the port of Hodeidah and at the Bajil cement
plant"): two towns, each the head of an item ("and (in|at) (the) (city of) B" right after the
place before it), neither a country or a first-level region, at least
:data:`COORDINATED_KM` apart. Each is an event of its own (ACLED codes an event per place, as
docs/audit-coding-guide.md: "a protest in two cities" is two rows); a toll the sentence gives
for them all is split evenly, the remainder to the first, so the rows add up to the report's
figure (:func:`split_toll`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..geo.resolve import km_apart
from ..geo.text import alike_names
from ..schema import Candidate, EventMention, Place, Span
from ..taxonomy import SUB_EVENTS
from .fatalities import PART_BEFORE
from .numbers import NUMBER_RE, PART_OF_NEXT, fatality_candidates, parse_number

#: event types whose tolls are listed by place
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

#: what opens a new item of a list of places: "..., and (in) Kantchari", "; in Kantchari"
_ITEM_JOIN = re.compile(r"\band\b|;", re.IGNORECASE)

#: a toll told with its verb left out after the first item: "and at least eight others in",
#: "and five in", "and a further three at"
ELLIPTIC_TOLL = re.compile(
    rf"\band\s+(?:at\s+least\s+|another\s+|a\s+further\s+|some\s+|about\s+|around\s+)?"
    rf"(?P<n>{NUMBER_RE})\s+(?:(?:others?|more|people|civilians|soldiers|villagers|members)\s+)?"
    r"(?:(?:were|was)\s+killed\s+|died\s+|killed\s+)?(?:in|at)\s", re.IGNORECASE)


def _heads(text: str, places: Sequence[Place]) -> list[Place]:
    """The places that head the items of a list (see the module docstring)."""
    heads: list[Place] = []
    prev: Place | None = None
    for p in places:
        name = p.name or p.text
        if prev is None:
            heads.append(p)
        elif _ITEM_JOIN.search(text, prev.end, p.start) and \
                not any(alike_names(name, h.name or h.text) for h in heads):
            heads.append(p)
        prev = p
    return heads


def _tolls(text: str, s0: int, s1: int) -> list[tuple[int, int, int]]:
    """(value, start, end) of the sentence's counts of the dead, the elliptic ones included;
    not a count that is a part of another ("including 5 children")."""
    seg = text[s0:s1]
    found = {(a, b): v for v, a, b in fatality_candidates(seg)}
    for m in ELLIPTIC_TOLL.finditer(seg):
        v = parse_number(m.group("n"))
        if v is not None and v > 0:
            found.setdefault((m.start("n"), m.end("n")), v)
    out = [(v, s0 + a, s0 + b) for (a, b), v in sorted(found.items())
           if not PART_BEFORE.search(seg[max(0, a - 25):a]) and not PART_OF_NEXT.match(seg, b)]
    return out


#: where a total's breakdown begins: "killed 13 civilians: eight in ... and five at ..."
_BREAK = re.compile(r":|\s[-\u2013\u2014]\s")
#: an item of a breakdown: a count, up to two words ("four farmers"), "in" or "at"
BREAKDOWN_ITEM = re.compile(
    rf"(?:^\s*|[,;]\s*(?:and\s+)?|\s(?:and|while)\s+)(?:at\s+least\s+|another\s+)?"
    rf"(?P<n>{NUMBER_RE})\s+(?:[A-Za-z'-]+\s+){{0,2}}?(?:were\s+killed\s+|died\s+|killed\s+)?"
    r"(?:in|at)\s", re.IGNORECASE)


def _breakdown(text: str, s0: int, s1: int, inside: Sequence[Place]
               ) -> list[tuple[Place, tuple[int, int, int]]] | None:
    """The items of a total told place by place after a colon or a dash ("killed at least 13
    civilians: eight in a village in Kanbalu township and five at a market in Ye-U"): each
    item a count and the first place after it, before the next item; at least two items at
    differently named places, whose counts add up to a toll told before the colon. None when
    the sentence has no such breakdown; [] when it has one that is not read (a count that does
    not add up, an item with no known place): then no list is read either."""
    breaks = list(_BREAK.finditer(text, s0, s1))
    if not breaks:
        return None
    totals = _tolls(text, s0, s1)
    for brk in breaks:
        before = [v for v, a, _b in totals if a < brk.start()]
        if not before:
            continue
        items = []
        for m in BREAKDOWN_ITEM.finditer(text[brk.end():s1]):
            v = parse_number(m.group("n"))
            if v is None or v <= 0:
                return []
            a, b = brk.end() + m.start("n"), brk.end() + m.end("n")
            items.append((v, a, b, brk.end() + m.end()))
        if len(items) < 2:
            continue
        out: list[tuple[Place, tuple[int, int, int]]] = []
        for k, (v, a, b, after) in enumerate(items):
            end = items[k + 1][1] if k + 1 < len(items) else s1
            place = next((p for p in inside if after <= p.start < end), None)
            if place is None or any(alike_names(place.name or place.text, q.name or q.text)
                                    for q, _t in out):
                return []
            out.append((place, (v, a, b)))
        return out if sum(t[0] for _p, t in out) in before else []
    return None


#: how far apart two places joined in one phrase must be to be two events (nearer, they may
#: be a town and a quarter or a camp of it)
COORDINATED_KM = 5.0
#: what joins the places of a list with no toll per place: right after the place before it,
#: ", and in the city of", "and at the", "and"
_COORDINATION = re.compile(
    r"\s*,?\s*(?:and|as\s+well\s+as)\s+(?:(?:in|at|near|on)\s+)?(?:the\s+)?"
    r"(?:(?:city|town|village|district|area|port|camp|locality|province|region|county|"
    r"municipality|commune|department|state)\s+of\s+)?", re.IGNORECASE)
#: what opens a list of places where the event happened, right before its first place
#: (not "from", "to", "towards": where someone came from or went; not "between": a road or
#: a front between two towns)
_NOT_WHERE = re.compile(r"\b(?:from|to|towards|toward|into|between)\s+(?:the\s+)?$",
                        re.IGNORECASE)
#: how a sentence of the body ends (a title line has none)
_FULL_STOPS = (".", "!", "?", '"', "\u201d", "'", "\u2019")
#: feature codes of a country or a first-level region: no item of such a list
_WIDE = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCL", "ADM1", "TERR", "CONT", "RGN"})


def _title_line(text: str, s0: int, s1: int) -> bool:
    """``text[s0:s1]`` is a title line: no full stop, and its line ends there (a body
    sentence the parser cut at a comma goes on: "marched through Belgrade and Novi Sad on
    Saturday, a week before ...")."""
    seg = text[s0:s1]
    body = seg.rstrip()
    if "\n" in body.strip():
        # (a title line the parser ran into the dateline under it, not a body sentence the
        # parser ran into the next paragraph)
        return not body.strip().split("\n")[0].rstrip().endswith(_FULL_STOPS)
    if body.endswith(_FULL_STOPS):
        return False
    rest = seg[len(body):] + text[s1:s1 + 3]
    return not rest.strip() or "\n" in rest


def _joined_run(text: str, inside: Sequence[Place]) -> list[Place]:
    """The first run of two or more of the sentence's places each joined to the one before
    it (:data:`_COORDINATION`), none a country or a first-level region: "in the Abu Salim
    neighbourhood of Tripoli and in the city of Zawiya" in a sentence that names Libya
    before; [] when there is none."""
    run: list[Place] = []
    for p in inside:
        if run and _COORDINATION.fullmatch(text, run[-1].end, p.start) and \
                p.feature_code not in _WIDE:
            run.append(p)
            continue
        if len(run) >= 2:
            return run
        run = [] if p.feature_code in _WIDE else [p]
    return run if len(run) >= 2 else []


def _coordinated(text: str, heads: Sequence[Place], inside: Sequence[Place]) -> bool:
    """``heads`` are places joined in one phrase, each right after the place before it, that
    are towns apart (see the module docstring)."""
    if any(p.feature_code in _WIDE for p in heads):
        return False
    if _NOT_WHERE.search(text, max(0, heads[0].start - 12), heads[0].start):
        return False
    for prev, head in zip(heads, heads[1:], strict=False):
        before = max((p for p in inside if p.end <= head.start), key=lambda p: p.end)
        if before.start < prev.start:
            return False
        if not _COORDINATION.fullmatch(text, before.end, head.start):
            return False
    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            km = km_apart(a, b)
            if km is None or km < COORDINATED_KM:
                return False
    return True


def split_toll(total: int, n: int) -> list[int]:
    """A toll told for ``n`` places at once, split evenly, the remainder to the first."""
    share, rest = divmod(total, n)
    return [share + (rest if k == 0 else 0) for k in range(n)]


def listed_places(text: str, mention: EventMention, places: Sequence[Place]
                  ) -> Sequence[tuple[Place, tuple[int, int, int] | None]]:
    """The (place, toll) items of ``mention``'s sentence when it lists its event by place, in
    text order; [] when it does not. A toll is (value, start, end), None when the sentence
    gives none; a total split between places keeps its span."""
    s0, s1 = mention.sentence.start, mention.sentence.end
    inside = sorted((p for p in places if s0 <= p.start and p.end <= s1
                     and p.role == "literal" and p.latitude is not None),
                    key=lambda p: p.start)
    violent = SUB_EVENTS[mention.sub_event_type].event_type in _VIOLENT
    broken = _breakdown(text, s0, s1, inside) if violent else None
    if broken is not None:
        return broken  # (a breakdown that does not add up: no list at all)
    heads = _heads(text, inside)
    if len(heads) < 2:
        return []
    tolls = _tolls(text, s0, s1)
    if len(tolls) != len(heads) or not violent:
        # (not in a title line: a headline sums up what the body tells place by place)
        if len(tolls) > 1 or _title_line(text, s0, s1):
            return []
        if not _coordinated(text, heads, inside):
            # the places joined in the phrase the list opens with, when the sentence names
            # others later ("marched through Belgrade and Novi Sad on Saturday, ... protests
            # against Serbia's government")
            heads = _joined_run(text, inside)
            if len(heads) < 2 or not _coordinated(text, heads, inside):
                return []
        if not tolls or not violent:
            # (a protest's list keeps no toll: "killed 16 people" is the disaster it marks)
            return [(h, None) for h in heads]
        v, a, b = tolls[0]
        named = [h for h in heads if any(
            p.start >= heads[-1].end and (p.name or p.text) == (h.name or h.text)
            and a - 120 <= p.start <= b + 60 for p in inside)]
        if len(named) == 1:
            # the toll told of one of the places again ("... and in the city of Zawiya. At
            # least four civilians were killed in Tripoli"): that place's alone
            return [(h, (v, a, b) if h is named[0] else None) for h in heads]
        return [(h, (share, a, b)) for h, share in zip(heads, split_toll(v, len(heads)),
                                                       strict=True)]
    for k, (_, a, _b) in enumerate(tolls):
        if k + 1 < len(heads) and a >= heads[k + 1].start:
            return []  # a toll after the next item's place: not that item's
        if k > 0 and a <= heads[k - 1].end:
            return []  # a toll before the item before its own
    return list(zip(heads, tolls, strict=True))


def split_listed(text: str, mentions: Sequence[EventMention], candidates: Sequence[Candidate],
                 places: Sequence[Place]) -> tuple[list[EventMention], list[Candidate]]:
    """``mentions`` with a mention added after each one whose sentence lists its event by
    place (:func:`listed_places`): the first item stays the mention's own, each further item
    is a mention of its own (``part`` 1, 2, ...), with that place attached and its toll. The
    candidates' mention indexes are renumbered to match."""
    out: list[EventMention] = []
    index: dict[int, int] = {}
    shared = {(m.sentence.start, m.sentence.end) for i, m in enumerate(mentions)
              if any(j != i and (n.sentence.start, n.sentence.end) == (m.sentence.start,
                                                                      m.sentence.end)
                     for j, n in enumerate(mentions))}
    for i, m in enumerate(mentions):
        index[i] = len(out)
        items = [] if (m.sentence.start, m.sentence.end) in shared else \
            listed_places(text, m, places)
        if not items:
            out.append(m)
            continue
        for part, (place, told) in enumerate(items):
            if told is None:  # no toll in the sentence: the first keeps the mention's own
                toll = m.fatalities if part == 0 else 0
                span = m.fatalities_span if part == 0 else None
            else:
                toll, a, b = told
                span = Span(start=a, end=b, text=text[a:b])
            out.append(m.model_copy(update={
                "place_span": Span(start=place.start, end=place.end, text=place.text),
                "fatalities": toll, "fatalities_span": span, "part": part}))
    if len(out) == len(mentions):
        return list(mentions), list(candidates)
    cands = [c if c.mention is None else c.model_copy(update={"mention": index[c.mention]})
             for c in candidates]
    return out, cands
