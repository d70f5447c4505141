"""Issue 17: the config is found as other tools find theirs, checked value by value, shown with where each
value came from; user feeds and topics are added to the shipped ones; the store can be backed up live."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.settings import find_config, load_settings, user_config_path
from osteodigest.crawler.sources import rss
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import load_topics
from werkzeug import Request, Response

from tests.clocks import FakeClock, main
from tests.conftest import fixture_path


class Recorder:
    """A local server that answers 404 to everything and keeps what was asked: which source's service
    (the first path segment, one per source) and the search terms of PubMed's esearch."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.terms: list[str] = []

    def __call__(self, request: Request) -> Response:
        self.paths.append(request.path)
        if request.path.endswith("esearch.fcgi"):
            form = parse_qs(request.get_data(as_text=True)) if request.method == "POST" else {}
            self.terms += form.get("term", []) + request.args.getlist("term")
        return Response("not here", status=404)

    def install(self, httpserver) -> Recorder:
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self)
        return self

    def services(self) -> set[str]:
        return {path.strip("/").split("/")[0] for path in self.paths}


def point_at(text: str, base: str) -> str:
    """The starter config with every service of a source at ``base/NAME/``; the shipped feeds replaced by
    one local feed (the shipped ones are on the internet, which no test touches)."""
    for name in ("pubmed", "europepmc", "crossref", "biorxiv", "clinicaltrials"):
        text = re.sub(
            rf'(\[sources\.{name}\][^\[]*?)base_url = "[^"]*"',
            rf'\1base_url = "{base}/{name}/"',
            text,
            count=1,
        )
    text = text.replace("[sources.rss]\n", "[sources.rss]\nreplace_shipped = true\n", 1)
    return text + f'\n[[sources.rss.feeds]]\nurl = "{base}/rss/feed.xml"\n'


def test_init_then_run_without_config_reads_the_file_init_wrote(httpserver, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "commands run in this folder read it (./osteodigest.toml)" in out
    starter = tmp_path / "osteodigest.toml"
    recorder = Recorder().install(httpserver)
    starter.write_text(point_at(starter.read_text(), httpserver.url_for("").rstrip("/")))

    assert main(["run"]) == 1  # every service answers 404: each source fails, no edition is made
    asked = recorder.services()
    assert asked == {"pubmed", "europepmc", "crossref", "biorxiv", "clinicaltrials", "rss"}, recorder.paths
    assert (tmp_path / "osteodigest.sqlite3").exists(), "the starter file's store, in its folder"


def test_init_elsewhere_says_how_to_make_commands_read_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "conf/digest.toml"]) == 2, "no such folder: one line, no traceback"
    assert capsys.readouterr().err.startswith("osteodigest: cannot write conf/digest.toml: ")
    (tmp_path / "conf").mkdir()
    assert main(["init", "conf/digest.toml"]) == 0
    out = capsys.readouterr().out
    assert "not this file: pass --config conf/digest.toml" in out
    assert "OSTEODIGEST_CONFIG=" in out


def test_global_options_before_or_after_the_command(tmp_path, capsys):
    config = tmp_path / "x.toml"
    config.write_text('[general]\ndatabase = "mine.sqlite3"\n')
    assert main(["status", "--config", str(config), "--json"]) == 0
    assert main(["subscribers", "list", "--config", str(config), "-v"]) == 0
    assert main(["--config", str(config), "status"]) == 0
    assert (tmp_path / "mine.sqlite3").exists()
    capsys.readouterr()
    assert main(["status", "--config", str(tmp_path / "absent.toml")]) == 2
    assert "config file not found" in capsys.readouterr().err


def test_config_is_found_in_the_documented_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config().path is None, "no file anywhere: the built-in defaults"
    user = user_config_path()
    assert "xdg-config" in str(user), "platformdirs honours $XDG_CONFIG_HOME (set by tests/conftest.py)"
    user.parent.mkdir(parents=True)
    user.write_text('[digest]\ntitle = "user"\n')
    assert find_config().found_by == "the user config folder"
    assert load_settings().section("digest")["title"] == "user"
    (tmp_path / "osteodigest.toml").write_text('[digest]\ntitle = "here"\n')
    assert load_settings().section("digest")["title"] == "here"
    env = tmp_path / "env.toml"
    env.write_text('[digest]\ntitle = "env"\n')
    monkeypatch.setenv("OSTEODIGEST_CONFIG", str(env))
    assert load_settings().section("digest")["title"] == "env"
    option = tmp_path / "option.toml"
    option.write_text('[digest]\ntitle = "option"\n')
    assert load_settings(option).section("digest")["title"] == "option"


BAD = """
[digest]
templates_dir = "nope"
[smtp]
host = "smtp.example.org"
port = 99999
from = "not an address"
[web]
base_url = "digest.example.org"
[sources.europepmc]
base_url = "www.ebi.ac.uk/europepmc/"
[general]
timezone = "Mars/Olympus"
"""


def test_config_check_names_every_bad_value_and_commands_refuse_the_first(tmp_path, capsys):
    config = tmp_path / "osteodigest.toml"
    config.write_text(BAD)
    assert main(["config", "check", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    for key in (
        "digest.templates_dir",
        "smtp.port",
        "smtp.from",
        "web.base_url",
        "sources.europepmc.base_url",
        "general.timezone",
    ):
        assert f"'{key}'" in err, (key, err)
    assert "no such folder" in err and "1 to 65535" in err and "has no scheme" in err
    assert all(line.startswith("osteodigest: error: bad value for '") for line in err.splitlines())

    assert main(["--config", str(config), "status"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("osteodigest: bad value for 'digest.templates_dir': no such folder")


def test_pubmed_faster_than_ncbi_allows_is_refused_at_ncbi_but_not_at_a_mirror(tmp_path, capsys):
    config = tmp_path / "osteodigest.toml"
    config.write_text("[sources.pubmed]\nrate_limit = 5\n")
    assert main(["--config", str(config), "config", "check"]) == 2
    err = capsys.readouterr().err
    assert "'sources.pubmed.rate_limit': at most 3 requests/s at eutils.ncbi.nlm.nih.gov" in err
    config.write_text("[sources.pubmed]\nrate_limit_with_key = 11\n")
    assert main(["--config", str(config), "config", "check"]) == 2
    assert "'sources.pubmed.rate_limit_with_key': at most 10 requests/s" in capsys.readouterr().err
    config.write_text('[sources.pubmed]\nrate_limit = 50\nbase_url = "http://127.0.0.1:8081/eutils/"\n')
    assert main(["--config", str(config), "config", "check"]) == 0


def test_config_check_warns_of_plain_http_links_only_with_smtp(tmp_path, capsys):
    config = tmp_path / "osteodigest.toml"
    config.write_text('[smtp]\nhost = "smtp.example.org"\n')
    assert main(["--config", str(config), "config", "check"]) == 0
    captured = capsys.readouterr()
    assert "warning: web.base_url: http://127.0.0.1:8080 is not https" in captured.err
    assert "ok (1 warnings)" in captured.out
    config.write_text('[web]\nbase_url = "https://digest.example.org"\n')
    assert main(["--config", str(config), "config", "check"]) == 0
    assert capsys.readouterr().err == ""


def test_config_show_gives_origins_masks_secrets_and_lists_topics_and_feeds(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OSTEODIGEST_SMTP_PASSWORD", "hunter2-secret")
    config = tmp_path / "osteodigest.toml"
    config.write_text("[smtp]\nport = 2525\n[sources.rss]\nenabled = true\n")
    assert main(["--config", str(config), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert f"port = 2525  # {config}" in out
    assert 'security = "starttls"  # default' in out
    assert "OSTEODIGEST_SMTP_PASSWORD: set (value not shown)" in out and "hunter2" not in out
    assert "#   osteoporosis:" in out and "(shipped)" in out
    assert '[[sources.rss.feeds]]  # shipped\nurl = "https://link.springer.com/' in out


def only_local_names_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name but the local ones fails to resolve, as offline, without asking any resolver: the
    shipped feeds are on the internet, which no test touches, and a feed whose name did not resolve was
    still asked for (the standard library's look-up is replaced, none of the project's code)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_user_feed_and_topic_are_added_to_the_shipped_ones(httpserver, tmp_path, capsys, monkeypatch):
    shipped_feeds = rss.configured_feeds(load_settings().source("rss"))
    shipped_topics = [t.name for t in load_topics()]
    assert len(shipped_feeds) >= 9 and len(shipped_topics) >= 2
    body = fixture_path("rss", "wiley_feed_19968175_taxon_2021-12-21.xml").read_bytes()
    httpserver.expect_request("/rss/mine.xml").respond_with_data(body, content_type="application/xml")
    recorder = Recorder().install(httpserver)
    base = httpserver.url_for("").rstrip("/")
    (tmp_path / "topics.toml").write_text(
        '[topics.bone_marrow_edema]\nlabel = "Bone marrow edema"\npubmed_query = "bme-user-query"\n'
        'terms = ["bone marrow edema"]\n'
    )
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        f'[general]\ntopics_file = "topics.toml"\n[http]\nretries = 0\n'
        f'[sources.pubmed]\nbase_url = "{base}/pubmed/"\nrate_limit = 1000.0\n'
        f'[sources.rss]\nenabled = true\n[[sources.rss.feeds]]\nname = "Mine"\nurl = "{base}/rss/mine.xml"\n'
        "match_topics = false\n"
    )
    settings = load_settings(config)
    feeds = rss.configured_feeds(settings.source("rss"))
    assert feeds[: len(shipped_feeds)] == shipped_feeds, "the shipped feeds, in their order"
    assert [f.name for f in feeds[len(shipped_feeds) :]] == ["Mine"]

    # The topics: every shipped topic's query is asked of PubMed, and the user's too.
    assert main(["--config", str(config), "fetch", "--source", "pubmed"]) == 1
    assert "bme-user-query" in recorder.terms
    shipped_queries = [t.query("pubmed_query") for t in load_topics() if not t.parent]
    assert all(q in recorder.terms for q in shipped_queries), recorder.terms

    # The feeds: every shipped feed that is on is asked for (offline here, so each fails and is logged
    # as a failure), and the user's is fetched and stored.
    only_local_names_resolve(monkeypatch)
    capsys.readouterr()
    assert main(["--config", str(config), "fetch", "--source", "rss"]) == 1
    (line,) = [line for line in capsys.readouterr().err.splitlines() if line.startswith("rss: ")]
    assert "cannot resolve" in line and "link.springer.com" in line, line
    with closing(sqlite3.connect(tmp_path / "osteodigest.sqlite3")) as conn:
        asked = dict(conn.execute("SELECT topic, ok FROM fetch_log WHERE source = 'rss'").fetchall())
        stored = conn.execute("SELECT COUNT(*) FROM records WHERE source = 'rss'").fetchone()[0]
    assert set(asked) == {f.url for f in shipped_feeds if f.enabled} | {f"{base}/rss/mine.xml"}
    assert asked[f"{base}/rss/mine.xml"] == 1 and stored > 0


def test_a_shipped_feed_is_turned_off_by_name_and_replace_shipped_keeps_only_the_users(tmp_path):
    shipped = rss.configured_feeds(load_settings().source("rss"))
    config = tmp_path / "osteodigest.toml"
    config.write_text(f'[[sources.rss.feeds]]\nname = "{shipped[0].name}"\nenabled = false\n')
    feeds = rss.configured_feeds(load_settings(config).source("rss"))
    assert len(feeds) == len(shipped) and not feeds[0].enabled and feeds[0].url == shipped[0].url
    assert [f.enabled for f in feeds[1:]] == [f.enabled for f in shipped[1:]]

    config.write_text(
        '[sources.rss]\nreplace_shipped = true\n[[sources.rss.feeds]]\nurl = "https://example.org/f.xml"\n'
    )
    assert [f.url for f in rss.configured_feeds(load_settings(config).source("rss"))] == [
        "https://example.org/f.xml"
    ]
    config.write_text('[[sources.rss.feeds]]\nname = "A journal nobody ships"\nenabled = false\n')
    with pytest.raises(ConfigError, match=r"missing value for 'sources.rss.feeds\[1\].url'"):
        load_settings(config)


def test_replace_shipped_topics(tmp_path):
    user = tmp_path / "topics.toml"
    user.write_text(
        'replace_shipped = true\n[topics.mine]\nlabel = "Mine"\npubmed_query = "mine"\nterms = ["mine"]\n'
    )
    assert [t.name for t in load_topics(user)] == ["mine"]


def test_backup_is_a_consistent_copy_taken_while_another_connection_writes(tmp_path, capsys):
    config = tmp_path / "osteodigest.toml"
    config.write_text("")
    db = tmp_path / "osteodigest.sqlite3"
    with Store(db) as store:
        store.ops.put_state("pubmed", "osteoporosis", {"until": "2026-11-20"})
    stop = threading.Event()

    def write() -> None:
        with closing(sqlite3.connect(db, timeout=10)) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER)")
            n = 0
            while not stop.is_set():
                with conn:
                    conn.execute("INSERT INTO scratch VALUES (?)", (n,))
                n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert main(["--config", str(config), "backup", str(tmp_path / "copy.sqlite3")]) == 0
    finally:
        stop.set()
        writer.join()
    copy = tmp_path / "copy.sqlite3"
    assert "backed up" in capsys.readouterr().out
    assert copy.stat().st_mode & 0o077 == 0, "private, like the store"
    assert not Path(f"{copy}-wal").exists()
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store(copy) as restored:
        assert restored.ops.get_state("pubmed", "osteoporosis") == {"until": "2026-11-20"}
    assert main(["--config", str(config), "backup", str(db)]) == 2, "never over the store itself"
    assert main(["--config", str(config), "backup", str(tmp_path / "no" / "such" / "dir.sqlite3")]) == 75


def offline(text: str) -> str:
    """The starter config with every service and feed at a name that never resolves (``.invalid`` is
    reserved for that: the look-up fails without asking anyone on the internet)."""
    for name in ("pubmed", "europepmc", "crossref", "biorxiv", "clinicaltrials"):
        text = re.sub(
            rf'(\[sources\.{name}\][^\[]*?)base_url = "[^"]*"',
            rf'\1base_url = "https://{name}.nonexistent.invalid/"',
            text,
            count=1,
        )
    text = text.replace("[sources.rss]\n", "[sources.rss]\nreplace_shipped = true\n", 1)
    feed = '\n[[sources.rss.feeds]]\nurl = "https://journal{}.nonexistent.invalid/feed.xml"\n'
    feeds = "".join(feed.format(n) for n in range(3))
    return text + feeds


def test_offline_the_starter_config_fails_fast_with_one_line_per_source(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    starter = tmp_path / "osteodigest.toml"
    starter.write_text(offline(starter.read_text()))
    capsys.readouterr()
    clock = FakeClock()
    assert main(["run"], clock=clock) == 1
    lines = capsys.readouterr().err.splitlines()
    sources = ("pubmed", "europepmc", "crossref", "biorxiv", "rss", "clinicaltrials")
    assert [line.partition(":")[0] for line in lines[: len(sources)]] == list(sources), lines
    assert all("cannot resolve" in line and "nonexistent.invalid" in line for line in lines[: len(sources)])
    assert lines[len(sources) :] == ["osteodigest: no edition made: no source could be fetched"]
    rss_line = lines[sources.index("rss")]
    assert all(f"journal{n}.nonexistent.invalid" in rss_line for n in range(3)), "each host named once"
    # No back-off was waited for: a name that does not resolve is not asked again (the starter's
    # retries = 4 with back-off would have waited minutes per request, as it did before).
    assert clock.slept < 30, clock.sleeps


def test_a_run_reports_retries_by_cause_and_an_all_off_topic_feed_as_data(httpserver, tmp_path, capsys):
    """Three 503s then the feed: the retries the server saw are counted by cause and stored for status;
    the feed's items (a botany journal) are all off-topic, and -v says how many were read and set aside."""
    body = fixture_path("rss", "wiley_feed_19968175_taxon_2021-12-21.xml").read_bytes()
    replies = iter([503, 503, 503])

    def feed(request: Request) -> Response:
        status = next(replies, 200)
        return Response(body if status == 200 else b"busy", status=status, content_type="application/xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        "[sources.pubmed]\nenabled = false\n[sources.rss]\nenabled = true\nreplace_shipped = true\n"
        f'[[sources.rss.feeds]]\nname = "Taxon"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
    )
    assert main(["-v", "--config", str(config), "fetch"]) == 0
    err = capsys.readouterr().err
    (line,) = [line for line in err.splitlines() if line.startswith("INFO: rss: ")]
    read = int(re.search(r"(\d+) items read", line).group(1))
    assert read > 0 and f"{read} items read, {read} set aside as off-topic, 0 records" in line, line
    assert "1 requests, 3 retries (HTTP 503 ×3), replies 200 ×1, 503 ×3" in line, line
    assert len(httpserver.log) == 4

    assert main(["--config", str(config), "status", "--json"]) == 0
    last = json.loads(capsys.readouterr().out)["sources"]["rss"]["last_run_stats"]
    assert last["retries"] == {"HTTP 503": 3} and last["replies"] == {"200": 1, "503": 3}
    assert last["items_read"] == read and last["off_topic"] == read and last["new_works"] == 0
    assert main(["--config", str(config), "status"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"watermark +\d{4}-\d\d-\d\d, 1 key\n", text), text


def failure_paths(tmp_path: Path) -> list[list[str]]:
    """One failing invocation of every command (bad usage, a bad config, a missing file, a store that
    cannot be reached), each of which writes to stderr."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[smtp]\nport = 99999\n")
    offline_config = tmp_path / "offline.toml"
    offline_config.write_text(
        '[sources.pubmed]\nbase_url = "https://pubmed.nonexistent.invalid/"\n'
        "[sources.rss]\nenabled = true\nreplace_shipped = true\n"
        '[[sources.rss.feeds]]\nurl = "https://feed.nonexistent.invalid/f.xml"\n'
    )
    good = tmp_path / "good.toml"
    good.write_text("")
    (tmp_path / "exists.toml").write_text("")
    missing = str(tmp_path / "missing.csv")
    return [
        ["no-such-command"],
        ["init", str(tmp_path / "exists.toml")],
        ["--config", str(offline_config), "run"],
        ["--config", str(offline_config), "fetch"],
        ["--config", str(bad), "digest"],
        ["dedup", missing, "-o", str(tmp_path / "out.csv")],
        ["tag", missing],
        ["--config", str(bad), "schedule", "--once"],
        ["status", "--config", str(tmp_path / "absent.toml")],
        ["--config", str(good), "backfill", "--since", "2021-01-01", "--source", "rss"],
        ["--config", str(good), "export", "-o", str(tmp_path / "no" / "dir" / "x.jsonl")],
        ["--config", str(bad), "web"],
        ["--config", str(bad), "send"],
        ["--config", str(good), "subscribers", "remove", "nobody@example.org"],
        ["config", "check", "--config", str(bad)],
        ["--config", str(good), "backup", str(tmp_path / "no" / "dir" / "copy.sqlite3")],
    ]


def test_with_json_logs_every_stderr_line_of_every_failure_is_json(tmp_path, capsys):
    for argv in failure_paths(tmp_path):
        assert main(["--log-format", "json", "-v", *argv]) != 0, argv
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines, (argv, "a failure says so")
        for line in lines:
            record = json.loads(line)  # raises on a line that is not JSON
            assert record["level"] in ("info", "warning", "error") and record["message"], (argv, line)


def test_the_json_wrapper_collected_after_its_stream_was_closed_raises_nothing():
    """``io`` closes (so flushes) a wrapper it collects: after the wrapped stream's owner closed it (a test
    capture, a pipe), that flush must not raise "I/O operation on closed file" from a finaliser."""
    import io

    from osteodigest.newsletter.logs import JsonLines

    target = io.StringIO()
    wrapper = JsonLines(target)
    wrapper.write("first line\nhalf a ")
    assert json.loads(target.getvalue())["message"] == "first line"
    target.close()
    wrapper.flush()
    wrapper.close()
    assert wrapper.closed


def test_sources_lists_every_source_feed_and_page_with_its_state(httpserver, tmp_path, capsys):
    body = fixture_path("rss", "wiley_feed_19968175_taxon_2021-12-21.xml").read_bytes()
    httpserver.expect_request("/feed.xml").respond_with_data(body, content_type="application/xml")
    config = tmp_path / "osteodigest.toml"
    # Every shipped feed turned off by name (they are on the internet, which no test touches), one added.
    shipped = rss.configured_feeds(load_settings().source("rss"))
    off = "".join(f'[[sources.rss.feeds]]\nname = "{f.name}"\nenabled = false\n' for f in shipped)
    config.write_text(
        f"[sources.pubmed]\nenabled = false\n[sources.rss]\nenabled = true\n{off}"
        f'[[sources.rss.feeds]]\nname = "Taxon"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
    )
    assert main(["--config", str(config), "fetch"]) == 0
    capsys.readouterr()
    assert main(["sources", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "pubmed (PubMed): disabled" in out and "rss (journal feed): enabled" in out
    assert "scrape (journal page): disabled" in out
    assert re.search(
        r'feed "Taxon" http://\S+/feed.xml: on, fetched to \d{4}-\d\d-\d\d \(' + re.escape(str(config)), out
    )
    assert re.search(r'feed "Bone" https://\S+: off, not fetched yet \(' + re.escape(str(config)), out), out
    assert "items read" in out and "last success" in out


def test_two_feeds_of_the_users_with_one_name_both_stay(tmp_path):
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        "[sources.rss]\nreplace_shipped = true\n"
        '[[sources.rss.feeds]]\nname = "Same"\nurl = "https://a.example.org/f.xml"\n'
        '[[sources.rss.feeds]]\nname = "Same"\nurl = "https://b.example.org/f.xml"\n'
    )
    urls = [f.url for f in rss.configured_feeds(load_settings(config).source("rss"))]
    assert urls == ["https://a.example.org/f.xml", "https://b.example.org/f.xml"]
