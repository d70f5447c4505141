"""The two topics: their service queries and the local matcher used for feeds, pages and preprints.

Topics are data (``crawler/data/topics.toml``, or the file named by ``general.topics_file``) so a
maintainer can widen a query without touching code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from crawler.errors import ConfigError

_TOPIC_KEYS = {
    "label",
    "pubmed_query",
    "europepmc_query",
    "crossref_query",
    "clinicaltrials_condition",
    "terms",
    "exclude",
}


@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    pubmed_query: str
    europepmc_query: str = ""
    crossref_query: str = ""
    clinicaltrials_condition: str = ""
    terms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def pubmed_term(self) -> str:
        """The PubMed query on one line, as E-utilities expects it."""
        return " ".join(self.pubmed_query.split())


def fold(text: str) -> str:
    """Lower-case, accent-free, dash-normalised text for matching (Kienböck == kienbock)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return text.casefold()


def _term_regex(term: str) -> str:
    folded = re.escape(fold(term)).replace(r"\-", "[-\\s]?").replace(r"\ ", r"\s+")
    if folded.endswith(r"\*"):
        return folded[:-2] + r"\w*"
    return folded


def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "osteonecrosis of the jaw" is reported rather than "osteonecrosis".
    ordered = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(_term_regex(t) for t in ordered) + r")(?![\w-])")


class TopicMatcher:
    """Decides locally whether a title/abstract belongs to a topic, and which terms said so."""

    def __init__(self, topics: list[Topic]) -> None:
        self.topics = topics
        self._patterns = {t.name: _compile(t.terms) for t in topics if t.terms}
        self._excludes = {t.name: _compile(t.exclude) for t in topics if t.exclude}

    def matches(self, *texts: str | None) -> dict[str, list[str]]:
        """Topic name -> distinct matched terms (as written in the text), for every topic that matches."""
        folded = fold(" ".join(t for t in texts if t))
        result: dict[str, list[str]] = {}
        for name, pattern in self._patterns.items():
            exclude = self._excludes.get(name)
            cleaned = exclude.sub(" ", folded) if exclude else folded
            found = list(dict.fromkeys(m.group(0) for m in pattern.finditer(cleaned)))
            if found:
                result[name] = found
        return result

    def topics_for(self, *texts: str | None) -> tuple[str, ...]:
        return tuple(self.matches(*texts))


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """The shipped topics, or those of a user's TOML file."""
    if path:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read topics file {path}: {exc.strerror}") from None
        origin = str(path)
    else:
        raw = resources.files("crawler.data").joinpath("topics.toml").read_text(encoding="utf-8")
        origin = "shipped topics.toml"
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: invalid TOML: {exc}") from None
    tables = data.get("topics")
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(f"{origin}: no [topics.NAME] tables")
    topics = []
    for name, table in tables.items():
        unknown = set(table) - _TOPIC_KEYS
        if unknown:
            raise ConfigError(f"unknown config key 'topics.{name}.{sorted(unknown)[0]}' in {origin}")
        if not table.get("pubmed_query"):
            raise ConfigError(f"missing value for 'topics.{name}.pubmed_query' in {origin}")
        topics.append(
            Topic(
                name=name,
                label=table.get("label", name.title()),
                pubmed_query=table["pubmed_query"],
                europepmc_query=" ".join(table.get("europepmc_query", "").split()),
                crossref_query=table.get("crossref_query", ""),
                clinicaltrials_condition=table.get("clinicaltrials_condition", ""),
                terms=tuple(table.get("terms", ())),
                exclude=tuple(table.get("exclude", ())),
            )
        )
    return topics
