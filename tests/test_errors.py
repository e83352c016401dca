"""Bad input gives `path:line: what — how to fix`, a non-zero exit, no traceback, and no deck."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factdeck import BuildError, build
from factdeck.cli import main


def run(notes: Path, out: Path):
    return CliRunner().invoke(main, ["build", "--notes", str(notes), "--out", str(out)])


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("edit, expected", [
    (("08-lambda.md", "domain: [1, 3]", "domain: [1, 7]"), "notes/08-lambda.md:3: unknown domain 7"),
    (("08-lambda.md", "domain: [1, 3]", "domain: [1, {a: 2}]"), "notes/08-lambda.md:3: unknown domain {'a': 2}"),
    (("deck.yaml", "slug: aws-dea-c01", "slug: aws-dea-c01\nslug: other"), "notes/deck.yaml:3: not valid YAML: key 'slug' is given twice (first on line 2)"),
    (("deck.yaml", "slug: aws-dea-c01", "slug: aws-dea-c01\n1: one"), "notes/deck.yaml: unknown key 1 — valid keys:"),
    (("deck.yaml", "slug: aws-dea-c01", "slug: aws-dea-c01\ncolour: blue"), "notes/deck.yaml:3: unknown key 'colour' — valid keys:"),
    (("deck.yaml", "version: 1.0.0", "version: one"), "notes/deck.yaml:3: version 'one' is not a semantic version"),
])
def test_bad_input_names_file_and_line(notes_copy, tmp_path, edit, expected):
    name, old, new = edit
    replace_in(notes_copy / name, old, new)
    result = run(notes_copy, tmp_path / "out")
    assert result.exit_code != 0
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.apkg"))


def test_all_problems_reported_at_once(notes_copy, tmp_path):
    replace_in(notes_copy / "08-lambda.md", "domain: [1, 3]", "domain: 9")
    replace_in(notes_copy / "05-fsx.md", "domain: 2", "domain: 8")
    with pytest.raises(BuildError) as err:
        build(notes_copy, tmp_path)
    text = str(err.value.message)
    assert "notes/08-lambda.md:3" in text and "notes/05-fsx.md:3" in text
    assert "2 problems; nothing was written." in text


def test_foreign_or_broken_front_matter_and_unreadable_files_are_warnings(notes_copy, tmp_path):
    """What other tools put in front matter never stops a build; what is left out is said, with the place."""
    (notes_copy / "99-extra.md").write_text("# No front matter\nText.\n", encoding="utf-8")
    (notes_copy / "98-binary.md").write_bytes(b"\xff\xfe\x00bad")
    replace_in(notes_copy / "08-lambda.md", 'title: "AWS Lambda"', 'title: "AWS Lambda"\nlayout: post\ndate: 2024-01-02')
    replace_in(notes_copy / "05-fsx.md", "services: [fsx", "services: [fsxx")
    replace_in(notes_copy / "03-redshift.md", "title:", "title: [oops\nx:")
    result = run(notes_copy, tmp_path)
    assert result.exit_code == 0, result.output
    assert "notes/98-binary.md: warning: not UTF-8 text" in result.output
    assert "warning: front matter is not valid YAML" in result.output and "notes/03-redshift.md:" in result.output
    assert "front matter keys factdeck does not use were ignored: date (1), layout (1)" in result.output
    assert "Traceback" not in result.output


def test_failed_build_leaves_previous_deck_untouched(notes_copy, tmp_path):
    out = tmp_path / "decks"
    first = run(notes_copy, out)
    assert first.exit_code == 0, first.output
    [deck] = out.glob("*.apkg")
    before = {p.name: p.read_bytes() for p in out.iterdir()}  # the deck, identity.json, CHANGELOG.md
    replace_in(notes_copy / "08-lambda.md", "domain: [1, 3]", "domain: [1, 7]")
    second = run(notes_copy, out)
    assert second.exit_code != 0
    assert deck.read_bytes() == before[deck.name]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_notes_folder(tmp_path):
    result = run(tmp_path / "nope", tmp_path / "out")
    assert result.exit_code != 0
    assert "notes folder not found" in result.output


def test_a_deck_failing_the_self_check_replaces_nothing(notes_copy, tmp_path, monkeypatch):
    """factdeck's own check runs on the temporary file: a bug found there leaves the previous deck and record."""
    from factdeck import check as check_module
    from factdeck.check import CardProblem

    out = tmp_path / "decks"
    assert run(notes_copy, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    replace_in(notes_copy / "deck.yaml", "version: 1.0.0", "version: 1.0.1")
    real = check_module.check_deck

    def failing(path):
        result = real(path)
        problem = CardProblem("notes/08-lambda.md:28", "factdeck Cloze c1", "blank front")
        return type(result)(result.path, result.notes, result.cards, (problem,), result.seconds)

    monkeypatch.setattr(check_module, "check_deck", failing)
    result = run(notes_copy, out)
    assert result.exit_code == 3, result.output
    assert "bug in factdeck" in result.output and "notes/08-lambda.md:28" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
