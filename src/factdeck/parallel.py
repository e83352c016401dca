"""Work on large inputs spread over forked worker processes, results in order (the same as in one process).

Only the pure, per-item stages use it (extracting one note, checking one rendered card): each item's
result depends on that item alone, so the output does not depend on how many workers there are.
``FACTDECK_JOBS`` sets the number of processes (1: none); by default large inputs use every core.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")

_WORK: Callable[[int], object] | None = None
"""The function the forked workers call with an item's index (they inherit it: only indexes are sent to them)."""


def jobs(large: bool, items: int) -> int:
    """Worker processes for ``items`` items: 1 (none) unless the input is ``large`` (or FACTDECK_JOBS says)."""
    if not large and not os.environ.get("FACTDECK_JOBS", "").strip().isdigit():
        return 1
    # fork only where it is the platform's own way; elsewhere, and for one item, no workers
    if items < 2 or "fork" not in multiprocessing.get_all_start_methods() or not can_fork():
        return 1
    return max(1, min(cores(), 8, items))


def _call(index: int) -> tuple[bool, object]:
    assert _WORK is not None
    try:
        return True, _WORK(index)
    except Exception:  # the item is done again in the parent, which raises the error itself, as in one process
        return False, None


def _ignore_interrupt() -> None:
    """Ctrl-C stops the parent, which ends the workers (they print no traceback of their own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(work: Callable[[int], T], items: int, workers: int) -> Iterator[T]:
    """``work(0)``, ``work(1)`` … ``work(items - 1)`` in order, in ``workers`` forked processes (or here)."""
    if workers <= 1:
        for i in range(items):
            yield work(i)
        return
    # the first item here: the workers then start with what it compiled and cached (regexes, word lists)
    yield work(0)
    global _WORK
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupt) as pool:
            chunk = max(1, min(64, items // (workers * 16)))
            for index, (ok, result) in enumerate(pool.imap(_call, range(1, items), chunksize=chunk), 1):
                yield result if ok else work(index)
    finally:
        _WORK = None


def cores() -> int:
    """Processors this process may run on (``FACTDECK_JOBS`` when set)."""
    wanted = os.environ.get("FACTDECK_JOBS", "").strip()
    if wanted.isdigit():
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is the platform's own way (Linux) and safe here (no other threads, whose locks a fork copies)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def shared_map(here: Callable[[int], T], there: Callable[[int], T], items: int) -> list[T]:
    """``[work(0) … work(items - 1)]`` shared with one forked process (a ``Partner``), for inputs too small for a
    pool of workers: this process calls ``here``, the other ``there`` (``here`` with a result cheaper to send back).
    When the other process fails in any way, the items it took are done here, so an error is raised here as in
    one process."""
    partner = Partner.start(share=there, items=items) if 2 <= items <= QUEUE_ITEMS else None
    if partner is None or not partner.sharing:
        if partner is not None:
            partner.close()
        return [here(i) for i in range(items)]
    try:
        return partner.gather(here, items)
    finally:
        partner.close()


QUEUE_ITEMS = 1000
"""A ``Partner``'s queue is written whole before the other process starts, so it must fit the smallest pipe
buffer (one page of 4-byte records): at most this many items are shared (more go through one process)."""


class Partner:
    """One forked process working beside this one: it runs ``prepare()``, takes items from a queue it shares with
    this process (``take``) and sends back what it did with ``share`` (``gather``), then answers one request with
    ``serve(request)`` (``ask``) and exits. Every step is optional; what the other process does not send back is
    None or missing, and the caller does it itself."""

    def __init__(self, pid: int, send: int, receive: int, queue: int):
        self._pid, self._send, self._receive, self._queue = pid, send, receive, queue

    @classmethod
    def start(cls, share: Callable[[int], object] | None = None, items: int = 0,
              prepare: Callable[[], None] | None = None,
              serve: Callable[[bytes], object] | None = None) -> Partner | None:
        if not can_fork():
            return None
        queue = _queue(items) if share is not None and 2 <= items <= QUEUE_ITEMS else -1
        request_r, request_w = os.pipe()
        result_r, result_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (request_r, request_w, result_r, result_w, queue):
                if fd >= 0:
                    os.close(fd)
            return None
        if pid == 0:  # the other process: never returns
            os.close(request_w)
            os.close(result_r)
            _partner(request_r, result_w, queue, share if queue >= 0 else None, prepare, serve)
        os.close(request_r)
        os.close(result_w)
        return cls(pid, request_w, result_r, queue)

    @property
    def sharing(self) -> bool:
        return self._queue >= 0

    def take(self) -> Iterator[int]:
        """The items this process is to do: the next one left in the queue, until none is."""
        if self._queue < 0:
            return
        yield from _take(self._queue)
        os.close(self._queue)
        self._queue = -1

    def shared(self) -> dict[int, object]:
        """What the other process did of the shared items, by item (waits for it; empty when it failed)."""
        done = self._message()
        return done if isinstance(done, dict) else {}

    def gather(self, here: Callable[[int], T], items: int) -> list[T]:
        """Every item in order: those this process takes done with ``here``, the others as sent back (or done
        here when they were not)."""
        results = {i: here(i) for i in self.take()}
        theirs = self.shared()
        return [results[i] if i in results else theirs[i] if i in theirs else here(i) for i in range(items)]

    def ask(self, request: bytes):
        """``serve(request)`` as the other process answers it, or None (it failed or has no ``serve``)."""
        if self._send < 0:
            return None
        try:
            os.write(self._send, request)
        except OSError:
            pass
        self._close_send()
        answer = self._message()
        self.close()
        return answer

    def _message(self):
        """The next message the other process sends (a length, then a pickle), or None: it failed or ended."""
        import pickle
        import struct

        if self._receive < 0:
            return None
        try:
            head = _read(self._receive, 8)
            body = _read(self._receive, struct.unpack("<Q", head)[0]) if len(head) == 8 else b""
            return pickle.loads(body) if body else None
        except Exception:
            self.close()
            return None

    def _close_send(self) -> None:
        if self._send >= 0:
            os.close(self._send)
            self._send = -1

    def close(self) -> None:
        """End the other process (it stops when it is sent no request) and wait for it."""
        self._close_send()
        for name in ("_receive", "_queue"):
            fd = getattr(self, name)
            if fd >= 0:
                os.close(fd)
                setattr(self, name, -1)
        if self._pid:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0


def _queue(items: int) -> int:
    """The read end of a pipe holding the item numbers 0 … items - 1, or -1 when they do not fit."""
    import struct

    read_end, write_end = os.pipe()
    data = struct.pack(f"<{items}I", *range(items))
    os.set_blocking(write_end, False)
    try:
        written = os.write(write_end, data)
    except OSError:
        written = 0
    os.close(write_end)
    if written != len(data):
        os.close(read_end)
        return -1
    return read_end


def _take(queue: int) -> Iterator[int]:
    import struct

    while record := os.read(queue, 4):  # a pipe hands each 4-byte record to one reader
        yield struct.unpack("<I", record)[0]


def _read(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left and (chunk := os.read(fd, min(left, 1 << 20))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _send(fd: int, value) -> None:
    import pickle
    import struct

    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    view = memoryview(struct.pack("<Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _partner(request_r: int, result_w: int, queue: int, share, prepare, serve) -> None:
    """The other process of a ``Partner``: prepare, do shared items while any are left, answer one request; exit."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which closes the pipes
        if prepare is not None:
            prepare()
        if share is not None:
            _send(result_w, {i: share(i) for i in _take(queue)})
        if serve is not None:
            request = _read_all(request_r)
            if request:
                _send(result_w, serve(request))
    except BaseException:  # the parent does the rest in its own process, and reports what is wrong there
        code = 1
    finally:
        os._exit(code)  # no clean-up of the parent's state, no flush of its buffers: they are the parent's


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)
