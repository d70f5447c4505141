"""Normalization of the fields that decide identity: identifiers, titles, authors, journals, pages.

Sources spell the same fact in many ways (``https://doi.org/10.1/X`` vs ``10.1/x``, ``1123-9`` vs
``1123-1129``, ``Zuna, R. E.`` vs ``Zuna RE``, ``β`` vs ``beta``); every comparison in the dedup engine
works on the forms produced here, so the rules live in one place and are tested once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

# --- identifiers -------------------------------------------------------------------------------------

_DOI_PREFIX = re.compile(r"^(?:https?://)?(?:(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"10\.\d{3,9}/\S+")
# Where one DOI field holds several: "10.1/a; 10.1/b", "10.1/a 10.1/b", "10.1/a, doi:10.1/b". A ';' inside
# a SICI DOI ("…3.0.CO;2-F") is not followed by another DOI, so it is never split.
_DOI_SPLIT = re.compile(r"\s*[;,|]\s*(?=(?:doi:?\s*|https?://\S*?)?10\.\d{3,9}/)|\s+", re.IGNORECASE)
# What publisher landing-page URLs append to a DOI: "/full", "/abstract", "/epdf", ".pdf", a query or anchor.
_DOI_SUFFIX = re.compile(
    r"(?:/(?:full|abstract|summary|pdf|epdf|pdfdirect|fulltext|full-text|html|meta|references|"
    r"suppinfo|citedby|figures|tables|issuetoc|info)|\.pdf|[?#][^/]*)$",
    re.IGNORECASE,
)
_COCHRANE = re.compile(r"\b(?:14651858\.)?(cd\d{6})(?:\.pub\d+)?\b", re.IGNORECASE)


def norm_dois(value: str | None) -> tuple[str, ...]:
    """Every DOI in a field, each lower-cased and bare (see :func:`norm_doi`), first one first.

    Databases paste a landing-page URL, a percent-encoded DOI, or two DOIs (print and online, or
    the article and its supplement) into one field; a record is the same work as another when any of
    its DOIs is the other's.
    """
    if not value:
        return ()
    text = unquote(html.unescape(str(value).strip()))
    if "%" in text:  # double-encoded URLs ("10.1002%252Fjbmr")
        text = unquote(text)
    found: list[str] = []
    for piece in _DOI_SPLIT.split(text):
        piece = _DOI_PREFIX.sub("", piece.strip())
        match = _DOI_SHAPE.search(piece)
        if not match:
            continue
        doi = match.group(0).lower()
        for _ in range(3):
            trimmed = _DOI_SUFFIX.sub("", doi.rstrip(".,;]}>'\"")).rstrip(".,;]}>'\"")
            while trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
                trimmed = trimmed[:-1].rstrip(".,;")
            if trimmed == doi:
                break
            doi = trimmed
        if "/" in doi and not doi.endswith("/") and doi not in found:
            found.append(doi)
    return tuple(found)


def norm_doi(value: str | None) -> str | None:
    """Lower-cased bare DOI (no URL or ``doi:`` prefix, percent-decoded, no landing-page suffix such
    as ``/full`` or ``.pdf``), or None when not a DOI; the first one when the field holds several."""
    dois = norm_dois(value)
    return dois[0] if dois else None


def cochrane_id(*fields: str | None) -> str | None:
    """The Cochrane review number (``cd006828``) in a DOI or page field, shared by every version of a
    review (``….CD006828.pub2`` is an update of ``….CD006828``)."""
    for text in fields:
        if text and ("cd" in text or "CD" in text):
            match = _COCHRANE.search(text)
            if match:
                return match.group(1).lower()
    return None


def norm_pmid(value: str | int | None) -> str | None:
    """Digits of a PMID without leading zeros (``PMID: 00123`` → ``123``)."""
    if value is None:
        return None
    digits = re.sub(r"\D", "", str(value))
    digits = digits.lstrip("0")
    return digits or None


def norm_pmcid(value: str | None) -> str | None:
    """``PMC`` + digits, upper-cased, whatever form it came in (``pmc123``, ``123``)."""
    if not value:
        return None
    digits = re.sub(r"\D", "", str(value)).lstrip("0")
    return f"PMC{digits}" if digits else None


def norm_issn(value: str | None) -> str | None:
    """``NNNN-NNNX`` with an upper-case check digit, or None."""
    if not value:
        return None
    compact = re.sub(r"[^0-9xX]", "", str(value)).upper()
    if len(compact) != 8:
        return None
    return f"{compact[:4]}-{compact[4:]}"


# --- text folding ------------------------------------------------------------------------------------

_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "ο": "omicron",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "ς": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "ϕ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    "ϐ": "beta",
    "ϑ": "theta",
    "µ": "mu",
}
_LIGATURES = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
_FOLD_TABLE = str.maketrans({**_GREEK, **_LIGATURES})
_TAG = re.compile(r"<[^<>]{0,2000}>")
_MATHML = re.compile(r"<(?:mml:)?annotation[^>]*>.*?</(?:mml:)?annotation>", re.IGNORECASE | re.DOTALL)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def strip_markup(text: str) -> str:
    """Plain text from a title that may carry HTML, JATS or MathML markup and entities."""
    if "<" in text:
        text = _MATHML.sub(" ", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def fold_for_comparison(text: str) -> str:
    """Lower-case ASCII-ish form: NFKC, Greek letters spelt out, accents and ligatures removed: what
    titles, names and journals are compared in (``β`` == ``beta``, ``Æ`` == ``ae``).

    Non-Latin scripts without a folding (Cyrillic, CJK) are kept as they are, lower-cased, so two
    records in the same script still compare equal. Not :func:`crawler.topics.fold_for_matching`, which
    keeps Greek letters and drops possessives, as topic terms are written.
    """
    text = unicodedata.normalize("NFKC", text).lower().translate(_FOLD_TABLE)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text


def simple_key(text: str | None) -> str:
    """Folded text with all punctuation collapsed to single spaces."""
    if not text:
        return ""
    return _NON_WORD.sub(" ", fold_for_comparison(strip_markup(text))).strip()


# --- titles ------------------------------------------------------------------------------------------

_LANGS = (
    "chinese|japanese|german|french|spanish|italian|russian|polish|portuguese|dutch|swedish|danish|"
    "norwegian|finnish|czech|slovak|hungarian|romanian|turkish|korean|greek|hebrew|croatian|serbian|"
    "slovenian|bulgarian|ukrainian|lithuanian|latvian|estonian|persian|arabic|english|catalan|icelandic|"
    "afrikaans|thai|vietnamese|indonesian|malay|bosnian|macedonian|albanian"
)
# Trailing bibliographic tags that databases append to titles: "[Article in Chinese]", "[German]",
# "[Review]", "[33 refs]", "(author's transl)", "[corrected]", "(Structured abstract)".
_TRAILING_TAG = re.compile(
    r"[\s.;:,]*[\[(]\s*(?:article\s+in\s+[a-z ,]+|in\s+(?:"
    + _LANGS
    + r")|(?:(?:"
    + _LANGS
    + r")[\s,/&]*(?:and\s+)?)+(?:abstract)?|abstract|review|editorial|letter|comment|erratum|corrected|"
    r"(?:published\s+)?erratum\s+appears[^\])]*|\d+\s+refs?|(?:structured|provisional)\s+abstract|"
    r"author'?s\s+transl?|see\s+comments?|retracted(?:\s+article)?|retraction|epub\s+ahead\s+of\s+print|"
    r"in\s+press|conference\s+abstract|meeting\s+abstract|abstract\s+only|this\s+article\s+has\s+been\s+"
    r"retracted[^\])]*)\s*[\])][\s.]*$",
    re.IGNORECASE,
)
_LEADING_MARKER = re.compile(
    r"^\s*(?:\[?\s*(?:retracted(?:\s+article)?|withdrawn|retraction\s+notice|expression\s+of\s+concern|"
    r"in\s+memoriam)\s*\]?\s*[:.\-–]\s*|\[\s*retracted\s*\]\s*)",
    re.IGNORECASE,
)
# "… severity.[Erratum appears in Brain Inj. 2013;27(3):377 Note: Small, Sarah K [added]]"
_ERRATUM_NOTE = re.compile(
    r"\s*\[\s*(?:published\s+)?(?:erratum|correction|retraction|comment|update)s?\s+(?:appears?|in|to)\b.*$"
    r"|\s*\[(?:corrected|retracted)\].*$",
    re.IGNORECASE | re.DOTALL,
)
# Correction notices titled after the article plus its citation: Web of Science "(vol 360, pg 542,
# 2009)" and Embase "(New England Journal of Medicine (2009) 360 (542-544))".
CORRECTION_CITATION = re.compile(
    r"\s*\(\s*vol\.?\s*\w+\s*,\s*(?:pg|p|pp)\.?\s*\w+\s*,\s*(?:19|20)\d\d\s*\)[\s.]*$"
    r"|\s*\([^()]*\(\s*(?:19|20)\d\d\s*\)\s*\d+\s*(?:\(\s*[\w -]+\s*\)\s*)?\(\s*[\w-]+\s*\)\s*\)[\s.]*$",
    re.IGNORECASE,
)
# Everything after an embedded citation such as "... syndrome... N Engl J Med. 2009 Jan 29;360(5)".
_EMBEDDED_CITATION = re.compile(r"(?:\.\.\.|\.\s)\s*[A-Z][A-Za-z .]{2,60}\.\s*(?:19|20)\d\d\b.*$")


def clean_title(title: str | None) -> str:
    """Title with markup, trailing database tags and retraction markers removed; case kept."""
    if not title:
        return ""
    text = strip_markup(str(title)).strip().strip('"').strip()
    for _ in range(3):
        new = _TRAILING_TAG.sub("", text)
        new = _LEADING_MARKER.sub("", new)
        if new == text:
            break
        text = new
    text = _ERRATUM_NOTE.sub("", text)
    text = CORRECTION_CITATION.sub("", text)
    text = _EMBEDDED_CITATION.sub("", text)
    text = text.strip()
    # A translated title is shown by PubMed in square brackets: "[A study on …]".
    if len(text) > 2 and text[0] == "[" and text.rstrip(".")[-1:] == "]":
        inner = text.rstrip(".")[1:-1]
        if "[" not in inner and "]" not in inner:
            text = inner
    return text.strip()


_THOUSANDS = re.compile(r"(?<=\d)[\s,.\u2009\u202f\u00a0](?=\d{3}\b)")


def title_key(title: str | None) -> str:
    """Comparable title: cleaned, folded, punctuation collapsed to spaces; "10 000" → "10000"."""
    return simple_key(_THOUSANDS.sub("", clean_title(title)))


def is_bracketed_translation(title: str | None) -> bool:
    """True for PubMed's convention of an English translation of a foreign title: ``[Title].``."""
    if not title:
        return False
    text = str(title).strip().strip('"').rstrip(". ")
    return len(text) > 2 and text[0] == "[" and text[-1] == "]"


_NUMBER_WORDS = re.compile(
    r"\b(?:part|phase|stage|type|grade|study|trial|series|volume|vol|chapter|section|report|no|number)s?\s+"
    r"([0-9]+[a-z]?|[ivx]+[ab]?|one|two|three|four|five|a|b|c)\b"
)
_DIGITS = re.compile(r"\d+")


def title_numbers(key: str) -> frozenset[str]:
    """Numbers and numbered parts in a title key, for the 'Part 1 vs Part 2' veto."""
    found = set(_DIGITS.findall(key))
    found.update("#" + m for m in _NUMBER_WORDS.findall(key))
    return frozenset(found)


# --- authors -----------------------------------------------------------------------------------------

_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "des",
        "la",
        "le",
        "el",
        "al",
        "ten",
        "ter",
        "vander",
        "vanden",
        "mc",
        "st",
        "bin",
        "ibn",
    ]
)
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "1st", "junior", "senior"])


#: Author names parsed lately (:func:`parse_author`). The hits that matter are near in time (a record's
#: names parsed for its keys and again for its comparisons, a block's members compared with each other),
#: so a few thousand keep them; a cache as large as a run's distinct names (200,000 before) grew with
#: the run, to ~30 MB of a first run's 20,783 records (a run's peak: 124 MB, against 132 MB with 16,384).
#: The cost, measured on that file: ``dedup`` takes 9.7 s against 8.9 s with 200,000, peaking at 96 MB
#: against 122 MB; a run's time does not move measurably.
_AUTHOR_CACHE = 4096


@lru_cache(maxsize=_AUTHOR_CACHE)
def parse_author(name: str) -> tuple[str, str]:
    """(surname key, initials) from "Surname, Given", "Surname GI", "G. I. Surname" or a collective name.

    The surname key drops particles (``van``, ``de``) and punctuation, because databases disagree on
    whether "De Botton" files under D or B; initials are lower-case letters.
    """
    text = fold_for_comparison(strip_markup(name)).strip()
    if not text:
        return ("", "")
    if "," in text:
        surname, _, given = text.partition(",")
        given_parts = [p for p in _NON_WORD.sub(" ", given).split() if p not in _SUFFIXES]
        if not _NON_WORD.sub("", surname) and given_parts:
            surname, given_parts = given_parts[0], given_parts[1:]
        initials = "".join(
            _initials_of(p)
            for p in re.split(r"[\s.,]+", given)
            if p.strip(" .-") and _NON_WORD.sub("", p) not in _SUFFIXES
        )
        return (_surname_key(surname), initials)
    tokens = text.replace(".", ". ").split()
    tokens = [t for t in tokens if _NON_WORD.sub("", t) not in _SUFFIXES]
    if not tokens:
        return ("", "")
    if len(tokens) == 1:
        return (_surname_key(tokens[0]), "")
    last = tokens[-1]
    original_last = name.strip().split()[-1] if name.strip() else ""
    # PubMed style "Zuna RE": a trailing all-caps run of up to four letters is the initials.
    if original_last.isupper() and original_last.isalpha() and len(original_last) <= 4:
        return (_surname_key(" ".join(tokens[:-1])), last.replace(".", ""))
    # "R. E. Zuna" / "Rosemary Zuna": given names first.
    if all(len(t.strip(".")) <= 2 for t in tokens[:-1]) or len(tokens) >= 2:
        initials = "".join(_initials_of(t) for t in tokens[:-1])
        return (_surname_key(last), initials)
    return (_surname_key(text), "")  # pragma: no cover - unreachable, kept for clarity


def _initials_of(part: str) -> str:
    letters = [seg[0] for seg in re.split(r"[-\s]+", part.strip(" .")) if seg]
    if len(part.strip(" .")) <= 3 and part.strip(" .").isalpha() and "." not in part and part.isupper():
        return part.strip(" .").lower()
    return "".join(letters).lower()


def _surname_key(surname: str) -> str:
    words = [w for w in _NON_WORD.sub(" ", surname.replace("'", "")).split() if w]
    kept = [w for w in words if w not in _PARTICLES] or words
    return "".join(kept)


def author_keys(authors: tuple[str, ...] | list[str]) -> tuple[tuple[str, str], ...]:
    """(surname key, initials) of each name, as :func:`parse_author` makes them for comparing two author
    lists, dropping empty and "et al" entries. Not display names: those are the Record's own."""
    out = []
    for name in authors:
        if not name:
            continue
        parsed = parse_author(name)
        if parsed[0] and parsed[0] not in ("etal", "et al", "anonymous", "anon"):
            out.append(parsed)
    return tuple(out)


# --- journals ----------------------------------------------------------------------------------------

_JOURNAL_STOP = frozenset(
    ["the", "of", "and", "for", "in", "on", "de", "la", "le", "der", "und", "et", "a", "an", "y"]
)


@lru_cache(maxsize=50_000)
def journal_tokens(journal: str | None) -> tuple[str, ...]:
    """Significant lower-case words of a journal name; the subtitle after ':' or '=' or '.' is kept."""
    if not journal:
        return ()
    text = fold_for_comparison(strip_markup(journal)).replace("&", " and ")
    text = re.sub(r"\([^)]*\)", " ", text)  # "(Williston Park, N.Y.)", "(Stiftelsen …)"
    return tuple(w for w in _NON_WORD.sub(" ", text).split() if w not in _JOURNAL_STOP)


def journals_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when one journal name could be an abbreviation of the other (``Nat Rev Nephrol``).

    Each word of one form must be a prefix of a word of the other, in order (how ISO 4 abbreviations
    are built), or one form is an acronym of the other (``ICIS``); so no table is needed.
    """
    a = tuple(w for w in a if not w.isdigit())
    b = tuple(w for w in b if not w.isdigit())
    if not a or not b or a == b:
        return True
    return _abbreviates(a, b) or _abbreviates(b, a) or _acronym_of(a, b) or _acronym_of(b, a)


def _abbreviates(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    if len(short) > len(long_):
        return False
    pos = 0
    for word in short:
        while pos < len(long_) and not _word_abbreviates(word, long_[pos]):
            pos += 1
        if pos == len(long_):
            return False
        pos += 1
    return True


def _word_abbreviates(short: str, word: str) -> bool:
    """``infect`` → ``infection`` (prefix), ``dtsch`` → ``deutsche`` (letters in order, same first)."""
    if word.startswith(short[:5]):
        return True
    if short[0] != word[0] or len(short) > len(word):
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in short[1:])


def _acronym_of(tokens: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """True when a token of ``tokens`` (3+ letters) spells the initials of ``words``, allowing a
    word to contribute its first two letters (``AMCIS`` for "Americas Conference on Information
    Systems")."""
    for token in tokens:
        if len(token) >= 3 and token.isalpha() and len(words) >= len(token) - 1 and _spells(token, words, 0):
            return True
    return False


def _spells(token: str, words: tuple[str, ...], start: int) -> bool:
    if not token:
        return True
    for i in range(start, min(len(words), start + 2)):
        word = words[i]
        if word[0] != token[0]:
            continue
        if _spells(token[1:], words, i + 1):
            return True
        if len(token) > 1 and len(word) > 1 and word[1] == token[1] and _spells(token[2:], words, i + 1):
            return True
    return False


# --- pages, volumes, years ---------------------------------------------------------------------------

_PAGE_RANGE = re.compile(r"^\s*([A-Za-z]*)(\d+)([A-Za-z]*)\s*(?:-+|–|—|to)\s*([A-Za-z]*)(\d+)([A-Za-z]*)\s*$")
_PAGE_ONE = re.compile(r"^\s*([A-Za-z]{0,3})(\d+)([A-Za-z]?)\b")


def norm_pages(pages: str | None) -> tuple[str, str] | None:
    """(first, last) pages with abbreviated ends expanded: ``1123-9`` → (``1123``, ``1129``).

    Prefixes such as ``S`` (supplement) or ``e`` (electronic) are kept on both ends; a lone page gives
    (page, page). Unparseable values (``Suppl``, ``May-12``) give None so they never veto a match.
    """
    if not pages:
        return None
    text = re.split(r"[;,]", str(pages).strip())[0].replace("--", "-").replace(" ", "")
    if re.fullmatch(r"\d+\s*pp?\.?", str(pages).strip()):  # "215 p": a thesis's page count, not a page
        return None
    if re.search(r"[A-Za-z]{3}", text):  # "01-Jun" (a date mangled by a spreadsheet), "Suppl"
        return None
    match = _PAGE_RANGE.match(text)
    if match:
        p1, first, s1, p2, last, s2 = match.groups()
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        first_page = f"{p1.lower()}{int(first)}{s1.lower()}"
        last_page = f"{(p2 or p1).lower()}{int(last)}{(s2 or s1).lower()}"
        return (first_page, last_page)
    match = _PAGE_ONE.match(text)
    if match and (len(text) == match.end() or not text[match.end() : match.end() + 1].isalpha()):
        p1, first, s1 = match.groups()
        page = f"{p1.lower()}{int(first)}{s1.lower()}"
        return (page, page)
    return None


def norm_volume(volume: str | None) -> str | None:
    """Digits (and a letter suffix) of a volume; ``(Jul)``, ``UNKNOWN`` and other noise give None."""
    if not volume:
        return None
    match = re.search(r"\d+[a-z]?", str(volume).lower())
    return match.group(0).lstrip("0") or "0" if match else None


#: Month names and their usual abbreviations (lower case) -> 1..12; issues, feeds and pages all write them.
MONTHS: dict[str, int] = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}


def norm_issue(issue: str | None) -> str | None:
    """Lower-case issue without leading zeros; a month name becomes its number, because magazines
    number issues by month and sources write either ``May`` or ``5``."""
    if not issue:
        return None
    text = str(issue).strip().lower().rstrip(".")
    if not text:
        return None
    if text in MONTHS:
        return str(MONTHS[text])
    if text.isdigit():
        return text.lstrip("0") or "0"
    return text


def year_of(date: str | int | None) -> int | None:
    """Four-digit year from an ISO (partial) date or a bare year."""
    if date is None:
        return None
    match = re.search(r"(1[6-9]|20|21)\d\d", str(date))
    return int(match.group(0)) if match else None
