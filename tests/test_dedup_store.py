"""The incremental dedup path through the real SQLite store: records arriving one source at a time.

Each scenario saves records in the order sources deliver them and checks the works, typed links and
status flags the store ends up with — the same questions the next digest edition asks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.store import PUBLISHED_AS, Store

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


@pytest.fixture(scope="module")
def article() -> Record:
    """A real PubMed record with DOI, PMID, authors, journal, volume and a page range."""
    path = FIXTURES / "pubmed" / "bone_topic_subset.xml"
    if not path.is_file():
        pytest.skip(f"shared fixture {path} is absent")
    from osteodigest.crawler.sources.medline import parse_medline

    for record in parse_medline(path.read_bytes()):
        if (
            record.kind == "article"
            and record.doi
            and record.pmid
            and len(record.authors) >= 3
            and record.volume
            and record.pages
            and "-" in record.pages
            and len(record.title) > 50
        ):
            return record
    pytest.skip("no suitable article in the PubMed fixture")


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "dedup.sqlite3") as s:
        yield s


def _work_of(store: Store, source: str, source_id: str) -> int:
    row = store.conn.execute(
        "SELECT work_id FROM records WHERE source = ? AND source_id = ?", (source, source_id)
    ).fetchone()
    assert row is not None, f"{source}:{source_id} was not stored"
    return int(row[0])


def _flags(store: Store, work_id: int) -> set[str]:
    work = store.works.get(work_id)
    assert work is not None
    return set(work.flags)


def _crossref_view(article: Record, **changes: object) -> Record:
    """The same article as Crossref describes it: DOI as a URL, title in title case with markup, no PMID."""
    title = article.title.rstrip(".").title().replace(" Of ", " <i>of</i> ")
    base = replace(
        article,
        source="crossref",
        source_id=f"https://doi.org/{article.doi.upper()}",
        doi=f"https://doi.org/{article.doi.upper()}",
        pmid=None,
        pmcid=None,
        title=title,
        journal=article.journal_abbrev or article.journal,
    )
    return replace(base, **changes)


def test_pubmed_then_crossref_with_and_without_doi_is_one_work(store: Store, article: Record) -> None:
    first = store.works.save([article])
    assert first.new_works == 1
    with_doi = store.works.save([_crossref_view(article)])
    assert (with_doi.new_records, with_doi.new_works) == (1, 0)
    # A feed item: no identifiers, a trailing full stop, the page range abbreviated.
    first_page, last_page = article.pages.split("-", 1)
    feed = _crossref_view(
        article,
        source="rss",
        source_id="feed-item-1",
        doi=None,
        title=article.title.rstrip(".") + ".",
        pages=f"{first_page}-{last_page[-2:]}" if len(last_page) >= 2 else article.pages,
        published=(article.published or "")[:4] or None,
    )
    without_doi = store.works.save([feed])
    assert (without_doi.new_records, without_doi.new_works) == (1, 0)
    work_id = _work_of(store, "pubmed", article.source_id)
    assert _work_of(store, "crossref", _crossref_view(article).source_id) == work_id
    assert _work_of(store, "rss", "feed-item-1") == work_id
    assert store.counts()["works"] == 1


def test_another_article_with_another_doi_stays_apart(store: Store, article: Record) -> None:
    store.works.save([article])
    sibling = _crossref_view(article, source_id="other", doi=article.doi + "x")
    assert store.works.save([sibling]).new_works == 1


def test_preprint_then_journal_version_are_two_linked_works_the_preprint_flagged_published(
    store: Store, article: Record
) -> None:
    preprint = Record(
        source="biorxiv",
        source_id="10.1101/2020.05.01.000001",
        title=article.title,
        kind="preprint",
        doi="10.1101/2020.05.01.000001",
        authors=article.authors,
        published="2010-01-15",
    )
    store.works.save([preprint])
    pre_work = _work_of(store, "biorxiv", preprint.source_id)
    assert _flags(store, pre_work) == set()
    summary = store.works.save([replace(article, published="2011-02-01")])
    assert summary.new_works == 1, "the journal article is a work of its own: news to every reader"
    article_work = _work_of(store, "pubmed", article.source_id)
    assert article_work != pre_work
    assert store.works.links_from(pre_work) == [(article_work, PUBLISHED_AS)]
    assert store.works.links_to(article_work) == [(pre_work, PUBLISHED_AS)]
    assert "published" in _flags(store, pre_work) and "published" not in _flags(store, article_work)
    # Another record of the same preprint (Crossref's posted-content) joins the preprint's work.
    again = replace(preprint, source="crossref", source_id="posted-1", title=preprint.title.upper())
    assert store.works.save([again]).new_works == 0
    assert _work_of(store, "crossref", "posted-1") == pre_work


def _erratum(article: Record) -> Record:
    return Record(
        source="pubmed",
        source_id="erratum-1",
        title=f"Erratum: {article.title}",
        kind="erratum",
        pmid="99999901",
        authors=article.authors,
        journal=article.journal,
        volume=article.volume,
        pages="1",
        published=article.published,
        publication_types=("Published Erratum",),
        relations=(Relation("corrects", "pmid", article.pmid or ""),),
    )


def test_article_then_erratum_linked_never_merged(store: Store, article: Record) -> None:
    store.works.save([article])
    summary = store.works.save([_erratum(article)])
    assert summary.new_works == 1
    article_work = _work_of(store, "pubmed", article.source_id)
    notice_work = _work_of(store, "pubmed", "erratum-1")
    assert notice_work != article_work
    assert (article_work, "corrects") in store.works.links_from(notice_work)
    assert "corrected" in _flags(store, article_work)
    assert "corrected" not in _flags(store, notice_work)


def test_erratum_then_article_linked_and_the_new_article_work_flagged(store: Store, article: Record) -> None:
    store.works.save([_erratum(article)])
    notice_work = _work_of(store, "pubmed", "erratum-1")
    summary = store.works.save([article])
    assert summary.new_works == 1
    article_work = _work_of(store, "pubmed", article.source_id)
    assert article_work != notice_work
    assert (notice_work, "corrected_by") in store.works.links_from(article_work)
    assert _flags(store, article_work) == {"corrected"}
    assert _flags(store, notice_work) == set()


def test_retraction_notice_flags_the_article(store: Store, article: Record) -> None:
    store.works.save([article])
    # Crossref style: no declared relation, the notice names the article in its title.
    notice = _crossref_view(
        article,
        source_id="retraction-1",
        doi="10.9999/retraction.1",
        title=f"Retraction notice to \u201c{article.title.rstrip('.')}\u201d",
        pages=None,
    )
    assert store.works.save([notice]).new_works == 1
    article_work = _work_of(store, "pubmed", article.source_id)
    notice_work = _work_of(store, "crossref", "retraction-1")
    assert notice_work != article_work
    assert (article_work, "retracts") in store.works.links_from(notice_work)
    assert "retracted" in _flags(store, article_work)


def test_a_new_record_marked_retracted_gets_a_flagged_work(store: Store, article: Record) -> None:
    marked = replace(article, title=f"RETRACTED: {article.title}")
    assert store.works.save([marked]).new_works == 1
    assert _flags(store, _work_of(store, "pubmed", article.source_id)) == {"retracted"}
    # Another source's unmarked copy joins the flagged work.
    assert store.works.save([_crossref_view(article)]).new_works == 0


def test_a_common_author_and_year_does_not_hide_the_matching_work(store: Store) -> None:
    # More works by "Wang X" in 2021 than a dedup block holds: the common key is skipped, the title
    # key still finds the work (and the batch is not slowed by re-reading every Wang X paper).
    topics = ("bone density", "hip fracture", "denosumab", "zoledronate", "vitamin D", "falls", "sarcopenia")
    works = [
        Record(
            source="pubmed",
            source_id=str(1000 + k),
            pmid=str(1000 + k),
            title=f"Study {k} of {topics[k % len(topics)]} in a regional cohort number {k}",
            authors=("Wang X", "Li Y"),
            journal="Osteoporosis International",
            volume=str(20 + k % 5),
            pages=f"{100 + 10 * k}-{105 + 10 * k}",
            published="2021",
        )
        for k in range(70)
    ]
    store.works.save(works)
    title = works[33].title.upper()
    again = replace(works[33], source="europepmc", source_id="MED/1033", pmid=None, title=title)
    assert store.works.save([again]).new_works == 0
    assert _work_of(store, "europepmc", "MED/1033") == _work_of(store, "pubmed", "1033")


def test_a_labelled_set_fed_one_record_at_a_time_scores_as_the_batch(tmp_path: Path) -> None:
    folder = FIXTURES / "dedup" / "stroke"
    if not folder.is_dir():
        pytest.skip(f"shared fixture {folder} is absent")
    from osteodigest.crawler.dedup import cluster_records
    from osteodigest.crawler.dedup.bibio import read_records
    from osteodigest.crawler.dedup.evaluate import read_groups, removal_metrics

    items = list(read_records(folder / "records_pre_merged.csv"))
    ids = [rid for rid, _ in items]
    groups = read_groups(str(folder / "merged_record_ids.csv"))
    with Store(tmp_path / "stroke.sqlite3") as store:
        store.works.save(record for _, record in items)
        work_of = dict(store.conn.execute("SELECT source_id, work_id FROM records").fetchall())
    incremental = removal_metrics(ids, [work_of[rid] for rid in ids], groups)
    batch = removal_metrics(ids, cluster_records([r for _, r in items]).cluster_ids, groups)
    assert incremental.fp == 0
    assert incremental.tp == batch.tp
