"""``eventcoder eval``: accuracy tables on evaluation corpora."""

from __future__ import annotations

from . import LazyGroup

eval_group = LazyGroup(
    name="eval",
    help="Score eventcoder on evaluation corpora and print a table.\n\n"
         "Example:\n\n    eventcoder eval events --corpus case2021 "
         "../shared/data/events/case2021-task2-dev.tsv",
    lazy={"geoparse": "eventcoder.eval.geoparse:command",
          "events": "eventcoder.eval.corpora:command",
          "audit": "eventcoder.eval.audit:command",
          "dedup": "eventcoder.eval.dedup:command"},
)
