"""Shared fixtures: the real notes built once, and a real Anki collection to import into."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factdeck.build import release

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "notes"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The deck built from the committed notes (SOURCE_DATE_EPOCH pinned)."""
    out = tmp_path_factory.mktemp("decks")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        result = release(NOTES, out)
    finally:
        mp.undo()
    return result


@pytest.fixture
def notes_copy(tmp_path):
    """A writable copy of the real notes folder."""
    dest = tmp_path / "notes"
    shutil.copytree(NOTES, dest)
    # each test tells its own release story from 1.0.0, whatever version the committed notes are at
    deck = dest / "deck.yaml"
    deck.write_text(re.sub(r"(?m)^version: .*$", "version: 1.0.0", deck.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def open_collection(path: Path):
    from anki.collection import Collection
    return Collection(str(path))


def import_apkg(col, apkg: Path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg),
                                                            options=ImportAnkiPackageOptions()))


CASES = Path(__file__).parent / "cases"


def case_note(name: str):
    """A fixture note of ``tests/cases/<name>.md`` (its front matter: title, domain, services)."""
    import yaml

    from factdeck.model import Note

    text = (CASES / f"{name}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    domains = meta["domain"] if isinstance(meta["domain"], list) else [meta["domain"]]
    return Note(f"cases/{name}.md", meta["title"], tuple(domains), tuple(meta["services"]), text,
                title_from_name=bool(meta.get("title_from_name")))  # a title read off the file's name
