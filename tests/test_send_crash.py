"""Killing `osteodigest send` half-way (SIGKILL from the SMTP server) and running it again.

The server kills the sending process while it is inside the DATA command of one message, so the
crash lands exactly in the window the ledger cannot see: claimed, maybe accepted, not recorded. The
rerun delivers everything that was never attempted, nothing twice, and reports the one message whose
fate is unknown instead of guessing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from osteodigest.crawler.store import Store
from osteodigest.newsletter.subscribers import add_subscriber

from tests.emulators.smtp import Received, SmtpServer
from tests.newsletter_data import make_settings, store_real

REPO = Path(__file__).resolve().parents[1]
READERS = [f"k{i}@example.org" for i in range(8)]
KILL_AT = 3


def write_config(tmp_path: Path, port: int) -> Path:
    path = tmp_path / "osteodigest.toml"
    path.write_text(
        f"""
[general]
database = "store.sqlite3"
outbox = "outbox"
data_dir = "data"

[smtp]
host = "127.0.0.1"
port = {port}
security = "none"
from = "OsteoDigest <digest@osteodigest.example.org>"
timeout = 10.0

[web]
base_url = "https://digest.example.org"
""",
        encoding="utf-8",
    )
    return path


def cli(config: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "OSTEODIGEST_CONFIG"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.Popen(
        [sys.executable, "-m", "osteodigest.newsletter.cli", "--config", str(config), "send", *args],
        cwd=config.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def prepare(tmp_path: Path, port: int) -> Path:
    config = write_config(tmp_path, port)
    settings = make_settings(tmp_path, port)
    store_real(settings, limit=20)
    with Store(settings.database_path) as store:
        for address in READERS:
            add_subscriber(store, address)
    return config


def statuses(tmp_path: Path) -> dict[str, tuple[str, str]]:
    with Store(tmp_path / "store.sqlite3") as store:
        return {
            r[0]: (r[1], r[2])
            for r in store.conn.execute(
                "SELECT s.email, d.status, d.message_id FROM deliveries d"
                " JOIN subscribers s ON s.id = d.subscriber_id"
            )
        }


def killer(accept_before_kill: bool):
    """A fault that lets KILL_AT messages through, then kills the sender inside the next DATA."""
    state: dict = {"proc": None, "sink": None}

    def fault(attempt, envelope):
        if attempt != KILL_AT:
            return None
        if accept_before_kill:
            # The server has the message; the sender dies before it can read the 250.
            state["sink"].received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content), None)
            )
        os.kill(state["proc"].pid, signal.SIGKILL)
        state["proc"].wait(timeout=30)
        return "451 4.3.0 sender gone"

    return state, fault


def test_killed_after_the_server_accepted_is_reported_not_resent(tmp_path):
    state, fault = killer(accept_before_kill=True)
    with SmtpServer(fault) as server:
        state["sink"] = server.sink
        config = prepare(tmp_path, server.port)
        state["proc"] = cli(config)
        state["proc"].communicate(timeout=120)
        assert state["proc"].returncode == -signal.SIGKILL
        assert len(server.sink.received) == KILL_AT + 1
        unknown_to = server.sink.received[-1].rcpt_tos[0]
        assert statuses(tmp_path)[unknown_to][0] == "claimed"

        rerun = cli(config)
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 1, err
        assert "unknown outcome" in err and unknown_to in err
        assert server.sink.by_recipient() == dict.fromkeys(READERS, 1), "the rest delivered, nothing twice"
        final = statuses(tmp_path)
        assert final[unknown_to][0] == "unknown"
        assert final[unknown_to][1] in err, "the operator is given the Message-ID to look for"
        assert sorted(s for s, _ in final.values()) == ["sent"] * (len(READERS) - 1) + ["unknown"]

        third = cli(config)
        third.communicate(timeout=120)
        assert third.returncode == 0 and len(server.sink.received) == len(READERS)


def test_killed_before_acceptance_is_resent_on_request_with_the_same_message_id(tmp_path):
    state, fault = killer(accept_before_kill=False)
    with SmtpServer(fault) as server:
        config = prepare(tmp_path, server.port)
        state["proc"] = cli(config)
        state["proc"].communicate(timeout=120)
        assert state["proc"].returncode == -signal.SIGKILL
        assert len(server.sink.received) == KILL_AT
        missing = next(a for a, (status, _) in statuses(tmp_path).items() if status == "claimed")

        rerun = cli(config)
        rerun.communicate(timeout=120)
        assert rerun.returncode == 1
        assert server.sink.by_recipient() == {a: 1 for a in READERS if a != missing}

        resend = cli(config, "--resend-unknown")
        _, err = resend.communicate(timeout=120)
        assert resend.returncode == 0, err
        assert server.sink.by_recipient() == dict.fromkeys(READERS, 1)
        (received,) = server.sink.to(missing)
        assert received.message["Message-ID"] == statuses(tmp_path)[missing][1]
        assert statuses(tmp_path)[missing][0] == "sent"
