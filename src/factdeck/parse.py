"""Parse a note into blocks (headings, paragraphs, tables) with source lines.

markdown-it-py does the Markdown; this stage only flattens its tokens into
plain-text blocks. Each paragraph keeps one ``Line`` per source line so that
"Term:" lines and their definitions can be told apart later. HTML tables are
read with the standard library's HTML parser.
"""
from __future__ import annotations

import dataclasses
import html
import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import Location
from .lexicon import phrases
from .markup import normalize_markup
from .model import Block, Cell, Heading, Line, Note, Paragraph, Table

_MD = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)  # notes.py blanks it; this is for raw notes
BR = re.compile(r"<br\s*/?>", re.I)
FORMAT_TAG = re.compile(r"</?(?:b|i|u|s|em|strong|sup|sub|span|code|a|small|mark|font|kbd|abbr)(?:\s[^>]*)?>", re.I)
BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|summary|details|h\d|tr|blockquote|section)(?:\s[^>]*)?>", re.I)
TAG = re.compile(r"<[^>]+>")


HL_OPEN, HL_CLOSE = "\ue000", "\ue001"
"""Private-use marks around text the author highlighted (``==x==``, ``<mark>x</mark>``): an answer they chose.
``strip_marks`` removes them; nothing that reaches a card keeps them."""
MARKS = re.compile("[\ue000\ue001]")
_PSEUDO_BULLET = re.compile(r"^([ \t]*)[•◦▪‣●○■□➢➤►▶]\s+", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_LONE_HIGHLIGHT = re.compile(r"(?<![=!<>])==(?![=])")
"""An ``==`` left open (no partner on the line): debris, not a comparison (code is inline code, not text)."""
_EMBED = re.compile(r"!\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
_LAZY_BULLET = re.compile(r"^[*+\-]\s+(?=\S)")
_TAG_LINE = re.compile(r"^(?:#[\w/\-]+\s*)+$")
_CALLOUT = re.compile(r"^\[!(\w+)\][+-]?\s*(.*)$")
_EMPHASIS_DEBRIS = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)|`+")
_MARK_TAG = re.compile(r"<mark\b[^>]*>|</mark\s*>", re.I)
_IMG_TAG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_CODE_LINE = re.compile(r"[{};]\s*$|^\s*[{}\]]|=>|\b(?:def|function|return|import|var|const|let)\b|^\s*[\w.]+\s*=\s*\S")


def strip_marks(text: str) -> str:
    return MARKS.sub("", text) if HL_OPEN in text or HL_CLOSE in text else text


def normalize_source(text: str) -> str:
    """Line-preserving fixes for what Markdown misreads: pseudo-bullets (•, ◦) become list items; site-generator
    syntax (admonitions, template tags, footnotes, emoji shortcodes) is rewritten by ``markup.py``."""
    return normalize_markup(_PSEUDO_BULLET.sub(lambda m: m.group(1) + "- ", text))


def parse_note(note: Note) -> list[Block]:
    """The note's blocks in document order."""
    tokens = _MD.parse(normalize_source(note.text))
    blocks: list[Block] = []
    list_stack: list[bool] = []  # ordered?
    items: list[tuple[int, bool]] = []  # open list items: (id, has had a paragraph)
    parents_with_children: set[int] = set()
    next_item = 0
    quote = 0
    callout_open: list[bool] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif kind == "list_item_open":
            if items:
                parents_with_children.add(items[-1][0])
            items.append((next_item, False))
            next_item += 1
        elif kind == "list_item_close":
            items.pop()
        elif kind == "blockquote_open":
            quote += 1
            callout_open.append(False)
        elif kind == "blockquote_close":
            quote -= 1
            if callout_open.pop():
                blocks.append(Heading(7, "", _loc(note, tok), callout=True))
        elif kind == "heading_open":
            inline = tokens[i + 1]
            text, _ = _plain(inline)
            blocks.append(Heading(int(tok.tag[1]), strip_marks(text).strip(), _loc(note, tok)))
            i += 2
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            lines, images = _lines(note, inline, tok.map[0] if tok.map else 0)
            if quote and lines and not callout_open[-1] and (m := _CALLOUT.match(strip_marks(lines[0].text))):
                # "> [!note] Title": the title heads the call-out's own lines
                callout_open[-1] = True
                blocks.append(Heading(7, m.group(2).strip() or m.group(1).capitalize(), lines[0].where, callout=True))
                lines = lines[1:]
            if lines or images:
                item, parent, first = -1, -1, True
                if items:
                    item, seen = items[-1]
                    parent = items[-2][0] if len(items) > 1 else -1
                    first = not seen
                    items[-1] = (item, True)
                blocks.append(Paragraph(lines, list_item=bool(list_stack), ordered=bool(list_stack and list_stack[-1]),
                                        depth=len(items), item=item, parent=parent, first=first, quote=bool(quote),
                                        images=images))
            i += 2
        elif kind == "fence":
            pass  # real code: nothing to quiz as prose
        elif kind == "code_block":
            # Indented prose is parsed as code by Markdown; notes rarely hold real code, so read it as text
            # (with its inline Markdown), unless it reads like code.
            raw = [t for t in tok.content.split("\n") if t.strip()]
            if raw and sum(bool(_CODE_LINE.search(t)) for t in raw) / len(raw) < 0.3:
                first = tok.map[0] if tok.map else 0
                lines = []
                for n, t in enumerate(tok.content.split("\n")):
                    if not t.strip():
                        continue
                    text, _ = _plain_text(t)
                    text = _LAZY_BULLET.sub("", _clean(text))  # indented bullets read as code keep no marker
                    if text:
                        lines.append(Line(text, Location(note.path, first + n + 1)))
                if lines:
                    blocks.append(Paragraph(tuple(lines), quote=bool(quote)))
        elif kind == "table_open":
            j = i
            while tokens[j].type != "table_close":
                j += 1
            blocks.append(_pipe_table(note, tokens[i:j + 1]))
            i = j
        elif kind == "html_block":
            blocks.extend(_html_blocks(note, tok))
        i += 1
    if parents_with_children:
        blocks = [dataclasses.replace(b, has_children=True)
                  if isinstance(b, Paragraph) and b.item in parents_with_children and b.first else b
                  for b in blocks]
    return blocks


def _loc(note: Note, tok: Token, offset: int = 0) -> Location:
    return Location(note.path, (tok.map[0] if tok.map else 0) + 1 + offset)


def _plain_text(markdown: str) -> tuple[str, tuple[str, ...]]:
    tokens = _MD.parseInline(markdown)
    return _plain(tokens[0]) if tokens else ("", ())


def _plain(inline: Token) -> tuple[str, tuple[str, ...]]:
    """Inline token → plain text (``<br>`` and soft breaks become newlines) and the pictures it shows.

    Highlights become ``HL_OPEN``…``HL_CLOSE``; wikilinks their alias; embeds, comments and emphasis
    debris (an unbalanced ``**``) disappear; an image's alt text is not text of the note.
    """
    out: list[str] = []
    images: list[str] = []
    for child in inline.children or []:
        t = child.type
        if t == "text":
            text = child.content
            if "[[" in text:  # embeds and wikilinks
                text = _EMBED.sub(lambda m: images.append(m.group(1).strip()) or "", text)
                text = _WIKILINK.sub(lambda m: (m.group(2) or m.group(1).rsplit("/", 1)[-1]).strip(), text)
            out.append(_debris_free(text))
        elif t == "code_inline":
            # "2**53", "test/**": code keeps its asterisks, as the look-alike "∗∗" that no Markdown reads
            out.append(child.content.replace("**", "\u2217\u2217"))
        elif t in ("softbreak", "hardbreak"):
            out.append("\n")
        elif t == "html_inline":
            raw = child.content.strip()
            if BR.fullmatch(raw):
                out.append("\n")
            elif _MARK_TAG.fullmatch(raw):
                out.append(HL_CLOSE if raw.startswith("</") else HL_OPEN)
            elif raw.startswith("<!--"):
                pass
            elif m := _IMG_TAG.match(raw):
                images.append(m.group(1))
            elif not FORMAT_TAG.fullmatch(raw):
                # "vector<int>" in notes is text, not HTML: keep it (cards.escape makes it literal).
                out.append(child.content)
        elif t == "image":
            images.append(child.attrs.get("src", "") or "")
    text = "".join(out)
    # a highlight the author left open, or one that spans a line break, must not leak into the text
    text = _balance_marks(text)
    return text, tuple(i for i in images if i)


def _debris_free(text: str) -> str:
    """Highlights as marks; a lone ``==``, an unbalanced ``**`` and stray backticks removed."""
    if "==" in text:
        text = _LONE_HIGHLIGHT.sub("", _HIGHLIGHT.sub(HL_OPEN + r"\1" + HL_CLOSE, text))
    if "**" in text or "__" in text or "`" in text:
        text = _EMPHASIS_DEBRIS.sub("", text)
    return text


def _balance_marks(text: str) -> str:
    """One level of highlight per line, every mark paired. A highlight holding highlights ("<mark>S3 scales to
    <mark>3,500 PUT</mark> … per prefix.</mark>") is emphasis of the whole sentence around the author's answers:
    the inner highlights are kept, the outer one goes. A highlight left open closes at the line's end."""
    if HL_OPEN not in text and HL_CLOSE not in text:
        return text
    return "\n".join(_one_level(line) for line in text.split("\n"))


def _one_level(line: str) -> str:
    if HL_OPEN not in line and HL_CLOSE not in line:
        return line
    pairs: list[tuple[int, int, int]] = []  # (open index, close index, depth from 1)
    stack: list[int] = []
    for k, ch in enumerate(line):
        if ch == HL_OPEN:
            stack.append(k)
        elif ch == HL_CLOSE and stack:
            pairs.append((stack.pop(), k, len(stack) + 1))
    end = len(line)
    while stack:  # left open: closes at the line's end
        pairs.append((stack.pop(), end, len(stack) + 1))
    outer_with_inner = {o for o, c, d in pairs if d == 1 and any(d2 == 2 and o < o2 < c for o2, _, d2 in pairs)}
    keep_open, keep_close = set(), set()
    for o, c, d in pairs:
        if (d == 1 and o not in outer_with_inner) or \
                (d == 2 and any(o1 < o < c1 for o1, c1, d1 in pairs if d1 == 1 and o1 in outer_with_inner)):
            keep_open.add(o)
            keep_close.add(c)
    out = [ch for k, ch in enumerate(line) if ch not in (HL_OPEN, HL_CLOSE) or k in keep_open or k in keep_close]
    if end in keep_close:
        out.append(HL_CLOSE)
    return "".join(out)


def _lines(note: Note, inline: Token, first: int) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    text, images = _plain(inline)
    lines = []
    for n, t in enumerate(text.split("\n")):
        # a bullet Markdown read as a continuation line (indented under a paragraph) keeps no marker
        t = _LAZY_BULLET.sub("", _clean(t)) if n else _clean(t)
        if not t or _TAG_LINE.match(t):  # an Obsidian "#tag #tag" line is not text
            continue
        if lines and _wrapped(lines[-1].text, t):
            # a sentence hard-wrapped in the notes ("… waits up to 20 seconds for a message, which" / "reduces …"):
            # one line, not a cut sentence and a fragment
            lines[-1] = Line(f"{lines[-1].text} {t}", lines[-1].where)
            continue
        lines.append(Line(t, Location(note.path, first + n + 1)))
    return tuple(lines), images


WRAP_WIDTH = 50
"""A line at least this long that ends mid-sentence, followed by one opening in lower case, was wrapped by an editor."""
_WRAPPED = re.compile(rf"^.{{{WRAP_WIDTH - 1},}}[\w,]$")
_KEY_LINE = re.compile(r"^[\w-]+\s*:(?:\s|$)")
_CLAUSE_END = re.compile(rf"^.{{{WRAP_WIDTH - 1},}};$")
_OPEN_WORD = re.compile(rf"^.{{{WRAP_WIDTH - 1},}}\s(?:{phrases('open_line_ends')})$", re.I)


def _wrapped(before: str, line: str) -> bool:
    """`line` goes on the sentence `before` was wrapped in: a long line cut mid-sentence (or after a ';') and one
    opening in lower case, or a long line ending on a word no sentence ends on ("… before being sent to" / "DLQ")."""
    if _KEY_LINE.match(line):
        return False
    if re.match(r"[a-z]", line) and (_WRAPPED.search(before) or _CLAUSE_END.search(before)):
        return True
    return bool(_OPEN_WORD.search(before)) and re.match(r"[\w(]", line) is not None


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _cell_text(raw: str) -> str:
    lines = [_clean(x) for x in raw.split("\n")]
    return "\n".join(x for x in lines if x)


def _pipe_table(note: Note, tokens: list[Token]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    current: list[Cell] = []
    line = 0
    for tok in tokens:
        if tok.type == "tr_open":
            current, line = [], (tok.map[0] + 1 if tok.map else line)
        elif tok.type == "inline":
            text, images = _plain(tok)
            current.append(Cell(_cell_text(text), Location(note.path, line), images))
        elif tok.type == "tr_close":
            rows.append(tuple(current))
    return Table(rows[0], tuple(rows[1:]), _loc(note, tokens[0]))


class _TableReader(HTMLParser):
    """Collect the rows of HTML tables, keeping the source line of each row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[int, list[tuple[int, list[str]]], bool]] = []
        self.rows: list[tuple[int, list[str]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.header_rows = 0
        self.in_table = 0
        self.start = 0
        self.in_thead = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.in_table += 1
            self.rows, self.start = [], self.getpos()[0]
        elif tag == "tr" and self.in_table:
            self.row = []
            self.rows.append((self.getpos()[0], self.row))
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag == "li" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "table" and self.in_table:
            self.in_table -= 1
            self.tables.append((self.start, self.rows, True))

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _html_blocks(note: Note, tok: Token) -> list[Block]:
    first = tok.map[0] if tok.map else 0
    content = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), tok.content)
    if "<table" not in content.lower():
        # Other raw HTML: keep its text so nothing is silently lost (comments are not text).
        images = tuple(m.group(1) for m in _IMG_TAG.finditer(content))
        content = _MARK_TAG.sub(lambda m: HL_CLOSE if m.group(0).startswith("</") else HL_OPEN, content)
        lines = []
        for n, source in enumerate(content.split("\n")):  # tags become line breaks, each keeps its source line
            text = _debris_free(html.unescape(TAG.sub(" ", BLOCK_TAG.sub("\n", BR.sub("\n", source)))))
            lines += [Line(_clean(t), Location(note.path, first + n + 1))
                      for t in _balance_marks(text).split("\n") if _clean(t)]
        lines = tuple(lines)
        return [Paragraph(lines, images=images)] if lines or images else []
    reader = _TableReader()
    reader.feed(content)
    reader.close()
    if reader.in_table and reader.rows:  # cut off before </table>: keep what it has (the extractor lints it)
        reader.tables.append((reader.start, reader.rows, False))
    blocks: list[Block] = []
    for start, rows, complete in reader.tables:
        cells = [tuple(Cell(_balance_marks(_cell_text(_debris_free(c))), Location(note.path, first + line)) for c in row)
                 for line, row in rows if row]
        if cells:
            blocks.append(Table(cells[0], tuple(cells[1:]), Location(note.path, first + start), html=True,
                                complete=complete))
    return blocks
