"""The learners' changelog (``CHANGELOG.md``): a section per release, newest on top."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from .config import DeckConfig
from .model import Card

if TYPE_CHECKING:
    from .release import Changes

# ---------------------------------------------------------------- the learners' changelog


def _md(text: str) -> str:
    """Plain text → Markdown that shows literally."""
    text = re.sub(r"([\\`*_<])", r"\\\1", re.sub(r"\s+", " ", text).strip())
    return text.replace("](", "]\\(")  # "[…]" stays as the card shows it; only a link would need more


def changelog_section(version: str, since: str | None, date: str, cards: Sequence[Card], changes: Changes) -> str:
    lines = [f"## v{version} ({date})", ""]
    if since is None:
        lines += [f"First release: {len(cards)} notes.", ""]
        return "\n".join(lines)
    lines += [f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.retired)} retired "
              f"since v{since}; {len(cards)} notes in all.", ""]

    def where(source: str) -> str:
        return source.rsplit(":", 1)[0]

    if changes.added:
        lines += [f"### Added ({len(changes.added)})", ""]
        lines += [f"- {_md(c.front_text)} — {_md(c.back_text)}"
                  for c in sorted(changes.added, key=lambda c: (c.where.path, c.where.line))] + [""]
    if changes.changed:
        lines += [f"### Changed ({len(changes.changed)})", ""]
        for old, c in sorted(changes.changed, key=lambda p: (p[1].where.path, p[1].where.line)):
            line = f"- {_md(c.front_text)} — {_md(c.back_text)}"
            if old.back_text != c.back_text:
                line += f" (was: {_md(old.back_text)})"
            elif old.front_text != c.front_text:
                line += f" (was: {_md(old.front_text)})"
            lines.append(line)
        lines.append("")
    if changes.retired:
        lines += [f"### Retired ({len(changes.retired)})", ""]
        lines += [f"- {_md(e.front_text)} — {_md(e.back_text)} ({where(e.source)})"
                  for e in sorted(changes.retired, key=lambda e: e.source)] + [""]
    return "\n".join(lines)


def merge_changelog(existing: str | None, config: DeckConfig, section: str) -> str:
    """CHANGELOG.md with ``section`` on top of the older sections (a section of the same version is replaced)."""
    head = (f"# What changed in {config.name}\n\n"
            "Import each new version over the previous one (File › Import, default options): changed cards are "
            "updated in place and keep their review history. A card removed from the notes arrives once more, "
            f"marked \"Retired in vX — delete this card\" and tagged `{config.slug}::retired`: search "
            f"`tag:{config.slug}::retired` in the Browse window and delete what it finds.\n")
    version = section.split("\n", 1)[0].split()[1]
    older = re.split(r"(?m)^(?=## v)", existing or "")[1:]
    keep = [s.rstrip() + "\n" for s in older if s.split("\n", 1)[0].split()[1] != version]
    return "\n".join([head, section.rstrip() + "\n", *keep])
