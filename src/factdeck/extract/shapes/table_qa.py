"""Two-column tables that are already cards: ``| Question | Answer |`` and ``| Term | Definition |``.

Study notes keep flashcards and glossaries as tables. The header says which: a question column beside an
answer column gives the author's questions as written; a term column beside a definition column gives
"What is <term>?" (or "What does <term> stand for?" for an expansion column), asked about the section's
subject when the term does not name it. Header words are the lexicon's ``qa_table_headers``. Each row is
checked like any authored card (one fact, a question, an answer); a row that fails is skipped with the reason.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import lexicon
from ...model import Block, Skip, Table
from ...parse import strip_marks
from ..rule import Claim, Scope
from ._common import DOCUMENT_TITLE, answer_problem, clean, end_answer, end_question, qa_claim_fact, question_problem


@lru_cache(maxsize=1)
def _headers() -> dict[str, frozenset[str]]:
    return {k: frozenset(str(w).lower() for w in v) for k, v in lexicon()["qa_table_headers"].items()}


def _head(text: str) -> str:
    return re.sub(r"[^\w\s/&'-]", "", strip_marks(text)).strip().lower()


def _kind(table: Table) -> str | None:
    """"qa", "term", "acronym" or None from the two header cells."""
    if len(table.header) != 2 or not table.rows:
        return None
    left, right = (_head(c.text) for c in table.header)
    h = _headers()
    if left in h["question"] and right in h["answer"]:
        return "qa"
    if left in h["term"] and right in h["expansion"]:
        return "acronym"
    if left in h["term"] and right in h["definition"]:
        return "term"
    return None


def table_qa(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """Every row of a question/answer or term/definition table as a Q&A card."""
    table = blocks[i]
    if not isinstance(table, Table):
        return None
    kind = _kind(table)
    if kind is None:
        return None
    subject = _about(scope)
    facts, skipped = [], []
    for row in table.rows:
        if len(row) < 2:
            continue
        left, right = clean(row[0].text), clean(row[1].text.replace("\n", "; "))
        where = row[0].where
        if not left or not right:
            continue
        if kind == "qa":
            question = end_question(left)
        else:
            term = left.rstrip(":")
            if re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)*(?: [a-z][\w-]*)*", term) and not scope.catalog.mentions(term):
                term = term[:1].lower() + term[1:]  # "Partition key" is a common noun, capitalised by its cell
                if kind == "term" and not _plural(term):
                    term = ("an " if term[0] in "aeiou" else "a ") + term
            about = f"{subject}: " if subject and subject.lower() not in term.lower() else ""
            verb = "does" if kind == "acronym" else ("are" if _plural(term) else "is")
            question = (f"{about}what {verb} {term} stand for?" if kind == "acronym"
                        else f"{about}what {verb} {term}?")
            question = question[:1].upper() + question[1:]
        answer = end_answer(right)
        problem = question_problem(question) or answer_problem(answer)
        if problem:
            skipped.append(Skip(where, problem, f"{left} | {right}"[:160]))
            continue
        facts.append(qa_claim_fact(scope, question, answer, where, kind=f"table-{kind}"))
    return Claim(1, tuple(facts), tuple(skipped), used=len(facts))


def _about(scope: Scope) -> str:
    """The subject the terms belong to; a title like "Kinesis flashcards" is about Kinesis."""
    subject, _ = scope.subject()
    service = scope.catalog.single(subject) if subject else None
    if service is not None:
        rest = subject
        for m in reversed(scope.catalog.mentions(subject)):
            rest = rest[:m.start] + rest[m.end:]
        if not re.sub(r"[\W_]+", " ", DOCUMENT_TITLE.sub("", rest)).strip():
            return service.name
    return subject


def _plural(term: str) -> bool:
    last = term.split()[-1] if term.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))
