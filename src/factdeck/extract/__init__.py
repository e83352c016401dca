"""Extract atomic facts from a note's blocks: a declared chain of shape rules, then the walker.

Each rule in ``RULES`` is a pure function ``rule(blocks, i, scope) -> Claim | None`` in a module of
its own under ``shapes/``: it looks at the block at ``i`` (and, for shapes that span blocks, the
ones after it) with its ``Scope`` (note, catalog, current subject and context) and either claims
those blocks — returning the facts they give, or a skip with its reason — or passes. The first rule
that claims a block wins, in the order written here (as markdown-it-py's block rules). Blocks no rule
claims go to the walker (``walker.py``): headings, tables, "Term:" lines, definitions and sentences
with a key value.
"""
from __future__ import annotations

from ..model import Block, Extraction, Note
from ..services import Catalog
from .rule import Claim, Rule, Scope
from .shapes import authored, choose_for, highlight, practice, scenario, short_list, side_compare, table_qa, weights, which_side

RULES: list[tuple[str, Rule]] = [
    ("scenario", scenario.scenario),
    ("practice_question", practice.practice_question),
    ("details_question", practice.details_question),
    ("weights", weights.weights),
    ("table_qa", table_qa.table_qa),
    ("sr_multiline", authored.sr_multiline),
    ("sr_inline", authored.sr_inline),
    ("qa_pairs", authored.qa_pairs),
    ("question_bullet", authored.question_bullet),
    ("question_heading", authored.question_heading),
    ("choose_for", choose_for.choose_for),
    ("counted_list", short_list.counted_list),
    ("short_list", short_list.short_list),
    ("side_compare", side_compare.side_compare),
    ("which_side", which_side.which_side),
    ("highlight", highlight.highlight),
]
"""(name, rule) in the order they are tried on each block."""


def extract_facts(note: Note, blocks: list[Block], catalog: Catalog) -> Extraction:
    """Facts of one note, with what was skipped and why."""
    from .walker import _Extractor

    return _Extractor(note, catalog, RULES).run(blocks)


__all__ = ["extract_facts", "RULES", "Claim", "Rule", "Scope"]
