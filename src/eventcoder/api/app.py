"""The app factory: routes, the token check, limits, error handling, CORS and the dashboard.

Errors always answer ``{"detail": "<one readable line>"}`` (a 422 adds ``errors``: where and
what); an unexpected exception is logged with its traceback and answers a 500 that shows
nothing of it. Request bodies above ``Config.api_max_body_bytes`` answer 413 before they are
read. Cross-origin requests are refused unless an origin is allowed (``cors_origin``). When
the package holds the dashboard (``eventcoder/web/static/index.html``) it is served at ``/``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Config
from ..errors import InputError, ResourceError
from ..pipeline import Pipeline
from ..store import Store, StoreError
from .auth import Authenticator, load_tokens
from .cache import QueryCache
from .common import ApiContext
from .jobs import Coder
from .read import router as read_router
from .write import router as write_router

log = logging.getLogger(__name__)

DESCRIPTION = """\
Conflict events coded from news by eventcoder: query them, read their evidence and history,
export them, and code new articles.

**Reading** needs nothing. **Writing** (`POST /api/articles`, `PATCH /api/events/{id}`,
splits and merges) needs `Authorization: Bearer <token>`, a token from the server's
`EVENTCODER_API_TOKEN` variable or its `--tokens` file; a server with no token refuses every
write (403). Errors answer `{"detail": "..."}`. See docs/api.md.
"""


def static_dir() -> Path | None:
    """The dashboard's folder (``eventcoder/web/static``) when it is installed, else None."""
    folder = Path(str(resources.files("eventcoder"))) / "web" / "static"
    return folder if (folder / "index.html").is_file() else None


def create_app(store: str | Store, *, config: Config | None = None,
               tokens: Mapping[str, str] | None = None, pipeline: Pipeline | None = None,
               cors_origin: str | None = None, static: Path | None | bool = True) -> FastAPI:
    """The HTTP API over ``store`` (a database URL or an open :class:`Store`).

    config: the settings (default :meth:`Config.load`): the run path's (model, gazetteer,
        batch size, dedup) for ``POST /api/articles``, ``api_max_body_bytes``,
        ``api_max_sync_articles`` and, when ``tokens`` is None, ``api_tokens_file``.
    tokens: token -> user name of those who may write (:func:`eventcoder.api.load_tokens`);
        None: the tokens of ``config.api_tokens_file``, if any. No token: every write is
        refused (403). ``$EVENTCODER_API_TOKEN`` is the caller's to add (the command does).
    pipeline: what codes posted articles (default ``Pipeline(config)``, made on first use).
    cors_origin: one origin allowed to call the API from a browser (``https://x.org``);
        default none (same origin only).
    static: the dashboard's folder served at ``/``: True finds the installed one
        (:func:`static_dir`), False or None serves none.
    A URL opens the store (creating it if need be) and closes it on shutdown; a Store given
    stays the caller's. RAISES StoreError: for a database that cannot be opened.
    """
    config = Config.load() if config is None else config
    owned = not isinstance(store, Store)
    opened = Store(store) if isinstance(store, str) else store
    if tokens is None:
        tokens = load_tokens(config.api_tokens_file) if config.api_tokens_file else {}
    coder = Coder(opened, config, pipeline)
    ctx = ApiContext(store=opened, config=config, auth=Authenticator(tokens), coder=coder,
                     cache=QueryCache(opened), points_cache=QueryCache(opened, size=8))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        coder.start()
        yield
        coder.close()
        if owned:
            opened.close()

    app = FastAPI(title="eventcoder API", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, openapi_tags=[
                      {"name": "events", "description": "query, one event, history, export"},
                      {"name": "statistics"},
                      {"name": "articles", "description": "code articles (token needed)"},
                      {"name": "review", "description": "edit, split, merge (token needed)"},
                      {"name": "service"}])
    app.state.eventcoder = ctx
    app.include_router(read_router)
    app.include_router(write_router)
    _error_handlers(app)

    app.add_middleware(SecurityHeaders)
    if cors_origin:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=[cors_origin],
                           allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"],
                           expose_headers=["Location", "Content-Disposition"])
    app.add_middleware(BodyLimit, max_bytes=config.api_max_body_bytes)

    folder = static_dir() if static is True else static or None
    if folder is not None:
        from fastapi.staticfiles import StaticFiles

        app.mount("/", StaticFiles(directory=folder, html=True), name="dashboard")
    else:
        @app.get("/", include_in_schema=False)
        def root() -> dict[str, str]:
            return {"name": "eventcoder API", "version": __version__, "docs": "/docs",
                    "openapi": "/openapi.json", "health": "/api/health"}
    return app


def served_app() -> FastAPI:
    """The app of one worker process of ``eventcoder serve --workers N``: uvicorn's app
    factory (``eventcoder.api.app:served_app``), called in each worker. It serves what the
    command resolved, handed down through the environment (:func:`eventcoder.config.
    serve_state`): the whole configuration (database, tokens file, run settings), the CORS
    origin and the log level; the tokens are read as the command read them, from the
    configured file and ``$EVENTCODER_API_TOKEN``. The command has opened (and, with
    ``--create``, made) the database already. RAISES ConfigError: outside such a worker."""
    from ..config import api_env_token, serve_state
    from ..errors import ConfigError

    state = serve_state()
    if state is None:
        raise ConfigError("eventcoder.api.app:served_app is the app of the worker processes "
                          "of 'eventcoder serve --workers N'; elsewhere use create_app()")
    config = Config.from_json(state.get("config", {}), "the state of eventcoder serve")
    logging.getLogger("eventcoder").setLevel(str(state.get("log_level", "info")).upper())
    tokens = load_tokens(config.api_tokens_file, api_env_token())
    return create_app(config.db, config=config, tokens=tokens,
                      cors_origin=state.get("cors_origin"))


def _error(status: int, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status)


def _where(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header"):
        return f"{parts[0]} parameter '{'.'.join(parts[1:])}'"
    if parts and parts[0] == "body":
        return "body" + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in parts[1:])
    return ".".join(parts) or "request"


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))}
                  for e in exc.errors()]
        # one line a person can read, e.g. "query parameter 'limit': Input should be less
        # than or equal to 1000"; the submitted values are never echoed back
        lines = [f"{_where(e['loc'])}: {e['msg']}" for e in errors[:5]]
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        return _error(422, "; ".join(lines) + more, errors=errors[:50])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return _error(422, str(exc).strip().splitlines()[0] if str(exc).strip()
                      else "invalid input")

    @app.exception_handler(OperationalError)
    async def database_down(request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database error on %s %s: %s", request.method, request.url.path, exc)
        return _error(503, "the database is unavailable or busy: try again later")

    @app.exception_handler(StoreError)
    @app.exception_handler(ResourceError)
    async def unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        return _error(503, "the service cannot do this now (see the server log)")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        ref = uuid.uuid4().hex[:12]
        log.error("internal error %s on %s %s", ref, request.method, request.url.path,
                  exc_info=exc)
        return _error(500, f"internal server error (reference {ref} in the server log)")


class SecurityHeaders:
    """ASGI middleware: ``X-Content-Type-Options: nosniff`` on every answer (a browser never
    takes JSON holding article text for HTML), ``Cache-Control: no-store`` on the API's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = str(scope.get("path", "")).startswith("/api/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if api and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """ASGI middleware: a request body above ``max_bytes`` answers 413, by its
    Content-Length before anything is read, or as soon as a chunked body grows past it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"request body larger than {self.max_bytes:,} bytes"
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                if not value.isdigit():
                    await _error(400, "invalid Content-Length")(scope, receive, send)
                    return
                if int(value) > self.max_bytes:
                    await _error(413, too_large)(scope, receive, send)
                    return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI's own HTTPException: FastAPI passes it on as it is (any other
                    # error while it reads a body becomes a 400)
                    raise HTTPException(413, too_large)
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, watch)
        except StarletteHTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await _error(413, too_large)(scope, receive, send)
