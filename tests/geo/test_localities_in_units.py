"""A village the gazetteer lacks, named before the commune or department around it ("in
Dareye, in the Ouallam department"; "the village of Koira Tegui, in the commune of Ouallam"), is
the event's place (its own name, precision 2), not the town that names the unit: two villages
of one commune attacked on one day are two places, not one town twice."""

from __future__ import annotations

from eventcoder.coding import code_text


def _only(text: str, date: str):
    events = code_text(text, date, min_confidence=0)
    assert len(events) == 1, [(e.sub_event_type, e.location) for e in events]
    return events[0]


def test_a_village_before_its_department():
    e = _only("PROTECTION UPDATE - 12 March 2025. On 9 March, armed men killed nine civilians in "
              "Tagabati, in the Ouallam department of Tillaberi region, partners said.",
              "2025-03-12")
    assert e.location == "Tagabati" and e.geo_precision == 2


def test_a_village_named_a_person_before_its_commune():
    e = _only("Ouallam, 11 March 2025 - Fourteen people were killed on Sunday in the village of "
              "Bangou Mayaki, in the commune of Ouallam, when armed men arrived on motorcycles, "
              "the mayor's office said.", "2025-03-11")
    assert e.location == "Bangou Mayaki" and e.geo_precision == 2


def test_a_town_with_its_own_name_stays_the_town():
    e = _only("Ouallam, 11 March 2025 - Fourteen people were killed on Sunday in Ouallam, in "
              "Tillaberi region, when armed men arrived on motorcycles, the mayor said.",
              "2025-03-11")
    assert e.location == "Ouallam" and e.geo_precision == 1


def test_a_three_letter_dateline_and_a_local_government_area():
    """"JOS - ..." is a dateline (a town, not an abbreviation); "Bokkos LGA", tagged an
    organisation by the model, is the local government area of Bokkos."""
    e = _only("JOS - No fewer than 14 persons were killed when armed men invaded a community "
              "in Bokkos LGA at about 10 pm on Sunday, the council chairman said.", "2025-04-28")
    assert e.location == "Bokkos" and e.admin1 == "Plateau" and e.geo_precision == 2


def test_a_three_letter_dateline_alone_places_the_event():
    e = _only("JOS - Gunmen killed 14 villagers on Sunday night, a police spokesman said.",
              "2025-04-28")
    assert e.location == "Jos" and e.admin1 == "Plateau"


def test_a_town_the_model_calls_a_people_in_a_countryside():
    """"at the entrance of Hajeen town in the Deir ez-Zor countryside": Hajeen (tagged a
    nationality, missing from the gazetteer under that spelling) is the place, at the point
    of Deir ez-Zor, which the model did not tag at all."""
    e = _only("SDF Media Center - Statement\n\nOn the evening of 2 December, ISIS mercenaries "
              "attacked one of our checkpoints at the entrance of Hajeen town in the Deir "
              "ez-Zor countryside, and two of our fighters were martyred in the clash.",
              "2025-12-03")
    assert e.location == "Hajeen" and e.geo_precision == 2 and e.country == "Syria"


def test_a_bulletins_header_names_its_city():
    e = _only("Radio Shabelle Wire - Mogadishu - 5 December 2025\n\nNine people were confirmed "
              "dead on Friday after Thursday morning's suicide car bomb at a checkpoint, "
              "medical staff said.", "2025-12-05")
    assert e.location == "Mogadishu" and e.country == "Somalia"


def test_a_town_before_the_territory_named_after_another_town():
    """"in Oicha, Beni territory, North Kivu province": the event is in Oicha (a town the
    gazetteer has as Hyosha, 25 km from Beni), not in Beni, whose name the territory bears."""
    e = _only("Goma, 9 June 2025 - Local leaders in the Democratic Republic of the Congo "
              "denounced the raid carried out by ADF rebels on farmers in Oicha, Beni "
              "territory, North Kivu province, on Saturday, in which 12 people died.",
              "2025-06-09")
    assert e.location == "Hyosha" and e.admin1 == "Nord-Kivu" and e.geo_precision == 1
