"""Find services in text: the built-in AWS catalog (package data) extended by ``deck.yaml``'s services.

Names match case- and spacing-insensitively ("Opensearch", "open search", "OpenSearch"), whole
words only, longest first, through one compiled index (a trie of word parts turned into a regex),
so a lookup costs the same however large the catalog is. A name's vendor prefix is optional and
interchangeable ("AWS Kinesis Data Streams"), except for names that are ordinary words ("AWS Batch"),
which the catalog marks ``bare: never`` (only the prefixed name) or ``bare: cased`` (as written).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from ._data_cache import cached
from .config import DeckConfig, Service, load_yaml
from .errors import BuildError, InternalError, Location, Problem

VENDORS = ("amazon", "aws", "apache")
_PARTS = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\sA-Za-z\d\-]+")
_SEP = r"[\s\-]*"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BEFORE = r"[^\w\-]"
"""What precedes a name (the text is searched with a space in front)."""
_AFTER = r"(?![\w\-]|\.\w)"
"""What may not follow a name: a word character, a hyphen, a dot before a word ("kinesis.io")."""


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    service: Service


@lru_cache(maxsize=1)
def _builtin_entries() -> tuple:
    """The entries of ``data/aws_services.yaml`` as loaded (once, with libyaml when present)."""
    try:
        text = (resources.files("factdeck") / "data" / "aws_services.yaml").read_text(encoding="utf-8")
    except (OSError, FileNotFoundError):
        return ()
    raw = cached("aws-services", text, lambda t: load_yaml(t, "factdeck/data/aws_services.yaml")) or {}
    return tuple(raw.get("services") or [])


@lru_cache(maxsize=1)
def builtin_rivals() -> frozenset[str]:
    """Ids of the built-in third-party products AWS does not run or resemble (``vendor: other``, no family
    nor parent: Databricks, not Presto's EMR kin)."""
    return frozenset(e["id"] for e in _builtin_entries() if isinstance(e, dict) and e.get("vendor") == "other"
                     and not e.get("family") and not e.get("parent"))


@lru_cache(maxsize=1)
def builtin_telltales() -> dict[str, tuple[str, ...]]:
    """Terms that only exist with one built-in service, by its id (``telltales``: a VIF is Direct Connect's)."""
    return {e["id"]: tuple(str(t) for t in e["telltales"]) for e in _builtin_entries()
            if isinstance(e, dict) and e.get("telltales")}


@lru_cache(maxsize=1)
def builtin_umbrellas() -> frozenset[str]:
    """Ids of the built-in names that cover several distinct services (``umbrella: true``: Amazon Kinesis, not
    one of its streams): a limit said of the name alone does not say which member it is of."""
    return frozenset(e["id"] for e in _builtin_entries() if isinstance(e, dict) and e.get("umbrella"))


@lru_cache(maxsize=1)
def builtin_services() -> tuple[Service, ...]:
    """The catalog shipped with factdeck (``data/aws_services.yaml``)."""
    out = []
    for item in _builtin_entries():
        try:
            out.append(Service(item["id"], item["name"], tuple(item.get("aliases") or ()), item.get("family") or "",
                               item.get("parent") or "", item.get("bare") or "any"))
        except (KeyError, TypeError) as exc:  # the shipped data is ours: a bad entry is a bug in factdeck
            raise InternalError(f"factdeck/data/aws_services.yaml: bad service entry {item!r} ({exc})")
    return tuple(out)


def merge_services(config: DeckConfig) -> tuple[Service, ...]:
    """``deck.yaml``'s services first (they override a built-in entry with the same id), then the built-in ones.

    A built-in entry loses the spellings a ``deck.yaml`` entry claims, so the author's word wins.
    """
    own = {s.id: s for s in config.services}
    builtin = {s.id: s for s in builtin_services()}
    merged: list[Service] = []
    for s in config.services:
        base = builtin.get(s.id)
        # an overriding entry keeps the built-in rule for its bare name ("AWS Batch" is not "batch")
        bare = base.bare if base and s.bare == "any" else s.bare
        merged.append(replace(s, bare=bare, family=s.family or (base.family if base else ""),
                              parent=s.parent or (base.parent if base else "")))
    claimed = {_norm(n) for s in config.services for n in (s.name, _strip_vendor(s.name), *s.aliases)}
    for s in builtin.values():
        if s.id in own:
            continue
        aliases = tuple(a for a in s.aliases if _norm(a) not in claimed)
        if _norm(s.name) in claimed:
            continue
        merged.append(replace(s, aliases=aliases))
    ids = {s.id for s in merged}
    problems = [Problem(Location(config.path, 0), f"service {s.id!r} names unknown parent {s.parent!r}",
                        "parent must be the id of another service (yours or the built-in catalog's)")
                for s in config.services if s.parent and s.parent not in ids]
    if problems:
        raise BuildError(problems)
    return tuple(replace(s, parent="") if s.parent not in ids else s for s in merged)


def _strip_vendor(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in VENDORS:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 14)  # every mention of a service looks its name up
def _norm(text: str) -> str:
    """The lookup form of a name: lowercase, no spaces or hyphens, no vendor prefix."""
    return re.sub(r"[\s\-]+", "", _strip_vendor(text.strip()).lower())


def _parts(text: str) -> tuple[str, ...]:
    """"OpenSearch Service" → (open, search, service); "DynamoDB" → (dynamo, db)."""
    return tuple(p.lower() for p in _PARTS.findall(text))


class _Trie:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, parts: tuple[str, ...]) -> None:
        node = self.root
        for p in parts:
            node = node.setdefault(p, {})
        node[""] = True

    def pattern(self) -> str:
        return self._node(self.root, first=True)

    def pattern_by_first_char(self) -> str:
        """``pattern()`` for lower-case text, its first level grouped by first character.

        Alternatives that start with different characters never match at the same place, and within a
        group they keep their order, so it matches what ``pattern()`` matches with ``re.I`` on text
        whose letters are lower case (and the regex engine skips most alternatives at once).
        """
        groups: dict[str, list[list[str]]] = {}  # first character → alternatives, each [part, part …]
        for part in sorted((k for k in self.root if k), key=len, reverse=True):
            alts = groups.setdefault(part[0], [])
            # parts followed by the same names ("amazon", "aws", "apache") share one alternative when no part
            # between them could match where this one does (a prefix of it, or one it is a prefix of)
            for k, alt in enumerate(alts):
                if self.root[alt[0]] == self.root[part] and not any(
                        o.startswith(part) or part.startswith(o) for later in alts[k + 1:] for o in later):
                    alt.append(part)
                    break
            else:
                alts.append([part])
        if not groups:
            return ""

        def alternative(parts: list[str]) -> str:
            rests = [re.escape(p[1:]) for p in parts]
            head = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
            return head + self._node(self.root[parts[0]])

        return "(?:" + "|".join(re.escape(c) + "(?:" + "|".join(map(alternative, alts)) + ")"
                                for c, alts in groups.items()) + ")"

    def _node(self, node: dict, first: bool = False) -> str:
        alts = []
        for part in sorted((k for k in node if k), key=len, reverse=True):
            sep = "" if first else _SEP
            alts.append(sep + re.escape(part) + self._node(node[part]))
        end = "" in node
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body


def _spans(rx: re.Pattern | None, text: str):
    """What ``re.finditer`` finds with ``(?<![\\w\\-])`` + the pattern of ``rx``, as (start, end) of group 1.

    ``rx`` is ``[^\\w\\-](…)``: the character before a name is matched, not looked behind at, so that the
    regex engine skips ahead to the next non-word character instead of trying every name at every
    position; a space in front stands for the start of the text.
    """
    if rx is None:
        return
    text, pos = " " + text, 0
    while (m := rx.search(text, pos)) is not None:
        start, end = m.span(1)
        yield start - 1, end - 1
        pos = end - 1  # the last character of this name may be the one before the next


class Catalog:
    """Service names and aliases found in text (case- and spacing-insensitive, whole words, longest first)."""

    def __init__(self, config: DeckConfig):
        services = merge_services(config)
        self.services = services
        self.by_id = {s.id: s for s in services}
        lookup: dict[str, Service] = {}
        loose = _Trie()
        for s in services:
            # a name without a vendor prefix ("Snowflake") follows ``bare`` itself
            plain = _strip_vendor(s.name) == s.name and s.bare != "any"
            forms = [] if plain else [(s.name, False)]
            forms += [(a, False) for a in s.aliases]
            for form, _ in list(forms):
                rest = _strip_vendor(form)
                if rest == form:
                    continue
                if s.bare == "any":
                    forms.append((rest, False))
                elif s.bare == "cased":
                    forms.append((rest, True))
                for vendor in VENDORS:
                    forms.append((f"{vendor} {rest}", False))
            for form, cased in forms:
                parts = _parts(form)
                if not parts:
                    continue
                key = "".join(parts) if form.split()[0].lower() in VENDORS and len(form.split()) > 1 else None
                lookup.setdefault(_norm(form), s)
                if key:
                    lookup.setdefault(key, s)
                if not cased:  # the cased bare names have an index of their own, below
                    loose.add(parts)
        self._lookup = lookup
        self._cache: dict[str, tuple[Mention, ...]] = {}
        family: dict[str, set[str]] = {}
        for s in services:
            if s.family:
                family.setdefault(s.family, set()).add(s.id)
        children: dict[str, set[str]] = {}
        for s in services:
            if s.parent:
                children.setdefault(s.parent, set()).add(s.id)
        self._family, self._children = family, children
        self._cased: dict[str, Service] = {}
        for s in services:
            if s.bare != "any" and _strip_vendor(s.name) == s.name:
                self._cased[s.name] = s  # "Snowflake", "Hive": as written
            elif s.bare == "cased":
                self._cased[_strip_vendor(s.name)] = s
        self._loose = loose
        self._re_full: re.Pattern | None = None  # the re.I index, compiled only for text with cased non-ASCII
        body = loose.pattern_by_first_char()
        # a matched character in front, not a look-behind, so that the engine can skip ahead (``_spans``)
        self._re = re.compile(_BEFORE + "(" + body + ")" + _AFTER) if body else None
        names = sorted(self._cased, key=len, reverse=True)
        self._re_cased = (re.compile(_BEFORE + "(" + "|".join(re.escape(n) for n in names) + ")" + _AFTER)
                          if names else None)

    def _service_of(self, matched: str) -> Service | None:
        s = self._cased.get(matched)
        if s:
            return s
        return self._lookup.get(_norm(matched)) or self._lookup.get(re.sub(r"[\s\-]+", "", matched.lower()))

    def mentions(self, text: str) -> list[Mention]:
        """Every service named in ``text``, in order (cached: the extractor asks about a sentence many times)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = tuple(self._mentions(text))
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[text] = cached
        return list(cached)

    def _loose_spans(self, text: str):
        """(start, end) of every name of the case-insensitive index, left to right, as ``re.finditer`` finds them."""
        if self._re is None:
            return
        if not text.isascii() and any(c.lower() != c or c.upper() != c for c in _NON_ASCII.findall(text)):
            # re.I folds some non-ASCII letters onto ASCII ones ("ſ", the Kelvin sign): the index as it was
            if self._re_full is None:
                self._re_full = re.compile(r"(?<![\w\-])(" + self._loose.pattern() + ")" + _AFTER, re.I)
            for m in self._re_full.finditer(text):
                yield m.start(1), m.end(1)
            return
        yield from _spans(self._re, text.lower())

    def _mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for start, end in self._loose_spans(text):
            s = self._service_of(text[start:end])
            if s is not None:
                found.append(Mention(start, end, s))
        for start, end in _spans(self._re_cased, text):
            s = self._service_of(text[start:end])
            if s is not None:
                found.append(Mention(start, end, s))
        if self._re_cased is not None and found:
            # two indexes: keep the longest of overlapping mentions
            found.sort(key=lambda m: (m.start, -(m.end - m.start)))
            kept: list[Mention] = []
            for m in found:
                if kept and m.start < kept[-1].end:
                    continue
                kept.append(m)
            return kept
        return found

    def ids(self, text: str) -> tuple[str, ...]:
        """Service ids mentioned, in order of first mention, without repeats."""
        seen: dict[str, None] = {}
        for m in self.mentions(text):
            seen.setdefault(m.service.id, None)
        return tuple(seen)

    def exact(self, text: str) -> Service | None:
        """The service that ``text`` names and nothing more (``Amazon Kinesis Data Stream (KDS)``)."""
        t = text.strip().strip("*").strip()
        found = self.mentions(t)
        if not found:
            return None
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(t):
            return found[0].service
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

    def related(self, ids) -> set[str]:
        """The services and those a learner confuses them with: same family, parent, children."""
        out = set(ids)
        for sid in ids:
            svc = self.by_id.get(sid)
            if not svc:
                continue
            out |= self._family.get(svc.family, set()) if svc.family else set()
            out |= self._children.get(sid, set())
            if svc.parent:
                out.add(svc.parent)
        return out

    def narrowed(self, text: str, section: str) -> str:
        """``text`` with a leading umbrella name ("Kinesis stores up to 365 days") said as the one member of it that
        ``section`` names before ``text`` ("… Kinesis Data Stream is the right answer. … Kinesis stores …"):
        "Kinesis Data Streams stores …". Two members named before it, or none: ``text`` as it is."""
        found = self.mentions(text)
        if not found or found[0].service.id not in builtin_umbrellas():
            return text
        first = found[0]
        at = section.find(text[:40])
        before = section[:at] if at >= 0 else ""
        members = {i for i in self.ids(before) if self.by_id[i].parent == first.service.id}
        if len(members) != 1 or any(m.service.id in members for m in found):
            return text
        name = self.by_id[members.pop()].name
        if _strip_vendor(text[first.start:first.end]) == text[first.start:first.end]:
            name = _strip_vendor(name)
        end = first.end
        own = set(_parts(name)) - set(_parts(first.service.name))
        word = re.match(r"\s+([A-Za-z]+)", text[end:])
        if word and any(p.startswith(word.group(1).lower()[:5]) for p in own):
            end += word.end()  # "kinesis stream: …" → "Kinesis Data Streams: …", not "Kinesis Data Streams stream"
        return text[:first.start] + name + text[end:]

    def parents(self, service_id: str) -> list[str]:
        """The chain of parent ids above a service, top first (for ``::`` tags)."""
        chain: list[str] = []
        svc = self.by_id.get(service_id)
        while svc and svc.parent and svc.parent not in chain and svc.parent != svc.id:
            chain.insert(0, svc.parent)
            svc = self.by_id.get(svc.parent)
        return chain


_PRODUCT = re.compile(r"\b(?:Amazon|AWS)\s+((?:[A-Z][\w\-]*|of|for|and)(?:\s+(?:[A-Z0-9][\w\-]*|for|of|and))*)")


_GENERIC = re.compile(r"\b(?:services?|examples?|context|ecosystem|certified|certification|exam|accounts?|regions?|"
                      r"documentation|docs|managed|native|partners?|customers?|free|tier|best|practices?|patterns?|"
                      r"solutions?|tools?|offerings?|products?|features?|resources?|cloud|console|skill|builder)\b", re.I)


def unmatched_products(catalog: Catalog, lines: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """Product-like names ("Amazon Foo", "AWS Bar Baz") the catalog does not know: (name, count, first place).

    ``lines`` is (path, line number, text). Sorted by count, most frequent first.
    """
    return count_products(product_mentions(catalog, lines))


def product_mentions(catalog: Catalog, lines: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    """(name, ``path:line``) of each product-like name the catalog does not know, in the order of ``lines``."""
    found: list[tuple[str, str]] = []
    for path, n, text in lines:
        if "amazon" not in text.lower() and "aws" not in text.lower() or not _PRODUCT.search(text):
            continue
        covered = [(m.start, m.end) for m in catalog._mentions(text)]  # raw lines: not worth caching
        for m in _PRODUCT.finditer(text):
            if any(s <= m.start() < e for s, e in covered):
                continue
            name = re.sub(r"\s+(?:for|of|and)$", "", m.group(0)).strip()
            if len(name.split()) < 2 or _GENERIC.search(name):
                continue
            found.append((name, f"{path}:{n}"))
    return found


def count_products(found: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """``product_mentions`` counted: (name, count, first place), most frequent first."""
    counts: dict[str, list] = {}
    for name, place in found:
        entry = counts.setdefault(name, [0, place])
        entry[0] += 1
    return sorted(((k, v[0], v[1]) for k, v in counts.items()), key=lambda x: (-x[1], x[0]))
