"""Vocabulary the extractor reads by (stop words, chatter, generic headings, marketing words …), as data.

``en.yaml`` holds English word lists; code builds its patterns from them once. Nothing in it is specific
to one set of notes: each entry is a kind of wording that recurs in anyone's study notes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from .._data_cache import cached


@lru_cache(maxsize=None)
def lexicon(lang: str = "en") -> dict:
    """The word lists of ``<lang>.yaml``, loaded once."""
    text = resources.files(__package__).joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    return cached(f"lexicon-{lang}", text,
                  lambda t: yaml.load(t, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))  # noqa: S506 - safe


def words_of(name: str, lang: str = "en") -> frozenset[str]:
    """A word list as a set (lower case)."""
    return frozenset(str(w).lower() for w in lexicon(lang)[name])


def phrases(name: str, lang: str = "en") -> str:
    """A list of phrases as one regex alternation (entries are regex fragments, longest first)."""
    items = sorted((str(w) for w in lexicon(lang)[name]), key=len, reverse=True)
    return "|".join(items)


def anchored(name: str, lang: str = "en", flags=re.I) -> re.Pattern:
    """A pattern matching a whole text that is one of the list's phrases."""
    return re.compile(rf"^(?:{phrases(name, lang)})$", flags)
