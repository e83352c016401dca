"""The self-check started ahead: Anki's renderer loads in a forked process while the build does its own work.

Loading Anki's backend (and factdeck's checking code) takes about a tenth of a second. A build starts the
checking process first thing (``AheadCheck.start``), hands it the written package at the end and gets the
``CheckResult`` that ``check.check_deck`` gives in one process. It is only an overlap: ``start()`` returns None
where forking is not safe or gains nothing (not Linux, other threads running, Anki already loaded here,
``FACTDECK_JOBS=1``), and ``check()`` returns None when anything went wrong in the other process, so the
caller checks in its own. The build's own process never imports the checking code unless it checks itself.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from pathlib import Path


class AheadCheck:
    """A forked process that loads Anki's backend, then checks the one package it is sent."""

    def __init__(self, pid: int, send: int, receive: int):
        self._pid, self._send, self._receive = pid, send, receive

    @classmethod
    def start(cls) -> AheadCheck | None:
        if not sys.platform.startswith("linux") or not hasattr(os, "fork") or threading.active_count() > 1 \
                or "anki._backend" in sys.modules or os.environ.get("FACTDECK_JOBS", "").strip() == "1":
            return None
        path_r, path_w = os.pipe()
        result_r, result_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (path_r, path_w, result_r, result_w):
                os.close(fd)
            return None
        if pid == 0:  # the checking process: never returns
            os.close(path_w)
            os.close(result_r)
            _child(path_r, result_w)
        os.close(path_r)
        os.close(result_w)
        return cls(pid, path_w, result_r)

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
        chunks = []
        try:
            while chunk := os.read(self._receive, 1 << 16):
                chunks.append(chunk)
        except OSError:
            chunks = []
        self.close()
        try:
            result = pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:
            return None
        return result if isinstance(result, CheckResult) else None

    def _close_send(self) -> None:
        if self._send >= 0:
            os.close(self._send)
            self._send = -1

    def close(self) -> None:
        """End the other process (it stops when it is sent no package) and wait for it."""
        self._close_send()
        if self._receive >= 0:
            os.close(self._receive)
            self._receive = -1
        if self._pid:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0


def _child(path_r: int, result_w: int) -> None:
    """Load Anki's backend, wait for the package's path, check it and send the result back; then exit."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build, which closes the pipe
        from .check import check_deck
        from .render import load_backend

        load_backend()
        chunks = []
        while chunk := os.read(path_r, 1 << 16):
            chunks.append(chunk)
        if chunks:
            view = memoryview(pickle.dumps(check_deck(Path(os.fsdecode(b"".join(chunks))))))
            while view:
                view = view[os.write(result_w, view):]
    except BaseException:  # the build checks in its own process instead, and reports what is wrong there
        code = 1
    finally:
        os._exit(code)  # no clean-up of the build's state, no flush of its buffers: they are the build's
