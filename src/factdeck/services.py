"""Find the catalog's services in text: for subjects, tags and comparison pairs."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .config import DeckConfig, Service


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    service: Service


class Catalog:
    """Matches service names and aliases (case-sensitive, whole words, longest first)."""

    def __init__(self, config: DeckConfig):
        self.by_id = {s.id: s for s in config.services}
        names: dict[str, Service] = {}
        for s in config.services:
            for n in (s.name, *s.aliases):
                names[n] = s
        self._names = names
        alts = sorted(names, key=len, reverse=True)
        self._re = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in alts) + r")(?![\w-])") if alts else None
        self._lower = {n.lower(): s for n, s in names.items()}

    def mentions(self, text: str) -> list[Mention]:
        if not self._re:
            return []
        return [Mention(m.start(), m.end(), self._names[m.group(1)]) for m in self._re.finditer(text)]

    def ids(self, text: str) -> tuple[str, ...]:
        """Service ids mentioned, in order of first mention, without repeats."""
        seen: dict[str, None] = {}
        for m in self.mentions(text):
            seen.setdefault(m.service.id, None)
        return tuple(seen)

    def exact(self, text: str) -> Service | None:
        """The service that ``text`` names and nothing more (``Amazon Kinesis Data Stream (KDS)``)."""
        t = text.strip().strip("*").strip()
        s = self._names.get(t) or self._lower.get(t.lower())
        if s:
            return s
        found = self.mentions(t)
        if not found:
            return None
        rest = t
        for m in reversed(found):
            rest = rest[:m.start] + rest[m.end:]
        if re.sub(r"[\s()\-–—,/&]|\band\b|\bthe\b", "", rest) == "" and len({m.service.id for m in found}) == 1:
            return found[0].service
        return None

    def single(self, text: str) -> Service | None:
        """The one service a heading or line is about, if it names exactly one (aliases of one count once)."""
        ids = self.ids(text)
        if len(ids) == 1:
            return self.by_id[ids[0]]
        # "Amazon SQS FIFO" also matches nothing else; a parent and its variant count as the variant.
        if len(ids) == 2:
            a, b = (self.by_id[i] for i in ids)
            if a.parent == b.id:
                return a
            if b.parent == a.id:
                return b
        return None
