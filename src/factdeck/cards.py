"""Turn facts into cards: final HTML fields, tags, subdeck and GUID.

Text from the notes is escaped here, once: HTML special characters and the
braces and ``::`` that Anki's cloze syntax would otherwise read.
"""
from __future__ import annotations

import html

import genanki

from .config import DeckConfig
from .model import Card, ClozeFact, CompareFact, Extraction, Fact, Note, QAFact
from .parse import strip_marks
from .services import Catalog


def escape(text: str) -> str:
    """Plain text → field HTML that renders literally, inside a cloze too.

    ``[`` too: Anki reads ``[sound:…]`` as an audio button and ``[$]…[/$]`` as a LaTeX image.
    """
    return (html.escape(strip_marks(text), quote=False)
            .replace("{", "&#123;").replace("}", "&#125;").replace("::", ":&#58;").replace("[", "&#91;"))


def make_cards(config: DeckConfig, catalog: Catalog, note: Note, extraction: Extraction) -> list[Card]:
    return [make_card(config, catalog, note, fact) for fact in extraction.facts]


def make_card(config: DeckConfig, catalog: Catalog, note: Note, fact: Fact) -> Card:
    source = escape(str(fact.where))
    context = escape(fact.context)
    if isinstance(fact, ClozeFact):
        text = "".join(f"{{{{c{s.cloze}::{escape(s.text)}}}}}" if s.cloze else escape(s.text) for s in fact.segments)
        fields = (text, context, source)
        front = "".join("[…]" if s.cloze else s.text for s in fact.segments)
        back = " / ".join(s.text for s in fact.segments if s.cloze)
    elif isinstance(fact, QAFact):
        fields = (escape(fact.question), escape(fact.answer), context, source)
        front, back = fact.question, fact.answer
    else:
        front = f"{fact.attribute}: {fact.subject}?"
        # the hidden separator keeps the entries apart where a card is read as plain text (screen readers, exports)
        rows = '<span class="sep">; </span>'.join(f"<li><b>{escape(e)}:</b> {escape(v)}</li>" for e, v in fact.values)
        fields = (escape(front), f'<ul class="compare">{rows}</ul>', context, source)
        back = "; ".join(f"{e}: {v}" for e, v in fact.values)
    domain = note.domain_at(fact.where.line)
    return Card(fact.kind, fact.key, guid_for(config, fact.key), fields, tags_for(config, catalog, note, fact, domain),
                domain, fact.where, strip_marks(front), strip_marks(back), strip_marks(fact.subject),
                strip_marks(fact.context))


def guid_for(config: DeckConfig, key: str) -> str:
    return genanki.guid_for(config.slug, key)


def tags_for(config: DeckConfig, catalog: Catalog, note: Note, fact: Fact, domain: int) -> tuple[str, ...]:
    slug = config.slug
    tags = [f"{slug}::domain::{config.domain(domain).slug}"] if domain else []
    tags += [f"{slug}::domain::{config.domain(d).slug}" for d in note.domains[1:]]
    services = fact.services or tuple(s for s in note.services[:1] if s in catalog.by_id)
    for sid in services:
        if sid not in catalog.by_id:
            continue
        tags.append(f"{slug}::service::" + "::".join([*catalog.parents(sid), sid]))
    tags.append(f"{slug}::kind::{fact.kind}")
    tags += note.tags
    return tuple(dict.fromkeys(tags))
