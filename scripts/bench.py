"""Benchmark: how long each stage takes on the notes, and how it grows with the notes.

    .venv/bin/python scripts/bench.py [--notes notes] [--scale 1 2 4 8] [--repeat 5]

Scaling copies every topic file N times (renamed, so each copy is a new topic) and
reports the best of --repeat runs per stage, so growth can be read as linear or not.
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from factdeck.build import extract, settle_ambiguity  # noqa: F401  (stages are timed through extract)
from factdeck.cards import make_card
from factdeck.config import load_config
from factdeck.extract import extract_facts
from factdeck.notes import read_notes
from factdeck.package import build_package, write_deck
from factdeck.parse import parse_note
from factdeck.services import Catalog


def scaled_copy(notes: Path, factor: int, dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(notes / "deck.yaml", dest / "deck.yaml")
    for md in sorted(notes.glob("*.md")):
        for i in range(factor):
            text = md.read_text(encoding="utf-8")
            # a distinct heading per copy keeps every fact distinct (no "repeats the fact" short cut)
            text = text.replace("\n# ", f"\n# Copy {i} ", 1) if i else text
            (dest / f"{md.stem}-{i}.md").write_text(text, encoding="utf-8")
    return dest


def time_stages(notes: Path, out: Path) -> dict[str, float]:
    t = {}
    t0 = time.perf_counter()
    config = load_config(notes, notes.name)
    notes_list = read_notes(notes, notes.name, config)
    catalog = Catalog(config)
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = [(n, parse_note(n)) for n in notes_list]
    t["parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    extracted = [(n, extract_facts(n, blocks, catalog)) for n, blocks in parsed]
    t["extract"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cards = [make_card(config, n, f) for n, ex in extracted for f in ex.facts]
    t["cards"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_deck(build_package(config, cards, "bench"), out / "bench.apkg", 1767225600)
    t["package"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract(notes)
    t["extract() incl. ambiguity"] = time.perf_counter() - t0
    t["cards_made"] = len(cards)
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=Path, default=Path("notes"))
    ap.add_argument("--scale", type=int, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"{'scale':>5} {'cards':>6} " + " ".join(f"{k:>9}" for k in ("read", "parse", "extract", "cards", "package"))
              + "   total (ms, best of %d)" % args.repeat)
        for factor in args.scale:
            notes = args.notes if factor == 1 else scaled_copy(args.notes, factor, tmp / f"notes{factor}")
            runs = [time_stages(notes, tmp) for _ in range(args.repeat)]
            best = {k: min(r[k] for r in runs) for k in runs[0] if k != "cards_made"}
            total = sum(best[k] for k in ("read", "parse", "extract", "cards", "package"))
            print(f"{factor:>5} {runs[0]['cards_made']:>6} "
                  + " ".join(f"{best[k] * 1000:>9.1f}" for k in ("read", "parse", "extract", "cards", "package"))
                  + f"   {total * 1000:.1f}")


if __name__ == "__main__":
    main()
