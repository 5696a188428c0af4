"""axe-core, the accessibility checker, run on a page Playwright has open.

axe is vendored whole (tests/e2e/a11y/vendor/axe.min.js, MPL-2.0, docs/accessibility.md says
which version): the run needs no network and checks the same rules on every machine.
Weefwerk's pages have a strict CSP with Trusted Types, so the checker cannot come in as a
<script> tag; `page.evaluate` runs its text through the DevTools protocol, which the page's
policy does not govern, and axe itself writes no HTML into the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_SOURCE = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
AXE_VERSION = re.search(r"axe v([0-9.]+)", AXE_SOURCE[:400]).group(1)

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, the level the Dutch government asks for, and
# axe's best practices (landmarks, headings), which a screen-reader user feels as much
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TAGS = [*WCAG_TAGS, "best-practice"]
BLOCKING = ("serious", "critical")

RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    url: str
    targets: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING

    def describe(self) -> str:
        shown = ", ".join(self.targets[:4]) + (" …" if len(self.targets) > 4 else "")
        return f"{self.rule} ({self.impact}): {self.help}\n    at {shown}\n    {self.url}"


def check(page: Page) -> list[Violation]:
    """Every WCAG A/AA or best-practice violation axe finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE + "\n;true")
    found = page.evaluate(RUN, TAGS)
    return [Violation(v["rule"], v["impact"] or "minor", v["help"], v["url"], tuple(v["targets"]))
            for v in found]
