"""A real store for the web tests: the shared PubMed fixture parsed, stored, assessed (tags and
relevance), and published as an edition the way ``osteodigest run`` does it (minus the network)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.run import load_topics_for, relevance_stage_for, tag_works
from osteodigest.crawler.settings import Settings, settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.newsletter.edition import make_edition

from tests.conftest import fixture_path


@dataclass
class WebStore:
    settings: Settings
    edition_id: int
    work_ids: list[int]


def make_settings(tmp_path: Path, **web: object) -> Settings:
    return settings_from_dict(
        {
            "general": {"database": "store.sqlite3", "outbox": "outbox", "data_dir": "data"},
            "web": {"base_url": "https://digest.example.org", **web},
        },
        base_dir=tmp_path,
    )


def build_store(tmp_path: Path, limit: int | None = None, **web: object) -> WebStore:
    """Every record of ``bone_topic_subset.xml`` (or the first ``limit``) stored, and those about a topic
    in one edition."""
    settings = make_settings(tmp_path, **web)
    topics = load_topics_for(settings)
    records = []
    for record in parse_medline(fixture_path("pubmed", "bone_topic_subset.xml")):
        records.append(normalize_record(replace(record, topics=("osteoporosis",))))
        if limit is not None and len(records) >= limit:
            break
    with Store(settings.database_path) as store:
        summary = store.works.save(records)
        assert not tag_works(store, summary.changed_work_ids, relevance_stage_for(settings))
        edition_id = make_edition(settings, store, topics)
        work_ids = [wid for wid, _ in store.editions.items(edition_id)]
    return WebStore(settings=settings, edition_id=edition_id, work_ids=work_ids)
