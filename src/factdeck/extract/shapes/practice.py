"""Practice questions as exam-prep notes write them: taken as Q&A cards with the author's answer.

- a question with its options and the right one marked: a task list (``- [x] Kinesis`` among ``- [ ] …``),
  lettered options (``A. …`` / ``- (b) …``) with an answer line (``Answer: B``, ``Correct answer: B, D``),
  or the answer in a collapsed ``<details>`` block below;
- a question followed by a collapsed ``<details><summary>Answer</summary> … </details>`` block;
- a ``<details>`` block whose summary is the question and whose body is the answer.

The front is the question as written (its options only when the question cannot be read without them:
"Which of the following …"); the back is the marked option's text, or the author's short answer. A
question whose answer is not marked, or whose answer is a paragraph, is left to the other rules.
"""
from __future__ import annotations

import re

from ...errors import Location
from ...model import Block, Paragraph, Skip
from ...model import Reason
from ...text import words
from ..rule import Claim, Scope
from .scenario import explain
from ._common import answer_problem, clean, end_answer, end_question, multiple_choice, qa_claim_fact, \
    question_problem, text_of
from ._common import note_lines

_CHECKBOX = re.compile(r"^\[([ xX✓✔])\]\s+(.+)$")
_LETTER = re.compile(r"^\(?([A-Ha-h])[.):]\s+(.+)$")
_ANSWER_LINE = re.compile(r"^(?:correct\s+)?(?:answers?|ans|solution|key)\s*(?:is|are)?\s*[:=\-–—]?\s*(.*)$", re.I)
_LETTERS = re.compile(r"^\(?([A-Ha-h])\)?(?:\s*(?:,|and|&|/)\s*\(?([A-Ha-h])\)?)*(?=[\s.:)–—-]|$)")
_QUESTION_PREFIX = re.compile(r"^(?:Q(?:uestion)?\s*\d*\s*[:.)]|\d+\s*[.)])\s*", re.I)
_SUMMARY = re.compile(r"<summary[^>]*>(.*?)</summary>", re.I | re.S)
_GENERIC_SUMMARY = re.compile(
    r"^(?:(?:(?:show|see|reveal|view|check|toggle)\s+(?:the\s+)?)?(?:correct\s+)?(?:answers?|solutions?|explanations?|"
    r"results?|hints?)(?:\s+(?:and|&)\s+explanations?)?|click(?:\s+here)?\s+to\s+(?:expand|reveal|show)(?:\s+.*)?|"
    r"expand|reveal|spoiler|details)\s*[:.!]?$", re.I)
_EXPLAINED = re.compile(r"^(?:explanation|explained|why|reason(?:ing)?)\s*[:.\-–—]\s*", re.I)
MAX_OPTIONS = 8
MAX_MARKED = 3


def _raw(scope: Scope) -> tuple[str, ...]:
    return note_lines(scope.note.text)


def _is_question(text: str) -> bool:
    """A question stem: ends with '?' (possibly after a 'Select TWO.' instruction) or asks to choose."""
    t = clean(text)
    return words(t) >= 4 and ("?" in t[-40:] or multiple_choice(t))


def _details_at(scope: Scope, p: Block) -> tuple[str, int, int] | None:
    """(summary text, summary line, closing line) when ``p`` starts a ``<details>`` block's summary."""
    if not isinstance(p, Paragraph) or not p.lines:
        return None
    raw = _raw(scope)
    first = p.lines[0].where.line
    start = first - 1
    while start >= 0 and start >= first - 3 and "<summary" not in raw[start].lower():
        start -= 1
    if start < 0 or "<summary" not in raw[start].lower():
        return None
    window = "\n".join(raw[start:start + 4])
    m = _SUMMARY.search(window)
    if not m:
        return None
    close = next((k + 1 for k in range(start, len(raw)) if "</details>" in raw[k].lower()), len(raw) + 1)
    summary = clean(re.sub(r"<[^>]+>", " ", m.group(1)))
    return summary, start + 1, close


def _body(blocks: list[Block], i: int, first_line: int, close: int, skip_first_line: bool) -> tuple[str, int]:
    """The text of a details block's body and the index after its last block."""
    parts: list[str] = []
    j = i
    while j < len(blocks):
        b = blocks[j]
        if not isinstance(b, Paragraph) or not b.lines:
            break
        line = b.lines[0].where.line
        if j > i and not (first_line <= line < close):
            break
        lines = b.lines[1:] if (j == i and skip_first_line) else b.lines
        parts += [l.text for l in lines if l.where.line < close]
        j += 1
    return " ".join(parts).strip(), j


def _options(blocks: list[Block], i: int, stem: Paragraph) -> tuple[list[tuple[str, str, bool]], int]:
    """Options below a stem: (letter, text, checked) and the index after them. Lines of the stem's paragraph
    after its first, children of a stem bullet, or the list items that follow a stem paragraph."""
    opts: list[tuple[str, str, bool]] = []

    def take(text: str) -> bool:
        t = clean(text)
        if m := _CHECKBOX.match(t):
            opts.append((chr(ord("A") + len(opts)), m.group(2).strip(), m.group(1) != " "))
            return True
        if (m := _LETTER.match(t)) and m.group(1).upper() == chr(ord("A") + len(opts)):
            opts.append((m.group(1).upper(), m.group(2).strip(), False))
            return True
        return False

    stem_lines = list(stem.lines[1:])
    k = 0
    while k < len(stem_lines) and take(stem_lines[k].text):
        k += 1
    if k < len(stem_lines):
        return [], i + 1  # other text after the options: not a question with options
    j = i + 1
    while j < len(blocks) and len(opts) <= MAX_OPTIONS:
        b = blocks[j]
        if not isinstance(b, Paragraph) or not b.lines or not b.list_item:
            break
        if stem.list_item and b.parent != stem.item:
            break
        if not stem.list_item and b.depth != 1:
            break
        if len(b.lines) != 1 or not take(b.lines[0].text):
            break
        j += 1
    return opts, j


def _marked(answer: str, opts: list[tuple[str, str, bool]]) -> list[str] | None:
    """The options an answer text names by letter ("B", "B, D", "(c) because …") or by their whole text."""
    text = clean(answer)
    m = _ANSWER_LINE.match(text)
    if m:
        text = m.group(1).strip()
    letters = {o[0] for o in opts}
    lm = _LETTERS.match(text)
    if lm:
        found = [c.upper() for c in re.findall(r"[A-Ha-h]", lm.group(0))]
        if found and set(found) <= letters:
            return [o[1] for o in opts if o[0] in found]
    by_text = [o[1] for o in opts if clean(o[1]).lower() and clean(o[1]).lower() in text.lower()]
    return by_text or None


def _explanation(answer: str) -> str:
    """What an answer line says after the letters it names ("B — FIFO keeps order", "Answer: B. Explanation: …")."""
    text = clean(answer)
    m = _ANSWER_LINE.match(text)
    if m:
        text = m.group(1).strip()
    lm = _LETTERS.match(text)
    if not lm:
        return ""
    return _EXPLAINED.sub("", text[lm.end():].lstrip(" .:;)–—-"))


def _card(scope: Scope, stem: str, answer: str, where: Location, opts: list[tuple[str, str, bool]] | None = None):
    question = end_question(_QUESTION_PREFIX.sub("", clean(stem)))
    if opts and multiple_choice(question):
        question = f"{question} ({' / '.join(clean(o[1]) for o in opts)})"
    problem = _question_problem(question, bool(opts)) or answer_problem(answer)
    if problem:
        return [], [Skip(where, problem, clean(f"{question} {answer}")[:160])]
    if clean(question).lower() == clean(answer).lower():
        return [], [Skip(where, Reason.AUTHORED_ANSWER_REPEATS_QUESTION, clean(question)[:160])]
    return [qa_claim_fact(scope, question, answer, where, kind="practice")], []


def _question_problem(question: str, with_options: bool) -> Reason | None:
    problem = question_problem(question)
    if problem is Reason.MULTIPLE_CHOICE_WITHOUT_OPTIONS and with_options:
        return None
    return problem


def practice_question(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """A question stem with marked options, or with an answer line or a collapsed answer below it."""
    stem = blocks[i]
    if not isinstance(stem, Paragraph) or not stem.lines or not stem.first or _details_at(scope, stem):
        return None
    if not _is_question(stem.lines[0].text) and not _is_question(text_of(stem)):
        return None
    stem_text = stem.lines[0].text
    opts, j = _options(blocks, i, stem)
    if opts and len(stem.lines) == 1:
        stem_text = text_of(stem)
    elif not opts:
        stem_text = text_of(stem)
    if len(opts) == 1 or len(opts) > MAX_OPTIONS:
        return None
    where = stem.lines[0].where
    checked = [o[1] for o in opts if o[2]]
    answer: list[str] | str | None = checked or None
    end = j
    explained: tuple[str, Location] | None = None  # the text after the answer's letters, and where it is
    if answer is None and j < len(blocks):
        nxt = blocks[j]
        details = _details_at(scope, nxt)
        if details and _GENERIC_SUMMARY.match(details[0]):
            body, end = _body(blocks, j, details[1], details[2], skip_first_line=True)
            answer = _marked(body, opts) if opts else (end_answer(body) or None)
            explained = (_explanation(body), nxt.lines[0].where) if opts and nxt.lines else None
        elif isinstance(nxt, Paragraph) and nxt.lines and opts and _ANSWER_LINE.match(clean(nxt.lines[0].text)):
            answer, end = _marked(text_of(nxt), opts), j + 1
            explained = (_explanation(text_of(nxt)), nxt.lines[0].where)
        elif isinstance(nxt, Paragraph) and nxt.lines and not opts and \
                re.match(r"^(?:correct\s+)?(?:answer|ans)\s*[:=]", clean(nxt.lines[0].text), re.I):
            return None  # "Answer: …" after a question is the Q:/A: shape's
    if not answer:
        if len(opts) >= 2:  # the options alone would become cards about nothing
            return Claim(end - i, (), (Skip(where, Reason.PRACTICE_UNMARKED,
                                            clean(stem_text)[:160]),))
        return None
    if isinstance(answer, list):
        if len(answer) > MAX_MARKED:
            return Claim(end - i, (), (Skip(where, Reason.PRACTICE_SEVERAL_MARKED,
                                            clean(stem_text)[:160]),))
        answer = "; ".join(end_answer(a) for a in answer)
    facts, skipped = _card(scope, stem_text, answer, where, opts or None)
    if explained and explained[0]:
        explain(explained[0], explained[1], clean(stem_text), answer, scope)
    return Claim(end - i, tuple(facts), tuple(skipped), used=len(facts))


def details_question(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    """``<details><summary>Question?</summary> answer </details>``: the summary asks, the body answers."""
    p = blocks[i]
    found = _details_at(scope, p)
    if not found:
        return None
    summary, line, close = found
    where = p.lines[0].where
    if _GENERIC_SUMMARY.match(summary):
        # an answer with no question above it that any rule took: its text is ordinary prose
        return None
    if not _is_question(summary):
        return None
    body, end = _body(blocks, i, line, close, skip_first_line=True)
    facts, skipped = _card(scope, summary, end_answer(body), where)
    return Claim(end - i, tuple(facts), tuple(skipped), used=len(facts))
