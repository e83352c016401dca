"""Parsing other tools' Markdown: what reaches the extractor is the text a learner reads, with its structure."""
from __future__ import annotations

from factdeck.model import Heading, Note, Paragraph
from factdeck.parse import HL_CLOSE, HL_OPEN, parse_note


def blocks(text: str):
    return parse_note(Note("notes/x.md", "X", (), (), text))


def lines(text: str) -> list[str]:
    return [line.text for b in blocks(text) if isinstance(b, Paragraph) for line in b.lines]


def test_bullets_markdown_read_as_text_keep_no_marker():
    assert lines("backup resources\n    * snapshots: EBS, RDS\n    - lifecycle to Glacier\n") == [
        "backup resources", "snapshots: EBS, RDS", "lifecycle to Glacier"]
    assert lines("### models\n\n    * Development: single instance\n        * web tier: ALB, ASG\n") == [
        "Development: single instance", "web tier: ALB, ASG"]


def test_list_nesting_is_kept():
    paras = [b for b in blocks("- SQS\n  - FIFO\n    - 300 TPS\n- SNS\n") if isinstance(b, Paragraph)]
    assert [(p.lines[0].text, p.depth, p.has_children) for p in paras] == [
        ("SQS", 1, True), ("FIFO", 2, True), ("300 TPS", 3, False), ("SNS", 1, False)]
    assert paras[2].parent == paras[1].item and paras[1].parent == paras[0].item


def test_obsidian_syntax_becomes_text_marks_and_pictures():
    [para] = [b for b in blocks("See [[kinesis/KDS|Kinesis Data Streams]] ==1 MB/s== per shard **EBS**![[disk.png]]"
                                " <!--SR:!2025-11-23,60,310--> #tag\n") if isinstance(b, Paragraph)]
    # a tag closing the line is the note's filing, not its text
    assert para.lines[0].text == f"See Kinesis Data Streams {HL_OPEN}1 MB/s{HL_CLOSE} per shard EBS"
    assert para.images == ("disk.png",)
    callout = blocks("> [!NOTE] Snowball into Glacier\n> Import to S3 first.\n\nAfter.\n")
    assert isinstance(callout[0], Heading) and callout[0].text == "Snowball into Glacier" and callout[0].callout
    assert isinstance(callout[2], Heading) and callout[2].text == "" and callout[2].callout  # the call-out ends


def test_unbalanced_emphasis_and_stray_backticks_leave_no_debris():
    assert lines("**Lambda runs up to 15 minutes\n\nA `stray tick and == lone\n") == [
        "Lambda runs up to 15 minutes", "A stray tick and lone"]


def test_asterisks_in_code_spans_are_not_markdown():
    [para] = [b for b in blocks("A glob `test/**` and `2**53` hold 5 files.\n") if isinstance(b, Paragraph)]
    assert para.lines[0].text == "A glob test/∗∗ and 2∗∗53 hold 5 files." and "**" not in para.lines[0].text


def test_a_hard_wrapped_sentence_is_one_line_a_line_per_fact_is_not():
    # an editor wrapped the sentence at its width: the next line opens in lower case, the line before ends mid-sentence
    wrapped = ("The visibility timeout of a queue defaults to thirty seconds and it can\n"
               "be raised to at most twelve hours per message.\n")
    assert lines(wrapped) == ["The visibility timeout of a queue defaults to thirty seconds and it can be raised to "
                              "at most twelve hours per message."]
    # short lines of a list without bullets, a line that ends its sentence, a "key: value" line: kept apart
    assert lines("support plans\nbasic - free for all customers\n") == ["support plans", "basic - free for all customers"]
    assert lines("Queues hold messages for four days unless configured otherwise.\nretention can grow to 14 days\n") \
        == ["Queues hold messages for four days unless configured otherwise.", "retention can grow to 14 days"]
    assert lines("The retention of every queue in the account is set in the console,\nretention: 4 days\n") == [
        "The retention of every queue in the account is set in the console,", "retention: 4 days"]


def test_a_line_wrapped_after_a_word_no_sentence_ends_on_joins_the_next_whatever_its_case():
    # the wrap falls after "to": the next line opens with a name in capitals and still finishes the sentence
    assert lines("* The redrive count decides how many failed reads a message survives before moving to\n"
                 "DLQ storage\n") == [
        "The redrive count decides how many failed reads a message survives before moving to DLQ storage"]
    # the wrap falls after a ';': the clause that follows in lower case is the same item
    assert lines("* Batch loader: copies objects into the warehouse every night from the bucket;\n"
                 "  retries are handled by the service\n") == [
        "Batch loader: copies objects into the warehouse every night from the bucket; retries are handled by the service"]
    # a short line ending on "to", or a long line that ends its sentence, keeps the next line apart
    assert lines("Things to\nRemember the limits\n") == ["Things to", "Remember the limits"]
    assert lines("Queues hold messages for four days unless configured to.\nDLQ holds failures\n") == [
        "Queues hold messages for four days unless configured to.", "DLQ holds failures"]
