"""Values of the right type but no use: a port out of range, an address or URL that does not parse, a
folder that is not there.

The settings schema (:mod:`crawler.settings`) checks types; this checks meaning, key by key, so a config
that says ``smtp.port = 99999`` or ``web.base_url = "digest.example.org"`` is refused when it is read,
naming the key, rather than when the first mail is due at 6 a.m. Every command refuses the first error
(exit 2); ``osteodigest config check`` lists them all, with the warnings (:func:`findings`).
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from osteodigest.crawler import registry
from osteodigest.crawler.settings import Settings

#: Schemes a service, feed or page may be reached by.
WEB_SCHEMES = ("http", "https")
#: The most requests per second a service's operator allows at its own address, by (source, key):
#: NCBI's E-utilities guidelines, 3 without an API key and 10 with one (more gets the address blocked).
#: A mirror or a test server set as the source's base_url may be asked faster.
OPERATOR_RATES = {("pubmed", "rate_limit"): 3.0, ("pubmed", "rate_limit_with_key"): 10.0}


@dataclass(frozen=True)
class Finding:
    """One problem of a configuration: the key, what is wrong, and whether it stops every command."""

    key: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"bad value for '{self.key}': {self.message}" if self.error else f"{self.key}: {self.message}"


def first_error(settings: Settings) -> str | None:
    """The first error of :func:`findings` as one line, or None when every value can be used."""
    return next((str(f) for f in findings(settings, on_load=True) if f.error), None)


def findings(settings: Settings, *, on_load: bool = False) -> list[Finding]:
    """Every error and warning of the values, in the order of the keys.

    ``on_load``: only what every command refuses; ``config check`` adds the store's folder (a command
    such as ``tag`` or ``init`` never opens the store, and tests build settings before the folder).
    """
    found = [*_paths(settings), *_numbers(settings), *_rates(settings), *_addresses(settings)]
    found += _urls(settings)
    if not on_load:
        found += [*_store_folder(settings), *_warnings(settings)]
    return found


def _paths(settings: Settings) -> Iterator[Finding]:
    general = settings.section("general")
    if general["topics_file"] and not settings.resolve(general["topics_file"]).is_file():
        yield Finding("general.topics_file", f"no such file: {settings.resolve(general['topics_file'])}")
    templates = settings.section("digest")["templates_dir"]
    if templates and not settings.resolve(templates).is_dir():
        yield Finding("digest.templates_dir", f"no such folder: {settings.resolve(templates)}")


def _store_folder(settings: Settings) -> Iterator[Finding]:
    # The outbox and data folders are made when first written; SQLite makes no folder for the store.
    parent = settings.database_path.parent
    if not parent.is_dir():
        yield Finding("general.database", f"the folder it would be in does not exist: {parent}")


def _numbers(settings: Settings) -> Iterator[Finding]:
    for key in ("smtp.port", "mailbox.port"):
        section, _, name = key.partition(".")
        port = settings.section(section)[name]
        if not 1 <= port <= 65535:
            yield Finding(key, f"a port is 1 to 65535, got {port}")
    if settings.section("smtp")["max_attempts"] < 1:
        yield Finding("smtp.max_attempts", "at least 1 attempt")


def _rates(settings: Settings) -> Iterator[Finding]:
    for (name, key), most in OPERATOR_RATES.items():
        spec = registry.find(name)
        if spec is None:
            continue
        table = settings.source(name)
        at_operator = urlsplit(table["base_url"]).hostname == urlsplit(spec.base_url).hostname
        if at_operator and table[key] > most:
            yield Finding(
                f"sources.{name}.{key}",
                f"at most {most:g} requests/s at {urlsplit(spec.base_url).hostname} (its operator's limit), "
                f"got {table[key]:g}",
            )


def _addresses(settings: Settings) -> Iterator[Finding]:
    smtp = settings.section("smtp")
    _name, address = email.utils.parseaddr(smtp["from"])
    problem = _address_problem(address) if address else "not an address"
    if problem:
        yield Finding("smtp.from", f"{smtp['from']!r} is not 'Name <address>' or an address ({problem})")
    for key, value in (
        ("general.contact_email", settings.contact_email),
        ("mailbox.address", settings.section("mailbox")["address"]),
        ("monitor.alert_email", settings.section("monitor")["alert_email"]),
    ):
        if value and (problem := _address_problem(value)):
            yield Finding(key, f"{value!r} is not an email address ({problem})")


def _address_problem(value: str) -> str | None:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc).rstrip(".")
    return None


def _urls(settings: Settings) -> Iterator[Finding]:
    for key in ("web.base_url", "headlines.base_url"):
        section, _, name = key.partition(".")
        value = settings.section(section)[name]
        if value and (problem := url_problem(value)):
            yield Finding(key, problem)
    if settings.section("headlines")["base_url"] and not settings.section("headlines")["model"]:
        yield Finding("headlines.model", "required with headlines.base_url")
    mailbox = settings.section("mailbox")
    if mailbox["host"] and not mailbox["address"]:
        yield Finding("mailbox.address", "required with mailbox.host (the address the mailbox receives)")
    for spec in registry.sources():
        table = settings.source(spec.name)
        if table["base_url"] and (problem := url_problem(table["base_url"])):
            yield Finding(f"sources.{spec.name}.base_url", problem)
        for key in spec.lists:
            for index, item in enumerate(table[key], start=1):
                url = item.get("url", "")
                # A relative URL is resolved against the source's base_url, when it has one.
                if url and not table["base_url"] and (problem := url_problem(url)):
                    yield Finding(f"sources.{spec.name}.{key}[{index}].url", problem)


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a web address (no scheme, another scheme, no host), or None."""
    parts = urlsplit(value)
    if not parts.scheme or "." in parts.scheme:
        return f"{value!r} has no scheme: write http://… or https://…"
    if parts.scheme not in WEB_SCHEMES:
        return f"{value!r}: the scheme must be http or https"
    if not parts.hostname:
        return f"{value!r} names no host"
    return None


def _warnings(settings: Settings) -> Iterator[Finding]:
    base = settings.section("web")["base_url"]
    if settings.section("smtp")["host"] and not url_problem(base) and not base.startswith("https://"):
        yield Finding(
            "web.base_url",
            f"{base} is not https: mail providers ignore one-click unsubscribe over http",
            error=False,
        )
