"""The deck's settings: ``deck.yaml`` when the notes folder has one, sensible defaults when it has not.

Every key of ``deck.yaml`` is optional. Without it the deck is named after the notes folder (or the
title of its only note), its subdecks follow the folders or the headings (``notes.py``), and services
are found with the built-in catalog (``catalog.py``). Whatever ``deck.yaml`` does say is checked on
load: unknown keys are rejected with the list of valid ones, a key given twice is an error, and the
rest of the pipeline only sees the frozen ``DeckConfig``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError, Location, Problem

SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SERVICE_ID = SLUG
CONFIG_NAME = "deck.yaml"

try:  # libyaml's loader is several times faster; the pure-Python one is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


class _UniqueKeyLoader(_Loader):  # type: ignore[misc, valid-type]
    """A safe loader that refuses a mapping key given twice (YAML would keep the last one silently)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be plain text",
                                                    key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice (first on line {seen[key]})", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, shown: str, first_line: int = 1):
    """``yaml.safe_load`` that names the file and line of a syntax error or a repeated key."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + first_line if mark else first_line
        raise BuildError(Problem(Location(shown, line), f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                                 "fix the YAML syntax (quote text that holds a colon)"))


def slugify(text: str, limit: int = 48) -> str:
    """"AWS Solutions Architect – Notes" → "aws-solutions-architect-notes" (ASCII, lowercase, dashes)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug


@dataclass(frozen=True, slots=True)
class Domain:
    """A subdeck and its tag: an exam domain of ``deck.yaml``, or a group the folders or headings make."""

    id: int
    name: str
    weight: int = 0
    """Share of the scored exam content, in percent (0 when unknown)."""
    derived: bool = False
    """True for a subdeck taken from the notes' folders or headings rather than declared exam domain."""

    @property
    def slug(self) -> str:
        words = slugify(self.name.replace("::", " "), limit=60) or str(self.id)
        return words if self.derived else f"{self.id}-{words}"

    @property
    def deck_name(self) -> str:
        """The subdeck's name under the parent deck ("1. Data Ingestion", or a folder path "AWS::S3")."""
        return self.name if self.derived else f"{self.id}. {self.name}"


@dataclass(frozen=True, slots=True)
class Service:
    """A catalog entry: a service and the ways notes spell it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    family: str = ""
    """Services of one family are confusable; comparison cards pair them."""
    parent: str = ""
    """Id of the service this one is a variant of (SQS FIFO → SQS)."""
    bare: str = "any"
    """How the name without "Amazon"/"AWS"/"Apache" matches: ``any`` case, ``cased`` as written, or ``never``."""


@dataclass(frozen=True, slots=True)
class DeckConfig:
    """The deck's settings, validated (``deck.yaml`` where there is one, defaults for the rest)."""

    name: str
    slug: str
    version: str
    """The version ``deck.yaml`` sets ("" when it sets none: ``release`` then picks the next one)."""
    description: str
    domains: tuple[Domain, ...]
    """Exam domains from ``deck.yaml``; after ``read_notes``, the subdecks (possibly derived, possibly none)."""
    services: tuple[Service, ...]
    """The services of ``deck.yaml`` (they extend or override the built-in catalog)."""
    path: str
    """``deck.yaml`` as shown to users, or the notes folder when there is none."""
    explicit: frozenset[str] = frozenset()
    """The keys ``deck.yaml`` set (the others are defaults)."""
    repository: str = ""
    """Where the notes live online (a card's source becomes a link there)."""

    def domain(self, domain_id: int) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)

    def service(self, service_id: str) -> Service:
        return next(s for s in self.services if s.id == service_id)


TOP_KEYS = {"name", "slug", "version", "description", "domains", "services", "repository"}
DOMAIN_KEYS = {"id", "name", "weight"}
SERVICE_KEYS = {"id", "name", "aliases", "family", "parent", "bare"}
BARE = {"any", "cased", "never"}


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


NOTION_ID = re.compile(r"\s+[0-9a-f]{32}$")
"""The id a Notion export appends to every page and folder name ("Amazon SQS 3f2a…e8")."""


def default_name(notes_dir: Path) -> str:
    """The folder's name, made readable: "aws-saa_notes" → "Aws saa notes"."""
    name = re.sub(r"[_\s-]+", " ", NOTION_ID.sub("", notes_dir.resolve().name)).strip() or "Notes"
    if name.lower() in ("notes", "docs", "src", "content", "vault"):
        parent = notes_dir.resolve().parent.name
        if parent:
            name = f"{re.sub(r'[_]+', ' ', parent).strip()} {name}"
    return name[:1].upper() + name[1:]


def load_config(notes_dir: Path, shown_dir: str) -> DeckConfig:
    """Read ``deck.yaml`` from the notes folder if there is one; raise ``BuildError`` naming every bad key."""
    path = notes_dir / CONFIG_NAME
    shown = f"{shown_dir}/{CONFIG_NAME}"
    name = default_name(notes_dir)
    if not path.exists() and not path.is_symlink():
        return DeckConfig(name, slugify(name) or "notes", "", "", (), (), shown_dir)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(Problem(Location(shown, 0), f"cannot read the file ({exc})",
                                 "make it a readable UTF-8 text file, or remove it to use the defaults"))
    raw = load_yaml(text, shown) if text.strip() else {}
    lines = _key_lines(text)
    problems: list[Problem] = []

    def bad(key: str, what: str, hint: str = "", at: str | None = None) -> None:
        problems.append(Problem(Location(shown, lines.get(at or key, 0)), what, hint))

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise BuildError(Problem(Location(shown, 1), "expected a mapping of deck settings (key: value lines)",
                                 "see the README for the deck.yaml format"))
    for key in sorted((k for k in raw if k not in TOP_KEYS), key=str):
        bad(str(key), f"unknown key {key!r}", f"valid keys: {', '.join(sorted(TOP_KEYS))}")

    def text_of(key: str, default: str) -> str:
        if key not in raw:
            return default
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            bad(key, f"{key!r} must be a non-empty string")
            return default
        return value.strip()

    name = text_of("name", name)
    slug = text_of("slug", slugify(name) or "notes")
    description = text_of("description", "")
    repository = text_of("repository", "")
    version = raw.get("version")
    version = "" if version is None else str(version)
    if "slug" in raw and slug and not SLUG.match(slug):
        bad("slug", f"slug {slug!r} is not lowercase-with-dashes", "e.g. aws-dea-c01")
    if "version" in raw and not SEMVER.match(version):
        bad("version", f"version {version!r} is not a semantic version", "write it as MAJOR.MINOR.PATCH, e.g. 1.2.0")
    if repository and not re.match(r"^https?://\S+$", repository):
        bad("repository", f"repository {repository!r} is not a web address",
            "e.g. https://github.com/you/notes/blob/main")

    domains = _domains(raw, bad)
    services = _services(raw, bad)
    if problems:
        raise BuildError(problems)
    explicit = frozenset(k for k in raw if isinstance(k, str))
    return DeckConfig(name, slug, version, description, tuple(domains), tuple(services), shown, explicit,
                      repository.rstrip("/"))


def _domains(raw: dict, bad) -> list[Domain]:
    domains: list[Domain] = []
    raw_domains = raw.get("domains")
    if "domains" in raw and (not isinstance(raw_domains, list) or not raw_domains):
        bad("domains", "'domains' must be a non-empty list", "each item has id, name and (optional) weight")
        return domains
    for item in raw_domains or []:
        if not isinstance(item, dict):
            bad("domains", "each domain must be a mapping with id, name, weight")
            continue
        for key in sorted((k for k in item if k not in DOMAIN_KEYS), key=str):
            bad(str(key), f"unknown key {key!r} in a domain", f"valid keys: {', '.join(sorted(DOMAIN_KEYS))}")
        did, dname, weight = item.get("id"), item.get("name"), item.get("weight", 0)
        if not isinstance(did, int) or isinstance(did, bool) or did < 1:
            bad("domains", f"domain id {did!r} must be a positive whole number", at=f"id={did}")
            continue
        if not isinstance(dname, str) or not dname.strip():
            bad("domains", f"domain {did} needs a name", at=f"id={did}")
            continue
        if not isinstance(weight, int) or isinstance(weight, bool) or not 0 <= weight <= 100:
            bad("domains", f"domain {did} weight {weight!r} must be a percentage 0–100", at=f"id={did}")
            continue
        if any(d.id == did for d in domains):
            bad("domains", f"domain id {did} is listed twice", at=f"id={did}")
            continue
        domains.append(Domain(did, dname.strip(), weight))
    return domains


def _services(raw: dict, bad) -> list[Service]:
    services: list[Service] = []
    raw_services = raw.get("services")
    if "services" in raw and not isinstance(raw_services, list):
        bad("services", "'services' must be a list", "each item has id, name, aliases")
        return services
    owner: dict[str, str] = {}
    for item in raw_services or []:
        if not isinstance(item, dict):
            bad("services", "each service must be a mapping with id, name, aliases")
            continue
        sid = item.get("id")
        at = f"id={sid}"
        for key in sorted((k for k in item if k not in SERVICE_KEYS), key=str):
            bad(str(key), f"unknown key {key!r} in service {sid!r}", f"valid keys: {', '.join(sorted(SERVICE_KEYS))}",
                at=at)
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
        family, parent, bare = item.get("family") or "", item.get("parent") or "", item.get("bare") or "any"
        if not isinstance(family, str) or not isinstance(parent, str):
            bad("services", f"family and parent of {sid!r} must be strings", at=at)
            continue
        if bare not in BARE:
            bad("services", f"bare of {sid!r} must be one of {', '.join(sorted(BARE))}", at=at)
            continue
        for alias in [sname, *aliases]:
            other = owner.setdefault(alias.strip().lower(), sid)
            if other != sid:
                bad("services", f"{alias!r} names both {other!r} and {sid!r}",
                    "an alias may belong to one service only", at=at)
        services.append(Service(sid, sname.strip(), tuple(a.strip() for a in aliases), family.strip(),
                                parent.strip(), bare))
    return services
