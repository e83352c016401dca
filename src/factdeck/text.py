"""Sentence-level helpers: split sentences, spot chatter, find the key value worth hiding."""
from __future__ import annotations

import functools
import re

from .lexicon import phrases, words_of


def caseless(pattern: re.Pattern):
    """``bool(pattern.search(text))`` for a case-insensitive pattern, about 3× faster on ASCII text.

    Unicode re.I matching tries every case of every letter and loses the engine's first-character scan;
    ASCII text lowered and searched with the pattern without re.I finds the same, provided the pattern is
    ASCII, has no upper-case letter outside an escape and no inline flag. Other patterns and non-ASCII
    text take the pattern as it is.
    """
    plain = re.sub(r"\\.", "", pattern.pattern)
    if not pattern.flags & re.I or not pattern.pattern.isascii() or plain != plain.lower() \
            or re.search(r"\(\?[a-zA-Z-]", plain):
        return lambda text: pattern.search(text) is not None
    lowered = re.compile(pattern.pattern, pattern.flags & ~re.I)

    def search(text: str) -> bool:
        if text.isascii():
            return lowered.search(text.lower()) is not None
        return pattern.search(text) is not None
    return search


CHATTER = re.compile(phrases("chatter"), re.I)
"""Chatbot chatter ("If you want, I can elaborate…"): the phrases are in ``lexicon/en.yaml``."""
_chatter = caseless(CHATTER)

_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|cf|Inc|No|St)\.|\b[A-Z]\.)$")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])|(?<=[。！？])\s*(?=\S)")
"""Sentence ends: ". " before a capital, or a full-width "。" (CJK text runs on without a space)."""


@functools.lru_cache(maxsize=1 << 16)  # the extractor asks about a sentence several times
def is_chatter(text: str) -> bool:
    return _chatter(text)


def sentences(text: str) -> list[str]:
    """Split prose into sentences, not breaking after ``e.g.``, ``vs.`` and the like."""
    parts = _SPLIT.split(text.strip())
    out: list[str] = []
    for part in parts:
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + part
        else:
            out.append(part)
    return [_unglued(unglue_parenthesis(p.strip())) for p in out if p.strip()]


_GLUED_TAIL = re.compile(r"(?<![\w.])(\d[\d,.]*\s?(?:[Ss]econds|[Mm]inutes|[Hh]ours|[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears))"
                         r"(?=[a-z]{3,})([a-z]+(?:\s+[a-z]+){0,3})\W*$")


def _unglued(sentence: str) -> str:
    """"Minimum storage duration: 180 Dayskeep in mind" → "… 180 Days": a short remark of the next line glued to a
    figure's unit (the notes lost a line break) is cut off; the figure keeps its unit. Anything longer is left."""
    m = _GLUED_TAIL.search(sentence)
    return sentence[:m.end(1)] if m else sentence


_GLUED_PAREN = re.compile(r"(?<=[A-Za-z0-9])\((?=[^()\s][^()]*\s[^()]*\)|[A-Z]{2,}s?\)|\d[^()\s]{2,}\))")
"""A parenthesis glued to the word before it ("hashed(128 bit)", "computing(HPC)"): a phrase or an acronym in it,
not a plural "(s)", "HTTP(S)" or an empty call "run()"."""
_NAME_THEN_NOTE = re.compile(r"^((?=[A-Z])(?:[\w&+@.-]+\s){0,2}[\w&+@.-]+)\(([^()]+)\)\.?$")


def unglue_parenthesis(sentence: str, name_note: bool = True) -> str:
    """"hashed(128 bit) using MD5" → "hashed (128 bit) using MD5": the note left out the space, the card should not.
    A line that is only a short name and its glued parenthesis ("EBS(256,000 IOPS with io2 Block Express)") is a
    name and what the note says of it: "EBS: 256,000 IOPS with io2 Block Express". Code spans are left alone."""
    if "`" in sentence or not _GLUED_PAREN.search(sentence):
        return sentence
    whole = _NAME_THEN_NOTE.match(sentence)
    if name_note and whole and _GLUED_PAREN.match(sentence, whole.end(1)) and " " in whole.group(2).strip() \
            and re.search(r"\d", whole.group(2)):
        return f"{whole.group(1)}: {whole.group(2).strip()}"
    return _GLUED_PAREN.sub(" (", sentence)


_WORDS = re.compile(r"[\w'’/%.,-]+")


@functools.lru_cache(maxsize=1 << 15)  # asked of the same text by many rules
def words(text: str) -> int:
    return len(_WORDS.findall(text))


def strip_end(text: str) -> str:
    return text.strip().rstrip(".;:").strip()


# -------------------------------------------------------------- key values

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
UNIT = (r"(?:\s?(?:%|percent\b|(?:kilo|mega|giga|tera|peta)bytes?\b|[KMGTP]i?B(?:/s(?:ec)?|ps)?\b|GiB\b|TiB\b|ms\b|milliseconds?\b|seconds?\b|secs?\b|"
        r"minutes?\b|mins?\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|months?\b|years?\b|TPS\b|AZs?\b|"
        r"GB/s\b|MB/sec\b|[kmgt]b(?:/s(?:ec)?)?\b|[xX×](?=\s+(?:the|of)\b)))?")
# a multiplier of another value ("6x the function timeout") is a setting; "3x faster" is a claim
# Count nouns ("30 brokers", "1,000 PUT records per second") stay visible: they say what the number counts.
QTY = rf"(?:\d+-(?:hour|day|minute|second|week|month|year|digit)s?\b|{NUM}{UNIT})(?:\s?\((?:[^()]*\d[^()]*)\))?"
_NOT_BEFORE = r"(?<!\d,)(?<![\w.$-])(?<![A-Za-z0-9]/)(?<!Domain )(?<!Rule )(?<!Step )(?<!Task )(?<!Statement )(?<!version )(?<!Version )"
_QTY_RE = re.compile(
    _NOT_BEFORE + rf"(?:(?:from\s+)?{QTY}\s*(?:to|–|-)\s*{QTY}|{QTY})(?![\w.]?\w)(?!:)")
_LIMIT_WORDNUM = re.compile(r"\b(?:up to|limited to|a maximum of|maximum of|a max of|at most|at least|a minimum of|"
                            r"minimum of|a limit of|no more than)\s+(two|three|four|five|six|seven|eight|nine|ten|"
                            r"eleven|twelve|fifteen|twenty|fifty|hundred)\b", re.I)
"""A limit spelled in words: "limited to [five] Elastic IPs per region"."""
_LIMIT_BEFORE = re.compile(r"\b(?:up to|limited to|a maximum of|maximum of|max(?:imum)?|a max of|at most|a minimum of|"
                           r"minimum of|a limit of|no more than|at least)\s+$", re.I)
"""A bare number is a limit when a limit cue stands before it: "can connect to a maximum of [10] gateways"."""
_MONEY = re.compile(rf"(?<![\w$])(?:US\s?)?\${{1}}\s?{NUM}(?:\s?(?:million|billion)\b)?(?![\w.]?\w)")
"""A price: "[$5] per TB scanned" — the amount is the value; what it is per stays shown."""
_WORDNUM = re.compile(r"\b(?:twice|(?:one|two|three|four|five|six|seven|eight|nine|ten) times)\b"
                      r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=\s+(?:Availability Zones?|AZs?|"
                      r"copies|replicas|data centers|facilities)\b)"
                      r"|\bsingle-digit millisecond\b|\bsub-second\b", re.I)
_NEGATION = re.compile(r"\b(?:cannot|can ?not|can't|does not|do not|never)\b", re.I)
_NEGATION_SHORT = re.compile(r"(?<!\byou )(?<!\bwe )(?<!\bI )(?<!\bthey )\b(?:doesn['’]t|won['’]t|will not)(?!\w)", re.I)
"""A thing's denied capability in a contraction or future ("Spectrum [doesn't support] updates", "it [won't
accept] inbound connections"); only in the main clause and said of a thing, not of the reader ("you won't …")."""
_GIVEAWAY = re.compile(r"^\s*(?:roles?|policies|keys?|buckets?|locations?|tables?|instances?|volumes?|logs?|jobs?|functions?|queues?|topics?|"
                       r"events?|ecosystems?|platforms?|backends?|invocations?|data|objects?|clusters?|streams?|API|event notifications)\b", re.I)
MIN_MENTION_SENTENCE = 8
GENERIC_SERVICES = {"ec2", "iam", "vpc", "cloudwatch", "support"}
"""Services so common that hiding their name asks nothing ("accessed from [EC2] Linux")."""
_MOVED = re.compile(r"\b(?:to|into|from|origin)\s*$", re.I)
_CALLED = re.compile(r"\b(?:invoke|call|trigger|through|to|of|use)s?\s+(?:an?\s+|the\s+|that\s+)?$", re.I)
FIRST_GUESSES = {"s3": _MOVED, "lambda": _CALLED}
"""The first guess for where data goes and for the code something runs: hidden as where data moves to or from
("upload to [S3]", "records are backed up to [S3]") or as what is called ("which then invokes the [Lambda]")
the name asks nothing."""
_OPEN_BEFORE = re.compile(r"\b(?:(?:the|a|which)\s+)?(?:version|release|edition|flavou?r|distribution)\s+of\s*$|"
                          r"\btransition(?:s|ed|ing)?\s+(?:\w+\s+)?to\s*$", re.I)
"""A service named after "the version of" (the engine the subject runs) or "transition to" (one of many targets a
lifecycle may pick): the rest points at it, or many names fit."""
_PAY = re.compile(r"\byou pay (?:an? [\w-]+ rate,? )?(?:only )?(?:per|for|by|based on)\s+(?:the\s+)?((?:[^,.;(]|\([^)]*\))+?)(?:[,.;]|$|(?<=\)))", re.I)
"""Pricing dimensions ("you pay per shard hour and per PUT payload unit") are what an exam asks about cost; a
bracketed list stays whole ("you pay for the [underlying resources (EC2, ASG, ELB)]")."""
_ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\s+\((?!e\.g)([a-z][a-z -]{5,40})\)")
"""An acronym spelled out beside it ("the number of DPUs (data processing units)"): ask for the expansion —
hiding the acronym would leave its initials on the front."""
_CLAUSE_END = r"(?=\s*(?:[,.;:()]|\s(?:and|but|so|which|when|if|because|instead|rather|for|per|with|within|to)\s|$))"
_MODE = re.compile(r"\b(?:switch(?:es|ed)?|switching|transitions?|falls? back|reverts?|defaults?|changes?)\s+(?:over\s+)?to\s+"
                   r"(?:the\s+|an?\s+)?((?:[\w/-]+\s+){0,3}?[\w/-]+)" + _CLAUSE_END, re.I)
"""A named mode or mechanism the sentence moves to: "after the full load, DMS switches to [CDC mode]"."""
_GUARANTEE = re.compile(r"\bguarantees?\s+((?:[\w-]+\s+){0,3}?[\w-]+)" + _CLAUSE_END, re.I)
_MUST = re.compile(r"^(?!(?:if|when|to|for|you|we|it|this|that|these|there|in|on|with)\b)(?:[\w-]+\s+){0,6}must\s+(?:also\s+)?(?:be\s+)?((?:[\w-]+\s+){1,4}?[\w-]+)\s*(?:[.;(]|$)", re.I)
"""A requirement of the subject, the whole predicate: "EBS volumes must [provision capacity upfront]"."""
_SCALES = re.compile(r"\bscales?\s+(linearly|automatically|horizontally|vertically|proportionally|independently|"
                     r"elastically)\b", re.I)
"""A property named by a word, not a number: "CPU scales [linearly] with memory"."""
_VERB_GROUP = re.compile(r"\s+(?:(?:\w+ly|always|yet)\s+)?(?:(?:be|have been|get)\s+)?(?!(?:an?|the|be)\b)[A-Za-z][\w-]+"
                         r"(?:/[A-Za-z][\w-]+)?(?:\s+(?:to|with|from|into|on|in)(?=\s))?")
"""The negated verb and its particle ("cannot [directly connect to]", "do not [have]", "can't [be deleted]")."""
_STATE_NEGATION = re.compile(r"\b(?:is|are)\s+not\b(?!\s+only\b)|\b(?:isn't|aren't)\b", re.I)
"""A state denied ("direct connect is [not encrypted]", "existing objects are [not replicated automatically]"):
a yes/no property, asked only when it is what the main clause says."""
_SUBORDINATE = re.compile(r"^\s*(?:if|when|whenever|while|although|though|unless|in case|as long as|because|since|"
                          r"so that|even if|even though|once|until|where|whereas)\b", re.I)


def _main_clause(text: str, at: int) -> bool:
    """The words before ``at`` are the main clause's subject, not an "if …"/"while …" clause around it."""
    clause = re.split(r"[,;:—]|\s-\s", text[:at])[-1]
    return not _SUBORDINATE.match(clause) and not re.search(r"\b(?:if|when|while|unless|that|which|who)\b", clause, re.I)


_POLARITY = re.compile(r"\b(?:any|anymore|either|nor|at all|yet|ever)\b", re.I)
"""Words that only read after a negation: "[does not] need any code" gives its blank away."""
_EXAMPLE_CUE = re.compile(r"\b(?:e\.g\.?|i\.e\.?,?\s+(?:if|when)|for example|for instance|such as|suppose|imagine|let'?s say|say you|scenario|assuming|"
                          r"assume|if you (?:expect|have|need|store|want|write|read))\b|\(say\b", re.I)
_WORKED = re.compile(r"\d\s*[*×x/]\s*\d[^=]*=\s*\d")
"""A worked calculation ("1800 * 80/8 = 18000 RCU"): its numbers illustrate a formula, they are no limits."""
_EXAMPLE_BEFORE = re.compile(r"(?:\btop\s+|\b(?:an?|your|the)\s+(?:[\w-]+\s+){1,3}that\s+(?:runs?|happens?|occurs?|"
                             r"executes?|fires?|triggers?|arrives?)\s+(?:every|each|once every)\s+)$", re.I)
_UTILISATION = re.compile(r"^\s*(?:CPU|memory|disk)\b|\b(?:CPU|memory|disk)(?:\s+utili[sz]ation)?\s+(?:is\s+)?"
                          r"(?:above|over|exceeds?|reaches|at|hits|>|>=)\s*$", re.I)
_CAUSE = re.compile(r"\b(?:due to|because of|caused by)\s+(?:the\s+|an?\s+)?"
                    r"((?:[\w/-]+(?:\s+\([^()]{1,20}\))?\s+){0,4}?[\w/-]+(?:\s+\([^()]{1,20}\))?)\s*(?:[.;]\s*$|$)", re.I)
"""The cause that closes a sentence: "longer cold starts due to [elastic network interface (ENI) setup]"."""
_BILLED = re.compile(r"\b(?:billed|charged|metered)\s+((?:by the|per)\s+(?:millisecond|second|minute|hour|day|request|GB|TB))\b",
                     re.I)
"""A billing granularity: "billed [by the second]"."""
_DEFAULT = re.compile(r"\b(?:is|are)\s+((?:not\s+)?[a-z][\w-]+(?:\s+(?:in|at)\s+(?:transit|rest))?)\s+by default\b")
"""A default state named by a word: "buckets are [private] by default", "messages are [encrypted in transit] by default"."""
DEFAULT_MARK = re.compile(r"^\s*by default\b,?\s*|,?\s+by default\s*[.!]?\s*$", re.I)
"""A sentence that states defaults as a whole: "By default, …" or "…, by default"."""
_DEFAULT_STATE = re.compile(r"\b(?:is|are)\s+((?:not\s+)?(?!(?:an?|the|not|also|only|then|still|always|set)\b)[a-z][\w-]+)"
                            r"(?=\s*(?:[,.;]|\s(?:and|but|while|whereas)\s|\s*$|,?\s+by default\b))", re.I)
"""Each default state of such a sentence: "all inbound traffic is [restricted] and all outbound traffic is
[allowed], by default" — two defaults set against each other, both asked."""
_DEFAULT_OBJECT = re.compile(
    r"^(?:by default,?\s+)?(?!(?:if|when|while|once|after|before|you|we|it|this|that|these|there)\b)"
    r"(?P<doer>(?:[\w()/.-]+\s+){0,5}?[\w()/.-]+)\s+(?:will\s+)?"
    r"(?P<verb>(?!(?:is|are|was|has been)\b)[a-z]+s|use|have|keep|store|retain|send|grant|run|allow|block|deny)\s+"
    r"(?P<what>(?:the|an?|all|its|their|your|every)\s+(?:[\w()/.'-]+\s+){0,10}?[\w()/.'-]+)\s*(?:,?\s+by default)?\s*[.!]?\s*$", re.I)
"""What a named thing uses or does when nobody sets it: "EMRFS uses [the permissions of the cluster's EC2
instance role] by default", "By default, API Gateway throttles [the requests per account and region]"."""
_THRESHOLD = re.compile(r"\b(?:more|less|longer|fewer|over|under)\s+than\s+(?:a|an|one)\s+"
                        r"(?:second|minute|hour|day|week|month|year)\b|\b(?:over|under|within)\s+(?:a|an|one)\s+"
                        r"(?:second|minute|hour|day|week|month|year)\b", re.I)
"""A threshold spelled with "a"/"one" for its number: "if a transfer takes [more than a week], ship a device"."""
_WITHOUT = re.compile(r"^(?:[\w()/.-]+\s+){1,6}?(?:can|may)\s+(?:be\s+)?[^,;:]{3,60}?\s+"
                      r"(without\s+(?:having\s+to\s+|needing\s+to\s+|the need to\s+|any\s+)?[\w/-]+(?:\s+[\w/-]+){0,3})\s*[.!]?\s*$", re.I)
"""What a capability spares, closing the sentence: "roles can be attached to running instances [without having
to stop them]" — the yes/no an exam asks (no downtime, no restart)."""
_DIFFERENT = re.compile(r"^(?:[\w()/.-]+\s+){1,8}?(?:can|may)\s+(?:each\s+)?(?:have|use)\s+different\s+"
                        rf"((?!(?:{phrases('generic_differences')})\b)(?:[\w/-]+\s+){{0,2}}?[\w/-]+s(?:\s+(?:and|or)\s+[\w/-]+s)?)\s*\.?\s*$", re.I)
"""What may differ between the parts of one thing, closing the sentence: "versions of one object can have different
[retention modes and periods]" — which settings are per part, not per whole, is the fact."""
_CODE_SETTING = re.compile(r"\b([a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s+"
                           r"(?:argument|parameter|option|flag|setting|property|attribute|field|key)\b")
"""A setting named in code, with what it does: "the job passes the [enableUpdateCatalog] argument to add new
partitions to the catalog" — the name is what a learner looks up and an exam quotes."""
_ONLY_FOR = re.compile(r"\bonly\s+(?:works?|applies|apply|(?:is\s+|are\s+)?(?:available|supported|accessible|usable|allowed))\s+"
                       r"(?:for|with|in|within|inside|on|to|from)\s+((?:the\s+)?(?:[\w()/.-]+\s+){0,5}?[\w()/-]+)"
                       r"(?=\s*(?:[,.;:!]|\s(?:but|so|which|when|if|because|since|while|does|do|is|are|not)\b|$))", re.I)
"""Where a feature is limited to: "retries are only available with [HTTPS subscribers]", "gateway endpoints only
work for [resources inside the VPC]"."""
_DONE_WITH = re.compile(r"^(?:[\w()/.-]+\s+){1,5}?can\s+(?:only\s+)?be\s+(?:\w+ly\s+)?[a-z]+(?:ed|en)\s+(?:with|using|via|through)\s+"
                        r"((?!(?:an?|many|multiple|several|some|any|it|them|this|that)\b)(?:[\w()/.-]+\s+){0,5}?[\w()/-]+)\s*\.?\s*$", re.I)
"""The means a control or setting is applied with, closing the sentence: "encryption can be enforced with [bucket
policies]", "access can be controlled using [VPC endpoint policies]"."""
_BY_DOING = re.compile(r"^(?:[\w()/.-]+\s+){1,5}?(?:helps?\s+(?:to\s+)?)?(?:reduces?|mitigates?|prevents?|avoids?|improves?|"
                       r"speeds? up|lowers?|cuts?|shortens?|eliminates?|minimi[sz]es?|achieves?)\s+[^,;]{3,50}?\s+by\s+"
                       r"((?!(?:using|leveraging|utili[sz]ing)\b)[a-z][a-z-]*ing\b(?:\s+[\w()/-]+){1,7})\s*\.?\s*$", re.I)
"""How a feature gets its effect, closing the sentence: "provisioned concurrency mitigates cold starts by
[pre-initializing execution environments]"."""
_INTO_ONE = re.compile(r"\b(?:aggregates?|combines?|batch(?:es)?|bundles?|packs?|groups?|merges?|collects?|consolidates?|"
                       r"coalesces?|compacts?)\s+(?:multiple|many|several|numerous|small)\s+(?:[\w()/-]+\s+){0,4}?into\s+"
                       r"(?:a\s+single|one|a)\s+((?:[\w()/-]+\s+){0,4}?[\w()/-]+)(?=\s*(?:[,.;]|\s(?:and|but|to|so|which|for|before|after|when|while|per|at|with|in|on|every)\b|$))",
                       re.I)
"""What a component packs many things into, closing its clause: "the producer aggregates many small records into
a single [Kinesis record], and collects many records into a single [PutRecords call]"."""
_PROTOCOL = rf"(?:{phrases('protocols')})(?:\s+protocols?)?(?:\s*\([^()]{{1,60}}\))?"
_PROTOCOL_LINE = re.compile(rf"^\s*{_PROTOCOL}(?:\s*(?:,|/|&|\band\b|\bor\b|,\s*and\b|,\s*or\b)\s*{_PROTOCOL})*\s*"
                            r"(?:,?\s*(?:etc\.?|\.\.\.|…))?\s*[.!]?\s*$")


def protocol_line(text: str) -> bool:
    """A line naming only protocols ("NFS and SMB (with AD auth)", "iSCSI", "HTTP/HTTPS"): under a named thing it
    says which protocols that thing speaks."""
    return bool(_PROTOCOL_LINE.match(re.sub(r"[\ue000\ue001]", "", text)))  # highlight marks are no words


_CALLED_NAME = re.compile(r"\b(?:is|are)\s+(?:called|known as|referred to as|termed)\s+((?:the\s+|an?\s+)?"
                          r"(?:[\w()/-]+\s+){0,3}?[\w()/-]+)\s*\.?\s*$", re.I)
"""The name a thing goes by, closing the sentence: "the number of functions running at once is called [the
concurrency]"."""
_OCCURS_WHEN = re.compile(r"^(?:[\w()/.-]+\s+){1,4}?(?:occurs?|happens?|is triggered|are triggered|kicks? in|starts?)\s+"
                          r"(?:only\s+)?(?:when|if|once)\s+((?:[\w()/.'’-]+\s+){1,7}?[\w()/-]+)(?=\s*(?:[,.;]|$))", re.I)
"""What sets a behaviour off: "throttling occurs when [concurrency limits are exceeded]"."""
_LEADS_TO = re.compile(r"\b(?:lead|leads|cause|causes|result in|results in)\s+(?:to\s+)?"
                       rf"((?:an?\s+)?(?:[\w-]+\s+)?(?:{phrases('consequence_words')})(?:\s+(?:or|and)\s+(?:[\w-]+\s+)?"
                       rf"(?:{phrases('consequence_words')}))?)\b", re.I)
"""The trade-off a choice brings on: "a high TTL can lead to [downtime]", "may lead to [data duplication or data loss]"."""
_TAKES_EFFECT = re.compile(r"\btakes?\s+(?:effect\s+)?(immediate|instant|immediately|instantly)\b(?:\s+effect\b)?", re.I)
"""When a change applies: "policy changes take [immediate] effect"."""
_SCOPE = re.compile(rf"\b(?:is|are|it['’]s|they['’]re|remains?|stays?)\s+(?:an?\s+)?({phrases('property_words')})(?=\s+(?:service|resource|"
                    r"construct|feature|setting|object|entity|namespace)s?\b|\s+(?:once|after|when|until|unless|and|but|so|by default)\b"
                    r"|\s*(?:[,.;]|$))", re.I)
"""A property in one word: "it's a [global] service", "network ACLs are [stateless]", "failover is [automatic]"."""
_MANNER = re.compile(r"(?<!listed )(?<!sorted )(?<!shown )(?<!arranged )"
                     r"\b(in parallel|sequentially|in order(?!\s+(?:to|from|of)\b)|out of order|asynchronously|synchronously|concurrently)\b", re.I)
"""How something runs, when the sentence names one manner: "shards are processed [in parallel]"."""
_EXPECTED_MANNER = re.compile(r"in parallel", re.I)
"""What distributed processing does anyway: "reads shards [in parallel]" is guessed without knowing anything —
asked only when the sentence sets it against running one at a time."""
_MANY_DOERS = re.compile(r"\b(?:multiple|many|several)\b", re.I)
"""A manner the rest names outright: "can be [concurrently] accessed by multiple instances"."""
_SERIAL = re.compile(r"\b(?:sequentially|serially|one at a time|one by one|in order|in sequence)\b", re.I)
_LEVEL = re.compile(r"\bat the\s+((?:[\w/]+,?\s+(?:and\s+|or\s+)?){0,4}?[\w/]+)\s+levels?\b|"
                    r"\b((?:[A-Za-z]+-,?\s+){1,3}(?:and|or)\s+[A-Za-z]+)-level\b", re.I)
"""A granularity: "policies apply at the [table, column, and row] level", "[column- and row]-level access"."""
_PLACEMENT = re.compile(rf"\b(single|multiple)\s+(?:{phrases('placement_nouns')})s?\b", re.I)
"""One or many of where a thing lives: "resides within a [single] Availability Zone", "across [multiple] AZs"."""
_WITH_MODE = re.compile(r"^(?:With|In|Under|Using)\s+(?:the\s+)?(?!(?:this|that|these|each|either|both|any|a|an)\b)"
                        r"([\w-]+(?:\s+[\w-]+)?)\s+(?:capacity\s+|capability\s+|billing\s+|storage\s+)?"
                        r"(?:mode|tier|class)\s*,\s*\S", re.I)
"""The mode a behaviour belongs to: "With [on-demand] mode, the shard count grows by itself"."""
_FORMAT = re.compile(rf"\b(?:{phrases('data_formats')})\b")
_AS_FORMAT = re.compile(rf"\bas\s+({phrases('data_formats')})\b")
"""The format data is handed over as: "clients get the results as [JSON] payloads" ("stored in Parquet format"
in a pipeline is often one example's choice, not a property)."""
MAX_LIST_WORDS = 9
_SINGLE = re.compile(r"\b(?:only one|exactly one|at most one)\b", re.I)
_USES = re.compile(rf"^(?:The\s+)?((?:[\w()/.-]+\s+){{0,5}}?)(?:{phrases('means_verbs')})\s+"
                   r"((?:an?\s+|the\s+)?(?:[\w()/.-]+\s+){0,4}?[\w()/.-]+)"
                   r"(?=\s+(?:to|for|as|in order to|internally|under the hood|behind the scenes|which|that|who|instead|and|but|while|so)\b|[.;]?\s*$|,)")
"""The means a named component works by: "AWS Glue uses [grok patterns] to infer the schema", "the KCL relies
on [leases] to track shard assignments". Only when the doer is a name (a capital or an acronym), not a
scenario's actor ("a company uses S3 to …"), and the means is a thing, not a pronoun or a bare "the pattern"."""
_NOT_MEANS = re.compile(r"^(?:it|its|them|this|that|these|those|their|your|our|his|her|one|some|any|more|less|"
                        r"only|both|all|each|same|different|other|another|such)\b", re.I)


def _means(text: str, mentions=None) -> tuple[int, int] | None:
    m = _USES.match(text)
    if not m:
        return None
    doer, means = m.group(1).strip(), m.group(2)
    named = any(x.start < m.end(1) for x in mentions or ()) or re.search(r"\b[A-Z][A-Z0-9]+[a-z]?\b", doer) \
        or len(re.findall(r"\b[A-Z][a-z][\w-]*", doer)) >= 2
    if not doer or not named \
            or re.findall(r"[A-Za-z]+", doer)[-1].lower() in words_of("scenario_actors") \
            or re.search(r"\b(?:that|which|who|when|if|where)\b", doer, re.I):
        return None
    bare = re.sub(r"^(?:an?|the)\s+", "", means, flags=re.I)
    if _NOT_MEANS.match(bare) or re.search(r"ed$|ing$", bare) or _NEGATION.search(means) \
            or re.search(r"\b(?:which|that|who|when|where)\b", bare, re.I) \
            or (words(bare) == 1 and bare.islower() and "-" not in bare and bare != means) \
            or _echoed(bare, text[m.end(2):]):
        return None
    return m.start(2), m.start(2) + len(means.rstrip("."))


def _echoed(hidden: str, rest: str) -> bool:
    """A content word of the hidden means said again after it: "uses [latency measurements] to find the lowest
    latency" — the rest names what the means is."""
    return any(re.search(rf"\b{re.escape(w)}\b", rest)
               for w in re.findall(r"\b[a-z]{5,}\b", hidden) if w not in words_of("stop_words"))


_MEANS = re.compile(r"\b(?:achieve|achieves|guarantee|guarantees)\b.{3,60}?\b(?:using|by using|via|through|by)\s+"
                    r"(.+?)\.?$", re.I)


def stated_property(text: str) -> tuple[int, int] | None:
    """The one property word a short statement gives its subject ("network ACLs are [stateless]"), else None."""
    found = [m for m in _SCOPE.finditer(text) if _main_clause(text, m.start())]
    return found[0].span(1) if len(found) == 1 else None


def key_spans(text: str, *, subject_ids: set[str] = frozenset(), mentions=None,
              named: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` that an exam would ask about, best kind first.

    Numbers with units and ranges first (not the numbers of an example); else a negation (a yes/no
    property); with ``named``, a mode, guarantee or requirement the sentence names ("switches to [CDC
    mode]"); else the one service the sentence names besides its subject.
    """
    return list(_key_spans(text, frozenset(subject_ids), None if mentions is None else tuple(mentions), named))


@functools.lru_cache(maxsize=1 << 14)  # the walker asks again about a sentence it has seen (a third of the calls)
def _key_spans(text: str, subject_ids: frozenset[str], mentions: tuple | None, named: bool) -> tuple[tuple[int, int], ...]:
    return tuple(_find_key_spans(text, subject_ids=subject_ids, mentions=mentions, named=named))


def _find_key_spans(text: str, *, subject_ids: frozenset[str], mentions, named: bool) -> list[tuple[int, int]]:
    m = re.match(r"(?:protocols?|access protocols?)\s*:\s*(.+?)\s*[.!]?\s*$", text, re.I)
    if m and protocol_line(m.group(1)):
        return [m.span(1)]  # "protocols: [NFS and SMB]": the protocols a named thing speaks
    spans = [(m.start(), m.end()) for m in _QTY_RE.finditer(text)]
    spans = [(s, e) for s, e in spans if (_is_value(text[s:e]) or _COUNTED.match(text[e:]) or _LIMIT_BEFORE.search(text[:s]))
             and not _illustrative(text, s, e) and not _unit_one(text, s, e) and not _in_name(text, s, e)
             and not _relative(text, s, e) and not re.match(r"['’]s\b", text[e:])
             and not any(x.start < s < x.end for x in mentions or ())]  # "route [53]": a service's own name
    money = [(m.start(), m.end()) for m in _MONEY.finditer(text) if not _illustrative(text, m.start(), m.end())]
    spans = [(s, e) for s, e in spans if not any(ms <= s < me for ms, me in money)] + money
    spans += [(m.start(1), m.end(1)) for m in _LIMIT_WORDNUM.finditer(text)
              if not _illustrative(text, m.start(1), m.end(1))]
    spans += [(m.start(), m.end()) for m in _WORDNUM.finditer(text)
              if not any(s <= m.start() < e for s, e in spans) and not _relative(text, m.start(), m.end())]
    spans += [(m.start(), m.end()) for m in _THRESHOLD.finditer(text)
              if not any(s <= m.start() < e for s, e in spans) and not _illustrative(text, m.start(), m.end())]
    if spans:
        return sorted(_strip_from(text, s, e) for s, e in spans)
    if named and DEFAULT_MARK.search(text) and not _NEGATION.search(text) and not _STATE_NEGATION.search(text):
        states = [m for m in _DEFAULT_STATE.finditer(text) if _main_clause(text, m.start())
                  or re.search(r"\b(?:and|but|while|whereas)\s+(?:[\w-]+\s+){0,4}$", text[:m.start()])]
        if 1 <= len(states) <= 3:
            return [m.span(1) for m in states]
        m = _DEFAULT_OBJECT.match(text)
        if m and 2 <= words(m.group("what")) <= 12 and not _NEGATION.search(m.group("what")):
            return [(m.start("what"), m.start("what") + len(m.group("what").rstrip(".")))]
    scope = list(_SCOPE.finditer(text)) if named else []
    if len(scope) == 1:
        return [scope[0].span(1)]
    neg = [(m.start(), m.end()) for m in _NEGATION.finditer(text)]
    if not neg and named and not re.match(r"\W*(?:i\.e|e\.g)\b", text, re.I):
        neg = [(m.start(), m.end()) for m in _NEGATION_SHORT.finditer(text) if _main_clause(text, m.start())
               and m.start() > 0 and not re.search(r"\b(?:where|because|since|until|once|unless)\b", text[:m.start()], re.I) and words(re.match(r"[^,.;:()!]*", text[m.end():]).group(0)) >= 2]
    if not neg:
        neg = [(m.start(), m.end()) for m in _STATE_NEGATION.finditer(text) if _main_clause(text, m.start())]
    if len(neg) == 1:
        # Hide the whole negated predicate ("cannot be deleted or overwritten"), not the lone "cannot"
        # that the rest of the sentence gives away.
        start, end = neg[0]
        clause = re.match(r"[^,.;:()]*", text[end:]).group(0)
        if 1 <= words(clause) <= 7:
            end += len(clause.rstrip())
            verb = _VERB_GROUP.match(text[neg[0][1]:end])
            lead = re.split(r"[,;:—]", text[:start])[-1]
            rest = text[neg[0][1] + verb.end():end] if verb else ""
            if verb and (words(lead) <= 3 or not text[end:].strip(" .;!)")) and words(rest) >= 2 and not _POLARITY.search(rest):
                # "DynamoDB Streams [do not have direct integration with Firehose]" asks nothing: the front is
                # the subject alone. Hide the negated verb, keep what it is about: "[do not have] direct …".
                end = neg[0][1] + verb.end()
        # a bare "[do not]" (its predicate too long to hide) or a negation an "only" before it announces
        # ("can only publish — it [cannot subscribe]") asks nothing the sentence does not say
        bare = end == neg[0][1]
        if not bare and not _ONLY.search(text[:start]) \
                and not _POLARITY.search(re.match(r"[^,.;:()]*", text[end:]).group(0)):
            return [(start, end)]
        # "[does not] need any extra code …": what stays shown only reads after a negation
    if named:
        for pattern in (_MODE, _GUARANTEE, _SCALES, _MUST, _DEFAULT, _CAUSE):
            m = pattern.search(text)
            if m and not _NEGATION.match(m.group(1)) and not re.match(r"(?:be|the|a|an|it|this|that)$", m.group(1), re.I):
                s, e = m.start(1), m.end(1)
                if pattern is _MUST:
                    manner = _MANNER_END.search(text[s:e])
                    if manner and manner.start() > 0:
                        return [(s + manner.start(1), e)]  # "must provision capacity [upfront]"
                elif pattern is not _CAUSE:
                    s, e = _kind_shown(text, s, e)
                return [_unrepeated(text, s, e)]
    single = [(m.start(), m.end()) for m in _SINGLE.finditer(text)]
    if len(single) == 1:
        return single
    if named:
        m = _CODE_SETTING.search(text)
        if m and len(_CODE_SETTING.findall(text)) == 1 and re.search(r"\b(?:to|so that|which|that|for|when)\b", text[m.end():]):
            return [m.span(1)]
        m = _ONLY_FOR.search(text)
        if m and _main_clause(text, m.start()) and not re.match(r"(?:it|them|this|that|these|those)\b", m.group(1), re.I):
            return [m.span(1)]
        packed = [m for m in _INTO_ONE.finditer(text) if _main_clause(text, m.start())]
        doer = text[:packed[0].start()] if packed else ""  # a named doer, not a scenario's "the company"
        if 1 <= len(packed) <= 2 and re.search(r"[A-Z][\w-]*[A-Z]|\b(?!(?:The|A|An|This|That|It|We|You)\b)[A-Z][a-z]", doer):
            # a target the other clause names again ("… into a single [Kinesis record], and collects many
            # Kinesis records …") is given away: only the other is asked
            return [m.span(1) for m in packed
                    if not re.search(rf"\b{re.escape(m.group(1).split()[-1].rstrip('s'))}s?\b",
                                     text[:m.start(1)] + " " + text[m.end(1):], re.I)]
        m = _WITHOUT.search(text) or _TAKES_EFFECT.search(text) or _DONE_WITH.search(text) or _BY_DOING.search(text) \
            or _CALLED_NAME.search(text) or _OCCURS_WHEN.search(text) or _LEADS_TO.search(text) \
            or _DIFFERENT.search(text)
        if m and _main_clause(text, m.start()):
            return [m.span(1)]
    m = _MEANS.search(text)
    if m and 1 <= words(m.group(1)) <= 10:
        return [(m.start(1), m.end(1))]
    m = _BILLED.search(text)
    if m:
        return [(m.start(1), m.end(1))]
    m = _LEVEL.search(text)
    if m:
        g = 1 if m.group(1) else 2
        return [(m.start(g), m.end(g))]
    m = _PAY.search(text)
    if m and 1 <= words(m.group(1)) <= 10:
        return [(m.start(1), m.end(1))]
    m = _ACRONYM.search(text)
    if m:
        return [(m.start(2), m.end(2))]
    if mentions is not None and words(text) >= MIN_MENTION_SENTENCE:
        related = set(subject_ids)
        for m in mentions:
            if m.service.id in subject_ids:
                related |= {m.service.family, m.service.parent} - {""}
        others = [m for m in mentions if m.service.id not in subject_ids and m.service.id not in GENERIC_SERVICES
                  and not ({m.service.family, m.service.parent, m.service.id} & related)]
        if len({m.service.id for m in others}) == 1 and len(others) == 1:
            m = others[0]
            in_list = re.search(r"(,|\bor|\band)\s*$", text[:m.start]) or re.match(r"\s*(,|or\b|and\b)", text[m.end:])
            glossed = re.match(r"\s*\([^)]{2,40}\)", text[m.end:])  # "[S3] (Data Lake)": the gloss names it
            guess = FIRST_GUESSES.get(m.service.id)
            moved = (guess and guess.search(text[:m.start])) or _OPEN_BEFORE.search(text[:m.start])
            if not _GIVEAWAY.match(text[m.end:]) and text[m.end:m.end + 2] not in ("’s", "'s") and not in_list \
                    and not glossed and not moved:
                return [(m.start, m.end)]
    if named:
        means = _means(text, mentions)
        if means:
            return [means]
        m = _WITH_MODE.match(text)
        if m and not re.search(r"\b(?:default|same|other|different|new|old|first|second)\b", m.group(1), re.I):
            return [(m.start(1), m.end(1))]
        m = _AS_FORMAT.search(text)
        if m and len(_FORMAT.findall(text)) == 1 and "?" not in text:
            return [(m.start(1), m.end(1))]
        placed = list(_PLACEMENT.finditer(text))
        if len(placed) == 1 and not re.search(r"\b(?:single|mult)", text[:placed[0].start()] + text[placed[0].end(1):], re.I) \
                and _main_clause(text, placed[0].start()) and "?" not in text:
            article = re.search(r"\b(?:a|an)\s+$", text[:placed[0].start()], re.I)
            if article and placed[0].group(1).lower() == "single":
                return [(article.start(), placed[0].end())]  # "a [single] AZ" reads one way: ask "[a single AZ]"
            return [(placed[0].start(1), placed[0].end(1))]
        listed = _named_list(text, mentions, subject_ids)
        if listed:
            return [listed]
        m = _COMPATIBLE.search(text)
        if m and not re.fullmatch(r"AWS|APIs?|Amazon", m.group(1)) and "?" not in text \
                and not any(x.service.id in subject_ids and m.start(1) <= x.start < m.end(1) for x in mentions or ()):
            return [(m.start(1), m.end(1))]
        manners = list(_MANNER.finditer(text))
        if len(manners) == 1 and (not _EXPECTED_MANNER.fullmatch(manners[0].group(1)) or _SERIAL.search(text)) \
                and not _MANY_DOERS.search(text[manners[0].end():]):
            return [(manners[0].start(1), manners[0].end(1))]
    return []


_COUNTED = re.compile(r"\s+(?:[A-Z]+\s+)?(?:brokers?|shards?|instances?|records?|nodes?|partitions?|times|retries|AZs?|"
                      r"Availability Zones|consumers?|functions?|tables?|columns?|regions?|copies|replicas?|"
                      r"attempts?|days?|hours?|minutes?|seconds?|concurrent|[a-z]{3,}s)\b")


def _illustrative(text: str, s: int, e: int) -> bool:
    """A number in an example, not a limit: "a job that runs every 10 minutes", "top 10 players", "85% CPU"."""
    before = text[:s]
    if _WORKED.search(text):
        return True
    clause = re.split(r"[;:]|,\s+(?:but|while|whereas)\b", before)[-1]
    if _EXAMPLE_CUE.search(clause) or _EXAMPLE_BEFORE.search(before):
        return True
    return text[s:e].rstrip().endswith("%") and bool(_UTILISATION.search(text[e:e + 25]) or _UTILISATION.search(before[-30:]))


_NAME_BEFORE = re.compile(r"(?:^|[\s(])([A-Z][A-Za-z]+)\s$")
_COMPARATIVE = re.compile(rf"^\s*(?:times|[xX×])?\s*(?:(?:the|as)\s+)?(?:\w+\s+)?(?:{'|'.join(sorted(words_of('comparatives')))})\b",
                          re.I)
_COMPARED = re.compile(r"\b(?:than|over|compared|comparison|vs\.?|versus|relative to|of|same as|as opposed to|against)\b", re.I)


def _in_name(text: str, s: int, e: int) -> bool:
    """"Route [53]", "Graviton [3]": a bare number right after a capitalised word is part of that name, unless
    the word only leads a quantity ("About 300", "Max 500" — ``quantity_leads`` in the lexicon)."""
    if not re.fullmatch(r"\d+", text[s:e].strip()):
        return False
    m = _NAME_BEFORE.search(text[:s])
    return bool(m) and m.group(1).lower() not in words_of("quantity_leads")


def expected_manner(text: str) -> bool:
    """The sentence's one manner is what distributed processing does anyway ("reads shards in parallel")."""
    manners = list(_MANNER.finditer(text))
    return len(manners) == 1 and bool(_EXPECTED_MANNER.fullmatch(manners[0].group(1))) and not _SERIAL.search(text)


def relative_claim(text: str) -> bool:
    """"KPL achieves around 800 times greater throughput": a multiplier or share with a comparative and nothing
    it is compared to ("than …", "over …") — a number the learner cannot check, no fact."""
    for m in list(_QTY_RE.finditer(text)) + list(_WORDNUM.finditer(text)):
        if _relative(text, m.start(), m.end()):
            return True
    return False


def _relative(text: str, s: int, e: int) -> bool:
    after = text[e:]
    m = _COMPARATIVE.match(after)
    if not m:
        return False
    span = text[s:e]
    if not re.search(r"(?:%|percent|[xX×])\s*$|\btimes$", span) and not re.match(r"\s*(?:times|[xX×])\b", after) \
            and not re.match(r"\s*[xX×]", after):
        return False  # "1,000 more records" counts things; only a multiplier or a share is a relative claim
    return not _COMPARED.search(after[m.end():])


_MANNER_END = re.compile(rf"\s({phrases('requirement_manners')})$", re.I)
_KIND_NOUN = re.compile(rf"\s+(?:{'|'.join(sorted(words_of('value_kind_nouns')))})$", re.I)


def _kind_shown(text: str, s: int, e: int) -> tuple[int, int]:
    """"switches to [CDC mode]" → "switches to [CDC] mode": a closing noun that only says what kind of value the
    name is stays shown (``value_kind_nouns``); the name is the fact."""
    m = _KIND_NOUN.search(text[s:e])
    return (s, s + m.start()) if m and m.start() > 0 else (s, e)


def _unrepeated(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a hidden phrase's last word when the sentence says it again: "guarantees [ordered] processing per
    shard, but shards are processed in parallel" — "processing" would be given away by "processed"."""
    m = re.search(r"\s+([A-Za-z][\w-]*)$", text[s:e])
    if not m:
        return s, e
    stem = m.group(1).lower()[:5]
    rest = (text[:s] + " " + text[e:]).lower()
    if len(stem) >= 4 and re.search(rf"\b{re.escape(stem)}", rest):
        return s, s + m.start()
    return s, e


_ONLY = re.compile(r"\b(?:only|exactly one|single)\b", re.I)


def _unit_one(text: str, s: int, e: int) -> bool:
    """"[1] RCU represents one read …": the "1" of a definition's unit, not a value to recall."""
    return text[s:e].strip() in ("1", "one") and not text[:s].strip() and bool(
        re.match(r"\s+[A-Za-z][\w-]*\s+(?:(?:represents|is|equals|means|provides|gives|allows)\b|=)", text[e:]))


def _is_value(span: str) -> bool:
    """A bare small integer without a unit is rarely a value worth hiding (list numbers, counts in names)."""
    if re.fullmatch(r"\d{1,2}", span.strip()):
        return False
    return True


def _strip_from(text: str, s: int, e: int) -> tuple[int, int]:
    if text[s:e].lower().startswith("from "):
        s += 5
    return s, e


_TRAILING = re.compile(
    r"\s+(?:—|–)\s+.*$|,?\s+depending on\b.*$|,?\s+(?:due to|thanks to|because of) (?:its|their)\b.*$|\s+by (?:allowing|enabling|providing|leveraging)\b.*$|"
    r",\s+(?:\w+ly\s+)?(?:which|enabling|allowing|making|helping|thereby|especially|particularly|providing|so that|"
    r"while|ensuring|eliminating|reducing|leading to|resulting in|ideal for|suitable for|useful for|suiting)\b.*$", re.I)


def trim_clause(sentence: str, keep_until: int = 0) -> str:
    """Drop a trailing explanatory clause (", which …", ", enabling …") when what is left still says something."""
    m = _TRAILING.search(sentence)
    if m and m.start() >= keep_until and words(sentence[:m.start()]) >= 4:
        return sentence[:m.start()].rstrip(" ,;") + ("." if sentence.rstrip().endswith(".") else "")
    return sentence


_NAMED_ITEM = r"(?:[A-Z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*|[A-Z]{2,}[a-z]?)"
_NAMED_EXAMPLES = re.compile(
    rf"\b(?:like|such as|e\.g\.,?|including)\s+((?:{_NAMED_ITEM},\s+){{0,2}}{_NAMED_ITEM}(?:,?\s+(?:or|and)\s+{_NAMED_ITEM})?)"
    r"\s*(?:[.;)]\s*$|$)")
"""A closing list of named things after "like"/"such as": "columnar formats like [Parquet or ORC]"."""


def named_examples(text: str) -> tuple[int, int] | None:
    """The span of one to three proper names that close a sentence after "like"/"such as"; None otherwise.

    Each item is one capitalised word or acronym ("Parquet", "ORC", "JSON"), so "such as Lambda functions in
    a VPC" or a list of common nouns is not taken; a sentence's first word is never such an item.
    """
    m = _NAMED_EXAMPLES.search(text.strip())
    if not m:
        return None
    items = re.split(r",\s+|\s+(?:or|and)\s+", m.group(1))
    if not 1 <= len(items) <= 3 or any(x.lower() in {"and", "or", "the", "a", "an", "this", "that"} for x in items):
        return None
    offset = len(text) - len(text.lstrip())
    return offset + m.start(1), offset + m.end(1)


_TIME_UNIT = re.compile(r"(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)$", re.I)
_SIZE_UNIT = re.compile(r"(?:[KMGTP]i?B|GiB|TiB|[kmgt]b)(?:/s(?:ec)?|ps)?$|GB/s$|MB/sec$")


def _kind(text: str, s: int, e: int) -> str:
    """What a hidden number measures: a time, a size, a share, or (bare) the word it counts."""
    span = re.sub(r"\s*\([^()]*\)$", "", text[s:e]).strip()
    if _TIME_UNIT.search(span) or re.search(r"\d-(?:hour|day|minute|second|week|month|year)s?$", span):
        return "time"
    if _SIZE_UNIT.search(span):
        return "size" + ("/s" if re.match(r"\s*(?:/s|/sec|per second)\b", text[e:]) or "/s" in span else "")
    if span.endswith("%") or span.endswith("percent"):
        return "share"
    after = re.match(r"\s*([A-Za-z][\w/-]*)", text[e:])
    return "count " + (after.group(1).lower().rstrip("s")[:6] if after else "")


def paired(text: str, spans: list[tuple[int, int]]) -> bool:
    """Two or three values of one kind in one sentence ("[1 MB] per record, [5 MB] per request"; "default [24h],
    max [7 days]"; "certainty [1.0] if it matches, [0.0] if not") are one fact: shown, either end gives the other
    away (or halves the guess), so they are hidden together."""
    if not 2 <= len(spans) <= 3:
        return False
    if not any(re.search(r"\d", text[s:e]) or _WORDNUM.search(text[s:e]) or _LIMIT_WORDNUM.search(text[:e])
               or re.search(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|single|multiple)\b",
                            text[s:e], re.I) for s, e in spans) and all(words(text[s:e]) <= 3 for s, e in spans):
        return True  # states set against each other: "inbound is [restricted] and outbound is [allowed], by default"
    kinds = {_kind(text, s, e) for s, e in spans}
    if all(k.startswith("count") for k in kinds) and all(
            words(text[a[1]:b[0]]) <= 3 for a, b in zip(spans, spans[1:])):
        return True  # counts side by side: "[3,500] PUT and [5,500] GET requests per second"
    if len(kinds) != 1:
        return False
    kind = kinds.pop()
    if kind != "count ":
        return True
    # bare numbers with nothing after them: a pair only when the same words lead both ("certainty= 1.0 … certainty= 0.0")
    leads = {re.search(r"(\w+)\W*$", text[:s]).group(1).lower() if re.search(r"(\w+)\W*$", text[:s]) else "" for s, _ in spans}
    return len(leads) == 1


_NAMED_ITEM = r"(?:[A-Z][A-Za-z0-9]*(?:[/+-][A-Za-z0-9]+)*|[a-z]+[A-Z][A-Za-z0-9]*)(?:\s+[A-Z][A-Za-z0-9]*(?:[/+-][A-Za-z0-9]+)*){0,3}"
_NAMED_LIST = re.compile(rf"(?<![\w/-])({_NAMED_ITEM}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_NAMED_ITEM})+)"
                         rf"(?:,?\s+etc\.?)?(?![\w/-])")
"""Two or more named things in a row ("mutual TLS, SASL/SCRAM or IAM"): what a component supports or uses."""


def _named_list(text: str, mentions, subject_ids) -> tuple[int, int] | None:
    """The one list of named things (acronyms, capitalised terms, API names) the predicate of a sentence gives:
    "MSK supports [TLS, SASL/SCRAM or IAM] access control". None when the sentence has no such list, more
    than one, or the list opens the sentence (it is then the subject) or names the subject."""
    found = [m for m in _NAMED_LIST.finditer(text) if words(text[:m.start()]) >= 2]
    if len(found) != 1 or "?" in text:
        return None
    m = found[0]
    s, e = m.start(1), m.end(1)
    if words(text[s:e]) > MAX_LIST_WORDS or re.search(r"\b(?:I|AWS|Amazon)$", text[s:e]):
        return None
    if any(x.service.id in subject_ids and s <= x.start < e for x in mentions or ()):
        return None
    before, after = text[:s], text[e:]
    clause = re.split(r"[;:.)]\s", before)[-1]
    if _LIST_CUE_BEFORE.search(before) or _EXAMPLE_IN_CLAUSE.search(clause) or re.search(r"\b[a-z]{2,}[^\Ws]s\s*\(\s*$", before) or re.search(r",\s*$", before) \
            or re.search(r"[A-Z]\w*\s+(?:for|on|of)\s+$", before) or re.match(r"\s+(?:for|on|of)\s+[A-Z]", after) \
            or re.match(r",?\s*(?:or|and)\s+(?:other|more|similar)\b|\s*:", after) \
            or re.search(r"\b[a-z][\w-]*\s*,\s*$", before) or re.match(r"\s*,\s*(?:(?:and|or)\s+[a-z]|[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*(?:[,)]|(?:and|or)\b|$))", after):
        return None  # examples ("e.g. X, Y", "resources (X, Y)"), a comparison ("between X or Y"), a label, or a list of mixed items
    items = [i for i in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", text[s:e]) if i]
    spans = [(x.start, x.end) for x in mentions or ()]
    named = [i for i in items if re.search(r"[A-Z](?<![-/][A-Z])[A-Za-z]*[A-Z]|\d|\s[A-Z]", i)
             or any(a <= s + text[s:e].find(i) < b for a, b in spans)]
    if 2 * len(named) <= len(items):
        return None  # capitalised common words ("Secrets and Configurations"), not named things
    shown = re.sub(r"\W", "", (before + " " + after).lower())
    if any(len(n) >= 4 and n in shown for n in (re.sub(r"\W", "", i.lower()).rstrip("s") for i in items)):
        return None  # "with [Web Sockets or MQTT] on websocket": the sentence names an item again
    last = re.findall(r"\w+", items[-1])[-1].lower()
    if last in re.findall(r"\w+", after.lower())[:3]:
        return None  # "[Direct Connect or Site] to site VPN": the list cut a name in two
    return s, e


_COMPATIBLE = re.compile(r"\b(?:compatible with|encrypt(?:s|ed|ion)?(?:\s+(?:at rest|in transit|data|keys))?\s+(?:with|using|via|through))"
                         r"\s+(?:the\s+)?([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9/-]*(?:\s+[A-Z][A-Za-z0-9]*)?)(?![\w/-])")
"""What a component is compatible with or encrypts with, named by an acronym: "compatible with [MySQL]",
"encryption at rest with [KMS]"."""
_LIST_CUE_BEFORE = re.compile(r"(?:\b(?:e\.g|i\.e|eg|ie)\b\.?,?|\b(?:like|such as|for example|for instance|between|vs\.?|versus|"
                              r"instead of|rather than|if)(?:\s+(?:a|an|the))?|\bnot(?:\s+\w+){0,2})\s*\(?\s*$", re.I)
_EXAMPLE_IN_CLAUSE = re.compile(rf"(?<!\w)(?:i\.e\b|{phrases('example_openers')})(?!\w)", re.I)


_SUBJECTLESS = re.compile(r"^(?:Should|Must|Can|May|Could|Might)\s+(?:also\s+|only\s+|always\s+)?be\s+[a-z]+(?:ed|en|t)\b")
_USE_LINE = re.compile(rf"^\W*(?:{phrases('carrying_instructions')})\s+((?:an?\s+|the\s+)?[A-Za-z][\w-]*(?:\s+[\w-]+){{0,3}}?)"
                       r"\s+(?:to|for|when|if|in order to|so that)\b", re.I)


def carried_subject(sentence: str, previous: str) -> str:
    """A line with no subject that goes on from the instruction before it: "Use multipart upload to speed up
    uploads" then "Should be used for any file over 100 MB" → "Multipart upload should be used for any file
    over 100 MB" (what should be used is what the line before said to use). Any other line: as it is."""
    if not _SUBJECTLESS.match(sentence):
        return sentence
    m = _USE_LINE.match(previous.strip())
    if not m:
        return sentence
    thing = re.sub(r"^(?:an?|the)\s+", "", m.group(1), flags=re.I)
    return f"{thing[:1].upper()}{thing[1:]} {sentence[:1].lower()}{sentence[1:]}"
