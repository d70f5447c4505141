"""The WSGI application: ``create_app(settings)`` wires configuration, templates, headers and blueprints.

It reads the same SQLite store the CLI writes (one connection per request) and keeps no other state but
the in-memory rate limits, so any number of processes can serve it behind a reverse proxy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, Flask, Response, render_template, request
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)
from osteodigest.crawler.errors import StoreDamagedError, StoreError
from osteodigest.crawler.run import all_topics_for
from osteodigest.crawler.settings import Settings, load_settings
from osteodigest.crawler.topics import main_topics
from osteodigest.newsletter.items import STUDY_TYPE_LABELS
from osteodigest.newsletter.select import topic_choices
from osteodigest.newsletter.tokens import TokenSigner, secret_key
from osteodigest.newsletter.web import archive, subscriber
from osteodigest.newsletter.web.context import EXTENSION, WebConfig, close_store, web_config
from osteodigest.newsletter.web.outgoing import MailQueue
from osteodigest.newsletter.web.security import SECURITY_HEADERS, FormTokens, RateLimiter
from osteodigest.newsletter.web.signup_mail import deliver
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response as BaseResponse

log = logging.getLogger("osteodigest.web")

#: Forms here are a handful of fields; anything bigger is not ours.
MAX_FORM_BYTES = 16 * 1024
#: A form may sit open in a tab for a while before it is sent.
FORM_MAX_AGE = 2 * 3600

_MESSAGES: dict[int, tuple[str, list[str]]] = {
    400: (
        "This link or form is not valid",
        [
            "It may be incomplete, altered or out of date. If you copied it from an email, copy the whole "
            "link, or use the link in a more recent email.",
        ],
    ),
    404: ("Page not found", ["There is nothing at this address."]),
    405: ("Not allowed", ["This page cannot be used that way."]),
    413: ("Too much data", ["The form sent more than this site accepts."]),
    429: ("Too many requests", ["Please wait a while before trying again."]),
    500: ("Something went wrong", ["The problem has been logged. Please try again later."]),
    503: ("Temporarily unavailable", ["The site is busy. Please try again in a minute."]),
}

web = Blueprint("web", __name__)


@web.get("/static/site.css")
def stylesheet() -> Response:
    """Served from the template folders, so a ``digest.templates_dir`` override can restyle the site."""
    app_env = web_config().extra["jinja_env"]
    assert isinstance(app_env, Environment) and app_env.loader is not None, "create_app sets it"
    try:
        css, _, _ = app_env.loader.get_source(app_env, "web/site.css")
    except TemplateNotFound:  # pragma: no cover - shipped in the wheel
        css = ""
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@web.get("/healthz")
def healthz() -> Response:
    return Response("ok\n", mimetype="text/plain")


def create_app(settings: Settings | None = None) -> Flask:
    """The application for ``settings`` (default: ``$OSTEODIGEST_CONFIG`` or the built-in defaults).

    Callable without arguments so production servers can build it themselves:
    ``waitress-serve --call osteodigest.newsletter.web:create_app`` or
    ``gunicorn 'osteodigest.newsletter.web:create_app()'``.
    """
    settings = settings or load_settings()
    web_cfg = settings.section("web")
    digest_cfg = settings.section("digest")
    templates_dir = settings.resolve(digest_cfg["templates_dir"]) if digest_cfg["templates_dir"] else None

    app = Flask(__name__, static_folder=None, template_folder=None)
    app.config.update(MAX_CONTENT_LENGTH=MAX_FORM_BYTES, MAX_FORM_MEMORY_SIZE=MAX_FORM_BYTES)
    app.jinja_options = {
        "loader": _template_loader(templates_dir),
        # Every template is HTML unless it says .txt: scraped titles and abstracts are untrusted.
        "autoescape": select_autoescape(
            disabled_extensions=("txt", "txt.j2"), default_for_string=True, default=True
        ),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    app.jinja_env.globals["study_type_labels"] = STUDY_TYPE_LABELS

    every = all_topics_for(settings)
    topics = main_topics(every)
    config = WebConfig(
        settings=settings,
        site_title=digest_cfg["title"],
        base_url=web_cfg["base_url"].rstrip("/"),
        topic_labels={t.name: t.label for t in topics},
        double_opt_in=bool(web_cfg["double_opt_in"]),
        signer=TokenSigner(settings),
        form_tokens=FormTokens(secret_key(settings), max_age=FORM_MAX_AGE),
        per_address=RateLimiter(int(web_cfg["subscribe_per_address_per_hour"])),
        per_client=RateLimiter(int(web_cfg["subscribe_per_client_per_hour"])),
        mailer=MailQueue(lambda message: deliver(settings, message)),
        choices=topic_choices(every),
    )
    config.extra["jinja_env"] = app.jinja_env
    app.extensions[EXTENSION] = config

    app.register_blueprint(web)
    app.register_blueprint(archive.bp)
    app.register_blueprint(subscriber.bp)
    app.teardown_appcontext(close_store)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(StoreDamagedError, _store_damaged)
    app.register_error_handler(Exception, _unexpected_error)

    @app.context_processor
    def _globals() -> dict[str, object]:
        return {"site_title": config.site_title, "subscribe_open": True, "noindex": False}

    hops = int(web_cfg["proxy_hops"])
    if hops:
        # Only then is X-Forwarded-For the client (for rate limits) and X-Forwarded-Proto the scheme.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    return app


def _template_loader(templates_dir: Path | None) -> ChoiceLoader:
    loaders: list[BaseLoader] = [FileSystemLoader(str(templates_dir))] if templates_dir else []
    loaders.append(PackageLoader("osteodigest.templates", ""))
    return ChoiceLoader(loaders)


def _security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        # Only over HTTPS (directly, or through a trusted proxy's X-Forwarded-Proto): browsers ignore it
        # over HTTP, and sending it from a plain-HTTP test server would be meaningless.
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def message_page(status: int, heading: str | None = None, paragraphs: list[str] | None = None) -> Response:
    default_heading, default_paragraphs = _MESSAGES.get(status, (f"Error {status}", []))
    body = render_template(
        "web/message.html.j2",
        heading=heading or default_heading,
        paragraphs=paragraphs if paragraphs is not None else default_paragraphs,
        noindex=True,
    )
    return Response(body, status=status, mimetype="text/html")


def _http_error(exc: HTTPException) -> BaseResponse:
    if exc.code is None or exc.code < 400:
        return exc.get_response()
    response = message_page(exc.code)
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _store_error(exc: StoreError) -> Response:
    log.warning("store unavailable: %s", exc)
    response = message_page(503)
    response.headers["Retry-After"] = "60"
    return response


def _store_damaged(exc: StoreDamagedError) -> Response:
    """Not a moment's trouble (no Retry-After): the operator must restore a backup. One log line."""
    log.error("%s", exc)
    return message_page(500)


def _unexpected_error(exc: Exception) -> Response:
    log.exception("unexpected error: %s", exc)
    return message_page(500)
