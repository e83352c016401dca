"""Read the notes folder: every Markdown file (``*.md``, ``*.markdown``, nested folders), front matter optional.

Front matter from any tool (Jekyll, Hugo, Joplin, Obsidian…) is accepted: factdeck uses ``title``,
``domain``, ``services`` and ``tags`` and ignores the rest with one summary line. A file without a
title takes its first heading, else its file name.

Subdecks (``assign_subdecks``): the exam domains of ``deck.yaml`` when it declares them; else
headings that name exam domains ("Domain 2: Data Store Management (26%)"); else the folder structure;
else, for a single-file guide, its top headings; else none (one deck).
"""
from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from pathlib import Path

from .config import NOTION_ID, DeckConfig, Domain, load_yaml
from .errors import BuildError, Location, Problem
from .model import Note

SUFFIXES = (".md", ".markdown")
SKIP_DIRS = {"node_modules", "_site", "site-packages", "__pycache__"}
USED_KEYS = {"title", "domain", "services", "tags"}
MAX_GROUPS = 24
"""More top headings than this in a single-file guide are sections, not subdecks."""

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DOMAIN_HEADING = re.compile(r"^\s*(?:exam\s+)?domain\s*(\d{1,2})\b\s*[:.\-–—)]?\s*(.*)$", re.I)


@dataclasses.dataclass(frozen=True, slots=True)
class _Heading:
    line: int
    level: int
    text: str


@dataclasses.dataclass(slots=True)
class _Read:
    """What reading the folder gave: notes, their headings, problems, warnings."""

    notes: list[Note] = dataclasses.field(default_factory=list)
    headings: dict[str, list[_Heading]] = dataclasses.field(default_factory=dict)
    folders: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)
    ignored_keys: Counter = dataclasses.field(default_factory=Counter)


def find_note_files(notes_dir: Path, shown_dir: str, warnings: list[str]) -> list[Path]:
    """Markdown files below ``notes_dir``, sorted; hidden folders skipped; what cannot be read is a warning."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).resolve().relative_to(notes_dir.resolve()).as_posix() if exc.filename else ""
        warnings.append(f"{shown_dir}/{rel}: warning: cannot read this folder ({exc.strerror}) — its notes were "
                        "left out; fix its permissions")

    for root, dirs, files in os.walk(notes_dir, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in files:
            if not name.lower().endswith(SUFFIXES) or name.startswith("."):
                continue
            path = Path(root) / name
            if path.is_symlink() and not path.exists():
                shown = f"{shown_dir}/{path.relative_to(notes_dir).as_posix()}"
                warnings.append(f"{shown}: warning: a link to a file that does not exist — left out; "
                                "fix or remove the link")
                continue
            if path.is_file():
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(notes_dir).as_posix())


def read_notes(notes_dir: Path, shown_dir: str, config: DeckConfig) -> tuple[list[Note], DeckConfig, list[str]]:
    """All notes of the folder, sorted by path, with their subdecks; the config gains derived subdecks.

    Returns (notes, config, warnings). Raises ``BuildError`` with every problem of every file at once.
    """
    read = _Read()
    paths = find_note_files(notes_dir, shown_dir, read.warnings)
    if not paths:
        raise BuildError(Problem(Location(shown_dir, 0), "no Markdown notes (*.md, *.markdown) found",
                                 "put your notes in this folder, or pass --notes DIR"))
    for path in paths:
        rel = path.relative_to(notes_dir)
        shown = f"{shown_dir}/{rel.as_posix()}"
        try:
            data = path.read_bytes()
        except OSError as exc:
            read.warnings.append(f"{shown}: warning: cannot read the file ({exc.strerror}) — left out; fix its "
                                 "permissions")
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            read.warnings.append(f"{shown}: warning: not UTF-8 text ({exc.reason} at byte {exc.start}) — left out; "
                                 "save the file as UTF-8")
            continue
        note = _parse_note(shown, text.replace("\r\n", "\n").replace("\r", "\n"), config, read)
        if note:
            read.notes.append(note)
            read.folders[note.path] = rel.parent.parts
    if read.problems:
        raise BuildError(read.problems)
    if not read.notes:
        raise BuildError(Problem(Location(shown_dir, 0), "none of the Markdown files could be read",
                                 "see the warnings above"))
    if read.ignored_keys:
        keys = ", ".join(f"{k} ({n})" for k, n in sorted(read.ignored_keys.items(), key=lambda kv: (-kv[1], kv[0])))
        read.warnings.append(f"{shown_dir}: note: front matter keys factdeck does not use were ignored: {keys}")
    notes, config = assign_subdecks(read, config)
    return notes, config, read.warnings


# ---------------------------------------------------------------- one file


def _parse_note(shown: str, text: str, config: DeckConfig, read: _Read) -> Note | None:
    lines = text.split("\n")
    meta: dict = {}
    end = 0
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if close is None:
            read.warnings.append(f"{shown}:1: warning: front matter is not closed — read as text; add a line "
                                 "with --- after it")
        else:
            end = close + 1
            try:
                raw = load_yaml("\n".join(lines[1:close]), shown, first_line=2)
            except BuildError as exc:
                problem = exc.problems[0]
                read.warnings.append(f"{problem.where}: warning: front matter is {problem.what} — ignored; "
                                     "fix its YAML to use it")
                raw = {}
            if raw is None:
                raw = {}
            if not isinstance(raw, dict):
                read.warnings.append(f"{shown}:1: warning: front matter is not a mapping of key: value lines "
                                     "— ignored")
                raw = {}
            meta = raw
    # the front matter's lines stay, blank, so that line numbers are the file's
    body = "\n" * end + "\n".join(lines[end:])

    def at(key: str) -> Location:
        for i in range(1, max(end - 1, 1)):
            if lines[i].split(":", 1)[0].strip() == key:
                return Location(shown, i + 1)
        return Location(shown, 1)

    for key in meta:
        if key not in USED_KEYS:
            read.ignored_keys[str(key)] += 1

    headings = _headings(lines, end)
    read.headings[shown] = headings
    title, from_name = _title(meta.get("title"), headings, shown, at, read)

    domains = _front_domains(meta, config, at, read, shown)
    services = _front_list(meta.get("services"))
    tags = tuple(t for t in (_tag(x) for x in _front_list(meta.get("tags"))) if t)
    return Note(shown, title, domains, services, body, tags, title_from_name=from_name)


def _title(raw, headings: list[_Heading], shown: str, at, read: _Read) -> tuple[str, bool]:
    """The note's title, and whether it is only the file's name."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str) and raw.strip():
        return _clean_heading(raw), False
    if raw is not None:
        read.warnings.append(f"{at('title')}: warning: title must be text — the first heading is used instead")
    # the first heading names the file only when it stands above the rest: an H1, or the one heading of the
    # file's top level ("##### Scenario 01" of five scenarios is not a title; the file name is)
    named = [h for h in headings if h.text]
    if named:
        top = min(h.level for h in named)
        at_top = [h for h in named if h.level == top]
        if len({h.text for h in at_top}) == 1:  # several different H1s: a compilation, titled by its name
            return at_top[0].text, False
    stem = NOTION_ID.sub("", Path(shown).name.rsplit(".", 1)[0].split("__")[-1])  # "a__b__c.md": a flattened path
    # "1753984145-data-and-analytics-quiz", "2022-01-03-revision-notes", "12. Storage Gateway"
    stem = re.sub(r"^(?:\d{4}-\d{2}-\d{2}-|\d{6,}[-_ ]|\d+[._\s]+)", "", stem)
    stem = re.sub(r"[_\-]+", " ", stem).strip() or Path(shown).name
    return stem[:1].upper() + stem[1:], True


def _front_domains(meta: dict, config: DeckConfig, at, read: _Read, shown: str) -> tuple[int, ...]:
    if "domain" not in meta or meta.get("domain") is None:
        return ()
    raw = meta["domain"]
    values = raw if isinstance(raw, list) else [raw]
    if not config.domains:
        read.warnings.append(f"{at('domain')}: warning: 'domain' is ignored — {config.path} declares no exam "
                             "domains (add domains: to deck.yaml to use it)")
        return ()
    valid = {d.id for d in config.domains}
    out = []
    for d in values:
        if not isinstance(d, int) or isinstance(d, bool) or d not in valid:
            read.problems.append(Problem(at("domain"), f"unknown domain {d!r}",
                                         f"use one of {sorted(valid)}, as defined in {config.path}"))
            continue
        out.append(d)
    return tuple(dict.fromkeys(out))


def _front_list(raw) -> tuple[str, ...]:
    """A list, or a space/comma-separated string (Jekyll's ``tags: aws exam``); nested values are skipped."""
    if raw is None:
        return ()
    if isinstance(raw, str):
        return tuple(x for x in re.split(r"[,\s]+", raw) if x)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return (str(raw),)
    if isinstance(raw, list):
        return tuple(str(x).strip() for x in raw if isinstance(x, (str, int, float)) and not isinstance(x, bool)
                     and str(x).strip())
    return ()


def _tag(raw: str) -> str:
    """An Anki tag: no spaces, ``#`` dropped, ``a/b`` nested as ``a::b``."""
    tag = raw.strip().lstrip("#")
    tag = re.sub(r"\s+", "-", tag)
    tag = re.sub(r"/+", "::", tag).strip(":")
    return re.sub(r"[\"]", "", tag)


def _clean_heading(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"!?\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", lambda m: m.group(2) or m.group(1), text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`=]{1,3}", "", text)
    return re.sub(r"\s+", " ", text).strip(" #:")


def _headings(lines: list[str], start: int) -> list[_Heading]:
    out: list[_Heading] = []
    fence = ""
    for i in range(start, len(lines)):
        line = lines[i]
        m = _FENCE.match(line)
        if m:
            if not fence:
                fence = m.group(1)[0] * 3
            elif line.strip().startswith(fence):
                fence = ""
            continue
        if fence:
            continue
        m = _ATX.match(line)
        if m:
            out.append(_Heading(i + 1, len(m.group(1)), _clean_heading(m.group(2) or "")))
    return out


# ---------------------------------------------------------------- subdecks


def _domain_of_heading(text: str, domains: tuple[Domain, ...]) -> int:
    m = _DOMAIN_HEADING.match(text)
    if m and any(d.id == int(m.group(1)) for d in domains):
        return int(m.group(1))
    norm = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    for d in domains:
        if norm == re.sub(r"[^a-z0-9]+", " ", d.name.lower()).strip():
            return d.id
    return 0


def _sections(headings: list[_Heading], default: int, domain_of) -> tuple[tuple[int, int], ...]:
    """Change points (line, domain) from the headings that name a domain; a section ends at its level."""
    points: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (level, domain)
    for h in headings:
        while stack and h.level <= stack[-1][0]:
            stack.pop()
        did = domain_of(h)
        if did:
            stack.append((h.level, did))
        current = stack[-1][1] if stack else default
        if not points or points[-1][1] != current:
            points.append((h.line, current))
    return tuple(p for i, p in enumerate(points) if i or p[1] != default)


def assign_subdecks(read: _Read, config: DeckConfig) -> tuple[list[Note], DeckConfig]:
    notes = read.notes
    if config.domains:
        def domain_of(h: _Heading) -> int:
            return _domain_of_heading(h.text, config.domains)
        return [dataclasses.replace(n, sections=_sections(read.headings[n.path], n.domain_at(0), domain_of))
                for n in notes], config

    # 1. headings that name exam domains ("Domain 2: Data Store Management (26%)")
    found: dict[int, Domain] = {}
    for n in notes:
        for h in read.headings[n.path]:
            m = _DOMAIN_HEADING.match(h.text)
            if m and int(m.group(1)) not in found:
                name = m.group(2)
                weight = re.search(r"\((\d{1,2})\s*%\)", name)
                name = re.sub(r"\s*\(\d{1,2}\s*%\)|\s*[-–—:]\s*\d{1,2}\s*%.*$", "", name).strip(" .:-–—")
                did = int(m.group(1))
                found[did] = Domain(did, name or f"Domain {did}", int(weight.group(1)) if weight else 0)
    if len(found) >= 2:
        domains = tuple(sorted(found.values(), key=lambda d: d.id))

        def domain_of(h: _Heading) -> int:
            m = _DOMAIN_HEADING.match(h.text)
            return int(m.group(1)) if m and int(m.group(1)) in found else 0
        out = [dataclasses.replace(n, sections=_sections(read.headings[n.path], 0, domain_of)) for n in notes]
        return out, dataclasses.replace(config, domains=domains)

    # 2. the folder structure
    if any(read.folders[n.path] for n in notes):
        names = sorted({"::".join(_readable(p) for p in read.folders[n.path]) for n in notes} - {""})
        ids = {name: i for i, name in enumerate(names, 1)}
        domains = tuple(Domain(i, name, derived=True) for name, i in ids.items())
        out = [dataclasses.replace(n, domains=(ids["::".join(_readable(p) for p in read.folders[n.path])],)
                                   if read.folders[n.path] else ()) for n in notes]
        return out, dataclasses.replace(config, domains=domains)

    # 3. a single-file guide: its top headings
    if len(notes) == 1:
        note = notes[0]
        headings = [h for h in read.headings[note.path] if h.text]
        levels = sorted({h.level for h in headings})
        for level in levels:
            at_level = [h for h in headings if h.level == level]
            if len(at_level) == 1 and h_is_title(at_level[0], note):
                continue
            names = list(dict.fromkeys(_group_name(h.text) for h in at_level))
            if 2 <= len(names) <= MAX_GROUPS:
                ids = {name: i for i, name in enumerate(names, 1)}
                domains = tuple(Domain(i, name, derived=True) for name, i in ids.items())

                def domain_of(h: _Heading, level=level, ids=ids) -> int:
                    return ids.get(_group_name(h.text), 0) if h.level == level else 0
                sections = _sections(headings, 0, domain_of)
                return [dataclasses.replace(note, sections=sections)], dataclasses.replace(config, domains=domains)
            break
    return notes, config


def h_is_title(h: _Heading, note: Note) -> bool:
    return h.level == 1 or h.text == note.title


def _group_name(text: str) -> str:
    text = re.sub(r"^(?:\d+(?:\.\d+)*|[IVX]+)[.)]?\s+", "", text.strip())
    text = re.sub(r"^[^\w(]+", "", text).strip()  # a leading emoji
    text = text.replace("::", ":")
    return (text[:1].upper() + text[1:])[:60] or "Section"


def _readable(folder: str) -> str:
    """A folder name as a subdeck name: "02-Library" → "Library", "data_engineering" → "Data engineering"."""
    name = re.sub(r"^\d+[\s._\-]+(?=\D)", "", NOTION_ID.sub("", folder))
    name = re.sub(r"[_]+", " ", name).strip() or folder
    return (name[:1].upper() + name[1:]).replace("::", ":")
