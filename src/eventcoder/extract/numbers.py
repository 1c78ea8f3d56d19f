"""Numbers in words and digits, and fatality counts tied to a killing.

Vague quantities get documented conservative figures (see docs/extraction.md):
"a dozen"/"dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000, "several"/"a number of"
3, "a few"/"some" 2 (ACLED-style: the lower figure when reports are vague).
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "both": 2, "couple": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
VAGUE = {"dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
         "several": 3, "few": 2, "some": 2, "many": 3, "numerous": 3, "multiple": 2}
SCALES = {"hundred": 100, "thousand": 1000}

_NUM_WORD = "|".join(sorted([*UNITS, *TENS, *VAGUE, *SCALES], key=len, reverse=True))
#: one number phrase: digits ("12", "1,200") or words ("twenty-two", "a dozen", "dozens of")
NUMBER_RE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)"
    rf"|(?:(?:{_NUM_WORD})(?:[\s-]+(?:{_NUM_WORD}))*)(?:\s*\(\d{{1,6}}\))?"
)  # (a number in words may repeat itself in digits: "nine (9)", official communiques)


#: More digits than any count in the news has: such a "number" is not read (int() refuses
#: more than 4,300 digits, and a date 10**15 days away does not exist).
MAX_DIGITS = 15


def _digits(word: str) -> int | None:
    """The value of a word of decimal digits (any script's: "12", "١٢"), None for anything
    else, including digit-like characters int() does not take ("²", "①") and numbers of more
    than :data:`MAX_DIGITS` digits."""
    if not word.isdecimal() or len(word) > MAX_DIGITS:
        return None
    return int(word)


def parse_number(text: str) -> int | None:
    """The value of a number phrase: ``"eight"`` 8, ``"twenty-two"`` 22, ``"1,200"`` 1200,
    ``"dozens"`` 12. None when ``text`` is not a number."""
    t = text.lower().strip().replace(",", "")
    if (m := re.fullmatch(r"[a-z\s-]+\((\d+)\)", t)) is not None:
        return _digits(m[1])  # "nine (9)": the digits say it
    if not t:
        return None
    if t.isdigit():
        return _digits(t)
    words = [w for w in re.split(r"[\s-]+", t) if w and w not in ("of", "and")]
    if not words:
        return None
    total, current, seen = 0, 0, False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
        elif w in VAGUE:
            current = max(current, 1) * VAGUE[w] if w in ("dozen",) else VAGUE[w]
        elif w.isdigit():
            value = _digits(w)
            if value is None:
                return None
            current += value
        else:
            return None
        seen = True
    return total + current if seen else None


#: soldiers' deaths as communiqués tell them ("fourteen soldiers who fell with arms in hand")
FELL = r"fell\s+(?:with\s+(?:their\s+)?arms\s+in\s+hands?|in\s+(?:combat|battle|action))"
_Q = r"(?:at\s+least|as\s+many\s+as|up\s+to|some|about|around|nearly|almost|over|more\s+than|" \
     r"approximately|roughly|an\s+estimated|a\s+total\s+of|the|another|another\s+of)"
_KILLED = (r"(?:killed|dead|died|die|dies|slain|perished|massacred|executed|beheaded|shot\s+dead|"
           r"murdered|assassinated|martyred|martyrs|lost\s+their\s+lives|" + FELL + r"|lost\s+his\s+life|lost\s+her\s+life|"
           r"bodies|corpses|dead\s+bodies|fatalities|deaths|lifeless|gunned\s+down|"
           r"hacked\s+to\s+death|beaten\s+to\s+death|burned\s+to\s+death|burnt\s+to\s+death|"
           r"succumbed\s+to\s+(?:their|his|her)?\s*(?:injuries|wounds|gunshot\s+wounds))")
#: up to three words of a victim noun phrase (headline quotes allowed: "three rebel 'commanders'"),
#: optionally with an of-phrase ("twelve members of the security forces")
#: (a word has a letter: a dash is no word, "August 2025 - Seven people" counts seven, not 2025)
_W = r"[\"'\u2018\u2019\u201c\u201d]?[A-Za-z][A-Za-z'-]*[\"'\u2018\u2019\u201c\u201d]?"
_NOUN = rf"(?:{_W}\s+){{0,4}}?(?:of\s+(?:the\s+)?(?:{_W}\s+){{1,3}}?)?"
#: an aside about the victims between their count and the verb: "21 civilians, including
#: women and children, were killed", "twelve people, most of them farmers, died"
_ASIDE = (rf"(?:{_W},\s*(?:including|among\s+(?:them|whom)|(?:most|many|some|all)\s+of\s+"
          rf"(?:them|whom)|mostly|mainly|both|aged)\b[^,.;:\n]{{1,60}},\s*"
          # "three men, aged 19, 22 and 24, who were killed"
          rf"|{_W},\s*aged\s+\d{{1,3}}(?:,\s*\d{{1,3}})*(?:,?\s+and\s+\d{{1,3}})?,\s*)?"
          rf"(?:who\s+)?")
#: a sum of money, not people ("a reward of Rs 4 lakh", "$5 million")
_MONEY_BEFORE = re.compile(r"(?:\b(?:rs|inr|usd|us\$|eur|afs|afn|ngn)\.?|[$\u00a3\u20ac\u20b9])\s*$",
                           re.IGNORECASE)
_MONEY_AFTER = re.compile(r"\s*(?:lakhs?|crores?|millions?|billions?|dollars|rupees|pounds|euros|"
                          r"naira|afghanis|shillings|francs|bounty|reward)\b", re.IGNORECASE)
#: a count of the dead and the wounded together ("five killed and wounded", "killed, injured")
_KILLED_AND_WOUNDED = re.compile(r"\s*(?:,\s*|/\s*|\s+(?:and|or|&)\s+)"
                                 r"(?:wounded|injured|hurt)\b", re.IGNORECASE)
#: "four of the eight": the first number is a part of the second
PART_OF_NEXT = re.compile(r"\s+of\s+(?:the|these|those|them|whom)\b", re.IGNORECASE)

#: patterns whose group "n" is a number of people killed
FATALITY_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:bodies|corpses|remains|killings?|murders?|deaths|massacre|execution|executions|"
    rf"martyrdom)\s+"
    rf"of\s+(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\b(?!\s*(?:%|percent|km|miles|hours|days|weeks|"
    rf"months|years))",
    rf"\bdeath\s+toll\s+(?:\w+\s+){{0,4}}?(?:to|at|of|is|was|reached|hit)\s+(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\b",
    # "the death toll from Tuesday's suicide car bombing at the checkpoint has risen to nine"
    rf"\b(?:(?:death\s+)?toll|number\s+of\s+(?:(?:people|persons|civilians|those)\s+killed|"
    rf"victims|dead|deaths|fatalities))\s+"
    rf"(?:from|of|in|by)\s+[^.;:]{{3,90}}?\s+(?:has\s+|had\s+)?(?:risen|rose|rises|"
    rf"climbed|climbs|jumped|increased|reached)\s+(?:to\s+)?(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\b",
    rf"\b(?:killing|killed|kills|kill|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|"
    rf"leaving|left|massacred|executed|beheaded|shot\s+dead|murdered|gunned\s+down|slaughtered|"
    rf"martyring|martyred|"
    rf"assassinated|assassinates|assassinate|assassinating)"
    rf"\s+(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\b(?!\s*(?:%|percent|km|kilomet|miles|hours|days|"
    rf"weeks|months|years|am|pm|o'clock))",
    rf"\b(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\s+{_NOUN}{_ASIDE}(?:were|was|have\s+been|had\s+been|"
    rf"are|is|been|being|reportedly|later)?\s*(?:were\s+|was\s+)?(?:reported\s+)?{_KILLED}\b",
    rf"\b(?P<n>{NUMBER_RE})\s+(?:people\s+|persons\s+)?(?:dead|killed|deaths|fatalities)\b",
    # "as toll climbs to 30" (a headline's toll), "put the number of soldiers killed at 30"
    rf"\b(?:death\s+)?toll\s+(?:climbs|climbed|rises|rose|has\s+risen|jumps|jumped|reaches|"
    rf"reached|hits|stands\s+at|stood\s+at)\s+(?:to\s+)?(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\b"
    rf"(?!\s*(?:%|percent))",
    rf"\bnumber\s+of\s+(?:[\w()'-]+\s+){{1,12}}?(?:killed|dead)\s+at\s+(?:{_Q}\s+)?"
    rf"(?P<n>{NUMBER_RE})\b",
))


_CONJ_NUMBER = re.compile(
    rf"(?P<np>\s+(?:[A-Za-z'-]+\s+){{0,2}}?[A-Za-z'-]+)\s*(?:,\s*and|,|and)\s+"
    rf"(?:{_Q}\s+)?(?P<n>{NUMBER_RE})\b", re.IGNORECASE)
_NOT_A_PART = re.compile(r"\b(?:including|among|of\s+whom|of\s+them|injur\w*|wound\w*|"
                         r"hurt|arrest\w*|captur\w*|detain\w*)\b", re.IGNORECASE)


#: a verb in between: the next number belongs to another clause ("249 died, 17 of whom ...")
_CLAUSE_WORDS = re.compile(r"\b(?:died|killed|dead|were|was|are|is|have|had|has|been|said)\b",
                           re.IGNORECASE)
#: the added count must count people ("three attackers", "two others")
_PERSON_AFTER = re.compile(
    r"\s+(?:more\s+|other\s+|of\s+the\s+)?(?:[\w'-]+\s+)?(?:people|persons|civilians?|soldiers?|"
    r"troops|policem[ae]n|officers?|police|militants?|fighters?|insurgents?|rebels?|attackers?|"
    r"assailants?|gunmen|others|members|children|women|men|villagers|farmers|workers|"
    r"passengers|guards?|personnel|terrorists?|jihadists?|militiamen|bandits|residents|"
    r"students|pilgrims|worshippers|protesters|demonstrators)\b(?!\s+of\s+(?:whom|them))",
    re.IGNORECASE)


def summed_fatalities(text: str, start: int, end: int, value: int) -> tuple[int, int]:
    """Add the counts coordinated with the number at ``text[start:end]`` ("killed two soldiers
    and three attackers" -> 5); returns (total, end of the last number added)."""
    total, pos, parts = value, end, 0
    for _ in range(4):
        m = _CONJ_NUMBER.match(text, pos)
        if m is None or _NOT_A_PART.search(m.group("np")) or _CLAUSE_WORDS.search(m.group("np")):
            break
        after = text[m.end("n"):m.end("n") + 30]
        if re.match(r"\s+(?:others\s+)?(?:were\s+)?(?:injur|wound|hurt|arrest)", after,
                    re.IGNORECASE) or not _PERSON_AFTER.match(after):
            break
        v = parse_number(m.group("n"))
        if v is None or m.group("n").lower() in ("a", "an", "the", "some"):
            break
        total += v
        pos = m.end("n")
        parts += 1
    if parts >= 2 and total == 2 * value:
        # the first is the whole, the others its breakdown ("Thirteen people, eleven soldiers
        # and two civilians, were killed")
        return value, pos
    return total, pos


def fatality_candidates(text: str) -> list[tuple[int, int, int]]:
    """(value, start, end) of every number in ``text`` that counts people killed."""
    out: dict[tuple[int, int], int] = {}
    for pat in FATALITY_PATTERNS:
        for m in _overlapping(pat, text):
            raw = m.group("n")
            if raw.lower() in ("a", "an", "the", "no", "some", "one") and not _single_ok(m, text):
                continue
            v = parse_number(raw)
            if v is None or v > 100000:
                continue
            if _LEAVES_NUMBER.search(text, m.end("n"), m.end()):
                continue  # "Two attacks leave seven dead": the events, not the dead
            if _KILLED_AND_WOUNDED.match(text, m.end()):
                continue  # "ten soldiers killed and wounded": not a count of the dead
            if _MONEY_BEFORE.search(text[max(0, m.start("n") - 6):m.start("n")]) or \
                    _MONEY_AFTER.match(text, m.end("n")):
                continue
            if raw[:1].isdigit() and (_MONTH_AFTER.match(text, m.end("n")) or _MONTH_BEFORE.search(
                    text, max(0, m.start("n") - 12), m.start("n"))):
                continue  # a day of the month ("the assault on 7 October killed nine soldiers")
            out.setdefault((m.start("n"), m.end("n")), v)
    return sorted((v, s, e) for (s, e), v in out.items())


_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
#: a month's name after or before a number: the number is a day ("7 October", "Oct. 7")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS)
_MONTH_BEFORE = re.compile(_MONTHS + r"\s+$")
#: a count of events before the count of the dead they left ("Two attacks leave seven dead")
_LEAVES_NUMBER = re.compile(rf"\b(?:leave|leaves|left|leaving)\s+(?:{_Q}\s+)?(?:{NUMBER_RE})\b",
                            re.IGNORECASE)


def _overlapping(pat: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``pat``, each search resuming after the previous number (not after the whole
    match): "three of the ten bodies" yields both "three" and "ten"."""
    out, pos = [], 0
    while (m := pat.search(text, pos)) is not None:
        out.append(m)
        pos = max(m.end("n"), m.start() + 1)
    return out


def _single_ok(m: re.Match[str], text: str) -> bool:
    """"a soldier was killed" counts 1; "a dozen"/"the three" are handled elsewhere."""
    raw = m.group("n").lower()
    if raw in ("a", "an", "one"):
        after = text[m.end("n"):m.end("n") + 40].lower()
        if _ORDINAL.match(after):
            return False  # "four men ..., and a fifth victim died": the fifth, not one
        return bool(re.match(r"\s+(?:[a-z'-]+\s+){0,2}?(?:was|is|has\s+been)\s+(?:\w+\s+)?"
                             r"(?:killed|shot\s+dead|slain|murdered|executed|beheaded|found\s+dead)",
                             after)) or bool(re.match(r"\s+(?:[a-z'-]+\s+){0,2}?(?:died|dead)\b", after))
    return False


_ORDINAL = re.compile(r"\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"\d+(?:st|nd|rd|th))\b")
_ANY_NUMBER = re.compile(rf"\b(?:{NUMBER_RE})\b", re.IGNORECASE)


def headline_numbers(text: str) -> set[int]:
    """Every number written in ``text`` (digits, number words, vague quantities), whatever it
    counts; used by the evaluation to bound what reading a headline can score."""
    out = set()
    for m in _ANY_NUMBER.finditer(text):
        if m.group(0).lower() in ("a", "an", "the", "no", "some"):
            continue
        v = parse_number(m.group(0))
        if v is not None and v < 100000:
            out.add(v)
    return out
