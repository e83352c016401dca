"""Where throw-away files go: a memory file system when there is one with room, else the usual temporary folder.

The package's SQLite file and the self-check's temporary Anki collection are written, read back and removed
within a second; on a disk each of their writes may wait for a sync. Nothing here outlives the build, and
nothing that is kept (the deck, the record) is written here.
"""
from __future__ import annotations

import os

MEMORY = "/dev/shm"
ROOM = 256 * 1024 * 1024
"""Free bytes the memory file system must have beyond what is asked (it is shared with other programs)."""


def scratch_dir(needed: int = 0) -> str | None:
    """A folder for ``tempfile``'s ``dir=`` with ``needed`` bytes free (None: the usual temporary folder).

    ``TMPDIR``, when set, is respected as the user's choice.
    """
    if os.environ.get("TMPDIR"):
        return None
    try:
        if not os.path.isdir(MEMORY) or not os.access(MEMORY, os.W_OK | os.X_OK):
            return None
        st = os.statvfs(MEMORY)
    except OSError:
        return None
    return MEMORY if st.f_bavail * st.f_frsize >= needed + ROOM else None
