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
from .ahead import AheadCheck
from .config import SEMVER, DeckConfig, load_config
from .curation import apply_curation, load_curation
from .errors import BuildError, FactdeckError, Location, Problem
from .extract import extract_facts
from .extract.filters import filter_facts
from .extract.lint import lint_blocks
from .media import Pictures
from .identity import (CHANGELOG_NAME, RECORD_NAME, adopt_released_deck, dump_record, is_prerelease, load_record,
                       merge_changelog, next_version, plan_build)
from .model import Card, Fact, Heading, Note, Paragraph, Skip, Table
from .notes import read_notes
from . import parallel
from .output import OutputFolder
from .package import build_package, write_package, write_text_atomic
from .parse import parse_note
from .services import Catalog, count_products, product_mentions
from .settle import drop_domain_weights, settle_ambiguity, unique_keys


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
    written: tuple[Path, ...] = ()
    """The files this build replaced (none when a released deck was left as it was)."""
    unknown_products: tuple[tuple[str, int, str], ...] = ()
    """Product-like names the catalog does not know: (name, count, first place)."""
    released: bool = False

    @property
    def card_count(self) -> int:
        """Anki cards (a cloze note with two deletions makes two cards)."""
        return sum(_cards_of(c) for c in self.cards)

    @property
    def coverage(self) -> Counter:
        """Skipped sentences and cells by reason (headings and labels used as context are not skips)."""
        return Counter(s.reason.label for s in self.skipped if not s.reason.context)


def _cards_of(card: Card) -> int:
    if card.kind != "cloze":
        return 1
    return len(set(re.findall(r"\{\{c(\d+)::", card.fields[0])))


@dataclass(frozen=True, slots=True)
class Extracted:
    config: DeckConfig
    catalog: Catalog
    notes: tuple[Note, ...]
    facts: tuple[tuple[Note, Fact], ...]
    skipped: tuple[Skip, ...]
    warnings: tuple[str, ...]
    used_units: int
    unknown_products: tuple[tuple[str, int, str], ...] = ()
    pictures: Pictures | None = None
    """The notes' pictures by source line, and their files (``media.py``)."""


def extract(notes_dir: Path, progress: Callable[[str], None] = lambda s: None, *,
            ahead: list[AheadCheck] | None = None) -> Extracted:
    """Read, check and extract every note (no writing).

    With ``ahead`` (a build that checks its package), the self-check's process is started as soon as the
    notes are read and put there; for mid-sized notes it also extracts a share of them (``ahead.py``).
    """
    notes_dir = Path(notes_dir)
    if not notes_dir.is_dir():
        raise BuildError(Problem(Location(str(notes_dir), 0), "notes folder not found",
                                 "pass --notes DIR, a folder with your Markdown notes"))
    shown = notes_dir.resolve().name
    config = load_config(notes_dir, shown)
    notes, config, reading = read_notes(notes_dir, shown, config)
    catalog = Catalog(config)
    helper = None
    if ahead is not None:
        if _shared(notes):
            helper = AheadCheck.start(share=lambda i: _extract_in_worker(notes[i], catalog), items=len(notes))
        else:
            helper = AheadCheck.start()
        if helper is not None:
            ahead.append(helper)
    facts: list[tuple[Note, Fact]] = []
    skipped: list[Skip] = []
    warnings: list[str] = list(reading)
    used = 0
    products: list[tuple[str, str]] = []
    tick = time.monotonic()
    pictures = Pictures(notes_dir, shown)
    for n, (note, (blocks, result, lint, kept, filtered, named)) in enumerate(zip(notes, _extract_notes(notes, catalog, helper)),
                                                                           1):
        warnings += lint
        warnings += pictures.add(note, blocks)
        facts += [(note, f) for f in kept]
        skipped += result.skipped
        skipped += filtered
        warnings += result.warnings
        used += result.used
        products += named
        if time.monotonic() - tick > 1.0:
            progress(f"extracted {n} of {len(notes)} notes ({len(facts)} facts)")
            tick = time.monotonic()
    facts, weights = drop_domain_weights(facts, config)
    facts, dropped = settle_ambiguity(facts)
    dropped = weights + dropped
    facts = unique_keys(facts)
    return Extracted(config, catalog, tuple(notes), tuple(facts), tuple(skipped + dropped), tuple(warnings), used,
                     tuple(count_products(products)), pictures)


PARALLEL_BYTES = 400_000
"""Notes this large (in all) are extracted by worker processes, one note at a time, when there are cores."""
SPLIT_BYTES = 20_000
"""Smaller notes than PARALLEL_BYTES but this large: shared with one forked process (``parallel.shared_map``)."""


def _extract_note(note: Note, catalog: Catalog):
    """One note parsed, extracted, linted and filtered, and its unknown product names (each note on its own)."""
    blocks = parse_note(note)
    result = extract_facts(note, blocks, catalog)
    lint = lint_blocks(note, blocks)
    kept, filtered = filter_facts(list(result.facts), catalog)
    named = product_mentions(catalog, [(note.path, i, t) for i, t in enumerate(note.text.split("\n"), 1)])
    return blocks, result, lint, kept, filtered, named


def _extract_in_worker(note: Note, catalog: Catalog):
    blocks, *rest = _extract_note(note, catalog)
    if not any(isinstance(b, Paragraph) and b.images
               or isinstance(b, Table) and any(c.images for row in (b.header, *b.rows) for c in row) for b in blocks):
        blocks = [b for b in blocks if isinstance(b, Heading)]  # all that Pictures.add reads of a note without pictures
    return (blocks, *rest)


def _shared(notes: list[Note]) -> bool:
    """Mid-sized notes, shared between this process and one forked process when there are two cores."""
    size = sum(len(n.text) for n in notes)
    return SPLIT_BYTES <= size < PARALLEL_BYTES and len(notes) > 1 and parallel.cores() > 1 and parallel.can_fork()


def _extract_notes(notes: list[Note], catalog: Catalog, helper: AheadCheck | None = None):
    """``_extract_note`` of every note, in order: in this process, shared with one forked process (the
    self-check's, ``helper``, or one of its own) for mid-sized notes, or in forked workers for large notes."""
    if helper is not None and helper.sharing:
        return iter(helper.gather(lambda i: _extract_note(notes[i], catalog), len(notes)))
    size = sum(len(n.text) for n in notes)
    workers = parallel.jobs(size >= PARALLEL_BYTES, len(notes))
    if workers <= 1 and _shared(notes):
        return iter(parallel.shared_map(lambda i: _extract_note(notes[i], catalog),
                                        lambda i: _extract_in_worker(notes[i], catalog), len(notes)))
    if workers <= 1:
        return (_extract_note(note, catalog) for note in notes)
    return parallel.ordered_map(lambda i: _extract_in_worker(notes[i], catalog), len(notes), workers)


def build(notes_dir: Path, out_dir: Path, *, progress: Callable[[str], None] = lambda s: None,
          check: bool = True, strict: bool = False, report: Path | None = None) -> BuildResult:
    """Build a working deck from ``notes_dir`` into ``out_dir`` (never writes the record or the changelog).

    The deck is ``<slug>-dev.apkg`` (``<slug>-v<version>.apkg`` for a pre-release version); when the notes
    give exactly the cards of the released ``version`` of ``deck.yaml``, that release's package is
    (re)written byte for byte instead, so a clean clone rebuilds what was released.
    """
    return _run(notes_dir, out_dir, None, progress=progress, check=check, strict=strict, report=report)


def release(notes_dir: Path, out_dir: Path, *, version: str | None = None,
            progress: Callable[[str], None] = lambda s: None, check: bool = True, strict: bool = False,
            report: Path | None = None) -> BuildResult:
    """Cut a release: the ``.apkg``, the identity record and the changelog, replaced together or not at all.

    ``version`` defaults to deck.yaml's (without a pre-release part), else the minor version after the
    last release, else 0.1.0. Releasing a version again with the same cards changes nothing.
    """
    return _run(notes_dir, out_dir, version or "", progress=progress, check=check, strict=strict, report=report)


def _run(notes_dir: Path, out_dir: Path, release_version: str | None, *, progress: Callable[[str], None],
         check: bool, strict: bool, report: Path | None) -> BuildResult:
    started = time.perf_counter()
    ahead: list[AheadCheck] = []  # the self-check's process, started by extract() (an overlap only)
    try:
        return _build(notes_dir, out_dir, release_version, progress=progress, check=check, strict=strict,
                      report=report, started=started, ahead=ahead)
    finally:
        for process in ahead:
            process.close()


def _build(notes_dir: Path, out_dir: Path, release_version: str | None, *, progress: Callable[[str], None],
           check: bool, strict: bool, report: Path | None, started: float, ahead: list[AheadCheck]) -> BuildResult:
    out_dir, notes_dir = Path(out_dir), Path(notes_dir)
    releasing = release_version is not None
    progress("reading notes")
    ex = extract(notes_dir, progress, ahead=ahead if check else None)
    config = ex.config
    if strict and ex.warnings:
        lint = [w for w in ex.warnings if ": warning: " in w]
        if lint:
            raise LintError(lint)
    if report is not None:
        check_report_path(report)
    with OutputFolder(out_dir) as out:
        record = load_record(out_dir, config.slug)
        progress(f"making cards from {len(ex.facts)} facts")
        cards = [make_card(config, ex.catalog, note, fact, ex.pictures.of(fact)) for note, fact in ex.facts]
        adopted = ""
        if not (out_dir / RECORD_NAME).exists():
            record, adopted = adopt_released_deck(out_dir, config.slug, [c.key for c in cards])
        version = config.version
        curation = load_curation(notes_dir, notes_dir.resolve().name)
        curated: dict[str, object] = {}

        def curate(cards: tuple[Card, ...]) -> tuple[Card, ...]:
            kept, lint, dropped, rewritten = apply_curation(cards, curation)
            curated.update(lint=lint, dropped=dropped, rewritten=rewritten)
            return kept

        def plan_for(version: str):
            return plan_build(config, record, cards, version=version, release=releasing,
                              source_date=source_date(notes_dir), now=int(time.time()),
                              version_at=version_location(notes_dir, config), curate=curate if curation else None)
        plan = None
        if releasing and not release_version and not config.version and record.last_release:
            # no version asked for: the last release again when nothing changed, else the next one
            try:
                plan = plan_for(record.last_release.version)
                version = record.last_release.version
            except BuildError:  # released with other cards: the next version it is
                plan = None
        if plan is None:
            if releasing:
                version = release_version_of(release_version, config, record, notes_dir)
            plan = plan_for(version)
        description = deck_description(config, list(plan.cards), plan.summary, len(plan.retired), version,
                                       released=plan.unchanged_release or releasing)
        package = build_package(config, [*plan.cards, *plan.retired], description)
        if plan.unchanged_release or releasing:
            name = f"{config.slug}-v{version}.apkg"
        elif version and is_prerelease(version):
            name = f"{config.slug}-v{version}.apkg"
        else:
            name = f"{config.slug}-dev.apkg"
        path = out_dir / name
        messages = [adopted, *plan.messages] if adopted else list(plan.messages)
        warnings = list(ex.warnings) + list(curated.get("lint", []))
        if curation:
            messages.append(f"{curation.path}: {curated['dropped']} cards dropped, {curated['rewritten']} rewritten")
        if strict and any(": warning: " in w for w in curated.get("lint", [])):
            raise LintError([w for w in warnings if ": warning: " in w])
        if out.recovered:
            messages.insert(0, f"finished what an interrupted build left: {', '.join(out.recovered)}")
        if plan.unchanged_release and path.exists():
            messages.append(f"left {path} as it is")  # a release's package never changes
        else:
            progress(f"writing {path}")
            tmp = out.temp_path(".apkg")
            write_package(package, tmp, plan.timestamp,
                          ex.pictures.media([f for c in [*plan.cards, *plan.retired] for f in c.fields]))
            if check:
                self_check(tmp, path, progress, ahead[0] if ahead else None)
            out.stage_file(name, tmp)
        if plan.changelog is not None:
            changelog_path = out_dir / CHANGELOG_NAME
            out.stage_text(CHANGELOG_NAME, merge_changelog(read_changelog(changelog_path), config, plan.changelog))
        # an adopted record is written by a release, also when it only confirms the adopted release
        to_write = plan.record or (record if adopted and releasing else None)
        if to_write is not None:
            out.stage_text(RECORD_NAME, dump_record(to_write))
        if report is not None:
            write_report(report, ex.skipped)
        written = tuple(out.commit())
    for p in written:
        if p.name in (RECORD_NAME, CHANGELOG_NAME):
            messages.append(f"wrote {p}" + (" (commit it with the deck)" if p.name == RECORD_NAME else ""))
    return BuildResult(config, path, plan.cards, ex.skipped, tuple(warnings), ex.used_units, plan.timestamp,
                       time.perf_counter() - started, plan.retired, tuple(messages), written,
                       ex.unknown_products, releasing)


class LintError(BuildError):
    """``--strict`` and the notes have lint warnings: exit status 1, nothing written."""

    exit_code = 1

    def __init__(self, warnings: list[str]):
        self.problems = []
        click_message = "\n".join([*warnings, f"{len(warnings)} lint warnings and --strict is set; nothing was written."])
        FactdeckError.__init__(self, click_message)


def release_version_of(requested: str, config: DeckConfig, record, notes_dir: Path) -> str:
    version = requested or next_version(config.version, record)
    if not SEMVER.match(version):
        raise BuildError(Problem(Location("--version", 0), f"{version!r} is not a semantic version",
                                 "write it as MAJOR.MINOR.PATCH, e.g. 1.2.0"))
    if is_prerelease(version):
        raise BuildError(Problem(Location("--version", 0), f"{version} is a pre-release version",
                                 "a release has a plain MAJOR.MINOR.PATCH version; 'factdeck build' makes working decks"))
    return version


def check_report_path(report: Path) -> None:
    """Fail before anything is written when the report cannot be written."""
    parent = report.parent if str(report.parent) else Path(".")
    if report.is_dir():
        raise BuildError(Problem(Location(str(report), 0), "--report is a folder", "pass a file name"))
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(Problem(Location(str(report), 0), f"cannot create the report's folder ({exc.strerror})",
                                 "pass a --report path you can write to"))
    if not os.access(parent, os.W_OK) or (report.exists() and not os.access(report, os.W_OK)):
        raise BuildError(Problem(Location(str(report), 0), "cannot write the report there",
                                 "pass a --report path you can write to"))


def write_report(report: Path, skipped) -> None:
    text = "".join(f"{s.where}\t{s.message}\t{s.text}\n" for s in skipped)
    try:
        write_text_atomic(report, text)
    except OSError as exc:
        raise BuildError(Problem(Location(str(report), 0), f"cannot write the report ({exc.strerror})",
                                 "pass a --report path you can write to"))


def read_changelog(path: Path) -> str | None:
    if not path.exists() and not path.is_symlink():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise BuildError(Problem(Location(str(path), 0), "CHANGELOG.md is a folder",
                                 "move it away; the release writes the changelog there"))
    except UnicodeDecodeError:
        raise BuildError(Problem(Location(str(path), 0), "CHANGELOG.md is not UTF-8 text",
                                 "restore it from git or save it as UTF-8"))
    except OSError as exc:
        raise BuildError(Problem(Location(str(path), 0), f"cannot read CHANGELOG.md ({exc.strerror})",
                                 "restore it from git, or fix its permissions"))


def version_location(notes_dir: Path, config: DeckConfig) -> Location:
    """Where deck.yaml sets the version (errors about a release point there)."""
    try:
        lines = (notes_dir / "deck.yaml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location("--version", 0)
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("version:")), 0)
    return Location(config.path, line) if line else Location("--version", 0)


def self_check(apkg: Path, final: Path, progress: Callable[[str], None], ahead: AheadCheck | None = None) -> None:
    """Check a written package with Anki's own renderer; a problem is a bug in factdeck, not in the notes."""
    from .check import check_deck
    from .errors import InternalError

    result = (ahead.check(apkg) if ahead is not None else None) or check_deck(apkg)
    if result.problems:
        raise InternalError(f"{final} would fail factdeck's own check with Anki's renderer (nothing was written):\n"
                            + "\n".join(map(str, result.problems)))
    progress(f"checked {result.cards} cards with Anki's renderer in {result.seconds:.2f}s: no problems")


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


def deck_description(config: DeckConfig, cards: list[Card], changes: str = "", retired: int = 0, version: str = "",
                     released: bool = True) -> str:
    kinds = Counter(c.kind for c in cards)
    text = f"<p>{html.escape(config.description, quote=False)}</p>" if config.description else ""
    exam = [d for d in config.domains if not d.derived]
    if exam:
        weights = ", ".join(f"{d.id}. {html.escape(d.name)}" + (f" {d.weight}%" if d.weight else "") for d in exam)
        text += f"<p>Exam domains: {weights}.</p>"
    label = f"Version {html.escape(version)}" if version and released else "Working build"
    text += (f"<p><b>{label}</b> — {len(cards)} notes "
             f"({kinds['cloze']} cloze, {kinds['qa']} Q&amp;A, {kinds['compare']} comparison"
             + (f"; and {retired} retired" if retired else "") + "). Built by factdeck.</p>")
    if changes:
        text += f"<p>{html.escape(changes, quote=False)}</p>"
    return text
