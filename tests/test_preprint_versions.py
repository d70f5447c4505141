"""Versions, not merges: a preprint and its journal article are two linked works (``published_as``).

Real recorded replies through local servers: Crossref's list in which the journal article declares its
preprint (``relation.has-preprint``), and medRxiv's details records with their ``published`` DOI. Each
pair is found both ways: by the declared relation, and by dedup matching (same title and authors, one a
preprint server's record). The readers are real subscribers of a real store mailed over real SMTP: a
reader of the preprint gets the article once, labelled "Published in <journal>; preprint <year>", and is
told under status changes; a reader who never had the preprint gets the article with that label only;
the preprint never reaches an edition once its article is stored.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.sources import biorxiv, crossref
from osteodigest.crawler.store import PUBLISHED_AS, Store
from osteodigest.crawler.store.database import Database
from osteodigest.crawler.store.migrations import MIGRATIONS
from osteodigest.crawler.topics import load_topics, main_topics
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber

from tests.conftest import fixture_path
from tests.emulators.jsonapi import JsonReplay, dumps, recorded_headers, source_context
from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import SimulatedTime, make_settings
from tests.test_sources_biorxiv import DetailsServer, preprints

ECOLOGY = "habanero_works_list_query_ecology_author_boettiger.json"
#: The real pair in that reply: the journal article declares the preprint.
ARTICLE_DOI, PREPRINT_DOI = "10.1002/ece3.2314", "10.1101/014852"
#: A real medRxiv record whose ``published`` DOI names its journal version.
MEDRXIV_DOI, GAIT_DOI = "10.1101/19000265", "10.1016/j.gaitpost.2019.10.029"

#: Topics the recorded works are about (the shipped bone topics match none of them); every query is
#: required of a main topic, though only the local matcher and the relevance stage read them here.
TOPICS_TOML = """
[topics.ecology]
label = "Ecology"
pubmed_query = "dispersal"
europepmc_query = "dispersal"
crossref_query = "dispersal range expansion"
clinicaltrials_condition = "dispersal"
terms = ["dispersal", "range expansion"]

[topics.movement]
label = "Movement"
pubmed_query = "Parkinson disease"
europepmc_query = "Parkinson disease"
crossref_query = "Parkinson disease"
clinicaltrials_condition = "Parkinson disease"
terms = ["Parkinson disease", "multiple sclerosis"]
"""


def settings_with_topics(tmp_path: Path, smtp_port: int) -> Settings:
    path = tmp_path / "topics.toml"
    path.write_text(TOPICS_TOML, encoding="utf-8")
    return make_settings(tmp_path, smtp_port, general={"topics_file": str(path)})


def crossref_reply(keep: str) -> bytes:
    """The recorded Crossref list with only the work of DOI ``keep`` (as a later search would find it)."""
    data = json.loads(fixture_path("crossref", ECOLOGY).read_bytes())
    data["message"]["items"] = [i for i in data["message"]["items"] if i["DOI"].lower() == keep]
    assert data["message"]["items"], keep
    return dumps(data)


def fetch_crossref(httpserver, keep: str, topics) -> list[Record]:
    """One Crossref fetch over a local server replaying the recorded reply."""
    headers = recorded_headers(fixture_path("crossref", ECOLOGY + ".meta.json"))
    service = JsonReplay(httpserver, "/crossref/", lambda request: crossref_reply(keep), "works", headers)
    ctx = source_context(
        "crossref", service.base_url, rows=20, topics=[t for t in topics if t.name == "ecology"]
    )
    (result,) = crossref.fetch(ctx)
    httpserver.clear()
    assert result.ok, result.error
    return result.records


def fetch_medrxiv(httpserver, topics, *, published: str | None = None) -> list[Record]:
    """One medRxiv details fetch over a local server replaying the recorded records (``published``
    replaces what the record says of its journal version, as the server said before the journal had it)."""
    items = preprints("medrxiv")
    if published is not None:
        items = [{**i, "published": published} for i in items]
    details = DetailsServer(httpserver, {"medrxiv": items})
    ctx = source_context("biorxiv", details.service.base_url, topics=topics, servers=["medrxiv"])
    (result,) = biorxiv.fetch(ctx)
    httpserver.clear()
    assert result.ok, result.error
    return [r for r in result.records if r.doi == MEDRXIV_DOI]


def text_of(smtp: SmtpServer, address: str) -> str:
    return smtp.sink.to(address)[-1].message.get_body(("plain",)).get_content()


def work_of(store: Store, doi: str) -> int:
    row = store.conn.execute("SELECT work_id FROM records WHERE doi = ?", (doi,)).fetchone()
    assert row is not None, f"{doi} was not stored"
    return int(row[0])


def test_the_journal_article_reaches_every_reader_once_labelled_and_the_preprints_readers_are_told(
    tmp_path, httpserver
):
    clock = SimulatedTime(datetime(2026, 3, 2, 8, tzinfo=UTC))
    with SmtpServer() as smtp:
        settings = settings_with_topics(tmp_path, smtp.port)
        topics = main_topics(load_topics(settings.resolve(settings.data["general"]["topics_file"])))
        with Store(settings.database_path, clock=clock) as store:
            add_subscriber(store, "early@example.org")
            store.works.save(fetch_crossref(httpserver, PREPRINT_DOI, topics))
            assert send_editions(settings, store, topics).sent == 1
            assert PREPRINT_DOI in text_of(smtp, "early@example.org")
            clock.advance(days=7)
            add_subscriber(store, "late@example.org")
            article = fetch_crossref(httpserver, ARTICLE_DOI, topics)
            assert article[0].relations[0].type == "has_preprint", "Crossref's declared relation"
            assert store.works.save(article).new_works == 1, "two works, not one merged"
            pre_work, article_work = work_of(store, PREPRINT_DOI), work_of(store, ARTICLE_DOI)
            assert store.works.links_from(pre_work) == [(article_work, PUBLISHED_AS)]
            assert "published" in store.works.get(pre_work).flags
            assert send_editions(settings, store, topics).sent == 2
            early, late = text_of(smtp, "early@example.org"), text_of(smtp, "late@example.org")
            clock.advance(days=7)
            assert send_editions(settings, store, topics).sent == 0, "neither version is news again"

    label = "Published in Ecology and Evolution; preprint 2015"
    new_part, _, changes = early.partition("STATUS CHANGES")
    assert label in new_part and ARTICLE_DOI in new_part and PREPRINT_DOI not in new_part
    assert "Now published in a journal" in changes and PREPRINT_DOI in changes, (
        "the preprint's reader is told"
    )
    assert label in late and late.count(ARTICLE_DOI) == early.count(ARTICLE_DOI)
    assert "STATUS CHANGES" not in late and PREPRINT_DOI not in late, (
        "never had the preprint: the article only"
    )


def test_a_preprint_stored_after_its_article_never_reaches_an_edition(tmp_path, httpserver):
    """medRxiv declares the journal version (``published``); the article, as PubMed would have it, was
    stored and mailed the week before."""
    clock = SimulatedTime(datetime(2026, 3, 2, 8, tzinfo=UTC))
    with SmtpServer() as smtp:
        settings = settings_with_topics(tmp_path, smtp.port)
        topics = main_topics(load_topics(settings.resolve(settings.data["general"]["topics_file"])))
        with Store(settings.database_path, clock=clock) as store:
            add_subscriber(store, "reader@example.org")
            (preprint,) = fetch_medrxiv(httpserver, topics)
            article = journal_version(preprint)
            store.works.save([article])
            assert send_editions(settings, store, topics).sent == 1
            clock.advance(days=7)
            add_subscriber(store, "newcomer@example.org")
            (preprint,) = fetch_medrxiv(httpserver, topics)
            assert store.works.save([preprint]).new_works == 1
            pre_work, article_work = work_of(store, MEDRXIV_DOI), work_of(store, GAIT_DOI)
            assert store.works.links_from(pre_work) == [(article_work, PUBLISHED_AS)]
            report = send_editions(settings, store, topics)
            assert report.sent == 0, "the preprint is news to nobody once its article is stored"
    assert len(smtp.sink.to("reader@example.org")) == 1 and not smtp.sink.to("newcomer@example.org")


def journal_version(preprint: Record, **changes: object) -> Record:
    """The preprint's journal article as PubMed would list it: its DOI, a journal, published later,
    no declared relation (PubMed records carry none)."""
    return replace(
        preprint,
        source="pubmed",
        source_id="31756595",
        pmid="31756595",
        kind="article",
        doi=GAIT_DOI,
        journal="Gait & posture",
        published="2019-11-16",
        publication_types=("Journal Article",),
        url=None,
        relations=(),
        extra={},
        **changes,
    )


def test_dedup_matching_links_an_undeclared_pair(tmp_path):
    """Neither side declares the other (medRxiv had no journal version yet; PubMed says nothing): the same
    title and authors, one a preprint server's record, link them."""
    item = next(i for i in preprints("medrxiv") if i["doi"] == MEDRXIV_DOI)
    preprint = biorxiv.parse_preprint({**item, "published": "NA"}, "medrxiv")
    assert preprint is not None and not preprint.relations
    with Store(tmp_path / "store.sqlite3") as store:
        store.works.save([preprint])
        assert store.works.save([journal_version(preprint)]).new_works == 1
        pre_work, article_work = work_of(store, MEDRXIV_DOI), work_of(store, GAIT_DOI)
        assert store.works.links_from(pre_work) == [(article_work, PUBLISHED_AS)]
        assert store.works.links_to(article_work) == [(pre_work, PUBLISHED_AS)]


def test_a_preprint_fetched_again_with_its_published_doi_is_linked_then(tmp_path, httpserver):
    """The journal retitled the article, so matching cannot pair them; when medRxiv later fills in the
    ``published`` DOI of the stored preprint, the declared relation links the two works."""
    clock = SimulatedTime(datetime(2026, 3, 2, 8, tzinfo=UTC))
    with SmtpServer() as smtp:
        settings = settings_with_topics(tmp_path, smtp.port)
        topics = main_topics(load_topics(settings.resolve(settings.data["general"]["topics_file"])))
        with Store(settings.database_path, clock=clock) as store:
            add_subscriber(store, "reader@example.org")
            (before,) = fetch_medrxiv(httpserver, topics, published="NA")
            store.works.save([before])
            assert send_editions(settings, store, topics).sent == 1
            clock.advance(days=1)
            retitled = journal_version(before, title="Whole-body motion perception in Parkinson disease")
            store.works.save([retitled])
            pre_work, article_work = work_of(store, MEDRXIV_DOI), work_of(store, GAIT_DOI)
            assert store.works.links_from(pre_work) == [], "too different to match"
            (after,) = fetch_medrxiv(httpserver, topics)
            assert store.works.save([after]).new_records == 0
            assert store.works.links_from(pre_work) == [(article_work, PUBLISHED_AS)]
            clock.advance(days=7)
            assert send_editions(settings, store, topics).sent == 1
    text = text_of(smtp, "reader@example.org")
    new_part, _, changes = text.partition("STATUS CHANGES")
    assert "Published in Gait & posture; preprint 2019" in new_part
    assert "Now published in a journal" in changes


def test_migration_0012_splits_a_preprint_from_the_article_an_earlier_version_joined(tmp_path):
    """A store that applied every migration before 0012, holding one work that joined a preprint and its
    article (flagged ``published``, as earlier versions stored them), and a plain article's work."""
    item = next(i for i in preprints("medrxiv") if i["doi"] == MEDRXIV_DOI)
    preprint = biorxiv.parse_preprint(item, "medrxiv")
    assert preprint is not None
    article = journal_version(preprint)
    path = tmp_path / "old.sqlite3"
    before = [m for m in MIGRATIONS if m[0] < "0012"]
    stamp = "2026-01-05T08:00:00.000000+00:00"
    with contextlib.closing(Database(path, before)) as db, db.transaction():
        conn = db.conn
        conn.execute(
            "INSERT INTO works (id, first_seen, updated_at, changed_at, flags, topics, tags, relevance,"
            " assessed_at) VALUES (1, ?, ?, ?, ?, '[\"movement\"]', '{}', '{}', ?)",
            (stamp, stamp, stamp, json.dumps(["corrected", "published"]), stamp),
        )
        conn.execute("INSERT INTO works (id, first_seen, updated_at) VALUES (2, ?, ?)", (stamp, stamp))
        for n, (work, record) in enumerate(
            ((1, preprint), (1, article), (2, replace(article, doi="10.9/x")))
        ):
            conn.execute(
                "INSERT INTO records (source, source_id, work_id, kind, doi, data, fetched_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.source,
                    f"{record.source_id}-{n}",
                    work,
                    record.kind,
                    record.doi,
                    json.dumps(record.to_dict()),
                    stamp,
                    stamp,
                ),
            )
        conn.execute("INSERT INTO work_keys VALUES ('t:key', 1)")
    with Store(path) as store:
        pre_work = work_of(store, MEDRXIV_DOI)
        assert pre_work not in (1, 2) and work_of(store, GAIT_DOI) == 1, "the article keeps the work's id"
        assert store.works.links_from(pre_work) == [(1, PUBLISHED_AS)]
        assert store.works.get(1).flags == ("corrected",) and store.works.get(pre_work).flags == (
            "published",
        )
        assert store.works.get(pre_work).first_seen == stamp and store.works.get(pre_work).topics == (
            "movement",
        )
        assert pre_work in store.works.untagged_ids() and 1 not in store.works.untagged_ids(), "tagged afresh"
        assert store.works.links_from(2) == [] and store.works.count() == 3
        keyed = store.conn.execute("SELECT work_id FROM work_keys WHERE key = 't:key' ORDER BY work_id")
        assert [row[0] for row in keyed] == [1, pre_work], "the preprint's work keeps its keys"
        assert pre_work not in store.works.new_ids(None, "2100-01-01")


@pytest.mark.parametrize("order", ["preprint first", "article first"])
def test_either_order_gives_the_same_two_linked_works(tmp_path, order):
    """The recorded Crossref pair saved in both orders: the link always runs preprint → article."""
    records = {r.doi: r for r in crossref.parse_works(fixture_path("crossref", ECOLOGY).read_bytes()).records}
    pair = [records[PREPRINT_DOI], records[ARTICLE_DOI]]
    with Store(tmp_path / "store.sqlite3") as store:
        for record in pair if order == "preprint first" else pair[::-1]:
            store.works.save([record])
        pre_work, article_work = work_of(store, PREPRINT_DOI), work_of(store, ARTICLE_DOI)
        assert pre_work != article_work
        assert store.works.links_from(pre_work) == [(article_work, PUBLISHED_AS)]
        assert store.works.links_from(article_work) == []
        assert store.works.get(pre_work).flags == ("published",) and store.works.get(article_work).flags == ()
