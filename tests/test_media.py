"""Pictures of the notes in the deck, with Anki's real backend: packaged once under a content-hash name,
shown on the back of the cards of their paragraph or section, and not copied again by a rebuild."""
from __future__ import annotations

import hashlib
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import import_apkg, open_collection
from factdeck.build import build, release

NOTE = """\
# Amazon Kinesis Data Streams

![Shards diagram](img/shards.png)

Each shard supports up to 1,000 PUT records per second.

## Retention

Data records are kept for 24 hours by default, up to 365 days. ![[retention.png]]

## AWS Lambda limits

Lambda functions have a maximum execution timeout of 15 minutes (900 seconds).

![missing](nothere.png)

![remote](https://example.com/x.png)
"""


def png(rgb: tuple[int, int, int]) -> bytes:
    """A valid 1×1 PNG of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb))) + chunk(b"IEND", b""))


RED, BLUE = png((255, 0, 0)), png((0, 0, 255))


def name_of(data: bytes) -> str:
    return f"fd-{hashlib.sha256(data).hexdigest()[:16]}.png"


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    (folder / "img").mkdir(parents=True)
    (folder / "attachments").mkdir()
    (folder / "img" / "shards.png").write_bytes(RED)
    (folder / "img" / "shards-copy.png").write_bytes(RED)          # the same bytes under another name
    (folder / "attachments" / "retention.png").write_bytes(BLUE)   # ![[…]] finds it anywhere in the notes
    (folder / "kinesis.md").write_text(NOTE + '\n<img src="img/shards-copy.png">\n', encoding="utf-8")
    return folder


def released(notes: Path, out: Path, when: int, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(when))
    return release(notes, out)


def media_of(apkg: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(apkg) as z:
        return {name: z.read(number) for number, name in json.loads(z.read("media")).items()}


def backs(col) -> dict[str, tuple[str, str]]:
    """Source line → (question, answer) HTML of the first card of each note."""
    out = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        rendered = card.render_output(reload=True)
        ref = re.search(r'class="ref">([^<]+)<', card.note()["Source"]).group(1)
        out.setdefault(ref, (rendered.question_text, rendered.answer_text))
    return out


def test_pictures_are_packaged_shown_on_the_back_and_not_copied_again(notes, tmp_path, monkeypatch):
    out = tmp_path / "decks"
    first = released(notes, out, 1767225600, monkeypatch)
    assert media_of(first.path) == {name_of(RED): RED, name_of(BLUE): BLUE}  # deduplicated by content

    col_path = tmp_path / "anki" / "collection.anki2"
    col_path.parent.mkdir()
    col = open_collection(col_path)
    import_apkg(col, first.path)
    media_dir = Path(col.media.dir())
    assert sorted(p.name for p in media_dir.iterdir()) == sorted([name_of(RED), name_of(BLUE)])
    cards = backs(col)
    shards, retention, timeout = (cards[f"notes/kinesis.md:{n}"] for n in (5, 9, 13))
    # a picture standing alone goes with its section; one inside a paragraph with that paragraph
    assert f'<img src="{name_of(RED)}"' in shards[1] and name_of(BLUE) not in shards[1]
    assert f'<img src="{name_of(BLUE)}"' in retention[1] and name_of(RED) not in retention[1]
    assert f'<img src="{name_of(RED)}"' in timeout[1]       # the <img> copy, same bytes, same media name
    assert all("<img" not in question for question, _ in cards.values())   # on the back only
    col.close()

    # an edit, and the picture renamed: the same bytes keep their media name
    (notes / "img" / "shards.png").rename(notes / "img" / "diagram.png")
    (notes / "kinesis.md").write_text(NOTE.replace("1,000 PUT", "1,000 PUT (write)").replace("img/shards.png",
                                      "img/diagram.png") + '\n<img src="img/shards-copy.png">\n', encoding="utf-8")
    second = released(notes, out, 1767225600 + 86400, monkeypatch)
    assert second.path != first.path and media_of(second.path) == media_of(first.path)
    col = open_collection(col_path)
    log = import_apkg(col, second.path).log
    assert log.updated and not log.new and not log.conflicting
    assert sorted(p.name for p in media_dir.iterdir()) == sorted([name_of(RED), name_of(BLUE)])  # no second copy
    assert "(write)" in backs(col)["notes/kinesis.md:5"][1]
    col.close()


def test_missing_and_remote_pictures_are_named_in_the_lint(notes, tmp_path):
    result = build(notes, tmp_path / "out")
    text = NOTE.split("\n")
    missing = next(i for i, t in enumerate(text, 1) if "nothere.png" in t)
    remote = next(i for i, t in enumerate(text, 1) if "example.com" in t)
    assert any(w.startswith(f"notes/kinesis.md:{missing}: warning: image 'nothere.png' not found")
               for w in result.warnings), result.warnings
    assert any(w.startswith(f"notes/kinesis.md:{remote}: note: image 'https://example.com/x.png' is on the web")
               for w in result.warnings), result.warnings
    assert all("example.com" not in f for c in result.cards for f in c.fields)


def test_preview_shows_the_pictures_beside_the_page(notes, tmp_path):
    from factdeck.preview import write_preview

    result = build(notes, tmp_path / "out")
    page = tmp_path / "view" / "cards.html"
    page.parent.mkdir()
    write_preview(result.path, page)
    text = page.read_text(encoding="utf-8")
    folder = tmp_path / "view" / "cards-media"
    assert sorted(p.name for p in folder.iterdir()) == sorted([name_of(RED), name_of(BLUE)])
    assert (folder / name_of(RED)).read_bytes() == RED
    assert f'src="cards-media/{name_of(RED)}"' in text and f'src="{name_of(RED)}"' not in text
    write_preview(result.path, page)  # again: same files, nothing else written
    assert sorted(p.name for p in folder.iterdir()) == sorted([name_of(RED), name_of(BLUE)])
