"""How a trigger is told: negated, future or intended, or history rather than news.

The grammatical filters of the extractor (moved from ``extractor.py`` unchanged): a trigger
that is negated ("did not attack"), irrealis ("vowed to attack", "will be held"), dated
before the report ("the girls abducted in 2014") or told in the past perfect is not a new
event.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import lexicon as L

if TYPE_CHECKING:
    from spacy.tokens import Token


def governing_verb(tok: Token) -> Token:
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        t = t.head
    return tok


#: verbs after which "to X" tells that X happened ("managed to retake the town")
DONE_VERBS = frozenset({"manage", "succeed", "begin", "start", "continue", "help", "go",
                        "proceed", "resume"})
#: people who gathered "to protest" protested: the assembly is the protest, its purpose told
ASSEMBLY_VERBS = frozenset({"gather", "assemble", "march", "rally", "converge", "come", "turn",
                            "take", "stage", "hold", "flock", "pour", "block", "camp", "sit",
                            "crowd", "throng", "walk", "demonstrate"})
#: verbs whose object is an event still to come ("promised a new offensive")
PLAN_OBJECT_VERBS = frozenset({"promise", "pledge", "plan", "vow", "threaten", "propose",
                               "plot", "schedule"})
#: what a coming event is said to be ("further strikes are likely")
LIKELY = frozenset({"likely", "unlikely", "possible", "probable", "expected", "imminent"})
#: verbs whose "for" object is an event asked for ("called for a general strike")
CALL_FOR_VERBS = frozenset({"call", "appeal", "push", "plan", "prepare"})
PROTEST_VERBS = frozenset({"protest", "demonstrate", "rally", "march", "denounce", "demand"})


def irrealis(tok: Token, seg: str, rel: int) -> bool:
    """Future, intended, hypothetical or planned: not a reported event."""
    verb = governing_verb(tok)
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
            c.dep_ == "aux" and c.lower_ in L.MODAL_FUTURE | L.MODAL_HYPOTHETICAL
            for c in verb.children):
        return False  # "are reported to have killed 50", "is said to have fired": it happened
    noun = tok
    while noun.dep_ in ("amod", "compound") and noun.head.i > noun.i:  # ("general strike")
        noun = noun.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in PLAN_OBJECT_VERBS or (
            noun.dep_ == "pobj" and noun.head.lower_ == "for"
            and noun.head.head.lemma_.lower() in CALL_FOR_VERBS):
        return True  # "promised a new offensive", "called for a general strike"
    if verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in LIKELY for c in
                                   verb.children):
        return True  # "further air strikes on contested towns are likely"
    heads = (tok, verb, verb.head) if verb.dep_ == "conj" else (tok, verb)
    for t in heads:  # ("whether any suspects had been detained or explosives recovered")
        for ch in t.children:
            if ch.dep_ in ("aux", "auxpass") and (ch.text in L.MODAL_FUTURE or (
                    ch.lower_ in L.MODAL_HYPOTHETICAL and ch.text.islower())):
                return True
            if ch.dep_ == "mark" and ch.lower_ in ("if", "unless", "whether"):
                return True
            if ch.dep_ == "amod" and ch.lower_ in ("upcoming", "planned", "proposed",
                                                   "possible", "potential", "future"):
                return True
            if ch.dep_ == "aux" and ch.lower_ == "to" and t.head.lemma_.lower() in L.INTENT_VERBS:
                return True
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in L.INTENT_VERBS and \
            any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return True
    if verb.dep_ == "advcl" and verb.lemma_.lower() in PROTEST_VERBS and \
            verb.head.lemma_.lower() in ASSEMBLY_VERBS and verb.head.tag_ in ("VBD", "VBN") \
            and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in L.MODAL_FUTURE |
                        L.MODAL_HYPOTHETICAL for c in verb.head.children):
        return False  # "hundreds gathered outside the governorate on Monday to protest"
    if verb.pos_ == "VERB" and verb.dep_ in ("acl", "advcl", "xcomp", "relcl") and \
            verb.head.lemma_.lower() not in DONE_VERBS and \
            any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        # a purpose or an aim: "an operation to liberate Mosul", "moved in to retake the
        # town", "efforts to defeat Daesh" (not "managed to retake")
        return True
    near = seg[max(0, rel - 60):rel + 60]
    return bool(re.search(r"\b(?:tomorrow|next\s+(?:week|month|year)|in\s+the\s+coming\s+"
                          r"(?:days|weeks|months)|will\s+be\s+held|to\s+be\s+held|"
                          r"is\s+set\s+to|are\s+set\s+to)\b", near, re.IGNORECASE))


def negated(tok: Token) -> bool:
    """The trigger is negated: "did not attack", "no clashes", "entered without fighting"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        return True
    verb = governing_verb(tok)
    for t in {tok, verb}:
        for ch in t.children:
            if ch.dep_ == "neg" or (ch.dep_ == "det" and ch.lower_ == "no"):
                return True
    for anc in verb.ancestors:
        if anc.lemma_.lower() in L.DENY_VERBS:
            return True
        if anc.dep_ in ("ROOT",):
            break
    return False


#: prepositions that head a date ("in 2014", "on 24 December 2023", "between 2008 and 2014")
DATE_PREPOSITIONS = frozenset({"in", "since", "during", "on", "between", "from"})


def dated_background(tok: Token, published: dt.date | None) -> bool:
    """A trigger noun carrying its own earlier year ("a 2017 chemical attack") is history, and
    so is a trigger verb with "in 2014" attached ("the girls abducted from Chibok in 2014")."""
    def dated_prep(head: Token) -> bool:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in DATE_PREPOSITIONS:
                for t in prep.subtree:
                    if t.text.isdigit() and len(t.text) == 4 and 1900 < int(t.text) < 2100 \
                            and (published is None or int(t.text) < published.year):
                        return True
        return False

    if tok.pos_ == "VERB":  # (a parser may hang the date on the subject: "On ... 2023, raids")
        return dated_prep(tok) or any(dated_prep(c) for c in tok.children if c.dep_ == "nsubj")
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    if dated_prep(tok) or (tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and
                           dated_prep(tok.head)):
        # "fighting between 2008 and 2014", "On Christmas Eve 2023, raids ... killed 200"
        return True
    scope = list(tok.children)
    t = tok
    for _ in range(3):  # up the noun phrase: "2017 chemical weapons attack"
        if t.dep_ not in ("compound", "amod", "nmod"):
            break
        t = t.head
        scope += list(t.children)
    for t in scope:
        if t.text.isdigit() and len(t.text) == 4 and 1900 < int(t.text) < 2100:
            if published is None or int(t.text) < published.year:
                return True
    return False


#: A past-perfect event dated more than this many days before publication is background.
PLUPERFECT_DAYS = 7


def pluperfect(tok: Token) -> bool:
    """The trigger's verb is in the past perfect ("had taken", "had been killed")."""
    verb = governing_verb(tok)
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d")
               for c in verb.children)


def recent_cue(seg: str) -> bool:
    return bool(re.search(r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                          r"sunday)|yesterday|today|last\s+night|this\s+week)\b", seg,
                          re.IGNORECASE))
