"""Public pages: the list of editions, one whole edition with an anchor per item, and the Atom feed."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from osteodigest.crawler.store import SQLITE_MAX_INTEGER
from osteodigest.newsletter.render import build_digest
from osteodigest.newsletter.web.context import get_store, web_config
from osteodigest.newsletter.web.feed import FeedEntry, atom_feed

bp = Blueprint("archive", __name__)

PAGE_SIZE = 50
#: Editions in the feed: enough for a reader that polls weekly to never miss one.
FEED_SIZE = 20


@bp.get("/")
def index() -> Response:
    return current_app.redirect(url_for("archive.editions"), 302)


@bp.get("/editions/")
def editions() -> str:
    page = request.args.get("page", 1, type=int)
    if page < 1 or (page - 1) * PAGE_SIZE > SQLITE_MAX_INTEGER:  # past any page SQLite could count to
        abort(404)
    store = get_store()
    total = store.count_editions()
    rows = store.list_editions(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
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
    """The whole edition, every item (not only those the email had room for), optionally one topic's."""
    topic = _topic_arg()
    store = get_store()
    row = store.get_edition(edition_id)
    if row is None:
        abort(404)
    config = web_config()
    digest = build_digest(
        store,
        edition_id,
        config.topic_labels,
        base_url=config.base_url,
        work_filter=(lambda work: topic in work.topics) if topic else None,
    )
    return render_template(
        "web/edition.html.j2",
        digest=digest,
        created=row["created_at"],
        topic=topic,
        topic_label=config.topic_labels.get(topic or "", ""),
    )


@bp.get("/feed.xml")
def feed() -> Response:
    """Atom feed of the newest editions; ``?topic=NAME`` keeps that topic's items and editions only."""
    topic = _topic_arg()
    config = web_config()
    store = get_store()
    base = config.base_url
    entries = []
    for row in store.list_editions(limit=FEED_SIZE):
        digest = build_digest(
            store,
            row["id"],
            config.topic_labels,
            base_url=base,
            work_filter=(lambda work: topic in work.topics) if topic else None,
        )
        if topic and not digest.total:
            continue
        page_url = f"{base}/editions/{row['id']}{_query(topic)}"
        count = f"{digest.total} item{'' if digest.total == 1 else 's'}"
        entries.append(
            FeedEntry(
                id=page_url,
                title=f"{row['title']} — {row['created_at'][:10]} ({count})",
                url=page_url,
                updated=row["created_at"],
                published=row["created_at"],
                summary=digest.summary,
                content_html=render_template("web/feed_entry.html.j2", digest=digest, page_url=page_url),
            )
        )
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
