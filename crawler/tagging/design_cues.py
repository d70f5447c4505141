"""The study-design cues, as data: what each phrase is evidence of, where it may stand, and how strongly.

Every row of :data:`CUES` is one cue: its name (``family.cue``; the family is the rule that reads it, see
:mod:`crawler.tagging.study_type`), where it may match, its strength, its pattern (a regular expression
matched on lower-cased text, or a set of abstract headings) and what a match means, in words. The rules
read cues only by name and only from the families they declare, so a change to one family's rows can move
only the records that family decides (``tests/test_tagging_cues.py`` checks it on real records).

Where a cue may match:

* ``title`` / ``abstract``: the first match in that field, quoted back as the evidence;
* ``text``: the title first (the authors' own label), then the abstract;
* ``joined``: anywhere in title and abstract together (a yes/no or a count, never quoted);
* ``headings``: the labels of a structured abstract's sections;
* ``journal``: the journal's name;
* ``counted``: a word list; how many of its words carry a number just before them ("120 patients");
* ``words``: a word list; whether any of its words occurs at all (a family's vocabulary);
* ``phrase``: another cue's match or the words around it (vetoes such as "case-control" in "case").

Strength says how the family's rule uses the cue: ``decisive`` names the design on its own, ``supporting``
needs another cue or the abstract's data signals beside it, ``veto`` rules a reading out, and ``signal``
feeds the shared measures (how strongly an abstract reports original data, animals or people).

Patterns stay verbatim from the decision list they came from (issue 14 item 2): only their home moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE, ABSTRACT, TEXT, JOINED, HEADINGS, JOURNAL, PHRASE, COUNTED, WORDS = (
    "title",
    "abstract",
    "text",
    "joined",
    "headings",
    "journal",
    "phrase",
    "counted",
    "words",
)
DECISIVE, SUPPORTING, VETO, SIGNAL = "decisive", "supporting", "veto", "signal"


@dataclass(frozen=True, slots=True)
class CueDef:
    """One row of the cue table."""

    name: str
    #: One place, or a tuple of places (see the module docstring).
    where: str | tuple[str, ...]
    strength: str
    pattern: str | frozenset[str]
    means: str
    #: Characters of the abstract quoted on either side of a match shown as evidence.
    context: int = 0

    @property
    def family(self) -> str:
        return self.name.partition(".")[0]

    @property
    def places(self) -> frozenset[str]:
        return frozenset((self.where,) if isinstance(self.where, str) else self.where)


# notice ------------------------------------------------------------------------------------------
_RETRACTION_TITLE = (
    r"^\W*(?:notice of retraction|retraction notice|retraction note|retraction statement|"
    r"statement of retraction|retraction of|retraction(?: to| for| regarding| on)?\s*[:\-–\"“'‘]|"
    r"retraction\W*$|retracted article\s*:|notice of withdrawal|withdrawal notice|retracted\s*:\s*[\"“'‘])"
)
# "Retracted: …" with the retracted paper cited (Wiley) is a notice; "RETRACTED: <title>" (Elsevier) is the
# retracted article itself, which keeps its own design and gets the ``retracted`` flag.
_RETRACTED_NOTICE_CITED = r"^\W*retracted\s*:.*\bet al\b"
_RETRACTION_ABSTRACT = (
    r"this retracts the article|\b(?:editors?|publisher|journal|authors?)(?: in chief)?(?: have|"
    r" has)? (?:retracted|decided to retract|agreed to retract)|\bhas been retracted (?:by|at the request|"
    r"following|because|due to|on the request)|\bis (?:hereby )?retracted\b|\bwe (?:hereby )?retract\b|(?:^|"
    r"\. )the (?:above|following) article.{0,120}\bretracted\b"
)
_RETRACTED_ARTICLE_TITLE = r"^\W*(?:retracted|withdrawn)\b|\[\s*retracted\s*\]|\(retracted\)"
_ERRATUM_TITLE = (
    r"^\W*(?:(?:publisher'?s?|authors?'?|editorial|notice of) )?(?:erratum|errata|corrigendum|corrigenda|"
    r"correction|correction notice|correction statement)(?:s)?\s*(?:$|[:\-–.\"“'‘\[]|(?:to|for|in|on|"
    r"regarding|of)\b\s*(?:[\"“'‘\[]|the (?:article|paper|manuscript)|\w+ et al|:|[^:]{0,200}\[))|"
    r"^\W*(?:erratum|corrigendum|correction) (?:to|regarding|on)\b|^\W*(?:errors?|incorrect|missing|omitted|"
    r"omission of|wrong|mislabeled|misspelled|update to|clarification of) (?:\w+ ){0,3}(?:in|of|from|"
    r"to) (?:the )?(?:figure|fig|table|text|results|abstract|author|byline|affiliation|methods|discussion|"
    r"key points|funding|data|title|conflict|disclosure|supplement|legend|visual abstract|acknowledg|name|"
    r"dosage|units|wording|labels?|axis)"
)
_ERRATUM_ABSTRACT = (
    r"this corrects the article|^\W*(?:in|on) the (?:original |published |online |"
    r"print )?(?:version of (?:the|this) |article|paper|manuscript).{0,200}\b(?:error|incorrect|"
    r"should (?:have )?read|was (?:omitted|missing|published incorrectly|incorrectly))|\b(?:authors?|"
    r"publisher) (?:would like|wish|wishes|regret|regrets) to (?:correct|report an error|apologi[sz]e)|"
    r"\ban error (?:was|has been) (?:introduced|made|identified|found|noticed)|\bthe (?:correct|"
    r"corrected) (?:version|figure|table|text|sentence) (?:is|appears|reads)|"
    r"\bshould (?:have )?read\b.{0,120}\binstead of\b"
)
_CONCERN_TITLE = r"^\W*(?:editorial )?expression of concern\b"

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

# signal ------------------------------------------------------------------------------------------
# People who took part and did something the study asked of them ("children were asked to …", "participants
# completed …", "listeners were presented with …"): an experiment or survey on people, even when the
# abstract counts no one and gives no statistics (psychology and education on the dev split; the design is
# then inferred).
_PARTICIPANTS_ACTED = (
    r"\b(?:participants|children|adults|students|subjects|volunteers|respondents|infants|adolescents|"
    r"patients|women|men|preschoolers|toddlers|listeners|readers|individuals|people|parents|mothers|caregivers|"
    r"teachers|nurses|physicians|employees|workers)(?: \([^)]{0,30}\))? (?:were|was) (?:\w+ )?(?:asked|"
    r"recruited|tested|shown|presented|instructed|assigned|given|interviewed|surveyed|included|enrolled|"
    r"followed|assessed|examined|trained|exposed|scanned|randomi[sz]ed|invited|observed|measured|selected|"
    r"divided|allocated|administered|required|read|taught)\b|\bparticipants (?:completed|performed|rated|"
    r"viewed|listened|watched|learned|answered|reported|judged|made)\b|"
    # Any people who filled in the study's instruments ("1,512 students completed the questionnaire",
    # "volunteers (n = 50) completed a battery of tests").
    r"\b(?:children|adults|students|subjects|volunteers|respondents|adolescents|patients|women|men|"
    r"individuals|parents|mothers|caregivers|teachers|nurses|physicians|employees|workers|controls)"
    r"(?: \([^)]{0,30}\))? (?:completed|answered|filled (?:in|out)|responded to) (?:a|an|the|two|three|"
    r"several|online|self-report(?:ed)?|standardi[sz]ed|validated)\b"
)
#: The number words a count of a study's people, animals or databases is written in ("twenty adolescents",
#: "two rhesus monkeys", "a search of five databases"); "one" counts no group.
_COUNT_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty"
)
# Counted people who received the study's sessions: "twenty adolescents … received 10 daily sessions" (a
# cue of its own, so that only abstracts with its verbs are searched: the count before the people is slow
# to look for everywhere).
_PARTICIPANTS_RECEIVED = (
    r"\b(?:\d+|"
    + _COUNT_WORDS
    + r") (?:[\w-]+ ){0,8}?(?:patients|participants|adults|adolescents|children|women|men|volunteers|"
    r"subjects)"
    r" (?:[\w,-]+ ){0,10}?(?:(?:received|were given) (?:\d+|a|an|one|two|three|four|five|six|eight|"
    r"ten|twelve|weekly|daily|individual|group)\b|underwent\b|learned\b|(?:performed|viewed|rated|"
    r"listened to|watched|played|wore) (?:a|an|the|two|three|four|several|\d+)\b)"
)
_RESEARCH_SECTIONS = frozenset(
    {
        "aim and methods",
        "aims and methods",
        "design",
        "findings",
        "interventions",
        "key results",
        "main outcome measures",
        "main outcomes",
        "main results",
        "material and methods",
        "materials and methods",
        "measurements",
        "method",
        "methodology",
        "methods",
        "methods and materials",
        "methods and results",
        "outcome measures",
        "participants",
        "patients and methods",
        "principal results",
        "results",
        "results and conclusions",
        "setting",
        "study design",
        "subjects and methods",
    }
)
# One literal-led branch per subject ("we", "this study", "were", "was"): ``re`` scans for a literal
# prefix far faster than for an alternation, and this cue reads every abstract.
_DATA_PHRASES = (
    r"\bwe" + _WE_DID + r"|\bthis study" + _WE_DID + r"|\bwere" + _WAS_DONE + r"|\bwas" + _WAS_DONE + r"|"
    r"\bp\s*[<=>≤]\s*0?\.\d|\b95\s*%\s*(?:ci|confidence)|\bsignificant(?:ly)?\b|\bresults\s*:|"
    r"\bmethods\s*:|\(n\s*=\s*\d|"
    # A statistic with its value: "(r = 0.41)", "; OR = 1.8", "(β = -0.31)", "(AUC = 0.84)".
    r"[(;,] ?(?:or|hr|rr|aor|ahr|irr|r|rho|β|beta|auc|d|icc|kappa|κ)\s*[=:]\s*[-−]?\d"
)
# Two groups' shares side by side, "(24% vs 11%)", "43% versus 13%": data as well, kept apart from
# ``_DATA_PHRASES`` so that only abstracts with "vs" or "versus" pay for it.
_SHARES_COMPARED = r"\d ?%\)? (?:vs\.?|versus) \(?\d+(?:\.\d+)? ?%"
# A count with its share, "173 (42%)", "22/36 (61%)": how a study reports its own sample. A cue of its own,
# gated by the substring "%)" that every occurrence holds.
_COUNTED_SHARES = r"\b\d[\d,]*(?:/\d[\d,]*)? \(\d+(?:\.\d+)? ?%\)"
# Counted nouns are plain word lists: each occurrence is found with ``str.find`` and a number looked for in
# the three words before it ("120 consecutive patients").
#: People counted by who they are ("twenty adolescents with depression", "412 veterans", "126 couples"),
#: both as a study's subjects and as people. Couples and dyads of psychology, caregivers and fathers of
#: paediatrics were added when a psychoneuroendocrine study of couples read as laboratory work.
_PEOPLE_BY_WHO = (
    "adolescents",
    "mothers",
    "survivors",
    "veterans",
    "athletes",
    "workers",
    "outpatients",
    "inpatients",
    "smokers",
    "employees",
    "couples",
    "dyads",
    "caregivers",
    "fathers",
    "users",
)
_SUBJECT_NOUNS = frozenset(
    [
        "patients",
        "participants",
        "subjects",
        "women",
        "men",
        "adults",
        "children",
        "individuals",
        "volunteers",
        "infants",
        "neonates",
        "cases",
        "persons",
        "people",
        "respondents",
        "eyes",
        "hips",
        "knees",
        "residents",
        "students",
        "nurses",
        "physicians",
        "rats",
        "mice",
        "rabbits",
        "dogs",
        "animals",
        "samples",
        *_PEOPLE_BY_WHO,
    ]
)
_HUMAN_NOUNS = frozenset(
    [
        "patients",
        "participants",
        "women",
        "men",
        "adults",
        "children",
        "individuals",
        "volunteers",
        "infants",
        "neonates",
        "persons",
        "people",
        "respondents",
        "residents",
        "students",
        "nurses",
        "physicians",
        "pregnancies",
        "girls",
        "boys",
        "twins",
        "donors",
        "recipients",
        *_PEOPLE_BY_WHO,
    ]
)
_HUMAN = (
    r"\bpatients (?:were|who|with|underwent|received|treated|undergoing|aged|admitted|enrolled|included)\b|"
    r"\b(?:participants|women|men|children|adults) (?:were|who|aged|with)\b|\b(?:clinical (?:trial|study|"
    r"studies|data|samples|cohort)|in patients with|healthy volunteers|healthy subjects|human subjects|"
    r"our hospital|hospitali[sz]ed|questionnaire|informed consent|medical records|case-control|cohort study|"
    r"cross-sectional|randomi[sz]ed controlled trial)\b|"
    # Human tissue after death ("postmortem human striatum", "post-mortem brains of 10 users"): the donors
    # were people, whatever assays were run on their tissue.
    r"\bpost-?mortem (?:human )?(?:brains?|tissues?|samples|striatum|cortex|hippocampus|cerebellum|"
    r"specimens|subjects|cases|users|patients)\b|\bhuman post-?mortem\b"
)

# commentary --------------------------------------------------------------------------------------
_COMMENT_TITLE = (
    r"^\W*(?:letter to the editors?|letters? to (?:the )?editor|a letter|letter|letters|re|reply|in reply|"
    r"author'?s'? reply|authors'? response|author response|response|in response|a response|rebuttal|comment|"
    r"comments|commentary|a commentary|invited commentary|editorial commentary|editorial|guest editorial|"
    r"editor'?s'? note|correspondence|viewpoint|perspective|counterpoint|point|point-counterpoint|"
    r"reader'?s'? comment|response to the letter|reply to the letter)\b\s*(?:[:–,.\"“'‘(]|-(?!\w)|$|"
    r"to\b|on\b|regarding\b|re\b|from\b|about\b|concerning\b|by\b|in response\b)|"
    r"^\W*(?:regarding|concerning) (?:the |our |your )?(?:recent )?(?:article|paper|letter|editorial|"
    r"publication)\b|"
    r"^\W*(?:reply|response|responses|comment|comments|commentary|letter) (?:to|on|regarding|concerning|"
    r"about) |^\W*(?:in )?(?:reply|response) to\b|:\s*(?:(?:a )?comments? (?:on|regarding)|(?:a )?reply to)\b"
    r"|\b(?:reply|response) to (?:the )?(?:letter|comment|correspondence|commentary|critique|"
    r"editorial)\b|\bletter to the editor\b|\bwith (?:a )?commentary\W*$|"
    r"\b(?:a )?comment(?:ary)? on\b.{0,200}\bet al\b|\[(?:letter|"
    r"editorial|comment|reply)\]|\bcommentary on\b|^\W*(?:the )?author'?s'? reply\b|:\s*(?:a )?reply\W*$|"
    r"^\W*(?:in )?reply-\w|^\W*in response-\w|\bauthors?'?s?'? (?:reply|response)\W*$|"
    r"^\W*concerns? (?:about|regarding|with)\b.{0,200}[\"“]|^\W*(?:letter|comment) of concern\b|\b(?:special|"
    r"annual review|anniversary|themed|virtual|focus) issue\b|"
    # A title addressed to another article's authors ("In Regard to Polgar et al.", "… Response to Ortelli et
    # al.", '"Seizure Prophylaxis …: A randomized controlled trial" by Daou et al.'): 12 train records.
    r"^\W*in regard to\b|\b(?:to|regarding|on) (?:[\w.'-]+ ){1,3}?et al\b\.?\W*$|"
    r"[\"”] by (?:[\w.'-]+ ){1,4}?et al\b"
)
_COMMENT_OPENING = (
    r"^\W*(?:(?:we|i) (?:have )?read (?:with (?:great |much |keen |considerable )?interest|the (?:recent |"
    r"interesting )?(?:article|paper|letter|study|publication|review|editorial|report))|we (?:have )?(?:read|"
    r"noted|followed) with|to the editors?|dear (?:editor|editors|sir|sirs|madam)|we thank|i thank|"
    r"thank you for|we (?:would like to|wish to|appreciate|are grateful|were interested|were delighted|read)|"
    r"i (?:would like to|wish to|read|was interested)|in (?:this|the current|the present) issue (?:of)?|"
    r"(?:this|the) (?:editorial|commentary|comment|letter)\b|(?:this|the current|"
    r"the present) (?:\w+ ){0,2}issue (?:of|contains|provides|features|includes|brings)|in (?:a|their|his|"
    r"her) recent (?:article|paper|study|publication|letter|issue)|in (?:response|reply) to (?:(?:the|a|an|"
    # ... a reply to something written, not "In response to bacterial infection, epithelial cells …" or "in
    # response to the apparent damaging effects of plastics" (train: two reviews read as letters).
    r"your|our|their|his|her|this|that|these|those|my) )?(?:(?:recent|interesting|thoughtful|above|"
    r"aforementioned|previous|earlier|published) )*(?:letters?|comments?|commentary|commentaries|"
    r"correspondence|critique|criticisms?|article|paper|editorial|queries|query|questions?|concerns?|"
    r"remarks?|reader|readers|reviewers?|authors?|dr|prof|professor)\b)"
)
_COMMENT_BODY = (
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
_OPINION_ABSTRACT = (
    r"\bi (?:have|am|was|believe|think|argue|suggest|would|feel|see|saw|had|did|want|hope|recently|read|"
    r"write|propose|remember|recall)\b|\bmy (?:practice|patients|view|experience|colleagues|opinion|own|"
    r"career|clinic)\b|\bwe (?:argue|contend|encourage|urge|call for|advocate|invite|welcome|are excited|"
    r"are pleased|are delighted|are proud|celebrate)\b|\b(?:it is time|time has come)\b|"
    # "From this viewpoint, …", "with this perspective, the present study …": an idiom ("in this respect"),
    # not the article's name for itself.
    r"(?<!from )(?<!with )(?<!under )\b(?:in )?this (?:editorial|commentary|viewpoint|perspective|essay|"
    # Not an engineering journal's "letter", a short research paper: "In this letter, we propose a mutual
    # multi-scale triplet graph convolutional network" (digest audit, round 5, train).
    r"opinion piece|letter(?!,? we (?:propose|present|develop|introduce|design|report|demonstrate|show))|"
    r"special issue|"
    r"annual review issue|anniversary issue)\b|\bwelcome to (?:the|our|this)\b|"
    r"\bin (?:their|a|our) (?:recent|recently published|published) (?:study|article|paper|report|review)\b|"
    r"\b(?:we|i) recently (?:co-?authored|published|wrote)\b|\bdiscussed in an editorial\b|"
    r"\bthe present (?:essay|commentary|editorial|viewpoint)\b|"
    r"\bwrites (?:about|on|that)\b|\b(?:the|this) (?:recent )?(?:study|article|paper|report) by "
    r"[a-z][\w'-]+ (?:et al|and colleagues)\b"
)
_OPINION_TITLE = (
    r"\?\W*$|^\W*(?:why|how|what|should|is|are|can|does|do|time to|the case for|the case against|a call|"
    r"call for|towards?|beyond|rethinking|reflections?|thoughts|the (?:end|future|promise|problem|importance|"
    r"need|challenge|value|role) of|in defen[cs]e of|a plea|let'?s|we need|in memoriam|obituary|tribute|"
    r"remembering|celebrating|welcome|introducing|introduction to|a new (?:era|dawn|chapter|year)|"
    r"editor'?s? (?:choice|pick)|highlights? (?:from|of)|report from|meeting report|conference report|(?:a|"
    r"the) year in review)\b|\b(?:a )?(?:personal (?:view|perspective|reflection)|opinion|viewpoint|"
    r"editorial|perspective|commentary)\W*$"
)
# A title that argues or calls for something, wherever it stands ("COVID-19: A call for mentorship in
# radiology", "The case for a global greenhouse gas tax", "It is time to recognize …"), or names an essay ("An
# essay on the nominal vs. real definitions of aging"): over an abstract without data, a commentary (digest
# audit, round 5, train).
_CALL_TITLE = (
    r"\ba call (?:for|to)\b|\bcall to action\b|\bthe case (?:for|against)\b|(?:^|:\s*)\W*time to\b|"
    r"\bit is time\b|\ba plea\b|\bin defen[cs]e of\b|(?<!pictorial )\ban essay (?:on|about|by|of)\b"
)

# protocol ----------------------------------------------------------------------------------------
# A study's protocol, not a regimen or a bench method called one: "a novel treatment protocol with 6 cycles
# of chemotherapy" (its results), "Institutional Protocol", "A 3-year Follow Up Protocol" (a patient's),
# "a flow cytometry protocol", "protocol for the generation of conditional knockouts" (train/dev records
# read, none labelled).
_PROTOCOL_TITLE = (
    r"\b(?:study|trial|review|research|clinical|evaluation) protocol\b|\bprotocol (?:for|of) (?:a|"
    r"an|the)\b(?! (?:\w+ ){0,3}(?:operation|surgery|procedure|technique|treatment of|management of|care|"
    r"assay|analysis of samples|generation|production|isolation|preparation|synthesis|purification|"
    r"detection|quantification|culture|differentiation|extraction))|"
    r"(?<!institutional )(?<!follow up )(?<!follow-up )(?<!cytometry )(?<!staining )(?<!treatment )"
    r"(?<!surgical )(?<!imaging )(?<!dosing )(?<!feeding )\bprotocol\W*$|\bprotocol paper\b|"
    r"\brationale and design\b|"
    # A review's protocol in the house style of some journals, without an article: "… : A protocol for
    # systematic review and meta-analysis", "A protocol for meta-analysis and bioinformatics analysis".
    r"\bprotocol for (?:an? )?(?:[\w-]+ ){0,2}?(?:(?:systematic|scoping|umbrella|rapid|realist) "
    r"(?:literature )?review|meta-?analys[ie]s)\b|"
    r"\bdesign and rationale\b|\brationale,? (?:aims,? )?(?:and )?(?:design|methods)\b|"
    r"\bstudy design and (?:methods|rationale)\b|\b(?:design|methods) of (?:a|an|"
    r"the) (?:[\w()-]+[ -]){0,8}(?:trial|study|cohort)\b|"
    # Draw (s), train trials that were plans: "Design of CLARO (…): A randomized trial of …", "A rationale
    # for a randomized … study".
    r"^\W*design of\b|\ba rationale for (?:a|an|the)\b|"
    # Train: "Design and implementation of a cluster randomized trial measuring …".
    r"^\W*design and (?:implementation|conduct|methods|rationale) of (?:a|an|the)\b|"
    r"\b(?:trial |study )?design,? (?:and )?methods\b|"
    r":\s*(?:study |trial )?design\W*$|\b(?:trials?|stud(?:y|ies)) to (?:assess|evaluate|compare|investigate|"
    r"determine|examine|test)\b"
)
_PROTOCOL_SECTIONS = frozenset(
    {
        "anticipated results",
        "ethics and dissemination",
        "expected results",
        "planned outcomes",
        "study design and methods",
        "trial design",
        "trial status",
    }
)
_PROTOCOL_ABSTRACT = (
    r"\b(?:this|the|our) (?:study |trial |review |research )?protocol (?:describes|outlines|presents|details|"
    r"reports)|\bwe (?:describe|present|report) (?:the|a|our) (?:study |trial )?protocol\b|\bthis (?:paper|"
    r"article) (?:describes|presents|outlines) the (?:protocol|design|rationale)|"
    r"\bprospero (?:registration )?(?:number|id)?\W*crd\d+.{0,80}\bwill\b|"
    # "Herein we present the study's rationale and experimental design."
    r"\bwe (?:present|describe|report) (?:the |our )?(?:study's |trial's )?rationale and (?:experimental |"
    r"study |trial )?design\b|"
    # A trial proposed, its people in the future tense (dev: "Design: We propose a randomized controlled trial
    # (RCT) (35 intervention and 35 control couples) … Couples randomized to the storytelling arm will be
    # visited"). Read only with a future-tense cue.
    r"\bwe propose (?:a|an|to conduct a|to conduct an) (?:[\w-]+[ ,-]+){0,5}?(?:trial|rct|study)\b"
)
_FUTURE = (
    r"\b(?:will be|will|shall be) (?:randomi[sz]ed|randomly|recruited|enrolled|allocated|assigned|included|"
    r"searched|screened|extracted|assessed|analy[sz]ed|conducted|performed|collected|measured|followed|used|"
    r"invited|compared|evaluated|synthesi[sz]ed|pooled|undertaken|carried out|calculated|the primary|"
    r"stratified|observed|monitored|treated|administered|obtained|interviewed|tested|examined|recorded|"
    r"estimated|investigated|determined|implemented|delivered|offered|asked|given|explored)\b|"
    # "We will discuss / highlight / address …" announces the sections of a review, not a study's plan.
    r"\bwe will\b(?! (?:also |then |further |briefly |first |finally )?(?:discuss|highlight|address|"
    r"describe|summari[sz]e|outline|consider|explore|focus|examine|illustrate|argue|introduce)\b)|"
    r"\bthe (?:study|trial|review) will\b|\bis (?:expected|anticipated) to\b|"
    # The active plan of a trial: "this multicentre trial will randomise 500 patients".
    r"\bwill (?:randomi[sz]e|recruit|enrol+)\b|\b(?:this|our|the) (?:[\w-]+ ){1,3}?(?:study|trial) will\b|"
    r"\bwill be disseminated\b"
)
_PRESENT_DESIGN = (
    r"\b(?:patients|participants|subjects) (?:receive|are randomi[sz]ed|are enrolled|are followed)\b|"
    r"\bare (?:currently )?being (?:recruited|enrolled|randomi[sz]ed)\b|"
    r"\bis (?:a|an) (?:\w+[ ,-]+){0,6}?(?:trial|study)\b|\bare (?:\w+[ ,-]+){0,6}?(?:trials|studies)\b|"
    # The trial a design paper names as its subject, without results (train: "A rationale for a
    # randomized … study": "To evaluate these hypotheses, we designed the … trial (ELECTRA-SIRIO 2) … The
    # study was designed as a phase III, randomized …"). Read only beside a protocol's title and with no
    # results in the abstract.
    r"\b(?:study|trial) (?:is|was|has been) designed as\b|"
    # Train: "This paper describes the study design and methods of the CAMEO trial".
    r"\b(?:this|the present|our) (?:paper|article|report|manuscript) (?:describes|presents|outlines|details) "
    r"the (?:\w+ ){0,2}?(?:design|protocol|rationale)\b|"
    r"\bwe (?:have )?designed (?:a|an|the|this) (?:[\w()-]+[ ,-]+){0,20}?(?:trial|study)\b"
)
# A study described as running now (train, Contemporary Clinical Trials: "we are using a pragmatic,
# randomized clinical trial design", "The intervention is being implemented in two large hospitals"): read
# without a protocol's title only beside a running design's other words and with no results.
_RUNNING_STUDY = (
    r"\bwe are (?:using|conducting|testing|evaluating|recruiting|enrolling|randomi[sz]ing|comparing)\b|"
    r"\b(?:intervention|program|programme|study|trial) is (?:currently )?being (?:implemented|conducted|"
    r"tested|evaluated|delivered|piloted)\b"
)
_PAST_RESULTS = (
    r"\b(?:results|findings)\s*:|\bwe (?:found|observed|showed|demonstrated)\b|\bp\s*[<=]\s*0?\.\d|\b(?:was|"
    r"were) (?:significantly|associated)\b"
)

#: Databases searched without their names ("electronic databases were searched"): the words that make them
#: literature databases, and the phrase after them.
_LITERATURE_DATABASE_WORDS = r"electronic|bibliographic|literature"
_DATABASES_SEARCHED = r" databases (?:were|have been) (?:systematically )?searched\b"
#: ... or counted in a search: "identified through a search of five databases" (a review's habit; "a
#: literature search in major scientific databases" is a narrative review's too).
_SEARCH_OF_DATABASES = r"\bsearch(?:es)? (?:of|in|across) (?:\d+|" + _COUNT_WORDS + r") (?:\w+ )?databases\b"
_DATABASES = (
    r"(?:pubmed|medline|embase|cochrane|web of science|web of knowledge|scopus|cinahl|psycinfo|psycarticles|"
    r"google scholar|cnki|wan ?fang|vip|sinomed|cbm|lilacs|ovid|amed|sportdiscus|ebsco|proquest|"
    r"clinicaltrials\.gov|central|epistemonikos|global health|ieee|dblp|eric)"
)

# review ------------------------------------------------------------------------------------------
# Words without one of which no text is a systematic review, meta-analysis or scoping review.
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
        "databases",
        "reviewers",
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
        "rapid",
    ]
)
_MA_TITLE = (
    r"\bmeta[- ]?anal[yi]s[ie]s\b|\bmeta[- ]?regression\b|\bmetaanal|\bpooled analysis of\b.{0,60}\bstudies\b"
)
#: Another's review, by its determiner's next word: "a recent-published meta-analysis", "a previous
#: systematic review informed the workshop".
_EARLIER = r"(?!(?:recent|recently|previous|previously|prior|earlier|former|published)\b)"
_MA_SELF = (
    # Not one another step drew on: "from a dose-response meta-analysis" (but "from our meta-analyses").
    r"\b(?:this|our|the present|the current|(?<!from )a|an updated|updated) "
    + _EARLIER
    + r"(?:\w+[ -]){0,3}?(?:meta[- ]?analys[ie]s|"
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
_POOLING = (
    r"\bpooled (?:odds|risk|hazard|relative|mean|standardi[sz]ed|weighted|analysis|analyses|estimate|"
    r"estimates|prevalence|incidence|effect|sensitivity|specificity|data|results|or|rr|hr|smd|md|wmd|rate|"
    r"proportion)|\brandom[- ]effects?\b|\bfixed[- ]effects? (?:model|meta)|\bi\s*(?:2|²|\^2)\s*[=<>≥≤]|"
    r"\bheterogeneity\b|\b(?:weighted|standardi[sz]ed) mean differences?\b|\brevman\b|\bforest plots?\b|"
    r"\bfunnel plots?\b|\bsummary (?:odds|risk|estimate|receiver)|\begger'?s\b|"
    r"\bsubgroup analys[ie]s\b.{0,200}\bstudies\b|\bpooling\b|\b\d+ (?:studies|trials|"
    r"rcts), \d[\d,]* (?:participants|patients|women|men|children|infants|people|eyes)\b"
)
_POOLED_ESTIMATE = (
    r"\bpooled (?:odds|risk|hazard|relative|mean|standardi[sz]ed|weighted|estimate|prevalence|incidence|"
    r"effect|or|rr|hr|smd|md|wmd|rate|proportion|sensitivity|specificity)|\b(?:smd|wmd|md|or|rr|"
    r"hr)\s*[=:]?\s*-?\d|\b(?:standardi[sz]ed|weighted) mean difference,? (?:of |was |=\s*)?[-−]?\d"
)
_SR_TITLE = (
    r"\bsystem(?:at)?ic(?:al)? (?:literature |evidence |scoping |critical |mixed[- ]methods? |qualitative |"
    r"narrative |integrative |rapid )?(?:review|overview|search|evaluation|"
    r"analysis of (?:the )?(?:literature|published|studies|trials|randomi))|\bumbrella review\b|"
    r"\boverview of (?:systematic )?reviews\b|\brapid (?:evidence )?(?:review|evidence assessment|"
    r"assessment of (?:the )?evidence)\b|\bevidence synthesis\b|\breview of (?:systematic )?reviews\b|"
    r"\bcochrane review\b|\bliterature review and meta|\bintegrative review\b|\bmeta-?synthesis\b|"
    r"\bqualitative (?:evidence )?synthesis\b|\brealist review\b|\bsystematic review\b"
)
_SR_SELF = (
    # Not a review that is another step's source: "outcomes generated from a systematic review and
    # interviews", "informed by a systematic review", "based on a systematic review".
    r"(?<!from )(?<!by )(?<!on )(?<!via )(?<!through )\b(?:this|our|the present|the current|an updated|"
    r"updated|a) "
    + _EARLIER
    + r"(?:\w+[ -]){0,2}?(?:systematic (?:literature )?review|umbrella review|rapid review|"
    r"integrative review|systematic overview)\b(?! (?:\w+ ){0,3}(?:showed|found|reported|demonstrated|"
    r"suggested|indicated|concluded|revealed|published|by))|\b(?:we|authors) (?:\w+ )?(?:performed|conducted|"
    r"carried out|undertook|did|present|report) (?:a|"
    r"an) (?:\w+[ -]){0,2}?systematic (?:literature )?(?:review|search)\b|\bwe systematically (?:reviewed|"
    r"searched)|"
    # Other verbs only of the literature: "we systematically analyzed 5 530 106 cells", "evaluated the
    # response of …" is how laboratory and field studies describe their own work.
    r"\bwe systematically (?:identified|evaluated|assessed|collected|analy[sz]ed|examined|summari[sz]ed|"
    r"retrieved) (?:\w+[ ,-]+){0,6}?(?:literature|studies|trials|evidence|publications|articles|reports|"
    r"reviews)\b|"
    r"\bsystematic (?:literature )?(?:review|search|searches) (?:was|were) (?:performed|conducted|"
    r"carried out|undertaken|done)\b|\bto systematically (?:review|summari[sz]e|search)\b|"
    r"\bto systematically (?:evaluate|assess|identify|investigate|examine|appraise) (?:\w+[ ,-]+){0,6}?"
    r"(?:literature|studies|"
    r"trials|evidence|publications|articles|reports|reviews)\b|\bwas systematically (?:reviewed|searched)|"
    r"\bsystematic(?:ally)? (?:review|search|searched) (?:of|in|on|using|through|"
    r"across) (?:the )?(?:\w+ ){0,3}(?:databases?|literature|pubmed|medline|embase|cochrane|web of science|"
    r"scopus)"
)
_SEARCH_METHODS = (
    r"\b(?:searched|searching|search of|searches of|search in|search was|searches were|retrieved from|"
    r"identified (?:from|through|in)|systematically)\b[^.]{0,160}\b"
    + _DATABASES
    + r"\b|\b"
    + _DATABASES
    + r"\b[^.]{0,200}\b(?:were|was) (?:searched|systematically|screened|queried|consulted|obtained|"
    r"retrieved)\b|\bprisma\b|"
    # Draw (q)'s reviews that stated a search in other words: "in the following databases: Pubmed, …",
    # "76 articles published in Scopus between 1992 and 2020", "our initial search yielded 514 results.
    # Forty-three articles met our inclusion criteria".
    r"\bthe following (?:electronic |bibliographic |literature )?databases\b|"
    r"\b(?:articles|papers|publications|studies|records|reports) (?:published |indexed )?(?:in|on) "
    + _DATABASES
    + r"\b|"
    r"\b(?:our|the|this|an?) (?:initial |literature |electronic |database )?search (?:yielded|identified|"
    r"returned|retrieved|found) \d|"
    r"\b(?:articles|studies|papers|publications|reports|records|trials) (?:met|fulfilled|satisfied) "
    r"(?:the|our) (?:inclusion|eligibility|selection) criteria\b|"
    # Databases searched without their names: "electronic databases were searched from inception".
    r"\b(?:online|major|several|multiple|"
    + _LITERATURE_DATABASE_WORDS
    + r")"
    + _DATABASES_SEARCHED
    + r"|"
    + _SEARCH_OF_DATABASES
    + r"|"
    r"\b(?:inclusion|eligibility) criteria\b[^.]{0,200}\b(?:studies|trials|articles|papers|publications|"
    r"reports)\b|\b(?:studies|trials|articles|papers|publications|reports|rcts) (?:were|was) (?:included|"
    r"eligible|identified|selected|screened)\b|\b\d[\d,]* (?:studies|trials|articles|publications|rcts|"
    r"records|papers|reports|reviews|cohorts) (?:\w+ ){0,4}(?:were|was|met|fulfilled) (?:included|eligible|"
    r"identified|selected|retrieved|analy[sz]ed)|\b(?:included|eligible) (?:studies|trials|articles|rcts|"
    r"papers)\b|\brisk of bias\b|\bnewcastle[- ]ottawa\b|\bgrade (?:approach|system|methodology|framework|"
    r"criteria)\b|\bjoanna briggs\b|\bamstar\b|\bprospero\b|\bcrd\d{6,}\b|\bfrom (?:database )?inception\b|"
    r"\btwo (?:independent )?(?:reviewers|authors|investigators)\b.{0,80}\b(?:screened|extracted|assessed|"
    r"selected)|"
    # Not data taken from patients' records (dev: "All data were extracted from the electronic health record"
    # of a case series with a literature review).
    r"\bdata (?:were|was) extracted\b(?! from (?:the |our |their )?(?:[\w-]+ ){0,2}?(?:health records?|"
    r"medical records?|records|charts|case notes|files|registr\w*|hospital|institution))|"
    r"\bquality (?:of (?:the )?(?:included )?studies|"
    r"assessment of (?:the )?included)"
)
# A search of named literature databases, or the registries and statements only reviews cite.
_SEARCH_STRONG = (
    r"\b(?:pubmed|medline|embase|cochrane|scopus|cinahl|psycinfo|cnki|wan ?fang|lilacs|prisma|prospero)\b|"
    r"\b(?:" + _LITERATURE_DATABASE_WORDS + r")" + _DATABASES_SEARCHED + r"|" + _SEARCH_OF_DATABASES
)
_SR_SECTIONS = frozenset(
    {
        "data analysis",
        "data collection and analysis",
        "data extraction",
        "data extraction and synthesis",
        "data sources",
        "data sources and study selection",
        "data synthesis",
        "eligibility criteria",
        "information sources",
        "review methods",
        "search methods",
        "search strategy",
        "selection",
        "selection criteria",
        "study selection",
    }
)
# A search whose results the authors picked by judgement, not by criteria: a narrative review's ("we searched
# PubMed … and selected those we considered most relevant").
_JUDGED_SELECTION = (
    r"\b(?:selected|chose|included|retained) (?:those|the (?:articles|papers|studies|publications|ones)|"
    r"articles|papers|publications|studies) (?:that |which )?(?:we|the authors) (?:considered|deemed|judged|"
    r"found|thought) (?:to be )?(?:most |more |particularly |especially )?relevant\b"
)
_SELECTIVE_SEARCH = (
    r"\bselective(?:ly)? (?:\w+ )?(?:literature )?(?:search|review|searched)|" + _JUDGED_SELECTION
)
_SCOPING = (
    r"\bscoping (?:review|study|literature review|exercise)\b|\bevidence (?:and gap )?map(?:ping)?\b|"
    r"\bmapping (?:review|study of the literature)\b|\bsystematic map\b|\bliterature mapping\b"
)
# Research on research: publications counted and mapped ("A Bibliometric Analysis of …", "we used CiteSpace
# to visualise the hotspots …"). Neither a review of findings nor a study of people or material, so "other"
# by the labels' policy, and no longer a scoping review's name: of 60 unlabelled train records tagged as
# reviews (draw (w)), the 3 bibliometric analyses were read "other", as the 2 dev ones are hand-labelled.
_BIBLIOMETRIC_TITLE = r"\bbibliometric|\bscientometric"
_BIBLIOMETRIC_SELF = (
    r"\b(?:a|an|this|the present|the current|our|we (?:conducted|performed|carried out|used|use|applied|"
    r"undertook)(?: an?)?) (?:[\w-]+ ){0,2}?(?:bibliometric|scientometric)s? (?:analys[ie]s|study|approach|"
    r"methods?|mapping|investigation)\b|\b(?:citespace|vosviewer|bibliometrix)\b"
)
_UMBRELLA = (
    r"\bumbrella review\b|\boverview of (?:systematic )?reviews\b|\breview of (?:systematic )?reviews\b"
)
_UMBRELLA_AND_MA = r"umbrella review and meta-?analys"
_MA_NOT_THIS = r"\b(?:protocol|comment(?:ary)? on|response to|reply to|letter|re:)"
_REVIEW_WORD = r"\breview\b|\boverview\b"
_PRISMA_NAME = r"preferred reporting items for systematic reviews? and meta-?analys[ie]s"

# narrative ---------------------------------------------------------------------------------------
_REVIEW_SECTIONS = frozenset(
    {
        "areas covered",
        "expert commentary",
        "expert opinion",
        "general significance",
        "main body",
        "major conclusions",
        "opinion statement",
        "purpose of review",
        "recent findings",
        "scope of review",
    }
)
# The same headings written into a plain abstract ("… these diseases.Areas covered: This review …"): a feed,
# a scraped page or a plain-text record keeps no section labels. Only headings no research abstract uses.
_REVIEW_HEADINGS_INLINE = (
    r"(?:^|[.;:)\s])(?:areas covered|purpose of (?:this )?review|recent findings|scope of review|opinion "
    r"statement)\s*:"
)
# A title's review word that is one step of a study ("… : a retrospective review", "a registry study and
# literature review"): the article reports data of its own.
_STUDY_AND_REVIEW_TITLE = (
    r"\bretrospective(?:ly)? (?:chart |case |record )?review\b|\b(?:study|studies|data|analysis|series|"
    r"experience|cohort|results|findings|cases|patients) (?:and|with) (?:a )?(?:brief |short )?(?:literature "
    r"review|review of (?:the )?literature)\b|"
    # "… : A Review of 857 Cases": a surgeon's counted series, not a review of the literature (h14x, train).
    r"\breview of (?:\d[\d,]*|(?:[\w-]+ )?(?:hundred|thousand)) (?:consecutive )?(?:cases|patients|"
    r"procedures|operations|surgeries|eyes|knees|hips)\b"
)
# The abstract speaks of its own study or experiment: a title's "insights into", "developments in",
# "challenges of", "an update", or a review's heading ("Areas covered: … formulated in the current work"),
# then names what the study found, not a review.
# A new thing of one's own: "the present work describes a new reaction for the asymmetric synthesis …".
_NEW_OF_ITS_OWN = (
    r"\b(?:this|the present|the current) (?:study|work|paper) (?:describes|presents|reports) (?:a |an )?"
    r"(?:new|novel)\b"
)
_OWN_STUDY = (
    r"\b(?:in (?:this|the present|the current) (?:study|work|experiment|investigation)\b|(?:this|the present|"
    r"the current) (?:study|work) (?:aimed|focused on|focuses on|aims|investigated|investigates|examined|"
    r"examines|evaluated|evaluates|assessed|assesses|reports|explored|explores|compared|compares|"
    r"analy[sz]ed|sought|was|is)\b|the (?:aim|"
    r"objective|purpose|goal) of (?:this|the present|the current|our) study\b|here,? we (?:report|present|"
    r"show|demonstrate|develop|developed|use|used|generated|identified|found|performed|analy[sz]ed|"
    r"investigated|examined)\b)|" + _NEW_OF_ITS_OWN
)
# Findings of one's own ("we have modelled", "we found", "in this study"): "this paper explores …" or
# "… are discussed" then introduces a study, not a review.
_OWN_FINDINGS = (
    r"\bwe have (?:found|modell?ed|used|developed|analy[sz]ed|collected|measured|estimated|shown|observed|"
    r"identified)\b|\bwe (?:found|observed|measured|modell?ed|recruited|enrolled|collected) (?!in the "
    r"literature)|\bin (?:this|the present) study\b(?!,? we (?:have )?(?:reviewed|review|summari[sz]))|"
    # Discoveries and results of one's own: "we reveal / discover / unveil …", "our quantum chemical
    # calculations have shown …", "we present findings that …", "we carry out a large-scale study of …".
    r"\bwe (?:further |also |then )?(?:reveal|discover|unveil|uncover)(?:ed)? (?!in the literature)|"
    r"\bour (?:[\w-]+ ){0,3}?(?:calculations|experiments|simulations|measurements|analys[ie]s|results|data|"
    r"findings) (?:have |has )?(?:shown|show|showed|revealed|reveal|demonstrated|demonstrate|indicated|"
    r"indicate|suggest|suggested|provided|provide)\b|\bwe present (?:our |the |new |novel )?findings\b|"
    # One's own experiment in the third person: "the experiment investigated whether …" (an eye-tracking
    # study that "this article explores" introduces).
    r"\bthe (?:present |current )?experiment (?:investigated|examined|tested|showed|revealed)\b|"
    r"\bwe (?:carry|carried) out (?:a|an) (?:[\w-]+ ){0,3}?(?:study|analysis|experiment|survey|"
    r"investigation)\b|"
    # What chemistry, materials and methods papers say of their own work (train split, unlabelled records the
    # weaker review cues took): "this work focuses on the development of a new … platform", "… is reported
    # in this work", "we propose a new method for …", "the present work describes a new reaction". Not "we
    # propose a novel model": a review's conclusion proposes an aetio-pathogenetic one.
    r"\bthis work focuses on the (?:development|design|synthesis|fabrication|preparation|combination|"
    r"construction|use)\b|\b(?:is|are) reported (?:in this (?:work|paper|study)|here(?:in)?)\b|"
    r"\bwe propose (?:a|an) (?:new|novel) (?:[\w-]+ ){0,2}?(?:method|algorithm|technique|scheme|platform|"
    r"estimator|metric)\b|" + _NEW_OF_ITS_OWN
)
# Results of one's own, said in the third person or as a demonstration ("these results suggest", "the present
# data indicate", "we show that …"): on the train and dev splits no review among the laboratory- and
# animal-topic abstracts the model reads as reviews says them; laboratory research without statistics does.
_OWN_RESULTS = (
    r"\b(?:these|our|the present) (?:results|data|findings|observations) (?:suggest|indicate|show|showed|"
    r"demonstrate|reveal|support|provide)\b|\bwe (?:show|demonstrate|provide evidence)\b"
)
_RESEARCH_HEADINGS_INLINE = r"(?:^|[.;)\s])(?:results|methods|materials and methods|methodology|findings)\s*:"
_NARRATIVE_TITLE = (
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
    r"\b(?:a )?review\W*$|\bhow to\b|\ban? (?:\w+ )?review (?:of|on)\b|"
    # Review genres by other names: "a critical reappraisal", "a historical appraisal", "a pictorial essay".
    r"\b(?:a )?(?:critical |historical )?(?:re-?)?appraisal\W*$|\bpictorial (?:essay|review)\b|"
    r"\breview and synthesis\b|"
    # A regulator's account of an approval ("The EMA assessment of pembrolizumab …", "FDA Approval Summary:
    # …"): the trials it summarises are others', the form a review (NLM types them Review; train records).
    r"^\W*(?:the )?(?:ema|fda|european medicines agency)(?:'s)? (?:assessment|review|approval)\b|"
    r"\bapproval summary\b|"
    # A subtitle that opens with the form: "Hybrid modelling for stroke care: Review and suggestions of new
    # approaches", "…: overview and outlook".
    r":\s*(?:an? )?(?:review|overview) and\b|"
    # Computing and engineering call a review a survey: "a survey of X algorithms / techniques" (a
    # questionnaire survey is "of physicians", "of stroke systems of care").
    r"\bsurvey (?:of|on) (?:the )?(?:[\w-]+ ){0,4}?(?:algorithms?|methods|techniques|approaches|models|"
    r"literature|applications|advances|developments|variants|tools|frameworks|architectures)\b|"
    # A house style: "Review: …", "Mini-Review: …" opening the title.
    r"^\W*(?:(?:mini|short|brief|narrative|invited|clinical|critical|literature)[- ]?)?review\s*:"
)
_WEAK_REVIEW_TITLE = r"^(?!(?:recent|current|emerging|latest) )\W*(?:\w+ )?(?:trends|insights)\b"
_DATA_TITLE = (
    r"\b(?:19|20)\d\d ?[-–] ?(?:19|20)?\d\d\b|\bnation(?:al|wide)\b|\bpopulation-based\b|\bcohort\b|"
    r"\bevidence from\b|\bregistry\b|\bsurvey\b|\bdata\b"
)
_NARRATIVE_ABSTRACT = (
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
    r"present (?:an? )?(?:(?:brief|short|concise|comprehensive|critical|general|broad|updated) )?"
    r"(?:overview|review|update)|reviewed (?:the )?(?:previous |current |recent |relevant |"
    r"published |available |existing )?literature)\b|\b(?:is|are) (?:briefly |also )?reviewed\b|"
    # "we reviewed qualitative studies …", "we have reviewed recent publications": other people's work.
    r"\bwe (?:have )?reviewed (?:the )?(?:[a-z-]+ ){0,2}?(?:studies|literature|evidence|research|"
    r"publications|articles|work|works|advances|developments|progress)\b|"
    r"\bnarrative review\b|\bliterature review\b|\breview (?:of|on) (?:the )?(?:current|recent|latest|"
    r"available|existing|published) (?:literature|evidence|knowledge|data|research|studies|understanding|"
    r"advances|progress)|\bthe literature (?:was|is|has been) (?:reviewed|summari[sz]ed)|"
    # "Recent findings" as the heading of Current Opinion's reviews, not as a research abstract's background
    # ("Recent findings demonstrate that cocaine mobilizes …", a rat study on the train split).
    r"\bopinion statement\b|\bpurpose of review\b|\brecent findings\b(?! (?:demonstrate|demonstrated|show|"
    r"showed|shows|suggest|suggested|indicate|indicated|reveal|revealed|have|has|from|in|on|of|that|by|"
    r"support|point|provide))|\b(?:a |an )?(?:summary|synthesis|"
    r"overview) of (?:the )?(?:available|current|published|recent|existing) (?:literature|evidence|"
    r"knowledge)\b|\b(?:this|the present) (?:article|"
    r"paper|chapter) (?:serves|aims|seeks|attempts|sets out) to (?:delineate|describe|outline|summari[sz]e|"
    r"review|discuss|provide|present|give)\b|"
    # "Herein, we discuss the evidence linking …": a body of evidence, as the review's subject.
    r"\b(?:here|herein),? we (?:discuss|summari[sz]e|examine|consider) (?:the )?(?:current |available |"
    r"existing |recent |accumulating |growing |emerging )?(?:evidence|literature|knowledge)\b|"
    # A search whose results the authors picked by judgement: "selected those we considered most relevant".
    + _JUDGED_SELECTION
)
# The same self-description in other words ("we summarise current knowledge", "the aim of this study is to
# review"); kept apart because its leading verbs are common words, so it runs only on abstracts without data.
_REVIEW_SELF = (
    r"\b(?:review|reviews|reviewed|revise|revises|summari[sz]e[sd]?|highlights?|describes?|"
    r"discuss(?:es)?|presents?|provides?|updates?)(?: (?:a|an) (?:\w+ )?(?:overview|summary|update|review) "
    r"of)? (?:our |the )?(?:current|present|recent|existing|latest) (?:understanding|knowledge|state of "
    r"(?:the )?(?:art|knowledge)|concepts|advances|evidence)\b|"
    r"\b(?:aim|purpose|goal|objective) of (?:this|the present) (?:study|article|paper|work|chapter|"
    r"manuscript) (?:is|was) to (?:review|summari[sz]e|provide an overview)\b|"
    r"\bwe (?:aim|seek|intend|set out) to (?:review|summari[sz]e|provide an overview)\b|"
    # "This perspective presents an overview of …", "the current article provides a summary of published
    # data", "this paper will give an overview": the article says it surveys a field (train: perspectives in
    # chemistry journals, typed Review, were read as opinion for the word "perspective").
    r"\b(?:the following|this|the present|the current) (?:article|paper|chapter|perspective|minireview|"
    r"mini-review) (?:will |aims to |seeks to )?(?:provides?|presents?|gives?|offers?) (?:a|an) (?:\w+ )?"
    r"(?:overview|summary|synopsis|update)\b|"
    # Others' findings gathered: "In this paper we bring together findings from field and greenhouse
    # experiments on …", "this article draws together the evidence on …".
    r"\b(?:we|this (?:article|paper|chapter|perspective)) (?:bring|brings|draw|draws|pull|pulls) together "
    r"(?:the )?(?:[\w-]+ ){0,3}?(?:findings|evidence|studies|research|literature|knowledge|results|work)\b"
)
_NOT_LITERATURE_REVIEW = (
    r"\breview(?:ed|ing)? (?:of )?(?:the |their |all |our )?(?:medical |clinical |hospital |electronic |"
    r"patient |health |case |dental |imaging |radiographic |operative |pathology |histological |"
    r"institutional )?(?:records?|charts?|files?|notes|databases?|registr(?:y|ies)|images|radiographs|mris?|"
    r"cases|patients)\b|\bretrospective(?:ly)? (?:chart )?review(?:ed)?\b|\breview board\b|\bpeer[- ]review|"
    r"(?:also|and|with|plus) (?:a )?(?:brief |short )?(?:literature review|review of (?:the )?literature)|"
    r"literature review (?:was|is) (?:also )?(?:conducted|performed|done|carried out|undertaken)|"
    r"reviewed in (?:a|an|our) (?:prospective|retrospective|controlled|randomi[sz]ed|clinical|consecutive|"
    r"series)|this review (?:was|has been) (?:discussed|criticized|criticised|commented|cited)|"
    # A review as one step of a study's method ("the development process involved a narrative review of
    # the literature", "informed by a literature review"), not the article's form.
    r"\b(?:involved|included|including|comprised|consisted of|began with|informed by|based on) (?:a |an )?"
    r"(?:\w+ )?(?:review of (?:the )?literature|literature review)|"
    # Someone else's review, answered: "A recent narrative review of vancomycin monitoring in paediatrics
    # claims to have uncovered …" (train draw (ac), a commentary).
    r"\b(?:a|the) (?:recent|recently published|previous|prior|published|earlier) (?:narrative|literature) "
    r"review\b"
)
# A structured abstract whose method is a reading of the literature ("METHODS: A summary of available
# literature", "Methods: compilation of published data from scientific literature", "Methods: review of
# literature and current studies"): the article is a review, whatever figures its conclusion quotes (the
# bulk dev split's misses read them as cohorts). A search described in full is a systematic review, decided
# earlier; "systematic" is not among the leading words here.
_METHOD_SECTIONS = frozenset(
    {
        "method",
        "methods",
        "methodology",
        "design",
        "study design",
        "materials and methods",
        "material and methods",
        "methods and materials",
    }
)
_METHOD_IS_LITERATURE = (
    r"^\W*(?:an? |the )?(?:(?:brief|short|narrative|non-?systematic|selective|critical|comprehensive|current|"
    r"updated|thorough|extensive|concise|structured|general)\s)*(?:review|summary|compilation|overview|"
    r"synthesis|analysis|search|survey|evaluation|appraisal)(?: and (?:[\w-]+ )?(?:review|summary|synthesis|"
    r"analysis|evaluation|discussion|compilation))? of (?:the )?(?:[\w-]+ ){0,5}?(?:literature|publications|"
    r"published (?:studies|articles|papers|reports|data|evidence|research))\b|"
    r"^\W*(?:an? )?(?:[\w-]+ )?literature (?:review|search|survey|overview|summary)\b"
)
#: A chapter that says it teaches a protocol ("This chapter succinctly outlines a protocol for …"): read by
#: the review rules' methods-article veto and by the methods-article rule alike.
_CHAPTER_TEACHES = (
    r"\b(?:this|the present) chapter (?:\w+ly )?(?:describes|presents|details|provides|outlines) "
    r"(?:\w+ ){0,4}?(?:protocols?|procedures?)\b"
)
# A methods article names itself ("this protocol describes", "here we provide a detailed … protocol", "in this
# tutorial"): it teaches a technique and is no review, however much background it gives (publishers type
# such articles "Review"; the labels' policy calls them "other").
_METHOD_ARTICLE = (
    # "The presented protocol describes …" too (train draw (ac)).
    r"\b(?:this|our|the present|the presented|the current) (?:protocol|tutorial)\b|\bhere,? we (?:describe|"
    r"present|provide|detail|report) (?:a|an|our|the) (?:[\w-]+ ){0,3}?(?:protocol|tutorial)\b|"
    # "This article describes the protocols to generate …", "this paper provides step-by-step protocols": a
    # methods article in the third person.
    r"\b(?:this|the present) (?:article|paper|video|report|chapter) (?:describes|provides|presents|details|"
    r"outlines) (?:a |an |the |our )?(?:[\w-]+ ){0,2}?protocols?\b|\bstep-by-step protocols?\b|"
    # A methods chapter presents its protocols in the passive ("protocols for isolating … will be
    # described", "in this chapter, some simple protocols are presented"). Not "methods" or "techniques": a
    # review chapter "describes the current techniques".
    r"\bprotocols? (?:(?:for|to|of) [^.]{0,100}?)?(?:will be|are|is) (?:also )?(?:described|presented|"
    r"detailed|provided|outlined|shown|given)\b|\b(?:this|the present|in this) chapter,? (?:\w+ ){0,3}?"
    r"(?:protocols?|procedures?) (?:are|is|will be) (?:described|presented|detailed|provided|outlined)\b|"
    + _CHAPTER_TEACHES
    + r"|"
    # A data descriptor ("this data article", "the datasets summarized in this article"): it publishes data,
    # it reviews nothing (the labels' policy calls it "other").
    r"\bthis data (?:article|paper|descriptor)\b|\b(?:the )?data(?:sets?| sets?)? (?:summari[sz]ed|presented|"
    r"described|reported|provided|shared) (?:in|by) this (?:article|paper|data article)\b"
)
# An account of an initiative names itself: a programme, project or service and how it was set up ("this
# article outlines a multidisciplinary approach to implementing a telehealth program", "this article provides
# a roadmap for …", "here, we outline a newly initiated effort"), or a meeting ("this report summarizes the
# workshop", "the WHO convened an expert panel"). It reports what was done or agreed, and reviews no
# literature (the labels' policy calls programme, vision and meeting reports "other"). A review that calls
# itself one ("this review describes the screening programmes of …") is not matched: the nouns are article,
# paper, report.
_ACCOUNT_OF_INITIATIVE = (
    r"\b(?:this|the present|the current) (?:article|paper|report|manuscript) (?:outlines|describes|presents|"
    r"provides|details|summari[sz]es|lays out|reports on|offers) (?:[\w-]+ ){0,8}?(?:programs?|programmes?|"
    r"initiatives?|roadmap|road map|vision|workshops?|meetings?|symposi(?:um|a)|conferences?|summit|"
    # Not "a program of research" (a review's agenda) nor "projects" ("the challenges faced by three projects"
    # is a study of them).
    r"consultation)\b(?! of research)|"
    r"\bwe (?:outline|describe|present|report on) (?:a |an |the |our )?(?:newly |recently )?(?:initiated |"
    r"launched |established |founded )?(?:[\w-]+ ){0,2}?(?:programs?|programmes?|projects?|initiatives?|"
    r"efforts?|consortium)\b|"
    r"\boverview of the (?:development|implementation|establishment|creation) of (?:[\w-]+ ){0,5}?"
    r"(?:services?|programs?|programmes?|clinics?|networks?)\b|"
    r"\b(?:convened|organi[sz]ed|hosted) (?:a|an|the) (?:[\w-]+ ){0,3}?(?:workshop|meeting|symposium|summit|"
    r"conference|consultation|panel|task force)\b|"
    r"\bthe (?:workshop|meeting|symposium|summit|conference) (?:assembled|brought together|gathered)\b"
)
_OWN_SERIES = r"\bour (?:own )?(?:series|cases|case series|cohort|material)\b"
# Phrases research abstracts also use ("we discuss the implications"): narrative only without original data.
_NARRATIVE_WEAK = (
    r"\b(?:here,? |herein,? )?we (?:briefly |further )?(?:summari[sz]e|discuss|highlight|outline|"
    r"describe the (?:current|recent|latest)|focus on (?:the )?(?:recent|current|latest))\b|\b(?:is|"
    r"are) (?:briefly |also |critically )?(?:summari[sz]ed|discussed|highlighted)\b(?! in the in this issue)|"
    # "We survey recent progress in …": a field surveyed, in the present tense ("we surveyed 500 physicians"
    # is a survey of people).
    r"\bwe (?:briefly )?survey (?:the )?(?:recent|current|existing|latest|literature|field|state|progress|"
    r"advances|developments|work|research)\b|\b(?:this|"
    r"the present|our|the current) (?:article|paper|chapter|manuscript|work|perspective|"
    r"essay) (?:\w+ ){0,2}?(?:discusses|highlights|describes (?:the )?(?:current|recent|latest)|focuses on|"
    r"outlines|explores|examines the (?:current|recent|literature))|"
    # A book chapter says what it covers: "This chapter describes the clinical syndromes …". Not "this chapter
    # describes a screening strategy" or "describes, in detail, the operation of": a methods chapter.
    r"\b(?:this|the present) chapter (?:covers|addresses|summari[sz]es|reviews|considers|describes the "
    r"(?!(?:\w+ ){0,2}?(?:protocols?|methods?|procedures?|steps|use|preparation|techniques?|assays?)\b))"
)
_NARRATIVE_COVERED = (
    # "The state of the art in sensor-based gait assessment is presented", "Topics include …". (Not "… are
    # illustrated", "… is emphasised": methods papers say "the procedure is illustrated by a video", "the R
    # package is illustrated by an analysis" — six train/dev records moved.)
    r"\bthe (?:current )?state of the (?:art|knowledge|science) (?:in|of|on|regarding) [^.]{0,120}?"
    r"\b(?:is|are) (?:presented|summari[sz]ed|reviewed|described|discussed|outlined)\b|"
    r"\btopics (?:include|included|covered include|discussed include|covered are|discussed are)\b|"
    # "Herein, the current state of knowledge on microglial activation in psychosis is presented."
    r"\b(?:here|herein),? (?:the |our )?(?:current )?(?:state of (?:the )?(?:art|knowledge|research|science)|"
    r"knowledge|understanding|evidence|literature)\b[^.]{0,150}?\b(?:is|are) (?:summari[sz]ed|presented|"
    r"discussed|reviewed|outlined|described|provided)\b|"
    r"\b(?:addressed|discussed|summari[sz]ed|reviewed|elaborated|outlined|overviewed) (?:here|herein|"
    r"in (?:this|the present) (?:article|paper|review|chapter|work|manuscript))\b|"
    r"\bin (?:this|the present) (?:article|paper|chapter|review),? we (?:\w+ )?(?:discuss|summari[sz]e|"
    r"highlight|outline|consider)\b|"
    # "This article will also highlight relevant history, current practice …": what it will cover, in the
    # future tense a study's closing "… are discussed" does not use.
    r"\b(?:this|the present|the current) (?:article|paper|chapter|manuscript) will (?:also |further |then )?"
    r"(?:highlight|discuss|summari[sz]e|describe|outline|address|review)\b|"
    # "In this work, we describe the mechanisms used by …": a body of knowledge, not a method or a result.
    r"\bin (?:this|the present) (?:article|paper|chapter|review|work),? we (?:\w+ )?describe the (?:\w+ )?"
    r"(?:mechanisms?|roles?|functions?|pathways?|current|recent|main|various|different)\b|"
    r"\b(?:this|the present) (?:article|paper|chapter) (?:describes|outlines|summari[sz]es|discusses) the "
    r"(?:classification|principles|approach|management|diagnosis|"
    r"role|current|recent|main|various|different)\b|"
    r"\b(?:a|an) (?:\w+ )?(?:review|overview|survey|account|summary) of (?:\w+ ){0,6}?(?:is|are) (?:given|"
    r"presented|provided)\b|"
    r"\bthe authors? (?:make|made|makes|present|presents|give|gives) (?:a|an|the) (?:\w+ )?"
    r"(?:revision|review|overview)\b|"
    r"\bby (?:discussing|reviewing|summari[sz]ing) (?:the )?(?:\w+ ){0,3}?(?:studies|literature|evidence|"
    r"findings|reports)\b|"
    # Weighing a body of evidence, in the present tense: "here, we examine the evidence for this hypothesis",
    # "we critically appraise the available evidence".
    r"\bwe (?:critically )?(?:examine|appraise|weigh|evaluate|assess|consider|scrutini[sz]e) (?:the|this) "
    r"(?:\w+ ){0,2}?(?:evidence|literature)\b|\bwe critically (?:appraise|examine|evaluate|discuss|assess)\b"
)
_HERE_WE = (
    r"\b(?:here|herein|in this (?:article|paper|chapter|review|(?:perspective|viewpoint)(?: article| "
    r"piece)?)),? we (?:will )?(?:briefly |further |also )?"
    r"(?:discuss|summari[sz]e|highlight|outline|overview|describe (?:the )?(?:current|recent|latest|main|key|"
    r"various|different|emerging))\b|\bwe here (?:summari[sz]e|discuss|highlight|outline|overview)\b"
)

# guideline ---------------------------------------------------------------------------------------
_GUIDELINE = (
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
_GUIDELINE_ABSTRACT = (
    r"\b(?:this|the present|the current|our|these updated|this updated) (?:\w+ ){0,2}?(?:guidelines?|"
    r"consensus statement|recommendations|position statement|position paper)\b (?:\w+ ){0,3}?(?:provides?|"
    r"aims?|address(?:es)?|updates?|summari[sz]es?|offers?|covers?|focus(?:es)?|(?:was|were) (?:developed|"
    r"written|prepared|drafted|produced|formulated))\b|\b(?:panel|task force|"
    r"working group|committee|expert group) (?:\w+ ){0,6}(?:developed|issued|formulated|reached|made|voted|"
    r"drafted|produced)|\bgrade (?:approach|methodology|system)\b.{0,200}\brecommendations?\b|"
    r"\bmodified delphi\b|\bdelphi (?:method|process|procedure|technique|consensus|survey|panel|round)|"
    # A body's document that says it guides practice: "The … Rapid Response Team has generated this document
    # to provide guidance to health care providers" (train draw (ac)).
    r"\b(?:generated|developed|prepared|produced|written) this (?:document|statement) to provide guidance\b|"
    r"\bthis (?:document|statement) (?:aims to )?provides? guidance\b"
)
_GUIDELINE_NOT = (
    r"\b(?:adherence|compliance|concordance|conformity|implementation|awareness|knowledge|uptake|use) (?:to|"
    r"with|of) (?:the )?(?:\w+ ){0,6}guidelines?\b|\bguideline[- ](?:adherence|concordant|discordant|"
    r"recommended|based|directed)|"
    # Guidelines as what an article argues with, compares or reviews: "Challenging NICE guidelines on …",
    # "Overcoming clinical practice guidelines", "How Swedish guidelines … compare to …", "a comparison of
    # guidelines", "A review of consensus statements, … and guidelines", "evidence to inform guidelines".
    r"\b(?:challenging|overcoming|critiquing|revisiting|comparing|beyond) (?:the )?(?:[\w-]+ ){0,3}"
    r"guidelines?\b|\bguidelines\b[^.:;]{0,80}\bcompare[sd]? (?:to|with)\b|\b(?:review|comparison|"
    r"analysis|appraisal|evaluation|quality) of (?:the )?(?:[\w-]+,? ){0,8}?guidelines\b|"
    r"\bto inform (?:[\w-]+ ){0,2}guidelines?\b"
)
_NOT_A_GUIDELINE = (
    r"\bfinite[- ]element\b|\bchart review\b|\bmedical records? (?:were|"
    r"was) reviewed\b|\bretrospective(?:ly)?\b|"
    r"\bwe (?:developed|trained|propose) (?:a|an) (?:\w+[ -]){0,3}?(?:model|"
    r"algorithm|network)\b|\bdeep[- ]learning\b"
)

# mendelian ---------------------------------------------------------------------------------------
_MR = r"\bmendelian randomi[sz]ation\b|\bmendelian randomi[sz]ed\b|\btwo[- ]sample mr\b|\bmr analys[ie]s\b"
_MR_METHOD = (
    r"\b(?:we|this study) (?:\w+ ){0,3}(?:performed|conducted|used|applied|carried out|undertook) (?:a |"
    r"an )?(?:\w+[ -]){0,3}?mendelian|\binstrumental variables?\b|\binverse[- ]variance weighted\b|"
    r"\bmr[- ]egger\b|\bgenetic instruments?\b|\bsingle[- ]nucleotide polymorphisms? (?:\(snps?\) )?(?:as|"
    r"were used as)"
)

# bioinformatics ----------------------------------------------------------------------------------
#: The public expression databases by name: a bioinformatics paper's source, and other people's patients
#: beside a paper's own cell work (``_PUBLIC_DATABASE``).
_EXPRESSION_DATABASES = r"\btcga\b|\bthe cancer genome atlas\b|\bgene expression omnibus\b"
_BIOINFO_STRONG = (
    _EXPRESSION_DATABASES + r"|\bnetwork pharmacology\b|\bmolecular docking\b|\bhub genes?\b|"
    r"\bgeo (?:database|datasets?|data)\b|\bgse\d{3,}\b|\bwgcna\b|\bweighted gene co-?expression\b|"
    r"\bbioinformatics?(?: analys[ie]s| approach| methods| tools| study| analytic)?\b|\bin silico\b|"
    r"\bmolecular dynamics simulations?\b|"
    r"\bprotein[- ]protein interaction (?:\(ppi\) )?network\b|"
    r"\bdifferentially expressed genes\b.{0,300}\b(?:enrichment|kegg|gene ontology|ppi)\b|"
    r"\bsingle[- ]cell rna[- ]seq\w*\b.{0,200}\b(?:dataset|database|public)\b|"
    r"\bmachine learning\b.{0,100}\b(?:gene|genes|biomarkers?|transcriptom)"
)
_BIOINFO_TITLE = (
    r"\bnetwork pharmacology\b|\bmolecular docking\b|\bhub genes?\b|\bbioinformatics?\b|\bin silico\b|"
    r"\bintegrated analysis\b|\bgeo\b|\bwgcna\b|\btranscriptomic analysis\b|\bmolecular dynamics\b|"
    r"\bidentification of (?:key|hub|candidate|potential|differentially)"
)

_NUM = (
    r"(?:\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:one|two|three|four|five) hundred)"
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
    r" (?:report|present|describe|discuss|document|share|highlight) (?:[^.,;]|\.(?=\d)){0,100}?\b(?:in|of) "
    r"(?:a|an|one|two|three|2|"
    r"3)(?! (?:hundred|thousand|million)) (?:(?!of\b)\w+[ -]){0,3}?(?:patients?|children|child|cases?|men|"
    r"women|man|woman|boys?|girls?|infants?|siblings|brothers|sisters|neonates?|fetus|foetus)\b"
)

# case --------------------------------------------------------------------------------------------
_CASE_TITLE = (
    r"\bcase reports?\b|\bcase presentation\b|\bcase stud(?:y|ies)\b|\bcase series\b|(?<!the )\bcase of\b|"
    # "The case of transition to psychosis", "the case of Belgium": an example argued, not a patient.
    r"\bthe case of (?:a|an)\b|"
    # Not cases counted or sought as an epidemiologist does: "an algorithm identifying cases of dislocation
    # … based on 31,762 patients", "individual cases of mild traumatic brain injury".
    r"(?<!identifying )(?<!identify )(?<!detecting )(?<!detect )(?<!individual )(?<!incident )(?<!new )"
    r"(?<!all )\bcases of\b|(?<![\w-])(?:a|one|two|three|four|[1-3]) cases?\b|"
    r"\breport of (?:a|an|one|two|three|four|"
    r"\d) (?:\w+ )?cases?\b|(?<!to )\b(?:an?|\d+)[- ](?:year|month|week|day)[- ]old\b(?! (?:[\w/-]+ )?"
    r"(?:children|infants|boys|girls|men|women|patients|adolescents|people|individuals|subjects|"
    r"participants|twins|athletes|students|neonates|newborns|mice|rats|cohorts?|population|"
    # the age of an institution: "a 10-year-old MD/PhD program"
    r"programs?|programmes?|initiatives?|projects?|databases?|registr(?:y|ies)|services?|clinics?|networks?|"
    r"trials?|campaigns?|policy|policies|centers?|centres?|institutions?|journals?|experience)\b)"
    # "in a young woman", and with two modifiers "in a COVID-19 positive patient", "in an asymptomatic CADASIL
    # patient" (train: a publisher case report and an unlabelled picture case missed), but not "in a
    # psychiatric patient sample".
    r"|\bin an? (?:[\w-]+ ){0,2}(?:patient|man|woman|boy|girl|child|infant|neonate|newborn|adolescent|"
    r"female|male|family|kindred|twin|athlete)\b(?! (?:samples?|cohorts?|populations?|registr(?:y|ies)|"
    r"groups?|series|databases?)\b)|\b(?:a|an) (?:unusual|rare|atypical|unique|uncommon|novel|peculiar|"
    r"interesting|challenging|fatal|unexpected|infrequent|exceptional|very rare|extremely rare) "
    r"(?:case|presentation|cause|complication|manifestation|"
    r"association|finding)\b|"
    # "An unusual cecal tumor …", "A rare mass in the mediastinum": picture and quiz titles of one patient; a
    # rare variant, allele or disease opens genetic association studies and reviews instead.
    r"^\W*(?:a|an) (?:unusual|rare|atypical|uncommon|peculiar|exceptional|infrequent|unexpected|very rare|"
    r"extremely rare) (?!(?:\w+[ -])?(?:variants?|alleles?|polymorphisms?|diseases?|disorders?|events?|"
    r"species|genes?|form)\b)|\bcase-based review\b|\b(?:in|of) (?:two|three|2|3) (?:\w+ ){0,3}?(?:patients|"
    r"cases|siblings|brothers|sisters|children|members|sibs|infants|neonates|twins)\b"
)
# Each branch starts with a literal ("we", "here", "the authors") so that ``re`` scans for it quickly;
# "herein, we report" is found at its "we".
_CASE_ABSTRACT = (
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
    # The age given by decade: "A woman in her 60s with no risk factors collapsed …".
    r"^\W*(?:a|an) (?:\w+ ){0,2}?(?:man|woman|patient|boy|girl|gentleman|lady) in (?:his|her|their) "
    r"(?:early |"
    r"mid-?|late )?(?:\d0s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|"
    # One person's story opening a sentence, the age left out: "A woman on long-term lithium for bipolar
    # disorder was admitted with confusion …".
    r"(?:^|[.!?] )(?:a|an) (?:[\w-]+ ){0,2}?(?:man|woman|boy|girl|patient|child|infant|neonate|newborn|"
    r"adolescent|gentleman|lady) [^.;]{0,100}?\b(?:presented|was admitted|was referred|was hospitali[sz]ed|"
    r"was diagnosed|developed|complained|underwent)\b|"
    r"\b(?:two|three|2|3) (?:\w+ )?patients [^.]{0,150}?\b(?:are|were) (?:reported|described|presented)\b|"
    r"\bthis case (?:study )?(?:reports?|highlights|illustrates|demonstrates|shows|suggests|emphasi[sz]es|"
    r"underscores|represents|describes|adds|is)\b|\bour case\b|\bthe present case\b|"
    # "This is the first reported case", "we describe the first case of …"; not a disease's history opening
    # a sentence ("The first case of C. auris infection was reported in 2009") or a date ("from the date of
    # the first case of COVID-19 in our hospital").
    r"(?<=[\w,;:)] )(?<!date of )\bthe (?:first|second) (?:reported )?case\b|"
    r"(?:^|[.!?] )this case\b(?![- ](?:control|series|stud|crossover|cohort|mix|definition))|"
    r"\b(?:a|an) (?:unusual|rare|atypical|uncommon|exceptional|infrequent|peculiar) case "
    r"(?:of|with|in|who)\b|"
    r"\b(?:this|the present) (?:article|paper|report) (?:\w+ ){0,2}?(?:presents|describes|reports)(?: and "
    r"discusses)? (?:a|an|the) (?:\w+[ -]){0,3}?case\b|"
    # "This clinical report describes the prosthodontic management of a patient with …": one patient.
    r"\b(?:this|the present) (?:clinical |case )?report (?:presents|describes|documents|details) "
    r"(?:the |a |an )?(?:\w+[ -]){0,6}?(?:of|in|for) (?:a|an|one) (?:\w+[ -]){0,3}?(?:patient|man|woman|"
    r"boy|girl|child|infant|neonate|fetus|foetus)\b|"
    # "This case study presents an infant with …" (train: a neonatal case tagged "other", its background's
    # "health care systems" having read its title as a case study of an organisation).
    r"\bthis case (?:study |report )?(?:presents|details|documents) (?:the |a |an )?(?:\w+[ -]){0,3}?"
    r"(?:patient|man|woman|boy|girl|child|infant|neonate|newborn|fetus|foetus)\b"
)
# One person named by a pseudonym or as "the patient", the age in apposition: "Mr. A, a 67-year-old retired
# engineer, became convinced …", "The patient, a 23-year-old university student, was admitted". A cue of its
# own, with its own trigger words: inside ``_CASE_ABSTRACT`` it cost every clinical abstract 12% more time.
_NAMED_PATIENT = (
    r"\b(?:mr|mrs|ms|miss)\.? [a-z]{1,12},? (?:a|an) \d+[- ]year[- ]old\b|"
    r"(?:^|[.!?] )(?:the|our) patient, (?:a|an) \d+[- ](?:year|month)[- ]old\b"
)
# One patient known by initials, the single-case study of neuropsychology ("we studied patient SM, who has
# bilateral amygdala lesions", "Patient HM2, a right-handed man, developed …"). Read on lowercased text; the
# rule checks that the initials are capitals as written ("patient an" is not a name).
_PATIENT_INITIALS = (
    r"\bwe (?:\w+ ){0,2}?(?:studied|examined|tested|assessed|investigated|report|describe|present|followed) "
    r"(?:the case of )?(?:a )?(?:patient|case|subject|participant) (?P<i1>[a-z]{1,3}\d{0,2})\b|"
    r"(?:^|[.!?] )(?:patient|case|subject|participant) (?P<i2>[a-z]{1,3}\d{0,2}), (?:a|an) (?:\d+[- ]"
    r"(?:year|month)[- ]old|(?:\w+[ -]){0,2}?(?:man|woman|boy|girl|patient))\b"
)
# A case a review or a framework paper shows its points with ("we illustrate these diagnostic challenges with
# the case of a 16-year-old boy"): an illustration, not the article's subject.
_CASE_ILLUSTRATION = (
    r"\billustrat\w* (?:\w+ ){0,5}?(?:with|by|through|using) (?:the |a |an )?(?:\w+ )?(?:case|vignette) of\b"
)
# The vignette that opens a clinical-practice review ("A 52-year-old woman … How should her case be managed?
# This article reviews …"): a question put to the reader, answered by a review.
_CASE_VIGNETTE = (
    r"\bhow should (?:her|his|their|this (?:patient|woman|man|child|girl|boy)'?s?) (?:\w+ ){0,2}?(?:be )?"
    r"(?:managed|treated|evaluated|investigated|assessed)\b|\bhow would you (?:manage|treat|evaluate)\b"
)
_CASE_SECTIONS = frozenset(
    {
        "case",
        "case description",
        "case details",
        "case history",
        "case presentation",
        "case presentations",
        "case report",
        "case reports",
        "case series",
        "case summary",
        "cases",
        "clinical case",
        "clinical presentation",
        "observation",
        "observations",
        "patient concerns",
        "presentation of case",
    }
)
# Patients described one by one, as under a case report's "Observations" heading: "Three patients (1 man, 2
# women, aged 78, 84, 88) were managed for thrombocytosis", "an 81 year old woman who developed …", "presented
# with", "was admitted". (JAMA's reviews use the same heading for their evidence.)
_PATIENTS_DESCRIBED = (
    r"\b\d+[- ]years?[- ]old\b|\baged \d+(?:, \d+)*(?:,? and \d+)?\)?\b|\b(?:presented|presenting) with\b|"
    r"\bwas (?:admitted|referred|diagnosed|hospitali[sz]ed)\b|\bwere (?:managed|treated|admitted) for\b|"
    r"\bwe (?:describe|report|present) (?:a|an|the|two|three|four|\d)\b"
)
_CASE_SERIES = (
    r"\bcase series of (?P<n4>"
    + _NUM
    + r") |\bcase series\b|^\W*(?P<n2>"
    + _NUM
    + r") (?:\w+[ -]){0,3}?cases [^.]{0,150}?\b(?:are|were) "
    # Not the cases of a case-control study ("a nested case-control study of 25 cases … and 38 controls").
    r"(?:reported|described|presented|reviewed)\b|(?<!control )\bstudy of (?P<n3>"
    + _NUM
    + r") (?:\w+ )?cases\b|\bseries of (?P<n7>"
    + _NUM
    + r") (?:\w+ ){0,3}?(?:cases|patients)\b|"
    # Not the published cases a case report reviews beside its own ("we also reviewed 24 published cases").
    r"\bwe (?:\w+ )?(?:report|present|describe|reviewed|review) (?:the "
    r"|our )?(?:(?!published\b)\w+ ){0,2}?(?P<n>" + _NUM + r") (?:(?!published\b|previously\b)\w+[ -]){0,3}?"
    r"(?:cases|patients)\b|"
    # Patients named by who they are: "we describe nine women with atypical femoral fractures" (not "we
    # reviewed 27 women … already released in case reports": other authors' patients).
    r"\bwe (?:\w+ )?(?:report|present|describe) (?:the |our )?(?:(?!published\b)\w+ ){0,2}?(?P<n8>"
    + _NUM
    + r") (?:(?!published\b|previously\b)\w+[ -]){0,3}?(?:women|men|children|infants|boys|girls|adults|"
    r"individuals|neonates|adolescents|siblings)\b|\bof this (?:article|"
    r"paper|report) is to (?:\w+ )?(?:report|present|describe|review) (?:the |our )?(?:\w+ ){0,2}?(?P<n6>"
    + _NUM
    + r") (?:\w+[ -]){0,3}?(?:cases|patients)\b|\ba series (?:is|was) (?:presented|reported|described) of "
    r"(?P<n5>" + _NUM + r") (?:\w+ )?(?:cases|patients)\b"
)
# "Case series" named as other people's work: "numerous case series and small studies", "several case
# series of patients", "the literature comprises case reports, case series and …", "most studies have been
# small case series" (reviews on the train and dev splits). Read on the text just before the phrase; "a
# small case series" and a design line ("retrospective, multicenter case series") stay the study's own.
_SERIES_MENTIONED = (
    r"(?:\b(?:several|numerous|many|multiple|few|some|other|previous|published|various|larger|prior|existing)|"
    r"(?<!\ba )(?<!\ban )\bsmall|\bcase reports?(?:,| and| or)|\b(?:studies|trials|publications),)\s"
    r"(?:[a-z-]+\s)?$"
)
_AGED_PERSON = (
    r"\b(?:a|an) \d+[- ](?:year|month|week|day)s?[- ]old (?:[a-z]+[ -]){0,3}?(?:man|woman|male|female|boy|"
    r"girl|patient|child|infant|neonate|newborn|gentleman|lady|primigravida|multigravida)\b"
)
_CELL_LINE = r"\bcell lines?\b|\bipscs?\b|\bpluripotent\b|\bdonors?\b|\bcadavers?\b"
_CASE_STUDY = r"\bcase stud(?:y|ies)\b|\bcases? of\b"
_CASE_STUDY_RESEARCH = (
    r"\bqualitative\b|\binterviews?\b|\bfocus groups?\b|\bstakeholders?\b|\bimplementation\b|"
    r"\borgani[sz]ations?\b|\bhospitals\b|\bhealth (?:systems?|services?|care systems?)\b|\bpolicy\b|"
    r"\bprogram(?:me)?s?\b|\bschools?\b|\bcurricul|\bstaff\b|\bcommunit(?:y|ies)\b"
)
# Words that name a patient or a clinical matter; "treated", "treatment", "presented", "therapy" alone also
# describe waste plants, sediments and clams exposed to a compound, so a "case study" title asks for this.
_PATIENT_MATTER = (
    r"\b(?:patients?|man|woman|boy|girl|child|infant|neonate|newborn|(?:year|month|week|day)[- ]old|"
    r"diagnos[a-z]*|surgery|surgical|clinical|hospital|disease|"
    r"syndrome|symptoms?|tumou?rs?|lesions?|infections?|carcinoma|fractures?|pain|disorder|"
    r"complicat\w*|perforat\w*|\w+(?:pathy|itis|osis|oma|a?emia|ectomy|otomy|plasty|trophy|algia|plasia|"
    r"rrhage)|f(?:o)?etus(?:es)?|f(?:o)?etal|pregnan[a-z]*|gestation[a-z]*|prenatal|antenatal|trimester|"
    r"sonograph[a-z]*)\b"
)
_CLINICAL = (
    r"\b(?:patients?|man|woman|boy|girl|child|infant|neonate|newborn|(?:year|month|week|day)[- ]old|"
    r"presented|presenting|diagnos[a-z]*|treated|treatment|surgery|surgical|clinical|hospital|disease|"
    r"syndrome|symptoms?|tumou?rs?|lesions?|infections?|carcinoma|fractures?|pain|therapy|disorder|"
    r"complicat\w*|perforat\w*|\w+(?:pathy|itis|osis|oma|a?emia|ectomy|otomy|plasty|trophy|algia|plasia|"
    r"rrhage)|f(?:o)?etus(?:es)?|f(?:o)?etal|pregnan[a-z]*|gestation[a-z]*|prenatal|antenatal|trimester|"
    r"sonograph[a-z]*)\b"
)
#: "Journal of Cardiology Cases", "IDCases", "… Cases and Innovative Techniques": case journals by name too.
_CASE_JOURNAL = r"\bcase reports?\b|\bcase rep\b|\bcases\W*$|\bidcases\b|\bcases and innovative\b"
_CASE_NOT = (
    r"case[- ]control|case[- ]crossover|case[- ]cohort|case[- ]mix|case fatality|case definition|"
    r"worst[- ]case|base[- ]case|in (?:any|either|each|this|that|the) case|business case|use case|"
    r"in case of"
)

# Reagents and cell lines named after animals are not animal subjects.
_ANIMALS = (
    r"(?:rats|mice|rabbits|dogs|pigs|sheep|goats|animals|horses|cats|monkeys|piglets|calves|cows|broilers|"
    r"hens|chickens|zebrafish|ewes|beagles|hamsters|mares|foals|heifers|lambs|birds|fish|larvae|macaques|"
    r"primates|guinea pigs|ferrets|minipigs|gerbils|flies|worms|embryos|pups|puppies|kittens|cattle|poultry|"
    r"swine)"
)

#: Words that make the animal after them food: "dietary fish", "cooked broiler fillets".
_FOOD_WORDS = r"dietary|oily|fatty|lean|fried|cooked|canned|smoked|processed"
#: Words that part a count from the animals after it: "one of the animals", "two trials with dietary fish".
_NOT_BETWEEN = r"(?:of|with|" + _FOOD_WORDS + r")\b"
#: ... nor animals counted as people's trade or food: "120 cattle feedyard workers", "3 fish meals a week".
_NOT_ANIMALS_STUDIED = (
    r"(?![ -](?:\w+ )?(?:workers|farmers|owners|handlers|producers|breeders|keepers|industry|meat|meals?|"
    r"milk|consumption|intake|oils?)\b)"
)

# animal ------------------------------------------------------------------------------------------
# Phrases that only an experiment on animals produces (a background "shown in animal studies" is not one).
_INVIVO = (
    r"\b(?:ovariectomi[sz]ed|ovx|orchiectomi[sz]ed|sham[- ]operated) (?:\w+ ){0,2}?(?:rats?|mice|mouse|"
    r"rabbits?|sheep|animals|ewes|dogs|pigs|monkeys|model|group)|\b(?:knockout|knock-out|transgenic|"
    r"conditional knockout|null|deficient|mutant|wild[- ]type|cko|cre|floxed) (?:\w+ ){0,1}?"
    # The line's genotype may stand between in brackets: "genetic knockout (P2rx1-/-) mice" (dev draw (z)).
    r"(?:\([^()]{1,20}\) )?(?:mice|mouse|"
    r"rats?|zebrafish|flies|littermates|animals)|\blittermates\b|"
    # Lines named by their genotype or by their model's name: "Gpr15-/- mice", "Pfkfb3+/- mice", "Zbtb7c-KO
    # mice", "Foxp3DTR mice", "APP/PS1 mice", "SAMP8" (train: a knockout's skin immunology and a circRNA study
    # of APP/PS1 mice came out "other").
    r"\b\w+(?:-/-|\+/-|fl/fl|-ko|-cre|dtr|-tg) (?:[\w-]+ )?(?:mice|mouse|rats?)\b|"
    r"\b(?:app/ps1|appswe/ps1de9|5xfad|3xtg(?:-ad)?|samp8|tg2576)\b|"
    r"\b(?:rat|mouse|murine|rabbit|canine|porcine|ovine|sheep|"
    r"pig|dog|goat|zebrafish|primate|equine|bovine|chick|swine|minipig|monkey|hamster|drosophila|xenograft|"
    r"rodent|large animal) (?:\w+[ -]){0,3}?(?:models?|modell?ing)\b|\bin vivo\b[^.]{0,60}?\bmodels?\b|"
    r"\bin vivo (?:\w+ ){0,2}?(?:mouse|mice|rats?|murine|rabbits?|porcine|canine|zebrafish)\b|"
    r"\b(?:drosophila|zebrafish|c\. elegans|mouse|mice|rat|fly) (?:\w+ ){0,2}?(?:mutants?|larvae|embryos|"
    r"strains|knockouts?)\b|\b(?:sprague[- ]dawley|wistar rats|c57bl|balb/c|db/db mice|ob/ob|nude mice|"
    r"scid mice|nod mice|cba mice)|\bclient[- ]owned\b|\bin (?:rats|mice|rabbits|dogs|pigs|sheep|zebrafish|"
    # Rarer laboratory animals too ("a lethal challenge in hamsters", dev draw (z3)).
    r"primates|monkeys|animals|hamsters|guinea pigs|ferrets|gerbils|piglets|macaques|minipigs|"
    r"a (?:rat|mouse|murine|rabbit|canine|porcine|sheep|pig|zebrafish) model)\b|"
    r"\bxenografts?\b|\bintraperitoneal(?:ly)? (?:inject|administ)|\bgavage\b|\bsubcutaneously implanted\b|"
    r"\b(?:mice|rats) (?:received|underwent|showed|exhibited|displayed|developed|lacking)\b|"
    # Behaviour and dosing only laboratory animals produce: "rats self-administered cocaine", a dose in mg/kg
    # given into the peritoneum, a stereotaxic injection.
    r"\b(?:mice|rats|animals|monkeys) (?:self-administered|were trained|learned|acquired|consumed|"
    r"explored)\b|"
    # Not "administered intraperitoneally" alone: chemotherapy is, to patients.
    r"\binjected intraperitoneally\b|\bmg/kg\b[^.]{0,40}?\b(?:i\.p\.|intraperitoneal(?:ly)?|"
    r"intragastric(?:ally)?)|\bintraperitoneal(?:ly)?\b[^.]{0,40}?\bmg/kg\b|\bstereotaxic(?:ally)?\b|"
    # Injections into a rodent's brain ventricles or ganglia, and its whisker pad (train, dev draw (aa)).
    r"\bintracerebroventricular(?:ly)?\b|\bi\.c\.v\.|\bintraganglionic(?:ally)?\b|\bwhisker pads?\b|"
    r"\banimal (?:experiments?|study|studies were performed|model was established)\b|"
    # Not experiments left to others: "further in vitro and in vivo experiments are needed" (train: docking
    # studies that recommend them came out animal studies once their bioinformatics verdict was vetoed).
    r"(?<!further )(?<!future )(?<!subsequent )(?<!recommend )"
    r"\b(?:both )?(?:in vitro and in vivo|in vivo and in vitro)\b|"
    # Behaviour only laboratory animals are tested for, by the tests' names ("open field test", "forced swim
    # test", "anxiety-like behavior", "antidepressant-like effects"): train and dev records of draw (y) and
    # beside it came out "other", in vitro or bioinformatics. Not fear conditioning, which people undergo too.
    r"\b(?:anxiety|depressive|depression|anxiolytic|antidepressant|autistic|autism|compulsive|despair)"
    r"[- ]like (?:behaviou?rs?|effects?|phenotypes?)\b|"
    r"\b(?:open[- ]field|forced[- ]swim(?:ming)?|tail[- ]suspension|elevated plus[- ]maze|"
    r"morris water[- ]maze|novel object recognition|rotarod|hot[- ]plate|tail[- ]flick|tail[- ]immersion|"
    r"writhing|conditioned place preference) tests?\b|"
    # Laboratory animals named by what was done to them (dev draw (z): "BCBMs bearing mice", "prolongs
    # survival of mice bearing …" came out "other").
    r"\b[\w-]+[- ]bearing (?:nude |balb/c |c57bl/6 )?(?:mice|rats|animals|hamsters)\b|"
    r"\bsurvival of (?:the )?(?:[\w-]+ ){0,2}?(?:mice|rats)\b|\b(?:normal|naive|naïve|healthy|infected|"
    r"diabetic|obese|aged|wild-type|wildtype|immuni[sz]ed|vaccinated|treated|untreated|control|"
    # Named by their disease model too: "control and hemiparkinsonian rats" (dev draw (z3)).
    r"hemiparkinsonian|parkinsonian|epileptic|hypertensive|lesioned|sham) (?:mice|rats|hamsters)\b"
)
# The same, for counted or described animals ("40 male rats", "mice were injected"): kept apart because a
# plural animal noun is a whole word, so this cue can be skipped on the word set alone.
_INVIVO_ANIMALS = (
    r"\b(?:male|female|adult|aged|young|old|pregnant|juvenile|weanling|neonatal|healthy|obese|diabetic|"
    r"senescence-accelerated|nude|immunodeficient|c57bl/6j?|balb/c|cba|db/db|ob/ob|sprague[- ]dawley|wistar|"
    r"new zealand(?: white)?) (?:\w+[ -]){0,2}?" + _ANIMALS + r"\b"
    r"|\b" + _ANIMALS + r" (?:\w+ ){0,2}?(?:were|was) (?:randomly|divided|assigned|allocated|randomi[sz]ed|"
    r"treated|fed|injected|given|administered|exposed|sacrificed|killed|euthani[sz]ed|anesthetized|"
    r"anaesthetized|used|subjected|housed|implanted|immunized|infected|inoculated|operated|maintained|kept|"
    r"vaccinated|challenged|gavaged|ovariectomi[sz]ed|raised|bred|reared|sampled|examined|studied|evaluated|"
    r"assessed|observed)"
    # Counted in digits or in words ("two rhesus monkeys"), but not one of a group ("one of the animals",
    # "two species of fish"), nor food ("two trials with dietary fish").
    r"|\b\d+ (?:(?!"
    + _NOT_BETWEEN
    + r")\w+[ -]){0,3}?"
    + _ANIMALS
    + r"\b"
    + _NOT_ANIMALS_STUDIED
    + r"|\b(?:"
    + _COUNT_WORDS
    + r") (?:(?!"
    + _NOT_BETWEEN
    + r")\w+[ -]){0,3}?"
    + _ANIMALS
    + r"\b"
    + _NOT_ANIMALS_STUDIED
)
_TITLE_INVIVO = r"\bin vivo\b|\bex vivo\b|\bpreclinical\b|\bexperimental\b"

# in_vitro ----------------------------------------------------------------------------------------
# A strain of microbes or of a line, not the strain of work or of a material: "job strain", "psychological
# strain" and "caregiver strain" (psychology on the train and dev splits), "global longitudinal strain"
# (echocardiography), "tensile strain", "strain rates" and "strain energy" (mechanics and materials) made
# those papers laboratory biology. The singular counts only beside an organism's name or an isolate's code
# ("a Bacillus thuringiensis strain", "a mutant strain", "strain PAO1", "the lph172 strain"); a strain "on
# the healthcare system" or "on the parent-infant relationship" is a burden.
_MICROBIAL_STRAIN = (
    r"(?<!psychological )(?<!job )(?<!work )(?<!role )(?<!mental )(?<!emotional )(?<!caregiver )"
    r"(?<!caregiving )(?<!financial )(?<!occupational )(?<!marital )(?<!parenting )(?<!perceived )"
    r"(?<!longitudinal )(?<!circumferential )(?<!radial )(?<!myocardial )(?<!ventricular )(?<!atrial )"
    r"(?<!muscle )(?<!hamstring )(?<!mechanical )(?<!shear )(?<!tensile )(?<!compressive )(?<!elastic )"
    r"(?<!plastic )(?<!lattice )(?<!thermal )(?<!residual )(?<!biaxial )(?<!uniaxial )"
    r"strains(?![- ](?:rates?|energy|energies|gauges?|fields?|hardening|imaging|distributions?|sensors?)\b)|"
    r"(?:mutant|wild[- ]type|resistant|susceptible|bacterial|fungal|yeast|reference|type|isolated|parental|"
    r"recombinant|engineered|producing|probiotic|clinical|vaccine|viral|challenge|[a-z]\.|\w*\d\w*|"
    r"\w+(?:us|um|is|ii|ae|ella|ia)|knockout|degrading) strain|strain(?= \(?[a-z-]*\d)"
)

#: Assay words the laboratory cue and the compound-assay cue (below) share.
_CYTOTOXIC = r"\bcytotoxic(?:ity)?\b"
_ENZYME_ASSAY = r"\benzyme (?:assays?|inhibition|kinetics)\b"

_INVITRO = (
    r"\bin vitro\b|\bcell (?:lines?|cultures?|viability|proliferation|migration|invasion|apoptosis|cycle)\b|"
    r"\bcells were (?:treated|cultured|incubated|transfected|exposed|stimulated|seeded|infected|co-?cultured|"
    r"differentiated|isolated|grown)|\b(?:transfect|sirna|shrna|knockdown|overexpress|western blot|rt-q?pcr|"
    r"qrt-pcr|immunofluorescence|cck-8|mtt assay|transwell|flow cytometry|luciferase|co-immunoprecipitation|"
    r"chip assay|elisa|alizarin red|alkaline phosphatase staining|trap staining)|\b(?:mc3t3-e1|raw ?264\.7|"
    r"bmscs?|bmmscs?|hbmscs?|hmscs?|mscs|osteoblasts|osteoclasts|osteocytes|chondrocytes|fibroblasts|"
    r"macrophages|huvecs?|endothelial cells|hela|hek ?293t?|saos-?2|mg-?63|u2os|hfob|atdc5|c2c12|stem cells|"
    r"cancer cells|tumou?r cells|cell line)\b|\b(?:"
    + _MICROBIAL_STRAIN
    + r"|isolates|bacteria|bacterial|fungal|antimicrobial|antibacterial|mic values?|minimum inhibitory|"
    r"biofilms?|escherichia coli|staphylococcus|candida)\b|"
    # yeast genetics, electrophysiology on cells, bench tests on extracted teeth, a study "in a laboratory
    # setting" (dev-split misses: three yeast studies, a patch-clamp assay, a glide-path test in molars)
    r"\b(?:yeast|saccharomyces|patch[- ]clamp|voltage[- ]clamp)\b|\bxenopus (?:laevis )?oocytes\b|"
    r"\bextracted (?:\w+ ){0,2}?(?:teeth|molars|premolars|"
    r"incisors|canines)\b|\b(?:laboratory|bench[- ]?top) (?:study|setting|experiments?)\b|"
    + _CYTOTOXIC  # medicinal chemistry and biochemistry tested on cells or enzymes
    + r"|\bic50s?\b|\bbiological(?:ly)? evaluat|"
    + _ENZYME_ASSAY
    + r"|"
    r"\b(?:hepg2|mcf-?7|a549|hct-?116|sh-sy5y|caco-2|thp-1|jurkat|vero) cells\b|"
    # Cells of the nervous system and other common lines at the bench: "differentiated PC12 cells", "primary
    # cortical neurons", "iPSC-derived neurons". Not brain slices: imaging and sensor methods are tested on
    # them too (train and dev split).
    r"\b(?:pc-?12|n2a|neuro-?2a|bv-?2|ht-?22|u-?87(?: mg)?|u-?251|sk-n-sh|c6 glioma|cho|cos-?7|hacat|k562|"
    r"hl-?60|u937|3t3-l1|h9c2|ins-?1e?|min6|hk-?2|arpe-?19|lncap|pc-?3|du-?145|huh-?7|sw480|ht-?29|"
    r"mda-mb-231|t47d|skov-?3) cells\b|\b(?:primary|cultured|dissociated) (?:\w+ ){0,2}?(?:neurons|"
    r"astrocytes|microglia|oligodendrocytes|cardiomyocytes|hepatocytes|keratinocytes|myoblasts|myotubes|"
    r"podocytes)\b|\b(?:neuronal|astrocyte|astrocytic|microglial|glial|hippocampal|cortical) (?:cell )?"
    r"cultures\b|\bipscs?-derived\b|"
    # Three-dimensional cultures: "forebrain assembloids from induced pluripotent stem cells".
    r"\b(?:organoids?|assembloids?|spheroids?)\b|"
    # Molecular biology's own assays, named so (dev draw (z): "pull-down assays", "gain-of and loss-of
    # function assays", truncated mutants of a protein came out "other"). Not a 3' UTR or a mobility shift:
    # sequence analyses and biosensors name them too (train).
    r"\bpull-?down assays?\b|\b(?:gain|loss)-of[- ](?:and loss-of[- ])?function (?:assays?|experiments?)\b|"
    r"\b(?:truncated|truncation|deletion) mutants?\b|\breporter (?:gene )?assays?\b|"
    # Enzymology and protein biophysics by their measurements (dev draw (aa): binding studies on red blood
    # cells and a flavoprotein's stopped-flow kinetics came out "other").
    # Not surface plasmon resonance, microscale thermophoresis, proximity ligation or "enzymatic assays"
    # alone: biosensors, methods articles and plant methods name them; nor binding studies by NMR, which
    # host-guest chemistry reports (train).
    r"(?<!nmr )\bbinding (?:studies|assays?|experiments)\b|\b(?:isothermal titration calorimetry|"
    r"stopped-flow)\b|\bkcat\b|\bmichaelis[- ]menten\b|\b(?:kinase|enzyme activity) assays?\b"
)
# Cells grown from people: patients and controls named beside them are the cells' donors ("assembloids from
# induced pluripotent stem cells of three patients and three controls"), not the study's subjects.
_DONOR_CELLS = (
    r"\b(?:induced pluripotent stem cells?|h?ipscs?|organoids?|assembloids?)(?: \(h?ipscs?\))? (?:\w+ ){0,2}?"
    r"(?:from|of) (?:\w+[ -]){0,3}?(?:patients|individuals|donors|controls|subjects|people|participants|"
    r"children|carriers)\b|\b(?:patient|donor)-derived (?:\w+ ){0,2}?(?:cells|fibroblasts|neurons|organoids|"
    r"lines|cultures)\b"
)
# Laboratory work on molecules and formulations (issue 14, h14v; dev-split misses read: a histone's structure
# by ion mobility, glycan conformations by NMR, drug formulations tested for permeation and dissolution):
# biology and pharmaceutics, named with the molecule studied, so chemistry and materials papers (which the
# in-vitro cues left out on purpose, above) do not qualify by an instrument alone.
_INVITRO_MOLECULAR = (
    r"\bex vivo (?:\w+ ){0,2}?(?:permeation|penetration|deposition|release)\b|"
    r"\b(?:skin|transdermal|intestinal|corneal|mucosal|buccal|nasal) permeation\b|"
    r"\bfranz (?:diffusion )?cells?\b|\bdrug release (?:profiles?|studies|study|kinetics|behaviou?r)\b|"
    r"\b(?:crystal|cryo-?em|cryo-?electron microscopy|x-ray|nmr|solution) structures? of (?:the |a |an )?"
    r"(?:[\w-]+ ){0,4}?(?:proteins?|"
    r"enzymes?|receptors?|domains?|peptides?|antibod(?:y|ies)|histones?|kinases?|channels?|"
    r"transporters?|nucleosomes?|ribosomes?|z-dna|dna|rna)\b|"
    r"\brecombinant(?:ly)? (?:expressed|purified|proteins?|enzymes?|antigens?)\b|"
    r"\bpurified (?:recombinant )?(?:proteins?|enzymes?)\b|\bsite-directed mutagenesis\b|"
    r"\b(?:nmr|mass spectrometry|ion mobility|circular dichroism|crystallography) (?:\w+ ){0,6}?(?:proteins?|"
    r"peptides?|glycopeptides?|glycoproteins?|glycoconjugates?|histones?|enzymes?|nucleosomes?)\b"
)
# Computational work named in the title (genome-scale modelling, genome annotation, phylogenetics, neural
# networks, simulations of sequence data): data analysis, not an experiment on cells or microbes, whatever
# organisms it is about (dev split: 5 such records tagged in vitro, all labelled "other"). Bench work named in
# the title or abstract beside it ("in silico and in vitro", "a patch-clamp assay", "cells were …") keeps it.
_COMPUTATIONAL_TITLE = (
    r"\b(?:genome[- ]scale|metabolic (?:network )?modell?ing|genome annotations?|phylogenetic analys[ie]s|"
    r"phylogenom\w*|machine learning|deep learning|"
    r"(?:deep |convolutional |graph |artificial )?neural networks?|"
    r"algorithms?|simulations?|mathematical models?|software|web ?servers?|computational (?:models?|"
    r"analys[ie]s|approach\w*|framework|methods?|pipeline)|rna-seq data|sequencing data|markov random|"
    r"chaos game|image hashing|comparative genomics|pan-?genomes?|pan-?genome analys[ie]s)\b"
)
_COMPUTATIONAL_WITH_BENCH_TITLE = r"\bin vitro\b|\bin vivo\b|\bexperimental(?:ly)?\b|\bvalidat\w*|\bassays?\b"
# In the abstract only hands-on work counts: "compared well with in vitro experiments", "inferred from in
# vitro data" cite other people's bench results (a coiling algorithm, a machine-learning screen on train).
_COMPUTATIONAL_WITH_BENCH_ABSTRACT = (
    r"\bwestern blot|\bpatch[- ]clamp\b|\bcells were (?:treated|cultured|transfected|incubated|exposed)\b|"
    r"\bcell viability\b|\btransfect\w*|"
    # Dev draw (aa): a pangenome analysis of strains that also infected "human intestinal cells in vitro".
    # Not "in vitro experiments" alone: a simulation compared with them is still a simulation (train).
    r"\bcells in vitro\b|\bin vitro (?:infections?|colonization|invasion)\b"
)

# A public cancer database beside the authors' own cell work ("Data from TCGA database showed …; when ANLN
# was knocked down in CAL27 cells, colony formation …"): the database's patients make no cohort of the
# authors'; the cell lines are their study (dev draw (ad3): such a paper tagged cohort; it and 4 more such
# train/dev cohort verdicts, all cell-line studies, move). Bench words counted distinct, two at least: one
# "cell line" or "luciferase" is cited as often as done. Not "overexpression", which describes a tumour's
# expression in these papers too.
_PUBLIC_DATABASE = (
    _EXPRESSION_DATABASES
    + r"|\bgeo (?:database|datasets?)\b|\bgepia2?\b|\boncomine\b|\bualcan\b|\bcbioportal\b|"
    r"\bkaplan-meier plotter\b"
)
_BENCH_WORK = (
    r"\bknock(?:ed)?[- ]?down\b|\btransfect(?:ed|ion|ing)\b|\bwestern blot(?:ting|s)?\b|"
    r"\bsirnas?\b|\bshrnas?\b|\bcck-8\b|\bcolony formation\b|\btranswell\b|\bwound[- ]healing assays?\b|"
    r"\bcell lines?\b(?! encyclopedia)|\bluciferase\b"
)

# Cells worked with at the bench, in any of the ways the laboratory rules' other cues name them, or grown
# ("human dental pulp stem cells", "cultured", "in vitro", "cell proliferation"): where one group of people
# is counted beside them, they are the cells' or tissues' donors and the work stays laboratory work
# (`study_type._in_vitro_with_data`); without them the counted people are the study's (serum levels of 45
# workers, swabs of 524 health care workers). Not "culture" alone: a blood culture is a clinical test.
# "In vitro studies have shown …": others' bench work in a study's background, not cells of its own.
_OTHERS_IN_VITRO = (
    r"(?:studies|experiments|data|evidence|work) (?:have|has|had|suggest|show|indicate|demonstrate)\w*\b"
)
_CELL_WORK = (
    _BENCH_WORK
    + "|"
    + _COMPUTATIONAL_WITH_BENCH_ABSTRACT
    + r"|\bstem cells?\b|\bcultured\b|\b(?:cell|tissue|primary|organotypic|organ) cultures?\b|"
    r"\bculture medi(?:um|a)\b|\bco-?cultur\w*|\bin vitro\b(?! diagnos)(?! " + _OTHERS_IN_VITRO + r")|"
    r"\bcells? (?:proliferation|migration|invasion|differentiation)\b"
)

# Cells grown or tested at the bench by the authors: cell lines, cultures, their assays ("CCK-8", "transwell",
# "colony formation"), "in vitro" said of their own work. Not western blots, knockdowns or reporters, which
# animal studies run on tissue too, nor "further in vitro studies". Read only on laboratory and animal
# verdicts: both this and an animal experiment make the badge "Animal and in-vitro study" (digest audit,
# round 8: six of the twelve dev badges clinicians doubted or found wrong were such work shown as only one).
_CELLS_AT_BENCH = (
    r"\bcell lines?\b(?! encyclopedia)|\bcck-?8\b|\bcolony formation\b|\btranswell\b|"
    r"\bwound[- ]healing assays?\b|\btransfect(?:ed|ion|ing)\b|\bcultured\b|"
    r"\b(?:cell|primary|organotypic) cultures?\b|\bco-?cultur\w*|"
    r"(?<!further )(?<!future )(?<!previous )(?<!prior )\bin vitro\b(?! diagnos)(?! "
    + _OTHERS_IN_VITRO
    + r")|"
    r"\bcells? (?:migration|invasion)\b|\b(?:mtt|edu) assays?\b|"
    r"\bprimary (?:[\w-]+ ){0,2}?(?:cells|osteocytes|osteoblasts|osteoclasts|chondrocytes|neurons|"
    r"fibroblasts|macrophages|hepatocytes|cardiomyocytes|astrocytes|microglia)\b|"
    # Cells the authors treated, named by their abbreviation ("human periodontal ligament cells (hPDLCs)
    # were treated with hydrogen peroxide"; digest audit, round 12, train).
    r"\bcells (?:\([^()]{1,20}\) )?(?:were|was) (?:treated|exposed|incubated|stimulated|transfected|"
    r"pretreated|cultured|infected|co-?cultured)\b"
)
# The objects and instruments of bench science beyond cells and animals: chemistry (synthesis, catalysts,
# ligands, spectra), materials (nanosheets, films, composites, scaffolds), bioprocesses (reactors, sludge,
# biotransformation) and molecular, microbial and plant genetics (mutants, transgenic lines, yeast,
# RT-qPCR). Read only where no design was found: two different ones beside work of the authors' own make
# the badge "Laboratory study" instead of "Design not stated" (digest audit, round 12: train and dev
# readers called 10 such badges wrong). The labels the classifier is measured on call such work "other",
# which the design stays.
_BENCH_SCIENCE = (
    r"\b(?:(?:bio)?synthe(?:sized|sised|sizing|sising|size|sise|sizes|sises|sis)|catalys(?:t|ts|ed|is|es)|catalytic|photocatalys\w*|photoredox|"
    r"enantio\w+|ligands?|crystal(?:s|line)?|crystallograph\w*|spectr(?:a|um|oscopy|oscopic|ometry)|"
    r"luminescen\w+|nmr|x-ray diffraction|xrd|ftir|electrochemi\w+|electrodes?|cathodes?|anodes?|"
    r"nanosheets?|nanoparticles?|nanocomposites?|nanofibers?|composites?|hydrogels?|scaffolds?|"
    r"thin films?|coatings?|alloys?|polymers?|polymeri[sz]\w+|(?:bio)?reactors?|sludge|fermentation|"
    r"biotransformation|metabolites?|mutants?|mutation of|transgenic|overexpression|yeast|arabidopsis|"
    r"strains?|rt-q?pcr|gene family|enzymes?|recombinant|purified|reactions?|compounds?|molecules?|"
    # ... and of cell, molecular and plant biology at the bench (train split, "Design not stated" records of
    # no design and no people: a lamin's nuclear myosin, T cells' cAMP bursts, wheat under cadmium stress).
    r"cells|cellular|proteins?|peptides?|plasmids?|antibod(?:y|ies)|microscopy|fluorescen(?:t|ce)|"
    r"knock(?:ed)?[- ]?down|transcripts?|gene expression|seedlings?|leaves|roots|chloroplasts?|"
    r"emulsions?|solvents?|surfaces?)\b"
)

# Work done in the computer (molecular dynamics, QM/MM, DFT, docking) or in the field (pollutants surveyed in
# waters, sediments, soils, beaches): where no design was found, not a laboratory study, whatever bench words
# stand beside it (train split: a QM/MM study of an enzyme, microplastics surveyed in coastal sediments).
_IN_SILICO = (
    r"\b(?:molecular dynamics|md simulations?|qm/mm|density functional|dft|docking|in silico|ab initio|"
    r"quantum[- ]chemical|computational(?:ly)?|simulations?)\b"
)
# Work in the computer as the title's headline ("…: a computational study", "A theoretical study of …",
# "Molecular Dynamics Exploration of …", "Density-functional tight-binding for …", "Modeling the Energy
# Landscape of …"): no laboratory study, however many bench words its abstract holds (train/dev: such works
# were shown "Laboratory study"). Not computation beside the experiment ("… Isotherm, kinetic and breakthrough
# curve modelling", "Mechanistic Implications with DFT Calculations", "structural and theoretical analysis",
# "A Combined Experimental and Computational Investigation"): those stay bench science.
_THEORY_TITLE = (
    r"^(?!.*\b(?:experiment\w*|spectroscop\w*|synthes[ie]s|synthesi[sz]ed|structural|crystal|in vitro|"
    r"in vivo|assays?)\b)"
    r"(?:.*\b(?:computational|theoretical|in silico|first[- ]principles|molecular dynamics|dft|"
    r"quantum[- ]chemical|ab initio) (?:study|investigation|analys[ie]s|exploration|insights?|"
    r"perspective|considerations|approach)\b"
    r"|\W*(?:modell?ing|simulating|molecular dynamics|density[- ]functional|theoretical|theory of|"
    r"nonadiabatic)\b"
    r"|.*\bpotential energy surfaces?\b)"
)
_FIELD_SURVEY_TITLE = (
    r"\b(?:prevalence|occurrence|distribution|abundance|contamination|pollution|monitoring|spatial|seasonal|"
    r"characteri[sz]ation)\b.*\b(?:waters?|sediments?|soils?|beach(?:es)?|coast(?:al)?|rivers?|lakes?|seas?|"
    r"oceans?|estuar\w+|groundwater|atmospher\w+|urban|marine)\b"
)

# The authors' own work in a living animal, said with what was tested there ("in vivo experiments
# demonstrated", "tumor growth in vivo", "the proliferation of osteosarcoma in vivo"): where the laboratory
# verdict counted too few animal phrases to be an animal study, it still reports an animal experiment beside
# its cells. Not "in vivo" alone, which names an interaction inside bacteria, a non-invasive method or the
# conditions a dish mimics, nor "in vivo data", "results" or "assays" (people's scans, others' findings,
# yeast and plants; train split, in-vitro verdicts), nor a call for more ("further in vivo studies").
_IN_VIVO_SAID = (
    r"(?<!further )(?<!future )(?<!additional )(?<!subsequent )\bin[- ]vivo (?:[\w-]+ ){0,2}?(?:experiments?|"
    r"studies|study|analys[ie]s|evidence|tests?|tumou?rs?|xenografts?|antitumou?r|efficacy|skin|wound|"
    r"oncogenicity|tumou?rigenicity|metastas[ie]s|growth|pharmacokinetics|toxicity)\b"
    r"(?! (?:are|is|will|would|should|could|remain|may|might)\b)|"
    r"\b(?:tumou?r (?:growth|progression|formation|volumes?)|xenograft growth|metastas[ie]s|oncogenicity|"
    r"tumou?rigenicity|tumou?rigenesis|proliferation of [\w-]+|immunity|antitumou?r (?:effects?|activity|"
    r"efficacy|immunity)|wound[- ]healing|tumou?r models?) (?:[\w-]+ ){0,2}?in vivo\b|"
    # A sentence that opens on the living animal ("In vivo, the chirality of surface ligands distinctly
    # affected …"; digest audit, round 12, train).
    r"(?:^|(?<=\. ))in vivo, "
)

# Assays that measure a compound's or a cell's response at the bench, named in the abstract beside docking or
# mined expression data ("minimum inhibitory concentrations", "IC50", "enzyme inhibition", "qRT-PCR" on the
# authors' own samples): the computation serves an experiment, so the laboratory rules decide (train draw
# (ao): 22 such studies labelled in vitro came out "bioinformatics"). Not "in vitro" alone: a docking study
# recommends "further in vitro studies" as often as it runs them; nor "inhibitory activity" or a "log IC50",
# which QSAR models of other people's measurements name (train). A compound's assays lift the veto of a
# computational title too ("… supported by molecular dynamics simulations": an enzyme inhibition assay on
# dev); qRT-PCR and immunohistochemistry do not: genome annotations validate their models with them (dev).
_COMPOUND_ASSAYS = (
    _CYTOTOXIC + r"|(?<!log )\bic50s?\b|"
    r"\b(?:antimicrobial|antibacterial|antifungal) (?:activit(?:y|ies)|evaluation|assays?|screening)\b|"
    r"\bminimum inhibitory concentrations?\b|\bmics?\b(?= (?:values?|of|=|\())|" + _ENZYME_ASSAY
)
_BENCH_ASSAYS = _COMPOUND_ASSAYS + r"|\bqrt-pcr\b|\brt-q?pcr\b|\bimmunohistochemi\w*"

# Not laboratory *biology*: synthesis, crystals, composites, spectroscopy, catalysts, polymers name chemistry
# and materials science as often as cell work. They used to decide "in vitro" alone; on the dev split's hand
# labels (draw 3) 15 of the 26 wrong animal/in-vitro verdicts on unlabelled records were chemistry, materials
# or environmental papers found only by these words, and a "Composite International Diagnostic Interview"
# made an interview survey of 254 people laboratory work. A materials paper that tests cells or bacteria
# still says so ("cell viability", "antibacterial", "in vitro") and stays in vitro.

# A microbial community named in the title ("soil bacterial diversity", "microbial communities in lake
# sediments", "airborne microbial community", "metagenomic analysis of a mudflat"): a survey of a field, a
# reactor or a host, which the labels' policy calls "other" (environmental surveys), not laboratory work on
# microbes. It moved 49 train and dev records out of "in vitro" (for "bacterial" or "strains"); read by title,
# 5 were bench experiments on microbes (lost), one a publisher review (gained), the rest soil, water, air,
# sludge, reactor or host surveys, software and genome papers.
_MICROBIAL_COMMUNITY = (
    r"\b(?:microbial|bacterial|fungal|archaeal|prokaryotic|eukaryotic|protist) (?:communit(?:y|ies)|"
    r"diversity|composition|assemblages?)\b|\b(?:microbiomes?|microbiota|mycobiomes?|aerobiome|"
    r"metabarcoding|microflora)\b|\bmetagenom"
)

# Environmental engineering and environmental matrices named in the title (wastewater and sludge treatment,
# remediation, biosorption, photocatalysis, groundwater and sediment processes): bacteria, strains and
# assays there serve a process or describe a site, and the labels' policy calls such papers "other", not
# laboratory biology. Words that also name cell biology are left out ("degradation of", "removal of",
# "adsorption" of a phage, "pollutant-induced" toxicity in cells, "soil" isolates characterised in the lab).
_ENVIRONMENTAL_PROCESS = (
    r"\b(?:waste-?waters?|sewage|sludges?|effluents?|landfills?|leachates?|(?:bio|phyto)?remediation|"
    r"biosorption|adsorbents?|composting|photocataly\w*|groundwaters?|sediments?|nitrogen removal|"
    r"(?:de)?nitrification|eutrophication|coastal waters?|seawater|anammox|biogas|anaerobic digestion|"
    r"electro-?fenton|"
    # Soils, rivers and water treatment by their measures (train: soil N2O emission, caesium desorption in
    # soils, arsenic removal from aqueous solutions, membrane fouling, bathing waters' bacterial pollution,
    # all labelled "other", came out in vitro). Not a strain or the microbes of soil at the bench ("a soil
    # PAH-degrading strain", dev, laboratory work; "soil colloids on biodegradation by a bacterium"), nor
    # river blindness.
    r"soils|in (?:\w+ )?soil(?! (?:bacteri|fung|microb|isolat|strain))|soil (?:depth|emissions?|n2o|co2|"
    r"flux|fertility|organic|carbon|nitrogen|properties|moisture|erosion|profiles?|types?|layers?|texture|"
    r"health|quality|amendments?)|manured|from aqueous solutions?|fouling|flue gas|bathing waters?|"
    r"rivers?(?! blindness))\b"
)

# Laboratory findings told as others' ("early research reported …", "later work revealed …", "recent
# studies elucidated …", "has been shown to …") in an abstract that says nothing of work of its own: the
# laboratory words describe a literature, a review's or an essay's topic, not a bench study. Read together
# with `_OWN_WORK` by `study_type._in_vitro_without_data` (dev-split reviews of hyaluronan in myelination and
# of a bacterial repair factor were laboratory work for their "in vitro studies" and "E. coli strain").
_OTHERS_FINDINGS = (
    r"\b(?:recent|previous|prior|earlier|early|later|subsequent|several|many|numerous|emerging|growing|"
    r"accumulating|increasing|other|some|these|such|further|past) (?:[\w-]+[ -]){0,3}?(?:studies|work|"
    r"research|findings|evidence|reports|data|investigations|experiments|observations) (?:have |has |had )?"
    r"(?:also )?(?:shown|revealed|demonstrated|reported|identified|suggested|indicated|elucidated|"
    r"established|highlighted|implicated|uncovered|showed|found|provided)\b|"
    r"\b(?:has|have) been (?:shown|reported|demonstrated|found|suggested|proposed|implicated|described)\b|"
    r"\b(?:is|are) (?:thought|believed|known) to\b"
)
# Work of the article's own: a first person, "this study", "here", "the data presented", the passive of the
# bench ("cells were treated", "two bacteria were isolated") or an analysis that revealed something ("mass
# spectrometric analysis of a mutant strain revealed …"). Any of it keeps a laboratory reading whatever
# others' findings it cites.
_OWN_WORK = (
    r"\b(?:we|our|us)\b|\b(?:this|the present|the current) (?:study|work|experiment|investigation|paper|"
    r"research)\b|\bhere(?:in)?\b|\bthe data presented\b|\bresults (?:showed|indicated|suggest|"
    r"demonstrated)\b|\bwere (?:treated|cultured|incubated|exposed|measured|evaluated|assessed|analy[sz]ed|"
    r"tested|used|determined|investigated|examined|performed|observed|isolated|subjected|collected|grown|"
    r"prepared|synthesi[sz]ed|characteri[sz]ed|obtained|identified)\b|"
    r"\b(?:analysis|analyses|experiments?|assays?|measurements?|sequencing)\b[^.]{0,80}?\b(?:revealed|"
    r"showed|demonstrated|indicated)\b"
)

# trial -------------------------------------------------------------------------------------------
# The authors' own name for a design that is not a randomised trial, in the title: an allocation phrase in
# the abstract is then another study's, or an arm of a failed randomisation ("quasi-experimental single-group
# pre-post design … were randomly assigned … baseline differences prevented comparisons").
_TITLE_NOT_RCT = (
    r"\bquasi-?experiment|\bnon-?randomi[sz]ed\b|\bcohort stud(?:y|ies)\b|\bcross-?sectional\b|"
    r"\bcase-?control\b|\bobservational (?:\w+ )?stud(?:y|ies)\b"
)
# A qualitative design named in the title ("Clinicians' perspectives on self-harm: a qualitative study", "…
# the feasibility of a randomised controlled trial: a focus group study"): the trial its abstract or title
# names is the one it is nested in or prepares, not its own design.
_TITLE_QUALITATIVE = (
    r"\bqualitative (?:study|studies|analysis|evaluation|exploration|investigation|inquiry|"
    r"interview study)\b|"
    r"\bfocus[- ]groups? (?:study|discussions?)\b|\binterview study\b|\bprocess evaluation\b"
)
_RCT_TITLE = (
    r"(?<!non-)(?<!non)(?<!not )(?<!quasi-)(?<!quasi )(?<!pseudo-)\brandomi[sz]ed\b|\brandomised\b|"
    # Not "Randomly selected households": a sample drawn at random, not people allocated.
    r"\brandomly\b(?! (?:selected|sampled|chosen|drawn|recruited))|"
    r"(?<!of )(?<!of two )\brcts?\b(?! (?:of|on|in) )|"
    r"\brandom (?:allocation|assignment)\b|"
    r"\bcluster[- ]randomi|"
    # A trial masked against placebo or sham named so in the title ("a double-blind, placebo-controlled
    # crossover study", "a phase 3 placebo-controlled trial"): such trials are randomised, as the abstract's
    # placebo allocation (`_PLACEBO_ALLOCATION`) reads.
    r"\b(?:double|triple)[- ]blind(?:ed)?,? (?:[\w-]+,? ){0,2}?(?:placebo|sham)[- ]controlled\b|"
    r"\b(?:placebo|sham)[- ]controlled,? (?:[\w-]+,? ){0,2}?(?:double|triple)[- ]blind|"
    r"\bplacebo[- ]controlled (?:[\w-]+ ){0,2}?(?:trial|study)\b"
)
_RCT_ABSTRACT = (
    r"\b(?:were|was|being|are|is|been|had been|have been) (?:\w+ ){0,2}?(?:randomi[sz]ed|"
    r"randomly (?:\w+ )?(?:assigned|allocated|divided|distributed|selected to receive|split into (?:two|"
    r"three|\d) (?:treatment )?(?:groups|arms))|random(?:ly)? (?:assigned|allocated))\b|"
    r"\brandomi[sz]ed[ ,]+(?:\w+[ ,-]+){0,6}?(?:trial|study|experiment|design|fashion|manner|order|sequence|"
    r"allocation)\b|\brandomi[sz]ation (?:was|to|into|in|of|(?:\(\d:\d\)|\d:\d))|\brandom (?:allocation|"
    r"assignment) (?:to|of|was|into)\b|\brandomly (?:assigned|allocated)\b|"
    r"\b(?:in|into|to) a \d:\d (?:ratio|"
    r"fashion|manner)\b|\brandomi[sz]ed (?:\d:\d|\(\d:\d\)|in a|to (?:receive|either|one|two|three|\w+ or))|"
    r"\brct\b|\b(?:allocated|assigned|distributed|divided) at random\b|\bat random (?:to|into) (?:receive|"
    r"either|one|two|three|\w+ or)\b|\bin a random(?:i[sz]ed)? design\b|\brandomly administered\b|"
    # Allocation described by its machinery: "allocated by computer-generated sequence", "with concealed
    # allocation".
    r"\b(?:allocated|assigned) (?:[\w:]+ ){0,2}?(?:by|using|with|according to|via) (?:a |an |the )?"
    r"(?:[\w-]+,? ){0,2}?computer-generated\b|"
    r"\bconcealed allocation\b|\ballocation (?:was )?concealed\b|"
    # ... or by the CONSORT statement's words for that machinery: "according to a computer-generated
    # allocation sequence", "with computer-generated allocation", "assigned by a pharmacy-generated random
    # list", "the order of the drinks determined by random allocation", "counterbalanced using random
    # assignment".
    r"\ballocation sequence\b|"
    r"\bcomputer-generated (?:allocation|randomi[sz]ation|random (?:allocation|assignment|sequence|list)|"
    r"(?:[\w-]+ )?(?:list|schedule))\b|\ballocation (?:list|schedule)\b|"
    r"\b(?:generated|allocated|assigned|randomi[sz]ed) (?:[\w-]+ ){0,4}?(?:using|with|in) (?:randomly )?"
    r"permuted[- ]blocks?\b|"
    r"\bsealed,? (?:opaque,? )?(?:envelopes?|envelope method)\b|"
    r"\b(?:allocated|assigned) (?:\w+ ){0,2}?(?:by|using|with|according to) (?:a |an )?(?:[\w-]+-generated )?"
    r"random (?:list|sequence|schedule)\b|"
    r"\b(?:by|using|through|via) (?:a |the )?random (?:allocation|assignment)\b|"
    # ... by a service or system that randomises ("an independent web-based randomisation service assigned",
    # "allocated using an online randomisation system", "assigned via an interactive web response system"), by
    # minimisation, or by an order drawn at random (not "samples were chosen at random", a sample) ("the order
    # of administration was determined at random", "the sequence of conditions was determined by a random
    # number generator").
    r"\brandomi[sz]ation (?:service|system|website|centre|center)\b|"
    r"\binteractive (?:web|voice)[- ]response (?:system|technology)\b|"
    r"\b(?:allocated|assigned) (?:[\w:,-]+ ){0,8}?(?:using|by) (?:a |an )?minimi[sz]ation\b|"
    r"\b(?:determined|decided) at random\b|"
    r"\b(?:determined|decided|generated) (?:by|using|with) (?:a |an )?random(?:[- ]number "
    r"(?:generator|table)s?| (?:sequence|order|draw))\b|"
    # ... or by chance drawn by hand: "allocated by lottery", "assigned by drawing lots", "by coin toss",
    # "allocation … using a random number table".
    r"\b(?:allocated|assigned|allocation) (?:\w+ ){0,2}?(?:by|using|with|through) (?:a |the )?(?:lottery|"
    r"drawing (?:of )?lots|lots drawn|coin[- ]?toss(?:ing)?|tossing (?:of )?a coin|"
    r"random[- ]number (?:tables?|generators?|lists?)|computer-generated)\b"
)
# Allocation to a placebo arm, or a trial masked against placebo: "4,745 patients were assigned to colchicine
# 0.5 mg daily or placebo", "this placebo-controlled, double-blind study", psychopharmacology's "seventy-seven
# males … were administered OT or a placebo". Trials of that kind are randomised even where the abstract
# leaves the word out (the dev split's hand labels of such studies are randomised trials); the rule reads
# them only when no allocation phrase is found and not in a trial the abstract cites.
_PLACEBO_ALLOCATION = (
    r"\b(?:were|was) (?:\w+ ){0,2}?(?:(?:assigned|allocated) to|administered|given) "
    r"(?:[\w.-]+[ ,]+){0,8}?(?:or|versus|vs\.?) "
    r"(?:a |an |matching |identical |matched )?placebo\b|"
    r"\bdouble[- ]blind(?:ed)?,? (?:[\w-]+,? ){0,2}?placebo[- ]controlled\b|"
    r"\bplacebo[- ]controlled,? (?:[\w-]+,? ){0,2}?double[- ]blind(?:ed)?\b"
)
# A trial named in the abstract that is not this study: called for ("there is a need for a prospective,
# randomized clinical trial to confirm"), absent ("data from a randomized trial are lacking", "there is no
# randomized controlled trial evidence"), hypothetical ("a randomized trial would require 1140 patients"),
# running elsewhere ("a controlled randomized trial is running to confirm"), someone else's ("a recent phase
# II clinical trial"), or a noun for trials in general ("clinical trial enrollment", "clinical trial data").
# Not "a previous trial": a post hoc analysis of a previous randomised trial has that trial's design. Read
# around a randomisation phrase and around a non-randomised trial's phrase alike: on the train split these
# mentions made cohorts, reviews and case reports trials.
_NOT_THIS_TRIAL = (
    r"\b(?:need|needs|needed|call|calls|warrant|warrants|require|requires|recommend|recommends|merit|merits) "
    r"(?:for |of )?(?:\w+[ ,-]+){0,4}?(?:randomi[sz]ed|controlled|clinical) (?:\w+[ ,-]+){0,2}?trials?\b|"
    r"\btrials? (?:\w+ ){0,2}?(?:is|are|remain|remains) (?:still )?(?:lacking|scarce|sparse|missing|absent|"
    r"unavailable)\b|\btrials? (?:would|could|might|should)\b|\btrials? (?:is|are) (?:currently |now )?"
    r"(?:running|ongoing|under ?way|planned)\b|"
    # A trial still running, reported as a plan ("the JCOG is now conducting a randomized controlled trial").
    r"\b(?:is|are) (?:now |currently )?(?:conducting|running|planning|undertaking) (?:a|an) "
    r"(?:[\w-]+[ ,]+){0,4}?(?:trial|rct)\b|"
    # Called for after the fact: "a randomised controlled trial is warranted / now needed".
    r"\btrials? (?:is|are) (?:now |therefore |thus |still |urgently )?(?:warranted|needed|required|"
    r"necessary|justified)\b|"
    r"\b(?:no|recent|upcoming|forthcoming|larger|future|further|other) "
    r"(?:\w+[ ,-]+){0,3}?(?:randomi[sz]ed|controlled|clinical) (?:\w+[ ,-]+){0,2}?trials?\b|"
    r"\b(?:lack|absence|paucity) of (?:\w+[ ,-]+){0,3}?trials?\b|"
    r"\b(?:is|are) no (?:\w+[ ,-]+){0,3}?trials?\b|"
    r"\btrials? (?:data|enrol?ments?|enrollments?|protocols?|registrations?|registries|networks?|"
    r"participation|development|enterprise|findings|populations?|eligibility|landscape|recruitment|"
    r"methodology)\b"
)
# Specimens at the bench, which a laboratory study randomises as a trial randomises people: "Sixty lithium
# disilicate blocks were … randomly divided into four groups", "Forty-five extracted human mandibular
# premolars … were randomly assigned", "a universal testing machine", "thermocycled". Read only where no
# people were counted (`study_type._trial`, `_observational`, `design.decide`): in a clinical trial "teeth
# were randomly assigned" in patients.
_SPECIMENS = (
    r"\bextracted (?:[\w-]+ ){0,3}?(?:teeth|tooth|molars?|premolars?|incisors?|canines?)\b|"
    # Not "samples": patients' samples are divided into groups too ("plasma samples were divided into late
    # stage cancer group (n=164) …", "62 samples were randomly selected for sequencing").
    r"\b(?:specimens|blocks|discs|disks|bars|beams|cylinders|slabs|sticks|teeth|molars|premolars|incisors|"
    r"implants|crowns|restorations) (?:\([^()]{0,30}\) )?(?:were|was) (?:[\w-]+ ){0,3}?(?:randomly|"
    r"randomi[sz]ed|divided|assigned|allocated)\b|"
    r"\buniversal testing machine\b|\bthermocycl(?:ed|ing)\b|\b(?:micro-?)?(?:shear|tensile|push-out|"
    r"flexural) bond strengths?\b"
)
# A laboratory or animal methods article names itself by what it teaches: "this protocol describes how to
# surgically implant …", "here, we describe a protocol for …", "this article demonstrates the technique of …",
# "a step by step protocol", "the procedure described here", "in this article, we provide … the common
# procedures", "we describe the individual steps of …". Read only where fewer than two people were studied
# (`study_type._methods_article`): "this article describes the surgical technique" beside a series of patients
# introduces a study. Not "here we present a method": a research abstract presents its new method and tests
# it ("here we present a method to calculate the force field …" is read by the model), and so is one whose
# protocol served its own study ("a protocol that allowed us to solve the structures").
_LAB_METHODS_ARTICLE = (
    r"\b(?:this|the present|the current|our) (?:protocol|article|paper|video|chapter|method|unit) "
    r"(?:describes|details|demonstrates|outlines|presents|provides|explains) "
    r"(?:how to\b|(?:a |an |the |our )?(?:[\w-]+ ){0,3}?(?:protocols?|procedures?|techniques?|steps)\b)|"
    r"\bhere,? we (?:describe|present|provide|detail|outline|demonstrate) (?:a |an |our |the )?"
    r"(?:[\w-]+ ){0,3}?(?:protocols?|procedures?) "
    r"(?:for|to|of|in|using|(?:that|which)(?! (?:allowed|enabled|permitted) us))\b|"
    r"\bstep[- ]by[- ]step (?:protocols?|guides?|procedures?|instructions)\b|"
    r"\bthe (?:procedures?|protocols?|methods?|techniques?) (?:described|presented|outlined|detailed) "
    r"(?:here|herein|in this (?:article|paper|protocol|video))\b|"
    r"\bin this (?:article|paper|protocol|video|chapter),? we (?:describe|provide|present|detail|outline|"
    r"demonstrate) (?:[\w-]+ ){0,5}?(?:protocols?|procedures?|steps|techniques?)\b|"
    r"\bwe describe the (?:[\w-]+ ){0,2}?steps (?:of|for|to|involved|needed|required)\b|"
    # What a protocol article says of the protocol it is: its reach and its cost ("this protocol can be
    # adapted to mammalian tissues", "we envision that this protocol will facilitate …", "the protocol takes
    # 1.5 h to 3.5 d"), or that the article made it ("we have developed a protocol to assemble ordered
    # libraries"). A study's protocol is told in the past ("the protocol was approved"), and its make-up
    # ("the training protocol consisted of …") is not here.
    r"\b(?:this|the|our) protocol (?:takes|requires|can be|could be|is applicable|will|should|enables|"
    r"allows|differs|is adaptable|is suitable|is designed)\b|"
    r"\bwe (?:have )?developed (?:a|this) (?:[\w-]+ ){0,3}?protocol (?:to|for|that)\b|"
    r"\bthe (?:entire |whole |complete )?(?:protocol|procedure) (?:can be completed|takes)\b|"
    # More of the same, seen on unlabelled train/dev records a methods journal published: "in this unit, we
    # describe the method of studying …", "we present the step-by-step detailed methods for …", "here we
    # describe how to set up a co-exposure …", "in this paper, a protocol is described to prepare …", "a
    # standardized method for generating taste organoids … is presented".
    r"\bin this (?:unit|chapter|protocol|video),? we (?:describe|present|provide|detail|outline) "
    r"(?:[\w-]+ ){0,3}?(?:methods?|approach(?:es)?|assays?)\b|"
    r"\bstep[- ]by[- ]step (?:detailed |experimental )?methods?\b|"
    # ... and a method told "in step-by-step" ("Here, we describe methods in step-by-step for mitochondrial
    # toxicity evaluation", draw (aw), train).
    r"\b(?:methods?|protocols?|procedures?) in step[- ]by[- ]step\b|"
    r"\bhere,? we (?:describe|explain|show) how to\b|"
    r"\b(?:a|the) (?:detailed |standardi[sz]ed |simple |optimi[sz]ed |modified )?(?:protocol|procedure) "
    r"(?:is|was) (?:also )?(?:described|presented|provided|detailed|given|shown)\b|"
    # ... and the same said after "here" or of a chapter, seen on train and dev methods articles that read as
    # reviews or as laboratory studies ("Here, detailed protocols are shown to visualize …", "a detailed
    # protocol is also given", "This chapter succinctly outlines a protocol for …", "the protocols show how
    # to separate …").
    r"\bhere,? (?:a |an |the )?(?:[\w-]+ ){0,2}?(?:protocols?|procedures?) (?:(?:for|to|of) [^.]{0,150}? )?"
    r"(?:is|are) (?:also )?(?:shown|described|presented|provided|given|outlined|detailed)\b|"
    r"\bthe protocols? (?:shows?|describes?|demonstrates?|explains?) how\b|" + _CHAPTER_TEACHES + r"|"
    r"\b(?:a|the) (?:detailed|standardi[sz]ed|step-?wise) (?:method|protocol|procedure) for (?:\w+ing)\b|"
    # The article as a protocol describing anything, and methods it presents for a purpose ("The following
    # protocol describes the preparation of cell lines …", "Here we describe methods to obtain highly viable
    # transverse brain slices …": unlabelled dev methods articles read as laboratory studies, session of
    # 2026-12-07, thirty-seventh; Nature Protocols, JoVE and Methods in Molecular Biology say the same; not
    # "this protocol provides safe … rehabilitation for patients": a treatment).
    r"\b(?:this|the following|the present|our) protocol (?:describes|details|demonstrates|outlines|"
    r"explains)\b|"
    r"\bhere,? we (?:describe|present|provide|detail|outline|demonstrate) (?:a |an |our |the )?"
    r"(?:[\w-]+ ){0,3}?methods? (?:for|to)\b"
)
# A genome or a sequence announced in the title ("a chromosome-level genome assembly of the yellowfin
# seabream", "Complete genome sequence of Streptomyces …", "Draft genome sequence data of …"): a data
# article, "other" by the labels' policy whatever organism it describes (the animal and in-vitro rules read
# the fish or the strain). Not "whole genome sequencing", a method of outbreak and clinical studies, nor a
# title's "dataset", which research on national datasets names too.
_DATA_ARTICLE_TITLE = (
    r"\b(?:chromosome-level|chromosome-scale|high-quality|draft|complete|reference|de novo|"
    r"haplotype-resolved|near-complete)(?: [\w-]+)? genomes?(?: sequences?| assembl(?:y|ies)| "
    r"sequence data)?\b|\bgenome assembl(?:y|ies)\b|\bgenome sequences? (?:of|data)\b|"
    r"\bgenome announcement\b|\bdata descriptor\b|"
    # A title that opens with the datasets it describes (dev, Data in Brief: "Histological, behavioural and
    # flow cytometric datasets relating to acute ischaemic stroke in … mice", "Dataset on …"); not an
    # analysis of datasets or an act on them ("Analysis of national datasets of …", "Sharing linked data sets
    # for research: results from a deliberative public engagement").
    r"^\W*(?:an? |the )?(?:(?![\w-]*ing\b)[\w-]+(?:,| and) ){0,3}?(?:(?![\w-]*ing\b)[\w-]+ ){0,2}data ?sets? "
    r"(?:on|of|for|relating to|describing)\b"
)
# Plants as the organism studied, named in the title ("… in Arabidopsis", "transgenic tomato plants", "drought
# tolerance", "leaf senescence", "rice blast", "rhizosphere"): plant biology, "other" by the labels' policy,
# though its bacteria, transfections and qRT-PCR read like laboratory work on cells (train and dev: about 40
# such records tagged in vitro, every one read by title a plant study). Not a plant as the source of a
# compound or a food ("alkaloids from the leaves of …", "wheat bran fed to mice", "rice starch
# digestibility"): that is pharmacology or food science of its own kind.
_CROPS = (
    r"arabidopsis(?: thaliana)?|rice|wheat|bread wheat|maize|corn|tomato(?:es)?|tobacco|soybeans?|"
    r"potato(?:es)?|barley|cotton|grapevines?|rapeseed|brassica napus|poplar|sorghum|cucumbers?|"
    r"peanuts?|carrots?|oilseed rape|sugarcane|alfalfa|medicago truncatula|lotus japonicus|"
    r"nicotiana benthamiana|"
    r"(?:host |crop |transgenic |model )?plants?|seedlings|crops?"
)
_PLANT_TITLE = (
    r"\b(?:in|of) (?:(?:transgenic|double transgenic|cultivated|wild|the model plant|upland|bread) )?(?:"
    + _CROPS
    + r")(?: \([a-z]+ [a-z]+(?: l\.)?\))?(?: (?:plants|seedlings|roots|leaves|lines|cultivars))?\W*$|"
    r"\b(?:transgenic|tomato|tobacco|rice|wheat|maize|soybean|arabidopsis|host|crop|potato|cotton|"
    r"peanut) (?:plants|seedlings|cultivars|roots|leaves|lines)\b|"
    r"\b(?:plant|root|leaf|shoot|seed|pollen|flower|fruit|panicle) (?:growth|development|immunity|"
    r"defen[cs]es?|senescence|germination|ripening|architecture|yield|biomass|nodulation)\b|"
    r"\b(?:drought|salt|salinity|cold|chilling|freezing|osmotic) (?:stress )?(?:tolerance|resistance)\b|"
    r"\bplant[- ]pathogen\w*|\bphytopathogen\w*|\b(?:rice|panicle|leaf) blast\b|\brhizosphere\b|"
    r"\bnodulation\b|\broot exudates?\b|\brhizobia\b|"
    # A species with Linnaeus as its authority, as plant titles write it: "in radish (Raphanus sativus L.)".
    r"\([a-z]+ [a-z]+ l\.\)"
)
#: ... but not a plant's product tested ("antibacterial activities of walnut pellicle extract (Juglans regia
#: L.)") nor the people who grow or eat it ("farmers' perceptions … in maize (Zea mays L.) production").
_PLANT_NOT = (
    r"\b(?:extracts?|essential oils?|constituents|compounds?|fractions?|phytochemicals?|polysaccharides?|"
    r"flavonoids?|alkaloids?|farmers?|growers|households?|consumers|perceptions?|attitudes|knowledge)\b"
)
#: Journals of plant science: what they publish is plant biology, "other" by the labels' policy.
_PLANT_JOURNAL = r"\bplant|\bphytolog|\bphytopatholog|^rice\b|\bcrop science\b|\bagronomy\b|\bhorticultur"
# An observational analysis of a trial's people: "a cohort analysis within a randomized trial" (the exposure,
# sleep or diet, was not randomised; the trial is only where the people came from).
_OBSERVATIONAL_WITHIN_TRIAL = (
    r"\b(?:cohort|observational|cross-sectional|case-control|prospective) (?:analysis|study) "
    r"(?:within|nested "
    r"in|of|from|in|using data from) (?:a|an|the) (?:[\w-]+ ){0,3}?(?:randomi[sz]ed|controlled|clinical) "
    r"(?:[\w-]+ ){0,2}?trial\b|"
    # One arm of a trial followed on its own ("412 participants of the intervention arm of a completed
    # randomised trial", "women in the placebo group of the FIT trial"): no randomised comparison, so
    # the design is observational (the labels' policy for secondary analyses).
    r"\b(?:one|(?:the|its) (?:[\w-]+ )?(?:intervention|control|placebo|treatment|active|usual[- ]care|"
    r"exercise|experimental|comparison)(?: [\w-]+)?) (?:arm|group) (?:\([^()]{0,60}\) )?(?:of|from|in) "
    r"(?:a|an|the|two) "
    r"(?:[\w-]+ ){0,4}?"
    r"trials?\b|"
    # A trial's baseline or a cross-section of its people (draw (s), train: "Cross-sectional baseline
    # data (N = 69) were analyzed from a randomized controlled PD trial", "cross-sectional analysis of
    # baseline data from a cluster-randomized … trial", "a cross-sectional study … as a follow-up of a
    # randomized controlled study", "a cross-sectional study based on data from two clinical studies …").
    r"\b(?:cross-sectional |baseline )+data (?:\([^()]{0,20}\) )?(?:were|was) (?:analy[sz]ed|used|drawn|"
    r"obtained|taken) from (?:a|an|the|two) [^.]{0,80}?\b(?:trials?|studies)\b|"
    r"\banalys[ie]s of (?:the )?baseline data (?:from|of) (?:a|an|the|two) [^.]{0,80}?\btrials?\b|"
    r"\bcross-sectional (?:analysis|study)\b[^.]{0,60}?\b(?:as a follow-up of|based on data from|nested in) "
    r"(?:a|an|the|two) [^.]{0,60}?\b(?:trials?|studies|randomi[sz]ed)\b|"
    r"\bbaseline (?:findings|results|survey|data|assessment) (?:from|of) (?:a|an|the|\d[\d,]*) [^.]{0,120}?"
    r"\btrials?\b|"
    # The trial's arms pooled into one sample ("because the randomized comparison showed no difference, both
    # treatment groups were pooled"): no randomised comparison is left.
    # Not "the two intervention groups were pooled and compared to the control", a comparison of arms still.
    r"\b(?:both|all) (?:treatment |study |trial |randomi[sz]ed )?(?:groups|arms) were (?:pooled|combined)\b"
    r"(?! (?:and|to be) compared| for comparison)|\bpooled (?:both|all) (?:treatment |study |trial |"
    r"randomi[sz]ed )?(?:groups|arms)\b"
)
# A trial the sentence calls for, named as its subject however long its description: "A randomized trial
# comparing unprotected versus protected high-risk PCI for these broad recommendations is warranted" (the
# window `_NOT_THIS_TRIAL` reads around a trial's words is too short for it). Indefinite ("a", "an") and
# singular, so "this randomized trial … larger studies are needed" is not one.
_CALLED_FOR_TRIAL = (
    r"(?:^|[.:] |, |\bthat |\bwhether )an? (?:[\w-]+[ ,]+){0,7}?(?:trial|rct|study) [^.;:]{0,160}?"
    r"\b(?:(?:is|would be) (?:now |therefore |thus |still |urgently |clearly |also )?(?:warranted|needed|"
    r"required|necessary|justified|called for|feasible|possible|recommended|advisable|advocated)|"
    # A trial a feasibility study points to: "A randomised trial of the programme appears feasible", "a
    # larger trial should be conducted".
    r"(?:appears|seems|appeared|seemed)(?: to be)? (?:now |therefore |thus |also )?(?:warranted|needed|"
    r"feasible|possible|justified|worthwhile)|"
    r"(?:should|could|would|must) be (?:conducted|performed|undertaken|carried out|designed|considered))\b|"
    # Findings that point to a trial: "These findings encourage the pursuit of a large, adequately powered,
    # randomized controlled trial".
    r"\b(?:encourage|encourages|support|supports|justify|justifies|motivate|motivates)(?: the (?:pursuit|"
    r"conduct|design|planning) of)? an? (?:[\w-]+[ ,]+){0,7}?(?:trial|rct)\b|"
    # A comparison or a confirmation the findings call for, in a trial: "warrants comparison with
    # chemoradiotherapy in a randomised trial", "should be confirmed in a larger randomised trial".
    r"\b(?:warrants?|merits?|deserves?|requires?|needs?) (?:further )?(?:comparison|evaluation|testing|"
    r"investigation|confirmation|validation|study|assessment) [^.;]{0,120}?\bin an? (?:[\w-]+[ ,]+){0,4}?"
    r"(?:trial|rct)s?\b|"
    r"\b(?:should|must|needs? to|will need to) be (?:further )?(?:compared|tested|evaluated|assessed|"
    r"confirmed|validated|investigated|studied) [^.;]{0,120}?\bin an? (?:[\w-]+[ ,]+){0,4}?(?:trial|rct)s?\b"
)
# A paper on the statistics or design of trials ("We propose a closed-form sample size formula for
# matched-pair cluster randomization", "a Bayesian seamless phase I-II design … A simulation study shows"):
# its trials are what the method serves, not a trial it reports (draws (s) and earlier, train split;
# "other" by the labels' policy). Read only where no people were counted (`study_type._trial`).
_TRIAL_METHODS_PAPER = (
    r"\bsimulation stud(?:y|ies)\b|\bsimulations? (?:show|shows|showed|demonstrate|demonstrated)\b|"
    r"\bwe (?:propose|develop|derive|introduce) (?:a |an )?(?:new |novel |closed-form |general |flexible |"
    r"bayesian |simple )*(?:sample size )?(?:formula|estimator|test statistic|statistical method)\b"
)
#: ... whose title names what such a paper is about (a trial's report names its intervention instead).
_TRIAL_METHODS_TITLE = r"\b(?:sample sizes?|power|designs?|methods?|estimators?|considerations|statistical)\b"
# A secondary analysis of a trial that studies an exposure the trial did not randomise ("we aimed to examine
# the association between parenteral opioids … among infants" of a magnesium trial, "Impact of Baseline
# Characteristics on … Progression in the FILLY Trial"): observational by the labels' policy (train and dev
# records). Read only where the abstract names a secondary analysis of a trial and nothing that compares its
# arms (`_SECONDARY_ARMS`): "mediated the effect of group assignment", "versus placebo" keep it the trial.
_SECONDARY_OBSERVATIONAL = (
    r"\bassociations? (?:between|of)\b|\bexposure (?:to|status)\b|\bexposed (?:to|and unexposed)\b|"
    r"\bwere (?:compared|categori[sz]ed|stratified|grouped|divided) (?:based on|by|according to) "
    r"(?!(?:the )?(?:treatment|randomi|study arm|arm|allocation|intervention|group assignment))|"
    r"\btrajector(?:y|ies)\b|\bbaseline (?:characteristics|factors|predictors)\b|\bpredictors? of\b|"
    r"\brisk factors? (?:for|of)\b|\bcorrelates? of\b"
)
#: ... and the words of a comparison of the trial's arms, which keep a secondary analysis the trial's design.
_SECONDARY_ARMS = (
    r"\brandomi[sz]ed to\b|\brandomly (?:assigned|allocated|divided)\b|"
    r"\b(?:assigned|allocated) to (?:receive|either|one of|the)\b|"
    r"\b(?:versus|vs\.?|compared with|compared to) (?:placebo|control|usual care|sham)\b|"
    r"\b(?:intervention|treatment|placebo|control) (?:group|arm)s?\b|\btreatment effects?\b|"
    r"\beffects? of (?:the )?intervention\b|\bmediat(?:e|ed|es|ing|ion|ors?)\b|"
    r"\bmoderat(?:ed|es|ing|ion|ors?)\b"
)
# A title that asks an observational question of a trial's people ("Association of MTHFR C677T Polymorphism
# With Antipsychotic-Induced Change of Weight", "Correlation of protection against varicella in a randomized
# Phase III … trial", "… patient activity to predict clinical outcomes", "Determinants of Cardiorespiratory
# Fitness After Bariatric Surgery: Insights From a Randomised Controlled Trial"): the exposure it studies was
# not randomised, the trial is where the people came from (train records of draws (s) and (u); JAMA's house
# style reserves "Association of" for observational designs and "Effect of" for trials).
_OBSERVATIONAL_QUESTION_TITLE = (
    r"^(?:the )?(?:associations?|correlations?|correlates|determinants|predictors|prognostic (?:value|role|"
    r"significance|impact))\b|\b(?:associations? (?:of|between)|correlations? (?:of|between)|risk factors|"
    r"polymorphisms?|to predict|prediction of|predicting)\b"
)
#: ... unless the title names the effect of the trial's intervention ("Effects of … Associated With Body
#: Weight Training", "the effect of caffeine") or declares itself the trial (": A Randomized Clinical Trial";
#: not ": Insights from a randomized trial", the trial as the people's source).
_EFFECT_TITLE = (
    r"\beffects? of\b|\befficacy of\b|"
    r":\s*(?:an? )?(?:(?!(?:from|in|of|within|using)\b)[\w-]+ )?randomi[sz]ed (?:[\w-]+ ){0,2}?trial\W*$"
)
# An observational design the abstract declares as its own ("DESIGN: Prospective observational crossover
# study", "Researchers used a cross-sectional research design"): where the only trial words are an order or
# an assignment ("masks worn in randomized order", "messages were randomly assigned to one of two residence
# halls"), not a randomised trial named, the declared design stands (train records).
_DECLARED_OBSERVATIONAL = (
    r"\bdesign:\s*(?:an? )?(?:prospective |retrospective )?(?:observational|cross-sectional|cohort)\b|"
    # ... or a sentence that is the design alone, as a "Design:" section reads once its heading is set apart.
    r"(?:^|[.:] )(?:an? )?(?:prospective |retrospective )?(?:observational|cross-sectional|cohort)"
    r"(?: [\w-]+){0,2} (?:study|design)\.|"
    r"\b(?:used|employed|adopted|utili[sz]ed) an? (?:prospective |retrospective )?(?:observational|"
    r"cross-sectional|cohort) (?:research )?(?:design|study)\b"
)
# "RCT" defined as something other than a trial ("neoadjuvant radiochemotherapy (RCT)", "root canal
# treatment (RCT)", "reverse cholesterol transport (RCT)"): the abstract's later "RCT" is that, not a trial
# (train and dev records; a trial's own definition ends in "trial(s)" or "study": "randomised controlled
# trial (RCT)").
_RCT_DEFINED_OTHERWISE = r"\b(?!(?:trials?|stud(?:y|ies)|rcts?|and|or|an?|the)\b)[a-z]+ \(rcts?\)"
#: The names of an economic evaluation, read by the trial rule in a title and by the observational rule
#: (`_ECONOMIC`) anywhere.
_COST_ANALYSIS = (
    r"\bcost[- ](?:effectiveness|utility|benefit|minimi[sz]ation|consequences?)\b|\bcost analys[ie]s\b|"
    r"\beconomic (?:evaluation|analysis)\b|\bbudget impact\b"
)
# An economic evaluation that names itself so in its title ("The cost implications of continuous glucose
# monitoring …: a posthoc cost analysis of the CONCEPTT trial", "Cost-effectiveness of … alongside a
# randomised trial"): the trial is its data's source, the design an economic evaluation (dev hand label, the
# labels' policy); its abstract's "randomized to CGM or SMBG" describes the trial it costs.
_ECONOMIC_TITLE = _COST_ANALYSIS + r"|\bcost implications\b"
# A trial as the yardstick of an observational study: "registry outcome analysis with comparisons to the
# randomized controlled trial", "retrospective samples versus randomized controlled trial" (train split).
_TRIAL_AS_YARDSTICK = (
    r"\b(?:comparisons? (?:to|with)|versus|vs\.?) (?:the |a |an )?(?:\w+ ){0,2}?"
    r"(?:randomi[sz]ed (?:\w+ )?trials?|rcts?)\b"
)
_NOT_RCT_CONTEXT = (
    r"\bnon-?randomi[sz]ed|\bnot (?:been )?randomi[sz]ed|\bnon-?random\b|\bnot (?:been )?randomly\b|"
    r"\bquasi-?randomi[sz]ed|\bpseudo-?randomi[sz]ed|\bmendelian|"
    r"\brandomi[sz]ed (?:\w+ ){0,3}?(?:trials|studies|rcts)\b(?! (?:was|were))|"
    # An experiment's stimuli in random order, not participants allocated: "faces were presented in randomized
    # order" (a dot-probe task). Conditions or treatments received in random order stay a crossover.
    r"\b(?:presented|displayed|shown|played|interleaved|intermixed|stimuli|images|pictures|photographs|"
    r"faces|words|items|blocks|sounds|tones|videos|sentences|targets) (?:were |was )?in (?:a )?"
    r"(?:\w+ )?randomi[sz]ed (?:order|sequence)\b|"
    # A random split of data into model-building sets ("randomly divided into training and validation",
    # "into training (70%) and validation (30%) subsets", "a validation group in a 7:3 ratio").
    r"\b(?:training|discovery|derivation|development|validation|test(?:ing)?) (?:\(\d+(?:\.\d+)?%\) )?"
    r"(?:and (?:\w+ )?(?:validation|test(?:ing)?|replication)|"
    r"(?:sets?|cohorts?|datasets?|samples?|subsets?)\b)|"
    r"\b(?:validation|derivation|discovery|testing) groups?\b|\b(?:7:3|3:7|8:2|2:8|6:4|70:30|80:20|75:25)\b|"
    # A random split of a survey's sample for factor analyses ("randomly divided into two groups to verify the
    # questionnaire structure", "into two halves for exploratory and confirmatory factor analysis").
    r"\binto (?:two )?(?:\w+ )?(?:halves|subsamples|sub-samples)\b|\b(?:exploratory|confirmatory) factor "
    r"analys[ie]s\b|\bto (?:verify|validate|cross-validate|confirm) the (?:\w+ ){0,2}?(?:structure|factor "
    r"structure|factors)\b|"
    r"\bto form (?:the )?(?:discovery|"
    r"training|derivation)|\b(?:dataset|data set|data|samples|images|specimens|records) (?:\w+ ){0,2}?(?:was|"
    r"were) randomly\b|"
    # A field or bench layout ("a randomized complete block design with four replications") and a survey's
    # technique ("the randomized response technique") allocate no one.
    r"\brandomi[sz]ed (?:complete )?block design\b|\brandomi[sz]ed response "
    r"(?:technique|method|model|design)\b|"
    # A mixing ratio ("the mixing test in a 1:1 ratio") and a random scatter ("genes were randomly distributed
    # on 22 chromosomes") are not allocation.
    r"\bmix(?:ed|ing)\b(?: \w+){0,3}? (?:in|at) a \d:\d ratio\b|\brandomly distributed (?:on|across|over|"
    r"throughout|along|within)\b|"
    # A trial proposed or called for, not reported: "a randomized trial is warranted".
    r"\btrials? (?:is|are|would be|will be) (?:\w+ )?(?:needed|required|warranted|indicated|necessary)\b|"
    r"\b(?:future|further|larger|we propose|proposed|planned) (?:\w+[ -]){0,3}?randomi[sz]ed\b|"
    + _NOT_THIS_TRIAL
    + r"|"
    # Randomness that is not allocation ("semi-randomly assigned"), "RCT" as root canal treatment, and a
    # trial that is this study's data source or yardstick, not its design: "data were retrieved from a
    # randomized …", "the first visit of a randomized trial", "published randomized clinical trial data".
    r"\b(?:semi|quasi|pseudo)-?random|\bcanal (?:\w+ )?(?:treatment|therapy|therapies|treatments) \(rcts?\)|"
    r"\bpublished (?:\w+[ ,-]+){0,2}?randomi[sz]ed\b|\b(?:retrieved|obtained|drawn|derived|extracted|taken) "
    r"from (?:a|an|the) (?:\w+[ ,-]+){0,2}?randomi[sz]ed\b|"
    r"\b(?:baseline|first|screening|enrolment|enrollment) (?:visit|visits|data|assessment|measurements?) "
    r"(?:of|from|in) (?:a|an|the) (?:\w+[ ,-]+){0,2}?randomi[sz]ed\b|"
    # Other people's trials: "the only placebo-controlled RCT conducted", "no RCT has", "a previous RCT".
    r"\b(?:only|no|previous|prior|earlier|other|existing|few|several|many) "
    r"(?:\w+[ -]){0,2}?rcts?\b|" + _TRIAL_AS_YARDSTICK
)
_SECONDARY = (
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
# Allocation by a number, a date or in turn is quasi-random, whatever the abstract calls it (the Cochrane
# Handbook's definition): "were randomized (based on the identification number, individual for each
# inhabitant …)" (train). It makes the whole study a non-randomised trial, however often "randomized" recurs.
_QUASI_RANDOM = (
    r"\b(?:randomi[sz]ed|allocated|assigned) \(?(?:based on|according to|by) (?:the |their |his |her )?"
    r"(?:[\w-]+ ){0,2}?(?:identification|id|record|registration|birth|admission|hospital|chart|case|file) "
    r"(?:numbers?|dates?|days?)\b|\b(?:allocated|assigned|randomi[sz]ed) (?:\w+ ){0,2}?(?:alternately|by "
    r"alternation|in alternation)\b"
)
_NRCT = (
    r"\bnon-?randomi[sz]ed[ ,]+(?:\w+[ ,-]+){0,3}?(?:trial|study|controlled|comparative|clinical|"
    r"intervention)|"
    # Arms are assigned by investigators ("a prospective two-arm study"); a randomised one says so first.
    r"\b(?:two|three|four|2|3|4)-arm(?:ed)? (?:\w+[ ,-]+){0,2}?(?:study|trial)\b|"
    r"\bsingle[- ](?:arm|group)\b(?! (?:\w+ )?(?:series|case|cohort))(?: (?:\w+[ -]){0,3}?(?:trial|study))?|"
    # A phase names this study's design only with its trial or study ("a phase II, single-centre trial"):
    # "advanced into phase II trials", "Phase 1, formative research", "phase I metabolites" name none, nor
    # does a stage of a study ("Phase 2 was a prospective cohort study").
    r"\bopen[- ]label\b(?:,? (?:\w+[ -]){0,4}?(?:trial|study|extension))?|\bphase (?:i|ii|1|2|1b|2a|2b|ib|"
    r"iia|iib|i/ii|1/2|0)\b,? (?:(?!(?:was|were|is|are|consisted|included|involved)\b)[\w/-]+[ ,]+){0,4}?"
    r"(?:trial|study)\b|\b(?:quasi|semi|pseudo)-?(?:experimental|"
    r"randomi[sz]ed|randomly)\b|\bpilot (?:\w+ ){0,2}?(?:trial|intervention)\b|"
    r"\b(?:controlled|uncontrolled|clinical|"
    r"open|prospective interventional|intervention|feasibility) (?:\w+ )?trial\b|"
    # Measurements "before and after" surgery, usual treatment, a policy or an outbreak are how cohorts, case
    # series and laboratory work compare, not a design: on 76 train and dev records the rules called
    # non-randomised trials for such a phrase (hand-labelled, design_hand_labels.tsv draw (o)), 7 of 34 were
    # trials. A pre-post design of an intervention still names one.
    r"\bpre-?post (?:\w+ )?(?:design|intervention|study)|\bpre-? and post-?intervention\b|"
    r"\bdouble[- ]blind(?:ed)?\b|\bplacebo[- ]controlled\b|\bfirst[- ]in[- ]human\b|\bdose[- ](?:escalation|"
    r"finding|ranging)\b|(?<!non-)(?<!non)\binterventional study\b"
)

# A controlled before-after study compares groups the investigators did not randomise. A cue of its own:
# inside ``_NRCT``, which runs on most clinical abstracts, it cost each of them 6% more time.
_CONTROLLED_BEFORE_AFTER = r"\bcontrolled before[- ](?:and[- ])?after (?:study|design|evaluation)\b"
# Each participant receives every condition ("in a sham-controlled crossover design, 20 healthy participants
# received active and sham stimulation"): a trial, randomised only when it says so. Not a case-crossover
# design, which compares a person's exposure before an event with earlier times (observational).
_CROSSOVER = (
    r"(?<!case-)(?<!case )\b(?:cross-?over|sham[- ]controlled)[, ]+(?:[\w-]+[ ,]+){0,2}?(?:design|study|"
    r"trial|experiment)\b"
)

# observational -----------------------------------------------------------------------------------
_ECONOMIC = (
    _COST_ANALYSIS
    + r"|\bqal(?:y|ys|ies)\b|\bquality[- ]adjusted life[- ]years?\b|\bincremental cost\b|\bicers?\b|"
    r"\beconomic (?:model|burden|impact|modell?ing)\b|\bmarkov (?:\w+ )?model\b.{0,200}\bcost|"
    r"\bwillingness[- ]to[- ]pay\b|\bhealth economic"
)
_DIAGNOSTIC = (
    r"\bdiagnostic (?:accuracy|performance|value|yield|utility|efficacy|efficiency|ability|test)\b|"
    r"\bsensitivity and specificity\b|\bsensitivity,? specificity\b|\bsensitivity (?:of|was|"
    r"=) \d.{0,80}\bspecificity\b|\bpositive predictive values?\b.{0,150}\bnegative predictive|"
    r"\b(?:area under the (?:receiver operating characteristic )?curve|auc|roc curve).{0,150}\b(?:diagnos|"
    r"detect|discriminat|identify)|\breference standard\b|\bgold standard\b.{0,150}\b(?:sensitivity|"
    r"specificity|agreement|accuracy)"
)
_PREDICTION = (
    r"\bnomograms?\b|\b(?:risk )?prediction (?:model|tool|rule|score)s?\b|\bpredictive (?:model|nomogram|"
    r"score|tool)s?\b|\bprognostic (?:model|nomogram|score|index)\b|\bc[- ]index\b|\bcalibration (?:curve|"
    r"plot)s?\b|\bmachine[- ]learning (?:\w+ ){0,3}?(?:model|models|algorithm|algorithms|approach)\b|"
    r"\bdeep learning\b|\bradiomics?\b|\brisk score\b.{0,100}\b(?:develop|validat|deriv)|\b(?:develop|"
    r"validat|deriv)\w* (?:\w+ ){0,4}?(?:model|score|nomogram|algorithm|tool) (?:to|for) (?:predict|identify|"
    r"estimate|stratify)"
)
_CASE_CONTROL = (
    r"\bcase[- ]control\b|\bnested case\b|\bmatched (?:\w+ )?controls\b|"
    # Groups compared with counted controls: "120 patients with multiple sclerosis and 50 controls", "41,917
    # cases and 371,549 controls", "30 amyloid-negative controls"; psychiatry's "comparison subjects".
    r"\band \d[\d,]* (?:[\w-]+ ){0,3}?(?:controls|control (?:subjects|participants|individuals))\b|"
    r"\bcomparison (?:subjects|participants)\b|"
    # A healthy or typically developing group beside the patients: "38 patients with first-episode psychosis
    # and 41 healthy participants", "patients (n = 52) and healthy individuals (n = 48)".
    r"\b(?:and|versus|vs\.?|compared (?:with|to)) (?:\d[\d,]* )?(?:(?:age|sex|gender|age- and sex|age and "
    r"sex)[- ]matched )?(?:healthy|typically developing|neurotypical) (?:participants|individuals|subjects|"
    r"volunteers|adults|people|persons|children|adolescents|peers|siblings|women|men|comparisons?)\b|"
    r"\bcases and (?:\w+ ){0,3}?controls\b|\b(?:age|sex|age- and sex|age and sex|age- and gender|"
    r"age and gender)[- ]matched (?:\w+ )?(?:healthy )?controls\b|\bhealthy controls\b|\bcontrol (?:group|"
    r"subjects) (?:of|comprised|consisted)"
)
_CASE_CONTROL_WORDS = r"\bcase[- ]control\b|\bnested case"
_CROSS_SECTIONAL = (
    # Not the imaging term: "cross-sectional imaging", "the cross-sectional area of the muscle".
    r"\bcross[- ]sectional\b(?! (?:imaging|images?|areas?|anatomy|views?|slices?|shapes?|geometry|"
    r"dimensions?|profiles?|ct|computed|mri|ultrasound|reconstructions?)\b)|"
    r"\b(?:online|web-based|national|nationwide|questionnaire|telephone|postal|"
    r"household|population-based|community-based|cross-national|descriptive|anonymous|electronic|"
    r"multicent(?:er|re)) (?:\w+ )?surveys?\b|"
    # Not a trauma team's primary, secondary or initial survey of a patient (digest audit, round 8: a review
    # of blunt cardiac injury, "might be missed during the initial survey of trauma patients").
    r"(?<!primary )(?<!secondary )(?<!initial )(?<!tertiary )\bsurvey (?:was|of|study|among|data)\b|"
    r"\bprevalence study\b|"
    r"\b(?:we|this study) surveyed\b|\bquestionnaires? (?:was|were) (?:sent|distributed|administered|"
    r"completed|mailed|emailed)\b"
)
# People who answered questionnaires, with no other design named ("participants (N = 512) completed online
# questionnaires"): a survey at one time. Supporting only: cohorts and trials answer questionnaires too, and
# their own words come first.
_QUESTIONNAIRE = (
    r"\b(?:completed|filled (?:in|out)|answered|responded to|returned) (?:an? |the )?(?:[\w-]+ ){0,3}?"
    r"(?:questionnaires?|surveys?)\b|\b(?:online|postal|web-based|self-administered|mailed|anonymous) "
    r"questionnaires?\b"
)
# Answers collected more than once ("completed five web questionnaires at two-week intervals", "the
# questionnaire a second time", "in the four years following surgery") follow people over time: no survey. A
# confidence interval is not one of those intervals, nor is "the following" (factors, variables) a time.
_TIME_COURSE = (
    r"\b(?:baseline|(?:a )?second time|again|(?<!confidence )(?<!credible )intervals?|waves?|rounds?|"
    r"repeated(?:ly)?|later|"
    r"follow(?:ed)?|(?<!the )following|follow-up|averaged|before and after|pre-? and post|pre-?post|"
    r"diar(?:y|ies)|daily|"
    r"weekly|monthly)\b|"
    r"\b(?:days|weeks|months|years) (?:after|later|following)\b"
)
# An experiment with people, reported as the authors' own ("In two experiments, we used the mood-of-the-crowd
# task", "In Experiment 1, we compared …", "Study 1 (N = 454) developed a scale", "participants completed a
# visual search task", "We tested this hypothesis in 158 preschoolers"): experimental psychology and cognitive
# neuroscience, which the dev split's hand labels call cross-sectional (people measured in one session).
_EXPERIMENT = (
    r"\b(?:in|across) (?:two|three|four|five|six|[2-6]) (?:\w+ )?experiments\b|"
    r"\bexperiments? (?:[1-4]|one|two|three)\b|\bstudy 1\b|\b(?:in|for) (?:the|this) (?:current|present) "
    r"experiment\b|"
    r"\b(?:participants|subjects|volunteers|observers|listeners|students|users|adults|children) "
    r"(?:\w+ ){0,3}?(?:performed|completed|undertook) (?:a|an|two|three|both|several) (?:[\w-]+ ){0,4}?"
    r"(?:tasks?|paradigm|experiment)\b|"
    r"\bwe tested (?:\w+ ){0,4}?(?:\d+ )?(?:participants|adults|children|preschoolers|infants|students|"
    r"undergraduates|volunteers|listeners|speakers|readers|observers)\b"
)
# Experiments numbered as psychology reports its own ("In Experiment 1, we compared …", "across three
# experiments"): people tested, though the abstract may never name them (train and dev splits: word
# recognition and memory experiments left "Design not stated").
_NUMBERED_EXPERIMENTS = (
    r"\bexperiments? (?:[1-4]|one|two|three)\b|\b(?:in|across) (?:two|three|four|five|six|[2-6]) (?:\w+ )?"
    r"experiments\b"
)
# ... with what such experiments measure of people: tasks, responses, memory, perception (a food-science
# "experiment 1" on apples in storage has none of them, train split).
_BEHAVIOUR_MEASURED = (
    r"\b(?:tasks?|responses|reaction times?|response times?|recall|memory|recognition|judge?ments?|"
    r"perception|perceived|attention|stimuli|stimulus|paradigm|priming|words|faces)\b"
)
# A title that names a method of acquiring or processing the signal ("Subspace-constrained approaches to
# low-rank fMRI acceleration", "Enhancement for P300-speller classification"): a methods paper's data are the
# method's test bed, not a study of people (train split).
_SIGNAL_METHOD_TITLE = (
    r"\b(?:approach(?:es)?|methods?|framework|classification|classifiers?|denois\w*|accelerat\w*|"
    r"reconstruction|algorithms?|pipeline|toolbox|software|enhancement)\b"
)
# The people such an experiment tests (plants, cells and animals are tested "in three experiments" too),
# or the count of an experiment's sample ("In Experiment 1 (n = 42), we found …").
_EXPERIMENT_PEOPLE = (
    r"\b(?:participants|volunteers|adults|children|preschoolers|infants|toddlers|adolescents|students|"
    r"undergraduates|listeners|speakers|readers|observers|respondents|men|women|people|individuals|humans|"
    r"users)\b|"
    r"\bexperiments? (?:[1-4]|one|two|three),? \(n ?= ?\d"
)
# The brain and the body measured in people: neuroimaging, electrophysiology, eye tracking, psychophysics
# (cognitive neuroscience on the train split: 48 NeuroImage abstracts came out "Design not stated", while
# the dev split's hand labels call such studies cross-sectional).
_HUMAN_MEASUREMENT = (
    r"\b(?:fmri|functional magnetic resonance imaging|eeg|electroencephalograph\w*|meg|"
    r"magnetoencephalograph\w*|event-related potentials?|erps?|electrocorticograph\w*|ecog|intracranial "
    r"(?:eeg|recordings?|electrodes)|transcranial magnetic stimulation|eye[- ]tracking|eye movements|"
    r"pupillometry|psychophysic\w*|reaction times?|diffusion (?:tensor |weighted )?(?:imaging|mri)|"
    r"tractography|resting[- ]state)\b"
)
_COHORT = (
    r"\bcohorts?\b|\bprospective(?:ly)?\b|\bretrospective(?:ly)?\b|\blongitudinal\b|\bfollow(?:ed)?[- ]up\b|"
    r"\bregistry\b|\bregister-based\b|\b(?:national|nationwide|population|patient|disease|quality|health|"
    r"prescription|birth|death|cancer|twin|clinical|hospital) (?:[\w-]+ )?registers?\b|\bdatabase\b|"
    r"\bmedical records\b|\bconsecutive (?:\w+ )?patients\b|"
    r"\bobservational (?:\w+ )?study\b|\bincidence\b|\bclaims data\b|\bnationwide\b|\bpopulation-based\b|"
    r"\bnon-?interventional\b"
)

# People measured before and after something ("quality of life before and after surgery", "HbA1c before and
# after the outbreak"): a comparison over time of people the study did not assign, which the labels' policy
# calls a cohort (draw (o) of design_hand_labels.tsv: of 34 train and dev records with the phrase, 7 were
# trials, the plurality cohorts). Read only where people and data of their own are reported.
_BEFORE_AND_AFTER = r"\bbefore[- ]and[- ]after\b"

# qualitative -------------------------------------------------------------------------------------
# The qualitative methods themselves (not "qualitative analysis", which also names a yes/no statistic, nor
# "mixed methods"): what outranks a setting named in passing ("a nationwide", "a cluster randomized trial").
_QUALITATIVE_METHOD = (
    r"\bsemi-?structured interviews?\b|\bfocus groups?\b|\bthematic(?:ally)? analy[sz]\w*|"
    r"\binterpretative phenomenological\b|\bgrounded theory\b|\bethnograph(?:ic|y)\b|\bin-depth "
    r"interviews?\b|\binterviews were (?:conducted|held|carried out|performed|recorded|transcribed)\b|"
    # "we conducted detailed interviews with eight autistic girls" (a dev hand-labelled qualitative study);
    # not "face-to-face" or "structured" interviews, which administer a survey's questionnaire.
    r"\b(?:qualitative|detailed|narrative|open-ended|unstructured) interviews\b"
)
_QUALITATIVE = (
    r"\bqualitative (?:study|research|interview|analysis|approach|design|descriptive)\b|"
    r"\bphenomenolog(?:ical|y)\b|\binterview study\b|\bmixed[- ]methods?\b|" + _QUALITATIVE_METHOD
)

# Animals beyond mammals, counted, exposed or treated (issue 14, h14v: the dev split's missed animal studies
# were of clams, nematodes, wild fish): the same experiment phrases as ``_INVIVO_ANIMALS`` for the animals of
# ecotoxicology, parasitology and comparative biology. Insects stay out, as in ``SPECIES``.
_OTHER_ANIMALS = (
    r"(?:nematodes|clams|mussels|oysters|scallops|snails|slugs|crabs|shrimps?|prawns|lobsters|crayfish|"
    r"copepods|daphnids|amphipods|bivalves|gastropods|earthworms|planarians|polychaetes|sea urchins|corals|"
    r"tadpoles|frogs|toads|salamanders|newts|lizards|geckos|snakes|turtles|fishes|fingerlings|"
    # Insects and other arthropods, studied as animals are ("ants were trained", "120 female mosquitoes").
    r"insects|ants|bees|honeybees|honey bees|bumblebees|wasps|hornets|parasitoids|beetles|moths|butterflies|"
    r"caterpillars|mosquitoes|aphids|ticks|spiders|crickets|locusts|termites|cockroaches|"
    r"amphibians|reptiles|songbirds|bats)"
)
_INVIVO_OTHER_ANIMALS = (
    r"\b" + _OTHER_ANIMALS + r" (?:[\w.-]+ ){0,3}?(?:were |was )?(?:exposed|fed|injected|reared|acclimated|"
    r"acclimati[sz]ed|starved|infected|inoculated|challenged|dissected|trained|tested|housed|learned|learnt)\b|"
    r"\bwe (?:trained|tested|exposed|fed|reared|infected|injected) (?:[\w-]+ ){0,2}?"
    + _OTHER_ANIMALS
    + r"\b|"
    r"\b\d+ (?:\w+[ -]){0,2}?" + _OTHER_ANIMALS + r"\b|"
    r"\b(?:exposed|exposing|exposure of|fed|feeding) (?:\w+ ){0,2}?" + _OTHER_ANIMALS + r"\b"
)

# animal species (flags) ---------------------------------------------------------------------------
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
    "frog": r"frogs?|xenopus|tadpoles?|toads?|amphibians?|salamanders?|newts?|axolotls?",
    "bee": r"honey ?bees?|bees|bumblebees?",
    "mosquito": r"mosquito(?:es)?|anopheles|aedes",
    "deer": r"deer|elk|moose|reindeer",
    "bat": r"bats",
    "camel": r"camels?|dromedar(?:y|ies)|alpacas?|llamas?",
    # Animals of comparative and marine biology (the dev split's missed animal studies were of whales,
    # songbirds, mantis shrimp, salamanders, an ascidian, polychaete worms and clams). Insects were tried and
    # left out: in titles they are mostly crop pests and plant defences (labelled "other"), and "butterfly"
    # names a molecule's shape in chemistry.
    "whale": r"whales?|dolphins?|porpoises?|cetaceans?|rorquals?|sea lions?|walrus(?:es)?",
    "reptile": r"lizards?|snakes?|turtles?|tortoises?|crocodiles?|alligators?|geckos?|reptiles?",
    "crustacean": r"shrimps?|prawns?|crabs?|lobsters?|crayfish|crustaceans?|copepods?|daphnia",
    "mollusc": r"oysters?|clams?|mussels?|snails?|squids?|octopus(?:es)?|molluscs?|mollusks?|bivalves?|"
    r"scallops?|abalones?",
    "marine_invertebrate": r"ascidians?|tunicates?|sea urchins?|starfish|sea stars?|echinoderms?|"
    r"ophiuroids?|brittle stars?|jellyfish|cnidarians?|polychaetes?|earthworms?|planarians?",
    # Nematodes and fish of fisheries and ecotoxicology (issue 14, h14v: dev-split animal studies of nematodes
    # and anchovy were missed): named in a title, the animals are what the work studied.
    "nematode": r"nematodes?|roundworms?",
    "marine_fish": r"anchov(?:y|ies)|sardines?|herrings?|mackerels?|tunas?|goldfish|guppy|guppies|"
    r"sticklebacks?|killifish|cichlids?|flounders?|halibut|groupers?|sea ?breams?|mullets?|sturgeons?|"
    r"lampreys?|sharks?",
}

_REAGENT_AFTER = re.compile(
    r"(?:'s)?[ -](?:serum|albumin|anti|igg|igm|polyclonal|monoclonal|antibod|antiserum|collagen|gelatin|"
    r"pericardium|xenograft|bone (?:graft|substitute|mineral|matrix)|hydroxyapatite|thrombin|insulin|"
    r"trypsin|red blood|erythrocytes|cell line|macrophage cell|macrophages? cell line|embryonic fibroblast|"
    r"fibroblast cell|osteoblast cell|preosteoblast|mesenchymal stem cell line|leukemia virus|hepatitis|"
    r"norovirus|coronavirus|model of human|oils?\b|liver oil|intake|consumption|cartilage|heart valve|valve|"
    r"tissue[- ]derived|derived|origin|enzymes?\b|proteins?\b|sequences?\b|"
    # What animals leave or name, not animals studied: "swine wastewater", "chicken manure", "cattle
    # slurry", "oyster mushrooms".
    r"wastewater|waste\b|manure|slurry|dung|f(?:a)?eces|mushrooms?\b|"
    # ... or what people make of them or do with them: "porcine bioprostheses", "cow's milk allergy", "fish
    # consumption", "cattle feedyard workers", "the poultry industry" (train records: studies of people
    # and of valves tagged animal).
    r"bioprosthe\w*|milk|meat|products?\b|industry|feedyards?|farmers|(?:\w+ )?workers)"
)
#: Words before an animal's name that make it a reagent or food: "goat anti-rabbit", "dietary fish", "oily
#: fish", "consumption of poultry" (train: a trial of healthy diets tagged animal). Whole words: "regulate
#: mouse" is no "ate mouse".
_NOT_SPECIES_BEFORE = re.compile(
    r"(?:\banti[- ]|\b(?:" + _FOOD_WORDS + r"|eating|ate|consumed|intake of|consumption of) )$"
)

# A count just before a noun: "120 consecutive patients", "twenty-two healthy adult women".
_NUMBER_BEFORE = re.compile(
    r"(?<![\w])(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\s+(?:[\w-]+\s+){0,3}$"
)

# metadata: NLM publication types and MeSH ---------------------------------------------------------
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

#: NLM adds the "Animals" check tag to fossils and to residues measured in wild fauna too: with these
#: headings the animals were described, not experimented on.
_NOT_AN_EXPERIMENT_MESH = frozenset(
    {"fossils", "paleontology", "paleodontology", "pesticide residues", "environmental monitoring"}
)


#: Trigger words (whole words) and substrings: a cue's regex runs only on text holding one of them. Every
#: alternative of the pattern must contain one; ``python benchmarks/tagging.py --check-gating`` tags real
#: records with and without the gates and fails on any difference.
TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "animal.experiment": (
        "aedes alpaca alpacas amphibian amphibians animal animals anopheles apoe app appswe 5xfad 3xtg samp8 "
        "tg2576 baboon baboons balb "
        "bats beagle beagles bees bird birds boar boars bovine broiler broilers bulls bumblebee "
        "bumblebees c57bl c57bl6 c57bl6j caenorhabditis calves camel camels canine canines caprine "
        "carp catfish cats cattle cba chick chicken chickens chicks chimpanzee chimpanzees client cod "
        "cow cows cynomolgus dairy danio db deer dog dogs dromedaries dromedary drosophila duck ducks "
        "eel eels elegans elk equine ewe ewes feline felines ferret ferrets finch finches fischer "
        "fish flies fly foal foals frog frogs fruit gavage geese gilt gilts goat goats guinea hamster "
        "hamsters heifer heifers hen hens herd herds honey honeybee honeybees horse horses "
        "intraperitoneal intraperitoneally kitten kittens knockout lamb lambs laying littermates "
        "llama llamas macaque macaques mare mares marmoset marmosets medaka mice mini minipig "
        "minipigs monkey monkeys moose mosquito mosquitoes mouse murine nod nonhuman nude ob "
        "orchiectomised orchiectomized ovariectomised ovariectomized ovine ovx owl owls parrot "
        "parrots pig pigeon pigeons piglet piglets pigs ponies pony porcine poultry primate primates "
        "puppies puppy quail quails rabbit rabbits rat rats reindeer rhesus rodent rodents salmon "
        "scid sea seabass sham sheep songbird songbirds sow sows sprague steer steers subcutaneously "
        "swine tadpole tadpoles thoroughbred thoroughbreds tilapia toad toads transgenic trout "
        "turkeys vivo wistar xenograft xenografts xenopus zealand zebra zebrafish stereotaxic "
        "stereotaxically intragastric intragastrically anxiety depressive depression anxiolytic "
        "antidepressant autistic autism compulsive despair field swim swimming suspension maze recognition "
        "rotarod plate flick immersion writhing preference intracerebroventricular "
        "intracerebroventricularly intraganglionic intraganglionically whisker",
        ("mg/kg", "i.c.v."),
    ),
    "animal.animals": (
        "animals beagles birds broilers calves cats cattle chickens cows dogs embryos ewes ferrets "
        "fish flies foals gerbils goats guinea hamsters heifers hens horses kittens lambs larvae "
        "macaques mares mice minipigs monkeys piglets pigs poultry primates puppies pups rabbits rats "
        "sheep swine worms zebrafish",
        (),
    ),
    "case.abstract": (
        "adolescent boy case cases child describe detail discuss document gentleman girl infant lady "
        "man neonate newborn old patient patients present report share woman",
        (),
    ),
    "signal.shares_compared": (
        "vs versus",
        (),
    ),
    "signal.counted_shares": (
        "",
        ("%)",),
    ),
    "case.named_patient": (
        "mr mrs ms miss patient",
        (),
    ),
    "case.vignette": (
        "how",
        (),
    ),
    "case.illustration": (
        "illustrate illustrated illustrates illustrating illustration illustrative",
        (),
    ),
    "case.patient_initials": (
        "case participant patient subject",
        (),
    ),
    "case.series": (
        "case cases patients women men children infants boys girls adults individuals neonates adolescents "
        "siblings",
        (),
    ),
    "commentary.body": (
        "appreciate co colleagues comment commentary comments coworkers editorial et interest issue "
        "letter thank their",
        (),
    ),
    "review.ma_self": (
        "combined individual meta metaanalysis pooled",
        (),
    ),
    "review.sr_self": (
        "integrative rapid systematic systematically umbrella",
        (),
    ),
    "review.search": (
        "amed amstar analysed analyzed authors bias cbm central cinahl clinicaltrials cnki cochrane "
        "dblp ebsco eligibility eligible embase epistemonikos eric extracted fang global google grade "
        "identified ieee inception included inclusion investigators joanna lilacs medline newcastle "
        "ovid prisma proquest prospero psycarticles psycinfo pubmed quality retrieved reviewers "
        "scopus screened search searched searches searching selected sinomed sportdiscus "
        "systematically vip wan wanfang web",
        ("crd",),
    ),
    "notice.erratum_abstract": (
        "apologise apologize correct corrected corrects error incorrect incorrectly missing omitted should",
        (),
    ),
    "guideline.abstract": (
        "committee consensus delphi expert grade guideline guidelines panel position recommendations "
        "task working guidance",
        (),
    ),
    "review.pooling": (
        "egger eggers fixed forest funnel heterogeneity i i2 pooled pooling random rcts revman "
        "standardised standardized studies subgroup summary trials weighted",
        (),
    ),
    "review.scoping": (
        "evidence map mapping scoping",
        (),
    ),
    "review.bibliometric_title": (
        "",
        ("bibliometric", "scientometric"),
    ),
    "review.bibliometric_self": (
        "citespace vosviewer bibliometrix",
        ("bibliometric", "scientometric"),
    ),
    "review.umbrella": (
        "overview reviews umbrella",
        (),
    ),
    "observational.prediction": (
        "calibration deep index learning machine nomogram nomograms prediction predictive prognostic "
        "radiomic radiomics score",
        ("predict", "identif", "estimat", "stratif"),
    ),
    "bioinformatics.method": (
        "bioinformatic bioinformatics differentially docking dynamics gene genes genome geo hub "
        "machine omnibus pharmacology protein rna silico tcga weighted wgcna",
        ("gse",),
    ),
    "observational.diagnostic": (
        "area auc diagnostic gold positive reference roc sensitivity",
        (),
    ),
    "trial.allocation": (
        "fashion manner random randomisation randomised randomization randomized randomly ratio rct "
        "concealed lottery lots coin interactive minimisation minimization permuted sealed",
        ("computer-generated", "allocation sequence", "allocation list", "allocation schedule"),
    ),
    "trial.placebo_allocation": (
        "placebo",
        (),
    ),
    "signal.participants_received": (
        "received underwent given performed learned viewed rated listened watched played wore",
        (),
    ),
    "protocol.future": (
        "anticipated expected shall will",
        (),
    ),
    "observational.cross_sectional": (
        "cross prevalence questionnaire questionnaires sectional survey surveyed surveys",
        (),
    ),
    "signal.human": (
        "adults case children clinical cohort consent cross hospital hospitalised hospitalized human "
        "men participants patients questionnaire randomised randomized records subjects volunteers "
        "women postmortem mortem",
        (),
    ),
    "narrative.abstract": (
        "aims appraisal attempts findings minireview minireviews opinion overview review reviewed "
        "reviews seeks serves sets summarise summarised summarises summarize summarized summarizes "
        "summary synopsis synthesis update discuss examine consider relevant",
        (),
    ),
    "narrative.weak": (
        "describe describes discuss discussed discusses examines explores focus focuses highlight "
        "highlighted highlights outline outlines summarise summarised summarize summarized chapter survey",
        (),
    ),
    "observational.economic": (
        "budget cost economic icer icers incremental markov qalies qaly qalys quality willingness",
        (),
    ),
    "observational.before_after": (
        "before",
        (),
    ),
    "observational.cohort": (
        "claims cohort cohorts consecutive database follow followed incidence interventional registers "
        "longitudinal medical nationwide noninterventional observational population prospective "
        "prospectively register registry retrospective retrospectively",
        (),
    ),
    "observational.case_control": (
        "case cases comparison control controls developing healthy matched nested neurotypical",
        (),
    ),
    "observational.questionnaire": (
        "questionnaire questionnaires survey surveys",
        (),
    ),
    "observational.experiment": (
        "experiment experiments study tested performed completed undertook",
        (),
    ),
    "observational.numbered_experiments": ("experiment experiments", ()),
    "observational.signal_method_title": (
        "approach approaches method methods framework classification classifier classifiers reconstruction "
        "algorithm algorithms pipeline toolbox software enhancement",
        ("denois", "accelerat"),
    ),
    "observational.behaviour_measured": (
        "task tasks responses reaction response recall memory recognition judgments judgements judgment "
        "judgement perception perceived attention stimuli stimulus paradigm priming words faces",
        (),
    ),
    "observational.experiment_people": (
        "participants volunteers adults children preschoolers infants toddlers adolescents students "
        "undergraduates listeners speakers readers observers respondents men women people individuals humans "
        "users experiment experiments",
        (),
    ),
    "observational.human_measurement": (
        "fmri functional eeg electroencephalography electroencephalographic electroencephalogram meg "
        "magnetoencephalography magnetoencephalographic event erp erps potential potentials "
        "electrocorticography electrocorticographic ecog intracranial transcranial eye tracking movements "
        "pupillometry psychophysics psychophysical reaction time times diffusion tractography resting state",
        (),
    ),
    "observational.time_course": (
        "after again averaged baseline daily diaries diary follow followed following interval intervals "
        "later monthly post pre repeated repeatedly round rounds second time wave waves weekly",
        (),
    ),
    "trial.nonrandomised": (
        "arm armed blind blinded dose double first interventional label nonrandomised nonrandomized open "
        "phase pilot placebo post pre pseudo quasi randomised randomized semi single trial",
        (),
    ),
    "trial.controlled_before_after": (
        "",
        ("controlled before",),
    ),
    "trial.crossover": (
        "cross crossover sham",
        (),
    ),
    "trial.secondary": (
        "alongside ancillary exploratory extension hoc posthoc pre prespecified secondary specified "
        "sub subgroup substudies substudy trial trials",
        (),
    ),
    "in_vitro.lab": (
        "alizarin alkaline antibacterial antimicrobial atdc5 bacteria bacterial biofilm biofilms "
        "bmmsc bmmscs bmsc bmscs c2c12 cancer candida cck cell cells chip chondrocytes elisa "
        "endothelial escherichia fibroblasts flow fungal hbmsc hbmscs hek hek293 hek293t "
        "hela hfob hmsc hmscs huvec huvecs immunofluorescence immunoprecipitation "
        "isolates knockdown knockdowns line luciferase macrophages mc3t3 mg mg63 mic minimum mscs mtt "
        "osteoblasts osteoclasts osteocytes pcr qpcr qrt raw "
        "raw264 rt saos saos2 shrna sirna staphylococcus stem strain "
        "strains transwell trap tumor tumour u2os vitro western yeast saccharomyces patch extracted "
        "laboratory bench benchtop cytotoxic cytotoxicity ic50 ic50s biological biologically enzyme hepg2 "
        "mcf "
        "mcf7 a549 hct hct116 sh caco thp jurkat vero neurons astrocytes microglia oligodendrocytes "
        "cardiomyocytes hepatocytes keratinocytes myoblasts myotubes podocytes cultures "
        "ipsc ipscs organoid organoids assembloid assembloids spheroid spheroids voltage xenopus "
        "pull pulldown gain loss truncated truncation deletion reporter binding isothermal stopped "
        "kcat michaelis kinase",
        ("transfect", "overexpress"),
    ),
    "in_vitro.specimens": (
        "extracted specimens blocks discs disks bars beams cylinders slabs sticks teeth molars premolars "
        "incisors implants crowns "
        "restorations universal thermocycled thermocycling bond",
        (),
    ),
    "trial.observational_within": (
        "cohort observational sectional control prospective arm group baseline pooled",
        (),
    ),
    "trial.methods_paper": ("simulation simulations propose develop derive introduce", ()),
    "trial.economic_title": ("cost economic budget", ()),
    "trial.observational_question": (
        "association associations correlation correlations correlates determinants predictors prognostic "
        "risk polymorphism polymorphisms predict prediction predicting",
        (),
    ),
    "trial.effect_title": ("effect effects efficacy randomised randomized", ()),
    "trial.rct_defined_otherwise": ("rct rcts", ()),
    "trial.declared_observational": ("observational sectional cohort", ()),
    "trial.secondary_observational": (
        "association associations exposure exposed compared categorized categorised stratified grouped "
        "divided trajectory trajectories baseline predictor predictors risk correlate correlates",
        (),
    ),
    "trial.secondary_arms": (
        "randomized randomised randomly assigned allocated versus vs compared intervention treatment placebo "
        "control effect effects mediate mediated mediates mediating mediation mediator mediators moderated "
        "moderates moderating moderation moderator moderators",
        (),
    ),
    "in_vitro.methods_article": (
        "protocol protocols procedure procedures technique techniques steps step how method methods "
        "approach approaches assay assays",
        (),
    ),
    "case.patients_described": (
        "old aged presented presenting admitted referred diagnosed hospitalized hospitalised managed treated "
        "describe report present",
        (),
    ),
    "in_vitro.donor_cells": (
        "pluripotent ipsc ipscs hipsc hipscs organoid organoids assembloid assembloids derived",
        (),
    ),
    "qualitative.design": (
        "depth ethnographic ethnography focus grounded interpretative interview interviews mixed "
        "phenomenological phenomenology qualitative semi semistructured structured thematic thematically",
        (),
    ),
    "qualitative.method": (
        "depth ethnographic ethnography focus grounded interpretative interviews semi semistructured "
        "structured thematic thematically",
        (),
    ),
    "mendelian.name": (
        "mendelian mr",
        (),
    ),
    "mendelian.method": (
        "genetic instrumental inverse mendelian mr single",
        (),
    ),
}
#: Words that can start each species' pattern: a species' regex runs only when one of them is present.
SPECIES_TRIGGERS = {
    "rat": "rat rats sprague wistar lewis fischer murine rodent rodents",
    "mouse": "mice mouse c57bl c57bl6 c57bl6j balb db ob apoe knockout transgenic nude murine",
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
    "frog": "frog frogs xenopus tadpole tadpoles toad toads amphibian amphibians salamander salamanders newt "
    "newts axolotl axolotls",
    "bee": "honey honeybee honeybees bees bumblebee bumblebees",
    "mosquito": "mosquito mosquitoes anopheles aedes",
    "deer": "deer elk moose reindeer",
    "bat": "bats",
    "camel": "camel camels dromedary dromedaries alpaca alpacas llama llamas",
    "whale": "whale whales dolphin dolphins porpoise porpoises cetacean cetaceans rorqual rorquals lion "
    "lions walrus walruses",
    "reptile": "lizard lizards snake snakes turtle turtles tortoise tortoises crocodile crocodiles alligator "
    "alligators gecko geckos reptile reptiles",
    "crustacean": "shrimp shrimps prawn prawns crab crabs lobster lobsters crayfish crustacean crustaceans "
    "copepod copepods daphnia",
    "mollusc": "oyster oysters clam clams mussel mussels snail snails squid squids octopus octopuses mollusc "
    "molluscs mollusk mollusks bivalve bivalves scallop scallops abalone abalones",
    "marine_invertebrate": "ascidian ascidians tunicate tunicates urchin urchins starfish star stars "
    "echinoderm echinoderms ophiuroid ophiuroids jellyfish cnidarian cnidarians polychaete polychaetes "
    "earthworm earthworms planarian planarians",
    "nematode": "nematode nematodes roundworm roundworms",
    "marine_fish": "anchovy anchovies sardine sardines herring herrings mackerel mackerels tuna tunas "
    "goldfish guppy guppies stickleback sticklebacks killifish cichlid cichlids flounder flounders halibut "
    "grouper groupers sea bream breams seabream seabreams mullet mullets sturgeon sturgeons lamprey lampreys "
    "shark sharks",
}

#: The cue table.
CUES: tuple[CueDef, ...] = (
    # notice
    CueDef(
        "notice.retraction_title",
        TITLE,
        DECISIVE,
        _RETRACTION_TITLE,
        "the title announces a retraction notice",
    ),
    CueDef(
        "notice.retracted_cited",
        TITLE,
        DECISIVE,
        _RETRACTED_NOTICE_CITED,
        '"Retracted: …" citing the retracted paper (Wiley) is a notice',
    ),
    CueDef(
        "notice.retraction_abstract",
        ABSTRACT,
        DECISIVE,
        _RETRACTION_ABSTRACT,
        "a short text that says the article is retracted",
    ),
    CueDef(
        "notice.retracted_article",
        TITLE,
        VETO,
        _RETRACTED_ARTICLE_TITLE,
        '"RETRACTED: <title>" (Elsevier) is the retracted article itself, which keeps its design',
    ),
    CueDef("notice.erratum_title", TITLE, DECISIVE, _ERRATUM_TITLE, "the title announces a correction"),
    CueDef(
        "notice.erratum_abstract",
        ABSTRACT,
        DECISIVE,
        _ERRATUM_ABSTRACT,
        "a short text that corrects an article",
    ),
    CueDef("notice.concern_title", TITLE, DECISIVE, _CONCERN_TITLE, "an expression of concern"),
    # signal
    CueDef(
        "signal.research_headings", HEADINGS, SIGNAL, _RESEARCH_SECTIONS, "headings of a research abstract"
    ),
    CueDef("signal.data_phrases", ABSTRACT, SIGNAL, _DATA_PHRASES, "phrases that report data (counted)"),
    CueDef("signal.shares_compared", ABSTRACT, SIGNAL, _SHARES_COMPARED, 'two groups\' shares: "24% vs 11%"'),
    CueDef("signal.counted_shares", ABSTRACT, SIGNAL, _COUNTED_SHARES, 'a count with its share: "173 (42%)"'),
    CueDef("signal.subject_nouns", COUNTED, SIGNAL, _SUBJECT_NOUNS, "counted subjects"),
    CueDef("signal.human_nouns", COUNTED, SIGNAL, _HUMAN_NOUNS, "counted people"),
    CueDef("signal.human", JOINED, SIGNAL, _HUMAN, "clinical wording"),
    CueDef(
        "signal.participants_acted",
        ABSTRACT,
        SIGNAL,
        _PARTICIPANTS_ACTED,
        '"children were asked to", "participants completed": people took part in the study',
    ),
    CueDef(
        "signal.participants_received",
        ABSTRACT,
        SIGNAL,
        _PARTICIPANTS_RECEIVED,
        '"twenty adolescents … received 10 daily sessions": counted people took part in the study',
    ),
    # commentary
    CueDef(
        "commentary.title",
        TITLE,
        DECISIVE,
        _COMMENT_TITLE,
        "the authors' own label: letter, reply, comment, editorial",
    ),
    CueDef(
        "commentary.opening",
        ABSTRACT,
        DECISIVE,
        _COMMENT_OPENING,
        'the opening of a letter ("we read with interest", "dear editor")',
    ),
    CueDef(
        "commentary.body",
        ABSTRACT,
        SUPPORTING,
        _COMMENT_BODY,
        "a letter or comment discussing another article",
        context=20,
    ),
    CueDef(
        "commentary.opinion",
        ABSTRACT,
        SUPPORTING,
        _OPINION_ABSTRACT,
        "first-person argument or a call to action",
        context=20,
    ),
    CueDef(
        "commentary.opinion_title", TITLE, SUPPORTING, _OPINION_TITLE, "a question or an opinion-style title"
    ),
    CueDef(
        "commentary.call_title",
        TITLE,
        SUPPORTING,
        _CALL_TITLE,
        "a title that calls for something or names an essay",
    ),
    # protocol
    CueDef(
        "protocol.title",
        TITLE,
        SUPPORTING,
        _PROTOCOL_TITLE,
        "a protocol or a design paper named in the title",
    ),
    CueDef(
        "protocol.headings",
        HEADINGS,
        DECISIVE,
        _PROTOCOL_SECTIONS,
        "headings of a protocol (without results)",
    ),
    CueDef(
        "protocol.abstract",
        ABSTRACT,
        SUPPORTING,
        _PROTOCOL_ABSTRACT,
        "the abstract says it describes a protocol",
    ),
    CueDef(
        "protocol.future",
        ABSTRACT,
        SUPPORTING,
        _FUTURE,
        "the future tense of planned work (counted)",
        context=30,
    ),
    CueDef(
        "protocol.present_design",
        ABSTRACT,
        SUPPORTING,
        _PRESENT_DESIGN,
        "the present tense of a running study",
    ),
    CueDef(
        "protocol.running",
        ABSTRACT,
        SUPPORTING,
        _RUNNING_STUDY,
        'a study running now ("we are using a randomized design", "is being implemented")',
    ),
    CueDef("protocol.past_results", ABSTRACT, VETO, _PAST_RESULTS, "results already reported"),
    # review
    CueDef("review.vocabulary", WORDS, SUPPORTING, _REVIEW_GATE, "no review without one of these words"),
    CueDef("review.ma_title", TITLE, DECISIVE, _MA_TITLE, "a meta-analysis named in the title"),
    CueDef(
        "review.ma_self", ABSTRACT, SUPPORTING, _MA_SELF, "the authors say they meta-analysed", context=15
    ),
    CueDef(
        "review.pooling",
        ABSTRACT,
        SUPPORTING,
        _POOLING,
        "pooled estimates, heterogeneity, forest plots",
        context=15,
    ),
    CueDef(
        "review.pooled_estimate", ABSTRACT, SUPPORTING, _POOLED_ESTIMATE, "a pooled estimate with its value"
    ),
    CueDef("review.sr_title", TITLE, DECISIVE, _SR_TITLE, "a systematic review named in the title"),
    CueDef(
        "review.sr_self",
        ABSTRACT,
        DECISIVE,
        _SR_SELF,
        "the authors say they reviewed systematically",
        context=15,
    ),
    CueDef(
        "review.search",
        ABSTRACT,
        SUPPORTING,
        _SEARCH_METHODS,
        "a described literature search (databases, eligibility, PRISMA)",
        context=15,
    ),
    CueDef(
        "review.search_strong",
        ABSTRACT,
        SUPPORTING,
        _SEARCH_STRONG,
        "a named literature database or PRISMA/PROSPERO",
    ),
    CueDef(
        "review.headings", HEADINGS, SUPPORTING, _SR_SECTIONS, "headings of a systematic review's abstract"
    ),
    CueDef(
        "review.selective_search",
        ABSTRACT,
        VETO,
        _SELECTIVE_SEARCH,
        '"a selective search": the house phrase of a narrative review',
    ),
    CueDef("review.scoping", TEXT, DECISIVE, _SCOPING, "a scoping review or evidence map"),
    CueDef(
        "review.bibliometric_title",
        TITLE,
        DECISIVE,
        _BIBLIOMETRIC_TITLE,
        "a bibliometric analysis by its title",
    ),
    CueDef(
        "review.bibliometric_self",
        ABSTRACT,
        DECISIVE,
        _BIBLIOMETRIC_SELF,
        '"we conducted a bibliometric analysis", "CiteSpace": publications counted and mapped',
    ),
    CueDef("review.umbrella", TEXT, DECISIVE, _UMBRELLA, "a review of reviews"),
    CueDef(
        "review.umbrella_and_ma",
        TITLE,
        SUPPORTING,
        _UMBRELLA_AND_MA,
        "an umbrella review with a meta-analysis",
    ),
    CueDef(
        "review.ma_not_this", TITLE, VETO, _MA_NOT_THIS, "a protocol, comment or letter about a meta-analysis"
    ),
    CueDef("review.review_word", TITLE, SUPPORTING, _REVIEW_WORD, '"review" or "overview" in the title'),
    CueDef(
        "review.prisma_name",
        PHRASE,
        VETO,
        _PRISMA_NAME,
        "the PRISMA statement spelled out (it mentions meta-analyses)",
    ),
    # narrative
    CueDef("narrative.headings", HEADINGS, DECISIVE, _REVIEW_SECTIONS, "headings of a review's abstract"),
    CueDef(
        "narrative.inline_headings",
        ABSTRACT,
        DECISIVE,
        _REVIEW_HEADINGS_INLINE,
        'a review\'s heading inside a plain abstract ("Areas covered:")',
        context=20,
    ),
    CueDef(
        "narrative.inline_research_headings",
        ABSTRACT,
        VETO,
        _RESEARCH_HEADINGS_INLINE,
        'a research heading inside a plain abstract ("Results:")',
    ),
    CueDef(
        "narrative.review_word", PHRASE, SUPPORTING, _REVIEW_WORD, '"review" or "overview" in a cue\'s phrase'
    ),
    CueDef(
        "narrative.title",
        TITLE,
        DECISIVE,
        _NARRATIVE_TITLE,
        'a review named in the title ("… : a review", "advances in …")',
    ),
    CueDef(
        "narrative.weak_title",
        PHRASE,
        VETO,
        _WEAK_REVIEW_TITLE,
        '"trends in …", "insights into …": data as often as reviews',
    ),
    CueDef(
        "narrative.data_title",
        TITLE,
        VETO,
        _DATA_TITLE,
        "a title that names data (years, a registry, a survey)",
    ),
    CueDef(
        "narrative.study_and_review",
        TITLE,
        VETO,
        _STUDY_AND_REVIEW_TITLE,
        'a review as one step of a study named in the title ("a retrospective review")',
    ),
    CueDef(
        "narrative.own_study",
        ABSTRACT,
        VETO,
        _OWN_STUDY,
        '"in this study", "here we report": the abstract reports a study of its own',
    ),
    CueDef(
        "narrative.own_findings",
        ABSTRACT,
        VETO,
        _OWN_FINDINGS,
        '"we have found", "in this study": findings of the abstract\'s own',
    ),
    CueDef(
        "narrative.own_results",
        ABSTRACT,
        VETO,
        _OWN_RESULTS,
        '"these results suggest", "we show that": results of the abstract\'s own',
    ),
    CueDef(
        "narrative.abstract",
        ABSTRACT,
        DECISIVE,
        _NARRATIVE_ABSTRACT,
        'the abstract calls itself a review ("this review", "we review")',
        context=20,
    ),
    CueDef(
        "narrative.review_self",
        ABSTRACT,
        SUPPORTING,
        _REVIEW_SELF,
        '"we summarise current knowledge"',
        context=20,
    ),
    CueDef(
        "narrative.not_literature",
        PHRASE,
        VETO,
        _NOT_LITERATURE_REVIEW,
        "a review of records, charts or images, or a review board",
    ),
    CueDef(
        "narrative.method_literature",
        PHRASE,
        DECISIVE,
        _METHOD_IS_LITERATURE,
        'a methods section that reads the literature ("Methods: a summary of available literature")',
    ),
    CueDef(
        "narrative.method_article",
        ABSTRACT,
        VETO,
        _METHOD_ARTICLE,
        'a methods article naming itself ("this protocol describes", "in this tutorial")',
    ),
    CueDef(
        "narrative.account_of_initiative",
        ABSTRACT,
        VETO,
        _ACCOUNT_OF_INITIATIVE,
        'an account of a programme, project or meeting ("this article outlines … a telehealth program")',
    ),
    CueDef("narrative.own_series", ABSTRACT, VETO, _OWN_SERIES, '"our series": the authors\' own patients'),
    CueDef(
        "narrative.weak",
        ABSTRACT,
        SUPPORTING,
        _NARRATIVE_WEAK,
        '"we discuss", "… are summarised": a review only without data',
        context=20,
    ),
    CueDef(
        "narrative.covered",
        ABSTRACT,
        SUPPORTING,
        _NARRATIVE_COVERED,
        '"… are discussed in this article"',
        context=20,
    ),
    CueDef("narrative.here_we", ABSTRACT, SUPPORTING, _HERE_WE, '"here we discuss …"', context=20),
    # guideline
    CueDef(
        "guideline.title",
        TITLE,
        DECISIVE,
        _GUIDELINE,
        "a guideline, consensus or position statement named in the title",
    ),
    CueDef(
        "guideline.abstract",
        ABSTRACT,
        SUPPORTING,
        _GUIDELINE_ABSTRACT,
        "a panel that developed recommendations",
        context=20,
    ),
    CueDef(
        "guideline.about_guidelines",
        (TITLE, JOINED),
        VETO,
        _GUIDELINE_NOT,
        "a study of adherence to guidelines",
    ),
    CueDef(
        "guideline.research",
        (TITLE, JOINED),
        VETO,
        _NOT_A_GUIDELINE,
        "a chart review, a model or a finite-element study",
    ),
    # mendelian
    CueDef("mendelian.name", (TITLE, ABSTRACT), DECISIVE, _MR, "Mendelian randomisation", context=20),
    CueDef("mendelian.method", ABSTRACT, SUPPORTING, _MR_METHOD, "instrumental variables, IVW, MR-Egger"),
    # bioinformatics
    CueDef(
        "bioinformatics.method",
        ABSTRACT,
        SUPPORTING,
        _BIOINFO_STRONG,
        "public datasets, hub genes, docking (counted)",
        context=20,
    ),
    CueDef(
        "bioinformatics.title", TITLE, SUPPORTING, _BIOINFO_TITLE, "bioinformatic analysis named in the title"
    ),
    # case
    CueDef("case.title", TITLE, DECISIVE, _CASE_TITLE, "a case named in the title"),
    CueDef(
        "case.abstract",
        ABSTRACT,
        DECISIVE,
        _CASE_ABSTRACT,
        '"we report a case", "a 45-year-old woman presented"',
        context=10,
    ),
    CueDef(
        "case.vignette",
        ABSTRACT,
        VETO,
        _CASE_VIGNETTE,
        'a vignette put to the reader: "How should her case be managed?"',
    ),
    CueDef(
        "case.illustration",
        ABSTRACT,
        VETO,
        _CASE_ILLUSTRATION,
        'a case shown as an illustration: "we illustrate these challenges with the case of …"',
    ),
    CueDef(
        "case.patient_initials",
        ABSTRACT,
        SUPPORTING,
        _PATIENT_INITIALS,
        'one patient known by initials: "we studied patient SM"',
        context=10,
    ),
    CueDef(
        "case.named_patient",
        ABSTRACT,
        DECISIVE,
        _NAMED_PATIENT,
        '"Mr. A, a 67-year-old …", "the patient, a 23-year-old …"',
        context=10,
    ),
    CueDef("case.headings", HEADINGS, DECISIVE, _CASE_SECTIONS, "headings of a case report"),
    CueDef(
        "case.patients_described",
        ABSTRACT,
        SUPPORTING,
        _PATIENTS_DESCRIBED,
        'patients described as a case report does ("aged 78, 84, 88", "presented with", "was admitted")',
    ),
    CueDef(
        "case.series_mentioned",
        PHRASE,
        VETO,
        _SERIES_MENTIONED,
        'case series named as others\' work ("numerous case series and small studies")',
    ),
    CueDef("case.series", TEXT, DECISIVE, _CASE_SERIES, "a case series, or a few cases counted", context=10),
    CueDef("case.aged_person", ABSTRACT, SUPPORTING, _AGED_PERSON, "one person named by age", context=10),
    CueDef("case.cell_line", ABSTRACT, VETO, _CELL_LINE, "a cell line or donor named by age, not a patient"),
    CueDef(
        "case.case_study", TITLE, SUPPORTING, _CASE_STUDY, '"case study", "case of": perhaps not a patient'
    ),
    CueDef(
        "case.case_study_research",
        JOINED,
        VETO,
        _CASE_STUDY_RESEARCH,
        "a case study of an organisation (research)",
    ),
    CueDef("case.clinical", JOINED, SUPPORTING, _CLINICAL, "clinical wording: the case is a patient"),
    CueDef(
        "case.patient_matter", (TITLE, JOINED), SUPPORTING, _PATIENT_MATTER, "a patient or clinical matter"
    ),
    CueDef("case.journal", JOURNAL, SUPPORTING, _CASE_JOURNAL, "a journal that publishes only case reports"),
    CueDef(
        "case.not_a_case", (TITLE, PHRASE), VETO, _CASE_NOT, '"case-control", "worst case", "in this case"'
    ),
    # animal
    CueDef(
        "animal.experiment",
        (TEXT, JOINED),
        DECISIVE,
        _INVIVO,
        "phrases only an animal experiment produces",
        context=10,
    ),
    CueDef(
        "animal.animals",
        (TEXT, JOINED),
        DECISIVE,
        _INVIVO_ANIMALS,
        'counted or treated animals ("40 male rats", "mice were injected")',
        context=10,
    ),
    CueDef(
        "animal.in_vivo_said",
        ABSTRACT,
        SUPPORTING,
        _IN_VIVO_SAID,
        '"in vivo" said of the authors\' own work: beside cells at the bench, work of both kinds',
        context=25,
    ),
    CueDef(
        "animal.title_in_vivo", TITLE, SUPPORTING, _TITLE_INVIVO, '"in vivo", "experimental" in the title'
    ),
    CueDef(
        "animal.other_animals",
        (TEXT, JOINED),
        DECISIVE,
        _INVIVO_OTHER_ANIMALS,
        'non-mammal animals counted or exposed ("clams exposed for 14 days", "150 specimens")',
        context=10,
    ),
    # in_vitro
    CueDef("in_vitro.lab", TEXT, DECISIVE, _INVITRO, "cells, assays, microbial strains", context=10),
    CueDef(
        "in_vitro.molecular",
        TEXT,
        DECISIVE,
        _INVITRO_MOLECULAR,
        "molecules and formulations studied at the bench (permeation, release, protein structure)",
        context=10,
    ),
    CueDef(
        "in_vitro.title_setting",
        TITLE,
        SUPPORTING,
        r"\bin vitro\b",
        'the title names the bench as the setting ("… Pig Sertoli Cells In Vitro")',
    ),
    CueDef(
        "in_vitro.title_in_vivo",
        TITLE,
        SUPPORTING,
        r"\bin vivo\b|\b(?:mice|rats|cows|pigs|piglets|dogs|rabbits|animals|calves|horses|cattle|monkeys|"
        r"hens|chickens|knockout|transgenic)\b|\b(?:mouse|rat|murine|animal|rabbit|porcine|canine) models?\b",
        "the title names work in living animals too (in vivo, animals in the plural, an animal model)",
    ),
    CueDef(
        "in_vitro.computational",
        TITLE,
        VETO,
        _COMPUTATIONAL_TITLE,
        "computational work named in the title (modelling, annotation, phylogenetics, neural networks)",
    ),
    CueDef(
        "in_vitro.bench_title",
        TITLE,
        VETO,
        _COMPUTATIONAL_WITH_BENCH_TITLE,
        'bench work named in the title beside computation ("in silico and in vitro"): no computational veto',
    ),
    CueDef(
        "in_vitro.bench_abstract",
        ABSTRACT,
        VETO,
        _COMPUTATIONAL_WITH_BENCH_ABSTRACT,
        'hands-on bench work in the abstract ("a patch-clamp assay", "cells were treated"): '
        "no computational veto",
    ),
    CueDef(
        "in_vitro.public_database",
        ABSTRACT,
        SUPPORTING,
        _PUBLIC_DATABASE,
        "a public cancer database (TCGA, GEO, GEPIA): other people's patients",
    ),
    CueDef(
        "in_vitro.bench_work",
        ABSTRACT,
        SUPPORTING,
        _BENCH_WORK,
        'the authors\' cell work ("knocked down", "transwell", "western blotting"), counted distinct',
    ),
    CueDef(
        "in_vitro.cells_at_bench",
        ABSTRACT,
        SUPPORTING,
        _CELLS_AT_BENCH,
        'cells grown or tested at the bench ("cell lines", "cultured", "transwell", "in vitro"): beside an '
        "animal experiment, work of both kinds",
        context=25,
    ),
    CueDef(
        "in_vitro.bench_science",
        ABSTRACT,
        SUPPORTING,
        _BENCH_SCIENCE,
        'chemistry, materials, bioprocesses, molecular and plant genetics ("synthesised", "catalyst", '
        '"nanosheets", "reactors", "mutants"): where no design was found, laboratory work',
    ),
    CueDef(
        "in_vitro.in_silico",
        ABSTRACT,
        VETO,
        _IN_SILICO,
        'work in the computer ("molecular dynamics", "QM/MM", "docking"): no laboratory study without '
        "a design",
    ),
    CueDef(
        "in_vitro.theory_title",
        TITLE,
        VETO,
        _THEORY_TITLE,
        'work in the computer named in the title ("a computational study", "Modeling the energy landscape"): '
        "no laboratory study",
    ),
    CueDef(
        "in_vitro.field_survey",
        TITLE,
        VETO,
        _FIELD_SURVEY_TITLE,
        'a survey in the field ("distribution of microplastics in beach sediments"): no laboratory study',
    ),
    CueDef(
        "in_vitro.cell_work",
        ABSTRACT,
        SUPPORTING,
        _CELL_WORK,
        'cells worked with or grown at the bench ("transfected", "stem cells", "cultured"): the people '
        "counted beside them are donors",
    ),
    CueDef(
        "in_vitro.assay",
        ABSTRACT,
        SUPPORTING,
        _BENCH_ASSAYS,
        'a bench assay of the authors\' ("IC50", "minimum inhibitory concentration", "qRT-PCR")',
    ),
    CueDef(
        "in_vitro.compound_assay",
        ABSTRACT,
        SUPPORTING,
        _COMPOUND_ASSAYS,
        'a compound tested at the bench ("IC50", "minimum inhibitory concentration"): no computational veto',
    ),
    CueDef(
        "in_vitro.donor_cells",
        TEXT,
        SUPPORTING,
        _DONOR_CELLS,
        "stem cells, organoids or cells derived from patients: the people counted are the cells' donors",
        context=10,
    ),
    CueDef(
        "in_vitro.community",
        TITLE,
        VETO,
        _MICROBIAL_COMMUNITY,
        "a microbial community or microbiome in the title: a field or reactor survey",
    ),
    CueDef(
        "in_vitro.others_findings",
        ABSTRACT,
        VETO,
        _OTHERS_FINDINGS,
        'findings told as others\' ("recent studies have shown …", "later work revealed …")',
    ),
    CueDef(
        "in_vitro.own_work",
        ABSTRACT,
        SUPPORTING,
        _OWN_WORK,
        'work of the article\'s own ("we", "this study", "here", "cells were treated")',
    ),
    CueDef(
        "in_vitro.environment",
        TITLE,
        VETO,
        _ENVIRONMENTAL_PROCESS,
        "wastewater, sludge, remediation, sediments … in the title: environmental engineering, not biology",
    ),
    # trial
    CueDef("trial.rct_title", TITLE, DECISIVE, _RCT_TITLE, "randomised named in the title"),
    CueDef(
        "trial.title_qualitative",
        TITLE,
        VETO,
        _TITLE_QUALITATIVE,
        "a qualitative study named in the title: the trial it names is not its design",
    ),
    CueDef(
        "trial.title_not_rct", TITLE, VETO, _TITLE_NOT_RCT, "the title names a design that is not randomised"
    ),
    CueDef(
        "trial.yardstick",
        TITLE,
        VETO,
        _TRIAL_AS_YARDSTICK,
        'a trial the title compares the study with ("… with comparisons to the randomized controlled trial")',
    ),
    CueDef(
        "trial.allocation", ABSTRACT, DECISIVE, _RCT_ABSTRACT, 'allocation phrases ("were randomly assigned")'
    ),
    CueDef(
        "trial.placebo_allocation",
        ABSTRACT,
        DECISIVE,
        _PLACEBO_ALLOCATION,
        'allocation to placebo, a double-blind placebo-controlled trial ("were assigned to X or placebo")',
    ),
    CueDef(
        "trial.quasi_random",
        ABSTRACT,
        DECISIVE,
        _QUASI_RANDOM,
        'allocation by a number, a date or in turn ("randomized based on the identification number")',
    ),
    CueDef(
        "trial.not_allocation",
        PHRASE,
        VETO,
        _NOT_RCT_CONTEXT,
        "non-randomised, Mendelian, reviews of trials, random data splits, trials called for",
    ),
    CueDef(
        "in_vitro.specimens",
        TEXT,
        VETO,
        _SPECIMENS,
        'specimens at the bench, randomised as people are ("sixty ceramic blocks were randomly divided")',
    ),
    CueDef(
        "in_vitro.methods_article",
        ABSTRACT,
        VETO,
        _LAB_METHODS_ARTICLE,
        'a laboratory or animal methods article ("this protocol describes how to …", "a step by step '
        'protocol")',
    ),
    CueDef(
        "in_vitro.synthesis_title",
        TITLE,
        VETO,
        r"\btotal synthes[ie]s\b",
        "a natural product's total synthesis named in the title: organic chemistry, not laboratory biology",
    ),
    CueDef(
        "in_vitro.data_title",
        TITLE,
        VETO,
        _DATA_ARTICLE_TITLE,
        'a genome announced in the title ("complete genome sequence of …"): a data article',
    ),
    CueDef(
        "in_vitro.plant_title",
        TITLE,
        VETO,
        _PLANT_TITLE,
        'plants as the organism studied ("… in Arabidopsis", "drought tolerance"): plant biology',
    ),
    CueDef("in_vitro.plant_journal", JOURNAL, VETO, _PLANT_JOURNAL, "a journal of plant science"),
    CueDef(
        "in_vitro.plant_not",
        TITLE,
        VETO,
        _PLANT_NOT,
        "a plant's product tested, or the people who grow or eat it: not plant biology",
    ),
    CueDef(
        "trial.observational_within",
        TEXT,
        VETO,
        _OBSERVATIONAL_WITHIN_TRIAL,
        'an observational analysis of a trial\'s people ("a cohort analysis within a randomized trial")',
    ),
    CueDef(
        "trial.methods_paper",
        ABSTRACT,
        VETO,
        _TRIAL_METHODS_PAPER,
        'a paper on the statistics of trials ("a simulation study shows", "we propose a sample size '
        'formula")',
    ),
    CueDef(
        "trial.methods_title",
        TITLE,
        VETO,
        _TRIAL_METHODS_TITLE,
        "a title about sample size, power, designs or estimators",
    ),
    CueDef(
        "trial.secondary_observational",
        TEXT,
        VETO,
        _SECONDARY_OBSERVATIONAL,
        'an exposure a secondary analysis studies ("the association between …", "baseline characteristics")',
    ),
    CueDef(
        "trial.secondary_arms",
        TEXT,
        SUPPORTING,
        _SECONDARY_ARMS,
        'a comparison of a trial\'s arms ("randomized to", "versus placebo", "mediated the effect")',
    ),
    CueDef(
        "trial.declared_observational",
        ABSTRACT,
        VETO,
        _DECLARED_OBSERVATIONAL,
        'an observational design declared ("DESIGN: prospective observational …", "used a cross-sectional '
        'design")',
    ),
    CueDef(
        "trial.rct_defined_otherwise",
        ABSTRACT,
        VETO,
        _RCT_DEFINED_OTHERWISE,
        '"RCT" defined as something else ("radiochemotherapy (RCT)", "root canal treatment (RCT)")',
    ),
    CueDef(
        "trial.observational_question",
        TITLE,
        VETO,
        _OBSERVATIONAL_QUESTION_TITLE,
        'a title asking an observational question ("Association of … polymorphism with …", "… to predict …")',
    ),
    CueDef(
        "trial.effect_title",
        TITLE,
        SUPPORTING,
        _EFFECT_TITLE,
        'a title naming the effect of an intervention, or the trial as its design ("Effects of …")',
    ),
    CueDef(
        "trial.economic_title",
        TITLE,
        VETO,
        _ECONOMIC_TITLE,
        'an economic evaluation named in the title ("a posthoc cost analysis of the … trial")',
    ),
    CueDef(
        "trial.called_for",
        PHRASE,
        VETO,
        _CALLED_FOR_TRIAL,
        'a trial the sentence calls for ("a randomized trial comparing … is warranted")',
    ),
    CueDef(
        "trial.not_this_trial",
        PHRASE,
        VETO,
        _NOT_THIS_TRIAL,
        "a trial called for, lacking, hypothetical, running elsewhere or someone else's",
    ),
    CueDef(
        "trial.secondary",
        TEXT,
        SUPPORTING,
        _SECONDARY,
        "a secondary or post-hoc analysis of a trial (flag)",
        context=10,
    ),
    CueDef(
        "trial.nonrandomised",
        TEXT,
        DECISIVE,
        _NRCT,
        "single-arm, open-label, phase I/II, quasi-experimental",
        context=10,
    ),
    CueDef(
        "trial.controlled_before_after",
        TEXT,
        DECISIVE,
        _CONTROLLED_BEFORE_AFTER,
        "a controlled before-after study",
        context=10,
    ),
    CueDef(
        "trial.crossover",
        TEXT,
        DECISIVE,
        _CROSSOVER,
        "a crossover or sham-controlled design",
        context=10,
    ),
    # observational
    CueDef("observational.economic", TEXT, DECISIVE, _ECONOMIC, "cost-effectiveness, QALYs", context=10),
    CueDef(
        "observational.diagnostic",
        TEXT,
        SUPPORTING,
        _DIAGNOSTIC,
        "sensitivity and specificity, a reference standard",
        context=15,
    ),
    CueDef(
        "observational.prediction",
        TEXT,
        SUPPORTING,
        _PREDICTION,
        "a prediction model, nomogram, C-index",
        context=15,
    ),
    CueDef(
        "observational.case_control",
        TEXT,
        SUPPORTING,
        _CASE_CONTROL,
        "cases and matched controls",
        context=15,
    ),
    CueDef(
        "observational.case_control_named",
        ABSTRACT,
        DECISIVE,
        _CASE_CONTROL_WORDS,
        "a case-control design named",
        context=15,
    ),
    CueDef(
        "observational.cross_sectional",
        TEXT,
        DECISIVE,
        _CROSS_SECTIONAL,
        "cross-sectional, a survey",
        context=15,
    ),
    CueDef(
        "observational.questionnaire",
        ABSTRACT,
        SUPPORTING,
        _QUESTIONNAIRE,
        "people who answered questionnaires: a survey where people and data are reported",
        context=15,
    ),
    CueDef(
        "observational.experiment",
        ABSTRACT,
        SUPPORTING,
        _EXPERIMENT,
        "an experiment with people, reported as the authors' own",
        context=15,
    ),
    CueDef(
        "observational.numbered_experiments",
        ABSTRACT,
        SUPPORTING,
        _NUMBERED_EXPERIMENTS,
        'experiments numbered as psychology reports them ("In Experiment 1", "across three experiments")',
    ),
    CueDef(
        "observational.signal_method_title",
        TITLE,
        VETO,
        _SIGNAL_METHOD_TITLE,
        'a method of acquiring or processing the signal named in the title ("… fMRI acceleration")',
    ),
    CueDef(
        "observational.behaviour_measured",
        ABSTRACT,
        SUPPORTING,
        _BEHAVIOUR_MEASURED,
        "what experiments on people measure: tasks, responses, memory, perception",
    ),
    CueDef(
        "observational.experiment_people",
        ABSTRACT,
        SUPPORTING,
        _EXPERIMENT_PEOPLE,
        "the people an experiment tests",
    ),
    CueDef(
        "observational.human_measurement",
        ABSTRACT,
        SUPPORTING,
        _HUMAN_MEASUREMENT,
        "the brain or body measured: neuroimaging, electrophysiology, eye tracking, psychophysics",
        context=10,
    ),
    CueDef(
        "observational.time_course",
        ABSTRACT,
        SUPPORTING,
        _TIME_COURSE,
        "answers or measurements collected more than once",
        context=10,
    ),
    CueDef(
        "observational.before_after",
        ABSTRACT,
        SUPPORTING,
        _BEFORE_AND_AFTER,
        "people measured before and after something: a cohort where people and data are reported",
        context=10,
    ),
    CueDef(
        "observational.cohort",
        TEXT,
        SUPPORTING,
        _COHORT,
        "cohort, prospective, retrospective, registry, follow-up",
        context=15,
    ),
    # qualitative
    CueDef(
        "qualitative.design",
        (TEXT, JOINED),
        DECISIVE,
        _QUALITATIVE,
        "interviews, focus groups, thematic analysis",
    ),
    CueDef(
        "qualitative.method",
        ABSTRACT,
        SUPPORTING,
        _QUALITATIVE_METHOD,
        "the qualitative methods themselves: interviews, focus groups, thematic analysis",
    ),
)
