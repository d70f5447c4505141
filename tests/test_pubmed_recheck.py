"""Issue 14, deliverable 6: tags are never lost.

PubMed hands out most new records before NLM has indexed them ("Publisher", "In-Data-Review",
"In-Process"): no MeSH headings, and publication types that say little more than "Journal Article". A run
asks again, after its searches and in one efetch POST, for a small batch of the stored ones (within a
window, each at most once a day, the longest unchecked first); one that comes back indexed replaces the
stored record, and its work is tagged and assessed again in the transaction that stores it.

Every run here is the real ``osteodigest`` command, in process, against the E-utilities emulator over a
real socket, serving the real records of ``pubmed/bone_topic_subset.xml``. No recorded reply holds the
same PMID both before and after indexing (checked over every shared PubMed file), so the record "before
indexing" is derived, in :func:`before_indexing`, from a real MEDLINE-indexed record by taking away what
indexing adds, as the shared bulk file shows it missing from all 17,150 of its records not yet indexed:
the status becomes "Publisher", the MeSH headings and chemical lists go, and the publication types shrink
to "Journal Article" (what 7,030 of its 8,395 "Publisher" records carry). The record served "after
indexing" is the real recorded one, byte for byte.

Time passing is the one thing simulated: a day is the stored check times moved a day back in the real
SQLite file (the command itself takes its date from the system clock).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from osteodigest.crawler.models import AWAITING_INDEXING
from osteodigest.crawler.sources.guard import defuse_char_refs
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.store.database import Database
from osteodigest.crawler.store.migrations import MIGRATIONS

from tests.clocks import main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.emulators.eutils import Fault as EUtilsFault
from tests.ops_helpers import FAST_HTTP, FAST_PUBMED

#: Real MEDLINE-indexed records of the bone subset whose indexing decides their design: a case report
#: (its type "Case Reports" comes from NLM) and a controlled clinical trial.
CASE_REPORT = "409255"
TRIAL = "399316"
INDEXED_LATER = (CASE_REPORT, TRIAL)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def before_indexing(article: bytes) -> bytes:
    """A real indexed ``PubmedArticle`` as PubMed served it before NLM indexed it (see the module
    docstring): status "Publisher", no MeSH or chemical lists, publication types "Journal Article"."""
    root = etree.fromstring(article, _PARSER)
    citation = root.find("MedlineCitation")
    citation.set("Status", "Publisher")
    for tag in ("MeshHeadingList", "ChemicalList", "SupplMeshList", "GeneSymbolList"):
        for element in citation.findall(tag):
            citation.remove(element)
    types = citation.find("Article/PublicationTypeList")
    for element in list(types):
        types.remove(element)
    etree.SubElement(types, "PublicationType", UI="D016428").text = "Journal Article"
    return etree.tostring(root, encoding="utf-8")


@pytest.fixture
def pubmed() -> EUtilsEmulator:
    """The bone subset, its two chosen MEDLINE records served as they were before indexing; the real
    recorded ones kept in ``pubmed.indexed`` for a test to serve once "NLM has indexed them"."""
    emulator = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    emulator.indexed = {pmid: emulator.articles[pmid] for pmid in INDEXED_LATER}
    for pmid in INDEXED_LATER:
        emulator.articles[pmid] = before_indexing(emulator.articles[pmid])
    return emulator


def awaiting(emulator: EUtilsEmulator) -> list[str]:
    """The PMIDs the emulator serves as not yet indexed, read from the XML it serves."""
    return [
        pmid
        for pmid, article in emulator.articles.items()
        if (citation := etree.fromstring(article, _PARSER).find("MedlineCitation")) is not None
        and citation.get("Status") in AWAITING_INDEXING
    ]


def setup(tmp_path: Path, emulator: EUtilsEmulator, httpserver, pubmed: str = "") -> tuple[Path, Path]:
    """A config whose PubMed is the emulator, with ``pubmed`` settings added to its table."""
    config = tmp_path / "osteodigest.toml"
    base_url = emulator.install(httpserver)
    config.write_text(
        f'[general]\ndatabase = "osteodigest.sqlite3"\n\n[sources.pubmed]\nbase_url = "{base_url}"'
        f"\n{FAST_PUBMED}{pubmed}\n{FAST_HTTP}",
        encoding="utf-8",
    )
    return config, tmp_path / "osteodigest.sqlite3"


def run(config: Path, capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--config", str(config), *args])
    return code, capsys.readouterr().err


def status_json(config: Path, capsys) -> dict:
    capsys.readouterr()
    main(["--config", str(config), "status", "--json"])
    return json.loads(capsys.readouterr().out)


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchall()


def execute(db: Path, sql: str, *args: object) -> None:
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(sql, args)


def a_day_passes(db: Path) -> None:
    """Every record last checked a day earlier than it was: the next run is "the next day"."""
    rows = query(db, "SELECT id, checked_at FROM records WHERE checked_at IS NOT NULL")
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.executemany(
            "UPDATE records SET checked_at = ? WHERE id = ?",
            [((datetime.fromisoformat(at) - timedelta(days=1)).isoformat(), rid) for rid, at in rows],
        )


def record(db: Path, pmid: str) -> tuple[str, str, dict, dict]:
    """A stored PubMed record: its indexing status, check time, data, and its work's tags."""
    ((status, checked, data, tags),) = query(
        db,
        "SELECT r.indexing_status, r.checked_at, r.data, w.tags FROM records r"
        " JOIN works w ON w.id = r.work_id WHERE r.source = 'pubmed' AND r.source_id = ?",
        pmid,
    )
    return status, checked, json.loads(data), json.loads(tags) if tags else {}


def pubmed_rows(db: Path) -> list[tuple]:
    """Everything stored about the PubMed records and their works, to compare before and after."""
    return query(
        db,
        "SELECT r.source_id, r.data, r.indexing_status, r.checked_at, w.tags, w.relevance, w.topics"
        " FROM records r JOIN works w ON w.id = r.work_id WHERE r.source = 'pubmed' ORDER BY r.source_id",
    )


def efetch_ids(emulator: EUtilsEmulator) -> list[list[str]]:
    return [call["id"].split(",") for call in emulator.calls("efetch")]


# --------------------------------------------------------------------------------------------- recheck
def test_a_record_stored_before_indexing_is_fetched_again_once_indexed_and_retagged(
    pubmed, httpserver, tmp_path, capsys
):
    config, db = setup(tmp_path, pubmed, httpserver)
    waiting = awaiting(pubmed)
    assert len(waiting) == 64 + 68 + 53 + len(INDEXED_LATER), "the subset's own, and the two derived"

    code, err = run(config, capsys, "run")
    assert code == 0, err
    status, _, data, tags = record(db, CASE_REPORT)
    assert status == "Publisher" and data["mesh"] == [] and data["publication_types"] == ["Journal Article"]
    assert tags["study_type"] != "case_report", "before indexing, the text alone does not settle it"
    assert record(db, TRIAL)[3]["study_type"] != "nonrandomised_trial"
    assert len(efetch_ids(pubmed)) == 2, "the first run asks nothing again: all it stored is fresh"
    report = status_json(config, capsys)
    assert report["sources"]["pubmed"]["awaiting_indexing"] == {
        "works": len(waiting),
        "within_window": len(waiting),
    }

    pubmed.articles.update(pubmed.indexed)  # NLM indexes the two
    a_day_passes(db)
    before = {pmid: record(db, pmid)[1] for pmid in waiting}
    code, err = run(config, capsys, "run", "-v")
    assert code == 0, err
    (asked,) = efetch_ids(pubmed)[2:]
    assert sorted(asked) == sorted(waiting), "one efetch POST asked for every record awaiting indexing"
    assert "2 of 187 records awaiting indexing now indexed" in err

    status, checked, data, tags = record(db, CASE_REPORT)
    assert status == "MEDLINE" and "Case Reports" in data["publication_types"] and data["mesh"]
    assert tags["study_type"] == "case_report", "re-tagged from the indexed record"
    assert checked > before[CASE_REPORT]
    status, _, data, tags = record(db, TRIAL)
    assert status == "MEDLINE" and "Controlled Clinical Trial" in data["publication_types"]
    assert tags["study_type"] == "nonrandomised_trial"
    still = [pmid for pmid in waiting if pmid not in INDEXED_LATER]
    for pmid in still:
        status, checked, _, _ = record(db, pmid)
        assert status in AWAITING_INDEXING and checked > before[pmid], f"{pmid}: only its check time moves"
    report = status_json(config, capsys)
    assert report["sources"]["pubmed"]["awaiting_indexing"]["works"] == len(still)
    capsys.readouterr()
    main(["--config", str(config), "status"])
    assert f"awaiting indexing {len(still)} works" in capsys.readouterr().out

    code, err = run(config, capsys, "run")
    assert code == 0, err
    assert len(efetch_ids(pubmed)) == 3, "the same day, nothing is asked again"


def test_the_recheck_asks_a_small_batch_within_the_window_the_longest_unchecked_first(
    pubmed, httpserver, tmp_path, capsys
):
    config, db = setup(tmp_path, pubmed, httpserver, "recheck_batch = 5\nrecheck_window_days = 30\n")
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    waiting = sorted(awaiting(pubmed), key=int)
    now = datetime.now(UTC)
    # Checked 1..len days ago, the first PMIDs longest ago; the two longest unchecked were stored 40 days
    # ago, outside the window: no longer asked about.
    for age, pmid in enumerate(reversed(waiting), start=1):
        execute(
            db,
            "UPDATE records SET checked_at = ?, fetched_at = ? WHERE source_id = ?",
            (now - timedelta(days=age)).isoformat(),
            (now - timedelta(days=40 if pmid in waiting[:2] else 1)).isoformat(),
            pmid,
        )
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert efetch_ids(pubmed)[2:] == [waiting[2:7]], "five, the longest unchecked within the window"

    a_day_passes(db)
    run(config, capsys, "fetch")
    assert efetch_ids(pubmed)[3:] == [waiting[7:12]], "then the next five: every record in turn"


def test_a_pmid_the_service_no_longer_returns_is_left_as_stored_in_one_line(
    pubmed, httpserver, tmp_path, capsys
):
    config, db = setup(tmp_path, pubmed, httpserver)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    gone = awaiting(pubmed)[0]
    stored_before = record(db, gone)
    del pubmed.articles[gone]  # deleted (or suppressed) at NLM: efetch silently leaves it out
    a_day_passes(db)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    lines = [line for line in err.splitlines() if "not returned" in line]
    assert lines == [
        f"WARNING: pubmed: 1 PMIDs awaiting indexing were not returned by efetch, left as stored: {gone}"
    ]
    status, checked, data, tags = record(db, gone)
    assert (status, data, tags) == (stored_before[0], stored_before[2], stored_before[3])
    assert checked > stored_before[1], "its place in the queue moves on, so it cannot hold up the others"


def test_a_failed_recheck_is_one_line_naming_the_source_and_changes_nothing_stored(
    pubmed, httpserver, tmp_path, capsys
):
    config, db = setup(tmp_path, pubmed, httpserver)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    waiting = awaiting(pubmed)
    pubmed.articles.update(pubmed.indexed)
    a_day_passes(db)
    snapshot = pubmed_rows(db)
    # The reply cut in the middle: the records before the cut are complete, and must not be stored either.
    size = len(pubmed.efetch_body(waiting))
    pubmed.faults["efetch"].append(EUtilsFault(truncate_to=size // 2))

    code, err = run(config, capsys, "fetch")
    assert code == 1
    lines = [line for line in err.splitlines() if "recheck" in line]
    assert len(lines) == 1, err
    cause = f"pubmed: recheck of {len(waiting)} records awaiting indexing: efetch: truncated XML"
    assert lines[0].startswith(cause), lines
    assert "(raw reply kept in " in lines[0]
    assert "Traceback" not in err
    assert pubmed_rows(db) == snapshot, "nothing stored changed, not even a check time"
    assert "recheck of" in status_json(config, capsys)["sources"]["pubmed"]["last_error"]

    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert record(db, CASE_REPORT)[3]["study_type"] == "case_report", "the next run does it"


# ------------------------------------------------------------------------------------------ one transaction
def test_tags_are_written_in_the_transaction_that_stores_the_records(pubmed, httpserver, tmp_path, capsys):
    """A store that refuses a work's tags refuses the records they were drawn from with them: neither a
    new work stored untagged nor an updated record under the tags of the one it replaced; the next run
    stores and tags both."""
    config, db = setup(tmp_path, pubmed, httpserver)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    pubmed.articles.update(pubmed.indexed)
    a_day_passes(db)
    snapshot = pubmed_rows(db)
    execute(
        db,
        "CREATE TRIGGER refuse_tags BEFORE UPDATE OF tags ON works WHEN NEW.tags IS NOT NULL AND EXISTS"
        " (SELECT 1 FROM records r WHERE r.work_id = NEW.id AND r.source_id = '409255')"
        " BEGIN SELECT RAISE(ABORT, 'injected fault: tags refused'); END",
    )
    code, err = run(config, capsys, "fetch")
    assert code == 1
    assert any(
        line.startswith("pubmed: store ") and line.endswith("nothing kept: injected fault: tags refused")
        for line in err.splitlines()
    ), err
    assert pubmed_rows(db) == snapshot, "the indexed records were refused with their tags"
    assert record(db, CASE_REPORT)[0] == "Publisher"

    execute(db, "DROP TRIGGER refuse_tags")
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    status, _, _, tags = record(db, CASE_REPORT)
    assert status == "MEDLINE" and tags["study_type"] == "case_report"
    assert query(db, "SELECT COUNT(*) FROM works WHERE tags IS NULL") == [(0,)]


def test_a_store_from_before_the_indexing_status_learns_it_from_the_stored_records(tmp_path):
    """Migration 0011 reads each stored PubMed record's status from its data, so the records a store
    already holds are rechecked too."""
    path = tmp_path / "old.sqlite3"
    before_0011 = [m for m in MIGRATIONS if m[0] < "0011"]
    older = Database(path, before_0011)
    stamp = datetime.now(UTC).isoformat()
    older.conn.execute("INSERT INTO works (id, first_seen, updated_at) VALUES (1, ?, ?)", (stamp, stamp))
    for n, extra in enumerate(({"medline_status": "In-Process"}, {"medline_status": "MEDLINE"}, {}), 1):
        data = json.dumps({"source": "pubmed", "source_id": str(n), "title": "t", "extra": extra})
        older.conn.execute(
            "INSERT INTO records (source, source_id, work_id, kind, data, fetched_at, updated_at)"
            " VALUES ('pubmed', ?, 1, 'article', ?, ?, ?)",
            (str(n), data, stamp, stamp),
        )
    older.close()
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    with Store(path) as store:
        assert store.works.awaiting_indexing("pubmed", "2000-01-01", tomorrow, 10) == ["1"]
        assert store.works.count_awaiting_indexing("pubmed", "2000-01-01") == (1, 1)


# ------------------------------------------------------------------------------------------ unreadable
def unreadable(article: bytes) -> bytes:
    """A real record as a service bug would serve it: a character reference XML forbids in its title,
    which :func:`check_record` refuses (the parse goes on; only this record is set aside)."""
    broken = article.replace(b"<ArticleTitle>", b"<ArticleTitle>&#xD800; ", 1)
    assert broken != article
    return broken


def test_a_set_aside_record_carries_its_pmid_as_data(pubmed):
    """The PMID of a record that cannot be read is a field of its SetAside, not a phrase of its
    human-readable name."""
    pmids = list(pubmed.articles)[:3]
    pubmed.articles[pmids[1]] = unreadable(pubmed.articles[pmids[1]])
    set_aside: list = []
    records = list(parse_medline(defuse_char_refs(pubmed.efetch_body(pmids))[0], set_aside))
    assert [r.source_id for r in records] == [pmids[0], pmids[2]]
    (item,) = set_aside
    assert (item.source_id, item.what) == (pmids[1], f"PubMed record PMID {pmids[1]}")


def test_an_unreadable_record_in_the_recheck_reply_is_set_aside_alone_and_not_called_missing(
    pubmed, httpserver, tmp_path, capsys
):
    config, db = setup(tmp_path, pubmed, httpserver)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    stored_before = record(db, CASE_REPORT)
    pubmed.articles[TRIAL] = pubmed.indexed[TRIAL]
    pubmed.articles[CASE_REPORT] = unreadable(pubmed.indexed[CASE_REPORT])
    a_day_passes(db)

    code, err = run(config, capsys, "fetch")
    assert code == 1, "a record set aside fails the source"
    assert len(efetch_ids(pubmed)) == 3 and CASE_REPORT in efetch_ids(pubmed)[2], "it was rechecked"
    named = [line for line in err.splitlines() if CASE_REPORT in line]
    assert len(named) == 1, err
    assert named[0].startswith(f"pubmed: PubMed record PMID {CASE_REPORT} set aside: ")
    assert "invalid numeric character reference" in named[0]
    assert "not returned" not in err, "served, though unreadable: not missing"
    status, checked, data, tags = record(db, CASE_REPORT)
    assert (status, data, tags) == (stored_before[0], stored_before[2], stored_before[3])
    assert checked > stored_before[1], "only its place in the queue moves, as for a PMID not returned"
    status, _, data, tags = record(db, TRIAL)
    assert status == "MEDLINE" and tags["study_type"] == "nonrandomised_trial", "the other one is stored"


def test_an_unreadable_record_in_a_search_reply_is_set_aside_alone_and_not_called_missing(
    pubmed, httpserver, tmp_path, capsys
):
    config, db = setup(tmp_path, pubmed, httpserver)
    broken = list(pubmed.articles)[3]
    pubmed.articles[broken] = unreadable(pubmed.articles[broken])
    code, err = run(config, capsys, "fetch")
    assert code == 1
    named = [line for line in err.splitlines() if broken in line]
    assert len(named) == 1 and named[0].startswith(f"pubmed: PubMed record PMID {broken} set aside: "), err
    assert "not returned" not in err, "served, though unreadable: not missing"
    stored_ids = {row[0] for row in query(db, "SELECT source_id FROM records WHERE source = 'pubmed'")}
    assert stored_ids == set(pubmed.articles) - {broken}


# ------------------------------------------------------------------------------------- storing fallbacks
# The runner's fallbacks for a record or a work that storing or tagging cannot handle. No record that
# passes the checks makes storing or the tagger fail unless there is a bug, so the fault here is a stored
# row damaged in a way no check lets through (as a row written by a faulty version, or by hand, is):
# before the run, or by an SQLite trigger during it. An SQLite error cannot stand in: the store turns it
# into a StoreError, which refuses the whole save (test_tags_are_written_in_the_transaction_...).
def new_store(db: Path) -> None:
    """The store file with its tables, before any run (so a trigger can be installed first)."""
    Store(db).close()


def test_a_record_storing_cannot_handle_is_set_aside_and_the_others_stored(
    pubmed, httpserver, tmp_path, capsys
):
    """The recheck's save meets a stored row it cannot read (not JSON): everything is rolled back, then
    each record is tried alone; the one that fails is set aside in one line, and the rest are stored, and
    tagged, with the recheck logged as usual."""
    config, db = setup(tmp_path, pubmed, httpserver)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    pubmed.articles.update(pubmed.indexed)
    a_day_passes(db)
    execute(db, "UPDATE records SET data = 'damaged' WHERE source = 'pubmed' AND source_id = ?", CASE_REPORT)

    code, err = run(config, capsys, "fetch")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("pubmed: ")]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"pubmed: record {CASE_REPORT} set aside: JSONDecodeError: "), lines
    assert "Traceback" not in err and "unexpected failure" not in err, "not the whole save refused"
    assert query(db, "SELECT data, indexing_status FROM records WHERE source_id = ?", CASE_REPORT) == [
        ("damaged", "Publisher")
    ], "left as it was: its update was not stored"
    status, _, data, tags = record(db, TRIAL)
    assert status == "MEDLINE" and "Controlled Clinical Trial" in data["publication_types"]
    assert tags["study_type"] == "nonrandomised_trial", "the other record stored, and tagged"
    (kept,) = (tmp_path / "data" / "failed").glob("pubmed-*.record.gz")
    assert json.loads(gzip.decompress(kept.read_bytes()))["source_id"] == CASE_REPORT
    assert status_json(config, capsys)["sources"]["pubmed"]["set_aside_last_run"] == 1


def test_a_work_the_tagger_cannot_handle_is_stored_unassessed_and_assessed_once_readable(
    pubmed, httpserver, tmp_path, capsys
):
    """A trigger damages the stored abstract of one new record as it is inserted: the tagger, in the
    save's transaction, fails on that work only. The records are stored; the work is left unassessed
    (no tags, about nothing, so in no edition) and the others are tagged. Once the record is stored
    readable (NLM indexes it: the next day's recheck replaces it), its work is tagged."""
    config, db = setup(tmp_path, pubmed, httpserver)
    new_store(db)
    execute(
        db,
        "CREATE TRIGGER damage AFTER INSERT ON records WHEN NEW.source_id = '409255' BEGIN"
        " UPDATE records SET data = json_set(data, '$.abstract', 5) WHERE id = NEW.id; END",
    )
    code, err = run(config, capsys, "fetch")
    assert code == 1
    ((work_id,),) = query(db, "SELECT work_id FROM records WHERE source_id = ?", CASE_REPORT)
    failure = [line for line in err.splitlines() if line.startswith("pubmed: ")]
    # The TypeError's own words are the interpreter's ("argument of type 'int' is not iterable"), or the
    # compiled tagger's ("str object expected; got int"): the line around them is ours.
    assert len(failure) == 1, err
    assert re.fullmatch(
        rf"pubmed: tagging failed for 1 works, first work {work_id}: TypeError: [^()]*int[^()]*"
        r" \(they stay untagged, and in no edition, until a run tags them\)",
        failure[0],
    ), err
    assert len(pubmed_rows(db)) == len(pubmed.articles), "every record stored"
    unassessed = query(db, "SELECT tags, relevance, topics FROM works WHERE id = ?", work_id)
    assert unassessed == [(None, None, "[]")]
    assert query(db, "SELECT COUNT(*) FROM works WHERE tags IS NULL") == [(1,)], "the others are tagged"

    execute(db, "DROP TRIGGER damage")
    pubmed.articles.update(pubmed.indexed)
    a_day_passes(db)
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    status, _, data, tags = record(db, CASE_REPORT)
    assert status == "MEDLINE" and isinstance(data["abstract"], str) and tags["study_type"] == "case_report"
    assert query(db, "SELECT COUNT(*) FROM works WHERE tags IS NULL") == [(0,)]


def test_a_tagger_crash_in_the_save_leaves_its_works_unassessed_and_the_run_assesses_them(
    pubmed, httpserver, tmp_path, capsys
):
    """Tagging itself fails (a trigger damages the stored tags of one new work as its record is inserted,
    so the works cannot even be read back): the records are stored, every work of that save is marked
    unassessed, the crash is one line, and the run's closing step assesses them all."""
    config, db = setup(tmp_path, pubmed, httpserver)
    new_store(db)
    execute(
        db,
        "CREATE TRIGGER damage AFTER INSERT ON records WHEN NEW.source_id = '409255' BEGIN"
        " UPDATE works SET tags = 'damaged' WHERE id = NEW.work_id; END",
    )
    code, err = run(config, capsys, "fetch")
    assert code == 1
    failure = [line for line in err.splitlines() if line.startswith("pubmed: ")]
    assert len(failure) == 1 and failure[0].startswith(
        "pubmed: unexpected failure while tagging: JSONDecodeError: "
    ), err
    assert "(traceback kept in " in failure[0] and "Traceback" not in err
    assert len(pubmed_rows(db)) == len(pubmed.articles), "every record stored"
    assert query(db, "SELECT COUNT(*) FROM works WHERE relevance IS NULL") == [(0,)]
    tags = [json.loads(row[0]) for row in query(db, "SELECT tags FROM works")]
    assert all(t["study_type"] for t in tags), "every work tagged, the damaged one too: its tags were reset"
    report = status_json(config, capsys)["sources"]["pubmed"]
    assert "unexpected failure while tagging" in report["last_error"]
