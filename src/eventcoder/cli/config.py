"""``eventcoder config``: the effective configuration and where each setting came from."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..config import SETTINGS, Config
from . import CONFIG_FILE_KEY
from .common import user_errors


@click.command(name="config")
@click.option("--db", default=None, help="As 'extract --db': show its effect.")
@click.option("--model", default=None, help="As 'extract --model'.")
@click.option("--gazetteer", type=click.Path(path_type=Path), default=None,
              help="As 'extract --gazetteer'.")
@click.option("--actors", "actors_file", type=click.Path(path_type=Path), default=None,
              help="As 'extract --actors'.")
@click.option("--batch-size", type=int, default=None, help="As 'extract --batch-size'.")
@click.option("--workers", type=int, default=None, help="As 'extract --workers'.")
@click.option("--min-confidence", type=float, default=None,
              help="As 'extract --min-confidence'.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object: {key: {value, source}} and the file read.")
@click.pass_context
def config(ctx: click.Context, db: str | None, model: str | None, gazetteer: Path | None,
           actors_file: Path | None, batch_size: int | None, workers: int | None,
           min_confidence: float | None, as_json: bool) -> None:
    """Show the effective configuration and where each setting came from.

    Settings are merged in this order, later winning: built-in defaults < the config file
    (--config FILE, else $EVENTCODER_CONFIG, else ./eventcoder.toml) < environment variables
    (EVENTCODER_DB, _MODEL, _GAZETTEER, _ACTORS, _HOME, _MIN_CONFIDENCE, _BATCH_SIZE,
    _WORKERS, and the others this lists, such as the input limits of docs/reliability.md) <
    command-line options. The source column says which one set each key:
    default, file PATH, env NAME or flag. Options given here show what a command given the
    same options would use.

    Example:

        EVENTCODER_BATCH_SIZE=200 eventcoder --config team.toml config
    """
    from ..geo.defaults import cache_dir, default_gazetteer_path

    with user_errors():
        loaded = Config.load_explained(
            ctx.meta.get(CONFIG_FILE_KEY), db=db, model=model, gazetteer=gazetteer,
            actors_file=actors_file, batch_size=batch_size, workers=workers,
            min_confidence=min_confidence)
    cfg = loaded.config
    shown: dict[str, object] = {key: getattr(cfg, key) for key in SETTINGS}
    # what None stands for, so a user sees the folder and file actually used
    shown["home"] = cache_dir(cfg.home)
    if cfg.gazetteer is None:
        shown["gazetteer"] = f"(default) {default_gazetteer_path(cfg.home)}"
    if as_json:
        click.echo(json.dumps({
            "file": str(loaded.file) if loaded.file else None,
            "settings": {k: {"value": _plain(v), "source": loaded.sources[k],
                             "env": SETTINGS[k].env} for k, v in shown.items()}}, indent=1))
        return
    click.echo(f"config file: {loaded.file or 'none'}")
    width = max(map(len, shown))
    for key, value in shown.items():
        text = ",".join(value) if isinstance(value, tuple) else str(value)
        click.echo(f"{key:<{width}}  {text}  [{loaded.sources[key]}]")


def _plain(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value
