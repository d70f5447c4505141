"""Signed per-subscriber tokens for the links in every message: unsubscribe, preferences, confirm.

A token is ``itsdangerous``-signed ``[subscriber_id]`` with the purpose as salt, so a preferences token
can never be replayed as an unsubscribe token or the other way round, and nothing secret (not even the
address) is inside. Tokens carry their signing time; unsubscribe and preferences links are read without
an age limit (a reader may act on a year-old email, and RFC 8058 one-click must keep working), while
``confirm`` links are read with ``max_age`` by the web side.

The signing key comes from ``$OSTEODIGEST_SECRET_KEY``; when that is unset a random key is generated
once and kept in ``<data_dir>/secret_key`` (mode 0600), so the CLI that sends and the web server that
reads the links agree without any set-up. Replacing the key invalidates every link already sent.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from itsdangerous import BadData, URLSafeTimedSerializer
from osteodigest.crawler.errors import ConfigError, OsteoDigestError
from osteodigest.crawler.settings import SECRET_KEY_ENV, Settings

PURPOSES = ("unsubscribe", "preferences", "confirm")
KEY_FILE_NAME = "secret_key"
MIN_KEY_LENGTH = 16


class BadToken(OsteoDigestError):
    """A token that is malformed, forged, expired or made for another purpose."""


def secret_key(settings: Settings) -> str:
    """The signing key: the environment's, else the one persisted in the data folder (made on first use)."""
    from_env = Settings.secret(SECRET_KEY_ENV)
    if from_env is not None:
        if len(from_env) < MIN_KEY_LENGTH:
            raise ConfigError(f"{SECRET_KEY_ENV} is too short: use {MIN_KEY_LENGTH}+ random characters")
        return from_env
    return _persisted_key(settings.data_dir / KEY_FILE_NAME)


def _persisted_key(path: Path) -> str:
    """Read the key file, or create it exclusively so that two first runs cannot pick different keys."""
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    except OSError as exc:
        raise ConfigError(f"cannot read the signing key {path}: {exc.strerror}") from None
    if key:
        return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process created it between our read and our create: use theirs.
        return path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise ConfigError(
            f"cannot create the signing key {path}: {exc.strerror}; set {SECRET_KEY_ENV} instead"
        ) from None
    key = secrets.token_urlsafe(32)
    try:
        os.write(fd, (key + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def _serializer(settings: Settings, purpose: str, key: str | None = None) -> URLSafeTimedSerializer:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}; expected one of {', '.join(PURPOSES)}")
    return URLSafeTimedSerializer(key or secret_key(settings), salt=f"osteodigest.{purpose}")


class TokenSigner:
    """Signs many tokens with one key read (the sender makes two per message)."""

    def __init__(self, settings: Settings) -> None:
        key = secret_key(settings)
        self._serializers = {p: _serializer(settings, p, key) for p in PURPOSES}

    def make(self, subscriber_id: int, purpose: str) -> str:
        if purpose not in self._serializers:
            raise ValueError(f"unknown token purpose {purpose!r}")
        return self._serializers[purpose].dumps([int(subscriber_id)])

    def read(self, token: str, purpose: str, max_age: int | None = None) -> int:
        if purpose not in self._serializers:
            raise ValueError(f"unknown token purpose {purpose!r}")
        try:
            payload = self._serializers[purpose].loads(token, max_age=max_age)
        except BadData as exc:
            raise BadToken(f"invalid {purpose} token: {type(exc).__name__}") from None
        if not (isinstance(payload, list) and len(payload) == 1 and type(payload[0]) is int):
            raise BadToken(f"invalid {purpose} token: unexpected payload")
        return payload[0]


def make_token(settings: Settings, subscriber_id: int, purpose: str) -> str:
    """A URL-safe token naming ``subscriber_id`` for ``purpose`` (one of :data:`PURPOSES`)."""
    return TokenSigner(settings).make(subscriber_id, purpose)


def read_token(settings: Settings, token: str, purpose: str, max_age: int | None = None) -> int:
    """The subscriber id a token names; raises :class:`BadToken` for anything not signed by us for
    ``purpose`` (or older than ``max_age`` seconds when given)."""
    return TokenSigner(settings).read(token, purpose, max_age=max_age)
