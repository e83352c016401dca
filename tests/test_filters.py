"""The card-level filters: each drops one pattern blind readers dropped, and keeps its look-alike that is a fact."""
from __future__ import annotations

import pytest

from factdeck.config import DeckConfig
from factdeck.errors import Location
from factdeck.extract.filters import FILTERS, filter_facts
from factdeck.model import ClozeFact, QAFact, Segment
from factdeck.services import Catalog

AT = Location("notes/x.md", 3)
CATALOG = Catalog(DeckConfig("Test", "test", "", "", (), (), "notes"))


def cloze(*parts: str, context: str = "Lambda") -> ClozeFact:
    """cloze("Lambda runs for ", "[15 minutes]", ".") — a part in [brackets] is hidden."""
    segs = tuple(Segment(p[1:-1], 1) if p.startswith("[") else Segment(p) for p in parts)
    return ClozeFact("k", "AWS Lambda", context, AT, (), segs)


def qa(question: str, answer: str) -> QAFact:
    return QAFact("k", "AWS Lambda", "Lambda", AT, (), question, answer)


@pytest.mark.parametrize("fact, reason", [
    (cloze("One ", "[1]", " RCU is one strongly consistent read per second."), "a bare 1"),
    (cloze("A consumer ", "[does not]", " block other consumers."), "a lone negation"),
    (cloze("S3 became strongly consistent on ", "[December 1, 2020]", "."), "a date as the answer"),
    (cloze("MSK can send large messages (ex: ", "[10 MB]", ") after configuration."), "an example value"),
    (cloze("AWS Lambda — For example, with ", "[idempotent handlers]", " you avoid duplicates."), "refers to a sentence"),
    (cloze("Amazon EMR — choose Presto on ", "[EMR]", " for interactive queries."), "gives the blank away"),
    (qa("Amazon Athena: what is EXAM TIP?", "Partition your data"), "a heading word"),
    (qa("What is ASG?", " "), "no answer"),
    # the context line shows the blank's words
    (cloze("Amazon Athena — you ", "[do not manage servers]", ".", context="Topics › Do not manage servers"),
     "gives the blank away"),
    # another spelling of a service the front (or a context line about that one service) names
    (cloze("Buffered records are delivered by ", "[Amazon Data Firehose]", " to S3.", context="Flow of KDF"),
     "another name"),
    (cloze("Amazon EMR — run Presto on ", "[Elastic MapReduce]", " for interactive queries."), "another name"),
    # an acronym and its expansion, one hiding the other
    (cloze("S3 Object Lock keeps objects in a WORM (", "[write once read many]", ") state."), "acronym"),
    (cloze("Aurora has a low RTO (", "[recovery time objective]", ")."), "acronym"),
    (cloze("DynamoDB Streams feed change data capture (", "[CDC]", ") pipelines."), "acronym"),
    (cloze("Redshift is built for OLAP (", "[analytical]", ") queries."), "acronym"),
    # a blank that cuts a parenthesis
    (cloze("Beanstalk bills the ", "[underlying resources (EC2]", ", ELB, RDS) it uses."), "parenthesis"),
    (cloze("MSK keeps data as long as you pay for the (EBS ", "[volumes)]", "."), "parenthesis"),
    # the exam itself
    (cloze("The exam has ", "[65]", " questions (50 scored, 15 unscored) in 130 minutes."), "exam itself"),
    (cloze("A passing score is ", "[720]", " of 1000."), "exam itself"),
    (qa("Which practice tests are worth buying?", "The Udemy ones"), "exam itself"),
    # generated chatter
    (cloze("DynamoDB — not detailed in the sources, but an alternative to ", "[ElastiCache]", "."), "chatter"),
    # a list of services for "what is …"
    (qa("Key services: what is Storage?", "S3, EBS, EFS, Storage Gateway"), "list of services"),
])
def test_a_filter_drops_the_pattern(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].reason


@pytest.mark.parametrize("fact", [
    cloze("Lambda functions run for at most ", "[15 minutes]", "."),
    cloze("A Lambda function can have up to ", "[10 GB]", " of memory; memory in GB is set per function."),
    cloze("Amazon SQS Standard — parallel consumption: ", "[No]"),
    cloze("Amazon S3 Object Lock — ", "[Amazon Macie]", ": to discover sensitive data."),
    cloze("Object Lock ", "[cannot be disabled]", " once enabled."),
    qa("What is AWS Glue?", "A serverless ETL service"),
    qa("AWS Glue ジョブとは?", "データ変換を実行する処理単位"),
    # a comparison heading: which of the two is the question, not a give-away
    cloze("throughput scaling — ", "[MSK]", ": add partitions, never remove them", context="Kinesis vs MSK"),
    # a version number of a named product is the fact
    cloze("EC2 Graviton processors — ", "[Graviton 3]", ": up to 25% better performance"),
    # a value in parentheses after an acronym is a value, not a gloss
    cloze("Elastic Disaster Recovery — RTO (", "[minutes]", ") and RPO (seconds)"),
    cloze("Lambda functions run for at most 15 minutes (", "[900 seconds]", ")."),
    # balanced parentheses inside a blank
    cloze("Lambda functions run for at most ", "[15 minutes (900 seconds)]", "."),
    # the minutes of a service are not the exam's
    cloze("Lambda's maximum timeout is ", "[15 minutes]", ", after 3 seconds by default."),
    # a scenario answered by an architecture
    qa("A game streams scores in order and stores them in a database. Which services fit?",
       "Kinesis Data Streams, Lambda, DynamoDB"),
])
def test_a_fact_that_looks_alike_is_kept(fact):
    kept, _ = filter_facts([fact], CATALOG)
    assert kept == [fact]


def test_filters_are_declared_once_in_order():
    names = [name for name, _ in FILTERS]
    assert names[0] == "empty_answer" and len(names) == len(set(names)) >= 7


def test_a_value_cut_mid_word_is_dropped_a_whole_word_is_kept():
    other = qa("What does Direct Connect use?", "a private network connection, streaming and internetwork links")
    cut = qa("Where does Wavelength traffic stay?", "traffic never leaves the netw")
    whole = qa("Where does Direct Connect traffic go?", "traffic does not travel over the public internet")
    stem = qa("What does Firehose deliver?", "a near real-time stream")
    kept, skipped = filter_facts([other, cut, whole, stem], CATALOG)
    assert kept == [other, whole, stem]
    assert "mid-word" in skipped[0].reason


def test_filters_work_without_a_catalog():
    fact = cloze("Buffered records are delivered by ", "[Amazon Data Firehose]", " to S3.", context="Flow of KDF")
    assert filter_facts([fact])[0] == [fact]
