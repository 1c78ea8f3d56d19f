"""What ACLED does not code: attribution, diplomacy, disasters, crime, policing, sport.

The scope filters of the extractor (moved from ``extractor.py`` unchanged):
:func:`out_of_scope` names why a segment is outside ACLED's scope, :data:`SCOPE_REASONS`
says it in words; the police-shooting, arrest and sport cues are read by the extractor.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..taxonomy import SUB_EVENTS, sub_events_where
from ..wordscan import WordStartScanner
from . import lexicon as L
from .actors import ActorHit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .extractor import _Draft


#: claims, credit and blame for an attack: attribution, not a new event
ATTRIBUTION_STRONG = re.compile(
    r"\b(?:claim\w*\s+(?:of\s+)?responsibility|(?:took|takes|taken|taking|take)\s+credit|"
    r"claim(?:ed|s|ing)?\s+(?:the\s+|an?\s+)?(?:\w+\s+){0,2}?(?:attacks?|bombings?|killings?|murders?|"
    r"assassinations?|kidnappings?|beheadings?)|accus\w+\s+(?:\w+\s+){1,4}?of\s+(?:\w+\s+){0,2}?"
    r"(?:bombing|attacking|killing|being\s+(?:behind|responsible))|blam\w+\s+(?:\w+\s+){1,4}?"
    r"for\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:attacks?|bombings?|killings?|blasts?|explosions?)|"
    r"(?:was|were|is|are)\s+(?:\w+\s+)?responsible\s+for)\b",
    re.IGNORECASE,
)


#: a government's protest note is diplomacy, not a demonstration
DIPLOMATIC_PROTEST = re.compile(
    r"\b(?:lodg\w+|fil(?:ed|es)|deliver\w*|sen[dt]s?|hand(?:ed)?|issu\w+)\s+(?:an?\s+|its\s+)?"
    r"(?:\w+\s+)?protest(?:\s+note)?\s+(?:with|to)\b|\b(?:formal|official|diplomatic|strong)\s+"
    r"protests?\s+(?:with|to)\b|protest\s+note|summon\w*\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:ambassador|envoy|charg[eé])", re.IGNORECASE)


STRONG_AGREEMENT = re.compile(r"\b(?:ceasefire|cease-?fire|truce|peace|prisoner|prisoners|"
                              r"detainees|hostages|swap|exchange|armistice|reconciliation|"
                              r"disarm\w*|surrender\w*|releas\w+|evacuation|laid\s+down)\b",
                              re.IGNORECASE)


#: fire from the air or from afar (``SubEventType.fired_from_afar``)
FIRED_FROM_AFAR = sub_events_where("fired_from_afar")


#: developments a statement can tell (``SubEventType.may_be_diplomacy``)
MAY_BE_DIPLOMACY = sub_events_where("may_be_diplomacy")


def _aside(cue: re.Match[str], trig: Token | None, s0: int | None) -> bool:
    """The blame is told in a clause that modifies a noun ("The attacks, blamed by U.N.
    officials on the ADF, targeted the village of Mamove, where 13 people were killed"): the
    sentence tells the event; the blame is an aside."""
    if trig is None or s0 is None:
        return False
    doc = trig.doc
    span = doc.char_span(s0 + cue.start(), s0 + cue.end(), alignment_mode="expand")
    return span is not None and span[0].dep_ in ("acl", "relcl") and \
        span[0].head.pos_ in ("NOUN", "PROPN")


SCOPE_REASONS = {
    "attribution": "a claim of responsibility, credit or blame, not an incident",
    "diplomacy": "diplomacy (talks, expulsions, sanctions, condemnation), not an incident",
    "disaster": "an accident or disaster, no political actor",
    "crime": "ordinary crime, no political actor, target or motive",
    "exercise": "a military exercise, drill or weapons test, not a hostile act",
    "trial": "a trial or sentence for an attack, not the attack",
}


#: Where ACLED codes the violence of gangs and cartels as political violence (organised armed
#: groups contesting the state's control: Latin America and the Caribbean), a gang is no sign
#: of ordinary crime; elsewhere ("a gang robbed a bank in Leeds") it is.
GANG_WAR_COUNTRIES = frozenset({
    "Haiti", "Mexico", "Colombia", "Ecuador", "Brazil", "Honduras", "El Salvador", "Guatemala",
    "Venezuela", "Jamaica", "Peru", "Trinidad and Tobago", "Costa Rica", "Dominican Republic",
    "Nicaragua", "Panama", "Bolivia", "Paraguay", "Chile", "Argentina", "Uruguay", "Belize",
    "Guyana", "Suriname",
    # the "armed gangs" of north-west Nigeria and Niger's border (bandits) kill by the dozen and
    # are coded as the armed groups they are
    "Nigeria", "Niger"})
GANG_WORDS = re.compile(r"\b(?:cartel\w*|gang(?:s|ster\w*)?)\b", re.IGNORECASE)


def out_of_scope(seg: str, typ: str, kind: str, hits: list[ActorHit], trig: Token | None = None,
                 country: str | None = None, s0: int | None = None) -> str | None:
    """Why a segment is outside ACLED's scope (crime, disaster, diplomacy, attribution).
    ``country``: the article's (gangs are armed groups in :data:`GANG_WAR_COUNTRIES`);
    ``s0``: where the segment starts in ``trig``'s document."""
    nonstate = any(h.role == "armed" and not h.generic for h in hits)
    state = any(h.role == "state" for h in hits)
    demo = SUB_EVENTS[typ].event_type in ("Protests", "Riots")
    if ATTRIBUTION_STRONG.search(seg):
        return "attribution"
    if DIPLOMATIC_PROTEST.search(seg):
        return "diplomacy"
    blame = L.OUT_OF_SCOPE["attribution"].search(seg)
    if blame and kind in ("violence", "outcome") and not _aside(blame, trig, s0):
        return "attribution"
    strike = typ in FIRED_FROM_AFAR and (
        state or bool(STRIKE_WEAPON.search(seg)))
    if common_word_cue(L.OUT_OF_SCOPE["disaster"], CAUSE_CLAUSE.sub(" ", seg)) and \
            not nonstate and not demo and \
            not strike and not (typ in DELIBERATE_TYPES and DELIBERATE.search(seg)):
        # (a drone or missile strike that set a depot on fire is a strike, not a fire; a
        # hospital's "patients" after a suicide bombing are its victims, not a disaster's)
        return "disaster"
    crime_seg = GANG_WORDS.sub("", seg) if country in GANG_WAR_COUNTRIES else seg
    if common_word_cue(L.OUT_OF_SCOPE["crime"], crime_seg) and not nonstate and not demo:
        return "crime"
    if L.OUT_OF_SCOPE["diplomacy_strong"].search(seg) and (
            trig is None or trig.pos_ in ("NOUN", "PROPN", "ADJ")) and kind not in ("protest",):
        return "diplomacy"
    if typ in MAY_BE_DIPLOMACY and \
            not (typ == "Agreement" and STRONG_AGREEMENT.search(seg)) and \
            len(L.OUT_OF_SCOPE["diplomacy"].findall(seg)) >= 2 and not (nonstate or state):
        return "diplomacy"
    return None


#: the accident a crowd's violence answered ("set fire to a police post after a motorcycle
#: taxi rider died in a collision with a police vehicle"): no cue that the event is one
CAUSE_CLAUSE = re.compile(r"\b(?:after|following)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?"
                          r"(?:died|was\s+killed|were\s+killed)\s+in\s+(?:an?\s+|the\s+)?"
                          r"(?:[\w-]+\s+){0,2}?(?:collision|crash|accident)\b", re.IGNORECASE)


#: explosions that are attacks by their nature: no accident or disaster cue outweighs them
DELIBERATE_TYPES = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
DELIBERATE = re.compile(r"\b(?:suicide\s+(?:attack|bomb)\w*|suicide\s+car|car\s+bomb\w*|"
                        r"bombs?\b|bomb(?:er|ers|ing|ings)\b|ieds?\b|improvised\s+explosive|"
                        r"grenades?|roadside\s+bomb|booby[-\s]trap\w*|planted\s+(?:a|an|on|in|"
                        r"near|under)\s+\w+)",
                        re.IGNORECASE)


#: weapons that only armed forces fire: a fire they cause is not an accident
STRIKE_WEAPON = re.compile(r"\b(?:drones?|missiles?|air\s*strikes?|airstrikes?|rockets?|"
                           r"shell(?:s|ing|ed)|artillery|warplanes?|jets?|(?:aerial|guided|"
                           r"glide|barrel)[-\s]bombs?)\b", re.IGNORECASE)


#: a word scanner per cue pattern (:func:`common_word_cue`), built on first use
_SCANNERS: dict[re.Pattern[str], WordStartScanner] = {}


def common_word_cue(pattern: re.Pattern[str], seg: str) -> bool:
    """A cue used as a common word: lower case, or capitalised only at a sentence start
    ("Storm Corps" and "Flood Street" are names, not disasters). The pattern's matches are
    ``finditer``'s, tried only at the word starts where it can match
    (:mod:`eventcoder.wordscan`)."""
    scanner = _SCANNERS.get(pattern)
    if scanner is None:
        scanner = _SCANNERS[pattern] = WordStartScanner([pattern])
    for _, m in scanner.matches(seg):
        w = m.group(0)
        if w[:1].islower() or m.start() == 0 or seg[max(0, m.start() - 2):m.start()] in (
                ". ", "\n", ": ", '"'):
            return True
    return False


#: an officer at work, and the ordinary policing around a shooting
POLICE_OFFICER = re.compile(r"\b(?:officers?|deput(?:y|ies)|sheriff'?s?|troopers?|patrolm[ae]n|"
                            r"policem[ae]n|cops?|police\s+shootings?)\b", re.IGNORECASE)
POLICING = re.compile(
    r"\b(?:suspects?|traffic\s+stop|armed\s+(?:man|suspect|robber)|robber\w*|warrant|chase|"
    r"pursuit|justifiable|justified|responding\s+to|fired\s+at\s+(?:police|officers|them)|"
    r"threatening|carrying\s+a\s+(?:gun|knife|weapon)|pointed\s+a|brandish\w*|"
    r"officer-involved|body\s*cam\w*|coroner|inquest)\b", re.IGNORECASE)


#: Who is arrested when an arrest is political (ACLED codes those, not ordinary policing).
POLITICAL_ARREST = re.compile(
    r"\b(?:activists?|journalists?|reporters?|opposition|protesters?|demonstrators?|"
    r"militants?|insurgents?|fighters?|rebels?|jihadis?t?s?|terror\w*|extremists?|members?\s+of|"
    r"leaders?\s+of|commanders?|spies|spy|espionage|coup|dissidents?|bloggers?|politicians?|"
    r"lawmakers?|candidates?|ministers?|mayors?|governors?|students?|strikers|unionists?|"
    r"separatists?|clerics?|imams?|monks?|priests?|critics?|islamists?|organi[sz]ers|"
    r"(?:opposition|political|ruling|banned)\s+part(?:y|ies)|party(?:'s)?\s+(?:members?|"
    r"activists?|officials?|leaders?|supporters?)|(?:affiliated|linked|associated)\s+with\s+"
    r"(?:[\w'\u2019-]+\s+){0,6}?part(?:y|ies))\b", re.IGNORECASE)


#: (not a party's "youth league", "the league of the ruling party", the Awami, Muslim or
#: Chhatra League, the National League for Democracy)
SPORT = re.compile(r"\b(?:football|soccer|striker|goalkeeper|midfielder|world\s+cup|cricket|"
                   r"boxing|boxers?|knockouts?|heavyweight|middleweight|welterweight|"
                   r"title\s+(?:fight|bout)|bouts?|(?:in|after)\s+(?:\w+\s+)?rounds\b(?!\s+of)|ringside|"
                   r"bowlers?|wickets?|innings|batsm[ae]n|batters?|test\s+match|rugby|tennis|"
                   r"qualifier|(?<!youth\s)(?<!women's\s)(?<!women\u2019s\s)(?<!awami\s)(?<!muslim\s)"
                   r"(?<!chhatra\s)league(?!\s+(?:of\s+the|for)\b)|"
                   r"tournament|stadium|match(?:es)?\s+(?:against|between)|"
                   r"scored|penalty\s+kick|referee|olympic\w*|championship)\b",
                   re.IGNORECASE)


def political_arrest(d: _Draft, seg: str) -> bool:
    a2 = d.actor2
    if a2 is not None and a2.inter in (2, 3, 4, 5, 6):
        return True
    return bool(POLITICAL_ARREST.search(seg))
