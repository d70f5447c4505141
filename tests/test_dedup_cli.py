"""``osteodigest dedup``: reading CSV, RIS and PubMed XML, writing ``id,cluster_id``, exit codes."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from osteodigest.crawler.dedup.bibio import read_records
from osteodigest.crawler.dedup.cli_command import run_dedup_command
from osteodigest.crawler.dedup.evaluate import read_groups, removal_metrics
from osteodigest.newsletter.cli import main

from tests.conftest import fixture_path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_set_through_the_command(tmp_path: Path) -> None:
    folder = fixture_path("dedup", "special_cases")
    out = tmp_path / "out.csv"
    report = io.StringIO()
    assert run_dedup_command([folder / "records_pre_merged.csv"], out, True, out=report) == 0
    rows = _rows(out)
    assert list(rows[0]) == ["id", "cluster_id"]
    with (folder / "records_pre_merged.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["id"] for r in rows] == [r["ID"] for r in csv.DictReader(handle)]
    m = removal_metrics(
        [r["id"] for r in rows],
        [int(r["cluster_id"]) for r in rows],
        read_groups(str(folder / "merged_record_ids.csv")),
    )
    assert m.fp == 0 and m.recall == 1.0
    text = report.getvalue()
    assert "merged id_0000001 + id_0000002" in text
    # Two HICSS introductions with different DOIs are different works.
    clusters = {r["id"]: r["cluster_id"] for r in rows}
    assert clusters["id_0000003"] != clusters["id_0000004"]


def test_registered_subcommand_and_usage_errors(tmp_path: Path) -> None:
    folder = fixture_path("dedup", "special_cases")
    out = tmp_path / "o.csv"
    assert main(["dedup", str(folder / "records_pre_merged.csv"), "-o", str(out)]) == 0
    assert len(_rows(out)) == 12
    assert main(["dedup", str(tmp_path / "missing.csv"), "-o", str(out)]) == 2
    assert main(["dedup", str(folder / "records_pre_merged.csv")]) == 2  # -o is required


def test_a_csv_saved_with_semicolons_or_in_windows_1252_clusters_the_same(tmp_path: Path) -> None:
    source = fixture_path("dedup", "stroke", "records_pre_merged.csv")
    rows = _rows(source)[:300]
    rows[0]["title"] = "Ischémie cérébrale: " + rows[0]["title"]  # a character Windows-1252 encodes
    clusters = []
    for name, delimiter, encoding in (
        ("plain.csv", ",", "utf-8"),
        ("semi.csv", ";", "utf-8"),
        ("windows.csv", ",", "cp1252"),
        ("tabs.tsv", "\t", "utf-8-sig"),
    ):
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]), delimiter=delimiter)
            writer.writeheader()
            writer.writerows(rows)
        assert next(r.title for _, r in read_records(path)).startswith("Ischémie cérébrale: ")
        out = tmp_path / f"out-{name}.csv"
        assert run_dedup_command([path], out, False, out=io.StringIO()) == 0
        clusters.append([(r["id"], r["cluster_id"]) for r in _rows(out)])
    assert len({cluster for _, cluster in clusters[0]}) < len(rows), "the set's duplicates are found"
    assert clusters[1:] == clusters[:1] * 3


def test_a_csv_without_a_title_column_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "refs.csv"
    path.write_text("ID|Titel|Jahr\n1|Osteoporose|2020\n", encoding="utf-8")
    assert main(["dedup", str(path), "-o", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"osteodigest dedup: cannot read {path}: CSV needs a 'title' column (found: ID|Titel|Jahr)\n"
    )
    assert not (tmp_path / "out.csv").exists()


def test_ris_input(tmp_path: Path) -> None:
    ris = tmp_path / "refs.ris"
    ris.write_text(
        "TY  - JOUR\nID  - a1\nTI  - Denosumab and fracture healing in older adults\nAU  - Lee, Kim\n"
        "AU  - Park, J.\nPY  - 2020\nJO  - Bone\nVL  - 12\nSP  - 100\nEP  - 9\n"
        "DO  - 10.1016/j.bone.1\nER  - \n"
        "TY  - JOUR\nID  - a2\nTI  - Denosumab and Fracture Healing in Older Adults.\nAU  - Lee K\n"
        "AU  - Park J\nPY  - 2020/01/02\nJO  - Bone\nVL  - 12\nSP  - 100\nEP  - 109\nER  - \n"
        "TY  - JOUR\nID  - a3\nTI  - Teriparatide after denosumab\nAU  - Lee, Kim\nPY  - 2021\nER  - \n",
        encoding="utf-8",
    )
    records = dict(read_records(ris))
    assert records["a1"].pages == "100-9" and records["a1"].authors == ("Lee K", "Park J")
    out = tmp_path / "out.csv"
    assert run_dedup_command([ris], out, False, out=io.StringIO()) == 0
    clusters = {r["id"]: r["cluster_id"] for r in _rows(out)}
    assert clusters["a1"] == clusters["a2"] != clusters["a3"]


def test_pubmed_xml_input_with_gzip_and_a_csv_copy(tmp_path: Path) -> None:
    xml = fixture_path("pubmed", "bone_topic_subset.xml").read_bytes()
    gz = tmp_path / "subset.xml.gz"
    gz.write_bytes(gzip.compress(xml))
    records = list(read_records(gz))
    assert len(records) > 200
    pmid, first = records[0]
    copy = tmp_path / "copy.csv"
    with copy.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "title", "year", "author", "pages", "volume", "journal"])
        writer.writerow(
            [
                "x1",
                first.title.upper(),
                (first.published or "")[:4],
                " and ".join(first.authors),
                first.pages,
                first.volume,
                first.journal,
            ]
        )
    out = tmp_path / "out.csv"
    assert run_dedup_command([gz, copy], out, False, out=io.StringIO()) == 0
    rows = _rows(out)
    assert len(rows) == len(records) + 1
    clusters = {r["id"]: r["cluster_id"] for r in rows}
    assert clusters["x1"] == clusters[pmid]
    # Real PubMed records are distinct articles: nearly every one is its own work.
    assert len(set(clusters.values())) >= len(records) - 3


def test_pubmed_text_format_input_clusters_with_a_copy_from_another_export(tmp_path: Path) -> None:
    # PubMed's "Save → PubMed format" (.nbib) beside a reference manager's RIS copy of one of its records:
    # read by PMID, MeSH stars and all (tests/test_medline_text.py compares the fields with the XML
    # parser's), and the copy joins the PubMed record's cluster.
    nbib = tmp_path / "saved.nbib"
    nbib.write_text(
        "PMID- 101\nTI  - Denosumab and fracture healing in older\n      adults.\nAU  - Lee K\nAU  - Park J\n"
        "DP  - 2020 Jan\nJT  - Bone\nVI  - 12\nPG  - 100-9\nLID - 10.1016/j.bone.2020.100 [doi]\n"
        "MH  - *Fracture Healing/drug effects\n\n"
        "PMID- 103\nTI  - Teriparatide after denosumab.\nAU  - Lee K\nDP  - 2021\n",
        encoding="utf-8",
    )
    ris = tmp_path / "manager.ris"
    ris.write_text(
        "TY  - JOUR\nID  - a2\nTI  - Denosumab and Fracture Healing in Older Adults.\nAU  - Lee K\n"
        "AU  - Park J\nPY  - 2020/01/02\nJO  - Bone\nVL  - 12\nSP  - 100\nEP  - 109\nER  - \n",
        encoding="utf-8",
    )
    records = dict(read_records(nbib))
    assert set(records) == {"101", "103"}
    assert records["101"].title == "Denosumab and fracture healing in older adults."
    assert (
        records["101"].mesh_major == ("Fracture Healing",) and records["101"].doi == "10.1016/j.bone.2020.100"
    )
    out = tmp_path / "out.csv"
    assert run_dedup_command([nbib, ris], out, False, out=io.StringIO()) == 0
    clusters = {r["id"]: r["cluster_id"] for r in _rows(out)}
    assert clusters["101"] == clusters["a2"] != clusters["103"]
