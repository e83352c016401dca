"""Why something of the notes became no card: one code per reason, its text as users read it.

Every :class:`~factdeck.model.Skip` carries a :class:`Reason` member. The member's value is the human text
printed in the coverage summary and written by ``build --report`` (``file:line<TAB>text<TAB>skipped text``);
a reason with a variable part (another fact's location, an attribute's name) has ``{}`` in its text, filled
from the skip's ``detail``. Coverage counts skips by member under its :attr:`Reason.label` (the text before
its first aside); members whose ``context`` is true are headings, labels and row names the extractor used as
the context of other facts, not losses.
"""
from __future__ import annotations

import enum


@enum.unique
class Reason(enum.Enum):
    # ---- structure used as context (not losses)
    HEADING = "heading (used as context)"
    LABEL = "label (used as context)"
    ROW_NAME = "row name (used as subject)"

    # ---- scope: whose fact is it, which section is it in
    NO_SUBJECT = "no subject: nothing above the line names a service or topic"
    STATEMENT_PARENT = "the parent bullet is a statement, not a subject (whose fact is this?)"
    OPTION_TITLE = "a numbered option's title (several copies of a service): its sub-bullets describe it"
    LOW_VALUE_SECTION = "low-value section (benefits, summary, use-case list)"
    NO_HEADING_ANSWER = "the heading says the answer is no (anti-patterns, cons, limitations)"
    CHATTER = "chatter"
    CHATTER_TABLE = "a table under a chatter heading"
    ADVICE = "advice, not a fact to recall"
    ATTRIBUTE_WITHOUT_SUBJECT = "attribute of no named subject (too vague to ask)"

    # ---- term: definition lines
    TERM_WITHOUT_DEFINITION = "term without a definition"
    MARKETING_LEAD_IN = "marketing lead-in (no fact to ask)"
    SEVERAL_SERVICES_LEAD_IN = "lead-in naming several services (which one is asked?)"
    GENERIC_CONCEPT = "a generic concept with nothing AWS-specific to recall"
    VAGUE_RANGE = "a vague range or rating with no number (\"high\", \"minutes to hours\")"
    SERVICE_LEAD_IN_WITHOUT_SUBJECT = "service lead-in with no subject to relate it to"
    HEADING_LIKE_LEAD_IN = "heading-like lead-in that asks nothing"
    OPTION_UNDER_QUESTION = "an option under a question heading (not a definition of its name)"
    OWNERLESS_TERM = "a one-word term whose owner the front cannot name (whose is it?)"
    FEATURE_LABEL_PREDICATE = "a feature label with a predicate, nothing to ask"
    DEFINITION_TOO_LONG = "definition too long to be atomic"
    LIST_TO_RECITE = "a list to recite, not one fact"
    CIRCULAR_DEFINITION = "a circular definition (the answer restates the term)"
    VAGUE_WORDING = "vague wording with nothing concrete to recall"
    ANSWER_REPEATS_TERM = "the answer repeats the term"
    LIMIT_NOT_GIVEN = "asks for a limit the notes do not give"
    QUESTION_GIVES_ANSWER = "the question gives the answer away"
    DEFINITION_NAMES_SERVICE_AGAIN = "the definition names the service again (two blanks, one answer)"
    DEFINITION_GIVES_SERVICE = "the definition gives the service's name away"
    COMPLETES_DEFINITION = "asked with the definition it completes"
    GENERIC_DEFINITION = "a generic definition (nothing beyond its name to recall)"

    # ---- prose sentences
    NO_KEY_VALUE = "no key value to hide"
    NO_KEY_VALUE_IN_SENTENCE = "no key value to hide (a number, a yes/no property or a named service)"
    SENTENCE_TOO_LONG = "sentence too long to be atomic"
    SEVERAL_RECOMMENDED = "two options marked as recommended under one label (which one?)"
    REFERS_BACK = "refers to an earlier sentence (this, these …)"
    PROTOCOL_PER_LINE = "one protocol of a list written one per line (no line is the whole answer)"
    REFERS_BACK_HIGHLIGHT = "refers to an earlier sentence (it, this …)"
    RELATIVE_CLAIM = "a relative claim without what it is compared to (\"800 times greater\" than what?)"
    IMPLIED_BLANK = "the only blank is what the sentence implies (\"in parallel\")"
    SENTENCE_GIVES_WORDS = "the sentence gives the hidden words away"
    SENTENCE_GIVES_SERVICE = "the sentence gives the hidden service away (its name's words are shown)"
    HEADING_GIVES_WORDS = "the heading on the card gives the hidden words away"

    # ---- tables
    TABLE_WITHOUT_SEPARATOR = "table without a header separator"
    TABLE_WITHOUT_HEADER = "table without a usable header"
    TRANSLATION_COLUMN = "a translation column (the same content in another language)"
    ROW_WITHOUT_ATTRIBUTE = "row without an attribute name"
    ROW_WITHOUT_ENTITY = "row without an entity name"
    COLUMN_WITHOUT_HEADER = "column without a header"
    CELL_BEYOND_HEADER = "cell beyond the header's columns"
    YES_NO_ASKED_BY_COMPARISON = "a yes/no its comparison card asks"
    COMMON_YES_NO_OF_ROW = "the common yes/no of a row (its exceptions and comparisons carry it)"
    COMMON_YES_NO_OF_COLUMN = "the common yes/no of a column (its exceptions carry it)"
    GENERIC_SECURITY_ROW = ("a row of generic security controls (IAM, KMS, VPC …): nothing in it tells the "
                            "entities apart")
    GENERIC_SECURITY_COLUMN = ("a column of generic security controls (IAM, KMS, VPC …): nothing in it tells the "
                               "entities apart")
    COMMON_VALUE_OF_ROW = ("the value most of its row shares (it tells them apart from nothing; the exception "
                           "carries it)")
    COMMON_VALUE_OF_COLUMN = ("the value most of its column shares (it tells them apart from nothing; the "
                              "exception carries it)")
    SERVICE_STACK = "a stack of several services, not one entity to ask about"
    SAID_BY_OWN_ENTITY = "a value another cell of its entity already states"
    ASKED_BY_ROW_COMPARISON = "asked by the comparison card of its row"
    ASKED_BY_COLUMN_COMPARISON = "asked by the comparison card of its column"
    CONCEPT_CELL_VAGUE = "a concept table's cell with nothing concrete (guessable from its name)"
    ROW_YES_NO_REASON = "the reason of its row's yes/no (asked with it)"
    ATTRIBUTE_DEFINED_ABOVE = "{} is defined above already"
    SYMBOL_WITHOUT_LEGEND = "a symbol with no legend"
    NO_VALUE = "no value (N/A, varies)"
    BARE_RATING = "a bare rating (compared with its neighbours instead)"
    BARE_YES_NO = "a bare yes/no (a guess on its own; compared side by side instead)"
    VAGUE_RANGE_CELL = "a vague range or hedge with no number (\"minutes to hours\", \"configurable\")"
    POINTS_ELSEWHERE_CELL = "a value that points at another row or column ('same as …', 'see …'), not its own"
    GENERIC_SECURITY_CELL = "a list of security controls any service has (IAM, KMS, VPC …): it tells nothing apart"
    ONLY_WHO_MANAGES = "only who manages or owns it (self-managed, AWS-managed, open-source): nothing to learn"
    RATING_WITHOUT_MEASURE = "a rating with no measure (\"Limited (runtime)\", \"Good, scales …\")"
    GENERIC_COST = "a cost any service has (\"Infra cost\", \"compute + storage\"), no unit or model to learn"
    CROSS_BEFORE_NAME = "a ❌ before a name: \"not X\" or a bad mark on X? (unclear, no card)"
    MARKETING_ATTRIBUTE = "marketing attribute without a number (compared with its neighbours instead)"
    TERSE_SHORTHAND = "terse table shorthand (meaningless on its own)"
    LIST_INTRO_WITHOUT_VALUE = "list intro without a value"
    RELATIVE_TO_CELL = "an answer relative to another cell ('same as …')"
    BARE_VALUE_UNDER_LABEL = "a bare value under a label that asks nothing"
    CELL_SENTENCE_NO_KEY_VALUE = "cell sentence with no key value"
    CELL_TOO_LONG = "cell too long to be atomic"

    # ---- authored shapes (questions, practice, scenarios, highlights, Q&A tables)
    AUTHORED_NO_ANSWER = "authored question without an answer"
    AUTHORED_SEVERAL_FACTS = "authored answer holds several facts"
    AUTHORED_EXPLANATION = "authored answer is an explanation, not one fact"
    AUTHORED_NO_QUESTION = "authored answer without a question"
    MULTIPLE_CHOICE_WITHOUT_OPTIONS = "a multiple-choice question without its options"
    AUTHORED_LIST_QUESTION = "authored question asks for a list to recite"
    AUTHORED_QUESTION_TOO_LONG = "authored question too long for a card front"
    AUTHORED_ANSWER_REPEATS_QUESTION = "authored answer repeats the question"
    AUTHORED_LIST_REST = "rest of an authored answer: a list to recite"
    PRACTICE_UNMARKED = "practice question whose answer is not marked"
    PRACTICE_SEVERAL_MARKED = "practice question with more marked options than one fact holds"
    SCENARIO_TOO_LONG = "scenario too long for a card front"
    SCENARIO_UNMARKED = "scenario without a marked answer"
    SCENARIO_ANSWER_TOO_LONG = "scenario answer too long for one fact"
    SCENARIO_SEVERAL_ANSWERS = "scenario answer is several facts"
    SCENARIO_REASONING = "scenario reasoning (not the answer)"
    SCENARIO_SPECIFIC = "a scenario's explanation speaking of the scenario, its options or its own numbers"
    SCENARIO_RESTATES_ANSWER = "a scenario's explanation restating the answer (asked by the scenario's card)"
    SCENARIO_UNHIGHLIGHTED = "a line of a scenario's explanation the author did not highlight beside ones they did"
    HIGHLIGHT_TOO_LONG = "highlight too long to be one answer"
    HIGHLIGHT_UNCUED = "highlight with nothing around it to cue it"

    # ---- filters (extract/filters.py), in their order
    MARKUP_LEFT = "Markdown '**' left in the text (emphasis the parser could not pair)"
    EMPTY_ANSWER = "a question with no answer"
    EMPTY_COMPARISON_SIDE = "a comparison with an empty side"
    HEADING_WORD_TERM = "a heading word asked as a term"
    TRIVIAL_BLANK = "a blank the rest of the sentence gives away (a bare 1, a lone negation)"
    DATE_TRIVIA = "a date as the answer (history, not a fact to recall)"
    EXAMPLE_BLANK = "the blank is an example value"
    EXAMPLE_ITEM = "one example of a list hidden (any other item fits the blank)"
    SCENARIO_BLANK = "the blank is in the scenario; the answer it leads to is shown"
    EXPLAINED_NEGATION = "the reason on the front gives the hidden negation away"
    DANGLING_START = "refers to a sentence the card does not show (it, this, for example …)"
    CONTINUED_FRAGMENT = "a fragment that opens with a conjunction ('or …', 'and …'): it continues a line the card does not show"
    NARRATED_STEP = "a service hidden in one step of a narrated flow ('… gets DNS from [X] then sends …'): a guess at the diagram"
    TELLTALE_GIVES_AWAY = "a term on the front only exists with the service the blank names (a VIF is Direct Connect's)"
    CUE_WORD_BLANK = "a word hidden in a 'whenever you see …, think …' cue: the service it points at is the fact"
    GIVEN_AWAY = "the front gives the blank away"
    SAID_TWICE = "the front already says what the hidden property word means"
    SELF_EVIDENT_MANNER = "a manner any reader guesses after a verb of growth ('scales [automatically]')"
    LONG_FRONT_NAME = "a long front around one hidden name (the rest points at it)"
    NOTHING_ASKED = "the front shows nothing but its subject: no question"
    EXAM_LOGISTICS = "about the exam itself (logistics), not what it asks"
    SPLIT_PARENTHESIS = "the blank cuts a parenthesis in two"
    ACRONYM_GLOSSED = "the blank glosses the acronym before it"
    ACRONYM_SPELLED_OUT = "the blank spells out an acronym the front shows"
    ACRONYM_OF_FRONT = "the blank is the acronym of words on the front"
    ALIAS_GIVEN_AWAY = "the front names the hidden service by another name"
    OPEN_EXAMPLE_LIST = "an open list of examples of a category (any other member fits as well)"
    SERVICE_LIST_ANSWER = "the answer is a list of services, not one fact"
    LONG_LIST_BLANK = "the blank hides a list of four or more items (a list to recite, not one fact)"
    FAMILY_SUBJECT = "a figure said of a family name whose members differ (which member is asked?)"
    OWN_NAME_ANSWER = "the answer is only the asked service's own name"
    ACRONYM_ANSWER = "the answer only spells out the asked acronym"
    PARENTHESIS_ANSWERS = "the question's own parenthesis is the answer"
    NAME_SAYS_KIND = "a kind asked of something whose own name says that kind"
    TERM_NAMES_SERVICE = "the term asked is the answering service's own name"
    TRUNCATED_END = "the text stops mid-word (truncated in the notes)"
    SYMBOL_ANSWER = "a symbol as the answer"
    CATEGORY_DEFINITION = "a definition made only of category words (names an area, not the thing)"
    UNSCOPED_CONCEPT = "a general concept asked under a heading, not a fact of a service"
    TOPIC_LABEL_TERM = "a topic label asked as a term to define"
    UNPAIRED_EITHER = "an 'either' answer with no second choice (cut or garbled)"
    API_PARAMETER = "an API request parameter whose answer only spells its name out"
    CLAUSE_AS_TERM = "a clause asked as a term (the front does not read as a question)"
    MARKETING_CLAIM = "a marketing or case-study figure as the answer, not an exam fact"
    VAGUE_ANSWER = "a vague answer (only words like integration, native, advanced)"
    VAGUE_ANSWER_PART = "an answer summed with '+' one part of which is only vague words"
    CIRCULAR_ANSWER = "the answer restates the question"
    VAGUE_SUBJECT = "the subject is only vague words (names nothing)"
    PRICE_ANSWER = "the answer is about price, not what the question asks"
    DEFAULT_ANSWER = "the answer is a default setting, not what the question asks"
    OFF_TOPIC_ANSWER = "the answer is about something else than the question asks"
    EXAMPLE_AS_TERM = "an example from a list asked as a term"
    UNCUED_BLANK = "the blank is the whole statement (the front does not say what is asked)"
    SIZELESS_RATE = "a throughput given as a size with no time (the unit is garbled)"
    OPEN_FIGURE = "a figure written 'N+' (a rough lower bound, not a value to give exactly)"
    FIGURELESS_LIMIT = "a limit without its figure: the blank is only what is limited ('limits [the number of …]')"
    SCOPE_BLANK = "the blank is only a generic scope ('within [a single region]', 'at [the same time]')"
    IMPLIED_CODE = "a well-known code the front's own words imply ('broken link' … [404])"
    UNMEASURED_PERCENT = "a percentage the front never says is of what"
    COUNT_OF_KINDS = "a count of kinds whose items the card does not name"
    RIVAL_PRODUCT = "a third-party product's row in a comparison (not an AWS fact)"
    REFERS_ELSEWHERE = "an answer that points at another row or line ('same as …', 'see …'), not a value of its own"
    VAGUE_COMPARISON_SIDE = "a comparison side with no measure (a bare rating or vague words)"
    NO_SUBJECT_ON_FRONT = "the front names no service, feature or subject"

    # ---- settling the deck (settle.py): repeats and clashes across notes
    DOMAIN_WEIGHTING = "the exam's domain weighting (in the deck description, not a card)"
    REPEATED_FACT = "repeats the fact at {}"
    DEFINED_ALREADY = "defined already at {}"
    SAME_QUESTION = "same question as {} with another answer"
    REPEATED_DEFINITION = "repeats the definition at {}"
    ASKED_ALREADY = "asks what {} asks already"
    BOUND_AS_VALUE = "a bound told as the value ({})"

    # ---- comparisons and pointers written as bullets
    SIDE_PROPERTY_WITH_LIST = "a side's property with its own list below it"
    PROPERTY_NAMES_ITS_SIDE = "a property that names its side (the answer is on the front)"
    SIDE_PROPERTY_NOT_SHORT = "a side's property that is not one short fact"
    NEED_NAMES_NOTHING = "a need that names no feature, figure or product: several answers fit it"
    SIDE_PROPERTY_BARE_ATTRIBUTE = "a side's property that only names an attribute both sides have"
    TOO_MANY_SIDE_PROPERTIES = "more properties of one side than a comparison asks"
    COMPARISON_SIDES_EQUAL = "a comparison whose sides have the same value"
    COMPARISON_SIDE_TOO_LONG = "a comparison side too long for one fact"
    COMPARISON_BACK_TOO_LONG = "a comparison whose sides together are a paragraph, not one contrast"
    ARROW_POINTS_AT_EXPLANATION = "the answer an arrow points at is an explanation, not a name"
    ARROW_ANSWER_ON_FRONT = "a combination as the answer, a part of which the question already names"
    ARROW_EITHER_NEED = "a question listing needs joined by 'or' (each alone fits other services: ambiguous)"
    BREAKDOWN_SHARE = "a share of a breakdown (exam domain weights): about the exam, not a fact it asks"

    # ---- definitions and pointers (round 6)
    ANSWER_HAS_OWN_SUBJECT = "the answer opens with a subject of its own (the label is a heading, not a term)"
    FIRST_SENTENCE_OFF_FEATURE = "the definition's first sentence is not about the feature the term names"
    VAGUE_ANSWER_SIMPLIFIES = "a vague answer (only says it simplifies or improves something)"
    ANSWER_WRAPS_NAME = "the answer only wraps the name in generic words (what it is stays unsaid)"
    ANSWER_SPELLS_NAME = "the answer spells out a compound name's own words (what it is stays unsaid)"
    THIRD_PARTY_ANSWER = "a third-party product as the answer (not an AWS fact)"

    # ---- debris, open fronts, prices, rejected options (round 6)
    LIST_PRICE = "a list price as the answer (one type's figure in one region, or with no unit it is per)"
    REJECTED_ALTERNATIVE = "the blank is the alternative the sentence rejects, not the fact"
    STRAY_PARENTHESIS = "a parenthesis that pairs with nothing (a cut or garbled line)"
    GLUED_WORD = "a unit glued to the next word (two lines joined without a space)"
    PATH_CHAIN = "a path drawn with dashes or arrows (a diagram, not a statement)"
    INSTRUCTION_SUBJECT = "the subject is an instruction (a heading like 'use X'), not a thing"
    OPEN_OBJECT = "the blank is the whole object of a verb that takes anything (the front does not say what is asked)"
    SAME_QUALITY = "both sides claim the quality the row names (no contrast)"
    SAME_MANNER = "every side says you do it by hand (no contrast)"
    OPTION_BLANK = "the blank is one option a condition allows ('if …, [X] can be used to …'): others fit as well"
    SIDE_NAMES_ITSELF = "a comparison side that only says its own name and who runs it ('Kafka on AWS')"
    SPLIT_COMPOUND = "the blank cuts a hyphenated word ('[Column- and row]-level'): a fragment, not a term"
    SUBJECTLESS_LINE = "a line that opens with its verb ('will need …'), and no heading names whose fact it is"
    SLASH_ALTERNATIVE = "the blank is one side of a slash pair ('InternetGW/[NAT gateway]'): half of a shorthand"
    LABEL_GIVES_AWAY = "the label before the statement says a word of the short answer (the blank reads the label back)"
    TERM_GLOSSED = "the definition only says in other words what the term's own words say (static: manually …)"
    OPEN_RELATION = ("the blank is only the services a generic relation names ('integrates with […]', 'connects via "
                     "[…]'): many services fit")

    @property
    def context(self) -> bool:
        """A heading, label or row name used as the context of other facts: not a loss."""
        return self in _CONTEXT

    @property
    def label(self) -> str:
        """The text coverage counts it under: before its first aside, a variable part shown as '…'."""
        return self.value.split(" (")[0].replace("{}", "…")

    def message(self, detail: str = "") -> str:
        """The text as users read it, the variable part filled in from ``detail``."""
        return self.value.replace("{}", detail) if "{}" in self.value else self.value

    @property
    def in_column(self) -> "Reason":
        """The same reason told of a column instead of a row (a table read the other way round)."""
        return _COLUMN.get(self, self)


_CONTEXT = frozenset({Reason.HEADING, Reason.LABEL, Reason.ROW_NAME})
_COLUMN = {Reason.GENERIC_SECURITY_ROW: Reason.GENERIC_SECURITY_COLUMN,
           Reason.COMMON_VALUE_OF_ROW: Reason.COMMON_VALUE_OF_COLUMN}
