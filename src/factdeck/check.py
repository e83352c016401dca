"""Check a built deck the way Anki will see it, and report every problem by card and source line.

Anki imports many broken things without a word (ANKI.md): a cloze note with no
deletion makes no card, an unknown ``{{Field}}`` in a template imports, a field's
raw ``<script>`` runs, two notes may share a GUID. ``check_deck`` renders every
card with Anki's own backend (``render.py``) and reports each such problem as
``notes/x.md:12: factdeck Cloze c1 "…": what is wrong``.
"""
from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from . import parallel
from .render import DeckNote, RenderedCard, RenderedDeck, plain_text, render_deck, source_key

FIELD_TAGS = frozenset({"b", "i", "em", "strong", "br", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
                        "p", "div", "span", "sub", "sup"})
"""Formatting tags a field may hold (factdeck writes some for comparisons, ``cards.py``).

Note text is escaped, so any other tag in a field — ``<script>``, ``<img>``, ``<a>``, ``<style>`` or
``vector<int>``'s ``<int>`` — means something reached the card unescaped.
"""
RENDERER_TAGS = frozenset({"span"})
"""Tags Anki's renderer adds (``<span class="cloze">``)."""
ALLOWED_ATTRIBUTES = frozenset({"class", "id", "data-cloze", "data-ordinal"})
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.S)
CLOZE_FIELD = re.compile(r"\{\{cloze:([^}]+)\}\}")
CLOZE_MARKER = re.compile(r"\bc\d+::")
LATEX = re.compile(r"\[(?:\$\$?|latex)\]", re.I)
TEMPLATE_TAG = re.compile(r"<\s*([a-zA-Z][\w-]*)")
TEMPLATE_ATTRIBUTE = re.compile(r"\s([a-zA-Z][\w-]*)\s*=")


@dataclass(frozen=True, slots=True)
class CardProblem:
    """One thing wrong with one card (or note), and where its fact came from."""

    source: str
    """``notes/x.md:12`` from the note's Source field (``guid …`` when it has none)."""
    card: str
    """Which card: note type, template or deletion, and the start of its front."""
    what: str

    def __str__(self) -> str:
        return f"{self.source}: {self.card}: {self.what}"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of checking one package."""

    path: Path
    notes: int
    """Notes in the package (as written, before Anki's import)."""
    cards: int
    """Cards Anki made and rendered."""
    problems: tuple[CardProblem, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def check_deck(apkg: Path) -> CheckResult:
    """Import ``apkg`` with Anki's backend, render every card and list what is wrong."""
    started = time.perf_counter()
    deck = render_deck(apkg)
    problems = check_rendered(deck)
    return CheckResult(Path(apkg), len(deck.notes), len(deck.cards), problems, time.perf_counter() - started)


def check_rendered(deck: RenderedDeck) -> tuple[CardProblem, ...]:
    """Every problem of a rendered deck, sorted by source."""
    found: list[tuple[str, str, CardProblem]] = []  # (note guid, kind, problem)
    found += _note_types(deck)
    found += _duplicate_guids(deck)
    found += _notes_without_cards(deck)
    seen = {(guid, kind) for guid, kind, _ in found}
    notes = list(_unique_notes(deck))
    cards = deck.cards
    # each note and card is read on its own (in worker processes for a large deck), each HTML parsed once
    workers = parallel.jobs(len(cards) >= PARALLEL_CARDS, len(notes) + len(cards))
    read = list(parallel.ordered_map(lambda i: _read_note(notes[i]) if i < len(notes) else _read_card(cards[i - len(notes)]),
                                     len(notes) + len(cards), workers))
    for note, findings in zip(notes, read):
        for kind, what in findings:
            found.append((note.guid, kind, CardProblem(note.source, _note_label(note), what)))
            seen.add((note.guid, kind))
    read_cards = read[len(notes):]
    for card, (findings, label, _) in zip(cards, read_cards):
        for kind, what in findings:
            if (card.note.guid, kind) not in seen:  # a field already named it
                found.append((card.note.guid, kind, CardProblem(card.note.source, label, what)))
    found += _duplicate_fronts(cards, read_cards)
    problems = dict.fromkeys(p for _, _, p in found)
    return tuple(sorted(problems, key=lambda p: (source_key(p.source), p.card, p.what)))


PARALLEL_CARDS = 2000
"""Decks with this many cards are checked by worker processes when there are cores (``parallel.py``)."""


def _read_note(note: DeckNote) -> list[tuple[str, str]]:
    return list(_field_findings(note))


def _read_card(card: RenderedCard) -> tuple[list[tuple[str, str]], str, tuple[str, str] | None]:
    """A card's findings, its label and (for a card that shows a front) its normalised front and answer."""
    if card.error:
        return list(_card_findings(card, None, None)), _card_label(card, None), None
    sides = (_scan(card.question), _scan(card.answer))
    findings = list(_card_findings(card, *sides))
    return findings, _card_label(card, sides[0]), None if card.empty else _front_and_answer(card, *sides)


# ------------------------------------------------------------------ whole-deck checks


def _note_types(deck: RenderedDeck):
    for nt in deck.note_types:
        if nt.error:
            first = next((n for n in deck.notes if n.note_type.id == nt.id), None)
            if first is not None:
                yield first.guid, "note type", CardProblem(first.source, f"note type {nt.name}",
                                                           f"template error: {nt.error}")


def _duplicate_guids(deck: RenderedDeck):
    first: dict[str, DeckNote] = {}
    for note in deck.notes:
        if note.guid in first:
            yield note.guid, "guid", CardProblem(
                note.source, _note_label(note),
                f"duplicate GUID {note.guid} (also {first[note.guid].source}) — Anki matches notes by GUID, "
                "so the next update cannot tell them apart")
        else:
            first[note.guid] = note


def _notes_without_cards(deck: RenderedDeck):
    with_cards = {c.note.guid for c in deck.cards}
    for note in _unique_notes(deck):
        if note.guid in with_cards:
            continue
        if note.note_type.cloze:
            text = "".join(note.field(name) for name in _cloze_fields(note))
            why = ("cloze note made no card: its text has no {{c1::…}} deletion" if not CLOZE.search(text)
                   else "cloze note made no card")
        else:
            why = "note made no card: the fields its front uses are empty"
        yield note.guid, "no card", CardProblem(note.source, _note_label(note), why)


def _duplicate_fronts(cards: tuple[RenderedCard, ...], read: list[tuple[list, str, tuple[str, str] | None]]):
    """Two cards asking the same question with different answers: the learner cannot know which is meant."""
    groups: dict[str, list[tuple[RenderedCard, str, str]]] = {}
    for card, (_, label, front_answer) in zip(cards, read):
        if card.error or card.empty or front_answer is None:
            continue
        front, answer = front_answer
        if front:
            groups.setdefault(front, []).append((card, answer, label))
    for group in groups.values():
        first, first_answer, _ = group[0]
        for card, answer, label in group[1:]:
            if answer != first_answer:
                yield card.note.guid, "front", CardProblem(
                    card.note.source, label, f"same front as {first.note.source} ({first.label}) with a different answer")


# ------------------------------------------------------------------ one note, one card


def _field_findings(note: DeckNote):
    """Raw markup in the note's own fields: what would render as markup instead of text."""
    cloze_fields = set(_cloze_fields(note)) if note.note_type.cloze else set()
    for name, value in note.fields:
        where = f"field {name}"
        if name in cloze_fields:
            for m in CLOZE.finditer(value):
                if "::" in m.group(2):
                    yield "hint", (f"{where}: '::' inside the deletion c{m.group(1)} makes Anki show a hint — "
                                   "escape ':' in note text")
            value = CLOZE.sub(lambda m: m.group(2), value)
        scan = _scan(value)
        yield from _markup_findings(scan, where, FIELD_TAGS, ALLOWED_ATTRIBUTES - {"id", "data-cloze", "data-ordinal"})
        if LATEX.search(scan.raw):
            yield "latex", f"{where}: '[$]'/'[latex]' makes Anki draw a LaTeX image instead of the text"
        if "[sound:" in scan.raw:
            yield "sound", f"{where}: '[sound:…]' makes Anki play audio instead of showing the text"


def _card_findings(card: RenderedCard, front: _Scan | None, back: _Scan | None):
    """Problems of the rendered card (its sides parsed): template errors, blank front, markup that reached the reviewer."""
    if card.error or front is None or back is None:
        yield "template", f"template error: {card.error}"
        return
    if card.empty:
        yield "blank", "blank front: Anki shows 'The front of this card is blank'"
        return
    if not (front.text("question", "cloze") if front.has("question") else front.text()):
        yield "blank", "blank front: the question is empty"
    tags, attributes = _template_markup(card)
    for side, scan in (("front", front), ("back", back)):
        yield from _markup_findings(scan, f"rendered {side}", tags | FIELD_TAGS | RENDERER_TAGS,
                                    attributes | ALLOWED_ATTRIBUTES)
        if "[anki:play:" in scan.raw:
            yield "sound", f"rendered {side}: a '[sound:…]' in the text became an audio button"
    if card.note.note_type.cloze:
        shown = [t for t in front.cloze_texts if t != "[...]"]
        if shown:
            yield "hint", f"rendered front: the deletion shows {shown[0]!r} instead of [...] (a '::' hint)"


def _markup_findings(scan: _Scan, where: str, allowed_tags: frozenset[str] | set[str], allowed_attributes):
    for tag, attrs in scan.tags:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "img" and "latex" in classes:
            yield "latex", f"{where}: a LaTeX image where the text should be ('[$]' or '[latex]' in a note)"
        elif _picture_or_link(tag, attrs):
            pass  # a picture of the notes (media.py) or the source as a link (cards.source_html)
        elif tag == "script" and "script" not in (allowed_tags - FIELD_TAGS - RENDERER_TAGS):
            yield "tag:script", f"{where}: raw <script> — note text must be escaped"
        elif tag not in allowed_tags:
            yield f"tag:{tag}", f"{where}: unexpected <{tag}> tag — note text must be escaped"
        else:
            for attr, _ in attrs:
                if attr not in allowed_attributes:
                    yield f"attr:{attr}", f"{where}: unexpected {attr}= on <{tag}> — note text must be escaped"
    raw = scan.raw
    if "{{" in raw or "}}" in raw:
        yield "braces", f"{where}: raw '{{{{' or '}}}}' in the text — braces in notes must be escaped"
    if CLOZE_MARKER.search(raw):
        yield "cloze marker", f"{where}: cloze marker {CLOZE_MARKER.search(raw).group()!r} shown as text"
    if "**" in raw:
        yield "markdown", f"{where}: Markdown '**' left in the text"


MEDIA_NAME = re.compile(r"^[\w-][\w.-]*$")
"""A file of the collection's media folder: a bare name, no folder, no scheme."""


def _picture_or_link(tag: str, attrs) -> bool:
    """``<img src="fd-….png" alt="">`` of a packaged picture, or ``<a class="ref" href="https://…">``."""
    values = dict(attrs)
    if tag == "img":
        return set(values) <= {"src", "alt"} and bool(MEDIA_NAME.match(values.get("src") or ""))
    if tag == "a":
        return (set(values) == {"class", "href"} and values["class"] == "ref"
                and bool(re.match(r"^https?://[^\s\"'<>]+$", values["href"] or "")))
    return False


def _front_and_answer(card: RenderedCard, front: _Scan, back: _Scan) -> tuple[str, str]:
    """Normalised question text and answer text (context and source left out)."""
    question = front.text("question", "cloze") if front.has("question") else front.text()
    if card.note.note_type.cloze:
        answer = " / ".join(back.cloze_texts)
    elif back.has("question"):
        answer = back.text("answer", "other")
    else:
        answer = back.text().replace(front.text(), "", 1)
    return _norm(question), _norm(answer)


def _template_markup(card: RenderedCard) -> tuple[set[str], set[str]]:
    templates = " ".join(card.note.note_type.templates)
    return ({t.lower() for t in TEMPLATE_TAG.findall(templates)},
            {a.lower() for a in TEMPLATE_ATTRIBUTE.findall(templates)})


def _cloze_fields(note: DeckNote) -> list[str]:
    """The fields a cloze note type reads deletions from (``{{cloze:Text}}``)."""
    named = CLOZE_FIELD.findall(" ".join(note.note_type.templates))
    return named or [name for name, _ in note.fields[:1]]


def _unique_notes(deck: RenderedDeck):
    seen: set[str] = set()
    for note in deck.notes:
        if note.guid not in seen:
            seen.add(note.guid)
            yield note


def _card_label(card: RenderedCard, front: _Scan | _PlainScan | None) -> str:
    """``factdeck Cloze c1 "Amazon SQS FIFO — delivery: [...]"``: the card and what its front asks."""
    text = ""
    if not card.error and front is not None:
        text = front.text("question", "cloze") if front.has("question") else front.text()
    return f"{card.label} {_excerpt(text or _note_text(card.note))}"


def _note_label(note: DeckNote) -> str:
    return f"{note.note_type.name} {_excerpt(_note_text(note))}"


def _note_text(note: DeckNote) -> str:
    """The first non-empty field as text, deletions shown as [...]."""
    for _, value in note.fields:
        text = plain_text(CLOZE.sub("[...]", value))
        if text:
            return text
    return ""


def _excerpt(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= size else text[:size - 1] + "…") + '"'


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _scan(fragment: str) -> _Scan | _PlainScan:
    """``fragment`` parsed; text without markup or entities (most fields) needs no parser."""
    return _PlainScan(fragment) if "<" not in fragment and "&" not in fragment else _Scan(fragment)


class _PlainScan:
    """What ``_Scan`` finds in text without ``<`` or ``&``: no tags, the text itself, outside every region."""

    __slots__ = ("raw",)
    tags: list = []
    cloze_texts: list = []

    def __init__(self, fragment: str):
        self.raw = fragment

    def has(self, region: str) -> bool:
        return False

    def text(self, *regions: str) -> str:
        return "" if regions and "other" not in regions else self.raw.strip()


_TOKEN = re.compile(r'<(?:([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"<>]*")*)( ?/)?>|/([a-z][a-z0-9]*)>)'
                    r"|&(?:#([0-9]+|[xX][0-9a-fA-F]+)|([a-zA-Z][a-zA-Z0-9]*));")
"""The markup factdeck writes: lower-case tags with double-quoted attributes, end tags, ``&name;``."""
_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)="([^"]*)"')
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                            "noscript", "plaintext"})


def _simple_events(fragment: str) -> list[tuple] | None:
    """The handler calls ``HTMLParser`` makes for ``fragment``, when it holds only markup of ``_TOKEN``
    (None otherwise: a stray ``<`` or ``&``, a comment, quoting or a tag HTMLParser treats specially)."""
    events: list[tuple] = []
    pos = 0
    for m in _TOKEN.finditer(fragment):
        start = m.start()
        if start > pos:
            data = fragment[pos:start]
            if "<" in data or "&" in data:
                return None
            events.append((_Scan.handle_data, data))
        pos = m.end()
        tag, attributes, closed, end_tag, charref, entity = m.groups()
        if tag is not None:
            if tag in _RAW_TEXT_TAGS:
                return None
            # HTMLParser unescapes attribute values ("35&#x25;" is "35%")
            attrs = [(k, html.unescape(v)) for k, v in _ATTRIBUTE.findall(attributes)] if attributes else []
            events.append((_Scan.handle_startendtag if closed else _Scan.handle_starttag, tag, attrs))
        elif end_tag is not None:
            events.append((_Scan.handle_endtag, end_tag))
        elif charref is not None:
            events.append((_Scan.handle_charref, charref))
        else:
            events.append((_Scan.handle_entityref, entity))
    rest = fragment[pos:]
    if rest:
        if "<" in rest or "&" in rest:
            return None
        events.append((_Scan.handle_data, rest))
    return events


class _Scan(HTMLParser):
    """The tags, the raw text and the text by region (context, question, answer, source, cloze) of some HTML."""

    REGIONS = ("cloze", "context", "question", "answer", "source")
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr"})

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._raw: list[str] = []
        self._text: list[tuple[str, str]] = []  # (region, decoded text) in document order
        self._stack: list[tuple[str, str]] = []
        self.cloze_texts: list[str] = []
        self._cloze: list[str] | None = None
        self._cloze_depth = 0
        events = _simple_events(fragment)
        if events is None:
            self.feed(fragment)
            self.close()
            return
        for handler, *args in events:  # what HTMLParser would call, in its order
            handler(self, *args)

    @property
    def raw(self) -> str:
        """The text as written, entities left out: ``&#123;`` is never read as ``{``."""
        return "".join(self._raw)

    def has(self, region: str) -> bool:
        """True when an element of that class is present (even an empty one)."""
        return any(region in (dict(a).get("class") or "").split() for _, a in self.tags)

    def text(self, *regions: str) -> str:
        """Decoded text of the given regions (``other`` is text outside them), or of everything."""
        return "".join(t for r, t in self._text if not regions or r in regions).strip()

    def _region(self) -> str:
        return self._stack[-1][1] if self._stack else "other"

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        classes = (dict(attrs).get("class") or "").split()
        region = next((r for r in self.REGIONS if r in classes), self._region())
        if region == "cloze" and tag == "span" and self._cloze is None:
            self._cloze, self._cloze_depth = [], len(self._stack)
        if tag not in self.VOID:
            self._stack.append((tag, region))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if self._cloze is not None and len(self._stack) <= self._cloze_depth:
            self.cloze_texts.append(" ".join("".join(self._cloze).split()))
            self._cloze = None

    def handle_data(self, data):
        self._add(data, data)

    def handle_entityref(self, name):
        self._add(html.unescape(f"&{name};"), " ")

    def handle_charref(self, name):
        self._add(html.unescape(f"&#{name};"), " ")

    def _add(self, text: str, raw: str) -> None:
        self._raw.append(raw)
        self._text.append((self._region(), text))
        if self._cloze is not None:
            self._cloze.append(text)
