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
from test_extract_cases import CATALOG, check_case, per_deletion

CASES = Path(__file__).parent / "cases"
RULES = ("outline", "key_values", "recall", "tables", "short_list", "fronts", "arrow_qa", "weights", "side_compare", "which_side", "choose_for")
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
    check_case(expected, result)
    rows = per_deletion(result)
    assert len({f for f, _, _ in rows}) == len({(f, b) for f, b, _ in rows}), "two cards share a front"
