"""Laboratory and animal work on stripped records (issue 14, dev draw 3): biology, not chemistry."""

from __future__ import annotations

from tests.tagging_helpers import tag


def test_a_solid_state_chemistry_paper_is_not_laboratory_biology():
    tags = tag(
        "Hydrothermal synthesis and magnetic ordering of a layered cobalt phosphate",
        "A new layered cobalt phosphate was synthesized under hydrothermal conditions at 220 °C. "
        "Single-crystal "
        "X-ray diffraction shows a monoclinic structure in which CoO6 octahedra share edges to form sheets. "
        "Infrared and Raman spectroscopy confirm the phosphate groups, and DFT calculations reproduce the "
        "band "
        "gap of 2.1 eV. Magnetic susceptibility measurements reveal antiferromagnetic ordering below 14 K, "
        "and "
        "the crystals are stable in air up to 450 °C, which makes the compound a candidate catalyst support.",
    )
    assert tags.study_type != "in_vitro"


def test_a_named_interview_instrument_does_not_make_a_survey_laboratory_work():
    tags = tag(
        "Chronic pain and psychological distress among undocumented migrant workers",
        "We used respondent-driven sampling to recruit undocumented migrant workers in two cities and "
        "interviewed them in Spanish. Chronic pain was assessed with the World Health Organization Composite "
        "International Diagnostic Interview, and distress with the Kessler scale. Of the workers "
        "interviewed, "
        "31% reported chronic pain, which was associated with distress (adjusted odds ratio 2.4). Pain was "
        "more common among those who had worked in agriculture and among older respondents.",
    )
    assert tags.study_type != "in_vitro"


def test_a_material_tested_on_bacteria_stays_in_vitro():
    tags = tag(
        "Silver-loaded chitosan composite films for wound dressing",
        "Chitosan composite films loaded with silver nanoparticles were fabricated by solvent casting and "
        "characterised by X-ray diffraction and infrared spectroscopy. Their antibacterial activity against "
        "Staphylococcus aureus and Escherichia coli was measured by inhibition zones, and cell viability of "
        "L929 fibroblasts exposed to extracts exceeded 90% after 72 h.",
    )
    assert tags.study_type == "in_vitro"


def test_yeast_genetics_is_in_vitro():
    tags = tag(
        "Two ubiquitin ligases act redundantly to maintain genome stability in Saccharomyces cerevisiae",
        "DNA double-strand breaks are repaired by end joining or homologous recombination. Here we examine "
        "two "
        "E3 ligases in budding yeast. Using spotting assays, chromatin immunoprecipitation and plasmid "
        "repair "
        "assays, we show that the two ligases act redundantly, localise to transcribed regions and increase "
        "in abundance after phleomycin treatment; the double mutant is sensitive to DNA damage.",
    )
    assert tags.study_type == "in_vitro"


def test_a_bench_test_on_extracted_teeth_is_in_vitro():
    tags = tag(
        "A laboratory study of the shaping ability of two rotary systems in curved canals",
        "Forty mesial root canals of extracted human mandibular molars were divided into two groups (n = 20) "
        "according to the rotary system used. Canal volume and its change with preparation were measured by "
        "micro-computed tomography, and transportation and centring ability were compared statistically.",
    )
    assert tags.study_type == "in_vitro"


def test_medicinal_chemistry_with_cytotoxicity_is_in_vitro():
    tags = tag(
        "Design of quinazoline derivatives as dual kinase inhibitors",
        "A series of quinazoline derivatives was designed and their structures confirmed by NMR and mass "
        "spectrometry. Compound 7c inhibited both kinases with IC50 values of 12 and 30 nM and showed "
        "cytotoxicity against three tumour lines, whereas normal fibroblast growth was spared.",
    )
    assert tags.study_type == "in_vitro"


def test_a_whale_study_is_an_animal_study():
    tags = tag(
        "Rorqual whale nasal plugs protect the airway against water entry at depth",
        "The upper respiratory tract of lunge-feeding whales must be protected against water entry and "
        "barotrauma. We studied nasal plug behaviour using videos of surfacing whales, plug morphology from "
        "dissections of stranded animals, histology and MRI scans, and modelled nasal pressures at depth. "
        "The "
        "plugs block the nasal cavities while allowing pressure equalisation.",
    )
    assert tags.study_type == "animal"
    assert "animal_species:whale" in tags.flags


def test_a_salamander_study_is_an_animal_study():
    tags = tag(
        "A salamander that chews with three-dimensional jaw movements",
        "Most non-mammal tetrapods open and close the jaw like a hinge. We combined biplanar high-speed "
        "video "
        "fluoroscopy and micro-computed tomography to describe how the salamander Siren intermedia processes "
        "captured prey, and found rostro-caudal and lateral jaw movements during chewing in all individuals "
        "recorded.",
    )
    assert tags.study_type == "animal"


def test_a_reported_case_without_a_patient_is_no_case_report():
    tags = tag(
        "Evolution of structural and electronic properties in a layered telluride under high pressure",
        "Transition metal dichalcogenides have attracted attention for their layered structure. Here, we "
        "report a particular case of pressure-tuned rearrangement of intralayer atoms, a new type of "
        "structural phase transition. The transition occurs between 16 and 20 GPa and changes the metal "
        "atoms' arrangement from ribbons to a hexagonal lattice, as shown by synchrotron diffraction and "
        "first-principles calculations.",
    )
    assert tags.study_type != "case_report"


def test_a_reported_patient_is_still_a_case_report():
    tags = tag(
        "Concealed placental abruption found on a routine scan",
        "Placental abruption occurs in about 1% of births. Here we report a case of a 41-year-old woman "
        "in whom a routine scan at 36 weeks' gestation showed a large concealed abruption; labour was "
        "induced and a healthy infant was delivered. Elective delivery may be considered after such a "
        "finding.",
    )
    assert tags.study_type == "case_report"


def test_a_headline_with_laboratory_words_and_no_abstract_is_not_laboratory_work():
    tags = tag("Development of new antibacterial agents: a sense of urgency needed", "")
    assert tags.study_type != "in_vitro"


def test_a_survey_of_immigrants_is_a_study_of_people():
    tags = tag(
        "Chronic pain and psychological distress among undocumented immigrants",
        "BACKGROUND: Undocumented immigration brings multiple stressors that may increase the risk of "
        "chronic "
        "pain. OBJECTIVE: To estimate the prevalence of chronic pain and its association with psychological "
        "distress among undocumented immigrants. DESIGN: We used respondent-driven sampling to collect data "
        "from clinical interviews with 254 undocumented immigrants. MAIN MEASURES: Chronic pain was assessed "
        "with a structured interview module and distress with the Kessler scale. KEY RESULTS: Chronic pain "
        "was reported by 31% and was significantly associated with distress (adjusted odds ratio 2.4, 95% CI "
        "1.3-4.4), across age groups and sexes.",
    )
    assert tags.study_type != "other"
    assert "design_inferred" in tags.flags
