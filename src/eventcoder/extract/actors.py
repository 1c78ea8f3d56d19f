"""The actor dictionary: find actor phrases in text and normalise them to ACLED-style names.

The shipped dictionary lives in ``eventcoder/data/extract/actors.json`` (named groups, generic
roles such as gunmen, civilians, protesters) and ``countries.json`` (country names, adjectives
and admin-1 names used to name state forces: "Iraqi army" and "Diyala Operations Command" both
become "Military Forces of Iraq"). A user file extends it: the same JSON layout, or a TSV/CSV
file with the columns ``alias, name, inter`` (optional fourth column ``role``).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MissingFileError
from ..wordscan import WordStartScanner

ROLES = ("state", "armed", "civilian", "protester", "rioter", "group")


@dataclass(frozen=True)
class ActorHit:
    """One actor phrase found in a text, with its normalised name."""

    start: int
    end: int
    text: str
    name: str  # may contain "{country}" until :meth:`ActorDictionary.resolve` fills it
    inter: int
    role: str
    country: str | None = None  # a country the phrase itself names ("Iraqi army")

    @property
    def generic(self) -> bool:
        """True when the name depends on the article's country."""
        return "{country}" in self.name


@dataclass(frozen=True)
class _Entry:
    name: str
    inter: int
    role: str


#: Directory of the shipped lexicons, dictionaries and weights.
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "extract"


#: a group named as a qualifier of another ("the al Qaeda-linked al-Shabab group", "Iran-backed
#: Houthis"): not an actor of the sentence
QUALIFIER = re.compile(r"-(?:linked|affiliated|allied|aligned|backed|inspired|sponsored|"
                       r"supported|loyal)\b", re.IGNORECASE)

#: a group named as the parent of the group named next ("Al Qaeda affiliate JNIM", "the
#: Islamic State's West Africa branch ISWAP"): the one named next is the actor
PARENT_OF = re.compile(r"(?:['\u2019]s)?\s+(?:[A-Z][\w-]*\s+){0,2}?(?:affiliate|branch|offshoot|"
                       r"franchise|wing)\s+(?=[A-Z])")

#: words after "civilian" that make it an armed force ("the VDP civilian militia", "the Civilian
#: Joint Task Force"): not civilians
ARMED_CIVILIAN = re.compile(r"\s+(?:militias?|joint\s+task\s+force|JTF|vigilantes?|"
                            r"self-defen[cs]e|defen[cs]e\s+(?:forces?|groups?|units?|volunteers))\b",
                            re.IGNORECASE)

#: people counted with the forces among them ("ten people, including a captain"): the dead
#: of a battle, not civilians
FORCES_AMONG = re.compile(
    r",?\s+(?:including|among\s+them|among\s+whom)\s+(?:an?\s+|the\s+|\w+\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:soldiers?|troops|captain|lieutenant|major|colonel|sergeant|officers?|"
    r"policem[ae]n|police\s+officers?|gendarmes?|commanders?|servicem[ae]n)\b", re.IGNORECASE)

_CAP_RUN = re.compile(r"(?:\b[A-Z][\w.'-]*(?:\s+(?:of|al-|el-|ez-|the)?\s*[A-Z][\w.'-]*)*)")


def _load_json_resource(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


#: ACLED's names of countries whose GeoNames name differs
_ACLED_COUNTRY_NAMES = {"CG": "Republic of Congo", "CI": "Ivory Coast", "BN": "Brunei",
                        "TL": "East Timor", "SZ": "eSwatini", "VA": "Vatican City"}


def _more_countries(known: set[str]) -> list[list]:
    """The countries ``countries.json`` leaves out (``known``: their ISO codes), from the
    geoparser's country list and demonyms (``data/geo``), in its layout: name, ISO code,
    adjectives, no regions. ("Police in Quito" is "Police Forces of Ecuador".)"""
    geo = DATA_DIR.parent / "geo"
    adjectives: dict[str, list[str]] = {}
    with open(geo / "demonyms.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["country_code"]:
                adjectives.setdefault(row["country_code"], []).append(row["demonym"])
    out: list[list] = []
    with open(geo / "country-points.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cc = row["COUNTRY_CODE"]
            if cc and cc not in known:
                name = _ACLED_COUNTRY_NAMES.get(cc, row["NAME"])
                out.append([name, cc, adjectives.get(cc, []), []])
    return out


def _alt(phrases: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    uniq = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in uniq)


def _trie_alt(phrases: list[str], ignorecase: bool) -> str:
    """What :func:`_alt` matches, written as a trie ("al(?:\\s+qaeda|-qaeda)"), so that the
    regex engine reads a phrase character by character instead of trying every phrase in
    turn at each position it is entered.

    The same matches: the phrases that match at one position are prefixes of one another (a
    space matches any run of whitespace, and the character after it never is one), so trying
    them longest first, as _alt's alternation does, is what the trie does by trying a longer
    continuation before ending a phrase. Siblings never match the same character: with
    ``ignorecase`` the phrases are lower-cased, which needs them ASCII (else _alt's).
    """
    words = {p.lower() if ignorecase else p for p in phrases if p}
    if ignorecase and not all(w.isascii() for w in words):
        return _alt(phrases)
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if "" not in node:
            return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{branches[0]})?" if len(branches) == 1 else f"(?:{'|'.join(branches)}|)"

    return emit(root)


class ActorDictionary:
    """Actor phrases -> canonical names and ACLED inter codes.

    Args:
        extra: an optional user file (JSON in the shipped layout, or TSV/CSV ``alias, name,
            inter[, role]``) whose entries extend and override the shipped ones.
    """

    def __init__(self, extra: Path | None = None) -> None:
        data = _load_json_resource("actors.json")
        countries = _load_json_resource("countries.json")["countries"]
        more = _more_countries({iso2 for _, iso2, _, _ in countries})
        #: the adjectives of the countries ``countries.json`` leaves out: they name forces
        #: ("Rwandan troops"), but do not vote for the article's country (a foreign force
        #: named often, "Rwandan troops" in Mozambique, is not where it happened)
        self._no_vote = {a.lower() for _, _, adjs, _ in more for a in adjs}
        countries = countries + more
        self._country_of_word: dict[str, str] = {}
        self._region_of_word: dict[str, str] = {}
        adjectives: dict[str, str] = {}
        for name, _iso2, adjs, regions in countries:
            self._country_of_word[name.lower()] = name
            for a in adjs:
                self._country_of_word[a.lower()] = name
                adjectives[a] = name
            for r in regions:
                self._region_of_word[r.lower()] = name
        self._adjectives = adjectives
        self.state = data["state_forces"]
        self._police_nouns = {n.lower() for n in data["state_forces"]["police"]["nouns"]}
        self._generic_police = {n.lower() for n in data["state_generic_police"]}

        self._ci: dict[str, _Entry] = {}
        self._cs: dict[str, _Entry] = {}
        for a in data["actors"]:
            self._add(a["name"], int(a["inter"]), a.get("role", "group"), a.get("aliases", []),
                      a.get("exact", []))
        for noun in data["state_generic"]:
            role_name = (self.state["police"]["name"] if noun.lower() in self._generic_police
                         else self.state["military"]["name"])
            self._ci.setdefault(noun.lower(), _Entry(role_name, 1, "state"))
        if extra is not None:
            self._load_extra(Path(extra))

        state_nouns = self.state["military"]["nouns"] + self.state["police"]["nouns"]
        adj_alt = _trie_alt(list(adjectives) + [c for c in self._country_of_word
                                                if c[0].isalpha()], ignorecase=True)
        self._state_re = re.compile(
            rf"\b(?P<adj>{adj_alt})(?:'s)?\s+(?:and\s+(?:{adj_alt})\s+)?"
            # ("Mozambican and Rwandan forces": the first named leads)
            rf"(?:(?:regime|government|pro-government|federal|"
            rf"national|security|special|allied|state)\s+)?"
            rf"(?P<noun>{_trie_alt(state_nouns, ignorecase=True)})\b",
            re.IGNORECASE,
        )
        self._command_re = re.compile(
            r"\b(?:the\s+)?(?P<pre>(?:[A-Z][\w'-]*\s+){0,3}?)(?P<cmd>"
            + _trie_alt(data["command_patterns"], ignorecase=False) + r")\b"
        )
        self._ci_re = re.compile(rf"\b(?:{_trie_alt(list(self._ci), ignorecase=True)})\b",
                                 re.IGNORECASE)
        self._cs_re = (re.compile(rf"\b(?:{_trie_alt(list(self._cs), ignorecase=False)})\b")
                       if self._cs else None)
        #: the four patterns above, run at the word starts where they can match (built on
        #: first use: :mod:`eventcoder.wordscan`)
        self._scanner: WordStartScanner | None = None
        #: a capitalised run of words -> the votes of its n-grams (:meth:`country_of`)
        self._run_votes: dict[str, tuple[tuple[str, int], ...]] = {}
        self._country_re = re.compile(
            rf"\b(?:{_alt([*self._country_of_word, *self._region_of_word])})\b", re.IGNORECASE
        )

    # -- building ---------------------------------------------------------------------------
    def _add(self, name: str, inter: int, role: str, aliases: list[str], exact: list[str]
             ) -> None:
        if not 0 <= inter <= 8:
            raise InputError(f"E101 inter code of actor {name!r} must be 0-8, got {inter}")
        entry = _Entry(name, inter, role if role in ROLES else "group")
        for al in aliases:
            self._ci[al.lower()] = entry
        for al in exact:
            self._cs[al] = entry

    def canonical(self, name: str) -> str:
        """The dictionary's name for a group written another way ("Houthis", "Ansar Allah" ->
        "Houthi Movement"); ``name`` itself when the dictionary does not know it."""
        key = name.strip()
        entry = self._cs.get(key) or self._ci.get(key.lower())
        if entry is None:
            bare = re.sub(r"\s*\([^)]*\)$", "", key)  # "Al Shabaab (Somalia)"
            entry = self._ci.get(bare.lower()) or self._cs.get(bare)
        return entry.name if entry is not None and "{country}" not in entry.name else name

    def _load_extra(self, path: Path) -> None:
        if not path.exists():
            raise MissingFileError(f"E102 actor file not found: {path}")
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                for a in data.get("actors", data if isinstance(data, list) else []):
                    self._add(a["name"], int(a["inter"]), a.get("role", "group"),
                              a.get("aliases", []), a.get("exact", []))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                if isinstance(exc, InputError):
                    raise
                raise InputError(f"E104 {path}: not an actor list ({type(exc).__name__}: "
                                 f"{exc}); expected {{'actors': [{{'name', 'inter', "
                                 f"'aliases'}}]}}") from None
            return
        delim = "\t" if path.suffix.lower() in (".tsv", ".txt") else ","
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.reader(fh, delimiter=delim), 1):
                if not row or row[0].startswith("#") or row[0].strip().lower() == "alias":
                    continue
                if len(row) < 3:
                    raise InputError(f"E103 {path}:{n}: expected alias, name, inter")
                alias, name, inter = (c.strip() for c in row[:3])
                role = row[3].strip() if len(row) > 3 else "group"
                exact = [alias] if alias.isupper() and len(alias) <= 5 else []
                if not inter.isdigit():
                    raise InputError(f"E103 {path}:{n}: inter code must be a number 0-8, "
                                     f"got {inter!r}")
                self._add(name, int(inter), role, [] if exact else [alias], exact)

    # -- matching ---------------------------------------------------------------------------
    def find(self, text: str) -> list[ActorHit]:
        """All actor phrases in ``text``, longest match first where they overlap."""
        hits: list[ActorHit] = []
        if self._scanner is None:
            self._scanner = WordStartScanner(
                [self._command_re, self._state_re, self._ci_re] + ([self._cs_re] if self._cs_re
                                                                   else []))
        commands, states, cis, *css = self._scanner.scan(text)
        for m in commands:
            pre = m.group("pre") or ""
            country = None
            for w in re.findall(r"[\w'-]+", pre):
                country = (self._country_of_word.get(w.lower())
                           or self._region_of_word.get(w.lower()) or country)
            hits.append(ActorHit(m.start(), m.end(), m.group(0),
                                 self.state["military"]["name"], 1, "state", country))
        for m in states:
            country = self._country_of_word.get(m.group("adj").lower())
            kind = "police" if m.group("noun").lower() in self._police_nouns else "military"
            hits.append(ActorHit(m.start(), m.end(), m.group(0), self.state[kind]["name"], 1,
                                 "state", country))
        for m in cis:
            e = self._ci[" ".join(m.group(0).lower().split())]
            hits.append(ActorHit(m.start(), m.end(), m.group(0), e.name, e.inter, e.role))
        for found in css:
            for m in found:
                e = self._cs[m.group(0)]
                hits.append(ActorHit(m.start(), m.end(), m.group(0), e.name, e.inter, e.role))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[ActorHit] = []
        last_end = -1
        for h in hits:
            if QUALIFIER.match(text, h.end) or PARENT_OF.match(text, h.end):
                continue  # "the al Qaeda-linked al-Shabab": the group named next is the actor
            if h.role == "civilian" and (ARMED_CIVILIAN.match(text, h.end) or (
                    h.text.lower() in ("people", "persons") and FORCES_AMONG.match(text, h.end))):
                continue  # "the VDP civilian militia", "ten people, including a captain"
            if h.start >= last_end:
                out.append(h)
                last_end = h.end
        return self._join_named_generic(out, text)

    @staticmethod
    def _join_named_generic(hits: list[ActorHit], text: str) -> list[ActorHit]:
        """"IS militants", "Taliban fighters": a named group followed by a generic noun."""
        out: list[ActorHit] = []
        for h in hits:
            prev = out[-1] if out else None
            if prev is not None and h.generic and h.role == "armed" and not prev.generic \
                    and prev.role in ("armed", "state") and text[prev.end:h.start].strip() == "":
                out[-1] = ActorHit(prev.start, h.end, text[prev.start:h.end], prev.name,
                                   prev.inter, prev.role, prev.country)
                continue
            out.append(h)
        return out

    def country_of(self, text: str) -> str | None:
        """The country an article is most about: country names, adjectives, known regions."""
        counts = self.country_votes(text)
        if not counts:
            return None
        return counts.most_common(1)[0][0]

    def country_votes(self, text: str) -> Counter[str]:
        """The votes of ``text``'s country names and adjectives (2 each) and known regions
        (1 each), by country."""
        counts: Counter[str] = Counter()
        # names are capitalised: look up the 1-4 word n-grams of capitalised runs only
        for m in _CAP_RUN.finditer(text):
            for key, n in self._votes_of_run(m.group(0)):
                counts[key] += n
        return counts

    def _votes_of_run(self, run: str) -> tuple[tuple[str, int], ...]:
        """The votes of a capitalised run's 1-4 word n-grams, in order: 2 for a country's
        name or adjective, 1 for a region's (runs recur: "Baghdad", "Iraqi forces")."""
        votes = self._run_votes.get(run)
        if votes is not None:
            return votes
        out: list[tuple[str, int]] = []
        words = run.split()
        i = 0
        while i < len(words):
            if i > 0 and words[i - 1].lower() == "lake":
                i += 1
                continue  # "Lake Chad" (a lake shared by four countries), not Chad
            found: tuple[int, tuple[str, int]] | None = None
            for j in range(min(i + 4, len(words)), i, -1):  # the longest name first
                w = " ".join(words[i:j]).lower()
                if w not in self._country_of_word and w not in self._region_of_word:
                    w = w.rstrip(".,")
                c = self._country_of_word.get(w)
                if c is not None and w in self._no_vote:
                    found = (j, (c, 0))
                elif c is not None:
                    found = (j, (c, 2))
                elif (r := self._region_of_word.get(w)) is not None:
                    found = (j, (r, 1))
                if found is not None:
                    break
            if found is None:
                i += 1
            else:  # ("Papua New Guinea" is not Guinea, "South Sudan" not Sudan)
                if found[1][1]:
                    out.append(found[1])
                i = found[0]
        votes = tuple(out)
        if len(self._run_votes) < 100_000:
            self._run_votes[run] = votes
        return votes

    def country_named(self, text: str) -> str | None:
        """The country ``text`` names exactly ("Iraq", "Iraqi"), else None."""
        return self._country_of_word.get(text.lower().strip())

    @staticmethod
    def resolve(name: str, country: str | None) -> str:
        """Fill ``{country}`` in a generic name; without a country drop the placeholder."""
        if "{country}" not in name:
            return name
        if country:
            return name.replace("{country}", country)
        return name.replace(" of {country}", "").replace(" ({country})", "")
