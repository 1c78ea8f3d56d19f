"""Ingest: read .txt, .jsonl, .html, RSS/Atom files and folders into :class:`Article` records.

Public interface: ``iter_articles(paths, *, default_date=None) -> Iterator[Article | Skipped]``.
Bad input never raises out of the iterator: it yields a :class:`Skipped` with the reason.
"""
