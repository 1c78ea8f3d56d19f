"""Counting the dead from the parse: lists of victims and the conservative figure.

Helpers of ``EventExtractor._fatalities`` (moved from ``extractor.py`` unchanged).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..nlp import doc_text
from .numbers import PART_OF_NEXT, parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: a number that is a part of a figure given before ("including 5 children")
PART_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+the\s+(?:dead|victims|killed)|"
                         r"of\s+whom|of\s+them)\s+(?:\w+\s+)?$",
                         re.IGNORECASE)


#: a number that adds to a toll told beside it ("risen to six after two more bodies were
#: recovered", "three additional deaths")
INCREMENT_AFTER = re.compile(r"\s+(?:more|additional|further|other)\b", re.IGNORECASE)
#: a number told as what made a toll rise ("rose to nine soldiers after two wounded men
#: died"): the toll is the figure
INCREMENT_BEFORE = re.compile(r"\b(?:risen|rose|climbed|jumped|increased|rises|climbs)\s+to\s+"
                              r"\S+(?:\s+[\w-]+){0,2}\s+(?:after|as|when)\s+$", re.IGNORECASE)


def conservative(seg: str, cands: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    """The conservative figure among a segment's fatality numbers: the smallest one that is
    not a part of another ("including 5 children", "four of the eight bodies")."""
    risen = [c for c in cands if RISEN_TO.search(seg, max(0, c[1] - 30), c[1])]
    if risen:
        # "the number killed has risen to seven, after rescuers recovered two bodies": the new
        # whole, not the ones it grew by
        return risen[0]
    wholes = [c for c in cands if not PART_BEFORE.search(seg[max(0, c[1] - 25):c[1]])
              and not PART_OF_NEXT.match(seg, c[2]) and not INCREMENT_AFTER.match(seg, c[2])
              and not INCREMENT_BEFORE.search(seg[max(0, c[1] - 60):c[1]])]
    return min(wholes or cands, key=lambda c: (c[0], c[1]))


#: a toll told as grown to a figure ("has risen to seven", "rose to at least 12")
RISEN_TO = re.compile(r"\b(?:risen|rose|rises|climbed|climbs|jumped|increased)\s+to\s+"
                      r"(?:at\s+least\s+)?$", re.IGNORECASE)


#: verbs and adjectives of killing whose victims are counted from the parse
VICTIM_VERB = re.compile(r"kill(?:s|ed|ing)?|di(?:e|es|ed)|dead|slain|murder(?:s|ed)?|"
                         r"assassinat(?:e|es|ed)|execut(?:e|es|ed)|behead(?:s|ed)?|"
                         r"massacr(?:e|es|ed)|perish(?:es|ed)?|slaughter(?:s|ed)?", re.IGNORECASE)


#: nouns for groups of people: a singular one is not one person ("a family", "a convoy")
COLLECTIVE = frozenset({"family", "families", "group", "convoy", "crowd", "unit", "patrol",
                        "force", "army", "police", "community", "village", "people", "team",
                        "others", "brigade", "militia", "couple", "dozen", "dozens", "scores",
                        "hundreds", "thousands", "several", "many", "some", "crew", "staff"})


#: singular nouns for one person (a victim counted 1 in a list of victims)
PERSON_NOUNS = frozenset("""
soldier officer policeman policewoman cop trooper guard sentry pilot commander chief leader
head general colonel major captain lieutenant sergeant corporal private commando agent spy
informant militant fighter rebel insurgent gunman attacker assailant bomber terrorist jihadist
militiaman tribesman herder herdsman hunter vigilante bandit kidnapper civilian villager farmer
shepherd trader shopkeeper businessman worker employee contractor engineer driver passenger
doctor nurse teacher student pupil journalist reporter official judge prosecutor lawyer
governor mayor lawmaker politician candidate councillor chairman minister deputy diplomat
activist cleric imam priest pastor monk elder ruler king sheikh prince dignitary director
manager volunteer pilgrim worshipper resident local man woman boy girl child baby infant teen
teenager youth person individual father mother son daughter brother sister husband wife uncle
aunt cousin nephew niece grandfather grandmother relative associate bodyguard aide assistant
member associate collaborator translator interpreter medic paramedic ranger warden
""".split())


#: words that end a list of victims ("two killed, three wounded")
NOT_KILLED = re.compile(r"\b(?:injur\w*|wound\w*|hurt|arrest\w*|captur\w*|detain\w*|abduct\w*|"
                        r"kidnap\w*|including|among)\b", re.IGNORECASE)


def victim_count(doc: Doc, s0: int, s1: int) -> tuple[int, int, int] | None:
    """The number of people killed when the parse shows two or more coordinated victims
    ("kill a farmer, his son" 2; "a soldier, 6 militants killed" 7; "a commander, 4 others"
    5): (total, start char, end char), or None when there is no such list or a part has no
    countable size (a bare plural, a group name)."""
    span = doc.char_span(s0, s1, alignment_mode="contract")
    if span is None:
        return None
    for tok in span:
        if not VICTIM_VERB.fullmatch(tok.text) or re.match(
                r"\s*(?:,|/|and|or|&)\s*(?:wound|injur|hurt)", doc_text(doc)[tok.idx + len(tok.text):],
                re.IGNORECASE):
            continue  # "killed and wounded": the count is not of the dead
        passive = tok.tag_ == "VBN" or tok.lemma_.lower() in ("die", "perish") or \
            tok.lower_ == "dead" or any(c.dep_ == "auxpass" for c in tok.children)
        if passive:
            roots = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "npadvmod")]
            if tok.dep_ in ("acl", "amod") and tok.head.i < tok.i:
                roots.append(tok.head)
        else:
            roots = [c for c in tok.children if c.dep_ == "dobj" or (
                c.dep_ == "dep" and c.pos_ in ("NOUN", "PROPN") and c.i > tok.i)]
        parts: list[Token] = []
        # "a policeman, a local elder killed": the list may start above the participle's noun
        roots += [r.head for r in roots if r.dep_ in ("conj", "appos") and r.head.i != tok.i]
        # the victims stand before a participle or "died" and after an active verb ("killed
        # a soldier, three wounded": "three" is not a victim)
        todo = [r for r in roots if r.pos_ in ("NOUN", "PROPN", "NUM")
                and (r.i < tok.i) == passive]
        while todo:
            t = todo.pop()
            if t in parts or _date_number(t):
                continue
            parts.append(t)
            for c in t.children:
                if c.dep_ not in ("conj", "appos") or c.pos_ not in ("NOUN", "PROPN", "NUM") \
                        or (c.i < tok.i) != passive:
                    continue
                if c.pos_ == "NUM" and t.pos_ == "PROPN":
                    continue  # an age: "Corporal Anderson Pereira, 38, who was on duty"
                if c.dep_ == "appos" and "NUM" not in (c.pos_, t.pos_) and \
                        (c.pos_ == "PROPN") != (t.pos_ == "PROPN"):
                    # a name beside a noun is one person ("a farmer, Musa Bello, and his two
                    # sons"): what is coordinated with the name still counts
                    todo.extend(g for g in c.children if g.dep_ == "conj"
                                and g.pos_ in ("NOUN", "PROPN", "NUM"))
                    continue
                todo.append(c)
        if not parts or (len(parts) == 1 and not has_number(parts[0])):
            continue
        values = [part_size(t) for t in parts]
        if any(v is None for v in values):
            continue
        a = min(p.left_edge.idx for p in parts)
        b = max(p.idx + len(p.text) for p in parts)
        if NOT_KILLED.search(doc_text(doc), a, b) or not (s0 <= a and b <= s1):
            continue
        sizes = [v for _, v in sorted(zip((t.i for t in parts), values, strict=True))
                 if v is not None]
        if len(sizes) >= 3 and sizes[0] == sum(sizes[1:]):
            # the first is the whole, the others its breakdown ("Thirteen people, eleven
            # soldiers and two civilians, were killed")
            return sizes[0], a, b
        return sum(sizes), a, b
    return None


def has_number(tok: Token) -> bool:
    return tok.pos_ == "NUM" or any(c.dep_ == "nummod" for c in tok.children)


def _date_number(tok: Token) -> bool:
    """A number that is a date's day or year ("4 December 2025 - Four soldiers were killed":
    the dateline's "4" parsed as a second subject of the killing)."""
    if tok.pos_ != "NUM":
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.ent_type_ in ("DATE", "TIME") or bool(_YEAR.fullmatch(tok.text)) or (
        nxt is not None and nxt.ent_type_ == "DATE" and nxt.pos_ == "PROPN")


#: a year, never a count of victims in a modifier
_YEAR = re.compile(r"(?:19|20)\d\d")


def part_size(tok: Token) -> int | None:
    """People counted by one victim noun: its number, 1 for a singular person noun, None
    when unknown (a bare plural, a group name, a collective noun)."""
    if tok.pos_ == "NUM":
        return parse_number(tok.text)
    if tok.lower_ in ("dozens", "scores", "hundreds", "dozen") and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return parse_number(tok.text)  # "dozens of rebels"
    nums = [c for c in tok.children if c.dep_ == "nummod" or (
        c.dep_ in ("compound", "amod", "quantmod") and c.lower_ in ("dozen", "dozens", "scores"))]
    if nums and all(_date_number(c) for c in nums):
        # "16 January 2025 - Three members of ...": the dateline's day parsed as the count,
        # and the count itself taken into the date; the number just before the noun counts
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        nums = [prev] if prev is not None and prev.pos_ == "NUM" and \
            not _YEAR.fullmatch(prev.text) else []
        if not nums:
            return None
    if nums:
        # "at least 30", "twenty-two", "a dozen": the number words of the modifier
        # (not a number repeated in brackets: "four (4) civilians" are four)
        # the modifier nearest the noun ("4 December 2025 - Four Somali soldiers": the
        # dateline's day parsed as a second modifier), without a year in it
        # (the words before it only up to a date: "12 January 2025 - Three fighters", the
        # dateline parsed into the number's subtree, counts three)
        n = nums[-1]
        sub = sorted(n.subtree, key=lambda t: t.i)
        start = n.i
        while start - 1 >= sub[0].i and not _YEAR.fullmatch(tok.doc[start - 1].text) and not (
                tok.doc[start - 1].pos_ == "PROPN" and tok.doc[start - 1].ent_type_ == "DATE"):
            start -= 1
        words = [t.text for t in sub if t.i >= start and parse_number(t.text) is not None
                 and not (t.i > 0 and t.doc[t.i - 1].text == "(") and not _YEAR.fullmatch(t.text)]
        return parse_number(" ".join(words)) if words else None
    if tok.lower_ in COLLECTIVE or tok.ent_type_ in ("NORP", "ORG", "GPE", "LOC", "FAC"):
        return None
    if tok.tag_ in ("NN", "NNP") and tok.lower_ in PERSON_NOUNS:
        return 1
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None and ent.label_ == "PERSON" and len(ent) >= 2:
        return 1  # a named victim ("Ana Ruiz Torres, killed in ..."); one word is unsure
    return None
