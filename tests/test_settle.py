"""Settling the facts of all notes: a repeated value is one fact, unless the second sentence says more."""
from __future__ import annotations

from factdeck.errors import Location
from factdeck.model import ClozeFact, Note, Segment
from factdeck.settle import settle_ambiguity

NOTE = Note("notes/a.md", "Streams", (1,), (), "")


def cloze(line: int, subject: str, before: str, value: str, after: str = "") -> tuple[Note, ClozeFact]:
    segments = (Segment(before), Segment(value, 1), *((Segment(after),) if after else ()))
    return NOTE, ClozeFact(f"k{line}", subject, "Streams › Retention", Location("notes/a.md", line), ("dynamodb-streams",),
                           segments)


def fronts(facts):
    return ["".join("[…]" if s.cloze else s.text for s in f.segments) for _, f in facts]


def test_the_same_value_restated_is_one_fact():
    kept, skips = settle_ambiguity([
        cloze(1, "Amazon DynamoDB Streams", "Amazon DynamoDB Streams — data retention period: ", "24 hours"),
        cloze(2, "Amazon DynamoDB Streams", "Amazon DynamoDB Streams keeps records for up to ", "24 hours", " by default."),
    ])
    assert fronts(kept) == ["Amazon DynamoDB Streams — data retention period: […]"]
    assert "repeats the fact at notes/a.md:1" in skips[0].message


def test_a_sentence_saying_more_about_the_same_value_is_a_fact_of_its_own():
    kept, _ = settle_ambiguity([
        cloze(1, "Amazon DynamoDB Streams", "Amazon DynamoDB Streams — data retention period: ", "24 hours"),
        cloze(2, "Amazon DynamoDB Streams", "Amazon DynamoDB Streams — replay recent item changes within ", "24 hours"),
        # nothing beyond what the two above say: a repeat
        cloze(3, "Amazon DynamoDB Streams", "Amazon DynamoDB Streams — ", "24-hour", " retention allows replay."),
    ])
    assert fronts(kept) == ["Amazon DynamoDB Streams — data retention period: […]",
                            "Amazon DynamoDB Streams — replay recent item changes within […]"]


def test_a_number_completing_the_subjects_name_is_never_a_fact_of_its_own():
    kept, _ = settle_ambiguity([
        cloze(1, "Amazon Route 53", "Amazon Route 53 — health checks run every ", "53", " seconds"),
        cloze(2, "Amazon Route 53", "Routing policies Route ", "53", " picks the record with the lowest latency for the resolver"),
    ])
    assert len(kept) == 1


def test_fronts_that_differ_only_in_spacing_are_one_question():
    from factdeck.errors import Location
    from factdeck.model import QAFact
    from factdeck.settle import settle_ambiguity

    note = None
    a = QAFact("qa|a", "AWS Glue", "Glue", Location("a.md", 1), ("glue",), "What is AWS Glue クローラー?", "メタデータを収集する")
    b = QAFact("qa|b", "AWS Glue", "Glue", Location("b.md", 5), ("glue",), "What is AWS Glueクローラー?", "パーティションを追加する")
    kept, skips = settle_ambiguity([(note, a), (note, b)])
    assert [f.key for _, f in kept] == ["qa|a"]
    assert "defined already at a.md:1" in skips[0].message


def test_one_definition_under_two_labels_is_one_card_of_one_service_only():
    from factdeck.model import QAFact

    def qa(key, where, services, question, answer):
        return None, QAFact(key, "Amazon EC2", "Compute", Location(where, 1), services, question, answer)

    facts = [qa("a", "a.md", ("ec2",), "What is a Placement Group?", "Controls how instances are spread"),
             qa("b", "b.md", ("ec2",), "Compute: what is a Placement Group?", "Controls how instances are spread."),
             # the same words for another service's term are another fact
             qa("c", "c.md", ("s3-glacier-flexible",), "Amazon S3 Glacier Flexible Retrieval: what is Minimum Storage Duration?", "90 days"),
             qa("d", "d.md", ("s3-glacier-instant",), "Amazon S3 Glacier Instant Retrieval: what is Minimum Storage Duration?", "90 days")]
    kept, skips = settle_ambiguity(facts)
    assert [f.key for _, f in kept] == ["a", "c", "d"]
    assert "repeats the definition at a.md:1" in skips[0].message



def lead_cloze(line: int, subject: str, service: str, value: str) -> tuple[Note, ClozeFact]:
    segments = (Segment(f"{subject} — "), Segment("Each request may carry records of up to "), Segment(value, 1),
                Segment(" each, up to "), Segment("5 MB", 2), Segment(" for the whole request."))
    return NOTE, ClozeFact(f"k{line}", subject, "Streams", Location("notes/a.md", line), (service,), segments)


def test_one_sentence_under_a_longer_name_of_its_subject_is_one_card():
    kept, skips = settle_ambiguity([
        lead_cloze(1, "Amazon Kinesis Data Streams", "kinesis-data-streams", "1 MB"),
        lead_cloze(2, "Amazon Kinesis Data Streams API", "kinesis-data-streams", "1 MB"),
        # another subject saying the same words is another fact
        lead_cloze(3, "Amazon Kinesis Video Streams", "kinesis-video-streams", "1 MB"),
    ])
    assert [f.subject for _, f in kept] == ["Amazon Kinesis Data Streams", "Amazon Kinesis Video Streams"]
    assert "repeats the fact at notes/a.md:1" in skips[0].message


def two_blanks(line: int, text: tuple[str, ...], service: str = "sqs") -> tuple[Note, ClozeFact]:
    """Segments alternate shown / hidden: ("a ", "[1]", " b") hides "1"."""
    segments = tuple(Segment(t[1:-1], 1) if t.startswith("[") else Segment(t) for t in text)
    return NOTE, ClozeFact(f"k{line}", "Amazon SQS FIFO", "Queues", Location(f"notes/{line}.md", line), (service,),
                           segments)


def test_the_same_figures_of_one_service_asked_twice_are_one_card_the_one_hiding_both():
    from factdeck.model import QAFact
    kept, skips = settle_ambiguity([
        # the first in note order shows one of the pair it asks
        two_blanks(1, ("Busy queues: FIFO takes ", "[2,000]", " msg/s batched, 200 msg/s unbatched")),
        two_blanks(2, ("Amazon SQS FIFO — throughput: ", "[200]", " messages/s, or ", "[2000]", " when batched")),
        # a variant of the service ("sqs-fifo" of "sqs") saying the same figures: the same fact
        two_blanks(11, ("Amazon SQS FIFO — up to ", "[200]", " msg/s, ", "[2000]", " batched"), service="sqs-fifo"),
        # another variant of the same figure, not named by the plain service's fact: another fact
        two_blanks(12, ("Standard queues take ", "[200]", " sends/s, ", "[2000]", " in batches"), service="sqs-standard"),
        # one figure in common and nothing else: another fact
        two_blanks(3, ("Amazon SQS FIFO — deduplication window: ", "[5]", " minutes")),
        two_blanks(4, ("Amazon SQS FIFO — message groups are spread over ", "[5]", " partitions")),
        # one figure said with the same words around it: one fact; the question is kept
        two_blanks(5, ("Amazon SQS — long polling waits up to ", "[20]", " seconds")),
        (NOTE, QAFact("q6", "Amazon SQS", "Queues", Location("notes/6.md", 6), ("sqs",),
                      "How long can SQS long polling wait?", "Up to 20 seconds per receive call")),
        # one figure with other words around it, or in another unit: another fact
        two_blanks(8, ("Amazon SQS — each enhanced poller waits up to ", "[20]", " seconds per shard")),
        two_blanks(9, ("Amazon SQS — batches are recommended over ", "[100 MB]", " in all")),
        two_blanks(10, ("Amazon SQS — batches are required over ", "[100GB]", " in all")),
        # a table cell saying a figure in words the kept sentence has: one fact (the label is only the question)
        two_blanks(13, ("Amazon SQS — batch size: ", "[Up to 10 / Messages]")),
        two_blanks(14, ("Amazon SQS — a receive call returns up to ", "[10]", " messages")),
        # another service's same figures: another fact
        two_blanks(7, ("Amazon SNS FIFO — throughput: ", "[200]", " messages/s, or ", "[2000]", " when batched"),
                   service="sns"),
    ])
    assert [f.where.line for _, f in kept] == [2, 12, 3, 4, 6, 8, 9, 10, 14, 7]
    assert {s.where.line for s in skips} == {1, 5, 11, 13}
    assert "repeats the fact at notes/2.md:2" in next(s.message for s in skips if s.where.line == 1)


def test_a_figure_given_bare_beside_a_siblings_bound_in_one_table_row_is_dropped():
    def cell(subject, service, lead, value, line=7):
        segments = (Segment(f"{subject} — message retention: {lead}"), Segment(value, 1))
        return NOTE, ClozeFact(f"{subject}{lead}", subject, "Queues", Location("notes/q.md", line), (service,), segments)

    kept, skips = settle_ambiguity([
        cell("Amazon MQ Classic", "mq-classic", "", "10 days"),
        cell("Amazon MQ Quorum", "mq-quorum", "Default is ", "2 days"),
        cell("Amazon MQ Quorum", "mq-quorum", "At most ", "10 days"),
        # the same figure bare in another row, or for another family of services: kept
        cell("Amazon MQ Streams", "mq-streams", "", "10 days", line=9),
        cell("Amazon SNS", "sns", "", "10 days"),
    ])
    assert [(f.subject, f.where.line) for _, f in kept] == [
        ("Amazon MQ Quorum", 7), ("Amazon MQ Quorum", 7), ("Amazon MQ Streams", 9), ("Amazon SNS", 7)]
    assert "a bound told as the value" in skips[0].message


def test_one_count_of_one_thing_asked_again_by_a_card_saying_less_is_dropped():
    kept, skips = settle_ambiguity([
        two_blanks(1, ("Amazon SQS FIFO — a batch holds up to ", "[10]", " messages, each up to ", "[256 KB]")),
        # the same count of the same thing of the same service, with less around it: the fact again
        two_blanks(2, ("Queue limits: ", "[10]", " messages per batch call")),
        # the same figure counting another thing: another fact
        two_blanks(3, ("Amazon SQS FIFO — a consumer reads ", "[10]", " message groups in turn")),
        # the same count of another service: another fact
        two_blanks(4, ("Amazon SNS — a publish batch holds ", "[10]", " messages"), service="sns"),
    ])
    assert [f.where.line for _, f in kept] == [1, 3, 4]
    assert "repeats the fact at notes/1.md:1" in skips[0].message


def test_a_bare_value_another_card_calls_a_default_says_it_is_the_default():
    def cell(line, subject, service, attribute, value):
        return NOTE, ClozeFact(f"c{line}", subject, "Queues", Location("notes/t.md", line), (service,),
                               (Segment(f"{subject} — {attribute}: "), Segment(value, 1)))

    kept, skips = settle_ambiguity([
        cell(3, "Amazon MQ", "mq", "message retention window", "3 days"),
        # elsewhere in the deck, the same service's figure told as a default of the same attribute
        two_blanks(20, ("Amazon MQ — messages are kept for a retention window (default 3d, max ", "[9 days]", ")."),
                   service="mq"),
        # the same figure of a variant of the service, or of another service: left as it is
        cell(4, "Amazon MQ Quorum", "mq-quorum", "message retention window", "3 days"),
        cell(5, "Amazon SNS", "sns", "message retention window", "3 days"),
    ])
    assert skips == []
    assert fronts(kept) == ["Amazon MQ — message retention window (default): […]",
                            "Amazon MQ — messages are kept for a retention window (default 3d, max […]).",
                            "Amazon MQ Quorum — message retention window: […]",
                            "Amazon SNS — message retention window: […]"]


def qa(line: int, question: str, answer: str, services: tuple[str, ...]):
    from factdeck.model import QAFact
    return NOTE, QAFact(f"qa{line}", "", "Notes", Location("notes/a.md", line), services, question, answer)


def test_a_definition_reworded_under_a_longer_name_is_one_card_the_shorter_front_kept():
    kept, skips = settle_ambiguity([
        qa(1, "Application Gateway: what is Connection Draining (Deregistration Delay)?",
           "A gateway feature that lets in-flight requests finish before a target leaves", ("app-gw",)),
        qa(9, "What is AGW connection draining (deregistration delay)?",
           "a gateway feature letting in-flight requests finish before the target is removed", ("app-gw",)),
        # same head word, other term: a fact of its own
        qa(12, "What is AGW slow start?", "a gateway feature that ramps traffic to a new target", ("app-gw",)),
        qa(14, "Application Gateway: what is Cross-zone draining?",
           "A gateway feature that lets in-flight requests finish before a target leaves", ("app-gw",)),
    ])
    assert [f.question for _, f in kept] == ["What is AGW connection draining (deregistration delay)?",
                                            "What is AGW slow start?",
                                            "Application Gateway: what is Cross-zone draining?"]
    assert "repeats the definition at notes/a.md:9" in skips[0].message


def test_two_cues_with_one_answer_are_one_card_unless_the_shorter_asks_something_the_longer_does_not():
    kept, skips = settle_ambiguity([
        qa(1, "Need to query logs stored in object storage with SQL?", "LogQuery", ("logquery", "objstore")),
        qa(2, "Query logs in object storage with SQL, without servers to manage?", "LogQuery", ("logquery", "objstore")),
        # one differing content word: another cue for the same pick
        qa(3, "Good for HTTP needing failover?", "EdgeNet", ("edgenet",)),
        qa(4, "Good for HTTP needing fixed addresses?", "EdgeNet", ("edgenet",)),
        # a minimum and a maximum with one value are two facts
        qa(5, "Minimum batch window of LogQuery streams?", "five minutes", ("logquery",)),
        qa(6, "Maximum batch window of LogQuery streams?", "five minutes", ("logquery",)),
    ])
    assert [f.key for _, f in kept] == ["qa1", "qa3", "qa4", "qa5", "qa6"]
    assert "repeats the fact at notes/a.md:1" in skips[0].message


def test_a_comparison_whose_values_the_cells_ask_already_is_dropped():
    from factdeck.model import CompareFact
    cells = [cloze(1, "Archive Standard", "Archive Standard — availability and durability: ", "99.9%", " availability"),
             cloze(2, "Archive Rapid", "Archive Rapid — availability and durability: ", "99.5%", " availability")]
    compare = CompareFact("cmp", "Archive Standard vs Archive Rapid", "Storage", Location("notes/a.md", 1),
                          ("dynamodb-streams",), "Availability and Durability",
                          (("Archive Standard", "99.9% availability"), ("Archive Rapid", "99.5% availability")))
    kept, skips = settle_ambiguity([*cells, (NOTE, compare)])
    assert [f.key for _, f in kept] == ["k1", "k2"]
    assert "repeats the fact at notes/a.md:1" in skips[0].message
    # a value the cells do not ask keeps the comparison
    other = CompareFact("cmp2", "Archive Standard vs Archive Rapid", "Storage", Location("notes/a.md", 1),
                        ("dynamodb-streams",), "Availability and Durability",
                        (("Archive Standard", "99.9% availability"), ("Archive Rapid", "99.95% availability")))
    kept, _ = settle_ambiguity([*cells, (NOTE, other)])
    assert [f.key for _, f in kept] == ["k1", "k2", "cmp2"]


def test_two_figures_of_one_short_sentence_are_one_card():
    def two(line, text_a, a, text_b, b, rest):
        return NOTE, ClozeFact(f"k{line}", "Global Tables", "DB", Location("notes/a.md", line), ("dynamodb-streams",),
                               (Segment("Global Tables — "), Segment(text_a), Segment(a, 1), Segment(text_b),
                                Segment(b, 2), Segment(rest)))
    kept, _ = settle_ambiguity([
        two(1, "Up to ", "4", " replica regions, sync delay under ", "2 seconds", "."),
        # a long sentence keeps a card per figure
        two(2, "Writes in any of the regions are copied with last-writer-wins conflict handling, up to ", "8",
            " replica regions and a sync delay that stays under ", "3 seconds", " most of the time."),
    ])
    assert [sorted({s.cloze for s in f.segments if s.cloze}) for _, f in kept] == [[1], [1, 2]]


def test_a_figure_another_card_asks_on_the_same_topic_is_shown_in_the_sentence_hiding_two():
    def two(line, a, b):
        return NOTE, ClozeFact(f"k{line}", "Event Bus", "Bus", Location("notes/a.md", line), ("dynamodb-streams",),
                               (Segment("Event Bus — "), Segment("Events wait in the archive with retention (default "),
                                Segment(a, 1), Segment(", max "), Segment(b, 2), Segment(").")))
    asked = cloze(1, "Event Bus", "Event Bus — archive retention (default): ", "2 days")
    kept, _ = settle_ambiguity([asked, two(2, "2d", "30 days")])
    assert "".join("[…]" if s.cloze else s.text for s in kept[1][1].segments) == \
        "Event Bus — Events wait in the archive with retention (default 2d, max […])."
    # the same figure said of something else ("delivery attempts for 2 days") leaves both blanks
    other = cloze(1, "Event Bus", "Event Bus — failed deliveries are retried for ", "2 days")
    kept, _ = settle_ambiguity([other, two(2, "2d", "30 days")])
    assert sum(1 for s in kept[1][1].segments if s.cloze) == 2
