"""The one message the web sends itself: the sign-up confirmation (or, for a reader who is already
subscribed, a note with their own preferences link), through the same transports as the digest."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import css_inline
from flask import render_template
from osteodigest.crawler.settings import SMTP_PASSWORD_ENV, Settings
from osteodigest.newsletter.mail import (
    OutboxTransport,
    SmtpTransport,
    TransportError,
    address_of,
    build_message,
    to_bytes,
)
from osteodigest.newsletter.render import Rendered

log = logging.getLogger("osteodigest.web")


def transport_for(settings: Settings) -> SmtpTransport | OutboxTransport:
    """SMTP when ``[smtp] host`` is set, else the outbox folder (as ``osteodigest send`` does)."""
    smtp = settings.section("smtp")
    if smtp["host"]:
        return SmtpTransport(smtp, Settings.secret(SMTP_PASSWORD_ENV))
    return OutboxTransport(settings.outbox_path)


def send_signup_mail(settings: Settings, to: str, *, site_title: str, **context: object) -> bool:
    """Render ``web/signup_email`` for ``to`` and hand it to the transport; False if it did not leave.

    The page the visitor sees does not depend on the outcome (it must not reveal anything), so a failure
    is only logged, and the visitor can ask again.
    """
    context = {"site_title": site_title, **context}
    already = bool(context.get("already"))
    subject = (
        f"Your subscription to {site_title}" if already else f"Confirm your subscription to {site_title}"
    )
    html = css_inline.inline(render_template("web/signup_email.html.j2", **context))
    text = render_template("web/signup_email.txt.j2", **context)
    sender = settings.section("smtp")["from"]
    message = build_message(Rendered(subject=subject, html=html, text=text), sender=sender, to=to)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    key = f"signup-{stamp}-{re.sub(r'[^a-z0-9]+', '_', to.lower())[:60]}"
    transport = transport_for(settings)
    try:
        transport.open()
        outcome = transport.send(address_of(sender), to, to_bytes(message), key=key)
    except TransportError as exc:
        log.warning("sign-up mail not sent: %s", exc)
        return False
    finally:
        transport.close()
    if not outcome.ok:
        log.warning("sign-up mail not sent: %s", outcome.detail)
    return outcome.ok
