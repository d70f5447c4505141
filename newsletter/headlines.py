"""Optional plain-language headlines from an OpenAI-compatible chat-completions endpoint, and their guard.

Off unless ``[headlines] base_url`` and ``model`` are set: then nothing is asked and nothing changes
(the edition is byte-identical to one made by a build without this module). When set — a local Ollama
or llama.cpp server (``http://127.0.0.1:11434/v1``) or a hosted service, its key in
``$OSTEODIGEST_HEADLINE_API_KEY`` — each new work with an abstract is asked once per model, before the
edition is made, for one sentence a twelve-year-old could read.

A reply is shown only if it passes :func:`check_headline`: one line, at most ``max_words`` words, and
every number, drug and anatomical term it uses appears in the abstract (a lay word counts when the
abstract has the technical one it stands for: "thigh bone" for "femur"). A refused reply is stored with
its reason and the work keeps its technical title alone; shown headlines are labelled machine-written.

An edition never waits on this: asking stops at the first 429 (the server asks us to slow down), after
``max_per_edition`` works, or once ``time_budget`` seconds are spent; each request has its own time-out
and is never retried. A work left unasked, or whose request failed, keeps its technical title alone and
is not recorded, so a later pass over the same works (an edition remade, a preview) may ask it again.

The request is the documented chat-completions call: ``POST {base_url}/chat/completions`` with
``{"model", "messages": [{"role": "system"|"user", "content"}], "temperature", "max_tokens"}``, answered
by ``{"choices": [{"message": {"role": "assistant", "content": "..."}}]}``.
"""

from __future__ import annotations

import functools
import logging
import re
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import requests
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.models import Work
from osteodigest.crawler.settings import HEADLINE_API_KEY_ENV, Settings
from osteodigest.crawler.store import Store
from osteodigest.newsletter.items import practice_relevant

log = logging.getLogger("osteodigest.headlines")

SYSTEM_PROMPT = (
    "You write one plain-language headline for a medical research abstract, for patients and busy "
    "clinicians. One sentence, at most {max_words} words, that a twelve-year-old can read. Use only what "
    "the abstract says: no number, drug or body part the abstract does not name, no advice, no hype. "
    "Reply with the headline alone."
)
#: Kinds of record worth a headline: research with an abstract (not notices, not registrations).
_KINDS = ("article", "preprint", "conference_abstract")
_MAX_ABSTRACT_CHARS = 6000


@dataclass(frozen=True)
class HeadlineConfig:
    base_url: str
    model: str
    timeout: float
    max_per_edition: int
    time_budget: float
    max_words: int
    api_key: str | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


def headline_config(settings: Settings) -> HeadlineConfig | None:
    """The configured endpoint, or None when headlines are off (no ``base_url``)."""
    section = settings.section("headlines")
    if not section["base_url"].strip():
        return None
    if not section["model"].strip():
        raise ConfigError(
            "missing value for 'headlines.model': name the model when headlines.base_url is set"
        )
    if not section["base_url"].startswith(("http://", "https://")):
        raise ConfigError(
            f"bad value for 'headlines.base_url': expected an http(s) URL, got {section['base_url']!r}"
        )
    return HeadlineConfig(
        base_url=section["base_url"].strip(),
        model=section["model"].strip(),
        timeout=float(section["timeout"]),
        max_per_edition=int(section["max_per_edition"]),
        time_budget=float(section["time_budget"]),
        max_words=max(1, int(section["max_words"])),
        api_key=Settings.secret(HEADLINE_API_KEY_ENV),
    )


def headline_model(settings: Settings) -> str | None:
    """The model whose accepted headlines an edition shows; None when headlines are off."""
    config = headline_config(settings)
    return config.model if config else None


# ------------------------------------------------------------------------------------------ the guard
@dataclass(frozen=True)
class Verdict:
    headline: str | None
    reason: str | None

    @property
    def accepted(self) -> bool:
        return self.headline is not None


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "half": 0.5, "dozen": 12, "twice": 2, "double": 2, "triple": 3,
}  # fmt: skip
_DIGITS = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?")
_WORD = re.compile(r"[a-zA-Z][a-zA-Z'-]*")
_LABEL = re.compile(r"^(?:plain[- ]language\s+)?headline\s*:\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»`*"


def numbers_in(text: str) -> set[float]:
    """Every number a text states, in digits ("1,204", "2.5") or in words ("three", "twenty")."""
    found = {float(match.replace(",", "")) for match in _DIGITS.findall(text)}
    found |= {float(_NUMBER_WORDS[w.lower()]) for w in _WORD.findall(text) if w.lower() in _NUMBER_WORDS}
    return found


@functools.cache
def _lexicon() -> dict[str, dict[str, tuple[str, ...]]]:
    """The drug and anatomy vocabularies (``headline_terms.toml``): concept -> the forms that name it."""
    data = tomllib.loads(
        resources.files("osteodigest.newsletter").joinpath("headline_terms.toml").read_text(encoding="utf-8")
    )
    return {
        kind: {concept: tuple(forms) for concept, forms in data[kind].items()}
        for kind in ("drugs", "anatomy")
    }


def _pattern(form: str) -> re.Pattern[str]:
    body = re.escape(form).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*")
    return re.compile(r"(?<![\w-])" + body + r"(?:s|es)?(?![\w-])", re.I)


@functools.cache
def _compiled() -> dict[str, list[tuple[str, tuple[re.Pattern[str], ...]]]]:
    return {
        kind: [(concept, tuple(_pattern(f) for f in forms)) for concept, forms in concepts.items()]
        for kind, concepts in _lexicon().items()
    }


#: Drug-name endings (INN stems) for drugs the vocabulary does not list: such a word must itself be in
#: the abstract.
_DRUG_STEM = re.compile(
    r"(?<![\w-])[a-z]{3,}(?:mab|nib|dronate|parin|statin|olone|asone|prazole|floxacin|cycline|mycin|cillin|"
    r"sartan|pril|olol|oxifene|paratide|coxib|gliflozin|gliptin)s?(?![\w-])",
    re.I,
)


def _terms(kind: str, text: str) -> list[tuple[str, tuple[re.Pattern[str], ...]]]:
    return [
        (concept, patterns)
        for concept, patterns in _compiled()[kind]
        if any(p.search(text) for p in patterns)
    ]


def check_headline(reply: str, abstract: str, max_words: int = 25) -> Verdict:
    """Accept ``reply`` as a headline only if the abstract backs every number, drug and body part in it."""
    text = " ".join(reply.split()) if reply else ""
    text = _LABEL.sub("", text).strip(_QUOTES + " ").strip()
    if not text:
        return Verdict(None, "empty reply")
    if len(reply.strip().splitlines()) > 1:
        return Verdict(None, "more than one line")
    words = len(text.split())
    if words > max_words:
        return Verdict(None, f"{words} words (at most {max_words})")
    known = numbers_in(abstract)
    invented = sorted(n for n in numbers_in(text) if n not in known)
    if invented:
        shown = ", ".join(f"{n:g}" for n in invented)
        return Verdict(None, f"number not in the abstract: {shown}")
    for kind, noun in (("drugs", "drug"), ("anatomy", "anatomical term")):
        for concept, patterns in _terms(kind, text):
            if not any(p.search(abstract) for p in patterns):
                return Verdict(None, f"{noun} not in the abstract: {concept}")
    for match in _DRUG_STEM.finditer(text):
        if not _pattern(match.group(0).rstrip("sS")).search(abstract):
            return Verdict(None, f"drug not in the abstract: {match.group(0).lower()}")
    if not text.endswith((".", "!", "?")):
        text += "."
    return Verdict(text, None)


# ------------------------------------------------------------------------------------------ asking
class EndpointError(Exception):
    """The endpoint did not answer usefully (status, time-out, bad JSON); ``slow_down`` for a 429."""

    def __init__(self, message: str, *, slow_down: bool = False) -> None:
        super().__init__(message)
        self.slow_down = slow_down


def ask(session: requests.Session, config: HeadlineConfig, title: str, abstract: str, timeout: float) -> str:
    """One chat-completions request; the assistant's text, or :class:`EndpointError`."""
    body = {
        "model": config.model,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT.format(max_words=config.max_words)},
            {"role": "user", "content": f"Title: {title}\n\nAbstract: {abstract[:_MAX_ABSTRACT_CHARS]}"},
        ],
        "temperature": 0,
        "max_tokens": 80,
    }
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    try:
        response = session.post(config.url, json=body, headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        raise EndpointError(f"{type(exc).__name__}") from None
    if response.status_code == 429:
        raise EndpointError("HTTP 429 (too many requests)", slow_down=True)
    if response.status_code != 200:
        raise EndpointError(f"HTTP {response.status_code}")
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise EndpointError("reply is not a chat completion") from None
    return content if isinstance(content, str) else ""


@dataclass
class HeadlineReport:
    asked: int = 0
    accepted: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    #: Why asking stopped before every candidate was asked (429, budget), if it did.
    stopped: str | None = None


def candidates(works: Sequence[Work]) -> list[Work]:
    """Research works with an abstract, practice-relevant and best-evidence first (the budget goes to
    the items readers see first)."""
    eligible = [w for w in works if w.primary.kind in _KINDS and w.abstract.strip()]

    def order(work: Work) -> tuple[bool, int, int]:
        tags = work.tags
        return (
            not practice_relevant(tags.study_type, tags.evidence_level),
            tags.evidence_level or 9,
            work.id,
        )

    return sorted(eligible, key=order)


def write_headlines(
    settings: Settings,
    store: Store,
    works: Sequence[Work],
    *,
    session: requests.Session | None = None,
    clock: Any = time.monotonic,
) -> HeadlineReport:
    """Ask the endpoint for the works ``model`` has not answered yet, within the edition's budget."""
    report = HeadlineReport()
    config = headline_config(settings)
    if config is None:
        return report
    todo = candidates(works)
    done = store.headlines.answered([w.id for w in todo], config.model)
    todo = [w for w in todo if w.id not in done][: config.max_per_edition]
    if not todo:
        return report
    session = session or requests.Session()
    deadline = clock() + config.time_budget
    for work in todo:
        left = deadline - clock()
        if left <= 0:
            report.stopped = f"time budget of {config.time_budget:g} s spent"
            break
        report.asked += 1
        try:
            reply = ask(session, config, work.primary.title, work.abstract, min(config.timeout, left))
        except EndpointError as exc:
            report.failed.append((work.id, str(exc)))
            log.warning("headline for work %d not written: %s at %s", work.id, exc, config.base_url)
            if exc.slow_down:
                report.stopped = "the endpoint answered 429: the rest wait for the next edition"
                break
            continue
        verdict = check_headline(reply, work.abstract, config.max_words)
        store.headlines.save(
            work.id, config.model, headline=verdict.headline, reply=reply, reason=verdict.reason
        )
        if verdict.accepted:
            report.accepted += 1
        else:
            report.refused.append((work.id, verdict.reason or "refused"))
            log.info("headline for work %d refused: %s", work.id, verdict.reason)
    if report.stopped:
        log.warning("headlines: %s", report.stopped)
    return report
