"""Authored questions and highlights (``extract/shapes/authored.py``, ``scenario.py``, ``highlight.py``).

Fixtures are hand-written notes in ``tests/cases/authored/`` and ``tests/cases/highlight/``, one shape per
file. Each test names the exact front and back a learner must see, or the exact skip reason.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from factdeck import build
from factdeck.extract import RULES, extract_facts
from factdeck.extract.shapes.authored import split_inline
from factdeck.model import Note
from factdeck.parse import parse_note
from test_extract_cases import CATALOG, per_deletion

CASES = Path(__file__).parent / "cases"


def run(name: str):
    path = CASES / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    note = Note(f"cases/{name}.md", meta["title"], (meta["domain"],), tuple(meta["services"]), text)
    result = extract_facts(note, parse_note(note), CATALOG)
    return result, {front: back for front, back, _ in per_deletion(result)}


def skips(result, reason: str) -> list[str]:
    return [s.text for s in result.skipped if s.message == reason]


def everything(cards: dict[str, str]) -> str:
    return "\n".join(f"{f}\n{b}" for f, b in cards.items())


def test_rules_are_in_the_chain_before_the_walker():
    names = [n for n, _ in RULES]
    assert names[:1] == ["scenario"] and "sr_inline" in names and names[-1] == "highlight"
    # practice questions before Q:/A: pairs: "Q7. … ?" with options and "Answer: B" is a choice, not a pair
    assert names.index("practice_question") < names.index("qa_pairs")


# ---------------------------------------------------------------- question;;answer


def test_sr_inline_cards_are_taken_as_written():
    result, cards = run("authored/sr_inline")
    assert cards["What is the largest object you can store in Amazon S3?"] == "5 TB"  # bold stripped
    assert cards["Which Redshift feature routes all COPY and UNLOAD traffic through your VPC?"] == "Enhanced VPC Routing"
    assert cards["Minimum storage duration charged for S3 Standard-IA"] == "30 days"  # "::"
    assert cards["Default retention period of a Kinesis data stream"] == "24 hours"  # ":::" reversed
    assert cards["... lets you catalog, transform and load data between stores without managing servers."] == "AWS Glue"


def test_a_long_exam_scenario_is_a_front():
    _, cards = run("authored/sr_inline")
    front = ("A team drops CSV logs into an S3 bucket every hour and wants to query them with standard SQL, "
             "serverless, paying only per query. Which AWS service fits?")
    assert cards[front] == "Amazon Athena"


def test_long_answer_kept_while_it_is_one_fact_skipped_when_several():
    result, cards = run("authored/sr_inline")
    assert cards["What does S3 Object Lock in compliance mode guarantee for a locked object version?"] == \
        "No user, including the root user of the account, can overwrite or delete it until its retention date passes"
    assert any(t.startswith("How is Amazon Redshift priced?") for t in skips(result, "authored answer holds several facts"))
    assert "How is Amazon Redshift priced?" not in cards


def test_empty_answer_is_skipped():
    result, cards = run("authored/sr_inline")
    assert any("Read Replicas" in t for t in skips(result, "authored question without an answer"))
    assert not any("Read Replicas" in f for f in cards)


def test_code_urls_arns_and_qualified_names_are_not_cards():
    _, cards = run("authored/sr_inline")
    text = everything(cards)
    for not_a_card in ("a;;b", "Namespace", "arn:aws", "example.com", "Shell loops"):
        assert not_a_card not in text, not_a_card
    assert "::" not in text and ";;" not in text and "**" not in text


def test_the_walker_makes_no_second_card_from_a_claimed_line():
    result, cards = run("authored/sr_inline")
    assert sum("5 TB" in f or "5 TB" in b for f, b in cards.items()) == 1
    line = next(f.where.line for f in result.facts if getattr(f, "answer", "") == "5 TB")
    assert sum(f.where.line == line for f in result.facts) == 1


@pytest.mark.parametrize("line, expected", [
    ("What is the max object size?;;5 TB", ("What is the max object size?", "5 TB", ";;")),
    ("Capital of the S3 console region::us-east-1", ("Capital of the S3 console region", "us-east-1", "::")),
    ("Shortest Glacier retrieval tier:::Expedited", ("Shortest Glacier retrieval tier", "Expedited", ":::")),
    ("Use Namespace::Class when the type is nested in a namespace.", None),
    ("Call std::sort on the vector", None),
    ("arn:aws:iam::123456789012:root", None),
    ("See http://[2001:db8::1]/ for the endpoint", None),
    ("Cloze syntax is {{c1::answer}} in Anki", None),
    ("Storage class: uses a::b here", None),
])
def test_split_inline(line, expected):
    assert split_inline(line, line) == expected


def test_separator_inside_inline_code_is_not_a_card():
    assert split_inline("Loop with for i in a;;b forever", "Loop with `for i in a;;b` forever") is None


def test_sr_multiline_question_mark_line():
    _, cards = run("authored/sr_multiline")
    assert cards["How much data can one Kinesis shard ingest per second?"] == "1 MB or 1,000 records"
    assert cards["Which service delivers a stream into S3 without you writing consumers?"] == "Amazon Data Firehose"
    assert "?" not in cards.values()


# ---------------------------------------------------------------- Q: / A:


def test_q_and_a_pairs_across_lines_paragraphs_and_list_items():
    result, cards = run("authored/qa_pairs")
    assert cards["What is the maximum size of one SQS message?"] == "256 KB"  # **Q:** / **A:** lines
    assert cards["How long can an SQS queue keep a message at most?"] == "14 days"  # Question:/Answer: paragraphs
    assert cards["Which SQS queue type preserves message order?"] == "FIFO queues"  # list items
    assert any("visibility timeout" in t for t in skips(result, "authored question without an answer"))
    assert not any(f.startswith(("Q:", "A:")) or b.startswith(("Q:", "A:")) for f, b in cards.items())


# ---------------------------------------------------------------- question bullets and headings


def test_bold_question_bullet_with_one_child_answer():
    _, cards = run("authored/question_bullets")
    assert cards["What is AWS Glue?"] == "A serverless data integration (ETL) service"
    assert cards["Which service lets you run Spark on managed clusters?"] == "Amazon EMR"


def test_what_is_x_and_what_to_know_asks_the_first_part_only():
    result, cards = run("authored/question_bullets")
    assert cards["What is Amazon Athena?"] == "Serverless SQL over S3"
    assert not any("should you know" in f for f in cards)
    assert any(t.startswith("Know partitioning") for t in skips(result, "rest of an authored answer: a list to recite"))


def test_a_question_with_several_child_bullets_is_no_qa_card():
    _, cards = run("authored/question_bullets")
    assert not any("capacity modes" in f for f in cards)


def test_bold_question_line_then_answer_paragraph():
    _, cards = run("authored/question_bullets")
    assert cards["How long does Amazon Athena keep query results?"] == "Until you delete them from the S3 results location"


def test_question_heading_with_a_short_answer_paragraph():
    _, cards = run("authored/question_bullets")
    assert cards["What is AWS Lake Formation?"] == "A service that builds, secures and manages data lakes on S3"
    # several paragraphs under the question: left to the walker, sentence by sentence
    assert "What is Amazon EMR?" not in cards


# ---------------------------------------------------------------- scenarios


def test_scenario_asks_the_scenario_and_answers_the_marked_answer():
    result, cards = run("authored/scenario")
    front = ("A ride-sharing app sends trip events to a backend. Events must be processed in the order received. "
             "Several consumers need to read the same stream. Which service should ingest the events?")
    assert cards[front] == "Kinesis Data Streams"
    assert "Can't be SNS since it does not store data for replay;" in skips(result, "scenario reasoning (not the answer)")
    assert "same partition key" not in everything(cards)  # nested reasoning is not the answer


def test_scenario_without_a_question_says_what_is_asked():
    _, cards = run("authored/scenario")
    front = ("A retailer streams clickstream events at 2 MB/s. The team wants to land them in S3 as Parquet "
             "with no code to maintain. What is the solution?")
    assert cards[front] == "Amazon Data Firehose, record format conversion"  # the names the author highlighted


def test_scenario_one_line_question_and_inline_answer():
    _, cards = run("authored/scenario")
    assert cards["Which S3 feature, once enabled on a bucket, can only be suspended and never turned off?"] == "Versioning"
    front = ("A bank needs an audit trail of every use of its S3 encryption keys without managing the keys itself. "
             "Which encryption should it choose?")
    assert cards[front] == "SSE-KMS"  # a "Scenario:" bullet with "Answer: SSE-KMS" under it


def test_scenario_with_only_wrong_options_is_skipped():
    result, cards = run("authored/scenario")
    assert any(t.startswith("A media company") for t in skips(result, "scenario without a marked answer"))
    assert not any("media company" in f for f in cards)


def test_multiple_choice_question_without_its_options_is_skipped():
    result, cards = run("authored/scenario")
    assert any("cheapest valid lifecycle rule" in t for t in skips(result, "a multiple-choice question without its options"))
    assert not any("Which of the following" in f or "Which one of these" in f for f in cards)


# ---------------------------------------------------------------- highlights


def test_highlight_is_the_deletion():
    _, cards = run("highlight/highlight")
    assert cards["File Gateway caches […] locally and keeps the full copy in S3."] == "recently used data"
    assert cards["Volume Gateway in cached mode stores the primary data in […]."] == "Amazon S3"  # <mark style=…>
    assert cards["AWS Storage Gateway — The gateway VM needs at least […] of cache disk."] == "150 GiB"


def test_highlight_front_names_its_subject():
    _, cards = run("highlight/highlight")
    assert cards["Amazon S3 Glacier — Standard retrievals from S3 Glacier Flexible Retrieval take […]."] == "3-5 hours"
    # the sentence names its own subject: no prefix from the heading
    assert cards["Amazon FSx for Windows File Server speaks […] to Windows clients."] == "SMB"


def test_whole_sentence_highlight_is_emphasis_not_an_answer():
    _, cards = run("highlight/highlight")
    # normal handling: the walker hides the service the sentence names, not the whole highlighted sentence
    assert "Tape Gateway replaces physical tape libraries with virtual tapes backed by S3 Glacier." not in cards.values()


def test_highlight_skips_pronouns_and_long_highlights():
    result, cards = run("highlight/highlight")
    assert "It presents volumes to on-premises servers over iSCSI." in skips(result, "refers to an earlier sentence (it, this …)")
    assert any("hybrid bridge" in t for t in skips(result, "highlight too long to be one answer"))
    assert "iSCSI" not in cards.values()


def test_no_marks_or_markup_in_the_facts_these_rules_make():
    for name in ("highlight/highlight", "authored/scenario", "authored/question_bullets", "authored/qa_pairs"):
        result, _ = run(name)
        mine = [f for f in result.facts if f.key.startswith(("qa|", "scenario|", "hl|"))]
        assert mine, name
        text = "\n".join(f"{f.question}\n{f.answer}" if f.kind == "qa" else "".join(s.text for s in f.segments)
                         for f in mine)
        assert not any(ch in text for ch in "\ue000\ue001"), name
        assert "**" not in text and "<mark" not in text and "==" not in text, name


# ---------------------------------------------------------------- a real build passes the self-check


def test_fixtures_build_and_pass_the_self_check(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for sub in ("authored", "highlight"):
        for md in sorted((CASES / sub).glob("*.md")):
            shutil.copy(md, notes / f"{sub}-{md.name}")
    result = build(notes, tmp_path / "out")  # raises on a self-check failure
    fronts = {c.front_text for c in result.cards}
    assert any("largest object you can store in Amazon S3" in f for f in fronts)
    assert any("Which encryption should it choose?" in f for f in fronts)


def test_an_open_list_or_an_explanation_is_no_card():
    result, cards = run("authored/open_answers")
    listed = skips(result, "authored question asks for a list to recite")
    assert any(t.startswith("Name three AWS services") for t in listed)
    assert any(t.startswith("List the Route 53 routing policies") for t in listed)
    assert any(t.startswith("Why should a Route 53 record") for t in skips(result, "authored answer is an explanation, not one fact"))
    # a short answer with its reason is still one fact
    assert cards["Is a query to a Route 53 alias record pointing at an AWS resource charged?"] == \
        "No, because Route 53 does not charge for alias queries to AWS resources"
    assert cards["Which record type maps a name to an IPv6 address?"] == "AAAA"
    assert len(cards) == 2


def test_an_answer_in_two_sentences_to_a_question_in_two_parts_gives_a_card_per_part():
    result, cards = run("authored/two_part")
    # the first part names its subject: the second part is asked of it by name; a parenthesised example is left off
    assert cards["What is instance hibernation for an EC2 instance?"] == \
        "Hibernation saves the contents of memory to the root volume and stops the instance"
    assert cards["Instance hibernation for an EC2 instance: what is its main requirement?"] == \
        "the root EBS volume must be encrypted"
    # "It's a …" answering "What is X?" is the definition itself
    assert cards["What is a placement group?"] == \
        "a logical grouping of instances in one Availability Zone or spread across racks"
    # a first part that names a role ("the main benefit of …") gives only its own card: "it" has no name to stand on
    assert cards["What is the main benefit of an Elastic IP?"] == \
        "It keeps a fixed public address you can remap to another instance after a failure"
    assert not any(f.startswith("The main benefit") for f in cards)
    # "…, and why?" answered by one long sentence: the answer and its first reason
    assert cards["Which DNS record should point a zone apex at a CloudFront distribution, and why?"] == \
        "An alias record is needed because the apex cannot hold a CNAME record"
    # a sentence followed only by its example: the sentence is the answer
    assert cards["How can two Lambda functions share code without copying it into each package?"] == \
        "They can share it through a Lambda layer attached to both functions"
    # three sentences for two parts: no card, the skip says why
    assert any(t.startswith("What does Amazon S3 charge for") for t in skips(result, "authored answer holds several facts"))


# ---------------------------------------------------------------- nested highlights


def test_a_highlight_inside_a_highlighted_sentence_is_the_answer():
    result, cards = run("highlight/nested")
    # the outer highlight is emphasis of the whole sentence; the inner ones are the author's answers
    assert cards["A standard SQS queue supports a nearly […] number of API calls per second, while a FIFO queue "
                 "handles up to 300 API calls per second per API action without batching."] == "unlimited"
    assert cards["A standard SQS queue supports a nearly unlimited number of API calls per second, while a FIFO "
                 "queue handles up to […] per API action without batching."] == "300 API calls per second"
    # "==… <mark>x</mark> …==": the same shape written with both syntaxes
    assert cards["A single SQS message can carry up to […] of text in any format."] == "256 KiB"
    assert not any(ch in everything(cards) for ch in "\ue000\ue001")


def test_every_line_of_nested_highlights_gives_a_fact_or_a_skip():
    result, _ = run("highlight/nested")
    text = (CASES / "highlight/nested.md").read_text(encoding="utf-8").split("\n")
    body = [n for n, line in enumerate(text, 1) if n > 5 and line.strip()]
    seen = {f.where.line for f in result.facts} | {s.where.line for s in result.skipped}
    assert body and all(n in seen for n in body), (body, sorted(seen))


def test_every_line_under_a_scenario_answer_gives_a_fact_or_a_skip():
    result, cards = run("highlight/nested_scenario")
    assert cards["A game stores player scores in one DynamoDB table. Writes are throttled during a tournament with "
                 "more than 4000 writes per second. Which change fixes the throttling with the least effort?"] == \
        "Use on-demand capacity mode for the table"
    # a limit the author highlighted inside a highlighted explanation is a general fact
    assert cards["A single partition of a DynamoDB table serves at most […] write capacity units per second."] == "1,000"
    text = (CASES / "highlight/nested_scenario.md").read_text(encoding="utf-8").split("\n")
    explanation = [n for n, line in enumerate(text, 1) if n > text.index("- Answer:") + 1 and line.strip()]
    seen = {f.where.line for f in result.facts} | {s.where.line for s in result.skipped}
    assert explanation and all(n in seen for n in explanation), (explanation, sorted(seen))
    assert skips(result, "a scenario's explanation restating the answer (asked by the scenario's card)") == \
        ["Use on-demand capacity mode for the table."]
    assert any(t.startswith("For example, a key shared") for t in
               skips(result, "refers to a sentence the card does not show (it, this, for example …)"))
