"""ClinicalTrials.gov API v2 ``/studies``: trials registered or updated in the window, per topic condition.

A registered trial is not an article, so it becomes a Record of kind ``trial`` keyed on its NCT id,
with what a reader of a digest wants to see at a glance (status, phase, enrolment, conditions,
interventions, sponsor, first posted / last updated) in ``extra``. The window is on
``LastUpdatePostDate`` so a trial that starts recruiting or posts results shows up again as updated.
Paging follows ``nextPageToken`` until a page comes without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from osteodigest.crawler.errors import ParseError, SourceError
from osteodigest.crawler.http import request_checked
from osteodigest.crawler.models import FetchResult, Record, SetAside
from osteodigest.crawler.sources.base import FetchContext, Window, collect, stream_topic_queries
from osteodigest.crawler.sources.guard import guard_items
from osteodigest.crawler.sources.jsonapi import JSON_HEADERS, decode_json, expect_object

_STATUS = {
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "NOT_YET_RECRUITING": "Not yet recruiting",
}
_PHASES = {"EARLY_PHASE1": "Early Phase 1", "NA": "Not applicable"}


@dataclass
class StudiesPage:
    records: list[Record]
    size: int
    next_token: str | None
    total: int | None = None
    warnings: list[str] = field(default_factory=list)
    #: Studies that could not be read, kept raw (see crawler.sources.guard).
    set_aside: list[SetAside] = field(default_factory=list)


def parse_studies(data: bytes, source: str = "clinicaltrials") -> StudiesPage:
    """A ``/studies`` list reply (or one ``/studies/{nctId}`` document) as trial Records."""
    reply = expect_object(decode_json(data, "ClinicalTrials.gov studies"), "ClinicalTrials.gov studies", data)
    if "protocolSection" in reply:
        studies: Any = [reply]
    else:
        studies = reply.get("studies")
        if not isinstance(studies, list):
            raise ParseError("ClinicalTrials.gov reply has no 'studies' list", raw=data)
    records, set_aside = guard_items(studies, lambda study: parse_study(study, source), _study_name, source)
    total = reply.get("totalCount")
    return StudiesPage(
        records=records,
        size=len(studies),
        next_token=reply.get("nextPageToken") or None,
        total=total if isinstance(total, int) else None,
        set_aside=set_aside,
    )


def _study_name(study: Any) -> str:
    ident = ((study.get("protocolSection") or {}).get("identificationModule") or {}).get("nctId")
    return f"ClinicalTrials.gov study {ident or '?'}"


def readable_status(value: str | None) -> str | None:
    """``ACTIVE_NOT_RECRUITING`` -> "Active, not recruiting", as the registry's own pages write it."""
    if not value:
        return None
    return _STATUS.get(value) or value.replace("_", " ").capitalize()


def readable_phase(phases: list[str]) -> str | None:
    """``["PHASE2", "PHASE3"]`` -> "Phase 2/Phase 3"; ``["NA"]`` -> "Not applicable"."""
    names = [_PHASES.get(p) or p.replace("PHASE", "Phase ").strip() for p in phases if p]
    return "/".join(names) or None


def parse_study(study: dict[str, Any], source: str = "clinicaltrials") -> Record | None:
    """One study document (whole or a ``fields=`` subset); None without an NCT id."""
    protocol = study.get("protocolSection") or {}
    ident = protocol.get("identificationModule") or {}
    nct_id = ident.get("nctId")
    if not nct_id:
        return None
    status = protocol.get("statusModule") or {}
    design = protocol.get("designModule") or {}
    conditions_module = protocol.get("conditionsModule") or {}
    sponsor = ((protocol.get("sponsorCollaboratorsModule") or {}).get("leadSponsor") or {}).get("name")
    enrollment = design.get("enrollmentInfo") or {}
    interventions = [
        i["name"]
        for i in (protocol.get("armsInterventionsModule") or {}).get("interventions") or []
        if isinstance(i, dict) and i.get("name")
    ]
    first_posted = (status.get("studyFirstPostDateStruct") or {}).get("date")
    last_update = (status.get("lastUpdatePostDateStruct") or {}).get("date")
    conditions = list(conditions_module.get("conditions") or [])
    extra: dict[str, Any] = {
        "nct_id": nct_id,
        "status": readable_status(status.get("overallStatus")),
        "phase": readable_phase(design.get("phases") or []),
        "enrollment": enrollment.get("count"),
        "conditions": conditions,
        "interventions": interventions,
        "sponsor": sponsor,
        "last_update": last_update,
        "first_posted": first_posted,
    }
    optional = {
        "study_type": design.get("studyType"),
        "enrollment_type": enrollment.get("type"),
        "official_title": ident.get("officialTitle"),
        "acronym": ident.get("acronym"),
        "start_date": (status.get("startDateStruct") or {}).get("date"),
        "completion_date": (status.get("completionDateStruct") or {}).get("date"),
        "has_results": study.get("hasResults"),
    }
    extra.update({k: v for k, v in optional.items() if v not in (None, "")})
    return Record(
        source=source,
        source_id=nct_id,
        title=" ".join(str(ident.get("briefTitle") or ident.get("officialTitle") or nct_id).split()),
        kind="trial",
        abstract=" ".join(str((protocol.get("descriptionModule") or {}).get("briefSummary") or "").split()),
        published=first_posted,
        entered=last_update,
        publication_types=("Clinical Trial Registration",),
        keywords=tuple(conditions_module.get("keywords") or ()),
        url=f"https://clinicaltrials.gov/study/{nct_id}",
        extra=extra,
    )


class StudiesClient:
    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        base = ctx.base_root
        self.url = urljoin(base, "studies")
        ctx.session.set_rate(base, float(ctx.config["rate_limit"]))
        self.page_size = int(ctx.config["page_size"])  # 1 to 1000, checked when the config loads
        self.requests = 0

    def pages(self, condition: str, window: Window) -> Iterator[StudiesPage]:
        """Every page of studies for ``condition`` last updated on or after the window's start."""
        params = {
            "format": "json",
            "query.cond": condition,
            "filter.advanced": f"AREA[LastUpdatePostDate]RANGE[{window.start.isoformat()},MAX]",
            "pageSize": str(self.page_size),
        }
        fields = ",".join(f.strip() for f in self.ctx.config["fields"].split(",") if f.strip())
        if fields:
            params["fields"] = fields
        seen_tokens: set[str] = set()
        while True:
            self.requests += 1
            response = request_checked(self.ctx.session, "GET", self.url, params=params, headers=JSON_HEADERS)
            page = parse_studies(response.content, self.ctx.name)
            yield page
            if not page.next_token or not page.size:
                return
            if page.next_token in seen_tokens:
                raise SourceError(f"the registry repeated page token {page.next_token[:16]}… (paging loop)")
            seen_tokens.add(page.next_token)
            params["pageToken"] = page.next_token


def fetch(ctx: FetchContext) -> list[FetchResult]:
    return collect(stream(ctx))


def stream(ctx: FetchContext) -> Iterator[FetchResult]:
    """Each page's records as they arrive, then each topic's last result (see ``stream_topic_queries``)."""
    return stream_topic_queries(ctx, StudiesClient(ctx), "studies")
