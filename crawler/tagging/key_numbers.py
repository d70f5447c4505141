"""Key numbers a reader checks first: how many were studied, for how long, the primary outcome with its
estimate and confidence interval, and trial registrations.

Only what the abstract (or the source's metadata) states is reported, quoted in ``why``; anything not
stated is absent, never guessed. In particular the effect estimate is attached to the primary outcome
only when it appears in a sentence that names the primary outcome or end point.

Shape of the result (every key optional)::

    {"participants": {"n": 120, "what": "patients"},
     "studies": {"n": 14},                                   # reviews: studies included
     "follow_up": {"text": "mean follow-up of 12.7 years", "value": 12.7, "unit": "years"},
     "primary_outcome": {"text": "...", "estimate": {"measure": "HR", "value": 0.62},
                         "ci": {"level": 95, "low": 0.48, "high": 0.8}},
     "registrations": ["NCT01234567", "ChiCTR2000034567"]}
"""

from __future__ import annotations

import re
from typing import Any

from osteodigest.crawler.tagging.cues import quote_span
from osteodigest.crawler.tagging.study_type import number_value
from osteodigest.crawler.tagging.view import TOKENS, View

_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:one|two|three|four|five) hundred)"
)
_WHO = (
    r"patients|participants|subjects|women|men|adults|children|adolescents|infants|neonates|individuals|"
    r"volunteers|persons|people|respondents|residents|students|athletes|workers|cases|hips|knees|eyes|"
    r"shoulders|fractures|procedures|operations|pregnancies|mothers|veterans|survivors|recipients|donors|"
    r"users|inpatients|outpatients|nurses|physicians|rats|mice|rabbits|dogs|pigs|sheep|animals"
)
# "A total of 1,204 patients were enrolled", "we included 87 consecutive women", "N = 64".
_PARTICIPANTS = re.compile(
    r"(?<![\w.,])(?P<n>"
    + _NUMBER
    + r")\s+(?P<what>(?:(?!(?:for|of|in|with|and|or|per|to|from|at|by|on|the|a|an|"
    r"than|vs|versus)\b)[a-z][\w'-]*\s+){0,3}?(?:" + _WHO + r"))\b"
    r"(?:\s+(?:with|who|aged|from|undergoing|treated|receiving|diagnosed|were|was|had|in))?",
    re.I,
)
_ENROLMENT = re.compile(
    r"\b(?:enrolled|recruited|included|randomi[sz]ed|analy[sz]ed|studied|evaluated|assessed|examined|treated|"
    r"identified"
    r"|underwent|received|participated|comprised|consisted|total of|involving|including|among|of)\b",
    re.I,
)
_N_EQUALS = re.compile(r"\(\s*n\s*=\s*(\d[\d,]*)\s*\)", re.I)
_STUDIES = re.compile(
    r"(?<![\w.,])(?P<n>" + _NUMBER + r")\s+(?:[a-z][\w'-]*\s+){0,3}?(?:studies|trials|rcts|articles|cohorts|"
    r"publications|reports)\b(?:[^.;]{0,80}?\b(?:included|eligible|met|were|was|identified|selected|"
    r"involving|"
    r"with|comprising|enrolling))",
    re.I,
)
# Follow-up, matched from its anchor word (fast), on the lower-cased abstract.
_FOLLOW_UP = re.compile(
    r"follow[- ]?up(?:\s+(?:period|duration|time))?(?:\s+(?:of|was|was\s+\w+|lasted|for|:|=|time\s+was|"
    r"period\s+of))?\s+(?:of\s+)?(?:at\s+least\s+)?(?P<value>\d+(?:\.\d+)?|"
    + _NUMBER
    + r")(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?\s*"
    r"(?:\(.{0,40}?\)\s*)?(?P<unit>years?|months?|weeks?|days?|yrs?|mo)\b"
)
_FOLLOW_UP_PREFIX = re.compile(r"(?:mean|median|average|minimum|maximum)\s+(?:\w+\s+){0,2}?$")
_FOLLOWED_FOR = re.compile(
    r"(?:followed(?:\s+up)?|observed|monitored)\s+(?:\w+\s+){0,3}?for\s+(?:a\s+)?(?:(?:mean|median|"
    r"average)\s+"
    r"(?:of\s+)?)?(?:at\s+least\s+|up\s+to\s+)?(?P<value>\d+(?:\.\d+)?|" + _NUMBER + r")\s*(?P<unit>years?|"
    r"months?|weeks?|days?)\b"
)
_UNIT_FOLLOW_UP = re.compile(r"(?P<unit>year|month|week|day)s?[- ]follow[- ]?up\b")
_VALUE_BEFORE = re.compile(r"(?<![\w.])(?P<value>\d+(?:\.\d+)?|" + _NUMBER + r")[- ]$")
_PRIMARY = re.compile(
    r"\b(?:the\s+)?primary\s+(?:efficacy\s+|safety\s+|composite\s+)?(?:outcomes?|end[- ]?points?|measures?|"
    r"outcome\s+measures?)\s*(?:was|were|is|are|included|:|,)?\s*(?P<text>(?:[^.;]|\.(?=\d)){3,220})",
    re.I,
)
_ESTIMATE = re.compile(
    r"\b(?P<measure>adjusted\s+(?:odds|hazard|risk)\s+ratio|a?hr|a?or|a?rr|irr|odds\s+ratio|hazard\s+ratio|"
    r"risk\s+ratio|relative\s+risk|rate\s+ratio|mean\s+difference|md|smd|wmd|risk\s+difference|rd|"
    r"difference)\s*[,:=]?\s*(?:\(|of\s+|"
    r"was\s+)?\s*(?P<value>-?\d+(?:\.\d+)?)\s*%?\s*[,;(]?\s*(?P<level>9\d)\s*%\s*(?:ci|confidence\s+interval|"
    r"cri|credible\s+interval)\s*[,:=]?\s*\(?\s*(?P<low>-?\d+(?:\.\d+)?)\s*%?\s*"
    r"(?:to|-|–|,|;)\s*(?P<high>-?\d+(?:\.\d+)?)",
    re.I,
)
_REGISTRATIONS = re.compile(
    r"\b(?:NCT\d{8}|ChiCTR[-\s]?(?:[A-Z]{2,4}-)?\d{6,12}|ISRCTN\s?\d{8}|ACTRN\d{14}|EudraCT\s*(?:No\.?|"
    r"number)?\s*\d{4}-\d{6}-\d{2}|DRKS\d{8}|CRD\s?\d{11}|UMIN\d{9}|JPRN-[A-Za-z]+-?\d+|jRCT[a-z]?\d{10}|"
    r"IRCT\d{8,}N\d+|CTRI/\d{4}"
    r"/\d{2,3}/\d{6}|KCT\d{7}|NTR\d{3,5}|NL\d{4,5}|PACTR\d{15}|TCTR\d{11}|RBR-\w{6,8}|SLCTR/\d{4}/\d{3})\b",
    re.I,
)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right = text.find(". ", end)
    return text[left + 2 if left >= 0 else 0 : right if right >= 0 else len(text)]


def _quote(view: View, start: int, end: int, context: int = 25) -> str:
    return f'abstract: "{quote_span(view.abstract, view.low_abstract, start, end, context)}"'


_WHO_WORDS = frozenset(_WHO.split("|"))
_COUNT_BEFORE = re.compile(
    r"(?<![\w.,])(?P<n>"
    + _NUMBER
    + r")\s+(?P<mid>(?:(?!(?:for|of|in|with|and|or|per|to|from|at|by|on|the|a|an|than|"
    r"vs|versus)\b)[a-z][\w'-]*\s+){0,3}?)$"
)


def _noun_positions(low: str) -> list[tuple[int, str]]:
    """Where the participant nouns occur (whole words), found via the word set and ``str.find``."""
    tokens = TOKENS.get(low)
    words = _WHO_WORDS & tokens if tokens is not None else _WHO_WORDS
    positions = []
    for word in words:
        start = low.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not low[start - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                positions.append((start, word))
            start = low.find(word, end)
    return sorted(positions)


def participants(view: View) -> tuple[dict[str, Any], str] | None:
    """The number studied: the first count near an enrolment verb, else the first count of people/animals."""
    low = view.low_abstract
    if not low:
        return None
    best = None
    for noun_start, noun in _noun_positions(low):
        m = _COUNT_BEFORE.search(low, max(0, noun_start - 80), noun_start)
        if not m:
            continue
        n = number_value(m.group("n"))
        if n is None or n == 0:
            continue
        if n > 1800 and re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue  # "2019 patients" is usually a year
        end = noun_start + len(noun)
        score = 2 if _ENROLMENT.search(low[max(0, m.start() - 60) : end + 20]) else 1
        original = view.abstract if len(view.abstract) == len(low) else low
        what = " ".join(original[m.start("mid") : end].split())
        if best is None or score > best[0]:
            best = (score, n, what, m.start(), end)
            if score == 2:
                break
    if best is None:
        m = _N_EQUALS.search(low) if "n" in low and "=" in low else None
        if not m:
            return None
        value = int(m.group(1).replace(",", ""))
        return {"n": value, "what": "participants (n=)"}, _quote(view, m.start(), m.end())
    _, n, what, start, end = best
    return {"n": n, "what": what}, _quote(view, start, end)


def studies(view: View) -> tuple[dict[str, Any], str] | None:
    m = _STUDIES.search(view.abstract)
    if not m:
        return None
    n = number_value(m.group("n"))
    if not n:
        return None
    return {"n": n}, _quote(view, m.start(), m.end())


def follow_up(view: View) -> tuple[dict[str, Any], str] | None:
    low = view.low_abstract
    if "follow" not in low and " for " not in low:
        return None
    found: list[tuple[int, int, str, str]] = []  # (start, end, value, unit)
    m = _FOLLOW_UP.search(low) if "follow" in low else None
    if m:
        prefix = _FOLLOW_UP_PREFIX.search(low, max(0, m.start() - 40), m.start())
        found.append((prefix.start() if prefix else m.start(), m.end(), m.group("value"), m.group("unit")))
    m = _FOLLOWED_FOR.search(low)
    if m:
        found.append((m.start(), m.end(), m.group("value"), m.group("unit")))
    for m in _UNIT_FOLLOW_UP.finditer(low):
        value = _VALUE_BEFORE.search(low, max(0, m.start() - 20), m.start())
        if value:
            found.append((value.start(), m.end(), value.group("value"), m.group("unit")))
            break
    if not found:
        return None
    start, end, raw, unit = min(found)
    value: float | int | None
    try:
        value = float(raw) if "." in raw else int(raw)
    except ValueError:
        value = number_value(raw)
    if value is None:
        return None
    unit = {
        "yr": "years",
        "yrs": "years",
        "mo": "months",
        "year": "years",
        "month": "months",
        "week": "weeks",
        "day": "days",
    }.get(unit, unit)
    text = " ".join(view.abstract[start:end].split()) if len(view.abstract) == len(low) else low[start:end]
    return {"text": text, "value": value, "unit": unit}, _quote(view, start, end, 10)


def primary_outcome(view: View) -> tuple[dict[str, Any], str] | None:
    if "primary" not in view.low_abstract:
        return None
    text = view.abstract
    m = _PRIMARY.search(text)
    if not m:
        return None
    outcome_text = m.group("text")
    cut = _ESTIMATE.search(outcome_text)
    if cut:  # "collapse, HR 0.62 (95% CI …)": the outcome is the words before the estimate
        outcome_text = outcome_text[: cut.start()]
    outcome_text = " ".join(outcome_text.split()).strip(" ,:(")
    if len(outcome_text) < 3:
        return None
    result: dict[str, Any] = {"text": outcome_text}
    # An estimate counts only inside a sentence that names the primary outcome/end point.
    for pm in _PRIMARY.finditer(text):
        sentence = _sentence(text, pm.start(), pm.end())
        em = _ESTIMATE.search(sentence)
        if em:
            result["estimate"] = {"measure": _measure(em.group("measure")), "value": float(em.group("value"))}
            result["ci"] = {
                "level": int(em.group("level")),
                "low": float(em.group("low")),
                "high": float(em.group("high")),
            }
            break
    return result, _quote(view, m.start(), m.end(), 0)


def _measure(raw: str) -> str:
    key = " ".join(raw.lower().split())
    return {
        "odds ratio": "OR",
        "hazard ratio": "HR",
        "risk ratio": "RR",
        "relative risk": "RR",
        "rate ratio": "rate ratio",
        "mean difference": "MD",
        "risk difference": "RD",
        "adjusted odds ratio": "aOR",
        "adjusted hazard ratio": "aHR",
        "adjusted risk ratio": "aRR",
        "ahr": "aHR",
        "aor": "aOR",
        "arr": "aRR",
    }.get(key, raw.upper() if len(raw) <= 4 else raw)


# Every registry id starts with one of these (lower-cased): a substring test first, because ``in`` is far
# cheaper than a regex search and almost no text holds any of them; the regex only checks what follows.
_REGISTRY_HINTS = tuple(
    (literal, re.compile(re.escape(literal) + rest) if rest else None)
    for literal, rest in (
        ("nct", r"\d"),
        ("chictr", ""),
        ("isrctn", ""),
        ("actrn", ""),
        ("eudract", ""),
        ("drks", r"\d"),
        ("crd", r"\s?\d"),
        ("umin", r"\d"),
        ("jprn", ""),
        ("jrct", ""),
        ("irct", r"\d"),
        ("ctri/", ""),
        ("kct", r"\d"),
        ("ntr", r"\d"),
        ("nl", r"\d{4}"),
        ("pactr", ""),
        ("tctr", ""),
        ("rbr-", ""),
        ("slctr", ""),
    )
)


def _registry_hint(text: str) -> bool:
    for literal, regex in _REGISTRY_HINTS:
        if literal in text and (regex is None or regex.search(text)):
            return True
    return False


def registrations(view: View) -> tuple[list[str], str] | None:
    extra_ids = str(view.extra.get("nct_id") or "") + " ".join(
        map(str, view.extra.get("registrations") or [])
    )
    if not extra_ids and not _registry_hint(view.low_text) and not _registry_hint(view.low_keywords):
        return None
    found: list[str] = []
    for source in (
        view.abstract,
        view.title,
        " ".join(view.keywords),
        str(view.extra.get("nct_id") or ""),
        " ".join(str(v) for v in view.extra.get("registrations", []) or []),
    ):
        for m in _REGISTRATIONS.finditer(source or ""):
            rid = re.sub(r"\s+", "", m.group(0))
            if rid.upper().startswith("EUDRACT"):
                rid = "EudraCT " + re.sub(r"^eudract(?:no\.?|number)?", "", rid, flags=re.I)
            if rid not in found:
                found.append(rid)
    if not found:
        return None
    return found, "registration ids as written in the record"


#: Designs that are not registered as trials or reviews: their registration ids are not looked for.
_UNREGISTERED = frozenset(
    {"animal", "in_vitro", "bioinformatics", "commentary", "erratum", "retraction_notice"}
)

_EXTRACTORS = (
    ("participants", participants),
    ("studies", studies),
    ("follow_up", follow_up),
    ("primary_outcome", primary_outcome),
    ("registrations", registrations),
)


def key_numbers(view: View, study_type: str | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """(numbers, why) — ``why`` keys are ``key_numbers.<name>``."""
    numbers: dict[str, Any] = {}
    why: dict[str, str] = {}
    for name, extract in _EXTRACTORS:
        if name == "studies" and study_type not in {"meta_analysis", "systematic_review", "scoping_review"}:
            continue
        if name == "participants" and study_type in {"commentary", "erratum", "retraction_notice"}:
            continue
        if name == "registrations" and study_type in _UNREGISTERED:
            continue
        result = extract(view)
        if result is None:
            continue
        value, evidence = result
        numbers[name] = value
        why[f"key_numbers.{name}"] = evidence
    return numbers, why
