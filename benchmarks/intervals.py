"""The 95% Wilson score interval the benchmarks print beside a measured share.

A precision or recall measured on a few dozen records is an estimate: the interval says how far the rate
on the next thousand records may be from it, so that a bar missed by 0.006 on 237 verdicts reads as what it
is, not a miss the data can tell from a pass. Wilson's interval rather than the normal one: it stays inside
0-1 and is honest at 0 or n successes, which small classes often have.
"""

from __future__ import annotations


def wilson(k: int, n: int, z: float = 1.96) -> str:
    """The interval of k successes in n as "lo-hi" (two decimals); "-" when n is 0."""
    if n == 0:
        return "-"
    share = k / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((share * (1 - share) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return f"{max(0.0, centre - half):.2f}-{min(1.0, centre + half):.2f}"
