"""The probe benchmark reads its judged hand-made records and says, per round, what was tuned on it."""

from __future__ import annotations

import re

from tests.conftest import benchmark_module


def test_every_probe_round_is_scored_and_says_whether_rules_were_written_from_it(capsys):
    probes = benchmark_module("probes")
    assert probes.main([]) == 0
    out = capsys.readouterr().out
    rounds = re.findall(r"^== relevance probes, round (\w+): (\d+) records; (.+)$", out, re.M)
    assert {name for name, _, _ in rounds} == {"p13", "q13", "r13", "s13", "t13", "u13", "v13"}
    tuned = {name for name, _, provenance in rounds if "TUNED ON" in provenance}
    assert tuned == {"p13", "q13", "r13", "s13", "t13", "u13"}
    assert dict((name, provenance) for name, _, provenance in rounds)["v13"] == "read once, never tuned on"
    assert "== design probes: 170 modern abstracts of other fields; read once, never tuned on" in out
    # Every topic of every round and every scored design class gets a figure.
    assert len(re.findall(r"about precision \d+/\d+ = [01]\.\d{3}, recall", out)) == 14
    assert re.search(r"^  rct +precision \d+/\d+ = ", out, re.M)
