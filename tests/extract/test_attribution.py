"""A group named only in a claim or in the blame of a later sentence is the attack's actor1
(ACLED codes the claimant), unless the claim is denied, hedged or names two groups; a group
named as another's qualifier ("the al Qaeda-linked al-Shabab") is not an actor."""

from __future__ import annotations

import datetime as dt

from eventcoder.coding import code_text
from eventcoder.extract.actors import ActorDictionary
from eventcoder.extract.attribution import find_attributions

DATE = dt.date(2026, 3, 9)


def _actor1(text: str) -> list[str | None]:
    return [e.actor1 for e in code_text(text, DATE, min_confidence=0)]


def _claims(sentence: str) -> list[str]:
    hits = ActorDictionary().find(sentence)
    return [a.actor.name for a in find_attributions(sentence, 0, len(sentence), hits)]


def test_a_later_claim_names_the_bombers():
    text = ("KISMAYO, March 9 (Horn Wire) - A bomb hidden in a parked minibus exploded outside a "
            "hotel in the southern Somali port of Kismayo on Sunday evening, killing five "
            "people, police said.\n\nThe Shabaab group said in a statement that its fighters "
            "had carried out the bombing.")
    assert _actor1(text) == ["Al Shabaab"]


def test_blame_by_officials_names_the_attackers():
    text = ("BUNIA, Congo, March 9 (Lakes Wire) - Gunmen armed with machetes killed nine "
            "villagers in Djugu territory on Saturday night, a local official said. He blamed "
            "the CODECO militia for the killings.")
    assert _actor1(text)[0] == "CODECO: Cooperative for the Development of Congo"


def test_no_claim_names_no_one():
    assert _claims("No group, including al-Shabaab, claimed responsibility for the killing.") \
        == []
    assert _claims("There was no immediate claim of responsibility, but police blamed "
                   "al-Shabaab.") == ["Al Shabaab"]


def test_a_claim_of_the_bombing_goes_to_the_bombing_not_to_the_shelling_told_after_it():
    text = ("MOGADISHU, March 9 (Horn Wire) - A car bomb exploded at a checkpoint in "
            "Mogadishu on Sunday morning, killing seven people, police said. In a separate "
            "attack on Sunday evening, mortar shells fell on the Bakara market, killing two "
            "traders.\n\nAl-Shabaab, which claimed the bombing, did not comment on the mortar "
            "attack.")
    events = {e.sub_event_type: e.actor1 for e in code_text(text, DATE, min_confidence=0)}
    assert events.get("Remote explosive/landmine/IED") == "Al Shabaab"
    assert events.get("Shelling/artillery/missile attack") != "Al Shabaab"


def test_claims_denied_hedged_or_naming_two_groups_name_no_one():
    assert _claims("The Shabaab said its fighters had carried out the attack.") == [
        "Al Shabaab"]
    assert _claims("The attack was claimed by Boko Haram.") == [
        "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"]
    assert _claims("Al-Shabaab denied it had claimed responsibility for the attack.") == []
    assert _claims("Officials often blame Al-Shabaab for such attacks.") == []
    assert _claims("Police blamed either ISWAP or Boko Haram for the attack.") == []


def test_a_qualifying_group_is_not_an_actor():
    hits = ActorDictionary().find("The al Qaeda-linked al-Shabab group claimed the attack.")
    assert [h.name for h in hits] == ["Al Shabaab"]
    hits = ActorDictionary().find("Iran-backed Houthi rebels fired a missile.")
    assert [h.name for h in hits] == ["Houthi Movement"]


def test_a_suicide_car_bomber_is_a_suicide_bombing_told_once():
    text = ("MOGADISHU, March 9 (Horn Wire) - A suicide car bomber struck a security checkpoint "
            "in Mogadishu on Sunday morning, killing at least eight people, police said.\n\n"
            "\"The car was stopped at the checkpoint and the driver detonated it,\" a police "
            "officer told reporters.")
    assert [e.sub_event_type for e in code_text(text, DATE, min_confidence=0)] == [
        "Suicide bomb"]


def test_a_headline_naming_two_weapons_tells_two_events():
    text = ("Toll from Kismayo car bomb rises to 9; mortars hit Kismayo market\n\n"
            "KISMAYO, March 9 (Horn Wire) - The number of people killed in Sunday's suicide car "
            "bombing at a checkpoint in Kismayo rose to nine on Monday, doctors said. Four of "
            "the dead were soldiers.\n\n"
            "In a separate attack on Sunday evening, mortar shells fell on the main market, "
            "killing two traders, witnesses said.")
    events = code_text(text, DATE, min_confidence=0)
    by_type = {e.sub_event_type: e for e in events}
    assert "Suicide bomb" in by_type and "Shelling/artillery/missile attack" in by_type
    bombing = by_type["Suicide bomb"]
    assert any(x.text.startswith("Four of the dead") for x in bombing.evidence)
