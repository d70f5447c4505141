"""The cue table (:mod:`crawler.tagging.design_cues`) matched on one work: each cue at most once per place.

A :class:`Hits` belongs to one :class:`~crawler.tagging.view.View`. Asking it for a cue in a place (the
first match in the title, a count in the abstract, a heading) runs the cue there the first time and
remembers the answer, so rules that read the same cue never pay twice. The texts themselves are scanned
once for every cue's literals (:data:`crawler.tagging.cues.LITERALS`); a regex runs only where its literals
occur.

A rule sees the table only through :meth:`Hits.scope`: the cues of the families it declares. Asking for
another cue raises :class:`UndeclaredCue`, so what a rule depends on is what its declaration says, and a
change to one family's rows cannot reach a rule that does not declare it. ``off`` switches families off
(their cues never match): the isolation test uses it to show that removing a family's cues moves only the
records that family decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from osteodigest.crawler.tagging.cues import Cue, Hit, count, in_abstract, in_title, meta, rx
from osteodigest.crawler.tagging.design_cues import (
    ABSTRACT,
    COUNTED,
    CUES,
    HEADINGS,
    JOINED,
    JOURNAL,
    PHRASE,
    TEXT,
    TITLE,
    TRIGGERS,
    WORDS,
    CueDef,
)
from osteodigest.crawler.tagging.view import View

#: Every row of the table by name.
TABLE: dict[str, CueDef] = {c.name: c for c in CUES}
if len(TABLE) != len(CUES):
    raise ValueError("two cues share a name in the cue table")
#: Each regex cue compiled once (headings and word lists stay sets).
COMPILED: dict[str, Cue] = {
    c.name: rx(c.pattern, *TRIGGERS.get(c.name, ("", ()))) for c in CUES if isinstance(c.pattern, str)
}
_PLACES = {c.name: c.places for c in CUES}
_CONTEXT = {c.name: c.context for c in CUES}
FAMILIES = frozenset(c.family for c in CUES)


class UndeclaredCue(LookupError):
    """A rule asked for a cue its declaration does not name, or in a place the cue's row does not allow."""


def expand(reads: Iterable[str]) -> frozenset[str]:
    """Cue names from a declaration: whole families ("case") and single cues ("case.title")."""
    names: set[str] = set()
    for item in reads:
        if item in FAMILIES:
            names.update(n for n, c in TABLE.items() if c.family == item)
        elif item in TABLE:
            names.add(item)
        else:
            raise UndeclaredCue(f"no cue or family named {item!r}")
    return frozenset(names)


class Hits:
    """The cues of the table, matched lazily on one view (see the module docstring)."""

    __slots__ = ("_allowed", "_memo", "off", "view")

    def __init__(
        self,
        view: View,
        off: frozenset[str] = frozenset(),
        memo: dict[tuple[str, str, int], object] | None = None,
        allowed: frozenset[str] | None = None,
    ) -> None:
        self.view = view
        self.off = off
        self._memo: dict[tuple[str, str, int], object] = {} if memo is None else memo
        self._allowed = allowed

    def scope(self, allowed: frozenset[str]) -> Hits:
        """The same hits (shared memory), limited to the cue names in ``allowed``."""
        return Hits(self.view, self.off, self._memo, allowed)

    def derived(self, view: View) -> Hits:
        """Hits on another text of the same work (its memory is its own), with the same limits."""
        return Hits(view, self.off, None, self._allowed)

    def same_text(self, view: View) -> Hits:
        """Hits for a view with the same title and abstract but other metadata: the memory is shared."""
        return Hits(view, self.off, self._memo, self._allowed)

    def _check(self, name: str, place: str) -> bool:
        """Whether the cue may be read here (raises when undeclared); False when its family is off."""
        allowed = self._allowed
        if allowed is not None and name not in allowed:
            raise UndeclaredCue(f"{name} is not declared by the rule reading it")
        places = _PLACES[name]
        if place not in places and not (place in (TITLE, ABSTRACT) and TEXT in places):
            raise UndeclaredCue(f"{name} may not be read in {place}")
        return not self.off or TABLE[name].family not in self.off

    # ---------------------------------------------------------------------------------- quoted hits
    def title(self, name: str) -> Hit | None:
        """The first match in the title."""
        key = (name, TITLE, 0)
        found = self._memo.get(key, self)
        if found is self:
            found = self._memo[key] = (
                in_title(self.view, COMPILED[name]) if self._check(name, TITLE) else None
            )
        return found  # type: ignore[return-value]

    def abstract(self, name: str) -> Hit | None:
        """The first match in the abstract, quoted with the row's context."""
        key = (name, ABSTRACT, 0)
        found = self._memo.get(key, self)
        if found is self:
            found = self._memo[key] = (
                in_abstract(self.view, COMPILED[name], _CONTEXT[name])
                if self._check(name, ABSTRACT)
                else None
            )
        return found  # type: ignore[return-value]

    def text(self, name: str) -> Hit | None:
        """The title's match, else the abstract's."""
        if TEXT not in _PLACES[name]:
            raise UndeclaredCue(f"{name} may not be read in {TEXT}")
        return self.title(name) or self.abstract(name)

    def heading(self, name: str) -> Hit | None:
        """The first (alphabetically) of the abstract's headings in the cue's set."""
        if not self._check(name, HEADINGS):
            return None
        found = sorted(set(self.view.section_labels) & TABLE[name].pattern)  # type: ignore[operator]
        return meta("abstract section", found[0]) if found else None

    # ---------------------------------------------------------------------------------- yes/no, counts
    def joined(self, name: str) -> bool:
        """Whether the cue occurs anywhere in title and abstract."""
        key = (name, JOINED, 0)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._check(name, JOINED) and bool(
                COMPILED[name].search(self.view.low_text)
            )
        return found  # type: ignore[return-value]

    def journal(self, name: str) -> bool:
        return self._check(name, JOURNAL) and bool(COMPILED[name].search(self.view.low_journal))

    def count(self, name: str, place: str, limit: int) -> int:
        """How many matches in ``place`` (title, abstract or joined), up to ``limit``."""
        key = (name, place, limit)
        found = self._memo.get(key)
        if found is None:
            ok = self._check(name, place)
            found = self._memo[key] = count(COMPILED[name], self._field(place), limit) if ok else 0
        return found  # type: ignore[return-value]

    def matches(self, name: str, place: str) -> list[re.Match[str]]:
        """Every match in ``place``, in order (for rules that look at each one)."""
        key = (name, place, -1)
        found = self._memo.get(key)
        if found is None:
            ok = self._check(name, place)
            found = self._memo[key] = list(COMPILED[name].finditer(self._field(place))) if ok else []
        return found  # type: ignore[return-value]

    def search(self, name: str, text: str) -> re.Match[str] | None:
        """The cue on another cue's phrase or on a window of the text (not remembered)."""
        return COMPILED[name].search(text) if self._check(name, PHRASE) else None

    def sub(self, name: str, replacement: str, text: str) -> str:
        return COMPILED[name].sub(replacement, text) if self._check(name, PHRASE) else text

    def vocabulary(self, name: str) -> bool:
        """Whether any word of a word-list cue occurs in title or abstract."""
        return self._check(name, WORDS) and not TABLE[name].pattern.isdisjoint(self.view.words)  # type: ignore[union-attr]

    def words(self, name: str) -> frozenset[str]:
        """A word-list cue's words (empty when its family is off)."""
        return TABLE[name].pattern if self._check(name, COUNTED) else frozenset()  # type: ignore[return-value]

    def _field(self, place: str) -> str:
        view = self.view
        return view.low_title if place == TITLE else view.low_abstract if place == ABSTRACT else view.low_text
