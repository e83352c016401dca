"""Settle the facts of all notes together: exam weights out, repeats merged, one answer per question,
unique keys. Pure functions from facts to facts (and the skips they record)."""
from __future__ import annotations

import dataclasses
import re
from typing import Callable

from .config import DeckConfig
from .errors import Location
from .lexicon import phrases, words_of
from .model import ClozeFact, CompareFact, Fact, Note, QAFact, Skip
from .model import Reason


def unique_keys(facts: list[tuple[Note, Fact]]) -> list[tuple[Note, Fact]]:
    """Make fact keys unique across the deck (the extractor keeps them unique within a note).

    A key that an earlier note already used gets ``#2``, ``#3``… like a repeat within a note; the
    GUIDs follow keys, so two notes must never share one.
    """
    seen: set[str] = set()
    out = []
    for note, fact in facts:
        key, n = fact.key, 2
        while key in seen:
            key, n = f"{fact.key}#{n}", n + 1
        seen.add(key)
        out.append((note, fact if key == fact.key else dataclasses.replace(fact, key=key)))
    return out


def drop_domain_weights(facts: list[tuple[Note, Fact]], config: DeckConfig) -> tuple[list[tuple[Note, Fact]], list[Skip]]:
    """The exam's domain weights are deck.yaml's own facts about the exam, shown in the deck description."""
    names = {d.name.lower(): d for d in config.domains}
    kept, skips = [], []
    for note, f in facts:
        d = names.get(f.subject.lower())
        if d and isinstance(f, ClozeFact) and any(s.cloze and s.text.strip() == f"{d.weight}%" for s in f.segments):
            skips.append(Skip(f.where, Reason.DOMAIN_WEIGHTING, f.subject))
        else:
            kept.append((note, f))
    return kept, skips


_CJK_SPACE = re.compile(r"\s+(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])\s+")


def _fold(text: str) -> str:
    """A front as a learner reads it: case and spacing do not make another question ("AWS Glueクローラー" and
    "AWS Glue クローラー" are one)."""
    return _CJK_SPACE.sub("", re.sub(r"\s+", " ", text.strip().lower()))


def settle_ambiguity(facts: list[tuple[Note, Fact]]) -> tuple[list[tuple[Note, Fact]], list[Skip]]:
    """No two cards may ask the same question with different answers; exact repeats are dropped."""
    def front(f: Fact) -> str:
        if isinstance(f, QAFact):
            return _fold(f.question)
        if isinstance(f, CompareFact):
            return _fold(f"{f.attribute}|{f.subject}")
        return _fold("".join("[…]" if s.cloze else s.text for s in f.segments)) + f"|{len(f.segments)}"

    def answer(f: Fact) -> str:
        if isinstance(f, QAFact):
            return f.answer.lower()
        if isinstance(f, CompareFact):
            return repr(f.values).lower()
        return "|".join(s.text for s in f.segments if s.cloze).lower()

    # "Up to [5] secondary regions, replication lag under [1 second]" as two cards: each shows the other's answer,
    # so a reader meets one sentence twice; one short sentence with two figures hidden is one card
    facts = [(note, _one_card(f)) for note, f in _show_figures_asked_elsewhere(facts)]
    groups: dict[str, list[int]] = {}
    for i, (_, f) in enumerate(facts):
        groups.setdefault(front(f), []).append(i)
    out = list(facts)
    dropped: set[int] = set()
    skips: list[Skip] = []
    for idxs in groups.values():
        if len(idxs) < 2:
            continue
        first_answer = answer(facts[idxs[0]][1])
        for i in idxs[1:]:
            note, f = facts[i]
            if answer(f) == first_answer:
                dropped.add(i)
                skips.append(Skip(f.where, Reason.REPEATED_FACT, front(f), str(facts[idxs[0]][1].where)))
            elif isinstance(f, QAFact) and not f.question.lower().startswith("what is"):
                section = f.context.split(" › ")[-1]
                q = f.question.rstrip("?") + f" ({section})?"
                out[i] = (note, dataclasses.replace(f, question=q))
            elif isinstance(f, QAFact):
                # a second definition of the same thing: the first one (in note order) is the card
                dropped.add(i)
                skips.append(Skip(f.where, Reason.DEFINED_ALREADY, front(f), str(facts[idxs[0]][1].where)))
            else:
                dropped.add(i)
                skips.append(Skip(f.where, Reason.SAME_QUESTION, front(f), str(facts[idxs[0]][1].where)))
    def drop_repeats(key_of: Callable[[Fact], object], reason: Reason,
                     differs: Callable[[list[Fact], Fact], bool] = lambda kept, f: False) -> None:
        """Keep the first fact of each key (in note order); later ones are skipped with ``reason`` unless
        ``differs`` tells them apart from every fact of that key kept so far."""
        first: dict[object, list[Fact]] = {}
        for i, (_, f) in enumerate(out):
            k = None if i in dropped or isinstance(f, CompareFact) else key_of(f)
            if not k:
                continue
            if k in first and not differs(first[k], f):
                dropped.add(i)
                skips.append(Skip(f.where, reason, front(f), str(first[k][0].where)))
            else:
                first.setdefault(k, []).append(f)

    # the same value about the same service, from a table and again from prose — unless the second sentence
    # says something else about it ("24-hour retention allows only short-term replay")
    drop_repeats(lambda f: f.services and _value_key(answer(f)) and (f.services[0], _value_key(answer(f))),
                 Reason.REPEATED_FACT, _adds_a_fact)
    # one sentence under two subjects ("Kinesis Data Streams — Each record …" and "Kinesis Data Streams API — Each
    # record …"), the same words hidden: one card
    drop_repeats(_sentence_key, Reason.REPEATED_FACT, lambda kept, f: not _same_subject(kept, f))
    # "What is ASG?" in one note and "Compute: what is ASG?" in another, with one answer: one card
    drop_repeats(_definition_key, Reason.REPEATED_DEFINITION)
    # "Load Balancer: what is Stickiness (Session Affinity)?" in one note, "What is LB stickiness (session
    # affinity)?" in another, told in mostly the same words: one definition, the shorter front kept
    _drop_reworded_definitions(out, dropped, skips, front)
    # "Availability: Standard vs Standard-IA?" beside the table's own cells "Standard — availability: [99.99%]" and
    # "Standard-IA — availability: [99.9%]": the comparison asks nothing the cells do not
    _drop_compared_cells(out, dropped, skips, front)
    # "Need to run SQL on data in S3?" and "Run ad-hoc SQL queries on S3 data without servers?", both answered
    # "Athena": one cue in other words, the shorter front kept
    _drop_reworded_questions(out, dropped, skips, front)
    # "EFS — protocol?" and "EFS — protocol support: […]": one subject, one attribute, asked twice
    drop_repeats(_whole_question_head, Reason.ASKED_ALREADY)
    # "SQS FIFO — [300] msg/s without batching, [3000] with" in one note and "SQS FIFO: [3000] rps batched / 300
    # rps unbatched" in another: the same numbers about the same service asked twice; the card hiding more is kept
    _drop_number_repeats(out, dropped, skips, front)
    # "SQS Standard — retention: [14 days]" beside "SQS FIFO — retention: Max up to [14 days]" in one table row: the
    # bare value is a bound told as the value
    _drop_bare_bounds(out, dropped, skips, front)
    # the same bare value beside a card of the same service, anywhere, that calls it a default or a bound: the
    # bare card says which it is
    _qualify_bare_defaults(out, dropped)
    # "DAX: [10] nodes, primary + replicas" beside "DAX — up to [10] nodes in a cluster, [3] for production": one
    # count of one thing of one service, asked again by a card that states less
    _drop_count_repeats(out, dropped, skips, front)
    # a second pass for questions that are still equal after adding the section
    seen: dict[str, Location] = {}
    result = []
    for i, (note, f) in enumerate(out):
        if i in dropped:
            continue
        k = front(f)
        if k in seen:
            skips.append(Skip(f.where, Reason.SAME_QUESTION, k, str(seen[k])))
            continue
        seen[k] = f.where
        result.append((note, f))
    return result, skips


_STOP = frozenset(words_of("stop_words")) | frozenset(words_of("repeat_filler"))
MIN_NEW_STEMS = 3
"""Content words a sentence must add to the facts with the same value to be a fact of its own."""


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z][a-z-]{2,}", text.lower()) if w not in _STOP}


def _shown(f: Fact) -> str:
    if isinstance(f, ClozeFact):
        return "".join(s.text for s in f.segments if not s.cloze)
    return f.question if isinstance(f, QAFact) else ""


def _adds_a_fact(kept: list[Fact], later: Fact) -> bool:
    """The later sentence shares the value of facts kept already but says something more: "DynamoDB Streams —
    data retention period: 24 hours" and "replay recent data changes for up to 24 hours" are two facts."""
    if isinstance(later, ClozeFact):
        i = next(n for n, seg in enumerate(later.segments) if seg.cloze)
        before = "".join(seg.text for seg in later.segments[:i])
        word = re.search(r"([A-Za-z]+)\s*$", before)
        number = later.segments[i].text.strip()
        if word and re.search(rf"\b{word.group(1)}\s*{re.escape(number)}\b", later.subject, re.I):
            return False  # "Route [53] sees …" about Amazon Route 53: the blank completes a name, not a fact
    known = _stems(later.subject)
    for f in kept:
        known |= _stems(f"{_shown(f)} {f.subject} {f.context}")
    return len(_stems(_shown(later)) - known) >= MIN_NEW_STEMS


MIN_REPEAT_WORDS = 6
"""A sentence this long, met again word for word with the same blanks, is the same card whatever its lead."""


def _sentence_key(f: Fact) -> tuple | None:
    """A cloze's sentence without the "Subject — " lead the extractor puts before it, and its answers, folded."""
    if not isinstance(f, ClozeFact):
        return None
    segments = list(f.segments)
    if len(segments) > 1 and not segments[0].cloze and segments[0].text.rstrip().endswith("—"):
        segments = segments[1:]
    body = "".join("[…]" if s.cloze else s.text for s in segments)
    if len(re.findall(r"\w+", body)) < MIN_REPEAT_WORDS:
        return None
    return _fold(body), "|".join(_fold(s.text) for s in segments if s.cloze), tuple(sorted(f.services))


def _same_subject(kept: list[Fact], later: Fact) -> bool:
    """False when a kept fact's subject and the later one's are one named the longer way ("Amazon Kinesis Data
    Streams" / "… API"); "Tape Gateway" and "Volume Gateway" saying one sentence are two facts."""
    a = _fold(later.subject)
    return any(_fold(f.subject) in a or a in _fold(f.subject) for f in kept)


_DEFINITION = re.compile(r"(?:^|[:›—]\s*)what (?:is|are) (?:an? |the )?(.+?)\s*[?？]?$", re.I)


def _definition_key(f: Fact) -> tuple | None:
    """"Compute: what is Auto Scaling Group (ASG)?" → (the term, the answer, its services), folded: the same
    term of the same services defined with the same words, whatever label stands before the question (one
    "minimum storage duration" of two storage classes is two facts)."""
    if not isinstance(f, QAFact):
        return None
    m = _DEFINITION.search(f.question.strip())
    if not m:
        return None
    return _fold(m.group(1)), _fold(re.sub(r"[^\w\s]", "", f.answer)), tuple(sorted(f.services))


def _show_figures_asked_elsewhere(facts: list[tuple[Note, Fact]]) -> list[tuple[Note, Fact]]:
    """A sentence hiding two figures as two cards ("retention (default [24h], max [7 days])") where another card of
    the same service asks one of them on the same topic ("data retention period (default): [24 hours]"): that
    figure is shown, so the sentence is one card asking only what no other card asks."""
    asked: dict[tuple[str, str], list[Fact]] = {}
    for _, f in facts:
        if f.services and not isinstance(f, CompareFact):
            hidden = _asked_text(f)
            if isinstance(f, QAFact) or sum(1 for s in f.segments if s.cloze) == 1:
                value = _value_key(hidden)
                if value:
                    asked.setdefault((f.services[0], value), []).append(f)
    out = []
    for note, f in facts:
        if isinstance(f, ClozeFact) and f.services and len({s.cloze for s in f.segments if s.cloze}) >= 2:
            shown = {n for n, s in enumerate(f.segments) if s.cloze and any(
                g is not f and _around_blank(f, n) & _topic(_shown(g))
                for g in asked.get((f.services[0], _value_key(s.text)), ()))}
            if shown and len(shown) < sum(1 for s in f.segments if s.cloze):
                left = sorted({s.cloze for n, s in enumerate(f.segments) if s.cloze and n not in shown})
                f = dataclasses.replace(f, segments=tuple(
                    dataclasses.replace(s, cloze=0) if n in shown else
                    dataclasses.replace(s, cloze=left.index(s.cloze) + 1) if s.cloze else s
                    for n, s in enumerate(f.segments)))
        out.append((note, f))
    return out


def _around_blank(f: ClozeFact, n: int) -> set[str]:
    """Content words within ``NUMBER_WINDOW`` words either side of blank ``n`` ("with retention (default [24h]" →
    reten), bounds and units left out: "minutes" or "default" alone do not say what a figure is of."""
    lead = 1 if not f.segments[0].cloze and f.segments[0].text.rstrip().endswith("—") else 0
    before = re.findall(r"[A-Za-z][\w-]*", "".join(s.text for s in f.segments[lead:n]))[-NUMBER_WINDOW - 1:]
    after = re.findall(r"[A-Za-z][\w-]*", "".join(s.text for s in f.segments[n + 1:]))[:NUMBER_WINDOW + 1]
    return {w for w in _topic(" ".join(before + after))
            if w not in _WEAK_TOPIC and w.rstrip("s") not in _UNITS and not _BOUND.fullmatch(w)}


_WEAK_TOPIC = frozenset(w[:5] for w in words_of("bound_words") | words_of("repeat_filler") if " " not in w) - {"reten"}


MAX_PAIRED_WORDS = 16
"""A sentence this short (without its "Subject — " lead) holding two hidden figures is one card, not two."""
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)


def _one_card(f: Fact) -> Fact:
    """A cloze with two deletions, both figures ("[8 hours] or [5 GB]", "[six] copies across [three] AZs"), in a
    short sentence: one card hiding both, whatever their kinds. Two cards of it would each show the other's
    answer and read as the same sentence asked twice."""
    if not isinstance(f, ClozeFact):
        return f
    hidden = [s for s in f.segments if s.cloze]
    if len(hidden) != 2 or len({s.cloze for s in hidden}) != 2 or not all(_FIGURE.search(s.text) for s in hidden) \
            or any(len(re.findall(r"\w+", s.text)) > 3 for s in hidden):
        return f
    segments = list(f.segments)
    if len(segments) > 1 and not segments[0].cloze and segments[0].text.rstrip().endswith("—"):
        segments = segments[1:]
    if len(re.findall(r"\w+", "".join(s.text for s in segments))) > MAX_PAIRED_WORDS:
        return f
    return dataclasses.replace(f, segments=tuple(dataclasses.replace(s, cloze=1) if s.cloze else s
                                                 for s in f.segments))


MIN_SHARED_ANSWER = 0.6
"""Share of the shorter answer's content words a reworded definition of one term must repeat to be that definition."""


def _drop_reworded_definitions(out: list[tuple[Note, Fact]], dropped: set[int], skips: list[Skip],
                               front: Callable[[Fact], str]) -> None:
    """Two "what is …?" cards of the same services whose terms are one named the longer way (a service's
    abbreviation or label before it: "LB stickiness" / "Stickiness") and whose answers share most content words
    are one definition. The card with the shorter question is kept. Indexed by services and the term's head word
    (its last word outside parentheses), so "Reserved Concurrency" and "Provisioned Concurrency" meet but part:
    neither term's words hold the other's."""
    groups: dict[tuple, list[int]] = {}
    for i, (_, f) in enumerate(out):
        if i in dropped or not isinstance(f, QAFact) or not f.services:
            continue
        m = _DEFINITION.search(f.question.strip())
        head = re.findall(r"[a-z][a-z-]{2,}", re.sub(r"\([^)]*\)", " ", m.group(1).lower())) if m else []
        if head:
            groups.setdefault((tuple(sorted(f.services)), head[-1]), []).append(i)
    for idxs in groups.values():
        for n, i in enumerate(idxs):
            if i in dropped:
                continue
            f = out[i][1]
            for j in idxs[n + 1:]:
                g = out[j][1]
                if j in dropped or i in dropped:
                    continue
                a = _stems(_DEFINITION.search(f.question.strip()).group(1))
                b = _stems(_DEFINITION.search(g.question.strip()).group(1))
                if not (a <= b or b <= a):
                    continue
                x, y = _stems(f.answer), _stems(g.answer)
                shared = len(x & y)
                if shared < MIN_NEW_STEMS or shared < MIN_SHARED_ANSWER * min(len(x), len(y)):
                    continue
                keep, drop = (i, j) if len(f.question) <= len(g.question) else (j, i)
                dropped.add(drop)
                skips.append(Skip(out[drop][1].where, Reason.REPEATED_DEFINITION, front(out[drop][1]),
                                  str(out[keep][1].where)))


def _drop_compared_cells(out: list[tuple[Note, Fact]], dropped: set[int], skips: list[Skip],
                         front: Callable[[Fact], str]) -> None:
    """A comparison of an attribute whose every value is asked, word for word, by a card of that entity and that
    attribute ("Amazon S3 Standard — availability: [99.99%] …"): the cells are the cards, the comparison a repeat."""
    cells: dict[tuple[str, str], dict[str, Fact]] = {}
    for i, (_, f) in enumerate(out):
        if i in dropped or not isinstance(f, ClozeFact):
            continue
        m = _ATTRIBUTE_CELL.match("".join(s.text for s in f.segments))
        if m:
            cells.setdefault((_fold(m.group(1)), _fold(m.group(2))), {})[_fold(m.group(3))] = f
    for i, (_, f) in enumerate(out):
        if i in dropped or not isinstance(f, CompareFact) or not f.values:
            continue
        told = [cells.get((_fold(entity), _fold(f.attribute)), {}).get(_fold(value)) for entity, value in f.values]
        if all(told):
            dropped.add(i)
            skips.append(Skip(f.where, Reason.REPEATED_FACT, front(f), str(told[0].where)))


_CUE_FILLER = frozenset(w[:5] for w in words_of("cue_filler"))
MIN_CUE_STEMS = 2
"""Content words the shorter of two cues with one answer must have, all of them in the longer one, to be its repeat."""


def _drop_reworded_questions(out: list[tuple[Note, Fact]], dropped: set[int], skips: list[Skip],
                             front: Callable[[Fact], str]) -> None:
    """Two questions with one answer and the same services, the shorter front's content words (at least
    ``MIN_CUE_STEMS``, how a cue asks left out) all in the longer one, ask one fact ("Good for HTTP needing
    failover?" and "… needing static IPs?" do not). Not when the fronts hold other
    figures or other bounds ("minimum …?" / "maximum …?"), nor for yes/no answers. Indexed by the answer."""
    groups: dict[tuple, list[int]] = {}
    for i, (_, f) in enumerate(out):
        if i in dropped or not isinstance(f, QAFact) or not f.services:
            continue
        answer = _fold(re.sub(r"[^\w\s]", " ", f.answer))
        if not answer or re.match(r"(?:yes|no)\b", answer):
            continue
        groups.setdefault((answer, tuple(sorted(f.services))), []).append(i)
    for idxs in groups.values():
        for n, i in enumerate(idxs):
            for j in idxs[n + 1:]:
                if i in dropped or j in dropped:
                    continue
                f, g = out[i][1], out[j][1]
                if _numbers(f.question) != _numbers(g.question) or \
                        {m.lower() for m in _BOUND.findall(f.question)} != {m.lower() for m in _BOUND.findall(g.question)}:
                    continue
                # the choices in parentheses ("which one? (A / B)") are the same for every cue of a pick
                x, y = (_stems(re.sub(r"\([^)]*\)", " ", q.question)) - _CUE_FILLER for q in (f, g))
                if min(len(x), len(y)) < MIN_CUE_STEMS or not (x <= y or y <= x):
                    continue
                keep, drop = (i, j) if len(f.question) <= len(g.question) else (j, i)
                dropped.add(drop)
                skips.append(Skip(out[drop][1].where, Reason.REPEATED_FACT, front(out[drop][1]),
                                  str(out[keep][1].where)))


_ATTRIBUTE_CELL = re.compile(r"^(.+?) — ([^:]+): (.+?)[\s.]*$", re.S)


def _whole_question_head(f: Fact) -> str:
    """"Amazon EFS — protocol support: […]" / "Amazon EFS — protocol?" → "amazon efs — protocol"; "" when the
    card asks more than a subject's attribute (a sentence with a blank, a definition)."""
    if isinstance(f, QAFact):
        m = re.fullmatch(r"(.+ — [^?]+)\?", f.question)
    elif isinstance(f, ClozeFact) and len(f.segments) == 2 and f.segments[1].cloze:
        m = re.fullmatch(r"(.+ — [^:]+): ", f.segments[0].text)
    else:
        return ""
    if not m:
        return ""
    head = m.group(1).lower()
    head = re.sub(r"\s+(support|model|type|details?)$", "", head)
    return re.sub(r"s$", "", head)


def _value_key(answer: str) -> str:
    """"24 hours", "24-hour", "24h" → "24 h": a number with its unit, for spotting a repeated fact."""
    m = re.fullmatch(r"\s*(\d[\d,.]*)\s*-?\s*([a-z]+)?\s*", answer.lower())
    if not m:
        return ""
    unit = (m.group(2) or "").rstrip("s")
    unit = {"hour": "h", "hr": "h", "day": "d", "minute": "min", "second": "s", "sec": "s"}.get(unit, unit)
    return f"{m.group(1)} {unit}".strip()


_NUMBER = re.compile(r"(?<![\w.^])(?<!\w\()(\d[\d,]*(?:\.\d+)?)\s?([A-Za-z]+)?")
_UNITS = {"kb": "kb", "mb": "mb", "gb": "gb", "tb": "tb", "pb": "pb", "ms": "ms", "s": "s", "sec": "s", "second": "s",
          "min": "min", "minute": "min", "h": "h", "hr": "h", "hour": "h", "d": "d", "day": "d", "week": "w",
          "month": "mo", "year": "y"}
"""A figure (not a digit of code: "alert(1)", "x^2") and its unit: "100 MB" and "100GB" are two figures; any other
word after a figure is not its unit."""
NUMBER_WINDOW = 3
"""Words either side of a lone figure that must all be in the other fact for the two to state one figure."""


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") + _UNITS.get(unit.lower().rstrip("s") if len(unit) > 2 else unit.lower(), "")
                     for n, unit in _NUMBER.findall(text))


def _full_text(f: Fact) -> str:
    if isinstance(f, QAFact):
        return f"{f.question} {f.answer}"
    return "".join(s.text for s in f.segments) if isinstance(f, ClozeFact) else ""


def _asked_numbers(f: Fact) -> frozenset[str]:
    if isinstance(f, QAFact):
        return _numbers(f.answer)
    return _numbers(" ".join(s.text for s in f.segments if s.cloze)) if isinstance(f, ClozeFact) else frozenset()


def _asked_text(f: Fact) -> str:
    return f.answer if isinstance(f, QAFact) else " ".join(s.text for s in f.segments if s.cloze)


def _near_stems(f: Fact, number: str) -> set[str]:
    """Content words within ``NUMBER_WINDOW`` words of ``number`` ("up to 15 Read Replicas" → read, repli)."""
    words = re.findall(r"\d[\d,.]*|[A-Za-z][A-Za-z-]*", _full_text(f))
    near: set[str] = set()
    for i, w in enumerate(words):
        if w.replace(",", "") == re.sub(r"[a-z]+$", "", number):
            near |= {w.rstrip("s")[:5] for w in _stems(" ".join(words[max(0, i - NUMBER_WINDOW):i + NUMBER_WINDOW + 1]))}
    return near


def _said_around(kept: Fact, later: Fact, number: str) -> bool:
    """Every content word around the later fact's lone figure is in the kept fact too ("Read Replicas (up to 15) to
    scale reads" / "How many Read Replicas … to scale reads? Up to 15"); "read 2 MB/s per shard per enhanced
    consumer" is not "read 2 MB/s per shard across all consumers"."""
    if _attribute_value(later):
        # a table cell "MSK — scale/throughput: [Up to 30 / Brokers]": its label is the question, the cell is what
        # it says about the figure
        cell = " ".join(s.text for s in later.segments if s.cloze)
        near = {w.rstrip("s")[:5] for w in _stems(cell)}
    else:
        near = _near_stems(later, number)
    known = {w.rstrip("s")[:5] for w in _stems(_full_text(kept))}
    return bool(near) and near <= known


def _variant(f: Fact, g: Fact) -> bool:
    """One service, or a service and a variant of it (catalog ids ``sqs`` / ``sqs-fifo``) where the fact filed under
    the plain service names the variant ("Amazon Simple Queue Service FIFO — …"): the same thing, told twice."""
    a, b = f.services[0], g.services[0]
    if a == b:
        return True
    if b.startswith(f"{a}-"):
        a, b, f, g = b, a, g, f
    if not a.startswith(f"{b}-"):
        return False
    return all(re.search(rf"\b{re.escape(w)}\b", _full_text(g), re.I) for w in a[len(b) + 1:].split("-"))


def _drop_number_repeats(out: list[tuple[Note, Fact]], dropped: set[int], skips: list[Skip],
                         front: Callable[[Fact], str]) -> None:
    """Facts of one service (or a variant of it) stating the same figures, asked about at least one of them, are one fact: two or more
    figures in common are proof enough; one alone must stand by a shared word ("up to 15 Read Replicas" /
    "Read Replicas (up to 15)"). Of each group the fact hiding the most figures is kept (a card that shows one of
    the pair it asks gives half its answer away), then the first in note order."""
    groups: dict[tuple, list[int]] = {}
    for i, (_, f) in enumerate(out):
        if i in dropped or isinstance(f, CompareFact) or not f.services or not _asked_numbers(f):
            continue
        groups.setdefault((f.services[0].split("-")[0], _numbers(_full_text(f))), []).append(i)
    for (_, numbers), group in groups.items():
        if len(group) < 2:
            continue
        idxs = [i for i in group if _variant(out[i][1], out[group[0]][1])]
        best = max(idxs, key=lambda i: (len(_asked_numbers(out[i][1])), isinstance(out[i][1], QAFact),
                                        -len(_asked_text(out[i][1])), -i))
        keep = out[best][1]
        for i in idxs:
            f = out[i][1]
            if i == best or not _variant(f, keep):
                continue
            if len(numbers) < 2 and not _said_around(keep, f, next(iter(numbers))):
                continue
            dropped.add(i)
            skips.append(Skip(f.where, Reason.REPEATED_FACT, front(f), str(keep.where)))


_BOUND = re.compile(rf"\b(?:{phrases('bound_words')})\b", re.I)
_ATTRIBUTE = re.compile(r"^(?P<subject>.+?) — (?P<attribute>[^:]+): (?P<lead>.*?)\[…\][\s.]*$")


def _attribute_value(f: Fact) -> tuple[str, str, frozenset[str]] | None:
    """"Amazon SQS FIFO — data retention period: Max up to [14 days]" → ("data retention period", "Max up to ",
    {"14d"}): a one-blank card of a subject's attribute, the words before its blank and the figures it hides."""
    if not isinstance(f, ClozeFact) or sum(1 for s in f.segments if s.cloze) != 1 or not f.services:
        return None
    m = _ATTRIBUTE.match("".join("[…]" if s.cloze else s.text for s in f.segments))
    numbers = _asked_numbers(f)
    return (_fold(m.group("attribute")), m.group("lead"), numbers) if m and len(numbers) == 1 else None


def _drop_bare_bounds(out: list[tuple[Note, Fact]], dropped: set[int], skips: list[Skip],
                      front: Callable[[Fact], str]) -> None:
    """One row of a table ("Data retention period") gives a figure bare for one service and as a bound or default
    for its sibling ("14 days" | "Default is 4 days … Max up to 14 days"): alone, the bare card teaches the
    bound as the value, so it is dropped; the sibling's cards ask the figure with what it is."""
    told: dict[tuple, list[Fact]] = {}
    for i, (_, f) in enumerate(out):
        got = None if i in dropped else _attribute_value(f)
        if got:
            told.setdefault((f.where.path, f.where.line, got[0]), []).append(f)
    for i, (_, f) in enumerate(out):
        got = None if i in dropped else _attribute_value(f)
        if not got or got[1].strip():
            continue
        for other in told.get((f.where.path, f.where.line, got[0]), []):
            a = _attribute_value(other)
            if other is not f and a and a[2] == got[2] and _BOUND.search(a[1]) \
                    and other.services[0].split("-")[0] == f.services[0].split("-")[0]:
                dropped.add(i)
                skips.append(Skip(f.where, Reason.BOUND_AS_VALUE, front(f),
                                  f"{other.where} calls it {a[1].strip()!r}"))
                break


_BOUND_FIGURE = re.compile(rf"\b(?:{phrases('bound_words')})\b[\s:=,]*(?:is\s+|of\s+|to\s+)?(\d[\d,.]*\s?[A-Za-z]*)", re.I)


def _topic(text: str) -> set[str]:
    """Content words of an attribute ("data retention period" → reten, perio), cut to five letters."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in words_of("stop_words")}


def _qualify_bare_defaults(out: list[tuple[Note, Fact]], dropped: set[int]) -> None:
    """A table's bare value ("Kinesis Data Streams — data retention period: [24 hours]") that another card of the same
    service (not a variant of it), anywhere in the deck, calls a default or a bound of the same attribute ("retention
    (default 24h, max 7 days)"): alone, the bare card teaches the default as the value and reads as a contradiction
    of the other card's maximum. Its front says what the figure is: "data retention period (default): [24 hours]"."""
    by_service: dict[str, list[int]] = {}
    for j, (_, g) in enumerate(out):
        if j not in dropped and not isinstance(g, CompareFact) and g.services:
            by_service.setdefault(g.services[0], []).append(j)
    for i, (note, f) in enumerate(out):
        got = None if i in dropped else _attribute_value(f)
        if not got or got[1].strip():
            continue
        topic = _topic(got[0])
        # one service: a variant's figure ("MQ Streams" beside "MQ Quorum") may be its own
        for j in by_service.get(f.services[0], ()):
            g = out[j][1]
            if j == i:
                continue
            text = _full_text(g)
            bound = next((m for m in _BOUND_FIGURE.finditer(text) if _numbers(m.group(1)) & got[2]), None)
            if bound and topic & _topic(text):
                word = bound.group(0).lower()
                kind = "default" if "default" in word else "minimum" if re.search(r"\bmin|least", word) else "maximum"
                label = f.segments[0].text
                at = label.rstrip().rfind(":")
                segments = (dataclasses.replace(f.segments[0], text=f"{label[:at]} ({kind}){label[at:]}"),
                            *f.segments[1:])
                out[i] = (note, dataclasses.replace(f, segments=segments))
                break


_COUNTED = re.compile(r"(?<![\w.^])(\d[\d,]*)\s?([A-Za-z]{3,})(?:\s([a-z]{4,}))?")


def _counts(text: str) -> frozenset[tuple[str, str, str]]:
    """"up to 10 nodes in a cluster" → {("10", "node", "")}, "10 message groups" → {("10", "message", "group")}: a
    figure with the thing it counts (a unit of time or size is not a thing counted: "7 days" is said of many
    things)."""
    out = set()
    for n, w, nxt in _COUNTED.findall(text):
        w, nxt = w.lower().rstrip("s"), nxt.rstrip("s")
        if w in _UNITS or w in _STOP:
            continue
        out.add((n.replace(",", ""), w, "" if nxt in _STOP or nxt in {"over", "after", "before"} else nxt))
    return frozenset(out)


def _drop_count_repeats(out: list[tuple[Note, Fact]], dropped: set[int], skips: list[Skip],
                        front: Callable[[Fact], str]) -> None:
    """A card asking one count of a thing ("[10] nodes") that another card of the same service asks too, beside
    more figures of its own, is that card's fact again: the card that says more is kept."""
    for i, (_, f) in enumerate(out):
        if i in dropped or isinstance(f, CompareFact) or not f.services:
            continue
        asked = _counts(_full_text(f))
        asked = {c for c in asked if c[0] in {re.sub(r"[a-z]+$", "", n) for n in _asked_numbers(f)}}
        if len(asked) != 1 or len(_numbers(_full_text(f))) != 1:
            continue
        count = next(iter(asked))
        for j, (_, g) in enumerate(out):
            if j == i or j in dropped or isinstance(g, CompareFact) or not g.services or not _variant(f, g):
                continue
            if count in _counts(_full_text(g)) and count[0] in {re.sub(r"[a-z]+$", "", n) for n in _asked_numbers(g)} \
                    and len(_numbers(_full_text(g))) > 1:
                dropped.add(i)
                skips.append(Skip(f.where, Reason.REPEATED_FACT, front(f), str(g.where)))
                break
