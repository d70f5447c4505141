from __future__ import annotations

from pathlib import Path

import pytest
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.settings import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.delenv("OSTEODIGEST_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.database_path == tmp_path / "osteodigest.sqlite3"
    assert settings.outbox_path == tmp_path / "outbox"
    assert settings.enabled_sources == ["pubmed"]


def test_file_overrides_and_paths_resolve_against_its_folder(tmp_path):
    path = write(tmp_path, '[general]\ndatabase = "db/x.sqlite3"\n[sources.pubmed]\nbase_url = "http://h/"\n')
    settings = load_settings(path)
    assert settings.database_path == tmp_path / "db" / "x.sqlite3"
    assert settings.source("pubmed")["base_url"] == "http://h/"
    assert settings.source("pubmed")["batch_size"] == 200


def test_env_names_the_config(tmp_path, monkeypatch):
    path = write(tmp_path, "[digest]\nmax_items = 7\n")
    monkeypatch.setenv("OSTEODIGEST_CONFIG", str(path))
    assert load_settings().section("digest")["max_items"] == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[sources.pubmed]\nbase_ur = 'x'\n", "unknown config key 'sources.pubmed.base_ur'"),
        ("[sources.nosuch]\nenabled = true\n", "unknown config key 'sources.nosuch'"),
        ("[http]\ntimeout = 'slow'\n", "bad value for 'http.timeout': expected a number, got 'slow'"),
        (
            "[sources.pubmed]\nenabled = 'yes'\n",
            "bad value for 'sources.pubmed.enabled': expected true or false",
        ),
        ("[digest]\nfrequency = 'hourly'\n", "expected one of daily, weekly, monthly"),
        ("[http]\nretries = -1\n", "must not be negative"),
        # A zero step used to crash the PubMed fetch (range() arg 3 must not be zero) after the searches.
        ("[sources.pubmed]\nbatch_size = 0\n", "'sources.pubmed.batch_size': must be at least 1"),
        ("[sources.pubmed]\nbatch_size = 20000\n", "'sources.pubmed.batch_size': must be at most 10000"),
        # 0 requests/s would not be slow but unlimited.
        ("[sources.rss]\nrate_limit = 0\n", "bad value for 'sources.rss.rate_limit': must be more than 0"),
        ("[sources.pubmed]\nrate_limit_with_key = 0\n", "'sources.pubmed.rate_limit_with_key': must be more"),
        # Pages larger than the services serve used to be cut down without a word.
        ("[sources.europepmc]\npage_size = 5000\n", "'sources.europepmc.page_size': must be at most 1000"),
        ("[sources.crossref]\nrows = 0\n", "bad value for 'sources.crossref.rows': must be at least 1"),
        ("[sources.clinicaltrials]\npage_size = 1001\n", "'sources.clinicaltrials.page_size': must be at"),
        ("[sources.scrape]\nmax_pages = 0\n", "bad value for 'sources.scrape.max_pages': must be at least 1"),
        ("[[sources.rss.feeds]]\nname = 'x'\n", "missing value for 'sources.rss.feeds[1].url'"),
        (
            "[[sources.rss.feeds]]\nurl = 'u'\ncolour = 1\n",
            "unknown config key 'sources.rss.feeds[1].colour'",
        ),
        ("[general\n", "invalid TOML"),
    ],
)
def test_bad_config_is_one_line_naming_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, text))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")


def test_starter_config_is_valid(tmp_path):
    from importlib import resources

    starter = resources.files("osteodigest.crawler.data").joinpath("starter_config.toml")
    text = starter.read_text(encoding="utf-8")
    settings = load_settings(write(tmp_path, text))
    assert settings.enabled_sources == ["pubmed", "europepmc", "crossref", "biorxiv", "rss", "clinicaltrials"]
