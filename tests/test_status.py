"""`osteodigest status` and the maintainers' alert: flags, one email per incident, the whole picture."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from osteodigest.crawler.models import FetchResult
from osteodigest.crawler.settings import settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.status import collect_status, monitor, status_to_dict
from osteodigest.crawler.store import Store

from tests.clocks import main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import about
from tests.ops_helpers import write_config

DEAD = "http://127.0.0.1:9/eutils/"  # the discard port: nothing listens, connections are refused at once


def alerts_in(outbox):
    return sorted(outbox.glob("alert-*.eml")) if outbox.exists() else []


def test_n_failures_in_a_row_flag_the_source_and_send_one_email_per_incident(httpserver, tmp_path, capsys):
    monitor_cfg = '[monitor]\nalert_email = "ops@example.org"\nmax_consecutive_failures = 2\n'
    dead = write_config(tmp_path, DEAD, monitor_cfg, http="[http]\nretries = 0\n")
    outbox = tmp_path / "outbox"

    assert main(["--config", str(dead), "fetch"]) == 1
    assert alerts_in(outbox) == [], "one failure is not yet an incident"
    assert main(["--config", str(dead), "fetch"]) == 1
    assert main(["--config", str(dead), "fetch"]) == 1
    (alert,) = alerts_in(outbox)
    message = message_from_bytes(alert.read_bytes(), policy=default_policy)
    assert message["To"] == "ops@example.org" and "pubmed" in message["Subject"]
    body = message.get_content()
    assert "pubmed failed 2 runs in a row" in body and "cannot connect to 127.0.0.1:9" in body
    capsys.readouterr()

    assert main(["--config", str(dead), "status"]) == 1, "a flagged source makes status exit 1"
    text = capsys.readouterr().out
    assert "failures in a row 3" in text and "FLAG pubmed failed 3 runs in a row" in text
    assert "cannot connect to 127.0.0.1:9" in text

    emulator = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    healthy = write_config(tmp_path, emulator.install(httpserver), monitor_cfg)
    assert main(["--config", str(healthy), "fetch"]) == 0
    assert main(["--config", str(healthy), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["ok"] and status["open_alerts"] == []
    assert "cannot connect" in status["sources"]["pubmed"]["last_error"], "the last error stays shown"

    dead = write_config(tmp_path, DEAD, monitor_cfg, http="[http]\nretries = 0\n")
    for _ in range(3):
        main(["--config", str(dead), "fetch"])
    assert len(alerts_in(outbox)) == 2, "a new incident after recovery: one more email"


def productive_history(store: Store, records, starts: list[datetime], empty: list[datetime]) -> None:
    """Runs through the real store: the given starts each bring new real records, the others nothing."""
    batches = iter([records[i : i + 3] for i in range(0, 3 * len(starts), 3)])
    for start in sorted(starts + empty):
        batch = next(batches) if start in starts else []
        result = FetchResult("pubmed", "osteoporosis", list(batch), state={"until": start.date().isoformat()})
        store.save_fetch(result, started_at=start.isoformat())


@pytest.fixture
def real_records():
    return list(parse_medline(fixture_path("pubmed", "bone_topic_subset.xml").read_bytes()))


def test_a_source_silent_for_longer_than_ever_is_flagged_once(tmp_path, real_records):
    settings = settings_from_dict({"monitor": {"alert_email": "ops@example.org"}}, base_dir=tmp_path)
    day0 = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
    productive = [day0 + timedelta(days=d) for d in range(6)]  # new records daily: longest gap 24 h
    sent: list[tuple[str, str]] = []
    with Store(tmp_path / "s.sqlite3") as store:
        productive_history(
            store, real_records, productive, [day0 + timedelta(days=5, hours=h) for h in (6, 12)]
        )
        status = collect_status(settings, store)
        (pubmed,) = status.sources
        assert pubmed.longest_quiet_hours == 24.0 and pubmed.flags == [], "12 h of nothing is normal here"

        productive_history(store, [], [], [day0 + timedelta(days=6, hours=h) for h in (6, 12)])
        status = collect_status(settings, store)
        (flag,) = status.flags
        assert flag.kind == "quiet" and "returned nothing for 36.0 hours" in flag.message
        assert monitor(settings, store, lambda subject, body: sent.append((subject, body))).notified == 1
        productive_history(store, [], [], [day0 + timedelta(days=6, hours=18)])
        monitor(settings, store, lambda subject, body: sent.append((subject, body)))
        assert len(sent) == 1, "one email per incident, not per run"
        assert "longer than ever before" in sent[0][1]

        productive_history(store, real_records[30:], [day0 + timedelta(days=7)], [])
        result = monitor(settings, store, lambda subject, body: sent.append((subject, body)))
        assert result.closed == [("pubmed", "quiet")] and len(sent) == 1


def test_an_unsendable_alert_is_kept_and_sent_later(tmp_path, real_records):
    settings = settings_from_dict(
        {"monitor": {"alert_email": "ops@example.org", "max_consecutive_failures": 1}}, base_dir=tmp_path
    )
    sent = []

    def down(subject, body):
        raise OSError("SMTP server unreachable")

    with Store(tmp_path / "s.sqlite3") as store:
        store.save_fetch(FetchResult("pubmed", "osteoporosis", error="HTTP 503 Service Unavailable"))
        assert monitor(settings, store, down).notified == 0
        store.save_fetch(FetchResult("pubmed", "osteoporosis", error="HTTP 503 Service Unavailable"))
        assert monitor(settings, store, lambda s, b: sent.append(b)).notified == 1
        assert monitor(settings, store, lambda s, b: sent.append(b)).notified == 0
    assert len(sent) == 1 and "HTTP 503" in sent[0]


def test_status_reports_editions_deliveries_watermark_and_store_size(tmp_path, real_records):
    settings = settings_from_dict({}, base_dir=tmp_path)
    with Store(tmp_path / "s.sqlite3") as store:
        store.save_fetch(
            FetchResult("pubmed", "osteoporosis", real_records[:10], state={"until": "2026-11-20"}),
        )
        store.works.set_relevance({work_id: about("osteoporosis") for work_id in store.works.ids()})
        edition = store.editions.create(
            "weekly", "OsteoDigest", lambda new, changed: [("new", [w.id for w in new])], lambda p, n: ""
        )
        now = datetime.now(UTC).isoformat()
        for n, state in enumerate(["sent", "sent", "claimed", "failed_temp", "unknown", "failed_perm"]):
            store.conn.execute(
                "INSERT INTO subscribers (email, email_key, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (f"r{n}@example.org", f"r{n}@example.org", now, now),
            )
            store.conn.execute(
                "INSERT INTO deliveries (edition_id, subscriber_id, status, updated_at) VALUES (?, ?, ?, ?)",
                (edition, n + 1, state, now),
            )
        data = status_to_dict(collect_status(settings, store))
    assert data["deliveries"] == {"sent": 2, "pending": 3, "failed": 1, "skipped": 0}
    assert data["editions"]["count"] == 1 and data["editions"]["last"]["items"] == 10
    assert data["sources"]["pubmed"]["watermark"] == {"osteoporosis": {"date": "2026-11-20"}}
    assert data["sources"]["pubmed"]["recent_records"] == [10]
    assert data["store"]["works"] == 10 and data["store"]["bytes"] > 0


def test_alerts_leave_by_smtp_when_configured_and_a_refused_one_is_retried(tmp_path):
    with SmtpServer(lambda attempt, envelope: "451 4.3.0 try later" if attempt == 0 else None) as server:
        extra = (
            '[monitor]\nalert_email = "ops@example.org"\nmax_consecutive_failures = 1\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\n'
        )
        config = write_config(tmp_path, DEAD, extra, http="[http]\nretries = 0\n")
        assert main(["--config", str(config), "fetch"]) == 1
        assert server.sink.received == [], "refused with 451: not sent yet"
        assert main(["--config", str(config), "fetch"]) == 1
        assert main(["--config", str(config), "fetch"]) == 1
    (alert,) = server.sink.received
    assert alert.rcpt_tos == ["ops@example.org"] and "pubmed" in alert.message["Subject"]
    assert not alerts_in(tmp_path / "outbox"), "SMTP configured: nothing in the outbox"
