"""`osteodigest send` against a real SMTP server on 127.0.0.1: structure, filtering, faults, exactly once."""

from __future__ import annotations

import logging
import re
import threading
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from lxml import html as lxml_html
from osteodigest.crawler.errors import ConfigError, LockedError
from osteodigest.crawler.store import Store
from osteodigest.newsletter.deliveries import Ledger
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber, make_preferences, unsubscribe
from osteodigest.newsletter.tokens import read_token

from tests.conftest import refused_port
from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import BASE_URL, make_settings, record, store_real, store_works, tags, topics

LATER = timedelta(hours=2)


def send(settings, **kw):
    with Store(settings.database_path) as store:
        return send_editions(settings, store, topics(), **kw)


def add(settings, address, **prefs):
    with Store(settings.database_path) as store:
        return add_subscriber(store, address, make_preferences(**prefs) if prefs else None).subscriber


def rows(settings):
    with Store(settings.database_path) as store:
        return [dict(r) for r in store.conn.execute("SELECT * FROM deliveries ORDER BY subscriber_id")]


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


def test_one_message_per_reader_with_the_headers_and_parts_mail_clients_need(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    store_real(settings, limit=60)
    readers = [add(settings, f"reader{i}@example.org") for i in range(3)]
    report = send(settings)
    assert report.exit_status == 0 and report.sent == 3
    assert smtp.sink.by_recipient() == {r.email: 1 for r in readers}
    assert smtp.sink.connections == 1, "one SMTP connection is reused for the whole run"
    recorded = {r["subscriber_id"]: r for r in rows(settings)}
    for reader in readers:
        (received,) = smtp.sink.to(reader.email)
        message = received.message
        assert received.mail_from == "digest@osteodigest.example.org"
        assert message["To"] == reader.email
        assert message["Message-ID"] == recorded[reader.id]["message_id"]
        assert recorded[reader.id]["status"] == "sent"
        assert parsedate_to_datetime(message["Date"]).tzinfo is not None
        assert message.get_content_type() == "multipart/alternative"
        parts = list(message.iter_parts())
        assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
        text, html = parts[0].get_content(), parts[1].get_content()
        match = re.fullmatch(
            r"<(https://digest\.example\.org/unsubscribe/([\w.-]+))>", message["List-Unsubscribe"]
        )
        assert match, f"no mailbox is read, so no mailto: {message['List-Unsubscribe']}"
        url, token = match.groups()
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert read_token(settings, token, "unsubscribe") == reader.id
        assert url in text and f'href="{url}"' in html, "the same unsubscribe link is visible in both bodies"
        assert f"{BASE_URL}/preferences/" in text
        assert len(html.encode()) < 100_000
        assert "Why you see this" in text and "Why you see this" in html


def test_a_second_send_delivers_nothing_new(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    store_real(settings, limit=20)
    for i in range(4):
        add(settings, f"r{i}@example.org")
    assert send(settings).sent == 4
    again = send(settings)
    assert again.sent == 0 and again.exit_status == 0 and not again.editions_made
    assert len(smtp.sink.received) == 4


def test_each_reader_gets_only_what_their_preferences_ask_for(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    specs = [
        (record(1, "Core decompression RCT for femoral head necrosis"), tags("rct", 2)),
        (record(2, "Denosumab cohort in postmenopausal women", topic="osteoporosis"), tags("cohort", 3)),
        (record(3, "Rat model of steroid osteonecrosis"), tags("animal", 5)),
        (record(4, "Osteoblasts in vitro under zoledronate", topic="osteoporosis"), tags("in_vitro", 5)),
        (record(5, "Case report of jaw osteonecrosis"), tags("case_report", 4)),
        (record(6, "Fracture liaison guideline", topic="osteoporosis"), tags("guideline", None)),
    ]
    ids = store_works(settings, specs)
    everyone = add(settings, "all@example.org")
    necrosis = add(settings, "onfh@example.org", topics="osteonecrosis")
    no_bench = add(settings, "clinic@example.org", exclude_types="animal,in-vitro")
    strong = add(settings, "strong@example.org", min_evidence=3)
    trials = add(settings, "trials@example.org", include_types="rct")
    short = add(settings, "short@example.org", max_items=2)
    assert send(settings).sent == 6

    def anchors(reader):
        (received,) = smtp.sink.to(reader.email)
        html = received.message.get_body(("html",)).get_content()
        return {int(a) for a in re.findall(r'id="w(\d+)"', html)}

    w = dict(zip(range(1, 7), ids, strict=True))
    assert anchors(everyone) == set(ids)
    assert anchors(necrosis) == {w[1], w[3], w[5]}
    assert anchors(no_bench) == {w[1], w[2], w[5], w[6]}
    assert anchors(strong) == {w[1], w[2], w[6]}, "level 3 or better; a guideline has no level but stays"
    assert anchors(trials) == {w[1]}
    assert len(anchors(short)) == 2
    (received,) = smtp.sink.to(short.email)
    text = received.message.get_body(("plain",)).get_content()
    assert "ALSO NEW (4)" in text and f"{BASE_URL}/editions/" in text


def test_unsubscribed_readers_never_receive_another_message(tmp_path):
    refuse_first = {"done": False}

    def fault(attempt, envelope):
        if envelope.rcpt_tos == ["leaver@example.org"] and not refuse_first["done"]:
            refuse_first["done"] = True
            return "451 4.3.0 try again later"
        return None

    with SmtpServer(fault) as server:
        settings = make_settings(tmp_path, server.port)
        store_real(settings, limit=10)
        leaver = add(settings, "leaver@example.org")
        gone = add(settings, "gone@example.org")
        with Store(settings.database_path) as store:
            assert unsubscribe(store, gone.id)
        first = send(settings)
        assert first.sent == 0 and len(first.failed_temp) == 1
        with Store(settings.database_path) as store:
            unsubscribe(store, leaver.id)
        later = send(settings, now=datetime.now(UTC) + LATER, build=False)
        assert later.sent == 0
        assert server.sink.received == [], "the retry after unsubscribing is never sent"


def test_a_451_is_retried_after_the_backoff_with_the_same_message_id(tmp_path):
    seen: set[str] = set()

    def fault(attempt, envelope):
        rcpt = envelope.rcpt_tos[0]
        if rcpt not in seen:
            seen.add(rcpt)
            return "451 4.7.1 greylisted, try again later"
        return None

    with SmtpServer(fault) as server:
        settings = make_settings(tmp_path, server.port)
        store_real(settings, limit=10)
        for i in range(3):
            add(settings, f"grey{i}@example.org")
        first = send(settings)
        assert first.sent == 0 and len(first.failed_temp) == 3 and first.exit_status == 75
        pending = rows(settings)
        assert {r["status"] for r in pending} == {"failed_temp"} and all(r["attempts"] == 1 for r in pending)
        assert "451" in pending[0]["error"]
        too_soon = send(settings)
        assert too_soon.sent == 0 and server.sink.received == [], "not before the backoff has passed"
        retried = send(settings, now=datetime.now(UTC) + LATER, build=False)
        assert retried.sent == 3 and retried.exit_status == 0
        assert server.sink.by_recipient() == {f"grey{i}@example.org": 1 for i in range(3)}
        ids = {r["subscriber_id"]: r["message_id"] for r in pending}
        for row in rows(settings):
            (received,) = server.sink.to(f"grey{row['subscriber_id'] - 1}@example.org")
            assert received.message["Message-ID"] == ids[row["subscriber_id"]] == row["message_id"]
            assert row["status"] == "sent" and row["attempts"] == 2


def test_a_5xx_is_recorded_and_never_retried(tmp_path):
    def fault(attempt, envelope):
        return "550 5.1.1 mailbox unavailable" if envelope.rcpt_tos == ["nobody@example.org"] else None

    with SmtpServer(fault) as server:
        settings = make_settings(tmp_path, server.port)
        store_real(settings, limit=10)
        add(settings, "nobody@example.org")
        add(settings, "somebody@example.org")
        report = send(settings)
        assert report.sent == 1 and len(report.failed_perm) == 1 and report.exit_status == 1
        assert "550" in report.failed_perm[0]
        assert send(settings, now=datetime.now(UTC) + timedelta(days=3), build=False).sent == 0
        assert server.sink.by_recipient() == {"somebody@example.org": 1}
        assert sorted(r["status"] for r in rows(settings)) == ["failed_perm", "sent"]


def test_a_server_that_drops_the_connection_before_the_message_mid_run(tmp_path):
    """A drop before the message was handed over (here at RCPT) cannot have delivered it: retried.
    (A drop after the whole message is an unknown outcome: tests/test_hardening_delivery.py.)"""
    dropped: list[str] = []

    def rcpt_fault(address):
        if address == "d2@example.org" and not dropped:
            dropped.append(address)
            return "drop"
        return None

    with SmtpServer(rcpt_fault=rcpt_fault) as server:
        settings = make_settings(tmp_path, server.port)
        store_real(settings, limit=10)
        for i in range(6):
            add(settings, f"d{i}@example.org")
        first = send(settings)
        assert first.sent == 5 and len(first.failed_temp) == 1 and first.exit_status == 75
        assert "connection" in first.failed_temp[0] and "d2@example.org" in first.failed_temp[0]
        assert server.sink.connections == 2, "the run reconnected and went on after the drop"
        second = send(settings, now=datetime.now(UTC) + LATER, build=False)
        assert second.sent == 1
        assert server.sink.by_recipient() == {f"d{i}@example.org": 1 for i in range(6)}


def test_an_unreachable_server_claims_nothing_and_asks_cron_to_retry(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    store_real(settings, limit=10)
    add(settings, "a@example.org")
    with refused_port() as port:
        report = send(make_settings(tmp_path, port))
    assert report.exit_status == 75 and "cannot connect" in (report.stopped or "")
    assert rows(settings) == [], "nothing claimed, nothing to back off from"
    assert send(settings).sent == 1


def test_two_concurrent_sends_never_deliver_twice(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    store_real(settings, limit=30)
    for i in range(20):
        add(settings, f"c{i}@example.org")
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            outcomes.append(send(settings).sent)
        except LockedError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sent = [o for o in outcomes if isinstance(o, int)]
    assert sum(sent) + send(settings).sent == 20
    assert smtp.sink.by_recipient() == {f"c{i}@example.org": 1 for i in range(20)}


def test_claims_are_exclusive_even_without_the_lock(tmp_path):
    """Two ledgers racing over the same rows on separate connections: each row is claimed once."""
    settings = make_settings(tmp_path)
    store_real(settings, limit=5)
    for i in range(30):
        add(settings, f"x{i}@example.org")
    with Store(settings.database_path) as store:
        edition_id = store.editions.create(
            "weekly", "T", lambda new, changed: [("other", [w.id for w in new])], lambda p, n: ""
        )
        ids = [r[0] for r in store.conn.execute("SELECT id FROM subscribers")]
    claimed: list[tuple[str, int]] = []
    barrier = threading.Barrier(2)

    def racer(name):
        with Store(settings.database_path, timeout=30) as store:
            ledger = Ledger(store, run_id=name, msgid_domain="example.org")
            barrier.wait()
            for sid in ids:
                if ledger.claim(edition_id, sid, datetime.now(UTC)):
                    claimed.append((name, sid))

    threads = [threading.Thread(target=racer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(sid for _, sid in claimed) == sorted(ids)


def test_scraped_markup_arrives_inert_in_the_html_part(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    hostile = record(
        1,
        'Bone <script>alert("x")</script> loss"><img src=x onerror=alert(1)>',
        source="scrape",
        source_id="https://evil.example/a",
        pmid=None,
        doi=None,
        url="javascript:alert(document.cookie)",
        journal='<b onmouseover="alert(2)">Journal</b>',
        abstract='Methods. In conclusion, "><img src=x onerror=alert(3)> <script>steal()</script> works.',
    )
    store_works(settings, [(hostile, tags("cohort", 3))])
    add(settings, "safe@example.org")
    assert send(settings).sent == 1
    (received,) = smtp.sink.received
    html = received.message.get_body(("html",)).get_content()
    tree = lxml_html.fromstring(html)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == [] and tree.xpath("//b") == []
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    assert "javascript:" not in " ".join(tree.xpath("//a/@href"))
    assert '<script>alert("x")</script>' in tree.text_content(), "shown as text, not dropped"
    assert "onerror=alert(3)" in tree.text_content()


def test_without_smtp_each_message_is_an_eml_in_the_outbox(tmp_path):
    settings = make_settings(tmp_path)
    store_real(settings, limit=10)
    reader = add(settings, "box@example.org")
    report = send(settings)
    assert report.sent == 1 and report.transport.startswith("outbox")
    (eml,) = (tmp_path / "outbox").glob("edition-*/subscriber-*.eml")
    assert f"subscriber-{reader.id:06d}" in eml.name
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in eml.read_bytes()
    assert send(settings).sent == 0


def test_dry_run_renders_and_reports_without_sending_or_recording(tmp_path, smtp):
    settings = make_settings(tmp_path, smtp.port)
    store_real(settings, limit=15)
    add(settings, "a@example.org")
    add(settings, "b@example.org", topics="osteonecrosis")
    report = send(settings, dry_run=True)
    assert {p.email for p in report.previews} <= {"a@example.org", "b@example.org"}
    assert report.previews and all(p.html_bytes > 0 and p.subject for p in report.previews)
    assert smtp.sink.received == [] and rows(settings) == []
    with Store(settings.database_path) as store:
        assert store.counts()["editions"] == 0, "a dry run does not even record the edition it previews"
    assert send(settings).sent == len(report.previews)


def test_a_mail_server_misconfiguration_is_a_config_error_before_any_claim(tmp_path, smtp, monkeypatch):
    plain = make_settings(tmp_path, smtp.port)
    store_real(plain, limit=5)
    add(plain, "a@example.org")
    starttls = make_settings(tmp_path, smtp.port, smtp={"security": "starttls"})
    with pytest.raises(ConfigError, match=r"smtp\.security"):
        send(starttls)
    monkeypatch.delenv("OSTEODIGEST_SMTP_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match="OSTEODIGEST_SMTP_PASSWORD"):
        send(make_settings(tmp_path, smtp.port, smtp={"username": "digest"}))
    assert rows(plain) == [] and smtp.sink.received == []


class Collected(logging.Handler):
    """The messages logged to the logger it is added to (whatever the CLI's setup did to propagation)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_the_plain_http_links_warning_only_as_mail_goes_out_and_once_per_process(tmp_path, smtp):
    base = f"http://{tmp_path.name.replace('_', '-')}.example.org"  # a URL no other test warns about
    settings = make_settings(tmp_path, smtp.port, web={"base_url": base})
    collected = Collected()
    send_log = logging.getLogger("osteodigest.send")
    send_log.addHandler(collected)

    def warnings() -> int:
        return sum(f"web.base_url {base} is not https" in m for m in collected.messages)

    try:
        store_real(settings, limit=10)
        assert send(settings).sent == 0, "nobody to send to"
        assert send(settings, dry_run=True).sent == 0
        assert warnings() == 0, "no warning when nothing is sent"
        add(settings, "reader@example.org")
        assert send(settings).sent == 1
        assert warnings() == 1
        add(settings, "second@example.org")
        assert send(settings).sent == 1
        assert warnings() == 1, "once per process"
    finally:
        send_log.removeHandler(collected)
