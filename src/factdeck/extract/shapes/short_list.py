"""A label bullet with two or three named items below it: the items are the fact.

Outline notes often state a fact as a label and its members, with no sentence at all::

    - Authentication options:
      - Mutual TLS
      - SASL/SCRAM
      - IAM access control

Each child alone has nothing to hide; together they answer the label. With two or three short, named
items (a tight pair or triple, CARDS.md point 2) the card asks the label of the section's subject —
"Amazon MSK — authentication options?" → "Mutual TLS; SASL/SCRAM; IAM access control". Four items or more are
a list to recite, and items that are sentences, hold numbers or carry children are left to the walker. A
label that introduces examples, benefits or use cases (the lexicon's ``list_labels``) asks nothing one answer
holds.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import anchored
from ...model import Block, Paragraph
from ...text import words
from ..rule import Claim, Scope
from ._common import clean, qa_claim_fact

MAX_ITEMS = 3
MAX_ITEM_WORDS = 6
MAX_LABEL_WORDS = 5
_KIND = re.compile(r"\b(?:options|types|modes|methods|kinds|variants|protocols|classes|tiers|models|"
                   r"engines|formats|mechanisms|levels|strategies|choices|flavou?rs|editions|families)\b", re.I)
"""A label naming a kind of thing ("authentication options", "deployment modes"): its items are its members."""
_NAMED = re.compile(r"^(?:[A-Z0-9]|\S*[A-Z]{2})")


@lru_cache(maxsize=1)
def _list_labels():
    return anchored("list_labels")


def short_list(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.list_item or not p.first or not p.has_children or len(p.lines) != 1:
        return None
    label = clean(p.lines[0].text).rstrip(":").strip()
    if not label or words(label) > MAX_LABEL_WORDS or re.search(r"\d", label) or not _KIND.search(label):
        return None
    if _list_labels().match(label) or re.search(r"\b(?:examples?|benefits|use cases?|pros|cons|why)\b", label, re.I):
        return None
    children = []
    j = i + 1
    while j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].parent == p.item:
        children.append(blocks[j])
        j += 1
    if not 2 <= len(children) <= MAX_ITEMS:
        return None
    items = []
    for c in children:
        if not c.first or c.has_children or len(c.lines) != 1:
            return None
        text = clean(c.lines[0].text).rstrip(";,").strip()
        if (not text or words(text) > MAX_ITEM_WORDS or re.search(r"\d|[.!?:]$|[.!?]\s", text)
                or not _NAMED.match(text)):
            return None
        items.append(text)
    subject, _ = scope.subject()
    if not subject or label.lower() in subject.lower():
        return None
    question = f"{subject} — {label[:1].lower() + label[1:] if not label[:2].isupper() else label}?"
    fact = qa_claim_fact(scope, question, "; ".join(items), p.lines[0].where, kind="list")
    return Claim(j - i, (fact,), used=1)
