"""A line that asks a question and points at its answer: ``- "Need X without Y?" → ✅ Service``.

Exam-tip lists often pair a requirement, written as a question, with the service or practice that meets it::

    - "Need to query files in S3 with SQL, nothing to run?" → ✅ Athena
    - Which store for a sub-millisecond cache? -> ElastiCache

The card asks the question as written and answers with what the arrow points at (a check mark or other
leading symbol dropped). The question must end in '?' and the answer be short (one fact): an arrow pointing
at an explanation, or at a third-party product, is skipped with its reason. The lines are read by
:func:`factdeck.extract.shapes.authored.sr_inline` with the other one-line authored cards; this module says
what such a line is and when its answer will not do.
"""
from __future__ import annotations

import re

from ...lexicon import words_of
from ...model import Reason
from ...text import words
from ..rule import Scope
from ._common import clean

MAX_ANSWER_WORDS = 8
"""What the arrow points at is a name or a short practice, not an explanation."""
_ARROW = re.compile(r"^[\"“‘']?(?P<q>[^\"“”→⇒]{8,}?\?)[\"”’'*_\s]*(?:→|->|=>|⇒|⟶)\s*(?P<a>[^→⇒]+)$")
_LEAD = re.compile(r"^(?:[^\w(\"'“‘]+|answer\s*:\s*)+", re.I)
"""A check mark, an emoji or other symbols (or "Answer:") before the answer."""
_QUOTES = "\"'“”‘’"


def split_arrow(text: str) -> tuple[str, str, str] | None:
    """(question, answer, "→") of a "“Need serverless SQL on S3?” → ✅ Athena" line: a question the author
    wrote, an arrow, the answer it points to (a leading check mark is the author's, not the answer)."""
    m = _ARROW.match(clean(text).strip())
    if m is None:
        return None
    answer = _LEAD.sub("", m.group("a").strip()).strip().strip(_QUOTES).strip()
    if not re.search(r"\w", answer) or re.search(r"->|=>", answer):
        return None
    return m.group("q").strip().strip(_QUOTES).strip(), answer, "→"


_EITHER = re.compile(r"[^,?]+,\s*[^,?]+,?\s+or\s+[^,?]+\?\s*$", re.I)
"""A question asking for any of three or more needs ("Need ML pipelines, Spark ETL, or table formats?")."""


_VAGUE_NEED = words_of("vague_need_words")
_NEED_LEAD = re.compile(r"^\W*(?:which|what)\s+[a-z][\w-]*\s+(?:for|to)\s+|^\W*(?:need|needs|want)\s+(?:to\s+)?", re.I)


def names_nothing(scope: Scope, need: str) -> bool:
    """A need told in sizes and kinds only ("complex workflows involving multiple job types and dependencies") that
    names no feature, format, figure, product or term: several services fit it, so the one answer is the author's
    pick, not a fact."""
    text = _NEED_LEAD.sub("", clean(need)).rstrip("?. ")
    if not text or scope.catalog.ids(text) or not _VAGUE_NEED & set(re.findall(r"[a-z]+", text.lower())):
        return False  # "relational joins and transactions" names what it needs in plain words
    for k, token in enumerate(re.findall(r"[\w.+/-]+", text)):
        capitals = sum(c.isupper() for c in token)
        if re.search(r"\d|\w-\w", token) or capitals >= 2 or (capitals and k > 0):
            return False  # "S3", "column-level", "SQL", "PySpark", "… with Glue"
    return True


def arrow_problem(scope: Scope, answer: str, question: str = "") -> Reason | None:
    """Why what an arrow points at is no answer, or None."""
    if words(answer) > MAX_ANSWER_WORDS:
        return Reason.ARROW_POINTS_AT_EXPLANATION
    parts = [p.strip() for p in re.split(r"\s+\+\s+", answer) if p.strip()]
    if len(parts) >= 2 and any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", question, re.I) for p in parts):
        # "“Need to trigger a daily query from Lambda?” → Athena + Lambda + EventBridge": the front gives a part
        # of the answer away, and the rest is a loose bundle
        return Reason.ARROW_ANSWER_ON_FRONT
    if _EITHER.search(question):
        # "“Need ML pipelines, Spark ETL, or table formats?” → EMR": any one need picks the answer, and alone
        # each fits other services as well — the question has no single right answer
        return Reason.ARROW_EITHER_NEED
    if question and names_nothing(scope, question):
        return Reason.NEED_NAMES_NOTHING
    if _rival_only(scope, answer):
        # "“Need Delta Lake support?” → ✅ Databricks": the pointer sends a learner to a third-party product
        return Reason.THIRD_PARTY_ANSWER
    return None


def _rival_only(scope: Scope, answer: str) -> bool:
    from ...services import builtin_rivals

    ids = scope.catalog.ids(answer)
    return bool(ids) and ids[0] in builtin_rivals()  # "Databricks with Delta Lake": a rival first, its kin after
