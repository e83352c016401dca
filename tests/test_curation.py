"""The learner's say over every card (curation.yaml), with Anki's real backend: a dropped card stays dropped
and a rewritten card stays rewritten after its sentence is reworded and the deck re-imported; history survives."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import import_apkg, open_collection
from factdeck.build import release
from factdeck.cli import main
from factdeck.curation import card_key
from factdeck.errors import BuildError

EPOCH = 1767225600
NOTES = {
    "lambda.md": "# AWS Lambda\n\nLambda functions can run for at most 15 minutes per invocation.\n\n"
                 "The /tmp directory of a function holds up to 10 GB of ephemeral storage.\n",
    "sqs.md": "# Amazon SQS\n\nAn SQS queue retains a message for up to 14 days.\n\n"
              "A single SQS message can be at most 256 KB in size.\n",
}


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def card_by(result, word: str):
    [card] = [c for c in result.cards if word in c.front_text or word in c.back_text]
    return card


def review(col, nid: int) -> None:
    from anki.scheduler.v3 import CardAnswer
    cid = col.card_ids_of_note(nid)[0]
    col.decks.set_current(col.get_card(cid).did)
    card = col.get_card(cid)
    card.start_timer()
    states = col._backend.get_scheduling_states(cid)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))


def test_dropped_and_rewritten_cards_survive_rewording_and_reimport(notes, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    out = tmp_path / "decks"
    v1 = release(notes, out)
    tmp_card, size_card = card_by(v1, "ephemeral"), card_by(v1, "256")
    col = open_collection(tmp_path / "c.anki2")
    import_apkg(col, v1.path)
    nids = dict(col.db.all("select guid, id from notes"))
    review(col, nids[size_card.guid])
    assert len(col.get_review_logs(col.card_ids_of_note(nids[size_card.guid])[0])) == 1

    (notes / "curation.yaml").write_text(
        f"drop:\n  - {card_key(tmp_card.guid)}   # the /tmp card\n"
        f"rewrite:\n  {card_key(size_card.guid)}:\n    text: An SQS message is at most {{{{256 KB}}}} (use S3 for more).\n",
        encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 10))
    v2 = release(notes, out)
    assert tmp_card.guid not in {c.guid for c in v2.cards}
    assert tmp_card.guid in {c.guid for c in v2.retired}  # the learner's copy is marked for deletion
    rewritten = next(c for c in v2.cards if c.guid == size_card.guid)
    assert rewritten.front_text == "An SQS message is at most […] (use S3 for more)."
    assert "v0.2.0: 0 added, 1 changed, 0 retired" in " ".join(v2.messages)
    import_apkg(col, v2.path)
    note = col.get_note(nids[size_card.guid])
    assert note.fields[0] == "An SQS message is at most {{c1::256 KB}} (use S3 for more)."
    assert len(col.get_review_logs(col.card_ids_of_note(note.id)[0])) == 1  # history kept
    assert "notes::retired" in " ".join(col.get_note(nids[tmp_card.guid]).tags)

    # the author rewords both sentences: the entries follow the cards as their GUIDs do
    (notes / "lambda.md").write_text(NOTES["lambda.md"].replace("holds up to", "can hold up to"), encoding="utf-8")
    (notes / "sqs.md").write_text(NOTES["sqs.md"].replace("A single SQS message", "One SQS message"),
                                  encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 20))
    v3 = release(notes, out)
    assert tmp_card.guid not in {c.guid for c in (*v3.cards, *v3.retired)}
    again = next(c for c in v3.cards if c.guid == size_card.guid)
    assert again.fields[0] == "An SQS message is at most {{c1::256 KB}} (use S3 for more)."
    before = col.note_count()
    import_apkg(col, v3.path)
    assert col.note_count() == before  # nothing came back, nothing doubled
    assert len(col.get_review_logs(col.card_ids_of_note(nids[size_card.guid])[0])) == 1
    col.close()


def test_an_entry_whose_card_left_the_notes_is_linted(notes, tmp_path):
    (notes / "curation.yaml").write_text("drop:\n  - 0123456789\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--notes", str(notes), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "notes/curation.yaml:2: warning: no card has key 0123456789 — its fact has left the notes" in result.output


@pytest.mark.parametrize("text, expect", [
    ("drop: [xyz]\n", "'xyz' is not a card key"),
    ("rewrite:\n  0123456789: {text: no braces}\n", "hides nothing"),
    ("keep: []\n", "expected 'drop:'"),
])
def test_a_malformed_curation_file_is_a_clean_error(notes, tmp_path, text, expect):
    (notes / "curation.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=expect):
        release(notes, tmp_path / "o")


def test_lines_copied_from_the_preview_work_as_pasted(notes, tmp_path):
    """The preview's copy buttons give curation.yaml lines that drop and rewrite exactly that card."""
    import html
    import re

    from factdeck import build
    from factdeck.preview import write_preview

    first = build(notes, tmp_path / "o")
    page = tmp_path / "p.html"
    write_preview(first.path, page)
    text = page.read_text(encoding="utf-8")
    copies = [html.unescape(c) for c in re.findall(r'data-copy="([^"]*)"', text)]
    drops = [c for c in copies if c.startswith("  - ")]
    rewrites = [c for c in copies if not c.startswith("  - ")]
    assert len(drops) == len(rewrites) >= len(first.cards)
    size = card_by(first, "256")
    [drop_size] = [d for d in drops if card_key(size.guid) in d]
    tmp = card_by(first, "ephemeral")
    [rewrite_tmp] = [r for r in rewrites if card_key(tmp.guid) in r]
    rewrite_tmp = rewrite_tmp.replace("ephemeral storage", "scratch space")
    (notes / "curation.yaml").write_text(f"drop:\n{drop_size}\nrewrite:\n{rewrite_tmp}\n", encoding="utf-8")
    second = build(notes, tmp_path / "o")
    assert size.guid not in {c.guid for c in second.cards}
    changed = next(c for c in second.cards if c.guid == tmp.guid)
    assert "scratch space" in changed.front_text and changed.back_text == tmp.back_text
