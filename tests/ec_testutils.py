"""Small helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Lowercase ASCII form, so "Nīnawá" and "Ninawa" compare equal."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()
