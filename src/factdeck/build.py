"""``build()``: the pipeline, top to bottom.

read config → read notes → parse → extract facts → settle ambiguity → make cards
→ match them to the identity record (GUIDs, version, retired cards) → package → write.
Everything is read and checked before anything is written.
"""
from __future__ import annotations

import html
import os
import re
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
from .identity import (CHANGELOG_NAME, RECORD_NAME, adopt_released_deck, dump_record, is_prerelease, load_record,
                       merge_changelog, plan_build)
from .model import Card, ClozeFact, CompareFact, Fact, Note, QAFact, Skip
from .notes import read_notes
from .package import build_package, write_deck, write_text_atomic
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
    retired: tuple[Card, ...] = ()
    """Cards this version retires, shipped marked and tagged ``<slug>::retired``."""
    messages: tuple[str, ...] = ()
    """What the build did with the identity record and the version (for the build output)."""

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
    facts, weights = drop_domain_weights(facts, config)
    facts, dropped = settle_ambiguity(facts)
    dropped = weights + dropped
    facts = unique_keys(facts)
    return Extracted(config, tuple(notes), tuple(facts), tuple(skipped + dropped), tuple(warnings), used)


def build(notes_dir: Path, out_dir: Path, *, progress: Callable[[str], None] = lambda s: None,
          check: bool = True) -> BuildResult:
    """Build the deck from ``notes_dir`` into ``out_dir/<slug>-v<version>.apkg``.

    A release version also records itself in ``out_dir/identity.json`` and ``CHANGELOG.md`` (identity.py).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    progress("reading notes")
    ex = extract(notes_dir)
    config = ex.config
    record = load_record(out_dir, config.slug)
    progress(f"making cards from {len(ex.facts)} facts")
    cards = [make_card(config, note, fact) for note, fact in ex.facts]
    adopted = ""
    if not (out_dir / RECORD_NAME).exists():
        record, adopted = adopt_released_deck(out_dir, config.slug, [c.key for c in cards])
    plan = plan_build(config, record, cards, source_date=source_date(Path(notes_dir)), now=int(time.time()),
                      version_at=version_location(Path(notes_dir), config))
    changelog_path = out_dir / CHANGELOG_NAME
    changelog = None
    if plan.changelog is not None:
        old = changelog_path.read_text(encoding="utf-8") if changelog_path.exists() else None
        changelog = merge_changelog(old, config, plan.changelog)
    description = deck_description(config, list(plan.cards), plan.summary, len(plan.retired))
    package = build_package(config, [*plan.cards, *plan.retired], description)
    path = out_dir / f"{config.slug}-v{config.version}.apkg"
    messages = [adopted, *plan.messages] if adopted else list(plan.messages)
    if plan.unchanged_release and path.exists():
        messages.append(f"left {path} as it is")  # a release's package never changes
    else:
        progress(f"writing {path}")
        write_deck(package, path, plan.timestamp, verify=(lambda tmp: self_check(tmp, path, progress)) if check else None)
    if changelog is not None:
        write_text_atomic(changelog_path, changelog)
        messages.append(f"wrote {changelog_path}")
    # an adopted record is written by any release build, also when it only confirms the adopted release
    to_write = plan.record or (record if adopted and not is_prerelease(config.version) else None)
    if to_write is not None:
        write_text_atomic(out_dir / RECORD_NAME, dump_record(to_write))
        messages.append(f"wrote {out_dir / RECORD_NAME} (commit it with the deck)")
    return BuildResult(config, path, plan.cards, ex.skipped, ex.warnings, ex.used_units, plan.timestamp,
                       time.perf_counter() - started, plan.retired, tuple(messages))


def version_location(notes_dir: Path, config: DeckConfig) -> Location:
    """Where deck.yaml sets the version (errors about a release point there)."""
    try:
        lines = (notes_dir / "deck.yaml").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("version:")), 0)
    return Location(config.path, line)


def unique_keys(facts: list[tuple[Note, Fact]]) -> list[tuple[Note, Fact]]:
    """Make fact keys unique across the deck (the extractor keeps them unique within a note).

    A key that an earlier note already used gets ``#2``, ``#3``… like a repeat within a note; the
    GUIDs follow keys, so two notes must never share one.
    """
    import dataclasses

    seen: set[str] = set()
    out = []
    for note, fact in facts:
        key, n = fact.key, 2
        while key in seen:
            key, n = f"{fact.key}#{n}", n + 1
        seen.add(key)
        out.append((note, fact if key == fact.key else dataclasses.replace(fact, key=key)))
    return out


def drop_domain_weights(facts: list[tuple[Note, Fact]], config: DeckConfig) -> tuple[list[tuple[Note, Fact]], list[Skip]]:
    """The exam's domain weights are deck.yaml's own facts about the exam, shown in the deck description."""
    names = {d.name.lower(): d for d in config.domains}
    kept, skips = [], []
    for note, f in facts:
        d = names.get(f.subject.lower())
        if d and isinstance(f, ClozeFact) and any(s.cloze and s.text.strip() == f"{d.weight}%" for s in f.segments):
            skips.append(Skip(f.where, "the exam's domain weighting (in the deck description, not a card)", f.subject))
        else:
            kept.append((note, f))
    return kept, skips


def self_check(apkg: Path, final: Path, progress: Callable[[str], None]) -> None:
    """Check a written package with Anki's own renderer; a problem is a bug in factdeck, not in the notes."""
    from .check import check_deck
    from .errors import InternalError

    result = check_deck(apkg)
    if result.problems:
        raise InternalError(f"{final} would fail factdeck's own check with Anki's renderer (nothing was written):\n"
                            + "\n".join(map(str, result.problems)))
    progress(f"checked {result.cards} cards with Anki's renderer in {result.seconds:.2f}s: no problems")


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
            elif isinstance(f, QAFact) and not f.question.lower().startswith("what is"):
                section = f.context.split(" › ")[-1]
                q = f.question.rstrip("?") + f" ({section})?"
                out[i] = (note, dataclasses.replace(f, question=q))
            elif isinstance(f, QAFact):
                # a second definition of the same thing: the first one (in note order) is the card
                dropped.add(i)
                skips.append(Skip(f.where, f"defined already at {facts[idxs[0]][1].where}", front(f)))
            else:
                dropped.add(i)
                skips.append(Skip(f.where, f"same question as {facts[idxs[0]][1].where} with another answer", front(f)))
    def drop_repeats(key_of: Callable[[Fact], object], reason: str) -> None:
        """Keep the first fact of each key (in note order); later ones are skipped with ``reason``."""
        first: dict[object, Location] = {}
        for i, (_, f) in enumerate(out):
            k = None if i in dropped or isinstance(f, CompareFact) else key_of(f)
            if not k:
                continue
            if k in first:
                dropped.add(i)
                skips.append(Skip(f.where, reason.format(first[k]), front(f)))
            else:
                first[k] = f.where

    # the same value about the same service, from a table and again from prose
    drop_repeats(lambda f: f.services and _value_key(answer(f)) and (f.services[0], _value_key(answer(f))),
                 "repeats the fact at {}")
    # "EFS — protocol?" and "EFS — protocol support: […]": one subject, one attribute, asked twice
    drop_repeats(_whole_question_head, "asks what {} asks already")
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


def _whole_question_head(f: Fact) -> str:
    """"Amazon EFS — protocol support: […]" / "Amazon EFS — protocol?" → "amazon efs — protocol"; "" when the
    card asks more than a subject's attribute (a sentence with a blank, a definition)."""
    if isinstance(f, QAFact):
        m = re.fullmatch(r"(.+ — [^?]+)\?", f.question)
    elif isinstance(f, ClozeFact) and len(f.segments) == 2 and f.segments[1].cloze:
        m = re.fullmatch(r"(.+ — [^:]+): ", f.segments[0].text)
    else:
        return ""
    if not m:
        return ""
    head = m.group(1).lower()
    head = re.sub(r"\s+(support|model|type|details?)$", "", head)
    return re.sub(r"s$", "", head)


def _value_key(answer: str) -> str:
    """"24 hours", "24-hour", "24h" → "24 h": a number with its unit, for spotting a repeated fact."""
    m = re.fullmatch(r"\s*(\d[\d,.]*)\s*-?\s*([a-z]+)?\s*", answer.lower())
    if not m:
        return ""
    unit = (m.group(2) or "").rstrip("s")
    unit = {"hour": "h", "hr": "h", "day": "d", "minute": "min", "second": "s", "sec": "s"}.get(unit, unit)
    return f"{m.group(1)} {unit}".strip()


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


def deck_description(config: DeckConfig, cards: list[Card], changes: str = "", retired: int = 0) -> str:
    kinds = Counter(c.kind for c in cards)
    weights = ", ".join(f"{d.id}. {html.escape(d.name)} {d.weight}%" for d in config.domains)
    text = (f"<p>{config.description}</p><p>Exam domains: {weights}.</p><p><b>Version {config.version}</b> — {len(cards)} notes "
            f"({kinds['cloze']} cloze, {kinds['qa']} Q&amp;A, {kinds['compare']} comparison"
            + (f"; and {retired} retired" if retired else "") + "). Built by factdeck.</p>")
    if changes:
        text += f"<p>{html.escape(changes, quote=False)}</p>"
    return text
