"""Extract atomic facts from a note's blocks.

The notes carry no markup for cards, so this stage reads their shapes:

- tables (entity per column, entity per row, key–value), each cell one fact or
  one fact per sentence; confusable entities of one table give comparisons;
- "Term:" lines and "Term: definition" lead-ins give a question and answer;
- "X is a …" sentences give "What is X?";
- other sentences give a cloze only when they hold a key value (a number with
  its unit, a yes/no property, the one other service they name).

Everything not used is recorded as skipped, with the reason; shapes the
extractor cannot use are linted with ``path:line``.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from itertools import combinations

from ..errors import Location
from ..model import (Block, ClozeFact, CompareFact, Extraction, Fact, Heading, Line, Note, Paragraph, QAFact,
                    Segment, Skip, Table)
from ..model import Reason
from ..lexicon import anchored, lexicon, phrases, words_of
from ..services import Catalog
from .shapes._common import DOCUMENT_TITLE
from ..text import (DEFAULT_MARK, carried_subject, unglue_parenthesis, GENERIC_SERVICES, expected_manner, is_chatter, key_spans, named_examples, paired, relative_claim, sentences,
                    protocol_line, stated_property, strip_end, trim_clause, words)

MAX_HIDDEN = 16
MAX_ANSWER = 18
"""Most words a Q&A answer may have (a definition, trimmed of its trailing clause)."""
"""Most words a card may reveal (CARDS.md: about 15 words of new content)."""
MAX_CJK_ANSWER = 64
"""Most characters a Japanese or Chinese answer may have (its words are not spaced out to count): about the
15 words of new content a card may reveal, at some four characters a word."""
MAX_CJK_SIZE = 50
"""A Japanese answer over MAX_CJK_ANSWER characters is still short when loanwords and Latin names make up its
length: counted with each katakana run or Latin word as three characters (``_cjk_size``), it may reach this."""
MAX_COMPARE_VALUE = 8
MAX_TERM_WORDS = 7
MAX_SENTENCE = 45
MAX_COMPARE_ENTITIES = 2
"""Entities one comparison card asks about: a confusable pair (three values at once are three facts)."""
MAX_TABLE_ENTITIES = 6
"""A table comparing more entities than this is linted as too wide to card as a whole."""
MAX_COMPARE_ITEMS = 4
"""Most list items the two sides of a comparison may hold together."""
MAX_TABLE_COMPARISONS = 8
"""Most comparison cards one table gives."""
LANGUAGES = words_of("languages")
_DECIDES = re.compile(rf"^((?:The\s+)?.{{2,60}}?)\s+({phrases('deciding_verbs')})\s+((?:how (?:many|much|long|often)|"
                      rf"whether|when|which|where)\b.+?)\.?$", re.I)
"""A setting and what it decides ("The redrive count determines how many times …"): asked as "what does X determine?"."""

ATTRIBUTE_HEADERS = {"", "feature", "aspect", "attribute", "property", "characteristic", "criteria", "criterion",
                     "dimension", "category", "feature / aspect", "features", "aspects", "attributes", "metric"}
VALUE_HEADERS = re.compile(r"^(description|details?|value|explanation|notes?|summary|meaning|definition)$", re.I)
EMPTY_VALUES = {"", "n/a", "na", "-", "—", "–", "none", "varies", "tbd", "?"}
LIST_LABELS = anchored("list_labels")
"""A line introducing a list ("Use cases:", "Example AWS services and patterns:"), from ``lexicon/en.yaml``."""
QUANTIFIED_OPENER = anchored("quantified_openers")
"""A parent line opening a sentence about one unit that its sub-bullets finish ("Each shard can:")."""
_SEVERAL_COPIES = re.compile(rf"(?:{phrases('several_copies')})\s+", re.I)
"""The word before a service that opens a line naming several copies of it ("Multiple ALBs …"): an arrangement."""
LOW_VALUE_SECTION = re.compile(
    r"^(?:benefits\b|summary\b|why (?:is|are|use)\b|exam relevance|practical use case|conclusion|best practices for\b|"
    r"(?:common )?use cases\b|best practices\b|other\b|considerations$|example workflow|examples?\b|typical workflow|how .* works: a typical workflow|"
    r"real-world scenario|example high-level design|practical applications|scenario\b)|\(from context\)", re.I)
GENERIC_HEADING = anchored("generic_headings")
VAGUE_ATTRIBUTE = re.compile(
    r"^(notes?|mechanism / notes|description|details?|comments?|remarks?|explanation|summary|use cases?(?: .*)?|"
    r"typical use cases|use case summary|role in .*|examples?|aws examples|aws services|main use case|key points?|"
    r"highlights?|tips?|remarks?|why|info(?:rmation)?|(?:notes?|examples?|comments?|details?)(?:\s*(?:/|&|and)\s*"
    r"(?:notes?|examples?|comments?|details?|remarks?))+|"
    # open-ended rubrics: a label that any sentence answers ("Why Athena works", "Best practice", "Setup")
    r"why\b.*|(?:best |recommended )?practices?|typical use cases?|(?:primary |main |ideal )use[- ]cases?|"
    r"ideal (?:role|purpose)|"
    r"(?:cluster |infrastructure |infra |ops )?(?:setup|management)(?:\s*(?:/|&|and)\s*(?:setup|management|operations?))?|"
    r"target (?:users?|audience)|vision|availability|optimi[sz]ed|recommendation|verdict|behaviou?r|"
    r"(?:choose|pick|prefer|go with|opt for|when to (?:use|choose)|best for|ideal for)\b.*)\??$", re.I)
"""A column whose label asks nothing ("Notes/Examples", "Key points", "Why X works", "Setup/management",
"Choose X"): never the question on a card."""
VAGUE_VALUE = re.compile(
    r"^(?!.*\d)(?:(?:typically|usually|generally|often|mostly|roughly|approximately|around|about|~)\s+)?"
    r"(?:milli|micro)?(?:seconds?|minutes?|hours?|days?)"
    r"(?:\s*(?:to|-|–|or)\s*(?:(?:milli|micro)?(?:seconds?|minutes?|hours?|days?)))?(?:[\s,;].*)?$|"
    r"^(?:typically|usually|generally|often|mostly|configurable|depends|varies|flexible|custom)\b(?!.*\d)", re.I)
"""A vague range or hedge with no number ("Minutes to hours", "Typically milliseconds", "Configurable Multi-AZ")."""
PRACTICE_HEADERS = re.compile(r"^(?:(?:best |recommended )?practices?|purpose|what it does|effect|function)$", re.I)
"""A second column saying what each named technique of a service does or how it is applied ("| Sort Keys |
Speed up filtering and JOINs |"): read as a term–definition table."""
TYPE_ATTRIBUTE = re.compile(r"^(type|service type|category|kind|storage type)$", re.I)
"""A category is mostly in the name ("Kinesis Data Firehose — type: Streaming"): asked only side by side."""
"""Columns whose cells are loose prose: only their numbers and yes/no facts become cards."""
RATING = re.compile(r"^(very |slightly )?(high|higher|highest|low|lower|lowest|cheapest|medium|low-medium|moderate|limited|configurable|better|"
                    r"good|best|worse|fast|faster|slow|slower|simple|complex)(\s*\(.*\))?$", re.I)
"""A bare rating says nothing on its own (it may still be compared with a confusable neighbour)."""
MARKETING_TERM = re.compile(
    r"^(quick start|simplicity|simple|speed|flexib\w*|cost[- ]?(efficien\w*|effective\w*|savings?)|"
    r"ease of use|easy to use|secure|security|reliab\w*|scalab\w*|elastic|improved resilience|"
    r"cost optimization|simplified developer experience|seamless .*|fully managed|serverless)$", re.I)
"""Lead-ins that introduce marketing filler rather than a fact."""
GENERIC_LEAD = re.compile(r"\b(services|technologies|tools|examples?|integration|options|patterns|commonly used|"
                          r"how to|implement)\b", re.I)
ADVICE = re.compile(r"^(ensure|handle|use|set|consider|avoid|monitor|plan|choose|regularly|make|keep|design|"
                    r"implement|apply|define|review|prefer|try|remember|always|never)\b", re.I)
"""An imperative opening: a tip, not a fact to recall."""
IMPERATIVE = re.compile(r"^(query|run|perform|build|create|store|use|define|register|transform|prepare|visuali[sz]e|"
                        r"monitor|set|schedule|automate|load|move|send|deploy|configure|enable|add|combine|"
                        r"partition|compress|specify|select|apply|integrate|leverage)\b", re.I)
"""A list item that opens with a bare verb ("Build ML models with …") is a fragment, not a statement."""
NOTE_TERMS = re.compile(r"^(notes?|note that|remarks?|comments?|(?:exam |pro )?tips?|important|remember|"
                        r"key (?:points?|takeaways?)|takeaways?|gotchas?)$", re.I)
DEFINE_TERMS = re.compile(r"^(description|definition|what is it)$", re.I)
ATTRIBUTE_TERMS = re.compile(
    r"^(latency|protocol|persistence|consistency|scalability|performance|durability|"
    r"availability|cost|pricing|pricing model|security|integration|requirements|throughput|"
    r"durability & availability)$", re.I)


@dataclass(slots=True)
class _Frame:
    """One open heading while walking the note."""

    level: int
    text: str
    subject: str | None
    services: tuple[str, ...]
    low_value: bool
    chatter: bool = False
    peers: set = field(default_factory=set)
    """Levels of subsections that name another service: at those levels this heading is a peer, not the subject."""
    apart: bool = False
    """A topic of its own under a service heading whose whole section never names that service ("## Stateful
    transactions" under "# Amazon Redshift Data"): the service above is not sure to be its subject."""
    child_level: int = 0
    """The level its first subsection was written at ("## S3" then "#### Replication"): a lone later
    "### Glacier tiers" among such subsections is one more of them, not the parent of those after it."""
    levels: set = field(default_factory=set)
    """The levels its subsections were written at."""
    section: str = ""
    """Its whole section's text (which member of a family its lines mean: the one named before them)."""


@dataclass(slots=True)
class _State:
    frames: list[_Frame] = field(default_factory=list)
    line_subject: tuple[str, tuple[str, ...]] | None = None
    label: str = ""
    pending_term: tuple[str, Location] | None = None
    low_label: bool = False
    item_label: bool = False
    """The label was set by a parent bullet: it names what its children are about (a sub-kind, a part)."""

    def scope(self) -> tuple:
        return self.line_subject, self.label, self.pending_term, self.low_label, self.item_label

    def restore(self, scope: tuple) -> None:
        self.line_subject, self.label, self.pending_term, self.low_label, self.item_label = scope


_NO_SCOPE = (None, "", None, False, False)


class _Extractor:
    def __init__(self, note: Note, catalog: Catalog, rules=()):
        self.rules = list(rules)
        self.note = note
        self.catalog = catalog
        self.facts: list[Fact] = []
        self.skipped: list[Skip] = []
        self.warnings: list[str] = []
        self.state = _State()
        self.keys: dict[str, int] = {}
        self.used = 0
        self._unnamed = set()
        self._terms: set[str] = set()
        self._item_scope: dict[int, tuple] = {}
        self.general = False
        """Prose handed over as general facts (a practice scenario's explanation): its section's example or
        low-value heading does not apply to it."""
        title_service = catalog.single(note.title)
        self.title_subject = title_service.name if title_service else note.title

    # ------------------------------------------------------------ walking

    def run(self, blocks: list[Block]) -> Extraction:
        i = 0
        while i < len(blocks):
            block = blocks[i]
            claim = None if isinstance(block, Heading) else self.try_rules(blocks, i)
            if claim is not None:
                i += max(claim.consumed, 1)
                continue
            i += 1
            if isinstance(block, Heading):
                self.heading(block, _section_text(blocks, i - 1), lone=_lone_level(blocks, i - 1))
            elif isinstance(block, Table):
                if self.state.frames and is_chatter(self.state.frames[-1].text):
                    # "Practical Use Case Example (From Context)": a table the chatbot made up from its prompt
                    self.skip_table(block, Reason.CHATTER_TABLE)
                else:
                    self.table(block)
            else:
                self.paragraph(block)
        return Extraction(tuple(self.facts), tuple(self.skipped), tuple(self.warnings), self.used)

    def try_rules(self, blocks: list[Block], i: int):
        """The first shape rule that claims the block at ``i``; its facts and skips are recorded."""
        for _name, rule in self.rules:
            claim = rule(blocks, i, self)
            if claim is None:
                continue
            for fact in claim.facts:
                self.facts.append(dataclasses.replace(fact, key=self.unique_key(fact.key)))
            self.skipped.extend(claim.skipped)
            self.warnings.extend(claim.warnings)
            self.used += claim.used
            return claim
        return None

    def headings(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.state.frames)

    def heading(self, h: Heading, section: str = "", lone: bool = False) -> None:
        st = self.state
        self._said = []
        if h.callout and not h.text:  # the end of a call-out: its title stops being the context
            while st.frames and st.frames[-1].level >= h.level:
                st.frames.pop()
            return
        popped = None
        while st.frames and st.frames[-1].level >= h.level:
            popped = st.frames.pop()
        level = h.level
        if st.frames:
            parent = st.frames[-1]
            if parent.child_level > level and lone and level not in parent.levels:
                # "## S3", "#### Classes", "#### Replication", then "### Glacier tiers" and "#### Events": the
                # author's sections under S3 are level 4; the odd level-3 one is a peer, not the parent of the rest
                level = parent.child_level
            parent.child_level = parent.child_level or level
            parent.levels.add(h.level)
        text = _file_name_words(re.sub(r"\.(?:md|markdown|txt)$", "", _unnumber(_EMOJI.sub("", h.text).strip())
                                       .rstrip(":").strip(), flags=re.I))
        subject, ids = self.heading_subject(text, parent_has_subject=any(f.subject for f in st.frames))
        if subject and ids:
            subject, ids = self.owned_feature(text, ids) or (subject, ids)  # "### IAM authentication" under "## RDS"
        if subject is None and GENERIC_HEADING.match(text.rstrip(":").strip()):
            # "### Key Features" after "### 2. EFS": numbered pseudo-headings are list items, so the
            # generic heading that follows is still about the item's subject.
            if st.line_subject:
                subject, ids = st.line_subject
            elif popped and popped.level == level and popped.subject:
                subject, ids = popped.subject, popped.services
        low = bool(LOW_VALUE_SECTION.search(text)) or any(f.low_value for f in st.frames)
        chatter = is_chatter(text)
        if subject and self.catalog.exact(text):
            # "### Lambda" then "#### S3", "#### FSx": the Lambda heading does not scope its later subsections.
            for f in st.frames:
                if f.subject and f.services[:1] != ids[:1] and not set(ids[:1]) & self.related(f.services[:1]):
                    f.peers.add(level)
        apart = False
        inherited = self.frame_subject()
        if subject is None and inherited and section and not GENERIC_HEADING.match(text.rstrip(":").strip()) \
                and not re.match(r"^\s*(?:\d+(?:\.\d+)*|[a-z]|[IVX]+)[.)]\s", h.text) \
                and not (st.line_subject or popped and popped.level == level and popped.subject):
            # A facet of a service ("S3 Glacier retrieval tiers") scopes only sections that name it; a service
            # heading, all but those about other services (naming two or more, never it).
            others = {i for i in self.catalog.ids(section) if i not in self.related(inherited[1])}
            facet = self.catalog.exact(inherited[0]) is None
            apart = not self._names(section, *inherited) and (facet or len(others) >= 2)
        st.frames.append(_Frame(level, text, subject, ids, low, chatter, apart=apart, section=section))
        self._first_in_section = True
        st.restore(_NO_SCOPE)
        self._base_scope = _NO_SCOPE
        self.skip(h.where, Reason.HEADING, h.text)

    def _names(self, text: str, subject: str, ids: tuple[str, ...]) -> bool:
        """The text names the subject: its service, or the words that set it apart ("Glacier", "tiers")."""
        if ids and ids[0] in self.catalog.ids(text):
            return True
        svc = self.catalog.by_id.get(ids[0]) if ids else None
        own = {w for w in _stems(" ".join((svc.name, *svc.aliases)) if svc else subject) if w not in _NAME_FILLER}
        return bool(own & set(_stems(text)))

    def heading_subject(self, text: str, parent_has_subject: bool) -> tuple[str | None, tuple[str, ...]]:
        head = re.sub(r"^(what is|introduction to|explanation of|overview of)\s+(the\s+)?", "", text, flags=re.I)
        mentions = self.catalog.mentions(head)
        ids = tuple(dict.fromkeys(m.service.id for m in mentions))
        if not mentions:
            return None, ()
        first = mentions[0]
        starts = first.start == 0
        if len(ids) > 1 and not (self.catalog.single(head) and starts):
            if not starts:
                return None, ids
            # "Amazon EventBridge (CloudWatch Events)" names one service twice; "X vs Y" names two.
            if re.search(r"\bvs\.?\b|,| and ", head):
                return None, ids
        if not starts and parent_has_subject:
            inherited = self.frame_subject()
            above = self.catalog.by_id.get(inherited[1][0]) if inherited and inherited[1] else None
            if len(ids) == 1 and above is not None and above.parent == ids[0]:
                # "#### Global aurora" in the Aurora Serverless file: the section is about Aurora itself
                return first.service.name, ids
            return None, ids
        phrase = re.split(r":| – | — | - |\(| and its\b| in\b| vs\.?\b| with\b| for\b(?! \w+ \w+$)", head, maxsplit=1)[0]
        phrase = _HEADING_SUFFIX.sub("", phrase.strip().rstrip("?"))  # "Kinesis Notes", "S3 cheat sheet": the service
        service = first.service
        if starts and self.catalog.exact(phrase) is None and words(phrase) <= 5 and phrase.startswith(head[first.start:first.end]):
            rest = phrase[first.end:].strip()
            return (f"{service.name} {rest}".strip() if rest else service.name), ids
        return service.name, ids

    def owned_feature(self, name: str, ids: tuple[str, ...],
                      owner: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]] | None:
        """"IAM auth" under "## RDS", "Multinode mode" under "## AWS Batch": a way the one service the headings
        name works (``owned_feature_nouns``), named with that service ("Amazon RDS IAM auth"); None when the name
        is a service, names two, or belongs to the service itself or its family ("Glacier mode" under S3)."""
        name = name.strip()
        if not (_MECHANISM.search(f" {name}") or not ids and _MODE.search(f" {name}")) or words(name) > 4 or self.catalog.exact(name) \
                or len(set(ids)) > 1 or len(set(self.catalog.ids(name))) > 1:
            return None
        if not owner:
            found = self.frame_subject()
            owner = found[1][:1] if found else ()
        if not owner or owner[0] not in self.catalog.by_id:
            return None
        if ids and (ids[0] == owner[0] or ids[0] in self.related(owner) or owner[0] in self.related(ids[:1])):
            return None
        return f"{self.catalog.by_id[owner[0]].name} {name}", owner[:1] + ids[:1]  # (IAM stays said: no blank)

    def related(self, ids: tuple[str, ...]) -> set[str]:
        """The subject's services and their family: hiding "Kafka" on an MSK card asks nothing."""
        return self.catalog.related(ids)

    def subject_is_service(self) -> bool:
        """The current subject is a catalog service (or a line naming one), not a section title."""
        if self.state.line_subject:
            return True
        return self.frame_subject() is not None

    def chatter_section(self) -> bool:
        """The current section opens with chatter ("Although the context suggests…"): generated filler.

        Only that section, up to the next heading; a table in it is still read cell by cell.
        """
        return bool(self.state.frames) and self.state.frames[-1].chatter

    def value_in_low_section(self, text: str) -> bool:
        """A limit stated only in a Benefits / Best practices / Summary section is still a fact to ask
        (examples and scenarios excepted: their numbers illustrate)."""
        labels = [f.text for f in self.state.frames] + [self.state.label]
        if any(re.search(r"\b(examples?|scenarios?|workflow|sample|use cases?|case stud)", x, re.I) for x in labels):
            return False
        return _has_quantity(text) and not is_chatter(text)

    def low_value_section(self) -> bool:
        return not self.general and (self.state.low_label or any(f.low_value for f in self.state.frames))

    # ------------------------------------------------------------ subjects and context

    def frame_subject(self) -> tuple[str, tuple[str, ...]] | None:
        """The service the open headings name, unless the one naming it is a peer of this section."""
        st = self.state
        for f in reversed(st.frames):
            if f.apart:
                return None  # a topic of its own: the service heading above does not name its subject
            if f.subject:
                if f is not st.frames[-1] and st.frames[-1].level in f.peers:
                    return None  # "### Lambda" does not scope "#### Handling extreme rates" after "#### S3"
                return f.subject, f.services[:1]
        return None

    def subject(self) -> tuple[str, tuple[str, ...]]:
        st = self.state
        if st.line_subject:
            return st.line_subject
        found = self.frame_subject()
        if found:
            return found
        for n, f in enumerate(reversed(st.frames)):
            if not GENERIC_HEADING.match(f.text) and f.level > 1 and not re.match(r"^(domain \d|key )", f.text, re.I):
                owners = {g.services[0] for g in st.frames[:len(st.frames) - 1 - n] if g.subject and g.services}
                if f.apart and not f.services and len(owners) == 1:
                    # "## AWS Batch" › "#### Multinode mode", a section naming only the EC2/ECS it runs on
                    owned = self.owned_feature(_short_heading(f.text), (), tuple(owners))
                    if owned:
                        return owned
                return _short_heading(f.text), f.services
        if not _title_is_subject(self.note, self.title_subject):
            return "", ()  # "AWS SAA Study Guide", "Compiled output": a document, not what a card is about
        return self.title_subject, self.note.services[:1]

    def scoped_subject(self) -> tuple[str, tuple[str, ...]] | None:
        """The subject of a bullet under a parent bullet's label: "Amazon SQS" + "FIFO" → "Amazon SQS FIFO".

        None when the parent bullet is a statement rather than a name: its children's subject is unsure.
        """
        st = self.state
        label = st.label.rstrip(" :")
        base, ids = st.line_subject or self.frame_subject() or (None, ())
        if base and _SECTION_KIND.match(label):
            # "• Key Features:" then its bullets: a kind of section, not a part of the subject ("Aurora Key Features")
            return base, ids
        if base and re.match(r"^(?:can|may|will|must|could|cannot|can't)\s", label) and words(label) <= 6 \
                and not re.search(r"[,;.]", label):
            # "can automate snapshots", then "every 8 hours by default": a statement with its subject elided
            # is about the subject in scope; its words say what the children are about
            return f"{base} {label}", ids
        topic = _TOPIC_GERUND.match(label)
        if topic and base and words(topic.group(1)) <= 4 and not self.catalog.mentions(topic.group(1)):
            # "Handling duplicate records." then "can occur due to producer or consumer retries": the bullets are
            # about the thing the parent says is handled, within the service in scope
            return f"{base} {topic.group(1)}", ids
        if not _name_like(label):
            return None
        if base is None:
            ids = self.catalog.ids(label)
            titled = None if ids or not self.note.title_from_name else self.catalog.single(self.note.title)
            if titled and words(label) <= 3:
                # "Hardware Appliance" in a file named after Storage Gateway: a part of the service the name says
                return f"{titled.name} {label}", (titled.id,)
            return (label, ids) if ids else None  # "caching" with no service in scope: whose nodes?
        if _norm(base) in _norm(label) or self.catalog.mentions(label):
            return label, self.catalog.ids(label) or ids
        heading = st.frames[-1].text if st.frames else ""
        if re.search(r"\bvs\.?\b|\bversus\b", heading, re.I):
            side = set(_stems(label))
            if side and side <= set(_stems(heading)) and not side & set(_stems(base)):
                # "When to use streams vs firehose" in the Firehose section, then "• streams": one side of the
                # comparison, not a facet of the service in scope ("Firehose streams" is no such thing)
                return None
        return f"{base} {label}", ids

    def subjectless_owner(self, subj: str, ids: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
        """Whose fact a line with its subject left out states: the one service the headings above name (the
        subject in scope when it is that service or a part of it); under no such heading, the service a parent
        bullet names ("- Amazon SQS" then "- can keep SQS messages …"); a heading's description is nobody sure."""
        found = self.frame_subject()
        if found and found[1]:
            return (subj, ids) if ids[:1] == found[1][:1] else found
        return (subj, ids) if ids and ids[0] in self.catalog.ids(subj) else None

    def context(self, with_label: bool = True) -> str:
        """Topic › the nearest heading that says something (not filler, not a repeat of the topic)."""
        if self._table_context:
            return self._table_context
        title = _norm(self.note.title)
        parts = [self.note.title]
        for f in reversed(self.state.frames):
            t = _norm(_short_heading(f.text))
            if f.chatter or LOW_VALUE_SECTION.search(f.text) or not t:
                continue
            if _RUBRIC_HEADING.match(f.text.strip()) and f is not self.state.frames[0]:
                continue  # "Major rundown" under "kinesis streams": the heading above says what the section is about
            if t not in title and title not in t:
                parts.append(unglue_parenthesis(_short_heading(f.text), name_note=False))  # "computing (HPC)"
            break
        if self.state.label and with_label and len(parts) == 1:
            parts.append(self.state.label)
        return " › ".join(parts)

    def section_key(self) -> str:
        return "/".join(_norm(f.text) for f in self.state.frames[-2:]) or _norm(self.note.title)

    # ------------------------------------------------------------ recording

    def skip(self, where: Location, reason: Reason, text: str, detail: str = "") -> None:
        self.skipped.append(Skip(where, reason, text[:160], detail))

    def skip_table(self, t: Table, reason: Reason) -> None:
        for row in t.rows:
            for cell in row:
                if cell.text:
                    self.skip(cell.where, reason, cell.text)

    def warn(self, where: Location, message: str) -> None:
        self.warnings.append(f"{where}: warning: {message}")

    def warn_no_subject(self, where: Location) -> None:
        """Once per section: its lines describe something the section never names."""
        section = self.section_key()
        if section in self._unnamed:
            return
        self._unnamed.add(section)
        heading = self.state.frames[-1].text if self.state.frames else self.note.title
        self.warn(where, f"section {heading!r} has no subject: its attributes describe no named service or feature "
                         "— name it in the heading or on a line of its own")

    _unnamed: set
    _table_context = ""
    _table_comparisons = 0
    _compared: set = frozenset()

    def unique_key(self, key: str) -> str:
        n = self.keys.get(key, 0)
        self.keys[key] = n + 1
        return key if n == 0 else f"{key}#{n + 1}"

    def services_of(self, *texts: str, fallback: tuple[str, ...] = ()) -> tuple[str, ...]:
        ids: dict[str, None] = {}
        for t in texts:
            for sid in self.catalog.ids(t):
                ids.setdefault(sid, None)
        for sid in fallback:
            ids.setdefault(sid, None)
        return tuple(ids)

    def add_cloze(self, key: str, subject: str, prefix: str, text: str, spans: list[tuple[int, int]],
                  where: Location, context: str, subject_ids: tuple[str, ...] = (), same: bool = False) -> None:
        segments: list[Segment] = []
        if prefix:
            segments.append(Segment(unglue_parenthesis(prefix, name_note=False)))  # "ALB + Lambda (or other …) — "
        pos = 0
        for n, (s, e) in enumerate(spans, 1):
            # a blank that stops inside a hyphenated word takes the rest of it ("[Column- and row-level] access")
            glued = re.match(r"-[A-Za-z][\w-]*", text[e:]) if 0 < e and text[e - 1].isalpha() else None
            if glued and (n == len(spans) or spans[n][0] >= e + glued.end()):
                e += glued.end()
            if s > pos:
                segments.append(Segment(text[pos:s]))
            segments.append(Segment(text[s:e], 1 if same else n))
            pos = e
        if pos < len(text):
            segments.append(Segment(text[pos:]))
        self.facts.append(ClozeFact(self.unique_key(key), subject, context, where,
                                    self.services_of(prefix, text, fallback=subject_ids), tuple(segments)))

    def add_qa(self, key: str, subject: str, question: str, answer: str, where: Location,
               subject_ids: tuple[str, ...] = (), context: str = "") -> None:
        question, answer = (unglue_parenthesis(t, name_note=False) for t in (question, answer))
        self.facts.append(QAFact(self.unique_key(key), subject, context or self.context(), where,
                                 self.services_of(question, answer, fallback=subject_ids), question, answer))

    # ------------------------------------------------------------ prose

    _base_scope = _NO_SCOPE
    """The label and subject set outside lists (by a heading's lines): the scope of top-level bullets."""

    def paragraph(self, p: Paragraph) -> None:
        """A paragraph read in its own scope: a bullet sees what its parent bullets set, never a sibling's."""
        st = self.state
        if not p.list_item:
            st.restore(self._base_scope)
        elif not p.first:
            st.restore(self._item_scope.get(p.item, self._base_scope))
        else:
            st.restore(self._item_scope.get(p.parent, self._base_scope) if p.parent >= 0 else self._base_scope)
        before = st.scope()
        self._paragraph(p)
        numbered_name = p.list_item and p.ordered and p.first and not p.has_children and p.parent < 0 \
            and len(p.lines) == 1 and _heading_like(p.lines[0].text)
        if numbered_name and not (st.scope() != before and st.line_subject):
            st.line_subject, st.label = None, ""  # "18. Load balancers" (no catalog name): the last one's scope ends
            if self.frame_subject() is None and not GENERIC_HEADING.match(_unnumber(p.lines[0].text)):
                # "4. Elastic IP (EIP)" then "• Cons:" / "◦ Limited to five per Region": with no service heading
                # above, the numbered name stands for a heading and is its bullets' subject
                name = _unnumber(p.lines[0].text).strip()
                st.line_subject = self.labelled_service(name) or (name, ())
        if not p.list_item or numbered_name:
            # "17. Elastic Beanstalk" then "• Key features:" beside it: a numbered name standing for a
            # heading scopes the bullets after it, up to the next one
            self._base_scope = st.scope()
        elif p.first:
            if p.has_children and (st.scope() == before or st.item_label and not _name_like(st.label)):
                # A parent bullet that is itself a fact ("Kinesis: max 1 MB per record") is still the
                # subject of its children when it opens with a service's name.
                lead = self.catalog.mentions(p.lines[0].text) if p.lines else []
                term = _term_line(p.lines[0].text) if p.lines else None
                named = [i for i in dict.fromkeys(self.catalog.ids(p.lines[0].text))] if p.lines else []
                if term and term[1] and _name_like(term[0]) and not self.catalog.mentions(term[0]) \
                        and not (ATTRIBUTE_TERMS.match(term[0]) or NOTE_TERMS.match(term[0])
                                 or VAGUE_ATTRIBUTE.match(term[0]) or LIST_LABELS.match(term[0])):
                    # "Custom resources: let a stack run your own logic", then sub-bullets: they go on about the
                    # term the parent defines ("… sends that custom resource a request"), within the service it names
                    if len(named) == 1:
                        st.line_subject = (self.catalog.by_id[named[0]].name, (named[0],))
                    st.label, st.item_label = term[0], True
                elif lead and lead[0].start == 0:
                    svc = lead[0].service
                    own = st.line_subject if st.scope() != before and not st.label else None
                    rest = p.lines[0].text[lead[0].end:].strip() if own and own[1][:1] == (svc.id,) else ""
                    if rest and own[0] != svc.name and words(rest) <= 3 and not re.search(r"[\d,;()]", rest) \
                            and not self.catalog.mentions(rest):
                        # "sage maker savings plan" under a statement bullet: the plan is its bullets' subject, not
                        # the bare service ("up to 64% off" is the plan's discount, not SageMaker's)
                        st.line_subject, st.label, st.item_label = (f"{svc.name} {rest}", (svc.id,)), "", False
                    else:
                        st.line_subject, st.label, st.item_label = (svc.name, (svc.id,)), "", False
                elif p.lines and len(set(self.catalog.ids(p.lines[0].text))) == 1 \
                        and not (lead and _SEVERAL_COPIES.fullmatch(_unnumber(p.lines[0].text[:lead[0].start]) + " ")):
                    # "use SQS as a write buffer", then sub-bullets: the one service it names is theirs ("Multiple
                    # ALBs each with their own target group" is an arrangement: its sub-bullets are not about ALB)
                    sid = self.catalog.ids(p.lines[0].text)[0]
                    st.line_subject, st.label, st.item_label = (self.catalog.by_id[sid].name, (sid,)), "", False
                elif p.lines and not _has_quantity(p.lines[0].text):
                    # "use it as a write buffer in front of a database", then sub-bullets: the children
                    # elaborate a statement; whose fact they state is unsure.
                    st.label, st.item_label = p.lines[0].text, True
            self._item_scope[p.item] = st.scope()

    def _paragraph(self, p: Paragraph) -> None:
        lines = list(p.lines)
        st = self.state
        if lines and lines[0].text.startswith("|") and lines[0].text.count("|") >= 2:
            self.warn(lines[0].where, "this looks like a table but has no header separator row (| --- | --- |) "
                                      "— add one so its cells can become cards")
            for l in lines:
                self.skip(l.where, Reason.TABLE_WITHOUT_SEPARATOR, l.text)
            return
        if self.chatter_section() or is_chatter(" ".join(l.text for l in lines[:1])):
            if not self.chatter_section() and st.frames and lines is not None and self._first_in_section:
                st.frames[-1].chatter = True
            for l in lines:
                self.skip(l.where, Reason.CHATTER, l.text)
            self._first_in_section = False
            return
        opens_section, self._first_in_section = self._first_in_section, False
        if opens_section and lines and self.answers_heading(lines[0], prose=not p.list_item,
                                                            after=lines[1].text if len(lines) > 1 else ""):
            lines = lines[1:]
        i = 0
        while i < len(lines):
            line = lines[i]
            rest = lines[i + 1:]
            text = line.text
            if is_chatter(text):
                self.skip(line.where, Reason.CHATTER, text)
                i += 1
                continue
            self.former_name(text, line.where)
            if self.try_label(line, first=i == 0, alone=len(lines) == 1, ordered=p.ordered, has_more=bool(rest),
                              item=p if p.list_item else None):
                if i == 0 and rest and st.line_subject and not st.label and _KANA.search(rest[0].text) \
                        and _term_line(rest[0].text) is None and self.cjk_heading_definition(text, rest[0]):
                    i += 2  # "- Amazon AppFlow" then "SaaSとAWS間でデータを交換できるサービス。": the line defines it
                    continue
                i += 1
                continue
            cjk = self.cjk_definition(text)
            if cjk is not None:
                self.term(*cjk, line.where)
                i += 1
                continue
            term = _term_line(text)
            if term is not None:
                name, definition = term
                if definition:
                    self.term(name, definition, line.where)
                    i += 1
                    continue
                if rest:
                    self.term(name, " ".join(l.text for l in rest), rest[0].where, term_where=line.where)
                    return
                # "Techniques for scaling data stores:" then a blank line: it introduces a list.
                st.label = name
                if not p.list_item:
                    st.line_subject = None  # a bullet label ("Tiers:") stays within its service's scope
                named = self.labelled_service(name) if p.list_item and p.has_children else None
                if named:
                    # "Aurora Global Database (Recommended):" then sub-bullets: the service it opens with is theirs
                    st.line_subject, st.label = named, ""
                st.low_label = bool(LOW_VALUE_SECTION.search(name))
                self.skip(line.where, Reason.LABEL, text)
                return
            lead = self.catalog.mentions(text) if p.list_item and p.ordered and p.has_children and len(lines) == 1 else ()
            if lead and len({m.service.id for m in lead}) == 1 and not re.search(r"\d|[.;!?:]$", _unnumber(text)) \
                    and _SEVERAL_COPIES.fullmatch(_unnumber(text[:lead[0].start]) + " "):
                # "3. Multiple ALBs each with their own target group", then how it works: one option among the
                # numbered ones; hiding the service in its title asks nothing its sub-bullets do not say better
                self.skip(line.where, Reason.OPTION_TITLE, text)
                i += 1
                continue
            if p.list_item and i == 0 and QUANTIFIED_OPENER.match(st.label) and re.match(r"[A-Za-z]", text) \
                    and not re.match(r"[A-Z]{2}", text) and not any(m.start == 0 for m in self.catalog.mentions(text)):
                # "Each shard can:" then "Output up to 2 MB/sec": the limit is per shard, so the child reads with it
                text = f"{st.label} {text[:1].lower()}{text[1:]}"
            self.prose(text, line.where)
            i += 1

    _first_in_section = True
    _said: list[str] = []  # the last prose lines, for what an identifier listed under them is ("… metrics:")

    def try_label(self, line: Line, *, first: bool, alone: bool, ordered: bool, has_more: bool,
                  item: Paragraph | None = None) -> bool:
        """A short line standing for a heading: a service name, "What is X?", "1. Retention Modes".

        A bullet is a label only for bullets nested under it: a leaf bullet is content ("max 5 GB per
        object"), and so is a parent bullet that holds a value ("max message size 256 KB", then sub-bullets).
        """
        text = re.sub(r"\s+[-–—]$", "", line.text.strip())
        st = self.state
        if words(text) > 9 or re.search(r"[.;!。！]$", text) or ":" in text[:-1]:
            return False
        if item is not None and (alone and not item.has_children and not text.endswith((":", "?"))
                                 and not (item.ordered and item.parent < 0 and self.catalog.exact(_unnumber(text)))
                                 or _has_quantity(text)):
            return False
        if not (alone or (first and (ordered or has_more)) or text.endswith("?")):
            return False
        if text.endswith(":") and not LIST_LABELS.match(text[:-1].strip()):
            return False
        label = re.sub(r"^(?:[a-z]|\d+)[.)]\s+", "", text).rstrip(":").strip()
        mention = self.catalog.mentions(label)
        if mention and mention[0].start == 0 and not text.endswith("?"):
            svc = mention[0].service
            exact = self.catalog.exact(label)
            name = exact.name if exact else label
            parent = st.line_subject[1][:1] if item is not None and st.line_subject else ()  # "- Amazon RDS" above
            st.line_subject = self.owned_feature(label, (svc.id,), parent) or (name, (svc.id,))  # "IAM auth" under RDS
            st.label = ""
        elif text.endswith("?"):
            pass  # "What is EMRFS?" — the next sentence answers it
        else:
            if item is not None and item.has_children and stated_property(label):
                # "NACLs are stateless", then how: the parent states a property of its own before it heads its lines
                self._sentence(label, line.where)
            st.label = label
            st.line_subject = st.line_subject if item is not None else None
            st.low_label = bool(LOW_VALUE_SECTION.search(label))
            st.item_label = item is not None and alone
        st.pending_term = None
        self.skip(line.where, Reason.LABEL, text)
        return True

    def former_name(self, text: str, where: Location) -> None:
        """"Amazon Managed Service for Apache Flink (formerly Amazon Kinesis Data Analytics)": a renamed service
        is asked by its old name — notes and exam questions still use both."""
        text = re.sub(r"^(?:[a-z]|\d+)[.)]\s+", "", text.strip())
        m = _FORMERLY.match(text) or _OLD_NAME_AFTER.match(text)
        said_old = m is not None and m.re is _OLD_NAME_AFTER and bool(re.fullmatch(r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}",
                                                                              m.group(2).strip()))
        alone = re.match(r"^(?:formerly|previously)(?: known as| called| named)?\s+(.{3,60}?)\.?$", text, re.I)
        scope = self.state.line_subject or self.frame_subject()
        if m is not None:
            name, old = m.group(1).strip(), m.group(2).strip()
        elif alone and scope:
            name, old = scope[0], alone.group(1).strip()  # "formerly known as CloudWatch Events" under EventBridge
        else:
            return
        mention = self.catalog.mentions(name)
        exact = self.catalog.exact(name)
        if exact and re.search(r"(?:^|\s)[a-z]", name):
            name = exact.name  # "Amazon opensearch(…)": the service's own spelling on the front
        if not mention or mention[0].start != 0 or not (self.catalog.mentions(old) or said_old) or words(old) > 8:
            return
        self.add_qa(f"formerly|{_norm(name)}", name, f"What was {name} formerly called?", old, where,
                    (mention[0].service.id,))
        self.used += 1

    def answers_heading(self, line: Line, prose: bool = False, after: str = "") -> bool:
        """"### What is AWS Snowball?" then "- Highly-secure, portable device to move data in and out of AWS": the
        first line under a "What is X?" heading, a noun phrase rather than a sentence, is X's definition."""
        heading = self.state.frames[-1].text if self.state.frames else ""
        heading = re.sub(r"^[^\w(]+", "", heading.strip())  # "✅ What Is Amazon Redshift?": a mark before it
        m = re.match(r"^what (?:is|are) (?:an? |the )?(.+?)\?$", heading, re.I)
        text = line.text.strip()
        if m is None and _KANA.search(text) and not self.state.label and _term_line(text) is None:
            return self.cjk_heading_definition(heading, line)
        if m is None and prose and not self.state.label and _term_line(text) is None:
            return self.concept_heading_definition(heading, line, after)
        if m is None or self.state.label or _term_line(text) is not None or _verb_first(text) \
                or re.search(r"\b(is|are|was|were|means|refers)\b", text) or not re.match(r"[A-Za-z]", text):
            return False
        name = m.group(1).strip()
        if _norm(text).startswith(_norm(name)):
            return False  # "AWS Snowball is …": the sentence says it itself
        before = len(self.facts)
        self.term(name, text, line.where, asked=True)
        return len(self.facts) > before

    def concept_heading_definition(self, heading: str, line: Line, after: str = "") -> bool:
        """"##### Exactly once" then "Deduplication removes repeated events before the sink.": the first
        sentence under a heading naming a concept (a short name, no service, no rubric; not one topic word, a plural
        or a gerund: "Processing", "Random partition keys" head a topic) says what it does. When the next sentence
        names the concept again to say what it is ("This approach presents some data twice"), the first was only
        its mechanism — a partial definition, no card."""
        name = _unnumber(heading).strip()
        first = (sentences(line.text) or [""])[0].strip()
        following = ((sentences(line.text) or [""])[1:] or sentences(after) or [""])[0].strip()
        renamed = _RENAMES_CONCEPT.match(following)
        if renamed:
            # "This approach presents some data twice": the consequence completes the mechanism — one definition
            rest = following[renamed.end():].strip()
            if not re.match(r"(?!(?:is|was|has|does)\b)[a-z]+s\b", rest) or words(first) + words(rest) > MAX_HIDDEN + 10:
                return False
        if not 2 <= words(name) <= 4 or not _name_like(name) or self.catalog.mentions(name) \
                or re.search(r"(?:[^s]s|ing)$", name) \
                or re.search(r"[?:：]$|\d", name) or GENERIC_HEADING.match(name) or ATTRIBUTE_TERMS.match(name) \
                or LIST_LABELS.match(name) or NOTE_TERMS.match(name) or VAGUE_ATTRIBUTE.match(name) \
                or LOW_VALUE_SECTION.search(name) or DEFINE_TERMS.match(name) or _marketing(name) \
                or re.search(r"\band\b|&|/|\bvs\.?\b", name, re.I):  # "Security and Access Control": a topic
            return False
        m = _CONCEPT_DOES.match(first)
        if m is None or not 6 <= words(first) <= MAX_HIDDEN + 4 or key_spans(first) or ADVICE.match(first) \
                or IMPERATIVE.match(first) or _norm(first).startswith(_norm(name)) or is_chatter(first):
            return False
        if renamed:
            first = f"{strip_end(first)}, so it {rest}"
        before = len(self.facts)
        self.term(name, first, line.where, asked=True)
        return len(self.facts) > before

    def cjk_heading_definition(self, heading: str, line: Line) -> bool:
        """"### Amazon Macie" then "機械学習を使用して機密データを検出・保護。": a Japanese line with no subject of its
        own, first under a heading that names one service, says what that service is or does."""
        text = line.text.strip()
        mention = self.catalog.mentions(heading)
        if not mention or mention[0].start != 0 or len(set(self.catalog.ids(heading))) > 1 or words(heading) > 6 \
                or re.search(r"[とや及和&/]|\band\b|\bvs\b", re.sub(r"[A-Za-z]+", " ", heading) + " " + heading) \
                or heading.rstrip().endswith(("?", "？")) or re.match(r"^[^、。]{1,40}?は", text) \
                or re.match(r"^(これ|それ|この|その|ここ)", text) or not re.match(r"^[^。]{12,}[。.]", text):
            return False  # "- AWS Glue" then "クローラー": a keyword noted under it, not a sentence saying what it is
        first = text.split("。")[0]
        if re.search(r"(?<![A-Za-z0-9])\d", first) or re.search(r"(?:べき|推奨|こと|ください|しましょう)$", first):
            return False  # "最大365日間保持できる", "…を有効にすること": a limit or a tip, not what the service is
        exact = self.catalog.exact(heading)
        name = exact.name if exact and _norm(exact.name) == _norm(heading) else heading.strip()
        before = len(self.facts)
        self.term(name, text, line.where, asked=True)
        return len(self.facts) > before

    def cjk_definition(self, text: str) -> tuple[str, str] | None:
        """"AWS Glue クローラーは、…を作成するツールです。": a Japanese "X is Y" line defining a service or the
        heading's term, read as the "Term: definition" it stands for. None for a long answer (one fact only)
        or a subject that is a pronoun ("これは…") or names nothing the notes know."""
        m = _CJK_DEFINITION.match(text)
        if m is None:
            return None
        name, answer, rest = m.group(1).strip(), m.group(2).strip(), m.group(3).strip()
        heading = self.state.frames[-1].text if self.state.frames else ""
        if re.match(r"^(これ|それ|あれ|この|その|あの|ここ|[A-Za-z]*\s*$)", name) or len(answer) > 60 \
                or not (self.catalog.mentions(name) or _norm(name) == _norm(heading)):
            return None
        return name, f"{answer}。{rest}"

    def labelled_service(self, label: str) -> tuple[str, tuple[str, ...]] | None:
        """The subject a "Name:" label opening with a service's name gives its sub-bullets ("Aurora Global
        Database", "SQS FIFO"); None when it names no service first, names several, or reads as a statement."""
        bare = re.sub(r"\s*\([^)]*\)\s*", " ", label).strip()
        mentions = self.catalog.mentions(bare)
        if not mentions or mentions[0].start != 0 or len(set(self.catalog.ids(bare))) > 1 or words(bare) > 6 \
                or not _heading_like(bare):
            return None
        exact = self.catalog.exact(bare)
        return (exact.name if exact else bare), (mentions[0].service.id,)

    def term(self, name: str, definition: str, where: Location, term_where: Location | None = None,
             asked: bool = False) -> None:
        """A "Term:" line with its definition; ``asked`` when a "What is X?" heading asks for it (no cloze)."""
        subject, ids = self.subject()
        used = self.used
        if not subject and not _starts_with_service(self.catalog, name):
            self.skip(where, Reason.NO_SUBJECT, f"{name}: {definition}")
            return
        context_override = ""
        if self.low_value_section() and not (_starts_with_service(self.catalog, name) and
                                             _category_definition(definition)) \
                and not (self.value_in_low_section(definition) and not _marketing(name)):
            self.skip(where, Reason.LOW_VALUE_SECTION, f"{name}: {definition}")
            return
        if LIST_LABELS.match(name) and not ATTRIBUTE_TERMS.match(name) or NOTE_TERMS.match(name):
            if not NOTE_TERMS.match(name):
                self.state.label = name
            for s in sentences(definition):
                self.prose(s, where)
            return
        sents = sentences(definition)
        if not sents:
            self.skip(where, Reason.TERM_WITHOUT_DEFINITION, name)
            return
        self._terms.add(_norm(name))
        if _marketing(name) and not key_spans(definition):
            self.skip(where, Reason.MARKETING_LEAD_IN, f"{name}: {definition}")
            return
        first = _resolve_it(sents[0], name if _starts_with_service(self.catalog, name) else subject)
        term_ids = self.catalog.ids(name)
        cjk_pair = re.split(r"と|及び|および|和", name)
        if len(set(term_ids)) > 1 and (re.search(r"\bor\b|,|/", name) or re.search(r"\band\b|&|\+", name)
                                       and not (self.state.label and self.how_topic(self.state.label))) \
                or len(cjk_pair) == 2 and all(re.search(r"[A-Z][A-Za-z0-9]+", x) for x in cjk_pair):
            # "Lambda and EFS: …", "Lambda関数とAmazon EFS: …" — two things at once is no term to define
            self.skip(where, Reason.SEVERAL_SERVICES_LEAD_IN, f"{name}: {first}")
            return
        label = self.state.label
        lead = label if label and _norm(subject) not in _norm(label) and not LIST_LABELS.match(label) \
            and not ATTRIBUTE_TERMS.match(label) else subject
        if self.state.item_label and lead == label and not _starts_with_service(self.catalog, name):
            # "Limited Scale:" under "FIFO" is about "Amazon SQS FIFO"; under a statement bullet the term
            # names its own subject, within the heading's
            lead = (self.scoped_subject() or (subject,))[0]
        if DEFINE_TERMS.match(name) and not _specific(first, self.catalog):
            self.skip(where, Reason.GENERIC_CONCEPT, first)
            return
        if DEFINE_TERMS.match(name):
            label = self.state.label or subject
            question, key, term_subject = f"What is {label}?", f"def|{_norm(label)}", label
        elif _norm(subject) and _norm(subject) in _norm(name) and not (term_ids and self.examples_section()):
            # "Amazon FSx for Lustre:" under Amazon FSx — the term is a variant of the subject.
            question, key, term_subject = f"What is {name}?", f"def|{_norm(name)}", name
            ids = term_ids[:1] or ids
        elif ATTRIBUTE_TERMS.match(name) and not self.subject_is_service():
            self.skip(where, Reason.ATTRIBUTE_WITHOUT_SUBJECT, f"{name}: {first}")
            self.warn_no_subject(where)
            return
        elif ATTRIBUTE_TERMS.match(name) and (RATING.match(strip_end(first)) or VAGUE_VALUE.match(strip_end(first))):
            # "Cost: High", "Latency: Typically milliseconds": a rating or a vague range answers nothing
            self.skip(where, Reason.VAGUE_RANGE, f"{name}: {first}")
            return
        elif ATTRIBUTE_TERMS.match(name):
            question = f"{subject} — {_lower_words(name)}?"
            if _norm(name).rstrip("s") in _norm(self.context()):
                # "(… › Low-Latency (Streaming) Services) MSK — latency?" would give the answer away.
                context_override = self.note.title
            key, term_subject = f"attr|{_norm(subject)}|{_norm(name)}", subject
        elif term_ids and _starts_with_service(self.catalog, name) and not key_spans(first) \
                and _category_definition(first) and not self.examples_section():
            # "Amazon Data Pipeline: Legacy service for complex scheduling" defines the service.
            question, key, term_subject = f"What is {name}?", f"def|{_norm(name)}", (self.catalog.exact(name) or _Named(name)).name
            ids = term_ids[:1]
        elif term_ids and _starts_with_service(self.catalog, name) and not key_spans(first) \
                and not self.subject_is_service() and (lead == subject and not self.topic_heading(lead, first)
                                                       or GENERIC_LEAD.search(lead)):
            how = self.how_topic(lead) if lead == label else None
            topic = None if how else self.list_topic(lead) if lead == label else None
            answer = re.sub(r"^(?:you can|it can|can|allows you to|lets you)\s+", "",
                            strip_end(trim_clause(sents[0])).replace(" — ", ", "), flags=re.I)
            if how and 3 <= words(answer) <= MAX_ANSWER and not _open_list(answer):
                # "How to Implement Fan-Out on AWS" then "Kafka Topics: consumer groups read the same topic":
                # each line says how one service does it
                self.add_qa(f"how|{_norm(how)}|{_norm(name)}", name, f"How is {_lower_words(how)} done with {name}?",
                            answer[:1].upper() + answer[1:], where, term_ids[:1])
                self.used += 1
                return
            if topic:
                # "How to Implement Fan-Out on AWS" then "Amazon SNS: fans messages out to many queues": the
                # services are sorted into the topic the list is about — ask which one the line describes
                self.service_term(name, term_ids, sents, topic, where)
                return
            self.skip(where, Reason.SERVICE_LEAD_IN_WITHOUT_SUBJECT, f"{name}: {first}")
            for rest in sents[1:]:
                if ADVICE.match(rest) or _STUDY_ADVICE.match(rest):
                    self.skip(where, Reason.ADVICE, rest)  # "Know its formats and partitioning."
                    continue
                self.prose(rest, where, subject=((self.catalog.exact(name) or _Named(name)).name,
                                                 term_ids[:1]))  # "S3: Object store. Across 3 AZs."
            return
        elif term_ids and _starts_with_service(self.catalog, name) and not key_spans(first):
            # A partner service ("Amazon Macie:" under S3 Object Lock): ask for the service by what it does.
            self.service_term(name, term_ids, sents, lead, where)
            return
        elif _verb_like(name) and not key_spans(first):
            # A predicate posing as a heading ("Ideal for Lambda and Microservices:") asks nothing.
            self.skip(where, Reason.HEADING_LIKE_LEAD_IN, f"{name}: {first}")
            return
        elif self._under_question() and not key_spans(first):
            # "### What options do I have?" then "Block: using EBS or instance store": the line answers the
            # heading's question; "what is Block?" would ask something else
            self.skip(where, Reason.OPTION_UNDER_QUESTION, f"{name}: {first}")
            return
        else:
            verb = "are" if re.search(r"[^s]s$", name.split(" (")[0]) and not re.search(r"(ss|us|is)$", name) else "is"
            question = f"{subject}: what {verb} {name}?"
            key, term_subject = f"term|{_norm(subject)}|{_norm(name)}", subject
            owner = self.term_owner(name, first)
            if owner is False:
                self.skip(where, Reason.OWNERLESS_TERM, f"{name}: {first}")
                return
            if owner and owner[0] == "entity":
                # "Standard-IA:" then "Minimum Storage Duration Charge: 30 Days": an attribute of the parent's name;
                # a longer answer defines a feature of it ("Provisioned Concurrency: keeps environments warm")
                question = f"{subject} {owner[1]} — {_lower_words(name)}?" if words(first) <= 4 \
                    else f"{subject} {owner[1]}: what {verb} {name}?"
                key = f"attr|{_norm(subject)}|{_norm(owner[1])}|{_norm(name)}"
            elif owner and owner[0] == "attribute":
                # "Pricing Model:" then "Express: charged per execution": the label is what the line says of Express
                question = f"{subject} {name} — {_lower_words(owner[1])}?"
                key = f"attr|{_norm(subject)}|{_norm(name)}|{_norm(owner[1])}"
            elif owner:
                # "Metrics" then "Network: bytes in and out": Network is one of the metrics, not EC2 itself
                question = f"{subject} — {owner[1]}: what {verb} {name}?"
                key = f"term|{_norm(subject)}|{_norm(owner[1])}|{_norm(name)}"
        use_mentions = False
        # "Security groups: all inbound traffic is restricted …, by default" states defaults, not what the term is
        defaults = bool(DEFAULT_MARK.search(first))
        spans = [] if asked else key_spans(first, subject_ids=self.related(ids), named=defaults)
        answer = _answer(first, name, subject, limit=MAX_HIDDEN + 4 if asked else MAX_ANSWER)
        if _KANA.search(answer):  # "SaaS (Software as a Service) アプリケーション": an English name's gloss
            answer = re.sub(r"(?<=[A-Za-z0-9])\s*[(（][A-Za-z0-9 .,&/-]+[)）]", "", answer)
        if _mostly_cjk(answer) and len(answer) > MAX_CJK_ANSWER and _cjk_size(answer) > MAX_CJK_SIZE:
            answer = _first_cjk_clause(answer) or answer
        if _mostly_cjk(answer) and not term_ids and question == f"{subject}: what is {name}?":
            own = re.match(r"^([^、。]{1,30}?)は、", answer)
            told = own.group(1).strip() if own else ""
            rest = answer[own.end():].strip().rstrip("。") if own else ""
            if own and _norm(told) not in _norm(name) and _norm(told) and 8 <= len(rest) <= MAX_CJK_ANSWER \
                    and (self.catalog.mentions(told) or _norm(told) in _norm(" ".join(self.headings()))) \
                    and re.search(r"(?:する|できる|される|ない)$", rest):
                # "**組織全体の権限管理**: SCPは、…を制御する" under "Organizations and SCP": what the named thing does
                self.add_qa(f"does|{_norm(subject)}|{_norm(told)}", subject, f"{subject}: what does {told} do?", rest,
                            where, ids)
                self.used += 1
                return
            if own and _norm(own.group(1)) not in _norm(name):
                # "**組織全体の権限管理**: SCPは、…を制御する": the line tells of SCP; its label is a heading
                self.skip(where, Reason.ANSWER_HAS_OWN_SUBJECT,
                          f"{name}: {first}")
                return
            service = re.match(r"^([^、。]*サービス)(?:です|である|で|であり)?(?:[、。.]|$)", answer)
            if self.subject_is_service() and service:
                # "**データ暗号化**: …キーを作成・制御するマネージドサービスで、…" under KMS defines KMS, not the label
                question, key, term_subject = f"What is {subject}?", f"def|{_norm(subject)}", subject
                answer = service.group(1)
        if not spans and _verb_first(answer) and re.search(r": what (is|are) ", question) \
                and (first.lower().startswith(name.lower()) or re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", name)):
            # "Provisioned Concurrency keeps functions initialized …" says what the feature does.
            question = f"{subject}: what does {name} do?"
        elif not spans and _verb_first(answer) and re.search(r": what (is|are) ", question) \
                and re.search(r"\s[A-Z][a-z]+(?:\s[A-Z/][\w/]*)+", answer):
            pass  # "Offers General Purpose and Max I/O performance modes": names the things asked for
        elif not spans and _verb_first(answer) and re.search(r": what (is|are) ", question):
            # "SQL Query: Supports ANSI SQL using Presto" answers no "what is" question; ask its key value instead.
            spans = key_spans(first, subject_ids=self.related(ids), mentions=self.catalog.mentions(first))
            use_mentions = True
            if not spans:
                self.skip(where, Reason.FEATURE_LABEL_PREDICATE, f"{name}: {first}")
                return
        if spans and words(first) <= MAX_SENTENCE:
            # A number or limit: hide the value, not the whole definition.
            sentence = first if defaults else trim_clause(first, keep_until=spans[-1][1])
            spans = key_spans(sentence, subject_ids=self.related(ids), named=defaults,
                              mentions=self.catalog.mentions(sentence) if use_mentions else None)
            if not spans:
                self.skip(where, Reason.NO_KEY_VALUE, first)
                return
            prefix = f"{lead} — {name}: " if _norm(name) not in _norm(sentence) else ""
            if prefix and (_norm(lead) in _norm(name) or _starts_with_service(self.catalog, name)):
                prefix = f"{name}: "
            if self.denial_given_away(" ".join(sentence[a:b] for a, b in spans)):
                self.skip(where, Reason.NO_HEADING_ANSWER, first)
            else:
                self.add_cloze(f"{key}|value", term_subject, prefix, sentence, spans, where, self.context(), ids,
                               same=paired(sentence, spans))
                self.used += 1
        elif words(answer) > (MAX_HIDDEN + 4 if asked else MAX_ANSWER) \
                or _mostly_cjk(answer) and len(answer) > MAX_CJK_ANSWER \
                and _cjk_size(answer) > MAX_CJK_SIZE:
            self.skip(where, Reason.DEFINITION_TOO_LONG, first)
            size = f"{len(answer)} characters" if _mostly_cjk(answer) else f"{words(answer)} words"
            self.warn(where, f"the definition of {name!r} is {size}; a card needs one short fact "
                             "— split it into shorter sentences")
        elif _open_list(answer) or _long_list(answer):
            self.skip(where, Reason.LIST_TO_RECITE, first)
        elif re.match(r"^(the )?number of\b", answer, re.I):
            self.skip(where, Reason.CIRCULAR_DEFINITION, first)
        elif _vague(answer, question):
            self.skip(where, Reason.VAGUE_WORDING, first)
        elif not self.subject_is_service() and not term_ids and not question.startswith("What is") \
                and not re.search(r"\d|\b[A-Z]{2,}\b", _unglue_cjk(answer)) and not self.catalog.mentions(_unglue_cjk(answer)) \
                and not (self.catalog.mentions(_unglue_cjk(name)) and not _CJK_CLAUSE.search(name)):
            # "Hybrid scheduling: a combination of time and event triggers" — generic, guessable from the name
            self.skip(where, Reason.GENERIC_CONCEPT, first)
        elif not ATTRIBUTE_TERMS.match(name) and \
                _circular(name if not question.startswith("What is") else question[8:-1], answer):
            kind = None if asked else self.identifier_kind(name, answer)
            if kind:
                # "**ContainerPendingRatio**: The ratio of pending containers …" after "the common metrics:": the
                # definition spells the identifier out; the identifier is what a learner must recall
                self.add_qa(f"ident|{_norm(subject)}|{_norm(name)}", subject,
                            f"{subject}: which {kind} is {_lower_first(strip_end(answer))}?", name, where, ids)
                self.used += 1
            else:
                self.skip(where, Reason.CIRCULAR_DEFINITION, first)
        elif words(answer) <= 8 and not ATTRIBUTE_TERMS.match(name) \
                and re.search(rf"\b{re.escape(name.lower())}\b", answer.lower()):
            self.skip(where, Reason.ANSWER_REPEATS_TERM, first)
        elif ADVICE.match(answer) or _CJK_TUNING.match(answer):
            self.skip(where, Reason.ADVICE, first)
        elif _feature_told_later(name, first, sents[1:]):
            # "**Lake Formationのデータ共有機能**: データのアクセス管理を提供し、…。アカウント間のデータ共有を…": the first
            # sentence tells of the service; the feature the term names comes after
            self.skip(where, Reason.FIRST_SENTENCE_OFF_FEATURE, first)
        elif re.search(r"\b(limit|size|quota|maximum|minimum|timeout|duration)\b", name, re.I) and not re.search(r"\d", answer):
            self.skip(where, Reason.LIMIT_NOT_GIVEN, first)
        elif _gives_away(question, answer):
            self.skip(where, Reason.QUESTION_GIVES_ANSWER, first)
        else:
            self.add_qa(key, term_subject, question, answer, where, ids, context=context_override)
            self.used += 1
        rest_subject = (term_subject, ids)
        if used == self.used and re.match(r"[A-Z]", name) and words(name) <= 3 and _norm(name) not in _norm(term_subject) \
                and not ATTRIBUTE_TERMS.match(name) and not self.catalog.mentions(name):
            # "**Shield**: DDoS protection. Standard is automatic" — the lines are the term's (a service named bare)
            named = self.catalog.exact(f"AWS {name}") or self.catalog.exact(f"Amazon {name}")
            rest_subject = (named.name, (named.id,)) if named else (name, ids)
        for s in sents[1:]:
            self.prose(s, where, subject=rest_subject)

    def identifier_kind(self, name: str, answer: str) -> str | None:
        """The kind of a code identifier ("YarnMemoryAvailablePercentage", "enable_update_catalog") that the
        label, the heading or the last lines above call it by ("metrics"); None for a plain name or no kind."""
        if not _IDENTIFIER.fullmatch(name) or self.catalog.mentions(name) or not 3 <= words(answer) <= 12 \
                or re.search(r"\b(?:this|that|it|these)\b", answer, re.I):
            return None
        said = " ".join([self.state.label or "", self.state.frames[-1].text if self.state.frames else "",
                         *self._said[-2:]])
        for kind in sorted(words_of("identifier_kinds"), key=lambda w: (-len(w), w)):
            if re.search(rf"\b{re.escape(kind)}s?\b", said, re.I):
                return kind
        return None

    def term_owner(self, name: str, definition: str):
        """What a one-word term ("Launch", "Network", "Express") belongs to when a parent bullet or label line says
        it: ("attribute", "Pricing Model") when the label is what each line tells of its term; ("kind", "metrics")
        when the label names the group the term is one of; None when no label narrows it (the subject owns it);
        False when the owner is unsure — a statement bullet above it, or a line saying "You own …" of something
        an earlier line named."""
        st = self.state
        entity = self.term_entity(name)
        if entity:
            return "entity", entity
        if words(re.sub(r"\s*\(.*?\)", "", name)) != 1 or self.catalog.mentions(name) or re.fullmatch(r"[A-Z0-9]{2,}", name):
            return None
        label = re.sub(r"^(?:(?:all|each|every|both)\s+(?:of\s+)?(?:the\s+)?|(?:good|useful|important|key|main|common)\s+)",
                       "", st.label.strip().rstrip(":"), flags=re.I)
        subject = self.subject()[0]
        if not label or _norm(label) == _norm(name) or _norm(subject) and _norm(subject) in _norm(label):
            if re.match(r"^(?:you|we|they|he|she)\s", definition, re.I):
                return False  # "Ownership: You own the physical link" — of the connection named before it
            return None
        if LIST_LABELS.match(label) or GENERIC_HEADING.match(label) or NOTE_TERMS.match(label) \
                or VAGUE_ATTRIBUTE.match(label) and not ATTRIBUTE_TERMS.match(label):
            return None
        if ATTRIBUTE_TERMS.match(label) or re.match(r"^(?:pricing|cost|billing|limits?|quotas?|latency|retention)\b",
                                                    label, re.I) and words(label) <= 3:
            return "attribute", label
        if _name_like(label) and not self.catalog.mentions(label):
            return "kind", _lower_words(label)
        if not st.item_label:
            return None  # a label line of the section, not the term's parent bullet: the subject still owns it
        if words(label) <= 8 and not _CLAUSE_VERB.search(label) and (not _verb_like(label[:1].upper() + label[1:]) or re.match(r"^\w+s\s+(?:of|in|to|for|on)\s", label)) \
                and not IMPERATIVE.match(label) and not ADVICE.match(label) and not self.catalog.mentions(label) \
                and not re.search(r"[\d,;.:!?]|\b(?:it|this|that|these|those|they|them)\b", label, re.I):
            return "kind", label  # "the processes of a scaling group" — a noun phrase naming the group
        return False

    def term_entity(self, name: str) -> Reason | None:
        """"Standard-IA:" then "Minimum Storage Duration Charge: 30 days": a parent label naming one thing (a
        singular name) owns the attribute lines under it — "Amazon S3 Standard-IA — minimum storage duration
        charge?", not "Amazon S3: what is Minimum Storage Duration Charge?"."""
        label = self.state.label.strip().rstrip(":").strip()
        bare = re.sub(r"\s*\(.*?\)\s*", " ", label).strip()
        subject = self.subject()[0]
        if not bare or not _name_like(bare) or re.search(r"[^s']s$", bare.split()[-1]) or words(bare) > 3 \
                or _norm(bare) == _norm(name) or _norm(subject) and _norm(subject) in _norm(label) \
                or LIST_LABELS.match(bare) or GENERIC_HEADING.match(bare) or NOTE_TERMS.match(bare) \
                or VAGUE_ATTRIBUTE.match(bare) or ATTRIBUTE_TERMS.match(bare) or DEFINE_TERMS.match(bare) \
                or re.match(r"^(?:pricing|cost|billing|limits?|quotas?|latency|retention)\b", bare, re.I) \
                or self.catalog.mentions(name) or words(name) < 2 or _verb_like(name):
            return None
        return label

    def examples_section(self) -> bool:
        """The nearest label or heading lists examples of a topic ("AWS service examples", "AWS サービス例"): a
        service line under it says how the service fits the topic, not what the service is."""
        near = self.state.label or (self.state.frames[-1].text if self.state.frames else "")
        near = re.sub(r"^(?:aws|amazon)\s*", "", near.strip().rstrip(":："), flags=re.I)
        return bool(_EXAMPLE_LIST.search(near))

    def how_topic(self, label: str) -> Reason | None:
        """"How to implement fan-out on AWS" → "Fan-Out": the technique a list of service lines says how to do."""
        m = re.match(r"^how (?:to|do you|can you) (?:implement|achieve|build|do|perform|set up|enable)\s+(.+?)"
                     r"(?:\s+(?:on|in|with|using) (?:aws|the cloud))?\??$", label.strip(), re.I)
        if m and 1 <= words(m.group(1)) <= 4 and not self.catalog.mentions(m.group(1)):
            return m.group(1)
        return None

    def list_topic(self, label: str) -> Reason | None:
        """The topic a list of "Service: what it does" lines sorts services into, when its label is generic
        ("Technologies commonly used"): the section's own topic ("Intermediate Data Staging Locations") when
        the nearest heading is a topic naming no service. None when nothing says what the list is about."""
        if not re.search(r"\b(technologies|tools|options|services)\b", label, re.I) \
                or re.search(r"\bintegrat", label, re.I) or not self.state.frames:
            return None  # "Integration with AWS services": each line says how a service plugs in, not what sets it apart
        f = self.state.frames[-1]
        text = re.split(r"\s+(?:in|for|with|on)\s+", _short_heading(f.text), maxsplit=1)[0].strip()
        if f.low_value or f.chatter or GENERIC_HEADING.match(f.text) or GENERIC_LEAD.search(text) \
                or text.endswith("?") or not 2 <= words(text) <= 5 or self.catalog.mentions(text) \
                or re.match(r"^(domain|chapter|part|section|module|lesson|week|day)\b", text, re.I):
            return None
        return text

    def topic_heading(self, lead: str, statement: str) -> bool:
        """The nearest heading is a topic of its own ("### Best for replay") that the service lines under it sort
        services into, and the line says how the service meets it: "Best for replay — [Amazon S3]: keeps objects
        so a batch can replay them at will". A short gloss under a category ("Compute" / "Serverless compute"),
        a line that never touches the topic's own words or one that negates it does not tell its service apart."""
        st = self.state
        if words(statement) < 6 or not set(_stems(lead)) - _COMMON_STEMS & set(_stems(statement)):
            return False
        if re.search(r"\b(no|not|never|cannot|can't|without|lacks?|only)\b|n't\b", statement, re.I):
            return False  # "keeps no copy" under "Keeps messages": a service the heading sets apart, not one it names
        if st.label or not st.frames or st.frames[-1].level < 2:
            return False
        f = st.frames[-1]
        text = _short_heading(f.text)
        return text == lead and not (GENERIC_HEADING.match(f.text) or GENERIC_LEAD.search(text) or f.low_value
                                     or f.chatter or f.text.rstrip().endswith("?") or words(text) > 6
                                     or self.catalog.mentions(text))

    def _under_question(self) -> bool:
        """The nearest heading or label asks a question other than "What is X?"."""
        near = self.state.label or (self.state.frames[-1].text if self.state.frames else "")
        return near.rstrip().endswith("?") and not re.match(r"^(what|who) (is|are)\b", near, re.I)

    def service_term(self, name: str, term_ids: tuple[str, ...], sents: list[str], lead: str, where: Location) -> None:
        """"Amazon Macie: To discover sensitive data …" → "[…]: to discover sensitive data …" asking for the service."""
        first = strip_end(trim_clause(sents[0]))
        if words(first) > MAX_SENTENCE or _open_list(first):
            self.skip(where, Reason.DEFINITION_TOO_LONG, first)
            return
        rest = first
        for m in reversed(self.catalog.mentions(first)):
            if m.service.id in term_ids:
                rest = rest[:m.start] + rest[m.end:]
        name_stems = set(_stems(re.sub(r"^(amazon|aws|apache)\s+", "", name, flags=re.I)))
        if rest != first:
            self.skip(where, Reason.DEFINITION_NAMES_SERVICE_AGAIN, f"{name}: {first}")
            return
        if name_stems & set(_stems(rest)):
            self.skip(where, Reason.DEFINITION_GIVES_SERVICE, f"{name}: {first}")
            return
        text = f"{name}: {first}"
        spans = [(0, len(name))]
        for m in self.catalog.mentions(first):
            if m.service.id in term_ids:
                spans.append((len(name) + 2 + m.start, len(name) + 2 + m.end))
        self.add_cloze(f"svc|{_norm(lead)}|{_norm(name)}", name, f"{lead} — ", text, spans, where, self.context(),
                       term_ids[:1], same=True)
        self.used += 1
        for s in sents[1:]:
            self.prose(s, where, subject=(name, term_ids[:1]))

    def prose(self, text: str, where: Location, subject: tuple[str, tuple[str, ...]] | None = None,
              general: bool = False) -> None:
        if general and not self.general:
            self.general = True
            try:
                self.prose(text, where, subject)
            finally:
                self.general = False
            return
        self._said = (self._said + [text])[-2:]
        sents = sentences(text)
        i = 0
        while i < len(sents):
            contrast = _contrast(sents[i + 1]) if i + 1 < len(sents) and _DEFINES.match(sents[i]) else ""
            if contrast and self.sentence(sents[i], where, subject, contrast=contrast):
                self.skip(where, Reason.COMPLETES_DEFINITION, sents[i + 1])
                i += 2
                continue
            self.sentence(sents[i], where, subject)
            i += 1

    def sentence(self, sentence: str, where: Location, subject: tuple[str, tuple[str, ...]] | None = None,
                 contrast: str = "") -> bool:
        """One sentence's card. With ``contrast``, only a definition that the contrast completes is asked
        ("X means that A. However, B." → "What does X mean?" → "A, but B"); True when it was."""
        if contrast:
            return self.contrast_definition(sentence, contrast, where, subject)
        self._sentence(sentence, where, subject)
        return False

    def contrast_definition(self, sentence: str, contrast: str, where: Location,
                            subject: tuple[str, tuple[str, ...]] | None) -> bool:
        """"At most once means a message is never delivered twice. However, it can be lost." — the name alone
        says the first half; the contrast after it is what distinguishes the term, so the two are one answer."""
        if is_chatter(sentence) or is_chatter(contrast) or self.low_value_section():
            return False
        m = _DEFINES.match(sentence.strip())
        name = m.group(1)
        if not 1 <= words(name) <= 6 or re.match(r"^(it|this|that|which|there)\b", name, re.I):
            return False
        first = strip_end(trim_clause(m.group(2)))
        if _specific(first, self.catalog) or key_spans(contrast):
            return False  # a specific definition is asked alone; a contrast with a value of its own has its card
        answer = f"{first}, but {_lower_first(contrast)}"
        if words(answer) > MAX_ANSWER:
            return False
        _subj, ids = subject or self.subject()
        self.add_qa(f"def|{_norm(name)}", name, f"What does {_lower_first(name)} mean?", answer[:1].upper() + answer[1:],
                    where, ids)
        self.used += 1
        return True

    def resolve_this(self, sentence: str) -> str:
        """"This allows …" / "These limits can be raised …" under a heading that names one thing ("### Auto
        Scaling", "### Default limits"): the heading is the referent — "Auto Scaling allows …". A "This <noun>"
        is resolved only when the heading ends in that noun; anything else stays a sentence that refers back."""
        m = re.match(r"^(This|These)\s+([a-z][\w-]*)\b\s*", sentence)
        st = self.state
        if not m or not st.frames or st.label or self.low_value_section():
            return ""
        f = st.frames[-1]
        near = _short_heading(_unnumber(f.text)).rstrip(":").strip()
        if not near or words(near) > 5 or re.search(r"\s(?:and|or|vs\.?|&)\s|[,/?]", near) or f.chatter \
                or GENERIC_HEADING.match(near) or _verb_like(near) or GENERIC_LEAD.search(near):
            return ""
        word = m.group(2)
        last = near.split()[-1].lower()
        if m.group(1) == "This" and re.fullmatch(r"(?:allows|enables|lets|ensures|guarantees|provides|makes|keeps|"
                                                 r"means|reduces|increases|prevents|requires)", word):
            return f"{near} {sentence[len('This '):]}"
        if last.rstrip("s")[:5] == word.rstrip("s")[:5] and len(word) >= 4:
            rest = sentence[m.end():]
            return f"{near} {rest}" if rest else ""
        return ""

    def step_precedence(self, sentence: str, subject: tuple[str, tuple[str, ...]] | None) -> str:
        """"Define Access Control Policies" (a step of a workflow) then "These policies override IAM policies at query
        time.": which rule wins is a fact of the service, whatever section states it. The step's object names the
        referent — "<service> access control policies override …". "" unless the label is an imperative step ending in
        the sentence's noun, the sentence states precedence and a service is the subject."""
        m = re.match(r"^(?:This|These)\s+([a-z][\w-]*)\s+(?=(?:override|overrides|take|takes|supersede|supersedes)\b)",
                     sentence)
        label = (self.state.label or "").rstrip(":").strip()
        if not m or not _PRECEDENCE.match(sentence[m.end():]) or not IMPERATIVE.match(label) or words(label) > 6:
            return ""
        obj = label.split(None, 1)[1] if " " in label else ""
        if not obj or obj.split()[-1].lower().rstrip("s")[:5] != m.group(1).rstrip("s")[:5]:
            return ""
        subj, ids = subject or self.subject()
        if not subj or not ids or self.catalog.mentions(obj):
            return ""
        return f"{subj} {obj.lower()} {sentence[m.end():]}"

    def heading_says(self, hidden: str) -> bool:
        """The card's context line would say the hidden words: "### Random partition keys" over "… by using [a random
        partition key]" (two words or more), or the one service the heading (or the note's title) is about hidden in a sentence under
        it. A heading naming two services or more ("Kinesis vs MSK") asks which one: not given away."""
        near = self.state.frames[-1].text if self.state.frames else ""
        near_ids = set(self.catalog.ids(near))
        if len(near_ids) >= 2 or re.search(r"\bvs\.?\b|\bversus\b", near, re.I):
            return False
        hidden_ids = set(self.catalog.ids(hidden))
        if hidden_ids and hidden_ids <= (near_ids or set(self.catalog.ids(self.note.title))):
            return True
        # one word shared with a heading is a topic, not the answer ("Event Ordering …" over "guarantees [ordered]")
        return bool(near) and not hidden_ids and len(_stems(hidden)) >= 2 and _gives_away(near, hidden)

    def purpose(self, sentence: str, subj: str, ids: tuple[str, ...], mentions, where: Location) -> bool:
        """"GWLB is designed for traffic inspection through virtual appliances", "The on-demand pricing model is
        ideal for bursty or unpredictable workloads": what a named thing is built for is asked — "What is GWLB
        designed for?" — when the sentence holds no number or other key value of its own. True when asked."""
        m = _PURPOSE.match(sentence)
        if not m or key_spans(sentence, named=True) or self.in_example():
            return False
        name = m.group("name")
        named = (mentions and mentions[0].start <= len(sentence) - len(sentence.lstrip()) + (4 if sentence.startswith("The ") else 0)
                 and mentions[0].end >= m.end("name")) or re.search(r"\b[A-Z]{2,}s?\b|.\b[A-Z][a-z]+", name) \
            or _KIND_END.search(name)  # a capital that only starts the sentence ("Alias records") names nothing
        if not named or not 1 <= words(name) <= 5 or re.search(r"\b(?:is|are|that|which|it|this|these|they|you|we)\b", name, re.I):
            return False
        rest = re.sub(r"\s*\((?:e\.g|i\.e|such as|like)\b[^()]*\)", "", m.group("rest"))
        answer = _PURPOSE_END.split(rest, maxsplit=1)[0].strip(" ,;")
        if not (2 <= words(answer) <= 12 or words(answer) == 1 and re.search(r"[A-Z]", answer)) or _vague(answer) or re.match(r"(?:this|that|it|them|these)\b", answer, re.I):
            return False
        adj, prep = m.group("adj"), m.group("prep")
        shown = "the " + _lower_first(name) if _KIND_END.search(name) else name
        question = f"What {m.group('verb')} {shown} {adj} {prep}" \
                   + (" do?" if prep == "to" else "?")
        if _gives_away(question, answer):
            return False
        if _norm(subj) not in _norm(name) and not (mentions and mentions[0].end >= m.end("name")):
            question = f"{subj}: {question[0].lower()}{question[1:]}"
        self.add_qa(f"purpose|{_norm(subj)}|{_norm(name)}", subj, question, answer[:1].upper() + answer[1:], where, ids)
        self.used += 1
        return True

    def recommended(self, sentence: str, subj: str, ids: tuple[str, ...], where: Location) -> bool:
        """"Authentication options:" then "- IAM access control - recommended", or "Retry logic" then "Exponential
        backoff is recommended.": the option the notes mark as the recommended one under a label is asked — "Amazon
        MSK — authentication options: which is recommended?" → "IAM access control". One per label and subject."""
        m = _RECOMMENDED.match(sentence)
        label = re.sub(r"\s*\([^()]*\)", "", self.state.label or "").strip(" :")
        if not m or not label or words(label) > 6 or self.low_value_section():
            return False
        item = re.sub(r"\s*\([^()]*\)", "", m.group("item")).strip(" ,;:-–—")
        if not 1 <= words(item) <= 6 or re.match(r"(?:it|this|that|these|they|using|use)\b", item, re.I) \
                or re.search(r"[.;!?]", item):
            return False
        key = f"recommended|{_norm(subj)}|{_norm(label)}"
        if key in self.keys:
            # two options marked under one label: the question would have two answers — neither is asked
            for f in [f for f in self.facts if f.key == key]:
                self.facts.remove(f)
                self.used -= 1
                self.skip(f.where, Reason.SEVERAL_RECOMMENDED, f.answer)
            self.skip(where, Reason.SEVERAL_RECOMMENDED, sentence)
            return True
        topic = _lower_words(label)
        question = f"{topic[:1].upper()}{topic[1:]}: which is recommended?" if not subj or _norm(subj) in _norm(label) \
            else f"{subj} — {topic}: which is recommended?"
        if _gives_away(question, item):
            return False
        self.add_qa(key, subj or label, question, item[:1].upper() + item[1:], where, ids)
        self.used += 1
        return True

    def enables(self, sentence: str, subj: str, ids: tuple[str, ...], mentions, where: Location) -> bool:
        """"S3 Select enables applications to retrieve only a subset of an object with SQL": what a named feature
        lets someone do is asked — "What does S3 Select enable applications to do?" — when the sentence holds no
        number or other key value of its own. The name must be a service, or the heading the sentence sits under
        (the feature the section is about), not a capital that only starts the sentence. True when asked."""
        m = _ENABLES.match(sentence) or _ENABLES_ELIDED.match(sentence)
        if not m or key_spans(sentence, named=True) or self.in_example():
            return False
        near = _short_heading(_unnumber(self.state.frames[-1].text)).rstrip(":").strip() if self.state.frames else ""
        elided = m.re is _ENABLES_ELIDED
        if elided:
            # "7. Data Sharing and Collaboration" then "Enables secure data sharing across accounts …": the label
            # (or the heading) the line sits under names what enables it
            name = _unnumber(self.state.label or near).strip(" :")
            if not name or words(name) > 6 or GENERIC_HEADING.match(name) or LOW_VALUE_SECTION.search(name) \
                    or LIST_LABELS.match(name) or ATTRIBUTE_TERMS.match(name) or re.search(r"[?.,;]", name) \
                    or self.low_value_section():
                return False
        else:
            name = m.group("name").strip()
        exact = self.catalog.exact(name)
        if not elided and not (exact or _norm(name) == _norm(near) and re.search(r"\b[A-Z]{2,}|.\b[A-Z]", name)) \
                or re.search(r"\b(?:it|this|that|these|they|which)\b", name, re.I):
            return False
        answer = _PURPOSE_END.split(m.group("rest"), maxsplit=1)[0]
        answer = re.sub(r"^(?:to|for)\s+", "", re.split(r",\s+\w+ing\b", answer)[0].strip(" ,;."), flags=re.I)
        if not 3 <= words(answer) <= 14 or _vague(answer) or re.match(r"(?:this|that|it)\b", answer, re.I) \
                or re.search(r"\b(?:such|these|those|them|above|below)\b", answer, re.I):  # "handle such scenarios"
            return False
        verb, who = m.group("verb").lower(), (m.group("who") or "").strip()
        base = {"enables": "enable", "allows": "allow", "lets": "let", "helps": "help"}[verb]
        question = f"What does {name} {base} {who} to do?" if who else f"What does {name} {base}?"
        if verb == "lets" and who:
            question = f"What does {name} let {who} do?"
        if not who and (m.group("to") or re.match(r"[\w-]+(?:\s+[\w-]+)?\s+to\s", m.group("rest"))
                        or verb == "lets" or elided and re.search(r"\bto\s+(?!the\b|a\b|an\b)[a-z]+\b", answer)) \
                or _open_list(answer) or re.search(r",", answer) and words(answer) <= 5:
            return False  # "X allows to …", "X allows analysts to …": who is let is not one the question can name
        if elided and (_norm(name) in _norm(subj) or _norm(subj) in _norm(name)):
            question = question.replace(f"What does {name} ", f"What does {subj} ")  # "EventBridge" under Amazon EventBridge
        elif elided:
            if re.search(r"\b(?:this|these|those)\b", subj, re.I) or words(subj) > 6:
                return False
            question = f"{subj} — {_lower_words(name)}: " + question.replace(f"What does {name} ", "what does it ")
        if _gives_away(question, answer):
            return False
        self.add_qa(f"enables|{_norm(subj)}|{_norm(name)}", exact.name if exact else name, question,
                    answer[:1].upper() + answer[1:], where, (exact.id,) if exact else ids)
        self.used += 1
        return True

    def cjk_purpose(self, sentence: str, subj: str, ids: tuple[str, ...], where: Location) -> bool:
        """"Redshiftのマテリアライズドビューを利用することで、事前に計算された結果を保存し、…できる。": what using a named
        feature does is asked — "Amazon Redshift: what does Redshiftのマテリアライズドビュー do?". Not for the thing
        the heading already defines (its definition is the card). True when asked."""
        m = _CJK_PURPOSE.match(sentence.strip())
        if m is None:
            return False
        name, answer = m.group("name").strip(), m.group("rest").strip(" 、")
        fold = lambda t: re.sub(r"\s+", "", t).lower()  # _norm keeps Latin letters only
        heading = self.state.frames[-1].text if self.state.frames else ""
        if re.match(r"^(これ|それ|この|その|あの|ここ)", name) or not re.search(r"[A-Za-z]{2,}|[\u30a0-\u30ff]{3,}", name) \
                or fold(name) in fold(heading) or fold(name) == fold(subj) or _norm(name) in self._terms:
            return False
        if len(answer) > MAX_CJK_ANSWER:
            answer = _first_cjk_clause(answer + "、") or ""
        if len(answer) < 8:
            return False
        self.add_qa(f"purpose|{_norm(subj)}|{_norm(name)}", subj, f"{subj}: what does {name} do?", answer, where, ids)
        self.used += 1
        return True

    def cjk_members(self, sentence: str, subj: str, ids: tuple[str, ...], where: Location) -> bool:
        """What a Japanese sentence says a thing is made of or has: "クラスターはEC2インスタンスの集合で、…" /
        "XはA、B、Cで構成される" → "Amazon EMR: クラスターは何で構成される？" → "EC2インスタンスの集合"; "ノードタイプ
        には、A、B、Cがある" → "Amazon EMR: ノードタイプの種類は？" → "A、B、C" (two to five short members). True when asked."""
        if not subj:
            return False
        fold = lambda t: re.sub(r"\s+", "", t).lower()
        found = []
        m = _CJK_MADE_OF.search(sentence)
        if m and not re.match(r"^(これ|それ|この|その|あの|ここ|各)", m.group("x")) and fold(m.group("x")) != fold(subj):
            answer = m.group("y").strip(" 、") + ("の集合" if m.group("how") == "の集合" else "")
            if 4 <= len(answer) <= 40:
                found.append((m.group("x").strip(), f"{m.group('x').strip()}は何で構成される？", answer))
        starts = [0] + [k + 1 for k, ch in enumerate(sentence) if ch == "、"]
        for m in filter(None, (_CJK_HAS_MEMBERS.match(sentence, k) for k in starts)):
            items = [x.strip() for x in m.group("items").split("、")]
            if re.match(r"^(これ|それ|この|その|あの|ここ|各)", m.group("x")) or not 2 <= len(items) <= 5 \
                    or any(not 1 <= len(x) <= 20 or re.search(r"[はがをにでも]$|が|と呼ば|あり|され|する", x) for x in items):
                continue
            found.append((m.group("x").strip(), f"{m.group('x').strip()}には何がある？", "、".join(items)))
            break
        for name, question, answer in found:
            self.add_qa(f"members|{_norm(subj)}|{fold(name)}", subj, f"{subj}: {question}", answer, where, ids)
            self.used += 1
        return bool(found)

    def denial_given_away(self, hidden: str) -> bool:
        """A denied state ("[is not suited]") under a heading or label that already says no ("Anti-patterns",
        "Cons", "Limitations"): the context line answers it."""
        return bool(re.match(r"(?:is|are)\s+not\b|(?:isn't|aren't)\b", hidden, re.I)) and any(
            _NEGATIVE_SECTION.search(x) for x in self.headings() + (self.state.label or "",))

    def in_example(self) -> bool:
        """The nearest heading or label introduces examples, a scenario or a list of use cases (its lines
        illustrate); "Choose the right scheduler for your use case" does not."""
        labels = [f.text for f in self.state.frames[-1:]] + [self.state.label]
        return not self.general and any(re.search(r"\b(examples?|scenarios?|sample|case stud)|^(?:common |typical |example )?use cases?\b",
                             x, re.I) for x in labels)

    def service_choice(self, sentence: str) -> tuple[int, int] | None:
        """"Use EventBridge for simple cron-like schedules": which service a purpose calls for is an exam's
        question; the span of the one service named, before a purpose of four words or more. Not in an
        example or scenario, not a service so common that naming it asks nothing."""
        m = re.match(r"^(?:Use|Choose|Pick|Prefer)\s+", sentence)
        # "If a transfer takes more than a week, use Snowball": the condition before the name is its purpose
        cond = None if m else re.match(r"^(?:If|When|Whenever)\s+([^,;:]+?),\s*(?:then\s+)?(?:use|choose|pick|prefer)\s+(?:an?\s+|the\s+)?",
                                       sentence)
        m = m or cond
        if not m:
            return None
        found = self.catalog.mentions(sentence)
        if cond:
            found = [f for f in found if f.start >= m.end()]
        if not found or found[0].start != m.end() or found[0].service.id in GENERIC_SERVICES \
                or any(f.service.id == found[0].service.id for f in found[1:]):
            return None
        purpose = cond if cond else re.match(r"\s+(?:for|to|when|if)\s+(.+?)\.?$", sentence[found[0].end:])
        if not purpose or words(purpose.group(1)) < 4:
            return None
        if self.in_example():
            return None
        return found[0].start, found[0].end

    def feature_tip(self, sentence: str, subject: tuple[str, tuple[str, ...]] | None) -> tuple[int, int] | None:
        """"Use S3 byte-range fetches to speed up downloads": which named feature serves a purpose is the fact —
        the span of the feature's name (after a service name that leads it, which stays shown). The name must be
        a name (a capitalised word or an acronym in it, not "a columnar datatype"), the purpose four words or
        more; only under a service, never in an example or scenario."""
        m = re.match(r"^(?:Use|Enable)\s+(?:the\s+)?((?:[\w/-]+\s+){0,3}?[\w/-]+)\s+to\s+(\S.+?)\.?$", sentence)
        if not m or words(m.group(2)) < 4 or not (subject or self.subject_is_service()) or self.in_example():
            return None
        start, end = m.span(1)
        found = self.catalog.mentions(sentence[start:end])
        if found and found[0].start == 0:
            start += found[0].end
            start += len(sentence[start:end]) - len(sentence[start:end].lstrip())
        if len(found) > (1 if found and found[0].start == 0 else 0) or end - start < 3:
            return None  # a service is the answer: ``service_choice`` asks it
        name = sentence[start:end]
        if re.match(r"(?:an?|the|your|its|their|this|that|it|them|one|some|any|more|less|only)\b", name, re.I) \
                or _STUDY_ADVICE.match(name) or re.match(r"(?:help|do|make it|get)\b", m.group(2), re.I):
            return None
        return start, end

    def named_tip(self, sentence: str, subject: tuple[str, tuple[str, ...]] | None) -> tuple[int, int] | None:
        """An imperative tip that names what to use: "Use columnar formats like Parquet or ORC" under a service
        → the names are the fact (their span). Only under a service, never in an example or scenario."""
        if not (IMPERATIVE.match(sentence) or ADVICE.match(sentence)) or not (subject or self.subject_is_service()):
            return None
        if self.in_example():
            return None
        span = named_examples(sentence)
        if span is None or self.catalog.mentions(sentence[span[0]:span[1]]):
            return None  # a service in the list: the service rules ask it
        return span

    def _sentence(self, sentence: str, where: Location, subject: tuple[str, tuple[str, ...]] | None = None) -> None:
        sentence = _drop_connective(re.sub(r":$", ".", sentence.strip()))
        if is_chatter(sentence):
            self.skip(where, Reason.CHATTER, sentence)
            return
        tip = self.named_tip(sentence, subject) or self.service_choice(sentence) or self.feature_tip(sentence, subject)
        ruled = self.step_precedence(sentence, subject)
        if ruled:
            sentence = ruled
        elif self.low_value_section() and not self.value_in_low_section(sentence) and not tip:
            self.skip(where, Reason.LOW_VALUE_SECTION, sentence)
            return
        if len(self._said) == 2 and self._said[-1].lstrip().startswith(sentence[:12]):
            sentence = carried_subject(sentence, self._said[0])  # "Use multipart upload to …" / "Should be used …"
        if self.state.frames:  # "Kinesis stores …" in a section about Kinesis Data Streams only: say which member
            sentence = self.catalog.narrowed(sentence, self.state.frames[-1].section)
        subj, ids = subject or self.subject()
        if subj and self.recommended(sentence, subj, ids, where):
            return  # (before the sentence's own first name takes over: "IAM access control - recommended")
        mentions = self.catalog.mentions(sentence)
        if mentions and mentions[0].start == 0 and mentions[0].service.id not in ids and not subject:
            subj, ids = mentions[0].service.name, (mentions[0].service.id,)
        if not subj and not mentions:
            self.skip(where, Reason.NO_SUBJECT, sentence)
            return
        if not subj:
            if not subject and self.state.item_label and mentions[0].start > 0 and self.scoped_subject() is None:
                # "work around peering limits" then "- proxy at the instance level from one VPC to another": the
                # line goes on about its parent's statement, not about the service it happens to mention
                self.skip(where, Reason.STATEMENT_PARENT, sentence)
                return
            subj, ids = mentions[0].service.name, (mentions[0].service.id,)
        elif not subject and self.state.item_label and not (mentions and mentions[0].start == 0):
            scoped = self.scoped_subject()
            if scoped is None:
                self.skip(where, Reason.STATEMENT_PARENT, sentence)
                return
            subj, ids = scoped
        # "X means that …" defines X.
        m = re.match(r"^(.{2,60}?)\s+(?:means|refers to|is defined as)\s+(?:that\s+)?(.+?)\.?$", sentence)
        if m and 2 <= words(m.group(1)) <= 6 and not re.match(r"^(it|this|that|which)$|^(more|less|higher|lower|larger|smaller|"
                                                          r"fewer|bigger)\b", m.group(1), re.I):
            answer = strip_end(trim_clause(m.group(2)))
            if not _specific(answer, self.catalog):
                # "At most once means that a message will never be delivered more than once": the name says it
                self.skip(where, Reason.GENERIC_DEFINITION, sentence)
                return
            if words(answer) <= MAX_HIDDEN + 4:
                name = m.group(1)
                self.add_qa(f"def|{_norm(name)}", name, f"What does {name} mean?", answer[:1].upper() + answer[1:],
                            where, ids)
                self.used += 1
                return
        # "X defines how many times …" / "X determines whether …": what X decides is the fact.
        m = _DECIDES.match(sentence)
        if m and 2 <= words(m.group(1)) <= 7 and not re.match(r"^(it|this|that|which|these|they)\b", m.group(1), re.I) \
                and words(m.group(3)) <= MAX_HIDDEN + 4 and m.group(1).count("(") == m.group(1).count(")"):
            name, verb = re.sub(r"^The\b", "the", m.group(1)), re.sub(r"e?s$", "", m.group(2).lower())
            verb = {"decid": "decide", "determin": "determine", "defin": "define", "control": "control"}.get(verb, verb)
            own = _norm(subj) in _norm(name) or not subj
            question = f"What does {name} {verb}?" if own else f"{subj}: what does {name} {verb}?"
            self.add_qa(f"decides|{_norm(name)}", name, question, strip_end(m.group(3)), where, ids)
            self.used += 1
            return
        # "X is a …" defines X.
        m = re.match(r"^(?:The\s+)?(.{2,60}?)\s+(?:is|are)\s+(an?|the)\s+(.+?)\.?$", sentence)
        if m and words(m.group(1)) <= 7 and not re.match(r"^(it|this|that|there|these|they|which)$", m.group(1), re.I) \
                and m.group(1).count("(") == m.group(1).count(")"):  # "X(Y is the old name)": "is" within brackets
            defined = m.group(1)
            svc = self.catalog.exact(defined)
            if svc or _norm(defined) == _norm(subj) or (mentions and mentions[0].start == 0 and words(defined) <= 5):
                answer = _drop_uncounted(trim_clause(f"{m.group(2)} {m.group(3)}"))
                if words(answer) <= MAX_HIDDEN + 4:
                    name = svc.name if svc else defined
                    self.add_qa(f"def|{_norm(name)}", name, f"What is {name}?", strip_end(answer), where,
                                (svc.id,) if svc else ids)
                    self.used += 1
                    return
        if self.purpose(sentence, subj, ids, mentions, where) or self.enables(sentence, subj, ids, mentions, where) \
                or self.cjk_purpose(sentence, subj, ids, where) \
                or (_KANA.search(sentence) and self.cjk_members(sentence, subj, ids, where)):
            return
        if words(sentence) > MAX_SENTENCE:
            self.skip(where, Reason.SENTENCE_TOO_LONG, sentence)
            return
        m = _USED_WHEN.match(sentence)
        named = self.catalog.by_id[ids[0]].name if ids and ids[0] in self.catalog.by_id else ""
        if m and subject is None and self.state.item_label and words(m.group(1)) <= MAX_HIDDEN + 4 \
                and named and _norm(subj).startswith(_norm(named)) and (words(self.state.label) >= 2 or subj == named):
            # a part named in two words or more ("Hardware Appliance"); a lone "Asynchronous" wants the noun it qualifies
            # "Hardware Appliance" › "Used if your site has no virtualization": when the named thing is the pick
            self.add_qa(f"usedwhen|{_norm(subj)}", subj, f"{subj}: when is it used?",
                        strip_end(m.group(1)[:1].upper() + m.group(1)[1:]), where, ids)
            self.used += 1
            return
        if ADVICE.match(sentence) and not tip:
            self.skip(where, Reason.ADVICE, sentence)
            return
        resolved = self.resolve_this(sentence)
        if resolved:
            sentence = resolved
        if re.match(r"^(these|this|they|those|such|that|both|either|the latter|the former)\b", sentence, re.I) \
                or re.match(r"^(?:\S+\s+){0,3}(?:this|these|those|such)\s+\w+", sentence, re.I) \
                or re.search(r"\b(?:use|choose|pick|select|prefer|apply|enable|try)\s+(?:this|that|these|those|it|them)"
                             r"(?:\s+(?:one|option|style|mode|approach|instead))?\s*[.!]?$", sentence, re.I) \
                or re.search(r"\b(?:these|those)\s+(?:services?|options?|features?|ones|tools|methods|steps)\b",
                             sentence, re.I):
            self.skip(where, Reason.REFERS_BACK, sentence)
            return
        if protocol_line(sentence):
            # "NFS and SMB (with AD auth)" under "S3 File Gateway": the protocols the thing speaks are the blank
            said = [f for f in self.facts if isinstance(f, ClozeFact) and f.subject == subj and f.key.startswith(
                "prose|") and re.search(r"protocols?: $", "".join(x.text for x in f.segments[:2]))]
            split = self.__dict__.setdefault("_protocol_split", set())  # subjects with protocols on several lines
            if said or subj in split:  # "HTTP", then "HTTPS", one per line: neither is the answer (one front, two backs)
                split.add(subj)
                self.facts = [f for f in self.facts if f not in said]
                self.used -= len(said)
                for f in said:
                    self.skip(f.where, Reason.PROTOCOL_PER_LINE, "".join(x.text for x in f.segments))
                self.skip(where, Reason.PROTOCOL_PER_LINE, sentence)
                return
            listed = re.search(r",|/|&|\band\b|\bor\b", re.sub(r"\([^()]*\)", "", sentence))
            plain = re.sub("[\ue000\ue001]", "", sentence).strip().rstrip(".!")  # highlight marks
            sentence = f"{'protocols' if listed else 'protocol'}: {plain}"
        related = (subject is not None or self.subject_is_service()) and not IMPERATIVE.match(sentence)
        spans = key_spans(sentence, subject_ids=self.related(ids), mentions=mentions if related else None, named=True)
        if tip and not spans:
            spans = [tip]
        if not spans and _NAMED_VALUES.search(sentence):
            spans = [_NAMED_VALUES.search(sentence).span("list")]  # the list is the blank (below)
        if not spans:
            if relative_claim(sentence):
                self.skip(where, Reason.RELATIVE_CLAIM,
                          sentence)
                return
            if expected_manner(sentence):
                self.skip(where, Reason.IMPLIED_BLANK, sentence)
                return
            self.skip(where, Reason.NO_KEY_VALUE_IN_SENTENCE, sentence)
            return
        if tip and spans == [tip] and not named_examples(sentence):
            pass  # "Use [EventBridge] for cron-like schedules": the service is the answer, the purpose stays shown
        elif tip and spans == [tip]:
            # The names close the sentence and are what the tip says to use, not an example of it:
            # "formats like Parquet or ORC" is asked as "formats: [Parquet or ORC]".
            cue = re.search(r",?\s+(?:like|such as|e\.g\.,?|including)\s+$", sentence[:tip[0]], re.I)
            if cue:
                sentence = f"{sentence[:cue.start()]}: {sentence[tip[0]:]}"
                spans = [(cue.start() + 2, cue.start() + 2 + tip[1] - tip[0])]
        else:
            sentence = trim_clause(sentence, keep_until=spans[-1][1])
            sentence = _resolve_it(sentence, subj)
            spans = key_spans(sentence, subject_ids=self.related(ids),
                              mentions=self.catalog.mentions(sentence) if related else None, named=True)
        named_list = _NAMED_VALUES.search(sentence)
        if named_list and (not spans or any(s >= named_list.start("list") for s, _ in spans)) and 2 <= len(_value_items(
                named_list.group("list"))) <= 3 and not re.search(r"\betc\b|\.\.\.|…", named_list.group("list")):
            # "scales on metrics such as [YARN] memory, CPU utilization, or custom metrics": the metrics are the fact,
            # not examples of it — the whole short list is the blank, after a colon ("metrics: […]")
            sentence = f"{sentence[:named_list.end('kind')]}: {named_list.group('list')}{sentence[named_list.end('list'):]}"
            start = named_list.end("kind") + 2
            spans = [(start, start + len(named_list.group("list")))]
        if not spans:
            self.skip(where, Reason.NO_KEY_VALUE, sentence)
            return
        hidden = " ".join(sentence[s:e] for s, e in spans)
        shown = "".join(ch for i, ch in enumerate(sentence) if not any(s <= i < e for s, e in spans))
        # a time unit's word gives no number away: "secondary" beside "[1 second]"
        core = re.sub(r"(?<=\d)\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", "", hidden)
        core = re.sub(r"^an?\s+(single)\b.*", r"\1", core, flags=re.I)  # "[a single AZ]" asks one or many
        if _gives_away(f"{shown} {subj}", core) and not (_IDENTIFIER.fullmatch(core) and _CODE_SETTING_AFTER.match(
                sentence[spans[-1][1]:])) or (re.fullmatch(r"(?:an?\s+)?(?:single|multiple)\b.*", hidden, re.I) and re.search(
                r"\b(?:one|single|multi)[- ]?(?:zone|AZ|region|instance)|\b(?:shared?|different)\b", f"{shown} {subj}", re.I)):
            self.skip(where, Reason.SENTENCE_GIVES_WORDS, sentence)
            return
        if self.denial_given_away(hidden):
            self.skip(where, Reason.NO_HEADING_ANSWER, sentence)
            return
        hidden_ids = {sv.id for s, e in spans for sv in [self.catalog.exact(sentence[s:e])] if sv}
        if any(_name_leaks(self.catalog.by_id[i], shown) for i in hidden_ids):
            self.skip(where, Reason.SENTENCE_GIVES_SERVICE, sentence)
            return
        spans = [(s, e) for s, e in spans if not self.heading_says(sentence[s:e])]
        if not spans:
            self.skip(where, Reason.HEADING_GIVES_WORDS, sentence)
            return
        hidden_ids = {sv.id for s, e in spans for sv in [self.catalog.exact(sentence[s:e])] if sv}
        confusable = bool(hidden_ids & self.related(ids))
        prefix = "" if confusable or _mentions_subject(self.catalog, sentence, subj, ids) else f"{subj} — "
        if not prefix and _SUBJECTLESS.match(sentence):
            # "will need a NAT gateway … or VPC endpoint for [ECS]": the line leaves out whose fact it is, and the
            # service it mentions later is not it; the heading's service is, when one heading names it
            named = subj if subject else self.subjectless_owner(subj, ids)
            if named is None or any(named[1][:1] == (i,) for i in hidden_ids):
                self.skip(where, Reason.SUBJECTLESS_LINE, sentence)
                return
            subj, ids = named
            prefix = f"{subj} — "
        self.add_cloze(f"prose|{self.section_key()}|{_norm(subj)}", subj, prefix, sentence, spans, where,
                       self.context(), ids, same=paired(sentence, spans))
        self.used += 1

    # ------------------------------------------------------------ tables

    def table(self, t: Table) -> None:
        self.state.label = ""
        self.state.line_subject = None
        self._table_comparisons = 0
        if self.layout_table(t):
            return
        t = self.drop_translations(t)
        if not t.header:
            return
        header = [c.text for c in t.header]
        ncols = len(header)
        rows = [r for r in t.rows if any(c.text for c in r)]
        entities = ncols - 1 if _norm_header(header[0]) in ATTRIBUTE_HEADERS else len(rows)
        if entities > MAX_TABLE_ENTITIES:
            self.warn(t.where, f"this table compares {entities} entities; a learner tells apart at most "
                               f"{MAX_COMPARE_ENTITIES} at once — only pairs of confusable ones are compared "
                               f"(at most {MAX_TABLE_COMPARISONS} per table); split it by what is confused with what")
        if ncols < 2 or not rows:
            self.warn(t.where, "a table needs a header row and at least two columns — nothing was taken from it")
            self.skip_table(t, Reason.TABLE_WITHOUT_HEADER)
            return
        for r in t.rows:
            if len(r) != ncols:
                self.warn(r[0].where if r else t.where, f"row has {len(r)} cells, the header has {ncols}")
        h0 = _norm_header(header[0])
        subject, subject_ids = self.subject()
        data_header = self.header_is_data(header)
        if data_header:
            entities, heading = data_header
            self.warn(t.where, f"the header row looks like data: the columns are {', '.join(entities)} "
                               f"(named in the heading {heading!r}) — add a header row naming them")
            all_rows = [t.header, *rows]
            self.entity_columns(entities, all_rows, t)
        elif h0 in ATTRIBUTE_HEADERS:
            value_cols = header[1:]
            if len(value_cols) == 1 or all(VALUE_HEADERS.match(h) or h.lower().startswith("impact") for h in value_cols):
                self.key_value(subject, subject_ids, header, rows, t)
            else:
                self.entity_columns(value_cols, rows, t)
        else:
            self.entity_rows(header, rows, t)

    def layout_table(self, t: Table) -> bool:
        """A table used for layout (a picture beside a text cell, a single row): its text is prose."""
        cells = [*t.header, *(c for r in t.rows for c in r)]
        texts = [c for c in cells if c.text.strip()]
        pictures = any(c.images for c in cells)
        if not texts or not (pictures and len(t.rows) <= 2 or not t.rows):
            return False
        for c in texts:
            self.paragraph(Paragraph(tuple(Line(x.strip(), c.where) for x in c.text.split("\n") if x.strip())))
        return True

    def drop_translations(self, t: Table) -> Table:
        """A column headed by a language ("中文", "English") repeats another column: it is not an attribute."""
        drop = [j for j, c in enumerate(t.header) if j and _norm_header(c.text).strip("() ") in LANGUAGES]
        if not drop:
            return t
        if len(t.header) - len(drop) < 2:
            drop = list(range(len(t.header)))  # "English | 中文": a glossary, each row one term twice
        for r in t.rows:
            for j in drop:
                if j < len(r) and r[j].text:
                    self.skip(r[j].where, Reason.TRANSLATION_COLUMN, r[j].text)
        keep = lambda cells: tuple(c for j, c in enumerate(cells) if j not in drop)
        return dataclasses.replace(t, header=keep(t.header), rows=tuple(keep(r) for r in t.rows))

    def header_is_data(self, header: list[str]) -> tuple[list[str], str] | None:
        """A table whose header cells are values: its entities are named in an enclosing heading."""
        cols = header[1:]
        if any(self.catalog.exact(c) for c in cols):
            return None
        if _norm_header(header[0]) in ATTRIBUTE_HEADERS - {"feature", "aspect"}:
            return None
        for f in reversed(self.state.frames):
            names = [m for m in self.catalog.mentions(f.text)]
            ids = list(dict.fromkeys(m.service.id for m in names))
            if len(ids) == len(cols) and len(cols) >= 2:
                if any(self.catalog.ids(c) and set(self.catalog.ids(c)) & set(ids) and self.catalog.exact(c) for c in cols):
                    return None
                return [self.catalog.by_id[i].name for i in ids], f.text
        return None

    def entity_name(self, text: str) -> tuple[str, tuple[str, ...]]:
        text = text.strip()
        svc = self.catalog.exact(text)
        if svc:
            return svc.name, (svc.id,)
        return text, self.catalog.ids(text)

    def entity_names(self, cells: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        """Entities as the table names them; the catalog's name where it is unambiguous in this table."""
        found = [self.entity_name(c) for c in cells]
        ids = [f[1][0] if f[1] else "" for f in found]
        out = []
        for cell, (name, fid), sid in zip(cells, found, ids):
            if sid and ids.count(sid) > 1:
                out.append((re.sub(r"\s+", " ", cell.strip().strip("*").strip()), fid))
            else:
                out.append((name, fid))
        return out

    def entity_columns(self, entity_cells: list[str], rows, t: Table) -> None:
        entities = self.entity_names(entity_cells)
        if 2 <= len(entities) <= 3:
            # A comparison table is about its entities, whatever heading it happens to sit under.
            self._table_context = f"{self.note.title} › " + " vs ".join(e for e, _ in entities)
        try:
            self._entity_columns(entities, rows)
        finally:
            self._table_context = ""

    def concept_row(self, header: list[str], term: str, ids: tuple[str, ...], row, probe: bool = False) -> bool:
        """A row of a term–definition table under a service ("| Concept | Description |" under Amazon Redshift,
        "| Zone Maps | Skip scanning blocks … |"): the definition is the fact — "Amazon Redshift: what does Zone
        Maps do?". True when the row was handled (carded or skipped with a reason)."""
        practice = bool(PRACTICE_HEADERS.match(_norm_header(header[1])))
        if len(header) != 2 or len(row) < 2 or ids or not (VALUE_HEADERS.match(_norm_header(header[1])) or practice) \
                or not self.subject_is_service() or self.low_value_section() \
                or re.search(r"\b(benefits?|advantages?|pros?|cons?|why|reasons?|tips?|practices?)\b", header[0], re.I):
            return False
        term = _unsymbol(term).strip()
        if not term or _marketing(term) or re.search(r"[+&]", term) or words(term) > MAX_TERM_WORDS:
            return False
        subject, subject_ids = self.frame_subject() or self.subject()
        if subject_ids and subject_ids[0] in self.catalog.by_id:
            subject = self.catalog.by_id[subject_ids[0]].name  # "Amazon Redshift", not "Redshift Core Concepts"
        cell = row[1]
        text = _drop_hedge(_unsymbol(cell.text.strip()))
        sents = sentences(text)
        if len(sents) != 1 or key_spans(text) or _is_empty(text) or RATING.match(text) or is_chatter(text):
            return False  # a number or several facts: the cell rules hide the key values
        answer = strip_end(trim_clause(sents[0]))
        verb = _verb_first(answer) or bool(IMPERATIVE.match(answer) or ADVICE.match(answer) or _DOES.match(answer))
        plural = re.search(r"[^s]s$", term.split(" (")[0]) and not re.search(r"(ss|us|is)$", term)
        if ATTRIBUTE_TERMS.match(term) or re.fullmatch(r"(?i)encryption|authentication|authori[sz]ation|logging|"
                                                        r"monitoring|backups?|auditing|replication", term):
            question = f"{subject} — {_lower_words(term)}?"  # an attribute of the service, not a thing defined
        elif practice and ADVICE.match(answer):
            if IMPERATIVE.match(term) or ADVICE.match(term):
                return False  # "Use SELECT LIMIT" → "Avoid scanning …": a tip under a tip, no term to ask about
            question = f"{subject}: how is {term} best used?"  # "Use it for dashboards …"
        elif verb:
            question = f"{subject}: what {'do' if plural else 'does'} {term} do?"
        else:
            question = f"{subject}: what {'are' if plural else 'is'} {term}?"
        reason = (Reason.DEFINITION_TOO_LONG if words(answer) > MAX_ANSWER else
                  Reason.LIST_TO_RECITE if _long_list(answer) or _open_list(answer) else
                  Reason.VAGUE_WORDING if _vague(answer, question) else
                  Reason.CIRCULAR_DEFINITION if _circular(term, answer) else
                  Reason.QUESTION_GIVES_ANSWER if _gives_away(question, answer) else None)
        if probe:
            return True  # only asked whether the row is a term–definition row (nothing recorded)
        if reason:
            self.skip(cell.where, reason, cell.text)
            return True
        self.add_qa(f"term|{_norm(subject)}|{_norm(term)}", subject, question, answer[:1].upper() + answer[1:],
                    cell.where, subject_ids)
        self.used += 1
        return True

    def _entity_columns(self, entities, rows) -> None:
        own = [[r[k].text for r in rows if k < len(r) and _attribute(r[0].text)] for k in range(1, len(entities) + 1)]
        for row in rows:
            attribute = _attribute(row[0].text)
            if not attribute:
                for c in row[1:]:
                    if c.text:
                        self.skip(c.where, Reason.ROW_WITHOUT_ATTRIBUTE, c.text)
                continue
            majority = _majority_yes_no([c.text for c in row[1:]]) if len(entities) >= 4 else None
            line_reason = _line_reason([c.text for c in row[1:len(entities) + 1]])
            common = _common_value([c.text for c in row[1:len(entities) + 1]])
            generic_row = line_reason is Reason.GENERIC_SECURITY_ROW
            compared = None if generic_row else self.compare(
                attribute, [(e, c.text, ids) for (e, ids), c in zip(entities, row[1:])], row[0].where)
            for (entity, ids), cell in zip(entities, row[1:]):
                if _yes_no(cell.text) and entity in self._compared:
                    self.skip(cell.where, Reason.YES_NO_ASKED_BY_COMPARISON, cell.text)
                elif majority and _yes_no(_unsymbol(cell.text)) == majority \
                        and self.qualified_yes_no(entity, ids, attribute, cell):
                    pass
                elif majority and _yes_no(cell.text) == majority:
                    self.skip(cell.where, Reason.COMMON_YES_NO_OF_ROW, cell.text)
                elif cell.text and line_reason and (generic_row or _norm(_unsymbol(cell.text)) == common):
                    self.skip(cell.where, line_reason, cell.text)
                elif self.stack(entity) and cell.text:
                    self.skip(cell.where, Reason.SERVICE_STACK, cell.text)
                elif self.catalog.exact(_unsymbol(cell.text)) \
                        and _said_elsewhere(cell.text, own[entities.index((entity, ids))]):
                    self.skip(cell.where, Reason.SAID_BY_OWN_ENTITY, cell.text)
                elif _names_repeated(cell.text, own[entities.index((entity, ids))]):
                    self.skip(cell.where, Reason.SAID_BY_OWN_ENTITY, cell.text)
                elif compared and entity in self._compared and not key_spans(cell.text):
                    self.skip(cell.where, Reason.ASKED_BY_ROW_COMPARISON, cell.text)
                    self.used += 1
                elif not any(i for _, i in entities) and self.service_examples(entity, attribute, cell):
                    pass
                elif not any(i for _, i in entities) and not re.search(r"\d", cell.text):
                    self.skip(cell.where, Reason.CONCEPT_CELL_VAGUE,
                              cell.text)
                else:
                    self.cell(entity, ids, attribute, cell)
            for c in row[len(entities) + 1:]:
                if c.text:
                    self.skip(c.where, Reason.CELL_BEYOND_HEADER, c.text)

    def yes_no_noted(self, entity: str, ids: tuple[str, ...], attributes: list[str], row, pair) -> tuple:
        """A bare yes/no cell with a short note beside it ("| CSV | ❌ No | Uncompressed, largest scan volume |"):
        one question, the note kept as the answer's reason ("Amazon Athena — CSV: optimized?" → "No —
        uncompressed, largest scan volume"). Returns the cells used."""
        j, k = pair
        if k + 1 >= len(row) or j + 1 >= len(row):
            return ()
        yn, note = row[j + 1], row[k + 1]
        answer = _yes_no(_unsymbol(yn.text.strip()))
        text = _drop_hedge(_unsymbol(note.text.strip()))
        if not answer or not re.fullmatch(r"(?i)(yes|no)\.?", _unsymbol(yn.text.strip())) or _is_empty(text) \
                or words(text) > 10 or len(sentences(text)) != 1 or _weak_value(text, entity) \
                or is_chatter(text) or _compound(entity):
            return ()
        attribute = _lower_words(attributes[j]).rstrip("?:")
        subject, subject_ids = self.frame_subject() or self.subject()
        if subject_ids and subject_ids[0] in self.catalog.by_id:
            subject = self.catalog.by_id[subject_ids[0]].name
        if ids or not subject or not subject_ids:
            question, subject, subject_ids = f"{entity} — {attribute}?", entity, ids
        else:
            question = f"{subject} — {entity}: {attribute}?"  # "CSV" is a value of the section's service
        self.add_qa(f"noted|{_norm(subject)}|{_norm(entity)}|{_norm(attribute)}", subject, question,
                    f"{answer.capitalize()} — {_lower_first(strip_end(text))}", yn.where, subject_ids)
        self.skip(note.where, Reason.ROW_YES_NO_REASON, note.text)
        self.used += 1
        return (yn, note)

    def stack(self, entity: str) -> bool:
        """"Lake Formation + Glue + EMR Stack", "AWS Compute Options": several services (or a loose set of
        options) in one column or row name — not one entity a card can ask about. A row name that only joins
        words ("Fast + Scalable") or names examples in an aside ("Log analytics (CloudTrail, ALB)") is not one."""
        bare = re.sub(r"\([^)]*\)", "", entity)
        if re.search(r"\b(?:options|stack|alternatives|choices)\s*$", bare, re.I):
            return True
        parts = [re.sub(r"\s+(?:stack|services?)$", "", x.strip(), flags=re.I)
                 for x in re.split(r"\s+\+\s+|,\s*|\s+&\s+", bare) if x.strip()]
        return len(parts) >= 2 and all(
            self.catalog.exact(x) or (_starts_with_service(self.catalog, x) and words(x) <= 3) for x in parts)

    def qualified_yes_no(self, entity: str, ids: tuple[str, ...], attribute: str, cell) -> bool:
        """"Yes (Bootstrap Actions, Steps)" in a column most of whose cells say yes: the yes tells nothing apart,
        its qualifier does. The yes/no is asked with the qualifier on the back ("Amazon EMR — supports
        scripting?" → "Yes — Bootstrap Actions, Steps"): a blank inside "Yes ( … )" reads as a fragment.
        True when a card was made."""
        text = _drop_reference(_unsymbol(cell.text.strip()))
        m = re.match(r"^(yes|no)\b\s*(?:\((.+)\)|[,:;—–-]\s*(.+))\s*\.?$", text, re.I)
        qualifier = m and (m.group(2) or m.group(3) or "").strip()
        if not qualifier or words(qualifier) > 8 or _weak_value(qualifier, entity) or _vague(qualifier) \
                or _compound(entity) or VAGUE_ATTRIBUTE.match(attribute) or re.search(r"[.;!?]\s+\S", qualifier):
            return False
        asked = _lower_words(attribute).rstrip(" ?:")
        if m.group(1).lower() == "yes":
            # a yes most of the column shares is a given: its qualifier is asked ("AWS Glue — supports
            # scripting: [Python/Scala scripts]"), not a coin toss the entity obviously wins
            note = strip_end(qualifier)
            self.add_cloze(f"cell|{_norm(entity)}|{_norm(attribute)}", entity, f"{entity} — {asked}: ", note,
                           [(0, len(note))], cell.where, self.context(), ids)
            self.used += 1
            return True
        self.add_qa(f"cell|{_norm(entity)}|{_norm(attribute)}", entity, f"{entity} — {asked}?",
                    f"{m.group(1).capitalize()} — {strip_end(qualifier)}", cell.where, ids)
        self.used += 1
        return True

    def service_examples(self, concept: str, attribute: str, cell) -> bool:
        """A concept table's cell that lists one to three AWS services ("| AWS examples | Amazon SNS, Amazon
        EventBridge |" under "Push delivery"): which services are examples of the concept is asked.

        True when a card was made; a cell of prose, or of more services than a learner recalls at once, is not.
        """
        text = _unsymbol(cell.text.strip())
        if not text or re.search(r"[.;:!?]\s*\S", text) or words(attribute) > 4:
            return False
        items = [x.strip() for x in re.split(r",\s*|\s+(?:and|or)\s+", strip_end(text)) if x.strip()]
        if not 1 <= len(items) <= 3:
            return False
        for item in items:
            found = self.catalog.mentions(item)
            if not found or found[0].start != 0 or words(re.sub(r"\([^)]*\)", "", item)) > 5:
                return False
        self.add_qa(f"examples|{_norm(concept)}|{_norm(attribute)}", concept, f"{concept} — {_lower_words(attribute)}?",
                    ", ".join(items), cell.where, self.services_of(text))
        self.used += 1
        return True

    def entity_rows(self, header: list[str], rows, t: Table) -> None:
        attributes = [_attribute(h) for h in header[1:]]
        names = self.entity_names([r[0].text for r in rows])
        entries = []
        majorities = [_majority_yes_no([r[j].text for r in rows if j < len(r)]) if len(rows) >= 4 else None
                      for j in range(1, len(header))]
        columns = [[r[j].text for r in rows if j < len(r) and r[0].text.strip()] for j in range(1, len(header))]
        line_reasons = [_line_reason(c) for c in columns]
        commons = [_common_value(c) for c in columns]
        pair = _yes_no_with_notes(attributes, columns)
        # comparisons first: a cell its column's comparison card asks is not asked again on its own
        for row, (entity, ids) in zip(rows, names):
            if entity and not self.concept_row(header, entity, ids, row, probe=True):
                entries.append((entity, ids, row))
        compared: dict[int, set] = {}
        for j, attribute in enumerate(attributes, 1):
            if attribute and line_reasons[j - 1] is not Reason.GENERIC_SECURITY_ROW:
                values = [(e, row[j].text if j < len(row) else "", ids) for e, ids, row in entries]
                if self.compare(attribute, values, rows[0][0].where if rows else t.where, pairs_only=True):
                    compared[j] = set(self._compared)
        for row, (entity, ids) in zip(rows, names):
            if not entity:
                for c in row[1:]:
                    if c.text:
                        self.skip(c.where, Reason.ROW_WITHOUT_ENTITY, c.text)
                continue
            self.skip(row[0].where, Reason.ROW_NAME, entity)
            if self.concept_row(header, entity, ids, row):
                continue
            done = self.yes_no_noted(entity, ids, attributes, row, pair) if pair else ()
            for j, (attribute, cell, majority, line_reason, common) in enumerate(
                    zip(attributes, row[1:], majorities, line_reasons, commons), 1):
                if cell in done:
                    pass
                elif entity in compared.get(j, ()) and not key_spans(cell.text):
                    self.skip(cell.where, Reason.ASKED_BY_COLUMN_COMPARISON, cell.text)
                    self.used += 1
                elif majority and _yes_no(_unsymbol(cell.text)) == majority \
                        and self.qualified_yes_no(entity, ids, attribute, cell):
                    pass
                elif majority and _yes_no(cell.text) == majority:
                    self.skip(cell.where, Reason.COMMON_YES_NO_OF_COLUMN, cell.text)
                elif cell.text and line_reason and (line_reason is Reason.GENERIC_SECURITY_ROW
                                                    or _norm(_unsymbol(cell.text)) == common):
                    self.skip(cell.where, line_reason.in_column,
                              cell.text)
                elif cell.text and self.stack(entity):
                    self.skip(cell.where, Reason.SERVICE_STACK, cell.text)
                elif self.catalog.exact(_unsymbol(cell.text)) and _said_elsewhere(cell.text, [c.text for c in row[1:]]):
                    self.skip(cell.where, Reason.SAID_BY_OWN_ENTITY, cell.text)
                elif attribute:
                    self.cell(entity, ids, attribute, cell)
                elif cell.text:
                    self.skip(cell.where, Reason.COLUMN_WITHOUT_HEADER, cell.text)

    def key_value(self, subject: str, ids: tuple[str, ...], header: list[str], rows, t: Table) -> None:
        value_headers = header[1:]
        for row in rows:
            attribute = _attribute(row[0].text)
            if not attribute:
                continue
            if _norm(attribute) in self._terms:
                for c in row[1:]:
                    if c.text:
                        self.skip(c.where, Reason.ATTRIBUTE_DEFINED_ABOVE, c.text, repr(attribute))
                continue
            for h, cell in zip(value_headers, row[1:]):
                label = attribute if VALUE_HEADERS.match(h) or len(value_headers) == 1 else f"{attribute} ({_lower_words(_attribute(h))})"
                self.cell(subject, ids, label, cell)

    def cell(self, entity: str, ids: tuple[str, ...], attribute: str, cell) -> None:
        text = _unsymbol(cell.text.strip())
        if _SYMBOL_ONLY.fullmatch(text):
            self.skip(cell.where, Reason.SYMBOL_WITHOUT_LEGEND, text)
            return
        if _is_empty(text):
            if text:
                self.skip(cell.where, Reason.NO_VALUE, text)
            return
        if is_chatter(text):
            self.skip(cell.where, Reason.CHATTER, text)
            return
        text = _drop_reference(text) or text
        base_key = f"cell|{_norm(entity)}|{_norm(attribute)}"
        prefix = f"{entity} — {_lower_words(attribute)}: "
        if RATING.match(text):
            self.skip(cell.where, Reason.BARE_RATING, text)
            return
        if re.fullmatch(r"(?i)(yes|no)\.?", text):
            # "Amazon MSK — data replay: [Yes]": a coin toss on its own; comparisons ask yes/no side by side
            self.skip(cell.where, Reason.BARE_YES_NO, text)
            return
        if VAGUE_VALUE.match(text):
            self.skip(cell.where, Reason.VAGUE_RANGE_CELL, text)
            return
        reason = _weak_value(text, entity)
        if reason:
            self.skip(cell.where, reason, text)
            return
        if _unclear_no(cell.text):
            self.skip(cell.where, Reason.CROSS_BEFORE_NAME, cell.text)
            return
        if _marketing(attribute) and not key_spans(text):
            self.skip(cell.where, Reason.MARKETING_ATTRIBUTE, text)
            return
        if _shorthand(text) and not key_spans(text):
            self.skip(cell.where, Reason.TERSE_SHORTHAND, text)
            self.warn(cell.where, f"cell {text!r} ({entity} / {attribute}) is shorthand a card cannot ask about "
                                  "— write it out (e.g. \"no limit; scales automatically\")")
            return
        vague = bool(VAGUE_ATTRIBUTE.match(attribute.split(" (")[0]) or TYPE_ATTRIBUTE.match(attribute))
        if VAGUE_ATTRIBUTE.match(attribute.split(" (")[0]):
            prefix = f"{entity} — "  # "Notes/examples:" on the front asks nothing
        context = self.context()
        items = _cell_items(text)
        text = " ".join(items)
        if len(items) > 1:
            named = [re.match(r"^([^:]{2,40}):\s+(.+)$", x) for x in items]
            if any(named):
                # "- FSx for Windows: SMB protocol" — one fact per variant; "Varies by variant" says nothing.
                for x, m in zip(items, named):
                    if m:
                        name, value = m.group(1).strip(), m.group(2).strip()
                        self.cell(name, self.catalog.ids(name) or ids, attribute, type(cell)(value, cell.where))
                    else:
                        self.skip(cell.where, Reason.LIST_INTRO_WITHOUT_VALUE, x)
                return
            if len(items) <= 4 and all(words(x) <= 6 for x in items) and not vague:
                spans, joined = [], ""
                for n, x in enumerate(items):
                    if n:
                        joined += "; "
                    spans.append((len(joined), len(joined) + len(strip_end(x))))
                    joined += strip_end(x)
                self.add_cloze(base_key, entity, prefix, joined, spans, cell.where, context, ids)
                self.used += 1
                return
            text = " ".join(x if x.endswith((".", "?", "!")) else x + "." for x in items)
        sents = sentences(text)
        whole = _drop_hedge(strip_end(trim_clause(text))) if len(sents) == 1 else ""
        if whole and _gives_away(f"{entity} {attribute}", whole):
            if not re.search(r"(?<![A-Za-z])\d", whole):
                self.skip(cell.where, Reason.QUESTION_GIVES_ANSWER, text)
                return
            whole = ""  # "99.9% availability" under "Availability": the label's words are shown, the numbers hidden
        if whole and _long_list(whole) and not key_spans(whole):
            self.skip(cell.where, Reason.LIST_TO_RECITE, text)
            return
        if whole and re.match(r"^(same|similar)\b.*\bas\b", whole, re.I):
            self.skip(cell.where, Reason.RELATIVE_TO_CELL, text)
            return
        if whole and _vague(whole):
            self.skip(cell.where, Reason.VAGUE_WORDING, text)
            return
        purpose = re.match(r"^(?:(?:used|best|ideal|good|meant|designed)\s+)?for\s+(?=\w)", whole, re.I) if whole else None
        if purpose and vague and 3 <= words(whole[purpose.end():]) <= MAX_HIDDEN and not _open_list(whole):
            # "| S3 Intelligent-Tiering | … | For unknown or unpredictable access patterns |" under "Comments": what it is for
            rest = whole[purpose.end():]
            self.add_qa(f"{base_key}|for", entity, f"What is {entity} for?", rest[:1].upper() + rest[1:], cell.where, ids,
                        context=context)
            self.used += 1
            return
        parts = [x.strip() for x in entity.split(" / ")]
        if whole and re.match(r"role\b", attribute, re.I) and IMPERATIVE.match(re.sub(r"^[A-Za-z]+ly\s+", "", whole)) \
                and not re.match(r"(?:[A-Za-z]+ly\s+)?(?:use|leverage|apply|set|add)\b", whole, re.I) and 4 <= words(whole) <= MAX_HIDDEN \
                and all(self.catalog.exact(x) for x in parts) and not self.catalog.mentions(whole):
            # "| AWS Secrets Manager | Securely store and manage API keys |" under "Role in …": the role asks the service
            many = len(parts) > 1
            self.add_qa(f"{base_key}|role", entity, f"Which AWS service{'s are' if many else ' is'} used to "
                        f"{whole[:1].lower() + whole[1:]}?", entity, cell.where, ids, context=context)
            self.used += 1
            return
        if whole and (words(whole) <= 6 or not key_spans(whole)) and words(whole) <= MAX_HIDDEN \
                and not vague and not _open_list(whole):
            self.add_cloze(base_key, entity, prefix, whole, [(0, len(whole))], cell.where, context, ids)
            self.used += 1
            return
        for n, s in enumerate(sents):
            spans = key_spans(s, subject_ids=self.related(ids), mentions=None if vague else self.catalog.mentions(s), named=True)
            s2 = trim_clause(s, keep_until=spans[-1][1] if spans else 0)
            if spans:
                s2 = _resolve_it(s2, entity)
                spans = key_spans(s2, subject_ids=self.related(ids),
                                  mentions=None if vague else self.catalog.mentions(s2), named=True)
            shown = "".join(ch for i, ch in enumerate(s2) if not any(a <= i < b for a, b in spans))
            if spans and vague and words(shown) < 2:
                self.skip(cell.where, Reason.BARE_VALUE_UNDER_LABEL, s)
                continue
            leaked = [sv for a, b in spans for sv in [self.catalog.exact(s2[a:b])] if sv and _name_leaks(sv, shown)]
            if spans and leaked:
                self.skip(cell.where, Reason.SENTENCE_GIVES_SERVICE, s)
            elif spans:
                self.add_cloze(f"{base_key}|{n}", entity, prefix, s2, spans, cell.where, context, ids)
                self.used += 1
            else:
                self.skip(cell.where, Reason.CELL_SENTENCE_NO_KEY_VALUE if len(sents) > 1 or vague
                          else Reason.CELL_TOO_LONG, s)
                if len(sents) == 1 and not vague:
                    self.warn(cell.where, f"cell ({entity} / {attribute}) is {words(s)} words with no number or "
                                          "yes/no to ask about — shorten it to one fact")

    def compare(self, attribute: str, values: list[tuple[str, str, tuple[str, ...]]], where: Location,
                pairs_only: bool = False) -> bool:
        """Comparison cards for confusable entities whose values differ; True when one was made."""
        if VAGUE_ATTRIBUTE.match(attribute):
            return False
        raw = [v for _, v, _ in values]
        values = [(e, _drop_reference(_unsymbol(v)) or _unsymbol(v), ids) for e, v, ids in values]
        # Each side one short fact: no list ("Glue Workflows, EventBridge, Step Functions"), no second clause
        # ("AWS-native services; you provision …"), no ❌ whose meaning is unsure; each entity one thing,
        # not a stack of several ("Lake Formation + Glue + EMR").
        usable = [(e, strip_end("; ".join(_cell_items(v))), ids) for (e, v, ids), r in zip(values, raw)
                  if not _is_empty(v) and words(v) <= MAX_COMPARE_VALUE and ":" not in v and not _shorthand(v)
                  and not _SYMBOL_ONLY.fullmatch(v) and len(_cell_items(v)) == 1 and (";" not in v or re.search(r"\d", v))
                  and v.count(",") < 2 and not _unclear_no(r) and not _compound(e)
                  and not re.search(r"\b(?:depending|depends|varies|vary)\b", v, re.I)
                  and not RATING.match(v) and not _weak_value(v, e)]
        groups: list[tuple] = []
        if len(values) == 2 and not pairs_only:
            # a two-entity table compares its pair when both are things a learner confuses: catalog services,
            # names sharing a part, or variants under a service's heading ("Instance Fleet" / "Instance Group"
            # under EMR) — not a product against a loose option ("Databricks" vs "AWS Native Stack")
            if len(usable) == len(values) and (all(ids for _, _, ids in usable) or self.confusable(*usable)
                                               or self.frame_subject() is not None):
                groups.append(tuple(usable))
        else:
            row = [(e, ids) for e, _, ids in values]
            for a, b in combinations(usable, 2):
                if self.confusable(a, b, row):
                    groups.append((a, b))
        made = False
        self._compared = set()
        in_row = 0
        for group in groups:
            if any(e in self._compared for e, _, _ in group):
                continue  # each entity in one comparison per row: the same value on two cards is one fact twice
            if len(group) > MAX_COMPARE_ENTITIES or self._table_comparisons >= MAX_TABLE_COMPARISONS \
                    or len(values) > MAX_COMPARE_ENTITIES and in_row >= (2 if len(values) > MAX_TABLE_ENTITIES else 3):
                continue
            normed = [_norm(v) for _, v, _ in group]
            if len(set(normed)) < len(normed) or any(a != b and (a in b or b in a) for a in normed for b in normed):
                continue  # equal, or one only qualifies the other ("Streaming" / "Streaming (Delivery)")
            heads = {_norm(re.sub(r"\([^)]*\)", "", v)) for _, v, _ in group}
            if len(heads) < len(group):
                continue  # "Kafka Protocol (Kafka clients)" / "Kafka Protocol (standard API)": one value, two asides
            if len({_yes_no(v) for _, v, _ in group}) == 1 and _yes_no(group[0][1]):
                continue  # "Yes (…)" vs "Yes (…)": nothing is told apart
            if sum(len(_value_items(v)) for _, v, _ in group) > MAX_COMPARE_ITEMS:
                continue  # "IAM + LF" vs "IAM + Glue Catalog + LF": five items to recite, not one contrast
            attribute_stems = {w for w in _stems(attribute) if w not in {"aws", "amazo"}}
            named = [attribute_stems & set(_stems(e)) for e, _, _ in group]
            if any(named) and not all(named):
                # "AWS Managed: Amazon Managed Streaming for Apache Kafka vs …": one name answers it; its
                # row's yes/no singles would give it away the same way
                self._compared.update(e for e, _, _ in group)
                continue
            if not any(ids for _, _, ids in group) and not all(_concrete(v) for _, v, _ in group):
                continue  # "Stateful: higher complexity" vs "Stateless: lower": guessable from the names
            names = " vs ".join(e for e, _, _ in group)
            key = f"cmp|{_norm(attribute)}|" + "|".join(_norm(e) for e, _, _ in group)
            ids = tuple(dict.fromkeys(i for _, _, g in group for i in g))
            self.facts.append(CompareFact(self.unique_key(key), names, self.context(), where, ids, attribute,
                                          tuple((e, v) for e, v, _ in group)))
            self._compared.update(e for e, _, _ in group)
            self._table_comparisons += 1
            in_row += 1
            made = True
        return made

    def confusable(self, a, b, row: list[tuple[str, tuple[str, ...]]] | None = None) -> bool:
        """Two entities a learner mixes up: one family or parent in the catalog, or a shared name part. Among
        the entities of a longer ``row`` (six S3 storage classes), a kinship every one of them shares tells no
        pair apart: the pair must share a name part or a kinship the row's other entities lack ("Glacier" /
        "Glacier Deep Archive", "Standard-IA" / "One Zone-IA"), not any two classes of one family."""
        related = self._kin(a[2], b[2])
        shared = _name_tokens(a[0]) & _name_tokens(b[0])
        if row and len(row) > 2:
            others = [ids for e, ids in row if e not in (a[0], b[0])]
            shared -= _common_tokens(tuple(e for e, _ in row))
            related = {k for k in related if not all(k in self._kin(a[2], ids) for ids in others)}
        return bool(related or shared)

    def _kin(self, ids_a, ids_b) -> set[str]:
        """The catalog kinships between two entities: a shared family, one the parent of the other, a shared parent."""
        out = set()
        for x in ids_a:
            for y in ids_b:
                sx, sy = self.catalog.by_id[x], self.catalog.by_id[y]
                if x == y:
                    continue
                if sx.family and sx.family == sy.family:
                    out.add(f"family:{sx.family}")
                if sx.parent == y:
                    out.add(f"parent:{y}")
                if sy.parent == x:
                    out.add(f"parent:{x}")
                if sx.parent and sx.parent == sy.parent:
                    out.add(f"parent:{sx.parent}")
        return out


# ---------------------------------------------------------------- helpers



_PURPOSE = re.compile(r"^(?:The\s+)?(?P<name>[A-Za-z][\w()/ -]{1,50}?)\s+(?P<verb>is|are)\s+(?:\w+ly\s+)?"
                      r"(?P<adj>designed|built|optimi[sz]ed|ideal|best suited|intended|meant|purpose-built)\s+(?P<prep>to|for)\s+"
                      r"(?P<rest>.+?)\.?$")
"""What a named thing is built for: "<name> is designed for <purpose>"."""
_PURPOSE_END = re.compile(r";|,?\s(?:so|because|whose|which|regardless|rather than|since|while|where|when|as opposed to)\b|"
                          r"\s\((?:e\.g|i\.e|such as)|\s[—–-]\s", re.I)
_IDENTIFIER = re.compile(r"[a-z]+(?:[A-Z][a-z0-9]+)+[A-Z]*|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+[A-Z]*|[a-z]+(?:_[a-z0-9]+)+")
"""A code identifier: camelCase, CamelCase with two words or more ("ContainerPendingRatio"), snake_case."""
_RECOMMENDED = re.compile(r"^(?P<item>[^,;:]{2,80}?)(?:\s+[-–—]\s*|\s*\(|:\s*|\s+(?:is|are)\s+(?:the\s+)?)"
                          r"(?:recommended|preferred|the recommended (?:option|approach|choice|way))\)?\s*[.!]?$", re.I)
"""An option marked as the recommended one: "IAM access control - recommended", "Exponential backoff is recommended"."""
_ENABLES = re.compile(r"^(?:The\s+)?(?P<name>[A-Za-z][\w()/ -]{1,40}?)\s+(?P<verb>enables|allows|lets|helps)\s+"
                      r"(?:(?P<who>you|users|applications|apps|clients|customers|developers|consumers|producers|"
                      r"administrators|teams|queries|jobs)\s+)?(?P<to>to\s+)?(?P<rest>.+?)\.?$")
"""What a named feature lets someone do: "<name> enables applications to <do>"."""
_ENABLES_ELIDED = re.compile(r"^(?P<verb>enables|allows|lets)\s+(?:(?P<who>you|users|applications|clients|customers|"
                             r"developers)\s+)?(?P<to>to\s+)?(?P<rest>.+?)\.?$", re.I)
"""The same with the subject left to the label above: "Enables secure data sharing across accounts"."""
_NAMED_VALUES = re.compile(r"\b(?P<kind>metrics|signals|statistics|dimensions)\s+(?:such as|like|including)\s+"
                          r"(?P<list>[^.;:()]+?)(?=\s*(?:[.;:]|$))", re.I)
"""A short list of named values of a kind that the sentence asks ("based on metrics such as X, Y or Z")."""
_TOPIC_GERUND = re.compile(r"^(?:handling|dealing with|managing|avoiding|preventing|troubleshooting)\s+"
                           r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s*[.:]?$", re.I)
"""A parent bullet naming what it handles ("Handling duplicate records."): its sub-bullets are about that thing."""
_CODE_SETTING_AFTER = re.compile(rf"\s+(?:{phrases('identifier_kinds')})\b", re.I)
"""The kind that follows a hidden code name ("the [enableUpdateCatalog] argument"): the exact name is the fact, even
when the sentence spells out its words ("… to update the Data Catalog")."""
_KIND_END = re.compile(rf"\s(?:{'|'.join(sorted(words_of('value_kind_nouns')))})$", re.I)
_NEGATIVE_SECTION = re.compile(rf"\b(?:{phrases('negative_sections')})\b", re.I)
_MECHANISM = re.compile(rf"\s(?:{'|'.join(sorted(words_of('mechanism_nouns')))})$", re.I)
"""A name ending in how a service is used ("IAM auth", "Lambda integration"): a feature of the service above."""
_MODE = re.compile(rf"\s(?:{'|'.join(sorted(words_of('mode_nouns')))})$", re.I)
"""A feature's name ending in "mode" ("Multinode mode"): with no service of its own, the service above's."""


def _name_like(label: str) -> bool:
    """"FIFO", "Consumer", "Dead-letter queue": a name; "use as write buffer to dynamo db": a statement."""
    if not label or words(label) > 4 or re.search(r"\d|[,;]", label):
        return False
    first = label.split()[0].lower()
    # one plural noun heading its sub-bullets ("Resources", "Limits") names them; "Supports" does not
    verb_like = _verb_like(label[:1].upper() + label[1:]) if words(label) > 1 else bool(_VERB_WORD.match(label))
    last = label.rstrip(":").split()[-1].lower() if label.rstrip(":").split() else ""
    return not (IMPERATIVE.match(label) or ADVICE.match(label) or verb_like
                or first in {"if", "when", "can", "may", "will", "need", "needs", "should", "must", "is", "are",
                             "has", "have", "not", "no", "so", "then", "that", "which", "good", "great",
                             "for", "with", "like", "this", "these", "those", "such"}
                # "for things like", "This design allows": a lead-in to a list, not a name
                or words(label) > 1 and last in {"like", "as", "allows", "allow", "include", "includes", "following",
                                                 "is", "are", "the", "a", "an", "of", "to"})


def _heading_like(text: str) -> bool:
    """"Elastic Load Balancer (ELB)", "Dead-letter queue": a name a numbered line stands for a heading with."""
    bare = re.sub(r"\([^)]*\)", "", text).strip()
    if not bare or words(bare) > 5 or re.search(r"\d|[,;.!?:]$", bare):
        return False
    titled = all(w[:1].isupper() or len(w) < 4 for w in bare.split())
    return titled or _name_like(bare)


def _has_quantity(text: str) -> bool:
    """A number with its unit or a counted noun: a value worth asking, not a label."""
    return any(re.search(r"\d", text[s:e]) for s, e in key_spans(text))


def _unnumber(text: str) -> str:
    return re.sub(r"^(?:\d+(?:\.\d+)*|[a-z]|[IVX]+)[.)]\s+", "", text.strip()).strip()


_FORMERLY = re.compile(r"^([^()（）:：]{3,80}?)\s*[(（]\s*(?:formerly(?: known as| called)?|previously|"
                       + phrases("former_name_words") + r")\s*[:：]?\s*([^()（）]+?)\s*[)）]\s*$", re.I)
"""A name with its former one in brackets: "X (formerly Y)", "X (旧称 Y)"."""
_OLD_NAME_AFTER = re.compile(r"^([^()（）:：]{3,80}?)\s*[(（]\s*([^()（）]+?)\s+(?:is|was)\s+(?:the|its)\s+"
                             r"(?:old|former|previous|original)\s+name\s*[)）]\s*\.?$", re.I)
"""The same, the old name first: "X (Y is the old name)"."""
_CJK_DEFINITION = re.compile(r"^([^、。:：は]{2,40}?)\s*は、\s*([^。]+?)(?:です|である|となります|だ)(?:\d{1,2}[。.]|。)(.*)$", re.S)
"""A Japanese definition line: "X は、Y です。" (the comma after は marks X as the topic being defined)."""


_CJK_MADE_OF = re.compile(r"^(?P<x>[^、。はが]{2,16})は、?(?P<y>[^。]{2,40}?)(?P<how>の集合|で構成|から構成|から成)")
"""A Japanese "X is a set of Y" / "X consists of Y" (the first clause of a sentence)."""
_CJK_HAS_MEMBERS = re.compile(r"(?P<x>[^、。はが]{2,16}?)(?:には、?|と呼ばれ、)(?P<items>(?:[^、。]{1,20}、){1,4}[^、。]{1,20}?)"
                              r"(?:の[2-5２-５二三四五]種類)?が(?:ある|あります)")
"""A Japanese "X has A, B and C" / "called X: there are A, B, C" listing two to five members."""


def _file_name_words(text: str) -> str:
    """"kinesis_streams", "api-gateway": a file or folder name standing for a heading (notes compiled from a
    vault) names its subject in words: "Kinesis Streams", "Api Gateway"."""
    if " " in text or not re.fullmatch(r"[A-Za-z0-9]+(?:[_\-]+[A-Za-z0-9]+)+", text) \
            or "_" not in text and text != text.lower():
        return text  # "Multi-AZ", "At-least-once" are written as words already
    return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[_\-]+", text))


def _short_heading(text: str) -> str:
    text = _FOCUS.sub("", text.strip())
    text = _OVERVIEW.sub("", text)
    return text.strip()


def _norm(text: str) -> str:
    return _NOT_ALNUM.sub("-", text.lower()).strip("-")


_FOCUS = re.compile(r"^(topic focus|focus|topic)\s*:\s*", re.I)
_OVERVIEW = re.compile(r"\s*[:–—-]\s*(overview|deep dive|overview and .*|detailed explanation)$", re.I)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _norm_header(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip("*").strip().lower())


_YES = "|".join(re.escape(x) for x in sorted(lexicon()["yes_symbols"], key=len, reverse=True))
_NO = "|".join(re.escape(x) for x in sorted(lexicon()["no_symbols"], key=len, reverse=True))
_YES_OR_NO = re.compile(rf"^(?:({_YES})|({_NO}))\s*(.*)$", re.S)
_NO_FIRST = re.compile(rf"^(?:{_NO})\s*(.*)$", re.S)
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d]+")
_SYMBOL_ONLY = re.compile(r"[\W_]*[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF][\W_]*")
"""A cell that is only a symbol ("🔶"): with no legend, nothing to answer."""


def _unsymbol(text: str) -> str:
    """"✅" → "Yes", "❌ (needs ETL)" → "No (needs ETL)", "✅ Lake Formation + Tags" → "Lake Formation + Tags"."""
    t = text.strip()
    m = _YES_OR_NO.match(t)
    if not m:
        return t
    rest = m.group(3).strip()
    word = "Yes" if m.group(1) else "No"
    if not rest:
        return word
    if rest.startswith("(") or re.match(r"^(yes|no|not|partial|partly|limited)\b", rest, re.I):
        return f"{word} {rest}" if rest.startswith("(") else rest
    return rest if word == "Yes" else f"No — {rest}"


_CROSS_REFERENCE = phrases("cross_references")
_REFERS = re.compile(rf"^(?:{_CROSS_REFERENCE})", re.I)
_REFERRING_ASIDE = re.compile(rf"\s*\((?:{_CROSS_REFERENCE})[^)]*\)", re.I)


def _refers_elsewhere(text: str) -> bool:
    """"Same as Kafka (you configure)", "Similar to CSV", "see above": the value is another cell's."""
    return bool(_REFERS.match(text.strip().strip("*").strip()))


def _drop_reference(text: str) -> str:
    """"Yes (same as Kafka)" → "Yes": an aside pointing at another cell says nothing on a card of its own."""
    return _REFERRING_ASIDE.sub("", text).strip()


_GENERIC_CONTROLS = words_of("generic_controls")


def _value_items(text: str) -> list[str]:
    """The items of a terse cell list ("IAM + VPC + LF", "Kerberos / TLS / ACLs", "S3, HDFS, EMRFS")."""
    return [x.strip(" .()") for x in re.split(r"\s*(?:\+|/|,|;|&|\band\b)\s*", text) if x.strip(" .()")]


def _raw_item(text: str, lowered: str) -> str:
    """The item of ``text`` as written, whose lower-cased form (without "AWS"/"Amazon") is ``lowered``."""
    for x in _value_items(text):
        if re.sub(r"^(?:aws|amazon)\s+", "", x.lower()) == lowered:
            return re.sub(r"^(?:AWS|Amazon)\s+", "", x)
    return lowered


def _generic_list(text: str) -> bool:
    """"IAM + SG/NACL + KMS", "AWS IAM + KMS + PrivateLink": security controls any service lists — at most one
    item of three or more is not one of them (``generic_controls`` in the lexicon)."""
    items = [re.sub(r"^(?:aws|amazon)\s+", "", x.lower()) for x in _value_items(text)]
    if len(items) < 2:
        return False
    other = [x for x in items if x not in _GENERIC_CONTROLS]
    if not other or len(items) >= 3 and len(other) <= 1:
        return True
    # "IAM + LF": one control and one bare acronym; "Manual via resource links, IAM roles" is a value
    return len(items) == 2 and len(other) == 1 and bool(re.fullmatch(r"[A-Z]{2,5}", _raw_item(text, other[0])))


_OWNERSHIP = words_of("ownership_words")


def _ownership_only(text: str, entity: str) -> bool:
    """"Self-managed", "AWS manages Kafka infra", "Open-source (Apache Foundation)": who runs or owns the thing
    (words of ``ownership_words`` and of the entity's own name), nothing to learn about it."""
    tokens = re.findall(r"[a-z]+", text.lower())
    own = {t for t in re.findall(r"[a-z]+", entity.lower())}
    return bool(tokens) and all(t in _OWNERSHIP or t in own or t in _STOP for t in tokens) \
        and bool(re.search(r"managed?\b|manages\b|open[- ]source|proprietary|native|hosted", text, re.I))


_RATING_LED = re.compile(r"^(?:very |slightly |fairly |relatively )?(?:high|higher|highest|low|lower|lowest|medium|"
                         r"moderate|limited|good|better|best|worse|fast|faster|fastest|slow|slower|slowest|simple|"
                         r"complex|strong|weak|excellent|poor|decent)\b\s*(?:[,(]|$)", re.I)


def _rating_led(text: str) -> bool:
    """"Limited (runtime)", "Good, scales with file format", "Low (~ms)": a rating with no measure after it."""
    return bool(_RATING_LED.match(text.strip())) and not re.search(
        r"\d|\b(?:sub-?)?(?:ms|µs|milli|micro)(?:seconds?)?\b|\bseconds?\b", text, re.I)  # "Low (sub-ms)" measures


def _common_value(values: list[str]) -> str:
    """The value (normalised) every entity of a row or column shares, or all but one of five or more (">=3" AZs
    for every storage class but One Zone): it tells none of them apart (the exception carries the fact); ""
    when there is none. In a narrower table the majority is still a fact of each ("At least once" for three of
    four streams), and a number all of a few share is a limit each has ("256 KB")."""
    normed = [_norm(_unsymbol(v)) for v in values if not _is_empty(_unsymbol(v))]
    if len(normed) < 3:
        return ""
    top = max(set(normed), key=normed.count)
    n = normed.count(top)
    if n == len(normed) and n < 5 and re.search(r"\d", top):
        return ""  # "256 KB" for each of three queues: a limit each of them has, still a fact to recall
    return top if n == len(normed) or (len(normed) >= 5 and n >= len(normed) - 1) else ""


def _weak_value(text: str, entity: str) -> Reason | None:
    """Why a table value tells a learner nothing about its entity, judged by its shape; "" when it may."""
    if _refers_elsewhere(text):
        return Reason.POINTS_ELSEWHERE_CELL
    if _generic_list(text):
        return Reason.GENERIC_SECURITY_CELL
    if _ownership_only(text, entity):
        return Reason.ONLY_WHO_MANAGES
    if _rating_led(text):
        return Reason.RATING_WITHOUT_MEASURE
    if _generic_cost(text):
        return Reason.GENERIC_COST
    return None


def _line_reason(values: list[str]) -> Reason | None:
    """Why the cells of one attribute (a row across entities, or a column down them) should not be carded one
    by one: most of them are generic security lists (then none is), or one value all but one share (then
    its holders are not; the exception and the comparisons carry the fact); "" otherwise."""
    filled = [v for v in values if not _is_empty(_unsymbol(v))]
    generic = sum(_generic_list(_unsymbol(v)) for v in filled)
    if generic >= 2 and generic * 2 >= len(filled):
        return Reason.GENERIC_SECURITY_ROW
    if _common_value(values):
        return Reason.COMMON_VALUE_OF_ROW
    return None


def _said_elsewhere(value: str, own_cells: list[str]) -> bool:
    """A short value (a service: "S3") that another cell of the same entity states within more ("SQL on S3"):
    the learner meets it there; alone it is a blank the entity's other card gives away."""
    v = _unsymbol(value).strip()
    if not v or words(v) > 3 or re.search(r"(?<![A-Za-z])\d", v):
        return False  # a number is the fact even when another cell repeats it ("S3" is a name, not a number)
    pattern = re.compile(rf"(?<![\w-]){re.escape(v)}(?![\w-])", re.I)
    return any(c.strip() != value.strip() and words(c) > words(v) and pattern.search(c) for c in own_cells)


def _names_repeated(value: str, own_cells: list[str]) -> bool:
    """A cell that only lists names ("✅ Via Spark, Presto, Hive") which one other cell of the same entity lists
    already ("PySpark, Hive, Presto, Flink"): under another attribute it says nothing of that attribute."""
    v = re.sub(r"(?i)^(?:yes\b\W*)?(?:via|using|through|with)\s+", "", _unsymbol(value).strip())
    items = [x.strip() for x in re.split(r"\s*(?:[,/+&]|\band\b|\bor\b)\s*", v) if x.strip()]
    if len(items) < 2 or not all(re.fullmatch(r"[A-Z][\w.-]*", x) for x in items):
        return False
    return any(c.strip() != value.strip()
               and all(re.search(rf"{re.escape(x)}(?![\w-])", c, re.I) for x in items) for c in own_cells)


def _yes_no_with_notes(attributes: list[str], columns: list[list[str]]) -> tuple[int, int] | None:
    """(yes/no column, notes column) of a table whose one column answers yes/no in every row, told apart (not
    unanimous), beside one column of free notes ("Optimized? | Notes"); None otherwise."""
    yes_no = [j for j, c in enumerate(columns) if attributes[j] and len(c) >= 2
              and all(_yes_no(_unsymbol(v)) for v in c if not _is_empty(_unsymbol(v)))
              and len({_yes_no(_unsymbol(v)) for v in c if not _is_empty(_unsymbol(v))}) == 2]
    notes = [k for k, a in enumerate(attributes) if re.fullmatch(r"(?i)(?:notes?|comments?|remarks?|details?|why)", a)]
    return (yes_no[0], notes[0]) if len(yes_no) == 1 and len(notes) == 1 else None


_COST_WORDS = words_of("generic_cost_words")


def _generic_cost(text: str) -> bool:
    """"Infra cost (compute, storage, ops)", "Compute + storage costs", "Pay for storage capacity and throughput":
    what anything costs, outside its asides (``generic_cost_words``); "Pay per shard hour", "Per query (TB
    scanned)", "Pay for allocated storage and IOPS" name a unit and stay."""
    tokens = re.findall(r"[a-z0-9]+", re.sub(r"\([^)]*\)", "", text).lower())
    return bool(tokens) and all(t in _COST_WORDS or t in _STOP for t in tokens) \
        and any(t.startswith(("cost", "price", "pric", "spend", "infra", "pay", "paid")) for t in tokens)


def _compound(entity: str) -> bool:
    """"Lake Formation + Glue + EMR Stack", "Glue, EMR": several things, not one entity to tell apart."""
    return bool(re.search(r"\s\+\s|,|\s&\s|\b(?:options|stack|alternatives|choices)$", entity, re.I)) \
        or words(entity) > 7


def _lone_level(blocks: list[Block], i: int) -> bool:
    """No later heading shares the level of the heading at ``i`` before its parent's section ends."""
    h = blocks[i]
    for b in blocks[i + 1:]:
        if isinstance(b, Heading) and not b.callout:
            if b.level < h.level:
                return True
            if b.level == h.level:
                return False
    return True


def _section_text(blocks: list[Block], i: int) -> str:
    """The heading at ``i`` and everything under it, up to the next heading of its level or higher."""
    h = blocks[i]
    out = [h.text]
    for b in blocks[i + 1:]:
        if isinstance(b, Heading):
            if b.level <= h.level and not b.callout:
                break
            out.append(b.text)
        elif isinstance(b, Table):
            out.extend(c.text for r in (b.header, *b.rows) for c in r)
        elif isinstance(b, Paragraph):
            out.extend(ln.text for ln in b.lines)
    return "\n".join(out)


def _unclear_no(text: str) -> bool:
    """"❌ Cluster (EC2 or EKS)": a cross before a name may mean "not X" or mark X as the worse option."""
    m = _NO_FIRST.match(text.strip())
    rest = m.group(1).strip() if m else ""
    return bool(rest) and not rest.startswith("(") and not re.match(
        r"^(yes|no|not|none|never|cannot|can't|without|partial|partly|limited|only)\b", rest, re.I)


def _attribute(text: str) -> str:
    text = _EMOJI.sub("", text)
    return re.sub(r"\s+", " ", text.replace("**", "").strip().strip("*:").strip())


_MARKETING_WORDS = words_of("marketing_words")


def _marketing(name: str) -> bool:
    if "/" in name and any(_marketing(p) for p in name.split("/")):
        return True  # "Latency/Performance"
    parts = re.findall(r"[a-z&-]+", name.lower())
    return bool(MARKETING_TERM.match(name)) or (bool(parts) and all(p in _MARKETING_WORDS for p in parts))


def _category_definition(text: str) -> bool:
    """"Legacy service for …", "Fully managed key-value and document database …": says what the thing is."""
    if _mostly_cjk(text):  # "…向けに設計され、…", "…を交換できるフルマネージドサービス。"
        return bool(_CJK_CATEGORY.search(text.strip()))
    head = " ".join(text.split()[:6]).lower()
    return bool(re.search(r"\b(service|database|platform|tool|store|engine|file system|framework|warehouse|library|"
                          r"feature|api|queue|cache|interface)s?\b(?!-)", head)) and not _verb_first(text) \
        and not re.match(r"^(can|may|will|often|sometimes|used|for|to|when|if|with|via)\b", text, re.I)


def _shorthand(value: str) -> bool:
    """"No limit / Automatic", "Up to 30 / Brokers": two terse fragments only the table explains."""
    parts = [p.strip() for p in value.split(" / ")]
    return len(parts) == 2 and all(0 < words(p) <= 3 for p in parts)


def _yes_no(value: str) -> str:
    m = re.match(r"^(yes|no)\b", value.strip(), re.I)
    return m.group(1).lower() if m else ""


def _majority_yes_no(values: list[str]) -> Reason | None:
    """The answer most cells of a yes/no row share, when the row is yes/no and not unanimous."""
    answers = [_yes_no(v) for v in values if not _is_empty(v)]
    if not answers or not all(answers):
        return None
    if len(set(answers)) < 2:
        return answers[0]  # unanimous: nothing tells the entities apart
    yes = answers.count("yes")
    return "yes" if yes > len(answers) / 2 else "no" if yes < len(answers) / 2 else None


def _open_list(text: str) -> bool:
    t = text.strip().rstrip(".").lower()
    return t.endswith(("etc", "and more", "and so on", "or so on")) or t.startswith(("e.g", "for example"))


_STOP = words_of("stop_words")


_COMMON_STEMS = {"data", "servi", "aws", "amazo", "manag", "syste", "appli", "using", "based"}
"""Stems too common to tie a line to a heading's topic."""


@functools.lru_cache(maxsize=1 << 14)  # a heading's or a service's stems, asked for every line under it
def _stems(text: str) -> tuple[str, ...]:
    """Content words cut to five letters: "crawls"/"Crawlers", "auditing"/"Audit" meet."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).replace("/", " ")  # ClusterIdentifier/WorkgroupName
    return tuple(w[:5] for w in re.findall(r"[a-z0-9][a-z0-9.-]{2,}", text.lower()) if w not in _STOP)


_CJK_UNIT = re.compile(r"[\u30a0-\u30ff\uff66-\uff9f]+|[A-Za-z0-9][A-Za-z0-9_./+-]*|[\u3040-\u309f\u3400-\u9fff]")
"""One unit of a Japanese answer's length: a kanji or kana character, a whole katakana run (a loanword such as
"レプリケーション" is one word, not eight characters) or a whole Latin word ("Parquet")."""


_CJK_CATEGORY = re.compile(r"向けに設計|(?:" + "|".join(sorted(words_of("category_nouns_cjk"), key=lambda w: (-len(w), w)))
                           + r")(?:(?:です|である)?[。.]?$|(?:で|であり)、)", re.I)
"""A Japanese definition naming its kind: "…向けに設計され、…", "…を交換できるフルマネージドサービス。"."""
_CJK_CLAUSE = re.compile(r"による|によって|された|される|する|した|できる")
"""A verb or passive in a Japanese term name ("CloudWatchによる…の監視", "S3に保存された…の分析"): the name
describes a practice, not a thing whose definition a card can ask for."""


def _unglue_cjk(text: str) -> str:
    """"DynamoDBグローバルテーブル" → "DynamoDB グローバルテーブル": Japanese glues a Latin name to the kana after
    it, which hides the name from a search that wants it to stand as a word of its own."""
    return re.sub(r"(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u3400-\u9fff])|(?<=[\u3040-\u30ff\u3400-\u9fff])(?=[A-Za-z0-9])",
                  " ", text)


def _cjk_size(text: str) -> int:
    """How long a Japanese or Chinese answer reads, in characters of content: a kanji or hiragana counts 1, a
    katakana loanword or a Latin word counts 3 (about what a native word of the same meaning takes), punctuation 0."""
    return sum(1 if len(m) == 1 and not re.match(r"[\u30a0-\u30ffA-Za-z0-9]", m) else 3
               for m in _CJK_UNIT.findall(text))


_CJK_CONTINUATIVE = (("され", "される"), ("であり", "である"), ("でき", "できる"), ("し", "する"), ("で", ""))


_CONCEPT_DOES = re.compile(r"^(?!(?:This|These|That|Those|It|Its|They|There|You|We|He|She|In|For|When|If|With|By|On|At|"
                           r"As|To|Each|Every|All|Most|Some|Many|Both|One|How|Why|What|Which|Where)\b)(?:The |An? )?"
                           r"(?![A-Z][a-z]+ed\b)[A-Z][a-z-]+(?: (?!(?:in|of|for|to|on|at|by|with|from|and|or)\b)[a-z][a-z-]+){0,2}"
                           r" (?!is\b|was\b|has\b|does\b)[a-z]{3,}s [a-z]")
"""A sentence that opens "<noun phrase> <verb>s …" ("Delivery replays recent events …"), no pronoun before it."""
_CJK_PURPOSE = re.compile(r"^(?P<name>[^、。]{2,30}?)を(?:利用|使用|活用)(?:する|した)?ことで、(?P<rest>[^。]+?)"
                          r"(?:ことができ(?:る|ます)|ことが可能(?:です)?|でき(?:る|ます))?[。.]?$")
"""What using a named feature does: "Xを利用することで、Y(できる)。"."""
_RENAMES_CONCEPT = re.compile(r"^(?:This|These|Such)\s+(?:approach|type|kind|pattern|method|model|mode|technique|"
                              r"strategy|semantics?|guarantee|scheme|style)s?\b", re.I)
"""A sentence that names the concept of its heading again ("This approach …", "This type of processing …")."""
_PRECEDENCE = re.compile(r"(?:overrides?|takes? precedence over|supersedes?)\s+\S", re.I)
"""A sentence saying which rule wins ("… override IAM policies", "… take precedence over bucket policies")."""
_KANA = re.compile(r"[\u3040-\u30ff]")
"""Japanese text (kana), however many English names it mixes in."""
_CJK_TUNING = re.compile(r"^[^、。]{1,30}?を(?:" + "|".join(sorted(words_of("tuning_verbs_cjk"), key=lambda w: (-len(w), w)))
                         + r")(?:し|して)")
"""A Japanese tuning tip: "バッチサイズ設定を調整して、…を最適化"."""


def _feature_told_later(name: str, first: str, rest: list[str]) -> bool:
    """"Xのデータ共有機能": the feature ("データ共有") is absent from the first sentence and named in a later one."""
    m = re.search(r"の([^の\s]{2,10}?)(?:機能)?$", name)
    if m is None or not _mostly_cjk(m.group(1)) or m.group(1) in first:
        return False
    return any(m.group(1) in s for s in rest)


def _first_cjk_clause(text: str) -> Reason | None:
    """"…向けに設計され、…に適している" → "…向けに設計される": a long Japanese definition's first clause (up to a
    continuative form and its comma) when that clause is itself a short definition; None otherwise."""
    m = re.match(r"^([^、。]{12,}?)(され|であり|でき|し|で)、", text)
    if m is None:
        return None
    for cont, plain in _CJK_CONTINUATIVE:
        if m.group(2) == cont:
            clause = m.group(1) + plain
            break
    if len(clause) > MAX_CJK_ANSWER or not re.search(r"[\u3040-\u30ff\u3400-\u9fff]$", clause):
        return None
    return clause


def _mostly_cjk(text: str) -> bool:
    """Japanese or Chinese text: it runs on without spaces, so a count of its words or stems means nothing."""
    return len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff]", text)) * 2 > len(text)


def _gives_away(question: str, answer: str) -> bool:
    """Most of the answer's content words are already on the front ("Task fleet" → "fleet for task execution")."""
    content = list(dict.fromkeys(_stems(answer)))  # "short polling or long polling" says "polling" once
    if not content or len(content) > 6 or _mostly_cjk(answer) or re.search(r"\b(no|not|never|cannot|only|none|without|must|always)\b", answer, re.I):
        return False
    asked = set(_stems(question))
    return sum(1 for w in content if w in asked) / len(content) >= 0.5


_NAME_FILLER = {"amazo", "aws", "apach", "simpl", "servi", "data", "manag", "elast", "for", "and"}


def _specific(text: str, catalog: Catalog) -> bool:
    """A number, an acronym or a named service: something beyond general knowledge."""
    return bool(re.search(r"\d|\b[A-Z]{2,}\b", text) or catalog.mentions(text))


_DEFINES = re.compile(r"^(.{2,60}?)\s+(?:means|refers to|is defined as)\s+(?:that\s+)?(.+?)\.?$")
""""X means that …": a sentence defining X."""
_CONTRAST = re.compile(r"^(?:however|but|yet|still)\s*,?\s+(.+?)\.?$", re.I)


def _contrast(sentence: str) -> str:
    """The clause of a sentence opening "However, …" / "But …" (the part that qualifies the one before), or ""."""
    m = _CONTRAST.match(sentence.strip())
    if not m or words(m.group(1)) > 10 or re.match(r"^(this|these|that|those|it|they)\b", m.group(1), re.I):
        return ""
    return strip_end(m.group(1))


def _name_leaks(service, shown: str) -> bool:
    """"[Amazon SNS] notifications": the hidden service's full name says "Notification"."""
    name_stems = {w for w in _stems(" ".join((service.name, *service.aliases))) if w not in _NAME_FILLER}
    return bool(name_stems & set(_stems(shown)))


def _circular(term: str, answer: str) -> bool:
    """"FSx for OpenZFS" → "Provides fully managed OpenZFS file systems": half the term is the answer, nothing else."""
    if _mostly_cjk(answer) or len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff]", answer)) >= 8:
        return False  # words are no measure of Japanese or Chinese (mixed with English names either): the card
        # filter has its own check
    if _KIND_NOUN.match(term) and re.search(r",|\band\b|\bor\b|/", answer):
        return False  # "Polling types" → "long and short polling": the kinds are named, the term only sorts them
    term = re.sub(r"\b(amazon|aws|apache)\b", "", term, flags=re.I)
    term_stems = set(_stems(term))
    answer_stems = set(_stems(answer))
    if not term_stems or len(answer_stems) > 7:
        return False
    new_acronyms = {w for w in re.findall(r"\b[A-Z]{2,}\b", answer)
                    if w.lower() not in term.lower() and w not in ("AWS", "API")}
    if new_acronyms or re.search(r"\d", answer):
        return False
    return len(term_stems & set(answer_stems)) / len(term_stems) >= 0.5


_UNCOUNTED = re.compile(r"\s+(?:for|with|of|across|between|supporting|over)\s+(?:two|three|four|five|several|multiple|"
                        r"many|various|a few|some)\s+(?:[\w-]+\s+){0,2}[\w-]+s\.?$", re.I)


def _drop_uncounted(text: str) -> str:
    """"a managed message broker for two open protocols" → "a managed message broker": a count of things the
    definition never names is nothing to recall (the category before it is)."""
    cut = _UNCOUNTED.sub("", text)
    return cut if cut != text and words(cut) >= 3 else text


def _drop_hedge(text: str) -> str:
    """"Shared file storage (depending on FSx variant)" → "Shared file storage"."""
    return re.sub(r"\s*\((?:depending|varies|vary|details vary|may vary|see )[^)]*\)", "", text).strip()


def _drop_connective(sentence: str) -> str:
    """"However, Lambda functions in a VPC …" → "Lambda functions in a VPC …"."""
    m = re.match(r"^(however|additionally|also|moreover|in addition|furthermore|optionally|similarly|"
                 rf"as a result|in contrast|therefore|thus|note that|importantly|but|yet|{phrases('leaning_markers')}),?\s+(?=[a-z])",
                 sentence, re.I)
    if not m:
        return sentence
    rest = sentence[m.end():]
    return rest[:1].upper() + rest[1:]


VAGUE_WORDS = re.compile(
    r"\b(seamless(?:ly)?|easily|easy|various|flexib\w*|powerful|robust|simplif\w*|streamlin\w*|"
    r"significant(?:ly)?|great|well|modern|rich|comprehensive|supported|ease|scalability)\b", re.I)


def _concrete(text: str) -> bool:
    """A number, an acronym, a CamelCase name, a negation or a limit word: something a learner can be wrong about."""
    text = re.sub(r"\b(AWS|API)\b", "", text)  # every card says AWS
    return bool(re.search(r"\d|\b[A-Z]{2,}\b|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*|"
                          r"\b(no|not|never|cannot|only|must|none|without|single|multiple|per)\b", text))


def _vague(text: str, question: str = "") -> bool:
    """Marketing adjectives and nothing concrete: "Works seamlessly with AWS services", "Automated backups".

    Words the question already shows ("ONTAP" on an ONTAP card) do not make the answer concrete.
    """
    for w in set(re.findall(r"\b[A-Z]\w+\b", question)):
        text = re.sub(rf"\b{re.escape(w)}\w*", "", text)
    return bool(VAGUE_WORDS.search(text)) and not _concrete(text)


def _long_list(text: str) -> bool:
    """Four or more comma-separated items: a list to recite, not one fact."""
    return text.count(",") >= 3 and not re.search(r"\d,\d", text)


def _is_empty(value: str) -> bool:
    v = value.strip().lower()
    return v.strip(" .") in EMPTY_VALUES or bool(re.match(r"^(n/a|varies|depends on|dependent on)\b", v))


def _cell_items(text: str) -> list[str]:
    """Lines of a cell (``<br>``-separated list items); a "(…)" line continues the item before it."""
    items: list[str] = []
    for raw in text.split("\n"):
        x = re.sub(r"^[-*•]\s*", "", raw).strip()
        if not x:
            continue
        if items and (x.startswith("(") or x[0].islower()):
            items[-1] = f"{items[-1]} {x}"
        else:
            items.append(x)
    # "Depends on FSx variant:" introduces the items after it and says nothing itself.
    return [x for x in items if not x.endswith(":")] or items


def _verb_first(text: str) -> bool:
    """The text opens with a verb ("Supports …", "Keeps …", "Chooses …"): a predicate, not a noun phrase."""
    first = text.split()[0] if text.split() else ""
    return bool(re.fullmatch(r"[A-Z][a-z]{2,}[^su]s", first)) and first.lower() not in {
        "analytics", "logs", "objects", "streams", "metrics", "records", "jobs", "events", "users", "permissions",
        "instances", "queries", "files", "data", "nodes", "clients", "applications", "services"}


_DOES = re.compile(r"^(?:skip|run|allow|let|enable|provide|keep|store|hold|split|route|cache|reduce|speed|filter|"
                   r"track|coordinate|execute|process|replicate|distribute|scan|return|convert|encrypt|grant|"
                   r"control|manage|detect|prevent|automate)s?\b", re.I)
"""A definition cell that says what the term does ("Skip scanning blocks …"): asked "what does X do?"."""


_VERB_WORD = re.compile(r"^(supports?|provides?|offers?|allows?|enables?|includes?|requires?|uses?|integrates?|"
                        r"combines|scales|works|runs|stores|delivers|handles|maintains|reduces|improves|helps|"
                        r"depends|means)$", re.I)
"""A one-word line that is a verb ("Supports:"), not a name its sub-bullets belong to."""


_KIND_NOUN = re.compile(r"^\S+ing\s+(types?|modes?|options?|methods?|strategies|strategy|policies|policy|tiers?|"
                        r"classes|class|levels?|models?|patterns?|rules?|limits?|quotas?)\b", re.I)
"""A gerund naming a kind of thing ("Polling types", "Routing policies", "Caching strategies"): a name, not a verb."""


def _verb_like(name: str) -> bool:
    """"Supports Multiple Data Formats", "Integrated with Redshift", "Enabling Object Lock", "By a fixed date"."""
    first = name.split()[0]
    if _KIND_NOUN.match(name):
        return False
    if re.search(r"\s(for|with|across|without|from|to)\s", name) and words(name) >= 3 \
            and not re.match(r"^(integration|support|access)\b", name, re.I):
        return True  # "Cost Efficient for Intermittent Queries", "Ideal for Lambda and Microservices"
    if re.fullmatch(r"[A-Z][a-z]{3,}[^s]s", first) and first.lower() not in {"analytics", "logs", "objects", "streams",
                                                                          "metrics", "records", "jobs", "events"}:
        return True  # "Depends", "Provides", "Combines"
    return bool(re.match(r"^(by|how|using|via|ideal|best|requires?|supports?|integrated|integrates|leverages?|uses?|can|not|no|"
                         r"choose|use|set|monitor|handle|ensure|design|implement|facilitate|support|enable|avoid|plan|"
                         r"combine|regularly|apply|create|define|keep|make|store|run|schedule|optimize|"
                         r"combines|scales|works|runs|stores|delivers|handles|maintains|reduces|improves|helps|"
                         r"allows?|enables?|provides?|offers?)$", first, re.I) or re.search(r"ing$", first)) \
        and first.lower() not in {"ring", "string", "thing", "pricing", "scaling", "partitioning", "processing",
                                  "caching", "streaming", "logging", "monitoring", "batching", "indexing",
                                  "encryption", "auditing", "versioning"}


def _lower_words(text: str) -> str:
    """"Domain Weightings on Exams" → "domain weightings on exams"; acronyms stay."""
    return " ".join(w.lower() if re.fullmatch(r"[A-Z][a-z]+(?:[-/][A-Za-z][a-z]*)*[?:)]?|\(?[A-Z][a-z]+", w) else w
                    for w in text.split(" "))


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not re.match(r"^[A-Z][a-z]+[A-Z]", text):
        return text[0].lower() + text[1:]
    return text


_CLAUSE_VERB = re.compile(r"\S\s+(?:can(?:not)?|can't|could|will|would|should|must|may|might|means|is|are|was|were|"
                          r"does|do|did|has|have|refers to)\s+\S", re.I)
"""A finite verb after the label's first word: the label is a statement with its subject, not a term."""


_EXAMPLE_LIST = re.compile(rf"(?:^|\b(?:services?|tools?)\s*|サービス)(?:{phrases('example_labels')})$|"
                           rf"^(?:examples?|use cases?)(?: of)?(?: aws)? (?:services?|tools?)$", re.I)
"""A heading or label listing examples ("AWS service examples", "Examples of services", "AWS サービス例")."""
_RUBRIC_HEADING = anchored("rubric_headings")
"""A heading that files notes without saying their topic ("Major rundown", "Misc"): never the context line."""
_STUDY_ADVICE = re.compile(r"^(?:know|learn|study|understand|review|memori[sz]e|focus on)\b", re.I)
"""A study instruction in the notes ("Know supported formats, …"): what to learn, not a fact."""


@dataclass(frozen=True)
class _Named:
    name: str


_SUBJECTLESS = re.compile(rf"^(?:{phrases('subjectless_openers')})\s(?!\d)", re.I)  # not "May 2024 …"
"""A line opening with a modal or a verb ("will need …", "can connect …"): its subject was left out."""
_SECTION_KIND = re.compile(rf"^(?:(?:{'|'.join(sorted(words_of('section_kind_words')))}|and|&|-)\s*)+$", re.I)
"""A label made only of section-kind words ("Key Features", "Exam Tips", "Anti-patterns")."""
_HEADING_SUFFIX = re.compile(rf"\s+(?:overview|deep dive|explained|basics|fundamentals|introduction|"
                             rf"{phrases('document_words')})$", re.I)
"""A heading's closing word that names the kind of page, not its subject ("Overview", "Notes", "Cheat sheet")."""

_TERM_COLON = re.compile(r"^([^:]{2,70}?):(?:\s+(.*)|$)")
_TERM_DASH = re.compile(r"^([^:—–]{2,50}?)\s+[—–]\s+(.+)$")


def _term_line(text: str) -> tuple[str, str] | None:
    """``Term:`` or ``Term: definition`` with a short, name-like term."""
    m = _TERM_COLON.match(text) or _TERM_DASH.match(text)
    if not m:
        return None
    if "," in m.group(1) or "<" in m.group(1) or "{" in m.group(1):
        return None
    name, rest = m.group(1).strip(), (m.group(2) or "").strip()
    if words(name) > MAX_TERM_WORDS or re.search(r"[.!?;]", name) or re.match(r"^(https?|s3)$", name):
        return None
    if re.match(r"^\d", name) and not re.match(r"^\d+\.\d+$", name):
        return None
    if name[0].islower() or re.match(r"^(in|when|if|as|for|with|at|on|to|the|this|that)\s", name, re.I):
        return None
    if rest and _CLAUSE_VERB.search(name):
        return None  # "A user can ask a question: …", "X means a hot shard: …" — a clause, not a name
    return name, rest


def _answer(sentence: str, term: str, subject: str, limit: int = MAX_ANSWER) -> str:
    """The definition sentence without the term repeated at its start and without trailing explanation."""
    s = sentence.strip()
    for lead in (term, subject):
        if lead and s.lower().startswith(lead.lower() + " "):
            s = s[len(lead):].strip()
            break
    s = re.sub(r"^(In this mode|In this case|Here),\s+", "", s)
    s = re.sub(r"^(It|These are|This is|E\.g\.,?|e\.g\.,?)\s+", "", s)
    s = trim_clause(s)
    s = re.sub(r"\s+(?:if|when|as) (?:necessary|needed|required|appropriate)\.?$", "", s)
    s = re.sub(r",?\s+depending on\b.*$", "", s) or s
    s = re.sub(r"^depends on [^;]+;\s*", "", s, flags=re.I) or s
    if words(s) > limit and ";" in s and words(s.split(";")[0]) >= 4:
        # "tool that delivers to S3, Redshift or Splunk; scaling is managed by AWS": the definition is the first clause
        s = s.split(";")[0].strip()
    if words(s) > limit:
        # last resort: drop a trailing purpose clause ("… can override the settings to delete or modify objects")
        m = re.search(r"\s+to (?!be\b)\w+\b.*$", s)
        if m and words(s[:m.start()]) >= 6:
            s = s[:m.start()]
    s = strip_end(s)
    return s[:1].upper() + s[1:] if s else s


_USED_WHEN = re.compile(r"^(?:used|useful|chosen|needed)\s+((?:if|when|where)\s+\S.*?)\.?$", re.I)
"""A bullet under a named label that says when the thing is the pick ("Used if the site has no virtualization")."""


def _resolve_it(sentence: str, subject: str) -> str:
    if re.match(r"^It\s", sentence) and subject:
        return f"{subject} {sentence[3:]}"
    return sentence


def _mentions_subject(catalog: Catalog, sentence: str, subject: str, ids: tuple[str, ...]) -> bool:
    if subject and subject.lower() in sentence.lower():
        return True
    # "Amazon Redshift COPY Command" is not named by a sentence that mentions Redshift
    return catalog.exact(subject) is not None and bool(ids) and ids[0] in catalog.ids(sentence)


def _starts_with_service(catalog: Catalog, name: str) -> bool:
    found = catalog.mentions(name)
    return bool(found) and found[0].start == 0 and words(re.sub(r"\([^)]*\)", "", name)) <= 6


STOP_TOKENS = words_of("name_filler") | words_of("generic_name_words")


@functools.lru_cache(maxsize=4096)
def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z0-9]+", name.lower()) if t not in STOP_TOKENS and len(t) > 1)


@functools.lru_cache(maxsize=256)
def _common_tokens(names: tuple[str, ...]) -> frozenset[str]:
    """The name parts every entity of a row shares (once per row, not once per pair of it)."""
    return frozenset.intersection(*(_name_tokens(n) for n in names))




def _title_is_subject(note: Note, title_subject: str) -> bool:
    """A topic title ("AWS Lambda", "Replayability") is a card's subject; a document's name is not."""
    if not title_subject or note.title_from_name and not re.search(r"[A-Z]{2,}|\b[A-Z][a-z]+[A-Z]", title_subject):
        return False
    return title_subject != note.title or not DOCUMENT_TITLE.search(title_subject)
