"""Stores for the newsletter and send tests: real PubMed records, or small works with chosen tags.

Real records come from the shared fixture ``pubmed/bone_topic_subset.xml`` (skipped when absent). Where a
test needs to know exactly which study type or evidence level an item has (preference filtering), the
works are built here and their tags set explicitly, so those tests do not move when the tagger improves.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from osteodigest.crawler.models import Record, Tags, TopicRelevance
from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.run import tag_works
from osteodigest.crawler.settings import Settings, settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import Topic, load_topics, main_topics

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


@functools.cache
def stage() -> RelevanceStage:
    """The relevance stage over the shipped topics, as ``osteodigest run`` builds it."""
    return RelevanceStage(load_topics())


def real_records(limit: int | None = None, *, every: bool = False) -> list[Record]:
    """The shared PubMed fixture, normalized, as ``osteodigest run`` would store it (found by PubMed's
    osteoporosis search: a candidate, not a verdict).

    Without ``every``, only the records the relevance stage finds *about* a topic (the first ``limit`` of
    them): the works that reach an edition. With ``every``, all 262 records, as the web fixtures store them.
    """
    data = fixture_path("pubmed", "bone_topic_subset.xml").read_bytes()
    records = []
    for record in parse_medline(data):
        record = replace(normalize_record(record), topics=("osteoporosis",))
        if every or any(d.is_about for d in stage().assess(record).values()):
            records.append(record)
        if limit is not None and len(records) >= limit:
            break
    return records


def store_real(settings: Settings, limit: int | None = None, *, every: bool = False) -> list[int]:
    """Store and assess real records as a fetch does (tags and relevance; store chosen tags after);
    the work ids."""
    with Store(settings.database_path) as store:
        store.works.save(real_records(limit, every=every))
        ids = store.works.ids()
        assert not tag_works(store, ids, stage())
        return ids


def decide_relevance(settings: Settings, work_ids: list[int]) -> None:
    """Replace chosen relevance decisions by the relevance stage's own, as a fetch stores them."""
    with Store(settings.database_path) as store:
        store.works.set_relevance({w.id: stage().assess(w.records) for w in store.works.get_many(work_ids)})


def about(*names: str) -> dict[str, TopicRelevance]:
    """Chosen relevance decisions: the work is about ``names`` (the first the most)."""
    return {
        name: TopicRelevance(name, "about", 10.0 - n, f"{name.replace('_', ' ').capitalize()} — in the title")
        for n, name in enumerate(names)
    }


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


class SimulatedTime:
    """A wall clock for the store (``Store(path, clock=...)``) that moves only when the test moves it, so
    weeks of editions pass without waiting for them."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def store_works(
    settings: Settings, specs: list[tuple[Record, Tags]], clock: SimulatedTime | None = None
) -> list[int]:
    """Store each record as its own work with the given tags, about the topics its record names (chosen
    decisions, so these tests do not move when the relevance stage improves); returns work ids in order."""
    ids = []
    with Store(settings.database_path, **({"clock": clock} if clock else {})) as store:
        for rec, tags in specs:
            store.works.save([rec])
            work_id = store.conn.execute(
                "SELECT work_id FROM records WHERE source = ? AND source_id = ?", (rec.source, rec.source_id)
            ).fetchone()[0]
            store.works.set_tags({work_id: tags})
            store.works.set_relevance({work_id: about(*rec.topics)})
            ids.append(work_id)
    return ids


def tags(study_type: str | None, level: int | None, **kw: Any) -> Tags:
    return Tags(study_type=study_type, evidence_level=level, **kw)
