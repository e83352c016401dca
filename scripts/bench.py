"""Benchmark the real ``factdeck build``: whole process, every stage, against a floor.

    .venv/bin/python scripts/bench.py [--mb 3.1 | --copies N] [--repeat 3] [--big-repeat 1] [--no-stages] [--jobs N]

Three inputs, each built by ``python -m factdeck build`` as a process of its own (imports, extraction,
identity matching, packaging and the self-check with Anki's renderer all included; large inputs are
extracted and checked by worker processes, one per core, unless ``--jobs 1``):

a. the committed notes;
b. a corpus of about ``--mb`` MB made of distinct copies of the notes: every copy renames its topic
   titles and headings, perturbs every number, inserts a copy-specific word in each prose line and
   changes every table cell, so the build's dedup does not collapse the copies (own deck.yaml, temp dir);
c. a rebuild of (b) after rewording every line lightly (a filler word inserted or two words swapped),
   against the release record (b) wrote: every changed card goes through identity matching.

For each it prints the wall time, the CPU time of the build and its workers and the peak memory of the
largest of those processes (``os.wait4`` rusage), the time of the **floor** (``scripts/floor.py``, also a whole process: import the same libraries, parse the same
notes with markdown-it, write a genanki package with as many notes) and the ratio. A second table times
the stages in-process by calling the library functions the build calls (build.py has no timing hooks).
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"

# ---------------------------------------------------------------- inputs

SYLLABLES = ["ka", "lo", "mi", "ru", "ten", "vor", "zan", "pel", "quo", "dir", "sab", "nek", "tul", "fa", "gro", "wim"]
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?![\w])")
TWO_LOWER = re.compile(r"\b([a-z]{3,}) ([a-z]{2,})\b")
SEPARATOR_ROW = re.compile(r"[|:\- ]+")


def codeword(copy: int) -> str:
    """A made-up word, different for every copy (never a service name or an English word)."""
    rng = random.Random(copy)
    return "".join(rng.choice(SYLLABLES) for _ in range(3)) + str(copy)


def distinct_copy(text: str, copy: int) -> str:
    """The note rewritten so that every fact of it differs from the same fact of every other copy."""
    word = codeword(copy)

    def number(m: re.Match) -> str:
        value = int(m.group(1).replace(",", "")) + copy
        return f"{value:,}" if "," in m.group(1) else str(value)

    lines = text.split("\n")
    body = lines.index("---", 1) + 1
    out = []
    for n, line in enumerate(lines):
        s = line.strip()
        if n < body:
            if line.startswith("title:"):
                line = line[:-1] + f' ({word})"' if line.endswith('"') else f"{line} ({word})"
        elif s.startswith("#"):
            line = f"{line} {word.capitalize()}"
        elif s.startswith("|") and not SEPARATOR_ROW.fullmatch(s):
            cells = line.split("|")
            for j in range(2, len(cells) - 1):  # never the row name
                if cells[j].strip():
                    changed = NUMBER.sub(number, cells[j])
                    cells[j] = changed if changed != cells[j] else cells[j].rstrip() + f" {word} "
            line = "|".join(cells)
        elif s and not s.startswith(("<", "```")):
            line = TWO_LOWER.sub(lambda m: f"{m.group(1)} {word} {m.group(2)}", NUMBER.sub(number, line), count=1)
        out.append(line)
    return "\n".join(out)


def make_corpus(notes: Path, copies: int, dest: Path) -> Path:
    """``copies`` distinct copies of every note (copy 0 is the note itself), with the notes' deck.yaml."""
    dest.mkdir(parents=True)
    shutil.copy(notes / "deck.yaml", dest / "deck.yaml")
    for md in sorted(notes.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        for i in range(copies):
            (dest / f"{md.stem}-{i:03d}.md").write_text(text if i == 0 else distinct_copy(text, i), encoding="utf-8")
    return dest


FILLERS = ["also", "really", "usually", "often", "generally", "typically", "indeed", "simply"]
LOWER_WORD = re.compile(r"^[a-z]+$")


def reword(text: str, rng: random.Random) -> str:
    """Insert a filler word between two lowercase words, or swap two of them (as tests/test_identity.py)."""
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


def reword_everything(folder: Path, seed: int = 2026) -> int:
    """Reword every prose line and one body cell of every table row; the version becomes 1.1.0."""
    rng = random.Random(seed)
    edits = 0
    for path in sorted(folder.glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for n in range(lines.index("---", 1) + 1, len(lines)):
            s = lines[n].strip()
            if not s or s.startswith(("#", "<", "```")) or s.endswith(":") or SEPARATOR_ROW.fullmatch(s):
                continue
            if s.startswith("|"):
                cells = lines[n].split("|")
                header = n + 1 < len(lines) and SEPARATOR_ROW.fullmatch(lines[n + 1].strip())
                if header or len(cells) <= 3:
                    continue
                j = rng.randrange(2, len(cells) - 1)
                new = reword(cells[j], rng)
                edits += new != cells[j]
                cells[j] = new
                lines[n] = "|".join(cells)
            else:
                new = reword(lines[n], rng)
                edits += new != lines[n]
                lines[n] = new
        path.write_text("\n".join(lines), encoding="utf-8")
    deck = folder / "deck.yaml"
    deck.write_text(re.sub(r"(?m)^version: .*$", "version: 1.1.0", deck.read_text(encoding="utf-8")), encoding="utf-8")
    return edits


def size_mb(notes: Path) -> float:
    return sum(p.stat().st_size for p in notes.glob("*.md")) / 1e6


# ---------------------------------------------------------------- whole processes


def environment() -> dict[str, str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return env


def run(args: list[str], scratch: Path) -> tuple[float, float, str, float]:
    """Run ``python args…`` as its own process: (wall seconds, peak resident MB, stdout+stderr, CPU seconds)."""
    out = scratch / "process-output.txt"
    with out.open("wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], stdout=sink, stderr=subprocess.STDOUT, env=environment())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = out.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{text}")
    return seconds, usage.ru_maxrss / 1024, text, usage.ru_utime + usage.ru_stime


def build_process(notes: Path, out: Path, scratch: Path, command: str = "build") -> tuple[float, float, str, float]:
    return run(["-m", "factdeck", command, "--notes", str(notes), "--out", str(out)], scratch)


def floor_process(notes: Path, count: int, scratch: Path) -> float:
    seconds, *_ = run([str(ROOT / "scripts" / "floor.py"), "--notes", str(notes), "--count", str(count),
                         "--out", str(scratch / "floor.apkg")], scratch)
    return seconds


def best(runs: list[tuple[float, float, str, float]]) -> tuple[float, float, str, float]:
    return min(runs, key=lambda r: r[0])


# ---------------------------------------------------------------- stages, in-process


class Stages:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


STAGES = ["read", "parse", "extract", "settle", "cards", "identity", "package", "write", "render", "check"]


def time_stages(notes: Path, out: Path, scratch: Path) -> dict[str, float]:
    """The build's stages, one library call at a time, as build.build() makes them (written to ``scratch``)."""
    from factdeck.build import deck_description, source_date, version_location
    from factdeck.cards import make_card
    from factdeck.check import check_rendered
    from factdeck.config import load_config
    from factdeck.extract import extract_facts
    from factdeck.extract.filters import filter_facts
    from factdeck.identity import RECORD_NAME, adopt_released_deck, load_record, plan_build
    from factdeck.notes import read_notes
    from factdeck.package import build_package, write_package
    from factdeck.parse import parse_note
    from factdeck.render import render_deck
    from factdeck.services import Catalog
    from factdeck.settle import drop_domain_weights, settle_ambiguity, unique_keys

    t = Stages()
    shown = notes.resolve().name
    with t("read"):
        config = load_config(notes, shown)
        note_list, config, _ = read_notes(notes, shown, config)
        catalog = Catalog(config)
    with t("parse"):
        parsed = [(n, parse_note(n)) for n in note_list]
    with t("extract"):
        facts = [(n, f) for n, blocks in parsed for f in filter_facts(list(extract_facts(n, blocks, catalog).facts))[0]]
    with t("settle"):
        facts, _ = drop_domain_weights(facts, config)
        facts, _ = settle_ambiguity(facts)
        facts = unique_keys(facts)
    with t("cards"):
        cards = [make_card(config, catalog, n, f) for n, f in facts]
    with t("identity"):
        record = load_record(out, config.slug)
        if not (out / RECORD_NAME).exists():
            record, _ = adopt_released_deck(out, config.slug, [c.key for c in cards])
        plan = plan_build(config, record, cards, version=config.version, release=False,
                          source_date=source_date(notes), now=int(time.time()),
                          version_at=version_location(notes, config))
    with t("package"):
        description = deck_description(config, list(plan.cards), plan.summary, len(plan.retired))
        package = build_package(config, [*plan.cards, *plan.retired], description)
    path = scratch / "stages.apkg"
    with t("write"):
        write_package(package, path, plan.timestamp)
    with t("render"):
        deck = render_deck(path)
    with t("check"):
        problems = check_rendered(deck)
    if problems:
        raise SystemExit(f"the self-check found {len(problems)} problems in {notes}")
    return t.seconds


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=Path, default=ROOT / "notes")
    ap.add_argument("--mb", type=float, default=3.1, help="size of the distinct corpus (b), in MB of Markdown")
    ap.add_argument("--copies", type=int, default=0, help="copies of the notes in (b) (overrides --mb)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of (a) and its floor; the best is shown")
    ap.add_argument("--big-repeat", type=int, default=1, help="runs of (b), (c) and their floor")
    ap.add_argument("--no-stages", action="store_true", help="skip the in-process stage table")
    ap.add_argument("--keep", type=Path, default=None, help="keep the inputs and outputs in this folder")
    ap.add_argument("--jobs", type=int, default=0,
                    help="worker processes of the builds (FACTDECK_JOBS; 1: none; default: the build decides)")
    args = ap.parse_args()
    if args.jobs:
        os.environ["FACTDECK_JOBS"] = str(args.jobs)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # the in-process stages use it as the build does
    sys.path.insert(0, str(ROOT / "src"))

    notes = args.notes.resolve()
    copies = args.copies or max(1, math.ceil(args.mb / size_mb(notes)))
    tmp = Path(tempfile.mkdtemp(prefix="factdeck-bench-")) if args.keep is None else args.keep.resolve()
    tmp.mkdir(parents=True, exist_ok=True)
    scratch = tmp / "scratch"
    scratch.mkdir(exist_ok=True)
    try:
        corpus = make_corpus(notes, copies, tmp / "corpus")
        rows = []

        def fresh(name: str) -> Path:
            shutil.rmtree(tmp / name, ignore_errors=True)
            return tmp / name

        def notes_of(output: str) -> tuple[int, int]:
            m = re.search(r"(\d+) cards from (\d+) notes", output)
            return (int(m.group(1)), int(m.group(2))) if m else (0, 0)

        # (a) the committed notes
        a = best([build_process(notes, fresh("out-a"), scratch) for _ in range(args.repeat)])
        cards, count = notes_of(a[2])
        floor = min(floor_process(notes, count, scratch) for _ in range(args.repeat))
        rows.append(("a  notes", size_mb(notes), count, cards, a, floor, ""))

        # (b) distinct copies, released as 1.0.0
        b = best([build_process(corpus, fresh("out-b"), scratch, "release") for _ in range(args.big_repeat)])
        cards, count = notes_of(b[2])
        floor_b = min(floor_process(corpus, count, scratch) for _ in range(args.big_repeat))
        rows.append((f"b  {copies} distinct copies", size_mb(corpus), count, cards, b, floor_b, ""))

        # (c) everything reworded, rebuilt against (b)'s release record
        reworded = tmp / "reworded"
        shutil.rmtree(reworded, ignore_errors=True)
        shutil.copytree(corpus, reworded)
        edits = reword_everything(reworded)
        runs = []
        for _ in range(args.big_repeat):
            out = fresh("out-c")
            shutil.copytree(tmp / "out-b", out)
            runs.append(build_process(reworded, out, scratch))
        c = best(runs)
        cards, count = notes_of(c[2])
        identity = next((line for line in c[2].splitlines() if line.startswith("identity:")), "")
        rows.append((f"c  b reworded ({edits} lines)", size_mb(reworded), count, cards, c, floor_b, identity))

        print(f"whole process: python -m factdeck build (self-check included); best of {args.repeat} for (a), "
              f"{args.big_repeat} for (b) and (c); cores {len(os.sched_getaffinity(0))}, "
              f"FACTDECK_JOBS {os.environ.get('FACTDECK_JOBS') or 'unset'}"
              + ("; no bytecode cache (PYTHONDONTWRITEBYTECODE): factdeck's modules compile at every start"
                 if sys.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE") else ""))
        print(f"{'input':<32} {'MB':>5} {'notes':>6} {'cards':>6} {'build s':>8} {'cpu s':>6} {'peak MB':>8} "
              f"{'floor s':>8} {'× floor':>8}")
        for name, mb, count, cards, (seconds, peak, _, cpu), floor_s, note in rows:
            print(f"{name:<32} {mb:>5.2f} {count:>6} {cards:>6} {seconds:>8.2f} {cpu:>6.2f} {peak:>8.0f} {floor_s:>8.2f} "
                  f"{seconds / floor_s:>7.1f}×" + (f"   {note}" if note else ""))
        startup = {what: min(run(["-c", code], scratch)[0] for _ in range(args.repeat))
                   for what, code in (("python", "pass"), ("import factdeck.cli", "import factdeck.cli"),
                                      ("+ anki backend", "import factdeck.cli, anki._backend"),
                                      ("floor imports", "import click, genanki, yaml, markdown_it, "
                                                        "mdit_py_plugins.front_matter"))}
        print("start-up (whole process, s): " + ", ".join(f"{k} {v:.2f}" for k, v in startup.items()))

        if not args.no_stages:
            print("\nin-process stages (s), the library calls build() makes, one run each")
            print(f"{'input':<32} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'total':>8}")
            time_stages(notes, fresh("stages-warm-up"), scratch)  # first use imports anki and warms caches
            for name, folder, out in (("a  notes", notes, fresh("stages-a")), ("b  distinct copies", corpus,
                                                                               fresh("stages-b")),
                                      ("c  b reworded", reworded, tmp / "out-b")):
                out.mkdir(exist_ok=True)
                t = time_stages(folder, out, scratch)
                print(f"{name:<32} " + " ".join(f"{t.get(s, 0):>8.2f}" for s in STAGES) + f" {sum(t.values()):>8.2f}")
            print(f"bench process peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
