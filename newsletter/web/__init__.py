"""The subscriber's web: full editions, archive, Atom feed, unsubscribe, preferences and sign-up.

``create_app(settings)`` builds the Flask (WSGI) application; ``osteodigest web`` serves it for local use
and the README shows how to run it under waitress or gunicorn behind a reverse proxy.
"""

from __future__ import annotations

from osteodigest.newsletter.web.app import create_app

__all__ = ["create_app"]
