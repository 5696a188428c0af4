"""What every scenario hands back: its targets, each with the measured figure and whether
it was met, printed as one table and written to the results file."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Check:
    """One target of issue 14 and what this run measured for it. `met` is None when the
    run could not measure it (the figure says why)."""

    what: str
    target: str
    figure: str
    met: bool | None

    @property
    def verdict(self) -> str:
        return {True: "MET", False: "NOT MET", None: "NOT MEASURED"}[self.met]

    def as_dict(self) -> dict:
        return asdict(self) | {"verdict": self.verdict}


def table(checks: list[Check]) -> str:
    """The checks as an aligned text table: what | target | figure | verdict."""
    rows = [("scenario", "target", "measured", "")] + [
        (c.what, c.target, c.figure, c.verdict) for c in checks]
    widths = [min(max(len(r[i]) for r in rows), 60) for i in range(3)]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(3)]
        lines.append(" | ".join(cells + [row[3]]))
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths) + "-+--------")
    return "\n".join(lines)


def markdown(checks: list[Check]) -> str:
    """The same table for docs/performance.md."""
    lines = ["| scenario | target | measured | met? |", "|---|---|---|---|"]
    lines += [f"| {c.what} | {c.target} | {c.figure} | {c.verdict} |" for c in checks]
    return "\n".join(lines)
