"""``osteodigest tag``: readers for PubMed XML, JSON Lines, RIS and CSV, and the JSON Lines it writes."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from osteodigest.crawler.dedup.bibio import read_records as dedup_read_records
from osteodigest.crawler.errors import InputError
from osteodigest.crawler.tag_command import read_records
from osteodigest.crawler.tagging import run_tag_command

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
FIELDS = {
    "id",
    "study_type",
    "evidence_level",
    "flags",
    "topics",
    "key_numbers",
    "why",
    "label",
    "evidence",
    "takeaway",
    "relevance",
}


def run(paths: list[Path], explain: bool = False) -> tuple[int, list[dict]]:
    out = io.StringIO()
    status = run_tag_command(paths, explain=explain, out=out)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_json_lines_in_json_lines_out(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [
        {
            "id": "a",
            "title": "Denosumab in men: a randomized controlled trial",
            "abstract": "We randomly assigned 200 men to denosumab or placebo.",
            "journal": "J Bone Miner Res",
            "keywords": ["osteoporosis"],
            "publication_types": ["Journal Article"],
        },
        {"id": "b", "title": "Erratum: Denosumab in men", "abstract": ""},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    status, lines = run([path])
    assert status == 0
    assert [line["id"] for line in lines] == ["a", "b"]
    assert all(set(line) == FIELDS for line in lines)
    assert lines[0]["study_type"] == "rct" and lines[0]["evidence_level"] == 2
    assert lines[0]["key_numbers"]["participants"] == {"n": 200, "what": "men", "text": "200 men"}
    assert lines[1]["study_type"] == "erratum" and lines[1]["evidence_level"] is None


def test_explain_adds_title_and_readable_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "x",
                "title": "Zoledronic acid for osteonecrosis of the knee: a case report",
                "abstract": "We report a 60-year-old man.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    status, (line,) = run([path], explain=True)
    assert status == 0
    assert line["title"].startswith("Zoledronic acid")
    assert any(text.startswith("study_type = case_report  <- title") for text in line["explain"])
    assert any(text.startswith("topic site:knee") for text in line["explain"])


def test_csv_and_ris(tmp_path):
    csv_path = tmp_path / "in.csv"
    csv_path.write_text(
        'id,title,abstract,publication_types\n1,"Bone loss in rats","Forty ovariectomized rats '
        'were treated with alendronate.",Journal Article\n',
        encoding="utf-8",
    )
    ris_path = tmp_path / "in.ris"
    ris_path.write_text(
        "TY  - JOUR\nID  - r1\nTI  - Osteoporosis treatment: a narrative review\nAB  - This "
        "narrative review summarizes current therapies.\nKW  - osteoporosis\nER  - \n",
        encoding="utf-8",
    )
    status, lines = run([csv_path, ris_path])
    assert status == 0
    assert [(line["id"], line["study_type"]) for line in lines] == [
        ("1", "animal"),
        ("r1", "narrative_review"),
    ]
    assert "animal_species:rat" in lines[0]["flags"]


def test_csv_exported_by_scopus_or_web_of_science(tmp_path):
    # Their headers differ from ours ("Article Title", "Source Title", "PubMed ID", "Document Type").
    path = tmp_path / "scopus.csv"
    path.write_text(
        '"Authors","Article Title","Source Title","Abstract","Author Keywords","Document Type","PubMed ID"\n'
        '"Lee J.","Denosumab and jaw osteonecrosis: a systematic review and meta-analysis","Bone",'
        '"PubMed and Embase were searched; 14 studies were included. The pooled incidence was 1.2% '
        '(95% CI 0.8-1.6); heterogeneity was low.","MRONJ; denosumab","Review","31234567"\n',
        encoding="utf-8",
    )
    status, (line,) = run([path])
    assert status == 0
    assert line["id"] == "31234567"
    assert line["study_type"] == "meta_analysis"
    assert "drug:denosumab" in line["topics"]


def test_a_research_dataset_csv_names_journal_keywords_and_mesh_its_own_way(tmp_path):
    # Labelled study-type datasets built from PubMed ("PMID", "Journal Name", "Keyword", "MeSH Terms"):
    # unread, the journal, keywords and indexing would be lost.
    path = tmp_path / "dataset.csv"
    path.write_text(
        "PMID,Journal Name,Title,Abstract,Keyword,MeSH Terms,label\n"
        '30000001,Bone,"Zoledronic acid in rats","Forty ovariectomized rats were given zoledronic acid or '
        'saline for 12 weeks; bone mineral density rose by 12% (p < 0.01).",osteoporosis; bisphosphonate,'
        '"Animals; Rats; Osteoporosis, Postmenopausal",animal\n',
        encoding="utf-8",
    )
    [record] = read_records(path)
    assert record.journal == "Bone"
    assert record.keywords == ("osteoporosis", "bisphosphonate")
    assert record.mesh == ("Animals", "Rats", "Osteoporosis, Postmenopausal")
    status, [line] = run([path])
    assert status == 0 and line["id"] == "30000001"
    assert line["study_type"] == "animal"


def test_zotero_csv_and_europe_pmc_json_name_their_fields_their_own_way(tmp_path):
    # Zotero exports "Abstract Note", "Publication Title" and "Manual Tags"; Europe PMC's JSON has
    # "abstractText", "journalTitle" and "pubType". Unread, the abstract would be empty and every record
    # "other", about nothing.
    abstract = (
        "We report the case of a 61-year-old woman who developed osteonecrosis of the jaw after eight "
        "doses of denosumab for postmenopausal osteoporosis; the lesion healed after sequestrectomy."
    )
    zotero = tmp_path / "zotero.csv"
    zotero.write_text(
        '"Key","Item Type","Publication Year","Author","Title","Publication Title","Abstract Note",'
        '"Manual Tags"\n'
        f'"ABCD1234","journalArticle","2024","Rossi, A","Jaw osteonecrosis after denosumab","Bone Reports",'
        f'"{abstract}","MRONJ; denosumab"\n',
        encoding="utf-8",
    )
    [record] = read_records(zotero)
    assert (record.abstract, record.journal, record.keywords) == (
        abstract,
        "Bone Reports",
        ("MRONJ", "denosumab"),
    )
    europe_pmc = tmp_path / "epmc.jsonl"
    europe_pmc.write_text(
        json.dumps(
            {
                "id": "38000001",
                "title": "Jaw osteonecrosis after denosumab",
                "abstractText": abstract,
                "journalTitle": "Bone Rep",
                "pubType": "case-report; journal article",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    [record] = read_records(europe_pmc)
    assert (record.abstract, record.journal) == (abstract, "Bone Rep")
    assert record.publication_types == ("case-report", "journal article")
    status, lines = run([zotero, europe_pmc])
    assert status == 0
    assert [line["study_type"] for line in lines] == ["case_report", "case_report"]
    assert all(line["relevance"]["osteonecrosis"]["decision"] == "about" for line in lines)


@pytest.mark.parametrize(
    "abstract",
    [
        {
            "BACKGROUND": "Hip fracture in older people.",
            "METHODS": "We randomly assigned 200 patients to zoledronate or placebo.",
            "CONCLUSIONS": "Zoledronate reduced new fractures.",
        },
        [
            "BACKGROUND: Hip fracture in older people.",
            "METHODS: We randomly assigned 200 patients to zoledronate or placebo.",
            "CONCLUSIONS: Zoledronate reduced new fractures.",
        ],
        [
            {"label": "Background", "text": "Hip fracture in older people."},
            {"label": "Methods", "text": "We randomly assigned 200 patients to zoledronate or placebo."},
            {"Label": "CONCLUSIONS", "#text": "Zoledronate reduced new fractures."},
        ],
    ],
    ids=["label-to-text", "list-of-strings", "list-of-sections"],
)
def test_a_structured_abstract_given_as_json_reads_as_pubmed_prints_it(tmp_path, abstract):
    path = tmp_path / "structured.jsonl"
    path.write_text(
        json.dumps({"id": "s1", "title": "Zoledronate after hip fracture", "abstract": abstract}) + "\n",
        encoding="utf-8",
    )
    [record] = read_records(path)
    assert record.abstract == (
        "BACKGROUND: Hip fracture in older people. METHODS: We randomly assigned 200 patients to "
        "zoledronate or placebo. CONCLUSIONS: Zoledronate reduced new fractures."
    )
    status, (line,) = run([path])
    assert status == 0 and line["study_type"] == "rct"
    assert line["takeaway"] == "Zoledronate reduced new fractures."


def test_web_of_science_tab_delimited_export_with_a_byte_order_mark(tmp_path):
    # WoS saves "savedrecs.txt": tab-separated, UTF-8 with a BOM, two-letter tags as headers. PT is the
    # one-letter source code ("J"); DT is the document type and must not be hidden behind it.
    header = ["PT", "AU", "TI", "SO", "DE", "AB", "DT", "PM", "UT"]
    row = [
        "J",
        "Müller, K",
        "Zoledronate and the jaw: a reply",
        "BONE",
        "MRONJ; zoledronate",
        "",
        "Letter",
        "35550001",
        "WOS:000812345600001",
    ]
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(("\ufeff" + "\t".join(header) + "\n" + "\t".join(row) + "\n").encode("utf-8"))
    [record] = read_records(path)
    assert record.publication_types == ("Letter",) and record.pmid == "35550001"
    assert record.keywords == ("MRONJ", "zoledronate") and record.journal == "BONE"
    status, (line,) = run([path])
    assert status == 0 and line["id"] == "35550001" and line["study_type"] == "commentary"


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("semicolons.csv", lambda text: text.replace(",", ";").encode("utf-8")),
        ("windows.csv", lambda text: text.encode("cp1252")),
        ("excel-unicode.csv", lambda text: text.replace(",", "\t").encode("utf-16")),
    ],
)
def test_csv_saved_by_spreadsheets_in_other_locales_reads_the_same(tmp_path, name, encode):
    text = "id,title,abstract\nr1,Ostéonécrose de la tête fémorale: revue systématique,\n"
    path = tmp_path / name
    path.write_bytes(encode(text))
    [record] = read_records(path)
    assert record.source_id == "r1"
    assert record.title == "Ostéonécrose de la tête fémorale: revue systématique"


def test_pubmed_xml_gzipped_with_pmids(tmp_path):
    source = FIXTURES / "pubmed" / "efetch"
    files = sorted(source.glob("*.xml")) if source.exists() else []
    if not files:
        pytest.skip(f"no efetch fixtures in {source}")
    gz = tmp_path / "efetch.xml.gz"
    gz.write_bytes(gzip.compress(files[0].read_bytes()))
    status, lines = run([gz])
    expected = [r.pmid for r in read_records(files[0])]
    assert status == 0 and expected
    assert [line["id"] for line in lines] == expected


def test_a_dataset_text_column_is_the_abstract_and_an_empty_item_is_named(tmp_path, capsys):
    # Labelled text-classification datasets give one "text" (and a "label"): read as nothing, every record
    # came out "Design not stated" without a word on stderr.
    text = (
        "Zoledronic acid in postmenopausal osteoporosis. Women were randomly assigned to zoledronic acid or "
        "placebo; vertebral fractures fell by 70%."
    )
    jsonl = tmp_path / "dataset.jsonl"
    jsonl.write_text(
        json.dumps({"id": "t1", "text": text, "label": "rct"})
        + "\n"
        + json.dumps({"id": "t2", "label": "rct"})
        + "\n",
        encoding="utf-8",
    )
    csv_path = tmp_path / "dataset.csv"
    csv_path.write_text(f'id,text,label\nc1,"{text}",rct\n', encoding="utf-8")
    status, lines = run([jsonl, csv_path])
    assert status == 1
    assert [(line["id"], line["study_type"]) for line in lines] == [("t1", "rct"), ("c1", "rct")]
    assert "dataset.jsonl: line 2: no title, abstract or text to tag" in capsys.readouterr().err


def test_bad_input_is_reported_and_the_rest_is_tagged(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "title": "A review of osteoporosis"}) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    missing = tmp_path / "missing.xml"
    status, lines = run([bad, good, missing])
    assert status == 1
    assert [line["id"] for line in lines] == ["g"]
    err = capsys.readouterr().err
    assert "bad.jsonl: line 1: not JSON" in err and "missing.xml" in err


def test_no_readable_input_at_all_is_a_usage_error(tmp_path):
    assert run_tag_command([tmp_path / "nope.csv"], out=io.StringIO()) == 2


def test_pages_authors_and_comment_links_are_read_from_json_lines_and_ris(tmp_path):
    abstract = "Bone regeneration offers hope. Work by others now shows a new mechanism of repair."
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "c",
                "title": "A window for bone repair",
                "abstract": abstract,
                "pages": "1559-1561",
                "authors": ["Doe J", "Roe R"],
                "language": "eng",
                "comment_on": ["33000001"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    record = next(read_records(jsonl))
    assert (record.pages, record.authors, record.language) == ("1559-1561", ("Doe J", "Roe R"), "eng")
    assert [(r.type, r.id_type, r.id) for r in record.relations] == [("comment_on", "pmid", "33000001")]
    status, lines = run([jsonl])
    assert status == 0 and lines[0]["study_type"] == "commentary"
    ris = tmp_path / "in.ris"
    ris.write_text(
        "TY  - JOUR\nTI  - A window for bone repair\nAU  - Doe, J\nAU  - Roe, R\nSP  - 1559\nEP  - 1561\n"
        "LA  - eng\nER  - \n",
        encoding="utf-8",
    )
    record = next(read_records(ris))
    assert (record.pages, record.authors, record.language) == ("1559-1561", ("Doe, J", "Roe, R"), "eng")


def test_relevance_per_topic_with_decision_score_and_why(tmp_path, capsys):
    # Real records of the bone subset: femoral head osteonecrosis (34088323), glenoid bone loss (33877406)
    # and a case report that rules avascular necrosis out (32649158), as PubMed XML.
    source = FIXTURES / "pubmed" / "bone_topic_subset.xml"
    if not source.exists():
        pytest.skip(f"shared fixture {source} is absent")
    xml = source.read_text(encoding="utf-8")
    articles = [
        xml[xml.index(f'<PMID Version="1">{pmid}</PMID>') :].split("</PubmedArticle>")[0]
        for pmid in ("34088323", "33877406", "32649158")
    ]
    body = "".join("<PubmedArticle><MedlineCitation>" + a + "</PubmedArticle>" for a in articles)
    path = tmp_path / "three.xml"
    path.write_text(f"<PubmedArticleSet>{body}</PubmedArticleSet>", encoding="utf-8")
    status, lines = run([path], explain=True)
    assert status == 0
    by_id = {line["id"]: line for line in lines}
    onfh = by_id["34088323"]["relevance"]
    assert list(onfh) == ["osteonecrosis", "osteoporosis", "jaw_osteonecrosis", "atypical_femoral_fracture"]
    assert set(onfh["osteonecrosis"]) == {"decision", "score", "why"}
    assert onfh["osteonecrosis"]["decision"] == "about" and onfh["osteonecrosis"]["score"] >= 4
    assert onfh["osteonecrosis"]["why"].startswith("Avascular necrosis of the femoral head — in the title")
    assert onfh["osteoporosis"] == {"decision": "none", "score": 0.0, "why": ""}
    assert by_id["33877406"]["relevance"]["osteoporosis"]["decision"] == "mentions"
    assert (
        by_id["32649158"]["relevance"]["osteonecrosis"]["why"] == "Avascular necrosis — negated (absence of)"
    )
    explain = by_id["34088323"]["explain"]
    assert any(line.startswith("relevance osteonecrosis = about (score ") for line in explain)
    # A topics file adds a topic for the decisions; a broken one is a usage error.
    topics = tmp_path / "topics.toml"
    topics.write_text('[topics.shoulder]\npubmed_query = "glenoid"\nterms = ["glenoid bone loss"]\n', "utf-8")
    out = io.StringIO()
    assert run_tag_command([path], out=out, topics_file=topics) == 0
    shoulder = {
        json.loads(x)["id"]: json.loads(x)["relevance"]["shoulder"] for x in out.getvalue().splitlines()
    }
    assert shoulder["33877406"]["decision"] == "about" and shoulder["34088323"]["decision"] == "none"
    topics.write_text('[topics.shoulder]\npubmed_query = "glenoid"\nterms = 3\n', "utf-8")
    assert run_tag_command([path], out=io.StringIO(), topics_file=topics) == 2
    assert "topics.shoulder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("head", "said"),
    [
        (b"PK\x03\x04", "a zip archive that is no Excel workbook (an .ods spreadsheet?)"),
        (b"\xd0\xcf\x11\xe0", "old Excel"),
        (b"%PDF-1.7", "a PDF"),
        (b"PAR1", "a Parquet file"),
    ],
)
def test_a_spreadsheet_or_pdf_is_named_as_such_not_read_as_a_csv_without_columns(
    tmp_path, capsys, head, said
):
    path = tmp_path / "labels.xlsx"
    path.write_bytes(head + bytes(range(256)) * 8)
    assert run_tag_command([path], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "labels.xlsx" in err and said in err and "save it as CSV" in err
    with pytest.raises(InputError, match="save it as CSV"):
        list(dedup_read_records(path))


def _fixture(*parts: str) -> Path:
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared fixture {path} is absent")
    return path


def test_a_saved_europe_pmc_or_crossref_reply_is_read_by_the_fetchers_parsers(tmp_path, capsys):
    from osteodigest.crawler.sources.crossref import parse_works
    from osteodigest.crawler.sources.europepmc import parse_search
    from osteodigest.crawler.tagging.command import tag_line

    europe = _fixture("europepmc", "pyeuropepmc_search_cancer_core.json")  # pretty-printed, 25 results
    crossref = _fixture("crossref", "habanero_work_single_10.1002_jor.1100150407.json")  # one line
    status, lines = run([europe, crossref])
    assert status == 0, capsys.readouterr().err
    fetched = parse_search(europe.read_bytes()).records + parse_works(crossref.read_bytes()).records
    assert len(lines) == len(fetched) == 26
    assert lines == [json.loads(json.dumps(tag_line(record))) for record in fetched]
    assert lines[0]["id"] == "39709209" and lines[-1]["id"] == "10.1002/jor.1100150407"


def test_a_refused_reply_or_a_broken_document_is_one_line_not_one_per_line(tmp_path, capsys):
    refused = _fixture("crossref", "habanero_work_400_error.json")
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{\n  "title": "A review of osteoporosis",\n  "abstract": "unfinished\n', encoding="utf-8"
    )
    record = tmp_path / "record.json"
    record.write_text('{\n  "id": "r1",\n  "title": "A review of osteoporosis"\n}\n', encoding="utf-8")
    status, lines = run([refused, broken, record])
    assert status == 1 and [line["id"] for line in lines] == ["r1"]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "a Crossref reply, not readable (Crossref refused the request" in err[0]
    assert "broken.json: line 3: not JSON" in err[1]


def test_one_pubmed_article_saved_on_its_own_is_read(tmp_path):
    subset = _fixture("pubmed", "bone_topic_subset.xml").read_text(encoding="utf-8")
    start = subset.index("<PubmedArticle>")
    end = subset.index("</PubmedArticle>") + len("</PubmedArticle>")
    path = tmp_path / "one.xml"
    path.write_text(subset[start:end], encoding="utf-8")
    status, lines = run([path])
    assert status == 0 and len(lines) == 1 and lines[0]["id"].isdigit()


TRIAL_ABSTRACT = "Patients were randomly assigned to zoledronic acid or placebo within 90 days of repair."


def test_a_dataset_saved_as_one_object_of_lists_is_read_item_by_item(tmp_path, capsys):
    # {"data": […]} and {"train": […], "test": […]} were one unreadable item: "no title, abstract or text".
    trial = {
        "title": "Zoledronic acid after hip fracture",
        "abstract": "Patients were randomly assigned to zoledronic acid or placebo within 90 days of repair.",
    }
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"version": "1.0", "data": [dict(trial, id="w1")]}), encoding="utf-8")
    splits = tmp_path / "splits.json"
    splits.write_text(
        json.dumps({"train": [dict(trial, id="s1")], "test": [dict(trial, id="s2"), {"id": "s3"}]}, indent=2),
        encoding="utf-8",
    )
    status, lines = run([wrapped, splits])
    assert status == 1
    assert [(line["id"], line["study_type"]) for line in lines] == [
        ("w1", "rct"),
        ("s1", "rct"),
        ("s2", "rct"),
    ]
    assert (
        "splits.json: the document: 'test' item 2: no title, abstract or text to tag"
        in capsys.readouterr().err
    )


def test_an_excel_workbook_is_read_as_its_first_sheet_saved_as_csv(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["PMID", "Title", "Abstract", "label"])
    # A PMID typed into a number cell comes back as a float; a blank row between records is skipped.
    sheet.append([12345678.0, "Zoledronic acid after hip fracture", TRIAL_ABSTRACT, "rct"])
    sheet.append([None, None, None, None])
    sheet.append([23456789, "Osteonecrosis of the jaw after denosumab: a case report", "", "case_report"])
    book.create_sheet("notes").append(["not", "read"])
    path = tmp_path / "labels.xlsx"
    book.save(path)
    status, lines = run([path])
    assert status == 0
    assert [(line["id"], line["study_type"]) for line in lines] == [
        ("12345678", "rct"),
        ("23456789", "case_report"),
    ]
    # dedup reads the same workbook the same way (its own columns: the title is what it needs).
    assert [record.title for _, record in dedup_read_records(path)] == [
        "Zoledronic acid after hip fracture",
        "Osteonecrosis of the jaw after denosumab: a case report",
    ]


def test_a_title_run_together_with_its_abstract_is_read_as_the_title(tmp_path):
    """A dataset's one "text" of title and abstract: the title's design words ("…: a case report") count as
    the title's, as when the two come apart, for every real record whose title reads as one."""
    from osteodigest.crawler.abstracts import leading_title

    from tests.conftest import fixture_path

    records = [r for r in read_records(fixture_path("pubmed", "bone_topic_subset.xml")) if r.abstract]
    parts = tmp_path / "parts.jsonl"
    parts.write_text(
        "".join(json.dumps({"id": r.pmid, "title": r.title, "abstract": r.abstract}) + "\n" for r in records)
    )
    joined = tmp_path / "joined.jsonl"
    joined.write_text(
        "".join(json.dumps({"id": r.pmid, "text": f"{r.title} {r.abstract}"}) + "\n" for r in records)
    )
    _, apart = run([parts])
    _, together = run([joined])
    recovered = {r.pmid for r in records if leading_title(f"{r.title} {r.abstract}")[0] == r.title.strip()}
    assert len(recovered) >= 0.8 * len(records), "most PubMed titles read as titles"
    designs = {line["id"]: line["study_type"] for line in apart}
    differ = [
        line["id"]
        for line in together
        if line["id"] in recovered and designs[line["id"]] != line["study_type"]
    ]
    assert not differ
    # An abstract given alone keeps its first sentence: "Osteoporosis is common" is no title.
    assert leading_title("Osteoporosis is common in older men. We followed 200 of them.")[0] == ""


def test_semantic_scholar_and_crossref_json_items_are_read_with_their_types_and_names(tmp_path):
    """Other services' JSON, as exported datasets keep it: Semantic Scholar's paperId, journal object and
    publication types ("CaseReport"), Crossref's lists of titles and container titles and its JATS."""
    items = tmp_path / "items.jsonl"
    items.write_text(
        json.dumps(
            {
                "paperId": "s2-1",
                "title": "Exposed mandible after denosumab",
                "abstract": "A woman of 70 had exposed bone of the mandible. She healed after surgery.",
                "journal": {"name": "Journal of Bone and Mineral Research", "volume": "3"},
                "publicationTypes": ["CaseReport", "JournalArticle"],
            }
        )
        + "\n"
        + json.dumps(
            {
                "DOI": "10.1/x",
                "title": ["Denosumab and fractures"],
                "container-title": ["Osteoporosis International"],
                "abstract": "<jats:p>Twelve trials were pooled.</jats:p>",
                "type": "journal-article",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    s2, crossref = list(read_records(items))
    assert (s2.source_id, s2.journal, s2.publication_types) == (
        "s2-1",
        "Journal of Bone and Mineral Research",
        ("Case Reports", "Journal Article"),
    )
    assert (crossref.source_id, crossref.title, crossref.journal, crossref.abstract) == (
        "10.1/x",
        "Denosumab and fractures",
        "Osteoporosis International",
        "Twelve trials were pooled.",
    )
    status, lines = run([items])
    assert status == 0 and lines[0]["study_type"] == "case_report"
