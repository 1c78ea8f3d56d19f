"""WordStartScanner finds exactly what finditer finds (eventcoder.wordscan)."""

from __future__ import annotations

import random
import re

import pytest

from eventcoder.extract import lexicon as L
from eventcoder.extract.actors import ActorDictionary
from eventcoder.wordscan import LONGEST_PREFIX, WordStartScanner, word_start_prefixes

TEXTS = [
    "Gunmen killed five soldiers in an ambush near Kirkuk; a roadside bomb wounded two.",
    "KILLED: Iraqi army troops clashed with IS militants; air strikes hit the town.",
    "The rocket-propelled grenade attack, a hand grenade and grenades in Mosul.",
    "Kılıç said the suıcide bomber (ı, İ, ſ, \u212a) blew himself up; \u2018operation\u2019.",
    "protestors protested; march MARCH marched; 12 strikes destroyed 3 vehicles.",
    "", "a", "kill", " kill", "killkill kill-kill _kill 9kill",
    "Syrian government forces and pro-government militia shelled Idlib province.",
    # letters that match ASCII ones case-insensitively past a word's third character
    "chem\u0131cal weapons, CHEM\u0130CAL gas, grena\u017fe attack, explo\u017fion, "
    "\u017farin, the mi\u017f\u017file struck; mortar\u2019s shells",
]


def _spans(found: list[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in found]


def _patterns() -> list[re.Pattern[str]]:
    actors = ActorDictionary()
    pats = [t.pattern for t in L.TRIGGERS]
    pats += [actors._command_re, actors._state_re, actors._ci_re]
    pats += [v for v in vars(L).values() if isinstance(v, re.Pattern)]
    return pats


@pytest.fixture(scope="module")
def scanner() -> WordStartScanner:
    return WordStartScanner(_patterns())


def _random_texts(n: int) -> list[str]:
    rnd = random.Random(14)
    words = " ".join(TEXTS).split() + ["airstrike", "air", "strikes", "ied", "IEDs", "ı", "İ"]
    alphabet = "aeiklmnorstuKILS ,.;'-\n\u0131\u0130\u017f\u212a\u2018\u00e90123456789"
    out = []
    for _ in range(n):
        out.append(" ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 25))))
        out.append("".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 60))))
    return out


def test_same_matches_as_finditer(scanner: WordStartScanner) -> None:
    for text in TEXTS + _random_texts(300):
        for pattern, found in zip(scanner.patterns, scanner.scan(text), strict=True):
            assert _spans(found) == _spans(list(pattern.finditer(text))), (pattern.pattern,
                                                                           text)


def test_most_lexicon_patterns_are_indexed(scanner: WordStartScanner) -> None:
    triggers = scanner.prefixes[:len(L.TRIGGERS)]
    assert all(p is not None for p in triggers)
    assert all(len(s) <= LONGEST_PREFIX and s == s.lower() for p in triggers for s in p or ())


@pytest.mark.parametrize("regex, flags", [
    (r"kill", 0),  # no word boundary: a match may begin inside a word ("skill")
    (r"\b(?:x|)", 0),  # may match the empty string
    (r"\b\w+", re.ASCII),  # ASCII word boundaries differ from the word starts found
    (r"\b[\u2018']?kill", 0),  # may begin with a character that is not a word character
    (r"\b.kill", 0),
    (r"\bkill|skill", 0),  # one branch has no word boundary
])
def test_patterns_that_cannot_be_bounded_run_plainly(regex: str, flags: int) -> None:
    pattern = re.compile(regex, flags)
    assert word_start_prefixes(pattern) is None
    sc = WordStartScanner([pattern])
    for text in ("skill kill", "‘kill 'kill", "x xkill"):
        assert _spans(sc.scan(text)[0]) == _spans(list(pattern.finditer(text)))


def test_prefixes_of_a_pattern() -> None:
    p = re.compile(r"(?<!propelled\s)\b(?:hand\s+)?grenades?\b|\bgrenade\s+attacks?\b", re.I)
    # past three characters a prefix grows through single characters, and a branch's
    # alternatives are taken as they are; a class ("\s") ends it there
    assert word_start_prefixes(p) == {"hand", "grenad"}
    assert word_start_prefixes(p, 3, 3) == {"han", "gre"}
    assert word_start_prefixes(re.compile(r"\b(?:ied|ieds|ab)\b", re.I)) == {"ied", "ab"}
    # a trie: its branches are several continuations of one prefix, which stop at three
    assert word_start_prefixes(re.compile(r"\bA(?:fghan|lgeria)\b")) == {"afg", "alg"}
    # digits and spaces: several continuations each, so three characters at most, but a
    # letter after them goes on ("1 kill")
    digits = word_start_prefixes(re.compile(r"\b\d+\s+killed"))
    assert digits is not None and {"123", "12 ", "1 kill"} <= digits
    assert all(s[0].isdigit() and (len(s) <= 3 or s[3:].isalpha()) for s in digits)
    # a character no ASCII one matches ends the prefix there; "ı" matches "i" and "I"
    assert word_start_prefixes(re.compile(r"\bk\u00e9z", re.I)) == {"k"}
    assert word_start_prefixes(re.compile(r"\bk\u0131z", re.I)) == {"kiz"}
