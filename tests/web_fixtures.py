"""A real store for the web tests: the shared PubMed fixture parsed, topic-matched, stored, tagged, and
published as an edition the way ``osteodigest run`` does it (minus the network)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from osteodigest.crawler import tagging
from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.run import load_topics_for
from osteodigest.crawler.settings import Settings, settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import TopicMatcher
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
    """Every record of ``bone_topic_subset.xml`` (or the first ``limit``) in one edition."""
    settings = make_settings(tmp_path, **web)
    topics = load_topics_for(settings)
    matcher = TopicMatcher(topics)
    records = []
    for record in parse_medline(fixture_path("pubmed", "bone_topic_subset.xml")):
        found = matcher.topics_for(record.title, record.abstract) or ("osteoporosis",)
        records.append(normalize_record(replace(record, topics=found)))
        if limit is not None and len(records) >= limit:
            break
    with Store(settings.database_path) as store:
        summary = store.works.save(records)
        works = store.works.get_many(sorted(summary.changed_work_ids))
        store.works.set_tags({w.id: tagging.tag_records(w.records) for w in works})
        edition_id = make_edition(settings, store, topics)
        work_ids = [wid for wid, _ in store.editions.items(edition_id)]
    return WebStore(settings=settings, edition_id=edition_id, work_ids=work_ids)
