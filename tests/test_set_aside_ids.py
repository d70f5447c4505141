"""A record set aside by a JSON source names the id it would have been stored under, as data.

Each reply is a real recorded one, with one item's title given a lone surrogate (``"\\ud800"``, which
JSON allows and text does not), the service bug :mod:`osteodigest.crawler.sources.guard` exists for.
"""

from __future__ import annotations

import json

from osteodigest.crawler.sources import crossref, europepmc

from tests.conftest import fixture_path


def broken(name: str, folder: str, items: str) -> tuple[bytes, bytes]:
    """The recorded reply, and the same with its second item's title unreadable."""
    data = fixture_path(folder, name).read_bytes()
    reply = json.loads(data)
    item = reply
    for key in items.split("/"):
        item = item[key]
    title = item[1]["title"]
    item[1]["title"] = ["\ud800" + title[0]] if isinstance(title, list) else "\ud800" + title
    return data, json.dumps(reply).encode("ascii")


def test_an_unreadable_europe_pmc_result_names_its_source_id():
    healthy, data = broken("pyeuropepmc_search_cancer_core.json", "europepmc", "resultList/result")
    wanted = europepmc.parse_search(healthy).records[1].source_id
    page = europepmc.parse_search(data)
    (item,) = page.set_aside
    assert item.source_id == wanted and item.what == f"Europe PMC result {wanted}"
    assert wanted not in {r.source_id for r in page.records}


def test_an_unreadable_crossref_work_names_its_doi():
    ecology = "habanero_works_list_query_ecology_author_boettiger.json"
    healthy, data = broken(ecology, "crossref", "message/items")
    wanted = crossref.parse_works(healthy).records[1].source_id
    page = crossref.parse_works(data)
    (item,) = page.set_aside
    assert item.source_id == wanted and wanted.startswith("10.")
    assert wanted not in {r.source_id for r in page.records}
