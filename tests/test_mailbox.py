"""Bounces and mailto unsubscribes over real servers: aiosmtpd takes the digests (and refuses one address
at RCPT), a dovecot started by the test holds the list's mailbox, and real bounce reports from
``flufl.bounce``'s own corpus are delivered into it.

The corpus ships in flufl.bounce's source distribution (its wheel has none): ``.ci/run`` downloads that
sdist into ``build/flufl-bounce/`` with pip, and the tests read the reports from the archive in place.
"""

from __future__ import annotations

import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.settings import MAILBOX_PASSWORD_ENV
from osteodigest.crawler.status import collect_status, format_status
from osteodigest.crawler.store import Store, SubscriberStatus
from osteodigest.newsletter.bounces import Verp
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.mailbox import MailboxError, read_mailbox
from osteodigest.newsletter.schedule import job_specs, run_job
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber, find_subscriber, list_subscribers

from tests.emulators import imap
from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import SimulatedTime, make_settings, record, store_works, tags, topics

REPO = Path(__file__).resolve().parent.parent
LIST = "digest-bounces@example.org"

pytestmark = pytest.mark.skipif(imap.available() is not None, reason=str(imap.available()))


def corpus(name: str) -> bytes:
    """One report of flufl.bounce's corpus, read from its source distribution."""
    archives = sorted((REPO / "build" / "flufl-bounce").glob("flufl_bounce-*.tar.gz"))
    if not archives:
        pytest.skip(
            "flufl.bounce's sample bounces are in its sdist: pip download --no-deps --no-binary :all:"
            " flufl.bounce -d build/flufl-bounce (.ci/run does)"
        )
    with tarfile.open(archives[-1]) as archive:
        member = next(m for m in archive.getnames() if m.endswith(f"/tests/data/{name}"))
        data = archive.extractfile(member)
        assert data is not None
        return data.read()


@pytest.fixture
def dovecot():
    with imap.Dovecot() as server:
        yield server


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv(MAILBOX_PASSWORD_ENV, imap.PASSWORD)


def mailbox_settings(tmp_path, dovecot, smtp_port=None, **mailbox):
    return make_settings(
        tmp_path,
        smtp_port,
        mailbox={
            "host": "127.0.0.1",
            "port": dovecot.port,
            "security": "none",
            "username": imap.USER,
            "address": f"OsteoDigest bounces <{LIST}>",
            "timeout": 10.0,
            **mailbox,
        },
    )


def test_a_550_at_rcpt_and_three_real_dsns_make_a_reader_bouncing_and_stop_their_mail(
    tmp_path, dovecot, password
):
    refused = "gone@example.org"
    clock = SimulatedTime(datetime(2026, 3, 2, 8, tzinfo=UTC))
    with SmtpServer(rcpt_fault=lambda a: "550 5.1.1 no such user" if a == refused else None) as smtp:
        settings = mailbox_settings(tmp_path, dovecot, smtp.port)
        verp = Verp.for_settings(settings)
        assert verp is not None
        store_works(settings, [(record(1, "Osteonecrosis one"), tags("cohort", 3))], clock)
        with Store(settings.database_path, clock=clock) as store:
            reader = add_subscriber(store, refused).subscriber
            add_subscriber(store, "kept@example.org")

            first = send_editions(settings, store, topics())
            assert first.sent == 1 and len(first.failed_perm) == 1, "day 1: 550 at RCPT"
            (edition_id,) = [e for _, e in first.editions if e is not None]
            (kept,) = smtp.sink.received
            assert kept.mail_from == verp.sender(store.subscribers.find("kept@example.org").id, edition_id)
            unsubscribe_header = kept.message["List-Unsubscribe"]
            assert f"<mailto:{LIST}?subject=unsubscribe>" in unsubscribe_header, "a mailbox is read"

            # Days 2-4: real DSNs (they name other, forwarded-to addresses) arrive at the reader's
            # signed envelope sender; the fourth day with a failure sets them bouncing.
            for day, name in enumerate(("dsn_01.txt", "dsn_02.txt", "dsn_03.txt"), start=1):
                clock.advance(days=1)
                dovecot.append(corpus(name), delivered_to=verp.sender(reader.id, edition_id))
                report = read_mailbox(settings, store)
                assert report.bounces == 1 and not report.unhandled
                assert report.now_bouncing == ([refused] if day == 3 else []), day
                # The same report delivered twice (a run cut short) counts once.
            dovecot.append(corpus("dsn_03.txt"), delivered_to=verp.sender(reader.id, edition_id))
            assert read_mailbox(settings, store).now_bouncing == []
            assert store.subscribers.bounce_days(reader.id, "2000") == 4
            assert find_subscriber(store, refused).status is SubscriberStatus.BOUNCING
            assert dovecot.messages("INBOX") == [] and len(dovecot.messages("OsteoDigest-handled")) == 4

            text = format_status(collect_status(settings, store))
            assert f"bouncing {refused}" in text and "1 bouncing" in text, text
            (listed,) = list_subscribers(store, "bouncing")
            assert listed.email == refused

            # New items: the bouncing reader is no longer mailed, the other one is.
            clock.advance(days=7)
            store.works.save([record(2, "Osteonecrosis two")])
            smtp.sink.received.clear()
            later = send_editions(settings, store, topics())
            assert later.sent == 1 and not later.failed_perm
            assert smtp.sink.to(refused) == [] and len(smtp.sink.to("kept@example.org")) == 1

    config = tmp_path / "osteodigest.toml"
    config.write_text(
        f'[general]\ndatabase = "store.sqlite3"\noutbox = "outbox"\ndata_dir = "data"\n'
        f'[mailbox]\nhost = "127.0.0.1"\nport = {dovecot.port}\nsecurity = "none"\n'
        f'username = "{imap.USER}"\naddress = "{LIST}"\n'
    )
    assert main(["--config", str(config), "subscribers", "reactivate", refused]) == 0
    with Store(settings.database_path) as store:
        back = find_subscriber(store, refused)
        assert back.status is SubscriberStatus.ACTIVE
        assert store.subscribers.bounce_days(back.id, "2000") == 0, "a reactivated reader starts afresh"
    assert main(["--config", str(config), "subscribers", "reactivate", "kept@example.org"]) == 1


def test_the_scheduler_reads_the_mailbox_and_without_verp_a_dsn_counts_against_the_address_it_names(
    tmp_path, dovecot, password
):
    settings = mailbox_settings(tmp_path, dovecot, verp=False, schedule="*/5 * * * *")
    with Store(settings.database_path) as store:
        named = add_subscriber(store, "userx@example.com").subscriber
        other = add_subscriber(store, "someone@example.org").subscriber
    dovecot.append(corpus("dsn_01.txt"), delivered_to=LIST)
    dovecot.append(corpus("postfix_01.txt"), delivered_to=LIST)  # about xxxxx@local.ie: nobody here
    (job,) = [spec for spec in job_specs(settings) if spec.kind == "mailbox"]
    assert job.cron == "*/5 * * * *"
    outcome = run_job(settings, job)
    assert outcome.status == 0 and outcome.message.startswith("1 bounce report counted"), outcome
    assert "1 left for a person" in outcome.message
    with Store(settings.database_path) as store:
        assert [b.subscriber_id for b in store.subscribers.bounces(named.id)] == [named.id]
        assert store.subscribers.bounces(other.id) == []
    assert len(dovecot.messages("OsteoDigest-unhandled")) == 1


def unsubscribe_request(sender: str, to: str = LIST, extra: str = "") -> bytes:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: unsubscribe\r\nMessage-ID: <{sender}.{to}@mail.example>\r\n"
        f"{extra}Content-Type: text/plain; charset=utf-8\r\n\r\nPlease unsubscribe ann@example.org.\r\n"
    ).encode()


def test_a_mailto_unsubscribe_removes_exactly_its_sender_and_a_forged_one_changes_nothing(
    tmp_path, dovecot, password, capsys
):
    settings = mailbox_settings(tmp_path, dovecot)
    with Store(settings.database_path) as store:
        for address in ("ann@example.org", "bob@example.org", "cy@example.org"):
            add_subscriber(store, address)
    dovecot.append(unsubscribe_request("Bob <Bob@Example.org>"), delivered_to=LIST)
    # Someone else asking for Ann; Cy's request to another list; Ann's with a failed DMARC check.
    dovecot.append(unsubscribe_request("mallory@example.net"), delivered_to=LIST)
    dovecot.append(unsubscribe_request("cy@example.org", to="other-list@example.org"))
    dovecot.append(
        unsubscribe_request(
            "ann@example.org",
            extra="Authentication-Results: mx.example.org; dmarc=fail header.from=example.org\r\n",
        ),
        delivered_to=LIST,
    )
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        f'[general]\ndatabase = "store.sqlite3"\noutbox = "outbox"\ndata_dir = "data"\n'
        f'[mailbox]\nhost = "127.0.0.1"\nport = {dovecot.port}\nsecurity = "none"\n'
        f'username = "{imap.USER}"\naddress = "{LIST}"\n'
    )
    assert main(["--config", str(config), "mailbox"]) == 0
    out = capsys.readouterr().out
    assert "unsubscribed (mailto request): bob@example.org" in out and "1 unsubscribed" in out, out
    with Store(settings.database_path) as store:
        status = {s.email: s.status for s in list_subscribers(store)}
    assert status == {
        "ann@example.org": SubscriberStatus.ACTIVE,
        "bob@example.org": SubscriberStatus.UNSUBSCRIBED,
        "cy@example.org": SubscriberStatus.ACTIVE,
    }
    assert dovecot.messages("INBOX") == []
    assert len(dovecot.messages("OsteoDigest-handled")) == 1
    assert len(dovecot.messages("OsteoDigest-unhandled")) == 3


def test_plain_imap_is_refused_off_loopback_and_a_wrong_password_is_one_line(tmp_path, dovecot, monkeypatch):
    settings = mailbox_settings(tmp_path, dovecot, host="imap.example.org")
    with Store(settings.database_path) as store, pytest.raises(ConfigError, match="loopback"):
        read_mailbox(settings, store)
    monkeypatch.setenv(MAILBOX_PASSWORD_ENV, "wrong")
    settings = mailbox_settings(tmp_path, dovecot)
    with Store(settings.database_path) as store, pytest.raises(MailboxError, match=r"login as .* refused"):
        read_mailbox(settings, store)
