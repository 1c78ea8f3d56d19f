"""Parsing with a time cap: web pages and feeds are parsed in a helper process that is stopped
when it takes too long.

Hostile markup can make a parser take minutes on a small file: libxml2 checks each of a tag's
attributes against the others (300,000 attributes on one tag: minutes), justext and htmldate
walk what it builds, and none of it can be interrupted from Python while it runs in C. So the
HTML and feed readers hand their bytes to :func:`run_capped`, which runs the parse in one
long-lived helper process (started on first use) and kills it when it has not answered within
the cap; the next document starts a new one. The caller gets :class:`ParseTimeout` and skips
that document with a reason.

The helper is a plain ``python -c`` subprocess speaking length-prefixed pickles over its
standard input and output, not a :mod:`multiprocessing` child: those re-import the caller's
``__main__`` (a script without an ``if __name__ == "__main__"`` guard would run again) and
cannot be started from a daemonic process (a worker of a process pool). Log records the parse
emits on the ``eventcoder`` loggers (a date not understood) are sent back and emitted again in
the calling process, so they reach its handlers as before.

With a cap of 0, or where no helper can be started (not POSIX, no processes to be had), the
function runs in this process without a cap.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

T = TypeVar("T")

#: The loggers whose records a parse in the helper sends back (and their children).
FORWARDED_LOGGER = "eventcoder"
_HEADER = struct.Struct("!Q")
#: what the helper says once it has imported :data:`PRELOAD`
_READY = b"R"
#: modules the helper imports before it says it is ready
PRELOAD = ("eventcoder.ingest.readers", "trafilatura", "feedparser", "lxml.html")
#: seconds a new helper may take to start and import :data:`PRELOAD` (not counted in a cap)
STARTUP_SECONDS = 120.0


class ParseTimeout(Exception):
    """The parse did not finish within its cap; the helper process was stopped."""


class ParseCrashed(Exception):
    """The helper process died while parsing (killed from outside, out of memory)."""


# -- the helper's side -------------------------------------------------------------------------

class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _read_exactly(stream: IO[bytes], n: int) -> bytes | None:
    data = stream.read(n)
    return data if len(data) == n else None


def serve() -> None:
    """The helper's loop (``python -c``): ``(func, args)`` in, ``(ok, value, log records)``
    out, until its standard input closes."""
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a print in a library must not corrupt the replies
    logger = logging.getLogger(FORWARDED_LOGGER)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    for name in PRELOAD:  # imported now, so that no parse's time cap pays for them
        try:
            __import__(name)
        except ImportError:
            pass
    out.write(_READY)
    out.flush()
    while True:
        header = _read_exactly(inp, _HEADER.size)
        if header is None:
            return
        body = _read_exactly(inp, _HEADER.unpack(header)[0])
        if body is None:
            return
        handler = _Collect()
        logger.addHandler(handler)
        try:
            func, args = pickle.loads(body)
            reply: tuple[bool, Any] = (True, func(*args))
        except Exception as exc:  # sent back, raised there as the parse's own error
            reply = (False, exc)
        finally:
            logger.removeHandler(handler)
        try:
            data = pickle.dumps((*reply, handler.records), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an unpicklable result or exception
            data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}"),
                                 handler.records))
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()


# -- the caller's side -------------------------------------------------------------------------

class _Helper:
    """The helper process of this process (one; a lock keeps callers in turn)."""

    def __init__(self) -> None:
        # the folder eventcoder is imported from, so the helper imports the same code
        # whether or not it is installed
        where = str(Path(__file__).resolve().parents[2])
        code = (f"import sys; sys.path.insert(0, {where!r}); "
                "from eventcoder.ingest.sandbox import serve; serve()")
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, close_fds=True)
        self.pid = os.getpid()  # the process that started it (a fork must not share it)
        self.ready = False

    def wait_ready(self) -> None:
        """Wait for the helper's imports (once): they are no parse's time."""
        if not self.ready:
            assert self.process.stdout is not None
            deadline = time.monotonic() + STARTUP_SECONDS
            try:
                said = self._receive(self.process.stdout.fileno(), len(_READY), deadline,
                                     STARTUP_SECONDS)
            except ParseTimeout:
                said = b""
            if said != _READY:
                raise ParseCrashed("the parsing process did not start")
            self.ready = True

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, func: Callable[..., Any], args: tuple[Any, ...], seconds: float
             ) -> tuple[bool, Any, list[tuple[str, int, str]]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.wait_ready()
        data = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.write(_HEADER.pack(len(data)) + data)
        self.process.stdin.flush()
        deadline = time.monotonic() + seconds
        fd = self.process.stdout.fileno()
        header = self._receive(fd, _HEADER.size, deadline, seconds)
        body = self._receive(fd, _HEADER.unpack(header)[0], deadline, seconds)
        reply: tuple[bool, Any, list[tuple[str, int, str]]] = pickle.loads(body)
        return reply

    @staticmethod
    def _receive(fd: int, n: int, deadline: float, seconds: float) -> bytes:
        chunks: list[bytes] = []
        while n > 0:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ParseTimeout(f"took longer than {seconds:g} s")
            chunk = os.read(fd, min(n, 1 << 20))
            if not chunk:
                raise ParseCrashed("the parsing process died")
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


_lock = threading.Lock()
_helper: _Helper | None = None


def run_capped(func: Callable[..., T], *args: Any, seconds: float) -> T:
    """``func(*args)`` in the helper process, stopped after ``seconds``.

    func: a module-level function (it is pickled by name), args and result picklable.
    RAISES ParseTimeout: not done within ``seconds`` (the helper is stopped);
        ParseCrashed: the helper died; whatever ``func`` raised, as it raised it.
    """
    if seconds <= 0 or os.name != "posix":
        return func(*args)
    global _helper
    with _lock:
        if _helper is not None and (_helper.pid != os.getpid() or not _helper.alive()):
            if _helper.pid == os.getpid():
                _helper.stop()
            _helper = None  # a fork's copy of the parent's helper is not ours to use
        if _helper is None:
            try:
                _helper = _Helper()
            except OSError:  # no processes to be had: parse here, uncapped
                return func(*args)
        helper = _helper
        try:
            ok, value, records = helper.call(func, args, seconds)
        except (ParseTimeout, ParseCrashed, OSError, EOFError, pickle.UnpicklingError) as exc:
            helper.stop()
            _helper = None
            if isinstance(exc, ParseTimeout | ParseCrashed):
                raise
            raise ParseCrashed(f"the parsing process died ({type(exc).__name__})") from None
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)
    if ok:
        return value
    raise value


def stop_helper() -> None:
    """Stop this process's helper, if it runs (it also ends when this process ends: its
    standard input closes)."""
    global _helper
    with _lock:
        if _helper is not None and _helper.pid == os.getpid():
            _helper.stop()
        _helper = None


atexit.register(stop_helper)
