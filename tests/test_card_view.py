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
    # a generic heading ("Limitations and Considerations", "Cons", "Types") is never the line: its nearest
    # unsaid parent is, or nothing
    ("Amazon Redshift › Limitations and Considerations", "Concurrency scaling — up to […] clusters",
     "Amazon Redshift"),
    ("Amazon Redshift › Limitations and Considerations", "Amazon Redshift — up to […] clusters", ""),
    # numbering is not context
    ("Kinesis › 2. Resharding", "Amazon Kinesis Data Streams — a shard split takes […]", "Resharding"),
    ("Exam prep › Domain 2: Storage Choices", "Which store suits key lookups?", "Storage Choices"),
    ("Amazon RDS › Cons", "Aurora — performance improves with […]", "Amazon RDS"),
    ("My SAA Study Guide › Cons", "Amazon RDS — performance improves with […]", ""),
    ("Tiers", "AWS Elastic Beanstalk: what is a worker tier?", ""),
    ("Storage gateway › Types", "Tape Gateway — […] backed by S3", "Storage gateway"),
    ("Amazon SQS › Anti-patterns", "Amazon SQS — not for messages over […]", ""),
    ("Queues › Exam Pointers", "Which one keeps order?", "Queues"),
    ("Pricing models › Two types", "Compute plan — up to […] off", "Pricing models"),
    # a document's name is never the line: a study guide, a certification's name, a title's page kind
    ("Cloud Practitioner Study Guide › Pricing", "Savings Plans commit for […]", "Pricing"),
    ("AWS Solutions Architect Handbook", "Amazon S3 — objects up to […]", ""),
    ("Certified Developer Exam Prep", "Amazon SQS — messages up to […]", ""),
    ("Amazon Athena – Deep Dive (Use Cases, Formats)", "Billed per […] scanned", "Amazon Athena"),
    ("Kinesis Cheat Sheet", "a shard takes […] writes", "Kinesis"),
    ("AWS Fundamentals", "the framework has […] pillars", "AWS Fundamentals"),
    # the words that say "a section follows" are not what the question must say
    ("Notes › Key Aspects of Amazon Redshift", "What is Amazon Redshift?", ""),
    ("Compute › What is a Placement Group?", "Spread — at most […] instances per AZ", "Placement Group"),
    ("Storage classes (also known as tiers)", "Glacier — minimum duration: […]", "Storage classes"),
    # a heading that is an instruction or a statement is read with its lines, never shown above one of them
    ("Edge compute › Use Lambda at the edge", "CloudFront Functions […] the origin", "Edge compute"),
    ("Edge compute › Use Lambda@Edge", "Functions run for at most […] per viewer request", "Lambda@Edge"),
    ("Improve throughput for big uploads", "split files into parts of at least […]", ""),
    ("Networking › NAT gateway is one-to-many", "Amazon VPC — a NAT gateway uses […] public IP", "Networking"),
    ("Streaming › What Each Service Does", "Firehose — primary role: […]", "Streaming"),
    ("Decision guide › When to use queues vs topics", "Fan-out — which one?", "When to use queues vs topics"),
    # a heading that only fits when cut short ("… vs Spark Structured…") gives way to a shorter parent, or none
    ("Streams › Message Queues vs Append-only Logs vs Pub-Sub Brokers vs Stream Processors compared",
     "Amazon MSK — primary role: […]", "Streams"),
    ("Message Queues vs Append-only Logs vs Pub-Sub Brokers vs Stream Processors compared › What Each Does",
     "Amazon MSK — primary role: […]", ""),
])
def test_short_context(context, question, expected):
    assert short_context(context, question) == expected


@pytest.mark.parametrize("context, question, hidden, expected", [
    # the heading says the answer's word: the parent instead, or no line
    ("Metadata › Schema History", "Glue keeps track of changes to […]", "table schemas", "Metadata"),
    ("Service map › Compute", "What is Lambda?", "Serverless compute", "Service map"),
    ("Compute", "What is Lambda?", "Serverless compute", ""),
    # a long answer sharing one word is more than the heading says; a comparison names both sides
    ("Instance Fleets", "Amazon EMR — target capacity: what does it set?",
     "how many instances or units of capacity the fleet should hold", "Instance Fleets"),
    ("Queues vs Topics", "Fan-out to many subscribers — which one?", "topics", "Queues vs Topics"),
])
def test_short_context_without_the_answer(context, question, hidden, expected):
    assert short_context(context, question, hidden=hidden) == expected


def test_a_heading_naming_the_fronts_service_is_not_shown():
    from factdeck.cards import card_context

    def fact(context, subject, text):
        return ClozeFact("k", subject, context, Location("n.md", 3), (),
                         (Segment(text), Segment("24 hours", 1), Segment(".")))
    catalog = Catalog(CONFIG)
    streams = fact("Memo › Dynamo streams", "Amazon DynamoDB Streams", "Amazon DynamoDB Streams — records stay for ")
    front = "Amazon DynamoDB Streams — records stay for […]."
    assert card_context(streams, front, catalog) == ""
    # a heading above it that names another service is about that one; one that names none may stay
    msk = fact("Kinesis Data Streams › Amazon MSK", "Amazon MSK", "Amazon MSK — brokers keep data for ")
    assert card_context(msk, "Amazon MSK — brokers keep data for […].", catalog) == ""
    assert card_context(fact("Streaming › Amazon MSK", "Amazon MSK", "Amazon MSK — brokers keep data for "),
                        "Amazon MSK — brokers keep data for […].", catalog) == "Streaming"
    assert card_context(streams, front) == "Dynamo streams"  # without the catalog, the words decide


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


def _fact(context, text, hidden, subject=""):
    return ClozeFact("k", subject, context, Location("n.md", 3), (), (Segment(text), Segment(hidden, 1)))


@pytest.mark.parametrize("context, text, hidden, expected", [
    # a heading listing several topics, one of which the front names: the others are not this card's topic
    ("Messaging › SQS, SNS and Kinesis; Lambda vs Fargate", "Amazon SQS — a message waits at most ", "14 days",
     "Messaging"),
    ("Storage › Amazon EFS vs Amazon EBS", "Amazon Elastic Block Store — attaches to ", "one instance", "Storage"),
    # the heading above it that names only the other topics goes with it
    ("Amazon FSx › Amazon FSx vs Amazon EFS vs Amazon EBS", "Amazon EBS — attaches to ", "one instance", ""),
    # words as well as names: "Cold Starts" is what the front says
    ("Tuning › Cold Starts and Warm Starts", "AWS Lambda — SnapStart shortens cold starts to ", "sub-second", "Tuning"),
    # the hidden answer names another topic of the list: the card asks which of them, the list is its context
    ("Caching › DAX vs ElastiCache", "For microsecond reads in front of DynamoDB use ", "DAX rather than ElastiCache",
     "DAX vs ElastiCache"),
    # a list the front names nothing of is the topic
    ("Amazon Redshift › Nodes and Slices", "Amazon Redshift — load from files of ", "1 MB to 1 GB", "Nodes and Slices"),
    # a one-word topic is named only as written: "supports" is not the topic "Support"
    ("Operations and Support", "AWS Glue DataBrew — supports ", "recipes", "Operations and Support"),
    ("Data and Analytics", "A columnar store for reporting on ", "petabytes", "Data and Analytics"),
])
def test_a_list_heading_is_no_context_for_one_of_its_topics(context, text, hidden, expected):
    from factdeck.cards import card_context
    front = text + "[…]"
    assert card_context(_fact(context, text, hidden), front, Catalog(CONFIG)) == expected


@pytest.mark.parametrize("context, question, expected", [
    # a syllabus' place ("Knowledge Areas in Domain 3") says nothing of the topic: its parent instead
    ("Data Operations › Knowledge Areas in Domain 3", "AWS Glue — runs […] jobs", "Data Operations"),
    ("Study plan › Module 4", "Amazon SQS — […] retention", "Study plan"),
    # "Recommendations on X" is a section of kind "recommendations" about X, which the question says
    ("Replay › Recommendations on Replayability", "Amazon SQS — replayability support: […]", "Replay"),
    # a heading that says what to do is read with its lines
    ("Lake permissions › Define Access Control Policies", "Grants in Lake Formation override […]",
     "Lake permissions"),
    # what a heading is about, said by the question, is not said twice: its topic stays
    ("Cost optimization in Amazon EMR", "Amazon EMR — Spot for task nodes saves up to […]", "Cost optimization"),
    ("Replayability of AWS Data Services", "Amazon SQS — replayability support: […]",
     "Replayability of AWS Data Services"),
    # a word that sorts stores by a property ("Analytic") names a group, not a topic
    ("Storage › Analytic", "What is Amazon S3?", "Storage"),
    ("Analytic", "What is Amazon S3?", ""),
    ("Databases › Relational Databases", "Amazon Aurora — up to […] replicas", "Relational Databases"),
    # a name written into a word of another script is said ("Glueワークフロー" says "AWS Glue ワークフロー")
    ("ノート › AWS Glue ワークフロー", "What is AWS Glueワークフロー?", "ノート"),
])
def test_short_context_more_headings_that_say_nothing(context, question, expected):
    assert short_context(context, question) == expected


def test_context_line_and_question_stay_apart_as_plain_text():
    """On the card the context line is its own small line; where the card is read as plain text (an export, a
    text dump) a separator kept hidden on screen stops the heading running into the question."""
    import html as _html
    import re as _re

    from factdeck.package import CSS, MODELS
    assert _re.search(r"\.context-sep\s*\{\s*display:\s*none;", CSS)
    for model in MODELS.values():
        for t in model.templates:
            for side in ("qfmt", "afmt"):
                if "{{Context}}" not in t[side]:
                    continue
                block = _re.search(r"\{\{#Context\}\}(.*?)\{\{/Context\}\}", t[side]).group(1)
                assert '<span class="context-sep"> › </span>' in block  # only when there is a context line
                front = t[side].replace("{{#Context}}", "").replace("{{/Context}}", "")
                front = front.replace("{{Context}}", "Nodes and Slices").replace("{{Front}}", "Amazon Redshift — ?")
                front = front.replace("{{cloze:Text}}", "Amazon Redshift — ?").replace("{{FrontSide}}", "")
                plain = " ".join(_html.unescape(_re.sub(r"<[^>]+>", " ", front)).split())
                assert plain.startswith("Nodes and Slices › Amazon Redshift — ?"), plain
