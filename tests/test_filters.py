"""The card-level filters: each drops one pattern blind readers dropped, and keeps its look-alike that is a fact."""
from __future__ import annotations

import pytest

from factdeck.config import DeckConfig
from factdeck.errors import Location
from factdeck.extract.filters import FILTERS, filter_facts
from factdeck.model import ClozeFact, CompareFact, QAFact, Segment
from factdeck.services import Catalog

AT = Location("notes/x.md", 3)
CATALOG = Catalog(DeckConfig("Test", "test", "", "", (), (), "notes"))


def cloze(*parts: str, context: str = "Lambda", subject: str = "AWS Lambda") -> ClozeFact:
    """cloze("Lambda runs for ", "[15 minutes]", ".") — a part in [brackets] is hidden."""
    segs = tuple(Segment(p[1:-1], 1) if p.startswith("[") else Segment(p) for p in parts)
    return ClozeFact("k", subject, context, AT, (), segs)


def qa(question: str, answer: str) -> QAFact:
    return QAFact("k", "AWS Lambda", "Lambda", AT, (), question, answer)


@pytest.mark.parametrize("fact, reason", [
    (cloze("One ", "[1]", " RCU is one strongly consistent read per second."), "a bare 1"),
    (cloze("A consumer ", "[does not]", " block other consumers."), "a lone negation"),
    # a negated verb whose object only reads after a negation ("any") is still answered by the grammar
    (cloze("Athena ", "[does not need]", " any servers to run queries."), "a lone negation"),
    (cloze("The producer interface ", "[does not block]", "."), "a lone negation"),
    (cloze("S3 became strongly consistent on ", "[December 1, 2020]", "."), "a date as the answer"),
    (cloze("MSK can send large messages (ex: ", "[10 MB]", ") after configuration."), "an example value"),
    (cloze("Step Functions sync workflows — i.e. ", "[a load balancer]", " waits for the result."), "an example value"),
    (cloze("AWS Lambda — For example, with ", "[idempotent handlers]", " you avoid duplicates."), "refers to a sentence"),
    # an acronym answered by its own spelling out, with at most a generic head noun
    (qa("What is SAML?", "Security Assertion Markup Language standard"), "spells out the asked acronym"),
    (qa("Amazon DynamoDB: what is TTL?", "Time to live"), "spells out the asked acronym"),
    (qa("Amazon Redshift: what is MPP?", "Massively parallel processing"), "spells out the asked acronym"),
    (qa("AWS DMS: what is SCT?", "Schema Conversion Tool (SCT)."), "spells out the asked acronym"),
    # a discourse marker that contrasts with or compares to the sentence before, which the card does not show
    (cloze("Amazon SQS — On the other hand, a standard queue delivers ", "[at least once]", "."), "refers to a sentence"),
    (cloze("Amazon SNS — Conversely, a topic ", "[pushes]", " every message to its subscribers."), "refers to a sentence"),
    (cloze("In contrast, a provisioned cluster bills ", "[per hour]", "."), "refers to a sentence"),
    (cloze("Amazon EBS — Instead, a volume attaches to ", "[one instance]", " at a time."), "refers to a sentence"),
    (cloze("Amazon EMR — choose Presto on ", "[EMR]", " for interactive queries."), "gives the blank away"),
    (qa("Amazon Athena: what is EXAM TIP?", "Partition your data"), "a heading word"),
    (qa("What is ASG?", " "), "no answer"),
    # the fix or the lack said next to a hidden limit
    (cloze("Amazon ELB — scales out, but ", "[can't absorb]", " a sudden surge: warm it up first to fix this."),
     "gives the hidden negation away"),
    (cloze("Amazon S3 — no directory index, so you ", "[can't list]", " keys by content."), "gives the hidden negation away"),
    # one name hidden in a paragraph that leads to it
    (cloze("Landing zones — ", "[Amazon S3]", ": the usual place to land raw files because it is cheap, durable, scales "
           "without limits and every analytics service in the account (Glue, EMR, Athena) reads from it directly."),
     "long front around one hidden name"),
    # a bare code and nothing said about it
    (cloze("Amazon ELB errors — ", "[504]", " -"), "no question"),
    # the hidden number stands again on the front
    (cloze("Amazon Aurora — one writer plus up to ", "[15]", " readers (15 in total across the zones)."), "gives the blank away"),
    # the front shows the blank's words again
    (cloze("Amazon Athena — no servers to manage: you ", "[manage no servers]", ".", context="Topics"),
     "gives the blank away"),
    # the label before the statement names the fact; the blank reads the label's word back
    (cloze("Data Catalog Schema Versioning — keeps a history of changes to ", "[table schemas]", "."),
     "label before the statement"),
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
    # the front already says what the hidden property means, or the blank is a manner anyone guesses
    (cloze("Amazon SQS — a sent message cannot be changed afterwards: it is ", "[immutable]", "."), "already says"),
    (cloze("Amazon DynamoDB — the table grows ", "[seamlessly]", " as items are added."), "guesses"),
    (cloze("Transit routing — peering is non-transitive: A ", "[cannot reach]", " C through B."), "already says"),
    (qa("Amazon ECS: what is Scaling Model?", "Services scale automatically as tasks are added"), "guesses"),
    (qa("Amazon SQS API: what does DeleteMessage do?", "Deletes a message from the queue"), "spells"),
    # a part read aloud in a plain synonym ("Lowest" → "cheapest")
    (qa("Spot allocation: what does LowestPrice do?", "Picks the cheapest instance pools first"), "spells"),
    (qa("Kinesis: what does OldestFirst do?", "Reads the earliest records first"), "spells"),
    (qa("Auto Scaling processes: what is AZRebalance?", "Evens out the instances across each AZ, balancing"),
     "spells"),
    # the question's own parenthesis is the answer
    (qa("What is Managed Workflows (Airflow)?", "Runs Apache Airflow pipelines for you"), "own parenthesis"),
    # a kind asked of something whose name says it; a term that is the answering service's name
    (cloze("Amazon Elastic File System — storage type: ", "[shared file system (NFS)]"), "name says that kind"),
    (CompareFact("k", "EFS", "Storage", AT, (), "Service type",
                 (("Amazon Elastic File System", "A shared file system"),
                  ("Amazon Elastic Block Store", "Block storage volumes"))), "name says that kind"),
    (qa("AWS Glue: what is Key Management?", "Uses AWS Key Management Service to encrypt the catalog"),
     "answering service's own name"),
])
def test_a_filter_drops_the_pattern(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message


@pytest.mark.parametrize("fact", [
    cloze("Lambda functions run for at most ", "[15 minutes]", "."),
    # a label whose word the answer shares, where the statement asks an attribute or the word is a service's
    cloze("Direct JDBC Connection — connection state: ", "[persistent TCP connection]"),
    cloze("Amazon S3 event notification — can send events to ", "[Amazon EventBridge]", "."),
    # a long answer sharing one word is more than the label says
    cloze("Instance Fleets — target capacity sets ", "[how many instances or capacity units the fleet holds]", "."),
    # a property with no restatement on the front, a manner that is the fact, a manner not after a growth verb
    cloze("Amazon SQS — a message already sent is ", "[immutable]", " in the queue."),
    cloze("Transit Gateway — unlike peering, VPCs ", "[can reach]", " each other through the hub."),
    qa("Amazon ECS: what is Scaling Model?", "Scales automatically up to 5,000 tasks per service"),
    qa("Amazon SQS: what is VisibilityTimeout?", "How long a received message stays invisible to others"),
    # a part of the name left unsaid is what the card teaches
    qa("Spot allocation: what does CapacityOptimized do?", "Picks the deepest Spot pools to cut interruptions"),
    cloze("AWS Lambda — CPU power grows ", "[linearly]", " with the memory you configure."),
    cloze("AWS Shield — the Standard tier is ", "[automatic]", " for every account."),
    # an acronym or another name in the parenthesis; a parenthesis the answer does not use
    qa("What is Elastic Container Registry (ECR)?", "A managed registry for ECR container images"),
    qa("What is ELB stickiness (session affinity)?", "Sends a client's later requests to the same instance"),
    # the name's words in the attribute asked, a kind the name does not say, a service the term does not name
    CompareFact("k", "EMR", "Fleets", AT, (), "Instance types",
                (("Instance Fleet", "Several instance types in a fleet"), ("Instance Group", "One instance type"))),
    cloze("Amazon EMR File System — storage type: ", "[an object store interface over S3]"),
    qa("AWS Glue: what is Encryption?", "Uses AWS Key Management Service keys for data at rest"),
    cloze("A Lambda function can have up to ", "[10 GB]", " of memory; memory in GB is set per function."),
    cloze("Amazon SQS Standard — parallel consumption: ", "[No]"),
    cloze("Amazon S3 Object Lock — ", "[Amazon Macie]", ": to discover sensitive data."),
    cloze("Object Lock ", "[cannot be disabled]", " once enabled."),
    # a negated verb with its object shown reads both ways: a yes/no property
    cloze("DynamoDB Streams ", "[do not have]", " direct integration with Firehose."),
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
    # a value with its unit under an attribute lead
    cloze("AWS Lambda ephemeral storage — ", "[10,240 MB]"),
    # a limit with nothing on the front that explains it
    cloze("Amazon ELB — scales out, but ", "[can't absorb]", " a sudden surge within seconds."),
    # a short front around a name, or a long one around a number
    cloze("Landing zones — ", "[Amazon S3]", ": cheap, durable storage for raw files."),
    cloze("Amazon S3 — the usual place to land raw files because it is cheap, durable, scales without limits and "
          "every analytics service reads from it directly; one object holds up to ", "[5 TB]", "."),
    # the same number with another unit is another value
    cloze("Amazon DynamoDB — 1 WCU is one write per second for an item up to ", "[1 KB]", "."),
    cloze("Amazon EC2 Spot — you get a ", "[2 minute]", " warning before the instance is reclaimed."),
    # the minutes of a service are not the exam's
    cloze("Lambda's maximum timeout is ", "[15 minutes]", ", after 3 seconds by default."),
    # the spelling out plus what it is for, or an answer that is not the spelling out
    qa("What is SAML?", "Security Assertion Markup Language: the standard IAM federates corporate logins with"),
    qa("AWS DMS: what is SCT?", "Converts a source database schema to the target engine's"),
    qa("What is RCU?", "One strongly consistent read per second of an item up to 4 KB"),
    # "instead of" names both sides itself; a marker word inside a sentence leans on nothing
    cloze("Amazon SQS — Instead of polling often, use ", "[long polling]", " to cut empty responses."),
    cloze("Amazon EBS — a volume, in contrast to EFS, attaches to ", "[one instance]", " at a time."),
    # a scenario answered by an architecture
    qa("A game streams scores in order and stores them in a database. Which services fit?",
       "Kinesis Data Streams, Lambda, DynamoDB"),
])
def test_a_fact_that_looks_alike_is_kept(fact):
    kept, _ = filter_facts([fact], CATALOG)
    assert kept == [fact]


def test_filters_are_declared_once_in_order():
    names = [name for name, _ in FILTERS]
    # markup left in the text is judged first: no other filter reads it, and the self-check never meets it
    assert names[:2] == ["markup_left", "empty_answer"] and len(names) == len(set(names)) >= 7


def test_markup_the_parser_could_not_pair_skips_the_fact_instead_of_stopping_the_build():
    from factdeck.errors import Location
    from factdeck.extract.filters import markup_left
    from factdeck.model import ClozeFact, Reason, Segment

    where = Location("notes/x.md", 3)
    bad = ClozeFact("k", "Amazon S3", "S3", where, ("s3",), (Segment("doc: **update** in test/** holds "), Segment("5", 1)))
    good = ClozeFact("k", "Amazon S3", "S3", where, ("s3",), (Segment("2∗∗53 is "), Segment("9007199254740992", 1)))
    assert markup_left(bad) is Reason.MARKUP_LEFT and markup_left(good) is None


def test_a_value_cut_mid_word_is_dropped_a_whole_word_is_kept():
    other = qa("What does Direct Connect use?", "a private network connection, streaming and internetwork links")
    cut = qa("Where does Wavelength traffic stay?", "traffic never leaves the netw")
    whole = qa("Where does Direct Connect traffic go?", "traffic does not travel over the public internet")
    stem = qa("What does Firehose deliver?", "a near real-time stream")
    kept, skipped = filter_facts([other, cut, whole, stem], CATALOG)
    assert kept == [other, whole, stem]
    assert "mid-word" in skipped[0].message


def test_filters_work_without_a_catalog():
    fact = cloze("Buffered records are delivered by ", "[Amazon Data Firehose]", " to S3.", context="Flow of KDF")
    assert filter_facts([fact])[0] == [fact]


def compare(attribute: str, *values: tuple[str, str]):
    from factdeck.model import CompareFact
    return CompareFact("k", "Kinesis vs MSK", "Streaming", AT, (), attribute=attribute, values=values)


@pytest.mark.parametrize("fact, reason", [
    # a brochure's figure or a company's migration story
    (cloze("Spark on EMR runs over 3x faster than standard ", "[open-source Spark]", "."), "marketing"),
    (cloze("Query pushdown gives big gains (sometimes up to ", "[300% improvement]", ")."), "marketing"),
    (cloze("By migrating to a data lake, a retailer cut costs and made its reports ", "[five times]",
           " faster than before."), "marketing"),
    (qa("How much faster is Graviton for web servers?", "2x faster than comparable x86 instances"), "marketing"),
    # an answer with nothing to get wrong
    (cloze("Amazon Kinesis Data Streams — ecosystem integration: ", "[Tight AWS integration]"), "vague"),
    (cloze("Amazon Redshift — schema: ", "[Customizable]"), "vague"),
    (qa("AWS Glue: what is the job model?", "AWS native, flexible"), "vague"),
    # a bare symbol hidden
    (cloze("Amazon S3 — encryption at rest: ", "[✅]"), "symbol"),
    # a definition that restates the question
    (qa("Amazon Redshift: what is a data warehouse?", "designed for data warehousing"), "restates"),
    # a subject of vague words only
    (cloze("AWS Native Stack — versioning: ", "[S3 versioning and Git]"), "vague words"),
    # "what is X?" answered about a label of its own
    (qa("Amazon Redshift: what is a sort key?", "Interleaved: longer load and vacuum times"), "something else"),
    # an item of an examples list asked as a term
    (qa("Use cases: what is workflow management?", "running steps in order while keeping state"), "example"),
    (qa("適用例: what is ウェブリクエスト?", "HTTP リクエストなど"), "example"),
    (qa("Amazon Redshift: what is データウェアハウス?", "大規模なデータウェアハウス向けに設計されている。"), "restates"),
    # the blank is the whole claim
    (cloze("Amazon EMR — S3DistCp ", "[cannot merge Parquet files]", "."), "whole statement"),
    (cloze("Amazon DynamoDB — ", "[cannot be removed later]", ", chosen when the table is created."),
     "whole statement"),
    # a count of a list the card never names
    (cloze("Amazon API Gateway — ", "[3]", " ways to deploy an API"), "count of kinds"),
    # a third-party product's row in a comparison with AWS services
    (cloze("Databricks — versioning: ", "[Delta tables and Git folders]", context="Databricks vs AWS Glue",
           subject="Databricks"), "third-party"),
])
def test_a_filter_drops_the_pattern_2(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message


@pytest.mark.parametrize("fact", [
    # a product named before a claim: the product is the fact
    cloze("EC2 Graviton processors — ", "[Graviton 3]", ": up to 25% better performance"),
    cloze("Reserved Instances save up to ", "[72%]", " compared with On-Demand."),
    # a concrete word, a number, an acronym or a negation keeps a short answer
    cloze("Amazon SQS — queue types: ", "[Standard and FIFO]"),
    cloze("Amazon Redshift — joins supported: ", "[Advanced joins + UDFs]"),
    cloze("Amazon MSK — partitions: ", "[added, never removed]"),
    cloze("Amazon EMR — cost model: ", "[EC2 + EMR hourly]"),
    qa("What is AWS Glue?", "A serverless ETL service"),
    qa("Amazon Redshift: what is a data warehouse?", "a columnar store for analytical (OLAP) queries"),
    cloze("Amazon Redshift Spectrum — versioning: ", "[none]"),
    qa("Amazon Redshift: what is a sort key?", "Sort key: the columns rows are stored in order of"),
    qa("Amazon S3: what is Object Lock?", "WORM protection: objects cannot be deleted or overwritten"),
    qa("Examples: what is AWS Step Functions?", "a serverless workflow orchestrator"),
    qa("Amazon Redshift: what is データウェアハウス?", "列指向ストレージで分析クエリを高速に実行するデータウェアハウス"),
    cloze("AWS Lambda /tmp storage — ", "[10,240 MB]"),
    cloze("Amazon SQS FIFO — delivery (deduping): ", "[Exactly once]"),
    cloze("Amazon S3 Glacier — retrieval time: ~ ", "[12 hours]"),
    cloze("Amazon Kinesis Data Streams — one shard takes ", "[1,000]", " records per second"),
    cloze("Amazon RDS — up to ", "[15]", " read replicas per instance"),
    # the open-source engine AWS runs as a service is exam material
    cloze("Apache Kafka — ordering: ", "[per partition]", context="Kinesis vs Kafka vs MSK", subject="Apache Kafka"),
])
def test_a_fact_that_looks_alike_is_kept_2(fact):
    kept, _ = filter_facts([fact], CATALOG)
    assert kept == [fact]


def test_a_front_that_names_nothing_is_dropped_in_a_note_about_services():
    lambda_facts = [cloze("AWS Lambda runs for at most ", "[15 minutes]", "."),
                    cloze("Amazon S3 objects are at most ", "[5 TB]", ".")]
    nameless = cloze("Sharding / Throughput — ingest up to 1 MB/sec or ", "[1,000]", " records/sec.",
                     context="Sharding / Throughput", subject="Sharding / Throughput")
    # the subject is a service the card's context line will show
    led = cloze("Each function can use up to ", "[10,240 MB]", " of /tmp storage.", context="AWS Lambda › Storage")
    # … unless the service is the answer
    hidden = cloze("database layer — ", "[DynamoDB]", ": on-demand scaling", context="Extreme rates",
                   subject="Amazon DynamoDB")
    acronym = cloze("Shards — one KDS shard takes ", "[1,000]", " records/sec.", context="Shards")
    slug = cloze("amazon_msk — brokers keep data as long as you pay for ", "[EBS]", " storage.", context="amazon_msk")
    question = qa("Which service runs SQL on files in a bucket?", "Amazon Athena")
    kept, skipped = filter_facts(lambda_facts + [nameless, led, hidden, acronym, slug, question], CATALOG)
    assert kept == lambda_facts + [led, acronym, slug, question]
    assert ["names no service" in s.message for s in skipped] == [True, True]
    from factdeck.cards import card_context
    assert card_context(led, "Each function can use up to […] of /tmp storage.", CATALOG).startswith("AWS Lambda")
    # in notes about something the catalog does not know, the catalog does not judge
    other = [cloze("Sharding / Throughput — ingest up to 1 MB/sec or ", "[1,000]", " records/sec.",
                   context="Sharding / Throughput", subject="Sharding / Throughput")] * 2
    assert filter_facts(other, CATALOG)[0] == other


def test_decoration_before_a_word_leaves_the_card_a_cross_stays():
    from factdeck.cards import short_context, tidy, tidy_segments
    from factdeck.model import Segment
    assert tidy("Need SQL on files in S3? → ✅ Athena") == "Need SQL on files in S3? → Athena"
    assert tidy("❌ Glue") == "❌ Glue" and tidy("Encryption: ✅") == "Encryption: ✅" and tidy("Glue ➡ S3") == "Glue ➡ S3"
    segs = tidy_segments((Segment("🚀 Athena reads "), Segment("Parquet", 1), Segment(" files.")))
    assert "".join(s.text for s in segs) == "Athena reads Parquet files."
    assert short_context("Athena › 💡 Exam Pointers", "what?") == "Athena"  # the section's kind is no context


@pytest.mark.parametrize("fact, reason", [
    # an answer that is another row's value
    (cloze("Amazon MSK — data retention: ", "[Same as Kafka (you configure)]"), "points at another row"),
    (cloze("Amazon SNS FIFO — ordering: ", "[same (per message group)]"), "points at another row"),
    (qa("Amazon Athena: is TSV an optimized format?", "Similar to CSV"), "points at another row"),
    (compare("Retention", ("Apache Kafka", "Up to you"), ("Amazon MSK", "see the row above")), "points at another row"),
    # one side of a comparison a bare rating or vague words
    (compare("Replay", ("Amazon Kinesis Data Streams", "High"), ("Amazon Data Firehose", "No replay")), "no measure"),
    (compare("Joins", ("Amazon Athena", "Limited (runtime)"), ("Amazon Redshift", "Joins S3 and tables")),
     "no measure"),
    (compare("Ecosystem", ("Amazon Kinesis Data Streams", "Tight AWS integration"), ("Amazon MSK", "Kafka Connect")),
     "no measure"),
])
def test_a_table_filter_drops_the_pattern(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message


@pytest.mark.parametrize("fact", [
    qa("Amazon DynamoDB: what is an LSI?", "Same partition key, but a different sort key"),
    cloze("Amazon S3 Replication — replica storage class: ", "[same as the source object]", " unless you set one"),
    cloze("Amazon S3 — Same-Region Replication copies objects to a bucket in ", "[the same Region]", " as its source."),
    compare("Retention", ("Amazon Kinesis Data Streams", "24 hours to 365 days"), ("Amazon SQS", "up to 14 days")),
    compare("Latency", ("Amazon ElastiCache", "Low (sub-ms)"), ("Amazon DynamoDB", "Low (single-digit ms)")),
    compare("Replay", ("Amazon Kinesis Data Streams", "Yes, within retention"), ("Amazon Data Firehose", "No")),
])
def test_a_table_value_that_looks_alike_is_kept(fact):
    kept, _ = filter_facts([fact], CATALOG)
    assert kept == [fact]


@pytest.mark.parametrize("fact, reason", [
    # one item of an open list of examples
    (cloze("CloudWatch Logs — retention can be set (forever, ", "[two weeks]", ", etc.)"), "one example of a list"),
    (cloze("Firehose delivers to targets such as S3, ", "[Redshift]", ", OpenSearch."), "one example of a list"),
    # the blank in the scenario, the answer after the arrow (or "use X") shown
    (cloze("Exam tips — \u201cNeed ad hoc queries over files in ", "[S3]", "?\u201d \u2192 Athena"), "in the scenario"),
    (cloze("whenever you need to search logs stored in ", "[S3]", " with SQL use Athena"), "in the scenario"),
    # a hidden negation whose reason stands beside it
    (cloze("IAM ", "[does not need]", " a Region picked; it is a global service"), "gives the hidden negation away"),
    (cloze("Amazon Athena is serverless: you ", "[do not manage any servers]", "."), "gives the hidden negation away"),
    (cloze("RDS TDE — applications ", "[do not need to]", " change, as the engine encrypts pages itself."),
     "gives the hidden negation away"),
    # "what is X?" answered by its price; only vague words
    (qa("AWS Step Functions: what is a Standard workflow?", "Priced per state transition"), "about price"),
    # a percentage the front never says is of what
    (cloze("Amazon EBS volume types — all but gp2, which has ", "[99.8%]", ""), "is of what"),
    (cloze("Amazon S3 RTC — ", "[99.99%]", " within an hour"), "is of what"),
    # "what is X?" answered by X's default setting
    (qa("Amazon VPC: what are network ACLs?", "Every subnet's traffic is allowed both ways, by default"), "a default setting"),
    (qa("What is a Lambda alias?", "By default, it points at $LATEST"), "a default setting"),
    (qa("What is AWS Config?", "Operational management"), "category words"),
    (qa("What is AWS OpsWorks?", "Operations automation"), "category words"),
    # a clause of the notes asked as a term
    (qa("Amazon Kendra: what is Users can type a question?", "Kendra searches its index and answers"), "a clause asked"),
    (qa("Kinesis Producer Library: what does Passing a callback is optional, which mean?", "Fire and forget"),
     "a clause asked"),
    # a category asked for its members: an open list
    (qa("Near-real-time ingestion — AWS services?", "Amazon Data Firehose, Amazon MSK"), "open list of examples"),
    # a throughput asked as a size with no time anywhere on the card
    (cloze("Amazon EFS — scales to ", "[10 GB]", " or more of throughput"), "size with no time"),
    # the asked service answered by its own name spelled out, no other service on the front
    (QAFact("k", "Flashcards › Compute", "Flashcards › Compute", AT, (), "What is EC2?", "Elastic Compute Cloud"),
     "own name"),
    (QAFact("k", "Security", "Security", AT, (), "What is KMS?", "Key Management Service"), "own name"),
])
def test_an_answer_filter_drops_the_pattern(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message


@pytest.mark.parametrize("fact", [
    # a list item named by its own label, a number in a list, a pipeline stage
    cloze("S3 Glacier retrievals: expedited (", "[1-5 minutes]", "), standard, bulk."),
    cloze("Kinesis Data Streams — retention: ", "[24 hours]", " by default, up to 365 days."),
    cloze("A typical ingest path: ", "[Kinesis Data Streams]", " -> Lambda -> DynamoDB"),
    cloze("If a message is larger than ", "[256 KB]", ", use the SQS Extended Client Library"),
    # a real question with a verb in it, a term of three words
    qa("What is the largest item DynamoDB can store?", "400 KB"),
    qa("Amazon Redshift: what do Compute Nodes do?", "Store data and run query steps in parallel"),
    qa("What is Lambda's behaviour when a function is throttled?", "Synchronous calls get a 429 error"),
    qa("What does Athena do when a query is cancelled?", "Billing stops for the data not yet scanned"),
    qa("What is AWS Resource Access Manager (RAM)?", "Shares resources across accounts"),
    # "like X," then a clause, not a list
    cloze("MSK works like Kafka, ", "[but brokers are patched by AWS]", "."),
    # the answer after the arrow hidden: the card to make
    cloze("\u201cNeed ad hoc queries over files in S3?\u201d \u2192 ", "[Athena]"),
    # a negated verb with no reason beside it reads both ways
    cloze("DynamoDB Streams ", "[do not have]", " direct integration with Firehose."),
    cloze("Glacier Deep Archive ", "[does not support]", " expedited retrieval, as well as no provisioned capacity."),
    qa("AWS Step Functions: how is a Standard workflow priced?", "Per state transition"),
    # a percentage with its measure on the front or in the blank
    cloze("Amazon EBS io2 — durability: ", "[99.999%]"),
    cloze("EC2 Spot Instances — up to ", "[90%]", " off On-Demand"),
    cloze("Amazon S3 RTC — replicates ", "[99.99%]", " of objects within 15 minutes"),
    cloze("Amazon S3 One Zone-IA — ", "[99.5% availability]"),
    # another blank in the sentence is a card of its own
    cloze("Amazon S3 RTC — ", "[99.99%]", " within ", "[15 minutes]"),
    # the question asks for the default, or a default is only one clause of the definition
    qa("Amazon VPC: what is the default rule of a network ACL?", "Allow all traffic, by default"),
    qa("What is a security group?", "A stateful instance firewall; by default it denies all inbound traffic"),
    # a short definition with a thing of its own in it
    qa("AWS DMS: what is SCT?", "Heterogeneous schema converter"),
    cloze("Amazon EFS — scales to ", "[10 GB/s]", " or more of throughput"),
    cloze("Kinesis Data Streams — a shard takes ", "[1 MB]", " or 1,000 records per second of write throughput"),
    qa("What is EC2?", "Virtual servers in the cloud (Elastic Compute Cloud)"),
    qa("What is Amazon S3?", "Object storage"),
    qa("What is Amazon EBS?", "Block storage"),
    # the one thing a service does, in a word, names it
    qa("What is Amazon CloudWatch?", "Monitoring and observability"),
    # one service named for a category is its answer, not an open list
    qa("Amazon Kinesis — which service loads streams into S3 with no code?", "Amazon Data Firehose, with buffering"),
])
def test_an_answer_filter_keeps_the_look_alike(fact):
    kept, _ = filter_facts([fact], CATALOG)
    assert kept == [fact]


def label_qa(question: str, answer: str, context: str) -> QAFact:
    return QAFact("k", context, context, AT, (), question, answer)


@pytest.mark.parametrize("fact, reason", [
    # a general idea defined under a heading that names no service
    (label_qa("Kinds of Caches: what is Warm cache?", "A cache already filled with frequently read items",
              "Study Guide › Kinds of Caches"), "general concept"),
    (label_qa("Data Shapes: what are Tabular datasets?", "Rows and columns with a fixed schema",
              "Study Guide › Data Shapes"), "general concept"),
    # a service named only as an example does not make the idea a fact of it
    (label_qa("Data Temperature: what is Frozen data?", "Data kept for audits only (e.g., Amazon S3 Glacier Deep Archive)",
              "Study Guide › Data Temperature"), "general concept"),
    # a topic of the notes asked as a term
    (label_qa("Amazon SQS: what is Access?", "Queue policies plus IAM decide who can send",
              "Queues"), "topic label"),
    (label_qa("AWS Backup: what is Data retention?", "Keep copies after the plan ends", "Backups"), "topic label"),
    # "either" with its second choice lost
    (label_qa("Amazon SQS: what is Batching?", "Either group sends (SendMessageBatch or one by one)", "Queues"),
     "either"),
    # a request field of an API under a parameters heading
    (label_qa("Amazon SQS: what is QueueUrl?", "The URL of the queue (from GetQueueUrl)",
              "Amazon SQS › Request Parameters"), "API request parameter"),
    # a definition made only of category words
    (label_qa("Amazon DynamoDB: what are Sort keys?", "Access pattern", "Tables"), "category words"),
])
def test_a_label_definition_that_teaches_no_service_fact_is_dropped(fact, reason):
    about_lambda = [qa("What is the maximum timeout of AWS Lambda?", "15 minutes")] * 2  # a note about services
    kept, skipped = filter_facts([fact] + about_lambda, CATALOG)
    assert kept == about_lambda and reason in skipped[0].message


def test_a_general_concept_in_notes_the_catalog_does_not_know_is_kept():
    # "Load Balancing: what is Session stickiness?" in notes that name no catalog service: the heading may be one
    fact = label_qa("Kinds of Caches: what is Warm cache?", "A cache already filled with frequently read items",
                    "Study Guide › Kinds of Caches")
    assert filter_facts([fact], CATALOG)[0] == [fact]


@pytest.mark.parametrize("fact", [
    # the heading names a service, or the term is a name of its own (acronym, API name, number)
    label_qa("Amazon DynamoDB: what is Warm cache?", "DAX keeps hot items in memory", "Tables › Amazon DynamoDB"),
    label_qa("Kinds of Caches: what is DAX?", "An in-memory cache in front of DynamoDB tables", "Kinds of Caches"),
    # a topic word that, with its heading, names a service
    label_qa("Amazon Kinesis: what is Data Analytics?", "Runs SQL or Apache Flink over a stream", "Amazon Kinesis"),
    # the answer says how a service does it
    label_qa("Key Handling: what is Envelope encryption?", "A data key that is itself encrypted by an AWS KMS key",
             "Key Handling"),
    label_qa("Settings: what is QueryTimeout?", "Seconds a statement may run before it is cancelled", "Settings"),
    label_qa("Amazon SQS: what is Visibility timeout?", "Hides a received message for 30 seconds by default",
             "Queues"),
    label_qa("Amazon SQS: what is Long polling?", "Waits up to 20 seconds for a message to arrive", "Queues"),
    # a request field whose answer says what it is for
    label_qa("Amazon SQS: what is ReceiptHandle?", "Needed to delete a received message; valid until it is visible again",
             "Amazon SQS › Request Parameters"),
    # a metric's own name is a term to know
    label_qa("Amazon EC2: what is NetworkIn?", "Bytes received on all network interfaces", "Amazon EC2 › Metrics"),
    label_qa("Amazon SQS: what is Batching?", "Either SendMessageBatch or ten single calls", "Queues"),
])
def test_a_label_definition_of_a_service_term_is_kept(fact):
    about_lambda = [qa("What is the maximum timeout of AWS Lambda?", "15 minutes")] * 2
    kept, _ = filter_facts([fact] + about_lambda, CATALOG)
    assert kept == [fact] + about_lambda


@pytest.mark.parametrize("fact, reason", [
    # the name's own word wrapped in generic words says nothing of what the thing is
    (qa("What is AWS Batch?", "Run batch computing workloads"), "wraps the name"),
    (qa("What is Amazon Kinesis Data Streams?", "Process data streams"), "wraps the name"),
    # a name glued from words (a metric) read aloud again, give or take one word
    (qa("Amazon SQS — queue alarms: what is ApproximateQueueDepth?", "Rough queue depth"), "spells out"),
    (qa("Amazon EC2 — scaling: what is DiskWriteOps?", "Disk write operations"), "spells out"),
    # the name's own kind again with a two-word purpose: "… API" → "an API to …", "…のためのAPI"
    (qa("What is the Kinesis Producer Library?", "A library to write records to Kinesis"), "wraps the name"),
    (qa("What is Amazon Athena Query API?", "Amazon Athenaのテーブルを検索するためのAPI。"), "wraps the name"),
    # the heading it sits under, with a vague word: "Readers" › "what is the CLI?" → "Basic reader"
    (QAFact("k", "Amazon SQS", "Amazon SQS › Readers", AT, (), "Amazon SQS: what is the CLI?", "Basic reader"),
     "wraps the name"),
    # a category noun alone
    (qa("Web tier: what is ASG?", "Scaling"), "category words"),
    # a price for "what is"
    (qa("Amazon Redshift Spectrum: what is Elastic scaling of compute?", "You only pay per query and data scanned"),
     "about price"),
    # a Japanese definition that only says it simplifies something
    (qa("What is AWS Batch?", "バッチコンピューティングのワークロードを簡素化。"), "simplifies or improves"),
])
def test_a_definition_that_says_nothing_of_the_thing_is_dropped(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message


@pytest.mark.parametrize("fact", [
    qa("What is AWS Batch?", "Runs batch jobs on EC2 or Fargate capacity it provisions"),
    qa("What is Amazon ECS?", "Managed container orchestration"),
    qa("What is AWS Step Functions?", "Runs workflows as state machines"),
    qa("What is AWS Glue DataBrew?", "データのクリーニングと正規化を行うビジュアルなデータ準備サービス。"),
    # the glued name's meaning said in other words
    qa("Amazon SQS — queue alarms: what is ApproximateAgeOfOldestMessage?", "How long the oldest message has waited"),
    qa("Amazon EC2 — scaling: what is NetworkIn?", "Bytes received on all network interfaces"),
    qa("What is DocumentDB?", "MongoDB-compatible document DB"),  # a service's name: the one word more is the fact
    # what sets the kind apart is said
    qa("What is the Kinesis Client Library?", "A library that handles shard leases and checkpoints for consumers"),
    qa("What is Amazon Redshift Data API?", "HTTPSでRedshiftにクエリを送信し、接続管理が不要なAPI。"),
    # a word the heading does not say
    QAFact("k", "Amazon SQS", "Amazon SQS › Readers", AT, (), "Amazon SQS: what is the CLI?", "Polling reader"),
])
def test_a_definition_that_names_a_category_or_mechanism_is_kept(fact):
    kept, _ = filter_facts([fact], CATALOG)
    assert kept == [fact]


@pytest.mark.parametrize("fact, reason", [
    # a parenthesis the line closes or opens and never pairs: a cut or garbled line
    (cloze("Logging — CloudTrail ", "[does not record]", " the statements run inside a database)"), "pairs with nothing"),
    (qa("What is Amazon OpenSearch(formerly Elasticsearch?", "the old name)"), "pairs with nothing"),
    # a unit glued to the word after it: two lines joined without a space
    (cloze("Archive tier — minimum billed duration: ", "[120 Daysremember]", " this"), "unit glued"),
    (cloze("A lease lasts at most ", "[6]", " hoursfor each worker."), "unit glued"),
    # the option the sentence rejects
    (cloze("Blue/green rollout — traffic shifting is configured in the ECS service NOT ", "[CodeDeploy]"), "rejects"),
    (cloze("Amazon SQS — consumers long-poll the queue rather than ", "[short polling]", " it."), "rejects"),
    # a list price
    (cloze("Amazon EBS — gp3 costs ", "[$0.08]", " per GB-month."), "list price"),
    (cloze("Amazon EFS — Standard storage costs ", "[$3]", " a month, varying by Region."), "list price"),
    (cloze("AWS Lambda — the ", "[$20]", " charge of a busy month."), "list price"),
    # the whole object of a verb that takes anything, nothing but a pronoun or a modal before it
    (cloze("Amazon Redshift — You can select ", "[RA3, DC2, or DS2]", "."), "takes anything"),
    (cloze("Auto Scaling group — Can utilize ", "[On-Demand and Spot Instances]"), "takes anything"),
    # a path drawn with dashes or arrows
    (cloze("Hybrid paths — office - VPN - VGW - ", "[Transit Gateway]", " - VPCs"), "path drawn"),
    (cloze("Cross-account access — app <-> ", "[NLB]", " <-> endpoint service in the other account <-> client"),
     "path drawn"),
    # an instruction used as the subject
    (cloze("use edge funcs — only have ", "[1 ms]", " to run", subject="use edge funcs"), "instruction"),
    # a blank that cuts a hyphenated word: half a word beside it
    (cloze("AWS Lake Formation — ", "[Table- and cell]", "-level filters"), "hyphenated word"),
    (cloze("Amazon Kinesis — near real-", "[time]", " delivery"), "hyphenated word"),
])
def test_a_debris_or_open_front_filter_drops_the_pattern(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message


@pytest.mark.parametrize("fact", [
    # one arrow or one dash in a sentence is no path
    cloze("Amazon ECS — ", "[ALB]", " -> ECS service, which starts the tasks of the service"),
    cloze("Amazon EMR - Hadoop on ", "[EC2]", " - managed for you"),
    cloze("AWS Direct Connect — links on-premises <-> AWS at up to ", "[100 Gbps]", " per port"),
    # parentheses that pair, a list marker, a smiley
    cloze("Amazon VPC — a transit gateway (up to ", "[5000]", " attachments) joins VPCs."),
    cloze("Choose: a) ", "[Amazon SQS]", " for queues; b) SNS for fan-out."),
    # a figure with its unit and a space, a rate in bits
    cloze("Glacier Deep Archive — minimum billed duration: ", "[180 Days]", " (keep in mind)"),
    cloze("Direct Connect — dedicated links of ", "[10 Gbits]", " per port."),
    # a plain negation, a figure after "not"
    cloze("Amazon S3 — existing objects are ", "[not replicated]", " when replication is turned on."),
    cloze("Amazon SQS — the delay can be set to ", "[900 seconds]", ", not more."),
    # a price word with no currency figure hidden, a figure after an open verb, a verb with its object said
    cloze("Amazon Athena — billed per ", "[TB scanned]", "."),
    cloze("Amazon Athena — queries cost ", "[5 USD]", " per TB scanned."),
    cloze("Amazon Aurora — You can have ", "[15]", " read replicas."),
    # a figure before a hyphen is a value with its label; a dash set off by spaces joins two parts
    cloze("Amazon API Gateway errors — ", "[429]", "-too many requests"),
    cloze("Amazon S3 — ", "[Standard-IA]", " - for rarely read objects"),
    cloze("AWS WAF — Can be attached to ", "[CloudFront, ALB or API Gateway]", "."),
    cloze("Amazon Redshift — You can select the node type with ", "[the elastic resize]", " operation."),
    # a heading naming a thing ("Use cases") is not an instruction; a statement with a subject of its own names it
    cloze("Use cases — streams feed ", "[Amazon S3]", " data lakes", subject="Use cases"),
    cloze("Using byte-range fetches — Amazon S3 ", "[serves parts]", " of one object in parallel",
          subject="Using byte-range fetches"),
])
def test_a_debris_or_open_front_look_alike_is_kept(fact):
    assert filter_facts([fact], CATALOG)[0] == [fact]


def test_a_comparison_whose_sides_both_claim_the_quality_asked_is_dropped():
    both = compare("Elasticity", ("Amazon EFS", "Grows with the elastic S3 data"), ("Amazon FSx", "Elastic throughput"))
    kept, skipped = filter_facts([both], CATALOG)
    assert kept == [] and "no contrast" in skipped[0].message
    # a figure on the sides, or a side that denies the quality in other words: a contrast, kept
    measured = compare("Durability", ("S3 Standard", "11 9's durability"), ("EBS", "99.999% durability"))
    denied = compare("Scalability", ("JDBC", "Connection limits apply"), ("Data API", "Scales without limits"))
    assert filter_facts([measured, denied], CATALOG)[0] == [measured, denied]


def test_an_example_opener_is_a_whole_word_not_the_start_of_one():
    from factdeck.extract.filters import example_item
    from factdeck.model import Reason
    # "Ex…" in "Excellence" / "Exchange" opens no list of examples
    assert example_item(cloze("Three tiers: Operational Excellence, ", "[Data Exchange]", ", Security")) is None
    # the real openers still do
    assert example_item(cloze("Sources such as S3, ", "[Redshift]", ", DynamoDB")) is Reason.EXAMPLE_ITEM
    assert example_item(cloze("Sources including S3, ", "[Redshift]", ", DynamoDB")) is Reason.EXAMPLE_ITEM


@pytest.mark.parametrize("parts", [
    ("A warehouse cluster — up to ", "[64]", "+ nodes"),
    ("The edge network has ", "[300]", " + points of presence"),
    ("Keep archives long (", "[5–8 years +]", ")"),
    ("Keep archives long (", "[5–8 years]", " +)"),
])
def test_a_figure_written_n_plus_is_a_rough_bound_not_a_value(parts):
    from factdeck.model import Reason
    kept, skipped = filter_facts([cloze(*parts)], CATALOG)
    assert not kept and skipped[0].reason is Reason.OPEN_FIGURE


@pytest.mark.parametrize("parts", [
    ("A shard takes ", "[1 MB]", " per second of writes"),
    ("Data nodes run on ", "[C++]", " code"),
    ("Retention is ", "[24 hours]", " + 7 days with the extended option"),
])
def test_a_figure_with_no_plus_of_its_own_is_kept(parts):
    from factdeck.extract.filters import open_figure
    assert open_figure(cloze(*parts)) is None


def test_an_answer_summed_with_plus_and_one_vague_part_is_dropped_a_concrete_sum_is_kept():
    from factdeck.extract.filters import vague_answer
    from factdeck.model import Reason
    assert vague_answer(cloze("Cluster cost: ", "[instance hours + license fee + general ops]", "")) is Reason.VAGUE_ANSWER_PART
    assert vague_answer(cloze("Cluster cost: ", "[instance hours + license fee + storage]", "")) is None
    assert vague_answer(cloze("Retention: ", "[24 hours + 7 days]", "")) is None


def test_a_two_part_sum_with_a_vague_part_is_kept():
    from factdeck.extract.filters import vague_answer
    assert vague_answer(qa("Columnar files: optimized?", "Yes — best performance + cost")) is None


def kin(*parts: str, subject: str = "Amazon Kinesis", context: str = "Streaming") -> ClozeFact:
    return cloze(*parts, context=context, subject=subject)


@pytest.mark.parametrize("fact, reason", [
    # a figure said of a family name with several members, none named: whose figure is it?
    (kin("Amazon Kinesis — keeps records for up to ", "[365 days]", "."), "family name"),
    (kin("Kinesis: each shard takes ", "[1 MB]", " per second in."), "family name"),
    (cloze("AWS Snow Family — a device holds up to ", "[80 TB]", ".", context="Edge", subject="AWS Snow Family"),
     "family name"),
    # four or more items hidden: a list to recite
    (cloze("Amazon FSx for Windows File Server — suits apps that rely on ", "[SMB, NTFS, Active Directory, or Windows ACLs]",
           ".", subject="Amazon FSx for Windows File Server"), "list of four or more"),
    (cloze("AWS Glue Data Catalog — one metadata store across ", "[RDBMS, RDS, Redshift and S3]",
           subject="AWS Glue Data Catalog"), "list of four or more"),
    # five or more of anything; every variant of one service ("all of them")
    (cloze("AWS X-Ray — plugs into ", "[EC2, ECS, Elastic Beanstalk, Lambda, API Gateway]", subject="AWS X-Ray"),
     "list of four or more"),
    (cloze("AWS Storage Gateway appliance — runs ", "[File Gateway, Volume Gateway and Tape Gateway]", ".",
           subject="AWS Storage Gateway"), "list of services"),
    # a question that stops on "to?" / "in?" answered by a few targets
    (qa("Amazon SNS — topics can push messages to?", "email; SMS; HTTPS endpoints"), "open list"),
    (qa("Amazon EMR — can read data in?", "DynamoDB, S3"), "open list"),
])
def test_an_open_or_ambiguous_blank_is_dropped(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message, skipped


@pytest.mark.parametrize("fact", [
    # a member named, another service's figure, or no figure at all
    kin("Amazon Kinesis Data Streams — keeps records for up to ", "[365 days]", ".", subject="Amazon Kinesis Data Streams"),
    kin("Kinesis keeps data a year, as opposed to Amazon SQS, which keeps at most ", "[14 days]", "."),
    kin("Amazon Kinesis — a family of services for ", "[real-time]", " streaming data."),
    # three protocols are a fact; services a label names as its set; a gloss in parentheses is one item
    cloze("Amazon FSx for NetApp ONTAP — clients mount it over ", "[NFS, SMB and iSCSI]", ".", subject="Amazon FSx for NetApp ONTAP"),
    cloze("Amazon S3 event notifications — targets: ", "[SNS, SQS, Lambda, EventBridge]", subject="Amazon S3"),
    cloze("AWS WAF — you attach it to ", "[ALB, CloudFront, and API Gateway]", ".", subject="AWS WAF"),
    cloze("AWS Elastic Beanstalk — free; you pay for the ", "[underlying resources (EC2, ELB, RDS, ASG)]",
          subject="AWS Elastic Beanstalk"),
    # criteria asked ("based on?"), or a question that says how many
    qa("Amazon Redshift Spectrum — adds nodes based on?", "query complexity; data size; concurrency"),
    qa("Which two queues can S3 events send to?", "SQS standard; SQS FIFO"),
])
def test_a_closed_list_or_a_named_member_is_kept(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped


def test_a_family_name_is_said_as_the_one_member_its_section_named_before():
    section = "Pick Amazon Kinesis Data Streams for replay. Kinesis keeps 365 days. a kinesis stream: 1 MB/s per shard."
    assert CATALOG.narrowed("Kinesis keeps 365 days.", section) == "Kinesis Data Streams keeps 365 days."
    assert CATALOG.narrowed("a kinesis stream: 1 MB/s per shard.", section) == \
        "a Kinesis Data Streams: 1 MB/s per shard."
    # two members named before it, or none: as written
    both = "Kinesis Data Firehose loads S3; Kinesis Data Streams replays. Kinesis keeps 365 days."
    assert CATALOG.narrowed("Kinesis keeps 365 days.", both) == "Kinesis keeps 365 days."
    assert CATALOG.narrowed("Kinesis keeps 365 days.", "Kinesis keeps 365 days.") == "Kinesis keeps 365 days."


def _defined(question: str, answer: str, subject: str) -> QAFact:
    return QAFact("k", subject, subject, AT, (), question, answer)


@pytest.mark.parametrize("question, answer, subject", [
    # each plain word of the term said again, itself or in other words, and at most two words beside
    ("Amazon EC2: what is Static addressing?", "A manually assigned address", "Amazon EC2"),
    ("Amazon FSx: what is Shared storage?", "Many clients can mount it at the same time", "Amazon FSx"),
    ("Amazon Aurora: what is Automatic failover?", "Fails over automatically without human action", "Amazon Aurora"),
])
def test_a_term_its_definition_only_glosses_is_dropped(question, answer, subject):
    from factdeck.extract.filters import glossed_term
    from factdeck.model import Reason
    assert glossed_term(_defined(question, answer, subject)) is Reason.TERM_GLOSSED


@pytest.mark.parametrize("question, answer, subject", [
    # a name, an acronym or a figure the term does not have; a term word left unglossed; a negation
    ("Amazon VPC: what is Dynamic routing?", "Routes learned automatically through BGP", "Amazon VPC"),
    ("Amazon EFS: what is Shared storage?", "Up to 2,500 instances can mount it at the same time", "Amazon EFS"),
    ("Amazon S3: what is Client-side encryption?", "You encrypt objects yourself before you upload them", "Amazon S3"),
    ("AWS Lambda: what is Warm start?", "A later call reuses the environment a former call set up", "AWS Lambda"),
    # a feature's own name: what it is goes beyond its words
    ("Amazon VPC: what is Shared VPC?", "A VPC shared with other accounts of the organization", "Amazon VPC"),
    ("Amazon EFS: what is Elastic Throughput?", "Throughput grows and shrinks with the workload", "Amazon EFS"),
    ("Amazon EBS: what is Static provisioning?", "Capacity is fixed when the volume is created and billed even when "
                                                  "unused", "Amazon EBS"),
])
def test_a_definition_that_says_more_than_its_term_is_kept(question, answer, subject):
    from factdeck.extract.filters import glossed_term
    assert glossed_term(_defined(question, answer, subject)) is None


def _compared(attribute: str, *sides: tuple[str, str]) -> CompareFact:
    return CompareFact("k", " vs ".join(e for e, _ in sides), "Caches", AT, (), attribute, tuple(sides))


def test_a_comparison_whose_every_side_is_done_by_hand_is_dropped():
    from factdeck.extract.filters import filter_facts
    from factdeck.model import Reason
    fact = _compared("Resizing", ("Redis on EC2", "Add shards to the cluster manually"),
                     ("Amazon ElastiCache for Redis", "You resize the cluster"))
    kept, skipped = filter_facts([fact], CATALOG)
    assert not kept and skipped[0].reason is Reason.SAME_MANNER


@pytest.mark.parametrize("sides", [
    # one side is done for you, or a side has a figure: something to tell apart
    (("Redis on EC2", "Add shards to the cluster manually"), ("Amazon ElastiCache for Redis", "Resharding runs online")),
    (("Redis on EC2", "You add shards by hand"), ("Amazon ElastiCache for Redis", "You pick up to 500 shards")),
    # two products, each scaled by hand in its own unit: that is the contrast
    (("Amazon Kinesis Data Streams", "You add shards manually"), ("Amazon MSK", "You add brokers manually")),
])
def test_a_comparison_with_a_side_not_by_hand_is_kept(sides):
    from factdeck.extract.filters import same_manner
    assert same_manner(_compared("Resizing", *sides)) is None


def test_a_comparison_side_that_only_says_its_own_name_and_who_runs_it_is_dropped():
    from factdeck.extract.filters import comparison_side_vague
    from factdeck.model import Reason
    fact = _compared("Main job", ("Apache Airflow", "Workflow scheduler for DAG pipelines"),
                     ("Amazon Managed Workflows for Apache Airflow", "Airflow on AWS, zero ops setup"))
    assert comparison_side_vague(fact) is Reason.SIDE_NAMES_ITSELF
    # a side that says what it runs on (another service's name) is a fact
    kept = _compared("Compute", ("Amazon Athena", "Serverless"), ("Amazon Redshift Spectrum", "Uses Redshift infra"))
    assert comparison_side_vague(kept) is None


@pytest.mark.parametrize("parts", [
    ("Amazon EMR — If the answer is wanted right away, ", "[Trino]", " could be used to read the tables where they lie."),
    ("Amazon S3 — When the files must be searched by content, ", "[OpenSearch]", " may also be used to index them."),
])
def test_an_option_a_condition_allows_is_dropped(parts):
    from factdeck.extract.filters import option_blank
    from factdeck.model import Reason
    assert option_blank(cloze(*parts)) is Reason.OPTION_BLANK


@pytest.mark.parametrize("parts", [
    # no condition: what the tool is for; a limit under a condition
    ("Amazon EMR — ", "[Trino]", " can be used to read the tables where they lie."),
    ("Amazon SQS — If a message is over ", "[256 KB]", ", the Extended Client can be used to keep it in S3."),
    ("Amazon SQS — If a message is large, ", "[256 KB]", " can be used as the cut-off."),
    # a condition that names what it is about singles the tool out
    ("Amazon S3 — When uploads to S3 crawl over long distances, ", "[Transfer Acceleration]", " can be used."),
])
def test_a_tool_said_without_a_condition_or_a_limit_is_kept(parts):
    from factdeck.extract.filters import option_blank
    assert option_blank(cloze(*parts)) is None


@pytest.mark.parametrize("parts, dropped", [
    # a no or a yes and the label's own word again: a coin toss
    (("Amazon SNS — message retention: ", "[No retention]", ""), True),
    (("AWS Glue — native scheduling support: ", "[Yes, natively scheduled]", ""), True),
    (("Amazon SQS — replay: ", "[No direct replay]", ""), True),
    # a reason, a limit or a word of its own beside it: the fact
    (("Amazon SNS — message retention: ", "[No (delivered then deleted)]", ""), False),
    (("Amazon DynamoDB Streams — replay: ", "[Yes, within 24 hours]", ""), False),
    (("Amazon SQS — replay: ", "[No, deleted once consumed]", ""), False),
])
def test_a_yes_or_no_that_only_repeats_its_label_is_dropped(parts, dropped):
    from factdeck.extract.filters import bare_yes_no
    from factdeck.model import Reason
    assert (bare_yes_no(cloze(*parts)) is Reason.BARE_YES_NO) is dropped


@pytest.mark.parametrize("fact", [
    # the label read back with only its vendor or the name of the service it belongs to in front
    cloze("Intelligent-Tiering — ", "[S3 Intelligent-Tiering]", ": moves each object to the tier its access suits.",
          subject="Amazon S3"),
    cloze("Crawlers — ", "[AWS Glue Crawlers]", ": read files in a bucket and write table definitions.",
          subject="AWS Glue"),
    cloze("Fargate — ", "[AWS Fargate]", ": runs containers with no hosts for you to patch.", subject="AWS Fargate"),
])
def test_a_label_the_blank_reads_back_with_a_service_name_in_front_is_dropped(fact):
    from factdeck.model import Reason
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and skipped[0].reason is Reason.LABEL_GIVES_AWAY, skipped


@pytest.mark.parametrize("fact", [
    # the answer says more than the label: a member of it, or the class a service's label asks for
    cloze("Glacier — ", "[S3 Glacier Deep Archive]", ": the cheapest class, restored within 12 hours.",
          subject="Amazon S3"),
    cloze("Amazon S3 — ", "[S3 Standard-IA]", ": for data read rarely but needed within milliseconds.",
          subject="Amazon S3"),
])
def test_a_label_whose_answer_adds_a_name_of_its_own_is_kept(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped


@pytest.mark.parametrize("fact", [
    # a relation any service has, the blank only services ending the sentence, nothing that singles them out
    cloze("Amazon QuickSight — integrates natively with ", "[Amazon Athena]", ".", subject="Amazon QuickSight"),
    cloze("Amazon EKS — the pods are sent traffic by the ", "[NLB]", subject="Amazon EKS"),
    cloze("AWS Transit Gateway — can connect to on-premises via ", "[Site-to-Site VPN or Direct Connect]",
          subject="AWS Transit Gateway"),
    cloze("Amazon MQ — works with ", "[SNS and SQS]", subject="Amazon MQ"),
])
def test_a_service_blank_after_a_generic_relation_is_dropped(fact):
    from factdeck.model import Reason
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and skipped[0].reason is Reason.OPEN_RELATION, skipped


@pytest.mark.parametrize("fact", [
    # what follows the blank says what is asked
    cloze("AWS Glue Data Catalog — works with ", "[AWS Lake Formation]", " to grant column-level access.",
          subject="AWS Glue Data Catalog"),
    # another service frames the answer; words of its own before the relation; a negation or "only"
    cloze("AWS DMS — connects to Amazon Redshift through ", "[Amazon S3]", ".", subject="AWS DMS"),
    cloze("Amazon Aurora — encrypted at rest, with keys supported by ", "[AWS KMS]", subject="Amazon Aurora"),
    cloze("AWS Step Functions — does not integrate with ", "[Amazon SWF]", ".", subject="AWS Step Functions"),
    cloze("Amazon SNS — FIFO topics only work with ", "[SQS FIFO]", ".", subject="Amazon SNS"),
    # not a relation any service has: where the data lives
    cloze("Amazon Redshift Spectrum — queries files that stay in ", "[Amazon S3]", ".",
          subject="Amazon Redshift Spectrum"),
])
def test_a_service_blank_with_a_cue_is_kept(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped


def test_a_relation_to_kinds_of_the_subjects_own_service_is_kept():
    """The subject names the set the answer is drawn from: its own variants, not any service."""
    fact = cloze("AWS Storage Gateway hardware appliance — works with ", "[File Gateway and Tape Gateway]", ".",
                 subject="AWS Storage Gateway")
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped


@pytest.mark.parametrize("parts, dropped", [
    # one side of a slash pair hidden, the other shown: half of a shorthand
    (("AWS Lambda — route through IGW/", "[NAT gateway]", " in a public subnet"), True),
    (("Amazon S3 — ", "[read]", "/write access for the role"), True),
    # either-ors on both sides of a blank that is no figure: a telegraphic line
    (("Amazon EC2 Auto Scaling — can grow/shrink the ", "[fleet size]", " as load rises/falls"), True),
    (("Lambda@Edge — ", "[5 seconds]", " for viewer req/resp, 30 seconds for origin req/resp"), False),
    (("VPC peering/private link — joins two VPCs over ", "[the AWS backbone]", " for read/write traffic"), False),
    (("Amazon S3 — grants read/write ", "[at the object level]", ""), False),
    # a rate: the figure and its unit, "/second" after it; a slash pair shown whole beside the blank
    (("Amazon DynamoDB Streams — up to ", "[2 MB]", "/second per shard"), False),
    (("Amazon Kinesis — ", "[1,000]", "/s records per shard"), False),
    (("AWS Lambda — reach IGW/NAT in ", "[a public subnet]", ""), False),
    (("Amazon EBS — io2 gives ", "[64,000]", " IOPS/volume"), False),
])
def test_a_blank_on_one_side_of_a_slash_pair_is_dropped(parts, dropped):
    from factdeck.extract.filters import slash_alternative
    from factdeck.model import Reason
    assert (slash_alternative(cloze(*parts)) is Reason.SLASH_ALTERNATIVE) is dropped


@pytest.mark.parametrize("text, expected", [
    ("the key is hashed(128 bit) with MD5", "the key is hashed (128 bit) with MD5"),
    ("High performance computing(HPC)", "High performance computing (HPC)"),
    ("takes many links(up to 10 by default)", "takes many links (up to 10 by default)"),
    # a short name and its glued note holding a figure: the name and what is said of it
    ("EBS(256,000 IOPS on io2)", "EBS: 256,000 IOPS on io2"),
    # one word with a glued letter, an empty call, a spaced parenthesis, code: left as they are
    ("speaks HTTP(S) only", "speaks HTTP(S) only"),
    ("one or more bucket(s)", "one or more bucket(s)"),
    ("call run() once", "call run() once"),
    ("Spot (up to 90% off)", "Spot (up to 90% off)"),
    ("use `count(a b)` here", "use `count(a b)` here"),
])
def test_a_glued_parenthesis_gets_its_space(text, expected):
    from factdeck.text import unglue_parenthesis
    assert unglue_parenthesis(text) == expected


@pytest.mark.parametrize("fact, reason", [
    # a bullet that continues the bullet before it with a conjunction: half of a thought
    (cloze("Hybrid links — or can reach the bucket over ", "[AWS Site-to-Site VPN]", " into a subnet."),
     "opens with a conjunction"),
    (cloze("Amazon SQS — and keeps each message for up to ", "[14 days]", "."), "opens with a conjunction"),
    # a service hidden in one step of a narrated flow
    (cloze("Static site — the browser resolves the name with ", "[Amazon Route 53]",
           " then fetches the pages from the CDN"), "one step of a narrated flow"),
    (cloze("Search tier — the app queries the index and then reads the full item from ", "[Amazon DynamoDB]", "."),
     "one step of a narrated flow"),
    # the place a later step goes to, whoever acts
    (cloze("Amazon OpenSearch Service — can find the match and then load the whole record from ", "[Amazon DynamoDB]"),
     "one step of a narrated flow"),
    # a word hidden in a "whenever you see …, think …" cue
    (cloze("Whenever you see tracing at the ", "[call]", " level, think AWS X-Ray."), "cue"),
    (cloze("anytime see ", "[speech]", " to text think Amazon Transcribe"), "cue"),
])
def test_a_fragment_narration_or_cue_is_dropped(fact, reason):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and reason in skipped[0].message, skipped


@pytest.mark.parametrize("fact", [
    # a conjunction inside the sentence, not at its start
    cloze("Amazon SQS keeps messages for up to ", "[14 days]", " and then deletes them."),
    # a conditional rule is not a story: "if … then …"
    cloze("If the bid is exceeded then you have a ", "[2-minute]", " warning before the instance stops."),
    cloze("When the queue is empty then ", "[Amazon SQS]", " long polling waits for a message."),
    # a service's own mechanism: the service acts, the blank is a step before "then"
    cloze("Kinesis Data Firehose stages the records in ", "[Amazon S3]", " then issues a COPY into Redshift."),
    # a number in a step of a flow is a fact
    cloze("The client sends the batch then waits up to ", "[5 minutes]", " for the reply."),
    # a cue whose blank is the service it points at
    cloze("Whenever you see tracing of requests, think ", "[AWS X-Ray]", "."),
    # "or" and "and" opening a word, not a clause
    cloze("Oracle databases migrate to Aurora with ", "[AWS DMS]", "."),
    cloze("Android clients sign in through ", "[Amazon Cognito]", "."),
])
def test_a_flow_rule_or_cue_that_is_a_fact_is_kept(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped


def test_a_troubleshooting_line_that_opens_like_a_cue_is_kept():
    # "when you see an error, do X": the hidden fix is the fact, not a word of a cue pointing at a service
    fact = cloze("When you see throttling errors on the stream, add ", "[shards]", " or retry with backoff.")
    assert filter_facts([fact], CATALOG)[0] == [fact]


@pytest.mark.parametrize("fact", [
    cloze("Hybrid links — traffic can reach the subnet over a ", "[Direct Connect]", " private VIF."),
    cloze("Capacity — each ", "[DynamoDB]", " table is billed by its RCUs and WCUs."),
    cloze("DNS — a private hosted zone answers only inside a VPC in ", "[Amazon Route 53]", "."),
])
def test_a_term_that_only_exists_with_the_hidden_service_gives_it_away(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and "only exists with the service" in skipped[0].message, skipped


@pytest.mark.parametrize("fact", [
    # the term stands, but the blank is another service or a figure
    cloze("Hybrid links — a private VIF reaches many VPCs through a ", "[Transit Gateway]", "."),
    cloze("Capacity — one RCU reads up to ", "[4 KB]", " per second, strongly consistent."),
    # an ordinary word that only looks like the acronym
    cloze("Hybrid links — the Vif office orders its ports from ", "[AWS Direct Connect]", "."),
    cloze("Hybrid links — on-premises traffic reaches the VPC privately over ", "[AWS Direct Connect]", "."),
])
def test_a_term_beside_another_blank_is_kept(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped


@pytest.mark.parametrize("fact, reason", [
    # a limit with no figure anywhere, the blank only the quantity's noun phrase
    (cloze("By default, Amazon SNS limits ", "[the number of topics per account]", "."), "FIGURELESS_LIMIT"),
    (cloze("Amazon S3 — PUT requests are throttled by ", "[the rate of requests per prefix]", subject="Amazon S3"),
     "FIGURELESS_LIMIT"),
    # only a generic scope, trailing after a preposition, no figure or negation
    (cloze("Amazon SQS — consumers poll the queue at ", "[the same time]", "."), "SCOPE_BLANK"),
    (cloze("AWS Lambda — a warm container is reused within ", "[a single region]", "."), "SCOPE_BLANK"),
    (cloze("IAM — roles are assumed for ", "[each request]"), "SCOPE_BLANK"),
    # a well-known code the front's words name
    (cloze("Synthetics — Dead Link Finder: crawls a site and reports pages that return ", "[404]"), "IMPLIED_CODE"),
    (cloze("Web crawler — lists broken links: pages answering HTTP ", "[404]", "."), "IMPLIED_CODE"),
])
def test_a_figureless_or_implied_blank_is_dropped(fact, reason):
    from factdeck.model import Reason
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [] and skipped[0].reason is Reason[reason], skipped


@pytest.mark.parametrize("fact", [
    # a figure is the fact
    cloze("By default, Amazon SNS limits topics to ", "[100,000]", " per account."),
    cloze("Amazon Kinesis Data Streams — a record is kept for up to ", "[7 days]", "."),
    cloze("Amazon S3 — a restore from Glacier finishes within ", "[24 hours]", "."),
    # a quantity asked where no limit is: what sets the throughput
    cloze("Amazon Kinesis — the stream's throughput is set by ", "[the number of shards]", "."),
    # a named scope, a placement by name, a scope with a negation, a scope the sentence goes on after
    cloze("Amazon Kinesis — 1 MB/s of writes per ", "[shard]", "."),
    cloze("Amazon EBS — a volume is replicated within ", "[a single AZ]", "."),
    cloze("AWS KMS — a key cannot be used outside ", "[the same region]", "."),
    # where the subject itself lives is a property of it
    cloze("Amazon API Gateway edge-optimized — the API itself still sits in ", "[a single region]", "."),
    cloze("Amazon SQS — two consumers may read a message at ", "[the same time]", " when the timeout is short."),
    # a code the front does not name, or a code a learner has to learn for its words
    cloze("API Gateway — Too Many Requests is answered with HTTP ", "[429]", "."),
    cloze("API Gateway — returns ", "[429]", " when the quota is exceeded."),
    cloze("Amazon CloudFront — serves a custom error page when the origin returns ", "[404]", "."),
])
def test_a_figure_a_named_scope_or_an_unnamed_code_is_kept(fact):
    kept, skipped = filter_facts([fact], CATALOG)
    assert kept == [fact], skipped
