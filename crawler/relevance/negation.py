"""NegEx-style negation: is an occurrence denied within its clause?

After Chapman et al.'s NegEx (2001): a negation trigger before the term ("no", "without", "absence of",
"no evidence of") or after it ("was not observed", "did not occur", "was ruled out") negates it when no more
than a few words lie between them and no clause boundary ("but", "however", ";") does. Pseudo-triggers
("no significant", "did not differ", "without affecting", "did not prevent") look like negations but deny
a comparison or an effect, not the condition, so they never negate: "Trpm8 was not required for
cold-induced bone loss" is still about bone loss.

Texts here are lower-cased and accent-free.
"""

from __future__ import annotations

import re

_WINDOW = 6  # words between a trigger and the term

_PRE = re.compile(
    r"\b(?:no(?:\s+(?:evidence|signs?|symptoms?|cases?|history|case|patients?|radiographic|clinical|"
    r"radiological|further|other)(?:\s+(?:or\s+symptoms\s+)?of)?)?|not|without|absence\s+of|absent|free\s+of|"
    r"negative\s+for|ruled\s+out|rule\s+out|excluding|exclusion\s+of|lack\s+of|neither|nor|none\s+of\s+the\s+"
    r"\w+\s+(?:had|developed|showed)|did\s+not\s+(?:develop|have|show|experience|reveal|demonstrate|"
    r"present\s+with)|never\s+(?:developed|had)|free\s+from|"
    # What another disease was taken for is denied as well ("Multiple epiphyseal dysplasia mistaken for
    # bilateral Perthes' disease", "myeloma initially misdiagnosed as osteoporosis").
    r"mistaken\s+for|misdiagnosed\s+as|misinterpreted\s+as|masquerading\s+as|"
    # ... and what a disease is to be told apart from ("… to be distinguished from Legg-Calve-Perthes
    # disease").
    r"distinguished\s+from|differentiated\s+from|distinction\s+from|differentiation\s+from)\b"
)
_POST = re.compile(
    r"\b(?:(?:was|were|is|are|has\s+been|have\s+been)\s+(?:not\s+(?:observed|seen|found|detected|noted|present|"
    r"identified|encountered|reported|evident|required|recorded|diagnosed)|absent|excluded|ruled\s+out)|"
    r"(?:did|does|do)\s+not\s+(?:occur|develop|appear|arise)|not\s+(?:observed|seen|detected|found))\b"
)
_PSEUDO = re.compile(
    r"\b(?:no|not|without)\s+(?:(?:statistically\s+)?significant(?:ly)?|difference|differences|change|changes|"
    r"increase|decrease|effect|effects|association|correlation|relationship|further|longer|only|necessarily|"
    r"consensus|specific|clear|limited\s+to|restricted\s+to|affect(?:ing)?|alter(?:ing)?|chang(?:e|ing)|increas(?:e|ing)|"
    r"decreas(?:e|ing)|compromis(?:e|ing)|influenc(?:e|ing)|improv(?:e|ing)|reduc(?:e|ing)|"
    r"prevent(?:ing)?|predict(?:ing)?|differ|associated|correlated|related|requir(?:e|ed|ing)\s+for)\b|"
    r"\bdid\s+not\s+(?:differ|affect|alter|change|influence|improve|reduce|prevent|predict|increase|decrease|"
    r"reach|modify)\b|\bwhether\s+or\s+not\b|\bgram[- ]negative\b"
)
#: Words that close a negation's scope.
_BOUNDARY = re.compile(r"[.;:!?]|\b(?:but|however|although|though|whereas|while|except|yet|which|who|whom)\b")
_WORD = re.compile(r"[a-z0-9]+")


def negation(text: str, start: int, end: int) -> str:
    """The trigger that negates ``text[start:end]`` (lower-cased), or "" when it is not negated."""
    before = text[max(0, start - 120) : start]
    for match in reversed(list(_PRE.finditer(before))):
        between = before[match.end() :]
        if _BOUNDARY.search(between) or len(_WORD.findall(between)) > _WINDOW:
            break
        if not _pseudo(text, max(0, start - 120) + match.start()):
            return match.group(0)
        break
    after = text[end : end + 120]
    post = _POST.search(after)
    if post:
        between = after[: post.start()]
        if not _BOUNDARY.search(between) and len(_WORD.findall(between)) <= _WINDOW:
            return post.group(0)
    return ""


def _pseudo(text: str, trigger_start: int) -> bool:
    """Whether the trigger at ``trigger_start`` is part of a pseudo-negation ("no significant …", "did not
    prevent …", whose "did" precedes the trigger "not")."""
    for match in _PSEUDO.finditer(text, max(0, trigger_start - 5), trigger_start + 60):
        if match.start() <= trigger_start < match.end():
            return True
    return False
