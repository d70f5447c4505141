"""How an abstract was written, read back: the sections of a structured abstract whose headings a source
wrote into its text, and a title run together with its abstract.

Why one module: feeds, publishers' pages, Crossref exports and the datasets given to ``osteodigest tag``
give the same abstract in more forms than PubMed's XML does ("BACKGROUND: …", "Background: …", a heading on
a line of its own, "BACKGROUND Bone loss …", a title and abstract as one "text"). Every reader of an abstract
(the tagger's view, the relevance stage, the digest item, the MEDLINE text reader, ``osteodigest tag``)
reads them back here, so one abstract reads alike whichever form it came in
(``benchmarks/input_forms.py`` measures that).
"""

from __future__ import annotations

import re

#: A structured abstract's heading written into the running text, as PubMed prints it: upper case, then
#: ": " ("BACKGROUND: …", "MATERIALS AND METHODS: …"); matched on the text just before a colon.
_UPPER_LABEL = re.compile(r"(?<!\S)([A-Z][A-Z0-9 ,&/()'-]{1,58}[A-Z)])\Z")
#: ... or as most journals and exports print it: a capital, then a few words, then ": " ("Background: …",
#: "Materials and methods: …", "Design, Setting, and Participants: …").
_TITLE_LABEL = re.compile(r"(?<!\S)([A-Z][a-z']+(?:(?:[ -]|, | ?[/&] ?)(?:[a-z']+|[A-Z][a-z']+)){0,5})\Z")
#: The longest label looked for (characters before the colon).
_LABEL_CHARS = 60
#: A heading alone on its line, a colon or not.
_LINE_HEADING = re.compile(r"(?m)^[ \t]*([A-Za-z][A-Za-z ,&/'-]{1,58}?)[ \t]*:?[ \t]*\n")
#: A heading in capitals without a colon, before a sentence's first word ("METHODS We randomly …").
_BARE_UPPER = re.compile(r"(?:^|(?<=\s))([A-Z]{3,}(?:[ /&-]+[A-Z]{2,}){0,4})(?:\s+[.:])?\s+(?=[A-Z0-9(])")
#: A heading glued to the first word of its text, at the start, a line's start or after a sentence's end.
_GLUED_HEADING = re.compile(
    r"(?:^|(?<=[.!?)\]]\s)|(?<=\n))"
    # "Research QuestionHow …", "ResultsIL-4 …" (title case, before any capital); "BACKGROUNDJuvenile …"
    # (capitals, before a capitalised word).
    r"((?:[A-Z][a-z]+(?:[ /&-]+[A-Za-z][a-z]+)*?)(?=[A-Z])"
    r"|(?:[A-Z]{3,}?(?:[ /&-]+[A-Z]{2,}?)*?)(?=[A-Z][a-z]))"
)
#: A few such headings, looked for before the pattern (a cheaper search).
_GLUED_ANY = re.compile(
    r"(?:Background|Methods?|Results|Conclusions?|Objectives?|Introduction|BACKGROUND|METHODS|RESULTS)[A-Z]"
)
#: The most words of a line taken for a heading, besides the named ones.
_LINE_WORDS = 4
#: Words that start nearly every abstract structured in capitals: looked for before the pattern, at the
#: cost of a substring search.
_BARE_UPPER_WORDS = ("METHOD", "RESULT", "CONCLU", "BACKGROUND", "PURPOSE", "OBJECTIVE", "INTRODUCTION")
#: Any capitalised phrase before a colon is no heading ("Patient 1: …", "The results were as follows: …"):
#: headings are words that name a part of an abstract, and an abstract is read as structured only when it
#: has two of them (or opens with a heading in upper case, as PubMed's one-section abstracts do). Within
#: it, other short phrases after a sentence's end (two words, or all capitalised: "Ethnopharmacological
#: relevance", "Statistical Analysis Used") are headings too.
_HEADING_WORDS = re.compile(
    r"(?i)^(?:(?:and|&|/|of|the|for|to|study|main|outcome|outcomes|measures?|primary|secondary|clinical|"
    r"key|background|introduction|context|rationale|importance|objectives?|aims?|purpose|goals?|"
    r"hypothes[ie]s|questions?|methods?|methodology|materials?|design|settings?|participants?|"
    r"patients?|subjects?|population|interventions?|exposures?|measurements?|procedures?|data|sources?|"
    r"selection|extraction|collection|synthesis|analysis|statistical|eligibility|criteria|search|"
    r"strategy|results?|findings?|conclusions?|interpretation|implications?|relevance|significance|"
    r"discussion|summary|limitations?|case|presentations?|reports?|description|evidence|levels?|trial|"
    r"registration|funding|novelty|practice|policy|future|directions|what|is|this|adds|already|known|"
    r"new|statement|problem|review|recent|research|diagnos[ie]s|concerns|lessons|observations|"
    r"message|opinion|expert|ethics|dissemination|impact|motivation|availability|implementation|"
    r"supplementary|information|abstract|keywords|comparator|number|theory|approach|originality|value|"
    r"type|applications?|practical)(?:[ ,/&-]+|$))+$"
)
_SHORT_HEADING = 2


def _named(label: str) -> bool:
    return _HEADING_WORDS.match(label) is not None


def _heading(text: str, start: int, label: str, upper: bool) -> bool:
    """A candidate is a heading: a named part after anything but a word ("… (p < 0.01) RESULTS: …"; a
    sentence seldom lacks its full stop before a heading but often ends on a number or bracket), or any
    short or capitalised phrase (upper case: any) after a sentence's end."""
    before = text[:start].rstrip()
    if _named(label) and (upper or not before or not before[-1].isalpha()):
        return True
    if before and before[-1] not in ".!?":
        return False
    words = [w for w in re.split(r"[ ,/&-]+", label) if w]
    return upper or len(words) <= _SHORT_HEADING or all(w[:1].isupper() for w in words)


def _headings(text: str, label: re.Pattern[str], upper: bool) -> list[tuple[int, str, int]]:
    """(start, label, where the section's text starts) of each heading, found from the colons: a regex
    over the whole text for a label followed by a colon costs ~100 µs an abstract, this a few."""
    found: list[tuple[int, str, int]] = []
    colon = text.find(": ")
    while colon != -1:
        # The longest label that ends at the colon first ("MATERIALS AND METHODS"), then shorter ones (the
        # words before a heading are sometimes capitals too: "… (95% CI) RESULTS:").
        match = label.search(text, max(0, colon - _LABEL_CHARS - 1), colon)
        while match is not None:
            start = match.start()
            if (start == 0 or text[start - 1].isspace()) and _heading(text, start, match.group(1), upper):
                body = colon + 1
                while body < len(text) and text[body].isspace():
                    body += 1
                found.append((start, match.group(1), body))
                break
            match = label.search(text, start + 1, colon)
        colon = text.find(": ", colon + 2)
    return found


def abstract_sections(text: str) -> tuple[tuple[str, str], ...]:
    """The sections of an abstract whose headings were written into its text ("BACKGROUND: … METHODS: …",
    "Background: … Methods: …", a heading on a line of its own, "BACKGROUND Bone loss …"), as (label, text)
    pairs, the text before the first heading unlabelled; empty for a plain abstract, which stays one text.

    Why: feeds, pages and exported datasets give a structured abstract as one string. Read as one, its
    headings are words of the text and its parts have no roles, so the taggers read it unlike the same
    abstract from PubMed's XML (of the bone subset's 115 structured abstracts written as one string, 20 were
    tagged differently: 4 designs, 3 takeaways; ``tests/test_tagging_written_headings.py``)."""
    if ": " in text:
        for label, upper in ((_UPPER_LABEL, True), (_TITLE_LABEL, False)):
            headings = _headings(text, label, upper)
            if headings and (
                sum(_named(name) for _, name, _ in headings) >= 2
                or (upper and not text[: headings[0][0]].strip())
            ):
                return _split(text, headings)
    if "\n" in text:
        # Headings on lines of their own ("Background\n…\nMethods\n…"), as pages and PDFs are copied; once
        # two name parts of an abstract, any other line of a few words is one too ("Experimental approach").
        lines = [(m.start(), m.group(1), m.end()) for m in _LINE_HEADING.finditer(text)]
        if sum(_named(name) for _, name, _ in lines) >= 2:
            return _split(text, [h for h in lines if _named(h[1]) or len(h[1].split()) <= _LINE_WORDS])
    if _GLUED_ANY.search(text):
        # Headings glued to the text they head ("BackgroundClinical trial recruitment … MethodsFive focus
        # groups …"), as medRxiv's and bioRxiv's API gives a structured abstract once its markup is gone.
        glued = [
            (m.start(1), m.group(1), m.end()) for m in _GLUED_HEADING.finditer(text) if _named(m.group(1))
        ]
        if len(glued) >= 2:
            return _split(text, glued)
    if any(word in text for word in _BARE_UPPER_WORDS):
        # Headings in capitals without a colon ("BACKGROUND Bone loss … METHODS We …"), as some exports give:
        # named parts anywhere, other capitals only after a sentence's end, once two are named.
        found = [(m.start(1), m.group(1), m.end()) for m in _BARE_UPPER.finditer(text)]
        named = sum(_named(name) for _, name, _ in found)
        if named >= 3 or (named == 2 and found[0][0] == len(text) - len(text.lstrip())):
            return _split(text, [h for h in found if _named(h[1]) or text[: h[0]].rstrip()[-1:] in ".!?"])
    return ()


def _split(text: str, headings: list[tuple[int, str, int]]) -> tuple[tuple[str, str], ...]:
    """The sections between ``headings`` ((start, label, where its text starts)), and the text before the
    first as an unlabelled section, as PubMed's XML gives it."""
    lead = text[: headings[0][0]].strip()
    ends = [start for start, _, _ in headings[1:]] + [len(text)]
    return ((("", lead),) if lead else ()) + tuple(
        (name.strip(), text[body:end].strip()) for (_, name, body), end in zip(headings, ends, strict=True)
    )


#: Words of a sentence, seldom of a title: finite verbs and the authors' "we" ("Osteoporosis is common",
#: "We report …"); titles name their subject without them ("Denosumab after hip fracture: a cohort study").
_SENTENCE_WORDS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|we|our|been|can|may|will|remains?|represents?|occurs?|affects?|"
    r"causes?|provides?)\b",
    re.I,
)
#: ... and openings of an abstract's first sentence ("To assess …", "In 2019, …", "This study …").
_SENTENCE_OPENING = re.compile(r"(?i)(?:to|in|this|the aim|background|objective|purpose|introduction)\b")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
_TITLE_CHARS = (15, 300)
_BRACKETED_TITLE = re.compile(r"\s*(\[[^\[\]]{13,298}\]\.?)(?=\s|$)")
#: "Title: … Abstract: …", as some datasets label the two parts of one text.
_LABELLED_TITLE = re.compile(r"(?is)^\s*title\s*:\s*(.+?)\s*(?:\babstract\s*:|\n)\s*(.*)$")


def _reads_as_title(text: str) -> bool:
    """No finite verb, no "we", no objective's opening; or a question (316 titles of the bulk file, 18
    first sentences of its abstracts), or a translated title in MEDLINE's brackets ("[Secondary …]."),
    which no abstract begins with."""
    text = text.strip()
    if not _TITLE_CHARS[0] <= len(text) <= _TITLE_CHARS[1]:
        return False
    if text.endswith("?") or (text.startswith("[") and text.rstrip(".").endswith("]")):
        return True
    return _SENTENCE_WORDS.search(text) is None and _SENTENCE_OPENING.match(text) is None


def leading_title(text: str) -> tuple[str, str]:
    """(title, abstract) of a text that may be a title and an abstract run together, as labelled datasets
    give them ("text": title, then a line break or a full stop, then the abstract); ("", text) when its
    first line or sentence does not read as a title.

    Why: the design's strongest words are often the title's ("…: a case report", "…: a randomised trial").
    Read as the abstract's first sentence, they were lost: on the bulk file's dev split, labelled records
    given as one such text lost case-report recall 0.91 -> 0.73 and narrative-review recall 0.85 -> 0.79.
    The test "reads as a title" (no finite verb, no "we", no opening of an objective; or a question) holds
    for 94% of the bulk file's titles and 13% of its abstracts' first sentences, so an abstract given without
    its title mostly keeps its first sentence."""
    labelled = _LABELLED_TITLE.match(text)
    if labelled:
        return labelled.group(1).strip(), labelled.group(2).strip()
    bracketed = _BRACKETED_TITLE.match(text)
    if bracketed:
        # MEDLINE's translated title, full stops inside and all: "[Osteoporosis. Significance for therapy]."
        return bracketed.group(1).strip(), text[bracketed.end() :].strip()
    head, newline, rest = text.partition("\n")
    if newline and rest.strip() and _reads_as_title(head):
        return head.strip(), rest.strip()
    parts = _FIRST_SENTENCE.split(text, maxsplit=1)
    if len(parts) == 1 and _TITLE_CHARS[0] <= len(text.strip()) <= _TITLE_CHARS[1]:
        # One short sentence and nothing else is a title alone (a letter, an older record without an
        # abstract: "Can nerve blocks improve outcomes after hip fracture? - A Cochrane Review summary.").
        return text.strip(), ""
    if _reads_as_title(parts[0]):
        return parts[0].strip(), parts[1].strip() if len(parts) == 2 else ""
    return "", text
