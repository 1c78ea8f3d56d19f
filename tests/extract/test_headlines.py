"""Fatalities in short, headline-style reports (UCDP GED source headlines).

All example sentences are made up for these tests.
"""

from __future__ import annotations

import pytest

from eventcoder.extract.numbers import fatality_candidates


def _fat(ms):
    return min((m.fatalities for m in ms if m.fatalities), default=0)


@pytest.mark.parametrize("headline,value", [
    ("Gunmen kill teacher, his driver in northern province - police", 2),
    ("Bandits kill farmer and son in Zamfara", 2),
    ("Air strike kills rebel commander, 3 others in west Darfur", 4),
    ("A soldier and 6 militants killed in attack on army camp", 7),
    ("Militants attack village; a policeman and two civilians killed, three wounded", 3),
    ("Boko Haram kills three soldiers, overruns army base", 3),
    ("Twelve members of the security forces were killed in the ambush", 12),
    ("Three Rebel \u2018Commanders\u2019 Killed In Eastern Region", 3),
    ("Militants assassinate two policemen in Kandahar", 2),
    ("Two soldiers killed, five wounded in ambush near the border", 2),
])
def test_headline_fatalities(run, headline, value):
    assert _fat(run(headline)) == value


def test_killed_and_wounded_is_not_a_death_count(run):
    # the five are the dead and the wounded together: at least one death
    assert _fat(run("Five soldiers killed and wounded in rocket attack on outpost")) == 1


def test_money_is_not_a_count():
    assert fatality_candidates("Rebel carrying reward of Rs 5 lakh killed in gunfight") == []
    assert fatality_candidates("Commander with $10,000 bounty killed") == []


def test_part_of_a_later_figure():
    # "three of the ten": three is a part, ten the whole
    cands = fatality_candidates("They identify three of the ten bodies found in the well")
    assert sorted(v for v, _, _ in cands) == [3, 10]


def test_a_part_is_not_the_figure(run):
    ms = run("Gunmen killed ten villagers in Kafr Aya on Monday. Police identified three of the "
             "ten bodies found.")
    assert ms and ms[0].fatalities == 10


def test_read_count_replaces_aggregate_placeholder(run):
    ms = run("The death toll in the war tops 50,000. Twelve soldiers were killed during "
             "clashes near the town of Morak.")
    assert 12 in [m.fatalities for m in ms]
