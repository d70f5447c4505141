"""Study design from title, abstract and whatever metadata the sources give.

Brand-new PubMed records carry only "Journal Article" and no MeSH for weeks, and feeds and preprints
carry nothing, so the text must decide; NLM publication types and MeSH are used when present, and
refined by the text where NLM is known to be loose (a "Systematic Review" that pools is a
meta-analysis; a "Review" that searched databases is systematic).

Each class's cues (compiled patterns, grouped under the class's heading below) and the small function
that reads them live together; :data:`STEPS` is the precedence between classes, as data: notices, then
the authors' own label of the article form (letter, protocol, review), then designs that a single phrase
settles (Mendelian randomisation, a case report), then subjects (animals, cells), then the human
designs. Each rule quotes the phrase that fired, so the reader can check it.

Hard cases handled on purpose:
* systematic review vs meta-analysis vs narrative review: a review is systematic only when the
  authors call it so or describe a search (databases, eligibility, PRISMA); a meta-analysis needs a
  pooling signal; "Research advances in …" with no methods is narrative.
* "random" outside trials: Mendelian randomisation, random sampling/splits/effects, a review *of*
  RCTs and a protocol *for* an RCT are decided before the trial rule, and the trial rule only reads
  allocation phrases ("were randomly assigned"), never the bare word.
* animals "randomly divided" are animal studies: subjects are decided before trials.

Metadata that a brand-new record already has is read too: a CommentsCorrections "comment on" link on a
piece of a few pages (or, without pagination, a short abstract) is commentary; a journal that publishes
only case reports settles a case report whose abstract reads like research. A small statistical model
trained on the bulk file's publisher types now weighs this verdict (``crawler/tagging/design.py``): it
names the reviews, case reports and commentaries the rules leave as "other", and infers an observational
design for research abstracts that name none. The rules stay the evidence a reader sees.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from osteodigest.crawler.tagging.cues import Cue, Hit, count, in_abstract, in_text, in_title, meta, rx
from osteodigest.crawler.tagging.view import TOKENS, View

STUDY_TYPES = (
    "meta_analysis",
    "systematic_review",
    "scoping_review",
    "narrative_review",
    "guideline",
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
    "protocol",
    "mendelian_randomization",
    "bioinformatics",
    "animal",
    "in_vitro",
    "commentary",
    "erratum",
    "retraction_notice",
    "trial_registration",
    "other",
)


@dataclass(slots=True)
class Decision:
    study_type: str
    why: Hit | None
    flags: dict[str, Hit] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------
# Notices
# --------------------------------------------------------------------------------------------------
_RETRACTION_TITLE = rx(
    r"^\W*(?:notice of retraction|retraction notice|retraction note|retraction statement|"
    r"statement of retraction|retraction of|retraction(?: to| for| regarding| on)?\s*[:\-–\"“'‘]|"
    r"retraction\W*$|retracted article\s*:|notice of withdrawal|withdrawal notice|retracted\s*:\s*[\"“'‘])"
)
# "Retracted: …" with the retracted paper cited (Wiley) is a notice; "RETRACTED: <title>" (Elsevier) is the
# retracted article itself, which keeps its own design and gets the ``retracted`` flag.
_RETRACTED_NOTICE_CITED = rx(r"^\W*retracted\s*:.*\bet al\b")
_RETRACTION_ABSTRACT = rx(
    r"this retracts the article|\b(?:editors?|publisher|journal|authors?)(?: in chief)?(?: have|"
    r" has)? (?:retracted|decided to retract|agreed to retract)|\bhas been retracted (?:by|at the request|"
    r"following|because|due to|on the request)|\bis (?:hereby )?retracted\b|\bwe (?:hereby )?retract\b|(?:^|"
    r"\. )the (?:above|following) article.{0,120}\bretracted\b"
)
_RETRACTED_ARTICLE_TITLE = re.compile(
    r"^\W*(?:RETRACTED|WITHDRAWN)\b|\[\s*retracted\s*\]|\(retracted\)", re.I
)

_ERRATUM_TITLE = rx(
    r"^\W*(?:(?:publisher'?s?|authors?'?|editorial|notice of) )?(?:erratum|errata|corrigendum|corrigenda|"
    r"correction|correction notice|correction statement)(?:s)?\s*(?:$|[:\-–.\"“'‘\[]|(?:to|for|in|on|"
    r"regarding|of)\b\s*(?:[\"“'‘\[]|the (?:article|paper|manuscript)|\w+ et al|:|[^:]{0,200}\[))|"
    r"^\W*(?:erratum|corrigendum|correction) (?:to|regarding|on)\b|^\W*(?:errors?|incorrect|missing|omitted|"
    r"omission of|wrong|mislabeled|misspelled|update to|clarification of) (?:\w+ ){0,3}(?:in|of|from|"
    r"to) (?:the )?(?:figure|fig|table|text|results|abstract|author|byline|affiliation|methods|discussion|"
    r"key points|funding|data|title|conflict|disclosure|supplement|legend|visual abstract|acknowledg|name|"
    r"dosage|units|wording|labels?|axis)"
)
_ERRATUM_ABSTRACT = rx(
    r"this corrects the article|^\W*(?:in|on) the (?:original |published |online |"
    r"print )?(?:version of (?:the|this) |article|paper|manuscript).{0,200}\b(?:error|incorrect|"
    r"should (?:have )?read|was (?:omitted|missing|published incorrectly|incorrectly))|\b(?:authors?|"
    r"publisher) (?:would like|wish|wishes|regret|regrets) to (?:correct|report an error|apologi[sz]e)|"
    r"\ban error (?:was|has been) (?:introduced|made|identified|found|noticed)|\bthe (?:correct|"
    r"corrected) (?:version|figure|table|text|sentence) (?:is|appears|reads)|"
    r"\bshould (?:have )?read\b.{0,120}\binstead of\b"
)
_CONCERN_TITLE = rx(r"^\W*(?:editorial )?expression of concern\b")


def _notice(view: View) -> Decision | None:
    kinds, types, rels = view.kinds, view.publication_types, view.relations
    if "retraction" in kinds:
        return Decision("retraction_notice", meta("kind", "retraction"))
    if "retraction of publication" in types:
        return Decision("retraction_notice", meta("publication type", "Retraction of Publication"))
    if "retracts" in rels:
        return Decision("retraction_notice", meta("relation", "retracts"))
    hit = in_title(view, _RETRACTION_TITLE) or (
        _RETRACTED_NOTICE_CITED.search(view.low_title) and in_title(view, _RETRACTED_NOTICE_CITED)
    )
    if hit and not (
        _RETRACTED_ARTICLE_TITLE.search(view.title) and view.title[:10].isupper() and _substantive(view)
    ):
        return Decision("retraction_notice", hit)
    if not _substantive(view) or len(view.low_abstract) < 1200:
        hit = in_abstract(view, _RETRACTION_ABSTRACT)
        if hit and not _RETRACTED_ARTICLE_TITLE.search(view.title):
            return Decision("retraction_notice", hit)
    if "erratum" in kinds:
        return Decision("erratum", meta("kind", "erratum"))
    if "published erratum" in types:
        return Decision("erratum", meta("publication type", "Published Erratum"))
    if "corrects" in rels:
        return Decision("erratum", meta("relation", "corrects"))
    hit = in_title(view, _ERRATUM_TITLE)
    if hit and len(view.low_abstract) < 1500:
        return Decision("erratum", hit)
    if len(view.low_abstract) < 1500:
        hit = in_abstract(view, _ERRATUM_ABSTRACT)
        if hit:
            return Decision("erratum", hit)
    if "expression_of_concern" in kinds or "expression of concern" in types or "concern_for" in rels:
        return Decision(
            "other", meta("kind", "expression of concern"), {"expression_of_concern": meta("kind", "")}
        )
    hit = in_title(view, _CONCERN_TITLE)
    if hit:
        return Decision("other", hit, {"expression_of_concern": hit})
    return None


# --------------------------------------------------------------------------------------------------
# Signals of original data (used to keep letters, reviews and comments apart from research)
# --------------------------------------------------------------------------------------------------
_RESEARCH_SECTIONS = frozenset(
    {
        "methods",
        "method",
        "results",
        "materials and methods",
        "patients and methods",
        "methods and results",
        "design",
        "setting",
        "participants",
        "findings",
        "measurements",
        "main outcome measures",
        "study design",
        "methodology",
        "subjects and methods",
        "material and methods",
        "methods and materials",
        "aim and methods",
        "aims and methods",
        "results and conclusions",
        "principal results",
        "main results",
        "key results",
        "interventions",
        "outcome measures",
        "main outcomes",
    }
)
_WE_DID = (
    r" (?:enrolled|recruited|included|analy[sz]ed|measured|performed|conducted|investigated|examined|studied|"
    r"compared|evaluated|assessed|identified|collected|obtained|treated|followed|retrospectively|"
    r"prospectively)\b"
)
_WAS_DONE = (
    r" (?:enrolled|recruited|included|randomi[sz]ed|analy[sz]ed|measured|collected|obtained|assessed|"
    r"evaluated|followed up|treated|examined|studied|investigated|compared|divided|allocated|assigned|"
    r"performed|conducted|interviewed|surveyed|sampled|recorded)\b"
)
# One literal-led branch per subject ("we", "this study", "were", "was"): ``re`` scans for a literal
# prefix far faster than for an alternation, and this cue reads every abstract.
_DATA_PHRASES = rx(
    r"\bwe" + _WE_DID + r"|\bthis study" + _WE_DID + r"|\bwere" + _WAS_DONE + r"|\bwas" + _WAS_DONE + r"|"
    r"\bp\s*[<=>≤]\s*0?\.\d|\b95\s*%\s*(?:ci|confidence)|\bsignificant(?:ly)?\b|\b(?:results|"
    r"methods)\s*:"
)
_SUBJECT_NOUNS = rx(
    r"\b(?:patients|participants|subjects|women|men|adults|children|individuals|volunteers|infants|neonates|"
    r"cases|persons|people|respondents|eyes|hips|knees|residents|students|nurses|physicians|rats|mice|"
    r"rabbits|dogs|animals|samples)\b"
)
# A count just before a noun: "120 consecutive patients", "twenty-two healthy adult women".
_NUMBER_BEFORE = re.compile(
    r"(?<![\w])(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\s+(?:[\w-]+\s+){0,3}$"
)


def counted(text: str, nouns: Cue, limit: int = 6) -> int:
    """How many of the ``nouns`` in ``text`` carry a number within the three words before them.

    ``nouns`` is a plain list of whole words, so the words present are found from the text's word set and
    their occurrences with ``str.find`` — much faster than a regex alternation over the whole text.
    """
    tokens = TOKENS.get(text)
    words = nouns.words if tokens is None else (nouns.words or frozenset()) & tokens
    positions: list[int] = []
    for word in words or ():
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                positions.append(start)
            start = text.find(word, end)
    n = 0
    for start in sorted(positions):
        if _NUMBER_BEFORE.search(text, max(0, start - 60), start):
            n += 1
            if n >= limit:
                break
    return n


def _substantive(view: View) -> bool:
    """An abstract long enough to describe work (notices and letters rarely have one)."""
    return len(view.low_abstract) >= 400


def research_signals(view: View) -> int:
    """How strongly the abstract reports original data (0 = none)."""
    score = 0
    labels = set(view.section_labels)
    if labels & _RESEARCH_SECTIONS:
        score += 2
    score += count(_DATA_PHRASES, view.low_abstract, 4)
    if counted(view.low_abstract, _SUBJECT_NOUNS, 1):
        score += 1
    return score


# --------------------------------------------------------------------------------------------------
# Commentary: letters, editorials, comments, replies
# --------------------------------------------------------------------------------------------------
_COMMENT_TITLE = rx(
    r"^\W*(?:letter to the editors?|letters? to (?:the )?editor|a letter|letter|letters|re|reply|in reply|"
    r"author'?s'? reply|authors'? response|author response|response|in response|a response|rebuttal|comment|"
    r"comments|commentary|a commentary|invited commentary|editorial commentary|editorial|guest editorial|"
    r"editor'?s'? note|correspondence|viewpoint|perspective|counterpoint|point|point-counterpoint|"
    r"reader'?s'? comment|response to the letter|reply to the letter)\b\s*(?:[:–,.\"“'‘(]|-(?!\w)|$|"
    r"to\b|on\b|regarding\b|re\b|from\b|about\b|concerning\b|by\b|in response\b)|"
    r"^\W*(?:reply|response|responses|comment|comments|commentary|letter) (?:to|on|regarding|concerning|"
    r"about) |^\W*(?:in )?(?:reply|response) to\b"
    r"|\b(?:reply|response) to (?:the )?(?:letter|comment|correspondence|commentary|critique|"
    r"editorial)\b|\bletter to the editor\b|\bwith (?:a )?commentary\W*$|"
    r"\b(?:a )?comment(?:ary)? on\b.{0,200}\bet al\b|\[(?:letter|"
    r"editorial|comment|reply)\]|\bcommentary on\b|^\W*(?:the )?author'?s'? reply\b|:\s*(?:a )?reply\W*$|"
    r"^\W*(?:in )?reply-\w|^\W*in response-\w|\bauthors?'?s?'? (?:reply|response)\W*$|"
    r"^\W*concerns? (?:about|regarding|with)\b.{0,200}[\"“]|^\W*(?:letter|comment) of concern\b|\b(?:special|"
    r"annual review|anniversary|themed|virtual|focus) issue\b"
)
_COMMENT_OPENING = rx(
    r"^\W*(?:(?:we|i) (?:have )?read (?:with (?:great |much |keen |considerable )?interest|the (?:recent |"
    r"interesting )?(?:article|paper|letter|study|publication|review|editorial|report))|we (?:have )?(?:read|"
    r"noted|followed) with|to the editors?|dear (?:editor|editors|sir|sirs|madam)|we thank|i thank|"
    r"thank you for|we (?:would like to|wish to|appreciate|are grateful|were interested|were delighted|read)|"
    r"i (?:would like to|wish to|read|was interested)|in (?:this|the current|the present) issue (?:of)?|"
    r"(?:this|the) (?:editorial|commentary|comment|letter)\b|(?:this|the current|"
    r"the present) (?:\w+ ){0,2}issue (?:of|contains|provides|features|includes|brings)|in (?:a|their|his|"
    r"her) recent (?:article|paper|study|publication|letter|issue)|in (?:response|reply) to\b)"
)
_COMMENT_BODY = rx(
    r"\b(?:with (?:great |much |keen )?interest (?:the|your|their)|the (?:recent )?(?:article|paper|study|"
    r"letter) by [a-z][\w'-]+(?: and [a-z][\w'-]+)? et al|we (?:thank|appreciate) (?:dr|the (?:authors|"
    r"editor|readers?|correspondents?))|in their (?:recent )?(?:letter|comment|article|paper)|"
    r"comments? (?:on|regarding) our (?:article|paper|study)|this (?:editorial|commentary|comment|"
    r"letter) (?:discusses|highlights|addresses|summari[sz]es|reflects|argues|considers))|"
    r"^\W*[a-z][\w'-]+(?: and [a-z][\w'-]+)? (?:et al\.?|and (?:colleagues|coworkers|"
    r"co-workers))\d* (?:\w+ ){0,2}?(?:report|reported|show|showed|demonstrate|demonstrated|describe|present|"
    r"found|previously|now)|\bin their (?:recent )?(?:article|study|paper|report),|\bin (?:this|the current|"
    r"the present) issue(?: of\b|, )"
)
_COMMENT_TYPES = (
    "letter",
    "editorial",
    "comment",
    "news",
    "newspaper article",
    "interview",
    "personal narrative",
    "biography",
    "portrait",
    "lecture",
    "address",
)
# Types NLM uses for opinion rather than data: taken as commentary unless the abstract reports research.
_OPINION_TYPES = frozenset({"letter", "editorial", "comment"})


def _commentary(view: View, research: int) -> Decision | None:
    """The article form says comment/letter/editorial. Original data in the abstract overrides a bare
    metadata label (research letters), but not the authors' own "Letter to the editor:" title."""
    hit = in_title(view, _COMMENT_TITLE)
    if hit:
        return Decision("commentary", hit)
    hit = in_abstract(view, _COMMENT_OPENING) or in_abstract(view, _COMMENT_BODY, 20)
    if hit and (research < 4 or hit.start < 40):
        return Decision("commentary", hit)
    if "comment_on" in view.relations and research < 3 and _short_piece(view):
        # PubMed links a comment to the article it discusses; a long research paper that carries the link
        # by mistake is kept out by its length.
        return Decision("commentary", meta("relation", "comment on another article"))
    opinion = sorted(view.publication_types & _OPINION_TYPES)
    if (opinion or "comment" in view.kinds) and research < 3 and not _CASE_TITLE.search(view.low_title):
        # Letters and comments also carry case reports and research letters: the text decides when it
        # names a design; otherwise the form label stands. Without an abstract there is nothing to read.
        text_only = _classify(
            dataclasses.replace(view, publication_types=frozenset(), mesh=frozenset(), kinds=frozenset())
        )
        # A short abstract says too little to overrule the form, unless the title names the design
        # ("… : a retrospective study of 72 cases").
        if text_only.study_type in _DESIGNS_OVER_FORM and (
            len(view.low_abstract) >= 200 or (text_only.why is not None and text_only.why.field == "title")
        ):
            return text_only
        if opinion:
            return Decision("commentary", meta("publication type", opinion[0].title()))
        return Decision("commentary", meta("kind", "comment"))
    return None


def _short_piece(view: View, pages: int = 4, abstract: int = 1300) -> bool:
    """A few printed pages, or (no pagination yet) a short abstract: the length of a comment or letter."""
    if view.page_span is not None:
        return view.page_span <= pages
    return len(view.low_abstract) < abstract


_DESIGNS_OVER_FORM = frozenset(
    {
        "case_report",
        "case_series",
        "animal",
        "rct",
        "nonrandomised_trial",
        "cohort",
        "case_control",
        "cross_sectional",
        "protocol",
        "meta_analysis",
        "systematic_review",
        "mendelian_randomization",
        "diagnostic_accuracy",
    }
)


def _weak_commentary(view: View, research: int) -> Decision | None:
    """Last resort before "other": an abstract without data that argues in the first person or calls for
    action, or nothing but a title with a comment link or an opinion-style title. Research titles ("X in
    Y: a retrospective study") are caught by earlier rules."""
    if view.low_abstract and research <= 1:
        hit = in_abstract(view, _OPINION_ABSTRACT, 20)
        if hit:
            return Decision("commentary", hit)
    if view.low_abstract and len(view.low_abstract) > 300:
        return None
    if "comment_on" in view.relations:
        return Decision("commentary", meta("relation", "comment_on"))
    hit = in_title(view, _OPINION_TITLE)
    if hit and not view.low_abstract:
        return Decision("commentary", hit)
    return None


_OPINION_ABSTRACT = rx(
    r"\bi (?:have|am|was|believe|think|argue|suggest|would|feel|see|saw|had|did|want|hope|recently|read|"
    r"write|propose|remember|recall)\b|\bmy (?:practice|patients|view|experience|colleagues|opinion|own|"
    r"career|clinic)\b|\bwe (?:argue|contend|encourage|urge|call for|advocate|invite|welcome|are excited|"
    r"are pleased|are delighted|are proud|celebrate)\b|\b(?:it is time|time has come)\b|"
    r"\b(?:in )?this (?:editorial|commentary|viewpoint|perspective|essay|opinion piece|letter|special issue|"
    r"annual review issue|anniversary issue)\b|\bwelcome to (?:the|our|this)\b|"
    r"\bin (?:their|a|our) (?:recent|recently published|published) (?:study|article|paper|report|review)\b|"
    r"\b(?:we|i) recently (?:co-?authored|published|wrote)\b|\bdiscussed in an editorial\b|"
    r"\bwrites (?:about|on|that)\b|\b(?:the|this) (?:recent )?(?:study|article|paper|report) by "
    r"[a-z][\w'-]+ (?:et al|and colleagues)\b",
    "i my argue contend encourage urge call advocate invite welcome excited pleased delighted proud "
    "celebrate time editorial commentary viewpoint perspective essay opinion letter special annual "
    "anniversary recent recently published et colleagues discussed writes",
)
_OPINION_TITLE = rx(
    r"\?\W*$|^\W*(?:why|how|what|should|is|are|can|does|do|time to|the case for|the case against|a call|"
    r"call for|towards?|beyond|rethinking|reflections?|thoughts|the (?:end|future|promise|problem|importance|"
    r"need|challenge|value|role) of|in defen[cs]e of|a plea|let'?s|we need|in memoriam|obituary|tribute|"
    r"remembering|celebrating|welcome|introducing|introduction to|a new (?:era|dawn|chapter|year)|"
    r"editor'?s? (?:choice|pick)|highlights? (?:from|of)|report from|meeting report|conference report|(?:a|"
    r"the) year in review)\b|\b(?:a )?(?:personal (?:view|perspective|reflection)|opinion|viewpoint|"
    r"editorial|perspective|commentary)\W*$"
)

# --------------------------------------------------------------------------------------------------
# Protocols
# --------------------------------------------------------------------------------------------------
_PROTOCOL_TITLE = rx(
    r"\b(?:study|trial|review|research|clinical|evaluation|treatment) protocol\b|\bprotocol (?:for|of) (?:a|"
    r"an|the)\b(?! (?:\w+ ){0,3}(?:operation|surgery|procedure|technique|treatment of|management of|care|"
    r"assay|analysis of samples))|\bprotocol\W*$|\bprotocol paper\b|\brationale and design\b|"
    r"\bdesign and rationale\b|\brationale,? (?:aims,? )?(?:and )?(?:design|methods)\b|"
    r"\bstudy design and (?:methods|rationale)\b|\b(?:design|methods) of (?:a|an|"
    r"the) (?:\w+[ -]){0,6}(?:trial|study|cohort)\b|\b(?:trial |study )?design,? (?:and )?methods\b|"
    r":\s*(?:study |trial )?design\W*$|\b(?:trials?|stud(?:y|ies)) to (?:assess|evaluate|compare|investigate|"
    r"determine|examine|test)\b"
)
_PROTOCOL_SECTIONS = frozenset(
    {
        "ethics and dissemination",
        "trial design",
        "study design and methods",
        "planned outcomes",
        "anticipated results",
        "expected results",
        "trial status",
    }
)
_PROTOCOL_ABSTRACT = rx(
    r"\b(?:this|the|our) (?:study |trial |review |research )?protocol (?:describes|outlines|presents|details|"
    r"reports)|\bwe (?:describe|present|report) (?:the|a|our) (?:study |trial )?protocol\b|\bthis (?:paper|"
    r"article) (?:describes|presents|outlines) the (?:protocol|design|rationale)|"
    r"\bprospero (?:registration )?(?:number|id)?\W*crd\d+.{0,80}\bwill\b"
)
_FUTURE = rx(
    r"\b(?:will be|will|shall be) (?:randomi[sz]ed|randomly|recruited|enrolled|allocated|assigned|included|"
    r"searched|screened|extracted|assessed|analy[sz]ed|conducted|performed|collected|measured|followed|used|"
    r"invited|compared|evaluated|synthesi[sz]ed|pooled|undertaken|carried out|calculated|the primary)\b|"
    r"\bwe will\b|\bthe (?:study|trial|review) will\b|\bis (?:expected|anticipated) to\b|"
    r"\bwill be disseminated\b"
)


def _protocol(view: View) -> Decision | None:
    sections = sorted(set(view.section_labels) & _PROTOCOL_SECTIONS)
    if sections and not {"results", "findings"} & set(view.section_labels):
        return Decision("protocol", meta("abstract section", sections[0]))
    hit = in_title(view, _PROTOCOL_TITLE)
    future = count(_FUTURE, view.low_abstract, 5)
    if (
        hit
        and not future
        and not _PAST_RESULTS.search(view.low_abstract)
        and _PRESENT_DESIGN.search(view.low_abstract)
    ):
        return Decision("protocol", hit)
    if hit and (future >= 1 or not view.low_abstract or "protocol" in hit.phrase.lower()):
        if "protocol" in hit.phrase.lower() and not future and _PAST_RESULTS.search(view.low_abstract):
            return None
        return Decision("protocol", hit)
    hit = in_abstract(view, _PROTOCOL_ABSTRACT)
    if hit and future >= 1:
        return Decision("protocol", hit)
    if future >= 3 and not _PAST_RESULTS.search(view.low_abstract):
        hit = in_abstract(view, _FUTURE, 30)
        return Decision("protocol", hit)
    return None


_PRESENT_DESIGN = rx(
    r"\b(?:patients|participants|subjects) (?:receive|are randomi[sz]ed|are enrolled|are followed)\b|"
    r"\bis (?:a|an) (?:\w+[ ,-]+){0,6}?(?:trial|study)\b|\bare (?:\w+[ ,-]+){0,6}?(?:trials|studies)\b"
)
_PAST_RESULTS = rx(
    r"\b(?:results|findings)\s*:|\bwe (?:found|observed|showed|demonstrated)\b|\bp\s*[<=]\s*0?\.\d|\b(?:was|"
    r"were) (?:significantly|associated)\b"
)

# --------------------------------------------------------------------------------------------------
# Reviews: meta-analysis, systematic, scoping, narrative
# --------------------------------------------------------------------------------------------------
_MA_TITLE = rx(
    r"\bmeta[- ]?anal[yi]s[ie]s\b|\bmeta[- ]?regression\b|\bmetaanal|\bpooled analysis of\b.{0,60}\bstudies\b"
)
_MA_SELF = rx(
    r"\b(?:this|our|the present|the current|a|an updated|updated) (?:\w+[ -]){0,3}?(?:meta[- ]?analys[ie]s|"
    r"metaanalysis)\b(?! (?:of )?(?:\w+ ){0,3}(?:showed|found|reported|demonstrated|suggested|indicated|"
    r"concluded|revealed|published))|\b(?:performed|conducted|carried out|undertook|undertaken|did|used|"
    r"using|by) (?:a |an )?(?:\w+[ -]){0,3}?(?:meta[- ]?analys[ie]s|metaanalysis)\b|"
    r"\bmeta[- ]?analys[ie]s (?:was|were) (?:performed|conducted|carried out|undertaken|used|done)\b|"
    r"\bwere (?:pooled|meta-analy[sz]ed|combined using)|\bnetwork meta[- ]?analysis\b|"
    r"\bindividual (?:patient|participant)[- ]data\b|\bsystematic review and meta[- ]?analys[ie]s\b|"
    r"\b(?:included|pooled|combined|entered) in(?:to)? (?:the |a |our )?meta[- ]?analys[ie]s\b|"
    r"\bmeta[- ]?analysis (?:of|including|comprising|was|included|showed|revealed|demonstrated|indicated|"
    r"suggested) .{0,80}\b(?:studies|trials|rcts|articles|participants|patients)\b"
)
_POOLING = rx(
    r"\bpooled (?:odds|risk|hazard|relative|mean|standardi[sz]ed|weighted|analysis|analyses|estimate|"
    r"estimates|prevalence|incidence|effect|sensitivity|specificity|data|results|or|rr|hr|smd|md|wmd|rate|"
    r"proportion)|\brandom[- ]effects?\b|\bfixed[- ]effects? (?:model|meta)|\bi\s*(?:2|²|\^2)\s*[=<>≥≤]|"
    r"\bheterogeneity\b|\b(?:weighted|standardi[sz]ed) mean differences?\b|\brevman\b|\bforest plots?\b|"
    r"\bfunnel plots?\b|\bsummary (?:odds|risk|estimate|receiver)|\begger'?s\b|"
    r"\bsubgroup analys[ie]s\b.{0,200}\bstudies\b|\bpooling\b|\b\d+ (?:studies|trials|"
    r"rcts), \d[\d,]* (?:participants|patients|women|men|children|infants|people|eyes)\b"
)
_SR_TITLE = rx(
    r"\bsystem(?:at)?ic(?:al)? (?:literature |evidence |scoping |critical |mixed[- ]methods? |qualitative |"
    r"narrative |integrative |rapid )?(?:review|overview|search|evaluation|"
    r"analysis of (?:the )?(?:literature|published|studies|trials|randomi))|\bumbrella review\b|"
    r"\boverview of (?:systematic )?reviews\b|\brapid (?:evidence )?(?:review|evidence assessment|"
    r"assessment of (?:the )?evidence)\b|\bevidence synthesis\b|\breview of (?:systematic )?reviews\b|"
    r"\bcochrane review\b|\bliterature review and meta|\bintegrative review\b|\bmeta-?synthesis\b|"
    r"\bqualitative (?:evidence )?synthesis\b|\brealist review\b|\bsystematic review\b"
)
_SR_SELF = rx(
    r"\b(?:this|our|the present|the current|an updated|updated|"
    r"a) (?:\w+[ -]){0,2}?(?:systematic (?:literature )?review|umbrella review|rapid review|"
    r"integrative review|systematic overview)\b(?! (?:\w+ ){0,3}(?:showed|found|reported|demonstrated|"
    r"suggested|indicated|concluded|revealed|published|by))|\b(?:we|authors) (?:\w+ )?(?:performed|conducted|"
    r"carried out|undertook|did|present|report) (?:a|"
    r"an) (?:\w+[ -]){0,2}?systematic (?:literature )?(?:review|search)\b|\bwe systematically (?:reviewed|"
    r"searched|identified|evaluated|assessed|collected|analy[sz]ed|examined|summari[sz]ed|retrieved)|"
    r"\bsystematic (?:literature )?(?:review|search|searches) (?:was|were) (?:performed|conducted|"
    r"carried out|undertaken|done)\b|\bto systematically (?:review|summari[sz]e|search)\b|"
    r"\bto systematically (?:evaluate|assess|identify|investigate|examine|appraise) (?:\w+[ ,-]+){0,6}?"
    r"(?:literature|studies|"
    r"trials|evidence|publications|articles|reports|reviews)\b|\bwas systematically (?:reviewed|searched)|"
    r"\bsystematic(?:ally)? (?:review|search|searched) (?:of|in|on|using|through|"
    r"across) (?:the )?(?:\w+ ){0,3}(?:databases?|literature|pubmed|medline|embase|cochrane|web of science|"
    r"scopus)"
)
_DATABASES = (
    r"(?:pubmed|medline|embase|cochrane|web of science|web of knowledge|scopus|cinahl|psycinfo|psycarticles|"
    r"google scholar|cnki|wan ?fang|vip|sinomed|cbm|lilacs|ovid|amed|sportdiscus|ebsco|proquest|"
    r"clinicaltrials\.gov|central|epistemonikos|global health|ieee|dblp|eric)"
)
_SEARCH_METHODS = rx(
    r"\b(?:searched|searching|search of|searches of|search in|search was|searches were|retrieved from|"
    r"identified (?:from|through|in)|systematically)\b[^.]{0,160}\b"
    + _DATABASES
    + r"\b|\b"
    + _DATABASES
    + r"\b[^.]{0,200}\b(?:were|was) (?:searched|systematically|screened|queried|consulted)\b|\bprisma\b|"
    r"\b(?:inclusion|eligibility) criteria\b[^.]{0,200}\b(?:studies|trials|articles|papers|publications|"
    r"reports)\b|\b(?:studies|trials|articles|papers|publications|reports|rcts) (?:were|was) (?:included|"
    r"eligible|identified|selected|screened)\b|\b\d[\d,]* (?:studies|trials|articles|publications|rcts|"
    r"records|papers|reports|reviews|cohorts) (?:\w+ ){0,4}(?:were|was|met|fulfilled) (?:included|eligible|"
    r"identified|selected|retrieved|analy[sz]ed)|\b(?:included|eligible) (?:studies|trials|articles|rcts|"
    r"papers)\b|\brisk of bias\b|\bnewcastle[- ]ottawa\b|\bgrade (?:approach|system|methodology|framework|"
    r"criteria)\b|\bjoanna briggs\b|\bamstar\b|\bprospero\b|\bcrd\d{6,}\b|\bfrom (?:database )?inception\b|"
    r"\btwo (?:independent )?(?:reviewers|authors|investigators)\b.{0,80}\b(?:screened|extracted|assessed|"
    r"selected)|\bdata (?:were|was) extracted\b|\bquality (?:of (?:the )?(?:included )?studies|"
    r"assessment of (?:the )?included)"
)
_SCOPING = rx(
    r"\bscoping (?:review|study|literature review|exercise)\b|\bevidence (?:and gap )?map(?:ping)?\b|"
    r"\bmapping (?:review|study of the literature)\b|\bsystematic map\b|\bbibliometric\b|"
    r"\bliterature mapping\b"
)
_UMBRELLA = rx(
    r"\bumbrella review\b|\boverview of (?:systematic )?reviews\b|\breview of (?:systematic )?reviews\b"
)
_NARRATIVE_TITLE = rx(
    r"\b(?:a |an )?(?:narrative |literature |comprehensive |critical |brief |short |mini[- ]?|clinical |"
    r"historical |general |structured |state[- ]of[- ]the[- ]art |updated |current |selective |"
    r"non-?systematic |descriptive |contemporary |practical |topical |concise |invited |"
    r"expert )?review(?: of (?:the )?(?:literature|current|recent|evidence|mechanisms|the evidence|"
    r"advances))?\W*$|\b(?:an? )?(?:narrative|literature|comprehensive|critical|mini|mini-|brief|invited|"
    r"state-of-the-art|clinical|updated) review\b|^\W*(?:an? )?(?:review|overview|update) (?:of|on)\b|"
    r"\boverview\W*$|\ban? (?:overview|update|primer|synopsis)\b|\bcurrent (?:concepts|perspectives?|status|"
    r"understanding|knowledge|evidence|trends|insights|controversies|views|state|approaches|strategies|"
    r"options|management|applications|challenges|progress|advances)\b|\bstate of the (?:art|science)\b|"
    r"\b(?:recent|research|new|latest|emerging|therapeutic|clinical|current) (?:advances|advancements|"
    r"progress|developments|insights|updates|trends|perspectives)\b|^\W*(?:recent |new |current |"
    r"emerging )?(?:advances|advancements|progress|developments|insights|perspectives|updates?|trends|"
    r"challenges|frontiers|research progress) (?:\w+ ){0,2}?(?:in|on|into|of|and|for)\b|\bnew horizons\b|"
    r"\bestablished facts\b|\b(?:advances|progress|update|updates|insights) (?:in|on|into)\b|\bwhat(?:'s|"
    r" is) new\b|\bchallenges and (?:opportunities|perspectives|prospects|future directions|solutions)\b|"
    r"\bfuture (?:directions|perspectives|prospects)\W*$|\b(?:a )?(?:review|overview) and (?:update|"
    r"perspectives?|meta|future)|\bpast,? present,? and future\b|\bfrom (?:bench|mechanisms?|pathogenesis|"
    r"molecular)\b.{0,40}\bto\b.{0,30}\b(?:bedside|clinic|therapy|treatment|practice)\b|\bnarrative\W*$|"
    r"\b(?:a )?review\W*$|\bhow to\b|\ban? (?:\w+ )?review (?:of|on)\b"
)
_NARRATIVE_ABSTRACT = rx(
    r"\b(?:this|the present|the current|our|in this|in the present|this (?:narrative|mini|brief|"
    r"comprehensive|critical|literature|short|clinical|invited|state-of-the-art|updated|topical|focused|"
    r"current)|the aim of this|purpose of (?:this|the))[- ]?(?:\w+[ -]){0,2}?(?:review|overview)\b(?! board)|"
    r"\b(?:this|the present|our|the current) (?:article|paper|chapter|manuscript|work|"
    r"essay) (?:\w+ ){0,2}?(?:reviews|summari[sz]es (?:the|our|current|recent)|provides (?:an? )?(?:overview|"
    r"update|summary|review|synopsis)|aims to (?:review|summari[sz]e|provide an? (?:overview|update|"
    r"summary))|presents (?:an? )?(?:overview|review|update|summary))|\b(?:here,? |herein,? |"
    r"in this (?:article|paper|chapter),? )?we (?:briefly |comprehensively |critically |further |also |then |"
    r"here |herein |now |first |finally |will )?(?:review|"
    r"provide (?:an? )?(?:overview|update|comprehensive (?:overview|review|summary)|brief (?:overview|review|"
    r"summary)|critical (?:overview|review|appraisal)|concise (?:overview|review))|"
    r"present (?:an? )?(?:overview|review|update)|reviewed (?:the )?(?:previous |current |recent |relevant |"
    r"published |available |existing )?literature)\b|\b(?:is|are) (?:briefly |also )?reviewed\b|"
    r"\bnarrative review\b|\bliterature review\b|\breview (?:of|on) (?:the )?(?:current|recent|latest|"
    r"available|existing|published) (?:literature|evidence|knowledge|data|research|studies|understanding|"
    r"advances|progress)|\bthe literature (?:was|is|has been) (?:reviewed|summari[sz]ed)|"
    r"\bopinion statement\b|\bpurpose of review\b|\brecent findings\b|\b(?:this|the present) (?:article|"
    r"paper|chapter) (?:serves|aims|seeks|attempts|sets out) to (?:delineate|describe|outline|summari[sz]e|"
    r"review|discuss|provide|present|give)\b"
)
# The same self-description in other words ("we summarise current knowledge", "the aim of this study is to
# review"); kept apart because its leading verbs are common words, so it runs only on abstracts without data.
_REVIEW_SELF = rx(
    r"\b(?:review|reviews|reviewed|revise|revises|summari[sz]e[sd]?|highlights?|describes?|"
    r"discuss(?:es)?|presents?|provides?|updates?)(?: (?:a|an) (?:\w+ )?(?:overview|summary|update|review) "
    r"of)? (?:our |the )?(?:current|present|recent|existing|latest) (?:understanding|knowledge|state of "
    r"(?:the )?(?:art|knowledge)|concepts|advances|evidence)\b|"
    r"\b(?:aim|purpose|goal|objective) of (?:this|the present) (?:study|article|paper|work|chapter|"
    r"manuscript) (?:is|was) to (?:review|summari[sz]e|provide an overview)\b|"
    r"\bwe (?:aim|seek|intend|set out) to (?:review|summari[sz]e|provide an overview)\b|"
    r"\b(?:the following|this) (?:article|paper|chapter) provides an overview\b",
    "understanding knowledge state concepts advances evidence aim purpose goal objective overview seek "
    "intend set",
)
# Phrases research abstracts also use ("we discuss the implications"): narrative only without original data.
_NARRATIVE_WEAK = rx(
    r"\b(?:here,? |herein,? )?we (?:briefly |further )?(?:summari[sz]e|discuss|highlight|outline|"
    r"describe the (?:current|recent|latest)|focus on (?:the )?(?:recent|current|latest))\b|\b(?:is|"
    r"are) (?:briefly |also )?(?:summari[sz]ed|discussed|highlighted)\b(?! in the in this issue)|\b(?:this|"
    r"the present|our|the current) (?:article|paper|chapter|manuscript|work|perspective|"
    r"essay) (?:\w+ ){0,2}?(?:discusses|highlights|describes (?:the )?(?:current|recent|latest)|focuses on|"
    r"outlines|explores|examines the (?:current|recent|literature))"
)
_NOT_LITERATURE_REVIEW = rx(
    r"\breview(?:ed|ing)? (?:of )?(?:the |their |all |our )?(?:medical |clinical |hospital |electronic |"
    r"patient |health |case |dental |imaging |radiographic |operative |pathology |histological |"
    r"institutional )?(?:records?|charts?|files?|notes|databases?|registr(?:y|ies)|images|radiographs|mris?|"
    r"cases|patients)\b|\bretrospective(?:ly)? (?:chart )?review(?:ed)?\b|\breview board\b|\bpeer[- ]review|"
    r"(?:also|and|with|plus) (?:a )?(?:brief |short )?(?:literature review|review of (?:the )?literature)|"
    r"literature review (?:was|is) (?:also )?(?:conducted|performed|done|carried out|undertaken)|"
    r"reviewed in (?:a|an|our) (?:prospective|retrospective|controlled|randomi[sz]ed|clinical|consecutive|"
    r"series)|this review (?:was|has been) (?:discussed|criticized|criticised|commented|cited)"
)


_REVIEW_GATE = frozenset(
    [
        "review",
        "reviews",
        "systematic",
        "systematically",
        "meta",
        "metaanalysis",
        "metaanalyses",
        "metasynthesis",
        "searched",
        "pubmed",
        "medline",
        "embase",
        "cochrane",
        "scopus",
        "cinahl",
        "psycinfo",
        "cnki",
        "wanfang",
        "lilacs",
        "prisma",
        "prospero",
        "pooled",
        "scoping",
        "umbrella",
        "mapping",
        "bibliometric",
        "rapid",
    ]
)
# A search of named literature databases, or the registries and statements only reviews cite.
_SEARCH_STRONG = rx(
    r"\b(?:pubmed|medline|embase|cochrane|scopus|cinahl|psycinfo|cnki|wan ?fang|lilacs|prisma|prospero)\b",
    "pubmed medline embase cochrane scopus cinahl psycinfo cnki wan wanfang lilacs prisma prospero",
)
_PRISMA_NAME = rx(r"preferred reporting items for systematic reviews? and meta-?analys[ie]s")
_SR_SECTIONS = frozenset(
    {
        "search methods",
        "selection criteria",
        "data collection and analysis",
        "data sources",
        "study selection",
        "data extraction",
        "data synthesis",
        "eligibility criteria",
        "search strategy",
        "information sources",
        "data sources and study selection",
        "review methods",
        "data extraction and synthesis",
        "selection",
        "data analysis",
    }
)


def _review(view: View, research: int) -> Decision | None:
    """Meta-analysis, systematic, scoping or narrative review — or None when the article is not a review.

    Self-description is read from the title and from sentences that name *this* work ("this
    systematic review", "we performed a meta-analysis"), never from mentions of earlier reviews; the
    spelled-out name of the PRISMA statement is removed first, because it mentions "meta-analyses".
    """
    if _REVIEW_GATE.isdisjoint(view.words):
        return None
    low_a = view.low_abstract
    if "preferred reporting" in low_a:
        low_a = _PRISMA_NAME.sub("prisma", low_a)
        view = dataclasses.replace(view, low_abstract=low_a, abstract=low_a)
    ma = in_title(view, _MA_TITLE)
    ma_self = in_abstract(view, _MA_SELF, 15)
    pooled = in_abstract(view, _POOLING, 15)
    estimate = _POOLED_ESTIMATE.search(low_a)
    search = in_abstract(view, _SEARCH_METHODS, 15)
    if search and _SELECTIVE_SEARCH.search(low_a):
        # "Based on a selective search in PubMed" is the house phrase of a narrative review.
        search = None
    sections = sorted(set(view.section_labels) & _SR_SECTIONS)
    if sections and not search:
        search = meta("abstract section", sections[0])
    many_methods = bool(sections) or bool(
        in_abstract(view, _SEARCH_STRONG) and len({m.group(0) for m in _SEARCH_METHODS.finditer(low_a)}) >= 2
    )
    sr = in_title(view, _SR_TITLE) or in_abstract(view, _SR_SELF, 15)
    scoping = in_text(view, _SCOPING)
    umbrella = in_text(view, _UMBRELLA)
    if ma and _MA_NOT_THIS.search(view.low_title):
        ma = None
    if scoping and not (ma or ma_self):
        return Decision("scoping_review", scoping)
    if umbrella and not (ma and _UMBRELLA_AND_MA.search(view.low_title)):
        return Decision("systematic_review", umbrella)
    if ma and (ma_self or pooled or search or sr or not low_a):
        return Decision("meta_analysis", ma)
    if ma_self and (pooled or search or sr or ma):
        return Decision("meta_analysis", ma_self)
    if ma:
        return Decision("meta_analysis", ma)
    if sr or (
        search
        and (many_methods or _REVIEW_WORD.search(view.low_title) or in_abstract(view, _NARRATIVE_ABSTRACT))
    ):
        # A review that describes its search is systematic whatever it calls itself; it is a
        # meta-analysis when it also reports pooled estimates.
        if pooled and estimate and (search or ma_self):
            return Decision("meta_analysis", pooled)
        return Decision("systematic_review", sr or search)
    if ma_self and search:
        return Decision("meta_analysis", ma_self)
    return None


_SELECTIVE_SEARCH = rx(r"\bselective(?:ly)? (?:\w+ )?(?:literature )?(?:search|review|searched)")
_UMBRELLA_AND_MA = rx(r"umbrella review and meta-?analys")
_MA_NOT_THIS = rx(r"\b(?:protocol|comment(?:ary)? on|response to|reply to|letter|re:)")
_POOLED_ESTIMATE = rx(
    r"\bpooled (?:odds|risk|hazard|relative|mean|standardi[sz]ed|weighted|estimate|prevalence|incidence|"
    r"effect|or|rr|hr|smd|md|wmd|rate|proportion|sensitivity|specificity)|\b(?:smd|wmd|md|or|rr|"
    r"hr)\s*[=:]?\s*-?\d"
)
_REVIEW_WORD = rx(r"\breview\b|\boverview\b")


_REVIEW_SECTIONS = frozenset(
    {
        "opinion statement",
        "purpose of review",
        "recent findings",
        "areas covered",
        "expert opinion",
        "expert commentary",
        "scope of review",
        "main body",
        "major conclusions",
        "general significance",
    }
)


def _narrative(view: View, research: int, strong_only: bool) -> Decision | None:
    labels = set(view.section_labels)
    sections = sorted(labels & _REVIEW_SECTIONS)
    if sections and not labels & _RESEARCH_SECTIONS:
        # "Major conclusions" heads reviews in some journals, and research abstracts beside "Results".
        return Decision("narrative_review", meta("abstract section", sections[0]))
    hit = in_title(view, _NARRATIVE_TITLE)
    weak = hit and _WEAK_REVIEW_TITLE.search(hit.phrase.lower())
    if weak and (research or _DATA_TITLE.search(view.low_title)):
        # "Trends in BMI, 2004-14" and "phylogenomic insights into …" report data of their own.
        hit = None
    if hit and (research < 5 or _REVIEW_WORD.search(hit.phrase.lower())):
        return Decision("narrative_review", hit)
    if _OWN_SERIES.search(view.low_abstract):
        # "… in our series are discussed": the authors' own patients, reported (a series), not a review.
        return None
    if research < (3 if strong_only else 5):
        hit = in_abstract(view, _NARRATIVE_ABSTRACT, 20) or in_abstract(view, _REVIEW_SELF, 20)
        if hit and not _NOT_LITERATURE_REVIEW.search(hit.phrase.lower()):
            return Decision("narrative_review", hit)
    if strong_only or research >= 2:
        return None
    hit = in_abstract(view, _NARRATIVE_WEAK, 20)
    # Reviews say what they cover early on; research abstracts end with "… are discussed".
    if (
        hit
        and research < 2
        and "in this issue" not in view.low_abstract
        and hit.start < 0.6 * len(view.low_abstract)
    ):
        return Decision("narrative_review", hit)
    hit = in_abstract(view, _NARRATIVE_COVERED, 20) or in_abstract(view, _HERE_WE, 20)
    if hit and research < 2 and "in this issue" not in view.low_abstract:
        # "… are summarised in this article", "… is addressed here": the article is about a body of
        # knowledge, and without data of its own that is a review wherever the sentence stands.
        return Decision("narrative_review", hit)
    return None


_WEAK_REVIEW_TITLE = rx(r"^(?!(?:recent|current|emerging|latest) )\W*(?:\w+ )?(?:trends|insights)\b")
_DATA_TITLE = rx(
    r"\b(?:19|20)\d\d ?[-–] ?(?:19|20)?\d\d\b|\bnation(?:al|wide)\b|\bpopulation-based\b|\bcohort\b|"
    r"\bevidence from\b|\bregistry\b|\bsurvey\b|\bdata\b"
)
_HERE_WE = rx(
    r"\b(?:here|herein|in this (?:article|paper|chapter|review)),? we (?:will )?(?:briefly |further |also )?"
    r"(?:discuss|summari[sz]e|highlight|outline|describe (?:the )?(?:current|recent|latest|main|key|various|"
    r"different|emerging))\b|\bwe here (?:summari[sz]e|discuss|highlight|outline)\b",
    "here herein",
    ("in this",),
)
_OWN_SERIES = rx(r"\bour (?:own )?(?:series|cases|case series|cohort|material)\b", "our")
_NARRATIVE_COVERED = rx(
    r"\b(?:addressed|discussed|summari[sz]ed|reviewed|elaborated|outlined|overviewed) (?:here|herein|"
    r"in (?:this|the present) (?:article|paper|review|chapter|work|manuscript))\b|"
    r"\bin (?:this|the present) (?:article|paper|chapter|review),? we (?:\w+ )?(?:discuss|summari[sz]e|"
    r"highlight|outline|consider)\b|"
    r"\b(?:this|the present) (?:article|paper|chapter) (?:describes|outlines|summari[sz]es|discusses) the "
    r"(?:classification|principles|approach|management|diagnosis|"
    r"role|current|recent|main|various|different)\b|"
    r"\b(?:a|an) (?:\w+ )?(?:review|overview|survey|account|summary) of (?:\w+ ){0,6}?(?:is|are) (?:given|"
    r"presented|provided)\b|"
    r"\bthe authors? (?:make|made|makes|present|presents|give|gives) (?:a|an|the) (?:\w+ )?"
    r"(?:revision|review|overview)\b|"
    r"\bby (?:discussing|reviewing|summari[sz]ing) (?:the )?(?:\w+ ){0,3}?(?:studies|literature|evidence|"
    r"findings|reports)\b",
    "discussing reviewing summarizing summarising addressed discussed summarized summarised reviewed "
    "elaborated outlined overviewed article paper chapter review overview survey account summary revision",
)


# --------------------------------------------------------------------------------------------------
# Guidelines
# --------------------------------------------------------------------------------------------------
_GUIDELINE = rx(
    r"\b(?:clinical )?(?:practice )?guidelines? (?:for|on|of|from|by|and recommendations|update)\b|"
    r"\b(?:clinical )?practice guidelines?\b|\bguideline\W*$|\bguidelines\W*$|\bconsensus (?:statement|"
    r"recommendations?|guidelines?|report|document|conference|paper|development|on|of|from)\b|"
    r"\bexpert consensus\b|\bposition (?:statement|paper|stand)\b|\brecommendations? (?:for|from|of|"
    r"on) (?:the )?(?:\w+ ){0,6}(?:society|association|college|academy|group|panel|task force|committee|"
    r"working group|consensus|federation|foundation|council|network|board|organi[sz]ation)\b|"
    r"\bpractice (?:parameter|advisory|points)\b|\bscientific statement\b|\bbest practice (?:recommendations|"
    r"statement)\b|\b(?:modified |e-?|online |two-round |three-round )?delphi (?:consensus|"
    r"study|survey|panel|"
    r"process|method|technique|procedure|rounds?|exercise)\b"
)
_GUIDELINE_ABSTRACT = rx(
    r"\b(?:this|the present|the current|our|these updated|this updated) (?:\w+ ){0,2}?(?:guidelines?|"
    r"consensus statement|recommendations|position statement|position paper)\b (?:\w+ ){0,3}?(?:provides?|"
    r"aims?|address(?:es)?|updates?|summari[sz]es?|offers?|covers?|focus(?:es)?|(?:was|were) (?:developed|"
    r"written|prepared|drafted|produced|formulated))\b|\b(?:panel|task force|"
    r"working group|committee|expert group) (?:\w+ ){0,6}(?:developed|issued|formulated|reached|made|voted|"
    r"drafted|produced)|\bgrade (?:approach|methodology|system)\b.{0,200}\brecommendations?\b|"
    r"\bmodified delphi\b|\bdelphi (?:method|process|procedure|technique|consensus|survey|panel|round)"
)
_GUIDELINE_NOT = rx(
    r"\b(?:adherence|compliance|concordance|conformity|implementation|awareness|knowledge|uptake|use) (?:to|"
    r"with|of) (?:the )?(?:\w+ ){0,4}guidelines?\b|\bguideline[- ](?:adherence|concordant|discordant|"
    r"recommended|based|directed)"
)


_GUIDELINE_GATE = frozenset(
    [
        "guideline",
        "guidelines",
        "consensus",
        "position",
        "recommendation",
        "recommendations",
        "practice",
        "delphi",
        "statement",
        "panel",
        "task",
        "committee",
        "grade",
        "expert",
        "working",
    ]
)


def _guideline(view: View, research: int) -> Decision | None:
    if _GUIDELINE_GATE.isdisjoint(view.words):
        return None
    hit = in_title(view, _GUIDELINE)
    if hit and not _GUIDELINE_NOT.search(view.low_title) and not _NOT_A_GUIDELINE.search(view.low_title):
        return Decision("guideline", hit)
    if research >= 4 or _NOT_A_GUIDELINE.search(view.low_text):
        # A chart review that ends with "recommendations", a finite-element or modelling study: results of
        # its own make an article research, whatever it recommends.
        return None
    hit = in_abstract(view, _GUIDELINE_ABSTRACT, 20)
    if hit and not _GUIDELINE_NOT.search(view.low_text):
        return Decision("guideline", hit)
    return None


_NOT_A_GUIDELINE = rx(
    r"\bfinite[- ]element\b|\bchart review\b|\bmedical records? (?:were|"
    r"was) reviewed\b|\bretrospective(?:ly)?\b|"
    r"\bwe (?:developed|trained|propose) (?:a|an) (?:\w+[ -]){0,3}?(?:model|"
    r"algorithm|network)\b|\bdeep[- ]learning\b"
)


# --------------------------------------------------------------------------------------------------
# Mendelian randomisation and bioinformatics
# --------------------------------------------------------------------------------------------------
_MR = rx(
    r"\bmendelian randomi[sz]ation\b|\bmendelian randomi[sz]ed\b|\btwo[- ]sample mr\b|\bmr analys[ie]s\b"
)
_BIOINFO_STRONG = rx(
    r"\bnetwork pharmacology\b|\bmolecular docking\b|\bhub genes?\b|\bgene expression omnibus\b|"
    r"\bgeo (?:database|datasets?|data)\b|\bgse\d{3,}\b|\bwgcna\b|\bweighted gene co-?expression\b|"
    r"\bbioinformatics?(?: analys[ie]s| approach| methods| tools| study| analytic)?\b|\bin silico\b|"
    r"\bmolecular dynamics simulations?\b|\btcga\b|\bthe cancer genome atlas\b|"
    r"\bprotein[- ]protein interaction (?:\(ppi\) )?network\b|"
    r"\bdifferentially expressed genes\b.{0,300}\b(?:enrichment|kegg|gene ontology|ppi)\b|"
    r"\bsingle[- ]cell rna[- ]seq\w*\b.{0,200}\b(?:dataset|database|public)\b|"
    r"\bmachine learning\b.{0,100}\b(?:gene|genes|biomarkers?|transcriptom)"
)
_BIOINFO_TITLE = rx(
    r"\bnetwork pharmacology\b|\bmolecular docking\b|\bhub genes?\b|\bbioinformatics?\b|\bin silico\b|"
    r"\bintegrated analysis\b|\bgeo\b|\bwgcna\b|\btranscriptomic analysis\b|\bmolecular dynamics\b|"
    r"\bidentification of (?:key|hub|candidate|potential|differentially)"
)


_MR_GATE = frozenset(["mendelian", "mr"])


def _mendelian(view: View) -> Decision | None:
    if _MR_GATE.isdisjoint(view.words):
        return None
    hit = in_title(view, _MR)
    if hit:
        return Decision("mendelian_randomization", hit)
    hit = in_abstract(view, _MR, 20)
    if hit and (_MR_METHOD.search(view.low_abstract) or count(_MR, view.low_abstract, 3) >= 2):
        return Decision("mendelian_randomization", hit)
    return None


_MR_METHOD = rx(
    r"\b(?:we|this study) (?:\w+ ){0,3}(?:performed|conducted|used|applied|carried out|undertook) (?:a |"
    r"an )?(?:\w+[ -]){0,3}?mendelian|\binstrumental variables?\b|\binverse[- ]variance weighted\b|"
    r"\bmr[- ]egger\b|\bgenetic instruments?\b|\bsingle[- ]nucleotide polymorphisms? (?:\(snps?\) )?(?:as|"
    r"were used as)"
)


_BIOINFO_GATE = frozenset(
    [
        "network",
        "pharmacology",
        "docking",
        "hub",
        "gene",
        "genes",
        "omnibus",
        "geo",
        "gse",
        "wgcna",
        "weighted",
        "bioinformatic",
        "bioinformatics",
        "silico",
        "dynamics",
        "tcga",
        "genome",
        "protein",
        "differentially",
        "rna",
        "machine",
        "integrated",
        "transcriptomic",
        "identification",
        "molecular",
    ]
)


def _bioinformatics(view: View) -> Decision | None:
    if _BIOINFO_GATE.isdisjoint(view.words) and "gse" not in view.low_text:
        return None
    title_hit = in_title(view, _BIOINFO_TITLE)
    strong = in_abstract(view, _BIOINFO_STRONG, 20)
    if title_hit and (strong or not view.low_abstract):
        return Decision("bioinformatics", title_hit)
    if strong and count(_BIOINFO_STRONG, view.low_abstract, 5) >= 2:
        return Decision("bioinformatics", strong)
    return None


# --------------------------------------------------------------------------------------------------
# Case reports and case series
# --------------------------------------------------------------------------------------------------
_NUM = (
    r"(?:\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:one|two|three|four|five) hundred)"
)
_CASE_TITLE = rx(
    r"\bcase reports?\b|\bcase presentation\b|\bcase stud(?:y|ies)\b|\bcase series\b|\bcase of\b|"
    r"\bcases of\b|(?<![\w-])(?:a|one|two|three|four|[1-3]) cases?\b|\breport of (?:a|an|one|two|three|four|"
    r"\d) (?:\w+ )?cases?\b|(?<!to )\b(?:an?|\d+)[- ](?:year|month|week|day)[- ]old\b(?! (?:\w+ )?"
    r"(?:children|infants|boys|girls|men|women|patients|adolescents|people|individuals|subjects|"
    r"participants|twins|athletes|students|neonates|newborns|mice|rats|cohorts?|population)\b)"
    r"|\bin a (?:young |pregnant |"
    r"elderly |\w+ )?(?:patient|man|woman|boy|girl|child|infant|neonate|newborn|adolescent|female|male|"
    r"family|kindred|twin|athlete)\b|\b(?:a|an) (?:unusual|rare|atypical|unique|uncommon|novel|peculiar|"
    r"interesting|challenging|fatal|unexpected) (?:case|presentation|cause|complication|manifestation|"
    r"association|finding)\b|\bcase-based review\b|\b(?:in|of) (?:two|three|2|3) (?:\w+ ){0,3}?(?:patients|"
    r"cases|siblings|brothers|sisters|children|members|sibs|infants|neonates|twins)\b"
)
# What the authors report: one patient or two or three, named after "we report", "here we describe" …
_REPORTED_CASE = (
    r" (?:\w+ )?(?:report|present|describe|discuss|"
    r"share|document|detail)(?: on)? (?:(?:the|a|an|our|this|one) (?:\w+[ -]){0,4}?(?:case|patient|"
    r"\d+[- ]year[- ]old|(?:year|month)[- ]old|man|woman|boy|girl|infant|neonate|child|female|male|gentleman|"
    r"lady|family|kindred|twins|pregnant|primigravida|multigravida|adolescent|siblings)|(?:two|three|2|"
    r"3) (?:\w+[ -]){0,3}?(?:cases|patients|siblings|children|members|brothers|sisters)|(?:an? |the |"
    r"our )?(?:\w+[ -]){0,2}?case (?:of|with|in|who)|(?:an? )?(?:\w+[ -]){0,2}?\d+[- ]year[- ]old)\b"
)
# "We describe the sonographic features … in two children": the patients follow the topic.
_PATIENTS_AFTER_TOPIC = (
    r" (?:report|present|describe|discuss|document|share) [^.,;]{0,100}?\b(?:in|of) (?:a|an|one|two|three|2|"
    r"3)(?! (?:hundred|thousand|million)) (?:(?!of\b)\w+[ -]){0,3}?(?:patients?|children|child|cases?|men|"
    r"women|man|woman|boys?|girls?|infants?|siblings|brothers|sisters|neonates?)\b"
)
# Each branch starts with a literal ("we", "here", "the authors") so that ``re`` scans for it quickly;
# "herein, we report" is found at its "we".
_CASE_ABSTRACT = rx(
    r"\bwe(?:" + _REPORTED_CASE + r"|" + _PATIENTS_AFTER_TOPIC + r")|\bhere(?:in)?" + _REPORTED_CASE + r"|"
    r"\bthe authors" + _REPORTED_CASE + r"|"
    r"^\W*(?:a|an) \d+[- ](?:year|month|week|day)[- ]old\b|\b(?:a|an) \d+[- ](?:year|month|week|"
    r"day)[- ]old (?:\w+ ){0,4}?(?:man|woman|male|female|boy|girl|patient|child|infant|gentleman|lady|"
    r"primigravida|multigravida)\b (?:\w+ ){0,4}?(?:presented|was admitted|was referred|came|developed|"
    r"with a history|complained|underwent|who|was diagnosed|was found|had)|^\W*(?:a|an|one|two|"
    r"three) (?:\w+[ -]){0,2}?cases? [^.]{0,150}?\b(?:is|are) (?:reported|described|presented)\b|"
    r"\bthe case (?:described|presented|reported) (?:here|herein)|\bherein,? (?:\w+ ){0,3}case\b|\b(?:two|"
    r"three) (?:clinical )?cases (?:were|are) (?:presented|described|reported|performed)|"
    r"\bevidence (?:offered|provided) by a case\b|^\W*(?:a|an) (?:\w+ ){0,2}?(?:boy|girl|man|woman|infant|"
    r"child|patient|neonate|newborn|adolescent|gentleman|lady) (?:with|who|presented|was)\b|"
    r"\b(?:two|three|2|3) (?:\w+ )?patients [^.]{0,150}?\b(?:are|were) (?:reported|described|presented)\b|"
    r"\bthis case (?:study )?(?:reports?|highlights|illustrates|demonstrates|shows|suggests|emphasi[sz]es|"
    r"underscores|represents|describes|adds|is)\b|\bour case\b|\bthe present case\b|\bthe (?:first|"
    r"second) (?:reported )?case\b|"
    r"\b(?:this|the present) (?:article|paper|report) (?:\w+ ){0,2}?(?:presents|describes|reports)(?: and "
    r"discusses)? (?:a|an|the) (?:\w+[ -]){0,3}?case\b"
)
_CASE_SECTIONS = frozenset(
    {
        "case presentation",
        "case report",
        "case description",
        "case summary",
        "case",
        "case details",
        "case history",
        "clinical case",
        "case reports",
        "patient concerns",
        "presentation of case",
        "case series",
        "cases",
        "case presentations",
        "clinical presentation",
        "observation",
        "observations",
    }
)
_CASE_SERIES = rx(
    r"\bcase series of (?P<n4>"
    + _NUM
    + r") |\bcase series\b|^\W*(?P<n2>"
    + _NUM
    + r") (?:\w+[ -]){0,3}?cases [^.]{0,150}?\b(?:are|were) "
    r"(?:reported|described|presented|reviewed)\b|\bstudy of (?P<n3>"
    + _NUM
    + r") (?:\w+ )?cases\b|\bseries of (?P<n7>"
    + _NUM
    + r") (?:\w+ ){0,3}?(?:cases|patients)\b|"
    r"\bwe (?:\w+ )?(?:report|present|describe|reviewed|review) (?:the "
    r"|our )?(?:\w+ ){0,2}?(?P<n>" + _NUM + r") (?:\w+[ -]){0,3}?(?:cases|patients)\b|\bof this (?:article|"
    r"paper|report) is to (?:\w+ )?(?:report|present|describe|review) (?:the |our )?(?:\w+ ){0,2}?(?P<n6>"
    + _NUM
    + r") (?:\w+[ -]){0,3}?(?:cases|patients)\b|\ba series (?:is|was) (?:presented|reported|described) of "
    r"(?P<n5>" + _NUM + r") (?:\w+ )?(?:cases|patients)\b"
)
_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_UNITS.update({"a": 1, "an": 1})
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if i > 1
}


def number_value(text: str) -> int | None:
    """The value of "12", "three", "eighty-eight" or "two hundred"; None when it is not a number."""
    text = text.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text in _UNITS:
        return _UNITS[text]
    tens, _, unit = text.partition("-")
    if tens in _TENS and (not unit or unit in _UNITS):
        return _TENS[tens] + (_UNITS.get(unit, 0) if unit else 0)
    head, _, tail = text.partition(" ")
    if tail == "hundred" and head in _UNITS:
        return 100 * _UNITS[head]
    return None


def _case(view: View, research: int) -> Decision | None:
    labels = set(view.section_labels)
    series = in_text(view, _CASE_SERIES, 10)
    if series:
        m = _CASE_SERIES.search(view.low_title) or _CASE_SERIES.search(view.low_abstract)
        groups = m.groupdict() if m else {}
        n_text = next((groups[g] for g in ("n", "n2", "n3", "n4", "n5", "n6", "n7") if groups.get(g)), "")
        n = number_value(n_text) if n_text else None
        if n and n <= 3:
            return Decision("case_report", series)
        explicit = any(groups.get(g) for g in ("n2", "n3", "n5")) or "case series" in series.phrase.lower()
        if explicit or (n and n <= 30 and research < 6):
            return Decision("case_series", series)
    sections = sorted(labels & _CASE_SECTIONS)
    if sections:
        return Decision("case_report", meta("abstract section", sections[0]))
    hit = in_title(view, _CASE_TITLE)
    if hit and _CASE_NOT.search(view.low_title):
        hit = None
    if (
        hit
        and _CASE_STUDY.search(view.low_title)
        and (not _CLINICAL.search(view.low_text) or _CASE_STUDY_RESEARCH.search(view.low_text))
    ):
        # "A case study of the European Union", "the case of Kidderia species": a case, but not a patient;
        # "a qualitative case study of three hospitals": a research design (health services, education).
        hit = None
    abstract_hit = in_abstract(view, _CASE_ABSTRACT, 10)
    # The veto reads the match itself: the quoted context of "this case report" starts "In this case".
    if abstract_hit and _CASE_NOT.search(view.low_abstract[abstract_hit.start : abstract_hit.end]):
        abstract_hit = None
    if hit and (abstract_hit or research < 5 or "case report" in hit.phrase.lower()):
        return Decision("case_report", hit)
    if abstract_hit:
        return Decision("case_report", abstract_hit)
    if research < 2 and len(view.low_abstract) < 1000 and not _CELL_LINE.search(view.low_abstract):
        # A short abstract without data that names one patient by age is about that patient; longer
        # texts name an example patient, a donor or a cell line's source the same way.
        hit = in_abstract(view, _AGED_PERSON, 10)
        if hit:
            return Decision("case_report", hit)
    if (
        _CASE_JOURNAL.search(view.low_journal)
        and len(view.low_abstract) >= 200
        and not _OPINION_TITLE.search(view.low_title)
    ):
        # Journals that publish only case reports ("Journal of Medical Case Reports", "… Case Reports"):
        # a series or a review there has been caught above by its own words.
        return Decision("case_report", meta("journal", view.journal))
    return None


_AGED_PERSON = rx(
    r"\b(?:a|an) \d+[- ](?:year|month|week|day)s?[- ]old (?:[a-z]+[ -]){0,3}?(?:man|woman|male|female|boy|"
    r"girl|patient|child|infant|neonate|newborn|gentleman|lady|primigravida|multigravida)\b",
    "old",
)
_CELL_LINE = rx(
    r"\bcell lines?\b|\bipscs?\b|\bpluripotent\b|\bdonors?\b|\bcadavers?\b",
    "line lines ipsc ipscs pluripotent donor donors cadaver cadavers",
)
_CASE_STUDY = re.compile(r"\bcase stud(?:y|ies)\b|\bcases? of\b")
_CASE_STUDY_RESEARCH = rx(
    r"\bqualitative\b|\binterviews?\b|\bfocus groups?\b|\bstakeholders?\b|\bimplementation\b|"
    r"\borgani[sz]ations?\b|\bhospitals\b|\bhealth (?:systems?|services?|care systems?)\b|\bpolicy\b|"
    r"\bprogram(?:me)?s?\b|\bschools?\b|\bcurricul|\bstaff\b|\bcommunit(?:y|ies)\b",
    "qualitative interview interviews focus stakeholder stakeholders implementation organisation "
    "organisations "
    "organization organizations hospitals health policy program programs programme programmes school schools "
    "staff community communities",
    ("curricul",),
)
_CLINICAL = rx(
    r"\b(?:patients?|man|woman|boy|girl|child|infant|neonate|newborn|(?:year|month|week|day)[- ]old|"
    r"presented|presenting|diagnos[a-z]*|treated|treatment|surgery|surgical|clinical|hospital|disease|"
    r"syndrome|symptoms?|tumou?rs?|lesions?|infections?|carcinoma|fractures?|pain|therapy|disorder|"
    r"complicat\w*|perforat\w*|\w+(?:pathy|itis|osis|oma|a?emia|ectomy|otomy|plasty|trophy|algia|plasia|"
    r"rrhage))\b"
)
_CASE_JOURNAL = rx(r"\bcase reports?\b|\bcase rep\b")


_CASE_NOT = rx(
    r"case[- ]control|case[- ]crossover|case[- ]cohort|case[- ]mix|case fatality|case definition|"
    r"worst[- ]case|base[- ]case|in (?:any|either|each|this|that|the) case|business case|use case"
)

# --------------------------------------------------------------------------------------------------
# Subjects: animals and cells
# --------------------------------------------------------------------------------------------------
SPECIES = {
    "rat": r"rats?|sprague[- ]dawley|wistar|lewis rats?|fischer 344|murine|rodents?",
    "mouse": r"mice|mouse"
    r"|c57bl/?6j?|balb/c|db/db|ob/ob|apoe-/-|knockout mice|transgenic mice|nude mice|murine",
    "rabbit": r"rabbits?|new zealand white",
    "dog": r"dogs?|canines?|beagles?|puppies|puppy",
    "cat": r"cats|felines?|kittens?",
    "pig": r"pigs?|piglets?|swine|porcine|minipigs?|mini-pigs?|sows?|gilts?|boars?",
    "sheep": r"sheep|ewes?|lambs?|ovine",
    "goat": r"goats?|caprine",
    "cattle": r"cattle|cows?|calves|heifers?|bovine|dairy herds?|steers?|bulls",
    "horse": r"horses?|equine|ponies|pony|mares?|foals?|thoroughbreds?",
    "chicken": r"chickens?|broilers?|hens?|chicks?|poultry|laying birds",
    "zebrafish": r"zebrafish|danio rerio|medaka",
    "fish": r"fish|trout|salmon|tilapia|carp|catfish|eels?|seabass|sea bass|cod",
    "primate": r"monkeys?|macaques?|rhesus|cynomolgus|baboons?|marmosets?|chimpanzees?|non-?human primates?",
    "hamster": r"hamsters?",
    "guinea_pig": r"guinea pigs?",
    "ferret": r"ferrets?",
    "drosophila": r"drosophila|fruit flies|fruit fly",
    "c_elegans": r"c\. elegans|caenorhabditis",
    "bird": r"birds?|pigeons?|quails?|ducks?|geese|turkeys|songbirds?|zebra finch(?:es)?|parrots?|owls?",
    "frog": r"frogs?|xenopus|tadpoles?|toads?|amphibians?",
    "bee": r"honey ?bees?|bees|bumblebees?",
    "mosquito": r"mosquito(?:es)?|anopheles|aedes",
    "deer": r"deer|elk|moose|reindeer",
    "bat": r"bats",
    "camel": r"camels?|dromedar(?:y|ies)|alpacas?|llamas?",
}
_WORDS = re.compile(r"[a-z0-9]+")
# Reagents and cell lines named after animals are not animal subjects.
_ANIMALS = (
    r"(?:rats|mice|rabbits|dogs|pigs|sheep|goats|animals|horses|cats|monkeys|piglets|calves|cows|broilers|"
    r"hens|chickens|zebrafish|ewes|beagles|hamsters|mares|foals|heifers|lambs|birds|fish|larvae|macaques|"
    r"primates|guinea pigs|ferrets|minipigs|gerbils|flies|worms|embryos|pups|puppies|kittens|cattle|poultry|"
    r"swine)"
)
# Phrases that only an experiment on animals produces (a background "shown in animal studies" is not one).
# Phrases that only an experiment on animals produces (a background "shown in animal studies" is not one).
_INVIVO = rx(
    r"\b(?:ovariectomi[sz]ed|ovx|orchiectomi[sz]ed|sham[- ]operated) (?:\w+ ){0,2}?(?:rats?|mice|mouse|"
    r"rabbits?|sheep|animals|ewes|dogs|pigs|monkeys|model|group)|\b(?:knockout|knock-out|transgenic|"
    r"conditional knockout|null|deficient|mutant|wild[- ]type|cko) (?:\w+ ){0,1}?(?:mice|mouse|rats?|"
    r"zebrafish|flies|littermates)|\blittermates\b|\b(?:rat|mouse|murine|rabbit|canine|porcine|ovine|sheep|"
    r"pig|dog|goat|zebrafish|primate|equine|bovine|chick|swine|minipig|monkey|hamster|drosophila|xenograft|"
    r"rodent|large animal) (?:\w+[ -]){0,3}?(?:models?|modell?ing)\b|\bin vivo\b[^.]{0,60}?\bmodels?\b|"
    r"\bin vivo (?:\w+ ){0,2}?(?:mouse|mice|rats?|murine|rabbits?|porcine|canine|zebrafish)\b|"
    r"\b(?:drosophila|zebrafish|c\. elegans|mouse|mice|rat|fly) (?:\w+ ){0,2}?(?:mutants?|larvae|embryos|"
    r"strains|knockouts?)\b|\b(?:sprague[- ]dawley|wistar rats|c57bl|balb/c|db/db mice|ob/ob|nude mice|"
    r"scid mice|nod mice|cba mice)|\bclient[- ]owned\b|\bin (?:rats|mice|rabbits|dogs|pigs|sheep|zebrafish|"
    r"primates|monkeys|animals|a (?:rat|mouse|murine|rabbit|canine|porcine|sheep|pig|zebrafish) model)\b|"
    r"\bxenografts?\b|\bintraperitoneal(?:ly)? (?:inject|administ)|\bgavage\b|\bsubcutaneously implanted\b|"
    r"\b(?:mice|rats) (?:received|underwent|showed|exhibited|displayed|developed|lacking)\b|"
    r"\banimal (?:experiments?|study|studies were performed|model was established)\b|"
    r"\b(?:both )?in vitro and in vivo\b|\bin vivo and in vitro\b"
)
# The same, for counted or described animals ("40 male rats", "mice were injected"): kept apart because a
# plural animal noun is a whole word, so this cue can be skipped on the word set alone.
_INVIVO_ANIMALS = rx(
    r"\b(?:male|female|adult|aged|young|old|pregnant|juvenile|weanling|neonatal|healthy|obese|diabetic|"
    r"senescence-accelerated|nude|immunodeficient|c57bl/6j?|balb/c|cba|db/db|ob/ob|sprague[- ]dawley|wistar|"
    r"new zealand(?: white)?) (?:\w+[ -]){0,2}?" + _ANIMALS + r"\b"
    r"|\b" + _ANIMALS + r" (?:\w+ ){0,2}?(?:were|was) (?:randomly|divided|assigned|allocated|randomi[sz]ed|"
    r"treated|fed|injected|given|administered|exposed|sacrificed|killed|euthani[sz]ed|anesthetized|"
    r"anaesthetized|used|subjected|housed|implanted|immunized|infected|inoculated|operated|maintained|kept|"
    r"vaccinated|challenged|gavaged|ovariectomi[sz]ed|raised|bred|reared|sampled|examined|studied|evaluated|"
    r"assessed|observed)"
    r"|\b\d+ (?:\w+[ -]){0,3}?" + _ANIMALS + r"\b"
)
_HUMAN_NOUNS = rx(
    r"\b(?:patients|participants|women|men|adults|children|individuals|volunteers|infants|neonates|persons|"
    r"people|respondents|residents|students|nurses|physicians|pregnancies|mothers|survivors|veterans|"
    r"athletes|workers|adolescents|girls|boys|outpatients|inpatients|twins|donors|recipients|smokers|"
    r"employees)\b"
)
_HUMAN = rx(
    r"\bpatients (?:were|who|with|underwent|received|treated|undergoing|aged|admitted|enrolled|included)\b|"
    r"\b(?:participants|women|men|children|adults) (?:were|who|aged|with)\b|\b(?:clinical (?:trial|study|"
    r"studies|data|samples|cohort)|in patients with|healthy volunteers|healthy subjects|human subjects|"
    r"our hospital|hospitali[sz]ed|questionnaire|informed consent|medical records|case-control|cohort study|"
    r"cross-sectional|randomi[sz]ed controlled trial)\b"
)


def human_score(text: str) -> int:
    """Evidence that people were studied (counted participants and clinical wording), at most 6."""
    return min(counted(text, _HUMAN_NOUNS, 6) + count(_HUMAN, text, 6), 6)


_INVITRO = rx(
    r"\bin vitro\b|\bcell (?:lines?|cultures?|viability|proliferation|migration|invasion|apoptosis|cycle)\b|"
    r"\bcells were (?:treated|cultured|incubated|transfected|exposed|stimulated|seeded|infected|co-?cultured|"
    r"differentiated|isolated|grown)|\b(?:transfect|sirna|shrna|knockdown|overexpress|western blot|rt-q?pcr|"
    r"qrt-pcr|immunofluorescence|cck-8|mtt assay|transwell|flow cytometry|luciferase|co-immunoprecipitation|"
    r"chip assay|elisa|alizarin red|alkaline phosphatase staining|trap staining)|\b(?:mc3t3-e1|raw ?264\.7|"
    r"bmscs?|bmmscs?|hbmscs?|hmscs?|mscs|osteoblasts|osteoclasts|osteocytes|chondrocytes|fibroblasts|"
    r"macrophages|huvecs?|endothelial cells|hela|hek ?293t?|saos-?2|mg-?63|u2os|hfob|atdc5|c2c12|stem cells|"
    r"cancer cells|tumou?r cells|cell line)\b|\b(?:strains?|isolates|bacteria|bacterial|fungal|antimicrobial|"
    r"antibacterial|mic values?|minimum inhibitory|biofilms?|escherichia coli|staphylococcus|candida)\b|"
    r"\b(?:synthesi[sz]ed|fabricated|scaffolds?|nanoparticles?|hydrogels?|coatings?|composites?|crystals?|"
    r"spectroscopy|x-ray diffraction|dft calculations?|polymer|catalyst|electrochemical)\b"
)


_REAGENT_AFTER = re.compile(
    r"[ -](?:serum|albumin|anti|igg|igm|polyclonal|monoclonal|antibod|antiserum|collagen|gelatin|pericardium|"
    r"xenograft|bone (?:graft|substitute|mineral|matrix)|hydroxyapatite|thrombin|insulin|trypsin|red blood|"
    r"erythrocytes|cell line|macrophage cell|macrophages? cell line|embryonic fibroblast|fibroblast cell|"
    r"osteoblast cell|preosteoblast|mesenchymal stem cell line|leukemia virus|hepatitis|norovirus|"
    r"coronavirus|model of human|oils?\b|liver oil|intake|consumption|cartilage|heart valve|valve|"
    r"tissue[- ]derived|derived|origin|enzymes?\b|proteins?\b|sequences?\b)"
)
#: Words that can start each species' pattern: a species' regex runs only when one of them is present.
_SPECIES_TOKENS = {
    "rat": "rat rats sprague wistar lewis fischer murine rodent rodents",
    "mouse": "mice mouse c57bl balb db ob apoe knockout transgenic nude murine",
    "rabbit": "rabbit rabbits zealand",
    "dog": "dog dogs canine canines beagle beagles puppies puppy",
    "cat": "cats feline felines kitten kittens",
    "pig": "pig pigs piglet piglets swine porcine minipig minipigs sow sows gilt gilts boar boars",
    "sheep": "sheep ewe ewes lamb lambs ovine",
    "goat": "goat goats caprine",
    "cattle": "cattle cow cows calves heifer heifers bovine dairy steer steers bulls",
    "horse": "horse horses equine ponies pony mare mares foal foals thoroughbred thoroughbreds",
    "chicken": "chicken chickens broiler broilers hen hens chick chicks poultry laying",
    "zebrafish": "zebrafish danio medaka",
    "fish": "fish trout salmon tilapia carp catfish eel eels seabass sea cod",
    "primate": "monkey monkeys macaque macaques rhesus cynomolgus baboon baboons marmoset marmosets "
    "chimpanzee chimpanzees primate primates",
    "hamster": "hamster hamsters",
    "guinea_pig": "guinea",
    "ferret": "ferret ferrets",
    "drosophila": "drosophila fruit",
    "c_elegans": "elegans caenorhabditis",
    "bird": "bird birds pigeon pigeons quail quails duck ducks geese turkeys songbird songbirds zebra parrot "
    "parrots owl owls",
    "frog": "frog frogs xenopus tadpole tadpoles toad toads amphibian amphibians",
    "bee": "honey honeybee honeybees bees bumblebee bumblebees",
    "mosquito": "mosquito mosquitoes anopheles aedes",
    "deer": "deer elk moose reindeer",
    "bat": "bats",
    "camel": "camel camels dromedary dromedaries alpaca alpacas llama llamas",
}
_SPECIES_CUES = {
    name: (frozenset(_SPECIES_TOKENS[name].split()), rx(r"\b(?:" + pattern + r")\b"))
    for name, pattern in SPECIES.items()
}
_ALL_SPECIES_TOKENS = frozenset().union(*(tokens for tokens, _ in _SPECIES_CUES.values()))


def _species(view: View) -> dict[str, Hit]:
    """``animal_species:<name>`` flags for animals studied (not reagents named after animals)."""
    found: dict[str, Hit] = {}
    if _ALL_SPECIES_TOKENS.isdisjoint(view.words):
        return found
    for field_name, text in (("title", view.low_title), ("abstract", view.low_abstract)):
        if not text:
            continue
        tokens = TOKENS.get(text) or frozenset(_WORDS.findall(text))
        candidates = [
            name
            for name, (words, _) in _SPECIES_CUES.items()
            if name not in found and not words.isdisjoint(tokens)
        ]
        if not candidates:
            continue
        first: list[tuple[int, str, str]] = []
        for name in candidates:
            for m in _SPECIES_CUES[name][1].finditer(text):
                if _REAGENT_AFTER.match(text, m.end()) or text.endswith(("anti-", "anti "), 0, m.start()):
                    continue  # "bovine serum albumin", "goat anti-rabbit", "murine macrophage cell line"
                first.append((m.start(), name, m.group(0)))
                break
        for _, name, phrase in sorted(first):
            if name == "rat" and phrase in {"murine", "rodent", "rodents"}:
                continue
            if name == "mouse" and phrase == "murine" and "rat" in found:
                continue
            if name not in found:
                found[name] = Hit(field_name, phrase)
        if len(found) > 4:
            break
    return found


def _subject_gate() -> frozenset[str]:
    words: set[str] = set()
    for cue in (_INVIVO, _INVIVO_ANIMALS):
        words |= cue.words or set()
    return frozenset(words | _ALL_SPECIES_TOKENS)


def _first(*hits: Hit | None) -> Hit | None:
    """The earliest hit, title before abstract."""
    found = [h for h in hits if h is not None]
    return min(found, key=lambda h: (h.field != "title", h.start)) if found else None


def _subjects(view: View, species: dict[str, Hit]) -> tuple[int, int, Hit | None]:
    """(animal score, human score, strongest animal evidence).

    Experiment phrases ("ovariectomised rats", "mice were injected") weigh most; a species in the title of
    a research abstract counts too ("… in Drosophila"), but a species word alone in a headline does not:
    news items mention dogs and cattle, and human studies cite animal work in their background.
    """
    low = view.low_text
    animal = 0
    evidence: Hit | None = None
    if not view.mesh and _SUBJECT_GATE.isdisjoint(view.words):
        return 0, 0, None  # no animal word at all: nothing below could fire
    invivo = _first(in_text(view, _INVIVO, 10), in_text(view, _INVIVO_ANIMALS, 10))
    if invivo:
        animal += 4 + min(count(_INVIVO, low, 4) + count(_INVIVO_ANIMALS, low, 4) - 1, 3)
        evidence = invivo
    title_species = [h for h in species.values() if h.field == "title"]
    if title_species:
        animal += 3 if len(view.low_abstract) > 200 else 1
        evidence = evidence or title_species[0]
    abstract_species = [h for h in species.values() if h.field == "abstract"]
    if abstract_species:
        animal += min(len(abstract_species), 2)
        evidence = evidence or abstract_species[0]
    if _TITLE_INVIVO.search(view.low_title) and species:
        animal += 2
    mesh = view.mesh
    if "animals" in mesh and "humans" not in mesh and mesh.isdisjoint(_NOT_AN_EXPERIMENT_MESH):
        animal += 6
        evidence = meta("MeSH", "Animals (without Humans)")
    human = 0
    if animal >= 3 or "humans" in mesh:
        human = human_score(low)
    if "humans" in mesh and "animals" not in mesh:
        human += 6
    return animal, human, evidence


#: NLM adds the "Animals" check tag to fossils and to residues measured in wild fauna too: with these
#: headings the animals were described, not experimented on.
_NOT_AN_EXPERIMENT_MESH = frozenset(
    {"fossils", "paleontology", "paleodontology", "pesticide residues", "environmental monitoring"}
)
_TITLE_INVIVO = rx(r"\bin vivo\b|\bex vivo\b|\bpreclinical\b|\bexperimental\b")


# --------------------------------------------------------------------------------------------------
# Trials
# --------------------------------------------------------------------------------------------------
_RCT_TITLE = rx(
    r"(?<!non-)(?<!non)(?<!not )(?<!quasi-)(?<!quasi )(?<!pseudo-)\brandomi[sz]ed\b|\brandomised\b|"
    r"\brandomly\b|(?<!of )(?<!of two )\brcts?\b(?! (?:of|on|in) )|\brandom (?:allocation|assignment)\b|"
    r"\bcluster[- ]randomi"
)
_RCT_ABSTRACT = rx(
    r"\b(?:were|was|being|are|is|been|had been|have been) (?:\w+ ){0,2}?(?:randomi[sz]ed|"
    r"randomly (?:\w+ )?(?:assigned|allocated|divided|distributed|selected to receive|split into (?:two|"
    r"three|\d) (?:treatment )?(?:groups|arms))|random(?:ly)? (?:assigned|allocated))\b|"
    r"\brandomi[sz]ed[ ,]+(?:\w+[ ,-]+){0,6}?(?:trial|study|experiment|design|fashion|manner|order|sequence|"
    r"allocation)\b|\brandomi[sz]ation (?:was|to|into|in|of|(?:\(\d:\d\)|\d:\d))|\brandom (?:allocation|"
    r"assignment) (?:to|of|was|into)\b|\brandomly (?:assigned|allocated)\b|\b(?:in|into|to) a \d:\d (?:ratio|"
    r"fashion|manner)\b|\brandomi[sz]ed (?:\d:\d|\(\d:\d\)|in a|to (?:receive|either|one|two|three|\w+ or))|"
    r"\brct\b|\b(?:allocated|assigned|distributed|divided) at random\b|\bat random (?:to|into) (?:receive|"
    r"either|one|two|three|\w+ or)\b|\bin a random(?:i[sz]ed)? design\b|\brandomly administered\b"
)
_NOT_RCT_CONTEXT = rx(
    r"\bnon-?randomi[sz]ed|\bnot randomi[sz]ed|\bquasi-?randomi[sz]ed|\bpseudo-?randomi[sz]ed|\bmendelian|"
    r"\brandomi[sz]ed (?:\w+ ){0,3}?(?:trials|studies|rcts)\b(?! (?:was|were))|"
    # A random split of data into model-building sets ("randomly divided into training and validation").
    r"\b(?:training|discovery|derivation|development|validation|test(?:ing)?) (?:and (?:\w+ )?(?:validation|"
    r"test(?:ing)?|replication)|(?:sets?|cohorts?|datasets?|samples?)\b)|\bto form (?:the )?(?:discovery|"
    r"training|derivation)|\b(?:dataset|data set|data|samples|images|specimens|records) (?:\w+ ){0,2}?(?:was|"
    r"were) randomly\b|"
    # A trial proposed or called for, not reported: "a randomized trial is warranted".
    r"\btrials? (?:is|are|would be|will be) (?:\w+ )?(?:needed|required|warranted|indicated|necessary)\b|"
    r"\b(?:future|further|larger|we propose|proposed|planned) (?:\w+[ -]){0,3}?randomi[sz]ed\b"
)
_SECONDARY = rx(
    r"\bsecondary analys[ie]s\b|\bpost[- ]?hoc (?:\w+ )?analys[ie]s\b|"
    r"\bexploratory (?:\w+ ){0,2}analys[ie]s of\b|\bancillary (?:study|analysis)\b|\bsub-?stud(?:y|ies) of\b|"
    r"\bpre-?specified (?:secondary |subgroup |exploratory )?analys[ie]s\b|\b(?:data|participants|patients|"
    r"women|men|children) (?:\w+ ){0,3}?(?:from|in|of|enrolled in|participating in) (?:a|the|two|three|"
    r"\d) (?:\w+[ -]){0,4}?(?:randomi[sz]ed|phase (?:i|ii|iii|iv|\d)|placebo-controlled|double-blind|"
    r"controlled) (?:\w+[ -]){0,3}?trials?\b|\bpooled analysis of (?:\w+[ -]){0,4}?trials\b|"
    r"\banalysis of (?:data from )?(?:a|the|two|"
    r"three) (?:\w+[ -]){0,4}?randomi[sz]ed (?:\w+[ -]){0,3}?trials?\b|\bsubgroup analys[ie]s of (?:a|the)\b|"
    r"\bcost-effectiveness analysis alongside\b|\bextension (?:study|phase) of\b"
)
_CROSSOVER = rx(r"\bcross-?over\b")
_NRCT = rx(
    r"\bnon-?randomi[sz]ed (?:\w+[ ,-]+){0,3}?(?:trial|study|controlled|comparative|clinical|intervention)|"
    r"\bsingle[- ](?:arm|group)\b(?! (?:\w+ )?(?:series|case|cohort))(?: (?:\w+[ -]){0,3}?(?:trial|study))?|"
    r"\bopen[- ]label\b(?:,? (?:\w+[ -]){0,4}?(?:trial|study|extension))?|\bphase (?:i|ii|1|2|1b|2a|2b|ib|"
    r"iia|iib|i/ii|1/2|0)\b(?:,? (?:\w+[ -]){0,4}?(?:trial|study))?|\bquasi-?(?:experimental|"
    r"randomi[sz]ed)\b|\bpilot (?:\w+ ){0,2}?(?:trial|intervention)\b|\b(?:controlled|uncontrolled|clinical|"
    r"open|prospective interventional|intervention|feasibility) (?:\w+ )?trial\b|\bbefore[- ]and[- ]after\b|"
    r"\bpre-?post (?:\w+ )?(?:design|intervention|study)|\bpre-? and post-?(?:test|intervention)\b|"
    r"\bdouble[- ]blind(?:ed)?\b|\bplacebo[- ]controlled\b|\bfirst[- ]in[- ]human\b|\bdose[- ](?:escalation|"
    r"finding|ranging)\b|(?<!non-)(?<!non)\binterventional study\b"
)


def _trial(view: View, human: int, animal: int) -> Decision | None:
    low_a, low_t = view.low_abstract, view.low_title
    title = in_title(view, _RCT_TITLE)
    if title and _NOT_RCT_CONTEXT.search(low_t):
        title = None
    abstract = None
    for m in _RCT_ABSTRACT.finditer(low_a):
        window = low_a[max(0, m.start() - 25) : m.end() + 60]
        if _NOT_RCT_CONTEXT.search(window):
            continue
        abstract = m
        break
    flags: dict[str, Hit] = {}
    if title or abstract:
        secondary = in_text(view, _SECONDARY, 10)
        if secondary:
            flags["rct_secondary_analysis"] = secondary
        if title:
            return Decision("rct", title, flags)
        assert abstract is not None
        from osteodigest.crawler.tagging.cues import quote

        return Decision(
            "rct", Hit("abstract", quote(view.abstract, low_a, abstract, 15), abstract.start()), flags
        )
    hit = in_text(view, _NRCT, 10)
    if hit:
        if _CROSSOVER.search(view.low_text) and "placebo" in view.low_text and "double" in view.low_text:
            return Decision("nonrandomised_trial", hit)
        return Decision("nonrandomised_trial", hit)
    return None


# --------------------------------------------------------------------------------------------------
# Observational and other clinical designs
# --------------------------------------------------------------------------------------------------
_ECONOMIC = rx(
    r"\bcost[- ](?:effectiveness|utility|benefit|minimi[sz]ation|consequence)\b|\bqal(?:y|ys|ies)\b|"
    r"\bquality[- ]adjusted life[- ]years?\b|\bincremental cost\b|\bicers?\b|\bbudget impact\b|"
    r"\beconomic (?:evaluation|analysis|model|burden|impact|modell?ing)\b|"
    r"\bmarkov (?:\w+ )?model\b.{0,200}\bcost|\bwillingness[- ]to[- ]pay\b|\bhealth economic"
)
_DIAGNOSTIC = rx(
    r"\bdiagnostic (?:accuracy|performance|value|yield|utility|efficacy|ability|test)\b|"
    r"\bsensitivity and specificity\b|\bsensitivity,? specificity\b|\bsensitivity (?:of|was|"
    r"=) \d.{0,80}\bspecificity\b|\bpositive predictive values?\b.{0,150}\bnegative predictive|"
    r"\b(?:area under the (?:receiver operating characteristic )?curve|auc|roc curve).{0,150}\b(?:diagnos|"
    r"detect|discriminat|identify)|\breference standard\b|\bgold standard\b.{0,150}\b(?:sensitivity|"
    r"specificity|agreement|accuracy)"
)
_PREDICTION = rx(
    r"\bnomograms?\b|\b(?:risk )?prediction (?:model|tool|rule|score)s?\b|\bpredictive (?:model|nomogram|"
    r"score|tool)s?\b|\bprognostic (?:model|nomogram|score|index)\b|\bc[- ]index\b|\bcalibration (?:curve|"
    r"plot)s?\b|\bmachine[- ]learning (?:\w+ ){0,3}?(?:model|models|algorithm|algorithms|approach)\b|"
    r"\bdeep learning\b|\bradiomics?\b|\brisk score\b.{0,100}\b(?:develop|validat|deriv)|\b(?:develop|"
    r"validat|deriv)\w* (?:\w+ ){0,4}?(?:model|score|nomogram|algorithm|tool) (?:to|for) (?:predict|identify|"
    r"estimate|stratify)"
)
_CASE_CONTROL = rx(
    r"\bcase[- ]control\b|\bnested case\b|\bmatched (?:\w+ )?controls\b|"
    r"\bcases and (?:\d+ )?(?:\w+ ){0,3}?controls\b|\b(?:age|sex|age- and sex|age and sex|age- and gender|"
    r"age and gender)[- ]matched (?:\w+ )?(?:healthy )?controls\b|\bhealthy controls\b|\bcontrol (?:group|"
    r"subjects) (?:of|comprised|consisted)"
)
_CASE_CONTROL_WORDS = rx(r"\bcase[- ]control\b|\bnested case")
_CROSS_SECTIONAL = rx(
    r"\bcross[- ]sectional\b|\b(?:online|web-based|national|nationwide|questionnaire|telephone|postal|"
    r"household|population-based|community-based|cross-national|descriptive|anonymous|electronic|"
    r"multicent(?:er|re)) (?:\w+ )?surveys?\b|\bsurvey (?:was|of|study|among|data)\b|\bprevalence study\b|"
    r"\b(?:we|this study) surveyed\b|\bquestionnaires? (?:was|were) (?:sent|distributed|administered|"
    r"completed|mailed|emailed)\b"
)
_COHORT = rx(
    r"\bcohorts?\b|\bprospective(?:ly)?\b|\bretrospective(?:ly)?\b|\blongitudinal\b|\bfollow(?:ed)?[- ]up\b|"
    r"\bregistry\b|\bregister-based\b|\bdatabase\b|\bmedical records\b|\bconsecutive (?:\w+ )?patients\b|"
    r"\bobservational (?:\w+ )?study\b|\bincidence\b|\bclaims data\b|\bnationwide\b|\bpopulation-based\b|"
    r"\bnon-?interventional\b"
)
_QUALITATIVE = rx(
    r"\bqualitative (?:study|research|interview|analysis|approach|design|descriptive)\b|"
    r"\bsemi-?structured interviews?\b|\bfocus groups?\b|\bthematic analysis\b|"
    r"\binterpretative phenomenological\b|\bgrounded theory\b|\bethnograph(?:ic|y)\b|"
    r"\bphenomenolog(?:ical|y)\b|\bin-depth interviews?\b|\binterview study\b|\bmixed[- ]methods?\b|"
    r"\binterviews were (?:conducted|held|carried out|performed|recorded|transcribed)\b"
)


def _observational(view: View, research: int) -> Decision | None:
    hit = in_text(view, _ECONOMIC, 10)
    if hit and (in_title(view, _ECONOMIC) or count(_ECONOMIC, view.low_abstract, 4) >= 2):
        return Decision("economic_evaluation", hit)
    title_design = (
        ("case_control", in_title(view, _CASE_CONTROL)),
        ("cross_sectional", in_title(view, _CROSS_SECTIONAL)),
        ("diagnostic_accuracy", in_title(view, _DIAGNOSTIC)),
        ("prediction_model", in_title(view, _PREDICTION)),
    )
    for name, hit in title_design:
        if hit:
            return Decision(name, hit)
    cohort_title = in_title(view, _COHORT)
    hit = in_abstract(view, _DIAGNOSTIC, 15)
    if hit and count(_DIAGNOSTIC, view.low_abstract, 4) >= 2:
        return Decision("diagnostic_accuracy", hit)
    hit = in_abstract(view, _PREDICTION, 15)
    if hit and count(_PREDICTION, view.low_abstract, 4) >= 2:
        return Decision("prediction_model", hit)
    hit = in_abstract(view, _CASE_CONTROL_WORDS, 15)
    if hit:
        return Decision("case_control", hit)
    hit = in_abstract(view, _CROSS_SECTIONAL, 15)
    if hit and not cohort_title:
        return Decision("cross_sectional", hit)
    if cohort_title:
        return Decision("cohort", cohort_title)
    hit = in_abstract(view, _COHORT, 15)
    if hit and research >= 2:
        return Decision("cohort", hit)
    hit = in_abstract(view, _CASE_CONTROL, 15)
    if hit and research >= 2:
        return Decision("case_control", hit)
    if hit := in_abstract(view, _PREDICTION, 15):
        return Decision("prediction_model", hit)
    if hit := in_abstract(view, _DIAGNOSTIC, 15):
        return Decision("diagnostic_accuracy", hit)
    return None


# --------------------------------------------------------------------------------------------------
# Metadata (NLM publication types and MeSH), refined by text
# --------------------------------------------------------------------------------------------------
_PUBTYPE_DIRECT = (
    ("randomized controlled trial, veterinary", "animal"),
    ("clinical trial, veterinary", "animal"),
    ("meta-analysis", "meta_analysis"),
    ("network meta-analysis", "meta_analysis"),
    ("scoping review", "scoping_review"),
    ("systematic review", "systematic_review"),
    ("practice guideline", "guideline"),
    ("guideline", "guideline"),
    ("consensus development conference", "guideline"),
    ("consensus development conference, nih", "guideline"),
    ("consensus statement", "guideline"),
    ("clinical trial protocol", "protocol"),
    ("randomized controlled trial", "rct"),
    ("pragmatic clinical trial", "rct"),
    ("equivalence trial", "rct"),
    ("case reports", "case_report"),
)
_TRIAL_TYPES = (
    "controlled clinical trial",
    "clinical trial",
    "clinical trial, phase i",
    "clinical trial, phase ii",
    "clinical trial, phase iii",
    "clinical trial, phase iv",
    "adaptive clinical trial",
    "clinical study",
)
_MESH_DESIGN = (
    ("mendelian randomization analysis", "mendelian_randomization"),
    ("case-control studies", "case_control"),
    ("cross-sectional studies", "cross_sectional"),
    ("cohort studies", "cohort"),
    ("prospective studies", "cohort"),
    ("longitudinal studies", "cohort"),
    ("retrospective studies", "cohort"),
)


def _from_metadata(view: View, research: int, text_review: Decision | None) -> Decision | None:
    types = view.publication_types
    for name, study_type in _PUBTYPE_DIRECT:
        if name not in types:
            continue
        why = meta("publication type", name.title())
        if study_type in {"systematic_review", "meta_analysis", "scoping_review"}:
            # NLM tags many pooled reviews "Systematic Review" only; the text settles it.
            if text_review and text_review.study_type in {
                "meta_analysis",
                "scoping_review",
                "systematic_review",
            }:
                if study_type == "meta_analysis" and text_review.study_type != "meta_analysis":
                    return Decision(study_type, why)
                return Decision(text_review.study_type, text_review.why)
            if study_type == "systematic_review" and _bioinformatics(view):
                return _bioinformatics(view)
            return Decision(study_type, why)
        if study_type == "case_report":
            text_case = _case(view, research)
            if text_case and text_case.study_type == "case_series":
                return text_case
        if study_type == "rct":
            flags = {}
            secondary = in_text(view, _SECONDARY, 10)
            if secondary:
                flags["rct_secondary_analysis"] = secondary
            return Decision("rct", why, flags)
        return Decision(study_type, why)
    return None


def _trial_from_metadata(view: View, text: Decision | None) -> Decision | None:
    present = [t for t in _TRIAL_TYPES if t in view.publication_types]
    if not present:
        return None
    if text and text.study_type in {"rct", "nonrandomised_trial"}:
        return text
    return Decision("nonrandomised_trial", meta("publication type", present[0].title()))


# --------------------------------------------------------------------------------------------------
# The decision list
# --------------------------------------------------------------------------------------------------
def rule_verdict(view: View) -> tuple[Decision, int]:
    """The rule list's decision and the strength of the abstract's original-data signals (0 = none)."""
    research = research_signals(view)
    decision = _classify(view, research)
    if decision.study_type in {"animal", "in_vitro", "bioinformatics"} or "animals" in view.mesh:
        species = _species(view)
        if decision.study_type == "animal" or ("animals" in view.mesh and "humans" not in view.mesh):
            for name, hit in species.items():
                decision.flags[f"animal_species:{name}"] = hit
    return decision, research


def animal_flags(view: View) -> dict[str, Hit]:
    """``animal_species:<name>`` flags for the animals the work studied."""
    return {f"animal_species:{name}": hit for name, hit in _species(view).items()}


class _Context:
    """What several steps read, computed once per work and only when a step first asks for it."""

    __slots__ = ("_case", "_observational", "_review", "_subjects", "research", "view")

    def __init__(self, view: View, research: int | None) -> None:
        self.view = view
        self.research = research_signals(view) if research is None else research
        self._review: tuple[Decision | None] | None = None
        self._case: tuple[Decision | None] | None = None
        self._observational: tuple[Decision | None] | None = None
        self._subjects: tuple[int, int, Hit | None] | None = None

    @property
    def review(self) -> Decision | None:
        if self._review is None:
            self._review = (_review(self.view, self.research),)
        return self._review[0]

    @property
    def case(self) -> Decision | None:
        if self._case is None:
            self._case = (_case(self.view, self.research),)
        return self._case[0]

    @property
    def observational(self) -> Decision | None:
        if self._observational is None:
            self._observational = (_observational(self.view, self.research),)
        return self._observational[0]

    @property
    def subjects(self) -> tuple[int, int, Hit | None]:
        """(animal score, human score, the animal evidence)."""
        if self._subjects is None:
            self._subjects = _subjects(self.view, _species(self.view))
        return self._subjects


Step = Callable[[View, _Context], "Decision | None"]


def _step_metadata(view: View, ctx: _Context) -> Decision | None:
    return _from_metadata(view, ctx.research, ctx.review)


def _step_review_type(view: View, ctx: _Context) -> Decision | None:
    if "review" in view.publication_types and not ctx.case:
        return ctx.review or Decision("narrative_review", meta("publication type", "Review"))
    return None


def _step_case_in_title(view: View, ctx: _Context) -> Decision | None:
    """A case report its title announces wins over a review or guideline the abstract also reads like."""
    if not _CASE_TITLE.search(view.low_title):
        return None
    case = ctx.case
    if case and case.study_type == "case_report" and case.why and case.why.field == "title":
        return case
    return None


def _step_mesh_mendelian(view: View, ctx: _Context) -> Decision | None:
    design, study_type = _MESH_DESIGN[0]
    return Decision(study_type, meta("MeSH", design.title())) if design in view.mesh else None


def _step_animal_first(view: View, ctx: _Context) -> Decision | None:
    animal, human, why = ctx.subjects
    return Decision("animal", why) if animal >= 3 and animal > human else None


def _step_trial(view: View, ctx: _Context) -> Decision | None:
    animal, human, _ = ctx.subjects
    trial = _trial(view, human, animal)
    return _trial_from_metadata(view, trial) or trial


def _step_mesh_design(view: View, ctx: _Context) -> Decision | None:
    for design, study_type in _MESH_DESIGN[1:]:
        if design in view.mesh:
            observational = ctx.observational
            if observational and observational.study_type in {
                "diagnostic_accuracy",
                "prediction_model",
                "economic_evaluation",
            }:
                return observational
            return Decision(study_type, meta("MeSH", design.title()))
    return None


def _step_observational_type(view: View, ctx: _Context) -> Decision | None:
    if "observational study" in view.publication_types:
        return Decision("cohort", meta("publication type", "Observational Study"))
    return None


def _step_animal_weak(view: View, ctx: _Context) -> Decision | None:
    animal, _, why = ctx.subjects
    return Decision("animal", why) if animal >= 3 else None


def _step_qualitative(view: View, ctx: _Context) -> Decision | None:
    return (
        Decision("qualitative", in_text(view, _QUALITATIVE)) if _QUALITATIVE.search(view.low_text) else None
    )


def _step_in_vitro_with_data(view: View, ctx: _Context) -> Decision | None:
    """Laboratory work that reports data, unless people were studied too."""
    if ctx.research < 2:
        return None
    hit = in_text(view, _INVITRO, 10)
    if hit is None:
        return None
    human = max(ctx.subjects[1], human_score(view.low_text))
    return Decision("in_vitro", hit) if human < 2 else None


def _step_in_vitro_without_data(view: View, ctx: _Context) -> Decision | None:
    if ctx.research >= 2:
        return None
    hit = in_text(view, _INVITRO, 10)
    if hit is None:
        return None
    human = max(ctx.subjects[1], human_score(view.low_text))
    return Decision("in_vitro", hit) if human == 0 else None


#: The rules' precedence, most decisive first. The first step that names a design decides; each step
#: reads its own class's cues (above) and the shared, lazily computed context. Reading this table is
#: reading which class wins when two could: a cue added to one class moves a record from another class
#: only when the former's step comes first here, and ``tests/test_tagging_gold.py`` pins every gold record.
STEPS: tuple[tuple[str, Step], ...] = (
    ("notice (erratum, retraction, concern)", lambda view, ctx: _notice(view)),
    ("NLM publication types, refined by the text", _step_metadata),
    ("the article's form: letter, comment, editorial", lambda view, ctx: _commentary(view, ctx.research)),
    ("publication type Review", _step_review_type),
    ("protocol", lambda view, ctx: _protocol(view)),
    ("case report named in the title", _step_case_in_title),
    ("systematic review, meta-analysis, scoping review", lambda view, ctx: ctx.review),
    ("guideline", lambda view, ctx: _guideline(view, ctx.research)),
    ("Mendelian randomisation (MeSH)", _step_mesh_mendelian),
    ("Mendelian randomisation", lambda view, ctx: _mendelian(view)),
    ("case report or case series", lambda view, ctx: ctx.case),
    ("narrative review, strong cue", lambda view, ctx: _narrative(view, ctx.research, strong_only=True)),
    ("bioinformatics", lambda view, ctx: _bioinformatics(view)),
    ("animal study, animals outweigh people", _step_animal_first),
    ("trial, randomised or not", _step_trial),
    ("observational design (MeSH)", _step_mesh_design),
    ("observational design (text)", lambda view, ctx: ctx.observational),
    ("publication type Observational Study", _step_observational_type),
    ("animal study", _step_animal_weak),
    (
        "opinion in the abstract",
        lambda view, ctx: _weak_commentary(view, ctx.research) if view.low_abstract else None,
    ),
    ("qualitative study", _step_qualitative),
    ("in-vitro study with data", _step_in_vitro_with_data),
    ("narrative review, weaker cue", lambda view, ctx: _narrative(view, ctx.research, strong_only=False)),
    ("commentary, weaker cue", lambda view, ctx: _weak_commentary(view, ctx.research)),
    ("in-vitro study", _step_in_vitro_without_data),
)


def _classify(view: View, research: int | None = None) -> Decision:
    """The first design the steps of :data:`STEPS` name, or "other"."""
    ctx = _Context(view, research)
    for _, step in STEPS:
        decision = step(view, ctx)
        if decision is not None:
            return decision
    return Decision("other", None)


# --------------------------------------------------------------------------------------------------
# Trigger words: a cue's regex runs only when one of these whole words (or substrings) is in the text.
# Every alternative of the pattern must contain one of them; ``python benchmarks/tagging.py
# --check-gating`` tags thousands of real records with and without gating and fails on any difference.
# --------------------------------------------------------------------------------------------------
_SPECIES_WORDS = (
    "rat rats sprague wistar fischer murine rodent rodents mice mouse c57bl c57bl6 c57bl6j balb db ob apoe "
    "knockout transgenic nude rabbit rabbits zealand dog dogs canine canines beagle beagles puppies puppy cat"
    "s "
    "feline felines kitten kittens pig pigs piglet piglets swine porcine minipig minipigs mini sow sows gilt "
    "gilts "
    "boar boars sheep ewe ewes lamb lambs ovine goat goats caprine cattle cow cows calves heifer heifers bovi"
    "ne "
    "dairy herd herds steer steers bulls horse horses equine ponies pony mare mares foal foals thoroughbred "
    "thoroughbreds chicken chickens broiler broilers hen hens chick chicks poultry laying zebrafish danio med"
    "aka "
    "fish trout salmon tilapia carp catfish eel eels seabass sea cod monkey monkeys macaque macaques rhesus "
    "cynomolgus baboon baboons marmoset marmosets chimpanzee chimpanzees primate primates nonhuman hamster "
    "hamsters guinea ferret ferrets drosophila fruit elegans caenorhabditis bird birds pigeon pigeons quail "
    "quails duck ducks geese turkeys songbird songbirds zebra finch finches parrot parrots owl owls frog frog"
    "s "
    "xenopus tadpole tadpoles toad toads amphibian amphibians honey honeybee honeybees bees bumblebee "
    "bumblebees mosquito mosquitoes anopheles aedes deer elk moose reindeer bats camel camels dromedary "
    "dromedaries alpaca alpacas llama llamas flies fly"
)
_ANIMAL_WORDS = (
    "rats mice rabbits dogs pigs sheep goats animals horses cats monkeys piglets calves cows broilers hens "
    "chickens zebrafish ewes beagles hamsters mares foals heifers lambs birds fish larvae macaques primates "
    "guinea ferrets minipigs gerbils flies worms embryos pups puppies kittens cattle poultry swine"
)
_TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "_INVIVO": (
        _SPECIES_WORDS + " ovariectomized ovariectomised ovx orchiectomized orchiectomised sham "
        "littermates sprague wistar c57bl balb db ob nude scid nod cba client xenograft xenografts "
        "intraperitoneal intraperitoneally gavage subcutaneously animal animals vivo",
        (),
    ),
    "_INVIVO_ANIMALS": (_ANIMAL_WORDS, ()),
    "_CASE_ABSTRACT": (
        "report present describe discuss share document detail old case cases boy girl man patients "
        "woman "
        "infant child patient neonate newborn adolescent gentleman lady",
        (),
    ),
    "_CASE_SERIES": ("case cases patients", ()),
    "_COMMENT_BODY": (
        "interest et thank appreciate their comment comments editorial commentary letter issue "
        "colleagues "
        "coworkers co",
        (),
    ),
    "_MA_SELF": ("meta metaanalysis pooled combined individual", ()),
    "_SR_SELF": ("systematic systematically umbrella rapid integrative", ()),
    "_SEARCH_METHODS": (
        "searched searching search searches retrieved identified systematically pubmed "
        "medline "
        "embase cochrane web scopus cinahl psycinfo psycarticles google cnki wan wanfang fang"
        " vip "
        "sinomed cbm lilacs ovid amed sportdiscus ebsco proquest clinicaltrials central "
        "epistemonikos global ieee dblp eric prisma inclusion eligibility included eligible "
        "selected screened analyzed analysed bias newcastle grade joanna amstar prospero ince"
        "ption "
        "reviewers authors investigators extracted quality",
        ("crd",),
    ),
    "_ERRATUM_ABSTRACT": (
        "corrects error incorrect should omitted missing incorrectly correct corrected apologize apologise",
        (),
    ),
    "_GUIDELINE_ABSTRACT": (
        "guideline guidelines consensus recommendations position panel task working "
        "committee "
        "expert grade delphi",
        (),
    ),
    "_POOLING": (
        "pooled random fixed i i2 heterogeneity weighted standardized standardised revman forest "
        "funnel "
        "summary egger eggers subgroup pooling studies trials rcts",
        (),
    ),
    "_SCOPING": ("scoping evidence mapping map bibliometric", ()),
    "_UMBRELLA": ("umbrella overview reviews", ()),
    "_PREDICTION": (
        "nomogram nomograms prediction predictive prognostic index calibration machine learning "
        "deep "
        "radiomic radiomics score",
        ("predict", "identif", "estimat", "stratif"),
    ),
    "_SUBJECT_NOUNS": (
        "patients participants subjects women men adults children individuals volunteers "
        "infants "
        "neonates cases persons people respondents eyes hips knees residents students nurses "
        "physicians rats mice rabbits dogs animals samples",
        (),
    ),
    "_HUMAN_NOUNS": (
        "patients participants women men adults children individuals volunteers infants "
        "neonates "
        "persons people respondents residents students nurses physicians pregnancies mothers "
        "survivors veterans athletes workers adolescents girls boys outpatients inpatients twins"
        " "
        "donors recipients smokers employees",
        (),
    ),
    "_BIOINFO_STRONG": (
        "pharmacology docking hub gene genes omnibus geo wgcna weighted bioinformatic "
        "bioinformatics silico dynamics tcga genome protein differentially rna machine",
        ("gse",),
    ),
    "_DIAGNOSTIC": ("diagnostic sensitivity positive area auc roc reference gold", ()),
    "_RCT_ABSTRACT": (
        "randomized randomised randomly random randomization randomisation rct ratio fashion manner",
        (),
    ),
    "_FUTURE": ("will shall expected anticipated", ()),
    "_CROSS_SECTIONAL": (
        "cross sectional survey surveys prevalence surveyed questionnaire questionnaires",
        (),
    ),
    "_HUMAN": (
        "patients participants women men children adults human clinical volunteers subjects "
        "hospital hospitalized hospitalised questionnaire consent records case cohort cross randomized"
        " "
        "randomised",
        (),
    ),
    "_NARRATIVE_ABSTRACT": (
        "review reviews reviewed overview summarizes summarises summarize summarise "
        "update "
        "summary synopsis appraisal summarized summarised opinion findings minireview min"
        "ireviews "
        "serves aims seeks attempts sets",
        (),
    ),
    "_NARRATIVE_WEAK": (
        "summarize summarise discuss highlight outline describe focus summarized summarised "
        "discussed highlighted discusses highlights describes focuses outlines explores exami"
        "nes",
        (),
    ),
    "_ECONOMIC": (
        "cost qaly qalys qalies quality incremental icer icers budget economic markov willingness",
        (),
    ),
    "_COHORT": (
        "cohort cohorts prospective prospectively retrospective retrospectively longitudinal follow "
        "followed registry register database medical consecutive observational incidence claims "
        "nationwide population noninterventional interventional",
        (),
    ),
    "_CASE_CONTROL": ("case nested matched cases healthy control", ()),
    "_NRCT": (
        "randomized randomised nonrandomized nonrandomised single open label phase quasi pilot trial "
        "before "
        "pre post double blind blinded placebo first dose interventional",
        (),
    ),
    "_SECONDARY": (
        "secondary hoc posthoc exploratory ancillary sub substudy substudies pre prespecified "
        "specified "
        "trial trials subgroup alongside extension",
        (),
    ),
    "_INVITRO": (
        "vitro cell cells sirna shrna knockdown knockdowns western rt qrt pcr qpcr "
        "immunofluorescence cck "
        "mtt transwell flow luciferase immunoprecipitation chip elisa alizarin alkaline trap mc3t3 r"
        "aw "
        "raw264 bmsc bmscs bmmsc bmmscs hbmsc hbmscs hmsc hmscs mscs osteoblasts osteoclasts osteocy"
        "tes "
        "chondrocytes fibroblasts macrophages huvec huvecs endothelial hela hek hek293 hek293t saos "
        "saos2 "
        "mg mg63 u2os hfob atdc5 c2c12 stem cancer tumor tumour line strain strains isolates bacteri"
        "a "
        "bacterial fungal antimicrobial antibacterial mic minimum biofilm biofilms escherichia "
        "staphylococcus candida synthesized synthesised fabricated scaffold scaffolds nanoparticle "
        "nanoparticles hydrogel hydrogels coating coatings composite composites crystal crystals "
        "spectroscopy diffraction dft polymer catalyst electrochemical",
        ("transfect", "overexpress"),
    ),
    "_QUALITATIVE": (
        "qualitative semi semistructured structured focus thematic interpretative grounded ethnographic "
        "ethnography phenomenological phenomenology depth interview interviews mixed",
        (),
    ),
    "_MR": ("mendelian mr", ()),
    "_MR_METHOD": ("mendelian instrumental inverse mr genetic single", ()),
}
for _name, (_words, _subs) in _TRIGGERS.items():
    _cue = globals()[_name]
    _cue.words = frozenset(_words.split())
    _cue.subs = _subs
_SUBJECT_GATE = _subject_gate()
