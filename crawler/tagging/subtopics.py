"""Sub-topic tags below the two main topics: where, what condition, which drug or exposure, which
procedure, which staging system.

Scheme: ``<facet>:<value>`` with lower-case snake-case values, so the digest can group and filter:

* ``site:`` femoral_head, jaw, knee, humeral_head, talus, wrist (lunate/scaphoid), spine, other — only
  for osteonecrosis (a femoral neck *fracture* is not an osteonecrosis site);
* ``condition:`` postmenopausal_osteoporosis, glucocorticoid_induced_osteoporosis, male_osteoporosis,
  bone_marrow_edema;
* ``drug:`` glucocorticoid, bisphosphonate, denosumab, teriparatide, abaloparatide, romosozumab,
  antiangiogenic; ``exposure:`` alcohol;
* ``procedure:`` core_decompression, bone_grafting, cell_therapy, osteotomy, total_hip_arthroplasty;
* ``staging:`` ARCO, Ficat, AAOMS, Steinberg, JIC (system names keep their own spelling).

Every tag quotes the phrase that produced it.
"""

from __future__ import annotations

from osteodigest.crawler.tagging.cues import Hit, in_keywords, in_text, rx
from osteodigest.crawler.tagging.view import TOKENS, View

_NECROSIS = rx(
    r"\bosteonecros[ie]s\b|\b(?:avascular|aseptic|ischemic|ischaemic|bone) necrosis\b|\bonfh\b|\bavn\b|"
    r"\bmronj\b|"
    r"\bbronj\b|\bonj\b|\bkienb[oö]ck|\bpreiser\b|\bperthes\b|\bsonk\b|\bdysbaric\b|\bbone infarcts?\b",
    "osteonecrosis osteonecroses avascular aseptic ischemic ischaemic bone onfh avn mronj bronj onj kienbock "
    # "Kienböck" splits into "kienb" and "ck" for the gate, which sees only [a-z0-9]+ words.
    "kienb preiser perthes sonk dysbaric infarct infarcts",
)
_SITES: tuple[tuple[str, str, str], ...] = (
    (
        "site:femoral_head",
        r"\bfemoral heads?\b|\bhead of (?:the )?femur\b|\bonfh\b|\bhip osteonecrosis\b|"
        r"\bosteonecrosis of (?:the )?hips?\b|\blegg[- ]calv[eé][- ]perthes\b|\bperthes\b",
        "femoral heads head onfh hip hips perthes",
    ),
    (
        "site:jaw",
        r"\bjaws?\b|\bmronj\b|\bbronj\b|\bonj\b|\bmandib(?:le|ular)\b|\bmaxill(?:a|ary)\b",
        "jaw jaws mronj bronj onj mandible mandibular maxilla maxillary",
    ),
    (
        "site:knee",
        r"\bknees?\b|\bsonk\b|\bfemoral condyles?\b|\btibial plateau\b",
        "knee knees sonk condyle condyles tibial",
    ),
    ("site:humeral_head", r"\bhumeral heads?\b|\bhead of (?:the )?humerus\b", "humeral humerus"),
    ("site:talus", r"\btal(?:us|ar)\b", "talus talar"),
    (
        "site:wrist",
        r"\blunate\b|\bkienb[oö]ck|\bscaphoid\b|\bpreiser\b",
        "lunate kienbock kienb scaphoid preiser",
    ),
    (
        "site:spine",
        r"\bvertebral (?:osteonecrosis|body osteonecrosis|necrosis)\b|\bk[uü]mmell",
        "vertebral kummell mmell",  # "kümmell" reaches the gate as "k" and "mmell"
    ),
)
_SITE_CUES = tuple((tag, rx(pattern, words)) for tag, pattern, words in _SITES)

_TOPICS: tuple[tuple[str, str, str], ...] = (
    (
        "condition:postmenopausal_osteoporosis",
        r"\bpost-?menopausal (?:women )?(?:with )?(?:\w+ )?osteopor|\bpmo\b|"
        r"\bosteoporosis in post-?menopausal\b|"
        r"\bpost-?menopausal osteopenia\b",
        "postmenopausal post menopausal pmo",
    ),
    (
        "condition:glucocorticoid_induced_osteoporosis",
        r"\b(?:gluco)?corticoid[- ](?:induced|associated|related) osteopor|\bsteroid[- ](?:induced|"
        r"associated|related) "
        r"osteopor|\bgiop\b|\bosteoporosis (?:induced by|due to|secondary to) (?:gluco)?corticoid",
        "glucocorticoid corticoid steroid giop osteoporosis",
    ),
    (
        "condition:male_osteoporosis",
        r"\bmale osteopor|\bosteoporosis in (?:older |elderly |aging |ageing )?men\b|\bmen with osteopor|"
        r"\bosteoporotic men\b",
        "male men osteoporotic",
    ),
    (
        "condition:bone_marrow_edema",
        r"\bbone marrow (?:o)?edema\b|\bbmes\b|\bbone marrow lesions?\b|\btransient osteoporosis\b|"
        r"\bregional migratory osteoporosis\b|\bbone bruise",
        "marrow bmes transient migratory bruise bruises",
    ),
    (
        "drug:glucocorticoid",
        r"\b(?:gluco)?corticoids?\b|\bcorticosteroids?\b|"
        r"(?<!anabolic )(?<!sex )(?<!non)(?<!non-)\bsteroids?\b(?! hormones?)|\bprednisolone\b|"
        r"\bprednisone\b|\bmethylprednisolone\b|\bdexamethasone\b|\bhydrocortisone\b|"
        r"\bcortisone\b|\bbetamethasone\b|\btriamcinolone\b|\bbudesonide\b",
        "glucocorticoid glucocorticoids corticoid corticoids corticosteroid corticosteroids steroid steroids "
        "prednisolone prednisone methylprednisolone dexamethasone hydrocortisone cortisone betamethasone "
        "triamcinolone budesonide",
    ),
    (
        "exposure:alcohol",
        r"\balcohol(?:ic|ism)?\b|\bethanol\b|\b(?:heavy|binge|excessive|chronic|alcohol) drinking\b|"
        r"\b(?:heavy|binge) drinkers?\b",
        "alcohol alcoholic alcoholism ethanol drinking drinkers drinker",
    ),
    (
        "drug:bisphosphonate",
        r"\bbisphosphonates?\b|\bdiphosphonates?\b|\balendron(?:ate|ic acid)\b|\brisedron(?:ate|ic acid)\b|"
        r"\bibandron(?:ate|ic acid)\b|\bzoledron(?:ate|ic acid)\b|\bpamidron(?:ate|ic acid)\b|"
        r"\betidron(?:ate|ic acid)\b|"
        r"\bclodron(?:ate|ic acid)\b|\bminodron(?:ate|ic acid)\b|\bneridron(?:ate|ic acid)\b",
        "bisphosphonate bisphosphonates diphosphonate diphosphonates alendronate alendronic risedronate "
        "risedronic ibandronate ibandronic zoledronate zoledronic pamidronate pamidronic etidronate "
        "etidronic "
        "clodronate clodronic minodronate minodronic neridronate neridronic",
    ),
    ("drug:denosumab", r"\bdenosumab\b|\bprolia\b|\bxgeva\b", "denosumab prolia xgeva"),
    (
        "drug:teriparatide",
        r"\bteriparatide\b|\bforteo\b|\bpth ?\(?1-34\)?\b|\brh?pth\s?\(?1-34",
        "teriparatide forteo pth rhpth rpth",
    ),
    ("drug:abaloparatide", r"\babaloparatide\b|\btymlos\b", "abaloparatide tymlos"),
    (
        "drug:romosozumab",
        r"\bromosozumab\b|\bevenity\b|\bsclerostin antibod",
        "romosozumab evenity sclerostin",
    ),
    (
        "drug:antiangiogenic",
        r"\banti-?angiogen|\bbevacizumab\b|\bsunitinib\b|\bsorafenib\b|\baflibercept\b|\bpazopanib\b|"
        r"\bcabozantinib\b|"
        r"\blenvatinib\b|\bregorafenib\b|\baxitinib\b|\bramucirumab\b|\bvegf inhibitor|\banti-vegf\b",
        "antiangiogenic anti angiogenic antiangiogenesis bevacizumab sunitinib sorafenib aflibercept "
        "pazopanib "
        "cabozantinib lenvatinib regorafenib axitinib ramucirumab vegf",
    ),
    (
        "procedure:core_decompression",
        r"\bcore (?:decompression|drilling)\b|\bmultiple (?:small[- ]diameter "
        r")?drilling\b",
        "decompression drilling",
    ),
    (
        "procedure:bone_grafting",
        r"\bbone[- ]graft(?:s|ing|ed)?\b|\b(?:vascularized|vascularised|non-?vascularized|free|impaction|"
        r"structural|nonstructural|fibular|iliac) (?:\w+ )?grafts?\b|\bbone substitute|\b(?:auto|"
        r"allo)grafts?\b|"
        r"\blight bulb\b|\btrapdoor\b",
        "graft grafts grafting grafted autograft autografts allograft allografts substitute substitutes bulb "
        "trapdoor",
    ),
    (
        "procedure:cell_therapy",
        r"\bcell(?:-based)? therap|\bstem cell (?:therapy|injection|implantation|transplantation|treatment|"
        r"grafting)\b|\b(?:bone marrow|mononuclear|mesenchymal stem|stromal|progenitor|stem) cells? (?:were |"
        r"was )?(?:implant|inject|transplant|instill|deliver)|\bbmac\b|"
        r"\bbone marrow (?:aspirate )?concentrate\b|\bbone marrow (?:cell )?(?:implantation|injection|"
        r"grafting)\b|\bcell implantation\b|\bautologous (?:bone marrow|stem cells|"
        r"mononuclear)",
        "cell cells stem bmac marrow autologous",
    ),
    ("procedure:osteotomy", r"\bosteotom(?:y|ies)\b", "osteotomy osteotomies"),
    (
        "procedure:total_hip_arthroplasty",
        r"\btotal hip (?:arthroplasty|replacement)s?\b|\btha\b|\bthr\b|\bhip replacement\b",
        "hip tha thr",
    ),
    (
        "staging:ARCO",
        r"\barco\b|\bassociation (?:research|for research) circulation osseous\b",
        "arco association",
    ),
    ("staging:Ficat", r"\bficat\b", "ficat"),
    (
        "staging:AAOMS",
        r"\baaoms\b|\bamerican association of oral and maxillofacial surgeons\b",
        "aaoms maxillofacial",
    ),
    (
        "staging:Steinberg",
        r"\bsteinberg\b|\buniversity of pennsylvania (?:classification|staging|system)\b",
        "steinberg pennsylvania",
    ),
    (
        "staging:JIC",
        r"\bjapanese investigation committee\b|\bjic (?:classification|staging|type|system)\b",
        "jic investigation",
    ),
)
_TOPIC_CUES = tuple((tag, rx(pattern, words)) for tag, pattern, words in _TOPICS)
#: Every facet tag :func:`subtopics` gives, in its order (``site:other`` aside: it names no place); a
#: reader may subscribe to any of them.
FACETS: tuple[str, ...] = tuple(tag for tag, _, _ in _SITES) + tuple(tag for tag, _, _ in _TOPICS)
_SITE_OTHER = rx(
    r"\bosteonecrosis of (?:the )?(?!femoral|femur|hip|jaw|knee|mandible|maxilla|humeral|shoulder|talus|"
    r"lunate|scaphoid)(\w+(?: \w+)?)|\b(?:avascular|aseptic) necrosis of (?:the )?(?!femoral|femur|hip|jaw|"
    r"knee|mandible|"
    r"maxilla|humeral|shoulder|talus|lunate|scaphoid)(\w+(?: \w+)?)",
    "osteonecrosis avascular aseptic",
)


def subtopics(view: View) -> dict[str, Hit]:
    """Tag -> evidence, in a stable order (sites, conditions, drugs, procedures, staging)."""
    found: dict[str, Hit] = {}
    necrosis = in_text(view, _NECROSIS) or in_keywords(view, _NECROSIS)
    if necrosis:
        for tag, cue in _SITE_CUES:
            hit = in_text(view, cue) or in_keywords(view, cue)
            if hit:
                found[tag] = hit
        if not found:
            hit = in_text(view, _SITE_OTHER)
            if hit:
                found["site:other"] = hit
    words = view.words | TOKENS.get(view.low_keywords, frozenset())
    for tag, cue in _TOPIC_CUES:
        if cue.words is not None and cue.words.isdisjoint(words):
            continue
        hit = in_text(view, cue) or in_keywords(view, cue)
        if hit:
            found[tag] = hit
    return found
