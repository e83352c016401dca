"""Throw-away files go to a memory folder only when it exists and has room, and never against TMPDIR."""
from __future__ import annotations

import os

from factdeck import scratch


def test_a_memory_folder_with_room_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(scratch, "MEMORY", str(tmp_path))
    monkeypatch.setattr(scratch, "ROOM", 0)
    assert scratch.scratch_dir(1) == str(tmp_path)


def test_no_memory_folder_or_no_room_means_the_usual_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(scratch, "MEMORY", str(tmp_path / "missing"))
    assert scratch.scratch_dir() is None
    monkeypatch.setattr(scratch, "MEMORY", str(tmp_path))
    st = os.statvfs(tmp_path)
    assert scratch.scratch_dir(st.f_blocks * st.f_frsize + 1) is None  # more than the whole file system


def test_tmpdir_is_the_users_choice(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(scratch, "MEMORY", str(tmp_path))
    monkeypatch.setattr(scratch, "ROOM", 0)
    assert scratch.scratch_dir() is None


def test_the_package_is_the_same_bytes_wherever_its_scratch_file_is(tmp_path, monkeypatch):
    """The SQLite file is written without syncs or a journal file: its bytes are those of a plain genanki write."""
    import itertools
    import sqlite3
    import zipfile

    import genanki

    from factdeck.package import write_package

    model = genanki.Model(1, "m", fields=[{"name": "F"}], templates=[{"name": "c", "qfmt": "{{F}}", "afmt": "{{F}}"}])
    deck = genanki.Deck(2, "d")
    for n in range(50):
        deck.add_note(genanki.Note(model, [f"fact {n}"], guid=f"g{n}"))
    stamp = 1_700_000_000
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(scratch, "MEMORY", str(tmp_path / "missing"))
    write_package(genanki.Package(deck), tmp_path / "disk.apkg", stamp)
    (tmp_path / "mem").mkdir()
    monkeypatch.setattr(scratch, "MEMORY", str(tmp_path / "mem"))
    monkeypatch.setattr(scratch, "ROOM", 0)
    write_package(genanki.Package(deck), tmp_path / "mem.apkg", stamp)
    assert (tmp_path / "disk.apkg").read_bytes() == (tmp_path / "mem.apkg").read_bytes()
    conn = sqlite3.connect(tmp_path / "plain.anki2")  # what genanki writes with SQLite's defaults
    genanki.Package(deck).write_to_db(conn.cursor(), stamp, itertools.count(stamp * 1000))
    conn.commit()
    conn.close()
    with zipfile.ZipFile(tmp_path / "disk.apkg") as z:
        assert z.read("collection.anki2") == (tmp_path / "plain.anki2").read_bytes()
