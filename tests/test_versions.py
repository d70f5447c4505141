"""Versions, not merges: a Cochrane review's 2020 update and its 2013 protocol stay two linked works;
so do an erratum and its article (a preprint and its article: tests/test_preprint_versions.py).

The update reaches readers as new, labelled as an update; the readers who had the 2013 version are told
in "status changes"; ``osteodigest dedup`` keeps the two as two clusters. Real SQLite store, real SMTP.
"""

from __future__ import annotations

import contextlib
import csv
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.render import version_labels
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber

from tests.conftest import fixture_path
from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import SimulatedTime, make_settings, real_records, topics

TITLE = "Bisphosphonates for the prevention of osteonecrosis of the femoral head after hip fracture"
PROTOCOL = Record(
    source="pubmed",
    source_id="24000001",
    pmid="24000001",
    title=TITLE,
    abstract="Objectives: to assess bisphosphonates for preventing osteonecrosis of the femoral head.",
    authors=("Smith J", "Lee K"),
    journal="The Cochrane database of systematic reviews",
    published="2013-06-01",
    doi="10.1002/14651858.CD010458",
    topics=("osteonecrosis",),
)
UPDATE = Record(
    source="pubmed",
    source_id="32000002",
    pmid="32000002",
    title=TITLE,
    abstract="Main results: six trials; bisphosphonates may reduce osteonecrosis of the femoral head.",
    authors=("Smith J", "Lee K", "Chan P"),
    journal="The Cochrane database of systematic reviews",
    published="2020-03-05",
    doi="10.1002/14651858.CD010458.pub3",
    topics=("osteonecrosis",),
)


def test_a_review_update_is_a_new_linked_work_and_its_earlier_readers_are_told(tmp_path):
    clock = SimulatedTime(datetime(2026, 3, 2, 8, tzinfo=UTC))
    with SmtpServer() as smtp:
        settings = make_settings(tmp_path, smtp.port)
        with Store(settings.database_path, clock=clock) as store:
            add_subscriber(store, "early@example.org")
            store.works.save([PROTOCOL])
            assert send_editions(settings, store, topics()).sent == 1
            clock.advance(days=7)
            add_subscriber(store, "late@example.org")
            store.works.save([UPDATE])
            works = {w.primary.doi: w for w in store.works.iter_all()}
            assert len(works) == 2, "two works, not one merged"
            earlier, later = works[PROTOCOL.doi], works[UPDATE.doi]
            assert store.works.links_from(later.id) == [(earlier.id, "updates")]
            assert "updated" in earlier.flags
            report = send_editions(settings, store, topics())
            assert report.sent == 2, report

    def text_of(address: str) -> str:
        return smtp.sink.to(address)[-1].message.get_body(("plain",)).get_content()

    early, late = text_of("early@example.org"), text_of("late@example.org")
    new_part, _, changes = early.partition("STATUS CHANGES")
    assert "Updated Cochrane review; previous version 2013" in new_part
    assert "A new version of this review is out" in changes, "the 2013 version's reader is told"
    assert "Updated Cochrane review; previous version 2013" in late
    assert "STATUS CHANGES" not in late, "a reader who never had the 2013 version hears only of the update"


def test_dedup_keeps_the_protocol_and_its_update_as_two_clusters(tmp_path, capsys):
    source = tmp_path / "pair.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "title", "year", "author", "pages", "volume", "number", "journal", "doi"])
        for n, r in enumerate((PROTOCOL, UPDATE), start=1):
            writer.writerow(
                [f"r{n}", r.title, r.published[:4], " and ".join(r.authors), "", "", "", r.journal, r.doi]
            )
    out = tmp_path / "clusters.csv"
    assert main(["dedup", str(source), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        clusters = {row["id"]: row["cluster_id"] for row in csv.DictReader(handle)}
    assert clusters["r1"] != clusters["r2"]


def test_an_erratum_is_a_linked_work_and_only_the_articles_readers_are_told(tmp_path):
    """A real article and its erratum (declared, PubMed style): two works, the erratum ``corrects`` the
    article; the reader who had the article finds "Correction published" under status changes."""
    article = next(
        r
        for r in real_records(30)
        if r.kind == "article" and r.pmid and not r.relations and "retract" not in r.title.lower()
    )
    erratum = Record(
        source="pubmed",
        source_id="99999901",
        pmid="99999901",
        title=f"Erratum: {article.title}",
        kind="erratum",
        authors=article.authors,
        journal=article.journal,
        published="2026-03-09",
        publication_types=("Published Erratum",),
        relations=(Relation("corrects", "pmid", article.pmid or ""),),
        topics=article.topics,
    )
    clock = SimulatedTime(datetime(2026, 3, 2, 8, tzinfo=UTC))
    with SmtpServer() as smtp:
        settings = make_settings(tmp_path, smtp.port)
        with Store(settings.database_path, clock=clock) as store:
            add_subscriber(store, "early@example.org")
            store.works.save([article])
            assert send_editions(settings, store, topics()).sent == 1
            clock.advance(days=7)
            add_subscriber(store, "late@example.org")
            assert store.works.save([erratum]).new_works == 1, "the erratum is a work of its own"
            works = {w.primary.kind: w for w in store.works.iter_all()}
            assert store.works.links_from(works["erratum"].id) == [(works["article"].id, "corrects")]
            assert "corrected" in works["article"].flags
            send_editions(settings, store, topics())

    def texts(address: str) -> list[str]:
        return [m.message.get_body(("plain",)).get_content() for m in smtp.sink.to(address)]

    early = texts("early@example.org")
    assert len(early) == 2 and "Correction published" in early[-1].partition("STATUS CHANGES")[2]
    assert not any("Correction published" in text for text in texts("late@example.org"))


#: A real recorded Cochrane review update (``pubmed/pubtype_sample.xml``): CD001689.pub4 (2021), whose
#: record declares the version it updates, PMID 24519568 (CD001689.pub3), which no shared file holds.
COCHRANE_UPDATE = "33779986"
EARLIER_PMID, EARLIER_DOI = "24519568", "10.1002/14651858.CD001689.pub3"


def cochrane_versions() -> tuple[Record, Record]:
    """The real later version, and its earlier version derived from it by what a review's version
    changes and the record names: the PMID the update declares, the DOI's ``.pub`` number, the year
    (2014), and the declared link turned round."""
    data = fixture_path("pubmed", "pubtype_sample.xml").read_bytes()
    (later,) = [r for r in parse_medline(data) if r.source_id == COCHRANE_UPDATE]
    assert Relation("updates", "pmid", EARLIER_PMID) in later.relations
    assert later.doi == "10.1002/14651858.CD001689.pub4" and (later.published or "").startswith("2021")
    earlier = replace(
        later,
        source_id=EARLIER_PMID,
        pmid=EARLIER_PMID,
        doi=EARLIER_DOI,
        published="2014-02-11",
        relations=(Relation("updated_by", "pmid", COCHRANE_UPDATE),),
    )
    return earlier, later


@pytest.mark.parametrize("later_first", [False, True], ids=["earlier-first", "later-first"])
def test_a_review_update_is_labelled_whichever_version_was_stored_first(tmp_path, later_first):
    """The version link is stored from whichever record came second (``updates`` or ``updated_by``); the
    later version's label, and the earlier version's ``updated`` flag, are the same either way."""
    earlier, later = cochrane_versions()
    with Store(tmp_path / "store.sqlite3") as store:
        for record in (later, earlier) if later_first else (earlier, later):
            assert store.works.save([record]).new_works == 1, "two works, not one merged"
        works = {w.primary.source_id: w for w in store.works.iter_all()}
        labels = version_labels(store, {w.id: w for w in works.values()})
        assert labels == {works[COCHRANE_UPDATE].id: "Updated Cochrane review; previous version 2014"}
        assert "updated" in works[EARLIER_PMID].flags


def test_migration_0013_turns_a_stored_updated_by_link_into_the_later_versions_updates_link(tmp_path):
    """A store from before 0013 kept the link from whichever version came second; an earlier version
    stored after the later one had written ``updated_by``. After the migration every version link runs
    later -> earlier, and the later version's label follows."""
    earlier, later = cochrane_versions()
    path = tmp_path / "old.sqlite3"
    with Store(path) as store:
        for record in (later, earlier):
            store.works.save([record])
        ids = {w.primary.source_id: w.id for w in store.works.iter_all()}
    old, new = ids[EARLIER_PMID], ids[COCHRANE_UPDATE]
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:  # the row as a store before 0013 wrote it
        conn.execute("UPDATE work_links SET from_work = ?, to_work = ?, type = 'updated_by'", (old, new))
        conn.execute("DELETE FROM migrations WHERE name >= '0013'")
    with Store(path) as store:
        assert store.works.links_from(new) == [(old, "updates")] and store.works.links_from(old) == []
        labels = version_labels(store, {w.id: w for w in store.works.iter_all()})
        assert labels == {new: "Updated Cochrane review; previous version 2014"}
