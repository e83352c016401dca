"""Exam facts from the real notes that the deck must ask: the front names the subject, the back reveals the fact.

A regression guard for coverage: tightening the extractor must not lose these.
"""
from __future__ import annotations

import re

import pytest

from factdeck import extract

FACTS = [
    # (what the front must name, what the answer must reveal)
    (r"Lambda", "15 minutes (900 seconds)"),
    (r"Lambda", "128 MB to 10,240 MB"),
    (r"Lambda", "512 MB"),
    (r"Provisioned Concurrency", "initialized"),
    (r"Reserved Concurrency", "reserve a portion"),
    (r"Kinesis Data Streams.*PUT records per second", "1,000"),
    (r"Kinesis Data Streams", "2 MB/sec"),
    (r"Kinesis Data Streams", "7 days"),
    (r"Kinesis Data Streams — data retention", "24 hours"),
    (r"SQS FIFO", "300 TPS"),
    (r"SQS FIFO", "1 minute"),
    (r"SQS FIFO", "4 days"),
    (r"SQS FIFO", "256 KB"),
    (r"DynamoDB Streams", "400 KB"),
    (r"MSK.*brokers", "30"),
    (r"SQS Standard vs Amazon SQS FIFO", "Exactly once"),
    (r"Kinesis Data Firehose", "No"),
    (r"Object Lock", "bucket creation"),
    (r"compliance mode", "cannot"),
    (r"Governance Mode", "BypassGovernanceRetention"),
    (r"Object Lock", "WORM"),
    (r"Glue", "three times"),
    (r"Elastic Block Store", "1 GiB to 16 TiB"),
    (r"Elastic File System", "NFSv4"),
    (r"Athena", "Presto"),
    (r"Athena", "data scanned"),
    (r"Master fleet", "One instance"),
    (r"CapacityOptimized", "Spot capacity pools"),
    (r"exactly-once", "idempotency"),
    (r"Data Pipeline", "Legacy"),
    (r"Instance Fleet vs Instance Group", "Single instance type"),
    (r"DynamoDB", "single-digit millisecond"),
    (r"Data API", "IAM"),
    (r"Object Lock", "Macie"),
]


@pytest.fixture(scope="module")
def asked():
    from pathlib import Path
    ex = extract(Path(__file__).resolve().parent.parent / "notes")
    rows = []
    for _, fact in ex.facts:
        if fact.kind == "cloze":
            for n in sorted({s.cloze for s in fact.segments if s.cloze}):
                front = "".join("[…]" if s.cloze == n else s.text for s in fact.segments)
                rows.append((f"{fact.context} {front}", " ".join(s.text for s in fact.segments if s.cloze == n)))
        elif fact.kind == "qa":
            rows.append((f"{fact.context} {fact.question}", fact.answer))
        else:
            rows.append((f"{fact.context} {fact.attribute}: {fact.subject}?",
                         "; ".join(f"{e}: {v}" for e, v in fact.values)))
    return rows


@pytest.mark.parametrize("subject, answer", FACTS)
def test_fact_is_asked(asked, subject, answer):
    hits = [(f, b) for f, b in asked if re.search(subject, f, re.I) and answer.lower() in b.lower()
            and answer.lower() not in f.lower()]
    assert hits, f"no card whose front names {subject!r} and whose back reveals {answer!r}"
