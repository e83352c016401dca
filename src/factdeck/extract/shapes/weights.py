"""A breakdown: named parts, each with its percentage, that together make 100 % (exam domains and their weights).

Notes state a weighting as a list or a two-column table::

    ### Exam domains
    1. Design secure workloads - 30%
    2. Design resilient workloads - 26%
    ...

    | Domain | Weight |
    | Data ingestion | 34% |
    ...

Such a weighting is about the notes or the exam, not a fact the exam asks: blind readers drop every
"Exam domains — Design secure workloads: weight?" card. The percentages adding up to 100 is what tells a
breakdown apart, so the shape claims the whole list or table and skips each part with its reason (the build
reports it) instead of leaving the lines to the walker, which would cloze bare numbers. A list or table whose
percentages do not add up to about 100 is something else (rates, thresholds) and is left to the walker.
"""
from __future__ import annotations

import re

from ...model import Block, Heading, Paragraph, Reason, Skip, Table
from ...text import words
from ..rule import Claim, Scope
from ._common import clean

MAX_NAME_WORDS = 8
TOTAL = (98.0, 102.0)
"""Rounded shares add up to 100 give or take a point or two."""
_PCT = r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*%"
_NAME_PCT = re.compile(rf"^(?:\d+[.)]\s+)?(?P<name>[^%]+?)\s*(?:[-–—:=]\s*|\(\s*|,\s*){_PCT}\s*\)?\.?$")
_PCT_NAME = re.compile(rf"^{_PCT}\s*(?:[-–—:=]\s*|of\s+|for\s+)?(?P<name>[^%\d][^%]*?)\.?$")
_ONLY_PCT = re.compile(rf"^(?:~|about\s+|approx\.?\s+)?{_PCT}$", re.I)


def _part(text: str) -> tuple[str, str] | None:
    """(name, "NN%") of one line of a breakdown, or None."""
    text = clean(text).rstrip(";,").strip()
    m = _NAME_PCT.match(text) or _PCT_NAME.match(text)
    if not m:
        return None
    name = m.group("name").strip(" *_-–—:")
    if not name or words(name) > MAX_NAME_WORDS or re.search(r"[.!?;]\s", name):
        return None
    return name, f"{m.group('pct')}%"


def _adds_up(parts: list[tuple[str, str]]) -> bool:
    return len(parts) >= 2 and TOTAL[0] <= sum(float(v[:-1]) for _, v in parts) <= TOTAL[1] \
        and len({n.lower() for n, _ in parts}) == len(parts)


def weights(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    b = blocks[i]
    if isinstance(b, Table):
        return _table(b, scope)
    if not isinstance(b, Paragraph) or not b.list_item or not b.first:
        return None
    parts, wheres, j = [], [], i
    while j < len(blocks):
        c = blocks[j]
        if not isinstance(c, Paragraph) or not c.list_item or c.parent != b.parent or c.depth != b.depth \
                or not c.first or c.has_children or len(c.lines) != 1:
            break
        part = _part(c.lines[0].text)
        if part is None:
            break
        parts.append(part)
        wheres.append(c.lines[0].where)
        j += 1
    if not _adds_up(parts):
        return None
    label = _label(blocks, i, b, scope)
    if not label:
        return None
    return Claim(j - i, skipped=_skips(label, parts, wheres))


def _table(table: Table, scope: Scope) -> Claim | None:
    if len(table.header) != 2 or len(table.rows) < 2 or any(len(r) != 2 for r in table.rows):
        return None
    for col in (1, 0):
        if all(_ONLY_PCT.match(clean(r[col].text)) for r in table.rows):
            break
    else:
        return None
    parts = []
    for r in table.rows:
        name = clean(r[1 - col].text).strip(" *_")
        if not name or words(name) > MAX_NAME_WORDS:
            return None
        parts.append((name, f"{_ONLY_PCT.match(clean(r[col].text)).group('pct')}%"))
    if not _adds_up(parts):
        return None
    heads = scope.headings()
    label = clean(heads[-1]) if heads else clean(table.header[1 - col].text)
    if not label:
        return None
    return Claim(1, skipped=_skips(label, parts, [r[col].where for r in table.rows]))


def _skips(label: str, parts: list[tuple[str, str]], wheres: list) -> tuple[Skip, ...]:
    return tuple(Skip(where, Reason.BREAKDOWN_SHARE, f"{label} — {name}: {value}"[:160])
                 for (name, value), where in zip(parts, wheres))


def _label(blocks: list[Block], i: int, first: Paragraph, scope: Scope) -> str:
    """What the parts are parts of: the parent bullet ("Domains:"), else the nearest heading."""
    if first.parent >= 0:
        for k in range(i - 1, -1, -1):
            p = blocks[k]
            if isinstance(p, Paragraph) and p.item == first.parent and p.lines:
                return clean(p.lines[0].text).rstrip(":").strip()
            if isinstance(p, Heading):
                break
    heads = scope.headings()
    return clean(heads[-1]) if heads else ""
