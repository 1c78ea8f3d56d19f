"""Property (fuzz) tests over hostile input: every reader, the decoder and the date, number and
fatality parsers. The profiles are in tests/conftest.py: 60 examples per test by default,
``--hypothesis-profile=long`` (or ``EVENTCODER_HYPOTHESIS_PROFILE=long``) for 2,000.

Each crash these tests found is kept as an explicit example (``@example`` on the property) with
the minimal input hypothesis shrank it to; docs/reliability.md lists them.
"""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis", reason="hypothesis (the dev extra) is not installed")
