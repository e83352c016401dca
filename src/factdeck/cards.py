"""Turn facts into cards: final HTML fields, tags, subdeck and GUID.

Text from the notes is escaped here, once: HTML special characters and the
braces and ``::`` that Anki's cloze syntax would otherwise read.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import re
from urllib.parse import quote

import genanki

from .config import DeckConfig
from .model import Card, ClozeFact, Extraction, Fact, Note, QAFact, Segment
from .parse import strip_marks
from .lexicon import phrases, words_of
from .services import Catalog


def escape(text: str) -> str:
    """Plain text → field HTML that renders literally, inside a cloze too.

    ``[`` too: Anki reads ``[sound:…]`` as an audio button and ``[$]…[/$]`` as a LaTeX image.
    """
    return (html.escape(strip_marks(text), quote=False)
            .replace("{", "&#123;").replace("}", "&#125;").replace("::", ":&#58;").replace("[", "&#91;"))


def make_cards(config: DeckConfig, catalog: Catalog, note: Note, extraction: Extraction) -> list[Card]:
    return [make_card(config, catalog, note, fact) for fact in extraction.facts]


def make_card(config: DeckConfig, catalog: Catalog, note: Note, fact: Fact, images: tuple[str, ...] = ()) -> Card:
    """The card of a fact; ``images`` are media names of the pictures shown on its back (``media.py``)."""
    if note.title_from_name:
        # a title that is only the file's name ("Compiled output", "Memo1") tells a learner nothing
        parts = [p.strip() for p in fact.context.split("›")]
        if parts and parts[0] == note.title:
            fact = dataclasses.replace(fact, context=" › ".join(parts[1:]))
    if isinstance(fact, ClozeFact):
        segments = tidy_segments(fact.segments)
        text = "".join(f"{{{{c{s.cloze}::{escape(s.text)}}}}}" if s.cloze else escape(s.text) for s in segments)
        front = "".join("[…]" if s.cloze else s.text for s in segments)
        back = " / ".join(s.text for s in segments if s.cloze)
        context = card_context(fact, front, catalog)
        fields = (text, escape(context), source_html(config, fact, context, images))
    elif isinstance(fact, QAFact):
        front, back = tidy(fact.question), tidy(fact.answer)
        context = card_context(fact, front, catalog)
        fields = (escape(front), escape(back), escape(context), source_html(config, fact, context, images))
    else:
        front = f"{fact.attribute}: {fact.subject}?"
        context = card_context(fact, front, catalog)
        # the hidden separator keeps the entries apart where a card is read as plain text (screen readers,
        # exports); it sits inside the item, as a list holds only items
        last = len(fact.values) - 1
        rows = "".join(f"<li><b>{escape(e)}:</b> {escape(tidy(v))}" + ('<span class="sep">; </span>' if i < last else "")
                       + "</li>" for i, (e, v) in enumerate(fact.values))
        fields = (escape(front), f'<ul class="compare">{rows}</ul>', escape(context),
                  source_html(config, fact, context, images))
        back = "; ".join(f"{e}: {tidy(v)}" for e, v in fact.values)
    domain = note.domain_at(fact.where.line)
    return Card(fact.kind, fact.key, guid_for(config, fact.key), fields, tags_for(config, catalog, note, fact, domain),
                domain, fact.where, strip_marks(front), strip_marks(back), strip_marks(fact.subject),
                strip_marks(fact.context))


def guid_for(config: DeckConfig, key: str) -> str:
    return genanki.guid_for(config.slug, key)


def tags_for(config: DeckConfig, catalog: Catalog, note: Note, fact: Fact, domain: int) -> tuple[str, ...]:
    """Domain, the services the fact is about (none when it names none: a file's first service is not
    what every card of the file is about), kind, and the note's own tags."""
    slug = config.slug
    tags = [f"{slug}::domain::{config.domain(domain).slug}"] if domain else []
    tags += [f"{slug}::domain::{config.domain(d).slug}" for d in note.domains[1:]]
    for sid in fact.services:
        if sid not in catalog.by_id:
            continue
        tags.append(f"{slug}::service::" + "::".join([*catalog.parents(sid), sid]))
    tags.append(f"{slug}::kind::{fact.kind}")
    tags += note.tags
    return tuple(dict.fromkeys(tags))


# ---------------------------------------------------------------- the source line (back only)


def source_html(config: DeckConfig, fact: Fact, shown_context: str, images: tuple[str, ...] = ()) -> str:
    """The Source field: pictures of the fact's paragraph or section, then one small line with the full
    heading path (when the context line shows less of it) and the source — a link to the line when
    ``deck.yaml`` sets ``repository``. The source is always the ``.ref`` element (``render.py`` reads it)."""
    ref = escape(str(fact.where))
    if config.repository and fact.where.line:
        url = f"{config.repository}/{quote(fact.where.path)}#L{fact.where.line}"
        ref = f'<a class="ref" href="{html.escape(url)}">{ref}</a>'
    else:
        ref = f'<span class="ref">{ref}</span>'
    full = strip_marks(fact.context).strip()
    line = (f'<span class="path">{escape(full)}</span> · ' if full and full != shown_context else "") + ref
    pics = "".join(f'<img src="{html.escape(name)}" alt="">' for name in images)
    return (f'<div class="pics">{pics}</div>' if pics else "") + f'<div class="where">{line}</div>'


def read_source_fields(context_html: str, source_html_: str) -> tuple[str, str]:
    """(full context, source) of a packaged note, from its Context and Source fields (``source_html``'s
    layout; a plain ``notes/x.md:12`` Source of older decks reads as itself)."""
    def plain(h: str) -> str:
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", h))).strip()

    ref = re.search(r'class="ref"[^>]*>([^<]*)<', source_html_)
    path = re.search(r'<span class="path">([^<]*)</span>', source_html_)
    return (plain(path.group(1) if path else context_html),
            plain(ref.group(1)) if ref else plain(re.sub(r'<div class="pics">.*?</div>', "", source_html_)))


# ---------------------------------------------------------------- the context line

CONTEXT_LIMIT = 60
_WORD = re.compile(r"[^\W_]+", re.U)
_STOP = frozenset("a an and the of in on for to with by vs versus or at from its it is are how what when why "
                  "amazon aws apache".split())
_GENERIC = words_of("section_kind_words") | words_of("classifying_words") | _STOP
"""A section's kind ("Key Features", "Exam Pointers"), not its topic: never a context line on its own."""
_LEAD_IN = re.compile(r"^(?:(?:an\s+)?overview\s+of|introduction\s+to|explanation\s+of|understanding|review(?:ing)?|"
                      r"learn(?:ing)?\s+about|what\s+(?:is|are)(?:\s+(?:an?|the))?|"
                      rf"(?:(?:{'|'.join(sorted(words_of('section_kind_words')))}|and|&)\s+)+(?:of|on|for|in|about))\s+(?=\w)",
                      re.I)
"""A heading's opening that only says a section follows: "Overview of", "What is", "Key Aspects of"."""
_PAGE_KIND = re.compile(rf"\s*(?:\s[–—-]|:)\s+(?:{phrases('page_kind_words')})\b.*$|"
                        rf"\s+(?:{phrases('page_kind_words')})$", re.I)
"""What a title calls its page ("Amazon Athena – Deep Dive (…)", "Kinesis cheat sheet"): not its topic."""
_ASIDE = re.compile(r"\s*\((?:also\s+)?(?:known\s+as|called|aka|a\.k\.a\.|i\.e\.|e\.g\.)[^()]*\)", re.I)
_INSTRUCTION = re.compile(rf"^(?:{phrases('instruction_heads')})\s+\w", re.I)
_STATEMENT = re.compile(rf"\s(?:{phrases('statement_verbs')})(?:\s|$)|^(?:{phrases('statement_verbs')})\s", re.I)
_DOCUMENT = re.compile(rf"\b(?:{phrases('document_words')}|{phrases('certification_names')})\b", re.I)
_DOCUMENT_TITLE = re.compile(rf"\b(?:{phrases('document_title_words')})\b", re.I)
"""Words that make a note's whole title a document's name ("… Exam Revision Guide", "Questions Stuff")."""
_NUMBERING = re.compile(r"^(?:(?:step|part|section|chapter|domain|module|lesson|unit)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.):]\s+", re.I)
_ACRONYM = re.compile(r"\b[\w&./-]+(?:\s+[\w&./-]+){0,5}\s+\(([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\)")
_NUMBERED_ONLY = re.compile(r"^(?:(?:\w+\s+)*(?:in|of)\s+)?(?:step|part|section|chapter|domain|module|lesson|unit)\s+"
                           r"(?:\d+(?:\.\d+)*|[ivx]+)$", re.I)
_VENDOR = re.compile(r"\b(?:Amazon|AWS|Apache)\s+(?=\w)")


def _parts(context: str) -> list[str]:
    return [" ".join(p.split()) for p in strip_marks(context).split("›") if p.strip()]


_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_SCRIPT_RUN = re.compile(rf"[a-z0-9]+(?=[{_CJK_CHARS}])|(?<=[{_CJK_CHARS}])[a-z0-9]+|[{_CJK_CHARS}]+")


def _words(text: str) -> set[str]:
    out = set()
    # a name written straight into a word of another script ("Glueワークフロー") is said too
    for w in _WORD.findall(text.casefold()) + _SCRIPT_RUN.findall(text.casefold()):
        out.add(w)
        if len(w) > 3 and w.endswith("s"):
            out.add(w[:-1])
    return out


def _said(part: str, question: set[str]) -> bool:
    """The question already says this heading: every word of it that carries meaning is in the question (the
    words that only name a kind of section, "Key Aspects of", say nothing either way)."""
    words = _meaning_words(part) - _GENERIC
    return bool(words) and all(w in question or (w.endswith("s") and w[:-1] in question) for w in words)


@functools.lru_cache(maxsize=1 << 14)  # a heading is the context of many cards
def _meaning_words(part: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(part.casefold()) if w not in _STOP)


@functools.lru_cache(maxsize=1 << 14)
def _context_parts(context: str) -> tuple[str, ...]:
    """The headings of a context line that may stand on a card, tidied (empty ones left out): never a
    document's name ("AWS SAA Study Guide"), a heading that is an instruction ("Use Lambda@Edge") or a
    statement ("NATGW is a 1:N NAT model") — those are read with their lines, not above one of them."""
    out = []
    for n, p in enumerate(_parts(context)):
        p = _tidy_heading(_DECOR.sub("", p))
        if _DOCUMENT.search(p) or n == 0 and _DOCUMENT_TITLE.search(p):
            continue  # the first heading is the note's title
        used = re.match(r"use\s+((?:\S+\s+){0,2}\S+)$", p, re.I)
        if used:  # "Use Lambda@Edge": the tool its lines are about
            p = used.group(1)[:1].upper() + used.group(1)[1:]
        if p and not _INSTRUCTION.match(p) and not _STATEMENT.search(p):
            out.append(p)
    return tuple(out)


@functools.lru_cache(maxsize=1 << 14)
def _generic(part: str) -> bool:
    words = [w for w in _WORD.findall(part.casefold()) if not w.isdigit()]
    return all(w in _GENERIC and w not in ("aws", "amazon", "apache") for w in words)  # "AWS Fundamentals": a topic


@functools.lru_cache(maxsize=1 << 14)
def _key_words(text: str) -> frozenset[str]:
    """The words of a text that carry its meaning, singular: what a heading and an answer may share."""
    out = set()
    for w in _WORD.findall(text.casefold()):
        if len(w) > 3 and w not in _COMMON and not w.isdigit():
            out.add(w[:-1] if w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


_COMMON = _GENERIC | words_of("stop_words") | words_of("name_filler")
_TAIL = re.compile(r"^(.+?)\s+(?:in|of|for|on|with|within)\s+(.+)$", re.I)
"""A heading's topic and the thing it is about ("Cost optimization in EMR"): the second may be the question's."""
_COMPARING = re.compile(r"\b(?:vs\.?|versus)\s", re.I)


def gives_away(part: str, hidden: str) -> bool:
    """The heading says a word of the hidden answer ("Schema Versioning" above "[data schema] over time"). A
    comparison's heading names both sides: which one is the question. A long answer sharing a word is more
    than the heading says ("Instance Fleets" above "how many instances you want in the fleet")."""
    if not hidden or _COMPARING.search(part):
        return False
    asked = _key_words(hidden)
    return len(asked) <= 4 and bool(_key_words(part) & asked)


@functools.lru_cache(maxsize=1 << 14)  # the filters and the card writer ask it of the same fact several times
def short_context(context: str, question: str, limit: int = CONTEXT_LIMIT, hidden: str = "") -> str:
    """The context line of a card: the most specific heading of ``context`` ("Topic › Section › …") that
    the question does not already say, shortened to about ``limit`` characters for a phone.

    At most one heading, and only one that tells the learner something: a generic heading ("Key Features",
    "Exam Pointers") gives way to its nearest unsaid parent, or to no line; so does a heading that says a word
    of the ``hidden`` answer, and one that cannot be shortened without a cut. Returns "" when nothing is left
    (the card then shows no context line).
    """
    question_words = _words(question)
    parts = _context_parts(context)
    others = _other_topics(parts, question, hidden)
    unsaid = [p for p in parts if not _said(p, question_words) and not _generic(p)
              and not gives_away(p, hidden) and p not in others]
    for part in reversed(unsaid):  # a heading cut short ("… vs Spark Structured…") is debris: a shorter parent
        said_tail = _TAIL.match(part)
        if said_tail and _said(said_tail.group(2), question_words) and not _generic(said_tail.group(1)):
            part = said_tail.group(1)  # "Cost optimization in EMR" above "Amazon EMR — …": "Cost optimization"
        line = shorten(part, limit)
        if not line.endswith("…"):
            return line
    return ""


_LIST = re.compile(r"\s*(?:[,;]\s*(?:(?:and|&)\s+)?|\s(?:and|&|vs\.?|versus)\s+)", re.I)


def _items(part: str) -> list[str]:
    """The topics a heading lists ("EMRFS, EFS and EBS; Athena vs Redshift Spectrum"), or none."""
    items = [i for i in (x.strip(" .") for x in _LIST.split(part)) if _meaning_words(i) - _COMMON]
    return items if len(items) >= 2 else []


@functools.lru_cache(maxsize=1 << 14)
def _names(item: str, text: str, catalog: Catalog | None) -> bool:
    """``text`` names the topic ``item``: the service it is (with the catalog), all the words of a longer name,
    or a one-word name as written ("Support" is not "supports scripting", "EBS" is not "ebs-optimized")."""
    service = catalog.exact(item) if catalog is not None else None
    if service is not None and service.id in catalog.ids(text):
        return True
    if len(_meaning_words(item)) > 1:
        return _said(item, _words(text))
    return re.search(rf"(?<![\w-]){re.escape(item)}s?(?![\w-])", text) is not None


@functools.lru_cache(maxsize=1 << 14)  # the filters and the card writer ask it of the same fact several times
def _other_topics(parts: tuple[str, ...], front: str, hidden: str, catalog: Catalog | None = None) -> tuple[str, ...]:
    """Headings about other topics than the card's: a heading listing several topics ("EMRFS, EFS and EBS",
    "Athena vs Redshift Spectrum", "Cold Starts and Warm Starts") above a front that names one of them is
    about the others too, not this card — unless the hidden answer names another of them (the card asks
    which of them). A heading above it that names only the others ("Amazon FSx" over "FSx vs EFS vs EBS" above an EBS
    card) goes with it."""
    out: set[str] = set()
    rest: list[str] = []
    for part in parts:
        items = _items(part)
        unnamed = [i for i in items if not _names(i, front, catalog)]
        if len(unnamed) == len(items) or hidden and any(_names(i, hidden, catalog) for i in unnamed):
            continue
        out.add(part)
        rest += unnamed
    if rest:
        words = set().union(*(_meaning_words(i) for i in rest))
        ids = set(catalog.ids(" ; ".join(rest))) if catalog is not None else set()
        for part in parts:
            own = set(catalog.ids(part)) if catalog is not None else set()
            if own and own <= ids or not own and _meaning_words(part) - _GENERIC <= words \
                    and _meaning_words(part) - _GENERIC:
                out.add(part)
    return tuple(p for p in parts if p in out)


def card_context(fact: Fact, front: str, catalog: Catalog | None = None) -> str:
    """The context line a card shows: ``short_context``, led by the fact's subject when neither that line nor
    the front names a service and the subject does ("Each function can use up to […] of /tmp" under
    "Storage and State" becomes "AWS Lambda › Storage and State") and the headings above the fact name it too.
    A subject hidden on the card is not shown: it would give the answer away; nor is a heading that names
    only the service the front already names ("Dynamo streams" above "Amazon DynamoDB Streams — …")."""
    hidden = hidden_text(fact)
    said = front
    if catalog is not None:
        parts = _context_parts(fact.context)
        named = [i for i, p in enumerate(parts) if _names_only(catalog, p, front)]
        if named:
            # the section is about the front's service: a heading above it that names services of another
            # family is about them ("Kinesis Data Streams" above "MSK"), not this card ("EMR" above "EMRFS" is)
            kin = catalog.related(catalog.ids(front))
            said += "".join(" " + p for i, p in enumerate(parts)
                            if i in named or i < named[-1] and set(catalog.ids(p)) - kin)
        said += "".join(" " + p for p in _other_topics(parts, front, hidden, catalog))
    line = short_context(fact.context, said, hidden=hidden)
    if catalog is None or catalog.mentions(f"{line} {front}"):
        return line
    subject = strip_marks(fact.subject)
    ids = set(catalog.ids(subject))
    if not ids & set(catalog.ids(fact.context)):
        return line  # only a subject the note's headings name: a subject taken from a neighbour is not said
    said = set(re.findall(r"\w+", subject.casefold())) - words_of("name_filler")
    if ids & set(catalog.ids(hidden)) or said & set(re.findall(r"\w+", hidden.casefold())):
        return line  # "Route […]" hiding "53": "Amazon Route 53" above it would say it
    named = shorten(subject)
    both = f"{named} › {line}" if line else named
    return both if len(both) <= CONTEXT_LIMIT else named


def hidden_text(fact: Fact) -> str:
    """What the card hides: the cloze's deletions, the answer."""
    if isinstance(fact, ClozeFact):
        return " ".join(strip_marks(s.text) for s in fact.segments if s.cloze)
    if isinstance(fact, QAFact):
        return strip_marks(fact.answer)
    return ""


def _names_only(catalog: Catalog, part: str, front: str) -> bool:
    """The heading names only services the front names, with nothing but section words beside them."""
    mentions = catalog.mentions(part)
    if not mentions or not set(catalog.ids(part)) <= set(catalog.ids(front)):
        return False
    rest = part
    for m in reversed(mentions):
        rest = rest[:m.start] + " " + rest[m.end:]
    return _generic(rest)


def _tidy_heading(part: str) -> str:
    part = _NUMBERING.sub("", part).strip(" :-–—")
    if _NUMBERED_ONLY.match(part):  # "Knowledge Areas in Domain 3" says only where in a syllabus it stands
        return ""
    part = _LEAD_IN.sub("", _ASIDE.sub("", part)).rstrip(" ?")
    topic = _PAGE_KIND.sub("", part)
    if _meaning_words(topic):  # "AWS Fundamentals" is a topic: "AWS" alone would say nothing
        part = topic
    return part[:1].upper() + part[1:]


@functools.lru_cache(maxsize=1 << 12)  # the same few headings, shortened for every card under them
def shorten(text: str, limit: int = CONTEXT_LIMIT) -> str:
    """A heading made to fit ``limit`` characters: acronyms for their spelled-out names, other
    parentheses, vendor prefixes and a trailing clause left out; last, a cut at a word with "…"."""
    steps = (lambda t: _ACRONYM.sub(r"\1", t),
             lambda t: re.sub(r"\s*\([^()]*\)", "", t),
             lambda t: _VENDOR.sub("", t),
             lambda t: re.split(r"\s*(?::|;|\s[—–-])\s+", t)[0] if len(re.split(r"\s*(?::|;|\s[—–-])\s+", t)[0]) >= 12 else t)
    for step in steps:
        if len(text) <= limit:
            return text
        text = " ".join(step(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-&")
    return (cut or text[:limit - 1]) + "…"


# ---------------------------------------------------------------- spacing around punctuation

_SPACE_BEFORE = re.compile(r"\s+(?=[,;)\]]|[.:!?](?:\s|$|[)\]\"'”’]))")
_SPACE_AFTER = re.compile(r"(?<=[(\[])\s+")
_BULLET = re.compile(r"(?:^|(?<=[—–] ))[*+•]\s+(?=\S)")
"""A list marker left at the start of a value ("Amazon API Gateway — * can invoke …"): debris, not text."""
_DECOR = re.compile("(?:(?![\u274C\u274E\u2716-\u2718\u26D4\U0001F6AB\U0001F44E])[\u2600-\u2793\u2B50-\u2BFF"
                    "\U0001F000-\U0001FAFF][\uFE0F\u200D]*)+\\s*(?=[\\w(\"“])")
"""A pictograph before a word ("→ ✅ Athena", "🚀 Exam tips"): decoration. A cross (❌ ✖ ✗ ✘) says "not this one"
and stays, as does a symbol standing alone (a filter judges a bare symbol as an answer)."""


def tidy(text: str) -> str:
    """No space before ``,;)`` (nor before ``.:`` that end a clause — ``.csv`` keeps its space), none after ``(``."""
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", _BULLET.sub("", _DECOR.sub("", text))))


def tidy_segments(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """``tidy`` across the whole cloze text: a space before a comma that follows a deletion goes too.

    A deletion's own leading or trailing space moves outside it (``{{c1:: 24h }}`` hides "24h");
    a deletion never becomes empty.
    """
    pieces: list[Segment] = []
    for s in segments:
        if s.cloze and s.text.strip():
            lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", s.text, re.S).groups()
            pieces += [Segment(lead), Segment(core, s.cloze), Segment(trail)]
        else:
            pieces.append(s)
    owner = [i for i, s in enumerate(pieces) for _ in s.text]
    full = "".join(s.text for s in pieces)
    drop = set()
    for rx in (_SPACE_BEFORE, _SPACE_AFTER, _BULLET, _DECOR):
        for m in rx.finditer(full):
            drop.update(range(m.start(), m.end()))
    for m in re.finditer(r"\s{2,}", full):  # two spaces where a deletion met its neighbour
        drop.update(range(m.start() + 1, m.end()))
    texts = [""] * len(pieces)
    for i, ch in enumerate(full):
        if i not in drop:
            texts[owner[i]] += ch
    out: list[Segment] = []
    for s, t in zip(pieces, texts):
        if s.cloze and not t.strip():
            t = s.text  # never hide nothing
        if not t:
            continue
        if out and not s.cloze and not out[-1].cloze:
            out[-1] = Segment(out[-1].text + t)
        else:
            out.append(Segment(t, s.cloze))
    return tuple(out)
