"""Every default in one place; a TOML file overrides; secrets come only from the environment.

The defaults double as the schema: a key that is not here is unknown, and a value whose type differs
from the default's is bad. Both are reported in one line naming the key, so a typo in a cron-run config
fails loudly instead of silently falling back to a default.
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osteodigest.crawler import registry
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.registry import ListOfTables

CONFIG_ENV = "OSTEODIGEST_CONFIG"
NCBI_API_KEY_ENV = "NCBI_API_KEY"
SMTP_PASSWORD_ENV = "OSTEODIGEST_SMTP_PASSWORD"
SECRET_KEY_ENV = "OSTEODIGEST_SECRET_KEY"
MAILBOX_PASSWORD_ENV = "OSTEODIGEST_MAILBOX_PASSWORD"
HEADLINE_API_KEY_ENV = "OSTEODIGEST_HEADLINE_API_KEY"

#: Every setting but the sources': each source declares its own ``[sources.NAME]`` table, defaults and
#: schema in the source registry (:mod:`crawler.registry`), and :func:`defaults` adds them.
DEFAULTS: dict[str, Any] = {
    "general": {
        # Relative paths are resolved against the config file's folder (or the working directory).
        "database": "osteodigest.sqlite3",
        "outbox": "outbox",
        "data_dir": "data",
        "timezone": "UTC",
        # Sent to every service as the polite contact (User-Agent, NCBI `email`, Crossref `mailto`).
        "contact_email": "osteodigest@example.org",
        # Optional TOML file with [topics.NAME] tables added to the shipped topics or overriding them by name.
        "topics_file": "",
    },
    "http": {
        # Seconds to wait for the next byte (and to connect).
        "timeout": 30.0,
        # Seconds one attempt of a request may take in all, however slowly the reply trickles in.
        "deadline": 120.0,
        # A reply larger than this (bytes, once decompressed) is refused rather than read.
        "max_reply_bytes": 50_000_000,
        # A robots.txt Crawl-delay (or Request-rate) longer than this skips the host for the run.
        "max_crawl_delay": 60.0,
        "retries": 4,
        "retry_statuses": [429, 500, 502, 503, 504],
        "backoff_factor": 1.0,
        # A Retry-After longer than this is not waited for: the source fails and retries next run.
        "max_retry_after": 300.0,
        "user_agent": "OsteoDigest/{version} (+https://github.com/osteodigest/osteodigest; mailto:{contact})",
    },
    "digest": {
        "title": "OsteoDigest",
        "frequency": "weekly",
        "max_items": 25,
        "templates_dir": "",
        # Send a reader's digest even when none of the edition's items matches their preferences.
        "send_empty": False,
        # Cron expression of the edition job; empty: from the frequency (06:00 daily, Mondays, the 1st).
        "schedule": "",
    },
    "smtp": {
        "host": "",
        "port": 587,
        "security": "starttls",
        "username": "",
        "from": "OsteoDigest <osteodigest@example.org>",
        "timeout": 30.0,
        # A delivery that met a temporary failure (4xx, lost connection) is retried by later runs, first
        # after retry_backoff seconds, doubling each time (at most a day), until max_attempts.
        "retry_backoff": 900.0,
        "max_attempts": 5,
    },
    "mailbox": {
        # The list's own mailbox, read over IMAP by `osteodigest mailbox`: bounce reports and the mailto
        # unsubscribe requests. Empty host: no mailbox is read, so List-Unsubscribe offers only the
        # one-click link (never a mailto nobody reads) and the From address takes the bounces.
        "host": "",
        # 993 for ssl; 143 for starttls (and for none, which is refused unless the host is loopback).
        "port": 993,
        "security": "ssl",
        "username": "",
        "timeout": 30.0,
        # The mailbox's address: the envelope sender of every digest (with verp, address+TOKEN@domain,
        # so a report names its reader) and the List-Unsubscribe mailto (subject "unsubscribe").
        "address": "",
        # Needs the mail server to deliver address+anything@domain to the mailbox (Postfix:
        # recipient_delimiter = +); false: bounces are matched by the address the report names.
        "verp": True,
        "folder": "INBOX",
        # Handled messages are moved here; those nothing could be done about (a reply, an unknown
        # sender's request) to the other folder, for a person to read. Created when missing.
        "handled_folder": "OsteoDigest-handled",
        "unhandled_folder": "OsteoDigest-unhandled",
        # Cron expression of the scheduler's mailbox job.
        "schedule": "*/15 * * * *",
    },
    "bounces": {
        # A reader whose mail failed for good on this many days within window_days is set `bouncing`
        # and no longer mailed until a maintainer reactivates them (`subscribers reactivate`).
        "threshold": 4,
        "window_days": 90,
    },
    "web": {
        "base_url": "http://127.0.0.1:8080",
        "double_opt_in": True,
        # Reverse proxies in front of `osteodigest web` whose X-Forwarded-For/-Proto may be trusted.
        "proxy_hops": 0,
        # /subscribe requests allowed per hour for one address and for one client IP.
        "subscribe_per_address_per_hour": 3,
        "subscribe_per_client_per_hour": 20,
    },
    "headlines": {
        # An OpenAI-compatible chat-completions endpoint (".../v1"; a local Ollama or llama.cpp server, or a
        # hosted one, its key in $OSTEODIGEST_HEADLINE_API_KEY). Empty: no headlines, nothing is asked.
        "base_url": "",
        "model": "",
        # Seconds per request (never retried), and for all requests before one edition: the edition never
        # waits longer, and what was not asked is asked before the next edition.
        "timeout": 20.0,
        "time_budget": 120.0,
        "max_per_edition": 40,
        "max_words": 25,
    },
    "monitor": {
        "alert_email": "",
        "max_consecutive_failures": 3,
    },
    "scheduler": {
        # A job whose fire time passed while the machine slept or stalled still runs (once) this late.
        "misfire_grace_hours": 6.0,
    },
}

#: Settings where 0 would make no sense (every request refused or cut off at once).
POSITIVE = frozenset(
    {"http.timeout", "http.deadline", "http.max_reply_bytes", "mailbox.timeout", "bounces.threshold"}
)
#: Keys that once existed, and what took their place: named in the error instead of "unknown key".
REPLACED = {
    "smtp.unsubscribe_mailto": "the List-Unsubscribe mailto is now [mailbox] address, the mailbox"
    " `osteodigest mailbox` reads",
}
#: Allowed values for enumerated settings (the sources' own are in their registry entries).
CHOICES: dict[str, tuple[str, ...]] = {
    "digest.frequency": ("daily", "weekly", "monthly"),
    "smtp.security": ("starttls", "ssl", "none"),
    "mailbox.security": ("ssl", "starttls", "none"),
}


def defaults() -> dict[str, Any]:
    """Every default, a fresh copy: :data:`DEFAULTS` and a ``[sources.NAME]`` table per registered source.

    Read at each load rather than once at import, so a source registered later (a plug-in, a test's toy
    source) is configured and validated like the built-ins.
    """
    data = copy.deepcopy(DEFAULTS)
    data["sources"] = {spec.name: spec.defaults() for spec in registry.sources()}
    return data


def list_of_tables(dotted: str) -> ListOfTables | None:
    """The item schema of a list-of-tables setting (``sources.rss.feeds``), or None for any other key."""
    section, _, rest = dotted.partition(".")
    name, _, key = rest.partition(".")
    spec = registry.find(name) if section == "sources" else None
    return spec.lists.get(key) if spec else None


def _choices(dotted: str) -> tuple[str, ...] | None:
    if dotted in CHOICES:
        return CHOICES[dotted]
    section, _, rest = dotted.partition(".")
    name, _, key = rest.partition(".")
    spec = registry.find(name) if section == "sources" else None
    return spec.choices.get(key) if spec else None


@dataclass
class Settings:
    """Merged configuration plus where it came from (for resolving relative paths)."""

    data: dict[str, Any]
    base_dir: Path = field(default_factory=Path.cwd)
    path: Path | None = None

    def section(self, dotted: str) -> dict[str, Any]:
        node: Any = self.data
        for part in dotted.split("."):
            node = node[part]
        return node

    def source(self, name: str) -> dict[str, Any]:
        return self.data["sources"][name]

    def resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    @property
    def database_path(self) -> Path:
        return self.resolve(self.data["general"]["database"])

    @property
    def outbox_path(self) -> Path:
        return self.resolve(self.data["general"]["outbox"])

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.data["general"]["data_dir"])

    @property
    def contact_email(self) -> str:
        return self.data["general"]["contact_email"]

    @property
    def enabled_sources(self) -> list[str]:
        """Registered sources switched on in this configuration, in registry order."""
        sources = self.data["sources"]
        return [name for name in registry.names() if name in sources and sources[name]["enabled"]]

    @staticmethod
    def secret(env_name: str) -> str | None:
        """Secrets are read from the environment at the moment of use and never stored in settings."""
        value = os.environ.get(env_name, "").strip()
        return value or None


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, overridden by the TOML file at ``path`` (or ``$OSTEODIGEST_CONFIG``) when given."""
    if path is None and os.environ.get(CONFIG_ENV):
        path = os.environ[CONFIG_ENV]
    data = defaults()
    if path is None:
        return Settings(data=data)
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    _merge(data, raw, defaults(), "")
    return Settings(data=data, base_dir=path.resolve().parent, path=path)


def settings_from_dict(raw: dict[str, Any], base_dir: Path | None = None) -> Settings:
    """Validate and merge an in-memory override (used by tests and the scheduler)."""
    data = defaults()
    _merge(data, raw, defaults(), "")
    return Settings(data=data, base_dir=base_dir or Path.cwd())


def _merge(target: dict[str, Any], raw: dict[str, Any], schema: dict[str, Any], prefix: str) -> None:
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if dotted in REPLACED:
            raise ConfigError(f"config key '{dotted}' is gone: {REPLACED[dotted]}")
        if key not in schema:
            raise ConfigError(f"unknown config key '{dotted}'")
        default = schema[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"bad value for '{dotted}': expected a table")
            _merge(target[key], value, default, dotted + ".")
        elif (list_schema := list_of_tables(dotted)) is not None:
            target[key] = _list_of_tables(dotted, value, list_schema)
        else:
            target[key] = _checked(dotted, value, default)


def _list_of_tables(dotted: str, value: Any, schema: ListOfTables) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ConfigError(f"bad value for '{dotted}': expected a list of tables ([[{dotted}]])")
    item_schema = schema.item
    items = []
    for index, item in enumerate(value, start=1):
        where = f"{dotted}[{index}]"
        if not isinstance(item, dict):
            raise ConfigError(f"bad value for '{where}': expected a table")
        merged = copy.deepcopy(dict(item_schema))
        for key, item_value in item.items():
            if key not in item_schema:
                raise ConfigError(f"unknown config key '{where}.{key}'")
            merged[key] = _checked(f"{dotted}.{key}", item_value, item_schema[key], where=f"{where}.{key}")
        for key in schema.required:
            if not merged[key]:
                raise ConfigError(f"missing value for '{where}.{key}'")
        items.append(merged)
    return items


def _checked(dotted: str, value: Any, default: Any, where: str | None = None) -> Any:
    where = where or dotted
    if isinstance(default, bool):
        ok = isinstance(value, bool)
        expected = "true or false"
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        expected = "an integer"
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
        expected = "a number"
    elif isinstance(default, str):
        ok = isinstance(value, str)
        expected = "a string"
    elif isinstance(default, list):
        ok = (
            isinstance(value, list) and all(isinstance(v, type(default[0])) for v in value)
            if default
            else isinstance(value, list)
        )
        expected = "a list"
    else:  # pragma: no cover - every default above is one of the types handled
        ok, expected = True, ""
    if not ok:
        raise ConfigError(f"bad value for '{where}': expected {expected}, got {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"bad value for '{where}': must not be negative, got {value!r}")
    if dotted in POSITIVE and not value > 0:
        raise ConfigError(f"bad value for '{where}': must be more than 0, got {value!r}")
    choices = _choices(dotted)
    if choices and value not in choices:
        raise ConfigError(f"bad value for '{where}': expected one of {', '.join(choices)}, got {value!r}")
    return value
