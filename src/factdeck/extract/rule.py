"""What a shape rule sees and returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from ..errors import Location
from ..model import Block, Fact, Note, Skip
from ..services import Catalog


class Scope(Protocol):
    """Where a block stands in its note: what a rule may ask about it (implemented by the walker)."""

    note: Note
    catalog: Catalog

    def subject(self) -> tuple[str, tuple[str, ...]]:
        """The current subject (service, feature or concept) and its catalog ids."""

    def context(self, with_label: bool = True) -> str:
        """Topic › nearest meaningful heading: the small line above a card."""

    def section_key(self) -> str:
        """A stable name of the current section (for fact keys)."""

    def headings(self) -> tuple[str, ...]:
        """The open headings, outermost first."""

    def prose(self, text: str, where: Location, subject: tuple[str, tuple[str, ...]] | None = None,
              general: bool = False) -> None:
        """Hand text of a claimed block that the rule does not use to the walker's sentence handling
        (a paragraph holding one ``question;;answer`` line and one plain sentence keeps both). ``general``: the
        text states general facts although its section is an example or scenario (a practice scenario's
        explanation), so the section's example and low-value marks do not hold it back."""


@dataclass(frozen=True, slots=True)
class Claim:
    """Blocks a rule took: how many (from ``i``), the facts they give, and what was skipped with a reason."""

    consumed: int
    facts: tuple[Fact, ...] = ()
    skipped: tuple[Skip, ...] = ()
    warnings: tuple[str, ...] = ()
    used: int = 0
    """How many source units (questions, sentences) became cards."""
    extra: dict = field(default_factory=dict)


Rule = Callable[[list[Block], int, Scope], "Claim | None"]
