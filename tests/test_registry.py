"""The source registry: a source declared once, and read from there by settings, runner, merge and digest.

The toy source (tests/toy_source.py) is the whole of what adding a source takes — its module, and the
one ``register`` call below — driven through the real ``osteodigest`` command against a local server.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from osteodigest.crawler import registry
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.models import Record, Work
from osteodigest.crawler.registry import SourceSpec
from osteodigest.crawler.settings import load_settings, settings_from_dict
from osteodigest.crawler.store import Store

from tests.clocks import main

TOY = SourceSpec("toy", "tests.toy_source", "Toy Bone Letters", settings={"per_page": 20}, rank=7)

ITEMS = [
    {
        "id": 1,
        "title": "Denosumab and hip fracture in postmenopausal osteoporosis: a cohort study",
        "abstract": "We followed 1,200 women with osteoporosis. In conclusion, fewer fractures.",
        "doi": "10.5555/toy.1",
    },
    {
        "id": 2,
        "title": "Core decompression for osteonecrosis of the femoral head",
        "abstract": "Twenty hips with avascular necrosis were treated. These findings support early surgery.",
        "doi": "10.5555/toy.2",
    },
]


@pytest.fixture
def toy():
    """The toy source, registered the way the built-ins are, for this test only."""
    spec = registry.register(TOY)
    try:
        yield spec
    finally:
        registry.unregister(spec.name)


def toy_config(tmp_path, base_url: str, per_page: str = "5") -> str:
    path = tmp_path / "osteodigest.toml"
    path.write_text(
        f'[sources.pubmed]\nenabled = false\n[sources.toy]\nenabled = true\nbase_url = "{base_url}"\n'
        f"per_page = {per_page}\n",
        encoding="utf-8",
    )
    return str(path)


def test_a_new_source_is_one_module_and_one_registry_line(toy, httpserver, tmp_path, capsys):
    httpserver.expect_request("/toy/items.json", query_string={"per_page": "5"}).respond_with_json(ITEMS)
    config = toy_config(tmp_path, httpserver.url_for("/toy/"))

    assert main(["--config", config, "fetch"]) == 0, capsys.readouterr().err
    with Store(tmp_path / "osteodigest.sqlite3") as store:
        works = list(store.works.iter_all())
        assert set(store.ops.get_state("toy", "items")) == {"until"}, "the watermark moved with the records"
    assert sorted(w.doi for w in works) == ["10.5555/toy.1", "10.5555/toy.2"]
    assert sorted(w.topics for w in works) == [("osteonecrosis",), ("osteoporosis",)]

    capsys.readouterr()
    main(["--config", config, "status", "--json"])
    status = json.loads(capsys.readouterr().out)
    assert list(status["sources"]) == ["toy"]

    assert main(["--config", config, "digest"]) == 0
    edition = (tmp_path / "outbox" / "edition-00001.txt").read_text(encoding="utf-8")
    assert "Core decompression" in edition and "Toy Bone Letters" in edition, "the label is what readers see"


def test_the_toy_sources_settings_are_validated_like_the_built_ins(toy, tmp_path, capsys):
    defaults = load_settings(None).source("toy")
    assert defaults == {
        "enabled": False,
        "base_url": "",
        "rate_limit": 1.0,
        "schedule": registry.DEFAULT_SCHEDULE,
        "per_page": 20,
    }
    assert main(["--config", toy_config(tmp_path, "http://127.0.0.1:9/", '"five"'), "fetch"]) == 2
    assert "bad value for 'sources.toy.per_page': expected an integer" in capsys.readouterr().err
    with pytest.raises(ConfigError, match=r"unknown config key 'sources\.toy\.colour'"):
        settings_from_dict({"sources": {"toy": {"colour": 1}}})


def test_the_toy_source_is_not_windowed_so_backfill_refuses_it(toy, tmp_path, capsys):
    config = toy_config(tmp_path, "http://127.0.0.1:9/")
    assert main(["--config", config, "backfill", "--since", "2024-01-01", "--source", "toy"]) == 2
    assert "source 'toy' has no date windows to backfill" in capsys.readouterr().err


def test_the_merge_rank_comes_from_the_registry(toy):
    pubmed = Record(source="pubmed", source_id="1", title="A", abstract="longer abstract than the other")
    toy_record = Record(source="toy", source_id="1", title="A", abstract="short")
    work = Work(id=1, records=(pubmed, toy_record), first_seen="2026-01-01T00:00:00Z")
    assert work.primary is toy_record, "rank 7 outranks PubMed's 6"
    registry.unregister("toy")
    assert work.primary is pubmed, "a source no longer registered ranks last"
    registry.register(TOY)


def test_built_ins_are_registered_in_status_order_and_names_are_unique():
    assert registry.names() == (
        "pubmed",
        "europepmc",
        "crossref",
        "biorxiv",
        "rss",
        "scrape",
        "clinicaltrials",
    )
    assert [s.name for s in registry.sources() if s.windowed] == [
        "pubmed",
        "europepmc",
        "crossref",
        "biorxiv",
        "clinicaltrials",
    ]
    assert registry.topic_query_keys() == (
        "pubmed_query",
        "europepmc_query",
        "crossref_query",
        "clinicaltrials_condition",
    )
    with pytest.raises(ValueError, match="already registered"):
        registry.register(SourceSpec("pubmed", "x", "X"))
    for spec in registry.sources():
        assert callable(spec.fetcher()), spec.name


def test_a_topic_query_key_is_declared_by_its_source(toy, tmp_path):
    """A source that is searched per topic names its topics-file key; the topics file then accepts it."""
    from osteodigest.crawler.topics import load_topics

    topics_file = tmp_path / "topics.toml"
    topics_file.write_text('[topics.osteoporosis]\ntoy_query = "bone"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown config key 'topics\.osteoporosis\.toy_query'"):
        load_topics(topics_file)
    registry.unregister("toy")
    registry.register(SourceSpec("toy", "tests.toy_source", "Toy", topic_query="toy_query"))
    try:
        topic = next(t for t in load_topics(topics_file) if t.name == "osteoporosis")
        assert topic.query("toy_query") == "bone"
    finally:
        registry.unregister("toy")
        registry.register(TOY)


def test_the_registry_and_the_models_import_no_source_module():
    code = (
        "import sys, osteodigest.crawler.models, osteodigest.crawler.settings, osteodigest.crawler.registry\n"
        "print(sorted(m for m in sys.modules if m.startswith('osteodigest.crawler.sources')"
        " or m in ('requests', 'lxml', 'feedparser', 'bs4')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
