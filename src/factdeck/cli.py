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


def run() -> None:
    """The ``factdeck`` command: ``main()``, then an exit without tearing the interpreter down.

    By the time the command returns, everything it writes is written and closed; freeing every object of a
    finished build one by one would add a tenth of the build's time for nothing. Exit handlers still run.
    """
    import atexit
    import os
    import sys

    try:
        main()
        code = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:
            print(done.code, file=sys.stderr)
            code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`factdeck … | head`): nothing more to say
            pass
    os._exit(code)


def _options(f):
    f = click.option("-q", "--quiet", is_flag=True, help="Print only the output path.")(f)
    f = click.option("--strict", is_flag=True, help="Fail (exit 1, nothing written) when the notes have lint "
                                                     "warnings.")(f)
    f = click.option("--report", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     help="Write every skipped sentence or cell (file:line, reason, text) to this file.")(f)
    f = click.option("--out", "out_dir", default="decks", show_default=True, type=click.Path(path_type=Path),
                     help="Folder the .apkg is written to (created when missing).")(f)
    f = click.option("--notes", "notes_dir", default="notes", show_default=True, type=click.Path(path_type=Path),
                     help="Folder with the Markdown notes (.md, .markdown; deck.yaml optional).")(f)
    return f


@main.command()
@_options
def build(notes_dir: Path, out_dir: Path, report: Path | None, strict: bool, quiet: bool) -> None:
    """Build a working deck from the notes (OUT/<slug>-dev.apkg); never touches a release.

    When the notes give exactly the cards of deck.yaml's released version, that release is rebuilt
    byte for byte instead.
    """
    _summarise(run_build(notes_dir, out_dir, progress=_progress(quiet), strict=strict, report=report), quiet, report)


@main.command()
@_options
@click.option("--version", "version", default=None, metavar="X.Y.Z",
              help="The version to release (default: deck.yaml's, else the next minor version, else 0.1.0).")
def release(notes_dir: Path, out_dir: Path, report: Path | None, strict: bool, quiet: bool,
            version: str | None) -> None:
    """Cut a release: OUT/<slug>-v<version>.apkg, identity.json and CHANGELOG.md, written together."""
    from .build import release as run_release

    result = run_release(notes_dir, out_dir, version=version, progress=_progress(quiet), strict=strict, report=report)
    _summarise(result, quiet, report)


def _progress(quiet: bool):
    """Stage lines on stderr; the running counts of a long build only on a terminal (quiet when piped)."""
    import sys

    tty = sys.stderr.isatty()

    def say(message: str) -> None:
        if quiet or (message.startswith("extracted ") and not tty):
            return
        click.echo(f"… {message}", err=True)
    return say


def _summarise(result, quiet: bool, report: Path | None) -> None:
    if quiet:
        click.echo(result.path)
        return
    for w in result.warnings:
        click.echo(w, err=True)
    if result.unknown_products:
        shown = result.unknown_products[:12]
        click.echo(f"{len(result.unknown_products)} product-like names are not in the service catalog (add them to "
                   f"services: in deck.yaml to tag and compare them): "
                   + "; ".join(f"{name} ×{n} ({where})" for name, n, where in shown)
                   + (" …" if len(result.unknown_products) > len(shown) else ""), err=True)
    kinds = Counter(c.kind for c in result.cards)
    domains = Counter(c.domain for c in result.cards)
    reasons = result.coverage
    used, skipped = result.used_units, sum(reasons.values())
    click.echo(f"{result.card_count} cards from {len(result.cards)} notes: "
               + ", ".join(f"{kinds[k]} {k}" for k in ("cloze", "qa", "compare")))
    for d in result.config.domains:
        click.echo(f"  {'subdeck' if d.derived else 'domain'} {d.deck_name}: {domains[d.id]} notes")
    if domains[0] and result.config.domains:
        click.echo(f"  (no subdeck): {domains[0]} notes")
    click.echo(f"coverage: {used} sentences/cells became cards, {skipped} skipped with a reason"
               + (f" (list: {report})" if report else " (--report FILE lists them)"))
    for reason, n in reasons.most_common(6):
        click.echo(f"  {n:4d} {reason}")
    lint = sum(": warning: " in w for w in result.warnings)
    click.echo(f"{lint} warnings; built in {result.seconds:.2f}s")
    for message in result.messages:
        click.echo(message)
    if any(p == result.path for p in result.written):
        click.echo(f"wrote {result.path}")


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

