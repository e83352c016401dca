"""`factdeck check`: clean on the deck we build, and on decks broken on purpose it names the card and its source.

The broken decks are written with genanki directly, with factdeck's own note types where possible, so
that each test breaks exactly one thing Anki would import without a word.
"""
from __future__ import annotations

import dataclasses
import importlib

import genanki
import pytest
from click.testing import CliRunner

from factdeck.check import check_deck
from factdeck.cli import main
from factdeck.package import CLOZE_MODEL, QA_MODEL

BAD_TEMPLATE_MODEL = genanki.Model(
    1607392319, "Broken template",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}} {{Nope}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}])


def qa(front: str, back: str, source: str, guid: str | None = None, context: str = "Topic › Section") -> genanki.Note:
    return genanki.Note(model=QA_MODEL, fields=[front, back, context, source],
                        guid=guid or genanki.guid_for(source, front))


def cloze(text: str, source: str) -> genanki.Note:
    return genanki.Note(model=CLOZE_MODEL, fields=[text, "Topic › Section", source], guid=genanki.guid_for(source))


GOOD = [qa("What is Amazon SQS?", "a message queue", "notes/ok.md:1"),
        cloze("Amazon SQS FIFO — throughput: {{c1::300 messages per second}}", "notes/ok.md:2")]


def write_apkg(path, notes) -> str:
    deck = genanki.Deck(2059400111, "Broken on purpose")
    for note in [*GOOD, *notes]:
        deck.add_note(note)
    genanki.Package(deck).write_to_file(str(path), timestamp=1767225600)
    return str(path)


def run_check(apkg: str):
    return CliRunner().invoke(main, ["check", apkg])


# ---------------------------------------------------------------- the real deck


def test_built_deck_passes(built):
    result = check_deck(built.path)
    assert result.ok, "\n".join(map(str, result.problems))
    # 150 before vague "latency? Minutes to hours" cards were dropped; 141 before "DPUs ([…])" glosses were
    assert result.cards >= result.notes >= 138
    assert result.seconds < 2, f"check took {result.seconds:.2f}s"


def test_check_command_exits_0_on_the_built_deck(built):
    out = run_check(str(built.path))
    assert out.exit_code == 0, out.output
    assert "no problems" in out.output


def test_a_good_deck_passes(tmp_path):
    out = run_check(write_apkg(tmp_path / "good.apkg", []))
    assert out.exit_code == 0, out.output


# ---------------------------------------------------------------- broken on purpose


BROKEN = {
    "blank front": ([qa("", "an answer", "notes/x.md:5")],
                    'notes/x.md:5: factdeck Q&A Card 1 "an answer": blank front: the question is empty'),
    "front Anki finds blank": ([qa("<br>", "an answer", "notes/x.md:6", context="")],
                               "notes/x.md:6: factdeck Q&A Card 1 \"an answer\": blank front: Anki shows"),
    "bad template": ([genanki.Note(model=BAD_TEMPLATE_MODEL, fields=["Front text", "Back text", "notes/x.md:7"],
                                   guid="bad-template")],
                     "notes/x.md:7: Broken template Card 1 \"Front text\": template error: Front template has a "
                     "problem: Found '{{Nope}}', but there is no field called 'Nope'"),
    "cloze without a deletion": ([cloze("Amazon SQS FIFO keeps order", "notes/x.md:8")],
                                 'notes/x.md:8: factdeck Cloze "Amazon SQS FIFO keeps order": cloze note made no card: '
                                 "its text has no {{c1::…}} deletion"),
    "raw script": ([qa("What runs?", "<script>alert(1)</script>", "notes/x.md:9")],
                   'notes/x.md:9: factdeck Q&A "What runs?": field Back: raw <script> — note text must be escaped'),
    "unescaped tag": ([qa("Which type?", "vector<int>", "notes/x.md:10")],
                      "notes/x.md:10: factdeck Q&A \"Which type?\": field Back: unexpected <int> tag"),
    "raw braces": ([qa("Which template?", "{{x}}", "notes/x.md:11")],
                   "notes/x.md:11: factdeck Q&A \"Which template?\": field Back: raw '{{' or '}}' in the text"),
    "markdown": ([qa("Which word is bold?", "**this**", "notes/x.md:12")],
                 "notes/x.md:12: factdeck Q&A \"Which word is bold?\": field Back: Markdown '**' left in the text"),
    "cloze hint": ([cloze("Limit: {{c1::a::b}}", "notes/x.md:13")],
                   "notes/x.md:13: factdeck Cloze \"Limit: [...]\": field Text: '::' inside the deletion c1 makes "
                   "Anki show a hint"),
    "sound tag": ([qa("Which sound?", "[sound:x.mp3]", "notes/x.md:14")],
                  "notes/x.md:14: factdeck Q&A \"Which sound?\": field Back: '[sound:…]' makes Anki play audio"),
    "duplicate guid": ([qa("One?", "1", "notes/x.md:15", guid="same"), qa("Two?", "2", "notes/x.md:16", guid="same")],
                       'notes/x.md:16: factdeck Q&A "Two?": duplicate GUID same (also notes/x.md:15)'),
    "duplicate front": ([qa("What is Amazon SQS?", "a queue service", "notes/x.md:17")],
                        'notes/x.md:17: factdeck Q&A Card 1 "What is Amazon SQS?": same front as notes/ok.md:1 '
                        "(factdeck Q&A Card 1) with a different answer"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_deck_fails_and_names_the_card(tmp_path, name):
    notes, expected = BROKEN[name]
    out = run_check(write_apkg(tmp_path / "broken.apkg", notes))
    assert out.exit_code == 1, out.output
    assert expected in out.output, out.output
    assert "Traceback" not in out.output
    assert "notes/ok.md" not in out.output.replace("same front as notes/ok.md", ""), out.output  # good cards pass


def test_every_problem_of_a_deck_is_listed_one_per_line(tmp_path):
    notes = [n for ns, _ in BROKEN.values() for n in ns]
    result = check_deck(write_apkg(tmp_path / "all.apkg", notes))
    lines = [str(p) for p in result.problems]
    for _, expected in BROKEN.values():
        assert any(expected in line for line in lines), expected
    assert all("\n" not in line for line in lines)


def test_same_front_with_the_same_answer_is_not_a_problem(tmp_path):
    out = run_check(write_apkg(tmp_path / "repeat.apkg", [qa("What is Amazon SQS?", "a message queue", "notes/y.md:1")]))
    assert out.exit_code == 0, out.output


def test_not_a_package(tmp_path):
    bad = tmp_path / "nope.apkg"
    bad.write_text("not a zip")
    out = run_check(str(bad))
    assert out.exit_code != 0 and "not a readable Anki package" in out.output
    assert "Traceback" not in out.output


# ---------------------------------------------------------------- build checks what it wrote


def test_build_fails_as_a_factdeck_bug_when_its_deck_is_broken(notes_copy, tmp_path, monkeypatch):
    build_module = importlib.import_module("factdeck.build")  # the package exports build(), hiding the module

    real = build_module.make_card
    calls = []

    def broken_make_card(*args, **kwargs):
        card = real(*args, **kwargs)
        calls.append(card)
        if len(calls) == 1:  # one card gets unescaped markup, as a bug in cards.py would
            card = dataclasses.replace(card, fields=(card.fields[0] + "<script>alert(1)</script>", *card.fields[1:]))
        return card

    monkeypatch.setattr(build_module, "make_card", broken_make_card)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = CliRunner().invoke(main, ["build", "--notes", str(notes_copy), "--out", str(tmp_path / "out")])
    assert out.exit_code == 3, out.output
    assert "raw <script>" in out.output
    assert "This is a bug in factdeck" in out.output
    assert "Traceback" not in out.output


def test_scan_reads_simple_markup_as_htmlparser_does(monkeypatch):
    """The check's shortcut for the markup factdeck writes gives what HTMLParser gives; anything else goes to it."""
    from factdeck import check

    fragments = ['<div class="context">S3 &amp; EBS</div><div class="question">Max <b>size</b>?</div>',
                 '<span class="cloze" data-cloze="x&amp;y">[...]</span> &#123; &#x1F; &nbsp; <br/>a<br />b<br>',
                 '<DIV>x</DIV>', "<p class='x'>y</p>", 'a < b & c', '<!-- c -->x', '<script>"<b>"</script>', '&amp',
                 '<td colspan=2>x</td>', '<b >x</b >', '<span class="cloze">a<b>b</b>c</span>d']

    def seen(scan):
        return scan.tags, scan.raw, scan._text, scan.cloze_texts

    fast = [seen(check._Scan(f)) for f in fragments]
    assert check._simple_events(fragments[0]) is not None and check._simple_events(fragments[2]) is None
    monkeypatch.setattr(check, "_simple_events", lambda fragment: None)
    assert fast == [seen(check._Scan(f)) for f in fragments]
