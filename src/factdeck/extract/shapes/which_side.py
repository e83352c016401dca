"""An "A vs B" section written as one label bullet per side, each with its own properties below it.

::

    #### Queues vs topics
    - queues
      - a consumer polls and deletes each message
      - kept for up to 14 days
    - topics
      - pushes each message to every subscriber

The properties sit under a bare side name, so the walker finds no owner for them ("whose fact is this?"). The
section's heading says what they tell apart: each property is a "which side?" card — "Kept for up to 14 days —
which one? (queues / topics)" → "queues" (the options shown, as a choice card). A property that names a side gives itself away and is left out; a long one
(a sentence with its reasons) is not one fact. At most ``MAX_PER_SIDE`` properties of a side are asked, in
the author's order. A property with a number of the side that is the section's own service ("queues" in an
SQS note) is that service's fact, asked as the walker asks it (a cloze with the side in its subject).
"""
from __future__ import annotations

import re

from ...model import Reason
from ...model import Block, Heading, Paragraph, Skip
from ...text import words
from ..rule import Claim, Scope
from ._common import clean, norm, qa_claim_fact
from ...lexicon import words_of

MAX_PER_SIDE = 6
MAX_PROPERTY_WORDS = 14
_VS = re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus)\s+(?P<b>.+?)\s*\??$", re.I)
_LEAD = re.compile(r"^(?:when to use|choosing between|comparing|compare|difference between|differences between)\s+",
                   re.I)
_POINTER = re.compile(r"^(?:it|this|they|these|that|also|same|see)\b", re.I)
# A cue that only names an attribute both sides have ("Time limit", "Memory size") states nothing to pick a side
# by; "No time limit", "Persistent" or "Data durability" (a quality one side has) does.
_ATTRIBUTES = words_of("bare_attribute_heads")
_STATING = words_of("side_stating_words")


def _bare_attribute(prop: str) -> bool:
    """A short noun phrase headed by an attribute noun, with nothing that says how the side has it."""
    ws = re.findall(r"[a-z]+", prop.lower())
    return (0 < len(ws) <= 3 and ws[-1] in _ATTRIBUTES and not _STATING & set(ws)
            and not re.search(r"\d", prop))


def _sides(heading: str) -> tuple[str, str] | None:
    m = _VS.match(_LEAD.sub("", clean(heading)))
    if not m or re.search(r"\bvs\.?\b", m.group("b"), re.I):
        return None  # three or more sides: not a pair to tell apart
    return m.group("a").strip(), m.group("b").strip()


def _stems(text: str) -> set[str]:
    """Content words cut to five letters ("queues" / "Queue Service" meet)."""
    return {w[:5] for w in re.findall(r"[a-z0-9]{3,}", text.lower())} - {"amazo", "aws", "servi", "the", "and"}


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", text)).lower()


def _side_name(label: str, side: str) -> Reason | None:
    """The name to show for a label that is this side (as the heading spells it, or the label), or None."""
    lab, s = label.lower(), side.lower()
    if lab == s:
        return side
    if s.endswith(" " + lab):
        return label  # "When to use streams" / "streams"
    if len(label) >= 2 and label.isupper() and _initials(side) == lab:
        return side  # "GA" for "Global Accelerator"
    return None


def _label(p: Block) -> Reason | None:
    if not isinstance(p, Paragraph) or not p.list_item or not p.first or not p.has_children or len(p.lines) != 1:
        return None
    text = clean(p.lines[0].text).rstrip(":").strip()
    return text if 0 < words(text) <= 4 else None


def which_side(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    first = blocks[i]
    label = _label(first)
    heads = scope.headings()
    if label is None or not heads or first.depth != 1:
        return None
    sides = _sides(heads[-1])
    if sides is None:
        return None
    names, groups, j = {}, [], i
    while j < len(blocks) and not isinstance(blocks[j], Heading):
        b = blocks[j]
        if isinstance(b, Paragraph) and b.list_item and b.depth == 1:
            lab = _label(b)
            if lab is None:
                return None  # a line of the section that is no side: not this shape
            matched = [(k, _side_name(lab, s)) for k, s in enumerate(sides) if _side_name(lab, s)]
            if len(matched) != 1 or matched[0][0] in names:
                return None
            names[matched[0][0]] = matched[0][1]
            kids = []
            j += 1
            while j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].list_item and blocks[j].depth > 1:
                if blocks[j].parent == b.item and blocks[j].first:
                    kids.append(blocks[j])
                j += 1
            groups.append((matched[0][0], kids))
            continue
        if isinstance(b, Paragraph) and not b.list_item:
            break  # a paragraph after the list ends the comparison
        return None
    if len(names) != 2:
        return None
    shown = (names[0], names[1])
    if any(n == n.lower() for n in shown):
        # "redis vs memcached": shown as the catalog spells them when it knows both sides
        known = [scope.catalog.exact(n) for n in shown]
        if all(known):
            shown = tuple(svc.name if n == n.lower() else n for n, svc in zip(shown, known))
    give_away = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in {*shown, *sides, label}), re.I)
    subject, ids = scope.subject()
    own = {k for k in (0, 1) if subject and _stems(shown[k]) & _stems(subject)}
    facts, skipped = [], []
    for k, kids in groups:
        asked = 0
        for c in kids:
            where = c.lines[0].where
            prop = clean(" ".join(l.text for l in c.lines)).rstrip("!.;, ").strip()
            prop = re.sub(r"!+", "", prop).strip()
            if not prop or c.has_children:
                skipped.append(Skip(where, Reason.SIDE_PROPERTY_WITH_LIST, prop[:160]))
            elif k in own and re.search(r"(?<![A-Za-z])\d", prop):
                # "queues" under an SQS section: a number of the service in scope is its own fact (a cloze)
                named = shown[k].lower() in subject.lower().split()
                scope.prose(prop, where, (subject if named else f"{subject} {shown[k]}", ids))
            elif give_away.search(prop):
                skipped.append(Skip(where, Reason.PROPERTY_NAMES_ITS_SIDE, prop[:160]))
            elif words(prop) > MAX_PROPERTY_WORDS or _POINTER.match(prop):
                skipped.append(Skip(where, Reason.SIDE_PROPERTY_NOT_SHORT, prop[:160]))
            elif _bare_attribute(prop):
                skipped.append(Skip(where, Reason.SIDE_PROPERTY_BARE_ATTRIBUTE, prop[:160]))
            elif asked >= MAX_PER_SIDE:
                skipped.append(Skip(where, Reason.TOO_MANY_SIDE_PROPERTIES, prop[:160]))
            else:
                question = f"{prop[:1].upper()}{prop[1:]} — which one? ({shown[0]} / {shown[1]})"
                fact = qa_claim_fact(scope, question, shown[k], where, kind=f"side-{norm(shown[k])}")
                facts.append(fact)
                asked += 1
    return Claim(j - i, tuple(facts), tuple(skipped), used=len(facts))
