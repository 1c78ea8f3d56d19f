"""``eventcoder gazetteer``: build, download and inspect gazetteers (see docs/gazetteer.md)."""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import click

from .common import RegistryChoice, load_config

GEONAMES_URL = "https://download.geonames.org/export/dump/"


@click.group(name="gazetteer")
def gazetteer() -> None:
    """Build, download and inspect the GeoNames gazetteer the geoparser uses.

    Example:

    \b
        eventcoder gazetteer build --geonames cities15000.txt -o my-gazetteer.sqlite
        eventcoder gazetteer lookup Salahuddin
    """


def _source_names() -> list[str]:
    from ..registry import gazetteer_sources

    return gazetteer_sources.names()


@gazetteer.command(name="build")
@click.option("--geonames", "geonames_files", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="GeoNames dump: allCountries.zip/.txt, XX.zip/.txt or citiesN.zip/.txt "
                   "(repeatable).")
@click.option("--source", "source_files", multiple=True,
              type=(RegistryChoice(_source_names), click.Path(dir_okay=False, path_type=Path)),
              help="A file for a registered gazetteer source, such as a plugin's (repeatable); "
                   "--geonames FILE is --source geonames FILE.")
@click.option("--admin1", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="admin1CodesASCII.txt (admin1 names and GeoNames ids).")
@click.option("--admin2", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="admin2Codes.txt (admin2 names and GeoNames ids).")
@click.option("--alternate-names", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="alternateNamesV2.zip/.txt: more alternate names.")
@click.option("--countries", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="countryInfo.txt (ISO codes, names, GeoNames ids).")
@click.option("--base", type=click.Choice(["default", "none"]), default="default",
              show_default=True,
              help="Start from the default gazetteer (merge) or from nothing.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="The gazetteer file to write (replaced atomically).")
def build(geonames_files: tuple[Path, ...], source_files: tuple[tuple[str, Path], ...],
          admin1: Path | None, admin2: Path | None, alternate_names: Path | None,
          countries: Path | None, base: str, output: Path) -> None:
    """Build a gazetteer file from GeoNames dumps; streams, so allCountries fits in 2 GB.

    Use the file with --gazetteer FILE on 'eventcoder extract' and 'eventcoder geoparse', or
    for every run with EVENTCODER_GAZETTEER=FILE or gazetteer = "FILE" in eventcoder.toml
    (from Python: Config.load(gazetteer=Path(FILE)); the spaCy component: config={"gazetteer":
    FILE}).

    Example:

    \b
        eventcoder gazetteer build --geonames allCountries.zip \\
            --admin1 admin1CodesASCII.txt --admin2 admin2Codes.txt \\
            --countries countryInfo.txt --base none -o full.sqlite
        eventcoder extract reports/ --gazetteer full.sqlite
        eventcoder geoparse reports/ --gazetteer full.sqlite
    """
    from ..geo.defaults import ensure_default_gazetteer
    from ..geo.gazetteer import (
        GazetteerWriter,
        finish_admin_places,
        ingest_admin_codes,
        ingest_alternate_names,
        ingest_country_info,
    )
    from ..registry import gazetteer_sources

    inputs = [("geonames", f) for f in geonames_files] + list(source_files)
    if not inputs:
        raise click.UsageError("give at least one --geonames FILE or --source NAME FILE")
    for p in (*(f for _, f in inputs), admin1, admin2, alternate_names, countries):
        if p is not None and not p.is_file():
            raise click.BadParameter(f"no such file: {p}")
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=output.name + ".", suffix=".tmp", dir=output.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        home = load_config().home if base == "default" else None
        writer = GazetteerWriter(tmp, base=ensure_default_gazetteer(home) if base == "default"
                                 else None)
        total = 0
        for name, f in inputs:
            ingest = gazetteer_sources.get(name)
            size = f.stat().st_size
            with click.progressbar(length=size, label=f"reading {f.name}") as bar:
                approx = max(1, size // max(1, _guess_rows(f)))
                try:
                    total += ingest(writer, f,
                                    progress=lambda n, a=approx, b=bar: b.update(n * a))
                except (ValueError, UnicodeDecodeError) as exc:
                    what = "a GeoNames dump" if name == "geonames" else f"a {name} source"
                    raise click.ClickException(f"{f}: not {what} ({exc})") from exc
        if countries is not None:
            ingest_country_info(writer, countries)
        if admin1 is not None:
            ingest_admin_codes(writer, admin1, level=1)
        if admin2 is not None:
            ingest_admin_codes(writer, admin2, level=2)
        if alternate_names is not None:
            with click.progressbar(length=alternate_names.stat().st_size,
                                   label="alternate names") as bar:
                ingest_alternate_names(writer, alternate_names,
                                       progress=lambda n: bar.update(n * 60))
        finish_admin_places(writer)
        read = ", ".join(str(p.name) for _, p in inputs)
        writer.close({"source": f"{read} (base: {base})"})
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    click.echo(f"{output}: {total:,} places read from {len(inputs)} file(s)")


def _guess_rows(path: Path) -> int:
    """Rough rows in a dump (about 180 bytes a row, 3x compression in zip)."""
    size = path.stat().st_size
    return max(1, (size * 3 if path.suffix == ".zip" else size) // 180)


@gazetteer.command(name="download")
@click.option("--country", "countries", multiple=True,
              help="ISO country code(s) to fetch as XX.zip (repeatable); default: "
                   "allCountries.zip.")
@click.option("--cities", type=click.Choice(["500", "1000", "5000", "15000"]), default=None,
              help="Fetch citiesN.zip instead of per-country dumps.")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path),
              default=Path("geonames"), show_default=True, help="Folder to save files in.")
@click.option("--base-url", default=GEONAMES_URL, show_default=True,
              help="Where the GeoNames dump folder is served.")
@click.option("--build/--no-build", "do_build", default=True, show_default=True,
              help="Build DEST/gazetteer.sqlite from the downloaded files.")
def download(countries: tuple[str, ...], cities: str | None, dest: Path, base_url: str,
             do_build: bool) -> None:
    """Download GeoNames dumps (plus admin codes and country info) and build a gazetteer.

    Needs the internet (geonames.org); data are CC BY 4.0, credit "GeoNames, geonames.org".
    Use the built DEST/gazetteer.sqlite with --gazetteer on 'eventcoder extract' and
    'eventcoder geoparse' (see 'eventcoder gazetteer build --help').

    Example:

        eventcoder gazetteer download --country IQ --country SY --dest geonames
    """
    dest.mkdir(parents=True, exist_ok=True)
    if cities:
        dumps = [f"cities{cities}.zip"]
    elif countries:
        dumps = [f"{c.upper()}.zip" for c in countries]
        bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
        if bad:
            raise click.BadParameter(f"not an ISO 3166 alpha-2 code: {', '.join(bad)}",
                                     param_hint="--country")
    else:
        dumps = ["allCountries.zip"]
    extras = ["admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"]
    got: dict[str, Path] = {}
    for name in dumps + extras:
        got[name] = _fetch(base_url.rstrip("/") + "/" + name, dest / name)
    if not do_build:
        return
    ctx = click.get_current_context()
    ctx.invoke(build, geonames_files=tuple(got[d] for d in dumps), source_files=(),
               admin1=got["admin1CodesASCII.txt"], admin2=got["admin2Codes.txt"],
               alternate_names=None, countries=got["countryInfo.txt"], base="default",
               output=dest / "gazetteer.sqlite")


def _fetch(url: str, target: Path) -> Path:
    """Download ``url`` to ``target`` with a progress bar (atomic rename)."""
    tmp = target.with_suffix(target.suffix + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:  # noqa: S310 - user-given URL
            length = int(resp.headers.get("Content-Length") or 0) or None
            with tmp.open("wb") as out, click.progressbar(length=length or 0,
                                                           label=f"fetching {target.name}") as bar:
                while chunk := resp.read(1 << 20):
                    out.write(chunk)
                    bar.update(len(chunk))
    except (urllib.error.URLError, OSError) as exc:
        if tmp.exists():
            tmp.unlink()
        raise click.ClickException(f"could not download {url}: {exc}") from exc
    shutil.move(str(tmp), target)
    return target


@gazetteer.command(name="info")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
def info(path: Path | None) -> None:
    """Show what a gazetteer file holds (default: the default gazetteer, built if missing).

    Example:

        eventcoder gazetteer info
    """
    from ..geo.defaults import ensure_default_gazetteer
    from ..geo.gazetteer import Gazetteer, GazetteerError

    try:
        gz = Gazetteer(path or ensure_default_gazetteer(load_config().home))
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"file:      {gz.path}")
    click.echo(f"places:    {gz.count():,}")
    click.echo(f"countries: {len(gz.countries):,}  admin1: {len(gz.admin1):,}  "
               f"admin2: {len(gz.admin2):,}")
    for k, v in sorted(gz.meta.items()):
        click.echo(f"{k}: {v}")


@gazetteer.command(name="lookup")
@click.argument("name")
@click.option("--gazetteer", "path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Gazetteer file (default: the default gazetteer).")
@click.option("--limit", default=10, show_default=True, help="Candidates to show.")
def lookup(name: str, path: Path | None, limit: int) -> None:
    """List the places a name may refer to, best-known first (exit status 1 when none).

    Example:

        eventcoder gazetteer lookup Salahuddin
    """
    from ..geo.defaults import data_file, ensure_default_gazetteer
    from ..geo.gazetteer import Gazetteer, GazetteerError

    try:
        gz = Gazetteer(path or ensure_default_gazetteer(load_config().home),
                       lenient_overlays=[data_file("overlay.csv")])
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from exc
    found = gz.lookup(name)
    if not found:
        raise click.ClickException(f"no place named {name!r} in {gz.path}")
    for c in found[:limit]:
        click.echo(f"{c.geonames_id}\t{c.name}\t{c.country_code}\t"
                   f"{gz.admin1_name(c.country_code, c.admin1_code) or ''}\t"
                   f"{c.feature_class}.{c.feature_code}\t{c.population}\t"
                   f"{c.latitude:.4f},{c.longitude:.4f}")
