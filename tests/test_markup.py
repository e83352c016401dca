"""Site-generator syntax (``markup.py``): rewritten line for line, then read like any note."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factdeck.markup import normalize_markup
from test_extract_cases import check_case
from test_shape_cases import extract

CASES = Path(__file__).parent / "cases"


def test_mkdocs_admonition_becomes_a_callout_until_the_indent_ends():
    text = '!!! warning "Limits"\n    Max 5 GB per PUT.\n\n    Use multipart above 100 MB.\n\nAfter.'
    assert normalize_markup(text).split("\n") == [
        "> [!warning] Limits", "> Max 5 GB per PUT.", ">", "> Use multipart above 100 MB.", "", "After."]


def test_colon_fence_admonition_with_and_without_title():
    assert normalize_markup(":::tip Exam tip\nA fact.\n:::\nNext").split("\n") == [
        "> [!tip] Exam tip", "> A fact.", "", "Next"]
    assert normalize_markup("::: note\nA fact.\n\nMore.\n:::").split("\n") == [
        "> [!note]", "> A fact.", ">", "> More.", ""]


def test_template_tags_footnotes_and_shortcodes():
    assert normalize_markup('{% hint style="info" %}\nText[^1] here :bulb:.\n{% endhint %}\n[^1]: A source.') == \
        "\nText here .\n\n"
    assert normalize_markup("| a | :heavy_check_mark: | :x: |") == "| a | ✅ | ❌ |"


def test_what_is_not_site_syntax_is_left_alone():
    for text in ("arn:aws:iam::111122223333:role/x", "aws:servicecatalog:provisioningProduct", "10:30:00",
                 "What is S3?::Object storage", "```\n!!! note\n:::tip\n```", "a :: b", "std::vector"):
        assert normalize_markup(text) == text, text


def test_line_count_is_kept():
    text = (CASES / "markup" / "site_syntax.md").read_text(encoding="utf-8")
    assert len(normalize_markup(text).split("\n")) == len(text.split("\n"))


@pytest.mark.parametrize("name", sorted(f"markup/{p.stem}" for p in (CASES / "markup").glob("*.md")))
def test_site_syntax_cards(name):
    expected = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    check_case(expected, extract(name))


def test_logseq_properties_and_closing_tags():
    text = ("title:: Amazon Redshift\ntags:: aws, analytics\n\n- Redshift is a data warehouse\n  id:: 650c1d7e\n"
            "  collapsed:: true\n\t- Leader node plans queries\n- What does VACUUM do? #card\n\t- Reclaims space\n"
            "- Max columns per table:: 1,600\n- C# and F# are languages #dev/lang")
    assert normalize_markup(text).split("\n") == [
        "", "", "", "- Redshift is a data warehouse", "", "", "\t- Leader node plans queries", "- What does VACUUM do?",
        "\t- Reclaims space", "- Max columns per table:: 1,600", "- C# and F# are languages"]


def test_note_app_property_lines_under_the_title_are_settings():
    text = "# Amazon SQS\n\nCreated: March 3, 2024 10:12 AM\nTags: Messaging, Decoupling\nStatus: Done\n\nRetention: 4 days."
    assert normalize_markup(text).split("\n") == ["# Amazon SQS", "", "", "", "", "", "Retention: 4 days."]
    # a fact that happens to follow the title in "Key: value" form is not a settings block
    for kept in ("# Amazon SQS\n\nRetention: 4 days\nMax message: 256 KB\n", "# SQS\n\nType: FIFO or standard\n"):
        assert normalize_markup(kept) == kept


def test_notion_ids_leave_deck_subdeck_and_title_names(tmp_path):
    from factdeck.config import default_name
    from factdeck.notes import _readable

    folder = tmp_path / "AWS Notes 8a1c2e3f4b5d6e7f8a9b0c1d2e3f4a5b"
    folder.mkdir()
    assert default_name(folder) == "AWS Notes"
    assert _readable("Streaming 0123456789abcdef0123456789abcdef") == "Streaming"
