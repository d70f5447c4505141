"""Small matching helpers shared by the taggers: find a cue, quote it back with its field.

Every tag must carry the phrase that produced it, so matching returns the quoted evidence rather
than a bare boolean. Patterns are compiled once at import: the tagger runs on every stored work and
on bulk files of tens of thousands of records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from ahocorasick_rs import AhoCorasick, Implementation
from osteodigest.crawler.tagging.view import JOINED_FROM, PARTS, View, word_set

_QUOTE_CONTEXT = 40
#: Switch for the benchmark's equivalence check: gating must never change a result, only skip work.
GATING = True


def _top_level_branches(pattern: str) -> list[str]:
    """Split a pattern at its top-level ``|`` (outside groups and character classes)."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "of",
        "and",
        "or",
        "to",
        "for",
        "with",
        "by",
        "at",
        "on",
        "is",
        "are",
        "was",
        "were",
        "be",
        "as",
        "from",
        "this",
        "that",
        "we",
        "it",
    ]
)


def _selectivity(literals: frozenset[str]) -> int:
    """How rarely the least rare of these literals occurs, roughly: its length, zero for a common word."""
    return min(0 if lit.strip() in _COMMON else len(lit.strip()) for lit in literals)


_CLASS_ESCAPES = frozenset("bBdDsSwWAZ")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}


#: Literal variants a run of literals may grow to (through optional characters and character classes)
#: before it is cut: the set of literals a branch needs stays small.
_MAX_VARIANTS = 16


def _class_chars(body: str) -> frozenset[str] | None:
    """The characters of a character class's ``body`` (between the brackets) when it is a short list of
    plain characters (``[sz]``, ``[- ]``, ``[=:]``); None for a negated class, a range, a class escape or
    more than four characters."""
    if body.startswith("^"):
        return None
    chars: set[str] = set()
    k = 0
    while k < len(body):
        ch = body[k]
        if ch == "\\":
            nxt = body[k + 1 : k + 2]
            if not nxt or nxt in _CLASS_ESCAPES or nxt.isdigit() or nxt in "xuUNp":
                return None
            chars.add(_CONTROL_ESCAPES.get(nxt, nxt))
            k += 2
            continue
        if ch == "-" and 0 < k < len(body) - 1:
            return None  # a range
        if ch == "[":
            return None  # a nested set or a POSIX class: not worth reading
        chars.add(ch)
        k += 1
    return frozenset(chars) if 0 < len(chars) <= 4 else None


def _parse_sequence(pattern: str, i: int) -> tuple[list[list[tuple[str, object]]], int]:
    """Parse ``pattern`` from ``i`` up to a closing ``)`` or the end: a list of alternatives, each a list of
    items ``("lit", char)``, ``("group", alternatives, min_repeat)``, ``("lit+", char)`` (a literal that may
    repeat), ``("opt", char)`` (an optional character), ``("set", chars)`` / ``("set+", chars)`` (a short
    character class, once / repeated) or ``("other", None)``. Covers the syntax the cues use; anything
    unusual becomes "other", which can only make the required literals fewer, never wrong."""
    alternatives: list[list[tuple[str, object]]] = [[]]
    while i < len(pattern):
        ch = pattern[i]
        if ch == ")":
            return alternatives, i + 1
        if ch == "|":
            alternatives.append([])
            i += 1
            continue
        item: tuple[str, object]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt in _CLASS_ESCAPES or nxt.isdigit() or nxt in "xuUNp":
                item = ("other", None)
            else:
                item = ("lit", _CONTROL_ESCAPES.get(nxt, nxt))
            i += 2
        elif ch == "[":
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            chars = _class_chars(pattern[i + 1 : j])
            item = ("set", chars) if chars else ("other", None)
            i = j + 1
        elif ch == "(":
            lookaround = pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i)
            if pattern.startswith("(?P<", i):
                i = pattern.index(">", i) + 1
            elif pattern.startswith("(?:", i):
                i += 3
            elif pattern.startswith("(?", i) and not lookaround:
                i = pattern.index(":", i) + 1 if ":" in pattern[i : i + 8] else i + 2
            else:
                i += 4 if pattern.startswith("(?<", i) else 3 if lookaround else 1
            inner, i = _parse_sequence(pattern, i)
            item = ("other", None) if lookaround else ("group", inner)
        elif ch in ".^$":
            item = ("other", None)
            i += 1
        else:
            item = ("lit", ch)
            i += 1
        # A quantifier after the item: optional (?, *, {0,…}) or repeated (+, {n,…} with n >= 1).
        minimum = 1
        if i < len(pattern) and pattern[i] in "?*+{":
            q = pattern[i]
            if q == "{":
                close = pattern.index("}", i)
                minimum = int(pattern[i + 1 : close].split(",")[0] or 0)
                i = close + 1
                if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive
                    i += 1
            else:
                minimum = 1 if q == "+" else 0
                i += 1
                repeated = q != "?"
                if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive
                    i += 1
                if minimum and repeated and item[0] == "lit":
                    item = ("lit+", item[1])
            if minimum == 0:
                # One optional character ("-?", "s?", " ?") is kept: a run of literals around it is still
                # one of two strings ("mg-?63": "mg-63" or "mg63"), often the rarest literal of a branch.
                if q == "?" and item[0] == "lit":
                    item = ("opt", item[1])
                elif q == "?" and item[0] == "group":
                    # An optional group ("(?:the )?data …"): it requires nothing, but a match may start
                    # with it (see _leading).
                    item = ("optgroup", item[1])
                else:
                    item = ("other", None)
            elif item[0] == "set":
                item = ("set+", item[1])  # repeated: one of its characters is required, then the run ends
            elif item[0] == "lit" and q == "{":
                item = ("lit+", item[1])
        alternatives[-1].append(item)
    return alternatives, i


def _required_in(alternatives: list[list[tuple[str, object]]]) -> frozenset[str] | None:
    """Literal strings one of which every match must contain: the union over alternatives (None when one
    alternative has none)."""
    found: list[frozenset[str]] = []
    for items in alternatives:
        best = _required_items(items)
        if best is None:
            return None
        found.append(best)
    return frozenset().union(*found) if found else None


def _required_items(items: list[tuple[str, object]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _selectivity(candidate) > _selectivity(best)):
            best = candidate

    # The run of literals so far, as the strings it can be (several after an optional character or a
    # class); a run with "" among them (it began with an optional character) requires nothing yet.
    run: frozenset[str] = frozenset({""})

    def close() -> None:
        nonlocal run
        if "" not in run:  # a variant holding another ("hek 293t", "hek 293") adds nothing: dropped
            consider(frozenset(r for r in run if not any(o != r and o in r for o in run)))
        run = frozenset({""})

    for kind, value in items:
        if kind in ("lit", "lit+", "opt", "set", "set+"):
            if kind in ("lit", "lit+"):
                options: frozenset[str] = frozenset({str(value)})
            elif kind == "opt":
                options = frozenset({"", str(value)})
            else:
                options = cast("frozenset[str]", value)
            if len(run) * len(options) > _MAX_VARIANTS:
                close()
            run = frozenset(r + o for r in run for o in options)
            if kind in ("lit+", "set+"):  # "s+" requires one "s", but what follows need not be adjacent
                close()
            continue
        close()
        if kind == "group":
            consider(_required_in(value))  # type: ignore[arg-type]
    close()
    return best


def _required(source: str) -> frozenset[str] | None:
    """Literal strings one of which every match of the pattern ``source`` must contain (None: unknown)."""
    try:
        alternatives, _ = _parse_sequence(source, 0)
    except (ValueError, IndexError):
        return None
    return _required_in(alternatives)


def _leading(items: list[tuple[str, object]]) -> frozenset[str] | None:
    """The literal strings one of which every match of ``items`` starts with (None: not known)."""
    if not items:
        return None
    kind, value = items[0]
    if kind == "optgroup":
        # A match starts with one of the group's alternatives followed by the rest, or with the rest.
        rest = _leading(items[1:])
        if rest is None:
            return None
        either = set(rest)
        for alternative in cast("list[list[tuple[str, object]]]", value):
            with_rest = _leading(alternative + items[1:])
            if with_rest is None:
                return None
            either |= with_rest
        return frozenset(either)
    if kind in ("lit", "lit+"):
        run = [str(value)]
        if kind == "lit":
            for kind, value in items[1:]:
                if kind not in ("lit", "lit+"):
                    break
                run.append(str(value))
                if kind == "lit+":
                    break
        return frozenset({"".join(run)})
    if kind == "group":
        found: set[str] = set()
        for alternative in cast("list[list[tuple[str, object]]]", value):
            starts = _leading(alternative)
            if starts is None:
                return None
            found |= starts
        return frozenset(found)
    return None


def leading_literals(source: str) -> frozenset[str] | None:
    """The literal strings one of which every match of the pattern ``source`` starts with (None: not known,
    or the pattern does not start with literals). For a pattern tried only where one of them occurs."""
    try:
        alternatives, end = _parse_sequence(source, 0)
    except (ValueError, IndexError):
        return None
    if end != len(source):
        return None
    found: set[str] = set()
    for alternative in alternatives:
        starts = _leading(alternative)
        if not starts or "" in starts:
            return None
        found |= starts
    return frozenset(found)


def _starts(source: str) -> tuple[str, ...] | None:
    """The literals every match of the pattern ``source`` starts with, when there are several of them
    (an alternation: ``(?:rats|mice|rabbits)…``), each at least :data:`_MIN_LITERAL` long and none a
    common word; else None.

    Python's ``re`` finds a single literal prefix fast, but tries an alternation at every position whose
    character could begin it: a search then costs the whole text. Such a branch is instead tried (``match``)
    only where one of its starting literals occurs, found with ``str.find``: the same leftmost match.
    """
    try:
        alternatives, end = _parse_sequence(source, 0)
    except (ValueError, IndexError):
        return None
    if end != len(source) or len(alternatives) != 1:
        return None
    starts = _leading(alternatives[0])
    if starts is None or len(starts) < 2 or _selectivity(starts) < _MIN_LITERAL:
        return None  # one start ("we", "the") occurs all over an abstract: the scan is cheaper
    return tuple(sorted(starts))


class _LiteralIndex:
    """Which cue literals a text holds, found in one pass per text, so a regex runs only where it can match.

    Two kinds of literal, one id space:

    * substrings every match of a branch must contain: one Aho-Corasick automaton (``ahocorasick-rs``)
      over all of them finds them in a single scan;
    * a cue's trigger words (whole ``[a-z0-9]+`` words: "rats" in "rats", not in "separats"): read off the
      text's word set (:data:`crawler.tagging.view.TOKENS`, built once per view) by one set intersection.
      Words stay out of the automaton: short ones ("i", "co", "mr") would make it report every few
      characters.

    This is the "one scan per record" of the tagger (issue 20): the title, the abstract and the two joined
    (:data:`crawler.tagging.view.PARTS`) are scanned once together, instead of each of ~600 branches
    looking for its own literals with ``in`` (hundreds of passes over an abstract).
    """

    __slots__ = ("_automaton", "_cache", "_next", "_order", "_subs", "_word_keys", "_words")

    #: Texts whose literals are remembered (a view's title, abstract and both; quoted phrases): bounded.
    _CACHE_MAX = 256

    def __init__(self) -> None:
        self._subs: dict[str, int] = {}
        self._words: dict[str, int] = {}
        self._word_keys: frozenset[str] = frozenset()
        self._next = 0
        self._automaton: AhoCorasick | None = None
        #: The literal id of each automaton pattern, by the pattern's index.
        self._order: list[int] = []
        self._cache: dict[str, frozenset[int]] = {}

    def _id(self, table: dict[str, int], literal: str) -> int:
        found = table.get(literal)
        if found is None:
            found = table[literal] = self._next
            self._next += 1
            self._automaton = None  # rebuilt on the next scan
            self._cache.clear()
        return found

    def ids(self, literals: Iterable[str]) -> frozenset[int]:
        """Ids of substrings (each may occur anywhere)."""
        return frozenset(self._id(self._subs, lit) for lit in literals)

    def known(self, literals: Iterable[str]) -> tuple[tuple[str, int | None], ...]:
        """Each literal with its id when it is already a substring literal of the index (None: it is not,
        so :meth:`present` cannot tell whether it occurs). Registers nothing: the scan stays as it is."""
        return tuple((lit, self._subs.get(lit)) for lit in literals)

    def word_ids(self, words: Iterable[str]) -> frozenset[int]:
        """Ids of whole words."""
        found = frozenset(self._id(self._words, w) for w in words)
        self._word_keys = frozenset(self._words)
        return found

    def _scan(self, text: str) -> list[tuple[int, int, int]]:
        """(automaton pattern index, start, end) of every substring literal in ``text``; the pattern's
        literal id is ``self._order[index]``."""
        if not self._subs:
            return []
        automaton = self._automaton
        if automaton is None:
            patterns = list(self._subs)
            self._order = [self._subs[p] for p in patterns]
            # Not the full DFA, though it is the fastest on a warm cache: its table (~1,100 literals) is
            # evicted by the rest of the tagging between records, and the compact NFA then scans a
            # record's text faster (measured inside `osteodigest tag`).
            automaton = self._automaton = AhoCorasick(patterns, implementation=Implementation.ContiguousNFA)
        return automaton.find_matches_as_indexes(text, overlapping=True)

    def _word_hits(self, text: str) -> set[int]:
        words = self._words
        return {words[w] for w in self._word_keys & word_set(text)}

    def present(self, text: str) -> frozenset[int]:
        """The ids of the literals that occur in ``text`` (cached per text)."""
        found = self._cache.get(text)
        if found is not None:
            return found
        if len(self._cache) >= self._CACHE_MAX:
            self._cache.clear()
        joined = PARTS.get(text)
        if joined is not None and joined not in self._cache:
            self._register(joined)
            found = self._cache.get(text)
            if found is not None:
                return found
        hits = self._word_hits(text)
        scanned = self._scan(text)
        order = self._order  # read after the scan, which builds the automaton (and the order) if need be
        hits.update(order[index] for index, _, _ in scanned)
        found = self._cache[text] = frozenset(hits)
        return found

    def _register(self, joined: str) -> None:
        """A view's title, abstract and the two joined, from one scan of the joined text."""
        title, abstract = JOINED_FROM[joined]
        cut, resume = len(title), len(joined) - len(abstract)
        in_title: set[int] = self._word_hits(title)
        in_abstract: set[int] = self._word_hits(abstract)
        # The joined text is the two parts with white space between (``View.low_text``): its words are theirs.
        everywhere: set[int] = in_title | in_abstract
        found = self._scan(joined)
        order = self._order  # read after the scan (see present)
        for index, start, end in found:
            literal = order[index]
            everywhere.add(literal)
            if end <= cut:
                in_title.add(literal)
            elif start >= resume:
                in_abstract.add(literal)
        cache = self._cache
        cache[title] = frozenset(in_title)
        cache[abstract] = frozenset(in_abstract)
        cache[joined] = frozenset(everywhere)


_MIN_LITERAL = 3
#: Occurrences of a branch's starting literals tried one by one before a plain scan is cheaper.
_MAX_STARTS = 12
#: The one literal index of every cue in the package.
LITERALS = _LiteralIndex()
#: Its cache of the literals of each recent text, read directly on the hottest paths (the dict is cleared
#: in place, never replaced).
_PRESENT = LITERALS._cache
#: A cue with at least this many branches picks the branches to try from the literals a text holds.
_MANY_BRANCHES = 6


class Phrases:
    """A pattern that opens with ``\\b``, matched ignoring case, asked only whether it occurs in a sentence
    (the takeaway's finding phrases, the key numbers' enrolment verbs).

    Python's ``re`` tries such a pattern at every position of the text (about 16 us a sentence for
    :data:`_FINDING`). An ASCII sentence is lower-cased instead (the same as ignoring case there), the
    pattern without its ``\\b`` jumps to the candidate positions, and the word boundary is checked there by
    hand: the same answer, several times faster. Any other sentence gets the plain pattern.
    """

    __slots__ = ("openings", "plain", "unbounded")

    def __init__(self, pattern: str) -> None:
        rest = pattern.removeprefix(r"\b")
        if rest == pattern or rest != rest.lower():
            raise ValueError("a Phrases pattern starts with \\b and is written in lower case")
        self.plain = re.compile(pattern, re.I)
        self.unbounded = re.compile(rest)
        #: The words a match starts with, found together in one pass: even jumping to candidate characters,
        #: ``re`` tries an alternation of forty words one by one at each (about 30 us a sentence for
        #: :data:`_FINDING`); the pattern is then tried only where one of them starts.
        openings = leading_literals(rest)
        self.openings = AhoCorasick(sorted(openings)) if openings else None

    def occurs(self, text: str) -> bool:
        if not text.isascii():
            return self.plain.search(text) is not None
        low = text.lower()
        size = len(low)
        if self.openings is not None:
            # Every match starts where one of its opening words does: the same answer as the scan below.
            for _, at, _ in self.openings.find_matches_as_indexes(low, overlapping=True):
                if (at > 0 and _is_word(low[at - 1])) != (at < size and _is_word(low[at])) and (
                    self.unbounded.match(low, at) is not None
                ):
                    return True
            return False
        m = self.unbounded.search(low)
        while m is not None:
            at = m.start()
            if (at > 0 and _is_word(low[at - 1])) != (at < size and _is_word(low[at])):
                return True
            m = self.unbounded.search(low, at + 1)
        return False


class _Branch:
    """One top-level alternative: searched only when one of its required literals occurs in the text."""

    __slots__ = ("_start_ids", "anchored", "boundary", "ids", "regex", "starts")

    def __init__(self, source: str) -> None:
        # "^" branches can only match at the start: re.match there, never a scan of the whole text.
        self.anchored = source.startswith("^")
        self.boundary = source.startswith("\\b")
        self.regex = re.compile(source[2:] if self.boundary else source)
        literals = _required(source)
        # Literals of one or two characters ("p", "or") occur in every abstract: they would only slow the
        # scan down, so such a branch simply runs its regex.
        usable = literals is not None and min(len(lit) for lit in literals) >= _MIN_LITERAL
        self.ids = LITERALS.ids(sorted(literals)) if literals is not None and usable else None
        plain = not self.anchored and not self.regex.flags & (re.IGNORECASE | re.VERBOSE)
        #: The literals a match starts with, when trying only where they occur beats a scan (see _starts).
        self.starts = _starts(source[2:] if self.boundary else source) if plain else None
        #: Each start with its literal id when the index scans for it anyway (see _search_at_starts).
        self._start_ids: tuple[tuple[str, int | None], ...] | None = None

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        if self.anchored:
            return self.regex.match(text) if pos == 0 else None
        if self.ids is not None and self.ids.isdisjoint(LITERALS.present(text)):
            return None
        if self.starts is not None:
            return self._search_at_starts(text, pos)
        return self._scan_from(text, pos)

    def _scan_from(self, text: str, pos: int) -> re.Match[str] | None:
        regex = self.regex
        while True:
            m = regex.search(text, pos)
            if m is None or not self.boundary:
                return m
            start = m.start()
            before = start > 0 and _is_word(text[start - 1])
            after = start < len(text) and _is_word(text[start])
            if before != after:
                return m
            # Not at a word boundary, where the original branch (it starts with \b) cannot match.
            pos = start + 1

    def _search_at_starts(self, text: str, pos: int) -> re.Match[str] | None:
        """``search`` for a branch whose matches start with one of :attr:`starts`: the match at the
        leftmost occurrence (from ``pos``) where the branch matches — what a scan of the text finds.

        A text with many occurrences ("the", "was" are among some branches' starts) is scanned instead:
        trying each from Python would cost more than the scan.

        A start the literal index scans for anyway (another branch needs it) and did not find in the text
        is not looked for: the index's one scan already said it does not occur."""
        starts = self._start_ids
        if starts is None:
            # Read when first needed, once every cue of the package has registered its literals.
            starts = self._start_ids = LITERALS.known(self.starts or ())
        present = LITERALS.present(text)
        candidates: list[int] = []
        for literal, known in starts:
            if known is not None and known not in present:
                continue
            at = text.find(literal, pos)
            while at >= 0:
                if len(candidates) == _MAX_STARTS:
                    return self._scan_from(text, pos)
                candidates.append(at)
                at = text.find(literal, at + 1)
        if not candidates:
            return None
        regex, boundary, size = self.regex, self.boundary, len(text)
        for at in sorted(set(candidates)):
            if boundary and (at > 0 and _is_word(text[at - 1])) == (at < size and _is_word(text[at])):
                continue  # the original branch starts with \b: no match here
            m = regex.match(text, at)
            if m is not None:
                return m
        return None


class Cue:
    """A compiled pattern that does as little regex work as the text allows.

    * Gating: a cue may name trigger words (whole ``[a-z0-9]+`` words) or substrings one of which every
      match must contain; the regex is skipped on a text where none occurs (:data:`LITERALS` finds them).
    * Branches: the pattern is split at its top-level ``|``; each branch runs only when one of the literal
      strings it cannot match without is in the text, and a leading ``\\b`` is checked by hand, because
      Python's ``re`` cannot use its fast first-character scan on a pattern that starts with ``\\b``.
      The leftmost match wins and, at equal start, the earlier branch — exactly as the whole pattern.

    ``benchmarks/tagging.py --check-gating`` compares every cue with its plain regex on real records.
    """

    __slots__ = (
        "_by_literal",
        "_needs",
        "_pattern",
        "_unconditional",
        "branches",
        "entry",
        "gate",
        "plan",
        "source",
        "subs",
        "words",
    )

    def __init__(self, pattern: str, words: str = "", subs: tuple[str, ...] = ()) -> None:
        self.source = pattern
        self._pattern: re.Pattern[str] | None = None
        self.words = frozenset(words.split()) if words else None
        self.subs = subs
        #: The trigger words and substrings as literal ids: no match without one of them.
        self.gate = LITERALS.word_ids(self.words) | LITERALS.ids(subs) if self.words else None
        self.branches = tuple(_Branch(b) for b in _top_level_branches(pattern))
        self.plan = tuple((b.ids, b.regex, b.boundary, b.anchored, b) for b in self.branches)
        #: Literal ids one of which any match needs: the trigger words, else (when every branch has
        #: literals) the union of the branches' literals. One set test then skips a cue that cannot match,
        #: instead of one test per branch.
        self.entry = self.gate
        if self.entry is None and all(b.ids is not None for b in self.branches):
            self.entry = frozenset().union(*(b.ids for b in self.branches if b.ids is not None))
        #: For a cue of many branches: each literal id with the branches (indices into ``plan``) that need
        #: it, and the branches that need none. The branches worth trying on a text are then read off the
        #: literals it holds (one set intersection) instead of one set test per branch.
        self._needs: frozenset[int] | None = None
        self._by_literal: dict[int, tuple[int, ...]] = {}
        self._unconditional: tuple[int, ...] = ()
        if len(self.branches) >= _MANY_BRANCHES:
            by_literal: dict[int, list[int]] = {}
            for index, branch in enumerate(self.branches):
                for literal in branch.ids or ():
                    by_literal.setdefault(literal, []).append(index)
            self._by_literal = {literal: tuple(found) for literal, found in by_literal.items()}
            self._needs = frozenset(by_literal)
            self._unconditional = tuple(i for i, b in enumerate(self.branches) if b.ids is None)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole pattern as one regex, compiled when first asked for: the branches do the matching, and
        only substitutions and the checks against the plain regex need it (compiling each cue a second time
        as a whole was a fifth of importing the cue table, ~0.05 s at the start of every run)."""
        if self._pattern is None:
            self._pattern = re.compile(self.source)
        return self._pattern

    def _skip(self, text: str) -> bool:
        entry = self.entry
        return entry is not None and GATING and entry.isdisjoint(LITERALS.present(text))

    def _search_from(
        self, text: str, pos: int, present: frozenset[int] | None = None
    ) -> re.Match[str] | None:
        if not GATING:
            return self.pattern.search(text, pos)
        best = None
        best_start = 0
        if present is None:
            present = _PRESENT.get(text) or LITERALS.present(text)
        plan = self.plan
        needs = self._needs
        if needs is not None:
            # Many branches: only those whose literals occur (in branch order: the earlier wins a tie).
            by_literal = self._by_literal
            chosen = {i for literal in needs.intersection(present) for i in by_literal[literal]}
            chosen.update(self._unconditional)
            plan = tuple(plan[i] for i in sorted(chosen))
        # Inlined _Branch.search over prepared tuples: this loop runs for every cue a record reaches.
        for ids, regex, boundary, anchored, branch in plan:
            if needs is None and ids is not None and ids.isdisjoint(present):
                continue
            if branch.starts is not None:
                m = branch._search_at_starts(text, pos)
                if m is not None and (best is None or m.start() < best_start):
                    best, best_start = m, m.start()
                continue
            m = regex.search(text, pos) if not anchored else (regex.match(text) if pos == 0 else None)
            if m is None:
                continue
            start = m.start()
            if boundary and (start > 0 and _is_word(text[start - 1])) == (
                start < len(text) and _is_word(text[start])
            ):
                # Not at a word boundary: look further on (rare, so the slower path is fine).
                m = branch.search(text, start + 1)
                if m is None:
                    continue
                start = m.start()
            if best is None or start < best_start:
                best, best_start = m, start
        return best

    def possible(self, text: str) -> bool:
        """Whether the cue could match ``text`` at all: its trigger words and some branch's literals occur."""
        present = LITERALS.present(text)
        if self.gate is not None and self.gate.isdisjoint(present):
            return False
        return any(ids is None or not ids.isdisjoint(present) for ids, *_ in self.plan)

    def search(self, text: str) -> re.Match[str] | None:
        if not GATING:
            return self.pattern.search(text)
        # The literals found in the text are looked up once here and handed on: this runs for every cue a
        # rule asks about, and most stop at the entry test. The index's cache is read directly (an empty set
        # is falsy, and then the index answers again, from its cache).
        present = _PRESENT.get(text) or LITERALS.present(text)
        entry = self.entry
        if entry is not None and entry.isdisjoint(present):
            return None
        return self._search_from(text, 0, present)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._skip(text):
            return
        if not GATING:
            yield from self.pattern.finditer(text)
            return
        # Each branch's next match is cached and searched again only once the scan has passed it.
        pending: list[re.Match[str] | None] = [b.search(text, 0) for b in self.branches]
        pos = 0
        while True:
            best: re.Match[str] | None = None
            for i, m in enumerate(pending):
                if m is not None and m.start() < pos:
                    m = pending[i] = self.branches[i].search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end() if best.end() > best.start() else best.start() + 1
            if pos > len(text):
                return

    def sub(self, repl: str, text: str) -> str:
        return text if self._skip(text) else self.pattern.sub(repl, text)


def rx(pattern: str, words: str = "", subs: tuple[str, ...] = ()) -> Cue:
    """Compile a cue pattern (matched on lower-cased text, so no IGNORECASE), optionally gated by words."""
    return Cue(pattern, words, subs)


def all_cues() -> dict[str, Cue]:
    """Every cue the tagger compiles, by ``module.NAME`` (``module.TABLE[key]`` for one held in a table),
    so the test and the benchmark that check the shortcuts against the plain regexes miss none."""
    import importlib
    import pkgutil

    import osteodigest.crawler.tagging as package

    cues: dict[str, Cue] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"osteodigest.crawler.tagging.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Cue):
                cues[f"{info.name}.{name}"] = value
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, Cue):
                        cues[f"{info.name}.{name}[{key}]"] = item
                    elif isinstance(item, tuple) and item and isinstance(item[-1], Cue):
                        cues[f"{info.name}.{name}[{key}]"] = item[-1]
    return cues


@dataclass(frozen=True, slots=True)
class Hit:
    """One matched cue: the field it came from and the phrase as written there."""

    field: str
    phrase: str
    start: int = 0
    end: int = 0  # where the match itself ends; ``phrase`` may carry context around it

    def __str__(self) -> str:
        return f'{self.field}: "{self.phrase}"'


def quote(original: str, lowered: str, match: re.Match[str], context: int = 0) -> str:
    """The matched phrase in its original case (plus optional context), trimmed to one line."""
    return quote_span(original, lowered, *match.span(), context)


def quote_span(original: str, lowered: str, start: int, end: int, context: int = 0) -> str:
    """The text between ``start`` and ``end`` (offsets in ``lowered``) in its original case."""
    if context:
        start = max(0, start - context)
        end = min(len(lowered), end + context)
    source = original if len(original) == len(lowered) else lowered
    text = source[start:end].strip()
    if context:
        if start > 0:
            text = "…" + text
        if end < len(lowered):
            text += "…"
    return text


def in_title(view: View, pattern: Cue) -> Hit | None:
    m = pattern.search(view.low_title)
    return Hit("title", quote(view.title, view.low_title, m), m.start(), m.end()) if m else None


def in_abstract(view: View, pattern: Cue, context: int = 0) -> Hit | None:
    m = pattern.search(view.low_abstract)
    if m is None:
        return None
    return Hit("abstract", quote(view.abstract, view.low_abstract, m, context), m.start(), m.end())


def in_text(view: View, pattern: Cue, context: int = 0) -> Hit | None:
    """Title first (the authors' own label), then the abstract."""
    return in_title(view, pattern) or in_abstract(view, pattern, context)


def in_keywords(view: View, pattern: Cue) -> Hit | None:
    if not view.low_keywords:
        return None
    m = pattern.search(view.low_keywords)
    return Hit("keywords", view.low_keywords[m.start() : m.end()]) if m else None


def count(pattern: Cue, text: str, limit: int = 50) -> int:
    n = 0
    for _ in pattern.finditer(text):
        n += 1
        if n >= limit:
            break
    return n


def meta(field: str, value: str) -> Hit:
    """Evidence from metadata rather than text (publication type, MeSH, kind, relation, journal)."""
    return Hit(field, value)
