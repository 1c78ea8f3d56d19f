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


# -- dates the model leaves untagged --------------------------------------------------------


def test_a_date_the_model_mislabels_is_read_as_a_date():
    """The small model tags a date now and then as a work of art, or misses a sentence-opening
    "Last night": the date expressions it cannot mean anything else are added."""
    import spacy
    from spacy.tokens import Span as SpacySpan

    from eventcoder.extract.extractor import with_missed_dates

    nlp = spacy.blank("en")
    doc = nlp("On the evening of 9 August 2025, gunmen threw a grenade. Last night, drones "
              "struck the port. The March 15 Movement marched on 3 May.")
    org = next(i for i, t in enumerate(doc) if t.text == "The")
    doc.ents = [SpacySpan(doc, 4, 7, label="WORK_OF_ART"),  # "9 August 2025"
                SpacySpan(doc, org, org + 4, label="ORG")]  # "The March 15 Movement"
    found = {(e.text, e.label_) for e in with_missed_dates(doc)}
    assert ("9 August 2025", "DATE") in found
    assert ("9 August 2025", "WORK_OF_ART") not in found
    assert ("Last night", "DATE") in found
    assert ("The March 15 Movement", "ORG") in found  # a name keeps its words
    assert ("March 15", "DATE") not in found
    assert ("3 May", "DATE") in found
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("9 August 2025", "WORK_OF_ART"), ("The March 15 Movement", "ORG")]  # untouched


def test_a_statement_opening_with_last_night():
    text = ("Briefing of the defence ministry, 12 May 2026\n\n"
            "Last night, the armed forces struck a militia camp outside the port of Ochakiv "
            "with long-range drones, killing twelve fighters, the ministry said.")
    assert _dates(text) == {PUBLISHED - dt.timedelta(days=1)}


def test_capitalised_words_that_begin_like_months_are_no_dates():
    from eventcoder.extract.extractor import MISSED_DATE

    text = ("3 Marines and 12 Junior officers were hurt; May 5th and 2 Sept. 2025 and "
            "December 1, 2024 are dates, 4 Augusts is not, nor is mid-March 12-year-olds.")
    assert [m.group() for m in MISSED_DATE.finditer(text)] == [
        "May 5th", "2 Sept. 2025", "December 1, 2024"]


def test_a_claims_day_is_not_the_days_of_the_attack_it_claims():
    """"claimed responsibility on Thursday for an attack ... Tuesday's attack": the claim's
    day never dates the event (a speech's day still may, when nothing else does)."""
    from eventcoder.coding import code_text

    text = ("November 15, 2024 - Islamic State's Mozambique branch claimed responsibility on "
            "Thursday for an attack on villagers near Chitunda in Macomia district, in a short "
            "statement. Police said four civilians were killed in Tuesday's attack on farmers "
            "near Chitunda.")
    dates = {str(e.event_date) for e in code_text(text, "2024-11-15", min_confidence=0)}
    assert dates == {"2024-11-12"}


def test_the_day_of_the_attack_a_claim_names_dates_it():
    """"on Monday claimed Sunday's attack on the base": Monday is the claim's, Sunday the
    attack's."""
    from eventcoder.coding import code_text

    text = ("OUAGADOUGOU, Sept 10 (Sahel Wire) - The jihadist group JNIM on Monday claimed "
            "Sunday's attack on the army base in Titao, saying it had seized weapons. Security "
            "sources put the toll of that attack at 19 soldiers killed.")
    events = code_text(text, "2025-09-10", min_confidence=0)
    assert [str(e.event_date) for e in events] == ["2025-09-07"]
