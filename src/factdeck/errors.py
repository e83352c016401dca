"""Errors and warnings that point at a place in the notes.

Every problem a user can fix carries ``path:line`` and a hint.  ``BuildError``
derives from ``click.ClickException`` so the CLI prints it without a traceback;
it may hold many problems, collected over a whole run and reported at once.
"""
from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the notes folder."""

    path: str
    """Path as the user sees it, e.g. ``notes/lambda.md``."""
    line: int
    """1-based line number in that file (0 when the whole file is meant)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, with how to fix it."""

    where: Location
    what: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" + (f" — {self.hint}" if self.hint else "")


class FactdeckError(click.ClickException):
    """Base of every error factdeck reports to a user (printed without a traceback)."""

    exit_code = 2


class BuildError(FactdeckError):
    """The input is wrong in one or more places; nothing was written."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        lines = [str(p) for p in self.problems]
        if len(lines) > 1:
            lines.append(f"{len(lines)} problems; nothing was written.")
        super().__init__("\n".join(lines))


class InternalError(FactdeckError):
    """factdeck produced something wrong: a bug in factdeck, not in the notes."""

    exit_code = 3

    def __init__(self, message: str):
        super().__init__(f"{message}\nThis is a bug in factdeck; please report it with the notes that caused it.")
