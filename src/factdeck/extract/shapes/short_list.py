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

Two more labels work the same way: a label that starts a sentence its items finish ("Integrates with:",
"Scales based on:" — the lexicon's ``lead_in_ends``) and a label naming a set by its purpose ("Tools and services
to migrate databases to AWS:" — ``set_label_heads``). Their items may be lower case (they finish a sentence),
and the label may be a paragraph with the list (or one catalog name per paragraph) right below it. An item that
is a list itself (commas) or a statement of its own ("Integrated with …") leaves the label to the walker.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import anchored, phrases
from ...model import Block, ClozeFact, Paragraph, Segment
from ...text import words
from ..rule import Claim, Scope
from ._common import clean, norm, qa_claim_fact

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


_LEAD_IN = re.compile(rf"\b(?:{phrases('lead_in_ends')})$", re.I)
"""A label that is the start of a sentence ("Integrates with:", "Scales based on:"): its items finish it."""
_SET = re.compile(rf"^(?:{phrases('set_label_heads')})\s+(?:to|for|that)\s", re.I)
"""A label naming a set by its purpose ("Tools to migrate databases to AWS:"): its items are its members."""
_NOT_A_LABEL = re.compile(r"^(?:if|when|e\.g|i\.e|eg|ie|example|note|for example|such as)\b", re.I)
_STATEMENT_ITEM = re.compile(r"^\w+ed (?:with|by|on|for|to|in|from|as|into)\b", re.I)
"""An item that says something of its own ("Integrated with the catalog"), not a member that finishes the label."""
MAX_LEAD_IN_WORDS = 12
MAX_NAME_WORDS = 8


def _items(children: list[Paragraph], lead_in: bool) -> list[str] | None:
    items = []
    for c in children:
        if not c.first or c.has_children or len(c.lines) != 1:
            return None
        text = clean(c.lines[0].text).rstrip(";,").strip()
        if not text or words(text) > (MAX_NAME_WORDS if lead_in else MAX_ITEM_WORDS):
            return None
        if lead_in:  # the items finish the label's sentence: any case, names with digits (EC2), no sentences
            if re.search(r"(?<![A-Za-z])\d|[.!?:]$|[.!?:]\s|,", text) or _STATEMENT_ITEM.match(text):
                return None
        elif re.search(r"\d|[.!?:]$|[.!?]\s", text) or not _NAMED.match(text):
            return None
        items.append(text)
    return items


def short_list(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.first or len(p.lines) != 1:
        return None
    raw = clean(p.lines[0].text)
    label = raw.rstrip(":").strip()
    if not label or _list_labels().match(label) or _NOT_A_LABEL.match(label) \
            or re.search(r"\b(?:examples?|benefits|use cases?|pros|cons|why)\b", label, re.I):
        return None
    kind = words(label) <= MAX_LABEL_WORDS and not re.search(r"\d", label) and bool(_KIND.search(label))
    lead_in = raw.endswith(":") and words(label) <= MAX_LEAD_IN_WORDS and not re.search(r"(?<![A-Za-z])\d", label) \
        and bool(_LEAD_IN.search(label) or _SET.match(label))
    if not kind and not lead_in:
        return None
    if p.list_item:
        if not p.has_children:
            return None
        children = []
        j = i + 1
        while j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].parent == p.item:
            children.append(blocks[j])
            j += 1
    elif lead_in and not p.quote:
        # "Label:" as a paragraph, then a short list (or one name per paragraph) right below it
        children, j = [], i + 1
        while j < len(blocks) and isinstance(blocks[j], Paragraph) and len(children) <= MAX_ITEMS:
            c = blocks[j]
            if c.list_item and c.depth == 1 and (not children or children[0].list_item):
                children.append(c)
            elif not c.list_item and c.first and len(c.lines) == 1 and (not children or not children[0].list_item) \
                    and scope.catalog.exact(clean(c.lines[0].text)) is not None:
                children.append(c)
            else:
                break
            j += 1
        if j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].list_item and blocks[j].depth > 1:
            return None
    else:
        return None
    if not 2 <= len(children) <= MAX_ITEMS:
        return None
    items = _items(children, lead_in and not kind)
    if items is None:
        return None
    subject, ids = scope.subject()
    if kind:
        if not subject or label.lower() in subject.lower():
            return None
        question = f"{subject} — {label[:1].lower() + label[1:] if not label[:2].isupper() else label}?"
    elif _SET.match(label) or scope.catalog.ids(label) or (subject and subject.lower() in label.lower()):
        question = f"{label[:1].upper()}{label[1:]}?"  # the label says what it is about: "Tools to migrate … to AWS?"
    elif subject:
        own = label.split()[0].lower() in subject.lower().split() or label[:2].isupper()
        question = f"{subject} — {label if own else label[:1].lower() + label[1:]}?"
    else:
        return None
    fact = qa_claim_fact(scope, question, "; ".join(items), p.lines[0].where, kind="list")
    return Claim(j - i, (fact,), used=1)


# ---------------------------------------------------------------- a counted list: "6 pillars of X" and its members

MIN_COUNTED, MAX_COUNTED = 4, 6
MAX_MEMBER_WORDS = 4
_NUMBER_WORDS = {"four": 4, "five": 5, "six": 6}
_COUNTED = re.compile(r"^(?:the\s+)?(\d|four|five|six)\s+([a-z][\w-]*(?:\s[a-z][\w-]*)?)\s+(?:of|in)\s+(?:the\s+|an?\s+)?"
                      r"(\S.{2,60}?):?$", re.I)
"""A label that states how many members a named whole has ("6 pillars of the Well-Architected Framework",
"Four phases of the migration process"): its members, one per child bullet, are what the count counts."""


def counted_list(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """A label with a stated count of four to six members and exactly that many short named items below it.

    Asking for the whole list is reciting it (CARDS.md point 2), and its count alone hides nothing the members do
    not give away; but with the count and the other members shown, two members at a time are a fair question —
    "6 pillars of the Well-Architected Framework: Operational Excellence, [...], Security, [...], …" — one cloze
    note whose deletions are the members, two to a card."""
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.first or not p.list_item or not p.has_children or len(p.lines) != 1:
        return None
    label = clean(p.lines[0].text).rstrip(":").strip()
    m = _COUNTED.match(label)
    if not m or _list_labels().match(m.group(2)) or re.search(r"\b(?:examples?|benefits|use cases?|reasons|tips|"
                                                              r"steps|questions)\b", m.group(2), re.I):
        return None
    count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1).lower()]
    children, j = [], i + 1
    while j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].parent == p.item:
        children.append(blocks[j])
        j += 1
    if not MIN_COUNTED <= count <= MAX_COUNTED or len(children) != count:
        return None
    items = []
    for c in children:
        if not c.first or c.has_children or len(c.lines) != 1:
            return None
        text = clean(c.lines[0].text).rstrip(";,.").strip()
        if not text or words(text) > MAX_MEMBER_WORDS or re.search(r"\d|[.!?:,;()]", text) or not _NAMED.match(text):
            return None
        items.append(text)
    if len({x.lower() for x in items}) != count:
        return None
    whole = m.group(3)
    ids = scope.catalog.ids(whole)
    subject = whole[:1].upper() + whole[1:]
    segments = [Segment(f"{label[:1].upper()}{label[1:]}: ")]
    # One member hidden with all the others shown is found by elimination once the list has been seen, and six
    # such cards read as one card six times: a card hides two members, far apart (1 and 4, 2 and 5, 3 and 6).
    cards = (count + 1) // 2
    for n, item in enumerate(items, 1):
        if n > 1:
            segments.append(Segment(", "))
        segments.append(Segment(item, (n - 1) % cards + 1))
    key = f"counted|{scope.section_key()}|{norm(label)}"
    fact = ClozeFact(key, subject, scope.context(), p.lines[0].where, ids or scope.subject()[1], tuple(segments))
    return Claim(j - i, (fact,), used=1)
