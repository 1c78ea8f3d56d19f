"""Parallel runs (a process pool, a Dask cluster) split each store batch across the workers
and join the results back (eventcoder.pipeline.split_batches, join_batches): every article
once, in input order, each batch whole again, and closing the joined results stops the
workers."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import pytest

from eventcoder.pipeline import join_batches as _joined
from eventcoder.pipeline import split_batches as _split
from eventcoder.schema import Article


def _arts(n: int, start: int = 0) -> list[Article]:
    return [Article.from_text(f"text {i}", id=f"a{i}") for i in range(start, start + n)]


@pytest.mark.parametrize("sizes, n", [([50, 50, 38], 2), ([7], 3), ([1, 2, 3], 4),
                                      ([10], 1), ([], 2), ([5, 5], 5)])
def test_split_then_joined_gives_back_the_batches(sizes: list[int], n: int) -> None:
    batches, start = [], 0
    for size in sizes:
        batches.append(_arts(size, start))
        start += size
    parts: deque[int] = deque()
    chunks = list(_split(iter(batches), n, parts))
    assert [sum(map(len, b)) for b in _chunk_sizes(chunks, list(parts))] == sizes
    for batch_chunks in _chunk_sizes(chunks, list(parts)):
        lens = [len(c) for c in batch_chunks]
        assert len(lens) == min(n, sum(lens)) and max(lens) - min(lens) <= 1
    parts2: deque[int] = deque()
    joined = list(_joined(iter(_split(iter(batches), n, parts2)), parts2))
    assert joined == batches


def _chunk_sizes(chunks: list[list[Article]], parts: list[int]) -> list[list[list[Article]]]:
    out, i = [], 0
    for k in parts:
        out.append(chunks[i:i + k])
        i += k
    return out


def test_parts_are_known_before_their_results_are_asked_for() -> None:
    """The worker side reads chunks ahead (a window in flight): the count of each batch's
    chunks is recorded as its first chunk is handed out, before any result comes back."""
    parts: deque[int] = deque()
    split = _split(iter([_arts(4), _arts(3, 4)]), 2, parts)
    first = next(split)
    assert list(parts) == [2] and len(first) == 2


def test_closing_the_joined_results_closes_the_workers_side() -> None:
    closed = []

    def chunks() -> Iterator[list[Article]]:
        try:
            while True:
                yield _arts(1)
        finally:
            closed.append(True)

    parts: deque[int] = deque([1, 1, 1])
    joined = _joined(chunks(), parts)
    next(joined)
    joined.close()
    assert closed == [True]
