from eventcoder import taxonomy as t


def test_acled_vocabulary_counts_and_spellings():
    assert len(t.SUB_EVENT_TYPES) == 25
    assert len(t.EVENT_TYPES) == 6
    assert len(t.PLOVER_TYPES) == 16
    assert {s.event_type for s in t.SUB_EVENT_TYPES} == set(t.EVENT_TYPES)
    assert "Abduction/forced disappearance" in t.SUB_EVENTS
    assert "Air/drone strike" in t.SUB_EVENTS
    assert t.sub_event("Attack").event_type == "Violence against civilians"


def test_interaction_codes():
    assert t.interaction_code(1, 7) == 17
    assert t.interaction_code(7, 2) == 27
    assert t.interaction_code(1, 0) == 10


def test_case_labels_cover_the_corpus(shared_data):
    labels = (shared_data / "events" / "case2021-task2-labels.txt").read_text().split()
    acled = [x for x in labels if x not in t.NON_ACLED_CASE_LABELS]
    assert set(acled) == set(t.SUB_EVENT_BY_CASE_LABEL)
