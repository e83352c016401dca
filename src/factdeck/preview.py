"""A static HTML page of every card of a package, front and back, as Anki renders them.

The cards are rendered by Anki's backend (``render.py``) with the deck's own
templates, and shown with the note types' own CSS, each side in a
``<div class="card cardN">`` as Anki's reviewer uses ``<body class="card cardN">``.
A few lines of plain JavaScript (no network) filter by domain, service and kind
and switch night mode the way Anki does: by adding ``nightMode night_mode`` to the
card containers. Open it in a browser and narrow the window to see a phone.

Test hooks (fixed): each card is an ``article.fd-card`` with ``data-kind``,
``data-domains``, ``data-services`` and ``data-source``; its sides are
``.card[data-side=front|back]``; the night toggle is ``#fd-night``.
"""
from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

from .curation import card_key
from .package import write_text_atomic
from .render import RenderedCard, RenderedDeck, plain_text, render_deck

PAGE_CSS = """\
/* the preview's own frame; the cards use only the deck's CSS above */
html { -webkit-text-size-adjust: 100%; }
body.fd-page { margin: 0; background: #e8eaed; color: #1d1d1f;
  font: 14px/1.4 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.fd-bar { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center;
  padding: 8px; background: #ffffff; border-bottom: 1px solid #bdc1c6; }
.fd-bar h1 { font-size: 15px; margin: 0; flex-basis: 100%; }
.fd-bar label { display: inline-flex; gap: 4px; align-items: center; }
.fd-bar select { max-width: 100%; font: inherit; }
.fd-count { color: #3c4043; }
.fd-list { padding: 0; margin: 0; }
.fd-card { margin: 0 0 12px; background: #ffffff; border-top: 1px solid #bdc1c6; border-bottom: 1px solid #bdc1c6; }
.fd-card[hidden] { display: none; }
.fd-meta { margin: 0; padding: 4px 8px; font-size: 12px; color: #3c4043; background: #f1f3f4;
  overflow-wrap: anywhere; }
.fd-sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); }
.fd-side { min-width: 0; border-top: 1px dashed #bdc1c6; }
.fd-key { font-family: ui-monospace, Menlo, Consolas, monospace; }
.fd-copy { font: inherit; font-size: 11px; padding: 0 6px; margin-left: 4px; cursor: pointer; }
.fd-label { margin: 0; padding: 2px 8px 0; font-size: 11px; font-weight: 600; text-transform: uppercase;
  letter-spacing: .05em; color: #3c4043; }
body.fd-night { background: #000000; color: #e8eaed; }
body.fd-night .fd-bar, body.fd-night .fd-card { background: #202124; border-color: #5f6368; }
body.fd-night .fd-meta { background: #303134; color: #e8eaed; }
body.fd-night .fd-label, body.fd-night .fd-count { color: #e8eaed; }
body.fd-night .fd-side { border-color: #5f6368; }
"""

SCRIPT = """\
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.fd-card'));
  var filters = { domains: 'fd-domain', services: 'fd-service', kind: 'fd-kind' };
  var night = document.getElementById('fd-night');
  var count = document.getElementById('fd-count');
  function has(list, value) { return !value || (' ' + list + ' ').indexOf(' ' + value + ' ') >= 0; }
  function filter() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = Object.keys(filters).every(function (key) {
        return has(card.dataset[key], document.getElementById(filters[key]).value);
      });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + ' of ' + cards.length + ' cards';
  }
  function nightMode() {
    /* Anki desktop and AnkiDroid add these two classes to the card's body in dark mode */
    document.querySelectorAll('.fd-card .card').forEach(function (side) {
      side.classList.toggle('nightMode', night.checked);
      side.classList.toggle('night_mode', night.checked);
    });
    document.body.classList.toggle('fd-night', night.checked);
  }
  document.querySelectorAll('.fd-copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = button.dataset.copy, done = function () { button.textContent = 'copied'; };
      if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, function () { window.prompt('Copy:', text); }); }
      else { window.prompt('Copy:', text); }
    });
  });
  Object.keys(filters).forEach(function (key) {
    document.getElementById(filters[key]).addEventListener('change', filter);
  });
  night.addEventListener('change', nightMode);
  if (location.hash === '#night') { night.checked = true; }
  nightMode();
  filter();
})();
"""


def write_preview(apkg: Path, out: Path) -> int:
    """Render ``apkg`` and write the preview page to ``out``; returns the number of cards.

    The package's pictures are copied into ``<page name>-media/`` beside the page (only those the cards show),
    and the page points at them there, so the preview shows what Anki shows.
    """
    deck = render_deck(apkg)
    page = preview_html(deck)
    out = Path(out)
    folder = out.with_name(f"{out.stem}-media")
    files = _package_media(apkg)
    used = {name for name in files if f'src="{html.escape(name)}"' in page}
    if used:
        folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(used):
            target = folder / Path(name).name
            if not target.exists() or target.read_bytes() != files[name]:
                target.write_bytes(files[name])
        prefix = quote(folder.name)
        page = re.sub(r'src="([^"]+)"', lambda m: f'src="{prefix}/{quote(html.unescape(m.group(1)))}"'
                      if html.unescape(m.group(1)) in used else m.group(0), page)
    write_text_atomic(out, page)
    return len(deck.cards)


def _package_media(apkg: Path) -> dict[str, bytes]:
    """The package's media files by name (the zip's ``media`` index maps its numbered members to names)."""
    try:
        with zipfile.ZipFile(apkg) as z:
            index = json.loads(z.read("media").decode("utf-8")) if "media" in z.namelist() else {}
            return {name: z.read(number) for number, name in index.items()
                    if number in z.namelist() and "/" not in name and name not in ("", ".", "..")}
    except (OSError, ValueError, zipfile.BadZipFile, KeyError):
        return {}  # render_deck has read the package already: a bad media index only costs the pictures


def preview_html(deck: RenderedDeck) -> str:
    """The whole page as one string: deck CSS, the cards, the filter and night-mode script."""
    used = {c.note.note_type.id for c in deck.cards}
    css = "\n".join(dict.fromkeys(nt.css for nt in deck.note_types if nt.id in used))
    facets = [_facets(c) for c in deck.cards]
    options = {key: sorted({v for f in facets for v in f[key]}) for key in ("domains", "services", "kind")}
    title = html.escape(f"{deck.name} — {len(deck.cards)} cards")
    return "".join([
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{title}</title>\n",
        f"<style>\n{css}\n</style>\n<style>\n{PAGE_CSS}</style>\n</head>\n",
        '<body class="fd-page">\n<header class="fd-bar">\n',
        f"<h1>{title}</h1>\n",
        _select("fd-domain", "Domain", options["domains"]),
        _select("fd-service", "Service", options["services"]),
        _select("fd-kind", "Kind", options["kind"]),
        '<label><input type="checkbox" id="fd-night"> Night mode</label>\n',
        '<span class="fd-count" id="fd-count"></span>\n</header>\n<main class="fd-list">\n',
        *(_card(c, f) for c, f in zip(deck.cards, facets)),
        f"</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
    ])


def _facets(card: RenderedCard) -> dict[str, list[str]]:
    """Domain, service and kind from the tags (``slug::domain::…``, ``slug::service::parent::child``)."""
    out: dict[str, list[str]] = {"domains": [], "services": [], "kind": []}
    for tag in card.note.tags:
        parts = tag.split("::")
        if len(parts) >= 3:
            key = {"domain": "domains", "service": "services", "kind": "kind"}.get(parts[1])
            if key:
                out[key] += parts[2:] if key == "services" else parts[2:3]
    return out


def _select(element_id: str, label: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
    return (f'<label for="{element_id}">{label} <select id="{element_id}"><option value="">all</option>{opts}'
            f"</select></label>\n")


def _meta(card: RenderedCard) -> str:
    """``domain 1, 3 · sqs › sqs-fifo, lambda``: the card's tags, short."""
    domains, services = [], []
    for tag in card.note.tags:
        parts = tag.split("::")
        if len(parts) >= 3 and parts[1] == "domain":
            domains.append(parts[2].split("-")[0])
        elif len(parts) >= 3 and parts[1] == "service":
            services.append(" › ".join(parts[2:]))
    return " · ".join(x for x in (f"domain {', '.join(domains)}" if domains else "", ", ".join(services)) if x)


def _kind(card: RenderedCard) -> str:
    """``Cloze c2`` / ``Q&A`` / ``Comparison``: the note type without its "factdeck" prefix, the deletion of a cloze."""
    name = card.note.note_type.name.removeprefix("factdeck ").strip()
    return f"{name} c{card.ordinal}" if card.note.note_type.cloze else name


def _card(card: RenderedCard, facets: dict[str, list[str]]) -> str:
    def attr(values: list[str]) -> str:
        return html.escape(" ".join(dict.fromkeys(values)))

    source = html.escape(card.note.source)
    sides = "".join(
        f'<section class="fd-side"><p class="fd-label">{name}</p>'
        f'<div class="card card{card.ordinal}" data-side="{name.lower()}">{body}</div></section>'
        for name, body in (("Front", card.question), ("Back", card.answer)))
    key = card_key(card.note.guid)
    drop, rewrite = curation_lines(card)
    copy = (f'<span class="fd-key" title="this card\'s key in curation.yaml">{key}</span>'
            f'<button type="button" class="fd-copy" data-copy="{html.escape(drop)}" title="the line to paste under '
            f'drop: in curation.yaml">copy drop line</button>'
            f'<button type="button" class="fd-copy" data-copy="{html.escape(rewrite)}" title="the lines to paste '
            f'under rewrite: in curation.yaml, then edit">copy rewrite</button>')
    return (f'<article class="fd-card" data-kind="{attr(facets["kind"])}" data-domains="{attr(facets["domains"])}" '
            f'data-services="{attr(facets["services"])}" data-source="{source}" data-key="{key}">\n'
            f'<p class="fd-meta">{source} · {html.escape(_kind(card))} · {html.escape(_meta(card))} · {copy}</p>\n'
            f'<div class="fd-sides">{sides}</div>\n</article>\n')


def curation_lines(card: RenderedCard) -> tuple[str, str]:
    """The ``drop:`` line and the ``rewrite:`` stanza of curation.yaml for this card, ready to paste."""
    key = card_key(card.note.guid)
    fields = [value for _, value in card.note.fields]
    if card.note.note_type.cloze:
        text = re.sub(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", r"{{\1}}", fields[0])
        front = re.sub(r"\{\{(.*?)\}\}", "[…]", plain_text(text))
        return (f"  - {key}   # {_short(front)}",
                f"  {key}:\n    text: {json.dumps(plain_text(text), ensure_ascii=False)}")
    front, back = plain_text(fields[0]), plain_text(fields[1] if len(fields) > 1 else "")
    return (f"  - {key}   # {_short(front)}",
            f"  {key}:\n    front: {json.dumps(front, ensure_ascii=False)}\n"
            f"    back: {json.dumps(back, ensure_ascii=False)}")


def _short(text: str, n: int = 70) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
