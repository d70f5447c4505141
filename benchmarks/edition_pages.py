"""How big a huge first edition's web pages and Atom feed are, and how long a page takes to serve.

Run from the repository root::

    python benchmarks/edition_pages.py                 # 20,000 works, as a first edition can hold
    python benchmarks/edition_pages.py --works 5000    # a quicker run

Data: the records of ``../shared/fixtures/pubmed/bone_topic_subset.xml`` (read in place) that the
relevance stage finds about a topic (only those reach an edition), copied with new identifiers until there
are ``--works`` works (titles and abstracts as PubMed gave them), tagged and assessed as a fetch does them,
all in one edition. Nothing is tuned on these figures; they check the page budget of
``newsletter.pages`` (a page is cut at an estimated 1.5 MB; the line is 2 MB) and the feed's item bound.

Prints the number of pages, the largest page in bytes, the time to serve the first page (which loads the
edition) and the median and slowest of the others (the loaded edition is kept a few minutes), through the
WSGI app (Flask's test client, no network), and the feed's size and time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.run import tag_works
from osteodigest.crawler.settings import settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import load_topics, main_topics
from osteodigest.newsletter.edition import make_edition
from osteodigest.newsletter.web import create_app

FIXTURE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "pubmed" / "bone_topic_subset.xml"


_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _words(n: int) -> str:
    """'three one four' for 314: a prefix that makes every copied title unlike the others."""
    return " ".join(_DIGITS[int(d)] for d in str(n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--works", type=int, default=20_000)
    args = parser.parse_args()
    if not FIXTURE.exists():
        print(
            f"fixture {FIXTURE} is absent (run with ../shared/fixtures beside the checkout)", file=sys.stderr
        )
        return 2
    stage = RelevanceStage(load_topics())
    topics = main_topics(stage.topics)
    base = [
        replace(normalize_record(r), topics=("osteoporosis",)) for r in parse_medline(FIXTURE.read_bytes())
    ]
    base = [r for r in base if any(d.is_about for d in stage.assess(r).values())]
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_from_dict(
            {
                "general": {"database": "store.sqlite3", "data_dir": "data"},
                "web": {"base_url": "https://x.org"},
            },
            base_dir=Path(tmp),
        )
        # Each copy its own work: new identifiers, and a title and authors the deduplicator cannot match.
        records = [
            replace(
                r,
                source_id=f"{n}-{r.source_id}",
                pmid=str(10_000_000 + n),
                doi=None,
                pmcid=None,
                title=f"{_words(n)}: {r.title}",
                authors=(f"Copy{_words(n).replace(' ', '')} A",),
            )
            for n, r in enumerate(base[i % len(base)] for i in range(args.works))
        ]
        with Store(settings.database_path) as store:
            store.works.save(records)
            works = store.counts().get("works")
            tag_works(store, store.works.ids(), stage)
            edition_id = make_edition(settings, store, topics)
        client = create_app(settings).test_client()
        sizes, times, page = [], [], 1
        while True:
            started = time.perf_counter()
            response = client.get(f"/editions/{edition_id}?page={page}")
            times.append(time.perf_counter() - started)
            if response.status_code == 404:
                times.pop()
                break
            sizes.append(len(response.data))
            page += 1
        started = time.perf_counter()
        feed = client.get("/feed.xml")
        feed_time = time.perf_counter() - started
    print(
        f"edition of {works} works (the {len(base)} shared PubMed records about a topic, repeated),"
        " page budget 1.5 MB estimated"
    )
    print(f"pages: {len(sizes)}; largest {max(sizes):,} bytes; smallest {min(sizes):,} bytes")
    print(f"serve page 1 (loads and keeps the edition): {times[0]:.2f} s")
    rest = times[1:] or times
    median, slowest = statistics.median(rest), max(rest)
    print(f"serve the next pages (edition kept): median {median:.2f} s, slowest {slowest:.2f} s")
    print(f"feed.xml: {len(feed.data):,} bytes in {feed_time:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
