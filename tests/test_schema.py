import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from eventcoder.schema import Article, Event, content_hash, stable_id

REPO = Path(__file__).resolve().parents[1]


def _event(**kw) -> Event:
    base = dict(event_id="ev-1", disorder_type="Political violence",
                event_type="Violence against civilians",
                sub_event_type="Abduction/forced disappearance")
    base.update(kw)
    return Event(**base)


def test_every_field_is_documented():
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9_]+)`", doc, flags=re.M))
    documented |= {name for pair in re.findall(r"^\| `(\w+)`, `(\w+)`", doc, flags=re.M)
                   for name in pair}
    for model in (Event, Article):
        missing = set(model.model_fields) - documented
        assert not missing, f"{model.__name__} fields missing from docs/schema.md: {missing}"


def test_event_rejects_unknown_vocabulary():
    with pytest.raises(ValidationError):
        _event(sub_event_type="Kidnapping")
    with pytest.raises(ValidationError):
        _event(event_type="Battle")
    with pytest.raises(ValidationError):
        _event(plover_type="FIGHT")
    with pytest.raises(ValidationError):
        _event(geo_precision=4)
    with pytest.raises(ValidationError):
        _event(fatalities=-1)


def test_event_json_round_trip():
    e = _event(event_date=dt.date(2025, 3, 9), fatalities=8, article_ids=["a"])
    again = Event.model_validate_json(e.model_dump_json())
    assert again == e
    assert e.model_dump(mode="json")["event_date"] == "2025-03-09"


def test_article_ids_and_hashes_are_stable():
    a = Article.from_text("Gunmen  attacked\na checkpoint.")
    b = Article.from_text("Gunmen attacked a checkpoint.")
    assert a.content_hash == b.content_hash == content_hash("Gunmen attacked a checkpoint.")
    assert a.id == b.id and a.id.startswith("h")
    assert Article.from_text("x", id="given").id == "given"
    assert stable_id("a", 1) == stable_id("a", 1) != stable_id("a", 2)
