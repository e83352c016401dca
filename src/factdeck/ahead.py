"""The build's second process: it loads Anki's backend, shares the extraction, and checks the written package.

Loading Anki's backend (and factdeck's checking code) takes about a tenth of a second, and a build of
mid-sized notes spends most of its time extracting notes one by one. ``AheadCheck.start(share=…)`` forks one
process (a ``parallel.Partner``) that loads the backend, then takes notes from the same queue as the build
(``take``) until none is left and sends back what it extracted (``shared``), then waits for the package the
build writes, checks it and sends back the ``CheckResult`` that ``check.check_deck`` gives in one process
(``check``). Without ``share`` it only loads the backend and checks.

It is only an overlap: ``start()`` returns None where forking is not safe or gains nothing (not Linux, other
threads running, Anki already loaded here, ``FACTDECK_JOBS=1``); when anything goes wrong in the other
process, ``shared()`` leaves out what it did not send (the build extracts those notes itself) and
``check()`` returns None (the build checks in its own process). The build's own process never imports the
checking code unless it checks itself.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from .parallel import Partner


class AheadCheck(Partner):
    """A ``Partner`` that loads Anki's backend, may share a list of items, then checks one package."""

    @classmethod
    def start(cls, share: Callable[[int], object] | None = None, items: int = 0) -> AheadCheck | None:
        if "anki._backend" in sys.modules or os.environ.get("FACTDECK_JOBS", "").strip() == "1":
            return None
        return super().start(share=share, items=items, prepare=_load_backend, serve=_check)

    def check(self, apkg: Path):
        """``check.check_deck(apkg)`` done by the other process (a ``CheckResult``), or None: check here."""
        from .check import CheckResult

        result = self.ask(os.fsencode(str(Path(apkg).resolve())))
        return result if isinstance(result, CheckResult) else None


def _load_backend() -> None:
    from .render import load_backend

    load_backend()


def _check(request: bytes):
    from .check import check_deck

    return check_deck(Path(os.fsdecode(request)))
