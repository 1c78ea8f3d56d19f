"""Small helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """../shared/data beside the checkout (CI lays it there), or $EVENTCODER_SHARED_DATA."""
    env = os.environ.get("EVENTCODER_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def fold(text: str | None) -> str:
    """Lowercase ASCII form, so "Nīnawá" and "Ninawa" compare equal."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()
