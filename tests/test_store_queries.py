"""Every query the store runs uses an index on the tables that grow (``EXPLAIN QUERY PLAN``).

The statements are not listed by hand: a trace callback on the store's own connection records every
statement, parameters bound, that a run through every public method of every owner issues, and each
is then planned. The run must reach every method that runs SQL (a profile hook checks), so a new
query cannot slip past.
A full scan of a growing table fails the test, unless reading the whole table is the method's job
(:data:`WHOLE_TABLE_READS`, each with the reason).

A scan of ``works`` costs about 200 ms at a million works (``python benchmarks/store_queries.py``);
on the path of every fetch or edition that is what this test is here to prevent.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Iterator
from dataclasses import replace

import pytest
from osteodigest.crawler.models import FetchResult, Record, Relation, Tags, TopicRelevance
from osteodigest.crawler.store import (
    AlertKind,
    Bounce,
    BounceKind,
    DeliveryStatus,
    Preferences,
    Store,
    SubscriberStatus,
)
from osteodigest.crawler.store.editions import Editions
from osteodigest.crawler.store.headlines import Headlines
from osteodigest.crawler.store.ops import Operations
from osteodigest.crawler.store.subscribers import Deliveries, Subscribers
from osteodigest.crawler.store.works import Works

#: Tables that grow with every fetch, edition or reader: a full scan of one is a bug on any hot path.
#: Not here: ``alerts`` (a row per incident), ``backfill_windows`` (a row per window asked for),
#: ``source_state`` (a row per source and topic or feed) stay small whatever the store holds.
GROWING = {
    "works",
    "records",
    "work_keys",
    "work_links",
    "editions",
    "edition_items",
    "subscribers",
    "deliveries",
    "bounces",
    "fetch_log",
    "runs",
    "headlines",
}

#: Statements whose job is to read a whole table (matched on their start), and why.
WHOLE_TABLE_READS = {
    "SELECT id FROM works ORDER BY id": "every work: export, retag (reads them all anyway)",
    "SELECT id FROM works WHERE first_seen <= ": "the first edition of a frequency: every work so far",
    "SELECT * FROM subscribers ORDER BY id": "`subscribers list` without a status: every reader",
    "SELECT r.command, r.pid, r.host, r.started_at, r.finished_at, r.outcome FROM runs r": (
        "newest runs first, stopping at the limit (200 matches): bounded, whatever the table's size"
    ),
}

OWNERS = (Works, Editions, Subscribers, Deliveries, Operations, Headlines)

_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?$")
_NOT_PLANNED = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "CREATE", "ALTER")


def _rec(n: int, title: str, **kw) -> Record:
    return Record(source="pubmed", source_id=str(n), title=title, pmid=str(n), **kw)


def exercise(store: Store) -> None:
    """Call every public method of every owner (and of the store) the way the project does."""
    article = _rec(
        1,
        "Core decompression for osteonecrosis of the femoral head",
        doi="10.1/onfh.1",
        topics=("osteonecrosis",),
    )
    other = _rec(
        2, "Denosumab discontinuation and vertebral fractures", doi="10.1/dmab.2", topics=("osteoporosis",)
    )
    ok = FetchResult("pubmed", "osteonecrosis", [article, other], state={"until": "2026-01-02"})
    store.save_fetch(ok, started_at="2026-01-02T00:00:00+00:00")
    store.save_fetch(FetchResult("pubmed", "osteoporosis", [], error="efetch: HTTP 503"))
    works = store.works
    works.save([replace(article, topics=("osteoporosis",))])  # the same record again: an update
    erratum = _rec(
        3,
        "Erratum: Core decompression for osteonecrosis of the femoral head",
        kind="erratum",
        relations=(Relation("corrects", "pmid", "1"),),
    )
    works.save([erratum])
    unindexed = _rec(4, "Romosozumab after denosumab", extra={"medline_status": "Publisher"})
    works.save([unindexed])
    assert works.awaiting_indexing("pubmed", "2000-01-01", "2100-01-01", 10) == ["4"]
    works.mark_checked("pubmed", ["4"])
    assert works.count_awaiting_indexing("pubmed", "2000-01-01") == (1, 1)
    ids = works.ids()
    works.set_tags({ids[0]: Tags(study_type="cohort", evidence_level=3)})
    assert works.untagged_ids()
    assert works.get(ids[0]) is not None and works.get_many(ids)
    assert works.has_identifier("pmid", "1") and not works.has_identifier("doi", "10.9/none")
    works.set_relevance({ids[0]: {"osteonecrosis": TopicRelevance("osteonecrosis", "about", 4.0, "x")}})
    assert works.unassessed_ids()
    works.mark_unassessed([ids[-1]])
    works.new_ids("2000-01-01", "2100-01-01")
    works.new_ids(None, "2100-01-01")
    works.changed_ids("2000-01-01")
    works.edition_candidates("2000-01-01", "2100-01-01")
    assert list(works.iter_all())
    works.links_from(ids[-1])
    works.links_to(ids[0])
    assert works.count() and works.count_records()
    store.counts()

    editions = store.editions

    def window(previous, now):
        return previous.period_end if previous else "2000-01-01"

    first = editions.create("weekly", "Digest", lambda new, changed: [("all", [w.id for w in new])], window)
    assert first is not None
    editions.create("weekly", "Digest", lambda new, changed: [("changes", [w.id for w in changed])], window)
    assert editions.last("weekly") and editions.get(first) and editions.items(first)
    assert editions.since("weekly", "2000-01-01") and editions.listing(ids)
    assert editions.newest(limit=5) and editions.count() and editions.count_by_frequency()

    subscribers = store.subscribers
    reader = subscribers.upsert(
        "ann@example.org", Preferences(), status=SubscriberStatus.ACTIVE, resubscribe=False
    ).subscriber
    subscribers.upsert(
        "ann@example.org", Preferences(max_items=5), status=SubscriberStatus.ACTIVE, resubscribe=False
    )
    newcomer, _ = subscribers.add_if_new("bob@example.org", Preferences(), SubscriberStatus.PENDING)
    subscribers.activate(newcomer.id)
    assert subscribers.get(reader.id) and subscribers.find("ANN@example.org")
    assert subscribers.every() and subscribers.every(SubscriberStatus.ACTIVE) and subscribers.active("weekly")
    subscribers.active()
    subscribers.set_preferences(reader.id, Preferences(topics=("osteoporosis",)))

    deliveries = store.deliveries
    assert deliveries.due_subscriber_ids(first, "weekly", "2100-01-01", (DeliveryStatus.FAILED_TEMP,))
    deliveries.insert_claim(
        first, reader.id, "<m1@example.org>", "run-1", "2026-01-02T00:00:00", "2026-01-01"
    )
    deliveries.insert_claim(first, newcomer.id, "<m2@example.org>", "run-1", "2026-01-02T00:00:00")
    assert deliveries.get(first, reader.id) and deliveries.claimed()
    deliveries.record(first, reader.id, "run-1", DeliveryStatus.FAILED_TEMP, "2026-01-02", error="421")
    deliveries.reclaim(first, reader.id, 2, "run-2", "2026-01-03")
    deliveries.record(first, reader.id, "run-2", DeliveryStatus.SENT, "2026-01-03", sent_at="2026-01-03")
    deliveries.mark_claimed_unknown("2026-01-03", "interrupted")
    assert deliveries.counts() and deliveries.counts(first) and deliveries.settled_subscriber_ids(first)
    deliveries.retries_due("2100-01-01", (DeliveryStatus.FAILED_TEMP, DeliveryStatus.UNKNOWN))
    assert deliveries.received(reader.id, [first]) == {first} and deliveries.received(reader.id, []) == set()
    bounce = Bounce(
        reader.id, "2026-01-04T00:00:00", BounceKind.SMTP, True, "550 no such user", "delivery:1:1"
    )
    assert subscribers.add_bounce(bounce) and not subscribers.add_bounce(bounce)
    assert subscribers.bounce_days(reader.id, "2026-01-01") == 1 and subscribers.bounces(reader.id)
    assert subscribers.mark_bouncing(reader.id)
    assert subscribers.count_by_status()[SubscriberStatus.BOUNCING] == 1
    subscribers.unsubscribe(newcomer.id)
    subscribers.purge(newcomer.id)

    ops = store.ops
    ops.put_state("rss", "https://example.org/feed", {"etag": "x"})
    assert ops.get_state("pubmed", "osteonecrosis") and ops.watermarks("pubmed")
    ops.log_fetch(FetchResult("rss", "https://example.org/feed", []), 0, 0, "2026-01-03T00:00:00")
    assert ops.logged_sources() and ops.source_runs("pubmed") and ops.last_fetch_started("pubmed")
    run_id = ops.start_run("fetch", ["pubmed"])
    ops.finish_run(run_id, "ok")
    assert ops.recent_runs("pubmed", 200)
    assert ops.open_alert("pubmed", AlertKind.FAILURES, "pubmed failed 3 runs in a row", "2026-01-03")
    alerts = ops.open_alerts(unnotified=True)
    ops.mark_notified([a.id for a in alerts], "2026-01-03")
    assert ops.notified_since("pubmed", AlertKind.FAILURES, "2026-01-01")
    ops.close_alert(alerts[0].id, "2026-01-04")
    ops.open_alerts()
    ops.complete_window("pubmed", "2024-01-01", "2024-01-07", 12)
    assert ops.completed_windows("pubmed") and ops.backfill_totals("pubmed") == (1, 12)

    headlines = store.headlines
    headlines.save(ids[0], "llama", headline="Core decompression may help the hip", reply="x", reason=None)
    headlines.save(ids[1], "llama", headline=None, reply="y", reason="a number not in the abstract")
    assert headlines.accepted(ids, "llama") and headlines.answered(ids, "llama") == {ids[0], ids[1]}
    assert headlines.cached("llama") and headlines.cached()


def _methods_to_run() -> set:
    """Every public method of the owners and the store, and every method that runs SQL itself."""
    return {
        member.__code__
        for owner in (*OWNERS, Store)
        for name, member in vars(owner).items()
        if inspect.isfunction(member)
        and name != "__init__"
        and (not name.startswith("_") or ".execute" in inspect.getsource(member))
    }


@pytest.fixture
def traced(tmp_path) -> Iterator[tuple[Store, list[str], set]]:
    """The store after :func:`exercise`, every statement it ran, and the code of every function called."""
    statements: list[str] = []
    called: set = set()

    def profile(frame, event, arg):
        if event == "call":
            called.add(frame.f_code)

    with Store(tmp_path / "s.sqlite3") as store:
        store.conn.set_trace_callback(statements.append)
        sys.setprofile(profile)
        try:
            exercise(store)
        finally:
            sys.setprofile(None)
            store.conn.set_trace_callback(None)
        yield store, statements, called


def test_the_run_calls_every_method_that_runs_sql(traced):
    _, _, called = traced
    missing = sorted(code.co_qualname for code in _methods_to_run() - called)
    assert not missing, f"add a call of these to exercise() so their queries are planned: {missing}"


def test_no_query_scans_a_growing_table(traced):
    store, statements, _ = traced
    planned = {s.strip() for s in statements if not s.strip().upper().startswith(_NOT_PLANNED)}
    assert len(planned) > 40, "the trace should have caught every statement of the run"
    scans = {}
    for statement in sorted(planned):
        plan = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {statement}")]
        tables = [m[1] for detail in plan if (m := _SCAN.match(detail)) and m[1] in GROWING]
        if tables and not any(statement.startswith(allowed) for allowed in WHOLE_TABLE_READS):
            scans[statement] = plan
    assert not scans, "\n".join(f"{sql}\n  {plan}" for sql, plan in scans.items())


def test_the_changed_works_query_reads_its_index(traced):
    """The query that once scanned every work (193 ms at a million) finds the changed ones by index."""
    store, statements, _ = traced
    changed = next(s for s in statements if "changed_at >" in s)
    plan = " ".join(row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {changed}"))
    assert "USING COVERING INDEX works_changed" in plan, plan


def test_the_whole_table_reads_listed_are_still_run(traced):
    """An entry of the allow-list whose statement no longer exists would hide a future scan."""
    _, statements, _ = traced
    for allowed in WHOLE_TABLE_READS:
        assert any(s.startswith(allowed) for s in statements), allowed
