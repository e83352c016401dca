"""Work done in forked processes gives what one process gives: the later half of a build's notes
(``parallel.shared_map``), the self-check started ahead (``ahead.AheadCheck``), and the command's fast exit."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factdeck import parallel
from factdeck._data_cache import cached

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")


@linux_only
def test_shared_map_gives_the_results_of_one_process_in_order():
    def slow(where):
        def work(i):
            time.sleep(0.01)
            return where, i * i
        return work

    out = parallel.shared_map(slow("here"), slow("there"), 40)
    assert [v for _, v in out] == [i * i for i in range(40)]
    assert {w for w, _ in out} == {"here", "there"}  # both processes took items


@linux_only
def test_shared_map_does_the_items_here_when_the_other_process_fails():
    def there(i):
        raise ValueError("cannot do it there")

    assert parallel.shared_map(lambda i: i + 1, there, 6) == [1, 2, 3, 4, 5, 6]


@linux_only
def test_shared_map_raises_the_error_of_an_item_here():
    def here(i):
        if i % 2 == 0:
            raise KeyError(i)
        return i

    with pytest.raises(KeyError):
        parallel.shared_map(here, here, 4)


def test_shared_map_of_one_item_or_very_many_forks_nothing():
    assert parallel.shared_map(lambda i: os.getpid(), lambda i: -1, 1) == [os.getpid()]
    assert set(parallel.shared_map(lambda i: os.getpid(), lambda i: -1, 1001)) == {os.getpid()}


AHEAD = r"""
import sys
from pathlib import Path
from factdeck.ahead import AheadCheck
from factdeck.check import check_deck
ahead = AheadCheck.start()
assert ahead is not None, "not started"
assert "anki._backend" not in sys.modules          # Anki loads in the other process only
there = ahead.check(Path(sys.argv[1]))
assert there is not None, "no result"
here = check_deck(Path(sys.argv[1]))
assert (there.notes, there.cards, there.problems) == (here.notes, here.cards, here.problems), (there, here)
idle = AheadCheck.start()                           # Anki is loaded here now: nothing to overlap
assert idle is None
print("ok", there.cards)
"""

SHARE = r"""
import sys, time
from pathlib import Path
from factdeck.ahead import AheadCheck
from factdeck.check import check_deck

def slow(i):
    time.sleep(0.01)
    return ("there", i * i)

ahead = AheadCheck.start(share=slow, items=30)
assert ahead is not None and ahead.sharing
here = {}
for i in ahead.take():
    time.sleep(0.01)
    here[i] = ("here", i * i)
there = ahead.shared()
assert not set(here) & set(there), "an item done twice"
assert sorted([*here, *there]) == list(range(30)), "an item left out"
assert all(v == ("there", i * i) for i, v in there.items())
result = ahead.check(Path(sys.argv[1]))
assert result is not None and result.cards == check_deck(Path(sys.argv[1])).cards
print("ok", len(here), len(there))
"""

UNUSED = r"""
from factdeck.ahead import AheadCheck
ahead = AheadCheck.start()
ahead.close()                                       # a build that failed before writing: no hang, no orphan
ahead.close()
print("closed")
"""


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("FACTDECK_JOBS", None)
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)


@linux_only
def test_the_check_started_ahead_gives_the_result_of_a_check_here(tmp_path):
    released = sorted((ROOT / "decks").glob("*.apkg"))[-1]
    out = _python(AHEAD, str(released))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "ok" and int(out.stdout.split()[1]) > 100


@linux_only
def test_the_check_process_shares_the_items_then_checks():
    released = sorted((ROOT / "decks").glob("*.apkg"))[-1]
    out = _python(SHARE, str(released))
    assert out.returncode == 0, out.stderr
    word, here, there = out.stdout.split()
    assert word == "ok" and int(here) + int(there) == 30


@linux_only
def test_a_check_started_ahead_and_never_used_ends_quietly():
    out = _python(UNUSED)
    assert out.returncode == 0 and out.stdout.strip() == "closed" and not out.stderr


def test_the_command_exits_with_its_status_and_prints_everything(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    bad = subprocess.run([sys.executable, "-m", "factdeck", "build", "--notes", str(tmp_path / "none"),
                          "--out", str(tmp_path / "out")], env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "notes folder not found" in bad.stderr
    notes = tmp_path / "notes"
    shutil.copytree(ROOT / "notes", notes)
    good = subprocess.run([sys.executable, "-m", "factdeck", "build", "--notes", str(notes), "--out",
                           str(tmp_path / "out"), "-q"], env=env, capture_output=True, text=True, timeout=300)
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip().endswith(".apkg") and Path(good.stdout.strip()).exists()


def test_a_data_file_is_loaded_again_when_its_text_changes(monkeypatch, tmp_path):
    import factdeck._data_cache as data_cache

    monkeypatch.setattr(data_cache, "_FOLDER", tmp_path)
    monkeypatch.delenv("FACTDECK_REGEX_CACHE", raising=False)
    calls = []

    def load(text):
        calls.append(text)
        return {"words": text.split()}

    assert cached("t", "a b", load) == {"words": ["a", "b"]}
    assert cached("t", "a b", load) == {"words": ["a", "b"]} and calls == ["a b"]  # the second from the record
    assert cached("t", "a c", load) == {"words": ["a", "c"]} and calls == ["a b", "a c"]
    (tmp_path / f"data.t.{sys.implementation.cache_tag}.marshal").write_bytes(b"damaged")
    assert cached("t", "a c", load) == {"words": ["a", "c"]} and len(calls) == 3
