"""How long ``POST /subscribe`` takes for an address the store knows and for one it does not.

Issue 15 measured 31 ms against 16 ms (medians): the time told a visitor whether an address was
subscribed. Both paths now run the same statements and queue their message instead of waiting for the
mail server; this prints the medians and spreads so the remaining difference is visible. The app is the
real one (Flask test client, a real SQLite file in a temporary folder, the outbox transport draining in
its worker thread); requests alternate known / new so drift hits both alike. No model or data is
trained or tuned here: the addresses are synthetic.

    python benchmarks/signup_timing.py [--requests 300] [--smtp-delay 0.2]

``--smtp-delay`` also runs the sign-ups against a local SMTP server that waits that long before every
answer (aiosmtpd, from the test extras), to show the answer does not wait for the mail server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import tempfile
import time
from pathlib import Path

from osteodigest.crawler.settings import settings_from_dict
from osteodigest.crawler.store import Store
from osteodigest.newsletter.subscribers import add_subscriber
from osteodigest.newsletter.web import create_app


def settings_for(folder: Path, smtp_port: int | None):
    raw = {
        "general": {"database": "store.sqlite3", "outbox": "outbox", "data_dir": "data"},
        "web": {
            "base_url": "https://digest.example.org",
            "subscribe_per_address_per_hour": 1_000_000,
            "subscribe_per_client_per_hour": 1_000_000,
        },
    }
    if smtp_port:
        raw["smtp"] = {"host": "127.0.0.1", "port": smtp_port, "security": "none", "timeout": 30.0}
    return settings_from_dict(raw, base_dir=folder)


def measure(folder: Path, requests: int, smtp_port: int | None = None) -> dict[str, list[float]]:
    settings = settings_for(folder, smtp_port)
    known = [f"known{i}@example.org" for i in range(requests)]
    with Store(settings.database_path) as store:
        for address in known:
            add_subscriber(store, address)
    app = create_app(settings)
    client = app.test_client()
    page = client.get("/subscribe").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    times: dict[str, list[float]] = {"known": [], "new": []}
    for i in range(requests):
        for kind, address in (("known", known[i]), ("new", f"new{i}@example.org")):
            start = time.perf_counter()
            response = client.post("/subscribe", data={"csrf_token": token, "email": address})
            times[kind].append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
    app.extensions["osteodigest"].mailer.drain(timeout=600)
    return times


def report(label: str, times: dict[str, list[float]]) -> None:
    for kind, values in times.items():
        ms = sorted(v * 1000 for v in values)
        p90 = ms[int(len(ms) * 0.9)]
        print(
            f"{label:<26} {kind:<6} median {statistics.median(ms):6.2f} ms   p90 {p90:6.2f} ms   n={len(ms)}"
        )
    gap = statistics.median(times["new"]) - statistics.median(times["known"])
    print(f"{label:<26} new - known medians: {gap * 1000:+.2f} ms")


def slow_smtp(delay: float):
    """A local SMTP server that takes ``delay`` seconds to answer each message (aiosmtpd)."""
    from aiosmtpd.controller import Controller

    class Slow:
        async def handle_DATA(self, server, session, envelope) -> str:
            await asyncio.sleep(delay)
            return "250 2.0.0 Ok"

    with socket.socket() as probe:  # a free port (aiosmtpd's readiness probe cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Slow(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per kind of address")
    parser.add_argument("--smtp-delay", type=float, default=0.0, help="also run against a slow SMTP server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report("outbox transport", measure(Path(tmp), args.requests))
    if args.smtp_delay:
        controller = slow_smtp(args.smtp_delay)
        try:
            port = controller.port
            with tempfile.TemporaryDirectory() as tmp:
                requests = min(args.requests, 50)
                report(f"SMTP answering in {args.smtp_delay}s", measure(Path(tmp), requests, port))
        finally:
            controller.stop()
    print(f"load average {os.getloadavg()[0]:.2f}; synthetic addresses, nothing trained or tuned")


if __name__ == "__main__":
    main()
