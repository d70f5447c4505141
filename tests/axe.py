"""axe-core in the Chromium tests: every page and email the browser tests open is checked, and any serious
or critical violation fails the test.

axe-core comes from npm into a project-local folder (``npm ci --prefix tests/js``, which ``.ci/run``
does); where it is absent the check skips, saying how to install it, rather than passing unchecked.
The script is injected through WebDriver, which the pages' Content-Security-Policy (no scripts) does not
govern, so the pages are checked exactly as they are served.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
#: Impacts that fail a test; "moderate" and "minor" findings are printed for a human, not failed.
FAILING = ("serious", "critical")

_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(JSON.stringify(r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => ({target: n.target, summary: n.failureSummary}))})))))
  .catch(e => done(JSON.stringify({error: String(e)})));
"""


def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.skip(f"axe-core is not installed ({AXE_JS} is absent): run `npm ci --prefix tests/js`")
    return AXE_JS.read_text(encoding="utf-8")


def violations(driver) -> list[dict]:
    """Every axe-core violation on the page now open in ``driver``."""
    source = axe_source()
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(source)
    result = json.loads(driver.execute_async_script(_RUN))
    if isinstance(result, dict):
        raise AssertionError(f"axe-core failed to run: {result['error']}")
    return result


def assert_accessible(driver, what: str) -> list[dict]:
    """Fail on any serious or critical violation on the open page; return the milder ones."""
    found = violations(driver)
    bad = [v for v in found if v["impact"] in FAILING]
    assert not bad, f"axe-core on {what}: " + json.dumps(bad, indent=1)[:4000]
    return found
