"""Deduplication: merge rows that describe the same event.

Within one article (:mod:`.merge`, :mod:`.link`: a report that restates its lead event lower
down); across articles, near-duplicate copies (:mod:`.near`) and different outlets' reports of
one stored event (:mod:`.cross`).

Every merge of two codings of one event, here and in the store (``Store.save_batch``), follows
one policy: :func:`eventcoder.dedup.policy.merge_pair`.
"""

from __future__ import annotations

from .merge import merge_events, same_event_key, summaries
from .policy import FieldChange, Merged, merge_pair

__all__ = ["FieldChange", "Merged", "merge_events", "merge_pair", "same_event_key", "summaries"]
