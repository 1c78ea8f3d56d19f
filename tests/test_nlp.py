"""The NLP stage: the shared pipelines of the test suite and the paragraph component."""

from __future__ import annotations

import pytest

from eventcoder.config import DEFAULT_MODEL
from eventcoder.nlp import PARAGRAPHS, load_nlp


def _sentences(doc) -> list[str]:
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_the_shared_nlp_is_the_production_pipeline(nlp):
    assert nlp is load_nlp(DEFAULT_MODEL)  # the very object Pipeline and the CLI parse with
    names = nlp.pipe_names
    assert {"parser", "ner"} <= set(names)
    assert names.index(PARAGRAPHS) < names.index("parser")


def test_the_blank_pipeline_needs_no_trained_model(blank_nlp):
    assert blank_nlp.pipe_names == [PARAGRAPHS, "sentencizer"]


@pytest.mark.parametrize(("text", "sentences"), [
    # a headline without a final stop, then the body after a blank line
    ("Army retakes town\n\nTroops entered the town on Monday, officials said.",
     ["Army retakes town", "Troops entered the town on Monday, officials said."]),
    # a dateline line, then the lead
    ("BAGHDAD, March 10\n\nGunmen attacked a checkpoint.",
     ["BAGHDAD, March 10", "Gunmen attacked a checkpoint."]),
    # a single line break after a stop ends the sentence
    ("Two soldiers were killed.\nResidents fled.",
     ["Two soldiers were killed.", "Residents fled."]),
    # a single line break inside a sentence (hard-wrapped text) does not
    ("Gunmen attacked a police checkpoint near\nKirkuk on Monday.",
     ["Gunmen attacked a police checkpoint near\nKirkuk on Monday."]),
])
def test_paragraph_breaks_start_sentences(blank_nlp, text, sentences):
    doc = blank_nlp(text)
    assert doc.text == text  # offsets are the text's own
    assert _sentences(doc) == sentences
