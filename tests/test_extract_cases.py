"""Extraction shapes, case by case: `tests/cases/<name>.md` beside `<name>.yaml` with the cards it must give.

Each YAML lists `cards` (front and back text exactly as the learner reads them; `context` optional),
`absent` (text that must appear on no card), `skipped` (reasons that must be recorded) and
`warnings` (lint messages that must be printed). The service catalog is the real one in notes/deck.yaml.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import case_note
import yaml

from factdeck.cards import make_card
from factdeck.config import load_config
from factdeck.extract import extract_facts
from factdeck.parse import parse_note
from factdeck.services import Catalog

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "notes", "notes")
CATALOG = Catalog(CONFIG)


def extract_case(name: str):
    note = case_note(name)
    result = extract_facts(note, parse_note(note), CATALOG)
    cards = [make_card(CONFIG, CATALOG, note, f) for f in result.facts]
    return result, cards


def expanded(cards):
    """(front, back, context) of every Anki card: a cloze note gives one card per deletion."""
    out = []
    for card in cards:
        if card.kind != "cloze":
            out.append((card.front_text, card.back_text, card.fields[-2]))
            continue
        fact_segments = card.front_text  # "[…]" for every deletion; rebuild per deletion below
        out.append((fact_segments, card.back_text, card.fields[1]))
    return out


def per_deletion(result):
    """Cloze notes as the learner meets them: one front per deletion, the others shown."""
    rows = []
    for fact in result.facts:
        if fact.kind == "cloze":
            numbers = sorted({s.cloze for s in fact.segments if s.cloze})
            for n in numbers:
                front = "".join("[…]" if s.cloze == n else s.text for s in fact.segments)
                back = " ".join(s.text for s in fact.segments if s.cloze == n)
                rows.append((front, back, fact.context))
        elif fact.kind == "qa":
            rows.append((fact.question, fact.answer, fact.context))
        else:
            rows.append((f"{fact.attribute}: {fact.subject}?",
                         "; ".join(f"{e}: {v}" for e, v in fact.values), fact.context))
    return rows


NAMES = sorted(p.stem for p in CASES.glob("*.md"))


def check_case(expected: dict, result) -> None:
    """The extraction gives every expected card (front, back, context), no absent text, the skips and the lint."""
    rows = per_deletion(result)
    fronts = {f: (b, c) for f, b, c in rows}
    listing = "\n".join(f"{f}  →  {b}" for f, b, _ in rows)
    for want in expected.get("cards", []):
        assert want["front"] in fronts, f"no card {want['front']!r}; cards are:\n{listing}"
        back, context = fronts[want["front"]]
        assert back == want["back"], (want["front"], back)
        if "context" in want:
            assert context == want["context"]
    everything = "\n".join(f"{f}\n{b}" for f, b, _ in rows).lower()
    for text in expected.get("absent", []):
        assert text.lower() not in everything, f"{text!r} is on a card:\n{listing}"
    reasons = " | ".join(s.message for s in result.skipped)
    for reason in expected.get("skipped", []):
        assert reason in reasons, reasons
    lint = "\n".join(result.warnings)
    for warning in expected.get("warnings", []):
        assert warning in lint, lint


@pytest.mark.parametrize("name", NAMES)
def test_case(name):
    expected = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    result, _ = extract_case(name)
    check_case(expected, result)


@pytest.mark.parametrize("name", NAMES)
def test_no_two_cards_share_a_front(name):
    result, _ = extract_case(name)
    rows = per_deletion(result)
    seen = {}
    for front, back, _ in rows:
        assert seen.setdefault(front, back) == back, front
