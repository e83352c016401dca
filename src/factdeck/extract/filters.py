"""The last word on each fact before it becomes a card: a named, ordered list of filters.

Every rule and the walker make facts from one shape of text; these filters judge the fact as a learner
meets it, whatever made it. Each is a pure function ``fact -> reason | None``; the first that objects
drops the fact, recorded as a skip with its reason. They encode the patterns blind readers dropped
(CARDS.md): a blank a learner cannot miss or cannot know, a front that points at a sentence it does
not show, trivia, a question with no answer.
"""
from __future__ import annotations

import re
from typing import Callable

from ..model import ClozeFact, CompareFact, Fact, QAFact, Skip
from ..parse import strip_marks

Filter = Callable[[Fact], "str | None"]

_NEGATION_ONLY = re.compile(r"^(?:does|do|did|is|are|was|were|can|could|will|would|should|must|has|have)?\s*"
                            r"(?:not|n't|never|cannot|only)(?:\s+\w+)?$", re.I)
_YEAR_OR_DATE = re.compile(r"^(?:(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?"
                           r"\s+(?:19|20)\d\d|\d{1,2}\s+\w+\s+(?:19|20)\d\d)$", re.I)
_DANGLING = re.compile(r"^(?:for example|for instance|e\.g\.|eg\b|i\.e\.|it|this|these|those|they|that|such|"
                       r"here|there|above|below|the former|the latter|similarly|likewise)\b", re.I)
_EXAMPLE_BLANK = re.compile(r"(?:\(|\b)(?:ex|e\.g|eg|for example|such as|like)[:.,]?\s*$", re.I)
_GENERIC_TERM = re.compile(r"^(?:exam tips?|tips?|notes?|important|remember|warning|todo|summary|overview|"
                           r"key points?|misc(?:ellaneous)?|examples?|others?|general|details?)$", re.I)
_WORD = re.compile(r"[a-z0-9]+")


def _hidden(fact: ClozeFact) -> list[str]:
    return [strip_marks(s.text).strip() for s in fact.segments if s.cloze]


def _shown(fact: ClozeFact) -> str:
    return strip_marks("".join(s.text for s in fact.segments if not s.cloze))


def trivial_blank(fact: Fact) -> str | None:
    """A blank that is a bare 1 or 2, a lone negation or "only": the grammar answers it, or nothing does."""
    if not isinstance(fact, ClozeFact):
        return None
    for hidden in _hidden(fact):
        h = hidden.strip(" .,;:()")
        if re.fullmatch(r"[0-2]", h) or _NEGATION_ONLY.match(h):
            return "a blank the rest of the sentence gives away (a bare 1, a lone negation)"
    return None


def date_trivia(fact: Fact) -> str | None:
    """A year or a date as the answer: when something happened is not what an exam asks."""
    if isinstance(fact, ClozeFact) and any(_YEAR_OR_DATE.match(h.strip(" .,;:()")) for h in _hidden(fact)):
        return "a date as the answer (history, not a fact to recall)"
    return None


def example_blank(fact: Fact) -> str | None:
    """A blank right after "e.g." or "(ex:": an example value, not the fact."""
    if not isinstance(fact, ClozeFact):
        return None
    text = ""
    for s in fact.segments:
        if s.cloze and _EXAMPLE_BLANK.search(strip_marks(text)[-25:]):
            return "the blank is an example value"
        text += s.text
    return None


def dangling_start(fact: Fact) -> str | None:
    """A sentence that opens with "For example", "It", "This …": it leans on a sentence the card does not show."""
    if isinstance(fact, ClozeFact):
        body = [s.text for s in fact.segments]
        # the walker may put "Subject — " before the sentence; judge the sentence itself
        first = body[0].split(" — ", 1)[-1] if body else ""
        start = (first + "".join(body[1:2])).strip()
    elif isinstance(fact, QAFact):
        start = fact.answer.strip()
    else:
        return None
    if _DANGLING.match(strip_marks(start)):
        return "refers to a sentence the card does not show (it, this, for example …)"
    return None


def given_away(fact: Fact) -> str | None:
    """Every word of the blank already stands on the front (its prefix, its subject): nothing to recall."""
    if not isinstance(fact, ClozeFact):
        return None
    shown = set(_WORD.findall(_shown(fact).lower()))
    for hidden in _hidden(fact):
        if re.search(r"\d", hidden):
            continue  # a number is the fact even when its unit is said elsewhere
        words = [w for w in _WORD.findall(hidden.lower()) if len(w) > 2]
        if words and all(w in shown for w in words):
            return "the front gives the blank away"
    return None


def empty_answer(fact: Fact) -> str | None:
    if isinstance(fact, QAFact) and not re.search(r"\w", strip_marks(fact.answer)):
        return "a question with no answer"
    if isinstance(fact, CompareFact) and any(not re.search(r"\w", v) for _, v in fact.values):
        return "a comparison with an empty side"
    return None


def generic_term(fact: Fact) -> str | None:
    """"What is EXAM TIP?", "what are Notes?": a heading word taken for a term."""
    if not isinstance(fact, QAFact):
        return None
    m = re.search(r"what (?:is|are|does) (.+?)(?: mean| do)?\?$", fact.question, re.I)
    if m and _GENERIC_TERM.match(m.group(1).strip()):
        return "a heading word asked as a term"
    return None


FILTERS: list[tuple[str, Filter]] = [
    ("empty_answer", empty_answer),
    ("generic_term", generic_term),
    ("trivial_blank", trivial_blank),
    ("date_trivia", date_trivia),
    ("example_blank", example_blank),
    ("dangling_start", dangling_start),
    ("given_away", given_away),
]
"""(name, filter) in the order they are tried; the first reason wins."""


def filter_facts(facts: list[Fact]) -> tuple[list[Fact], list[Skip]]:
    kept: list[Fact] = []
    skipped: list[Skip] = []
    for fact in facts:
        for _name, rule in FILTERS:
            reason = rule(fact)
            if reason:
                skipped.append(Skip(fact.where, reason, _text(fact)[:160]))
                break
        else:
            kept.append(fact)
    return kept, skipped


def _text(fact: Fact) -> str:
    if isinstance(fact, ClozeFact):
        return strip_marks("".join(f"[{s.text}]" if s.cloze else s.text for s in fact.segments))
    if isinstance(fact, QAFact):
        return f"{fact.question} — {fact.answer}"
    return f"{fact.attribute}: {fact.subject}"
