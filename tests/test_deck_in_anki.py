"""End to end: the deck built from the real notes, imported with Anki's real backend."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import import_apkg, open_collection

CHATTER = re.compile(r"if you want, i can|based on the provided context|as mentioned in the context|"
                     r"partially obscured|encoding artifacts|let me know", re.I)


@pytest.fixture(scope="module")
def collection(built, tmp_path_factory):
    col = open_collection(tmp_path_factory.mktemp("anki") / "collection.anki2")
    out = import_apkg(col, built.path)
    assert len(out.log.new) == len(built.cards)
    yield col
    col.close()


def test_output_is_named_by_slug_and_version(built):
    assert built.path.name == "aws-dea-c01-v1.0.0.apkg" or re.fullmatch(r"aws-dea-c01-v[\w.-]+\.apkg", built.path.name)
    assert built.path.stat().st_size > 10_000


def test_three_factdeck_note_types(collection):
    names = {collection.models.get(collection.get_note(nid).mid)["name"] for nid in collection.find_notes("")}
    assert names == {"factdeck Q&A", "factdeck Cloze", "factdeck Comparison"}


def test_cards_in_all_four_domain_subdecks(collection):
    per_deck = Counter(collection.decks.name(collection.get_card(cid).did) for cid in collection.find_cards(""))
    parent = "AWS Certified Data Engineer – Associate (DEA-C01)"
    for n, name in enumerate(["Data Ingestion and Transformation", "Data Store Management",
                              "Data Operations and Support", "Data Security and Governance"], 1):
        assert per_deck[f"{parent}::{n}. {name}"] > 0, per_deck


def test_every_card_renders_a_front_and_no_chatter(collection):
    card_ids = collection.find_cards("")
    assert len(card_ids) > 140  # 150 before vague "latency? Minutes to hours" cards were dropped
    empty = {c.id for c in collection.get_empty_cards().notes}  # notes with an empty card
    assert not empty
    for cid in card_ids:
        card = collection.get_card(cid)
        rendered = collection._backend.render_existing_card(card_id=cid, browser=False, partial_render=False)
        assert not rendered.is_empty
        out = card.render_output(reload=True)
        front = re.sub(r"<[^>]+>", " ", out.question_text)
        front = re.sub(r"\s+", " ", re.sub(r"(?s)<style.*?</style>", "", front)).strip()
        assert front and "The front of this card is blank" not in front
        assert not CHATTER.search(out.question_text + out.answer_text), out.question_text


def test_tags_domain_on_every_card_service_on_most(collection):
    nids = collection.find_notes("")
    with_service = 0
    for nid in nids:
        tags = collection.get_note(nid).tags
        assert any(t.startswith("aws-dea-c01::domain::") for t in tags), tags
        assert any(t.startswith("aws-dea-c01::kind::") for t in tags), tags
        with_service += any(t.startswith("aws-dea-c01::service::") for t in tags)
    assert with_service / len(nids) >= 0.8


def test_every_card_names_its_source_line(collection):
    for nid in collection.find_notes("")[:50]:
        note = collection.get_note(nid)
        # a small line on the back: [the full heading path ·] the source as plain text (no repository set)
        assert re.fullmatch(r'<div class="where">(<span class="path">[^<]+</span> · )?'
                            r'<span class="ref">notes/[\w.-]+\.md:\d+</span></div>', note["Source"]), note["Source"]


def test_version_in_deck_description(built, collection):
    deck = collection.decks.by_name("AWS Certified Data Engineer – Associate (DEA-C01)")
    assert f"Version {built.config.version}" in deck["desc"]
    # the exam's domain weights are facts about the exam: stated once in the description, not quizzed
    assert "Data Ingestion and Transformation 34%" in deck["desc"] and "Data Security and Governance 18%" in deck["desc"]
