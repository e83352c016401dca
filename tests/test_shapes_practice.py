"""Cards the author already wrote in exam-prep shapes: practice questions (``extract/shapes/practice.py``: marked
options, answer lines, ``<details>`` answers) and card tables (``table_qa.py``: question/answer, glossaries).

Fixtures are hand-written notes in ``tests/cases/practice/`` and ``tests/cases/table_qa/``.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from test_extract_cases import check_case
from test_shape_cases import extract

CASES = Path(__file__).parent / "cases"
NAMES = sorted(f"{rule}/{p.stem}" for rule in ("practice", "table_qa") for p in (CASES / rule).glob("*.md"))


@pytest.mark.parametrize("name", NAMES)
def test_practice(name):
    expected = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    check_case(expected, extract(name))


def test_details_lines_keep_their_source_line():
    """Text inside an HTML block keeps the line it was written on (a tag is not a line of its own)."""
    from conftest import case_note
    from factdeck.parse import parse_note

    note = case_note("practice/choices")
    lines = [l for b in parse_note(note) if hasattr(b, "lines") for l in b.lines]
    source = note.text.split("\n")
    for line in lines:
        if line.text.startswith("How long does SQS"):
            assert "<summary>How long does SQS" in source[line.where.line - 1]
            break
    else:
        pytest.fail("the summary's question was not parsed")
