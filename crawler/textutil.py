"""Small text helpers that sources and the deduplicator share: whitespace, empty fields, page ranges,
initials and lists of person names.

Why one module: each of these had been written two or three times, once per source, and the copies
had begun to drift (three rules for initials); and a source that borrowed one from another source
(the feed and page readers used bioRxiv's author parser) changed whenever that source did. A source
imports these from here, never from another source.
"""

from __future__ import annotations

import re
from typing import Any


def one_line(text: str) -> str:
    """Every run of whitespace (line breaks, tabs, no-break and other Unicode spaces) folded to one
    space, the ends stripped: for titles and messages that must print on one line."""
    return " ".join(text.split())


def str_or_none(value: Any) -> str | None:
    """``str(value)``, or None for a missing or empty value: JSON replies send a volume or an issue as
    null, "" or a number, and a Record field is a string or None."""
    return str(value) if value not in (None, "") else None


def page_range(first: str | None, last: str | None) -> str | None:
    """``first-last`` as printed; the first page alone when the last is missing or the same; None
    without a first page (a last page alone says nothing)."""
    if first and last and first != last:
        return f"{first}-{last}"
    return first or None


#: Where given names split into the parts that give one initial each: white space, full stops and
#: hyphens (ASCII and U+2010, which Crossref's data uses), so "Jean-Pierre" and "J.-P." give "JP".
_GIVEN_NAME_PARTS = re.compile(r"[\s.\-‐]+")


def initials(given: str) -> str:
    """Upper-case initials of given names ("Rachel M." -> "RM"); parts not starting with a letter give
    none."""
    return "".join(part[0].upper() for part in _GIVEN_NAME_PARTS.split(given) if part and part[0].isalpha())


#: Lower-case particles that belong to the surname ("Ludwig van Beethoven" -> "van Beethoven L").
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "du", "le", "la", "ter"}
)
#: Words of a group's name, which has no given names to abbreviate ("COVID-19 Genomics UK Consortium").
_COLLECTIVE = ("consortium", "group", "collaborat", "network", "investigators", "initiative", "team", "study")


def names_from_semicolon_list(text: str) -> tuple[str, ...]:
    """'Surname Initials' for each name of a ``;``-separated list, each written "Surname, Given" or
    "Given Surname" ("Sahu, P. K.; Daniel Costa; van Dam, J."); a group's name is kept whole.

    This is the display form every Record carries; the deduplicator's comparison keys are made from it
    later (:func:`crawler.dedup.normalize.author_keys`).
    """
    names = []
    for raw in text.split(";"):
        name = one_line(raw).strip(" .")
        if not name:
            continue
        if "," in name:
            surname, _, given = name.partition(",")
        elif any(word in name.lower() for word in _COLLECTIVE) or " " not in name:
            names.append(name)
            continue
        else:
            tokens = name.split(" ")
            cut = next((i for i, t in enumerate(tokens) if i and t in _PARTICLES), len(tokens) - 1)
            given, surname = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        given_initials = initials(given)
        surname = surname.strip()
        names.append(f"{surname} {given_initials}" if surname and given_initials else surname or name)
    return tuple(names)
