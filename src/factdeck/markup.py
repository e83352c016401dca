"""Site-generator and hosting syntax that plain Markdown does not know, rewritten line for line.

Notes kept in a docs site or a wiki carry their tool's markup. Read as plain Markdown it turns into text
on cards ("{% hint %} — …", ":white_check_mark:") or hides the lines it wraps. Each rewrite here keeps
the note's line count, so every fact keeps its source line:

- admonitions — MkDocs ``!!! tip "Title"`` (``???`` collapsible) with an indented body, Docusaurus and
  VuePress ``:::tip Title`` … ``:::`` — become call-outs (``> [!tip] Title``), as Obsidian writes them;
- template tags — Liquid/Jinja ``{% … %}``, Hugo shortcodes ``{{< … >}}`` / ``{{% … %}}`` — are removed;
- footnote references ``[^1]`` are removed and footnote definitions blanked (a source note, not a fact);
- emoji shortcodes — ``:white_check_mark:``/``:heavy_check_mark:`` become ✅, ``:x:`` ❌, others go;
- Logseq properties — ``title:: …``/``tags:: …`` lines atop a page, ``id:: …``/``collapsed:: true`` under a
  block (a lower-case one-word key) — are blanked (they are settings, not ``question::answer`` cards), and
  tags closing a line (``What does VACUUM do? #card``) are removed;
- a note app's property lines under the page title (``Created: …``, ``Tags: …``, ``Status: Done`` in a
  Notion export; keys listed in the lexicon's ``metadata_keys``) are blanked, as front matter would be.

Fenced code is left as it is.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import words_of

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_MKDOCS = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+\"(.*)\")?\s*$")
_COLONS_OPEN = re.compile(r"^\s*:::\s*([A-Za-z][\w-]*)(?:\[(.*)\]|\s+(.*?))?\s*(?:\{.*\})?\s*$")
_COLONS_CLOSE = re.compile(r"^\s*:::\s*$")
_TEMPLATE = re.compile(r"\{%-?.*?-?%\}|\{\{[<%].*?[>%]\}\}")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^[^\]\s]+\]:")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_PROPERTY = re.compile(r"^\s*(?:[-*]\s+)?[a-z][a-z0-9_\-]*::(?:\s.*)?$")
_TRAILING_TAGS = re.compile(r"(?:\s+#[A-Za-z][\w/\-]*)+\s*$")
_SHORTCODE = re.compile(r"(?<![\w:/])(:[a-z][a-z0-9_+\-]{0,40}:)(?![\w:/])")
_YES = {":white_check_mark:", ":heavy_check_mark:", ":ballot_box_with_check:", ":check:", ":green_circle:"}
_NO = {":x:", ":negative_squared_cross_mark:", ":heavy_multiplication_x:", ":no_entry:", ":red_circle:",
       ":no_entry_sign:"}


_KEY_LINE = re.compile(r"^\s*([A-Za-z][\w ]{0,24}?)\s*:\s+\S")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


@lru_cache(maxsize=1)
def _metadata_keys() -> frozenset[str]:
    return words_of("metadata_keys")


def _property_block(lines: list[str]) -> set[int]:
    """Line indexes of the ``Key: value`` lines right under the page's first heading (or atop the page) when
    every key is a note app's property and at least two are: a page's settings block."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _HEADING.match(lines[start]):
        start += 1
        while start < len(lines) and not lines[start].strip():
            start += 1
    block = []
    k = start
    while k < len(lines) and (m := _KEY_LINE.match(lines[k])):
        if m.group(1).strip().lower() not in _metadata_keys():
            return set()
        block.append(k)
        k += 1
    return set(block) if len(block) >= 2 and (k == len(lines) or not lines[k].strip()) else set()


def _shortcode(m: re.Match) -> str:
    code = m.group(1)
    if code in _YES:
        return "✅"
    if code in _NO:
        return "❌"
    return ""


def _inline(line: str) -> str:
    if "{" in line:
        line = _TEMPLATE.sub("", line)
    if "[^" in line:
        line = _FOOTNOTE_REF.sub("", line)
    if ":" in line:
        line = _SHORTCODE.sub(_shortcode, line)
    if "#" in line and not line.lstrip().startswith("#"):
        line = _TRAILING_TAGS.sub("", line)
    return line


def normalize_markup(text: str) -> str:
    """The note with site-generator syntax rewritten (same number of lines)."""
    if not any(s in text for s in ("!!!", "???", ":::", "{%", "{{<", "{{%", "[^", ":", "#")):
        return text
    lines = text.split("\n")
    settings = _property_block(lines) if ":" in text else set()
    out: list[str] = []
    fence = ""
    mkdocs_indent: int | None = None  # the indent of an open MkDocs admonition's opening line
    colons = 0  # open ":::" admonitions
    page_properties = True  # Logseq writes a page's properties on its first lines
    for n, line in enumerate(lines):
        if n in settings:
            out.append("")
            continue
        if page_properties:
            if _PROPERTY.match(line) and not line.lstrip().startswith(("-", "*")):
                out.append("")
                continue
            page_properties = False
        if fence:
            out.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        if m := _FENCE.match(line):
            if mkdocs_indent is None and not colons:
                fence = m.group(1)[:3]
                out.append(line)
                continue
        if mkdocs_indent is not None:
            indent = len(line) - len(line.lstrip(" \t").replace("\t", "    "))
            if not line.strip():
                later = next((t for t in lines[n + 1:] if t.strip()), "")
                inside = len(later) - len(later.lstrip(" \t").replace("\t", "    ")) > mkdocs_indent
                out.append(">" if inside else "")
                continue
            if indent > mkdocs_indent:
                out.append("> " + _inline(line.strip()))
                continue
            mkdocs_indent = None
        if m := _MKDOCS.match(line):
            mkdocs_indent = len(m.group(1))
            out.append(f"> [!{m.group(2)}] {(m.group(3) or '').strip()}".rstrip())
            continue
        if colons and _COLONS_CLOSE.match(line):
            colons -= 1
            out.append("")
            continue
        if (m := _COLONS_OPEN.match(line)) and not colons:
            colons = 1
            title = (m.group(2) or m.group(3) or "").strip()
            out.append(f"> [!{m.group(1)}] {title}".rstrip())
            continue
        if _PROPERTY.match(line) and not line.lstrip().startswith(("-", "*")) and n and \
                (lines[n - 1].lstrip().startswith(("-", "*")) or _PROPERTY.match(lines[n - 1])):
            out.append("")  # a block's properties: the lines right below its bullet
            continue
        if _FOOTNOTE_DEF.match(line):
            out.append("")
            continue
        line = _inline(line)
        out.append(("> " + line if line.strip() else ">") if colons else line)
    return "\n".join(out)
