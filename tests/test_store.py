from __future__ import annotations

import contextlib
import hashlib
import sqlite3

import pytest
from osteodigest.crawler.errors import StoreError
from osteodigest.crawler.models import Evidence, FetchResult, Record, TopicRelevance
from osteodigest.crawler.store import DeliveryStatus, Preferences, Store, SubscriberStatus
from osteodigest.crawler.store.database import Database
from osteodigest.crawler.store.migrations import MIGRATIONS, SHIPPED


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
    with contextlib.closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM migrations")]
    assert names == sorted(set(names)) and "0001_initial" in names


def test_upsert_is_idempotent_and_keeps_the_topics_a_record_was_found_for(store):
    first = rec("1", "Denosumab and fracture risk", doi="10.1359/jbmr.2004.19.1.12", topics=("osteoporosis",))
    summary = store.works.save([first])
    assert (summary.new_records, summary.new_works) == (1, 1)
    again = store.works.save([first])
    assert (again.new_records, again.new_works) == (0, 0)
    store.works.save(
        [rec("1", "Denosumab and fracture risk", doi="10.1359/jbmr.2004.19.1.12", topics=("osteonecrosis",))]
    )
    (work,) = list(store.works.iter_all())
    assert work.records[0].topics == ("osteoporosis", "osteonecrosis")
    assert work.topics == () and work.relevance == {}, "a search is no verdict: about nothing until assessed"
    assert store.counts()["records"] == 1


def test_same_doi_from_two_sources_is_one_work(store):
    store.works.save([rec("1", "Bone marrow edema syndrome of the hip", doi="10.1007/s00198-021-05811-2")])
    other = Record(
        source="crossref",
        source_id="10.1007/s00198-021-05811-2",
        title="Bone marrow edema syndrome of the hip",
        doi="10.1007/s00198-021-05811-2",
    )
    summary = store.works.save([other])
    assert summary.new_works == 0
    (work,) = list(store.works.iter_all())
    assert work.sources == ("crossref", "pubmed")


def test_watermark_advances_only_with_a_successful_fetch(store):
    ok = FetchResult(
        "pubmed", "osteoporosis", [rec("2", "A title about osteoporosis")], state={"until": "2026-01-02"}
    )
    store.save_fetch(ok)
    assert store.ops.get_state("pubmed", "osteoporosis") == {"until": "2026-01-02"}
    failed = FetchResult(
        "pubmed",
        "osteoporosis",
        [rec("3", "Another title on bone density")],
        error="efetch: HTTP 503",
        state={"until": "2026-02-01"},
    )
    store.save_fetch(failed)
    assert store.ops.get_state("pubmed", "osteoporosis") == {"until": "2026-01-02"}
    assert store.works.has_identifier("pmid", "3"), "records that did arrive are real and kept"


def test_failed_transaction_keeps_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.works.save([rec("9", "Will be rolled back")])
        raise RuntimeError("crash between fetch and commit")
    assert store.counts()["records"] == 0
    assert not store.works.has_identifier("pmid", "9")


def test_locked_database_is_a_clear_error(tmp_path):
    path = tmp_path / "l.sqlite3"
    holder = Store(path)
    holder.conn.execute("BEGIN IMMEDIATE")
    other = Store(path, timeout=0.1)
    with pytest.raises(StoreError, match="busy or unwritable"):
        other.works.save([rec("5", "x")])
    holder.conn.execute("ROLLBACK")
    holder.close()
    other.close()


def about(topic: str, score: float = 4.0) -> TopicRelevance:
    return TopicRelevance(topic, "about", score, f"{topic} — in the title")


def test_edition_takes_new_works_once(store):
    store.works.save([rec("7", "Teriparatide for osteonecrosis of the jaw")])
    store.works.set_relevance({1: {"osteonecrosis": about("osteonecrosis")}})

    def planner(new, changed):
        return [("all", [w.id for w in new])]

    def window(previous, now):
        return previous.period_end if previous else "2000-01-01"

    first = store.editions.create("weekly", "T", planner, window)
    second = store.editions.create("weekly", "T", planner, window)
    assert first is not None and second is not None
    assert len(store.editions.items(first)) == 1
    assert store.editions.items(second) == []
    assert store.editions.create("daily", "T", planner, window) and len(store.editions.items(first)) == 1
    assert store.editions.create("daily", "T", planner, lambda previous, now: None) is None, "not due"


def test_relevance_is_kept_with_the_work_and_only_about_works_are_edition_candidates(store):
    summary = store.works.save(
        [rec(str(n), title) for n, title in enumerate(("Osteoporosis in men", "Knee pain", "A cohort"), 1)]
    )
    one, two, three = sorted(summary.changed_work_ids)
    evidence = Evidence("title", "Osteoporosis", "osteoporosis", "counts", 4.0)
    store.works.set_relevance(
        {
            one: {
                "osteoporosis": TopicRelevance(
                    "osteoporosis", "about", 4.0, "Osteoporosis — in the title", (evidence,)
                ),
                "osteonecrosis": TopicRelevance("osteonecrosis", "none"),
                "atypical_femoral_fracture": about("atypical_femoral_fracture", 6.0),
            },
            two: {
                "osteoporosis": TopicRelevance(
                    "osteoporosis", "mentions", 1.0, "Osteoporosis — only in the results"
                )
            },
        }
    )
    first, second, third = store.works.get_many([one, two, three])
    assert first.topics == ("atypical_femoral_fracture", "osteoporosis"), "about only, weightiest first"
    assert first.relevance["osteoporosis"] == TopicRelevance(
        "osteoporosis", "about", 4.0, "Osteoporosis — in the title", (evidence,)
    )
    assert "osteonecrosis" not in first.relevance, "none is not kept"
    assert (
        first.reason("osteoporosis") == "Osteoporosis — in the title" and first.reason("osteonecrosis") == ""
    )
    assert second.topics == () and second.relevance["osteoporosis"].decision == "mentions"
    assert second.reason("osteoporosis") == "", "a mention is never a reason to show a work"
    assert third.relevance == {} and store.works.unassessed_ids() == [three]
    new, _ = store.works.edition_candidates(None, "2100-01-01")
    assert [w.id for w in new] == [one]


def test_a_work_assessed_late_is_new_to_the_next_edition_not_lost(store):
    """A work whose assessment failed is about nothing when the edition of its week is made; once
    assessed, the next edition takes it (first seen before that edition, first assessed after it)."""
    store.works.save([rec("1", "Osteonecrosis of the jaw"), rec("2", "Osteoporosis in men")])
    store.works.set_relevance({1: {"osteonecrosis": about("osteonecrosis")}})

    def planner(new, changed):
        return [("all", [w.id for w in new])]

    def window(previous, now):  # each edition starts where the previous one ended
        return previous.period_end if previous else "2000-01-01"

    first = store.editions.create("weekly", "T", planner, window)
    assert [w for w, _ in store.editions.items(first)] == [1]
    store.works.set_relevance({2: {"osteoporosis": about("osteoporosis")}})
    store.works.set_relevance({1: {"osteonecrosis": about("osteonecrosis", 5.0)}})  # reassessed: not new
    second = store.editions.create("weekly", "T", planner, window)
    assert [w for w, _ in store.editions.items(second)] == [2]
    assert store.editions.items(store.editions.create("weekly", "T", planner, window)) == []


#: sha256 (first 16 hex digits) of each migration that shipped before the store became a package.
SHIPPED_DIGESTS = {
    "0001_initial": "4db19ebad7668913",
    "0002_backfill_windows_and_alerts": "ab39148bf1d47cd8",
    "0003_subscribers_and_deliveries": "5d50fce09d65c7e7",
    "0004_runs_and_set_aside_records": "36f4e18e679b9bba",
}


def test_shipped_migrations_are_kept_word_for_word_and_first():
    """Stores in the field applied these under these names: their text may never change, and every
    owner's migration comes after them, each name once."""
    assert [name for name, _ in MIGRATIONS[: len(SHIPPED)]] == list(SHIPPED_DIGESTS)
    for name, sql in SHIPPED:
        assert hashlib.sha256(sql.encode()).hexdigest()[:16] == SHIPPED_DIGESTS[name], name
    names = [name for name, _ in MIGRATIONS]
    assert len(names) == len(set(names)) and names == sorted(names)


def test_a_store_of_the_previous_version_gains_the_new_indexes_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    Database(path, SHIPPED).close()  # what the last release left on disk
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO works (first_seen, updated_at, changed_at) VALUES ('2025', '2025', '2026')")
    with Store(path) as store:
        applied = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert applied == [name for name, _ in MIGRATIONS]
        assert {"works_changed", "works_untagged", "works_unassessed", "works_assessed_at"} <= indexes
        assert store.works.changed_ids("2025") == [1] and store.works.untagged_ids() == [1]
        assert store.works.unassessed_ids() == [1], "about nothing until the relevance stage has read it"


def test_an_owner_write_inside_a_transaction_is_a_savepoint(store):
    """A caller combining owners' writes in one transaction may catch one's failure: what that write
    did is undone, what the others did commits with the transaction."""
    reader = store.subscribers.upsert(
        "ann@example.org", Preferences(), status=SubscriberStatus.ACTIVE, resubscribe=False
    ).subscriber
    with store.transaction():
        store.ops.put_state("pubmed", "osteoporosis", {"until": "2026-01-02"})
        with pytest.raises(StoreError, match="FOREIGN KEY"):  # no edition 99: refused, nothing kept
            store.deliveries.insert_claim(99, reader.id, "<m@example.org>", "run", "2026-01-02")
    assert store.ops.get_state("pubmed", "osteoporosis") == {"until": "2026-01-02"}
    assert store.deliveries.counts() == {}
    with pytest.raises(RuntimeError), store.transaction():
        store.ops.put_state("pubmed", "osteoporosis", {"until": "2026-02-01"})
        raise RuntimeError("a crash before the commit")
    assert store.ops.get_state("pubmed", "osteoporosis") == {"until": "2026-01-02"}


def test_states_are_enums_stored_as_the_same_text(store):
    reader = store.subscribers.upsert(
        "ann@example.org", Preferences(), status=SubscriberStatus.ACTIVE, resubscribe=False
    ).subscriber
    edition_id = store.editions.create("weekly", "T", lambda new, changed: [], lambda p, n: "")
    store.deliveries.insert_claim(edition_id, reader.id, "<m@example.org>", "run", "2026-01-02")
    store.deliveries.record(edition_id, reader.id, "run", DeliveryStatus.SENT, "2026-01-02", sent_at="x")
    raw = store.conn.execute(
        "SELECT d.status, typeof(d.status), s.status FROM deliveries d"
        " JOIN subscribers s ON s.id = d.subscriber_id"
    ).fetchone()
    assert tuple(raw) == ("sent", "text", "active")
    delivery = store.deliveries.get(edition_id, reader.id)
    assert delivery is not None and delivery.status is DeliveryStatus.SENT and delivery.sent_at == "x"
    assert store.subscribers.get(reader.id).status is SubscriberStatus.ACTIVE
    # The values the schema documents (the shipped ones, and bouncing since 0007), and nothing else.
    assert set(DeliveryStatus) == {"claimed", "sent", "failed_temp", "failed_perm", "unknown", "skipped"}
    assert set(SubscriberStatus) == {"active", "pending", "unsubscribed", "bouncing"}
