"""Public pages: the list of editions, one whole edition with an anchor per item, and the Atom feed.

A long edition's page is cut into pages of at most about 1 MB (:mod:`newsletter.pages`), and the feed
holds at most :data:`FEED_ITEMS` items, so neither a page nor the feed grows with the edition: a first
edition of twenty thousand works is a few dozen pages, not one 19 MB page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from osteodigest.crawler.store import SQLITE_MAX_INTEGER, Preferences
from osteodigest.newsletter.headlines import headline_model
from osteodigest.newsletter.items import DigestItem
from osteodigest.newsletter.pages import paginate
from osteodigest.newsletter.render import Digest, EditionView, load_edition, personalise
from osteodigest.newsletter.web.context import get_store, web_config
from osteodigest.newsletter.web.feed import FeedEntry, atom_feed
from werkzeug.wrappers import Response as BaseResponse

bp = Blueprint("archive", __name__)

PAGE_SIZE = 50
#: Editions the feed reads: enough for a reader that polls weekly to never miss one.
FEED_SIZE = 20
#: Entries (items) in the feed at most, newest editions first and practice-relevant first within one,
#: so the feed stays a few hundred KB whatever the editions hold.
FEED_ITEMS = 200


@bp.get("/")
def index() -> BaseResponse:
    return current_app.redirect(url_for("archive.editions"), 302)


@bp.get("/editions/")
def editions() -> str:
    page = request.args.get("page", 1, type=int)
    if page < 1 or (page - 1) * PAGE_SIZE > SQLITE_MAX_INTEGER:  # past any page SQLite could count to
        abort(404)
    store = get_store()
    total = store.editions.count()
    rows = store.editions.newest(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if page > 1 and not rows:
        abort(404)
    return render_template(
        "web/editions.html.j2",
        editions=rows,
        topics=web_config().topic_labels,
        newer_page=page - 1 if page > 1 else None,
        older_page=page + 1 if page * PAGE_SIZE < total else None,
    )


@bp.get("/editions/<int:edition_id>")
def edition(edition_id: int) -> str:
    """The whole edition, every item (not only those the email had room for), optionally one topic's,
    a page at a time when it is long (``?page=N``)."""
    topic = _topic_arg()
    store = get_store()
    row = store.editions.get(edition_id)
    if row is None:
        abort(404)
    config = web_config()
    return render_edition_page(
        personalise(edition_view_for_web(edition_id, topic)),
        created=row.created_at,
        link=lambda page: url_for("archive.edition", edition_id=edition_id, **_page_args(topic, page)),
        topic=topic,
        topic_label=config.topic_labels.get(topic or "", ""),
    )


def edition_view_for_web(edition_id: int, topic: str | None = None) -> EditionView:
    """The edition as the email's links see it (the configured base URL and headline model), only
    ``topic``'s items when one is given; kept a few minutes (:mod:`newsletter.web.viewcache`)."""
    config = web_config()
    view = config.views.get(
        edition_id,
        lambda: load_edition(
            get_store(),
            edition_id,
            config.topic_labels,
            base_url=config.base_url,
            headline_model=headline_model(config.settings),
        ),
    )
    if topic:
        view = dataclasses.replace(view, entries=[(k, i) for k, i in view.entries if topic in i.topic_keys])
    return view


def render_edition_page(
    digest: Digest,
    *,
    created: str,
    link: Callable[[int], str],
    topic: str | None = None,
    topic_label: str = "",
    reader_note: str | None = None,
    whole_url: str | None = None,
) -> str:
    """One page of ``digest`` (``?page=N``; 404 past the last): its items, with the summary and the
    section list of the whole digest, each section linked on the page where it starts."""
    number = request.args.get("page", 1, type=int)
    pages = paginate(digest.items)
    if number < 1 or number > max(1, len(pages)):
        abort(404)
    on_page = {item.work_id for item in pages[number - 1]} if pages else set()
    section_of = {item.work_id: section.key for section in digest.sections for item in section.items}
    starts: dict[str, int] = {}
    for n, page in enumerate(pages, start=1):
        for item in page:
            starts.setdefault(section_of[item.work_id], n)
    sections = [
        dataclasses.replace(section, items=[i for i in section.items if i.work_id in on_page])
        for section in digest.sections
    ]
    toc = [
        {
            "title": section.title,
            "count": len(section.items),
            "href": ("" if starts.get(section.key, 1) == number else link(starts.get(section.key, 1)))
            + f"#s-{section.key.replace(':', '-')}",
        }
        for section in digest.sections
    ]
    return render_template(
        "web/edition.html.j2",
        digest=digest,
        sections=[s for s in sections if s.items],
        toc=toc,
        page=number,
        pages=len(pages),
        page_link=link,
        created=created,
        topic=topic,
        topic_label=topic_label,
        reader_note=reader_note,
        whole_url=whole_url,
    )


def reader_preferences(prefs: Preferences) -> Preferences:
    """A reader's preferences for their web view: their filters, but every item in full (no cap)."""
    return dataclasses.replace(prefs, max_items=None)


@bp.get("/feed.xml")
def feed() -> Response:
    """Atom feed with one entry per item (``?topic=NAME``: that topic's items only).

    An entry is a work, not an edition: its id names the work, so a feed reader shows it once however
    many editions (daily, weekly, monthly) list it, and its ``updated`` is the newest edition that
    listed it — a status change (a retraction, a correction) lists it again and brings it back as
    updated. The newest :data:`FEED_SIZE` editions are read, newest first, for at most
    :data:`FEED_ITEMS` items.
    """
    topic = _topic_arg()
    config = web_config()
    store = get_store()
    base = config.base_url
    entries: list[FeedEntry] = []
    seen: set[int] = set()
    for row in store.editions.newest(limit=FEED_SIZE):
        digest = personalise(edition_view_for_web(row.id, topic))
        pages = {i.work_id: n for n, page in enumerate(paginate(digest.items), start=1) for i in page}
        for item in digest.items:
            if item.work_id in seen or len(entries) >= FEED_ITEMS:
                continue
            seen.add(item.work_id)
            link = _item_link(base, row.id, topic, pages.get(item.work_id, 1), item.anchor)
            entries.append(
                FeedEntry(
                    id=f"{base}/works/{item.work_id}",
                    title=_entry_title(item),
                    url=link,
                    updated=row.created_at,
                    published=item.first_seen,
                    summary=item.status_note or item.key_finding or item.title,
                    content_html=render_template("web/feed_entry.html.j2", it=item, link=link),
                )
            )
    entries.sort(key=lambda e: e.updated, reverse=True)
    label = config.topic_labels.get(topic or "")
    query = _query(topic)
    body = atom_feed(
        feed_id=f"{base}/feed.xml{query}",
        title=f"{config.site_title}: {label}" if label else config.site_title,
        subtitle="New literature on osteonecrosis and osteoporosis, deduplicated and tagged by study type.",
        self_url=f"{base}/feed.xml{query}",
        alternate_url=f"{base}/editions/",
        author=config.site_title,
        entries=entries,
    )
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=600"
    return response


def _entry_title(item: DigestItem) -> str:
    marks = "".join(
        mark
        for mark, on in (
            (" [RETRACTED]", item.retracted),
            (" [preprint, not peer reviewed]", item.preprint),
        )
        if on
    )
    return f"{item.title}{marks}"


def _topic_arg() -> str | None:
    """A ``?topic=`` that names no configured topic is a 404, not an empty page or feed."""
    topic = request.args.get("topic")
    if topic is None:
        return None
    if topic not in web_config().topic_labels:
        abort(404)
    return topic


def _query(topic: str | None) -> str:
    return f"?{urlencode({'topic': topic})}" if topic else ""


def _page_args(topic: str | None, page: int) -> dict[str, Any]:
    args: dict[str, Any] = {"topic": topic} if topic else {}
    if page > 1:
        args["page"] = page
    return args


def _item_link(base: str, edition_id: int, topic: str | None, page: int, anchor: str) -> str:
    query = urlencode(_page_args(topic, page))
    return f"{base}/editions/{edition_id}{'?' + query if query else ''}#{anchor}"
