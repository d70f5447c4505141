"""Is an occurrence only one item of a list of other conditions, outcomes or adverse events?

"ischaemic heart disease, diabetes, osteoporosis and renal disease", "pain, xerostomia, dysphagia … and
osteoradionecrosis": the paper counts osteoporosis or osteonecrosis among other things, it is not about it.
A list here is at least three short items joined by commas or semicolons, the last often by "and"/"or";
when another item of the list is a term of the same topic ("BMD, TBS and bone turnover markers") the list
is the topic's own and the occurrence counts.

Texts here are lower-cased and accent-free.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r",|;|\band\b|\bor\b|\bas well as\b")
_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE_END = re.compile(
    r"[.:!?()\[\]]|\b(?:were|was|are|is|have|has|had|be|been|including|includes|include|"
    r"such as|like|with|in|among|of patients|than|that|which|who)\b"
)
_MAX_ITEM_WORDS = 5


def list_item(text: str, start: int, end: int, topic_spans: list[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` is one item of a list of at least three short items none of which (other
    than its own) holds a term of the same topic (``topic_spans``: the topic's other occurrences)."""
    left_limit = _clause_start(text, start)
    right_limit = _clause_end(text, end)
    items = _items(text, left_limit, right_limit)
    own = next((i for i, (a, b) in enumerate(items) if a <= start and end <= b), None)
    if own is None:
        return False
    # The run of short items around the occurrence's own item.
    first = own
    while first > 0 and _short(text, items[first - 1]):
        first -= 1
    last = own
    while last + 1 < len(items) and _short(text, items[last + 1]):
        last += 1
    run = items[first : last + 1]
    if not _short(text, items[own], occurrence=(start, end)):
        return False
    # The first item's occurrence followed by its verb and a clause of its own ("bone mineral content of the
    # forearm was measured in 80 women aged 70 years and over, given calcium and vitamin D …") is the
    # sentence's subject, whatever short phrases the sentence lists after it; "osteoporosis was present in
    # 10%, diabetes in 20% …" stays a list.
    if own == 0 and _subject_of_a_clause(text, end, items[own][1]):
        return False
    # An item other than the first (which may carry the sentence's opening) starts at the occurrence, give
    # or take an article or an adjective: "… for the treatment of osteoporosis and may …" is a clause.
    if own > 0 and len(_WORD.findall(text[items[own][0] : start])) > 2:
        return False
    # The item left of the run carries the sentence's opening ("the prevalence of ischaemic heart
    # disease"), the one right of it the sentence's rest ("renal disease tend to increase"): they are
    # items too, but only count when the list goes on on both sides of the occurrence or has two other
    # short items; a subject followed by its verb ("osteoporosis is a disorder of …, …") is no list.
    others = len(run) - 1
    edges = (first > 0) + (last < len(items) - 1)
    if not (others >= 2 or (others >= 1 and own > 0 and others + edges >= 2)):
        return False
    # "A and B" is a pair, not a list: a list has a comma or a semicolon between its items.
    if not re.search(r"[,;]", text[max(0, items[first][0] - 2) : items[last][1] + 2]):
        return False
    for index, (a, b) in enumerate(items):
        if index != own and any(a <= s and e <= b for s, e in topic_spans):
            return False
    return True


#: What a title's list is a list of, named before it: "Adverse events of corticosteroids in polymyalgia:
#: vertebral fractures, diabetes, cataract and infection", "Complications of renal transplantation:
#: infection, rejection, diabetes and aseptic necrosis", "… osteomyelitis of the mandible: differentiation
#: from osteoradionecrosis, fibrous dysplasia and Paget's disease". Its items are other conditions the paper
#: counts, not its subjects, which a title's list otherwise names.
_OTHERS_HEAD = re.compile(
    r"\b(?:adverse (?:events?|effects?|reactions?|drug reactions?)|side[- ]effects?|complications?|sequelae|"
    r"toxicit(?:y|ies)|comorbidit(?:y|ies)|co-morbidit(?:y|ies)|differential diagnos[ie]s|"
    r"differentiation from|distinction from|distinguish(?:ed|ing)? (?:it |them )?from|mimics?|manifestations|"
    # Groups compared ("Functional gains after inpatient rehabilitation: a comparison of stroke, hip fracture
    # and lower-limb amputation").
    r"comparison of|"
    # A disease's signs on radiographs ("Skeletal changes in thalassaemia major: widening of the medullary
    # spaces, cortical thinning and osteoporosis").
    r"(?:radiolog|radiograph|roentgen|skeletal|bone|osseous|clinical)\w* "
    r"(?:changes|features|findings|signs))\b"
)


def listed_in_title(text: str, start: int, end: int, topic_spans: list[tuple[int, int]]) -> bool:
    """Whether a title's occurrence is one item of a list that the title names, before it, as adverse
    events, complications, differential diagnoses, a disease's signs or groups compared (``_OTHERS_HEAD``),
    or lists after a colon as the features of a head that names no term of the topic; a title's other lists
    name the paper's subjects and count."""
    headed = _OTHERS_HEAD.search(text, 0, start) is not None
    return (headed or _features_after_a_colon(text, start, topic_spans)) and list_item(
        text, start, end, topic_spans
    )


def _features_after_a_colon(text: str, start: int, topic_spans: list[tuple[int, int]]) -> bool:
    """A list after a colon whose head names no term of the topic lists that head's features ("Presentation
    of coeliac disease in adults: anaemia, diarrhoea, weight loss, osteoporosis and …", "Health problems of
    adults with Prader-Willi syndrome: obesity, diabetes, scoliosis, osteoporosis …")."""
    colon = text.rfind(":", 0, start)
    return colon > 0 and not any(s < colon for s, _ in topic_spans)


def _subject_of_a_clause(text: str, end: int, item_end: int) -> bool:
    verb = _VERB.search(text, end, item_end)
    return verb is not None and len(_WORD.findall(text[verb.start() : item_end])) > _MAX_ITEM_WORDS


_VERB = re.compile(r"\b(?:were|was|are|is|have|has|had|been)\b")


def _clause_start(text: str, start: int) -> int:
    cut = max(0, start - 200)
    ends = [m.end() for m in re.finditer(r"[.:!?()\[\]]", text[cut:start])]
    return cut + ends[-1] if ends else cut


def _clause_end(text: str, end: int) -> int:
    match = re.compile(r"[.:!?()\[\]]").search(text, end, end + 200)
    return match.start() if match else min(len(text), end + 200)


def _items(text: str, left: int, right: int) -> list[tuple[int, int]]:
    spans = []
    position = left
    for match in _SEPARATOR.finditer(text, left, right):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, right))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _short(text: str, span: tuple[int, int], occurrence: tuple[int, int] | None = None) -> bool:
    """An item is short when the words around its core (up to a verb or preposition that starts the rest
    of the sentence) are few."""
    a, b = span
    item = text[a:b]
    cut = _CLAUSE_END.search(item)
    if occurrence is not None:
        # The occurrence's own item: measure from the occurrence, not from the clause's first word.
        words = len(_WORD.findall(text[occurrence[0] : b if cut is None else a + cut.start()]))
        words = max(words, len(_WORD.findall(text[occurrence[0] : occurrence[1]])))
        return words <= _MAX_ITEM_WORDS + 2
    if cut is not None and cut.start() > 0:
        item = item[: cut.start()]
    return 0 < len(_WORD.findall(item)) <= _MAX_ITEM_WORDS
