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
    wanted = os.environ.get("FACTDECK_JOBS", "").strip()
    if wanted.isdigit():
        count = int(wanted)
    elif not large:
        return 1
    else:
        try:
            count = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            count = os.cpu_count() or 1
    # fork only where it is the platform's own way (Linux) and from a process without other threads (a fork
    # copies their locks, not the threads); elsewhere, and for one item, no workers
    if items < 2 or not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods() \
            or threading.active_count() > 1:
        return 1
    return max(1, min(count, 8, items))


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
    """``[work(0) … work(items - 1)]`` shared with one forked process, for inputs too small for a pool of
    workers: both take the next item from a queue until none is left (the items' sizes need not be known),
    this process calling ``here`` and the other ``there`` (``here`` with a result cheaper to send back).

    When the other process fails in any way, the items it took are done again here, so an error is raised
    here as in one process.
    """
    import pickle
    import struct

    if items < 2 or items > _QUEUE_ITEMS:
        return [here(i) for i in range(items)]
    queue_r, queue_w = os.pipe()
    queue = struct.pack(f"<{items}I", *range(items))
    os.set_blocking(queue_w, False)
    try:
        written = os.write(queue_w, queue)  # one page at most: fits any pipe, no reader needed yet
    except OSError:
        written = 0
    os.close(queue_w)
    if written != len(queue):
        os.close(queue_r)
        return [here(i) for i in range(items)]
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (queue_r, read_end, write_end):
            os.close(fd)
        return [here(i) for i in range(items)]

    def take():
        while record := os.read(queue_r, 4):  # a pipe hands each 4-byte record to one reader
            yield struct.unpack("<I", record)[0]

    if pid == 0:  # the other process: never returns
        os.close(read_end)
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops this process's parent, which ends it
            done = {i: there(i) for i in take()}
            view = memoryview(pickle.dumps(done, pickle.HIGHEST_PROTOCOL))
            while view:
                view = view[os.write(write_end, view):]
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # no clean-up of the parent's state, no flush of its buffers
    os.close(write_end)
    finished = False
    try:
        results = {i: here(i) for i in take()}
        chunks = []
        while chunk := os.read(read_end, 1 << 20):
            chunks.append(chunk)
        finished = True
    finally:
        os.close(queue_r)
        os.close(read_end)
        if not finished:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _, status = os.waitpid(pid, 0)
    if status == 0 and chunks:
        try:
            theirs = pickle.loads(b"".join(chunks))
        except Exception:
            theirs = {}
        if isinstance(theirs, dict):
            results.update((i, r) for i, r in theirs.items() if i not in results)
    return [results[i] if i in results else here(i) for i in range(items)]


_QUEUE_ITEMS = 1000
"""``shared_map``'s queue is written whole before the other process starts, so it must fit the smallest pipe
buffer (one page): at most this many items (more go through one process)."""
