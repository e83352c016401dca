"""Skip reasons are codes (``factdeck.model.Reason``), never free strings, and read exactly as before.

Every skip the extractor, the shapes, the filters and the settling make on the committed notes and on every
fixture of tests/cases carries a member; the text users read (coverage lines, ``build --report``) is the
member's text with its detail filled in, and coverage counts the members the way it counted the texts.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import case_note

from factdeck.build import BuildResult, extract, write_report
from factdeck.errors import Location
from factdeck.extract import extract_facts
from factdeck.extract.filters import FILTERS, filter_facts
from factdeck.model import Reason, Skip
from factdeck.parse import parse_note
from test_extract_cases import CATALOG

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="module")
def notes_skips() -> list[Skip]:
    return list(extract(ROOT / "notes").skipped)


def _case_skips() -> list[Skip]:
    out: list[Skip] = []
    for md in sorted(CASES.rglob("*.md")):
        note = case_note(str(md.relative_to(CASES).with_suffix("")))
        result = extract_facts(note, parse_note(note), CATALOG)
        _kept, filtered = filter_facts(list(result.facts), CATALOG)
        out += [*result.skipped, *filtered]
    return out


def _check(skips: list[Skip]) -> None:
    for s in skips:
        assert isinstance(s.reason, Reason), (s.where, s.reason)
        templated = "{}" in s.reason.value
        assert bool(s.detail) == templated, (s.reason, s.detail)
        assert "{}" not in s.message and s.message.startswith(s.reason.value.split("{}")[0])


def test_every_skip_of_the_notes_carries_a_reason_code(notes_skips):
    assert len(notes_skips) > 100
    _check(notes_skips)
    # the settling stage's reasons with a location in them are among them
    assert any(s.reason is Reason.REPEATED_FACT for s in notes_skips)


def test_every_skip_of_the_fixtures_carries_a_reason_code():
    skips = _case_skips()
    assert len(skips) > 100
    _check(skips)


def test_coverage_counts_members_as_it_counted_texts(notes_skips):
    """The old count: the text before its first " (", headings/labels/row names used as context left out (the
    old test by first word also left out "heading-like lead-in …", a real skip, now counted). A reason with a
    variable part was counted once per location; it is now one line under its member."""
    old = Counter(s.message.split(" (")[0] for s in notes_skips
                  if not s.message.startswith(("heading (", "label (", "row name (")))
    new = BuildResult.coverage.fget(SimpleNamespace(skipped=tuple(notes_skips)))
    assert {k: v for k, v in new.items() if "…" not in k} == \
        {k: v for k, v in old.items() if k not in {s.message.split(" (")[0] for s in notes_skips if "…" in s.reason.label}}
    assert sum(new.values()) == sum(old.values())
    assert new["repeats the fact at …"] == sum(s.reason is Reason.REPEATED_FACT for s in notes_skips)


def test_the_report_file_reads_the_texts(tmp_path, notes_skips):
    report = tmp_path / "skipped.tsv"
    write_report(report, notes_skips)
    text = report.read_text(encoding="utf-8")
    assert "Reason." not in text
    repeat = next(s for s in notes_skips if s.reason is Reason.REPEATED_FACT)
    assert f"{repeat.where}\trepeats the fact at {repeat.detail}\t" in text
    label = next(s for s in notes_skips if s.reason is Reason.LABEL)
    assert f"{label.where}\tlabel (used as context)\t{label.text}\n" in text


def test_a_reason_with_a_variable_part_is_composed_as_before():
    where = Location("notes/a.md", 3)
    skip = Skip(where, Reason.REPEATED_FACT, "x", str(Location("notes/b.md", 7)))
    assert skip.message == "repeats the fact at notes/b.md:7"
    assert Skip(where, Reason.ATTRIBUTE_DEFINED_ABOVE, "x", repr("Max size")).message == \
        "'Max size' is defined above already"
    assert Skip(where, Reason.CHATTER, "x").message == "chatter"
    assert Reason.REPEATED_FACT.label == "repeats the fact at …"
    assert Reason.NO_KEY_VALUE.label == Reason.NO_KEY_VALUE_IN_SENTENCE.label == "no key value to hide"


def test_a_row_reason_told_of_a_column_reads_as_before():
    for row in (Reason.GENERIC_SECURITY_ROW, Reason.COMMON_VALUE_OF_ROW):
        assert row.in_column.value == row.value.replace("a row", "a column").replace("its row", "its column")
        assert row.in_column is not row
    assert Reason.CHATTER.in_column is Reason.CHATTER


def test_context_members_are_headings_labels_and_row_names():
    assert {r for r in Reason if r.context} == {Reason.HEADING, Reason.LABEL, Reason.ROW_NAME}
    assert not Reason.HEADING_LIKE_LEAD_IN.context  # a predicate posing as a heading is skipped, not used


def test_filters_return_members():
    """Each filter, in its declared order, answers with a member or None (checked on the fixtures' facts)."""
    seen: set[str] = set()
    for md in sorted(CASES.rglob("*.md")):
        note = case_note(str(md.relative_to(CASES).with_suffix("")))
        for fact in extract_facts(note, parse_note(note), CATALOG).facts:
            for name, rule in FILTERS:
                kwargs = {"catalog": CATALOG} if "catalog" in rule.__code__.co_varnames else {}
                got = rule(fact, **kwargs)
                assert got is None or isinstance(got, Reason), (name, got)
                if got is not None:
                    seen.add(name)
    assert len(seen) >= 3


def test_member_texts_are_unique_and_codes_are_upper_snake():
    assert len({r.value for r in Reason}) == len(Reason)
    assert all(r.name.isupper() and " " not in r.name for r in Reason)
