"""Fault injection on the delivery side (issue 15, items 5-9): full and read-only disks, a damaged store,
an SMTP server whose answer is lost, replayed confirmation links, and who may read the files.

Every fault is real: a small tmpfs that fills up, a folder made read-only (a read-only bind mount when
running as root, where ``chmod`` stops nothing; ``chmod`` otherwise), a file where a folder is expected,
a store file with garbage in it, an aiosmtpd server that holds or drops its answer, the Flask app through
its test client (as the other web tests use it). Faults that need a mount are skipped, with the reason,
where the machine does not allow one. After each fault a healthy rerun runs and the SMTP server (or the
outbox) counts the messages: every reader gets exactly one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import threading
from email import policy as email_policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from osteodigest.crawler.exits import ALL_STATUSES
from osteodigest.crawler.locks import job_lock
from osteodigest.crawler.settings import Settings, load_settings
from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.select import Preferences
from osteodigest.newsletter.subscribers import add_subscriber, find_subscriber, sign_up, unsubscribe
from osteodigest.newsletter.tokens import make_token
from osteodigest.newsletter.web import create_app

from tests.emulators.smtp import SmtpServer
from tests.newsletter_data import store_real
from tests.ops_helpers import spawn

README = Path(__file__).resolve().parents[1] / "README.md"
DAMAGED = "the store is damaged: restore it from a backup"


# ------------------------------------------------------------------------------------------ set-up
def config_file(
    folder: Path,
    *,
    smtp_port: int | None = None,
    timeout: float = 10.0,
    database: str = "store/osteodigest.sqlite3",
    outbox: str = "outbox",
    data_dir: str = "data",
) -> Path:
    """A config whose store, outbox and data folder are in ``folder``; SMTP at ``smtp_port`` if given."""
    smtp = f'host = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\ntimeout = {timeout}\n'
    config = folder / "osteodigest.toml"
    config.write_text(
        f'[general]\ndatabase = "{database}"\noutbox = "{outbox}"\ndata_dir = "{data_dir}"\n\n'
        '[web]\nbase_url = "https://digest.example.org"\n\n'
        '[smtp]\nfrom = "OsteoDigest <digest@osteodigest.example.org>"\n'
        f"{smtp if smtp_port else ''}",
        encoding="utf-8",
    )
    return config


def readers(settings: Settings, count: int) -> list[str]:
    addresses = [f"reader{i}@example.org" for i in range(count)]
    with Store(settings.database_path) as store:
        for address in addresses:
            add_subscriber(store, address)
    return addresses


def osteodigest(config: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command in this process: (exit status, stdout, stderr)."""
    status = main(["--config", str(config), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_line(err: str, *parts: str) -> str:
    """stderr is exactly one line, no traceback, naming every part."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got:\n{err}"
    assert "Traceback" not in err
    for part in parts:
        assert part in lines[0], f"{part!r} not in {lines[0]!r}"
    return lines[0]


def editions(settings: Settings) -> list[tuple[int, list[int]]]:
    """(edition id, its work ids) for every recorded edition."""
    with contextlib.closing(sqlite3.connect(settings.database_path)) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM editions ORDER BY id")]
        return [
            (e, [r[0] for r in conn.execute("SELECT work_id FROM edition_items WHERE edition_id = ?", (e,))])
            for e in ids
        ]


def outbox_deliveries(outbox: Path) -> dict[str, int]:
    """Messages per recipient among the per-reader .eml files the outbox transport wrote."""
    counts: dict[str, int] = {}
    for path in outbox.glob("edition-*/subscriber-*.eml"):
        to = BytesParser(policy=email_policy.default).parsebytes(path.read_bytes())["To"]
        counts[to] = counts.get(to, 0) + 1
    return counts


class Disk:
    """Real file-system faults: small tmpfs mounts that fill up, folders made read-only; undone at the end.

    Mounting needs root (or CAP_SYS_ADMIN); where it is refused the test is skipped with the reason.
    """

    def __init__(self) -> None:
        self.mounts: list[Path] = []
        self.modes: list[tuple[Path, int]] = []

    @staticmethod
    def _mount(*args: str) -> None:
        try:
            done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"cannot run mount here ({exc}): this fault needs a real mount")
        if done.returncode:
            pytest.skip(
                f"mount refused here ({done.stderr.strip() or done.returncode}): this fault needs one"
            )

    def small(self, path: Path, size: str = "2m") -> Path:
        """A tmpfs of ``size`` at ``path`` (made if missing)."""
        path.mkdir(parents=True, exist_ok=True)
        self._mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
        self.mounts.append(path)
        return path

    @staticmethod
    def fill(path: Path) -> Path:
        """Fill the file system holding ``path`` to the last byte; deleting the returned file makes room."""
        filler = path / "filler.bin"
        # Unbuffered: a buffered file keeps the part of a block the full disk refused and tries to write it
        # again on close, which then fails too, depending on how the free space happens to align.
        with filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except OSError as exc:
                assert exc.errno == 28, exc  # ENOSPC: the disk is full
        return filler

    def read_only(self, path: Path) -> None:
        """Make the folder ``path`` refuse writes, for root too."""
        if os.geteuid() != 0:
            self.modes.append((path, stat.S_IMODE(path.stat().st_mode)))
            path.chmod(0o555)
            return
        self._mount("--bind", str(path), str(path))
        self.mounts.append(path)
        self._mount("-o", "remount,ro,bind", str(path))

    def writable(self, path: Path) -> None:
        """Undo :meth:`read_only` for ``path``."""
        for folder, mode in [m for m in self.modes if m[0] == path]:
            folder.chmod(mode)
            self.modes.remove((folder, mode))
        if path in self.mounts:
            subprocess.run(["umount", str(path)], check=True, capture_output=True, timeout=30)
            self.mounts.remove(path)

    def undo(self) -> None:
        for path, mode in reversed(self.modes):
            with contextlib.suppress(OSError):
                path.chmod(mode)
        for path in reversed(self.mounts):
            subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


@pytest.fixture
def disk():
    faults = Disk()
    yield faults
    faults.undo()


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


# ------------------------------------------------------------------------- 5. editions and a full disk
def test_an_edition_whose_files_do_not_fit_is_not_made_and_the_next_has_its_items(
    tmp_path, disk, smtp, capsys
):
    config = config_file(tmp_path, smtp_port=smtp.port)
    settings = load_settings(config)
    works = store_real(settings, limit=20)
    addresses = readers(settings, 3)
    outbox = disk.small(tmp_path / "outbox")
    filler = disk.fill(outbox)

    status, _, err = osteodigest(config, "digest", capsys=capsys)
    assert status == 75
    one_line(err, f"cannot write {outbox}/edition-00001.", "No space left on device")
    assert editions(settings) == [], "an edition without its files is not recorded"
    assert [p.name for p in outbox.iterdir()] == [filler.name], "nothing half-written, no temporary file"

    filler.unlink()
    status, _, err = osteodigest(config, "digest", capsys=capsys)
    assert (status, err) == (0, "")
    [(edition_id, items)] = editions(settings)
    assert sorted(items) == sorted(works), "every work held back by the full disk is in the next edition"
    assert {p.name for p in outbox.iterdir()} == {
        f"edition-{edition_id:05d}.{x}" for x in ("html", "txt", "eml")
    }

    assert osteodigest(config, "send", capsys=capsys)[0] == 0
    assert smtp.sink.by_recipient() == dict.fromkeys(addresses, 1)


def test_a_full_store_is_75_in_one_line_and_the_rerun_makes_the_whole_edition(tmp_path, disk, smtp):
    """Through a real process: SQLite meeting ENOSPC mid-transaction must leave nothing behind."""
    config = config_file(tmp_path, smtp_port=smtp.port)
    settings = load_settings(config)
    folder = disk.small(tmp_path / "store", "4m")
    works = store_real(settings, limit=20)
    addresses = readers(settings, 2)
    filler = disk.fill(folder)

    failed = subprocess_cli(config, "digest")
    assert failed.returncode == 75, failed.stderr
    one_line(failed.stderr, str(settings.database_path), "full")
    filler.unlink()
    assert editions(settings) == []
    assert not list((tmp_path / "outbox").glob("edition-*")), "the files of the rolled-back edition are gone"

    healthy = subprocess_cli(config, "digest")
    assert healthy.returncode == 0, healthy.stderr
    [(_, items)] = editions(settings)
    assert sorted(items) == sorted(works)
    assert subprocess_cli(config, "send").returncode == 0
    assert smtp.sink.by_recipient() == dict.fromkeys(addresses, 1)


def subprocess_cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = spawn(config, *args)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_read_only_store_folder_is_75_in_one_line(tmp_path, disk, smtp, capsys):
    config = config_file(tmp_path, smtp_port=smtp.port)
    settings = load_settings(config)
    works = store_real(settings, limit=5)
    addresses = readers(settings, 2)
    folder = settings.database_path.parent
    disk.read_only(folder)
    for command in (["digest"], ["send"]):
        status, _, err = osteodigest(config, *command, capsys=capsys)
        assert status == 75, command
        one_line(err, f"cannot write {folder}/", "ead-only" if os.geteuid() == 0 else "ermission denied")
    disk.writable(folder)
    assert osteodigest(config, "send", capsys=capsys)[0] == 0
    [(_, items)] = editions(settings)
    assert sorted(items) == sorted(works)
    assert smtp.sink.by_recipient() == dict.fromkeys(addresses, 1)


@pytest.mark.parametrize("fault", ["read-only", "a file"])
def test_an_outbox_that_cannot_be_written_is_75_and_loses_no_edition(tmp_path, disk, smtp, capsys, fault):
    config = config_file(tmp_path, smtp_port=smtp.port)
    settings = load_settings(config)
    works = store_real(settings, limit=10)
    addresses = readers(settings, 2)
    outbox = tmp_path / "outbox"
    if fault == "a file":
        outbox.write_text("not a folder\n", encoding="utf-8")
    else:
        outbox.mkdir()
        disk.read_only(outbox)

    status, _, err = osteodigest(config, "send", capsys=capsys)
    assert status == 75
    one_line(err, f"cannot write {outbox}")
    assert editions(settings) == [] and smtp.sink.received == [], "no edition, and nothing was sent"

    if fault == "a file":
        outbox.unlink()
    else:
        disk.writable(outbox)
    status, _, err = osteodigest(config, "send", capsys=capsys)
    assert (status, err) == (0, "")
    [(_, items)] = editions(settings)
    assert sorted(items) == sorted(works)
    assert smtp.sink.by_recipient() == dict.fromkeys(addresses, 1)


@pytest.mark.parametrize("fault", ["read-only", "a file"])
def test_a_data_folder_that_cannot_take_the_signing_key_is_75(
    tmp_path, disk, smtp, capsys, monkeypatch, fault
):
    monkeypatch.delenv("OSTEODIGEST_SECRET_KEY", raising=False)
    config = config_file(tmp_path, smtp_port=smtp.port)
    settings = load_settings(config)
    store_real(settings, limit=5)
    addresses = readers(settings, 2)
    data = tmp_path / "data"
    if fault == "a file":
        data.write_text("not a folder\n", encoding="utf-8")
    else:
        data.mkdir()
        disk.read_only(data)

    status, _, err = osteodigest(config, "send", capsys=capsys)
    assert status == 75
    one_line(err, "cannot write", str(data), "OSTEODIGEST_SECRET_KEY")
    assert smtp.sink.received == []
    if fault == "a file":
        data.unlink()
    else:
        disk.writable(data)
    assert osteodigest(config, "send", capsys=capsys)[0] == 0
    assert smtp.sink.by_recipient() == dict.fromkeys(addresses, 1)


def test_a_full_outbox_while_sending_stops_with_75_and_the_claim_is_given_back(tmp_path, disk, capsys):
    config = config_file(tmp_path)  # no SMTP server: each message is written to the outbox
    settings = load_settings(config)
    store_real(settings, limit=10)
    addresses = readers(settings, 3)
    outbox = disk.small(tmp_path / "outbox")
    assert osteodigest(config, "digest", capsys=capsys)[0] == 0
    filler = disk.fill(outbox)

    status, _, err = osteodigest(config, "send", "--no-build", capsys=capsys)
    assert status == 75
    one_line(err, f"cannot write {outbox}/edition-00001/subscriber-", "No space left on device")
    with contextlib.closing(sqlite3.connect(settings.database_path)) as conn:
        rows = conn.execute("SELECT status, attempts, next_attempt_at FROM deliveries").fetchall()
    assert rows == [("failed_temp", 0, None)], "the one claim is due again at once, its attempt not counted"

    filler.unlink()
    assert osteodigest(config, "send", "--no-build", capsys=capsys)[0] == 0
    assert outbox_deliveries(outbox) == dict.fromkeys(addresses, 1)


# ------------------------------------------------------------------------- 6. exit statuses keep their word
@pytest.fixture
def backed_up(tmp_path, smtp):
    """A healthy store with readers, its backup, and the store then damaged (its header overwritten)."""
    config = config_file(tmp_path, smtp_port=smtp.port)
    settings = load_settings(config)
    store_real(settings, limit=10)
    addresses = readers(settings, 2)
    backup = tmp_path / "backup.sqlite3"
    shutil.copyfile(settings.database_path, backup)
    with settings.database_path.open("r+b") as handle:
        handle.write(b"this is not what SQLite wrote here" * 4)
    return config, settings, addresses, backup


@pytest.mark.parametrize(
    "command", [["digest"], ["send"], ["run"], ["status"], ["export"], ["subscribers", "list"], ["fetch"]]
)
def test_a_damaged_store_is_1_with_the_restore_line_never_75(backed_up, capsys, command):
    config, settings, _, _ = backed_up
    status, out, err = osteodigest(config, *command, capsys=capsys)
    assert status == 1
    assert one_line(err) == f"osteodigest: {DAMAGED} ({settings.database_path}: file is not a database)"
    assert out == ""


def test_status_json_shows_the_damage_and_a_restored_backup_delivers_once(backed_up, smtp, capsys):
    config, settings, addresses, backup = backed_up
    status, out, err = osteodigest(config, "status", "--json", capsys=capsys)
    assert status == 1
    report = json.loads(out)
    assert report["ok"] is False and report["store"]["damaged"] is True
    assert DAMAGED in report["store"]["error"] and report["flags"][0]["kind"] == "damaged"
    one_line(err, DAMAGED)

    shutil.copyfile(backup, settings.database_path)  # what the line says to do
    assert osteodigest(config, "status", capsys=capsys)[0] == 0
    assert osteodigest(config, "send", capsys=capsys)[0] == 0
    assert smtp.sink.by_recipient() == dict.fromkeys(addresses, 1)


def test_the_web_answers_a_damaged_store_with_a_page_not_a_traceback(backed_up):
    _, settings, _, _ = backed_up
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("osteodigest.web")
    logger.addHandler(handler)
    try:
        response = create_app(settings).test_client().get("/editions/")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500 and "Something went wrong" in response.get_data(as_text=True)
    assert said == [f"{DAMAGED} ({settings.database_path}: file is not a database)"], "one line in the log"


def test_status_finds_damage_no_query_has_touched_yet(tmp_path, capsys):
    config = config_file(tmp_path)
    settings = load_settings(config)
    store_real(settings, limit=60)
    size = settings.database_path.stat().st_size
    with settings.database_path.open("r+b") as handle:  # pages in the middle: the header stays sound
        handle.seek(size // 2)
        handle.write(bytes(range(256)) * 32)
    status, out, err = osteodigest(config, "status", "--json", capsys=capsys)
    assert status == 1 and json.loads(out)["store"]["damaged"] is True
    one_line(err, DAMAGED, str(settings.database_path))


def test_an_output_path_that_cannot_be_written_is_2_in_one_line(tmp_path, disk, capsys):
    config = config_file(tmp_path)
    store_real(load_settings(config), limit=5)
    bibliography = tmp_path / "in.csv"
    bibliography.write_text(
        "ID,title,year,author,pages,volume,number,journal\n"
        "1,Core decompression of the hip,2020,Smith,1-9,1,1,J\n",
        encoding="utf-8",
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    disk.read_only(locked)
    before = sorted(p.name for p in tmp_path.iterdir())
    cases = [
        (["export", "-o", str(tmp_path / "missing" / "works.jsonl")], tmp_path / "missing" / "works.jsonl"),
        (["export", "-o", str(tmp_path)], tmp_path),
        (["export", "-o", str(locked / "works.jsonl")], locked / "works.jsonl"),
        (["dedup", str(bibliography), "-o", str(blocker / "out.csv")], blocker / "out.csv"),
        (["dedup", str(bibliography), "-o", str(locked / "out.csv")], locked / "out.csv"),
    ]
    for args, path in cases:
        status, _, err = osteodigest(config, *args, capsys=capsys)
        assert status == 2, (args, err)
        one_line(err, f"cannot write {path}")
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "no partial or temporary file left behind"
    assert list(locked.iterdir()) == []


def test_a_huge_edition_number_or_page_is_404_not_500(tmp_path):
    config = config_file(tmp_path)
    client = create_app(load_settings(config)).test_client()
    for path in (
        "/editions/99999999999999999999999999",
        f"/editions/{2**63}",
        "/editions/0",
        "/editions/?page=99999999999999999999",
        f"/editions/?page={2**63 // 50 + 2}",
    ):
        assert client.get(path).status_code == 404, path


# ------------------------------------------------------------------------- 7. mail is never sent twice
@pytest.mark.parametrize(
    "fault", ["slow:1.5", "drop"], ids=["answer-after-the-timeout", "dropped-after-data"]
)
def test_a_message_whose_answer_is_lost_is_unknown_and_never_sent_twice(tmp_path, capsys, fault):
    doubtful = "reader1@example.org"
    spent: list[str] = []

    def once(attempt, envelope):
        if envelope.rcpt_tos == [doubtful] and not spent:
            spent.append(doubtful)
            return fault
        return None

    with SmtpServer(once) as server:
        config = config_file(tmp_path, smtp_port=server.port, timeout=0.5)
        settings = load_settings(config)
        store_real(settings, limit=10)
        addresses = readers(settings, 4)
        status, _, err = osteodigest(config, "send", capsys=capsys)
        assert status == 1
        line = one_line(err, "unknown outcome", doubtful, "--resend-unknown")
        with Store(settings.database_path) as store:
            row = store.conn.execute(
                "SELECT d.status, d.message_id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id"
                " WHERE s.email = ?",
                (doubtful,),
            ).fetchone()
        assert row[0] == "unknown" and row[1] in line, "the operator gets the Message-ID to look for"

        for _ in range(2):  # reruns: nothing is resent on a guess
            assert osteodigest(config, "send", capsys=capsys)[0] == 0
        arrived = fault.startswith("slow")  # a slow server delivered it; one that dropped us did not
        expected = dict.fromkeys(addresses, 1)
        if not arrived:
            del expected[doubtful]
        assert server.sink.by_recipient() == expected
        if not arrived:  # the server log shows it never arrived: the operator resends, same Message-ID
            assert osteodigest(config, "send", "--resend-unknown", capsys=capsys)[0] == 0
            (resent,) = server.sink.to(doubtful)
            assert resent.message["Message-ID"] == row[1]
        assert server.sink.by_recipient() == dict.fromkeys(addresses, 1)


def test_a_server_that_never_answers_stops_the_run_after_two_unknown_outcomes(tmp_path, capsys):
    healthy = threading.Event()
    with SmtpServer(lambda attempt, envelope: None if healthy.is_set() else "slow:1.5") as server:
        config = config_file(tmp_path, smtp_port=server.port, timeout=0.5)
        settings = load_settings(config)
        store_real(settings, limit=10)
        addresses = readers(settings, 5)
        status, _, err = osteodigest(config, "send", capsys=capsys)
        assert status == 1
        lines = err.strip().splitlines()
        assert len(lines) == 3 and "Traceback" not in err
        assert sum("unknown outcome" in line for line in lines) == 2 and "stopped after 2" in lines[-1]
        assert len(server.sink.received) == 2, "no third reader was left in doubt"

        healthy.set()
        assert osteodigest(config, "send", capsys=capsys)[0] == 0
        assert server.sink.by_recipient() == dict.fromkeys(addresses, 1)


# ------------------------------------------------------------------------- 8. an unsubscribe always wins
def signup(client, email: str, **form) -> object:
    page = client.get("/subscribe").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/subscribe", data={"csrf_token": token, "email": email, **form})


def confirmation_path(client, settings: Settings, email: str) -> str:
    """The path of the newest confirmation link mailed to ``email`` (the outbox, once the queue is done)."""
    assert client.application.extensions["osteodigest"].mailer.drain(timeout=30)
    links = []
    for path in sorted(settings.outbox_path.glob("signup-*.eml")):
        message = BytesParser(policy=email_policy.default).parsebytes(path.read_bytes())
        if message["To"] == email:
            text = message.get_body(("plain",)).get_content()
            links += re.findall(r"https://digest\.example\.org(/subscribe/confirm/\S+)", text)
    assert links, f"no confirmation mailed to {email}"
    return links[-1]


@pytest.mark.parametrize("how", ["subscribers remove", "one-click"])
def test_a_replayed_confirmation_never_undoes_an_unsubscribe(tmp_path, smtp, capsys, how):
    signup_config = config_file(tmp_path)  # no SMTP here: sign-up mail goes to the outbox
    settings = load_settings(signup_config)
    client = create_app(settings).test_client()
    joiner, stayer = "joiner@example.org", "stayer@example.org"
    store_real(settings, limit=5)
    with Store(settings.database_path) as store:
        add_subscriber(store, stayer)
    assert signup(client, joiner).status_code == 200
    link = confirmation_path(client, settings, joiner)
    assert client.post(link).status_code == 200

    with Store(settings.database_path) as store:
        joined = find_subscriber(store, joiner)
    assert joined.status == "active"
    if how == "one-click":
        token = make_token(settings, joined.id, "unsubscribe")
        assert client.post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}).status_code == 200
    else:
        assert osteodigest(signup_config, "subscribers", "remove", joiner, capsys=capsys)[0] == 0

    assert client.get(link).status_code == 400, "the old link is void: no button to press"
    assert client.post(link).status_code == 400
    with Store(settings.database_path) as store:
        assert find_subscriber(store, joiner).status == "unsubscribed"

    (tmp_path / "sender").mkdir()
    sending = config_file(  # the same store and key; the digests go to the SMTP server
        tmp_path / "sender",
        smtp_port=smtp.port,
        database=str(settings.database_path),
        data_dir=str(settings.data_dir),
    )
    assert osteodigest(sending, "send", capsys=capsys)[0] == 0
    assert smtp.sink.by_recipient() == {stayer: 1}, "nothing for the reader who left"

    # Coming back is their own choice: a new request, a new link, and then one message.
    assert signup(client, joiner).status_code == 200
    fresh = confirmation_path(client, settings, joiner)
    assert fresh != link and client.post(fresh).status_code == 200
    assert osteodigest(sending, "send", capsys=capsys)[0] == 0
    assert smtp.sink.by_recipient() == {stayer: 1, joiner: 1}


def test_an_anonymous_signup_changes_no_known_row(tmp_path):
    settings = load_settings(config_file(tmp_path))
    client = create_app(settings).test_client()
    with Store(settings.database_path) as store:
        add_subscriber(store, "waiting@example.org", Preferences(frequency="monthly"), status="pending")
        gone = add_subscriber(store, "gone@example.org", Preferences(topics=("osteoporosis",)))
        unsubscribe(store, gone.subscriber.id)
        add_subscriber(store, "active@example.org", Preferences(frequency="daily", max_items=5))
        before = [dict(r) for r in store.conn.execute("SELECT * FROM subscribers ORDER BY id")]
    for email in ("waiting@example.org", "gone@example.org", "active@example.org"):
        response = signup(client, email, topics=["osteonecrosis"], frequency="weekly")
        assert response.status_code == 200
    with Store(settings.database_path) as store:
        after = [dict(r) for r in store.conn.execute("SELECT * FROM subscribers ORDER BY id")]
    assert after == before, "not a preference, not a status, not even updated_at"


def test_known_and_new_addresses_run_the_same_statements(tmp_path):
    """The equal-time property without timing: the sign-up does the same database work either way."""

    def shape(statement: str) -> str:
        return re.sub(r"\b\d+\b", "?", re.sub(r"'(?:[^']|'')*'", "?", statement))

    with Store(tmp_path / "store.sqlite3") as store:
        add_subscriber(store, "known@example.org", status="active")
        add_subscriber(store, "left@example.org")
        unsubscribe(store, find_subscriber(store, "left@example.org").id)

        def statements(address: str) -> list[str]:
            seen: list[str] = []
            store.conn.set_trace_callback(seen.append)
            try:
                sign_up(store, address, Preferences())
            finally:
                store.conn.set_trace_callback(None)
            return [shape(s) for s in seen]

        new = statements("new@example.org")
        assert any(s.startswith("INSERT INTO subscribers") for s in new)
        assert statements("known@example.org") == new
        assert statements("left@example.org") == new


def test_the_signup_answer_does_not_wait_for_the_mail_server(tmp_path):
    """The server holds every message unanswered; the visitor's answer comes all the same."""
    hold = threading.Event()
    with SmtpServer(hold=hold) as server:
        settings = load_settings(config_file(tmp_path, smtp_port=server.port, timeout=60.0))
        with Store(settings.database_path) as store:
            add_subscriber(store, "known@example.org")
        client = create_app(settings).test_client()
        answers: dict[str, tuple[int, str]] = {}

        def visit() -> None:
            for email in ("known@example.org", "stranger@example.org"):
                response = signup(client, email)
                answers[email] = (response.status_code, response.get_data(as_text=True))

        visitor = threading.Thread(target=visit)
        try:
            visitor.start()
            visitor.join(timeout=20)
            assert not visitor.is_alive(), "the sign-up waited for the mail server"
            assert server.sink.data_arrived.wait(30), "the message did reach the server meanwhile"
            assert server.sink.received == [], "…which has not answered it yet"
        finally:
            hold.set()
            visitor.join(timeout=60)
        (known_status, known_page), (new_status, new_page) = answers.values()
        assert known_status == new_status == 200 and known_page == new_page
        assert client.application.extensions["osteodigest"].mailer.drain(timeout=60)
        assert server.sink.by_recipient() == {"known@example.org": 1, "stranger@example.org": 1}


# ------------------------------------------------------------------------- 9. private files are private
def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_private_files_are_created_private_whatever_the_umask(tmp_path, capsys, monkeypatch, umask):
    monkeypatch.delenv("OSTEODIGEST_SECRET_KEY", raising=False)
    config = config_file(tmp_path)  # no SMTP: every message is a file in the outbox
    settings = load_settings(config)
    previous = os.umask(umask)
    try:
        store_real(settings, limit=5)
        readers(settings, 2)
        assert osteodigest(config, "send", capsys=capsys)[0] == 0
        client = create_app(settings).test_client()
        assert signup(client, "joiner@example.org").status_code == 200
        assert client.application.extensions["osteodigest"].mailer.drain(timeout=30)
        with Store(settings.database_path):  # open: the -wal and -shm files exist
            database = settings.database_path
            files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
            assert all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}
    finally:
        os.umask(previous)
    outbox = settings.outbox_path
    folders = [database.parent, outbox, settings.data_dir, *(p for p in outbox.iterdir() if p.is_dir())]
    assert len(folders) == 4, "the store, outbox, data and edition folders were all made by the tool"
    assert {str(f): oct(mode(f)) for f in folders} == {str(f): "0o700" for f in folders}
    written = [p for p in outbox.rglob("*") if p.is_file()] + [settings.data_dir / "secret_key"]
    assert {p.name.split("-")[0] for p in written} == {"edition", "subscriber", "signup", "secret_key"}
    assert {str(p): oct(mode(p)) for p in written} == {str(p): "0o600" for p in written}


def test_a_store_left_readable_by_an_older_version_is_tightened_on_open(tmp_path):
    path = tmp_path / "osteodigest.sqlite3"
    Store(path).close()
    path.chmod(0o644)
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("osteodigest.store")
    logger.addHandler(handler)
    try:
        with Store(path):
            assert mode(path) == 0o600
    finally:
        logger.removeHandler(handler)
    assert said and "readable by other users" in said[0], "the change is said once, not made silently"


# ------------------------------------------------------------------------- the README's exit statuses
def readme_exit_statuses() -> dict[int, str]:
    """The rows of the README's "Exit status" table: {status: meaning}."""
    section = README.read_text(encoding="utf-8").split("### Exit status", 1)[1].split("\n#", 1)[0]
    return {int(code): meaning for code, meaning in re.findall(r"^\| (\d+) \| (.+?) \|$", section, re.M)}


def test_the_readme_exit_status_table_is_the_code():
    table = readme_exit_statuses()
    assert sorted(table) == sorted(ALL_STATUSES), "README table and crawler/exits.py disagree"
    assert "damaged" in table[1] and "restore it from a backup" in table[1]
    assert "full" in table[75] and "read-only" in table[75] and "-o" in table[2]


def reach_0(tmp_path: Path, capsys) -> None:
    config = config_file(tmp_path)
    store_real(load_settings(config), limit=3)
    status, _, err = osteodigest(config, "status", capsys=capsys)
    assert (status, err) == (0, "")


def reach_1(tmp_path: Path, capsys) -> None:
    config = config_file(tmp_path)
    settings = load_settings(config)
    settings.database_path.parent.mkdir()
    settings.database_path.write_bytes(b"\x00garbage, not a database" * 100)
    settings.database_path.chmod(0o600)
    status, _, err = osteodigest(config, "digest", capsys=capsys)
    assert status == 1
    one_line(err, DAMAGED)


def reach_2(tmp_path: Path, capsys) -> None:
    config = config_file(tmp_path)
    status, _, err = osteodigest(config, "export", "-o", str(tmp_path), capsys=capsys)
    assert status == 2
    one_line(err, f"cannot write {tmp_path}")


def reach_75(tmp_path: Path, capsys) -> None:
    config = config_file(tmp_path)
    settings = load_settings(config)
    store_real(settings, limit=3)
    (tmp_path / "outbox").write_text("a file where the outbox should be\n", encoding="utf-8")
    status, _, err = osteodigest(config, "digest", capsys=capsys)
    assert status == 75
    one_line(err, f"cannot write {tmp_path / 'outbox'}")
    with job_lock(settings.database_path, "digest", "test"):
        status, _, err = osteodigest(config, "digest", capsys=capsys)
    assert status == 75
    one_line(err, "digest lock is held")


def reach_130(tmp_path: Path, capsys) -> None:
    """Ctrl-C while the server holds a message: 130, and the rerun sends each reader one message."""
    hold = threading.Event()
    with SmtpServer(hold=hold) as server:
        # A time-out far longer than the signal takes to land, however loaded the machine: the message
        # must still be in the server's hands when Ctrl-C comes (a time-out first would be exit 1).
        config = config_file(tmp_path, smtp_port=server.port, timeout=30.0)
        settings = load_settings(config)
        store_real(settings, limit=5)
        addresses = readers(settings, 2)
        proc = spawn(config, "send")
        try:
            assert server.sink.data_arrived.wait(60), "send never reached DATA"
            proc.send_signal(signal.SIGINT)
            # Well before the 30 s time-out: Ctrl-C drops the connection instead of waiting for QUIT.
            _, err = proc.communicate(timeout=20)
        finally:
            hold.set()
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 130
        assert one_line(err) == "osteodigest: interrupted"
        # The server never answered that message: it dropped it with the connection.
        status, _, err = osteodigest(config, "send", capsys=capsys)
        assert status == 1 and "unknown outcome" in err, "the interrupted one is reported, not resent"
        interrupted = next(a for a in addresses if a not in server.sink.by_recipient())
        assert osteodigest(config, "send", "--resend-unknown", capsys=capsys)[0] == 0
        assert server.sink.by_recipient() == dict.fromkeys(addresses, 1), interrupted


REACH = {0: reach_0, 1: reach_1, 2: reach_2, 75: reach_75, 130: reach_130}


@pytest.mark.parametrize("status", sorted(readme_exit_statuses()))
def test_every_exit_status_in_the_readme_is_reached(tmp_path, capsys, status):
    assert status in REACH, f"the README promises exit status {status}, but no test reaches it"
    REACH[status](tmp_path, capsys)
