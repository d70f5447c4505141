"""A first edition covers one period, not the whole store; ``preview`` records nothing; ``send`` says what it
did in words. Real SQLite files, the real command in process, messages written to the outbox."""

from __future__ import annotations

from datetime import UTC, datetime

from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.edition import publish_due
from osteodigest.newsletter.subscribers import add_subscriber, make_preferences

from tests.newsletter_data import BASE_URL, SimulatedTime, make_settings, record, store_works, tags, topics

CONFIG = f"""
[general]
database = "store.sqlite3"
outbox = "outbox"
data_dir = "data"
[web]
base_url = "{BASE_URL}"
[smtp]
from = "OsteoDigest <digest@osteodigest.example.org>"
"""


def test_a_first_edition_covers_one_period_of_its_frequency_never_the_whole_store(tmp_path):
    settings = make_settings(tmp_path)
    clock = SimulatedTime(datetime(2026, 1, 5, 9, tzinfo=UTC))
    old = store_works(settings, [(record(1, "Osteonecrosis from January"), tags("cohort", 3))], clock)
    clock.now = datetime(2026, 3, 20, 9, tzinfo=UTC)
    month = store_works(settings, [(record(2, "Osteonecrosis from March"), tags("cohort", 3))], clock)
    clock.now = datetime(2026, 3, 28, 9, tzinfo=UTC)
    week = store_works(settings, [(record(3, "Osteonecrosis this week"), tags("cohort", 3))], clock)
    clock.now = datetime(2026, 3, 30, 9, tzinfo=UTC)
    with Store(settings.database_path, clock=clock) as store:
        made = {
            r.frequency: r.edition_id for r in publish_due(settings, store, topics(), ["weekly", "monthly"])
        }
        held = {f: sorted(w for w, _ in store.editions.items(e)) for f, e in made.items()}
    assert held == {"weekly": week, "monthly": sorted(month + week)}
    assert not set(old) & set(held["monthly"]), "January's work is older than a month: in no first edition"


def test_preview_writes_the_next_edition_and_a_readers_message_and_records_nothing(tmp_path, capsys):
    config = tmp_path / "osteodigest.toml"
    config.write_text(CONFIG)
    settings = make_settings(tmp_path)
    store_works(
        settings,
        [
            (record(1, "Osteonecrosis cohort"), tags("cohort", 3)),
            (record(2, "Osteonecrosis trial"), tags("rct", 2)),
        ],
    )
    with Store(settings.database_path) as store:
        add_subscriber(store, "ann@example.org", make_preferences(min_evidence=2))
    before = (tmp_path / "store.sqlite3").stat().st_mtime_ns

    assert main(["--config", str(config), "preview"]) == 0
    out = capsys.readouterr().out
    assert "the next weekly edition as it stands" in out and "2 items" in out, out
    page = (tmp_path / "outbox" / "preview-weekly.html").read_text()
    assert "Osteonecrosis cohort" in page and "Osteonecrosis trial" in page

    assert main(["--config", str(config), "preview", "--subscriber", "ANN@example.org"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ann@example.org: the next weekly edition as it stands: 1 item"), out
    (eml,) = (tmp_path / "outbox").glob("preview-subscriber-*.eml")
    message = eml.read_text()
    assert "Osteonecrosis trial" in message and "Osteonecrosis cohort" not in message, "her filter applies"

    with Store(settings.database_path) as store:
        assert store.counts()["editions"] == 0 and store.deliveries.counts() == {}
    assert (tmp_path / "store.sqlite3").stat().st_mtime_ns == before, "the store file was not written"
    assert main(["--config", str(config), "preview", "--subscriber", "nobody@example.org"]) == 2
    assert "no subscriber nobody@example.org" in capsys.readouterr().err


def test_send_says_in_words_what_it_did(tmp_path, capsys):
    config = tmp_path / "osteodigest.toml"
    config.write_text(CONFIG)
    settings = make_settings(tmp_path)
    store_works(settings, [(record(1, "Osteonecrosis cohort"), tags("cohort", 3))])
    with Store(settings.database_path) as store:
        add_subscriber(store, "ann@example.org")
        add_subscriber(store, "bob@example.org", make_preferences(min_evidence=1))
        add_subscriber(store, "cy@example.org", make_preferences(min_evidence=1))
    assert main(["--config", str(config), "send"]) == 0
    out = capsys.readouterr().out
    assert "1 message sent, 2 readers had nothing new" in out and "dry run" not in out, out
    assert main(["--config", str(config), "send"]) == 0
    assert "nothing to send" in capsys.readouterr().out
