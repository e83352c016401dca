"""Read the notes folder: every ``*.md`` file with its YAML front matter checked."""
from __future__ import annotations

from pathlib import Path

import yaml

from .config import DeckConfig
from .errors import BuildError, Location, Problem
from .model import Note

FRONT_KEYS = {"title", "domain", "services"}


def read_notes(notes_dir: Path, shown_dir: str, config: DeckConfig) -> list[Note]:
    """All notes of the folder, sorted by path; every problem of every file is reported at once."""
    paths = sorted(p for p in notes_dir.rglob("*.md") if p.is_file())
    problems: list[Problem] = []
    notes: list[Note] = []
    if not paths:
        raise BuildError(Problem(Location(shown_dir, 0), "no Markdown notes (*.md) found",
                                 "put your notes in this folder, or pass --notes DIR"))
    for path in paths:
        shown = f"{shown_dir}/{path.relative_to(notes_dir).as_posix()}"
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(Location(shown, 0), f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                    "save the file as UTF-8"))
            continue
        except OSError as exc:
            problems.append(Problem(Location(shown, 0), f"cannot read the file ({exc.strerror})"))
            continue
        note = _parse_note(shown, text.replace("\r\n", "\n"), config, problems)
        if note:
            notes.append(note)
    if problems:
        raise BuildError(problems)
    return notes


def _parse_note(shown: str, text: str, config: DeckConfig, problems: list[Problem]) -> Note | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(Location(shown, 1), "no front matter",
                                "start the file with ---, then title:, domain: and services:, then ---"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(Location(shown, 1), "front matter is not closed", "add a line with --- after it"))
        return None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problems.append(Problem(Location(shown, line), f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(Location(shown, 1), "front matter must be a mapping",
                                "e.g. title: AWS Lambda / domain: 1 / services: [lambda]"))
        return None

    def at(key: str) -> Location:
        for i in range(1, end):
            if lines[i].split(":", 1)[0].strip() == key:
                return Location(shown, i + 1)
        return Location(shown, 1)

    ok = True
    for key in sorted(set(meta) - FRONT_KEYS):
        problems.append(Problem(at(key), f"unknown front matter key {key!r}", f"valid keys: {', '.join(sorted(FRONT_KEYS))}"))
        ok = False
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(at("title"), "front matter needs a title", "e.g. title: AWS Lambda"))
        ok = False
    raw_domain = meta.get("domain")
    domains = raw_domain if isinstance(raw_domain, list) else [raw_domain]
    valid = {d.id for d in config.domains}
    if raw_domain is None or not domains:
        problems.append(Problem(at("domain"), "front matter needs a domain",
                                f"one of {sorted(valid)} or a list of them, as defined in {config.path}"))
        ok = False
    else:
        for d in domains:
            if d not in valid or isinstance(d, bool):
                problems.append(Problem(at("domain"), f"unknown domain {d!r}",
                                        f"use one of {sorted(valid)}, as defined in {config.path}"))
                ok = False
    services = meta.get("services") or []
    if not isinstance(services, list):
        services = [services]
    known = {s.id for s in config.services}
    for sid in services:
        if sid not in known:
            problems.append(Problem(at("services"), f"unknown service id {sid!r}",
                                    f"add it to the services of {config.path}, or use one of its ids"))
            ok = False
    if not ok:
        return None
    return Note(shown, title.strip(), tuple(domains), tuple(services), text)
