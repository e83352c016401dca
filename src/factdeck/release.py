"""A version's changes: the record advanced by a build, retired cards, the digest, and the plan of what a
build or a release writes (versions, timestamps)."""
from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Sequence

from .changelog import changelog_section
from .config import SEMVER, DeckConfig
from .errors import BuildError, InternalError, Location, Problem
from .matching import Matching, match_cards, summarise
from .model import Card
from .record import CHANGELOG_NAME, RECORD_NAME, Entry, Record, Release, digest, release_tuple

# ---------------------------------------------------------------- a version's changes


@dataclass(frozen=True, slots=True)
class Changes:
    """What a build changes against the record: the learner's view of a release."""

    added: tuple[Card, ...]
    changed: tuple[tuple[Entry, Card], ...]
    """(what the learner had, what replaces it), same GUID."""
    retired: tuple[Entry, ...]


def content(fields: Sequence[str]) -> tuple[str, ...]:
    """The fields a learner reads as the card's text: all but Source (the last field of every note type)."""
    return tuple(fields[:-1])


def advance(record: Record, cards: Sequence[Card], matching: Matching, version: str,
            dropped: Sequence[Card] = ()) -> tuple[Record, Changes]:
    """The record after building ``version`` from ``cards`` (with their GUIDs), and what changed.

    ``dropped`` are cards the learner's curation drops: tracked as live entries marked ``dropped_in`` (their
    GUIDs keep following the facts), never counted as added or changed.
    """
    old = {e.key: e for e in record.entries}
    live: list[Entry] = []
    added: list[Card] = []
    changed: list[tuple[Entry, Card]] = []
    for c in sorted(dropped, key=lambda c: c.key):
        prev = old.get(matching.continues.get(c.key, "\0"))
        live.append(Entry(c.key, c.guid, c.kind, tuple(c.fields), tuple(c.tags), c.domain, c.front_text,
                          c.back_text, c.subject, c.context, str(c.where), prev.added_in if prev else version,
                          prev.changed_in if prev else None, None,
                          (prev.dropped_in if prev and prev.dropped_in else version)))
    for c in sorted(cards, key=lambda c: c.key):
        prev = old.get(matching.continues.get(c.key, "\0"))
        changed_in = prev.changed_in if prev else None
        if prev is None:
            added.append(c)
        elif content(prev.fields) != content(c.fields):
            changed.append((prev, c))
            changed_in = version
        live.append(Entry(c.key, c.guid, c.kind, tuple(c.fields), tuple(c.tags), c.domain, c.front_text,
                          c.back_text, c.subject, c.context, str(c.where), prev.added_in if prev else version,
                          changed_in, None))
    retired = [old[k] for k in matching.unmatched]
    gone = [dataclasses.replace(e, retired_in=version) for e in retired]
    gone += [e for e in record.entries if e.retired_in is not None]
    keys = {e.key for e in live}
    entries = list(live)
    for e in sorted(gone, key=lambda e: (e.key, e.guid)):
        if e.key in keys:
            e = dataclasses.replace(e, key=f"{e.key.split('~')[0]}~{e.guid}")
        keys.add(e.key)
        entries.append(e)
    guids = [e.guid for e in entries]
    if len(set(guids)) != len(guids):
        raise InternalError("two facts of the identity record share a GUID")
    return (Record(record.slug, tuple(entries), record.releases),
            Changes(tuple(added), tuple(changed), tuple(retired)))


def retired_cards(record: Record, version: str, previous: Record | None = None) -> list[Card]:
    """The cards retired by ``version``: old GUID and fields, a visible marker, the ``<slug>::retired`` tag.

    A card the learner's curation drops from this version on counts too, when a release shipped it before.
    """
    shipped = {e.guid for e in previous.entries if e.retired_in is None and e.dropped_in is None} \
        if previous is not None and previous.releases else set()
    cards = []
    for e in sorted(record.entries, key=lambda e: e.key):
        newly_dropped = e.dropped_in is not None and e.retired_in is None and e.guid in shipped
        if e.retired_in != version and not newly_dropped:
            continue
        marker = f'<div class="retired">Retired in v{html.escape(version)} — delete this card</div>'
        fields = (marker + e.fields[0], *e.fields[1:])
        path, _, line = e.source.rpartition(":")
        where = Location(path, int(line)) if line.isdigit() else Location(e.source, 0)
        tags = (*e.tags, f"{record.slug}::retired")
        cards.append(Card(e.kind, e.key, e.guid, fields, tags, e.domain, where,  # type: ignore[arg-type]
                          e.front_text, e.back_text, e.subject, e.context))
    return cards




# ---------------------------------------------------------------- planning a build


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build writes, decided before anything is written."""

    cards: tuple[Card, ...]
    """The notes' cards, with their GUIDs."""
    retired: tuple[Card, ...]
    """Cards this version retires, shipped marked and tagged."""
    timestamp: int
    record: Record | None
    """The record to write; None leaves identity.json as it is (pre-release, unchanged release)."""
    changelog: str | None
    """The section to add on top of CHANGELOG.md; None leaves it alone."""
    summary: str
    """One line for the deck description."""
    messages: tuple[str, ...]
    unchanged_release: bool = False
    """The version is released and these are its cards: an existing .apkg of it is left as it is."""


def summary_line(version: str, since: str | None, added: int, changed: int, retired: int, slug: str) -> str:
    if since is None:
        return f"v{version}: first release."
    text = f"v{version}: {added} added, {changed} changed, {retired} retired since v{since}"
    if retired:
        text += f" (retired cards are tagged {slug}::retired: delete them)"
    return text + "."


def plan_build(config: DeckConfig, record: Record, cards: Sequence[Card], *, version: str, release: bool,
               source_date: int, now: int, version_at: Location,
               curate: Callable[[tuple[Card, ...]], tuple[Card, ...]] | None = None) -> Plan:
    """Match the cards to the record and decide GUIDs, retired cards, timestamp and what to write.

    A build (``release=False``) never writes the record or the changelog: it is a working deck, or the
    released ``version`` again when its cards are unchanged. A release raises ``BuildError`` when the
    version is released with other notes, or older than the last release.
    """
    slug = config.slug
    matching = match_cards(cards, record, slug)
    cards = tuple(dataclasses.replace(c, guid=matching.guids[c.key]) for c in cards)
    dropped: tuple[Card, ...] = ()
    if curate is not None:  # the learner's drops and rewrites, keyed by GUID
        curated = curate(cards)
        kept = {c.key for c in curated}
        dropped = tuple(c for c in cards if c.key not in kept)
        cards = curated
    after, changes = advance(record, cards, matching, version or "dev", dropped=dropped)
    retired = tuple(retired_cards(after, version or "dev", previous=record))
    last = record.last_release
    how = list(matching.how.values())
    messages = [*summarise(matching.messages),
                f"identity: {how.count('key')} cards kept by key, {how.count('text')} by similar text, "
                f"{how.count('new') + how.count('ambiguous')} new, {len(changes.retired)} retired"]

    done = record.release(version) if version else None
    if done is not None and digest(cards + retired) == done.digest:
        return Plan(cards, retired, done.timestamp, None, None,
                    summary_line(version, done.since, done.added, done.changed, done.retired, slug),
                    (f"v{version} is already released and unchanged",), unchanged_release=True)
    if done is not None and release:
        raise BuildError(Problem(
            version_at, f"version {version} is already released and the notes changed",
            f"bump version (e.g. {_bump(version)}), or omit it and 'factdeck release' picks the next one"))
    if release and last and release_tuple(version) <= release_tuple(last.version):
        raise BuildError(Problem(version_at, f"version {version} is older than the last release {last.version}",
                                 f"use a version after it (e.g. {_bump(last.version)})"))

    timestamp = min(max(source_date, last.timestamp + 1 if last else 0), now)
    since = last.version if last else None
    if not release:
        summary = (f"Working build: {len(changes.added)} added, {len(changes.changed)} changed, "
                   f"{len(changes.retired)} retired since v{since}." if since else "Working build (not released yet).")
        note = (f"version {version} is released with other cards; this is a working build — "
                f"'factdeck release --version {_bump(version)}' cuts the next release" if done is not None else
                f"a working build: {RECORD_NAME} and {CHANGELOG_NAME} are left as they are "
                "('factdeck release' cuts a release)")
        return Plan(cards, retired, timestamp, None, None, summary, (*messages, summary, note))
    summary = summary_line(version, since, len(changes.added), len(changes.changed), len(changes.retired), slug)
    release_entry = Release(version, timestamp, digest(cards + retired), since, len(cards), len(changes.added),
                            len(changes.changed), len(changes.retired))
    after = dataclasses.replace(after, releases=(*record.releases, release_entry))
    date = datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d")
    return Plan(cards, retired, timestamp, after, changelog_section(version, since, date, cards, changes), summary,
                (*messages, f"{summary} Released: recorded in {RECORD_NAME}."))


def next_version(config_version: str, record: Record) -> str:
    """The version ``release`` cuts when none is given: deck.yaml's (without its pre-release part), else the
    minor version after the last release, else 0.1.0."""
    if config_version:
        m = SEMVER.match(config_version)
        if m and m.group(4):
            return f"{m.group(1)}.{m.group(2)}.{m.group(3)}"
        return config_version
    last = record.last_release
    return _bump(last.version, minor=True) if last else "0.1.0"


def _bump(version: str, minor: bool = False) -> str:
    major, mi, patch = release_tuple(version)
    return f"{major}.{mi + 1}.0" if minor else f"{major}.{mi}.{patch + 1}"
