"""Politeness kept on a clock: the rate limiter's spacing and urllib3's waits before a retry are asked of
the session's clock, which a test replaces to see them without sleeping through them."""

from __future__ import annotations

import pytest
from osteodigest.crawler.http import RateLimiter, make_session, request_checked

from tests.clocks import FakeClock
from tests.fetching import CONTACT, fast_http


def test_the_rate_limiter_spaces_requests_to_one_host_and_not_across_hosts():
    clock = FakeClock()
    limiter = RateLimiter(clock)
    limiter.set_rate("a.example", 2.0)
    for _ in range(3):
        limiter.wait("a.example")
    limiter.wait("b.example")
    assert clock.sleeps == [0.5, 0.5], "two requests/s: half a second before each but the first"


def test_time_already_passed_counts_towards_the_spacing():
    clock = FakeClock()
    limiter = RateLimiter(clock)
    limiter.set_rate("a.example", 1.0)
    limiter.wait("a.example")
    clock.now += 0.7  # the first request took 0.7 s
    limiter.wait("a.example")
    assert clock.sleeps == [pytest.approx(0.3)]


def test_a_stricter_limit_learnt_mid_run_spaces_the_very_next_request():
    clock = FakeClock()
    limiter = RateLimiter(clock)
    limiter.set_rate("a.example", 100.0)
    limiter.wait("a.example")
    limiter.set_rate("a.example", 0.5)  # robots.txt: Crawl-delay: 2
    limiter.set_rate("a.example", 100.0)  # a laxer limit asked later does not loosen it
    limiter.wait("a.example")
    assert clock.sleeps == [2.0]


def test_retry_after_and_back_off_are_waited_on_the_sessions_clock(httpserver):
    for status, headers in ((429, {"Retry-After": "2"}), (503, {}), (503, {})):
        httpserver.expect_ordered_request("/x").respond_with_data("busy", status=status, headers=headers)
    httpserver.expect_ordered_request("/x").respond_with_data("ok")
    clock = FakeClock()
    session = make_session(fast_http(backoff=0.5), CONTACT, clock)
    assert request_checked(session, "GET", httpserver.url_for("/x")).text == "ok"
    assert clock.sleeps == [2.0, 1.0, 2.0], "Retry-After: 2, then urllib3's back-off: 0.5 × 2, 0.5 × 4"


def test_a_retry_after_beyond_the_cap_is_not_waited_for(httpserver):
    httpserver.expect_request("/x").respond_with_data("later", status=503, headers={"Retry-After": "7200"})
    clock = FakeClock()
    session = make_session(fast_http(), CONTACT, clock)
    response = request_checked(session, "GET", httpserver.url_for("/x"), ok_statuses=(503,))
    assert response.status_code == 503 and clock.sleeps == [], "the source fails now and retries next run"
