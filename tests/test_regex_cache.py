"""The record of compiled patterns (factdeck/_regex_cache.py) gives the very patterns ``re`` compiles."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

PROBE = r"""
import re, sys
import factdeck
from factdeck.extract import walker
from re import _compiler
hook = _compiler.compile
patterns = [(v.pattern, v.flags) for v in vars(walker).values() if isinstance(v, re.Pattern)]
patterns.append(("(?P<word>[a-z]+)\\s+(?P=word)|\\bk\\b", re.I))
if not hasattr(hook, "original"):
    print("off", len(patterns), True)
    sys.exit()
same = all(hook(p, f) == hook.original(p, f) for p, f in patterns)
print(len(hook.known), len(patterns), same)
"""


def _run(record: Path, setting: str | None = None) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "FACTDECK_REGEX_CACHE": setting or str(record)}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_a_second_run_takes_its_patterns_from_the_record_and_they_are_the_same(tmp_path):
    record = tmp_path / "regex.marshal"
    known, count, same = _run(record)
    assert known == "0" and same == "True" and int(count) > 40
    assert record.exists()
    known, _, same = _run(record)
    assert int(known) > int(count) and same == "True"


def test_a_damaged_or_foreign_record_only_means_compiling_as_usual(tmp_path):
    record = tmp_path / "regex.marshal"
    record.write_bytes(b"not a record")
    known, _, same = _run(record)
    assert known == "0" and same == "True"
    assert _run(record)[0] != "0"  # rewritten
    assert _run(record, setting="0")[0] == "off"
