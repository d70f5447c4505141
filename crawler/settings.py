"""Every default in one place; a TOML file overrides; secrets come only from the environment.

The defaults double as the schema: a key that is not here is unknown, and a value whose type differs
from the default's is bad. Both are reported in one line naming the key, so a typo in a cron-run config
fails loudly instead of silently falling back to a default. Values of the right type but no use (a port
of 99999, an address that does not parse, a URL without a scheme) are refused the same way, by
:mod:`crawler.config_check`.

The file is found as other tools find theirs (:func:`find_config`): ``--config``, then
``$OSTEODIGEST_CONFIG``, then ``./osteodigest.toml``, then the user's config folder, so the file
``osteodigest init`` writes is the one the next command in that folder reads.
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from osteodigest.crawler import registry
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.registry import ListOfTables, SourceSpec

CONFIG_ENV = "OSTEODIGEST_CONFIG"
#: The file name looked for in the working directory and in the user's config folder.
CONFIG_NAME = "osteodigest.toml"
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
#: A source's requests per second: 0 would not mean "slow" but no limit at all.
RATES = frozenset({"rate_limit", "rate_limit_with_key"})
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


def _source_setting(dotted: str) -> tuple[SourceSpec | None, str]:
    """The registered source a dotted key belongs to (``sources.NAME.KEY``) and its key below the source;
    (None, "") for a key of another section or of a source no one registered."""
    section, _, rest = dotted.partition(".")
    name, _, key = rest.partition(".")
    spec = registry.find(name) if section == "sources" else None
    return spec, key if spec else ""


def list_of_tables(dotted: str) -> ListOfTables | None:
    """The item schema of a list-of-tables setting (``sources.rss.feeds``), or None for any other key."""
    spec, key = _source_setting(dotted)
    return spec.lists.get(key) if spec else None


def _bounds(dotted: str) -> tuple[float | None, float | None] | None:
    """A source setting's inclusive bounds (:attr:`SourceSpec.bounds`), or None."""
    spec, key = _source_setting(dotted)
    return spec.bounds.get(key) if spec else None


def _positive(dotted: str) -> bool:
    return dotted in POSITIVE or _source_setting(dotted)[1] in RATES


def _choices(dotted: str) -> tuple[str, ...] | None:
    if dotted in CHOICES:
        return CHOICES[dotted]
    spec, key = _source_setting(dotted)
    return spec.choices.get(key) if spec else None


def user_config_path() -> Path:
    """``osteodigest.toml`` in the user's config folder (``~/.config/osteodigest`` on Linux, honouring
    ``$XDG_CONFIG_HOME``; the platform's own folder elsewhere), as platformdirs decides it."""
    return platformdirs.user_config_path("osteodigest", appauthor=False) / CONFIG_NAME


@dataclass(frozen=True)
class ConfigLocation:
    """The config file a command reads, and what made it the one (said by ``init`` and ``config show``)."""

    path: Path | None
    found_by: str


def find_config(explicit: str | Path | None = None, cwd: Path | None = None) -> ConfigLocation:
    """``--config``, else ``$OSTEODIGEST_CONFIG``, else ``./osteodigest.toml``, else the user's config
    folder, else none (the built-in defaults). A file named explicitly must exist (checked on reading);
    the two looked-for places are used only when a file is there."""
    if explicit:
        return ConfigLocation(Path(explicit), "--config")
    if os.environ.get(CONFIG_ENV):
        return ConfigLocation(Path(os.environ[CONFIG_ENV]), f"${CONFIG_ENV}")
    local = (cwd or Path.cwd()) / CONFIG_NAME
    if local.is_file():
        return ConfigLocation(local, f"./{CONFIG_NAME}")
    user = user_config_path()
    if user.is_file():
        return ConfigLocation(user, "the user config folder")
    return ConfigLocation(None, "no file found: built-in defaults")


@dataclass
class Settings:
    """Merged configuration plus where it came from (for resolving relative paths, and for ``config
    show``: ``origins`` names the file of every value the file set; the others are defaults)."""

    data: dict[str, Any]
    base_dir: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict)
    found_by: str = ""

    def origin(self, dotted: str) -> str:
        """Where the value of ``dotted`` came from: the config file's path, or ``default``."""
        return self.origins.get(dotted, "default")

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


def load_settings(path: str | Path | None = None, *, check: bool = True) -> Settings:
    """Defaults, overridden by the TOML file at ``path``, or the one :func:`find_config` finds.

    ``check``: refuse values of the right type but no use (:func:`crawler.config_check.first_error`);
    ``config check`` loads without it, to report every problem rather than the first.
    """
    location = find_config(path)
    settings = Settings(defaults(), found_by=location.found_by) if location.path is None else _read(location)
    if check:
        from osteodigest.crawler.config_check import first_error

        error = first_error(settings)
        if error:
            raise ConfigError(error)
    return settings


def _read(location: ConfigLocation) -> Settings:
    path = location.path
    assert path is not None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    data = defaults()
    origins: dict[str, str] = {}
    _merge(data, raw, defaults(), "", origins, str(path))
    return Settings(
        data=data, base_dir=path.resolve().parent, path=path, origins=origins, found_by=location.found_by
    )


def settings_from_dict(raw: dict[str, Any], base_dir: Path | None = None) -> Settings:
    """Validate and merge an in-memory override (used by tests and the scheduler)."""
    data = defaults()
    origins: dict[str, str] = {}
    _merge(data, raw, defaults(), "", origins, "given")
    return Settings(data=data, base_dir=base_dir or Path.cwd(), origins=origins, found_by="given")


def _merge(
    target: dict[str, Any],
    raw: dict[str, Any],
    schema: dict[str, Any],
    prefix: str,
    origins: dict[str, str],
    origin: str,
) -> None:
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
            _merge(target[key], value, default, dotted + ".", origins, origin)
            continue
        if (list_schema := list_of_tables(dotted)) is not None:
            # `replace_shipped = true` beside the list: the user's items only, not added to the shipped.
            base = [] if raw.get("replace_shipped") is True else target[key]
            target[key] = _list_of_tables(dotted, value, list_schema, base, origins, origin)
        else:
            target[key] = _checked(dotted, value, default)
        origins[dotted] = origin


def _list_of_tables(
    dotted: str,
    value: Any,
    schema: ListOfTables,
    base: list[dict[str, Any]],
    origins: dict[str, str],
    origin: str,
) -> list[dict[str, Any]]:
    """The user's items added to ``base`` (the shipped ones) by name, or by URL for an unnamed item: an
    item naming one of ``base`` changes only the keys it gives (``enabled = false`` turns it off); a new
    item gets every key's default and must give the required ones. ``origins`` records each item the
    file set, as ``DOTTED[NAME]``."""
    if not isinstance(value, list):
        raise ConfigError(f"bad value for '{dotted}': expected a list of tables ([[{dotted}]])")
    item_schema = schema.item
    items = copy.deepcopy(base)
    for index, item in enumerate(value, start=1):
        where = f"{dotted}[{index}]"
        if not isinstance(item, dict):
            raise ConfigError(f"bad value for '{where}': expected a table")
        for key in item:
            if key not in item_schema:
                raise ConfigError(f"unknown config key '{where}.{key}'")
        # Only a shipped item is changed by naming it: two items of the user's own both stay.
        known = _same_item(items[: len(base)], item)
        merged = known if known is not None else copy.deepcopy(dict(item_schema))
        for key, item_value in item.items():
            merged[key] = _checked(f"{dotted}.{key}", item_value, item_schema[key], where=f"{where}.{key}")
        for key in schema.required:
            if not merged[key]:
                raise ConfigError(f"missing value for '{where}.{key}'")
        if known is None:
            items.append(merged)
        origins[f"{dotted}[{_item_name(merged)}]"] = origin
    return items


def _item_name(item: dict[str, Any]) -> str:
    return str(item.get("name") or item.get("url") or "")


def _same_item(items: list[dict[str, Any]], item: dict[str, Any]) -> dict[str, Any] | None:
    """The item of ``items`` that ``item`` names (same name, else same URL), or None for a new one."""
    for key in ("name", "url"):
        wanted = item.get(key)
        if wanted:
            for candidate in items:
                if candidate.get(key) == wanted:
                    return candidate
    return None


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
    if _positive(dotted) and not value > 0:
        raise ConfigError(f"bad value for '{where}': must be more than 0, got {value!r}")
    if bounds := _bounds(dotted):
        least, most = bounds
        if least is not None and value < least:
            raise ConfigError(f"bad value for '{where}': must be at least {least:g}, got {value!r}")
        if most is not None and value > most:
            raise ConfigError(f"bad value for '{where}': must be at most {most:g}, got {value!r}")
    choices = _choices(dotted)
    if choices and value not in choices:
        raise ConfigError(f"bad value for '{where}': expected one of {', '.join(choices)}, got {value!r}")
    return value
