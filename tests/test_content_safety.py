"""Note text cannot inject markup or script: it renders as written in Anki, inside clozes too.

A tiny notes folder puts the characters Anki or HTML would read — ``<`` ``>`` ``&``, ``::``, ``{{``,
``}}``, ``[sound:…]``, ``[$]`` — in table cells (cloze cards) and in ``Term: definition`` lines (Q&A cards);
the deck is built, imported with Anki's real backend and every card rendered.
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import import_apkg, open_collection
from factdeck import build
from factdeck.check import check_deck

LITERALS = ["vector<int>", "a::b", "{{x}}", "}}", "AT&T", "[sound:x.mp3]", "<script>alert(1)</script>"]
CLOZE_ONLY = ["[$]x^2[/$]"]

DECK_YAML = """\
name: "Safety Deck"
slug: safety
version: 0.0.1
description: Markup that must render as written.
domains:
  - {id: 1, name: Widgets, weight: 100}
services:
  - id: widget
    name: Amazon Widget
    aliases: [Widget]
"""

NOTE = """\
---
title: "Amazon Widget"
domain: [1]
services: [widget]
---

# Amazon Widget

| Feature | Value |
| --- | --- |
| Element type | vector<int> or a::b |
| Template | {{x}} and }} |
| Owner | AT&T [sound:x.mp3] |
| Payload | <script>alert(1)</script> |
| Formula | [$]x^2[/$] |

Storage class: uses vector<int> and a::b inside {{x}}
Payload format: A container format holding }} next to AT&T [sound:x.mp3] and <script>alert(1)</script>
"""


class _Text(HTMLParser):
    """What a browser shows (text, entities decoded) and which elements it would create."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@pytest.fixture(scope="module")
def safety_deck(tmp_path_factory):
    root = tmp_path_factory.mktemp("safety")
    notes = root / "notes"
    notes.mkdir()
    (notes / "deck.yaml").write_text(DECK_YAML, encoding="utf-8")
    (notes / "01-widget.md").write_text(NOTE, encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        result = build(notes, root / "out")
    finally:
        mp.undo()
    return result


@pytest.fixture(scope="module")
def rendered(safety_deck, tmp_path_factory):
    """(note type, question HTML, answer HTML) of every card, as Anki renders it."""
    col = open_collection(tmp_path_factory.mktemp("safety-anki") / "collection.anki2")
    import_apkg(col, safety_deck.path)
    cards = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        out = card.render_output(reload=True)
        cards.append((card.note_type()["name"], out.question_text, out.answer_text))
    col.close()
    return cards


def test_both_shapes_made_cards(safety_deck, rendered):
    kinds = sorted(c.kind for c in safety_deck.cards)
    assert kinds == ["cloze"] * 5 + ["qa"] * 2, [(c.kind, c.front_text) for c in safety_deck.cards]
    assert len(rendered) == 7


@pytest.mark.parametrize("note_type", ["factdeck Cloze", "factdeck Q&A"])
def test_answers_show_every_character_as_written(rendered, note_type):
    answers = " ".join(_Text(a).text for name, _, a in rendered if name == note_type)
    for literal in LITERALS + (CLOZE_ONLY if note_type == "factdeck Cloze" else []):
        assert literal in answers, (literal, answers)


def test_no_markup_or_script_reaches_the_card(rendered):
    for _, question, answer in rendered:
        for side in (question, answer):
            tags = set(_Text(side).tags)
            assert not tags & {"script", "img", "a", "audio", "int"}, (tags, side)
            assert "<script" not in side.lower()
            assert "[anki:play" not in side  # no audio button made from "[sound:…]"


def test_clozes_hide_the_whole_value_without_a_hint(rendered):
    fronts = [_Text(q).text for name, q, _ in rendered if name == "factdeck Cloze"]
    assert len(fronts) == 5
    for front in fronts:
        assert "[...]" in front, front  # a "::" inside the deletion would show "[b]" as a hint
        assert not any(x in front for x in ("vector", "alert", "{{x}}", "AT&T")), front


def test_check_finds_nothing_wrong(safety_deck):
    result = check_deck(safety_deck.path)
    assert result.ok, "\n".join(map(str, result.problems))
