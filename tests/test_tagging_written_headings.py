"""A structured abstract reads alike whether the source kept its sections or wrote their headings into one
string (feeds, pages, exported datasets given to ``osteodigest tag``): same design, takeaway and numbers."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.tag_command import read_records, run
from osteodigest.crawler.tagging import tag_records

from tests.conftest import fixture_path


def structured_records() -> list[Record]:
    with fixture_path("pubmed", "bone_topic_subset.xml").open("rb") as handle:
        records = list(parse_medline(handle))
    return [r for r in records if sum(1 for label, _ in r.abstract_sections if label) >= 2]


def written(record: Record, case: str) -> Record:
    """The record as a source that writes the headings into the abstract gives it: "LABEL: text",
    "Label: text", "Label" on a line of its own, or "LABEL text" without a colon."""
    forms = {
        "upper": lambda label, text: f"{label.upper()}: {text}",
        "title": lambda label, text: f"{label.capitalize()}: {text}",
        "line": lambda label, text: f"{label.capitalize()}\n{text}",
        "bare": lambda label, text: f"{label.upper()} {text}",
    }
    joiner = "\n" if case == "line" else " "
    text = joiner.join(forms[case](name, t) if name else t for name, t in record.abstract_sections)
    return dataclasses.replace(record, abstract=text, abstract_sections=())


def summary(record: Record) -> tuple:
    tags = tag_records([record])
    # The authors' stated level is quoted with its heading as the source wrote it ("Level of Evidence:").
    evidence = json.dumps(tags.evidence, sort_keys=True, ensure_ascii=False).lower()
    return tags.study_type, tags.takeaway, json.dumps(tags.key_numbers, sort_keys=True), evidence


@pytest.mark.parametrize("case", ["upper", "title", "line", "bare"])
def test_headings_written_into_the_text_tag_as_the_sections_do(case):
    records = structured_records()
    assert len(records) >= 50, "the bone subset holds structured abstracts"
    # Without a colon, a heading before capitals is ambiguous ("LEVEL OF EVIDENCE IV"): the authors' level
    # is then quoted under another heading, and only the level itself is compared.
    compared = 3 if case == "bare" else 4
    differ = [
        r.pmid
        for r in records
        if summary(written(r, case))[:compared] != summary(r)[:compared]
        or tag_records([written(r, case)]).evidence.get("level") != tag_records([r]).evidence.get("level")
    ]
    assert not differ, f"{len(differ)} of {len(records)} read differently: {differ[:10]}"


def test_osteodigest_tag_reads_a_csv_of_structured_abstracts_as_pubmed_gives_them(tmp_path: Path):
    records = structured_records()[:60]
    with (tmp_path / "set.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pmid", "title", "abstract"])
        writer.writerows([r.pmid, r.title, written(r, "title").abstract] for r in records)
    out = io.StringIO()
    assert run([tmp_path / "set.csv"], out=out, err=io.StringIO(), jobs=1) == 0
    tagged = {line["id"]: line for line in map(json.loads, out.getvalue().splitlines())}
    for record in records:
        # What PubMed's XML gives for the same text, sections kept, without its indexing.
        sections_kept = Record(
            source="pubmed",
            source_id=record.pmid or "",
            title=record.title,
            abstract=record.abstract,
            abstract_sections=record.abstract_sections,
        )
        expected = tag_records([sections_kept])
        line = tagged[record.pmid]
        assert (line["study_type"], line["takeaway"]) == (expected.study_type, expected.takeaway), record.pmid


def jats(record: Record) -> str:
    """The abstract as Crossref sends it (and exports of Crossref keep it)."""
    return "".join(
        f"<jats:sec><jats:title>{html.escape(label)}</jats:title><jats:p>{html.escape(text)}</jats:p></jats:sec>"
        if label
        else f"<jats:p>{html.escape(text)}</jats:p>"
        for label, text in record.abstract_sections
    )


def test_osteodigest_tag_reads_an_abstract_in_jats_or_html_as_its_plain_text(tmp_path: Path):
    records = structured_records()[:60]
    rows = [{"id": r.pmid, "title": f"<i>{html.escape(r.title)}</i>", "abstract": jats(r)} for r in records]
    rows += [
        {"id": f"h{r.pmid}", "title": r.title, "abstract": f"<p>{html.escape(r.abstract)}</p>"}
        for r in records
    ]
    # A plain text's "p < 0.05" and "A&E" are no markup: read as written.
    rows.append(
        {
            "id": "plain",
            "title": "A&E visits",
            "abstract": "Falls rose (p < 0.05) in A&E <3 days, IL-6 <LOD>.",
        }
    )
    source = tmp_path / "set.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = io.StringIO()
    assert run([source], out=out, err=io.StringIO(), jobs=1) == 0
    tagged = {line["id"]: line for line in map(json.loads, out.getvalue().splitlines())}
    for record in records:
        plain = tag_records([Record(source="t", source_id="1", title=record.title, abstract=record.abstract)])
        for ident in (record.pmid, f"h{record.pmid}"):
            line = tagged[ident]
            assert (line["study_type"], line["takeaway"]) == (plain.study_type, plain.takeaway), ident
    (plain,) = [r for r in read_records(source) if isinstance(r, Record) and r.source_id == "plain"]
    assert (plain.title, plain.abstract) == (
        "A&E visits",
        "Falls rose (p < 0.05) in A&E <3 days, IL-6 <LOD>.",
    )
