"""Property (fuzz) tests over hostile input: every reader, the decoder and the date, number and
fatality parsers. Shared strategies live in ``fuzz_strategies.py``; the profiles (60 examples
per test by default, ``--hypothesis-profile=long`` for 2,000) in tests/conftest.py.

Each crash these tests found is kept as an explicit example (``@example`` on the property, or
a named regression test) with the minimal input hypothesis shrank it to; docs/reliability.md
lists them.
"""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis", reason="hypothesis (the dev extra) is not installed")
