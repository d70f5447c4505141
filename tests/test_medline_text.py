"""PubMed's text format ("PubMed format", .nbib) read as the XML parser reads the same record.

The record below is PMID 24111943 of ``../shared/fixtures/pubmed/bone_topic_subset.xml``, written out field
by field in the layout PubMed's Save button gives (tags padded to four, six-space continuation lines,
MeSH with stars on major descriptors and qualifiers, a structured abstract's headings inline), so the
two readers can be compared on the same real record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.sources.medline_text import fields_of, looks_like, record_of
from osteodigest.crawler.tagging.command import tag_line
from osteodigest.newsletter.cli import main

SUBSET = (
    Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "pubmed" / "bone_topic_subset.xml"
)

PUBMED_FORMAT = """\
PMID- 24111943
OWN - NLM
STAT- MEDLINE
DCOM- 20140819
LR  - 20210607
IS  - 1476-5381 (Electronic)
IS  - 0007-1188 (Print)
IS  - 0007-1188 (Linking)
VI  - 171
IP  - 1
DP  - 2014 Jan
TI  - Methionine down-regulates TLR4/MyD88/NF-κB signalling in osteoclast
      precursors to reduce bone loss during osteoporosis.
PG  - 107-21
LID - 10.1111/bph.12434 [doi]
AB  - BACKGROUND AND PURPOSE: Studies have demonstrated that a moderate intake
      of amino acids is associated with development of bone health. Methionine,
      a sulphur-containing essential amino acid, has been largely implicated for
      improving cartilage formation, however its physiological significance on
      bone integrity and functionality have not been elucidated. We investigated
      whether methionine can prevent osteoporotic bone loss. EXPERIMENTAL
      APPROACH: The anti-resorptive effect of methionine, (250 mg kg(-1) body wt
      administered in drinking water for 10 weeks), was evaluated in
      ovariectomized (OVX) rats by monitoring changes in bone turnover,
      formation of osteoclasts from blood-derived mononuclear cells and changes
      in the synthesis of pro-osteoclastogenic cytokines. KEY RESULTS:
      Methionine improved bone density and significantly decreased the degree of
      osteoclast development from blood mononuclear cells in OVX rats, as
      indicated by decreased production of osteoclast markers tartarate
      resistant acid phosphatase b (TRAP5b) and MIP-1α. siRNA-mediated knockdown
      of myeloid differentiation primary response 88 [MyD88], a signalling
      molecule in the toll-like receptor (TLR) signalling cascade, abolished the
      synthesis of both TRAP5b and MIP-1α in developing osteoclasts. Methionine
      supplementation disrupted osteoclast development by inhibiting
      TLR-4/MyD88/NF-κB pathway. CONCLUSIONS AND IMPLICATIONS: TLR-4/MyD88/NF-κB
      signalling pathway is integral for osteoclast development and this is
      down-regulated in osteoporotic system on methionine treatment. Methionine
      treatment could be beneficial for the treatment of postmenopausal
      osteoporosis.
CI  - (c) 2013 The British Pharmacological Society.
FAU - Vijayan, V
AU  - Vijayan V
AD  - Molecular Sciences Laboratory, National Institute of Immunology, New
      Delhi, India.
FAU - Khandelwal, M
AU  - Khandelwal M
FAU - Manglani, K
AU  - Manglani K
FAU - Gupta, S
AU  - Gupta S
FAU - Surolia, A
AU  - Surolia A
LA  - eng
PT  - Journal Article
PT  - Research Support, Non-U.S. Gov't
PL  - England
TA  - Br J Pharmacol
JT  - British journal of pharmacology
JID - 7502536
RN  - 0 (Bone Density Conservation Agents)
RN  - 0 (Chemokine CCL3)
RN  - 0 (Inflammation Mediators)
RN  - 0 (Isoenzymes)
RN  - 0 (Myd88 protein, rat)
RN  - 0 (Myeloid Differentiation Factor 88)
RN  - 0 (NF-kappa B)
RN  - 0 (Tlr4 protein, rat)
RN  - 0 (Toll-Like Receptor 4)
RN  - AE28F7PNPL (Methionine)
RN  - EC 3.1.3.2 (Acid Phosphatase)
RN  - EC 3.1.3.2 (Tartrate-Resistant Acid Phosphatase)
RN  - X1J18R4W8P (Alendronate)
SB  - IM
EIN - Br J Pharmacol. 2021 Jul;178(13):2747-2748. PMID: 34096043
MH  - Acid Phosphatase/metabolism
MH  - Administration, Oral
MH  - Alendronate/pharmacology
MH  - Animals
MH  - Bone Density/drug effects
MH  - Bone Density Conservation Agents/administration & dosage/*pharmacology
MH  - Bone Remodeling/*drug effects
MH  - Cells, Cultured
MH  - Chemokine CCL3/metabolism
MH  - Disease Models, Animal
MH  - Dose-Response Relationship, Drug
MH  - Down-Regulation
MH  - Drug Therapy, Combination
MH  - Female
MH  - Inflammation Mediators/metabolism
MH  - Isoenzymes/metabolism
MH  - Methionine/administration & dosage/*pharmacology
MH  - Myeloid Differentiation Factor 88/genetics/*metabolism
MH  - NF-kappa B/*metabolism
MH  - Osteoclasts/*drug effects/metabolism
MH  - Osteoporosis/genetics/metabolism/physiopathology/*prevention & control
MH  - Ovariectomy
MH  - RNA Interference
MH  - Rats
MH  - Rats, Sprague-Dawley
MH  - Signal Transduction/*drug effects
MH  - Tartrate-Resistant Acid Phosphatase
MH  - Time Factors
MH  - Toll-Like Receptor 4/*drug effects/metabolism
OTO - NOTNLM
OT  - MyD88
OT  - RANKL
OT  - alendronate
OT  - methionine
OT  - osteoclast
OT  - osteoporosis
EDAT- 2013/10/12 06:00
MHDA- 2014/08/20 06:00
CRDT- 2013/10/12 06:00
PHST- 2013/05/24 00:00 [received]
PHST- 2013/09/07 00:00 [revised]
PHST- 2013/09/11 00:00 [accepted]
PHST- 2013/10/12 06:00 [entrez]
PHST- 2013/10/12 06:00 [pubmed]
PHST- 2014/08/20 06:00 [medline]
AID - 10.1111/bph.12434 [doi]
PST - ppublish
SO  - Br J Pharmacol. 2014 Jan;171(1):107-21. doi: 10.1111/bph.12434.
"""


def _xml_record():
    if not SUBSET.exists():
        pytest.skip(f"shared fixture {SUBSET} is absent")
    return next(r for r in parse_medline(SUBSET) if r.pmid == "24111943")


def _text_record():
    (fields,) = list(fields_of(PUBMED_FORMAT.splitlines()))
    return record_of(fields, "medline-1")


def test_the_text_format_gives_the_fields_the_xml_gives():
    xml, text = _xml_record(), _text_record()
    for name in (
        "pmid",
        "source",
        "source_id",
        "title",
        "abstract",
        "abstract_sections",
        "journal",
        "journal_abbrev",
        "doi",
        "publication_types",
        "mesh",
        "mesh_major",
        "keywords",
        "relations",
        "kind",
        "language",
        "pages",
        "volume",
        "issue",
        "published",
        "entered",
        "publication_status",
        "issn",
        "affiliation",
        "url",
        "extra",
    ):
        assert getattr(text, name) == getattr(xml, name), name
    assert text.authors == xml.authors
    assert len(text.abstract_sections) == 4 and text.abstract_sections[1][0] == "EXPERIMENTAL APPROACH"
    assert "Bone Remodeling" in text.mesh_major and "Animals" not in text.mesh_major


def test_the_tagger_reads_both_formats_alike():
    # Study type, evidence, key numbers, takeaway and the relevance decisions with their reasons.
    assert tag_line(_text_record()) == tag_line(_xml_record())


def test_records_split_at_blank_lines_and_at_each_pmid():
    text = (
        "PMID- 1\nTI  - First title\n      continued.\nAB  - An abstract without headings: it stays\n"
        "      whole.\nMH  - *Osteoporosis\nMH  - Humans\nCON - Lancet. 2020;1:2. PMID: 99.\n"
        "PMID- 2\nTI  - Second.\n\n\nTI  - Third, without a PMID.\nPT  - Letter\n"
    )
    records = [record_of(fields, f"medline-{i}") for i, fields in enumerate(fields_of(text.splitlines()), 1)]
    assert [r.source_id for r in records] == ["1", "2", "medline-3"]
    first = records[0]
    assert first.title == "First title continued."
    assert first.abstract == "An abstract without headings: it stays whole."
    assert first.abstract_sections == ()
    assert (first.mesh, first.mesh_major) == (("Osteoporosis", "Humans"), ("Osteoporosis",))
    assert [(rel.type, rel.id) for rel in first.relations] == [("comment_on", "99")]
    assert records[2].pmid is None and records[2].publication_types == ("Letter",)


def test_the_format_is_recognised_by_its_field_lines():
    assert looks_like(PUBMED_FORMAT[:2000])
    assert not looks_like("pmid,title,abstract\n1,A title,An abstract\n")


@pytest.mark.parametrize("name", ["records.nbib", "records.txt", "records"])
def test_osteodigest_tag_reads_a_pubmed_format_file(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_text(PUBMED_FORMAT, encoding="utf-8")
    capsys.readouterr()
    code = main(["tag", "--jobs", "1", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    (line,) = out.splitlines()
    tags = json.loads(line)
    assert tags["id"] == "24111943"
    assert tags["study_type"] == "animal"
    assert tags["relevance"]["osteoporosis"]["decision"] == "about"
