"""Registries by name: the parts of eventcoder that other packages extend.

One registry per kind of part, each filled with eventcoder's built-ins and with the Python
entry points that installed packages declare in its group:

============================  ================================  ==========================================
registry                      entry-point group                 a name maps to
============================  ================================  ==========================================
:data:`readers`               ``eventcoder_readers``            a file extension (``.txt``) -> a reader
                                                                ``(path, default_date) -> Iterator[Article
                                                                | Skipped]``
:data:`exports`               ``eventcoder_exports``            an export format (``csv``) -> a writer
                                                                ``(events, fh) -> int`` or an
                                                                :class:`~eventcoder.export.writers.ExportFormat`
:data:`gazetteer_sources`     ``eventcoder_gazetteer_sources``  a source (``geonames``) -> an ingester
                                                                ``(writer, path, progress=None) -> int``
:data:`backends`              ``eventcoder_backends``           a database URL scheme (``sqlite``) -> a
                                                                :class:`~eventcoder.store.backends.Backend`
:data:`extractors`            ``eventcoder_extractors``         a rule set (``rules``) -> a factory
                                                                ``(config) -> extractor`` whose
                                                                ``extract_candidates(doc, article)``
                                                                returns ``(mentions, candidates)``
============================  ================================  ==========================================

``docs/architecture.md`` ("Registries") documents each signature and shows a plugin.

Why ``catalogue`` and not spaCy's ``registry``: catalogue is the small library spaCy's registry
is built on, and it already reads a group of entry points for each registry; spaCy's
``registry`` adds spaCy's config system on top and its entry-point groups are ``spacy_*``
(spaCy's namespace, not ours). Using catalogue directly keeps ``eventcoder events --help`` and
an export from importing spaCy, and keeps plugin groups under eventcoder's own name.

What this module adds to catalogue:

* built-ins are registered by the module that defines them (``eventcoder.ingest.readers``,
  ...), which each registry imports the first time it is asked for a name, so the list is
  complete whatever was imported before;
* one precedence rule for ``get`` and ``get_all``: an entry point wins over a built-in of the
  same name (catalogue's ``get`` does so already; its ``get_all`` did the opposite);
* a plugin that fails to load is logged and left out instead of breaking every command;
* :func:`refresh_entry_points`: catalogue reads the installed entry points once, when it is
  first imported; a package installed later in the same process is seen after this call.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
from typing import Any

import catalogue

from .errors import ConfigError

__all__ = [
    "Registry", "UnknownNameError", "backends", "exports", "extractors", "gazetteer_sources",
    "readers", "refresh_entry_points",
]

log = logging.getLogger(__name__)


class UnknownNameError(ConfigError):
    """A name no registry entry (built-in or plugin) answers to. A ConfigError (a ValueError)."""


class Registry(catalogue.Registry):
    """A catalogue registry ``("eventcoder", kind)`` whose entry-point group is
    ``eventcoder_<kind>``, with eventcoder's built-ins loaded on first use.

    kind: the registry's name (``readers``, ``exports``, ...).
    builtins: the module that registers the built-ins (imported before any look-up).
    """

    def __init__(self, kind: str, *, builtins: str) -> None:
        super().__init__(("eventcoder", kind), entry_points=True)
        self.kind = kind
        self.builtins = builtins

    @property
    def group(self) -> str:
        """The entry-point group plugins declare their entries in, e.g. ``eventcoder_readers``."""
        return self.entry_point_namespace

    def _load_builtins(self) -> None:
        importlib.import_module(self.builtins)  # a no-op after the first time

    def _own(self) -> dict[str, Any]:
        """Entries registered in this process (the built-ins first), in registration order."""
        self._load_builtins()
        ns = tuple(self.namespace)
        return {keys[-1]: value for keys, value in catalogue.REGISTRY.copy().items()
                if keys[:-1] == ns}

    def get(self, name: str) -> Any:
        """The entry registered as ``name``: an entry point's if a package declares one, else
        the built-in. RAISES UnknownNameError: when neither exists."""
        found = self.get_entry_point(name)
        if found is not None:
            return found
        own = self._own()
        if name not in own:
            raise UnknownNameError(f"unknown {self.kind[:-1].replace('_', ' ')} {name!r}: "
                                   f"choose one of {', '.join(self.names())}")
        return own[name]

    def get_all(self) -> dict[str, Any]:
        """Every entry by name: built-ins in registration order, then plugins' entries (an
        entry point replaces a built-in of the same name, as in :meth:`get`)."""
        result = self._own()
        result.update(self.get_entry_points())
        return result

    def names(self) -> list[str]:
        """The registered names: built-ins in registration order, then plugins' sorted. Plugins
        are not imported for this."""
        own = list(self._own())
        plugins = sorted({ep.name for ep in self._plugin_entry_points()} - set(own))
        return [*own, *plugins]

    def get_entry_points(self) -> dict[str, Any]:
        """Installed packages' entries in this group, loaded; one that fails to import is
        logged and left out."""
        result: dict[str, Any] = {}
        for ep in self._plugin_entry_points():
            loaded = self._load(ep)
            if loaded is not None:
                result[ep.name] = loaded
        return result

    def get_entry_point(self, name: str, default: Any | None = None) -> Any:
        """The entry point ``name`` of this group, loaded, or ``default``."""
        for ep in self._plugin_entry_points():
            if ep.name == name:
                loaded = self._load(ep)
                if loaded is not None:
                    return loaded
        return default

    def _plugin_entry_points(self) -> list[importlib.metadata.EntryPoint]:
        """This group's entry points (catalogue's list; none when entry_points is off)."""
        return list(self._get_entry_points()) if self.entry_points else []

    def _load(self, ep: importlib.metadata.EntryPoint) -> Any | None:
        try:
            return ep.load()
        except Exception as exc:  # a broken plugin must not break every command
            log.warning("ignoring %s entry point %r (%s): %s: %s", self.group, ep.name,
                        ep.value, type(exc).__name__, exc)
            return None

    def __repr__(self) -> str:
        return f"<eventcoder registry {self.kind!r}, entry points {self.group!r}>"


def refresh_entry_points() -> None:
    """Re-read the installed packages' entry points (catalogue reads them once, on import).

    Needed only when a plugin is installed or removed while the process runs.
    """
    importlib.invalidate_caches()
    catalogue.AVAILABLE_ENTRY_POINTS = importlib.metadata.entry_points()


#: File extension (lower case, with the dot: ``.txt``) -> reader.
readers = Registry("readers", builtins="eventcoder.ingest.readers")
#: Export format name (``jsonl``) -> writer function or ExportFormat.
exports = Registry("exports", builtins="eventcoder.export.writers")
#: Gazetteer source name (``geonames``) -> ingest function.
gazetteer_sources = Registry("gazetteer_sources", builtins="eventcoder.geo.gazetteer")
#: Database URL scheme (``sqlite``, ``postgresql``) -> Backend.
backends = Registry("backends", builtins="eventcoder.store.backends")
#: Extraction rule set (``rules``) -> factory ``(config) -> extractor``; ``Config.extractor``
#: names the one a pipeline uses.
extractors = Registry("extractors", builtins="eventcoder.extract")
