"""The batch runner (`zai.lib.run_batch` / `arun_batch`): streaming, sharding, ordering, validation,
progress, failures and resuming, each run sync and async.

`harness` runs against the session's `FakeZai`, whose batches really run the uploaded lines. `tuned`
runs against a server of this module answering with a `BatchFlow` (tests/batch_flow.py) for what the
platform may do and the fake does not: outputs out of order, lines missing, batches that fail or
expire.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest

from tests.batch_flow import BatchFlow
from tests.conftest import KEY, user
from zai import AsyncZaiClient, WaitTimeoutError, ZaiClient
from zai.lib import (
    AsyncBatchRun,
    BatchProgress,
    BatchResult,
    BatchRun,
    BatchShardError,
    BatchStateError,
    BatchValidationError,
    arun_batch,
    run_batch,
)
from zai.testing import FakeZai
from zai_api.models import ChatCompletion

ENDPOINT = "/v4/chat/completions"


def bodies(count: int) -> Iterator[dict[str, Any]]:
    """Request bodies from a generator: the runner never sees a list."""
    for number in range(count):
        yield {"model": "glm-4-flash", "messages": user(f"question {number}")}


def said(result: BatchResult) -> str:
    """What the fake's chat answered to: the user's message."""
    content: str = result.body["choices"][0]["message"]["content"]
    return content.split("You said: ", 1)[1].strip('"')


def echoed(result: BatchResult) -> dict[str, Any]:
    """What a `BatchFlow` answered: the request body it was given."""
    return json.loads(result.body["choices"][0]["message"]["content"])


def count(server: FakeZai, method: str, path: str) -> int:
    return sum(1 for request in server.requests if request.method == method and request.path == path)


class Outcome:
    def __init__(self, results: list[BatchResult], run: BatchRun | AsyncBatchRun | None, error: Exception | None):
        self.results = results
        self.run = run
        self.error = error

    @property
    def ids(self) -> list[str]:
        return [result.custom_id for result in self.results]


class Harness:
    """Runs the runner sync or async against `server`."""

    def __init__(self, is_async: bool, server: FakeZai, tmp_path: Path) -> None:
        self.is_async = is_async
        self.server = server
        self.tmp_path = tmp_path
        self.spool = tmp_path / "spool"
        self.spool.mkdir()

    def __repr__(self) -> str:
        return "async" if self.is_async else "sync"

    @contextlib.contextmanager
    def client(self) -> Iterator[ZaiClient]:
        # A plain-HTTP server needs no certificates: loading them costs 60 ms a client.
        with httpx.Client(verify=False) as http:
            yield ZaiClient(api_key=KEY, base_url=self.server.base_url, http_client=http)

    def run(
        self, requests: Any, *, order: str = "input", after: Callable[[Any], Any] | None = None, **kwargs: Any
    ) -> Outcome:
        """Run, read every result in `order`, and call `after(run)` while the client is open."""
        kwargs.setdefault("poll_interval", 0)
        kwargs.setdefault("spool_dir", self.spool)
        if not self.is_async:
            with self.client() as client:
                try:
                    run = run_batch(client, requests, **kwargs)
                except BatchShardError as error:
                    assert isinstance(error.run, BatchRun)
                    return Outcome(list(error.run.results(order)), error.run, error)  # type: ignore[arg-type]
                with run:
                    results = list(run.results(order))  # type: ignore[arg-type]
                    if after is not None:
                        after(run)
                    return Outcome(results, run, None)

        async def main() -> Outcome:
            async with httpx.AsyncClient(verify=False) as http:
                return await collect(AsyncZaiClient(api_key=KEY, base_url=self.server.base_url, http_client=http))

        async def collect(client: AsyncZaiClient) -> Outcome:
            async with client:
                try:
                    run = await arun_batch(client, requests, **kwargs)
                except BatchShardError as error:
                    assert isinstance(error.run, AsyncBatchRun)
                    results = [result async for result in error.run.results(order)]  # type: ignore[arg-type]
                    return Outcome(results, error.run, error)
                async with run:
                    results = [result async for result in run.results(order)]  # type: ignore[arg-type]
                    if after is not None:
                        awaited = after(run)
                        if asyncio.iscoroutine(awaited):
                            await awaited
                    return Outcome(results, run, None)

        return asyncio.run(main())


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def harness(request: pytest.FixtureRequest, server: FakeZai, tmp_path: Path) -> Harness:
    """Against the session's fake (reset for each test)."""
    return Harness(request.param, server, tmp_path)


@pytest.fixture(scope="module")
def flow_server() -> Iterator[FakeZai]:
    """A server of this module's own: the batch flow's routes stay installed on it."""
    with FakeZai() as fake:
        yield fake


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def tuned(request: pytest.FixtureRequest, flow_server: FakeZai, tmp_path: Path) -> Harness:
    """Against a `BatchFlow` (the test makes the one it needs)."""
    flow_server.reset()
    return Harness(request.param, flow_server, tmp_path)


def uploads(server: FakeZai) -> list[RecordedUpload]:
    return [RecordedUpload(request.body) for request in server.requests if request.path == "/paas/v4/files"]


class RecordedUpload:
    def __init__(self, body: bytes) -> None:
        self.body = body

    @property
    def lines(self) -> list[dict[str, Any]]:
        content = self.body.split(b"\r\n\r\n", 2)[-1].rsplit(b"\r\n--", 1)[0]
        return [json.loads(line) for line in content.splitlines()]


# ---------------------------------------------------------------------------------------- streaming and sharding


def test_requests_from_a_generator_are_sharded_and_come_back_in_input_order(harness: Harness) -> None:
    outcome = harness.run(bodies(7), max_requests_per_batch=3)

    assert outcome.ids == [f"request-{number}" for number in range(7)]
    assert all(result.ok for result in outcome.results)
    assert [said(result) for result in outcome.results] == [f"question {number}" for number in range(7)]
    sent = sorted((upload.lines for upload in uploads(harness.server)), key=lambda lines: lines[0]["custom_id"])
    assert [len(lines) for lines in sent] == [3, 3, 1]  # the async runner uploads them concurrently
    assert sent[0][0] == {"custom_id": "request-0", "method": "POST", "url": ENDPOINT, "body": next(bodies(1))}
    assert count(harness.server, "POST", "/paas/v4/batches") == 3
    assert outcome.run is not None
    assert [shard.first for shard in outcome.run.shards] == [0, 3, 6]
    assert (outcome.run.total, outcome.run.completed, outcome.run.failed) == (7, 7, 0)
    assert [batch.status for batch in outcome.run.batches] == ["completed"] * 3


def test_no_file_passes_the_bytes_limit(harness: Harness) -> None:
    line = len(json.dumps({"custom_id": "request-0", "method": "POST", "url": ENDPOINT, "body": next(bodies(1))}))
    outcome = harness.run(bodies(5), max_bytes_per_batch=2 * line + 10)

    assert sorted(len(upload.lines) for upload in uploads(harness.server)) == [1, 2, 2]
    assert outcome.ids == [f"request-{number}" for number in range(5)]


def test_concurrent_batches_stay_under_the_limit(harness: Harness) -> None:
    running: list[int] = []

    def watch(progress: BatchProgress) -> None:
        running.append(sum(1 for shard in progress.shards if shard.batch_id and not shard.finished))

    outcome = harness.run(bodies(10), max_requests_per_batch=2, max_concurrent_batches=2, on_progress=watch)

    assert count(harness.server, "POST", "/paas/v4/batches") == 5
    assert max(running) == 2
    assert len(outcome.results) == 10


def test_a_jsonl_file_of_batch_lines_is_sent_as_written(harness: Harness, tmp_path: Path) -> None:
    written = [
        '{"custom_id": "a", "method": "POST", "url": "/v4/chat/completions", "body": {"model": "m", "messages": []}}',
        "",
        json.dumps({"custom_id": "b", "body": {"model": "m", "messages": user("b")}}),
        json.dumps({"model": "m", "messages": user("c")}),
        json.dumps({"custom_id": "d", "body": {"model": "m", "messages": []}, "method": "POST", "x_new": 1}),
    ]
    path = tmp_path / "requests.jsonl"
    path.write_text("\n".join(written) + "\n", encoding="utf-8")

    outcome = harness.run(path)

    assert outcome.ids == ["a", "b", "request-2", "d"]
    (upload,) = uploads(harness.server)
    assert upload.body.split(b"\r\n\r\n", 2)[-1].startswith(written[0].encode() + b"\n")
    assert upload.lines[3] == {
        "custom_id": "d",
        "method": "POST",
        "url": ENDPOINT,
        "x_new": 1,
        "body": {"model": "m", "messages": []},
    }


# ---------------------------------------------------------------------------------------- results


def test_results_are_put_back_in_input_order_with_failures_and_missing_lines(tuned: Harness) -> None:
    BatchFlow(tuned.server, reverse=True, failing={"request-1", "request-4"}, dropped={"request-2"})
    outcome = tuned.run(bodies(6), max_requests_per_batch=4)

    assert outcome.ids == [f"request-{number}" for number in range(6)]
    assert [result.ok for result in outcome.results] == [True, False, False, True, False, True]
    assert outcome.results[1].error == {"code": "1214", "message": "bad request request-1"}
    assert outcome.results[1].status_code == 400
    assert outcome.results[2].error is not None and outcome.results[2].error["code"] == "missing"
    assert echoed(outcome.results[5]) == list(bodies(6))[5]


def test_a_failed_response_without_an_error_field_reports_its_body_error(tuned: Harness) -> None:
    BatchFlow(tuned.server, failing={"request-0"}, error_field=False)
    (result,) = tuned.run(bodies(1)).results
    assert not result.ok
    assert result.error == {"code": "1214", "message": "bad request request-0"}


def test_arrival_order_yields_the_lines_as_read(tuned: Harness) -> None:
    BatchFlow(tuned.server, reverse=True, failing={"request-1"})
    outcome = tuned.run(bodies(4), order="arrival")
    assert outcome.ids == ["request-3", "request-2", "request-0", "request-1"]


def test_failed_requests_come_with_their_error(harness: Harness) -> None:
    # The fake answers a body that asks to stream with a 400 (validate=False lets it through).
    requests = [*bodies(2), {"model": "m", "messages": user("x"), "stream": True}, *bodies(1)]
    outcome = harness.run(requests, validate=False)
    assert [result.ok for result in outcome.results] == [True, True, False, True]
    assert outcome.results[2].error == {"code": "1214", "message": "stream is not supported in a batch"}
    assert outcome.run is not None and (outcome.run.completed, outcome.run.failed) == (3, 1)


def test_results_parse_into_models(harness: Harness) -> None:
    (result,) = harness.run(bodies(1)).results
    completion = result.parse(ChatCompletion)
    assert completion.choices[0].message.content == 'This is the local Z.ai test server. You said: "question 0"'


def test_save_writes_the_output_and_error_files_to_disk(tuned: Harness, tmp_path: Path) -> None:
    flow = BatchFlow(tuned.server, failing={"request-1"})
    output, errors = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    outcome = tuned.run(bodies(5), max_requests_per_batch=2, after=lambda run: run.save(output=output, errors=errors))

    assert outcome.run is not None
    shards = outcome.run.shards
    assert output.read_bytes() == b"".join(flow.files[str(shard.output_file_id)] for shard in shards)
    assert errors.read_bytes() == flow.files[str(shards[0].error_file_id)]
    assert [shard.error_file_id for shard in shards[1:]] == [None, None]


def test_temporary_files_are_removed(harness: Harness) -> None:
    harness.run(bodies(3), max_requests_per_batch=2)
    assert os.listdir(harness.spool) == []


# ---------------------------------------------------------------------------------------- validation


def test_bad_requests_are_refused_before_anything_is_uploaded(harness: Harness) -> None:
    requests: list[Any] = [
        {"model": "m", "messages": []},
        {"model": "m"},
        {"model": "m", "messages": [], "temperature": "hot"},
        {"custom_id": "x", "method": "GET", "body": {"model": "m", "messages": []}},
        {"custom_id": "y", "url": "/v4/embeddings", "body": {"model": "m", "messages": []}},
        {"custom_id": "z", "body": {"model": "m", "messages": []}},
        {"custom_id": "z", "body": {"model": "m", "messages": []}},
        {"custom_id": "", "body": {}},
        "not a request",
        {"custom_id": "w", "body": ["not", "an", "object"]},
        {"model": "m", "messages": [], "stream": True},
    ]
    with pytest.raises(BatchValidationError) as caught:
        harness.run(requests)

    problems = [(problem.line, problem.custom_id) for problem in caught.value.problems]
    expected = [(2, "request-1"), (3, "request-2"), (4, "x"), (5, "y"), (7, "z"), (8, None), (9, None), (10, "w")]
    assert problems == [*expected, (11, "request-10")]
    assert caught.value.count == 9
    messages = str(caught.value)
    assert "request 2 ('request-1'): the body misses the required field 'messages'" in messages
    assert "request 3 ('request-2'): field 'temperature' must be a number, not a string" in messages
    assert "request 7 ('z'): this custom_id is already used in the same batch file" in messages
    assert "request 11 ('request-10'): a batch cannot stream its responses" in messages
    assert harness.server.requests == []
    assert os.listdir(harness.spool) == []


def test_bad_lines_of_a_file_are_refused_with_their_line_numbers(harness: Harness, tmp_path: Path) -> None:
    path = tmp_path / "requests.jsonl"
    path.write_text('{"model": "m", "messages": []}\n{"model": \n[1]\n', encoding="utf-8")
    with pytest.raises(BatchValidationError) as caught:
        harness.run(path)
    assert [problem.line for problem in caught.value.problems] == [2, 3]
    assert "not valid JSON" in caught.value.problems[0].message
    assert caught.value.problems[1].message == "a line must be a JSON object"


def test_a_request_larger_than_a_file_is_refused(harness: Harness) -> None:
    with pytest.raises(BatchValidationError, match="over the limit of 100 bytes per file"):
        harness.run([{"model": "m", "messages": user("x" * 200)}], max_bytes_per_batch=100)


def test_embeddings_bodies_are_checked_against_their_operation(harness: Harness) -> None:
    with pytest.raises(BatchValidationError, match="field 'dimensions' must be an integer, not a number"):
        harness.run([{"model": "embedding-3", "input": "x", "dimensions": 1.5}], endpoint="/v1/embeddings")


def test_validate_false_sends_bodies_unchecked(harness: Harness) -> None:
    outcome = harness.run([{"model": "m", "temperature": "hot"}], validate=False)
    assert uploads(harness.server)[0].lines[0]["body"] == {"model": "m", "temperature": "hot"}
    assert outcome.ids == ["request-0"]


# ---------------------------------------------------------------------------------------- progress and failures


def test_progress_reports_every_step_with_counts(tuned: Harness) -> None:
    BatchFlow(tuned.server, polls_to_finish=2, failing={"request-2"})
    seen: list[tuple[str, int | None, int, int, int]] = []

    def record(progress: BatchProgress) -> None:
        index = progress.shard.index if progress.shard is not None else None
        seen.append((progress.event, index, progress.completed, progress.failed, progress.finished_shards))

    tuned.run(bodies(3), max_requests_per_batch=2, max_concurrent_batches=1, on_progress=record)

    assert seen == [
        ("spooled", None, 0, 0, 0),
        ("uploaded", 0, 0, 0, 0),
        ("created", 0, 0, 0, 0),
        ("polled", 0, 1, 0, 0),
        ("finished", 0, 2, 0, 1),
        ("uploaded", 1, 2, 0, 1),
        ("created", 1, 2, 0, 1),
        ("polled", 1, 3, 0, 1),
        ("finished", 1, 2, 1, 2),
    ]


def test_both_twins_poll_and_pause_alike(tuned: Harness, sleeps: list[float]) -> None:
    # 5 shards, 2 running at a time, each batch done at its 3rd poll: three waves of 3 rounds each,
    # a pause between the rounds of a wave and none when a finished wave makes room for the next.
    flow = BatchFlow(tuned.server, polls_to_finish=3)
    tuned.run(bodies(9), max_requests_per_batch=2, max_concurrent_batches=2, poll_interval=1.5)

    retrieves = [r.path for r in tuned.server.requests if r.method == "GET" and r.path.startswith("/paas/v4/batches/")]
    assert len(retrieves) == 15
    assert sorted(flow.polls.values()) == [3] * 5
    assert sleeps == [1.5] * 6


def test_a_failed_batch_stops_the_run_with_a_typed_error(tuned: Harness) -> None:
    flow = BatchFlow(tuned.server, final={1: "failed"})
    outcome = tuned.run(bodies(6), max_requests_per_batch=2, max_concurrent_batches=1)

    assert isinstance(outcome.error, BatchShardError)
    assert [(shard.index, shard.status) for shard in outcome.error.shards] == [(1, "failed"), (2, None)]
    assert f"shard 1 (batch {flow.created[1]}) ended failed: bad file (line 1)" in str(outcome.error)
    assert "shard 2 was not started" in str(outcome.error)
    assert len(flow.created) == 2
    codes = [result.error["code"] if result.error else "ok" for result in outcome.results]
    assert codes == ["ok", "ok", "batch_failed", "batch_failed", "batch_not_started", "batch_not_started"]
    assert outcome.ids == [f"request-{number}" for number in range(6)]


def test_an_expired_batch_keeps_what_it_finished(tuned: Harness) -> None:
    flow = BatchFlow(tuned.server, final={0: "expired"})
    outcome = tuned.run(bodies(4))

    assert isinstance(outcome.error, BatchShardError)
    assert [result.ok for result in outcome.results] == [True, True, False, False]
    assert outcome.results[3].error == {
        "code": "batch_expired",
        "message": f"batch {flow.created[0]} ended expired before this request was done",
    }


def test_the_timeout_leaves_the_batches_running(harness: Harness) -> None:
    with pytest.raises(WaitTimeoutError, match="keep running"):
        harness.run(bodies(2), timeout=0)


# ---------------------------------------------------------------------------------------- resuming


class Crash(Exception):
    """Stands for the process dying (a crash, Ctrl-C) at a chosen moment."""


def crash_at(event: str, index: int) -> Callable[[BatchProgress], None]:
    def hook(progress: BatchProgress) -> None:
        if progress.event == event and progress.shard is not None and progress.shard.index == index:
            raise Crash(event)

    return hook


def test_a_rerun_after_a_crash_resumes_without_paying_twice(harness: Harness) -> None:
    state = harness.tmp_path / "run.state.json"
    with pytest.raises(Crash):
        harness.run(
            bodies(6),
            max_requests_per_batch=2,
            max_concurrent_batches=2,
            state_file=state,
            on_progress=crash_at("created", 1),
        )
    assert count(harness.server, "POST", "/paas/v4/batches") == 2
    assert len(uploads(harness.server)) == 2
    assert os.listdir(harness.spool) == []

    outcome = harness.run(bodies(6), max_requests_per_batch=2, state_file=state)

    assert count(harness.server, "POST", "/paas/v4/batches") == 3  # only the shard never started got one
    assert len(uploads(harness.server)) == 3
    assert outcome.ids == [f"request-{number}" for number in range(6)]
    assert all(result.ok for result in outcome.results)
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert [shard["status"] for shard in saved["shards"]] == ["completed"] * 3


def test_a_batch_created_before_the_state_was_saved_is_adopted(harness: Harness) -> None:
    state = harness.tmp_path / "run.state.json"
    with pytest.raises(Crash):
        harness.run(bodies(2), state_file=state, on_progress=crash_at("uploaded", 0))
    # The batch was created, but the process died before the state file recorded it.
    file_id = json.loads(state.read_text(encoding="utf-8"))["shards"][0]["file_id"]
    with harness.client() as client:
        client.batches.create(endpoint=ENDPOINT, input_file_id=file_id)

    outcome = harness.run(bodies(2), state_file=state)

    assert count(harness.server, "POST", "/paas/v4/batches") == 1
    assert len(uploads(harness.server)) == 1
    assert outcome.ids == ["request-0", "request-1"]


def test_a_finished_run_rerun_only_reads_its_results(harness: Harness) -> None:
    state = harness.tmp_path / "run.state.json"
    first = harness.run(bodies(3), state_file=state)
    again = harness.run(bodies(3), state_file=state)
    assert count(harness.server, "POST", "/paas/v4/batches") == 1
    assert [result.line for result in again.results] == [result.line for result in first.results]


def test_a_state_file_for_other_requests_is_refused(harness: Harness) -> None:
    state = harness.tmp_path / "run.state.json"
    harness.run(bodies(3), state_file=state)
    changed = ({"model": "glm-4-flash", "messages": user(f"QUESTION {number}")} for number in range(3))
    with pytest.raises(BatchStateError, match="was written for other requests: shard 0 differs in digest"):
        harness.run(changed, state_file=state)
    with pytest.raises(BatchStateError, match="records 1 shards, these requests make 2"):
        harness.run(bodies(3), state_file=state, max_requests_per_batch=2)
    state.write_text("{}", encoding="utf-8")
    with pytest.raises(BatchStateError, match="is not a batch run state file"):
        harness.run(bodies(3), state_file=state)


def test_a_callers_id_may_not_repeat_a_generated_one(harness: Harness) -> None:
    body = {"model": "m", "messages": []}
    requests = [body, body, {"custom_id": "request-1", "body": body}, {"custom_id": "request-4", "body": body}, body]
    with pytest.raises(BatchValidationError) as caught:
        harness.run(requests)
    assert [(problem.line, problem.custom_id) for problem in caught.value.problems] == [
        (3, "request-1"),
        (5, "request-4"),
    ]


def test_requests_may_be_models_and_mappings(harness: Harness) -> None:
    from types import MappingProxyType  # noqa: PLC0415

    from zai_api.models import ChatCompletionRequest  # noqa: PLC0415

    model = ChatCompletionRequest.from_dict({"model": "m", "messages": user("from a model")})
    outcome = harness.run([model, MappingProxyType({"model": "m", "messages": user("mapping")})])
    assert [said(result) for result in outcome.results] == ["from a model", "mapping"]


def test_requests_must_be_an_iterable_or_a_path(harness: Harness) -> None:
    with pytest.raises(TypeError, match="not dict"):
        harness.run({"model": "m", "messages": []})


def test_callers_ids_are_put_back_in_input_order(tuned: Harness) -> None:
    BatchFlow(tuned.server, reverse=True, failing={"b"})
    ids = ["z", "b", 'q"uote', "line\nbreak", "request-0"]
    outcome = tuned.run([{"custom_id": custom_id, "body": {"model": "m", "messages": []}} for custom_id in ids])
    assert outcome.ids == ids
    assert [result.ok for result in outcome.results] == [True, False, True, True, True]


def test_an_unknown_order_is_refused(harness: Harness) -> None:
    with pytest.raises(ValueError, match="order must be 'input' or 'arrival'"):
        harness.run(bodies(1), order="sorted")


# ---------------------------------------------------------------------------------------- the parts


def test_results_tell_success_from_failure() -> None:
    def result(line: dict[str, Any]) -> BatchResult:
        return BatchResult("x", line)

    assert result({"response": {"status_code": 200, "body": {"id": 1}}, "error": None}).ok
    assert result({"response": {"body": {"id": 1}}}).ok  # no status: a body without an error
    assert result({"response": {"body": {"error": {"code": "1"}}}}).error == {"code": "1"}
    assert result({"response": {"status_code": 500, "body": "oops"}}).error == {
        "code": "500",
        "message": "status 500",
        "body": "oops",
    }
    assert result({"error": "text"}).error == {"message": "text"}
    assert result({})
    assert result({}).error == {"code": "no_response", "message": "the line holds neither a response nor an error"}
    assert repr(result({"response": {"status_code": 200}})) == "BatchResult(custom_id='x', ok)"


def test_lines_are_cut_across_chunks() -> None:
    from zai.lib._batch_results import LineSplitter  # noqa: PLC0415

    splitter = LineSplitter()
    assert splitter.feed(b'{"a"') == []
    assert splitter.feed(b':1}\r\n\n  \n{"b":2}\n{"c"') == [b'{"a":1}\r', b'{"b":2}']
    assert splitter.end() == [b'{"c"']
    assert splitter.end() == []


def test_input_order_keeps_every_line(tmp_path: Path) -> None:
    from zai.lib._batch_results import InputOrder  # noqa: PLC0415

    def line(custom_id: str, n: int) -> bytes:
        return json.dumps({"custom_id": custom_id, "n": n}).encode()

    merger = InputOrder(iter(["a", "b", "c", "d"]), str(tmp_path / "held"), "the test file", "missing", "none")
    merger.hold([line("c", 0)])
    ready = merger.push([line("b", 1), line("a", 2), line("b", 3), line("x", 4)])
    rest = [result for chunk in merger.end(size=2) for result in chunk]
    merger.close()
    order = [(result.custom_id, result.line.get("n")) for result in ready + rest]
    assert order == [("a", 2), ("b", 1), ("c", 0), ("d", None), ("b", 3), ("x", 4)]
    assert rest[0].error == {"code": "missing", "message": "none"}
    assert not (tmp_path / "held").exists()


def test_an_unreadable_result_line_is_a_clear_error(tmp_path: Path) -> None:
    from zai.lib import BatchError  # noqa: PLC0415
    from zai.lib._batch_results import InputOrder  # noqa: PLC0415

    merger = InputOrder(iter(["a"]), str(tmp_path / "held"), "the output file f", "missing", "none")
    with pytest.raises(BatchError, match="the output file f holds a line that is not a JSON object with a custom_id"):
        merger.push([b"[1, 2]"])
    merger.close()


def test_no_requests_make_an_empty_run(harness: Harness) -> None:
    outcome = harness.run(iter([]))
    assert outcome.results == []
    assert outcome.run is not None and outcome.run.shards == []
    assert harness.server.requests == []


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ({"max_concurrent_batches": 0}, "max_concurrent_batches must be at least 1"),
        ({"poll_interval": -1}, "poll_interval must not be negative"),
        ({"max_requests_per_batch": 0}, "max_requests_per_batch must be at least 1"),
    ],
)
def test_bad_arguments_are_refused_before_the_requests_are_read(
    harness: Harness, argument: dict[str, Any], message: str
) -> None:
    def never() -> Iterator[dict[str, Any]]:
        raise AssertionError("the requests were read")
        yield {}

    with pytest.raises(ValueError, match=message):
        harness.run(never(), **argument)
    assert os.listdir(harness.spool) == []
