"""The card preview in headless Chromium at phone size (360×640), in light and night mode.

Every card of the real deck, rendered by Anki's backend with the deck's own CSS: no card may be wider
than the screen, and the main text, the context line and the source line must meet WCAG AA contrast
(4.5:1) against their background. The same measurements run on pages broken on purpose, to show
that they can fail.

Needs Debian's ``chromium`` (``/usr/bin/chromium``) and the PyPI ``playwright`` package (test extras).
``./build.sh test`` installs Chromium when it runs as root with apt-get; elsewhere this module is
skipped with the reason — but not in CI, where a missing browser is a failure.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from factdeck.preview import write_preview

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 640}
AA = 4.5
TEXT = {"main text": ".card .question", "context line": ".card .context", "source line": ".card .source",
        "cloze": ".card .cloze", "answer": ".card .answer", "comparison": ".card .compare li"}

OVERFLOW_JS = """() => {
  const wide = [];
  for (const el of document.querySelectorAll('.fd-card, .fd-card .card')) {
    if (el.scrollWidth > el.clientWidth) {
      wide.push({source: el.closest('.fd-card').dataset.source, side: el.dataset.side || 'card',
                 scroll: el.scrollWidth, client: el.clientWidth});
    }
  }
  const page = document.documentElement;
  return {wide: wide, page: [page.scrollWidth, page.clientWidth], cards: document.querySelectorAll('.fd-card').length};
}"""

COLOURS_JS = """(selectors) => {
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'transparent' && !/^rgba\\(.*,\\s*0\\)$/.test(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  }
  const out = [];
  for (const [name, selector] of Object.entries(selectors)) {
    for (const el of document.querySelectorAll('.fd-card ' + selector)) {
      out.push([name, getComputedStyle(el).color, background(el), el.closest('.fd-card').dataset.source]);
    }
  }
  return out;
}"""


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} — CI must install it (.ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable("Chromium is not installed (as root: apt-get install chromium; ./build.sh test does it "
                     "when it runs as root with apt-get)")
    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        except Error as exc:
            _unavailable(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors  # the page's own script ran without an error


@pytest.fixture(scope="module")
def preview(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "preview.html"
    write_preview(built.path, out)
    return out


def set_night(page, on: bool) -> None:
    page.set_checked("#fd-night", on)
    sides = page.locator(".fd-card .card").count()
    assert page.locator(".fd-card .card.nightMode.night_mode").count() == (sides if on else 0)


def overflow(page) -> dict:
    return page.evaluate(OVERFLOW_JS)


def low_contrast(page) -> list[str]:
    bad = {}
    for name, fg, bg, source in page.evaluate(COLOURS_JS, TEXT):
        ratio = contrast(fg, bg)
        if ratio < AA:
            bad.setdefault((name, fg, bg), f"{name} {fg} on {bg}: {ratio:.2f}:1 (e.g. {source})")
    return list(bad.values())


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two CSS ``rgb()``/``rgba()`` colours (a translucent text is blended on bg)."""
    (r, g, b, a), back = _rgba(fg), _rgba(bg)[:3]
    front = tuple(a * c + (1 - a) * k for c, k in zip((r, g, b), back))
    lighter, darker = sorted((_luminance(front), _luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _rgba(css: str) -> tuple[float, float, float, float]:
    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(nums) in (3, 4), css
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) == 4 else 1.0)


def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# ---------------------------------------------------------------- the real deck


def test_no_card_is_wider_than_a_phone_in_light_and_night_mode(phone, preview, built):
    phone.goto(preview.as_uri())
    for night in (False, True):
        set_night(phone, night)
        result = overflow(phone)
        assert result["cards"] == built.card_count
        assert not result["wide"], result["wide"][:5]
        assert result["page"][0] <= result["page"][1], result["page"]


def test_text_meets_wcag_aa_contrast_in_light_and_night_mode(phone, preview):
    phone.goto(preview.as_uri())
    for night in (False, True):
        set_night(phone, night)
        assert not low_contrast(phone), ("night" if night else "light", low_contrast(phone))
    found = {name for name, *_ in phone.evaluate(COLOURS_JS, TEXT)}
    assert {"main text", "context line", "source line", "cloze"} <= found


def test_night_mode_is_dark_and_light_mode_is_light(phone, preview):
    phone.goto(preview.as_uri())
    for night in (False, True):
        set_night(phone, night)
        [(_, fg, bg, _)] = phone.evaluate(COLOURS_JS, {"q": ".card .question"})[:1]
        assert (_luminance(_rgba(bg)[:3]) < 0.05) == night, (night, bg)


def test_filters_show_only_matching_cards_and_no_script_reaches_a_card(phone, preview):
    phone.goto(preview.as_uri())
    total = phone.locator(".fd-card").count()
    assert phone.locator(".fd-card script").count() == 0
    for select, attribute in (("#fd-kind", "data-kind"), ("#fd-domain", "data-domains"), ("#fd-service", "data-services")):
        value = phone.locator(f"{select} option").nth(1).get_attribute("value")
        phone.select_option(select, value)
        shown = phone.locator(".fd-card:not([hidden])")
        assert 0 < shown.count() < total, (select, value)
        for attr in shown.evaluate_all(f"cards => cards.map(c => c.getAttribute('{attribute}'))"):
            assert value in attr.split(), (select, value, attr)
        assert phone.locator("#fd-count").inner_text().startswith(f"{shown.count()} of {total}")
        phone.select_option(select, "")
    assert phone.locator(".fd-card:not([hidden])").count() == total


CONTEXT_JS = """() => Array.from(document.querySelectorAll('.fd-card')).map(card => {
  const front = card.querySelector('.card[data-side=front]');
  const context = front.querySelector('.context');
  const question = front.querySelector('.question');
  const line = context ? parseFloat(getComputedStyle(context).lineHeight) : 0;
  return {source: card.dataset.source, kind: card.querySelector('.fd-meta').textContent,
          context: context ? context.innerText : '', lines: context ? Math.round(context.offsetHeight / line) : 0,
          question: question.innerText};
})"""
SPACE_BEFORE = re.compile(r"\s[,;:)]|\s\.(\s|$)|\(\s")


def context_and_spacing(page) -> tuple[float, list[str], list[str]]:
    """Share of cards whose context line is at most 60 characters and one line at 360 px; long ones;
    questions with a space before punctuation or after "("."""
    cards = page.evaluate(CONTEXT_JS)
    short = [c for c in cards if len(c["context"]) <= 60 and c["lines"] <= 1]
    long = [f'{c["source"]}: {c["context"]!r}' for c in cards if c not in short]
    spaced = [f'{c["source"]}: {c["question"]!r}' for c in cards if SPACE_BEFORE.search(c["question"])]
    return len(short) / len(cards), long, spaced


def test_context_line_is_short_and_questions_are_clean(phone, preview):
    phone.goto(preview.as_uri())
    share, long, spaced = context_and_spacing(phone)
    assert share >= 0.9, (share, long[:5])
    assert not spaced, spaced[:5]
    kinds = {c["kind"].split(" · ")[1] for c in phone.evaluate(CONTEXT_JS)}
    assert kinds <= {"Q&A", "Comparison"} | {f"Cloze c{n}" for n in range(1, 20)}, kinds


def test_long_context_and_stray_spaces_are_caught(phone, preview, tmp_path):
    page = preview.read_text(encoding="utf-8")
    long_context = "Comparing AWS ingestion services › Review operational characteristics of AWS ingestion services"
    page = re.sub(r'(data-side="front">)(<div class="question">)',
                  lambda m: f'{m.group(1)}<div class="context">{long_context}</div>{m.group(2)}', page)
    page = re.sub(r'<div class="context">[^<]*</div>', f'<div class="context">{long_context}</div>', page)
    page = page.replace('<div class="question">', '<div class="question">retention (default 24h , max ) ', 1)
    broken = tmp_path / "broken.html"
    broken.write_text(page, encoding="utf-8")
    phone.goto(broken.as_uri())
    share, long, spaced = context_and_spacing(phone)
    assert share < 0.9 and long
    assert len(spaced) == 1


# ---------------------------------------------------------------- the measurements can fail


@pytest.mark.parametrize("intruder", [
    "<pre>" + "unbreakable_" * 40 + "</pre>",
    '<div style="width: 600px">a fixed-width element</div>',
])
def test_a_card_wider_than_the_screen_is_caught(phone, preview, tmp_path, intruder):
    page = preview.read_text(encoding="utf-8")
    at = page.index('data-side="front">') + len('data-side="front">')
    first = re.search(r'<article class="fd-card"[^>]*data-source="([^"]+)"', page).group(1)
    wide = tmp_path / "wide.html"
    wide.write_text(page[:at] + intruder + page[at:], encoding="utf-8")
    phone.goto(wide.as_uri())
    result = overflow(phone)
    assert {(w["source"], w["side"]) for w in result["wide"]} >= {(first, "front")}, result["wide"]
    assert result["page"][0] > result["page"][1]


def test_low_contrast_is_caught(phone, preview, tmp_path):
    page = preview.read_text(encoding="utf-8")
    pale = tmp_path / "pale.html"
    pale.write_text(page.replace("</head>", "<style>.nightMode .context { color: #5f6368; }</style></head>"),
                    encoding="utf-8")
    phone.goto(pale.as_uri())
    set_night(phone, False)
    assert not low_contrast(phone)
    set_night(phone, True)
    assert any(problem.startswith("context line") for problem in low_contrast(phone))


def test_contrast_formula():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(119, 119, 119)", "rgb(255, 255, 255)") == pytest.approx(4.48, abs=0.01)  # #777: fails AA
    assert contrast("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)") < contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)")
