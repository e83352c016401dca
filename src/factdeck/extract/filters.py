"""The last word on each fact before it becomes a card: a named, ordered list of filters.

Every rule and the walker make facts from one shape of text; these filters judge the fact as a learner
meets it, whatever made it. Each is a pure function ``fact -> reason | None``; the first that objects
drops the fact, recorded as a skip with its reason. They encode the patterns blind readers dropped
(CARDS.md): a blank a learner cannot miss or cannot know, a front that points at a sentence it does
not show, trivia, a question with no answer.
"""
from __future__ import annotations

import functools
import inspect
import re
from typing import Callable

from ..lexicon import lexicon, phrases, words_of
from ..model import ClozeFact, CompareFact, Fact, QAFact, Skip
from ..model import Reason
from ..parse import strip_marks
from ..services import Catalog
from ..text import caseless, is_chatter

Filter = Callable[..., "Reason | None"]
"""``fact -> reason | None``; a filter that also takes ``catalog`` is given the build's service catalog."""

_NEGATION_ONLY = re.compile(r"^(?:does|do|did|is|are|was|were|can|could|will|would|should|must|has|have)?\s*"
                            r"(?:not|n't|never|cannot|only)(?:\s+\w+)?$", re.I)
_YEAR_OR_DATE = re.compile(r"^(?:(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?"
                           r"\s+(?:19|20)\d\d|\d{1,2}\s+\w+\s+(?:19|20)\d\d)$", re.I)
_DANGLING = re.compile(r"^(?:for example|for instance|e\.g\.|eg\b|i\.e\.|it|this|these|those|they|that|such|"
                       rf"here|there|above|below|the former|the latter|{phrases('leaning_markers')})\b", re.I)
_EXAMPLE_BLANK = re.compile(r"(?:\(|\b)(?:ex|e\.g|eg|i\.e|for example|for instance|such as|like)[:.,]?\s*$", re.I)
_GENERIC_TERM = re.compile(r"^(?:exam tips?|tips?|notes?|important|remember|warning|todo|summary|overview|"
                           r"key points?|misc(?:ellaneous)?|examples?|others?|general|details?)$", re.I)
_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "al", "ally", "ment", "ments", "ion", "ions", "ation",
             "ations", "ity", "ive", "able", "ness", "less", "ful", "ic", "ical")
_UNIT = re.compile(r"\b(?:milli)?seconds?|minutes?|hours?|days?|weeks?|months?|years?|ms|[kmgtp]i?b\b", re.I)
_WORD_ENDS = frozenset("ng nd nt st rt ck ll ss rd rn rm ts ds ks ps ms ns ls rs gs bs ct ft lt lk mp nk pt sh ch th ph gh "
                       "wn wl ws rk rl rb lf lm lp sk sp xt rp rf rg rh rv lb ld lv mb mn gn wd wt nc lch cs ps ws".split())
"""Two consonants an English word may end with; a text that ends on another pair ("…the netw") was cut."""
_COMPARISON = re.compile(r"\bvs\.?(?!\w)|\bversus\b|\bcompar", re.I)
_LOGISTICS = re.compile(phrases("exam_logistics"), re.I)
_logistics = caseless(_LOGISTICS)
_ACRONYM_TOKEN = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}s?\b")
_MARKETING = re.compile(phrases("marketing_claims"), re.I)
_EXAMPLE_LABEL = re.compile(rf"^\s*(?:{phrases('example_labels')})\s*:?\s*$", re.I)
_VAGUE = words_of("vague_words") | words_of("stop_words") | frozenset(
    "a an of and or to in on by is are be it as at its via plus with".split())
_FILLER = words_of("definition_filler") | _VAGUE
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|none|without|only)\b|n't\b", re.I)
_UNIT_ACRONYM = re.compile(r"^(?:[KMGTP]i?B|MS|SEC|MIN|HR|FAQ|TODO|TL|DR|OK|NB|PS|ETC|AKA)s?$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _hidden(fact: ClozeFact) -> list[str]:
    return [strip_marks(s.text).strip() for s in fact.segments if s.cloze]


def _shown(fact: ClozeFact) -> str:
    return strip_marks("".join(s.text for s in fact.segments if not s.cloze))


def _blank_neighbours(fact: ClozeFact):
    """Each blank with the segments right beside it, marks stripped: (hidden, segment before, segment after)."""
    segs = fact.segments
    for k, s in enumerate(segs):
        if s.cloze:
            yield (strip_marks(s.text).strip(), strip_marks(segs[k - 1].text) if k else "",
                   strip_marks(segs[k + 1].text) if k + 1 < len(segs) else "")


def _blank_sides(fact: ClozeFact):
    """Each blank segment with all the text on either side of it, marks stripped: (segment, before, after)."""
    segs = fact.segments
    for k, s in enumerate(segs):
        if s.cloze:
            yield s, strip_marks("".join(x.text for x in segs[:k])), strip_marks("".join(x.text for x in segs[k + 1:]))


def trivial_blank(fact: Fact) -> Reason | None:
    """A blank that is a bare 1 or 2, a lone negation or "only": the grammar answers it, or nothing does."""
    if not isinstance(fact, ClozeFact):
        return None
    for hidden in _hidden(fact):
        h = hidden.strip(" .,;:()")
        if re.fullmatch(r"[0-2]", h) or (_NEGATION_ONLY.match(h) and not _negated_verb(fact, h)):
            return Reason.TRIVIAL_BLANK
    return None


_POLARITY = re.compile(r"\b(?:any|anymore|either|nor|at all|yet|ever)\b", re.I)


def _negated_verb(fact: ClozeFact, hidden: str) -> bool:
    """"DynamoDB Streams [do not have] direct integration with Firehose": a negated verb with what it is about
    shown after it reads both ways (have / do not have) — a yes/no property, not a lone "[not]". Unless the
    rest only reads after a negation ("[does not] need any code")."""
    if not re.search(r"(?:not|n't|never|cannot)\s+[a-z]{3,}$", hidden, re.I):
        return False
    segments = list(fact.segments)
    at = next(i for i, s in enumerate(segments) if s.cloze and strip_marks(s.text).strip(" .,;:()") == hidden)
    after = strip_marks("".join(s.text for s in segments[at + 1:]))
    clause = re.match(r"[^,.;:()]*", after.strip()).group(0)
    return len(_WORD.findall(clause.lower())) >= 2 and not _POLARITY.search(clause)


def date_trivia(fact: Fact) -> Reason | None:
    """A year or a date as the answer: when something happened is not what an exam asks."""
    if isinstance(fact, ClozeFact) and any(_YEAR_OR_DATE.match(h.strip(" .,;:()")) for h in _hidden(fact)):
        return Reason.DATE_TRIVIA
    return None


_PRICE = re.compile(r"^\W*(?:~|about |around |from |only )?(?:[$€£¥]\s?(?P<a>\d[\d,]*(?:\.\d+)?)|"
                    r"(?P<b>\d[\d,]*(?:\.\d+)?)\s?(?:USD|EUR)\b)", re.I)
_PER_UNIT = re.compile(r"^\W*(?:/|per\b|an?\s+(?:hour|month|GB|TB|request|million)\b)", re.I)
_VARIES = re.compile(r"\bvar(?:y|ies|ying)\b|\bdepend(?:s|ing)? on\b", re.I)


def price_blank(fact: Fact) -> Reason | None:
    """A list price as the answer that only a price list answers: a fraction of a dollar per unit ("EBS — [$0.08]
    per GB per month", the figure of one volume type in one region), a price with no unit it is per, or one the
    card itself says varies. A headline price per unit ("Athena charges [$5] per TB scanned") is the pricing model,
    kept."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    for a, b in spans:
        m = _PRICE.match(text[a:b])
        if not m:
            continue
        amount = float((m.group("a") or m.group("b")).replace(",", ""))
        after = text[a + m.end():b] + text[b:]
        if amount < 1 or not _PER_UNIT.match(after) or _VARIES.search(text):
            return Reason.LIST_PRICE
    return None


_REJECTING = re.compile(rf"(?:\bNOT|,\s*not|\b(?:{phrases('rejecting_words')}))\s*$")


def rejected_alternative(fact: Fact) -> Reason | None:
    """A blank right after the words that set it aside ("set up in the ECS service NOT [CodeDeploy]", "rather than
    [polling]"): it hides the option the notes reject, while the fact — what is done — stands on the front."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    if any(_REJECTING.search(text[:a]) for a, _ in spans):
        return Reason.REJECTED_ALTERNATIVE
    return None


def example_blank(fact: Fact) -> Reason | None:
    """A blank right after "e.g." or "(ex:": an example value, not the fact."""
    if not isinstance(fact, ClozeFact):
        return None
    text = ""
    for s in fact.segments:
        if s.cloze and _EXAMPLE_BLANK.search(strip_marks(text)[-25:]):
            return Reason.EXAMPLE_BLANK
        text += s.text
    return None


_LIST_OPENER = re.compile(rf"(?:^|[(:;,]\s*|\s)(?:{phrases('example_openers')})(?!\w)\s*:?\s*", re.I)
_LIST_CLOSER = re.compile(rf"^\s*(?:,\s*[^,.;:()]{{1,40}}?)*,?\s*(?:{phrases('list_closers')})(?!\w)", re.I)


def example_item(fact: Fact) -> Reason | None:
    """One item of a list of examples hidden: a list that ends in "etc." ("never expire, [30 days], etc.") or
    a later item after "such as" / "e.g." ("such as S3, [Redshift], DynamoDB"): any other item fits the
    blank as well, so the card asks for an arbitrary pick, not a fact."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    for a, b in spans:
        before = re.split(r"[.;(]\s|[(:]", text[:a])[-1]
        after = text[b:]
        if _LIST_CLOSER.match(after) and (re.search(r",\s*$", text[:a]) or re.match(r"\s*,", after)):
            return Reason.EXAMPLE_ITEM
        opener = list(_LIST_OPENER.finditer(before))
        item = text[a:b].strip()
        if opener and re.search(r",\s*$", before) and "," in before[opener[-1].end():] \
                and len(item.split()) <= 4 and not re.match(r"(?:but|which|that|so|and|or|it|they|then)\b", item, re.I) \
                and re.match(r"\s*(?:,|and\b|or\b|\)|\.?\s*$)", after):
            return Reason.EXAMPLE_ITEM
    return None


_ARROW = re.compile(r"\s(?:→|->|=>|⇒)\s*\S")
_USE_ANSWER = re.compile(r"\b(?:use|choose|pick|go with)\s+(?:an?\s+|the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\W*$")


def scenario_blank(fact: Fact) -> Reason | None:
    """A "need X → use Y" line with the blank in the need and the service after the arrow shown ("Need SQL on
    data in [S3]? → Athena", "when you need … in [S3] use Athena"): the shown answer gives the condition away,
    or many conditions fit it. The card to make hides the answer, not the scenario."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    last = max(b for _, b in spans) if spans else 0
    after = text[last:]
    first = min(a for a, _ in spans) if spans else 0
    if any(re.match(r"[~<>≈]?\s*\d", h) for h in _hidden(fact)):
        return None  # "if a message is over [256 KB], use the Extended Client": the limit is the fact
    arrow = _ARROW.search(after)
    scenario = arrow and re.search(rf"\?|\b(?:{phrases('scenario_openers')})\b", text[:last + arrow.start()], re.I)
    if scenario:
        return Reason.SCENARIO_BLANK
    if _USE_ANSWER.search(after) and re.search(rf"\b(?:{phrases('scenario_openers')})\b", text[:first], re.I):
        return Reason.SCENARIO_BLANK
    return None


_MAY_BE_USED = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:can|could|may|might)\s+(?:also\s+)?be\s+used\b", re.I)
_CONDITION = re.compile(rf"^\s*(?:{phrases('scenario_openers')}|in case|for cases where)\b[^,]*,", re.I)


_YES_NO_QUALIFIERS = words_of("yes_no_qualifiers")


def bare_yes_no(fact: Fact) -> Reason | None:
    """"Amazon Redshift — replayability support: [No direct replay]": the whole answer is a yes or a no, the rest
    of it the label's own words again ("replay") and a qualifier ("direct", "native") — a coin toss on its own.
    A reason or a limit beside it ("No (24 h window)", "Yes, per shard") is the fact, kept."""
    if not isinstance(fact, ClozeFact) or len(_hidden(fact)) != 1:
        return None
    text, [(a, b)] = _spans(fact)
    if not re.search(r":\s*$", text[:a]) or re.search(r"\w", text[b:]):
        return None  # a label's whole value, not a word of a sentence ("objects are [not replicated] when …")
    m = re.match(r"(?i)(?:yes|no)\b\W*(.*)$", text[a:b].strip(" ."))
    if not m or not m.group(1) or re.search(r"[\d(),;:]", m.group(1)):
        return None
    label = {_stem(w) for w in re.findall(r"[a-z]+", _shown(fact).lower())}
    rest = re.findall(r"[a-z][\w-]*", m.group(1).lower())
    if rest and all(w in _YES_NO_QUALIFIERS or w in _VAGUE or _stem(w) in label for w in rest) \
            and any(_stem(w) in label for w in rest):
        return Reason.BARE_YES_NO
    return None


def option_blank(fact: Fact) -> Reason | None:
    """"If fresh results are needed at once, [Presto] can be used to query the data in place": the blank is what
    the sentence says *may* be used under a condition — one option, not the one answer; the front cannot tell
    the learner which of the tools that would also do is meant. "[Athena] is used to query S3 with SQL", a
    condition that names something ("when uploads to S3 crawl over long distances, …") and a limit ("if over
    [256 KB], …") are facts, kept."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    for a, b in spans:
        if re.match(r"\W*\d", text[a:b]) or not _MAY_BE_USED.match(text[b:]):
            continue
        sentence = re.split(r"[.;:]\s|\s—\s", text[:a])[-1]
        condition = _CONDITION.match(sentence)
        if condition and not re.search(r"\d|\s[A-Z]", condition.group(0)):
            return Reason.OPTION_BLANK  # a condition of plain words: it names nothing that singles the tool out
    return None


_NEGATED_PHRASE = re.compile(r"^(?:does|do|did|is|are|was|were|can|could|will|would|should|must|has|have)?\s*"
                             r"(?:not|n't|never|cannot|can't|can’t|won't|no need to|don't|doesn't)\b", re.I)


_REMEDY = re.compile(r"\b(?:to (?:fix|solve|work around|get around|avoid) (?:this|it|that)|workaround|the fix is)\b", re.I)
"""The fix stated after a limit ("[can't handle] sudden peaks: pre-warm to fix this") says there is a limit."""
_LACK_SO = re.compile(r"\b(?:no|without)\s+[\w-]+(?:\s+[\w-]+)?\s*,?\s*(?:so|therefore|thus|hence|=>|->|→)\s*(?:you|it|they|we)?\s*$", re.I)
"""A lack that leads to the hidden negation ("no index, so you [can't search] …") already says it."""


def explained_negation(fact: Fact) -> Reason | None:
    """A hidden negation ("IAM [does not require] region selection; it's a global service", "Athena is
    serverless: you [do not need to manage …]") whose reason stands on the front: the second clause (after
    ";", "because", or a label's colon) says why, so the yes/no is given away."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    for (a, b), hidden in zip(spans, _hidden(fact)):
        if not _NEGATED_PHRASE.match(hidden) or re.search(r"\d", hidden):
            continue
        before, after = text[:a].split(" — ")[-1], text[b:]
        if re.search(r"[;—]\s*\S+(?:\s+\S+){2,}|\b(?:because|since|as it|as they)\b\s+\S|"
                     r",\s+as\s+(?!well\b|of\b|long\b|soon\b|much\b|many\b|needed\b|required\b)\w+\s+\w+", after) \
                or re.search(r"\b(?:is|are)\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?\s*:\s*(?:you|it|they)?\s*$", before, re.I) \
                or _REMEDY.search(after) or _LACK_SO.search(before):
            return Reason.EXPLAINED_NEGATION
    return None


def dangling_start(fact: Fact) -> Reason | None:
    """A sentence that opens with "For example", "It", "This …": it leans on a sentence the card does not show."""
    if isinstance(fact, ClozeFact):
        body = [s.text for s in fact.segments]
        # the walker may put "Subject — " before the sentence; judge the sentence itself
        first = body[0].split(" — ", 1)[-1] if body else ""
        start = (first + "".join(body[1:2])).strip()
    elif isinstance(fact, QAFact):
        start = fact.answer.strip()
    else:
        return None
    if _DANGLING.match(strip_marks(start)):
        return Reason.DANGLING_START
    if _CONTINUING.match(strip_marks(start)):
        return Reason.CONTINUED_FRAGMENT
    return None


_CONTINUING = re.compile(rf"^(?:{phrases('continuing_conjunctions')})\s+[a-z]", re.I)
_STEP = re.compile(rf"\s(?:{phrases('step_joiners')})\s+(?:it\s+|they\s+)?[a-z]{{3,}}")
_CONDITIONAL = re.compile(r"\b(?:if|when|unless|once|until)\b", re.I)
_CUE = re.compile(rf"^\W*(?:{phrases('cue_openers')}).*?\s(?:{phrases('cue_pointers')})(?!\w)", re.I)


def narrated_step(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """A line that tells a flow step by step with a service as the blank: an actor's story ("client gets DNS from
    [Route 53] then sends the request to the load balancer") or the place a later step goes to ("searches the index
    and then links to the record in [DynamoDB]") — a guess at a diagram, not a fact about the service. A
    service's own mechanism ("Firehose stages the records in [S3] then issues a COPY") is kept, and so is a
    conditional ("if … then …", a rule, not a story) or a number or setting hidden in a step."""
    if catalog is None or not isinstance(fact, ClozeFact):
        return None
    statement = _card_text(fact).split(" — ", 1)[-1]
    step = _STEP.search(statement)
    if not step or _CONDITIONAL.search(statement[:step.start()]):
        return None
    offset = len(_card_text(fact)) - len(statement)
    actor = re.match(r"\W*(?:(?:the|a|an|your|our)\s+)?([a-z]+(?:\s[a-z]+)?)", statement, re.I)
    led = actor is not None and (actor.group(1).split()[0].lower() in _ACTORS or actor.group(1).lower() in _ACTORS)
    at = 0
    for s in fact.segments:
        text = strip_marks(s.text)
        if s.cloze and catalog.exact(text.strip()) is not None and (led or at - offset >= step.start()):
            return Reason.NARRATED_STEP
        at += len(text)
    return None


_ACTORS = words_of("scenario_actors") | words_of("flow_actors")


def cue_word_blank(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"Anytime see distributed tracing at the [request] level, think X-Ray": a cue line points at a service;
    a word hidden in the cue (not the service it points at) is a guess at the note's wording."""
    if not isinstance(fact, ClozeFact):
        return None
    statement = _card_text(fact).split(" — ", 1)[-1]
    if not _CUE.match(statement):
        return None
    if any(catalog is None or catalog.exact(h) is None for h in _hidden(fact)):
        return Reason.CUE_WORD_BLANK
    return None


def given_away(fact: Fact) -> Reason | None:
    """Every word of the blank already stands on the front (its prefix, its subject): nothing to recall."""
    if not isinstance(fact, ClozeFact):
        return None
    context = _context_line(fact)
    if _COMPARISON.search(context):
        context = ""  # "Kinesis vs MSK" above "[MSK]: add partitions": which of the two is the question
    shown = set(_WORD.findall((_shown(fact) + " " + context).lower()))
    for hidden in _hidden(fact):
        number = re.search(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", hidden)
        if number and _said_again(number.group(0), hidden[number.end():], _shown(fact)):
            return Reason.GIVEN_AWAY  # "up to [15] replicas (15 in all)": the number stands again
        if number:
            continue  # a number is the fact even when its unit is said elsewhere
        words = [w for w in _WORD.findall(hidden.lower()) if len(w) > 2 or re.fullmatch(r"[a-z]+\d+", w)]
        if words and all(w in shown for w in words):
            return Reason.GIVEN_AWAY
    return None


def label_gives_away(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """A cloze whose front opens with a label that says a word of its short answer ("Glue Catalog — Schema
    Versioning — tracks changes to [data schemas]", "Standard — [S3 Standard]: general-purpose storage"): the
    label names the fact, the blank only reads it back. Without the label the statement says nothing of what it
    is about, so there is no card. The services the label names are its subject, not a giveaway — unless the
    blank is the label itself with only its vendor or its service's name in front ("Standard — [S3 Standard]")."""
    if not isinstance(fact, ClozeFact) or not fact.segments or fact.segments[0].cloze \
            or " — " not in fact.segments[0].text:
        return None
    from ..cards import gives_away  # cards imports nothing of extract; imported late to keep layers apart
    label, asked = strip_marks(fact.segments[0].text).split(" — ", 1)
    hidden = " ".join(_hidden(fact))
    labels = [label, *asked.split(" — ")[:-1]]
    if any(_read_back(part, hidden, catalog) for part in labels):
        return Reason.LABEL_GIVES_AWAY
    if re.search(r"\w.*:\s*$", asked):
        return None  # "JDBC Connection — connection state: [persistent connection]": the attribute is asked
    if catalog is not None:
        label, hidden = (_unnamed(t, catalog) for t in (label, hidden))
    return Reason.LABEL_GIVES_AWAY if gives_away(label, hidden) else None


_VENDOR_WORDS = frozenset(("amazon", "aws", "apache"))


def _read_back(label: str, hidden: str, catalog: Catalog | None) -> bool:
    """"Standard — [S3 Standard]", "Glue — [AWS Glue]": the hidden name ends with the label word for word, and
    what comes before is only a vendor or the name of the service the label belongs to — the blank reads the
    label back. More than that ("Glacier — [Glacier Deep Archive]", "S3 — [S3 Standard]") is a fact to recall."""
    tokens = list(re.finditer(r"[a-z0-9]+", hidden.lower()))
    own = re.findall(r"[a-z0-9]+", label.lower())
    while len(own) > 1 and own[0] in _VENDOR_WORDS:
        own = own[1:]
    if not own or len(tokens) <= len(own) or [t.group(0) for t in tokens[-len(own):]] != own:
        return False
    head = hidden[:tokens[-len(own)].start()].strip(" -–(")
    if all(w in _VENDOR_WORDS for w in re.findall(r"[a-z0-9]+", head.lower())):
        return True
    return catalog is not None and catalog.exact(head) is not None


def _unnamed(text: str, catalog: Catalog) -> str:
    """The text without the services it names."""
    for m in reversed(catalog.mentions(text)):
        text = text[:m.start] + " " + text[m.end:]
    return text


_PROPERTY_TELLS = {str(k).lower(): re.compile(rf"(?:{'|'.join(v)})", re.I)
                   for k, v in lexicon()["property_tells"].items()}
_MANNERS = words_of("self_evident_manners")
_ADJUSTING = words_of("self_adjusting_verbs")


def said_twice(fact: Fact) -> Reason | None:
    """"once written it can't be deleted, is [immutable]": the hidden property word means what the front already
    says, the sentence says it twice. "Lambda scales [automatically]": a manner any reader guesses right after a
    verb of growth; so is "what is Scaling Behavior?" → "scales automatically and horizontally" with no figure.
    Both ask nothing a learner has to know."""
    if isinstance(fact, QAFact):
        m = _WHAT_IS.search(strip_marks(fact.question))
        answer = strip_marks(fact.answer)
        said = re.search(rf"\b(?:{'|'.join(sorted(_ADJUSTING))})\s+(?:{'|'.join(sorted(_MANNERS))})\b", answer, re.I)
        if m and said and not re.search(r"\d", answer) \
                and {w[:4] for w in re.findall(r"[a-z]+", m.group("term").lower())} & {said.group(0)[:4].lower()}:
            return Reason.SELF_EVIDENT_MANNER
        return None
    if not isinstance(fact, ClozeFact):
        return None
    shown = _shown(fact)
    full = strip_marks("".join(s.text for s in fact.segments))
    before = ""
    for s in fact.segments:
        if s.cloze:
            word = strip_marks(s.text).strip(" .,;:!()").lower()
            tell = _PROPERTY_TELLS.get(word)
            if tell is not None and tell.search(shown):
                return Reason.SAID_TWICE
            start = len(strip_marks(before))  # the other way: "non-transitive — [can't connect] … via another"
            end = start + len(strip_marks(s.text))
            for prop, tell in _PROPERTY_TELLS.items():
                if re.search(rf"(?<![\w-]){re.escape(prop)}(?![\w-])", shown, re.I) \
                        and any(m.start() < end and m.end() > start for m in tell.finditer(full)):
                    return Reason.SAID_TWICE
            last = re.findall(r"[a-z]+", strip_marks(before).lower())[-1:]
            if word in _MANNERS and last and last[0] in _ADJUSTING:
                return Reason.SELF_EVIDENT_MANNER
        before += s.text
    return None


def _said_again(number: str, unit: str, shown: str) -> bool:
    """The hidden number stands again on the front, not as another value ("1 WCU … up to [1 KB]" is two)."""
    unit = re.match(r"\s*([A-Za-z]*)", unit).group(1).lower()
    for m in re.finditer(rf"(?<![\w.,]){re.escape(number)}(?!\d|[.,]\d)\s*([A-Za-z]*)", shown):
        if not unit or not m.group(1) or m.group(1).lower().rstrip("s") == unit.rstrip("s"):
            return True
    return False


LONG_FRONT_WORDS = 25
"""A front this long around one hidden name is a paragraph that leads to the name ("[Amazon S3]: the usual choice
for staging due to its durability, scalability, cost, and integration with Glue, EMR …")."""
_NAME = re.compile(r"(?:(?:Amazon|AWS|Apache)\s+)?[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,3}(?:\s+\([^()]{1,20}\))?")


def nothing_asked(fact: Fact) -> Reason | None:
    """"API Gateway errors — [502]-": a bare number and, past the subject's lead, no word on the front — one of
    many codes, nothing said about it ("Lambda /tmp storage — [10,240 MB]" names what its unit measures)."""
    if not isinstance(fact, ClozeFact) or not all(re.fullmatch(r"[\d,.]+", h) for h in _hidden(fact)):
        return None
    shown = _shown(fact).split(" — ", 1)[-1] if " — " in _shown(fact) else _shown(fact)
    if not re.search(r"[^\W\d_]", shown):
        return Reason.NOTHING_ASKED
    return None


def long_front_name(fact: Fact) -> Reason | None:
    """One name hidden in a long front: the many words around it point at it, and the card reads as a paragraph."""
    if not isinstance(fact, ClozeFact):
        return None
    hidden = _hidden(fact)
    if len(hidden) == 1 and _NAME.fullmatch(hidden[0]) and not re.fullmatch(r"[\d\W]+", hidden[0]) \
            and len(_WORD.findall(_shown(fact).lower())) >= LONG_FRONT_WORDS:
        return Reason.LONG_FRONT_NAME
    return None


def empty_answer(fact: Fact) -> Reason | None:
    if isinstance(fact, QAFact) and not re.search(r"\w", strip_marks(fact.answer)):
        return Reason.EMPTY_ANSWER
    if isinstance(fact, CompareFact) and any(not re.search(r"\w", v) for _, v in fact.values):
        return Reason.EMPTY_COMPARISON_SIDE
    return None


def generic_term(fact: Fact) -> Reason | None:
    """"What is EXAM TIP?", "what are Notes?": a heading word taken for a term."""
    if not isinstance(fact, QAFact):
        return None
    m = re.search(r"what (?:is|are|does) (.+?)(?: mean| do)?\?$", fact.question, re.I)
    if m and _GENERIC_TERM.match(m.group(1).strip()):
        return Reason.HEADING_WORD_TERM
    return None


def _context_line(fact: Fact) -> str:
    """The small context line the card will show above the question (``cards.short_context``)."""
    from ..cards import hidden_text, short_context  # cards imports nothing of extract; imported late
    if isinstance(fact, ClozeFact):
        front = "".join("[…]" if s.cloze else s.text for s in fact.segments)
    elif isinstance(fact, QAFact):
        front = fact.question
    else:
        front = f"{fact.attribute}: {fact.subject}?"
    return short_context(fact.context, strip_marks(front), hidden=hidden_text(fact))


def _card_text(fact: Fact) -> str:
    if isinstance(fact, ClozeFact):
        return strip_marks("".join(s.text for s in fact.segments))
    if isinstance(fact, QAFact):
        return strip_marks(f"{fact.question} {fact.answer}")
    return strip_marks(f"{fact.attribute} " + " ".join(f"{e} {v}" for e, v in fact.values))


def chatter(fact: Fact) -> Reason | None:
    """Generated filler on the card ("Not detailed in sources but …"): the lexicon's chatter wherever it stands."""
    return Reason.CHATTER if is_chatter(_card_text(fact)) else None


def exam_logistics(fact: Fact) -> Reason | None:
    """The exam itself (number of questions, minutes, passing score, registration, courses): not exam content."""
    if _logistics(_card_text(fact)):
        return Reason.EXAM_LOGISTICS
    return None


def split_parenthesis(fact: Fact) -> Reason | None:
    """A blank that opens a parenthesis it does not close, or closes one it did not open: it cuts a phrase."""
    if not isinstance(fact, ClozeFact):
        return None
    for hidden in _hidden(fact):
        depth = 0
        for ch in hidden:
            depth += ch == "("
            depth -= ch == ")"
            if depth < 0:
                return Reason.SPLIT_PARENTHESIS
        if depth:
            return Reason.SPLIT_PARENTHESIS
    return None


def split_compound(fact: Fact) -> Reason | None:
    """A blank that ends or starts inside a hyphenated word ("[Column- and row]-level access", "real-[time]"):
    the front shows half a word beside the blank, the answer is a fragment. A figure before the hyphen
    ("[429]-quota exceeded") is a value with its label, kept."""
    if not isinstance(fact, ClozeFact):
        return None
    for hidden, before, after in _blank_neighbours(fact):
        if (re.search(r"[A-Za-z]$", hidden) and re.match(r"-[A-Za-z]", after)) \
                or (re.match(r"[A-Za-z]", hidden) and re.search(r"[A-Za-z]-$", before)):
            return Reason.SPLIT_COMPOUND
    return None


_PER = re.compile(r"^/\s?(?:s|sec|second|min|minute|hour|hr|day|week|month|year|GB|TB|MB|KB|request|user|node|shard|"
                  r"partition|table|account|region|AZ|instance|function|query|core|vCPU)s?\b", re.I)


def slash_alternative(fact: Fact) -> Reason | None:
    """A blank that is one side of a slash pair ("can connect InternetGW/[NAT gateway] in public subnet"): the
    note's shorthand for "either"; the other side is shown, the answer is half of it and nothing says which half
    is asked. A rate ("[1 MB]/second") is a figure and its unit, kept."""
    if not isinstance(fact, ClozeFact):
        return None
    for hidden, before, after in _blank_neighbours(fact):
        if not re.search(r"[A-Za-z]", hidden):
            continue
        if (re.search(r"[A-Za-z]/\s?$", before) and not re.search(r"\d\s?\w*/\s?$", before)) \
                or (re.match(r"/\s?[A-Za-z]", after) and not _PER.match(after) and not re.search(r"\d", hidden)):
            return Reason.SLASH_ALTERNATIVE
        if not re.search(r"\d", hidden) and _PAIR.search(before.split(" — ")[-1]) and _PAIR.search(after):
            # "to expand/contract [spot instance] count in response to increase/decrease in jobs": a telegraphic
            # line of either-ors around a blank that is no figure — what it asks is as loose as the line
            return Reason.SLASH_ALTERNATIVE
    return None


_PAIR = re.compile(r"(?<![\w/])[a-z]{2,}/[a-z]{2,}(?![\w/])")
"""Two lower-case words joined by a slash ("expand/contract"): the note's shorthand for either of them."""


_ENUMERATOR = re.compile(r"(?:^|(?<=[\s(]))(?:\d{1,2}|[A-Za-z]|[ivx]{1,4})\)|[:;]-?[()]")
"""A list marker ("1)", "b)") or a smiley: a parenthesis that pairs with nothing by design."""


def _balanced(text: str, markers: bool = True) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            break
    else:
        if depth == 0:
            return True
    return markers and _balanced(_ENUMERATOR.sub("", text), False)


def stray_parenthesis(fact: Fact) -> Reason | None:
    """A card whose sentence closes a parenthesis it never opened ("cannot track queries made in RDS)") or opens
    one it never closes ("What is Amazon OpenSearch(Elasticsearch?"): a line cut or garbled in the notes, the card
    reads as debris."""
    if isinstance(fact, ClozeFact):
        texts = [_card_text(fact)]
    elif isinstance(fact, QAFact):
        texts = [strip_marks(fact.question), strip_marks(fact.answer)]
    else:
        return None
    if any(not _balanced(t) for t in texts):
        return Reason.STRAY_PARENTHESIS
    return None


_GLUED = re.compile(rf"(?<![\w.])\d[\d,.]*\s?(?:{phrases('glue_units')})(?!ytes|its)(?-i:[a-z]{{3,}})", re.I)


def glued_word(fact: Fact) -> Reason | None:
    """A figure's unit glued to the next word ("180 Dayskeep in mind", "12 hoursfor a message"): two lines or a
    tag joined without a space in the notes — the card shows the debris and its value reads wrong."""
    if _GLUED.search(_card_text(fact)):
        return Reason.GLUED_WORD
    return None


_HOP = re.compile(r"\s(?:-|–|->|→|=>|⇒|>|<->|<=>|↔|<-|←)\s")


def path_chain(fact: Fact) -> Reason | None:
    """A line that draws a path ("on prem - Direct Connect - VIF - DCGW - [Transit Gateway]"): one hop hidden among
    short names joined by dashes or arrows is a diagram, not a statement — nothing says what the hop does."""
    if not isinstance(fact, ClozeFact):
        return None
    statement = _card_text(fact).split(" — ", 1)[-1]
    hops = _HOP.split(statement)
    if len(hops) >= 4 and sum(len(h.split()) <= 3 for h in hops) >= 3:
        return Reason.PATH_CHAIN
    return None


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", text)).upper()


def _expands(acronym: str, phrase: str) -> bool:
    """``phrase`` spells ``acronym`` out ("write once read many" for WORM; short words may be left out)."""
    a = acronym.rstrip("s").replace("&", "").upper()
    if len(a) < 2:
        return False
    words = re.findall(r"[A-Za-z][\w'-]*", phrase)
    full = "".join(w[0] for w in words).upper()
    major = "".join(w[0] for w in words if len(w) > 3 or w[0].isupper()).upper()
    return a in (full, major) or (len(a) >= 3 and (full.startswith(a) or full.endswith(a)) and len(full) - len(a) <= 1)


def acronym_gloss(fact: Fact) -> Reason | None:
    """The blank is an acronym's expansion while the acronym stands on the front, the acronym of an expansion
    on the front, or a gloss in parentheses right after an acronym ("OLAP ([analytical])"): a vocabulary
    exercise the front answers, not the fact."""
    if not isinstance(fact, ClozeFact):
        return None
    before = ""
    segs = fact.segments
    shown = _shown(fact) + " " + _context_line(fact)
    acronyms = set(_ACRONYM_TOKEN.findall(shown))
    for k, s in enumerate(segs):
        if s.cloze:
            hidden = strip_marks(s.text).strip(" .,;:()")
            after = strip_marks(segs[k + 1].text) if k + 1 < len(segs) else ""
            if re.search(r"\b[A-Z][A-Z0-9&]{1,7}s?\s*\(\s*$", strip_marks(before)) and re.match(r"\s*\)", after) \
                    and not re.search(r"\d", hidden) and not _UNIT.search(hidden):
                return Reason.ACRONYM_GLOSSED
            if any(_expands(a, hidden) for a in acronyms):
                return Reason.ACRONYM_SPELLED_OUT
            if _ACRONYM_TOKEN.fullmatch(hidden):
                window = re.findall(r"[A-Za-z][\w'-]*", shown)
                n = len(hidden.rstrip("s"))
                for i in range(len(window)):
                    for span in range(n, n + 3):
                        if i + span <= len(window) and _expands(hidden, " ".join(window[i:i + span])):
                            return Reason.ACRONYM_OF_FRONT
        before += s.text
    return None


def alias_given_away(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """The blank names a service the front already names by another spelling ("KDF … [Firehose]", "Amazon
    EMR … on [Elastic MapReduce]"): the catalog knows the two are one service."""
    if catalog is None or not isinstance(fact, ClozeFact):
        return None
    shown_ids = set(catalog.ids(_shown(fact)))
    context = _context_line(fact)
    context_ids = catalog.ids(context)
    if len(context_ids) == 1 and not _COMPARISON.search(context):
        shown_ids |= set(context_ids)  # a context line about one service gives that service away
    for hidden in _hidden(fact):
        if re.search(r"\d", hidden):
            continue  # "Graviton [3]": a version or a number is the fact
        svc = catalog.exact(hidden)
        if svc is not None and svc.id in shown_ids:
            return Reason.ALIAS_GIVEN_AWAY
    return None


@functools.lru_cache(maxsize=1)
def _telltales() -> dict[str, re.Pattern]:
    from ..services import builtin_telltales
    out = {}
    for sid, terms in builtin_telltales().items():
        # an acronym with its capitals ("VIF", "RCUs"), a phrase in any case ("hosted zone")
        forms = [re.escape(t) if re.fullmatch(r"[A-Z]{2,}s?", t) else f"(?i:{re.escape(t)})"
                 for t in sorted(terms, key=len, reverse=True)]
        out[sid] = re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")
    return out


def telltale_given_away(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """The blank names the one service a term on the front only exists with ("go through [Direct Connect] private
    VIF", "each [DynamoDB] table's RCUs"): the term answers it. The terms are catalog data (``telltales``)."""
    if catalog is None or not isinstance(fact, ClozeFact):
        return None
    shown = _shown(fact) + " " + _context_line(fact)
    tells = _telltales()
    for hidden in _hidden(fact):
        svc = catalog.exact(hidden)
        if svc is not None and svc.id in tells and tells[svc.id].search(shown):
            return Reason.TELLTALE_GIVES_AWAY
    return None


_WHAT_IS = re.compile(r"\bwhat (?:is|are) (?:an? |the )?(?P<term>[^?？]+?)\s*[?？]\s*$", re.I)


def own_name_answer(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"What is EC2?" answered "Elastic Compute Cloud": the answer is only the asked service's own name, spelled
    out, and nothing on the front relates it to another service. A front that names another service ("AWS DMS:
    what is SCT?") teaches where the tool belongs, kept."""
    if catalog is None or not isinstance(fact, QAFact):
        return None
    question = strip_marks(fact.question)
    m = _WHAT_IS.search(question)
    if not m:
        return None
    asked = catalog.exact(m.group("term"))
    named = catalog.exact(strip_marks(fact.answer).strip(" ."))
    if asked is None or named is None or asked.id != named.id:
        return None
    if set(catalog.ids(f"{_context_line(fact)} {question}")) - {asked.id}:
        return None
    return Reason.OWN_NAME_ANSWER


_EXPANSION_HEAD = re.compile(rf"\s+(?:{phrases('expansion_heads')})$", re.I)


def acronym_answer(fact: Fact) -> Reason | None:
    """"What is JDBC?" answered "Java Database Connectivity API": the answer is the acronym's own spelling out,
    at most with a generic head noun; the acronym on the front gives it away. An answer that also says what the
    thing is for ("Schema Conversion Tool that converts Oracle schemas to Aurora") is kept."""
    if not isinstance(fact, QAFact):
        return None
    m = _WHAT_IS.search(strip_marks(fact.question))
    if not m:
        return None
    acronyms = [a for a in _ACRONYM_TOKEN.findall(m.group("term")) if len(a.rstrip("s")) >= 2]
    answer = re.sub(r"\([^()]*\)", " ", strip_marks(fact.answer)).strip(" .。")
    if not acronyms or re.search(r"[^\w\s'&/-]", answer):
        return None
    for spelled in {answer, _EXPANSION_HEAD.sub("", answer).strip()}:
        words = re.findall(r"[A-Za-z][\w'-]*", spelled)
        if words and any(len(words) <= len(a.rstrip("s")) + 2 and _expands(a, spelled) for a in acronyms):
            return Reason.ACRONYM_ANSWER
    return None


_GLOSSED_QUESTION = re.compile(r"\bwhat (?:is|are) (?:an? |the )?(?P<term>[^?？()]+?)\s*\((?P<gloss>[^()]+)\)\s*[?？]\s*$",
                               re.I)


def parenthesis_answer(fact: Fact) -> Reason | None:
    """"What is Kinesis Analytics (Flink)?" answered "Stream processing with Apache Flink": the question's own
    parenthesis is the heart of a short answer; the front said it. An acronym in the parenthesis ("What is
    Elastic Load Balancing (ELB)?") or the acronym's spelling out is only another name, not the answer, kept."""
    if not isinstance(fact, QAFact):
        return None
    m = _GLOSSED_QUESTION.search(strip_marks(fact.question))
    if not m:
        return None
    term, gloss = m.group("term").strip(), m.group("gloss").strip()
    if _expands(gloss, term) or any(_expands(a, gloss) for a in _ACRONYM_TOKEN.findall(term)):
        return None
    answer = strip_marks(fact.answer)
    own = [w for w in _WORD.findall(gloss.lower()) if len(w) > 2]
    words = [w for w in re.findall(r"[a-z][\w'-]*", answer.lower()) if w not in _FILLER]
    if own and len(words) <= 6 and all(re.search(rf"\b{re.escape(w)}\b", answer.lower()) for w in own):
        return Reason.PARENTHESIS_ANSWERS
    return None


_KIND_ATTRIBUTE = re.compile(rf"\b(?:{phrases('kind_attributes')})\b", re.I)
_NAME_FILLER = frozenset("amazon aws apache service services for the and of".split())


def _name_stems(name: str) -> set[str]:
    return {w[:4] for w in re.findall(r"[a-z]{3,}", strip_marks(name).lower()) if w not in _NAME_FILLER}


def _restates_name(value: str, name: str, attribute: str, others: int | None) -> bool:
    """The value's words (its parenthesis left out) repeat two words of the name or more ("Amazon Elastic Block
    Store" → "Raw block storage"), with at most ``others`` words besides (None: any). Words the attribute asks
    with ("Instance types: Instance Fleet vs Instance Group") are the question's, not the name's."""
    value = re.sub(r"\([^()]*\)", " ", strip_marks(value))
    words = [w for w in re.findall(r"[a-z]{3,}", value.lower()) if w not in _NAME_FILLER]
    own = _name_stems(name) - _name_stems(attribute)
    hits = {w[:4] for w in words if w[:4] in own}
    return len(hits) >= 2 and (others is None or sum(w[:4] not in own for w in words) <= others)


def name_says_kind(fact: Fact) -> Reason | None:
    """"Amazon Elastic Block Store — storage type: [Raw block storage]", "Service type: EFS vs EBS?" → "file
    system ; block storage": a kind asked of something whose own name says that kind. The name answers."""
    if isinstance(fact, CompareFact):
        if _KIND_ATTRIBUTE.search(fact.attribute) and len(fact.values) >= 2 \
                and all(_restates_name(v, e, fact.attribute, None) for e, v in fact.values):
            return Reason.NAME_SAYS_KIND
        return None
    if not isinstance(fact, ClozeFact) or len(_hidden(fact)) != 1:
        return None
    lead = strip_marks("".join(s.text for s in fact.segments[:next(i for i, s in enumerate(fact.segments) if s.cloze)]))
    m = re.search(r"^(?P<name>.*?)\s+—\s+(?P<attr>[^—:]+):\s*$", lead)
    if m and _KIND_ATTRIBUTE.search(m.group("attr")) and _restates_name(_hidden(fact)[0], m.group("name"), m.group("attr"), 1):
        return Reason.NAME_SAYS_KIND
    return None


def term_names_service(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"Lake Formation: what is Encryption and Key Management?" → "uses AWS Key Management Service …": the term
    asked is the answering service's own name, so the front names the answer."""
    if catalog is None or not isinstance(fact, QAFact):
        return None
    m = _WHAT_IS.search(strip_marks(fact.question))
    if not m:
        return None
    term = _name_stems(m.group("term"))
    asked = set(catalog.ids(strip_marks(fact.question)))
    for mention in catalog.mentions(strip_marks(fact.answer)):
        own = _name_stems(mention.service.name)
        if mention.service.id not in asked and len(own) >= 2 and own <= term:
            return Reason.TERM_NAMES_SERVICE
    return None


_WHAT_DOES = re.compile(r"\bwhat (?:is|are|does) (?:an? |the )?(?P<term>[A-Za-z]+)\s*(?:do\s*)?[?？]\s*$", re.I)


_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
"""The words a glued name is made of ("CPUUtilization" → CPU, Utilization)."""
_PART_SYNONYMS = {str(k).lower(): v for k, v in lexicon()["name_part_synonyms"].items()}


def name_read_aloud(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """A glued name (a process, a metric, an API call) answered by reading it aloud: what it does stays unsaid.

    - every part of the name stands in a short answer, a "re-" or "un-" aside: "what is AZRebalance?" →
      "Balance number of instances across AZ's"; a part said in a plain synonym ("LowestPrice" → "the cheapest
      first", lexicon name_part_synonyms) is said;
    - or the name's words again, give or take one, in an answer of four words at most: "what is
      CPUUtilization?" → "Average CPU".

    A figure in the answer, or one part left unsaid ("CapacityOptimized" → "the deepest Spot pools"), is what
    the card teaches; a service's name ("DocumentDB" → "MongoDB-compatible document DB") is left to the
    definition filters."""
    if not isinstance(fact, QAFact):
        return None
    asked = strip_marks(fact.question)
    m = _WHAT_DOES.search(asked)
    if not m or (catalog is not None and catalog.mentions(m.group("term"))):
        return None
    parts = _CAMEL_PART.findall(m.group("term"))
    answer = strip_marks(fact.answer)
    if len(parts) < 2 or re.search(r"\d", answer):
        return None
    words = re.findall(r"[a-z][\w'-]*", answer.lower())
    if 1 <= len(words) <= 8 and all(_part_said(part.lower(), words, answer) for part in parts):
        return Reason.ANSWER_SPELLS_NAME
    if not _WHAT_IS.search(asked) or _NEGATION.search(answer) or _CJK.search(answer):
        return None
    content = [w for w in words if w not in _FILLER]
    name = {_stem(w.lower()) for w in parts}
    around = {_stem(w) for w in re.findall(r"[a-z][\w'-]*", f"{asked} {strip_marks(fact.context)}".lower())}
    if 1 <= len(content) <= 4 and any(_stem(w) in name for w in content) \
            and sum(_stem(w) not in name | around for w in content) <= 1:
        return Reason.ANSWER_SPELLS_NAME
    return None


def _part_said(part: str, words: list[str], answer: str) -> bool:
    """One part of a glued name stands in the answer: the word itself for a short part ("AZ", "In"), a word
    it begins (a "re-"/"un-" aside) or a synonym from the lexicon for a longer one."""
    if len(part) <= 2:  # not any word it begins ("interfaces")
        return any(re.fullmatch(rf"{part}(?:'?s)?", w) for w in words)
    core = re.sub(r"^(?:re|un)(?=[a-z]{4})", "", part)
    return any(w.startswith(part[:5]) or w.startswith(core[:5]) for w in words) \
        or any(re.search(rf"\b{re.escape(str(x))}\b", answer.lower()) for x in _PART_SYNONYMS.get(part, ()))


_EXAMPLES_ASKED = re.compile(r"\s(?:—|-|:)\s*(?:(?:aws|amazon)\s+)?(?:services?|examples?|service examples|"
                             r"tools|products)\s*[?？]$", re.I)


def service_list_answer(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"What is Compute?" answered "EC2, Lambda, Elastic Beanstalk": a list of services is a category to
    recite, not a definition. "Streaming ingestion — AWS services?" answered by a few of them: an open list,
    any other member of the category would be as right."""
    if isinstance(fact, QAFact) and _EXAMPLES_ASKED.search(strip_marks(fact.question)) \
            and len(re.findall(r"[,;]", strip_marks(fact.answer))) >= 1:
        return Reason.OPEN_EXAMPLE_LIST
    if catalog is None or not isinstance(fact, QAFact) or not re.match(r".{0,60}\bwhat (?:is|are)\b", fact.question, re.I):
        return None  # a scenario answered by an architecture ("Kinesis Data Streams, Lambda, DynamoDB") is a fact
    items = [i for i in re.split(r",\s*|\s+and\s+|\s*/\s*|;\s*", strip_marks(fact.answer).strip(" .")) if i.strip()]
    if len(items) >= 3 and all(catalog.exact(i) is not None for i in items):
        return Reason.SERVICE_LIST_ANSWER
    return None


_LIST_SPLIT = re.compile(r"\s*[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _list_items(text: str) -> list[str]:
    """"SMB, NTFS, Active Directory, or Windows ACLs" → four items; a parenthesis is one item's gloss, not items
    ("underlying resources (EC2, ASG, ELB)" is one)."""
    flat = re.sub(r"\s*\([^()]*\)", "", text).strip(" .")
    return [i for i in _LIST_SPLIT.split(flat) if i.strip()]


def long_list_blank(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """A blank that hides a list: four or more short items that are not all services ("needing [SMB, NTFS,
    Active Directory, or Windows ACLs]"), or five or more of anything ("integrate with [EC2, ECS, Beanstalk,
    Lambda, API Gateway]"), is a list to recite, not one fact; three or more variants of one service ("works
    with [File Gateway, Volume Gateway, Tape Gateway]") say "all of them". Three protocols ("[NFS, SMB, iSCSI]")
    and a few services a sentence names ("attached to [CloudFront, ALB, API Gateway]", "can trigger: [SNS, SQS,
    Lambda, EventBridge]") are a fact; a gloss in parentheses is one item's ("[resources (EC2, ELB, RDS)]")."""
    if not isinstance(fact, ClozeFact):
        return None
    text, spans = _spans(fact)
    for a, b in spans:
        items = _list_items(text[a:b])
        if len(items) < 3 or any(len(i.split()) > 4 for i in items) or re.search(r"(?<![\w.])\d", text[a:b]):
            continue  # a clause, or figures ("1, 2 or 4 GB"): not a list of names
        found = [catalog.exact(i) for i in items] if catalog is not None else [None]
        services = all(found)
        if len(items) >= 5 or (len(items) >= 4 and not services):
            return Reason.LONG_LIST_BLANK
        if services and len({s.parent for s in found}) == 1 and found[0].parent:
            return Reason.SERVICE_LIST_ANSWER
    return None


_OPEN_QUESTION = re.compile(rf"\b[a-z]+\s+(?:{phrases('open_list_leads')})\s*\?\s*$", re.I)


def open_list_question(fact: Fact) -> Reason | None:
    """A question that stops on the word that opens a set of targets ("SNS — can send to?", "EMR — can access data
    in?") answered by two or more items: where something sends or what it works with is an open set, the notes
    give a few and any other member is as right. "based on?" or "characterized by?" asks for the criteria, kept."""
    if not isinstance(fact, QAFact) or not _OPEN_QUESTION.search(strip_marks(fact.question)):
        return None
    if re.search(r"\b(?:all|both|two|three|four|five|\d+)\b", fact.question, re.I):
        return None  # "which two …": the count says how much is asked
    if len([i for i in re.split(r"\s*[;,]\s*", strip_marks(fact.answer).strip(" .")) if i.strip()]) >= 2:
        return Reason.OPEN_EXAMPLE_LIST
    return None


def family_subject(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """A figure said of a brand name that covers several services ("Kinesis stores up to [365 days]"): the card
    names the family and no member, and the members' limits differ (Data Streams keeps records, Firehose none),
    so the front does not say whose figure is asked. A member named anywhere on the card, or another service
    whose figure it may be ("as opposed to SQS, which keeps [14 days]"), keeps it."""
    if catalog is None or not isinstance(fact, ClozeFact) or not any(re.search(r"\d", h) for h in _hidden(fact)):
        return None
    from ..services import builtin_umbrellas
    ids = set(catalog.ids(f"{fact.context} {fact.subject} {_shown(fact)}"))
    umbrellas = ids & builtin_umbrellas()
    if len(umbrellas) != 1 or ids - umbrellas:
        return None
    return Reason.FAMILY_SUBJECT


def truncated_end(fact: Fact, vocabulary: frozenset[str] = frozenset()) -> Reason | None:
    """A card whose text stops inside a word ("traffic never leaves the netw"): the last word is not a word
    anywhere else in the note but begins a longer word that is. Only such a sure cut is dropped."""
    text = _card_text(fact).rstrip()
    m = re.search(r"(?<![\w-])([a-z]{3,})$", text)
    if not m or not vocabulary:
        return None
    tail = m.group(1)
    end = tail[-2:]
    if re.search(r"[aeiouy]", end) or end in _WORD_ENDS or end[0] == end[1]:
        return None  # it could end a word: only a sure cut is dropped
    if tail in vocabulary:
        return None
    if any(tail + end in vocabulary for end in _SUFFIXES):
        return None  # "stream" beside "streaming": a word with its forms, not a cut
    if any(len(w) > len(tail) + 1 and w.startswith(tail) for w in vocabulary):
        return Reason.TRUNCATED_END
    return None


def _spans(fact: ClozeFact) -> tuple[str, list[tuple[int, int]]]:
    """The cloze's text with the character span of each blank."""
    text, spans = "", []
    for s in fact.segments:
        t = strip_marks(s.text)
        if s.cloze:
            spans.append((len(text), len(text) + len(t)))
        text += t
    return text, spans


def marketing_claim(fact: Fact) -> Reason | None:
    """A brochure's figure as the answer: "over [3x] faster than …", "(up to [400% improvement])", a company's
    migration story ("By migrating to …, X reduced expenses …"). The blank must fall inside the claim (from
    its start to the end of its clause): "[Graviton 3]: up to 25% better performance" names a product, kept."""
    if isinstance(fact, ClozeFact):
        text, spans = _spans(fact)
    elif isinstance(fact, QAFact):
        q = strip_marks(fact.question) + " "
        text, spans = q + strip_marks(fact.answer), [(len(q), len(q) + len(strip_marks(fact.answer)))]
    else:
        return None
    for m in _MARKETING.finditer(text):
        end = re.search(r"[.;)](?:\s|$)|$", text[m.end():])
        stop = m.end() + end.start() if end else len(text)
        start = text.rfind(". ", 0, m.start()) + 1 if m.group(0).lower().startswith(("by migrating", "increased")) \
            else m.start()
        if any(a < stop and b > start for a, b in spans):
            return Reason.MARKETING_CLAIM
    return None


def _concrete(answer: str) -> bool:
    """A number, an acronym, a negation, a word outside the vague vocabulary, or any CJK text."""
    a = strip_marks(answer)
    if re.search(r"\d", a) or _NEGATION.search(a) or _CJK.search(a):
        return True
    if any(not _UNIT_ACRONYM.match(t) and t.lower() not in _VAGUE for t in _ACRONYM_TOKEN.findall(a)):
        return True
    words = re.findall(r"[a-z][\w'-]*", a.lower())
    return any(w not in _VAGUE for w in words)


def vague_answer(fact: Fact) -> Reason | None:
    """An answer made only of vague words ("Tight AWS integration", "Customizable", "AWS Native"): nothing a
    learner could get wrong. A number, an acronym, a negation or one concrete word keeps it."""
    if isinstance(fact, ClozeFact):
        answers = [h for h in _hidden(fact) if re.search(r"\w", h)]
    elif isinstance(fact, QAFact):
        answers = [fact.answer]
    elif isinstance(fact, CompareFact):
        answers = [" ".join(v for _, v in fact.values)]
    else:
        return None
    if answers and not any(_concrete(a) for a in answers):
        return Reason.VAGUE_ANSWER
    if any(len(parts := re.split(r"\s\+\s", a)) >= 3 and not all(_concrete(p) for p in parts) for a in answers):
        return Reason.VAGUE_ANSWER_PART  # "EC2 + EMR hourly + data ops": one part a learner cannot get wrong or right
    if isinstance(fact, QAFact) and _VAGUE_CJK.search(strip_marks(fact.answer)):
        return Reason.VAGUE_ANSWER_SIMPLIFIES  # "ワークロードを簡素化"
    return None


_VAGUE_CJK = re.compile(r"^[^、。,.0-9A-Z]{1,24}を(?:" + "|".join(sorted(words_of("vague_predicates_cjk"), key=len,
                                                                           reverse=True)) + r")(?:する|します)?[。.]?$")


_GENERIC_NOUNS = words_of("generic_nouns") | _VAGUE


def generic_definition(fact: Fact) -> Reason | None:
    """"What is Systems Manager?" → "Operational management", "What is DLQ?" → "Useful for debugging": a definition of
    at most three words, all of them category nouns or vague words (no name, number or acronym), names the
    area a thing belongs to, not what it is — nothing a learner could get wrong."""
    if not isinstance(fact, QAFact) or not re.search(r"\bwhat (?:is|are)\b", fact.question, re.I):
        return None
    answer = strip_marks(fact.answer).strip(" .")
    words = re.findall(r"[^\W\d_][\w'-]*", answer)
    if not words or len(words) > 3 or re.search(r"\d", answer) or _CJK.search(answer) or _NEGATION.search(answer):
        return None
    if any(w.isupper() and len(w) > 1 for w in words) or any(w[:1].isupper() for w in words[1:]):
        return None  # an acronym or a name ("Schema Conversion Tool") is an answer
    if all(p.lower() in _GENERIC_NOUNS for w in words for p in re.split(r"[.'-]", w) if p):
        return Reason.CATEGORY_DEFINITION
    return None


_LABEL_QUESTION = re.compile(r"^(?P<scope>[^:：]+?)\s*[:：]\s*what (?:is|are) (?P<term>.+?)\s*[?？]$", re.I)
_TOPIC_WORDS = words_of("topic_labels") | _GENERIC_NOUNS


def _label_question(fact: Fact) -> tuple[str, str] | None:
    """(scope, term) of a label turned into a definition question ("Storage Optimization: what is Cold data?")."""
    if not isinstance(fact, QAFact):
        return None
    m = _LABEL_QUESTION.match(strip_marks(fact.question).strip())
    if not m or _CJK.search(fact.question) or _CJK.search(fact.answer):
        return None
    return m.group("scope").strip(), m.group("term").strip()


def unscoped_concept(fact: Fact, catalog: Catalog | None = None, on_catalog: bool = False) -> Reason | None:
    """"Storage Optimization: what is Cold data?", "Types of Data Stores: what are Relational Databases?": a label
    of the notes asked as a definition under a heading that names no service, of a term that is plain words (no
    name, acronym or number). The answer is a textbook definition of a general idea, not a fact of AWS; under a
    service's heading ("Amazon DynamoDB: what is GSI?") or with a term of its own it is kept. Judged only in a
    note about the catalog's services (as ``no_subject``): elsewhere a heading the catalog does not know
    ("Load Balancing") may well be the service."""
    if catalog is None or not on_catalog:
        return None
    asked = _label_question(fact)
    if asked is None:
        return None
    scope, term = asked
    if re.search(r"\d", term) or any(not _UNIT_ACRONYM.match(t) for t in _ACRONYM_TOKEN.findall(term)) \
            or re.search(r"[A-Za-z][a-z]+[A-Z]|[_`<>]", term):  # CamelCase or code: an API's own name
        return None
    if catalog.mentions(f"{fact.question} {fact.context} {fact.subject}"):
        return None
    told = re.sub(r"\((?:e\.g\.|eg\b|for example|such as|like\b)[^)]*\)|\b(?:such as|e\.g\.|for example)\b.*$", "",
                  strip_marks(fact.answer), flags=re.I)
    if catalog.mentions(told):
        return None  # "Envelope encryption: a data key wrapped by a KMS key" says how a service does it
    return Reason.UNSCOPED_CONCEPT


def topic_label_term(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"Amazon SNS: what is Access?", "AWS CloudFormation: what is Data retention?": a label that names a topic
    of the notes (access, retention, pricing, monitoring) asked as if it were a term to define — the answer is
    whatever the notes said about the topic, which the question does not ask for."""
    asked = _label_question(fact)
    if asked is None:
        return None
    scope, term = asked
    words = re.findall(r"[a-z][\w'-]*", term.lower())
    if not (0 < len(words) <= 2 and term[:1].isupper() and all(w in _TOPIC_WORDS for w in words)):
        return None
    if catalog is not None and any(m.end > len(scope) for m in catalog.mentions(f"{scope} {term}")):
        return None  # "Amazon Kinesis: what is Data Analytics?" names a service with its heading
    return Reason.TOPIC_LABEL_TERM
    return None


def unpaired_either(fact: Fact) -> Reason | None:
    """"Large Producer? → Either batch & aggregate (KPL or PutRecords …)": an answer that opens "either" and
    offers no second choice outside its parentheses was cut or garbled — half an answer."""
    for answer in _answers(fact):
        a = strip_marks(answer).strip()
        if re.match(r"either\b", a, re.I) and not re.search(r"\bor\b|/", re.sub(r"\([^()]*\)?", "", a), re.I):
            return Reason.UNPAIRED_EITHER
    return None


_PARAMETER_HEADING = re.compile(rf"\b(?:{phrases('parameter_headings')})\b", re.I)


def _abbreviates(part: str, word: str) -> bool:
    """"db" of "database", "id" of "identifier", "user" of "users": the word starts the same and holds the part's
    letters in order."""
    if word.startswith(part):
        return True
    rest = iter(word)
    return part[:1] == word[:1] and all(c in rest for c in part)


def api_parameter(fact: Fact) -> Reason | None:
    """"Data API: what is DbUser?" → "The database user credentials …" under "Important Concepts and Parameters":
    a request field of an API whose answer only spells its code name out — reference trivia, nothing learnt.
    A field whose answer says what it is for ("StatementId" → "used to fetch results of asynchronous
    queries") is kept, and so is a code name under any other heading (a metric, a process)."""
    asked = _label_question(fact)
    if asked is None or not re.fullmatch(r"[A-Za-z]*[a-z][A-Z]\w*|[a-z]+_[a-z_]+", asked[1]):
        return None
    if not (_PARAMETER_HEADING.search(fact.context) or _PARAMETER_HEADING.search(asked[0])):
        return None
    parts = [p.lower() for p in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", asked[1])]
    head = [w for w in re.findall(r"[a-z]+", strip_marks(fact.answer).lower()) if w not in _FILLER][:len(parts) + 1]
    if parts and all(any(_abbreviates(p, w) for w in head) for p in parts):
        return Reason.API_PARAMETER
    return None


_ASKED_TERM = re.compile(r"\bwhat (?:is|are|does|do) (?!the\b|an?\b|your\b|my\b)(.+?)(?:,?\s*which)?(?:\s+mean|\s+do)?\s*[?？]$", re.I)
_FINITE = re.compile(r"\b(?:can|could|will|would|should|must|is|are|was|were|has|have)\b", re.I)


def clause_as_term(fact: Fact) -> Reason | None:
    """"Amazon Kendra: what is User can ask a question?", "What does Adding the callback is optional mean?": a
    clause of the notes (it has its own verb) asked as if it were a term — the front is not a question a
    learner can read."""
    if not isinstance(fact, QAFact):
        return None
    question = strip_marks(fact.question)
    m = _ASKED_TERM.search(question)
    if not m or (re.search(r"\bwhat (?:does|do)\b", m.group(0), re.I) and not re.search(r"\bmean\s*[?？]$", question)):
        return None  # "what does Athena do when a query is cancelled?" asks what it does
    term = m.group(1)
    verb = _FINITE.search(term)
    if len(term.split()) >= 3 and verb and not _COMPARISON.search(term) \
            and not re.search(r"\b(?:when|if|where|after|before|while|that|which|who|whose|because|once|until|unless)\b",
                              term[:verb.start()], re.I):
        return Reason.CLAUSE_AS_TERM
    return None


def symbol_answer(fact: Fact) -> Reason | None:
    """A blank with no word in it (a bare ✅, an arrow): a symbol is not an answer."""
    if isinstance(fact, ClozeFact) and any(h and not re.search(r"\w", h) for h in _hidden(fact)):
        return Reason.SYMBOL_ANSWER
    return None


def _stem(word: str) -> str:
    return word[:5]


_OPTIONS_SHOWN = re.compile(r"\s*\((?:[^()]* / )+[^()]*\)\s*$")


def circular_answer(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"What is a data warehouse?" → "designed for data warehousing": every content word of the answer is the
    question's own (or a definition's filler): the answer restates the question."""
    if not isinstance(fact, QAFact):
        return None
    asked = _OPTIONS_SHOWN.sub("", strip_marks(fact.question))  # a choice among shown options is not circular
    question = {_stem(w) for w in re.findall(r"[a-z][\w'-]*", asked.lower())}
    answer = strip_marks(fact.answer)
    if re.search(r"\d", answer) or _NEGATION.search(answer):
        return None
    if _named_kind(asked, answer):
        return Reason.ANSWER_WRAPS_NAME
    if re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]+)+[A-Z]*|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+){2,}[A-Z]*", answer):
        return None  # "which metric is the ratio of pending containers …?" → "ContainerPendingRatio": the exact name
    if _CJK.search(answer):
        return _circular_cjk(strip_marks(fact.question), answer)
    words = [w for w in re.findall(r"[a-z][\w'-]*", answer.lower()) if w not in _FILLER]
    if all(_stem(w) in question for w in words):
        return Reason.CIRCULAR_ANSWER
    if _WHAT_IS.search(asked) and len(words) <= 5 and any(_stem(w) in question for w in words) \
            and all(_stem(w) in question or w in _RESTATING for w in words):
        return Reason.ANSWER_WRAPS_NAME  # "Run batch workloads"
    heading = {_stem(w) for w in re.findall(r"[a-z][\w'-]*", strip_marks(fact.context).split("›")[-1].lower())}
    if _WHAT_IS.search(asked) and 1 <= len(words) <= 3 and all(_stem(w) in question | heading for w in words):
        return Reason.ANSWER_WRAPS_NAME  # "Consumer" above "what is AWS SDK?" → "Simple consumer"
    return None


_GLOSSES = {str(k).lower(): re.compile(rf"\b(?:{'|'.join(str(x) for x in v)})\b", re.I)
            for k, v in lexicon()["term_word_glosses"].items()}
_GLOSS_FREE = _FILLER | _GENERIC_NOUNS | words_of("restating_words") | frozenset(
    re.findall(r"[a-z]+", " ".join(words_of("placement_nouns"))))


def _same_word(a: str, b: str) -> bool:
    """One word in two forms ("routing" / "routes", "shared" / "share")."""
    return a == b or (min(len(a), len(b)) >= 4 and a[:4] == b[:4])


def glossed_term(fact: Fact) -> Reason | None:
    """"What is Static routing?" → "Manually defined routes", "what is Shared file storage?" → "multiple instances
    can mount the file system at the same time": a term made of plain words, each of which the answer only says
    again — itself or in other words (lexicon term_word_glosses: static → manually, shared → at the same time) —
    with at most two words of its own. The term is its own definition; the card hides nothing a learner could
    miss. A figure, a negation, an acronym the term does not have ("Dynamic routing" → "uses BGP"), or a term
    word the answer does not gloss keeps it; so does a named feature ("Shared VPC", "Global Tables": an acronym
    or a capital after the first word), whose definition says what the name alone does not."""
    if not isinstance(fact, QAFact):
        return None
    m = _WHAT_IS.search(strip_marks(fact.question))
    answer = strip_marks(fact.answer)
    if not m or re.search(r"(?<![A-Za-z])\d", answer) or _CJK.search(answer) or _CJK.search(m.group("term")):
        return None  # a figure is a fact ("EC2" is a name)
    words = m.group("term").split()
    if any(w[:1].isupper() for w in words[1:]) or any(not _UNIT_ACRONYM.match(t) for t in _ACRONYM_TOKEN.findall(
            m.group("term"))):
        return None  # "Global Tables", "Shared VPC": a feature's own name, not a phrase of plain words
    term = re.findall(r"[a-z][a-z']*", m.group("term").lower())
    glossed = [w for w in term if w in _GLOSSES and _GLOSSES[w].search(answer)]
    if not glossed:
        return None
    rest = answer
    for w in glossed:
        rest = _GLOSSES[w].sub(" ", rest)
    if _NEGATION.search(rest):
        return None
    said = re.findall(r"[a-z][\w'-]*", rest.lower())
    if any(w not in glossed and w not in _GLOSS_FREE and not any(_same_word(w, a) for a in said) for w in term):
        return None  # a word of the term the answer does not say: it may be what the card teaches
    own = set(re.findall(r"[a-z0-9]+", f"{fact.subject} {fact.question}".lower()))
    own |= {_initials(re.sub(r"\b(?:amazon|aws|apache)\b", "", strip_marks(fact.subject), flags=re.I)).lower()}
    extra = [w for w in said if w not in _GLOSS_FREE and w.rstrip("s") not in _GLOSS_FREE and w not in own
             and w not in ("other", "others") and not any(_same_word(w, t) for t in term)]
    if len(extra) <= 2:
        return Reason.TERM_GLOSSED
    return None


def _named_kind(asked: str, answer: str) -> bool:
    """"What is the Redshift Data API?" → "an API to run queries on Redshift tables" (or "…クエリを実行するための
    API。"): the name ends in the kind of thing it is, the answer is that kind again with a purpose of two words
    or so beside the name's own words — what sets it apart stays unsaid."""
    m = _WHAT_IS.search(asked)
    name = re.sub(r"\s*\([^)]*\)\s*$", "", m.group("term")).strip() if m else ""
    kind = name.split()[-1] if len(name.split()) >= 2 else ""
    if not re.fullmatch(r"[A-Za-z]{3,}", kind) or kind.lower() not in _KIND_NOUNS:
        return False
    own = {_stem(w) for w in re.findall(r"[a-z][\w'-]*", name.lower())}
    if _CJK.search(answer):
        body = answer.strip().rstrip("。.")
        if not body.lower().endswith(kind.lower()):
            return False
        rest = body[:-len(kind)]
        for w in sorted(set(re.findall(r"[A-Za-z][\w-]*", name)), key=lambda w: (-len(w), w)):
            rest = rest.replace(w, "")
        for filler in _CJK_FILLER:
            rest = rest.replace(filler, "")
        return len(re.sub(r"[\sA-Za-z]", "", rest)) <= 14 and not re.search(r"[A-Za-z0-9]", rest)
    lead = re.match(rf"^\W*(?:an?|the)\s+{re.escape(kind)}\s+(?:to|for|that|which)\b(.*)$", answer, re.I)
    if lead is None:
        return False
    extra = [w for w in re.findall(r"[a-z][\w'-]*", lead.group(1).lower()) if w not in _FILLER and _stem(w) not in own]
    return len(extra) <= 2


_RESTATING = words_of("restating_words") | _GENERIC_NOUNS
_KIND_NOUNS = words_of("name_kind_nouns")


def vague_subject(fact: Fact) -> Reason | None:
    """A cloze about a subject made only of vague words ("AWS Native Stack — versioning: […]", "AWS Native —
    storage layer: […]"): the front names no thing a learner could look up."""
    if not isinstance(fact, ClozeFact) or not fact.segments or fact.segments[0].cloze:
        return None
    head = strip_marks(fact.segments[0].text)
    if " — " not in head:
        return None
    subject = head.split(" — ", 1)[0]
    words = re.findall(r"[a-z][\w'-]*", subject.lower())
    if words and not re.search(r"\d", subject) and not _CJK.search(subject) and all(w in _VAGUE for w in words):
        return Reason.VAGUE_SUBJECT
    return None


_INSTRUCTION = re.compile(r"^(?:use|using|don'?t use|do not use|when to use|avoid|choose|pick)\b(?!\s+(?:cases?|of)\b)", re.I)


def instruction_subject(fact: Fact) -> Reason | None:
    """A cloze whose subject is an instruction the notes used as a heading ("use CF func — only have […] execution
    time"): a verb phrase, not the thing the fact is about, and the statement has no subject of its own (it opens
    in lower case) — the front does not name what it is about. "Using X — Node.js [does not …]" names it, kept."""
    if not isinstance(fact, ClozeFact) or not fact.segments or fact.segments[0].cloze:
        return None
    head = strip_marks("".join("\0" if s.cloze else s.text for s in fact.segments))
    if " — " in head and _INSTRUCTION.match(strip_marks(fact.subject).strip()) \
            and head.split(" — ", 1)[0].strip().endswith(strip_marks(fact.subject).strip()) \
            and re.match(r"\s*[a-z\0]", head.split(" — ", 1)[1]):
        return Reason.INSTRUCTION_SUBJECT
    return None


_LABEL_ANSWER = re.compile(r"^\s*([A-Z][a-z][\w-]{1,25}):\s+\S")
_ANSWER_LABELS = frozenset("definition meaning purpose summary answer short brief example note idea goal role "
                           "function what why how".split())


_PRICE_ANSWER = re.compile(rf"^\W*(?:{phrases('price_leads')})\b", re.I)
# the whole answer under the default: "By default, …", "Default: …" or "…, by default" (set off by a comma; "hides
# a message for 30 seconds by default" says what the thing does, then its default)
_DEFAULT_ANSWER = re.compile(rf"^\W*(?:{phrases('default_marks')})\W|,\s*(?:{phrases('default_marks')})\W*$", re.I)


def off_topic_answer(fact: Fact) -> Reason | None:
    """"What is a sort key?" answered "Interleaved: longer loads …": an answer that opens with a one-word
    label of its own ("Interleaved:", not "Definition:" nor an acronym), sharing no word with the question, is
    about that label, not what was asked."""
    if not isinstance(fact, QAFact) or not re.search(r"\bwhat (?:is|are)\b", fact.question, re.I):
        return None
    if _PRICE_ANSWER.match(strip_marks(fact.answer)) and not re.search(r"\b(?:pric|cost|bill|charg|pay)", fact.question, re.I):
        return Reason.PRICE_ANSWER
    if _DEFAULT_ANSWER.search(strip_marks(fact.answer)) and not re.search(r"\bdefault", fact.question, re.I):
        return Reason.DEFAULT_ANSWER
    m = _LABEL_ANSWER.match(strip_marks(fact.answer))
    if not m:
        return None
    question = {_stem(w) for w in re.findall(r"[a-z0-9][\w'-]*", strip_marks(fact.question).lower())}
    label = [w for w in re.findall(r"[a-z0-9][\w'-]*", m.group(1).lower())
             if w not in _VAGUE and w not in _ANSWER_LABELS]
    if label and not any(_stem(w) in question for w in label):
        return Reason.OFF_TOPIC_ANSWER
    return None


def example_as_term(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"Use cases: what is workflow management?", "適用例: what is ウェブリクエスト?": an item listed as an example
    asked as if it were a term. A service in such a list ("Examples: what is AWS Lambda?") is a term, kept."""
    if not isinstance(fact, QAFact):
        return None
    m = re.match(r"(.*?)\bwhat (?:is|are) (.+?)\??$", strip_marks(fact.question), re.I)
    if not m:
        return None
    label = m.group(1).strip(" :›-—")
    last = fact.context.split("›")[-1].strip()
    if not (_EXAMPLE_LABEL.match(label) or _EXAMPLE_LABEL.match(last)):
        return None
    term = m.group(2)
    if (catalog is not None and catalog.mentions(term)) or any(not _UNIT_ACRONYM.match(t) for t in _ACRONYM_TOKEN.findall(term)):
        return None
    return Reason.EXAMPLE_AS_TERM


_CJK_FILLER = sorted(words_of("definition_filler_cjk"), key=lambda w: (-len(w), w))


def _circular_cjk(question: str, answer: str) -> Reason | None:
    """"what is データウェアハウス?" → "大規模なデータウェアハウスと分析向けに設計されている": the term, the filler of a
    definition, and at most three characters of anything else."""
    m = re.search(r"\bwhat (?:is|are) (.+?)\??$", question, re.I)
    term = m.group(1).strip() if m else ""
    if len(term) < 2 or not _CJK.search(term) or term not in answer:
        return None
    rest = answer.replace(term, "")
    for filler in _CJK_FILLER:
        rest = rest.replace(filler, "")
    if len(re.sub(r"\s", "", rest)) <= 3:
        return Reason.CIRCULAR_ANSWER
    return None


def uncued_blank(fact: Fact) -> Reason | None:
    """A blank that is the whole statement: it opens the sentence (or follows one word) and nothing but a
    comma clause or the end comes after ("Amazon EMR — S3DistCp […].", "Amazon DynamoDB — […], choose when
    you create the table", "Multinode mode — […]"): the front does not say what is asked. A label before it
    ("retention: […]") says it; a number is a value of what the heading names, kept."""
    if not isinstance(fact, ClozeFact):
        return None
    for s, before, after in _blank_sides(fact):
        after = after.strip()
        if re.search(r"\d", s.text):
            continue  # "AWS Lambda /tmp storage — […]": a value of what the heading names
        if re.search(r":\s*[~≈<>]?\s*$", before):
            continue  # "retention: […]": the label says what is asked
        sentence = re.split(r" — |[.;?!]\s", before)[-1]
        if len(re.findall(r"[^\W\d_][\w'-]*", sentence)) > 1:
            continue
        if after in ("", ".") or after.startswith(","):
            return Reason.UNCUED_BLANK
    return None


_OPEN_VERB = words_of("open_verbs")
_OPEN_LEAD = frozenset("you we they it one users can could may might will would also easily then".split())


def open_object(fact: Fact) -> Reason | None:
    """"Amazon Redshift — You can select […].", "Auto Scaling group — Can utilize […]": the blank is the whole object
    of a verb that takes anything, with only a pronoun or a modal before it and nothing after: the front does not
    say what kind of thing is asked (node types? instance types?), so the answer is a list to guess, not a fact."""
    if not isinstance(fact, ClozeFact):
        return None
    for s, before, after in _blank_sides(fact):
        if re.match(r"\W*\d", s.text):
            continue  # "can have [5] …": a figure is a value
        after = after.strip()
        sentence = re.split(r" — |[.;:?!]\s", before)[-1]
        words = re.findall(r"[^\W\d_][\w'-]*", sentence.lower())
        if words and words[-1] in _OPEN_VERB and all(w in _OPEN_LEAD for w in words[:-1]) \
                and re.fullmatch(r"[.,;!]?", after):
            return Reason.OPEN_OBJECT
    return None


_RELATION = re.compile(rf"(?<![\w-])(?:{phrases('generic_relations')})\s*$", re.I)
_RELATION_FREE = words_of("relation_free_words") | _VAGUE


def open_relation(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """"Amazon ECS — direct integration with [ALB and NLB]", "VPC endpoint — can connect to VPC via [VPN or Direct
    Connect]": the blank ends the sentence as the object of a relation any service has (lexicon generic_relations:
    integrates with, works with, connects via, is sent traffic by, supports) and names only services. With no
    figure, no negation or "only", no other service and at most one word of its own before the relation, the front
    gives nothing that singles the answer out: many services fit. "Firehose delivers to Redshift via [S3]", "works
    with [IAM] for access to metadata", "does not integrate with [X]" say what is asked and are kept; so are kinds of
    the subject's own service ("Storage Gateway appliance — works with [Tape Gateway and Volume Gateway]")."""
    if catalog is None or not isinstance(fact, ClozeFact):
        return None
    text = strip_marks("".join(s.text for s in fact.segments))
    if re.search(r"\d", text) or _NEGATION.search(text):
        return None  # a figure, "not", "only": the fact is what the sentence holds to
    for seg, before, after in _blank_sides(fact):
        if re.search(r"\w", re.split(r"[.;!?](?:\s|$)", after)[0]):
            continue  # "… with [X] for managing access": what follows says what is asked
        relation = _RELATION.search(before)
        items = _list_items(strip_marks(seg.text).strip(" .,;:()"))
        if not relation or not items or any(catalog.exact(i) is None for i in items):
            continue
        parts = re.split(r" — |[.;:?!]\s", before)
        sentence, label = parts[-1], " ".join(parts[:-1])
        own = set(catalog.ids(f"{strip_marks(fact.subject)} {label} {fact.context}"))
        if any(i not in own for i in catalog.ids(sentence)):
            continue  # "connects to Redshift through [S3]": another service frames the answer
        kin = own | {p for i in own for p in catalog.parents(i)}
        if all(catalog.exact(i).parent in kin for i in items):
            continue  # "Gateway Appliance — works with [Tape Gateway and Volume Gateway]": the subject's own kinds
        clause = sentence[:max(0, len(sentence) - (len(before) - relation.start()))]
        words = [w for w in re.findall(r"[a-z][\w'-]*", _unnamed(clause, catalog).lower()) if w not in _RELATION_FREE]
        if len(words) <= 1:
            return Reason.OPEN_RELATION
    return None


_SIZE_FIGURE = re.compile(r"\d\s?[kmgtp]i?b\b", re.I)
_RATE = re.compile(r"/\s?(?:s|sec|second|min|minute|hour|h)\b|\bper\s+(?:second|sec|minute|min|hour|day)\b|"
                   r"\b[kmgtp]i?bps\b|\bps\b", re.I)
_RATE_WORD = re.compile(r"\b(?:throughput|bandwidth)\b", re.I)


def sizeless_rate(fact: Fact) -> Reason | None:
    """"EFS — [10GB] or more throughput": a throughput asked as a size with no time ("per second") anywhere on the
    card: the unit is garbled, a learner cannot tell what the figure measures. "2 MB/second read throughput" or
    "1 MB or 1000 records per second" say the rate, kept."""
    if not isinstance(fact, ClozeFact):
        return None
    text = strip_marks("".join(s.text for s in fact.segments))
    if not _RATE_WORD.search(text) or _RATE.search(text):
        return None
    if any(_SIZE_FIGURE.search(h) for h in _hidden(fact)):
        return Reason.SIZELESS_RATE
    return None


def open_figure(fact: Fact) -> Reason | None:
    """"Redshift — up to [100]+ nodes", "[200]+ edge locations": a figure written "N+" is the author's rough
    lower bound ("a hundred or more"), not a value a learner can give exactly. "[2 MB] per second" is kept."""
    if not isinstance(fact, ClozeFact):
        return None
    segs = fact.segments
    for k, seg in enumerate(segs):
        if not seg.cloze or not re.search(r"\d", seg.text):
            continue
        after = segs[k + 1].text if k + 1 < len(segs) else ""
        if re.search(r"\d[\w\s]*\+\s*$", seg.text) or (re.search(r"\d[\w\s.,–-]*$", seg.text)
                                                       and re.match(r"\s*\+(?![\w+])(?!\s*\d)", after)):
            return Reason.OPEN_FIGURE
    return None


_FIGURE = re.compile(r"(?<![A-Za-z])\d")
"""A figure, not the digit of a name ("S3", "EC2")."""
_QUANTITY = re.compile(rf"^(?:{phrases('quantity_phrases')})\s+\w", re.I)
_LIMIT_WORD = re.compile(rf"\b(?:{phrases('limit_words')})\b", re.I)


def figureless_limit(fact: Fact) -> Reason | None:
    """"API Gateway limits [the number of requests per account]": a sentence about a limit with no figure anywhere
    on the card, whose blank is only the quantity's noun phrase ("the number of …", "the amount of …"). The limit
    itself is missing; the blank hides what is limited, which the sentence all but says. "Throughput is set by [the
    number of shards]" (no limit) and "limits writes to [1,000] records per second" (a figure) are kept."""
    if not isinstance(fact, ClozeFact):
        return None
    text = strip_marks("".join(s.text for s in fact.segments))
    if _FIGURE.search(text) or not _LIMIT_WORD.search(text):
        return None
    if any(_QUANTITY.match(h) for h in _hidden(fact)):
        return Reason.FIGURELESS_LIMIT
    return None


_SCOPE = re.compile(rf"^(?:{phrases('scope_determiners')})\s+(?:{phrases('scope_nouns')})s?$", re.I)
_SCOPE_LEAD = re.compile(r"\b(?:within|in|inside|at|for|per|across|from|to|on|into)\s*$", re.I)
_PLACED = re.compile(rf"\b(?:{phrases('placement_verbs')})\s+(?:(?:still|always|only|all|entirely|physically)\s+)?"
                     r"(?:within|in|inside)\s*$", re.I)


def scope_blank(fact: Fact) -> Reason | None:
    """"aggregates requests from edge locations within [a single region].", "runs both at [the same time]": the
    blank ends the sentence after a preposition and is only a determiner with a scope any setting has (lexicon
    scope_determiners + scope_nouns). With no figure or negation on the card it hides no value, only the
    sentence's tail. A named scope ("per [shard]", "within [a single AZ]"), a figure ("within [24 hours]") or where
    the subject itself lives ("the API still sits in [a single region]", lexicon placement_verbs) is kept."""
    if not isinstance(fact, ClozeFact):
        return None
    text = strip_marks("".join(s.text for s in fact.segments))
    if _FIGURE.search(text) or _NEGATION.search(text):
        return None
    for seg, before, after in _blank_sides(fact):
        if not _SCOPE.match(strip_marks(seg.text).strip(" .,;:()")):
            continue
        if _SCOPE_LEAD.search(before) and not _PLACED.search(before) and not re.search(r"\w", after):
            return Reason.SCOPE_BLANK
    return None


@functools.lru_cache(maxsize=1)
def _implied_codes() -> dict[str, re.Pattern]:
    """Each well-known code with the words that name it (lexicon implied_codes)."""
    return {str(code): re.compile(r"\b(?:" + "|".join(str(w) for w in words) + r")\b", re.I)
            for code, words in lexicon()["implied_codes"].items()}


def implied_code(fact: Fact) -> Reason | None:
    """"Broken Link Checker: checks that all links are not [404]": the blank is a well-known status code and the
    front (its label, its context) says the words that code stands for — the answer is read off them. A code the
    front does not name ("returns [429] when the quota is exceeded") is kept."""
    if not isinstance(fact, ClozeFact):
        return None
    codes = _implied_codes()
    shown = f"{_shown(fact)} {fact.context}"
    for hidden in _hidden(fact):
        code = re.sub(r"^(?:http\s*)?(?:status\s*)?(?:code\s*)?", "", hidden.strip(" .,;:()'\""), flags=re.I)
        if code in codes and codes[code].search(shown):
            return Reason.IMPLIED_CODE
    return None


_PERCENT = re.compile(r"^\W*(?:up to |about |~)?\d[\d.,]*\s?%")
_MEASURES = frozenset(words_of("percent_measures"))


def unmeasured_percent(fact: Fact) -> Reason | None:
    """A hidden percentage the front never says is of what ("Amazon S3 — except One Zone, which has […]" →
    "99.5%"): no word on the front or in the blank names a measure (availability, discount, price, "… of"), so
    any percentage fits. A sentence with another blank ("[99.99%] within [15 minutes]") keeps its other card."""
    if not isinstance(fact, ClozeFact):
        return None
    hidden = [strip_marks(s.text) for s in fact.segments if s.cloze]
    if not hidden or not all(_PERCENT.match(h) for h in hidden):
        return None
    words = re.findall(r"[a-z][\w'-]*", f"{_shown(fact)} {' '.join(hidden)}".lower())
    if not any(w in _MEASURES for w in words):
        return Reason.UNMEASURED_PERCENT
    return None


_KINDS = re.compile(r"^\s*(?:main |different |distinct |major )?(?:types?|kinds?|ways?|categories|services|options|"
                    r"classes|modes|tiers|flavou?rs|pillars|components|variants)\b", re.I)


def count_of_kinds(fact: Fact) -> Reason | None:
    """"[3] ways to deploy API Gateway", "Kinesis is [3] services": the size of a list whose items the card
    never names — a count to recite, not a fact to know."""
    if not isinstance(fact, ClozeFact):
        return None
    segs = fact.segments
    for k, s in enumerate(segs):
        if s.cloze and re.fullmatch(r"\s*\d{1,2}\s*", strip_marks(s.text)):
            after = strip_marks("".join(x.text for x in segs[k + 1:]))
            if _KINDS.match(after):
                return Reason.COUNT_OF_KINDS
    return None


@functools.lru_cache(maxsize=1)
def _rivals() -> frozenset[str]:
    """Catalog ids of third-party products notes compare AWS with and that AWS does not run or resemble
    (``vendor: other`` with no family nor parent in the built-in catalog: Databricks, not Presto's EMR kin)."""
    from ..services import builtin_rivals  # the catalog as services.py loaded it (once, with libyaml)
    return builtin_rivals()


def rival_product(fact: Fact, catalog: Catalog | None = None) -> Reason | None:
    """A row of a comparison about the third-party product ("Databricks vs AWS Native Stack — Databricks —
    versioning: […]"): what the other product does is not what an AWS exam asks."""
    if catalog is None or not isinstance(fact, (ClozeFact, QAFact)):
        return None
    if not _COMPARISON.search(fact.context):
        return None
    ids = set(catalog.ids(strip_marks(fact.subject)))
    if ids and ids <= _rivals():
        return Reason.RIVAL_PRODUCT
    return None


_REFERS = re.compile(rf"^\W*(?:{phrases('cross_references')})", re.I)
_RATING_SIDE = re.compile(r"^(?:very |slightly |fairly |relatively )?(?:high|higher|highest|low|lower|lowest|medium|"
                          r"moderate|limited|good|better|best|worse|fast|faster|fastest|slow|slower|slowest|strong|"
                          r"weak|excellent|poor|decent)\b\W*(?:\(.*\))?\W*$", re.I)


_MEASURE = re.compile(r"\d|\b(?:sub-?)?(?:ms|µs|milli|micro)(?:seconds?)?\b|\bseconds?\b", re.I)
"""A number or a unit: "Low (sub-ms)" is a measure, "Low" is not."""


def _answers(fact: Fact) -> list[str]:
    if isinstance(fact, ClozeFact):
        return [h for h in _hidden(fact) if re.search(r"\w", h)]
    if isinstance(fact, QAFact):
        return [strip_marks(fact.answer)]
    if isinstance(fact, CompareFact):
        return [strip_marks(v) for _, v in fact.values]
    return []


def refers_elsewhere(fact: Fact) -> Reason | None:
    """An answer that points at another row, cell or line ("Same as Kafka (you configure)", "Similar to CSV",
    "see above"): it has no value of its own, and the card does not show what it points at."""
    if any(_REFERS.match(a) for a in _answers(fact)):
        return Reason.REFERS_ELSEWHERE
    return None


def comparison_side_vague(fact: Fact) -> Reason | None:
    """A comparison whose one side is a bare rating ("High" vs "No direct replay") or vague words only
    ("Tight AWS integration" vs "Kafka Connect"): one side gives nothing to tell apart. Nor does a side that
    only says its own name again and who runs it ("Kafka on AWS – zero ops setup" for the managed Kafka)."""
    if not isinstance(fact, CompareFact):
        return None
    for entity, v in fact.values:
        v = strip_marks(v).strip()
        if (_RATING_SIDE.match(v) and not _MEASURE.search(v)) or not _concrete(v):
            return Reason.VAGUE_COMPARISON_SIDE
        if _names_itself(v, strip_marks(entity)):
            return Reason.SIDE_NAMES_ITSELF
    return None


_OWNERSHIP = words_of("ownership_words")
_RUN_BY = re.compile(r"managed?\b|manages\b|open[- ]source|proprietary|native|hosted|\bon (?:aws|amazon)\b", re.I)


def _names_itself(value: str, entity: str) -> bool:
    """"Kafka on AWS – zero ops setup" for Amazon MSK (Managed Kafka): words of the entity's own name, of who runs
    it (lexicon ownership_words) and vague words, and a word of its name among them."""
    tokens = re.findall(r"[a-z0-9]+", value.lower())
    own = set(re.findall(r"[a-z0-9]+", entity.lower()))
    if not _RUN_BY.search(value) or not any(t in own and t not in _OWNERSHIP and t not in _VAGUE for t in tokens):
        return False
    return all(t in own or t in _OWNERSHIP or t in _VAGUE for t in tokens)


_BY_HAND = re.compile(rf"\b(?:{phrases('by_hand_words')})\b", re.I)


def same_manner(fact: Fact) -> Reason | None:
    """"Scaling: Apache Kafka vs Amazon MSK (Managed Kafka)?" → "Add partitions/brokers manually" / "You scale the
    cluster size": a product and its managed version (their names share a word), and every side says the user
    does it by hand (lexicon by_hand_words) — the contrast the pair stands for is not there, the same answer twice.
    A figure on a side, one side that says it happens on its own, or two different products ("You add shards" /
    "You add brokers") keep it."""
    if not isinstance(fact, CompareFact):
        return None
    names = [set(re.findall(r"[a-z0-9]+", strip_marks(e).lower())) - _OWNERSHIP - _VAGUE for e, _ in fact.values]
    if not set.intersection(*names):
        return None
    sides = [strip_marks(v).strip() for _, v in fact.values]
    if all(_BY_HAND.search(v) and not re.search(r"(?<![A-Za-z])\d", v) for v in sides):
        return Reason.SAME_MANNER
    return None


_QUALITY = re.compile(r"^\W*(?:[a-z]+\s+)?([a-z]{3,}(?:ility|ity))\W*$", re.I)


def same_quality(fact: Fact) -> Reason | None:
    """"Scalability: EMRFS vs EFS?" → "backed by S3's virtually unlimited scalability" / "automatically scales with
    usage": every side claims the quality the row names, with no figure — both scale, there is nothing to tell
    apart. A figure on a side ("99.99%" / "99.9% availability") or a side without the quality keeps it."""
    if not isinstance(fact, CompareFact):
        return None
    m = _QUALITY.match(strip_marks(fact.attribute))
    if not m:
        return None
    stem = m.group(1).lower()[:4]
    sides = [strip_marks(v).lower() for _, v in fact.values]
    if all(re.search(rf"\b{stem}", v) and not re.search(r"(?<![a-z])\d", v) for v in sides):  # "S3" is a name
        return Reason.SAME_QUALITY
    return None


def _names_something(text: str, catalog: Catalog) -> bool:
    if catalog.mentions(text) or catalog.mentions(re.sub(r"[_-]+", " ", text)):  # "amazon_msk", "network-firewall"
        return True
    return any(not _UNIT_ACRONYM.match(t) for t in _ACRONYM_TOKEN.findall(text))


def no_subject(fact: Fact, catalog: Catalog | None = None, on_catalog: bool = False) -> Reason | None:
    """A cloze whose front names nothing ("Sharding / Throughput — ingest up to 1 MB/sec or […] records/sec"):
    no service of the catalog and no acronym on the context line or the text. Judged only in a note that is
    about the catalog's services (most of its facts name one): elsewhere the catalog knows nothing of the
    subject. A question is left alone: "what is X?" names X, and an authored question says what it asks."""
    if catalog is None or not on_catalog or not isinstance(fact, ClozeFact):
        return None
    front = _shown(fact)
    if _CJK.search(front):
        return None
    statement = front.split(" — ", 1)[-1]
    if all(catalog.exact(h) is not None for h in _hidden(fact)) and len(re.findall(r"[A-Za-z]{3,}", statement)) >= 6:
        return None  # the card asks which service a full statement describes: naming none is the point
    from ..cards import card_context
    shown_front = "".join("[…]" if s.cloze else s.text for s in fact.segments)
    if _names_something(f"{card_context(fact, strip_marks(shown_front), catalog)} {front}", catalog):
        return None
    return Reason.NO_SUBJECT_ON_FRONT


def markup_left(fact: Fact) -> Reason | None:
    """Emphasis markers the parser could not pair ("**doc**: update … `test/**`" across a code span) that are
    still in a fact's text, context or subject: the sentence is skipped with a lint-like reason instead of
    stopping the build at the self-check (malformed Markdown never stops a build)."""
    parts = [fact.context, fact.subject, _text(fact)]
    if isinstance(fact, CompareFact):
        parts += [str(v) for v in fact.values]
    if any("**" in strip_marks(p) for p in parts):
        return Reason.MARKUP_LEFT
    return None


FILTERS: list[tuple[str, Filter]] = [
    ("markup_left", markup_left),
    ("empty_answer", empty_answer),
    ("generic_term", generic_term),
    ("trivial_blank", trivial_blank),
    ("date_trivia", date_trivia),
    ("price_blank", price_blank),
    ("example_blank", example_blank),
    ("example_item", example_item),
    ("scenario_blank", scenario_blank),
    ("option_blank", option_blank),
    ("bare_yes_no", bare_yes_no),
    ("explained_negation", explained_negation),
    ("rejected_alternative", rejected_alternative),
    ("dangling_start", dangling_start),
    ("given_away", given_away),
    ("label_gives_away", label_gives_away),
    ("said_twice", said_twice),
    ("long_front_name", long_front_name),
    ("nothing_asked", nothing_asked),
    ("chatter", chatter),
    ("exam_logistics", exam_logistics),
    ("split_parenthesis", split_parenthesis),
    ("split_compound", split_compound),
    ("slash_alternative", slash_alternative),
    ("stray_parenthesis", stray_parenthesis),
    ("glued_word", glued_word),
    ("path_chain", path_chain),
    ("narrated_step", narrated_step),
    ("cue_word_blank", cue_word_blank),
    ("acronym_gloss", acronym_gloss),
    ("alias_given_away", alias_given_away),
    ("telltale_given_away", telltale_given_away),
    ("service_list_answer", service_list_answer),
    ("long_list_blank", long_list_blank),
    ("open_list_question", open_list_question),
    ("own_name_answer", own_name_answer),
    ("parenthesis_answer", parenthesis_answer),
    ("acronym_answer", acronym_answer),
    ("name_says_kind", name_says_kind),
    ("term_names_service", term_names_service),
    ("truncated_end", truncated_end),
    ("symbol_answer", symbol_answer),
    ("generic_definition", generic_definition),
    ("unscoped_concept", unscoped_concept),
    ("topic_label_term", topic_label_term),
    ("unpaired_either", unpaired_either),
    ("api_parameter", api_parameter),
    ("clause_as_term", clause_as_term),
    ("marketing_claim", marketing_claim),
    ("vague_answer", vague_answer),
    ("refers_elsewhere", refers_elsewhere),
    ("comparison_side_vague", comparison_side_vague),
    ("same_quality", same_quality),
    ("same_manner", same_manner),
    ("circular_answer", circular_answer),
    ("glossed_term", glossed_term),
    ("name_read_aloud", name_read_aloud),
    ("off_topic_answer", off_topic_answer),
    ("vague_subject", vague_subject),
    ("instruction_subject", instruction_subject),
    ("example_as_term", example_as_term),
    ("uncued_blank", uncued_blank),
    ("open_object", open_object),
    ("open_relation", open_relation),
    ("unmeasured_percent", unmeasured_percent),
    ("sizeless_rate", sizeless_rate),
    ("open_figure", open_figure),
    ("figureless_limit", figureless_limit),
    ("scope_blank", scope_blank),
    ("implied_code", implied_code),
    ("count_of_kinds", count_of_kinds),
    ("rival_product", rival_product),
    ("family_subject", family_subject),
    ("no_subject", no_subject),
]
"""(name, filter) in the order they are tried; the first reason wins."""


def filter_facts(facts: list[Fact], catalog: Catalog | None = None) -> tuple[list[Fact], list[Skip]]:
    """Facts of one note, kept or skipped with the first filter's reason. ``catalog`` lets the filters that
    need it tell two spellings of one service apart; the note's own words tell a cut word from a word."""
    vocabulary = frozenset(w for f in facts for w in re.findall(r"[a-z]+", _card_text(f).lower())[:-1])
    named = sum(1 for f in facts if catalog is not None and catalog.mentions(f"{f.context} {_card_text(f)}"))
    extra = {"catalog": catalog, "vocabulary": vocabulary, "on_catalog": bool(facts) and named * 2 >= len(facts)}
    kept: list[Fact] = []
    skipped: list[Skip] = []
    rules = [(rule, {k: v for k, v in extra.items() if k in _params(rule)}) for _name, rule in FILTERS]
    for fact in facts:
        for rule, asked in rules:
            reason = rule(fact, **asked)
            if reason:
                skipped.append(Skip(fact.where, reason, _text(fact)[:160]))
                break
        else:
            kept.append(fact)
    return kept, skipped


@functools.lru_cache(maxsize=None)
def _params(rule: Filter) -> frozenset[str]:
    """The extras a filter asks for (looked up once per filter, not per fact)."""
    return frozenset(inspect.signature(rule).parameters)


def _text(fact: Fact) -> str:
    if isinstance(fact, ClozeFact):
        return strip_marks("".join(f"[{s.text}]" if s.cloze else s.text for s in fact.segments))
    if isinstance(fact, QAFact):
        return f"{fact.question} — {fact.answer}"
    return f"{fact.attribute}: {fact.subject}"
