"""Issue 12, item 2: cross-article merging of stored events (eventcoder.dedup.cross), its
rules, the run path and ``eventcoder dedup``. Events are built by hand; the run path uses a
fake pipeline (no model). Store parts on both backends: tests/store/test_merge_store.py."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.config import Config
from eventcoder.dedup.cross import (
    MergeSettings,
    candidates_for,
    compatible_types,
    district_contains,
    is_area,
    merge_stored,
    night_sides,
    one_night,
    same_event,
    text_similarity,
)
from eventcoder.pipeline import ArticleResult, Pipeline
from eventcoder.run import code_articles
from eventcoder.schema import Article, Event, Evidence

DAY = dt.date(2026, 7, 25)
KHARKIV = dict(country="Ukraine", iso3="UKR", admin1="Kharkivska oblast", admin2="Kharkiv",
               location="Kharkiv", latitude=49.9818, longitude=36.2548, geo_precision=1)
STRIKE = ("Russian forces shelled residential districts of Kharkiv overnight, killing "
          "civilians and damaging apartment blocks near the Saltivka market, the regional "
          "governor said.")
STRIKE2 = ("The governor of Kharkiv said Russian artillery shelled the Saltivka district "
           "overnight; apartment blocks near the market were damaged and civilians killed.")


def ev(article: str, fatalities: int = 4, text: str = STRIKE, **kw: object) -> Event:
    base: dict[str, object] = dict(
        event_id=f"ev-{article}", article_ids=[article], event_date=DAY, time_precision=1,
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Russia",
        actor2="Civilians (Ukraine)", fatalities=fatalities, confidence=0.8,
        evidence=[Evidence(article_id=article, field="sentence", start=0, end=len(text),
                           text=text)], **KHARKIV)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# the rules

def test_two_reports_of_one_event_are_the_same_event() -> None:
    d = same_event(ev("a1", 5), ev("a2", 3, text=STRIKE2))
    assert d.same and d.score >= MergeSettings().threshold
    assert d.parts["date"] == 1.0 and d.parts["place"] == 1.0


@pytest.mark.parametrize("change, why", [
    ({"event_date": DAY + dt.timedelta(days=3)}, "days apart"),
    ({"latitude": 50.33, "longitude": 36.25}, "km apart"),         # about 40 km north
    ({"sub_event_type": "Air/drone strike"}, "types"),              # one city, one day
    ({"country": "Russia", "iso3": "RUS"}, "countries"),
    ({"admin2": "Chuhuiv", "latitude": 49.99}, "admin2"),           # precise, other unit
    ({"event_date": None}, "undated"),
    ({"latitude": None, "longitude": None}, "no coordinates"),
])
def test_near_misses_stay_apart(change: dict[str, object], why: str) -> None:
    d = same_event(ev("a1"), ev("a2", text=STRIKE2, **change))
    assert not d.same and any(why in r for r in d.reasons), d.reasons


def test_one_place_name_placed_at_a_town_and_at_its_district_is_one_place() -> None:
    # one report places "Kupwara" at the town, the other at the district of that name (its
    # middle, 53 km away): the name is one, the points differ
    town = ev("a1", location="Kupwara", admin1="Jammu and Kashmir", country="India",
              iso3="IND", admin2="Kupwara", latitude=34.526, longitude=74.255, geo_precision=1)
    district = ev("a2", text=STRIKE2, location="Kupwara", admin1="Jammu and Kashmir",
                  country="India", iso3="IND", admin2=None, latitude=34.55,
                  longitude=73.68, geo_precision=2)
    d = same_event(town, district)
    assert d.same and any("named by both" in r for r in d.reasons), d.reasons
    # two precise points of one name 53 km apart are two places
    precise = district.model_copy(update={"geo_precision": 1})
    assert not same_event(town, precise).same


def test_the_same_town_the_next_day_needs_near_identical_text() -> None:
    other = ("A drone hit a warehouse in the north of Kharkiv on Saturday evening, "
             "the mayor said, wounding a guard.")
    d = same_event(ev("a1"), ev("a2", 1, text=other, event_date=DAY + dt.timedelta(days=1)))
    assert not d.same
    # a wire re-dating the same report a day later is still the same event
    d = same_event(ev("a1"), ev("a2", text=STRIKE, event_date=DAY + dt.timedelta(days=1)))
    assert d.same


def test_two_attacks_in_one_city_on_one_day_stay_apart() -> None:
    market = ev("a1", 6, text="A car bomb exploded at the central market of Mogadishu.",
                sub_event_type="Suicide bomb")
    checkpoint = ev("a2", 2, text="A grenade was thrown at a police checkpoint in Mogadishu.",
                    sub_event_type="Grenade")
    assert not same_event(market, checkpoint).same


def test_protests_in_one_place_on_one_day_are_one_event() -> None:
    protest = dict(disorder_type="Demonstrations", event_type="Protests",
                   sub_event_type="Peaceful protest", actor1="Protesters (Ukraine)",
                   actor2=None, fatalities=0)
    a = ev("a1", text="Hundreds marched to the city hall demanding unpaid wages.", **protest)
    b = ev("a2", text="Police watched as teachers rallied in the centre over salaries.",
           **{**protest, "sub_event_type": "Protest with intervention"})
    assert same_event(a, b).same
    # the rule, not the score, decides under a stricter threshold: not on another day, not
    # 40 km away, not when neither date is a day
    strict = MergeSettings(threshold=0.65)
    d = same_event(a, b, strict)
    assert d.same and "protests in one place on one day" in d.reasons
    assert not same_event(a, b.model_copy(update={"event_date": DAY + dt.timedelta(days=1)}),
                          strict).same
    assert not same_event(a, b.model_copy(update={"latitude": 50.34}), strict).same
    week = {"time_precision": 2}
    assert not same_event(a.model_copy(update=week), b.model_copy(update=week), strict).same
    # a protest and an attack in one place on one day: the types are not compatible
    assert not same_event(a, ev("a3")).same


def test_a_town_and_the_region_named_by_another_report_may_be_one_event() -> None:
    # one report places the shelling only in the oblast (its centre, ~45 km from the city)
    oblast = dict(location="Kharkivska oblast", latitude=49.6, longitude=36.5, admin2=None,
                  geo_precision=3)
    d = same_event(ev("a1"), ev("a2", text=STRIKE2, **oblast))
    assert d.same and d.parts["place"] == 0.5
    assert any("region Kharkivska oblast" in r for r in d.reasons)
    # not when the region is another one, nor when both places are precise
    other = {**oblast, "admin1": "Poltavska oblast"}
    assert not same_event(ev("a1"), ev("a2", text=STRIKE2, **other)).same
    precise = {**oblast, "geo_precision": 1}
    assert "km apart" in " ".join(same_event(ev("a1"), ev("a2", text=STRIKE2,
                                                         **precise)).reasons)
    # the region is no licence: a different day and other words still keep them apart
    other_day = ev("a2", 1, text="A drone hit a warehouse, the mayor said.",
                   event_date=DAY + dt.timedelta(days=1), **oblast)
    assert not same_event(ev("a1"), other_day).same


def _dated(article: str, text: str, date_words: str, day: dt.date, **kw: object) -> Event:
    """A report whose date was read from ``date_words`` in ``text`` (its evidence)."""
    at = text.index(date_words)
    return ev(article, text=text, event_date=day, evidence=[
        Evidence(article_id=article, field="sentence", start=0, end=len(text), text=text),
        Evidence(article_id=article, field="event_date", start=at, end=at + len(date_words),
                 text=date_words)], **kw)


NIGHT = ("Five soldiers were killed when militants stormed an army post near Hawija late on "
         "Saturday night, a local official said.")
SUNDAY = ("Islamic State fighters attacked an Iraqi army position in the Hawija district on "
          "Sunday, killing four soldiers, security sources said.")
DAWN = ("Militants attacked an army position near Hawija in the early hours of Sunday, "
        "killing four soldiers, security sources said.")
SATURDAY = ("Five soldiers died when Islamic State fighters stormed an army post near Hawija on "
            "Saturday, a local official said.")


def test_one_night_told_from_either_end_is_one_date() -> None:
    """Reports of a night attack date it by the evening ("late on Saturday night") or by the
    morning ("in the early hours of Sunday"); a day apart, they are one night, the same day
    for the score. Read off dd1 and dd2 (Hawija, Marte, Odesa): the texts share little
    wording, so without it the different-day rule kept every such pair apart."""
    sat, sun = DAY, DAY + dt.timedelta(days=1)
    hawija = dict(fatalities=4)
    d = same_event(_dated("a1", NIGHT, "Saturday night", sat, **hawija),
                   _dated("a2", SUNDAY, "Sunday", sun, **hawija))
    assert d.same and d.parts["date"] == 1.0 and "one night told as two dates" in d.reasons
    d = same_event(_dated("a1", SATURDAY, "Saturday", sat, **hawija),
                   _dated("a2", DAWN, "Sunday", sun, **hawija))
    assert d.same and d.parts["date"] == 1.0
    # the wrong way round: a night's evening and the day BEFORE it, or the small hours and
    # the day after, are two nights (a city struck on consecutive nights)
    for d in (same_event(_dated("a1", NIGHT, "Saturday night", sun, **hawija),
                         _dated("a2", SATURDAY, "Saturday", sat, **hawija)),
              same_event(_dated("a1", DAWN, "Sunday", sat, **hawija),
                         _dated("a2", SUNDAY, "Sunday", sun, **hawija))):
        assert d.parts["date"] == 0.0 and "one night told as two dates" not in d.reasons
    # two days: no night spans them
    d = same_event(_dated("a1", NIGHT, "Saturday night", sat, **hawija),
                   _dated("a2", SUNDAY, "Sunday", sat + dt.timedelta(days=2), **hawija))
    assert not d.same
    # no night in either telling: a day apart stays a different day
    d = same_event(_dated("a1", SATURDAY, "Saturday", sat, **hawija),
                   _dated("a2", SUNDAY, "Sunday", sun, **hawija))
    assert not d.same and "one night told as two dates" not in d.reasons


def test_night_sides_reads_the_words_around_the_date() -> None:
    assert night_sides(_dated("a", NIGHT, "Saturday night", DAY)) == {1}
    assert night_sides(_dated("a", DAWN, "Sunday", DAY)) == {-1}
    assert night_sides(_dated("a", SUNDAY, "Sunday", DAY)) == set()
    text = "Drones struck the port overnight, the governor said."
    assert night_sides(_dated("a", text, "overnight", DAY)) == {1}
    text = "The blast at about 2am on Sunday killed three, police said."
    assert night_sides(_dated("a", text, "Sunday", DAY)) == {-1}
    assert not one_night(ev("a1"), ev("a2"))  # no date evidence at all


SAMAR = dict(country="Philippines", iso3="PHL", admin1="Eastern Visayas",
             admin2="Northern Samar")


def test_a_town_and_the_district_named_by_another_report_may_be_one_event() -> None:
    """A second-level unit named as itself ("fighting in Northern Samar", placed at the
    province's centre, geo_precision 2) and a town in it (Las Navas, about 30 km away) may
    be one event, as a region and its town; not a town of another unit, and not when the
    area is only a town that shares its district's name and the two are far apart."""
    clash = dict(event_type="Battles", sub_event_type="Armed clash",
                 actor1="New People's Army (NPA)", actor2="Military Forces of the Philippines")
    town = ev("a1", 2, text="NPA rebels clashed with army troops in Las Navas, Northern "
              "Samar, on Friday, leaving two soldiers dead.", location="Las Navas",
              latitude=12.3392, longitude=125.0313, geo_precision=1, **SAMAR, **clash)
    area = ev("a2", 2, text="Two soldiers were killed in an encounter with communist "
              "rebels in Northern Samar on Friday, the army said.", location="Northern Samar",
              latitude=12.4706, longitude=124.7681, geo_precision=2, **SAMAR, **clash)
    d = same_event(town, area)
    assert d.same and d.parts["place"] == 0.5, d.reasons
    assert any("region Northern Samar" in r for r in d.reasons)
    assert district_contains(town, area) == "Northern Samar" and is_area(area)
    assert not is_area(town)
    other = area.model_copy(update={"admin2": "Samar", "location": "Samar"})
    assert not same_event(town, other).same
    # a precise place named like its district is a town, not the area
    assert not is_area(area.model_copy(update={"geo_precision": 1}))
    # near each other, the distance decides as before
    near = area.model_copy(update={"latitude": 12.36, "longitude": 125.03})
    assert same_event(town, near).parts["place"] > 0.9


def test_a_group_and_its_branch_agree_as_actors() -> None:
    """"Islamic State" in one report and its Sahel Province in another name one actor; a
    longer name that is no branch ("...Nigeria" against "...Niger") does not."""
    def actors(a: str, b: str) -> float:
        return same_event(ev("a1", actor1=a), ev("a2", text=STRIKE2, actor1=b)).parts["actors"]

    assert actors("Islamic State (IS)", "Islamic State Sahel Province") == 1.0
    assert actors("Islamic State Sahel Province", "Islamic State (IS)") == 1.0
    one, other = ev("a1", actor1="Military Forces of Niger", actor2="Islamic State (IS)"), \
        ev("a2", text=STRIKE2, actor1="Military Forces of Nigeria", actor2="Boko Haram")
    assert same_event(one, other).parts["actors"] == 0.0


def test_reports_read_from_one_article_are_never_merged() -> None:
    d = same_event(ev("a1"), ev("a1", event_id="ev-a1-2"))
    assert not d.same


def test_compatible_types_and_text_similarity() -> None:
    assert compatible_types("Armed clash", "Attack")
    assert compatible_types("Peaceful protest", "Protest with intervention")
    assert not compatible_types("Air/drone strike", "Shelling/artillery/missile attack")
    # a grenade one report names is the "explosion" (read as an IED) of another; a grenade is
    # no suicide bombing
    assert compatible_types("Grenade", "Remote explosive/landmine/IED")
    assert not compatible_types("Grenade", "Suicide bomb")
    assert text_similarity(STRIKE, STRIKE) == pytest.approx(1.0)
    assert text_similarity(STRIKE, STRIKE2) > text_similarity(
        STRIKE, "Protesters marched through Nairobi demanding lower taxes.")


def test_a_coarse_date_widens_the_window() -> None:
    weekly = ev("a2", text=STRIKE2, event_date=DAY + dt.timedelta(days=5), time_precision=2)
    assert MergeSettings().window(ev("a1"), weekly) == 7
    assert "days apart" not in " ".join(same_event(ev("a1"), weekly).reasons)


def test_a_threshold_above_1_turns_merging_off() -> None:
    assert not MergeSettings(threshold=1.5).enabled
    assert Config(merge_threshold=1.5).merge.threshold == 1.5


# ------------------------------------------------------------------------------------------
# the run path and the command

class _FakePipeline(Pipeline):
    """Codes each article into the event given for its id (no models loaded)."""

    def __init__(self, events: dict[str, Event], config: Config | None = None) -> None:
        super().__init__(config or Config(near_duplicate_threshold=0))
        self.events = events

    def process_many(self, articles: Iterable[Article], *args: object,
                     **kwargs: object) -> Iterator[ArticleResult]:
        for a in articles:
            yield ArticleResult(article=a, events=[self.events[a.id]])


STORY = {  # a1-a3: one shelling told by three outlets; n1: the next day; n2: 40 km away
    "a1": ev("a1", 5),
    "a2": ev("a2", 3, text=STRIKE2),
    "a3": ev("a3", 0, text=STRIKE + " Rescue teams searched the rubble."),
    "n1": ev("n1", 1, text="A drone hit a warehouse in the north of Kharkiv, the mayor said.",
             event_date=DAY + dt.timedelta(days=1)),
    "n2": ev("n2", 4, text=STRIKE2, latitude=50.33, admin2="Derhachi"),
}


def _code(ids: list[str], tmp_path: Path, name: str = "e.db",
          config: Config | None = None) -> str:
    url = f"sqlite:///{tmp_path / name}"
    from eventcoder.store import Store

    arts = [Article.from_text(f"Report {i}: {STORY[i].evidence[0].text}", id=i,
                              published=DAY) for i in ids]
    with Store(url) as store:
        code_articles(arts, store, _FakePipeline(STORY, config), batch_size=2)
    return url


def _clusters(url: str) -> set[tuple[frozenset[str], int, int]]:
    from eventcoder.store import Store

    with Store(url) as store:
        return {(frozenset(e.article_ids), e.sources_count, e.fatalities)
                for e in store.query_events()}


def test_the_run_path_merges_reports_and_keeps_near_misses_apart(tmp_path: Path) -> None:
    from eventcoder.store import Store

    url = _code(["a1", "n1", "a2", "n2", "a3"], tmp_path)
    assert _clusters(url) == {(frozenset({"a1", "a2", "a3"}), 3, 3),
                              (frozenset({"n1"}), 1, 1), (frozenset({"n2"}), 1, 4)}
    with Store(url) as store:
        survivor = store.get_event("ev-a1")
        assert survivor is not None and survivor.event_id == "ev-a1"  # the smallest id
        assert store.resolve_id("ev-a3") == "ev-a1"
        assert store.get_event("ev-a2") == survivor
        assert {e.article_id for e in survivor.evidence} == {"a1", "a2", "a3"}


@pytest.mark.parametrize("order", [p for p in itertools.permutations(
    ["a1", "a2", "a3", "n1", "n2"]) if p[0] in ("a3", "n1")][:4])
def test_another_order_gives_the_same_events(tmp_path: Path, order: tuple[str, ...]) -> None:
    first = _code(["a1", "a2", "a3", "n1", "n2"], tmp_path, "first.db")
    again = _code(list(order), tmp_path, "again.db")
    assert _clusters(first) == _clusters(again)
    from eventcoder.store import Store

    with Store(first) as s1, Store(again) as s2:
        assert sorted(e.event_id for e in s1.query_events()) == sorted(
            e.event_id for e in s2.query_events())


def test_the_dedup_command_merges_a_store_and_dry_run_changes_nothing(tmp_path: Path) -> None:
    url = _code(["a1", "a2", "n1", "a3", "n2"], tmp_path,
                config=Config(near_duplicate_threshold=0, merge_threshold=2.0))  # no merging
    before = _clusters(url)
    assert len(before) == 5
    db = tmp_path / "e.db"
    size = db.read_bytes()
    dry = CliRunner().invoke(cli, ["dedup", "--db", url, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would merge 2" in dry.output and "ev-a1 <- ev-a2" in dry.output
    assert _clusters(url) == before and db.read_bytes() == size
    done = CliRunner().invoke(cli, ["dedup", "--db", url])
    assert done.exit_code == 0 and "merged 2" in done.output, done.output
    assert _clusters(url) == _clusters(_code(["a1", "a2", "n1", "a3", "n2"], tmp_path, "r.db"))
    again = CliRunner().invoke(cli, ["dedup", "--db", url])
    assert "merged 0" in again.output


def test_merge_stored_without_candidates_does_nothing() -> None:
    class Empty:
        def merge_candidates(self, event: Event, **kw: object) -> list[Event]:
            return []

        def get_event(self, event_id: str) -> Event | None:
            return STORY["a1"]

        def merge_events(self, *a: object, **kw: object) -> Event | None:
            raise AssertionError("nothing to merge")

    assert merge_stored(Empty(), ["ev-a1"]) == []  # type: ignore[arg-type]
    assert candidates_for(ev("x", latitude=None), Empty()) == []  # type: ignore[arg-type]


def test_the_settings_come_from_the_environment_and_are_checked() -> None:
    from eventcoder.errors import ConfigError

    cfg = Config.load(env={"EVENTCODER_MERGE_DAYS": "3", "EVENTCODER_MERGE_KM": "10",
                           "EVENTCODER_MERGE_THRESHOLD": "0.7"})
    assert cfg.merge == MergeSettings(days=3, km=10.0, threshold=0.7)
    with pytest.raises(ConfigError, match="merge_km"):
        Config.load(env={"EVENTCODER_MERGE_KM": "0"})


def test_the_extract_summary_counts_the_merges(tmp_path: Path) -> None:
    from eventcoder.cli.extract import summary
    from eventcoder.store import Store

    url = f"sqlite:///{tmp_path / 's.db'}"
    arts = [Article.from_text(f"Report {i}", id=i, published=DAY) for i in ("a1", "a2")]
    with Store(url) as store:
        stats = code_articles(arts, store, _FakePipeline(STORY))
    assert stats.merged == 1
    assert "2 new events (1 merged with another report);" in summary(stats, 1, None, 0.1, url)


def test_a_suicide_bombing_and_a_bomb_may_be_one_event_but_not_a_shelling():
    from eventcoder.dedup.cross import compatible_types, compatible_with

    assert compatible_types("Suicide bomb", "Remote explosive/landmine/IED")
    assert "Suicide bomb" in compatible_with("Remote explosive/landmine/IED")
    assert not compatible_types("Suicide bomb", "Shelling/artillery/missile attack")


# ------------------------------------------------------------------------------------------
# session 14: places known by name only, and doubt between two events one report told apart

def test_a_village_known_by_name_only_is_not_the_town_at_its_point() -> None:
    # a village the gazetteer lacks stands at the point of the town near it, under its name
    from eventcoder.geo.locate import NAMED_ONLY

    village = ev("a2", text=STRIKE2, location="Saltivka-2",
                 location_reason=f"place attached to the trigger; {NAMED_ONLY}")
    town = ev("a1", geonames_id=706483)
    d = same_event(town, village)
    assert not d.same and any("known by name only" in r for r in d.reasons)
    # the same village spelled another way is one place
    other = ev("a3", location="Saltivka 2", location_reason=NAMED_ONLY)
    assert same_event(village, other).same
    # two places at one point without the mark (the gazetteer's): the distance decides
    assert same_event(town, ev("a4", text=STRIKE2, location="Kharkiv city")).same


def test_a_village_known_by_name_only_is_one_place_with_a_rough_report_that_names_it() -> None:
    # one report names the village (the gazetteer lacks it: the point is the town's), another
    # is placed only near the town but names the village in its sentence: one place, whatever
    # the points say; a rough report that does not name the village stays apart
    from eventcoder.geo.locate import NAMED_ONLY

    village = ev("a1", location="Vilshana", location_reason=f"attached; {NAMED_ONLY}",
                 latitude=50.30, longitude=36.10)
    near = ev("a2", text="Russian shelling of Vilshanna village north of Kharkiv overnight "
              "killed civilians, the governor said.", geo_precision=2)
    d = same_event(village, near)
    assert d.same and d.parts["place"] == 1.0
    assert any("named by the other report" in r for r in d.reasons)
    assert not same_event(village, ev("a3", text=STRIKE2, geo_precision=2)).same
    # a precise town that names it is still another place (the village may be beside it)
    assert not same_event(village, ev("a4", text=near.evidence[0].text)).same
    # nor across first-level regions
    assert not same_event(village, ev("a5", text=near.evidence[0].text, geo_precision=2,
                                      admin1="Sumska oblast")).same


def test_a_report_that_fits_two_events_another_report_told_apart_merges_with_neither() -> None:
    from eventcoder.dedup.cross import best_match

    # report b told two blasts in one town on one day; report c fits both about as well
    market = ev("b", 9, event_id="ev-b1")
    checkpoint = ev("b", 8, event_id="ev-b2", text=STRIKE2)
    incoming = ev("c", 8)
    assert same_event(incoming, market).same and same_event(incoming, checkpoint).same
    assert best_match(incoming, [market, checkpoint]) is None
    # seen from the other side: the stored event fits a sibling of the one being merged
    merged = ev("a", 9, event_id="ev-a", article_ids=["a", "b"])
    sibling = ev("b", 8, event_id="ev-b3", text=STRIKE2)
    assert best_match(merged, [incoming, sibling]) is None
    # alone, it merges
    assert best_match(incoming, [market]) is not None



def test_a_rival_just_under_the_threshold_is_still_a_doubt() -> None:
    # report b told two strikes apart; report c fits one (0.68) and the other almost as well
    # (0.59, under the threshold): which one it tells is not known, so it merges with neither
    from eventcoder.dedup.cross import RIVAL_FLOOR, best_match

    s = MergeSettings(threshold=0.6)  # the figures below are of this threshold

    bus_stop = ev("b", 8, event_id="ev-b1", text="A shell hit a bus stop in Kharkiv, killing "
                  "civilians, the governor said.")
    depot = ev("b", 20, event_id="ev-b2", text=STRIKE2, latitude=KHARKIV["latitude"] + 0.12,
               actor1="Unidentified Armed Group (Ukraine)")
    incoming = ev("c", 2)
    best, rival = same_event(incoming, bus_stop, s), same_event(incoming, depot, s)
    assert best.same and not rival.same
    assert rival.score >= RIVAL_FLOOR and best.score - rival.score < 0.1
    assert best_match(incoming, [bus_stop, depot], s) is None
    assert best_match(incoming, [bus_stop], s) is not None  # alone, it merges
    # a rival far under the threshold is no doubt
    far = depot.model_copy(update={"fatalities": 200, "latitude": KHARKIV["latitude"] + 0.2,
                                   "evidence": ev("b", text="Fighting went on.").evidence})
    assert same_event(incoming, far, s).score < RIVAL_FLOOR
    assert best_match(incoming, [bus_stop, far], s) is not None


def test_a_doubt_between_two_events_told_apart_is_settled_by_the_place_names() -> None:
    # report b told the shelling of two districts apart; report c names one of them: it is
    # that one, however alike the two look otherwise
    from eventcoder.dedup.cross import best_match

    saltivka = ev("b", 4, event_id="ev-b1", location="Saltivka")
    oleksiivka = ev("b", 4, event_id="ev-b2", location="Oleksiivka")
    incoming = ev("c", 4, location="Saltivka")
    assert same_event(incoming, saltivka).same and same_event(incoming, oleksiivka).same
    found = best_match(incoming, [saltivka, oleksiivka])
    assert found is not None and found[0].event_id == "ev-b1"
    # unnamed apart (one place name for all three), it stays a doubt
    assert best_match(ev("c", 4), [ev("b", 4, event_id="ev-b1"),
                                   ev("b", 4, event_id="ev-b2")]) is None


def test_a_like_type_told_apart_by_a_report_is_not_merged() -> None:
    """A report told a suicide car bombing and, hours later, a bomb in a market apart; a later
    report of the market bomb does not join the suicide bombing through their like types
    (ONE_BLAST) while that report's bomb of exactly its type is a rival, nor the other way."""
    from eventcoder.dedup.cross import best_match

    blast = dict(event_type="Explosions/Remote violence", actor1="Al Shabaab",
                 actor2="Civilians (Somalia)")
    bombing = ("A suicide car bomber struck a checkpoint in the city, killing soldiers, and a "
               "bomb exploded in a market.")
    suicide = ev("a1", 9, text=bombing, sub_event_type="Suicide bomb", **blast)
    suicide = suicide.model_copy(update={"article_ids": ["a1", "a2"]})
    # the report placed its market bomb only in the region: not enough to join it
    market = ev("a1", 30, text="Hours later a device went off elsewhere.",
                sub_event_type="Remote explosive/landmine/IED", **blast).model_copy(
        update={"event_id": "ev-a1-market", "geo_precision": 3, "actor1": "Unknown"})
    later = ev("a3", 3, text=bombing, sub_event_type="Remote explosive/landmine/IED", **blast)
    assert same_event(later, suicide).same  # alike enough on its own
    assert not same_event(later, market).same and not same_event(market, later).same
    found = best_match(later, [suicide, market])
    assert found is None or found[0].event_id == "ev-a1-market"
    assert best_match(suicide, [later, market]) is None
