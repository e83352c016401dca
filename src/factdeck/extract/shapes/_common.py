"""Helpers shared by the shapes that take what the author already wrote (questions, highlights)."""
from __future__ import annotations

import functools
import re

from ...errors import Location
from ...lexicon import phrases
from ...model import Paragraph, QAFact
from ...model import Reason
from ...parse import strip_marks
from ...text import caseless, sentences, words
from ..rule import Scope

MAX_AUTHORED_ANSWER = 15
"""An authored answer up to this many words is kept as written (CARDS.md point 2)."""
MAX_ONE_FACT_ANSWER = 25
"""A longer authored answer is kept only if it is still one fact: one sentence, no list, at most this long."""
MAX_EXPLAINED_ANSWER = 20
"""A longer authored answer that gives its reasons ("… because …", "unlike …") is an explanation, not a fact."""
_EXPLAINING = re.compile(r"\b(?:because|since|as you know|unlike|which means|so that|in order to|due to|this is why)\b", re.I)
_LIST_QUESTION = re.compile(r"^(?:list|enumerate)\b|\b(?:name|list|give) (?:all|some|any|(?:the )?(?:two|three|four|"
                            r"five|six|seven|eight|nine|ten|\d+))\b", re.I)
"""An open list to recite ("Name four services that …", "List the …"): many answers are right, none is one fact."""
MAX_QUESTION = 90
"""A question longer than this is a case study, not a card front."""

DOCUMENT_TITLE = re.compile(rf"\b(?:{phrases('document_words')}|{phrases('document_title_words')})\b", re.I)
"""Words that make a title a document's name ("Exam Revision Notes", "Kinesis flashcards"), from ``lexicon/en.yaml``."""

_DEBRIS = re.compile(r"\*{2,}|__|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)|`")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 15)  # the shapes clean the same line several times
def clean(text: str) -> str:
    """Authored text as it may reach a card: no highlight marks, no leftover ``**``/backticks, one space."""
    text = _DEBRIS.sub("", strip_marks(text))
    return _SPACES.sub(" ", text).strip()


def norm_words(text: str, n: int = 8) -> str:
    """The first ``n`` words, normalised: a wording-stable part of a fact key."""
    return "-".join(re.findall(r"[a-z0-9]+", clean(text).lower())[:n])


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@functools.lru_cache(maxsize=4)
def note_lines(text: str) -> tuple[str, ...]:
    """A note's lines, split once per note (the shapes look up raw lines of every paragraph)."""
    return tuple(text.split("\n"))


def raw_line(scope: Scope, where: Location) -> str:
    """The source line as the author typed it (to see backticks and bold that parsing removed)."""
    lines = note_lines(scope.note.text)
    return lines[where.line - 1] if 0 < where.line <= len(lines) else ""


def in_code(raw: str, token: str) -> bool:
    """``token`` occurs only inside inline code spans of the raw line."""
    outside = re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), raw)
    return token in raw and token not in outside


def answer_problem(answer: str) -> Reason | None:
    """Why an authored answer cannot be a card (CARDS.md points 2 and 4), or None."""
    if not answer or not re.search(r"\w", answer):
        return Reason.AUTHORED_NO_ANSWER
    n = words(answer)
    if n <= MAX_AUTHORED_ANSWER:
        return None
    if n > MAX_ONE_FACT_ANSWER or len(sentences(answer)) > 1 or ";" in answer or answer.count(",") >= 3 \
            or re.search(r"\s(?:-|–|—)\s|:\s", answer):
        return Reason.AUTHORED_SEVERAL_FACTS
    if n > MAX_EXPLAINED_ANSWER and _EXPLAINING.search(answer):
        return Reason.AUTHORED_EXPLANATION
    return None


MULTIPLE_CHOICE = re.compile(
    r"\bwhich (?:one|two|three|four|of the (?:following|options|below|above|these)|of these|option|answer|choice|"
    r"statements?|combination)\b|\b(?:choose|select|pick) (?:one|two|three|two answers|the (?:best|correct|right))\b|"
    r"\b(?:the following|below) (?:options|choices|answers)\b", re.I)
"""A multiple-choice stem ("Which one is a valid …", "Which of the following …", "Select TWO"): its answer is
one of options the card does not show."""


_multiple_choice = caseless(MULTIPLE_CHOICE)


def multiple_choice(question: str) -> bool:
    return _multiple_choice(question)


def question_problem(question: str) -> Reason | None:
    if not question or not re.search(r"\w", question):
        return Reason.AUTHORED_NO_QUESTION
    if multiple_choice(question):
        return Reason.MULTIPLE_CHOICE_WITHOUT_OPTIONS
    if _LIST_QUESTION.search(question):
        return Reason.AUTHORED_LIST_QUESTION
    if words(question) > MAX_QUESTION:
        return Reason.AUTHORED_QUESTION_TOO_LONG
    return None


def qa_claim_fact(scope: Scope, question: str, answer: str, where: Location, kind: str = "qa") -> QAFact:
    """A Q&A fact of an authored question, keyed by section and the question's first words (never the answer)."""
    subject, ids = scope.subject()
    return QAFact(f"{kind}|{scope.section_key()}|{norm_words(question)}", subject, scope.context(), where,
                  _services(scope, question, answer, ids), question, answer)


def _services(scope: Scope, question: str, answer: str, fallback: tuple[str, ...]) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for t in (question, answer):
        for sid in scope.catalog.ids(t):
            ids.setdefault(sid, None)
    if not ids:
        for sid in fallback:
            ids.setdefault(sid, None)
    return tuple(ids)


def text_of(p: Paragraph) -> str:
    return " ".join(l.text for l in p.lines)


def end_question(text: str) -> str:
    """A question as a front: trimmed, bold stripped; a missing '?' is not added (prompts may be statements)."""
    return clean(text).rstrip(";").strip()


def end_answer(text: str) -> str:
    text = clean(text).strip().rstrip(";").strip()
    if text.endswith(".") and not re.search(r"\b(?:etc|e\.g|i\.e|vs)\.$", text) and len(sentences(text)) <= 1:
        text = text[:-1]
    return text
