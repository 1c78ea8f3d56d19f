"""What tells another event, or keeps an event from being set aside: the next day's strike of
another kind is another event (not a retelling of the clash before it); a protest that a
sentence opens in another city is another protest; a past possessive in a clause about other
dead ("killed in last year's protests") does not date the march; "one of the deadliest attacks
... this year" ranks the attack, it is no toll over the year."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text


def _rows(text: str, published: str) -> list[tuple[str, dt.date | None, str | None]]:
    return [(e.sub_event_type, e.event_date, e.location)
            for e in code_text(text, dt.date.fromisoformat(published), min_confidence=0)]


def test_the_next_days_strike_of_another_kind_is_another_event():
    text = ("OUAGADOUGOU, Nov 5 (Sahel Wire) - Jihadists stormed an army detachment in the town "
            "of Djibo on Monday, killing 20 soldiers, security sources said. On Tuesday, the air "
            "component of the army carried out strikes on columns of fighters withdrawing "
            "towards the border, the sources said.")
    rows = _rows(text, "2025-11-05")
    assert ("Armed clash", dt.date(2025, 11, 3), "Djibo") in rows
    assert any(t == "Air/drone strike" and d == dt.date(2025, 11, 4) for t, d, _ in rows)


def test_a_protest_opened_in_another_city_is_another_protest():
    text = ("LILONGWE, Oct 8 (Southern Africa Wire) - Police fired tear gas at hundreds of "
            "people protesting against fuel prices in Lilongwe on Wednesday, witnesses said.\n\n"
            "In the commercial hub Blantyre, about 2,000 people marched peacefully to the civic "
            "offices.")
    places = {p for _, _, p in _rows(text, "2025-10-08")}
    assert {"Lilongwe", "Blantyre"} <= places


def test_a_past_day_of_other_dead_does_not_date_the_march():
    text = ("NAIROBI, June 25 (East Africa Wire) - Police fired tear gas at protesters in central "
            "Nairobi on Wednesday.\n\nIn the coastal city of Mombasa, several hundred protesters "
            "marched peacefully to the county offices, where they read out the names of people "
            "killed in last year's protests.")
    assert ("Peaceful protest", dt.date(2025, 6, 25), "Mombasa") in _rows(text, "2025-06-25")


def test_one_of_the_deadliest_this_year_is_no_toll_over_the_year():
    text = ("N'DJAMENA, Sept 16 (Sahel Wire) - At least 17 soldiers were killed when Boko Haram "
            "fighters attacked an army position near the town of Baga Sola on Sunday, a military "
            "source said, one of the deadliest attacks on the army in the region this year.")
    assert [(t, d) for t, d, _ in _rows(text, "2025-09-16")] == [
        ("Armed clash", dt.date(2025, 9, 14))]


def test_the_same_saturday_opens_another_event():
    from eventcoder.extract.lexicon import NEW_EVENT

    assert NEW_EVENT.search("The same Saturday, the post at Kantchari was attacked.")
    assert NEW_EVENT.search("Police also said that in the evening of the same day, mortar rounds "
                            "fell on the market.")
    assert not NEW_EVENT.search("The attack on the same day was claimed by the group.")


def test_the_day_after_dates_the_earlier_killing_and_the_story_goes_on_with_the_fight():
    """", the day after the killing of seven civilians at X" tells an earlier event, dated a
    day before; the article's next, undated sentences of another kind of violence ("the army
    attacked a rebel base") go on with the fight, not with that killing."""
    text = ("Bouar, 29 May. Heavy fighting pitted the army against 3R rebels on Wednesday near "
            "Bouar, the day after the killing of six civilians at Niem by the same group. "
            "According to a military source, the soldiers attacked a rebel base north of Bouar, "
            "killing several rebels and losing two soldiers. Residents stayed indoors as "
            "detonations were heard from the hills.")
    rows = _rows(text, "2025-05-29")
    kinds = {(kind, day) for kind, day, _ in rows}
    assert ("Armed clash", dt.date(2025, 5, 28)) in kinds
    assert ("Attack", dt.date(2025, 5, 27)) in kinds
