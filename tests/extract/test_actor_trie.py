"""The actor dictionary's alternations written as tries match what the plain ones match."""

from __future__ import annotations

import random
import re

from eventcoder.extract import actors as A


def _spans(p: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in p.finditer(text)]


def test_trie_alternation_matches_the_plain_one() -> None:
    ad = A.ActorDictionary()
    rnd = random.Random(7)
    for phrases, flags in ((list(ad._ci), re.IGNORECASE), (list(ad._cs), 0),
                           (["al", "al qaeda", "al-qaeda", "al  qaeda", "is", "isis", "Is"],
                            re.IGNORECASE)):
        plain = re.compile(rf"\b(?:{A._alt(phrases)})\b", flags)
        trie = re.compile(rf"\b(?:{A._trie_alt(phrases, bool(flags))})\b", flags)
        for _ in range(300):
            parts = [rnd.choice(phrases) for _ in range(rnd.randrange(1, 5))]
            parts = [p.upper() if rnd.random() < 0.2 else p for p in parts]
            text = "".join(p + rnd.choice([" ", "  ", "\n", "'s ", "-", "", ", x"])
                           for p in parts)
            assert _spans(trie, text) == _spans(plain, text), text


def test_trie_shape() -> None:
    assert A._trie_alt(["al", "al qaeda", "al-qaeda"], ignorecase=True) == \
        r"al(?:\s+qaeda|\-qaeda|)"
    assert A._trie_alt(["é", "e"], ignorecase=True) == A._alt(["é", "e"])  # not ASCII
