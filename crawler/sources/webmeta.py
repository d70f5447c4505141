"""Identifiers, names and dates as journal feeds and article pages write them.

Feeds and pages are written for people, not for harvesters: a DOI hides in a link's path
(``/doi/full/10.1080/…``), a PII in a ScienceDirect URL, a PMID in a PubMed guid; authors come as
"Brandão S, Saeedi H", "Leinaas, J. M." or "Rachel M. Binks"; dates as RFC 822, ISO, "2018/10/22" or
"February 2022". The RSS and scraping sources share these readers so both produce the same canonical
forms the rest of the pipeline compares.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from osteodigest.crawler.dedup.normalize import MONTHS, norm_doi
from osteodigest.crawler.textutil import names_from_semicolon_list, one_line

_DOI_IN_PATH = re.compile(r"(?:^|/)(10\.\d{4,9}/.+)$")
#: Path segments publishers append after a DOI (views of the same article, not part of the DOI).
_VIEW_SUFFIX = re.compile(
    r"/(?:full|abstract|abs|pdf|epdf|pdfdirect|fulltext|meta|html|summary|references|figures|suppl)/?$",
    re.IGNORECASE,
)
_PII_PATH = re.compile(r"/pii/(S?[0-9X]{15,17})\b", re.IGNORECASE)
_PII_FORMATTED = re.compile(r"/(S\d{4}-\d{3}[\dX]\(\d{2}\)\d{5}-[\dX])", re.IGNORECASE)
_PUBMED = re.compile(r"(?:^pubmed:|pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})\b")
#: Query parameters that only say where a click came from; dropping them makes links stable ids.
_TRACKING = frozenset({"dgcid", "af", "rss", "track", "rft_dat"})


def doi_from_url(url: str | None) -> str | None:
    """The DOI a link points at: a doi.org URL, or a ``10.NNNN/…`` tail of the path (never the query)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    if parts.netloc.lower().endswith("doi.org"):
        candidate = path.lstrip("/")
    else:
        match = _DOI_IN_PATH.search(path)
        if not match:
            return None
        candidate = match.group(1)
    candidate = _VIEW_SUFFIX.sub("", candidate.rstrip("/"))
    return norm_doi(candidate)


def doi_from_text(value: str | None) -> str | None:
    """A DOI written as ``10.…``, ``doi:10.…`` or a doi.org URL; None for anything else."""
    if not value:
        return None
    value = value.strip()
    if value.lower().startswith(("http://", "https://")):
        return doi_from_url(value)
    if not re.match(r"(?i)^(?:doi:\s*|info:doi/)?10\.\d{4,9}/", value):
        return None
    return norm_doi(value.split()[0] if value.lower().startswith("10.") else value)


def pii_from_url(url: str | None) -> str | None:
    """Elsevier's PII from ``/pii/S1055790321002906`` or ``/article/S0022-3476(18)31119-3/…``."""
    if not url:
        return None
    match = _PII_PATH.search(url) or _PII_FORMATTED.search(url)
    return re.sub(r"[^0-9A-Za-z]", "", match.group(1)).upper() if match else None


def pmid_from(value: str | None) -> str | None:
    """The PMID of a ``pubmed:123`` guid or a PubMed link."""
    if not value:
        return None
    match = _PUBMED.search(value.strip())
    return match.group(1) if match else None


def clean_url(url: str | None) -> str | None:
    """The link without campaign/tracking parameters (``utm_*``, ``dgcid``, ``af=R``), fragment dropped.

    Feeds add such parameters per poll (PubMed changes ``ff=`` every week), so only a cleaned link can
    serve as a stable source id.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_")
        and key.lower() not in _TRACKING
        and not (parts.netloc.endswith("pubmed.ncbi.nlm.nih.gov") and key in ("ff", "fc", "v"))
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


_PUBMED_STYLE = re.compile(r"^(?P<surname>.+?)\s+(?P<initials>[A-Z]{1,4})\.?$")


def person_names(names: list[str]) -> tuple[str, ...]:
    """'Surname Initials' for each name, whichever of the usual ways it was written.

    One string holding several people ("Brandão S, Saeedi H, Brandt A." or "Rachel M. Binks, Margaret
    Heslewood") is split at commas when each piece is itself a name; "Inoda, Toshio" stays one person.
    """
    out: list[str] = []
    for raw in names:
        raw = one_line(raw or "").strip(" ,;")
        if not raw:
            continue
        if "," in raw:  # "Moritz K. Jansson, Silvio Hering and Michael E. J. Buhl"
            raw = re.sub(r",?\s+(?:and|&)\s+", ", ", raw)
        pieces = [p.strip(" .") for p in re.split(r"\s*[;,]\s*", raw) if p.strip(" .")]
        if len(pieces) > 1 and all(" " in p for p in pieces):
            candidates = pieces
        elif ";" in raw:
            candidates = [p.strip() for p in raw.split(";") if p.strip()]
        else:
            candidates = [raw]
        for name in candidates:
            name = name.strip(" .")
            pubmed = _PUBMED_STYLE.match(name)
            if pubmed and "," not in name and not pubmed["surname"].isupper():
                out.append(f"{pubmed['surname']} {pubmed['initials']}")
            else:
                out.extend(names_from_semicolon_list(name))
    return tuple(dict.fromkeys(out))


_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T\s].*)?$")
_WORDY = re.compile(r"(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(?:(\d{1,2}),?\s+)?(\d{4})")


def iso_date(value: str | None) -> str | None:
    """``2021``, ``2021-03`` or ``2021-03-05`` from ISO, slashed, RFC 822 or worded dates; else None."""
    if not value or not value.strip():
        return None
    text = value.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
        return _join(int(year), int(month) if month else None, int(day) if day else None)
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    match = _WORDY.search(text)
    if match and match.group(2).lower() in MONTHS:
        day = match.group(1) or match.group(3)
        return _join(int(match.group(4)), MONTHS[match.group(2).lower()], int(day) if day else None)
    return None


def _join(year: int, month: int | None, day: int | None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if not month or not 1 <= month <= 12:
        return f"{year:04d}"
    if not day or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
