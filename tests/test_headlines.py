"""Plain-language headlines: the guard, and a local server speaking the documented chat-completions format.

The server (pytest-httpserver on 127.0.0.1) answers ``POST /v1/chat/completions`` as an OpenAI-compatible
endpoint does, with one reply per work chosen by the title in the request: good headlines, and replies
that must be refused (an invented number, a drug the abstract does not name, too long, empty) and a 429.
The edition is made the real way (``publish_edition``), so what the reader gets is what is checked.
"""

from __future__ import annotations

import json
from itertools import count

import pytest
from bs4 import BeautifulSoup
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.store import Store
from osteodigest.newsletter.edition import publish_edition, renderer_for, write_edition
from osteodigest.newsletter.headlines import check_headline, headline_config, numbers_in, write_headlines
from osteodigest.newsletter.render import Renderer, load_edition, personalise
from werkzeug import Request, Response

from tests.newsletter_data import make_settings, record, store_works, tags, topics

MODEL = "local-test-model"
LABEL = "plain-language headline, machine-written and checked against the abstract"

#: title -> (abstract, what the endpoint answers: a headline, or an HTTP status)
WORKS = {
    "Denosumab and lumbar density": (
        "We followed 120 postmenopausal women for 2 years. Denosumab raised lumbar spine bone mineral"
        " density by 5.2%. In conclusion, denosumab helped.",
        "Denosumab raised spine bone density by 5.2% in 120 women over 2 years.",
    ),
    "Collapse after femoral head necrosis": (
        "Of 48 patients with osteonecrosis of the femoral head, 30 had collapse within 3 years.",
        "In 48 people with hip bone death, 30 saw the top of the thigh bone collapse",
    ),
    "Zoledronic acid and vertebral fractures": (
        "Zoledronic acid reduced new vertebral fractures in 300 women with osteoporosis.",
        "Zoledronic acid cut spine fractures by 70% in 300 women.",
    ),
    "Teriparatide after fracture": (
        "Teriparatide for 18 months improved fracture healing in 60 patients.",
        "Romosozumab helped broken bones heal in 60 patients.",
    ),
    "A long story": (
        "Bone mineral density was measured in older adults with osteoporosis.",
        " ".join(["Older adults with weak bones had their bone strength measured"] * 4),
    ),
    "Nothing to say": ("Bone loss was studied in adults with osteoporosis.", ""),
    "Busy server": ("Osteoporosis was common among nursing home residents.", 429),
    "Never asked": ("Osteoporosis screening rates were low in men.", "Men were rarely screened."),
}


def chat_completion(content: str) -> dict:
    """A reply in the documented chat-completions shape."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_760_000_000,
        "model": MODEL,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def answer(request: Request) -> Response:
    body = request.get_json()
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    title = user.split("\n", 1)[0].removeprefix("Title: ")
    reply = WORKS[title][1]
    if isinstance(reply, int):
        return Response(json.dumps({"error": {"message": "rate limited"}}), status=reply)
    return Response(json.dumps(chat_completion(reply)), mimetype="application/json")


@pytest.fixture
def endpoint(httpserver):
    httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(answer)
    return httpserver


def headline_settings(tmp_path, endpoint, **more):
    return make_settings(tmp_path, headlines={"base_url": endpoint.url_for("/v1"), "model": MODEL, **more})


def store_the_works(settings) -> dict[str, int]:
    ids = store_works(
        settings,
        [
            (record(n, title, abstract=abstract, topic="osteoporosis"), tags("cohort", 3))
            for n, (title, (abstract, _)) in enumerate(WORKS.items(), start=1)
        ],
    )
    return dict(zip(WORKS, ids, strict=True))


def test_an_edition_carries_accepted_headlines_and_refuses_the_rest(tmp_path, endpoint, monkeypatch):
    monkeypatch.setenv("OSTEODIGEST_HEADLINE_API_KEY", "sk-test-0123456789")
    settings = headline_settings(tmp_path, endpoint)
    ids = store_the_works(settings)
    with Store(settings.database_path) as store:
        result = publish_edition(settings, store, topics())
        answers = {row.work_id: row for row in store.headlines.cached(MODEL)}
    html = next(p for p in result.files if p.suffix == ".html").read_text(encoding="utf-8")
    text = next(p for p in result.files if p.suffix == ".txt").read_text(encoding="utf-8")

    # Shown, labelled as machine-written, in the HTML and the text part.
    for title in ("Denosumab and lumbar density", "Collapse after femoral head necrosis"):
        assert answers[ids[title]].status == "accepted"
    shown = [
        " ".join(h.get_text(" ").split()) for h in BeautifulSoup(html, "html.parser").select(".headline")
    ]
    assert sorted(shown) == [
        f"Denosumab raised spine bone density by 5.2% in 120 women over 2 years. ({LABEL})",
        f"In 48 people with hip bone death, 30 saw the top of the thigh bone collapse. ({LABEL})",
    ], "accepted headlines, labelled as machine-written"
    assert "In 48 people with hip bone death, 30 saw the top of the thigh bone collapse." in html
    flat = " ".join(text.split())
    assert f"Denosumab raised spine bone density by 5.2% in 120 women over 2 years. ({LABEL})" in flat
    # Refused, with the reason kept, and never shown.
    assert answers[ids["Zoledronic acid and vertebral fractures"]].reason == "number not in the abstract: 70"
    assert answers[ids["Teriparatide after fracture"]].reason == "drug not in the abstract: romosozumab"
    assert answers[ids["A long story"]].reason == "40 words (at most 25)"
    assert answers[ids["Nothing to say"]].reason == "empty reply"
    for title in ("Zoledronic acid and vertebral fractures", "Teriparatide after fracture", "A long story"):
        assert WORKS[title][1][:30] not in html
    assert html.count('class="headline"') == 2
    # The 429 stopped asking: that work and the one after it keep their titles alone, and are not
    # recorded, so a later run may ask again.
    assert ids["Busy server"] not in answers and ids["Never asked"] not in answers
    assert "Men were rarely screened" not in html
    # Every request was the documented call, with the key from the environment.
    requests = [request for request, _ in endpoint.log]
    assert len(requests) == 7, "asked once per work until the 429, never retried"
    first = requests[0]
    assert first.headers["Authorization"] == "Bearer sk-test-0123456789"
    body = first.get_json()
    assert body["model"] == MODEL and [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "25 words" in body["messages"][0]["content"]
    # The same work and model are never asked twice: a second pass asks only what was not answered.
    with Store(settings.database_path) as store:
        works = store.works.get_many(list(ids.values()))
        again = write_headlines(settings, store, works)
    assert again.asked == 1 and again.failed and "429" in again.stopped
    # The web page shows the same accepted headlines.
    from osteodigest.newsletter.web import create_app

    page = create_app(settings).test_client().get(f"/editions/{result.edition_id}").get_data(as_text=True)
    assert page.count('class="headline"') == 2 and "Zoledronic acid cut spine fractures" not in page


def test_without_an_endpoint_nothing_is_asked_and_the_edition_is_byte_identical(tmp_path, httpserver):
    settings = make_settings(tmp_path)
    store_the_works(settings)
    with Store(settings.database_path) as store:
        result = publish_edition(settings, store, topics())
        made = {p.suffix: p.read_bytes() for p in result.files if p.suffix in (".html", ".txt")}
        assert store.headlines.cached() == [], "no headline asked, none stored"
        # Built with the feature absent: the edition loaded without any headline look-up.
        view = load_edition(
            store,
            result.edition_id,
            {t.name: t.label for t in topics()},
            base_url=settings.section("web")["base_url"],
        )
        absent = Renderer(renderer_for(settings).env).render(personalise(view), budget=None)
        assert made[".html"] == absent.html.encode("utf-8") and made[".txt"] == absent.text.encode("utf-8")
        # A [headlines] table without an endpoint is the same as none at all.
        off = make_settings(tmp_path, headlines={"base_url": "", "model": MODEL})
        again = write_edition(off, store, topics(), result.edition_id)
        assert {p.suffix: p.read_bytes() for p in again.files if p.suffix in (".html", ".txt")} == made
    assert httpserver.log == []


@pytest.mark.parametrize(
    ("reply", "abstract", "verdict"),
    [
        (
            "Denosumab cut spine fractures in 120 women.",
            "Denosumab in 120 women: fewer vertebral fractures.",
            None,
        ),
        (
            '"Headline: Two years of alendronate kept hip bones stronger"',
            "For 2 years, alendronate; hip BMD.",
            None,
        ),
        (
            "Fewer fractures in three of four groups.",
            "Three groups and a placebo group.",
            "number not in the abstract: 4",
        ),
        (
            "Fractures fell by 40% with denosumab.",
            "Fractures fell with denosumab (RR 0.6).",
            "number not in the abstract: 40",
        ),
        (
            "Zoledronic acid protected bones.",
            "Alendronate was compared with placebo.",
            "drug not in the abstract: zoledronic_acid",
        ),
        ("Bisphosphonates protected bones.", "Alendronate was compared with placebo.", None),
        (
            "A new drug, blosozumab, built bone.",
            "Romosozumab built bone.",
            "drug not in the abstract: blosozumab",
        ),
        (
            "Jaw bone death was rare.",
            "Osteonecrosis of the femoral head was rare.",
            "anatomical term not in the abstract: jaw",
        ),
        ("Thigh bone death was rare.", "Femoral osteonecrosis was rare.", None),
        ("", "Anything.", "empty reply"),
        ("   \n ", "Anything.", "empty reply"),
        ("First line.\nSecond line.", "Anything.", "more than one line"),
        (" ".join(["word"] * 26), "Anything.", "26 words (at most 25)"),
    ],
)
def test_the_guard_accepts_only_what_the_abstract_backs(reply, abstract, verdict):
    result = check_headline(reply, abstract, max_words=25)
    assert result.reason == verdict
    assert (result.headline is None) == (verdict is not None)


def test_numbers_are_read_in_digits_and_words():
    assert numbers_in("1,204 adults, 2.5 years, three groups, twenty sites, COVID-19") == {
        1204,
        2.5,
        3,
        20,
        19,
    }


def test_time_budget_stops_asking_and_a_failed_request_does_not_stop_the_rest(tmp_path, httpserver):
    replies = iter(
        [Response("oops", status=500)] + [Response(json.dumps(chat_completion("Men were screened.")))] * 9
    )
    httpserver.expect_request("/v1/chat/completions").respond_with_handler(lambda _: next(replies))
    settings = headline_settings(tmp_path, httpserver, time_budget=30.0)
    ids = store_the_works(settings)
    ticks = count(0, 10)  # every look at the clock is 10 s later
    with Store(settings.database_path) as store:
        report = write_headlines(
            settings, store, store.works.get_many(list(ids.values())), clock=lambda: next(ticks)
        )
    assert report.failed == [(ids["Denosumab and lumbar density"], "HTTP 500")], "one failure, then on"
    assert report.asked == 2 and "time budget of 30 s spent" in report.stopped


def test_a_model_without_a_name_or_a_bad_url_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"headlines\.model"):
        headline_config(make_settings(tmp_path, headlines={"base_url": "http://127.0.0.1:9/v1"}))
    with pytest.raises(ConfigError, match=r"headlines\.base_url"):
        headline_config(make_settings(tmp_path, headlines={"base_url": "ftp://x", "model": "m"}))
    assert headline_config(make_settings(tmp_path)) is None
