"""Sentences into segments, and the trigger candidates of a segment.

A sentence is split at semicolons and at clauses that tell a second event (", while ...",
", and troops ... clashed ... the following day"); :func:`find_triggers` lists the lexicon's
trigger matches in a segment.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp import tokens_lowered_as
from ..wordscan import WordStartScanner
from . import lexicon as L

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class TriggerCandidate:
    start: int  # trigger char offsets (absolute)
    end: int
    kind: str
    priority: int


#: The lower-case forms of the tokens :func:`segments` may cut a sentence at.
CUT_WORDS = (";", ",", "while", "whereas", "came", "comes", "followed", "happened", "occurred",
             "and")


def cut_tokens(doc: Doc) -> list[int]:
    """The indexes of ``doc``'s tokens whose lower-case form is one of :data:`CUT_WORDS`, in
    order: the only ones :func:`segments` can cut at (read from the doc's arrays at once)."""
    return tokens_lowered_as(doc, CUT_WORDS)


def segments(sent: SpacySpan, text: str, cuts: Sequence[int] | None = None
             ) -> list[tuple[int, int]]:
    """Character ranges of the sentence split at semicolons and at ", while"/", whereas"
    clauses (two events told in one sentence: "X seized a town, while a bomb killed five").

    cuts: :func:`cut_tokens` of the sentence's doc, so that only those tokens are visited (the
    same ranges; without it every token of the sentence is)."""
    out, start = [], sent.start_char
    head = is_headline_text(text, sent.start_char, sent.end_char)
    # a clause fronted with "A day after ..." tells the earlier event ("A day after a Maoist IED
    # blast killed five security personnel, three Maoists were killed in an encounter")
    fronted = FRONTED_AFTER.match(text, sent.start_char, sent.end_char) \
        if "after" in text[sent.start_char:sent.start_char + 110] else None
    fronted_at = fronted.start("clause") if fronted is not None else -1
    tokens: Iterable[Token] = sent
    if cuts is not None:
        doc = sent.doc
        tokens = (doc[i] for i in cuts[bisect_left(cuts, sent.start):
                                        bisect_left(cuts, sent.end)])
    for t in tokens:
        if t.text == ";":
            out.append((start, t.idx))
            start = t.idx + 1
        elif t.lower_ in ("while", "whereas") and t.i > sent.start and \
                t.nbor(-1).text == "," and t.idx - start > 20:
            out.append((start, t.idx))
            start = t.idx
        elif t.text == "," and fronted_at >= 0 and t.idx > fronted_at + 12 and \
                _events_on_both_sides(text, fronted_at, t.idx, sent.end_char):
            if fronted_at > start:
                out.append((start, fronted_at))  # (a dateline before it)
            out.append((fronted_at, t.idx))
            start, fronted_at = t.idx + 1, -1
        elif t.text == "," and head and t.idx - start > 12 and \
                _events_on_both_sides(text, start, t.idx, sent.end_char):
            # a headline's two clauses, two events ("Thousands march in Gabes against
            # pollution, clashes at night"; "Gunmen kill 14 in village raid, six more die in
            # second attack")
            out.append((start, t.idx))
            start = t.idx + 1
        elif t.text == "," and t.idx - start > 20 and AFTER_CLAUSE.match(text, t.idx + 1) and \
                _events_on_both_sides(text, sent.start_char, t.idx, sent.end_char):
            # "A shell hit a market on Wednesday, a day after shelling of another district
            # killed three": the clause after the comma tells an earlier event
            out.append((start, t.idx))
            start = t.idx + 1
        elif t.lower_ in ("came", "comes", "followed", "happened", "occurred") and \
                t.idx - start > 8 and AFTER_CLAUSE.match(text, t.idx + len(t.text)) and \
                _events_on_both_sides(text, sent.start_char, t.idx + len(t.text), sent.end_char):
            # "The shelling came a day after a 62-year-old man was killed": the same
            cut = t.idx + len(t.text)
            out.append((start, cut))
            start = cut
        elif t.lower_ == "and" and t.dep_ == "cc" and t.i > sent.start and \
                t.nbor(-1).text == "," and t.idx - start > 20 and \
                second_event_clause(sent, t, text):
            out.append((start, t.idx))
            start = t.idx
    out.append((start, sent.end_char))
    return [(a, b) for a, b in out if b - a > 3]


#: a clause that dates another event from the one just told: ", a day after ...", ", two days
#: after ...", ", the day after ...", ", hours after ..." (group "n": how many days, none for
#: hours; "the" is one)
AFTER_CLAUSE = re.compile(
    r"\s*(?:(?:(?P<n>a|an|one|the|two|three|four|five|six|seven|\d{1,2})\s+"
    r"(?P<unit>days?|weeks?)|"
    r"(?:only\s+|just\s+)?(?:hours|minutes))\s+(?P<dir>after|before)|"
    r"(?P<same>(?:on\s+)?the\s+same\s+day\s+as))\s", re.IGNORECASE)


#: a sentence (or the text after its dateline) that opens with "A day after", "Two days
#: after", "Hours after", "Days after" (group "clause": where that clause begins)
FRONTED_AFTER = re.compile(
    r"\s*(?:[^\n.]{0,60}?\s[-\u2013\u2014]\s+)?(?P<clause>(?:(?:A|An|One|Two|Three|Four|Five|"
    r"\d{1,2})\s+(?:days?|weeks?)|Hours|Days|Only\s+hours|Just\s+hours)\s+after\b)")


def is_headline_text(text: str, s0: int, s1: int) -> bool:
    """The sentence is the text's first line, told without a full stop (a title)."""
    line = text.find("\n")
    return s0 == 0 and line > 0 and "\n" not in text[s0:s1].strip() and \
        not text[:line].rstrip().endswith((".", "!", "?"))


def _events_on_both_sides(text: str, s0: int, cut: int, s1: int) -> bool:
    """Event words that are more than a toll before ``cut`` and after it."""
    before = find_triggers(text[s0:cut], s0)
    after = find_triggers(text[cut:s1], cut)
    return any(c.kind != "outcome" for c in before) and any(c.kind != "outcome" for c in after)


def second_event_clause(sent: SpacySpan, cc: Token, text: str) -> bool:
    """", and" opens a clause that tells a second event: a verb with its own subject, its own
    place or day, and an event word that is more than a toll ("Militants killed 12 farmers on
    Tuesday, and troops who pursued them clashed with them the following day")."""
    conj = next((v for v in sent if v.i > cc.i and v.pos_ in ("VERB", "AUX") and
                 v.dep_ in ("conj", "ccomp", "ROOT") and any(
                     c.dep_ in ("nsubj", "nsubjpass") and c.i > cc.i for c in v.children)),
                None)
    if conj is None or conj.i - cc.i > 12:
        return False
    end = max(t.idx + len(t) for t in conj.subtree)
    own = text[cc.idx:end]
    if not (any(e.label_ in PLACE_LABELS | {"DATE", "TIME"} and cc.idx < e.start_char < end
                for e in sent.ents) or L.NEW_EVENT.search(own) or
            re.search(r"\b(?:hours|days)\s+later\b|\b(?:in|near|at)\s+(?:the\s+)?"
                      r"(?:[a-z]+\s+){0,3}?(?:city|town|village|port)\s+of\s+[A-Z]", own)):
        return False
    before = find_triggers(text[sent.start_char:cc.idx], sent.start_char)
    after = find_triggers(text[cc.idx:end], cc.idx)
    return any(c.kind != "outcome" for c in before) and any(c.kind != "outcome" for c in after)


#: (the trigger table, its scanner), built on first use
_SCANNER: tuple[tuple[L.Trigger, ...], WordStartScanner] | None = None


def find_triggers(seg: str, s0: int) -> list[TriggerCandidate]:
    """Every match of every trigger pattern in ``seg`` (which starts at ``s0``), by pattern
    then position: ``finditer`` of each pattern, run at the word starts where it can match
    (:mod:`eventcoder.wordscan`)."""
    global _SCANNER
    if _SCANNER is None or _SCANNER[0] is not L.TRIGGERS:
        _SCANNER = (L.TRIGGERS, WordStartScanner(t.pattern for t in L.TRIGGERS))
    triggers, scanner = _SCANNER
    out = []
    for j, m in scanner.matches(seg):
        trig = triggers[j]
        out.append(TriggerCandidate(s0 + m.start(), s0 + m.end(), trig.kind, trig.priority))
    return out
