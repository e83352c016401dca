"""The output folder as a transaction: one build at a time, and files replaced together or not at all.

``OutputFolder`` locks the folder (``flock`` on the folder itself, so nothing is left behind), finishes
what a build killed during its commit left (a journal of renames, replayed forward), and removes the
temporary files of builds that died before committing. A build stages every file it means to write
as a hidden temporary file in the folder; ``commit`` writes the journal, renames every staged file
into place and removes the journal. Until ``commit`` nothing visible changes; a failure or a kill
before the journal is complete leaves the folder as it was (the next build sweeps the temporaries).
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import tempfile
import time
from pathlib import Path

from .errors import BuildError, Location, Problem

PREFIX = ".factdeck-"
JOURNAL = ".factdeck-journal.json"
LOCK_WAIT = 30.0
"""Seconds a build waits for another one writing to the same folder before giving up."""


class OutputFolder:
    """``with OutputFolder(path) as out: out.stage(...); out.commit()``."""

    def __init__(self, path: Path, *, wait: float = LOCK_WAIT):
        self.path = Path(path)
        self.wait = wait
        self._fd: int | None = None
        self._staged: dict[Path, Path] = {}  # final → temporary
        self._temps: list[Path] = []  # every temporary file made; removed on exit unless committed
        self.recovered: list[str] = []

    # -------------------------------------------------------- open and close

    def __enter__(self) -> "OutputFolder":
        self._prepare()
        self._lock()
        try:
            self._recover()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            for tmp in self._temps:
                _remove(tmp)
            self._temps.clear()
            self._staged.clear()
        finally:
            self._unlock()

    def _prepare(self) -> None:
        shown = str(self.path)
        if self.path.is_symlink() and not self.path.exists():
            raise BuildError(Problem(Location(shown, 0), "--out is a link to a folder that does not exist",
                                     "fix the link or pass another --out"))
        if self.path.exists() and not self.path.is_dir():
            raise BuildError(Problem(Location(shown, 0), "--out is a file, not a folder",
                                     "pass a folder (it is created when missing)"))
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildError(Problem(Location(shown, 0), f"cannot create the output folder ({exc.strerror})",
                                     "pass an --out you can write to"))
        if not os.access(self.path, os.W_OK | os.X_OK):
            raise BuildError(Problem(Location(shown, 0), "the output folder is not writable",
                                     "fix its permissions or pass another --out"))

    def _lock(self) -> None:
        self._fd = os.open(self.path, os.O_RDONLY)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    self._unlock()
                    raise BuildError(Problem(Location(str(self.path), 0),
                                             f"another factdeck build has been writing to this folder for over "
                                             f"{self.wait:.0f}s", "wait for it to finish, or pass another --out"))
                time.sleep(0.1)

    def _unlock(self) -> None:
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None

    def _recover(self) -> None:
        """Finish a commit a killed build started; sweep temporaries of builds that died before one."""
        journal = self.path / JOURNAL
        if journal.exists():
            try:
                renames = json.loads(journal.read_text(encoding="utf-8"))
                pairs = [(self.path / tmp, self.path / final) for tmp, final in renames]
            except (OSError, ValueError, TypeError) as exc:
                raise BuildError(Problem(Location(str(journal), 0), f"an interrupted build's journal is damaged ({exc})",
                                         "check the folder's files against git, then delete the journal"))
            for tmp, final in pairs:
                if tmp.exists():
                    os.replace(tmp, final)
                    self.recovered.append(final.name)
            _fsync_dir(self.path)
            journal.unlink()
        for leftover in self.path.glob(PREFIX + "*"):
            if leftover.name != JOURNAL and leftover.is_file():
                _remove(leftover)

    # -------------------------------------------------------- staging and committing

    def temp_path(self, suffix: str) -> Path:
        """A new hidden temporary file in the folder (removed on exit unless committed)."""
        fd, name = tempfile.mkstemp(prefix=PREFIX, suffix=suffix, dir=self.path)
        os.close(fd)
        self._temps.append(Path(name))
        return Path(name)

    def stage_file(self, final_name: str, tmp: Path) -> Path:
        """Take a finished temporary file as the new ``final_name``; returns it (to check before commit)."""
        os.chmod(tmp, 0o644)
        old = self._staged.pop(self.path / final_name, None)
        if old and old != tmp:
            _remove(old)
        self._staged[self.path / final_name] = tmp
        return tmp

    def stage_text(self, final_name: str, text: str) -> Path:
        tmp = self.temp_path(Path(final_name).suffix)
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        return self.stage_file(final_name, tmp)

    def commit(self) -> list[Path]:
        """Replace every staged file at once (as far as a folder can): journal, renames, journal removed."""
        if not self._staged:
            return []
        for tmp in self._staged.values():
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        journal = self.path / JOURNAL
        pairs = [(tmp.name, final.name) for final, tmp in self._staged.items()]
        jtmp = self.temp_path(".json")
        with open(jtmp, "w", encoding="utf-8") as f:
            json.dump(pairs, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(jtmp, journal)
        _fsync_dir(self.path)
        written = []
        for final, tmp in self._staged.items():
            os.replace(tmp, final)
            written.append(final)
        _fsync_dir(self.path)
        journal.unlink()
        self._staged.clear()
        return written


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
