"""ACLED and PLOVER vocabularies: the one place their exact spellings live.

ACLED's event types, sub-event types and disorder types follow the ACLED Codebook (2023 edition)
letter for letter; PLOVER's 16 event categories follow openeventdata/PLOVER. Every stage, the
store and the exports import these names from here instead of typing them again.

It is also the typing table: one :class:`SubEventType` record per sub-event type holds
everything the stages need of it (notes verb, linking groups, demonstration severity ...), and
one :class:`ContextKind` record per context kind of the trigger lexicon holds what it may
resolve to and how its mentions are scored. Other modules derive their per-type views from
these records; ``tests/extract/test_types.py`` checks the table is complete.
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
    """One ACLED sub-event type: its parents, its PLOVER category and everything the stages
    need to know about it (the one place a sub-event type is described; see
    docs/architecture.md, "Adding an event type").
    """

    name: str
    event_type: str
    disorder_type: str
    plover_type: str | None
    case_label: str  # label used by the CASE 2021 task 2 corpus
    #: the verb of the event's notes ("{actor1} clashed with {actor2}")
    notes_verb: str
    #: whether actor2 is written after ``notes_verb`` (a verb ending in a preposition must
    #: take it: without an actor2 the preposition is dropped)
    notes_target: bool
    #: fire from the air or from afar (air/drone strikes, shelling): part of a clash it is
    #: told in, an actor carried over from the strike report's last row
    fired_from_afar: bool = False
    #: a strategic development that, told beside a violent event, is part of it (ACLED codes
    #: the attack; the houses burnt, the weapons taken, the reinforcements sent are details)
    absorbed_by_violence: bool = False
    #: territory taken by force: told beside an attack it does not retype it
    takes_territory: bool = False
    #: a demonstration's severity, mildest 0 (one demonstration told several ways is coded
    #: as its most severe form); None for a type that is not a demonstration
    demo_severity: int | None = None
    #: in a protest context (protesters, tear gas) the trigger becomes the demonstration's
    #: type ("arrests of demonstrators", "demonstrators' damage")
    retyped_in_protest: bool = False
    #: a development that a statement can tell ("announced a ceasefire", "deployed
    #: troops"): with diplomacy words and no armed actor in sight it is diplomacy
    may_be_diplomacy: bool = False


#: The typing table: one record per ACLED sub-event type (codebook order).
SUB_EVENT_TYPES: tuple[SubEventType, ...] = (
    # -- battles ------------------------------------------------------------------------------
    SubEventType("Armed clash", BATTLES, POLITICAL_VIOLENCE, "ASSAULT", "ARMED_CLASH",
                 "clashed with", True),
    SubEventType("Government regains territory", BATTLES, POLITICAL_VIOLENCE, "ASSAULT",
                 "GOV_REGAINS_TERIT", "regained territory from", True, takes_territory=True),
    SubEventType("Non-state actor overtakes territory", BATTLES, POLITICAL_VIOLENCE, "ASSAULT",
                 "NON_STATE_ACTOR_OVERTAKES_TER", "took control of territory held by", True,
                 takes_territory=True),
    # -- explosions/remote violence -----------------------------------------------------------
    SubEventType("Chemical weapon", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "CHEM_WEAP",
                 "used a chemical weapon against", True),
    SubEventType("Air/drone strike", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "AIR_STRIKE",
                 "carried out an air/drone strike against", True, fired_from_afar=True),
    SubEventType("Suicide bomb", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "SUIC_BOMB",
                 "carried out a suicide bombing targeting", True),
    SubEventType("Shelling/artillery/missile attack", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT",
                 "ART_MISS_ATTACK", "shelled", True, fired_from_afar=True),
    SubEventType("Remote explosive/landmine/IED", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT",
                 "REM_EXPLOS",
                 "detonated an explosive device targeting", True),
    SubEventType("Grenade", EXPLOSIONS, POLITICAL_VIOLENCE, "ASSAULT", "GRENADE",
                 "threw a grenade at", True),
    # -- violence against civilians -----------------------------------------------------------
    SubEventType("Sexual violence", VAC, POLITICAL_VIOLENCE, "ASSAULT", "SEX_VIOL",
                 "committed sexual violence against", True),
    SubEventType("Attack", VAC, POLITICAL_VIOLENCE, "ASSAULT", "ATTACK", "attacked", True),
    SubEventType("Abduction/forced disappearance", VAC, POLITICAL_VIOLENCE, "ASSAULT",
                 "ABDUCT_DISSAP",
                 "abducted", True),
    # -- protests -----------------------------------------------------------------------------
    SubEventType("Peaceful protest", PROTESTS, DEMONSTRATIONS, "PROTEST", "PEACE_PROTEST",
                 "protested", False, demo_severity=0),
    SubEventType("Protest with intervention", PROTESTS, DEMONSTRATIONS, "PROTEST",
                 "PROTEST_WITH_INTER",
                 "protested and were met by", True, demo_severity=1),
    SubEventType("Excessive force against protesters", PROTESTS, POLITICAL_VIOLENCE_DEMONSTRATIONS,
                 "ASSAULT", "FORCE_AGAINST_PROTEST", "used excessive force against", True,
                 demo_severity=3),
    # -- riots --------------------------------------------------------------------------------
    SubEventType("Violent demonstration", RIOTS, DEMONSTRATIONS, "PROTEST", "VIOL_DEMONSTR",
                 "rioted", False, demo_severity=2),
    SubEventType("Mob violence", RIOTS, POLITICAL_VIOLENCE_DEMONSTRATIONS, "ASSAULT", "MOB_VIOL",
                 "attacked", True, demo_severity=2),
    # -- strategic developments ---------------------------------------------------------------
    SubEventType("Agreement", STRATEGIC, STRATEGIC_DEVELOPMENTS, "AGREE", "AGREEMENT",
                 "reached an agreement with", True, may_be_diplomacy=True),
    SubEventType("Arrests", STRATEGIC, STRATEGIC_DEVELOPMENTS, "COERCE", "ARREST", "arrested", True,
                 retyped_in_protest=True),
    SubEventType("Change to group/activity", STRATEGIC, STRATEGIC_DEVELOPMENTS, "MOBILIZE",
                 "CHANGE_TO_GROUP_ACT", "changed activity", False, absorbed_by_violence=True,
                 may_be_diplomacy=True),
    SubEventType("Disrupted weapons use", STRATEGIC, STRATEGIC_DEVELOPMENTS, "COERCE", "DISR_WEAP",
                 "seized or defused weapons of", True, absorbed_by_violence=True),
    SubEventType("Headquarters or base established", STRATEGIC, STRATEGIC_DEVELOPMENTS, "MOBILIZE",
                 "HQ_ESTABLISHED", "established a base", False, may_be_diplomacy=True),
    SubEventType("Looting/property destruction", STRATEGIC, STRATEGIC_DEVELOPMENTS, "COERCE",
                 "PROPERTY_DISTRUCT", "looted or destroyed property of", True,
                 absorbed_by_violence=True, retyped_in_protest=True),
    SubEventType("Non-violent transfer of territory", STRATEGIC, STRATEGIC_DEVELOPMENTS, "RETREAT",
                 "NON_VIOL_TERRIT_TRANSFER", "took over territory from", True,
                 absorbed_by_violence=True, may_be_diplomacy=True),
    SubEventType("Other", STRATEGIC, STRATEGIC_DEVELOPMENTS, None, "OTHER",
                 "was involved in an event with", True),
)

SUB_EVENTS: dict[str, SubEventType] = {s.name: s for s in SUB_EVENT_TYPES}
SUB_EVENT_BY_CASE_LABEL: dict[str, SubEventType] = {s.case_label: s for s in SUB_EVENT_TYPES}


@dataclass(frozen=True)
class ContextKind:
    """A trigger kind of the lexicon that is not a sub-event type: the extractor resolves it
    into one from the actors and cues around the trigger (``EventExtractor._resolve_kind``).
    """

    name: str
    #: the sub-event types it may resolve to
    resolves_to: tuple[str, ...]
    #: raw score of a mention typed from it (before agreement, rivals and the main predicate)
    base_score: float
    #: its feature in the truth model (``extract/truth.py``)
    truth_feature: str
    #: modality of its mentions
    modality: str = "asserted"
    #: whether a trigger of this kind gains priority as its sentence's main predicate
    main_predicate_bonus: bool = True


#: What ``_protest_type`` may make of a demonstration: who used force against whom.
DEMONSTRATION_TYPES: tuple[str, ...] = (
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration",
)

#: The kind of a trigger that names its sub-event type itself ("Air/drone strike").
FIXED_KIND = ContextKind("fixed", (), base_score=0.6, truth_feature="kind_fixed")

#: The context kinds of the lexicon (see ``extract/lexicon.py``), one record each.
CONTEXT_KIND_TYPES: tuple[ContextKind, ...] = (
    # attack, kill, shoot: typed by the actors (civilians hit -> Attack, armed on both sides
    # -> Armed clash, a mob -> Mob violence; in a protest, the demonstration's type; carried
    # out with drones or aircraft -> Air/drone strike)
    ContextKind("violence", (*DEMONSTRATION_TYPES, "Mob violence", "Attack", "Armed clash",
                             "Air/drone strike"),
                base_score=0.45, truth_feature="kind_violence", main_predicate_bonus=False),
    # bodies found, died: an Attack when nothing more specific is reported
    ContextKind("outcome", (*DEMONSTRATION_TYPES, "Mob violence", "Attack", "Armed clash"),
                base_score=0.4, truth_feature="kind_outcome", main_predicate_bonus=False),
    # clash, fighting, ambush: Armed clash unless protesters are involved (or drones were the
    # weapon: Air/drone strike)
    ContextKind("clash", (*DEMONSTRATION_TYPES, "Armed clash", "Air/drone strike"),
                base_score=0.55,
                truth_feature="kind_clash"),
    # protest, march, rally: typed by intervention and violence cues
    ContextKind("protest", DEMONSTRATION_TYPES, base_score=0.6, truth_feature="kind_protest"),
    # riot, mob, lynching
    ContextKind("riot", (*DEMONSTRATION_TYPES, "Mob violence"), base_score=0.55,
                truth_feature="kind_protest"),
    # capture, recapture: who took the place (state -> Government regains territory)
    ContextKind("territory", ("Government regains territory",
                              "Non-state actor overtakes territory",
                              "Non-violent transfer of territory"),
                base_score=0.5, truth_feature="kind_territory"),
    # launched an operation/offensive, deployed: an announced change of activity
    ContextKind("operation", ("Change to group/activity",), base_score=0.35,
                truth_feature="kind_operation", modality="announced"),
)

CONTEXT_KINDS: dict[str, ContextKind] = {k.name: k for k in CONTEXT_KIND_TYPES}


def kind_record(kind: str) -> ContextKind:
    """The record of a trigger kind: its context kind, or :data:`FIXED_KIND` for a kind that
    names its sub-event type."""
    return CONTEXT_KINDS.get(kind, FIXED_KIND)


def sub_events_where(flag: str) -> frozenset[str]:
    """Names of the sub-event types whose ``flag`` attribute is true (a derived view)."""
    return frozenset(s.name for s in SUB_EVENT_TYPES if getattr(s, flag))

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
