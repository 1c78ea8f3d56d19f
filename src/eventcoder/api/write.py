"""The endpoints that write: articles in (through the run path), and a reviewer's edits,
splits and merges. Each needs ``Authorization: Bearer <token>``; the token's user name goes
into the event's history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Path, Query
from fastapi.responses import Response
from pydantic import Field

from ..schema import Event
from .common import Ctx, User
from .jobs import KEPT_JOBS, Cancelled
from .models import (
    ArticleIn,
    ErrorOut,
    EventPatch,
    IngestResult,
    JobOut,
    MergeIn,
    SplitIn,
    SplitOut,
)

router = APIRouter()

#: OpenAPI "responses" entries (status -> model, description)
AUTH: dict[int | str, dict[str, Any]] = {401: {"model": ErrorOut, "description": "no token, or a wrong one"},
        403: {"model": ErrorOut, "description": "writes are disabled: no token configured"}}
INVALID: dict[int | str, dict[str, Any]] = {422: {"model": ErrorOut, "description": "an invalid body or value"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "no event with this id"}}
EventId = Annotated[str, Path(max_length=1000)]


def _json(model: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(model.model_dump_json(), status_code=status, headers=headers,
                    media_type="application/json")


@router.post("/api/articles", response_model=IngestResult, tags=["articles"], responses={
    202: {"model": JobOut, "description": "more articles than the server codes while you "
                                          "wait: a background job (see Location)"},
    413: {"model": ErrorOut, "description": "the body is larger than the server takes"},
    503: {"model": ErrorOut, "description": "the server is shutting down"},
    **AUTH, **INVALID})
def post_articles(
    ctx: Ctx, user: User,
    articles: Annotated[ArticleIn | Annotated[list[ArticleIn], Field(min_length=1)],
                        Body(description=("one article or a non-empty list, in the JSONL "
                                          "input contract's shape (docs/formats.md)"))],
    default_date: Annotated[dt.date | None, Query(alias="date", description=(
        "the publication date of articles that give none (as `eventcoder extract --date`)"))
    ] = None,
) -> Response:
    """Code articles into the store through the same run path as `eventcoder extract`:
    texts already stored are skipped (posting the same articles again adds nothing),
    near-duplicate copies are linked to their original, events are merged with stored
    reports of the same event. Answers what became of each article (its stored id, the
    events read from it, or why it was skipped) and the events added or changed. More
    articles than the server's `api_max_sync_articles` (default 20) become a background
    job: 202, with the job in the body and its URL in `Location`."""
    records = [a.model_dump(exclude_none=True) for a in
               (articles if isinstance(articles, list) else [articles])]
    if not records:
        raise HTTPException(422, "no articles: send one article object or a non-empty list")
    try:
        if len(records) > ctx.config.api_max_sync_articles:
            job = ctx.coder.submit(records, user=user, default_date=default_date)
            return _json(job.snapshot(), 202, {"Location": f"/api/jobs/{job.id}"})
        return _json(ctx.coder.run(records, user=user, default_date=default_date))
    except Cancelled:
        raise HTTPException(503, "the server is shutting down: post again later") from None


@router.get("/api/jobs/{job_id}", response_model=JobOut, tags=["articles"], responses={
    404: {"model": ErrorOut, "description": "no such job (the newest 200 finished jobs are "
                                            "kept)"}})
def get_job(ctx: Ctx, job_id: Annotated[str, Path(max_length=100)]) -> Response:
    """A background coding job: its state (queued, running, done, failed, cancelled), how
    many articles are settled, and when done the same result as a direct answer. Any
    server process on the database answers; a job whose process has stopped is failed."""
    job = ctx.coder.job(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id[:100]!r} (the newest {KEPT_JOBS} finished "
                                 "jobs are kept)")
    return _json(job)


def _resolve(ctx: Ctx, event_id: str) -> str:
    found = ctx.store.resolve_id(event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    return found


@router.patch("/api/events/{event_id}", response_model=Event, tags=["review"],
              responses={**AUTH, **INVALID, **NOT_FOUND})
def edit_event(ctx: Ctx, user: User, event_id: EventId, patch: EventPatch) -> Response:
    """Correct fields of an event or set its review status (auto, reviewed, rejected), with
    a comment; the change, the token's user and the comment go into its history. An id
    merged into another event edits that event."""
    changes = patch.model_dump(exclude_unset=True)
    comment = changes.pop("comment", None)
    if not changes:
        raise HTTPException(422, "nothing to change: give at least one field (or status)")
    event = ctx.store.edit_event(_resolve(ctx, event_id), changes, user=user, comment=comment)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    return _json(event)


@router.post("/api/events/{event_id}/split", response_model=SplitOut, tags=["review"],
             responses={**AUTH, **INVALID, **NOT_FOUND})
def split_event(ctx: Ctx, user: User, event_id: EventId, body: SplitIn) -> Response:
    """A reviewer's split: the reports `article_ids` of the event tell another event. They
    become an event of their own (splitting off exactly what a merge brought in restores
    the absorbed event under its id); the two are never merged again by dedup."""
    done = ctx.store.split_event(_resolve(ctx, event_id), body.article_ids, user=user,
                                 comment=body.comment)
    if done is None:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    return _json(SplitOut(kept=done[0], split_off=done[1]))


@router.post("/api/events/merge", response_model=Event, tags=["review"], responses={
    409: {"model": ErrorOut, "description": "already one event, or the absorbed event is "
                                            "rejected"}, **AUTH, **INVALID, **NOT_FOUND})
def merge_events(ctx: Ctx, user: User, body: MergeIn) -> Response:
    """A reviewer's merge: `absorbed` becomes part of `survivor`, which keeps its id (the
    absorbed id then finds it) and follows the one merge policy. Answers the merged event."""
    if body.survivor == body.absorbed:
        raise HTTPException(422, "survivor and absorbed are the same event")
    survivor, absorbed = _resolve(ctx, body.survivor), _resolve(ctx, body.absorbed)
    if survivor == absorbed:
        raise HTTPException(409, f"{body.absorbed} and {body.survivor} are already one event "
                                 f"({survivor})")
    statuses = ctx.store.event_statuses([survivor, absorbed])
    if statuses.get(absorbed) == "rejected" and statuses.get(survivor) != "rejected":
        # the merge policy takes a human status from either side: the survivor would be
        # rejected too
        raise HTTPException(409, f"{absorbed} is rejected: merging it would make {survivor} "
                                 "rejected too (set its status to auto first)")
    merged = ctx.store.merge_events(survivor, absorbed, score=1.0, reasons=["human"],
                                    user=user, cause="human", comment=body.comment)
    if merged is None:
        raise HTTPException(404, "one of the events is no longer stored")
    return _json(merged)
