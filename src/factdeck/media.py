"""Pictures of the notes as media of the deck.

A picture the notes show — ``![alt](diagram.png)``, ``<img src="diagram.png">``, Obsidian's
``![[diagram.png]]`` — goes into the package once, under a name made from its content
(``fd-<hash>.png``), and appears on the back of the cards made from the same paragraph or table cell;
a picture that stands alone in a section (a paragraph of its own) goes on every card of that section,
from its heading to the next heading. The name depends only on the bytes, so a rebuild imported over the
old deck finds the file Anki already has and adds no second copy, whatever the file is called or
where it moved.

Paths are read relative to the note's file; ``![[name]]`` (Obsidian) is looked up by file name anywhere
in the notes folder when it is not there. A picture that cannot be found is a lint warning; a web
address is not downloaded (a lint note says so) and shows nothing on the card.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from pathlib import Path
from urllib.parse import unquote

from .model import Block, Fact, Heading, Paragraph, Table

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif", ".apng", ".ico",
                            ".tif", ".tiff"})
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
IMG_REF = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"')


def media_name(data: bytes, suffix: str) -> str:
    """``fd-<first 16 hex digits of SHA-256>.<suffix>``: the same bytes always get the same name."""
    return f"fd-{hashlib.sha256(data).hexdigest()[:16]}{suffix.lower()}"


class Pictures:
    """The pictures of every note, by source line, and the files behind their media names."""

    def __init__(self, notes_dir: Path, shown_dir: str):
        self.notes_dir = Path(notes_dir)
        self.shown_dir = shown_dir
        self.files: dict[str, Path] = {}
        """media name → the file it was read from (the first of several with the same bytes)."""
        self._by_path: dict[Path, str | None] = {}
        self._lines: dict[str, tuple[list[int], list[tuple[str, ...]]]] = {}
        self._own: dict[tuple[str, int], tuple[str, ...]] = {}
        self._vault: dict[str, list[Path]] | None = None

    # ------------------------------------------------------------ reading

    def add(self, note, blocks: list[Block] | tuple[Block, ...]) -> list[str]:
        """Read the pictures of one parsed note; returns lint lines for those that cannot be used."""
        text_lines = note.text.split("\n")
        lint: list[str] = []
        starts: list[int] = [0]          # section starts (line numbers), first one before any heading
        section: list[list[str]] = [[]]  # media names of pictures standing alone in each section
        last = 0

        def resolve(refs: tuple[str, ...], near: int, own_line: int | None) -> tuple[str, ...]:
            names = []
            for ref in refs:
                line = own_line or _find_line(text_lines, ref, near)
                name, problem = self._resolve(note.path, ref)
                if problem:
                    lint.append(f"{note.path}:{line}: {problem}")
                elif name:
                    names.append(name)
            return tuple(dict.fromkeys(names))

        for block in blocks:
            if isinstance(block, Heading):
                last = max(last, block.where.line)
                starts.append(block.where.line)
                section.append([])
            elif isinstance(block, Paragraph):
                if block.lines:
                    first, end = block.lines[0].where.line, block.lines[-1].where.line
                    last = max(last, end)
                    names = resolve(block.images, first, None)
                    for n in range(first, end + 1):
                        if names:
                            self._own[(note.path, n)] = names
                elif block.images:
                    at = _find_line(text_lines, block.images[0], last + 1)
                    last = max(last, at)
                    section[-1] += resolve(block.images, at, None)
            elif isinstance(block, Table):
                last = max(last, block.where.line)
                for row in (block.header, *block.rows):
                    for cell in row:
                        last = max(last, cell.where.line)
                        if cell.images:
                            names = resolve(cell.images, cell.where.line, cell.where.line)
                            if names:
                                key = (note.path, cell.where.line)
                                self._own[key] = tuple(dict.fromkeys(self._own.get(key, ()) + names))
        self._lines[note.path] = (starts, [tuple(dict.fromkeys(s)) for s in section])
        return lint

    def _resolve(self, shown_note: str, ref: str) -> tuple[str | None, str]:
        """(media name, "") for a picture that can be used; (None, lint text) when it cannot."""
        raw = ref.strip().strip("<>")
        if REMOTE.match(raw):
            if raw.lower().startswith("data:"):
                return None, f"note: image '{raw[:40]}…' is inline data — left out; save it as a file next to the note"
            return None, (f"note: image '{raw}' is on the web — not downloaded, the card shows no picture; "
                          "save it next to the note and link the file to include it")
        path_text = unquote(raw.split("#", 1)[0].split("?", 1)[0])
        if Path(path_text).suffix.lower() not in IMAGE_SUFFIXES:
            if "." not in Path(path_text).name:
                return None, ""  # ![[Another note]]: an embedded note, not a picture
            return None, f"note: '{raw}' is not a picture factdeck knows (png, jpg, gif, svg, webp…) — left out"
        note_file = self.notes_dir / shown_note[len(self.shown_dir) + 1:]
        candidates = [note_file.parent / path_text, self.notes_dir / path_text.lstrip("/")]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None and "/" not in path_text.strip("./"):
            same = self._vault_files().get(Path(path_text).name.lower(), [])
            found = same[0] if same else None
        if found is None:
            return None, (f"warning: image '{raw}' not found — put the file next to the note (or anywhere in the "
                          "notes folder for ![[name]]), or remove the reference")
        return self._name_of(found), ""

    def _name_of(self, path: Path) -> str | None:
        path = path.resolve()
        if path not in self._by_path:
            data = path.read_bytes()
            name = media_name(data, path.suffix)
            self.files.setdefault(name, path)
            self._by_path[path] = name
        return self._by_path[path]

    def _vault_files(self) -> dict[str, list[Path]]:
        if self._vault is None:
            self._vault = {}
            for p in sorted(self.notes_dir.rglob("*")):
                if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file() and ".git" not in p.parts:
                    self._vault.setdefault(p.name.lower(), []).append(p)
        return self._vault

    # ------------------------------------------------------------ using

    def of(self, fact: Fact) -> tuple[str, ...]:
        """Media names of the pictures for a fact: its paragraph's or cell's, else its section's."""
        own = self._own.get((fact.where.path, fact.where.line))
        if own:
            return own
        starts, section = self._lines.get(fact.where.path, ([0], [()]))
        return section[bisect_right(starts, fact.where.line) - 1]

    def media(self, fields: list[str] | tuple[str, ...]) -> dict[str, Path]:
        """The files of the pictures these fields show (for ``write_package(..., media=...)``)."""
        used = {name for f in fields for name in IMG_REF.findall(f)}
        return {name: self.files[name] for name in sorted(used) if name in self.files}


def _find_line(lines: list[str], ref: str, near: int) -> int:
    """The first line from ``near`` on (else anywhere) that holds the reference as written."""
    needles = {ref, unquote(ref)}
    for start, stop in ((max(near, 1) - 1, len(lines)), (0, len(lines))):
        for i in range(start, stop):
            if any(n and n in lines[i] for n in needles):
                return i + 1
    return max(near, 1)
