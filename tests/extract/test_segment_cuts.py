"""segments() visiting only the tokens it can cut at (cut_tokens) gives the ranges of visiting
every token of the sentence; nlp.tokens_lowered_as finds the tokens a loop over every token
would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.segments import CUT_WORDS, cut_tokens, segments
from eventcoder.geo.nominal import _REFERRING_WORDS
from eventcoder.nlp import tokens_lowered_as

if TYPE_CHECKING:
    from spacy.language import Language

TEXTS = [
    "Militants killed 12 farmers on Tuesday, and troops who pursued them clashed with them the "
    "following day. A shell hit a market on Wednesday; two died.",
    "X seized a town, while a bomb killed five in the capital. The shelling came a day after a "
    "62-year-old man was killed, officials said.",
    "A shell hit a market on Wednesday, a day after shelling of another district killed three, "
    "whereas the north was calm. Nothing else happened.",
    "",
]


def test_the_same_ranges_with_and_without_cut_tokens(nlp: Language) -> None:
    for text in TEXTS:
        doc = nlp(text)
        cuts = cut_tokens(doc)
        assert all(doc[i].lower_ in (";", ",", "while", "whereas", "came", "comes", "followed",
                                     "happened", "occurred", "and") for i in cuts)
        for sent in doc.sents:
            assert segments(sent, text, cuts) == segments(sent, text)
    # (the texts do cut sentences)
    cut = [len(segments(s, t, cut_tokens(d))) for t in TEXTS for d in [nlp(t)] for s in d.sents]
    assert max(cut) > 1


def test_tokens_lowered_as_finds_what_a_loop_finds(nlp: Language) -> None:
    for text in TEXTS + ["The village (Kisimba) and the CITY; here, there. Here!"]:
        doc = nlp(text)
        for words in (CUT_WORDS, _REFERRING_WORDS, ("(",), ("zzz-not-a-word",), ()):
            assert tokens_lowered_as(doc, words) == [t.i for t in doc if t.lower_ in words]
