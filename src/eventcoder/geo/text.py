"""Name keys: the normalised form under which gazetteer names are indexed and looked up."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_APOSTROPHES = dict.fromkeys(map(ord, "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4"), None)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_.,/()\"]+")
_ARTICLES = frozenset({"al", "el", "as", "ad", "ar", "an", "at", "az", "ash", "adh", "ath",
                       "the", "ez", "es", "ed", "er", "et"})
_LATIN_OR_ARABIC = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1eff\-'.,()&\u0600-\u06ff\u0750-\u077f"
                              r"\ufb50-\ufdff\ufe70-\ufeff\u200c\u2019\u02bb\u02bc\u02be\u02bf]+$")


#: Letters NFKD does not decompose that English-language news always spells plain: Turkish
#: dotless and dotted i ("Şırnak" -> Sirnak, "İdlib" -> Idlib), the South Slavic and Vietnamese
#: d with stroke, German sharp s. Others (Polish l, Nordic o with stroke) are left as they are:
#: folding them made English words ("Belk", "Love") match villages on LGL.
_UNDECOMPOSED = str.maketrans({"ı": "i", "İ": "I", "đ": "d", "Đ": "D", "ß": "ss"})


def fold(text: str) -> str:
    """``text`` without diacritics (NFKD, combining marks dropped, and the letters NFKD keeps
    whole, such as Turkish dotless i, spelled as English does); case is kept.

    >>> fold("Şırnak, Đakovo")
    'Sirnak, Dakovo'
    """
    if text.isascii():  # nothing to decompose, no combining mark: the text itself
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """The lookup key of a name: folded, lower case, apostrophes dropped, separators as one space.

    >>> name_key("Şalāḩ ad-Dīn")
    'salah ad din'
    """
    folded = fold(text).casefold().translate(_APOSTROPHES)
    return _SEPARATORS.sub(" ", folded).strip()


def key_variants(key: str) -> list[str]:
    """``key`` and, when it starts with an Arabic or English article ("al", "the"), the rest."""
    out = [key]
    head, _, rest = key.partition(" ")
    if rest and head in _ARTICLES:
        out.append(rest)
    return out


_ARABIC_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "adh", "az", "ath",
                              "ul", "es", "ez", "ed", "er", "et", "en"})
_DOUBLED = re.compile(r"([a-z])\1+")


def loose_key(key: str) -> str:
    """A looser form of a name key for transliteration variants: every Arabic article becomes
    "al" and doubled letters are single ("maarrat an numan" and "maarat al numan" meet).

    >>> loose_key("ma arrat an nu man")
    'ma arat al nu man'
    """
    words = ["al" if w in _ARABIC_ARTICLES else w for w in key.split()]
    return _DOUBLED.sub(r"\1", " ".join(words))


def useful_alias(alias: str) -> bool:
    """Whether an alternate name is worth indexing for English-language news.

    Keeps Latin- and Arabic-script names; drops other scripts, URLs, codes such as airport
    identifiers (short all-capital strings) and names with digits.
    """
    if not alias or len(alias) > 80 or any(ch.isdigit() for ch in alias):
        return False
    if alias.startswith("http") or "://" in alias:
        return False
    if len(alias) <= 4 and alias.isupper():
        return False
    return bool(_LATIN_OR_ARABIC.match(fold(alias)))


@lru_cache(maxsize=4096)
def spelling_ratio(a: str, b: str) -> float:
    """How alike two name keys are spelled (difflib's ratio, 0 to 1): "sloviansk" and
    "slovyansk" 0.89, "sloviansk" and "nikopol" 0.25."""
    return SequenceMatcher(None, a, b).ratio()


def alike_names(a: str, b: str) -> bool:
    """Two spellings of one place's name ("Mangaize", "Mangaïzé"; "Al-Hureiba", "Al Hureiba";
    "Boni", "Bouni"): equal once folded, one inside the other, or spelled alike (ratio 0.75 or
    more)."""
    x, y = name_key(a), name_key(b)
    return x == y or x in y or y in x or spelling_ratio(x, y) >= 0.75
