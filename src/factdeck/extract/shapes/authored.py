"""Questions the author already wrote: taken as Q&A cards as written."""
from __future__ import annotations

from ...model import Block
from ..rule import Claim, Scope


def authored_qa(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """``question;;answer`` and other authored question shapes (to be filled in)."""
    return None
