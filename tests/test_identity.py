"""Card identity across edits and releases (identity.py): matching, immutable releases, changelog.

The matching tests build small cards by hand; the release tests build the real notes into a
temporary folder, as a learner's maintainer would.
"""
from __future__ import annotations

import dataclasses
import json
import random
import re
import time
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner

from factdeck import BuildError, build
from factdeck.build import release as cut
from factdeck.cli import main
from factdeck.errors import Location
from factdeck.identity import RECORD_NAME, Record, advance, dump_record, load_record, match_cards
from factdeck.model import Card

SLUG = "t"
EPOCH = 1767225600

# ---------------------------------------------------------------- matching, card by card


def card(key: str, front: str, back: str, *, kind: str = "cloze", subject: str = "AWS Lambda",
         context: str = "AWS Lambda › Timeout", where: str = "notes/08-lambda.md:28") -> Card:
    path, line = where.rsplit(":", 1)
    if kind == "cloze":
        fields = (front.replace("[…]", "{{c1::" + back + "}}"), context, where)
    else:
        fields = (front, back, context, where)
    return Card(kind, key, "", fields, (f"{SLUG}::kind::{kind}",), 1, Location(path, int(line)),  # type: ignore[arg-type]
                front, back, subject, context)


def release(*cards: Card, record: Record | None = None, version: str = "1.0.0") -> Record:
    """The record after building ``cards`` as ``version`` on top of ``record``."""
    record = record or Record(SLUG)
    m = match_cards(cards, record, SLUG)
    after, _ = advance(record, [dataclasses.replace(c, guid=m.guids[c.key]) for c in cards], m, version)
    return after


def guid(record: Record, key: str) -> str:
    return next(e.guid for e in record.entries if e.key == key)


TIMEOUT = card("prose|aws-lambda/timeout|aws-lambda", "Lambda functions have a maximum execution timeout of […].",
               "15 minutes (900 seconds)")
MEMORY = card("prose|aws-lambda/memory|aws-lambda", "You allocate memory to your Lambda function (from […]).",
              "128 MB to 10,240 MB", context="AWS Lambda › Memory and CPU Allocation")


def test_first_build_uses_genanki_guid_of_the_key():
    m = match_cards([TIMEOUT, MEMORY], Record(SLUG), SLUG)
    assert m.guids[TIMEOUT.key] == genanki.guid_for(SLUG, TIMEOUT.key)
    assert m.how == {TIMEOUT.key: "new", MEMORY.key: "new"} and not m.unmatched


def test_same_key_keeps_guid_even_when_rewritten():
    rec = release(TIMEOUT, MEMORY)
    rewritten = dataclasses.replace(TIMEOUT, front_text="A function may run for at most […].", back_text="15 min")
    m = match_cards([rewritten, MEMORY], rec, SLUG)
    assert m.guids[TIMEOUT.key] == guid(rec, TIMEOUT.key)
    assert m.how[TIMEOUT.key] == "key" and not m.unmatched


def test_reworded_sentence_with_a_new_key_keeps_its_guid():
    rec = release(TIMEOUT, MEMORY)
    reworded = card("prose|aws-lambda/timeout|lambda-function", "Lambda functions have a maximum run time of […].",
                    "15 minutes (900 seconds)", subject="Lambda function")
    m = match_cards([reworded, MEMORY], rec, SLUG)
    assert m.guids[reworded.key] == guid(rec, TIMEOUT.key)
    assert m.how[reworded.key] == "text" and m.continues[reworded.key] == TIMEOUT.key
    assert not m.unmatched


def test_section_moved_to_another_file_keeps_its_guid():
    rec = release(TIMEOUT, MEMORY)
    moved = card("prose|lambda-limits/timeout|aws-lambda", TIMEOUT.front_text, TIMEOUT.back_text,
                 context="AWS Lambda limits › Timeout", where="notes/20-lambda-limits.md:9")
    m = match_cards([moved, MEMORY], rec, SLUG)
    assert m.guids[moved.key] == guid(rec, TIMEOUT.key) and not m.unmatched


def test_deleting_a_sentence_does_not_shift_numbered_keys():
    first = card("prose|kds|kds", "Kinesis Data Streams keeps records for […] by default.", "24 hours")
    second = card("prose|kds|kds#2", "Kinesis Data Streams keeps records for up to […] with long-term retention.",
                  "365 days")
    rec = release(first, second)
    # the first sentence is deleted: the second one now gets the key without the number
    now = dataclasses.replace(second, key="prose|kds|kds")
    m = match_cards([now], rec, SLUG)
    assert m.guids[now.key] == guid(rec, second.key)
    assert m.unmatched == (first.key,)


def test_split_the_closer_half_keeps_the_guid():
    old = card("term|aws-lambda|reserved-concurrency",
               "AWS Lambda: what is Reserved Concurrency?",
               "A share of the account's concurrency limit kept for one function; it protects the function from "
               "throttling by other functions", kind="qa")
    rec = release(old)
    half1 = card("term|aws-lambda|reserved-concurrency-share", "AWS Lambda: what is Reserved Concurrency?",
                 "A share of the account's concurrency limit kept for one function", kind="qa")
    half2 = card("term|aws-lambda|reserved-concurrency-throttling",
                 "AWS Lambda: what does Reserved Concurrency protect from?",
                 "throttling by other functions", kind="qa")
    m = match_cards([half1, half2], rec, SLUG)
    assert m.guids[half1.key] == guid(rec, old.key) and m.how[half1.key] == "text"
    assert m.how[half2.key] == "new" and m.guids[half2.key] != guid(rec, old.key)
    assert not m.unmatched


def test_merge_the_closer_one_gives_its_guid_the_other_retires():
    a = card("term|aws-lambda|cold-start", "AWS Lambda: what is Cold Start?",
             "When a Lambda function scales up, initialization adds latency", kind="qa")
    b = card("term|aws-lambda|cold-start-causes", "AWS Lambda: what makes Cold Starts longer?",
             "large deployment packages or VPC configurations", kind="qa")
    rec = release(a, b)
    merged = card("term|aws-lambda|cold-starts", "AWS Lambda: what is Cold Start?",
                  "When a Lambda function scales up, initialization adds latency, longer with large packages", kind="qa")
    m = match_cards([merged], rec, SLUG)
    assert m.guids[merged.key] == guid(rec, a.key)
    assert m.unmatched == (b.key,)


def test_ambiguous_match_gives_a_new_guid_and_says_so():
    standard = card("cell|amazon-sqs-standard|row-object-size", "Amazon SQS Standard — row/object size: […]", "256 KB",
                    subject="Amazon SQS Standard", context="Ingestion › SQS", where="notes/02-ingestion-services.md:31")
    fifo = card("cell|amazon-sqs-fifo|row-object-size", "Amazon SQS FIFO — row/object size: […]", "256 KB",
                subject="Amazon SQS FIFO", context="Ingestion › SQS", where="notes/02-ingestion-services.md:31")
    rec = release(standard, fifo)
    both = card("cell|amazon-sqs|row-object-size", "Amazon SQS — row/object size: […]", "256 KB",
                subject="Amazon SQS", context="Ingestion › SQS", where="notes/02-ingestion-services.md:40")
    m = match_cards([both], rec, SLUG)
    assert m.how[both.key] == "ambiguous"
    assert m.guids[both.key] not in {guid(rec, standard.key), guid(rec, fifo.key)}
    assert set(m.unmatched) == {standard.key, fifo.key}
    [message] = m.messages
    assert message.startswith("notes/02-ingestion-services.md:40: note: ")
    assert "Amazon SQS Standard" in message and "Amazon SQS FIFO" in message and "new card" in message


def test_a_split_into_equal_halves_is_ambiguous():
    old = card("prose|x|a", "Kinesis Data Streams and Firehose both keep data in […].", "3 AZ")
    rec = release(old)
    kds = card("prose|x|b", "Kinesis Data Streams keeps data in […].", "3 AZ", where="notes/08-lambda.md:30")
    kdf = card("prose|x|c", "Kinesis Data Firehose keeps data in […].", "3 AZ", where="notes/08-lambda.md:31")
    m = match_cards([kds, kdf], rec, SLUG)
    assert m.how == {kds.key: "ambiguous", kdf.key: "ambiguous"} and m.unmatched == (old.key,)
    assert len(m.messages) == 2 and all("other card(s) are about as close to" in x for x in m.messages)


def test_same_section_breaks_a_near_tie():
    a = card("prose|x|a", "Kinesis Data Streams keeps records for […].", "24 hours", context="Kinesis › Retention")
    b = card("prose|y|b", "Kinesis Data Streams keeps records for […].", "24 hours", context="Kinesis › Replay")
    rec = release(a, b)
    now = card("prose|x|c", "Kinesis Data Streams keeps data records for […].", "24 hours", context="Kinesis › Retention")
    m = match_cards([now], rec, SLUG)
    assert m.guids[now.key] == guid(rec, a.key) and m.unmatched == (b.key,)


def test_another_kind_is_never_matched():
    rec = release(TIMEOUT)
    qa = card(TIMEOUT.key, "What is the maximum execution timeout of Lambda?", "15 minutes (900 seconds)", kind="qa")
    m = match_cards([qa], rec, SLUG)
    assert m.how[qa.key] == "new" and m.guids[qa.key] != guid(rec, TIMEOUT.key)
    assert m.unmatched == (TIMEOUT.key,)


def test_a_new_guid_never_repeats_one_in_use():
    first = card("prose|kds|kds", "Kinesis Data Streams keeps records for […] by default.", "24 hours")
    second = card("prose|kds|kds#2", "Kinesis Data Streams keeps records for up to […] with long-term retention.",
                  "365 days")
    rec = release(first, second)
    # the first sentence is deleted and an unrelated one added after the second: it gets the key …#2,
    # whose genanki GUID is the one the (kept) second sentence already has
    kept = dataclasses.replace(second, key="prose|kds|kds")
    added = card("prose|kds|kds#2", "Enhanced fan-out gives each consumer […] per shard.", "2 MB/sec",
                 context="Kinesis › Consumers")
    m = match_cards([kept, added], rec, SLUG)
    assert m.guids[kept.key] == guid(rec, second.key)
    assert m.how[added.key] == "new"
    assert len({*m.guids.values(), *(e.guid for e in rec.entries)}) == 3


def test_retired_entries_stay_retired_and_keep_their_guid():
    rec = release(TIMEOUT, MEMORY)
    rec = release(MEMORY, record=rec, version="1.1.0")
    [gone] = [e for e in rec.entries if e.retired_in]
    assert (gone.key, gone.retired_in) == (TIMEOUT.key, "1.1.0")
    back = release(MEMORY, TIMEOUT, record=rec, version="1.2.0")  # the sentence comes back
    assert guid(back, TIMEOUT.key) != gone.guid
    retired = [e for e in back.entries if e.retired_in]
    assert [(e.key, e.guid, e.retired_in) for e in retired] == [(f"{TIMEOUT.key}~{gone.guid}", gone.guid, "1.1.0")]


def test_record_round_trips_and_reads_line_by_line(tmp_path):
    rec = release(TIMEOUT, MEMORY)
    text = dump_record(rec)
    assert json.loads(text)["facts"][TIMEOUT.key]["guid"] == guid(rec, TIMEOUT.key)
    assert f'      "guid": {json.dumps(guid(rec, TIMEOUT.key))},' in text.splitlines()
    (tmp_path / RECORD_NAME).write_text(text, encoding="utf-8")
    assert load_record(tmp_path, SLUG) == rec


# ---------------------------------------------------------------- versions, with the real notes


@pytest.fixture(autouse=True)
def pinned_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


def set_version(notes: Path, version: str) -> None:
    path = notes / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^version: .*$", f"version: {version}", text), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MEMORY_LINE = "You allocate memory to your Lambda function (from 128 MB to 10,240 MB).\n"
"""A sentence of notes/08-lambda.md that tests/cases/terms.md makes sure gives a card; the tests delete it."""


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_rebuilding_a_release_is_a_no_op(notes_copy, tmp_path):
    out = tmp_path / "decks"
    first = cut(notes_copy, out)
    assert sorted(p.name for p in out.iterdir()) == ["CHANGELOG.md", "aws-dea-c01-v1.0.0.apkg", RECORD_NAME]
    before = snapshot(out)
    time.sleep(0.01)
    again = cut(notes_copy, out)
    assert "v1.0.0 is already released and unchanged" in again.messages
    after = snapshot(out)
    assert after == before
    assert again.timestamp == first.timestamp == EPOCH
    (out / "aws-dea-c01-v1.0.0.apkg").unlink()  # a deleted release package comes back byte for byte
    cut(notes_copy, out)
    assert (out / "aws-dea-c01-v1.0.0.apkg").read_bytes() == before["aws-dea-c01-v1.0.0.apkg"][0]


def test_a_release_is_immutable(notes_copy, tmp_path):
    out = tmp_path / "decks"
    cut(notes_copy, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    replace_in(notes_copy / "08-lambda.md", "maximum execution timeout", "maximum run time")
    with pytest.raises(BuildError) as err:
        cut(notes_copy, out)
    assert str(err.value.message) == (
        "notes/deck.yaml:3: version 1.0.0 is already released and the notes changed — "
        "bump version (e.g. 1.0.1), or omit it and 'factdeck release' picks the next one")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    result = CliRunner().invoke(main, ["release", "--notes", str(notes_copy), "--out", str(out)])
    assert result.exit_code != 0 and "already released" in result.output and "Traceback" not in result.output
    # a build after the edit is a working deck: it never touches the release
    dev = build(notes_copy, out)
    assert dev.path.name == "aws-dea-c01-dev.apkg"
    assert {p.name: p.read_bytes() for p in out.iterdir() if p != dev.path} == before


def test_a_pre_release_rebuilds_freely_and_writes_no_record(notes_copy, tmp_path):
    out = tmp_path / "decks"
    v1 = cut(notes_copy, out)
    record = (out / RECORD_NAME).read_bytes()
    set_version(notes_copy, "1.1.0-dev")
    replace_in(notes_copy / "08-lambda.md", "maximum execution timeout", "maximum run time")
    dev = build(notes_copy, out)
    assert dev.path.name == "aws-dea-c01-v1.1.0-dev.apkg"
    first_bytes = dev.path.read_bytes()
    assert build(notes_copy, out).path.read_bytes() == first_bytes  # again: same bytes
    replace_in(notes_copy / "08-lambda.md", "maximum run time", "longest run time")
    again = build(notes_copy, out)  # and after another edit
    assert (out / RECORD_NAME).read_bytes() == record
    assert "## v1.1.0" not in (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert {c.guid for c in again.cards} == {c.guid for c in v1.cards}  # the edited card kept its GUID
    assert again.timestamp == EPOCH + 1


def test_same_notes_same_bytes(notes_copy, tmp_path):
    a = cut(notes_copy, tmp_path / "a")
    b = cut(notes_copy, tmp_path / "b")
    assert a.path.read_bytes() == b.path.read_bytes()
    assert (tmp_path / "a" / RECORD_NAME).read_bytes() == (tmp_path / "b" / RECORD_NAME).read_bytes()
    # and a release after edits is reproducible too, retired cards included
    for out in ("a", "b"):
        notes = tmp_path / f"src-{out}" / "notes"  # the folder name is part of every Source field
        notes.mkdir(parents=True)
        for p in notes_copy.iterdir():
            (notes / p.name).write_bytes(p.read_bytes())
        set_version(notes, "1.1.0")
        replace_in(notes / "08-lambda.md", "maximum execution timeout", "maximum run time")
        replace_in(notes / "08-lambda.md", MEMORY_LINE, "")
    a2, b2 = cut(tmp_path / "src-a" / "notes", tmp_path / "a"), cut(tmp_path / "src-b" / "notes", tmp_path / "b")
    assert a2.retired and a2.path.read_bytes() == b2.path.read_bytes()
    assert (tmp_path / "a" / "CHANGELOG.md").read_bytes() == (tmp_path / "b" / "CHANGELOG.md").read_bytes()


def test_changelog_lists_what_a_learner_sees_change(notes_copy, tmp_path):
    out = tmp_path / "decks"
    v1 = cut(notes_copy, out)
    lambda_md = notes_copy / "08-lambda.md"
    replace_in(lambda_md, "maximum execution timeout", "maximum run time")
    replace_in(lambda_md, MEMORY_LINE, "")
    replace_in(lambda_md, "### 9. Storage and State\n",
               "### 9. Storage and State\nEphemeral Storage:\nEach function can use up to 10,240 MB of "
               "ephemeral storage in /tmp.\n\n")
    set_version(notes_copy, "1.1.0")
    v2 = cut(notes_copy, out)
    g1, g2 = {c.guid: c for c in v1.cards}, {c.guid: c for c in v2.cards}
    added = [c for g, c in g2.items() if g not in g1]
    changed = [c for g, c in g2.items() if g in g1 and g1[g].fields[:-1] != c.fields[:-1]]
    retired = [c for g, c in g1.items() if g not in g2]
    assert added and changed and retired
    assert {c.guid for c in v2.retired} == {c.guid for c in retired}

    log = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert log.startswith("# What changed in AWS Certified Data Engineer – Associate (DEA-C01)\n")
    assert log.index("## v1.1.0 (2026-01-01)") < log.index("## v1.0.0 (2026-01-01)")
    assert (f"{len(added)} added, {len(changed)} changed, {len(retired)} retired since v1.0.0; "
            f"{len(v2.cards)} notes in all.") in log
    new_section = log.split("## v1.0.0")[0]
    assert "### Added" in new_section and "### Changed" in new_section and "### Retired" in new_section
    assert all(f"- {c.front_text} — {c.back_text}" in new_section.split("### Added")[1].split("###")[0]
               for c in added)
    assert "maximum run time" in new_section.split("### Changed")[1].split("###")[0]
    assert "You allocate memory to your Lambda function" in new_section.split("### Retired")[1]

    from conftest import import_apkg, open_collection
    col = open_collection(tmp_path / "c.anki2")
    try:
        import_apkg(col, v2.path)
        desc = col.decks.by_name("AWS Certified Data Engineer – Associate (DEA-C01)")["desc"]
    finally:
        col.close()
    assert (f"v1.1.0: {len(added)} added, {len(changed)} changed, {len(retired)} retired since v1.0.0 "
            "(retired cards are tagged aws-dea-c01::retired: delete them).") in desc

    # the next release keeps the older sections below it, and no longer ships the retired cards
    set_version(notes_copy, "1.2.0")
    v3 = cut(notes_copy, out)
    log = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert log.index("## v1.2.0") < log.index("## v1.1.0") < log.index("## v1.0.0")
    assert "0 added, 0 changed, 0 retired since v1.1.0" in log
    assert not v3.retired and v3.timestamp == EPOCH + 2
    releases = json.loads((out / RECORD_NAME).read_text(encoding="utf-8"))["releases"]
    assert list(releases) == ["1.0.0", "1.1.0", "1.2.0"]
    assert [r["timestamp"] for r in releases.values()] == [EPOCH, EPOCH + 1, EPOCH + 2]


def test_timestamp_never_in_the_future(notes_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 86400))
    result = cut(notes_copy, tmp_path)
    assert result.timestamp <= int(time.time())


def test_an_older_release_is_refused(notes_copy, tmp_path):
    set_version(notes_copy, "1.1.0")
    cut(notes_copy, tmp_path)
    set_version(notes_copy, "1.0.5")
    with pytest.raises(BuildError, match=r"notes/deck.yaml:3: version 1.0.5 is older than the last release 1.1.0"):
        cut(notes_copy, tmp_path)


def test_a_lost_record_is_recovered_from_the_released_deck(notes_copy, tmp_path):
    out = tmp_path / "decks"
    cut(notes_copy, out)
    original = load_record(out, "aws-dea-c01")
    (out / RECORD_NAME).unlink()
    again = cut(notes_copy, out)
    assert again.messages[:2] == (f"adopted {out / 'aws-dea-c01-v1.0.0.apkg'} as release 1.0.0 (there was no "
                                  "identity.json; commit the one this build writes)",
                                  "v1.0.0 is already released and unchanged")
    recovered = load_record(out, "aws-dea-c01")
    assert recovered.releases[0].digest == original.releases[0].digest
    assert recovered.releases[0].timestamp == original.releases[0].timestamp

    def identity(r: Record):
        return sorted((e.key, e.guid, e.kind, e.fields, e.tags, e.domain, e.source, e.retired_in) for e in r.entries)
    assert identity(recovered) == identity(original)


def test_a_broken_record_is_reported_not_overwritten(notes_copy, tmp_path):
    (tmp_path / RECORD_NAME).write_text('{"format": 1,\n  "slug": oops}\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"identity\.json:2: not valid JSON"):
        cut(notes_copy, tmp_path)
    assert (tmp_path / RECORD_NAME).read_text(encoding="utf-8").endswith("oops}\n")
    assert not list(tmp_path.glob("*.apkg"))


# ---------------------------------------------------------------- small rewordings, measured

FILLERS = ["also", "really", "usually", "often", "generally", "typically", "indeed", "simply"]
LOWER_WORD = re.compile(r"^[a-z]+$")


def reword(text: str, rng: random.Random) -> str:
    """Insert a filler word between two lowercase words, or swap two of them."""
    words = text.split(" ")
    spots = [i for i in range(1, len(words)) if LOWER_WORD.match(words[i - 1]) and LOWER_WORD.match(words[i])]
    if not spots:
        return text
    i = rng.choice(spots)
    if rng.random() < 0.5:
        words.insert(i, rng.choice(FILLERS))
    else:
        words[i - 1], words[i] = words[i], words[i - 1]
    return " ".join(words)


def reword_notes(folder: Path, seed: int, share: float = 0.6) -> int:
    """Reword ``share`` of the prose lines and one body cell of ``share`` of the table rows."""
    rng = random.Random(seed)
    edits = 0
    for path in sorted(folder.glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        body = lines.index("---", 1) + 1
        for n in range(body, len(lines)):
            s = lines[n].strip()
            if (not s or s.startswith(("#", "<", "```")) or s.endswith(":") or re.fullmatch(r"[|:\- ]+", s)
                    or rng.random() > share):
                continue
            if s.startswith("|"):
                if n + 1 < len(lines) and re.fullmatch(r"[|:\- ]+", lines[n + 1].strip()):
                    continue  # the header row names attributes: that is not rewording
                cells = lines[n].split("|")
                j = rng.randrange(2, len(cells) - 1) if len(cells) > 3 else None  # never the row name
                if j is None:
                    continue
                new = reword(cells[j], rng)
                edits += new != cells[j]
                cells[j] = new
                lines[n] = "|".join(cells)
            else:
                new = reword(lines[n], rng)
                edits += new != lines[n]
                lines[n] = new
        path.write_text("\n".join(lines), encoding="utf-8")
    return edits


def test_small_rewordings_keep_their_cards(notes_copy, tmp_path):
    out = tmp_path / "decks"
    v1 = cut(notes_copy, out)
    edits = reword_notes(notes_copy, seed=2026)
    set_version(notes_copy, "1.1.0")
    v2 = cut(notes_copy, out)
    kept = {c.guid for c in v1.cards} & {c.guid for c in v2.cards}
    rate = len(kept) / len(v1.cards)
    print(f"\n{edits} lines reworded: {len(kept)} of {len(v1.cards)} cards kept their GUID ({rate:.1%}); "
          + next(m for m in v2.messages if m.startswith("identity:")))
    assert edits > 200
    assert rate >= 0.95


def test_a_new_key_scheme_keeps_the_cards(notes_copy, tmp_path):
    """Every key renamed (as a change of the extractor's key format would) plus rewordings: the text carries it."""
    from factdeck import extract
    from factdeck.cards import make_card

    v1 = cut(notes_copy, tmp_path)
    reword_notes(notes_copy, seed=7)
    ex = extract(notes_copy)
    cards = [dataclasses.replace(make_card(ex.config, ex.catalog, n, f), key="v2|" + f.key) for n, f in ex.facts]
    m = match_cards(cards, load_record(tmp_path, "aws-dea-c01"), "aws-dea-c01")
    kept = {c.guid for c in v1.cards} & set(m.guids.values())
    assert len(kept) / len(v1.cards) >= 0.95
    assert list(m.how.values()).count("key") == 0
