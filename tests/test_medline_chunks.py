"""Cutting PubMed XML into pieces of whole records (``crawler.sources.medline_chunks``), and
``osteodigest tag --jobs N`` over such pieces: every piece parses to the records the whole file gives
between its cuts, and what cannot be cut with certainty is read whole, as one process reads it."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.sources import medline_chunks
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.sources.medline_chunks import NotCuttable, pieces
from osteodigest.crawler.tag_command import run

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
BONE = FIXTURES / "pubmed" / "bone_topic_subset.xml"
needs_bone = pytest.mark.skipif(not BONE.exists(), reason=f"shared fixture missing: {BONE}")

PROLOG = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "x.dtd">
<PubmedArticleSet>
"""


def article(pmid: int, title: str = "Bone density after denosumab") -> bytes:
    return f"""  <PubmedArticle>
    <MedlineCitation Status="MEDLINE" Owner="NLM">
      <PMID Version="1">{pmid}</PMID>
      <Article PubModel="Print">
        <Journal><Title>Bone</Title></Journal>
        <ArticleTitle>{title} ({pmid})</ArticleTitle>
        <Abstract><AbstractText>We followed 120 women for 2 years &amp; more.</AbstractText></Abstract>
        <PublicationTypeList>
          <PublicationType UI="D016428">Journal Article</PublicationType>
        </PublicationTypeList>
      </Article>
    </MedlineCitation>
  </PubmedArticle>
""".encode()


BOOK = b"""  <PubmedBookArticle>
    <BookDocument>
      <PMID Version="1">20301472</PMID>
      <Book><BookTitle book="gene">GeneReviews</BookTitle><PubDate><Year>1993</Year></PubDate></Book>
      <ArticleTitle book="gene" part="oi">COL1A1/2 Osteogenesis Imperfecta</ArticleTitle>
      <Abstract><AbstractText>Osteogenesis imperfecta: fragile bones.</AbstractText></Abstract>
    </BookDocument>
  </PubmedBookArticle>
"""

DELETIONS = b"""<DeleteCitation>
<PMID Version="1">33378316</PMID>
<PMID Version="1">33417394</PMID>
</DeleteCitation>
"""


class Trickle(io.RawIOBase):
    """A stream that gives at most ``step`` bytes a read, so records and tags span every read boundary."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data, self._at, self._step = data, 0, step

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self._step if size < 0 else min(size, self._step)
        chunk = self._data[self._at : self._at + size]
        self._at += len(chunk)
        return chunk


def document(*records: bytes, tail: bytes = b"") -> bytes:
    return PROLOG + b"".join(records) + tail + b"</PubmedArticleSet>\n"


def records_of(data: bytes) -> list:
    return list(parse_medline(data))


def pieced(data: bytes, size: int, step: int = 1 << 20) -> list:
    found = []
    for piece in pieces(Trickle(data, step), size=size):
        found.extend(parse_medline(piece.document))
    return found


def test_pieces_of_whole_records_parse_to_the_records_of_the_whole_file():
    """Articles, a book chapter and the deletions at the end, read 7 bytes at a time and cut every
    ~600 bytes: each piece a document of its own, together the records of the file in order."""
    data = document(*(article(i) for i in range(1, 30)), BOOK, article(99), tail=DELETIONS)
    whole = records_of(data)
    assert [r.pmid for r in whole][-2:] == ["20301472", "99"]
    cut = list(pieces(Trickle(data, 7), size=600))
    assert len(cut) > 10
    assert all(piece.document.startswith(PROLOG) for piece in cut)
    assert b"<DeleteCitation>" in cut[-1].document and cut[-1].document.endswith(b"</PubmedArticleSet>\n")
    assert sum(piece.records for piece in cut) == len(whole) == 31
    assert pieced(data, size=600, step=7) == whole


def test_one_piece_holds_a_record_longer_than_the_piece_size():
    data = document(article(1), article(2, "Bone " * 5000), article(3))
    cut = list(pieces(Trickle(data, 100), size=300))
    assert [piece.records for piece in cut] == [1, 1, 1, 0]
    assert pieced(data, size=300, step=100) == records_of(data)


@needs_bone
def test_the_bone_subset_cut_small_gives_its_records():
    data = BONE.read_bytes()
    assert pieced(data, size=64 * 1024, step=4096) == records_of(data)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b'<?xml version="1.0"?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n', "no PubMed record"),
        (PROLOG.replace(b"<PubmedArticleSet>", b"<PubmedArticleSet><Wrap>") + article(1), "prolog"),
        (b"<Other>\n" + article(1) + b"</Other>", "prolog"),
    ],
    ids=["no record", "a wrapper element", "not a PubMed root"],
)
def test_what_cannot_be_cut_with_certainty_is_refused(data, why):
    with pytest.raises(NotCuttable, match=why):
        list(pieces(io.BytesIO(data), size=100))


def test_a_stretch_without_a_record_end_is_refused_before_it_grows_past_the_limit():
    data = document(article(1), b"<Junk>" + b"x" * 50_000 + b"</Junk>\n", article(2))
    with pytest.raises(NotCuttable, match="no PubMed record ends"):
        list(pieces(Trickle(data, 1000), size=100, max_stretch=20_000))


def tag(path: Path, jobs: int) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run([path], out=out, err=err, jobs=jobs, workers_from=1)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of a few records read 256 bytes at a time, so a small file spreads over both workers and
    many pieces."""
    monkeypatch.setattr(medline_chunks, "PIECE_BYTES", 2000)
    monkeypatch.setattr(medline_chunks, "_READ", 256)


@pytest.mark.parametrize(
    "tail",
    [DELETIONS + b"</PubmedArticleSet>\n", b"  <PubmedArticle><MedlineCitation><PMID>7"],
    ids=["deletions", "truncated"],
)
def test_workers_on_pieces_write_what_one_process_writes(tmp_path, small_pieces, tail):
    """40 records (gzip) in pieces across two workers, in order; a file cut off midway gives the records
    before the cut and the same one-line error as one process (the file is read again here from the
    first record the pieces did not give)."""
    data = PROLOG + b"".join(article(i) for i in range(1, 41)) + BOOK + tail
    path = tmp_path / "update.xml.gz"
    path.write_bytes(gzip.compress(data))
    one = tag(path, jobs=1)
    two = tag(path, jobs=2)
    assert two == one
    assert one[1].count("\n") == 41
    if tail.startswith(b"  <PubmedArticle>"):
        assert one[0] == 1 and "truncated XML" in one[2]


def test_a_comment_holding_an_end_tag_is_read_whole(tmp_path, small_pieces):
    """A cut inside a comment leaves a piece malformed: the file is then read here, and the records and
    their order are still those of one process."""
    records = [article(i) for i in range(1, 21)]
    records[5] += b"<!-- a stray </PubmedArticle> -->\n" + b" " * 3000 + b"\n"
    path = tmp_path / "odd.xml"
    path.write_bytes(document(*records))
    with path.open("rb") as stream:
        cut = [piece.document for piece in pieces(stream)]
    with pytest.raises(ParseError):
        for piece in cut:
            records_of(piece)
    one = tag(path, jobs=1)
    assert one[0] == 0 and one[1].count("\n") == 20
    assert tag(path, jobs=2) == one
