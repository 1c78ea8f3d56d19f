"""Who did it, told apart from the incident: claims of responsibility and blame.

A report often tells an attack by "gunmen" or "a suicide bomber" and names the group only in a
later sentence: "Al-Shabaab claimed responsibility", "the attack was claimed by IS", "officials
blamed the CODECO militia". The extractor keeps such sentences out of the events (a claim is not
an incident: :mod:`eventcoder.extract.scope`), so without this step the event keeps its
unidentified initiator. ACLED codes the claimant, or the group the authorities name as the
perpetrator, as ``actor1``.

:func:`find_attributions` reads one sentence; the extractor gives each claim to the event told
before it (in the same sentence or earlier) whose initiator is unknown, preferring the event of
the kind the claim names ("claimed the bombing" over a mortar attack told in between).
Claims that are negated ("no group claimed"), hedged ("often blamed for such attacks") or that
name more than one group are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .actors import ActorHit

#: "X claimed responsibility", "X, which claimed the bombing", "X said it carried out": the
#: claimant is the subject, named before the verb.
CLAIM_ACTIVE = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|took|takes|has\s+taken|have\s+taken)\s+(?:(?:full|the)\s+)?"
    r"(?:responsibility|credit)\b|\bclaim(?:ed|s)\s+(?:the|an?|this|that|both|Monday's|"
    r"Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's|yesterday's|last\s+\w+'s)"
    r"\s+(?:\w+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|killings?|ambush|raids?|"
    r"assaults?|strikes?|kidnappings?|abductions?|massacres?|shelling|operation)\b"
    r"|\b(?:said|says|stated)\b[^.;\"\u201c]{0,40}?\b(?:it|its\s+(?:fighters|members|militants|"
    r"men|forces|mujahideen))\s+(?:had\s+)?(?:carried\s+out|conducted|was\s+behind|staged|"
    r"launched|targeted|attacked)\b",
    re.IGNORECASE)
#: "the attack was claimed by X", "blamed the attack on X", "blamed X", "attributed to X",
#: "accused X of": the group is named after the verb.
NAMED_AFTER = re.compile(
    r"\bclaimed\s+(?:(?:on|late|early)\s+(?:\w+\s+){1,2}?)?by\b|\bblam(?:ed|es|ing)\b|\battribut(?:ed|es|ing)\s+(?:\w+\s+){0,3}?to\b|"
    r"\baccus(?:ed|es|ing)\b|\bresponsibility\s+(?:\w+\s+){0,3}?(?:lay|lies|rests)\s+with\b",
    re.IGNORECASE)
#: a claim denied or absent ("no group claimed", "has not claimed", "denied carrying out")
NEGATED = re.compile(r"\b(?:no|not|never|nobody|none|neither|nor|denied|denies|deny|"
                     r"denying|rejected|without)\b|n't\b", re.IGNORECASE)
#: where the clause of a claim's verb begins
CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|while|whereas|however|although)\b", re.IGNORECASE)
#: a habit, not this event ("often blamed for such attacks", "has claimed similar attacks")
HEDGED = re.compile(r"\b(?:often|usually|frequently|regularly|routinely|typically|similar|"
                    r"such\s+attacks|previous|past|in\s+recent\s+(?:years|months)|"
                    r"may\s+have|might\s+have|could\s+have)\b", re.IGNORECASE)

#: what a claim names, and the sub-event types it fits
OBJECT_KINDS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"\b(?:suicide|bomb\w*|blasts?|explosions?|ied|car\s+bomb)\b", re.IGNORECASE),
     frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})),
    (re.compile(r"\b(?:mortars?|shell\w*|rockets?|missiles?|artillery)\b", re.IGNORECASE),
     frozenset({"Shelling/artillery/missile attack"})),
    (re.compile(r"\b(?:drones?|air\s*strikes?|airstrikes?)\b", re.IGNORECASE),
     frozenset({"Air/drone strike"})),
    (re.compile(r"\b(?:kidnap\w*|abduct\w*|hostages?)\b", re.IGNORECASE),
     frozenset({"Abduction/forced disappearance"})),
)

#: a sentence that may attribute an event (a cheap test before the patterns above)
CUE = re.compile(r"\b(?:claim|blam|attribut|accus|responsib|credit|carried\s+out|conducted|"
                 r"was\s+behind|staged|launched|(?:it|its\s+\w+)\s+(?:had\s+)?(?:targeted|"
                 r"attacked))", re.IGNORECASE)

#: how far from its verb a claimant may be named (characters)
REACH = 90


@dataclass(frozen=True)
class Attribution:
    """One group named as the author of an event told in the article."""

    sentence: tuple[int, int]
    actor: ActorHit
    kinds: frozenset[str]  # sub-event types the claim names; empty: any violent one


def _named_groups(hits: Sequence[ActorHit]) -> list[ActorHit]:
    return [h for h in hits if h.role in ("armed", "group") and not h.generic
            and h.inter in (2, 3, 4)]


def _negated_or_hedged(text: str, m: re.Match[str], s0: int, s1: int) -> bool:
    lo = max(s0, m.start() - 50)
    for b in CLAUSE_BREAK.finditer(text, lo, m.start()):
        lo = b.end()  # "no immediate claim, but police blamed X": the clause of the verb only
    return bool(NEGATED.search(text, lo, m.start())
                or HEDGED.search(text, max(s0, m.start() - 40), min(s1, m.end() + 40)))


def find_attributions(text: str, s0: int, s1: int, hits: Sequence[ActorHit]
                      ) -> list[Attribution]:
    """The claims and blame of the sentence ``text[s0:s1]`` (``hits``: the article's actor
    phrases). At most one: a sentence naming two groups as authors is left alone."""
    inside = [h for h in hits if s0 <= h.start and h.end <= s1]
    groups = _named_groups(inside)
    if not groups or len({h.name for h in groups}) > 1:
        return []
    found: list[tuple[ActorHit, bool, int]] = []
    for m in CLAIM_ACTIVE.finditer(text, s0, s1):
        if _negated_or_hedged(text, m, s0, s1):
            continue
        before = [h for h in inside if h.end <= m.start() and m.start() - h.end <= REACH]
        if before and before[-1] in groups:
            found.append((before[-1], False, m.start()))
    for m in NAMED_AFTER.finditer(text, s0, s1):
        if _negated_or_hedged(text, m, s0, s1):
            continue
        after = [h for h in inside if h.start >= m.end() and h.start - m.end() <= REACH]
        if after and after[0] in groups:
            found.append((after[0], True, m.start()))
    if not found:
        return []
    actor, blame, at = found[0]
    # what was claimed: the claim verb's object; blame may name it anywhere in the sentence
    lo, hi = (s0, s1) if blame else (at, min(s1, at + 70))
    kinds = next((k for rx, k in OBJECT_KINDS if rx.search(text, lo, hi)), frozenset())
    return [Attribution((s0, s1), actor, kinds)]
