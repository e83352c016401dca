"""What the learner sees of a card: a short context line, clean spacing around punctuation, the source line,
tags only for the services a card is about (``cards.py``)."""
from __future__ import annotations

import pytest

from factdeck.cards import make_card, read_source_fields, short_context, shorten, tidy, tidy_segments
from factdeck.config import DeckConfig
from factdeck.errors import Location
from factdeck.model import ClozeFact, CompareFact, Note, Segment
from factdeck.services import Catalog


@pytest.mark.parametrize("context, question, expected", [
    # the section the question does not say, its lead-in ("Review …") left out
    ("Comparing AWS ingestion services › Review operational characteristics of AWS ingestion services",
     "Amazon SQS FIFO — data retention period: Max up to […]", "Operational characteristics of AWS ingestion services"),
    # a comparison's own "A vs B" heading is what its question says: the topic instead
    ("Comparing AWS ingestion services › Amazon SQS Standard vs Amazon SQS FIFO",
     "Delivery (deduping): Amazon SQS Standard vs Amazon SQS FIFO?", "Comparing AWS ingestion services"),
    # everything said already: no context line
    ("AWS Lambda › Timeout", "AWS Lambda — timeout: […]", ""),
    # a generic heading keeps its parent in front when the question does not name it
    ("Amazon Redshift › Limitations and Considerations", "Concurrency scaling — up to […] clusters",
     "Amazon Redshift › Limitations and Considerations"),
    ("Amazon Redshift › Limitations and Considerations", "Amazon Redshift — up to […] clusters",
     "Limitations and Considerations"),
    # numbering is not context
    ("Kinesis › 2. Resharding", "Amazon Kinesis Data Streams — a shard split takes […]", "Resharding"),
    # a bare label names no subject: under a subject it keeps the subject, alone (or under a document's
    # name) it is no context line at all
    ("Amazon RDS › Cons", "Aurora — performance improves with […]", "Amazon RDS › Cons"),
    ("My SAA Study Guide › Cons", "Amazon RDS — performance improves with […]", ""),
    ("Tiers", "AWS Elastic Beanstalk: what is a worker tier?", ""),
    ("Storage gateway › Types", "Tape Gateway — […] backed by S3", "Storage gateway › Types"),
])
def test_short_context(context, question, expected):
    assert short_context(context, question) == expected


def test_long_headings_are_shortened_for_a_phone():
    heading = "EMR File System (EMRFS) vs Amazon Elastic File System vs Amazon Elastic Block Store"
    assert shorten(heading) == "EMRFS vs Elastic File System vs Elastic Block Store"
    assert shorten("Amazon Kinesis Data Firehose: delivery streams, buffering hints and record transformation") \
        == "Kinesis Data Firehose"
    cut = shorten("A very long heading " * 6)
    assert len(cut) <= 60 and cut.endswith("…") and not cut.endswith(" …")
    assert shorten("Short enough") == "Short enough"


def test_tidy_spacing_around_punctuation():
    assert tidy("retention (default 24h , max 7 days ) .") == "retention (default 24h, max 7 days)."
    assert tidy("Default is 4 days .") == "Default is 4 days."
    assert tidy("stores .csv and .json files ; see ( below )") == "stores .csv and .json files; see (below)"


def test_tidy_segments_across_cloze_boundaries():
    segments = (Segment("retention ( default "), Segment(" 24h ", 1), Segment(" , max "), Segment("7 days", 2),
                Segment(" ) ."))
    out = tidy_segments(segments)
    assert out == (Segment("retention (default "), Segment("24h", 1), Segment(", max "), Segment("7 days", 2),
                   Segment(")."))
    assert tidy_segments((Segment(" "), Segment(" ", 1))) [-1] == Segment(" ", 1)  # a deletion never hides nothing


CONFIG = DeckConfig("Test", "test", "", "", (), (), "notes")
NOTE = Note("notes/a.md", "Topic", (), ("lambda",), "")


def cloze(services=(), context="Topic › Section") -> ClozeFact:
    return ClozeFact("k", "Exactly Once", context, Location("notes/a.md", 15), services,
                     (Segment("Default is "), Segment("4 days", 1), Segment(" .")))


def test_card_fields_context_source_and_tags():
    catalog = Catalog(CONFIG)
    card = make_card(CONFIG, catalog, NOTE, cloze())
    text, context, source = card.fields
    assert text == "Default is {{c1::4 days}}." and context == "Section"
    assert source == ('<div class="where"><span class="path">Topic › Section</span> · '
                      '<span class="ref">notes/a.md:15</span></div>')
    assert read_source_fields(context, source) == ("Topic › Section", "notes/a.md:15")
    # the note's first service is not what every card is about
    assert not any("::service::" in t for t in card.tags), card.tags
    tagged = make_card(CONFIG, catalog, NOTE, cloze(("sqs-fifo",)))
    assert "test::service::sqs::sqs-fifo" in tagged.tags, tagged.tags
    linked = make_card(CONFIG.__class__(**{**{f: getattr(CONFIG, f) for f in CONFIG.__slots__},
                                           "repository": "https://github.com/u/r/blob/main"}),
                       catalog, NOTE, cloze(), ("fd-0123456789abcdef.png",))
    assert ('<a class="ref" href="https://github.com/u/r/blob/main/notes/a.md#L15">notes/a.md:15</a>'
            in linked.fields[2])
    assert linked.fields[2].startswith('<div class="pics"><img src="fd-0123456789abcdef.png" alt=""></div>')


def test_comparison_list_holds_only_items():
    fact = CompareFact("c", "Amazon SQS Standard vs Amazon SQS FIFO", "T › Amazon SQS Standard vs Amazon SQS FIFO",
                       Location("notes/a.md", 3), ("sqs",), "Delivery",
                       (("Amazon SQS Standard", "At least once"), ("Amazon SQS FIFO", "Exactly once")))
    card = make_card(CONFIG, Catalog(CONFIG), NOTE, fact)
    back = card.fields[1]
    assert back.startswith('<ul class="compare"><li>') and back.endswith("</li></ul>")
    assert "</li><li>" in back and "</li><span" not in back and "</span><li>" not in back
    assert card.fields[2] == "T"


def test_a_stray_list_marker_is_not_shown():
    assert tidy("* can invoke DynamoDB without Lambda") == "can invoke DynamoDB without Lambda"
    assert tidy("Amazon API Gateway — * can invoke DynamoDB") == "Amazon API Gateway — can invoke DynamoDB"
    assert tidy("2 * 3 GB") == "2 * 3 GB"
    segs = tidy_segments((Segment("API Gateway — * can invoke "), Segment("DynamoDB", 1), Segment(" directly")))
    assert "".join(s.text for s in segs) == "API Gateway — can invoke DynamoDB directly"
