"""Shapes of other people's notes, one folder per rule: `tests/cases/<rule>/<name>.md` beside `<name>.yaml`.

Same format as `test_extract_cases.py` (cards, absent, skipped, warnings); each fixture is written for the
shape, not copied from any real note set.
"""
from __future__ import annotations

from pathlib import Path

import dataclasses

import pytest

from conftest import case_note
import yaml

from factdeck.extract import extract_facts
from factdeck.extract.filters import filter_facts
from factdeck.parse import parse_note
from test_extract_cases import CATALOG, per_deletion

CASES = Path(__file__).parent / "cases"
RULES = ("outline", "key_values", "recall", "tables")
"""The rule folders this module owns (other folders may use other formats)."""
NAMES = sorted(str(p.relative_to(CASES).with_suffix("")) for rule in RULES for p in (CASES / rule).glob("*.md"))


def extract(name: str):
    """The note's facts as the build keeps them: the rules and the walker, then the card-level filters."""
    note = case_note(name)
    result = extract_facts(note, parse_note(note), CATALOG)
    kept, filtered = filter_facts(list(result.facts), CATALOG)
    return dataclasses.replace(result, facts=tuple(kept), skipped=(*result.skipped, *filtered))


def test_every_rule_has_cases():
    for rule in RULES:
        assert list((CASES / rule).glob("*.md")), rule


@pytest.mark.parametrize("name", NAMES)
def test_shape(name):
    expected = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    result = extract(name)
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
    reasons = " | ".join(s.reason for s in result.skipped)
    for reason in expected.get("skipped", []):
        assert reason in reasons, reasons
    lint = "\n".join(result.warnings)
    for warning in expected.get("warnings", []):
        assert warning in lint, lint
    assert len({f for f, _, _ in rows}) == len({(f, b) for f, b, _ in rows}), "two cards share a front"
