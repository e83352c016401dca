"""A bullet that asks a question and points at its answer: ``- "Need X without Y?" → Service``.

Exam-tip lists often pair a requirement, written as a question, with the service or practice that meets it::

    - "Need to query files in S3 with SQL, nothing to run?" → ✅ Athena
    - Which store for a sub-millisecond cache? -> ElastiCache

The card asks the question as written and answers with what the arrow points at (a check mark or other
leading symbol dropped). The question must end in '?' and the answer be short (one fact); anything else is
left to the walker.
"""
from __future__ import annotations

import re

from ...model import Block, Paragraph, Skip
from ...text import words
from ..rule import Claim, Scope
from ...model import Reason
from ._common import answer_problem, clean, end_answer, qa_claim_fact, question_problem

MAX_ANSWER_WORDS = 8
"""What the arrow points at is a name or a short practice, not an explanation."""
_ARROW = re.compile(r"^(?P<q>.+?\?)[\"'”’*_\s]*(?:→|⇒|->|=>|⟶)\s*(?P<a>.+)$")
_LEAD = re.compile(r"^[^\w(\"'“‘]+")
"""A check mark, an emoji or other symbols before the answer."""
_QUOTES = "\"'“”‘’"


def arrow_qa(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.list_item or not p.first or len(p.lines) != 1 or p.has_children:
        return None
    m = _ARROW.match(clean(p.lines[0].text))
    if not m:
        return None
    question = m.group("q").strip().strip(_QUOTES).strip()
    answer = end_answer(_LEAD.sub("", m.group("a")).strip().strip(_QUOTES))
    if not question.endswith("?") or re.search(r"(?:→|->|=>)", answer):
        return None
    where = p.lines[0].where
    problem = question_problem(question) or answer_problem(answer)
    if not problem and words(answer) > MAX_ANSWER_WORDS:
        problem = Reason.ARROW_POINTS_AT_EXPLANATION
    if problem:
        return Claim(1, skipped=(Skip(where, problem, clean(p.lines[0].text)[:160]),))
    return Claim(1, (qa_claim_fact(scope, question, answer, where, kind="arrow"),), used=1)
