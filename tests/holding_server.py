"""A tiny HTTP/1.1 server whose event streams do not end when their events do.

Every request gets the same chunked event stream; after the last event the server keeps the body
open for up to `hold` seconds (sending a `: keep-alive` comment every `keep_alive` seconds, if
given) before ending it, unless the client hangs up first. It records which of the two happened,
and how many connections it accepted, so that tests can tell "the client stopped reading at the
end marker" from "the client waited for the server" without measuring time.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from types import TracebackType

__all__ = ["HoldingServer"]


class HoldingServer:
    def __init__(self, events: list[bytes], *, hold: float, keep_alive: float | None = None) -> None:
        self.events = events
        self.hold = hold
        self.keep_alive = keep_alive
        self.ended = threading.Event()  # the server ended a body itself, after holding it
        self.hung_up = threading.Event()  # the client closed the connection while the server held the body
        self.connections = 0
        self.requests = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._threads: list[threading.Thread] = []
        self._stopping = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}/api/paas/v4"

    def __enter__(self) -> HoldingServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._stopping = True
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=self.hold + 5)

    def _accept(self) -> None:
        while not self._stopping:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            reader = connection.makefile("rb")
            while not self._stopping:
                length = 0
                line = reader.readline()
                if not line:
                    return
                while line not in (b"\r\n", b"\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                    line = reader.readline()
                reader.read(length)
                self.requests += 1
                if not self._answer(connection):
                    return

    def _answer(self, connection: socket.socket) -> bool:
        """Send the stream; False when the client hung up."""
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            b"Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n"
        )
        try:
            connection.sendall(head + b"".join(_chunk(event) for event in self.events))
            if self.hold and not self._hold(connection):
                self.hung_up.set()
                return False
            connection.sendall(b"0\r\n\r\n")
        except OSError:
            self.hung_up.set()
            return False
        if self.hold:
            self.ended.set()
        return True

    def _hold(self, connection: socket.socket) -> bool:
        deadline = time.monotonic() + self.hold
        interval = self.keep_alive or 0.02
        while not self._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return True
            readable, _, _ = select.select([connection], [], [], min(interval, remaining))
            if readable:
                try:
                    if not connection.recv(1, socket.MSG_PEEK):
                        return False  # end of file: the client closed its side
                except OSError:
                    return False
            if self.keep_alive:
                connection.sendall(_chunk(b": keep-alive\n\n"))
        return True


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)
