"""Unit tests of the pieces: numbers, dates, the actor dictionary, the classifier loader."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest

from eventcoder.extract.actors import ActorDictionary
from eventcoder.extract.calibration import Calibrator
from eventcoder.extract.dates import DateResolver
from eventcoder.extract.numbers import fatality_candidates, parse_number

PUB = dt.date(2025, 3, 10)  # a Monday


@pytest.mark.parametrize("text,value", [
    ("eight", 8), ("twenty-two", 22), ("1,200", 1200), ("dozens", 12), ("a dozen", 12),
    ("three hundred", 300), ("17", 17), ("hundreds", 100), ("several", 3),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_words():
    assert parse_number("village") is None


@pytest.mark.parametrize("sentence,value", [
    ("the bodies of the nine farmers were found", 9),
    ("a blast killed at least 14 people", 14),
    ("Dozens of people died in the raid", 12),
    ("The death toll rose to 41 on Friday", 41),
    ("A policeman was killed at the checkpoint", 1),
    ("leaving four dead", 4),
    # an aside about the victims between their count and the verb
    ("At least 21 civilians, including women and children, were killed", 21),
    ("Twelve people, most of them farmers, were killed on Sunday", 12),
    ("46 of our compatriots, including women and children, were martyred", 46),
])
def test_fatality_candidates(sentence, value):
    cands = fatality_candidates(sentence)
    assert cands and cands[0][0] == value


def test_an_aside_does_not_make_the_wounded_or_arrested_dead():
    assert [v for v, _, _ in fatality_candidates(
        "Five soldiers, including an officer, were wounded and two others killed")] == [2]
    assert fatality_candidates("Three men, all of them traders, were arrested") == []


def test_fatalities_ignore_distances_and_times():
    assert fatality_candidates("the convoy was attacked 30 km from the town") == []


@pytest.mark.parametrize("expr,date,precision", [
    ("Sunday", dt.date(2025, 3, 9), 1),
    ("on Monday", dt.date(2025, 3, 10), 1),
    ("last Monday", dt.date(2025, 3, 3), 1),
    ("yesterday", dt.date(2025, 3, 9), 1),
    ("two days ago", dt.date(2025, 3, 8), 1),
    ("last week", dt.date(2025, 3, 3), 2),
    ("last month", dt.date(2025, 2, 8), 3),
    ("March 4", dt.date(2025, 3, 4), 1),
    ("13 December 2017", dt.date(2017, 12, 13), 1),
    ("December 2017", dt.date(2017, 12, 1), 3),
    # a span of days: its first day (to the day over one night, else to the week)
    ("Saturday to Sunday", dt.date(2025, 3, 8), 1),
    ("from Saturday to Sunday", dt.date(2025, 3, 8), 1),
    ("between Wednesday and Saturday", dt.date(2025, 3, 5), 2),
    ("March 2 to March 4", dt.date(2025, 3, 2), 2),
    ("March 8-9", dt.date(2025, 3, 8), 1),
    ("overnight", dt.date(2025, 3, 9), 1),  # the night before the report, by its first day
    ("2-5 March 2024", dt.date(2024, 3, 2), 2),
])
def test_resolve_dates(expr, date, precision):
    r = DateResolver().resolve(expr, PUB)
    assert r is not None
    assert (r.date, r.precision) == (date, precision)


def test_relative_to_event_is_marked():
    r = DateResolver().resolve("three days later", PUB)
    assert r is not None and r.relative_to_event


def test_a_span_that_runs_backwards_or_over_a_month_is_no_date():
    assert DateResolver().resolve("Sunday to Saturday", PUB) is None  # (Mar 9 to Mar 8)
    assert DateResolver().resolve("January 2 to March 4", PUB) is None


def test_relative_date_without_publication_is_unknown():
    assert DateResolver().resolve("last week", None) is None


@pytest.mark.parametrize("phrase,name,inter", [
    ("Daesh", "Islamic State (IS)", 2),
    ("ISIL", "Islamic State (IS)", 2),
    ("the Hashd al-Shaabi", "Popular Mobilization Forces", 3),
    ("Iraqi soldiers", "Military Forces of Iraq", 1),
    ("Syrian regime forces", "Military Forces of Syria", 1),
    ("Nigerian police", "Police Forces of Nigeria", 1),
    ("the Basra Operations Command", "Military Forces of Iraq", 1),
])
def test_actor_dictionary(phrase, name, inter):
    ad = ActorDictionary()
    hits = ad.find(f"Yesterday {phrase} were reported in the area.")
    assert hits, phrase
    h = hits[0]
    assert ad.resolve(h.name, h.country) == name
    assert h.inter == inter


def test_acronym_is_case_sensitive():
    ad = ActorDictionary()
    assert [h.name for h in ad.find("IS fighters attacked")] == ["Islamic State (IS)"]
    assert not [h for h in ad.find("it is what it is") if h.name.startswith("Islamic")]


def test_generic_actor_takes_the_article_country():
    ad = ActorDictionary()
    text = "Gunmen attacked a village in Borno state, Nigeria."
    assert ad.country_of(text) == "Nigeria"
    h = ad.find(text)[0]
    assert ad.resolve(h.name, ad.country_of(text)) == "Unidentified Armed Group (Nigeria)"


def test_user_file_extends_dictionary(tmp_path):
    tsv = tmp_path / "actors.tsv"
    tsv.write_text("alias\tname\tinter\nRed Hand Brigade\tRed Hand Brigade\t3\n",
                   encoding="utf-8")
    ad = ActorDictionary(tsv)
    hits = ad.find("The Red Hand Brigade ambushed a patrol.")
    assert hits[0].name == "Red Hand Brigade" and hits[0].inter == 3
    js = tmp_path / "actors.json"
    js.write_text(json.dumps({"actors": [{"name": "Blue Lions", "inter": 4,
                                          "aliases": ["Blue Lions militia"]}]}),
                  encoding="utf-8")
    assert ActorDictionary(js).find("the Blue Lions militia")[0].inter == 4


def test_user_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        ActorDictionary(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("Red Hand\tRed Hand\t12\n", encoding="utf-8")
    with pytest.raises(ValueError, match="inter"):
        ActorDictionary(bad)


def test_calibrator_is_monotone_and_bounded():
    cal = Calibrator([0.2, 0.5, 0.8], [0.3, 0.6, 0.9])
    vals = [cal(x / 10) for x in range(11)]
    assert vals == sorted(vals)
    assert 0.0 <= min(vals) and max(vals) <= 1.0
    assert Calibrator()(0.42) == 0.42


def test_extractor_pickles(extractor):
    clone = pickle.loads(pickle.dumps(extractor))
    assert clone.actors.find("ISIS")[0].name == "Islamic State (IS)"


@pytest.mark.parametrize("sentence,total", [
    ("killed two soldiers and three attackers", 5),
    ("249 people died yesterday, 17 of whom were tortured", 249),
    ("449 deaths, 3120 homes burned", 449),
])
def test_summed_fatalities_only_add_people(sentence, total):
    from eventcoder.extract.numbers import summed_fatalities

    v, a, b = fatality_candidates(sentence)[0]
    assert summed_fatalities(sentence, a, b, v)[0] == total
