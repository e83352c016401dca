"""Parse a note into blocks (headings, paragraphs, tables) with source lines.

markdown-it-py does the Markdown; this stage only flattens its tokens into
plain-text blocks. Each paragraph keeps one ``Line`` per source line so that
"Term:" lines and their definitions can be told apart later. HTML tables are
read with the standard library's HTML parser.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import Location
from .model import Block, Cell, Heading, Line, Note, Paragraph, Table

_MD = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)  # notes.py blanks it; this is for raw notes
BR = re.compile(r"<br\s*/?>", re.I)
FORMAT_TAG = re.compile(r"</?(?:b|i|u|s|em|strong|sup|sub|span|code|a|small|mark|font|kbd|abbr)(?:\s[^>]*)?>", re.I)
BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|summary|details|h\d|tr|blockquote|section)(?:\s[^>]*)?>", re.I)
TAG = re.compile(r"<[^>]+>")


def parse_note(note: Note) -> list[Block]:
    """The note's blocks in document order."""
    tokens = _MD.parse(note.text)
    blocks: list[Block] = []
    list_stack: list[bool] = []  # ordered?
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif kind == "heading_open":
            inline = tokens[i + 1]
            blocks.append(Heading(int(tok.tag[1]), _plain(inline).strip(), _loc(note, tok)))
            i += 2
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            lines = _lines(note, inline, tok.map[0] if tok.map else 0)
            if lines:
                blocks.append(Paragraph(lines, list_item=bool(list_stack), ordered=bool(list_stack and list_stack[-1])))
            i += 2
        elif kind == "fence":
            pass  # real code: nothing to quiz as prose
        elif kind == "code_block":
            # Indented prose is parsed as code by Markdown; notes rarely hold real code, so read it as text.
            first = tok.map[0] if tok.map else 0
            lines = tuple(Line(t.strip(), Location(note.path, first + n + 1))
                          for n, t in enumerate(tok.content.split("\n")) if t.strip())
            if lines:
                blocks.append(Paragraph(lines))
        elif kind == "table_open":
            j = i
            while tokens[j].type != "table_close":
                j += 1
            blocks.append(_pipe_table(note, tokens[i:j + 1]))
            i = j
        elif kind == "html_block":
            blocks.extend(_html_blocks(note, tok))
        i += 1
    return blocks


def _loc(note: Note, tok: Token, offset: int = 0) -> Location:
    return Location(note.path, (tok.map[0] if tok.map else 0) + 1 + offset)


def _plain(inline: Token) -> str:
    """Inline token → plain text; ``<br>`` and soft breaks become newlines."""
    out: list[str] = []
    for child in inline.children or []:
        t = child.type
        if t in ("text", "code_inline"):
            out.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            out.append("\n")
        elif t == "html_inline":
            if BR.fullmatch(child.content.strip()):
                out.append("\n")
            elif not FORMAT_TAG.fullmatch(child.content.strip()):
                # "vector<int>" in notes is text, not HTML: keep it (cards.escape makes it literal).
                out.append(child.content)
        elif t == "image":
            out.append(child.content)
    return "".join(out)


def _lines(note: Note, inline: Token, first: int) -> tuple[Line, ...]:
    text = _plain(inline)
    return tuple(Line(_clean(t), Location(note.path, first + n + 1))
                 for n, t in enumerate(text.split("\n")) if _clean(t))


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
            current.append(Cell(_cell_text(_plain(tok)), Location(note.path, line)))
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
    if "<table" not in tok.content.lower():
        # Other raw HTML: keep its text so nothing is silently lost.
        text = html.unescape(TAG.sub(" ", BLOCK_TAG.sub("\n", BR.sub("\n", tok.content))))
        lines = tuple(Line(_clean(t), Location(note.path, first + n + 1))
                      for n, t in enumerate(text.split("\n")) if _clean(t))
        return [Paragraph(lines)] if lines else []
    reader = _TableReader()
    reader.feed(tok.content)
    reader.close()
    blocks: list[Block] = []
    for start, rows, _ in reader.tables:
        cells = [tuple(Cell(_cell_text(c), Location(note.path, first + line)) for c in row) for line, row in rows if row]
        if cells:
            blocks.append(Table(cells[0], tuple(cells[1:]), Location(note.path, first + start), html=True))
    return blocks
