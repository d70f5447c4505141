"""The key takeaway of an abstract: the authors' own concluding words, verbatim, at most 400 characters.

Where the abstract has a "Conclusion(s)" (or "Interpretation", "Implications") section, marked up or a heading
left in the running text, its first sentences up to the next heading;
otherwise the last sentence(s) of the abstract that state a finding ("In conclusion …", "These results
suggest …", "… was associated with …"), read from the end, because abstracts end on what they found; failing
those, for a study of people or a case report, its last sentence, unless it states the aim, the method or a
plan (a review's or a laboratory paper's last sentence says what it covers, and is not quoted). A closing
sentence that says nothing of what was found ("Further research is needed") or adds to the one before it
("Moreover, …") is quoted with the finding before it, when both fit. A
sentence is never cut inside: when even one sentence is longer than the limit, its first clauses up to a
clause boundary are kept and marked with "…"; when none fits, there is no takeaway rather than a broken one.
"""

from __future__ import annotations

import re

from osteodigest.crawler.tagging.cues import Phrases as _Opening
from osteodigest.crawler.tagging.view import View

MAX_CHARS = 400
_TAIL = 1500
_CONCLUSION_LABELS = re.compile(
    r"^(?:conclusions?|interpretations?|implications?(?: for [\w ]+)?|conclusions? and relevance|"
    # (Not Spine's "SUMMARY OF BACKGROUND DATA": bulk train records quoted their background as the takeaway.)
    r"conclusions? and implications|summary(?! (?:of )?background)|significance|clinical relevance|"
    r"main conclusions?|"
    r"major conclusions?|discussion and conclusions?|results and conclusions?|"
    # Cochrane's "AUTHORS' CONCLUSIONS", "DISCUSSION/CONCLUSION", "KEY FINDINGS AND CONCLUSIONS", and the
    # misspelt "CONCLUSIOS", "CONCLUTION", "CONCLUDE" (bulk train records: read from the abstract's end
    # instead, where the later "Trials should be designed …" or "It is therefore recommended …" was quoted).
    r"authors'? conclusions?|discussion ?/ ?conclusions?|key findings and conclusions?|conclu\w*)\b",
    re.I,
)
#: A sentence ends at white space after ".", "!" or "?" and before a capital, a digit or an opening
#: bracket or quote. The stop is matched too (a pattern opening with a look-behind is tried at every
#: position of the text, one opening with a character class jumps to the candidates); only the white
#: space (group 1) separates.
_SENTENCE_END = re.compile(r"[.!?](\s+)(?=[A-Z0-9(\[\"“])")
#: Headings a source may leave in the running text ("… eyes. Conclusion: According to OCTA, …",
#: "… SIGNIFICANCE: These findings …", "Conclusions and relevance: …"): a concluding sentence starts with one
#: (:data:`_CONCLUDING`), and the takeaway never quotes it (:data:`_INLINE_LABEL`).
_HEADING = (
    r"(?:conclusions?|interpretations?)(?:\s+and\s+(?:implications?|relevance|clinical relevance))?|"
    r"conclusions?\s+for\s+practice|(?:statement\s+of\s+)?significance|clinical relevance"
)
_CONCLUDING = re.compile(
    r"^(?:(?:in conclusion|in summary|to conclude|taken together|overall|collectively|together|thus|"
    r"therefore|hence|in sum|our (?:findings|results|data|study)|"
    r"these (?:findings|results|data|observations)|"
    r"this (?:study|review|meta-analysis|trial|analysis|work|case|report) (?:shows|showed|suggests|"
    r"demonstrates|demonstrated|indicates|found|highlights|provides|confirms|supports)|we conclude|"
    r"we (?:found|show|showed|demonstrate|demonstrated))\b|"
    rf"(?:{_HEADING})\s*:)",
    re.I,
)


_FINDING = _Opening(
    r"\b(?:suggest|suggests|suggested|suggesting|indicate|indicates|indicated|indicating|show|shows|showed|"
    r"shown|showing|demonstrate|demonstrates|demonstrated|demonstrating|reveal|reveals|revealed|revealing|"
    r"conclude|concluded|found|find|associated with|increased|"
    r"decreased|reduced|improved|effective|safe|may|might|should|could|support|supports|highlight|"
    r"highlights|confirm|confirms|is needed|are needed|warranted|recommend|recommended|no (?:significant )?"
    r"(?:differences?|associations?|effects?))\b",
)
#: Weaker signs of a finding, asked only where no sentence of the tail has a stronger one (an abstract
#: that ends "… was significantly higher …" or "Our studies expand the mutation landscape …" had no
#: takeaway: 2,521 of the bulk file's 18,367 abstracts of 200 characters or more). Tried after the
#: strong phrases, so no takeaway found by those moves.
_WEAK_FINDING = _Opening(
    r"\b(?:significantly|consistent with|expand|expands|expanded|potential (?:to|of|for|as|in)|promising|"
    r"identified|contribute|contributes|contributed|enable|enables|enabled|needed|confirmed|achieved|"
    r"(?:the )?first (?:time|report|study|description)|"
    r"(?:higher|lower|greater|better|worse) than|"
    r"(?:was|were|is|are) (?:higher|lower|greater|better|worse|superior|inferior|similar|comparable)|"
    r"(?:provide|provides|provided) (?:\w+ ){0,2}(?:evidence|insights?)|"
    # A claim without a verb of showing: "… were more likely to endorse trauma", "is a valuable complementary
    # tool", "proved" (not "biopsy-proven"), "underscores how", "calls for urgent actions". Not "is
    # important", "plays a role": reviews' background says those.
    r"(?:more|less) likely|(?:is|are|was|were|be) (?:a |an )?(?:\w+ )?(?:useful|valuable|reliable|feasible|"
    r"beneficial|accurate|robust)|successfully|proved|underscores?|underlines?|calls? for)\b|"
    # A result given as a share ("Technical success was 90% with no associated mortality").
    r"\b(?:was|were) (?:\w+ )?\d+(?:\.\d+)? ?%|"
    # "As hypothesized, participative leadership predicted …", "The automated procedure … allowed the most
    # rigorous cell quantification", "… can be used for various types of tissues" (takeaway audit, round 1).
    r"\bas (?:hypothesi[sz]ed|expected|predicted)\b|\ballowed (?:the|a|an|for)\b|\bcan be used\b|"
    # "Dominant males had higher testosterone levels" (takeaway audit, round 1).
    r"(?<!\bto )\b(?:had|has) (?:significantly )?(?:higher|lower|greater|fewer|more|less|better|worse)\b",
)
#: An author's closing claim, where no sentence of the tail states a finding in the words above: a review's
#: or a laboratory paper's "The major conclusion is that this field is poorly understood …", "We hypothesize
#: that …", "… remains elusive", "This study paves the way for …". Tried last, so no takeaway found by the
#: other phrases moves (read on the bulk file, a claim after a result sentence is the weaker takeaway).
_CLAIM = _Opening(
    r"\b(?:(?:main|major|overall) conclusion|we (?:hypothesi[sz]e|argue|propose) that|we argue for|"
    r"remains? (?:\w+ )?(?:unclear|unknown|poorly understood|controversial|elusive)|"
    r"(?:sheds|(?:results|findings|data|work|study) (?:\w+ ){0,2}shed) (?:new )?light on|"
    r"(?:this|our|the present|the current) (?:\w+ ){0,3}(?:study|work|analysis|approach|method|model) "
    r"(?:\w+ ){0,2}(?:identifies|paves the way))\b",
)
_CLAUSE = re.compile(r"[;,:]\s")
#: A heading left inside the text: the rest of a split one ("CONCLUSION: and Implications: …") or one the
#: source did not mark up ("… Conclusion: Clinical and radiological …"). It is not the authors' finding.
_INLINE_LABEL = re.compile(
    rf"^(?:(?:and|&)\s+(?:implications?|relevance|clinical relevance|significance)|{_HEADING}|"
    # "Practitioner summary:", "Lay summary:", "Plain language summary:" opening the last sentences.
    r"(?:[a-z]+\s+){0,2}?summary(?:\s+and\s+(?:implications?|relevance|clinical relevance))?|discussion|"
    # The conclusion headings of abstracts in other languages ("Conclusiones: encontramos …").
    r"conclusiones|conclus[õo]es|conclusioni|schlussfolgerung(?:en)?|fazit)\s*:\s*",
    re.I,
)
#: A conclusion heading the source left in the running text, whether or not a sentence ends before it
#: ("… treatments on MSU CONCLUSION: About one third …", "… videoconference.Implications: Results speak …"):
#: what follows the last one is the conclusion section, as a marked-up one would be. Capitalised only: a
#: heading, not a noun in a sentence. Not the second half of a joint heading ("RESULTS & CONCLUSION: The main
#: results were …": results come first), nor "Implications for practice:" (a lay summary that opens on the
#: background).
_INLINE_CONCLUSION = re.compile(
    # After "/" too: "… between the 5% urea and 20% DISCUSSION/CONCLUSION: The conclusion drawn was …" (train
    # record 34090765, whose last sentence ran into the heading). "Conclusions for practice:" is one.
    r"(?:^|(?<=[\s.!?;)\]/]))(?<!& )(?<!and )(?<!AND )(?:(?:CONCLUSIONS?|Conclusions?)\s+(?:FOR|for|For)\s+"
    r"(?:PRACTICE|practice|Practice)|(?:CONCLUSIONS?|Conclusions?|INTERPRETATIONS?|Interpretations?|"
    r"IMPLICATIONS?|Implications?)(?:\s+(?:and|AND|&)\s+[\w-]+(?:\s+[\w-]+)?)?)\s*:\s*"
)
_INLINE_CONCLUSION_WORDS = ("conclusion", "interpretation", "implication")
#: The next heading left in the running text after a conclusion ("… 600 mg per day.Trial Registration: …",
#: "… PHN. Ethics and Dissemination: …", "What is New: …"): one to four capitalised words and a colon opening
#: a sentence. The conclusion ends there.
_HEADING_WORDS = r"[A-Z][A-Za-z]*(?:\s+[A-Za-z]+){0,3}\s*:\s"
_NEXT_HEADING = re.compile(r"(?<=[.!?])\s*" + _HEADING_WORDS)
#: ... as it opens a later sentence of the takeaway ("… to chemotherapy. IMPLICATIONS FOR PRACTICE: The
#: majority of …"): the quote ends before it.
_HEADING_OPENS = re.compile(_HEADING_WORDS)
#: Endings that are not a finding: registrations, funding, copyright lines.
_NOT_FINDING = _Opening(
    # "registered" of a trial, not of nurses ("substitution for registered nurses is not recommended").
    r"\b(?:registration|(?:prospectively |retrospectively )?registered (?:at|with|in|on|under|as)\b|"
    r"clinicaltrials\.gov|trial number|nct\d|funding|funded by|copyright|"
    r"all rights reserved|level of evidence|prospero|crd\d|inplasy\d*|"
    r"supplementary (?:data|information|material)|"
    r"available (?:at|from|online|on request)|https?://|github|source code|"
    # The journal's citation line some publishers end an abstract with ("J Orthop Sports Phys Ther
    # 2021;51(6):298-304. Epub 10 May 2021. doi:10.2519/jospt.2021.9735.", train records 33971732, 33870736).
    r"doi:\s?10\.|doi\.org|epub (?:\d+|ahead)|(?:19|20)\d\d;\s?\d+\s?\(\d+\):)\b",
)


def sentences(text: str) -> list[str]:
    text = text.strip()
    parts, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        parts.append(text[pos : m.start(1)])
        pos = m.end(1)
    parts.append(text[pos:])
    return [s.strip() for s in parts if s.strip()]


#: Studies of people (and case reports) state their conclusion or lesson in their abstract's last sentence
#: ("Prompt recognition … is central to the management of HE.", "Close monitoring … was necessary."),
#: whatever words it uses, so it is their takeaway when no sentence has a finding's words. Not reviews,
#: commentaries, laboratory and animal work or "other": read on the bulk file, their last sentences often
#: say what the article covers or how a method works ("It also covers challenges …", "a protocol … is
#: outlined below").
REPORTS_OWN_RESULTS = frozenset(
    {
        "rct",
        "nonrandomised_trial",
        "cohort",
        "case_control",
        "cross_sectional",
        "case_series",
        "case_report",
        "diagnostic_accuracy",
        "prediction_model",
        "economic_evaluation",
        "qualitative",
    }
)
#: A last sentence that states the aim or the method instead of a result ("The aim of this study is to
#: report …", "In this study, we describe …"): no takeaway rather than that.
_AIM_OR_METHOD = re.compile(
    r"^(?:the )?(?:main |primary )?(?:aims?|purposes?|objectives?|goals?) of\b|"
    r"^(?:this|the present|the current|our) (?:study|work|paper|article|report|review|analysis) "
    r"(?:aims?|aimed|was designed|is designed|describes|presents|reports on|will)\b|"
    r"^(?:(?:here|in this (?:report|case report|paper|article)),? )?we (?:aim|aimed|sought|set out|describe|"
    r"present|propose|report|will|have released|release)\b|"
    r"^in this (?:study|paper|article|work)\b|"
    # A plan, an outline or a pointer: "Secondary outcomes include …", "This review intends to …", "An
    # example … is presented for illustration", "The updates … can be accessed at [2]".
    r"\b(?:will|intends?|includes?|covers?|outlined|(?:is|are) (?:presented|discussed|provided)|"
    r"can be (?:accessed|found|downloaded)|was used for|in this chapter|we (?:also )?(?:present|describe|"
    r"discuss)|"
    # A method in the passive: "Stride parameters … were calculated using Visual 3D".
    r"(?:was|were) (?:calculated|measured|determined|evaluated|assessed|recorded|collected) (?:using|with|by|"
    r"from|at|after))\b",
    re.I,
)


def takeaway(view: View, limit: int = MAX_CHARS, study_type: str | None = None) -> str | None:
    """The abstract's takeaway (see the module docstring); None when it states no finding. ``study_type``:
    the design tagged, which decides whether the last sentence may stand for the conclusion
    (:data:`REPORTS_OWN_RESULTS`)."""
    for text in _conclusion_sections(view):
        # A stray separator left by the source's markup is not part of the authors' words.
        found = _fit(sentences(_authors_words(text).lstrip(" .;:,")), limit)
        if found:
            return found
    abstract = _authors_words(_without_closing_sections(view))
    if not abstract or len(abstract) < 80:
        return None
    tail_start = max(0, len(abstract) - _TAIL)
    # The pattern has no literal for ``re`` to skip to: it runs only where one of its words occurs.
    low_tail = abstract[tail_start:].lower()
    headings = (
        list(_INLINE_CONCLUSION.finditer(abstract, tail_start))
        if any(word in low_tail for word in _INLINE_CONCLUSION_WORDS)
        else []
    )
    if headings:
        heading = headings[-1]
        conclusion = abstract[heading.end() :]
        following = _NEXT_HEADING.search(conclusion)
        found = _fit(sentences(conclusion[: following.start()] if following else conclusion), limit)
        if found:
            return found
    # Only the end is read: splitting a long abstract whole costs more than tagging the rest of it.
    window = abstract if len(abstract) <= _TAIL else abstract[-_TAIL:]
    parts = sentences(window)
    if window is not abstract:
        parts = parts[1:]  # the first piece may start mid-sentence
        if len(parts) < 2:  # a very long last sentence: read the whole abstract after all
            parts = sentences(abstract)
    if len(parts) < 2:
        return None
    tail = parts[-3:]
    # The concluding sentence, from the end: its own marker first, then any sentence stating a finding.
    for i in range(len(tail) - 1, -1, -1):
        if _CONCLUDING.match(tail[i]) and not _NOT_FINDING.occurs(tail[i]):
            return _fit(tail[_with_its_finding(tail, i, limit) :], limit)
    for finding in (_FINDING, _WEAK_FINDING):
        for i in range(len(tail) - 1, -1, -1):
            if finding.occurs(tail[i]) and not _NOT_FINDING.occurs(tail[i]):
                return _fit(tail[_with_its_finding(tail, i, limit) :], limit)
    for i in range(len(tail) - 1, -1, -1):
        if _CLAIM.occurs(tail[i]) and not _NOT_FINDING.occurs(tail[i]):
            # The claim, without a statement of scope after it ("This review was designed to …").
            end = next((j for j in range(i + 1, len(tail)) if _AIM_OR_METHOD.search(tail[j])), len(tail))
            return _fit(tail[i:end], limit)
    if study_type in REPORTS_OWN_RESULTS:
        for last in reversed(tail):
            if _NOT_FINDING.occurs(last) or _DISCUSSED.search(last):
                # A registration or a copyright line after the conclusion, or the closing "Implications for
                # research, theory, and practice are discussed" after the finding (takeaway audit, round 1).
                continue
            if _AIM_OR_METHOD.search(last) or last.endswith("?") or len(last) < 40:
                return None
            return _fit([last], limit)
    return None


#: A sentence that says nothing of what was found, closing on the finding before it: "In sum, our analyses
#: provide novel insights into …", "Together these findings are informative for …", "Further research is
#: needed" (train takeaway audit, round 1: quoted alone three times).
_EMPTY = re.compile(
    r"\b(?:provides?|offers?|gives?|yields?) (?:\w+ ){0,2}?(?:insights?|perspectives?)\b|"
    r"\b(?:are|is) (?:\w+ )?informative\b|"
    r"^(?:\w+ ){0,3}?(?:further|more|future|additional|larger) (?:\w+ ){0,2}?(?:research|studies|work|trials|"
    r"investigations?) (?:\w+ ){0,2}?(?:is|are) (?:\w+ )?(?:needed|warranted|required|necessary)\b",
    re.I,
)
#: A sentence that adds to the one before it, which states the main point: "Moreover, our model identifies
#: …", "In this context, other biomarkers … are of limited clinical utility" after "IL-6 can be used to
#: predict a positive blood culture …" (takeaway audit, round 1), "This could play an important role in …".
_ADDS_TO_THE_LAST = re.compile(
    r"^(?:moreover|furthermore|in addition|additionally|also|besides|likewise|similarly|in this context|"
    r"in this regard)\b|^(?:this|it) (?:could|may|might|would|can|suggests|implies|indicates)\b",
    re.I,
)
#: A closing statement that the article discusses something: "Implications for practice are discussed".
_DISCUSSED = re.compile(r"\b(?:is|are) (?:also |further |briefly )?discussed\.?$", re.I)


def _with_its_finding(tail: list[str], i: int, limit: int) -> int:
    """Where the takeaway starts when ``tail[i]`` was chosen: one sentence earlier when the chosen one says
    nothing of what was found or adds to the sentence before it, that sentence states a finding, and both
    fit in ``limit`` (else the chosen one alone, as before)."""
    chosen = tail[i]
    if i == 0 or not (_ADDS_TO_THE_LAST.match(chosen) or (len(chosen) < 200 and _EMPTY.search(chosen))):
        return i
    before = tail[i - 1]
    if (
        _NOT_FINDING.occurs(before)
        or _AIM_OR_METHOD.search(before)
        or not (_FINDING.occurs(before) or _WEAK_FINDING.occurs(before))
        or len(" ".join(tail[i - 1 :])) > limit
    ):
        return i
    return i - 1


#: Words that name the conclusion itself, not a summary or the work's significance.
_NAMES_THE_CONCLUSION = re.compile(r"conclu|interpretation", re.I)
#: A summary opening the abstract is the abstract itself (Bioinformatics' "Summary:" before "Availability and
#: implementation:"), quoted as before; a significance or implications section there is the background.
_SUMMARY = re.compile(r"summary\b", re.I)


def _conclusion_sections(view: View) -> list[str]:
    """The texts of the sections that may hold the conclusion, best first: those named a conclusion, then
    the others (summary, significance, implications), unless one other than a summary opens the abstract:
    "SIGNIFICANCE: Although it is a requirement that … we evaluated predictors of attrition" states why the
    study was done, and its "CONCLUSIONS:" come last (train takeaway audit, round 4: the opening was
    quoted)."""
    found = [
        (i, label, text)
        for i, (label, text) in enumerate(view.sections)
        if _CONCLUSION_LABELS.match(label.strip()) and text.strip(" .;:,")
    ]
    named = [text for _, label, text in found if _NAMES_THE_CONCLUSION.search(label)]
    others = [
        text
        for i, label, text in found
        if not _NAMES_THE_CONCLUSION.search(label) and (i > 0 or _SUMMARY.match(label.strip()))
    ]
    return named + others


#: Sections that close a structured abstract without a finding: where the source's labels are dropped from
#: the running text, "… information. http://… . Supplementary data are available …" would run into the last
#: finding (a lower-case link after the stop starts no sentence) and hide it.
_CLOSING_SECTIONS = re.compile(
    r"^(?:availability|supplementary|(?:clinical )?trial regist(?:ration|ry)|registration|registry|funding|"
    r"keywords?|"
    r"conflicts? of interest|data availability|abbreviations|level of evidence|prospero)",
    re.I,
)


def _without_closing_sections(view: View) -> str:
    """The abstract without its closing administrative sections (links, registrations, funding)."""
    sections = view.sections
    end = len(sections)
    while end and _CLOSING_SECTIONS.match(sections[end - 1][0]):
        end -= 1
    if end == len(sections):
        return view.abstract
    return " ".join(text for _, text in sections[:end] if text)


def _authors_words(text: str) -> str:
    """``text`` without a publisher's closing line: "… fibrosis. © 2021 The Authors. Published by …" runs
    into the last sentence (no capital after the stop), in a conclusion section as in a plain abstract."""
    return text.partition("©")[0].rstrip()


def _fit(parts: list[str], limit: int) -> str | None:
    """Whole sentences from the first, while they fit; else the first sentence's leading clauses."""
    if parts:  # a heading before the first sentence is not the authors' words; later ones stay (verbatim)
        parts = [first for first in [_INLINE_LABEL.sub("", parts[0])] if first] + parts[1:]
    kept: list[str] = []
    size = 0
    for part in parts:
        if _NOT_FINDING.occurs(part) or (kept and (_HEADING_OPENS.match(part) or _DISCUSSED.search(part))):
            # A registration or copyright line, the next heading left in the running text, or a closing "…
            # are discussed" after the finding.
            break
        if size + len(part) + (1 if kept else 0) > limit:
            break
        kept.append(part)
        size += len(part) + (1 if len(kept) > 1 else 0)
    if kept:
        return " ".join(kept)
    if not parts:
        return None
    first = parts[0]
    cut = None
    for m in _CLAUSE.finditer(first):
        if m.start() + 1 > limit - 1:
            break
        cut = m.start()
    if cut is None or cut < 40:
        return None
    return first[:cut].rstrip() + " …"
