"""Write the deck: genanki note types, subdecks per domain, a reproducible .apkg written atomically.

The model ids, field names and template names below are frozen: Anki matches
note types by them, and changing any makes a learner's notes stop updating
(ANKI.md). Only the CSS and the template HTML may change between releases.
"""
from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import genanki

from .config import DeckConfig
from .model import Card

CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.45; color: #1d1d1f; background: #ffffff;
  text-align: left; padding: 4px 6px; overflow-wrap: anywhere; word-break: normal; }
@media (min-width: 760px) { .card { max-width: 44rem; margin-left: auto; margin-right: auto; } }
.context { font-size: 13px; color: #5f6368; margin-bottom: 10px; }
.context-sep { display: none; }
.source { font-size: 12px; color: #5f6368; margin-top: 14px; }
.source .pics { margin-bottom: 8px; }
.source .pics img { display: block; margin: 0 0 8px; }
.source a { color: inherit; }
.question { font-weight: 600; }
.answer { margin-top: 4px; }
.cloze { font-weight: 700; color: #0b57d0; }
hr#answer { border: none; border-top: 1px solid #dadce0; margin: 12px 0; }
.table-wrap { max-width: 100%; overflow-x: auto; }
table.compare { border-collapse: collapse; width: 100%; margin-top: 4px; }
table.compare th, table.compare td { border: 1px solid #dadce0; padding: 6px 8px; vertical-align: top;
  text-align: left; }
table.compare th { width: 40%; font-weight: 600; background: #f1f3f4; }
ul.compare { list-style: none; padding: 0; margin: 4px 0 0; }
ul.compare .sep { display: none; }
ul.compare li { padding: 6px 8px; border-left: 3px solid #0b57d0; margin-bottom: 6px; background: #f1f3f4; }
.nightMode ul.compare li { background: #303134; border-left-color: #8ab4f8; }
img { max-width: 100%; height: auto; }
.nightMode.card, .card.nightMode, .nightMode .card { color: #e8eaed; background: #202124; }
.nightMode .context, .nightMode .source { color: #bdc1c6; }
.nightMode .source .pics img { background: #ffffff; }
.nightMode .cloze { color: #8ab4f8; }
.nightMode hr#answer { border-top-color: #5f6368; }
.nightMode table.compare th, .nightMode table.compare td { border-color: #5f6368; }
.nightMode table.compare th { background: #303134; }
.retired { color: #b3261e; font-weight: 700; font-size: 15px; margin-bottom: 8px; }
.nightMode .retired { color: #f2b8b5; }
"""

# The context line is its own small line on screen; the "›" after it is hidden there and keeps it apart from the
# question where a card is read as plain text (exports, text dumps).
QA_MODEL = genanki.Model(
    1738201001, "factdeck Q&A",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Context"}, {"name": "Source"}],
    templates=[{
        "name": "Card 1",
        "qfmt": '{{#Context}}<div class="context">{{Context}}</div><span class="context-sep"> › </span>{{/Context}}<div class="question">{{Front}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Back}}</div>'
                '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
    }],
    css=CSS, model_type=genanki.Model.FRONT_BACK)

CLOZE_MODEL = genanki.Model(
    1738201002, "factdeck Cloze",
    fields=[{"name": "Text"}, {"name": "Context"}, {"name": "Source"}],
    templates=[{
        "name": "Cloze",
        "qfmt": '{{#Context}}<div class="context">{{Context}}</div><span class="context-sep"> › </span>{{/Context}}<div class="question">{{cloze:Text}}</div>',
        "afmt": '{{#Context}}<div class="context">{{Context}}</div><span class="context-sep"> › </span>{{/Context}}<div class="question">{{cloze:Text}}</div>'
                '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
    }],
    css=CSS, model_type=genanki.Model.CLOZE)

COMPARE_MODEL = genanki.Model(
    1738201003, "factdeck Comparison",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Context"}, {"name": "Source"}],
    templates=[{
        "name": "Comparison",
        "qfmt": '{{#Context}}<div class="context">{{Context}}</div><span class="context-sep"> › </span>{{/Context}}<div class="question">{{Front}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer"><div class="table-wrap">{{Back}}</div>'
                '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
    }],
    css=CSS, model_type=genanki.Model.FRONT_BACK)

MODELS = {"qa": QA_MODEL, "cloze": CLOZE_MODEL, "compare": COMPARE_MODEL}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deck_id(name: str) -> int:
    """A fixed id per deck name (Anki matches decks by name; the id only has to be stable)."""
    return int(genanki.guid_for(name).encode().hex(), 16) % (1 << 30) + (1 << 30)


def subdeck_name(config: DeckConfig, domain_id: int) -> str:
    """The deck a card of this domain goes to; 0 is the parent deck."""
    if not domain_id:
        return config.name
    return f"{config.name}::{config.domain(domain_id).deck_name}"


def build_package(config: DeckConfig, cards: list[Card], description: str) -> genanki.Package:
    """genanki objects for the cards: the parent deck and one subdeck per domain that has cards."""
    parent = genanki.Deck(deck_id(config.name), config.name, description)
    decks = {0: parent}
    decks.update({d.id: genanki.Deck(deck_id(subdeck_name(config, d.id)), subdeck_name(config, d.id), description)
                  for d in config.domains})
    for card in sorted(cards, key=lambda c: c.guid):
        note = genanki.Note(model=MODELS[card.kind], fields=list(card.fields), tags=list(card.tags), guid=card.guid,
                            sort_field=card.front_text[:200])
        decks.get(card.domain, parent).add_note(note)  # a retired card's domain may be gone
    return genanki.Package([parent, *[decks[d.id] for d in config.domains if decks[d.id].notes]])


def write_package(package: genanki.Package, path: Path, timestamp: int, media: dict[str, Path] | None = None) -> None:
    """Write the package to ``path``, byte-for-byte reproducible for one timestamp.

    genanki's own ``write_to_file`` leaves its SQLite file in ``$TMPDIR`` and stamps zip entries with the
    wall clock; this writes the collection in a private temporary folder that is always removed, and
    zips it with fixed entry times in a fixed order. ``media`` maps a name in the package to its file.
    """
    import itertools
    import json
    import sqlite3

    from .scratch import scratch_dir

    needed = 2 * sum(Path(f).stat().st_size for f in (media or {}).values()) + 64 * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="factdeck-", dir=scratch_dir(needed)) as work:
        db = os.path.join(work, "collection.anki2")
        conn = sqlite3.connect(db)
        try:
            # a throw-away file read back at once: no fsync and no journal file per statement (the same bytes)
            conn.execute("pragma synchronous = off")
            conn.execute("pragma journal_mode = memory")
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        names = sorted(media or {})
        index = {str(i): name for i, name in enumerate(names)}
        entries = {"collection.anki2": Path(db).read_bytes(), "media": json.dumps(index).encode()}
        for i, name in enumerate(names):
            entries[str(i)] = Path((media or {})[name]).read_bytes()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                dst.writestr(info, entries[name])


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".factdeck-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
