"""The built-in AWS service catalog (package data): well-formed, unambiguous, shipped."""
from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"id", "name", "aliases", "family", "parent", "bare", "vendor", "umbrella", "telltales"}
PREFIXES = ("Amazon ", "AWS ", "Apache ")
# Words and phrases notes use with their ordinary meaning: never an alias, and an
# entry whose unprefixed name is one of them must say bare: never.
ORDINARY = {"streams", "lake", "pipeline", "studio", "functions", "spot", "batch", "config",
            "backup", "connect", "data catalog", "catalog", "spectrum", "serverless", "yarn",
            "vpn", "sso", "canvas", "shield", "inspector", "detective", "artifact", "forecast",
            "personalize", "organizations", "outposts", "budgets", "health", "amplify",
            "data pipeline", "auto scaling", "marketplace", "support", "transform", "q"}


def load() -> list[dict]:
    resource = files("factdeck") / "data" / "aws_services.yaml"
    assert resource.is_file(), "src/factdeck/data/aws_services.yaml is missing"
    doc = yaml.safe_load(resource.read_text(encoding="utf-8"))
    assert isinstance(doc, dict) and list(doc) == ["services"], "top level must be one key, services:"
    assert isinstance(doc["services"], list)
    return doc["services"]


SERVICES = load()
BY_ID = {s["id"]: s for s in SERVICES}


def norm(text: str) -> str:
    """How the matcher compares names: case-, space- and hyphen-insensitive."""
    return re.sub(r"[\s\-]+", "", text).lower()


def unprefixed(text: str) -> str:
    for p in PREFIXES:
        if text.startswith(p):
            return text[len(p):]
    return text


def aliases(s: dict) -> list[str]:
    return s.get("aliases") or []


def test_entries_are_mappings_with_known_keys():
    for s in SERVICES:
        assert isinstance(s, dict), s
        assert set(s) <= KEYS, f"{s.get('id')}: unknown keys {set(s) - KEYS}"


def test_ids_unique_and_lowercase_with_dashes():
    ids = [s.get("id") for s in SERVICES]
    bad = [i for i in ids if not isinstance(i, str) or not ID.match(i)]
    assert not bad, f"ids not lowercase-with-dashes: {bad}"
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"


def test_every_entry_has_a_name():
    nameless = [s["id"] for s in SERVICES if not isinstance(s.get("name"), str) or not s["name"].strip()]
    assert not nameless, f"entries without a name: {nameless}"


def test_aliases_are_a_list_of_nonempty_strings():
    for s in SERVICES:
        a = s.get("aliases", [])
        assert isinstance(a, list), f"{s['id']}: aliases must be a list"
        assert all(isinstance(x, str) and x.strip() for x in a), f"{s['id']}: empty or non-string alias"


def test_no_spelling_is_shared_by_two_entries():
    owners: dict[str, set[str]] = defaultdict(set)
    for s in SERVICES:
        for text in (s["name"], *aliases(s)):
            owners[norm(text)].add(s["id"])
            owners[norm(unprefixed(text))].add(s["id"])
    shared = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not shared, f"spellings claimed by more than one entry: {shared}"


def test_no_alias_repeats_the_name_or_its_unprefixed_form():
    """The unprefixed name is matched automatically (governed by bare); listing it would bypass bare."""
    redundant = [(s["id"], a) for s in SERVICES for a in aliases(s)
                 if norm(a) in {norm(s["name"]), norm(unprefixed(s["name"]))}]
    assert not redundant, f"aliases that only repeat the name: {redundant}"


def test_no_alias_is_an_ordinary_word():
    bad = [(s["id"], a) for s in SERVICES for a in aliases(s) if a.strip().lower() in ORDINARY]
    assert not bad, f"aliases that are ordinary words: {bad}"


def test_names_that_are_ordinary_words_are_bare_never():
    bad = [s["id"] for s in SERVICES
           if unprefixed(s["name"]).lower() in ORDINARY and s.get("bare") != "never"]
    assert not bad, f"these names are ordinary words without their prefix and need bare: never: {bad}"


def test_parents_exist_and_do_not_loop():
    missing = [(s["id"], s["parent"]) for s in SERVICES if "parent" in s and s["parent"] not in BY_ID]
    assert not missing, f"unknown parents: {missing}"
    for s in SERVICES:
        seen, cur = {s["id"]}, s
        while cur.get("parent"):
            cur = BY_ID[cur["parent"]]
            assert cur["id"] not in seen, f"parent cycle through {s['id']}"
            seen.add(cur["id"])


def test_bare_and_vendor_values():
    bad_bare = [(s["id"], s["bare"]) for s in SERVICES if "bare" in s and s["bare"] not in {"any", "cased", "never"}]
    assert not bad_bare, f"bare must be any, cased or never: {bad_bare}"
    bad_vendor = [(s["id"], s["vendor"]) for s in SERVICES
                  if "vendor" in s and s["vendor"] not in {"aws", "apache", "other"}]
    assert not bad_vendor, f"vendor must be aws, apache or other: {bad_vendor}"


def test_families_are_ids_shaped_and_never_a_singleton():
    counts: dict[str, int] = defaultdict(int)
    for s in SERVICES:
        if "family" in s:
            assert isinstance(s["family"], str) and ID.match(s["family"]), f"{s['id']}: bad family {s['family']!r}"
            counts[s["family"]] += 1
    lonely = sorted(f for f, n in counts.items() if n < 2)
    assert not lonely, f"a family needs at least two members to compare: {lonely}"


def test_apache_names_carry_the_apache_prefix_vendor():
    wrong = [s["id"] for s in SERVICES if s["name"].startswith("Apache ") and s.get("vendor") != "apache"]
    assert not wrong, f"Apache-named entries must be vendor: apache: {wrong}"
    wrong = [s["id"] for s in SERVICES if s["name"].startswith(("Amazon ", "AWS ")) and s.get("vendor", "aws") != "aws"]
    assert not wrong, f"Amazon/AWS-named entries must be vendor aws: {wrong}"


def test_at_least_200_entries_and_200_aws_services():
    assert len(SERVICES) >= 200
    top_level_aws = [s for s in SERVICES if s.get("vendor", "aws") == "aws" and "parent" not in s]
    assert len(top_level_aws) >= 200, f"only {len(top_level_aws)} top-level AWS services"


def test_spot_checks():
    assert BY_ID["opensearch"]["name"] == "Amazon OpenSearch Service"
    assert BY_ID["kafka"]["vendor"] == "apache"
    assert BY_ID["kafka"]["family"] == BY_ID["msk"]["family"]
    assert BY_ID["flink"]["family"] == BY_ID["kinesis-data-analytics"]["family"]
    assert BY_ID["airflow"]["family"] == BY_ID["mwaa"]["family"]
    assert BY_ID["elasticsearch"]["family"] == BY_ID["opensearch"]["family"]
    assert BY_ID["elasticsearch"]["vendor"] == "other"
    # current names, former names kept as aliases
    assert BY_ID["kinesis-data-firehose"]["name"] == "Amazon Data Firehose"
    assert "Kinesis Data Firehose" in aliases(BY_ID["kinesis-data-firehose"])
    assert BY_ID["kinesis-data-analytics"]["name"] == "Amazon Managed Service for Apache Flink"
    assert "Kinesis Data Analytics" in aliases(BY_ID["kinesis-data-analytics"])
    assert "AWS SSO" in aliases(BY_ID["iam-identity-center"])
    assert "CloudWatch Events" in aliases(BY_ID["eventbridge"])
    assert "Amazon Elasticsearch Service" in aliases(BY_ID["opensearch"])
    # variants hang under their service
    assert BY_ID["s3-glacier-deep-archive"]["parent"] == "s3"
    assert BY_ID["sqs-fifo"]["parent"] == "sqs"
    assert BY_ID["dynamodb-streams"]["parent"] == "dynamodb"
    assert BY_ID["glue-data-catalog"]["parent"] == "glue"
    for i in ("batch", "config", "backup", "connect", "shield", "organizations"):
        assert BY_ID[i].get("bare") == "never", i


def test_hand_written_deck_catalog_ids_are_reused():
    """notes/deck.yaml is the convention: same ids, same parents, and its families kept."""
    deck = yaml.safe_load((ROOT / "notes" / "deck.yaml").read_text(encoding="utf-8"))["services"]
    for d in deck:
        assert d["id"] in BY_ID, f"deck id {d['id']} missing from the built-in catalog"
        ours = BY_ID[d["id"]]
        assert ours.get("parent") == d.get("parent"), f"{d['id']}: parent differs from deck.yaml"
        if d.get("family"):
            assert ours.get("family") == d["family"], f"{d['id']}: family differs from deck.yaml"


def test_pyproject_ships_the_yaml_as_package_data():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = conf["tool"]["setuptools"]["package-data"]["factdeck"]
    assert any(Path("data/aws_services.yaml").match(p) for p in patterns), patterns


def test_index_finds_what_the_case_insensitive_pattern_finds():
    """The catalog's fast index (lower-cased text, left boundary checked outside the regex, vendor prefixes
    sharing one alternative) finds exactly what the plain ``re.I`` pattern of its trie finds."""
    from factdeck.config import load_config
    from factdeck.services import Catalog

    catalog = Catalog(load_config(ROOT / "tests", "tests"))
    plain = re.compile(r"(?<![\w\-])(" + catalog._loose.pattern() + r")(?![\w\-]|\.\w)", re.I)
    texts = ["AWS kinesis-data STREAMS feeds Amazon-Redshift and apache kafka.",
             "xKinesis, Kinesis-x, kinesis.io, (Athena), Glue+EMR, KDS/KDF; S3 — EC2…",
             "Kineſis and the Kelvin sign: \u212aDS", "AMAZON AWS GLUE, aws  glue, Amazon Athena's"]
    for text in texts:
        fast = [(m.start, m.end) for m in catalog.mentions(text) if not catalog._cased.get(text[m.start:m.end])]
        assert fast == [m.span(1) for m in plain.finditer(text) if catalog._service_of(m.group(1))], text
    assert [m.service.id for m in catalog.mentions("aws kinesis-data STREAMS")] == ["kinesis-data-streams"]
    assert catalog.mentions("xKinesis and kinesis.io") == []
