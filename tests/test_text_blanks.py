"""key_spans never picks a blank the rest of the sentence answers."""
from __future__ import annotations

import pytest

from factdeck.config import DeckConfig
from factdeck.services import Catalog
from factdeck.text import key_spans

CATALOG = Catalog(DeckConfig("Test", "test", "", "", (), (), "notes"))


def hidden(text: str, subject: str) -> list[str]:
    return [text[s:e] for s, e in key_spans(text, subject_ids={subject}, mentions=CATALOG.mentions(text), named=True)]


@pytest.mark.parametrize("text, subject", [
    # where data moves to or from: the default store is the first guess
    ("Delivery streams can also send every source record to Amazon S3 as a backup copy.", "firehose"),
    ("Each batch job may first pull its input files from Amazon S3 before it starts.", "batch"),
    # a means whose word the rest says again
    ("Amazon CloudFront uses measured edge latency to choose the edge with the lowest latency for a viewer.", "cloudfront"),
    # the code something calls: the first guess
    ("Each stack update calls the custom resource, which then invokes the Lambda behind it.", "cloudformation"),
    # a name its kind noun follows, the engine "the version of" points at, one target of many
    ("Build the program against the version of Hadoop that the cluster will run.", "emr"),
    ("Cached objects transition to Amazon S3 Glacier through a lifecycle rule.", "storage-gateway"),
    ("Apache Ranger manages fine-grained permissions for every engine across the Hadoop platform.", "emr"),
    # a plural code in a list, and an "i.e. if" example
    ("The request dashboard counts 404's, throttles and timeouts for every client.", "efs"),
    ("Files move to the infrequent tier, i.e. if one stays unread for more than 45 days.", "efs"),
    # a manner the doers name
    ("A file system can be concurrently mounted by several instances in one Region.", "efs"),
])
def test_no_blank_the_sentence_answers(text, subject):
    assert hidden(text, subject) == []


@pytest.mark.parametrize("text, subject, blank", [
    ("Queries read the table files in place in Amazon S3 through external tables.", "redshift-spectrum", "Amazon S3"),
    ("AWS DMS uses change data capture to replicate ongoing changes after the full load.", "dms",
     "change data capture"),
    ("Scheduled rules can start AWS Lambda on a cron expression in any Region.", "eventbridge", "AWS Lambda"),
    ("Files move to the infrequent tier when one stays unread for more than 45 days.", "efs", "45 days"),
    ("Shards of one stream are always read sequentially by a single worker process.", "kinesis-data-streams",
     "sequentially"),
])
def test_the_look_alike_keeps_its_blank(text, subject, blank):
    assert blank in hidden(text, subject)


def test_a_closing_reason_for_praise_is_trimmed():
    from factdeck.text import trim_clause
    assert trim_clause("The usual landing zone for raw files due to its low cost, durability and reach.") == \
        "The usual landing zone for raw files."
    # a cause that is the fact stays ("due to ENI setup" names what happens)
    assert trim_clause("Functions in a VPC start slower due to network interface setup.") == \
        "Functions in a VPC start slower due to network interface setup."


def test_the_number_of_a_service_name_in_lower_case_is_no_value():
    assert "53" not in hidden("With latency records, route 53 uses the resolver of each client to pick a Region.",
                              "elb")


def test_a_single_placement_after_an_article_is_asked_whole():
    # "a [single] AZ" reads one way: the blank takes the article and the noun, so the card asks where it lives
    text = "Each Amazon EBS volume resides within a single Availability Zone of the Region."
    assert hidden(text, "ebs") == ["a single Availability Zone"]


def test_a_short_remark_glued_to_a_figures_unit_is_cut_off():
    from factdeck.text import sentences
    # the notes lost a line break: "… 120 Days" + "remember this"
    assert sentences("Minimum billed duration: 120 Daysremember this") == ["Minimum billed duration: 120 Days"]
    # a unit with its space, or a longer run glued on, is left as it is (a filter judges the debris)
    assert sentences("Minimum billed duration: 120 Days (remember this)") == ["Minimum billed duration: 120 Days (remember this)"]
    glued = "Lease time: 6 hoursfor each worker that claims a shard of the stream"
    assert sentences(glued) == [glued]
