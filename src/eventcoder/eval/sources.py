"""Article texts of the public evaluation corpora, by corpus and key.

The audit gold (``eval/audit/*.jsonl``) never copies text from ``../shared/data``: a record
names its article by ``corpus`` and ``key`` and carries a short hash of the text, and this module
reads the text from the corpus file at scoring time. Keys:

- ``gwn``: the 0-based index of the ``<article>`` in GWN-dev.xml;
- ``lgl``: the 0-based index of the ``<article>`` in lgl.xml;
- ``re3d``: the document ``_id`` (any source folder);
- ``own``: the record carries its own ``text`` (articles written for this project).
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

#: Where ../shared/data is looked for: the folder the caller names (the CLI's ``--shared-data``,
#: which ``$EVENTCODER_SHARED_DATA`` sets), else ../shared/data beside the repository, else
#: beside the working directory.
_REPO = Path(__file__).resolve().parents[3]

CORPUS_FILES = {
    "gwn": "geoparsing/GWN-dev.xml",
    "lgl": "geoparsing/lgl.xml",
    "re3d": "entities/re3d",
}


def shared_data_dir(named: Path | str | None = None) -> Path | None:
    """The folder of the public evaluation corpora, or None when it is absent.

    named: the folder the caller was given (``eventcoder eval audit --shared-data``, set by
        ``$EVENTCODER_SHARED_DATA``); when it is not a folder the usual places are tried."""
    candidates = [Path(named)] if named else []
    candidates += [_REPO.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


def text_hash(text: str) -> str:
    """The short hash a gold record carries to prove it names the right text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@cache
def _xml_texts(path: Path) -> tuple[str, ...]:
    return tuple(art.findtext("text") or "" for art in ET.parse(path).getroot().iter("article"))


@cache
def _re3d(path: Path) -> dict[str, dict]:
    docs: dict[str, dict] = {}
    for folder in sorted(p for p in path.iterdir() if (p / "documents.json").is_file()):
        with (folder / "documents.json").open(encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    d["folder"] = folder.name
                    docs[d["_id"]] = d
    return docs


def corpus_texts(corpus: str, data_dir: Path | None = None) -> dict[str, str]:
    """Every text of ``corpus`` by key (see the module docstring)."""
    data_dir = data_dir or shared_data_dir()
    if data_dir is None:
        raise FileNotFoundError("../shared/data not found (set EVENTCODER_SHARED_DATA)")
    if corpus not in CORPUS_FILES:
        raise KeyError(f"unknown corpus {corpus!r}; known: {', '.join(CORPUS_FILES)}")
    path = data_dir / CORPUS_FILES[corpus]
    if corpus == "re3d":
        return {k: d["text"] for k, d in _re3d(path).items()}
    return {str(i): t for i, t in enumerate(_xml_texts(path))}


def corpus_text(corpus: str, key: str, data_dir: Path | None = None) -> str:
    """The text of one article of a shared corpus."""
    texts = corpus_texts(corpus, data_dir)
    if str(key) not in texts:
        raise KeyError(f"{corpus} has no article {key!r}")
    return texts[str(key)]
