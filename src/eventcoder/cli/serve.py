"""``eventcoder serve``: the HTTP API (and the dashboard, when installed) under uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from .common import db_option, load_config, user_errors

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; put TLS in front then).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--tokens", "tokens_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="FILE",
              help='TOML file of API tokens, one \'"token" = "user name"\' line each: who may '
                   "write [default: the config key api_tokens_file]. EVENTCODER_API_TOKEN adds "
                   "one token (user 'api'). With no token every write is refused (403).")
@click.option("--cors-origin", metavar="ORIGIN", default=None,
              help="Let web pages of this origin (https://dash.example.org) call the API from "
                   "a browser [default: none, same origin only].")
@click.option("--create", is_flag=True,
              help="Create the database if it does not exist (to fill it through "
                   "POST /api/articles) [default: it must exist].")
@click.option("--workers", "processes", type=click.IntRange(1, 64), default=1,
              show_default=True, metavar="N",
              help="Server processes answering requests (uvicorn workers): up to one per CPU "
                   "core for many concurrent clients. Each codes the articles posted to it "
                   "with a pipeline of its own (memory: one spaCy model each). Needs a "
                   "database file or server, not sqlite:// in memory.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info",
                                                "debug"]), default="info", show_default=True)
def serve(db: str | None, host: str, port: int, tokens_file: Path | None,
          cors_origin: str | None, create: bool, processes: int, log_level: str) -> None:
    """Serve the stored events over HTTP: a JSON API (OpenAPI at /docs and /openapi.json)
    and the dashboard at / when it is installed.

    Reading is open; writing (POST /api/articles, PATCH /api/events/ID, splits and
    merges) needs 'Authorization: Bearer TOKEN' with a token from EVENTCODER_API_TOKEN or
    the --tokens file, and the token's user name is recorded in the event's history.
    Posted articles are coded as 'eventcoder extract' codes them, with this command's
    settings (model, gazetteer, batch size, dedup; see 'eventcoder config'). Needs the
    server extra: pip install 'eventcoder[server]'. docs/api.md describes every endpoint.

    Example:

        EVENTCODER_API_TOKEN=$(openssl rand -hex 24) eventcoder serve --db sqlite:///events.db

        curl 'http://127.0.0.1:8000/api/events?country=Iraq&since=2025-01-01&limit=10'

    With --workers N, N processes share the requests (and the database's background jobs:
    GET /api/jobs/ID answers from any of them).
    """
    try:
        import uvicorn

        from ..api import create_app, load_tokens
    except ImportError as err:
        raise click.ClickException(f"the HTTP server needs FastAPI and uvicorn ({err.name} is "
                                   "not installed): pip install 'eventcoder[server]'") from None
    from ..config import api_env_token, serve_state_in_environment
    from ..store import Store, normalize_url
    from ..store.backends import sqlite_memory

    config = load_config(db=db, api_tokens_file=tokens_file)
    with user_errors():
        if processes > 1 and sqlite_memory(normalize_url(config.db)):
            raise click.UsageError(
                f"--workers {processes} needs a database the processes share: {config.db} is "
                "an in-memory SQLite database, each process's own; use a file "
                "(sqlite:///events.db) or PostgreSQL, or --workers 1")
        tokens = load_tokens(config.api_tokens_file, api_env_token())
        store = Store(config.db, create=create)
    try:
        app = None
        if processes == 1:
            with user_errors():
                app = create_app(store, config=config, tokens=tokens, cors_origin=cors_origin)
        shown = store.url.render_as_string(hide_password=True)
        users = sorted(set(tokens.values()))
        click.echo(f"serving {shown} on http://{host}:{port} (API docs: /docs"
                   + (f"; {processes} worker processes" if processes > 1 else "")
                   + "); writes: "
                   + (f"{len(tokens)} token(s) ({', '.join(users)})" if tokens else
                      "refused, no token configured (EVENTCODER_API_TOKEN or --tokens FILE)"),
                   err=True)
        if tokens and host not in LOOPBACK:
            click.echo("warning: tokens travel in clear over plain HTTP: serve on another "
                       "address than 127.0.0.1 only behind a TLS proxy", err=True)
        logging.getLogger("eventcoder").setLevel(log_level.upper())
        if app is not None:
            uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
            return
        # several processes: each makes its own app (uvicorn's factory, in a new
        # interpreter) from what was resolved here, handed down through the environment;
        # this process only watches them, so it lets its connections go
        store.close()
        state = {"config": config.to_json(), "cors_origin": cors_origin,
                 "log_level": log_level}
        with serve_state_in_environment(state):
            uvicorn.run("eventcoder.api.app:served_app", factory=True, workers=processes,
                        host=host, port=port, log_level=log_level, server_header=False)
    finally:
        store.close()
