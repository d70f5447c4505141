"""PubmedBookArticle records (NCBI Bookshelf: GeneReviews, StatPearls) through the MEDLINE parser.

No shared fixture holds a book, so the records here are written after real Bookshelf records (the
element names and order of PubMed's DTD), trimmed to what the parser reads.
"""

from __future__ import annotations

import logging

import pytest
from osteodigest.crawler.models import Record
from osteodigest.crawler.sources.medline import parse_medline

CHAPTER = b"""<PubmedBookArticle>
  <BookDocument>
    <PMID Version="1">20301472</PMID>
    <ArticleIdList><ArticleId IdType="bookaccession">NBK1295</ArticleId></ArticleIdList>
    <Book>
      <Publisher>
        <PublisherName>University of Washington,
          Seattle</PublisherName>
        <PublisherLocation>Seattle (WA)</PublisherLocation>
      </Publisher>
      <BookTitle book="gene">GeneReviews<sup>\xc2\xae</sup></BookTitle>
      <PubDate><Year>1993</Year></PubDate>
      <AuthorList Type="editors">
        <Author><LastName>Adam</LastName><ForeName>Margaret P</ForeName><Initials>MP</Initials></Author>
      </AuthorList>
      <Isbn>978-0-00-000000-2</Isbn>
    </Book>
    <LocationLabel Type="chapter">COL1A1/2 Osteogenesis Imperfecta</LocationLabel>
    <ArticleTitle book="gene" part="oi">COL1A1/2 Osteogenesis Imperfecta</ArticleTitle>
    <Language>eng</Language>
    <AuthorList Type="authors">
      <Author>
        <LastName>Steiner</LastName><ForeName>Robert D</ForeName><Initials>RD</Initials>
        <AffiliationInfo><Affiliation>University of Wisconsin, Madison</Affiliation></AffiliationInfo>
      </Author>
      <Author><LastName>Basel</LastName><ForeName>Donald</ForeName></Author>
    </AuthorList>
    <PublicationType UI="D016454">Review</PublicationType>
    <Abstract>
      <AbstractText Label="CLINICAL CHARACTERISTICS">Fractures with minimal or absent trauma.</AbstractText>
      <AbstractText Label="DIAGNOSIS/TESTING">The diagnosis is established in a proband.</AbstractText>
      <CopyrightInformation>Copyright 1993-2021, University of Washington, Seattle.</CopyrightInformation>
    </Abstract>
    <KeywordList Owner="NOTNLM">
      <Keyword>osteogenesis imperfecta</Keyword><Keyword>COL1A1</Keyword>
    </KeywordList>
    <KeywordList Owner="NOTNLM"><Keyword>COL1A1</Keyword><Keyword>bisphosphonates</Keyword></KeywordList>
    <ContributionDate><Year>2005</Year><Month>01</Month><Day>28</Day></ContributionDate>
  </BookDocument>
  <PubmedBookData>
    <History>
      <PubMedPubDate PubStatus="pubmed"><Year>2010</Year><Month>3</Month><Day>19</Day></PubMedPubDate>
      <PubMedPubDate PubStatus="entrez"><Year>2010</Year><Month>3</Month><Day>20</Day></PubMedPubDate>
    </History>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList><ArticleId IdType="pubmed">20301472</ArticleId></ArticleIdList>
  </PubmedBookData>
</PubmedBookArticle>"""

WHOLE_BOOK = b"""<PubmedBookArticle>
  <BookDocument>
    <PMID Version="1">21249755</PMID>
    <ArticleIdList><ArticleId IdType="bookaccession">NBK56070</ArticleId></ArticleIdList>
    <Book>
      <Publisher><PublisherName>National Academies Press (US)</PublisherName></Publisher>
      <BookTitle book="nap13050">Dietary Reference Intakes for Calcium and Vitamin D</BookTitle>
      <PubDate><Year>2011</Year></PubDate>
      <AuthorList Type="authors">
        <Author><LastName>Ross</LastName><ForeName>A Catharine</ForeName><Initials>AC</Initials></Author>
      </AuthorList>
      <Volume>2</Volume>
      <ELocationID EIdType="doi">10.17226/13050</ELocationID>
    </Book>
    <Language>eng</Language>
    <PublicationType UI="D016454">Review</PublicationType>
    <Abstract><AbstractText>This volume reviews calcium and vitamin D.</AbstractText></Abstract>
  </BookDocument>
  <PubmedBookData>
    <History>
      <PubMedPubDate PubStatus="pubmed"><Year>2011</Year><Month>1</Month><Day>21</Day></PubMedPubDate>
    </History>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList><ArticleId IdType="pubmed">21249755</ArticleId></ArticleIdList>
  </PubmedBookData>
</PubmedBookArticle>"""

NO_PMID = b"""<PubmedBookArticle><BookDocument>
  <Book><BookTitle>StatPearls</BookTitle></Book><ArticleTitle>Avascular Necrosis</ArticleTitle>
</BookDocument></PubmedBookArticle>"""


def books(*articles: bytes) -> list[Record]:
    return list(parse_medline(b"<PubmedArticleSet>" + b"".join(articles) + b"</PubmedArticleSet>"))


def test_a_chapter_has_its_own_title_authors_and_dates_and_the_book_as_its_container() -> None:
    (record,) = books(CHAPTER)
    assert (record.pmid, record.source_id, record.kind) == ("20301472", "20301472", "article")
    assert record.title == "COL1A1/2 Osteogenesis Imperfecta"
    assert record.journal == "GeneReviews®"
    # The chapter's authors, not the book's editors; the one without Initials gets them from ForeName.
    assert record.authors == ("Steiner RD", "Basel D")
    assert record.affiliation == "University of Wisconsin, Madison"
    assert record.abstract_sections == (
        ("CLINICAL CHARACTERISTICS", "Fractures with minimal or absent trauma."),
        ("DIAGNOSIS/TESTING", "The diagnosis is established in a proband."),
    )
    assert record.abstract.startswith("CLINICAL CHARACTERISTICS: Fractures")
    assert record.keywords == ("osteogenesis imperfecta", "COL1A1", "bisphosphonates")
    assert record.published == "2005-01-28"  # contributed, not the book's 1993
    assert record.entered == "2010-03-20"
    assert (record.language, record.publication_status) == ("eng", "ppublish")
    assert record.publication_types == ("Review",)
    assert record.extra == {
        "book": True,
        "publisher": "University of Washington, Seattle",
        "isbn": "978-0-00-000000-2",
    }
    assert record.url == "https://pubmed.ncbi.nlm.nih.gov/20301472/"


def test_a_whole_book_is_titled_by_the_book_with_its_authors_doi_and_volume() -> None:
    (record,) = books(WHOLE_BOOK)
    assert record.title == "Dietary Reference Intakes for Calcium and Vitamin D"
    assert record.journal is None
    assert record.authors == ("Ross AC",)
    assert (record.doi, record.volume, record.published) == ("10.17226/13050", "2", "2011")
    assert record.entered == "2011-01-21"  # no Entrez date: the 'pubmed' one stands in


def test_a_book_without_pmid_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        records = books(NO_PMID, WHOLE_BOOK)
    assert [r.pmid for r in records] == ["21249755"]
    assert "without a PMID" in caplog.text
