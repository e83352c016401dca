"""The learner's say over every card: ``curation.yaml`` in the notes folder drops or rewrites generated cards.

```yaml
drop:
  - 3f9a2c1b7e          # Amazon SQS — retention: […]
rewrite:
  8c0d5e4a21:           # a question card (or a comparison): new front and/or back
    front: What is the longest an SQS message can be kept?
    back: 14 days
  51be0a9f33:           # a cloze card: {{…}} marks what is hidden
    text: Lambda functions time out after {{15 minutes}}.
```

A card's key is a short hash of its GUID (``card_key``), so an entry follows the card exactly as the
GUID does: across rewordings of the notes, moves between files, and releases. ``factdeck preview``
shows each card's key with the line to paste. An entry whose card has left the notes is linted.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .cards import escape
from .config import load_yaml
from .errors import BuildError, Location, Problem
from .model import Card

CURATION_NAME = "curation.yaml"
_KEY = re.compile(r"^[0-9a-f]{10}$")


def card_key(guid: str) -> str:
    """The key a curation entry uses for a card: 10 hex digits of its GUID's hash."""
    return hashlib.sha1(guid.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Curation:
    """The validated ``curation.yaml``."""

    path: str
    drop: dict[str, int]
    """key → line."""
    rewrite: dict[str, tuple[dict[str, str], int]]
    """key → (new texts, line)."""

    def __bool__(self) -> bool:
        return bool(self.drop or self.rewrite)


def load_curation(notes_dir: Path, shown_dir: str) -> Curation:
    path = Path(notes_dir) / CURATION_NAME
    shown = f"{shown_dir}/{CURATION_NAME}"
    if not path.exists():
        return Curation(shown, {}, {})
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(Problem(Location(shown, 0), f"cannot read the file ({exc})", "save it as UTF-8 text"))
    raw = load_yaml(text, shown) or {}
    lines = text.split("\n")

    def line_of(key: str) -> int:
        return next((n for n, t in enumerate(lines, 1) if key in t), 0)

    problems: list[Problem] = []
    if not isinstance(raw, dict) or set(map(str, raw)) - {"drop", "rewrite"}:
        raise BuildError(Problem(Location(shown, 1), "expected 'drop:' (a list of card keys) and/or 'rewrite:'",
                                 "copy the lines from 'factdeck preview'"))
    drop: dict[str, int] = {}
    for key in raw.get("drop") or []:
        key = str(key).strip()
        if not _KEY.match(key):
            problems.append(Problem(Location(shown, line_of(key)), f"{key!r} is not a card key",
                                    "a key is the 10 hex digits 'factdeck preview' shows on each card"))
            continue
        drop[key] = line_of(key)
    rewrite: dict[str, tuple[dict[str, str], int]] = {}
    rw = raw.get("rewrite") or {}
    if not isinstance(rw, dict):
        problems.append(Problem(Location(shown, line_of("rewrite")), "'rewrite:' must map card keys to new texts"))
        rw = {}
    for key, texts in rw.items():
        key = str(key).strip()
        at = Location(shown, line_of(key))
        if not _KEY.match(key):
            problems.append(Problem(at, f"{key!r} is not a card key",
                                    "a key is the 10 hex digits 'factdeck preview' shows on each card"))
            continue
        if not isinstance(texts, dict) or not texts or set(texts) - {"front", "back", "text"} \
                or not all(isinstance(v, str) and v.strip() for v in texts.values()):
            problems.append(Problem(at, f"the rewrite of {key} needs front:/back: (a question card) or text: "
                                        "(a cloze card) with text"))
            continue
        if "text" in texts and not re.search(r"\{\{[^{}]+\}\}", texts["text"]):
            problems.append(Problem(at, f"the cloze text of {key} hides nothing", "mark the answer as {{answer}}"))
            continue
        rewrite[key] = ({k: v.strip() for k, v in texts.items()}, at.line)
    if problems:
        raise BuildError(problems)
    return Curation(shown, drop, rewrite)


def apply_curation(cards: tuple[Card, ...], curation: Curation) -> tuple[tuple[Card, ...], list[str], int, int]:
    """The cards with drops and rewrites applied; lint lines for entries that match no card; counts."""
    if not curation:
        return cards, [], 0, 0
    by_key = {card_key(c.guid): c for c in cards}
    warnings = [f"{curation.path}:{line}: warning: no card has key {key} — its fact has left the notes; "
                "remove the entry" for key, line in {**curation.drop, **{k: v[1] for k, v in curation.rewrite.items()}}
                .items() if key not in by_key]
    out, dropped, rewritten = [], 0, 0
    for card in cards:
        key = card_key(card.guid)
        if key in curation.drop:
            dropped += 1
            continue
        if key in curation.rewrite:
            texts, line = curation.rewrite[key]
            new = _rewrite(card, texts)
            if new is None:
                warnings.append(f"{curation.path}:{line}: warning: card {key} is a "
                                f"{'cloze' if card.kind == 'cloze' else 'question'} card — use "
                                f"{'text:' if card.kind == 'cloze' else 'front:/back:'} to rewrite it")
            else:
                card, rewritten = new, rewritten + 1
        out.append(card)
    return tuple(out), warnings, dropped, rewritten


def _rewrite(card: Card, texts: dict[str, str]) -> Card | None:
    if card.kind == "cloze":
        if "text" not in texts:
            return None
        parts = re.split(r"\{\{([^{}]+)\}\}", texts["text"])
        html, hidden = [], []
        for n, part in enumerate(parts):
            if n % 2:
                hidden.append(part)
                html.append(f"{{{{c{len(hidden)}::{escape(part)}}}}}")
            else:
                html.append(escape(part))
        front = "".join("[…]" if n % 2 else p for n, p in enumerate(parts))
        return dataclasses.replace(card, fields=("".join(html), *card.fields[1:]), front_text=front,
                                   back_text=" / ".join(hidden))
    if "text" in texts:
        return None
    fields = list(card.fields)
    front, back = card.front_text, card.back_text
    if "front" in texts:
        front = texts["front"]
        fields[0] = escape(front)
    if "back" in texts:
        back = texts["back"]
        fields[1] = escape(back)
    return dataclasses.replace(card, fields=tuple(fields), front_text=front, back_text=back)
