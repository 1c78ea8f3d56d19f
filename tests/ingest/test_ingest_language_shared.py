"""Language guess on the English evaluation corpora: English news must not be dropped.

Reads ../shared/data (or $EVENTCODER_SHARED_DATA); skipped when it is absent.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ec_testutils import shared_data_dir
from eventcoder.ingest import detect_language


def _shared() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set EVENTCODER_SHARED_DATA)")
    return path


def _english_share(texts: list[str]) -> float:
    assert texts
    return sum(detect_language(t) == "en" for t in texts) / len(texts)


@pytest.mark.shared
def test_case_snippets_are_english() -> None:
    path = _shared() / "events" / "case2021-task2-dev.tsv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [r["EventSnippet"] for r in csv.DictReader(fh, delimiter="\t")]
    assert _english_share(texts) >= 0.99


@pytest.mark.shared
@pytest.mark.parametrize("name", ["GWN-dev.xml", "GeoVirus.xml"])
def test_geoparsing_articles_are_english(name: str) -> None:
    path = _shared() / "geoparsing" / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    texts = [t.text for t in ET.parse(path).getroot().iter("text") if t.text and t.text.strip()]
    assert _english_share(texts) >= 0.99


@pytest.mark.shared
def test_re3d_documents_are_english() -> None:
    root = _shared() / "entities" / "re3d"
    texts = [json.loads(line)["text"] for p in sorted(root.rglob("documents.json"))
             for line in p.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    if not texts:
        pytest.skip(f"no re3d documents under {root}")
    assert _english_share(texts) >= 0.99
