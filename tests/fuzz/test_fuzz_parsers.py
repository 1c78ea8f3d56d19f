"""The date, number and fatality parsers never raise, whatever text they are given.

They run on every sentence of every article, so one input that raises would end a whole run
(or a worker's batch). The inputs mix arbitrary Unicode with the vocabulary the parsers look
for (month and weekday names, number words, digits of any script and length, "ago", "later",
killing verbs), so the regular expressions' branches are reached, not only their misses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from eventcoder.extract.dates import DateResolver, ResolvedDate
from eventcoder.extract.fatalities import conservative, victim_count
from eventcoder.extract.numbers import (
    fatality_candidates,
    headline_numbers,
    parse_number,
    summed_fatalities,
)
from eventcoder.ingest.readers import parse_date

pytestmark = pytest.mark.fuzz

#: digits the way hostile or just foreign text writes them: ASCII, other scripts' decimal
#: digits (Arabic-Indic, Devanagari, fullwidth), superscripts and other "digit" characters
#: str.isdigit() accepts but int() does not
DIGITS = st.sampled_from("0123456789" "٠١٢٣٤٥٦٧٨٩" "०१२३४५६७८९" "０１２３４５６７８９" "²³¹⁰⁴" "①⑴")
NUMERALS = st.one_of(
    st.integers(min_value=-10, max_value=10**30).map(str),
    st.text(DIGITS, min_size=1, max_size=12),
    st.integers(min_value=4000, max_value=6000).map(lambda n: "9" * n),  # past int()'s limit
    st.integers(min_value=0, max_value=10**7).map(lambda n: f"{n:,}"),
)
WORDS = st.sampled_from([
    "one", "two", "twenty", "twenty-two", "a", "an", "dozen", "dozens", "scores", "hundreds",
    "thousand", "hundred", "several", "few", "of", "and", "the", "at least", "some",
    "killed", "dead", "died", "bodies of", "death toll rose to", "people", "soldiers",
    "including", "of whom", "wounded", "and three attackers", "shot dead", "were killed",
    "monday", "last", "this", "yesterday", "today", "ago", "later", "earlier", "before",
    "after", "day", "days", "week", "weeks", "month", "months", "year", "years", "next",
    "following", "early", "late", "mid-", "in", "on", "since", "january", "february",
    "march", "may", "sept.", "dec", "december", "2017", "1999", "0000", "9999", "-", "/",
    ".", ",", "st", "th", "of the", "past 24 hours", "the day before yesterday", "$", "rs",
    "million", "lakh", "%",
])
PHRASES = st.lists(st.one_of(WORDS, NUMERALS), min_size=1, max_size=8).map(" ".join)
TEXT = st.one_of(st.text(max_size=200), PHRASES,
                 st.tuples(st.text(max_size=30), PHRASES, st.text(max_size=30)).map("".join))
DATES = st.one_of(st.none(), st.dates())  # date.min and date.max included
#: the shapes DateResolver's rules match whole ("3 days ago", "13 December 2017", "last
#: Monday"), with any number in them: random word lists almost never hit a whole rule
UNITS = st.sampled_from(["day", "days", "week", "weeks", "month", "months", "year", "years"])
DIRECTIONS = st.sampled_from(["ago", "earlier", "before", "later", "after", "previously"])
MONTH_NAMES = st.sampled_from(["january", "feb", "march", "sept", "dec.", "may", "mayday"])
DATE_PHRASES = st.one_of(
    st.tuples(NUMERALS, UNITS, DIRECTIONS).map(" ".join),
    st.tuples(NUMERALS, MONTH_NAMES, NUMERALS).map(" ".join),
    st.tuples(MONTH_NAMES, NUMERALS).map(" ".join),
    st.tuples(NUMERALS, MONTH_NAMES).map(" ".join),
    st.tuples(NUMERALS, NUMERALS, NUMERALS).map("-".join),
    st.tuples(st.sampled_from(["", "last ", "this ", "on ", "early ", "the "]),
              st.sampled_from(["monday", "sunday", "yesterday", "today", "next day",
                               "last year", "last week", "last month", "past 48 hours",
                               "day before yesterday", "few days later", "weeks before"])
              ).map("".join),
)


@given(TEXT)
@example("²")  # found: str.isdigit() but not int(): ValueError in parse_number
@example("a ²")  # found: the same in a phrase of words
@example("9" * 4301)  # found: more digits than int() converts (4,300): ValueError
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, int)


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_reads_plain_digits(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(TEXT)
@example("killed " + "9" * 4301)  # found: ValueError through parse_number
@example("killed ²")
def test_fatality_number_finders_never_raise(text: str) -> None:
    for value, start, end in fatality_candidates(text):
        assert 0 <= start <= end <= len(text) and 0 <= value <= 100_000
    assert all(isinstance(v, int) for v in headline_numbers(text))


@given(TEXT, st.data())
def test_summed_fatalities_never_raises(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(min_value=0, max_value=len(text)))
    start = data.draw(st.integers(min_value=0, max_value=end))
    total, pos = summed_fatalities(text, start, end, 1)
    assert total >= 1 and pos >= end


@given(st.one_of(TEXT, DATE_PHRASES), DATES)
@example("524123 DAY AGO", dt.date(1436, 1, 1))  # found: OverflowError, before year 1
@example("99999999999 days ago", dt.date(2025, 3, 10))  # OverflowError in timedelta
@example("9999 years later", dt.date(2025, 3, 10))  # past date.max
@example("⁰ days ago", dt.date(2025, 3, 10))  # found: ValueError through parse_number
@example("yesterday", dt.date.min)  # before date.min
@example("the next day", dt.date.max)  # past date.max
@example("last year", dt.date.min)
def test_date_resolver_never_raises(text: str, published: dt.date | None) -> None:
    got = DateResolver().resolve(text, published)
    assert got is None or (isinstance(got, ResolvedDate) and got.precision in (1, 2, 3))


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    TEXT, st.dates(), st.datetimes(),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?\Z"),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                         max_size=2),
)


@given(VALUES)
def test_publication_date_parser_never_raises(value: object) -> None:
    got = parse_date(value)
    assert got is None or isinstance(got, dt.date)


CANDIDATES = st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 300),
                                st.integers(0, 300)), min_size=1, max_size=6)


@given(st.text(max_size=300), CANDIDATES)
def test_conservative_figure_is_one_of_the_candidates(seg: str, cands: list) -> None:
    assert conservative(seg, cands) in cands


FATALITY_SENTENCES = st.lists(st.one_of(WORDS, NUMERALS.filter(lambda s: len(s) < 40),
                                        st.sampled_from(["farmer", "his", "son", ",", "a",
                                                         "policeman", "Ana Ruiz Torres",
                                                         "militants", "children"])),
                              min_size=1, max_size=14).map(" ".join)


@given(FATALITY_SENTENCES, st.data())
def test_victim_count_never_raises(nlp, text: str, data: st.DataObject) -> None:
    doc = nlp(text)
    s1 = data.draw(st.integers(min_value=0, max_value=len(text)))
    s0 = data.draw(st.integers(min_value=0, max_value=s1))
    got = victim_count(doc, s0, s1)
    assert got is None or (got[0] >= 0 and s0 <= got[1] <= got[2] <= s1)
