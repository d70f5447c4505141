"""Narrower subscriptions: a sub-topic of the relevance stage (``jaw_osteonecrosis``,
``atypical_femoral_fracture``) or a facet of the tagger (``site:jaw``, ``drug:denosumab``) is accepted by
``subscribers add --topics``, a CSV import and the web preferences page alike, and each reader's message
holds the items that match any of their topics.

The works are stored and assessed the real way (the tagger and the relevance stage over their records),
so the test also shows the stage's sub-topic decisions and the tagger's facets reaching the reader.
"""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from osteodigest.crawler.models import Record
from osteodigest.crawler.run import relevance_stage_for, tag_works
from osteodigest.crawler.settings import load_settings
from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.subscribers import find_subscriber
from osteodigest.newsletter.tokens import make_token
from osteodigest.newsletter.web import create_app

#: Four abstracts, each about what its key says (checked below, so a stage change shows here first).
PAPERS = {
    "jaw": (
        "Denosumab-related osteonecrosis of the jaw in patients with bone metastases: a cohort study",
        "Objective: To describe medication-related osteonecrosis of the jaw (MRONJ) under denosumab. Methods:"
        " We followed 312 patients. Results: MRONJ occurred in 18 patients. Conclusion: Osteonecrosis of the"
        " jaw is a frequent complication of monthly denosumab.",
    ),
    "hip": (
        "Core decompression with bone marrow concentrate for osteonecrosis of the femoral head",
        "Objective: To compare core decompression alone with core decompression and bone marrow concentrate"
        " in osteonecrosis of the femoral head. Methods: 80 hips were randomised. Conclusion: Adding bone"
        " marrow concentrate reduced collapse of the femoral head.",
    ),
    "denosumab": (
        "Denosumab discontinuation and vertebral fractures in postmenopausal osteoporosis",
        "Objective: To estimate the risk of multiple vertebral fractures after stopping denosumab in"
        " postmenopausal women with osteoporosis. Methods: A cohort of 1001 women. Conclusion: Stopping"
        " denosumab without a bisphosphonate raises the risk of vertebral fractures.",
    ),
    "aff": (
        "Atypical femoral fracture after long-term bisphosphonate treatment of osteoporosis",
        "Objective: To estimate the incidence of atypical femoral fractures in women treated with alendronate"
        " for osteoporosis. Methods: A cohort of 50000 women. Conclusion: The risk of atypical femoral"
        " fracture rises with the duration of bisphosphonate treatment.",
    ),
}


@pytest.fixture
def site(tmp_path):
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        '[general]\ndatabase = "store.sqlite3"\noutbox = "outbox"\ndata_dir = "data"\n'
        '[web]\nbase_url = "https://digest.example.org"\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    records = [
        Record(source="pubmed", source_id=str(n), pmid=str(n), title=title, abstract=abstract)
        for n, (title, abstract) in enumerate(PAPERS.values(), start=800001)
    ]
    with Store(settings.database_path) as store:
        summary = store.works.save(records)
        assert not tag_works(store, summary.changed_work_ids, relevance_stage_for(settings))
        works = {w.pmid: w for w in store.works.iter_all()}
    ids = dict(zip(PAPERS, (works[r.pmid].id for r in records), strict=True))
    by_key = {key: works[r.pmid] for key, r in zip(PAPERS, records, strict=True)}
    assert set(by_key["jaw"].topics) == {"osteonecrosis", "jaw_osteonecrosis"}
    assert {"site:jaw", "drug:denosumab"} <= set(by_key["jaw"].tags.topics)
    assert by_key["hip"].topics == ("osteonecrosis",) and "site:femoral_head" in by_key["hip"].tags.topics
    assert (
        by_key["denosumab"].topics == ("osteoporosis",)
        and "drug:denosumab" in by_key["denosumab"].tags.topics
    )
    assert set(by_key["aff"].topics) == {"osteoporosis", "atypical_femoral_fracture"}
    assert "drug:denosumab" not in by_key["hip"].tags.topics + by_key["aff"].tags.topics
    return config, settings, ids


def received(settings, address: str) -> tuple[set[int], str]:
    """The work ids of the message sent to ``address`` (outbox), and its plain text."""
    with Store(settings.database_path) as store:
        subscriber = find_subscriber(store, address)
    (eml,) = Path(settings.outbox_path).glob(f"edition-*/subscriber-{subscriber.id:06d}.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    html = message.get_body(("html",)).get_content()
    return {int(n) for n in re.findall(r'id="w(\d+)"', html)}, message.get_body(("plain",)).get_content()


def test_sub_topics_and_facets_from_the_cli_csv_and_web_filter_each_readers_message(site, tmp_path, capsys):
    config, settings, ids = site
    cli = ["--config", str(config), "subscribers"]
    assert main([*cli, "add", "jaw@example.org", "--topics", "jaw_osteonecrosis"]) == 0
    assert main([*cli, "add", "dmab@example.org", "--topics", "Drug:Denosumab"]) == 0
    assert (
        main([*cli, "add", "mix@example.org", "--topics", "site:femoral_head,atypical_femoral_fracture"]) == 0
    )
    assert main([*cli, "add", "no@example.org", "--topics", "site:elbow"]) == 2
    assert "unknown topic 'site:elbow'; known: osteonecrosis, osteoporosis, jaw_osteonecrosis" in (
        capsys.readouterr().err
    )
    table = tmp_path / "readers.csv"
    table.write_text(
        "email,topics\ncsv@example.org,site:jaw;STAGING:arco\nbad@example.org,drug:aspirin\n",
        encoding="utf-8",
    )
    assert main([*cli, "import", str(table)]) == 1
    out = capsys.readouterr()
    assert f"{table}: line 3: unknown topic 'drug:aspirin'" in out.err and "1 added" in out.out
    assert main([*cli, "add", "web@example.org"]) == 0
    assert main([*cli, "list"]) == 0
    listing = capsys.readouterr().out
    assert "topics drug:denosumab" in listing and "topics site:jaw,staging:ARCO" in listing, listing

    # The web preferences page offers the sub-topics and the facets, and saves them.
    with Store(settings.database_path) as store:
        web_reader = find_subscriber(store, "web@example.org")
    client = create_app(settings).test_client()
    url = f"/preferences/{make_token(settings, web_reader.id, 'preferences')}"
    page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    offered = {i["value"]: i.parent.get_text(" ", strip=True) for i in page.select("input[name=topics]")}
    assert offered["jaw_osteonecrosis"] == "Osteonecrosis of the jaw"
    assert offered["drug:denosumab"] == "denosumab" and offered["site:femoral_head"] == "femoral head"
    assert "Drug" in [legend.get_text() for legend in page.select("fieldset.facet legend")]
    form = {
        "csrf_token": page.find("input", attrs={"name": "csrf_token"})["value"],
        "topics": ["jaw_osteonecrosis", "procedure:core_decompression"],
        "frequency": "weekly",
    }
    assert client.post(url, data=form).status_code == 303
    again = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    assert {i["value"] for i in again.select("input[name=topics][checked]")} == set(form["topics"])

    assert main(["--config", str(config), "send"]) == 0, capsys.readouterr().err
    expected = {
        "jaw@example.org": {ids["jaw"]},
        "dmab@example.org": {ids["jaw"], ids["denosumab"]},
        "mix@example.org": {ids["hip"], ids["aff"]},
        "csv@example.org": {ids["jaw"]},
        "web@example.org": {ids["jaw"], ids["hip"]},
    }
    for address, works in expected.items():
        shown, text = received(settings, address)
        assert shown == works, address
        note = next(line for line in text.splitlines() if "Filtered for you" in line)
        assert ":" not in note.split("topics:", 1)[1].split(";")[0], f"tag syntax in {note!r}"
    _, text = received(settings, "dmab@example.org")
    assert "Filtered for you — topics: denosumab" in text
