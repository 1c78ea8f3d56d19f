"""Issue 12, item 5: human decisions (edits, merges, splits) are recorded with cause, user and
comment, a split undoes a merge or makes a new event, and later dedup passes respect them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ec_testutils import mosul_article, mosul_event
from ec_testutils import run_cli as _run
from eventcoder.dedup.cross import merge_stored
from eventcoder.errors import InputError
from eventcoder.schema import Evidence
from eventcoder.store import Store

SENTENCE = "Gunmen attacked a village near Mosul on Monday, killing {n} people, police said."


def _event(n: int, **kw: object):
    text = SENTENCE.format(n=n)
    return mosul_event(n, day=1, latitude=36.34, longitude=43.13, geo_precision=1,
                       evidence=[Evidence(article_id=f"a{n}", field="event", start=0,
                                          end=len(text), text=text)], **kw)


@pytest.fixture()
def store(tmp_path: Path):
    with Store(f"sqlite:///{tmp_path / 'events.db'}") as s:
        s.save_batch([mosul_article(n, day=1) for n in (1, 2, 3)],
                     [_event(1), _event(2), _event(3)])
        yield s


def _clusters(store: Store) -> list[list[str]]:
    return sorted(sorted(e.article_ids) for e in store.iter_events(status="all"))


def test_the_three_reports_are_one_event_by_dedup(store: Store) -> None:
    merges = merge_stored(store, ["ev-1", "ev-2", "ev-3"])
    assert [(m.survivor, m.absorbed) for m in merges] == [("ev-1", "ev-2"), ("ev-1", "ev-3")]
    assert _clusters(store) == [["a1", "a2", "a3"]]
    # the lowest non-zero toll across reports; ev-1 gave 1
    assert store.get_event("ev-1").fatalities == 1


def test_splitting_off_what_a_merge_brought_undoes_it(store: Store) -> None:
    merge_stored(store, ["ev-1", "ev-2", "ev-3"])
    kept, back = store.split_event("ev-1", ["a3"], user="ana", comment="another village")
    assert back.event_id == "ev-3" and back.article_ids == ["a3"] and back.fatalities == 3
    assert kept.event_id == "ev-1" and kept.article_ids == ["a1", "a2"]
    assert store.resolve_id("ev-3") == "ev-3" and store.resolve_id("ev-2") == "ev-1"
    assert store.get_event("ev-3").evidence[0].article_id == "a3"
    assert all(e.article_id != "a3" for e in store.get_event("ev-1").evidence)
    # recorded in both histories, with the user and comment
    [*_, last] = store.event_changes("ev-1")
    assert (last.cause, last.user, last.comment) == ("split", "ana", "another village")
    assert last.changes["article_ids"] == (["a1", "a2", "a3"], ["a1", "a2"])
    [first] = store.event_changes("ev-3")
    assert first.cause == "split" and first.detail["split_from"] == "ev-1"
    # a later batch pass does not merge them again: the decision sticks
    assert store.kept_apart(["ev-1"]) == {"ev-1": {"ev-3"}}
    assert merge_stored(store, ["ev-1", "ev-3"]) == []
    assert _clusters(store) == [["a1", "a2"], ["a3"]]


def test_a_split_decision_holds_after_the_kept_event_is_merged_again(store: Store) -> None:
    merge_stored(store, ["ev-1", "ev-2"])
    store.split_event("ev-1", ["a2"])
    assert store.kept_apart(["ev-1", "ev-2"]) == {"ev-1": {"ev-2"}, "ev-2": {"ev-1"}}
    # ev-1 absorbs ev-3; ev-2 stays apart from the merged event
    merge_stored(store, ["ev-3"])
    assert _clusters(store) == [["a1", "a3"], ["a2"]]
    assert merge_stored(store, ["ev-2"]) == []


def test_splitting_a_coded_event_without_merges_makes_a_new_stable_id(store: Store) -> None:
    store.save_batch([], [_event(1, article_ids=["a1", "a2"])])
    kept, new = store.split_event("ev-1", ["a2"])
    assert new.event_id.startswith("ev-") and new.event_id not in ("ev-1", "ev-2")
    assert new.article_ids == ["a2"] and new.sources_count == 1
    assert kept.article_ids == ["a1"] and kept.sources_count == 1


def test_split_refuses_bad_requests(store: Store) -> None:
    with pytest.raises(InputError, match="does not cite a9"):
        store.split_event("ev-1", ["a9"])
    with pytest.raises(InputError, match="every article"):
        store.split_event("ev-1", ["a1"])
    with pytest.raises(InputError, match="at least one"):
        store.split_event("ev-1", [])
    assert store.split_event("ev-nope", ["a1"]) is None


def test_an_edit_is_recorded_and_sticks_when_the_event_is_coded_again(store: Store) -> None:
    edited = store.edit_event("ev-2", {"fatalities": 5, "admin1": "Nineveh"}, user="bo",
                              comment="hospital figure")
    assert edited.fatalities == 5 and edited.status == "reviewed"
    [*_, last] = store.event_changes("ev-2")
    assert last.cause == "edit" and last.user == "bo"
    assert last.changes["fatalities"] == (2, 5)
    assert last.detail["edited"]["admin1"] == ["Ninewa", "Nineveh"]
    # a new automatic coding of the event adds its source, not its fields
    store.save_batch([mosul_article(9, day=1)], [_event(2, article_ids=["a9"], fatalities=9)])
    again = store.get_event("ev-2")
    assert again.fatalities == 5 and again.admin1 == "Nineveh" and "a9" in again.article_ids
    with pytest.raises(InputError, match="cannot edit event_id"):
        store.edit_event("ev-2", {"event_id": "x"})
    with pytest.raises(InputError, match="fatalities"):
        store.edit_event("ev-2", {"fatalities": "many"})
    assert store.edit_event("ev-nope", {"fatalities": 1}) is None


def test_the_cli_splits_reviews_and_shows_who(store: Store) -> None:
    db = store.url.render_as_string(hide_password=False)
    merge_stored(store, ["ev-1", "ev-2", "ev-3"])
    out = _run("events", "--db", db, "--split", "ev-2", "--articles", "a2,a3", "--user", "cy",
               "--comment", "two other villages")
    assert out.exit_code == 0, out.output
    assert "ev-2 split off ev-1: a2, a3" in out.stdout and "ev-1 keeps a1" in out.stdout
    assert _clusters(store) == [["a1"], ["a2", "a3"]]
    out = _run("review", "ev-3", "--set", "fatalities=4", "--set", "admin2=Mosul",
               "--user", "cy", "--db", db)
    assert out.exit_code == 0, out.output
    assert "ev-2: fatalities 2 -> 4; admin2 None -> Mosul; status auto -> reviewed" in out.stdout
    assert "ev-3 was merged into ev-2" in out.stderr
    hist = _run("events", "--db", db, "--history", "ev-2", "--format", "jsonl")
    causes = [(v["cause"], v["user"]) for v in map(json.loads, hist.stdout.splitlines())]
    assert causes[-2:] == [("split", "cy"), ("edit", "cy")]
    bad = _run("review", "ev-2", "--set", "colour=red", "--db", db)
    assert bad.exit_code == 1 and "cannot edit colour" in bad.output
    assert _run("events", "--db", db, "--split", "ev-2").exit_code == 2


def test_report_times_span_the_articles_of_a_merged_event(tmp_path: Path) -> None:
    import datetime as dt

    with Store(f"sqlite:///{tmp_path / 'r.db'}") as s:
        s.save_batch([mosul_article(1, day=1), mosul_article(2, day=3)],
                     [_event(1), _event(2)])
        assert s.report_times(["ev-1"]) == {"ev-1": (dt.date(2024, 1, 1), dt.date(2024, 1, 1))}
        merge_stored(s, ["ev-1", "ev-2"])
        assert s.report_times(["ev-1", "ev-2"]) == {
            "ev-1": (dt.date(2024, 1, 1), dt.date(2024, 1, 3))}
