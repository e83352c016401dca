"""The floor a factdeck build is measured against (scripts/bench.py runs it as a whole process).

    .venv/bin/python scripts/floor.py --notes notes --count 156 --out /tmp/floor.apkg

It does only what no build can skip: import the libraries the build uses (markdown-it-py with the
front-matter plugin, PyYAML, genanki, click), read every note, load its front matter and parse it with
markdown-it, then write a genanki package with ``--count`` notes made of the notes' lines. No extraction,
no identity record, no self-check with Anki.
"""
from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import click  # noqa: F401  (the command line imports it too)
import genanki
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

MODEL = genanki.Model(1607392001, "floor", fields=[{"name": "Front"}, {"name": "Back"}],
                      templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=Path, required=True)
    ap.add_argument("--count", type=int, required=True, help="notes to write (the build's note count)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    yaml.safe_load((args.notes / "deck.yaml").read_text(encoding="utf-8"))
    lines: list[str] = []
    for path in sorted(args.notes.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        tokens = md.parse(text)
        if tokens and tokens[0].type == "front_matter":
            yaml.safe_load(tokens[0].content)
        lines += [t.content for t in tokens if t.type == "inline" and t.content]
    deck = genanki.Deck(2059400001, "floor")
    source = itertools.cycle(lines or ["empty"])
    for i in range(args.count):
        deck.add_note(genanki.Note(model=MODEL, fields=[f"{i}: {next(source)}", next(source)],
                                   guid=genanki.guid_for("floor", i)))
    genanki.Package(deck).write_to_file(str(args.out), timestamp=1767225600)


if __name__ == "__main__":
    main()
