"""Which date of a sentence is the event's: the one the parse attaches to the event word,
before one attached to a verb of speech or claim; a day named before a time of day that names
none ("overnight"). Dates are resolved against the publication date (a Tuesday)."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text

PUBLISHED = dt.date(2026, 5, 12)  # a Tuesday
SATURDAY, SUNDAY, FRIDAY = dt.date(2026, 5, 9), dt.date(2026, 5, 10), dt.date(2026, 5, 8)


def _dates(text: str) -> set[dt.date | None]:
    return {e.event_date for e in code_text(text, PUBLISHED, min_confidence=0)}


def test_the_day_of_the_killing_not_the_day_it_was_said():
    text = ("Officials said on Sunday that the gunmen who killed four soldiers at a checkpoint "
            "outside Tumaco on Saturday night belonged to a dissident faction.")
    assert _dates(text) == {SATURDAY}


def test_the_day_of_the_attack_not_the_day_it_was_claimed():
    text = ("The Islamic State Sahel Province claimed on Sunday the attack on the village of "
            "Tillia on Friday that killed nine civilians, according to its propaganda channel.")
    assert _dates(text) == {FRIDAY}


def test_a_day_named_before_a_time_of_day_that_names_none():
    text = ("At least nine civilians were killed overnight from Saturday to Sunday when rebels "
            "raided the village of Mangina, local officials said.")
    assert _dates(text) == {SATURDAY}


def test_a_possessive_day_on_the_event_word():
    text = ("A second soldier wounded in Saturday's ambush near Tumaco died in hospital on "
            "Monday, the army said.")
    assert SATURDAY in _dates(text)


def test_the_only_date_is_still_used_when_it_is_the_day_of_a_statement():
    """A date attached to a verb of speech is a last resort, not discarded."""
    text = ("The army said on Sunday that gunmen killed four soldiers at a checkpoint outside "
            "Tumaco.")
    assert _dates(text) == {SUNDAY}


def test_a_dateline_under_a_headline_is_the_day_of_filing():
    text = ("Gunmen ambush soldiers near Apatzingan\n\n"
            "APATZINGAN, Mich., May 12 - Gunmen of the Jalisco New Generation Cartel ambushed an "
            "army patrol near El Alcalde, in the municipality of Apatzingan, on Saturday, killing "
            "two soldiers, state security sources said.")
    assert _dates(text) == {SATURDAY}


def test_a_mixed_case_dateline_is_the_day_of_filing():
    text = ("Tumaco, 12 May 2026 - Gunmen ambushed an army patrol on the road to the port on "
            "Saturday, killing two soldiers, the army said.")
    assert _dates(text) == {SATURDAY}


def test_a_dateline_in_one_sentence_with_its_headline():
    """A headline without a full stop and the dateline below it, parsed as one sentence."""
    text = ("CJNG gunmen ambush soldiers in Apatzingan; six dead\n\n"
            "APATZINGAN, Mich., May 12 - Gunmen of the Jalisco New Generation Cartel ambushed an "
            "army patrol near El Alcalde, in the municipality of Apatzingan, on Saturday, setting "
            "off a gun battle in which two soldiers died, state security sources said.")
    assert _dates(text) == {SATURDAY}


def test_a_headlines_own_date_stays_when_a_dateline_follows_it():
    text = ("Drones kill three in Odesa overnight\n\n"
            "ODESA, May 12 - Three people were killed when Russian attack drones struck "
            "apartment buildings in Odesa overnight on May 11-12, the regional governor said.")
    assert _dates(text) == {dt.date(2026, 5, 11)}


def test_a_statements_date_line_is_the_day_of_filing():
    text = ("Statement: shelling of a displacement camp\n\n"
            "12 May 2026 - A medical charity is appalled by the shelling of the Abu Shouk camp "
            "near El Fasher on 10 May, in which at least 23 people were killed.")
    assert _dates(text) == {SUNDAY}
