"""Who may write through the HTTP API: bearer tokens, each naming a user.

Tokens come from ``$EVENTCODER_API_TOKEN`` (user "api"; read by :func:`eventcoder.config.
api_env_token`) and from a TOML file (``eventcoder serve --tokens FILE`` or the config key
``api_tokens_file``) of ``"token" = "user name"`` lines. Reading needs no token; writing
needs one, and with none configured every write is refused (403), never open.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path

from ..errors import ConfigError, MissingFileError

log = logging.getLogger(__name__)

#: The user name of the token in ``$EVENTCODER_API_TOKEN``.
ENV_USER = "api"
#: Tokens shorter than this are accepted with a warning (guessable).
SHORT_TOKEN = 16


def read_tokens_file(path: Path) -> dict[str, str]:
    """Token -> user name from a TOML file of top-level ``"token" = "user"`` lines.

    RAISES MissingFileError: when the file does not exist; ConfigError: for invalid TOML,
    an empty token or a value that is no user name (the message never shows a token).
    A file that other users may read is accepted with a warning.
    """
    if not path.is_file():
        raise MissingFileError(f"API token file {path} does not exist")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"API token file {path} is not valid TOML: {err}") from None
    tokens: dict[str, str] = {}
    for n, (token, user) in enumerate(data.items(), start=1):
        if not isinstance(user, str) or not user.strip():
            raise ConfigError(f"API token file {path}: entry {n} is not \"token\" = \"user "
                              "name\" (a table or a value that is no user name)")
        if not token.strip():
            raise ConfigError(f"API token file {path}: entry {n} has an empty token")
        tokens[token] = user.strip()
    mode = path.stat().st_mode
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        log.warning("API token file %s can be read by other users (chmod 600 it)", path)
    return tokens


def load_tokens(file: Path | None = None, env_token: str | None = None) -> dict[str, str]:
    """Token -> user name: ``env_token`` (user "api") and the tokens of ``file``; a token
    given in both keeps the file's user name. Short tokens are logged as a warning."""
    tokens: dict[str, str] = {}
    if env_token:
        tokens[env_token] = ENV_USER
    if file is not None:
        tokens.update(read_tokens_file(file))
    if any(len(t) < SHORT_TOKEN for t in tokens):
        log.warning("an API token is shorter than %d characters: easy to guess", SHORT_TOKEN)
    return tokens


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


class Denied(Exception):
    """A write refused: ``status`` 401 (no or a wrong token) or 403 (writes disabled)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Authenticator:
    """Checks a bearer token against every configured one, in constant time per token.

    The tokens are kept as SHA-256 digests, compared with :func:`hmac.compare_digest`
    against all of them (no early exit), so neither the matching token nor its length
    shows in the time an answer takes.
    """

    def __init__(self, tokens: Mapping[str, str]) -> None:
        self._digests = [(_digest(t), user) for t, user in tokens.items()]

    @property
    def enabled(self) -> bool:
        """Whether any token is configured (writes are possible)."""
        return bool(self._digests)

    def user_for(self, token: str | None) -> str:
        """The user name of ``token``. RAISES Denied: 403 when no token is configured, 401
        when ``token`` is missing or matches none."""
        if not self._digests:
            raise Denied(403, "writes are disabled on this server: no API token is "
                              "configured (set EVENTCODER_API_TOKEN or start it with "
                              "'eventcoder serve --tokens FILE')")
        if not token:
            raise Denied(401, "this endpoint writes: send 'Authorization: Bearer <token>'")
        given = _digest(token)
        user: str | None = None
        for digest, name in self._digests:
            if hmac.compare_digest(digest, given):
                user = name
        if user is None:
            raise Denied(401, "invalid API token")
        return user
