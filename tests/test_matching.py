"""The indexed matcher (matching.py) on decks far bigger than the notes: same decisions, few comparisons."""
from __future__ import annotations

import dataclasses
import difflib
import random

from factdeck.errors import Location
from factdeck.identity import Record, advance, match_cards
from factdeck.matching import summarise
from factdeck.model import Card

SLUG = "t"
SERVICES = ["Amazon Kinesis", "Amazon SQS", "AWS Glue", "Amazon S3", "Amazon EMR", "AWS Lambda", "Amazon Redshift"]
COMMON = "the a of to for and in with by each per is can up at most least when".split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def synthetic(n: int, seed: int = 1) -> list[Card]:
    """``n`` distinct cloze cards: a service, common words and rarer words, a number as the answer."""
    rng = random.Random(seed)
    vocabulary = [word(rng) for _ in range(3000)]
    cards = []
    for i in range(n):
        service = SERVICES[i % len(SERVICES)]
        words = [rng.choice(COMMON if rng.random() < 0.5 else vocabulary) for _ in range(rng.randint(6, 14))]
        front = f"{service} {' '.join(words)} […]."
        back = f"{rng.randint(1, 999)} {rng.choice(['MB', 'GB', 'seconds', 'days'])}"
        section = f"Section {i // 20}"
        where = f"notes/{i // 200:02d}-topic.md:{i % 200 + 1}"
        path, line = where.rsplit(":", 1)
        cards.append(Card("cloze", f"prose|{i // 20}|{i}", "", (front.replace("[…]", "{{c1::" + back + "}}"),
                                                              section, where), (), 1, Location(path, int(line)),
                          front, back, service, f"{service} › {section}"))
    return cards


def release(cards: list[Card]) -> Record:
    record = Record(SLUG)
    m = match_cards(cards, record, SLUG)
    return advance(record, [dataclasses.replace(c, guid=m.guids[c.key]) for c in cards], m, "1.0.0")[0]


def reword(card: Card, rng: random.Random, **changes) -> Card:
    words = card.front_text.split(" ")
    i = rng.randrange(1, len(words) - 2)
    if rng.random() < 0.5:
        words.insert(i, rng.choice(["also", "really", "usually", "often"]))
    else:
        words[i], words[i + 1] = words[i + 1], words[i]
    return dataclasses.replace(card, front_text=" ".join(words), **changes)


def test_two_thousand_reworded_cards_keep_their_guids(monkeypatch):
    cards = synthetic(2000)
    record = release(cards)
    rng = random.Random(7)
    # every card reworded; every other one under a new key as well (only the text can find it)
    now = [reword(c, rng, **({"key": "v2|" + c.key} if i % 2 else {})) for i, c in enumerate(cards)]
    calls = 0
    ratio = difflib.SequenceMatcher.ratio

    def counted(self):
        nonlocal calls
        calls += 1
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    m = match_cards(now, record, SLUG)
    old = {e.key: e.guid for e in record.entries}
    assert [m.guids[n.key] for n in now] == [old[c.key] for c in cards]
    assert not m.unmatched and not m.messages
    assert sorted(set(m.how.values())) == ["key", "text"]
    # near-linear: a few comparisons per card, not one per pair (all pairs would be 4 million)
    assert calls <= 10 * len(now), calls


def test_the_index_finds_a_moved_and_reworded_card_among_look_alikes():
    cards = synthetic(2000, seed=3)
    target = cards[1234]
    # 40 look-alikes of the target: same service, most of its words, another number: each shares much of its text
    rng = random.Random(5)
    look_alikes = []
    for j in range(40):
        words = target.front_text.split(" ")
        words[rng.randrange(1, len(words) - 1)] = word(rng)
        look_alikes.append(dataclasses.replace(cards[j], key=f"look|{j}", front_text=" ".join(words),
                                               back_text=f"{j + 1000} GB"))
    everything = cards + look_alikes
    record = release(everything)
    # the section moves to another file under another key, and is reworded
    moved = reword(target, random.Random(11), key="prose|moved|x", context=f"{target.subject} › Limits",
                   where=Location("notes/99-moved.md", 3))
    now = [c for c in everything if c is not target] + [moved]
    m = match_cards(now, record, SLUG)
    assert m.guids[moved.key] == next(e.guid for e in record.entries if e.key == target.key)
    assert m.how[moved.key] == "text" and not m.unmatched


def test_mass_ambiguity_notes_are_summarised():
    notes = [f"notes/x.md:{i}: note: \"card {i}\" is about as close to … it becomes a new card" for i in range(2500)]
    messages = [*notes, "identity: 0 cards kept by key, 0 by similar text, 2500 new, 0 retired"]
    out = summarise(messages)
    assert out[:10] == notes[:10]
    assert out[10].startswith("… and 2490 more card(s)")
    assert out[11:] == messages[-1:]
    assert summarise(notes[:10]) == notes[:10]
