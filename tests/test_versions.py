"""Versions, not merges: a Cochrane review's 2020 update and its 2013 protocol stay two linked works.

The update reaches readers as new, labelled as an update; the readers who had the 2013 version are told
in "status changes"; ``osteodigest dedup`` keeps the two as two clusters. Real SQLite store, real SMTP.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime

from osteodigest.crawler.models import Record
from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber

from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import SimulatedTime, make_settings, topics

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
