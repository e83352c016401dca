"""Lint of what parsing could only half read: nothing is dropped without a line that says so."""
from __future__ import annotations

import re

from ..model import Block, Note, Table

_PIPE = re.compile(r"(?<!\\)\|")


def _cells_in(line: str) -> int:
    """How many cells a pipe-table source line has (pipes inside `code` do not count)."""
    line = re.sub(r"`[^`]*`", "", line.strip())
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return len(_PIPE.split(line))


def lint_blocks(note: Note, blocks: list[Block]) -> list[str]:
    """``path:line: warning: …`` for tables whose rows do not fit their header, or that are cut off."""
    lines = note.text.split("\n")
    out: list[str] = []
    for block in blocks:
        if not isinstance(block, Table):
            continue
        if block.html and not block.complete:
            out.append(f"{block.where}: warning: this HTML table has no closing </table> — the rows up to the end "
                       "of the block were read; close the table")
            continue
        if block.html:
            continue
        width = len(block.header)
        for row in block.rows:
            if not row:
                continue
            n = row[0].where.line
            if not 0 < n <= len(lines):
                continue
            count = _cells_in(lines[n - 1])
            if count > width:
                out.append(f"{row[0].where}: warning: this row has {count} cells but the header has {width} — "
                           f"the last {count - width} were dropped; add header cells or merge the extra ones")
            elif count < width:
                out.append(f"{row[0].where}: warning: this row has {count} cells but the header has {width} — "
                           "the missing ones read as empty; add the missing cells")
    return out
