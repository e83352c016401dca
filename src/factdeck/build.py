"""``build()``: the pipeline, top to bottom.

read config → read notes → parse → extract facts → settle ambiguity → make cards
→ package → write. Everything is read and checked before anything is written.
"""
from __future__ import annotations

import os
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cards import make_card
from .config import DeckConfig, load_config
from .errors import BuildError, Location, Problem
from .extract import extract_facts
from .model import Card, ClozeFact, CompareFact, Fact, Note, QAFact, Skip
from .notes import read_notes
from .package import build_package, write_deck
from .parse import parse_note
from .services import Catalog


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, for the summary and the coverage report."""

    config: DeckConfig
    path: Path
    cards: tuple[Card, ...]
    skipped: tuple[Skip, ...]
    warnings: tuple[str, ...]
    used_units: int
    timestamp: int
    seconds: float

    @property
    def card_count(self) -> int:
        """Anki cards (a cloze note with two deletions makes two cards)."""
        return sum(_cards_of(c) for c in self.cards)


def _cards_of(card: Card) -> int:
    if card.kind != "cloze":
        return 1
    import re
    return len(set(re.findall(r"\{\{c(\d+)::", card.fields[0])))


@dataclass(frozen=True, slots=True)
class Extracted:
    config: DeckConfig
    notes: tuple[Note, ...]
    facts: tuple[tuple[Note, Fact], ...]
    skipped: tuple[Skip, ...]
    warnings: tuple[str, ...]
    used_units: int


def extract(notes_dir: Path) -> Extracted:
    """Read, check and extract every note (no writing)."""
    notes_dir = Path(notes_dir)
    if not notes_dir.is_dir():
        raise BuildError(Problem(Location(str(notes_dir), 0), "notes folder not found",
                                 "pass --notes DIR with your Markdown notes and deck.yaml"))
    shown = notes_dir.resolve().name
    config = load_config(notes_dir, shown)
    notes = read_notes(notes_dir, shown, config)
    catalog = Catalog(config)
    facts: list[tuple[Note, Fact]] = []
    skipped: list[Skip] = []
    warnings: list[str] = []
    used = 0
    for note in notes:
        result = extract_facts(note, parse_note(note), catalog)
        facts += [(note, f) for f in result.facts]
        skipped += result.skipped
        warnings += result.warnings
        used += result.used
    facts, dropped = settle_ambiguity(facts)
    return Extracted(config, tuple(notes), tuple(facts), tuple(skipped + dropped), tuple(warnings), used)


def build(notes_dir: Path, out_dir: Path, *, progress: Callable[[str], None] = lambda s: None) -> BuildResult:
    """Build the deck from ``notes_dir`` into ``out_dir/<slug>-v<version>.apkg``."""
    started = time.perf_counter()
    progress("reading notes")
    ex = extract(notes_dir)
    config = ex.config
    progress(f"making cards from {len(ex.facts)} facts")
    cards = [make_card(config, note, fact) for note, fact in ex.facts]
    timestamp = source_date(Path(notes_dir))
    description = deck_description(config, cards)
    package = build_package(config, cards, description)
    path = Path(out_dir) / f"{config.slug}-v{config.version}.apkg"
    progress(f"writing {path}")
    write_deck(package, path, timestamp)
    return BuildResult(config, path, tuple(cards), ex.skipped, ex.warnings, ex.used_units, timestamp,
                       time.perf_counter() - started)


def settle_ambiguity(facts: list[tuple[Note, Fact]]) -> tuple[list[tuple[Note, Fact]], list[Skip]]:
    """No two cards may ask the same question with different answers; exact repeats are dropped."""
    import dataclasses

    def front(f: Fact) -> str:
        if isinstance(f, QAFact):
            return f.question.lower()
        if isinstance(f, CompareFact):
            return f"{f.attribute}|{f.subject}".lower()
        return "".join("[…]" if s.cloze else s.text for s in f.segments).lower() + f"|{len(f.segments)}"

    def answer(f: Fact) -> str:
        if isinstance(f, QAFact):
            return f.answer.lower()
        if isinstance(f, CompareFact):
            return repr(f.values).lower()
        return "|".join(s.text for s in f.segments if s.cloze).lower()

    groups: dict[str, list[int]] = {}
    for i, (_, f) in enumerate(facts):
        groups.setdefault(front(f), []).append(i)
    out = list(facts)
    dropped: set[int] = set()
    skips: list[Skip] = []
    for idxs in groups.values():
        if len(idxs) < 2:
            continue
        first_answer = answer(facts[idxs[0]][1])
        for i in idxs[1:]:
            note, f = facts[i]
            if answer(f) == first_answer:
                dropped.add(i)
                skips.append(Skip(f.where, f"repeats the fact at {facts[idxs[0]][1].where}", front(f)))
            elif isinstance(f, QAFact):
                section = f.context.split(" › ")[-1]
                q = f.question.rstrip("?") + f" ({section})?"
                out[i] = (note, dataclasses.replace(f, question=q))
            else:
                dropped.add(i)
                skips.append(Skip(f.where, f"same question as {facts[idxs[0]][1].where} with another answer", front(f)))
    # a second pass for questions that are still equal after adding the section
    seen: dict[str, Location] = {}
    result = []
    for i, (note, f) in enumerate(out):
        if i in dropped:
            continue
        k = front(f)
        if k in seen:
            skips.append(Skip(f.where, f"same question as {seen[k]} with another answer", k))
            continue
        seen[k] = f.where
        result.append((note, f))
    return result, skips


def source_date(notes_dir: Path) -> int:
    """The build's timestamp: SOURCE_DATE_EPOCH, else the notes' last commit time, else their newest mtime.

    Never the wall clock, and never in the future (a future time would block the next update in Anki).
    """
    now = int(time.time())
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        if not env.isdigit():
            raise BuildError(Problem(Location("SOURCE_DATE_EPOCH", 0), f"{env!r} is not a whole number of seconds"))
        return min(int(env), now)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=notes_dir, capture_output=True,
                             text=True, timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=notes_dir, capture_output=True,
                               text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip() and dirty.returncode == 0 and not dirty.stdout.strip():
            return min(int(out.stdout.strip()), now)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    mtimes = [p.stat().st_mtime for p in notes_dir.rglob("*") if p.is_file()]
    return min(int(max(mtimes, default=now)), now)


def deck_description(config: DeckConfig, cards: list[Card]) -> str:
    kinds = Counter(c.kind for c in cards)
    return (f"<p>{config.description}</p><p><b>Version {config.version}</b> — {len(cards)} notes "
            f"({kinds['cloze']} cloze, {kinds['qa']} Q&amp;A, {kinds['compare']} comparison). "
            f"Built by factdeck.</p>")
