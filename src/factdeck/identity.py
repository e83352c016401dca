"""Card identity across edits and releases — one import for the four modules that do it:
``record.py`` (the identity record), ``matching.py`` (which recorded fact a card continues), ``release.py``
(a version's changes and the plan of what a build writes) and ``changelog.py`` (the learners' changelog).

A learner re-imports every new build over the previous one. Anki matches notes by GUID
(ANKI.md), so a card keeps its review history exactly as long as its GUID stays the same.
The GUIDs live in the **identity record** ``<out>/identity.json``, committed next to the
released decks; the notes never hold ids.

Matching a build's cards to the record (``match_cards``, a pure function), in this order:

1. **Same key, same text** → the recorded GUID. (A fact's key says what it is about:
   subject, attribute, section; never its wording.)
2. **Similar text.** Every remaining card is compared with the live (not retired, not yet
   matched) record entries *of the same kind* that share enough of its rarer words to reach the
   threshold (``matching.py`` indexes them: near-linear, not all pairs) by
   ``difflib.SequenceMatcher.ratio`` over the lowercased words of front and back (words, not
   characters: as telling, and fast enough to compare a whole deck). A pair counts when the ratio is at least ``SIM_MIN`` (0.6). Its score is the ratio plus small affinities: ``KEY_BONUS``
   (0.10) for the same key, ``PLACE_BONUS`` (0.03) for the same section, ``SUBJECT_BONUS``
   (0.03) for the same subject. Pairs are taken best score first; a pair is taken only when
   it is a **clear best** for both sides: no other free entry for that card and no other
   free card for that entry scores within ``MARGIN`` (0.03) of it.
   This covers reworded sentences whose key changed, sections moved to another file,
   renamed files, and the shift of numbered keys (``…#2`` becomes ``…`` when the sentence
   before it is deleted: the text decides, not the number).
   - **Split** (one old fact → two new): the closer one keeps the GUID, the other is new.
   - **Merge** (two old → one new): the closer old one gives its GUID, the other is retired.
   - **Ambiguous** (a rival within ``MARGIN`` on either side): every card of the tie gets a
     new GUID (attaching a learner's history to the wrong fact is worse than starting
     over), and the build output says so with the file and line (the first ten; then a count).
3. **Same key, text rewritten** beyond ``SIM_MIN`` (a table cell whose value was replaced,
   a definition written anew) → the recorded GUID, if that entry is still free.
4. **New**: ``genanki.guid_for(slug, key)``, the GUID factdeck has always used, with a counter
   appended in the rare case that it is already taken by another card or record entry.

Record entries that no card continues are **retired**: ``retired_in`` is set and they stay
retired (a fact that comes back later is a new card). A retired card is shipped once, in
the package of the version that retires it, with its old GUID and fields, a visible
"Retired in vX — delete this card" line on its question side and the tag
``<slug>::retired``; the re-import marks the learner's copy in place. It is *not* carried
into later packages: Anki's import adds any note whose GUID it does not know, so a carried
card would come back as a new card after every import for each learner who deleted it,
and would land in every fresh install (measured with anki 26.9: a deleted note is re-added,
and a suspended card in the package is imported unsuspended). Learners who skip a release
find its retired cards in ``CHANGELOG.md``.

Versions (``deck.yaml`` ``version``): ``1.2.0`` is a **release**, ``1.2.0-dev`` /
``1.2.0-rc.1`` a **pre-release**. Building a new release records it in ``releases``
(timestamp and digest) and writes the record and the changelog. Building a released version
again is a no-op when its notes digest is unchanged, and an error when it differs (a release
is immutable). A pre-release uses the record for its GUIDs but never writes it.

An output folder with a released ``.apkg`` but no record (a deck released before the record
existed, or a lost record) adopts the newest released deck as its record
(``adopt_released_deck``), so the next release still updates, keeps or retires exactly what
learners have.
"""
from __future__ import annotations

from .changelog import changelog_section, merge_changelog  # noqa: F401
from .matching import (KEY_BONUS, MARGIN, PLACE_BONUS, SIM_MIN, SUBJECT_BONUS, Matching,  # noqa: F401
                       match_cards)
from .record import (CHANGELOG_NAME, FORMAT, RECORD_NAME, Entry, Record, Release, adopt_released_deck,  # noqa: F401
                     digest, dump_record, is_prerelease, load_record, release_tuple)
from .release import (Changes, Plan, advance, content, next_version, plan_build,  # noqa: F401
                      retired_cards, summary_line)
