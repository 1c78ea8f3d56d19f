"""ACLED and PLOVER vocabularies: the one place their exact spellings live.

ACLED's event types, sub-event types and disorder types follow the ACLED Codebook (2023 edition)
letter for letter; PLOVER's 16 event categories follow openeventdata/PLOVER. Every stage, the
store and the exports import these names from here instead of typing them again.
"""

from __future__ import annotations

from dataclasses import dataclass

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
POLITICAL_VIOLENCE_DEMONSTRATIONS = "Political violence; Demonstrations"

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

EVENT_TYPES: tuple[str, ...] = (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, STRATEGIC)

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class SubEventType:
    """One ACLED sub-event type with its parents and its PLOVER category."""

    name: str
    event_type: str
    disorder_type: str
    plover_type: str | None
    case_label: str  # label used by the CASE 2021 task 2 corpus


SUB_EVENT_TYPES: tuple[SubEventType, ...] = (
    SubEventType("Armed clash", BATTLES, POLITICAL_VIOLENCE, "ASSAULT", "ARMED_CLASH"),
    SubEventType("Government regains territory", BATTLES, POLITICAL_VIOLENCE, "ASSAULT",
                 "GOV_REGAINS_TERIT"),
    SubEventType("Non-state actor overtakes territory", BATTLES, POLITICAL_VIOLENCE, "ASSAULT",
                 "NON_STATE_ACTOR_OVERTAKES_TER"),
    SubEventType("Chemical weapon", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "CHEM_WEAP"),
    SubEventType("Air/drone strike", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "AIR_STRIKE"),
    SubEventType("Suicide bomb", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "SUIC_BOMB"),
    SubEventType("Shelling/artillery/missile attack", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT",
                 "ART_MISS_ATTACK"),
    SubEventType("Remote explosive/landmine/IED", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT",
                 "REM_EXPLOS"),
    SubEventType("Grenade", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "GRENADE"),
    SubEventType("Sexual violence", VAC, POLITICAL_VIOLENCE, "ASSAULT", "SEX_VIOL"),
    SubEventType("Attack", VAC, POLITICAL_VIOLENCE, "ASSAULT", "ATTACK"),
    SubEventType("Abduction/forced disappearance", VAC, POLITICAL_VIOLENCE, "ASSAULT",
                 "ABDUCT_DISSAP"),
    SubEventType("Peaceful protest", PROTESTS, DEMONSTRATIONS, "PROTEST", "PEACE_PROTEST"),
    SubEventType("Protest with intervention", PROTESTS, DEMONSTRATIONS, "PROTEST",
                 "PROTEST_WITH_INTER"),
    SubEventType("Excessive force against protesters", PROTESTS,
                 POLITICAL_VIOLENCE_DEMONSTRATIONS, "ASSAULT", "FORCE_AGAINST_PROTEST"),
    SubEventType("Violent demonstration", RIOTS, DEMONSTRATIONS, "PROTEST", "VIOL_DEMONSTR"),
    SubEventType("Mob violence", RIOTS, POLITICAL_VIOLENCE_DEMONSTRATIONS, "ASSAULT", "MOB_VIOL"),
    SubEventType("Agreement", STRATEGIC, STRATEGIC_DEVELOPMENTS, "AGREE", "AGREEMENT"),
    SubEventType("Arrests", STRATEGIC, STRATEGIC_DEVELOPMENTS, "COERCE", "ARREST"),
    SubEventType("Change to group/activity", STRATEGIC, STRATEGIC_DEVELOPMENTS, "MOBILIZE",
                 "CHANGE_TO_GROUP_ACT"),
    SubEventType("Disrupted weapons use", STRATEGIC, STRATEGIC_DEVELOPMENTS, "COERCE",
                 "DISR_WEAP"),
    SubEventType("Headquarters or base established", STRATEGIC, STRATEGIC_DEVELOPMENTS,
                 "MOBILIZE", "HQ_ESTABLISHED"),
    SubEventType("Looting/property destruction", STRATEGIC, STRATEGIC_DEVELOPMENTS, "COERCE",
                 "PROPERTY_DISTRUCT"),
    SubEventType("Non-violent transfer of territory", STRATEGIC, STRATEGIC_DEVELOPMENTS,
                 "RETREAT", "NON_VIOL_TERRIT_TRANSFER"),
    SubEventType("Other", STRATEGIC, STRATEGIC_DEVELOPMENTS, None, "OTHER"),
)

SUB_EVENTS: dict[str, SubEventType] = {s.name: s for s in SUB_EVENT_TYPES}
SUB_EVENT_BY_CASE_LABEL: dict[str, SubEventType] = {s.case_label: s for s in SUB_EVENT_TYPES}

#: CASE 2021 labels outside ACLED's scope: such snippets must not become events.
NON_ACLED_CASE_LABELS: tuple[str, ...] = (
    "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB",
)

#: ACLED inter codes (actor type of actor1/actor2).
INTER_CODES: dict[int, str] = {
    0: "No actor",
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def sub_event(name: str) -> SubEventType:
    """Return the :class:`SubEventType` called ``name`` (ACLED's exact spelling).

    Raises KeyError with the list of valid names when ``name`` is not one of the 25.
    """
    try:
        return SUB_EVENTS[name]
    except KeyError:
        raise KeyError(f"E001 unknown ACLED sub-event type {name!r}; expected one of "
                       f"{sorted(SUB_EVENTS)}") from None


def interaction_code(inter1: int, inter2: int | None) -> int:
    """ACLED's two-digit interaction code: the lower inter code first (e.g. 1 and 7 -> 17).

    An event with one actor gets ``inter1 * 10`` (e.g. 10 for state forces acting alone).
    """
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
