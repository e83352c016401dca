"""Questions the author already wrote: taken as Q&A cards as written.

- Obsidian Spaced Repetition inline cards: ``question;;answer`` and ``question::answer`` on one line
  (``;;;``/``:::`` are the reversed variants; they give the forward card), and the multi-line form
  (question lines, a ``?`` or ``??`` line, answer lines);
- ``Q:``/``A:`` pairs (``Question:``/``Answer:``), across lines, paragraphs or list items;
- a question bullet whose single child bullet is the answer (``* **What is X?**`` / ``  * …``), a bold
  question line followed by its answer, and a question heading followed by a short answer paragraph.

The author's wording is kept; only markup debris is removed. An answer longer than about 15 words is
kept only while it is still one fact (CARDS.md point 2); otherwise the question is skipped with a reason.
"""
from __future__ import annotations

import re

from ...errors import Location
from ...model import Block, Heading, Paragraph, Skip
from ...model import Reason
from ...text import sentences, words
from ..rule import Claim, Scope
from .arrow_qa import arrow_problem, split_arrow
from ._common import answer_problem, clean, end_answer, end_question, in_code, qa_claim_fact, question_problem, \
    raw_line, text_of

_SEPARATORS = (
    (re.compile(r"(?<!;);;;(?!;)"), ";;;"),
    (re.compile(r"(?<!;);;(?!;)"), ";;"),
    (re.compile(r"(?<!:):::(?!:)"), ":::"),
    (re.compile(r"(?<!:)::(?!:)"), "::"),
)
_Q = re.compile(r"^(?:Q|Question)\s*(?:\d+)?\s*[:.)]\s*(.*)$", re.I)
_A = re.compile(r"^(?:A|Ans|Answer)\s*[:.)]\s*(.*)$", re.I)
_QUESTION_WORD = re.compile(r"^(?:what|which|why|how|when|where|who|whom|whose|can|could|does|do|is|are|should|"
                            r"would|will|name|list|explain|describe|define)\b", re.I)
_SPLIT_WHAT = re.compile(r"^(what (?:is|are) (?:an? |the )?[^,]+?) and ((?:what|how|why|when|which|where|who|for)\b.*)\?$", re.I)
_VAGUE_PART = re.compile(r"^(?:what (?:should|do|must) you (?:need to )?know|why (?:does|is) it (?:matter|important))", re.I)


# ---------------------------------------------------------------- Spaced Repetition inline cards


def split_inline(text: str, raw: str) -> tuple[str, str, str] | None:
    """(question, answer, separator) of an inline card line, or None when the line is not one."""
    for pattern, sep in _SEPARATORS:
        found = list(pattern.finditer(text))
        if not found:
            continue
        if len(found) > 1:
            return None
        m = found[0]
        if raw and in_code(raw, sep):
            return None  # "`a;;b`" is code the note talks about
        left, right = text[:m.start()], text[m.end():]
        if sep in (";;", ";;;") and re.search(r"\(\s*$", left):
            return None  # "for (;;)"
        if sep in ("::", ":::"):
            token_l = left.split()[-1] if left.split() and not left.endswith(" ") else ""
            token_r = right.split()[0] if right.split() and not right.startswith(" ") else ""
            if re.search(r"[:/\[\]<>(){}]", token_l.rstrip("?)") + " " + token_r):
                return None  # an ARN, a URL, IPv6, a template, a "{{c1::" cloze
            if re.search(r"\{\{|\}\}|<\w|\w>", text) or re.match(r"^[^:?]{1,40}:\s", left):
                return None  # template or markup text, or a "Term: …" line that mentions a "::" token
            if token_l and token_r and re.fullmatch(r"[A-Za-z_]\w*", token_l) and re.fullmatch(r"[A-Za-z_]\w*", token_r) \
                    and (len(right.split()) >= 4 or len(token_l) <= 2 or words(left) < 2):
                return None  # "Namespace::Class is how …", "a::b" — a qualified name in prose
            if token_l.lower() in ("std", "boost"):
                return None
        return left.strip(), right.strip(), sep
    return None


def sr_inline(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """``question;;answer`` / ``question::answer`` lines (single line each; in a list item or a paragraph),
    and ``“question?” → answer`` lines."""
    p = blocks[i]
    if not isinstance(p, Paragraph):
        return None
    found = [(line, split_inline(line.text, raw_line(scope, line.where)) or split_arrow(line.text))
             for line in p.lines]
    if not any(card for _, card in found):
        return None
    facts, skipped, used = [], [], 0
    for line, card in found:
        if card is None:
            scope.prose(line.text, line.where)
            continue
        question, answer = end_question(card[0]), end_answer(card[1])
        problem = arrow_problem(scope, answer, question) if card[2] == "→" else None
        if problem:
            skipped.append(Skip(line.where, problem, clean(line.text)[:160]))
            continue
        fact, skip = _qa(scope, question, answer, line.where, line.text)
        facts += fact
        skipped += skip
        used += bool(fact)
    return Claim(1, tuple(facts), tuple(skipped), used=used)


def sr_multiline(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """Question lines, a ``?`` (``??`` reversed) line, answer lines: one paragraph."""
    p = blocks[i]
    if not isinstance(p, Paragraph) or len(p.lines) < 2:
        return None
    marks = [k for k, line in enumerate(p.lines) if line.text.strip() in ("?", "??")]
    if len(marks) != 1:
        return None
    k = marks[0]
    question = end_question(" ".join(l.text for l in p.lines[:k]))
    answer = end_answer(" ".join(l.text for l in p.lines[k + 1:]))
    where = p.lines[0].where
    fact, skip = _qa(scope, question, answer, where, text_of(p))
    return Claim(1, tuple(fact), tuple(skip), used=len(fact))


# ---------------------------------------------------------------- Q: / A:


def qa_pairs(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """``Q: …`` then ``A: …`` (also ``**Q:**``, ``Question:``/``Answer:``), within a paragraph or across blocks."""
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.lines or not _Q.match(clean(p.lines[0].text)):
        return None
    pairs: list[list] = []  # [question lines, answer lines or None, where]
    j = i
    while j < len(blocks) and isinstance(blocks[j], Paragraph):
        block = blocks[j]
        if not block.lines:
            break
        first = clean(block.lines[0].text)
        if j > i:
            awaiting = pairs and (pairs[-1][1] is None or not pairs[-1][1])
            if not (_Q.match(first) or _A.match(first) or (awaiting and pairs[-1][1] is not None)):
                break
        for line in block.lines:
            t = clean(line.text)
            if m := _Q.match(t):
                pairs.append([[m.group(1)] if m.group(1) else [], None, line.where])
            elif (m := _A.match(t)) and pairs and pairs[-1][1] is None:
                pairs[-1][1] = [m.group(1)] if m.group(1) else []
            elif pairs:
                (pairs[-1][0] if pairs[-1][1] is None else pairs[-1][1]).append(t)
        j += 1
    facts, skipped = [], []
    for q_lines, a_lines, where in pairs:
        question = end_question(" ".join(q_lines))
        answer = end_answer(" ".join(a_lines or []))
        fact, skip = _qa(scope, question, answer, where, f"Q: {question} A: {answer}")
        facts += fact
        skipped += skip
    return Claim(j - i, tuple(facts), tuple(skipped), used=len(facts))


# ---------------------------------------------------------------- question bullets and headings


def _is_question(text: str) -> bool:
    return text.endswith("?") and bool(_QUESTION_WORD.match(text)) and words(text) >= 3


def _ends_in_question(text: str) -> bool:
    """"S3 is only reachable over its API. How do on-premises servers mount it?": a short premise, then the
    question the child bullet answers — the author's question, premise and all (not "What is S3?")."""
    parts = sentences(text)
    return len(parts) >= 2 and _is_question(parts[-1].strip()) and not any(p.strip().endswith("?") for p in parts[:-1]) \
        and words(" ".join(parts[:-1])) <= 20


def _bold_line(scope: Scope, where: Location) -> bool:
    raw = raw_line(scope, where).strip()
    raw = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", raw)
    return bool(re.fullmatch(r"(\*\*|__).+?\1:?", raw))


def question_bullet(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """``* **What is X?**`` with one child bullet (or a bold question line, then its answer paragraph)."""
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.lines or not p.first:
        return None
    question = end_question(p.lines[0].text)
    if not _is_question(question) and not (p.list_item and len(p.lines) == 1 and _ends_in_question(question)):
        return None
    where = p.lines[0].where
    if p.list_item and len(p.lines) == 1 and p.has_children:
        children = [k for k in range(i + 1, len(blocks))
                    if isinstance(blocks[k], Paragraph) and blocks[k].parent == p.item]
        items = {blocks[k].item for k in children}
        if len(items) != 1:
            return None
        child = blocks[children[0]]
        if child.has_children:
            return None
        end = children[-1] + 1
        answer = " ".join(text_of(blocks[k]) for k in children)
    elif not p.list_item and _bold_line(scope, where):
        if len(p.lines) > 1:
            answer, end = " ".join(l.text for l in p.lines[1:]), i + 1
        elif i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph) and not blocks[i + 1].list_item:
            answer, end = text_of(blocks[i + 1]), i + 2
        else:
            return None
    else:
        return None
    facts, skipped = _qa(scope, question, end_answer(answer), where, f"{question} {answer}")
    return Claim(end - i, tuple(facts), tuple(skipped), used=len(facts))


def question_heading(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """``### What is Glue?`` followed by a short answer paragraph (a longer one is left to the walker)."""
    p = blocks[i]
    if i == 0 or not isinstance(p, Paragraph) or not p.lines or p.list_item or p.quote:
        return None
    h = blocks[i - 1]
    if not isinstance(h, Heading) or h.callout:
        return None
    question = end_question(re.sub(r"^\d+[.)]\s+", "", h.text))
    if not _is_question(question) or re.match(r"^what is it\??$", question, re.I):
        return None
    answer = end_answer(text_of(p))
    if answer_problem(answer):
        return None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if isinstance(nxt, Paragraph) and not nxt.list_item:
        return None  # several paragraphs answer it: the walker reads them sentence by sentence
    facts, skipped = _qa(scope, question, answer, p.lines[0].where, answer)
    return Claim(1, tuple(facts), tuple(skipped), used=len(facts))


# ---------------------------------------------------------------- shared


_TWO_PART = re.compile(r"^((?:what|which|how|why|when|where|who)\b.+?),? and ((?:what|how|why|when|which|where|who|for what)"
                       r"\b.*?)\?$", re.I)
_NAMED = re.compile(r"^what (?:is|are) (?!the\b|its?\b|their\b|an?\b)(.+)$", re.I)
"""The first part of a two-part question names its subject ("What is vertical scaling for an EC2 instance"), not
a role ("What is the key component of …"): the second part may then be asked of that subject by name."""
_EXAMPLE_NOTE = re.compile(r"\s*\((?:e\.g\.|eg\.|for example|for instance|such as|like)[^()]*\)", re.I)
_RESTATED_LEAD = re.compile(r"^(?:the|its|their) (?:\w+ ){0,2}(?:is|are) that (?=\w)", re.I)
_PRONOUN_IS = re.compile(r"^(?:it's|it is|they're|they are) (?=(?:an?|the)\b)", re.I)
""""It's an ELB feature that …" answering "What is X?": the answer is "an ELB feature that …"."""
_EXAMPLE_SENTENCE = re.compile(r"^(?:for example|for instance|e\.g\.|eg\.|example:)", re.I)


def _split_answer(scope: Scope, question: str, answer: str, where: Location) -> list | None:
    """An answer of several facts the question asks for in parts, or one fact followed by its examples:

    - "What is X, and what is its drawback?" answered in two sentences gives two cards: "What is X?" → the first
      sentence, and "X: what is its drawback?" → the second (when the first part names X, not a role);
    - a one-part question answered by a sentence, then "For example …" sentences: the sentence is the answer.
    A parenthesised example ("(e.g., T2 to M5)") is left off an answer cut this way. None when neither fits."""
    parts = [_PRONOUN_IS.sub("", end_answer(_EXAMPLE_NOTE.sub("", x))) for x in sentences(answer)]
    m = _TWO_PART.match(question)
    if m and _VAGUE_PART.match(m.group(2)):
        return None  # "… and what should you know?": the first sentence answers it (below in _qa)
    if m and m.group(2).lower() == "why" and len(parts) == 1 and not question_problem(question):
        # "…, and why?" answered "A is required because B, and C": the answer and its first reason
        cut = re.match(r"^(.+?\b(?:because|since|as)\b.+?)(?:,? and |; | - |, which )", parts[0])
        if cut and not answer_problem(cut.group(1)):
            return [qa_claim_fact(scope, question, cut.group(1), where)]
        return None
    if len(parts) < 2 or question_problem(question):
        return None
    if m is None:
        if len(parts) > 1 and all(_EXAMPLE_SENTENCE.match(x) for x in parts[1:]) and not answer_problem(parts[0]) \
                and _QUESTION_WORD.match(question) and not _SPLIT_WHAT.match(question):
            return [qa_claim_fact(scope, question, parts[0], where)]
        return None
    if len(parts) != 2 or any(answer_problem(x) for x in parts) or ":" in parts[0]:
        return None
    first = m.group(1) + "?"
    facts = [qa_claim_fact(scope, first, parts[0], where)]
    named = _NAMED.match(m.group(1))
    if named and words(named.group(1)) <= 8 and re.search(r"\b(?:its?|their|they|each)\b", m.group(2), re.I):
        second = _RESTATED_LEAD.sub("", parts[1])
        second = parts[1] if re.match(r"(?:it|they|this|these)\b", second, re.I) else second
        name = named.group(1)
        facts.append(qa_claim_fact(scope, f"{name[:1].upper()}{name[1:]}: {m.group(2)}?", second, where, kind="qa2"))
    return facts


def _qa(scope: Scope, question: str, answer: str, where: Location, text: str):
    """([fact], []) for a usable authored question, ([], [skip]) with the reason otherwise."""
    problem = question_problem(question) or answer_problem(answer)
    if problem == Reason.AUTHORED_SEVERAL_FACTS and (split := _split_answer(scope, question, answer, where)):
        return split, []
    m = _SPLIT_WHAT.match(question)
    if m and words(m.group(1)) <= 7 and not question_problem(question) and answer \
            and (len(sentences(answer)) > 1 and (problem or _VAGUE_PART.match(m.group(2)))):
        # "What is EC2 and what should you know for the exam?" — the first sentence answers the first part.
        first = end_answer(sentences(answer)[0])
        if words(first) <= 12 and ":" not in first and not answer_problem(first):
            rest = " ".join(sentences(answer)[1:])
            return [qa_claim_fact(scope, m.group(1) + "?", first, where)], \
                [Skip(where, Reason.AUTHORED_LIST_REST, rest[:160])]
    if m and words(m.group(1)) <= 7 and _VAGUE_PART.match(m.group(2)) and len(sentences(answer)) == 1 and not problem:
        question = m.group(1) + "?"  # "… and what should you know for the exam?" asks nothing the answer gives
    if problem:
        return [], [Skip(where, problem, clean(text)[:160])]
    if clean(question).lower() == clean(answer).lower():
        return [], [Skip(where, Reason.AUTHORED_ANSWER_REPEATS_QUESTION, clean(text)[:160])]
    return [qa_claim_fact(scope, question, answer, where)], []
