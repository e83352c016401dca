"""The build's second process: it loads Anki's backend, shares the extraction, and checks the written package.

Loading Anki's backend (and factdeck's checking code) takes about a tenth of a second, and a build of
mid-sized notes spends most of its time extracting notes one by one. ``AheadCheck.start(share=…)`` forks one
process that loads the backend, then takes notes from the same queue as the build (``take``) until none is
left and sends back what it extracted (``shared``), then waits for the package the build writes, checks it
and sends back the ``CheckResult`` that ``check.check_deck`` gives in one process (``check``). Without
``share`` it only loads the backend and checks.

It is only an overlap: ``start()`` returns None where forking is not safe or gains nothing (not Linux, other
threads running, Anki already loaded here, ``FACTDECK_JOBS=1``); when anything goes wrong in the other
process, ``shared()`` leaves out what it did not send (the build extracts those notes itself) and
``check()`` returns None (the build checks in its own process). The build's own process never imports the
checking code unless it checks itself.
"""
from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import threading
from pathlib import Path
from typing import Callable, Iterator

QUEUE_ITEMS = 1000
"""The queue of shared items is written whole before the other process starts, so it must fit the smallest
pipe buffer (one page of 4-byte records): at most this many items are shared."""


class AheadCheck:
    """A forked process that loads Anki's backend, may share a list of items, then checks one package."""

    def __init__(self, pid: int, send: int, receive: int, queue: int):
        self._pid, self._send, self._receive, self._queue = pid, send, receive, queue

    @classmethod
    def start(cls, share: Callable[[int], object] | None = None, items: int = 0) -> AheadCheck | None:
        if not sys.platform.startswith("linux") or not hasattr(os, "fork") or threading.active_count() > 1 \
                or "anki._backend" in sys.modules or os.environ.get("FACTDECK_JOBS", "").strip() == "1":
            return None
        queue = _queue(items) if share is not None and 2 <= items <= QUEUE_ITEMS else -1
        path_r, path_w = os.pipe()
        result_r, result_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (path_r, path_w, result_r, result_w, queue):
                if fd >= 0:
                    os.close(fd)
            return None
        if pid == 0:  # the other process: never returns
            os.close(path_w)
            os.close(result_r)
            _child(path_r, result_w, share if queue >= 0 else None, queue)
        os.close(path_r)
        os.close(result_w)
        return cls(pid, path_w, result_r, queue)

    @property
    def sharing(self) -> bool:
        return self._queue >= 0

    def take(self) -> Iterator[int]:
        """The items this process is to do: the next one left in the queue, until none is."""
        if self._queue < 0:
            return
        while record := os.read(self._queue, 4):  # a pipe hands each 4-byte record to one reader
            yield struct.unpack("<I", record)[0]
        os.close(self._queue)
        self._queue = -1

    def shared(self) -> dict[int, object]:
        """What the other process did of the shared items, by item (waits for it; empty when it failed)."""
        done = self._message()
        return done if isinstance(done, dict) else {}

    def check(self, apkg: Path):
        """``check.check_deck(apkg)`` done by the other process (a ``CheckResult``), or None: check here."""
        from .check import CheckResult

        if self._send < 0:
            return None
        try:
            os.write(self._send, os.fsencode(str(Path(apkg).resolve())))
        except OSError:
            pass
        self._close_send()
        result = self._message()
        self.close()
        return result if isinstance(result, CheckResult) else None

    def _message(self):
        """The next message the other process sends (a length, then a pickle), or None: it failed or ended."""
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
        """End the other process (it stops when it is sent no package) and wait for it."""
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


def _read(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left and (chunk := os.read(fd, min(left, 1 << 20))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _send(fd: int, value) -> None:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    view = memoryview(struct.pack("<Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _child(path_r: int, result_w: int, share: Callable[[int], object] | None, queue: int) -> None:
    """Load Anki's backend, do shared items while any are left, wait for the package, check it; then exit."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build, which closes the pipes
        from .check import check_deck
        from .render import load_backend

        load_backend()
        if share is not None:
            done = {}
            while record := os.read(queue, 4):
                index = struct.unpack("<I", record)[0]
                done[index] = share(index)
            _send(result_w, done)
        chunks = []
        while chunk := os.read(path_r, 1 << 16):
            chunks.append(chunk)
        if chunks:
            _send(result_w, check_deck(Path(os.fsdecode(b"".join(chunks)))))
    except BaseException:  # the build does the rest in its own process, and reports what is wrong there
        code = 1
    finally:
        os._exit(code)  # no clean-up of the build's state, no flush of its buffers: they are the build's
