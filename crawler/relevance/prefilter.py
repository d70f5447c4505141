"""The cheap first look every record gets: could any topic's term be in it at all?

All topics' prefilter substrings (see :func:`crawler.relevance.lexicon.Lexicon.stems`) and abbreviations go
into one Aho-Corasick automaton (``ahocorasick-rs``), so a record is scanned once whatever the number of
topics and terms; a topic whose substring occurs is then confirmed with its full term pattern. Most records
(well over 90% of a PubMed update file) stop here, which keeps relevance a small share of tagging time.
"""

from __future__ import annotations

from collections.abc import Sequence

from ahocorasick_rs import AhoCorasick
from osteodigest.crawler.relevance.document import folded_lower
from osteodigest.crawler.relevance.lexicon import Lexicon


class Prefilter:
    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.lexicons = list(lexicons)
        owners: dict[str, list[tuple[int, str]]] = {}
        for index, lex in enumerate(self.lexicons):
            for stem in lex.stems:
                owners.setdefault(stem, []).append((index, ""))
            for abbreviation in lex.abbreviation_stems:
                owners.setdefault(abbreviation.lower(), []).append((index, abbreviation))
        self._patterns = list(owners)
        self._owners = [owners[p] for p in self._patterns]
        self._automaton = AhoCorasick(self._patterns) if self._patterns else None
        self._mesh = [
            lex.mesh_about | lex.mesh_related | lex.mesh_context | lex.mesh_mention for lex in self.lexicons
        ]

    def topics(self, raw: str, mesh: frozenset[str]) -> list[Lexicon]:
        """The topics that may occur in a record: ``raw`` its text, ``mesh`` its descriptors in lower case."""
        # Lower case keeps positions; accents are folded only where a Latin accented letter could hide a
        # term ("Kienböck"; about 4% of PubMed records), the costly part of folding.
        low = raw.lower()
        if len(low) != len(raw) or (not raw.isascii() and _accented(raw)):
            low = folded_lower(raw)
        windows: dict[int, list[tuple[int, int]]] = {}
        abbreviated: set[int] = set()
        if self._automaton is not None:
            for pattern, start, end in self._automaton.find_matches_as_indexes(low, overlapping=True):
                for index, abbreviation in self._owners[pattern]:
                    if not abbreviation:
                        windows.setdefault(index, []).append((start, end))
                    elif raw[start:end] == abbreviation:  # an abbreviation counts only in capitals
                        abbreviated.add(index)
        found = []
        for index, lex in enumerate(self.lexicons):
            if (
                (mesh and not mesh.isdisjoint(self._mesh[index]))
                or (index in windows and _phrase_near(lex, raw, windows[index]))
                or (index in abbreviated and lex.abbreviations is not None and lex.abbreviations.search(raw))
            ):
                found.append(lex)
        return found


#: How far around a substring the full pattern is tried (longer than any term).
_REACH = 80
_MAX_WINDOWS = 8


def _phrase_near(lex: Lexicon, raw: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a phrase of the topic occurs around one of the substrings found (a few windows at most),
    on folded text as the deeper analysis reads it, or a context rule's general word does with its cue
    somewhere in the text ("Fractures in the elderly", a title with no other word of the topic)."""
    if len(spans) > _MAX_WINDOWS:
        texts = [_readable(raw)]
    else:
        texts = [_readable(raw[max(0, s - _REACH) : e + _REACH]) for s, e in spans]
    if lex.phrases is not None and any(lex.phrases.search(text) for text in texts):
        return True
    whole = ""  # the whole text, folded once and only for a context whose general word is found
    for context in lex.contexts:
        if any(context.pattern.search(text) for text in texts):
            whole = whole or _readable(raw)
            if context.cued(whole):
                return True
    return False


def _readable(text: str) -> str:
    """Folded as the deeper analysis reads a unit: apostrophes are gaps ("Perthes' disease")."""
    return folded_lower(text).replace("'", " ")


#: UTF-8 lead bytes of U+00C0-U+023F (U+0240-U+024F lead with 0xC9, then 0x80-0x8F); a lead byte is never a
#: continuation byte, so finding one finds such a letter.
_ACCENT_LEADS = (b"\xc3", b"\xc4", b"\xc5", b"\xc6", b"\xc7", b"\xc8")


def _accented(raw: str) -> bool:
    """Whether ``raw`` holds a Latin letter of U+00C0-U+024F: a few byte searches in its UTF-8 form (C
    ``memchr``) instead of a regex character-class test at every character."""
    data = raw.encode("utf-8", "surrogatepass")
    if any(lead in data for lead in _ACCENT_LEADS):
        return True
    at = data.find(b"\xc9")
    while at >= 0:
        if 0x80 <= data[at + 1] <= 0x8F:
            return True
        at = data.find(b"\xc9", at + 1)
    return False
