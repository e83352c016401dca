"""text.caseless: the ASCII fast path of a case-insensitive yes/no search answers as the re.I pattern does."""
from __future__ import annotations

import re

from factdeck.text import caseless


def test_caseless_search_finds_what_the_case_insensitive_pattern_finds():
    """The ASCII fast path (text lowered, pattern without re.I) answers as the re.I pattern does, and a
    pattern it cannot lower safely (an upper-case class, an inline flag) or non-ASCII text keeps re.I."""
    texts = ["Let me KNOW if", "let me know", "LET ME\tKNOW", "letme know", "Ünïcode: let me know", "ſtate",
             "a [B] here", "an ab", "", "K"]
    for pattern in (re.compile(r"\blet me\s+know\b", re.I), re.compile(r"[A-Z]\]", re.I),
                    re.compile(r"(?-i:a) b|state", re.I), re.compile(r"\bk\b", re.I)):
        found = caseless(pattern)
        assert [found(t) for t in texts] == [pattern.search(t) is not None for t in texts], pattern.pattern
    assert caseless(re.compile(r"me know", re.I))("LET ME KNOW")
    assert not caseless(re.compile(r"me know", re.I))("let meknow")
