"""A comparison table written as flat bullets: attribute labels, each followed by one "Side: value" line per side.

::

    - Maximum run time:
    - Long: up to 1 year
    - Short: up to 5 minutes
    - Billing:
    - Long: per state change
    - Short: per request and duration

The side lines sit at the label's own level (nested under it, the walker files each under its label). Each
alone names no owner ("Long: up to 1 year" — the long what?). Two labels or more that name the same
two or three sides make the shape certain: it is a table, and each attribute is a comparison card
("Maximum run time: Long vs Short (Workflows)?" → both values). A group whose values are equal, or too long
to be one fact each or all together (a back of two sentences), gives no card (skipped with the reason).
"""
from __future__ import annotations

import re

from ...model import Reason
from ...model import Block, CompareFact, Paragraph, Skip
from ...text import words
from ..rule import Claim, Scope
from ._common import clean, end_answer, norm

MAX_SIDES = 3
MAX_VALUE_WORDS = 12
MAX_BACK_WORDS = 16
"""All sides together: a back that adds more than about 15 words is a paragraph, not one contrast (CARDS.md)."""
MAX_LABEL_WORDS = 5
_SIDE = re.compile(r"^(?P<side>[A-Za-z][\w./+-]*(?: [\w./+-]+){0,2})\s*:\s+(?P<value>\S.*)$")
_ASIDE = re.compile(r"\s*\((?:e\.g\.|i\.e\.|eg\b|ie\b|for example|such as)[^)]*\)")


def _label(p: Block) -> Reason | None:
    if not isinstance(p, Paragraph) or not p.list_item or not p.first or len(p.lines) != 1:
        return None
    text = clean(p.lines[0].text)
    if not text.endswith(":") or words(text) > MAX_LABEL_WORDS or _SIDE.match(text):
        return None
    return text[:-1].strip() or None


def _side(p: Block, parent: int, depth: int) -> tuple[str, str, object] | None:
    if not isinstance(p, Paragraph) or not p.list_item or not p.first or p.has_children or len(p.lines) != 1 \
            or p.parent != parent or p.depth != depth:
        return None
    m = _SIDE.match(clean(p.lines[0].text))
    if not m:
        return None
    return m.group("side").strip(), m.group("value").strip(), p.lines[0].where


def _group(blocks: list[Block], i: int) -> tuple[str, list, int] | None:
    """(attribute, [(side, value, where)], next index) of a label at ``i`` and its side lines."""
    label = _label(blocks[i])
    if label is None:
        return None
    p = blocks[i]
    if p.has_children:
        return None  # side lines nested under their label: the walker files each under its label
    parent, depth = p.parent, p.depth
    sides, j = [], i + 1
    while j < len(blocks) and len(sides) <= MAX_SIDES:
        s = _side(blocks[j], parent, depth)
        if s is None:
            break
        sides.append(s)
        j += 1
    if not 2 <= len(sides) <= MAX_SIDES:
        return None
    return label, sides, j


def side_compare(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    groups, j = [], i
    while j < len(blocks):
        g = _group(blocks, j)
        if g is None:
            break
        groups.append(g)
        j = g[2]
    if len(groups) < 2:
        return None
    names = [s[0] for s in groups[0][1]]
    if len({n.lower() for n in names}) != len(names) \
            or any([s[0].lower() for s in g[1]] != [n.lower() for n in names] for g in groups):
        return None
    subject, ids = scope.subject()
    shown = " vs ".join(names)
    if subject and not any(n.lower() in subject.lower() or subject.lower() in n.lower() for n in names):
        shown = f"{shown} ({subject})"
    found = tuple(dict.fromkeys(sid for n in names for sid in scope.catalog.ids(n))) or ids
    facts, skipped = [], []
    for attribute, sides, _ in groups:
        values = [(n, end_answer(_ASIDE.sub("", v))) for n, (_, v, _) in zip(names, sides)]
        where = sides[0][2]
        if len({norm(v) for _, v in values}) < len(values):
            skipped.append(Skip(where, Reason.COMPARISON_SIDES_EQUAL, attribute))
        elif any(words(v) > MAX_VALUE_WORDS for _, v in values):
            skipped.append(Skip(where, Reason.COMPARISON_SIDE_TOO_LONG, attribute))
        elif sum(words(v) for _, v in values) > MAX_BACK_WORDS:
            # "Scales for moderate concurrency with exact-once execution" vs "Scales for extremely high
            # concurrency with at-least-once execution (…)": each side short enough, two facts each together
            skipped.append(Skip(where, Reason.COMPARISON_BACK_TOO_LONG, attribute))
        else:
            key = f"cmp|{scope.section_key()}|{norm(attribute)}|" + "|".join(norm(n) for n in names)
            facts.append(CompareFact(key, shown, scope.context(), where, found, attribute, tuple(values)))
    return Claim(j - i, tuple(facts), tuple(skipped), used=len(facts))
