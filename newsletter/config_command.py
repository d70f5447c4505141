"""``osteodigest config check`` and ``config show``: what the tool will read, and whether it can use it.

``check`` lists every problem of the configuration at once (a command stops at the first): the values
(:mod:`crawler.config_check`), then what only using them shows — the time zone, each job's cron
expression, the topics file. ``show`` prints the effective configuration, each value with where it came
from (the default, or the file), the secrets from the environment masked, then the topics and the feeds
that a run will use.
"""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from osteodigest.crawler import settings as settings_module
from osteodigest.crawler.config_check import Finding, findings
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.run import load_topics_for
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.topics import load_topics

#: Environment variables holding secrets: ``config show`` says whether each is set, never its value.
SECRET_ENVS = (
    settings_module.NCBI_API_KEY_ENV,
    settings_module.SMTP_PASSWORD_ENV,
    settings_module.SECRET_KEY_ENV,
    settings_module.HEADLINE_API_KEY_ENV,
)


def check(settings: Settings) -> list[Finding]:
    """Every error and warning: the values, then the time zone, the schedules and the topics file."""
    found = findings(settings)
    timezone = settings.section("general")["timezone"]
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(Finding("general.timezone", f"unknown time zone {timezone!r} (e.g. Europe/Berlin)"))
        tz = ZoneInfo("UTC")
    from osteodigest.newsletter.schedule import job_specs, trigger_for

    for spec in job_specs(settings):
        try:
            trigger_for(spec, tz)
        except ConfigError as exc:
            found.append(Finding(spec.setting, str(exc).partition(": ")[2] or str(exc)))
    try:
        load_topics_for(settings)
    except ConfigError as exc:
        found.append(Finding("general.topics_file", str(exc)))
    return found


def show(settings: Settings) -> str:
    """The effective configuration as TOML, each value commented with its origin, then the secrets,
    the topics and the feeds and pages."""
    lines = [f"# config file: {settings.path or '(none)'} ({settings.found_by})"]
    lines += _tables(settings, settings.data, "")
    lines += ["", "# secrets, from the environment only"]
    for name in SECRET_ENVS:
        lines.append(f"#   {name}: {'set (value not shown)' if Settings.secret(name) else 'not set'}")
    topics_file = settings.section("general")["topics_file"]
    user_file = settings.resolve(topics_file) if topics_file else None
    shipped = {t.name: t for t in load_topics()}
    lines += ["", "# topics: the shipped topics.toml" + (f", with {user_file} added" if user_file else "")]
    for topic in load_topics(user_file):
        parent = f", under {topic.parent}" if topic.parent else ""
        origin = "shipped" if shipped.get(topic.name) == topic else str(user_file)
        lines.append(f"#   {topic.name}: {topic.label}{parent} ({origin})")
    return "\n".join(lines) + "\n"


def _tables(settings: Settings, node: dict[str, Any], prefix: str) -> list[str]:
    lines: list[str] = []
    plain = {k: v for k, v in node.items() if not isinstance(v, dict)}
    if plain:
        lines += ["", f"[{prefix.rstrip('.')}]"]
    for key, value in plain.items():
        dotted = f"{prefix}{key}"
        if settings_module.list_of_tables(dotted) is not None:
            continue
        lines.append(f"{key} = {_toml(value)}  # {settings.origin(dotted)}")
    for key, value in plain.items():
        dotted = f"{prefix}{key}"
        if settings_module.list_of_tables(dotted) is None:
            continue
        for item in value:
            name = item.get("name") or item.get("url")
            origin = settings.origin(f"{dotted}[{name}]")
            lines += ["", f"[[{dotted}]]  # {'shipped' if origin == 'default' else origin}"]
            lines += [f"{k} = {_toml(v)}" for k, v in item.items()]
    for key, value in node.items():
        if isinstance(value, dict):
            lines += _tables(settings, value, f"{prefix}{key}.")
    return lines


def _toml(value: Any) -> str:
    """A TOML value (JSON's strings, numbers and arrays read the same in TOML; booleans are lower case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)
