"""The dashboard (docs/dashboard.md): static files only, served at ``/`` by the HTTP API.

Everything the page loads is in :data:`STATIC_DIR`, installed with the package: its own
scripts and styles, the vendored libraries (``vendor/``) and the offline basemap
(``basemap/``), so it works with no network. ``scripts/vendor_web.sh`` re-vendors the third-party
files at the versions pinned in ``package.json`` / ``package-lock.json`` beside this module.
"""

from __future__ import annotations

from pathlib import Path

#: The folder to serve at ``/`` (``index.html`` is the page).
STATIC_DIR: Path = Path(__file__).resolve().parent / "static"

__all__ = ["STATIC_DIR"]
