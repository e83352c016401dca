"""Which record entry each card of a build continues: ``match_cards`` (the rules are in identity.py).

The rules and thresholds are those of README "How a card is recognised after an edit": same key and
same text first, then similar text (``difflib`` ratio over the words of front and back at least
``SIM_MIN``, plus ``KEY_BONUS`` / ``PLACE_BONUS`` / ``SUBJECT_BONUS``, taken only as a clear best with
no rival within ``MARGIN``), then same key with the text rewritten, then a new GUID.

What this module adds is how the similar-text step finds its pairs without comparing every card with
every entry (all pairs grow with the square of the deck: 13 M comparisons for 50 copies of the notes):

- **Prefix filter.** ``ratio = 2·M/T`` with ``M`` at most the multiset overlap of the two word lists,
  so a pair reaching ``SIM_MIN`` shares at least ``3/7`` of the words of *each* side. Order every word
  by how rare it is (document frequency over cards and entries); then such a pair must share a word
  among the ``|x| − ⌈3|x|/7⌉ + 1`` rarest words of each side (the standard prefix-filtering argument).
  Only those prefixes are indexed and probed, so common words ("the", "amazon") rarely make candidates.
- **Bounded candidates.** A card reads at most ``SCAN_LIMIT`` index postings (rarest words first) and
  keeps the ``CANDIDATES`` entries with the highest bound on their score (overlap bound plus the same
  key / section / subject bonuses); the entry with the same key is always a candidate. ``difflib`` runs
  only on those. The decisions equal the all-pairs ones unless a card has more than ``CANDIDATES``
  entries sharing most of its words — mass near-copies, where the card is ambiguous either way.
"""
from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

import genanki

from .errors import InternalError
from .model import Card

if TYPE_CHECKING:  # identity.py imports this module
    from .identity import Entry, Record

SIM_MIN = 0.6
"""Least ``difflib`` ratio of front+back text for a card to continue a record entry with another key."""
MARGIN = 0.03
"""A match must beat every rival by this much, else the card is new (ambiguous)."""
KEY_BONUS = 0.10
PLACE_BONUS = 0.03
SUBJECT_BONUS = 0.03

CANDIDATES = 24
"""Most record entries a card is scored against with ``difflib``."""
SCAN_LIMIT = 1024
"""Most index postings a card reads when it looks for candidates."""
NOTES_SHOWN = 10
"""Ambiguity notes printed one per line; the rest are counted on one line (``summarise``)."""

_SEPARATOR = "\u2016"


@dataclass(frozen=True, slots=True)
class Matching:
    """Which record entry each card of a build continues, and the GUIDs that follow."""

    guids: Mapping[str, str]
    """Card key → GUID."""
    continues: Mapping[str, str]
    """Card key → key of the record entry it continues (absent: a new card)."""
    how: Mapping[str, str]
    """Card key → ``key`` (same key), ``text`` (similar text, other key), ``new`` or ``ambiguous``."""
    unmatched: tuple[str, ...]
    """Keys of live record entries no card continues: they retire."""
    messages: tuple[str, ...]
    """Ambiguities, as ``path:line: note: …``, one per card (``summarise`` shortens them for the output)."""


_WORD = re.compile(r"\w+")


def _words(front: str, back: str) -> tuple[str, ...]:
    """What similarity compares: the lowercased words of front and back, with a separator between them."""
    return (*_WORD.findall(front.lower()), _SEPARATOR, *_WORD.findall(back.lower()))


def _section(context: str) -> str:
    """The context without its topic: a section moved to another file keeps it."""
    return context.split(" › ", 1)[-1]


def _short(text: str, n: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def summarise(messages: Sequence[str], limit: int = NOTES_SHOWN) -> list[str]:
    """At most ``limit`` ambiguity notes, then one line ``… and N more`` (a mass edit can make thousands)."""
    notes = [m for m in messages if ": note: " in m]
    if len(notes) <= limit:
        return list(messages)
    shown = set(notes[:limit])
    out = [m for m in messages if ": note: " not in m or m in shown]
    rest = len(notes) - limit
    out.insert(out.index(notes[limit - 1]) + 1,
               f"… and {rest} more card(s) as close to two facts of the last release (or two cards to one): "
               "they become new cards (their review history starts over)")
    return out


def _tokens(words: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """The words as a set: the n-th repeat of a word is its own token, so set overlap = multiset overlap."""
    seen: Counter[str] = Counter()
    out = []
    for w in words:
        out.append((w, seen[w]))
        seen[w] += 1
    return tuple(out)


def _prefix_length(n: int) -> int:
    """Rarest tokens of a side that any pair with ratio ≥ SIM_MIN must share one of (see the module doc)."""
    least_overlap = ceil(n * SIM_MIN / (2 - SIM_MIN) - 1e-9)  # o ≥ 0.3·(|a|+|b|) and |b| ≥ o → o ≥ 3/7·|a|
    return max(1, n - least_overlap + 1)


def _candidates(free_cards: list[Card], free_entries: list[Entry], text_c: dict[str, tuple[str, ...]],
                text_e: dict[str, tuple[str, ...]]) -> list[tuple[float, str, str]]:
    """(bound, card key, entry key) of each candidate pair: ``bound`` is at least the pair's score."""
    tok_c = {c.key: _tokens(text_c[c.key]) for c in free_cards}
    tok_e = {e.key: _tokens(text_e[e.key]) for e in free_entries}
    frequency: Counter[tuple[str, int]] = Counter()
    for toks in (*tok_c.values(), *tok_e.values()):
        frequency.update(toks)

    def prefix(toks: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
        return sorted(toks, key=lambda t: (frequency[t], t))[:_prefix_length(len(toks))]

    # the index: per kind, rare token → keys of the entries holding it in their prefix (in key order)
    index: dict[str, dict[tuple[str, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in sorted(free_entries, key=lambda e: e.key):
        for t in prefix(tok_e[e.key]):
            index[e.kind][t].append(e.key)
    kinds = {e.key: e.kind for e in free_entries}
    set_e = {k: frozenset(t) for k, t in tok_e.items()}
    section_e = {e.key: _section(e.context) for e in free_entries}
    subject_e = {e.key: e.subject.lower() for e in free_entries}

    out: list[tuple[float, str, str]] = []
    for c in free_cards:
        postings = index.get(c.kind)
        if not postings:
            continue
        hits: Counter[str] = Counter()  # entry → rare words shared with the card
        budget = SCAN_LIMIT
        for t in prefix(tok_c[c.key]):
            posting = postings.get(t, ())
            hits.update(posting[:budget])
            budget -= len(posting)
            if budget <= 0:
                break
        found = [k for k, _ in hits.most_common(3 * CANDIDATES)]
        if kinds.get(c.key) == c.kind and c.key not in found:
            found.append(c.key)  # the same key is always a candidate
        mine = frozenset(tok_c[c.key])
        section, subject = _section(c.context), c.subject.lower()
        ranked = []
        for k in found:
            theirs = set_e[k]
            bound = 2 * len(mine & theirs) / (len(mine) + len(theirs))  # difflib's quick_ratio
            if bound >= SIM_MIN:
                bound += (KEY_BONUS * (k == c.key) + PLACE_BONUS * (section_e[k] == section != "")
                          + SUBJECT_BONUS * (subject_e[k] == subject != ""))
                ranked.append((-round(bound, 9), k))
        ranked.sort()
        out += [(-bound, c.key, k) for bound, k in ranked[:CANDIDATES]]
    return out


def _bonus(c: Card, e: Entry) -> float:
    return (KEY_BONUS * (c.key == e.key) + PLACE_BONUS * (_section(c.context) == _section(e.context) != "")
            + SUBJECT_BONUS * (c.subject.lower() == e.subject.lower() != ""))


def match_cards(cards: Sequence[Card], record: Record, slug: str) -> Matching:
    """Give each card a GUID: the one of the record entry it continues, else a new one (rules in identity.py)."""
    if len({c.key for c in cards}) != len(cards):
        raise InternalError("two cards of the build share a fact key")
    live = {e.key: e for e in record.entries if e.retired_in is None}
    text_c = {c.key: _words(c.front_text, c.back_text) for c in cards}
    text_e = {k: _words(e.front_text, e.back_text) for k, e in live.items()}
    continues: dict[str, str] = {}
    how: dict[str, str] = {}
    messages: list[str] = []
    taken: set[str] = set()  # entry keys already continued

    def take(card_key: str, entry_key: str) -> None:
        continues[card_key] = entry_key
        how[card_key] = "key" if card_key == entry_key else "text"
        taken.add(entry_key)

    # 1. same key, same text
    for c in cards:
        e = live.get(c.key)
        if e is not None and e.kind == c.kind and text_c[c.key] == text_e[c.key]:
            take(c.key, c.key)

    # 2. similar text, clear best on both sides
    by_key = {c.key: c for c in cards}
    free_cards = [c for c in cards if c.key not in continues]
    free_entries = [e for e in live.values() if e.key not in taken]
    # Pairs are decided best exact score first, as if every candidate were scored; ``difflib`` runs
    # lazily: a pair is scored when its bound reaches the top of the heap, or when it could be a rival
    # (bound within MARGIN) of a pair being decided. Bounds sort before exact scores of the same value.
    bounds = _candidates(free_cards, free_entries, text_c, text_e)
    per_card: dict[str, list[tuple[float, str]]] = defaultdict(list)
    per_entry: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for bound, ck, ek in bounds:
        per_card[ck].append((bound, ek))
        per_entry[ek].append((bound, ck))
    for side in (*per_card.values(), *per_entry.values()):
        side.sort(key=lambda q: (-q[0], q[1]))
    exact: dict[tuple[str, str], float | None] = {}  # (card, entry) → score, None below SIM_MIN
    heap = [(-bound, 0, ck, ek) for bound, ck, ek in bounds]
    heapq.heapify(heap)
    matcher = difflib.SequenceMatcher(None, autojunk=False)

    def score(ck: str, ek: str) -> float | None:
        if (ck, ek) not in exact:
            matcher.set_seqs(text_c[ck], text_e[ek])
            ratio = matcher.ratio() if matcher.real_quick_ratio() >= SIM_MIN else 0.0
            exact[ck, ek] = round(ratio + _bonus(by_key[ck], live[ek]), 9) if ratio >= SIM_MIN else None
            if exact[ck, ek] is not None:
                heapq.heappush(heap, (-exact[ck, ek], 1, ck, ek))
        return exact[ck, ek]

    def rivals(side: list[tuple[float, str]], best: float, me: str, gone: set[str],
               pair: Callable[[str], tuple[str, str]]) -> list[str]:
        """The other side's free keys whose pair scores within MARGIN of ``best``, best first."""
        found = []
        for bound, other in side:
            if bound <= best - MARGIN:
                break
            if other == me or other in gone:
                continue
            s = score(*pair(other))
            if s is not None and s > best - MARGIN:
                found.append((-s, other))
        return [other for _, other in sorted(found)]

    decided: set[str] = set()  # card keys matched or declared ambiguous

    def quoted(x: Card | Entry) -> str:
        return f"\"{_short(x.front_text)}\" ({x.where if isinstance(x, Card) else x.source})"

    while heap:
        value, is_exact, ck, ek = heapq.heappop(heap)
        if ck in decided or ek in taken:
            continue
        if not is_exact:
            score(ck, ek)  # pushes the exact score when the pair reaches SIM_MIN
            continue
        best = -value
        rival_entries = rivals(per_card[ck], best, ek, taken, lambda other: (ck, other))
        rival_cards = rivals(per_entry[ek], best, ck, decided, lambda other: (other, ek))
        if not rival_entries and not rival_cards:
            take(ck, ek)
            decided.add(ck)
            continue
        for k in [ck, *rival_cards]:
            decided.add(k)
            how[k] = "ambiguous"
            c = by_key[k]
            if rival_entries and k == ck:  # one card, two old facts
                why = "is about as close to " + " as to ".join(quoted(live[x]) for x in [ek, *rival_entries])
            else:  # two cards, one old fact
                why = f"and {len(rival_cards)} other card(s) are about as close to {quoted(live[ek])}"
            messages.append(f"{c.where}: note: \"{_short(c.front_text)}\" {why} of the last release; "
                            "it becomes a new card (its review history starts over)")

    # 3. same key, text rewritten
    for c in cards:
        e = live.get(c.key)
        if c.key not in how and e is not None and e.kind == c.kind and c.key not in taken:
            take(c.key, c.key)

    # 4. new GUIDs, never one the record or this build already uses
    guids = {ck: live[ek].guid for ck, ek in continues.items()}
    used = {e.guid for e in record.entries} | set(guids.values())
    for c in sorted(cards, key=lambda c: c.key):
        if c.key in guids:
            continue
        guid, n = genanki.guid_for(slug, c.key), 2
        while guid in used:
            guid, n = genanki.guid_for(slug, c.key, n), n + 1
        used.add(guid)
        guids[c.key] = guid
        how.setdefault(c.key, "new")
    unmatched = tuple(sorted(k for k in live if k not in taken))
    return Matching(guids, continues, how, unmatched, tuple(messages))
