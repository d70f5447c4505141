from __future__ import annotations

import sqlite3

import pytest
from osteodigest.crawler.errors import StoreError
from osteodigest.crawler.models import FetchResult, Record
from osteodigest.crawler.store import Store


def rec(source_id: str, title: str, **kw) -> Record:
    return Record(source="pubmed", source_id=source_id, title=title, pmid=source_id, **kw)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.sqlite3") as s:
        yield s


def test_migrations_are_named_and_run_once(tmp_path):
    path = tmp_path / "m.sqlite3"
    Store(path).close()
    Store(path).close()
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations")]
    assert names == sorted(set(names)) and "0001_initial" in names


def test_upsert_is_idempotent_and_keeps_topics(store):
    first = rec("1", "Denosumab and fracture risk", doi="10.1359/jbmr.2004.19.1.12", topics=("osteoporosis",))
    summary = store.save_records([first])
    assert (summary.new_records, summary.new_works) == (1, 1)
    again = store.save_records([first])
    assert (again.new_records, again.new_works) == (0, 0)
    store.save_records(
        [rec("1", "Denosumab and fracture risk", doi="10.1359/jbmr.2004.19.1.12", topics=("osteonecrosis",))]
    )
    (work,) = list(store.iter_works())
    assert set(work.topics) == {"osteoporosis", "osteonecrosis"}
    assert store.counts()["records"] == 1


def test_same_doi_from_two_sources_is_one_work(store):
    store.save_records([rec("1", "Bone marrow edema syndrome of the hip", doi="10.1007/s00198-021-05811-2")])
    other = Record(
        source="crossref",
        source_id="10.1007/s00198-021-05811-2",
        title="Bone marrow edema syndrome of the hip",
        doi="10.1007/s00198-021-05811-2",
    )
    summary = store.save_records([other])
    assert summary.new_works == 0
    (work,) = list(store.iter_works())
    assert work.sources == ("crossref", "pubmed")


def test_watermark_advances_only_with_a_successful_fetch(store):
    ok = FetchResult(
        "pubmed", "osteoporosis", [rec("2", "A title about osteoporosis")], state={"until": "2026-01-02"}
    )
    store.save_fetch(ok)
    assert store.get_state("pubmed", "osteoporosis") == {"until": "2026-01-02"}
    failed = FetchResult(
        "pubmed",
        "osteoporosis",
        [rec("3", "Another title on bone density")],
        error="efetch: HTTP 503",
        state={"until": "2026-02-01"},
    )
    store.save_fetch(failed)
    assert store.get_state("pubmed", "osteoporosis") == {"until": "2026-01-02"}
    assert store.has_identifier("pmid", "3"), "records that did arrive are real and kept"


def test_failed_transaction_keeps_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store._save_records([rec("9", "Will be rolled back")])
        raise RuntimeError("crash between fetch and commit")
    assert store.counts()["records"] == 0
    assert not store.has_identifier("pmid", "9")


def test_locked_database_is_a_clear_error(tmp_path):
    path = tmp_path / "l.sqlite3"
    holder = Store(path)
    holder.conn.execute("BEGIN IMMEDIATE")
    other = Store(path, timeout=0.1)
    with pytest.raises(StoreError, match="busy or unwritable"):
        other.save_records([rec("5", "x")])
    holder.conn.execute("ROLLBACK")
    holder.close()
    other.close()


def test_edition_takes_new_works_once(store):
    store.save_records([rec("7", "Teriparatide for osteonecrosis of the jaw")])

    def planner(new, changed):
        return [("all", [w.id for w in new])]

    first = store.create_edition("weekly", "T", planner)
    second = store.create_edition("weekly", "T", planner)
    assert len(store.edition_items(first)) == 1
    assert store.edition_items(second) == []
    assert store.create_edition("daily", "T", planner) and len(store.edition_items(first)) == 1
