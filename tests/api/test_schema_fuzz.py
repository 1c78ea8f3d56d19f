"""Fuzz the HTTP API from its own OpenAPI schema (schemathesis, in the ``dev`` extra): every
operation gets requests generated from /openapi.json, with a valid token so the writes run
too, and no answer may be a 5xx or break the schema the API publishes (status codes,
content types, response bodies). Examples per operation are capped to keep this well under
a minute.

One of schemathesis' default checks is left out: that every request the schema allows is
accepted. Some rules are the API's and not the schema's (an event type must be ACLED's, in
any case; `since` no later than `until`; a merge of an event into itself), and break them
answers a readable 422, as it should."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ec_api import AUTH, CONFIG, TOKENS, FakePipeline, fill
from eventcoder.store import Store

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: F401  (starlette's warning, once)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from eventcoder.api import create_app

    path: Path = tmp_path_factory.mktemp("fuzz") / "events.db"
    with Store(f"sqlite:///{path}") as store:
        fill(store)
        app = create_app(store, config=CONFIG, tokens=TOKENS, pipeline=FakePipeline(),
                         static=False)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
        app.state.eventcoder.coder.close()


def _operations() -> list[str]:
    """The operations' labels, from a throwaway app (collection needs no store)."""
    from eventcoder.api import create_app

    with Store("sqlite://") as store:
        app = create_app(store, config=CONFIG, tokens=TOKENS, static=False)
        paths = app.openapi()["paths"]
        app.state.eventcoder.coder.close()
    return [f"{method.upper()} {path}" for path, ops in paths.items() for method in ops]


# (schemathesis' own @schema.parametrize / from_fixture do not run under pytest 9 yet: each
# operation is a hypothesis test here)
@pytest.mark.parametrize("label", _operations())
def test_no_5xx_and_answers_match_the_schema(api_schema: Any, label: str) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label

    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(max_examples=50, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(hypothesis.HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(headers=AUTH, excluded_checks=[positive_data_acceptance])

    run()
