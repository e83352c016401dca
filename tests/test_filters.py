"""The card-level filters: each drops one pattern blind readers dropped, and keeps its look-alike that is a fact."""
from __future__ import annotations

import pytest

from factdeck.errors import Location
from factdeck.extract.filters import FILTERS, filter_facts
from factdeck.model import ClozeFact, QAFact, Segment

AT = Location("notes/x.md", 3)


def cloze(*parts: str) -> ClozeFact:
    """cloze("Lambda runs for ", "[15 minutes]", ".") — a part in [brackets] is hidden."""
    segs = tuple(Segment(p[1:-1], 1) if p.startswith("[") else Segment(p) for p in parts)
    return ClozeFact("k", "AWS Lambda", "Lambda", AT, (), segs)


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
])
def test_a_filter_drops_the_pattern(fact, reason):
    kept, skipped = filter_facts([fact])
    assert kept == [] and reason in skipped[0].reason


@pytest.mark.parametrize("fact", [
    cloze("Lambda functions run for at most ", "[15 minutes]", "."),
    cloze("A Lambda function can have up to ", "[10 GB]", " of memory; memory in GB is set per function."),
    cloze("Amazon SQS Standard — parallel consumption: ", "[No]"),
    cloze("Amazon S3 Object Lock — ", "[Amazon Macie]", ": to discover sensitive data."),
    cloze("Object Lock ", "[cannot be disabled]", " once enabled."),
    qa("What is AWS Glue?", "A serverless ETL service"),
    qa("AWS Glue ジョブとは?", "データ変換を実行する処理単位"),
])
def test_a_fact_that_looks_alike_is_kept(fact):
    kept, _ = filter_facts([fact])
    assert kept == [fact]


def test_filters_are_declared_once_in_order():
    names = [name for name, _ in FILTERS]
    assert names[0] == "empty_answer" and len(names) == len(set(names)) >= 7
