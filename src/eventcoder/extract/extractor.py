"""The event extractor: spaCy parse + trigger lexicon + actor dictionary -> EventMentions.

For every sentence (split further at semicolons into *segments*) the extractor

1. finds trigger phrases (``lexicon.TRIGGERS``) and resolves their kind into an ACLED
   sub-event type from the actors and cues around them (see ``lexicon`` for the kinds);
2. drops what is not a new event: negated, future/intended, hypothetical, background
   (a date more than 31 days before publication, or history cues) and out-of-scope statements
   (ordinary crime, disasters, diplomacy, claims of responsibility);
3. reads the arguments: actor1/actor2 through the actor dictionary and the parse, fatalities,
   the date (resolved against ``article.published``) and the place attached to the trigger;
4. optionally re-types the mention with the shipped linear classifier (``classifier.py``)
   and maps a raw score to a calibrated confidence (``calibration.json``).

Sentences that only report an outcome ("Five people were killed.") are merged into the
previous mention when they add fatalities without a new trigger (arguments split across
adjacent sentences).

This module holds :class:`EventExtractor` and its direct helpers. Self-contained groups live
beside it: ``segments`` (sentences into segments, trigger candidates), ``modality`` (negated,
irrealis, dated or past-perfect triggers), ``scope`` (what ACLED does not code) and
``fatalities`` (victims counted from the parse). What a trigger kind may resolve to, and
everything else known of each sub-event type, is the typing table in ``taxonomy.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..geo.locate import DESTINATION_BEFORE, REFERENCE_BEFORE
from ..nlp import MONTH_NAME, MONTH_NAME_EXACT, WEEKDAY_NAME, doc_text
from ..schema import ActorMention, Article, Candidate, EventMention, Span
from ..taxonomy import SUB_EVENTS, kind_record
from . import lexicon as L
from .actors import DATA_DIR, ActorDictionary, ActorHit
from .attribution import CUE as CLAIM_CUE
from .attribution import Attribution, find_attributions
from .calibration import Calibrator
from .classifier import LinearClassifier
from .dates import NUMERIC_DATE, SAME_DAY_AS_EVENT, DateResolver, ResolvedDate
from .fatalities import conservative, victim_count
from .modality import (
    PLUPERFECT_DAYS,
    dated_background,
    governing_verb,
    irrealis,
    negated,
    pluperfect,
    recent_cue,
)
from .numbers import FELL, fatality_candidates, parse_number, summed_fatalities
from .scope import (
    DIPLOMATIC_PROTEST,
    FIRED_FROM_AFAR,
    POLICE_OFFICER,
    POLICING,
    POLITICAL_ARREST,
    SCOPE_REASONS,
    SPORT,
    STRONG_AGREEMENT,
    out_of_scope,
    political_arrest,
)
from .segments import (
    AFTER_CLAUSE,
    FRONTED_AFTER,
    PLACE_LABELS,
    TriggerCandidate,
    cut_tokens,
    find_triggers,
    is_headline_text,
    segments,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

#: the other side withdrew, or no fight: a transfer of territory, not a battle
PEACEFUL_TRANSFER = re.compile(
    r"\b(?:withdr[ae]w\w*|withdrawal|pull(?:ed|ing)?\s+out|vacat\w+|without\s+(?:a\s+)?(?:fight|"
    r"fighting|resistance|a\s+shot)|unopposed|handed\s+over|abandoned)\b", re.IGNORECASE)
#: where the wounded were treated or taken, not where they were hit ("died at the district
#: hospital of Ouallam", "evacuated to Maiduguri")
CARED_FOR_IN = re.compile(
    r"(?:\b(?:hospital|clinic|morgue|mortuary|health\s+cent(?:re|er))\s+(?:of|in|at)\s+"
    r"(?:the\s+)?(?:(?:nearby|neighbou?ring)\s+)?|\b(?:taken|evacuated|rushed|transferred|flown|airlifted|referred)\s+"
    r"(?:\w+\s+){0,4}?(?:to|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?)$", re.IGNORECASE)
#: state forces as the ones hit: an attack on them is a battle (ACLED: Armed clash)
STATE_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|policem[ae]n|police\s+officers?|cops|constables|gendarmes?|"
    r"servicem[ae]n|"
    r"(?:military|army|police|security)\s+personnel|VDP|volunteers\s+for\s+the\s+defen[cs]e|"
    r"detachment|garrison|(?:army|military|police)\s+(?:bases?|posts?|camps?|outposts?|"
    r"formations?|positions?|units?))\b",
    re.IGNORECASE)
#: a post stormed: a battle unless its capture is told ("seized", "overran", "took control")
STORMED_POST = re.compile(
    r"(?:stormed|raided|assaulted)\s+(?:a|an|the|their|its)?\s*(?:[\w'-]+\s+){0,3}?(?:"
    r"checkpoints?|bases?|posts?|outposts?|positions?|barracks|camps?|garrisons?|detachments?|"
    r"police\s+stations?|gendarmerie\s+(?:posts?|stations?|brigades?))\b", re.IGNORECASE)
#: a raid told with what the raiders did to the people there ("stormed Ocholonya village,
#: shooting residents and burning homes"): an attack, not a take-over of the village
RAID_WITH_VIOLENCE = re.compile(
    r"(?:stormed|entered)\b[^.;]{0,80}?,?\s+(?:and\s+)?(?:shooting|killing|opening\s+fire|"
    r"firing\s+(?:on|at)|massacring|slaughtering|abducting|kidnapping|burning|torching|"
    r"looting|shot|killed|opened\s+fire|massacred|abducted|kidnapped|burned|burnt|torched|"
    r"looted)\b", re.IGNORECASE)
#: a trigger that tells people hurt, not only an assault ("shooting", "killed", "opened fire")
HARM_WORD = re.compile(r"(?:shoot|shot|kill|open(?:ed|ing)\s+fire|fir(?:ed|ing)\s+(?:on|at)|"
                       r"massacr|slaughter|murder|execut|stabb|behead|wound|injur|gunned)",
                       re.IGNORECASE)
#: a fight told with the taking of a place: a battle, whoever withdrew in the end
FOUGHT_FOR = re.compile(
    r"(?<!without\s)(?<!without\sa\s)(?<!\bno\s)\b(?:gunfights?|fire\s*fights?|battles?|"
    r"battled|fighting|fought|clash\w*|exchanges?\s+of\s+fire|heavy\s+resistance)\b",
    re.IGNORECASE)
#: "seized weapons ...": the object of a capture verb is arms, not a place
WEAPON_OBJECT = re.compile(
    r"\s+(?:[\w'-]+\s+){0,3}?(?:weapons?|arms|ammunition|explosives?|rifles|guns|firearms|"
    r"drugs|vehicles?|boats?|ships?|documents|equipment|cash|money)\b|\s+on\s+a\s+boat",
    re.IGNORECASE)
#: tolls that add up many events: not one event's fatalities
AGGREGATE = re.compile(
    r"\b(?:across|nationwide|throughout|so\s+far|in\s+total|a\s+total\s+of|overall|cumulative|"
    r"since\s+(?:the\s+)?(?:start|beginning|outbreak)|this\s+(?:year|month)|last\s+(?:year|month)|"
    + L.LONG_PERIOD_WORDS + "|"
    # ("the latest in a wave of gang violence": this event, one of them)
    r"(?<!latest\sin\sa\s)(?<!latest\sof\sa\s)(?:wave|series)\s+of|"
    r"separate\s+(?:[\w-]+\s+){0,2}?(?:attacks|incidents|clashes)|"
    r"(?<!blast\s)(?<!bomb\s)(?<!bombing\s)(?<!attack\s)(?<!attack's\s)(?<!explosion\s)"
    r"(?<!ambush\s)(?<!raid\s)(?<!strike\s)(?<!massacre\s)(?<!shooting\s)"
    # ("The death toll rose to nine from five ... after four of the wounded died": the event's)
    r"(?<![Tt]he\s)death\s+toll\s+"
    r"(?!(?:\w+\s+){0,2}?(?:from|of|in)\s+(?:the|this|that|a|an|[\w-]+'s)\s+(?:[\w-]+\s+)?"
    r"(?:blast|bombing|attack|explosion|ambush|raid|strike|massacre|shooting)\b)"
    r"(?:\w+\s+){0,4}?(?:tops|rises|rose|climbs|climbed|passes|passed|exceeds|reaches|reached)|"
    r"(?:died|were\s+killed|killed)\s+(?:yesterday|today),?\s+including|"
    r"in\s+(?:several|multiple|various|different)\s+(?:attacks|areas|provinces|districts|"
    r"regions|incidents)|"
    # several admin units, or a period of hours or days: a total of several events
    r"in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+\s+different)\s+"
    r"(?:provinces|districts|regions|states|governorates|counties)|"
    r"in\s+(?:less\s+than\s+|under\s+|the\s+(?:past|last)\s+)?(?:\d+|a|one|two|three|four|five|"
    r"six|seven|twenty-four|forty-eight)\s+(?:hours|days|weeks|day|week)|"
    r"within\s+(?:a\s+|one\s+|the\s+past\s+|the\s+last\s+|\d+\s+)?(?:day|days|week|weeks|hours)|"
    # ("eight people were killed ... during two days of unrest on 29 and 30 September")
    r"(?:during|over)\s+(?:two|three|four|five|several|\d+)\s+(?:days|nights)\s+of|"
    r"(?:past|last)\s+(?:24|48|72)\s+hours|"
    # a month as a whole ("150 lives in August", "casualties for November")
    r"(?:in|for|during|throughout)\s+(?:the\s+month\s+of\s+)?(?-i:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b(?![\s,]+\d))\b",
    re.IGNORECASE)
#: a sentence that only gives the death toll of the event told just before
TOLL_FOLLOWUP = re.compile(r"\b(?:the\s+)?death\s+toll\b|\b(?:were|was)\s+(?:\w+\s+)?killed\b",
                           re.IGNORECASE)
#: a sentence that says where the event just told happened ("The fighting broke out in ...")
WHERE_IT_HAPPENED = re.compile(
    r"\W*(?:the|this|that)\s+((?:fighting|clashes|attack|assault|blast|explosion|bombing|"
    r"strike|raid|shelling|ambush|incident|killings?|massacre|violence))\s+(?:\w+\s+){0,2}?"
    r"(?:broke\s+out|took\s+place|happened|occurred|began|erupted|started|unfolded)\b",
    re.IGNORECASE)
#: death or injury words that alone do not tell of political violence
BARE_OUTCOME = re.compile(r"(?:died|dead|die|dies|perished|succumbed|injur\w+|wound\w*|hurt)",
                          re.IGNORECASE)
#: priority bonus of a trigger that is the main predicate of its sentence
MAIN_PREDICATE_BONUS = 20
#: priority penalty of a trigger that is the verb of a relative clause ("people who
#: disappeared during the war")
RELATIVE_CLAUSE_PENALTY = 10
#: resolved dates older than this many days before publication are background, not events
BACKGROUND_DAYS = 31
LOC_PREPS = frozenset({"in", "near", "at", "outside", "on", "around", "inside", "across", "into",
                       "along", "between", "within", "throughout", "off", "toward", "towards",
                       "from", "of"})
PLACE_SUFFIX = re.compile(r"\s+(?:province|governorate|district|region|city|town|village|"
                          r"county|state|area|camp|neighbou?rhood|sub-district|subdistrict)\b",
                          re.IGNORECASE)
KILL_WORDS = re.compile(r"\b(?:" + FELL + r"|kill\w*|assassinat\w*|martyr(?:s|ed|ing|dom)\b|dead|died|dies|die|death\w*|slain|perish\w*|bod(?:y|ies)|"
                        r"succumb(?:ed|s)?\s+to|"
                        # (a side's "eliminated" and "neutralised" enemies tell a killing but
                        # are not counted: docs/audit-coding-guide.md, a side's claim)
                        r"neutrali[sz]ed|eliminated|"
                        r"corpses?|lives|fatalit\w+|massacr\w+|execut\w+|behead\w*|murder\w*|"
                        r"shot\s+dead|gunned\s+down|toll|lifeless)\b", re.IGNORECASE)
#: a killing reported without a number ("a civilian was killed", "killed a policeman")
SINGLE_DEATH = re.compile(
    r"\b(?:(?:killed|killing|kills|kill|shot\s+dead|murdered|beheaded|executed|gunned\s+down|"
    r"stabbed\s+to\s+death|assassinated)\s+(?:a|an|one|the|his|her)?\s*"
    r"(?!(?:in|on|at|near|by|as|after|during|while|and|with|from|outside|inside|over)\b)[a-z-]+|"
    r"(?:a|an|one)\s+(?:[a-z-]+\s+){0,2}?(?:was|has\s+been|is)\s+(?:\w+\s+)?(?:killed|shot\s+dead|"
    r"murdered|slain|beheaded|executed|assassinated)|[A-Z][a-z]+\s+(?:killed|dead|dies|died|"
    r"slain|assassinated)|(?:body|corpse)\s+of\s+(?:a|an|the)\s|(?:find|finds|found)\s+"
    r"(?:a|the)\s+(?:[a-z-]+\s+)?(?:body|corpse)|found\s+dead|assassinat\w+|"
    r"lost\s+(?:his|her)\s+life|(?:hacked|beaten|stabbed|burned|burnt|stoned)\s+to\s+death|"
    r"died|killed|dead)\b", re.IGNORECASE)
#: the killing verb and its one victim ("killed a farmer"): the preferred evidence span
SINGLE_VICTIM = re.compile(
    r"\b(?:killed|killing|kills|kill|shot\s+dead|murdered|beheaded|executed|gunned\s+down|"
    r"stabbed\s+to\s+death|assassinated)\s+(?:a|an|one|the|his|her)\s+(?:[a-z-]+\s+)?"
    r"(?!(?:in|on|at|near|by|as|after|during|while|and|with|from)\b)[a-z-]+\b", re.IGNORECASE)
INJURE_ONLY = re.compile(r"\b(?:injur\w+|wound\w*|hurt)\b", re.IGNORECASE)
GENERIC_ARMED = frozenset({"militants", "militant", "insurgents", "insurgent", "jihadists",
                           "jihadist", "terrorists", "terrorist", "extremists", "fighters",
                           "rebels", "rebel", "militiamen", "suicide bomber", "bomber",
                           "bombers", "kidnappers", "abductors", "gunmen", "attackers",
                           "assailants"})
TERRITORY_REGAIN = re.compile(r"\b(?:recaptur\w+|retook|retake\w*|regain\w*|liberat\w+|took\s+back|"
                              r"reclaim\w+)\b", re.IGNORECASE)
PLACE_NOUNS = re.compile(r"\b(?:town|towns|village|villages|city|cities|district|area|areas|"
                         r"base|bases|hill|hills|airport|territory|territories|region|"
                         r"neighbou?rhoods?|positions?|checkpoints?|county|province|strongholds?|"
                         r"outposts?|headquarters|crossing|bridge|road|highway|dam|oil\s+fields?|"
                         r"airbase|island|port|control|posts?|camp|barracks|localit\w+|"
                         r"castle|air\s+base|suburbs?|countryside|provinces?|"
                         r"counties|districts|hamlets?)\b", re.IGNORECASE)


@dataclass
class _Draft:
    """A mention being built (mutable, turned into an EventMention at the end)."""

    sentence: tuple[int, int]
    trigger: tuple[int, int]
    sub_event_type: str
    score: float
    kind: str
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)
    fatalities: int = 0
    fatalities_span: tuple[int, int] | None = None
    date: ResolvedDate | None = None
    date_span: tuple[int, int] | None = None
    place_span: tuple[int, int] | None = None
    modality: str = "asserted"
    main: bool = False
    pos: str = ""


@dataclass
class _Note:
    """What became of one segment with a trigger (turned into a :class:`Candidate`)."""

    segment: tuple[int, int]
    trigger: tuple[int, int]
    sub_event_type: str | None
    status: str
    reason: str
    mention: int | None = None

    def candidate(self, article_id: str, text: str) -> Candidate:
        a, b = self.segment
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        t0, t1 = self.trigger
        return Candidate(article_id=article_id,
                         sentence=Span(start=a, end=b, text=text[a:b]),
                         trigger=Span(start=t0, end=t1, text=text[t0:t1]),
                         sub_event_type=self.sub_event_type,
                         status=self.status, reason=self.reason,  # type: ignore[arg-type]
                         mention=self.mention)


class EventExtractor:
    """Find the events an article reports.

    Args:
        actors_file: an optional actor dictionary (JSON in the shipped layout, or TSV/CSV
            ``alias, name, inter[, role]``) that extends the shipped one.
        use_classifier: re-type mentions with the shipped linear classifier when it is
            present (default True).

    The object holds only plain data (regexes, dicts, numpy arrays): it pickles and is cheap
    to re-create, so Dask workers can each build one.
    """

    def __init__(self, actors_file: Path | None = None, *, use_classifier: bool = True) -> None:
        self.actors_file = actors_file
        self.actors = ActorDictionary(actors_file)
        self.dates = DateResolver()
        self.classifier = LinearClassifier.load(DATA_DIR / "classifier.npz") \
            if use_classifier and (DATA_DIR / "classifier.npz").exists() else None
        self.calibrator = Calibrator.load(DATA_DIR / "calibration.json")

    # -- public -----------------------------------------------------------------------------
    def extract(self, doc: Doc, article: Article) -> list[EventMention]:
        """Event mentions of ``article`` (``doc`` is its parsed text).

        Raises:
            ValueError: when ``doc.text`` is not ``article.text`` (offsets would not match).
        """
        return self.extract_candidates(doc, article)[0]

    def extract_candidates(self, doc: Doc, article: Article
                           ) -> tuple[list[EventMention], list[Candidate]]:
        """Event mentions of ``article`` and every candidate considered, with its status.

        The candidates are one per segment that had an event trigger: ``reported`` ones became
        a mention (``mention`` is its index) or were read as more about the mention before
        (a retelling), the others say why they are not an event (``background``,
        ``hypothetical``, ``negated``, ``generic``, ``out_of_scope``) in ``reason``.
        """
        if doc_text(doc) != article.text:
            raise ValueError("E201 doc.text must equal article.text: parse the article's text")
        text = article.text
        country = self.actors.country_of(text)
        hits = self.actors.find(text)
        dominant = self._dominant_group(hits)
        drafts: list[_Draft] = []
        all_ents = with_missed_dates(doc)
        story: dict[str, str] = {}  # out-of-scope story context ("disaster", "crime")
        # with no publication date, the latest fully dated day the article names stands for
        # it when telling history from news ("a lynching on 25 July 1946" in a 2009 report)
        asof = article.published or self._latest_date(all_ents)
        notes: list[_Note] = []
        sentences: list[tuple[int, int]] = []
        cuts = cut_tokens(doc)
        countries: dict[int, str | None] = {}  # by the start of a paragraph
        home = country  # the country of the paragraph naming the main group
        if dominant is not None:
            home = self._paragraph_country(text, text.rfind("\n", 0, dominant.start) + 1,
                                           country)
        ent_starts = [e.start_char for e in all_ents]  # (in text order: with_missed_dates)
        for sent in doc.sents:
            sentences.append((sent.start_char, sent.end_char))
            ents = all_ents[bisect_left(ent_starts, sent.start_char):
                            bisect_left(ent_starts, sent.end_char)]
            dated_before: str | None = None  # a segment of this sentence told a dated past
            for seg_start, seg_end in segments(sent, text, cuts):
                before = len(notes)
                p0 = text.rfind("\n", 0, sent.start_char) + 1
                if p0 not in countries:
                    countries[p0] = self._paragraph_country(text, p0, country)
                # (a roundup's paragraph on another country: not the main group of the
                # article, named in a paragraph on its own country)
                d = self._segment(doc, text, sent, seg_start, seg_end, hits, countries[p0],
                                  dominant if countries[p0] == home else None,
                                  article.published, drafts, ents, story, notes,
                                  asof)
                if d is not None and d.date_span is None and dated_before is not None:
                    # "Border clashes in October killed dozens, and officials accused X of
                    # carrying out air strikes in Kabul": the clause shares the dated past
                    notes.append(_Note((seg_start, seg_end), d.trigger, d.sub_event_type,
                                       "background", "no date of its own, told in one "
                                       f"sentence with an event {dated_before}"))
                    continue
                if dated_before is None and any(
                        n.status == "background" and n.reason.startswith((
                            "dated more than", "the event word carries"))
                        for n in notes[before:]):
                    dated_before = "dated before the reporting window"
                if d is not None:
                    drafts.append(d)
                    notes.append(_Note((seg_start, seg_end), d.trigger, d.sub_event_type,
                                       "reported", "coded", len(drafts) - 1))
                elif drafts and drafts[-1].sentence[1] >= sent.start_char - 2 and \
                        WHERE_IT_HAPPENED.match(text, seg_start) and \
                        self._refine_place(drafts[-1], text, ents, seg_start, seg_end):
                    # "The fighting broke out in rural areas of Tibu municipality": where the
                    # event just told happened, more precisely than its lead said
                    del notes[before:]
                    m = WHERE_IT_HAPPENED.match(text, seg_start)
                    assert m is not None  # the branch was entered on this match
                    notes.append(_Note((seg_start, seg_end), (m.start(1), m.end(1)),
                                       drafts[-1].sub_event_type, "reported",
                                       "retold: where the event told just before happened",
                                       len(drafts) - 1))
                elif drafts and TOLL_FOLLOWUP.search(text, seg_start, seg_end) and \
                        drafts[-1].sentence[1] >= sent.start_char - 2 and not any(
                            n.status in ("background", "hypothetical", "generic")
                            for n in notes[before:]) and \
                        (drafts[-1].fatalities == 0 or drafts[-1].fatalities_span is None):
                    # "A car bomb exploded ... The death toll rose to 12.": the next sentence
                    # gives the count of the event just told, with no trigger of its own
                    self._merge_outcome(drafts[-1], text[seg_start:seg_end], seg_start,
                                        seg_end)
                    del notes[before:]
                    m = TOLL_FOLLOWUP.search(text, seg_start, seg_end)
                    assert m is not None  # the branch was entered on this search
                    notes.append(_Note((seg_start, seg_end), (m.start(), m.end()),
                                       drafts[-1].sub_event_type, "reported",
                                       "retold: the toll of the event told just before",
                                       len(drafts) - 1))
        self._dates_from_statements(drafts, notes, all_ents, article.published)
        self._agents_from_statements(drafts, notes, text, hits, country)
        _dates_of_after_clauses(drafts, notes, text)
        _dates_told_before(drafts, text)
        _dates_of_counted_series(drafts, text)
        _dates_of_times_of_day(drafts, text)
        _series_of_strikes(drafts, text)
        if drafts:
            for s0, s1 in sentences:
                if CLAIM_CUE.search(text, s0, s1):
                    for a in find_attributions(text, s0, s1, hits):
                        _attribute(a, drafts, text)
        mentions = [self._finish(d, article, text) for d in drafts]
        cands = [n.candidate(article.id, text) for n in notes]
        return mentions, cands

    def _paragraph_country(self, text: str, p0: int, country: str | None) -> str | None:
        """The country of the paragraph (the line) that starts at ``p0``: the article's,
        unless the paragraph opens with another country's name and names no place of the
        article's country (a roundup's "PAKISTAN. Two bombings hit Quetta ..."; not "... near
        the border with Niger")."""
        p1 = text.find("\n", p0)
        head = ROUNDUP_HEAD.match(text, p0)
        if head is None:
            # a line under a section's heading, the country's name alone on its own line
            # ("MALI\n- 13 Oct: JNIM fighters attacked a convoy ...\n- 15 Oct: ...")
            b0 = text.rfind("\n\n", 0, p0) + 2 if p0 else 0
            b0 = b0 if b0 >= 2 else 0
            b1 = text.find("\n", b0)
            if b0 >= p0 or b1 < 0 or b1 >= p0 or not SECTION_HEAD.fullmatch(text, b0, b1):
                return country
            head = ROUNDUP_HEAD.match(text, b0)
            if head is None:
                return country
            p0, p1 = b0, text.find("\n\n", p0)
        own = self.actors.country_votes(text[p0:len(text) if p1 < 0 else p1])
        opens = self.actors.country_named(head.group("name").rstrip(".:,-"))
        if opens is None or opens == country or country in own:
            return country
        return opens

    def _dates_from_statements(self, drafts: list[_Draft], notes: list[_Note],
                               ents: list[SpacySpan], published: dt.date | None) -> None:
        """An undated event told right after a statement that named its day: "MONUSCO
        condemns the two attacks carried out by the ADF on 18 September ... At least 11
        civilians were killed in Mamove": the statement is not coded (a condemnation, a
        claim), its date is the event's. Only the first event after the statement, of a
        violent type as the statement's, within :data:`STATEMENT_DATE_CHARS`."""
        told = [n for n in notes if n.status == "out_of_scope" and n.reason in STATEMENT_REASONS
                and n.sub_event_type in SUB_EVENTS
                and SUB_EVENTS[n.sub_event_type].event_type in VIOLENT_TYPES]
        for n in told:
            after = [d for d in drafts if d.sentence[0] >= n.segment[1]]
            if not after:
                continue
            d = min(after, key=lambda d: d.sentence[0])
            if d.date_span is not None or d.sentence[0] - n.segment[1] > STATEMENT_DATE_CHARS \
                    or SUB_EVENTS[d.sub_event_type].event_type not in VIOLENT_TYPES:
                continue
            date, span = self._date(ents, n.segment[0], n.segment[1], n.trigger[0],
                                    published, None, trig_end=n.trigger[1])
            if isinstance(date, ResolvedDate) and span is not None and date.precision == 1:
                d.date, d.date_span = date, span

    def _agents_from_statements(self, drafts: list[_Draft], notes: list[_Note], text: str,
                                hits: list[ActorHit], country: str | None) -> None:
        """Events told right after a statement that names who carried them out ("MONUSCO
        condemns the attacks carried out by the Allied Democratic Forces (ADF) against
        civilians ... at least 26 civilians were killed in Mamove ... six other civilians
        were killed near Mangina"): that group is their initiator when they name none. The
        violent events that begin within :data:`STATEMENT_DATE_CHARS` of the statement or of
        the event before, up to one that names an initiator."""
        for n in notes:
            if n.status != "out_of_scope" or n.reason not in STATEMENT_REASONS:
                continue
            by = CARRIED_OUT_BY.search(text, n.segment[0], n.segment[1])
            group = by and next((h for h in hits if h.start == by.end() and h.role == "armed"
                                 and not h.generic), None)
            if group is None:
                continue
            end = n.segment[1]
            for d in sorted((d for d in drafts if d.sentence[0] >= n.segment[1]),
                            key=lambda d: d.sentence[0]):
                if d.sentence[0] - end > STATEMENT_DATE_CHARS or \
                        SUB_EVENTS[d.sub_event_type].event_type not in VIOLENT_TYPES or (
                        d.actor1 is not None and not d.actor1.name.startswith("Unidentified")):
                    break
                d.actor1 = ActorMention(name=self.actors.resolve(group.name, group.country
                                                                 or country),
                                        inter=group.inter,
                                        span=Span(start=group.start, end=group.end,
                                                  text=group.text))
                end = d.sentence[1]

    @staticmethod
    def _refine_place(prev: _Draft, text: str, ents: list[SpacySpan], s0: int, s1: int
                      ) -> bool:
        """Give ``prev`` the first town-like place of the segment when its own place is missing
        or a region; whether it did."""
        if prev.place_span is not None:
            own = text[prev.place_span[0]:prev.place_span[1]]
            if not re.search(r"\b(?:region|area|province|state|governorate|valley|mountains|"
                             r"district|countryside|oblast)$", own, re.IGNORECASE):
                return False  # the lead named a town: keep it
        place = next((e for e in ents if s0 <= e.start_char < s1 and e.label_ in ("GPE", "FAC")),
                     None)
        if place is None:
            return False
        prev.place_span = (place.start_char, place.end_char)
        prev.sentence = (prev.sentence[0], max(prev.sentence[1], s1))
        return True

    # -- per segment ------------------------------------------------------------------------
    def _segment(self, doc: Doc, text: str, sent: SpacySpan, s0: int, s1: int,
                 hits: list[ActorHit], country: str | None, dominant: ActorHit | None,
                 published: dt.date | None, drafts: list[_Draft], ents: list[SpacySpan],
                 story: dict[str, str] | None = None, notes: list[_Note] | None = None,
                 asof: dt.date | None = None) -> _Draft | None:
        seg = text[s0:s1]
        cands = find_triggers(seg, s0)
        if not cands:
            return None
        log = notes if notes is not None else []
        exercise, trial = bool(L.EXERCISE.search(seg)), bool(L.TRIAL.search(seg))
        if story is not None and not drafts and "scope" not in story and (trial or exercise):
            # a story that opens on a trial or a drill stays one ("A court sentenced three men
            # convicted of the 2021 bombings ... The two blasts killed four people")
            story["scope"] = "trial" if trial else "exercise"

        def reject(status: str, reason: str, c: TriggerCandidate, typ: str | None) -> None:
            log.append(_Note((s0, s1), (c.start, c.end), typ, status, reason))

        in_seg = [h for h in hits if s0 <= h.start and h.end <= s1]
        seg_hits = [h for h in in_seg if not _is_source(text, h)]
        sources = [h for h in in_seg if h not in seg_hits and h.role in ("state", "armed")]
        resolved = []
        for c in cands:
            typ = self._resolve_kind(c, ents, seg, s0, seg_hits, doc)
            if typ is not None:
                resolved.append((c, typ))
        if not resolved:
            best = max(cands, key=lambda c: c.priority)
            reject("generic", "an event word, but no event of a type it can denote here "
                   "(no place taken, no actor hurt)", best, None)
            return None
        ranked = []
        for c, typ in resolved:
            tok = _token_at(doc, c.start)
            if tok is None:
                continue
            bonus = MAIN_PREDICATE_BONUS if kind_record(c.kind).main_predicate_bonus and \
                _is_main_predicate(tok) else 0
            if tok.dep_ == "relcl" and tok.head.i < tok.i:
                # "relatives of people who disappeared during the war marched": the relative
                # clause says who they are, the main verb what happened
                bonus -= RELATIVE_CLAUSE_PENALTY
            ranked.append((c.priority + bonus, c, typ, tok))
        ranked.sort(key=lambda r: (-r[0], r[1].start))
        ranked = _specific_first(ranked)
        if ranked and ranked[0][2] == "Disrupted weapons use" and re.match(
                r"destroy", text[ranked[0][1].start:ranked[0][1].end], re.IGNORECASE):
            # "two strikes engaged a unit and destroyed a rocket launcher": what the strike
            # destroyed, not a weapons seizure
            strikes = [r for r in ranked if r[2] in FIRED_FROM_AFAR]
            if strikes:
                ranked = strikes + [r for r in ranked if r not in strikes]
        if ranked and ranked[0][2] == "Looting/property destruction":
            # "stormed the village, shooting residents and burning homes": ACLED codes the
            # attack, the burning is its detail
            violent = [r for r in ranked if SUB_EVENTS[r[2]].event_type in VIOLENT_TYPES
                       and HARM_WORD.match(text, r[1].start)]  # (not a bare "raided")
            if violent:
                ranked = violent + [r for r in ranked if r not in violent]
        if any(r[2] == "Disrupted weapons use" for r in ranked):
            # "troops arrested four militants and seized explosive belts": ACLED codes the
            # arrests, the weapons seized are their detail
            arrests = [r for r in ranked if r[2] == "Arrests"]
            if arrests:
                ranked = arrests + [r for r in ranked if r not in arrests]
        if ranked and ranked[0][2] == "Disrupted weapons use" and re.match(
                r"seiz|captur|took|loot|made\s+off", text[ranked[0][1].start:], re.IGNORECASE):
            # "claimed the assault on the army base, saying its fighters had seized weapons":
            # the weapons an attack took are its detail, the assault is the event
            fights = [r for r in ranked if r[2] in ("Armed clash", "Attack")
                      and r[1].start < ranked[0][1].start]
            if fights:
                ranked = fights + [r for r in ranked if r not in fights]
        # -- what is not a new event: the best trigger that is asserted, current, in scope ---
        chosen = None
        spans = [(c.start, c.end) for c in cands]
        first_reason: tuple[str, str, TriggerCandidate, str] | None = None
        for _, c, typ, tok in ranked:
            why = None
            if _equipment(tok):
                continue  # "armed with grenades", "backed by a drone": the means, not the event
            if negated(tok):
                why = ("negated", "negated (no/not/without, or denied)")
            elif irrealis(tok, seg, c.start - s0):
                why = ("hypothetical", "not (yet) happened: future, intended, planned, "
                       "threatened or conditional")
            elif dated_background(tok, published):
                why = ("background", "the event word carries an earlier year")
            elif _modifier_only(doc, c, spans) or _unanchored_noun(doc, c, seg, ents):
                why = ("generic", "an event word used as a modifier or in general, not an "
                       "incident")
            if why is not None:
                if first_reason is None:
                    first_reason = (*why, c, typ)
                continue
            chosen = (c, typ, tok)
            break
        if chosen is None:
            if first_reason is not None:
                reject(*first_reason)
            return None
        cand, typ, trig_tok = chosen
        resolved = [(c, t) for _, c, t, _ in ranked]
        scope = out_of_scope(seg, typ, cand.kind, seg_hits, trig_tok, country, s0)
        if scope is None and not _is_demo(typ) and (exercise or trial):
            scope = "exercise" if exercise else "trial"
        if scope in ("diplomacy", "attribution") and (
                (not drafts and KILL_WORDS.search(seg) and any(
                    e.label_ in PLACE_LABELS for e in ents if s0 <= e.start_char < s1))
                or (all(d.date_span is None for d in drafts)
                    and _one_told_attack(trig_tok, seg, s0, s1, ents))) \
                and not DIPLOMATIC_PROTEST.search(seg):
            # the first report of an attack, told in a condemnation ("condemns the suicide
            # attacks in the town of Tel Tamer, which killed scores of civilians") or in a
            # claim of responsibility ("claimed Monday's blast near Kutru that killed eight");
            # or one attack, a singular noun placed or dated, while no event told so far has
            # a date ("UNAMA condemns attack on mosque in X", "claimed responsibility for
            # Friday's suicide bombing at a mosque"): in an article the attack is news whoever
            # tells it (CASE 2021, sentences judged one by one, codes some such statements as
            # no event: weighted F1 0.791 -> 0.790); a claim of an attack told before is the
            # same event, linked as a retelling
            scope = None
        # (a clause "a day after ..." of its own tells an earlier event: segments.AFTER_CLAUSE)
        new_cue = bool(L.NEW_EVENT.search(seg)) or bool(AFTER_CLAUSE.match(seg))
        if story is not None:
            if scope in ("disaster", "crime", "exercise", "trial") and not drafts:
                story["scope"] = scope  # the article's lead story is out of scope
            elif re.match(r"\s*(?:separately|elsewhere|meanwhile|in\s+(?:another|a\s+separate))\b",
                          seg, re.IGNORECASE):
                story.pop("scope", None)
            elif scope is None and story.get("scope") in ("exercise", "trial") and not drafts \
                    and not _is_demo(typ) and not new_cue:
                # the drill's missiles, the convicted men's bombs: the same out-of-scope story
                scope = story["scope"]
            elif scope is None and story.get("scope") and not drafts and not any(
                    h.role in ("armed", "state") for h in seg_hits) and not _is_demo(typ):
                # more about the accident or the crime told before ("the blast occurred in
                # a tank", "a wide area was evacuated")
                scope = story["scope"]
        if scope is not None:
            reject("out_of_scope", SCOPE_REASONS.get(scope, scope), cand, typ)
            return None
        if (bg := L.BACKGROUND.search(seg)) is not None and not recent_cue(seg):
            reject("background", f"history: {bg.group(0)!r}", cand, typ)
            return None
        if (m := L.HABITUAL.search(seg)) is not None and not recent_cue(seg):
            reject("generic", f"fighting told as a habit: {m.group(0)!r}", cand, typ)
            return None
        if (m := L.DURATION.search(seg)) is not None and not recent_cue(seg):
            reject("generic", f"a conflict told over its duration: {m.group(0)!r}", cand, typ)
            return None
        if (m := L.PERIOD_TOLL.search(seg)) is not None and KILL_WORDS.search(seg) and \
                not L.RANKED.search(seg, max(0, m.start() - 100), m.start()):
            reject("generic", f"a toll over a period: {m.group(0)!r}", cand, typ)
            return None
        if (m := L.CONFLICT_TOLL.search(seg)) is not None and not recent_cue(seg):
            reject("generic", f"the toll of a whole conflict: {m.group(0)!r}", cand, typ)
            return None
        if L.FOILED_PLOT.search(seg) and not L.SEIZED_OR_HELD.search(seg):
            reject("hypothetical", "a plot stopped before it happened, nothing seized and no "
                   "one held", cand, typ)
            return None

        if (m := L.YEARS_AFTER.search(text, s0, cand.start)) is not None:
            reject("background", f"history a later date is counted from: {m.group(0)[:40]!r}",
                   cand, typ)
            return None

        # outcome-only sentences add to the previous mention (split arguments)
        prev = drafts[-1] if drafts else None
        # ("the same day", "two days later": from the last event told with a date, not an
        # undated detail in between, "Shops and granaries were set on fire")
        dated = next((d for d in reversed(drafts) if d.date is not None), None)
        date, date_span = self._date(ents, s0, s1, cand.start, published, dated, asof,
                                     trig_end=cand.end)
        if date == "background":
            reject("background", f"dated more than {BACKGROUND_DAYS} days before publication",
                   cand, typ)
            return None
        if isinstance(date, ResolvedDate) and published is not None and \
                (published - date.date).days > PLUPERFECT_DAYS and pluperfect(trig_tok):
            # "The group had taken the town last month": the past perfect with an earlier
            # date tells the story's background
            reject("background", "told in the past perfect ('had ...') with an earlier date",
                   cand, typ)
            return None
        merged = len(drafts) - 1

        def retold(reason: str) -> None:
            log.append(_Note((s0, s1), (cand.start, cand.end), typ, "reported",
                             f"retold: {reason}", merged))

        if prev is not None and _definite_participant(trig_tok):
            # "the kidnappers called on Monday to demand a ransom", "the attackers fled": the
            # people of the event told before, not a new event
            if prev.sentence[1] >= sent.start_char - 2:
                self._merge_outcome(prev, seg, s0, s1)
            if isinstance(date, ResolvedDate) and date_span is not None and \
                    _day_told_by_speech(sent.doc, prev) and \
                    _date_attachment(_span_at(sent.doc, date_span), _words(sent.doc, cand.start,
                                                                            cand.end)) < 2 and \
                    0 < (prev.date.date - date.date).days <= 2:  # type: ignore[union-attr]
                # "Gunmen killed 14 people in an overnight raid, officials said on Monday.
                # The attackers arrived shortly before midnight on Sunday": the event's own
                # day, where the first telling had only the day it was told
                prev.date, prev.date_span = date, date_span
            retold(f"{text[cand.start:cand.end]!r} are the people of an event told before")
            return None
        if cand.kind in ("outcome", "violence") and prev is not None and date is None \
                and not new_cue and all(h.role == "civilian" for h in seg_hits) \
                and prev.sentence[1] >= sent.start_char - 2 \
                and ";" not in text[prev.sentence[1] - 1:s0 + 1]:
            if seg_hits and SUB_EVENTS[prev.sub_event_type].event_type == "Battles":
                # "Rebels killed six civilians on Wednesday, and troops clashed with them the
                # next day. The civilians were shot near Bocaranga": civilians hit are the
                # outcome of the attack on civilians told just before the battle
                hit = next((i for i in range(len(drafts) - 2, max(-1, len(drafts) - 4), -1)
                            if SUB_EVENTS[drafts[i].sub_event_type].event_type
                            == "Violence against civilians"), None)
                if hit is not None:
                    merged, prev = hit, drafts[hit]
            self._merge_outcome(prev, seg, s0, s1)
            if seg_hits and prev.actor2 is None and prev.actor1 is not None \
                    and prev.actor1.inter != 7 and KILL_WORDS.search(seg):
                # "armed men attacked the village. The toll is 17 civilians killed": the
                # victims the event's first telling did not name (an attack on civilians
                # unless the event word was one of fighting, see _finish)
                h = seg_hits[0]
                prev.actor2 = ActorMention(
                    name=self.actors.resolve(h.name, h.country or country), inter=7,
                    span=Span(start=h.start, end=h.end, text=h.text))
            retold("an outcome of the event told just before")
            return None
        adjacent = prev is not None and prev.sentence[1] >= sent.start_char - 2
        # "The first blast hit ...": one of the events the draft before counts, not more of it
        part = prev is not None and _part_of_count(prev, cand.start, text)
        if adjacent and date is None and prev is not None and not new_cue and not part and (
                _anaphoric(trig_tok) or (_is_demo(typ) and _is_demo(prev.sub_event_type)
                                         and not _another_place(text, sent.start_char, prev))):
            # "The demonstration ended peacefully." / "The strikes also destroyed a market."
            # / "Several protesters were injured.": more about the previous event
            self._merge_outcome(prev, seg, s0, s1)
            retold("more about the event told just before")
            return None
        told = [n for n in log if n.segment[0] < s0 and n.status in (
            "reported", "background", "hypothetical")]
        last = told[-1] if told else None
        if date is None and _anaphoric(trig_tok) and last is not None and \
                last.status in ("background", "hypothetical") and last.sub_event_type and \
                SUB_EVENTS[last.sub_event_type].event_type in VIOLENT_TYPES and \
                SUB_EVENTS[typ].event_type in VIOLENT_TYPES and \
                (prev is None or prev.sentence[0] < last.segment[0]):
            # "seven years after suicide bombers attacked churches ... The coordinated
            # bombings also struck three hotels": more about the event just set aside
            reject(last.status, f"{text[cand.start:cand.end]!r} refers to an event told just "
                   f"before as {last.status}", cand, typ)
            return None
        if prev is not None and date is None and _anaphoric(trig_tok) and not part and \
                not AFTER_CLAUSE.match(seg) and not any(
                e.label_ in PLACE_LABELS for e in ents if s0 <= e.start_char < s1):
            # (not in a clause ", the day after the killing of ...": an earlier event)
            # "the attack" told again further down, with nothing new: the same event (its
            # sentence is not added to the evidence of the earlier mention)
            if prev.fatalities == 0:
                self._merge_outcome(prev, seg, s0, prev.sentence[1])
            retold(f"{text[cand.start:cand.end]!r} refers to an event told before")
            return None

        if cand.kind in ("outcome", "violence") and prev is None and typ == "Attack" and \
                BARE_OUTCOME.fullmatch(text[cand.start:cand.end]) and \
                not any(h.role in ("state", "armed") for h in seg_hits) and \
                not any(c.kind == "violence" and not BARE_OUTCOME.fullmatch(
                    text[c.start:c.end]) for c in cands):
            # "a man is dead after his car crashed": a death with no perpetrator in sight
            reject("out_of_scope", "a death with no perpetrator or armed actor in sight",
                   cand, typ)
            return None
        modality = kind_record(cand.kind).modality
        score = _base_score(cand, typ, resolved, _is_main_predicate(trig_tok))
        d = _Draft(sentence=(sent.start_char, sent.end_char), trigger=(cand.start, cand.end),
                   sub_event_type=typ, score=score, kind=cand.kind, modality=modality,
                   main=_is_main_predicate(trig_tok), pos=trig_tok.pos_)
        if isinstance(date, ResolvedDate):
            d.date, d.date_span = date, date_span
        self._actors(d, doc, trig_tok, seg, s0, seg_hits, country, dominant, prev, ents)
        if d.actor1 is None and sources and any(
                c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "PRON" or any(
                    g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children))
                for c in list(governing_verb(trig_tok).children) + [trig_tok]):
            # "the command said it had launched ...": the source is the actor
            h = sources[0]
            d.actor1 = ActorMention(name=self.actors.resolve(h.name, h.country or country),
                                    inter=h.inter, span=Span(start=h.start, end=h.end,
                                                             text=h.text))
        if typ in ("Attack", "Armed clash") and (
                (d.actor1 is not None and d.actor1.name.startswith("Police Forces")) or (
                    (d.actor1 is None or d.actor1.name.startswith("Unidentified")) and
                    POLICE_OFFICER.search(text, s0, cand.start))) and (
                    d.actor2 is None or d.actor2.inter == 7) and \
                POLICE_OFFICER.search(seg) and POLICING.search(seg) and \
                not POLITICAL_ARREST.search(seg):
            reject("out_of_scope", "a police shooting of a criminal suspect, no political "
                   "actor or demonstration (ordinary policing)", cand, typ)
            if story is not None and not drafts:
                story["scope"] = "crime"  # the rest of the story is about the same shooting
            return None
        if typ == "Arrests" and not political_arrest(d, seg) and not (
                ARREST_OVER.search(seg) and any(
                    SUB_EVENTS[x.sub_event_type].event_type in VIOLENT_TYPES for x in drafts)):
            # (in scope: "arrested three suspects in connection with the case" after a
            # grenade thrown at a police station)
            reject("out_of_scope", "an arrest of suspects with no political or armed "
                   "affiliation named (ordinary policing)", cand, typ)
            return None
        if (sport := SPORT.search(seg)) is not None:
            reject("out_of_scope", f"sport: {sport.group(0)!r}", cand, typ)
            return None
        if _is_demo(typ) and (cause := DEMO_CAUSE.search(seg, cand.end - s0)) is not None:
            # "rioting hit Sevran after a teenager died fleeing a police check": the death
            # that set off the demonstration is not one of its dead
            self._fatalities(d, seg[:cause.start()], s0, doc)
        else:
            self._fatalities(d, seg, s0, doc)
        d.place_span = _place(text, ents, trig_tok, s0, s1, seg_hits)
        if self.classifier is not None:
            self._classify(d, seg)
        return d

    def _resolve_kind(self, c: TriggerCandidate, ents: list[SpacySpan], seg: str, s0: int,
                      seg_hits: list[ActorHit], doc: Doc | None = None) -> str | None:
        kind = c.kind
        roles = Counter(h.role for h in seg_hits)
        told = seg
        full = doc_text(doc) if doc is not None and s0 > 0 else ""
        if full and s0 < full.find("\n") and is_headline_text(full, 0, s0):
            # a headline's second clause is told with its first ("Thousands march in Gabes
            # against pollution, clashes at night": the marchers' clashes)
            told = full[:s0] + seg
        protest_ctx = bool(PROTEST_CONTEXT.search(told)) \
            or any(h.role == "protester" and not h.text.lower().startswith("activist")
                   for h in seg_hits) \
            or bool(re.search(r"\b(?:tear\s*-?gas|water\s+cannons?|rubber\s+bullets|"
                              r"disperse[ds]?\s+(?:the\s+)?(?:crowds?|anti-))", seg, re.IGNORECASE))
        if kind in SUB_EVENTS:
            if kind == "Disrupted weapons use" and L.FOILED_ASSAULT.match(seg, c.start - s0) \
                    and not L.BLAST_WEAPON.search(seg):
                # "officers foiled a cowardly attack by Khawarij on the police station": an
                # assault beaten off is a battle (a bomb or a drone stopped is disrupted weapons
                # use; a foiled attempt with nothing seized is no event: L.FOILED_PLOT)
                return "Armed clash"
            if kind == "Agreement" and not STRONG_AGREEMENT.search(seg):
                return None
            if kind == "Non-violent transfer of territory" and not any(
                    h.role in ("state", "armed") for h in seg_hits):
                return None  # a withdrawal with no force named: politics, not territory
            if protest_ctx and SUB_EVENTS[kind].retyped_in_protest:
                return _protest_type(seg)  # arrests of demonstrators, demonstrators' damage
            return kind
        if kind == "protest":
            if re.search(r"strik", seg[c.start - s0:c.end - s0], re.IGNORECASE) and \
                    L.STRIKE_MILITARY.search(seg):
                return None
            return _protest_type(seg)
        if kind == "riot":
            if protest_ctx:
                return _protest_type(seg)
            word = seg[c.start - s0:c.end - s0].lower()
            if word.startswith("riot"):
                return "Violent demonstration"
            return "Mob violence"
        if kind in ("clash", "violence") and not protest_ctx and L.DRONE_WEAPON.search(
                seg, c.start - s0, c.end - s0 + 120):
            return "Air/drone strike"  # "attacked the army base with explosive-laden drones"
        if kind == "clash":
            if protest_ctx:
                return _protest_type(seg)
            sides = [h for h in seg_hits if h.role in ("state", "armed")
                     and not (c.start <= h.start < c.end)]
            if L.CROWD_CLASH.search(seg):
                if not sides:
                    return "Mob violence"  # party supporters or villagers fighting each other
                if all(h.role == "state" for h in sides):
                    # "youths clashed with police", "villagers fought with gendarmes": a crowd
                    # against the forces of order is a riot for ACLED, not a battle
                    return "Violent demonstration"
            return "Armed clash"
        if kind == "territory":
            after = seg[c.end - s0:c.end - s0 + 80]
            place_after = bool(PLACE_NOUNS.search(after[:60])) or any(
                e.label_ in PLACE_LABELS and c.end <= e.start_char < c.end + 60
                for e in ents)
            actor1 = _subject_actor(doc, c.start, seg_hits) or _first_before(seg_hits, c.start)
            trig_text = seg[c.start - s0:c.end - s0].lower()
            passive = bool(re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$",
                                     seg[max(0, c.start - s0 - 30):c.start - s0])) \
                or trig_text.startswith(("fell to", "fallen to", "pushed", "driven", "forced"))
            if not place_after and passive:
                before = seg[max(0, c.start - s0 - 60):c.start - s0]
                place_after = bool(PLACE_NOUNS.search(before)) or any(
                    e.label_ in PLACE_LABELS and c.start - 60 <= e.start_char < c.start
                    for e in ents)
            if RAID_WITH_VIOLENCE.match(seg, c.start - s0):
                # a raid that shot or burned: violence, typed by whom it hit
                return self._resolve_kind(TriggerCandidate(c.start, c.end, "violence",
                                                           c.priority), ents, seg, s0,
                                          seg_hits, doc)
            if not place_after or WEAPON_OBJECT.match(seg, c.end - s0) or \
                    STORMED_POST.match(seg, c.start - s0):
                return None  # (an assault on a base or a post is a battle: the clash trigger)
            if PEACEFUL_TRANSFER.search(seg) and not FOUGHT_FOR.search(seg):
                # taken after the other side withdrew, or without a fight (not "recaptured the
                # town after a gunfight with the militants, who withdrew north")
                return "Non-violent transfer of territory"
            if passive:
                # "the town fell to X", "X were pushed back": the winner is after the trigger
                after_hits = [h for h in seg_hits if h.start >= c.end
                              and h.role in ("state", "armed")]
                if after_hits:
                    actor1 = after_hits[0]
                elif actor1 is not None:
                    return ("Non-state actor overtakes territory" if actor1.inter == 1
                            else "Government regains territory")
            if actor1 is not None and actor1.inter == 1:
                return "Government regains territory"
            if actor1 is not None and actor1.inter in (2, 3, 4, 8):
                return "Non-state actor overtakes territory"
            return ("Government regains territory" if TERRITORY_REGAIN.search(
                seg[c.start - s0:c.end - s0]) else "Non-state actor overtakes territory")
        if kind in ("violence", "outcome"):
            if protest_ctx:
                return _protest_type(seg)
            if roles["rioter"]:
                return "Mob violence"
            if kind == "violence" and INJURE_ONLY.fullmatch(seg[c.start - s0:c.end - s0]):
                # "injured" alone: an attack only when someone was hurt by someone
                if not seg_hits:
                    return None
            obj = _object_range(doc, c.start) if doc is not None else None
            if obj is not None:
                o0 = max(0, obj[0] - s0)
                after = seg[o0:max(o0, obj[1] - s0)]
                target_hit = next((h for h in seg_hits if obj[0] <= h.start < obj[1]), None)
            else:
                after = seg[c.start - s0:c.start - s0 + 80]
                o0 = c.start - s0
                target_hit = next((h for h in seg_hits if c.end <= h.start < c.end + 80),
                                  None)
            if target_hit is not None and BY_AGENT.search(seg, 0, target_hit.start - s0):
                target_hit = None  # "the attack carried out by members of the Gran Grif gang"
            civ = L.civilian_victims(seg)
            armed_target = L.ARMED_WORDS.search(seg, max(0, o0), max(0, o0) + len(after))
            # the agent phrase is read before the actor's name the word ends ("a massacre
            # committed by the Rapid Support Forces militia"), not before the word itself
            if armed_target is not None and BY_AGENT.search(seg, 0, next(
                    (h.start - s0 for h in seg_hits
                     if h.start - s0 <= armed_target.start() < h.end - s0),
                    armed_target.start())):
                armed_target = None  # "shot dead by two gunmen": the attackers, not the hit
            if not seg_hits or all(h.role == "civilian" for h in seg_hits):
                if kind == "violence" and re.match(r"clash|fight|fought", seg[c.start - s0:],
                                                   re.IGNORECASE):
                    return "Mob violence"
            if civ is not None and _operation_against_armed(seg, s0, seg_hits):
                # "a police operation against the Comando Vermelho left five people dead": the
                # forces fought the group; the dead are not told to be bystanders
                return "Armed clash"
            if target_hit is not None:
                if target_hit.role == "civilian":
                    return "Attack"
                if target_hit.role in ("state", "armed"):
                    return "Armed clash"
            if armed_target and not (civ and civ.start() >= c.start - s0 and
                                     civ.start() < armed_target.start()):
                return "Armed clash"
            if obj is not None and kind == "violence" and STATE_VICTIMS.search(after) and \
                    not L.CIVILIAN_WORDS.search(after):
                # "attacked the detachment of Diapaga": forces as the object, a battle (whoever
                # the subject is: "Terrorist individuals")
                return "Armed clash"
            forces_hit = STATE_VICTIMS.search(seg) or L.PEOPLE_WITH_FORCES.search(seg)
            if civ is None and forces_hit and forces_hit.start() < c.start - s0 and \
                    VICTIM_SUBJECT.search(seg, max(0, c.start - s0 - 40), c.start - s0):
                return "Armed clash"  # "the police post came under attack by al-Shabaab"
            if civ is None and UNDER_FIRE.match(seg, c.start - s0) and \
                    L.ARMED_WORDS.search(seg, 0, c.start - s0):
                return "Armed clash"  # "soldiers came under fire", "police said they had come"
            if civ is None and forces_hit and (
                    KILL_WORDS.search(seg) or re.search(r"\btarget", seg, re.IGNORECASE)):
                # "23 soldiers lost their lives in the attack", "the detachment was the target
                # of a complex attack": the forces hit are a side, the attack a battle
                return "Armed clash"
            if civ or L.CIVILIAN_WORDS.search(seg):
                # (people or places of civilians, even as the ones who told it: "residents
                # said the town came under attack")
                return "Attack"
            if kind == "outcome" or KILL_WORDS.search(seg[c.start - s0:c.end - s0]) or any(
                    m.start() <= c.start - s0 < m.end() for m in L.DEADLY_EVENT.finditer(seg)):
                return "Attack"  # a killing, or "deadly attacks", with no actor named
            # ("a convoy of fuel tankers came under attack near Diema": something was hit)
            return "Attack" if seg_hits or UNDER_FIRE.search(
                seg, max(0, c.start - s0 - 14), c.start - s0) else None
        if kind == "operation" and UNDER_FIRE.search(seg, c.end - s0, c.end - s0 + 40):
            return None  # "a convoy of fuel tankers came under attack": what was hit
        if kind == "operation":
            return "Change to group/activity"
        return None

    # -- arguments --------------------------------------------------------------------------
    def _actors(self, d: _Draft, doc: Doc, trig: Token, seg: str, s0: int,
                seg_hits: list[ActorHit], country: str | None, dominant: ActorHit | None,
                prev: _Draft | None, ents: list[SpacySpan]) -> None:
        def mention(h: ActorHit) -> ActorMention:
            name, inter = h.name, h.inter
            if dominant is not None and h.text.lower() in GENERIC_ARMED and h.role == "armed":
                name, inter = dominant.name, dominant.inter
            return ActorMention(name=self.actors.resolve(name, h.country or country), inter=inter,
                                span=Span(start=h.start, end=h.end, text=h.text))

        verb = governing_verb(trig)
        subj_ids, obj_ids, agent_ids = set(), set(), set()
        for ch in verb.children:
            ids = {t.idx for t in ch.subtree}
            if ch.dep_ in ("nsubj", "csubj", "expl"):
                subj_ids |= ids
            elif ch.dep_ == "agent":
                agent_ids |= ids
            elif ch.dep_ in ("nsubjpass", "dobj", "dative", "attr", "prep", "npadvmod", "pobj"):
                obj_ids |= ids
        if trig is not verb and verb.lemma_.lower() in OPINION_VERBS:
            subj_ids = set()  # "The United States condemns ISIL's attacks": the commenter
        if trig is not verb:
            noun = trig  # ("motorcycle bomb": the phrase's head)
            while noun.dep_ in ("compound", "amod") and noun.head.i > noun.i:
                noun = noun.head
            for ch in noun.children if noun is not verb else trig.children:
                if ch is trig:
                    continue
                ids = {t.idx for t in ch.subtree}
                if ch.dep_ == "prep" and ch.lower_ == "by":  # "the kidnapping of X by Y"
                    agent_ids |= ids
                elif ch.dep_ == "acl" and any(g.dep_ == "agent" for g in ch.children):
                    # "the attack carried out on 11 October by members of the gang": the
                    # participle's agent is the attack's (the rest of its clause names no target)
                    agent_ids |= {t.idx for g in ch.children if g.dep_ == "agent"
                                  for t in g.subtree}
                elif ch.dep_ in ("poss",) and trig.pos_ == "NOUN":
                    agent_ids |= ids
                else:
                    obj_ids |= ids
                    if ch.dep_ == "acl" and any(g.dep_ == "dobj" for g in ch.children):
                        # "a motorcycle bomb targeting a police van killed five": what the
                        # trigger's participle hits is no part of the subject
                        subj_ids -= ids

        def in_ids(h: ActorHit, ids: set[int]) -> bool:
            return any(h.start <= i < h.end for i in ids)

        full = doc_text(doc)
        hit_subject = bool(VICTIM_SUBJECT.search(full, max(0, trig.idx - 40), trig.idx)) or \
            bool(UNDER_FIRE.match(full, d.trigger[0]))
        if hit_subject:
            # "the police post came under attack by al-Shabaab", "a police truck struck an
            # IED": the subject was hit; the attacker is the one "by" names, if any
            obj_ids |= subj_ids
            subj_ids = set()
            agent_ids |= {i for h in seg_hits if h.start > trig.idx and BY_AGENT.search(
                full, max(0, h.start - 60), h.start) for i in range(h.start, h.end)}

        # the people a participle tells as killed are its victims ("fifteen soldiers and VDP
        # killed"), never its initiator
        patients = {t.idx for t in trig.head.subtree} if trig.dep_ in ("acl", "amod") and \
            trig.head.i != trig.i else set()
        if trig.lower_ in ("killed", "wounded", "injured") and not any(
                ch.dep_ in ("dobj", "aux", "auxpass") for ch in trig.children):
            # "the toll is about fifteen soldiers and VDP killed", "15 soldiers killed in
            # ambush" (a headline): "killed" with no object and no auxiliary is a passive, its
            # subject the victims
            patients |= {t.idx for ch in trig.children if ch.dep_ in ("nsubj", "nsubjpass")
                         for t in ch.subtree}
            subj_ids -= patients
        if trig is not verb and verb.lemma_.lower() in ("succumb", "sustain", "suffer", "die",
                                                        "receive"):
            # "Four officers succumbed to injuries", "two others sustained wounds": the
            # subject was hurt, nobody named hurt them
            patients |= subj_ids
            subj_ids = set()
        a1 = [h for h in seg_hits if in_ids(h, agent_ids)] or \
            [h for h in seg_hits if in_ids(h, subj_ids) and h.role != "civilian"]
        a2 = [h for h in seg_hits if in_ids(h, obj_ids) and h not in a1] or \
            [h for h in seg_hits if in_ids(h, patients) and h not in a1]
        if not a1 and not hit_subject:
            a1 = _ner_actor(ents, agent_ids or subj_ids, self.actors) or \
                [h for h in seg_hits if h.end <= d.trigger[0] and h.role not in ("civilian",)
                 and h not in a2 and not in_ids(h, patients)][:1]
        if not a2:
            a2 = [h for h in seg_hits if h.start >= d.trigger[1] and h not in a1][:1] or \
                [h for h in _ner_actor(ents, obj_ids, self.actors)
                 if not h.text.lower().startswith("operation")]
        # one phrase is never both sides: the dictionary's hit and the tagger's entity over
        # "the Rapid Support Forces militia" (the agent of "a massacre committed by ...")
        a2 = [h for h in a2 if not any(h.start < x.end and x.start < h.end for x in a1)]
        typ = d.sub_event_type
        et = SUB_EVENTS[typ].event_type
        if typ in ("Peaceful protest", "Protest with intervention",
                   "Excessive force against protesters"):
            state = [h for h in seg_hits if h.role == "state"]
            d.actor1 = ActorMention(name=self.actors.resolve("Protesters ({country})", country),
                                    inter=6, span=_span_of([h for h in seg_hits
                                                            if h.role == "protester"], doc))
            d.actor2 = mention(state[0]) if state and typ != "Peaceful protest" else None
            return
        if et == "Riots":
            rioters = [h for h in seg_hits if h.role in ("rioter", "protester")]
            name = "Rioters ({country})"
            d.actor1 = ActorMention(name=self.actors.resolve(name, country), inter=5,
                                    span=_span_of(rioters, doc))
            others = [h for h in seg_hits if h.role not in ("rioter", "protester")]
            # the forces the crowd fought before the people it hurt ("two young men were shot
            # dead as youths clashed with police")
            others.sort(key=lambda h: h.role != "state")
            d.actor2 = mention(others[0]) if others else None
            if typ == "Mob violence" and L.CROWD_CLASH.search(seg) and \
                    not any(h.role == "state" for h in others):
                # two crowds fighting each other ("supporters of the BNP and Jamaat-e-Islami
                # clashed"): rioters on both sides, whoever was hurt
                d.actor2 = ActorMention(name=self.actors.resolve(name, country), inter=5)
            return
        if a1:
            d.actor1 = mention(a1[0])
            d.assoc1 = [mention(h) for h in a1[1:] if h.name != a1[0].name][:2]
        if a2:
            d.actor2 = mention(a2[0])
            d.assoc2 = [mention(h) for h in a2[1:] if h.name != a2[0].name][:2]
        if d.actor1 is not None and d.actor2 is not None and d.actor1.name == d.actor2.name \
                and typ != "Armed clash":
            d.actor2 = None
        if typ == "Armed clash" and d.actor2 is not None and d.actor2.inter == 7:
            # "Ten people, including a captain, were killed when ISWAP attacked military
            # formations": in a battle the other side is the armed one named, not the dead
            side = next((h for h in seg_hits if h.role in ("state", "armed") and (
                d.actor1 is None or mention(h).name != d.actor1.name)), None)
            if side is not None:
                d.actor2 = mention(side)
        if typ == "Arrests" and (d.actor1 is None or d.actor1.inter != 1):
            if d.actor1 is not None and d.actor2 is None:
                d.actor2 = d.actor1
            d.actor1 = ActorMention(name=self.actors.resolve("Police Forces of {country}",
                                                             country), inter=1)
        if et == "Violence against civilians":
            if d.actor1 is None or d.actor1.inter == 7:
                if d.actor1 is not None and d.actor2 is None:
                    d.actor2 = d.actor1
                carried = prev.actor1 if prev is not None and prev.actor1 is not None and \
                    SUB_EVENTS[prev.sub_event_type].event_type == et else None
                d.actor1 = carried.model_copy(update={"span": None}) if carried is not None \
                    else ActorMention(name=self.actors.resolve(
                        "Unidentified Armed Group ({country})", country), inter=3)
            if d.actor2 is None or d.actor2.inter != 7:
                civ = L.CIVILIAN_WORDS.search(seg)
                d.actor2 = ActorMention(
                    name=self.actors.resolve("Civilians ({country})", country), inter=7,
                    span=Span(start=s0 + civ.start(), end=s0 + civ.end(), text=civ.group(0))
                    if civ else None)
        if et == "Explosions/Remote violence" and d.actor1 is None and typ != "Air/drone strike":
            d.actor1 = ActorMention(name=self.actors.resolve(
                "Unidentified Armed Group ({country})", country), inter=3)

    def _fatalities(self, d: _Draft, seg: str, s0: int, doc: Doc | None = None) -> None:
        seg = _without_numeral_echoes(seg)
        if not KILL_WORDS.search(seg):
            for m in L.DEADLY_EVENT.finditer(seg):
                if s0 + m.start() <= d.trigger[0] < s0 + m.end():
                    # "a deadly raid" (the raid is this event): at least one death
                    d.fatalities = 1
                    d.fatalities_span = (s0 + m.start(), s0 + m.end())
                    break
            return
        cands = fatality_candidates(seg)
        victims = victim_count(doc, s0, s0 + len(seg)) if doc is not None else None
        if cands:
            # the conservative figure: the smallest number reported for the killing, unless
            # the numbers are parts ("including ...", "four of the eight") of another figure
            v, a, b = conservative(seg, cands)
            v, b = summed_fatalities(seg, a, b, v)
            if v > 1 and AGGREGATE.search(seg):
                # a toll over many events ("across the country", "death toll tops"): not this
                # event's count; the conservative minimum of one death, with no span
                d.fatalities = 1
                return
            if victims is not None and victims[0] > v and \
                    victims[1] <= s0 + a and s0 + b <= victims[2]:
                # the number is one of several coordinated victims ("a soldier, 6 militants
                # killed"): all of them count
                v, a, b = victims[0], victims[1] - s0, victims[2] - s0
            d.fatalities = v
            d.fatalities_span = (s0 + a, s0 + b)
        elif victims is not None and not AGGREGATE.search(seg):
            # coordinated victims without numbers ("kill a farmer and his son"): one each
            d.fatalities = victims[0]
            d.fatalities_span = (victims[1], victims[2])
        elif (one := SINGLE_VICTIM.search(seg) or SINGLE_DEATH.search(seg)) is not None:
            # a killing with no number: at least one death (the conservative figure)
            d.fatalities = 1
            d.fatalities_span = (s0 + one.start(), s0 + one.end())
        if d.fatalities == 0 and re.search(r"kill|murder|massacr|behead|execut|assassinat|slain|"
                                           r"shot\s+dead|gunned\s+down", _trigger_text(seg, s0, d),
                                           re.IGNORECASE):
            # the event is a killing ('rebels kill "scores"'): at least one death
            d.fatalities = 1
            d.fatalities_span = d.trigger

    def _merge_outcome(self, prev: _Draft, seg: str, s0: int, s1: int) -> None:
        cands = fatality_candidates(seg)
        if cands and KILL_WORDS.search(seg) and not L.LONG_PERIOD.search(seg) and (
                prev.fatalities == 0 or prev.fatalities_span is None):
            # a count read here replaces none or the placeholder of an aggregate toll
            v, a, b = conservative(seg, cands)
            prev.fatalities = v
            prev.fatalities_span = (s0 + a, s0 + b)
        prev.sentence = (prev.sentence[0], max(prev.sentence[1], s1))

    def _date(self, ents: list[SpacySpan], s0: int, s1: int, trig_start: int,
              published: dt.date | None, prev: _Draft | None, asof: dt.date | None = None,
              *, trig_end: int | None = None
              ) -> tuple[ResolvedDate | str | None, tuple[int, int] | None]:
        """The event's date from the sentence's date and time entities: first those the
        parse attaches to the trigger, then those attached to neither the trigger nor a verb
        of speech or claim, last those of such a verb ("said on Sunday that the gunmen who
        killed two soldiers on Saturday night", "claimed on Sunday the attack on Friday");
        within each, a time that names no day ("overnight", "at night") after one that
        does, then the nearest to the trigger."""
        ents = [e for e in ents if e.label_ in ("DATE", "TIME") and s0 <= e.start_char
                and e.end_char <= s1]
        if ents:
            # the dateline's date ("BAGHDAD, Jan 16 (Wire) -", under a headline too) is the
            # day of filing
            line = dateline_span(doc_text(ents[0].doc), s0, s1)
            if line is not None:  # (a headline's own date before it stays)
                ents = [e for e in ents if not line[0] <= e.start_char < line[1]]
        trigger: set[int] = set()
        if ents:
            end = trig_end if trig_end is not None else trig_start + 1
            trigger = _words(ents[0].doc, trig_start, end)

        def rank(e: SpacySpan) -> tuple[int, bool, int]:
            vague = e.label_ == "TIME" and not DAY_NAMED.search(e.text)
            return _date_attachment(e, trigger), vague, abs(e.start_char - trig_start)

        best: tuple[ResolvedDate, tuple[int, int]] | None = None
        ref = published or asof
        for e in sorted(ents, key=rank):
            if rank(e)[0] == 3:
                continue  # the claim's day ("claimed on Thursday the attack"): the event's
                # own date is told elsewhere, or only its article's
            r = self.dates.resolve(e.text, published)
            if r is None:
                continue
            if ref is not None and r.date < ref - dt.timedelta(days=BACKGROUND_DAYS) and \
                    trigger and _possessive_of_another_clause(e, trigger):
                continue  # "marched ... where they read the names of those killed in last
                # year's protests": the day of an event of the past, not this one's
            if r.relative_to_event and published is not None:
                anchor = prev.date if prev is not None and prev.date is not None else None
                anchor = self._paragraph_day(e.doc, s0, prev, published) or anchor
                if anchor is None and r.needs_event:
                    continue  # "in the morning", and no day told before: no date
                if anchor is not None:
                    r = ResolvedDate(anchor.date + (r.date - published),
                                     max(anchor.precision, r.precision))
                else:
                    r = ResolvedDate(min(r.date, published), max(r.precision, 2))
            best = (r, (e.start_char, e.end_char))
            break
        if best is None:
            return None, None
        r, span = best
        if ref is not None and r.date < ref - dt.timedelta(days=BACKGROUND_DAYS):
            return "background", None
        if published is None and r.explicit_year is False:
            return None, None
        return r, span

    def _paragraph_day(self, doc: Doc, s0: int, prev: _Draft | None,
                       published: dt.date) -> ResolvedDate | None:
        """The day a paragraph told before the sentence at ``s0``, when no event told since
        its start has a date ("In Central Papua, the TPNPB claimed two attacks on 13 October.
        Two construction workers were shot dead ... in the morning"): what a time of day in
        that sentence is counted from, rather than the last dated event of an earlier
        paragraph."""
        text = doc_text(doc)
        p0 = text.rfind("\n", 0, s0) + 1
        if p0 == 0 or (prev is not None and prev.sentence[0] >= p0):
            return None
        day = None
        for e in doc.ents:
            if e.start_char >= s0:
                break
            if e.start_char >= p0 and e.label_ == "DATE":
                r = self.dates.resolve(e.text, published)
                if r is not None and not r.relative_to_event and r.precision == 1:
                    day = r
        return day

    def _classify(self, d: _Draft, seg: str) -> None:
        assert self.classifier is not None
        label, prob = self.classifier.predict(seg, d.sub_event_type)
        if label in SUB_EVENTS and label != d.sub_event_type and \
                prob >= self.classifier.override:
            d.sub_event_type = label
            d.score = max(d.score, prob)

    def _finish(self, d: _Draft, article: Article, text: str) -> EventMention:
        def sp(t: tuple[int, int] | None) -> Span | None:
            return None if t is None else span(t)

        def span(t: tuple[int, int]) -> Span:
            return Span(start=t[0], end=t[1], text=text[t[0]:t[1]])

        if d.date is not None:
            event_date, precision = d.date.date, d.date.precision
        elif article.published is not None:
            event_date, precision = article.published, 2
        else:
            event_date, precision = None, 3
        if d.sub_event_type == "Armed clash" and d.actor2 is not None and d.actor2.inter == 7 \
                and not L.CLASH_WORD.match(text, d.trigger[0]) and \
                not L.ARMED_WORDS.search(text, d.trigger[0], d.trigger[1]):
            # (not when the trigger itself names the forces hit: "attacked army positions")
            # fire on civilians with no armed side hit back: ACLED's attack, not a clash
            d.sub_event_type = "Attack"
        if d.sub_event_type == "Looting/property destruction" and d.fatalities > 0:
            # "21 civilians were killed and several houses were burnt": ACLED codes the
            # killing; destruction of property is an event of its own only when nothing more
            # violent happened
            d.sub_event_type = "Attack"
        civ = d.actor2 is not None and d.actor2.inter == 7 and SUB_EVENTS[
            d.sub_event_type].event_type in ("Violence against civilians",
                                             "Explosions/Remote violence")
        return EventMention(
            article_id=article.id, sentence=span(d.sentence), trigger=span(d.trigger),
            sub_event_type=d.sub_event_type, confidence=self.calibrator(d.score, d.kind),
            actor1=d.actor1, actor2=d.actor2, assoc_actor_1=d.assoc1, assoc_actor_2=d.assoc2,
            civilian_targeting=civ, fatalities=d.fatalities,
            fatalities_span=sp(d.fatalities_span), event_date=event_date,
            time_precision=precision, date_span=sp(d.date_span), place_span=sp(d.place_span),
            modality=d.modality,  # type: ignore[arg-type]
            kind=d.kind, main_predicate=d.main, trigger_pos=d.pos,
        )

    def _latest_date(self, ents: list[SpacySpan]) -> dt.date | None:
        """The latest day-precise date with its year among the article's entities."""
        days = [r.date for e in ents if e.label_ == "DATE" and
                (r := self.dates.resolve(e.text, None)) is not None and r.explicit_year and
                r.precision == 1]
        return max(days) if days else None

    @staticmethod
    def _dominant_group(hits: list[ActorHit]) -> ActorHit | None:
        named = [h for h in hits if h.role == "armed" and not h.generic]
        if not named:
            return None
        # (a name and its abbreviation after it are one mention: "the Volunteers for the
        # Defence of the Homeland (VDP)")
        counts = Counter(h.name for k, h in enumerate(named) if not (
            k and named[k - 1].name == h.name and h.start - named[k - 1].end <= 3))
        inter = {h.name: h.inter for h in named}
        # (on a tie, a rebel or jihadist group before a militia: "gunmen ... killing soldiers
        # and members of the VDP ... claimed by JNIM")
        top = max(counts, key=lambda n: (counts[n], inter[n] == 2))
        return next(h for h in named if h.name == top)


# -- helpers ---------------------------------------------------------------------------------
def _attribute(a: Attribution, drafts: list[_Draft], text: str) -> None:
    """Give the group a claim or blame names to the violent event told before it (or in its
    sentence) whose initiator is unknown: the nearest one, of the kind the claim names when one
    is."""
    name = a.actor.name
    told = [d for d in drafts if d.sentence[0] < a.sentence[1]
            and SUB_EVENTS[d.sub_event_type].event_type in VIOLENT_TYPES
            and (d.actor2 is None or d.actor2.name != name)]
    open_ = [d for d in told if d.actor1 is None or d.actor1.name.startswith("Unidentified")]
    if a.kinds:
        open_ = [d for d in open_ if d.sub_event_type in a.kinds] or open_
    if not open_:
        return
    d = max(open_, key=lambda d: d.sentence[0])
    h = a.actor
    claimant = ActorMention(name=name, inter=h.inter,
                            span=Span(start=h.start, end=h.end, text=h.text))
    if BOTH_EVENTS.search(text, a.sentence[0], a.sentence[1]):
        # "blamed the Rapid Support Forces for both strikes": the two events told before
        for o in sorted(told, key=lambda o: o.sentence[0])[-2:]:
            if o.actor1 is None or o.actor1.name.startswith("Unidentified"):
                o.actor1 = claimant
        return
    # (a paragraph: a line)
    p0 = text.rfind("\n", 0, a.sentence[0]) + 1
    if any(o.actor1 is not None and o.actor1.name == name and (
            o.sentence[0] >= p0 or d.sentence[0] < p0) for o in told):
        # the group is already the initiator of an event told before ("JNIM fighters
        # attacked a convoy on 13 Oct ... JNIM claimed the attack"), unless the claim's own
        # paragraph tells another event and the group's are all in earlier ones ("- 15 Oct: a
        # second convoy was attacked; three soldiers were killed. JNIM claimed the attack")
        return
    d.actor1 = claimant


#: a claim or blame of two events told before it
BOTH_EVENTS = re.compile(r"\b(?:both|the\s+two)\s+(?:attacks|strikes|air\s*strikes|drone\s+strikes|"
                         r"bombings|blasts|raids|ambushes|incidents)\b", re.IGNORECASE)
#: a date or time that names a day: a weekday, a month, a number, yesterday/today/tonight
DAY_NAMED = re.compile(r"\b" + WEEKDAY_NAME + r"s?\b|\d|\b(?:yesterday|today|tonight)|\b"
                       + MONTH_NAME, re.IGNORECASE)

#: dates the small model leaves untagged now and then ("On the evening of 9 August 2025",
#: "attacked on 3 March", a sentence-opening "Last night"): a day and a month's name, with or
#: without a year, either way round, the night or day before the report, a date in digits
#: ("On 06.11.2025", police and army releases), and the day of the event told before ("Hours
#: later", "On the same day", "later that day", "Later in the day")
MISSED_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_NAME_EXACT + r"(?![\w-])(?:,?\s+\d{4}\b)?"
    r"|\b" + MONTH_NAME_EXACT + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!-)(?:,?\s+\d{4}\b)?"
    r"|\b(?:[Ll]ast\s+night|[Yy]esterday(?:\s+(?:morning|afternoon|evening))?)\b"
    r"|\b(?:(?:[Aa]\s+few|[Ss]everal|[Ss]ome|[Tt]wo|[Tt]hree)\s+)?[Hh]ours\s+(?:later|earlier)\b"
    r"|\b(?:[Tt]he|[Tt]hat)\s+same\s+(?:day|afternoon|evening|morning|night)\b"
    r"|\b(?:[Ll]ater|[Ee]arlier)\s+that\s+(?:day|afternoon|evening|morning)\b"
    r"|\b(?:[Ll]ater|[Ee]arlier)\s+in\s+the\s+(?:day|afternoon|evening)\b"
    r"|\b[Tt]he\s+(?:following|next|previous)\s+(?:day|morning|afternoon|evening|night)\b"
    r"|\b" + NUMERIC_DATE.pattern + r"\b")


def with_missed_dates(doc: Doc) -> list[SpacySpan]:
    """``doc.ents`` plus a DATE span for each :data:`MISSED_DATE` expression that overlaps
    no date, time or name the model found, in text order; an entity of another label it
    overlaps ("9 August 2025" as a WORK_OF_ART, "9" as a CARDINAL) gives way to it.
    ``doc.ents`` itself is left as it is."""
    ents = list(doc.ents)
    text = doc_text(doc)
    added: list[SpacySpan] = []
    for m in MISSED_DATE.finditer(text):
        a, b = m.span()
        numeric = NUMERIC_DATE.fullmatch(m.group(0)) is not None
        if any(e.start_char < b and a < e.end_char and (
                e.label_ in ("DATE", "TIME") if numeric else e.label_ in _KEEPS_ITS_WORDS)
               and not (e.label_ == "DATE" and a < e.start_char and e.end_char <= b)
               for e in ents):
            continue  # (digits are no name: "06/11/2025" tagged as a facility is a date;
            # a date the model found only in part, "15" + "November 2025", gives way)
        span = doc.char_span(a, b, label="DATE", alignment_mode="contract")
        if span is not None and len(span):
            added.append(span)
    if not added:
        return ents
    ents = [e for e in ents if not any(x.start < e.end and e.start < x.end for x in added)]
    return sorted(ents + added, key=lambda e: e.start_char)


#: entities a :data:`MISSED_DATE` match does not override: dates and times (found already),
#: names ("the March 15 Movement", "Yesterday's Men")
_KEEPS_ITS_WORDS = frozenset(("DATE", "TIME", "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP",
                              "EVENT", "LAW"))


#: verbs whose date is the day something was said or claimed, not the event's
SPEECH_LEMMAS = frozenset(
    "say tell claim announce confirm report state add publish acknowledge admit deny accuse "
    "blame condemn issue release post declare quote cite reveal disclose".split())
#: verbs of claiming an event: their date is the claim's, never the event's ("claimed
#: responsibility on Thursday for an attack"; "condemn" was tried and cost pairs)
CLAIM_LEMMAS = frozenset({"claim"})


#: a sentence that opens on where it happened ("In the coastal city of Mombasa, ...", "In the
#: commercial hub Blantyre, ...", "Elsewhere, in Mzuzu, ...")
FRONTED_PLACE = re.compile(
    r"\W*(?i:(?:elsewhere|meanwhile|separately),?\s+)?(?i:in|at)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?"
    r"(?:(?:city|town|capital|hub|port|district|province|region|state|village)\s+(?:of\s+)?)?"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)\s*,")


def _another_place(text: str, s0: int, prev: _Draft) -> bool:
    """The sentence at ``s0`` opens on a place the sentence of ``prev`` does not name ("In the
    commercial hub Blantyre, about 2,000 people marched": a protest in another city)."""
    m = FRONTED_PLACE.match(text, s0)
    return m is not None and m.group("name").lower() not in \
        text[prev.sentence[0]:prev.sentence[1]].lower()


def _possessive_of_another_clause(e: SpacySpan, trigger: set[int]) -> bool:
    """A day's possessive ("last year's protests") whose noun hangs from a verb other than the
    trigger before the head chain reaches the trigger: it dates an event of that clause."""
    doc = e.doc
    if not (e.text.endswith(("'s", "\u2019s")) or (
            e.end < len(doc) and doc[e.end].text in ("'s", "\u2019s"))):
        return False
    tok = e.root
    for _ in range(40):
        if tok.head.i == tok.i or tok.i in trigger:
            return False
        tok = tok.head
        if tok.i in trigger:
            return False
        if tok.pos_ == "VERB":
            return True
    return False


def _span_at(doc: Doc, span: tuple[int, int]) -> SpacySpan | None:
    """The words of ``doc`` at the characters ``span``."""
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def _words(doc: Doc, start: int, end: int) -> set[int]:
    """The token indices of the words at the characters ``start:end``."""
    words = doc.char_span(start, end, alignment_mode="expand")
    return {t.i for t in words} if words is not None else set()


def _day_told_by_speech(doc: Doc, d: _Draft) -> bool:
    """The draft's date is that of a verb of speech ("officials said on Monday"), no day of
    the event's own."""
    if d.date is None or d.date_span is None:
        return False
    return _date_attachment(_span_at(doc, d.date_span), _words(doc, *d.trigger)) == 2


def _date_attachment(e: SpacySpan | None, trigger: set[int]) -> int:
    """0: the date entity is the trigger's or in its subtree by the parse ("Tuesday's
    drone attack", "killed ... on Saturday night"); 3: its nearest verb is one of claiming
    (:data:`CLAIM_LEMMAS`) and the trigger is not above it ("claimed on Thursday"), or a
    death told of the victims ("killed five, one of whom died on Thursday"): never the
    event's; 2: one of speech (:data:`SPEECH_LEMMAS`, "said on
    Sunday"); 1: neither (or no trigger known). None: 1."""
    if not trigger or e is None:
        return 1
    tok = e.root
    if tok.i in trigger:
        return 0
    verb = None
    # the date qualifies a noun ("Sunday's attack", "the Sunday attack"): the noun's day
    # (not a part of the day: "claimed on Thursday morning")
    by_noun = tok.dep_ in ("poss", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.head.lower_ not in ("morning", "afternoon", "evening", "night", "day", "dawn")
    for _ in range(40):  # the head chain (a parse has no cycles; bounded all the same)
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i in trigger:
            # (a verb of speech run into the trigger's clause: "Gunmen killed 14 ..., police
            # and officials said on Monday"; a later death told of its victims: "gunmen killed
            # five people, one of whom died in hospital on Thursday morning")
            if verb is not None and verb.lemma_.lower() in ("die", "succumb") and \
                    verb.dep_ == "relcl":
                return 3
            return 2 if verb is not None and verb.lemma_.lower() in SPEECH_LEMMAS and \
                verb.dep_ == "conj" else 0
        if verb is None and tok.pos_ in ("VERB", "AUX"):
            verb = tok
    if verb is not None and verb.lemma_.lower() in CLAIM_LEMMAS:
        # the claim's own day ("claimed on Monday"), not the day of the attack it claims
        # ("claimed Sunday's attack")
        return 1 if by_noun else 3
    return 2 if verb is not None and verb.lemma_.lower() in SPEECH_LEMMAS else 1


#: demonstrators' own violence: makes a demonstration violent whatever the police did
DEMONSTRATOR_VIOLENCE = re.compile(
    r"\b(?:riot(?:s|ed|ing|ers)?\b(?!\s+police)|ston(?:es|ed|ing)|threw|hurl\w*|pelt\w*|rocks|"
    r"molotov|petrol\s+bombs?|firebomb\w*|torch(?:ed|ing)|set\s+(?:on\s+)?fire|set\s+ablaze|"
    r"vandali[sz]\w*|ransack\w*|loot\w*|smash\w*|turned\s+violent|rampag\w*|"
    r"(?:aggressive|violent|angry)\s+(?:protesters|demonstrators|crowds?|mobs?)|"
    r"(?<!police\s)violence(?!\s+against)|burn(?:ed|t|ing)\s+(?:(?:an?|the|\w+)\s+){0,2}?"
    r"(?:tyres|tires|cars?|vehicles?|buses|bus)|dynamite|slingshots?|catapults?|"
    # ("youths blocked roads and clashed with police", "attacked a police unit")
    r"clash(?:ed|es)?\s+with\s+(?:the\s+)?(?:riot\s+)?(?:police|security\s+forces|gendarmes?)|"
    r"attacked\s+(?:an?\s+|the\s+)?(?:police|security\s+forces|gendarmes?))\b",
    re.IGNORECASE,
)


#: words that make violence a demonstration's
PROTEST_CONTEXT = re.compile(r"\b(?:protest\w*|demonstrat\w+|rall(?:y|ies|ied)|marche[sd]|(?-i:march)|"
                             r"sit-ins?|blockades?|(?:were|was)\s+blocking\s+(?:a|the)\s+"
                             r"(?:main\s+)?(?:highway|road)|"
                             # a labour strike ("on the second day of the taxi strike")
                             r"(?:general|taxi|transport|drivers'?|workers'?|teachers'?|miners'?|"
                             r"nationwide|labou?r)\s+strikes?)\b", re.IGNORECASE)
#: the forces hurt at a demonstration: the crowd used force ("Two police officers were killed
#: in clashes with supporters of ... who were blocking a highway")
FORCES_HURT = re.compile(r"\b(?:police(?:\s+officers?|men)?|policem[ae]n|officers|soldiers|"
                         r"gendarmes)\s+(?:\w+\s+){0,2}?(?:were|was)\s+(?:\w+\s+)?(?:killed|"
                         r"injured|wounded|hurt|beaten)\b|\b(?:police|policem[ae]n|officers?)\s+"
                         r"(?:killed|injured|wounded|hurt)\b", re.IGNORECASE)
#: an earlier event a demonstration is dated from or answers ("two days after clashes in the
#: Abu Salim district killed at least eight people", "rally after deadly clashes"): not the
#: demonstration's own violence
EARLIER_EVENT = re.compile(r"\b(?:(?:\w+|\d+)\s+(?:days?|weeks?|hours?|months?)|a\s+day|a\s+week)"
                           r"\s+after\s+[^,.;:]*|\b(?:after|following|over)\s+(?:(?:the|a|an|"
                           r"deadly|recent|fatal|weekend|last\s+\w+'s)\s+)*(?:clash\w*|attacks?|"
                           r"fighting|killings?|shootings?|violence|bombings?|massacres?|deaths?)"
                           r"\b[^,.;:]*", re.IGNORECASE)
#: what a demonstration is about ("against police brutality", "to denounce violence"): its
#: words are not force used at the demonstration
GRIEVANCE = re.compile(r"\b(?:(?:protest\w*|rall(?:y|ied|ies|ying)|march\w*|demonstrat\w+|"
                       r"chant\w*|sit-ins?|strikes?|gathered|took\s+to\s+the\s+streets?)\s+"
                       r"(?:[\w'-]+\s+){0,3}?against|denounc\w*|decr(?:y|ied|ying)|condemn\w*|protest(?:ing)?\s+"
                       r"(?:over|at)|in\s+protest\s+(?:at|over|against)|demand\w*|call\w*\s+for|"
                       r"outrage\s+(?:at|over)|(?:day|week|campaign|month)\s+against|"
                       r"marking\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}?(?:day|anniversary))"
                       r"(?:\s+(?!(?:as|after|when|while|but|in|on|near|at|"
                       r"who|which|that|and\s+(?:clash|threw|torch|set|attack|stormed))\b)"
                       r"[\w'-]+){1,5}", re.IGNORECASE)
#: nouns headed by an event word are events ("a looting spree", "a grenade attack")
EVENT_HEADS = re.compile(r"sprees?|waves?|incidents?|campaigns?|series|spates?|outbreaks?|"
                         r"episodes?|attacks?|raids?|operations?|deals?|blasts?|explosions?|"
                         r"strikes?|violence|clash(?:es)?|fighting|rally|rallies|marches|march|"
                         r"protests?|demonstrations?")


#: force short of lethal: what a Protest with intervention is made of
_LESS_LETHAL = re.compile(r"\b(?:tear\s*-?gas|teargas|water\s+cannons?|rubber\s+bullets|"
                          r"pepper\s+spray|stun\s+grenades)\b", re.IGNORECASE)
_INJURY_ONLY = re.compile(r"(?:injur\w+|wounded|hits?|hitting)$", re.IGNORECASE)


#: forces' action aimed at someone: "an operation against", "a raid targeting"
OPERATION_AGAINST = re.compile(
    r"\b(?:operations?|raids?|offensives?|crackdowns?|incursions?)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:against|targeting)\s+", re.IGNORECASE)


def _operation_against_armed(seg: str, s0: int, hits: list[ActorHit]) -> bool:
    """The forces' operation of ``seg`` is aimed at an armed group it names, and the only
    victims it tells are "people": a battle, not an attack on civilians."""
    if any(m.group(0).lower() not in ("people", "persons") for m in L.civilian_words(seg)):
        return False
    return any(any(h.role == "armed" and m.end() <= h.start - s0 < m.end() + 60 for h in hits)
               and (any(h.role == "state" for h in hits) or _FORCES_BEFORE.search(
                   seg, max(0, m.start() - 30), m.start()))
               for m in OPERATION_AGAINST.finditer(seg))


#: whose operation: "a police operation", "an army raid"
_FORCES_BEFORE = re.compile(r"\b(?:police|military|army|security|troops|soldiers|forces|"
                            r"gendarmerie|navy|marines)\s+$", re.IGNORECASE)


#: a number spelled out and then given in figures ("six (6) martyrs", "three (03) soldiers"),
#: as military communiqués write them
_NUMERAL_ECHO = re.compile(r"\b([A-Za-z][A-Za-z-]*)(\s*\(\s*\d{1,5}\s*\))")


def _without_numeral_echoes(seg: str) -> str:
    """``seg`` with the figures that repeat a spelled-out number blanked (same length), so
    "six (6) martyrs" is read as "six martyrs"."""
    if "(" not in seg:
        return seg
    return _NUMERAL_ECHO.sub(lambda m: m.group(1) + " " * len(m.group(2)) if parse_number(
        m.group(1)) is not None else m.group(0), seg)


def _lethal_or_severe(seg: str) -> bool:
    """Force against demonstrators that ACLED calls excessive: lethal, or severe beyond the
    injuries of tear gas and water cannon ("fired tear gas ..., injuring seven" is an
    intervention; "opened fire, injuring seven" excessive force)."""
    found = [m.group(0) for m in L.EXCESSIVE.finditer(seg)]
    if not found:
        return False
    return not (_LESS_LETHAL.search(seg) and all(_INJURY_ONLY.match(w) for w in found))


def _protest_type(seg: str) -> str:
    """The demonstration sub-event type from who used force against whom."""
    seg = EARLIER_EVENT.sub(" ", GRIEVANCE.sub(" ", seg))
    if DEMONSTRATOR_VIOLENCE.search(seg) or FORCES_HURT.search(seg):
        return "Violent demonstration"
    if _lethal_or_severe(seg) and re.search(
            r"\b(?:police|security\s+forces|soldiers|troops|army|officers|authorities|"
            r"forces|guards|regime|militia\w*)\b", seg, re.IGNORECASE) and \
            re.search(r"\b(?:killed|killing|shot|live|opened\s+fire|fired\s+(?:on|at|into)|"
                      r"brutal\w*|beat(?:en|ing)?|injur\w+|wounded|died|dead|attacked|"
                      r"tortur\w*|assault\w*|hits?|excessive\s+force|fatal\w*|deadly|"
                      r"crackdown|attacks?)\b", seg, re.IGNORECASE):
        return "Excessive force against protesters"
    if L.RIOTING.search(seg):
        return "Violent demonstration"
    if L.INTERVENTION.search(seg):
        return "Protest with intervention"
    return "Peaceful protest"


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # prefer the verb or noun head of a multi-word trigger
    return span[0]


def _specific_first(ranked: list) -> list:
    """Drop a trigger inside a longer, more specific one ("bombing" in "suicide bombing");
    within explosions/remote violence the weapon's own priority decides, not the syntax."""
    kept = [r for r in ranked if not any(
        o is not r and o[1].priority > r[1].priority and o[1].start <= r[1].start
        and r[1].end <= o[1].end for o in ranked)]
    if kept and SUB_EVENTS[kept[0][2]].event_type == "Explosions/Remote violence":
        fam = [r for r in kept if SUB_EVENTS[r[2]].event_type == "Explosions/Remote violence"]
        best = max(fam, key=lambda r: r[1].priority)
        kept.remove(best)
        kept.insert(0, best)
    return kept


def _modifier_only(doc: Doc, c: TriggerCandidate, spans: list[tuple[int, int]]) -> bool:
    """The trigger only modifies another noun ("an artillery crewmember", "attack planners",
    "a VBIED storage facility"): it names a thing or a person, not an event."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    last = span.root
    if last.dep_ == "amod" and last.tag_ == "VBN" and c.kind in (
            "territory", "Non-violent transfer of territory", "Disrupted weapons use",
            "Looting/property destruction"):
        return True  # "the occupied territories", "seized weapons", "looted antiquities"
    if last.dep_ not in ("compound", "amod", "nmod") or last.pos_ not in ("NOUN", "PROPN",
                                                                         "ADJ"):
        return False
    head = last.head
    if c.start <= head.idx < c.end or EVENT_HEADS.fullmatch(head.lower_) or \
            head.lower_ in ("toll", "victims", "casualties") or (  # "blast death toll rises"
            head.lower_ in ("fire", "barrage", "barrages", "bombardment", "bombardments")
            and SUB_EVENTS.get(c.kind) is not None and head.dep_ == "pobj"
            and head.head.lower_ in ("by", "from", "under", "in")) or (  # "killed by artillery
            # fire" (not "the commander had directed rocket fire at ...": no event of its own)
            head.lower_ in ("fire", "barrage", "barrages", "bombardment", "shells")
            and SUB_EVENTS.get(c.kind) is not None and head.dep_ in ("nsubj", "nsubjpass")
            and head.head.lemma_.lower() in IMPACT_VERBS):  # "when artillery fire hit ..."
        return False
    return not any(a <= head.idx < b for a, b in spans)


#: verbs of fire landing on something ("artillery fire hit their neighbourhood")
IMPACT_VERBS = frozenset({"hit", "strike", "land", "rain", "pound", "slam", "kill", "wound",
                          "destroy", "damage", "tear", "engulf"})


#: verbs whose nominal object is commented on, not reported ("condemned the attacks")
OPINION_VERBS = frozenset({
    "condemn", "welcome", "congratulate", "deplore", "denounce", "praise", "criticize",
    "criticise", "comment", "call", "urge", "demand", "need", "require", "end", "stop",
    "prevent", "fear", "warn", "discuss", "support", "oppose", "investigate", "mark",
    "commemorate", "remember", "justify", "blame", "win", "lose", "continue", "pursue",
    "stiffen", "show", "highlight", "rid", "prepare", "plan", "take", "curb", "counter",
    "combat", "tackle", "deter", "halt", "avert", "stem",
})


def _unanchored_noun(doc: Doc, c: TriggerCandidate, seg: str, ents: list[SpacySpan]) -> bool:
    """A nominal trigger with nothing that makes it a reported event: no date, no place, no
    casualties and no past-tense event verb ("ISIL's violence requires a response", "the
    regime must end its attacks"), or the object of an opinion verb ("condemned the
    attacks")."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or re.search(r"(?:ers?|ors?|ists?|ants?|ees?)$",
                                                       root.lower_):
        return False  # participants ("demonstrators", "bombers") are not event nouns
    verb = governing_verb(root)
    lemma = verb.lemma_.lower()
    if lemma == "take" and any(ch.lower_ == "place" for ch in verb.children):
        lemma = "happen"  # "clashes took place on 25 January": no comment on them
    if lemma in OPINION_VERBS and root.dep_ in ("dobj", "pobj", "nsubj", "attr") and not any(
            ch.dep_ == "prep" and ch.lower_ in ("in", "at", "near", "on") and any(
                e.label_ in PLACE_LABELS and e.start_char <= t.idx < e.end_char
                for t in ch.subtree for e in ents) for ch in root.children) and not any(
            ch.dep_ in ("acl", "relcl") and ch.tag_ in ("VBN", "VBD") and any(
                e.label_ in (*PLACE_LABELS, "DATE") and e.start_char <= t.idx < e.end_char
                for t in ch.subtree for e in ents) for ch in root.children) and not (
            root.tag_ in ("NN", "NNP") and (any(
                (e.label_ in PLACE_LABELS or (e.label_ == "DATE" and DAY_NAMED.search(e.text)))
                and root.left_edge.idx <= e.start_char <= root.right_edge.idx
                for e in ents) or _TOLD_ATTACK_PLACE.search(
                    doc_text(doc)[root.idx:root.right_edge.idx + len(root.right_edge)]))):
        # "condemned the attacks" is comment; "condemns the suicide attacks in the town of
        # Tel Tamer", "the attack perpetrated on Sunday" or "the killing of eight people by
        # gangs in the town of X on Saturday" (one event, where or when in its phrase) also
        # reports where or when
        return True
    has_date = any(e.label_ in ("DATE", "TIME") for e in ents)
    if root.lower_ in CAMPAIGN_NOUNS and not has_date and any(
            ch.dep_ == "prep" and ch.lower_ in ("against", "on") for ch in root.children):
        return True  # "the fight against Daesh", "the war on terror": the conflict, not a day
    has_place = any(e.label_ in PLACE_LABELS for e in ents)
    has_toll = bool(KILL_WORDS.search(seg)) or bool(INJURE_ONLY.search(seg)) or bool(
        re.search(r"\bcasualt(?:y|ies)\b", seg, re.IGNORECASE))
    past_verb = verb.tag_ in ("VBD", "VBN") and lemma not in ("say", "report", "tell")
    # "shells fired by ...", "a bomb planted in ...": the noun's own participle anchors it
    own_verb = any(ch.dep_ in ("acl", "relcl") and ch.tag_ in ("VBN", "VBD")
                   for ch in root.children)
    return not (has_date or has_place or has_toll or past_verb or own_verb)


#: what makes an attack noun one attack: "the attack", "Friday's bombing", "yesterday's"
_ONE_DET = frozenset({"the", "a", "an", "this", "that", "last", "yesterday", "today"})
_TOLD_ATTACK_PLACE = re.compile(r"\b(?:in|at|near|outside|on)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
                                r"(?:town|city|village|district|province|region|camp|mosque|"
                                r"church|market|checkpoint|base|school|port)\b", re.IGNORECASE)


def _one_told_attack(tok: Token, seg: str, s0: int, s1: int, ents: list[SpacySpan]) -> bool:
    """The trigger of a claim or a condemnation names one attack, placed or dated: a singular
    noun with a determiner or a day's possessive ("condemns the attack perpetrated on 17
    October", "claimed responsibility for Friday's suicide bombing at a Shia mosque in
    Mazar"), with a place or a day in the segment. The attack is news, whoever tells it."""
    while tok.dep_ in ("compound", "amod") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        tok = tok.head  # "suicide" of "Friday's suicide attack"
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NN", "NNP"):
        return False
    placed = any(e.label_ in PLACE_LABELS for e in ents if s0 <= e.start_char < s1)
    one = any((c.dep_ == "det" and c.lower_ in _ONE_DET) or c.dep_ == "poss"
              for c in tok.children) or (
        # a headline drops the article: "condemns attack on mosque in Mazar-e Sharif"
        placed and any(c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "against", "near")
                       for c in tok.children))
    if not one:
        return False
    return placed or any(e.label_ == "DATE" and DAY_NAMED.search(e.text)
                         for e in ents if s0 <= e.start_char < s1) or \
        bool(_TOLD_ATTACK_PLACE.search(seg))


def _definite_participant(tok: Token) -> bool:
    """The trigger is a definite group of participants ("the kidnappers", "the gunmen")."""
    if tok.pos_ not in ("NOUN", "PROPN") or not L.PARTICIPANT.fullmatch(tok.lower_):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
               for c in tok.children)


def _is_demo(typ: str) -> bool:
    return SUB_EVENTS[typ].event_type in ("Protests", "Riots")


#: an ordinal before a trigger: "the first blast", "the second attack", "the other raid"
ORDINAL_BEFORE = re.compile(r"\b(?:the|its|their)\s+(?:first|second|third|fourth|other|"
                            r"latter|former|last)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _part_of_count(prev: _Draft, trigger_start: int, text: str) -> bool:
    """"Two roadside bombs exploded in Afgoye ... The first blast struck a truck": the trigger,
    told with an ordinal, is one of the events the draft before it counts
    (:data:`COUNTED_SERIES` holding that draft's trigger), not more about the count."""
    if not ORDINAL_BEFORE.search(text, max(0, trigger_start - 40), trigger_start):
        return False
    return L.count_holding(COUNTED_SERIES, text, prev.sentence, prev.trigger) is not None


def _anaphoric(tok: Token) -> bool:
    """A definite noun trigger ("the strikes", "this attack") refers to an event told before."""
    if tok.pos_ != "NOUN" or not (EVENT_HEADS.fullmatch(tok.lower_) or re.fullmatch(
            r"bombings?|shelling|killings?|kidnappings?|abductions?|blast|explosion|"
            r"assault|ambush|offensive|airstrikes?|incident", tok.lower_)):
        return False
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    return any(d in ("the", "this", "that", "these", "those", "its", "their") for d in dets)


def _is_main_predicate(tok: Token) -> bool:
    """The trigger is (or heads) the main verb of its sentence or a verb conjoined to it."""
    verb = governing_verb(tok)
    if verb.i != tok.i:
        head = tok.head if tok.dep_ == "compound" else tok
        if head.head.i != verb.i or head.dep_ not in ("dobj", "nsubj", "nsubjpass"):
            return False
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _dates_of_after_clauses(drafts: list[_Draft], notes: list[_Note], text: str) -> None:
    """The event of a clause ", a day after ..." (a segment of its own,
    :data:`~eventcoder.extract.segments.AFTER_CLAUSE`) is dated from the event told before it
    in the sentence: a day (or N days, or weeks) before it, the same day for "hours after"."""
    for n in notes:
        if n.status != "reported" or n.reason != "coded" or n.mention is None:
            continue
        m = AFTER_CLAUSE.match(text, n.segment[0])
        if m is None:
            continue
        d = drafts[n.mention]
        front = FRONTED_AFTER.match(text, d.sentence[0])
        if front is not None and front.start("clause") >= n.segment[0] and \
                n.mention + 1 < len(drafts) and drafts[n.mention + 1].sentence == d.sentence:
            # "A day after a Maoist IED blast killed five ..., three Maoists were killed in
            # an encounter ... on Sunday": dated from the event the sentence goes on to
            prev = drafts[n.mention + 1]
        elif not n.mention:
            continue
        else:
            prev = drafts[n.mention - 1]
        if prev.sentence != d.sentence:
            # "The shelling came a day after ...": the clause before retold an event told in
            # an earlier sentence; the after clause is dated from that one
            told = next((x for x in reversed(notes) if x.mention is not None
                         and x.mention < n.mention and d.sentence[0] <= x.segment[0]
                         and x.segment[1] <= n.segment[0] + 1), None)
            if told is None or told.mention is None:
                # "The attack came a day after a drone strike on the central market killed 19"
                # (the attack not coded apart: the event told just before)
                if not any(x.segment[1] <= n.segment[0] + 1 and d.sentence[0] <= x.segment[0]
                           for x in notes):
                    continue
                told = next((x for x in reversed(notes) if x.mention is not None
                             and x.mention < n.mention), None)
                if told is None or told.mention is None:
                    continue
            prev = drafts[told.mention]
            if prev.date is None:
                # ("The bodies were handed over ... The clash came a day after": the clash)
                prev = next((x for x in reversed(drafts[:told.mention + 1])
                             if x.date is not None and x.date_span is not None), prev)
        if prev.date is None:
            continue
        count = m.group("n")
        days = 0 if count is None else (1 if count.lower() in ("a", "an", "the") else
                                        parse_number(count) or 0)
        if m.group("unit") and m.group("unit").lower().startswith("week"):
            days *= 7
        sign = -1 if (m.group("dir") or "").lower() == "after" else 1  # ("the same day as")
        precision = prev.date.precision if days < 7 else max(prev.date.precision, 2)
        d.date = ResolvedDate(prev.date.date + dt.timedelta(days=sign * days), precision,
                              prev.date.explicit_year)
        d.date_span = (m.start(), m.end())


#: a sentence that goes on with what the one before told ("During the search, ...", "In the
#: ensuing gunfight, ...")
GOES_ON = re.compile(r"\s*(?:During|In\s+the\s+course\s+of|In\s+the\s+ensuing|Amid)\s+"
                     r"(?:the|this|that)\b")


def _dates_told_before(drafts: list[_Draft], text: str) -> None:
    """An undated event told in a sentence that goes on with the one before ("On 06.11.2025
    a joint team was dispatched for a search operation. During the search, Maoists opened
    fire on the security forces") happened on that one's day."""
    for k, d in enumerate(drafts[1:], start=1):
        prev = drafts[k - 1]
        if d.date_span is None and prev.date is not None and prev.date_span is not None and \
                prev.sentence[1] <= d.sentence[0] and d.sentence[0] - prev.sentence[1] <= 3 and \
                GOES_ON.match(text, d.sentence[0]):
            d.date, d.date_span = prev.date, prev.date_span


#: verbs whose object is the place hit ("struck Kostiantynivka with glide bombs")
STRUCK_VERBS = frozenset({"strike", "hit", "shell", "bomb", "pound", "bombard", "target",
                          "attack", "raid", "storm", "overrun", "besiege"})
#: a paragraph that opens with a country's name: a roundup's section ("PAKISTAN. Two
#: bombings hit Quetta", "Mexico: In Culiacan, ...")
ROUNDUP_HEAD = re.compile(r"[ \t]*(?P<name>[A-Z][A-Za-z'\u2019-]+(?:[ -][A-Z][A-Za-z'\u2019-]+){0,3}"
                          r")\s*[.:\u2013\u2014-]\s")
#: a line that is only a section's heading, a name ("MALI", "Burkina Faso:")
SECTION_HEAD = re.compile(r"[ \t]*[A-Z][A-Za-z'\u2019-]+(?:[ -][A-Z][A-Za-z'\u2019-]+){0,3}"
                          r"[ \t]*[.:]?[ \t]*")
#: a part of the day told alone ("In the afternoon, shells hit a monastery")
PART_OF_DAY_ALONE = re.compile(r"\b(?:in\s+the\s+(?:early\s+|late\s+)?(?:morning|afternoon|evening)"
                               r"|at\s+(?:dawn|dusk|daybreak|nightfall|midday|noon))\b",
                               re.IGNORECASE)


def _dates_of_times_of_day(drafts: list[_Draft], text: str) -> None:
    """An undated event told at a part of the day ("in the late morning") in the paragraph
    of a dated event ("The military struck the town ... on 18 October. An air strike on a
    residential ward in the late morning killed seven civilians") happened on that day."""
    for k, d in enumerate(drafts[1:], start=1):
        if d.date_span is not None or not PART_OF_DAY_ALONE.search(text, d.sentence[0],
                                                                   d.sentence[1]):
            continue
        prev = next((p for p in reversed(drafts[:k]) if p.date_span is not None), None)
        if prev is not None and prev.date is not None and \
                "\n" not in text[prev.sentence[0]:d.sentence[0]]:
            d.date, d.date_span = prev.date, prev.date_span


COUNTED_SERIES = L.COUNTED_SERIES
COUNTED_ATTACKS = L.COUNTED_ATTACKS
#: a time told from the event before ("about two hours later", "later that day")
SAME_DAY_AS_BEFORE = re.compile(r"\b" + SAME_DAY_AS_EVENT + r"\b", re.IGNORECASE)
#: how far after the count its parts may be told
COUNTED_SERIES_CHARS = 1200


def _dates_of_counted_series(drafts: list[_Draft], text: str) -> None:
    """The undated events told after a dated count of attacks ("Daesh remnants carried out
    two cowardly attacks yesterday, Wednesday. In Diyala, ... In Anbar, ...") happened on its
    day, up to as many as it counts and until an event with a date of its own."""
    for k, d in enumerate(drafts):
        m = L.count_holding(COUNTED_ATTACKS, text, d.sentence, d.trigger)
        if m is None and k + 1 < len(drafts) and _part_of_count(d, drafts[k + 1].trigger[0],
                                                                  text):
            # "two roadside bombs exploded ... The first blast ...": bombs counted, then told
            # one by one (not "dropped two bombs ... The bombs struck a monastery")
            m = L.count_holding(COUNTED_SERIES, text, d.sentence, d.trigger)
        if d.date is None or d.date_span is None or m is None:
            continue  # (the count must hold the trigger: "two roadside bomb attacks")
        count = L.series_count(m)
        told = 0
        for e in drafts[k + 1:]:
            own = e.date_span is not None and not SAME_DAY_AS_BEFORE.search(
                text, e.date_span[0], e.date_span[1])
            if e.sentence[0] - d.sentence[1] > COUNTED_SERIES_CHARS or own or told >= count:
                break
            if e.date_span is None or e.date is None or e.date.date > d.date.date:
                e.date = d.date  # ("about two hours later": the count's day)
                e.date_span = e.date_span or d.date_span
            told += 1


#: "a second attack", "another strike": the next of a series told just before
NEXT_OF_SERIES = re.compile(r"\b(?:a\s+(?:second|third|fourth|further)|another)\s+"
                            r"(?:[\w-]+\s+)?(?:attack|strike)s?\b", re.IGNORECASE)


def _series_of_strikes(drafts: list[_Draft], text: str) -> None:
    """"Drone strikes killed 17 people at a funeral ... In the evening, a second attack struck
    a fuel depot": a generic "attack" told as the next of a series of strikes from the air or
    from afar is another one of them (its own event, of their type), not a clash with the
    army whose depot it hit."""
    for k, d in enumerate(drafts[1:], start=1):
        prev = drafts[k - 1]
        if d.kind == "violence" and prev.sub_event_type in FIRED_FROM_AFAR and \
                d.sub_event_type not in FIRED_FROM_AFAR and \
                NEXT_OF_SERIES.search(text, d.sentence[0], d.sentence[1]) and \
                NEXT_OF_SERIES.search(text, max(d.sentence[0], d.trigger[0] - 30), d.trigger[1]):
            d.sub_event_type = prev.sub_event_type
            if d.actor1 is None:
                d.actor1 = prev.actor1


#: reasons a statement that tells an event is not coded, whose date the event told next takes
STATEMENT_REASONS = frozenset({SCOPE_REASONS["attribution"], SCOPE_REASONS["diplomacy"]})
#: how far after such a statement the event may begin (about two sentences)
STATEMENT_DATE_CHARS = 400
#: the event a demonstration answered, told after it ("after a teenager died", "over the
#: killing of a student")
DEMO_CAUSE = re.compile(r"\b(?:after|following|over|against)\s+(?:the\s+)?(?:\w+\s+){0,4}?"
                        r"(?:died|was\s+killed|were\s+killed|was\s+shot|death|deaths|killing|"
                        r"killings|murder)\b", re.IGNORECASE)
#: an arrest over an attack the article told ("over an explosion at the police station",
#: "in connection with the case")
ARREST_OVER = re.compile(
    r"\b(?:over|in\s+connection\s+with|suspected\s+of\s+(?:involvement\s+in|carrying\s+out)"
    r"|for\s+(?:their\s+)?(?:alleged\s+)?(?:role|involvement)\s+in)\s+(?:the\s+|an?\s+|"
    r"last\s+\w+(?:'s|\u2019s)\s+|\w+(?:'s|\u2019s)\s+)?(?:\w+\s+){0,2}?(?:case|attack|"
    r"explosion|blast|bombing|grenade\s+attack|ambush|killing\s+of\s+(?:soldiers|police\w*))\b",
    re.IGNORECASE)
#: a statement's words before the group that carried out what it condemns
CARRIED_OUT_BY = re.compile(r"\b(?:carried\s+out|perpetrated|committed|conducted|staged)\s+by"
                            r"\s+(?:the\s+)?", re.IGNORECASE)

#: the event types of armed violence (an anaphor may retell one type as another)
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _trigger_text(seg: str, s0: int, d: _Draft) -> str:
    """The draft's trigger text, read from its segment."""
    return seg[d.trigger[0] - s0:d.trigger[1] - s0]


WEAPON_NOUN = re.compile(r"(?:rocket|mortar|artillery|missile|grenade|ied|vbied|bomb|explosive|"
                         r"launcher|shell|drone|mine|howitzer|katyusha|rpg|belt|vest)",
                         re.IGNORECASE)


def _equipment(tok: Token) -> bool:
    """The trigger names the means of the actors, not an event: "fighters armed with rifles
    and rocket-propelled grenades", "troops backed by a drone", "supported by air strikes"."""
    t = tok
    for _ in range(6):
        if t.dep_ == "pobj" and t.head.lower_ in ("with", "by") and t.head.head.lemma_.lower() \
                in ("arm", "back", "support", "equip", "accompany", "escort", "cover", "carry"):
            return True
        if t.dep_ == "pobj" and t.lower_ in ("weapons", "weaponry") and t.head.lower_ == "with" \
                and t.head.head.lemma_.lower() in ("open", "attack", "storm", "raid", "ambush",
                                                   "assault", "fire", "fight"):
            # "gunmen opened fire with heavy weapons on the police post and fought officers":
            # the arms of a fight at close quarters, not a shelling from afar
            return True
        if t.pos_ in ("NOUN", "PROPN") and (WEAPON_NOUN.match(tok.lower_) or
                                             WEAPON_NOUN.match(t.lower_)) and \
                t.dep_ in ("dobj", "nsubjpass") and \
                t.head.lemma_.lower() in ("destroy", "damage", "seize", "capture", "recover",
                                          "confiscate", "find", "use", "dismantle"):
            # "destroyed ... a rocket-propelled grenade launcher", "using rocket artillery":
            # a weapon named as a target or a means, not an attack of its own
            return True
        if t.dep_ == "dobj" and t.head.lemma_.lower() in ("use", "employ") and \
                t.head.tag_ == "VBG":
            # "conducted 15 strikes using attack, bomber and fighter aircraft": the means
            return True
        if t.dep_ not in ("conj", "compound", "amod", "pobj", "appos", "npadvmod", "nmod",
                          "cc") or t.head is t or (t.head.pos_ in ("VERB", "AUX") and
                                                   t.head.dep_ not in ("amod", "compound")):
            return False
        t = t.head
    return False


#: The dateline that opens a wire report: "BAGHDAD, Jan 16 (Wire) - ", "KABUL (AP) -".
DATELINE_PREFIX = re.compile(r"\s*[A-Z][A-Z .'\u2019-]{2,40}(?:,\s*[^\n\-\u2013\u2014(]{0,40})?"
                             r"(?:\s*\([^)\n]{1,60}\))?\s*[-\u2013\u2014]+\s")
#: a mixed-case dateline: "Ouallam, 5 October 2026 -", "Cucuta, March 12, 2026.", "Raipur,
#: May 12:", "Oicha, Sunday 14 September 2025 -" (a place, perhaps a state, a date, perhaps
#: the agency, then a dash, a colon or a full stop, or both: "Culiacan, Sinaloa, October
#: 12.-", or the end of its own line: "Feni, November 9"), or a full date alone ("22 July
#: 2025 -")
MIXED_DATELINE = re.compile(
    r"\s*(?:[A-Z][\w'\u2019.-]+(?:[ -][A-Z][\w'\u2019.-]+){0,2},(?:[ \t]+[A-Z][\w.]+,)?[ \t]+"
    r"(?:" + WEEKDAY_NAME + r",?[ \t]+)?"
    r"(?:" + MONTH_NAME + r"[ \t]+\d{1,2}|\d{1,2}[ \t]+" + MONTH_NAME + r")(?:,?[ \t]+\d{4})?"
    # or a date alone, with its year, opening a statement: "22 July 2025 -", "Sunday 10
    # August 2025 -"
    r"|(?:" + WEEKDAY_NAME + r",?[ \t]+)?"
    r"(?:" + MONTH_NAME + r"[ \t]+\d{1,2},?|\d{1,2}[ \t]+" + MONTH_NAME + r")[ \t]+\d{4})"
    r"(?:[ \t]*\([^)\n]{1,60}\))?[ \t]*(?:(?:\.?--?|[\u2013\u2014:.])[ \t]|(?=\n))")


def dateline_span(text: str, s0: int, s1: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the dateline the sentence from ``s0`` to ``s1`` holds ("BAGHDAD,
    Jan 16 (Wire) -", "APATZINGAN, Mich., July 11 -", "Ouallam, 5 October 2026 -"): at the
    start of the text or of a paragraph (under a headline, which the parser may have made one
    sentence with it) in the text's first 600 characters; else None."""
    stop = min(600, len(text) if s1 is None else s1)
    # the paragraph the sentence starts in (the parser may cut "APATZINGAN" off its
    # dateline), then those that start inside the sentence
    start = text.rfind("\n", 0, s0) + 1
    while 0 <= start < 600:
        m = DATELINE_PREFIX.match(text, start) or MIXED_DATELINE.match(text, start)
        if m is not None and m.end() > s0:
            return start, m.end()
        newline = text.find("\n", max(start, s0), stop)
        start = newline + 1 if newline >= 0 else -1
    return None


#: nouns that name a campaign or a conflict as a whole ("the fight against Daesh")
CAMPAIGN_NOUNS = frozenset({"fight", "fighting", "war", "campaign", "struggle", "battle",
                            "offensive", "operations", "insurgency", "conflict", "efforts"})


ARMED_NAME = re.compile(r"\b(?:militia|brigades?|army|front|movement|rebels?|liberation|"
                        r"forces|guerrillas?|insurgents?|jihad|mujahideen|battalions?)\b",
                        re.IGNORECASE)


#: prepositions whose object is where something happened, not who did it
PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "around", "inside", "into",
                                "across", "towards", "toward", "nearby"})


#: a place noun right after a demonym ("the Ukrainian city", "a Syrian border town")
_BEFORE_PLACE_NOUN = re.compile(r"\s+(?:(?:border|frontline|front-line|port|capital|"
                                r"southern|northern|eastern|western)\s+)?(?:city|town|village|"
                                r"capital|region|province|district|port|border|territory)\b",
                                re.IGNORECASE)


#: what stands before a trigger whose subject is the one hit ("came under attack", "came under
#: fire", "a patrol vehicle struck an IED", "stepped on a landmine")
VICTIM_SUBJECT = re.compile(r"\b(?:came|come|comes|coming)\s+under\s+(?:(?:heavy|sustained|an?|"
                            r"intense|armed)\s+)*$|\b(?:struck|hit|ran\s+over|run\s+over|"
                            r"stepped\s+on|drove\s+over|driving\s+over)\s+(?:an?|the)\s+"
                            r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: the trigger itself says its subject was hit ("soldiers came under fire from ...")
UNDER_FIRE = re.compile(r"(?:came|come|comes|coming|been)\s+under\b", re.IGNORECASE)
#: what stands before the attacker in "an attack by (members of) X", "came under fire from
#: members of X": X is no target
BY_AGENT = re.compile(r"\b(?:by|fire\s+from)\s+(?:the\s+|an?\s+)?"
                      r"(?:(?:group|band|unit|squad|dozens|scores|hundreds)\s+of\s+)?"
                      r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|some|"
                      r"many)\s+)?(?:(?:suspected|alleged|armed|heavily|unknown|unidentified)"
                      r"[\s-]+)*(?:(?:members?|fighters?|elements?|militants?|gunmen|men|units?)"
                      r"\s+(?:of|from)\s+(?:the\s+)?)?$", re.IGNORECASE)


def _ner_actor(ents: list[SpacySpan], ids: set[int], actors: ActorDictionary
               ) -> list[ActorHit]:
    """An actor outside the dictionary: the named entity in the role, with a generic type.

    A country (GPE) acting is its state forces (inter 1); an organisation with an armed-group
    word in its name is a rebel group (inter 2); other organisations and people are 8
    (External/Other) and 0 (no ACLED type) -- reviewers can add them to the actor file.
    """
    if not ids:
        return []
    for e in ents:
        if e.start_char not in ids or e.label_ not in ("ORG", "GPE", "NORP"):
            # a person is not an ACLED actor (ACLED names the force or group they belong to)
            continue
        text = e.text[4:] if e.text.lower().startswith("the ") else e.text
        text = re.sub(r"['’]s?$", "", text).strip()
        if text.count("(") > text.count(")"):
            # the model ran the name into a bracket ("Matankari (Dogondoutchi department"):
            # the name is what stands before it
            text = text[:text.index("(")].strip()
        start = e.start_char + (4 if e.text.lower().startswith("the ") else 0)
        if e.label_ in ("GPE", "NORP"):
            # only a country acts as its state forces: a town, a province or a street is a
            # place, never an actor ("Police arrested three in Basra"); nor is the country of a
            # place ("an attack on the northeastern Ukrainian city")
            country = actors.country_named(text)
            if country is None or _BEFORE_PLACE_NOUN.match(doc_text(e.doc), e.end_char):
                continue
            return [ActorHit(start, start + len(text), text, "Military Forces of {country}", 1,
                             "state", country)]
        line = dateline_span(doc_text(e.doc), e.start_char, e.end_char)
        if line is not None and line[0] <= e.start_char < line[1]:
            continue  # a dateline's credit: "NARATHIWAT, 20 November (Bangkok Morning Post) -"
        if not re.search(r"[A-Za-z]{3}", text) or re.search(r"\d", text) or \
                re.search(r"\b(?:street|drive|road|avenue|boulevard|lane|square|device|"
                          r"explosives?|bombs?|mines?|missiles?|rockets?|drones?|grenades?)\b",
                          text, re.IGNORECASE):
            # a weapon ("M109A5", "an Improvised Explosive Device") or an address read as an
            # organisation
            continue
        inter = 2 if ARMED_NAME.search(text) else 8
        before = doc_text(e.doc)[max(0, e.start_char - 12):e.start_char].split()
        if inter == 8 and ((e.root.dep_ == "pobj" and e.root.head.lower_ in PLACE_PREPOSITIONS)
                           or (before and before[-1].lower() in PLACE_PREPOSITIONS)):
            continue  # "Near Al Bukamal, two strikes destroyed ...": a place read as an org
        if inter == 8 and e.root.dep_ == "pobj" and e.root.head.lower_ == "of" and \
                PLACE_NOUNS.fullmatch(e.root.head.head.lower_):
            continue  # "a residential neighbourhood of El Obeid", "the outskirts of X"
        if inter == 8 and len(text.split()) == 1:
            # one unknown word read as an organisation is mostly a town the parser mislabelled
            # ("a drone hit Sumy"), a dateline or a brand: no actor rather than a false one
            continue
        if any(a.lower_ == "according" for a in e.root.ancestors):
            continue  # a source ("according to information gathered by its Human Rights
            # Service"), not a side
        return [ActorHit(start, start + len(text), text, text, inter, "armed" if inter == 2
                         else "group")]
    return []


SOURCE_AFTER = re.compile(r"\s*(?:,\s*)?(?:\w+\s+)?(?:said|say|says|told|reported|stated|"
                          r"announced|confirmed|added|claimed)\b", re.IGNORECASE)
SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|quoting|cited|citing)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                           re.IGNORECASE)


def _is_source(text: str, h: ActorHit) -> bool:
    """An actor named as the source of the report ("police said"), not a participant."""
    return bool(SOURCE_AFTER.match(text, h.end, h.end + 25)) or bool(
        SOURCE_BEFORE.search(text[max(0, h.start - 40):h.start]))


def _object_range(doc: Doc, char: int) -> tuple[int, int] | None:
    """Character range of what the trigger acts on: the objects and passive subject of its
    verb, or the complements of a trigger noun; None when the parse shows none."""
    tok = _token_at(doc, char)
    if tok is None:
        return None
    verb = governing_verb(tok)
    toks: list[Token] = []
    for head in {verb, tok}:
        for ch in head.children:
            if ch.dep_ in ("dobj", "nsubjpass", "dative") or (
                    ch.dep_ == "prep" and ch.lower_ in ("on", "at", "against", "upon", "of")):
                toks.extend(ch.subtree)
    if not toks:
        return None
    return (min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def _subject_actor(doc: Doc | None, char: int, hits: list[ActorHit]) -> ActorHit | None:
    """The state or armed actor in the subject of the trigger's verb, if the parse has one."""
    if doc is None:
        return None
    tok = _token_at(doc, char)
    if tok is None:
        return None
    verb = governing_verb(tok)
    for ch in verb.children:
        if ch.dep_ in ("nsubj", "agent"):
            ids = {t.idx for t in ch.subtree}
            for h in hits:
                if h.role in ("state", "armed") and any(h.start <= i < h.end for i in ids):
                    return h
    return None


def _first_before(hits: list[ActorHit], pos: int) -> ActorHit | None:
    """The first state or armed actor before ``pos`` (the subject side of the trigger)."""
    before = [h for h in hits if h.end <= pos and h.role in ("state", "armed")]
    return before[0] if before else None


def _span_of(hits: list[ActorHit], doc: Doc) -> Span | None:
    if not hits:
        return None
    h = hits[0]
    return Span(start=h.start, end=h.end, text=h.text)


#: a facility a town's name is put before ("the Tibu police station")
TOWN_FACILITY = re.compile(r"\s+(?:police\s+(?:station|post|camp|headquarters)|army\s+(?:base|camp)|"
                           r"military\s+(?:base|camp)|checkpoint|market|prison|barracks)\b",
                           re.IGNORECASE)


#: a place named as a place of the one before it ("Lakshmipur's Ramganj")
POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
#: a place's name standing alone, not the first word of a part of a town or a facility
#: ("Kherson's Dniprovskyi district", "Gaza's Shifa hospital": the town is the place to map)
ALONE = re.compile(r"\s*(?:[,.;:!?)\n]|$|\s*(?:on|in|near|at|after|before|when|where|as|and|"
                   r"with|during|overnight|yesterday|today|late|early)\b)")


def _place(text: str, ents: list[SpacySpan], trig: Token, s0: int, s1: int,
           hits: list[ActorHit]) -> tuple[int, int] | None:
    """A place attached to the trigger by a locative preposition, else the nearest place.
    A one-word name the model took for an organisation before a facility of a town ("the
    Tibu police station", "the Kutru police camp") is the town; a place's place ("in
    Lakshmipur's Ramganj") is the second."""
    named = ents
    ents = [e for e in ents if (e.label_ in PLACE_LABELS or e.label_ == "ORG" and len(e) == 1
                                and TOWN_FACILITY.match(text, e.end_char)) and s0 <= e.start_char
            and e.end_char <= s1 and not any(h.start <= e.start_char < h.end for h in hits)
            and not CARED_FOR_IN.search(text, max(s0, e.start_char - 60), e.start_char)]
    if s0 < 200:
        # the dateline ("PARIS, Oct 3 (Wire) -") is where the report was filed
        from ..geo.recognize import _DATELINE_RE

        filed = [(m.start(1), m.end(1)) for m in _DATELINE_RE.finditer(text, 0, min(s1, 200))]
        rest = [e for e in ents if not any(a <= e.start_char < b for a, b in filed)]
        ents = rest or ents
    if len(ents) > 1:
        # not the point another place is measured from ("on the outskirts of Oicha, about 25
        # km north of Beni"), when that place is named
        ents = [e for k, e in enumerate(ents) if not (k > 0 and REFERENCE_BEFORE.search(
            text, max(s0, e.start_char - 70), e.start_char))]
    if not ents:
        return None
    verb = governing_verb(trig)
    heads = {verb.i, trig.i}
    best = None
    for e in ents:
        # climb from the entity to a preposition attached (within 3 steps) to the verb/trigger
        t, prep, steps = e.root, None, 0
        if t.dep_ == "dobj" and t.head.i in heads and t.head.lemma_.lower() in STRUCK_VERBS:
            # "Russian forces struck Kostiantynivka with guided aerial bombs": the town hit
            if best is None or (0, 1) < best[0]:
                best = ((0, 1), e)
            continue
        while t.head.i != t.i and steps < 5:
            if t.dep_ == "pobj" and t.head.lower_ in LOC_PREPS:
                prep = t.head
            t = t.head
            steps += 1
            if t.i in heads and prep is not None:
                rank = (0 if prep.lower_ in ("in", "near", "at", "outside") else 1, steps)
                if best is None or rank < best[0]:
                    best = (rank, e)
                break
            if t.dep_ in ("ccomp", "conj", "advcl", "relcl", "ROOT") and t.i not in heads:
                break
    if best is None:
        # the nearest place, but not where people were travelling to ("a drone struck the
        # bus station, killing travellers waiting for buses to Bahir Dar")
        ents = [e for e in ents if not DESTINATION_BEFORE.search(
            text, max(s0, e.start_char - 60), e.start_char)]
        if not ents:
            return None
    chosen = best[1] if best is not None else min(
        ents, key=lambda e: abs(e.start_char - trig.idx))
    if (own := POSSESSIVE.match(text, chosen.end_char)) is not None:
        chosen = next((e for e in named if e.start_char == own.end() and e.end_char <= s1
                       and (e.label_ in PLACE_LABELS or e.label_ == "ORG" and not any(
                           h.start <= e.start_char < h.end for h in hits))
                       and len(e) == 1 + e[-1].is_space and e[0].is_title
                       and ALONE.match(text, e[0].idx + len(e[0]))), chosen)
    end = chosen.end_char
    while end > chosen.start_char and text[end - 1].isspace():
        end -= 1
    m = PLACE_SUFFIX.match(text, end)
    if m and m.end() <= s1:
        end = m.end()
    return (chosen.start_char, end)


def _base_score(c: TriggerCandidate, typ: str, resolved: list, main: bool) -> float:
    """A raw score from the evidence; ``calibration.json`` maps it to a probability."""
    base = kind_record(c.kind).base_score
    types = [t for _, t in resolved]
    agree = sum(1 for t in types if t == typ)
    rivals = {t for t in types if t != typ}
    base += 0.05 * min(agree - 1, 3)
    base -= 0.05 * min(len(rivals), 3)
    if main:
        base += 0.1
    return min(max(base, 0.05), 0.95)


