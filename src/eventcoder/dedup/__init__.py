"""Deduplication: merge rows that describe the same event.

This first version merges within one article (a report that restates its lead event lower
down). Cross-source merging with provenance and revision history is the next issue; it will
plug in here behind the same function.

Every merge of two codings of one event, here and in the store (``Store.save_batch``), follows
one policy: :func:`eventcoder.dedup.policy.merge_pair`.
"""

from __future__ import annotations

from .merge import merge_events, same_event_key, summaries
from .policy import FieldChange, Merged, merge_pair

__all__ = ["FieldChange", "Merged", "merge_events", "merge_pair", "same_event_key", "summaries"]
