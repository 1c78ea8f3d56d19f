"""eventcoder eval dedup: pairwise and B-cubed scoring of the event clusters."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.eval.dedup import read_dedup, score_assignment
from eventcoder.eval.gold import GoldError
from eventcoder.eval.sources import text_hash


def test_one_row_per_real_event_scores_one():
    s = score_assignment(["e1", "e1", "e1", "e2"], ["r1", "r1", "r1", "r2"]).as_dict()
    assert s["pairwise_precision"] == s["pairwise_recall"] == 1.0 == s["bcubed_f1"]
    assert s["pairs_should_merge"] == 3 and s["stored_events"] == 2


def test_every_report_its_own_row_has_no_recall():
    s = score_assignment(["e1", "e1", "e2"], ["r1", "r2", "r3"]).as_dict()
    assert s["pairwise_recall"] == 0.0 and s["pairs_merged"] == 0
    assert s["bcubed_precision"] == 1.0 and s["bcubed_recall"] == pytest.approx(2 / 3, abs=1e-3)


def test_a_false_merge_costs_precision_and_a_missed_report_costs_recall():
    # e1 told twice, e2 once, all three merged into one row; a fourth report unmatched
    s = score_assignment(["e1", "e1", "e2", "e1"], ["r1", "r1", "r1", None]).as_dict()
    assert s["pairs_merged"] == 3 and s["pairs_correct"] == 1
    assert s["pairwise_precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["pairwise_recall"] == pytest.approx(1 / 3, abs=1e-3)  # 3 e1 pairs, 1 merged
    assert s["matched_reports"] == 3


def _record(i: str, text: str, clusters: list[str], **kw: object) -> str:
    events = [{"cluster": c, "event_type": "Violence against civilians",
               "sub_event_type": "Attack", "event_date": "2025-05-04", "country": "Iraq",
               "fatalities": 2, "spans": [[0, len(text)]]} for c in clusters]
    return json.dumps({"id": i, "corpus": "own", "key": i, "sha1": text_hash(text),
                       "text": text, "published": "2025-05-05", "kind": "event",
                       "events": events, **kw}) + "\n"


def test_read_dedup_keeps_clusters_and_copies(tmp_path):
    a = "Gunmen killed two shepherds near Kirkuk on Sunday, police said."
    f = tmp_path / "d.jsonl"
    f.write_text(_record("d-1", a, ["e1"]) + _record("d-2", a + " More.", ["e1"],
                                                     copy_of="d-1"), encoding="utf-8")
    arts = read_dedup(f)
    assert [x.clusters for x in arts] == [["e1"], ["e1"]] and arts[1].copy_of == "d-1"
    f.write_text(_record("d-1", a, ["e1"], copy_of="nope"), encoding="utf-8")
    with pytest.raises(GoldError, match="copy_of"):
        read_dedup(f)


@pytest.mark.e2e
def test_the_command_prints_pairwise_and_bcubed(tmp_path):
    from eventcoder.cli import cli

    a = ("KIRKUK, Iraq, May 5 (Wire) - Gunmen killed two shepherds near Kirkuk on Sunday, "
         "police said.")
    b = ("Two shepherds were shot dead by gunmen on the outskirts of Kirkuk on Sunday, a "
         "local official told the Kirkuk Daily.")
    f = tmp_path / "d.jsonl"
    f.write_text(_record("d-1", a, ["e1"]) + _record("d-2", b, ["e1"]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "dedup", str(f), "--json", "--misses"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["reports"] == 2 and d["pairs_should_merge"] == 1
    assert 0.0 <= d["pairwise_recall"] <= 1.0 and 0.0 <= d["bcubed_f1"] <= 1.0
    assert isinstance(d["merge_misses"], list)


def test_merge_misses_lists_the_pairs_of_one_event_coded_as_two():
    import datetime as dt

    from eventcoder.eval.dedup import merge_misses
    from eventcoder.schema import Event

    def ev(eid: str, art: str, day: int) -> Event:
        return Event(event_id=eid, article_ids=[art], event_date=dt.date(2025, 5, day),
                     disorder_type="Political violence", event_type="Battles",
                     sub_event_type="Armed clash", country="Iraq", iso3="IRQ",
                     admin1="Kirkuk", location="Kirkuk", latitude=35.47, longitude=44.39,
                     geo_precision=1, confidence=0.8)

    same = ev("r1", "a1", 4)
    reports = [("a1", same), ("a2", same.model_copy(update={"article_ids": ["a1", "a2"]})),
               ("a3", ev("r3", "a3", 9)), ("a4", None), ("a5", ev("r5", "a5", 4))]
    # e1: a1 and a2 merged (no miss), a3 coded apart 5 days later (two misses), a4 unmatched
    # (not the merge stage's); e2: a5 alone
    misses = merge_misses(["e1", "e1", "e1", "e1", "e2"], reports)
    assert [m["articles"] for m in misses] == [["a1", "a3"], ["a2", "a3"]]
    assert all(m["score"] == 0.0 and any("days apart" in r for r in m["reasons"])
               for m in misses)
    # and the wrong merges: reports of two real events in one row (a2 says e3, stored with a1)
    from eventcoder.eval.dedup import wrong_merges

    wrong = wrong_merges(["e1", "e3", "e1", "e1", "e2"], reports)
    assert [(w["clusters"], w["articles"], w["event"]) for w in wrong] == [
        (["e1", "e3"], ["a1", "a2"], "r1")]
    assert wrong_merges(["e1", "e1", "e1", "e1", "e2"], reports) == []


#: Floors on the duplicate test sets, a little below the figures of session 19's end (dd1-dd3,
#: dd5-dd14: development sets, rules read off their misses; dd4 and dd15: held out, written
#: blind and scored without reading their misses; dd3, dd5, dd13 and dd14 raised to a little
#: below session 22's end; dd4 and dd20 held out now). Pairwise precision is the issue's target (0.95):
#: two different real events must never become one row. dd5-dd8 were each held out when
#: written and fell under it (0.905, 0.839, 0.842, 0.750) before their wrong merges were read
#: and mended; dd9-dd15, written after session 15's mends, met it when first scored (0.947-1.000).
#: Since session 16 eval dedup pairs gold and coded events by their sentences first, which
#: showed one hidden wrong merge each in dd6 and dd7. dd5's B-cubed floor went 0.94 -> 0.93 in
#: session 24: two more of its reports are coded (detection 0.844 -> 0.862), at places too far
#: from their events' other reports to merge (B-cubed 0.950 -> 0.939).
DEDUP_FLOORS = {"dd1": (0.95, 0.78, 0.96), "dd2": (0.95, 0.69, 0.96),
                "dd3": (0.95, 0.55, 0.92), "dd4": (0.95, 0.41, 0.95),
                "dd5": (0.95, 0.60, 0.93), "dd6": (0.95, 0.59, 0.91),
                "dd7": (0.95, 0.65, 0.95), "dd8": (0.95, 0.62, 0.92),
                "dd9": (0.95, 0.39, 0.92), "dd10": (0.95, 0.50, 0.95),
                "dd11": (0.95, 0.68, 0.96), "dd12": (0.95, 0.57, 0.98),
                "dd13": (0.95, 0.68, 0.93), "dd14": (0.95, 0.66, 0.96),
                "dd15": (0.95, 0.55, 0.95),
                # written blind in session 20: 0.900 / 0.486 / 0.957 on the session's
                # starting code, 0.902 / 0.500 / 0.958 at its end (four wrong merges), 0.955 /
                # 0.568 / 0.968 at session 21's first commit; read since. 0.913 / 0.568 /
                # 0.950 once a Culiacan article's second shooting is coded (one more event, a
                # second pair of two shootings merged): under the 0.95 target
                "dd16": (0.90, 0.53, 0.93),
                # written blind in session 21: 0.982 / 0.644 / 0.958 on its starting code,
                # 1.000 / 0.690 / 0.975 at session 22's first commit (aggregates only); read
                # since (dd18 held out in its place): 1.000 / 0.724 / 0.977 at its end
                "dd17": (0.95, 0.68, 0.95),
                # written blind in session 22: 0.895 / 0.486 / 0.884 on its starting code and
                # at its end (six wrong merged pairs: under the 0.95 target); read since
                # session 23 (dd19 held out in its place): 0.984 / 0.600 / 0.929 at its end
                "dd18": (0.95, 0.56, 0.90),
                # written blind in session 23: 1.000 / 0.474 / 0.917 on its starting code,
                # 1.000 / 0.487 / 0.918 at its end (aggregates only); read since session 24
                # (dd20 held out in its place): 1.000 / 0.605 / 0.961 at its end
                "dd19": (0.95, 0.55, 0.93),
                # held out, written in session 24: 0.932 / 0.495 / 0.947 on its starting code
                # (four wrong merged pairs: under the 0.95 target)
                "dd20": (0.88, 0.44, 0.92)}


@pytest.mark.e2e
@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEDUP_FLOORS))
def test_the_duplicate_sets_keep_their_floors(name: str) -> None:
    """eventcoder eval dedup eval/dedup/NAME.jsonl: pairwise precision and recall and the
    B-cubed F1 at or above the floors (dd2 names two re3d articles, read from ../shared)."""
    from ec_testutils import REPO, shared_data_dir
    from eventcoder.eval.dedup import run_and_score

    path = REPO / "eval" / "dedup" / f"{name}.jsonl"
    if "re3d" in path.read_text() and not (shared_data_dir() / "entities" / "re3d").exists():
        pytest.skip(f"{name} names re3d articles and ../shared/data is absent")
    s = run_and_score(read_dedup(path)).as_dict()
    precision, recall, bcubed = DEDUP_FLOORS[name]
    assert s["pairwise_precision"] >= precision, s
    assert s["pairwise_recall"] >= recall, s
    assert s["bcubed_f1"] >= bcubed, s
