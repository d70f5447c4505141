"""The topic terms of an item's "why you see this" line are found once, when a run tags the work, and an
edition reads them instead of running the topic matcher over every item's abstract again."""

from __future__ import annotations

from dataclasses import replace

from osteodigest.crawler.models import Record
from osteodigest.crawler.run import tag_works
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import TopicMatcher, load_topics, main_topics, work_terms
from osteodigest.newsletter.render import matched_terms


def _stored_work(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    record = Record(
        source="pubmed",
        source_id="1",
        pmid="1",
        title="Teriparatide and vertebral fractures in postmenopausal osteoporosis",
        abstract="We followed women with osteoporosis and low bone mineral density for two years.",
        topics=("osteoporosis",),
    )
    summary = store.works.save([record])
    return store, summary.changed_work_ids


def test_a_run_keeps_the_terms_it_found_in_the_tags(tmp_path):
    matcher = TopicMatcher(main_topics(load_topics()))
    store, ids = _stored_work(tmp_path)
    with store:
        assert tag_works(store, ids, matcher) == []
        (work,) = store.works.get_many(sorted(ids))
    assert work.tags.terms and list(work.tags.terms) == work_terms(work, matcher)
    assert matched_terms(work, matcher) == list(work.tags.terms)


def test_rendering_reads_the_kept_terms_and_finds_them_only_for_works_tagged_without(tmp_path):
    matcher = TopicMatcher(main_topics(load_topics()))
    store, ids = _stored_work(tmp_path)
    with store:
        tag_works(store, ids)  # as the `tag` command and older runs did: no terms kept
        (work,) = store.works.get_many(sorted(ids))
    assert work.tags.terms is None
    assert matched_terms(work, matcher) == work_terms(work, matcher) != []
    kept = replace(work, tags=replace(work.tags, terms=("a term kept at tagging",)))
    assert matched_terms(kept, matcher) == ["a term kept at tagging"], "read, not found again"
    assert matched_terms(kept, None) == []
