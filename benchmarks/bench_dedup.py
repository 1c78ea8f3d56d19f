"""Cross-article dedup at scale: the cost of merging one article as the store grows.

Ingests synthetic articles (one to three events each) through the run path's storage steps,
``Store.save_batch`` then ``eventcoder.dedup.cross.merge_stored`` on the new event ids in one
``Store.transaction``, in batches of 50 (run.py's default), until the store holds
``--events`` events, and copies the store when it holds 1k and 10k events. Then it codes the
same new articles into every copy (1k, 10k, 100k), one article at a time and the copies in
turn, so that a busy machine weighs on every size alike: ``--sample`` articles (default 200)
timed one by one (``merge_stored``: the read-ahead, the blocking queries, the decisions and
any merge), then ``--batches`` batches of 50 articles, half of them merged one event at a
time (merge_stored without its read-ahead) to compare. It prints, per size, the median, p95
and mean merge time per article; the medians of the articles whose events had no candidate
(the blocking queries alone) and of those with some (loading and scoring them, merging); the
candidates per event; the merges made; the mean per article in batches of 50 with and
without the read-ahead; the median time of save_batch and the commit; and the ratios of the
largest size to the smallest (with the median of the per-article ratios: the same article
on both copies).
Not a test: run it by hand (about 10 minutes per backend on 2 cores).

    python benchmarks/bench_dedup.py [--events 100000] [--backend sqlite|postgresql|both]
                                     [--seed 0] [--sample 200] [--batches 8] [--json FILE]

SQLite: files in a temporary folder. PostgreSQL: a throwaway server on 127.0.0.1 started and
stopped here (initdb/pg_ctl from ``$EVENTCODER_PG_BIN``, ``$PATH`` or
``/usr/lib/postgresql/*/bin``; as root it runs as the ``postgres`` user, like
tests/store/conftest.py), durability off (fsync) as in the tests; a copy is a database made
from the store's as a template.

The synthetic world (what the figures assume): 30 countries of unequal weight, 6-12 admin1
units each, 8-20 towns per admin1 (towns of unequal weight: a few hot spots) within about
120 km of the admin1's centre; event dates uniform over three years (2022-2024) and in random
order, so the events within a merge window grow with the store (the hard case for blocking);
a mix of sub-event types close to ACLED's (clashes, strikes, shelling, attacks, protests,
arrests...); evidence text of one or two sentences from word lists (actor, verb, target,
town, toll, and detail words of the event). 20% of the events are another report of an
earlier event: the same or a compatible type, mostly the same town (else another town of the
admin1), mostly the same day (else one or two days off), the toll kept, changed or left out,
the text reworded around most of the same detail words. The timed articles are new events
or later reports of events every copy holds (those of the first 1k).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pwd
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.dedup.cross import MergeSettings, candidates_for, compatible_with, merge_stored
from eventcoder.schema import Article, Event, Evidence
from eventcoder.store import Store
from eventcoder.taxonomy import SUB_EVENTS

BATCH = 50
START = dt.date(2022, 1, 1)
DAYS = 3 * 365
DUP_SHARE = 0.2

# (country, iso3, latitude, longitude, half-extent in degrees, weight)
COUNTRIES = [
    ("Ukraine", "UKR", 48.5, 33.0, 5.0, 12), ("Syria", "SYR", 35.0, 38.5, 2.5, 8),
    ("Nigeria", "NGA", 9.5, 8.0, 4.5, 8), ("Sudan", "SDN", 14.0, 30.0, 5.0, 6),
    ("Myanmar", "MMR", 20.0, 96.0, 5.0, 6), ("Democratic Republic of Congo", "COD", -2.0, 24.0,
                                             6.0, 6),
    ("Mali", "MLI", 15.0, -3.0, 4.0, 4), ("Burkina Faso", "BFA", 12.5, -1.5, 2.5, 5),
    ("Somalia", "SOM", 5.0, 46.0, 4.0, 4), ("Yemen", "YEM", 15.5, 46.0, 2.5, 5),
    ("Iraq", "IRQ", 33.0, 44.0, 3.0, 3), ("Afghanistan", "AFG", 34.0, 66.0, 3.5, 3),
    ("Pakistan", "PAK", 30.0, 70.0, 5.0, 4), ("India", "IND", 22.0, 79.0, 8.0, 5),
    ("Mexico", "MEX", 23.0, -102.0, 6.0, 5), ("Colombia", "COL", 4.5, -74.0, 4.0, 3),
    ("Brazil", "BRA", -12.0, -50.0, 10.0, 4), ("Haiti", "HTI", 18.9, -72.5, 0.6, 2),
    ("Ethiopia", "ETH", 9.0, 39.5, 4.0, 4), ("Cameroon", "CMR", 6.0, 12.0, 3.5, 2),
    ("Niger", "NER", 15.0, 8.0, 4.0, 2), ("Mozambique", "MOZ", -15.0, 37.0, 4.0, 2),
    ("South Sudan", "SSD", 7.5, 30.0, 3.0, 2), ("Libya", "LBY", 29.0, 17.0, 5.0, 1),
    ("Lebanon", "LBN", 33.8, 35.8, 0.6, 2), ("Palestine", "PSE", 31.9, 35.0, 0.5, 4),
    ("Philippines", "PHL", 12.0, 122.0, 5.0, 2), ("Kenya", "KEN", 0.5, 37.5, 3.5, 2),
    ("Bangladesh", "BGD", 23.7, 90.3, 1.8, 2), ("Chile", "CHL", -33.0, -71.0, 3.0, 1),
]

# sub-event type, weight
TYPES = [
    ("Armed clash", 22), ("Attack", 13), ("Air/drone strike", 10),
    ("Shelling/artillery/missile attack", 10), ("Remote explosive/landmine/IED", 4),
    ("Abduction/forced disappearance", 3), ("Peaceful protest", 18),
    ("Protest with intervention", 3), ("Violent demonstration", 3), ("Mob violence", 2),
    ("Excessive force against protesters", 1), ("Arrests", 3),
    ("Looting/property destruction", 2), ("Non-state actor overtakes territory", 1),
    ("Government regains territory", 1), ("Disrupted weapons use", 1), ("Suicide bomb", 1),
    ("Grenade", 1), ("Sexual violence", 1),
]

VERBS = {
    "Battles": ["clashed with", "fought", "engaged", "exchanged fire with", "battled"],
    "Explosions/Remote violence": ["struck", "shelled", "bombed", "hit", "targeted"],
    "Violence against civilians": ["attacked", "raided", "stormed", "abducted people in",
                                   "assaulted"],
    "Protests": ["protested in", "marched through", "rallied in", "gathered in",
                 "demonstrated in"],
    "Riots": ["rioted in", "clashed with police in", "set fire to shops in", "looted",
              "blocked roads in"],
    "Strategic developments": ["arrested residents of", "seized weapons in", "burned houses in",
                               "occupied", "searched"],
}
TARGETS = ["village", "market", "checkpoint", "convoy", "mosque", "church", "school",
           "hospital", "camp", "barracks", "farm", "bridge", "road", "district", "outpost",
           "station", "compound", "neighbourhood", "square", "university"]
DETAIL = """ambush armoured artillery bakery barricade battalion brigade bunker cattle ceasefire
checkpoint clinic commander convoy curfew detachment displaced drone electricity emergency
explosive farmers fighters fuel garrison governor grain harvest herders highway hostages
insurgents jihadists kidnappers landmine livestock looters machete marketplace mayor
militia miners motorcycles negotiators outpost paramilitary patrol pipeline police
prisoners quarry reinforcements refugees roadblock rockets shepherds smugglers soldiers
students tanker teachers tribal trucks vigilantes warehouse wedding wounded youths
abandoned burning dawn desert forest frontier hillside lakeside mountain northern riverbank
southern suburban eastern western overnight nightfall sunrise midday""".split()
WHEN = ["on {wd}", "early on {wd}", "late on {wd}", "on {wd} morning", "on {wd} night"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SAID = ["officials said", "residents said", "a local source said", "police said",
        "the army said", "witnesses said", "a spokesman said", "local media reported"]
SYLL = ["ba", "ka", "ma", "ra", "ta", "lo", "ni", "su", "de", "go", "vi", "zu", "an", "el",
        "or", "ul", "sha", "kha", "dar", "bur", "tin", "mir", "sol", "van", "ke", "po"]


def name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLL) for _ in range(parts)).capitalize()


@dataclass
class Town:
    name: str
    admin2: str
    lat: float
    lon: float


@dataclass
class Admin1:
    country: str
    iso3: str
    name: str
    towns: list[Town]
    town_weights: list[float]
    actors: list[str]


@dataclass
class Spec:
    """An event as the world knows it (what reports of it share)."""

    sub_event_type: str
    date: dt.date
    time_precision: int
    admin1: Admin1
    town: Town
    fatalities: int
    actor1: str
    actor2: str | None
    target: str
    details: list[str]


class World:
    def __init__(self, seed: int) -> None:
        rng = self.rng = random.Random(seed)
        self.admin1s: list[Admin1] = []
        weights: list[float] = []
        for country, iso3, lat, lon, ext, w in COUNTRIES:
            n1 = rng.randint(6, 12)
            actors = [f"Military Forces of {country}", f"Police Forces of {country}",
                      f"{name(rng, 2)} Liberation Front", f"{name(rng, 3)} Militia",
                      f"Islamic State ({country})", f"{name(rng, 2)} Communal Militia"]
            for _ in range(n1):
                clat = lat + rng.uniform(-ext, ext)
                clon = lon + rng.uniform(-ext, ext)
                towns = []
                for _ in range(rng.randint(8, 20)):
                    towns.append(Town(name(rng, rng.randint(2, 3)), name(rng, 2),
                                      round(clat + rng.uniform(-1.1, 1.1), 4),
                                      round(clon + rng.uniform(-1.1, 1.1), 4)))
                tw = [1 / (k + 1) ** 1.1 for k in range(len(towns))]  # a few hot spots
                self.admin1s.append(Admin1(country, iso3, name(rng, 3), towns, tw,
                                           rng.sample(actors, 4)))
                weights.append(w / n1 * rng.uniform(0.3, 2.0))
        self.admin1_weights = weights
        self.type_names = [t for t, _ in TYPES]
        self.type_weights = [w for _, w in TYPES]
        self.specs: list[Spec] = []  # reported events, for later reports of them

    def fresh(self) -> Spec:
        rng = self.rng
        a1 = rng.choices(self.admin1s, self.admin1_weights)[0]
        town = rng.choices(a1.towns, a1.town_weights)[0]
        st = rng.choices(self.type_names, self.type_weights)[0]
        et = SUB_EVENTS[st].event_type
        if et in ("Protests", "Riots"):
            actor1 = f"Protesters ({a1.country})" if et == "Protests" else \
                f"Rioters ({a1.country})"
            actor2 = rng.choice([None, a1.actors[1]])
            toll = 0 if rng.random() < 0.9 else rng.randint(1, 5)
        else:
            actor1, actor2 = rng.sample(a1.actors, 2)
            if st in ("Attack", "Abduction/forced disappearance", "Sexual violence") or \
                    rng.random() < 0.3:
                actor2 = f"Civilians ({a1.country})"
            if rng.random() < 0.2:
                actor1 = f"Unidentified Armed Group ({a1.country})"
            toll = 0 if rng.random() < 0.35 else min(int(rng.expovariate(1 / 6)) + 1, 300)
        tp = rng.choices([1, 2, 3], [90, 8, 2])[0]
        spec = Spec(st, START + dt.timedelta(days=rng.randrange(DAYS)), tp, a1, town, toll,
                    actor1, actor2, rng.choice(TARGETS), rng.sample(DETAIL, 5))
        self.specs.append(spec)
        return spec

    def again(self) -> tuple[Spec, Spec]:
        """Another report of a reported event: (the event, this report's reading of it)."""
        rng = self.rng
        orig = rng.choice(self.specs)
        st = orig.sub_event_type
        if rng.random() < 0.15:
            st = rng.choice(compatible_with(st))
        town = orig.town if rng.random() < 0.75 else \
            rng.choices(orig.admin1.towns, orig.admin1.town_weights)[0]
        shift = rng.choices([0, 1, -1, 2, -2], [75, 9, 9, 4, 3])[0]
        r = rng.random()
        toll = orig.fatalities if r < 0.5 else 0 if r < 0.7 else \
            max(1, round(orig.fatalities * rng.uniform(0.5, 1.6)))
        actor1 = orig.actor1 if rng.random() < 0.7 else \
            f"Unidentified Armed Group ({orig.admin1.country})"
        details = rng.sample(orig.details, 4) + rng.sample(DETAIL, 1)
        return orig, Spec(st, orig.date + dt.timedelta(days=shift), orig.time_precision,
                          orig.admin1, town, toll, actor1, orig.actor2, orig.target, details)

    def sentence(self, s: Spec) -> tuple[str, dict[str, tuple[int, int]]]:
        """One or two sentences telling the event, with the spans of some fields."""
        rng = self.rng
        et = SUB_EVENTS[s.sub_event_type].event_type
        who = s.actor1.split(" (")[0]
        verb = rng.choice(VERBS[et])
        when = rng.choice(WHEN).format(wd=WEEKDAYS[s.date.weekday()])
        d = list(s.details)
        rng.shuffle(d)
        text = f"{who} {verb} a {s.target} near {s.town.name} in {s.admin1.name} {when}"
        spans = {"location": (text.index(s.town.name), text.index(s.town.name)
                              + len(s.town.name))}
        if s.fatalities:
            toll = f"{s.fatalities} people"
            text += f", killing {toll}"
            spans["fatalities"] = (len(text) - len(toll), len(text))
        text += f", {rng.choice(SAID)}."
        if rng.random() < 0.7:
            text += (f" The {d[0]} and {d[1]} near the {d[2]} {d[3]} were hit, "
                     f"and {d[4]} fled the area.")
        return text, spans


def synth(world: World, i: int) -> tuple[Article, list[Event]]:
    """Article ``i``: one to three events, each a new event or another report of one."""
    rng = world.rng
    aid = f"syn-{i:07d}"
    n = rng.choices([1, 2, 3], [75, 20, 5])[0]
    parts: list[str] = [f"Report {i} from the wire."]
    pending: list[tuple[Spec, int, str, dict[str, tuple[int, int]]]] = []
    pos = len(parts[0]) + 1
    for _ in range(n):
        spec = world.again()[1] if world.specs and rng.random() < DUP_SHARE else world.fresh()
        text, spans = world.sentence(spec)
        pending.append((spec, pos, text, spans))
        parts.append(text)
        pos += len(text) + 1
    article = Article.from_text(" ".join(parts), id=aid, source="Synthetic Wire",
                                published=pending[0][0].date)
    events = []
    for k, (s, start, text, spans) in enumerate(pending):
        st = SUB_EVENTS[s.sub_event_type]
        ev = [Evidence(article_id=aid, field="sentence", start=start, end=start + len(text),
                       text=text)]
        for f, (a, b) in spans.items():
            ev.append(Evidence(article_id=aid, field=f, start=start + a, end=start + b,
                               text=text[a:b]))
        events.append(Event(
            event_id=f"ev-{aid}-{k}", article_ids=[aid], event_date=s.date,
            time_precision=s.time_precision, disorder_type=st.disorder_type,
            event_type=st.event_type, sub_event_type=s.sub_event_type,
            plover_type=st.plover_type, actor1=s.actor1, actor2=s.actor2,
            country=s.admin1.country, iso3=s.admin1.iso3, admin1=s.admin1.name,
            admin2=s.town.admin2, location=s.town.name, latitude=s.town.lat,
            longitude=s.town.lon, geo_precision=1 if rng.random() < 0.8 else 2,
            fatalities=s.fatalities, confidence=round(rng.uniform(0.3, 0.95), 2),
            notes=text, evidence=ev))
    return article, events


# ------------------------------------------------------------------------------------------
# a throwaway PostgreSQL server (as tests/store/conftest.py starts one)


def pg_bindir() -> Path | None:
    found = [Path(os.environ["EVENTCODER_PG_BIN"])] if os.environ.get("EVENTCODER_PG_BIN") else []
    if shutil.which("initdb"):
        found.append(Path(shutil.which("initdb") or "").parent)

    def version(p: Path) -> int:
        return int(p.parent.name) if p.parent.name.isdigit() else 0

    found += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    return next((p for p in found if (p / "initdb").is_file() and (p / "pg_ctl").is_file()),
                None)


class PgServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.prefix: list[str] = []
        self.root = Path(tempfile.mkdtemp(prefix="ecbench-", dir="/tmp"))
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.data = self.root / "data"

    def _run(self, *args: str) -> None:
        proc = subprocess.run([*self.prefix, *args], capture_output=True, text=True,
                              timeout=120, check=False)
        if proc.returncode:
            raise RuntimeError(f"{args[0]}: {(proc.stderr or proc.stdout).strip()[:500]}")

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--no-sync")
        # durability off as in the tests: the figures are of queries, not of fsync
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", opts, "-w", "-t", "60", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                      "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# ------------------------------------------------------------------------------------------
# where the stores live


class SqliteStores:
    """SQLite files in a temporary folder; a snapshot is a copy (the backup API)."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="ecbench-"))

    def url(self) -> str:
        return f"sqlite:///{self.tmp / 'bench.db'}"

    def snapshot(self, store: Store, name: str) -> str:
        import sqlite3

        src = sqlite3.connect(self.tmp / "bench.db")
        dst = sqlite3.connect(self.tmp / f"{name}.db")
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return f"sqlite:///{self.tmp / f'{name}.db'}"

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


class PgStores:
    """Databases of a throwaway server; a snapshot is ``CREATE DATABASE ... TEMPLATE``."""

    def __init__(self, bindir: Path) -> None:
        self.server = PgServer(bindir)
        self.base = self.server.start().rsplit("/", 1)[0]
        self._admin("CREATE DATABASE bench")

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def url(self) -> str:
        return f"{self.base}/bench"

    def snapshot(self, store: Store, name: str) -> str:
        store.engine.dispose()  # a template database must have no connections
        self._admin(f"CREATE DATABASE {name} TEMPLATE bench")
        return f"{self.base}/{name}"

    def close(self) -> None:
        self.server.stop()


# ------------------------------------------------------------------------------------------
# the benchmark


@dataclass
class Checkpoint:
    target: int
    stored: int = 0
    merge_ms: list[float] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    #: per timed article: did any of its events have a candidate (work beyond the blocking)
    had_candidates: list[bool] = field(default_factory=list)
    merged: int = 0
    #: per read-ahead on/off: (articles, merge_stored seconds) of batches of 50
    batches: dict[bool, list[tuple[int, float]]] = field(
        default_factory=lambda: {True: [], False: []})

    def batch_ms(self, read_ahead: bool) -> float | None:
        b = self.batches[read_ahead]
        return 1000 * sum(t for _, t in b) / sum(n for n, _ in b) if b else None

    def split(self, had: bool) -> list[float]:
        return [t for t, h in zip(self.merge_ms, self.had_candidates, strict=True) if h == had]

    def row(self) -> dict[str, float | int | None]:
        q = statistics.quantiles(self.merge_ms, n=20, method="inclusive")
        bare, busy = self.split(False), self.split(True)
        return {"target": self.target, "stored": self.stored,
                "median_no_candidates_ms": statistics.median(bare) if bare else None,
                "articles_no_candidates": len(bare),
                "median_with_candidates_ms": statistics.median(busy) if busy else None,
                "articles_with_candidates": len(busy),
                "median_ms": statistics.median(self.merge_ms), "p95_ms": q[18],
                "mean_ms": statistics.fmean(self.merge_ms),
                "save_median_ms": statistics.median(self.save_ms),
                "candidates_per_event": statistics.fmean(self.candidates),
                "merged": self.merged, "articles": len(self.merge_ms),
                "batch_ms_per_article": self.batch_ms(True),
                "batch_ms_per_article_one_at_a_time": self.batch_ms(False)}


def checkpoints(total: int) -> list[int]:
    out = [c for c in (1000, 10_000, 100_000) if c <= total]
    return out if out and out[-1] == total else [*out, total]


class OneAtATime:
    """The store seen through ``MergeTarget`` only: merge_stored reads one event at a time
    (no read-ahead), as before ``merge_candidates_many``."""

    def __init__(self, store: Store) -> None:
        self.get_event = store.get_event
        self.merge_candidates = store.merge_candidates
        self.merge_events = store.merge_events
        self.kept_apart = store.kept_apart


@dataclass
class Coded:
    new: int
    merges: int
    save_s: float
    merge_s: float


def code(store: Store, articles: list[tuple[Article, list[Event]]],
         read_ahead: bool = True) -> Coded:
    """Store ``articles`` as the run path does: in one transaction, save_batch, then
    merge_stored on the batch's event ids (with the read-ahead, or one event at a time).
    ``save_s`` counts save_batch and the commit, ``merge_s`` merge_stored."""
    evs = [e for _, es in articles for e in es]
    t = time.perf_counter()
    with store.transaction():
        new = store.save_batch([a for a, _ in articles], evs)
        t1 = time.perf_counter()
        merges = merge_stored(store if read_ahead else OneAtATime(store),
                              [e.event_id for e in evs], MergeSettings())
        t2 = time.perf_counter()
    t3 = time.perf_counter()
    return Coded(new, len(merges), (t1 - t) + (t3 - t2), t2 - t1)


def run(where: SqliteStores | PgStores, total: int, seed: int, sample: int, batches: int,
        name: str) -> list[Checkpoint]:
    """Grow one store to ``total`` events, copying it at each checkpoint, then time new
    articles on every copy in turn (the same articles, interleaved, so that a busy machine
    weighs on every size alike)."""
    world = World(seed)
    counter = iter(range(10**9))
    t0 = time.perf_counter()
    sizes = checkpoints(total)
    urls: list[str] = []
    stored = 0
    known = 0  # the events of the first copy: later reports of them are news to every copy
    with Store(where.url()) as store:
        for target in sizes:
            while stored < target:  # the fill: the run path, batches of 50 articles
                c = code(store, [synth(world, next(counter)) for _ in range(BATCH)])
                stored += c.new - c.merges
            known = known or len(world.specs)
            urls.append(where.url() if target == sizes[-1]
                        else where.snapshot(store, f"snap{target}"))
            print(f"  {name}: {stored:,} events stored "
                  f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    del world.specs[known:]
    results = [Checkpoint(t) for t in sizes]
    stores = [Store(u) for u in urls]
    settings = MergeSettings()
    try:
        for cp, st in zip(results, stores, strict=True):
            cp.stored = st.count_events()
        for i in range(sample + batches):
            # one article at a time (the figures), then batches of 50 with and without the
            # read-ahead; the same articles on every copy, the first copy in turn
            single = i < sample
            articles = [synth(world, next(counter)) for _ in range(1 if single else BATCH)]
            read_ahead = single or i % 2 == 0
            for k in range(len(stores)):
                j = (i + k) % len(stores)
                st, cp = stores[j], results[j]
                c = code(st, articles, read_ahead)
                if single:
                    cp.save_ms.append(1000 * c.save_s)
                    cp.merge_ms.append(1000 * c.merge_s)
                    cp.merged += c.merges
                    found = [len(candidates_for(e, st, settings)) for e in articles[0][1]]
                    cp.candidates.extend(found)
                    cp.had_candidates.append(any(found))
                else:
                    cp.batches[read_ahead].append((len(articles), c.merge_s))
    finally:
        for st in stores:
            st.close()
    print(f"  {name}: measured ({time.perf_counter() - t0:.0f} s)", file=sys.stderr,
          flush=True)
    return results


def table(backend: str, results: list[Checkpoint]) -> str:
    n = len(results[0].merge_ms)
    lines = [f"{backend}: merge_stored per article (ms), {n} new articles coded one at a time "
             "on each copy; split by whether the article's events had candidates; batches of "
             "50: mean per article",
             f"{'stored':>9}  {'median':>6}  {'p95':>6}  {'mean':>6}  {'no cand.':>12}  "
             f"{'with cand.':>12}  {'cand/event':>10}  {'merges':>6}  {'batch':>5}  "
             f"{'(one at a time)':>15}  {'save+commit':>11}"]

    def f(x: float | int | None, w: int) -> str:
        return f"{'-' if x is None else f'{x:.2f}':>{w}}"

    for cp in results:
        r = cp.row()
        lines.append(
            f"{cp.stored:>9,}  {f(r['median_ms'], 6)}  {f(r['p95_ms'], 6)}  "
            f"{f(r['mean_ms'], 6)}  {f(r['median_no_candidates_ms'], 6)} "
            f"({r['articles_no_candidates']:>3})  {f(r['median_with_candidates_ms'], 6)} "
            f"({r['articles_with_candidates']:>3})  {r['candidates_per_event']:>10.2f}  "
            f"{cp.merged:>6}  {f(cp.batch_ms(True), 5)}  {f(cp.batch_ms(False), 15)}  "
            f"{f(r['save_median_ms'], 11)}")
    first, last = results[0].row(), results[-1].row()

    def ratio(k: str) -> str:
        a, b = first[k], last[k]
        return f"{b / a:.2f}" if isinstance(a, float) and isinstance(b, float) and a else "-"

    paired = statistics.median(b / a for a, b in zip(results[0].merge_ms, results[-1].merge_ms,
                                                      strict=True) if a > 0)
    lines.append(f"ratio {_k(results[-1].target)}/{_k(results[0].target)}: median "
                 f"{ratio('median_ms')}, p95 {ratio('p95_ms')}, mean {ratio('mean_ms')}, "
                 f"median without candidates {ratio('median_no_candidates_ms')}, with "
                 f"{ratio('median_with_candidates_ms')}; median of the per-article ratios "
                 f"{paired:.2f}; batch {ratio('batch_ms_per_article')} (one at a time "
                 f"{ratio('batch_ms_per_article_one_at_a_time')})")
    return "\n".join(lines)


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=100_000, help="stored events at the end")
    p.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sample", type=int, default=200,
                   help="articles timed one at a time at each size")
    p.add_argument("--batches", type=int, default=8,
                   help="batches of 50 articles timed at each size (half of them without "
                        "the read-ahead)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    out: dict[str, list[dict[str, object]]] = {}
    for backend in backends:
        t = time.perf_counter()
        where: SqliteStores | PgStores
        if backend == "sqlite":
            where = SqliteStores()
        else:
            bindir = pg_bindir()
            if bindir is None:
                print("postgresql: no initdb/pg_ctl found (apt-get install postgresql, or set "
                      "EVENTCODER_PG_BIN); skipped", file=sys.stderr)
                continue
            where = PgStores(bindir)
        try:
            results = run(where, args.events, args.seed, args.sample, args.batches, backend)
        finally:
            where.close()
        print(table(backend, results))
        print(f"({backend}: {time.perf_counter() - t:.0f} s in all, {os.cpu_count()} CPUs)\n",
              flush=True)
        out[backend] = [{**cp.row(), "merge_ms_per_article": cp.merge_ms,
                         "had_candidates": cp.had_candidates} for cp in results]
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
