"""Card identity across edits and releases: the identity record, matching, versions, changelog.

A learner re-imports every new build over the previous one. Anki matches notes by GUID
(ANKI.md), so a card keeps its review history exactly as long as its GUID stays the same.
The GUIDs live in the **identity record** ``<out>/identity.json``, committed next to the
released decks; the notes never hold ids.

Matching a build's cards to the record (``match_cards``, a pure function), in this order:

1. **Same key, same text** → the recorded GUID. (A fact's key says what it is about:
   subject, attribute, section; never its wording.)
2. **Similar text.** Every remaining card is compared with the live (not retired, not yet
   matched) record entries *of the same kind* that share enough of its rarer words to reach the
   threshold (``matching.py`` indexes them: near-linear, not all pairs) by
   ``difflib.SequenceMatcher.ratio`` over the lowercased words of front and back (words, not
   characters: as telling, and fast enough to compare a whole deck). A pair counts when the ratio is at least ``SIM_MIN`` (0.6). Its score is the ratio plus small affinities: ``KEY_BONUS``
   (0.10) for the same key, ``PLACE_BONUS`` (0.03) for the same section, ``SUBJECT_BONUS``
   (0.03) for the same subject. Pairs are taken best score first; a pair is taken only when
   it is a **clear best** for both sides: no other free entry for that card and no other
   free card for that entry scores within ``MARGIN`` (0.03) of it.
   This covers reworded sentences whose key changed, sections moved to another file,
   renamed files, and the shift of numbered keys (``…#2`` becomes ``…`` when the sentence
   before it is deleted: the text decides, not the number).
   - **Split** (one old fact → two new): the closer one keeps the GUID, the other is new.
   - **Merge** (two old → one new): the closer old one gives its GUID, the other is retired.
   - **Ambiguous** (a rival within ``MARGIN`` on either side): every card of the tie gets a
     new GUID (attaching a learner's history to the wrong fact is worse than starting
     over), and the build output says so with the file and line (the first ten; then a count).
3. **Same key, text rewritten** beyond ``SIM_MIN`` (a table cell whose value was replaced,
   a definition written anew) → the recorded GUID, if that entry is still free.
4. **New**: ``genanki.guid_for(slug, key)``, the GUID factdeck has always used, with a counter
   appended in the rare case that it is already taken by another card or record entry.

Record entries that no card continues are **retired**: ``retired_in`` is set and they stay
retired (a fact that comes back later is a new card). A retired card is shipped once, in
the package of the version that retires it, with its old GUID and fields, a visible
"Retired in vX — delete this card" line on its question side and the tag
``<slug>::retired``; the re-import marks the learner's copy in place. It is *not* carried
into later packages: Anki's import adds any note whose GUID it does not know, so a carried
card would come back as a new card after every import for each learner who deleted it,
and would land in every fresh install (measured with anki 26.9: a deleted note is re-added,
and a suspended card in the package is imported unsuspended). Learners who skip a release
find its retired cards in ``CHANGELOG.md``.

Versions (``deck.yaml`` ``version``): ``1.2.0`` is a **release**, ``1.2.0-dev`` /
``1.2.0-rc.1`` a **pre-release**. Building a new release records it in ``releases``
(timestamp and digest) and writes the record and the changelog. Building a released version
again is a no-op when its notes digest is unchanged, and an error when it differs (a release
is immutable). A pre-release uses the record for its GUIDs but never writes it.

An output folder with a released ``.apkg`` but no record (a deck released before the record
existed, or a lost record) adopts the newest released deck as its record
(``adopt_released_deck``), so the next release still updates, keeps or retires exactly what
learners have.
"""
from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Sequence

import genanki

from .cards import read_source_fields
from .config import SEMVER, DeckConfig
from .errors import BuildError, InternalError, Location, Problem
from .matching import (KEY_BONUS, MARGIN, PLACE_BONUS, SIM_MIN, SUBJECT_BONUS, Matching,  # noqa: F401 (re-exported)
                       match_cards, summarise)
from .model import Card
from .package import MODELS

RECORD_NAME = "identity.json"
CHANGELOG_NAME = "CHANGELOG.md"
FORMAT = 1


# ---------------------------------------------------------------- the record


@dataclass(frozen=True, slots=True)
class Entry:
    """One fact of the record: the card it last shipped as, and its history."""

    key: str
    """The fact key (for a retired entry whose key a live fact took: ``key~guid``)."""
    guid: str
    kind: str
    fields: tuple[str, ...]
    """Final field HTML as last shipped (without any retired marker)."""
    tags: tuple[str, ...]
    domain: int
    front_text: str
    back_text: str
    subject: str
    context: str
    source: str
    """``notes/file.md:line`` where the fact last came from."""
    added_in: str
    changed_in: str | None
    """Last release whose build changed the card's text (any field but Source)."""
    retired_in: str | None
    dropped_in: str | None = None
    """The version since which the learner's curation.yaml drops this card: tracked (so the drop follows
    rewordings) but not shipped."""


@dataclass(frozen=True, slots=True)
class Release:
    """A released version: what a rebuild of it must reproduce."""

    version: str
    timestamp: int
    """The genanki timestamp the release was written with (note mod times)."""
    digest: str
    """sha256 of the sorted (guid, kind, fields, tags, domain) of every note of the package."""
    since: str | None
    """The release before it (None for the first)."""
    notes: int
    added: int
    changed: int
    retired: int


@dataclass(frozen=True, slots=True)
class Record:
    """The identity record of one deck (``identity.json``)."""

    slug: str
    entries: tuple[Entry, ...] = ()
    releases: tuple[Release, ...] = ()
    """Oldest first."""

    def release(self, version: str) -> Release | None:
        return next((r for r in self.releases if r.version == version), None)

    @property
    def last_release(self) -> Release | None:
        return max(self.releases, key=lambda r: release_tuple(r.version), default=None)


def release_tuple(version: str) -> tuple[int, int, int]:
    m = SEMVER.match(version)
    if not m:
        raise InternalError(f"{version!r} is not a semantic version")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def is_prerelease(version: str) -> bool:
    m = SEMVER.match(version)
    return bool(m and m.group(4))


_ENTRY_FIELDS = [f.name for f in dataclasses.fields(Entry) if f.name != "key"]
_RELEASE_FIELDS = [f.name for f in dataclasses.fields(Release) if f.name != "version"]


def dump_record(record: Record) -> str:
    """The record as JSON: sorted, one attribute per line, so a release's diff reads fact by fact."""
    def block(items: list[tuple[str, dict]], indent: str) -> str:
        out = []
        for name, attrs in items:
            inner = ",\n".join(f'{indent}  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}'
                               for k, v in sorted(attrs.items()))
            out.append(f"{indent}{json.dumps(name, ensure_ascii=False)}: {{\n{inner}\n{indent}}}")
        return "{\n" + ",\n".join(out) + ("\n" if out else "") + indent[:-2] + "}"

    releases = sorted(record.releases, key=lambda r: release_tuple(r.version))
    rel = [(r.version, {k: getattr(r, k) for k in _RELEASE_FIELDS}) for r in releases]
    facts = [(e.key, {k: (list(v) if isinstance(v := getattr(e, k), tuple) else v) for k in _ENTRY_FIELDS
                      if k != "dropped_in" or e.dropped_in is not None})
             for e in sorted(record.entries, key=lambda e: e.key)]
    return ("{\n"
            f'  "format": {FORMAT},\n'
            f'  "slug": {json.dumps(record.slug)},\n'
            f'  "releases": {block(rel, "    ")},\n'
            f'  "facts": {block(facts, "    ")}\n'
            "}\n")


def load_record(out_dir: Path, slug: str) -> Record:
    """Read ``<out>/identity.json``; an empty record when there is none yet."""
    path = Path(out_dir) / RECORD_NAME
    shown = str(path)
    if not path.exists():
        return Record(slug)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BuildError(Problem(Location(shown, exc.lineno), f"not valid JSON: {exc.msg}",
                                 f"restore it from git (git checkout -- {shown})"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(Problem(Location(shown, 0), f"cannot read the identity record ({exc})"))
    try:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ValueError(f"unknown format {raw.get('format') if isinstance(raw, dict) else raw!r}")
        if not isinstance(raw.get("facts"), dict) or not isinstance(raw.get("releases"), dict):
            raise ValueError("'facts' and 'releases' must be objects")
        record = Record(
            _typed(raw["slug"], str, "slug"),
            tuple(_entry(key, attrs) for key, attrs in raw["facts"].items()),
            tuple(_release(version, attrs) for version, attrs in raw["releases"].items()))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise BuildError(Problem(Location(shown, 0), f"not a factdeck identity record ({exc})",
                                 f"restore it from git (git checkout -- {shown})"))
    if record.slug != slug:
        raise BuildError(Problem(Location(shown, 0), f"records the deck {record.slug!r}, not {slug!r}",
                                 "build each deck into its own --out folder"))
    return record


_ENTRY_TYPES = {"guid": str, "kind": str, "fields": tuple, "tags": tuple, "domain": int, "front_text": str,
                "back_text": str, "subject": str, "context": str, "source": str, "added_in": str,
                "changed_in": (str, type(None)), "retired_in": (str, type(None))}
_RELEASE_TYPES = {"timestamp": int, "digest": str, "since": (str, type(None)), "notes": int, "added": int,
                  "changed": int, "retired": int}


def _typed(value, kind, what: str):
    if isinstance(value, list) and kind is tuple:
        value = tuple(value)
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"{what} must be a list of strings")
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"{what} has the wrong type ({type(value).__name__})")
    return value


def _entry(key: str, attrs) -> Entry:
    if not isinstance(attrs, dict) or set(attrs) - {"dropped_in"} != set(_ENTRY_TYPES):
        raise ValueError(f"fact {key!r} must have exactly the keys {', '.join(sorted(_ENTRY_TYPES))}")
    types = {**_ENTRY_TYPES, "dropped_in": (str, type(None))}
    entry = Entry(key, **{k: _typed(v, types[k], f"fact {key!r}: {k}") for k, v in attrs.items()})
    if entry.kind not in ("qa", "cloze", "compare"):
        raise ValueError(f"fact {key!r}: unknown kind {entry.kind!r}")
    for v in (entry.added_in, entry.changed_in, entry.retired_in, entry.dropped_in):
        if v is not None and not SEMVER.match(v) and v != "dev":
            raise ValueError(f"fact {key!r}: {v!r} is not a version")
    return entry


def _release(version: str, attrs) -> Release:
    if not SEMVER.match(version):
        raise ValueError(f"release {version!r} is not a semantic version")
    if not isinstance(attrs, dict) or set(attrs) != set(_RELEASE_TYPES):
        raise ValueError(f"release {version!r} must have exactly the keys {', '.join(sorted(_RELEASE_TYPES))}")
    release = Release(version, **{k: _typed(v, _RELEASE_TYPES[k], f"release {version!r}: {k}") for k, v in attrs.items()})
    if release.since is not None and not SEMVER.match(release.since):
        raise ValueError(f"release {version!r}: since {release.since!r} is not a version")
    return release


def adopt_released_deck(out_dir: Path, slug: str, keys: Iterable[str]) -> tuple[Record, str]:
    """A record for an output folder that has released decks but no identity.json yet (or lost it).

    The newest ``<slug>-v<X.Y.Z>.apkg`` becomes the recorded release: its notes are the record's facts,
    so the next release updates, keeps or retires exactly what learners have. A fact's key is found
    again when one of today's ``keys`` gives its GUID (the GUIDs factdeck always made); the others are
    matched by their text. Returns an empty record and "" when there is no released deck.
    """
    releases = [p for p in Path(out_dir).glob(f"{slug}-v*.apkg")
                if SEMVER.match(v := p.name[len(slug) + 2:-5]) and not is_prerelease(v)]
    if not releases:
        return Record(slug), ""
    path = max(releases, key=lambda p: release_tuple(p.name[len(slug) + 2:-5]))
    version = path.name[len(slug) + 2:-5]
    try:
        notes, timestamp = _read_package(path)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, sqlite3.Error) as exc:
        raise BuildError(Problem(Location(str(path), 0), f"cannot read this released deck ({exc})",
                                 f"restore it from git, or move it away to start a new identity record"))
    by_guid = {genanki.guid_for(slug, k): k for k in keys}
    marker = re.compile(r'^<div class="retired">Retired in v[^<]*</div>')
    entries, shipped = [], []
    for guid, kind, tags, fields, domain in notes:
        shipped.append(Card(kind, "", guid, fields, tags, domain, Location("", 0)))  # type: ignore[arg-type]
        retired = f"{slug}::retired" in tags
        fields = (marker.sub("", fields[0]), *fields[1:])
        front, back = _texts(kind, fields)
        entries.append(Entry(by_guid.get(guid, f"adopted|{guid}"), guid, kind, fields,
                             tuple(t for t in tags if t != f"{slug}::retired"), domain, front, back, "",
                             *read_source_fields(fields[-2], fields[-1]), version, None, version if retired else None))
    live = sum(e.retired_in is None for e in entries)
    release = Release(version, timestamp, digest(shipped), None, live, live, 0, len(entries) - live)
    return (Record(slug, tuple(entries), (release,)),
            f"adopted {path} as release {version} (there was no {RECORD_NAME}; commit the one this build writes)")


_KINDS = {model.model_id: kind for kind, model in MODELS.items()}


def _read_package(path: Path) -> tuple[list[tuple[str, str, tuple[str, ...], tuple[str, ...], int]], int]:
    """(guid, kind, tags, fields, domain id) of every factdeck note of a package, and its timestamp."""
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "collection.anki2"
        db.write_bytes(z.read("collection.anki2"))
        con = sqlite3.connect(db)
        try:
            decks = {int(i): d["name"] for i, d in json.loads(con.execute("select decks from col").fetchone()[0]).items()}
            rows = con.execute("select n.guid, n.mid, n.tags, n.flds, min(c.did), n.mod from notes n "
                               "join cards c on c.nid = n.id group by n.id order by n.guid").fetchall()
        finally:
            con.close()
    notes = []
    for guid, mid, tags, flds, did, _ in rows:
        if mid not in _KINDS:
            continue
        m = re.search(r"::(\d+)\. [^:]*$", decks.get(did, ""))
        notes.append((guid, _KINDS[mid], tuple(tags.split()), tuple(flds.split("\x1f")), int(m.group(1)) if m else 0))
    return notes, max((r[5] for r in rows), default=0)


def _plain(field_html: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", field_html))).strip()


def _texts(kind: str, fields: Sequence[str]) -> tuple[str, str]:
    """front_text and back_text of a packaged note, as make_card wrote them."""
    if kind == "cloze":
        deletion = re.compile(r"\{\{c\d+::(.*?)\}\}")
        return _plain(deletion.sub("[…]", fields[0])), " / ".join(_plain(x) for x in deletion.findall(fields[0]))
    if kind == "compare":
        pairs = (re.findall(r"<li><b>(.*?):</b>\s*(.*?)</li>", fields[1])
                 or re.findall(r"<th>(.*?)</th><td>(.*?)</td>", fields[1]))  # the table of older releases
        return _plain(fields[0]), "; ".join(f"{_plain(a)}: {_plain(b)}" for a, b in pairs)
    return _plain(fields[0]), _plain(fields[1])


# ---------------------------------------------------------------- matching: matching.py
# ``Matching``, ``match_cards`` and the thresholds live in matching.py and are imported above, so
# ``from factdeck.identity import match_cards`` keeps working.


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


def digest(cards: Iterable[Card]) -> str:
    """sha256 of the sorted (guid, kind, fields, tags, domain) of the notes of a package."""
    rows = sorted([c.guid, c.kind, list(c.fields), list(c.tags), c.domain] for c in cards)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


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


# ---------------------------------------------------------------- the learners' changelog


def _md(text: str) -> str:
    """Plain text → Markdown that shows literally."""
    text = re.sub(r"([\\`*_<])", r"\\\1", re.sub(r"\s+", " ", text).strip())
    return text.replace("](", "]\\(")  # "[…]" stays as the card shows it; only a link would need more


def changelog_section(version: str, since: str | None, date: str, cards: Sequence[Card], changes: Changes) -> str:
    lines = [f"## v{version} ({date})", ""]
    if since is None:
        lines += [f"First release: {len(cards)} notes.", ""]
        return "\n".join(lines)
    lines += [f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.retired)} retired "
              f"since v{since}; {len(cards)} notes in all.", ""]

    def where(source: str) -> str:
        return source.rsplit(":", 1)[0]

    if changes.added:
        lines += [f"### Added ({len(changes.added)})", ""]
        lines += [f"- {_md(c.front_text)} — {_md(c.back_text)}"
                  for c in sorted(changes.added, key=lambda c: (c.where.path, c.where.line))] + [""]
    if changes.changed:
        lines += [f"### Changed ({len(changes.changed)})", ""]
        for old, c in sorted(changes.changed, key=lambda p: (p[1].where.path, p[1].where.line)):
            line = f"- {_md(c.front_text)} — {_md(c.back_text)}"
            if old.back_text != c.back_text:
                line += f" (was: {_md(old.back_text)})"
            elif old.front_text != c.front_text:
                line += f" (was: {_md(old.front_text)})"
            lines.append(line)
        lines.append("")
    if changes.retired:
        lines += [f"### Retired ({len(changes.retired)})", ""]
        lines += [f"- {_md(e.front_text)} — {_md(e.back_text)} ({where(e.source)})"
                  for e in sorted(changes.retired, key=lambda e: e.source)] + [""]
    return "\n".join(lines)


def merge_changelog(existing: str | None, config: DeckConfig, section: str) -> str:
    """CHANGELOG.md with ``section`` on top of the older sections (a section of the same version is replaced)."""
    head = (f"# What changed in {config.name}\n\n"
            "Import each new version over the previous one (File › Import, default options): changed cards are "
            "updated in place and keep their review history. A card removed from the notes arrives once more, "
            f"marked \"Retired in vX — delete this card\" and tagged `{config.slug}::retired`: search "
            f"`tag:{config.slug}::retired` in the Browse window and delete what it finds.\n")
    version = section.split("\n", 1)[0].split()[1]
    older = re.split(r"(?m)^(?=## v)", existing or "")[1:]
    keep = [s.rstrip() + "\n" for s in older if s.split("\n", 1)[0].split()[1] != version]
    return "\n".join([head, section.rstrip() + "\n", *keep])
