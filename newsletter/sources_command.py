"""``osteodigest sources``: every source, and every feed and page of one, with its state, last success
and counts — what a maintainer checks after adding a journal, without reading TOML or the store."""

from __future__ import annotations

from urllib.parse import urljoin

from osteodigest.crawler import registry, stats
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.status import describe_watermarks, watermark_of
from osteodigest.crawler.store import Store


def sources_listing(settings: Settings, store: Store) -> str:
    """One block per registered source: on or off, last success, what its latest run did, its
    watermarks; then each item of its lists (feeds, pages) with its state, origin and watermark."""
    lines = []
    for spec in registry.sources():
        table = settings.source(spec.name)
        runs = store.ops.source_runs(spec.name)
        marks = {key: watermark_of(state) for key, state in store.ops.watermarks(spec.name).items()}
        success = next((r.finished_at for r in runs if r.ok), None)
        lines.append(f"{spec.name} ({spec.label}): {'enabled' if table['enabled'] else 'disabled'}")
        lines.append(f"  last success  {success[:16].replace('T', ' ') if success else 'never'}")
        if runs and runs[0].stats:
            lines.append(f"  last run      {stats.describe(runs[0].stats)}")
        lines.append(f"  watermark     {describe_watermarks(marks)}")
        for key in spec.lists:
            for item in table[key]:
                url = urljoin(table["base_url"], item["url"]) if table["base_url"] else item["url"]
                named = f'"{item["name"]}" ' if item.get("name") else ""
                origin = settings.origin(f"sources.{spec.name}.{key}[{item.get('name') or item['url']}]")
                state = "on" if item["enabled"] else "off"
                mark = marks.get(url, {})
                seen = f"fetched to {mark['date']}" if mark.get("date") else "not fetched yet"
                if "gone_since" in mark:
                    seen = f"retired (410) since {mark['gone_since']}"
                where = "shipped" if origin == "default" else origin
                lines.append(f"  {key[:-1]} {named}{url}: {state}, {seen} ({where})")
    return "\n".join(lines) + "\n"
