"""Stores for the newsletter and send tests: real PubMed records, or small works with chosen tags.

Real records come from the shared fixture ``pubmed/bone_topic_subset.xml`` (skipped when absent). Where a
test needs to know exactly which study type or evidence level an item has (preference filtering), the
works are built here and their tags set explicitly, so those tests do not move when the tagger improves.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from osteodigest.crawler import tagging
from osteodigest.crawler.models import Record, Tags
from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.settings import Settings, settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import Topic, TopicMatcher, load_topics, main_topics

from tests.conftest import fixture_path

BASE_URL = "https://digest.example.org"


def make_settings(tmp_path: Path, smtp_port: int | None = None, **sections: dict[str, Any]) -> Settings:
    raw: dict[str, Any] = {
        "general": {"database": "store.sqlite3", "outbox": "outbox", "data_dir": "data"},
        "web": {"base_url": BASE_URL},
        "smtp": {"from": "OsteoDigest <digest@osteodigest.example.org>"},
    }
    if smtp_port is not None:
        raw["smtp"].update({"host": "127.0.0.1", "port": smtp_port, "security": "none", "timeout": 10.0})
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    return settings_from_dict(raw, base_dir=tmp_path)


def topics() -> list[Topic]:
    return main_topics(load_topics())  # as load_topics_for gives them


def real_records(limit: int | None = None, *, every: bool = False) -> list[Record]:
    """The shared PubMed fixture, normalized and topic-matched as ``osteodigest run`` would store it.

    ``every``: all 262 records, those the local matcher places under no topic filed under osteoporosis
    (PubMed's own topic query found them), as the web fixtures store them.
    """
    data = fixture_path("pubmed", "bone_topic_subset.xml").read_bytes()
    matcher = TopicMatcher(topics())
    records = []
    for record in parse_medline(data):
        record = normalize_record(record)
        found = matcher.topics_for(record.title, record.abstract) or (("osteoporosis",) if every else ())
        if found:
            records.append(replace(record, topics=found))
        if limit is not None and len(records) >= limit:
            break
    return records


def store_real(settings: Settings, limit: int | None = None, *, every: bool = False) -> list[int]:
    """Store and tag real records (every stored work is tagged: store chosen tags after); the work ids."""
    with Store(settings.database_path) as store:
        store.works.save(real_records(limit, every=every))
        works = list(store.works.iter_all())
        store.works.set_tags({w.id: tagging.tag_records(w.records) for w in works})
        return [w.id for w in works]


def record(n: int, title: str, *, topic: str = "osteonecrosis", **fields: Any) -> Record:
    base: dict[str, Any] = {
        "source": "pubmed",
        "source_id": str(900000 + n),
        "pmid": str(900000 + n),
        "doi": f"10.5555/test.{n}",
        "title": title,
        "journal": "Journal of Bone Tests",
        "published": f"2026-10-{(n % 27) + 1:02d}",
        "abstract": f"Background text {n}. In conclusion, finding number {n} was observed in bone.",
        "topics": (topic,),
    }
    base.update(fields)
    return Record(**base)


def store_works(settings: Settings, specs: list[tuple[Record, Tags]]) -> list[int]:
    """Store each record as its own work with the given tags; returns work ids in order."""
    ids = []
    with Store(settings.database_path) as store:
        for rec, tags in specs:
            store.works.save([rec])
            work_id = store.conn.execute(
                "SELECT work_id FROM records WHERE source = ? AND source_id = ?", (rec.source, rec.source_id)
            ).fetchone()[0]
            store.works.set_tags({work_id: tags})
            ids.append(work_id)
    return ids


def tags(study_type: str | None, level: int | None, **kw: Any) -> Tags:
    return Tags(study_type=study_type, evidence_level=level, **kw)
