"""``osteodigest retag``: after a topics-file change, the stored works are filed under the topics as they
now are, and the summary says what changed.

The store is filled the real way (``osteodigest fetch`` from the E-utilities emulator serving real PubMed
records) with the shipped atypical femoral fracture topic switched off; the topics file then adds it back,
with its terms, and ``retag`` must file the stored paper on atypical femoral fractures under it while the
shipped topics stay as they were.
"""

from __future__ import annotations

import pytest
from lxml import etree
from osteodigest.crawler.locks import job_lock
from osteodigest.crawler.models import Tags
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import load_topics
from osteodigest.newsletter.cli import main

from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator

#: "Bisphosphonate treatment and the risk of atypical femoral fracture among patients …" (real record).
AFF_PMID = "34089098"
#: Records served: the first of the bone subset, and the paper on atypical femoral fractures.
SERVED = 40
WITHOUT = "[topics.atypical_femoral_fracture]\nenabled = false\n"
WITH = """[topics.atypical_femoral_fracture]
label = "Atypical femoral fracture"
parent = "osteoporosis"
terms = ["atypical femoral fracture", "atypical femur fracture", "atypical subtrochanteric fracture", "AFF"]
"""


@pytest.fixture
def fetched(httpserver, tmp_path, capsys):
    """A store fetched from real records with the topic switched off; returns the config path."""
    source = fixture_path("pubmed", "bone_topic_subset.xml")
    root = etree.parse(str(source), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    articles = list(root)
    aff = [a for a in articles[SERVED:] if a.findtext("MedlineCitation/PMID") == AFF_PMID]
    kept = articles[:SERVED] + aff
    for article in articles:
        if article not in kept:
            root.remove(article)
    served = tmp_path / "served.xml"
    served.write_bytes(source.read_bytes().split(b"<PubmedArticleSet")[0] + etree.tostring(root))
    emulator = EUtilsEmulator(served)
    topics = tmp_path / "topics.toml"
    topics.write_text(WITHOUT, encoding="utf-8")
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        '[general]\ntopics_file = "topics.toml"\n'
        f'[sources.pubmed]\nbase_url = "{emulator.install(httpserver)}"\nrate_limit = 50.0\n'
        "[http]\nbackoff_factor = 0.05\n",
        encoding="utf-8",
    )
    assert main(["--config", str(config), "fetch"]) == 0, capsys.readouterr().err
    return config


def work_of(config, pmid: str):
    with Store(config.parent / "osteodigest.sqlite3") as store:
        return next(w for w in store.works.iter_all() if w.pmid == pmid)


def test_retag_files_the_stored_works_under_a_topic_the_topics_file_adds(fetched, capsys):
    before = work_of(fetched, AFF_PMID)
    assert "atypical_femoral_fracture" not in before.topics and "osteoporosis" in before.topics
    with Store(fetched.parent / "osteodigest.sqlite3") as store:
        works = list(store.works.iter_all())
        shipped = {w.id: w.topics for w in works}
        # A study type the tagger will not give again: the summary must count the change.
        store.works.set_tags({before.id: Tags(study_type="case_report", evidence_level=4)})
    (fetched.parent / "topics.toml").write_text(WITH, encoding="utf-8")
    names = [t.name for t in load_topics(fetched.parent / "topics.toml")]
    assert names[:2] == ["osteonecrosis", "osteoporosis"], "the shipped topics are kept"

    assert main(["--config", str(fetched), "retag"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == f"retagged {len(works)} works"
    assert "atypical_femoral_fracture: 1 became about it" in lines
    assert "osteoporosis: no change" in lines and "osteonecrosis: no change" in lines
    assert any(line.startswith("study types: 1 works changed (case_report → ") for line in lines), out
    assert err == "", "no progress bar off a terminal"

    after = work_of(fetched, AFF_PMID)
    assert set(after.topics) == {"osteoporosis", "atypical_femoral_fracture"}
    assert after.reason("atypical_femoral_fracture").startswith("Atypical femoral fracture — in the title")
    assert after.tags.study_type != "case_report"
    with Store(fetched.parent / "osteodigest.sqlite3") as store:
        others = {w.id: w.topics for w in store.works.iter_all() if w.id != after.id}
    assert others == {k: v for k, v in shipped.items() if k != after.id}, "the shipped topics file as before"

    # Nothing changed since: a second retag says so, and --progress draws a bar on stderr all the same.
    assert main(["--config", str(fetched), "retag", "--progress", "--batch-size", "7"]) == 0
    out, err = capsys.readouterr()
    assert "atypical_femoral_fracture: no change" in out.splitlines() and "study types: no change" in out
    assert f"{len(works)}/{len(works)}" in err


def test_retag_never_runs_beside_a_fetch_or_a_backfill(fetched, capsys):
    """Both assess the works they change; a retag beside them would race them for the same rows."""
    db = fetched.parent / "osteodigest.sqlite3"
    for job in ("fetch", "backfill"):
        with job_lock(db, job, job):
            assert main(["--config", str(fetched), "retag"]) == 75
        assert job in capsys.readouterr().err
