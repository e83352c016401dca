"""Sentence-level helpers: split sentences, spot chatter, find the key value worth hiding."""
from __future__ import annotations

import re

CHATTER = re.compile(
    r"if you want,? i can|based on the provided context|i can provide|as mentioned in the context|"
    r"encoding artifacts|partially obscured|let me know|although the context|the context suggests|"
    r"\(from context\)|in the provided context|based on the context|i hope this|feel free to|"
    r"would you like me to|here is an? (?:overview|explanation|summary)|i'?d be happy to",
    re.I)

_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|cf|Inc|No|St)\.|\b[A-Z]\.)$")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")


def is_chatter(text: str) -> bool:
    return bool(CHATTER.search(text))


def sentences(text: str) -> list[str]:
    """Split prose into sentences, not breaking after ``e.g.``, ``vs.`` and the like."""
    parts = _SPLIT.split(text.strip())
    out: list[str] = []
    for part in parts:
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + part
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


def words(text: str) -> int:
    return len(re.findall(r"[\w'’/%.,-]+", text))


def strip_end(text: str) -> str:
    return text.strip().rstrip(".;:").strip()


# -------------------------------------------------------------- key values

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
UNIT = (r"(?:\s?(?:%|percent\b|[KMGTP]i?B(?:/s(?:ec)?|ps)?\b|GiB\b|TiB\b|ms\b|milliseconds?\b|seconds?\b|secs?\b|"
        r"minutes?\b|mins?\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|months?\b|years?\b|TPS\b|AZs?\b|"
        r"GB/s\b|MB/sec\b))?")
# Count nouns ("30 brokers", "1,000 PUT records per second") stay visible: they say what the number counts.
QTY = rf"(?:\d+-(?:hour|day|minute|second|week|month|year|digit)s?\b|{NUM}{UNIT})(?:\s?\((?:[^()]*\d[^()]*)\))?"
_NOT_BEFORE = r"(?<![\w.$-])(?<![A-Za-z0-9]/)(?<!Domain )(?<!Rule )(?<!Step )(?<!Task )(?<!Statement )(?<!version )(?<!Version )"
_QTY_RE = re.compile(
    _NOT_BEFORE + rf"(?:(?:from\s+)?{QTY}\s*(?:to|–|-)\s*{QTY}|{QTY})(?![\w.]?\w)(?!:)")
_WORDNUM = re.compile(r"\b(?:twice|(?:one|two|three|four|five|six|seven|eight|nine|ten) times)\b"
                      r"|\bsingle-digit millisecond\b|\bsub-second\b", re.I)
_NEGATION = re.compile(r"\b(?:cannot|can ?not|can't|does not|do not|never)\b", re.I)
_GIVEAWAY = re.compile(r"^\s*(?:roles?|policies|keys?|buckets?|locations?|tables?|instances?|volumes?|logs?|jobs?|functions?|queues?|topics?|"
                       r"events?|ecosystems?|data|objects?|clusters?|streams?|API|event notifications)\b", re.I)
MIN_MENTION_SENTENCE = 8
GENERIC_SERVICES = {"ec2", "iam", "vpc", "cloudwatch", "support"}
"""Services so common that hiding their name asks nothing ("accessed from [EC2] Linux")."""
_PAY = re.compile(r"\byou pay (?:an? [\w-]+ rate,? )?(?:only )?(?:per|for|by|based on)\s+(?:the\s+)?(.+?)(?:[,.;]|$)", re.I)
"""Pricing dimensions ("you pay per shard hour and per PUT payload unit") are what an exam asks about cost."""
_ACRONYM = re.compile(r"\b([A-Z]{2,5}s?)\s+\((?!e\.g)[a-z][a-z ]{5,40}\)")
"""An acronym spelled out beside it ("the number of DPUs (data processing units)"): ask for the acronym."""
_SINGLE = re.compile(r"\b(?:only one|exactly one|at most one)\b", re.I)
_MEANS = re.compile(r"\b(?:achieve|achieves|guarantee|guarantees)\b.{3,60}?\b(?:using|by using|via|through|by)\s+"
                    r"(.+?)\.?$", re.I)


def key_spans(text: str, *, subject_ids: set[str] = frozenset(), mentions=None) -> list[tuple[int, int]]:
    """Spans of ``text`` that an exam would ask about, best kind first.

    Numbers with units and ranges first; else a negation (a yes/no property);
    else the one service the sentence names besides its subject.
    """
    spans = [(m.start(), m.end()) for m in _QTY_RE.finditer(text)]
    spans = [(s, e) for s, e in spans if _is_value(text[s:e]) or _COUNTED.match(text[e:])]
    spans += [(m.start(), m.end()) for m in _WORDNUM.finditer(text)
              if not any(s <= m.start() < e for s, e in spans)]
    if spans:
        return sorted(_strip_from(text, s, e) for s, e in spans)
    neg = [(m.start(), m.end()) for m in _NEGATION.finditer(text)]
    if len(neg) == 1:
        # Hide the whole negated predicate ("cannot be deleted or overwritten"), not the lone "cannot"
        # that the rest of the sentence gives away.
        start, end = neg[0]
        clause = re.match(r"[^,.;:()]*", text[end:]).group(0)
        if 1 <= words(clause) <= 7:
            end += len(clause.rstrip())
        return [(start, end)]
    single = [(m.start(), m.end()) for m in _SINGLE.finditer(text)]
    if len(single) == 1:
        return single
    m = _MEANS.search(text)
    if m and 1 <= words(m.group(1)) <= 10:
        return [(m.start(1), m.end(1))]
    m = _PAY.search(text)
    if m and 1 <= words(m.group(1)) <= 10:
        return [(m.start(1), m.end(1))]
    m = _ACRONYM.search(text)
    if m:
        return [(m.start(1), m.end(1))]
    if mentions is not None and words(text) >= MIN_MENTION_SENTENCE:
        related = set(subject_ids)
        for m in mentions:
            if m.service.id in subject_ids:
                related |= {m.service.family, m.service.parent} - {""}
        others = [m for m in mentions if m.service.id not in subject_ids and m.service.id not in GENERIC_SERVICES
                  and not ({m.service.family, m.service.parent, m.service.id} & related)]
        if len({m.service.id for m in others}) == 1 and len(others) == 1:
            m = others[0]
            in_list = re.search(r"(,|\bor|\band)\s*$", text[:m.start]) or re.match(r"\s*(,|or\b|and\b)", text[m.end:])
            if not _GIVEAWAY.match(text[m.end:]) and text[m.end:m.end + 2] not in ("’s", "'s") and not in_list:
                return [(m.start, m.end)]
    return []


_COUNTED = re.compile(r"\s+(?:[A-Z]+\s+)?(?:brokers?|shards?|instances?|records?|nodes?|partitions?|times|retries|AZs?|"
                      r"Availability Zones|consumers?|functions?|tables?|columns?|regions?|copies|replicas?|"
                      r"attempts?|days?|hours?|minutes?|seconds?|concurrent|[a-z]{3,}s)\b")


def _is_value(span: str) -> bool:
    """A bare small integer without a unit is rarely a value worth hiding (list numbers, counts in names)."""
    if re.fullmatch(r"\d{1,2}", span.strip()):
        return False
    return True


def _strip_from(text: str, s: int, e: int) -> tuple[int, int]:
    if text[s:e].lower().startswith("from "):
        s += 5
    return s, e


_TRAILING = re.compile(
    r"\s+(?:—|–)\s+.*$|,?\s+depending on\b.*$|\s+by (?:allowing|enabling|providing|leveraging)\b.*$|"
    r",\s+(?:\w+ly\s+)?(?:which|enabling|allowing|making|helping|thereby|especially|particularly|providing|so that|"
    r"while|ensuring|eliminating|reducing|leading to|resulting in|ideal for|suitable for|useful for|suiting)\b.*$", re.I)


def trim_clause(sentence: str, keep_until: int = 0) -> str:
    """Drop a trailing explanatory clause (", which …", ", enabling …") when what is left still says something."""
    m = _TRAILING.search(sentence)
    if m and m.start() >= keep_until and words(sentence[:m.start()]) >= 4:
        return sentence[:m.start()].rstrip(" ,;") + ("." if sentence.rstrip().endswith(".") else "")
    return sentence
