"""The `osteodigest` command end to end, as a new user runs it, against a local E-utilities emulator."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from osteodigest.newsletter.cli import build_parser, main

from tests.conftest import fixture_path, refused_port
from tests.emulators.eutils import EUtilsEmulator

REPO = Path(__file__).resolve().parents[1]


def osteodigest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed console script when there is one, else the module.

    CI installs the package non-editably and runs this from a temporary folder, so the script imports the
    installed copy: the end-to-end test then also proves the wheel ships its templates and topics.
    """
    script = shutil.which("osteodigest")
    command = [script] if script else [sys.executable, "-m", "osteodigest.newsletter.cli"]
    env = {k: v for k, v in os.environ.items() if k not in ("OSTEODIGEST_CONFIG", "NCBI_API_KEY")}
    if not script:
        env["PYTHONPATH"] = str(REPO)
    return subprocess.run(command + list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def index_pmids() -> list[str]:
    lines = fixture_path("pubmed", "bone_topic_subset.index.tsv").read_text().splitlines()[1:]
    return [line.split("\t")[0] for line in lines if line.strip()]


def expected_dois() -> dict[str, str | None]:
    """PMID -> DOI read straight from the XML (ArticleIdList, else ELocationID), independent of our parser."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(fixture_path("pubmed", "bone_topic_subset.xml")), parser).getroot()
    result = {}
    for article in root.iter("PubmedArticle"):
        pmid = article.findtext("MedlineCitation/PMID")
        doi = article.findtext("PubmedData/ArticleIdList/ArticleId[@IdType='doi']") or article.findtext(
            "MedlineCitation/Article/ELocationID[@EIdType='doi']"
        )
        result[pmid] = doi.strip().lower() if doi else None
    return result


@pytest.fixture
def pubmed_config(httpserver, tmp_path):
    emulator = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    base = emulator.install(httpserver)
    config = tmp_path / "c.toml"
    config.write_text(f'[sources.pubmed]\nbase_url = "{base}"\n[http]\nbackoff_factor = 0.05\n')
    return config


def test_run_stores_every_pmid_puts_the_works_about_a_topic_in_the_edition_and_a_second_run_adds_nothing(
    pubmed_config, tmp_path
):
    first = osteodigest("--config", str(pubmed_config), "run", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "" and first.stderr == "", "quiet when all is well"
    html = (tmp_path / "outbox" / "edition-00001.html").read_text()
    text = (tmp_path / "outbox" / "edition-00001.txt").read_text()
    pmids = index_pmids()
    assert len(pmids) == 262

    export = osteodigest("--config", str(pubmed_config), "export", "--format", "jsonl", cwd=tmp_path)
    works = [json.loads(line) for line in export.stdout.splitlines()]
    assert sorted(w["pmid"] for w in works) == sorted(pmids), "the search's every record is stored"
    about = {w["pmid"] for w in works if w["topics"]}
    # The search is a candidate, not a verdict: the edition holds the works the relevance stage found
    # about a topic (the fixture is PubMed's bone searches: many only mention a term).
    assert 50 < len(about) < len(pmids)
    shown = set(re.findall(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/", html))
    assert shown == about
    assert set(re.findall(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/", text)) == about
    items = re.findall(r'<td class="item" id="w\d+"', html)
    assert len(items) == len(about), "one item per work"
    levels = html.count('class="badge badge-level badge-level-')
    assert levels == len(items), "every item shows its evidence level"
    assert html.count('class="badge badge-design"') == len(items), "every item shows its study type"
    assert text.count("Why you see this: ") == len(items)
    eml = (tmp_path / "outbox" / "edition-00001.eml").read_bytes()
    assert b"multipart/alternative" in eml

    second = osteodigest("--config", str(pubmed_config), "run", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert not (tmp_path / "outbox" / "edition-00002.txt").exists(), (
        "this week's edition is made: a second run makes no empty one to take its place"
    )
    digest = osteodigest("--config", str(pubmed_config), "digest", cwd=tmp_path)
    assert digest.returncode == 0 and "the weekly edition of this period is edition 1" in digest.stdout
    assert not (tmp_path / "outbox" / "edition-00002.txt").exists()

    export = osteodigest("--config", str(pubmed_config), "export", "--format", "jsonl", cwd=tmp_path)
    works = [json.loads(line) for line in export.stdout.splitlines()]
    assert len(works) == 262, "the second run duplicated nothing"
    assert sorted(w["pmid"] for w in works) == sorted(pmids)
    by_pmid = {w["pmid"]: w for w in works}
    assert {p: by_pmid[p]["doi"] for p in pmids} == expected_dois()
    for work in works:
        assert {
            "id",
            "pmid",
            "doi",
            "title",
            "journal",
            "published",
            "first_seen",
            "sources",
            "topics",
            "relevance",
        } <= set(work)
        assert work["sources"] == ["pubmed"]
        for name in work["topics"]:
            assert work["relevance"][name]["decision"] == "about" and work["relevance"][name]["why"]


def test_offline_run_names_the_source_stores_nothing_and_fails(tmp_path):
    config = tmp_path / "c.toml"
    with refused_port() as port:
        config.write_text(
            f'[sources.pubmed]\nbase_url = "http://127.0.0.1:{port}/eutils/"\n[http]\nretries = 1\n'
        )
        result = osteodigest("--config", str(config), "run", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("pubmed:")]
    assert lines and all(f"cannot connect to 127.0.0.1:{port}" in line for line in lines)
    export = osteodigest("--config", str(config), "export", cwd=tmp_path)
    assert export.stdout == ""
    # No edition claims "nothing new" about literature the run never reached.
    assert result.stderr.splitlines()[-1] == "osteodigest: no edition made: no source could be fetched"
    assert not any((tmp_path / "outbox").glob("edition-*"))
    with contextlib.closing(sqlite3.connect(tmp_path / "osteodigest.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM editions").fetchone() == (0,)


def test_bad_config_is_one_line_and_exit_2(tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text("[sources.pubmed]\nbase_ulr = 'x'\n")
    assert main(["--config", str(config), "run"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "osteodigest: unknown config key 'sources.pubmed.base_ulr'"


def test_init_writes_a_config_that_loads(tmp_path, capsys):
    target = tmp_path / "osteodigest.toml"
    assert main(["init", str(target)]) == 0
    assert main(["init", str(target)]) == 2, "never overwrites without --force"
    assert main(["--config", str(target), "export", "-o", str(tmp_path / "x.jsonl")]) == 0


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_and_is_in_the_readme(command, capsys):
    assert main([command, "--help"]) == 0
    assert "usage: osteodigest" in capsys.readouterr().out
    readme = (REPO / "README.md").read_text()
    assert re.search(rf"`osteodigest {re.escape(command)}\b", readme), f"README does not document {command}"
