"""The identity record (``identity.json``): what each released card was, its GUID and history; reading,
writing and validating it, and adopting a released deck that has none."""
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
from pathlib import Path
from typing import Iterable, Sequence

import genanki

from .cards import read_source_fields
from .config import SEMVER
from .errors import BuildError, InternalError, Location, Problem
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
                                 "restore it from git, or move it away to start a new identity record"))
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

def digest(cards: Iterable[Card]) -> str:
    """sha256 of the sorted (guid, kind, fields, tags, domain) of the notes of a package."""
    rows = sorted([c.guid, c.kind, list(c.fields), list(c.tags), c.domain] for c in cards)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
