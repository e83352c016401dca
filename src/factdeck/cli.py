"""The command line: thin wrappers that call the library and print its results."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from .build import build as run_build


@click.group()
@click.version_option(package_name="factdeck")
def main() -> None:
    """factdeck — turn plain Markdown study notes into atomic Anki flashcards."""


@main.command()
@click.option("--notes", "notes_dir", default="notes", show_default=True, type=click.Path(path_type=Path),
              help="Folder with the Markdown notes and deck.yaml.")
@click.option("--out", "out_dir", default="decks", show_default=True, type=click.Path(path_type=Path),
              help="Folder the .apkg is written to.")
@click.option("--report", type=click.Path(path_type=Path), default=None,
              help="Write every skipped sentence or cell (file:line, reason) to this file.")
@click.option("--strict", is_flag=True, help="Fail when the notes have lint warnings.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the output path.")
def build(notes_dir: Path, out_dir: Path, report: Path | None, strict: bool, quiet: bool) -> None:
    """Build the deck from the notes."""
    say = (lambda s: None) if quiet else (lambda s: click.echo(f"… {s}", err=True))
    result = run_build(notes_dir, out_dir, progress=say)
    if report:
        report.write_text("".join(f"{s.where}\t{s.reason}\t{s.text}\n" for s in result.skipped), encoding="utf-8")
    if quiet:
        click.echo(result.path)
        return
    for w in result.warnings:
        click.echo(w, err=True)
    kinds = Counter(c.kind for c in result.cards)
    domains = Counter(c.domain for c in result.cards)
    reasons = Counter(s.reason.split(" (")[0] for s in result.skipped
                      if not s.reason.startswith(("heading", "label", "row name")))
    used, skipped = result.used_units, sum(reasons.values())
    click.echo(f"{result.card_count} cards from {len(result.cards)} notes: "
               + ", ".join(f"{kinds[k]} {k}" for k in ("cloze", "qa", "compare")))
    for d in result.config.domains:
        click.echo(f"  domain {d.id} {d.name}: {domains[d.id]} notes")
    click.echo(f"coverage: {used} sentences/cells became cards, {skipped} skipped with a reason"
               + (f" (list: {report})" if report else " (--report FILE lists them)"))
    for reason, n in reasons.most_common(6):
        click.echo(f"  {n:4d} {reason}")
    click.echo(f"{len(result.warnings)} warnings; built in {result.seconds:.2f}s")
    for message in result.messages:
        click.echo(message)
    if not any(m.startswith("left ") for m in result.messages):
        click.echo(f"wrote {result.path}")
    if strict and result.warnings:
        raise click.ClickException(f"{len(result.warnings)} lint warnings and --strict is set")


# ---------------------------------------------------------------- check and preview


@main.command()
@click.argument("deck", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(deck: Path) -> None:
    """Import DECK.apkg with Anki's own backend, render every card and list what is wrong.

    One line per problem, `notes/x.md:12: <card>: <what>`; exit status 1 when there is any.
    """
    from .check import check_deck

    result = check_deck(deck)
    for problem in result.problems:
        click.echo(problem)
    click.echo(f"checked {result.cards} cards of {result.notes} notes in {result.seconds:.2f}s: "
               f"{len(result.problems) or 'no'} problem{'' if len(result.problems) == 1 else 's'}", err=True)
    if result.problems:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("deck", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", default="preview.html", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML page to write.")
def preview(deck: Path, out: Path) -> None:
    """Write one HTML page with every card of DECK.apkg, front and back, as Anki renders them."""
    from .preview import write_preview

    cards = write_preview(deck, out)
    click.echo(f"wrote {out} ({cards} cards; open it in a browser, narrow the window to phone width)")

