"""Every item reaches each matching reader exactly once, whatever order the commands run in.

Five simulated weeks on an injected clock: each day runs ``run``, ``digest``, ``send``, ``run``, ``send``
in one of the 30 distinct orders of those five commands (every order once), with a daily, a weekly and a
monthly reader. ``run`` fetches from the E-utilities emulator, whose real PubMed records are given entry
dates spread over the weeks so that each day brings new ones; ``send`` delivers over a real SMTP server.
At the end every reader's messages are read back: each work matching their preferences must appear in
exactly one of them (status changes, which repeat an item on purpose, are not counted).
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from osteodigest.crawler.models import NOTICE_KINDS
from osteodigest.crawler.run import run_fetch
from osteodigest.crawler.store import Store
from osteodigest.newsletter.edition import publish_due
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber, make_preferences

from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import SimulatedTime, make_settings, real_records, topics

#: A Monday: the weeks and the month turn over while the test runs (March into April 2026).
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
DAYS = 35
RECORDS_PER_DAY = 3
COMMANDS = ("run", "digest", "send", "run", "send")
ORDERS = sorted(set(itertools.permutations(COMMANDS)))
_PMID = re.compile(r"https://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/")


@pytest.fixture
def world(tmp_path, httpserver):
    records = real_records(DAYS * RECORDS_PER_DAY)
    emulator = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"), by_entry_date=True)
    pmids = [r.pmid for r in records]
    # Each query returns the records the local matcher files under its topic ("ONFH" and "osteopenia"
    # appear in one topic's PubMed query each); their Entrez dates spread them over the weeks.
    emulator.topic_ids = {
        "ONFH": [r.pmid for r in records if "osteonecrosis" in r.topics],
        "osteopenia": [r.pmid for r in records if "osteoporosis" in r.topics],
    }
    emulator.articles = {p: emulator.articles[p] for p in pmids}
    emulator.entry_dates = {
        p: (START + timedelta(days=n // RECORDS_PER_DAY)).date() for n, p in enumerate(pmids)
    }
    base = emulator.install(httpserver)
    with SmtpServer() as smtp:
        settings = make_settings(
            tmp_path,
            smtp.port,
            sources={"pubmed": {"base_url": base, "rate_limit": 1000.0, "lookback_days": 2}},
            http={"backoff_factor": 0.01},
        )
        yield settings, smtp, set(pmids)


def test_every_item_reaches_each_matching_reader_once_in_every_order_of_the_commands(world):
    settings, smtp, pmids = world
    clock = SimulatedTime(START - timedelta(hours=1))
    with Store(settings.database_path, clock=clock) as store:
        readers = {
            "daily@example.org": make_preferences(frequency="daily", max_items=200),
            "weekly@example.org": make_preferences(frequency="weekly", topics="osteonecrosis", max_items=200),
            "monthly@example.org": make_preferences(frequency="monthly", min_evidence=2, max_items=200),
        }
        for address, prefs in readers.items():
            add_subscriber(store, address, prefs)

        def command(name: str) -> None:
            if name == "run":  # what `osteodigest run` calls: fetch, then the editions that are due
                run_fetch(settings, store, today=clock.now.date())
                publish_due(settings, store, topics())
            elif name == "digest":
                publish_due(settings, store, topics())
            else:
                send_editions(settings, store, topics())

        for day in range(DAYS):
            for step, name in enumerate(ORDERS[day % len(ORDERS)]):
                clock.now = START + timedelta(days=day, hours=2 * step)
                command(name)
        # On a Monday in the next month every frequency has a due edition: the last items go out, once.
        clock.now = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)
        command("send")
        command("send")
        works = list(store.works.iter_all())

    assert {w.pmid for w in works} == pmids, "every record was fetched on its day"
    research = [w for w in works if w.primary.kind not in NOTICE_KINDS]
    expected = {
        "daily@example.org": {w.pmid for w in research},
        "weekly@example.org": {w.pmid for w in research if "osteonecrosis" in w.topics},
        "monthly@example.org": {
            w.pmid
            for w in research
            if (w.tags.evidence_level or 9) <= 2 or w.tags.study_type in ("guideline", "trial_registration")
        },
    }
    assert all(expected.values()) and expected["weekly@example.org"] != expected["daily@example.org"]
    for address in readers:
        received: list[str] = []
        for message in smtp.sink.to(address):
            text = message.message.get_body(("plain",)).get_content()
            assert "ALSO NEW" not in text and "more in the full edition" not in text, "every item in full"
            received += _PMID.findall(text.split("STATUS CHANGES")[0])
        assert sorted(received) == sorted(expected[address]), address
        assert len(received) == len(set(received)), f"{address} got an item twice"
