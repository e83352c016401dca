"""The author's own emphasis as the answer: a sentence holding ``==highlight==`` or ``<mark>`` becomes a cloze
whose deletion is the highlighted text.

A highlight that covers most of its sentence is emphasis, not an answer: that sentence gets the walker's
normal handling. A sentence that does not name what it is about gets the subject as a "Subject — " prefix.
"""
from __future__ import annotations

import re

from ...model import Block, ClozeFact, Paragraph, Segment, Skip
from ...model import Reason
from ...parse import HL_CLOSE, HL_OPEN, strip_marks
from ...text import is_chatter, protocol_line, words
from ..rule import Claim, Scope
from ._common import clean, norm, norm_words

MAX_HIGHLIGHT = 12
"""Most words a highlight may hide (CARDS.md: one fact, about 15 words)."""
MAX_SHARE = 0.6
"""A highlight covering more of its sentence than this is emphasis: there would be nothing left to cue it."""
MAX_SENTENCE = 45
_SPLIT = re.compile(r"(?<=[.!?])[\ue001]?\s+(?=[\ue000]?[A-Z0-9(\"'])")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|cf|Inc|No|St)\.|\b[A-Z]\.)[\ue001]?$")
_SPAN = re.compile(f"{HL_OPEN}([^{HL_OPEN}{HL_CLOSE}]*){HL_CLOSE}")
_PRONOUN = re.compile(r"^(?:it|this|these|they|those|that|he|she|we|you)\b", re.I)


def _sentences(text: str) -> list[str]:
    """Sentences of a text holding highlight marks (a mark may sit at a sentence boundary)."""
    out: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        part = text[pos:m.end()].rstrip()
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + part
        else:
            out.append(part)
        pos = m.end()
    tail = text[pos:]
    if out and _ABBREV.search(out[-1]):
        out[-1] += " " + tail
    else:
        out.append(tail)
    return [s.strip() for s in out if s.strip()]


def highlight(blocks: list[Block], i: int, scope: Scope) -> Claim | None:
    p = blocks[i]
    if not isinstance(p, Paragraph) or not any(HL_OPEN in l.text for l in p.lines):
        return None
    pending: list[tuple[str, object]] = []  # text for the walker, in order
    facts, skipped = [], []
    for line in p.lines:
        if HL_OPEN not in line.text:
            pending.append((line.text, line.where))
            continue
        for sentence in _sentences(line.text):
            result = _cloze(sentence, line.where, scope, _parent_label(blocks, i))
            if result is None:
                pending.append((sentence, line.where))
            elif isinstance(result, Skip):
                skipped.append(result)
            else:
                facts.append(result)
    if not facts and not skipped:
        return None  # only emphasis: the walker reads the block as usual
    for text, where in pending:
        scope.prose(strip_marks(text), where)
    return Claim(1, tuple(facts), tuple(skipped), used=len(facts))


def _parent_label(blocks: list[Block], i: int) -> str:
    """The text of the parent bullet when it is a short label ("Volume Gateway", "Aurora Global Database:")."""
    p = blocks[i]
    if not isinstance(p, Paragraph) or p.parent < 0:
        return ""
    for k in range(i - 1, -1, -1):
        b = blocks[k]
        if isinstance(b, Paragraph) and b.item == p.parent and b.first:
            text = re.sub(r"\s*\([^)]*\)\s*:?$|:$", "", clean(" ".join(l.text for l in b.lines))).strip()
            if b.lines and 1 <= words(text) <= 5 and not re.search(r"[.;!?,]", text) and HL_OPEN not in text:
                return text
            return ""
    return ""


def _cloze(sentence: str, where, scope: Scope, label: str = ""):
    """A ClozeFact, a Skip, or None (not an answer the author chose: normal handling)."""
    spans = [(m.start(), m.end()) for m in _SPAN.finditer(sentence) if clean(m.group(1))]
    if not spans:
        return None
    plain = clean(sentence)
    hidden = [clean(sentence[s + 1:e - 1]) for s, e in spans]
    share = sum(len(re.sub(r"\W", "", h)) for h in hidden) / max(1, len(re.sub(r"\W", "", plain)))
    if share > MAX_SHARE:
        return None  # emphasis of the whole sentence
    if protocol_line(sentence):
        return None  # "==NFS== and ==SMB==": the walker asks the protocols together, neither gives the other away
    if is_chatter(plain):
        return Skip(where, Reason.CHATTER, plain[:160])
    if any(words(h) > MAX_HIGHLIGHT for h in hidden):
        return Skip(where, Reason.HIGHLIGHT_TOO_LONG, plain[:160])
    if words(plain) > MAX_SENTENCE:
        return Skip(where, Reason.SENTENCE_TOO_LONG, plain[:160])
    # segments: shown text and deletions, markup debris removed, one space
    segments: list[Segment] = []
    pos = 0
    for n, (s, e) in enumerate(spans, 1):
        if s > pos:
            segments.append(Segment(sentence[pos:s]))
        segments.append(Segment(sentence[s + 1:e - 1], n))
        pos = e
    if pos < len(sentence):
        segments.append(Segment(sentence[pos:]))
    segments = _tidy(segments)
    shown = " ".join(s.text for s in segments if not s.cloze)
    subject, ids = scope.subject()
    if label and label.lower() not in subject.lower():
        subject, ids = label, scope.catalog.ids(label) or ids
    if not re.search(r"\w", shown):
        return Skip(where, Reason.HIGHLIGHT_UNCUED, plain[:160])
    if _PRONOUN.match(plain):
        # "It presents volumes over [iSCSI]": "it" is the previous sentence's subject, which may not be the section's
        return Skip(where, Reason.REFERS_BACK_HIGHLIGHT, plain[:160])
    mentions = scope.catalog.mentions(plain)
    names_subject = subject.lower() in plain.lower() or bool(ids and ids[0] in scope.catalog.ids(plain)) \
        or bool(mentions and mentions[0].start == 0)  # "Amazon FSx … speaks [SMB]" names its own subject
    prefix = ""
    if not names_subject:
        if norm(subject) in norm(" ".join(hidden)):
            prefix = ""  # the hidden text is the subject itself: naming it would give it away
        else:
            prefix = f"{subject} — "
    if prefix:
        segments.insert(0, Segment(prefix))
    found = tuple(dict.fromkeys(sid for sid in scope.catalog.ids(plain))) or ids
    key = f"hl|{scope.section_key()}|{norm_words(shown, 6)}"
    return ClozeFact(key, subject, scope.context(), where, found, tuple(segments))


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Shown text and deletions without markup debris; spaces inside a highlight ("to<mark> most recent
    data</mark>") move to the shown text beside it, so words never run together."""
    moved: list[Segment] = []
    for s in segments:
        if s.cloze:
            if s.text[:1].isspace():
                moved.append(Segment(" "))
            moved.append(Segment(clean(s.text), s.cloze))
            if s.text[-1:].isspace():
                moved.append(Segment(" "))
        else:
            moved.append(Segment(strip_marks(s.text).replace("**", "").replace("`", "")))
    merged: list[Segment] = []
    for s in moved:
        if merged and not s.cloze and not merged[-1].cloze:
            merged[-1] = Segment(merged[-1].text + s.text)
        else:
            merged.append(s)
    out = []
    for k, s in enumerate(merged):
        text = s.text if s.cloze else re.sub(r"\s+", " ", s.text)
        if k == 0:
            text = text.lstrip()
        if k == len(merged) - 1:
            text = text.rstrip()
        if text:
            out.append(Segment(text, s.cloze))
    return out
