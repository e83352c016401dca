"""Scenario notes: a ``Scenario …`` heading (or bullet), the question as bullets, then an ``Answer:`` bullet.

The card asks the scenario (condensed to its question and the requirements if it is long) and answers
with what the author marked as the answer — not the reasoning under it ("Can't be X because …").

The lines under the answer that state general facts ("Kinesis Data Streams keeps records up to 365 days",
"Standard-IA is designed for 99.9% availability") go to the walker's ordinary sentence handling, with the
service of the line above them (or of the answer, or of the question) as their subject: lines about the
options or the scenario itself, reasons chained with "because", examples and the scenario's own numbers do not.
"""
from __future__ import annotations

import re

from ...model import Block, Heading, Paragraph, QAFact, Skip
from ...model import Reason
from ...parse import HL_CLOSE, HL_OPEN
from ...errors import Location
from ...lexicon import phrases
from ...text import sentences, words
from ..rule import Claim, Scope
from ._common import clean, end_answer, multiple_choice, norm_words, text_of

SCENARIO = re.compile(r"^(?:\d+[.)]\s*)?(?:scenario|case study|exam question|practice question)\b\s*[\w.-]*\s*[:.-]?\s*(.*)$",
                      re.I)
ANSWER = re.compile(r"^(?:answers?|solution|correct answer)\s*[:.-]\s*(.*)$", re.I)
REASONING = re.compile(r"^(?:can'?t|cannot|can not|not|isn'?t|won'?t|wrong|incorrect|no\b|why not)\b", re.I)
RIGHT = re.compile(r"^(.+?)[\s,]*(?:(?:is|are|would be) (?:the )?(?:right|correct|best) (?:answer|option|choice|solution)"
                   r"|hence (?:the|it is the) (?:right|correct) answer)\b", re.I)
MAX_SCENARIO = 90
"""A scenario longer than this is condensed to its question and the lines that state requirements."""
MAX_FRONT = 110
MAX_ANSWER = 25
"""An answer the author marked as the right one may run a little longer than a plain fact (a design)."""
REQUIREMENT = re.compile(r"\b(?:must|needs?|wants?|requires?|required|requirement|should|only|least|most|minimi[sz]e|"
                         r"maximi[sz]e|\d)", re.I)


def scenario(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    p = blocks[i]
    if not isinstance(p, Paragraph) or not p.lines or not p.list_item or not p.first:
        return None
    prev = blocks[i - 1] if i else None
    if isinstance(prev, Heading) and SCENARIO.match(prev.text):
        base_depth, scope_item, intro = p.depth, None, ""
        start = i
    elif (m := SCENARIO.match(clean(p.lines[0].text))) and p.has_children:
        base_depth, scope_item, intro = p.depth + 1, p.item, m.group(1)
        start = i + 1
    else:
        return None
    # the scenario's blocks: up to the next heading, or (a scenario bullet) the end of its children
    end = start
    while end < len(blocks) and isinstance(blocks[end], Paragraph) and blocks[end].list_item \
            and blocks[end].depth >= base_depth:
        end += 1
    answer_at = next((k for k in range(start, end) if blocks[k].depth == base_depth and blocks[k].first
                      and blocks[k].lines and ANSWER.match(clean(blocks[k].lines[0].text))), None)
    if answer_at is None:
        return None
    question_lines = [clean(intro)] if intro else []
    for k in range(start, answer_at):
        question_lines.append(_sentence(text_of(blocks[k])))
    answer_block = blocks[answer_at]
    last = answer_at + 1
    while last < end and blocks[last].depth > base_depth:
        last += 1
    where = next((b.lines[0].where for b in blocks[start:last] if b.lines), None)
    if where is None:
        return None
    question = _front(question_lines)
    inline = ANSWER.match(clean(answer_block.lines[0].text)).group(1)
    children = [blocks[k] for k in range(answer_at + 1, last)
                if blocks[k].parent == answer_block.item and blocks[k].first and blocks[k].lines]
    answer, why = (end_answer(inline), None) if inline else _answer(children)
    consumed = last - i
    raw = " ".join(question_lines)
    # the answer's own lines are the scenario card's back, unless that card is not made
    dropped = _explanation(blocks[answer_at + 1:last], raw,
                           answer if question and not multiple_choice(question) else "", scope)
    if not question:
        return Claim(consumed, skipped=(Skip(where, Reason.SCENARIO_TOO_LONG, raw[:160]), *dropped))
    if not answer:
        return Claim(consumed, skipped=(Skip(where, why or Reason.SCENARIO_UNMARKED, raw[:160]), *dropped))
    if multiple_choice(question):
        return Claim(consumed, skipped=(Skip(where, Reason.MULTIPLE_CHOICE_WITHOUT_OPTIONS, raw[:160]), *dropped))
    subject, ids = scope.subject()
    found = tuple(dict.fromkeys(sid for t in (answer, question) for sid in scope.catalog.ids(t))) or ids
    fact = QAFact(f"scenario|{scope.section_key()}|{norm_words(question, 6)}", subject, scope.context(), where,
                  found, question, answer)
    return Claim(consumed, (fact,), tuple(dropped), used=1)


_ASKS = re.compile(r"^(?:what|which|why|how|when|where|who|can|could|should|would|is|are|does|do)\b", re.I)


def _sentence(text: str) -> str:
    text = clean(text).rstrip(";,.").strip()
    if _ASKS.match(text) and not text.endswith("?"):
        return text + "?"  # "Which one is a valid configuration …;" is the question
    return text if re.search(r"[.?!:]$", text) else text + "."


def _front(lines: list[str]) -> str:
    lines = [l for l in lines if l and l != "."]
    if not lines:
        return ""
    if not any(l.endswith("?") for l in lines):
        lines.append("What is the solution?")
    text = " ".join(lines)
    if words(text) <= MAX_SCENARIO:
        return text
    # long: the setting (first line), the requirements and the question
    keep = [lines[0]] + [l for l in lines[1:] if l.endswith("?") or REQUIREMENT.search(l)]
    text = " ".join(keep)
    if words(text) > MAX_FRONT:
        keep = [lines[0]] + [l for l in lines[1:] if l.endswith("?")]
        text = " ".join(keep)
    return text if words(text) <= MAX_FRONT else ""


def _highlighted(text: str) -> float:
    """Share of the text's letters inside highlight marks."""
    inside, depth, total = 0, 0, 0
    for ch in text:
        if ch == HL_OPEN:
            depth += 1
        elif ch == HL_CLOSE:
            depth = max(0, depth - 1)
        elif ch.isalnum():
            total += 1
            inside += depth > 0
    return inside / total if total else 0.0


def _answer(children: list[Paragraph]) -> tuple[str, Reason | None]:
    """(answer, None) or ("", why not) from the Answer bullet's children."""
    texts = [text_of(c) for c in children]
    candidates = [t for t in texts if not REASONING.match(clean(t))]
    if not candidates:
        return "", Reason.SCENARIO_UNMARKED
    for t in candidates:
        m = RIGHT.match(clean(t))
        if m:
            return _fit(m.group(1))
    marked = [t for t in candidates if _highlighted(t) >= 0.8]
    # names the author highlighted inside the answer's lines ("We can use ==Kinesis Data Streams== …")
    short: list[str] = []
    for t in candidates:
        if t in marked:
            continue
        for h in re.findall(f"{HL_OPEN}([^{HL_OPEN}{HL_CLOSE}]+){HL_CLOSE}", t):
            h = end_answer(h)
            if _NUMBER.match(h):
                continue  # a highlighted figure ("3,500 PUT requests") is a limit the line states, not the option chosen
            if 1 <= words(h) <= 5 and h.lower() not in (s.lower() for s in short):
                short.append(h)
    if 2 <= len(short) <= 4 or (short and not marked):
        return ", ".join(short), None
    if marked:
        if sum(words(clean(t)) for t in marked) <= 15 and len(marked) <= 3:
            return "; ".join(end_answer(t) for t in marked), None
        return _fit(marked[0])
    if len(candidates) == 1:
        return _fit(candidates[0])
    return "", Reason.SCENARIO_SEVERAL_ANSWERS


def _fit(text: str) -> tuple[str, Reason | None]:
    text = end_answer(text)
    first = sentences(text)[0] if sentences(text) else text
    first = end_answer(first)
    if words(first) > MAX_ANSWER:
        return "", Reason.SCENARIO_ANSWER_TOO_LONG
    return first, None


_ABOUT_SCENARIO = re.compile(rf"\b(?:{phrases('scenario_references')})\b(?<!(?-i:\bUS))", re.I)  # "US Regions" is no "us"
"""The line speaks of the scenario or its options ("the company wants …", "option B is wrong")."""
_CHAINED = re.compile(rf"\b(?:{phrases('reason_chains')})\b", re.I)
_EXAMPLE = re.compile(rf"^(?:{phrases('example_openers')})\b", re.I)
_EXAMPLE_LIMIT = re.compile(r"^(?:for example|for instance|e\.g\.)\s*[:,]\s*((?:\S+\s+){0,8}?"
                            r"(?:at least|up to|at most|as many as|as much as)\s+\d.*)$", re.I)
"""An example stating a limit ("For example: an app can reach at least 3,500 writes per second")."""
_DROPPED = re.compile(r"^(?:can'?t|cannot|can not|isn'?t|won'?t)\s+be\s+(.+?)\s*,?\s+(?:since|because|as)\s+"
                      r"(?:it|they|(?P<what>(?:the\s+)?(?:objects|data|files|items|records|messages))\s+(?:stored\s+)?there)"
                      r"\s+(?P<rest>\S.*)$", re.I)
"""A rejected option and the reason that speaks of it alone: "Can't be X since it cannot read from the source",
"… since objects stored there take hours to restore"."""
_PRONOUN = re.compile(r"^(?:it|they)\s+", re.I)
_NUMBER = re.compile(r"(?<![\w.,-])\d+(?:[.,]\d+)*")
"""A figure standing on its own ("5000 requests", "1GB"), not the digit of a name ("S3", "EC2", "gp2")."""


def _explanation(region: list[Block], question: str, answer: str, scope: Scope) -> list[Skip]:
    """General facts among the lines under a scenario's answer, handed to the walker's sentence handling.

    When the author highlighted some of the lines, only those (and the lines under them) explain: the others
    restate the options weighed, which may be wrong. The answer itself, the options ("Can't be X …"), lines
    about the scenario, chained reasons, examples and sentences repeating the scenario's numbers are left out,
    each with its reason (returned)."""
    dropped: list[Skip] = []
    items = {b.item: b for b in region if isinstance(b, Paragraph) and b.first}
    marked = {b.item for b in region if isinstance(b, Paragraph) and any(HL_OPEN in l.text for l in b.lines)}

    def ancestors(b: Paragraph):
        while b.parent in items:
            b = items[b.parent]
            yield b

    numbers = set(_NUMBER.findall(question))
    answer_key = re.sub(r"\W+", " ", answer.lower()).strip()
    by_answer = scope.catalog.single(answer) if answer else None
    by_question = scope.catalog.single(question)
    for b in region:
        if not isinstance(b, Paragraph) or not b.lines:
            continue
        text = clean(text_of(b))
        if b.parent not in items and (m := _DROPPED.match(text)) and (svc := scope.catalog.exact(m.group(1))):
            # "Can't be X since it cannot …": what the reason says of X itself is a fact about X
            dropped.append(Skip(b.lines[0].where, Reason.SCENARIO_REASONING, text[:160]))  # the option weighed
            rest = sentences(m.group("rest"))
            name = m.group(1).strip(" ,;")
            lead = f"{m.group('what')[:1].upper()}{m.group('what')[1:]} stored in {name}" if m.group("what") else name
            for sentence in ([f"{lead} {rest[0]}"] + rest[1:] if rest else []):
                if why := _explained(sentence, b.lines[0].where, svc, name, numbers, answer_key, scope):
                    dropped.append(Skip(b.lines[0].where, why, sentence[:160]))
            continue
        if any(REASONING.match(clean(text_of(a))) for a in (b, *ancestors(b))):
            # an option weighed and dropped, and what the author says under it
            dropped.append(Skip(b.lines[0].where, Reason.SCENARIO_REASONING, text[:160]))
            continue
        if marked and b.item not in marked and not any(a.item in marked for a in ancestors(b)):
            dropped.append(Skip(b.lines[0].where, Reason.SCENARIO_UNHIGHLIGHTED, text[:160]))
            continue
        named = next((found for a in (b, *ancestors(b)) if (found := _names(clean(text_of(a)), scope))), None)
        svc = named[0] if named else by_answer or by_question
        under_label = b.parent in items and clean(text_of(items[b.parent])).endswith(":")
        for k, sentence in enumerate(sentences(text)):
            if k and b.item in marked and (m := _EXAMPLE_LIMIT.match(sentence)) \
                    and not numbers & set(_NUMBER.findall(sentence)):
                # "S3 scales to high request rates. For example: you can reach at least 3,500 …": on a marked line
                # the figure after a claim is the author's fact (a limit), not an illustration of it
                sentence = m.group(1)[:1].upper() + m.group(1)[1:]
            if sentence.endswith(":") or (under_label and k == 0):
                # a label, or an item of the list it opens ("Ordering of records"): not a statement
                dropped.append(Skip(b.lines[0].where, Reason.LABEL, sentence[:160]))
                continue
            why = _explained(sentence, b.lines[0].where, svc, named[1] if named else "", numbers, answer_key, scope)
            if why:
                dropped.append(Skip(b.lines[0].where, why, sentence[:160]))
    return dropped


def _names(text: str, scope: Scope):
    """(service, its name as the line writes it) when the line names one service."""
    svc = scope.catalog.single(text)
    if svc is None:
        return None
    m = next((m for m in scope.catalog.mentions(text) if m.service.id == svc.id), None)
    return svc, text[m.start:m.end] if m else svc.name


def _explained(sentence: str, where: Location, svc, named: str, numbers: set[str], answer_key: str,
               scope: Scope) -> Reason | None:
    """One sentence of a scenario's explanation: to the walker when it states a general fact, or why not."""
    sentence = sentence.strip().rstrip(";,").strip()
    sentence = sentence if re.search(r"[.!?]$", sentence) else sentence + "."  # "…for later reads;" ends a sentence
    key = re.sub(r"\W+", " ", sentence.lower()).strip()
    if RIGHT.match(sentence) or (answer_key and (key in answer_key or answer_key in key
                                                 and words(answer_key) >= max(2, words(key) / 2))):
        return Reason.SCENARIO_RESTATES_ANSWER  # (or most of the sentence is), asked by the question's own card
    if _EXAMPLE.match(sentence):
        return Reason.DANGLING_START
    if _ABOUT_SCENARIO.search(sentence) or _CHAINED.search(sentence) \
            or numbers & set(_NUMBER.findall(sentence)) or sentence.endswith("?"):
        return Reason.SCENARIO_SPECIFIC
    if _PRONOUN.match(sentence):
        if not (named and svc):
            return Reason.DANGLING_START  # "It can …" with no one service named above it
        sentence = f"{named} {sentence[_PRONOUN.match(sentence).end():]}"  # the name the author used
    mentions = scope.catalog.mentions(sentence)
    own = mentions and mentions[0].start == 0
    scope.prose(sentence, where, None if own or svc is None else (svc.name, (svc.id,)), general=True)
    return None


def explain(text: str, where: Location, question: str, answer: str, scope: Scope) -> None:
    """An explanation written after a practice question's answer ("Answer: B. Kinesis keeps records up to 365
    days."): its general facts to the walker, about the service the answer (or the question) names."""
    svc = scope.catalog.single(answer) or scope.catalog.single(question)
    numbers = set(_NUMBER.findall(question))
    answer_key = re.sub(r"\W+", " ", answer.lower()).strip()
    for sentence in sentences(clean(text)):
        _explained(sentence, where, svc, "", numbers, answer_key, scope)
