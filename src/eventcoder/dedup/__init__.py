"""Deduplication: merge rows that describe the same event.

This first version merges within one article (a report that restates its lead event lower
down). Cross-source merging with provenance and revision history is the next issue; it will
plug in here behind the same function.
"""

from __future__ import annotations

from .merge import merge_events, same_event_key, summaries

__all__ = ["merge_events", "same_event_key", "summaries"]
