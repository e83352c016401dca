"""A learner's life with the deck, with Anki's real backend: import, review, the notes are edited,
re-import — progress kept, edits applied in place, retired cards marked, nothing duplicated.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, import_apkg, open_collection
from factdeck.build import release as build  # every build here is a release a learner imports
from factdeck.model import Card

EPOCH = 1767225600
PARENT = "AWS Certified Data Engineer – Associate (DEA-C01)"
NOTE_TYPES = {"factdeck Q&A", "factdeck Cloze", "factdeck Comparison"}

# Passages whose cards tests/cases/ pins down (terms.md, key_value.md), so the extractor keeps making them.
PROVISIONED_DEF = "Provisioned Concurrency keeps functions initialized and hyper-ready to respond immediately."
PROVISIONED_NEW = "Provisioned Concurrency keeps functions initialized and ready to respond at once."
ENABLEMENT_CELL = "Must be enabled at bucket creation"
ENABLEMENT_NEW = "Must be enabled when the bucket is created"
MODES_ROW = "| Object Lock Modes    |"
MODES_RENAMED = "| Object Lock Retention Modes |"   # the row name is part of the key: a new key
MEMORY_LINE = "You allocate memory to your Lambda function (from 128 MB to 10,240 MB).\n"
TIMEOUT_SECTION_START, TIMEOUT_SECTION_END = "### 2. Timeout\n", "### 3. Memory and CPU Allocation\n"
ADDED_TERM = "Ephemeral Storage:\nEach function can be given up to 10,240 MB of ephemeral storage in /tmp.\n\n"
ADDED_ROW = "| Default retention period | 30 days, set on the bucket |\n"


def line_of(text: str, snippet: str) -> int:
    """1-based line of the first line of ``snippet`` in ``text``."""
    at = text.index(snippet)
    return text.count("\n", 0, at) + 1


def cards_on(cards, path: str, first: int, last: int | None = None) -> list[Card]:
    last = first if last is None else last
    return [c for c in cards if c.where.path == path and first <= c.where.line <= last]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: pick another passage for this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_version(notes: Path, version: str) -> None:
    edit(notes / "deck.yaml", "version: 1.0.0\n", f"version: {version}\n")


def review(col, card_id: int) -> None:
    """Answer one card GOOD, as the reviewer would."""
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, 3)


def review_queue(col, n: int) -> list[int]:
    """Answer the next ``n`` cards of the deck GOOD, through the queue (ANKI.md)."""
    col.decks.set_current(col.decks.id_for_name(PARENT))
    from anki.scheduler.v3 import CardAnswer
    done = []
    for _ in range(n):
        qc = col.sched.get_queued_cards(fetch_limit=1).cards[0]
        card = col.get_card(qc.card.id)
        card.start_timer()
        col.sched.answer_card(col.sched.build_answer(card=card, states=qc.states, rating=CardAnswer.GOOD))
        done.append(card.id)
    return done


def guid_to_nid(col) -> dict[str, int]:
    return dict(col.db.all("select guid, id from notes"))


def note_type_names(path: Path) -> set[str]:
    col = open_collection(path)  # reopened: right after an import the note types may be stale (ANKI.md)
    try:
        return {nt.name for nt in col.models.all_names_and_ids() if nt.name.startswith("factdeck")}
    finally:
        col.close()


def test_edit_and_reimport_keeps_the_learners_progress(notes_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    out = tmp_path / "decks"
    lambda_md, lock_md = notes_copy / "08-lambda.md", notes_copy / "06-s3-object-lock.md"
    lambda_text, lock_text = (p.read_text(encoding="utf-8") for p in (lambda_md, lock_md))
    shown_lambda, shown_lock = "notes/08-lambda.md", "notes/06-s3-object-lock.md"

    # ---- v1.0.0: build, import, review
    v1 = build(notes_copy, out)
    provisioned = cards_on(v1.cards, shown_lambda, line_of(lambda_text, PROVISIONED_DEF))
    enablement = [c for c in cards_on(v1.cards, shown_lock, line_of(lock_text, ENABLEMENT_CELL))
                  if c.back_text == ENABLEMENT_CELL]
    modes = cards_on(v1.cards, shown_lock, line_of(lock_text, MODES_ROW))
    memory = cards_on(v1.cards, shown_lambda, line_of(lambda_text, MEMORY_LINE))
    timeout = cards_on(v1.cards, shown_lambda, line_of(lambda_text, TIMEOUT_SECTION_START),
                       line_of(lambda_text, TIMEOUT_SECTION_END))
    assert provisioned and enablement and modes and memory and timeout, \
        "the extractor no longer makes these cards: pick other passages"

    collection = tmp_path / "collection.anki2"
    col = open_collection(collection)
    first = import_apkg(col, v1.path)
    assert len(first.log.new) == len(v1.cards)
    nids_v1 = guid_to_nid(col)
    reviewed = []
    for c in [*provisioned, *enablement, *modes, *memory, *timeout]:
        cid = col.get_note(nids_v1[c.guid]).card_ids()[0]
        review(col, cid)
        reviewed.append(cid)
    reviewed += review_queue(col, 3)
    history = {cid: [log.time for log in col.get_review_logs(cid)] for cid in reviewed}
    assert all(len(h) == 1 for h in history.values())
    col.close()

    # ---- the notes are edited
    edit(lambda_md, PROVISIONED_DEF, PROVISIONED_NEW)                  # a Term: definition reworded
    edit(lock_md, ENABLEMENT_CELL, ENABLEMENT_NEW)                     # a table cell reworded
    edit(lock_md, MODES_ROW, MODES_RENAMED)                            # a row renamed: its cards get new keys
    edit(lambda_md, MEMORY_LINE, "")                                   # a sentence deleted
    edit(lambda_md, "### 9. Storage and State\n", "### 9. Storage and State\n" + ADDED_TERM)  # a term added
    edit(lock_md, "| Bucket-level enablement", ADDED_ROW + "| Bucket-level enablement")   # a table row added
    text = lambda_md.read_text(encoding="utf-8")
    start, end = text.index(TIMEOUT_SECTION_START), text.index(TIMEOUT_SECTION_END)
    (notes_copy / "20-lambda-limits.md").write_text(                   # a section moved to a new file
        '---\ntitle: "AWS Lambda limits"\ndomain: [1, 3]\nservices: [lambda]\n---\n\n# Lambda limits\n\n'
        + text[start:end], encoding="utf-8")
    lambda_md.write_text(text[:start] + text[end:], encoding="utf-8")
    set_version(notes_copy, "1.1.0")

    # ---- v1.1.0: the build keeps every card that is still there
    v2 = build(notes_copy, out)
    live = {c.guid: c for c in v2.cards}
    v1_guids = {c.guid for c in v1.cards}
    gone = {c.guid for c in memory}
    assert v1_guids - gone <= set(live), "a card lost its GUID"
    assert {c.guid for c in v2.retired} == gone and not gone & set(live)
    assert all("ready to respond at once" in live[c.guid].back_text for c in provisioned)
    assert all(live[c.guid].back_text == ENABLEMENT_NEW for c in enablement)
    assert all("retention modes" in live[c.guid].front_text.lower() for c in modes)
    assert all(live[c.guid].where.path == "notes/20-lambda-limits.md" for c in timeout)
    added = [c for g, c in live.items() if g not in v1_guids]
    assert added, "the added term and row made no card"
    assert "by similar text" in next(m for m in v2.messages if m.startswith("identity:"))

    # ---- import with the default options
    col = open_collection(collection)
    second = import_apkg(col, v2.path)
    assert len(second.log.new) == len(added)
    assert not second.log.conflicting and not second.log.duplicate
    nids = guid_to_nid(col)
    assert {g: nids[g] for g in v1_guids} == {g: nids_v1[g] for g in v1_guids}   # same notes, updated in place
    assert len(nids) == len(v1_guids | set(live))                                 # nothing duplicated
    assert col.db.scalar("select count(distinct guid) from notes") == col.note_count()
    for c in provisioned:
        assert "ready to respond at once" in col.get_note(nids[c.guid])["Back"]
    for c in enablement:
        assert ENABLEMENT_NEW in col.get_note(nids[c.guid])["Text"]
    for c in timeout:
        assert '<span class="ref">notes/20-lambda-limits.md:' in col.get_note(nids[c.guid])["Source"]
    for cid in reviewed:                                                          # review history intact
        card = col.get_card(cid)
        assert [log.time for log in col.get_review_logs(cid)] == history[cid]
        assert card.type != 0, "a reviewed card was reset to new"
    retired = set(col.find_notes("tag:aws-dea-c01::retired"))
    assert retired == {nids[g] for g in gone}
    for nid in retired:
        question = col.get_note(nid).cards()[0].render_output(reload=True).question_text
        assert "Retired in v1.1.0 — delete this card" in question
    col.close()
    assert note_type_names(collection) == NOTE_TYPES                              # no "factdeck Cloze+"

    # ---- the learner deletes the retired cards; the next release does not bring them back
    col = open_collection(collection)
    col.remove_notes(list(retired))
    count = col.note_count()
    col.close()
    edit(notes_copy / "deck.yaml", "version: 1.1.0\n", "version: 1.2.0\n")
    v3 = build(notes_copy, out)
    assert not v3.retired and {c.guid for c in v3.cards} == set(live)
    col = open_collection(collection)
    third = import_apkg(col, v3.path)
    assert not third.log.new and col.note_count() == count
    col.close()


def test_upgrade_from_the_committed_release(notes_copy, tmp_path, monkeypatch):
    """The released deck of decks/ (built before the identity record existed, older CSS and templates), then
    today's build as the next release: the build adopts the released deck as its record, so learners get
    their cards updated in place, the dropped ones marked retired, and still three note types."""
    committed = max((ROOT / "decks").glob("aws-dea-c01-v*.apkg"), default=None)
    if committed is None:
        pytest.skip("no released deck in decks/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))  # older than the release: the build must still go later
    collection = tmp_path / "collection.anki2"
    col = open_collection(collection)
    import_apkg(col, committed)
    released = guid_to_nid(col)
    released_mod = col.db.scalar("select max(mod) from notes")
    retired_before = set(col.db.list("select guid from notes where tags like '%aws-dea-c01::retired%'"))
    col.close()
    out = tmp_path / "decks"
    out.mkdir()
    (out / committed.name).write_bytes(committed.read_bytes())
    set_version(notes_copy, "99.0.0")
    new = build(notes_copy, out)
    assert new.messages[0].startswith(f"adopted {out / committed.name} as release ")
    assert new.timestamp == released_mod + 1
    live = {c.guid for c in new.cards}
    assert {c.guid for c in new.retired} == set(released) - live - retired_before  # retired once, not again

    col = open_collection(collection)
    result = import_apkg(col, new.path)
    assert not result.log.conflicting and not result.log.duplicate
    assert len(result.log.new) == len(live - set(released))
    nids = guid_to_nid(col)
    assert {g: nids[g] for g in released} == released and len(nids) == len(live | set(released))
    assert len(col.find_notes("tag:aws-dea-c01::retired")) == len(new.retired) + len(retired_before)
    col.close()
    assert note_type_names(collection) == NOTE_TYPES
    col = open_collection(collection)
    try:
        css = {nt["name"]: nt["css"] for nt in col.models.all() if nt["name"].startswith("factdeck")}
    finally:
        col.close()
    assert all(".retired" in text for text in css.values())  # the note types were updated in place
