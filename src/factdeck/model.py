"""Typed values passed between the pipeline stages.

Note → Block → Fact → Card: each stage takes the previous stage's values and
returns new ones; nothing is filled in later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from .errors import Location
from .reasons import Reason


# ---------------------------------------------------------------- notes


@dataclass(frozen=True, slots=True)
class Note:
    """One Markdown file of the notes folder, front matter checked."""

    path: str
    """Path as shown to users (``notes/04-lambda.md``)."""
    title: str
    """Topic title from the front matter."""
    domains: tuple[int, ...]
    """Exam domain ids; the first one picks the subdeck."""
    services: tuple[str, ...]
    """Catalog ids of the services the topic is about (tag fallback)."""
    text: str
    """The whole file, front matter blanked out (so token lines are file lines)."""
    tags: tuple[str, ...] = ()
    """Anki tags from the front matter's ``tags:`` (``a/b`` becomes ``a::b``)."""
    title_from_name: bool = False
    """The title is only the file's name (no front matter title, no heading above the rest)."""
    sections: tuple[tuple[int, int], ...] = ()
    """(first line, domain id) where a section of the note belongs to another subdeck, in line order."""

    def domain_at(self, line: int) -> int:
        """The subdeck (domain id) of a line; 0 is the parent deck."""
        domain = self.domains[0] if self.domains else 0
        for start, did in self.sections:
            if start > line:
                break
            domain = did
        return domain


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Line:
    """One source line of prose, as plain text (inline markup removed)."""

    text: str
    where: Location


@dataclass(frozen=True, slots=True)
class Heading:
    """A Markdown heading."""

    level: int
    text: str
    where: Location
    callout: bool = False
    """The title of a call-out (``> [!note] Title``): a heading for the call-out's own lines."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, list item or indented block: its lines, one per source line."""

    lines: tuple[Line, ...]
    list_item: bool = False
    """True for an item of a bullet or numbered list."""
    ordered: bool = False
    """True for an item of a numbered list."""
    depth: int = 0
    """List nesting: 0 outside lists, 1 for a top-level item, 2 for its children…"""
    item: int = -1
    """Id of the list item this paragraph belongs to (unique within the note; -1 outside lists)."""
    parent: int = -1
    """Id of the enclosing list item (-1 for a top-level item or outside lists)."""
    first: bool = True
    """The first paragraph of its list item (a later one continues the item)."""
    has_children: bool = False
    """The item has nested list items below it."""
    quote: bool = False
    """Inside a blockquote (a call-out, a key takeaway)."""
    images: tuple[str, ...] = ()
    """Pictures the paragraph shows (paths or URLs as written)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as plain text; ``<br>`` becomes a newline."""

    text: str
    where: Location
    images: tuple[str, ...] = ()
    """Pictures in the cell (paths or URLs as written)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A pipe table or an HTML ``<table>``: a header row and body rows."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    where: Location
    html: bool = False
    complete: bool = True
    """False for an HTML table cut off before its ``</table>``."""


Block = Union[Heading, Paragraph, Table]


# ---------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of cloze text; ``cloze`` is the deletion number (0 = shown)."""

    text: str
    cloze: int = 0


@dataclass(frozen=True, slots=True)
class FactBase:
    key: str
    """Stable identity: what the fact is about (subject, attribute, section), never its wording."""
    subject: str
    """The real subject the card names (service, feature or concept)."""
    context: str
    """Topic › section, shown small above the card."""
    where: Location
    """Source line of the fact."""
    services: tuple[str, ...] = ()
    """Catalog ids of the services the fact is about."""


@dataclass(frozen=True, slots=True)
class ClozeFact(FactBase):
    """A statement with one or more values hidden."""

    segments: tuple[Segment, ...] = ()
    kind: Literal["cloze"] = "cloze"


@dataclass(frozen=True, slots=True)
class QAFact(FactBase):
    """A question and a short answer (a term and its definition)."""

    question: str = ""
    answer: str = ""
    kind: Literal["qa"] = "qa"


@dataclass(frozen=True, slots=True)
class CompareFact(FactBase):
    """One attribute of two or three confusable entities whose values differ."""

    attribute: str = ""
    values: tuple[tuple[str, str], ...] = ()
    """(entity, value) pairs, in table order."""
    kind: Literal["compare"] = "compare"


Fact = Union[ClozeFact, QAFact, CompareFact]


@dataclass(frozen=True, slots=True)
class Skip:
    """Something of the notes that became no card, and why."""

    where: Location
    reason: Reason
    text: str
    detail: str = ""
    """The variable part of the reason's text (another fact's location, an attribute's name), if it has one."""

    @property
    def message(self) -> str:
        """The reason as users read it (coverage, ``--report``)."""
        return self.reason.message(self.detail)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor made of one note."""

    facts: tuple[Fact, ...]
    skipped: tuple[Skip, ...]
    warnings: tuple[str, ...]
    """Lint lines, ``path:line: warning: …``."""
    used: int = 0
    """How many source units (sentences, cells) gave at least one fact."""


# ---------------------------------------------------------------- cards


@dataclass(frozen=True, slots=True)
class Card:
    """A note ready for packaging: fields are final HTML."""

    kind: Literal["cloze", "qa", "compare"]
    key: str
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    domain: int
    where: Location
    front_text: str = field(default="", compare=False)
    """Plain text of what the front asks (for summaries, changelogs and ambiguity checks)."""
    back_text: str = field(default="", compare=False)
    """Plain text of the answer (what the cloze hides, the answer, the compared values)."""
    subject: str = field(default="", compare=False)
    """The fact's subject, plain text (identity matching prefers a card of the same subject)."""
    context: str = field(default="", compare=False)
    """Topic › section, plain text (identity matching prefers a card of the same section)."""
