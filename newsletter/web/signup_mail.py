"""The one message the web sends itself: the sign-up confirmation (or, for an address that already
receives the digest, a note with its own links), rendered in the request and delivered from the
:mod:`~newsletter.web.outgoing` queue through the same transports as the digest."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import css_inline
from flask import render_template
from osteodigest.crawler.settings import Settings
from osteodigest.newsletter.mail import TransportError, build_message, send_one, to_bytes
from osteodigest.newsletter.render import Rendered, charset_first
from osteodigest.newsletter.web.outgoing import Outgoing

log = logging.getLogger("osteodigest.web")
#: Dark mode and phone widths are media queries, which cannot be inlined: the @-rules stay in <style>.
_INLINER = css_inline.CSSInliner(keep_at_rules=True)


def signup_message(settings: Settings, to: str, *, site_title: str, **context: object) -> Outgoing:
    """Render ``web/signup_email`` for ``to`` (needs the request's application context).

    ``context``: ``confirm_url`` and ``valid_days`` for a confirmation; ``already`` (a reader asking
    again) or ``welcome`` (added at once, without double opt-in) with ``preferences_url`` and
    ``unsubscribe_url``.
    """
    context = {"site_title": site_title, "already": False, "welcome": False, **context}
    if context["welcome"]:
        subject = f"Welcome to {site_title}"
    elif context["already"]:
        subject = f"Your subscription to {site_title}"
    else:
        subject = f"Confirm your subscription to {site_title}"
    html = charset_first(_INLINER.inline(render_template("web/signup_email.html.j2", **context)))
    text = render_template("web/signup_email.txt.j2", **context)
    sender = settings.section("smtp")["from"]
    message = build_message(Rendered(subject=subject, html=html, text=text), sender=sender, to=to)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    key = f"signup-{stamp}-{re.sub(r'[^a-z0-9]+', '_', to.lower())[:60]}"
    return Outgoing(to=to, data=to_bytes(message), key=key)


def deliver(settings: Settings, message: Outgoing) -> bool:
    """Hand one message to the transport (in the queue's worker); False, logged, if it did not leave.

    Nobody waits for the outcome: the visitor's page never depended on it (it must not reveal anything),
    and the visitor can ask again.
    """
    try:
        outcome = send_one(settings, message.to, message.data, message.key)
    except TransportError as exc:
        log.warning("sign-up mail not sent: %s", exc)
        return False
    if not outcome.ok:
        log.warning("sign-up mail not sent: %s", outcome.detail)
    return outcome.ok
