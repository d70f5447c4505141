"""Backfill: date windows, resumable after a failure or a kill, live watermarks untouched."""

from __future__ import annotations

from datetime import date

import pytest
from osteodigest.crawler.backfill import plan_windows
from osteodigest.crawler.sources.base import Window

from tests.clocks import main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator, Fault
from tests.ops_helpers import HoldPoint, kill_while_held, spawn, stored_pmids, watermarks, write_config

SINCE, UNTIL = date(2021, 3, 1), date(2021, 6, 30)
ARGS = ["backfill", "--since", "2021-03-01", "--until", "2021-06-30", "--window-days", "30"]
#: The five 30-day windows of ARGS, as esearch mindate values.
STARTS = ["2021/03/01", "2021/03/31", "2021/04/30", "2021/05/30", "2021/06/29"]


@pytest.fixture
def emulator(httpserver):
    emu = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"), by_entry_date=True)
    emu.base_url = emu.install(httpserver)
    return emu


def expected(emulator: EUtilsEmulator) -> list[str]:
    return sorted(p for p, d in emulator.entry_dates.items() if SINCE <= d <= UNTIL)


def searched_starts(emulator: EUtilsEmulator, since: int = 0) -> list[str]:
    return [call["mindate"] for call in emulator.calls("esearch")[since:]]


def test_windows_cover_the_span_without_gaps_or_overlap():
    assert plan_windows(date(2021, 3, 1), date(2021, 3, 20), 7) == [
        Window(date(2021, 3, 1), date(2021, 3, 7)),
        Window(date(2021, 3, 8), date(2021, 3, 14)),
        Window(date(2021, 3, 15), date(2021, 3, 20)),
    ]
    assert plan_windows(date(2021, 3, 1), date(2021, 3, 1), 30) == [
        Window(date(2021, 3, 1), date(2021, 3, 1))
    ]


def test_backfill_stores_every_record_of_the_span_and_leaves_the_watermark_alone(emulator, tmp_path, capsys):
    config = write_config(tmp_path, emulator.base_url)
    assert main(["--config", str(config), *ARGS]) == 0
    assert capsys.readouterr().err == "", "no progress bar when stderr is not a terminal"
    db = tmp_path / "osteodigest.sqlite3"
    assert stored_pmids(db) == expected(emulator) and len(expected(emulator)) > 100
    assert watermarks(db) == {}, "the live fetch keeps its own place"
    assert sorted(set(searched_starts(emulator))) == STARTS
    ends = sorted({call["maxdate"] for call in emulator.calls("esearch")})
    assert ends == ["2021/03/30", "2021/04/29", "2021/05/29", "2021/06/28", "2021/06/30"]

    calls = len(emulator.log)
    assert main(["--config", str(config), *ARGS]) == 0
    assert len(emulator.log) == calls, "a finished backfill asks for nothing again"


def test_a_failed_window_stops_the_source_and_the_rerun_resumes_there(emulator, tmp_path, capsys):
    config = write_config(tmp_path, emulator.base_url, http="[http]\nretries = 0\n")
    # Windows 1 and 2 make two esearch calls each (two topics); the fifth call fails.
    for _ in range(4):
        emulator.faults["esearch"].append(Fault(action="healthy"))
    emulator.faults["esearch"].append(Fault(503, {}, b"<html>Service Unavailable</html>"))
    assert main(["--config", str(config), *ARGS]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pubmed: window 2021-04-30…2021-05-29: esearch for topic osteonecrosis: HTTP 503")
    assert "run the same backfill again to resume" in err
    first_run = len(emulator.calls("esearch"))
    assert sorted(set(searched_starts(emulator))) == STARTS[:3], "stopped at the failed window"

    assert main(["--config", str(config), *ARGS]) == 0
    assert sorted(set(searched_starts(emulator, first_run))) == STARTS[2:], "completed windows not refetched"
    pmids = stored_pmids(tmp_path / "osteodigest.sqlite3")
    assert pmids == expected(emulator), "every record once"


def test_a_killed_backfill_continues_where_it_stopped(emulator, tmp_path):
    kill_point = HoldPoint(when=lambda params: params["mindate"] == STARTS[3])
    emulator.hooks["esearch"] = kill_point
    config = write_config(tmp_path, emulator.base_url)
    proc = spawn(config, *ARGS)
    kill_while_held(proc, kill_point, wait=120, what="the backfill never reached its fourth window")
    db = tmp_path / "osteodigest.sqlite3"
    partial = stored_pmids(db)
    assert 0 < len(partial) < len(expected(emulator))
    emulator.hooks.clear()
    before = len(emulator.calls("esearch"))
    assert main(["--config", str(config), *ARGS]) == 0
    assert sorted(set(searched_starts(emulator, before))) == STARTS[3:]
    assert stored_pmids(db) == expected(emulator)


def test_progress_bar_shows_windows_records_and_rate(emulator, tmp_path, capsys):
    config = write_config(tmp_path, emulator.base_url)
    assert main(["--config", str(config), *ARGS, "--progress"]) == 0
    err = capsys.readouterr().err
    assert "5/5" in err and "window" in err and "records=" in err and "rec/s" in err


def test_feeds_cannot_be_backfilled(tmp_path, capsys):
    config = write_config(tmp_path, "http://127.0.0.1:9/")
    assert main(["--config", str(config), "backfill", "--since", "2021-01-01", "--source", "rss"]) == 2
    assert "'rss' has no date windows" in capsys.readouterr().err
    assert main(["--config", str(config), "backfill", "--since", "2021-13-01"]) == 2
