from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import AsyncIterator
from typing import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from tests._hypothesis import examples
from zai._sse import ServerSentEvent, SSEDecoder, aiter_events, iter_events


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    return list(iter_events(chunks))


def test_single_data_event() -> None:
    assert decode(b'data: {"a": 1}\n\n') == [ServerSentEvent('{"a": 1}')]


def test_leading_space_is_removed_once() -> None:
    assert decode(b"data:  two spaces\n\n", b"data:none\n\n") == [
        ServerSentEvent(" two spaces"),
        ServerSentEvent("none"),
    ]


def test_multi_line_data_is_joined_with_lf() -> None:
    assert decode(b"data: first\ndata: second\n\n") == [ServerSentEvent("first\nsecond")]


def test_cr_lf_and_crlf_line_endings() -> None:
    assert decode(b"data: a\r\rdata: b\n\ndata: c\r\n\r\n") == [
        ServerSentEvent("a"),
        ServerSentEvent("b"),
        ServerSentEvent("c"),
    ]


def test_crlf_split_across_chunks_is_one_line_ending() -> None:
    assert decode(b"data: a\r", b"\n\r", b"\n") == [ServerSentEvent("a")]


def test_comments_are_ignored() -> None:
    assert decode(b": keep-alive\n\ndata: x\n: between\n\n") == [ServerSentEvent("x")]


def test_event_id_and_retry_fields() -> None:
    events = decode(b"event: error\nid: 7\nretry: 1500\ndata: boom\n\n")
    assert events == [ServerSentEvent("boom", event="error", id="7", retry=1500)]


def test_id_with_nul_and_non_digit_retry_are_ignored() -> None:
    assert decode(b"id: a\x00b\nretry: 1s\ndata: x\n\n") == [ServerSentEvent("x")]


def test_last_event_id_persists() -> None:
    assert [e.id for e in decode(b"id: 1\ndata: a\n\ndata: b\n\n")] == ["1", "1"]


def test_event_without_data_is_dropped_and_its_fields_reset() -> None:
    assert decode(b"event: ping\n\ndata: x\n\n") == [ServerSentEvent("x")]


def test_field_without_colon_and_unknown_fields() -> None:
    assert decode(b"data\nfoo: bar\n\n") == [ServerSentEvent("")]


def test_last_event_is_flushed_at_end_of_body() -> None:
    assert decode(b"data: a\n\ndata: tail") == [ServerSentEvent("a"), ServerSentEvent("tail")]


def test_multibyte_character_split_across_chunks() -> None:
    raw = "data: 你好\n\n".encode()
    assert decode(raw[:8], raw[8:]) == [ServerSentEvent("你好")]


def test_json_with_escaped_newlines_stays_one_event() -> None:
    assert decode(b'data: {"text": "a\\n\\nb"}\n\n') == [ServerSentEvent('{"text": "a\\n\\nb"}')]


def test_async_decoder_matches_sync() -> None:
    raw = [b"data: a\r", b"\ndata: b\n\n", b"event: e\ndata: c"]

    async def chunks() -> AsyncIterator[bytes]:
        for chunk in raw:
            yield chunk

    async def collect() -> list[ServerSentEvent]:
        return [event async for event in aiter_events(chunks())]

    assert asyncio.run(collect()) == decode(*raw)


_line_text = st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"]), max_size=20)
_field = st.one_of(
    st.builds(lambda v: f"data: {v}", _line_text),
    st.builds(lambda v: f"event: {v}", _line_text),
    st.builds(lambda v: f"id: {v}", _line_text),
    st.builds(lambda v: f"retry: {v}", st.integers(0, 10_000)),
    st.builds(lambda v: f": {v}", _line_text),
    st.just(""),
)
_ending = st.sampled_from(["\n", "\r", "\r\n"])


@settings(max_examples=examples(300), deadline=None)
@given(
    lines=st.lists(st.tuples(_field, _ending), max_size=25),
    cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=12),
)
def test_any_split_of_the_stream_yields_the_same_events(lines: list[tuple[str, str]], cuts: list[int]) -> None:
    raw = "".join(text + ending for text, ending in lines).encode()
    positions = sorted({min(cut, len(raw)) for cut in cuts})
    pieces = [raw[start:end] for start, end in zip([0, *positions], [*positions, len(raw)])]
    assert decode(*pieces) == decode(raw)


@settings(max_examples=examples(200), deadline=None)
@given(data=st.lists(_line_text, min_size=1, max_size=8), ending=_ending)
def test_data_lines_round_trip(data: list[str], ending: str) -> None:
    raw = "".join(f"data: {value}{ending}" for value in data) + ending
    for size in (1, 2, 7):
        chunks = [raw.encode()[i : i + size] for i in range(0, len(raw.encode()), size)]
        decoder = SSEDecoder()
        events = [event for chunk in chunks for event in decoder.feed(chunk)] + decoder.flush()
        assert events == [ServerSentEvent("\n".join(data))]


# ---------------------------------------------------------------------------------------------- CR line endings


def test_cr_only_event_is_dispatched_by_the_chunk_that_completes_it() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r\r") == [ServerSentEvent("a")]
    assert decoder.feed(b"data: b\r") == []
    assert decoder.feed(b"\r") == [ServerSentEvent("b")]


def test_crlf_split_after_a_dispatched_event_is_one_line_ending() -> None:
    decoder = SSEDecoder()
    # The CR ends the blank line at once; the LF that follows in the next chunk is the rest of that CRLF,
    # not a second blank line (which would be harmless) nor the start of a line.
    assert decoder.feed(b"data: a\r\n\r") == [ServerSentEvent("a")]
    assert decoder.feed(b"\ndata: b\r") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\r\n") == [ServerSentEvent("b")]
    assert decoder.flush() == []


# ---------------------------------------------------------------------------------------------- linear work


def _peak_allocation(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_feeding_a_chunk_costs_the_chunk_not_what_is_pending() -> None:
    # One 4 MiB line arriving in 16 KiB chunks: each feed must not copy the bytes already pending
    # (copying them every time makes one large event quadratic in its size).
    decoder = SSEDecoder()
    chunk = b"x" * 16384
    decoder.feed(b"data: ")
    for _ in range(256):
        decoder.feed(chunk)
    assert _peak_allocation(lambda: decoder.feed(chunk)) < 4 * len(chunk)
    events = decoder.feed(b"\n\n")
    assert len(events) == 1 and len(events[0].data) == 257 * len(chunk)


# ---------------------------------------------------------------------------------------------- a reference model


def _reference(raw: bytes) -> list[ServerSentEvent]:
    """The WHATWG rules applied to a whole body at once, line by line, written as plainly as possible."""
    events: list[ServerSentEvent] = []
    data: list[str] = []
    event: str | None = None
    last_id: str | None = None
    retry: int | None = None
    text = raw.decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in [*lines, ""]:
        if line == "":
            if data:
                events.append(ServerSentEvent("\n".join(data), event, last_id, retry))
            data, event, retry = [], None, None
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value
        elif name == "id" and "\0" not in value:
            last_id = value
        elif name == "retry" and value.isdigit() and value.isascii():
            retry = int(value)
    return events


@settings(max_examples=examples(300), deadline=None)
@given(
    lines=st.lists(st.tuples(_field, _ending), max_size=25),
    cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=12),
)
def test_decoder_matches_the_reference_for_any_split(lines: list[tuple[str, str]], cuts: list[int]) -> None:
    raw = "".join(text + ending for text, ending in lines).encode()
    positions = sorted({min(cut, len(raw)) for cut in cuts})
    pieces = [raw[start:end] for start, end in zip([0, *positions], [*positions, len(raw)])]
    assert decode(*pieces) == _reference(raw)


@settings(max_examples=examples(200), deadline=None)
@given(values=st.lists(_line_text, min_size=1, max_size=6), ending=_ending)
def test_one_event_per_chunk_matches_the_reference(values: list[str], ending: str) -> None:
    # The shape token streams use (one `data:` line and a blank line per chunk), with every line ending.
    chunks = [f"data: {value}{ending}{ending}".encode() for value in values]
    assert decode(*chunks) == _reference(b"".join(chunks))
