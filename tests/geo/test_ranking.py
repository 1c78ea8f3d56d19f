"""Candidate ranking: the document's state (admin1) focus, the country focus, and the
feature rows on degenerate documents (one place, no candidates, overlay-only places)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eventcoder.geo.gazetteer import KIND_NAME, KIND_OVERLAY, Candidate
from eventcoder.geo.recognize import Mention
from eventcoder.geo.resolve import FEATURES, LinearRanker, Resolver, _vote_key
from eventcoder.geo.text import name_key

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "geo" / "ranker.json"


def _c(gid: int, name: str, lat: float, lon: float, fclass: str, fcode: str, cc: str,
       a1: str = "", pop: int = 0, kind: int = KIND_NAME) -> Candidate:
    return Candidate(gid, name, lat, lon, fclass, fcode, cc, a1, "", pop, kind)


class TinyGazetteer:
    """Just enough of :class:`Gazetteer` for the resolver: lookup by name key and by id."""

    def __init__(self, places: list[tuple[str, Candidate]]) -> None:
        self.by_key: dict[str, list[Candidate]] = {}
        self.by_id: dict[int, Candidate] = {}
        for key, c in places:
            self.by_key.setdefault(name_key(key), []).append(c)
            self.by_id[c.geonames_id] = c
        self.admin1: dict[tuple[str, str], tuple[str, int | None, float | None, float | None]] = {}

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return tuple(self.by_key.get(name_key(name), ()))

    def get(self, geonames_id: int) -> Candidate | None:
        return self.by_id.get(geonames_id)


BOONE_KY = _c(1, "Boone County", 38.97, -84.73, "A", "ADM2", "US", "KY", 9000)
BOONE_IN = _c(2, "Boone County", 40.05, -86.47, "A", "ADM2", "US", "IN", 7000)
BOONE_IL = _c(3, "Boone County", 42.32, -88.82, "A", "ADM2", "US", "IL", 5000)
INDIANA = _c(10, "Indiana", 40.0, -86.0, "A", "ADM1", "US", "IN", 6_000_000)
KENTUCKY = _c(11, "Kentucky", 37.5, -85.0, "A", "ADM1", "US", "KY", 4_000_000)
HENDRICKS = _c(12, "Hendricks County", 39.77, -86.51, "A", "ADM2", "US", "IN", 5000)
LEBANON_IN = _c(13, "Lebanon", 40.05, -86.47, "P", "PPLA2", "US", "IN", 15_000)
LEBANON_LB = _c(14, "Lebanon", 33.8, 35.8, "A", "PCLI", "LB", "", 6_800_000)
FLORENCE_KY = _c(15, "Florence", 38.99, -84.63, "P", "PPL", "US", "KY", 31_000)
OVERLAY_SEA = _c(-5, "Red Sea", 20.0, 38.0, "H", "SEA", "", "", 0, KIND_OVERLAY)

GZ = TinyGazetteer([
    ("Boone County", BOONE_KY), ("Boone County", BOONE_IN), ("Boone County", BOONE_IL),
    ("Boone", BOONE_KY), ("Boone", BOONE_IN), ("Boone", BOONE_IL),
    ("Indiana", INDIANA), ("Kentucky", KENTUCKY), ("Hendricks County", HENDRICKS),
    ("Lebanon", LEBANON_IN), ("Lebanon", LEBANON_LB), ("Florence", FLORENCE_KY),
    ("Red Sea", OVERLAY_SEA),
])


def _mentions(text: str, names: list[str]) -> list[Mention]:
    out, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        hint = "admin" if n.endswith("County") else None
        out.append(Mention(i, i + len(n), n, n, hint=hint))
        pos = i + len(n)
    return out


@pytest.fixture(scope="module")
def shipped() -> LinearRanker:
    return LinearRanker.load(SHIPPED)


def test_shipped_weights_match_features(shipped: LinearRanker) -> None:
    assert len(shipped.coef) == len(FEATURES)
    assert SHIPPED.stat().st_size < 4000


def test_vote_key_drops_admin_words() -> None:
    assert _vote_key("Clarke County") == _vote_key("Clarke") == "clarke"
    assert _vote_key("Pott Co.") == "pott"
    assert _vote_key("Kansas City") == "kansas city"
    assert _vote_key("County") == "county"


def test_state_focus_beats_population(shipped: LinearRanker) -> None:
    """Three Boone Counties; the report is about Indiana: the smaller Indiana one wins."""
    text = ("Boone County's jobless rate rose in February. The state of Indiana said the rate "
            "in Hendricks County and in Lebanon rose too.")
    ms = _mentions(text, ["Boone County", "Indiana", "Hendricks County", "Lebanon"])
    res = Resolver(GZ, ranker=shipped).resolve(ms, text)  # type: ignore[arg-type]
    assert [r.candidate.admin1_code for r in res] == ["IN", "IN", "IN", "IN"]
    assert res[3].candidate.country_code == "US"


def test_state_share_is_graded() -> None:
    """admin1_share counts how much of the document lies in the state, not just whether."""
    text = "Boone County, Indiana, Hendricks County, Lebanon and Florence."
    ms = _mentions(text, ["Boone County", "Indiana", "Hendricks County", "Lebanon",
                          "Florence"])
    r = Resolver(GZ)  # type: ignore[arg-type]
    cands = [r.candidates(m) for m in ms]
    best = [INDIANA if m.text == "Indiana" else c[0] for m, c in zip(ms, cands, strict=True)]
    best[2], best[3] = HENDRICKS, LEBANON_IN
    rows = r.feature_rows(ms, cands, best, None)
    share = FEATURES.index("admin1_share")
    named = FEATURES.index("admin1_named")
    by_state = {c.admin1_code: f for c, f in zip(cands[0], rows[0], strict=True)}
    assert by_state["IN"][share] > by_state["KY"][share] > 0.0 == by_state["IL"][share]
    assert by_state["IN"][named] == 1.0 and by_state["KY"][named] == 0.0


def test_same_name_does_not_vote_for_itself() -> None:
    """"Boone County" and "Boone" are one name: neither lends its state to the other."""
    text = "Boone County officials met. Boone is growing."
    ms = _mentions(text, ["Boone County", "Boone"])
    r = Resolver(GZ)  # type: ignore[arg-type]
    cands = [r.candidates(m) for m in ms]
    rows = r.feature_rows(ms, cands, [BOONE_KY, BOONE_KY], None)
    share = FEATURES.index("admin1_share")
    assert all(f[share] == 0.0 for fs in rows for f in fs)


@pytest.mark.parametrize("names", [[], ["Lebanon"], ["Nowhere"], ["Red Sea"],
                                   ["Red Sea", "Nowhere", "Lebanon"]])
def test_degenerate_documents(shipped: LinearRanker, names: list[str]) -> None:
    """One place, a name with no candidate, an overlay-only place: rows of the right width."""
    text = " and ".join(names) or "Nothing here."
    ms = _mentions(text, names)
    for ranker in (shipped, None):
        r = Resolver(GZ, ranker=ranker)  # type: ignore[arg-type]
        cands = [r.candidates(m) for m in ms]
        scores = r.score(ms, cands, text)
        assert [len(s) for s in scores] == [len(c) for c in cands]
        rows = r.feature_rows(ms, cands, [c[0] if c else None for c in cands], None)
        assert all(len(f) == len(FEATURES) for fs in rows for f in fs)
        res = r.resolve(ms, text)
        assert len(res) == len(ms)
        for m, x in zip(ms, res, strict=True):
            assert (x.candidate is None) == (m.text == "Nowhere")


def test_hand_set_fallback_still_works() -> None:
    text = "Lebanon and Indiana."
    ms = _mentions(text, ["Lebanon", "Indiana"])
    res = Resolver(GZ).resolve(ms, text)  # type: ignore[arg-type]
    assert res[1].candidate is INDIANA


# -- with the default gazetteer and the shipped ranker ---------------------------------------------

def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        out.append((i, i + len(n)))
        pos = i + len(n)
    return out


def test_jackson_in_a_mississippi_report(nlp, geoparser) -> None:
    text = ("Police in Jackson said on Tuesday that a fire destroyed a warehouse near "
            "Vicksburg. Crews from Hattiesburg and Meridian helped to put it out.")
    names = ["Jackson", "Vicksburg", "Hattiesburg", "Meridian"]
    places = geoparser.parse(nlp(text), _spans(text, names))
    assert [p.admin1 for p in places] == ["Mississippi"] * 4


def test_tadmur_and_palmyra_in_a_syrian_report(nlp, geoparser) -> None:
    text = ("Government forces shelled Tadmur, east of Homs, on Sunday. Fighters had held "
            "Palmyra and its ruins since May, the monitor in Damascus said.")
    names = ["Tadmur", "Homs", "Palmyra", "Damascus"]
    places = geoparser.parse(nlp(text), _spans(text, names))
    assert [p.country_code for p in places] == ["SY"] * 4


@pytest.mark.parametrize(("text", "names", "want"), [
    ("The mayor of Savannah met officials from Atlanta and Macon to discuss the Georgia budget.",
     ["Savannah", "Atlanta", "Macon", "Georgia"], ("US", "ADM1")),
    ("Russian troops left Georgia after the war; talks in Tbilisi and Sukhumi followed.",
     ["Georgia", "Tbilisi", "Sukhumi"], ("GE", "PCLI")),
])
def test_georgia_state_or_country(nlp, geoparser, text: str, names: list[str],
                                  want: tuple[str, str]) -> None:
    """A country reading far from the document's country falls behind its namesake state."""
    places = geoparser.parse(nlp(text), _spans(text, names))
    georgia = next(p for p in places if p.text == "Georgia")
    assert (georgia.country_code, georgia.feature_code) == want


def test_a_name_told_again_has_the_rows_and_scores_of_its_first_telling(
        shipped: LinearRanker) -> None:
    """A name told again with the same candidates is scored once (its rows listed again): the
    rows, the scores and the resolutions are those of scoring every telling on its own."""
    text = "Boone County, Indiana. Lebanon and Boone County again, then Lebanon."
    ms = _mentions(text, ["Boone County", "Indiana", "Lebanon", "Boone County", "Lebanon"])
    for ranker in (shipped, None):
        r = Resolver(GZ, ranker=ranker)  # type: ignore[arg-type]
        cands = [r.candidates(m) for m in ms]
        best = [c[0] for c in cands]
        rows = r.feature_rows(ms, cands, best, None)
        assert rows[3] == rows[0] and rows[3] is not rows[0]
        assert all(a is not b for a, b in zip(rows[3], rows[0], strict=True))
        # each telling with candidates of its own (copies: nothing shared) gives the same
        fresh = [[replace(x) for x in c] for c in cands]
        assert r.feature_rows(ms, fresh, [c[0] for c in fresh], None) == rows
        scores = r.score(ms, cands, text)
        assert scores == r.score(ms, fresh, text)
        assert scores[3] is not scores[0]
