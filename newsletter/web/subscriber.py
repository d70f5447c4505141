"""Pages a reader reaches from an email: their own view of an edition, unsubscribe, preferences, and the
sign-up with double opt-in.

Every link carries a token signed for one purpose and one subscriber (:mod:`newsletter.tokens`). A token
that does not verify gets the same 400 page whatever is wrong with it, and nothing here ever says
whether an address is known: the sign-up answers every address alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from osteodigest.crawler.store import Preferences
from osteodigest.newsletter.items import STUDY_TYPE_LABELS
from osteodigest.newsletter.render import personal_note, personalise
from osteodigest.newsletter.select import EVIDENCE_LEVELS, FREQUENCIES
from osteodigest.newsletter.subscribers import (
    InvalidInput,
    Subscriber,
    get_subscriber,
    make_preferences,
    may_confirm,
    normalize_email,
    sign_up,
    update_preferences,
)
from osteodigest.newsletter.subscribers import (
    confirm as confirm_subscriber,
)
from osteodigest.newsletter.subscribers import (
    unsubscribe as unsubscribe_subscriber,
)
from osteodigest.newsletter.tokens import BadToken
from osteodigest.newsletter.web.archive import edition_view_for_web, reader_preferences, render_edition_page
from osteodigest.newsletter.web.context import get_store, web_config
from osteodigest.newsletter.web.signup_mail import signup_message

log = logging.getLogger("osteodigest.web")

bp = Blueprint("subscriber", __name__)

#: Items in full per email that a reader may ask for; more would defeat the length budget.
MAX_ITEMS_CAP = 200
#: A sign-up confirmation link is good for a week.
CONFIRM_MAX_AGE = 7 * 24 * 3600
#: Notices, not designs: muting them would hide a retraction from a reader.
NOT_MUTABLE = ("erratum", "retraction_notice")


@bp.after_request
def _private(response: Response) -> Response:
    """Token pages are personal: never cached, never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def bad_link() -> Response:
    from osteodigest.newsletter.web.app import message_page

    return message_page(400)


def _read(token: str, purpose: str, max_age: int | None = None) -> int | None:
    try:
        return web_config().signer.read(token, purpose, max_age=max_age)
    except BadToken:
        return None


def with_token(purpose: str, max_age: int | None = None) -> Callable[..., Any]:
    """Routes get the verified subscriber id (or the 400 page, identical for every kind of bad token)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(token: str) -> Any:
            subscriber_id = _read(token, purpose, max_age)
            if subscriber_id is None:
                return bad_link()
            return view(token, subscriber_id)

        return wrapper

    return decorate


def mask(address: str | None) -> str:
    """``a…@example.org``: enough for the reader to recognise, little for whoever sees a forwarded link."""
    if not address or "@" not in address:
        return "this address"
    local, domain = address.rsplit("@", 1)
    return f"{local[:1]}…@{domain}"


def link(endpoint: str, subscriber_id: int, purpose: str, state: str | None = None) -> str:
    """An absolute link for emails and pages, at the public ``[web] base_url``."""
    config = web_config()
    token = config.signer.make(subscriber_id, purpose, state)
    return config.base_url + url_for(endpoint, token=token)


# ------------------------------------------------------------------------------------------ own view
@bp.get("/editions/<int:edition_id>/mine/<token>")
def own_view(edition_id: int, token: str) -> Any:
    """The email's "View in a browser": this edition filtered by the reader's preferences, every item in
    full. A link whose reader is gone (``remove --purge``) shows the whole edition instead of failing."""
    subscriber_id = _read(token, "view")
    if subscriber_id is None:
        return bad_link()
    store = get_store()
    row = store.editions.get(edition_id)
    if row is None:
        abort(404)
    whole = url_for("archive.edition", edition_id=edition_id)
    subscriber = get_subscriber(store, subscriber_id)
    if subscriber is None:
        return redirect(whole, 303)
    prefs = reader_preferences(subscriber.prefs)
    view = edition_view_for_web(edition_id)
    note = personal_note(prefs, view.topic_labels) or "Every item of this edition, as your preferences ask."
    return render_edition_page(
        personalise(view, prefs=prefs),
        created=row.created_at,
        link=lambda page: (
            url_for("subscriber.own_view", edition_id=edition_id, token=token)
            + (f"?page={page}" if page > 1 else "")
        ),
        reader_note=note,
        whole_url=whole,
    )


# ------------------------------------------------------------------------------------------ unsubscribe
@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@with_token("unsubscribe")
def unsubscribe(token: str, subscriber_id: int) -> Any:
    """GET only shows the button (scanners prefetch links); any POST unsubscribes, RFC 8058 one-click
    (``List-Unsubscribe=One-Click``) included. Twice is fine; a reader since deleted is just as gone."""
    store = get_store()
    if request.method == "POST":
        if unsubscribe_subscriber(store, subscriber_id):
            log.info("subscriber %d unsubscribed (%s)", subscriber_id, _how())
        return render_template("web/unsubscribed.html.j2", noindex=True)
    subscriber = get_subscriber(store, subscriber_id)
    return render_template(
        "web/unsubscribe.html.j2",
        token=token,
        masked_email=mask(subscriber.email if subscriber else None),
        preferences_url=url_for(
            "subscriber.preferences", token=web_config().signer.make(subscriber_id, "preferences")
        )
        if subscriber and subscriber.status == "active"
        else None,
        noindex=True,
    )


def _how() -> str:
    return "one-click" if request.form.get("List-Unsubscribe") == "One-Click" else "web form"


# ------------------------------------------------------------------------------------------ preferences
@bp.route("/preferences/<token>", methods=["GET", "POST"])
@with_token("preferences")
def preferences(token: str, subscriber_id: int) -> Any:
    store = get_store()
    subscriber = get_subscriber(store, subscriber_id)
    if subscriber is None:
        return bad_link()
    if request.method == "GET":
        return _preferences_page(token, subscriber, subscriber.prefs, saved=request.args.get("saved") == "1")
    config = web_config()
    if not config.form_tokens.check(request.form.get("csrf_token"), "preferences", str(subscriber_id)):
        return _preferences_page(
            token,
            subscriber,
            subscriber.prefs,
            errors=["This form was out of date or did not come from this page. Please check and save again."],
            status=400,
        )
    try:
        prefs = _prefs_from_form(subscriber.prefs)
    except InvalidInput as exc:
        return _preferences_page(token, subscriber, subscriber.prefs, errors=[str(exc)], status=400)
    update_preferences(store, subscriber_id, prefs)
    log.info("subscriber %d changed preferences", subscriber_id)
    return redirect(url_for("subscriber.preferences", token=token, saved="1"), 303)


def _prefs_from_form(current: Preferences) -> Preferences:
    config = web_config()
    muted = request.form.getlist("exclude_types")
    if any(t in NOT_MUTABLE for t in muted):
        raise InvalidInput("notices of errata and retractions are always shown")
    max_items = request.form.get("max_items", "").strip()
    if max_items.isdigit() and int(max_items) > MAX_ITEMS_CAP:
        raise InvalidInput(f"at most {MAX_ITEMS_CAP} items can be shown in full")
    return make_preferences(
        frequency=request.form.get("frequency"),
        topics=request.form.getlist("topics"),
        include_types=request.form.getlist("include_types"),
        exclude_types=muted,
        min_evidence=request.form.get("min_evidence"),
        max_items=max_items,
        # The list's topics and sub-topics, and any other the reader already has (set from the command
        # line): the page shows those too, so saving it keeps them unless unticked.
        known_topics=[
            *(config.choices or config.topic_labels),
            *(t for t in current.topics if t not in (config.choices or config.topic_labels)),
        ],
        default_frequency=current.frequency,
    )


def _facet_groups(choices: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """The tagger's facets among the choices, by facet: {"Drug": [("drug:denosumab", "denosumab")]}."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, label in choices.items():
        if ":" in name:
            group, _, value = label.partition(": ")
            groups.setdefault(group, []).append((name, value))
    return groups


def _preferences_page(
    token: str,
    subscriber: Subscriber,
    prefs: Preferences,
    *,
    saved: bool = False,
    errors: list[str] | None = None,
    status: int = 200,
) -> Response:
    config = web_config()
    body = render_template(
        "web/preferences.html.j2",
        token=token,
        masked_email=mask(subscriber.email),
        status=subscriber.status,
        prefs=prefs,
        saved=saved,
        errors=errors or [],
        csrf_token=config.form_tokens.issue("preferences", str(subscriber.id)),
        topics={name: label for name, label in config.choices.items() if ":" not in name},
        facets=_facet_groups(config.choices),
        study_types={k: v for k, v in STUDY_TYPE_LABELS.items() if k not in NOT_MUTABLE},
        evidence_levels=EVIDENCE_LEVELS,
        frequencies=FREQUENCIES,
        max_items_cap=MAX_ITEMS_CAP,
        default_max_items=config.settings.section("digest")["max_items"],
        unsubscribe_url=url_for(
            "subscriber.unsubscribe", token=config.signer.make(subscriber.id, "unsubscribe")
        ),
        noindex=True,
    )
    return Response(body, status=status, mimetype="text/html")


# ------------------------------------------------------------------------------------------ sign-up
@bp.route("/subscribe", methods=["GET", "POST"])
def subscribe() -> Any:
    config = web_config()
    if request.method == "GET":
        return _subscribe_page()
    if not config.per_client.hit(request.remote_addr or "unknown"):
        abort(429)
    if not config.form_tokens.check(request.form.get("csrf_token"), "subscribe", "subscribe"):
        return _subscribe_page(errors=["This form was out of date. Please send it again."], status=400)
    if request.form.get("website"):
        # The hidden field only robots fill in: answer as if all went well, do nothing.
        return _subscribe_done()
    try:
        address = normalize_email(request.form.get("email", ""))
        prefs = make_preferences(
            frequency=request.form.get("frequency"),
            topics=request.form.getlist("topics"),
            known_topics=list(config.choices or config.topic_labels),
            default_frequency=config.settings.section("digest")["frequency"],
        )
    except InvalidInput:
        return _subscribe_page(errors=["Please enter a valid email address."], status=400)
    if config.per_address.hit(address.casefold()):
        _sign_up(address, prefs)
    else:
        log.info("sign-up for one address over its hourly limit: ignored")
    return _subscribe_done()


def _sign_up(address: str, prefs: Preferences) -> None:
    """Whatever the address's state, the visitor sees the same page after the same work; only its
    owner's inbox differs.

    Every request runs one write transaction that changes nothing about a known address
    (:func:`~newsletter.subscribers.sign_up`), renders one message and queues it (never waiting for the
    mail server), so neither the page nor its timing says whether the address was known.
    """
    config = web_config()
    status = "pending" if config.double_opt_in else "active"
    request = sign_up(get_store(), address, prefs, status=status)
    subscriber = request.subscriber
    if subscriber.status == "active":
        # A reader asking again gets their own links; without double opt-in a new one gets them too.
        message = signup_message(
            config.settings,
            subscriber.email,
            site_title=config.site_title,
            already=not request.created,
            welcome=request.created,
            preferences_url=link("subscriber.preferences", subscriber.id, "preferences"),
            unsubscribe_url=link("subscriber.unsubscribe", subscriber.id, "unsubscribe"),
        )
        if request.created:
            log.info("subscriber %d signed up", subscriber.id)
    else:
        # Pending, or unsubscribed earlier: only the owner's click may (re)activate it, and only while
        # no unsubscribe has happened since this link was made (the link carries unsubscribed_at).
        message = signup_message(
            config.settings,
            subscriber.email,
            site_title=config.site_title,
            confirm_url=link(
                "subscriber.confirm", subscriber.id, "confirm", state=subscriber.unsubscribed_at
            ),
            valid_days=CONFIRM_MAX_AGE // 86400,
        )
    config.mailer.submit(message)


def _subscribe_page(errors: list[str] | None = None, status: int = 200) -> Response:
    config = web_config()
    body = render_template(
        "web/subscribe.html.j2",
        errors=errors or [],
        csrf_token=config.form_tokens.issue("subscribe", "subscribe"),
        email=request.form.get("email", "") if request.method == "POST" else "",
        chosen_topics=request.form.getlist("topics") if request.method == "POST" else [],
        topics=config.topic_labels,
        frequencies=FREQUENCIES,
        frequency=request.form.get("frequency") or config.settings.section("digest")["frequency"],
        double_opt_in=config.double_opt_in,
    )
    return Response(body, status=status, mimetype="text/html")


def _subscribe_done() -> Response:
    config = web_config()
    if config.double_opt_in:
        paragraphs = [
            "If this address can receive our email, a message is on its way with a link to confirm the "
            "subscription. Nothing will be sent until the link is used.",
            "No message after a few minutes? Check the spam folder, or try again later.",
        ]
    else:
        paragraphs = [
            "Unless this address unsubscribed earlier, it will receive the next edition. An address that "
            "unsubscribed gets a link to confirm that it wants to come back.",
        ]
    body = render_template("web/message.html.j2", heading="Thank you", paragraphs=paragraphs, noindex=True)
    return Response(body, mimetype="text/html")


@bp.route("/subscribe/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str) -> Any:
    """GET shows one button (scanners prefetch links); POST activates a pending or returning reader.

    A link made before the reader's latest unsubscribe gets the same 400 as any bad link: replaying an
    old confirmation never undoes an unsubscribe (``subscribers remove`` or one-click alike).
    """
    try:
        subscriber_id, state = web_config().signer.read_with_state(token, "confirm", CONFIRM_MAX_AGE)
    except BadToken:
        return bad_link()
    store = get_store()
    subscriber = get_subscriber(store, subscriber_id)
    if subscriber is None or not may_confirm(subscriber, state):
        return bad_link()
    if request.method == "GET" and subscriber.status != "active":
        return render_template(
            "web/confirm.html.j2", token=token, masked_email=mask(subscriber.email), noindex=True
        )
    if not confirm_subscriber(store, subscriber_id, state):
        return bad_link()  # an unsubscribe landed between the page and the press
    log.info("subscriber %d confirmed", subscriber_id)
    body = render_template(
        "web/message.html.j2",
        heading="You are subscribed",
        paragraphs=[
            f"{web_config().site_title} will arrive with the next edition. Every email has links to change "
            "what you receive and to unsubscribe.",
        ],
        noindex=True,
    )
    return Response(body, mimetype="text/html")
