"""Notes the extractor was never tuned on must not crash it: random mixes of real-world Markdown shapes."""
from __future__ import annotations

import random

import pytest

from factdeck.cards import make_card
from factdeck.config import load_config
from factdeck.extract import extract_facts
from factdeck.model import Note
from factdeck.parse import parse_note
from factdeck.services import Catalog
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "notes", "notes")
CATALOG = Catalog(CONFIG)

FRAGMENTS = [
    "# {t}\n", "## {t}\n", "### 1. {t}\n", "##### {t}\n", "#\n", "##   \n",
    "{t}:\n{s}\n", "{t}: {s}\n", "**{t}** — {s}\n", "- {t}: {s}\n", "* {s}\n  * nested {s}\n", "1. {t}\n2. {s}\n",
    "{s} {s}\n", "    indented {s}\n", "```\ncode {s}\n```\n", "> **Tip:** {s}\n", "<details>{s}</details>\n",
    "| a | b |\n|---|---|\n| {t} | {s} |\n", "|  | {t} | Amazon SQS FIFO |\n|--|--|--|\n| **x** | Yes | No |\n",
    "| {t} |\n|---|\n| {s} |\n", "| a | b | c |\n|---|---|---|\n| only one |\n| 1 | 2 | 3 | 4 | 5 |\n",
    "<table><tr><th></th><th>{t}</th></tr><tr><td>x<br>- y</td><td>{s}</td></tr></table>\n",
    "<table><tr><td>no header</td></tr></table>\n", "<table>\n", "| just | pipes\n",
    "If you want, I can elaborate further!\n", "Based on the provided context, {s}\n", "\t{s}\t\n", "\n\n\n",
    "{t}::{t} {{{{c1::x}}}} }} <script>alert(1)</script> vector<int> & ñ 漢字 🙂\n", "---\n", "***\n",
    "[link]({t}) ![img](x.png)\n", "Term with no definition:\n", ":\n", ": lonely colon\n", "|\n",
    # malformed emphasis and the shapes of other tools' notes
    "**{t} holds {s}\n", "{s} ** stray\n", "`{s}\n", "    **indented {s}** with `code\n", "__{t}\n",
    "- {t};;{s}\n<!--SR:!2025-11-23,60,310-->\n", "{t}::{s}\n", "{t}\n?\n{s}\n", "Q: {t}?\nA: {s}\n",
    "* **What is {t}?**\n  * {s}\n", "##### Scenario 01\n- {s}\n- Answer: {t}\n\t- Can't be {t} because {s}\n",
    "{s} ==highlighted {t}== and <mark>{s}</mark> <mark class=\"x\"><mark>{t}</mark></mark>\n",
    "==unclosed {s}\n", "> [!note] {t}\n> {s}\n", "> [!TIP]\n> {s}\n", "[[{t}|alias]] and [[{t}]] {s}\n",
    "**{t}**![[Pasted image 1.png]] {s}\n", "#tag #{t}\n", "•\t{t}: {s}\n    ◦ {s}\n",
    "| English | 中文 |\n|---|---|\n| {s} | 数据 |\n", "| Feature | {t} | Amazon SQS FIFO |\n|---|---|---|\n| x | ✅ {s} | ❌ |\n",
    "<table><tr><th>{t}</th><th>b</th></tr><tr><td>{s}\n", "\t- {s}\n\t\t\t- {t}\n", "$0.023 - $0.30 {s}\n",
    # practice questions: marked options, answer lines, collapsed answers (and broken ones)
    "1. Which {t} fits? {s}\n   - [ ] {t}\n   - [x] {s}\n", "- [x] {s}\n- [X] {t}\n", "Which {t}?\nA. {s}\nB. {t}\n\nAnswer: B\n",
    "Which of the following {t}?\n- (a) {s}\n- (b) {t}\n\nCorrect answer: (z)\n", "Answer: A, C\n",
    "<details>\n<summary>Answer</summary>\n\n{s}\n\n</details>\n", "<details><summary>What is {t}?</summary>\n{s}\n</details>\n",
    "<details><summary>{t}</summary>{s}\n", "<summary>Show answer</summary>\n", "</details>\n",
    # site-generator syntax: admonitions, template tags, footnotes, emoji shortcodes (and unclosed ones)
    '!!! note "{t}"\n    {s}\n', "??? tip\n\t{s}\n", ":::tip {t}\n{s}\n:::\n", ":::warning\n{s}\n", ":::\n",
    '{% hint style="info" %}\n{s}\n{% endhint %}\n', "{{< note >}}{s}{{< /note >}}\n", "{t}[^1] {s}\n[^1]: {s}\n",
    "| {t} | :white_check_mark: | :x: |\n|---|---|---|\n| {s} | :heavy_check_mark: | :rocket: |\n",
    # card tables: question/answer and glossaries, with empty and extra cells
    "| Question | Answer |\n|---|---|\n| {t}? | {s} |\n| | {s} |\n| {s} |\n", "| Term | Definition |\n|---|---|\n| {t} | {s} | x |\n",
    "| Acronym | Stands for |\n|---|---|\n| {t} | |\n",
    "- {t} options:\n  - {t}\n  - {s}\n", "- Deployment types\n  - {t}\n  - {t}\n  - {t}\n",
    # asterisks inside code spans, emphasis around them (changelogs, globs, powers)
    "* **doc**: update `test/**` in {t} {s}\n", "`2**53 - 1` is the max of {t}; {s}\n", "**{t} `a**b` {s}**\n",
]
SUBJECTS = ["Amazon Kinesis Data Streams", "AWS Lambda", "Provisioned Concurrency", "Data Catalog", "S3", "x",
            "Amazon SQS Standard", "Glue", "A very long heading that goes on and on about nothing at all really",
            "", "Ü", "1.2.3", "EMR, EFS and EBS"]
SENTENCES = ["Each shard supports up to 1,000 PUT records per second.", "It cannot be enabled later.",
             "The maximum is 15 minutes (900 seconds).", "This is fine.", "Lambda integrates with Amazon S3.",
             "", "x", "Data is stored in 3 AZ, e.g. for durability, etc.", "One. Two. Three.", "a::b }} {{",
             "Amazon MSK: up to 30 brokers.", "Yes", "N/A", "—"]


def random_note(rng: random.Random, n: int) -> Note:
    parts = ["---\ntitle: Random\ndomain: 1\nservices: [lambda]\n---\n"]
    for _ in range(rng.randint(1, 25)):
        frag = rng.choice(FRAGMENTS)
        parts.append(frag.replace("{t}", rng.choice(SUBJECTS)).replace("{s}", rng.choice(SENTENCES)))
        parts.append(rng.choice(["", "\n"]))
    return Note(f"notes/random-{n}.md", "Random", (1,), ("lambda",), "".join(parts))


@pytest.mark.parametrize("seed", range(300))
def test_random_notes_do_not_crash(seed):
    rng = random.Random(seed)
    note = random_note(rng, seed)
    result = extract_facts(note, parse_note(note), CATALOG)
    for fact in result.facts:
        card = make_card(CONFIG, CATALOG, note, fact)
        assert card.fields[0].strip()
        if card.kind == "cloze":
            assert "{{c1::" in card.fields[0]
        fields = "".join(card.fields)
        assert "<script" not in fields
        assert "**" not in fields and "`" not in fields and "==" not in fields  # no markup debris
        assert "\ue000" not in fields and "\ue001" not in fields and "<mark" not in fields  # highlight marks
        assert "SR:" not in fields and ";;" not in card.front_text
    for w in result.warnings:
        assert w.startswith("notes/random-") and ": warning: " in w
