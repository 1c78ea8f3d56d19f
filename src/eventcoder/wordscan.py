"""Run regular expressions only where a match can begin: the same matches, found faster.

The trigger lexicon and the actor dictionary are large case-insensitive alternations that
start with ``\\b``. Python's ``re`` has no fast scan for such a pattern: ``finditer`` enters
it at every character of the text and tries every alternative there. Yet a match of such a
pattern can only begin at the start of a word, and only at a word whose first letters are
among the few the pattern can begin with ("kil" for "kill\\w*", "sui" for "suicide ...").

:class:`WordStartScanner` reads that off each pattern once (from the parsed pattern: the
set of lower-cased ASCII strings of up to :data:`PREFIX_CHARS` characters, longer, up to
:data:`LONGEST_PREFIX`, where the pattern goes on with single characters ("chemic" of
"chemical"), that every match begins with, and that a word boundary comes before the first
character), lists the text's word starts (``\\w+``) once for all its patterns, and calls
``pattern.match(text, i)`` only at the word starts whose first characters are such a prefix,
skipping those inside the previous match. That is exactly ``pattern.finditer(text)``:
``finditer`` returns the match at the leftmost position where the pattern matches, then goes
on from its end, and every position where it can match is tried, in order (``match(text,
i)`` sees the characters before ``i``, as the search does, for ``\\b`` and look-behinds).
From a word's first character that is not ASCII on, any prefix is taken to match
(case-insensitive matching relates some non-ASCII letters to ASCII ones: "ı" and "i", "ſ"
and "s"): a word that begins with one is tried with every pattern. A pattern the analysis
cannot bound (one that may match empty, may begin other than at a word boundary, or uses
``re.ASCII``) is run with plain ``finditer``.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterable, Sequence
from typing import Any

#: Characters of the prefixes a pattern is indexed by, whatever its items ("kil" of "kill\\w*",
#: each digit of "\\d+").
PREFIX_CHARS = 3
#: Characters a prefix grows to through items that match one character only ("chemic" of
#: "chemical\\s+weapons"): fewer words of the text to try the pattern at, no more prefixes.
LONGEST_PREFIX = 6
#: A pattern item matching more ASCII characters than this ends a prefix there ("\\w").
_MAX_ITEM_CHARS = 12
#: More prefixes than this and the pattern is run with plain finditer.
_MAX_PREFIXES = 20_000
#: How many distinct word heads a scanner remembers the patterns of (a few thousand in news).
_MAX_HEADS = 200_000

_WORD = re.compile(r"\w+")
_ASCII = [chr(i) for i in range(128)]
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")

# (string, open): the sub-pattern matched exactly ``string`` and what follows may extend it
# (open), or ``string`` is only a prefix of what it matched
_Prefixes = set[tuple[str, bool]]


class _Unbounded(Exception):
    """The pattern's prefixes cannot be listed (too many, or an unknown construct)."""


class _Analysis:
    def __init__(self, k: int, longest: int | None = None) -> None:
        self.k = k  # any item extends a prefix up to k characters
        self.longest = max(k, longest or k)  # items of one choice extend it up to longest
        # the parser's opcodes: a private module (any trouble: the caller runs finditer)
        self.c: Any = importlib.import_module("re._constants")
        self._chars: dict[Any, frozenset[str] | None] = {}

    # -- single characters ----------------------------------------------------------------
    def item_chars(self, op: Any, av: Any) -> frozenset[str] | None:
        """Lower-cased ASCII characters one character item can match, case-insensitively or
        not (both, as the pattern may change its case flag); None when there are too many."""
        c = self.c
        key = (op, repr(av))
        if key in self._chars:
            return self._chars[key]
        if op is c.LITERAL:
            cls = re.escape(chr(av))
        elif op is c.IN:
            parts: list[str] = []
            for iop, iav in av:
                if iop is c.NEGATE:
                    parts.insert(0, "^")
                elif iop is c.LITERAL:
                    parts.append(re.escape(chr(iav)))
                elif iop is c.RANGE:
                    parts.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                elif iop is c.CATEGORY:
                    parts.append(_CATEGORY[str(iav)])
                else:
                    raise _Unbounded(f"class item {iop}")
            cls = f"[{''.join(parts)}]"
        else:  # ANY, NOT_LITERAL: (nearly) every character
            self._chars[key] = None
            return None
        found: set[str] = set()
        for flags in (0, re.IGNORECASE):
            rx = re.compile(cls, flags)
            found.update(ch.lower() for ch in _ASCII if rx.fullmatch(ch))
        out = frozenset(found) if len(found) <= _MAX_ITEM_CHARS else None
        self._chars[key] = out
        return out

    # -- sequences ------------------------------------------------------------------------
    def concat(self, acc: _Prefixes, nxt: _Prefixes) -> _Prefixes:
        # past k characters a prefix grows only by a single continuation, or is one of the
        # alternatives a branch begins with: never into more prefixes than those
        single = len(nxt) == 1
        out: _Prefixes = set()
        for s, open_ in acc:
            cap = self.longest if single or not s else self.k
            if not open_ or len(s) >= cap:
                out.add((s, False))
                continue
            for t, t_open in nxt:
                u = s + t
                out.add((u[:cap], False) if len(u) >= cap else (u, t_open))
        if len(out) > _MAX_PREFIXES:
            raise _Unbounded("too many prefixes")
        return out

    def done(self, acc: _Prefixes) -> bool:
        """No prefix of ``acc`` can grow."""
        return all(not o or len(s) >= self.longest for s, o in acc)

    def seq(self, items: Iterable[tuple[Any, Any]]) -> _Prefixes:
        acc: _Prefixes = {("", True)}
        for op, av in items:
            if self.done(acc):
                break
            try:
                nxt = self.node(op, av)
            except _Unbounded:
                if any(o and len(s) < self.k for s, o in acc):
                    raise
                # only the growth past k characters was in question: the prefixes end here
                return {(s, False) for s, _ in acc}
            acc = self.concat(acc, nxt)
        return acc

    def node(self, op: Any, av: Any) -> _Prefixes:
        c = self.c
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: they only restrict
            return {("", True)}
        if op in (c.LITERAL, c.IN, c.ANY, c.NOT_LITERAL):
            chars = self.item_chars(op, av)
            # too many characters, or no ASCII one: the prefix ends here (its characters so
            # far are all a match is known to begin with)
            return {("", False)} if not chars else {(ch, True) for ch in chars}
        if op is c.SUBPATTERN:
            return self.seq(av[3])
        if op is c.ATOMIC_GROUP:
            return self.seq(av)
        if op is c.BRANCH:
            out: _Prefixes = set()
            for alt in av[1]:
                out |= self.seq(alt)
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            inner = self.seq(sub)
            result: _Prefixes = set()
            cur: _Prefixes = {("", True)}
            reps = 0
            while True:
                if reps >= lo:
                    result |= cur
                if reps >= hi:
                    break
                if self.done(cur):
                    result |= {(s, False) for s, _ in cur}
                    break
                if reps > self.longest + 1:  # the item can match empty: stop, knowing no more
                    result |= {(s, False) for s, _ in cur}
                    break
                cur = self.concat(cur, inner)
                reps += 1
            return result
        return {("", False)}  # a back reference, a conditional: anything from here

    # -- the first character: at a word start -------------------------------------------
    def firsts(self, items: Sequence[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], bool]:
        """The items that can consume a match's first character, and whether ``items`` can
        match the empty string."""
        c = self.c
        out: list[tuple[Any, Any]] = []
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op in (c.LITERAL, c.IN, c.ANY, c.NOT_LITERAL):
                out.append((op, av))
                return out, False
            if op in (c.SUBPATTERN, c.ATOMIC_GROUP):
                f, empty = self.firsts(av[3] if op is c.SUBPATTERN else av)
            elif op is c.BRANCH:
                f, empty = [], False
                for alt in av[1]:
                    fa, ea = self.firsts(alt)
                    f += fa
                    empty = empty or ea
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                f, empty = self.firsts(av[2])
                empty = empty or av[0] == 0
            else:
                raise _Unbounded(f"opcode {op}")
            out += f
            if not empty:
                return out, False
        return out, True

    def wordy(self, op: Any, av: Any) -> bool:
        """The item matches word characters only (so a match that begins with it after a
        word boundary begins at a word start); ASCII ones, so that case-insensitive matching
        adds letters only ("ı" to "i", "ſ" to "s", the Kelvin sign to "k")."""
        c = self.c
        if op is c.LITERAL:
            return chr(av) in _ASCII_WORD
        if op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL and chr(iav) in _ASCII_WORD:
                    continue
                if iop is c.RANGE and all(chr(x) in _ASCII_WORD
                                          for x in range(iav[0], min(iav[1], 127) + 1)) \
                        and iav[1] < 128:
                    continue
                if iop is c.CATEGORY and str(iav) in ("CATEGORY_DIGIT", "CATEGORY_WORD"):
                    continue
                return False
            return True
        return False

    # -- a word boundary before the first character ---------------------------------------
    def boundary_first(self, items: Sequence[tuple[Any, Any]]) -> bool:
        """Every way through ``items`` asserts ``\\b`` before it consumes a character."""
        c = self.c
        for op, av in items:
            if op is c.AT:
                if av is c.AT_BOUNDARY:
                    return True
                continue
            if op in (c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.SUBPATTERN:
                return self.boundary_first(av[3])
            if op is c.BRANCH:
                return all(self.boundary_first(alt) for alt in av[1])
            return False
        return False


_CATEGORY = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
             "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def word_start_prefixes(pattern: re.Pattern[str], k: int = PREFIX_CHARS,
                        longest: int = LONGEST_PREFIX) -> frozenset[str] | None:
    """The lower-cased strings (of up to ``k`` ASCII characters, or up to ``longest`` where
    the pattern's next items match one character each; none a prefix of another) that every
    match of ``pattern`` in ASCII text begins with, each match beginning at a word start; None
    when that cannot be shown (the pattern is then run with plain finditer)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.ASCII | re.LOCALE):
        return None
    try:
        parser: Any = importlib.import_module("re._parser")  # private: see the except
        tree = parser.parse(pattern.pattern, pattern.flags)
        analysis = _Analysis(k, longest)
        firsts, empty = analysis.firsts(tree.data)
        if empty or not analysis.boundary_first(tree.data) or \
                not all(analysis.wordy(op, av) for op, av in firsts):
            return None
        found = {s for s, _ in analysis.seq(tree.data)}
    except (_Unbounded, ImportError, AttributeError, KeyError, TypeError, ValueError,
            re.error):
        return None
    if not found or not all(found):
        return None
    # keep the shortest: a word that begins with "air" begins with "a" as well
    return frozenset(s for s in found if not any(s[:n] in found for n in range(1, len(s))))


class WordStartScanner:
    """Several patterns run over a text at once, each as ``pattern.finditer`` would (see the
    module docstring).

    Example:
        >>> sc = WordStartScanner([re.compile(r"\\bkill\\w*", re.I), re.compile(r"\\bshot\\b")])
        >>> [[m.group() for m in ms] for ms in sc.scan("Gunmen shot two and killed one.")]
        [['killed'], ['shot']]
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]], k: int = PREFIX_CHARS,
                 longest: int = LONGEST_PREFIX) -> None:
        self.patterns = tuple(patterns)
        self.k = k
        self.prefixes = [word_start_prefixes(p, k, longest) for p in self.patterns]
        index: dict[str, list[int]] = {}
        longer: dict[str, set[int]] = {}
        for j, prefixes in enumerate(self.prefixes):
            for s in prefixes or ():
                index.setdefault(s, []).append(j)
                for n in range(len(s)):
                    longer.setdefault(s[:n], set()).add(j)
        #: prefix -> the patterns that may begin with it
        self._index = {s: tuple(js) for s, js in index.items()}
        #: a string -> the patterns with a longer prefix that begins with it
        self._longer = longer
        self._lengths = tuple(sorted({len(s) for s in index}))
        #: how many characters of a word start decide which patterns to try there
        self.head_chars = max(self._lengths, default=k)
        self._filtered = tuple(j for j, p in enumerate(self.prefixes) if p is not None)
        #: the patterns run with plain finditer
        self._plain = frozenset(j for j, p in enumerate(self.prefixes) if p is None)
        #: a word start's next ``head_chars`` characters, as written -> the patterns to try
        #: there (:meth:`_patterns_at`), filled as the texts come
        self._heads: dict[str, tuple[int, ...]] = {}
        #: the same for a word start's next ``k`` characters -> whether any pattern may begin
        #: there: most words ("the", "said") are let go on these few, oft-repeated heads
        self._may_begin: dict[str, bool] = {}

    def _patterns_at(self, head: str, more: bool = False) -> tuple[int, ...]:
        """The patterns that may match at a word start whose next ``head_chars`` characters
        (fewer at the end of the text) are ``head``: those with a prefix that ``head`` begins
        with, case aside. A character that is not ASCII may match a pattern's ASCII letter
        case-insensitively ("ı" matches "i", "ſ" "s"), so from the first such character on
        the head is taken to match any prefix that its ASCII part begins. more: ``head`` is
        only the first characters of the word start's head, so also the patterns with a
        longer prefix that it begins."""
        ascii_part = next((q for q, ch in enumerate(head) if not ch.isascii()), len(head))
        low = head[:ascii_part].lower()
        found: set[int] = set()
        for n in self._lengths:
            if n > ascii_part:
                break
            found.update(self._index.get(low[:n], ()))
        if more or ascii_part < len(head):
            found |= self._longer.get(low, set())
        return tuple(sorted(found))

    def scan(self, text: str) -> list[list[re.Match[str]]]:
        """For each pattern, in order, the list of ``pattern.finditer(text)``."""
        out: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        for j, m in self.matches(text):
            out[j].append(m)
        return out

    def matches(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """What :meth:`scan` finds, as (the pattern's index, a match of it), by pattern then
        position: for a caller that wants the few matches, not a list per pattern."""
        starts: dict[int, list[int]] = {}  # the patterns to try, and where
        if self._filtered:
            heads, k = self._heads, self.head_chars
            may_begin, k0 = self._may_begin, self.k
            for w in _WORD.finditer(text):
                i = w.start()
                head = text[i:i + k0]
                may = may_begin.get(head)
                if may is None:
                    may = bool(self._patterns_at(head, more=len(head) == k0))
                    if len(may_begin) < _MAX_HEADS:
                        may_begin[head] = may
                if not may:
                    continue
                head = text[i:i + k]
                hit = heads.get(head)
                if hit is None:
                    hit = self._patterns_at(head)
                    if len(heads) < _MAX_HEADS:
                        heads[head] = hit
                for j in hit:
                    if j in starts:
                        starts[j].append(i)
                    else:
                        starts[j] = [i]
        out: list[tuple[int, re.Match[str]]] = []
        for j in sorted(starts.keys() | self._plain) if self._plain else sorted(starts):
            pattern = self.patterns[j]
            if j in self._plain:
                out += ((j, m) for m in pattern.finditer(text))
                continue
            end = 0
            match = pattern.match
            for i in starts[j]:
                if i >= end and (m := match(text, i)) is not None:
                    out.append((j, m))
                    end = m.end()  # never empty: every prefix has a character
        return out
