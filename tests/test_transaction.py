"""A release is one atomic step; nothing a user does gives a traceback or loses a release.

Each test breaks one thing a user can do and checks three promises: a clean `path: what — how to fix`
message with a documented exit code, no traceback, and the output folder byte for byte as it was.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdeck.cli import main
from factdeck.output import JOURNAL, OutputFolder

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.iterdir())} \
        if folder.exists() else {}


@pytest.fixture
def small_notes(tmp_path) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lambda.md").write_text(
        "# AWS Lambda\n\nLambda functions can run for at most 15 minutes.\n\n"
        "The /tmp directory holds up to 10 GB of ephemeral storage.\n", encoding="utf-8")
    (notes / "sqs.md").write_text(
        "# Amazon SQS\n\nA message can be retained for up to 14 days.\n\n| A | B |\n|---|---|\n| x | 1 GB | 2 |\n",
        encoding="utf-8")
    return notes


def released(notes: Path, out: Path) -> dict[str, bytes]:
    result = run("release", "--notes", str(notes), "--out", str(out))
    assert result.exit_code == 0, result.output
    return snapshot(out)


def test_strict_release_with_lint_fails_before_writing(small_notes, tmp_path):
    out = tmp_path / "decks"
    result = run("release", "--notes", str(small_notes), "--out", str(out), "--strict")
    assert result.exit_code == 1, result.output
    assert "this row has 3 cells but the header has 2" in result.output
    assert "--strict is set; nothing was written" in result.output
    assert snapshot(out) == {}
    quiet = run("release", "--notes", str(small_notes), "--out", str(out), "--strict", "-q")
    assert quiet.exit_code == 1 and snapshot(out) == {}


def test_report_into_a_missing_folder_is_created(small_notes, tmp_path):
    report = tmp_path / "reports" / "deep" / "skipped.tsv"
    result = run("build", "--notes", str(small_notes), "--out", str(tmp_path / "o"), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert report.read_text(encoding="utf-8").count("\t") >= 2


def test_unwritable_report_fails_before_the_release(small_notes, tmp_path):
    out = tmp_path / "decks"
    before = released(small_notes, out)
    (small_notes / "lambda.md").write_text("# AWS Lambda\n\nLambda can run for at most 900 seconds.\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("release", "--notes", str(small_notes), "--out", str(out), "--report", str(blocker / "r.tsv"))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "r.tsv" in result.output
    assert snapshot(out) == before


def test_a_held_lock_refuses_cleanly(small_notes, tmp_path):
    out = tmp_path / "decks"
    before = released(small_notes, out)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(out)!r}, os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True); time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        from factdeck.errors import BuildError
        with pytest.raises(BuildError, match="another factdeck build has been writing to this folder"):
            with OutputFolder(out, wait=0.3):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert snapshot(out) == before


def test_two_releases_at_once_are_both_recorded_or_one_refused(small_notes, tmp_path):
    out = tmp_path / "decks"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    cmd = [sys.executable, "-m", "factdeck", "release", "--notes", str(small_notes), "--out", str(out), "-q"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert all("Traceback" not in err for _, err, _ in results)
    assert [rc for *_, rc in results] == [0, 0]  # the second waits, then finds the release done and unchanged
    record = json.loads((out / "identity.json").read_text(encoding="utf-8"))
    assert list(record["releases"]) == ["0.1.0"]
    assert (out / "CHANGELOG.md").read_text(encoding="utf-8").count("## v0.1.0") == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_commit_killed_between_renames_is_finished_by_the_next_build(tmp_path):
    out = tmp_path / "decks"
    out.mkdir()
    (out / "a.txt").write_text("old a", encoding="utf-8")
    (out / "b.txt").write_text("old b", encoding="utf-8")
    with OutputFolder(out) as folder:
        ta = folder.stage_text("a.txt", "new a")
        tb = folder.stage_text("b.txt", "new b")
        # what commit() does, up to a kill after the first rename
        (out / JOURNAL).write_text(json.dumps([[ta.name, "a.txt"], [tb.name, "b.txt"]]), encoding="utf-8")
        os.replace(ta, out / "a.txt")
        folder._temps.clear()  # the killed process removes nothing
        folder._staged.clear()
    assert (out / "a.txt").read_text() == "new a" and (out / "b.txt").read_text() == "old b"
    with OutputFolder(out) as again:
        assert again.recovered == ["b.txt"]
    assert (out / "b.txt").read_text() == "new b"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]


def test_temporaries_of_a_dead_build_are_swept_and_tmpdir_stays_clean(small_notes, tmp_path):
    out = tmp_path / "decks"
    out.mkdir()
    (out / ".factdeck-dead123.apkg").write_bytes(b"half a deck")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    done = subprocess.run([sys.executable, "-m", "factdeck", "build", "--notes", str(small_notes), "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == [next(out.glob("*-dev.apkg")).name]
    assert list(tmpdir.iterdir()) == []


@pytest.mark.parametrize("front_matter, expect", [
    ("title: {en: Lambda}\n", "warning: title must be text"),
    ("tags: [[a, b], {c: d}]\ntitle: x\n", "0 warnings"),
    ("1: one\ntitle: two\n", "front matter keys factdeck does not use were ignored: 1 (1)"),
    ("title: [unclosed\n", "warning: front matter is not valid YAML"),
])
def test_odd_front_matter_never_stops_a_build(tmp_path, front_matter, expect):
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / "a.md").write_text(f"---\n{front_matter}---\n# Lambda\n\nLambda runs for at most 15 minutes.\n",
                                encoding="utf-8")
    result = run("build", "--notes", str(notes), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert expect in result.output


def test_a_bom_does_not_hide_front_matter(tmp_path):
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / "a.md").write_bytes("\ufeff---\ntitle: Queues\nlayout: post\n---\nSQS keeps messages up to 14 days.\n"
                                 .encode("utf-8"))
    result = run("build", "--notes", str(notes), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert "ignored: layout (1)" in result.output


@pytest.mark.parametrize("damage, expect", [
    (lambda r: r["facts"][next(iter(r["facts"]))].update(guid=7), "guid has the wrong type"),
    (lambda r: r["releases"]["0.1.0"].update(timestamp="soon"), "timestamp has the wrong type"),
    (lambda r: r["releases"].update({"one": r["releases"].pop("0.1.0")}), "'one' is not a semantic version"),
    (lambda r: r.update(facts=[]), "'facts' and 'releases' must be objects"),
])
def test_a_damaged_record_is_a_clean_error(small_notes, tmp_path, damage, expect):
    out = tmp_path / "decks"
    released(small_notes, out)
    record = json.loads((out / "identity.json").read_text(encoding="utf-8"))
    damage(record)
    (out / "identity.json").write_text(json.dumps(record), encoding="utf-8")
    before = snapshot(out)
    for command in ("build", "release"):
        result = run(command, "--notes", str(small_notes), "--out", str(out))
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert "identity.json" in result.output and expect in result.output
    assert snapshot(out) == before


@pytest.mark.parametrize("make, expect", [
    (lambda out: out.write_text("a file", encoding="utf-8"), "--out is a file"),
    (lambda out: out.symlink_to(out.parent / "missing"), "--out is a link to a folder that does not exist"),
])
def test_unusable_output_folders(small_notes, tmp_path, make, expect):
    out = tmp_path / "decks"
    make(out)
    result = run("build", "--notes", str(small_notes), "--out", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert expect in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder(small_notes, tmp_path):
    out = tmp_path / "decks"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = run("build", "--notes", str(small_notes), "--out", str(out))
    finally:
        out.chmod(0o700)
    assert result.exit_code == 2 and "not writable" in result.output


@pytest.mark.parametrize("make, expect", [
    (lambda p: p.mkdir(), "CHANGELOG.md is a folder"),
    (lambda p: p.write_bytes(b"# What changed\n\xff\xfe\n"), "CHANGELOG.md is not UTF-8 text"),
])
def test_a_broken_changelog_stops_the_release_cleanly(small_notes, tmp_path, make, expect):
    out = tmp_path / "decks"
    released(small_notes, out)
    (out / "CHANGELOG.md").unlink()
    make(out / "CHANGELOG.md")
    (small_notes / "lambda.md").write_text("# AWS Lambda\n\nLambda can run for at most 900 seconds.\n", encoding="utf-8")
    before = snapshot(out)
    result = run("release", "--notes", str(small_notes), "--out", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert expect in result.output
    assert snapshot(out) == before


def test_duplicated_and_odd_keys_in_deck_yaml(small_notes, tmp_path):
    (small_notes / "deck.yaml").write_text("name: A\nname: B\n", encoding="utf-8")
    result = run("build", "--notes", str(small_notes), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "deck.yaml:2: not valid YAML: key 'name' is given twice (first on line 1)" \
        in result.output
    (small_notes / "deck.yaml").write_text("name: A\n2: two\ndescription: <b>bold</b> & more\n", encoding="utf-8")
    result = run("build", "--notes", str(small_notes), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "unknown key 2" in result.output and "Traceback" not in result.output


def test_a_description_is_escaped(small_notes, tmp_path):
    (small_notes / "deck.yaml").write_text('description: "<script>x</script> & <b>"\n', encoding="utf-8")
    result = run("build", "--notes", str(small_notes), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    import sqlite3
    import zipfile
    with zipfile.ZipFile(next((tmp_path / "o").glob("*-dev.apkg"))) as z:
        (tmp_path / "c.db").write_bytes(z.read("collection.anki2"))
    decks = sqlite3.connect(tmp_path / "c.db").execute("select decks from col").fetchone()[0]
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &lt;b&gt;" in json.loads(decks).popitem()[1]["desc"] or \
        any("&lt;script&gt;" in d["desc"] for d in json.loads(decks).values())
    assert not any("<script>" in d["desc"] for d in json.loads(decks).values())


def test_an_edited_note_rebuilds_with_no_version_change(small_notes, tmp_path):
    out = tmp_path / "decks"
    released(small_notes, out)
    (small_notes / "lambda.md").write_text("# AWS Lambda\n\nLambda can run for at most 900 seconds.\n", encoding="utf-8")
    for _ in range(2):
        result = run("build", "--notes", str(small_notes), "--out", str(out))
        assert result.exit_code == 0, result.output
    assert len(list(out.glob("*-dev.apkg"))) == 1
    assert json.loads((out / "identity.json").read_text(encoding="utf-8"))["releases"].keys() == {"0.1.0"}
    nxt = run("release", "--notes", str(small_notes), "--out", str(out))
    assert nxt.exit_code == 0 and len(list(out.glob("*-v0.2.0.apkg"))) == 1, nxt.output
