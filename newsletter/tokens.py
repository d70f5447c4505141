"""Signed per-subscriber tokens for the links in every message: unsubscribe, preferences, confirm, view.

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

import secrets
from pathlib import Path

from itsdangerous import BadData, URLSafeTimedSerializer
from osteodigest.crawler.errors import ConfigError, OsteoDigestError, WriteError
from osteodigest.crawler.files import create_exclusive, write_atomic
from osteodigest.crawler.settings import SECRET_KEY_ENV, Settings

#: ``view`` opens the reader's own view of an edition on the web (the email's "View in a browser").
PURPOSES = ("unsubscribe", "preferences", "confirm", "view")
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
    """Read the key file, or create it (0600, in a 0700 folder when the folder is new) so that two first
    runs cannot pick different keys and a full disk cannot leave an empty key behind."""
    key = _read_key(path)
    if key:
        return key
    fresh = secrets.token_urlsafe(32)
    try:
        if path.exists():
            # Empty: an earlier version ran out of disk between creating the file and writing the key.
            write_atomic(path, (fresh + "\n").encode("ascii"))
        elif not create_exclusive(path, (fresh + "\n").encode("ascii")):
            return _read_key(path)  # another process created it between our read and our create
    except WriteError as exc:
        raise WriteError(exc.path, f"{exc.cause} (the signing key; or set {SECRET_KEY_ENV})") from None
    return _read_key(path)


def _read_key(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return ""  # no key yet (or no data folder): it is made, and that says what is in the way
    except (OSError, UnicodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not a key file"
        raise ConfigError(f"cannot read the signing key {path}: {why}") from None


def _serializer(settings: Settings, purpose: str, key: str | None = None) -> URLSafeTimedSerializer:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}; expected one of {', '.join(PURPOSES)}")
    return URLSafeTimedSerializer(key or secret_key(settings), salt=f"osteodigest.{purpose}")


class TokenSigner:
    """Signs many tokens with one key read (the sender makes two per message).

    A ``confirm`` token also carries the reader's ``unsubscribed_at`` as it was when the link was made
    (``state``; None for an address that never unsubscribed). Any later unsubscribe changes that value,
    so the web refuses the old link: replaying a confirmation can never undo an unsubscribe.
    """

    def __init__(self, settings: Settings) -> None:
        key = secret_key(settings)
        self._serializers = {p: _serializer(settings, p, key) for p in PURPOSES}

    def make(self, subscriber_id: int, purpose: str, state: str | None = None) -> str:
        if purpose not in self._serializers:
            raise ValueError(f"unknown token purpose {purpose!r}")
        payload: list[object] = [int(subscriber_id)]
        if purpose == "confirm":
            payload.append(state)
        return self._serializers[purpose].dumps(payload)

    def read(self, token: str, purpose: str, max_age: int | None = None) -> int:
        return self.read_with_state(token, purpose, max_age)[0]

    def read_with_state(self, token: str, purpose: str, max_age: int | None = None) -> tuple[int, str | None]:
        """(subscriber id, state) of a token; a confirm token made before states existed has None."""
        if purpose not in self._serializers:
            raise ValueError(f"unknown token purpose {purpose!r}")
        try:
            payload = self._serializers[purpose].loads(token, max_age=max_age)
        except BadData as exc:
            raise BadToken(f"invalid {purpose} token: {type(exc).__name__}") from None
        if not (isinstance(payload, list) and 1 <= len(payload) <= 2 and type(payload[0]) is int):
            raise BadToken(f"invalid {purpose} token: unexpected payload")
        state = payload[1] if len(payload) == 2 else None
        if state is not None and not isinstance(state, str):
            raise BadToken(f"invalid {purpose} token: unexpected payload")
        return payload[0], state


def make_token(settings: Settings, subscriber_id: int, purpose: str) -> str:
    """A URL-safe token naming ``subscriber_id`` for ``purpose`` (one of :data:`PURPOSES`)."""
    return TokenSigner(settings).make(subscriber_id, purpose)


def read_token(settings: Settings, token: str, purpose: str, max_age: int | None = None) -> int:
    """The subscriber id a token names; raises :class:`BadToken` for anything not signed by us for
    ``purpose`` (or older than ``max_age`` seconds when given)."""
    return TokenSigner(settings).read(token, purpose, max_age=max_age)
