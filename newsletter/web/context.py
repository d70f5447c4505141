"""Per-application configuration and the per-request store, shared by the blueprints."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, g
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import Store
from osteodigest.newsletter.tokens import TokenSigner
from osteodigest.newsletter.web.outgoing import MailQueue
from osteodigest.newsletter.web.security import FormTokens, RateLimiter
from osteodigest.newsletter.web.viewcache import EditionViewCache

EXTENSION = "osteodigest"


@dataclass
class WebConfig:
    settings: Settings
    site_title: str
    base_url: str
    #: The main topics: each a section of an edition, and a ``?topic=`` of the archive and the feed.
    topic_labels: dict[str, str]
    double_opt_in: bool
    signer: TokenSigner
    form_tokens: FormTokens
    per_address: RateLimiter
    per_client: RateLimiter
    #: Sign-up mail leaves from here, never from the request (see newsletter.web.outgoing).
    mailer: MailQueue
    #: Every topic a reader may choose, name -> label (:func:`newsletter.select.topic_choices`).
    choices: dict[str, str] = field(default_factory=dict)
    #: Editions loaded recently, so paging through a long one does not rebuild it for every page.
    views: EditionViewCache = field(default_factory=EditionViewCache)
    extra: dict[str, object] = field(default_factory=dict)


def web_config() -> WebConfig:
    return current_app.extensions[EXTENSION]


def get_store() -> Store:
    """One Store (one SQLite connection) per request, closed when the request ends.

    SQLite connections must not cross threads, and the threaded server runs each request in its own;
    opening per request is cheap next to rendering a page.
    """
    if "store" not in g:
        g.store = Store(web_config().settings.database_path)
    return g.store


def close_store(_exc: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()
