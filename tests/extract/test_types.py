"""The typing table (``taxonomy.SUB_EVENT_TYPES`` and ``taxonomy.CONTEXT_KIND_TYPES``) is
complete: every sub-event type and every trigger kind has a record with everything the stages
read from it, so adding a type in one place cannot end in a KeyError in notes, typing or
features."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import textwrap
from typing import get_args

import pytest

from eventcoder import taxonomy as t
from eventcoder.dedup import link
from eventcoder.extract import extractor, lexicon, rows, scope, truth
from eventcoder.schema import Event, EventMention

DISORDER_TYPES = {t.POLITICAL_VIOLENCE, t.DEMONSTRATIONS, t.STRATEGIC_DEVELOPMENTS,
                  t.POLITICAL_VIOLENCE_DEMONSTRATIONS}


@pytest.mark.parametrize("typ", t.SUB_EVENT_TYPES, ids=lambda s: s.name)
def test_every_sub_event_type_has_a_complete_record(typ: t.SubEventType) -> None:
    assert t.sub_event(typ.name) is typ
    assert typ.event_type in t.EVENT_TYPES
    assert typ.disorder_type in DISORDER_TYPES
    assert typ.plover_type is None or typ.plover_type in t.PLOVER_TYPES
    assert t.SUB_EVENT_BY_CASE_LABEL[typ.case_label] is typ
    # notes: a verb, and a verb ending in a preposition takes its target
    assert typ.notes_verb.strip() == typ.notes_verb and typ.notes_verb
    if typ.notes_verb.split()[-1] in rows._PREPOSITIONS:
        assert typ.notes_target, f"{typ.name}: {typ.notes_verb!r} needs its actor2"
    assert rows._VERBS[typ.name] == typ.notes_verb
    # demonstrations (and only they) have a severity for the linker
    demo = typ.event_type in (t.PROTESTS, t.RIOTS)
    assert (typ.demo_severity is not None) == demo
    if demo:
        assert link.DEMO_SEVERITY[typ.name] == typ.demo_severity
    # the flags the linker and the extractor read are booleans, and their views agree
    for flag, view in (("absorbed_by_violence", link.ABSORBED),
                       ("fired_from_afar", link.SUPPORT_FIRE),
                       ("takes_territory", link.TERRITORY),
                       ("fired_from_afar", scope.FIRED_FROM_AFAR),
                       ("may_be_diplomacy", scope.MAY_BE_DIPLOMACY)):
        assert isinstance(getattr(typ, flag), bool)
        assert (typ.name in view) == getattr(typ, flag)
    # a trigger of this type gets the truth model's fixed-kind feature
    assert t.kind_record(typ.name) is t.FIXED_KIND
    assert t.FIXED_KIND.truth_feature in truth.FEATURES
    assert f"type={typ.event_type}" in truth.FEATURES


def test_names_are_unique_and_no_context_kind_is_a_sub_event_type() -> None:
    names = [s.name for s in t.SUB_EVENT_TYPES]
    assert len(set(names)) == len(names) == 25
    kinds = [k.name for k in t.CONTEXT_KIND_TYPES]
    assert len(set(kinds)) == len(kinds)
    assert not set(kinds) & set(names)
    assert t.FIXED_KIND.name not in kinds


def test_every_trigger_kind_is_in_the_table() -> None:
    for trig in lexicon.TRIGGERS:
        assert trig.kind in t.SUB_EVENTS or trig.kind in t.CONTEXT_KINDS, (
            f"trigger {trig.pattern.pattern[:40]!r}: kind {trig.kind!r} is neither a sub-event "
            "type nor a context kind of taxonomy.CONTEXT_KIND_TYPES")
    # and no context kind is left without a trigger
    assert {k.name for k in t.CONTEXT_KIND_TYPES} <= {trig.kind for trig in lexicon.TRIGGERS}


@pytest.mark.parametrize("kind", t.CONTEXT_KIND_TYPES, ids=lambda k: k.name)
def test_context_kinds_resolve_to_known_types(kind: t.ContextKind) -> None:
    assert kind.resolves_to
    for name in kind.resolves_to:
        assert name in t.SUB_EVENTS, f"{kind.name} resolves to unknown type {name!r}"
    assert kind.truth_feature in truth.FEATURES
    assert kind.modality in get_args(EventMention.model_fields["modality"].annotation)
    assert 0.0 < kind.base_score < 1.0
    assert t.kind_record(kind.name) is kind


def _returned_names(fn: object) -> set[str]:
    """The sub-event type names that ``fn``'s source returns as string constants."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))  # type: ignore[arg-type]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and node.value is not None:
            for sub in ast.walk(node.value):
                if isinstance(sub, ast.Constant) and sub.value in t.SUB_EVENTS:
                    out.add(sub.value)
    return out


def test_resolve_kind_returns_only_what_the_table_declares() -> None:
    assert _returned_names(extractor._protest_type) == set(t.DEMONSTRATION_TYPES)
    declared = {n for k in t.CONTEXT_KIND_TYPES for n in k.resolves_to}
    assert _returned_names(extractor.EventExtractor._resolve_kind) <= declared
    # fixed kinds retyped in a protest become a demonstration type
    assert set(t.DEMONSTRATION_TYPES) <= t.SUB_EVENTS.keys()
    assert t.sub_events_where("retyped_in_protest")


@pytest.mark.parametrize("typ", t.SUB_EVENT_TYPES, ids=lambda s: s.name)
def test_compose_notes_works_for_every_type(typ: t.SubEventType) -> None:
    base = dict(event_id="e1", event_date=dt.date(2024, 3, 5), time_precision=1,
                disorder_type=typ.disorder_type, event_type=typ.event_type,
                sub_event_type=typ.name, plover_type=typ.plover_type, actor1="Group A",
                country="Mali", location="Gao", fatalities=2)
    alone = rows.compose_notes(Event(**base))  # type: ignore[arg-type]
    assert alone.startswith("On 5 March 2024, Group A ")
    assert " in Gao." in alone
    assert not any(alone.split(" in Gao")[0].endswith(f" {p}") for p in rows._PREPOSITIONS)
    both = rows.compose_notes(Event(**base, actor2="Group B"))  # type: ignore[arg-type]
    assert ("Group B" in both) == typ.notes_target
    assert typ.notes_verb in both
