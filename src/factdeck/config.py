"""Load and validate ``notes/deck.yaml``: the deck, its exam domains and the service catalog.

Everything is checked on load; unknown keys are rejected with the list of valid
ones, and the rest of the pipeline only sees the frozen ``DeckConfig``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError, Location, Problem

SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SERVICE_ID = SLUG


@dataclass(frozen=True, slots=True)
class Domain:
    """An exam domain: one subdeck and one tag."""

    id: int
    name: str
    weight: int
    """Share of the scored exam content, in percent."""

    @property
    def slug(self) -> str:
        return f"{self.id}-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Service:
    """A catalog entry: a service and the ways the notes spell it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    family: str = ""
    """Services of one family are confusable; comparison cards pair them."""
    parent: str = ""
    """Id of the service this one is a variant of (SQS FIFO → SQS)."""


@dataclass(frozen=True, slots=True)
class DeckConfig:
    """The validated ``deck.yaml``."""

    name: str
    slug: str
    version: str
    description: str
    domains: tuple[Domain, ...]
    services: tuple[Service, ...]
    path: str

    def domain(self, domain_id: int) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)

    def service(self, service_id: str) -> Service:
        return next(s for s in self.services if s.id == service_id)


TOP_KEYS = {"name", "slug", "version", "description", "domains", "services"}
DOMAIN_KEYS = {"id", "name", "weight"}
SERVICE_KEYS = {"id", "name", "aliases", "family", "parent"}


def _key_lines(text: str) -> dict[str, int]:
    """First line of each ``key:`` in the file, so errors can point near the key."""
    lines: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*-?\s*([A-Za-z_]+)\s*:", raw)
        if m:
            lines.setdefault(m.group(1), n)
        m = re.match(r"\s*-\s*id\s*:\s*(\S+)", raw)
        if m:
            lines.setdefault(f"id={m.group(1)}", n)
    return lines


def load_config(notes_dir: Path, shown_dir: str) -> DeckConfig:
    """Read ``deck.yaml`` from the notes folder; raise ``BuildError`` naming every bad key."""
    path = notes_dir / "deck.yaml"
    shown = f"{shown_dir}/deck.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(Problem(Location(shown, 0), "no deck.yaml in the notes folder",
                                 "create one with name, slug, version, description, domains and services"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(Problem(Location(shown, 0), f"cannot read the file ({exc})"))
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise BuildError(Problem(Location(shown, line), f"not valid YAML: {getattr(exc, 'problem', exc)}"))

    lines = _key_lines(text)
    problems: list[Problem] = []

    def bad(key: str, what: str, hint: str = "", at: str | None = None) -> None:
        problems.append(Problem(Location(shown, lines.get(at or key, 0)), what, hint))

    if not isinstance(raw, dict):
        raise BuildError(Problem(Location(shown, 1), "expected a mapping of deck settings",
                                 "see the README for the deck.yaml format"))
    for key in sorted(set(raw) - TOP_KEYS):
        bad(key, f"unknown key {key!r}", f"valid keys: {', '.join(sorted(TOP_KEYS))}")
    for key in sorted(TOP_KEYS - set(raw)):
        bad(key, f"missing key {key!r}", "every deck.yaml needs " + ", ".join(sorted(TOP_KEYS)), at="")

    def text_of(key: str) -> str:
        value = raw.get(key)
        if key in raw and (not isinstance(value, str) or not value.strip()):
            bad(key, f"{key!r} must be a non-empty string")
            return ""
        return (value or "").strip() if isinstance(value, str) else ""

    name, slug, description = text_of("name"), text_of("slug"), text_of("description")
    version = raw.get("version")
    version = str(version) if version is not None else ""
    if slug and not SLUG.match(slug):
        bad("slug", f"slug {slug!r} is not lowercase-with-dashes", "e.g. aws-dea-c01")
    if "version" in raw and not SEMVER.match(version):
        bad("version", f"version {version!r} is not a semantic version", "write it as MAJOR.MINOR.PATCH, e.g. 1.2.0")

    domains: list[Domain] = []
    raw_domains = raw.get("domains")
    if "domains" in raw and (not isinstance(raw_domains, list) or not raw_domains):
        bad("domains", "'domains' must be a non-empty list", "each item has id, name, weight")
        raw_domains = []
    for item in raw_domains or []:
        if not isinstance(item, dict):
            bad("domains", "each domain must be a mapping with id, name, weight")
            continue
        for key in sorted(set(item) - DOMAIN_KEYS):
            bad(key, f"unknown key {key!r} in a domain", f"valid keys: {', '.join(sorted(DOMAIN_KEYS))}")
        did, dname, weight = item.get("id"), item.get("name"), item.get("weight", 0)
        if not isinstance(did, int) or isinstance(did, bool) or did < 1:
            bad("domains", f"domain id {did!r} must be a positive whole number", at=f"id={did}")
            continue
        if not isinstance(dname, str) or not dname.strip():
            bad("domains", f"domain {did} needs a name", at=f"id={did}")
            continue
        if not isinstance(weight, int) or not 0 <= weight <= 100:
            bad("domains", f"domain {did} weight {weight!r} must be a percentage 0–100", at=f"id={did}")
            continue
        if any(d.id == did for d in domains):
            bad("domains", f"domain id {did} is listed twice", at=f"id={did}")
            continue
        domains.append(Domain(did, dname.strip(), weight))

    services: list[Service] = []
    raw_services = raw.get("services")
    if "services" in raw and not isinstance(raw_services, list):
        bad("services", "'services' must be a list", "each item has id, name, aliases")
        raw_services = []
    owner: dict[str, str] = {}
    for item in raw_services or []:
        if not isinstance(item, dict):
            bad("services", "each service must be a mapping with id, name, aliases")
            continue
        sid = item.get("id")
        at = f"id={sid}"
        for key in sorted(set(item) - SERVICE_KEYS):
            bad(key, f"unknown key {key!r} in service {sid!r}", f"valid keys: {', '.join(sorted(SERVICE_KEYS))}", at=at)
        if not isinstance(sid, str) or not SERVICE_ID.match(sid):
            bad("services", f"service id {sid!r} must be lowercase-with-dashes", at=at)
            continue
        sname = item.get("name")
        if not isinstance(sname, str) or not sname.strip():
            bad("services", f"service {sid!r} needs a name", at=at)
            continue
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            bad("services", f"aliases of {sid!r} must be a list of strings", at=at)
            continue
        if sid in {s.id for s in services}:
            bad("services", f"service id {sid!r} is listed twice", at=at)
            continue
        family, parent = item.get("family") or "", item.get("parent") or ""
        if not isinstance(family, str) or not isinstance(parent, str):
            bad("services", f"family and parent of {sid!r} must be strings", at=at)
            continue
        for alias in [sname, *aliases]:
            other = owner.setdefault(alias.strip(), sid)
            if other != sid:
                bad("services", f"{alias!r} names both {other!r} and {sid!r}",
                    "an alias may belong to one service only", at=at)
        services.append(Service(sid, sname.strip(), tuple(a.strip() for a in aliases), family.strip(), parent.strip()))
    ids = {s.id for s in services}
    for s in services:
        if s.parent and s.parent not in ids:
            bad("services", f"service {s.id!r} names unknown parent {s.parent!r}",
                f"parent must be the id of another service", at=f"id={s.id}")

    if problems:
        raise BuildError(problems)
    return DeckConfig(name, slug, version, description, tuple(domains), tuple(services), shown)
