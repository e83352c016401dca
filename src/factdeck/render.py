"""Render every card of a package with Anki's own backend, as Anki desktop and AnkiDroid would.

The package is imported into a throw-away collection exactly as a learner's Anki
imports it (same Rust backend). Its own ``collection.anki2`` is also read with
sqlite3, so that what Anki silently drops — a cloze note that makes no card, a
second note with the same GUID — is still seen. ``check`` and ``preview`` both
work from the ``RenderedDeck`` this module returns.
"""
from __future__ import annotations

import html
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import FactdeckError
from .scratch import scratch_dir

FIELD_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class NoteType:
    """A note type as the package declares it."""

    id: int
    name: str
    cloze: bool
    """True for a cloze note type (one card per ``{{cN::…}}`` deletion)."""
    field_names: tuple[str, ...]
    templates: tuple[str, ...]
    """Every question and answer template, in order (HTML with ``{{Field}}`` references)."""
    css: str
    error: str = ""
    """Why Anki rejects the note type when it is re-validated (``""`` when it is valid)."""


@dataclass(frozen=True, slots=True)
class DeckNote:
    """A note: its fields by name, tags and GUID."""

    guid: str
    note_type: NoteType
    fields: tuple[tuple[str, str], ...]
    """(name, HTML) pairs in the note type's order."""
    tags: tuple[str, ...]

    def field(self, name: str, default: str = "") -> str:
        return next((value for n, value in self.fields if n == name), default)

    @property
    def source(self) -> str:
        """Where the fact came from (``notes/x.md:12``), or the GUID for notes without a Source field."""
        field = self.field("Source")
        ref = re.search(r'class="ref"[^>]*>([^<]*)<', field)  # the source line also holds pictures and the path
        src = html.unescape(ref.group(1) if ref else field).strip()
        return src or f"guid {self.guid}"


@dataclass(frozen=True, slots=True)
class RenderedCard:
    """One card as Anki shows it."""

    card_id: int
    note: DeckNote
    ordinal: int
    """1-based: the template number, or N of the cloze deletion ``cN``."""
    template: str
    """The template's name (``Card 1``, ``Cloze``)."""
    question: str
    """The front's HTML, as the reviewer shows it (Anki's own messages included)."""
    answer: str
    """The back's HTML."""
    empty: bool
    """Anki finds the front blank ("The front of this card is blank")."""
    error: str
    """The template error that stopped rendering, as plain text (``""`` when none)."""

    @property
    def label(self) -> str:
        """``factdeck Cloze c2`` / ``factdeck Q&A Card 1``."""
        which = f"c{self.ordinal}" if self.note.note_type.cloze else self.template
        return f"{self.note.note_type.name} {which}"


@dataclass(frozen=True, slots=True)
class RenderedDeck:
    """What a package holds and how each of its cards renders."""

    path: Path
    name: str
    """The top-level deck's name."""
    note_types: tuple[NoteType, ...]
    """The package's note types, each re-validated by Anki."""
    notes: tuple[DeckNote, ...]
    """Every note of the package, as written (duplicate GUIDs and notes without cards included)."""
    cards: tuple[RenderedCard, ...]
    """Every card Anki made on import, sorted by source."""


def render_deck(apkg: Path) -> RenderedDeck:
    """Read ``apkg``, import it into a temporary collection and render every card."""
    apkg = Path(apkg)
    name, types, notes = read_package(apkg)
    # the collection holds the package's notes and media again, unpacked: room for ten times the package
    with tempfile.TemporaryDirectory(prefix="factdeck-render-", dir=_scratch(apkg)) as tmp:
        backend = _import(apkg, Path(tmp))
        try:
            types = {mid: _validate(backend, nt) for mid, nt in types.items()}
            notes = tuple(DeckNote(n.guid, types[n.note_type.id], n.fields, n.tags) for n in notes)
            cards = _render_cards(backend, types)
        finally:
            backend.close_collection(downgrade_to_schema11=False)
    return RenderedDeck(apkg, name, tuple(types.values()), notes, cards)


def read_package(apkg: Path) -> tuple[str, dict[int, NoteType], tuple[DeckNote, ...]]:
    """The deck name, note types and notes stored in the package's legacy collection (what genanki writes)."""
    try:
        with zipfile.ZipFile(apkg) as z, \
                tempfile.TemporaryDirectory(prefix="factdeck-read-", dir=_scratch(apkg)) as tmp:
            member = next((m for m in ("collection.anki21", "collection.anki2") if m in z.namelist()), None)
            if member is None:
                raise FactdeckError(f"{apkg}: not an Anki package — it holds no collection.anki2")
            db_path = z.extract(member, tmp)
            db = sqlite3.connect(db_path)
            try:
                models_json, decks_json = db.execute("select models, decks from col").fetchone()
                rows = db.execute("select guid, mid, flds, tags from notes order by id").fetchall()
            finally:
                db.close()
    except (zipfile.BadZipFile, sqlite3.DatabaseError, OSError, TypeError) as exc:
        raise FactdeckError(f"{apkg}: not a readable Anki package ({exc})") from exc
    types: dict[int, NoteType] = {}
    for m in json.loads(models_json).values():
        names = tuple(f["name"] for f in sorted(m.get("flds", []), key=lambda f: f.get("ord", 0)))
        templates = tuple(t.get(k, "") for t in m.get("tmpls", []) for k in ("qfmt", "afmt"))
        types[int(m["id"])] = NoteType(int(m["id"]), m["name"], m.get("type") == 1, names, templates, m.get("css", ""))
    notes = []
    for guid, mid, flds, tags in rows:
        nt = types.get(int(mid)) or NoteType(int(mid), f"missing note type {mid}", False, (), (), "",
                                             "the note's note type is not in the package")
        values = flds.split(FIELD_SEPARATOR)
        names = nt.field_names or tuple(f"Field {i + 1}" for i in range(len(values)))
        notes.append(DeckNote(guid, nt, tuple(zip(names, values)), tuple(tags.split())))
    deck_names = [d["name"] for d in json.loads(decks_json).values() if d["name"] != "Default"]
    name = min(deck_names, key=lambda n: (n.count("::"), n), default=apkg.stem)
    return name.split("::")[0], types, tuple(notes)


def _scratch(apkg: Path) -> str | None:
    """A memory folder for a package unpacked (room for ten times its size), or None (``scratch.py``)."""
    try:
        return scratch_dir(10 * apkg.stat().st_size)
    except OSError:
        return None


def load_backend() -> None:
    """Load the parts of Anki's backend that rendering uses (the first render in a process does it otherwise)."""
    import anki._backend  # noqa: F401
    import anki.errors  # noqa: F401
    from anki import generic_pb2, import_export_pb2, search_pb2  # noqa: F401


def _import(apkg: Path, folder: Path):
    """A new collection in ``folder`` with ``apkg`` imported, as Anki's backend (the collection is open).

    Only the Rust backend is used, not ``anki.collection``: that module also loads the sync client
    (requests, urllib3) and sets up a scheduler, none of which rendering needs.
    """
    from anki._backend import RustBackend
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    backend = RustBackend()
    backend.open_collection(collection_path=str(folder / "collection.anki2"),
                            media_folder_path=str(folder / "collection.media"),
                            media_db_path=str(folder / "collection.media.db2"))
    try:
        backend.import_anki_package(package_path=str(apkg.resolve()), options=ImportAnkiPackageOptions())
    except Exception as exc:  # the backend raises its own error types for a package it cannot read
        backend.close_collection(downgrade_to_schema11=False)
        raise FactdeckError(f"{apkg}: Anki could not import it: {plain_text(str(exc))}") from exc
    return backend


def _notetype(backend, ntid: int) -> dict | None:
    from anki.errors import NotFoundError

    try:
        return json.loads(backend.get_notetype_legacy(ntid))
    except NotFoundError:
        return None


def _validate(backend, nt: NoteType) -> NoteType:
    """Re-save the imported note type: Anki checks its templates then (an unknown ``{{Field}}`` raises)."""
    if nt.error:
        return nt
    stored = _notetype(backend, nt.id)
    if stored is None:
        return _replace_error(nt, "Anki did not import this note type")
    try:
        backend.update_notetype_legacy(json=json.dumps(stored).encode("utf8"), skip_checks=False)
    except Exception as exc:
        return _replace_error(nt, plain_text(str(exc)))
    return nt


def _replace_error(nt: NoteType, error: str) -> NoteType:
    return NoteType(nt.id, nt.name, nt.cloze, nt.field_names, nt.templates, nt.css, error)


AV_TAGS = ("[sound:", "[anki:tts")
LATEX_TAGS = re.compile(r"\[(?:\$\$?|latex)\]", re.I)


def _render_cards(backend, types: dict[int, NoteType]) -> tuple[RenderedCard, ...]:
    """Every card, rendered once (one backend call per card; the reviewer's post-processing only when needed)."""
    from anki import generic_pb2, search_pb2
    from anki.errors import TemplateError

    ids = backend.search_cards(search="", order=search_pb2.SortOrder(none=generic_pb2.Empty()))
    rows = {r[0]: r[1:] for r in backend.db_query(
        sql="select c.id, c.ord, n.guid, n.mid, n.flds, n.tags from cards c join notes n on n.id = c.nid",
        args=[], first_row_only=False)}
    stored_types: dict[int, dict | None] = {}
    out = []
    for cid in ids:
        ordinal, guid, mid, flds, tags = rows[cid]
        if mid not in stored_types:
            stored_types[mid] = _notetype(backend, mid)
        stored = stored_types[mid] or {"name": f"note type {mid}", "flds": [], "tmpls": [], "latexsvg": False}
        nt = types.get(mid) or NoteType(mid, stored["name"], False, (), (), "")
        names = [f["name"] for f in sorted(stored["flds"], key=lambda f: f["ord"])]
        note = DeckNote(guid, nt, tuple(zip(names, flds.split(FIELD_SEPARATOR))), tuple(tags.split()))
        try:
            rendered = backend.render_existing_card(card_id=cid, browser=False, partial_render=True)
        except TemplateError as exc:  # the reviewer shows the error as the card's text
            question = answer = str(exc)
            empty, error = False, plain_text(str(exc))
        else:
            question = _reviewer_text(backend, rendered.question_nodes, True, None)
            answer = _reviewer_text(backend, rendered.answer_nodes, False, question)
            question, answer = _latex(backend, question, stored), _latex(backend, answer, stored)
            empty, error = rendered.is_empty, ""
        tmpls = stored["tmpls"]
        template = "Cloze" if nt.cloze else (tmpls[ordinal]["name"] if ordinal < len(tmpls) else f"Card {ordinal + 1}")
        out.append(RenderedCard(cid, note, ordinal + 1, template, question, answer, empty, error))
    return tuple(sorted(out, key=lambda c: (source_key(c.note.source), c.ordinal)))


def _reviewer_text(backend, nodes, question_side: bool, front: str | None) -> str:
    """What ``TemplateRenderContext.render()`` makes of one side of the backend's partial render.

    Pending filters are left as they are (without add-ons no hook changes them), ``{{FrontSide}}`` is
    the rendered question, and audio tags become ``[anki:play:…]``.
    """
    text = ""
    for node in nodes:
        if node.WhichOneof("value") == "text":
            text += node.text
        elif node.replacement.field_name == "FrontSide" and front is not None:
            text += front
        else:
            text += node.replacement.current_text
    if any(tag in text for tag in AV_TAGS):
        text = backend.extract_av_tags(text=text, question_side=question_side).text
    return text


def _latex(backend, text: str, notetype: dict) -> str:
    """What anki.latex's ``card_did_render`` hook makes of a side: LaTeX becomes ``<img class=latex>``.

    The image itself is never generated: a new collection has LaTeX generation off, and Anki then
    appends that message to the side, as here.
    """
    if not LATEX_TAGS.search(text):
        return text
    from anki._backend import Translations
    from anki.config_pb2 import ConfigKey

    out = backend.extract_latex(text=text, svg=notetype.get("latexsvg", False), expand_clozes=False)
    if out.latex and not backend.get_config_bool(ConfigKey.Bool.RENDER_LATEX):
        return out.text + Translations(lambda: backend).preferences_latex_generation_disabled()
    return out.text


def source_key(source: str) -> tuple[str, int, str]:
    """Sort ``notes/x.md:12`` by file, then line number."""
    m = re.fullmatch(r"(.*):(\d+)", source)
    return (m.group(1), int(m.group(2)), "") if m else (source, 0, source)


def plain_text(fragment: str) -> str:
    """HTML → one line of text, for messages."""
    text = re.sub(r"<br\s*/?>", " ", fragment, flags=re.I)
    text = re.sub(r"<a\b[^>]*>\s*More information\s*</a>", " ", text)  # Anki's link to its manual
    text = html.unescape(re.sub(r"<[^>]*>", " ", text)).replace("\u2068", "").replace("\u2069", "")
    return re.sub(r"\s+", " ", text).strip()
