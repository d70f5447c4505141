"""The scheduler: cron expressions as cron means them, "due" from the store, --once, and a clean SIGTERM."""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.settings import load_settings, settings_from_dict
from osteodigest.newsletter.schedule import Daemon, JobSpec, due_jobs, is_due, job_specs, trigger_for

from tests.clocks import main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.ops_helpers import HoldPoint, finish_or_dump, spawn, stored_pmids, write_config

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def emulator(httpserver):
    emu = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    emu.base_url = emu.install(httpserver)
    return emu


def spec(cron: str) -> JobSpec:
    return JobSpec("publish:weekly", "publish", "weekly", cron, "digest.schedule")


def test_default_jobs_fetch_every_6_hours_and_publish_weekly_on_monday_0600():
    settings = settings_from_dict({"general": {"timezone": "Europe/Berlin"}})
    specs = {s.id: s for s in job_specs(settings)}
    assert list(specs) == ["fetch:pubmed", "publish:daily", "publish:weekly", "publish:monthly", "send"]
    assert specs["send"].cron == "0 6 * * *", "send daily at the edition's time"
    tz = BERLIN
    saturday = datetime(2026, 11, 21, 12, 30, tzinfo=tz)
    publish = trigger_for(specs["publish:weekly"], tz).get_next_fire_time(None, saturday)
    assert publish == datetime(2026, 11, 23, 6, 0, tzinfo=tz)
    fetch = trigger_for(specs["fetch:pubmed"], tz).get_next_fire_time(None, saturday)
    assert fetch == datetime(2026, 11, 21, 18, 0, tzinfo=tz)
    monthly = settings_from_dict({"digest": {"frequency": "monthly"}})
    by_id = {s.id: s for s in job_specs(monthly)}
    assert by_id["publish:monthly"].cron == "0 6 1 * *" and by_id["send"].cron == "0 6 * * *"
    custom = settings_from_dict({"digest": {"schedule": "30 7 * * fri"}})
    by_id = {s.id: s for s in job_specs(custom)}
    assert by_id["publish:weekly"].cron == "30 7 * * fri" and by_id["send"].cron == "30 7 * * *"


@pytest.mark.parametrize(
    ("cron", "weekday"),
    [("0 6 * * 1", "Monday"), ("0 6 * * 0", "Sunday"), ("0 6 * * 7", "Sunday"), ("0 6 * * 5-7", "Friday")],
)
def test_numeric_weekdays_mean_what_crontab_means(cron, weekday):
    """APScheduler 3 counts 0 as Monday; a crontab line copied into the config must not shift a day."""
    thursday = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)
    fire = trigger_for(spec(cron), ZoneInfo("UTC")).get_next_fire_time(None, thursday)
    assert fire.strftime("%A") == weekday


def test_bad_cron_is_a_config_error_naming_the_key(tmp_path, capsys):
    with pytest.raises(ConfigError, match=r"digest\.schedule"):
        trigger_for(spec("0 25 * * *"), ZoneInfo("UTC"))
    config = write_config(tmp_path, "http://127.0.0.1:9/", extra='[digest]\nschedule = "0 6 * *"\n')
    assert main(["--config", str(config), "schedule", "--once"]) == 2
    assert "'digest.schedule'" in capsys.readouterr().err


def test_due_means_a_fire_time_passed_since_the_last_run():
    trigger = trigger_for(spec("0 6 * * mon"), BERLIN)
    monday_0700 = datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN)
    assert is_due(spec("x"), trigger, None, monday_0700), "never ran"
    last_week = datetime(2026, 11, 16, 6, 0, 5, tzinfo=BERLIN)
    assert is_due(spec("x"), trigger, last_week, monday_0700)
    this_morning = datetime(2026, 11, 23, 5, 0, 1, tzinfo=UTC)  # 06:00:01 in Berlin
    assert not is_due(spec("x"), trigger, this_morning, monday_0700)
    sunday = datetime(2026, 11, 22, 23, 0, tzinfo=BERLIN)
    assert not is_due(spec("x"), trigger, last_week, sunday), "next fire time not reached yet"


def test_schedule_once_runs_fetch_and_edition_then_status_json_reports(emulator, tmp_path, capsys):
    """Done-when: `schedule --once` against a local server exits 0; `status --json` shows the result."""
    config = write_config(tmp_path, emulator.base_url)
    assert main(["--config", str(config), "schedule", "--once"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "", "quiet when all is well"
    assert (tmp_path / "outbox" / "edition-00001.eml").exists()
    pmids = stored_pmids(tmp_path / "osteodigest.sqlite3")
    assert len(pmids) == len(set(pmids)) == len(emulator.articles)

    assert main(["--config", str(config), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    pubmed = status["sources"]["pubmed"]
    assert pubmed["last_success"] and pubmed["consecutive_failures"] == 0 and pubmed["last_error"] is None
    assert pubmed["recent_records"] == [len(emulator.articles)]
    assert set(pubmed["watermark"]) == {"osteonecrosis", "osteoporosis"}
    assert status["editions"]["count"] == 1 and status["editions"]["last"]["items"] > 0
    assert status["store"]["records"] == len(emulator.articles) and status["store"]["bytes"] > 0
    assert status["ok"] is True and status["flags"] == []

    searches = len(emulator.calls("esearch"))
    assert main(["--config", str(config), "schedule", "--once"]) == 0, "nothing due: nothing done"
    assert len(emulator.calls("esearch")) == searches
    assert not (tmp_path / "outbox" / "edition-00002.eml").exists()

    settings = load_settings(config)
    after_next_slot = datetime.now(UTC) + timedelta(hours=6, minutes=1)  # a 6-hourly fire time has passed
    due = {s.id: d for s, d in due_jobs(settings, after_next_slot)}
    assert due["fetch:pubmed"] is True


def test_daemon_catches_up_at_start_fetch_first_with_coalesce_and_hours_of_grace(tmp_path):
    config = write_config(tmp_path, "http://127.0.0.1:9/", extra="[scheduler]\nmisfire_grace_hours = 12.0\n")
    daemon = Daemon(load_settings(config))
    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    daemon.add_jobs(now)
    jobs = {job.id: job for job in daemon.scheduler.get_jobs()}
    assert set(jobs) == {"fetch:pubmed", "publish:daily", "publish:weekly", "publish:monthly", "send"}
    for job in jobs.values():
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 12 * 3600)
    # A new store has run nothing: fetch and edition are due at start-up, the fetch first. Without
    # readers, other frequencies' editions and sending are not due (they wait for their cron times).
    assert jobs["fetch:pubmed"].next_run_time < jobs["publish:weekly"].next_run_time
    assert not hasattr(jobs["send"], "next_run_time") and not hasattr(jobs["publish:daily"], "next_run_time")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_sigterm_finishes_the_job_in_hand_and_exits_cleanly(stop, emulator, tmp_path):
    hold = HoldPoint()
    emulator.hooks["esearch"] = hold
    config = write_config(tmp_path, emulator.base_url)
    daemon = spawn(config, "schedule")
    second = None
    try:
        assert hold.arrived.wait(timeout=60), "the start-up catch-up fetch did not begin"
        second = spawn(config, "schedule")
        _, err = second.communicate(timeout=60)
        assert second.returncode == 75 and "schedule lock is held" in err
        daemon.send_signal(stop)
        hold.release.set()  # the fetch in hand completes after the signal
        out, err = finish_or_dump(daemon, 120, f"the daemon after {stop.name}")
    finally:
        hold.release.set()
        for proc in (daemon, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert daemon.returncode == 0, err
    assert out == "" and err == ""
    db = tmp_path / "osteodigest.sqlite3"
    pmids = stored_pmids(db)
    assert len(pmids) == len(set(pmids)) == len(emulator.articles), "the job in hand finished"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        editions = conn.execute("SELECT COUNT(*) FROM editions").fetchone()[0]
    assert editions == 0, "no job was started after SIGTERM"


def test_once_publishes_each_readers_frequency_and_sends_each_edition_once(emulator, tmp_path, capsys):
    config = write_config(tmp_path, emulator.base_url)
    add = ["--config", str(config), "subscribers", "add"]
    assert main([*add, "daily@example.org", "--frequency", "daily"]) == 0
    assert main([*add, "weekly@example.org"]) == 0
    assert main(["--config", str(config), "schedule", "--once"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["editions"]["by_frequency"] == {"daily": 1, "weekly": 1}, "no monthly edition: no reader"
    assert status["deliveries"]["sent"] == 2 and status["deliveries"]["pending"] == 0

    assert main(["--config", str(config), "schedule", "--once"]) == 0
    assert main(["--config", str(config), "status", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["deliveries"] == status["deliveries"] and again["editions"]["count"] == 2, "nothing twice"


def test_json_logs_for_a_failing_job(tmp_path, capsys):
    config = write_config(tmp_path, "http://127.0.0.1:9/eutils/", http="[http]\nretries = 0\n")
    assert main(["--log-format", "json", "--config", str(config), "schedule", "--once"]) == 1
    lines = capsys.readouterr().err.splitlines()
    records = [json.loads(line) for line in lines]
    errors = [r for r in records if r["level"] == "error"]
    assert errors and all(r["message"].startswith("pubmed: esearch for topic") for r in errors)
    assert {"time", "level", "logger", "message"} <= set(records[0])


def test_list_marks_send_due_only_when_a_mail_is_owed(emulator, tmp_path, capsys):
    config = write_config(tmp_path, emulator.base_url)

    def send_row() -> str:
        capsys.readouterr()
        assert main(["--config", str(config), "schedule", "--list"]) == 0
        (row,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("send ")]
        return row

    assert main(["--config", str(config), "subscribers", "add", "reader@example.org"]) == 0
    assert "(due)" not in send_row(), "a reader but no edition: nothing to send"
    assert main(["--config", str(config), "digest"]) == 0
    assert send_row().endswith("(due)"), "an edition owed to the reader"
    assert main(["--config", str(config), "send", "--no-build"]) == 0
    assert "(due)" not in send_row(), "sent: nothing owed until the next edition"


def test_a_signal_another_thread_catches_still_stops_the_daemon_at_once(emulator, tmp_path):
    # The system may hand SIGTERM to any thread of the process (the job's, busy in a socket read); Python
    # runs the handler in the main thread only, when that thread runs. The daemon's main thread used to
    # sleep inside APScheduler until the next fire time, hours away, so such a signal did not stop it: the
    # hang seen under CI's load. Here the signal goes to a helper thread on purpose; a second one, to the
    # main thread after 20 s, only rescues the test run from that hang.
    daemon = Daemon(load_settings(write_config(tmp_path, emulator.base_url)))
    main_thread = threading.main_thread().ident
    assert main_thread == threading.get_ident(), "the daemon installs its handlers in the main thread"
    finished = threading.Event()
    rescued: list[bool] = []

    def signal_from_here() -> None:
        time.sleep(1.0)  # the start-up jobs are under way and the daemon waits for a signal
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
        if not finished.wait(20):
            rescued.append(True)
            signal.pthread_kill(main_thread, signal.SIGTERM)

    helper = threading.Thread(target=signal_from_here, daemon=True)
    started = time.monotonic()
    helper.start()
    try:
        status = daemon.run()
    finally:
        finished.set()
        helper.join()
    assert not rescued, "the signal the helper thread caught did not stop the daemon"
    assert status == 0 and time.monotonic() - started < 15
