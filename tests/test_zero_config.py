"""Anyone's notes in one command: no deck.yaml, no front matter, subdecks from folders or headings, services
tagged from the built-in catalog — checked in a real Anki collection."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import import_apkg, open_collection
from factdeck import build
from factdeck.cli import main
from factdeck.services import Catalog
from factdeck.config import DeckConfig


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def decks_of(apkg: Path, tmp: Path) -> dict[str, int]:
    col = open_collection(tmp / "c.anki2")
    try:
        import_apkg(col, apkg)
        return {d.name: col.decks.card_count(d.id, include_subdecks=False) for d in col.decks.all_names_and_ids()
                if col.decks.card_count(d.id, include_subdecks=False)}
    finally:
        col.close()


def test_nested_folders_become_subdecks_and_services_are_tagged(tmp_path):
    notes = write(tmp_path / "aws-notes", {
        "storage/s3.md": "# S3\n\n- Amazon S3 objects can be at most 5 TB in size.\n",
        "storage/glacier/deep.markdown": "---\nlayout: post\ndate: 2024-01-02\ntags: aws storage/archive\n---\n"
                                         "# Deep Archive\n\nS3 Glacier Deep Archive retrieval takes up to 12 hours.\n",
        "messaging/sqs.md": "# Queues\n\nAn Opensearch cluster aside, an sqs queue keeps messages up to 14 days.\n",
    })
    result = build(notes, tmp_path / "out")
    assert result.path.name == "aws-notes-dev.apkg"
    assert [d.name for d in result.config.domains] == ["Messaging", "Storage", "Storage::Glacier"]
    decks = decks_of(result.path, tmp_path)
    assert decks == {"Aws notes::Messaging": 1, "Aws notes::Storage": 1, "Aws notes::Storage::Glacier": 1}
    tags = {t for c in result.cards for t in c.tags}
    assert "aws-notes::service::s3::s3-glacier-deep-archive" in tags
    assert "aws-notes::service::sqs" in tags
    assert {"storage::archive", "aws"} <= tags  # the front matter's tags, nested with ::


def test_a_single_file_guide_is_split_by_its_top_headings(tmp_path):
    notes = write(tmp_path / "guide", {"guide.md": (
        "# My exam guide\n\n## Compute\n\nAWS Lambda functions run for at most 15 minutes.\n\n"
        "## Storage\n\nAmazon S3 objects can be at most 5 TB in size.\n\n"
        "## Messaging\n\nAmazon SQS keeps messages for up to 14 days.\n")})
    result = build(notes, tmp_path / "out")
    assert [d.name for d in result.config.domains] == ["Compute", "Storage", "Messaging"]
    assert decks_of(result.path, tmp_path) == {"Guide::Compute": 1, "Guide::Storage": 1, "Guide::Messaging": 1}


def test_headings_that_name_exam_domains_become_the_subdecks(tmp_path):
    notes = write(tmp_path / "dea", {"study.md": (
        "# Study guide\n\n## Domain 1: Data Ingestion (34%)\n\nAmazon Kinesis Data Streams keeps data up to 365 days.\n\n"
        "## Domain 2: Data Store Management (26%)\n\nAmazon S3 objects can be at most 5 TB in size.\n")})
    result = build(notes, tmp_path / "out")
    assert [(d.id, d.name, d.weight) for d in result.config.domains] == [
        (1, "Data Ingestion", 34), (2, "Data Store Management", 26)]
    assert decks_of(result.path, tmp_path) == {"Dea::1. Data Ingestion": 1, "Dea::2. Data Store Management": 1}


def test_a_file_spans_deck_yaml_domains_by_its_headings(tmp_path):
    notes = write(tmp_path / "n", {
        "deck.yaml": "name: Exam\ndomains:\n  - {id: 1, name: Ingestion}\n  - {id: 2, name: Storage}\n",
        "all.md": "---\ndomain: 1\n---\n# All\n\nAWS Lambda functions run for at most 15 minutes.\n\n"
                  "## Domain 2\n\nAmazon S3 objects can be at most 5 TB in size.\n\n"
                  "# Back to ingestion\n\nAmazon SQS keeps messages for up to 14 days.\n"})
    result = build(notes, tmp_path / "out")
    by_text = {c.back_text: c.domain for c in result.cards}
    assert by_text == {"15 minutes": 1, "5 TB": 2, "14 days": 1}


def test_unknown_product_names_are_listed_with_their_place(tmp_path):
    notes = write(tmp_path / "n", {"a.md": "# A\n\nAmazon Frobnicator Pro holds up to 5 GB per widget.\n"})
    result = CliRunner().invoke(main, ["build", "--notes", str(notes), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "Amazon Frobnicator Pro ×1 (n/a.md:3)" in result.output


def test_the_catalog_matches_any_spelling_but_not_ordinary_words():
    catalog = Catalog(DeckConfig("d", "d", "", "", (), (), "d"))
    found = lambda text: [m.service.id for m in catalog.mentions(text)]  # noqa: E731
    assert found("Opensearch, open search and Amazon OpenSearch Service") == ["opensearch"] * 3
    assert found("AWS Kinesis Data Streams (KDS) and kinesis data stream") == ["kinesis-data-streams"] * 3
    assert found("a batch job reads the config file as a backup") == []
    assert found("AWS Batch and AWS Config") == ["batch", "config"]


def test_worker_processes_build_the_same_deck(notes_copy, tmp_path, monkeypatch):
    """Large notes are extracted by forked workers: the deck, its warnings and skips are those of one process."""
    import shutil

    from factdeck import parallel

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    picture = next(iter(sorted(notes_copy.glob("*.md"))))
    picture.write_text(picture.read_text(encoding="utf-8") + "\n\n![diagram](missing.png)\n", encoding="utf-8")
    results = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("FACTDECK_JOBS", jobs)
        assert parallel.jobs(False, 30) == int(jobs)
        out = tmp_path / f"out-{jobs}"
        result = build(notes_copy, out)
        results[jobs] = (result.path.read_bytes(), result.warnings, [(s.where, s.reason) for s in result.skipped])
        shutil.rmtree(out)
    assert results["1"] == results["2"]
    assert any("missing.png" in w for w in results["2"][1])


def test_an_error_in_a_worker_is_raised_as_in_one_process(monkeypatch):
    from factdeck import parallel

    monkeypatch.setenv("FACTDECK_JOBS", "2")

    def work(i: int) -> int:
        if i == 5:
            raise KeyError("item five")
        return i * i

    assert list(parallel.ordered_map(lambda i: i * i, 40, parallel.jobs(True, 40))) == [i * i for i in range(40)]
    seen = []
    try:
        for value in parallel.ordered_map(work, 40, 2):
            seen.append(value)
    except KeyError as exc:
        assert exc.args == ("item five",)
    assert seen == [0, 1, 4, 9, 16]
