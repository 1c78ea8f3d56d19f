"""Resolve date expressions against an article's publication date.

Common news expressions ("on Monday", "yesterday", "last week", "two days ago", "December 13",
"in December 2017") are resolved by small rules; anything else goes to dateparser with
``RELATIVE_BASE`` and ``PREFER_DATES_FROM='past'`` (slow, so results are cached per instance).
Precision follows ACLED: 1 day, 2 week, 3 month (a year-only expression is precision 3 too).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

from .numbers import parse_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved date expression. ``explicit_year`` marks "in 2017"-style absolute dates."""

    date: dt.date
    precision: int
    explicit_year: bool = False
    relative_to_event: bool = False  # "two days later": relative to the previous event
    #: a time of day ("around midday", "in the evening"): the day of the event told before,
    #: and no date at all when none was
    needs_event: bool = False


def _month_num(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w[:4] if w.startswith("sept") else w[:3]) if len(w) >= 3 and \
        w[:3] in _MONTH_ABBR and (w in _MONTH_ABBR or w.startswith(w[:3])) and \
        any(m.startswith(w) for m in MONTHS) else None


def _past_weekday(base: dt.date, weekday: int) -> dt.date:
    delta = (base.weekday() - weekday) % 7
    return base - dt.timedelta(days=delta)


class DateResolver:
    """Resolve date expressions; one instance caches dateparser calls."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, dt.date | None], ResolvedDate | None] = {}

    def __getstate__(self) -> dict:
        return {"_cache": {}}

    def resolve(self, text: str, published: dt.date | None) -> ResolvedDate | None:
        """Resolve ``text`` (a date expression) against ``published``; None if not a date."""
        key = (text.lower().strip(), published)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(key[0], published)
            except OverflowError:  # "524123 days ago": before year 1 or after 9999
                self._cache[key] = None
        return self._cache[key]

    def _resolve(self, t: str, pub: dt.date | None) -> ResolvedDate | None:
        t = re.sub(r"^(?:on|in|at|during|since|by|from|the|of)\s+", "", t).strip(" ,.")
        t = re.sub(r"['\u2019]s?$", "", t)  # "Monday's attack", "last week's raid"
        t = re.sub(r"\s+", " ", t)
        # "the night of 9 September", "the early hours of Sunday": the day named
        t = re.sub(r"^(?:the )?(?:(?:early |late )?(?:night|evening|morning|afternoon)|"
                   r"(?:early|small|late) hours) of ", "", t)
        if not t:
            return None
        # a span of days ("Saturday to Sunday", "between Monday and Wednesday"): its first day,
        # to the day when it spans a night (overnight), else to the week
        # "May 16-17", "16-17 May 2026": the first day of the month's span
        m = re.fullmatch(r"(?:between )?(?:([a-z]+)\.? )?(\d{1,2})(?:st|nd|rd|th)? ?(?:[-\u2013]|to|and) ?(\d{1,2})"
                         r"(?:st|nd|rd|th)?(?: (?:of )?([a-z]+)\.?)?(,? \d{4})?", t)
        if m and bool(m[1]) != bool(m[4]) and _month_num(m[1] or m[4]) and \
                0 <= int(m[3]) - int(m[2]) <= 31:
            first = self._resolve(f"{m[2]} {m[1] or m[4]}{m[5] or ''}", pub)
            if first is not None:
                return ResolvedDate(first.date, 1 if int(m[3]) - int(m[2]) <= 1 else 2,
                                    first.explicit_year)
        m = re.fullmatch(r"(?:between )?(.+?) (?:to|and|until|till|through|into) (.+)", t)
        if m:
            first, last = self._resolve(m[1], pub), self._resolve(m[2], pub)
            if first is not None and last is not None and \
                    0 <= (last.date - first.date).days <= 31:
                precision = first.precision if (last.date - first.date).days <= 1 else max(
                    first.precision, 2)
                return ResolvedDate(first.date, precision, first.explicit_year,
                                    first.relative_to_event)
        # absolute: "13 December 2017", "December 13, 2017", "2017-12-13"
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
        if m:
            return _safe(int(m[1]), int(m[2]), int(m[3]), 1, True)
        m = re.fullmatch(r"(?:\w+day,? )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? (\d{4})", t)
        if m and _month_num(m[2]):
            return _safe(int(m[3]), _month_num(m[2]), int(m[1]), 1, True)
        m = re.fullmatch(r"(?:\w+day,? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", t)
        if m and _month_num(m[1]):
            return _safe(int(m[3]), _month_num(m[1]), int(m[2]), 1, True)
        m = re.fullmatch(r"(?:early |late |mid-?|the end of |the beginning of )?([a-z]+),? (\d{4})", t)
        if m and _month_num(m[1]):
            return _safe(int(m[2]), _month_num(m[1]), 1, 3, True)
        m = re.fullmatch(r"(?:early |late |mid-?)?(\d{4})s?", t)
        if m and 1900 <= int(m[1]) <= 2100:
            return _safe(int(m[1]), 1, 1, 3, True)
        if pub is None:
            return None
        # day-month without a year: the most recent such day on or before publication
        m = (re.fullmatch(r"(?:\w+day,? )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?", t)
             or None)
        day_month = None
        if m and _month_num(m[2]):
            day_month = (_month_num(m[2]), int(m[1]))
        m2 = re.fullmatch(r"(?:\w+day,? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", t)
        if m2 and _month_num(m2[1]):
            day_month = (_month_num(m2[1]), int(m2[2]))
        m = re.fullmatch(r"(?:early |late |mid-?)?([a-z]+) (?:of )?(last|this|next) year", t)
        if m and _month_num(m[1]):
            # "in March last year": that month of the year before publication
            year = pub.year + {"last": -1, "this": 0, "next": 1}[m[2]]
            return _safe(year, _month_num(m[1]), 1, 3, True)
        if day_month:
            for year in (pub.year, pub.year - 1):
                r = _safe(year, day_month[0], day_month[1], 1, False)
                if r and r.date <= pub + dt.timedelta(days=1):
                    return r
            return None
        if t in ("today", "this morning", "this afternoon", "this evening", "tonight",
                 "earlier today", "the day", "late last night", "this week"):
            return ResolvedDate(pub, 2 if t == "this week" else 1)
        # "overnight" in a report: the night before it was filed, dated by the day it began
        if t in ("yesterday", "last night", "yesterday morning", "yesterday evening",
                 "yesterday afternoon", "on yesterday", "late yesterday", "overnight"):
            return ResolvedDate(pub - dt.timedelta(days=1), 1)
        if t in ("the day before yesterday",):
            return ResolvedDate(pub - dt.timedelta(days=2), 1)
        m = re.fullmatch(r"(?:last |this past |this |early |late |earlier on )?(\w+day)"
                         r"(?: (?:morning|afternoon|evening|night))?", t)
        if m and m[1] in WEEKDAYS:
            d = _past_weekday(pub, WEEKDAYS.index(m[1]))
            if t.startswith("last ") and d == pub:
                d -= dt.timedelta(days=7)
            return ResolvedDate(d, 1)
        if t in ("last week", "the past week", "the last week", "earlier this week",
                 "this past week", "past week", "a week ago", "the previous week", "last weekend",
                 "the weekend", "this weekend", "over the weekend", "the past few days",
                 "recent days", "the last few days"):
            return ResolvedDate(pub - dt.timedelta(days=7 if "week" in t and "this" not in t
                                                    else 2), 2)
        if t in ("last month", "the past month", "earlier this month", "this month",
                 "the previous month", "a month ago", "the last month"):
            return ResolvedDate(pub - dt.timedelta(days=30 if "this" not in t else 7), 3)
        if t in ("last year", "the previous year", "a year ago"):
            return ResolvedDate(pub.replace(month=1, day=1) - dt.timedelta(days=365), 3, True)
        m = re.fullmatch(r"(.+?) (day|days|week|weeks|month|months|year|years) "
                         r"(ago|earlier|before|later|after|previously)", t)
        if m:
            n = parse_number(m[1]) if m[1] not in ("a", "an") else 1
            if n is None:
                return None
            unit = m[2].rstrip("s")
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
            prec = {"day": 1, "week": 2, "month": 3, "year": 3}[unit]
            if m[3] in ("later", "after"):
                return ResolvedDate(pub + dt.timedelta(days=days), prec,
                                    relative_to_event=True)
            if m[3] in ("earlier", "before", "previously"):
                return ResolvedDate(pub - dt.timedelta(days=days), prec, unit == "year",
                                    relative_to_event=True)
            return ResolvedDate(pub - dt.timedelta(days=days), prec, unit == "year")
        m = re.fullmatch(r"(?:a few |several |some )?(days|weeks) (before|earlier|later|after)", t)
        if m:
            days = 3 if m[1] == "days" else 14
            sign = 1 if m[2] in ("later", "after") else -1
            return ResolvedDate(pub + sign * dt.timedelta(days=days), 2, relative_to_event=True)
        if re.fullmatch(r"(?:the )?(?:past|last) (?:24|48|72) hours", t):
            return ResolvedDate(pub, 1 if "24" in t else 2)
        m = re.fullmatch(r"(?:early|mid|late|mid-|the end of|the beginning of) ?([a-z]+)", t)
        if m and _month_num(m[1]) and len(m[1]) >= 3:
            month = cast(int, _month_num(m[1]))  # not None: checked just above
            year = pub.year if month <= pub.month else pub.year - 1
            return _safe(year, month, 1, 3, False)
        m = re.fullmatch(r"(?:the )?(?:next|following) (?:day|morning|afternoon|evening|night)", t)
        if m:
            return ResolvedDate(pub + dt.timedelta(days=1), 1, relative_to_event=True,
                                needs_event=True)
        if re.fullmatch(r"(?:the )?(?:previous|preceding) (?:day|morning|afternoon|evening|night)"
                        r"|the day before", t):
            return ResolvedDate(pub - dt.timedelta(days=1), 1, relative_to_event=True,
                                needs_event=True)
        if re.fullmatch(TIME_OF_DAY, t):
            # "In the morning, the army shelled the town ... Around midday, a drone struck"
            return ResolvedDate(pub, 1, relative_to_event=True, needs_event=True)
        if re.fullmatch(SAME_DAY_AS_EVENT, t):
            # the day of the event told before ("On the same day, another group attacked"),
            # no date when none was ("artillery and drone attacks on the same day", a title)
            return ResolvedDate(pub, 1, relative_to_event=True, needs_event=True)
        m = re.fullmatch(r"([a-z]+)", t)
        if m and _month_num(m[1]) and len(m[1]) >= 3:
            month = cast(int, _month_num(m[1]))  # not None: checked just above
            year = pub.year if month <= pub.month else pub.year - 1
            return _safe(year, month, 1, 3, False)
        if ", " in t:
            # "today, monday 6 october", "yesterday, sunday": one day told twice; the second,
            # more specific telling first
            head, _, rest = t.partition(", ")
            for part in (rest, head):
                r = self._resolve(part, pub)
                if r is not None:
                    return r
        # "early on tuesday", "the second day in a row early on tuesday": the weekday told last
        m = re.search(r"(?:^|\s)(?:(?:early|late)\s+)?(?:on\s+)?((?:mon|tues|wednes|thurs|fri|satur|"
                      r"sun)day)(?:\s+(?:morning|afternoon|evening|night))?$", t)
        if m is not None and m.start(1) > 0 and not re.search(
                r"\b(?:every|each|to|until|till|through|and|between|from)\b|(?:mon|tues|wednes|"
                r"thurs|fri|satur|sun)day", t[:m.start(1)]):
            return self._resolve(m.group(1), pub)
        return self._dateparser(t, pub)

    @staticmethod
    def _dateparser(t: str, pub: dt.date) -> ResolvedDate | None:
        if (m := NUMERIC_DATE.fullmatch(t)) is not None:
            return _numeric(int(m[1]), int(m[2]), int(m[3]), pub)
        # only expressions with a month name, a year or a numeric date are worth dateparser's
        # time; ages ("31-year-old"), durations and clock times are not dates
        if re.search(r"year-old|year\s+old|-hour|-week|-day|\d\s*[ap]\.?m\b|hours|minutes", t):
            return None
        if not re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)(?:[a-z]*|\.)"
                         r"(?=\W|$)|\b(?:19|20)\d\d\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", t):
            return None
        if re.search(r"\bdecades?\b", t) and not re.search(r"\d", t):
            return None
        import dateparser  # slow import; only when the rules above do not apply

        base = dt.datetime(pub.year, pub.month, pub.day, 12)
        got = dateparser.parse(t, languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
        })
        if got is None:
            return None
        prec = 1 if re.search(r"\d{1,2}\b(?!\d)|day", t) else 3
        return ResolvedDate(got.date(), prec, bool(re.search(r"\b\d{4}\b", t)))


#: a time told from the event before, on its day ("the same day", "later that day", "about
#: two hours later"); lower case, words one space apart
SAME_DAY_AS_EVENT = (r"(?:(?:that |the )?same (?:day|afternoon|evening|morning|night)|"
                     r"(?:later |earlier )?that (?:day|afternoon|evening|morning)|"
                     r"(?:later|earlier) in the (?:day|afternoon|evening)|"
                     r"(?:about |around |some |nearly )?(?:a few |several |some |two |three |"
                     r"an? )?hours? (?:later|earlier))")

#: the times of a day that tell one event from another on the same day
DAY_TIMES = r"(?:morning|midday|noon|afternoon|evening|dusk|dawn|nightfall|daybreak)"
#: a time of day told alone (after "in the", "at", which the resolver strips first)
TIME_OF_DAY = (r"(?:the |around |about |shortly (?:after|before) |late in the |early in the )?"
               + DAY_TIMES)

#: a date in digits, day and month either way round ("06.11.2025", "11/6/2025")
NUMERIC_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)")


def _numeric(a: int, b: int, year: int, pub: dt.date) -> ResolvedDate | None:
    """A date in digits: day first (as most of the world and India's and Pakistan's police and
    army releases write it) or month first (as the US does), whichever reading falls on or
    before the report and nearer to it ("06.11.2025" in a report of 7 November is 6 November;
    dateparser's English default read it as 11 June)."""
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    past = [d for d in readings if d <= pub + dt.timedelta(days=1)]
    if not readings:
        return None
    best = max(past) if past else min(readings)
    return ResolvedDate(best, 1, True)


def _safe(y: int, m: int | None, d: int, prec: int, explicit: bool) -> ResolvedDate | None:
    if m is None:
        return None
    try:
        return ResolvedDate(dt.date(y, m, d), prec, explicit)
    except ValueError:
        return None
