"""Laboratory and animal work on stripped records (issue 14, dev draw 3): biology, not chemistry."""

from __future__ import annotations

import pytest
from osteodigest.crawler.tagging.study_type import animal_flags

from tests.tagging_helpers import tag, view_of


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


NEUROSCIENCE = {
    "cultured neurons": (
        "Amyloid-beta oligomers impair axonal transport",
        "Axonal transport defects occur early in Alzheimer's disease. Primary hippocampal neurons were "
        "exposed to amyloid-beta oligomers for 24 hours. Live imaging of labelled mitochondria showed that "
        "oligomers reduced anterograde transport velocity by 40%. The effect depended on GSK3-beta "
        "activity and was prevented by lithium.",
    ),
    "a cell line": (
        "Lithium promotes neurite outgrowth through GSK-3 inhibition",
        "Lithium has neurotrophic effects. We treated differentiated PC12 cells with lithium chloride at "
        "therapeutic concentrations and measured neurite length and GSK-3 beta phosphorylation. Lithium "
        "increased neurite length by 60% and the effect was mimicked by a selective GSK-3 inhibitor.",
    ),
    "a dose into the peritoneum": (
        "Minocycline attenuates neuroinflammation after middle cerebral artery occlusion",
        "Neuroinflammation contributes to secondary injury after ischaemic stroke. Minocycline (45 mg/kg) or "
        "saline was given intraperitoneally 1 h after reperfusion. Infarct volume and neurological scores "
        "were assessed at 72 h. Minocycline reduced infarct volume by 38% (p < 0.01).",
    ),
    "self-administration": (
        "Deep brain stimulation of the nucleus accumbens reduces cocaine seeking",
        "Relapse remains the major challenge in addiction treatment. Rats self-administered cocaine for 14 "
        "days, followed by extinction. High-frequency stimulation of the nucleus accumbens shell during "
        "reinstatement testing reduced cocaine seeking by half compared with sham stimulation.",
    ),
    "wild-type animals": (
        "Tau propagation along anatomical connections",
        "Pathological tau spreads between connected brain regions. We injected brain extracts from patients "
        "with Alzheimer's disease into the hippocampus of wild-type animals and followed the distribution of "
        "tau inclusions for 12 months. Spreading followed anatomical connectivity rather than proximity.",
    ),
}


@pytest.mark.parametrize("kind", sorted(NEUROSCIENCE))
def test_laboratory_neuroscience_named_without_a_species_or_a_bone_cell_is_laboratory_work(kind: str):
    # Neuroscience names its cells and animals by other words than bone biology: cultured neurons, PC12
    # cells, a dose in mg/kg given intraperitoneally, rats that self-administered a drug.
    title, abstract = NEUROSCIENCE[kind]
    assert tag(title, abstract).study_type in {"animal", "in_vitro"}


def test_a_drug_given_intraperitoneally_to_patients_is_not_an_animal_study():
    tags = tag(
        "Hyperthermic intraperitoneal chemotherapy for peritoneal metastases",
        "We enrolled 62 patients with peritoneal metastases of colorectal cancer. After cytoreductive "
        "surgery, mitomycin C (35 mg/m2) was administered intraperitoneally at 42 °C. Major "
        "complications occurred in 18% and median survival was 33 months.",
    )
    assert tags.study_type not in {"animal", "in_vitro"}


NEUROSCIENCE_MORE = {
    "monkeys counted in words": (
        "Prefrontal neurons encode abstract rules",
        "Flexible behaviour requires the representation of rules. We recorded single neurons in the "
        "dorsolateral prefrontal cortex of two rhesus monkeys trained to switch between matching and "
        "non-matching rules. Nearly half of the neurons encoded the current rule, independent of the sensory "
        "cue. Prefrontal neurons thus represent abstract rules that guide behaviour.",
        "animal",
    ),
    "a Cre driver line": (
        "Ventral tegmental area dopamine neurons drive place preference",
        "Dopamine neurons signal reward. We expressed channelrhodopsin-2 in dopamine neurons of the ventral "
        "tegmental area of DAT-Cre mice and delivered phasic light stimulation in one chamber of a "
        "place-preference apparatus. Phasic, but not tonic, stimulation produced a robust preference.",
        "animal",
    ),
    "organoids from patients' stem cells": (
        "Cortical organoids from patients with Timothy syndrome show interneuron migration defects",
        "Timothy syndrome is caused by a gain-of-function mutation in CACNA1C. We generated forebrain "
        "assembloids from induced pluripotent stem cells of three patients and three controls. Interneurons "
        "from patients migrated with shorter saltations, a defect reversed by L-type calcium channel "
        "blockers. Assembloids provide a platform to study neurodevelopmental disease.",
        "in_vitro",
    ),
}


@pytest.mark.parametrize("kind", sorted(NEUROSCIENCE_MORE))
def test_neuroscience_subjects_named_in_other_ways_are_found(kind: str):
    # Animals counted in words, a Cre driver line, and organoids grown from patients' stem cells (the
    # patients and controls named beside them are the cells' donors, not the study's subjects).
    title, abstract, design = NEUROSCIENCE_MORE[kind]
    assert tag(title, abstract).study_type == design


def test_a_dose_of_fish_oil_is_no_animal():
    # "3 g of fish oil" counts grams of a supplement, not fish; "one of the animals" counts no animals.
    tags = tag(
        "Fish oil and cranberry juice in rheumatoid arthritis",
        "A prospective study was performed with 62 people with rheumatoid arthritis. A first group kept its "
        "usual diet, a second group was asked to consume 3 g of fish oil daily, and a third group received "
        "3 g of fish oil and 500 mL of cranberry juice daily. C-reactive protein fell in the combined group "
        "(P = 0.002), as did the disease activity score (P = 0.001).",
    )
    assert tags.study_type != "animal"


def test_a_receptor_structure_and_oocyte_recordings_are_laboratory_work():
    abstract = (
        "Neurosteroids are potent positive allosteric modulators of GABA-A receptors. We determined "
        "the cryo-electron microscopy structure of the human alpha1-beta2-gamma2 GABA-A receptor in "
        "complex with allopregnanolone at 2.9 A resolution. The neurosteroid binds at the interface "
        "between transmembrane helices of the beta and alpha subunits. Mutations at this site abolished "
        "potentiation of GABA-evoked currents recorded by two-electrode voltage clamp in Xenopus oocytes."
    )
    assert tag("Structure of the human GABA-A receptor bound to a neurosteroid", abstract).study_type == (
        "in_vitro"
    )


def test_oocytes_retrieved_in_ivf_are_not_laboratory_work():
    abstract = (
        "Ovarian stimulation protocols differ in yield. We retrospectively analysed 1,240 IVF cycles. The "
        "number of oocytes retrieved was higher with the long agonist protocol (11.2 vs 9.8, p = 0.01), but "
        "live birth rates did not differ."
    )
    assert tag("Stimulation protocols and oocyte yield in IVF", abstract).study_type != "in_vitro"


@pytest.mark.parametrize(
    "title, abstract",
    [
        (
            "Role overload and work performance: the role of psychological strain",
            "Role overload may harm performance. Study 1 (N = 212) examined depression as a severe type of "
            "strain between role overload and performance, and a second sample (N = 191) used perceived job "
            "strain as the mediator. Role overload triggered psychological strain, which undermined "
            "performance (indirect effect -0.12, p < .01). We discuss implications for theory and practice.",
        ),
        (
            "Left ventricular global longitudinal strain after anthracyclines",
            "Speckle-tracking echocardiography measures myocardial deformation. Global longitudinal strain "
            "and strain rates were measured before and after anthracycline chemotherapy; a relative fall in "
            "global longitudinal strain of more than 15% preceded a fall in ejection fraction. Strain "
            "imaging detects cardiotoxicity early.",
        ),
        (
            "Tensile behaviour of a printed polymer lattice",
            "Printed lattices are light and stiff. Specimens were loaded to failure and the stress-strain "
            "curves, strain energy and tensile strain at break were recorded for three cell geometries. The "
            "gyroid lattice absorbed the most energy at a given density.",
        ),
    ],
)
def test_the_strain_of_work_heart_or_material_is_not_a_microbial_strain(title: str, abstract: str) -> None:
    assert tag(title, abstract).study_type not in {"in_vitro", "animal"}


@pytest.mark.parametrize(
    "title, abstract",
    [
        (
            "A new deoxy-polyamine from an entomopathogenic bacterium",
            "Xenorhabdus bovienii produces many natural products. Mass spectrometric analysis of a X. "
            "bovienii mutant strain revealed a new deoxy-polyamine, and its biosynthetic genes were "
            "identified by gene deletion. The compound inhibited insect phenoloxidase.",
        ),
        (
            "Lipid responses of a microalga to nitrogen starvation",
            "Microalgae accumulate lipids under stress. The alpha-linolenic acid strain (C-12) from "
            "Chlorella sp. was grown under nitrogen starvation, and its fatty acid profile was followed for "
            "ten days; alpha-linolenic acid rose to 38% of total fatty acids.",
        ),
    ],
)
def test_a_microbial_strain_named_with_its_organism_or_code_stays_laboratory_work(
    title: str, abstract: str
) -> None:
    assert tag(title, abstract).study_type == "in_vitro"


@pytest.mark.parametrize(
    "title, abstract",
    [
        (
            "Autophagy markers in the striatum of chronic methamphetamine users",
            "Methamphetamine may kill neurons through endoplasmic reticulum stress. We measured CHOP, "
            "NUPR1 and Beclin-1 by western blot and immunohistochemistry in the postmortem human striatum, "
            "on 10 control and 10 methamphetamine-addicted brains, and counted neurons stereologically "
            "with TUNEL staining. CHOP and NUPR1 expression were higher in the methamphetamine group "
            "(p < 0.01), and neuronal death was increased in the striatum of the postmortem human brains.",
        ),
    ],
)
def test_assays_on_the_brains_of_people_after_death_are_not_laboratory_work(
    title: str, abstract: str
) -> None:
    assert tag(title, abstract).study_type not in {"in_vitro", "animal"}


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        (
            "Apical extrusion of debris during root canal preparation with three rotary systems",
            "The aim of this study was to compare the debris extruded by three rotary systems. Forty-five "
            "extracted human mandibular premolars with single straight canals were selected and randomly "
            "assigned to three groups (n = 15). Canals were prepared with ProTaper Next, WaveOne Gold or "
            "Reciproc Blue. Extruded debris was collected in pre-weighed tubes and weighed with a "
            "microbalance. WaveOne Gold extruded significantly less debris than ProTaper Next (P < 0.05).",
            "in_vitro",
        ),
        (
            "Effect of surface treatments on the shear bond strength of resin composite to ceramic",
            "Objectives: To evaluate the effect of acid etching and sandblasting on bond strength. Methods: "
            "Sixty lithium disilicate blocks were sectioned and randomly divided into four groups (n = 15). "
            "Resin composite cylinders were bonded and half of the specimens were thermocycled 5000 times. "
            "Shear bond strength was measured in a universal testing machine. Results: Etching followed by a "
            "universal adhesive produced the highest bond strength (24.3 +/- 3.1 MPa).",
            "other",
        ),
    ],
)
def test_specimens_randomised_at_the_bench_are_no_trial_and_no_cohort(title, abstract, expected):
    # Materials tests are "other" by the labels' policy (chemistry and materials are not laboratory biology);
    # extracted teeth are laboratory work. Neither is a randomised trial (they were, before).
    assert tag(title, abstract).study_type == expected


def test_molars_randomised_at_the_bench_are_no_trial():
    """Train: "Forty third molars were obtained and randomized" to bleaching groups: teeth at the bench."""
    abstract = (
        "The objective of this study was to evaluate two bleaching agents. Forty third molars were obtained "
        "and randomized to four groups, bleached with or without a light-emitting diode lamp. Colour change "
        "and pulp chamber temperature were recorded; the lamp raised the internal temperature by 1.0 degree."
    )
    assert tag("Tooth colour and temperature with two bleaching agents", abstract).study_type != "rct"


def test_teeth_randomised_in_patients_stay_a_trial():
    abstract = (
        "Sixty patients with irreversible pulpitis were enrolled. After preparation, teeth were randomly "
        "assigned to ultrasonic or laser-activated irrigation and patients were blinded. Postoperative pain "
        "was lower after laser activation at 24 hours (P = 0.01)."
    )
    assert tag("Postoperative pain after two irrigation techniques", abstract).study_type == "rct"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Intravital imaging of bone marrow vessels in the mouse calvaria",
            "The bone marrow vasculature regulates haematopoiesis and bone remodelling, yet it is hard to "
            "observe in living animals. Two-photon microscopy through the thin calvarial bone of "
            "anaesthetised "
            "mice gives access to sinusoids and arterioles without surgery on the long bones. This protocol "
            "describes how to prepare the skull window, label the vessels with fluorescent dextran and "
            "acquire "
            "time-lapse images, and how to correct the images for motion. The preparation takes about 45 min "
            "per mouse and imaging can be repeated over several weeks.",
        ),
        (
            "Culture of primary osteoclasts from rat bone marrow",
            "Osteoclasts are the only cells that resorb bone, and primary cultures remain the reference for "
            "testing anti-resorptive drugs. Here, we present a detailed protocol for isolating bone marrow "
            "macrophages from the femora of young rats, differentiating them with RANKL and M-CSF, and "
            "quantifying resorption pits on dentine slices. Critical steps, common pitfalls and "
            "troubleshooting "
            "advice are given for each stage.",
        ),
        (
            "Inducing femoral head necrosis in rabbits with methylprednisolone and lipopolysaccharide",
            "Animal models of steroid-associated osteonecrosis help to test joint-preserving treatments. In "
            "this article, we provide the common procedures used to induce osteonecrosis in New Zealand "
            "white "
            "rabbits, from the dosing schedule to the harvest of the femoral heads, and a step-by-step guide "
            "to the histological scoring of empty lacunae.",
        ),
        (
            # What a protocol article says of its protocol: its reach and its cost.
            "Ordered mutant libraries of anaerobic gut bacteria by cell sorting",
            "Commensal bacteria of the human intestine shape bone and immune health, but research into how "
            "they act is hampered by their strict growth requirements and a lack of genetic tools. Ordered "
            "libraries of transposon insertion mutants, stored as independent monocultures, would be a "
            "transformative resource. We have developed a protocol to assemble ordered libraries of mutants "
            "that is fast, cheap and effective for strict anaerobes, using cell sorting to order the library "
            "and barcoded transposons to locate the mutations. This protocol can be adapted to most species "
            "of the microbiota, and the libraries can be sorted and characterised within 2 weeks.",
        ),
        (
            "Ex vivo calcium imaging of osteocytes in mouse tibial slices",
            "Osteocytes sense mechanical load through calcium signals, which dispersed cells in culture do "
            "not reproduce. Acute slices of the mouse tibia keep the lacunar network intact. We describe the "
            "preparation of the slices, the loading of a calcium dye and the confocal recording of calcium "
            "waves in hundreds of osteocytes at once. The protocol takes 5 h from dissection to imaging, and "
            "we envision that this protocol will facilitate the study of mechanotransduction in bone.",
        ),
        (
            # Named a methods article by "the methods presented here" alone: the cue's gate must open on
            # "methods", not only beside "protocol" or "procedure".
            "Micro-computed tomography of the rat mandible after tooth extraction",
            "Healing of the extraction socket is a common readout of drugs that act on bone, yet scanning "
            "settings, the region of interest and the thresholds differ between laboratories. The methods "
            "presented here cover fixation of the rat mandible, scanning at 10 micrometres, the placement of "
            "the region of interest in the socket and the segmentation of new bone from the roots.",
        ),
        (
            # "Here, detailed protocols are shown …": the protocol said after "here", in the passive (dev,
            # a methods video that read as a review, then as laboratory work).
            "Monitoring osteoclast resorption activity in bone slices",
            "Osteoclasts resorb bone through acid and cathepsin K, and their activity is the readout of many "
            "drugs for osteoporosis. Measuring it is still a challenging task. Here, detailed protocols are "
            "shown to culture osteoclasts from mouse bone marrow on bovine cortical bone slices and to "
            "visualise and quantify the resorption pits by reflected light microscopy.",
        ),
        (
            # "a detailed protocol is also given" (train, a methods chapter read as a review).
            "Mitochondrial function in osteoblasts assessed with fluorescent probes",
            "Mitochondrial activity shapes osteoblast differentiation and mineralisation. In this chapter, "
            "we discuss the use of fluorescent probes with flow cytometry to assess reactive oxygen species "
            "and membrane potential in cultured osteoblasts. As the distribution of mitochondria is of "
            "interest too, a detailed protocol is also given.",
        ),
        (
            # "This chapter succinctly outlines a protocol for …" (train, read as a review).
            "Histomorphometry of undecalcified bone in rodent models of osteoporosis",
            "Histomorphometry remains the reference for bone remodelling in osteoporosis research. This "
            "chapter succinctly outlines a protocol for embedding undecalcified rat tibiae in methyl "
            "methacrylate, cutting and staining the sections and measuring osteoid and eroded surfaces.",
        ),
        (
            # "The following protocol describes the preparation of …" (dev, unlabelled, read as in vitro).
            "Live imaging of osteoclast fusion",
            "Osteoclasts form by the fusion of mononuclear precursors, a step many bone drugs act on. The "
            "following protocol describes the preparation of RAW264.7 cell lines expressing fluorescent "
            "membrane markers and the measurement of fusion events by time-lapse confocal microscopy.",
        ),
        (
            # "Here we describe methods to obtain …" (dev, unlabelled, read as an animal study).
            "Acute slices of the mouse femoral metaphysis for live imaging of osteocytes",
            "Osteocytes are studied mostly in fixed bone. Here we describe methods to obtain viable slices "
            "of the femoral metaphysis from adult mice and to image calcium signalling of osteocytes in them "
            "for several hours.",
        ),
    ],
)
def test_a_laboratory_or_animal_methods_article_is_no_study(title: str, abstract: str) -> None:
    """Issue 14 (dev labels, JoVE and Nature Protocols): an article that teaches a procedure on mice or
    cells reports no animal or laboratory study; "other" by the labels' policy, and the model may not make
    it one again."""
    tags = tag(title, abstract)
    assert tags.study_type == "other"
    # The reader is shown why: the phrase that names the article a methods article.
    assert tags.why["study_type"].startswith("abstract:")


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        (
            "Steroid-induced osteonecrosis of the femoral head in rabbits: a new dosing schedule",
            "Thirty New Zealand white rabbits received methylprednisolone and lipopolysaccharide on our "
            "protocol, and 20 controls received saline. Empty lacunae and marrow fat were scored at 6 weeks. "
            "Osteonecrosis developed in 24 of 30 treated rabbits (80%) and in none of the controls. Our "
            "protocol provides a reliable model with low mortality.",
            "animal",
        ),
        (
            "Mineralisation of MC3T3-E1 pre-osteoblasts under fluid shear stress",
            "Fluid shear stress is thought to drive osteoblast mineralisation. MC3T3-E1 cells were cultured "
            "in "
            "a parallel-plate flow chamber, and here we present a protocol that allowed us to image calcium "
            "deposition in the living cultures for 21 days. Shear stress of 1 Pa increased mineralised area "
            "by "
            "42% compared with static cultures (p < 0.01) and raised osteocalcin expression.",
            "in_vitro",
        ),
        (
            # The make-up of a study's protocol, told in the past, is no protocol article.
            "Treadmill running and trabecular bone of ovariectomised mice",
            "Ovariectomised C57BL/6 mice were assigned to sedentary or exercise groups, 12 mice each. The "
            "training protocol consisted of treadmill running at 12 m/min for 45 min, five days a week for "
            "eight weeks, and the protocol was approved by the institutional animal care committee. Running "
            "raised trabecular bone volume fraction by 21% (p = 0.01) and lowered serum CTX.",
            "animal",
        ),
    ],
)
def test_a_study_that_names_its_protocol_stays_a_study(title: str, abstract: str, expected: str) -> None:
    assert tag(title, abstract).study_type == expected


def test_a_surgical_technique_with_its_patients_is_not_a_methods_article():
    tags = tag(
        "Core decompression with a bone graft for osteonecrosis of the femoral head: surgical technique",
        "This article describes the surgical technique of core decompression with an impacted fibular "
        "graft. We retrospectively reviewed 24 consecutive patients (31 hips) with stage II osteonecrosis "
        "treated between 2015 and 2019 and followed for a mean of 4 years. Twenty-two hips survived without "
        "conversion to arthroplasty, "
        "and the Harris hip score improved from 62 to 85 points.",
    )
    assert tags.study_type != "other"


def test_laboratory_findings_told_as_others_are_a_literature_not_a_bench_study():
    """Issue 14 (dev: reviews of hyaluronan in myelination and of a bacterial repair factor were tagged
    laboratory work for their "in vitro studies" and "E. coli strain"): an abstract that tells laboratory
    findings as others' and reports no work of its own is not an in-vitro study."""
    tags = tag(
        "Sclerostin in the osteocyte: from a rare disease to a drug target",
        "Sclerostin was first identified as the product of the SOST gene, whose loss causes sclerosteosis. "
        "Early research reported that osteocytes secrete sclerostin and that mechanical unloading raises its "
        "expression. Subsequent in vitro studies identified its binding to LRP5 and LRP6, which blocks Wnt "
        "signalling in osteoblasts. Later work revealed that sclerostin also acts on osteoclasts through "
        "RANKL produced by osteocytes, and recent studies have shown that its expression rises with "
        "glucocorticoids and with age. Antibodies against sclerostin increase bone formation and decrease "
        "resorption, and one of them is now used to treat osteoporosis. How sclerostin acts in other "
        "tissues, such as the vessel wall, remains uncertain.",
    )
    assert tags.study_type != "in_vitro"


def test_a_bench_study_that_cites_others_findings_stays_in_vitro():
    tags = tag(
        "Sclerostin expression of MLO-Y4 osteocytes under fluid flow",
        "Mechanical unloading has been shown to raise sclerostin in osteocytes. MLO-Y4 cells were cultured "
        "on collagen and exposed to oscillating fluid flow for 2 h, and sclerostin was measured by western "
        "blot and RT-qPCR. Fluid flow lowered sclerostin protein and SOST transcripts, and the effect was "
        "lost when calcium channels were blocked.",
    )
    assert tags.study_type == "in_vitro"


# One group of people beside laboratory words ------------------------------------------------------


def test_an_assay_run_on_one_counted_group_of_people_is_a_study_of_them():
    """The assay is how the people were measured: the workers are the study's subjects, not donors."""
    tags = tag(
        "Serum C-reactive protein and the QT interval in farm workers exposed to pesticides",
        "Chronic pesticide exposure may raise cardiovascular risk. We measured serum C-reactive protein by "
        "enzyme-linked immunosorbent assay (ELISA) and the corrected QT interval by electrocardiogram in 60 "
        "exposed farm workers. Median C-reactive protein was 1.3 mg/l and was higher in those with longer "
        "exposure (p = 0.02); the QT interval was prolonged in 18 (30%).",
    )
    assert tags.study_type not in {"in_vitro", "animal"}


def test_cells_grown_from_one_group_of_donors_stay_laboratory_work():
    """With cells worked at the bench, the one counted group of people gave the cells."""
    tags = tag(
        "Dental pulp capping materials and the growth of pulp stem cells",
        "We compared three capping materials on human dental pulp stem cells isolated from 12 donors. The "
        "cells were cultured with extracts of each material, and proliferation, adhesion and mineralised "
        "nodule formation were measured; one material reduced proliferation by 40% (p < 0.01).",
    )
    assert tags.study_type == "in_vitro"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Long-term durability of large stented porcine bioprostheses in the pulmonary position",
            "We followed 212 patients who received a stented porcine bioprosthesis of 25 mm or more for "
            "pulmonary valve replacement between 2000 and 2015. Freedom from reintervention was 84% at ten "
            "years, and younger age at implantation predicted earlier valve failure (p = 0.01).",
        ),
        (
            "Fatigue and recovery needs of immigrant cattle feedyard workers",
            "Feedyard work is physically demanding. We surveyed 120 cattle feedyard workers on fatigue and "
            "the need for recovery after work; 45% reported high fatigue, more often those on night shifts.",
        ),
        (
            "Chromosomal microarray against the FISH panel in chronic lymphocytic leukemia",
            "We compared a chromosomal microarray with a FISH panel and karyotyping in samples of 95 "
            "patients with chronic lymphocytic leukemia. The microarray detected every abnormality found "
            "by FISH and copy number changes in 23 further patients.",
        ),
        (
            "Plasma TMAO after healthy diets: results from two trials with dietary fish and whole grains",
            "We measured plasma trimethylamine N-oxide in 85 adults who followed diets rich in oily fish, "
            "polyphenols or whole-grain cereals for eight weeks. TMAO rose after the diet with dietary fish "
            "(p < 0.001) but not after the others.",
        ),
    ],
)
def test_animals_named_as_a_material_a_trade_or_a_laboratory_test_are_no_animal_study(
    title: str, abstract: str
) -> None:
    assert tag(title, abstract).study_type != "animal"


def test_fish_studied_in_a_capitalised_title_stay_an_animal_study():
    tags = tag(
        "GROWTH OF JUVENILE FISH FED INSECT MEAL",
        "Juvenile rainbow trout were fed diets replacing 0, 25 or 50% of fishmeal with insect meal for 8 "
        "weeks in triplicate tanks of 30 fish; weight gain did not differ between diets (p = 0.4).",
    )
    assert tags.study_type == "animal"


def test_a_species_after_a_verb_ending_like_a_food_word_is_still_named():
    """ "regulate mouse" is no "ate mouse": the food words before a species are whole words."""
    view = view_of(
        "Matrix stiffness and growth factors regulate mouse uterine gland development",
        "Uterine glands form after birth; we counted them after blocking a growth factor.",
    )
    assert "animal_species:mouse" in animal_flags(view)
    food = view_of("Growth of children who ate fish weekly", "Children who ate fish grew taller.")
    assert "animal_species:fish" not in animal_flags(food)


def test_a_natural_products_total_synthesis_is_chemistry_not_laboratory_biology():
    tags = tag(
        "Total synthesis of marine cyclodepsipeptides A-C and their analogues",
        "Cyclodepsipeptides A-C were isolated from a marine cyanobacterium. We report their first total "
        "synthesis in 14 steps with an overall yield of 8%, and a late-stage electrochemical coupling that "
        "gave six analogues. Two analogues were cytotoxic to HeLa cells (IC50 2.1 and 3.4 μM).",
    )
    assert tags.study_type == "other"


@pytest.mark.parametrize(
    "title",
    [
        "Stimulation of soil N2O emission after the input of organic materials",
        "Fast arsenic removal from aqueous solutions by a low-cost eggshell byproduct",
        "Bacterial pollution indexes for bathing waters near point sources",
    ],
)
def test_soil_water_and_treatment_science_is_not_laboratory_biology(title: str) -> None:
    abstract = (
        "Bacterial isolates and their genes were quantified by qPCR in 48 samples collected over two years; "
        "abundance rose after each input and fell within 30 days (p < 0.01), and adsorption followed "
        "pseudo-second-order kinetics."
    )
    assert tag(title, abstract).study_type != "in_vitro"


def test_a_strain_isolated_from_soil_tested_at_the_bench_stays_laboratory_work():
    tags = tag(
        "Toxicity of phenanthrene metabolites from a soil PAH-degrading strain",
        "A Sphingomonas strain isolated from soil degraded 90% of phenanthrene in 7 days. Its metabolites "
        "were tested on HepG2 cells: cell viability fell by 35% at 50 mg/L (p < 0.01).",
    )
    assert tags.study_type == "in_vitro"
