"""The commands for work that outlives a request: video tasks and batches.

`videos generate` / `batches run` submit the work; with ``--wait`` (or later, with `videos wait ID`
and `batches wait ID`) they follow it with a progress line and print the result. Ctrl-C or a
timeout stops the waiting, not the work: the message says how to resume. `batches results ID`
prints the output (or ``--errors``: the error file) of a batch that has ended.
"""

from __future__ import annotations

import argparse
import base64
import mimetypes
import os
from typing import TYPE_CHECKING

import zai
from zai import NOT_GIVEN, NotGiven

from ._commands import emit, given, poll_interval, print_json, require_file, status_text
from ._output import CommandError, Console, UsageError
from ._progress import Progress

if TYPE_CHECKING:
    from zai_api.models.async_result import AsyncResult
    from zai_api.models.batch import Batch

__all__ = ["batches_results", "batches_run", "batches_wait", "videos_generate", "videos_wait"]

VIDEO_POLL_INTERVAL = 2.0
BATCH_POLL_INTERVAL = 5.0
BATCH_PENDING = ("validating", "in_progress", "finalizing", "cancelling")


def _progress(console: Console, label: str, units: str = "") -> Progress:
    return Progress(label, stream=None if console.quiet else console.stderr, units=units)


# ---------------------------------------------------------------------- videos


def _image_source(value: str) -> str:
    """A URL as given; a local file as a base64 ``data:`` URL."""
    if "://" in value or value.startswith("data:") or not os.path.isfile(value):
        return value
    mime = mimetypes.guess_type(value)[0] or "image/png"
    with open(value, "rb") as handle:
        return f"data:{mime};base64,{base64.b64encode(handle.read()).decode('ascii')}"


def videos_generate(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai videos generate PROMPT`: prints the task id, or with ``--wait`` the video URL(s)."""
    sources: list[str] = args.image_url or []
    images = [_image_source(value) for value in sources]
    image_url: str | list[str] | NotGiven = (images[0] if len(images) == 1 else images) if images else NOT_GIVEN
    task = client.videos.generations(
        model=args.model,
        prompt=args.prompt,
        image_url=image_url,
        size=given(args.size),
        duration=given(args.duration),
        quality=given(args.quality),
        with_audio=given(args.with_audio),
    )
    if not task.id:
        raise CommandError("the response holds no task id")
    if not args.wait:
        if args.json:
            print_json(console, task)
        else:
            console.print(task.id)
        return 0
    console.info(f"video task {task.id} submitted")
    return _wait_video(client, task.id, args, console)


def videos_wait(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai videos wait TASK_ID`: wait for a video task submitted earlier; prints the video URL(s)."""
    return _wait_video(client, args.task_id, args, console)


def _wait_video(client: zai.ZaiClient, task_id: str, args: argparse.Namespace, console: Console) -> int:
    interval = poll_interval(args, VIDEO_POLL_INTERVAL)
    with _progress(console, f"video {task_id}") as progress:

        def report(state: AsyncResult) -> None:
            progress.update(status_text(state.task_status))

        try:
            result = client.videos.wait(task_id, timeout=args.wait_timeout, poll_interval=interval, on_progress=report)
        except zai.WaitTimeoutError as error:
            raise CommandError(
                f"video task {task_id} is not done after {args.wait_timeout:g} s; it keeps running on the server"
                f" (resume with: zai videos wait {task_id})"
            ) from error
        except KeyboardInterrupt:
            progress.close()
            console.note(f"video task {task_id} keeps running on the server; resume with: zai videos wait {task_id}")
            raise
    if args.json:
        print_json(console, result)
    status = status_text(result.task_status)
    if status != "SUCCESS":
        raise CommandError(f"video task {task_id} ended with status {status}")
    if not args.json:
        urls = [item.url for item in result.video_result or [] if item.url]
        if not urls:
            raise CommandError(f"video task {task_id} succeeded without a video URL (try --json)")
        for url in urls:
            console.print(url)
    return 0


# ---------------------------------------------------------------------- batches


def _batch_error(batch: Batch) -> str:
    errors = batch.errors.data if batch.errors is not None else None
    for error in errors or []:
        if error.message:
            line = f" (line {error.line})" if error.line is not None else ""
            code = f"[{error.code}] " if error.code else ""
            more = f" and {len(errors or []) - 1} more" if len(errors or []) > 1 else ""
            return f": {code}{error.message}{line}{more}"
    return ""


def batches_run(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai batches run FILE.jsonl`: upload, create the batch, and with ``--wait`` fetch its output."""
    path = require_file(args.path)
    if args.output and not args.wait:
        raise UsageError("-o/--output needs --wait")
    if args.wait:
        poll_interval(args, BATCH_POLL_INTERVAL)  # a bad interval is reported before anything is sent
    uploaded = client.files.create(purpose="batch", file=path)
    if not uploaded.id:
        raise CommandError("the upload response holds no file id")
    batch = client.batches.create(endpoint=args.endpoint, input_file_id=uploaded.id)
    if not batch.id:
        raise CommandError("the batch response holds no batch id")
    if not args.wait:
        console.print(batch.id)
        return 0
    console.info(f"batch {batch.id} created from file {uploaded.id}")
    return _wait_batch(client, batch.id, args, console)


def batches_wait(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai batches wait BATCH_ID`: wait for a batch created earlier, then print its output."""
    return _wait_batch(client, args.batch_id, args, console)


def _wait_batch(client: zai.ZaiClient, batch_id: str, args: argparse.Namespace, console: Console) -> int:
    interval = poll_interval(args, BATCH_POLL_INTERVAL)
    with _progress(console, f"batch {batch_id}", units="requests") as progress:

        def report(state: Batch) -> None:
            counts = state.request_counts
            done = total = failed = None
            if counts is not None:
                failed = counts.failed
                total = counts.total
                if counts.completed is not None:
                    done = counts.completed + (counts.failed or 0)
            progress.update(status_text(state.status), done=done, total=total, failed=failed)

        try:
            batch = client.batches.wait(batch_id, timeout=args.wait_timeout, poll_interval=interval, on_progress=report)
        except zai.WaitTimeoutError as error:
            raise CommandError(
                f"batch {batch_id} is not done after {args.wait_timeout:g} s; it keeps running on the server"
                f" (resume with: zai batches wait {batch_id})"
            ) from error
        except KeyboardInterrupt:
            progress.close()
            console.note(f"batch {batch_id} keeps running on the server; resume with: zai batches wait {batch_id}")
            raise
    return _print_results(client, batch, args, console)


def batches_results(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai batches results BATCH_ID`: the output (or with ``--errors`` the error file) of an ended batch."""
    batch = client.batches.retrieve(args.batch_id)
    status = status_text(batch.status)
    if status in BATCH_PENDING:
        raise CommandError(f"batch {args.batch_id} is {status}; wait for it with: zai batches wait {args.batch_id}")
    if not args.errors:
        return _print_results(client, batch, args, console)
    if not batch.error_file_id:
        raise CommandError(f"batch {args.batch_id} has no error file (status {status})")
    emit(client.files.content(batch.error_file_id), args.output, console, f"errors {batch.error_file_id}")
    return 0


def _print_results(client: zai.ZaiClient, batch: Batch, args: argparse.Namespace, console: Console) -> int:
    """The output file of an ended batch to stdout or `-o`, a note on its error file, and its status."""
    batch_id = str(batch.id)
    status = status_text(batch.status)
    if batch.output_file_id:
        emit(client.files.content(batch.output_file_id), args.output, console, f"output {batch.output_file_id}")
        if args.output:
            console.info(f"output written to {args.output}")
    failed = batch.request_counts.failed if batch.request_counts is not None else None
    if batch.error_file_id and failed != 0:
        how_many = f"{failed} requests" if failed else "some requests"
        console.note(f"{how_many} failed; see them with: zai batches results {batch_id} --errors")
    if status != "completed":
        raise CommandError(f"batch {batch_id} ended with status {status}{_batch_error(batch)}")
    if not batch.output_file_id:
        raise CommandError(f"batch {batch_id} completed without an output file")
    return 0
