"""The async client's way into its connection pool: a gate for bursts and a guard against cancellation.

Two upstream problems of httpx 0.28 on httpcore 1.0 (both open there), and what the SDK does about them:

- **Bursts larger than the pool.** httpcore's pool does work proportional to its requests times
  its connections whenever a request arrives or finishes, so a burst of thousands of calls slows to
  a crawl. The SDK admits at most `max_connections` requests into the pool at a time (`Gate`); the
  others wait in a first-in, first-out queue that costs a future each. A generated method waits
  for its place before it builds its request (`AsyncAPIClient._place`), so a waiting call holds
  only its arguments, not a request body and `_request`'s frame too. A request waits at the gate
  at most the pool timeout *without progress*: it fails with `httpx.PoolTimeout` only if no place
  was released for that long, so a long queue that keeps moving is never cut short, while a pool
  held by connections nobody releases still fails. Requests also enter the pool one at a time,
  each until its connection has started on it (`PoolPolicy.entry`): httpcore hands every waiting
  request the first idle connection it sees, and when several get the same one, all but one are
  refused and go round again, at the same cost each time.
- **Cancellation (encode/httpcore#1093).** A task cancelled at certain points leaves a connection
  that the pool never reclaims; enough of them and every later call fails with a pool timeout. The
  points are between the pool handing a request a connection and the connection starting on it,
  and inside the closing of a response (and cancelling a connect or a TLS handshake can leave its
  socket to the garbage collector). The SDK sends each attempt in a task of its own (`send`). A
  cancelled caller leaves at once; the attempt is cancelled in the background (`_stop`) when it is
  between sending its request and closing its response, where httpcore cleans up after it (as its
  `trace` extension reports), or else let run to that point or to its end. Responses are closed
  in a task of their own, so a caller cancelled while closing does not cut the close short. A
  caller cancelled while waiting at the gate simply leaves the queue.

The gate and guard apply to the SDK's own `httpx.AsyncClient` and to one passed as `http_client`
whose transport is a plain `httpx.AsyncHTTPTransport` (its pool's size is read from it); other
transports are used as they are. Requests sent on the same `httpx.AsyncClient` outside the SDK
bypass the gate.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections import deque
from collections.abc import AsyncIterator
from typing import Any, Callable

import httpx

__all__ = ["Gate", "Place", "PoolPolicy", "policy_for", "send"]

# httpcore trace events that open and close the stretch in which cancelling an attempt is safe:
# from sending the request until its response starts closing, httpcore closes the response and,
# if need be, the connection on the way out. (Cancelling a connect or a TLS handshake is not safe:
# anyio and httpcore can leave the new socket to the garbage collector.)
_SAFE_FROM = frozenset({"http11.send_request_headers.started", "http2.send_request_headers.started"})
_SAFE_UNTIL = frozenset({"http11.response_closed.started", "http2.response_closed.started"})
# Events that show a connection has started on the request: from here no other request can be
# handed the same idle connection, so the next one may enter the pool.
_STARTED = frozenset(
    {
        "connection.connect_tcp.started",
        "connection.connect_unix_socket.started",
        "http11.send_request_headers.started",
        "http2.send_request_headers.started",
    }
)


class Gate:
    """At most `limit` holders at a time; the others wait in order. Not bound to an event loop.

    A waiter fails with `httpx.PoolTimeout` when no place was released for its `timeout` seconds
    since it joined. One watchdog timer serves all the waiters (not one timer each: a burst of
    tens of thousands of calls waits here).
    """

    __slots__ = ("_in_use", "_last_release", "_limit", "_waiters", "_watchdog")

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._in_use = 0
        # (future, timeout or None, when it joined); cancelled waiters stay until they are reached.
        self._waiters: deque[tuple[asyncio.Future[None], float | None, float]] = deque()
        self._last_release = 0.0
        self._watchdog: asyncio.AbstractEventLoop | None = None  # the loop the watchdog timer is on

    @property
    def in_use(self) -> int:
        return self._in_use

    @property
    def waiting(self) -> int:
        return sum(1 for waiter, _, _ in self._waiters if not waiter.done())

    async def acquire(self, timeout: float | None = None) -> Place:
        """Take a place; wait in line if there is none. The `Place` returned can give it back."""
        if self._in_use < self._limit and not self._waiters:
            self._in_use += 1
            return Place(self)
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append((waiter, timeout, time.monotonic()))
        # (A watchdog left on another, finished event loop never fires: start one on this loop.)
        if timeout is not None and self._watchdog is not loop:
            self._watchdog = loop
            loop.call_later(max(timeout, 0.0), self._watch)
        try:
            await waiter
        except BaseException:
            # Handed a place while being cancelled: pass it on.
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.release()
            raise
        return Place(self)

    def release(self) -> None:
        """Give back a place: to the first in line, if any."""
        self._last_release = time.monotonic()
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()[0]
            # Skipped: waiters cancelled, or left behind by an event loop that has finished.
            if not waiter.done() and not waiter.get_loop().is_closed() and self._hand(waiter):
                return
        self._in_use -= 1

    def _hand(self, waiter: asyncio.Future[None]) -> bool:
        """Give the place to `waiter`; False if its event loop closed meanwhile."""
        loop = waiter.get_loop()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            waiter.set_result(None)
            return True
        # A waiter of another thread's loop (one client used by `asyncio.run` in several threads):
        # a future is set from its own loop's thread, which this also wakes.
        try:
            loop.call_soon_threadsafe(self._arrive, waiter)
        except RuntimeError:  # that loop has closed
            return False
        return True

    def _arrive(self, waiter: asyncio.Future[None]) -> None:
        if waiter.done():  # cancelled on the way: pass the place on
            self.release()
        else:
            waiter.set_result(None)

    def _watch(self) -> None:
        """Fail the waiters that saw no place released for their timeout; come back for the rest."""
        self._watchdog = None
        loop = asyncio.get_running_loop()
        now = time.monotonic()
        due: float | None = None
        for waiter, timeout, joined in self._waiters:
            if timeout is None or waiter.done():
                continue
            deadline = max(joined, self._last_release) + timeout
            if deadline <= now:
                waiter.set_exception(httpx.PoolTimeout(f"No connection was released for {timeout:g} s"))
            elif due is None or deadline < due:
                due = deadline
        if due is not None:
            self._watchdog = loop
            loop.call_later(due - now, self._watch)


class Place:
    """A place taken at the gate (`Gate.acquire`), before a request was built: the call's first
    attempt uses it (`take()`), and `leave()` gives it back if no attempt did."""

    __slots__ = ("_gate",)

    def __init__(self, gate: Gate) -> None:
        self._gate: Gate | None = gate

    def take(self) -> bool:
        taken = self._gate is not None
        self._gate = None
        return taken

    def leave(self) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.release()


class PoolPolicy:
    """How the SDK sends on one `httpx.AsyncClient`: through a gate (or none), guarded or not."""

    __slots__ = ("entry", "gate", "guarded", "stopping")

    def __init__(self, gate: Gate | None, guarded: bool) -> None:
        self.gate = gate
        self.guarded = guarded
        # One request at a time enters httpcore's pool, until its connection starts on it: else
        # several are handed the same idle connection, all but one are refused, and each refusal
        # costs another pass over the pool (a burst of 1,000 streams made 8 passes per request).
        self.entry = Gate(1)
        # Attempts whose caller was cancelled, being wound down in the background.
        self.stopping: set[asyncio.Task[None]] = set()

    async def settle(self) -> None:
        """Wait until the attempts of cancelled calls have wound down (before closing the pool)."""
        while self.stopping:
            await asyncio.gather(*self.stopping, return_exceptions=True)


_POLICIES: weakref.WeakKeyDictionary[httpx.AsyncClient, PoolPolicy] = weakref.WeakKeyDictionary()
_PLAIN = PoolPolicy(None, guarded=False)


def policy_for(http: httpx.AsyncClient, limits: httpx.Limits | None = None) -> PoolPolicy:
    """The policy of `http`, shared by every SDK client on it; `limits` when the SDK created it."""
    policy = _POLICIES.get(http)
    if policy is None:
        size = limits.max_connections if limits is not None else _pool_size(http)
        policy = _PLAIN if size is False else PoolPolicy(Gate(size) if size else None, guarded=True)
        _POLICIES[http] = policy
    return policy


def _pool_size(http: httpx.AsyncClient) -> int | bool | None:
    """`max_connections` of a plain httpx transport's pool (None: unlimited), or False if unknown."""
    transport: Any = getattr(http, "_transport", None)
    if type(transport) is not httpx.AsyncHTTPTransport:
        return False
    size: object = getattr(getattr(transport, "_pool", None), "_max_connections", False)
    if size is None:
        return None
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        return size
    return False


class _Attempt:
    """Where one attempt is, as httpcore's trace reports it."""

    __slots__ = ("admitted", "chained", "safe", "signal")

    def __init__(self, chained: Any, admitted: Callable[[], None]) -> None:
        self.chained = chained
        self.admitted: Callable[[], None] | None = admitted
        self.safe = False
        self.signal: asyncio.Future[None] | None = None

    def leave_entry(self) -> None:
        admitted, self.admitted = self.admitted, None
        if admitted is not None:
            admitted()

    async def trace(self, name: str, info: dict[str, Any]) -> None:
        if name in _STARTED:
            self.leave_entry()
        if name in _SAFE_FROM:
            self.safe = True
            if self.signal is not None and not self.signal.done():
                self.signal.set_result(None)
        elif name in _SAFE_UNTIL:
            self.safe = False
        if self.chained is not None:
            await self.chained(name, info)


class _GuardedStream(httpx.AsyncByteStream):
    """A response body whose close runs in a task of its own, then gives back the gate's place."""

    def __init__(self, inner: httpx.AsyncByteStream, done: Callable[[], None] | None) -> None:
        self._inner = inner
        self._done = done
        self._closing: asyncio.Task[None] | None = None

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._inner.__aiter__()

    async def aclose(self) -> None:
        if self._closing is None:
            self._closing = asyncio.get_running_loop().create_task(self._inner.aclose())
            if self._done is not None:
                done = self._done
                self._closing.add_done_callback(lambda _: done())
        await asyncio.shield(self._closing)


async def send(
    http: httpx.AsyncClient, request: httpx.Request, *, stream: bool, policy: PoolPolicy, place: Place | None = None
) -> httpx.Response:
    """One attempt: the response, with its body read and closed unless `stream` (and it succeeded).

    The attempt takes its place at the gate from `place` if it still holds one, else waits for one.
    """
    gate = policy.gate
    if gate is not None and (place is None or not place.take()):
        timeouts: Any = request.extensions.get("timeout") or {}
        await gate.acquire(timeouts.get("pool"))
    if not policy.guarded:
        return await _exchange(http, request, stream, gate, guarded=False)
    entry = policy.entry
    try:
        await entry.acquire()
    except BaseException:
        if gate is not None:
            gate.release()
        raise
    chained = request.extensions.get("trace")
    attempt = _Attempt(chained, entry.release)
    request.extensions["trace"] = attempt.trace
    loop = asyncio.get_running_loop()
    task = loop.create_task(_exchange(http, request, stream, gate, guarded=True))

    def done(_: object) -> None:  # registered before `shield`'s own callback: runs before the caller resumes
        attempt.leave_entry()
        _untrace(request, chained)

    task.add_done_callback(done)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        # The caller goes at once; the attempt is stopped in the background, at a safe point.
        stopper = loop.create_task(_stop(task, attempt))
        policy.stopping.add(stopper)
        stopper.add_done_callback(policy.stopping.discard)
        raise


def _untrace(request: httpx.Request, chained: Any) -> None:
    if chained is None:
        request.extensions.pop("trace", None)
    else:
        request.extensions["trace"] = chained


async def _exchange(
    http: httpx.AsyncClient, request: httpx.Request, stream: bool, gate: Gate | None, *, guarded: bool
) -> httpx.Response:
    """Send; then either hand over the open body (its close gives back the gate's place) or read it."""
    try:
        response = await http.send(request, stream=True)
        if stream and response.is_success:
            if guarded or gate is not None:
                inner: Any = response.stream
                response.stream = _GuardedStream(inner, None if gate is None else gate.release)
            return response
        try:
            await response.aread()
        finally:
            await response.aclose()
    except BaseException:
        if gate is not None:
            gate.release()
        raise
    if gate is not None:
        gate.release()
    return response


async def _stop(task: asyncio.Task[httpx.Response], attempt: _Attempt) -> None:
    """Cancel the attempt at a point where httpcore cleans up after it, or let it end; then close
    a response it produced."""
    while not task.done():
        if attempt.safe:
            task.cancel()
            break
        attempt.signal = asyncio.get_running_loop().create_future()
        await asyncio.wait((task, attempt.signal), return_when=asyncio.FIRST_COMPLETED)
    await asyncio.wait((task,))
    if not task.cancelled() and task.exception() is None:
        await task.result().aclose()
