"""Near-duplicate articles: MinHash signatures of a text and the LSH band keys that find them.

A republished or lightly edited copy of an article (a new headline, a paragraph dropped, a
byline changed) has a new content hash, so the store's exact check misses it; coded again, it
would add the same events a second time as if a second outlet had reported them. Its *words*
are still nearly all the original's: the Jaccard similarity of the two texts' sets of word
5-grams (shingles) stays high, while two outlets' own reports of one event share few 5-grams.

- **Shingles**: the text NFKC-normalised, lower-cased, cut into words (``\\w+``); every run of
  :data:`SHINGLE_WORDS` consecutive words is one shingle. A text of fewer than
  :data:`MIN_WORDS` words gets no signature and is never called a copy (nor an original):
  short texts share their few shingles by chance, and there is little to code twice anyway.
- **Signature**: a datasketch ``MinHash`` of the shingles, :data:`NUM_PERM` permutations from
  a fixed seed and the explicit ``affine32`` scheme, stored as :data:`NUM_PERM` little-endian
  uint32 (512 bytes). The permutations are a function of the seed and the hash of a shingle is
  SHA-1, so the same text gives the same bytes in any process, run or machine. (datasketch 2.0
  changed the default scheme; naming it keeps stored signatures comparable across upgrades.)
- **Bands**: the signature is cut into :data:`BANDS` bands of :data:`ROWS` values; each band's
  bytes hash to a 64-bit bucket. Two texts are *candidates* when they share a bucket in some
  band, which for Jaccard ``s`` happens with probability ``1 - (1 - s**ROWS)**BANDS``: 0.9999+
  at 0.7, 0.87 at 0.5, 0.03 at 0.2. The layout is fixed (it is stored) and tuned to find
  candidates for any threshold from about 0.5 up; the threshold itself is applied afterwards,
  to the similarity estimated from the two full signatures (:func:`similarity`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

#: MinHash permutations (signature length).
NUM_PERM = 128
#: Seed of the permutations: fixed, so that signatures are stable across processes and runs.
SEED = 20261206
#: datasketch's permutation scheme, named explicitly (its default changed in datasketch 2.0).
SCHEME = "affine32"
#: Words per shingle.
SHINGLE_WORDS = 5
#: Texts shorter than this (in words) get no signature: never a copy, never an original.
MIN_WORDS = 40
#: LSH layout: BANDS bands of ROWS signature values (BANDS * ROWS == NUM_PERM).
BANDS = 32
ROWS = 4

_WORD = re.compile(r"\w+")
_DTYPE = np.dtype("<u4")


def words(text: str) -> list[str]:
    """The text's words, NFKC-normalised and lower-cased."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def shingles(text: str) -> set[bytes] | None:
    """The word :data:`SHINGLE_WORDS`-grams of ``text`` (UTF-8), or None for a text of fewer
    than :data:`MIN_WORDS` words."""
    ws = words(text)
    if len(ws) < MIN_WORDS:
        return None
    n = SHINGLE_WORDS
    return {" ".join(ws[i:i + n]).encode("utf-8") for i in range(len(ws) - n + 1)}


@cache
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> bytes | None:
    """The MinHash signature of ``text`` (:data:`NUM_PERM` little-endian uint32), or None for
    a short text (see :func:`shingles`). The same text gives the same bytes everywhere."""
    grams = shingles(text)
    if grams is None:
        return None
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    mh.update_batch(sorted(grams))
    return np.asarray(mh.hashvalues).astype(_DTYPE).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of two texts' shingle sets, estimated from their signatures
    (the share of equal values)."""
    x, y = np.frombuffer(a, dtype=_DTYPE), np.frombuffer(b, dtype=_DTYPE)
    if x.shape != y.shape:
        raise ValueError(f"signatures of different lengths ({x.size} and {y.size} values)")
    return float(np.count_nonzero(x == y)) / x.size


def band_keys(sig: bytes) -> list[tuple[int, int]]:
    """(band, bucket) for each of the :data:`BANDS` bands of a signature: the bucket is a
    signed 64-bit hash of the band's bytes (it fits a BIGINT on SQLite and PostgreSQL)."""
    width = ROWS * _DTYPE.itemsize
    if len(sig) != BANDS * width:
        raise ValueError(f"a signature has {BANDS * width} bytes, got {len(sig)}")
    return [(band, int.from_bytes(
        hashlib.blake2b(sig[band * width:(band + 1) * width], digest_size=8).digest(),
        "little", signed=True)) for band in range(BANDS)]


@dataclass(frozen=True)
class Match:
    """A stored (or pending) article a text is a near-duplicate of."""

    key: str  #: the article's id (stored) or content hash (not yet stored)
    similarity: float


def best_match(sig: bytes, candidates: Iterable[tuple[str, bytes]], threshold: float
               ) -> Match | None:
    """The candidate (key, signature) most similar to ``sig``, if at least ``threshold``
    (ties: the smallest key, so the choice does not depend on the order of candidates)."""
    best: Match | None = None
    for key, other in sorted(candidates):
        s = similarity(sig, other)
        if s >= threshold and (best is None or s > best.similarity):
            best = Match(key, s)
    return best


@dataclass
class BandIndex:
    """An in-memory band index of the articles of a run not yet saved (the store's table
    ``article_bands`` holds the saved ones): key -> signature, (band, bucket) -> keys."""

    signatures: dict[str, bytes] = field(default_factory=dict)
    buckets: dict[tuple[int, int], set[str]] = field(default_factory=dict)

    def add(self, key: str, sig: bytes) -> None:
        self.signatures[key] = sig
        for bk in band_keys(sig):
            self.buckets.setdefault(bk, set()).add(key)

    def remove(self, key: str) -> None:
        sig = self.signatures.pop(key, None)
        if sig is None:
            return
        for bk in band_keys(sig):
            keys = self.buckets.get(bk)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self.buckets[bk]

    def candidates(self, sig: bytes) -> list[tuple[str, bytes]]:
        """(key, signature) of the indexed articles sharing a band with ``sig``."""
        keys: set[str] = set()
        for bk in band_keys(sig):
            keys |= self.buckets.get(bk, set())
        return [(k, self.signatures[k]) for k in sorted(keys)]

    def __len__(self) -> int:
        return len(self.signatures)
