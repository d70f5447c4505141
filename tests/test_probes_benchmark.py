"""The probe benchmark reads its judged hand-made records and says, per round, what was tuned on it."""

from __future__ import annotations

import re

from tests.conftest import benchmark_module


def test_every_probe_round_is_scored_and_says_whether_rules_were_written_from_it(capsys):
    probes = benchmark_module("probes")
    assert probes.main([]) == 0
    out = capsys.readouterr().out
    rounds = re.findall(r"^== relevance probes, round (\w+): (\d+) records; (.+)$", out, re.M)
    names = {"p13", "q13", "r13", "s13", "t13", "u13", "v13", "w13", "x13", "z13"}
    assert {name for name, _, _ in rounds} == names
    tuned = {name for name, _, provenance in rounds if "TUNED ON" in provenance}
    assert tuned == names - {"x13", "z13"}
    held_out = {name: provenance for name, _, provenance in rounds if name in ("x13", "z13")}
    assert set(held_out.values()) == {"read once, never tuned on"}
    designs = re.findall(r"^== design probes, round (\w+): (\d+) modern abstracts; (.+)$", out, re.M)
    assert [(name, int(count)) for name, count, _ in designs] == [("p14", 170), ("q14", 150), ("r14", 150)]
    assert all("TUNED ON" in provenance for _, _, provenance in designs)
    # Every topic of every round and every scored design class gets a figure.
    assert len(re.findall(r"about precision \d+/\d+ = [01]\.\d{3}, recall", out)) == 2 * len(names)
    assert re.search(r"^  rct +precision \d+/\d+ = ", out, re.M)
