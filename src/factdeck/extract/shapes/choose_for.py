"""A "which one when" list: a label that says to choose, then one "Use X for Y" line per choice.

::

    Picking the right queue
    - Use SQS FIFO for strict ordering and exactly-once processing.
    - Use SQS Standard for the highest throughput.

Each line names the choice and the case it fits; as a cloze on X the rest of the line often gives X away
("Use Glue triggers for Glue jobs"), and the label's word for what is chosen is lost. The card asks the case
and answers with the choice: "Which queue for strict ordering and exactly-once processing?" → "SQS FIFO". Two
lines or more make the shape; a line that is not "Use X for Y" ends it. A case told in sizes and kinds only
("Use MWAA for complex workflows with multiple dependencies") fits several choices: it is asked the other way
round, "When is MWAA the scheduler to choose?".
"""
from __future__ import annotations

import re

from ...model import Block, Paragraph
from ...text import words
from ..rule import Claim, Scope
from ._common import clean, end_answer, qa_claim_fact
from .arrow_qa import names_nothing

MAX_CHOICE_WORDS = 5
MAX_CASE_WORDS = 16
_CHOOSE = re.compile(r"\b(?:choos\w*|choice of|pick\w*|select\w*)\b(?:\s+(?:the|a|an|your))?"
                     r"(?:\s+(?:right|best|correct|appropriate))?\s+(?P<noun>[a-z][\w-]*)", re.I)
_WHICH = re.compile(r"^(?:which|what)\s+(?P<noun>[a-z][\w-]*)\b", re.I)
_WHEN = re.compile(r"^when to use (?:which|what)\b", re.I)
_USE = re.compile(r"^(?:use|choose|pick|prefer)\s+(?P<x>.+?)\s+(?:for|when|if)\s+(?P<y>.+?)\.?$", re.I)
_SKIP_NOUNS = {"the", "a", "an", "your", "one", "to", "between", "from"}


def _noun(label: str) -> str | None:
    """What is chosen ("scheduler"), "" when the label says to choose but not what, None when it is no such label."""
    text = clean(label).rstrip(":?").strip()
    if words(text) > 10:
        return None
    m = _CHOOSE.search(text) or _WHICH.match(text)
    if m:
        noun = m.group("noun").lower()
        return "" if noun in _SKIP_NOUNS else noun
    return "" if _WHEN.match(text) else None


def _line(b: Block) -> tuple[str, str, object] | None:
    if not isinstance(b, Paragraph) or not b.first or len(b.lines) != 1 or b.has_children:
        return None
    m = _USE.match(clean(b.lines[0].text))
    if not m:
        return None
    x, y = m.group("x").strip(), end_answer(m.group("y"))
    if words(x) > MAX_CHOICE_WORDS or not 2 <= words(y) <= MAX_CASE_WORDS or not re.match(r"[A-Z0-9]|\S*[A-Z]", x):
        return None
    return x, y, b.lines[0].where


def choose_for(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    label = blocks[i]
    if not isinstance(label, Paragraph) or len(label.lines) != 1 or not label.first:
        return None
    noun, start = _noun(label.lines[0].text), i + 1
    if noun is None:
        return None
    found, j = [], start
    while j < len(blocks):
        line = _line(blocks[j])
        if line is None:
            break
        found.append(line)
        j += 1
    if len(found) < 2:
        return None
    facts = []
    for x, y, where in found:
        if names_nothing(scope, y):
            # "Use MWAA for complex workflows with multiple dependencies": several choices fit a need that names
            # nothing, but the choice names the one need the author gives it — asked the other way round
            question = f"When is {x} the {noun} to choose?" if noun else f"When to choose {x}?"
            facts.append(qa_claim_fact(scope, question, y[:1].upper() + y[1:], where, kind="choose-when"))
            continue
        question = f"Which {noun} for {y}?" if noun else f"{clean(label.lines[0].text).rstrip(':?')} — for {y}?"
        facts.append(qa_claim_fact(scope, question, x, where, kind="choose"))
    return Claim(j - i, tuple(facts), used=len(facts))
