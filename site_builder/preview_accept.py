"""Accepting the preview's connections, backing off when file descriptors run out."""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Callable



# ---- accepting connections when file descriptors run out --------------------------------------

# accept() errors that mean "this process (or the system) has no room for another connection
# now", not "this connection is bad": the connection stays queued and the socket stays readable.
_OUT_OF_ROOM = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
ACCEPT_PAUSES = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0)   # seconds; the last repeats while it lasts


class Acceptor:
    """Accepts connections on one listening socket, as tornado's add_accept_handler does, and
    backs off when the process is out of file descriptors.

    tornado lets EMFILE escape its accept loop; the listening socket is still readable, so the
    loop called it again at once: 100 % CPU and 15 MB/s of tracebacks. Here the socket is taken
    out of the loop for a pause that grows while the shortage lasts, and one line is logged."""

    def __init__(self, sock: socket.socket, handle: Callable[[socket.socket, object], None], loop,
                 say: Callable[[str], None]) -> None:
        self.sock = sock
        self.handle = handle
        self.loop = loop
        self.say = say
        self.pauses = 0        # consecutive pauses; 0 while accepting normally
        self.closed = False
        self._listen()

    def _listen(self) -> None:
        from tornado.ioloop import IOLoop

        self.loop.add_handler(self.sock, self._ready, IOLoop.READ)

    def _ready(self, fd: object, events: int) -> None:
        for _ in range(128):     # a bounded batch, as tornado does, so other work is not starved
            if self.closed:
                return
            try:
                connection, address = self.sock.accept()
            except BlockingIOError:
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:
                if exc.errno not in _OUT_OF_ROOM:
                    raise
                self._pause(exc)
                return
            self.pauses = 0
            self.handle(connection, address)

    def _pause(self, exc: OSError) -> None:
        delay = ACCEPT_PAUSES[min(self.pauses, len(ACCEPT_PAUSES) - 1)]
        self.pauses += 1
        self.say(f"server: cannot accept connections: {exc.strerror}; waiting for some to close "
                 "(raise the limit with 'ulimit -n')")
        self.loop.remove_handler(self.sock)
        self.loop.call_later(delay, self._resume)

    def _resume(self) -> None:
        if not self.closed:
            self._listen()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            try:
                self.loop.remove_handler(self.sock)
            except (KeyError, ValueError):
                pass
            self.sock.close()


def _say_once() -> Callable[[str], None]:
    """A printer to stderr that prints each distinct message once per session."""
    said: set[str] = set()

    def say(text: str) -> None:
        if text not in said:
            said.add(text)
            print(text, file=sys.stderr, flush=True)
    return say
