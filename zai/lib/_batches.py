"""From any number of requests to their results, through the Batch API, in constant memory.

`run_batch` reads the requests (an iterable, or a JSONL file) into shard files on disk, checking
each one; uploads each shard streamed from disk and creates a batch for it, at most
`max_concurrent_batches` running at a time; polls them until they finish; and returns a `BatchRun`
whose results are read line by line from streamed downloads. With a `state_file` the ids of the
uploaded files and created batches are recorded as they are made, so running it again after a
crash, Ctrl-C or timeout resumes waiting instead of paying twice. `arun_batch` is the async twin.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Callable, Literal, Union

from zai import _base_client

from ._batch_plan import Plan
from ._batch_results import BatchResult, InputOrder, LineSplitter, parse_line
from ._batch_spool import BatchRequests, Spooler, expected_ids
from ._batch_state import UNSUCCESSFUL, BatchProgress, BatchShard, ShardTotals, StateFile

if TYPE_CHECKING:
    from zai import AsyncZaiClient, ZaiClient
    from zai_api.models import Batch

__all__ = [
    "DEFAULT_ENDPOINT",
    "MAX_CONCURRENT_BATCHES",
    "MAX_BYTES_PER_BATCH",
    "MAX_REQUESTS_PER_BATCH",
    "AsyncBatchRun",
    "BatchRun",
    "arun_batch",
    "run_batch",
]

DEFAULT_ENDPOINT = "/v4/chat/completions"
# The platform's documented limits for one batch input file: 50,000 requests and 100 MB.
MAX_REQUESTS_PER_BATCH = 50_000
MAX_BYTES_PER_BATCH = 100 * 1000 * 1000
MAX_CONCURRENT_BATCHES = 4
# A resumed run looks this far back in the list of batches for one created from its file.
_ADOPT_SCAN = 1000
_CHUNK = 256 * 1024

Order = Literal["input", "arrival"]
PathLike = Union[str, "os.PathLike[str]"]


# ---------------------------------------------------------------------------------------- preparing


class _Prepared:
    """The spooled shards of a run, their temporary directory and its schedule."""

    def __init__(
        self,
        requests: BatchRequests,
        *,
        endpoint: str,
        completion_window: str,
        metadata: Mapping[str, str] | None,
        max_requests_per_batch: int,
        max_bytes_per_batch: int,
        max_concurrent_batches: int,
        state_file: PathLike | None,
        validate: bool,
        poll_interval: float,
        timeout: float | None,
        on_progress: Callable[[BatchProgress], object] | None,
        spool_dir: PathLike | None,
    ) -> None:
        self.state = StateFile(state_file) if state_file is not None else None
        # The arguments are checked before the requests are read (which may take a while).
        self.plan = Plan(
            (),
            endpoint=endpoint,
            completion_window=completion_window,
            metadata=metadata,
            max_concurrent=max_concurrent_batches,
            poll_interval=poll_interval,
            timeout=timeout,
            state=self.state,
            on_progress=on_progress,
        )
        self.directory = tempfile.mkdtemp(prefix="zai-batch-", dir=os.fspath(spool_dir) if spool_dir else None)
        try:
            spooler = Spooler(
                self.directory,
                endpoint=endpoint,
                max_requests=max_requests_per_batch,
                max_bytes=max_bytes_per_batch,
                validate=validate,
                digest=self.state is not None,
            )
            self.plan.shards = spooler.spool(requests)
        except BaseException:
            self.discard()
            raise

    def start(self) -> None:
        """Adopt what the state file records (or create it), and report the spooled requests."""
        plan = self.plan
        if self.state is not None and self.state.adopt(plan.shards, plan.endpoint):
            plan.report("resumed")
        else:
            plan.save()
            plan.report("spooled")
        plan.begin()

    def discard(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def _missing_reason(shard: BatchShard) -> tuple[str, str]:
    if shard.batch_id is None:
        return "batch_not_started", "its batch was not started (an earlier batch of the run failed)"
    if shard.status in UNSUCCESSFUL:
        return f"batch_{shard.status}", f"batch {shard.batch_id} ended {shard.status} before this request was done"
    return "missing", f"batch {shard.batch_id} returned no line for this request"


class _RunBase(ShardTotals):
    """What `BatchRun` and `AsyncBatchRun` share: the shards, the totals, the temporary files."""

    def __init__(self, shards: Sequence[BatchShard], directory: str) -> None:
        self.shards = list(shards)
        self._directory = directory
        self._finalizer = weakref.finalize(self, shutil.rmtree, directory, ignore_errors=True)

    @property
    def batches(self) -> list[Batch]:
        """The last polled state of each shard's batch (shards never started have none)."""
        return [shard.batch for shard in self.shards if shard.batch is not None]

    def _check_order(self, order: str) -> None:
        if order not in ("input", "arrival"):
            raise ValueError(f"order must be 'input' or 'arrival', not {order!r}")

    def _merger(self, shard: BatchShard) -> InputOrder:
        stash = os.path.join(self._directory, f"batch-{shard.index:05d}.held")
        where = f"the results of batch {shard.batch_id}"
        return InputOrder(expected_ids(shard), stash, where, *_missing_reason(shard))

    def __repr__(self) -> str:
        if not hasattr(self, "shards"):
            return f"{type(self).__name__}()"
        return (
            f"{type(self).__name__}(batches={len(self.shards)}, total={self.total}, "
            f"completed={self.completed}, failed={self.failed})"
        )


class _Joined:
    """Files written one after the other into `handle`, as they are: only when one does not end with
    a line break, the next starts with one (so its first line stays a line of its own)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.last = b"\n"

    def next_file(self) -> None:
        if self.last != b"\n":
            self.handle.write(b"\n")
            self.last = b"\n"

    def write(self, chunk: bytes) -> None:
        if chunk:
            self.handle.write(chunk)
            self.last = chunk[-1:]


def _upload(shard: BatchShard, content: IO[bytes]) -> tuple[str, IO[bytes], str]:
    """The file argument of a shard's upload: streamed from disk, named, typed (no guessing)."""
    return (os.path.basename(shard.path), content, "application/jsonl")


def _where(kind: str, file_id: str, shard: BatchShard) -> str:
    return f"the {kind} file {file_id} of batch {shard.batch_id}"


# ---------------------------------------------------------------------------------------- sync


class BatchRun(_RunBase):
    """A finished run: its shards (`shards`, `batches`), the counts, and its results.

    ``for result in run`` (or ``run.results()``) yields a `BatchResult` per request, in input
    order, downloading and parsing the output and error files line by line; `results(order=
    "arrival")` yields the lines as they are read instead. `save()` writes the output and error
    files to disk as they come. `close()` (or a ``with`` block) removes the run's temporary files.
    """

    def __init__(self, client: ZaiClient, shards: Sequence[BatchShard], directory: str) -> None:
        super().__init__(shards, directory)
        self._client = client

    def results(self, order: Order = "input") -> Iterator[BatchResult]:
        """Every request's result; see the class docstring for the two orders."""
        self._check_order(order)
        for shard in self.shards:
            for ready in self._shard_results(shard, order):
                yield from ready

    def __iter__(self) -> Iterator[BatchResult]:
        return self.results()

    def _shard_results(self, shard: BatchShard, order: Order) -> Iterator[list[BatchResult]]:
        """A shard's results, a list per chunk read."""
        output, errors = shard.output_file_id, shard.error_file_id
        if order == "arrival":
            for kind, file_id in (("output", output), ("error", errors)):
                if file_id:
                    where = _where(kind, file_id, shard)
                    for lines in self._lines(file_id):
                        yield [parse_line(line, where) for line in lines]
            return
        merger = self._merger(shard)
        try:
            if errors:
                for lines in self._lines(errors):
                    merger.hold(lines)
            if output:
                for lines in self._lines(output):
                    yield merger.push(lines)
            yield from merger.end()
        finally:
            merger.close()

    def _lines(self, file_id: str) -> Iterator[list[bytes]]:
        """The lines of a file as it downloads, a list per chunk."""
        splitter = LineSplitter()
        with self._client.files.content(file_id) as response:
            for chunk in response.iter_bytes(_CHUNK):
                yield splitter.feed(chunk)
        yield splitter.end()

    def save(self, output: PathLike | None = None, errors: PathLike | None = None) -> None:
        """Write every shard's output file to `output` and error file to `errors`, streamed to disk."""
        for path, name in ((output, "output_file_id"), (errors, "error_file_id")):
            if path is not None:
                with open(path, "wb") as handle:
                    joined = _Joined(handle)
                    for shard in self.shards:
                        file_id = getattr(shard, name)
                        if file_id:
                            joined.next_file()
                            with self._client.files.content(file_id) as response:
                                for chunk in response.iter_bytes(_CHUNK):
                                    joined.write(chunk)

    def close(self) -> None:
        """Remove the run's temporary files (the results can no longer be put in input order)."""
        self._finalizer()

    def __enter__(self) -> BatchRun:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def run_batch(
    client: ZaiClient,
    requests: BatchRequests,
    *,
    endpoint: str = DEFAULT_ENDPOINT,
    completion_window: str = "24h",
    metadata: Mapping[str, str] | None = None,
    max_requests_per_batch: int = MAX_REQUESTS_PER_BATCH,
    max_bytes_per_batch: int = MAX_BYTES_PER_BATCH,
    max_concurrent_batches: int = MAX_CONCURRENT_BATCHES,
    state_file: PathLike | None = None,
    validate: bool = True,
    poll_interval: float = 10.0,
    timeout: float | None = None,
    on_progress: Callable[[BatchProgress], object] | None = None,
    spool_dir: PathLike | None = None,
) -> BatchRun:
    """Run `requests` through the Batch API, in as many batches as the platform's limits require.

    `requests` is an iterable of request bodies (``{"model": ..., "messages": [...]}``, custom
    ids ``request-0``, ``request-1``, ... by position) or of batch lines (``{"custom_id": ...,
    "body": {...}}``), or the path of a JSONL file of either. Every request is checked before
    anything is uploaded (`BatchValidationError` lists the bad ones). Returns once every batch
    has finished; raises `BatchShardError` (with `.run`) if some failed or expired, and
    `zai.WaitTimeoutError` after `timeout` seconds (default: no limit; each batch ends within its
    `completion_window`). See docs/files-and-batches.md.

        with run_batch(client, requests, state_file="run.state.json", on_progress=print) as run:
            for result in run:
                print(result.custom_id, result.body if result.ok else result.error)
    """
    prepared = _Prepared(
        requests,
        endpoint=endpoint,
        completion_window=completion_window,
        metadata=metadata,
        max_requests_per_batch=max_requests_per_batch,
        max_bytes_per_batch=max_bytes_per_batch,
        max_concurrent_batches=max_concurrent_batches,
        state_file=state_file,
        validate=validate,
        poll_interval=poll_interval,
        timeout=timeout,
        on_progress=on_progress,
        spool_dir=spool_dir,
    )
    try:
        prepared.start()
        _drive(client, prepared.plan)
    except BaseException:
        prepared.discard()
        raise
    run = BatchRun(client, prepared.plan.shards, prepared.directory)
    prepared.plan.check(run)
    return run


def _drive(client: ZaiClient, plan: Plan) -> None:
    """Start, poll and wait until every shard has finished. The pauses go through the SDK's one sleep
    for polls and retries, which tests (and the docs' runner) replace to skip waiting."""
    while True:
        for shard in plan.to_start():
            _start(client, plan, shard)
        polling = plan.to_poll()
        if not polling:
            return
        for shard in polling:
            plan.polled(shard, client.batches.retrieve(str(shard.batch_id)))
        if not plan.to_start():  # when a batch finished and made room, the next one starts at once
            if not plan.to_poll():
                return
            _base_client.sleep(plan.pause())


def _start(client: ZaiClient, plan: Plan, shard: BatchShard) -> None:
    if shard.file_id is None:
        with open(shard.path, "rb") as content:
            plan.uploaded(shard, client.files.create(file=_upload(shard, content), purpose="batch"))
    else:
        # Resumed after the upload: the batch may have been created before the state file could say so.
        for seen, batch in enumerate(client.batches.list(limit=100)):
            if batch.input_file_id == shard.file_id:
                plan.created(shard, batch)
                return
            if seen >= _ADOPT_SCAN:
                break
    plan.created(shard, client.batches.create(**plan.create_arguments(shard)))


# ---------------------------------------------------------------------------------------- async


class AsyncBatchRun(_RunBase):
    """The asynchronous twin of `BatchRun`: ``async for result in run``, ``await run.save(...)``."""

    def __init__(self, client: AsyncZaiClient, shards: Sequence[BatchShard], directory: str) -> None:
        super().__init__(shards, directory)
        self._client = client

    async def results(self, order: Order = "input") -> AsyncIterator[BatchResult]:
        """Every request's result; see `BatchRun` for the two orders."""
        self._check_order(order)
        for shard in self.shards:
            async for ready in self._shard_results(shard, order):
                for result in ready:
                    yield result

    def __aiter__(self) -> AsyncIterator[BatchResult]:
        return self.results()

    async def _shard_results(self, shard: BatchShard, order: Order) -> AsyncIterator[list[BatchResult]]:
        """A shard's results, a list per chunk read."""
        output, errors = shard.output_file_id, shard.error_file_id
        if order == "arrival":
            for kind, file_id in (("output", output), ("error", errors)):
                if file_id:
                    where = _where(kind, file_id, shard)
                    async for lines in self._lines(file_id):
                        yield [parse_line(line, where) for line in lines]
            return
        merger = self._merger(shard)
        try:
            if errors:
                async for lines in self._lines(errors):
                    merger.hold(lines)
            if output:
                async for lines in self._lines(output):
                    yield merger.push(lines)
            for ready in merger.end():
                yield ready
        finally:
            merger.close()

    async def _lines(self, file_id: str) -> AsyncIterator[list[bytes]]:
        """The lines of a file as it downloads, a list per chunk."""
        splitter = LineSplitter()
        async with await self._client.files.content(file_id) as response:
            async for chunk in response.iter_bytes(_CHUNK):
                yield splitter.feed(chunk)
        yield splitter.end()

    async def save(self, output: PathLike | None = None, errors: PathLike | None = None) -> None:
        """Write every shard's output file to `output` and error file to `errors`, streamed to disk."""
        for path, name in ((output, "output_file_id"), (errors, "error_file_id")):
            if path is not None:
                with open(path, "wb") as handle:
                    joined = _Joined(handle)
                    for shard in self.shards:
                        file_id = getattr(shard, name)
                        if file_id:
                            joined.next_file()
                            async with await self._client.files.content(file_id) as response:
                                async for chunk in response.iter_bytes(_CHUNK):
                                    joined.write(chunk)

    def close(self) -> None:
        """Remove the run's temporary files (the results can no longer be put in input order)."""
        self._finalizer()

    async def __aenter__(self) -> AsyncBatchRun:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()


async def arun_batch(
    client: AsyncZaiClient,
    requests: BatchRequests,
    *,
    endpoint: str = DEFAULT_ENDPOINT,
    completion_window: str = "24h",
    metadata: Mapping[str, str] | None = None,
    max_requests_per_batch: int = MAX_REQUESTS_PER_BATCH,
    max_bytes_per_batch: int = MAX_BYTES_PER_BATCH,
    max_concurrent_batches: int = MAX_CONCURRENT_BATCHES,
    state_file: PathLike | None = None,
    validate: bool = True,
    poll_interval: float = 10.0,
    timeout: float | None = None,
    on_progress: Callable[[BatchProgress], object] | None = None,
    spool_dir: PathLike | None = None,
) -> AsyncBatchRun:
    """The asynchronous twin of `run_batch`. The requests are read and spooled in a worker thread,
    so the event loop keeps running; uploads and polls of concurrent batches run concurrently.

        async with await arun_batch(client, requests, state_file="run.state.json") as run:
            async for result in run:
                ...
    """
    import asyncio  # noqa: PLC0415  (only the async runner pays for importing asyncio)

    prepared = await asyncio.to_thread(
        _Prepared,
        requests,
        endpoint=endpoint,
        completion_window=completion_window,
        metadata=metadata,
        max_requests_per_batch=max_requests_per_batch,
        max_bytes_per_batch=max_bytes_per_batch,
        max_concurrent_batches=max_concurrent_batches,
        state_file=state_file,
        validate=validate,
        poll_interval=poll_interval,
        timeout=timeout,
        on_progress=on_progress,
        spool_dir=spool_dir,
    )
    try:
        prepared.start()
        await _adrive(client, prepared.plan)
    except BaseException:
        prepared.discard()
        raise
    run = AsyncBatchRun(client, prepared.plan.shards, prepared.directory)
    prepared.plan.check(run)
    return run


async def _gather(*calls: Awaitable[Any]) -> list[Any]:
    """Run `calls` concurrently to the end, then raise the first failure: a sibling's batch created
    meanwhile is recorded, never abandoned half-way."""
    import asyncio  # noqa: PLC0415

    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return outcomes


async def _adrive(client: AsyncZaiClient, plan: Plan) -> None:

    while True:
        await _gather(*(_astart(client, plan, shard) for shard in plan.to_start()))
        polling = plan.to_poll()
        if not polling:
            return
        states = await _gather(*(client.batches.retrieve(str(shard.batch_id)) for shard in polling))
        for shard, batch in zip(polling, states):
            plan.polled(shard, batch)
        if not plan.to_start():
            if not plan.to_poll():
                return
            await _base_client.async_sleep(plan.pause())


async def _astart(client: AsyncZaiClient, plan: Plan, shard: BatchShard) -> None:
    if shard.file_id is None:
        with open(shard.path, "rb") as content:
            plan.uploaded(shard, await client.files.create(file=_upload(shard, content), purpose="batch"))
    else:
        seen = 0
        async for batch in await client.batches.list(limit=100):
            if batch.input_file_id == shard.file_id:
                plan.created(shard, batch)
                return
            seen += 1
            if seen > _ADOPT_SCAN:
                break
    plan.created(shard, await client.batches.create(**plan.create_arguments(shard)))
